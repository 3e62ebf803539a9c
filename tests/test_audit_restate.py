"""Lone totals, hedged leads and amounts in words attached to what they restate
(audit/_restate.py), read through extract_report in the styles reports use."""

import pytest

from welfare_rules.audit.extract import extract_report
from welfare_rules.audit.read import Document, audit_document

CLOSING_TOTALS = """\
1. Quà từ Quỹ vì người nghèo
- Hộ nghèo: 20 suất x 500.000 đồng = 10.000.000 đồng.
- Hộ cận nghèo: 10 suất x 400.000 đồng = 4.000.000 đồng.
Cộng: 30 suất = 14.000.000 đồng.
2. Quà của doanh nghiệp
- Công ty A: 5 suất x 600.000 đồng = 3.000.000 đồng.
- Công ty B: 5 suất x 200.000 đồng = 1.000.000 đồng.
Cộng: 10 suất = 4.000.000 đồng.
Tổng cộng (1 + 2): 40 suất = 18.000.000 đồng.
Tổng kinh phí trao quà: 18.000.000 đồng
(Bằng chữ: Mười tám triệu đồng).
"""


def _audit(text: str):  # type: ignore[no-untyped-def]
    return audit_document(Document.from_text(text, name="x.txt"))


def test_closing_totals_take_their_parts_and_the_grand_total_takes_them() -> None:
    (grand,) = extract_report(CLOSING_TOTALS).report.nodes
    assert (grand.count, grand.amount) == (40, 18_000_000)
    assert [child.count for child in grand.children] == [30, 10]
    assert [len(child.children) for child in grand.children] == [2, 2]
    restated = sorted(r.value for r in grand.restatements)
    assert restated == [18_000_000, 18_000_000]  # the lone total and its words


def test_the_consistent_report_is_complete() -> None:
    audit = _audit(CLOSING_TOTALS)
    assert audit.result.ok
    assert audit.complete
    assert audit.status == 0


def test_words_that_disagree_are_found_on_their_line() -> None:
    text = CLOSING_TOTALS.replace("Mười tám triệu", "Mười sáu triệu")
    (finding,) = [f for f in _audit(text).result.findings if f.severity == "error"]
    assert (finding.line, finding.reported) == (11, 16_000_000)
    fixes = {finding.suggested} | {candidate.value for candidate in finding.candidates}
    assert 18_000_000 in fixes


def test_a_typo_in_a_closing_total_is_corrected_not_rebuilt_around() -> None:
    text = CLOSING_TOTALS.replace("Cộng: 10 suất = 4.000.000", "Cộng: 10 suất = 40.000.000")
    (finding,) = [f for f in _audit(text).result.findings if f.severity == "error"]
    assert (finding.line, finding.reported, finding.suggested) == (8, 40_000_000, 4_000_000)


HEDGED_LEAD = """\
Các xã đã chi trả quà cho hơn 1.400 đối tượng, với tổng kinh phí 1,3 tỷ đồng, cụ thể:
1. Quà của tỉnh
a) Đối tượng bảo trợ: 1.000 đối tượng, mức 1.000.000 đồng/người, tổng 1.000.000.000 đồng.
b) Hộ nghèo: 410 hộ, mỗi hộ 600 ngàn đồng, thành tiền 246.000.000 đồng.
Tổng cộng: 1.410 suất, kinh phí 1.246.000.000 đồng.
"""


def test_a_hedged_and_rounded_lead_restates_the_grand_total_as_bounds() -> None:
    (grand,) = extract_report(HEDGED_LEAD).report.nodes
    assert grand.amount == 1_246_000_000
    kinds = sorted((bound.field, bound.hedge) for bound in grand.bounds)
    assert kinds == [("amount", "rounded"), ("count", "more")]
    audit = _audit(HEDGED_LEAD)
    assert audit.result.ok
    assert audit.complete


