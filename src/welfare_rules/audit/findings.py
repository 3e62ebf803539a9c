"""Findings of an audit: what is wrong where, what was expected, and what to write instead.

A :class:`Finding` names a figure by its place in the report (node path, labels, source
line, field), says what was written and what the arithmetic expects, and carries a
suggested value when one correction explains the mismatch unambiguously, or the
``candidates`` when several tie. Its message exists in Vietnamese and English.
:class:`AuditResult` holds the findings in a fixed order; ``to_dict()`` is the JSON shape
of each (``to_json`` is its deprecated alias). Its HTML and DataFrame views are in
:mod:`welfare_rules.views`, reached through the ``_repr_html_`` and ``to_pandas`` hooks.
"""

from __future__ import annotations

import warnings
from decimal import Decimal
from typing import Any, Literal

from pydantic import Field

from .._i18n import Lang, Text
from .._types import FrozenModel
from .report import FigureField, NodePath

FindingKind = Literal[
    "product_mismatch",  # count × level ≠ amount
    "count_sum_mismatch",  # the parts' counts do not add up to the total
    "amount_sum_mismatch",  # the parts' amounts do not add up to the total
    "scale_slip",  # a dropped or an extra ".000"
    "claim_violated",  # "the average gift exceeds 400.000đ" does not hold
    "share_mismatch",  # a percentage that the figures it divides do not give
    "claim_unchecked",  # a claim about a figure the report does not state
    "restatement_mismatch",  # one figure written twice with two values
    "edit_violated",  # a hand-written edit that fits none of the kinds above
    "search_cut_short",  # the diagnosis ran out of its search budget
    "citation_date_conflict",  # an instrument cited with two dates (audit/citations.py)
    "citation_after_report",  # an instrument dated after the report itself
    "citation_repeated",  # the same instrument cited twice in one list
    # against the rules in force (audit/against_rules.py)
    "level_not_in_rules",  # a level the programme does not have on the date
    "amount_not_in_rules",  # count and amount no level of the programme can give
    "basis_date_mismatch",  # a cited instrument dated otherwise than the ruleset's basis
    "rules_not_checked",  # a line whose programme is not matched (or has nothing to check)
]
Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")

_FIELD_ORDER = {"count": 0, "level": 1, "amount": 2, None: 3}


def _deprecated(name: str) -> None:
    warnings.warn(
        f"{name}.to_json() is deprecated; use {name}.to_dict()", DeprecationWarning, stacklevel=3
    )


class Candidate(FrozenModel):
    """One possible correction among several that explain a mismatch equally well.

    Changes with the same ``group`` belong to one joint explanation.
    """

    figure: str
    path: NodePath
    label: str
    line: int | None = None
    field: FigureField
    value: int
    family: str
    group: int = 0

    def to_dict(self) -> dict[str, Any]:
        """A plain dict: figure, path, label, line, field, value, family, group."""
        data = self.model_dump()
        data["path"] = list(self.path)
        return data

    def to_json(self) -> dict[str, Any]:
        """Deprecated alias of :meth:`to_dict`."""
        _deprecated("Candidate")
        return self.to_dict()


class FigurePlace(FrozenModel):
    """A figure that could be changed (one member of a Fellegi–Holt minimal set)."""

    figure: str
    path: NodePath
    line: int | None = None
    field: FigureField

    def to_dict(self) -> dict[str, Any]:
        """A plain dict: figure, path, line, field."""
        return {
            "figure": self.figure,
            "path": list(self.path),
            "line": self.line,
            "field": self.field,
        }

    def to_json(self) -> dict[str, Any]:
        """Deprecated alias of :meth:`to_dict`."""
        _deprecated("FigurePlace")
        return self.to_dict()


