"""Where a finding stands in its file: a text line, or the very cell of a table row.

The text pipeline reads a table row's cells in order and names each figure's field
(count, level, amount). :func:`place_of` maps a finding's line back through
:meth:`~.document.Document.place` and, on a table row, picks the cell: the one whose
number is the figure as written, else the column whose header names the field (the
header row is found as the pipeline finds it, by :func:`~.._tables.header_columns`).
:func:`table_headers` gives the readers each column's header text for their places.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from ... import _regex
from .document import Document, Place

if TYPE_CHECKING:
    from ..._i18n import Lang
    from .document import SourceLine

_GROUPING = _regex.compile(r"[.\s\u00a0\u202f]")
_NUMBER = _regex.compile(r"\d{1,3}(?:[.\s\u00a0\u202f]\d{3})+|\d+")


def table_headers(rows: Sequence[Sequence[str]]) -> dict[int, str]:
    """Each 1-based column's header: from the row (of the first six) that names the most
    figure columns, else the first row; a blank there (under a merged header) takes the
    nearest text above it.

    >>> table_headers([["STT", "Nội dung", "Kinh phí", "", ""],
    ...                ["", "", "Số suất", "Mức quà", "Thành tiền"], ["1", "Xã A", "3"]])
    {1: 'STT', 2: 'Nội dung', 3: 'Số suất', 4: 'Mức quà', 5: 'Thành tiền'}
    """
    from .._tables import header_columns

    if not rows:
        return {}
    chosen, named = 0, 0
    for position, row in enumerate(rows[:6]):  # the row naming the most figure columns
        columns = header_columns(tuple(row)) or ()
        figures = sum(column in ("count", "level", "amount") for column in columns)
        if figures > named:
            chosen, named = position, figures
    headers: dict[int, str] = {}
    for column in range(max(len(row) for row in rows)):
        for position in range(chosen, -1, -1):
            row = rows[position]
            if column < len(row) and row[column].strip():
                headers[column + 1] = row[column].strip()
                break
    return headers


def place_of(
    document: Document,
    line: int | None,
    *,
    field: str | None = None,
    value: int | Decimal | None = None,
) -> Place | None:
    """The best place of a figure on ``line`` (1-based, of :meth:`Document.text`).

    On a table row: the cell whose number reads ``value``, else the cell of the column
    whose header names ``field`` (``count``, ``level``, ``amount``), else the row. On any
    other line, the line's place. ``None`` when the line is unknown.
    """
    if line is None or not 1 <= line <= len(document.lines):
        return None
    source = document.lines[line - 1]
    if source.cells is None:
        return source.place
    column = _by_value(source, value)
    if column is None and field is not None:
        column = _by_field(document, line, field)
    return document.place(line, column=column)


def cell_number(text: str) -> int | None:
    """The whole number a cell holds (``"1.250.000"``, ``"27 300 000"``, ``"12"``), if it
    holds exactly one.

    >>> cell_number("1.250.000"), cell_number("27 300 000 đ"), cell_number("Xã A")
    (1250000, 27300000, None)
    """
    found = _NUMBER.findall(text)
    if len(found) != 1:
        return None
    return int(_GROUPING.sub("", found[0]))


def _by_value(source: SourceLine, value: int | Decimal | None) -> int | None:
    if not isinstance(value, int) or source.cells is None:
        return None
    matches = [i for i, cell in enumerate(source.cells) if cell_number(cell.text) == value]
    return matches[0] if len(matches) == 1 else None


def _by_field(document: Document, line: int, field: str) -> int | None:
    """The 0-based column whose header names ``field``, from the nearest header row above."""
    from .._tables import header_columns

    position = line - 1
    while position >= 0 and document.lines[position].cells is not None:
        cells = document.lines[position].cells
        assert cells is not None
        columns = header_columns(tuple(cell.text for cell in cells))
        if columns is not None:
            wanted = [i for i, column in enumerate(columns) if column == field]
            return wanted[0] if len(wanted) == 1 else None
        position -= 1
    return None


_FIELD_VI = r"(?:(số lượng|mức|số tiền) )?"
_FIELD_EN = r"(?:(count|level|amount)(?: total)? )?"
_LINE_VI = _regex.compile(rf"\b{_FIELD_VI}(ở )?dòng (\d+)\b")
_LINE_EN = _regex.compile(rf"\b{_FIELD_EN}(on |at )?line (\d+)\b")
_FIELDS = {"số lượng": "count", "mức": "level", "số tiền": "amount"}
_TEXT_FORMATS = frozenset({"text", "markdown", "json", "toml"})


def relocate(message: str, document: Document, *, lang: Lang) -> str:
    """``message`` with each ``dòng N`` / ``line N`` of the text rendering said as the
    place in the file (``ở bảng 1, hàng 6``), down to the cell where the words before it
    name the figure (``số tiền ở dòng 7`` → ``số tiền ở Tong hop!D6``); a text file's
    lines are its places, so its messages are left as they are.

    >>> from .document import Cell, SourceLine
    >>> row = SourceLine("", Place(table=1, row=6), cells=(Cell("5", Place(table=1, row=6)),))
    >>> document = Document(name="r.docx", format="docx", lines=(row,))
    >>> relocate("đồng thời làm khớp tổng ở dòng 1", document, lang="vi")
    'đồng thời làm khớp tổng ở bảng 1, hàng 6'
    >>> relocate("which makes the total on line 1 agree", document, lang="en")
    'which makes the total at table 1, row 6 agree'
    """
    if document.format in _TEXT_FORMATS or not document.lines:
        return message

    def say(match: re.Match[str]) -> str:
        named, linker, number = match.groups()
        field = None if named is None else _FIELDS.get(named, named)
        line = int(number)
        place = place_of(document, line, field=field) if field else document.place(line)
        where = place.describe(lang=lang) if place is not None else ""
        if not where:
            return match.group(0)
        before = match.group(0)[: match.start(2 if linker else 3) - match.start(0)]
        if lang == "en":
            return f"{before}at {where}" if linker else f"{before}{where}"
        return f"{before}{linker or ''}{where}"

    return (_LINE_VI if lang == "vi" else _LINE_EN).sub(say, message)


__all__ = ["cell_number", "place_of", "relocate", "table_headers"]
