"""Tests for audit/_lines.py: one line's figures as records, with their parts."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from welfare_rules.audit._lines import (
    _PARTS_WORD,
    Rec,
    _parts_words,
    is_announcement,
    names_a_few,
    parts_add_up,
    read_line,
)
from welfare_rules.audit._normalize import normalize_text
from welfare_rules.audit._numbers import scan

from .strategies import gift_levels, grouped, report_like_text


def read(text: str, *, line: int = 1, bullet: str | None = None) -> list[Rec]:
    return read_line(normalize_text(text), line=line, bullet=bullet).records


def figures(rec: Rec) -> tuple[int | None, int | None, int | None]:
    return rec.count, rec.level, rec.amount


def walk(recs: list[Rec]) -> list[Rec]:
    found: list[Rec] = []
    for rec in recs:
        found.append(rec)
        found.extend(walk(rec.children))
    return found


# -- level lines -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected", "label"),
    [
        ("Mức 600.000đ: 22 suất quà = 13.200.000đ.", (22, 600_000, 13_200_000), "Mức 600.000đ"),
        ("Mức 2.000.000đ x 20 suất = 40.000.000đ", (20, 2_000_000, 40_000_000), "Mức 2.000.000đ"),
        ("Mức 2.000.000đ × 20 suất = 40.000.000đ", (20, 2_000_000, 40_000_000), "Mức 2.000.000đ"),
        ("Mức 2.000.000đ * 20 suất: 40.000.000đ", (20, 2_000_000, 40_000_000), "Mức 2.000.000đ"),
        ("Tuổi 80: 291 người x 900.000đ = 261.900.000đ", (291, 900_000, 261_900_000), "Tuổi 80"),
        ("Tuổi 90: 31 người × 1.000.000đ: 31.000.000đ", (31, 1_000_000, 31_000_000), "Tuổi 90"),
        (
            "Mức 500.000đ: 5.502 suất = 2.721.000.000đ",
            (5_502, 500_000, 2_721_000_000),
            "Mức 500.000đ",
        ),
    ],
)
def test_level_lines(line: str, expected: tuple[int, int, int], label: str) -> None:
    (rec,) = read(line, line=12, bullet="+")
    assert figures(rec) == expected
    assert (rec.label, rec.line, rec.bullet, rec.children) == (label, 12, "+", [])


@given(
    st.integers(1, 50_000),
    gift_levels,
    st.sampled_from(
        [
            "Mức {level}: {count} = {amount}",
            "Mức {level} x {count} = {amount}",
            "Mức {level} × {count}: {amount}",
            "Mức {level} * {count} = {amount}",
            "{count} x {level} = {amount}",
        ]
    ),
    st.sampled_from(["suất", "suất quà", "người", "lượt"]),
)
@example(22, 600_000, "Mức {level}: {count} = {amount}", "suất quà")
@example(1_229, 300_000, "Mức {level}: {count} = {amount}", "suất quà")
def test_any_level_line_reads_its_three_figures(
    count: int, level: int, form: str, unit: str
) -> None:
    """A mistyped product is read as written (the audit finds it, the reader never fixes it)."""
    amount = count * level + 1_000
    line = form.format(
        level=f"{grouped(level)}đ", count=f"{grouped(count)} {unit}", amount=f"{grouped(amount)}đ"
    )
    (rec,) = read(line)
    assert figures(rec) == (count, level, amount)
    assert rec.unit == unit.split()[0]


# -- totals and announcements --------------------------------------------------------------------


def test_total_lines() -> None:
    (rec,) = read("Tổng số 1.251 suất quà trị giá 381.900.000 đồng")
    assert (rec.count, rec.amount, rec.total_cue, rec.label) == (
        1_251,
        381_900_000,
        True,
        "Tổng số",
    )
    (rec,) = read("Nguồn ngân sách là 11.115 suất = 7.314.900.000 đồng")
    assert (rec.count, rec.amount, rec.total_cue) == (11_115, 7_314_900_000, False)
    assert rec.label == "Nguồn ngân sách"  # the connecting "là" trimmed


@pytest.mark.parametrize(
    "cue", ["trong đó:", "Trong đó", "cụ thể:", "gồm:", "bao gồm:", "chia ra:"]
)
def test_a_trailing_announcement_announces_parts_on_the_next_lines(cue: str) -> None:
    (rec,) = read(f"- Nguồn xã: 1.197 suất = 837.900.000đ, {cue}")
    assert (rec.count, rec.amount, rec.announces, rec.children) == (1_197, 837_900_000, True, [])


def test_no_announcement_no_announces() -> None:
    (rec,) = read("- Nguồn xã: 1.197 suất = 837.900.000đ.")
    assert rec.announces is False


@pytest.mark.parametrize("cue", ["trong đó", "cụ thể", "gồm", "bao gồm", "chia ra"])
def test_announced_parts_on_the_same_line(cue: str) -> None:
    (rec,) = read(
        f"Tặng 320 suất quà, {cue}: 20 suất mức 2.000.000đ = 40.000.000đ; 300 suất mức 1.000.000đ = 300.000.000đ"
    )
    assert rec.count == 320
    assert [figures(part) for part in rec.children] == [
        (20, 2_000_000, 40_000_000),
        (300, 1_000_000, 300_000_000),
    ]
    assert rec.explicit
    assert rec.inline
    assert not rec.announces


def test_announced_parts_are_kept_even_when_they_do_not_add_up() -> None:
    """The words say these are parts; the audit, not the reader, judges the sums."""
    (rec,) = read(
        "Mừng thọ 434 cụ, trong đó: Tuổi 100 có 15 cụ; Tuổi 95 có 13 cụ; Tuổi 90 có 31 cụ; Tuổi 80 có 374 cụ."
    )
    assert [part.count for part in rec.children] == [15, 13, 31, 374]
    assert [part.label for part in rec.children] == ["Tuổi 100", "Tuổi 95", "Tuổi 90", "Tuổi 80"]
    assert rec.explicit


def test_age_range_label() -> None:
    (rec,) = read("Mừng thọ 434 cụ, trong đó: tuổi 100 và trên 100 có 15 cụ; Tuổi 95 có 419 cụ.")
    assert rec.children[0].label == "tuổi 100 và trên 100"


@pytest.mark.parametrize(
    ("text", "announces"),
    [
        ("Trong đó:", True),
        ("trong đó", True),
        ("Cụ thể như sau:", True),
        ("Gồm:", True),
        ("Bao gồm :", True),
        ("Chi tiết như sau", True),
        ("chia ra:", True),
        ("Trong đó: 5 suất", False),
        ("trong đó có", False),
        ("Cụ thể hóa", False),
        ("", False),
    ],
)
def test_is_announcement(text: str, announces: bool) -> None:
    assert is_announcement(text) is announces


def test_cu_the_hoa_is_not_an_announcement_inside_a_line() -> None:
    recs = read("Tặng 30 suất, cụ thể hóa 10 suất")
    assert [rec.count for rec in recs] == [30, 10]
    assert recs[0].children == []


# -- parentheses and the arithmetic ----------------------------------------------------------------

PAYMENT = (
    "Chi trả trợ cấp cho {total} lượt đối tượng (trong đó đối tượng BTXH 11.011 lượt đối tượng = "
    "7.845.650.000 đồng; NCC: 3.296 đối tượng = 7.706.902.630 đồng; hộ nghèo 1.066 lượt = "
    "918.260.000 đồng) với tổng kinh phí chi trợ cấp 16.464.647.630 đồng"
)


@pytest.mark.parametrize("total", ["15.373", "15.372"])
def test_inline_breakdown_in_parentheses(total: str) -> None:
    """``trong đó`` inside the parenthesis makes the parts explicit: kept even when the
    written total (15.372) is one short of its parts."""
    (rec,) = read(PAYMENT.format(total=total))
    assert (rec.count, rec.amount) == (int(total.replace(".", "")), 16_464_647_630)
    assert [part.count for part in rec.children] == [11_011, 3_296, 1_066]
    assert [part.label for part in rec.children] == ["đối tượng BTXH", "NCC", "hộ nghèo"]
    assert rec.explicit
    assert rec.inline


@given(
    st.lists(st.integers(0, 5_000), min_size=2, max_size=6),
    st.sampled_from(["hồ sơ", "suất", "người"]),
)
@example([27, 1, 90], "hồ sơ")
def test_a_parenthesis_whose_counts_add_up_holds_parts(parts: list[int], unit: str) -> None:
    body = "; ".join(f"nhóm {i}: {count:02d} {unit}" for i, count in enumerate(parts))
    (rec,) = read(f"Tiếp nhận {grouped(sum(parts))} {unit} ({body}).")
    assert [part.count for part in rec.children] == parts
    assert rec.inline
    assert not rec.explicit  # inferred from the arithmetic alone


@given(st.lists(st.integers(0, 5_000), min_size=2, max_size=6), st.integers(1, 100))
@example([0, 0], 1)
def test_a_parenthesis_holds_parts_only_as_far_as_one_slip(parts: list[int], off: int) -> None:
    body = "; ".join(f"nhóm {i}: {count} người" for i, count in enumerate(parts))
    recs = read(f"Đi làm {sum(parts) + off} người ({body}).")
    owner = Rec(line=1, count=sum(parts) + off, unit="người")
    taken = parts_add_up(owner, [Rec(line=1, count=c, unit="người") for c in parts], bracketed=True)
    if taken:  # one slip away, every part in the owner's unit: the parts stay its own
        assert [rec.count for rec in recs] == [sum(parts) + off]
        assert [child.count for child in recs[0].children] == parts
    else:
        assert [rec.count for rec in recs] == [sum(parts) + off, *parts]
        assert all(rec.children == [] for rec in recs)


def test_amounts_add_up_when_no_count_is_given() -> None:
    (rec,) = read("Kinh phí 300.000.000đ (ngân sách 100.000.000đ; xã hội hóa 200.000.000đ)")
    assert [part.amount for part in rec.children] == [100_000_000, 200_000_000]


def test_an_aside_without_figures_stays_in_the_record() -> None:
    (rec,) = read("Tặng 5 suất (nguồn Trung ương) = 2.000.000đ")
    assert (rec.count, rec.amount, rec.children) == (5, 2_000_000, [])


@given(st.lists(st.integers(1, 5_000), min_size=2, max_size=6))
@example([10, 20, 30])
def test_a_total_cue_takes_the_records_that_add_up_to_it(parts: list[int]) -> None:
    body = "; ".join(f"nguồn {i} {count} suất" for i, count in enumerate(parts))
    (rec,) = read(f"Tổng số {sum(parts)} suất: {body}")
    assert [part.count for part in rec.children] == parts
    # without the cue, or when the sum is off, the same records stand side by side
    assert [r.count for r in read(f"Quà {sum(parts)} suất: {body}")] == [sum(parts), *parts]
    assert [r.count for r in read(f"Tổng số {sum(parts) + 1} suất: {body}")] == [
        sum(parts) + 1,
        *parts,
    ]


# -- claims, unknowns, never a number lost ------------------------------------------------------


def test_a_claim_attaches_to_its_record() -> None:
    (rec,) = read(
        "Tặng 1.251 suất = 500.000.000 đồng (trung bình mỗi suất quà trị giá trên 400.000 đồng)"
    )
    assert rec.claims == [(">", 400_000)]
    assert rec.children == []


def test_a_claim_without_a_record_is_listed() -> None:
    result = read_line("Quà (trung bình mỗi suất trên 400.000 đồng).", line=3)
    assert result.records == []
    assert [token.text for token in result.unknown] == ["400.000 đồng"]


def test_unknown_numbers_are_listed_beside_the_records() -> None:
    result = read_line("Đã kiểm tra 178 ở xã, tặng 5 suất", line=3)
    assert [token.text for token in result.unknown] == ["178"]
    assert [rec.count for rec in result.records] == [5]


def test_a_line_without_figures_has_no_records() -> None:
    result = read_line("Quyết định số 1583/QĐ-CTN ngày 26/12/2023", line=2)
    assert result.records == []
    assert [token.kind for token in result.tokens] == ["instrument", "date"]


@given(report_like_text())
@example("Tổng số 60 suất: A 10 suất; B 20 suất; C 30 suất (D 1 suất (E 2 suất))")
@example("trung bình mỗi suất trên 0suất")
@example("((((((((((1 suất))))))))))")
def test_every_figure_fills_exactly_one_field(raw: str) -> None:
    text = normalize_text(raw.replace("\r", " ").replace("\n", " "))
    result = read_line(text, line=5, bullet="-")
    wanted = [t.kind for t in scan(text) if t.kind in ("count", "level", "amount")]
    recs = walk(result.records)
    filled = sum(rec.count is not None for rec in recs)
    filled += sum(rec.level is not None for rec in recs)
    filled += sum(rec.amount is not None for rec in recs)
    filled += sum(len(rec.hedged) for rec in recs)  # "trên 0 suất": a bound, kept apart
    assert filled == len(wanted)
    assert all(rec.has_figures() or rec.level is not None or rec.hedged for rec in recs)
    assert all((rec.line, rec.bullet) == (5, "-") for rec in recs)
    claims = sum(len(rec.claims) for rec in recs)
    orphans = [t for t in result.unknown if t.kind == "claim"]
    assert claims + len(orphans) == sum(t.kind == "claim" for t in scan(text))


@pytest.mark.parametrize(
    "text",
    [
        "(" * 100_000 + "1 suất",
        "trong đó; " * 100_000,
        "Tổng số " * 120_000 + "5 suất",
        ")" * 200_000 + "1 suất",
        "Mức 5đ: 2 suất = 10đ; " * 2_000,
    ],
)
def test_pathological_lines_are_linear(text: str) -> None:
    """A ceiling far above linear time and far below quadratic: no backtracking blow-up
    (speed itself is measured by benchmarks/extract_speed.py)."""
    read = read_line(text, line=1)  # speed: benchmarks/pathological_lines.py
    assert len(read.records) <= text.count("suất")


def test_parts_written_with_a_total_stay_its_parts_when_one_is_mistyped() -> None:
    written = "tổng số 118 hồ sơ (BTXH 27 hồ sơ; khẩn cấp 01 hồ sơ; BHXH 90 hồ sơ)"
    (total,) = read_line(written, line=1).records
    assert [part.count for part in total.children] == [27, 1, 90]
    (slipped,) = read_line(written.replace("27 hồ sơ", "20 hồ sơ"), line=1).records
    assert [part.count for part in slipped.children] == [20, 1, 90]  # still its parts


def test_small_totals_need_an_exact_sum_to_keep_inferred_parts() -> None:
    records = read_line("tổng số 5 suất, 2 hồ sơ, 2 hồ sơ", line=1).records
    assert len(records) == 3  # 5 ≠ 2 + 2: one slip between small numbers is no evidence
    # in brackets, with the unit written in each part, they are its parts: an error
    [owner] = read_line("tổng số 5 hồ sơ (2 hồ sơ; 2 hồ sơ)", line=1).records
    assert [child.count for child in owner.children] == [2, 2]


def test_bracketed_parts_in_the_owners_unit_stay_its_parts_one_slip_off() -> None:
    # "37 hồ sơ (BTXH 31 hồ sơ; NCC 05 hồ sơ)": no "tổng", a small total, but the unit
    # written in every part; one slip must not take the parts away from their total
    read = read_line("Hồ sơ đang giải quyết: 37 hồ sơ (BTXH 31 hồ sơ; NCC 05 hồ sơ).", line=1)
    [owner] = read.records
    assert [child.count for child in owner.children] == [31, 5]
    unrelated = read_line("Đã giải quyết 37 hồ sơ (tăng 12 suất; giảm 3 suất).", line=1)
    assert [rec.count for rec in unrelated.records] == [37, 12, 3]


@pytest.mark.parametrize(
    ("text", "level", "amount"),
    [
        # each gift's value written in parts: the level is their sum
        (
            "Trao 320 suất, mỗi suất gồm 300 nghìn đồng tiền mặt và quà trị giá 200 nghìn đồng, "
            "tổng trị giá 160 triệu đồng.",
            500_000,
            160_000_000,
        ),
        ("Trao 640 suất, mỗi suất gồm: tiền mặt 300.000đ và quà 200.000đ.", 500_000, None),
        # one money part beside goods: the cash is the level
        (
            "Trao 50 suất, mỗi suất gồm 10 kg gạo và 200.000 đồng, tổng 10.000.000 đồng.",
            200_000,
            10_000_000,
        ),
        # the goods written right after "mỗi suất", no "gồm": the cash is the level
        (
            "Người cao tuổi cô đơn: 20 suất, mỗi suất 5 kg gạo và 200.000 đồng, thành tiền "
            "4.000.000 đồng tiền mặt và 100 kg gạo.",
            200_000,
            4_000_000,
        ),
        # the goods' value in a bracket, then the cash: both parts of the level
        (
            "Hộ nghèo: 45 suất, mỗi suất gồm 10 kg gạo (trị giá 150.000 đồng) và 350.000 đồng "
            "tiền mặt, tổng 22.500.000 đồng.",
            500_000,
            22_500_000,
        ),
        # the next sentence's total is the amount of a count at a level
        ("Trao 640 suất, mỗi suất 500.000đ. Tổng trị giá 330.000.000đ.", 500_000, 330_000_000),
    ],
)
def test_the_value_of_each_gift_and_its_total(text: str, level: int, amount: int | None) -> None:
    first = read_line(text, line=1).records[0]
    assert (first.level, first.amount) == (level, amount)


def test_an_amount_in_the_next_sentence_without_a_total_cue_is_its_own_record() -> None:
    records = read_line(
        "Trao 640 suất, mỗi suất 500.000đ. Ngoài ra hỗ trợ 20.000.000đ.", line=1
    ).records
    assert [(rec.count, rec.level, rec.amount) for rec in records] == [
        (640, 500_000, None),
        (None, None, 20_000_000),
    ]


def test_a_total_count_and_the_total_amount_after_a_semicolon_are_one_total() -> None:
    text = "Tổng số suất quà: 2.318 suất; tổng kinh phí: 1.123.000.000 đồng."
    (total,) = read_line(text, line=1).records
    assert (total.count, total.amount) == (2318, 1_123_000_000)


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        (
            "Hộ nghèo: 1.215 suất, 729.000.000 đồng (mức 600.000 đồng/suất).",
            (1215, 600_000, 729_000_000),
        ),
        (
            "Tổng kinh phí: 2.184.000.000 đồng (3.640 suất x 600.000 đồng/suất).",
            (3640, 600_000, 2_184_000_000),
        ),
    ],
)
def test_a_bracket_stating_how_the_amount_is_made_is_the_records_product(
    text: str, figures: tuple[int, int, int]
) -> None:
    (rec,) = read_line(text, line=1).records
    assert (rec.count, rec.level, rec.amount) == figures
    assert rec.children == []


def test_levels_in_brackets_beside_a_count_without_an_amount_stay_asides() -> None:
    (rec,) = read_line("Quà 20 suất (mức 300.000 đồng và 600.000 đồng).", line=1).records
    assert (rec.count, rec.level, rec.amount) == (20, None, None)
    assert [child.level for child in rec.children] == [300_000, 600_000]


def test_a_bracket_saying_who_the_gifts_are_for_lists_no_parts() -> None:
    # found by a probe: "(… thân nhân của 02 liệt sĩ trở lên)" made 2 a part of 38 suất
    text = "- Mức 600.000 đồng: 38 suất, thành tiền 22.800.000 đồng (thân nhân của 02 liệt sĩ)."
    first, second = read_line(text, line=1).records
    assert (first.count, first.children) == (38, [])
    assert (second.count, second.unit) == (2, "liệt sĩ")


@pytest.mark.parametrize(
    ("text", "announces"),
    [
        ("Chi tiết như sau :", True),  # the longest announcement there is
        ("TRONG ĐÓ NHƯ SAU:", True),
        ("Chi tiết như sau :.", False),
        ("Trong đó: 5 suất", False),
    ],
)
def test_an_announcement_line(text: str, announces: bool) -> None:
    assert is_announcement(text) is announces


_PARTS_PIECES = st.sampled_from(
    ["trong đó", "cụ thể", "cụ thể hóa", "bao gồm", "gồm", "chia ra", "x", " ", ": ", "5"]
)


@given(st.lists(_PARTS_PIECES, max_size=12).map("".join))
@example("bao gồm 5, gồm 3; xgồm cụ thể hóa trong đóx cụ thể: 2")
def test_parts_words_found_by_substring_are_the_patterns_matches(line: str) -> None:
    assert _parts_words(line) == [m.span() for m in _PARTS_WORD.finditer(line)]


@given(st.integers(min_value=1, max_value=9_999), st.integers(min_value=1, max_value=999))
@example(312, 165)  # "huyện Tiên Yên 312 suất (165 triệu đồng)": once two records
def test_a_bracket_holding_only_a_counts_amount_is_its_amount(count: int, millions: int) -> None:
    (rec,) = read(f"huyện Tiên Yên {count} suất ({millions} triệu đồng)")
    assert figures(rec) == (count, None, millions * 1_000_000)


def test_a_level_before_a_list_led_by_cu_the_is_no_total_of_it() -> None:
    text = (
        "Mỗi suất quà trị giá 500.000 đồng. Cụ thể, huyện Tiên Yên 312 suất (156 triệu"
        " đồng), Bình Liêu 287 suất (143,5 triệu đồng). Tổng cộng 599 suất."
    )
    level, total = read(text)
    assert (figures(level), level.children) == ((None, 500_000, None), [])
    assert [figures(rec) for rec in total.children] == [
        (312, None, 156_000_000),
        (287, None, 143_500_000),
    ]


def test_a_subtotal_of_amounts_closes_the_records_before_it_on_its_line() -> None:
    # once summed with its own parts under the next total: a false "480.000.000"
    text = (
        "Hỗ trợ xây mới 02 nhà, mức 60.000.000 đồng/nhà, tổng số 120.000.000 đồng và sửa chữa"
        " 04 nhà, mức 30.000.000 đồng/nhà, tổng số 120.000.000 đồng; cộng hỗ trợ nhà ở"
        " 240.000.000 đồng."
    )
    (subtotal,) = read(text)
    assert subtotal.amount == 240_000_000
    assert [rec.amount for rec in subtotal.children] == [120_000_000, 120_000_000]


@given(st.sampled_from(["880", "810", "700"]))
@example("880")  # 312 + 268 + 220 = 800: one slip from 880, so the list is still its parts
def test_a_closing_total_one_slip_from_its_run_still_closes_it(written: str) -> None:
    text = f"xã Nam Dương 312 suất, xã Quý Sơn 268 suất, xã Tân Lập 220 suất; tổng {written} suất."
    (total,) = read(text)
    assert total.count == int(written)
    assert [rec.count for rec in total.children] == [312, 268, 220]


def test_a_closing_total_far_from_any_run_closes_none() -> None:
    records = read("xã A 312 suất, xã B 268 suất; tổng 990 suất.")
    assert [(rec.count, len(rec.children)) for rec in records] == [(312, 0), (268, 0), (990, 0)]


def test_a_closing_total_takes_records_with_parts_of_their_own() -> None:
    text = (
        "quà của Chủ tịch nước có 96 suất, gồm 14 suất mức 600.000 đồng và 82 suất mức"
        " 300.000 đồng, tổng số tiền 33 triệu đồng; quà của tỉnh có 215 suất. Tổng cộng, 311"
        " suất quà."
    )
    (total,) = read(text)
    assert [rec.count for rec in total.children] == [96, 215]


@given(
    st.integers(min_value=1, max_value=10**10),
    st.integers(min_value=1, max_value=10**10),
    st.sampled_from(["+", "-"]),
)
@example(10_000_000, 5_000_000, "+")  # "Tổng: a + b = c" had been a false "a ≠ b + c"
@example(1_806_800_000, 386_400_000, "-")  # "nhu cầu - đã giao = còn thiếu"
def test_arithmetic_written_out_is_a_sum(first: int, second: int, sign: str) -> None:
    def vnd(value: int) -> str:
        return f"{value:,}".replace(",", ".") + " đồng"

    if sign == "+":
        text, whole, parts = (
            f"Tổng: {vnd(first)} + {vnd(second)} = {vnd(first + second)}.",
            (first + second),
            [first, second],
        )
    else:
        text, whole, parts = (
            f"Còn thiếu: {vnd(first + second)} - {vnd(first)} = {vnd(second)}.",
            (first + second),
            [first, second],
        )
    (rec,) = read(text)
    named = rec if sign == "+" else rec.children[-1]  # "Còn thiếu: a - b = c" names c
    assert (named.label, rec.amount) == (text.split(":")[0], whole)
    assert [part.amount for part in rec.children] == parts


def test_a_two_sided_expression_is_no_sum() -> None:
    records = read("10.000.000 đồng + 5.000.000 đồng = 12.000.000 đồng + 3.000.000 đồng")
    assert all(not rec.children for rec in records)
    # one side of several terms, signs mixed: the result is their sum, a minus taking off
    (rec,) = read("10.000.000 đồng + 5.000.000 đồng - 3.000.000 đồng = 12.000.000 đồng")
    assert [(part.amount, part.subtracted) for part in rec.children] == [
        (10_000_000, False),
        (5_000_000, False),
        (3_000_000, True),
    ]


def test_a_percentage_right_before_a_figure_is_that_records_share() -> None:
    (rec,) = read("Ngân sách huyện đảm bảo 70%: 235.970.000 đồng")
    assert [(share.text, rec.amount) for share in rec.shares] == [("70%", 235_970_000)]
    # a share of a whole the text does not state, a sentence before: not the next record's
    records = read("Đi làm trở lại đạt tỷ lệ 96% quân số. Công ty A tổng số 3.899 người.")
    assert all(not rec.shares for rec in records)


def test_review_two_line_rules_keep_to_what_the_text_says() -> None:
    # "(ngân sách tỉnh hỗ trợ 100 triệu đồng)": another figure, not the gifts' amount
    (gifts, *_) = read(
        "Trao 312 suất quà, mỗi suất 500.000 đồng (ngân sách tỉnh hỗ trợ 100 triệu đồng)."
    )
    assert gifts.amount is None
    # "đã giải ngân 100%": a rate of paying out, not the record's share of a whole
    (paid,) = read("Ngân sách huyện đã giải ngân 100%: 120.000.000 đồng")
    assert paid.shares == []
    # "tổng cộng cả 2 đợt": more than the records before it; no slip makes them its parts
    records = read(
        "Trong đợt 1, xã A nhận 120 suất, xã B nhận 80 suất; tổng cộng cả 2 đợt 300 suất."
    )
    assert all(not rec.children for rec in records)


# -- one total for several products on a line (_shared_amount) ---------------------------


def _priced(text: str) -> list[tuple[int | None, int | None, int | None, int]]:
    """(count, level, amount, parts) of each record of the line."""
    return [(r.count, r.level, r.amount, len(r.children)) for r in read_line(text, line=1).records]


def test_one_total_of_two_products_is_their_parent() -> None:
    text = "Đã chi trả 02 suất mức 600.000 đồng và 148 suất mức 300.000 đồng, tổng số tiền 45.600.000 đồng."
    (parent,) = read_line(text, line=1).records
    assert (parent.amount, parent.count) == (45_600_000, None)
    assert [(c.count, c.level, c.amount) for c in parent.children] == [
        (2, 600_000, None),
        (148, 300_000, None),
    ]


def test_a_total_that_is_the_last_product_stays_its_own() -> None:
    text = "Xã A 14 suất mức 600.000đ; xã B 82 suất mức 300.000đ, tổng 24.600.000đ."
    assert _priced(text) == [(14, 600_000, None, 0), (82, 300_000, 24_600_000, 0)]


@given(
    st.lists(
        st.tuples(st.integers(1, 999), st.sampled_from([200_000, 300_000, 600_000])),
        min_size=2,
        max_size=4,
    )
)
@example([(2, 600_000), (148, 300_000)])
def test_the_sum_of_products_is_read_as_one_total(pairs: list[tuple[int, int]]) -> None:
    """Σ count × level as the written total is the amount of all the products, unless it
    is also the last one's own product (the sum of the others is then 0: never)."""
    clauses = " và ".join(
        f"{count} suất mức {level:,} đồng".replace(",", ".") for count, level in pairs
    )
    whole = sum(count * level for count, level in pairs)
    text = f"Đã trao {clauses}, tổng số tiền {whole:,} đồng.".replace(",", ".")
    (parent,) = read_line(text, line=1).records
    assert parent.amount == whole
    assert [(c.count, c.level) for c in parent.children] == pairs


