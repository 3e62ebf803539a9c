"""Tests for views/audit_rows.py: one spreadsheet row per finding."""

from __future__ import annotations

from welfare_rules._i18n import Text
from welfare_rules.audit.read import audit_document, read_bytes
from welfare_rules.views.audit_files import audited, unreadable
from welfare_rules.views.audit_rows import COLUMNS, finding_rows, headers

from .office_files import RIGHT, WRONG, csv_bytes


def test_rows() -> None:
    file = audited(audit_document(read_bytes(csv_bytes(), name="r.csv")), name="r.csv")
    bad = unreadable("b.pdf", Text("hỏng", "damaged"))
    rows = finding_rows([file, bad], lang="en")
    wrong = next(row for row in rows if row.written == WRONG)
    assert (wrong.file, wrong.where, wrong.expected, wrong.suggested) == (
        "r.csv",
        "row 6, column 5",
        RIGHT,
        RIGHT,
    )
    assert wrong.kind == "count × level ≠ amount"
    assert isinstance(wrong.values()[COLUMNS.index("written")], int)
    assert rows[-1].kind == "unreadable"
    assert rows[-1].message == "damaged"
    assert headers(lang="vi")[:2] == ("Tệp", "Vị trí")
