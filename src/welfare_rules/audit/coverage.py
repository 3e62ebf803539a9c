"""Which figures of a report no check reaches: the honest half of a verdict.

A figure is checked when it stands in at least one edit (a product, a sum, a
restatement, a claim), a bound or a percentage. A figure in none is *unchecked*: the
audit cannot say it is right, and says so instead of calling the report consistent.

Given the text the report was read from, an unchecked figure that the text relates to
nothing (no level beside it, no sum it could belong to: :mod:`._alone`) is marked
``alone``: it is listed all the same, but it does not make the audit incomplete, since no
auditor could check it either.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from ._aligned import physical_lines
from ._alone import Spot, alone_flags
from .compile import FigureKind
from .report import FIGURE_FIELDS, FigureField, Node, NodePath, Report


@dataclass(frozen=True, slots=True)
class UncheckedFigure:
    """A figure that stands in no check: where it is and what it says."""

    path: NodePath
    field: FigureField
    value: int
    line: int | None
    label: str
    alone: bool = False  # the text relates it to nothing: no check could reach it

    def to_dict(self) -> dict[str, object]:
        """A plain dict: path, field, value, line, label, alone."""
        return {
            "path": list(self.path),
            "field": self.field,
            "value": self.value,
            "line": self.line,
            "label": self.label,
            "alone": self.alone,
        }


def unchecked_figures(report: Report, text: str | None = None) -> tuple[UncheckedFigure, ...]:
    """The figures of ``report`` that stand in no edit, in report order; with ``text``
    (what the report was read from) those the text relates to nothing are ``alone``."""
    compiled = report.compile()
    checked = {name for edit in compiled.edits for name in edit.figures}
    shared = {  # the figures a stated percentage divides
        (at, share.field)
        for _, node in report.walk()
        for share in node.shares
        for at in (share.part, share.whole)
    }
    bounded = _bounded_figures(report) | _levels_passed_down(report)
    found: list[tuple[Spot, UncheckedFigure]] = []
    spots: list[Spot] = []
    values = compiled.values
    # every compiled figure, in the compiler's order (depth first; a node's count, level,
    # amount, then its restatements), named as it names them: one walk of the tree, no
    # name parsed back into a path (that cost most of the time on a big report)
    for path, node in report.walk():
        prefix = f"n{'_'.join(map(str, path))}_"
        stored = node.__dict__
        for field in FIGURE_FIELDS:
            value = stored[field]
            name = prefix + field
            if value is None or name not in values:
                continue
            line = node.figure_line(field) if node.figure_lines else node.line
            unchecked = not (
                name in checked
                or any(bound.field == field for bound in node.bounds)  # a rounded or hedged
                or (path, field) in shared  # checked by a percentage
                or (path, field) in bounded  # what a hedged total is checked against
            )
            kind: FigureKind = "count" if field == "count" else "money"
            spot = Spot(line, kind, not unchecked, field, value, node.count_unit)
            if unchecked:
                found.append((spot, UncheckedFigure(path, field, value, line, node.label)))
            spots.append(spot)
        for index, restated in enumerate(node.restatements):
            if f"{prefix}r{index}_{restated.field}" not in values:
                continue
            kind = "count" if restated.field == "count" else "money"
            spots.append(
                Spot(restated.line, kind, True, restated.field, restated.value, node.count_unit)
            )
    for path, node in report.walk():  # a hedged figure with nothing exact to bound
        for bound in node.bounds:
            if node.figure(bound.field) is None and not _witnesses(path, node, bound.field):
                kind = "count" if bound.field == "count" else "money"
                spot = Spot(bound.line, kind, False, bound.field, bound.written, node.count_unit)
                figure = UncheckedFigure(path, bound.field, bound.written, bound.line, node.label)
                found.append((spot, figure))
                spots.append(spot)
    if text is not None and found:
        flags = alone_flags([spot for spot, _ in found], spots, physical_lines(text))
        found = [
            (spot, replace(figure, alone=alone and not _of_parts(report, figure)))
            for (spot, figure), alone in zip(found, flags, strict=True)
        ]
    found.sort(key=lambda pair: (pair[1].line or 0, pair[1].path))
    return tuple(figure for _, figure in found)


def _bounded_figures(report: Report) -> set[tuple[NodePath, FigureField]]:
    """The figures a bound is checked against where its node states no exact figure of
    its own (``hơn 19.286 suất`` over parts: their counts; over a count and a level: them)."""
    return {
        witness
        for path, node in report.walk()
        for bound in node.bounds
        if node.figure(bound.field) is None
        for witness in _witnesses(path, node, bound.field)
    }


def _levels_passed_down(report: Report) -> set[tuple[NodePath, FigureField]]:
    """The levels stated alone above rows that were given them (``Mỗi suất quà trị giá
    500.000 đồng. Cụ thể, …``, see ``_structure.pass_levels_down``), and those of records
    that gave them to their own parts (``_structure.pass_levels_to_parts``): each such
    row's product checks the level, so a slip in it breaks them all."""
    found: set[tuple[NodePath, FigureField]] = set()
    lists: list[tuple[NodePath, tuple[Node, ...]]] = [((), report.nodes)]
    lists.extend((path, node.children) for path, node in report.walk() if node.children)
    for path, siblings in lists:
        priced_after: set[int] = set()  # the levels of priced rows after the one looked at
        for index in range(len(siblings) - 1, -1, -1):  # from the end: linear in the rows
            lone = siblings[index]
            alone = lone.count is None and lone.amount is None and not lone.children
            if alone and lone.level is not None and lone.level in priced_after:
                found.add(((*path, index), "level"))
            for row in _within(lone, _PASSED_DEPTH):
                if row.level is not None and row.count is not None and row.amount is not None:
                    priced_after.add(row.level)
    for path, node in report.walk():  # a level given to its own parts (pass_levels_to_parts)
        if node.level is None or node.amount is not None or not node.children:
            continue
        if any(
            row is not node
            and row.level == node.level
            and row.count is not None
            and row.amount is not None
            for row in _within(node, _PASSED_DEPTH)
        ):
            found.add((path, "level"))
    return found


