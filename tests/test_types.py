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


def test_frozen_model_is_frozen_and_refuses_unknown_keys() -> None:
    from welfare_rules._types import FrozenModel

    class Point(FrozenModel):
        x: int

    point = Point(x=1)
    with pytest.raises(ValidationError):
        point.x = 2
    with pytest.raises(ValidationError):
        Point(x=1, y=2)  # type: ignore[call-arg]
    assert hash(point) == hash(Point(x=1))


def test_invalid_field_error_carries_its_reason_and_path_into_pydantic() -> None:
    from pydantic import BaseModel, field_validator

    from welfare_rules._i18n import Text
    from welfare_rules._types import InvalidFieldError
    from welfare_rules._validation import ExplainedError, explain
    from welfare_rules.rules.model import RuleInvalidError

    class Gift(BaseModel):
        amount: int

        @field_validator("amount")
        @classmethod
        def _even(cls, value: int) -> int:
            if value % 2:
                raise InvalidFieldError(Text("lẻ", "odd"), at="digits")
            return value

    with pytest.raises(ValidationError) as info:
        Gift(amount=3)
    [error] = info.value.errors()
    assert isinstance(error["ctx"]["error"], ExplainedError)
    assert explain(error)[:2] == ("amount.digits", Text("lẻ", "odd"))
    assert RuleInvalidError is InvalidFieldError
    assert issubclass(InvalidFieldError, ValueError)


def test_file_model_reads_names_and_keys_and_writes_keys() -> None:
    from pydantic import Field

    from welfare_rules._types import FileModel

    class Version(FileModel):
        levels: tuple[int, ...] = Field(default=(), alias="level")

    assert Version(level=(1,)) == Version.model_validate({"levels": (1,)})
    assert Version(level=(1,)).model_dump() == {"level": (1,)}
    with pytest.raises(ValidationError):
        Version.model_validate({"levels": (1,), "colour": 1})
