"""Allocate a population: exact counts and amounts by funding source, programme and level.

:func:`allocate` takes an iterable of :class:`~welfare_rules.entitle.person.Person` (or
plain dicts), a mapping of columns, or a pandas DataFrame. People with equal relevant
inputs get equal entitlements, so each distinct input is evaluated once and counted; the
totals are exact ``int`` sums (``count × level``), never floats.

An :class:`Allocation` is a commutative monoid: the allocations of the parts of a
population (each allocated with the ``row_offset`` of its first row) add up, with ``+``
or ``sum(parts, Allocation.empty(ruleset, on=…))``, to the allocation of the whole, field
by field.
"""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .._i18n import Catalog, Lang, Text
from .._optional import require
from ..errors import AllocationError, PersonDataError
from ..rules.kinds import KINDS
from ..rules.model import Label, Ruleset
from ..tiers import FundingSource
from ._columns import Grouped, group_columns
from ._frame import code_frame, fold_frame
from ._frame_parts import tally_frame
from ._keys import KeyInputs
from ._parts import Tally, tally_parts
from .engine import Inputs, Plan, _resolve, plan_for
from .person import Person
from .results import Entitlement, Item, Undetermined

if TYPE_CHECKING:
    from ..audit.report import Report

_MSG = Catalog(
    "entitle.allocate",
    {
        "quota_ok": Text(
            vi="{title}: {selected}/{quota} suất, trong định mức",
            en="{title}: {selected} of {quota} gifts, within the quota",
        ),
        "quota_over": Text(
            vi="{title}: {selected} suất, vượt định mức {quota} suất ({over} suất)",
            en="{title}: {selected} gifts, over the quota of {quota} by {over}",
        ),
        "no_quota": Text(
            vi="{title}: {selected} suất, không có định mức",
            en="{title}: {selected} gifts, no quota set",
        ),
        "mismatch": Text(
            vi="không cộng được hai kết quả phân bổ: {what} khác nhau ({left} và {right})",
            en="cannot add two allocations: their {what} differ ({left} and {right})",
        ),
        "what_ruleset": Text(vi="bộ quy định", en="rulesets"),
        "what_on": Text(vi="ngày", en="dates"),
        "what_lines": Text(vi="các mức", en="levels"),
        "people": Text(
            vi="không cộng được hai kết quả phân bổ: chỉ một bên giữ kết quả từng người "
            "(gọi allocate với per_person=True cho mọi phần)",
            en="cannot add two allocations: only one keeps the per-person results "
            "(call allocate with per_person=True for every part)",
        ),
        "overlap": Text(
            vi="không cộng được hai kết quả phân bổ: dòng {row} có ở cả hai phần "
            "(gọi allocate với row_offset bằng dòng đầu của từng phần)",
            en="cannot add two allocations: row {row} is in both parts "
            "(call allocate with row_offset set to each part's first row)",
        ),
        "no_people": Text(
            vi="kết quả phân bổ này không giữ kết quả từng người "
            "(gọi allocate với per_person=True)",
            en="this allocation keeps no per-person results (call allocate with per_person=True)",
        ),
        "offset": Text(
            vi="row_offset phải là số nguyên không âm, không phải {value!r}",
            en="row_offset must be a whole number, 0 or more, not {value!r}",
        ),
    },
)


@dataclass(frozen=True, slots=True)
class Totals:
    """A number of gifts (suất) and their value in whole VND: ``amount`` in cash,
    ``in_kind`` the stated value of the goods (hiện vật), ``total`` both."""

    count: int
    amount: int
    in_kind: int = 0

    @property
    def total(self) -> int:
        """Cash and goods: ``amount + in_kind``, exact."""
        return self.amount + self.in_kind


