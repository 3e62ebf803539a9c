"""Check figures against edits and diagnose violations: typos, scale slips, counts off by one.

See :func:`check_edits`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from .compile import FigureKind
from .edits import Edit, as_edits, require_values, violated
from .feasibility import assignable
from .slips import FAMILIES, Family, detect, typed

Status = Literal["valid", "corrected", "partial", "invalid"]
"""As in R's deducorrect: nothing violated / all repaired / some repaired / none repaired."""

DEFAULT_MAX_CHANGES = 3
DEFAULT_BUDGET = 20_000


@dataclass(frozen=True, slots=True)
class Change:
    """One figure corrected: what was written, the value that fits, and the kind of slip."""

    figure: str
    reported: int
    value: int
    family: Family


@dataclass(frozen=True, slots=True)
class Explanation:
    """Changes that together repair ``repaired`` (edits violated before, holding after).

    ``partial`` is true when the group of connected violations it belongs to has edits it
    does not repair: such an explanation is only ever a candidate, never applied.
    """

    changes: tuple[Change, ...]
    repaired: tuple[Edit, ...]
    partial: bool = False


@dataclass(frozen=True, slots=True)
class EditCheck:
    """The outcome of :func:`check_edits`.

    ``violated`` are the edits the figures break as written; ``violations`` those still
    broken after the ``corrections`` are applied. ``explanations`` are the applied ones
    (each with its changes and the edits it repairs); ``candidates`` the alternatives
    that tied (none of them applied). ``unexplained`` are violated edits no typo
    explains; for them ``minimal_sets`` lists the smallest sets of figures whose change
    could restore consistency (Fellegi–Holt). ``cut_short`` is true when the search
    budget ran out.
    """

    status: Status
    violated: tuple[Edit, ...]
    violations: tuple[Edit, ...]
    corrections: Mapping[str, int] = field(default_factory=dict)
    explanations: tuple[Explanation, ...] = ()
    candidates: tuple[Explanation, ...] = ()
    unexplained: tuple[Edit, ...] = ()
    minimal_sets: tuple[frozenset[str], ...] = ()
    cut_short: bool = False

    @property
    def ok(self) -> bool:
        """Whether no edit is violated as written."""
        return self.status == "valid"


def check_edits(
    values: Mapping[str, int],
    edits: Iterable[Edit | str],
    *,
    max_changes: int = DEFAULT_MAX_CHANGES,
    kinds: Mapping[str, FigureKind] | None = None,
    budget: int = DEFAULT_BUDGET,
    diagnose: bool = True,
) -> EditCheck:
    """Check ``values`` against ``edits`` and, where edits are violated, diagnose them.

    ``values`` are exact ``int`` (a float raises ``MoneyTypeError``); ``edits`` are
    :class:`~welfare_rules.audit.Edit` objects or expressions. ``kinds`` says which
    figures are counts (an off-by-one slip applies to them) and which are money (a
    dropped or an extra ``.000`` applies); one-digit typos apply to every figure.

    The diagnosis (Scholtus 2009) looks only at figures in violated edits. For each, it
    solves a violated equality for that figure (exact integer division, no rounding) and
    keeps the value if it is one typo away from what was written: one digit replaced,
    inserted or deleted, two adjacent digits swapped, a ×/÷ 1000 scale slip, a count off
    by one. Explanations are joint sets of up to ``max_changes`` such changes per group
    of connected violations; an explanation must not break an edit that held. The best
    repairs the most edits, then with the fewest changes; when several tie, none is
    applied and all are returned as ``candidates``. Violations no typo explains get the
    smallest sets of figures whose change could restore them (Fellegi–Holt). At most
    ``budget`` explanations are tried; past that ``cut_short`` is true and a group whose
    search did not finish gets candidates, never a correction.

    >>> check_edits({"x": 123, "y": 192, "z": 252}, ["z == x + y"]).corrections
    {'y': 129}
    """
    edit_list = as_edits(edits)
    figures = require_values(values)
    broken = violated(figures, edit_list)
    if not broken:
        return EditCheck("valid", (), ())
    if not diagnose or max_changes < 1:
        return EditCheck("invalid", broken, broken, unexplained=broken)
    return _Diagnosis(figures, edit_list, kinds or {}, max_changes, budget).run()


# -- one typo away ------------------------------------------------------------------------


def typo_family(written: int, value: int, kind: FigureKind | None = None) -> Family | None:
    """How ``written`` is one slip away from ``value``, or ``None`` if it is not: the first
    family of :data:`~welfare_rules.audit.slips.FAMILIES` that applies to ``kind`` and
    recognises the slip.

    >>> typo_family(2_721_000_000, 2_751_000_000)
    'digit_replaced'
    >>> typo_family(1_137_600, 1_137_600_000, "money")
    'scale_up'
    >>> typo_family(15_372, 15_373, "count")
    'off_by_one'
    >>> typo_family(161, 116), typo_family(1234, 124), typo_family(124, 1234)
    ('digits_swapped', 'digit_inserted', 'digit_deleted')
    >>> typo_family(1_137_600, 1_137_600_000) is None  # scale slips need the figure's kind
    True
    """
    return detect(written, value, kind)


