"""PDF with a text layer (pdfplumber, the ``office`` extra): its lines in reading order.

Each text line of each page is a line placed ``trang 2, dòng 14`` (the line's number on
its page, counted from the top as a person counts them). Page furniture is dropped: a
page number (``Trang 1/2``, ``- 3 -``, a bare number) at the top or bottom of a page,
and a line repeated at the same height on most pages (a running header or footer).
Lines wrapped mid-sentence stay as they are: the text pipeline joins soft wraps back
into sentences, across pages too. A PDF without a text layer (a scan) is refused: it
needs text recognition (OCR) first; an encrypted PDF is refused in one line.
"""

from __future__ import annotations

import io
import logging
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Any

from ..._i18n import Catalog, Text
from ..._optional import require
from ...errors import DocumentReadError
from .document import Document, Place, SourceLine
from .registry import register

_MSG = Catalog(
    "audit.read.pdf",
    {
        "scan": Text(
            vi="tệp PDF không có lớp chữ (bản quét ảnh): cần nhận dạng chữ (OCR) trước",
            en="the PDF has no text layer (a scanned image): it needs text recognition (OCR) first",
        ),
        "encrypted": Text(
            vi="tệp PDF được mã hóa bằng mật khẩu; hãy gỡ mật khẩu rồi lưu lại",
            en="the PDF is encrypted with a password; remove the password and save again",
        ),
        "damaged": Text(
            vi="tệp PDF bị hỏng hoặc không trọn vẹn", en="a damaged or truncated PDF file"
        ),
        "not_pdf": Text(vi="không phải tệp PDF", en="not a PDF file"),
    },
)

_PAGE_NUMBER = re.compile(
    r"(?:(?:trang|page|tr\.)\s*)?[-–—]?\s*\d{1,4}\s*(?:(?:/|trên|of)\s*\d{1,4})?\s*[-–—]?",
    re.IGNORECASE,
)
_EDGE = 0.09  # the top and bottom 9 % of a page hold its running header and footer
_TOLERANCE = 6.0  # points: "the same height" on two pages


@dataclass(frozen=True)
class PdfReader:
    """PDF files (``%PDF-``) whose pages carry text."""

    name: str = "pdf"
    suffixes: tuple[str, ...] = (".pdf",)
    extra: str | None = "office"

    def sniff(self, head: bytes) -> bool:
        """``%PDF-`` within the first kilobyte (some writers put junk before it)."""
        return b"%PDF-" in head[:1024]

    def read(self, data: bytes, *, name: str) -> Document:
        """Every page's lines without the page furniture."""
        if b"%PDF-" not in data[:1024]:
            raise DocumentReadError(name, _MSG("not_pdf"))
        pdfplumber = require("pdfplumber", extra=self.extra or "office", feature="PDF")
        quiet = [logging.getLogger(n) for n in ("pdfminer", "pdfplumber", "pypdfium2")]
        levels = [logger.level for logger in quiet]
        for logger in quiet:
            logger.setLevel(logging.CRITICAL)
        try:
            pages = _pages(pdfplumber, data, name)
        finally:
            for logger, level in zip(quiet, levels, strict=True):
                logger.setLevel(level)
        if not any(text for page in pages for text, _ in page[1]):
            raise DocumentReadError(name, _MSG("scan"))
        return Document(name=name, format=self.name, lines=tuple(_lines(pages)))


_Page = tuple[float, list[tuple[str, float]]]  # page height, (text, top) per line


def _pages(pdfplumber: Any, data: bytes, name: str) -> list[_Page]:
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages: list[_Page] = []
            for page in pdf.pages:
                lines = page.dedupe_chars().extract_text_lines(strip=True, return_chars=False)
                texts = [
                    (unicodedata.normalize("NFC", " ".join(line["text"].split())), line["top"])
                    for line in lines
                ]
                pages.append((float(page.height or 842.0), [t for t in texts if t[0]]))
            return pages
    except Exception as exc:  # pdfminer raises many kinds, wrapped or not
        if _encrypted(exc):
            raise DocumentReadError(name, _MSG("encrypted")) from exc
        raise DocumentReadError(name, _MSG("damaged")) from exc


def _encrypted(exc: BaseException | None) -> bool:
    seen = 0
    while exc is not None and seen < 10:
        kind = type(exc).__name__
        if "Password" in kind or "Encrypt" in kind or "password" in str(exc).lower():
            return True
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return False


def _lines(pages: list[_Page]) -> list[SourceLine]:
    repeated = _running(pages)
    lines: list[SourceLine] = []
    for number, (height, texts) in enumerate(pages, start=1):
        for position, (text, top) in enumerate(texts, start=1):
            edge = _at_edge(top, height) or position in (1, len(texts))
            if edge and (_PAGE_NUMBER.fullmatch(text) or _key(text, top) in repeated):
                continue
            lines.append(SourceLine(text, Place(page=number, line=position)))
    return lines


def _at_edge(top: float, height: float) -> bool:
    return top < height * _EDGE or top > height * (1 - _EDGE)


def _key(text: str, top: float) -> tuple[str, int]:
    """A line as a running header is repeated: its digits aside, at about one height."""
    return re.sub(r"\d+", "#", text.lower()), round(top / _TOLERANCE)


def _running(pages: list[_Page]) -> set[tuple[str, int]]:
    """Lines at a page's edge repeated at the same height on most pages (at least two)."""
    if len(pages) < 2:
        return set()
    counts: Counter[tuple[str, int]] = Counter()
    for height, texts in pages:
        keys = {_key(text, top) for text, top in texts if _at_edge(top, height)}
        counts.update(keys)
    threshold = max(2, (len(pages) + 1) // 2)
    return {key for key, count in counts.items() if count >= threshold}


PDF = register(PdfReader())

__all__ = ["PDF", "PdfReader"]
