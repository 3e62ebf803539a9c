"""Rows and pandas DataFrames for Ruleset, Allocation, AuditResult and Comparison.

The ``*_rows`` functions return plain tuples (used by the HTML tables too); the
``*_frame`` functions turn them into DataFrames when the ``pandas`` extra is installed
(imported only then). Money and count columns are pandas' nullable ``Int64``: exact
integers, never floats, with ``<NA>`` where a figure does not apply.

Columns:

- ruleset: ``programme, title, kind, source, effective, level, ages, amount, quota,
  basis, confirmed``
- allocation: ``source, programme, title, level, label, level_amount, count, amount,
  level_in_kind, in_kind, total`` (amount the cash, in_kind the goods, total both)
- audit: ``line, severity, kind, where, field, reported, expected, suggested,
  difference, family, candidates, message_vi, message_en``
- comparison (``by="level"``): ``source, programme, title, level, baseline_level,
  reform_level, baseline_count, reform_count, baseline_amount, reform_amount, delta``;
  (``by="source"``): ``source, baseline_amount, reform_amount, delta``;
  (``by="person"``): ``person, baseline_amount, reform_amount, delta``
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from .._i18n import Text
from .._optional import require
from ..errors import ReformError
from ..money import format_vnd

if TYPE_CHECKING:
    from ..audit.findings import AuditResult
    from ..entitle.allocate import Allocation
    from ..rules.model import Bracket, Level, Programme, ProgrammeVersion, Ruleset
    from ..scenario.comparison import Comparison

RULESET_COLUMNS = (
    "programme",
    "title",
    "kind",
    "source",
    "effective",
    "level",
    "ages",
    "amount",
    "quota",
    "basis",
    "confirmed",
)
ALLOCATION_COLUMNS = (
    "source",
    "programme",
    "title",
    "level",
    "label",
    "level_amount",
    "count",
    "amount",
    "level_in_kind",
    "in_kind",
    "total",
)
AUDIT_COLUMNS = (
    "line",
    "severity",
    "kind",
    "where",
    "field",
    "reported",
    "expected",
    "suggested",
    "difference",
    "family",
    "candidates",
    "message_vi",
    "message_en",
)
COMPARISON_COLUMNS = {
    "level": (
        "source",
        "programme",
        "title",
        "level",
        "baseline_level",
        "reform_level",
        "baseline_count",
        "reform_count",
        "baseline_amount",
        "reform_amount",
        "delta",
    ),
    "source": ("source", "baseline_amount", "reform_amount", "delta"),
    "person": ("person", "baseline_amount", "reform_amount", "delta"),
}
_INT_COLUMNS = frozenset(
    {
        "amount",
        "quota",
        "level_amount",
        "level_in_kind",
        "in_kind",
        "total",
        "count",
        "line",
        "reported",
        "expected",
        "suggested",
        "difference",
        "baseline_level",
        "reform_level",
        "baseline_count",
        "reform_count",
        "baseline_amount",
        "reform_amount",
        "delta",
    }
)


def pandas() -> Any:
    """The pandas module (the optional ``pandas`` extra); the error says how to get it."""
    return require("pandas", extra="pandas", feature="to_pandas()")


def frame(rows: Sequence[object], columns: Sequence[str]) -> Any:
    """A DataFrame of ``rows`` (objects with the columns as attributes, or mappings);
    integer columns as nullable ``Int64``."""
    pd = pandas()
    data = {
        name: [row[name] if isinstance(row, Mapping) else getattr(row, name) for row in rows]
        for name in columns
    }
    result = pd.DataFrame(data, columns=list(columns))
    for name in columns:
        if name in _INT_COLUMNS:
            result[name] = pd.array(data[name], dtype="Int64")
    return result


# ---------------------------------------------------------------- Ruleset


class RulesetRow(NamedTuple):
    """One level, bracket or fixed amount of one programme version."""

    programme: str
    title: str
    kind: str
    source: str
    effective: dt.date | None
    level: str | None  # level id, bracket id, "selected"; None for none
    ages: str | None  # "70", "101+"
    amount: int | None
    quota: int | None
    basis: str | None
    confirmed: bool
    source_label: str


def _version_rows(programme: Programme, version: ProgrammeVersion) -> list[RulesetRow]:
    def row(item: Level | Bracket | None, **fields: Any) -> RulesetRow:
        basis = programme.basis_of(version, item)
        confirmed = version.confirmed and (basis.confirmed if basis else True)
        if item is not None:
            confirmed = confirmed and item.confirmed
        values: dict[str, Any] = {
            "level": None,
            "ages": None,
            "amount": None,
            "quota": None,
            "basis": basis.cite("vi") if basis else None,
        }
        return RulesetRow(
            programme=programme.id,
            title=programme.title.vi,
            kind=programme.kind,
            source=programme.source.value,
            effective=version.effective,
            confirmed=confirmed,
            source_label=programme.source.label("vi"),
            **(values | fields),
        )

    if not version.recorded:
        row_ = row(None, basis="(chưa ghi nhận văn bản / no instrument recorded)")
        return [row_._replace(confirmed=False)]
    priced = programme.kind_spec.priced(version)
    if not priced:  # a kind with nothing priced (socialized): one row for the programme
        return [row(None)]
    return [row(p.item, level=p.ident, ages=p.ages, amount=p.amount, quota=p.quota) for p in priced]


def ruleset_rows(ruleset: Ruleset, *, on: dt.date | None = None) -> list[RulesetRow]:
    """Every programme version's levels (only those in force on ``on`` when given)."""
    rows: list[RulesetRow] = []
    if on is not None:
        for item in ruleset.in_force(on=on):
            rows.extend(_version_rows(item.programme, item.version))
        return rows
    for programme in ruleset.all_programmes():
        for version in programme.versions:
            rows.extend(_version_rows(programme, version))
    return rows


