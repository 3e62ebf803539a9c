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