def test_a_rounded_lead_that_does_not_round_is_corrected_in_its_own_precision() -> None:
    text = HEDGED_LEAD.replace("1,3 tỷ", "3,1 tỷ")
    (finding,) = [f for f in _audit(text).result.findings if f.severity == "error"]
    assert (finding.line, finding.reported, finding.suggested) == (
        1,
        3_100_000_000,
        1_300_000_000,
    )  # 1,246 rounded up


def test_a_hedge_that_does_not_fit_is_a_warning_never_an_error() -> None:
    text = HEDGED_LEAD.replace("hơn 1.400", "hơn 2.400")
    findings = _audit(text).result.findings
    assert findings
    assert all(f.severity == "warning" for f in findings)


SECTIONS = """\
1. Tổng số quà đã trao: 30 suất, tổng kinh phí 12.000.000 đồng. Trong đó:
- Ngân sách tỉnh: 20 suất, mức 400.000 đồng/suất, thành tiền 8.000.000 đồng;
- Ngân sách huyện: 10 suất, mức 400.000 đồng/suất, thành tiền 4.000.000 đồng.
2. Quà của Chủ tịch nước: 5 suất (1 suất mức 600.000 đồng, 4 suất mức 300.000 đồng), tổng 1.800.000 đồng.
3. Ngoài ra, các đoàn thể đã tặng 25 suất quà cho trẻ em nghèo, mỗi suất 200.000 đồng.
Tổng cộng kinh phí (1 + 2): 13.800.000 đồng (Mười ba triệu tám trăm nghìn đồng).
"""


def test_a_grand_total_adds_up_the_sections_it_names() -> None:
    nodes = extract_report(SECTIONS).report.nodes
    grand = next(node for node in nodes if node.label.startswith("Tổng cộng"))
    assert [child.line for child in grand.children] == [1, 4]  # not section 3
    assert [(r.field, r.value) for r in grand.restatements] == [("amount", 13_800_000)]


def test_words_in_brackets_after_an_amount_restate_it() -> None:
    text = SECTIONS.replace("(Mười ba triệu", "(Mười một triệu")
    (finding,) = [f for f in _audit(text).result.findings if f.severity == "error"]
    assert (finding.line, finding.reported, finding.suggested) == (6, 11_800_000, 13_800_000)


NEWS = """\
# Huyện Tân Lạc trao hơn 5.000 suất quà Tết

Dịp Tết, huyện đã trao gần 5.100 suất quà với tổng giá trị khoảng 2,1 tỷ đồng cho các đối tượng.

Trong số này có 1.230 suất quà của Chủ tịch nước (mức 300.000 đồng và 600.000 đồng) trị giá 402 triệu đồng; 2.870 suất quà của tỉnh, mỗi suất 400.000 đồng, trị giá 1,148 tỷ đồng; còn lại là quà của huyện với 1.000 suất, tổng trị giá 500 triệu đồng.

Như vậy, tổng cộng 5.100 suất quà, tổng trị giá 2,05 tỷ đồng.
"""


def test_a_news_item_total_after_its_parts_with_hedged_leads() -> None:
    (total,) = extract_report(NEWS).report.nodes
    assert (total.count, total.amount, len(total.children)) == (5_100, 2_050_000_000, 3)
    assert sorted(bound.hedge for bound in total.bounds) == ["about", "about", "more"]
    audit = _audit(NEWS)
    assert audit.result.ok
    # the levels named in brackets are kept, and honestly unchecked: no figure divides them
    assert [(figure.field, figure.value) for figure in audit.unchecked] == [
        ("level", 300_000),
        ("level", 600_000),
    ]


def test_a_news_item_part_mistyped_is_found() -> None:
    (finding,) = _audit(NEWS.replace("402 triệu", "420 triệu")).result.findings
    assert (finding.line, finding.reported, finding.suggested) == (5, 420_000_000, 402_000_000)