@dataclass(frozen=True, slots=True)
class Line:
    """One level (mức) or bracket of one programme: how many gifts, at what amount."""

    ruleset: str
    programme: str
    title: Label
    kind: str
    source: FundingSource
    level: str  # level id, bracket id or "selected"
    level_amount: int  # mức
    label: Text  # "Mức 600.000 đ" / "Tuổi 70"
    count: int  # số suất
    level_in_kind: int = 0  # the stated value of each gift's goods (hiện vật)

    @property
    def amount(self) -> int:
        """The cash: ``count × level_amount``, exact."""
        return self.count * self.level_amount

    @property
    def in_kind(self) -> int:
        """The goods: ``count × level_in_kind``, exact."""
        return self.count * self.level_in_kind

    @property
    def total(self) -> int:
        """Cash and goods: ``amount + in_kind``."""
        return self.amount + self.in_kind


@dataclass(frozen=True, slots=True)
class UndeterminedGroup:
    """People for whom one programme is undetermined for the same reason, with their rows.

    ``rows`` (0-based positions in the population) and ``ids`` are filled when
    :func:`allocate` is called with ``per_person=True``. ``first`` is where the group
    first occurs: the row of its first person and the place of the case among that
    person's items; the groups are in this order (so added parts keep the whole's order).
    """

    item: Undetermined
    count: int
    rows: tuple[int, ...] = ()
    ids: tuple[object, ...] = ()
    first: tuple[int, int] = (0, 0)

    def _shifted(self, offset: int) -> UndeterminedGroup:
        rows = tuple(row + offset for row in self.rows)
        first = (self.first[0] + offset, self.first[1])
        return UndeterminedGroup(self.item, self.count, rows, self.ids, first)


@dataclass(frozen=True, slots=True)
class QuotaCheck:
    """A selected programme's recipients against its quota (định mức số suất)."""

    programme: str
    title: Label
    quota: int | None
    selected: int

    @property
    def within(self) -> bool:
        """Whether the recipients fit the quota (``True`` when there is none)."""
        return self.quota is None or self.selected <= self.quota

    @property
    def message(self) -> Text:
        """The check in both languages."""
        fields = {"selected": self.selected, "quota": self.quota}
        if self.quota is None:
            key = "no_quota"
        else:
            key = "quota_ok" if self.within else "quota_over"
            fields["over"] = self.selected - self.quota
        return Text(
            _MSG(key, title=self.title.vi, **fields).vi, _MSG(key, title=self.title.en, **fields).en
        )


