"""Tests for audit/_structure.py: which record is a part of which, across lines."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from welfare_rules.audit._lines import Rec, parts_add_up, read_line
from welfare_rules.audit._normalize import read_lines
from welfare_rules.audit._structure import Builder


def rec(
    line: int,
    count: int | None = None,
    amount: int | None = None,
    bullet: str | None = None,
    *,
    total_cue: bool = False,
) -> Rec:
    return Rec(
        line=line, label=f"r{line}", count=count, amount=amount, bullet=bullet, total_cue=total_cue
    )


def shape(recs: list[Rec]) -> list[object]:
    """The tree as nested lines: ``[1, [2, 3], 4]`` is 1 holding 2 and 3, then 4."""
    out: list[object] = []
    for r in recs:
        out.append(r.line)
        if r.children:
            out.append(shape(r.children))
    return out


def build(
    *recs: Rec, announce_after: tuple[int, ...] = (), heading_after: tuple[int, ...] = ()
) -> list[Rec]:
    builder = Builder()
    for r in recs:
        builder.place(r)
        if r.line in announce_after:
            builder.announce()
        if r.line in heading_after:
            builder.heading()
    return builder.finish()


def build_text(text: str) -> list[Rec]:
    """The text's records placed as extract.py places them (headings and announcements)."""
    from welfare_rules.audit._lines import is_announcement

    builder = Builder()
    for line in read_lines(text):
        if line.heading:
            builder.heading()
        if is_announcement(line.text):
            builder.announce()
            continue
        for r in read_line(line.text, line=line.number, bullet=line.bullet).records:
            builder.place(r)
    return builder.finish()


# -- the rules of placement ------------------------------------------------------------------


def test_announced_parts_are_taken_even_when_they_do_not_fit() -> None:
    """After "Trong đó:" the list goes on where a figure is mistyped (25 > 30 - 10)."""
    tree = build(
        rec(1, 30, 300, total_cue=True),
        rec(2, 10, 100, "-"),
        rec(3, 25, 250, "-"),
        announce_after=(1,),
    )
    assert shape(tree) == [1, [2, 3]]
    assert tree[0].explicit


def test_a_new_bullet_that_fits_is_a_part() -> None:
    tree = build(
        rec(1, 30, None, "-"), rec(2, 10, None, "+"), rec(3, 20, None, "+"), rec(4, 5, None, "-")
    )
    assert shape(tree) == [1, [2, 3], 4]
    assert not tree[0].explicit


def test_a_new_bullet_that_does_not_fit_is_not_a_part() -> None:
    assert shape(build(rec(1, 30, None, "-"), rec(2, 31, None, "+"))) == [1, 2]


def test_a_part_that_does_not_fit_what_is_left_stands_beside() -> None:
    """Under an announced 30: "+ 15" exceeds its "- 10" so it is the 30's part, and then
    "- 20" exceeds what is left (30 - 25): it stands beside the total."""
    tree = build(
        rec(1, 30, total_cue=True),
        rec(2, 10, None, "-"),
        rec(3, 15, None, "+"),
        rec(4, 20, None, "-"),
        announce_after=(1,),
    )
    assert shape(tree) == [1, [2, 3], 4]


def test_the_same_bullet_as_the_parent_is_a_sibling() -> None:
    assert shape(build(rec(1, 30, None, "-", total_cue=True), rec(2, 10, None, "-"))) == [1, 2]


def test_a_total_takes_unbulleted_lines_that_add_up_then_stops() -> None:
    tree = build(rec(1, 30, total_cue=True), rec(2, 10), rec(3, 20), rec(4, 1))
    assert shape(tree) == [1, [2, 3], 4]


def test_unbulleted_lines_without_a_total_cue_stay_apart() -> None:
    assert shape(build(rec(1, 30), rec(2, 10), rec(3, 20))) == [1, 2, 3]


def test_a_filled_record_takes_no_more() -> None:
    tree = build(
        rec(1, 30, None, "-"), rec(2, 10, None, "+"), rec(3, 20, None, "+"), rec(4, 0, None, "+")
    )
    assert shape(tree) == [1, [2, 3], 4]


def test_counts_are_evidence_even_when_amounts_are_wrong() -> None:
    """The source report's provincial subtotal: counts add up, the amount is mistyped."""
    tree = build(
        rec(1, 7_432, 5_445_400_000, "-"),
        rec(2, 500, 1_000_000_000, "+"),
        rec(3, 1_430, 1_704_400_000, "+"),
        rec(4, 5_502, 2_721_000_000, "+"),
    )
    assert shape(tree) == [1, [2, 3, 4]]


def test_amounts_decide_when_counts_are_missing() -> None:
    tree = build(rec(1, None, 300, "-"), rec(2, None, 100, "+"), rec(3, None, 200, "+"))
    assert shape(tree) == [1, [2, 3]]


def test_inferred_parts_that_do_not_add_up_are_undone() -> None:
    tree = build(rec(1, 30, 300, "-"), rec(2, 10, 100, "+"), rec(3, 5, 50, "+"))
    assert shape(tree) == [1, 2, 3]


def test_explicit_or_inline_parts_are_never_undone() -> None:
    parent = rec(1, 30, 300, "-")
    parent.explicit = True
    assert shape(build(parent, rec(2, 10, 100, "+"), rec(3, 5, 50, "+"))) == [1, [2, 3]]


def test_an_inline_record_takes_no_parts_from_other_lines() -> None:
    (parent,) = read_line("Tặng 30 suất (A 10 suất; B 20 suất)", line=1, bullet="-").records
    assert shape(build(parent, rec(2, 0, None, "+"))) == [1, [1, 1], 2]


def test_deeper_bullets_nest_and_close() -> None:
    tree = build(
        rec(1, 30, None, "-"),
        rec(2, 10, None, "+"),
        rec(3, 4, None, "*"),
        rec(4, 6, None, "*"),
        rec(5, 20, None, "+"),
        rec(6, 7, None, "-"),
    )
    assert shape(tree) == [1, [2, [3, 4], 5], 6]


def test_a_heading_closes_everything() -> None:
    tree = build(
        rec(1, 30, None, "-"), rec(2, 10, None, "+"), rec(3, 20, None, "+"), heading_after=(1,)
    )
    assert shape(tree) == [1, 2, 3]


