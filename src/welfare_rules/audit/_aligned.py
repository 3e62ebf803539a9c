"""Tables aligned with spaces, as a Word table saved as text or a printed form gives them.

::

                                      Số suất      Mức quà      Thành tiền
                                                    (đồng)          (đồng)
    Thương binh, bệnh binh                 48      600.000       28.800.000

No pipes, no tabs: the columns are where the header's words stand. A block is read as a
table when a header line names figure columns (``Số suất``, ``Mức``, ``Thành tiền`` …) in
fields two or more spaces apart and at least two lines below it hold a number after such a
gap. Each field of a row goes to the header column whose right edge is nearest its own
(numbers are right-aligned); the text before the first column is the row's label; a line of
units under the header (``(đồng)``) joins the header's words. The rows become ordinary
table rows (:attr:`~._normalize.Line.cells`) for :mod:`._tables`; every other line is left
as it was.
"""

from __future__ import annotations

import re

from .. import _regex
from ._normalize import Line, normalize_text, read_lines
from ._tables import PRICED_GROUP_NAME

_GAP = _regex.compile(r"\S+(?: \S+)*")  # a field: words one space apart
_HEADER_WORDS = _regex.compile(
    r"số suất|số lượng|số người|số hộ|mức|thành tiền|số tiền|kinh phí|tổng"
    r"|(?<![^\W\d_])tiền(?![^\W\d_])|^cộng(?: \(.*\))?$",  # a field "Cộng", not "CỘNG HÒA …"
    re.IGNORECASE,
)
# a group's amount column after its count's, named after it: "Nhóm A   Tiền nhóm A"
_AMOUNT_OF = _regex.compile(r"(?:tiền|thành tiền|số tiền|kinh phí) (.+)", re.IGNORECASE)
_RULE = _regex.compile(r" *[-=_]{5,} *")  # a rule between the header, the rows and the total
_ROW = _regex.compile(r"\S {2,}\d")  # a number after a gap of two spaces or more
_MIN_ROWS = 2


def physical_lines(text: str) -> list[Line]:
    """The text's numbered lines as the pipeline reads them: normalised, with the rows of
    tables aligned with spaces given their cells (extraction and coverage read the same)."""
    return aligned_tables(read_lines(text))


def aligned_tables(lines: list[Line]) -> list[Line]:
    """``lines`` with every space-aligned table's header and rows given their cells."""
    out = list(lines)
    index = 0
    while index < len(out):
        header = _header(out[index])
        if header is None:
            index += 1
            continue
        start, columns = index, header
        index += 1
        units: Line | None = None
        if index < len(out) and _is_units(out[index], columns):
            units = out[index]
            index += 1
        rows: list[int] = []
        rules: list[int] = []
        while index < len(out) and out[index].cells is None:
            if _ROW.search(out[index].raw):
                rows.append(index)
            elif _RULE.fullmatch(out[index].raw):
                rules.append(index)
            else:
                break
            index += 1
        if len(rows) < _MIN_ROWS:
            index = start + 1
            continue
        names = [name for _, _, name in columns]
        if units is not None:
            for field_start, field_end, text in _fields(units.raw):
                at = _nearest(columns, field_start, field_end)
                names[at] = f"{names[at]} {text}"
            out[start + 1] = _as_cells(units, ("",) * (len(columns) + 2), separator=True)
        out[start] = _as_cells(out[start], ("STT", "Nội dung", *names))
        if start > 0 and (groups := _priced_groups(out[start - 1], columns)) is not None:
            out[start - 1] = _as_cells(out[start - 1], ("", "", *groups))
        for row in rows:
            out[row] = _as_cells(out[row], _cells(out[row].raw, columns))
        for rule in rules:
            out[rule] = _as_cells(out[rule], ("",) * (len(columns) + 2), separator=True)
    return out


def _fields(raw: str) -> list[tuple[int, int, str]]:
    """The fields of a line: runs of words one space apart, with their spans."""
    expanded = raw.expandtabs(8)
    return [(m.start(), m.end(), m.group(0)) for m in _GAP.finditer(expanded)]