@dataclass(frozen=True, slots=True)
class PersonResult:
    """One person's items: ``row`` is the position in the population, ``id`` its id if any."""

    row: int
    id: object
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Allocation:
    """What a population receives under a ruleset on a date, exactly.

    ``lines`` hold every level and bracket of the programmes in force (count may be 0);
    ``undetermined`` the cases an input or a rule leaves open; ``quotas`` the selected
    programmes' checks; ``people`` the per-person results when asked for.
    """

    ruleset: str
    on: dt.date
    population: int
    lines: tuple[Line, ...]
    undetermined: tuple[UndeterminedGroup, ...]
    quotas: tuple[QuotaCheck, ...]
    people: tuple[PersonResult, ...] | None = None

    @classmethod
    def empty(cls, ruleset: Ruleset | str, *, on: dt.date) -> Allocation:
        """The allocation of nobody: every line at 0, the identity of ``+``.

        >>> from welfare_rules.rules import load_ruleset
        >>> ruleset = load_ruleset("uong-bi-tet-2024")
        >>> on = dt.date(2024, 2, 1)
        >>> parts = [{"birth_year": [1954, 1944]}, {"birth_year": [1954, 1990]}]
        >>> merged = sum(
        ...     (allocate(part, ruleset, on=on, row_offset=2 * i) for i, part in enumerate(parts)),
        ...     Allocation.empty(ruleset, on=on),
        ... )
        >>> merged == allocate({"birth_year": [1954, 1944, 1954, 1990]}, ruleset, on=on)
        True
        """
        return _build(plan_for(_resolve(ruleset), on=on), (), size=0, people=None)

    def __add__(self, other: object) -> Allocation:
        """The allocation of both populations (which must not share a row): see
        :func:`add`."""
        if not isinstance(other, Allocation):
            return NotImplemented
        return add(self, other)

    def __radd__(self, other: object) -> Allocation:
        """``0 + allocation`` is the allocation, so ``sum(parts)`` works without a start."""
        if isinstance(other, int) and not isinstance(other, bool) and other == 0:
            return self
        return NotImplemented

    def shifted(self, offset: int) -> Allocation:
        """The same allocation with every row moved by ``offset`` (rows of the people and
        of the undetermined groups): a part allocated from row 0, placed at row ``offset``."""
        if not offset:
            return self
        people = None
        if self.people is not None:
            people = tuple(PersonResult(p.row + offset, p.id, p.items) for p in self.people)
        groups = tuple(group._shifted(offset) for group in self.undetermined)
        return Allocation(
            self.ruleset, self.on, self.population, self.lines, groups, self.quotas, people
        )

    @property
    def total(self) -> Totals:
        """Every gift counted and summed (cash, goods)."""
        lines = self.lines
        return Totals(
            sum(x.count for x in lines), sum(x.amount for x in lines), sum(x.in_kind for x in lines)
        )

    def by_source(self) -> dict[FundingSource, Totals]:
        """Totals by funding source, central first (sources with no gift left out)."""
        return _totals(self.lines, lambda line: line.source)

    def by_programme(self) -> dict[str, Totals]:
        """Totals by programme id, in ruleset order (programmes with no gift left out)."""
        return _totals(self.lines, lambda line: line.programme)

    def by_level(self) -> dict[tuple[str, str], Totals]:
        """Totals by (programme id, level or bracket id)."""
        return _totals(self.lines, lambda line: (line.programme, line.level))

    @property
    def undetermined_count(self) -> int:
        """How many (person, programme) results are undetermined."""
        return sum(group.count for group in self.undetermined)

    def to_report(self, *, lang: Lang = "vi") -> Report:
        """The allocation as a report tree, grouped as a gift report groups its table.

        Total → Tết gifts from the budget / longevity gifts / socialized → funding source →
        programme (when a source has several) → level or bracket lines
        (``count × level = amount``). Lines with no gift are left out; undetermined
        cases are not amounts and are not in the tree.
        """
        from ._report import allocation_report

        return allocation_report(self, lang=lang)

    def to_dict(self, *, lang: Lang = "vi") -> dict[str, Any]:
        """A JSON-ready summary."""
        total = self.total
        return {
            "ruleset": self.ruleset,
            "on": self.on.isoformat(),
            "population": self.population,
            "total": _totals_dict(total),
            "by_source": {s.value: _totals_dict(t) for s, t in self.by_source().items()},
            "lines": [
                {
                    "programme": line.programme,
                    "title": line.title.get(lang),
                    "source": line.source.value,
                    "level": line.level,
                    "level_amount": line.level_amount,
                    "level_in_kind": line.level_in_kind,
                    "count": line.count,
                    "amount": line.amount,
                    "in_kind": line.in_kind,
                    "total": line.total,
                }
                for line in self.lines
            ],
            "undetermined": [
                {**group.item.to_dict(lang=lang), "count": group.count, "rows": list(group.rows)}
                for group in self.undetermined
            ],
            "quotas": [
                {
                    "programme": q.programme,
                    "quota": q.quota,
                    "selected": q.selected,
                    "within": q.within,
                    "message": q.message.get(lang),
                }
                for q in self.quotas
            ],
        }

    def payments(self, *, lang: Lang = "vi") -> list[dict[str, object]]:
        """The payment list: one row per person and programme with a result, in row order
        (needs ``per_person=True``; ``[]`` otherwise). A gift gives its level, ``amount``
        (whole VND) and funding source, and ``basis`` its legal basis; an undetermined case
        has ``amount`` ``None`` and says what is ``missing`` and what it ``could_be``.
        ``pandas.DataFrame(allocation.payments())`` is the list as a frame."""
        rows: list[dict[str, object]] = []
        for person in self.people or ():
            for item in person.items:
                row: dict[str, object] = {
                    "row": person.row,
                    "id": person.id,
                    "programme": item.programme,
                    "title": item.title.get(lang),
                    "source": item.source.value,
                }
                if isinstance(item, Entitlement):
                    cites = "; ".join(basis.cite(lang) for basis in item.bases)
                    row.update(level=item.level, amount=item.amount, basis=cites)
                    row.update(missing="", could_be="", confirmed=item.confirmed)
                else:
                    could = [str(amount) for amount in dict.fromkeys(item.amounts)]
                    could += ["0"] if item.may_be_nothing else []
                    row.update(level="", amount=None, basis="")
                    row.update(missing="; ".join(item.missing), could_be="; ".join(could))
                    row.update(confirmed=False)
                row["reason"] = item.describe(lang)
                rows.append(row)
        return rows

    def to_pandas(self) -> Any:
        """The lines as a pandas DataFrame (the ``pandas`` extra) with exact ``Int64``
        columns; see ``welfare_rules.views.frames.ALLOCATION_COLUMNS``."""
        from ..views.frames import allocation_frame

        return allocation_frame(self)

    def people_frame(self, *, lang: Lang = "vi") -> Any:
        """The payment list (:meth:`payments`) as a pandas DataFrame with the columns of
        :data:`PEOPLE_COLUMNS`: ``row`` and ``amount`` exact ``Int64`` (``<NA>`` for an
        undetermined case), one row per person and programme with a result, in row
        order. Needs ``per_person=True`` (an :class:`~welfare_rules.errors.AllocationError`
        says so otherwise: an empty list would read as "nobody is paid").

        >>> from welfare_rules.rules import load_ruleset
        >>> people = {"id": ["A", "B"], "birth_year": [1954, None]}
        >>> on = dt.date(2024, 2, 1)
        >>> result = allocate(people, load_ruleset("uong-bi-tet-2024"), on=on, per_person=True)
        >>> result.people_frame()[["row", "id", "programme", "amount"]].head(2)
           row id          programme  amount
        0    0  A  commune-longevity  700000
        1    1  B  commune-longevity    <NA>
        """
        if self.people is None:
            raise AllocationError(_MSG("no_people"))
        return _frame(self.payments(lang=lang), PEOPLE_COLUMNS, ints=("row", "amount"))

    def undetermined_frame(self, *, lang: Lang = "vi") -> Any:
        """The undetermined cases as a pandas DataFrame with the columns of
        :data:`UNDETERMINED_COLUMNS`, in order of first occurrence. Allocated with
        ``per_person=True``, one row per person and case (``row``, ``id``, ``count`` 1);
        otherwise one row per group of the same case (``row`` ``<NA>``, ``count`` the
        group's). Either way ``count`` adds up to :attr:`undetermined_count`."""
        rows: list[dict[str, object]] = []
        for group in self.undetermined:
            item = group.item
            could = [str(amount) for amount in dict.fromkeys(item.amounts)]
            could += ["0"] if item.may_be_nothing else []
            case: dict[str, object] = {
                "programme": item.programme,
                "title": item.title.get(lang),
                "source": item.source.value,
                "cause": item.cause,
                "missing": "; ".join(item.missing),
                "possible": "; ".join(item.possible),
                "could_be": "; ".join(could),
                "reason": item.describe(lang),
            }
            if group.rows:
                ids = group.ids or (None,) * len(group.rows)
                rows.extend(
                    {**case, "count": 1, "row": row, "id": ident}
                    for row, ident in zip(group.rows, ids, strict=True)
                )
            else:
                rows.append({**case, "count": group.count, "row": None, "id": None})
        return _frame(rows, UNDETERMINED_COLUMNS, ints=("count", "row"))

    def _repr_html_(self) -> str:
        """Hook into :func:`welfare_rules.views.html.allocation_html`."""
        from ..views.html import allocation_html

        return allocation_html(self)

    def plot(self, *, ax: Any = None, lang: Lang = "vi") -> Any:
        """The amount by funding source as bars (the ``plot`` extra); returns the Axes."""
        from ..views.plot import plot_allocation

        return plot_allocation(self, ax=ax, lang=lang)