def test_a_slip_in_one_count_is_explained_by_the_shared_total() -> None:
    text = "Đã chi trả 02 suất mức 600.000 đồng và 184 suất mức 300.000 đồng, tổng số tiền 45.600.000 đồng."
    (parent,) = read_line(text, line=1).records  # 184 is 148 swapped: the sum, not 184 × 300.000
    assert parent.amount == 45_600_000


def test_a_round_total_of_products_is_their_parent_where_exact() -> None:
    # "tổng kinh phí 561 triệu đồng" after a ";": 64 × 600.000 + 1.742 × 300.000 exactly
    text = (
        "64 suất mức 600 nghìn đồng và 1.742 suất mức 300 nghìn đồng; tổng kinh phí {} triệu đồng."
    )
    (parent,) = read_line(text.format(561), line=1).records
    assert (parent.amount, len(parent.children)) == (561_000_000, 2)
    # not where only a slip would explain it: the round figure may stand for more
    assert len(read_line(text.format(562), line=1).records) == 2


# -- "trong đó" naming a few (names_a_few) ----------------------------------------------


def _first(text: str):  # type: ignore[no-untyped-def]
    return read_line(text, line=1).records[0]


def test_trong_do_parts_far_short_of_the_whole_name_a_few() -> None:
    text = "Nhà trường có 612 học sinh, trong đó 38 em thuộc hộ nghèo, 27 em thuộc hộ cận nghèo."
    assert names_a_few(_first(text), text)


