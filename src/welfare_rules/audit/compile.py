"""Compile a report tree into edits on named figures, and map each name back to the tree.

Each figure a node states gets an identifier: the node path ``(0, 1, 3)`` and the field
``amount`` give ``n0_1_3_amount``; the second restatement of that node's count gives
``n0_1_3_r1_count``. The edits:

* ``count * level == amount`` where a node states all three (*số suất × mức = thành tiền*);
* ``total == part1 + part2 + …`` for counts and for amounts where a node and every one
  of its children state that figure (``>=`` when the parts listed are only some of the
  whole, ``children_complete=False``);
* ``figure == restated figure`` for every restatement;
* each claim, its ``count``/``level``/``amount`` bound to the node's figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from .._i18n import Catalog, Text
from ..errors import EditSyntaxError, ReportDataError
from .edits import Edit, EditKind
from .nodes import FIGURE_FIELDS, Claim, FigureField, Node, NodePath

if TYPE_CHECKING:
    from .report import Report

FigureKind = Literal["count", "money"]
"""What a figure measures: counts may be off by one; money may slip by ×/÷ 1000."""

_MSG = Catalog(
    "audit.compile",
    {
        "claim_syntax": Text(
            vi="nhận định {claim!r} không đọc được: {reason}",
            en="the claim {claim!r} cannot be read: {reason}",
        ),
        "claim_name": Text(
            vi="nhận định {claim!r} dùng tên {name!r}; chỉ được dùng count, level, amount",
            en="the claim {claim!r} uses {name!r}; only count, level and amount are allowed",
        ),
    },
)


@dataclass(frozen=True, slots=True)
class FigureRef:
    """Where a named figure is in the report: node path, field, and which statement."""

    name: str
    path: NodePath
    field: FigureField
    line: int | None
    restatement: int | None = None  # index into the node's restatements, None: the node itself

    @property
    def kind(self) -> FigureKind:
        """``count`` for counts, ``money`` for levels and amounts."""
        return "count" if self.field == "count" else "money"


@dataclass(frozen=True, slots=True)
class UncheckedClaim:
    """A claim about a figure the node does not state: it cannot be checked."""

    path: NodePath
    claim: Claim
    missing: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CompiledReport:
    """A report's edits, figure values and kinds, and the map from names back to the tree."""

    edits: tuple[Edit, ...]
    values: dict[str, int]
    figures: dict[str, FigureRef]
    unchecked: tuple[UncheckedClaim, ...] = ()

    @property
    def kinds(self) -> dict[str, FigureKind]:
        """Each figure's kind, for :func:`~welfare_rules.audit.check_edits`."""
        return {name: ref.kind for name, ref in self.figures.items()}


def figure_name(path: NodePath, field: FigureField, restatement: int | None = None) -> str:
    """The identifier of a figure: ``figure_name((0, 1), "amount") == "n0_1_amount"``."""
    node = "n" + "_".join(map(str, path))
    if restatement is None:
        return f"{node}_{field}"
    return f"{node}_r{restatement}_{field}"


def compile_report(report: Report) -> CompiledReport:
    """The edits of ``report`` with its figures (see the module docstring)."""
    edits: list[Edit] = []
    values: dict[str, int] = {}
    figures: dict[str, FigureRef] = {}
    unchecked: list[UncheckedClaim] = []
    for path, node in report.walk():
        names = _node_figures(path, node, values, figures)
        if "count" in names and "level" in names and "amount" in names:
            edits.append(
                Edit.product(names["count"], names["level"], names["amount"], kind="product")
            )
        edits.extend(_sum_edits(path, node, names))
        for index, restated in enumerate(node.restatements):
            if restated.field not in names:
                continue
            name = figure_name(path, restated.field, index)
            values[name] = restated.value
            figures[name] = FigureRef(name, path, restated.field, restated.line, index)
            edits.append(Edit.equal(names[restated.field], name, kind="restatement"))
        for claim in node.claims:
            edit = _claim_edit(path, claim, names)
            if isinstance(edit, UncheckedClaim):
                unchecked.append(edit)
            else:
                edits.append(edit)
    return CompiledReport(tuple(edits), values, figures, tuple(unchecked))


def _node_figures(
    path: NodePath, node: Node, values: dict[str, int], figures: dict[str, FigureRef]
) -> dict[str, str]:
    names: dict[str, str] = {}
    prefix = figure_name(path, "count")[: -len("count")]
    for field in FIGURE_FIELDS:
        value = node.figure(field)
        if value is None:
            continue
        name = prefix + field
        names[field] = name
        values[name] = value
        figures[name] = FigureRef(name, path, field, node.line)
    return names


def _sum_edits(path: NodePath, node: Node, names: dict[str, str]) -> list[Edit]:
    edits: list[Edit] = []
    if not node.children:
        return edits
    op: Literal["==", ">="] = "==" if node.children_complete else ">="
    sums: tuple[tuple[FigureField, EditKind], ...] = (
        ("count", "count_sum"),
        ("amount", "amount_sum"),
    )
    prefix = "n" + "".join(f"{index}_" for index in path)
    for field, kind in sums:
        if field not in names:
            continue
        if any(child.figure(field) is None for child in node.children):
            if field == "amount":
                edits.extend(_priced_parts(prefix, node, names[field], op))
            continue
        parts = [f"{prefix}{index}_{field}" for index in range(len(node.children))]
        edits.append(Edit.sum(names[field], parts, op=op, kind=kind))
    return edits


def _priced_parts(prefix: str, node: Node, total: str, op: str) -> list[Edit]:
    """``14 suất mức 600.000đ và 82 suất mức 300.000đ, tổng 33 triệu``: parts that state a
    count and a level but no amount add up as count × level."""
    terms: list[str] = []
    for index, child in enumerate(node.children):
        if child.amount is not None:
            terms.append(f"{prefix}{index}_amount")
        elif child.count is not None and child.level is not None:
            terms.append(f"{prefix}{index}_count * {prefix}{index}_level")
        else:
            return []
    return [Edit.parse(f"{total} {op} {' + '.join(terms)}", kind="amount_sum")]


def _claim_edit(path: NodePath, claim: Claim, names: dict[str, str]) -> Edit | UncheckedClaim:
    try:
        edit = Edit.parse(claim.expression, kind="claim")
    except EditSyntaxError as exc:
        raise ReportDataError(
            _MSG("claim_syntax", claim=claim.expression, reason=exc.reason),
            path=str(list(path)),
            value=claim.expression,
        ) from exc
    for name in edit.figures:
        if name not in FIGURE_FIELDS:  # a claim speaks of its node's own figures
            raise ReportDataError(
                _MSG("claim_name", claim=claim.expression, name=name),
                path=str(list(path)),
                value=claim.expression,
            )
    missing = tuple(name for name in edit.figures if name not in names)
    if missing:
        return UncheckedClaim(path, claim, missing)
    subject = names.get("amount") or names[edit.figures[0]]
    return edit.renamed(names, subject=subject, text=claim.expression)


__all__ = [
    "CompiledReport",
    "FigureKind",
    "FigureRef",
    "UncheckedClaim",
    "compile_report",
    "figure_name",
]
