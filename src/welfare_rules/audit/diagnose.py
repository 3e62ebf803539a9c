"""Check figures against edits and diagnose violations: typos, scale slips, counts off by one.

See :func:`check_edits`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Literal

from .._gc import paused_collection
from ._rounding import Rounding
from .compile import FigureKind
from .edits import Edit, as_edits, require_values, violated
from .feasibility import assignable_system, reduce_edit
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
    ``outruled`` counts the corrections that fitted as well and that the report's rounding
    ruled out.
    """

    changes: tuple[Change, ...]
    repaired: tuple[Edit, ...]
    partial: bool = False
    outruled: int = 0
    """How many other corrections fitted as well and were ruled out by the report's
    rounding (:mod:`~welfare_rules.audit._rounding`): 0 when this one fitted best alone."""
    kept: tuple[Edit, ...] = ()
    """Edits that held as written, hold with the changes too and contain a changed figure:
    a change there keeps them holding once another is corrected (two swapped figures
    whose errors cancelled out in a sum)."""
    doubted: bool = False
    """The only explanation found, not applied because the report's rounding doubts it:
    it would make a round amount uneven while an uneven amount of the same edits stands
    as written (``1.485.599.999``: the slip is there, though no one slip explains it)."""


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
    applied and all are returned as ``candidates``, unless the report's rounding supports
    exactly one (it brings an amount back to the resolution of the other amounts, every
    other would push one below it: :mod:`~welfare_rules.audit._rounding`). Violations no
    typo explains get the smallest sets of figures whose change could restore them
    (Fellegi–Holt). Each group of connected violations is searched on its own budget: at
    most ``budget`` explanations tried and ``budget ×`` :data:`WORK_PER_TRY` units of work
    (a figure solved, an edit evaluated); the minimal sets get one such budget of their
    own. A group past its budget gets candidates, never a correction, and ``cut_short`` is
    true. So the cost follows the errors (at most that much per group), and a group's
    diagnosis is the same whatever else the report gets wrong elsewhere.

    >>> check_edits({"x": 123, "y": 192, "z": 252}, ["z == x + y"]).corrections
    {'y': 129}
    """
    edit_list = as_edits(edits)
    figures = require_values(values)
    with paused_collection():  # the index and the states are many small objects, no cycles
        broken = violated(figures, edit_list)
        if not broken:
            return EditCheck("valid", (), ())
        if not diagnose or max_changes < 1:
            return EditCheck("invalid", broken, broken, unexplained=broken)
        failing = {id(edit) for edit in broken}
        held = [id(edit) not in failing for edit in edit_list]
        return _Diagnosis(figures, edit_list, held, kinds or {}, max_changes, budget).run()


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
WORK_PER_TRY = 64
"""Work units (a figure solved, an edit evaluated) one try may cost on average: the search
of a group stops after ``budget × WORK_PER_TRY`` units as well as after ``budget`` tries."""


class _BudgetSpentError(Exception):
    pass


@dataclass(slots=True)
class _Outcome:
    best: list[tuple[_State, tuple[int, ...]]]
    finished: bool


class _Overlay(Mapping[str, int]):
    """The written figures with a few changed: read through, never copied."""

    __slots__ = ("base", "changes")

    def __init__(self, base: Mapping[str, int], changes: Mapping[str, int]) -> None:
        self.base = base
        self.changes = changes

    def __getitem__(self, name: str) -> int:
        changes = self.changes
        return changes[name] if name in changes else self.base[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.base)

    def __len__(self) -> int:
        return len(self.base)


class _Linear:
    """Residuals of the linear edits, computed once and shifted for each change.

    A sum over ``n`` figures costs ``O(n)`` once; after that, whether it holds with a few
    figures changed, and the value each of its figures would need, cost ``O(1)`` each.
    """

    __slots__ = ("coefficients", "edits", "residuals", "values")

    def __init__(self, edits: tuple[Edit, ...], values: Mapping[str, int]) -> None:
        self.edits = edits
        self.values = values
        self.residuals: dict[int, int] = {}
        self.coefficients: dict[int, dict[str, int]] = {}

    def coefficient_map(self, i: int) -> dict[str, int] | None:
        """``figure → coefficient`` of edit ``i``, or ``None`` if it is not linear."""
        found = self.coefficients.get(i)
        if found is None:
            edit = self.edits[i]
            if edit._nonlinear:
                return None
            found = dict(zip(edit._names, edit._coefficients, strict=True))
            self.coefficients[i] = found
        return found

    def residual(self, i: int, changes: Mapping[str, int]) -> int | None:
        """Edit ``i``'s residual with ``changes`` applied, or ``None`` if it is not linear."""
        coefficients = self.coefficient_map(i)
        if coefficients is None:
            return None
        base = self.residuals.get(i)
        if base is None:
            base = self.residuals[i] = self.edits[i].residual(self.values)
        if len(changes) <= len(coefficients):
            pairs = ((n, v) for n, v in changes.items() if n in coefficients)
        else:
            pairs = ((n, changes[n]) for n in coefficients if n in changes)
        values = self.values
        return base + sum(coefficients[n] * (v - values[n]) for n, v in pairs)

    def holds(self, i: int, changes: Mapping[str, int]) -> bool:
        residual = self.residual(i, changes)
        if residual is None:
            return self.edits[i].holds(_Overlay(self.values, changes) if changes else self.values)
        return self.edits[i]._compare(residual)

    def solutions(self, i: int, changes: Mapping[str, int]) -> Iterator[tuple[str, int]]:
        """Each figure of equality ``i`` (not among ``changes``) with the whole value
        ``>= 0`` that makes it hold, the others as they are: one pass over the edit."""
        edit = self.edits[i]
        residual = self.residual(i, changes)
        if residual is None:
            current = _Overlay(self.values, changes) if changes else self.values
            for name in edit.figures:
                if name not in changes:
                    value = edit.solve_for(name, current)
                    if value is not None:
                        yield name, value
            return
        values = self.values
        for name, coefficient in zip(edit._names, edit._coefficients, strict=True):
            if name in changes or residual % coefficient:
                continue
            value = values[name] - residual // coefficient
            if value >= 0:
                yield name, value


