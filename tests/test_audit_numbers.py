"""Tests for audit/_numbers.py: every number on a line, read once, in context."""

from __future__ import annotations

import datetime as dt
import re
from random import Random

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from welfare_rules.audit._normalize import normalize_text, same_length_lower
from welfare_rules.audit._numbers import (
    _ATOM,
    _PHONE,
    FIGURE_KINDS,
    Token,
    _aged_list,
    _phones,
    scan,
)
from welfare_rules.dates import parse_vn_date
from welfare_rules.errors import DateParseError

from .strategies import gift_levels, grouped, report_counts, report_like_text, vnd

MONEY_KINDS = {"amount", "level", "claim"}


def readings(text: str) -> list[tuple[str, str, int | None]]:
    """(text, kind, value) of each number on the normalised ``text``."""
    return [(token.text, token.kind, token.value) for token in scan(normalize_text(text))]


# -- known lines: the source report's figures, in my own sentences ------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "Mức 600.000đ: 22 suất quà = 13.200.000đ.",
            [
                ("600.000đ", "level", 600_000),
                ("22 suất", "count", 22),
                ("13.200.000đ", "amount", 13_200_000),
            ],
        ),
        (
            "Mức 2.000.000đ x 20 suất = 40.000.000đ",
            [
                ("2.000.000đ", "level", 2_000_000),
                ("20 suất", "count", 20),
                ("40.000.000đ", "amount", 40_000_000),
            ],
        ),
        (
            "Tuổi 80: 291 người x 900.000đ = 261.900.000đ",
            [
                ("80", "age", None),
                ("291 người", "count", 291),
                ("900.000đ", "level", 900_000),
                ("261.900.000đ", "amount", 261_900_000),
            ],
        ),
        (
            "Tổng số 1.251 suất quà trị giá 381.900.000 đồng",
            [("1.251 suất", "count", 1_251), ("381.900.000 đồng", "amount", 381_900_000)],
        ),
        ("Tổng kinh phí là 22,252 tỷ đồng", [("22,252 tỷ đồng", "amount", 22_252_000_000)]),
        ("Quỹ hỗ trợ 1,5 triệu đồng", [("1,5 triệu đồng", "amount", 1_500_000)]),
        ("Quỹ hỗ trợ 130 triệu", [("130 triệu", "amount", 130_000_000)]),
        ("trị giá 150.000 VNĐ", [("150.000 VNĐ", "amount", 150_000)]),
        ("trị giá 150.000₫", [("150.000₫", "amount", 150_000)]),
        ("khẩn cấp: 01 hồ sơ", [("01 hồ sơ", "count", 1)]),
        ("thờ cúng liệt sĩ: 04", [("04", "count", 4)]),  # a count after a label's colon
        ("04 lượt đối tượng", [("04 lượt", "count", 4)]),
        ("mỗi suất 500.000đ", [("500.000đ", "level", 500_000)]),
        ("mỗi người được 300.000 đồng", [("300.000 đồng", "level", 300_000)]),
        ("nhân 900.000đ", [("900.000đ", "level", 900_000)]),
        ("20 suất * 900.000đ", [("20 suất", "count", 20), ("900.000đ", "level", 900_000)]),
        ("5 x 900.000đ", [("5", "count", 5), ("900.000đ", "level", 900_000)]),
    ],
)
def test_known_lines(line: str, expected: list[tuple[str, str, int | None]]) -> None:
    assert readings(line) == expected


def test_count_units() -> None:
    tokens = scan("Mừng thọ 434 cụ; 118 hồ sơ; 15.372 lượt; 3.296 đối tượng; 12 hộ")
    assert [(t.value, t.unit) for t in tokens] == [
        (434, "cụ"),
        (118, "hồ sơ"),
        (15_372, "lượt"),
        (3_296, "đối tượng"),
        (12, "hộ"),
    ]


