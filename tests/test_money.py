"""Tests of welfare_rules.money: parsing, formatting and spelling out whole VND."""

from __future__ import annotations

import contextlib
import math
import unicodedata

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from welfare_rules.errors import (
    MoneyParseError,
    MoneyRangeError,
    MoneyTextRangeError,
    MoneyTypeError,
)
from welfare_rules.money import (
    MAX_VND,
    display_vnd,
    format_vnd,
    number_in_words,
    parse_vnd,
    require_vnd,
    vnd_in_words,
)

from .strategies import vnd, words_range

# --- parsing ---------------------------------------------------------------------------

FORMS = [
    ("600.000đ", 600_000),
    ("600.000 đ", 600_000),
    ("600.000 đồng", 600_000),
    ("11.554.050.000", 11_554_050_000),
    ("1.137.600 đồng", 1_137_600),
    ("600 nghìn đồng", 600_000),
    ("600 ngàn", 600_000),
    ("54 triệu đồng", 54_000_000),
    ("1,5 triệu", 1_500_000),
    ("563,7 triệu", 563_700_000),
    ("22,252 tỷ đồng", 22_252_000_000),
    ("2.514 tỉ", 2_514_000_000_000),
    ("600.000 VNĐ", 600_000),
    ("600.000 vnđ", 600_000),
    ("600.000 VND", 600_000),
    ("VND 600.000", 600_000),
    ("600.000₫", 600_000),
    ("600.000\u00a0đ", 600_000),
    ("600.000\u202fđồng", 600_000),
    ("(600.000đ).", 600_000),
    ("**7.314.900.000**", 7_314_900_000),
    ("= 13.200.000đ.", None),  # "=" is not punctuation we strip: garbage
    ("600.000,00 đ", 600_000),
    ("1,2 nghìn tỷ", 1_200_000_000_000),
    ("2,5 nghìn tỷ đồng", 2_500_000_000_000),  # two scale words multiply (issue 13)
    ("1 tỷ tỷ", 10**18),  # the largest amount
    ("0 đồng", 0),
    ("80 triệu đồng", 80_000_000),
    ("  2.721.000.000đ; ", 2_721_000_000),
    ("600 000 đ", 600_000),  # digits grouped by spaces
    ("600\u202f000\u00a0đ", 600_000),
    ("11 554 050 000", 11_554_050_000),
    ("1,500 triệu", 1_500_000),  # three decimals are fine with a scale word
]


@pytest.mark.parametrize(("text", "expected"), FORMS)
def test_parse_vnd_forms(text: str, expected: int | None) -> None:
    if expected is None:
        with pytest.raises(MoneyParseError):
            parse_vnd(text)
    else:
        assert parse_vnd(text) == expected


@pytest.mark.parametrize("form", ["NFC", "NFD", "NFKC", "NFKD"])
def test_parse_vnd_any_normalization(form: str) -> None:
    text = unicodedata.normalize(form, "1.137.600 đồng; 54 triệu đồng")
    assert parse_vnd(text.split(";")[0]) == 1_137_600
    assert parse_vnd(unicodedata.normalize(form, "22,252 tỷ đồng")) == 22_252_000_000


# Every figure of the source report's gift table (lines 21-87), as written there.
GIFT_TABLE = [
    ("11.554.050.000", 11_554_050_000),
    ("7.314.900.000", 7_314_900_000),
    ("381.900.000 đồng", 381_900_000),
    ("600.000đ", 600_000),
    ("13.200.000đ", 13_200_000),
    ("300.000đ", 300_000),
    ("368.700.000đ", 368_700_000),
    ("5.445.400.000 đồng", 5_445_400_000),
    ("4.000.000đ", 4_000_000),
    ("88.000.000đ", 88_000_000),
    ("1.500.000đ", 1_500_000),
    ("2.142.000.000đ", 2_142_000_000),
    ("1.000.000đ", 1_000_000),
    ("472.000.000đ", 472_000_000),
    ("500.000đ", 500_000),
    ("2.721.000.000đ", 2_721_000_000),
    ("2.400.000đ", 2_400_000),
    ("1.477.600.000 đồng", 1_477_600_000),
    ("1.137.600 đồng", 1_137_600),
    ("700.000đ", 700_000),
    ("14.700.000đ", 14_700_000),
    ("464.400.000đ", 464_400_000),
    ("658.500.000đ", 658_500_000),
    ("2.000.000đ", 2_000_000),
    ("40.000.000đ", 40_000_000),
    ("300.000.000đ", 300_000_000),
    ("1.524.700.000đ", 1_524_700_000),
    ("837.900.000đ", 837_900_000),
    ("490.700.000đ", 490_700_000),
    ("347.200.000đ", 347_200_000),
    ("686.800.000đ", 686_800_000),
    ("900.000đ", 900_000),
    ("261.900.000đ", 261_900_000),
    ("206.100.000đ", 206_100_000),
    ("1.200.000đ", 1_200_000),
    ("124.800.000đ", 124_800_000),
    ("60.000.000đ", 60_000_000),
    ("1.700.000đ", 1_700_000),
    ("11.900.000đ", 11_900_000),
    ("22.100.000đ", 22_100_000),
    ("2.714.450.000 đồng", 2_714_450_000),
    ("400.000 đồng", 400_000),
    ("1.485.600.000 đồng", 1_485_600_000),
    ("130.000.000đ", 130_000_000),
    ("1.098.850.000 đồng", 1_098_850_000),
    ("109.200.000đ", 109_200_000),
    ("989.650.000đ", 989_650_000),
]


