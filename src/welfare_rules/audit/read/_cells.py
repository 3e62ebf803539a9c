"""Spreadsheet values as the text pipeline reads them: exact integers, never a rounding.

A whole number is written as an exact integer, grouped the Vietnamese way when the cell
displays thousands (``1.250.000``); a float that is whole is that integer; any other
float is written as it stands with a decimal comma (``1250000,5``), so the pipeline
lists it as not understood instead of rounding it; a percentage cell (``0.46`` shown
``0.0%``) is written as shown (``46,0%``); a date as ``dd/mm/yyyy``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ... import _regex
from .document import Cell, Place, SourceLine

_DECIMALS = _regex.compile(r"0\.(0+)%")
_DIGITS = _regex.compile(r"\d+")


def value_text(value: object, *, number_format: str | None = None) -> str:
    """The text of a cell ``value`` (shown with ``number_format``, when known).

    >>> value_text(1250000, number_format="#,##0")
    '1.250.000'
    >>> value_text(1250000.0), value_text(2024), value_text(0.46, number_format="0.0%")
    ('1250000', '2024', '46,0%')
    >>> value_text(1250000.5, number_format="#,##0")
    '1250000,5'
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time():
            return value.strftime("%d/%m/%Y")
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    fmt = number_format or ""
    if isinstance(value, int | float | Decimal):
        if fmt.endswith("%"):
            return _percent(value, fmt)
        exact = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        if not exact.is_finite():
            return str(value)
        if exact == exact.to_integral_value():
            whole = int(exact)
            if "," in fmt.split(";")[0]:
                return f"{whole:,}".replace(",", ".")
            return str(whole)
        return format(exact, "f").replace(".", ",")
    return " ".join(str(value).split())


def _percent(value: int | float | Decimal, fmt: str) -> str:
    match = _DECIMALS.search(fmt)
    places = len(match.group(1)) if match else 0
    shown = Decimal(repr(value)) * 100 if isinstance(value, float) else Decimal(value) * 100
    text = f"{shown:.{places}f}".replace(".", ",")
    return f"{text}%"


def sheet_lines(
    sheet: str, rows: list[tuple[int, dict[int, str]]], *, heading: bool
) -> list[SourceLine]:
    """One sheet as lines: its name as a heading (when ``heading``), then each row with
    two or more filled cells as a table row (cells placed ``Sheet1!E7``), a row with one
    as a line of text, and a run of empty rows as one blank line.

    ``rows`` are ``(row number, {column number: text})`` with 1-based numbers.
    """
    lines: list[SourceLine] = []
    if heading:
        lines.append(SourceLine(f"## {sheet}", Place(sheet=sheet), reading=heading_reading(sheet)))
    filled = [(number, cells) for number, cells in rows if any(cells.values())]
    if not filled:
        return lines
    wide = [
        col
        for _, cells in filled
        if sum(1 for text in cells.values() if text) > 1
        for col, text in cells.items()
        if text
    ]
    first, last = (min(wide), max(wide)) if wide else (1, 1)
    previous = None
    for number, cells in filled:
        if previous is not None and number > previous + 1:
            lines.append(SourceLine("", Place(sheet=sheet)))
        previous = number
        used = [col for col, text in cells.items() if text]
        if len(used) == 1:
            col = used[0]
            ref = f"{column_letters(col)}{number}"
            lines.append(SourceLine(cells[col], Place(sheet=sheet, cell=ref, row=number)))
            continue
        row = tuple(
            Cell(
                cells.get(col, ""),
                Place(sheet=sheet, cell=f"{column_letters(col)}{number}", row=number, column=col),
            )
            for col in range(first, last + 1)
        )
        text = " | ".join(cell.text for cell in row)
        lines.append(SourceLine(text, Place(sheet=sheet, row=number), cells=row))
    return lines


def heading_reading(sheet: str) -> str:
    """The heading the pipeline reads for the sheet ``sheet``: its name without digits
    (``Sheet1``, ``Xã 3`` name a sheet; read as figures they would stand unexplained).

    >>> heading_reading("Sheet1"), heading_reading("Xã 3 (2025)"), heading_reading("2025")
    ('## Sheet', '## Xã ()', '## Trang tính')
    """
    name = " ".join(_DIGITS.sub("", sheet).split())
    return f"## {name or 'Trang tính'}"


def column_letters(index: int) -> str:
    """The letters of the 1-based column ``index`` (``1`` → ``A``, ``28`` → ``AB``).

    >>> column_letters(1), column_letters(26), column_letters(28)
    ('A', 'Z', 'AB')
    """
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


__all__ = ["column_letters", "heading_reading", "sheet_lines", "value_text"]
