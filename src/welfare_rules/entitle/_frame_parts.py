"""A typed frame counted part by part with numpy, without folding its rows into keys.

When the plan is separable (:attr:`~.engine.Plan.separable`), a present person's items are
the union of the items of each part of their inputs (birth, categories, selections), so
the tally needs only how many present people have each part, never the keys. Each part is
one code per row, read from the frame's column codes (:func:`~._frame.code_frame`): the
birth token (folded with the birth year when both are key columns), the categories with
their attribute cells (folded over the rows that have categories only: a few percent of a
population), the selections. The counts are one ``bincount`` per part, less the rows of
the people who died before the date or are born after it; each distinct part is
validated and evaluated once, in Python.

The result is :func:`~._parts.tally_parts`'s tally exactly: the same counts, the same
undetermined cases with the same first occurrence (the first present row whose part gives
the case, and the case's place among that row's items). Whatever this way cannot decide
is left to the key-by-key way (``None``): a part of a living person that does not
validate (the error must name the first row of the first key that has it) and an age
past :data:`~.engine.MAX_AGE` (the engine's error).
"""

from __future__ import annotations

import importlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..errors import PersonDataError
from ._codes import fold, fold_firsts
from ._columns import Grouped
from ._frame import Coded, FrameCodes, Indexed, codes_at, plain_codes
from ._keys import KeyInputs
from ._parts import Tally
from .engine import MAX_AGE, Inputs, Plan
from .results import Entitlement, Undetermined

_BIRTH = ("birth_token", "birth_year")
_VIEW = ("categories", "poor", "near_poor", "details")  # KeyInputs.view's columns


@dataclass(frozen=True, slots=True)
class _Part:
    """One part of the inputs as a code per row: ``codes`` over ``rows`` (ascending row
    numbers; ``None``: every row), ``values[code]`` the raw cells it stands for; the rows
    outside ``rows`` have code ``len(values)`` and the cells ``blank``."""

    rows: Any
    codes: Any
    values: list[tuple[object, ...]]
    blank: tuple[object, ...]
    lookup: Any = None  # when given, ``codes`` are indices and the codes ``lookup[codes]``
    counted: Any = None  # with ``lookup``: how many rows have each index, when known
    starts: Any = None  # over ``rows``: each code's first position in ``codes``, when known

    def at(self, where: Any) -> Any:
        """The codes at ``where`` (positions in ``codes``)."""
        found = self.codes[where]
        return found if self.lookup is None else self.lookup[found]

    @property
    def size(self) -> int:
        """How many codes there are (the rows outside ``rows`` included)."""
        return len(self.values) + (self.rows is not None)

    def raw(self, code: int) -> tuple[object, ...]:
        """The raw cells ``code`` stands for."""
        return self.values[code] if code < len(self.values) else self.blank

    def total(self, np: Any, size: int) -> Any:
        """How many of the ``size`` rows have each code (one ``bincount``)."""
        if self.lookup is None:
            counts = np.bincount(self.codes, minlength=self.size)
        else:  # each index counted, then each index's count added to its code's
            counts = np.zeros(self.size, dtype=np.int64)
            per_index = self.counted
            if per_index is None:
                per_index = np.bincount(self.codes, minlength=len(self.lookup))
            np.add.at(counts, self.lookup, per_index)
        if self.rows is not None:
            counts[len(self.values)] = size - len(self.rows)
        return counts

    def counts(self, np: Any, total: Any, absent: Any) -> Any:
        """:meth:`total` (given) with the rows in ``absent`` (ascending) left out."""
        if not len(absent):
            return total
        if self.rows is None:
            return total - np.bincount(self.at(absent), minlength=self.size)
        inside = self._positions(np, absent)
        counts = total - np.bincount(self.at(inside), minlength=self.size)
        counts[len(self.values)] -= len(absent) - len(inside)
        return counts

    def _positions(self, np: Any, rows: Any) -> Any:
        """The positions in :attr:`rows` of the ``rows`` that are in it."""
        where = np.searchsorted(self.rows, rows)
        found = where < len(self.rows)
        found[found] = self.rows[where[found]] == rows[found]
        return where[found]

    def code_at(self, np: Any, row: int) -> int:
        """The code of ``row``."""
        if self.rows is None:
            return int(self.at(row))
        where = int(np.searchsorted(self.rows, row))
        if where < len(self.rows) and int(self.rows[where]) == row:
            return int(self.at(where))
        return len(self.values)

    def finder(self, np: Any, size: int, absent: Any) -> Callable[[int], int]:
        """``code -> the first row with it``, the rows marked in ``absent`` (a mask over
        every row) left out (some row has the code). Over ``rows``, every code's first
        row at once (``minimum.at``: the rows with categories are few); over every row,
        looked for in row ranges growing fourfold from :data:`_CHUNK` rows (a common
        part is found among the first rows, a rare one costs about one pass)."""
        known = len(self.values)
        firsts = None
        if self.rows is not None and known:
            firsts = self._first_rows(np, size, absent)

        def first(code: int) -> int:
            if firsts is not None and code < known:
                return int(firsts[code])
            start, step = 0, _CHUNK
            while start < size:
                end = min(size, start + step)
                hits = self._hits(np, code, start, end)
                hits = hits[~absent[hits]]
                if len(hits):
                    return int(hits[0])
                start, step = end, step * 4
            raise LookupError(code)  # not reached: the code's count is positive

        return first

    def _first_rows(self, np: Any, size: int, absent: Any) -> Any:
        """Each code's first row among :attr:`rows` not marked in ``absent`` (``size``:
        none). With :attr:`starts` (the fold found each code's first row), only the codes
        whose first row is marked are looked for past it (the dead are few); else every
        code's at once (``minimum.at`` over the rows)."""
        if self.starts is None:
            kept = ~absent[self.rows]
            firsts = np.full(len(self.values), size, dtype=np.int64)
            np.minimum.at(firsts, self.at(kept), self.rows[kept])
            return firsts
        firsts = self.rows[self.starts]
        for code in np.flatnonzero(absent[firsts]).tolist():
            start = int(self.starts[code])
            rows = self.rows[start:]
            hits = rows[(self.at(slice(start, None)) == code) & ~absent[rows]]
            firsts[code] = hits[0] if len(hits) else size
        return firsts

    def _hits(self, np: Any, code: int, start: int, end: int) -> Any:
        """The rows in ``range(start, end)`` with ``code``."""
        if self.rows is None:
            return np.flatnonzero(self.at(slice(start, end)) == code) + start
        low, high = (int(x) for x in np.searchsorted(self.rows, [start, end]))
        if code < len(self.values):
            return self.rows[low:high][self.at(slice(low, high)) == code]
        outside = np.ones(end - start, dtype=bool)
        outside[self.rows[low:high] - start] = False
        return np.flatnonzero(outside) + start


