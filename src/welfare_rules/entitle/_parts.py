"""A grouped population counted part by part, when the plan allows it.

When every programme in force reads one part of a person alone (the categories, the
birth or the selections; :attr:`Plan.separable`), a present person's items are the union
of each part's items. A population of a few thousand keys then has a few hundred
distinct parts: each part's people are counted over the keys, each part is evaluated
once, and a level's count is the sum of the counts of the parts that give it, without
building and evaluating every key's :class:`~.engine.Inputs`. The result is the tally
:func:`~.allocate.allocate` makes key by key, exactly: the same counts, the same
undetermined cases with the same first occurrence (the first row of the first key that
has the case, and the case's place among that key's items).

Anything this way cannot decide is left to the key-by-key way (``None``): a part that
does not validate (the error must name the first row of the first key that has it) and
an age past :data:`~.engine.MAX_AGE` (the engine's error).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from ..errors import PersonDataError
from ._columns import Grouped
from ._keys import KeyInputs
from .engine import MAX_AGE, Plan
from .results import Entitlement, Undetermined


@dataclass(frozen=True, slots=True)
class Tally:
    """A population's gifts counted by (programme, level), its undetermined cases counted,
    and each case's first occurrence (row, place among that row's items)."""

    counts: Counter[tuple[str, str]]
    undetermined: Counter[Undetermined]
    firsts: dict[Undetermined, tuple[int, int]]


def tally_parts(grouped: Grouped, plan: Plan, *, offset: int = 0) -> Tally | None:
    """The tally of ``grouped`` under a separable ``plan``, part by part; ``None`` when a
    key needs the key-by-key way (see the module's docstring)."""
    parts_of = KeyInputs(grouped, plan)
    limit = plan.on.year - MAX_AGE
    # part -> [people, first row, the key of that row]; one table per group of the plan
    tables: list[dict[object, list[Any]]] = [{} for _ in plan.groups]
    where = [_PICK[reads] for reads, _ in plan.groups]
    first = grouped.first
    try:
        for key, count in grouped.counts.items():
            found = parts_of.parts(key)
            if found is None or not found[0][2]:  # died before the date, or not yet born
                continue
            year = found[0][0]
            if year is not None and year < limit:
                return None  # the engine refuses the age: its error, the key-by-key way
            row = first(key)
            for table, pick in zip(tables, where, strict=True):
                part = pick(found)
                entry = table.get(part)
                if entry is None:
                    table[part] = [count, row, key]
                else:
                    entry[0] += count
                    if row < entry[1]:
                        entry[1], entry[2] = row, key
    except (ValueError, TypeError, PersonDataError):
        return None  # a part that does not validate: the key-by-key way names the row
    counts: Counter[tuple[str, str]] = Counter()
    undetermined: Counter[Undetermined] = Counter()
    earliest: dict[Undetermined, tuple[int, tuple[object, ...]]] = {}
    for group, table in enumerate(tables):
        for count, row, key in table.values():
            for _, item in plan.part_items(group, parts_of(key)):
                if isinstance(item, Entitlement):
                    counts[(item.programme, item.level)] += count
                    continue
                undetermined[item] += count
                known = earliest.get(item)
                if known is None or row < known[0]:
                    earliest[item] = (row, key)
    firsts: dict[Undetermined, tuple[int, int]] = {}
    for item, (row, key) in earliest.items():
        items = plan.evaluate(parts_of(key))
        place = next(index for index, other in enumerate(items) if other == item)
        firsts[item] = (row + offset, place)
    return Tally(counts, undetermined, firsts)


def _birth(found: tuple[Any, Any, Any]) -> object:
    return found[0][:2]  # birth year and exact age: what the birth programmes read


def _categories(found: tuple[Any, Any, Any]) -> object:
    return found[1]


def _selections(found: tuple[Any, Any, Any]) -> object:
    return found[2]


_PICK = {"birth": _birth, "categories": _categories, "selections": _selections}
