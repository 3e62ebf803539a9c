"""A document as the auditor reads it: located lines and cells, whatever the file format.

Every reader (text, Markdown, HTML, Word, Excel, PDF, CSV) turns a file into a
:class:`Document`: its lines in reading order, each with the :class:`Place` a person can
find it at in the file itself (``trang 2, dòng 14``; ``đoạn 12``; ``bảng 1, hàng 5, cột
«Thành tiền»``; ``Sheet1!E7``; ``hàng 12, cột 4``). A table row is a line whose
:attr:`SourceLine.cells` hold the cells, each with its own place. The text pipeline reads
:meth:`Document.text` (table rows rendered as Markdown pipe rows), and a finding's line
number maps back to a place through :meth:`Document.place`. A report tree given as data
(JSON, TOML) is a document with :attr:`Document.tree` set and no lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..._i18n import Lang

if TYPE_CHECKING:
    from ..report import Report


@dataclass(frozen=True, slots=True)
class Place:
    """Where a line or a cell stands in its file, in the file's own terms.

    >>> Place(page=2, line=14).describe(lang="vi")
    'trang 2, dòng 14'
    >>> Place(paragraph=12).describe(lang="vi"), Place(paragraph=12).describe(lang="en")
    ('đoạn 12', 'paragraph 12')
    >>> Place(table=1, row=5, header="Thành tiền").describe(lang="en")
    'table 1, row 5, column «Thành tiền»'
    >>> Place(sheet="Sheet1", cell="E7").describe(lang="vi")
    'Sheet1!E7'
    >>> Place(row=12, column=4).describe(lang="en")
    'row 12, column 4'
    """

    page: int | None = None
    line: int | None = None  # the line in the file (text) or on the page (PDF)
    table: int | None = None  # 1-based table number (Word, HTML)
    paragraph: int | None = None  # a Word document's non-empty paragraph, 1-based
    row: int | None = None  # 1-based row of the table or the CSV file
    column: int | None = None  # 1-based column
    header: str | None = None  # the column's header as written ("Thành tiền")
    sheet: str | None = None  # a workbook's sheet
    cell: str | None = None  # a worksheet cell reference ("E7")

    def describe(self, *, lang: Lang) -> str:
        """The place as a person says it, in ``lang``."""
        if self.sheet is not None and self.cell is not None:
            return f"{self.sheet}!{self.cell}"
        vi = lang == "vi"
        parts: list[str] = []
        if self.sheet is not None:
            parts.append(f"{'trang tính' if vi else 'sheet'} {self.sheet}")
        if self.page is not None:
            parts.append(f"{'trang' if vi else 'page'} {self.page}")
        if self.table is not None:
            parts.append(f"{'bảng' if vi else 'table'} {self.table}")
        if self.paragraph is not None:
            parts.append(f"{'đoạn' if vi else 'paragraph'} {self.paragraph}")
        if self.line is not None:
            parts.append(f"{'dòng' if vi else 'line'} {self.line}")
        if self.row is not None:
            parts.append(f"{'hàng' if vi else 'row'} {self.row}")
        if self.header:
            parts.append(f"{'cột' if vi else 'column'} «{self.header}»")
        elif self.column is not None:
            parts.append(f"{'cột' if vi else 'column'} {self.column}")
        return ", ".join(parts)

    def to_dict(self) -> dict[str, object]:
        """The fields that are set, as a plain dict."""
        return {
            name: getattr(self, name) for name in self.__slots__ if getattr(self, name) is not None
        }


@dataclass(frozen=True, slots=True)
class Cell:
    """One table cell: its text as read (a number cell already written as text) and place."""

    text: str
    place: Place


@dataclass(frozen=True, slots=True)
class SourceLine:
    """One line of a document in reading order: a paragraph line, a heading or a table row.

    ``cells`` is set for a table row; ``text`` is then ignored by :meth:`Document.text`,
    which renders the cells as a Markdown pipe row. ``reading`` is set where the pipeline
    must read other words than a person is shown: a sheet's name as a heading
    (``## Sheet1``) is read without its digits, which name the sheet and are no figure.
    """

    text: str
    place: Place
    cells: tuple[Cell, ...] | None = None
    reading: str | None = None

    def rendered(self) -> str:
        """The line as the text pipeline reads it."""
        if self.reading is not None:
            return self.reading
        if self.cells is None:
            return self.text
        return "| " + " | ".join(_cell_text(cell.text) for cell in self.cells) + " |"


def _cell_text(text: str) -> str:
    """A cell's text on one line with its pipes escaped, so the row keeps its columns."""
    return " ".join(text.split()).replace("|", "\\|")


@dataclass(frozen=True, slots=True)
class Document:
    """A file read into located lines (or a report tree given as data)."""

    name: str  # the file name, or "-" for standard input
    format: str  # the reader that read it: "text", "markdown", "docx", "xlsx" …
    lines: tuple[SourceLine, ...] = ()
    tree: Report | None = None  # set when the file is a report tree (JSON, TOML)

    def text(self) -> str:
        """The whole document as text for the pipeline: one line per :class:`SourceLine`."""
        return "\n".join(line.rendered() for line in self.lines)

    def place(self, line: int | None, *, column: int | None = None) -> Place | None:
        """The place of the 1-based ``line`` of :meth:`text` (of its ``column``-th cell,
        0-based, where the line is a table row and the cell is known)."""
        if line is None or not 1 <= line <= len(self.lines):
            return None
        source = self.lines[line - 1]
        if column is not None and source.cells is not None and 0 <= column < len(source.cells):
            return source.cells[column].place
        return source.place

    @classmethod
    def from_text(cls, text: str, *, name: str, format: str = "text") -> Document:
        """A plain text as a document: each line placed by its line number."""
        from .._normalize import split_lines

        return cls(
            name=name,
            format=format,
            lines=tuple(
                SourceLine(raw, Place(line=number))
                for number, raw in enumerate(split_lines(text), start=1)
            ),
        )


__all__ = ["Cell", "Document", "Place", "SourceLine"]
