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
from operator import attrgetter, itemgetter
from typing import Annotated, Any, Literal, NoReturn, Self

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

MAX_FACTOR_PER = 100
"""The largest divisor of a factor: a coefficient is written with two decimals at most
(``hệ số 1,5``, ``2,25``)."""

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


class _SharedValues(dict[object, object]):
    """The values one :func:`sharing` remembers, each its own key: ``values[value]`` is
    the equal one remembered, or ``value`` itself, remembered while there is room (what
    ``setdefault`` does below :data:`SHARED_VALUES_LIMIT` and ``get`` past it, in one
    subscript: the nodes read from JSON text share their values that way)."""

    __slots__ = ()

    def __missing__(self, key: object) -> object:
        if len(self) < SHARED_VALUES_LIMIT:
            self[key] = key
        return key


class _NotShared(dict[object, object]):
    """Outside :func:`sharing`: each value as it came (``values[value]`` is ``value``)."""

    __slots__ = ()

    def __missing__(self, key: object) -> object:
        return key


_SHARED_VALUES: ContextVar[dict[object, object] | None] = ContextVar(
    "welfare_rules.audit.nodes._SHARED_VALUES", default=None
)


@contextmanager
def sharing() -> Iterator[None]:
    """While on, the nodes validated store equal labels, counts, levels, amounts and units
    once (a million-item report repeats the same few hundred): the tree then holds a
    reference, not a copy, per node. Values are immutable, so sharing is invisible."""
    token = _SHARED_VALUES.set(_SharedValues())
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
    # the factor's divisor, for a coefficient (``x hệ số 1,5 x 500.000 đồng``: factor 3,
    # per 2): ``count × level × factor = amount × factor_per``; none is 1
    factor_per: int | None = Field(default=None, strict=True, ge=2, le=MAX_FACTOR_PER)
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
    # taken off its parent's sum, not added: the spending in a balance written out
    # (``48.350.000 + 126.700.000 - 127.600.000 = 47.450.000``: ``total == a + b - c``)
    subtracted: bool = False

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
    "factor_per": (2, MAX_FACTOR_PER),
}
_TEXTS = frozenset({"count_unit", "text"})
_FLAGS = frozenset({"children_complete", "split", "subtracted"})
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
        return column if name in ("line", "factor", "factor_per") else _shared(column, values)
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
        get = itemgetter(*signature)
        rows: Iterable[Any] = map(get, group) if len(signature) > 1 else zip(map(get, group))
        written: list[tuple[str, list[Any]]] = []  # the columns not all at their default
        for name, raw in zip(signature, zip(*rows, strict=True), strict=True):
            if name == "children":
                column = group_kids  # the lists themselves were checked by the caller
            else:
                checked = _column(name, list(raw), values)
                if checked is None:
                    return None
                column = checked
                to_check = to_check or (name in _CHECKED_PARTS and any(column))
                if name == "count" and max(filter(None, column), default=0) > MAX_VND:
                    to_check = True
            # of the exact types checked, a value equal to the default is the default
            if column.count(_BLANK[name]) != len(column):
                written.append((name, column))
        dicts = list(map(dict.copy, repeat(_TEMPLATE, len(group))))  # split: values only
        if written:
            names_written = tuple(name for name, _ in written)
            values_written = zip(*(column for _, column in written), strict=True)
            _drain(map(dict.update, dicts, map(zip, repeat(names_written), values_written)))
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
    would accept it and give these very nodes. ``items`` is left as it was.

    Validation costs some 8 µs a node; this costs a few passes at C speed over each level
    of the tree, one field at a time (a million-item report: issue 15), each node's
    ``__dict__`` a copy of a split-table template (:data:`_TEMPLATE`) with the values
    of the columns not all at their default written in. It accepts only
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
_NOT_SHARED = _NotShared()


# -- building nodes straight from JSON text (msgspec, the ``fast`` extra) -----------------

try:
    import msgspec
except ImportError:  # pragma: no cover - the fast extra not installed: the way above
    msgspec = None  # type: ignore[assignment]

