"""Baseline against reform: budgets by funding source, programme and level; who gains, who loses.

:func:`compare` takes a population (people, columns or a DataFrame, as
:func:`~welfare_rules.entitle.allocate.allocate` takes them) or, when no population is at
hand, **counts**: the gifts (suất) per programme and level as a report's gift table
states them. Every figure is an exact ``int``; the reform's budget and the delta are
``count × level`` sums, never estimates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .._i18n import Catalog, Lang, Text
from ..errors import ReportDataError
from ..money import format_vnd
from ..rules.kinds import FIXED
from ..rules.model import InForce, Label, Ruleset
from ..tiers import FundingSource
from .reform import Reform

if TYPE_CHECKING:
    from ..entitle.allocate import Allocation

# Counts of gifts: programme id → {level amount or id / age or bracket id: count}, or the
# count itself for a selected programme.
Counts = Mapping[str, Mapping[int | str, int] | int]

_MSG = Catalog(
    "scenario.comparison",
    {
        "programme": Text(
            vi="không có chương trình {value!r} có hiệu lực ngày {on} trong bộ quy định "
            "{ruleset!r} (có: {known})",
            en="no programme {value!r} in force on {on} in ruleset {ruleset!r} (known: {known})",
        ),
        "level": Text(
            vi="chương trình {programme!r} không có mức hoặc khung tuổi {value!r} (có: {known})",
            en="programme {programme!r} has no level or bracket {value!r} (known: {known})",
        ),
        "count": Text(
            vi="số suất phải là số nguyên không âm, không phải {value!r}",
            en="a count must be a whole number, zero or more, not {value!r}",
        ),
        "socialized": Text(
            vi="chương trình xã hội hóa {programme!r} không có mức cố định: không tính được",
            en="the socialized programme {programme!r} has no fixed level: it cannot be computed",
        ),
        "selected": Text(
            vi="chương trình {programme!r} được lựa chọn: cho số suất là một số nguyên",
            en="{programme!r} is a selected programme: give its count as one whole number",
        ),
        "caption": Text(
            vi="{title}: {baseline} → {reform} (chênh lệch {delta}), ngày {on}",
            en="{title}: {baseline} → {reform} (delta {delta}), on {on}",
        ),
        "untitled": Text(vi="Phương án", en="Reform"),
    },
)


@dataclass(frozen=True, slots=True)
class BudgetLine:
    """One level or bracket of one programme, before and after: levels, counts, amounts.

    A level the reform adds (a new bracket) has ``baseline_level = None``; one the
    baseline has and the reform does not, ``reform_level = None``.
    """

    source: FundingSource  # nguồn kinh phí
    programme: str
    title: Label
    level: str  # level id, bracket id or "selected"
    baseline_level: int | None  # mức
    reform_level: int | None
    baseline_count: int  # số suất
    reform_count: int

    @property
    def baseline_amount(self) -> int:
        """``baseline_count × baseline_level``."""
        return self.baseline_count * (self.baseline_level or 0)

    @property
    def reform_amount(self) -> int:
        """``reform_count × reform_level``."""
        return self.reform_count * (self.reform_level or 0)

    @property
    def delta(self) -> int:
        """Reform amount minus baseline amount."""
        return self.reform_amount - self.baseline_amount


@dataclass(frozen=True, slots=True)
class PersonChange:
    """One person whose gifts change: ``person`` is the record's id, else its row (0-based)."""

    person: object
    row: int
    baseline: int
    reform: int

    @property
    def delta(self) -> int:
        """Reform total minus baseline total for this person."""
        return self.reform - self.baseline