@pytest.mark.parametrize(
    ("line", "op", "value"),
    [
        ("trung bình mỗi suất quà trị giá trên 400.000 đồng", ">", 400_000),
        ("bình quân mỗi suất hơn 400.000 đồng", ">", 400_000),
        ("trung bình mỗi suất không dưới 300.000 đồng", ">=", 300_000),
        ("trung bình mỗi suất tối thiểu 300.000 đồng", ">=", 300_000),
        ("trung bình mỗi suất không quá 1.000.000đ", "<=", 1_000_000),
        ("trung bình mỗi suất dưới 1.000.000đ", "<", 1_000_000),
    ],
)
def test_claims(line: str, op: str, value: int) -> None:
    (token,) = scan(line)
    assert (token.kind, token.op, token.value) == ("claim", op, value)


def test_an_average_without_a_bound_is_nothing_to_check() -> None:
    (token,) = scan("trung bình mỗi suất 300.000 đồng")
    assert (token.kind, token.value) == ("measure", 300_000)


# -- money: "." between thousands, "," before decimals ------------------------------------------


@given(vnd, st.sampled_from(["đ", " đ", " đồng", " Đồng", " VNĐ", " vnd", "₫"]))
@example(13_200_000, "đ")
@example(381_900_000, " đồng")
@example(7_314_900_000, " đồng")
@example(16_464_647_630, " đồng")
@example(1_137_600, " đồng")  # the source's city subtotal, written 1.000 times too small
def test_grouped_money_reads_exactly(value: int, unit: str) -> None:
    ((text, kind, read),) = readings(f"trị giá {grouped(value)}{unit}")
    assert (text, kind, read) == (f"{grouped(value)}{unit}", "amount", value)


@given(gift_levels, st.sampled_from(["Mức ", "mức quà ", "Mức hỗ trợ: ", "x ", "* ", "× "]))
@example(600_000, "Mức ")
@example(900_000, "x ")
@example(2_000_000, "× ")
def test_a_level_cue_makes_money_a_level(level: int, cue: str) -> None:
    ((_, kind, value),) = readings(f"{cue}{grouped(level)}đ")
    assert (kind, value) == ("level", level)


@given(
    st.integers(0, 999),
    st.integers(0, 999).map(str),
    st.sampled_from(
        [(" tỷ đồng", 10**9), (" triệu đồng", 10**6), (" triệu", 10**6), (" nghìn đồng", 10**3)]
    ),
)
@example(22, "252", (" tỷ đồng", 10**9))
def test_decimal_comma_with_a_scale(whole: int, decimals: str, scale: tuple[str, int]) -> None:
    word, factor = scale
    exact = whole * factor + int(decimals) * factor // 10 ** len(decimals)
    tokens = scan(f"Tổng kinh phí {whole},{decimals}{word}")
    assert len(tokens) == 1
    if int(decimals) * factor % 10 ** len(decimals):  # a fraction of a đồng: never rounded
        assert tokens[0].kind == "unknown"
    else:
        assert (tokens[0].kind, tokens[0].value) == ("amount", exact)


@pytest.mark.parametrize(
    "text",
    [
        "1.000,5 đồng",  # half a đồng
        "1.5 triệu đồng",  # a decimal point is not the Vietnamese way
        "1,2,3 đồng",
        "1" * 60 + "đ",  # a run of digits too long to be money
    ],
)
def test_malformed_money_is_unknown_not_guessed(text: str) -> None:
    ((_, kind, value),) = readings(text)
    assert (kind, value) == ("unknown", None)


# -- counts ----------------------------------------------------------------------------------------


@given(
    report_counts,
    st.integers(0, 3),
    st.sampled_from(["suất", "người", "lượt", "hồ sơ", "cụ", "đối tượng"]),
)
@example(1, 1, "hồ sơ")  # "01 hồ sơ"
@example(11_115, 0, "suất")
def test_counts_with_leading_zeros_and_groups(count: int, zeros: int, unit: str) -> None:
    written = "0" * zeros + (grouped(count) if zeros == 0 else str(count))
    (token,) = scan(f"có {written} {unit}")
    assert (token.kind, token.value, token.unit) == ("count", count, unit)
    assert token.text == f"{written} {unit}"


