"""Tests of welfare_rules.audit.quick: the fast pass agrees exactly with the compiled edits."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
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


@settings(max_examples=60)
@given(report_trees(), st.integers(0, 40), st.sampled_from([-1000, -1, 1, 9, 1000]))
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