def slips(value: int, family: Family) -> tuple[int, ...]:
    """Every figure a writer could have typed for ``value`` with one slip of ``family``
    (no leading zeros; ``value`` itself excluded): the inverse of :func:`typo_family`.

    >>> slips(116, "digits_swapped")
    (161,)
    >>> slips(1_137_600_000, "scale_up"), slips(15_373, "off_by_one")
    ((1137600,), (15372, 15374))
    """
    return typed(value, family)


# -- the search ---------------------------------------------------------------------------

_State = frozenset[Change]
_MAX_SETS = 20  # minimal sets listed per diagnosis
_MAX_SET_SIZE = 3


class _BudgetSpentError(Exception):
    pass


@dataclass(slots=True)
class _Outcome:
    best: list[tuple[_State, tuple[int, ...]]]
    finished: bool


class _Diagnosis:
    """The search behind :func:`check_edits` (one instance per call)."""

    def __init__(
        self,
        values: dict[str, int],
        edits: tuple[Edit, ...],
        kinds: Mapping[str, FigureKind],
        max_changes: int,
        budget: int,
    ) -> None:
        self.values = values
        self.edits = edits
        self.kinds = kinds
        self.max_changes = max_changes
        self.budget = budget
        self.spent = 0
        self.index: dict[str, list[int]] = {}
        for number, edit in enumerate(edits):
            for name in edit.figures:
                self.index.setdefault(name, []).append(number)
        self.held = [edit.holds(values) for edit in edits]

    def run(self) -> EditCheck:
        violated_now = [i for i, held in enumerate(self.held) if not held]
        corrections: dict[str, int] = {}
        applied: list[Explanation] = []
        candidates: list[Explanation] = []
        cut_short = False
        for cluster in self.clusters(violated_now):
            outcome = self.explain(cluster)
            cut_short = cut_short or not outcome.finished
            whole = set(cluster)
            if len(outcome.best) == 1 and outcome.finished and whole <= set(outcome.best[0][1]):
                state, repaired = outcome.best[0]
                applied.append(self.explanation(state, repaired))
                corrections.update((change.figure, change.value) for change in state)
            else:
                candidates.extend(
                    self.explanation(s, r, partial=not whole <= set(r)) for s, r in outcome.best
                )
        final = {**self.values, **corrections}
        remaining = [i for i in violated_now if not self.edits[i].holds(final)]
        remaining += [
            i
            for name in corrections
            for i in self.index[name]
            if self.held[i] and not self.edits[i].holds(final)
        ]
        remaining = sorted(set(remaining))
        covered = {edit for explanation in candidates for edit in explanation.repaired}
        unexplained = [i for i in remaining if self.edits[i] not in covered]
        sets: tuple[frozenset[str], ...] = ()
        if unexplained:
            try:
                sets = self.minimal_sets(unexplained, final)
            except _BudgetSpentError:
                cut_short = True
        if not remaining:
            status: Status = "corrected"
        elif corrections:
            status = "partial"
        else:
            status = "invalid"
        return EditCheck(
            status,
            violated=tuple(self.edits[i] for i in violated_now),
            violations=tuple(self.edits[i] for i in remaining),
            corrections=dict(sorted(corrections.items())),
            explanations=tuple(applied),
            candidates=tuple(candidates),
            unexplained=tuple(self.edits[i] for i in unexplained),
            minimal_sets=sets,
            cut_short=cut_short,
        )

    def clusters(self, violated_now: list[int]) -> list[list[int]]:
        """Violated edits grouped when they share a figure (union–find)."""
        parent = {i: i for i in violated_now}

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        owner: dict[str, int] = {}
        for i in violated_now:
            for name in self.edits[i].figures:
                if name in owner:
                    parent[find(i)] = find(owner[name])
                else:
                    owner[name] = i
        groups: dict[int, list[int]] = {}
        for i in violated_now:
            groups.setdefault(find(i), []).append(i)
        return sorted(groups.values())

    def explain(self, cluster: list[int]) -> _Outcome:
        """Breadth first over sets of changes, fewest changes first; stop once a level
        has an explanation that repairs the whole group (more changes cannot beat it)."""
        target = set(cluster)
        frontier: list[_State] = [frozenset()]
        seen: set[frozenset[tuple[str, int]]] = set()
        best: list[tuple[_State, tuple[int, ...]]] = []
        best_key: tuple[int, int, int] | None = None
        for _depth in range(self.max_changes):
            following: list[_State] = []
            for state in frontier:
                current = self.apply(state)
                for child in self.children(state, current, target):
                    key = frozenset((c.figure, c.value) for c in child)
                    if key in seen:
                        continue
                    seen.add(key)
                    self.spent += 1
                    if self.spent > self.budget:
                        return _Outcome(best, finished=False)
                    repaired, broken = self.evaluate(child)
                    following.append(child)
                    if broken or not repaired:
                        continue
                    cost = sum(FAMILIES[c.family].cost for c in child)
                    score = (len(repaired), -len(child), -cost)
                    if best_key is None or score > best_key:
                        best_key, best = score, [(child, repaired)]
                    elif score == best_key:
                        best.append((child, repaired))
            if best and target <= set(best[0][1]):
                break
            frontier = following
        best.sort(key=lambda item: sorted((c.figure, c.value) for c in item[0]))
        return _Outcome(best, finished=True)

    def apply(self, state: _State) -> dict[str, int]:
        if not state:
            return self.values
        current = dict(self.values)
        for change in state:
            current[change.figure] = change.value
        return current

    def children(self, state: _State, current: dict[str, int], target: set[int]) -> list[_State]:
        changed = {change.figure for change in state}
        open_edits = sorted(
            {i for i in target if not self.edits[i].holds(current)}
            | {
                i
                for name in changed
                for i in self.index[name]
                if self.held[i] and not self.edits[i].holds(current)
            }
        )
        found: list[_State] = []
        for i in open_edits:
            edit = self.edits[i]
            if edit.op != "==":
                continue
            for name in edit.figures:
                if name in changed:
                    continue
                value = edit.solve_for(name, current)
                if value is None:
                    continue
                family = typo_family(self.values[name], value, self.kinds.get(name))
                if family is not None:
                    found.append(state | {Change(name, self.values[name], value, family)})
        return found

    def evaluate(self, state: _State) -> tuple[tuple[int, ...], bool]:
        """The originally violated edits the changes repair, and whether they break one."""
        current = self.apply(state)
        touched = sorted({i for change in state for i in self.index[change.figure]})
        repaired: list[int] = []
        for i in touched:
            holds = self.edits[i].holds(current)
            if self.held[i] and not holds:
                return (), True
            if holds and not self.held[i]:
                repaired.append(i)
        return tuple(repaired), False

    def explanation(
        self, state: _State, repaired: tuple[int, ...], *, partial: bool = False
    ) -> Explanation:
        changes = tuple(sorted(state, key=lambda c: (c.figure, c.value)))
        return Explanation(changes, tuple(self.edits[i] for i in repaired), partial)

    def minimal_sets(
        self, unexplained: list[int], values: dict[str, int]
    ) -> tuple[frozenset[str], ...]:
        """The smallest sets of figures that meet every unexplained edit, leave no edit
        that holds with a single changed figure in it (that edit would break), and for
        which whole values exist that make every edit on them hold
        (:func:`~welfare_rules.audit.feasibility.assignable`, exact; a set it cannot
        decide is kept)."""
        found: set[frozenset[str]] = set()
        for size in range(1, _MAX_SET_SIZE + 1):
            self.cover(frozenset(), size, unexplained, values, found)
            if found:
                break
        return tuple(sorted(found, key=sorted)[:_MAX_SETS])

    def cover(
        self,
        chosen: frozenset[str],
        size: int,
        unexplained: list[int],
        values: dict[str, int],
        found: set[frozenset[str]],
    ) -> None:
        self.spent += 1
        if self.spent > self.budget:
            raise _BudgetSpentError
        need = self.unmet(chosen, unexplained, values)
        if need is None:
            touching = sorted({i for name in chosen for i in self.index[name]})
            self.spent += len(touching)
            if assignable(chosen, (self.edits[i] for i in touching), values) is not False:
                found.add(chosen)
                return
            # no values of these figures alone restore the edits: a larger set may
            extend = sorted({n for i in touching for n in self.edits[i].figures} - chosen)
        else:
            extend = [name for name in self.edits[need].figures if name not in chosen]
        if len(chosen) == size or len(found) >= _MAX_SETS:
            return
        for name in extend:
            self.cover(chosen | {name}, size, unexplained, values, found)

    def unmet(
        self, chosen: frozenset[str], unexplained: list[int], values: dict[str, int]
    ) -> int | None:
        for i in unexplained:
            if chosen.isdisjoint(self.edits[i].figures):
                return i
        for name in sorted(chosen):
            for i in self.index[name]:
                edit = self.edits[i]
                if i in unexplained or edit.op != "==" or not edit.holds(values):
                    continue
                if sum(1 for other in edit.figures if other in chosen) < 2:
                    return i
        return None


__all__ = [
    "DEFAULT_BUDGET",
    "DEFAULT_MAX_CHANGES",
    "Change",
    "EditCheck",
    "Explanation",
    "Family",
    "Status",
    "check_edits",
    "slips",
    "typo_family",
]
