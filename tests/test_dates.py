"""Tests of welfare_rules.dates: Vietnamese dates and the two ways of counting age."""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from welfare_rules.dates import (
    age_on,
    as_date,
    birthday_passed,
    calendar_year_age,
    exact_age,
    parse_date,
    parse_vn_date,
    possible_exact_ages,
)
from welfare_rules.errors import DateParseError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("26/12/2023", dt.date(2023, 12, 26)),
        ("26/12/2024", dt.date(2024, 12, 26)),
        ("29/2/2024", dt.date(2024, 2, 29)),
        ("03/1/2024", dt.date(2024, 1, 3)),
        ("05-01-2026", dt.date(2026, 1, 5)),
        ("ngày 04 tháng 3 năm 2024", dt.date(2024, 3, 4)),
        ("Ngày 4 tháng 03 năm 2024.", dt.date(2024, 3, 4)),
    ],
)
def test_parse_vn_date(text: str, expected: dt.date) -> None:
    assert parse_vn_date(text) == expected


@pytest.mark.parametrize("text", ["", "2023-12-26x", "31/2/2024", "12/2023", "1" * 10_000])
def test_parse_vn_date_errors(text: str) -> None:
    with pytest.raises(DateParseError):
        parse_vn_date(text)


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_parse_round_trip(day: dt.date) -> None:
    assert parse_vn_date(f"{day.day:02d}/{day.month}/{day.year}") == day
    assert parse_vn_date(f"ngày {day.day} tháng {day.month} năm {day.year}") == day


def calendar_leap(year: int) -> bool:
    return calendar.isleap(year)


@given(
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2030, 12, 31)),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2030, 12, 31)),
)
@example(dt.date(1954, 3, 1), dt.date(2024, 2, 29))
@example(dt.date(1952, 2, 29), dt.date(2024, 2, 28))
@example(dt.date(1952, 2, 29), dt.date(2023, 2, 28))
def test_exact_age_is_calendar_age_or_one_less(birth: dt.date, on: dt.date) -> None:
    if on < birth:
        with pytest.raises(DateParseError):
            exact_age(birth, on=on)
        return
    age = exact_age(birth, on=on)
    calendar = calendar_year_age(birth.year, year=on.year)
    birthday = (birth.month, birth.day)
    if birthday == (2, 29) and not calendar_leap(on.year):
        birthday = (2, 28)  # dateutil's convention for 29 February in common years
    had_birthday = (on.month, on.day) >= birthday
    assert age == (calendar if had_birthday else calendar - 1)


def test_exact_age_both_sides_of_a_birthday() -> None:
    birth = dt.date(1954, 3, 1)
    assert exact_age(birth, on=dt.date(2024, 2, 29)) == 69
    assert exact_age(birth, on=dt.date(2024, 3, 1)) == 70
    leap = dt.date(1952, 2, 29)
    assert exact_age(leap, on=dt.date(2023, 2, 27)) == 70
    assert exact_age(leap, on=dt.date(2023, 2, 28)) == 71


# ---------------------------------------------------------------- parse_date, as_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-02-01", dt.date(2024, 2, 1)),
        (" 2024-02-01 ", dt.date(2024, 2, 1)),
        ("01/02/2024", dt.date(2024, 2, 1)),
        ("ngày 1 tháng 2 năm 2024", dt.date(2024, 2, 1)),
        ("29/2/2024", dt.date(2024, 2, 29)),
    ],
)
def test_parse_date_reads_iso_and_day_first(text: str, expected: dt.date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["", "2024-13-01", "31/2/2024", "02/2024", "x" * 200])
def test_parse_date_errors_in_both_languages(text: str) -> None:
    with pytest.raises(DateParseError) as info:
        parse_date(text)
    assert info.value.text.vi.startswith("không đọc được")
    assert info.value.text.en.startswith("cannot read")


def test_parse_date_names_both_forms_when_neither_fits() -> None:
    with pytest.raises(DateParseError) as info:
        parse_date("hôm qua")
    assert "2023-12-26" in info.value.text.en
    with pytest.raises(DateParseError) as invalid:
        parse_date("31/2/2024")  # a day-first form, but no such day
    assert "no such day" in invalid.value.text.en


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_parse_date_round_trips_both_forms(day: dt.date) -> None:
    assert parse_date(day.isoformat()) == day
    assert parse_date(day.strftime("%d/%m/%Y")) == day


def test_as_date() -> None:
    day = dt.date(2024, 2, 1)
    assert as_date(day) is day
    assert as_date(dt.datetime(2024, 2, 1, 23, 59)) == day
    assert as_date("01/02/2024") == day
    with pytest.raises(DateParseError, match="int"):
        as_date(20240201)


# ---------------------------------------------------------------- age_on, birthday_passed


@given(
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2030, 12, 31)),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2030, 12, 31)),
)
@example(dt.date(1952, 2, 29), dt.date(2023, 2, 28))
@example(dt.date(1952, 2, 29), dt.date(2024, 2, 28))
@example(dt.date(2024, 6, 1), dt.date(2024, 1, 1))
def test_age_on_is_exact_age_and_negative_before_birth(birth: dt.date, on: dt.date) -> None:
    if on < birth:
        assert age_on(birth, on) < 0
    else:
        assert age_on(birth, on) == exact_age(birth, on=on)


def test_birthday_both_sides() -> None:
    assert not birthday_passed(3, 1, on=dt.date(2024, 2, 29))
    assert birthday_passed(3, 1, on=dt.date(2024, 3, 1))
    assert not birthday_passed(2, 29, on=dt.date(2024, 2, 28))  # leap year: the 29th
    assert birthday_passed(2, 29, on=dt.date(2023, 2, 28))  # common year: the 28th


def test_possible_exact_ages_from_a_birth_year() -> None:
    assert possible_exact_ages(1954, on=dt.date(2024, 2, 1)) == (69, 70)
    assert possible_exact_ages(1954, on=dt.date(2024, 12, 31)) == (70,)
    assert possible_exact_ages(1954, on=dt.date(2024, 1, 1)) == (69, 70)
