"""Tests for audit/subtrees.py: compiling some top-level subtrees equals the whole compile."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from welfare_rules.audit.compile import CompiledReport
from welfare_rules.audit.report import Claim, Node, Report
from welfare_rules.audit.subtrees import compile_subtrees

from .strategies import report_trees

_WIDE = Report(
    nodes=tuple(
        Node(
            label=f"top {i}",
            count=2,
            amount=10,
            line=i + 1,
            children=(
                Node(label="a", count=1, level=5, amount=5),
                Node(label="b", count=1, amount=5),
            ),
            claims=(Claim(expression="amount >= 5 * count"), Claim(expression="level > 1")),
        )
        for i in range(12)
    )
)


@settings(max_examples=60)
@given(report_trees(max_top=4), st.data())
@example(_WIDE, None)
def test_subtrees_compile_as_the_whole_report_does(
    report: Report, data: st.DataObject | None
) -> None:
    whole = report.compile()
    count = len(report.nodes)
    tops = data.draw(st.sets(st.integers(0, count - 1))) if data else {0, 2, 10, 11}
    inside = [name for name, ref in whole.figures.items() if ref.path[0] in tops]
    _same(compile_subtrees(report, tops), whole, tops, inside)
    assert compile_subtrees(report, sorted(tops, reverse=True)).edits == tuple(
        compile_subtrees(report, tops).edits
    )  # in any order given


def _same(part: CompiledReport, whole: CompiledReport, tops: set[int], inside: list[str]) -> None:
    assert list(part.values) == inside
    assert part.values == {name: whole.values[name] for name in inside}
    assert part.figures == {name: whole.figures[name] for name in inside}
    expected = [e for e in whole.edits if any(whole.figures[n].path[0] in tops for n in e.figures)]
    assert [(e.terms, e.op, e.kind, e.subject, e.text) for e in part.edits] == [
        (e.terms, e.op, e.kind, e.subject, e.text) for e in expected
    ]
    assert part.unchecked == tuple(u for u in whole.unchecked if u.path[0] in tops)


def test_no_subtree_compiles_to_nothing() -> None:
    part = compile_subtrees(_WIDE, [])
    assert (part.edits, part.values, part.figures, part.unchecked) == ((), {}, {}, ())
