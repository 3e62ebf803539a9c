"""group_frame(): typed DataFrames grouped with numpy give the allocation the columns give."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from welfare_rules.entitle._frame import (
    _civil,
    _day_index,
    _dense_details,
    _instants,
    _int_codes,
    _span_years,
    _sparse_details,
    codes_at,
    plain_codes,
    true_rows,
)
from welfare_rules.entitle.allocate import allocate
from welfare_rules.errors import PersonDataError
from welfare_rules.rules import load_ruleset

from .strategies import populations, rulesets
from .test_entitle_allocate import as_columns

pd = pytest.importorskip("pandas")

TET_2024 = dt.date(2024, 2, 1)
UONG_BI = load_ruleset("uong-bi-tet-2024")


def typed(columns: dict[str, list[Any]]) -> Any:
    """The columns as a typed frame: dates, nullable ints and booleans, categoricals."""
    frame: dict[str, Any] = {
        "id": columns["id"],
        "birth_date": pd.to_datetime(pd.Series(columns["birth_date"]).replace("", None)),
        "birth_year": pd.array(columns["birth_year"], dtype="Int16"),
        "death_date": pd.to_datetime(pd.Series(columns["death_date"])),
        "categories": pd.Categorical(columns["categories"]),
        "poor": pd.array(columns["poor"], dtype="boolean"),
        "near_poor": columns["near_poor"],
        "selections": pd.Categorical(columns["selections"]),
    }
    for name, values in columns.items():
        if "." in name:
            kinds = {type(v) for v in values if v is not None}
            frame[name] = pd.array(values, dtype="boolean" if bool in kinds else "Int16")
    return pd.DataFrame(frame)


def _date_in(ruleset: Any, data: Any) -> dt.date:
    on: dt.date = data.draw(st.dates(dt.date(2015, 1, 1), dt.date(2030, 12, 31)))
    return on if ruleset.applies_on(on) else (ruleset.period[0] or on)


@settings(max_examples=30)
@given(ruleset=rulesets(), data=st.data())
def test_typed_frames_and_columns_give_identical_allocations(ruleset: Any, data: Any) -> None:
    ids = tuple(p.id for p in ruleset.all_programmes() if p.kind == "selected")
    columns = as_columns(data.draw(populations(selections=ids)))
    on = _date_in(ruleset, data)
    frame = typed(columns)
    assert allocate(frame, ruleset, on=on, per_person=True) == allocate(
        columns, ruleset, on=on, per_person=True
    )
    assert allocate(frame, ruleset, on=on) == allocate(columns, ruleset, on=on)


@settings(max_examples=20)
@given(
    births=st.lists(
        st.one_of(st.none(), st.dates(dt.date(1900, 1, 1), dt.date(2030, 12, 31))), min_size=1
    ),
    on=st.dates(dt.date(2023, 1, 1), dt.date(2025, 12, 31)),
)
@example(births=[dt.date(2024, 2, 1), dt.date(2024, 2, 2), None], on=dt.date(2024, 2, 1))
def test_birth_dates_as_day_numbers_key_like_python_dates(
    births: list[dt.date | None], on: dt.date
) -> None:
    """Calendar-year and exact ages on both sides of the date, missing dates, pre-1970."""
    for ruleset in (UONG_BI, load_ruleset("vn-central-tet")):
        if not ruleset.applies_on(on):
            continue
        plain = {"birth_date": [b.isoformat() if b else None for b in births]}
        frame = pd.DataFrame({"birth_date": pd.to_datetime(pd.Series(plain["birth_date"]))})
        assert allocate(frame, ruleset, on=on) == allocate(plain, ruleset, on=on)


def test_year_only_records_merge_with_dated_records() -> None:
    frame = pd.DataFrame(
        {
            "birth_date": pd.to_datetime(pd.Series(["1954-03-01", None, None])),
            "birth_year": pd.array([None, 1954, None], dtype="Int16"),
        }
    )
    result = allocate(frame, UONG_BI, on=TET_2024)
    assert result.by_programme()["commune-longevity"].count == 2


def _path(frame: Any) -> str:
    with pytest.raises(PersonDataError) as caught:
        allocate(frame, UONG_BI, on=TET_2024)
    return caught.value.path


def test_errors_name_the_row_and_column() -> None:
    dates = pd.to_datetime(pd.Series(["1954-03-01", "1960-01-01", "1970-05-05"]))
    clash = pd.DataFrame({"birth_date": dates, "birth_year": pd.array([1954, 1961, None], "Int16")})
    assert _path(clash) == "[1].birth_year"
    deaths = pd.to_datetime(pd.Series([None, None, "1969-01-01"]))
    assert _path(pd.DataFrame({"birth_date": dates, "death_date": deaths})) == "[2].death_date"
    text = pd.DataFrame({"birth_date": ["1954-03-01", "03/01/1954"]})
    assert _path(text) == "[1].birth_date"
    rates = pd.DataFrame(
        {
            "categories": pd.Categorical(["war_invalid", "war_invalid", "war_invalid"]),
            "war_invalid.injury_rate": pd.array([81, None, 181], dtype="Int16"),
        }
    )
    assert _path(rates) == "[2].categories.war_invalid.injury_rate"  # as from columns
    wide = rates.assign(**{"war_invalid.injury_rate": pd.array([81, None, 100_000], "Int64")})
    assert _path(wide) == "[2].categories.war_invalid.injury_rate"  # factorized, not a range
    years = pd.DataFrame(
        {"birth_date": dates, "birth_year": pd.array([None, None, None], "Int16")}
    ).assign(birth_date=[dates[0], None, None], birth_year=pd.array([None, 1700, None], "Int16"))
    assert _path(years) == "[1].birth_year"
    assert _path(pd.DataFrame({"injury_rate": [1]})) == "injury_rate"


@pytest.mark.parametrize("kind", [bool, "boolean", object])
def test_a_household_both_poor_and_near_poor_is_an_error_naming_its_row(kind: Any) -> None:
    """No programme of uong-bi-tet-2024 reads the households, yet they are checked: plain
    numpy bools (only ``&`` looked at), nullable booleans and object cells alike."""
    frame = pd.DataFrame(
        {
            "poor": pd.array([True, False, True, True], dtype=kind),
            "near_poor": pd.array([False, True, True, True], dtype=kind),
        }
    )
    assert _path(frame) == "[2].near_poor"
    columns = {name: [bool(v) for v in frame[name]] for name in frame.columns}
    with pytest.raises(PersonDataError) as caught:
        allocate(columns, UONG_BI, on=TET_2024)
    assert caught.value.path == "[2].near_poor"  # as from columns
    fine = frame.assign(near_poor=pd.array([False, True, False, False], dtype=kind))
    assert allocate(fine, UONG_BI, on=TET_2024).population == 4


@pytest.mark.parametrize(
    "frame",
    [
        lambda: pd.DataFrame({"birth_year": [1954.0, 1960.0]}),
        lambda: pd.DataFrame({"birth_year": [None, 1954.0]}),  # pd.read_csv's default
        lambda: pd.DataFrame({"birth_year": pd.array([None, 1954.0], "Float64")}),
        lambda: pd.DataFrame(
            {
                "birth_date": pd.to_datetime(pd.Series(["1954-03-01", None])),
                "birth_year": [None, 1954.0],
            }
        ),
        lambda: pd.DataFrame(
            {
                "categories": pd.Categorical(["", "war_invalid", "war_invalid"]),
                "war_invalid.injury_rate": [None, 81.0, 40.0],
            }
        ),
        lambda: pd.DataFrame({"categories": ["martyr_relative"], "martyr_relative.martyrs": [2.0]}),
        lambda: pd.DataFrame(
            {"categories": ["martyr_relative"], "martyr_relative.representative": [1.0]}
        ),
        lambda: pd.DataFrame({"poor": [1.0, 0.0, None], "near_poor": [0.0, None, 1.0]}),
    ],
)
def test_whole_float_columns_read_as_whole_numbers(frame: Any) -> None:
    """A float column whose every value is whole (pd.read_csv of an integer column with
    empty cells) is read as integers: the same allocation as the Int64 column."""
    built = frame()
    typed = built.copy()
    for name in typed.columns:
        if typed[name].dtype.kind == "f":
            typed[name] = typed[name].astype("Int64")
    assert allocate(built, UONG_BI, on=TET_2024, per_person=True) == allocate(
        typed, UONG_BI, on=TET_2024, per_person=True
    )


@pytest.mark.parametrize(
    ("frame", "path"),
    [
        (lambda: pd.DataFrame({"birth_year": [1954.0, 1960.5]}), "[1].birth_year"),
        (
            lambda: pd.DataFrame({"birth_year": pd.Series([1954, 1954.0], dtype=object)}),
            "[1].birth_year",
        ),
        (
            lambda: pd.DataFrame(
                {
                    "categories": pd.Categorical(["", "war_invalid", "war_invalid"]),
                    "war_invalid.injury_rate": [None, 81.0, 40.5],
                }
            ),
            "[2].war_invalid.injury_rate",  # the first value that is not whole
        ),
        (lambda: pd.DataFrame({"birth_year": [1954.0, float("inf")]}), "[1].birth_year"),
    ],
)
def test_floats_that_are_not_all_whole_are_errors(frame: Any, path: str) -> None:
    assert _path(frame()) == path


def test_a_float_column_with_only_missing_values_is_accepted() -> None:
    frame = pd.DataFrame(
        {
            "birth_year": pd.array([1954, None], "Int16"),
            "war_invalid.injury_rate": [float("nan")] * 2,
        }
    ).assign(categories=["war_invalid", ""])
    assert frame["war_invalid.injury_rate"].dtype.kind == "f"
    assert allocate(frame, UONG_BI, on=TET_2024).total.amount == 700_000


@given(st.lists(st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)), min_size=1))
@example([dt.date(1, 1, 1), dt.date(1600, 2, 29), dt.date(1900, 3, 1), dt.date(1969, 12, 31)])
def test_civil_dates_from_day_numbers_are_the_calendar_dates(days: list[dt.date]) -> None:
    """_civil's integer arithmetic against Python's calendar (leap centuries, before 1970)."""
    np = pytest.importorskip("numpy")
    numbers = np.array([day.toordinal() - dt.date(1970, 1, 1).toordinal() for day in days])
    year, month, day = _civil(np, numbers)
    assert list(zip(year.tolist(), month.tolist(), day.tolist(), strict=True)) == [
        (d.year, d.month, d.day) for d in days
    ]


@given(
    st.lists(
        st.one_of(st.none(), st.datetimes(dt.datetime(1700, 1, 1), dt.datetime(2200, 12, 31)))
    ),
    st.sampled_from(["s", "ms", "us", "ns"]),
)
@example([None, dt.datetime(1918, 1, 1), None], "us")
@example([None, None], "us")
@example([dt.datetime(1969, 12, 31, 23, 59), dt.datetime(1970, 1, 1)], "ns")
def test_day_numbers_of_instants_leave_missing_cells_past_the_last_day(
    cells: list[dt.datetime | None], unit: str
) -> None:
    """_day_index against Python's dates: the lowest and highest day, each cell's day less
    the lowest, missing cells one past the last day (every unit, times of day, pre-1970)."""
    np = pytest.importorskip("numpy")
    if unit == "ns":
        cells = [c if c is None or 1678 <= c.year <= 2261 else None for c in cells]
    series = pd.Series(pd.to_datetime(pd.Series(cells, dtype=object))).astype(f"M8[{unit}]")
    found = _day_index(np, *_instants(pd, np, series, "birth_date"))
    days = [None if c is None else c.date().toordinal() - 719163 for c in cells]
    if all(day is None for day in days):
        assert found is None
        return
    assert found is not None
    low, high, index = found
    assert (low, high) == (
        min(d for d in days if d is not None),
        max(d for d in days if d is not None),
    )
    assert index.tolist() == [high - low + 1 if d is None else d - low for d in days]


@given(st.lists(st.one_of(st.none(), st.integers(-300, 300))))
@example([None, 21, 91, 41, None, 21])
def test_whole_numbers_are_numbered_by_the_values_present(cells: list[int | None]) -> None:
    np = pytest.importorskip("numpy")
    missing = np.array([c is None for c in cells], dtype=bool)
    values = np.array([7 if c is None else c for c in cells], dtype=np.int64)
    found = _int_codes(np, missing, values)
    assert found is not None
    codes, table = found
    assert [table[code] for code in codes.tolist()] == cells
    assert table[1:] == sorted({c for c in cells if c is not None})


def test_the_last_day_nanoseconds_hold_is_a_day_not_a_missing_cell() -> None:
    """On 2262-04-11 NaT moved lands inside the days: _day_index takes the plain way."""
    np = pytest.importorskip("numpy")
    cells = ["2262-04-11 23:00", None, "2262-04-10 00:00"]
    series = pd.Series(pd.to_datetime(cells)).astype("M8[ns]")
    found = _day_index(np, *_instants(pd, np, series, "birth_date"))
    assert found is not None
    low, high, index = found
    assert high - low == 1
    assert index.tolist() == [1, 2, 0]


_CELLS = {
    "Int16": st.one_of(st.none(), st.sampled_from([21, 41, 81, 91, -3, 0])),
    "boolean": st.one_of(st.none(), st.booleans()),
}


@settings(max_examples=60)
@given(
    kinds=st.lists(st.sampled_from(sorted(_CELLS)), min_size=1, max_size=4),
    data=st.data(),
)
@example(kinds=["Int16"], data=None)  # a column of blanks only
def test_attribute_cells_read_only_where_given_code_like_every_cell(
    kinds: list[str], data: Any
) -> None:
    """The attribute cells of the rows with categories, read and folded only on the rows
    that have one (the rest given the all-blank cells' code where it first occurs), are
    coded exactly as when every cell of those rows is read: the same codes, type and
    fragments."""
    np = pytest.importorskip("numpy")
    size = 12 if data is None else data.draw(st.integers(1, 40))
    columns = []
    for kind in kinds:
        cells = (
            [None] * size
            if data is None
            else data.draw(st.lists(_CELLS[kind], min_size=size, max_size=size))
        )
        columns.append(pd.Series(pd.array(cells, dtype=kind)))
    picked = (
        list(range(0, size, 2))
        if data is None
        else data.draw(st.sets(st.integers(0, size - 1), min_size=1))
    )
    rows = np.array(sorted(picked), dtype=np.int64)
    names = [f"c{index}" for index in range(len(columns))]
    sparse = _sparse_details(pd, np, [column.array for column in columns], rows)
    dense = _dense_details(pd, np, columns, names, rows)
    assert sparse is not None
    codes = plain_codes(sparse[0])  # kept at the rows with categories only (Sparse)
    assert codes.dtype == dense[0].dtype
    assert codes.tolist() == dense[0].tolist()
    assert codes_at(sparse[0], rows).tolist() == dense[0][rows].tolist()
    assert sparse[1] == dense[1]


@given(size=st.integers(0, 3000), share=st.integers(0, 100), seed=st.integers(0, 2**32 - 1))
@example(size=1000, share=7, seed=1)  # padded
@example(size=1000, share=4, seed=2)  # at the lower bound
@example(size=1000, share=10, seed=3)  # at the upper bound
@example(size=0, share=0, seed=0)
def test_true_rows_are_the_positions_of_the_true_cells(size: int, share: int, seed: int) -> None:
    np = pytest.importorskip("numpy")
    mask = np.random.default_rng(seed).random(size) < share / 100
    found = true_rows(np, mask)
    assert found.dtype == np.flatnonzero(mask).dtype
    assert found.tolist() == np.flatnonzero(mask).tolist()


@given(
    low=st.integers(-800_000, 3_000_000),
    length=st.integers(0, 60_000),
)
@example(low=-719_162, length=400)  # 0001-01-01: the first day a Python date holds
@example(low=2_932_896 - 10, length=10)  # to 9999-12-31, the last
@example(low=-719_163, length=3)  # a day before year 1: the day-by-day way
@example(low=-25_567, length=38_779)  # 1900-01-01 to 2006-03-04
def test_the_years_of_a_span_of_days_are_the_calendar_years(low: int, length: int) -> None:
    np = pytest.importorskip("numpy")
    high = low + length
    span = np.arange(low, high + 1, dtype=np.int64)
    assert _span_years(np, low, high).tolist() == _civil(np, span)[0].tolist()


def _birth_coded(frame: Any, on: dt.date, *, chunked: bool) -> tuple[object, ...]:
    """The birth column's codes (index, table, fragments, counts) or the error's path,
    by the chunked way or with it turned off (the plain way)."""
    from contextlib import nullcontext
    from unittest import mock

    from welfare_rules.entitle import _frame
    from welfare_rules.entitle.engine import plan_for

    plan = plan_for(UONG_BI, on=on)
    off = mock.patch.object(_frame, "_chunked_birth_codes", return_value=None)
    with mock.patch.object(_frame, "_CHUNK_ROWS", 7), off if not chunked else nullcontext():
        try:
            coded = _frame.code_frame(frame, plan)
        except PersonDataError as exc:
            return ("error", exc.path, str(exc.value))
    codes, fragments = coded.full[0]
    counts = None if codes.counts is None else codes.counts.tolist()
    return ("codes", codes.index.tolist(), codes.lookup.tolist(), fragments, counts)


@settings(max_examples=60, deadline=None)
@given(
    births=st.lists(
        st.tuples(
            st.one_of(st.none(), st.dates(dt.date(1900, 1, 1), dt.date(2030, 12, 31))),
            st.one_of(st.none(), st.integers(1700, 2300), st.just("same")),
        ),
        min_size=1,
        max_size=40,
    ),
    unit=st.sampled_from(["ns", "us", "s"]),
)
@example(births=[(None, 1954), (dt.date(1954, 3, 1), "same"), (None, None)], unit="ns")
@example(births=[(dt.date(1954, 3, 1), 1955)], unit="ns")  # a clash: the row named
@example(births=[(None, 1700), (dt.date(2000, 1, 1), None)], unit="s")  # out of range
def test_chunked_birth_codes_are_the_plain_ways(births: list[Any], unit: str) -> None:
    """The birth index made and counted in chunks of rows (7 here: many chunks) is the
    plain way's exactly: the same index, table and fragments, each index's count equal to
    counting the index, and the same error (a clash of a date and a year, a year out of
    range) naming the same row."""
    np = pytest.importorskip("numpy")
    dates = [date for date, _ in births]
    years = [
        date.year if year == "same" and date else None if year == "same" else year
        for date, year in births
    ]
    frame = pd.DataFrame(
        {
            "birth_date": pd.to_datetime(pd.Series(dates, dtype=object)).astype(
                f"datetime64[{unit}]"
            ),
            "birth_year": pd.array(years, dtype="Int16"),
        }
    )
    chunked = _birth_coded(frame, TET_2024, chunked=True)
    plain = _birth_coded(frame, TET_2024, chunked=False)
    assert chunked[:4] == plain[:4]
    if chunked[0] == "codes" and any(dates):  # some date: the chunked way made them
        index, table = np.array(chunked[1]), chunked[2]
        assert chunked[4] == np.bincount(index, minlength=len(table)).tolist()