def test_another_rounded_total_is_no_restatement_of_the_grand_total() -> None:
    text = CLOSING_TOTALS + "Tổng số tiền các doanh nghiệp chăm lo Tết là 22,252 tỷ đồng.\n"
    audit = _audit(text)
    assert audit.result.ok  # not "18.000.000 written rounded as 22.252.000.000"
    assert [(figure.line, figure.value) for figure in audit.unchecked] == [(12, 22_252_000_000)]


def test_a_hedged_figure_far_from_the_total_is_not_its_bound() -> None:
    # "dân số khoảng 148.000 người" beside 9.860 elderly (27 of them centenarians): the
    # population is another figure, not a rough restatement of the elderly's count
    from welfare_rules.audit.read import Document, audit_document

    text = "Huyện có dân số khoảng 148.000 người; có 9.860 người cao tuổi, trong đó 27 cụ."
    audit = audit_document(Document.from_text(text, name="x.txt"))
    assert [f.kind for f in audit.result.findings] == []
    near = "Đã tặng hơn 4.400 suất; tổng số 4.412 suất, trong đó 12 suất của xã."
    assert _bounds_of(near) == [("count", 4400, "more")]


def _bounds_of(text: str) -> list[tuple[str, int, str]]:
    from welfare_rules.audit.extract import extract_report

    return [
        (bound.field, bound.written, bound.hedge)
        for _, node in extract_report(text).report.walk()
        for bound in node.bounds
    ]


# A table's total row under the record announcing the table (_restate.restate_record):
# every figure stays on the line it is written on.
_ANNOUNCED = (
    "Quà của tỉnh: 90.000đ. Trong đó:\n| Đối tượng | Số suất | Thành tiền |\n|---|---|---|\n"
    "| A | 6 | 60.000 |\n| B | 3 | 30.000 |\n| Tổng cộng | 9 | 90.000 |"
)


def test_a_total_row_stating_more_carries_the_announcing_record() -> None:
    (node,) = extract_report(_ANNOUNCED).report.nodes
    assert (node.label, node.line, node.count, node.amount) == ("Quà của tỉnh", 6, 9, 90_000)
    assert [(r.field, r.value, r.line) for r in node.restatements] == [("amount", 90_000, 1)]
    assert [child.count for child in node.children] == [6, 3]


def test_a_wrong_count_in_the_total_row_is_found_on_the_total_row() -> None:
    # the count is written on line 6 only: line 1 states no count to correct
    text = _ANNOUNCED.replace("| 9 | 90.000 |", "| 8 | 90.000 |")
    errors = [f for f in _audit(text).result.findings if f.severity == "error"]
    assert [(f.line, f.field, f.reported) for f in errors] == [(6, "count", 8)]


def test_a_rounded_lead_above_its_exact_total_row_is_a_bound_on_its_line() -> None:
    text = (
        "Quà của tỉnh: 1,9 tỷ đồng. Trong đó:\n| Đối tượng | Số suất | Thành tiền |\n"
        "|---|---|---|\n| A | 6 | 1.000.123.000 |\n| B | 3 | 900.000.000 |\n"
        "| Tổng cộng | 9 | 1.900.123.000 |"
    )
    (node,) = extract_report(text).report.nodes
    assert (node.line, node.amount, node.restatements) == (6, 1_900_123_000, ())
    assert [(b.field, b.written, b.hedge, b.line) for b in node.bounds] == [
        ("amount", 1_900_000_000, "rounded", 1)
    ]
    assert _audit(text).result.ok


def test_a_total_row_stating_another_figure_is_the_records_part() -> None:
    # found by the fuzz run: "hơn 19.286 suất" states no exact count, the total row states
    # only one; the count is the total row's, on its line, and the hedge is checked by it
    text = (
        "Tổng số quà đã chi là hơn 19.286 suất = 11.554.050.000 đồng. Trong đó:\n"
        "| Mức | Số suất |\n| Tổng cộng | 5 |"
    )
    (node,) = extract_report(text).report.nodes
    assert (node.line, node.count, node.amount) == (1, None, 11_554_050_000)
    assert [(child.line, child.count) for child in node.children] == [(3, 5)]
    findings = _audit(text).result.findings
    assert [(f.severity, f.line, f.reported) for f in findings] == [("warning", 1, 19_286)]