@pytest.mark.parametrize("text", ["12,5 người", "12,34 người"])
def test_a_count_with_a_decimal_is_unknown(text: str) -> None:
    ((_, kind, _),) = readings(text)
    assert kind == "unknown"


def test_a_count_grouped_by_a_comma_is_read() -> None:
    # three digits after the comma before a count's unit: thousands, as English-language
    # software groups them (no count has a decimal)
    assert readings("12,345 người") == [("12.345 người", "count", 12_345)]


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("1.2345đ", "amount", 12345),  # a thousands group of four digits
        ("12.34đ", "amount", 1234),
        ("5.5502 suất", "count", 55502),  # the source's 5.502 with a digit slipped in
        ("1.23 người", "count", 123),
    ],
)
def test_a_broken_grouping_is_a_suspect_figure_never_dropped(
    text: str, kind: str, value: int
) -> None:
    (token,) = scan(text)
    assert (token.kind, token.value, token.suspect) == (kind, value, True)


# -- never money: dates, percentages, instruments, ages ----------------------------------------

_MONEY_AFTER = ["", " đồng", "đ", " triệu đồng", " suất"]


@given(
    st.dates(dt.date(1990, 1, 1), dt.date(2035, 12, 31)),
    st.sampled_from(_MONEY_AFTER),
    st.booleans(),
)
@example(dt.date(2023, 12, 26), " đồng", True)
@example(dt.date(2024, 3, 4), "đ", False)
def test_dates_are_dates(date: dt.date, after: str, padded: bool) -> None:
    written = f"{date:%d/%m/%Y}" if padded else f"{date.day}/{date.month}/{date.year}"
    tokens = scan(f"ngày {written}{after}")
    assert tokens[0].kind == "date"
    assert tokens[0].date == date
    assert not {t.kind for t in tokens} & MONEY_KINDS


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("ngày 1/6", "date"),
        ("tháng 12/2023", "period"),
        ("năm 2024", "period"),
        ("Tết 2024", "period"),  # a year standing alone
        ("Quý 1", "ordinal"),
        ("đợt 2", "ordinal"),
        ("ngày 26 tháng 12 năm 2023", "date"),
        ("31/02/2024", "unknown"),  # no such day: not a date, and not money
        ("ngày 26.12.2023", "date"),
    ],
)
def test_dates_and_periods(text: str, kind: str) -> None:
    tokens = scan(text)
    assert tokens[0].kind == kind
    assert not {t.kind for t in tokens} & FIGURE_KINDS


@given(
    st.integers(0, 100),
    st.integers(0, 9).map(lambda d: f",{d}" if d else ""),
    st.sampled_from(["%", " %"]),
    st.sampled_from(["", " đồng thời", " tổng kinh phí", " suất"]),
)
@example(5, ",5", "%", " đồng thời")
def test_percentages_are_percentages(whole: int, decimals: str, sign: str, after: str) -> None:
    tokens = scan(f"tăng {whole}{decimals}{sign}{after}")
    assert (tokens[0].kind, tokens[0].text) == ("percent", f"{whole}{decimals}{sign}")


_INSTRUMENT_KINDS = [
    "QĐ-CTN",
    "QĐ-UBND",
    "NQ-HĐND",
    "KH-UBND",
    "BC-LĐTBXH",
    "UBND-LĐTBXH",
    "TTr-UBND",
]


@given(
    st.integers(1, 9999),
    st.sampled_from(_INSTRUMENT_KINDS),
    st.sampled_from(["", "Quyết định số ", "Kế hoạch số: ", "theo "]),
    st.sampled_from(["", " đồng", " đ", " triệu đồng", " suất", " ngày 26/12/2023"]),
)
@example(1583, "QĐ-CTN", "Quyết định số ", " ngày 26/12/2023")
@example(1583, "QĐ-CTN", "", " đồng")
def test_instrument_numbers_are_instruments(
    number: int, suffix: str, before: str, after: str
) -> None:
    tokens = scan(f"{before}{number}/{suffix}{after}")
    assert (tokens[0].kind, tokens[0].text) == ("instrument", f"{number}/{suffix}")
    assert not {t.kind for t in tokens} & MONEY_KINDS