PEOPLE_COLUMNS = (
    "row",
    "id",
    "programme",
    "title",
    "source",
    "level",
    "amount",
    "basis",
    "missing",
    "could_be",
    "confirmed",
    "reason",
)
"""The columns of :meth:`Allocation.people_frame` (those of :meth:`Allocation.payments`)."""

UNDETERMINED_COLUMNS = (
    "row",
    "id",
    "programme",
    "title",
    "source",
    "cause",
    "missing",
    "possible",
    "could_be",
    "count",
    "reason",
)
"""The columns of :meth:`Allocation.undetermined_frame`."""


def _frame(rows: list[dict[str, object]], columns: Sequence[str], *, ints: Sequence[str]) -> Any:
    """A DataFrame of ``rows`` with ``columns`` (even when there is no row), the ``ints``
    as exact nullable ``Int64``."""
    pd = require("pandas", extra="pandas", feature="a DataFrame of an allocation")
    data = {name: [row[name] for row in rows] for name in columns}
    result = pd.DataFrame(data, columns=list(columns))
    for name in ints:
        result[name] = pd.array(data[name], dtype="Int64")
    return result


def _totals_dict(totals: Totals) -> dict[str, int]:
    return {
        "count": totals.count,
        "amount": totals.amount,
        "in_kind": totals.in_kind,
        "total": totals.total,
    }


