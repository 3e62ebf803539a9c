"""The report tree: the figures a report states, where it states them, and how they nest.

A :class:`Report` holds top-level :class:`Node` s (a gift table, a payment line, a list of
files handled …). A node may state a count (*suất*, *người*, *lượt*, *hồ sơ*), a level
(*mức*) and an amount; its children are its parts. The tree is data only: the edits it
implies (``count × level = amount``, parent = sum of children, a figure stated twice is
stated equal) are compiled by :meth:`Report.edits`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING, Literal

from pydantic import Field, ValidationError

from .._types import VND, Count, FrozenModel
from .._validation import first_problem
from ..errors import ReportDataError
from ..tiers import FundingSource

if TYPE_CHECKING:
    from .compile import CompiledReport
    from .edits import Edit

FigureField = Literal["count", "level", "amount"]
FIGURE_FIELDS: tuple[FigureField, ...] = ("count", "level", "amount")

NodePath = tuple[int, ...]
"""Indices from the report's top-level nodes down: ``(0, 1, 3)``."""


class Restatement(FrozenModel):
    """The same figure of a node, stated a second time elsewhere (gives an equality edit)."""

    field: FigureField
    value: int = Field(strict=True, ge=0)
    line: int | None = Field(default=None, ge=1)
    text: str | None = None


Hedge = Literal["rounded", "more", "less", "about"]


class Bound(FrozenModel):
    """A node's figure stated again approximately: rounded (``1,9 tỷ đồng``, ``16,23 tỷ``)
    or hedged (``hơn 4.400 đối tượng``, ``gần 300 suất``, ``khoảng``). It holds when the
    exact figure lies in ``[low, high]`` (either end may be open).

    A rounded figure stands for every value that rounds, truncates or rounds up to it;
    ``more``/``less`` are one-sided; ``about`` allows a tenth either way. A bound never
    corrects an exact figure: a rounded one that fails is itself the suspect.
    """

    field: FigureField
    written: int = Field(strict=True, ge=0)  # the figure as written, in đồng or units
    hedge: Hedge
    precision: int = Field(default=1, strict=True, ge=1)  # the value of its last digit
    line: int | None = Field(default=None, ge=1)
    text: str | None = None

    @property
    def low(self) -> int | None:
        """The smallest exact value the figure allows (``None``: no lower end)."""
        step = self.precision
        if self.hedge == "rounded":
            return max(0, self.written - step + 1)
        if self.hedge == "more":
            return self.written
        if self.hedge == "about":
            return max(0, self.written - max(step, self.written // 10))
        return None

    @property
    def high(self) -> int | None:
        """The largest exact value the figure allows (``None``: no upper end)."""
        step = self.precision
        if self.hedge == "rounded":
            return self.written + step - 1
        if self.hedge == "less":
            return self.written + step - 1
        if self.hedge == "about":
            return self.written + max(step, self.written // 10)
        return None

    def holds(self, value: int) -> bool:
        """Whether the exact ``value`` fits the figure as written."""
        low, high = self.low, self.high
        return (low is None or value >= low) and (high is None or value <= high)


class Claim(FrozenModel):
    """A statement about a node's own figures, as an edit expression over ``count``,
    ``level`` and ``amount``: "the average gift exceeds 400.000đ" is
    ``amount > 400000 * count``."""

    expression: str
    line: int | None = Field(default=None, ge=1)
    text: str | None = None


class Citation(FrozenModel):
    """A legal instrument cited by the report (``Quyết định số 1583/QĐ-CTN ngày 26/12/2023``)."""

    instrument: str  # the number as written, e.g. "1583/QĐ-CTN"
    kind: str | None = None  # "Quyết định", "Kế hoạch", "Hướng dẫn" …
    date: dt.date | None = None
    line: int | None = Field(default=None, ge=1)
    text: str | None = None
    group: int | None = Field(default=None, ge=0)  # same line and group: cited in one list


class Node(FrozenModel):
    """One line of a report's arithmetic: a total, a subtotal or a line item.

    ``children_complete`` is false when the parts listed are only some of the whole
    (a "trong đó" that names a few parts): the sums then become ``parent >= parts``.
    """

    label: str
    count: Count | None = None  # số suất / người / lượt / hồ sơ
    count_unit: str | None = None  # "suất", "người", "lượt", "hồ sơ" … as written
    level: VND | None = None  # mức
    amount: VND | None = None  # thành tiền / trị giá
    source: FundingSource | None = None  # nguồn kinh phí
    line: int | None = Field(default=None, ge=1)  # 1-based line of the node's figures
    text: str | None = None  # that line as written
    children: tuple[Node, ...] = ()
    children_complete: bool = True
    restatements: tuple[Restatement, ...] = ()
    claims: tuple[Claim, ...] = ()
    bounds: tuple[Bound, ...] = ()

    def figure(self, field: FigureField) -> int | None:
        """The value of one figure field."""
        value: int | None = getattr(self, field)
        return value

    def walk(self, path: NodePath = ()) -> Iterator[tuple[NodePath, Node]]:
        """This node and its descendants, depth first, with their paths."""
        yield path, self
        for index, child in enumerate(self.children):
            yield from child.walk((*path, index))


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
]
