"""Tests for views/audit_csv.py: the findings as CSV that reads back."""

from __future__ import annotations

import csv
import io

from welfare_rules.audit.read import audit_document, read_bytes
from welfare_rules.views.audit_csv import findings_csv
from welfare_rules.views.audit_files import audited

from .office_files import RIGHT, WRONG, docx_bytes


def test_csv_reads_back() -> None:
    file = audited(audit_document(read_bytes(docx_bytes(), name="r.docx")), name="r.docx")
    text = findings_csv([file], lang="vi")
    assert "\r\n" in text
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][0] == "Tệp"
    wrong = next(row for row in rows[1:] if row[6] == str(WRONG))
    assert wrong[1] == "bảng 1, hàng 7, cột «Thành tiền (đồng)»"
    assert wrong[8] == str(RIGHT)
