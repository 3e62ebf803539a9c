"""Tests for audit/compile.py: a report tree compiled into edits, names mapped back."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from welfare_rules import reconcile
from welfare_rules.audit.compile import (
    FigureRef,
    compile_report,
    counts_by_parts,
    figure_name,
    figure_place,
    per_gift_parts,
    per_gift_sources,
    priced_terms,
)
from welfare_rules.audit.edits import parse_edit
from welfare_rules.audit.nodes import FIGURE_FIELDS
from welfare_rules.audit.report import Claim, Node, Report, Restatement
from welfare_rules.errors import ReportDataError

from .strategies import report_trees


def _table(*, complete: bool = True) -> Report:
    lines = (
        Node(label="600k", count=22, level=600_000, amount=13_200_000, line=5),
        Node(label="300k", count=1229, level=300_000, amount=368_700_000, line=6),
    )
    return Report(
        nodes=(
            Node(
                label="central",
                count=1251,
                amount=381_900_000,
                line=4,
                children=lines,
                children_complete=complete,
                restatements=(Restatement(field="amount", value=381_900_000, line=9),),
                claims=(Claim(expression="amount > 300000 * count", line=4),),
            ),
        )
    )


def test_names() -> None:
    assert figure_name((0, 1, 3), "amount") == "n0_1_3_amount"
    assert figure_name((2,), "count", 1) == "n2_r1_count"


def test_edits_of_a_table() -> None:
    compiled = compile_report(_table())
    assert set(compiled.edits) == {
        parse_edit("n0_count == n0_0_count + n0_1_count"),
        parse_edit("n0_amount == n0_0_amount + n0_1_amount"),
        parse_edit("n0_0_count * n0_0_level == n0_0_amount"),
        parse_edit("n0_1_count * n0_1_level == n0_1_amount"),
        parse_edit("n0_amount == n0_r0_amount"),
        parse_edit("n0_amount > 300000 * n0_count"),
    }
    kinds = {edit.kind for edit in compiled.edits}
    assert kinds == {"count_sum", "amount_sum", "product", "restatement", "claim"}
    assert compiled.values["n0_1_count"] == 1229
    assert compiled.figures["n0_r0_amount"] == FigureRef("n0_r0_amount", (0,), "amount", 9, 0)
    assert compiled.figures["n0_1_level"].kind == "money"
    assert compiled.kinds["n0_count"] == "count"
    assert all(edit.holds(compiled.values) for edit in compiled.edits)
    assert _table().edits() == compiled.edits


def test_partial_children_give_inequalities() -> None:
    edits = compile_report(_table(complete=False)).edits
    assert parse_edit("n0_count >= n0_0_count + n0_1_count") in edits
    assert parse_edit("n0_count == n0_0_count + n0_1_count") not in edits


def test_a_child_without_the_figure_means_no_sum() -> None:
    report = Report(
        nodes=(
            Node(
                label="t",
                count=3,
                amount=30,
                children=(Node(label="a", count=1, amount=10), Node(label="b", count=2)),
            ),
        )
    )
    edits = report.edits()
    assert [edit.kind for edit in edits] == ["count_sum"]


def test_claims() -> None:
    node = Node(label="s", amount=10, claims=(Claim(expression="amount > 400000 * count"),))
    compiled = compile_report(Report(nodes=(node,)))
    assert compiled.edits == ()
    assert compiled.unchecked[0].missing == ("count",)
    bad = Node(label="s", amount=10, claims=(Claim(expression="amount > total"),))
    with pytest.raises(ReportDataError, match="'total'"):
        compile_report(Report(nodes=(bad,)))
    worse = Node(label="s", amount=10, claims=(Claim(expression="amount >"),))
    with pytest.raises(ReportDataError, match="cannot be read"):
        compile_report(Report(nodes=(worse,)))


def test_restatement_of_a_missing_figure_is_ignored() -> None:
    node = Node(label="s", amount=10, restatements=(Restatement(field="count", value=3),))
    assert compile_report(Report(nodes=(node,))).edits == ()


def _places_walked(report: Report) -> dict[str, FigureRef]:
    """Every figure's place, built the way compile did before it read them lazily."""
    places: dict[str, FigureRef] = {}
    for path, node in report.walk():
        for field in FIGURE_FIELDS:
            if node.figure(field) is not None:
                name = figure_name(path, field)
                places[name] = FigureRef(name, path, field, node.line)
        for index, restated in enumerate(node.restatements):
            if node.figure(restated.field) is not None:
                name = figure_name(path, restated.field, index)
                places[name] = FigureRef(name, path, restated.field, restated.line, index)
    return places


