"""Tests for audit/read/_cells.py: spreadsheet values as exact text, sheets as lines."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from welfare_rules.audit.read._cells import column_letters, sheet_lines, value_text
from welfare_rules.money import parse_vnd


@given(st.integers(min_value=0, max_value=10**15))
def test_an_integer_reads_back_exactly_plain_or_grouped(value: int) -> None:
    assert int(value_text(value)) == value
    assert parse_vnd(value_text(value, number_format="#,##0") + " đồng") == value
    assert value_text(float(value)) == str(value) or value > 2**53


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=0.01, max_value=1e12))
def test_a_non_whole_float_is_never_rounded(value: float) -> None:
    text = value_text(value, number_format="#,##0")
    if value != int(value):
        assert "," in text
        assert float(text.replace(",", ".")) == value


def test_other_values() -> None:
    assert value_text(None) == ""
    assert value_text(True) == "TRUE"
    assert value_text(dt.datetime(2025, 1, 20)) == "20/01/2025"
    assert value_text(dt.date(2025, 1, 20)) == "20/01/2025"
    assert value_text(0.0235, number_format="0.00%") == "2,35%"
    assert value_text("  Xã\nA ") == "Xã A"


def test_column_letters() -> None:
    assert [column_letters(n) for n in (1, 5, 26, 27, 52, 703)] == [
        "A",
        "E",
        "Z",
        "AA",
        "AZ",
        "AAA",
    ]


def test_sheet_lines() -> None:
    lines = sheet_lines(
        "S",
        [(1, {1: "Tiêu đề"}), (3, {2: "Nội dung", 4: "Thành tiền"}), (4, {2: "Xã A", 4: "5"})],
        heading=True,
    )
    assert [line.rendered() for line in lines] == [
        "## S",
        "Tiêu đề",
        "",
        "| Nội dung |  | Thành tiền |",
        "| Xã A |  | 5 |",
    ]
    assert lines[-1].cells is not None
    assert lines[-1].cells[2].place.describe(lang="vi") == "S!D4"
