"""Compile only some top-level subtrees of a report, with the whole report's names and places.

Edits never cross top-level nodes (a product is within a node, a sum within a node and its
children, a restatement or a claim within a node), so the edits of a report are the union
of its top-level subtrees' edits. Once :func:`~welfare_rules.audit.quick.quick_check` has
said which subtrees have a violated edit, only those need compiling and diagnosing:
:func:`compile_subtrees` compiles each on its own and renames its figures as the whole
report's compilation names them (``n0_1_amount`` of subtree 7 is ``n7_1_amount``), with
global node paths and the lines as written, so findings are the same either way.

>>> from welfare_rules.audit.report import Node, Report
>>> report = Report(nodes=(Node(label="a", amount=1), Node(label="b", count=2, level=3, amount=5)))
>>> part = compile_subtrees(report, [1])
>>> [edit.text for edit in part.edits], part.figures["n1_amount"].path
(['n1_count * n1_level == n1_amount'], (1,))
>>> part.edits == report.compile().edits[-1:]
True
"""

from __future__ import annotations

from collections.abc import Iterable

from .compile import CompiledReport, FigureRef, UncheckedClaim, compile_report
from .edits import Edit
from .report import Node, Report

_DENSE = 16  # compile in place when at least one top-level node in this many is wanted
_EMPTY = Node.model_construct(label="")  # states nothing: compiles to nothing


def compile_subtrees(report: Report, tops: Iterable[int]) -> CompiledReport:
    """The compilation of the top-level nodes ``tops`` of ``report`` (indices, in any
    order): the part of ``report.compile()`` that concerns them, in the same order."""
    chosen = sorted(set(tops))
    if chosen and len(chosen) * _DENSE >= len(report.nodes):
        # many subtrees: compile them in place, the others replaced by an empty node
        # (cheaper than renaming; names and paths are the report's own)
        wanted = set(chosen)
        nodes = tuple(
            node if top in wanted else _EMPTY
            for top, node in enumerate(report.nodes[: chosen[-1] + 1])
        )
        return compile_report(Report.model_construct(nodes=nodes))
    edits: list[Edit] = []
    values: dict[str, int] = {}
    figures: dict[str, FigureRef] = {}
    unchecked: list[UncheckedClaim] = []
    for top in chosen:
        alone = Report.model_construct(nodes=(report.nodes[top],))
        part = compile_report(alone)
        if top == 0:
            edits.extend(part.edits)
            values.update(part.values)
            figures.update(part.figures)
            unchecked.extend(part.unchecked)
            continue
        prefix = f"n{top}"

        def rename(name: str, prefix: str = prefix) -> str:
            return prefix + name[2:]  # every name of subtree 0 starts with "n0_"

        edits.extend(edit.with_prefix("n0_", prefix + "_") for edit in part.edits)
        for name, value in part.values.items():
            values[rename(name)] = value
        for name, ref in part.figures.items():
            new = rename(name)
            figures[new] = FigureRef(
                new, (top, *ref.path[1:]), ref.field, ref.line, ref.restatement
            )
        unchecked.extend(
            UncheckedClaim((top, *claim.path[1:]), claim.claim, claim.missing)
            for claim in part.unchecked
        )
    return CompiledReport(tuple(edits), values, figures, tuple(unchecked))


__all__ = ["compile_subtrees"]