def test_announce_and_top() -> None:
    builder = Builder()
    builder.announce()  # nothing open: nothing to announce
    assert builder.top() is None
    first = rec(1, 30, None, "-")
    builder.place(first)
    builder.announce()
    assert builder.top() is first
    assert first.announces


# -- the source report's shape, in text -----------------------------------------------------------

GIFTS = """\
Tổng số 11.115 suất = 7.314.900.000 đồng. Trong đó:
- Quà Trung ương: 1.251 suất = 381.900.000đ
- Quà của tỉnh: 7.432 suất = 5.445.400.000 đồng
+ Mức 2.000.000đ x 500 suất = 1.000.000.000đ
+ Mức 1.200.000đ x 1.430 suất = 1.716.000.000đ
+ Mức 500.000đ x 5.502 suất = 2.721.000.000đ
- Quà của thành phố: 2.432 suất = 1.137.600 đồng
## Mừng thọ
Mừng thọ 434 cụ
"""


def test_source_report_shape() -> None:
    """Provincial lines carry "+" under a "-"; the mistyped amounts never break the tree."""
    tree = build_text(GIFTS)
    assert shape(tree) == [1, [2, 3, [4, 5, 6], 7], 9]
    assert [child.count for child in tree[0].children] == [1_251, 7_432, 2_432]


def test_same_bullet_parts_close_when_counts_add_up() -> None:
    """The source marks the provincial lines with the same "-" as their parent: the counts
    (500 + 1.430 + 5.502 = 7.432) are what says they are parts."""
    text = (
        GIFTS.replace("+ Mức", "- Mức")
        .replace("- Quà Trung", "* Quà Trung")
        .replace("- Quà của", "* Quà của")
    )
    tree = build_text(text)
    assert shape(tree) == [1, [2, 3, [4, 5, 6], 7], 9]


# -- properties -------------------------------------------------------------------------------------


@st.composite
def placements(draw: st.DrawFn) -> list[tuple[Rec, bool]]:
    """Records with any bullets, counts and amounts, some announcing."""
    out = []
    for line in range(1, draw(st.integers(1, 8)) + 1):
        count = draw(st.none() | st.integers(0, 40))
        amount = draw(st.none() | st.integers(0, 40))
        bullet = draw(st.sampled_from([None, "-", "+", "*"]))
        out.append(
            (rec(line, count, amount, bullet, total_cue=draw(st.booleans())), draw(st.booleans()))
        )
    return out


def preorder(recs: list[Rec]) -> list[int]:
    return [r.line for r0 in recs for r in [r0, *_all(r0.children)]]


def _all(recs: list[Rec]) -> list[Rec]:
    return [r for r0 in recs for r in [r0, *_all(r0.children)]]


@given(placements())
@example(
    [(rec(1, 30, None, "-"), False), (rec(2, 10, None, "+"), False), (rec(3, 5, None, "+"), False)]
)
@example(
    [(rec(1, 3, 9, None, total_cue=True), False), (rec(2, 1, 4), False), (rec(3, 2, 4), False)]
)
def test_no_record_lost_reading_order_kept_and_inferred_parts_add_up(
    case: list[tuple[Rec, bool]],
) -> None:
    builder = Builder()
    for r, announces in case:
        builder.place(r)
        if announces:
            builder.announce()
    tree = builder.finish()
    assert preorder(tree) == [r.line for r, _ in case]
    for parent in _all(tree):
        if parent.children and not parent.explicit and not parent.inline:
            counts = [c.count for c in parent.children]
            amounts = [c.amount for c in parent.children]
            exact = (
                parent.count is not None
                and None not in counts
                and sum(c or 0 for c in counts) == parent.count
            ) or (
                parent.amount is not None
                and None not in amounts
                and sum(a or 0 for a in amounts) == parent.amount
            )
            # a record called a total keeps parts that add up but for one typing slip
            assert exact or (parent.total_cue and parts_add_up(parent, parent.children))


@given(st.lists(st.lists(st.integers(1, 1_000), min_size=1, max_size=4), min_size=1, max_size=4))
@example([[500, 1_430, 5_502], [22, 1_229]])
def test_bullet_trees_whose_counts_add_up_are_rebuilt(groups: list[list[int]]) -> None:
    recs = [rec(1, sum(map(sum, groups)), None, "-")]
    expected: list[object] = [1]
    inner: list[object] = []
    for group in groups:
        head = len(recs) + 1
        recs.append(rec(head, sum(group), None, "+"))
        recs.extend(rec(head + 1 + i, count, None, "*") for i, count in enumerate(group))
        inner.extend([head, list(range(head + 1, head + 1 + len(group)))])
    expected.append(inner)
    assert shape(build(*recs)) == expected


def test_a_long_list_of_parts_is_linear() -> None:
    """Each part is counted once (this took seconds when every placement summed them all)."""
    builder = Builder()
    builder.place(rec(0, 10_000, None, "-"))
    for line in range(1, 10_001):  # speed: benchmarks/pathological_lines.py
        builder.place(rec(line, 1, None, "+"))
    tree = builder.finish()
    assert len(tree) == 1
    assert len(tree[0].children) == 10_000


def test_a_total_too_small_for_its_list_is_the_slip() -> None:
    # "Tổng kinh phí: 936 …" over three numbered parts adding to 963: the list goes on past
    # the total (greedy fitting stopped at the third part and lost the sum)
    from welfare_rules.audit.read import Document, audit_document

    text = (
        "Tổng kinh phí: 936.000.000 đồng.\n"
        "1. Quà của Chủ tịch nước: 1.718 suất, 699.000.000 đồng.\n"
        "2. Quà của tỉnh: 420 suất, mỗi suất 500.000 đồng, kinh phí 210.000.000 đồng.\n"
        "3. Quà của huyện: 180 suất, mỗi suất 300.000 đồng, kinh phí 54.000.000 đồng.\n"
    )
    audit = audit_document(Document.from_text(text, name="x.txt"))
    errors = [f for f in audit.result.findings if f.severity == "error"]
    assert [(f.line, f.reported, f.suggested) for f in errors] == [(1, 936_000_000, 963_000_000)]