def _totals(lines: Iterable[Line], key: Any) -> dict[Any, Totals]:
    found: dict[Any, list[int]] = {}
    for line in lines:
        if line.count:
            entry = found.setdefault(key(line), [0, 0, 0])
            entry[0] += line.count
            entry[1] += line.amount
            entry[2] += line.in_kind
    ordered = sorted(found.items(), key=lambda kv: kv[0]) if _all_sources(found) else found.items()
    return {k: Totals(c, a, g) for k, (c, a, g) in ordered}


def _all_sources(found: Mapping[Any, Any]) -> bool:
    return all(isinstance(k, FundingSource) for k in found)


def level_label(kind: str, item: Any, amount: int, *, lang: Lang = "vi") -> str:
    """``Mức 600.000 đ``, ``Tuổi 70`` or ``Từ 101 tuổi`` (the kind's :meth:`Kind.item_label`)."""
    return KINDS[kind].item_label(item, amount).get(lang)


_EMPTY: dict[int, tuple[Plan, tuple[tuple[tuple[str, str], Line], ...]]] = {}


def _empty_lines(plan: Plan) -> tuple[tuple[tuple[str, str], Line], ...]:
    """Every level line of ``plan`` at count 0, keyed by (programme, level): built once per
    plan (lines are immutable; the labels cost more than a million rows' counting)."""
    entry = _EMPTY.get(id(plan))
    if entry is None or entry[0] is not plan:
        if len(_EMPTY) >= 64:
            _EMPTY.clear()
        entry = _EMPTY[id(plan)] = (plan, tuple(_lines_of(plan)))
    return entry[1]


def _lines_of(plan: Plan) -> list[tuple[tuple[str, str], Line]]:
    found: list[tuple[tuple[str, str], Line]] = []
    for p in plan.programmes:
        programme, version = p.programme, p.version
        if not version.recorded:
            continue
        for priced in p.kind.priced(version):
            ident, amount = priced.ident, priced.amount
            label = p.kind.item_label(priced.item, amount)
            line = Line(
                ruleset=p.ruleset,
                programme=programme.id,
                title=programme.title,
                kind=programme.kind,
                source=programme.source,
                level=ident,
                level_amount=amount,
                label=label,
                count=0,
                level_in_kind=priced.in_kind_value,
            )
            found.append(((programme.id, ident), line))
    return found


def _group_order(group: UndeterminedGroup) -> tuple[object, ...]:
    """Where a group stands: its first occurrence, then (for parts that overlap, which
    :func:`add` refuses when it can see their rows) what it says."""
    item = group.item
    return (group.first, item.programme, item.cause, item.missing, item.possible, item.amounts)