@pytest.mark.parametrize(
    "text",
    [
        "Tổng số 1.256 người, trong đó: thương binh 500 người; thân nhân 656 người.",  # 756 slipped
        "Tổng số 1.256 người, trong đó: thương binh 500 người; thân nhân 756 người.",  # adds up
        "Tổng số 1.256 người, cụ thể: thương binh 500 người; thân nhân 56 người.",  # cụ thể: all
        "Tổng số 1.256 người, trong đó: thương binh 900 người; thân nhân 756 người.",  # over
    ],
)
def test_trong_do_parts_one_slip_short_or_over_stay_a_complete_breakdown(text: str) -> None:
    assert not names_a_few(_first(text), text)


def test_a_total_one_slip_from_both_readings_is_the_total_of_all() -> None:
    text = "Đã chi trả 02 suất mức 600.000 đồng và 148 suất mức 300.000 đồng, tổng số tiền 45.400.000 đồng."
    (parent,) = read_line(text, line=1).records  # 45.600.000 or 44.400.000: "tổng" says all
    assert len(parent.children) == 2


# -- clauses after a ";" ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "- Người có công: mức 500.000 đồng/người; 312 người; kinh phí 156.000.000 đồng.",
            [(312, 500_000, 156_000_000)],
        ),
        (
            "- Hộ nghèo: 148 hộ; mức 300.000 đồng/hộ; kinh phí 44.400.000 đồng.",
            [(148, 300_000, 44_400_000)],
        ),
        (
            "Trẻ em mồ côi: 6 cháu; 1.250.000 đồng/cháu; số tiền: 7.500.000 đồng",
            [(6, 1_250_000, 7_500_000)],
        ),
        # a clause naming what it is of, or a figure its record has, starts a record
        ("Xã Đông: 20 suất; xã Tây: 30 suất", [(20, None, None), (30, None, None)]),
        ("Xã Đông: 20 suất; 30 suất cho xã Tây", [(20, None, None), (30, None, None)]),
        (
            "Hộ nghèo: 148 hộ; kinh phí tỉnh 30.000.000 đồng",
            [(148, None, None), (None, None, 30_000_000)],
        ),
    ],
)
def test_a_clause_after_a_semicolon_naming_only_its_figure_goes_on(
    line: str, expected: list[tuple[int | None, int | None, int | None]]
) -> None:
    assert [figures(rec) for rec in read(line)] == expected


