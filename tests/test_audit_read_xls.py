"""Tests for audit/read/xls.py: Excel 97–2003 workbooks made with xlwt."""

from __future__ import annotations

import functools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from welfare_rules.audit.read import read_bytes
from welfare_rules.audit.read._office import OLE2_MAGIC
from welfare_rules.audit.read.xls import XLS
from welfare_rules.errors import DocumentReadError

from .office_files import (
    WRONG,
    damaged_copies,
    errors_of,
    expected_errors,
    refusal,
    wheres_of,
    xls_bytes,
    xlsx_bytes,
)

pytest.importorskip("xlrd")
pytest.importorskip("xlwt")


def test_the_old_workbook_reads_like_the_new_one() -> None:
    document = read_bytes(xls_bytes(), name="bao-cao.xls")
    assert document.format == "xls"
    assert errors_of(document) == expected_errors()
    assert wheres_of(document)[WRONG] == "Tổng hợp!E11"
    assert document.lines[0].text == "## Tổng hợp"


def test_numbers_are_exact_integers() -> None:
    text = XLS.read(xls_bytes(), name="r.xls").text()
    assert "| 2 | Hộ nghèo | 40 | 400.000 | 16.000.000 |" in text
    assert "16000000.0" not in text


def test_ole2_files_that_are_not_workbooks_are_one_line() -> None:
    encrypted = OLE2_MAGIC + bytes(504) + "EncryptedPackage".encode("utf-16-le")
    with pytest.raises(DocumentReadError, match="password-protected"):
        XLS.read(encrypted, name="secret.xls")
    word = OLE2_MAGIC + bytes(504) + "WordDocument".encode("utf-16-le")
    with pytest.raises(DocumentReadError, match=r"old Word file"):
        XLS.read(word, name="old.doc.xls")
    with pytest.raises(DocumentReadError, match="damaged"):
        XLS.read(OLE2_MAGIC + bytes(100), name="cut.xls")


def test_an_xlsx_named_xls_is_read_as_what_it_is() -> None:
    assert errors_of(XLS.read(xlsx_bytes(), name="mislabelled.xls")) == expected_errors()


def test_sniff_claims_ole2() -> None:
    assert XLS.sniff(xls_bytes()[:4096])
    assert not XLS.sniff(b"PK\x03\x04")


@functools.cache
def _sample() -> bytes:
    return xls_bytes()


# -- whatever the bytes: a document or the one documented error ------------------------------


@settings(max_examples=40)
@given(data=st.data())
def test_damaged_bytes_give_a_document_or_a_read_error(data: st.DataObject) -> None:
    for damaged in damaged_copies(data, _sample()):
        reason = refusal(XLS, damaged, name="f.xls")
        assert reason is None or "\n" not in reason


@settings(max_examples=60)
@given(st.binary(max_size=600))
def test_any_bytes_give_a_document_or_a_read_error(data: bytes) -> None:
    reason = refusal(XLS, data, name="f.xls")
    assert reason is None or "\n" not in reason
