"""What the Office readers share: telling zip, OLE2 and damaged files apart, in one line.

A ``.docx``/``.xlsx`` is a zip archive (``PK\\x03\\x04``); a password-protected one is an
OLE2 compound file (``D0 CF 11 E0``) holding an ``EncryptedPackage`` stream, as an old
``.xls``/``.doc`` is an OLE2 file holding a ``Workbook``/``WordDocument`` stream.
"""

from __future__ import annotations

import io
import zipfile

from ..._i18n import Catalog, Text
from ...errors import DocumentReadError

ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

_MSG = Catalog(
    "audit.read.office",
    {
        "encrypted": Text(
            vi="tệp Office được đặt mật khẩu (mã hóa); hãy gỡ mật khẩu rồi lưu lại",
            en="a password-protected (encrypted) Office file; remove the password and save again",
        ),
        "damaged": Text(
            vi="tệp {kind} bị hỏng hoặc không trọn vẹn (không phải tệp zip đầy đủ)",
            en="a damaged or truncated {kind} file (not a complete zip archive)",
        ),
        "not_kind": Text(
            vi="không phải tệp {kind} ({found})",
            en="not a {kind} file ({found})",
        ),
        "ole2": Text(vi="tệp Office cũ (OLE2)", en="an old Office (OLE2) file"),
        "no_zip": Text(vi="không có dấu hiệu zip", en="no zip signature"),
        "no_part": Text(vi="thiếu phần {part}", en="no {part} part"),
        "old_word": Text(
            vi="tệp Word cũ (.doc) chưa đọc được; hãy lưu lại thành .docx",
            en="an old Word file (.doc) cannot be read; save it as .docx",
        ),
    },
)

_UTF16_ENCRYPTED = (
    "EncryptedPackage".encode("utf-16-le"),
    "EncryptionInfo".encode("utf-16-le"),
)
_UTF16_WORD = "WordDocument".encode("utf-16-le")


def is_encrypted_ole2(data: bytes) -> bool:
    """An OLE2 file holding an ``EncryptedPackage`` or its ``EncryptionInfo`` (a
    password-protected .docx/.xlsx/.pptx, as Office saves it)."""
    return data.startswith(OLE2_MAGIC) and any(name in data for name in _UTF16_ENCRYPTED)


def refuse_encrypted(data: bytes, *, name: str) -> None:
    """Raise the one-line refusal of a password-protected Office file, if ``data`` is one
    (whatever the file is called: the readers of other formats ask too)."""
    if is_encrypted_ole2(data):
        raise DocumentReadError(name, _MSG("encrypted"))


def is_old_word(data: bytes) -> bool:
    """An OLE2 file holding a ``WordDocument`` stream (Word 97–2003)."""
    return data.startswith(OLE2_MAGIC) and _UTF16_WORD in data


def open_zip(data: bytes, *, name: str, kind: str, part: str) -> zipfile.ZipFile:
    """``data`` as a zip archive holding ``part`` (``word/document.xml``), or the one-line
    reason it is not: encrypted, damaged or truncated, or another format."""
    refuse_encrypted(data, name=name)
    if data.startswith(OLE2_MAGIC):
        if is_old_word(data):
            raise DocumentReadError(name, _MSG("old_word"))
        raise DocumentReadError(name, _MSG("not_kind", kind=kind, found=_MSG("ole2")))
    if not data.startswith(ZIP_MAGIC):
        raise DocumentReadError(name, _MSG("not_kind", kind=kind, found=_MSG("no_zip")))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        bad = archive.testzip()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError) as exc:
        raise DocumentReadError(name, _MSG("damaged", kind=kind)) from exc
    except Exception as exc:  # zlib.error and friends: still a damaged archive
        raise DocumentReadError(name, _MSG("damaged", kind=kind)) from exc
    if bad is not None:
        raise DocumentReadError(name, _MSG("damaged", kind=kind))
    if part not in archive.namelist():
        found = _MSG("no_part", part=part)
        raise DocumentReadError(name, _MSG("not_kind", kind=kind, found=found))
    return archive


def zip_part(data: bytes, part: str) -> bool:
    """Whether ``data`` is a readable zip holding ``part`` (a Word file named .xlsx …)."""
    if not data.startswith(ZIP_MAGIC):
        return False
    try:
        return part in zipfile.ZipFile(io.BytesIO(data)).namelist()
    except Exception:  # damaged: the reader that owns the suffix says so
        return False


def damaged(name: str, *, kind: str) -> DocumentReadError:
    """The one-line error for a file its library could not parse."""
    return DocumentReadError(name, _MSG("damaged", kind=kind))


def zip_holds(head: bytes, marker: bytes) -> bool:
    """A zip whose first bytes name a part under ``marker`` (``b"word/"``, ``b"xl/"``)."""
    return head.startswith(ZIP_MAGIC) and marker in head


__all__ = [
    "OLE2_MAGIC",
    "ZIP_MAGIC",
    "damaged",
    "is_encrypted_ole2",
    "is_old_word",
    "open_zip",
    "refuse_encrypted",
    "zip_holds",
    "zip_part",
]
