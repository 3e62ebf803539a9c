"""Tests for audit/report.py: the tree, its JSON round trip, and Report.edits()."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from welfare_rules.audit.report import Citation, Claim, Node, Report, Restatement


def _report() -> Report:
    leaf = Node(label="500k", count=5502, level=500_000, amount=2_721_000_000, line=37)
    return Report(
        title="t",
        date=dt.date(2024, 3, 4),
        nodes=(
            Node(
                label="provincial",
                count=5502,
                amount=2_751_000_000,
                children=(leaf,),
                restatements=(Restatement(field="count", value=5502),),
                claims=(Claim(expression="amount >= 500000 * count"),),
            ),
        ),
        citations=(Citation(instrument="1583/QĐ-CTN", date=dt.date(2023, 12, 26)),),
    )


def test_json_round_trip() -> None:
    report = _report()
    assert Report.model_validate_json(report.model_dump_json()) == report


def test_walk_node_labels() -> None:
    report = _report()
    assert [path for path, _ in report.walk()] == [(0,), (0, 0)]
    assert report.node((0, 0)).line == 37
    assert report.labels((0, 0)) == ("provincial", "500k")
    with pytest.raises(IndexError):
        report.node(())


def test_money_is_strict_int() -> None:
    with pytest.raises(ValidationError):
        Node(label="x", amount=1.0)  # type: ignore[arg-type]


def test_edits_and_compile() -> None:
    report = _report()
    edits = report.edits()
    assert [edit.kind for edit in edits] == [
        "count_sum",
        "amount_sum",
        "restatement",
        "claim",
        "product",
    ]
    violated = [edit for edit in edits if not edit.holds(report.compile().values)]
    assert [edit.kind for edit in violated] == ["amount_sum", "product"]
