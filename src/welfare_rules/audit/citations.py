"""Checks on the legal instruments a report cites (owned by the text-extraction work).

A stub for now: :func:`check_citations` returns no finding. It will report an instrument
cited with two dates, one dated after the report, and one cited twice in a list.
"""

from __future__ import annotations

from .findings import Finding
from .report import Report


def check_citations(report: Report) -> list[Finding]:
    """Findings about ``report.citations`` (none yet)."""
    del report
    return []


__all__ = ["check_citations"]