_PASSED_DEPTH = 3
"""How deep under a record a level stated alone before it may have been passed: its rows,
or the rows of a section's total a grand total took (``A. Quà mức 300.000 đ/suất`` …
``Cộng A`` under ``TỔNG CỘNG (A + B + C)``). Each node is so visited at most three times."""


def _within(node: Node, depth: int) -> Iterator[Node]:
    """``node`` and its descendants down to ``depth`` levels below it."""
    yield node
    if depth:
        for child in node.children:
            yield from _within(child, depth - 1)


def _of_parts(report: Report, figure: UncheckedFigure) -> bool:
    """A count of a node whose parts state amounts but no count (``tặng quà cho 5 cụ, cụ
    thể:`` over four named cụ, each with a sum): the parts are what it counts, so it is
    never alone. (An amount over counts by village: nothing prices it, it may be.)"""
    if figure.field != "count":
        return False
    node = report.node(figure.path)
    return bool(node.children) and all(
        child.count is None and child.amount is not None for child in node.children
    )


def _witnesses(
    path: NodePath, node: Node, field: FigureField
) -> list[tuple[NodePath, FigureField]]:
    """The figures a bound on ``field`` of ``node`` is checked against when the node states
    no exact one: its parts' figures of that field (for an amount, a part's count and level
    where it states no amount), or for an amount its count and level; none when neither is
    stated."""
    if node.children and all(child.figure(field) is not None for child in node.children):
        return [((*path, index), field) for index in range(len(node.children))]
    two_sided = any(
        bound.field == field and bound.hedge in ("rounded", "about") for bound in node.bounds
    )
    if field == "amount" and node.children and two_sided:  # each part's amount, or count ×
        # level: only a bound with two ends vouches for a level (not "hơn 400 triệu")
        priced: list[tuple[NodePath, FigureField]] = []
        for index, child in enumerate(node.children):
            at = (*path, index)
            if child.amount is not None:
                priced.append((at, "amount"))
            elif child.count is not None and child.level is not None:
                priced.extend(((at, "count"), (at, "level")))
            else:
                return []
        return priced
    if field == "amount" and node.count is not None and node.level is not None:
        return [(path, "count"), (path, "level")]
    return []


__all__ = ["UncheckedFigure", "unchecked_figures"]