def test_a_total_after_semicolon_clauses_is_no_clause_of_the_last() -> None:
    # "tổng kinh phí" after two groups is theirs, not the second group's amount
    recs = read("Xã Đông: 20 suất; xã Tây: 30 suất; tổng kinh phí 15.000.000 đồng")
    assert [figures(rec) for rec in walk(recs)][-1] != (30, None, 15_000_000)


# -- a gift's worth, and a part's amount in brackets -------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "- Mừng thọ tuổi 70: 64 cụ, quà trị giá 200.000 đồng, thành tiền 12.800.000 đồng.",
        "- Nhóm A: 64 suất quà trị giá 200.000 đồng, tổng trị giá 12.800.000 đồng.",
        "- Tuổi 70: 64 cụ, mỗi cụ 01 thiếp chúc thọ và quà trị giá 200.000 đồng, thành tiền "
        "12.800.000 đồng.",
        # one typing slip in the total still leaves the worth a level: the product finds it
        "- Nhóm A: 64 suất quà trị giá 200.000 đồng, tổng trị giá 12.900.000 đồng.",
    ],
)
def test_a_worth_after_the_count_then_the_total_is_the_level(line: str) -> None:
    (rec,) = read(line)
    assert (rec.count, rec.level) == (64, 200_000)
    assert rec.amount in (12_800_000, 12_900_000)


