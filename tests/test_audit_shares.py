"""Percentages checked against the figures they divide (audit/shares.py, audit/_shares.py)."""

from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from welfare_rules.audit._shares import of_plan
from welfare_rules.audit.read import Document, audit_document

PERCENT_COLUMN = """\
Toàn xã hiện có 2.000 người cao tuổi.

| Độ tuổi | Số người | Tỷ lệ so với tổng số NCT (%) | Mức quà (đồng/người) | Thành tiền (đồng) |
|---|---:|---:|---:|---:|
| 70 | 100 | 5,00 | 300.000 | 30.000.000 |
| 80 | 50 | 2,50 | 400.000 | 20.000.000 |
| 90 | 23 | 1,15 | 500.000 | 11.500.000 |
| **Tổng cộng** | **173** | **8,65** | | **61.500.000** |
"""


def _errors(text: str) -> list:  # type: ignore[type-arg]
    audit = audit_document(Document.from_text(text, name="x.md"))
    return [f for f in audit.result.findings if f.severity == "error"]


def test_a_percentage_column_of_a_count_stated_before_the_table_holds() -> None:
    assert _errors(PERCENT_COLUMN) == []
    audit = audit_document(Document.from_text(PERCENT_COLUMN, name="x.md"))
    assert audit.complete
    assert not audit.unparsed  # ages and percentages are accounted for


def test_a_wrong_percentage_is_corrected_in_its_decimals() -> None:
    (finding,) = _errors(PERCENT_COLUMN.replace("| 1,15 |", "| 1,51 |"))
    assert finding.kind == "share_mismatch"
    assert (finding.line, finding.reported, finding.suggested) == (
        7,
        Decimal("1.51"),
        Decimal("1.15"),
    )
    assert finding.to_dict()["suggested"] == 1.15  # JSON numbers


def test_a_share_named_by_its_part() -> None:
    text = (
        "1. Quà của tỉnh\n"
        "- Hộ nghèo: 10 suất x 500.000 đồng = 5.000.000 đồng.\n"
        "Cộng quà của tỉnh: 10 suất, kinh phí 5.000.000 đồng.\n"
        "2. Quà của huyện\n"
        "- Hộ cận nghèo: 30 suất x 500.000 đồng = 15.000.000 đồng.\n"
        "Cộng quà của huyện: 30 suất, kinh phí 15.000.000 đồng.\n"
        "Tổng cộng: 40 suất, kinh phí 20.000.000 đồng; trong đó quà của tỉnh chiếm 25% tổng kinh phí.\n"
    )
    assert _errors(text) == []
    (finding,) = _errors(text.replace("chiếm 25%", "chiếm 52%"))
    assert (finding.reported, finding.suggested) == (Decimal(52), Decimal(25))


def test_a_share_of_the_total_named_before_it_on_the_line() -> None:
    text = "Công ty A tổng số 3.899 người, đi làm 3.418 người đạt tỷ lệ 87,66% quân số.\n"
    assert _errors(text) == []
    (finding,) = _errors(text.replace("87,66", "86,76"))
    assert finding.suggested == Decimal("87.66")


@given(st.integers(min_value=1, max_value=10_000), st.integers(min_value=1, max_value=10_000))
@example(388, 16_000)
def test_the_rounded_share_always_holds(part: int, extra: int) -> None:
    whole = part + extra
    percent = f"{round(Decimal(part) * 100 / whole, 1):.1f}".replace(".", ",")
    text = f"Tổng số {whole} người, trong đó {part} người ({percent}%).\n"
    assert [f for f in _errors(text) if f.kind == "share_mismatch"] == []


PROSE = "Công ty có tổng số {whole} người, đi làm {part} người đạt tỷ lệ {percent}%."


def test_a_whole_one_slip_off_is_the_correction_of_a_share() -> None:
    (finding,) = _errors(PROSE.format(whole="3.989", part="3.418", percent="87,66"))
    assert finding.kind == "share_mismatch"
    assert (finding.field, finding.reported, finding.suggested) == ("count", 3989, 3899)
    assert finding.family == "digits_swapped"
    assert "3.989 → 3.899" in finding.message.vi


def test_a_part_one_slip_off_is_the_correction_of_a_share() -> None:
    (finding,) = _errors(PROSE.format(whole="3.899", part="3.481", percent="87,66"))
    assert (finding.reported, finding.suggested) == (3481, 3418)
    assert "the part 3.481 → 3.418" in finding.message.en