def add(left: Allocation, right: Allocation) -> Allocation:
    """The allocation of two disjoint populations under the same ruleset on the same date.

    Lines, quotas and the population add; undetermined groups of the same case merge
    (counts add, rows and ids merge in row order) and stay in order of first occurrence;
    per-person results merge in row order. Rows are the rows each part was allocated
    with (``row_offset``); a row in both parts is an :class:`AllocationError`, as are
    another ruleset, date or set of levels.
    """
    for what, a, b in (("ruleset", left.ruleset, right.ruleset), ("on", left.on, right.on)):
        if a != b:
            raise AllocationError(_MSG("mismatch", what=_MSG(f"what_{what}"), left=a, right=b))
    keys = [(x.programme, x.level, x.level_amount, x.level_in_kind) for x in left.lines]
    other = [(x.programme, x.level, x.level_amount, x.level_in_kind) for x in right.lines]
    if keys != other:
        raise AllocationError(
            _MSG("mismatch", what=_MSG("what_lines"), left=len(keys), right=len(other))
        )
    lines = tuple(
        _with_count(a, a.count + b.count) if b.count else a
        for a, b in zip(left.lines, right.lines, strict=True)
    )
    quotas = tuple(
        QuotaCheck(a.programme, a.title, a.quota, a.selected + b.selected)
        for a, b in zip(left.quotas, right.quotas, strict=True)
    )
    people = _people(left, right)
    merged: dict[Undetermined, UndeterminedGroup] = {g.item: g for g in left.undetermined}
    for group in right.undetermined:
        mine = merged.get(group.item)
        merged[group.item] = group if mine is None else _merge_groups(mine, group)
    groups = tuple(sorted(merged.values(), key=_group_order))
    return Allocation(
        left.ruleset,
        left.on,
        left.population + right.population,
        lines,
        groups,
        quotas,
        people,
    )


def _with_count(line: Line, count: int) -> Line:
    """The line with another count (built directly: ``dataclasses.replace`` reads every
    field by name first, a few times the cost)."""
    return Line(
        line.ruleset,
        line.programme,
        line.title,
        line.kind,
        line.source,
        line.level,
        line.level_amount,
        line.label,
        count,
        line.level_in_kind,
    )


def _people(left: Allocation, right: Allocation) -> tuple[PersonResult, ...] | None:
    """The per-person results of both, in row order (an empty part counts as either)."""
    if not left.population:
        return right.people
    if not right.population:
        return left.people
    if left.people is None and right.people is None:
        return None
    if left.people is None or right.people is None:
        raise AllocationError(_MSG("people"))
    a, b = left.people, right.people
    if a and b and a[-1].row < b[0].row:  # the usual case: right follows left
        return a + b
    if a and b and b[-1].row < a[0].row:
        return b + a
    merged = tuple(heapq.merge(a, b, key=lambda person: person.row))
    for before, after in itertools.pairwise(merged):
        if before.row == after.row:
            raise AllocationError(_MSG("overlap", row=after.row))
    return merged


def _merge_groups(a: UndeterminedGroup, b: UndeterminedGroup) -> UndeterminedGroup:
    """One case's groups from two parts: counts added, rows (and their ids) in row order."""
    if a.rows and b.rows and b.rows[0] < a.rows[0]:
        a, b = b, a
    if not a.rows or not b.rows or a.rows[-1] < b.rows[0]:
        rows, ids = a.rows + b.rows, a.ids + b.ids
    else:
        pairs = list(heapq.merge(_pairs(a), _pairs(b), key=lambda pair: pair[0]))
        for before, after in itertools.pairwise(pairs):
            if before[0] == after[0]:
                raise AllocationError(_MSG("overlap", row=after[0]))
        rows = tuple(row for row, _ in pairs)
        ids = tuple(ident for _, ident in pairs) if a.ids or b.ids else ()
    return UndeterminedGroup(a.item, a.count + b.count, rows, ids, min(a.first, b.first))


def _pairs(group: UndeterminedGroup) -> list[tuple[int, object]]:
    ids = group.ids or (None,) * len(group.rows)
    return list(zip(group.rows, ids, strict=True))