class _Index:
    """Which edits each figure is in, built ring by ring from the violated edits' figures.

    Indexing every figure of a large report costs more than the whole search when one
    total is wrong; the search only ever asks about figures near the violations. The first
    scan indexes the violated edits' figures; a question about any other figure indexes,
    in one more scan, every figure of the edits indexed so far (the next ring out).
    """

    __slots__ = ("edits", "known")

    def __init__(self, edits: tuple[Edit, ...], seeds: set[str]) -> None:
        self.edits = edits
        self.known: dict[str, list[int]] = {}
        self.scan(seeds)

    def scan(self, names: set[str]) -> None:
        found: dict[str, list[int]] = {name: [] for name in names if name not in self.known}
        if not found:
            return
        get = found.get
        for number, edit in enumerate(self.edits):
            for name in edit.figures:
                entries = get(name)
                if entries is not None:
                    entries.append(number)
        self.known.update(found)

    def __getitem__(self, name: str) -> list[int]:
        entries = self.known.get(name)
        if entries is None:
            edits = self.edits
            ring = {n for listed in self.known.values() for i in listed for n in edits[i].figures}
            self.scan(ring | {name})
            entries = self.known[name]
        return entries


class _Diagnosis:
    """The search behind :func:`check_edits` (one instance per call).

    Values are never copied: a candidate is a few changes read over the written figures,
    and linear edits are re-checked by shifting their residual (see :class:`_Linear`).
    """

    def __init__(
        self,
        values: dict[str, int],
        edits: tuple[Edit, ...],
        held: list[bool],
        kinds: Mapping[str, FigureKind],
        max_changes: int,
        budget: int,
    ) -> None:
        self.values = values
        self.edits = edits
        self.kinds = kinds
        self.max_changes = max_changes
        self.budget = budget
        self.work_limit = max(budget, 1) * WORK_PER_TRY
        self.spent = 0
        self.work = 0
        seeds = {
            name for edit, ok in zip(edits, held, strict=True) if not ok for name in edit.figures
        }
        self.index = _Index(edits, seeds)
        self.held = held
        self.linear = _Linear(edits, values)
        self.rounding: Rounding | None = None  # counted on the first tie

    def run(self) -> EditCheck:
        violated_now = [i for i, held in enumerate(self.held) if not held]
        corrections: dict[str, int] = {}
        applied: list[Explanation] = []
        candidates: list[Explanation] = []
        cut_short = False
        offered: set[_State] = set()  # the tied explanations already listed
        holds = self.linear.holds
        for cluster in self.clusters(violated_now):
            if corrections and all(holds(i, corrections) for i in cluster):
                continue  # mended by an earlier group's explanation, which reached it
            self.spent = self.work = 0  # each group on its own budget
            outcome = self.explain(cluster)
            cut_short = cut_short or not outcome.finished
            whole = set(cluster)
            chosen = self.chosen(outcome, cluster)
            if chosen is not None and whole <= set(outcome.best[chosen][1]):
                state, repaired = outcome.best[chosen]
                outruled = len(outcome.best) - 1
                applied.append(self.explanation(state, repaired, outruled=outruled))
                corrections.update((change.figure, change.value) for change in state)
            else:
                doubted = outcome.finished and len(outcome.best) == 1
                candidates.extend(
                    self.explanation(
                        s, r, partial=not whole <= set(r), doubted=doubted and whole <= set(r)
                    )
                    for s, r in outcome.best
                    if s not in offered
                )
                offered.update(s for s, _ in outcome.best)
        remaining = [i for i in violated_now if not holds(i, corrections)]
        remaining += [
            i
            for name in corrections
            for i in self.index[name]
            if self.held[i] and not holds(i, corrections)
        ]
        remaining = sorted(set(remaining))
        covered = {edit for explanation in candidates for edit in explanation.repaired}
        unexplained = [i for i in remaining if self.edits[i] not in covered]
        sets: tuple[frozenset[str], ...] = ()
        if unexplained:
            self.spent = self.work = 0  # and the minimal sets on theirs
            try:
                sets = self.minimal_sets(unexplained, corrections)
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

    def chosen(self, outcome: _Outcome, cluster: list[int]) -> int | None:
        """Which of the best explanations to apply: the only one (unless the report's
        rounding doubts it), or the only one the rounding supports when several tie;
        ``None`` when the search was cut short or the tie stands."""
        if not outcome.finished or not outcome.best:
            return None
        if self.rounding is None:
            self.rounding = Rounding(self.values, self.kinds)
        if len(outcome.best) == 1:
            figures = {name for i in cluster for name in self.edits[i].figures}
            return None if self.rounding.doubts(outcome.best[0][0], figures) else 0
        return self.rounding.supported([state for state, _repaired in outcome.best])

    def charge(self, work: int) -> bool:
        """Count ``work`` units; false once the work limit is passed."""
        self.work += work
        return self.work <= self.work_limit

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
                children = self.children(state, target)
                if children is None:
                    return _Outcome(best, finished=False)
                for child in children:
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

    def children(self, state: _State, target: set[int]) -> list[_State] | None:
        """The states one more change away; ``None`` when the work limit is passed."""
        changes = {change.figure: change.value for change in state}
        holds = self.linear.holds
        open_edits = sorted(
            {i for i in target if not holds(i, changes)}
            | {
                i
                for name in changes
                for i in self.index[name]
                if self.held[i] and not holds(i, changes)
            }
        )
        found: list[_State] = []
        for i in open_edits:
            edit = self.edits[i]
            if edit.op != "==":
                continue
            if not self.charge(len(edit.figures)):
                return None
            for name, value in self.linear.solutions(i, changes):
                written = self.values[name]
                family = typo_family(written, value, self.kinds.get(name))
                if family is not None:
                    found.append(state | {Change(name, written, value, family)})
        return found

    def evaluate(self, state: _State) -> tuple[tuple[int, ...], bool]:
        """The originally violated edits the changes repair, and whether they break one."""
        changes = {change.figure: change.value for change in state}
        touched = sorted({i for name in changes for i in self.index[name]})
        holds = self.linear.holds
        repaired: list[int] = []
        for i in touched:
            now = holds(i, changes)
            if self.held[i] and not now:
                return (), True
            if now and not self.held[i]:
                repaired.append(i)
        return tuple(repaired), False

    def explanation(
        self,
        state: _State,
        repaired: tuple[int, ...],
        *,
        partial: bool = False,
        outruled: int = 0,
        doubted: bool = False,
    ) -> Explanation:
        changes = tuple(sorted(state, key=lambda c: (c.figure, c.value)))
        values = {change.figure: change.value for change in state}
        touched = sorted({i for name in values for i in self.index[name]})
        kept = tuple(self.edits[i] for i in touched if self.held[i])  # an explanation breaks none
        repairs = tuple(self.edits[i] for i in repaired)
        return Explanation(changes, repairs, partial, outruled, kept, doubted)

    # -- Fellegi–Holt minimal sets --------------------------------------------------------

    def minimal_sets(
        self, unexplained: list[int], corrections: dict[str, int]
    ) -> tuple[frozenset[str], ...]:
        """The smallest sets of figures that meet every unexplained edit, leave no edit
        that holds with a single changed figure in it (that edit would break), and for
        which whole values exist that make every edit on them hold
        (:func:`~welfare_rules.audit.feasibility.assignable`, exact; a set it cannot
        decide is kept)."""
        found: set[frozenset[str]] = set()
        holding: dict[int, bool] = {}
        for size in range(1, _MAX_SET_SIZE + 1):
            self.cover(frozenset(), size, unexplained, corrections, found, holding)
            if found:
                break
        return tuple(sorted(found, key=sorted)[:_MAX_SETS])

    def cover(
        self,
        chosen: frozenset[str],
        size: int,
        unexplained: list[int],
        corrections: dict[str, int],
        found: set[frozenset[str]],
        holding: dict[int, bool],
    ) -> None:
        self.spent += 1
        if self.spent > self.budget or not self.charge(1):
            raise _BudgetSpentError
        need = self.unmet(chosen, unexplained, corrections, holding)
        if need is None:
            if self.assignable(chosen, corrections) is not False:
                found.add(chosen)
                return
            # no values of these figures alone restore the edits: a larger set may
            touching = {i for name in chosen for i in self.index[name]}
            extend = sorted({n for i in touching for n in self.edits[i].figures} - chosen)
        else:
            extend = [name for name in self.edits[need].figures if name not in chosen]
        if len(chosen) == size:
            return
        for name in extend:
            if len(found) >= _MAX_SETS:
                return
            self.cover(chosen | {name}, size, unexplained, corrections, found, holding)

    def unmet(
        self,
        chosen: frozenset[str],
        unexplained: list[int],
        corrections: dict[str, int],
        holding: dict[int, bool],
    ) -> int | None:
        for i in unexplained:
            if chosen.isdisjoint(self.edits[i].figures):
                return i
        for name in sorted(chosen):
            for i in self.index[name]:
                edit = self.edits[i]
                if i in unexplained or edit.op != "==":
                    continue
                if i not in holding:
                    holding[i] = self.linear.holds(i, corrections)
                if not holding[i]:
                    continue
                if sum(1 for other in edit.figures if other in chosen) < 2:
                    return i
        return None

    def assignable(self, chosen: frozenset[str], corrections: dict[str, int]) -> bool | None:
        """Whether whole values of ``chosen`` make every edit on them hold (the figures
        corrected so far as corrected); each linear edit is reduced from its residual."""
        touching = sorted({i for name in chosen for i in self.index[name]})
        if not self.charge(len(touching)):
            raise _BudgetSpentError
        current = _Overlay(self.values, corrections) if corrections else self.values
        system: list[tuple[dict[tuple[str, ...], int], str]] = []
        for i in touching:
            edit = self.edits[i]
            coefficients = self.linear.coefficient_map(i)
            residual = self.linear.residual(i, corrections)
            if coefficients is None or residual is None:
                system.append((reduce_edit(edit, chosen, current), edit.op))
                continue
            poly: dict[tuple[str, ...], int] = {}
            for name in chosen:
                if name in coefficients:
                    poly[(name,)] = coefficients[name]
                    residual -= coefficients[name] * current[name]
            if residual:
                poly[()] = residual
            system.append((poly, edit.op))
        return assignable_system(chosen, system)


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
