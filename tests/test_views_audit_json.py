"""Tests for views/audit_json.py: one file's document, a run's files, JSON Lines."""

from __future__ import annotations

import json

from welfare_rules._i18n import Text
from welfare_rules.audit.read import Document, audit_document, read_bytes
from welfare_rules.views.audit_files import audited, unreadable
from welfare_rules.views.audit_json import dumps, file_document, files_document, jsonl

from .office_files import WRONG, xlsx_bytes

TEXT = "- Mức 600.000đ: 22 suất = 13.200.000đ.\nNgoài ra 5.5502 suất.\n"


def test_one_file_keeps_the_envelope_and_adds_places() -> None:
    file = audited(audit_document(read_bytes(xlsx_bytes(), name="r.xlsx")), name="r.xlsx")
    data = file_document(file, lang="en")
    assert list(data) == ["ok", "findings", "unparsed", "unchecked", "summary"]
    finding = next(f for f in data["findings"] if f["reported"] == WRONG)
    assert finding["where"] == "Tổng hợp!E11"
    assert finding["place"] == {"row": 11, "column": 5, "sheet": "Tổng hợp", "cell": "E11"}
    assert {"line", "reported", "suggested", "candidates", "severity"} <= set(finding)
    assert {"complete", "unchecked", "status", "unparsed", "source"} <= set(data["summary"])


def test_unparsed_and_unchecked_entries_say_where() -> None:
    file = audited(audit_document(Document.from_text(TEXT, name="r.txt")), name="r.txt")
    data = file_document(file, lang="vi")
    for item in data["unparsed"] + data["unchecked"]:
        assert item["where"] == f"dòng {item['line']}"


def test_several_files() -> None:
    good = audited(audit_document(Document.from_text(TEXT, name="a")), name="a.txt")
    bad = unreadable("b.pdf", Text("hỏng", "damaged"))
    data = files_document([good, bad], lang="en")
    assert [f["file"] for f in data["files"]] == ["a.txt", "b.pdf"]
    assert data["files"][1] == {
        "file": "b.pdf",
        "ok": False,
        "error": "damaged",
        "summary": {"status": 2, "complete": False, "source": "b.pdf"},
    }
    assert data["summary"]["status"] == 3
    lines = jsonl([good, bad], lang="en").splitlines()
    assert [json.loads(line)["file"] for line in lines] == ["a.txt", "b.pdf"]
    assert dumps({"a": "ồ"}) == '{\n  "a": "ồ"\n}\n'


def test_candidates_say_where() -> None:
    text = "Tổng số 10 suất. Trong đó:\n- Xã A: 3 suất.\n- Xã B: 8 suất.\n"
    file = audited(audit_document(Document.from_text(text, name="r.txt")), name="r.txt")
    candidates = [c for f in file_document(file, lang="en")["findings"] for c in f["candidates"]]
    assert candidates
    assert all(c["where"] == f"line {c['line']}" for c in candidates)