def test_a_restating_record_with_a_claim_stays_and_its_claim_is_checked_on_its_line() -> None:
    # found by the fuzz run: the lone record restating the total was folded into it and its
    # claim ('trung bình mỗi suất trên …') vanished, a false one with it
    text = (
        "Quà của hội: 10 suất, tổng số tiền 5.000.000 đồng. Trong đó:\n"
        "- A: 10 suất = 5.000.000 đồng\n"
        "Quà của hội: 10 suất, tổng số tiền 5.000.000 đồng (trung bình mỗi suất trên 600.000 đồng)."
    )
    claims = [
        (claim.expression, claim.line)
        for _, node in extract_report(text).report.walk()
        for claim in node.claims
    ]
    assert claims == [("amount > 600000 * count", 3)]
    findings = _audit(text).result.findings
    assert [(f.kind, f.severity, f.line) for f in findings] == [("claim_violated", "warning", 3)]


BALANCE = """\
1. Kinh phí được giao: 900.000.000 đồng.
2. Kinh phí thực chi: 887.500.000 đồng, cho 1.775 suất, cụ thể:
- Thương binh: 1.000 suất, mức 500.000 đồng/suất, thực chi 500.000.000 đồng.
- Thân nhân liệt sĩ: 775 suất, mức 500.000 đồng/suất, thực chi 387.500.000 đồng.
3. Tổng hợp
| Chỉ tiêu | Số tiền (đồng) |
|---|---:|
| Dự toán được giao | 900.000.000 |
| Kinh phí còn dư | 12.500.000 |
Số kinh phí còn dư 12.500.000 đồng đã nộp trả ngân sách.
"""


def test_a_figure_stated_again_exactly_is_a_restatement_of_the_first() -> None:
    nodes = extract_report(BALANCE).report.nodes
    given = next(node for node in nodes if node.amount == 900_000_000)
    assert [(r.value, r.line) for r in given.restatements] == [(900_000_000, 8)]
    left = [node for node in nodes if node.amount == 12_500_000]
    assert len(left) == 1  # the sentence restates the table's row, on its own line
    assert [(r.value, r.line) for r in left[0].restatements] == [(12_500_000, 10)]
    audit = _audit(BALANCE)
    assert audit.complete
    assert audit.status == 0


def test_a_restatement_one_slip_off_is_left_unchecked_not_corrected() -> None:
    text = BALANCE.replace("dư 12.500.000 đồng", "dư 12.050.000 đồng")
    audit = _audit(text)
    assert not [f for f in audit.result.findings if f.severity == "error"]
    assert (10, 12_050_000) in {(u.line, u.value) for u in audit.unchecked}
    assert audit.status == 3


WRITTEN_DIFFERENCE = """\
Tổng nhu cầu: 1.200 suất, kinh phí 540.000.000 đồng, cụ thể:
a) Hộ nghèo: 700 suất x 500.000 đồng/suất = 350.000.000 đồng;
b) Hộ cận nghèo: 500 suất x 380.000 đồng/suất = 190.000.000 đồng.
Số còn thiếu: 540.000.000 đồng - 415.250.000 đồng = 124.750.000 đồng.
Đề nghị cấp bổ sung số còn thiếu 124.750.000 đồng.
"""


def test_a_figure_stated_again_of_the_same_subject_is_checked_by_the_first() -> None:
    audit = _audit(WRITTEN_DIFFERENCE)
    assert audit.complete
    assert audit.status == 0
    nodes = extract_report(WRITTEN_DIFFERENCE).report.nodes
    restated = sorted(
        (r.line, r.value) for node in nodes for n in (node, *node.children) for r in n.restatements
    )
    assert (5, 124_750_000) in restated