@pytest.mark.parametrize(
    ("text", "instrument"),
    [
        ("Nghị định số 20", "20"),
        ("Nghị quyết 12", "12"),
        ("QĐ số 12/2023", "12/2023"),
        ("số 1583/2023/QĐ-UBND", "1583/2023/QĐ-UBND"),
        ("Công văn 01/CV-ĐKTLN 178 ngày 5/1/2024", "01/CV-ĐKTLN 178"),  # two words
        ("Công văn 28/UBND-LĐT BXH ngày 5/1/2024", "28/UBND-LĐT BXH"),
    ],
)
def test_instrument_forms(text: str, instrument: str) -> None:
    tokens = scan(text)
    assert (tokens[0].kind, tokens[0].text) == ("instrument", instrument)


@given(
    st.integers(1, 120),
    st.sampled_from(["Tuổi {n}:", "Tuổi {n}", "{n} tuổi", "từ {n} tuổi trở lên"]),
)
@example(80, "Tuổi {n}:")
@example(100, "{n} tuổi")
def test_ages_are_ages(age: int, form: str) -> None:
    tokens = scan(form.format(n=age) + " có 15 cụ")
    assert tokens[0].kind == "age"
    assert tokens[1:] == [Token(tokens[1].start, tokens[1].end, "15 cụ", "count", 15, "cụ")]


def test_an_age_range_is_ages() -> None:
    assert [t.kind for t in scan("tuổi 100 và trên 100 có 15 cụ")] == ["age", "age", "count"]
    assert [t.kind for t in scan("Tuổi 90 đến 99: 31 cụ")] == ["age", "age", "count"]


@given(
    st.integers(60, 110),
    st.integers(1, 5_000),
    gift_levels,
    st.sampled_from([" x ", " × ", " * "]),
    st.sampled_from([" = ", ": "]),
)
@example(80, 291, 900_000, " x ", " = ")
def test_age_lines_read_every_figure(
    age: int, count: int, level: int, times: str, equals: str
) -> None:
    amount = count * level
    line = normalize_text(
        f"Tuổi {age}: {grouped(count)} người{times}{grouped(level)}đ{equals}{grouped(amount)}đ"
    )
    kinds = [(t.kind, t.value) for t in scan(line)]
    assert kinds == [("age", None), ("count", count), ("level", level), ("amount", amount)]


@pytest.mark.parametrize(
    "text",
    [
        "Đoàn công tác gồm 05 đồng chí lãnh đạo",
        "có 20 đ/c tham gia",
        "Năm 2024 đồng bào các dân tộc đón Tết",
    ],
)
def test_words_that_start_with_dong_are_not_money(text: str) -> None:
    assert not {t.kind for t in scan(text)} & MONEY_KINDS


# -- every number once ---------------------------------------------------------------------------


@given(report_like_text())
@example("Quyết định số 1583/QĐ-CTN ngày 26/12/2023 cấp 1.251 suất x 600.000đ")
@example("01/CV-ĐKTLN 178 ngày 5/1/2024; 28/UBND-LĐT BXH ngày 1/2")
@example("1" * 100 + " suất")
def test_every_digit_is_in_exactly_one_token(raw: str) -> None:
    text = normalize_text(raw.replace("\r", " ").replace("\n", " "))
    tokens = scan(text)
    covered = [False] * len(text)
    previous_end = 0
    for token in tokens:
        assert previous_end <= token.start < token.end
        assert token.text == text[token.start : token.end]
        assert token.text[0].isdigit()
        for position in range(token.start, token.end):
            covered[position] = True
        previous_end = token.end
        if token.kind in ("count", "amount", "level", "claim"):
            assert isinstance(token.value, int)
            assert token.value >= 0
    assert all(covered[match.start()] for match in re.finditer(r"\d", text))


