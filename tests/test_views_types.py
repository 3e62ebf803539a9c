"""Tests of welfare_rules.views.types: the audit's types are what the views are typed against."""

from __future__ import annotations

from welfare_rules.audit.extract import UnparsedLine
from welfare_rules.audit.findings import AuditResult
from welfare_rules.views.types import AuditResultLike, UnparsedLike


def test_the_audit_types_satisfy_the_protocols() -> None:
    result: AuditResultLike = AuditResult()
    line: UnparsedLike = UnparsedLine(line=1, text="1", numbers=("1",))
    assert isinstance(result, AuditResultLike)
    assert isinstance(line, UnparsedLike)
    assert result.to_dict(lang="en")["ok"] is True
    assert line.model_dump()["line"] == 1


def test_other_objects_do_not() -> None:
    assert not isinstance(object(), AuditResultLike)
    assert not isinstance({"line": 1}, UnparsedLike)
