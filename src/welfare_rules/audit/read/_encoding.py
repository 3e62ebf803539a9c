"""Bytes → text for the text-like formats (plain text, Markdown, HTML, CSV): the encoding
told by its byte-order mark, else UTF-8, else Windows-1258 (Vietnamese Windows)."""

from __future__ import annotations

import codecs
import unicodedata

from ..._i18n import Catalog, Text
from ...errors import DocumentReadError

_MSG = Catalog(
    "audit.read.encoding",
    {
        "binary": Text(
            vi="không phải tệp văn bản (có byte 0) và không thuộc định dạng nào đọc được",
            en="not a text file (it holds NUL bytes) and not a format that can be read",
        ),
        "bad": Text(
            vi="không giải mã được theo {encoding} (byte {position})",
            en="cannot be decoded as {encoding} (byte {position})",
        ),
    },
)

# Longest mark first: the UTF-32 LE mark begins with the UTF-16 LE one.
_MARKS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode(data: bytes, *, name: str) -> str:
    """The text in ``data``, NFC-normalised (Windows-1258 writes tones as combining marks).

    >>> decode("Mức 600.000đ".encode("utf-16"), name="x.txt")
    'Mức 600.000đ'
    >>> decode(codecs.BOM_UTF32_LE + "22 suất".encode("utf-32-le"), name="x.txt")
    '22 suất'
    """
    for mark, encoding in _MARKS:
        if data.startswith(mark):
            return _decode(data[len(mark) :], encoding, name)
    if b"\x00" in data:
        wide = _utf16_without_mark(data)
        if wide is None:
            from ._office import refuse_encrypted

            refuse_encrypted(data, name=name)  # a password-protected report given a text name
            raise DocumentReadError(name, _MSG("binary"))
        return _decode(data, wide, name)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _decode(data, "cp1258", name)
    return unicodedata.normalize("NFC", text)


def _decode(data: bytes, encoding: str, name: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DocumentReadError(name, _MSG("bad", encoding=encoding, position=exc.start)) from exc
    return unicodedata.normalize("NFC", text)


def _utf16_without_mark(data: bytes) -> str | None:
    """UTF-16 without its mark: mostly-ASCII text puts its NULs on one side of each pair."""
    sample = data[:4096]
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 4
    if odd > half and even == 0:
        return "utf-16-le"
    if even > half and odd == 0:
        return "utf-16-be"
    return None


__all__ = ["decode"]