ANOTHER_YEAR = """\
Tổng kinh phí: 50.000.000 đồng, trong đó:
- Ngân sách huyện: 30.000.000 đồng;
- Ngân sách xã: 21.000.000 đồng.
Kinh phí năm 2023: 21.000.000 đồng.
"""


def test_an_equal_figure_of_another_subject_vouches_for_nothing() -> None:
    """The 2023 line equals the slipped Ngân sách xã only by chance: folded there, it
    would make the total look wrong (50.000.000 -> 51.000.000) with confidence."""
    nodes = extract_report(ANOTHER_YEAR).report.nodes
    assert not any(
        r.line == 4 for node in nodes for n in (node, *node.children) for r in n.restatements
    )
    (error,) = [f for f in _audit(ANOTHER_YEAR).result.findings if f.severity == "error"]
    assert error.suggested is None  # the total or the commune's share: a tie, both offered


def test_a_value_stated_by_many_records_restates_none_of_them() -> None:
    rows = "\n".join(f"- Xã {i}: 500.000 đồng." for i in range(20))
    nodes = extract_report(f"Các xã đóng góp:\n{rows}\nXã mới: 500.000 đồng.\n").report.nodes
    assert not any(node.restatements for node in nodes)


def test_two_lone_records_stating_one_figure_both_stay_in_the_tree() -> None:
    text = "Kinh phí được giao: 1.450.000.000 đồng.\nDự toán được giao: 1.450.000.000 đồng.\n"
    (node,) = extract_report(text).report.nodes
    assert (node.line, node.amount) == (1, 1_450_000_000)
    assert [(r.line, r.value) for r in node.restatements] == [(2, 1_450_000_000)]


def test_an_equal_figure_never_vouches_for_a_figure_its_own_parts_find_wrong() -> None:
    """A slip (36 typed 31) that happens to equal another figure of the same words must
    not be confirmed by it: its parts say 36, so nothing is folded into it."""
    from welfare_rules.audit._lines import Rec
    from welfare_rules.audit._restate import _attach_equal

    slipped = Rec(line=9, label="Hồ sơ đang giải quyết", count=31, unit="hồ sơ")
    slipped.children = [
        Rec(line=9, label="BTXH", count=31, unit="hồ sơ"),
        Rec(line=9, label="NCC", count=5, unit="hồ sơ"),
    ]
    lone = Rec(line=12, label="Hồ sơ đang trong quá trình giải quyết", count=31, unit="hồ sơ")
    assert _attach_equal([slipped, lone]) == [slipped, lone]
    assert not slipped.restatements
    slipped.children[0].count = 26  # the parts hold: the same words and value restate it
    assert _attach_equal([slipped, lone]) == [slipped]
    assert [(r[1], r[2]) for r in slipped.restatements] == [(31, 12)]


ORDER_AND_LIST = """\
Điều 1. Hỗ trợ tiền ăn Tết cho 21 hộ, gồm 12 hộ nghèo, mức 1.000.000 đồng/hộ và 9 hộ cận
nghèo, mức 500.000 đồng/hộ. Tổng số tiền: 16.500.000 đồng.

I. HỘ NGHÈO
   Cộng I: 12 hộ
II. HỘ CẬN NGHÈO
   Cộng II: 9 hộ
"""


def test_a_section_total_is_no_slip_of_the_grand_total() -> None:
    # "Cộng I: 12 hộ" is section I's; 12 and 21 are a swap apart, but it restates nothing
    audit = _audit(ORDER_AND_LIST)
    assert [f for f in audit.result.findings if f.severity == "error"] == []


