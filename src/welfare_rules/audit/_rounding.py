"""The report's rounding as evidence between corrections that fit equally well.

Amounts in a report are written to a resolution: whole thousands of đồng as a rule.
When several one-slip corrections repair a mismatch equally well, the arithmetic cannot
choose, but the writing can: among amounts all in whole thousands, ``63.000.001`` is the
slip, not the total ``322.370.000`` that would have to become ``322.370.001`` instead. A
careful auditor reasons so, and so does :meth:`Rounding.supported`: it picks a
correction only when it brings every figure it changes back to the resolution of the
report's other amounts, and every other correction would push a figure below that
resolution. A count carries no such evidence (any whole number is a count): a correction
of counts is chosen only when every other would push an amount below the resolution,
and a tie among counts stays a tie.

The resolution is the coarsest one every other amount of the report meets (its least
rounded amount decides), counted in trailing zeros up to three (whole thousands), and it
is evidence only at whole thousands: where other amounts are uneven, their tails run
into the totals that add them (a part ``7.706.902.630`` and its total
``16.470.812.630``), and the least round figure is no longer the likely slip (the
mutation benchmark found a total's ``…630`` typed ``…600`` blamed on the part). It needs
:data:`MIN_WITNESSES` amounts besides the figures a correction changes: with fewer,
nothing is known of the report's rounding.

>>> grain(63_000_001), grain(322_370_000), grain(16_470_812_630), grain(0)
(0, 3, 1, 3)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from .compile import FigureKind

GRAIN_CAP = 3
"""Whole thousands. Rounder than that says nothing reliable: a slip that puts a zero in
``1.485.600.000`` makes it rounder than a total of ``1.615.600.000``, and the total would
look like the slip."""
MIN_WITNESSES = 2


class _Change(Protocol):
    @property
    def figure(self) -> str: ...
    @property
    def reported(self) -> int: ...
    @property
    def value(self) -> int: ...


def written_forms(exact: int, step: int) -> tuple[int, int, int]:
    """How ``exact`` may be written to ``step`` (in steps): rounded, truncated, rounded up
    (``16.232.300.000`` to ``10.000.000``: 1623, 1623, 1624). A figure written to that
    precision restates ``exact`` when it is one of them.

    >>> written_forms(16_232_300_000, 10_000_000)
    (1623, 1623, 1624)
    """
    return (exact + step // 2) // step, exact // step, -(-exact // step)


def grain(value: int) -> int:
    """Trailing zeros of ``value``, at most :data:`GRAIN_CAP` (zero counts as round)."""
    if value == 0:
        return GRAIN_CAP
    found = 0
    while found < GRAIN_CAP and value % 10 == 0:
        value //= 10
        found += 1
    return found


class Rounding:
    """How round the amounts of one set of figures are, counted once and asked per tie."""

    __slots__ = ("_grains", "_kinds", "_values")

    def __init__(self, values: Mapping[str, int], kinds: Mapping[str, FigureKind]) -> None:
        self._values = values
        self._kinds = kinds
        self._grains: Counter[int] | None = None

    def is_money(self, name: str) -> bool:
        return self._kinds.get(name) == "money"

    def resolution(self, excluded: Iterable[str]) -> int | None:
        """The grain every amount outside ``excluded`` meets, or ``None`` when fewer than
        :data:`MIN_WITNESSES` amounts remain to say it."""
        if self._grains is None:
            kinds = self._kinds
            self._grains = Counter(
                grain(value) for name, value in self._values.items() if kinds.get(name) == "money"
            )
        grains = self._grains.copy()
        for name in set(excluded):
            if self.is_money(name):
                grains[grain(self._values[name])] -= 1
        present = [g for g, n in grains.items() if n > 0]
        if sum(grains[g] for g in present) < MIN_WITNESSES:
            return None
        return min(present)

    def supported(self, explanations: Sequence[Iterable[_Change]]) -> int | None:
        """The index of the only explanation the report's rounding supports, or ``None``.

        Each explanation is weighed as the hypothesis that it is the truth: the figures it
        does not change are as written, and their amounts give the resolution. An
        explanation *breaks* the rounding when it changes an amount written at that
        resolution to a value below it; it *restores* it when every change it makes is to
        an amount written below the resolution and brought back to it. The one chosen
        breaks nothing while every other breaks it, and either restores it or changes
        counts only (a count off by one rather than a level or an amount pushed below
        whole thousands). A count's change is no evidence either way, so a tie among
        counts stays a tie.
        """
        sets = [tuple(changes) for changes in explanations]
        if len(sets) < 2:
            return None
        found: list[int] = []
        for i, changes in enumerate(sets):
            level = self.resolution(change.figure for change in changes)
            if level is None or level < GRAIN_CAP or self._breaks(changes, level):
                continue
            if not (self._restores(changes, level) or self._counts_only(changes)):
                continue
            others = (other for j, other in enumerate(sets) if j != i)
            if all(self._breaks(other, level) for other in others):
                found.append(i)
        return found[0] if len(found) == 1 else None

    def doubts(self, explanation: Iterable[_Change], figures: Iterable[str]) -> bool:
        """Whether the rounding speaks against the only explanation found: it would make
        a round amount uneven while an amount among ``figures`` (those of the violated
        edits) is itself written below whole thousands, the other amounts being round
        (``1.485.599.999`` beside ``130.000.000``, not ``130.000.000 → 130.000.001``)."""
        changes = tuple(explanation)
        if not self._breaks(changes, GRAIN_CAP):
            return False  # the common case, decided by the few changes alone
        changed = {change.figure for change in changes}
        uneven = {
            name
            for name in figures
            if name not in changed and self.is_money(name) and grain(self._values[name]) < GRAIN_CAP
        }
        if not uneven:
            return False
        level = self.resolution(changed | uneven)
        return level == GRAIN_CAP and self._breaks(changes, level)

    def _counts_only(self, changes: tuple[_Change, ...]) -> bool:
        return bool(changes) and not any(self.is_money(c.figure) for c in changes)

    def _restores(self, changes: tuple[_Change, ...], level: int) -> bool:
        return bool(changes) and all(
            self.is_money(c.figure) and grain(c.reported) < level <= grain(c.value) for c in changes
        )

    def _breaks(self, changes: tuple[_Change, ...], level: int) -> bool:
        return any(
            self.is_money(c.figure) and grain(c.value) < level <= grain(c.reported) for c in changes
        )
