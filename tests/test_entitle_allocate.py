"""allocate(): exact totals, three population shapes, undetermined cases, quotas.

The report tree (`Allocation.to_report`) is tested in test_entitle_report.py."""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from welfare_rules.entitle.allocate import (
    PEOPLE_COLUMNS,
    UNDETERMINED_COLUMNS,
    Allocation,
    AllocationError,
    Totals,
    allocate,
)
from welfare_rules.entitle.engine import entitlements
from welfare_rules.entitle.person import Person
from welfare_rules.entitle.results import Entitlement
from welfare_rules.errors import PersonDataError
from welfare_rules.rules import load_ruleset
from welfare_rules.rules.categories import CATEGORIES

from .strategies import partitions, populations, rulesets

try:  # the DataFrame tests need pandas (the frames extra); they skip without it
    import pandas as pd
except ImportError:  # pragma: no cover - only without the extra
    pd = None

needs_pandas = pytest.mark.skipif(pd is None, reason="needs pandas (the frames extra)")

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


def test_the_goods_are_counted_apart_from_the_cash() -> None:
    """Issue 14: 104 people of 90 and 7 of 100 on 01/03/2024: 56.900.000 đ in cash and
    15.600.000 đ in goods (150.000 đ each at 90), 72.500.000 đ in all."""
    on = dt.date(2024, 3, 1)
    result = allocate({"birth_year": [1934] * 104 + [1924] * 7}, "vn-longevity", on=on)
    assert result.total == Totals(count=111, amount=56_900_000, in_kind=15_600_000)
    assert result.total.total == 72_500_000
    ninety = next(line for line in result.lines if line.count == 104)
    assert (ninety.level_amount, ninety.level_in_kind) == (500_000, 150_000)
    assert (ninety.amount, ninety.in_kind, ninety.total) == (52_000_000, 15_600_000, 67_600_000)
    (provincial,) = result.by_source().values()
    assert provincial.total == 72_500_000
    data = result.to_dict(lang="en")
    assert data["total"]["in_kind"] == 15_600_000
    assert sum(line["in_kind"] for line in data["lines"]) == 15_600_000
    if pd is not None:  # the frame is the extra's
        frame = result.to_pandas()
        assert int(frame["in_kind"].sum()) == 15_600_000
        assert str(frame["in_kind"].dtype) == "Int64"
    assert "In kind" in result._repr_html_()


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


# ------------------------------------------------- partial results: Allocation is a monoid
def _parts(population: Any, bounds: list[tuple[int, int]]) -> list[Any]:
    if isinstance(population, dict):
        return [{k: v[a:b] for k, v in population.items()} for a, b in bounds]
    if hasattr(population, "iloc"):
        return [population.iloc[a:b] for a, b in bounds]
    return [population[a:b] for a, b in bounds]


def _shapes(people: list[Person]) -> list[Any]:
    shapes: list[Any] = [people, as_columns(people)]
    with contextlib.suppress(ImportError):
        import pandas as pd

        frame = pd.DataFrame(as_columns(people))
        frame["birth_date"] = pd.to_datetime(frame["birth_date"].replace("", None))
        for name in frame.columns:
            if frame[name].dtype.kind == "f" or name.endswith(".martyrs"):
                frame[name] = frame[name].astype("Int64")
        shapes.append(frame)
    return shapes


def _own_selections(people: list[Person], ruleset: Any) -> list[Person]:
    """The people with only the ruleset's own selected programmes (another id is an
    error, tested on its own)."""
    own = frozenset(p.id for p in ruleset.all_programmes() if p.kind == "selected")
    return [p.model_copy(update={"selections": p.selections & own}) for p in people]


@pytest.mark.parametrize("shape", ["records", "columns", "frame"])
def test_a_selection_id_the_ruleset_lacks_is_an_error_naming_the_row(shape: str) -> None:
    people = [Person(birth_year=1954), Person(selections=frozenset({"city-exemplary-household"}))]
    population: Any = people if shape == "records" else as_columns(people)
    if shape == "frame":
        frames = pytest.importorskip("pandas")
        population = frames.DataFrame(population)
    with pytest.raises(PersonDataError) as caught:
        allocate(population, UONG_BI, on=TET_2024, row_offset=10)
    assert caught.value.path == "[11].selections"
    assert "'city-exemplary-household'" in caught.value.text.en
    assert "'city-exemplary-household'" in caught.value.text.vi
    assert caught.value.value == ["city-exemplary-household"]


_PINNED = [
    Person(birth_year=1954),
    Person(categories={"war_invalid": {}}),
    Person(),
    Person(categories={"war_invalid": {}}, selections=frozenset(SELECTED)),
    Person(birth_year=1944, poor=True),
]