def test_a_worth_the_count_does_not_make_the_total_stays_an_amount() -> None:
    # "tổng kinh phí" here holds more than the gifts: two amounts, no product
    recs = read("Tặng 64 suất quà trị giá 12.800.000 đồng, tổng kinh phí 13.500.000 đồng.")
    assert [figures(rec) for rec in recs] == [(64, None, 12_800_000), (None, None, 13_500_000)]


@pytest.mark.parametrize("cue", ["trong đó ", ""])
def test_a_part_amount_in_brackets_before_and_is_that_part_s(cue: str) -> None:
    line = (
        f"Xã đã trao 1.078 suất quà với tổng kinh phí 399.300.000 đồng, {cue}253 suất mức "
        "600.000 đồng (151.800.000 đồng) và 825 suất mức 300.000 đồng (247.500.000 đồng)."
    )
    parts = [figures(rec) for rec in walk(read(line)) if rec.count in (253, 825)]
    assert parts == [(253, 600_000, 151_800_000), (825, 300_000, 247_500_000)]


@pytest.mark.parametrize(
    "line",
    [
        # a total of more than the gifts, one slip from the product: no product, no error
        "Hội trao quà mừng thọ cho 64 cụ, quà trị giá 200.000 đồng, tổng kinh phí "
        "13.800.000 đồng (gồm cả tiền thiếp chúc thọ và chi tổ chức).",
        # the amount after two groups' clauses is the whole list's, not the last group's
        "Hộ nghèo: 148 hộ, mức 300.000 đồng/hộ; hộ cận nghèo: 60 hộ, mức 200.000 đồng/hộ; "
        "kinh phí 56.400.000 đồng.",
    ],
)
def test_an_amount_the_product_does_not_make_is_no_record_s_own(line: str) -> None:
    assert all(
        rec.amount is None or rec.level is None or rec.count is None for rec in walk(read(line))
    )


def test_a_total_said_to_hold_more_than_the_priced_parts_is_theirs_only_exactly() -> None:
    head = "Hỗ trợ cho 21 hộ, gồm 12 hộ nghèo, mức 1.000.000 đồng/hộ và 9 hộ cận nghèo, mức "
    wider = head + "500.000 đồng/hộ. Tổng số tiền hỗ trợ cả năm (gồm cả đợt Tết): 18.500.000 đồng."
    assert [rec.amount for rec in read(wider) if rec.count == 21] == [None]
    exact = head + "500.000 đồng/hộ. Tổng số tiền: 16.500.000 đồng."
    assert [rec.amount for rec in read(exact) if rec.count == 21] == [16_500_000]


def test_a_bracketed_amount_its_part_does_not_make_is_not_that_part_s() -> None:
    # 253 × 600.000 + 825 × 400.000 = 481.800.000: the whole's, not the second part's
    line = (
        "Hội đã trao 253 suất mức 600.000 đồng và 825 suất mức 400.000 đồng "
        "(481.800.000 đồng) và 10 chiếc xe lăn."
    )
    assert all(rec.amount != 481_800_000 or rec.count != 825 for rec in walk(read(line)))


# -- a level paid several times (_times_of) -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Hộ nghèo: 142 hộ x 3 tháng x 59.520 đồng = 25.355.520 đồng.",
            (142, 59_520, 25_355_520, 3),
        ),
        (
            "Hộ nghèo: 142 hộ × 3 tháng × 59.520 đồng = 25.355.520 đồng.",
            (142, 59_520, 25_355_520, 3),
        ),
        (
            "Chi cho 56 hộ nghèo, mức 59.520 đồng/hộ/tháng, trong 6 tháng, tổng số tiền 19.998.720 đồng.",
            (56, 59_520, 19_998_720, 6),
        ),
        (
            "Trợ cấp 20 người x 450.000 đồng/người/tháng x 12 tháng = 108.000.000 đồng.",
            (20, 450_000, 108_000_000, 12),
        ),
        ("Hỗ trợ 40 hộ x 2 năm x 150.000 đồng = 12.000.000 đồng.", (40, 150_000, 12_000_000, 2)),
        ("Hỗ trợ 40 hộ x 2 quý x 150.000 đồng = 12.000.000 đồng.", (40, 150_000, 12_000_000, 2)),
    ],
)
def test_a_level_paid_for_several_months_has_that_factor(
    text: str, expected: tuple[int, int, int, int]
) -> None:
    (rec,) = read(text)
    assert (rec.count, rec.level, rec.amount, rec.factor) == expected


# -- a measure of goods per count and its price (_goods_per_count, _priced_for) --------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Hỗ trợ tiền điện: 142 hộ x 30 kWh x 1.984 đồng/kWh = 8.451.840 đồng.",
            (142, 1_984, 8_451_840, 30, "kwh"),
        ),
        (
            "Cấp gạo cho 118 hộ x 15 kg x 12.000 đồng/kg = 21.240.000 đồng.",
            (118, 12_000, 21_240_000, 15, "kg"),
        ),
    ],
)
def test_a_measure_per_count_times_its_price_is_a_factor(
    text: str, expected: tuple[int, int, int, int, str]
) -> None:
    (rec,) = read(text)
    assert (rec.count, rec.level, rec.amount, rec.factor, rec.goods) == expected