def _build(
    plan: Plan,
    results: Iterable[tuple[tuple[Item, ...], int, int]],
    *,
    size: int,
    people: tuple[PersonResult, ...] | None,
    offset: int = 0,
) -> Allocation:
    """``results``: each distinct key's items, count and first row (in the part)."""
    counts: Counter[tuple[str, str]] = Counter()
    undetermined: Counter[Undetermined] = Counter()
    firsts: dict[Undetermined, tuple[int, int]] = {}
    # Items are memoized objects: count by identity first (cheap), then by value, in
    # order of first occurrence.
    by_id: dict[int, list[Any]] = {}
    for items, count, first in results:
        row = first + offset
        for index, item in enumerate(items):
            entry = by_id.get(id(item))
            if entry is None:
                by_id[id(item)] = [item, count, (row, index)]
            else:
                entry[1] += count
                if row <= entry[2][0]:  # keys mostly come in row order: rarely earlier
                    entry[2] = min(entry[2], (row, index))
    for item, count, first in by_id.values():
        if isinstance(item, Entitlement):
            counts[(item.programme, item.level)] += count
        else:
            undetermined[item] += count
            known = firsts.get(item)
            firsts[item] = first if known is None else min(known, first)
    return _finish(plan, Tally(counts, undetermined, firsts), size=size, people=people)


def _finish(
    plan: Plan, tally: Tally, *, size: int, people: tuple[PersonResult, ...] | None
) -> Allocation:
    """The allocation of a population counted as ``tally`` (the rows of its undetermined
    cases from ``people`` when kept)."""
    counts, undetermined, firsts = tally.counts, tally.undetermined, tally.firsts
    lines = dict(_empty_lines(plan))
    for key, count in counts.items():
        lines[key] = _with_count(lines[key], count)
    rows: dict[Undetermined, list[int]] = {}
    ids: dict[Undetermined, list[object]] = {}
    for person in people or ():
        for item in person.items:
            if isinstance(item, Undetermined):
                rows.setdefault(item, []).append(person.row)
                ids.setdefault(item, []).append(person.id)
    groups = tuple(
        sorted(
            (
                UndeterminedGroup(
                    item,
                    count,
                    tuple(rows.get(item, ())),
                    tuple(ids.get(item, ())),
                    firsts[item],
                )
                for item, count in undetermined.items()
            ),
            key=_group_order,
        )
    )
    quotas = tuple(
        QuotaCheck(
            p.programme.id,
            p.programme.title,
            p.version.quota,
            sum(counts[(p.programme.id, item.ident)] for item in p.kind.priced(p.version)),
        )
        for p in plan.programmes
        if "quota" in p.kind.allowed and p.version.recorded
    )
    return Allocation(
        ruleset=plan.ruleset.id,
        on=plan.on,
        population=size,
        lines=tuple(lines.values()),
        undetermined=groups,
        quotas=quotas,
        people=people,
    )


def _is_frame(population: object) -> bool:
    module = type(population).__module__
    return module.startswith("pandas") and hasattr(population, "columns")


def allocate(
    population: Iterable[Person | Mapping[str, Any]] | Mapping[str, Sequence[Any]] | Any,
    ruleset: Ruleset | str,
    *,
    on: dt.date,
    per_person: bool = False,
    row_offset: int = 0,
) -> Allocation:
    """Count and sum the entitlements of a whole population under ``ruleset`` on ``on``.

    ``population`` is an iterable of :class:`Person` (or dicts), a mapping of column name
    to values (see ``docs/entitlements.md`` for the columns), or a pandas DataFrame with
    those columns. ``per_person=True`` also keeps each person's items and the rows of
    each undetermined case. Bad records raise
    :class:`~welfare_rules.errors.PersonDataError` whose path starts with the row:
    ``[12].war_invalid.injury_rate``. ``row_offset`` is the row of the first record when
    ``population`` is a part of a larger one: rows (per person, of the undetermined
    cases, in errors) are then the whole's, and the parts add up (:func:`add`).

    >>> from welfare_rules.rules import load_ruleset
    >>> ruleset = load_ruleset("uong-bi-tet-2024")
    >>> result = allocate({"birth_year": [1954, 1954, 1944, 1990]}, ruleset, on=dt.date(2024, 2, 1))
    >>> result.total
    Totals(count=3, amount=2300000, in_kind=0)
    """
    if isinstance(row_offset, bool) or not isinstance(row_offset, int) or row_offset < 0:
        raise AllocationError(_MSG("offset", value=row_offset))
    plan = plan_for(_resolve(ruleset), on=on)
    try:
        if _is_frame(population):
            coded = code_frame(population, plan)
            if not per_person:
                tally = tally_frame(coded, plan, offset=row_offset)
                if tally is not None:
                    return _finish(plan, tally, size=coded.size, people=None)
            grouped = fold_frame(coded, keep_rows=per_person)
            return _allocate_grouped(grouped, plan, offset=row_offset)
        if isinstance(population, Mapping):
            grouped = group_columns(population, plan, keep_rows=per_person)
            return _allocate_grouped(grouped, plan, offset=row_offset)
        return _allocate_records(population, plan, per_person=per_person, offset=row_offset)
    except PersonDataError as exc:
        if not row_offset:
            raise
        raise shift_error(exc, row_offset) from exc


