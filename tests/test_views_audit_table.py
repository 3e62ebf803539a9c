"""Tests for views/audit_table.py: one file's table, or one line per file."""

from __future__ import annotations

from welfare_rules._i18n import Text
from welfare_rules.audit.extract import example_text
from welfare_rules.audit.read import Document, audit_document, read_bytes
from welfare_rules.views.audit_files import audited, unreadable
from welfare_rules.views.audit_table import render_file, render_files

from .office_files import xlsx_bytes


def test_a_text_file_is_the_table_as_before() -> None:
    document = Document.from_text(example_text(), name="example.md", format="markdown")
    out = render_file(audited(audit_document(document), name="báo cáo ví dụ"), lang="vi")
    assert out.startswith("Kiểm tra báo cáo: báo cáo ví dụ (ngày 04/03/2024)\n\nDòng │ Vấn đề")
    assert "2.721.000.000 │  2.751.000.000 │ 2.751.000.000" in out
    assert "tại dòng" not in out


def test_a_workbook_finding_says_its_cell() -> None:
    document = read_bytes(xlsx_bytes(), name="r.xlsx")
    out = render_file(audited(audit_document(document), name="r.xlsx"), lang="en")
    assert "↳ at Tổng hợp!E11: " in out


def test_one_line_per_file() -> None:
    ok = audited(
        audit_document(Document.from_text("- Mức 600.000đ: 22 suất = 13.200.000đ.\n", name="a")),
        name="a.txt",
    )
    bad = unreadable("long-name.pdf", Text("hỏng", "damaged"))
    out = render_files([ok, bad], lang="en").splitlines()
    assert out[0].startswith("[0] a.txt        ")
    assert out[1] == "[2] long-name.pdf  not read: damaged"
    assert out[-1].startswith("2 files:")
    assert render_file(bad, lang="vi") == "long-name.pdf: không đọc được: hỏng\n"


def test_messages_name_places_not_rendering_lines() -> None:
    from .office_files import docx_bytes

    document = read_bytes(docx_bytes(), name="r.docx")
    out = render_file(audited(audit_document(document), name="r.docx"), lang="vi")
    assert "ở bảng 1, hàng 6" in out  # the subtotal row the correction also repairs
    assert "ở dòng" not in out
