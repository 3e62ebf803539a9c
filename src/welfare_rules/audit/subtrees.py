"""Compile only some top-level subtrees of a report, with the whole report's names and places.

Edits never cross top-level nodes (a product is within a node, a sum within a node and its
children, a restatement or a claim within a node), so the edits of a report are the union
of its top-level subtrees' edits. Once :func:`~welfare_rules.audit.quick.quick_check` has
said which subtrees have a violated edit, only those need compiling and diagnosing:
:func:`compile_subtrees` compiles each in place, its figures named as the whole report's
compilation names them (``n7_1_amount``), with global node paths and the lines as
written, so findings are the same either way.

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

from .compile import CompiledReport, compile_tops
from .report import Report


def compile_subtrees(report: Report, tops: Iterable[int]) -> CompiledReport:
    """The compilation of the top-level nodes ``tops`` of ``report`` (indices, in any
    order): the part of ``report.compile()`` that concerns them, in the same order.

    Each subtree is compiled where it is, under the names its place gives (nothing is
    renamed, no other subtree is read), and the figures' places are read from ``report``
    when asked: the cost is that of the chosen subtrees alone.
    """
    return compile_tops(report.nodes, sorted(set(tops)))


__all__ = ["compile_subtrees"]
