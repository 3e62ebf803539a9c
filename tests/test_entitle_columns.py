"""entitle/_columns.py: columns checked, rows reduced to keys, one Person rebuilt per key.

Each grouping runs twice, with numpy (`_codes`) and without (the pure-Python path), and
both must give the same keys, in the same order, with the same counts."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any
from unittest import mock

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from welfare_rules.entitle import _columns
from welfare_rules.entitle._columns import (
    ATTRIBUTE_COLUMNS,
    CONVERTERS,
    KNOWN_COLUMNS,
    Grouped,
    attribute_converter,
    cell_error,
    check_floats,
    frame_columns,
    group_columns,
)
from welfare_rules.entitle.engine import Inputs, Plan, plan_for
from welfare_rules.entitle.person import Person
from welfare_rules.errors import PersonDataError
from welfare_rules.rules import load_ruleset
from welfare_rules.rules.categories import CATEGORIES

from .strategies import grouping_ruleset, person_columns

ON = dt.date(2024, 2, 1)
WIDE = plan_for(grouping_ruleset(), on=ON)  # every column matters, exact ages
UONG_BI = plan_for(load_ruleset("uong-bi-tet-2024"), on=ON)  # calendar ages; no household rule
LONGEVITY = plan_for(load_ruleset("vn-longevity"), on=ON)  # reads the birth only
PLANS = {"wide": WIDE, "uong-bi": UONG_BI, "longevity": LONGEVITY}
SELECTIONS = ("chosen", "other")


def both(columns: Mapping[str, Sequence[Any]], plan: Plan, **options: Any) -> list[Grouped]:
    """The grouping with numpy and the pure-Python one."""
    with_numpy = group_columns(columns, plan, **options)
    with mock.patch.object(_columns, "numpy", return_value=None):
        pure = group_columns(columns, plan, **options)
    return [with_numpy, pure]


def raised(columns: Mapping[str, Sequence[Any]], plan: Plan = WIDE) -> list[PersonDataError]:
    """The error of grouping ``columns`` and rebuilding every key, on both paths."""
    errors = []
    for pure in (False, True):
        with contextlib.ExitStack() as stack:
            if pure:
                stack.enter_context(mock.patch.object(_columns, "numpy", return_value=None))
            with pytest.raises(PersonDataError) as caught:
                rebuild_all(group_columns(columns, plan))
        errors.append(caught.value)
    return errors


def rebuild_all(grouped: Grouped) -> None:
    for key in grouped.counts:
        grouped.person(key)


def relevant_inputs(plan: Plan, person: Person) -> Inputs:
    """``plan.inputs`` of ``person`` without what the plan cannot read (the attributes of
    categories no programme tests, household flags no rule tests)."""
    categories = {
        name: (attributes if name in plan.relevant else {})
        for name, attributes in person.categories.items()
    }
    update = {
        "categories": categories,
        "poor": person.poor and "poor_household" in plan.relevant,
        "near_poor": person.near_poor and "near_poor_household" in plan.relevant,
    }
    return plan.inputs(person.model_copy(update=update))


def assert_same_for(plan: Plan, got: Inputs, expected: Inputs) -> None:
    """``got`` is ``expected`` as far as ``plan`` reads it: without an exact-age programme
    the birth token keeps only the year and whether the birth came by the date, so the key's
    representative birth date may give another exact age, which no rule reads."""
    if not plan.exact:
        got, expected = replace(got, exact_age=None), replace(expected, exact_age=None)
    assert got == expected


# ------------------------------------------------------------------------ the main contract


@settings(max_examples=15)
@given(case=person_columns(selections=SELECTIONS, max_size=10), plan=st.sampled_from(sorted(PLANS)))
def test_each_row_key_stands_for_the_rows_person(
    case: tuple[list[Person], dict[str, list[Any]]], plan: str
) -> None:
    people, columns = case
    rules = PLANS[plan]
    for grouped in both(columns, rules, keep_rows=True):
        assert grouped.size == len(people)
        assert grouped.keys is not None
        assert len(grouped.keys) == len(people)
        for row, (person, key) in enumerate(zip(people, grouped.keys, strict=True)):
            got = rules.inputs(grouped.person(key))
            expected = relevant_inputs(rules, person)
            if person.death_date is not None and person.death_date < ON:
                assert not got.present, row  # the dead: nothing else is read
            else:
                assert_same_for(rules, got, expected)
                assert rules.evaluate(got) == rules.evaluate(expected), row


@settings(max_examples=15)
@given(case=person_columns(selections=SELECTIONS, max_size=10), plan=st.sampled_from(sorted(PLANS)))
def test_numpy_and_pure_python_groupings_agree_exactly(
    case: tuple[list[Person], dict[str, list[Any]]], plan: str
) -> None:
    people, columns = case
    with_numpy, pure = both(columns, PLANS[plan], keep_rows=True)
    assert with_numpy.names == pure.names
    assert with_numpy.attributes == pure.attributes
    assert with_numpy.keys == pure.keys
    assert list(with_numpy.counts.items()) == list(pure.counts.items())  # order included
    for grouped in (with_numpy, pure):
        keys = grouped.keys
        assert keys is not None
        assert grouped.counts == Counter(keys)
        assert list(grouped.counts) == list(dict.fromkeys(keys))  # first appearance kept
        assert sum(grouped.counts.values()) == len(people)
        for key in grouped.counts:
            assert list(grouped.rows_of(key)) == [r for r, k in enumerate(keys) if k == key]
    # Without the rows: the same counts, in the same order.
    for grouped in both(columns, PLANS[plan]):
        assert grouped.keys is None
        assert list(grouped.counts.items()) == list(pure.counts.items())


@settings(max_examples=10)
@given(case=person_columns(selections=SELECTIONS, max_size=10))
def test_rows_share_a_key_only_when_their_relevant_inputs_are_equal(
    case: tuple[list[Person], dict[str, list[Any]]],
) -> None:
    """Keys group rows with equal inputs (so each is evaluated once) and never merge rows
    whose entitlements could differ."""
    people, columns = case
    for grouped in both(columns, WIDE, keep_rows=True):
        assert grouped.keys is not None
        inputs_by_key: dict[tuple[object, ...], Inputs] = {}
        for person, key in zip(people, grouped.keys, strict=True):
            inputs = relevant_inputs(WIDE, person)
            if not inputs.present and person.death_date is not None:
                continue
            assert inputs_by_key.setdefault(key, inputs) == inputs


def test_passive_and_irrelevant_columns_are_not_part_of_the_key() -> None:
    columns: dict[str, list[Any]] = {
        "id": ["a", "b"],
        "commune": ["X", "Y"],
        "birth_year": [1954, 1954],
        "poor": [True, False],
        "near_poor": [False, False],
        "categories": ["war_invalid", "war_invalid"],
        "war_invalid.injury_rate": [81, 81],
        "elderly.monthly_allowance": [True, False],
        "selections": ["chosen", ""],
    }
    wide = group_columns(columns, WIDE)
    assert wide.names == ("birth_year", "poor", "near_poor", "categories", "selections", "details")
    assert wide.attributes == ("war_invalid.injury_rate",)  # no programme tests the elderly
    assert sum(wide.counts.values()) == 2
    assert len(wide.counts) == 2
    longevity = group_columns(columns, LONGEVITY)
    assert longevity.names == ("birth_year", "categories")
    assert longevity.counts == Counter({(1954, "war_invalid"): 2})
    assert longevity.ids == ["a", "b"]


@pytest.mark.parametrize("on_path", ["numpy", "pure"])
def test_birth_and_death_dates_reduce_to_what_the_rules_read(on_path: str) -> None:
    columns = {
        # Exact ages on 2024-02-01: 70, 69 (birthday tomorrow), 70; unborn.
        "birth_date": ["1954-01-15", "1954-02-02", dt.date(1953, 6, 1), "2024-03-01"],
        "death_date": [None, "2024-02-01", "", "2024-12-31"],  # died *on* the date: present
    }
    grouped = both(columns, WIDE, keep_rows=True)[on_path == "pure"]
    assert grouped.names == ("birth_token", "died")
    assert grouped.keys == [((1954, 70), None), ((1954, 69), False), ((1953, 70), None),
                            ((2024, -1), False)]  # fmt: skip
    ages = [WIDE.inputs(grouped.person(key)) for key in grouped.keys]
    assert [(i.birth_year, i.exact_age, i.present) for i in ages] == [
        (1954, 70, True),
        (1954, 69, True),
        (1953, 70, True),
        (2024, -1, False),
    ]
    calendar = both(columns, UONG_BI)[on_path == "pure"]
    assert list(calendar.counts.items()) == [
        (((1954, True), None), 1),
        (((1954, True), False), 1),
        (((1953, True), None), 1),
        (((2024, False), False), 1),
    ]


def test_a_death_before_the_date_is_the_dead_key() -> None:
    columns = {"birth_year": [1930, 1930], "death_date": ["2024-01-31", None]}
    for grouped in both(columns, WIDE, keep_rows=True):
        assert grouped.keys == [(True, 1930), (None, 1930)]
        assert grouped.person((True, 1930)).death_date is not None
        assert not WIDE.inputs(grouped.person((True, 1930))).present


@pytest.mark.parametrize("columns", [{}, {"birth_year": []}, {"id": [], "categories": []}])
def test_no_rows_no_groups(columns: dict[str, list[Any]]) -> None:
    for grouped in both(columns, WIDE, keep_rows=True):
        assert grouped.size == 0
        assert not grouped.counts
        assert grouped.keys == []


def test_only_passive_columns_make_one_key_of_every_row() -> None:
    for grouped in both({"id": ["a", "b", "c"], "commune": ["X"] * 3}, WIDE, keep_rows=True):
        assert grouped.names == ()
        assert grouped.counts == Counter({(): 3})
        assert grouped.keys == [(), (), ()]
        assert grouped.person(()) == Person()


# ------------------------------------------------------------------------------- errors


def test_an_unknown_column_is_named() -> None:
    with pytest.raises(PersonDataError) as caught:
        group_columns({"birth_year": [1954], "injury_rate": [81]}, WIDE)
    assert caught.value.path == "injury_rate"
    assert "unknown column 'injury_rate'" in caught.value.text.en
    assert "cột không xác định" in caught.value.text.vi


def test_a_column_of_another_length_is_named() -> None:
    with pytest.raises(PersonDataError) as caught:
        group_columns({"birth_year": [1954, 1960], "poor": [True]}, WIDE)
    assert caught.value.path == "poor"
    assert "'poor' has 1 rows, the others 2" in caught.value.text.en


def test_every_attribute_of_the_vocabulary_is_a_known_column() -> None:
    expected = {f"{c.id}.{name}" for c in CATEGORIES.values() for name in c.attributes}
    assert set(ATTRIBUTE_COLUMNS) == expected
    assert expected < KNOWN_COLUMNS
    assert {"birth_date", "birth_year", "death_date", "categories", "selections"} < KNOWN_COLUMNS
    for column in ATTRIBUTE_COLUMNS:
        category, attribute = column.split(".")
        kind = CATEGORIES[category].attributes[attribute].kind
        assert attribute_converter(column) is CONVERTERS["poor" if kind == "bool" else "birth_year"]


@settings(max_examples=30)
@given(
    years=st.lists(st.integers(1900, 2024), min_size=1, max_size=12),
    floats=st.sets(st.integers(0, 11), min_size=1),
    written=st.sampled_from(["float", "text"]),
)
@example(years=[1954, 1954], floats={1}, written="float")  # 1954.0 == 1954: same dict key
def test_a_float_in_a_whole_number_column_names_its_first_row(
    years: list[int], floats: set[int], written: str
) -> None:
    rows = sorted(row for row in floats if row < len(years)) or [len(years) - 1]
    cells: list[object] = list(years)
    for row in rows:
        cells[row] = float(years[row]) if written == "float" else f"{years[row]}.0"
    for error in raised({"birth_year": cells}):
        assert error.path == f"[{rows[0]}].birth_year"
        assert "a float" in error.text.en
        assert "whole-number column" in error.text.en
        assert "số nguyên" in error.text.vi


@pytest.mark.parametrize(
    ("columns", "path", "words"),
    [
        ({"poor": [True, 1.0]}, "[1].poor", "expected yes or no"),
        ({"near_poor": [0.0, False]}, "[0].near_poor", "expected yes or no"),
        (
            {"categories": ["", "war_invalid"], "war_invalid.injury_rate": [81.5, 81.0]},
            "[1].war_invalid.injury_rate",
            "whole-number column",
        ),
        (
            {"categories": ["martyr_relative"] * 2, "martyr_relative.representative": [1, 1.0]},
            "[1].martyr_relative.representative",
            "expected yes or no",
        ),
    ],
)
def test_floats_in_yes_no_and_attribute_columns_are_refused(
    columns: dict[str, list[Any]], path: str, words: str
) -> None:
    for error in raised(columns):
        assert error.path == path
        assert words in error.text.en


def test_a_float_on_a_row_without_categories_is_never_read() -> None:
    columns = {"categories": ["", None, "war_invalid"], "war_invalid.injury_rate": [1.5, 8.0, 81]}
    for grouped in both(columns, WIDE, keep_rows=True):
        assert grouped.keys is not None
        assert [WIDE.inputs(grouped.person(k)).categories for k in grouped.keys] == [
            (),
            (),
            (("war_invalid", (("injury_rate", 81),)),),
        ]


@pytest.mark.parametrize(
    "columns",
    [
        {"birth_year": [1954, float("nan")]},
        {"categories": ["war_invalid"] * 2, "war_invalid.injury_rate": [81, float("nan")]},
    ],
)
def test_nan_in_a_whole_number_column_is_a_missing_cell(columns: dict[str, list[Any]]) -> None:
    for grouped in both(columns, WIDE):
        assert sum(grouped.counts.values()) == 2
        assert len(grouped.counts) == 2


def test_check_floats_and_cell_error_directly() -> None:
    check_floats("birth_year", [1954, None, "", "1960"])  # no float: nothing to say
    with pytest.raises(PersonDataError) as caught:
        check_floats("birth_year", [1954, 1960.0, 1.5], rows=[7, 9, 11])
    assert caught.value.path == "[9].birth_year"
    assert caught.value.value == 1960.0
    assert cell_error("poor", "maybe", 3).path == "[3].poor"
    assert "expected yes or no" in cell_error("poor", "maybe", 3).text.en
    assert "expected a whole number" in cell_error("birth_year", "abc", 0).text.en
    assert "a float" in cell_error("birth_year", "1954.5", 0).text.en
    assert "expected yes or no" in cell_error("elderly.monthly_allowance", 2, 0).text.en


@settings(max_examples=30)
@given(
    size=st.integers(1, 10),
    data=st.data(),
    column=st.sampled_from(["birth_date", "death_date"]),
    bad=st.sampled_from(["1954-13-01", "yesterday", "01/02/1954", 19540301, 1954.0]),
)
def test_a_bad_date_names_its_first_row(size: int, data: Any, column: str, bad: object) -> None:
    row = data.draw(st.integers(0, size - 1))
    cells: list[object] = ["1950-01-01"] * size
    cells[row] = bad
    if data.draw(st.booleans()):  # the same bad cell again, later
        cells.append(bad)
    other = "death_date" if column == "birth_date" else "birth_date"
    columns = {column: cells, other: [None] * len(cells)}
    for error in raised(columns):
        assert error.path == f"[{row}].{column}"
        assert "expected a date as YYYY-MM-DD" in error.text.en
        assert error.value == bad


@pytest.mark.parametrize("with_numpy", [True, False])
def test_a_death_before_the_birth_names_its_row(with_numpy: bool) -> None:
    columns = {
        "birth_date": ["1950-01-01", "1950-06-01", "1950-06-01"],
        "death_date": ["1950-01-01", "1950-05-31", None],
    }
    error = raised(columns)[not with_numpy]
    assert error.path == "[1].death_date"
    assert "date of death 1950-05-31 is before the birth 1950-06-01" in error.text.en


@pytest.mark.parametrize(
    ("columns", "path", "words"),
    [
        ({"birth_year": [1954, "abc", "abc"]}, "[1].birth_year", "expected a whole number"),
        ({"birth_year": [True]}, "[0].birth_year", "expected a whole number"),
        ({"birth_year": [1954, 1799]}, "[1].birth_year", "below the minimum 1800"),
        ({"poor": [True, "maybe"]}, "[1].poor", "expected yes or no"),
        ({"poor": [True, "1"], "near_poor": [False, "x"]}, "[1].near_poor", "poor and near-poor"),
        (
            {"birth_date": ["1954-03-01"] * 2, "birth_year": [1954, "1955"]},
            "[1].birth_year",
            "birth year 1955 differs",
        ),
        ({"categories": ["war_invalid", "nope;war_invalid"]}, "[1].categories.nope", "unknown"),
        (
            {"categories": ["", "war_invalid"] * 2, "war_invalid.injury_rate": [None, 150] * 2},
            "[1].categories.war_invalid.injury_rate",
            "int percent 0..100",
        ),
        (
            {"categories": ["war_invalid"], "war_invalid.injury_rate": ["81%"]},
            "[0].war_invalid.injury_rate",
            "expected a whole number",
        ),
        (
            {"categories": ["martyr_relative"], "martyr_relative.martyrs": [0]},
            "[0].categories.martyr_relative.martyrs",
            "int count 1..",
        ),
    ],
)
def test_a_key_that_is_no_person_names_the_first_row_and_column(
    columns: dict[str, list[Any]], path: str, words: str
) -> None:
    for error in raised(columns):
        assert error.path == path
        assert words in error.text.en
        assert error.text.vi != error.text.en


# --------------------------------------------------------------------------- converters


@pytest.mark.parametrize(
    ("cell", "value"),
    [(1954, 1954), ("1954", 1954), (" 1954 ", 1954), ("-3", -3), (None, None), ("", None)],
)
def test_whole_numbers_read_from_ints_and_digits(cell: object, value: object) -> None:
    assert CONVERTERS["birth_year"](cell) == value


@pytest.mark.parametrize("cell", [1954.0, "1954.0", True, False, "19 54", "abc", dt.date.today()])
def test_whole_numbers_refuse_anything_else(cell: object) -> None:
    with pytest.raises(ValueError, match=r"."):
        CONVERTERS["birth_year"](cell)


@pytest.mark.parametrize("cell", [True, 1, "1", "true", " TRUE ", "yes", "Y", "có", "co", "x"])
def test_yes_cells(cell: object) -> None:
    assert CONVERTERS["poor"](cell) is True


@pytest.mark.parametrize("cell", [False, 0, "0", "false", "No", "n", "không", "khong"])
def test_no_cells(cell: object) -> None:
    assert CONVERTERS["poor"](cell) is False


@pytest.mark.parametrize("cell", [2, -1, 1.0, "maybe", "2", []])
def test_yes_no_refuses_anything_else(cell: object) -> None:
    with pytest.raises(ValueError, match=r"."):
        CONVERTERS["near_poor"](cell)


@pytest.mark.parametrize(
    ("cell", "ids"),
    [
        ("a;b", ("a", "b")),
        (" a ; ; b ;", ("a", "b")),
        (["a", "b"], ("a", "b")),
        (("a",), ("a",)),
        (None, ()),
        ("", ()),
        (float("nan"), ()),
    ],
)
def test_id_lists(cell: object, ids: tuple[str, ...]) -> None:
    assert CONVERTERS["categories"](cell) == ids
    assert CONVERTERS["selections"](cell) == ids


def test_id_lists_refuse_a_number() -> None:
    with pytest.raises(ValueError, match="3"):
        CONVERTERS["categories"](3)


# ------------------------------------------------------------------------ frame_columns


def test_frame_columns_gives_plain_cells_with_none_for_missing() -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(
        {
            "birth_date": pd.to_datetime(["1954-03-01", None]),
            "birth_year": pd.array([1954, 1960], dtype="Int64"),
            "war_invalid.injury_rate": [81.0, float("nan")],
            "poor": [True, False],
            "categories": ["war_invalid", None],
            "id": pd.array([1, 2], dtype="int64"),
        }
    )
    columns = frame_columns(frame)
    assert columns == {
        "birth_date": [dt.date(1954, 3, 1), None],
        "birth_year": [1954, 1960],
        "war_invalid.injury_rate": [81.0, None],  # a float stays a float: refused later
        "poor": [True, False],
        "categories": ["war_invalid", None],
        "id": [1, 2],
    }
    assert type(columns["birth_date"][0]) is dt.date
    assert type(columns["birth_year"][0]) is int
    assert type(columns["poor"][0]) is bool
    assert type(columns["war_invalid.injury_rate"][0]) is float


@pytest.mark.parametrize("dtype", ["Int64", "boolean"])
def test_frame_columns_turns_nullable_na_into_none(dtype: str) -> None:
    pd = pytest.importorskip("pandas")
    values = [1, None] if dtype == "Int64" else [True, None]
    columns = frame_columns(pd.DataFrame({"poor": pd.array(values, dtype=dtype)}))
    assert columns["poor"][1] is None
    assert sum(group_columns(columns, WIDE).counts.values()) == 2
