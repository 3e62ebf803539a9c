"""Fuzz parse_vnd, format_vnd, display_vnd, vnd_in_words: documented errors, round trips."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from welfare_rules.errors import MoneyParseError, MoneyRangeError, MoneyTypeError
from welfare_rules.money import (
    MAX_VND,
    display_vnd,
    format_vnd,
    number_in_words,
    parse_vnd,
    vnd_in_words,
)

from ._fuzz import fuzz, guarded, hostile_text

_PIECES = st.sampled_from(list("0123456789.,  -−đ₫"))
_WORDS = st.sampled_from(["tỷ", "tỉ", "triệu", "nghìn", "ngàn", "đồng", "VNĐ", "ty", "ti", "İ"])
_MONEYISH = st.lists(_PIECES | _WORDS, max_size=20).map("".join)
_AMOUNTS = st.integers(min_value=-MAX_VND, max_value=MAX_VND)
_ANY_INT = st.integers() | st.sampled_from([MAX_VND + 1, 10**25, 10**4400, -(10**4400)])
_LOCALES = st.sampled_from(["vi", "en"])


@fuzz
@given(hostile_text | _MONEYISH, _LOCALES, st.booleans())
@example("7tỉtỉ", "vi", False)
@example("1 triệutriệu đồng", "vi", False)
@example("9" * 24 + " tỷ tỷ", "vi", True)
def test_parse_vnd_raises_only_its_parse_error(text: str, locale: str, negative: bool) -> None:
    value = guarded(
        lambda: parse_vnd(text, locale=locale, allow_negative=negative),  # type: ignore[arg-type]
        (MoneyParseError,),
    )
    if value is not None:
        assert -MAX_VND <= value <= MAX_VND
        assert negative or value >= 0


@fuzz
@given(_ANY_INT, _LOCALES, st.sampled_from([None, "", "đ", "đồng", "VND"]))
@example(10**25, "vi", None)
@example(10**4400, "en", "")
def test_format_and_display_never_fail_unexpectedly(
    amount: int, locale: str, unit: str | None
) -> None:
    shown = display_vnd(amount, locale=locale, unit=unit)  # type: ignore[arg-type]
    assert len(shown) < 120
    formatted = guarded(
        lambda: format_vnd(amount, locale=locale, unit=unit),  # type: ignore[arg-type]
        (MoneyRangeError,),
    )
    if formatted is not None:
        assert formatted == shown
        assert parse_vnd(formatted, locale=locale, allow_negative=True) == amount  # type: ignore[arg-type]


@fuzz
@given(_AMOUNTS, _LOCALES)
@example(MAX_VND, "vi")
@example(-MAX_VND, "en")
def test_parse_format_round_trip(amount: int, locale: str) -> None:
    text = format_vnd(amount, locale=locale)  # type: ignore[arg-type]
    assert parse_vnd(text, locale=locale, allow_negative=True) == amount  # type: ignore[arg-type]


@fuzz
@given(_ANY_INT | st.floats() | st.none() | st.booleans())
@example(10**4400)
def test_words_raise_only_documented_errors(amount: object) -> None:
    words = guarded(lambda: vnd_in_words(amount), (MoneyRangeError, MoneyTypeError))  # type: ignore[arg-type]
    if words is not None:
        assert words.endswith(" đồng")
        assert number_in_words(amount) in words  # type: ignore[arg-type]