def test_a_list_under_a_total_keeps_the_parts_that_add_up() -> None:
    from welfare_rules.audit.extract import extract_report

    text = (
        "Tổng kinh phí: 90.000.000 đồng.\n"
        "1. Xã A: 60.000.000 đồng.\n"
        "2. Xã B: 30.000.000 đồng.\n"
        "3. Xã C: 45.000.000 đồng.\n"
    )
    first, *rest = extract_report(text).report.nodes
    assert [child.amount for child in first.children] == [60_000_000, 30_000_000]
    assert [node.amount for node in rest] == [45_000_000]


def test_a_total_above_numbered_sections_sums_them() -> None:
    from welfare_rules.audit.read import Document, audit_document

    text = (
        "Tổng số suất quà: 2.318 suất.\n"
        "Tổng kinh phí: 1.123.000.000 đồng.\n\n"
        "1. Quà của tỉnh\n"
        "Tặng 2.138 suất, mỗi suất 500.000 đồng, kinh phí 1.069.000.000 đồng.\n\n"
        "2. Quà của huyện\n"
        "Tặng 18 suất, mỗi suất 300.000 đồng, kinh phí 54.000.000 đồng.\n"
    )
    audit = audit_document(Document.from_text(text, name="x.txt"))
    errors = [f for f in audit.result.findings if f.severity == "error"]
    # the count total over the sections shows which count slipped: 18 for 180
    assert [(f.line, f.reported, f.suggested) for f in errors] == [(8, 18, 180)]
    (lead,) = [node for node in audit.report.nodes if node.children]
    assert (lead.count, lead.amount, len(lead.children)) == (2318, 1_123_000_000, 2)
    assert audit.unchecked == ()


def test_a_level_stated_above_the_rows_is_theirs() -> None:
    from welfare_rules.audit.read import Document, audit_document

    text = (
        "Quà tặng hộ cận nghèo, mức 400.000 đồng/suất:\n"
        "1. Xã An Bình — 120 suất — 48.000.000 đồng\n"
        "2. Xã An Lạc — 75 suất — 30.400.000 đồng\n"
        "Tổng cộng: 196 suất — 78.400.000 đồng.\n"
    )
    audit = audit_document(Document.from_text(text, name="x.txt"))
    errors = [f for f in audit.result.findings if f.severity == "error"]
    # 75 × 400.000 = 30.000.000: the row's product and the total agree on 75 → 76
    assert [(f.line, f.reported, f.suggested) for f in errors] == [(3, 75, 76)]
    rows = [node for _, node in audit.report.walk() if node.count in (120, 75)]
    assert [row.level for row in rows] == [400_000, 400_000]


def test_a_closing_total_leaves_out_records_counting_something_else() -> None:
    from welfare_rules.audit.read import Document, audit_document

    text = (
        "- Mức 600.000 đồng: 38 suất, thành tiền 22.800.000 đồng (thân nhân của 02 liệt sĩ).\n"
        "- Mức 300.000 đồng: 214 suất, thành tiền 62.400.000 đồng.\n"
        "Cộng: 252 suất, 87.000.000 đồng.\n"
    )
    audit = audit_document(Document.from_text(text, name="x.txt"))
    errors = [f for f in audit.result.findings if f.severity == "error"]
    assert [(f.line, f.reported, f.suggested) for f in errors] == [(2, 62_400_000, 64_200_000)]


def _sectioned(*sections: list[Rec]) -> list[Rec]:
    """Records placed under numbered sections 1, 2, … (as ``1. Quà của tỉnh`` opens one)."""
    builder = Builder()
    for number, recs in enumerate(sections, start=1):
        builder.section(str(number))
        for r in recs:
            builder.place(r)
    return builder.finish()


def _closing(line: int, count: int, amount: int, label: str = "Tổng cộng") -> Rec:
    r = rec(line, count, amount, total_cue=True)
    r.closing, r.label = True, label
    return r


def test_a_total_alone_in_the_last_section_sums_the_sections_before() -> None:
    first = [rec(12, 57, 34_200_000), rec(13, 389, 116_700_000), _closing(14, 446, 150_900_000)]
    roots = _sectioned(
        first,
        [rec(16, 446, 178_400_000)],
        [rec(18, 212, 106_000_000)],
        [_closing(20, 1104, 435_300_000)],
    )
    assert shape(roots) == [20, [14, [12, 13], 16, 18]]
    # the section totals are the parts; one slip in the grand total still takes them
    slipped = _sectioned(
        [rec(16, 446, 178_400_000)], [rec(18, 212, 106_000_000)], [_closing(20, 685, 284_400_000)]
    )
    assert shape(slipped) == [20, [16, 18]]


def test_a_trailing_total_takes_no_sections_that_do_not_stand_for_one_record() -> None:
    roots = _sectioned(
        [rec(16, 446, 178_400_000), rec(17, 10, 4_000_000)],
        [rec(18, 212, 106_000_000)],
        [_closing(20, 668, 288_400_000)],
    )
    assert shape(roots) == [16, 17, 18, 20]
    unrelated = _sectioned(  # far from the sum: a figure of another kind, not the total
        [rec(16, 446, 178_400_000)], [rec(18, 212, 106_000_000)], [_closing(20, 90, 7_000)]
    )
    assert shape(unrelated) == [16, 18, 20]


def test_announced_parts_nest_no_deeper_than_a_tree_can_be_written() -> None:
    from welfare_rules._limits import MAX_TREE_DEPTH

    recs = [rec(line, 1000 - line, bullet="-+"[line % 2]) for line in range(1, 201)]
    roots = build(*recs, announce_after=tuple(range(1, 201)))

    def depth(r: Rec) -> int:
        return 1 + max((depth(child) for child in r.children), default=0)

    assert max(depth(r) for r in roots) <= MAX_TREE_DEPTH
    assert [r.line for r in _all(roots)] == list(range(1, 201))  # none lost, in order


def test_a_trailing_figure_that_is_no_bare_total_sums_nothing() -> None:
    # found in review: a plan or an earlier year one slip from the sections' sum was taken
    # for their total (a confident wrong "900 → 800")
    for label in ("Kế hoạch năm 2025: tổng cộng", "Năm 2023: tổng cộng", "Tổng cộng so với"):
        roots = _sectioned(
            [rec(16, 500, 250_000_000)],
            [rec(18, 300, 150_000_000)],
            [_closing(20, 900, 400_000_000, label)],
        )
        assert shape(roots) == [16, 18, 20], label