_ROW = re.compile(r"\[(\d+)\]")


def shift_error(exc: PersonDataError, offset: int) -> PersonDataError:
    """The error with the row its path starts with (``[12].…``) moved by ``offset``."""
    path = exc.path or ""
    found = _ROW.match(path)
    if found is None:
        return exc
    path = f"[{int(found.group(1)) + offset}]{path[found.end() :]}"
    return PersonDataError(exc.reason, path=path, value=exc.value)


def _allocate_grouped(grouped: Grouped, plan: Plan, *, offset: int = 0) -> Allocation:
    if grouped.keys is None and plan.separable:
        tally = tally_parts(grouped, plan, offset=offset)
        if tally is not None:
            return _finish(plan, tally, size=grouped.size, people=None)
    results: dict[tuple[object, ...], tuple[Item, ...]] = {}
    by_inputs: dict[Inputs, tuple[Item, ...]] = {}
    inputs_of = KeyInputs(grouped, plan)
    for key in grouped.counts:
        inputs = inputs_of(key)
        items = by_inputs.get(inputs)
        if items is None:
            items = by_inputs[inputs] = plan.evaluate(inputs)
        results[key] = items
    people = None
    if grouped.keys is not None:
        ids = grouped.ids
        people = tuple(
            PersonResult(row + offset, ids[row] if ids is not None else None, results[key])
            for row, key in enumerate(grouped.keys)
        )
    first = grouped.first
    pairs = ((results[key], count, first(key)) for key, count in grouped.counts.items())
    return _build(plan, pairs, size=grouped.size, people=people, offset=offset)


def _allocate_records(
    records: Iterable[Person | Mapping[str, Any]], plan: Plan, *, per_person: bool, offset: int
) -> Allocation:
    counts: Counter[Inputs] = Counter()
    firsts: dict[Inputs, int] = {}
    views: dict[Inputs, Any] = {}
    kept: list[tuple[Inputs, object]] = []
    size = 0
    for row, record in enumerate(records):
        if isinstance(record, Person):
            person = record
        else:
            try:
                person = Person.from_dict(record)
            except PersonDataError as exc:
                path = f"[{row}].{exc.path}" if exc.path else f"[{row}]"
                raise PersonDataError(exc.reason, path=path, value=exc.value) from exc
        try:
            inputs = plan.inputs(person, strict=True)
        except PersonDataError as exc:  # a selection id the ruleset lacks: name the row
            path = f"[{row}].{exc.path}" if exc.path else f"[{row}]"
            raise PersonDataError(exc.reason, path=path, value=exc.value) from exc
        if inputs not in views:
            views[inputs] = person.rule_view()
            firsts[inputs] = row
        counts[inputs] += 1
        if per_person:
            kept.append((inputs, person.id))
        size += 1
    results = {inputs: plan.evaluate(inputs, view=views[inputs]) for inputs in counts}
    people = None
    if per_person:
        people = tuple(
            PersonResult(row + offset, ident, results[inputs])
            for row, (inputs, ident) in enumerate(kept)
        )
    pairs = ((results[inputs], count, firsts[inputs]) for inputs, count in counts.items())
    return _build(plan, pairs, size=size, people=people, offset=offset)


__all__ = [
    "PEOPLE_COLUMNS",
    "UNDETERMINED_COLUMNS",
    "Allocation",
    "AllocationError",
    "Line",
    "PersonResult",
    "QuotaCheck",
    "Totals",
    "UndeterminedGroup",
    "add",
    "allocate",
    "shift_error",
]
