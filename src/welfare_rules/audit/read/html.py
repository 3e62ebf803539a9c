"""A saved web page (``.html``, standard library): its text, not its markup.

Scripts, styles, the ``<head>``, forms and hidden templates are skipped. Each block
element (paragraph, heading, list item, ``<br>``, ``<div>`` …) ends a line, placed by
the line of the page's source it starts on; list items keep their bullet (``- ``) or
number (``1. ``), nested lists their indentation. A ``<table>`` gives one table row per
``<tr>``, its cells placed ``bảng 1, hàng 5, cột «Thành tiền»``; a cell spanning
columns is read once, followed by blanks for the columns it spans.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser

from ._encoding import decode
from .document import Cell, Document, Place, SourceLine
from .places import table_headers
from .registry import register

_SKIP = {"script", "style", "head", "noscript", "template", "svg", "select", "button", "iframe"}
_BLOCK = {
    "address",
    "article",
    "aside",
    "blockquote",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "ul",
}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
_VOID |= {"wbr", "track", "param"}
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.IGNORECASE)


@dataclass(frozen=True)
class HtmlReader:
    """HTML pages (``<!doctype html>``, ``<html>``)."""

    name: str = "html"
    suffixes: tuple[str, ...] = (".html", ".htm", ".xhtml")
    extra: str | None = None

    def sniff(self, head: bytes) -> bool:
        """``<!doctype html`` or ``<html`` at the start (after a mark and blanks)."""
        start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:100].lower()
        return start.startswith((b"<!doctype html", b"<html"))

    def read(self, data: bytes, *, name: str) -> Document:
        """The page's text as lines, its tables as rows of cells."""
        text = _decode(data, name=name)
        parser = _Parser()
        parser.feed(text)
        parser.close()
        parser.flush()
        return Document(name=name, format=self.name, lines=tuple(parser.lines))


def _decode(data: bytes, *, name: str) -> str:
    """The page's text: by its mark, as UTF-8, else by its ``<meta charset>``."""
    match = _CHARSET.search(data[:4096])
    declared = match.group(1).decode("ascii", "replace").lower() if match else ""
    if declared and declared not in ("utf-8", "utf8") and not data.startswith(b"\xef\xbb\xbf"):
        try:
            return unicodedata.normalize("NFC", data.decode(declared))
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data, name=name)


