"""Tests for views/audit_files.py: one audited file, its places, a run's exit status."""

from __future__ import annotations

from welfare_rules._i18n import Text
from welfare_rules.audit.read import Document, audit_document, read_bytes
from welfare_rules.views.audit_files import audited, describe, unreadable, worst_status

from .office_files import WRONG, csv_bytes

CLEAN = Document.from_text("- Mức 600.000đ: 22 suất quà = 13.200.000đ.\n", name="ok.txt")
EMPTY = Document.from_text("Không có số liệu.\n", name="empty.txt")


def test_places_follow_the_findings() -> None:
    file = audited(audit_document(read_bytes(csv_bytes(), name="r.csv")), name="r.csv")
    assert file.audit is not None
    assert len(file.places) == len(file.audit.result.findings)
    index = next(i for i, f in enumerate(file.audit.result.findings) if f.reported == WRONG)
    assert file.where(index, lang="vi") == "hàng 6, cột 5"
    assert file.where(99, lang="vi") is None
    assert file.status == 1


def test_worst_status() -> None:
    ok = audited(audit_document(CLEAN), name="ok.txt")
    empty = audited(audit_document(EMPTY), name="empty.txt")
    bad = unreadable("x.pdf", Text("hỏng", "damaged"))
    wrong = audited(audit_document(read_bytes(csv_bytes(), name="r.csv")), name="r.csv")
    assert (ok.status, empty.status, bad.status) == (0, 3, 2)
    assert worst_status([ok]) == 0
    assert worst_status([ok, empty]) == 3
    assert worst_status([ok, bad]) == 3  # a file not read: the run is not complete
    assert worst_status([bad, bad]) == 2
    assert worst_status([ok, empty, wrong, bad]) == 1
    assert worst_status([]) == 2


def test_describe() -> None:
    assert describe(None, lang="vi") is None
    from welfare_rules.audit.read import Place

    assert describe(Place(), lang="vi") is None
    assert describe(Place(sheet="S", cell="B2"), lang="en") == "S!B2"