def test_a_lead_in_line_starts_the_list_a_closing_total_sums() -> None:
    builder = Builder()
    builder.place(rec(4, None, 1_250_000_000))  # a total of money, stated before the list
    builder.lead_in()  # "Số suất phân bổ cho các xã như sau:"
    for line, count in ((9, 520), (10, 610), (11, 370)):
        builder.place(rec(line, count, bullet="-"))
    builder.place(_closing_count(12, 1_500))
    assert shape(builder.finish()) == [4, 12, [9, 10, 11]]


def test_without_a_lead_in_the_closing_total_takes_the_whole_group() -> None:
    builder = Builder()
    builder.place(rec(4, None, 1_250_000_000))
    for line, count in ((9, 520), (10, 610), (11, 370)):
        builder.place(rec(line, count, bullet="-"))
    builder.place(_closing_count(12, 1_500))
    assert shape(builder.finish()) == [12, [4, 9, 10, 11]]


def test_without_an_exact_run_the_closing_total_takes_the_whole_group() -> None:
    builder = Builder()
    for line, count in ((9, 520), (10, 610), (11, 370)):
        builder.place(rec(line, count, bullet="-"))
    builder.place(_closing_count(12, 1_510))  # one slip from 1.500: the list is its parts
    assert shape(builder.finish()) == [12, [9, 10, 11]]


def test_a_lead_in_keeps_an_open_total_open_for_its_parts() -> None:
    builder = Builder()
    builder.place(rec(3, 1_500, total_cue=True))  # "Tổng số quà: 1.500 suất."
    builder.lead_in()  # "Phân bổ cho các xã như sau:"
    for line, count in ((5, 520), (6, 610), (7, 370)):
        builder.place(rec(line, count, bullet="-"))
    assert shape(builder.finish()) == [3, [5, 6, 7]]


def _closing_count(line: int, count: int) -> Rec:
    r = rec(line, count)
    r.closing, r.label = True, "Tổng cộng"
    return r


LEAD_IN_LIST = """\
Tổng kinh phí tặng quà: 1.250.000.000 đồng.
Số suất quà phân bổ cho các xã như sau:
- Xã Kim Chính: 520 suất;
- Xã Kim Đông: 610 suất;
- Xã Ân Hòa: 370 suất.
Tổng cộng: 1.500 suất.
"""


def test_a_list_after_a_lead_in_line_is_summed_by_its_closing_total() -> None:
    from welfare_rules.audit.read import Document, audit_document

    audit = audit_document(Document.from_text(LEAD_IN_LIST, name="x.txt"))
    assert audit.complete
    assert not audit.result.findings
    wrong = audit_document(Document.from_text(LEAD_IN_LIST.replace("610", "601"), name="x.txt"))
    (finding,) = [f for f in wrong.result.findings if f.severity == "error"]
    assert finding.line == 6


ROMAN_SECTIONS = """\
I. QUÀ CỦA CHỦ TỊCH NƯỚC
Tổng số: 1.204 suất, kinh phí 378.600.000 đồng, trong đó:
a) Mức 600.000 đồng: 58 suất = 34.800.000 đồng
b) Mức 300.000 đồng: 1.146 suất = 343.800.000 đồng
II. QUÀ CỦA TỈNH
Tổng số: 3.150 suất với tổng kinh phí 1.260.000.000 đồng.
Trong đó:
- Người có công: 1.150 suất x 400.000 đồng = 460.000.000 đồng.
- Hộ nghèo: 2.000 suất x 400.000 đồng = 800.000.000 đồng.
III. TỔNG HỢP CHUNG
Tổng số quà đã trao: 4.354 suất, tổng kinh phí 1.638.600.000 đồng.
"""


def _audit(text: str):  # type: ignore[no-untyped-def]
    from welfare_rules.audit.read import Document, audit_document

    return audit_document(Document.from_text(text, name="x.txt"))


def test_a_section_titled_as_a_total_sums_the_roman_sections_before_it() -> None:
    audit = _audit(ROMAN_SECTIONS)
    assert audit.complete
    assert not audit.result.findings
    (finding,) = _audit(ROMAN_SECTIONS.replace("4.354 suất", "4.345 suất")).result.findings
    assert (finding.line, finding.reported, finding.suggested) == (11, 4_345, 4_354)


def test_a_plan_in_a_section_titled_as_a_total_is_not_its_total() -> None:
    audit = _audit(ROMAN_SECTIONS.replace("Tổng số quà đã trao", "Kế hoạch năm 2025"))
    assert not audit.result.findings
    # the plan's figures stand alone: nothing to check them by
    assert {(figure.line, figure.value) for figure in audit.standing_alone} == {
        (11, 4_354),
        (11, 1_638_600_000),
    }


@given(st.integers(min_value=1, max_value=20))
def test_roman_and_arabic_section_numbers_have_the_same_place(ordinal: int) -> None:
    from welfare_rules.audit._structure import _ROMAN, _ordinal

    assert _ordinal(str(ordinal)) == ordinal
    assert _ordinal(_ROMAN[ordinal - 1]) == ordinal


DISTRIBUTED = """\
Hội đã trao 640 suất quà cho hộ nghèo và người khuyết tật.

Số suất phân bổ cho các xã:
   Xã Phong Lạc: 120 suất
   Xã Phong Hải: 95 suất
   Xã Đông Phong: 150 suất
   Xã Tây Phong: 87 suất
   Thị trấn Hạ Phong: 188 suất
"""


def test_a_led_in_list_left_standing_is_the_parts_of_the_record_it_adds_up_to() -> None:
    audit = _audit(DISTRIBUTED)
    assert audit.complete
    assert not audit.result.findings


@given(st.sampled_from(["120", "95", "150", "87", "188"]), st.sampled_from(["1", "2"]))
@example("95", "1")  # 95 -> 195: the list sums to 740, one slip from 640
def test_a_slip_in_a_distributed_list_leaves_it_unchecked(written: str, digit: str) -> None:
    # a led-in list is only loosely tied to a record above (money spent is no part of the
    # money raised that happens to be one slip away): a slip leaves the audit incomplete
    slipped = DISTRIBUTED.replace(f": {written} suất", f": {digit}{written} suất")
    audit = _audit(slipped)
    assert not [f for f in audit.result.findings if f.severity == "error"]
    assert not audit.complete