_CHUNK = 4096


def tally_frame(coded: FrameCodes, plan: Plan, *, offset: int = 0) -> Tally | None:
    """The tally of a coded frame under a separable ``plan``; ``None`` when it needs the
    key-by-key way (see the module's docstring) or has no key column."""
    np = importlib.import_module("numpy")
    size = coded.size
    if not size or not coded.names or not plan.separable:
        return None
    columns = coded.columns()
    grouped = Grouped(coded.names, Counter(), None, None, size, coded.dates, (), coded.attributes)
    parts_of = KeyInputs(grouped, plan)
    birth = _part(np, columns, _BIRTH, size)
    view = _given_part(np, columns, _VIEW, coded.given.get("categories"), size)
    selections = _given_part(np, columns, ("selections",), coded.given.get("selections"), size)
    totals = {id(part): part.total(np, size) for part in (birth, view, selections)}
    dead = coded.died if coded.died is not None else np.empty(0, dtype=np.int64)
    parts = {"birth": birth, "categories": view, "selections": selections}
    counted = {name: part.counts(np, totals[id(part)], dead) for name, part in parts.items()}
    try:
        living = counted["birth"].tolist()
        births = [
            parts_of.birth_of(*birth.raw(code)) if living[code] else None
            for code in range(birth.size)
        ]
        absent = dead
        unborn = [code for code, found in enumerate(births) if found is not None and not found[2]]
        if unborn:
            rows = _rows_with(np, birth, unborn, size)
            absent = np.union1d(dead, rows)
        views = _checked(view, counted["categories"], parts_of.categories_of)
        chosen = _checked(selections, counted["selections"], _selections_of(parts_of))
    except (ValueError, TypeError, PersonDataError):
        return None  # a part that does not validate: the key-by-key way names the row
    if absent is not dead:  # the unborn left out too
        counted = {name: part.counts(np, totals[id(part)], absent) for name, part in parts.items()}
    limit = plan.on.year - MAX_AGE
    for found, count in zip(births, counted["birth"].tolist(), strict=True):
        year = None if found is None or not count else found[0]
        if year is not None and year < limit:
            return None  # the engine refuses the age: its error, the key-by-key way
    none: frozenset[str] = frozenset()

    def alone(reads: str, code: int) -> Inputs | None:
        """The inputs of a present person with only this part (``None``: no living row
        has it), made for the codes some row counts."""
        if reads == "birth":
            found = births[code]
            return None if found is None else Inputs(found[0], found[1], True, (), none)
        if reads == "categories":
            held = views[code]
            return None if held is None else Inputs(None, None, True, held, none)
        ids = chosen[code]
        return None if ids is None else Inputs(None, None, True, (), ids)

    marked = None  # the absent rows as a mask, made when a first row is looked for
    counts: Counter[tuple[str, str]] = Counter()
    # Undetermined items are memoized objects: counted by identity first (hashing one
    # hashes its rules and labels), then by value, in order of first occurrence.
    by_id: dict[int, list[Any]] = {}
    for group, (reads, _) in enumerate(plan.groups):
        first, firsts = None, dict[int, int]()
        births_alone = reads == "birth"  # most ages are in no bracket: told at once
        for code, count in enumerate(counted[reads].tolist()):
            if not count:
                continue
            inputs = alone(reads, code)
            if inputs is None or (births_alone and plan.silent(group, inputs)):
                continue
            for _, item in plan.part_items(group, inputs):
                if isinstance(item, Entitlement):
                    counts[(item.programme, item.level)] += count
                    continue
                row = firsts.get(code)
                if row is None:
                    if first is None:
                        if marked is None:
                            marked = np.zeros(size, dtype=bool)
                            marked[absent] = True
                        first = parts[reads].finder(np, size, marked)
                    row = firsts[code] = first(code)
                entry = by_id.get(id(item))
                if entry is None:
                    by_id[id(item)] = [item, count, row]
                else:
                    entry[1] += count
                    entry[2] = min(entry[2], row)
    undetermined: Counter[Undetermined] = Counter()
    earliest: dict[Undetermined, int] = {}
    for item, count, row in by_id.values():
        undetermined[item] += count
        known = earliest.get(item)
        if known is None or row < known:
            earliest[item] = row
    places: dict[Undetermined, tuple[int, int]] = {}
    for item, row in earliest.items():
        year, exact, born = births[birth.code_at(np, row)] or (None, None, True)
        held = views[view.code_at(np, row)] or ()
        ids = chosen[selections.code_at(np, row)] or frozenset()
        items = plan.evaluate(Inputs(year, exact, born, held, ids))
        place = next(index for index, other in enumerate(items) if other == item)
        places[item] = (row + offset, place)
    return Tally(counts, undetermined, places)


