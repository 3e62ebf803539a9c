"""Tests for audit/compile.py: a report tree compiled into edits, names mapped back."""

from __future__ import annotations

import pytest

from welfare_rules.audit.compile import FigureRef, compile_report, figure_name
from welfare_rules.audit.edits import parse_edit
from welfare_rules.audit.report import Claim, Node, Report, Restatement
from welfare_rules.errors import ReportDataError


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
