"""Checking the arithmetic of welfare reports: the report tree, edits, diagnosis, findings.

Names are loaded lazily, as in the top-level package.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import lazy_exports

if TYPE_CHECKING:
    from .compile import CompiledReport, FigureRef, compile_report
    from .diagnose import Change, EditCheck, Explanation, check_edits
    from .edits import Edit, parse_edit
    from .findings import AuditResult, Candidate, Finding
    from .reconciliation import reconcile
    from .report import Citation, Claim, Node, Report, Restatement

_EXPORTS: dict[str, str] = {
    "AuditResult": "findings",
    "Candidate": "findings",
    "Change": "diagnose",
    "Citation": "report",
    "Claim": "report",
    "CompiledReport": "compile",
    "Edit": "edits",
    "EditCheck": "diagnose",
    "Explanation": "diagnose",
    "FigureRef": "compile",
    "Finding": "findings",
    "Node": "report",
    "Report": "report",
    "Restatement": "report",
    "check_edits": "diagnose",
    "compile_report": "compile",
    "parse_edit": "edits",
    "reconcile": "reconciliation",
}

__all__ = [
    "AuditResult",
    "Candidate",
    "Change",
    "Citation",
    "Claim",
    "CompiledReport",
    "Edit",
    "EditCheck",
    "Explanation",
    "FigureRef",
    "Finding",
    "Node",
    "Report",
    "Restatement",
    "check_edits",
    "compile_report",
    "parse_edit",
    "reconcile",
]


__getattr__, __dir__ = lazy_exports(__name__, globals(), _EXPORTS)