def ruleset_frame(ruleset: Ruleset, *, on: dt.date | None = None) -> Any:
    """The ruleset as a DataFrame with :data:`RULESET_COLUMNS`."""
    return frame(ruleset_rows(ruleset, on=on), RULESET_COLUMNS)


# ---------------------------------------------------------------- AuditResult


class FindingRow(NamedTuple):
    """One finding, flattened."""

    line: int | None
    severity: str
    kind: str
    where: str
    field: str | None
    reported: int | Decimal | None
    expected: int | Decimal | None
    suggested: int | Decimal | None
    difference: int | Decimal | None
    family: str | None
    candidates: str
    message_vi: str
    message_en: str


def audit_rows(result: AuditResult) -> list[FindingRow]:
    """The findings in report order."""
    rows = []
    for finding in result.findings:
        candidates = "; ".join(
            f"{c.label} {c.field} = {format_vnd(c.value, unit='')}" for c in finding.candidates
        )
        rows.append(
            FindingRow(
                line=finding.line,
                severity=finding.severity,
                kind=finding.kind,
                where=" › ".join(finding.labels),
                field=finding.field,
                reported=finding.reported,
                expected=finding.expected,
                suggested=finding.suggested,
                difference=finding.difference,
                family=finding.family,
                candidates=candidates,
                message_vi=finding.message.vi,
                message_en=finding.message.en,
            )
        )
    return rows


def audit_frame(result: AuditResult) -> Any:
    """The findings as a DataFrame with :data:`AUDIT_COLUMNS`."""
    return frame(audit_rows(result), AUDIT_COLUMNS)


# ---------------------------------------------------------------- Allocation


@dataclass(frozen=True, slots=True)
class AllocationRow:
    """One level or bracket of an allocation."""

    source: str
    programme: str
    title: str
    level: str
    label: str
    level_amount: int
    count: int
    amount: int  # cash
    source_label: str
    level_in_kind: int = 0  # each gift's goods (hiện vật), stated value
    in_kind: int = 0
    total: int = 0  # cash and goods


def allocation_rows(allocation: Allocation) -> list[AllocationRow]:
    """The allocation's lines (levels with no gift included, count 0)."""
    return [
        AllocationRow(
            source=line.source.value,
            programme=line.programme,
            title=line.title.vi,
            level=line.level,
            label=line.label.vi,
            level_amount=line.level_amount,
            count=line.count,
            amount=line.amount,
            source_label=line.source.label("vi"),
            level_in_kind=line.level_in_kind,
            in_kind=line.in_kind,
            total=line.total,
        )
        for line in allocation.lines
    ]


def allocation_frame(allocation: Allocation) -> Any:
    """The allocation as a DataFrame with :data:`ALLOCATION_COLUMNS`."""
    return frame(allocation_rows(allocation), ALLOCATION_COLUMNS)


# ---------------------------------------------------------------- Comparison

ComparisonView = Literal["level", "source", "person"]


def comparison_rows(
    comparison: Comparison, *, by: ComparisonView = "level"
) -> list[dict[str, object]]:
    """The comparison's rows for ``by`` as dicts keyed by ``COMPARISON_COLUMNS[by]``."""
    if by == "source":
        return [
            {"source": s.value, "baseline_amount": b, "reform_amount": r, "delta": r - b}
            for s, b, r in comparison.by_source()
        ]
    if by == "person":
        return [
            {
                "person": c.person,
                "baseline_amount": c.baseline,
                "reform_amount": c.reform,
                "delta": c.delta,
            }
            for c in (*comparison.gainers, *comparison.losers)
        ]
    return [
        {
            "source": line.source.value,
            "programme": line.programme,
            "title": line.title.vi,
            "level": line.level,
            "baseline_level": line.baseline_level,
            "reform_level": line.reform_level,
            "baseline_count": line.baseline_count,
            "reform_count": line.reform_count,
            "baseline_amount": line.baseline_amount,
            "reform_amount": line.reform_amount,
            "delta": line.delta,
        }
        for line in comparison.lines
    ]


def comparison_frame(comparison: Comparison, *, by: ComparisonView = "level") -> Any:
    """The comparison as a DataFrame with ``COMPARISON_COLUMNS[by]``."""
    if by not in COMPARISON_COLUMNS:
        choices = ", ".join(sorted(COMPARISON_COLUMNS))
        raise ReformError(
            Text(vi=f"by phải là một trong {choices}", en=f"by must be one of {choices}"),
            path="by",
            value=by,
        )
    return frame(comparison_rows(comparison, by=by), COMPARISON_COLUMNS[by])


__all__ = [
    "ALLOCATION_COLUMNS",
    "AUDIT_COLUMNS",
    "COMPARISON_COLUMNS",
    "RULESET_COLUMNS",
    "AllocationRow",
    "FindingRow",
    "RulesetRow",
    "allocation_frame",
    "allocation_rows",
    "audit_frame",
    "audit_rows",
    "comparison_frame",
    "comparison_rows",
    "frame",
    "pandas",
    "ruleset_frame",
    "ruleset_rows",
]