@settings(max_examples=40, deadline=None)
@given(
    ruleset=st.just(UONG_BI) | rulesets(),
    people=populations(selections=SELECTED),
    on=st.dates(dt.date(2015, 1, 1), dt.date(2030, 12, 31)),
    cuts=st.lists(st.integers(0, 40), max_size=5),
    per_person=st.booleans(),
    order=st.randoms(use_true_random=False),
)
@example(
    ruleset=UONG_BI, people=_PINNED, on=TET_2024, cuts=[1, 3], per_person=True, order=None
).via("undetermined cases of one programme in two parts, rows 1 and 3")
@example(
    ruleset=UONG_BI, people=_PINNED, on=TET_2024, cuts=[0, 5, 5], per_person=False, order=None
).via("empty parts")
@example(
    ruleset=load_ruleset("vn-longevity"),
    people=_PINNED,
    on=dt.date(2024, 3, 1),
    cuts=[2],
    per_person=True,
    order=None,
).via("selections the ruleset lacks are left out of the drawn people, not an error")
@example(
    ruleset=load_ruleset("vn-longevity"),
    people=[Person(birth_year=1934)] * 3 + [Person(birth_year=1924)],
    on=dt.date(2024, 3, 1),
    cuts=[1, 3],
    per_person=False,
    order=None,
).via("the goods' value (150.000 đ at 90) adds up by part, as the cash does")
def test_any_partition_of_a_population_adds_up_to_the_whole(
    ruleset: Any,
    people: list[Person],
    on: dt.date,
    cuts: list[int],
    per_person: bool,
    order: Any,
) -> None:
    on = on if ruleset.applies_on(on) else (ruleset.period[0] or on)
    people = _own_selections(people, ruleset)
    bounds = [0, *sorted(min(cut, len(people)) for cut in cuts), len(people)]
    pieces = list(itertools.pairwise(bounds))
    for population in _shapes(people):
        whole = allocate(population, ruleset, on=on, per_person=per_person)
        parts = [
            allocate(part, ruleset, on=on, per_person=per_person, row_offset=start)
            for part, (start, _) in zip(_parts(population, pieces), pieces, strict=True)
        ]
        if order is not None:
            order.shuffle(parts)  # commutative: any order
        merged = sum(parts, Allocation.empty(ruleset, on=on))
        assert merged == whole  # lines, undetermined groups with rows and ids, quotas, people
        assert merged.to_report() == whole.to_report()
        assert merged.to_dict(lang="en") == whole.to_dict(lang="en")
        assert sum(parts) == whole  # 0 + allocation: sum() without a start


@settings(max_examples=20, deadline=None)
@given(people=populations(selections=SELECTED), data=st.data())
def test_shared_partition_strategy_covers_the_population(people: list[Person], data: Any) -> None:
    pieces = data.draw(partitions(len(people)))
    assert [i for a, b in pieces for i in range(a, b)] == list(range(len(people)))
    parts = [
        allocate(people[a:b], UONG_BI, on=TET_2024, per_person=True, row_offset=a)
        for a, b in pieces
    ]
    assert sum(parts, Allocation.empty(UONG_BI, on=TET_2024)) == allocate(
        people, UONG_BI, on=TET_2024, per_person=True
    )


def test_parts_add_up_in_any_grouping() -> None:
    people = [
        {"id": "a", "birth_year": 1954},
        {"id": "b", "categories": {"war_invalid": {}}},
        {"id": "c"},
        {"id": "d", "categories": {"war_invalid": {}}},
        {"id": "e", "birth_year": 1944},
    ]
    whole = allocate(people, UONG_BI, on=TET_2024, per_person=True)
    a, b, c = (
        allocate(people[i:j], UONG_BI, on=TET_2024, per_person=True, row_offset=i)
        for i, j in ((0, 2), (2, 3), (3, 5))
    )
    assert (a + b) + c == a + (b + c) == c + b + a == whole
    central = next(g for g in whole.undetermined if g.item.programme == "central-tet")
    assert (central.rows, central.ids, central.first) == ((1, 3), ("b", "d"), (1, 0))
    empty = Allocation.empty(UONG_BI, on=TET_2024)
    assert empty + whole == whole + empty == whole
    assert (empty.population, empty.total.count, empty.undetermined) == (0, 0, ())
    assert all(q.selected == 0 for q in empty.quotas)


def test_a_row_in_two_parts_or_another_ruleset_cannot_be_added() -> None:
    part = allocate([{"categories": {"war_invalid": {}}}], UONG_BI, on=TET_2024, per_person=True)
    with pytest.raises(AllocationError) as caught:
        part + part
    assert "row 0" in caught.value.text.en
    assert "dòng 0" in caught.value.text.vi
    later = allocate([{}], UONG_BI, on=dt.date(2024, 2, 2))
    with pytest.raises(AllocationError, match="dates differ"):
        allocate([{}], UONG_BI, on=TET_2024) + later
    with pytest.raises(AllocationError, match="per-person"):
        part + allocate([{}], UONG_BI, on=TET_2024, row_offset=1)
    with pytest.raises(AllocationError, match="row_offset"):
        allocate([{}], UONG_BI, on=TET_2024, row_offset=-1)
    with pytest.raises(TypeError):
        part + 1  # type: ignore[operator]