@pytest.mark.parametrize(
    "text",
    [
        # the price of the rice, after the households: no level of theirs
        "Cấp 1.770 kg gạo cho 118 hộ (15 kg/hộ), trị giá 1.770 kg x 12.000 đồng/kg = 21.240.000 đồng.",
        # a price per kWh, the measure another unit
        "Hỗ trợ 142 hộ x 30 kg x 1.984 đồng/kWh = 8.451.840 đồng.",
        "Hỗ trợ 142 hộ, giá điện 1.984 đồng/kWh, tổng 8.451.840 đồng.",
    ],
)
def test_a_price_per_measure_is_no_level_of_the_count(text: str) -> None:
    recs = list(walk(read(text)))
    assert all(rec.level not in (12_000, 1_984) for rec in recs)
    assert all(rec.factor is None for rec in recs)


def test_a_price_per_measure_after_a_second_factor_is_no_level() -> None:
    # months and kWh: one factor is kept (months), the kWh price is then no level of the
    # households, never a product "25 × 2 × 1.984" against the amount
    recs = list(walk(read("Hỗ trợ 25 hộ x 2 tháng x 30 kWh x 1.984 đồng/kWh = 2.976.000 đồng.")))
    assert all(rec.level != 1_984 for rec in recs)


@pytest.mark.parametrize(
    "text",
    [
        # after the amount: when it was paid, not how often
        "Hộ nghèo: 142 hộ x 59.520 đồng = 8.451.840 đồng, trong 3 tháng.",
        # a level per household, then a duration not tied to it by a sign or a period
        "Chi cho 56 hộ nghèo, mức 59.520 đồng/hộ, trong 6 tháng qua, tổng số tiền 3.333.120 đồng.",
        # a level per month, the duration in another unit
        "Chi cho 56 hộ nghèo, mức 59.520 đồng/hộ/tháng, trong 2 năm, tổng số tiền 3.333.120 đồng.",
        # once changes nothing
        "Hộ nghèo: 142 hộ x 1 tháng x 59.520 đồng = 8.451.840 đồng.",
    ],
)
def test_a_duration_not_multiplied_gives_no_factor(text: str) -> None:
    assert all(rec.factor is None for rec in walk(read(text)))


@given(
    st.integers(1, 9_999),
    st.integers(2, 24),
    gift_levels,
    st.sampled_from(
        [
            "{count} hộ x {times} tháng x {level} đồng = {amount} đồng.",
            "{count} hộ × {times} tháng × {level} đồng: {amount} đồng.",
            "{count} người, mức {level} đồng/người/tháng, trong {times} tháng, tổng {amount} đồng.",
            "{count} người x {level} đồng/người/tháng x {times} tháng = {amount} đồng.",
        ]
    ),
)
@example(142, 3, 59_520, "{count} hộ x {times} tháng x {level} đồng = {amount} đồng.")
def test_every_months_product_is_read_with_its_factor(
    count: int, times: int, level: int, template: str
) -> None:
    text = template.format(
        count=grouped(count),
        times=times,
        level=grouped(level),
        amount=grouped(count * level * times),
    )
    (rec,) = read(text)
    assert (rec.count, rec.level, rec.factor) == (count, level, times)
    assert rec.count * rec.level * rec.factor == rec.amount


def test_an_amount_named_a_value_after_priced_parts_is_theirs_unless_the_last_s() -> None:
    """``…, trị giá …`` (no "tổng") after two priced records: theirs where Σ count ×
    level makes it, but for one slip, and the last one's product does not."""
    text = (
        "Quà của Chủ tịch nước gồm 356 suất mức 600.000 đồng và 1.090 suất mức 300.000 đồng,"
        " trị giá 540.600.000 đồng."
    )
    (parent,) = read(text)
    assert (parent.count, parent.amount) == (None, 540_600_000)
    assert [(c.count, c.level, c.amount) for c in parent.children] == [
        (356, 600_000, None),
        (1_090, 300_000, None),
    ]
    (slipped,) = read(text.replace("540.600.000", "540.900.000"))  # one slip off: theirs
    assert (slipped.amount, len(slipped.children)) == (540_900_000, 2)
    own = read(text.replace("540.600.000", "327.000.000"))  # the last one's own product
    assert [(r.count, r.amount) for r in own] == [(356, None), (1_090, 327_000_000)]


def test_a_total_of_priced_parts_after_an_earlier_amount_is_the_parts_own() -> None:
    """The money received is stated first; the gifts given, with their priced parts and
    their total, after it: the total is theirs, and the amount received stands apart."""
    text = (
        "Từ số tiền 90.000.000 đồng được ủng hộ, Hội đã trao 150 suất quà, gồm 50 suất mức"
        " 600.000 đồng và 100 suất mức 300.000 đồng, tổng trị giá 60.000.000 đồng."
    )
    received, given = read(text)
    assert (received.count, received.amount, received.children) == (None, 90_000_000, [])
    assert (given.count, given.amount) == (150, 60_000_000)
    assert [(c.count, c.level) for c in given.children] == [(50, 600_000), (100, 300_000)]
    # one slip off the parts' sum: the earlier amount keeps its place (nothing guessed)
    (whole,) = read(text.replace("60.000.000", "66.000.000"))
    assert whole.amount == 90_000_000


@pytest.mark.parametrize("unit", ["kg", "lít", "bao", "chiếc"])
def test_a_price_per_measure_of_goods_is_no_amount_and_is_listed(unit: str) -> None:
    """``giá gạo 14.500 đồng/kg`` above a list of communes' amounts had been one of their
    parts (a false sum error): it is the price of a measure, listed as not understood."""
    read_ = read_line(f"Giá gạo mua tại chỗ 14.500 đồng/{unit}.", line=1)
    assert read_.records == []
    assert [token.text for token in read_.unknown] == ["14.500 đồng"]
    (rec,) = read("Xã A: 82 hộ, trị giá 17.835.000 đồng/hộ nghèo.")  # a count unit: a level
    assert rec.level == 17_835_000


@pytest.mark.parametrize(
    "text",
    [
        # "nhân" also says "on the occasion of"
        "Tặng 200 suất nhân 77 năm Ngày Thương binh - Liệt sĩ, mức 500.000 đồng/suất, tổng 100.000.000 đồng.",
        "Thăm 50 hộ nghèo nhân 3 ngày Tết, mỗi hộ 200.000 đồng, tổng cộng 10.000.000 đồng.",
        # a sign after the count only, the level then given for the whole period
        "Hỗ trợ 142 hộ x 3 tháng, mức 178.560 đồng/hộ, tổng 25.355.520 đồng.",
        "Hỗ trợ 40 người x 2 năm 2024 - 2025, mức 150.000 đồng/người, tổng 6.000.000 đồng.",
        # an age, a date
        "Tặng quà 25 cháu x 36 tháng tuổi, mỗi cháu 200.000 đồng, tổng 5.000.000 đồng.",
    ],
)
def test_a_duration_without_a_chain_of_products_gives_no_factor(text: str) -> None:
    """Regressions of the review: each was consistent, then a false factor."""
    assert all(rec.factor is None for rec in walk(read(text)))


@pytest.mark.parametrize(
    ("text", "factor"),
    [
        ("Trợ cấp 12 người x 2 lần mức lương cơ sở x 2.340.000 đồng = 56.160.000 đồng.", 2),
        ("Thăm hỏi 15 cụ x 2 lần (Tết và 27/7), mỗi lần 500.000 đồng/cụ, tổng 15.000.000 đồng.", 2),
        ("Hỗ trợ 142 hộ nhân 3 tháng nhân 59.520 đồng = 25.355.520 đồng.", 3),
        ("Hỗ trợ 142 hộ x 59.520 đồng x 3 tháng = 25.355.520 đồng.", 3),
    ],
)
def test_a_chain_of_products_or_a_level_per_period_gives_the_factor(text: str, factor: int) -> None:
    (rec,) = read(text)
    assert rec.factor == factor
    assert (rec.count or 0) * (rec.level or 0) * factor == rec.amount


