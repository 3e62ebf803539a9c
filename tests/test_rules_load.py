"""Tests for rules/load.py: the bundled registry, files, includes and error reporting."""

from __future__ import annotations

from pathlib import Path

import pytest

from welfare_rules import list_rulesets, load_ruleset
from welfare_rules.errors import RuleDataError, UnknownRulesetError
from welfare_rules.rules.load import BUNDLED


def test_bundled_rulesets_load() -> None:
    for ruleset_id in list_rulesets():
        assert load_ruleset(ruleset_id).id == ruleset_id


def test_registry_matches_files() -> None:
    data = Path(__file__).parents[1] / "src" / "welfare_rules" / "rules" / "data"
    assert sorted(p.name for p in data.glob("*.toml")) == sorted(BUNDLED.values())


def test_unknown_id() -> None:
    with pytest.raises(UnknownRulesetError, match="no-such"):
        load_ruleset("no-such")


def test_float_amount_names_path_and_line(tmp_path: Path) -> None:
    text = (
        Path(__file__).parents[1] / "src/welfare_rules/rules/data/vn-longevity.toml"
    ).read_text()
    bad = tmp_path / "bad.toml"
    bad.write_text(text.replace("amount = 700000", "amount = 700000.0"), encoding="utf-8")
    with pytest.raises(RuleDataError) as info:
        load_ruleset(bad)
    assert info.value.path == "programme[0].version[0].bracket[0].amount"
    assert info.value.line is not None
    assert text.splitlines()[info.value.line - 1].startswith("amount = 700000")
