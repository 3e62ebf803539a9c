"""Which figures of a report no check reaches: the honest half of a verdict.

A figure is checked when it stands in at least one edit (a product, a sum, a
restatement, a claim), a bound or a percentage. A figure in none is *unchecked*: the
audit cannot say it is right, and says so instead of calling the report consistent.
"""

from __future__ import annotations

from dataclasses import dataclass

from .report import FigureField, Node, NodePath, Report


@dataclass(frozen=True, slots=True)
class UncheckedFigure:
    """A figure that stands in no check: where it is and what it says."""

    path: NodePath
    field: FigureField
    value: int
    line: int | None
    label: str

    def to_dict(self) -> dict[str, object]:
        """A plain dict: path, field, value, line, label."""
        return {
            "path": list(self.path),
            "field": self.field,
            "value": self.value,
            "line": self.line,
            "label": self.label,
        }


def unchecked_figures(report: Report) -> tuple[UncheckedFigure, ...]:
    """The figures of ``report`` that stand in no edit, in report order."""
    compiled = report.compile()
    checked = {name for edit in compiled.edits for name in edit.figures}
    shared = {  # the figures a stated percentage divides
        (at, share.field)
        for _, node in report.walk()
        for share in node.shares
        for at in (share.part, share.whole)
    }
    found: list[UncheckedFigure] = []
    for name, ref in compiled.figures.items():
        if name in checked or ref.restatement is not None:
            continue
        node = report.node(ref.path)
        if any(bound.field == ref.field for bound in node.bounds):
            continue  # checked against a rounded or hedged restatement
        if (ref.path, ref.field) in shared:
            continue  # checked by a percentage
        value = compiled.values[name]
        found.append(UncheckedFigure(ref.path, ref.field, value, ref.line, node.label))
    for path, node in report.walk():  # a hedged figure with nothing exact to bound
        for bound in node.bounds:
            if node.figure(bound.field) is None and not _parts_state(node, bound.field):
                found.append(
                    UncheckedFigure(path, bound.field, bound.written, bound.line, node.label)
                )
    found.sort(key=lambda figure: (figure.line or 0, figure.path))
    return tuple(found)


def _parts_state(node: Node, field: FigureField) -> bool:
    if node.children and all(child.figure(field) is not None for child in node.children):
        return True
    return field == "amount" and node.count is not None and node.level is not None


__all__ = ["UncheckedFigure", "unchecked_figures"]