@dataclass(frozen=True, repr=False)
class Comparison:
    """Baseline and reform budgets side by side (build it with :func:`compare`).

    ``population`` is the number of people compared, or ``None`` when the comparison
    was made from counts (then there are no gainers or losers to name).
    ``undetermined`` counts the (person, programme) results that no input decides, in
    the baseline and in the reform: they are not in the amounts, and not zero.
    """

    title: Label | str
    baseline: str  # ruleset id
    reform: str  # ruleset id
    on: dt.date
    reform_on: dt.date
    lines: tuple[BudgetLine, ...]
    population: int | None = None
    gainers: tuple[PersonChange, ...] = ()  # largest gain first
    losers: tuple[PersonChange, ...] = ()  # largest loss first
    unchanged: int = 0
    undetermined: tuple[int, int] = (0, 0)

    def totals(self) -> tuple[int, int]:
        """``(baseline, reform)`` budgets, whole VND."""
        return (
            sum(line.baseline_amount for line in self.lines),
            sum(line.reform_amount for line in self.lines),
        )

    @property
    def delta(self) -> int:
        """Reform budget minus baseline budget."""
        baseline, reform = self.totals()
        return reform - baseline

    def by_source(self) -> tuple[tuple[FundingSource, int, int], ...]:
        """``(source, baseline, reform)`` for each funding source, central first."""
        found: dict[FundingSource, list[int]] = {}
        for line in self.lines:
            entry = found.setdefault(line.source, [0, 0])
            entry[0] += line.baseline_amount
            entry[1] += line.reform_amount
        return tuple((s, b, r) for s, (b, r) in sorted(found.items(), key=lambda kv: kv[0]))

    def by_programme(self) -> tuple[tuple[str, int, int], ...]:
        """``(programme id, baseline, reform)`` in ruleset order."""
        found: dict[str, list[int]] = {}
        for line in self.lines:
            entry = found.setdefault(line.programme, [0, 0])
            entry[0] += line.baseline_amount
            entry[1] += line.reform_amount
        return tuple((p, b, r) for p, (b, r) in found.items())

    def label(self, lang: Lang = "vi") -> str:
        """The reform's title in ``lang``, or ``Phương án`` / ``Reform``."""
        if isinstance(self.title, Label):
            return self.title.get(lang)
        return self.title or _MSG("untitled").get(lang)

    def caption(self, lang: Lang = "vi") -> str:
        """One line: title, both budgets, the delta and the date."""
        baseline, reform = self.totals()
        sign = "+" if reform > baseline else "-" if reform < baseline else ""
        delta = sign + format_vnd(abs(reform - baseline), locale=lang)
        return _MSG(
            "caption",
            title=self.label(lang),
            baseline=format_vnd(baseline, locale=lang),
            reform=format_vnd(reform, locale=lang),
            delta=delta,
            on=self.on.strftime("%d/%m/%Y"),
        ).get(lang)

    def to_dict(self, *, lang: Lang = "en") -> dict[str, Any]:
        """A JSON-ready summary; ``title`` in ``lang`` (English unless asked)."""
        baseline, reform = self.totals()
        return {
            "title": self.label(lang),
            "baseline": self.baseline,
            "reform": self.reform,
            "on": self.on.isoformat(),
            "totals": {"baseline": baseline, "reform": reform, "delta": reform - baseline},
            "by_source": [
                {"source": s.value, "baseline": b, "reform": r, "delta": r - b}
                for s, b, r in self.by_source()
            ],
            "lines": [
                {
                    "source": line.source.value,
                    "programme": line.programme,
                    "level": line.level,
                    "baseline_level": line.baseline_level,
                    "reform_level": line.reform_level,
                    "baseline_count": line.baseline_count,
                    "reform_count": line.reform_count,
                    "baseline_amount": line.baseline_amount,
                    "reform_amount": line.reform_amount,
                    "delta": line.delta,
                }
                for line in self.lines
            ],
            "population": self.population,
            "gainers": len(self.gainers),
            "losers": len(self.losers),
            "unchanged": self.unchanged,
            "undetermined": {"baseline": self.undetermined[0], "reform": self.undetermined[1]},
        }

    def __repr__(self) -> str:
        return f"<Comparison {self.caption('en')}>"

    def _repr_html_(self) -> str:
        """Hook into :func:`welfare_rules.views.html.comparison_html`."""
        from ..views.html import comparison_html

        return comparison_html(self)

    def to_pandas(self, *, by: str = "level") -> Any:
        """A pandas DataFrame (the ``pandas`` extra).

        ``by`` is ``"level"`` (default), ``"source"`` or ``"person"``; the columns are
        ``welfare_rules.views.frames.COMPARISON_COLUMNS[by]``."""
        from ..views.frames import comparison_frame

        return comparison_frame(self, by=by)  # type: ignore[arg-type]

    def plot(self, *, ax: Any = None, lang: Lang = "vi") -> Any:
        """Baseline against reform by funding source, as grouped bars (the ``plot`` extra).

        Returns the matplotlib ``Axes``."""
        from ..views.plot import plot_comparison

        return plot_comparison(self, ax=ax, lang=lang)


# ---------------------------------------------------------------- compare


