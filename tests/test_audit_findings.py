"""Tests for audit/findings.py: Finding, AuditResult, order and JSON."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from welfare_rules._i18n import Text
from welfare_rules.audit.findings import AuditResult, Candidate, FigurePlace, Finding, ordered

_ISSUE_5_KEYS = {
    "kind",
    "severity",
    "line",
    "field",
    "reported",
    "expected",
    "suggested",
    "candidates",
    "message",
}


def _finding(
    line: int | None, *, severity: str = "error", kind: str = "product_mismatch"
) -> Finding:
    return Finding(
        kind=kind,  # type: ignore[arg-type]
        severity=severity,  # type: ignore[arg-type]
        message=Text(vi=f"dòng {line}", en=f"line {line}"),
        line=line,
        field="amount",
        reported=10,
        expected=12,
        difference=-2,
        candidates=(
            Candidate(
                figure="n0_amount",
                path=(0,),
                label="x",
                field="amount",
                value=12,
                family="digit_replaced",
            ),
        ),
    )


def test_json_shape() -> None:
    data = _finding(37).to_dict()
    assert set(data) >= _ISSUE_5_KEYS
    assert data["message"] == {"vi": "dòng 37", "en": "line 37"}
    assert data["candidates"][0]["value"] == 12
    assert data["candidates"][0]["path"] == [0]
    assert _finding(37).to_dict(lang="en")["message"] == "line 37"
    json.dumps(data)


def test_to_json_is_a_deprecated_alias_of_to_dict() -> None:
    finding = _finding(37)
    result = AuditResult(findings=(finding,), edits=1, figures=3)
    with pytest.deprecated_call():
        assert finding.to_json(lang="en") == finding.to_dict(lang="en")
    with pytest.deprecated_call():
        assert result.to_json() == result.to_dict()
    with pytest.deprecated_call():
        assert finding.candidates[0].to_json() == finding.candidates[0].to_dict()
    place = FigurePlace(figure="n0_amount", path=(0,), line=2, field="amount")
    with pytest.deprecated_call():
        assert place.to_json() == {"figure": "n0_amount", "path": [0], "line": 2, "field": "amount"}


def test_html_and_frame_hooks_reach_the_views() -> None:
    from welfare_rules.views.html import audit_html

    result = AuditResult(findings=(_finding(37),), edits=1, figures=3)
    assert result._repr_html_() == audit_html(result)
    assert "dòng 37" in result._repr_html_()


def test_order_ok_and_summary() -> None:
    findings = [
        _finding(None),
        _finding(40),
        _finding(3, severity="warning", kind="claim_violated"),
    ]
    assert [f.line for f in ordered(findings)] == [3, 40, None]
    result = AuditResult(findings=ordered(findings), edits=5, figures=9)
    assert not result.ok
    assert result.summary() == {
        "ok": False,
        "errors": 2,
        "warnings": 1,
        "info": 0,
        "edits": 5,
        "figures": 9,
        "cut_short": False,
    }
    assert result.to_dict(lang="vi")["findings"][0]["message"] == "dòng 3"
    assert AuditResult(findings=(findings[2],)).ok
    assert _finding(40).describe("en") == "line 40: line 40"
    assert _finding(None).describe("vi") == "dòng None"


def test_finding_is_strict() -> None:
    with pytest.raises(ValidationError):
        Finding(kind="nonsense", severity="error", message=Text("a", "b"))  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        Finding(kind="scale_slip", severity="error", message=Text("a", "b"), colour=1)  # type: ignore[call-arg]