@pytest.mark.parametrize(("text", "expected"), GIFT_TABLE)
def test_every_gift_table_figure_parses(text: str, expected: int) -> None:
    assert parse_vnd(text) == expected


BAD = [
    "",
    "   ",
    "đồng",
    "abc",
    "600.000 đô la",
    "1,5",  # a fraction of a đồng
    "1,2345 nghìn",
    "1.5 triệu",  # a dot groups thousands in Vietnamese
    "60.00",
    "600.0000",
    "1,2,3 triệu",
    "-600.000đ",
    "600.000-",
    "Mức 600.000đ",
    "12/2023",
    "87,66%",
    "600,000đ",  # English grouping in Vietnamese text: 600 đồng? refused as ambiguous
    "VND 600,000",
    "1 5",
    "600 00 đ",
]


def test_english_grouping_in_vietnamese_text_is_refused_with_the_fix() -> None:
    with pytest.raises(MoneyParseError, match="ambiguous") as info:
        parse_vnd("600,000đ")
    assert "write 600.000" in str(info.value)
    assert "hãy viết 600.000" in info.value.text.vi
    assert parse_vnd("600,000đ", locale="en") == 600_000


@pytest.mark.parametrize("text", BAD)
def test_bad_text_raises_and_quotes_it(text: str) -> None:
    with pytest.raises(MoneyParseError) as info:
        parse_vnd(text)
    assert repr(text) in str(info.value)
    assert info.value.value == text
    assert isinstance(info.value, ValueError)
    assert info.value.text.vi
    assert info.value.text.en


def test_negative_allowed_only_when_asked() -> None:
    assert parse_vnd("-600.000đ", allow_negative=True) == -600_000
    assert parse_vnd("−6.165.000 đ", allow_negative=True) == -6_165_000
    # the sign after a unit written first: how format_vnd writes English (found by fuzzing)
    assert parse_vnd("VND -1,000", locale="en", allow_negative=True) == -1000
    assert parse_vnd("đ -600.000", allow_negative=True) == -600_000
    with pytest.raises(MoneyParseError, match="negative"):
        parse_vnd("VND -1,000", locale="en")
    with pytest.raises(MoneyParseError, match="not an amount"):
        parse_vnd("- VND -1,000", locale="en", allow_negative=True)


@pytest.mark.parametrize("value", [600000.0, math.nan, math.inf, 1.5, None, b"600", 600000])
def test_non_text_raises(value: object) -> None:
    with pytest.raises(MoneyParseError):
        parse_vnd(value)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    ["1" * 1_000_000, "1." * 500_000, "Mức " * 250_000, "1" + "," * 999_999, "đ" * 1_000_000],
)
def test_huge_strings_are_refused_by_length(text: str) -> None:
    with pytest.raises(MoneyParseError, match="characters long") as info:
        parse_vnd(text)
    assert len(str(info.value)) < 400  # the message quotes the text, shortened


@pytest.mark.parametrize("text", ["7tỉtỉ", "1 triệutriệu đồng", "1 nghìntỷ", "5 tyty đ"])
def test_scale_words_run_together_are_a_parse_error(text: str) -> None:
    # issue 13: these raised KeyError from the scale table
    with pytest.raises(MoneyParseError, match="scale words run together") as info:
        parse_vnd(text)
    assert "viết liền nhau" in info.value.text.vi


