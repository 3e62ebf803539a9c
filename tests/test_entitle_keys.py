"""entitle/_keys.py: a key's Inputs assembled from parts validated once each.

The reference is the old way: rebuild the key's whole Person (`Grouped.person`) and ask
the plan for its inputs. The module promises the same inputs, and the same error naming
the row and column when a part is bad."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from welfare_rules.entitle import _columns, _keys
from welfare_rules.entitle._columns import Grouped, group_columns
from welfare_rules.entitle._keys import KeyInputs
from welfare_rules.entitle.engine import Inputs, Plan
from welfare_rules.entitle.person import Person
from welfare_rules.errors import PersonDataError

from .strategies import person_columns
from .test_entitle_columns import ON, PLANS, SELECTIONS, WIDE, assert_same_for, relevant_inputs


def groupings(columns: Mapping[str, Sequence[Any]], plan: Plan) -> list[Grouped]:
    with_numpy = group_columns(columns, plan, keep_rows=True)
    with mock.patch.object(_columns, "numpy", return_value=None):
        pure = group_columns(columns, plan, keep_rows=True)
    return [with_numpy, pure]


def whole(grouped: Grouped, plan: Plan, key: tuple[object, ...]) -> Inputs:
    """The reference: the key's whole Person, read strictly (a selection id the ruleset
    lacks is an error naming the key's first row)."""
    person = grouped.person(key)
    try:
        return plan.inputs(person, strict=True)
    except PersonDataError as error:
        path = f"[{grouped.first(key)}].{error.path}"
        raise PersonDataError(error.reason, path=path, value=error.value) from None


def outcome(build: Any, key: tuple[object, ...]) -> object:
    """The inputs of ``key``, or the error's path and both texts."""
    try:
        return build(key)
    except PersonDataError as error:
        return ("error", error.path, error.text.en, error.text.vi)


@settings(max_examples=12)
@given(case=person_columns(selections=SELECTIONS, max_size=10), plan=st.sampled_from(sorted(PLANS)))
def test_inputs_from_parts_equal_the_inputs_of_the_whole_person(
    case: tuple[list[Person], dict[str, list[Any]]], plan: str
) -> None:
    people, columns = case
    rules = PLANS[plan]
    for grouped in groupings(columns, rules):
        inputs_of = KeyInputs(grouped, rules)
        for key in grouped.counts:
            assert outcome(inputs_of, key) == outcome(lambda k, g=grouped: whole(g, rules, k), key)
            assert outcome(inputs_of, key) == outcome(inputs_of, key)  # the cached parts again
        assert grouped.keys is not None
        for person, key in zip(people, grouped.keys, strict=True):
            if any(s not in rules.known_selections for s in person.selections):
                continue  # an error, the same as the whole person's (above)
            if person.death_date is not None and person.death_date < ON:
                assert inputs_of(key) == Inputs(None, None, False, (), frozenset())
            else:  # the same as a Person built from the row's record
                assert_same_for(rules, inputs_of(key), relevant_inputs(rules, person))


# Cells of every kind, valid and not, for the columns KeyInputs reads part by part.
_MESSY = {
    "birth_date": [None, "", "1954-03-01", "1954-12-31", dt.date(1960, 2, 1), "2030-01-01"],
    "birth_year": [None, "", 1954, "1954", " 1960 ", 1800, 1799, "abc", True, 2200, 2201],
    "death_date": [None, "", "2024-02-01", "2023-12-31", "2025-01-01"],
    "categories": [
        None,
        "",
        "war_invalid",
        "martyr_relative;war_invalid",
        "revolution_helper",
        "nope",
        "war_invalid;nope",
        ["martyr_relative"],
        "elderly",
    ],
    "war_invalid.injury_rate": [None, "", 81, "81", 40, 150, -1, "abc", True],
    "martyr_relative.martyrs": [None, 2, "3", 0, "x"],
    "martyr_relative.representative": [None, True, "yes", "có", 0, "perhaps", 2],
    "revolution_helper.monthly_allowance": [None, True, "no", "maybe"],
    "poor": [None, "", True, False, "x", "0", "maybe", 2],
    "near_poor": [None, "", True, False, "có", "không", "2"],
    "selections": [None, "", "chosen", "other", "chosen;other", ["chosen"], 5],
}


@st.composite
def messy_columns(draw: st.DrawFn) -> dict[str, list[Any]]:
    size = draw(st.integers(1, 8))
    names = draw(st.lists(st.sampled_from(sorted(_MESSY)), min_size=1, unique=True))
    return {
        name: draw(st.lists(st.sampled_from(_MESSY[name]), min_size=size, max_size=size))
        for name in names
    }