def test_an_amount_after_priced_parts_is_their_whole_s() -> None:
    # Σ 12 × 1.000.000 + 9 × 500.000 = 16.500.000: the amount of the 21 hộ
    audit = _audit(ORDER_AND_LIST)
    assert audit.result.edits == 2  # the counts' sum, and the amount as Σ count × level
    (finding,) = [
        f
        for f in _audit(ORDER_AND_LIST.replace("16.500.000", "16.050.000")).result.findings
        if f.severity == "error"
    ]
    assert (finding.reported, finding.suggested) == (16_050_000, 16_500_000)


@pytest.mark.parametrize(
    ("text", "line", "reported", "suggested"),
    [
        (  # a bare "Cộng" one slip off the total its parts confirm: two witnesses
            "Kinh phí hỗ trợ năm 2024: 50.000.000 đồng.\n- Ngân sách huyện: 30.000.000 đồng\n"
            "- Ngân sách xã: 20.000.000 đồng\nCộng: 51.000.000 đồng\n",
            4,
            51_000_000,
            50_000_000,
        ),
        (  # small counts, but the parts confirm 45
            "Tổng số hộ được hỗ trợ: 45 hộ, gồm:\n- Hộ nghèo: 30 hộ\n- Hộ cận nghèo: 15 hộ\n"
            "Tổng cộng: 54 hộ.\n",
            4,
            54,
            45,
        ),
    ],
)
def test_a_total_one_slip_off_a_total_its_parts_confirm_restates_it(
    text: str, line: int, reported: int, suggested: int
) -> None:
    (finding,) = [f for f in _audit(text).result.findings if f.severity == "error"]
    assert (finding.line, finding.reported, finding.suggested) == (line, reported, suggested)


def test_a_lead_restating_one_total_exactly_restates_the_other_one_slip_off() -> None:
    """``Như vậy … 2.366 suất quà với tổng kinh phí 1.049.600.000 đồng`` under a table
    of 2.366 suất and 1.094.600.000 đồng: the count is the total's, so the amount is the
    total's too, written with a swap. It had stood alone: the audit said nothing."""
    text = (
        "| STT | Đối tượng | Số suất | Mức (đồng) | Kinh phí (đồng) |\n|---|---|---|---|---|\n"
        "| 1 | Người có công | 1.482 | 500.000 | 741.000.000 |\n"
        "| 2 | Hộ nghèo | 884 | 400.000 | 353.600.000 |\n"
        "| | Tổng cộng | 2.366 | | 1.094.600.000 |\n"
        "Như vậy, toàn huyện đã trao 2.366 suất quà với tổng kinh phí {amount} đồng.\n"
    )
    right = audit_document(Document.from_text(text.format(amount="1.094.600.000"), name="x.md"))
    assert (right.status, right.unchecked) == (0, ())
    wrong = audit_document(Document.from_text(text.format(amount="1.049.600.000"), name="x.md"))
    (finding,) = wrong.result.findings
    assert (finding.line, finding.suggested) == (6, 1_094_600_000)
    # neither figure the total's: another statement, left alone
    other = audit_document(
        Document.from_text(
            text.format(amount="1.049.600.000").replace("trao 2.366", "trao 2.636"), name="x.md"
        )
    )
    assert [f for f in other.result.findings if f.severity == "error"] == []


def test_a_restated_total_keeps_its_share_of_the_plan() -> None:
    text = (
        "| STT | Đối tượng | Kế hoạch (suất) | Thực hiện (suất) | Mức (đồng) | Kinh phí (đồng) |\n"
        "|---|---|---|---|---|---|\n"
        "| 1 | Hộ nghèo | 200 | 218 | 500.000 | 109.000.000 |\n"
        "| 2 | Người cao tuổi | 400 | 380 | 300.000 | 114.000.000 |\n"
        "| | Tổng cộng | 600 | 598 | | 223.000.000 |\n"
        "Toàn xã đã trao 598 suất, đạt {pct}% kế hoạch, kinh phí 223.000.000 đồng.\n"
    )
    right = audit_document(Document.from_text(text.format(pct="99,7"), name="x.md"))
    assert (right.status, right.result.findings) == (0, ())
    wrong = audit_document(Document.from_text(text.format(pct="97,9"), name="x.md"))
    (finding,) = wrong.result.findings
    assert (finding.line, finding.kind) == (6, "share_mismatch")