# -- no catastrophic backtracking ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "1." * 500_000,  # a megabyte of digits and dots: one number, too long to be money
        "1," * 500_000,
        "1/" * 500_000,
        "Mức " * 250_000,
        "1/QĐ-" * 100_000,  # fifty thousand instrument tails
        "1/a-" * 100_000,
        "trung bình mỗi suất " * 50_000 + "trên 1đ",
        "mỗi suất " * 110_000 + "1đ",
        # a list of ages, each number of it looked up once (matching the rest of the list
        # after every number took 14 s for 60 KB)
        "1, " * 330_000 + "tuổi",
        "70 và " * 170_000,
    ],
)
def test_a_megabyte_line_is_linear(text: str) -> None:
    """A ceiling far above linear time and far below quadratic: no backtracking blow-up
    (speed itself is measured by benchmarks/extract_speed.py)."""
    tokens = scan(text)  # speed: benchmarks/pathological_lines.py
    assert all(token.start < token.end for token in tokens)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Mức 600.000 đồng/suất", 600_000),
        ("600.000đ/suất", 600_000),
        ("54 triệu đồng.", 54_000_000),
    ],
)
def test_dong_before_a_slash_or_punctuation_is_still_money(text: str, value: int) -> None:
    assert value in {t.value for t in scan(text) if t.kind in MONEY_KINDS}


def test_a_list_of_levels_is_levels() -> None:
    kinds = [(token.kind, token.value) for token in scan("mức 300.000 đồng và 600.000 đồng")]
    assert kinds == [("level", 300_000), ("level", 600_000)]


@pytest.mark.parametrize(
    "text",
    ["ĐT: 0912 345 678", "Phòng LĐTBXH (số điện thoại 0220 3712 456)", "Hotline 1900.1234"],
)
def test_a_telephone_number_is_no_figure(text: str) -> None:
    tokens = scan(normalize_text(text))
    assert tokens
    assert {token.kind for token in tokens} == {"measure"}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("500k", 500_000),
        ("60tr", 60_000_000),
        ("5,6tr", 5_600_000),
        ("1tr2", 1_200_000),  # had been read as 1tr and a lone 2: a false "wrong digit"
        ("22tr5", 22_500_000),
        ("1tr25", 1_250_000),
    ],
)
def test_a_messages_money_shorthand_is_money(text: str, value: int) -> None:
    (token,) = scan(normalize_text(f"Mỗi suất {text}."))
    assert (token.kind in ("amount", "level"), token.value) == (True, value)


@pytest.mark.parametrize("text", ["suy giảm khả năng lao động từ 81% trở lên", "dưới 81%"])
def test_a_percentage_threshold_is_no_share(text: str) -> None:
    assert [token.kind for token in scan(normalize_text(text))] == ["measure"]


@given(st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)), st.booleans())
@example(dt.date(2024, 2, 29), True)
@example(dt.date(2023, 12, 26), False)
def test_a_date_token_holds_what_parse_vn_date_reads(date: dt.date, padded: bool) -> None:
    """The scanner reads a dd/mm/yyyy date itself; it must agree with dates.parse_vn_date."""
    day, month = (f"{date.day:02}", f"{date.month:02}") if padded else (date.day, date.month)
    written = f"{day}/{month}/{date.year}"
    (token,) = scan(f"ngày {written}")
    assert (token.kind, token.date) == ("date", parse_vn_date(written))


@pytest.mark.parametrize("written", ["29/02/2023", "31/04/2024", "00/01/2024", "12/13/2024"])
def test_no_such_day_is_unknown(written: str) -> None:
    (token,) = scan(f"ngày {written}")
    assert token.kind == "unknown"
    with pytest.raises(DateParseError):
        parse_vn_date(written)


def test_dates_in_other_digits_are_read_as_parse_vn_date_reads_them() -> None:
    written = "٢٦/١٢/٢٠٢٣"  # Arabic-Indic digits are \\d too
    (token,) = scan(f"ngày {written}")
    assert token.date == parse_vn_date(written) == dt.date(2023, 12, 26)


@given(report_like_text())
@example("İ Quyết định số 1583/QĐ-CTN ngày 26/12/2023: 22 suất")
def test_scan_with_the_lowered_line_given_reads_the_same(text: str) -> None:
    line = normalize_text(text)
    assert scan(line, same_length_lower(line)) == scan(line)


