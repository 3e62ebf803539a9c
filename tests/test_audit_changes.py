"""Tests for audit/_changes.py: a change between periods read as a sum, only when stated in full."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from welfare_rules import reconcile
from welfare_rules.audit.extract import extract_report
from welfare_rules.audit.read import Document, audit_document
from welfare_rules.audit.report import Node

_SAME_LINE = "Năm nay cả xã trao {now} suất quà, tăng {by} suất so với năm 2023 ({before} suất)."
_PERIODS = """Kinh phí hai năm:
- Năm 2024: 420 suất x 500.000 đồng = 210.000.000 đồng.
- Năm 2023: 400 suất x 450.000 đồng = 180.000.000 đồng.
Kinh phí năm 2024 tăng {by} đồng, tương đương tăng {percent}% so với năm 2023.
"""


def _shape(node: Node) -> list[object]:
    figure = node.amount if node.amount is not None else node.count
    return [node.line, figure, [_shape(child) for child in node.children]]


def test_an_increase_on_one_line_is_a_sum() -> None:
    report = extract_report(_SAME_LINE.format(now="3.150", by="338", before="2.812")).report
    (later,) = report.nodes
    assert (later.count, [child.count for child in later.children]) == (3150, [2812, 338])
    assert reconcile(report).findings == ()


def test_a_swapped_change_is_found_and_corrected() -> None:
    text = _SAME_LINE.format(now="3.150", by="383", before="2.812")
    (finding,) = reconcile(extract_report(text).report).findings
    assert (finding.line, finding.reported, finding.suggested) == (1, 383, 338)


def test_a_decrease_makes_the_earlier_figure_the_whole() -> None:
    text = "Năm 2024 trao 95 suất, giảm 5 suất so với năm 2023 (100 suất)."
    (earlier,) = extract_report(text).report.nodes
    assert (earlier.count, [child.count for child in earlier.children]) == (100, [95, 5])


def test_periods_named_on_the_line_find_their_records_above() -> None:
    report = extract_report(_PERIODS.format(by="30.000.000", percent="16,7")).report
    assert [_shape(node) for node in report.nodes] == [
        [2, 210_000_000, [[3, 180_000_000, []], [4, 30_000_000, []]]]
    ]
    assert reconcile(report).findings == ()
    # the percentage is the change's share of the earlier year: 25,4% is found wrong
    text = _PERIODS.format(by="30.000.000", percent="25,4")
    wrong = audit_document(Document.from_text(text, name="report.txt"))
    assert [(f.kind, f.line) for f in wrong.result.findings] == [("share_mismatch", 4)]


@given(
    st.integers(min_value=1, max_value=50_000),
    st.integers(min_value=0, max_value=50_000),
    st.booleans(),
)
@example(2812, 338, True)
@example(100, 5, False)
def test_a_change_written_right_is_never_an_error(before: int, by: int, rising: bool) -> None:
    now = before + by if rising else max(0, before - by)
    by = now - before if rising else before - now
    word = "tăng" if rising else "giảm"
    text = f"Đã trao {now:,} suất, {word} {by:,} suất so với năm 2023 ({before:,} suất).".replace(
        ",", "."
    )
    result = reconcile(extract_report(text).report)
    assert not result.by_severity("error")


def test_nothing_is_linked_without_the_whole_statement() -> None:
    texts = [
        "Đã trao 3.150 suất, tăng 338 suất so với cùng kỳ.",  # no earlier figure
        "Đã trao 3.150 suất, tăng 12% so với năm 2023 (2.812 suất).",  # no change figure
        "Đã trao khoảng 3.150 suất, tăng 338 suất so với năm 2023 (2.812 suất).",  # hedged
        "Đã trao 3.150 suất, tăng 338 hộ so với năm 2023 (2.812 suất).",  # another unit
        "Đã trao 3.150 suất, 338 suất so với năm 2023 (2.812 suất).",  # no tăng/giảm
    ]
    for text in texts:
        report = extract_report(text).report
        assert all(not node.children for node in report.nodes), text


def _errors(text: str) -> list[str]:
    audited = audit_document(Document.from_text(text, name="report.txt"))
    return [f.kind for f in audited.result.findings if f.severity == "error"]


_TWO_YEARS = (
    "Kinh phí hai năm:\n"
    "- Năm 2024: 420 suất x 500.000 đồng = 210.000.000 đồng.\n"
    "- Năm 2023: 400 suất x 450.000 đồng = 180.000.000 đồng.\n"
)


def test_only_the_period_stands_between_so_voi_and_the_earlier_figure() -> None:
    # found in review: any later figure of the kind was taken for the earlier period
    texts = [
        "Đã trao 3.150 suất, tăng 338 suất so với năm 2023, đạt 105% kế hoạch (3.000 suất).",
        "Năm 2024 đã trao 3.150 suất, tăng 338 suất so với năm 2023; riêng hộ nghèo nhận 2.000 suất.",
        "Kinh phí đã chi 210.000.000 đồng, tăng 30.000.000 đồng so với năm trước, mỗi xã được"
        " hỗ trợ thêm 5.000.000 đồng.",
    ]
    for text in texts:
        assert _errors(text) == [], text


def test_a_change_of_a_part_or_of_a_level_is_no_change_of_the_total() -> None:
    # found in review: the periods' records were taken whatever the line's subject
    for line in (
        "Số suất quà cho hộ nghèo năm 2024 tăng 12 suất so với năm 2023.",
        "Mức quà năm 2024 tăng 50.000 đồng so với năm 2023.",
        "Kinh phí ngân sách tỉnh năm 2024 tăng 10.000.000 đồng so với năm 2023.",
    ):
        assert _errors(_TWO_YEARS + line) == [], line
    assert _errors(_TWO_YEARS + "Tổng kinh phí năm 2024 tăng 20.000.000 đồng so với năm 2023.")


def test_a_change_read_among_a_totals_parts_is_taken_out_of_them() -> None:
    # found in review: the change and its earlier figure were parts of the total on their
    # line ("200 → 400", a confident wrong correction)
    for text in (
        "Tổng số 200 suất gồm 120 suất hộ nghèo và 80 suất người có công, tăng 15 suất so"
        " với năm 2023 (185 suất).",
        "Tổng kinh phí 210.000.000 đồng, trong đó ngân sách tỉnh 150.000.000 đồng, tăng"
        " 30.000.000 đồng so với năm 2023 (180.000.000 đồng).",
    ):
        assert _errors(text) == [], text
    (total, *_rest) = extract_report(
        "Tổng số 200 suất gồm 120 suất hộ nghèo và 80 suất người có công, tăng 15 suất so"
        " với năm 2023 (185 suất)."
    ).report.nodes
    assert [child.count for child in total.children] == [120, 80]
