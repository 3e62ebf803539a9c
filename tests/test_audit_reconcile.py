"""Tests for audit/reconcile.py: findings from a report tree."""

from __future__ import annotations

from welfare_rules import reconcile
from welfare_rules.audit.report import Claim, Node, Report, Restatement


def test_consistent_report_has_no_finding() -> None:
    lines = (
        Node(label="600k", count=22, level=600_000, amount=13_200_000, line=5),
        Node(label="300k", count=1229, level=300_000, amount=368_700_000, line=6),
    )
    node = Node(
        label="central",
        count=1251,
        amount=381_900_000,
        line=4,
        children=lines,
        claims=(Claim(expression="amount > 300000 * count"),),
        restatements=(Restatement(field="count", value=1251, line=20),),
    )
    result = reconcile(Report(nodes=(node,)))
    assert result.ok
    assert result.findings == ()
    assert result.edits == 6


def test_claim_violation_is_a_warning_and_unchecked_claim_is_info() -> None:
    node = Node(
        label="s",
        count=6280,
        amount=2_512_000_000,
        line=7,
        claims=(Claim(expression="amount > 400000 * count"), Claim(expression="level > 1")),
    )
    result = reconcile(Report(nodes=(node,)))
    assert [(f.kind, f.severity) for f in result.findings] == [
        ("claim_violated", "warning"),
        ("claim_unchecked", "info"),
    ]
    assert result.ok
    assert "6.280" in result.findings[0].message.en
