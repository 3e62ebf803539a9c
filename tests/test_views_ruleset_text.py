"""Tests of welfare_rules.views.ruleset_text: the terminal view of rulesets."""

from __future__ import annotations

import datetime as dt

import pytest

from welfare_rules.money import format_vnd
from welfare_rules.rules.load import list_rulesets, load_ruleset
from welfare_rules.views.ruleset_text import ruleset_list_text, ruleset_text


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_list_has_a_header_a_rule_and_one_row_per_ruleset(lang: str) -> None:
    rulesets = [load_ruleset(i) for i in list_rulesets()]
    lines = ruleset_list_text(rulesets, lang=lang)  # type: ignore[arg-type]
    assert len(lines) == 2 + len(rulesets)
    assert set(lines[1].replace(" ", "")) == {"─"}
    for ruleset, line in zip(rulesets, lines[2:], strict=True):
        assert line.startswith(ruleset.id)
        assert ruleset.title.get(lang) in line  # type: ignore[arg-type]


def test_show_names_every_programme_its_kind_and_amounts() -> None:
    ruleset = load_ruleset("uong-bi-tet-2024")
    text = "\n".join(ruleset_text(ruleset, lang="en"))
    for programme in ruleset.all_programmes():
        assert f"■ {programme.id} — {programme.title.en}" in text
        assert f"Kind: {programme.kind_spec.label.en}" in text
    assert format_vnd(4_000_000, locale="en") in text
    assert "Age basis: celebration year minus birth year" in text
    assert "no fixed level (reported, not computed)" in text


def test_on_a_date_shows_what_is_in_force_or_says_nothing_is() -> None:
    central = load_ruleset("vn-central-tet")
    dated = ruleset_text(central, lang="vi", on=dt.date(2019, 2, 1))
    assert any("08/01/2019" in line for line in dated)
    assert not any("1583/QĐ-CTN" in line for line in dated)
    uong_bi = load_ruleset("uong-bi-tet-2024")  # its period is 2024
    nothing = ruleset_text(uong_bi, lang="en", on=dt.date(1900, 1, 1))
    assert nothing[-1] == "No programme in force on 01/01/1900."