def test_several_explanations_of_a_share_are_candidates_not_a_correction() -> None:
    (finding,) = _errors(PROSE.format(whole="20", part="12", percent="50"))
    assert finding.suggested is None
    assert {(c.field, c.value) for c in finding.candidates} == {("count", 10), ("count", 24)}
    assert "3 corrections" in finding.message.en


def test_a_figure_another_check_holds_is_not_the_shares_correction() -> None:
    # the whole is also the sum of two parts that hold: only the percentage can be wrong
    text = "Tổng số 400 người, trong đó: nam 100 người (chiếm 35%); nữ 300 người.\n"
    (finding,) = _errors(text)
    assert (finding.reported, finding.suggested) == (Decimal("35"), Decimal("25"))


COLUMN_AGAINST_TOTAL = """\
| Đối tượng | Số suất | Tỷ lệ (%) | Mức quà | Thành tiền |
|---|---:|---:|---:|---:|
| Hộ nghèo | 43 | 50,6 | 500.000 | 21.500.000 |
| Hộ cận nghèo | 42 | 49,4 | 300.000 | 12.600.000 |
| Tổng cộng | 85 | 100 | | 34.100.000 |
"""


def test_a_percentage_column_against_the_total_row_finds_its_wrong_row() -> None:
    # the total's own 100 % says nothing of the whole: one right row of two is enough
    assert _errors(COLUMN_AGAINST_TOTAL) == []
    (finding,) = _errors(COLUMN_AGAINST_TOTAL.replace("| 50,6 |", "| 60,6 |"))
    assert (finding.line, finding.reported, finding.suggested) == (
        3,
        Decimal("60.6"),
        Decimal("50.6"),
    )


def test_a_percentage_column_no_whole_explains_is_not_passed_over() -> None:
    text = COLUMN_AGAINST_TOTAL.replace("| 50,6 |", "| 70,6 |").replace("| 49,4 |", "| 39,4 |")
    audit = audit_document(Document.from_text(text, name="x.md"))
    assert audit.status == 3
    assert [item.numbers for item in audit.unparsed] == [("70,6",), ("39,4",), ("100",)]


FUNDING_SPLIT = """\
Tổng kinh phí tặng quà: 1.250.000.000 đồng, trong đó ngân sách tỉnh 60%, ngân sách huyện 40%, cụ thể:
- Ngân sách tỉnh: 750.000.000 đồng;
- Ngân sách huyện: 500.000.000 đồng.
"""


def test_each_percentage_of_a_split_names_its_own_part() -> None:
    # the 40% once took "tỉnh … huyện" as its name and was checked against the 60% part
    assert _errors(FUNDING_SPLIT) == []
    (finding,) = _errors(FUNDING_SPLIT.replace("huyện 40%", "huyện 45%"))
    assert (finding.kind, finding.reported, finding.suggested) == (
        "share_mismatch",
        Decimal("45"),
        Decimal("40"),
    )


def test_a_percentage_naming_two_parts_as_well_is_not_checked() -> None:
    text = FUNDING_SPLIT.replace("ngân sách huyện 40%", "ngân sách 40%")
    assert _errors(text) == []


def test_a_share_naming_the_unit_of_a_count_before_it_divides_that_count() -> None:
    text = "Toàn huyện có 21.374 người cao tuổi; 19.806 hội viên (chiếm 97,2% số người cao tuổi)."
    (finding,) = _errors(text)  # 19.806 / 21.374 = 92,7 %: once passed over, exit 0
    assert (finding.kind, finding.expected) == ("share_mismatch", Decimal("92.7"))
    assert _errors(text.replace("97,2%", "92,7%")) == []


def test_a_share_naming_two_parts_as_well_is_listed_as_not_understood() -> None:
    text = (
        "Tổng kinh phí: 100.000.000 đồng, trong đó hộ nghèo 65%, hộ cận nghèo 40%, cụ thể:\n"
        "- Hộ nghèo: 60.000.000 đồng;\n- Hộ cận nghèo: 40.000.000 đồng.\n"
    )
    audit = audit_document(Document.from_text(text, name="x.txt"))
    assert "65%" in [number for line in audit.unparsed for number in line.numbers]
    assert not audit.complete  # once "đã kiểm tra đủ", exit 0