def _selections_of(parts_of: KeyInputs) -> Callable[[tuple[object, ...]], frozenset[str]]:
    """The selections part of a part's raw cells (none without a selections column)."""

    def convert(raw: tuple[object, ...]) -> frozenset[str]:
        return parts_of.selections_of(raw[0] if raw else None)

    return convert


def _checked(part: _Part, living: Any, convert: Any) -> list[Any]:
    """Each code's converted part (validated) where a living person has it (``living``:
    each code's count of the living), else ``None``."""
    alive = living.tolist()
    return [convert(part.raw(code)) if alive[code] else None for code in range(part.size)]


def _rows_with(np: Any, part: _Part, codes: list[int], size: int) -> Any:
    """The rows (ascending) whose code is one of ``codes``."""
    blank = len(part.values)
    inner = [code for code in codes if code != blank]
    found = part.at(slice(None))
    rows = np.flatnonzero(np.isin(found, inner)) if inner else np.empty(0, dtype=np.int64)
    if part.rows is None:
        return rows
    rows = part.rows[rows]
    if blank in codes:
        outside = np.ones(size, dtype=bool)
        outside[part.rows] = False
        rows = np.union1d(rows, np.flatnonzero(outside))
    return rows


def _part(np: Any, columns: dict[str, Coded], names: tuple[str, ...], size: int) -> _Part:
    """The part read from the key columns ``names`` (the raw cells in that order, ``None``
    for a column the frame does not have), over every row."""
    present = [name for name in names if name in columns]
    if not present:
        return _Part(
            np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64), [], (None,) * len(names)
        )
    if len(present) == 1:
        codes, table = columns[present[0]]
        at = names.index(present[0])
        before, after = (None,) * at, (None,) * (len(names) - at - 1)
        values = [(*before, value, *after) for (value,) in table]
        if isinstance(codes, Indexed):
            return _Part(None, codes.index, values, (), codes.lookup, codes.counts)
        return _Part(None, plain_codes(codes), values, ())
    coded = [columns[name] for name in present]
    group, combos, _ = fold(np, [(plain_codes(c), len(table)) for c, table in coded], size)
    where = {name: index for index, name in enumerate(present)}
    values = [
        tuple(
            coded[where[name]][1][combo[where[name]]][0] if name in where else None
            for name in names
        )
        for combo in combos
    ]
    return _Part(None, group, values, ())


def _given_part(
    np: Any, columns: dict[str, Coded], names: tuple[str, ...], given: Any, size: int
) -> _Part:
    """The part of the cells of the key columns ``names`` the frame has: the categories
    (:data:`_VIEW`) or the selections. Read over the rows whose categories or selections
    cell is not blank (``given``, ascending: a few percent of a population) unless a column of every
    row is among them (a household column); the other rows' cells are all blank, as in
    their keys (a blank cell reads as none)."""
    present = tuple(name for name in names if name in columns)
    if not present:
        return _Part(np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64), [], ())
    if given is None or not set(present) <= {"categories", "details", "selections"}:
        return _part(np, columns, present, size)
    rows = given
    blank = (None,) * len(present)
    if not len(rows):
        return _Part(rows, rows, [], blank)
    coded = [columns[name] for name in present]
    if len(coded) == 1:
        return _Part(rows, codes_at(coded[0][0], rows), list(coded[0][1]), blank)
    folded = [(codes_at(codes, rows), len(table)) for codes, table in coded]
    group, combos, _, starts = fold_firsts(np, folded, len(rows))
    values = [
        tuple(table[code][0] for (_, table), code in zip(coded, combo, strict=True))
        for combo in combos
    ]
    return _Part(rows, group, values, blank, starts=np.asarray(starts, dtype=np.int64))


__all__ = ["tally_frame"]
