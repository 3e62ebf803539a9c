"""The findings as an Excel workbook (openpyxl, the ``office`` extra): a summary sheet
(one row per file: status, verdict, counts) and a findings sheet (one row per finding,
:mod:`~.audit_rows`), figures as real numbers displayed ``#,##0``, headers frozen."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from .._i18n import Catalog, Lang, Text
from .._optional import require
from .audit_rows import COLUMNS, finding_rows, headers
from .audit_text import MSG, file_verdict

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .audit_files import AuditedFile

_SHEETS = Catalog(
    "views.audit_xlsx",
    {
        "summary": Text("Tóm tắt", "Summary"),
        "findings": Text("Phát hiện", "Findings"),
        "errors": Text("Lỗi", "Errors"),
        "warnings": Text("Cảnh báo", "Warnings"),
        "figures": Text("Số liệu", "Figures"),
        "unchecked": Text("Chưa kiểm tra", "Not checked"),
        "unparsed": Text("Dòng chưa đọc được", "Lines not understood"),
        "complete": Text("Đã kiểm tra đủ", "Complete"),
        "yes": Text("có", "yes"),
        "no": Text("không", "no"),
    },
)
NUMBER_FORMAT = "#,##0"
"""Thousands grouped: Excel shows ``2.751.000.000`` in a Vietnamese locale."""
_NUMERIC = frozenset({"line", "written", "expected", "suggested"})


def findings_xlsx(files: Sequence[AuditedFile], *, lang: Lang) -> bytes:
    """The workbook's bytes."""
    openpyxl = require("openpyxl", extra="office", feature="XLSX output")
    styles = require("openpyxl.styles", extra="office", feature="XLSX output")
    book = openpyxl.Workbook()
    bold = styles.Font(bold=True)
    summary = book.active
    summary.title = _SHEETS("summary").get(lang)
    summary.append(
        [
            MSG("file").get(lang),
            MSG("status").get(lang),
            MSG("verdict").get(lang),
            _SHEETS("errors").get(lang),
            _SHEETS("warnings").get(lang),
            _SHEETS("figures").get(lang),
            _SHEETS("unchecked").get(lang),
            _SHEETS("unparsed").get(lang),
            _SHEETS("complete").get(lang),
        ]
    )
    for file in files:
        row: list[object] = [file.name, file.status, file_verdict(file).get(lang)]
        if file.audit is not None:
            counts = file.audit.result.summary()
            row += [
                counts["errors"],
                counts["warnings"],
                counts["figures"],
                len(file.audit.not_checked),
                len(file.audit.unparsed),
                _SHEETS("yes" if file.audit.complete else "no").get(lang),
            ]
        summary.append(row)
    sheet = book.create_sheet(_SHEETS("findings").get(lang))
    sheet.append(list(headers(lang=lang)))
    for finding in finding_rows(files, lang=lang):
        sheet.append(list(finding.values()))
    for name, number in zip(COLUMNS, range(1, len(COLUMNS) + 1), strict=True):
        if name in _NUMERIC and name != "line":
            for (cell,) in sheet.iter_rows(min_row=2, min_col=number, max_col=number):
                cell.number_format = NUMBER_FORMAT
    for ws in (summary, sheet):
        for cell in ws[1]:
            cell.font = bold
        ws.freeze_panes = "A2"
        for column in ws.columns:
            width = max(len(str(cell.value or "")) for cell in column)
            ws.column_dimensions[column[0].column_letter].width = min(max(width + 2, 8), 60)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


__all__ = ["NUMBER_FORMAT", "findings_xlsx"]
