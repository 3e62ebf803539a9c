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

import re
from collections.abc import Callable, Iterable

from .compile import CompiledReport, FigureRef, UncheckedClaim, compile_report
from .edits import Edit
from .report import Report

_NAME = re.compile(r"\bn0(?=_)")


def compile_subtrees(report: Report, tops: Iterable[int]) -> CompiledReport:
    """The compilation of the top-level nodes ``tops`` of ``report`` (indices, in any
    order): the part of ``report.compile()`` that concerns them, in the same order."""
    edits: list[Edit] = []
    values: dict[str, int] = {}
    figures: dict[str, FigureRef] = {}
    unchecked: list[UncheckedClaim] = []
    for top in sorted(set(tops)):
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

        edits.extend(_renamed(edit, rename, prefix) for edit in part.edits)
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


def _renamed(edit: Edit, rename: Callable[[str], str], prefix: str) -> Edit:
    """``edit`` over the renamed figures. Every name gets the same new prefix, so the
    terms keep their sorted order and the normal form needs no recomputing."""
    terms = tuple(
        (tuple(rename(name) for name in monomial), coefficient)
        for monomial, coefficient in edit.terms
    )
    subject = None if edit.subject is None else rename(edit.subject)
    text = _NAME.sub(prefix, edit.text) if edit.kind != "claim" else edit.text
    return Edit(terms, edit.op, kind=edit.kind, subject=subject, text=text)


__all__ = ["compile_subtrees"]
