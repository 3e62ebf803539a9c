"""Tests of welfare_rules._optional: a missing extra says how to install it, in both languages."""

from __future__ import annotations

import pytest

from welfare_rules._optional import require
from welfare_rules.errors import MissingExtraError


def test_present_module_is_returned() -> None:
    assert require("json", extra="none", feature="x").loads("[1]") == [1]


def test_missing_module_names_the_extra() -> None:
    with pytest.raises(MissingExtraError) as info:
        require("no_such_module_abc", extra="pandas", feature="to_pandas()")
    assert isinstance(info.value, ImportError)
    assert info.value.module == "no_such_module_abc"
    assert "pip install 'welfare-rules[pandas]'" in str(info.value)
    assert "cần gói" in info.value.text.vi