def test_a_led_in_list_two_records_could_hold_stays_as_read() -> None:
    text = (
        "Năm 2023 đã trao 640 suất.\nNăm 2024 đã trao 640 suất.\n\n" + DISTRIBUTED.split("\n\n")[1]
    )
    audit = _audit(text)
    assert not audit.result.findings
    assert not audit.complete  # which year the list distributes is not said


def test_a_led_in_list_that_adds_up_to_nothing_stays_as_read() -> None:
    audit = _audit(DISTRIBUTED.replace("640 suất", "900 suất"))
    assert not audit.result.findings
    assert not audit.complete


def test_a_table_row_takes_no_text_below_the_table_as_its_part() -> None:
    text = (
        "STT\tHọ và tên\tNăm sinh\tMức quà (đồng)\n1\tNguyễn Thị Lành\t1935\t500.000\n"
        "2\tLê Thị Nụ\t1930\t700.000\n\tTổng cộng: 2 cụ\t\t1.300.000\n\nDanh sách này có 2 cụ.\n"
    )  # the total row is one slip off, so it is not yet filled by its rows
    from welfare_rules.audit.extract import extract_report

    (total,) = extract_report(text).report.nodes  # once the note's count was a third row
    assert (total.amount, len(total.children)) == (1_300_000, 2)
    assert [(r.field, r.value, r.line) for r in total.restatements] == [("count", 2, 6)]


FUNDED_PLAN = """\
1. Đối tượng và mức quà
- Người cao tuổi tròn 70 tuổi: 412 người x 200.000 đồng/người = 82.400.000 đồng;
- Người cao tuổi tròn 80, 85 tuổi: 850 người x 300.000 đồng/người = 255.000.000 đồng;
Tổng số: 1.262 người, tổng kinh phí 337.400.000 đồng.
2. Nguồn kinh phí
- Ngân sách huyện đảm bảo 70%: 236.180.000 đồng;
- Ngân sách xã đảm bảo 30%: 101.220.000 đồng.
"""


def test_a_funding_breakdown_in_its_own_section_is_a_second_breakdown_of_the_total() -> None:
    audit = _audit(FUNDED_PLAN)
    assert audit.complete
    assert not audit.result.findings
    (total,) = _extracted(FUNDED_PLAN)
    sources = total.children[-1]
    assert sources.split
    assert [child.amount for child in sources.children] == [236_180_000, 101_220_000]


def test_a_wrong_share_of_a_funding_breakdown_is_found() -> None:
    (finding,) = _audit(FUNDED_PLAN.replace("xã đảm bảo 30%", "xã đảm bảo 40%")).result.findings
    assert (finding.kind, finding.line, finding.suggested) == ("share_mismatch", 7, Decimal("30"))


def _extracted(text: str) -> tuple:  # type: ignore[type-arg]
    from welfare_rules.audit.extract import extract_report

    return extract_report(text).report.nodes


# -- found by the review of this round's reading rules: each once a false or hidden error --


def test_a_total_line_after_a_list_sums_the_list_not_its_last_item() -> None:
    text = (
        "Hộ nghèo: 30 suất, mức 500.000 đồng/suất.\nHộ cận nghèo: 20 suất, mức 300.000"
        " đồng/suất.\nTổng kinh phí: 21.000.000 đồng.\n"
    )
    assert not _audit(text).result.findings  # once "20 → 70 (70 × 300.000 = 21.000.000)"
    wrong = _audit(text.replace("21.000.000", "6.000.000"))  # once joined, so exit 0
    assert [f for f in wrong.result.findings if f.severity == "error"]


def test_a_grand_total_over_a_record_and_a_led_in_list_sums_both() -> None:
    text = (
        "Quà của tỉnh: 100 suất.\nQuà của các đơn vị, doanh nghiệp như sau:\n"
        "Công ty Điện lực: 30 suất\nNgân hàng Agribank: 20 suất\nTổng cộng: 150 suất.\n"
    )
    audit = _audit(text)
    assert not audit.result.findings  # once "150 vs 50"
    assert audit.complete


def test_a_bare_total_after_numbered_lines_sums_them_all_so_a_slip_shows() -> None:
    # a total taking only the last lines that add up hid "Tổng cộng: 50" over 100 + 25 + 25
    text = "1. Thôn Đông: 100 suất quà.\n2. Thôn Tây: 25 suất quà.\n3. Thôn Nam: 25 suất quà.\n"
    errors = _audit(text + "Tổng cộng: 50 suất quà.\n").result.findings
    assert [(f.line, f.reported) for f in errors if f.severity == "error"] == [(4, 50)]


def test_funding_lines_one_slip_from_a_total_are_no_breakdown_of_it() -> None:
    text = (
        "Tổng số: 300 suất, tổng kinh phí 150.000.000 đồng, trong đó:\n"
        "- Hộ nghèo: 200 suất x 500.000 đồng = 100.000.000 đồng;\n"
        "- Hộ cận nghèo: 100 suất x 500.000 đồng = 50.000.000 đồng.\n"
        "Trong năm, Quỹ Vì người nghèo huyện đã hỗ trợ 100.000.000 đồng;\n"
        "Ngân sách tỉnh hỗ trợ xây nhà 60.000.000 đồng.\n"
    )
    assert not [f for f in _audit(text).result.findings if f.severity == "error"]  # "60 → 50"


def test_receipt_blocks_without_numbered_lines_join_each_amount_to_its_block() -> None:
    text = (
        "Thôn 1 - Số suất quà: 30 suất, mức 500.000 đồng/suất.\nSố tiền nhận: 15.000.000 đồng.\n"
        "Thôn 2 - Số suất quà: 20 suất, mức 500.000 đồng/suất.\nSố tiền nhận: 10.000.000 đồng.\n"
        "Tổng số tiền nhận: 25.000.000 đồng.\n"
    )
    assert not _audit(text).result.findings


