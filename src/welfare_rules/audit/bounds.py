"""Checking the figures a report states approximately (:class:`~.report.Bound`).

A rounded restatement (``tổng trị giá 3,17 tỷ đồng`` for a total of 3.714.800.000) fails
when the exact figure does not round, truncate or round up to it; the correction is the
exact figure rounded to the written precision, suggested only when the written digits
are one typing slip from it (``317`` → ``371``). A hedged figure (``hơn``, ``gần``,
``khoảng``) that does not fit gives a warning, never an error: it was not meant exactly.
The exact figure is the node's own, else the sum of its parts (for an amount, each part's
amount or else its count × level), else count × level; an exact figure that the
arithmetic already found wrong is taken at its corrected value, and a bound on a figure
found wrong without a correction is left unchecked.
"""

from __future__ import annotations

from collections.abc import Callable

from .._i18n import Catalog, Text
from ..money import display_vnd
from ._rounding import written_forms
from .findings import Finding
from .report import Bound, FigureField, Node, NodePath, Report
from .slips import detect

_MSG = Catalog(
    "audit.bounds",
    {
        "rounded": Text(
            vi="{what} ghi tròn {written}, nhưng số chính xác là {exact} (làm tròn: {rounded})",
            en="{what} is written rounded as {written}, but the exact figure is {exact} "
            "(rounded: {rounded})",
        ),
        "hedged": Text(
            vi="{what} ghi “{hedge} {written}”, nhưng số chính xác là {exact}",
            en="{what} is written as “{hedge} {written}”, but the exact figure is {exact}",
        ),
        "count": Text("số lượng", "the count"),
        "amount": Text("số tiền", "the amount"),
        "more": Text("hơn", "more than"),
        "less": Text("dưới", "under"),
        "about": Text("khoảng", "about"),
        "rounded_word": Text("tròn", "rounded"),
    },
)


Corrections = dict[tuple[NodePath, FigureField | None], int | None]


def corrections(findings: tuple[Finding, ...]) -> Corrections:
    """Each figure an error finding corrects (its suggested value; ``None``: wrong, with no
    correction), by node path and field."""
    return {
        (finding.path, finding.field): (
            finding.suggested if isinstance(finding.suggested, int) else None
        )
        for finding in findings
        if finding.severity == "error" and finding.field is not None
    }


def check_bounds(report: Report, findings: tuple[Finding, ...]) -> list[Finding]:
    """The findings of every bound in ``report`` that does not hold."""
    corrected = corrections(findings)
    found: list[Finding] = []
    for path, node in report.walk():
        for bound in node.bounds:
            exact = exact_figure(path, node, bound.field, corrected)
            if exact is None or bound.holds(exact):
                continue
            found.append(_finding(report, path, bound, exact))
    return found


def exact_figure(
    path: NodePath,
    node: Node,
    field: FigureField,
    corrected: Corrections,
) -> int | None:
    """The exact figure ``field`` of ``node``, its correction applied; ``None`` when it is
    unknown or wrong without a correction."""

    def value(at: NodePath, of: Node, name: FigureField) -> int | None:
        if (at, name) in corrected:
            return corrected[(at, name)]
        return of.figure(name)

    own = value(path, node, field)
    if own is not None or (path, field) in corrected:
        return own
    parts = [value((*path, i), child, field) for i, child in enumerate(node.children)]
    if parts and None not in parts:  # a part taken off ("a + b - c = d") counts less
        signs = [-1 if child.subtracted else 1 for child in node.children]
        return sum(sign * (part or 0) for sign, part in zip(signs, parts, strict=True))
    if any(child.subtracted for child in node.children):
        return None
    if field == "amount" and parts:
        priced = _priced_sum(path, node, value, corrected)
        if priced is not None:
            return priced  # "830 suất, mỗi suất 500.000 đồng; … 700 suất, …": Σ count × level
    count, level = value(path, node, "count"), value(path, node, "level")
    if field == "amount" and count is not None and level is not None:
        return priced_amount(node, count, level)
    return None


def priced_amount(node: Node, count: int, level: int) -> int | None:
    """``count × level`` times the node's factor over its divisor (``hệ số 1,5``), when
    that is a whole amount of đồng; ``None`` when it is not (no amount can equal it)."""
    whole, rest = divmod(count * level * (node.factor or 1), node.factor_per or 1)
    return None if rest else whole


def _priced_sum(
    path: NodePath,
    node: Node,
    value: Callable[[NodePath, Node, FigureField], int | None],
    corrected: Corrections,
) -> int | None:
    """The parts' amounts, each stated or else its count × level; ``None`` when a part has
    neither, or an amount found wrong without a correction."""
    total = 0
    for index, child in enumerate(node.children):
        at = (*path, index)
        amount = value(at, child, "amount")
        if amount is None:
            if (at, "amount") in corrected:
                return None
            count, level = value(at, child, "count"), value(at, child, "level")
            if count is None or level is None:
                return None
            amount = priced_amount(child, count, level)
            if amount is None:
                return None
        total += amount
    return total


def _finding(report: Report, path: NodePath, bound: Bound, exact: int) -> Finding:
    what = _MSG(bound.field)
    written = display_vnd(bound.written, unit="")
    if bound.hedge != "rounded":
        return Finding(
            kind="claim_violated",
            severity="warning",
            message=_MSG(
                "hedged",
                what=what,
                hedge=_MSG(bound.hedge),
                written=written,
                exact=display_vnd(exact, unit=""),
            ),
            path=path,
            labels=report.labels(path),
            line=bound.line,
            field=bound.field,
            reported=bound.written,
            expected=exact,
            difference=bound.written - exact,
        )
    step = bound.precision
    forms = written_forms(exact, step)  # rounded, truncated, rounded up
    rounded = forms[0] * step
    fits = {
        form * step: family
        for form in forms
        if (family := detect(bound.written // step, form)) is not None
    }
    suggestion, slip = next(iter(fits.items())) if len(fits) == 1 else (None, None)
    return Finding(
        kind="restatement_mismatch",
        severity="error",
        message=_MSG(
            "rounded",
            what=what,
            written=written,
            exact=display_vnd(exact, unit=""),
            rounded=display_vnd(rounded, unit=""),
        ),
        path=path,
        labels=report.labels(path),
        line=bound.line,
        field=bound.field,
        reported=bound.written,
        expected=rounded,
        suggested=suggestion,
        difference=bound.written - rounded,
        family=slip,
    )


__all__ = ["check_bounds"]