@pytest.mark.parametrize(
    "text", ["1.000.000.000.000.000.001", "1,5 tỷ tỷ", "2 tỷ tỷ", "1" * 30, "1 nghìn tỷ tỷ"]
)
def test_amounts_beyond_10_18_are_refused(text: str) -> None:
    with pytest.raises(MoneyRangeError, match="beyond the limit") as info:
        parse_vnd(text)
    assert isinstance(info.value, MoneyParseError)  # readers that catch parse errors list it
    assert isinstance(info.value, MoneyTextRangeError)
    assert info.value.value == text
    assert info.value.amount > MAX_VND
    with pytest.raises(MoneyRangeError):
        parse_vnd("-" + text, allow_negative=True)


def test_the_largest_amount_is_read() -> None:
    assert parse_vnd("1.000.000.000.000.000.000") == MAX_VND
    assert parse_vnd("-1.000.000.000.000.000.000", allow_negative=True) == -MAX_VND


@given(st.text(max_size=60))
@example("7tỉtỉ")
@example("1 triệutriệu đồng")
@example("9" * 24 + " tỷ")
def test_parse_never_raises_anything_undocumented(text: str) -> None:
    try:
        value = parse_vnd(text)
    except MoneyParseError:
        return
    assert isinstance(value, int)
    assert value >= 0


@given(st.text(alphabet="0123456789.,đ ", max_size=40))
def test_near_miss_inputs_give_int_or_documented_error(text: str) -> None:
    with contextlib.suppress(MoneyParseError):
        assert isinstance(parse_vnd(text), int)


# --- formatting --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "locale", "unit", "expected"),
    [
        (11_554_050_000, "vi", None, "11.554.050.000 đ"),
        (11_554_050_000, "vi", "đồng", "11.554.050.000 đồng"),
        (11_554_050_000, "en", None, "VND 11,554,050,000"),
        (2_721_000_000, "vi", "", "2.721.000.000"),
        (0, "vi", None, "0 đ"),
        (999, "vi", None, "999 đ"),
        (1000, "en", "", "1,000"),
        (-6_165_000, "vi", None, "-6.165.000 đ"),
    ],
)
def test_format_vnd(amount: int, locale: str, unit: str | None, expected: str) -> None:
    assert format_vnd(amount, locale=locale, unit=unit) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [600000.0, True, "600000", None])
def test_format_rejects_non_int(value: object) -> None:
    with pytest.raises(MoneyTypeError):
        format_vnd(value)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "amount",
    [MAX_VND + 1, 10**25, -(10**25), 10**5000, -(10**5000)],
    ids=["max+1", "1e25", "-1e25", "1e5000", "-1e5000"],
)
def test_format_refuses_amounts_beyond_the_limit(amount: int) -> None:
    # issue 13: 10**25 raised Babel's decimal.InvalidOperation, 10**5000 a bare ValueError
    for locale in ("vi", "en"):
        with pytest.raises(MoneyRangeError, match="beyond the limit") as info:
            format_vnd(amount, locale=locale)  # type: ignore[arg-type]
        assert info.value.value == amount
        assert len(str(info.value)) < 200


def test_require_vnd() -> None:
    assert require_vnd(MAX_VND) == MAX_VND
    assert require_vnd(-MAX_VND) == -MAX_VND
    with pytest.raises(MoneyRangeError):
        require_vnd(MAX_VND + 1)
    with pytest.raises(MoneyTypeError):
        require_vnd(1.0)


@given(
    st.integers() | st.integers(min_value=10**17, max_value=10**70), st.sampled_from(["vi", "en"])
)
@example(10**25, "vi")
@example(-(10**25), "en")
@example(10**60 - 1, "vi")
@example(10**60, "vi")
@example(10**5000, "en")
@example(-(10**5000), "vi")
def test_display_never_fails_and_matches_format_in_range(amount: int, locale: str) -> None:
    shown = display_vnd(amount, locale=locale)  # type: ignore[arg-type]
    assert len(shown) < 120
    bare = display_vnd(amount, locale=locale, unit="")  # type: ignore[arg-type]
    if -MAX_VND <= amount <= MAX_VND:
        assert shown == format_vnd(amount, locale=locale)  # type: ignore[arg-type]
    elif abs(amount) < 10**60:
        assert int(bare.replace("." if locale == "vi" else ",", "")) == amount
    else:
        assert bare.lstrip("-").startswith("≈")
        exponent = int(bare.rsplit("e", 1)[1])
        assert 10**exponent <= abs(amount) * 10_000 // 9_999 < 10 ** (exponent + 1)