@pytest.mark.parametrize(
    "text",
    [
        "Kinh phí nhận từ ngân sách tỉnh: 145.000.000 đồng; đã chi 121.314.240 đồng; còn lại 23.685.760 đồng.",
        "Quỹ đã vận động được 60.000.000 đồng, chi trao quà 52.000.000 đồng, số dư 8.000.000 đồng.",
    ],
)
def test_received_spent_and_left_make_a_sum(text: str) -> None:
    """What came in is what was spent and what is left: a sum by the words, so that a
    slip in any of the three shows. They had stood alone, unchecked."""
    (received,) = read(text)
    spent, left = received.children
    assert received.amount == (spent.amount or 0) + (left.amount or 0)


def test_a_balance_over_two_lines_is_one_sum() -> None:
    from welfare_rules.audit.extract import extract_report

    text = "Kinh phí nhận: 145.000.000 đồng; đã chi 112.314.240 đồng;\ncòn lại 32.685.760 đồng.\n"
    (received,) = extract_report(text).report.nodes
    assert [child.line for child in received.children] == [1, 2]
    far = text.replace("\ncòn lại", "\nGhi chú.\nCòn lại")  # not on the next line: apart
    assert len(extract_report(far).report.nodes) == 3


def test_a_dot_leader_joins_a_label_to_its_figures() -> None:
    """``- Hộ nghèo ........ 45 suất ........ 13.500.000 đ``: the dots lead to the
    figures; the last one ended a sentence, so each figure had been a record of its own."""
    (rec,) = read("- Hộ nghèo ............. 45 suất ........ 13.500.000 đ")
    assert (rec.label, rec.count, rec.amount) == ("Hộ nghèo", 45, 13_500_000)
    (ellipsis,) = read("Hộ cận nghèo …… 30 suất …… 6.000.000 đ")
    assert (ellipsis.count, ellipsis.amount) == (30, 6_000_000)


def test_a_total_after_priced_parts_one_slip_from_the_parent_s_amount_restates_it() -> None:
    """``310 suất quà trị giá 184.000.000 đồng, gồm …, tổng cộng 148.000.000 đồng``: one
    figure written twice, with a swap (review 9, a03)."""
    text = (
        "Xã đã trao 310 suất quà trị giá 184.000.000 đồng, gồm 40 suất mức 1.000.000 đồng"
        " và 270 suất mức 400.000 đồng, tổng cộng 148.000.000 đồng."
    )
    (parent,) = read(text)
    assert (parent.amount, parent.restatements) == (184_000_000, [("amount", 148_000_000, 1)])


def test_a_value_after_a_lead_count_s_priced_parts_is_the_lead_s() -> None:
    text = (
        "Tỉnh đã trao 1.446 suất quà, gồm 356 suất mức 600.000 đồng và 1.090 suất mức"
        " 300.000 đồng, trị giá 540.600.000 đồng."
    )
    (lead,) = read(text)
    assert (lead.count, lead.amount, len(lead.children)) == (1_446, 540_600_000, 2)


@pytest.mark.parametrize(
    "text",
    [
        # an opening balance before them: four terms, not these three (review 10, b03)
        "Quỹ: số dư đầu năm 15.000.000 đồng; nhận 100.000.000 đồng; đã chi 90.000.000 đồng; còn lại 25.000.000 đồng.",
        # "chưa giải ngân" then "còn lại": a fourth amount beside them (b06)
        "Kinh phí được giao: 200.000.000 đồng; đã giải ngân 150.000.000 đồng; chưa giải ngân 30.000.000 đồng; còn lại 20.000.000 đồng.",
        # a loan balance is no money left (b07)
        "Vốn được cấp 50.000.000 đồng; đã chi 30.000.000 đồng; dư nợ vay 12.000.000 đồng.",
    ],
)
def test_amounts_that_are_no_received_spent_left_make_no_balance(text: str) -> None:
    assert all(not rec.children for rec in read(text))


def test_a_respected_elder_is_no_quarter() -> None:
    (rec,) = read("Chúc thọ 85 quý cụ, mỗi cụ 300.000 đồng, tổng kinh phí 25.500.000 đồng.")
    assert rec.factor is None


# -- products added up on one line (_priced_terms) ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "terms", "amount"),
    [
        (
            "- Người có công: 54 cụ x 500.000 đồng + 12 cụ x 700.000 đồng = 35.400.000 đồng",
            [(54, 500_000), (12, 700_000)],
            35_400_000,
        ),
        (
            "Tặng 10 suất x 1.000.000đ + 20 suất x 500.000đ + 5 suất x 300.000đ = 21.500.000đ.",
            [(10, 1_000_000), (20, 500_000), (5, 300_000)],
            21_500_000,
        ),
    ],
)
def test_products_added_up_are_the_parts_of_one_amount(
    text: str, terms: list[tuple[int, int]], amount: int
) -> None:
    # found by a probe: the last product took the sum as its amount (12 × 700.000 ≠
    # 35.400.000, a false error) and the first was left alone
    (rec,) = read(text)
    assert (rec.count, rec.level, rec.amount) == (None, None, amount)
    assert [(part.count, part.level, part.amount) for part in rec.children] == [
        (count, level, None) for count, level in terms
    ]
    assert rec.explicit
    assert rec.inline
    assert "=" not in rec.children[-1].label


@pytest.mark.parametrize(
    "text",
    [
        # one product, its amount: no sum
        "- Thân nhân liệt sĩ: 20 người x 300.000 đồng = 6.000.000 đồng",
        # two records, no "+" between them
        "Xã A 54 cụ x 500.000 đồng, xã B 12 cụ x 700.000 đồng = 8.400.000 đồng",
    ],
)
def test_products_not_added_up_stay_apart(text: str) -> None:
    recs = read(text)
    assert all(not rec.children for rec in recs)
    assert recs[-1].amount is not None
    assert recs[-1].count is not None


@given(
    st.lists(
        st.tuples(st.integers(min_value=1, max_value=9_999), gift_levels), min_size=2, max_size=4
    )
)
@example([(54, 500_000), (12, 700_000)])
def test_products_added_up_keep_every_figure(terms: list[tuple[int, int]]) -> None:
    total = sum(count * level for count, level in terms)
    written = " + ".join(f"{grouped(count)} cụ x {grouped(level)} đồng" for count, level in terms)
    (rec,) = read(f"Kinh phí: {written} = {grouped(total)} đồng.")
    assert rec.amount == total
    assert [(part.count, part.level) for part in rec.children] == terms


@pytest.mark.parametrize(
    ("text", "figures_", "again"),
    [
        (
            "1. Mức 600.000 đồng: 29 suất x 600.000 đồng = 17.400.000 đồng",
            (29, 600_000, 17_400_000),
            [("level", 600_000, 1)],
        ),
    ],
)
def test_a_level_written_again_in_its_product_is_one_record(
    text: str, figures_: tuple[int, int, int], again: list[tuple[str, int, int]]
) -> None:
    # found by a probe: the product was a second record, so the section's parts were
    # read twice and its total found wrong (a false error)
    (rec,) = read(text)
    assert figures(rec) == figures_
    assert rec.restatements == again


def test_another_level_after_a_count_is_another_record() -> None:
    recs = read("Mức 600.000 đồng: 29 suất; mức 300.000 đồng: 12 suất.")
    assert [(rec.count, rec.level) for rec in recs] == [(29, 600_000), (12, 300_000)]
    # found by review: a level per round after the level per household is no slip of it
    recs = read("Mức hỗ trợ 600.000 đồng/hộ: 20 hộ x 300.000 đồng x 2 đợt = 12.000.000 đồng.")
    assert all(rec.restatements == [] for rec in walk(recs))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "1.247 người x hệ số 1,5 x 500.000 đồng = 935.250.000 đồng;",
            (1_247, 500_000, 935_250_000, 3, 2),
        ),
        (
            "- Trẻ em mồ côi: 12 em x hệ số 2,5 x mức chuẩn 500.000 đồng = 15.000.000 đồng",
            (12, 500_000, 15_000_000, 5, 2),
        ),
        (
            "37 người x hệ số 3,0 x 500.000 đồng = 55.500.000 đồng",
            (37, 500_000, 55_500_000, 3, None),
        ),
    ],
)
def test_a_coefficient_between_count_and_level_is_a_factor_with_its_divisor(
    text: str, expected: tuple[int, int, int, int, int | None]
) -> None:
    # found by a probe: "hệ số 1,5" was not understood and every row a false error
    read_ = read_line(normalize_text(text), line=1)
    (rec,) = read_.records
    assert (rec.count, rec.level, rec.amount, rec.factor, rec.factor_per) == expected
    assert read_.unknown == []


