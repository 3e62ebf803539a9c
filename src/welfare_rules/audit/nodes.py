"""The parts of a report tree: nodes and what they state (figures, restatements, bounds,
claims, citations). :mod:`.report` holds the tree itself; the compiler reads these parts
without reaching back up to the tree's methods, which call it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from collections.abc import Set as AbstractSet
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Literal, NoReturn, Self

from pydantic import Field, model_validator

from .._types import VND, Count, FrozenModel
from ..tiers import FundingSource

FigureField = Literal["count", "level", "amount"]
FIGURE_FIELDS: tuple[FigureField, ...] = ("count", "level", "amount")

NodePath = tuple[int, ...]
"""Indices from the report's top-level nodes down: ``(0, 1, 3)``."""


class _FieldsSet(set[str]):
    """The names of the fields a node was given (pydantic's ``model_fields_set``), one
    object shared by every node given the same names.

    pydantic keeps a ``set`` per instance: 728 bytes for five names, half of what a
    line item of a million-item report occupied. The shared one is a ``set`` (pydantic's
    serializer insists, for ``exclude_unset``) that refuses to change: it belongs to
    many nodes. A copy (``model_copy``, ``copy``, ``pickle``) is a plain ``set`` of its
    own, which ``model_copy(update=…)`` then extends with the names it replaces.
    """

    __slots__ = ()

    def _refuse(self) -> NoReturn:
        raise TypeError("the set of field names given is shared by many nodes: copy it")

    def add(self, element: str) -> None:
        self._refuse()

    def discard(self, element: object) -> None:
        self._refuse()

    def remove(self, element: str) -> None:
        self._refuse()

    def pop(self) -> str:
        self._refuse()

    def clear(self) -> None:
        self._refuse()

    def update(self, *others: Iterable[str]) -> None:
        self._refuse()

    def difference_update(self, *others: Iterable[Any]) -> None:
        self._refuse()

    def intersection_update(self, *others: Iterable[Any]) -> None:
        self._refuse()

    def symmetric_difference_update(self, other: Iterable[str]) -> None:
        self._refuse()

    def __ior__(self, other: AbstractSet[str]) -> Self:  # type: ignore[override,misc]
        self._refuse()

    def __iand__(self, other: AbstractSet[object]) -> Self:
        self._refuse()

    def __isub__(self, other: AbstractSet[object]) -> Self:
        self._refuse()

    def __ixor__(self, other: AbstractSet[str]) -> Self:  # type: ignore[override,misc]
        self._refuse()

    def __copy__(self) -> set[str]:
        return set(self)

    def __deepcopy__(self, memo: dict[int, object]) -> set[str]:
        return set(self)

    def __reduce__(self) -> tuple[type[set[str]], tuple[list[str]]]:
        return set, (list(self),)


_FIELDS_SETS: dict[frozenset[str], _FieldsSet] = {}
"""One shared set per combination of field names given (at most one per subset of the
fields of :class:`Node`; a report uses a handful)."""

_SHARED_FIELDS = ("label", "count", "level", "amount", "count_unit")
"""The values that repeat across the nodes of a big report (the same labels, counts,
levels and amounts in every commune): while :func:`sharing` is on, equal values are
stored once. ``line`` and ``text`` are left alone: they differ from node to node."""

SHARED_VALUES_LIMIT = 1 << 16
"""About the most distinct values remembered by one :func:`sharing` (some 5 MB): past
it, values already remembered are still shared, new ones are kept as they came."""

_SHARED_VALUES: ContextVar[dict[object, object] | None] = ContextVar(
    "welfare_rules.audit.nodes._SHARED_VALUES", default=None
)


@contextmanager
def sharing() -> Iterator[None]:
    """While on, the nodes validated store equal labels, counts, levels, amounts and units
    once (a million-item report repeats the same few hundred): the tree then holds a
    reference, not a copy, per node. Values are immutable, so sharing is invisible."""
    token = _SHARED_VALUES.set({})
    try:
        yield
    finally:
        _SHARED_VALUES.reset(token)


def _shared_fields(names: set[str] | frozenset[str]) -> _FieldsSet:
    """The shared set of these field names."""
    key = frozenset(names)
    shared = _FIELDS_SETS.get(key)
    if shared is None:
        shared = _FIELDS_SETS.setdefault(key, _FieldsSet(key))
    return shared


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
    # a figure stated on another line than ``line`` (``Số tiền nhận: …`` under ``Số suất
    # quà: 46 suất, mức …``): its field and line
    figure_lines: tuple[tuple[FigureField, int], ...] = ()
    # a second breakdown of the parent's figures (``Nguồn kinh phí: ngân sách huyện …;
    # ngân sách xã …`` under a total already broken down by group): its parts sum to the
    # parent's figures, it states none of its own and is no part of the parent's sum
    split: bool = False

    @model_validator(mode="after")
    def _compact(self) -> Self:
        """Once validated: the shared set of the names given instead of a set of its own,
        and, inside :func:`sharing`, the shared copy of each repeated value (a node then
        takes about 600 bytes instead of 1.700; issue 15)."""
        names = self.__pydantic_fields_set__
        shared = _FIELDS_SETS.get(frozenset(names))
        if shared is None:
            shared = _shared_fields(names)
        object.__setattr__(self, "__pydantic_fields_set__", shared)
        values = _SHARED_VALUES.get()
        if values is not None:  # pydantic gives exact str and int: equal means the same
            share = values.setdefault if len(values) < SHARED_VALUES_LIMIT else values.get
            stored: dict[str, Any] = self.__dict__
            for key in _SHARED_FIELDS:
                value = stored[key]
                stored[key] = share(value, value)
        return self

    def figure(self, field: FigureField) -> int | None:
        """The value of one figure field."""
        value: int | None = getattr(self, field)
        return value

    def figure_line(self, field: FigureField) -> int | None:
        """The line that states the figure ``field``: its own (:attr:`figure_lines`) or
        the node's."""
        for name, number in self.figure_lines:
            if name == field:
                return number
        return self.line

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
    "sharing",
]