def test_display_examples() -> None:
    assert display_vnd(10**25) == "10.000.000.000.000.000.000.000.000 đ"
    assert display_vnd(-(10**25), locale="en") == "VND -10,000,000,000,000,000,000,000,000"
    assert display_vnd(10**5000, unit="") == "≈1.000e5000"
    assert display_vnd(10**61 - 1, unit="") == "≈1.000e61"
    assert display_vnd(None) == "None"
    assert display_vnd(True) == "True"
    assert display_vnd("1" * 10_000).endswith("(10000 chars)")


@given(st.integers(min_value=0, max_value=MAX_VND), st.sampled_from(["vi", "en"]))
@example(0, "vi")
@example(10**15, "en")
@example(MAX_VND, "vi")
@example(MAX_VND, "en")
@example(11_554_050_000, "vi")
@example(1_137_600, "vi")
def test_parse_format_round_trip(amount: int, locale: str) -> None:
    assert parse_vnd(format_vnd(amount, locale=locale), locale=locale) == amount  # type: ignore[arg-type]


@given(vnd)
@example(MAX_VND)
def test_round_trip_with_every_unit(amount: int) -> None:
    for unit in ("đ", "đồng", "VNĐ", ""):
        assert parse_vnd(format_vnd(amount, unit=unit)) == amount


@given(st.integers(min_value=-MAX_VND, max_value=MAX_VND), st.sampled_from(["vi", "en"]))
@example(-MAX_VND, "vi")
@example(-6_165_000, "vi")
@example(-1, "en")  # "VND -1": found by the fuzz suite
def test_negative_round_trip(amount: int, locale: str) -> None:
    text = format_vnd(amount, locale=locale)  # type: ignore[arg-type]
    assert parse_vnd(text, locale=locale, allow_negative=True) == amount  # type: ignore[arg-type]


# --- spelling out ------------------------------------------------------------------------

WORDS = [
    (0, "không"),
    (1, "một"),
    (4, "bốn"),
    (5, "năm"),
    (10, "mười"),
    (11, "mười một"),
    (14, "mười bốn"),
    (15, "mười lăm"),
    (20, "hai mươi"),
    (21, "hai mươi mốt"),
    (24, "hai mươi tư"),
    (25, "hai mươi lăm"),
    (31, "ba mươi mốt"),
    (55, "năm mươi lăm"),
    (99, "chín mươi chín"),
    (100, "một trăm"),
    (101, "một trăm linh một"),
    (104, "một trăm linh bốn"),
    (105, "một trăm linh năm"),
    (110, "một trăm mười"),
    (115, "một trăm mười lăm"),
    (121, "một trăm hai mươi mốt"),
    (1000, "một nghìn"),
    (1001, "một nghìn không trăm linh một"),
    (1010, "một nghìn không trăm mười"),
    (1015, "một nghìn không trăm mười lăm"),
    (1100, "một nghìn một trăm"),
    (2021, "hai nghìn không trăm hai mươi mốt"),
    (10_000, "mười nghìn"),
    (15_000, "mười lăm nghìn"),
    (21_000, "hai mươi mốt nghìn"),
    (100_000, "một trăm nghìn"),
    (105_000, "một trăm linh năm nghìn"),
    (600_000, "sáu trăm nghìn"),
    (1_000_000, "một triệu"),
    (1_000_005, "một triệu không trăm linh năm"),
    (1_005_000, "một triệu không trăm linh năm nghìn"),
    (1_137_600, "một triệu một trăm ba mươi bảy nghìn sáu trăm"),
    (13_200_000, "mười ba triệu hai trăm nghìn"),
    (381_900_000, "ba trăm tám mươi mốt triệu chín trăm nghìn"),
    (1_000_000_000, "một tỷ"),
    (1_050_000_000, "một tỷ không trăm năm mươi triệu"),
    (2_751_000_000, "hai tỷ bảy trăm năm mươi mốt triệu"),
    (5_455_400_000, "năm tỷ bốn trăm năm mươi lăm triệu bốn trăm nghìn"),
    (11_554_050_000, "mười một tỷ năm trăm năm mươi tư triệu không trăm năm mươi nghìn"),
    (16_464_647_630, "mười sáu tỷ bốn trăm sáu mươi tư triệu sáu trăm bốn mươi bảy nghìn sáu trăm ba mươi"),
    (1_000_000_000_000, "một nghìn tỷ"),
    (1_001_000_000_000, "một nghìn không trăm linh một tỷ"),
    (22_252_000_000_000, "hai mươi hai nghìn hai trăm năm mươi hai tỷ"),
    (1_000_000_000_000_000, "một triệu tỷ"),
    (10**18, "một tỷ tỷ"),
    (10**18 - 1, "chín trăm chín mươi chín triệu chín trăm chín mươi chín nghìn chín trăm chín mươi chín tỷ chín trăm chín mươi chín triệu chín trăm chín mươi chín nghìn chín trăm chín mươi chín"),
]  # fmt: skip


