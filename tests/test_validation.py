"""Tests of welfare_rules._validation: pydantic errors explained in both languages."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, ConfigDict, ValidationError

from welfare_rules._i18n import Text
from welfare_rules._types import VND
from welfare_rules._validation import explain, first_problem, independent


class _Line(BaseModel):
    model_config = ConfigDict(extra="forbid")
    amount: VND
    flag: bool = False


class _Table(BaseModel):
    lines: list[_Line]


def _problem(data: object) -> tuple[str, Text, object]:
    with pytest.raises(ValidationError) as info:
        _Table.model_validate(data)
    return first_problem(info.value)


@pytest.mark.parametrize(
    ("data", "path", "english", "vietnamese"),
    [
        ({"lines": [{"amount": 600000.0}]}, "lines[0].amount", "a float", "số thực"),
        ({"lines": [{"amount": -5}]}, "lines[0].amount", "negative value -5", "số âm"),
        ({"lines": [{}]}, "lines[0].amount", "required key missing", "thiếu khóa"),
        ({"lines": [{"amount": 1, "x": 1}]}, "lines[0].x", "unknown key: 'x'", "không được phép"),
        ({"lines": [{"amount": "abc"}]}, "lines[0].amount", "expected an integer", "số nguyên"),
        ({"lines": [{"amount": 1, "flag": "maybe"}]}, "lines[0].flag", "true or false", "true"),
    ],
)
def test_reasons_and_paths(data: object, path: str, english: str, vietnamese: str) -> None:
    where, reason, _ = _problem(data)
    assert where == path
    assert english in reason.en
    assert vietnamese in reason.vi


def test_an_explained_cause_keeps_its_own_text_and_path() -> None:
    class ExplainedCauseError(ValueError):
        def __init__(self) -> None:
            super().__init__("bad")
            self.text = Text(vi="lý do riêng", en="own reason")
            self.at = "inner"

    class Model(BaseModel):
        value: int

        def model_post_init(self, context: object) -> None:
            raise ExplainedCauseError()

    with pytest.raises(ValidationError) as info:
        Model(value=1)
    path, reason, _ = explain(info.value.errors()[0])
    assert reason == Text(vi="lý do riêng", en="own reason")
    assert path.endswith("inner")


def test_independent_drops_errors_that_follow_from_deeper_ones() -> None:
    shallow = {"loc": ("lines",), "type": "too_short", "msg": "", "input": []}
    deep = {"loc": ("lines", 0, "amount"), "type": "int_type", "msg": "", "input": 1.5}
    assert independent([shallow, deep]) == [deep]  # type: ignore[list-item]
    assert independent([shallow]) == [shallow]  # type: ignore[list-item]


class _Named(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = ""
    amount: VND = 0
    flag: bool = False


@pytest.mark.parametrize(
    "data",
    [
        {"amount": "1" * 1_000_000},  # int_parsing
        {"flag": "x" * 1_000_000},  # bool_parsing
        {"amount": [[[[[[[[1]]]]]]]] * 10_000},  # int_type with a large nested value
        {"amount": -(10**5000)},  # negative: str() of it would raise ValueError
        {"amount": 1e300},  # float
        {"id": 5, "amount": 0},  # other
        {"x" * 1_000_000: 1},  # an unknown key a megabyte long
    ],
    ids=["int", "bool", "nested", "huge-negative", "float", "other", "extra"],
)
def test_messages_quote_values_bounded(data: dict[str, object]) -> None:
    # issue 13: '{value!r}' made a 1 MB value a 1 MB message
    with pytest.raises(ValidationError) as info:
        _Named.model_validate(data)
    _, reason, _ = first_problem(info.value)
    assert len(reason.en) < 400
    assert len(reason.vi) < 400


def test_a_long_value_is_still_recognisable() -> None:
    with pytest.raises(ValidationError) as info:
        _Named.model_validate({"amount": "12345" * 100_000})
    _, reason, value = first_problem(info.value)
    assert "'1234512345" in reason.en
    assert "500000 chars" in reason.en
    assert value == "12345" * 100_000  # the value itself is kept whole
