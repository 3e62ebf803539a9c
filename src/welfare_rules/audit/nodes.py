"""The parts of a report tree: nodes and what they state (figures, restatements, bounds,
claims, citations). :mod:`.report` holds the tree itself; the compiler reads these parts
without reaching back up to the tree's methods, which call it.
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Iterable, Iterator
from collections.abc import Set as AbstractSet
from contextlib import contextmanager
from contextvars import ContextVar
from itertools import chain, islice, repeat
from operator import is_not, itemgetter
from typing import Any, Literal, NoReturn, Self

from pydantic import Field, TypeAdapter, ValidationError, model_validator

from .._limits import MAX_TREE_DEPTH
from .._types import VND, Count, FrozenModel
from ..money import MAX_VND
from ..tiers import FundingSource

FigureField = Literal["count", "level", "amount"]
FIGURE_FIELDS: tuple[FigureField, ...] = ("count", "level", "amount")

MAX_FACTOR = 1000
"""The most times one node's level is paid per count (months, rounds, days): past it a
"factor" is no multiplier of a gift but a misreading."""

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
    # the level paid this many times per count (``142 hộ x 3 tháng x 59.520 đồng``: the
    # months): ``count × level × factor = amount``; none is once
    factor: int | None = Field(default=None, strict=True, ge=1, le=MAX_FACTOR)
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


# -- building nodes from parsed JSON without validating them one by one ---------------------

_NODE_FIELDS: tuple[str, ...] = tuple(Node.model_fields)
_BLANK: dict[str, Any] = {
    name: None if field.is_required() else field.get_default(call_default_factory=True)
    for name, field in Node.model_fields.items()
}
"""A node's ``__dict__`` before the values given: every field, in the order pydantic
keeps them (the JSON written follows it), each at its default (``label`` is always given)."""

_FAST_LEVELS = MAX_TREE_DEPTH - 1
"""The deepest tree built by :func:`nodes_from_json_data` (48 levels): its JSON nests at most
``2 × 48 + 4 = 100`` deep whatever it states (a share's node path in the deepest node),
so no input it accepts could be too deep for :func:`~welfare_rules._limits.load_json`."""

_NONE = type(None)
_INT_RANGES: dict[str, tuple[int, int | None]] = {
    "count": (0, None),  # a count past 10^18 is refused by Report._checked, with its path
    "level": (0, MAX_VND),
    "amount": (0, MAX_VND),
    "line": (1, None),
    "factor": (1, MAX_FACTOR),
}
_TEXTS = frozenset({"count_unit", "text"})
_FLAGS = frozenset({"children_complete", "split"})
_NULLABLE = frozenset({*_INT_RANGES, *_TEXTS, "source"})
_SOURCES: dict[object, FundingSource | None] = {None: None} | {s.value: s for s in FundingSource}
_PARTS: dict[str, TypeAdapter[Any]] = {
    "restatements": TypeAdapter(tuple[Restatement, ...]),
    "claims": TypeAdapter(tuple[Claim, ...]),
    "bounds": TypeAdapter(tuple[Bound, ...]),
    "shares": TypeAdapter(tuple[Share, ...]),
    "figure_lines": TypeAdapter(tuple[tuple[FigureField, int], ...]),
}
"""How :class:`Node` validates the fields that hold lists of parts (its annotations)."""
_CHECKED_PARTS = frozenset({"restatements", "claims", "bounds"})  # what Report._checked reads
_new = object.__new__


def _setter(name: str) -> Any:
    """The ``__set__`` of the slot ``name`` of :class:`Node` (pydantic's ``__dict__`` and
    three private slots): calling it directly takes half the time ``object.__setattr__``
    does, which looks the name up on the type each time."""
    return next(vars(base)[name] for base in Node.__mro__ if name in vars(base)).__set__


_SET_DICT = _setter("__dict__")
_SET_FIELDS_SET = _setter("__pydantic_fields_set__")
_SET_EXTRA = _setter("__pydantic_extra__")
_SET_PRIVATE = _setter("__pydantic_private__")


def _drain(iterator: Iterator[object]) -> None:
    deque(iterator, maxlen=0)


def _shared(column: list[Any], values: dict[object, object] | None) -> list[Any]:
    """``column`` with each value replaced by the equal one :func:`sharing` remembers
    (remembering new ones while there is room), as :meth:`Node._compact` does node by node."""
    if values is None:
        return column
    room = max(SHARED_VALUES_LIMIT - len(values), 0)
    head = column[:room] if room < len(column) else column
    shared = list(map(values.setdefault, head, head))
    if len(head) < len(column):
        tail = column[len(head) :]
        shared += map(values.get, tail, tail)
    return shared


def _column(name: str, column: list[Any], values: dict[object, object] | None) -> list[Any] | None:
    """The values of field ``name`` as the node model stores them, or ``None`` unless every
    one is of the exact type and range that validating it would accept unchanged."""
    if name in _NULLABLE and column.count(None) == len(column):
        return column  # all null (a JSON null equals nothing else)
    if name in _PARTS and column.count(_NO_CHILDREN) == len(column):
        return [()] * len(column)  # all empty lists (an empty list equals nothing else)
    types = set(map(type, column))
    if name == "label":
        return _shared(column, values) if types == {str} else None
    if name in _INT_RANGES:
        if not types <= {int, _NONE}:
            return None  # a float, a bool, a string: validation decides (and explains)
        present: Iterable[int] = column if _NONE not in types else set(column) - {None}
        low, high = _INT_RANGES[name]
        smallest = min(present, default=low)
        if smallest < low or (high is not None and max(present, default=low) > high):
            return None
        return column if name in ("line", "factor") else _shared(column, values)
    if name in _TEXTS:
        if not types <= {str, _NONE}:
            return None
        return _shared(column, values) if name == "count_unit" else column
    if name in _FLAGS:
        return column if types == {bool} else None
    if name == "source":
        if not (types <= {str, _NONE} and set(column) <= _SOURCES.keys()):
            return None
        return list(map(_SOURCES.__getitem__, column))
    if name in _PARTS:
        if types != {list}:
            return None
        if not any(column):
            return [()] * len(column)
        adapter = _PARTS[name]
        try:
            return [adapter.validate_python(part) if part else () for part in column]
        except ValidationError:
            return None
    return None  # pragma: no cover - "children" is set by the caller, no other names pass


def _level(
    items: list[dict[str, Any]], kids: list[tuple[Node, ...]], values: dict[object, object] | None
) -> tuple[list[Node], bool] | None:
    """The nodes of one level of parsed JSON objects, their children already built
    (``kids``, in order), and whether :meth:`Report._checked` has anything to look at."""
    keys = list(map(tuple, items))
    signatures = set(keys)
    for signature in signatures:
        if "label" not in signature or not _FIELD_NAMES.issuperset(signature):
            return None  # a required key missing or an unknown key: validation explains
    groups: list[tuple[tuple[str, ...], list[dict[str, Any]], list[Any], list[int] | None]]
    if len(signatures) == 1:
        groups = [(keys[0], items, kids, None)]
    else:
        where: dict[tuple[str, ...], list[int]] = {}
        for index, key in enumerate(keys):
            where.setdefault(key, []).append(index)
        groups = [
            (key, [items[i] for i in at], [kids[i] for i in at], at) for key, at in where.items()
        ]
    stored: list[dict[str, Any]] = [] if len(groups) == 1 else [_BLANK] * len(items)
    names_given: list[_FieldsSet] = [] if len(groups) == 1 else [_EMPTY_NAMES] * len(items)
    to_check = False
    for signature, group, group_kids, at in groups:
        whole = signature == _NODE_FIELDS  # every field, in order: the dicts become the nodes'
        if whole:
            raws: Iterable[Any] = (list(map(itemgetter(name), group)) for name in signature)
        else:
            get = itemgetter(*signature)
            rows: Iterable[Any] = map(get, group) if len(signature) > 1 else zip(map(get, group))
            raws = zip(*rows, strict=True)
        columns: list[list[Any]] = []
        changed: list[tuple[str, list[Any]]] = []  # whole: the columns to write back
        for name, raw in zip(signature, raws, strict=True):
            if name == "children":
                columns.append(group_kids)  # the lists themselves were checked by the caller
                changed.append((name, group_kids))
                continue
            column = _column(name, raw if whole else list(raw), values)
            if column is None:
                return None
            to_check = to_check or (name in _CHECKED_PARTS and any(column))
            if name == "count" and max(filter(None, column), default=0) > MAX_VND:
                to_check = True
            columns.append(column)
            if whole and column is not raw and any(map(is_not, raw, column)):
                changed.append((name, column))
        if whole:
            dicts = group
            for name, column in changed:
                _drain(map(dict.__setitem__, dicts, repeat(name), column))
        else:
            dicts = list(map(dict.copy, repeat(_BLANK, len(group))))
            _drain(map(dict.update, dicts, map(zip, repeat(signature), zip(*columns, strict=True))))
        names = _shared_fields(frozenset(signature))
        if at is None:
            stored, names_given = dicts, [names] * len(group)
        else:
            _drain(map(stored.__setitem__, at, dicts))
            _drain(map(names_given.__setitem__, at, repeat(names)))
    nodes: list[Node] = list(map(_new, repeat(Node, len(items))))
    _drain(map(_SET_DICT, nodes, stored))
    _drain(map(_SET_FIELDS_SET, nodes, names_given))
    _drain(map(_SET_EXTRA, nodes, repeat(None)))
    _drain(map(_SET_PRIVATE, nodes, repeat(None)))
    return nodes, to_check


def nodes_from_json_data(items: object) -> tuple[list[Node], bool] | None:
    """The nodes of ``items`` (a list of node objects as parsed from JSON), built without
    validating them one by one, and whether :meth:`Report._checked` has anything to look
    at in them (a count past 10^18, a restatement, a bound or a claim); ``None`` unless
    validating each item (``Node.model_validate``, inside :func:`sharing` if it is on)
    would accept it and give these very nodes. ``items`` is consumed: an object that
    states every field, in the model's order (as ``model_dump_json()`` writes it),
    becomes its node's own ``__dict__``, and may be changed even when ``None`` is given.

    Validation costs some 8 µs a node; this costs a few passes at C speed over each level
    of the tree, one field at a time (a million-item report: issue 15). It accepts only
    what needs no conversion and no message: exact ``str``, ``int`` within the field's
    range, ``bool``, ``null``, a funding source's value, lists (restatements, claims,
    bounds, shares and figure lines are validated as the model does, where there are
    any), no unknown key, the label given, at most 48 levels. Anything else — a float, a
    string for a number, a missing label — gives ``None``: the caller validates, and
    validation names the problem. Each node gets the shared set of the names it was given
    and, inside :func:`sharing`, the shared values, as :meth:`Node._compact` gives them.
    """
    levels: list[tuple[list[dict[str, Any]], list[int]]] = []
    level: Any = items
    if type(level) is not list:
        return None
    while level:
        if len(levels) == _FAST_LEVELS or set(map(type, level)) != {dict}:
            return None
        children = list(map(dict.get, level, repeat("children"), repeat(_NO_CHILDREN)))
        if set(map(type, children)) != {list}:
            return None
        levels.append((level, list(map(len, children))))
        level = list(chain.from_iterable(children))
    values = _SHARED_VALUES.get()
    below: list[Node] = []
    to_check = False
    for level, lengths in reversed(levels):
        if below:
            kids = list(map(tuple, map(islice, repeat(iter(below)), lengths)))
        else:  # the leaves
            kids = [()] * len(level)
        built = _level(level, kids, values)
        if built is None:
            return None
        below, checked = built
        to_check = to_check or checked
    return below, to_check


_FIELD_NAMES = frozenset(_NODE_FIELDS)
_NO_CHILDREN: list[Any] = []  # the children of a node given none (read, never changed)
_EMPTY_NAMES = _shared_fields(frozenset())


__all__ = [
    "FIGURE_FIELDS",
    "MAX_FACTOR",
    "Bound",
    "Citation",
    "Claim",
    "FigureField",
    "Hedge",
    "Node",
    "NodePath",
    "Restatement",
    "Share",
    "nodes_from_json_data",
    "sharing",
]
