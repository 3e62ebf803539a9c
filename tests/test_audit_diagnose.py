"""Tests for audit/diagnose.py: check_edits, the typo diagnosis, the Fellegi–Holt fallback."""

from __future__ import annotations

import pytest

from welfare_rules.audit.diagnose import check_edits
from welfare_rules.errors import MoneyTypeError


def test_valid_and_invalid() -> None:
    assert check_edits({"a": 1, "b": 1}, ["a == b"]).status == "valid"
    assert check_edits({"a": 1, "b": 1}, ["a == b"]).ok
    result = check_edits({"a": 1, "b": 2}, ["a == b", "a < b"], diagnose=False)
    assert result.status == "invalid"
    assert [edit.text for edit in result.violations] == ["a == b"]


def test_floats_are_refused() -> None:
    with pytest.raises(MoneyTypeError):
        check_edits({"a": 1.0, "b": 1}, ["a == b"])
