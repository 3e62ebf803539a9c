"""entitle/_parts.py: a population counted part by part gives the allocation key by key.

The reference is the key-by-key way (every key's Inputs evaluated, as per_person=True
and the record path always do): the same lines, undetermined groups (count, first
occurrence) and quotas, and the same error when a record is bad."""

from __future__ import annotations

import datetime as dt
from typing import Any
from unittest import mock

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from welfare_rules.entitle import allocate as allocate_module
from welfare_rules.entitle._columns import group_columns
from welfare_rules.entitle._parts import tally_parts
from welfare_rules.entitle.allocate import allocate
from welfare_rules.entitle.engine import plan_for
from welfare_rules.entitle.person import Person
from welfare_rules.errors import PersonDataError
from welfare_rules.rules import load_ruleset

from .strategies import person_columns, populations, rulesets
from .test_entitle_allocate import as_columns

TET_2024 = dt.date(2024, 2, 1)
UONG_BI = load_ruleset("uong-bi-tet-2024")
SELECTED = ("city-exemplary-households", "city-special-hardship")


def key_by_key(population: Any, ruleset: Any, on: dt.date, **options: Any) -> Any:
    """The allocation with the part-by-part way turned off."""
    with mock.patch.object(allocate_module, "tally_parts", return_value=None):
        return allocate(population, ruleset, on=on, **options)


def outcome(run: Any) -> object:
    try:
        return run()
    except PersonDataError as error:
        return ("error", error.path, error.text.en, error.text.vi)


def test_uong_bi_is_counted_part_by_part() -> None:
    """The way under test is taken (the test below would compare the reference with
    itself otherwise): uong-bi-tet-2024's programmes each read one part."""
    plan = plan_for(UONG_BI, on=TET_2024)
    assert plan.separable
    columns = {"birth_year": [1954, 1944, None], "categories": ["", "war_invalid", ""]}
    assert tally_parts(group_columns(columns, plan), plan) is not None


@settings(max_examples=40, deadline=None)
@given(ruleset=rulesets(), data=st.data(), offset=st.integers(0, 5))
@example(
    ruleset=UONG_BI,
    data=None,
    offset=3,
).via("undetermined cases of several parts, their first rows and places")
def test_part_by_part_equals_key_by_key(ruleset: Any, data: Any, offset: int) -> None:
    if data is None:
        people = [
            Person.from_dict({"birth_year": 1954}),
            Person.from_dict({"categories": {"war_invalid": {}}, "birth_year": 1944}),
            Person.from_dict({"categories": {"martyr_altar_keeper": {}}}),
            Person.from_dict({"categories": {"war_invalid": {}}, "birth_year": 1930}),
            Person.from_dict({"birth_year": 1924, "selections": ["city-special-hardship"]}),
        ]
        on = TET_2024
    else:
        ids = tuple(p.id for p in ruleset.all_programmes() if p.kind == "selected")
        people = data.draw(populations(selections=ids))
        on = data.draw(st.dates(dt.date(2015, 1, 1), dt.date(2030, 12, 31)))
        on = on if ruleset.applies_on(on) else (ruleset.period[0] or on)
    columns = as_columns(people)
    expected = outcome(lambda: key_by_key(columns, ruleset, on, row_offset=offset))
    assert outcome(lambda: allocate(columns, ruleset, on=on, row_offset=offset)) == expected
    if not isinstance(expected, tuple):
        records = allocate(people, ruleset, on=on, row_offset=offset)  # never by parts
        assert records == expected


@settings(max_examples=25, deadline=None)
@given(case=person_columns(selections=SELECTED, max_size=10))
def test_cells_in_every_spelling_give_the_same_allocation_or_error(
    case: tuple[list[Person], dict[str, list[Any]]],
) -> None:
    _, columns = case
    expected = outcome(lambda: key_by_key(columns, UONG_BI, TET_2024))
    assert outcome(lambda: allocate(columns, UONG_BI, on=TET_2024)) == expected


@pytest.mark.parametrize(
    ("columns", "path"),
    [
        ({"birth_year": [1954, "abc"]}, "[1].birth_year"),
        ({"birth_year": [1954, 1954], "selections": ["", "city-exemplary"]}, "[1].selections"),
        ({"categories": ["", "war_invalid"], "war_invalid.injury_rate": [None, 181]}, None),
        ({"birth_year": [1954, 1800]}, "birth_year"),  # an age past MAX_AGE: the engine's
    ],
)
def test_a_bad_record_is_the_key_by_key_error(columns: dict[str, list[Any]], path: Any) -> None:
    """A part that does not validate, or an age the engine refuses, leaves the counting to
    the key-by-key way: the error is its error, naming the same row."""
    plan = plan_for(UONG_BI, on=TET_2024)
    grouped = group_columns(columns, plan)
    assert tally_parts(grouped, plan) is None
    expected = outcome(lambda: key_by_key(columns, UONG_BI, TET_2024))
    assert isinstance(expected, tuple)
    assert outcome(lambda: allocate(columns, UONG_BI, on=TET_2024)) == expected
    if path is not None:
        assert expected[1] == path


def test_the_dead_and_the_unborn_are_not_read() -> None:
    """A person who died before the date has no other cell read (as key by key): a bad
    birth year beside a death is no error either way."""
    columns = {
        "birth_year": [1954, "abc", 2030],
        "death_date": [None, "2020-01-01", None],
    }
    expected = key_by_key(columns, UONG_BI, TET_2024)
    assert allocate(columns, UONG_BI, on=TET_2024) == expected
    assert expected.total.count == 1  # the one alive and born: 70 in 2024, a commune gift