def _header(line: Line) -> list[tuple[int, int, str]] | None:
    """The figure columns a header line names (start, end, words), or ``None``."""
    if line.cells is not None or "  " not in line.raw.strip():
        return None  # no gap between two fields: most lines, found without a regex
    fields = _fields(line.raw)
    named = [
        field
        for at, field in enumerate(fields)
        if _HEADER_WORDS.search(field[2]) or _counted_before(fields, at)
    ]
    if len(named) < 2 or any(char.isdigit() for _, _, text in fields for char in text):
        return None
    if fields[0][2] and fields[0] not in named and len(fields) - len(named) > 1:
        return None  # prose with double spaces, not a header
    # the first field is kept only where it names a column; the test is made for it
    # alone ('field in named' for every field was quadratic on a line of many fields)
    return [field for field in fields if field is not fields[0] or field in named]


def _counted_before(fields: list[tuple[int, int, str]], at: int) -> bool:
    """The field names the group whose amount the next field gives (``Nhóm A`` before
    ``Tiền nhóm A``): that group's count."""
    if at + 1 >= len(fields):
        return False
    amount = _AMOUNT_OF.fullmatch(fields[at + 1][2])
    return amount is not None and amount.group(1).lower() == fields[at][2].lower()


def _priced_groups(line: Line, columns: list[tuple[int, int, str]]) -> tuple[str, ...] | None:
    """The line above a header naming the level of each group of its columns
    (``Mức 600.000đ   Mức 300.000đ   Tổng cộng`` over ``Số suất  Thành tiền  Số suat
    Thành tiền  (đồng)``): each name over the column whose left edge is nearest its own,
    ``""`` over the others (a merged cell), for :mod:`._tables` to join with the header.
    ``None`` unless two names at least are such levels; the names left of the first
    column (``STT  Đơn vị``) are the rows' own."""
    if line.cells is not None or "  " not in line.raw.strip():
        return None
    fields = [field for field in _fields(line.raw) if field[1] > columns[0][0] - 1]
    if sum(1 for _, _, text in fields if PRICED_GROUP_NAME.fullmatch(text)) < 2:
        return None
    groups = [""] * len(columns)
    for start, _, text in fields:
        at = min(range(len(columns)), key=lambda i: abs(columns[i][0] - start))
        if groups[at]:
            return None  # two names over one column: no groups of columns
        groups[at] = text
    return tuple(groups)


def _is_units(line: Line, columns: list[tuple[int, int, str]]) -> bool:
    fields = _fields(line.raw)
    return bool(fields) and all(
        text.startswith("(") and text.endswith(")") and columns for _, _, text in fields
    )


def _nearest(columns: list[tuple[int, int, str]], start: int, end: int) -> int:
    """The column whose right edge is nearest ``end`` (its span overlapping first)."""
    overlapping = [i for i, (low, high, _) in enumerate(columns) if start < high and low < end]
    if len(overlapping) == 1:
        return overlapping[0]
    return min(range(len(columns)), key=lambda i: abs(columns[i][1] - end))


_ENUMERATOR = _regex.compile(r"([IVXLC]{1,6}|[A-H]|\d{1,2}(?:\.\d{1,2})?)[.)] +(.*)")


def _cells(raw: str, columns: list[tuple[int, int, str]]) -> tuple[str, ...]:
    """The row's number (``A``, ``II``, ``1``: a group's or a line's), its label and one
    cell per column (``""`` where the row has none)."""
    first = columns[0][0]
    label: list[str] = []
    cells = [""] * len(columns)
    for start, end, text in _fields(raw):
        if end <= first - 1 or (not label and not any(ch.isdigit() for ch in text)):
            label.append(text)
            continue
        at = _nearest(columns, start, end)
        cells[at] = f"{cells[at]} {text}".strip()
    if len(label) >= 2 and label[0].isdigit() and len(label[0]) <= 3:
        return (label[0], " ".join(label[1:]), *cells)  # "1   Thôn Đông Hải": its number
    name = " ".join(label)
    numbered = _ENUMERATOR.fullmatch(name)
    if numbered is not None:
        return (numbered.group(1), numbered.group(2), *cells)
    return ("", name, *cells)


def _as_cells(line: Line, cells: tuple[str, ...], *, separator: bool = False) -> Line:
    normalized = tuple(normalize_text(cell) for cell in cells)
    return Line(
        line.number, line.raw, " | ".join(normalized), cells=normalized, separator=separator
    )


__all__ = ["aligned_tables", "physical_lines"]
