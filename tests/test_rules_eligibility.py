"""Tests for rules/eligibility.py: conditions and rules, evaluated three ways."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from welfare_rules.rules.eligibility import Condition, Rule


def test_condition_from_string() -> None:
    condition = Condition.model_validate("injury_rate >= 81")
    assert (condition.attribute, condition.op, condition.value) == ("injury_rate", ">=", 81)
    assert str(condition) == "injury_rate >= 81"
    assert Condition.model_validate("monthly_allowance == true").value is True


@pytest.mark.parametrize(
    ("op", "value", "holds"),
    [(">=", 81, True), (">", 81, False), ("<=", 80, False), ("<", 82, True), ("==", 81, True)],
)
def test_condition_holds(op: str, value: int, holds: bool) -> None:
    assert Condition(attribute="injury_rate", op=op, value=value).holds(81) is holds  # type: ignore[arg-type]


def test_condition_describe() -> None:
    rule = Rule.model_validate({"category": "war_invalid", "conditions": ["injury_rate >= 81"]})
    assert rule.describe("vi") == "Thương binh (tỷ lệ tổn thương cơ thể ≥ 81 %)"
    rule = Rule.model_validate(
        {"category": "social_protection", "conditions": ["monthly_allowance == false"]}
    )
    assert rule.describe("en") == "Social-protection beneficiary (not on a monthly allowance)"


def test_bad_condition_string() -> None:
    with pytest.raises(ValueError, match="cannot read the condition"):
        Condition.model_validate("injury_rate => 81")


def test_rule_evaluate_is_three_valued() -> None:
    rule = Rule.model_validate(
        {"category": "martyr_relative", "conditions": ["martyrs >= 2", "monthly_allowance == true"]}
    )
    assert rule.evaluate({"martyr_relative": {"martyrs": 2, "monthly_allowance": True}}) is True
    assert rule.evaluate({"martyr_relative": {"martyrs": 1}}) is False  # false wins over missing
    assert rule.evaluate({"martyr_relative": {"martyrs": 3}}) is None
    assert rule.missing({"martyr_relative": {"martyrs": 3}}) == (
        "martyr_relative.monthly_allowance",
    )
    assert rule.evaluate({"war_invalid": {"injury_rate": 90}}) is False
    assert rule.missing({}) == ()


def test_group_rule() -> None:
    rule = Rule(group="household")
    assert rule.evaluate({"near_poor_household": {}}) is True
    assert rule.evaluate({"war_invalid": {}}) is False
    assert "poor_household" in rule.categories


def test_rule_shape_errors() -> None:
    with pytest.raises(ValueError, match="exactly one of"):
        Rule(category="war_invalid", group="meritorious")
    with pytest.raises(ValueError, match="need a category"):
        Rule.model_validate({"group": "meritorious", "conditions": ["injury_rate >= 1"]})
    with pytest.raises(ValueError, match="takes only == or !="):
        Rule.model_validate({"category": "elderly", "conditions": ["monthly_allowance >= true"]})
    with pytest.raises(ValueError, match="carry a note"):
        Rule(category="elderly", confirmed=False)


_OPS = {">=": int.__ge__, ">": int.__gt__, "<=": int.__le__, "<": int.__lt__, "==": int.__eq__}


@given(st.sampled_from(sorted(_OPS)), st.integers(0, 100), st.integers(0, 100))
def test_condition_agrees_with_integer_comparison(op: str, limit: int, actual: int) -> None:
    condition = Condition.model_validate(f"injury_rate {op} {limit}")
    assert condition.holds(actual) is _OPS[op](actual, limit)
