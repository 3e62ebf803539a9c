"""explain(): the tree from programme to citation, in both languages and as JSON."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from welfare_rules.entitle.engine import entitlements
from welfare_rules.entitle.explain import Node, explain
from welfare_rules.errors import DateParseError, PersonDataError
from welfare_rules.rules import load_ruleset

SOLE = {
    "categories": {
        "war_invalid": {"injury_rate": 61},
        "martyr_relative": {
            "representative": True,
            "martyrs": 1,
            "survivor_care_allowance": False,
            "monthly_allowance": False,
        },
    }
}


def _kinds(node: Node) -> list[str]:
    return [node.kind, *(k for child in node.children for k in _kinds(child))]


def test_the_tree_goes_from_programme_to_citation() -> None:
    tree = explain(SOLE, "vn-central-tet", on=dt.date(2024, 2, 1))
    [programme] = tree.root.children
    assert programme.kind == "programme"
    [version] = programme.children
    assert version.data["basis"] == "1583/QĐ-CTN"
    main, extra = version.children
    assert [c.kind for c in main.children] == ["input", "input", "level"]
    assert main.children[1].data == {"name": "war_invalid.injury_rate", "value": 61}
    level = main.children[-1]
    assert level.data["amount"] == 300_000
    assert level.children[0].kind == "citation"
    assert extra.children[-1].data["extra"] is True
    assert extra.children[-1].data["extra_gift"] == "martyr-representative"
    assert main.children[-1].data["extra_gift"] is None
    assert "[unconfirmed]" in extra.children[-1].text.en
    assert "[chưa xác nhận]" in extra.children[-1].text.vi


def test_the_items_are_those_of_entitlements() -> None:
    on = dt.date(2024, 2, 1)
    tree = explain(SOLE, "uong-bi-tet-2024", on=on)
    assert list(tree.items) == entitlements(SOLE, "uong-bi-tet-2024", on=on)


@pytest.mark.parametrize(
    ("person", "on", "needle"),
    [
        ({"birth_year": 1960}, "2024-02-01", "no age bracket covers age 64"),
        ({"categories": ["war_invalid"]}, "2024-02-01", "missing war_invalid.injury_rate"),
        ({"categories": ["heroic_mother"]}, "2025-02-01", "no instrument recorded"),
        ({"birth_year": 1954}, "2024-02-01", "not chosen"),
        ({"birth_year": 1954}, "2024-02-01", "reported, not computed"),
    ],
)
def test_nothing_and_undetermined_say_why(person: dict[str, Any], on: str, needle: str) -> None:
    ruleset = "vn-central-tet" if "2025" in on else "uong-bi-tet-2024"
    text = explain(person, ruleset, on=on).text("en")
    assert needle in text


def test_vietnamese_and_english_text_and_json() -> None:
    tree = explain({"birth_year": 1915}, load_ruleset("vn-longevity"), on=dt.date(2015, 3, 1))
    vi, en = tree.text("vi"), tree.text("en")
    assert "sinh năm 1915, 100 tuổi năm 2015" in vi
    assert "born in 1915, 100 in 2015" in en
    assert "người tặng: Chủ tịch nước" in vi
    data = json.loads(json.dumps(tree.to_dict(lang="en")))
    assert data["on"] == "2015-03-01"
    assert data["items"][0]["amount"] == 500_000
    assert data["tree"]["children"][0]["children"][0]["data"]["basis"] == "21/2011/TT-BTC"
    assert str(tree) == en
    assert set(_kinds(tree.root)) >= {"ruleset", "programme", "version", "rule", "input", "level"}


def test_residence_is_an_input_used() -> None:
    person = {"birth_year": 1956, "residence": "temporary", "residence_months": 7}
    text = explain(person, "hcmc-longevity-2026", on="2026-03-01").text("en")
    assert "input residence = temporary" in text
    assert "input residence_months = 7" in text


def test_the_same_errors_as_entitlements() -> None:
    with pytest.raises(DateParseError):
        explain({}, "vn-longevity", on="03/01/2015")
    with pytest.raises(PersonDataError):
        explain({"selections": ["nope"]}, "uong-bi-tet-2024", on="2024-02-01")