@pytest.mark.parametrize(
    "text",
    [
        "Kế hoạch giao 5.299 suất quà; toàn huyện đã trao 5.502 suất, đạt {pct}% kế hoạch.",
        "Chỉ tiêu được giao: 5.299 suất.\nĐã trao 5.502 suất, bằng {pct}% so với kế hoạch.",
    ],
)
def test_a_percentage_of_the_plan_is_the_share_of_the_plan_s_figure(text: str) -> None:
    """``đạt 103,8% kế hoạch``: done ÷ plan, the plan being the record that names it.
    It had been dropped without a word."""
    right = audit_document(Document.from_text(text.format(pct="103,8"), name="x.txt"))
    assert [f for f in right.result.findings if f.severity == "error"] == []
    wrong = audit_document(Document.from_text(text.format(pct="130,8"), name="x.txt"))
    (finding,) = [f for f in wrong.result.findings if f.severity == "error"]
    assert finding.kind == "share_mismatch"


def test_of_plan_reads_only_words_naming_the_plan() -> None:
    assert all(map(of_plan, [" kế hoạch, kinh phí", " so với kế hoạch", " KH"]))
    assert not any(map(of_plan, [" tổng kinh phí", " khó khăn", " số người cao tuổi"]))


SHARES_OF_THE_FIRST = (
    "Xã có 1.247 hộ dân; theo kết quả rà soát có 127 hộ nghèo (10,2%) và 214 hộ cận nghèo "
    "({share}).\n"
)


def test_shares_in_brackets_are_of_the_one_larger_count_before_them() -> None:
    # found by a probe: the shares had no whole, so a wrong one was never found
    right = audit_document(Document.from_text(SHARES_OF_THE_FIRST.format(share="17,2%"), name="x"))
    assert right.result.findings == ()
    assert right.unchecked == ()
    (error,) = _errors(SHARES_OF_THE_FIRST.format(share="12,7%"))
    assert (error.reported, error.suggested) == (Decimal("12.7"), Decimal("17.2"))


@pytest.mark.parametrize(
    "text",
    [
        # two larger counts in the unit before it: which whole is not said
        "Xã có 1.247 hộ, thôn A có 300 hộ; có 127 hộ nghèo (12,7%).\n",
        # a larger count of another unit
        "Xã có 5.120 người; có 127 hộ nghèo (12,7%).\n",
    ],
)
def test_a_share_with_no_one_whole_of_its_unit_is_never_an_error(text: str) -> None:
    assert _errors(text) == []


@pytest.mark.parametrize(
    "text",
    [
        # found by review: each gave a confident wrong "correction" of a right percentage
        "Huyện có 12.000 người cao tuổi; dịp Tết đã tặng quà cho 1.250 người có công (đạt 100%).\n",
        "Xã có 1.250 hộ; năm nay giảm 18 hộ (12,4%) so với năm 2025.\n",
        "Xã có 1.250 người cao tuổi; năm nay tăng 50 người (4,2%) so với năm trước.\n",
    ],
)
def test_a_share_not_bare_in_its_bracket_is_no_share_of_the_larger_count(text: str) -> None:
    assert _errors(text) == []


PROVINCE = (
    "Quà của Chủ tịch nước được trao cho 9.812 người có công, tổng kinh phí 3.298.800.000 đồng. "
    "Tỉnh dành 15,703 tỷ đồng tặng 31.406 suất quà cho hộ nghèo, mỗi suất 500 nghìn đồng. "
    "Quỹ Bảo trợ trẻ em tỉnh trao thêm 1.200 suất quà, mỗi suất 400 nghìn đồng, tổng cộng 480 "
    "triệu đồng.\n\nNhư vậy, toàn tỉnh đã trao 42.418 suất quà, trong đó quà của tỉnh chiếm {}% "
    "số suất.\n"
)


def test_a_share_named_only_by_words_every_gift_holds_names_no_part() -> None:
    # "quà của tỉnh": "quà của" is in the first gift's name too, "tỉnh" in two others':
    # the share had been taken of the first (a false "74% ≠ 23%")
    assert _errors(PROVINCE.format(74)) == []
    audit = audit_document(Document.from_text(PROVINCE.format(74), name="p.txt"))
    assert audit.status == 3  # which part is meant is not said: not checked, and said so
