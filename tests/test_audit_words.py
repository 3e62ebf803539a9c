"""Amounts in words read back (audit/_words.py)."""

from hypothesis import example, given
from hypothesis import strategies as st

from welfare_rules.audit._words import parse_words
from welfare_rules.money import vnd_in_words


@given(st.integers(min_value=0, max_value=10**15))
@example(913_200_000)  # the words of a restated grand total
@example(16_464_647_630)
@example(2_021)  # "không trăm", "mốt"
@example(1_000_000_000_000)  # "một nghìn tỷ"
def test_reads_back_what_vnd_in_words_writes(amount: int) -> None:
    assert parse_words(vnd_in_words(amount)) == amount


def test_spellings_reports_use() -> None:
    assert parse_words("Hai mươi tư triệu đồng chẵn") == 24_000_000
    assert parse_words("một trăm linh lăm nghìn đồng") == 105_000
    assert parse_words("ba trăm lẻ năm ngàn") == 305_000
    assert parse_words("Bảy tỉ") == 7_000_000_000


def test_words_that_are_not_an_amount() -> None:
    assert parse_words("ba quả cam") is None
    assert parse_words("") is None
    assert parse_words("đồng") is None
    assert parse_words("hai ba") is None  # two digits in a row