GROUPS_THEN_TOTAL = """\
1. Người có công
a) Thương binh: 100 người, mức 800.000 đồng/người, dự toán 80.000.000 đồng;
b) Thân nhân liệt sĩ: 50 người, mức 500.000 đồng/người, dự toán 25.000.000 đồng.
Cộng mục 1: 150 người, dự toán 105.000.000 đồng.
2. Hộ nghèo
a) Hộ nghèo: 40 hộ, mức 500.000 đồng/hộ, dự toán 20.000.000 đồng;
b) Hộ cận nghèo: 30 hộ, mức 300.000 đồng/hộ, dự toán 9.000.000 đồng.
Cộng mục 2: 70 suất, dự toán 29.000.000 đồng.
III. Kinh phí
Tổng số quà: 220 suất; tổng dự toán kinh phí: 134.000.000 đồng.
a) Ngân sách tỉnh hỗ trợ: 80.400.000 đồng;
b) Ngân sách huyện đảm bảo: 53.600.000 đồng.
"""


def test_a_total_after_the_groups_sums_them_and_keeps_its_sources() -> None:
    from welfare_rules.audit.read import Document, audit_document

    audit = audit_document(Document.from_text(GROUPS_THEN_TOTAL, name="kh.txt"))
    assert audit.complete
    assert audit.status == 0
    slipped = GROUPS_THEN_TOTAL.replace("220 suất", "210 suất")
    found = audit_document(Document.from_text(slipped, name="kh.txt")).result.findings
    assert [(f.line, f.reported, f.suggested) for f in found if f.severity == "error"] == [
        (10, 210, 220)
    ]


PERIOD_TOTAL = """\
I. NĂM 2023
Tổng số quà đã trao: 150 suất.
II. NĂM 2024
Tổng số quà đã trao: 170 suất.
III. TỔNG HỢP CHUNG
Tổng số quà đã trao giai đoạn 2022 - 2024: 420 suất.
"""


def test_a_total_naming_its_years_sums_the_sections_only_exactly() -> None:
    from welfare_rules.audit.read import Document, audit_document

    # 420 is one slip from 150 + 170, but a period's total may count a year not listed
    audit = audit_document(Document.from_text(PERIOD_TOTAL, name="x.txt"))
    assert [f for f in audit.result.findings if f.severity == "error"] == []
    exact = audit_document(Document.from_text(PERIOD_TOTAL.replace("420", "320"), name="x"))
    assert exact.complete


def test_a_lead_with_parts_of_its_own_keeps_them_over_numbered_sections() -> None:
    from welfare_rules.audit.extract import extract_report

    # a total with its own "trong đó" parts before sections 1 and 2 that also sum to it:
    # its parts stay (they had vanished from the report when the sections were taken)
    text = (
        "Tổng số 100 suất, trong đó 60 suất hộ nghèo, 40 suất hộ cận nghèo.\n"
        "1. Xã A: 50 suất\n2. Xã B: 50 suất\n"
    )
    counts = [n.count for _, n in extract_report(text).report.walk()]
    assert sorted(counts) == [40, 50, 50, 60, 100]


_ROUNDS = (
    "Kinh phí được giao: 500 người x 300.000 đồng = 150.000.000 đồng.\n"
    "   Đợt 1: 320 người x 300.000 đồng = 96.000.000 đồng;\n"
    "   Đợt 2: 150 người x 300.000 đồng = 45.000.000 đồng;\n"
    "   Lũy kế: 470 người, 141.000.000 đồng.\n"
)


def test_a_running_total_sums_the_rounds_above_it_not_the_allocation() -> None:
    """``Lũy kế`` closes the rounds (``Đợt 1``, ``Đợt 2``), even with a slip in it; the
    allocation above them is no round. It had been a figure no check covered."""
    audit = _audit(_ROUNDS)
    assert [f for f in audit.result.findings if f.severity == "error"] == []
    allocated, running = audit.report.nodes
    assert (allocated.count, running.count) == (500, 470)
    assert [part.label for part in running.children] == ["Đợt 1", "Đợt 2"]
    slipped = _audit(_ROUNDS.replace("141.000.000", "114.000.000")).result.findings
    assert [(f.line, f.suggested) for f in slipped if f.severity == "error"] == [(4, 141_000_000)]


def test_a_grand_total_of_lettered_sections_sums_their_totals() -> None:
    """``TỔNG CỘNG (A + B)`` over ``Cộng A`` and ``Cộng B``, each section under a heading
    of its own: the sections' totals, named by their own labels."""
    text = (
        "## A. Quà của tỉnh\n- Hộ nghèo: 45 suất, 13.500.000 đồng.\n- Hộ cận nghèo: 30 suất, 6.000.000 đồng.\n"
        "Cộng A: 75 suất, 19.500.000 đồng.\n"
        "## B. Quà của huyện\n- Người cao tuổi: 20 suất, 4.000.000 đồng.\n- Trẻ em: 10 suất, 2.000.000 đồng.\n"
        "Cộng B: 30 suất, 6.000.000 đồng.\n"
        "TỔNG CỘNG (A + B): 105 suất, 25.500.000 đồng.\n"
    )
    audit = _audit(text)
    (grand,) = [node for node in audit.report.nodes if node.children]
    assert [child.label for child in grand.children] == ["Cộng A", "Cộng B"]
    wrong = _audit(text.replace("105 suất", "150 suất")).result.findings
    assert [(f.line, f.suggested) for f in wrong if f.severity == "error"] == [(9, 105)]


@pytest.mark.parametrize(
    "running",
    [
        "Lũy kế từ đầu năm: 1.350 người, 405.000.000 đồng.",
        "Lũy kế các năm: 1.350 người, 405.000.000 đồng.",
    ],
)
def test_a_running_total_reaching_further_back_than_the_rounds_closes_nothing(running: str) -> None:
    """Review 9, R1: rounds 3 and 4 do not make a running total from the year's start."""
    text = (
        "Đợt 3: 200 người x 300.000 đồng = 60.000.000 đồng.\n"
        "Đợt 4: 150 người x 300.000 đồng = 45.000.000 đồng.\n" + running + "\n"
    )
    audit = _audit(text)
    assert [f for f in audit.result.findings if f.severity == "error"] == []
    assert audit.status == 3  # its figures listed as not checked