@pytest.mark.parametrize("as_frame", [False, True])
def test_rows_are_global_with_a_row_offset(as_frame: bool) -> None:
    columns: dict[str, list[Any]] = {
        "id": ["x", "y"],
        "birth_date": ["1954-03-01", "1960-02-30"],
    }
    population: Any = columns
    if as_frame:
        pd = pytest.importorskip("pandas")
        population = pd.DataFrame(columns)
    with pytest.raises(PersonDataError) as caught:
        allocate(population, UONG_BI, on=TET_2024, row_offset=7000)
    assert caught.value.path == "[7001].birth_date"  # not [1]: the row in the whole
    ok = {"id": ["x", "y"], "birth_year": [None, 1954]}
    result = allocate(ok, UONG_BI, on=TET_2024, per_person=True, row_offset=7000)
    assert result.people is not None
    assert [p.row for p in result.people] == [7000, 7001]
    assert {g.rows for g in result.undetermined} == {(7000,)}
    assert result.shifted(-7000) == allocate(ok, UONG_BI, on=TET_2024, per_person=True)


def test_payments_list_every_person_and_programme() -> None:
    columns = {"id": ["a", "b"], "birth_year": [1954, None], "categories": ["", "war_invalid"]}
    result = allocate(columns, UONG_BI, on=TET_2024, per_person=True, row_offset=10)
    rows = result.payments(lang="en")
    assert [row["row"] for row in rows] == sorted(row["row"] for row in rows)
    paid = [row for row in rows if row["amount"] is not None]
    assert sum(int(str(row["amount"])) for row in paid) == result.total.amount
    assert len(paid) == result.total.count
    assert [(r["id"], r["programme"], r["level"]) for r in paid] == [
        ("a", "commune-longevity", "age-70")
    ]
    central = next(r for r in rows if r["id"] == "b" and r["programme"] == "central-tet")
    assert (central["row"], central["missing"], central["amount"]) == (
        11,
        "war_invalid.injury_rate",
        None,
    )
    assert central["could_be"] == "600000; 300000; 0"
    assert allocate(columns, UONG_BI, on=TET_2024).payments() == []


@needs_pandas
@settings(max_examples=30)
@given(people=populations(selections=SELECTED), per_person=st.booleans())
def test_undetermined_cases_as_a_frame_add_up_to_the_count(
    people: list[Person], per_person: bool
) -> None:
    # issue 15: undetermined rows as a DataFrame (they came out empty before)
    result = allocate(people, UONG_BI, on=TET_2024, per_person=per_person)
    frame = result.undetermined_frame()
    assert list(frame.columns) == list(UNDETERMINED_COLUMNS)
    assert int(frame["count"].sum()) == result.undetermined_count
    assert str(frame["count"].dtype) == str(frame["row"].dtype) == "Int64"
    if per_person:
        expected = [(g.item.programme, row) for g in result.undetermined for row in g.rows]
        assert list(zip(frame["programme"], frame["row"], strict=True)) == expected
    else:
        assert len(frame) == len(result.undetermined)
        assert frame["row"].isna().all()


@needs_pandas
@settings(max_examples=30)
@given(people=populations(selections=SELECTED))
def test_the_payment_list_as_a_frame_is_the_payments(people: list[Person]) -> None:
    result = allocate(people, UONG_BI, on=TET_2024, per_person=True)
    frame = result.people_frame(lang="en")
    payments = result.payments(lang="en")
    assert list(frame.columns) == list(PEOPLE_COLUMNS)
    assert len(frame) == len(payments)
    assert str(frame["amount"].dtype) == str(frame["row"].dtype) == "Int64"
    amounts = [None if a is pd.NA else int(a) for a in frame["amount"]]
    assert amounts == [row["amount"] for row in payments]
    assert sum(a for a in amounts if a is not None) == result.total.amount
    assert list(frame["row"]) == [row["row"] for row in payments]


@needs_pandas
def test_frames_of_a_small_population() -> None:
    columns = {"id": ["a", "b", "c"], "birth_year": [1954, None, 1990]}
    result = allocate(columns, UONG_BI, on=TET_2024, per_person=True)
    frame = result.undetermined_frame(lang="en")
    assert list(frame["id"]) == ["b"] * len(frame)
    assert set(frame["missing"]) == {"birth_year"}
    with pytest.raises(AllocationError, match="per_person=True") as caught:
        allocate(columns, UONG_BI, on=TET_2024).people_frame()
    assert "từng người" in caught.value.text.vi
    empty = Allocation.empty(UONG_BI, on=TET_2024)
    assert list(empty.undetermined_frame().columns) == list(UNDETERMINED_COLUMNS)
    assert len(empty.undetermined_frame()) == 0


def test_allocation_error_is_the_one_of_errors() -> None:
    from welfare_rules import errors

    assert AllocationError is errors.AllocationError
    assert "AllocationError" in errors.__all__


def test_a_line_with_another_count_keeps_every_other_field() -> None:
    import dataclasses

    from welfare_rules.entitle.allocate import _with_count

    [line, *_] = Allocation.empty("uong-bi-tet-2024", on=dt.date(2024, 2, 1)).lines
    assert _with_count(line, 7) == dataclasses.replace(line, count=7)