@settings(max_examples=60)
@given(columns=messy_columns(), plan=st.sampled_from(sorted(PLANS)))
def test_parts_pass_exactly_when_the_whole_record_does(
    columns: dict[str, list[Any]], plan: str
) -> None:
    """Every key gives the same inputs as its whole Person, or the same error, naming the
    same row and column."""
    rules = PLANS[plan]
    try:
        grouped_both = groupings(columns, rules)
    except PersonDataError:
        return  # a bad date or a death before the birth: refused before any key is built
    for grouped in grouped_both:
        inputs_of = KeyInputs(grouped, rules)
        for key in grouped.counts:
            from_parts = outcome(inputs_of, key)
            assert from_parts == outcome(lambda k, g=grouped: whole(g, rules, k), key), key


@pytest.mark.parametrize(
    ("columns", "path"),
    [
        ({"birth_year": [1954, 1954, "abc"]}, "[2].birth_year"),
        ({"birth_date": ["1954-03-01"] * 3, "birth_year": [1954, 1955, 1955]}, "[1].birth_year"),
        ({"categories": ["war_invalid", "x", "x"]}, "[1].categories.x"),
        ({"poor": [False, True], "near_poor": ["", "yes"]}, "[1].near_poor"),
        ({"selections": [5, "chosen"]}, "[0].selections"),
        ({"selections": ["chosen", "chosen;nope", "chosen;nope"]}, "[1].selections"),
        (
            {"categories": [None, "martyr_relative"], "martyr_relative.representative": [7, 7]},
            "[1].martyr_relative.representative",
        ),
    ],
)
def test_a_bad_part_raises_the_error_naming_the_first_row_with_its_key(
    columns: dict[str, list[Any]], path: str
) -> None:
    for grouped in groupings(columns, WIDE):
        inputs_of = KeyInputs(grouped, WIDE)
        with pytest.raises(PersonDataError) as caught:
            list(map(inputs_of, grouped.counts))
        assert caught.value.path == path


def test_the_dead_are_not_read_further() -> None:
    columns = {"death_date": ["2020-01-01"], "birth_year": ["abc"], "poor": ["maybe"]}
    for grouped in groupings(columns, WIDE):
        (key,) = grouped.counts
        assert KeyInputs(grouped, WIDE)(key) == Inputs(None, None, False, (), frozenset())


def test_a_key_of_no_columns_is_a_person_with_nothing_known() -> None:
    for grouped in groupings({"id": ["a", "b"]}, WIDE):
        assert KeyInputs(grouped, WIDE)(()) == Inputs(None, None, True, (), frozenset())


def test_each_distinct_part_is_validated_once() -> None:
    """18 keys from 3 births × 3 category views × 2 selections: 8 parts, each checked
    once: 2 Person builds (the selections), 3 category views of plain values checked by
    plain_rule_view (Person's checks without pydantic), and a birth date alone is a date:
    no check of a Person can fail, none is built."""
    births = ["1954-01-01", "1954-06-01", "1930-05-05"]  # exact ages 70, 69, 93
    views = [("war_invalid", 81), ("war_invalid", 40), ("", None)]
    chosen = ["chosen", ""]
    rows = [(b, c, r, s) for b in births for c, r in views for s in chosen]
    columns = {
        "birth_date": [row[0] for row in rows],
        "categories": [row[1] for row in rows],
        "war_invalid.injury_rate": [row[2] for row in rows],
        "selections": [row[3] for row in rows],
    }
    original = Person.from_dict
    for grouped in groupings(columns, WIDE):
        assert len(grouped.counts) == 18
        inputs_of = KeyInputs(grouped, WIDE)
        plain = _keys.plain_rule_view
        with (
            mock.patch.object(_keys.Person, "from_dict", side_effect=original) as built,
            mock.patch.object(_keys, "plain_rule_view", side_effect=plain) as checked,
        ):
            first = [inputs_of(key) for key in grouped.counts]
            again = [inputs_of(key) for key in grouped.counts]
        assert built.call_count == 2
        assert checked.call_count == 3
        assert first == again == [WIDE.inputs(grouped.person(key)) for key in grouped.counts]
        assert len(set(first)) == 18


@pytest.mark.parametrize(
    ("birth", "year", "present"),
    [
        ("2024-02-01", None, True),  # born on the date: age 0
        ("2024-02-02", None, False),  # the same year, the day after: not yet born
        (None, 2024, True),
        (None, 2025, False),
    ],
)
def test_a_person_born_after_the_date_is_not_present(
    birth: str | None, year: int | None, present: bool
) -> None:
    columns = {"birth_date": [birth], "birth_year": [year]}
    for grouped in groupings(columns, WIDE):
        (key,) = grouped.counts
        inputs = KeyInputs(grouped, WIDE)(key)
        assert inputs.present is present
        assert inputs == WIDE.inputs(Person(birth_date=birth, birth_year=year))