def compare(
    baseline: Ruleset | str,
    reform: Reform | Ruleset,
    population_or_counts: Any,
    *,
    on: dt.date,
    reform_on: dt.date | None = None,
) -> Comparison:
    """The budgets of ``baseline`` and of ``reform`` for the same people (or counts).

    ``reform`` is a :class:`Reform` (applied to the versions in force on ``on``) or a
    whole other ruleset; ``reform_on`` (default ``on``) is the date the reform side is
    evaluated on, so that ``compare(central, central, counts, on=tet_2024,
    reform_on=tet_2023)`` compares two years.

    ``population_or_counts`` is either a population (an iterable of ``Person`` or dicts,
    a mapping of columns to sequences, or a pandas DataFrame) or counts: a mapping of
    programme id to ``{level: count}`` — a level by its amount (``500000``) or id, a
    longevity bracket by an age it covers (``70``, which lets a reform's new or moved
    brackets pick the people up) or by its id — or to one ``int`` for a selected
    programme. A mapping whose values are all mappings or ints is read as counts.

    >>> from welfare_rules import load_ruleset
    >>> from welfare_rules.scenario import LevelChange, Reform
    >>> ruleset = load_ruleset("uong-bi-tet-2024")
    >>> raise_500k = Reform(level=[LevelChange(programme="provincial-4107", level=500_000,
    ...                                         amount=600_000)])
    >>> result = compare(ruleset, raise_500k, {"provincial-4107": {500_000: 5_502}},
    ...                  on=dt.date(2024, 2, 1))
    >>> result.delta
    550200000
    """
    if isinstance(baseline, str):
        from ..rules.load import load_ruleset

        baseline = load_ruleset(baseline)
    reform_on = reform_on or on
    if isinstance(reform, Reform):
        reformed = baseline.with_reform(reform, on=reform_on)
        title: Label | str = reform.title
    else:
        reformed = reform
        title = reform.title
    if _is_counts(population_or_counts):
        return _from_counts(baseline, reformed, population_or_counts, on, reform_on, title)
    return _from_population(baseline, reformed, population_or_counts, on, reform_on, title)


def _is_counts(data: Any) -> bool:
    if not isinstance(data, Mapping) or not data:
        return False
    return all(
        isinstance(value, Mapping) or (isinstance(value, int) and not isinstance(value, bool))
        for value in data.values()
    )


def _in_force(ruleset: Ruleset, on: dt.date) -> dict[str, InForce]:
    if not ruleset.applies_on(on):
        from ..errors import RulesetPeriodError

        start, end = ruleset.period
        raise RulesetPeriodError(ruleset.id, on, start=start, end=end)
    return {item.programme.id: item for item in ruleset.in_force(on=on)}