@pytest.mark.parametrize(
    "text",
    [
        "Hệ số 1,5 áp dụng cho 1.247 người, mức 500.000 đồng.",  # no sign: not in the product
        "1.247 người x hệ số 1,5; mức chuẩn 500.000 đồng.",  # no sign after it
    ],
)
def test_a_coefficient_outside_a_product_is_listed_as_not_understood(text: str) -> None:
    read_ = read_line(normalize_text(text), line=1)
    assert all(rec.factor is None for rec in read_.records)
    assert [token.text for token in read_.unknown] == ["1,5"]


@pytest.mark.parametrize(
    ("text", "whole", "parts"),
    [
        (
            "Tồn quỹ cuối kỳ: 48.350.000 + 126.700.000 - 127.600.000 = 47.450.000 đồng.",
            47_450_000,
            [(48_350_000, False), (126_700_000, False), (127_600_000, True)],
        ),
        (
            "Còn lại: 200.000.000 - 120.000.000 + 5.000.000 - 15.000.000 = 70.000.000 đồng.",
            70_000_000,
            [(200_000_000, False), (120_000_000, True), (5_000_000, False), (15_000_000, True)],
        ),
        # only minus signs: the first is the sum of the others, as before
        (
            "Còn thiếu: 2.193.200.000 đồng - 1.806.800.000 đồng = 386.400.000 đồng.",
            2_193_200_000,
            [(1_806_800_000, False), (386_400_000, False)],
        ),
    ],
)
def test_a_balance_written_out_takes_off_the_terms_after_a_minus(
    text: str, whole: int, parts: list[tuple[int, bool]]
) -> None:
    # found by a probe: "a + b - c = d" was no sum at all (a slip in the balance passed)
    from welfare_rules.audit._money_unit import unit_of_result
    from welfare_rules.audit._normalize import read_lines

    (line,) = read_lines(text)
    recs = read_line(unit_of_result(line).text, line=1).records
    (rec,) = recs
    assert rec.amount == whole
    assert [(part.amount, part.subtracted) for part in rec.children] == parts


def test_a_decimal_between_two_signs_is_a_coefficient_without_its_name() -> None:
    read_ = read_line(
        normalize_text("1.246 người × 1,5 × 500.000 đồng = 934.500.000 đồng;"), line=1
    )
    (rec,) = read_.records
    assert (rec.count, rec.level, rec.amount, rec.factor, rec.factor_per) == (
        1_246,
        500_000,
        934_500_000,
        3,
        2,
    )
    # a whole number between two signs is no coefficient unless named (a period has its unit)
    whole = read_line(normalize_text("12 người × 3 × 500.000 đồng = 18.000.000 đồng;"), line=1)
    assert all(rec.factor is None for rec in whole.records)


def test_a_coefficient_named_in_the_label_is_the_product_s() -> None:
    text = "a) Nhóm hệ số 1,5: 1.246 người × 1,5 × 500.000 đồng = 934.500.000 đồng;"
    read_ = read_line(normalize_text(text), line=1)
    assert read_.unknown == []  # the label's 1,5 is the product's factor
    other = "a) Nhóm hệ số 2,5: 1.246 người × 1,5 × 500.000 đồng = 934.500.000 đồng;"
    assert [token.text for token in read_line(normalize_text(other), line=1).unknown] == ["2,5"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # found by review: a whole coefficient became the count and the count was lost
        ("15 hộ x hệ số 3 x 500.000 đồng = 22.500.000 đồng.", (15, 500_000, 22_500_000, 3, None)),
        ("15 hộ x hệ số 2 x 500.000 đồng = 15.000.000 đồng.", (15, 500_000, 15_000_000, 2, None)),
    ],
)
def test_a_whole_coefficient_named_is_a_factor(
    text: str, expected: tuple[int, int, int, int, int | None]
) -> None:
    (rec,) = read(text)
    assert (rec.count, rec.level, rec.amount, rec.factor, rec.factor_per) == expected


def test_products_added_up_may_name_each_term() -> None:
    # found by review: "+ bệnh binh 4 người x …" was no term, and the sum the last
    # product's amount (a confident wrong "7.600.000 → 1.600.000")
    text = "Quà Tết: thương binh 10 người x 600.000 đồng + bệnh binh 4 người x 400.000 đồng = 7.600.000 đồng."
    (rec,) = read(text)
    assert rec.amount == 7_600_000
    assert [(part.count, part.level) for part in rec.children] == [(10, 600_000), (4, 400_000)]


def test_a_parts_word_after_a_new_subject_gives_no_parts_of_the_last_sentence() -> None:
    # "Quà của tỉnh gồm 6.655 suất": the sentence's own subject, no part of the one before
    text = (
        "Quà của Chủ tịch nước gồm 2.755 suất với kinh phí 847.800.000 đồng, đã chi trả xong. "
        "Quà của tỉnh gồm 6.655 suất với kinh phí 2.546.300.000 đồng."
    )
    records = read_line(text, line=1).records
    assert [(rec.label, rec.count, rec.children) for rec in records] == [
        ("Quà của Chủ tịch nước", 2755, []),
        ("Quà của tỉnh", 6655, []),
    ]
    # a sentence opening with the word still gives the last record's parts
    (total,) = read_line("Tổng số 500 suất. Trong đó: NCC 300 suất, BTXH 200 suất.", line=1).records
    assert [part.count for part in total.children] == [300, 200]


def test_a_bracket_rounding_a_figure_is_its_bound_and_the_parts_stay_its() -> None:
    # "(làm tròn 0,6 tỷ đồng)" had been a record of its own, taking the parts after it
    text = (
        "Huyện đã mừng thọ cho 4.395 cụ với tổng kinh phí 579.000.000 đồng (làm tròn 0,6 tỷ "
        "đồng). Cụ thể: tuổi 70: 3.000 cụ, mức 100.000 đồng/cụ, thành tiền 300.000.000 đồng; "
        "tuổi 80: 1.395 cụ, mức 200.000 đồng/cụ, thành tiền 279.000.000 đồng."
    )
    (lead,) = read_line(text, line=1).records
    assert (lead.count, lead.amount, len(lead.children)) == (4395, 579_000_000, 2)
    assert lead.bounds == [("amount", 600_000_000, "rounded", 100_000_000, 1)]
    # written in full, it is rounded to its last nonzero digit, not exact
    (lead,) = read_line(text.replace("0,6 tỷ", "600.000.000"), line=1).records
    assert lead.bounds == [("amount", 600_000_000, "rounded", 100_000_000, 1)]


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # each gift's level after the amount and the count: the record's
        (
            "Tỉnh dành 15,703 tỷ đồng tặng 31.406 suất quà cho hộ nghèo, mỗi suất 500 nghìn đồng.",
            500_000,
        ),
        # one slip off the product: still its level (the slip is then found)
        ("Huyện chi 48.000.000 đồng tặng 160 suất quà, mỗi suất 400.000 đồng.", 400_000),
        # far off it: another figure, not this record's level
        ("Huyện chi 48.000.000 đồng tặng 160 suất quà, mỗi suất 750.000 đồng.", None),
    ],
)
def test_each_gifts_level_after_the_amount_is_the_records(text: str, level: int | None) -> None:
    first = read_line(text, line=1).records[0]
    assert first.level == level
