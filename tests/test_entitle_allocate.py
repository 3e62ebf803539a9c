"""allocate(): exact totals, three population shapes, undetermined cases, quotas.

The report tree (`Allocation.to_report`) is tested in test_entitle_report.py."""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from welfare_rules.entitle.allocate import allocate
from welfare_rules.entitle.engine import entitlements
from welfare_rules.entitle.person import Person
from welfare_rules.entitle.results import Entitlement
from welfare_rules.errors import PersonDataError
from welfare_rules.rules import load_ruleset
from welfare_rules.rules.categories import CATEGORIES

from .strategies import populations, rulesets

TET_2024 = dt.date(2024, 2, 1)
UONG_BI = load_ruleset("uong-bi-tet-2024")
SELECTED = ("city-exemplary-households", "city-special-hardship")


def as_columns(people: list[Person]) -> dict[str, list[Any]]:
    """The population as columns (the CSV shape), attributes as `category.attribute`."""
    names = [f"{c.id}.{a}" for c in CATEGORIES.values() for a in c.attributes]
    columns: dict[str, list[Any]] = {
        "id": [p.id for p in people],
        "birth_date": [p.birth_date.isoformat() if p.birth_date else "" for p in people],
        "birth_year": [p.birth_year for p in people],
        "death_date": [p.death_date for p in people],
        "categories": [";".join(p.categories) for p in people],
        "poor": [p.poor for p in people],
        "near_poor": [p.near_poor for p in people],
        "selections": [";".join(sorted(p.selections)) for p in people],
    }
    for name in names:
        category, attribute = name.split(".")
        columns[name] = [p.categories.get(category, {}).get(attribute) for p in people]
    return columns


def summed(people: list[Person], ruleset: Any, on: dt.date) -> tuple[int, int, int]:
    count = amount = open_ = 0
    for person in people:
        for item in entitlements(person, ruleset, on=on):
            if isinstance(item, Entitlement):
                count += 1
                amount += item.amount
            else:
                open_ += 1
    return count, amount, open_


def _date_in(ruleset: Any, data: Any) -> dt.date:
    on: dt.date = data.draw(st.dates(dt.date(2015, 1, 1), dt.date(2030, 12, 31)))
    return on if ruleset.applies_on(on) else (ruleset.period[0] or on)


@settings(max_examples=40)
@given(ruleset=rulesets(), data=st.data())
def test_allocate_totals_equal_the_sum_of_entitlements(ruleset: Any, data: Any) -> None:
    ids = tuple(p.id for p in ruleset.all_programmes() if p.kind == "selected")
    people = data.draw(populations(selections=ids))
    on = _date_in(ruleset, data)
    expected = summed(people, ruleset, on)
    for population in (people, as_columns(people)):
        result = allocate(population, ruleset, on=on)
        assert (result.total.count, result.total.amount, result.undetermined_count) == expected
        assert result.population == len(people)
        assert sum(t.amount for t in result.by_source().values()) == expected[1]


def test_per_person_rows_and_undetermined_cases() -> None:
    columns = {
        "id": ["a", "b", "c"],
        "birth_year": [1954, None, 1990],
        "categories": ["", "", "war_invalid"],
    }
    result = allocate(columns, UONG_BI, on=TET_2024, per_person=True)
    assert result.people is not None
    assert [p.id for p in result.people] == ["a", "b", "c"]
    assert [i.programme for i in result.people[0].items] == ["commune-longevity"]
    open_ = {(g.item.programme, g.rows) for g in result.undetermined}
    assert ("commune-longevity", (1,)) in open_
    assert ("central-tet", (2,)) in open_
    central = next(g for g in result.undetermined if g.item.programme == "central-tet")
    assert central.item.missing == ("war_invalid.injury_rate",)
    assert central.ids == ("c",)


def test_quota_checks_for_selected_programmes() -> None:
    people = [{"selections": ["city-exemplary-households"]}] * 21
    result = allocate(people, UONG_BI, on=TET_2024)
    exemplary = next(q for q in result.quotas if q.programme == "city-exemplary-households")
    assert (exemplary.quota, exemplary.selected, exemplary.within) == (20, 21, False)
    assert "21" in exemplary.message.vi
    assert "over the quota of 20 by 1" in exemplary.message.en
    hardship = next(q for q in result.quotas if q.programme == "city-special-hardship")
    assert hardship.within