@pytest.mark.parametrize(
    ("text", "errors"),
    [
        # lettered items stating figures, then their total (review 10, c01, c13)
        (
            "A. Quà của tỉnh: 200 suất, 60.000.000 đồng.\nB. Quà của huyện: 150 suất, 30.000.000 đồng.\n"
            "Tổng cộng: 350 suất, 90.000.000 đồng.\n",
            [],
        ),
        (
            "A. Quà của tỉnh: 200 suất, 60.000.000 đồng.\nB. Quà của huyện: 150 suất, 30.000.000 đồng.\n"
            "Tổng cộng: 350 suất, 95.000.000 đồng.\n",
            [3],
        ),
        # a section stating its own figures beside one with its Cộng (review 10, g16)
        (
            "A. Quà của tỉnh: 200 suất, 60.000.000 đồng\nB. Quà của huyện\n- Hộ nghèo: 100 suất, 20.000.000 đồng\n"
            "- Hộ cận nghèo: 50 suất, 10.000.000 đồng\nCộng B: 150 suất, 30.000.000 đồng\n"
            "D. Quà của xã: 50 suất, 5.000.000 đồng\nTỔNG CỘNG (A + B + D): 400 suất, 95.000.000 đồng\n",
            [],
        ),
    ],
)
def test_lettered_items_and_sections_are_summed(text: str, errors: list[int]) -> None:
    audit = _audit(text)
    assert [f.line for f in audit.result.findings if f.severity == "error"] == errors
    assert audit.result.edits >= 2


def test_a_running_total_of_the_same_people_restates_their_count() -> None:
    """``Lũy kế 2 tháng: 320 người, 192.000.000 đồng`` over two months of 320 people:
    the amounts add up, the count is the same people again (review 9, k11)."""
    text = (
        "Tháng 1: 320 người, 96.000.000 đồng.\nTháng 2: 320 người, 96.000.000 đồng.\n"
        "Lũy kế 2 tháng: 320 người, 192.000.000 đồng.\n"
    )
    assert [f for f in _audit(text).result.findings if f.severity == "error"] == []
    # a slip in it: no round adds up to it exactly, so it closes nothing (it may reach
    # further back) and is listed as not checked, never called consistent
    assert _audit(text.replace("192.000.000", "129.000.000")).status == 3


_LEVELS_THEN_TABLE = """\
Quà của huyện: mức 600.000 đồng cho thương binh nặng; mức 300.000 đồng cho các đối tượng khác.

| STT | Xã | Số suất | Mức (đồng/suất) | Thành tiền (đồng) |
|---|---|---|---|---|
| 1 | Xã A | 45 | 300.000 | 13.500.000 |
| 2 | Xã B | 27 | 600.000 | 16.200.000 |
| | Tổng cộng | 72 | | 29.700.000 |

Toàn huyện đã trao 72 suất quà với tổng kinh phí 29.700.000 đồng.
"""


def test_a_level_above_a_table_pricing_its_rows_prices_nothing_after_it() -> None:
    # found by a probe: "mức 300.000 đồng" above the table went on to the prose total
    # after it (72 × 300.000 ≠ 29.700.000, a false error on a correct report)
    audit = _audit(_LEVELS_THEN_TABLE)
    assert audit.status == 0
    wrong = _audit(
        _LEVELS_THEN_TABLE.replace("với tổng kinh phí 29.700.000", "với tổng kinh phí 27.900.000")
    )
    assert [(f.line, f.reported, f.suggested) for f in wrong.result.findings] == [
        (9, 27_900_000, 29_700_000)
    ]


_SHARES_THEN_BULLETS = """\
Xã có 1.247 hộ; theo rà soát có 127 hộ nghèo (10,2%) và 214 hộ cận nghèo (17,2%).

Kết quả chi quà Tết:

* Hộ nghèo: 127 hộ, mỗi hộ 500.000 đồng, cộng 63.500.000 đồng.
* Hộ cận nghèo: 214 hộ, mỗi hộ 300.000 đồng, cộng 64.200.000 đồng.

**Tổng kinh phí: 127.700.000 đồng**.
"""


def test_bullets_are_no_parts_of_the_last_figure_of_a_sentence_of_several() -> None:
    # found by a probe: "214 hộ cận nghèo" at the end of a sentence of three counts took
    # the first bullet as its part, so the total below summed the other bullets only
    # (a false error on a correct report)
    audit = _audit(_SHARES_THEN_BULLETS)
    assert [f for f in audit.result.findings if f.severity == "error"] == []
    wrong = _audit(_SHARES_THEN_BULLETS.replace("cộng 63.500.000", "cộng 63.000.000"))
    assert [(f.line, f.reported, f.suggested) for f in wrong.result.findings] == [
        (5, 63_000_000, 63_500_000)
    ]


def test_a_sentence_of_several_figures_ending_with_a_colon_leads_its_list() -> None:
    text = (
        "Toàn phường có 2.318 người cao tuổi. Năm nay mừng thọ 412 cụ, chiếm 17,8%:\n"
        "- Tuổi 70: 210 cụ\n- Tuổi 75: 120 cụ\n- Tuổi 80: 82 cụ\n"
    )
    audit = _audit(text)
    assert audit.result.edits == 1  # 412 = 210 + 120 + 82
    # a list not announced is taken where it adds up only: a slip leaves it unchecked
    wrong = _audit(text.replace("120 cụ", "102 cụ"))
    assert wrong.result.findings == ()
    assert wrong.status == 3


_ROUNDED_LEAD = """\
Năm nay, tổng kinh phí chăm lo Tết của huyện đạt 2,37 tỷ đồng.
Cụ thể, quà của Chủ tịch nước cho 1.581 người, tổng trị giá 474.300.000 đồng.
Quà của tỉnh cho 2.960 hộ nghèo, mức 500.000 đồng/hộ (1.480.000.000 đồng).
Các nhà hảo tâm ủng hộ 412.000.000 đồng.
Cộng lại, tổng kinh phí là {total} đồng.
"""


def test_a_rounded_total_above_the_parts_restates_the_closing_total() -> None:
    # found by a probe: the rounded lead was summed as a part of the exact closing total
    # (a false error of twice the total)
    audit = _audit(_ROUNDED_LEAD.format(total="2.366.300.000"))
    assert [f for f in audit.result.findings if f.severity == "error"] == []
    wrong = _audit(_ROUNDED_LEAD.format(total="2.363.600.000"))
    assert [
        (f.line, f.reported, f.suggested) for f in wrong.result.findings if f.severity == "error"
    ] == [(5, 2_363_600_000, 2_366_300_000)]


