"""Tests for views/audit_text.py: verdicts and labels in both languages."""

from __future__ import annotations

from welfare_rules._i18n import Text
from welfare_rules.audit.read import Document, audit_document
from welfare_rules.views.audit_files import audited, unreadable
from welfare_rules.views.audit_text import file_verdict, files_summary, label, number, verdict


def test_verdicts() -> None:
    clean = audit_document(Document.from_text("- Mức 600.000đ: 22 suất = 13.200.000đ.\n", name="a"))
    wrong = audit_document(Document.from_text("- Mức 600.000đ: 22 suất = 13.300.000đ.\n", name="b"))
    nothing = audit_document(Document.from_text("Không có số.\n", name="c"))
    assert verdict(clean).en.startswith("All 3 figures checked")
    assert verdict(wrong).vi == "Có 1 lỗi (xem bảng trên)."
    assert verdict(wrong, below=True).en == "1 error(s) found (listed below)."
    assert verdict(nothing).en.startswith("Nothing was checked")
    assert file_verdict(audited(wrong, name="b")).vi == "có 1 lỗi"
    bad = unreadable("x.docx", Text("tệp hỏng", "damaged"))
    assert file_verdict(bad).en == "not read: damaged"
    summary = files_summary([audited(clean, name="a"), audited(wrong, name="b"), bad])
    assert summary.en == (
        "3 files: 1 with errors, 0 not fully checked, 1 checked and consistent, 1 not read."
    )


def test_labels_and_numbers() -> None:
    assert label("product_mismatch", lang="en") == "count × level ≠ amount"
    assert label("amount", lang="vi") == "số tiền"
    assert label("something_new", lang="vi") == "something_new"
    assert label(None, lang="vi") == ""
    assert number(2_751_000_000) == "2.751.000.000"
    assert number(None) == "—"


def test_every_finding_kind_has_words_in_both_languages() -> None:
    from typing import get_args

    from welfare_rules.audit.findings import FindingKind

    for kind in get_args(FindingKind):
        assert label(kind, lang="vi") != kind, kind
        assert label(kind, lang="en") != kind, kind


def test_a_verdict_names_the_figures_that_stand_alone() -> None:
    text = "- Mức 600.000đ: 22 suất = 13.200.000đ.\n\n- Tiếp nhận 11 hồ sơ.\n"
    audit = audit_document(Document.from_text(text, name="a"))
    assert audit.status == 0
    assert verdict(audit).en == (
        "Every check holds, no mistake found; 1 figures stand alone, the text relates them "
        "to nothing (listed below)."
    )
    assert "11" not in verdict(audit).vi


def test_a_text_whose_figures_all_stand_alone_has_nothing_to_check() -> None:
    text = "Năm ngoái Quỹ đã vận động được hơn 200 triệu đồng cho người nghèo.\n"
    audit = audit_document(Document.from_text(text, name="a"))
    assert audit.status == 0
    assert verdict(audit).en.startswith("Nothing to check: the text states no arithmetic")
    nothing = audit_document(Document.from_text("Không có số liệu.\n", name="b"))
    assert nothing.status == 3  # no figure at all: nothing was checked