def test_column_errors_name_the_row_and_column() -> None:
    with pytest.raises(PersonDataError) as caught:
        allocate({"birth_year": [1954, 1954], "injury_rate": [1, 2]}, UONG_BI, on=TET_2024)
    assert caught.value.path == "injury_rate"
    with pytest.raises(PersonDataError) as caught:
        allocate({"birth_date": ["1954-03-01", "03/01/1954"]}, UONG_BI, on=TET_2024)
    assert caught.value.path == "[1].birth_date"
    columns = {"categories": ["war_invalid", "war_invalid"], "war_invalid.injury_rate": [81, "x"]}
    with pytest.raises(PersonDataError) as caught:
        allocate(columns, UONG_BI, on=TET_2024)
    assert caught.value.path == "[1].war_invalid.injury_rate"
    with pytest.raises(PersonDataError) as caught:
        allocate([{"birth_year": 1954}, {"birth_year": 1954.0}], UONG_BI, on=TET_2024)
    assert caught.value.path == "[1].birth_year"


@pytest.mark.parametrize(
    ("columns", "path"),
    [
        ({"birth_year": [1954, 1954.0]}, "[1].birth_year"),  # equal to an earlier int
        ({"birth_year": [1954.0, 1954]}, "[0].birth_year"),
        ({"birth_year": [None, float("nan"), 1954.5]}, "[2].birth_year"),
        (
            {"categories": ["war_invalid", "war_invalid"], "war_invalid.injury_rate": [81, 81.0]},
            "[1].war_invalid.injury_rate",
        ),
        (
            {"categories": ["", "martyr_relative"], "martyr_relative.martyrs": [None, 2.0]},
            "[1].martyr_relative.martyrs",
        ),
        (
            {
                "categories": ["martyr_relative"] * 2,
                "martyr_relative.representative": [True, 1.0],
            },
            "[1].martyr_relative.representative",
        ),
    ],
)
@pytest.mark.parametrize("with_numpy", [True, False])
def test_floats_in_whole_number_and_yes_no_columns_are_errors(
    columns: dict[str, list[Any]], path: str, with_numpy: bool
) -> None:
    from unittest import mock

    from welfare_rules.entitle import _columns

    with contextlib.ExitStack() as stack:
        if not with_numpy:  # the pure-Python grouping
            stack.enter_context(mock.patch.object(_columns, "numpy", return_value=None))
        with pytest.raises(PersonDataError) as caught:
            allocate(columns, UONG_BI, on=TET_2024)
    assert caught.value.path == path
    assert caught.value.text.vi
    assert caught.value.text.en
    if not path.endswith("representative"):
        assert "whole-number column" in caught.value.text.en
        assert "số nguyên" in caught.value.text.vi


def test_a_float_on_a_row_without_categories_is_not_read() -> None:
    columns = {"categories": ["", "war_invalid"], "war_invalid.injury_rate": [81.0, 81]}
    assert allocate(columns, UONG_BI, on=TET_2024).total.amount == 600_000


def test_pandas_frames_give_the_same_allocation() -> None:
    pd = pytest.importorskip("pandas")
    columns = {
        "id": ["a", "b", "c", "d", "e"],
        "birth_date": ["1954-03-01", None, "1924-12-31", "1944-06-01", "2000-01-01"],
        "birth_year": [None, 1949, None, None, None],
        "death_date": [None, None, None, "2024-01-15", None],
        "categories": ["war_invalid", "heroic_mother", "", "war_invalid", "social_protection"],
        "war_invalid.injury_rate": [81, None, None, 40, None],
        "poor": [False, False, True, False, False],
        "selections": ["", "city-exemplary-households", "", "", ""],
    }
    frame = pd.DataFrame(columns)
    frame["birth_year"] = frame["birth_year"].astype("Int16")
    frame["war_invalid.injury_rate"] = frame["war_invalid.injury_rate"].astype("Int16")
    from_frame = allocate(frame, UONG_BI, on=TET_2024, per_person=True)
    from_columns = allocate(columns, UONG_BI, on=TET_2024)
    assert from_frame.lines == from_columns.lines
    assert from_frame.undetermined_count == from_columns.undetermined_count
    assert from_frame.people is not None
    assert [p.id for p in from_frame.people] == columns["id"]
    assert from_frame.to_pandas()["amount"].sum() == from_frame.total.amount


@settings(max_examples=25)
@given(ruleset=rulesets(), data=st.data())
def test_numpy_and_pure_python_grouping_give_identical_allocations(ruleset: Any, data: Any) -> None:
    pytest.importorskip("numpy")
    from unittest import mock

    from welfare_rules.entitle import _columns

    ids = tuple(p.id for p in ruleset.all_programmes() if p.kind == "selected")
    columns = as_columns(data.draw(populations(selections=ids)))
    on = _date_in(ruleset, data)
    with_numpy = allocate(columns, ruleset, on=on, per_person=True)
    with mock.patch.object(_columns, "numpy", return_value=None):
        pure = allocate(columns, ruleset, on=on, per_person=True)
        pure_totals = allocate(columns, ruleset, on=on)
    assert with_numpy == pure
    assert allocate(columns, ruleset, on=on) == pure_totals
