"""Tests for rules/categories.py: the beneficiary vocabulary, its labels and attribute types."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from welfare_rules.rules.categories import CATEGORIES, GROUPS, Attribute, in_group


def test_every_category_has_both_labels_and_a_known_group() -> None:
    for key, category in CATEGORIES.items():
        assert category.id == key
        assert category.labels.vi.strip()
        assert category.labels.en.strip()
        assert category.labels.vi != category.labels.en
        assert category.group in GROUPS
        for name, attribute in category.attributes.items():
            assert attribute.name == name
            assert attribute.labels.vi.strip()
            assert attribute.labels.en.strip()


def test_every_group_has_members_and_labels() -> None:
    for group, labels in GROUPS.items():
        assert in_group(group), group
        assert labels.vi.strip()
        assert labels.en.strip()


@pytest.mark.parametrize(
    ("category", "attribute", "kind"),
    [
        ("war_invalid", "injury_rate", "int"),
        ("martyr_relative", "martyrs", "int"),
        ("martyr_relative", "monthly_allowance", "bool"),
        ("revolution_helper", "care_allowance", "bool"),
        ("social_protection", "monthly_allowance", "bool"),
    ],
)
def test_declared_attributes(category: str, attribute: str, kind: str) -> None:
    assert CATEGORIES[category].attributes[attribute].kind == kind


def test_required_groups_are_covered() -> None:
    for needed in ("poor_household", "near_poor_household", "elderly", "social_protection"):
        assert needed in CATEGORIES
    assert "child_special_circumstances" in in_group("children")


@given(st.integers(-5, 120) | st.booleans())
def test_percent_accepts_only_ints_in_range(value: int | bool) -> None:
    rate = CATEGORIES["war_invalid"].attributes["injury_rate"]
    expected = not isinstance(value, bool) and 0 <= value <= 100
    assert rate.accepts(value) is expected


def test_bool_attribute_accepts_only_bools() -> None:
    flag = Attribute("x", "bool", CATEGORIES["elderly"].labels)
    assert flag.accepts(True)
    assert not flag.accepts(1)
    assert flag.describe() == "bool"
    assert CATEGORIES["war_invalid"].attributes["injury_rate"].describe() == "int percent 0..100"