@dataclass
class _Table:
    number: int
    rows: list[list[tuple[str, int]]] = field(default_factory=list)  # (text, line) per cell
    row_lines: list[int] = field(default_factory=list)
    cell: list[str] | None = None
    cell_line: int = 0
    span: int = 1
    down: int = 1  # the current cell's rowspan
    nested: int = 0  # tables open inside the current cell
    # the columns a cell of a row above still covers (rowspan): column → rows still to go
    below: dict[int, int] = field(default_factory=dict)

    def cover(self, line: int) -> None:
        """The current row's next columns that a cell above spans into: empty cells, as a
        merged cell reads in a sheet (the table keeps its columns in place)."""
        row = self.rows[-1]
        while self.below.get(len(row), 0) > 0:
            self.below[len(row)] -= 1
            row.append(("", line))


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[SourceLine] = []
        self._text: list[str] = []
        self._line = 1
        self._skip: list[str] = []
        self._tables: list[_Table] = []
        self._count = 0
        self._lists: list[list[int | None]] = []  # each open list: [counter or None]
        self._prefix = ""
        self._pre = 0

    # -- events ---------------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skip:
            if tag not in _VOID:
                self._skip.append(tag)
            return
        if tag in _SKIP or _hidden(attrs):
            if tag not in _VOID:
                self._skip.append(tag)
            return
        table = self._tables[-1] if self._tables else None
        if table is not None and table.cell is not None and (table.nested or tag == "table"):
            table.nested += tag == "table"
            table.cell.append(" ")  # a table inside a cell: its text joins the cell
            return
        if tag == "table":
            self.flush()
            self._count += 1
            self._tables.append(_Table(self._count))
        elif table is not None and table.cell is None and tag == "tr":
            table.rows.append([])
            table.row_lines.append(self.getpos()[0])
        elif table is not None and tag in ("td", "th") and table.cell is None:
            if not table.rows:
                table.rows.append([])
                table.row_lines.append(self.getpos()[0])
            table.cell = []
            table.cell_line = self.getpos()[0]
            span = dict(attrs).get("colspan") or "1"
            table.span = max(1, min(int(span), 100)) if span.isdigit() else 1
            down = dict(attrs).get("rowspan") or "1"
            table.down = max(1, min(int(down), 1000)) if down.isdigit() else 1
        elif table is not None and table.cell is not None:
            if tag in ("br", "p", "div", "li"):
                table.cell.append(" ")
        elif tag == "br":
            self.flush()
        elif tag in ("ul", "ol"):
            self.flush()
            self._lists.append([0 if tag == "ol" else None])
        elif tag == "li":
            self.flush()
            depth = max(0, len(self._lists) - 1)
            counter = self._lists[-1] if self._lists else [None]
            if counter[0] is None:
                self._prefix = "  " * depth + "- "
            else:
                counter[0] += 1
                self._prefix = "  " * depth + f"{counter[0]}. "
        elif tag == "pre":
            self.flush()
            self._pre += 1
        elif tag in _BLOCK:
            self.flush()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._skip:
            if tag == self._skip[-1]:
                self._skip.pop()
            return
        table = self._tables[-1] if self._tables else None
        if table is not None:
            if table.nested and table.cell is not None:
                table.nested -= tag == "table"
                table.cell.append(" ")
                return
            if tag in ("td", "th") and table.cell is not None:
                text = " ".join("".join(table.cell).split())
                table.cover(table.cell_line)
                first = len(table.rows[-1])
                table.rows[-1].append((text, table.cell_line))
                table.rows[-1].extend(("", table.cell_line) for _ in range(table.span - 1))
                if table.down > 1:  # rowspan: the rows below keep these columns empty
                    for column in range(first, first + table.span):
                        table.below[column] = table.down - 1
                table.cell = None
            elif tag == "tr" and table.cell is None and table.rows:
                table.cover(self.getpos()[0])  # columns spanned into at the row's end
            elif tag == "table" and table.cell is None:
                self._tables.pop()
                self._emit_table(table)
            return
        if tag in ("ul", "ol") and self._lists:
            self.flush()
            self._lists.pop()
        elif tag == "pre":
            self.flush()
            self._pre = max(0, self._pre - 1)
        elif tag in _BLOCK:
            self.flush()

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        table = self._tables[-1] if self._tables else None
        if table is not None:
            if table.cell is not None:
                table.cell.append(data)
            return  # text between cells is markup layout, not content
        if self._pre:
            first, *rest = data.split("\n")
            self._add(first)
            for piece in rest:
                self.flush()
                self._add(piece)
            return
        self._add(data)

    # -- lines ----------------------------------------------------------------------------

    def _add(self, data: str) -> None:
        if not self._text and data.strip():
            self._line = self.getpos()[0] + _leading_newlines(data)
        self._text.append(data)

    def flush(self) -> None:
        """End the current line of text (if any)."""
        text = " ".join("".join(self._text).split())
        self._text = []
        if text:
            self.lines.append(SourceLine(self._prefix + text, Place(line=self._line)))
        self._prefix = ""

    def _emit_table(self, table: _Table) -> None:
        rows = [row for row in table.rows if row]
        if not rows:
            return
        width = max(len(row) for row in rows)
        headers = table_headers([[text for text, _ in row] for row in rows])
        self.lines.append(SourceLine("", Place(table=table.number)))
        for number, row in enumerate(rows, start=1):
            padded = row + [("", 0)] * (width - len(row))
            cells = tuple(
                Cell(
                    text,
                    Place(table=table.number, row=number, column=col, header=headers.get(col)),
                )
                for col, (text, _) in enumerate(padded, start=1)
            )
            if not any(cell.text for cell in cells):
                continue
            place = Place(table=table.number, row=number)
            self.lines.append(SourceLine(" | ".join(c.text for c in cells), place, cells=cells))
        self.lines.append(SourceLine("", Place(table=table.number)))


def _hidden(attrs: list[tuple[str, str | None]]) -> bool:
    """``hidden``, ``aria-hidden="true"`` or an inline ``display: none``."""
    for key, value in attrs:
        if key == "hidden" or (key == "aria-hidden" and value == "true"):
            return True
        if key == "style" and value and "display:none" in value.replace(" ", "").lower():
            return True
    return False


def _leading_newlines(data: str) -> int:
    stripped = data.lstrip()
    return data[: len(data) - len(stripped)].count("\n")


HTML = register(HtmlReader())

__all__ = ["HTML", "HtmlReader"]
