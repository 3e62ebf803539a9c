"""The report tree: the figures a report states, where it states them, and how they nest.

A :class:`Report` holds top-level :class:`Node` s (a gift table, a payment line, a list of
files handled …). A node may state a count (*suất*, *người*, *lượt*, *hồ sơ*), a level
(*mức*) and an amount; its children are its parts. The tree is data only: the edits it
implies (``count × level = amount``, parent = sum of children, a figure stated twice is
stated equal) are compiled by :meth:`Report.edits`. The parts of the tree live in
:mod:`.nodes` and are re-exported here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING

from pydantic import ValidationError

from .._types import FrozenModel
from .._validation import first_problem
from ..errors import ReportDataError
from .nodes import (
    FIGURE_FIELDS,
    Bound,
    Citation,
    Claim,
    FigureField,
    Hedge,
    Node,
    NodePath,
    Restatement,
    Share,
)

if TYPE_CHECKING:
    from .compile import CompiledReport
    from .edits import Edit


class Report(FrozenModel):
    """A report's figures as a tree, with its own date and the instruments it cites.

    Build one in Python (pydantic validates it), or from outside data with
    :meth:`from_dict` / :meth:`from_json`, which raise
    :class:`~welfare_rules.errors.ReportDataError` naming the key path, in both languages.
    """

    title: str | None = None
    date: dt.date | None = None  # the report's own date (ngày … tháng … năm …)
    nodes: tuple[Node, ...] = ()
    citations: tuple[Citation, ...] = ()

    @classmethod
    def from_dict(cls, data: object) -> Report:
        """A report tree from plain data (as JSON or TOML hold it).

        >>> Report.from_dict({"nodes": [{"label": "Mức 500.000đ", "amount": 2721000000.0}]})
        Traceback (most recent call last):
        ...
        welfare_rules.errors.ReportDataError: invalid report at nodes[0].amount: a float ...
        """
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            path, reason, value = first_problem(exc)
            raise ReportDataError(reason, path=path, value=value) from exc

    @classmethod
    def from_json(cls, text: str | bytes) -> Report:
        """A report tree from JSON text; :class:`~welfare_rules.errors.ReportDataError`
        on bad data."""
        try:
            return cls.model_validate_json(text)
        except ValidationError as exc:
            path, reason, value = first_problem(exc)
            raise ReportDataError(reason, path=path, value=value) from exc

    def walk(self) -> Iterator[tuple[NodePath, Node]]:
        """Every node, depth first, with its path."""
        for index, node in enumerate(self.nodes):
            yield from node.walk((index,))

    def node(self, path: NodePath) -> Node:
        """The node at ``path`` (``IndexError`` if there is none)."""
        if not path:
            raise IndexError("a node path has at least one index")
        node = self.nodes[path[0]]
        for index in path[1:]:
            node = node.children[index]
        return node

    def with_figure(
        self, path: NodePath, field: FigureField, value: int, *, restatement: int | None = None
    ) -> Report:
        """A copy with one figure replaced: the node's own ``field`` at ``path``, or its
        ``restatement``-th restatement. The value is not validated (a test or a what-if may
        want a mistyping on purpose); the original is untouched.

        >>> line = Node(label="Mức 500.000đ", count=5502, level=500_000, amount=2_721_000_000)
        >>> Report(nodes=(line,)).with_figure((0,), "amount", 2_751_000_000).nodes[0].amount
        2751000000
        """

        def rebuild(node: Node, rest: NodePath) -> Node:
            if rest:
                children = list(node.children)
                children[rest[0]] = rebuild(children[rest[0]], rest[1:])
                return node.model_copy(update={"children": tuple(children)})
            if restatement is None:
                return node.model_copy(update={field: value})
            restated = list(node.restatements)
            restated[restatement] = restated[restatement].model_copy(update={"value": value})
            return node.model_copy(update={"restatements": tuple(restated)})

        nodes = list(self.nodes)
        nodes[path[0]] = rebuild(nodes[path[0]], path[1:])
        return self.model_copy(update={"nodes": tuple(nodes)})

    def labels(self, path: NodePath) -> tuple[str, ...]:
        """The labels from the top-level node down to the node at ``path``."""
        return tuple(self.node(path[: depth + 1]).label for depth in range(len(path)))

    def edits(self) -> tuple[Edit, ...]:
        """The edits the tree implies: ``count * level == amount`` where a node states all
        three; count and amount sums where a node and all its children state the figure
        (``>=`` when ``children_complete`` is false); an equality for each restatement;
        each claim with ``count``/``level``/``amount`` bound to its node's figures.

        Figure names are ``n<path>_<field>`` (``n0_1_amount``); see :meth:`compile` for
        the map back to the tree.

        >>> report = Report(nodes=(Node(label="x", count=2, level=5, amount=10),))
        >>> report.edits()
        (Edit('n0_count * n0_level == n0_amount'),)
        """
        return self.compile().edits

    def compile(self) -> CompiledReport:
        """The edits with the figures' values, kinds and places (node path, field, line)."""
        from .compile import compile_report  # the tree stays importable on its own

        return compile_report(self)


__all__ = [
    "FIGURE_FIELDS",
    "Bound",
    "Citation",
    "Claim",
    "FigureField",
    "Hedge",
    "Node",
    "NodePath",
    "Report",
    "Restatement",
    "Share",
]