if msgspec is not None:
    from msgspec import UNSET, Meta, Struct, UnsetType

    _Money = Annotated[int, Meta(ge=0, le=MAX_VND)]
    _Line = Annotated[int, Meta(ge=1, le=MAX_VND)]
    _Factor = Annotated[int, Meta(ge=1, le=MAX_FACTOR)]
    _FactorPer = Annotated[int, Meta(ge=2, le=MAX_FACTOR_PER)]

    class _NodeJSON(Struct, forbid_unknown_fields=True, gc=False):
        """A node object as msgspec decodes it: every field of :class:`Node` in its order,
        each of the exact JSON type that validation takes unchanged, ``UNSET`` where the
        key is not given; a count, a line past 10^18 is refused here (the careful way
        names it); the lists of parts are left as parsed, for pydantic to validate."""

        label: str
        count: _Money | UnsetType | None = UNSET
        count_unit: str | UnsetType | None = UNSET
        level: _Money | UnsetType | None = UNSET
        amount: _Money | UnsetType | None = UNSET
        factor: _Factor | UnsetType | None = UNSET
        factor_per: _FactorPer | UnsetType | None = UNSET
        source: FundingSource | UnsetType | None = UNSET
        line: _Line | UnsetType | None = UNSET
        text: str | UnsetType | None = UNSET
        children: tuple[_NodeJSON, ...] | UnsetType = UNSET
        children_complete: bool | UnsetType = UNSET
        restatements: tuple[Any, ...] | UnsetType = UNSET
        claims: tuple[Any, ...] | UnsetType = UNSET
        bounds: tuple[Any, ...] | UnsetType = UNSET
        shares: tuple[Any, ...] | UnsetType = UNSET
        figure_lines: tuple[Any, ...] | UnsetType = UNSET
        split: bool | UnsetType = UNSET
        subtracted: bool | UnsetType = UNSET


def reads_json_text() -> bool:
    """Whether :func:`nodes_from_json_text` can read nodes: msgspec installed (the ``fast``
    extra), and :class:`_NodeJSON` stating every field of :class:`Node`, in order (a
    field added to the model and not there leaves the text to the other ways)."""
    return msgspec is not None and tuple(_NodeJSON.__struct_fields__) == _NODE_FIELDS


def _plain_json(value: object) -> bool:
    """Whether ``value`` (parsed JSON) holds no float and no integer of more than 18 digits:
    where it does, the careful reader may read it otherwise (its digit limit) and decides."""
    stack = [value]
    while stack:
        item = stack.pop()
        kind = type(item)
        if kind is list or kind is tuple:
            stack += item  # type: ignore[arg-type]
        elif kind is dict:
            stack += item.values()  # type: ignore[attr-defined]
        elif kind is int:
            if not -MAX_VND <= item <= MAX_VND:  # type: ignore[operator]
                return False
        elif kind is float:
            return False
    return True


class _DoubtError(Exception):
    """A value the careful way must read (raised while building, caught by the caller)."""


def _decoded_part(name: str, part: tuple[Any, ...]) -> tuple[Any, ...]:
    """A list of parts given (not empty), validated as :class:`Node` validates it."""
    if not _plain_json(part):
        raise _DoubtError
    try:
        validated: tuple[Any, ...] = _PARTS[name].validate_python(list(part))
    except ValidationError as exc:
        raise _DoubtError from exc
    return validated


_RUN = 4
"""Runs of this many positions with expected values are checked by one comparison."""


MAX_BUILDERS = 512
"""The most builders :func:`_builder` generates (one per signature of keys given and
defaults, a report uses a handful): past it, nodes of a new signature are built field by
field (:func:`_odd_dict`), so that a text with thousands of signatures costs no more than
that."""

_BUILDERS: dict[tuple[frozenset[str], frozenset[str]], Any] = {}


def _builder(signature: frozenset[str], defaults: frozenset[str]) -> Any | None:
    """The builder of :func:`_generated_builder` for this signature (``None`` once
    :data:`MAX_BUILDERS` are made)."""
    key = (signature, defaults)
    made = _BUILDERS.get(key)
    if made is None and len(_BUILDERS) < MAX_BUILDERS:
        made = _BUILDERS.setdefault(key, _generated_builder(signature, defaults))
    return made


