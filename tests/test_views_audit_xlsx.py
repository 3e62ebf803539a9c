"""Tests for views/audit_xlsx.py: a summary sheet and a findings sheet with real numbers."""

from __future__ import annotations

import io

import pytest

from welfare_rules._i18n import Text
from welfare_rules.audit.read import audit_document, read_bytes
from welfare_rules.views.audit_files import audited, unreadable
from welfare_rules.views.audit_xlsx import NUMBER_FORMAT, findings_xlsx

from .office_files import RIGHT, WRONG, csv_bytes

openpyxl = pytest.importorskip("openpyxl")


def test_the_workbook() -> None:
    file = audited(audit_document(read_bytes(csv_bytes(), name="r.csv")), name="r.csv")
    bad = unreadable("b.pdf", Text("hỏng", "damaged"))
    book = openpyxl.load_workbook(io.BytesIO(findings_xlsx([file, bad], lang="en")))
    assert book.sheetnames == ["Summary", "Findings"]
    summary = [[cell.value for cell in row] for row in book["Summary"].iter_rows()]
    assert summary[0][:3] == ["File", "Exit status", "Verdict"]
    assert summary[1][:2] == ["r.csv", 1]
    assert summary[2][:3] == ["b.pdf", 2, "not read: damaged"]
    findings = book["Findings"]
    row = next(r for r in findings.iter_rows(min_row=2) if r[6].value == WRONG)
    assert isinstance(row[6].value, int)
    assert row[8].value == RIGHT
    assert row[6].number_format == NUMBER_FORMAT == "#,##0"
    assert findings.freeze_panes == "A2"
