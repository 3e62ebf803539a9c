"""Tests of welfare_rules._lazy: names resolve on first use and are then cached."""

from __future__ import annotations

import types

import pytest

from welfare_rules._lazy import lazy_exports


def test_resolves_caches_and_lists() -> None:
    namespace: dict[str, object] = {}
    get, names = lazy_exports("welfare_rules", namespace, {"parse_vnd": "money"})
    from welfare_rules.money import parse_vnd

    assert get("parse_vnd") is parse_vnd
    assert namespace["parse_vnd"] is parse_vnd
    assert names() == ["parse_vnd"]


def test_unknown_name_is_an_attribute_error() -> None:
    get, _ = lazy_exports("welfare_rules", {}, {})
    with pytest.raises(AttributeError, match="has no attribute 'nope'"):
        get("nope")


def test_a_package_uses_it() -> None:
    import welfare_rules

    assert isinstance(welfare_rules, types.ModuleType)
    assert "load_ruleset" in dir(welfare_rules)
