"""Tests of welfare_rules._types: money and counts are strict, whole, non-negative ints."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from welfare_rules._types import VND, Count


@pytest.mark.parametrize("kind", [VND, Count])
@pytest.mark.parametrize("value", [600000.0, 1.5, "600000", True, -1, None])
def test_rejects_floats_strings_bools_and_negatives(kind: object, value: object) -> None:
    with pytest.raises(ValidationError):
        TypeAdapter(kind).validate_python(value)


@given(st.integers(min_value=0, max_value=10**18))
def test_accepts_every_whole_non_negative_int(value: int) -> None:
    assert TypeAdapter(VND).validate_python(value) == value
    assert TypeAdapter(Count).validate_python(value) == value