def _count(value: object, path: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ReportDataError(_MSG("count", value=value), path=path, value=value)
    return value


@dataclass
class _Slot:
    """A line being built: the level on each side and the count on each side."""

    source: FundingSource
    programme: str
    title: Label
    level: str
    baseline_level: int | None = None
    reform_level: int | None = None
    baseline_count: int = 0
    reform_count: int = 0

    def set_level(self, side: int, amount: int) -> None:
        if side == 0:
            self.baseline_level = amount
        else:
            self.reform_level = amount

    def add(self, side: int, amount: int, count: int) -> None:
        self.set_level(side, amount)
        if side == 0:
            self.baseline_count += count
        else:
            self.reform_count += count

    def freeze(self) -> BudgetLine:
        return BudgetLine(
            self.source,
            self.programme,
            self.title,
            self.level,
            self.baseline_level,
            self.reform_level,
            self.baseline_count,
            self.reform_count,
        )


def _items(item: InForce) -> list[tuple[str, int]]:
    """(level id, amount) of every level, bracket or the fixed amount of a version."""
    if not item.version.recorded:
        return []
    return [(p.ident, p.amount) for p in item.programme.kind_spec.priced(item.version)]


def _resolve_key(item: InForce, key: int | str, path: str) -> tuple[str | None, bool]:
    """``(level id, by_age)``: a key to the id of what it counts; an int key of a kind that
    reads the birth (longevity) is an age."""
    kind = item.programme.kind_spec
    version = item.version
    if kind.reads == "birth" and isinstance(key, int) and not isinstance(key, bool):
        return None, True
    found = kind.find(version, key)
    if found is not None:
        return found, False
    known = kind.known(version)
    text = _MSG("level", programme=item.programme.id, value=key, known=known)
    raise ReportDataError(text, path=path, value=key)


def _from_counts(
    baseline: Ruleset,
    reformed: Ruleset,
    counts: Counts,
    on: dt.date,
    reform_on: dt.date,
    title: Label | str,
) -> Comparison:
    sides = (_in_force(baseline, on), _in_force(reformed, reform_on))
    slots: dict[tuple[str, str], _Slot] = {}
    undetermined = [0, 0]
    for programme_id, given in counts.items():
        base = sides[0].get(programme_id)
        if base is None:
            known = ", ".join(sides[0]) or "-"
            text = _MSG("programme", value=programme_id, on=on, ruleset=baseline.id, known=known)
            raise ReportDataError(text, path=f"counts.{programme_id}", value=programme_id)
        kind = base.programme.kind_spec
        if not kind.computed:
            raise ReportDataError(_MSG("socialized", programme=programme_id), path=programme_id)
        if kind.fixed_amount:
            if isinstance(given, Mapping):
                raise ReportDataError(_MSG("selected", programme=programme_id), path=programme_id)
            entries: list[tuple[int | str, int]] = [(FIXED, _count(given, programme_id))]
        elif isinstance(given, Mapping):
            entries = [
                (key, _count(value, f"{programme_id}[{key!r}]")) for key, value in given.items()
            ]
        else:
            raise ReportDataError(_MSG("count", value=given), path=programme_id, value=given)
        for side, table in enumerate(sides):
            item = table.get(programme_id)
            if item is None:
                continue
            for ident, amount in _items(item):  # every level shows, counted or not
                _slot(slots, item, ident).set_level(side, amount)
        # keys are read against the first side that records an instrument on its date
        reference = next(
            (
                t[programme_id]
                for t in sides
                if programme_id in t and t[programme_id].version.recorded
            ),
            None,
        )
        for key, count in entries:
            target, by_age = (
                (FIXED, False)
                if kind.fixed_amount or reference is None
                else _resolve_key(reference, key, f"{programme_id}[{key!r}]")
            )
            for side, table in enumerate(sides):
                item = table.get(programme_id)
                if item is None:
                    continue
                if not item.version.recorded:
                    undetermined[side] += count
                    continue
                level = _side_level(item, target, key if by_age else None)
                if level is not None:
                    _slot(slots, item, level[0]).add(side, level[1], count)
    return Comparison(
        title=title,
        baseline=baseline.id,
        reform=reformed.id,
        on=on,
        reform_on=reform_on,
        lines=tuple(slot.freeze() for slot in slots.values()),
        undetermined=(undetermined[0], undetermined[1]),
    )


def _side_level(item: InForce, ident: str | None, age: object) -> tuple[str, int] | None:
    """(id, amount) on one side: the bracket covering ``age``, else the level ``ident``."""
    version = item.version
    if isinstance(age, int):
        bracket = version.bracket_for(age)
        return (bracket.id, bracket.amount) if bracket is not None else None
    return next(((i, a) for i, a in _items(item) if i == ident), None)


def _slot(slots: dict[tuple[str, str], _Slot], item: InForce, ident: str) -> _Slot:
    key = (item.programme.id, ident)
    slot = slots.get(key)
    if slot is None:
        programme = item.programme
        slot = slots[key] = _Slot(programme.source, programme.id, programme.title, ident)
    return slot


# ---------------------------------------------------------------- from a population


def _from_population(
    baseline: Ruleset,
    reformed: Ruleset,
    population: Any,
    on: dt.date,
    reform_on: dt.date,
    title: Label | str,
) -> Comparison:
    from ..entitle.allocate import allocate

    if not isinstance(population, Mapping) and not hasattr(population, "columns"):
        population = list(population)  # read twice
    before = allocate(population, baseline, on=on, per_person=True)
    after = allocate(population, reformed, on=reform_on, per_person=True)
    slots: dict[tuple[str, str], _Slot] = {}
    for side, allocation in enumerate((before, after)):
        for line in allocation.lines:
            key = (line.programme, line.level)
            slot = slots.get(key)
            if slot is None:
                slot = slots[key] = _Slot(line.source, line.programme, line.title, line.level)
            slot.add(side, line.level_amount, line.count)
    gainers, losers, unchanged = _changes(before, after)
    return Comparison(
        title=title,
        baseline=baseline.id,
        reform=reformed.id,
        on=on,
        reform_on=reform_on,
        lines=tuple(slot.freeze() for slot in slots.values()),
        population=before.population,
        gainers=gainers,
        losers=losers,
        unchanged=unchanged,
        undetermined=(before.undetermined_count, after.undetermined_count),
    )


def _person_totals(allocation: Allocation) -> Sequence[tuple[object, int]]:
    from ..entitle.results import Entitlement

    return [
        (
            person.id if person.id is not None else person.row,
            sum(item.amount for item in person.items if isinstance(item, Entitlement)),
        )
        for person in allocation.people or ()
    ]


def _changes(
    before: Allocation, after: Allocation
) -> tuple[tuple[PersonChange, ...], tuple[PersonChange, ...], int]:
    changes: list[PersonChange] = []
    unchanged = 0
    totals = zip(_person_totals(before), _person_totals(after), strict=True)
    for row, ((person, old), (_, new)) in enumerate(totals):
        if old == new:
            unchanged += 1
        else:
            changes.append(PersonChange(person, row, old, new))
    gainers = tuple(sorted((c for c in changes if c.delta > 0), key=lambda c: (-c.delta, c.row)))
    losers = tuple(sorted((c for c in changes if c.delta < 0), key=lambda c: (c.delta, c.row)))
    return gainers, losers, unchanged


__all__ = ["BudgetLine", "Comparison", "Counts", "PersonChange", "compare"]
