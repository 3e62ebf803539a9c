"""A fast exact pass over a report tree: does every edit it implies hold?

Checking is the common case (most reports, most of the time, add up), and it needs no
named figures, no edit objects and no search: this pass walks the tree once with plain
integer arithmetic and answers the same question as compiling the tree and checking every
edit, for products, sums and restatements. Only when it says no (or the report has claims,
which are expressions) does :func:`~welfare_rules.audit.reconcile` compile and diagnose.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from operator import itemgetter

from ..errors import EditSyntaxError
from .compile import counts_by_parts, per_gift_parts, priced_terms
from .edits import Edit
from .report import FIGURE_FIELDS, Claim, Node, Report

# Reading a model's field values from its __dict__ in one call is about twice as fast as
# attribute access on a pydantic model, and this loop reads every field of every node.
_FIELDS = itemgetter(
    "count",
    "level",
    "amount",
    "children",
    "restatements",
    "claims",
    "split",
    "factor",
    "factor_per",
    "subtracted",
)


@dataclass(frozen=True, slots=True)
class QuickCheck:
    """The outcome of :func:`quick_check`: consistency and the sizes ``reconcile`` reports."""

    consistent: bool  # every product, sum, restatement and checkable claim holds
    edits: int  # how many edits the tree implies, claims included
    figures: int  # how many figures it states, restatements included
    complete: bool  # false: a claim could not be checked here (bad or about a missing figure)
    broken: tuple[int, ...] = ()  # top-level nodes with a violated edit or an unchecked claim


def quick_check(report: Report) -> QuickCheck:
    """Check every edit ``report`` implies, exactly, without compiling or diagnosing.

    ``consistent`` is true exactly when every edit of ``report.edits()`` holds, and the
    edit and figure counts equal those of ``report.compile()``, whenever ``complete`` is
    true. A claim that cannot be read, or that is about a figure its node does not state,
    makes ``complete`` false: the full path reports it. ``broken`` lists the top-level
    nodes (by index) whose subtree has a violated edit or such a claim: edits never cross
    top-level nodes, so only those subtrees need compiling and diagnosing.
    """
    consistent = complete = True
    edits = figures = 0
    broken: list[int] = []
    claims_seen: dict[str, Edit | None] = {}  # parsed once per call, however many claims
    for top, root in enumerate(report.nodes):
        ok, done, top_edits, top_figures = _subtree(root, claims_seen)
        edits += top_edits
        figures += top_figures
        if not (ok and done):
            broken.append(top)
        consistent = consistent and ok
        complete = complete and done
    return QuickCheck(
        consistent=consistent,
        edits=edits,
        figures=figures,
        complete=complete,
        broken=tuple(broken),
    )


def _subtree(root: Node, claims_seen: dict[str, Edit | None]) -> tuple[bool, bool, int, int]:
    """Consistent, complete, edits and figures of one top-level node's subtree."""
    consistent = complete = True
    edits = figures = 0
    stack: list[Node] = [root]
    pop, push = stack.pop, stack.append
    while stack:
        node = pop()
        count, level, amount, children, restatements, claims, _, factor, per, _ = _FIELDS(
            node.__dict__
        )
        stated = (count is not None) + (level is not None) + (amount is not None)
        figures += stated
        if stated == 3:
            edits += 1
            consistent = consistent and count * level * (factor or 1) == amount * (per or 1)
        if children:
            # One pass over the children: their sums, and the plain line items checked
            # on the spot (most children are leaves); the others are visited later.
            count_parts: int | None = 0 if count is not None else None
            amount_parts: int | None = 0 if amount is not None else None
            for child in children:
                fields = _FIELDS(child.__dict__)
                if fields[6]:  # a second breakdown of the figures: the full path checks it
                    complete = False
                    push(child)
                    continue
                part_count, part_level, part_amount = fields[:3]
                if part_count is None and count_parts is not None and counts_by_parts(child):
                    part_count = sum(part.count or 0 for part in child.children)
                sign = -1 if fields[9] else 1  # a part taken off: "a + b - c = d"
                if count_parts is not None:
                    count_parts = None if part_count is None else count_parts + sign * part_count
                if amount_parts is not None:
                    amount_parts = (
                        None if part_amount is None else amount_parts + sign * part_amount
                    )
                if sign < 0 and not node.children_complete:
                    count_parts = amount_parts = None  # no bound says anything then
                if fields[3] or fields[4] or fields[5]:
                    push(child)
                    continue
                leaf = (
                    (part_count is not None) + (part_level is not None) + (part_amount is not None)
                )
                figures += leaf
                if leaf == 3:
                    edits += 1
                    consistent = consistent and (
                        part_count * part_level * (fields[7] or 1) == part_amount * (fields[8] or 1)
                    )
            complete_list = node.children_complete
            if count_parts is not None:
                edits += 1
                consistent = consistent and (
                    count == count_parts if complete_list else count >= count_parts
                )
            if amount_parts is not None:
                edits += 1
                consistent = consistent and (
                    amount == amount_parts if complete_list else amount >= amount_parts
                )
            elif amount is not None and (terms := priced_terms(node)) is not None:
                edits += 1
                priced = sum(
                    Fraction(
                        children[i].count * children[i].level * (children[i].factor or 1),
                        children[i].factor_per or 1,
                    )
                    if by_level
                    else children[i].amount
                    for i, by_level in terms
                )
                consistent = consistent and (
                    amount == priced if complete_list else amount >= priced
                )
            for index in per_gift_parts(node):
                edits += 1
                part = children[index]
                consistent = consistent and count * part.level == part.amount
        for restated in restatements:
            value = getattr(node, restated.field)
            if value is not None:
                edits += 1
                figures += 1
                consistent = consistent and value == restated.value
        for claim in claims:
            verdict = _claim_holds(claim, node, claims_seen)
            if verdict is None:
                complete = False
            else:
                edits += 1
                consistent = consistent and verdict
    return consistent, complete, edits, figures


def _claim_holds(claim: Claim, node: Node, seen: dict[str, Edit | None]) -> bool | None:
    """Whether a claim holds on its node's figures; ``None`` if it cannot be checked."""
    expression = claim.expression
    if expression in seen:
        edit = seen[expression]
    else:
        edit = seen[expression] = _claim_edit(expression)
    if edit is None:
        return None
    values: dict[str, int] = {}
    for name in edit.figures:
        value = getattr(node, name)
        if value is None:
            return None
        values[name] = value
    return edit.holds(values)


@lru_cache(maxsize=1_024)
def _claim_edit(expression: str) -> Edit | None:
    """The claim's edit over ``count``/``level``/``amount``.

    Parsed once per expression and call (:func:`quick_check` keeps its own table, so a
    large report with many distinct claims never thrashes a bounded cache); this small
    cache only keeps the expressions common to many reports between calls.
    """
    try:
        edit = Edit.parse(expression, kind="claim")
    except EditSyntaxError:
        return None
    return edit if set(FIGURE_FIELDS).issuperset(edit.figures) else None


__all__ = ["QuickCheck", "quick_check"]