@pytest.mark.parametrize(
    "sentence",
    [
        "Năm 2025, huyện cũng trao 2.366 suất quà, kinh phí 1.049.600.000 đồng.",
        "Kế hoạch năm 2026 giao 2.366 suất quà, dự toán 1.094.000.000 đồng.",
        "Cùng kỳ năm trước, huyện trao 2.366 suất quà, kinh phí 1.094.000.000 đồng.",
    ],
)
def test_a_sentence_of_another_period_or_a_plan_is_no_restatement(sentence: str) -> None:
    """Review 9, R4: figures one slip off the table's totals, of another year or a plan,
    are other figures, not a slip to correct."""
    text = (
        "| Xã | Số suất | Kinh phí (đồng) |\n|---|---|---|\n| Xã A | 1.200 | 540.000.000 |\n"
        "| Xã B | 1.166 | 554.600.000 |\n| Tổng cộng | 2.366 | 1.094.600.000 |\n" + sentence + "\n"
    )
    audit = audit_document(Document.from_text(text, name="x.md"))
    assert [f for f in audit.result.findings if f.severity == "error"] == []


def test_a_small_count_equal_to_the_total_s_beside_an_amount_called_a_total_restates_it() -> None:
    # found by a probe: "72 suất … tổng kinh phí 27.900.000 đồng" under a table of 72 and
    # 29.700.000 was left alone (72 is below the slip floor), and the audit said exit 0
    from welfare_rules.audit.read import Document, audit_document

    text = (
        "| STT | Xã | Số suất | Mức | Thành tiền |\n|---|---|---|---|---|\n"
        "| 1 | Xã A | 45 | 300.000 | 13.500.000 |\n| 2 | Xã B | 27 | 600.000 | 16.200.000 |\n"
        "| | Tổng cộng | 72 | | 29.700.000 |\n\n"
        "Toàn huyện đã trao 72 suất quà với tổng kinh phí {amount} đồng.\n"
    )
    assert (
        audit_document(Document.from_text(text.format(amount="29.700.000"), name="x")).status == 0
    )
    wrong = audit_document(Document.from_text(text.format(amount="27.900.000"), name="x"))
    assert [(f.line, f.reported, f.suggested) for f in wrong.result.findings] == [
        (7, 27_900_000, 29_700_000)
    ]
    # without "tổng", a small count equal is no evidence: never an error on a guess
    other = text.format(amount="27.900.000").replace("với tổng kinh phí", "với kinh phí")
    assert audit_document(Document.from_text(other, name="x")).result.findings == ()


def test_a_figure_said_to_be_in_addition_restates_no_total() -> None:
    # found by review: "Ngoài ra, … trao thêm 72 suất … 33.000.000 đồng" under a table of
    # 72 and 33.600.000 was "one figure written with two values"
    from welfare_rules.audit.read import Document, audit_document

    text = (
        "| STT | Xã | Số suất | Mức | Thành tiền |\n|---|---|---|---|---|\n"
        "| 1 | Xã A | 40 | 500.000 | 20.000.000 |\n| 2 | Xã B | 32 | 425.000 | 13.600.000 |\n"
        "| | Tổng cộng | 72 | | 33.600.000 |\n\n"
        "Ngoài ra, Hội Chữ thập đỏ trao thêm 72 suất quà với tổng kinh phí 33.000.000 đồng.\n"
    )
    findings = audit_document(Document.from_text(text, name="x")).result.findings
    assert [f for f in findings if f.severity == "error"] == []