def _generated_builder(signature: frozenset[str], defaults: frozenset[str]) -> Any:
    """A function that writes the ``__dict__`` of each node of a level of decoded nodes,
    one after the other from ``start``, while it is given exactly the keys ``signature``,
    those of ``defaults`` with their default values (the lists of parts empty), and stops
    at the first it does not fit. Generated for the signature (as dataclasses generate
    their ``__init__``), it checks and writes each in one step: a copy of
    :data:`_TEMPLATE` with the other values written in. The check: as many ``UNSET`` as
    keys not given, and at the positions of those and of the defaults, the values
    expected (one comparison for each run of such positions)."""
    expected: list[tuple[int, object]] = []  # (position, the value it must be)
    given: list[int] = []  # the positions of the values written
    writes: list[str] = []
    for index, name in enumerate(_NODE_FIELDS):
        if name not in signature:
            expected.append((index, UNSET))
            continue
        if name in defaults:
            expected.append((index, _BLANK[name]))
            continue
        given.append(index)
        if name == "children":
            writes.append("stored['children'] = kid")
        elif name in _SHARED_FIELDS:
            writes.append(f"stored[{name!r}] = share[row[{index}]]")
        else:
            writes.append(f"stored[{name!r}] = row[{index}]")
    scope: dict[str, Any] = {
        "U": UNSET,
        "astuple": msgspec.structs.astuple,
        "islice": islice,
        "template": _TEMPLATE.copy,
    }
    checks = [f"row[{i}] is not U" for i in given]
    runs: list[list[tuple[int, object]]] = []
    for position, value in expected:  # runs of positions that follow one another
        if runs and runs[-1][-1][0] == position - 1:
            runs[-1].append((position, value))
        else:
            runs.append([(position, value)])
    for number, run in enumerate(runs):
        if len(run) < _RUN:
            for position, value in run:
                scope[f"v{position}"] = value
                test = "==" if value == () else "is"  # () is one object, but say what we mean
                checks.append(f"row[{position}] {test} v{position}")
        else:  # one comparison: identity, then equality (of values of exact JSON types)
            scope[f"run{number}"] = tuple(value for _, value in run)
            checks.append(f"row[{run[0][0]}:{run[-1][0] + 1}] == run{number}")
    rows = "map(astuple, islice(level, start, None))"
    if "children" in signature and "children" not in defaults:
        loop = f"for row, kid in zip({rows}, islice(kids, start, None)):"
    else:
        loop = f"for row in {rows}:"
    body = "\n        ".join(writes)
    source = f"""
def build(level, kids, start, share, append):
    {loop}
        if not ({" and ".join(checks)}):
            return
        stored = template()
        {body}
        append(stored)
"""
    exec(compile(source, f"<nodes built for {sorted(signature)}>", "exec"), scope)
    return scope["build"]


def _split_template() -> dict[str, Any]:
    """A node's ``__dict__`` before the values given, as the interpreter makes it for an
    attribute dict of :class:`Node`: its keys shared by every copy (a split dict), so a
    copy holds only the values, 296 bytes instead of 464 (and is made twice as fast)."""
    template: dict[str, Any] = _new(Node).__dict__
    for name, value in _BLANK.items():
        template[name] = value
    return template


_TEMPLATE = _split_template()


def _odd_dict(row: tuple[Any, ...], kids: tuple[Node, ...], share: Any) -> dict[str, Any]:
    """The ``__dict__`` of one decoded node (its values in ``row``) given parts (or of a
    signature past :data:`MAX_BUILDERS`), written field by field, its parts validated as
    :class:`Node` validates them."""
    stored = _TEMPLATE.copy()
    for name, value in zip(_NODE_FIELDS, row, strict=True):
        if value is UNSET:
            continue
        if name == "children":
            stored[name] = kids
        elif name in _SHARED_FIELDS:
            stored[name] = share[value]
        elif name in _PARTS and value:
            stored[name] = _decoded_part(name, value)
        else:
            stored[name] = value
    return stored


def _decoded_level(
    level: list[Any], kids: list[tuple[Node, ...]], values: dict[object, object] | None
) -> tuple[list[Node], bool]:
    """The nodes of one level of decoded nodes (:class:`_NodeJSON`), their children already
    built (``kids``, in order), and whether :meth:`Report._checked` has anything to look
    at in them; :class:`_DoubtError` where the careful way must read them."""
    share = _NOT_SHARED if values is None else values
    stored: list[dict[str, Any]] = []
    names: list[_FieldsSet] = []
    to_check = False
    index, count = 0, len(level)
    while index < count:
        row = msgspec.structs.astuple(level[index])
        signature = frozenset(
            name for name, value in zip(_NODE_FIELDS, row, strict=True) if value is not UNSET
        )
        if any(row[i] for i in _PART_INDICES if row[i] is not UNSET):
            stored.append(_odd_dict(row, kids[index], share))
            names.append(_shared_fields(signature))
            to_check = to_check or any(row[i] for i in _CHECKED_INDICES if row[i] is not UNSET)
            index += 1
            continue
        defaults = frozenset(
            name
            for name, value in zip(_NODE_FIELDS, row, strict=True)
            if name in signature and name not in _SHARED_FIELDS and value == _BLANK[name]
        )
        builder = _builder(signature, defaults)
        before = len(stored)
        if builder is not None:
            builder(level, kids, index, share, stored.append)
        built = len(stored) - before
        if not built:  # too many signatures (the node a builder is made for fits it)
            stored.append(_odd_dict(row, kids[index], share))
            built = 1
        names += repeat(_shared_fields(signature), built)
        index += built
    nodes: list[Node] = list(map(_new, repeat(Node, count)))
    _drain(map(_SET_DICT, nodes, stored))
    _drain(map(_SET_FIELDS_SET, nodes, names))
    _drain(map(_SET_EXTRA, nodes, repeat(None)))
    _drain(map(_SET_PRIVATE, nodes, repeat(None)))
    return nodes, to_check