_LEAD_LEVEL_SECTIONS = """\
Tổng kinh phí đã chi: 1.341.750.000 đồng, cho {count} đối tượng.
Mức quà được tính theo mức chuẩn trợ giúp xã hội 500.000 đồng, cụ thể:
1. Người cao tuổi
- Nhóm hệ số 1,5: 1.246 người x 1,5 x 500.000 đồng = 934.500.000 đồng;
- Nhóm hệ số 2,0: 318 người x 2,0 x 500.000 đồng = 318.000.000 đồng.
Cộng mục 1: 1.564 người, 1.252.500.000 đồng.
2. Trẻ em mồ côi
- Nhóm hệ số 2,5: 57 người x 2,5 x 500.000 đồng = 71.250.000 đồng;
- Nhóm hệ số 3,0: 12 người x 3,0 x 500.000 đồng = 18.000.000 đồng.
Cộng mục 2: 69 người, 89.250.000 đồng.
3. Đánh giá chung
Việc chi trả hoàn thành; năm trước chi khoảng 1,2 tỷ đồng cho 1.500 người.
"""


def test_a_total_above_numbered_sections_sums_them_past_a_level_and_a_later_section() -> None:
    # found on a held-out report: the level stated between the total and section 1, and
    # section 3's two records, kept the total from its sections (a count slip passed)
    right = _audit(_LEAD_LEVEL_SECTIONS.format(count="1.633"))
    assert [f for f in right.result.findings if f.severity == "error"] == []
    wrong = _audit(_LEAD_LEVEL_SECTIONS.format(count="1.634"))
    assert [
        (f.line, f.reported, f.suggested) for f in wrong.result.findings if f.severity == "error"
    ] == [(1, 1_634, 1_633)]


def test_a_line_of_levels_per_group_prices_no_table_under_it() -> None:
    # which rows are whose the line does not say: the last level (300.000) had priced
    # the table's total and every row, seven false errors on one workbook
    from welfare_rules.audit.read import Document, audit_document

    text = (
        "Hộ nghèo: mức 500.000 đồng/hộ; hộ cận nghèo: mức 300.000 đồng/hộ\n"
        "| STT | Thôn | Số hộ | Thành tiền (đồng) |\n"
        "| 1 | Thôn A | 14 | 7.000.000 |\n"
        "| 2 | Thôn B | 11 | 5.500.000 |\n"
        "| 3 | Thôn C | 18 | 9.000.000 |\n"
        "|  | Cộng | 43 | 21.500.000 |\n"
    )
    audit = audit_document(Document.from_text(text, name="x.md"))
    assert [f for f in audit.result.findings if f.severity == "error"] == []


def test_a_closing_total_stating_the_tables_total_again_restates_it() -> None:
    # prose figures above the table are no parts of the closing "Tổng kinh phí …" that
    # states the table's total again (a false "4.299.400.000 ≠ 7.693.500.000")
    from welfare_rules.audit.read import Document, audit_document

    text = (
        "Quà của Chủ tịch nước gồm 75 suất với kinh phí 31.500.000 đồng.\n\n"
        "| STT | Nguồn quà | Số suất | Mức (đồng/suất) | Thành tiền (đồng) |\n"
        "| 1 | Quà Chủ tịch nước mức 600.000 đồng | 30 | 600.000 | 18.000.000 |\n"
        "| 2 | Quà Chủ tịch nước mức 300.000 đồng | 45 | 300.000 | 13.500.000 |\n"
        "| 3 | Quà của huyện | 20 | 400.000 | 8.000.000 |\n"
        "|  | Tổng cộng | 95 |  | 39.500.000 |\n\n"
        "Tổng kinh phí tặng quà trên địa bàn huyện là 39.500.000 đồng.\n"
    )
    for written in ("39.500.000 đồng.", "39.800.000 đồng."):
        audit = audit_document(
            Document.from_text(text.replace("39.500.000 đồng.", written), name="x.md")
        )
        errors = [f for f in audit.result.findings if f.severity == "error"]
        assert [(f.line, f.suggested) for f in errors] == (
            [] if written.startswith("39.5") else [(9, 39_500_000)]
        )


def test_a_records_level_goes_to_its_parts_that_bear_it_out() -> None:
    from welfare_rules.audit._lines import Rec
    from welfare_rules.audit._structure import pass_levels_to_parts

    rows = [
        Rec(line=3, label="Xã A", count=12, amount=6_000_000),
        Rec(line=4, label="Xã B", count=8, amount=4_000_000),
        Rec(line=5, label="Xã C", count=5, amount=2_000_000),  # one slip off it: still
    ]
    lead = Rec(line=1, label="Toàn huyện", count=25, level=500_000, children=rows)
    pass_levels_to_parts([lead])
    assert [row.level for row in rows] == [500_000] * 3
    assert rows[0].figure_lines == {"level": 1}
    # rows at levels of their own (two off it) take none
    other = [Rec(line=3, count=12, amount=3_600_000), Rec(line=4, count=8, amount=2_400_000),
             Rec(line=5, count=5, amount=2_500_000)]  # fmt: skip
    pass_levels_to_parts([Rec(line=1, count=25, level=500_000, children=other)])
    assert [row.level for row in other] == [None] * 3


def test_levels_named_per_group_go_to_each_groups_parts() -> None:
    from welfare_rules.audit._lines import Rec
    from welfare_rules.audit._structure import pass_levels_by_name

    a = Rec(line=4, label="Nhóm A", level=500_000)
    b = Rec(line=4, label="nhóm B", level=300_000)
    parts = [
        Rec(line=6, label="Thôn 1: Nhóm A", count=2, amount=1_000_000),
        Rec(line=6, label="Thôn 1: Nhóm B", count=3, amount=900_000),
        Rec(line=7, label="Thôn 2: Nhóm A", count=4, amount=2_000_000),
        Rec(line=7, label="Thôn 2: Nhóm B", count=1, amount=300_000),
    ]
    total = Rec(line=8, label="Cộng", amount=4_200_000, children=parts)
    pass_levels_by_name([a, b, total])
    assert [part.level for part in parts] == [500_000, 300_000, 500_000, 300_000]
