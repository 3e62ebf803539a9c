"""PDF with a text layer (pdfplumber, the ``office`` extra): its lines in reading order.

Each text line of each page is a line placed ``trang 2, dòng 14`` (the line's number on
its page, counted from the top as a person counts them). A ruled table (a Word table
saved as PDF) is read as rows of cells placed ``trang 1, bảng 1, hàng 3, cột «Thành
tiền»``, where it stands among the lines. Page furniture is dropped: a
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

from ... import _regex
from ..._i18n import Catalog, Text
from ..._optional import require
from ...errors import DocumentReadError
from .document import Cell, Document, Place, SourceLine
from .places import table_headers
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

_PAGE_NUMBER = _regex.compile(
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
            from ._office import refuse_encrypted

            refuse_encrypted(data, name=name)  # a password-protected Word or Excel file
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
        if not any(text for page in pages for text, _ in page[1]) and not any(p[2] for p in pages):
            raise DocumentReadError(name, _MSG("scan"))
        return Document(name=name, format=self.name, lines=tuple(_lines(pages)))


@dataclass(frozen=True)
class _Table:
    """A ruled table found on a page: its rows (top, cell texts) inside its box."""

    box: tuple[float, float, float, float]  # x0, top, x1, bottom
    rows: list[tuple[float, list[str]]]


_Page = tuple[float, list[tuple[str, float]], list[_Table]]  # height, (text, top), tables


def _pages(pdfplumber: Any, data: bytes, name: str) -> list[_Page]:
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages: list[_Page] = []
            for page in pdf.pages:
                page = page.dedupe_chars()
                tables = _tables(page)
                lines = page.extract_text_lines(strip=True, return_chars=False)
                texts = [
                    (_clean(line["text"]), float(line["top"]))
                    for line in lines
                    if not any(_inside(line, table.box) for table in tables)
                ]
                pages.append((float(page.height or 842.0), [t for t in texts if t[0]], tables))
            return pages
    except Exception as exc:  # pdfminer raises many kinds, wrapped or not
        if _encrypted(exc):
            raise DocumentReadError(name, _MSG("encrypted")) from exc
        raise DocumentReadError(name, _MSG("damaged")) from exc


def _clean(text: str | None) -> str:
    return unicodedata.normalize("NFC", " ".join((text or "").split()))


def _tables(page: Any) -> list[_Table]:
    """The page's ruled tables of at least two rows and two columns, as rows of cells."""
    found: list[_Table] = []
    for table in page.find_tables():
        texts = table.extract()
        rows = [
            (float(row.bbox[1]), [_clean(cell) for cell in cells])
            for row, cells in zip(table.rows, texts, strict=False)
            if any(cell for cell in cells)
        ]
        if len(rows) >= 2 and max(len(cells) for _, cells in rows) >= 2:
            x0, top, x1, bottom = (float(v) for v in table.bbox)
            found.append(_Table((x0, top, x1, bottom), rows))
    return found


def _inside(line: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = box
    middle = (float(line["top"]) + float(line["bottom"])) / 2
    return top <= middle <= bottom and float(line["x0"]) < x1 and float(line["x1"]) > x0


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
    tables = 0
    for number, (height, texts, found) in enumerate(pages, start=1):
        items: list[tuple[float, str | None, _Table | None, int]] = [
            (top, text, None, 0) for text, top in texts
        ]
        for ruled in found:
            tables += 1
            items.append((ruled.box[1], None, ruled, tables))
        items.sort(key=lambda item: item[0])
        for position, (top, text, table, count) in enumerate(items, start=1):
            if table is not None:
                lines += _table_lines(table, page=number, number=count)
                continue
            assert text is not None
            edge = _at_edge(top, height) or position in (1, len(items))
            if edge and (_PAGE_NUMBER.fullmatch(text) or _key(text, top) in repeated):
                continue
            lines.append(SourceLine(text, Place(page=number, line=position)))
    return lines


def _table_lines(table: _Table, *, page: int, number: int) -> list[SourceLine]:
    """A table's rows as table rows placed ``trang 1, bảng 2, hàng 3, cột «…»``."""
    width = max(len(cells) for _, cells in table.rows)
    rows = [cells + [""] * (width - len(cells)) for _, cells in table.rows]
    headers = table_headers(rows)
    lines = [SourceLine("", Place(page=page, table=number))]
    for row_number, cells in enumerate(rows, start=1):
        placed = tuple(
            Cell(
                text,
                Place(page=page, table=number, row=row_number, column=col, header=headers.get(col)),
            )
            for col, text in enumerate(cells, start=1)
        )
        place = Place(page=page, table=number, row=row_number)
        lines.append(SourceLine(" | ".join(cells), place, cells=placed))
    lines.append(SourceLine("", Place(page=page, table=number)))
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
    for height, texts, _ in pages:
        keys = {_key(text, top) for text, top in texts if _at_edge(top, height)}
        counts.update(keys)
    threshold = max(2, (len(pages) + 1) // 2)
    return {key for key, count in counts.items() if count >= threshold}


PDF = register(PdfReader())

__all__ = ["PDF", "PdfReader"]