_PHONE_PIECES = st.sampled_from(
    [
        *("đt", "sđt", "đtdđ", "điện thoại", "di động", "hotline", "fax", "tel", "lđtbxh"),
        *("s", "x", " ", ": ", ".", "+84", "0912", " 345 ", "678", "-", "a", "5"),
    ]
)


@given(st.lists(_PHONE_PIECES, max_size=14).map("".join))
@example("sđt 0912 345 678, đt: 0220.3712.456 lđtbxh tel 0912345678")
@example("xsđt 0912 345 678 sđt0912345678")  # a letter before: no phone; none after it
def test_phones_found_from_their_hint_words_are_the_patterns_matches(line: str) -> None:
    assert _phones(line) == [m.span(1) for m in _PHONE.finditer(line)]


@pytest.mark.parametrize("text", ["Tổng số -1 suất", "Chênh lệch: -5 suất", "(-200.000 đồng)"])
def test_a_negative_figure_is_not_understood_not_read_positive(text: str) -> None:
    # found by the reliability helper: the minus was dropped and "-1 suất" read as 1 suất
    (token,) = scan(text)
    assert token.kind == "unknown"
    assert token.text.startswith("-")


@pytest.mark.parametrize("text", ["- 1.229 suất", "từ 60-80 tuổi", "22 suất - 13.200.000đ"])
def test_a_dash_that_is_no_sign_keeps_the_number(text: str) -> None:
    assert all(not token.text.startswith("-") for token in scan(text))


def test_the_number_pattern_holds_one_group_the_instrument_tail() -> None:
    """scan reads the tail by its index (``match.group(0, 1)``, the cheaper call)."""
    assert _ATOM.groupindex == {"tail": 1}
    assert _ATOM.groups == 1
    assert scan("Quyết định số 1583/QĐ-CTN")[0].kind == "instrument"


@pytest.mark.parametrize(
    "text", ["Người cao tuổi tròn 80, 85 tuổi", "tròn 70 và 75 tuổi", "từ 90 - 95 tuổi"]
)
def test_numbers_listed_before_tuoi_are_all_ages(text: str) -> None:
    # the 80 of "tròn 80, 85 tuổi" had been a number not understood
    assert {token.kind for token in scan(normalize_text(text))} == {"age"}


def test_a_long_list_of_ages_is_all_ages() -> None:
    assert {token.kind for token in scan("tròn " + "80, " * 2_000 + "85 tuổi")} == {"age"}


_AGE_LIST_PATTERN = re.compile(r"(?:\s*(?:,|và|hoặc|-|–|đến|tới)\s*\d{1,3})+\s+tuổi(?![^\W\d_])")


@given(
    st.lists(
        st.sampled_from(
            [",", "và", "hoặc", "-", "–", "đến", "tới", " ", "  ", "\t", "\u00a0", "1", "12"]
        )
        | st.sampled_from(["123", "1234", "٣", "tuổi", "tuổin", "tuổi.", "a", "5,5", "\n"]),
        max_size=16,
    ),
    st.randoms(use_true_random=False),
)
def test_the_age_list_is_read_as_its_pattern_reads_it(pieces: list[str], rnd: Random) -> None:
    """_aged_list, one item at a time with its answers kept, answers at every offset, in
    any order, as the whole pattern matched there would."""
    text = "".join(pieces)
    offsets = list(range(len(text) + 1))
    rnd.shuffle(offsets)
    aged: dict[int, bool] = {}
    for offset in offsets:
        expected = _AGE_LIST_PATTERN.match(text, offset) is not None
        assert _aged_list(text, offset, aged) is expected


def test_money_shorthand_glued_to_a_code_is_no_money() -> None:
    (token,) = [t for t in scan(normalize_text("Chương trình mã CT1tr2")) if t.text.startswith("1")]
    assert token.kind == "unknown"  # once 1.200.000 đồng


