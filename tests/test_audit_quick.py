"""Tests of welfare_rules.audit.quick: the fast pass agrees exactly with the compiled edits."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from welfare_rules.audit.quick import quick_check
from welfare_rules.audit.report import Claim, Node, Report, Restatement

from .strategies import report_trees


def _compiled_verdict(report: Report) -> tuple[bool, int, int]:
    compiled = report.compile()
    return (
        all(edit.holds(compiled.values) for edit in compiled.edits),
        len(compiled.edits),
        len(compiled.values),
    )


def _bump(report: Report, index: int, delta: int) -> Report:
    """``report`` with the ``index``-th stated figure (in walk order) changed by ``delta``."""
    seen = 0

    def rebuild(node: Node) -> Node:
        nonlocal seen
        update: dict[str, object] = {}
        for field in ("count", "level", "amount"):
            value = getattr(node, field)
            if value is not None:
                if seen == index:
                    update[field] = max(0, value + delta)
                seen += 1
        update["children"] = tuple(rebuild(child) for child in node.children)
        return node.model_copy(update=update)

    return report.model_copy(update={"nodes": tuple(rebuild(node) for node in report.nodes)})


# Parts priced as count × level under a total amount ("14 suất mức 600.000đ và 82 suất
# mức 300.000đ, tổng 33 triệu"): the fast pass once skipped their sum, and called a wrong
# total consistent.
_PRICED = Report(
    nodes=(
        Node(
            label="tổng",
            amount=33_000_000,
            children=(
                Node(label="mức 600.000đ", count=14, level=600_000),
                Node(label="mức 300.000đ", count=82, level=300_000),
            ),
        ),
    )
)
# Funding sources each paying a level on every gift of the total.
_PER_GIFT = Report(
    nodes=(
        Node(
            label="Tổng kinh phí",
            count=3640,
            level=600_000,
            amount=2_184_000_000,
            children=(
                Node(
                    label="Ngân sách tỉnh", level=300_000, amount=1_092_000_000, source="provincial"
                ),
                Node(label="Ngân sách huyện", level=200_000, amount=728_000_000, source="district"),
                Node(label="Ngân sách xã", level=50_000, amount=182_000_000, source="commune"),
                Node(label="Xã hội hóa", amount=182_000_000, source="socialized"),
            ),
        ),
    )
)


@settings(max_examples=60)
@given(report_trees(), st.integers(0, 40), st.sampled_from([-1000, -1, 1, 9, 1000]))
@example(_PRICED, 0, 1000)
@example(_PRICED, 1, 1)
@example(_PER_GIFT, 4, -1)
@example(_PER_GIFT, 6, 1000)
@example(_PER_GIFT, 0, 1)
def test_quick_check_agrees_with_compiled_edits(report: Report, index: int, delta: int) -> None:
    for candidate in (report, _bump(report, index, delta)):
        quick = quick_check(candidate)
        assert quick.complete
        consistent, edits, figures = _compiled_verdict(candidate)
        assert quick.consistent == consistent
        assert quick.edits == edits
        assert quick.figures == figures


@given(report_trees())
def test_generated_trees_are_consistent(report: Report) -> None:
    assert quick_check(report).consistent


def test_partial_lists_are_inequalities() -> None:
    parts = (Node(label="a", count=2), Node(label="b", count=3))
    whole = Node(label="total", count=7, children=parts, children_complete=False)
    assert quick_check(Report(nodes=(whole,))).consistent
    short = whole.model_copy(update={"count": 4})
    assert not quick_check(Report(nodes=(short,))).consistent


def test_restatement_and_product() -> None:
    line = Node(
        label="Mức 500.000đ",
        count=5502,
        level=500_000,
        amount=2_721_000_000,
        restatements=(Restatement(field="amount", value=2_721_000_000),),
    )
    quick = quick_check(Report(nodes=(line,)))
    assert (quick.consistent, quick.edits, quick.figures) == (False, 2, 4)
    fixed = line.model_copy(
        update={
            "amount": 2_751_000_000,
            "restatements": (Restatement(field="amount", value=2_751_000_000),),
        }
    )
    assert quick_check(Report(nodes=(fixed,))).consistent


def test_claims_are_checked_or_left_to_the_full_path() -> None:
    average = Claim(expression="amount > 400000 * count")
    gifts = Node(label="XHH", count=6280, amount=2_714_450_000, claims=(average,))
    quick = quick_check(Report(nodes=(gifts,)))
    assert (quick.consistent, quick.complete, quick.edits) == (True, True, 1)
    cheap = gifts.model_copy(update={"amount": 2_000_000_000})
    assert not quick_check(Report(nodes=(cheap,))).consistent
    about_level = Node(label="x", count=1, amount=5, claims=(Claim(expression="level > 0"),))
    assert not quick_check(Report(nodes=(about_level,))).complete


@settings(max_examples=60)
@given(report_trees(max_top=4), st.integers(0, 60), st.sampled_from([-1000, -1, 1, 9]))
def test_broken_lists_the_top_level_nodes_with_a_violated_edit(
    report: Report, index: int, delta: int
) -> None:
    candidate = _bump(report, index, delta)
    compiled = candidate.compile()
    expected = sorted(
        {
            compiled.figures[edit.figures[0]].path[0]
            for edit in compiled.edits
            if not edit.holds(compiled.values)
        }
    )
    assert list(quick_check(candidate).broken) == expected


def test_many_distinct_claims_are_each_parsed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    import welfare_rules.audit.quick as quick

    parsed: list[str] = []
    original = quick._claim_edit.__wrapped__

    def counting(expression: str) -> object:
        parsed.append(expression)
        return original(expression)

    monkeypatch.setattr(quick, "_claim_edit", counting)
    nodes = tuple(
        Node(
            label=str(i),
            count=1,
            amount=1000 + i % 3000,
            claims=(Claim(expression=f"amount >= {i % 3000} * count"),),
        )
        for i in range(6000)
    )
    result = quick_check(Report(nodes=nodes))
    assert result.consistent
    assert len(parsed) == 3000  # each distinct expression once, however many claims


def test_priced_parts_and_per_gift_shares_are_checked() -> None:
    assert quick_check(_PRICED).consistent
    assert quick_check(_PRICED).edits == 1
    wrong = _bump(_PRICED, 0, 1_000_000)
    assert not quick_check(wrong).consistent
    assert quick_check(_PER_GIFT).consistent
    assert quick_check(_PER_GIFT).edits == 5  # its product, the sum, three per-gift products
    # the district's 728.000.000 typed 782.000.000, the socialized 182 typed 128: the
    # sum still holds, the district's product does not
    typed = _bump(_bump(_PER_GIFT, 6, 54_000_000), 9, -54_000_000)
    assert not quick_check(typed).consistent
    # levels adding up to more than the total's: no per-gift product is assumed
    assert quick_check(_bump(_PER_GIFT, 5, 54_000_000)).edits == 2


def test_a_second_breakdown_is_left_to_the_full_path() -> None:
    from welfare_rules.audit import reconcile

    sources = Node(
        label="Nguồn kinh phí",
        split=True,
        children=(Node(label="huyện", amount=70), Node(label="xã", amount=40)),
    )
    total = Node(label="Tổng", amount=100, children=(Node(label="A", amount=100), sources))
    check = quick_check(Report(nodes=(total,)))
    assert not check.complete
    assert check.broken == (0,)
    (finding,) = reconcile(Report(nodes=(total,))).findings
    # the total is held by its first breakdown: the sources are the suspects, not it
    assert (finding.kind, finding.path, finding.reported) == ("amount_sum_mismatch", (0,), 100)
    assert {candidate.value for candidate in finding.candidates} == {60, 30}


@pytest.mark.parametrize(
    ("amount", "consistent"), [(935_250_000, True), (935_250_001, False), (623_500_000, False)]
)
def test_a_product_at_a_coefficient_is_count_level_factor_over_its_divisor(
    amount: int, consistent: bool
) -> None:
    node = Node(label="x", count=1_247, level=500_000, factor=3, factor_per=2, amount=amount)
    assert quick_check(Report(nodes=(node,))).consistent is consistent
    total = Node(label="t", amount=amount, children=(node.model_copy(update={"amount": None}),))
    assert quick_check(Report(nodes=(total,))).consistent is consistent


def test_a_part_at_a_coefficient_under_a_total_is_checked_with_its_divisor() -> None:
    part = Node(label="x", count=1_247, level=500_000, factor=3, factor_per=2, amount=935_250_000)
    total = Node(label="t", amount=935_250_000, children=(part,))
    assert quick_check(Report(nodes=(total,))).consistent
    wrong = total.model_copy(update={"children": (part.model_copy(update={"amount": 1}),)})
    assert not quick_check(Report(nodes=(wrong,))).consistent