@settings(max_examples=80)
@given(report_trees(max_top=4))
@example(_table())
def test_places_read_from_the_tree_equal_the_places_walked(report: Report) -> None:
    compiled = compile_report(report)
    walked = _places_walked(report)
    assert list(compiled.figures) == list(compiled.values) == list(walked)
    assert dict(compiled.figures.items()) == walked
    assert compiled.figures == walked
    assert len(compiled.figures) == len(walked)
    assert dict(compiled.kinds) == {name: ref.kind for name, ref in walked.items()}
    assert "n99_amount" not in compiled.figures
    assert compiled.kinds.get("n99_amount") is None
    with pytest.raises(KeyError):
        compiled.figures["n99_amount"]


@given(
    st.lists(st.integers(0, 10**6), min_size=1, max_size=6),
    st.sampled_from(["count", "level", "amount"]),
    st.none() | st.integers(0, 50),
)
@example([0], "amount", None)
@example([12, 3], "count", 1)
def test_figure_place_inverts_figure_name(
    path: list[int], field: str, restatement: int | None
) -> None:
    name = figure_name(tuple(path), field, restatement)  # type: ignore[arg-type]
    assert figure_place(name) == (tuple(path), field, restatement)


@pytest.mark.parametrize("name", ["x0_amount", "n0_total", "n", "n0"])
def test_figure_place_refuses_other_names(name: str) -> None:
    with pytest.raises(ValueError, match="not a figure name"):
        figure_place(name)


def test_a_claim_expression_is_parsed_once_per_compile(monkeypatch: pytest.MonkeyPatch) -> None:
    from welfare_rules.audit import compile as module

    seen: list[str] = []
    original = module._claim_expression

    def counting(path: tuple[int, ...], expression: str) -> object:
        seen.append(expression)
        return original(path, expression)

    monkeypatch.setattr(module, "_claim_expression", counting)
    claim = Claim(expression="amount >= 5 * count")
    nodes = tuple(Node(label=str(i), count=1, amount=5, claims=(claim,)) for i in range(50))
    compiled = compile_report(Report(nodes=nodes))
    assert seen == ["amount >= 5 * count"]
    assert [edit.subject for edit in compiled.edits] == [f"n{i}_amount" for i in range(50)]


def _funding(*parts: Node, count: int | None = 3640, level: int | None = 600_000) -> Node:
    return Node(
        label="Tổng kinh phí", count=count, level=level, amount=2_184_000_000, children=parts
    )


_PROVINCE = Node(label="Ngân sách tỉnh", level=300_000, amount=1_092_000_000, source="provincial")
_DISTRICT = Node(label="Ngân sách huyện", level=200_000, amount=728_000_000, source="district")
_PEOPLE = Node(label="Xã hội hóa", amount=364_000_000, source="socialized")


def test_a_funding_source_pays_its_level_on_every_gift_of_the_total() -> None:
    node = _funding(_PROVINCE, _DISTRICT, _PEOPLE)
    assert per_gift_parts(node) == [0, 1]
    edits = {edit.text for edit in Report(nodes=(node,)).compile().edits}
    assert "n0_count * n0_0_level == n0_0_amount" in edits
    assert "n0_count * n0_1_level == n0_1_amount" in edits


def test_no_per_gift_product_is_assumed_without_its_grounds() -> None:
    other = Node(label="Hộ nghèo", level=300_000, amount=1_092_000_000)
    dear = _DISTRICT.model_copy(update={"level": 350_000})
    counted = _DISTRICT.model_copy(update={"count": 3640})
    assert per_gift_parts(_funding(_PROVINCE, other)) == []  # a part is no funding source
    assert per_gift_parts(_funding(_PROVINCE, dear)) == []  # 650.000 > 600.000
    assert per_gift_parts(_funding(_PROVINCE, _DISTRICT, level=None)) == []
    assert per_gift_parts(_funding(_PROVINCE, _DISTRICT, count=None)) == []
    assert per_gift_parts(_funding(_PROVINCE, counted)) == [0]  # its own product instead


def test_priced_terms() -> None:
    priced = Node(label="mức 600.000đ", count=14, level=600_000)
    paid = Node(label="khác", amount=500_000)
    assert priced_terms(Node(label="t", amount=8_900_000, children=(priced, paid))) == [
        (0, True),
        (1, False),
    ]
    assert priced_terms(Node(label="t", amount=500_000, children=(paid,))) is None
    assert priced_terms(Node(label="t", amount=1, children=(Node(label="x", count=2),))) is None