@pytest.mark.parametrize(("number", "words"), WORDS)
def test_number_in_words_table(number: int, words: str) -> None:
    assert number_in_words(number) == words


def test_zero_tens_variant() -> None:
    assert number_in_words(105, zero_tens="lẻ") == "một trăm lẻ năm"


def test_vnd_in_words_surface_form() -> None:
    assert vnd_in_words(11_554_050_000) == (
        "mười một tỷ năm trăm năm mươi tư triệu không trăm năm mươi nghìn đồng"
    )
    assert vnd_in_words(600_000, capitalize=True, even=True) == "Sáu trăm nghìn đồng chẵn"


@pytest.mark.parametrize(
    "value",
    [-1, 10**18 + 1, 10**25, 10**5000, -(10**5000)],
    ids=["-1", "max+1", "1e25", "1e5000", "-1e5000"],
)
def test_words_out_of_range(value: int) -> None:
    # issue 13: 10**5000 leaked Python's 4.300-digit ValueError while building the message
    for spell in (number_in_words, vnd_in_words):
        with pytest.raises(MoneyRangeError, match="from 0 to 10\\^18") as info:
            spell(value)
        assert info.value.value == value
        assert "từ 0 đến 10^18" in info.value.text.vi
        assert len(str(info.value)) < 200


@pytest.mark.parametrize("value", [1.0, True, "5"])
def test_words_reject_non_int(value: object) -> None:
    with pytest.raises(MoneyTypeError):
        number_in_words(value)  # type: ignore[arg-type]


@given(words_range)
@example(21)
@example(1_000_001)
def test_words_never_say_muoi_mot_or_muoi_nam(number: int) -> None:
    words = number_in_words(number)
    assert "mươi một" not in words
    assert "mươi năm" not in words


_VALUE = {
    "không": 0, "một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "lăm": 5,
    "sáu": 6, "bảy": 7, "tám": 8, "chín": 9,
}  # fmt: skip


def _read_back(words: str) -> int:
    """An independent reader of the spelled-out form (used to prove injectivity)."""
    total, group, current = 0, 0, 0
    million_part = 0
    for word in words.split():
        if word in _VALUE:
            current = _VALUE[word]
        elif word == "mười":
            group += 10
        elif word == "mươi":
            group += current * 10
            current = 0
        elif word == "trăm":
            group += current * 100
            current = 0
        elif word in ("linh", "lẻ"):
            continue
        elif word == "nghìn":
            million_part += (group + current) * 1000
            group = current = 0
        elif word == "triệu":
            million_part += (group + current) * 1_000_000
            group = current = 0
        elif word == "tỷ":
            total = (total + million_part + group + current) * 1_000_000_000
            million_part = group = current = 0
        else:
            raise AssertionError(word)
    return total + million_part + group + current


@given(words_range | st.integers(min_value=0, max_value=MAX_VND))
@example(1_001_000_000)
@example(1_000_001_000)
@example(10**12)
@example(MAX_VND)
@example(MAX_VND - 1)
def test_words_read_back_to_the_number(number: int) -> None:
    # Reading back is a left inverse, so spelling out is injective on the range.
    assert _read_back(number_in_words(number)) == number
    assert _read_back(vnd_in_words(number).removesuffix(" đồng")) == number


def test_words_distinct_on_a_dense_sample() -> None:
    numbers = [*range(20_000), *range(999_000, 1_021_000), *range(10**9 - 500, 10**9 + 5000)]
    assert len({number_in_words(n) for n in numbers}) == len(numbers)
