"""The JSON documents: one envelope per result, built from its to_dict()."""

from __future__ import annotations

import datetime as dt
import json

from welfare_rules._i18n import Text
from welfare_rules.audit.extract import UnparsedLine
from welfare_rules.audit.findings import AuditResult, Finding
from welfare_rules.entitle.engine import entitlements
from welfare_rules.entitle.person import Person
from welfare_rules.rules.load import list_rulesets, load_ruleset
from welfare_rules.views.json import (
    audit_envelope,
    entitlements_document,
    ruleset_document,
    ruleset_list,
)

TET_2024 = dt.date(2024, 2, 1)


def _result() -> AuditResult:
    finding = Finding(
        kind="product_mismatch",
        severity="error",
        message=Text("sai", "wrong"),
        line=37,
        reported=2_721_000_000,
        expected=2_751_000_000,
    )
    return AuditResult(findings=(finding,), edits=3, figures=9)


def test_audit_envelope_has_the_four_keys_and_the_result_inside() -> None:
    result = _result()
    unparsed = (UnparsedLine(line=4, text="khoảng 12 người", numbers=("12",)),)
    envelope = audit_envelope(result, unparsed, source="report.md", lang="en")
    assert list(envelope) == ["ok", "findings", "unparsed", "summary"]
    assert envelope["ok"] is False
    assert envelope["findings"] == result.to_dict(lang="en")["findings"]
    assert envelope["findings"][0]["message"] == "wrong"
    assert envelope["unparsed"] == [unparsed[0].model_dump()]
    assert envelope["summary"] == {**result.summary(), "unparsed": 1, "source": "report.md"}
    json.dumps(envelope)


def test_audit_envelope_without_lang_keeps_both_languages() -> None:
    envelope = audit_envelope(AuditResult(), source="-")
    assert envelope["ok"] is True
    assert envelope["findings"] == []
    assert envelope["unparsed"] == []
    assert envelope["summary"]["unparsed"] == 0
    envelope = audit_envelope(_result(), source="-")
    assert envelope["findings"][0]["message"] == {"vi": "sai", "en": "wrong"}


def test_ruleset_document_is_the_file_keys_and_what_is_in_force() -> None:
    ruleset = load_ruleset("uong-bi-tet-2024")
    data = ruleset_document(ruleset)
    assert data == ruleset.model_dump(mode="json")
    assert "in_force" not in data
    dated = ruleset_document(ruleset, on=TET_2024)
    assert [f["programme"] for f in dated["in_force"]] == [
        f.programme.id for f in ruleset.in_force(on=TET_2024)
    ]


def test_ruleset_list_follows_the_bundled_rulesets() -> None:
    rulesets = [load_ruleset(i) for i in list_rulesets()]
    listed = ruleset_list(rulesets, lang="en")
    assert [r["id"] for r in listed] == list(list_rulesets())
    assert listed[0]["title"] == rulesets[0].title.en


def test_entitlements_document_totals_only_the_determined_amounts() -> None:
    person = Person.from_dict({"id": "A", "birth_year": 1954})
    items = entitlements(person, "uong-bi-tet-2024", on=TET_2024)
    [entry] = entitlements_document([(person, items)], lang="vi")
    assert entry["id"] == "A"
    assert entry["total"] == 700_000
    assert entry["items"] == [item.to_dict(lang="vi") for item in items]
