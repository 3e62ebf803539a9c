"""The parts of a report tree: nodes and what they state (figures, restatements, bounds,
claims, citations). :mod:`.report` holds the tree itself; the compiler reads these parts
without reaching back up to the tree's methods, which call it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from .._types import VND, Count, FrozenModel
from ..tiers import FundingSource

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


class Share(FrozenModel):
    """A percentage stated in a report: the ``part``'s figure as a share of the ``whole``'s
    (``388 người (2,4%)``; ``quà của tỉnh chiếm 62,3% tổng kinh phí``). It holds when the
    exact ratio rounds or truncates to the percentage as written, to its decimals."""

    field: FigureField
    percent: str  # as written, without the sign: "62,3", "2,4", "48"
    part: NodePath
    whole: NodePath
    line: int | None = Field(default=None, ge=1)
    text: str | None = None


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
    shares: tuple[Share, ...] = ()

    def figure(self, field: FigureField) -> int | None:
        """The value of one figure field."""
        value: int | None = getattr(self, field)
        return value

    def walk(self, path: NodePath = ()) -> Iterator[tuple[NodePath, Node]]:
        """This node and its descendants, depth first, with their paths."""
        yield path, self
        for index, child in enumerate(self.children):
            yield from child.walk((*path, index))


__all__ = [
    "FIGURE_FIELDS",
    "Bound",
    "Citation",
    "Claim",
    "FigureField",
    "Hedge",
    "Node",
    "NodePath",
    "Restatement",
    "Share",
]