@pytest.mark.parametrize(
    "goods",
    ["01 túi quà trị giá", "10 kg gạo và quà trị giá", "quà hiện vật trị giá"],
)
def test_goods_between_the_parts_of_each_gift_keep_the_second_part(goods: str) -> None:
    """``mỗi suất gồm 300.000 đồng tiền mặt và 01 túi quà trị giá 200.000 đồng``: the
    quantity of goods between the two parts does not turn the second into an amount."""
    text = f"Trao 186 suất, mỗi suất gồm 300.000 đồng tiền mặt và {goods} 200.000 đồng."
    kinds = [(token.kind, token.op) for token in scan(text) if token.value == 200_000]
    assert kinds == [("level", "+")]


def test_a_count_between_is_no_goods_of_the_gift() -> None:
    text = "Mỗi suất gồm 300.000 đồng và 186 suất mức 200.000 đồng."
    (token,) = [token for token in scan(text) if token.value == 200_000]
    assert token.op is None


@pytest.mark.parametrize(
    "text",
    [
        "trao 1.560 phần quà trị giá 300.000 đồng mỗi phần",
        "tặng 40 hộ, 300.000 đồng cho mỗi hộ",
        "500 nghìn đồng một suất",
    ],
)
def test_money_before_each_is_a_level(text: str) -> None:
    (token,) = [token for token in scan(text) if token.kind in ("level", "amount")]
    assert token.kind == "level"


def test_money_for_each_commune_is_no_level() -> None:
    (token,) = [t for t in scan("hỗ trợ 5.000.000 đồng cho mỗi xã") if t.value == 5_000_000]
    assert token.kind == "amount"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("tổng 225 trđ.", 225_000_000),
        ("mức 2 trđ/người", 2_000_000),
        ("1.485,2 tr.đ", 1_485_200_000),
    ],
)
def test_trd_is_trieu_dong(text: str, value: int) -> None:
    (token,) = [token for token in scan(text) if token.kind in ("level", "amount")]
    assert token.value == value


@pytest.mark.parametrize("name", ["Tổ dân phố 1", "Khu phố 2", "Bản 3", "Khóm 4", "Làng 5"])
def test_a_place_named_by_its_number_is_no_figure(name: str) -> None:
    assert [token.kind for token in scan(name)] == ["ordinal"]
    assert [token.kind for token in scan(f"{name}: 20 suất")] == ["ordinal", "count"]


@pytest.mark.parametrize("period", ["tháng", "quý", "năm", "lần"])
def test_a_number_of_periods_is_a_duration(period: str) -> None:
    """``x 2 quý x 150.000 đồng``: how many periods a level is paid for (``quý`` had been
    left unread); ``Quý 1`` before its number stays an ordinal."""
    text = f"Hỗ trợ 40 hộ x 2 {period} x 150.000 đồng"
    kinds = [(token.text, token.kind) for token in scan(text, same_length_lower(text))]
    assert ("2", "duration") in kinds
    assert [token.kind for token in scan("Quý 1", "quý 1")] == ["ordinal"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # found by review: the count after "người cao tuổi" was an age, and vanished
        ("người cao tuổi 6.000 người", ("6.000 người", "count", 6_000)),
        ("người cao tuổi 90 người", ("90 người", "count", 90)),
        # ages stay ages
        ("cụ 100 tuổi", ("100", "age", None)),
    ],
)
def test_a_count_of_the_elderly_is_no_age(text: str, expected: tuple[str, str, int | None]) -> None:
    (reading,) = readings(text)
    assert reading == expected


@pytest.mark.parametrize(
    ("text", "hedge"),
    [
        ("Quà của Hội (mức từ 400.000 đồng/suất trở lên)", ">="),
        ("Mức quà tối thiểu 300.000 đồng/suất", ">="),
        ("Quà của Hội (mức 400.000 đồng/suất)", None),
        ("Mỗi suất trị giá 400.000 đồng", None),
    ],
)
def test_a_level_stated_as_a_minimum_is_hedged_at_least(text: str, hedge: str | None) -> None:
    (level,) = [token for token in scan(text) if token.kind == "level"]
    assert (level.value, level.hedge) == (
        int(text.split(" đồng")[0].split()[-1].replace(".", "")),
        hedge,
    )