def test_a_source_paying_on_some_gifts_only_is_not_assumed_to_pay_on_all() -> None:
    # found in review: 18.000.000 đồng at 300.000 đồng/suất under 100 suất is a province
    # paying on 60 gifts; no part's amount shows the per-gift reading, so none is assumed
    province = Node(label="Ngân sách tỉnh", level=300_000, amount=18_000_000, source="provincial")
    commune = Node(label="Ngân sách xã", amount=32_000_000, source="commune")
    total = Node(
        label="Tổng", count=100, level=500_000, amount=50_000_000, children=(province, commune)
    )
    assert per_gift_parts(total) == []
    # every part levelled and the levels making up the total's: shown without any product
    exact = province.model_copy(update={"level": 200_000, "amount": 20_000_000})
    rest = commune.model_copy(update={"level": 300_000, "amount": 31_000_000})
    both = total.model_copy(update={"children": (exact, rest)})
    assert per_gift_parts(both) == [0, 1]


def _split_report(state_amount: int = 337_100_000, district: int = 235_970_000) -> Report:
    """A total broken down by group, and a second time by funding source (Node.split)."""
    groups = (
        Node(label="70 tuổi", count=412, level=200_000, amount=82_400_000),
        Node(label="80 tuổi", count=850, level=300_000, amount=255_000_000),
        Node(label="100 tuổi", count=1, level=700_000, amount=700_000),
    )
    sources = Node(
        label="Nguồn kinh phí",
        split=True,
        children=(
            Node(label="Ngân sách huyện", amount=district),
            Node(label="Ngân sách xã", amount=101_130_000),
        ),
    )
    total = Node(label="Tổng số", count=1_263, amount=state_amount, children=(*groups, sources))
    return Report(nodes=(total,))


def test_a_second_breakdown_sums_to_its_parents_figures_apart_from_the_first() -> None:
    expressions = {str(edit) for edit in compile_report(_split_report()).edits}
    assert "n0_amount == n0_0_amount + n0_1_amount + n0_2_amount" in expressions
    assert "n0_amount == n0_3_0_amount + n0_3_1_amount" in expressions
    assert "n0_count == n0_0_count + n0_1_count + n0_2_count" in expressions
    assert all("n0_3_amount" not in expression for expression in expressions)


def test_a_two_way_tables_columns_are_summed_down() -> None:
    """The total row's source j is the sum of the rows' sources j (columns down), as
    well as each row's sources summing to its amount (across)."""
    from welfare_rules.audit.extract import extract_report

    text = (
        "| STT | Đơn vị | Tổng kinh phí | Ngân sách tỉnh | Ngân sách huyện |\n"
        "|---|---|---:|---:|---:|\n"
        "| 1 | Xã A | 50.000.000 | 30.000.000 | 20.000.000 |\n"
        "| 2 | Xã B | 30.000.000 | 18.000.000 | 12.000.000 |\n"
        "| | Tổng cộng | 80.000.000 | 48.000.000 | 32.000.000 |\n"
    )
    compiled = compile_report(extract_report(text).report)
    rendered = {str(edit) for edit in compiled.edits}
    assert "n0_2_0_amount == n0_0_0_0_amount + n0_1_0_0_amount" in rendered
    assert "n0_2_1_amount == n0_0_0_1_amount + n0_1_0_1_amount" in rendered


def test_a_part_stating_no_count_is_counted_by_its_parts() -> None:
    """``Tổng cộng 1.987 suất`` over ``quà của Chủ tịch nước gồm 356 suất … và 1.090 suất
    …, trị giá …`` (no count of its own) and two counted parts: the total's count sums
    the four counts. It had been checked by nothing but a hedged lead."""
    president = Node(
        label="Quà của Chủ tịch nước",
        amount=540_600_000,
        children=(
            Node(label="mức 600.000", count=356, level=600_000),
            Node(label="mức 300.000", count=1_090, level=300_000),
        ),
    )
    total = Node(
        label="Tổng cộng",
        count=1_987,
        amount=1_017_100_000,
        children=(
            president,
            Node(label="Quà của tỉnh", count=412, level=1_000_000),
            Node(label="Quà của huyện", count=129, level=500_000),
        ),
    )
    report = Report(nodes=(total,))
    compiled = report.compile()
    assert parse_edit("n0_count == n0_0_0_count + n0_0_1_count + n0_1_count + n0_2_count") in (
        compiled.edits
    )
    wrong = Report(nodes=(total.model_copy(update={"count": 1_978}),))
    (finding,) = reconcile(wrong).findings
    assert (finding.reported, finding.suggested) == (1_978, 1_987)


