"""Entitlement and Undetermined: the reason in both languages, the legal basis, to_dict."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

import pytest

from welfare_rules._i18n import Lang, Text
from welfare_rules.entitle.engine import entitlements
from welfare_rules.entitle.results import Entitlement, Undetermined
from welfare_rules.rules import load_ruleset

TET_2024 = dt.date(2024, 2, 1)
UONG_BI = load_ruleset("uong-bi-tet-2024")
CENTRAL = load_ruleset("vn-central-tet")
LONGEVITY = load_ruleset("vn-longevity")


def one(person: dict[str, Any], ruleset: Any, on: dt.date = TET_2024) -> Any:
    [item] = entitlements(person, ruleset, on=on)
    return item


def test_the_reason_cites_the_law_and_flags_unconfirmed_bases() -> None:
    gift = one({"birth_year": 1954}, UONG_BI)
    assert isinstance(gift, Entitlement)
    assert gift.source.value == "commune"
    assert not gift.confirmed  # the amounts rest on the report, not on a public instrument
    assert gift.reason.en.startswith("born in 1954, 70 in 2024: ")
    assert gift.reason.vi.startswith("sinh năm 1954, 70 tuổi vào năm 2024: ")
    assert "VND 700,000 paid from the commune/ward budget" in gift.reason.en
    assert "700.000 đ do nguồn xã/phường chi" in gift.reason.vi
    assert "39/2009/QH12" in gift.reason.en
    assert "Art. 21" in gift.reason.en
    assert "Điều 21" in gift.reason.vi
    assert "[unconfirmed]" in gift.reason.en
    assert "[chưa xác nhận]" in gift.reason.vi


def test_reason_is_describe_in_both_languages() -> None:
    for item in (one({"birth_year": 1954}, UONG_BI), one({"categories": ["war_invalid"]}, CENTRAL)):
        assert item.reason == Text(vi=item.describe("vi"), en=item.describe("en"))


def test_basis_is_the_instrument_that_sets_the_amount_first() -> None:
    gift = one({"birth_year": 1924}, LONGEVITY)
    assert isinstance(gift, Entitlement)
    assert [b.number for b in gift.bases] == ["96/2018/TT-BTC", "39/2009/QH12"]
    assert gift.basis is gift.bases[0]
    assert dataclasses.replace(gift, bases=()).basis is None
    no_basis = dataclasses.replace(gift, bases=()).describe("en")
    assert "legal basis" not in no_basis


def test_in_kind_items_follow_the_amount() -> None:
    gift = one({"birth_year": 1924}, LONGEVITY)
    # the State President gives, the province pays (Circular 96/2018/TT-BTC)
    assert "VND 700,000 and 5 m silk paid from the provincial budget" in gift.describe("en")
    assert "700.000 đ và 5 m lụa do nguồn tỉnh chi" in gift.describe("vi")
    assert gift.to_dict(lang="en")["in_kind"] == ["5 m silk"]


def test_why_by_age_rule_or_selection() -> None:
    calendar = one({"birth_year": 1954}, UONG_BI)
    assert calendar.why("en") == "born in 1954, 70 in 2024"
    exact = dataclasses.replace(calendar, exact_age=True)
    assert exact.why("en") == "aged 70 on 01/02/2024"
    assert exact.why("vi") == "tròn 70 tuổi vào ngày 01/02/2024"
    by_rule = one({"categories": {"war_invalid": {"injury_rate": 85}}}, CENTRAL)
    assert by_rule.age is None
    assert by_rule.rule is not None
    assert by_rule.why("en") == by_rule.rule.describe("en")
    chosen = one({"birth_year": 1990, "selections": ["city-exemplary-households"]}, UONG_BI)
    assert chosen.level == "selected"
    assert chosen.why("en").startswith("selected (")
    assert chosen.why("vi").startswith("được lựa chọn (")
    bare = dataclasses.replace(chosen, selection=None)
    assert bare.why("en") == ""


def test_entitlement_to_dict_is_json_ready() -> None:
    gift = one({"birth_year": 1954}, UONG_BI)
    data = gift.to_dict(lang="en")
    assert json.loads(json.dumps(data)) == data
    assert data["type"] == "entitlement"
    assert (data["programme"], data["level"], data["amount"]) == (
        "commune-longevity",
        "age-70",
        700_000,
    )
    assert data["source"] == "commune"
    assert data["confirmed"] is False
    assert data["reason"] == gift.describe("en")
    assert gift.to_dict(lang="vi")["title"] == gift.title.vi


def test_undetermined_for_a_missing_input() -> None:
    item = one({"categories": ["war_invalid"]}, CENTRAL)
    assert isinstance(item, Undetermined)
    assert item.amount is None
    assert item.cause == "missing_input"
    assert item.describe("en") == (
        "State President's Tết gift: undetermined, missing war_invalid.injury_rate; "
        "could be VND 600,000 or VND 300,000 or no gift"
    )
    assert "thiếu war_invalid.injury_rate" in item.describe("vi")
    assert "600.000 đ hoặc 300.000 đ hoặc không có quà" in item.describe("vi")
    sure = dataclasses.replace(item, may_be_nothing=False)
    assert "no gift" not in sure.describe("en")
    same = dataclasses.replace(item, amounts=(300_000, 300_000), may_be_nothing=False)
    assert same.describe("en").endswith("could be VND 300,000")  # each amount once


def test_undetermined_when_the_rules_do_not_say_or_nothing_is_recorded() -> None:
    items = entitlements(
        {"birth_year": 1990, "categories": ["heroic_mother"]}, UONG_BI, on=TET_2024
    )
    unstated = next(i for i in items if isinstance(i, Undetermined) and i.programme == "city-tet")
    assert unstated.cause == "rules_not_stated"
    assert "the rule data does not state who receives which level" in unstated.describe("en")
    assert "dữ liệu quy định không nêu ai nhận mức nào" in unstated.describe("vi")
    unrecorded = one({"categories": ["heroic_mother"]}, CENTRAL, dt.date(2025, 1, 20))
    assert unrecorded.cause == "not_recorded"
    assert unrecorded.describe("en").endswith("no instrument is recorded for 20/01/2025")
    assert "20/01/2025" in unrecorded.describe("vi")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_undetermined_to_dict_is_json_ready(lang: Lang) -> None:
    item = one({"categories": ["war_invalid"]}, CENTRAL)
    data = item.to_dict(lang=lang)
    assert json.loads(json.dumps(data)) == data
    assert data["type"] == "undetermined"
    assert data["possible"] == ["higher", "lower"]
    assert data["amounts"] == [600_000, 300_000]
    assert data["missing"] == ["war_invalid.injury_rate"]
    assert data["may_be_nothing"] is True
    assert data["cause"] == "missing_input"
    assert data["reason"] == item.describe(lang)


def test_items_are_hashable_values() -> None:
    first = one({"categories": ["war_invalid"]}, CENTRAL)
    again = one({"categories": ["war_invalid"]}, CENTRAL)
    assert first == again
    assert len({first, again}) == 1
    with pytest.raises(dataclasses.FrozenInstanceError):
        first.cause = "not_recorded"  # type: ignore[misc]


def test_to_dict_takes_lang_by_keyword_only() -> None:
    [gift] = entitlements({"birth_year": 1924}, LONGEVITY, on=dt.date(2024, 2, 1))
    assert gift.to_dict(lang="en")["title"] == gift.title.en
    with pytest.raises(TypeError):
        gift.to_dict("en")  # type: ignore[misc]
