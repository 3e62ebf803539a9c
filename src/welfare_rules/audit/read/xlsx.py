"""Excel ``.xlsx`` (openpyxl, the ``office`` extra): every sheet, values not formulas.

The workbook is opened read-only with the values Excel last computed (``data_only``), so
a total written as ``=SUM(F8:F18)`` reads as the figure the sheet shows. Each sheet is a
heading with its name, then its rows (:func:`~._cells.sheet_lines`): a row of two or more
filled cells is a table row whose cells are placed ``Sheet1!E7``, numbers are written
as exact integers (:func:`~._cells.value_text`); a non-whole number is kept as written
and left to the pipeline, never rounded. A summary sheet that restates other sheets'
totals is read with them, one document, so every sheet's total row is seen.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from ..._optional import require
from ._cells import sheet_lines, value_text
from .document import Document, SourceLine
from .registry import readers, register


@dataclass(frozen=True)
class XlsxReader:
    """Excel 2007+ workbooks (a zip holding ``xl/workbook.xml``)."""

    name: str = "xlsx"
    suffixes: tuple[str, ...] = (".xlsx", ".xlsm")
    extra: str | None = "office"

    def sniff(self, head: bytes) -> bool:
        """A zip whose first entries name ``xl/`` parts."""
        from ._office import zip_holds

        return zip_holds(head, b"xl/")

    def read(self, data: bytes, *, name: str) -> Document:
        """Every sheet, in the workbook's order."""
        from ._office import damaged, open_zip, zip_part

        if zip_part(data, "word/document.xml") and not zip_part(data, "xl/workbook.xml"):
            # a Word file named .xlsx: read as what it is
            return next(r for r in readers() if r.name == "docx").read(data, name=name)
        open_zip(data, name=name, kind="Excel", part="xl/workbook.xml")
        openpyxl = require("openpyxl", extra=self.extra or "office", feature="Excel (.xlsx)")
        try:
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds on a damaged part
            raise damaged(name, kind="Excel") from exc
        try:
            sheets = [ws for ws in book.worksheets if hasattr(ws, "iter_rows")]
            lines: list[SourceLine] = []
            for ws in sheets:
                if lines:
                    lines.append(SourceLine("", lines[-1].place))
                lines += sheet_lines(ws.title, _rows(ws), heading=True)
        except Exception as exc:
            raise damaged(name, kind="Excel") from exc
        finally:
            book.close()
        return Document(name=name, format=self.name, lines=tuple(lines))


def _rows(ws: Any) -> list[tuple[int, dict[int, str]]]:
    if hasattr(ws, "reset_dimensions"):
        ws.reset_dimensions()  # a writer's stated size can be wrong: read every stored row
    rows: list[tuple[int, dict[int, str]]] = []
    for row in ws.iter_rows():
        cells: dict[int, str] = {}
        number = None
        for cell in row:
            if getattr(cell, "value", None) is None:
                continue
            number = cell.row
            text = value_text(cell.value, number_format=getattr(cell, "number_format", None))
            if text:
                cells[cell.column] = text
        if number is not None and cells:
            rows.append((number, cells))
    return rows


XLSX = register(XlsxReader())

__all__ = ["XLSX", "XlsxReader"]