def test_a_part_listing_only_some_of_its_gifts_is_not_counted_by_them() -> None:
    """Review 9, R5: ``Quà của huyện: 80.000.000 đồng, trong đó 120 suất cho hộ nghèo``
    counts some of its gifts: no count of its own is made of them."""
    some = Node(
        label="Quà của huyện", amount=80_000_000, children=(Node(label="hộ nghèo", count=120),)
    )
    assert not counts_by_parts(some)
    partial = Node(
        label="Quà",
        amount=1,
        children_complete=False,
        children=(Node(label="a", count=1, level=1), Node(label="b", count=2, level=1)),
    )
    assert not counts_by_parts(partial)


def test_funding_sources_of_a_row_each_pay_their_level_on_its_gifts() -> None:
    sources = Node(
        label="nguồn kinh phí",
        split=True,
        children=(
            Node(label="Ngân sách huyện", level=200_000, amount=148_400_000, source="district"),
            Node(label="Ngân sách xã", level=150_000, amount=111_300_000, source="commune"),
        ),
    )
    row = Node(label="80 tuổi", count=742, amount=259_700_000, children=(sources,))
    assert per_gift_sources(row, sources) == [0, 1]
    edits = Report(nodes=(row,)).compile().edits
    assert parse_edit("n0_count * n0_0_0_level == n0_0_0_amount") in edits
    unshown = sources.model_copy(  # no part's amount is the row's count × its level
        update={"children": tuple(p.model_copy(update={"amount": 1}) for p in sources.children)}
    )
    assert per_gift_sources(row, unshown) == []


def test_parts_priced_at_a_coefficient_sum_in_whole_numbers() -> None:
    # "Cộng: 950.250.000 đồng" over "1.247 người x hệ số 1,5 x 500.000 đồng" and "12 em x
    # hệ số 2,5 x 500.000 đồng", no amounts of their own: 2 × total == 3 × … + 5 × …
    from welfare_rules.audit.compile import compile_report
    from welfare_rules.audit.report import Node, Report

    parts = (
        Node(label="NCT", count=1_247, level=500_000, factor=3, factor_per=2),
        Node(label="Trẻ em", count=12, level=500_000, factor=5, factor_per=2),
    )
    total = Node(label="Cộng", amount=950_250_000, children=parts)
    compiled = compile_report(Report(nodes=(total,)))
    (edit,) = [edit for edit in compiled.edits if edit.kind == "amount_sum"]
    assert edit.holds(compiled.values)
    assert not edit.holds({**compiled.values, "n0_amount": 950_250_001})


@given(
    st.lists(
        st.tuples(st.integers(min_value=0, max_value=10**9), st.booleans()), min_size=2, max_size=5
    )
)
@example([(48_350_000, False), (126_700_000, False), (127_600_000, True)])
def test_parts_taken_off_are_subtracted_in_the_sum(parts: list[tuple[int, bool]]) -> None:
    # "Tồn quỹ cuối kỳ: 48.350.000 + 126.700.000 - 127.600.000 = 47.450.000 đồng"
    from welfare_rules.audit.compile import compile_report
    from welfare_rules.audit.quick import quick_check

    parts[0] = (parts[0][0], False)
    balance = sum(-amount if off else amount for amount, off in parts)
    children = tuple(
        Node(label=f"p{i}", amount=amount, subtracted=off) for i, (amount, off) in enumerate(parts)
    )
    for total, holds in ((balance, True), (balance + 1, False)):
        if total < 0:
            continue
        report = Report(nodes=(Node(label="Tồn", amount=total, children=children),))
        compiled = compile_report(report)
        (edit,) = [edit for edit in compiled.edits if edit.kind == "amount_sum"]
        assert edit.holds(compiled.values) is holds
        assert quick_check(report).consistent is holds
        assert (reconcile(report).findings == ()) is holds


def test_a_divisor_alone_is_taken_as_quick_check_takes_it() -> None:
    # count × level == factor_per × amount, the factor 1: the full path and the fast pass
    # had disagreed (the product held in one, not in the other)
    from welfare_rules.audit.compile import compile_report
    from welfare_rules.audit.quick import quick_check

    node = Node(label="x", count=2, level=3, amount=3, factor_per=2)
    compiled = compile_report(Report(nodes=(node,)))
    (edit,) = compiled.edits
    assert edit.holds(compiled.values)
    assert quick_check(Report(nodes=(node,))).consistent
