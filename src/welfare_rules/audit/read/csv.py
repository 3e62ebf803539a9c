"""CSV and TSV exports (standard library): every record a table row, placed ``hàng 12, cột 4``.

The encoding is told by :func:`~._encoding.decode` (UTF-8 with or without its mark,
UTF-16, Windows-1258); the delimiter (``,`` ``;`` tab ``|``) by :class:`csv.Sniffer`,
else by which one splits the first lines into the same number of fields. Quoted cells
(``"1.250.000"``, a label holding the delimiter or a line break) are read whole. A
record's row is the line of the file it starts on, as a spreadsheet or editor shows it.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from ..._i18n import Catalog, Text
from ...errors import DocumentReadError
from ._encoding import decode
from .document import Cell, Document, Place, SourceLine
from .registry import register

_DELIMITERS = ",;\t|"

_MSG = Catalog(
    "audit.read.csv",
    {"bad": Text(vi="CSV sai ở dòng {line}: {reason}", en="bad CSV at line {line}: {reason}")},
)


@dataclass(frozen=True)
class CsvReader:
    """Delimited text: ``.csv`` and ``.tsv``."""

    name: str = "csv"
    suffixes: tuple[str, ...] = (".csv", ".tsv", ".tab")
    extra: str | None = None

    def sniff(self, head: bytes) -> bool:
        """Only by suffix: a CSV file looks like any text."""
        return False

    def read(self, data: bytes, *, name: str) -> Document:
        """Every record as a table row; empty records as blank lines."""
        text = decode(data, name=name)
        tab = name.lower().endswith((".tsv", ".tab"))
        delimiter = "\t" if tab else sniff_delimiter(text)
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        lines: list[SourceLine] = []
        start = 1
        try:
            for record in reader:
                row = start
                start = reader.line_num + 1
                if not any(field.strip() for field in record):
                    lines.append(SourceLine("", Place(row=row)))
                    continue
                cells = tuple(
                    Cell(" ".join(field.split()), Place(row=row, column=column))
                    for column, field in enumerate(record, start=1)
                )
                joined = delimiter.join(cell.text for cell in cells)
                lines.append(SourceLine(joined, Place(row=row), cells=cells))
        except csv.Error as exc:
            raise DocumentReadError(name, _MSG("bad", line=reader.line_num, reason=exc)) from exc
        return Document(name=name, format=self.name, lines=tuple(lines))


def sniff_delimiter(text: str) -> str:
    """The delimiter of ``text``: the sniffer's, else the most consistent splitter.

    >>> sniff_delimiter("STT;Đơn vị;Số suất\\n1;Xã A;3\\n")
    ';'
    >>> sniff_delimiter('STT,Đơn vị,Thành tiền\\n1,Xã A,"1.250.000"\\n')
    ','
    >>> sniff_delimiter("a\\tb\\tc\\n1\\t2\\t3\\n")
    '\\t'
    """
    sample = "\n".join(text.splitlines()[:50])
    try:
        found = csv.Sniffer().sniff(sample, delimiters=_DELIMITERS).delimiter
    except csv.Error:
        found = ""
    counted = _by_counting(sample)
    if found and (not counted or _score(sample, found) >= _score(sample, counted)):
        return found
    return counted or ","


def _by_counting(sample: str) -> str:
    scores = {delimiter: _score(sample, delimiter) for delimiter in _DELIMITERS}
    best = max(scores, key=lambda d: scores[d])
    return best if scores[best] > 0 else ""


def _score(sample: str, delimiter: str) -> float:
    """How well ``delimiter`` splits the sample: rows with the commonest width (> 1)."""
    try:
        rows = list(csv.reader(io.StringIO(sample), delimiter=delimiter))
    except csv.Error:
        return 0.0
    widths = [len(row) for row in rows if row]
    if not widths:
        return 0.0
    common = max(set(widths), key=widths.count)
    if common < 2:
        return 0.0
    return widths.count(common) / len(widths) + common / 1000


CSV = register(CsvReader())

__all__ = ["CSV", "CsvReader", "sniff_delimiter"]