def _decoded_nodes(
    top: list[Any], values: dict[object, object] | None
) -> tuple[list[Node], bool] | None:
    """The nodes of decoded top-level nodes (:class:`_NodeJSON`), as
    :func:`nodes_from_json_data` builds them from parsed JSON."""
    levels: list[tuple[list[Any], list[int]]] = []
    level = top
    while level:
        if len(levels) == _FAST_LEVELS:
            return None
        children = [() if kids is UNSET else kids for kids in map(_GET_CHILDREN, level)]
        levels.append((level, list(map(len, children))))
        level = list(chain.from_iterable(children))
    below: list[Node] = []
    to_check = False
    for level, lengths in reversed(levels):
        if below:
            kids = list(map(tuple, map(islice, repeat(iter(below)), lengths)))
        else:
            kids = [()] * len(level)
        try:
            below, checked = _decoded_level(level, kids, values)
        except _DoubtError:
            return None
        to_check = to_check or checked
    return below, to_check


def nodes_from_json_text(
    data: bytes, key: str, others: tuple[str, ...]
) -> tuple[dict[str, Any], list[Node], bool] | None:
    """An object's ``key``, a list of node objects, read from the JSON text ``data``
    straight into nodes by msgspec (the ``fast`` extra), with the object's ``others``
    keys as parsed (those given) and whether :meth:`Report._checked` has anything to look
    at; ``None`` without msgspec, and wherever the careful reader and validation might
    read the text otherwise or refuse it: anything but UTF-8 JSON, a lone surrogate, a
    float or a number past 18 digits, a value of another type than the field takes as it
    is, an unknown key, a tree deeper than 48 levels. The nodes are those validating
    each node (inside :func:`sharing` if it is on) gives, as :func:`nodes_from_json_data`
    builds them.

    Each top-level node's decoded form goes as its node is built (:data:`TOP_CHUNK`
    of them at a time): the memory it took serves the next ones."""
    if not reads_json_text():
        return None
    try:
        decoded = _decoder(key, others).decode(data)
    except (msgspec.DecodeError, msgspec.ValidationError, RecursionError):
        return None
    rest = {name: getattr(decoded, name) for name in others}
    rest = {name: value for name, value in rest.items() if value is not UNSET}
    top = getattr(decoded, key)
    del decoded
    if top is UNSET or not _plain_json(list(rest.values())):
        return None
    values = _SHARED_VALUES.get()
    top.reverse()  # built from the end of the list: each chunk goes as it is built
    nodes: list[Node] = []
    to_check = False
    while top:
        chunk = top[-TOP_CHUNK:]
        del top[-TOP_CHUNK:]
        chunk.reverse()
        built = _decoded_nodes(chunk, values)
        del chunk
        if built is None:
            return None
        nodes += built[0]
        to_check = to_check or built[1]
    return rest, nodes, to_check


TOP_CHUNK = 64
"""How many top-level nodes :func:`nodes_from_json_text` builds at a time."""

_DECODERS: dict[tuple[str, tuple[str, ...]], Any] = {}


def _decoder(key: str, others: tuple[str, ...]) -> Any:
    """The decoder of an object whose ``key`` holds nodes, its ``others`` as parsed."""
    decoder = _DECODERS.get((key, others))
    if decoder is None:
        fields: list[tuple[str, Any, Any]] = [(name, Any, UNSET) for name in others]
        fields.append((key, list[_NodeJSON] | UnsetType, UNSET))
        struct = msgspec.defstruct("_ObjectJSON", fields, forbid_unknown_fields=True)
        decoder = _DECODERS.setdefault((key, others), msgspec.json.Decoder(struct))
    return decoder


if msgspec is not None:
    _GET_CHILDREN = attrgetter("children")
    _PART_INDICES = tuple(i for i, name in enumerate(_NODE_FIELDS) if name in _PARTS)
    _CHECKED_INDICES = tuple(i for i, name in enumerate(_NODE_FIELDS) if name in _CHECKED_PARTS)


__all__ = [
    "FIGURE_FIELDS",
    "MAX_FACTOR",
    "MAX_FACTOR_PER",
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
    "nodes_from_json_text",
    "reads_json_text",
    "sharing",
]