class Finding(FrozenModel):
    """One thing wrong (or worth knowing) in a report.

    ``reported`` is the figure as written, ``expected`` what the arithmetic gives for it,
    ``difference`` is ``reported - expected``. ``suggested`` is set only when a single
    correction explains the mismatch and no other explanation ties; otherwise the
    alternatives are in ``candidates``, and when no typo explains it, ``minimal_sets``
    lists the smallest sets of figures whose change could restore consistency.
    """

    kind: FindingKind
    severity: Severity
    message: Text
    path: NodePath = ()
    labels: tuple[str, ...] = ()
    line: int | None = Field(default=None, ge=1)
    field: FigureField | None = None
    figure: str | None = None
    # whole đồng or units; a percentage (kind "share_mismatch") is a Decimal ("2.33")
    reported: int | Decimal | None = None
    expected: int | Decimal | None = None
    suggested: int | Decimal | None = None
    difference: int | Decimal | None = None
    family: str | None = None  # how the written figure slipped (digit_replaced, scale_up …)
    candidates: tuple[Candidate, ...] = ()
    minimal_sets: tuple[tuple[FigurePlace, ...], ...] = ()
    edits: tuple[str, ...] = ()  # the edits involved, as expressions over figure names

    def sort_key(self) -> tuple[Any, ...]:
        """Report order: by line (unknown lines last), node path, field, kind."""
        line = self.line if self.line is not None else 1 << 60
        return (line, self.path, _FIELD_ORDER[self.field], self.kind, self.figure or "")

    def describe(self, lang: Lang = "vi") -> str:
        """One line for a person: ``dòng 37: …`` / ``line 37: …``."""
        if self.line is None:
            return self.message.get(lang)
        where = "dòng" if lang == "vi" else "line"
        return f"{where} {self.line}: {self.message.get(lang)}"

    def to_dict(self, *, lang: Lang | None = None) -> dict[str, Any]:
        """A JSON-ready dict. ``message`` is the text in ``lang``, or ``{"vi", "en"}``."""
        return {
            "kind": self.kind,
            "severity": self.severity,
            "line": self.line,
            "field": self.field,
            "reported": _plain(self.reported),
            "expected": _plain(self.expected),
            "suggested": _plain(self.suggested),
            "candidates": [candidate.to_dict() for candidate in self.candidates],
            "difference": _plain(self.difference),
            "message": self.message.get(lang) if lang else self.message._asdict(),
            "path": list(self.path),
            "labels": list(self.labels),
            "figure": self.figure,
            "family": self.family,
            "minimal_sets": [[place.to_dict() for place in group] for group in self.minimal_sets],
            "edits": list(self.edits),
        }

    def to_json(self, *, lang: Lang | None = None) -> dict[str, Any]:
        """Deprecated alias of :meth:`to_dict`."""
        _deprecated("Finding")
        return self.to_dict(lang=lang)


class AuditResult(FrozenModel):
    """The findings of one audit, in report order, and a few counts."""

    findings: tuple[Finding, ...] = ()
    edits: int = 0  # how many edits were checked
    figures: int = 0  # how many figures the report states
    cut_short: bool = False  # the diagnosis ran out of its search budget

    @property
    def ok(self) -> bool:
        """Whether there is no error finding (warnings and information may remain)."""
        return not any(finding.severity == "error" for finding in self.findings)

    def by_severity(self, severity: Severity) -> tuple[Finding, ...]:
        """The findings of one severity."""
        return tuple(finding for finding in self.findings if finding.severity == severity)

    def summary(self) -> dict[str, Any]:
        """Counts: ok, errors, warnings, info, edits, figures, cut_short."""
        counts = {severity: len(self.by_severity(severity)) for severity in SEVERITIES}
        return {
            "ok": self.ok,
            "errors": counts["error"],
            "warnings": counts["warning"],
            "info": counts["info"],
            "edits": self.edits,
            "figures": self.figures,
            "cut_short": self.cut_short,
        }

    def to_dict(self, *, lang: Lang | None = None) -> dict[str, Any]:
        """``{"ok": …, "findings": [...], "summary": {...}}``; the command line's document
        adds the reader's part (:func:`welfare_rules.views.json.audit_envelope`)."""
        return {
            "ok": self.ok,
            "findings": [finding.to_dict(lang=lang) for finding in self.findings],
            "summary": self.summary(),
        }

    def to_json(self, *, lang: Lang | None = None) -> dict[str, Any]:
        """Deprecated alias of :meth:`to_dict`."""
        _deprecated("AuditResult")
        return self.to_dict(lang=lang)

    def _repr_html_(self) -> str:
        """Hook into :func:`welfare_rules.views.html.audit_html`."""
        from ..views.html import audit_html

        return audit_html(self)

    def to_pandas(self) -> Any:
        """The findings as a pandas DataFrame (the ``pandas`` extra); columns in
        ``welfare_rules.views.frames.AUDIT_COLUMNS``."""
        from ..views.frames import audit_frame

        return audit_frame(self)


Figure = int | Decimal
"""A finding's number: whole đồng or units, or a percentage as a :class:`~decimal.Decimal`."""


def _plain(value: int | Decimal | None) -> int | float | None:
    """A figure for JSON: ints as they are, a percentage as a number (``2.33``)."""
    return float(value) if isinstance(value, Decimal) else value


def ordered(findings: list[Finding]) -> tuple[Finding, ...]:
    """Findings in report order (see :meth:`Finding.sort_key`)."""
    return tuple(sorted(findings, key=Finding.sort_key))


__all__ = [
    "SEVERITIES",
    "AuditResult",
    "Candidate",
    "FigurePlace",
    "Finding",
    "FindingKind",
    "Severity",
    "ordered",
]
