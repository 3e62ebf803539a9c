"""Tests for audit/read/_office.py: zip, OLE2 and damaged Office files told apart."""

from __future__ import annotations

import io
import zipfile

import pytest

from welfare_rules.audit.read._office import (
    OLE2_MAGIC,
    is_encrypted_ole2,
    is_old_word,
    open_zip,
    zip_holds,
)
from welfare_rules.errors import DocumentReadError


def _zip(*names: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            archive.writestr(name, "<x>" + "dữ liệu " * 200 + "</x>")
    return out.getvalue()


def test_a_complete_zip_with_its_part_opens() -> None:
    archive = open_zip(
        _zip("word/document.xml"), name="a.docx", kind="Word", part="word/document.xml"
    )
    assert "word/document.xml" in archive.namelist()


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (_zip("word/document.xml")[:-30], "damaged or truncated Word"),
        (_zip("word/document.xml")[:100], "damaged or truncated Word"),
        (_zip("xl/workbook.xml"), "no word/document.xml part"),
        (b"plain text", "no zip signature"),
        (OLE2_MAGIC + "EncryptedPackage".encode("utf-16-le"), "password-protected"),
        (OLE2_MAGIC + "WordDocument".encode("utf-16-le"), "old Word file"),
        (OLE2_MAGIC + bytes(50), "old Office (OLE2)"),
    ],
)
def test_each_bad_file_is_one_line(data: bytes, reason: str) -> None:
    with pytest.raises(DocumentReadError) as caught:
        open_zip(data, name="a.docx", kind="Word", part="word/document.xml")
    assert reason in caught.value.text.en
    assert "\n" not in caught.value.text.en
    assert "\n" not in caught.value.text.vi


def test_magic_checks() -> None:
    assert is_encrypted_ole2(OLE2_MAGIC + "EncryptedPackage".encode("utf-16-le"))
    assert not is_encrypted_ole2(b"EncryptedPackage")
    assert is_encrypted_ole2(OLE2_MAGIC + bytes(504) + "EncryptionInfo".encode("utf-16-le"))
    assert is_old_word(OLE2_MAGIC + "WordDocument".encode("utf-16-le"))
    assert zip_holds(_zip("word/document.xml"), b"word/")
    assert not zip_holds(_zip("word/document.xml"), b"xl/")
