"""Entitlements of one person on a date: one gift per programme, at the highest level.

:func:`entitlements` resolves the ruleset on the date once (cached), reduces the person
to the inputs the rules read (:class:`Inputs`), and asks every programme in force:

* ``levels``: the highest level the person qualifies for (three-valued: a missing
  attribute that could raise or decide the level makes the result undetermined);
* ``longevity``: the bracket covering the age, by the programme's age basis (calendar
  year minus birth year, or the exact age on the date);
* ``selected``: the fixed amount when the person was chosen for the programme;
* ``socialized``: nothing (donated gifts are reported, not computed).

The engine never tests a kind's name: it asks the kind (:mod:`welfare_rules.rules.kinds`)
what its gift ``reads`` of a person, and :data:`EVALUATIONS` names the evaluation for
each (``categories``: the levels; ``birth``: the brackets; ``selections``: the fixed
amount; ``none``: nothing). Ages are counted by :mod:`welfare_rules.dates`.

Programmes stack; a person who died before ``on`` (or is born after it) gets nothing.
Within a levels programme a person gets one gift, plus the programme's ``extra_gifts``
(an additional representative gift, one gift per martyr) when their rules hold; a
programme with a ``residence`` condition reads the residence too (missing: undetermined).

Nothing is dropped silently: a selection id that names no selected programme of the
ruleset, an age past :data:`MAX_AGE` and an ``on`` that is not a date are bilingual errors
naming the value (``on`` may be a date, a datetime, or an ISO string).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .._i18n import Catalog, Text
from ..dates import age_on, as_date, calendar_year_age, possible_exact_ages
from ..errors import PersonDataError, RulesetPeriodError, quote
from ..rules._base import PersonCategories
from ..rules.categories import AttributeValue
from ..rules.kinds import Kind, Reads
from ..rules.model import (
    Bracket,
    ExtraGift,
    InForce,
    InKind,
    LegalBasis,
    Level,
    Programme,
    ProgrammeVersion,
    Rule,
    Ruleset,
    evaluate_any,
    note_text,
)
from .person import Person
from .results import Entitlement, Item, Undetermined, UndeterminedCause

# A person's categories as :class:`Inputs` hold them: sorted pairs, hashable.
HeldCategories = tuple[tuple[str, tuple[tuple[str, AttributeValue], ...]], ...]

MAX_AGE = 150
"""The oldest age the engine accepts on the date (the bound of ages in rule data): an
older person (``birth_year=1834`` in 2024) is a :class:`PersonDataError`, never a gift."""

_MSG = Catalog(
    "entitle.engine",
    {
        "selection": Text(
            vi="mã chương trình lựa chọn không có trong bộ quy định {ruleset!r}: {value} "
            "(có: {known})",
            en="selected-programme id not in ruleset {ruleset!r}: {value} (known: {known})",
        ),
        "age": Text(
            vi="năm sinh {value} cho tuổi {age} vào ngày {on}, quá {limit} tuổi",
            en="birth year {value} gives age {age} on {on}, more than {limit}",
        ),
    },
)


@dataclass(frozen=True, slots=True)
class Inputs:
    """What the rules read of a person on a date; equal inputs give equal entitlements.

    ``exact_age`` is the age in full years on the date (``None`` without a birth date);
    ``present`` is false for a person who died before the date or is born after it;
    ``selections`` only the selected programmes' ids the plan knows.
    """

    birth_year: int | None
    exact_age: int | None
    present: bool
    categories: HeldCategories
    selections: frozenset[str]
    residence: str | None = None  # "permanent" / "temporary", when known
    residence_months: int | None = None  # months of temporary residence, when known

    def category_view(self) -> dict[str, dict[str, AttributeValue]]:
        """The categories as rules test them."""
        return {name: dict(attributes) for name, attributes in self.categories}


def exact_age_on(birth: dt.date, on: dt.date) -> int:
    """Full years from ``birth`` to ``on`` (negative before the birth): :func:`dates.age_on`."""
    return age_on(birth, on)


@dataclass(frozen=True, slots=True)
class _Level:
    """A level with its rules indexed by the category they test (groups expanded)."""

    level: Level
    by_category: Mapping[str, tuple[tuple[int, Rule], ...]]


@dataclass(slots=True)
class _Programme:
    """One programme in force on the plan's date, indexed for evaluation.

    ``memo`` keeps the items already built (an entitlement depends only on the level and
    rule, or the bracket and age), so a population pays for each distinct item once.
    """

    ruleset: str
    programme: Programme
    version: ProgrammeVersion
    on: dt.date
    kind: Kind
    levels: tuple[_Level, ...]  # highest amount first
    tested: frozenset[str]  # categories some stated level's rule tests
    unstated: bool  # some level does not state who receives it
    covers: frozenset[str]  # categories the programme's ``covers`` name
    relevant: frozenset[str]  # every category the programme's rules or scope can test
    scope: tuple[Rule, ...]  # who an unrecorded version could concern
    # Decided once from the ruleset when the plan is built (never from a population):
    evaluation: Evaluation | None = None  # EVALUATIONS[reads]
    exact: bool = False  # the gift needs the exact age on the date (kind.exact_age)
    plain: bool = False  # a recorded version with no residence condition
    matches: Mapping[int, frozenset[str]] = field(default_factory=dict)  # see _matches
    by_age: tuple[Bracket | None, ...] = ()  # the bracket covering each age 0 … MAX_AGE + 1
    memo: dict[tuple[object, ...], Item] = field(default_factory=dict)
    ages: dict[int, Bracket | None] = field(default_factory=dict)  # bracket by age, filled lazily
    results: dict[object, tuple[Item, ...]] = field(default_factory=dict)  # items by input key

    def bracket_for(self, age: int) -> Bracket | None:
        """The version's bracket covering ``age`` (:attr:`by_age`; other ages memoized)."""
        if 0 <= age < len(self.by_age):
            return self.by_age[age]
        try:
            return self.ages[age]
        except KeyError:
            found = self.ages[age] = self.version.bracket_for(age)
            return found

    @property
    def reads(self) -> Reads:
        """What of a person this programme's gift depends on (its kind's ``reads``)."""
        return self.kind.reads


def _categories_of(rules: tuple[Rule, ...]) -> frozenset[str]:
    return frozenset(c for rule in rules for c in rule.categories)


def _index(level: Level) -> _Level:
    by_category: dict[str, list[tuple[int, Rule]]] = {}
    for position, rule in enumerate(level.rules):
        for category in rule.categories:
            by_category.setdefault(category, []).append((position, rule))
    return _Level(level, {c: tuple(rules) for c, rules in by_category.items()})


def _matches(rules: Iterable[Rule]) -> dict[int, frozenset[str]]:
    """The categories each rule can match, by the rule's ``id()``: a group rule's
    ``categories`` walk the whole vocabulary at each call, and a group rule holds exactly
    when the person has one of them (:meth:`Rule.evaluate`)."""
    return {id(rule): frozenset(rule.categories) for rule in rules}


def _by_age(version: ProgrammeVersion) -> tuple[Bracket | None, ...]:
    """The bracket covering each age from 0 to :data:`MAX_AGE` + 1, as
    :meth:`ProgrammeVersion.bracket_for` finds it (the first that covers the age): the
    brackets indexed by age once, as :func:`_index` indexes a level's rules by category."""
    table: list[Bracket | None] = [None] * (MAX_AGE + 2)
    for bracket in version.brackets:
        last = bracket.last_age
        top = len(table) - 1 if last is None else min(last, len(table) - 1)
        for age in range(max(bracket.first_age, 0), top + 1):
            if table[age] is None and bracket.covers(age):
                table[age] = bracket
    return tuple(table)


def _prepare(item: InForce, on: dt.date) -> _Programme:
    programme, version = item.programme, item.version
    ordered = sorted(version.levels, key=lambda level: -level.amount)
    levels = tuple(_index(level) for level in ordered)
    tested = _categories_of(tuple(r for level in ordered for r in level.rules))
    kind = programme.kind_spec
    scope = kind.scope(programme)
    rules = [r for level in ordered for r in level.rules]
    rules += [*programme.covers, *(extra.rule for extra in programme.extra_gifts)]
    return _Programme(
        ruleset=item.ruleset,
        programme=programme,
        version=version,
        on=on,
        kind=kind,
        levels=levels,
        tested=tested,
        unstated=any(not level.rules_stated for level in ordered),
        covers=_categories_of(programme.covers),
        relevant=tested | _categories_of(programme.covers) | _categories_of(scope),
        scope=scope,
        evaluation=EVALUATIONS[kind.reads],
        exact=kind.exact_age(programme),
        plain=version.recorded and programme.residence is None,
        matches=_matches(rules),
        by_age=_by_age(version) if version.brackets else (),
    )


@dataclass(frozen=True, slots=True)
class Plan:
    """A ruleset resolved on one date: the programmes in force, ready to evaluate."""

    ruleset: Ruleset
    on: dt.date
    programmes: tuple[_Programme, ...]
    exact: bool  # some longevity programme counts the exact age
    selected: frozenset[str]  # ids of the selected programmes in force
    relevant: frozenset[str]  # every category some programme in force can test
    # Items by the part of the inputs a group of programmes reads (see :meth:`evaluate`).
    parts: dict[object, tuple[tuple[int, Item], ...]] = field(
        default_factory=dict, compare=False, hash=False, repr=False
    )
    # The programmes (with their positions) by the part of the inputs they read.
    groups: tuple[tuple[str, tuple[tuple[int, _Programme], ...]], ...] = field(
        default=(), compare=False, hash=False, repr=False
    )
    known_selections: frozenset[str] = frozenset()  # every selected programme of the ruleset
    raised: tuple[tuple[str, str], ...] = ()  # (programme, the programme it raises) in force

    def forget(self) -> None:
        """Empty every memo of evaluated items (:attr:`parts`, and each programme's items,
        gifts and brackets of ages past :data:`MAX_AGE`), the plan itself kept: the next
        population is evaluated anew. What the plan decided from the ruleset alone when it
        was built (each level's rules by category, each version's brackets by age, the
        categories each rule can match) is the plan, not a memo: it stays. Results never
        depend on the memos; a benchmark's fresh run needs them empty (the other side
        keeps nothing from one run to the next either)."""
        self.parts.clear()
        for p in self.programmes:
            p.memo.clear()
            p.ages.clear()
            p.results.clear()

    def check_selections(self, ids: frozenset[str]) -> frozenset[str]:
        """The ids of the selected programmes in force among ``ids``; an id that names no
        selected programme of the ruleset (a typo) is a :class:`PersonDataError`."""
        unknown = ids - self.known_selections
        if unknown:
            known = ", ".join(sorted(self.known_selections)) or "-"
            text = _MSG(
                "selection", ruleset=self.ruleset.id, value=quote(sorted(unknown)), known=known
            )
            raise PersonDataError(text, path="selections", value=sorted(unknown))
        return ids & self.selected

    def inputs(self, person: Person, *, strict: bool = False) -> Inputs:
        """What this plan's rules read of ``person``; ``strict``: a selection id that
        names no selected programme of the ruleset is an error (:meth:`check_selections`)
        rather than left out (:func:`entitlements` is strict)."""
        on = self.on
        birth, year = person.birth_date, person.year_of_birth
        exact = age_on(birth, on) if birth is not None else None
        present = not (person.death_date is not None and person.death_date < on)
        if (exact is not None and exact < 0) or (year is not None and year > on.year):
            present = False
        view = person.rule_view()
        categories = tuple(
            sorted((name, tuple(sorted(attrs.items()))) for name, attrs in view.items())
        )
        selections: frozenset[str] = frozenset()
        if person.selections:
            if strict:
                selections = self.check_selections(person.selections)
            else:
                selections = person.selections & self.selected
        return Inputs(
            year,
            exact,
            present,
            categories,
            selections,
            person.residence,
            person.residence_months,
        )

    @property
    def separable(self) -> bool:
        """Whether every programme in force reads one part of the inputs alone (the
        categories, the birth or the selections) and none raises another's minimum: a
        present person's items are then the union of each part's items, so a population
        can be counted part by part (:mod:`._parts`)."""
        return not self.raised and all(reads in _PARTS for reads, _ in self.groups)

    def part_items(self, group: int, inputs: Inputs) -> tuple[tuple[int, Item], ...]:
        """The items, with their programmes' positions, of the programmes of
        ``self.groups[group]`` for a present person's ``inputs`` (memoized by the part
        they read, as :meth:`evaluate` memoizes them)."""
        reads, programmes = self.groups[group]
        key = _part_key(reads, inputs)
        items = self.parts.get(key) if key is not None else None
        if items is None:
            items = _items(programmes, inputs, inputs.category_view())
            if key is not None:
                self.parts[key] = items
        return items

    def silent(self, group: int, inputs: Inputs) -> bool:
        """Whether :meth:`part_items` of ``self.groups[group]`` is certainly empty for a
        present person's ``inputs``, told without building any item: a group of plain
        programmes that read the birth (their gift is the bracket of the age) where every
        age the person may have is in no bracket. ``False`` when it cannot tell so."""
        reads, programmes = self.groups[group]
        if reads != "birth":
            return False
        birth = EVALUATIONS["birth"]
        return all(
            p.plain and p.evaluation is birth and _no_bracket(p, inputs) for _, p in programmes
        )

    def _check_age(self, inputs: Inputs) -> None:
        year = inputs.birth_year
        if year is not None and self.on.year - year > MAX_AGE:
            age = self.on.year - year
            text = _MSG("age", value=year, age=age, on=self.on.isoformat(), limit=MAX_AGE)
            raise PersonDataError(text, path="birth_year", value=year)

    def evaluate(self, inputs: Inputs, *, view: PersonCategories | None = None) -> tuple[Item, ...]:
        """Every entitlement and undetermined item for ``inputs``, in programme order.

        ``view`` is ``inputs.category_view()`` when the caller already has it. The items of
        the recorded ``levels`` programmes depend only on the categories, those of the
        recorded ``longevity`` programmes only on the birth, those of the recorded
        ``selected`` programmes only on the selections: each part's items are memoized,
        so a population pays once per distinct part, not once per distinct person.
        """
        if not inputs.present:
            return ()
        self._check_age(inputs)
        parts = self.parts
        found: list[tuple[int, Item]] = []
        for reads, programmes in self.groups:
            key = _part_key(reads, inputs)
            items = parts.get(key) if key is not None else None
            if items is None:
                if view is None:
                    view = inputs.category_view()
                items = _items(programmes, inputs, view)
                if key is not None:
                    parts[key] = items
            found.extend(items)
        if len(self.groups) > 1:
            found.sort(key=_first)
        result = tuple(item for _, item in found)
        return _raise_minimums(result, self.raised) if self.raised else result


def _part_key(reads: str, inputs: Inputs) -> object:
    """The part of ``inputs`` the programmes that read ``reads`` depend on (the key of
    their memoized items); ``None`` for programmes that read several parts (they memoize
    their own items)."""
    if reads == "categories":
        return (reads, inputs.categories)
    if reads == "birth":
        return (reads, inputs.birth_year, inputs.exact_age)
    if reads == "selections":
        return (reads, inputs.selections)
    return None


def _raise_minimums(
    items: tuple[Item, ...], raised: tuple[tuple[str, str], ...]
) -> tuple[Item, ...]:
    """One gift where a programme raises another's minimum: the higher (the raiser's on a tie)."""
    gifts = {item.programme: item for item in items if isinstance(item, Entitlement)}
    dropped: set[str] = set()
    for raiser, minimum in raised:
        high, low = gifts.get(raiser), gifts.get(minimum)
        if high is not None and low is not None:
            dropped.add(minimum if high.amount >= low.amount else raiser)
    return tuple(item for item in items if item.programme not in dropped)


def _items(
    programmes: tuple[tuple[int, _Programme], ...], inputs: Inputs, view: PersonCategories
) -> tuple[tuple[int, Item], ...]:
    """The items of ``programmes`` (each with its position) for ``inputs``."""
    found: list[tuple[int, Item]] = []
    for position, programme in programmes:
        for item in _evaluate(programme, inputs, view):
            found.append((position, item))
    return tuple(found)


def _first(pair: tuple[int, Item]) -> int:
    return pair[0]


def _reads(p: _Programme) -> str:
    """The part of the inputs a programme's item depends on ("other": several parts, as
    for a version with no recorded instrument or a residence condition; "none": nothing
    computed)."""
    if p.reads == "none":
        return "none"
    return p.reads if p.version.recorded and p.programme.residence is None else "other"


_PARTS = frozenset({"categories", "birth", "selections"})  # what a group may read alone
_PLANS: dict[int, tuple[Ruleset, dict[dt.date, Plan]]] = {}
_PLAN_LIMIT = 64


def plan_for(ruleset: Ruleset, *, on: dt.date | str) -> Plan:
    """The ruleset resolved on ``on`` (cached per ruleset object and date).

    ``on`` is a date, a datetime (its day) or an ISO string (``"2024-02-01"``); anything
    else is a :class:`~welfare_rules.errors.DateParseError`. Raises
    :class:`~welfare_rules.errors.RulesetPeriodError` when ``on`` is outside the
    ruleset's period: "nothing in force" would read as "no gift", which it is not.
    """
    on = _as_on(on)
    entry = _PLANS.get(id(ruleset))
    if entry is None or entry[0] is not ruleset:
        if len(_PLANS) >= _PLAN_LIMIT:
            _PLANS.clear()
        entry = (ruleset, {})
        _PLANS[id(ruleset)] = entry
    plan = entry[1].get(on)
    if plan is None:
        plan = _compile(ruleset, on)
        entry[1][on] = plan
    return plan


def _as_on(on: object) -> dt.date:
    if type(on) is dt.date:
        return on
    return as_date(on, iso_only=True)


def _compile(ruleset: Ruleset, on: dt.date) -> Plan:
    if not ruleset.applies_on(on):
        start, end = ruleset.period
        raise RulesetPeriodError(ruleset.id, on, start=start, end=end)
    programmes = tuple(_prepare(item, on) for item in ruleset.in_force(on=on))
    exact = any(p.kind.exact_age(p.programme) for p in programmes)
    selected = frozenset(p.programme.id for p in programmes if p.reads == "selections")
    relevant = frozenset(c for p in programmes if p.kind.computed for c in p.relevant)
    grouped: dict[str, list[tuple[int, _Programme]]] = {}
    for position, programme in enumerate(programmes):
        reads = _reads(programme)
        if reads != "none":
            grouped.setdefault(reads, []).append((position, programme))
    groups = tuple((reads, tuple(found)) for reads, found in grouped.items())
    known = frozenset(p.id for p in ruleset.all_programmes() if p.kind_spec.reads == "selections")
    in_force = {p.programme.id for p in programmes}
    raised = tuple(
        (p.programme.id, p.programme.raises)
        for p in programmes
        if p.programme.raises is not None and p.programme.raises in in_force
    )
    return Plan(
        ruleset,
        on,
        programmes,
        exact,
        selected,
        relevant,
        groups=groups,
        known_selections=known,
        raised=raised,
    )


def _key_categories(p: _Programme, inputs: Inputs) -> object:
    relevant = p.relevant
    return tuple(pair for pair in inputs.categories if pair[0] in relevant)


def _key_birth(p: _Programme, inputs: Inputs) -> object:
    if p.exact:
        return (inputs.birth_year, inputs.exact_age)
    return inputs.birth_year


def _key_selections(p: _Programme, inputs: Inputs) -> object:
    return p.programme.id in inputs.selections


def _gift_categories(p: _Programme, inputs: Inputs, view: PersonCategories) -> Item | None:
    return _levels(p, view)


def _gift_birth(p: _Programme, inputs: Inputs, view: PersonCategories) -> Item | None:
    return _longevity(p, inputs)


def _gift_selections(p: _Programme, inputs: Inputs, view: PersonCategories) -> Item | None:
    if p.programme.id not in inputs.selections:
        return None
    [fixed] = p.kind.priced(p.version)  # the one fixed amount
    return _gift(p, level=fixed.ident, amount=fixed.amount, in_kind=())


@dataclass(frozen=True, slots=True)
class Evaluation:
    """How the engine evaluates the programmes whose kind reads one part of a person:
    the memo key of that part, the item for a recorded version, and whether a version
    with no recorded instrument could concern the person."""

    key: Callable[[_Programme, Inputs], object]
    item: Callable[[_Programme, Inputs, PersonCategories], Item | None]
    unrecorded: Callable[[_Programme, Inputs, PersonCategories], bool]


def _concerns_categories(p: _Programme, inputs: Inputs, view: PersonCategories) -> bool:
    return not (p.scope and evaluate_any(p.scope, view) is False)


def _concerns_birth(p: _Programme, inputs: Inputs, view: PersonCategories) -> bool:
    year = inputs.birth_year
    if year is None:
        return True
    age = calendar_year_age(year, year=p.on.year)
    brackets = [b for v in p.programme.versions for b in v.brackets]
    return any(b.covers(age) or b.covers(age - 1) for b in brackets)


def _concerns_selections(p: _Programme, inputs: Inputs, view: PersonCategories) -> bool:
    return p.programme.id in inputs.selections


# One evaluation per part of a person a kind's gift can read (``Kind.reads``); "none"
# (socialized gifts) has none: nothing is computed.
EVALUATIONS: Mapping[Reads, Evaluation | None] = {
    "categories": Evaluation(_key_categories, _gift_categories, _concerns_categories),
    "birth": Evaluation(_key_birth, _gift_birth, _concerns_birth),
    "selections": Evaluation(_key_selections, _gift_selections, _concerns_selections),
    "none": None,
}


def _evaluate(p: _Programme, inputs: Inputs, view: PersonCategories) -> tuple[Item, ...]:
    """The programme's items for these inputs, memoized on the inputs it reads: its gift
    (or undetermined item) and the extra gifts, if any."""
    evaluation = p.evaluation
    if evaluation is None:
        return ()  # reported, not computed
    key: object
    if p.plain:
        key = evaluation.key(p, inputs)
    else:
        if not p.version.recorded:
            held = _key_categories(p, inputs)
            key = (held, inputs.birth_year, p.programme.id in inputs.selections)
        else:
            key = evaluation.key(p, inputs)
        if p.programme.residence is not None:
            key = (key, inputs.residence, inputs.residence_months)
    found = p.results.get(key)
    if found is None:
        found = p.results[key] = _compute(p, evaluation, inputs, view)
    return found


def _compute(
    p: _Programme, evaluation: Evaluation, inputs: Inputs, view: PersonCategories
) -> tuple[Item, ...]:
    if not p.version.recorded:
        item = _unrecorded(p, evaluation, inputs, view)
    else:
        item = evaluation.item(p, inputs, view)
    if item is None:
        return ()
    if p.plain and not p.programme.extra_gifts:
        return (item,)
    residence = p.programme.residence
    if residence is not None:
        admitted = residence.admits(inputs.residence, inputs.residence_months)
        if admitted is False:
            return ()
        if admitted is None:
            missing = ("residence",) if inputs.residence is None else ("residence_months",)
            options: tuple[Level | Bracket, ...] = (*p.version.levels, *p.version.brackets)
            if isinstance(item, Entitlement):
                options = tuple(o for o in options if o.id == item.level) or options
            undetermined = _undetermined(
                p, options=options, may_be_nothing=True, missing=missing, cause="missing_input"
            )
            return (undetermined,)
    if p.programme.extra_gifts and isinstance(item, Entitlement):
        return (item, *_extras(p, item, view))
    return (item,)


def _extras(p: _Programme, main: Entitlement, view: PersonCategories) -> tuple[Item, ...]:
    """The programme's extra gifts for a person whose gift is ``main`` (see ExtraGift)."""
    found: list[Item] = []
    for extra in p.programme.extra_gifts:
        level = p.version.find_level(extra.level)
        if level is None:  # pragma: no cover - the model checks every recorded version
            continue
        category = extra.rule.category or ""
        via = main.rule is not None and category in _can_match(p, main.rule)
        if extra.kind == "representative":
            if via:
                continue
            holds = extra.rule.evaluate(view)
            count = 0 if holds is False else 1
        else:
            if not via:
                continue
            holds = extra.rule.evaluate(view)
            martyrs = view.get(category, {}).get("martyrs")
            if holds is True and martyrs is None:
                holds = None
            count = max(int(martyrs or 1) - 1, 0)
        if holds is None:
            missing = extra.rule.missing(view) or (f"{category}.martyrs",)
            found.append(
                _undetermined(
                    p, options=(level,), may_be_nothing=True, missing=missing, cause="missing_input"
                )
            )
        elif count:
            gift = _gift(
                p,
                level=level.id,
                amount=level.amount,
                in_kind=level.in_kind,
                item=level,
                rule=extra.rule,
                extra=extra,
            )
            found.extend([gift] * count)
    return tuple(found)


def _confirmed(
    p: _Programme,
    item: Level | Bracket | None,
    rule: Rule | None,
    extra: ExtraGift | None = None,
) -> bool:
    basis = p.programme.basis_of(p.version, item)
    if basis is not None and not basis.confirmed:
        return False
    if extra is not None and not (extra.basis is None or extra.basis.confirmed):
        return False
    parts = (p.version, item, rule, extra)
    return all(part.confirmed for part in parts if part is not None)


def _bases(
    p: _Programme, item: Level | Bracket | None, extra: ExtraGift | None = None
) -> tuple[LegalBasis, ...]:
    if extra is not None and extra.basis is not None:
        return (extra.basis, *(b for b in _bases(p, item) if b != extra.basis))
    first = p.programme.basis_of(p.version, item)
    standing = p.programme.basis
    if first is None:
        return () if standing is None else (standing,)
    if standing is not None and standing is not first and standing != first:
        return (first, standing)
    return (first,)


def _gift(
    p: _Programme,
    *,
    level: str,
    amount: int,
    in_kind: tuple[InKind, ...],
    item: Level | Bracket | None = None,
    rule: Rule | None = None,
    age: int | None = None,
    birth_year: int | None = None,
    extra: ExtraGift | None = None,
) -> Entitlement:
    key = ("gift", level, id(rule), age, birth_year, extra.id if extra else None)
    found = p.memo.get(key)
    if isinstance(found, Entitlement):
        return found
    programme = p.programme
    gift = Entitlement(
        ruleset=p.ruleset,
        programme=programme.id,
        title=programme.title,
        kind=programme.kind,
        source=programme.payer_of(p.version),
        level=level,
        amount=amount,
        in_kind=in_kind,
        bases=_bases(p, item, extra),
        confirmed=_confirmed(p, item, rule, extra),
        on=p.on,
        rule=rule,
        age=age,
        birth_year=birth_year,
        exact_age=programme.age_basis == "exact",
        selection=programme.selection,
        extra=extra.id if extra is not None else None,
    )
    p.memo[key] = gift
    return gift


def _undetermined(
    p: _Programme,
    *,
    options: tuple[Level | Bracket, ...],
    may_be_nothing: bool,
    missing: tuple[str, ...],
    cause: UndeterminedCause,
) -> Undetermined:
    key = ("undetermined", tuple(o.id for o in options), may_be_nothing, missing, cause)
    found = p.memo.get(key)
    if isinstance(found, Undetermined):
        return found
    programme = p.programme
    notes = [o.note for o in (*options, p.version) if note_text(o.note, lang="en").strip()]
    result = Undetermined(
        ruleset=p.ruleset,
        programme=programme.id,
        title=programme.title,
        kind=programme.kind,
        source=programme.payer_of(p.version),
        possible=tuple(o.id for o in options),
        amounts=tuple(o.amount for o in options),
        may_be_nothing=may_be_nothing,
        missing=missing,
        cause=cause,
        on=p.on,
        note=notes[0] if notes else "",
    )
    p.memo[key] = result
    return result


def _level_status(
    entry: _Level,
    view: PersonCategories,
    missing: dict[str, None],
    matches: Mapping[int, frozenset[str]],
) -> Rule | bool:
    """The first rule of the level that holds; else ``True`` if one may hold, else ``False``."""
    candidates: list[tuple[int, Rule]] = []
    for category in view:
        candidates.extend(entry.by_category.get(category, ()))
    maybe = False
    for _, rule in sorted(candidates, key=_first_of):
        value = _holds(matches, rule, view)
        if value:
            return rule
        if value is None:
            maybe = True
            missing.update(dict.fromkeys(rule.missing(view)))
    return maybe


def _first_of(pair: tuple[int, Rule]) -> int:
    return pair[0]


def _can_match(p: _Programme, rule: Rule) -> frozenset[str]:
    """The categories ``rule`` can match (decided when the plan was built)."""
    found = p.matches.get(id(rule))
    return frozenset(rule.categories) if found is None else found


def _holds(
    matches: Mapping[int, frozenset[str]], rule: Rule, view: PersonCategories
) -> bool | None:
    """:meth:`Rule.evaluate`, a group rule (no ``category``) answered from the categories it
    can match, decided when the plan was built."""
    if rule.category is None:
        found = matches.get(id(rule))
        if found is not None:
            return not found.isdisjoint(view)
    return rule.evaluate(view)


def _any_holds(p: _Programme, rules: tuple[Rule, ...], view: PersonCategories) -> bool | None:
    """:func:`~welfare_rules.rules.model.evaluate_any` with :func:`_holds`."""
    result: bool | None = False
    for rule in rules:
        value = _holds(p.matches, rule, view)
        if value:
            return True
        if value is None:
            result = None
    return result


def _levels(p: _Programme, view: PersonCategories) -> Item | None:
    scope: bool | None = True
    if p.programme.covers:
        if p.covers.isdisjoint(view):
            return None
        scope = _any_holds(p, p.programme.covers, view)
        if scope is False:
            return None
    if not p.unstated and p.tested.isdisjoint(view):
        return None
    unknown: list[Level] = []
    missing: dict[str, None] = {}
    for entry in p.levels:
        level = entry.level
        if not level.rules_stated:
            unknown.append(level)
            continue
        status = _level_status(entry, view, missing, p.matches)
        if isinstance(status, Rule):
            if not unknown:
                return _gift(
                    p,
                    level=level.id,
                    amount=level.amount,
                    in_kind=level.in_kind,
                    item=level,
                    rule=status,
                )
            return _undetermined(
                p,
                options=(*unknown, level),
                may_be_nothing=False,
                missing=tuple(missing),
                cause="missing_input" if missing else "rules_not_stated",
            )
        if status:
            unknown.append(level)
    if not unknown:
        return None
    if scope is None:
        for rule in p.programme.covers:
            missing.update(dict.fromkeys(rule.missing(view)))
    return _undetermined(
        p,
        options=tuple(unknown),
        may_be_nothing=True,
        missing=tuple(missing),
        cause="missing_input" if missing else "rules_not_stated",
    )


def _ages(p: _Programme, inputs: Inputs) -> tuple[tuple[int, ...], tuple[str, ...]]:
    """The ages a person may have by the programme's age basis (none when unknown), and
    the input that would decide them."""
    year = inputs.birth_year
    if p.exact:
        if inputs.exact_age is not None:
            return (inputs.exact_age,), ("birth_date",)
        if year is not None:
            return possible_exact_ages(year, on=p.on), ("birth_date",)
        return (), ("birth_date",)
    if year is None:
        return (), ("birth_year",)
    return (calendar_year_age(year, year=p.on.year),), ("birth_year",)


def _no_bracket(p: _Programme, inputs: Inputs) -> bool:
    """Whether :func:`_longevity` gives nothing: every age the person may have is in no
    bracket (an unknown age is undetermined, not nothing)."""
    ages, _ = _ages(p, inputs)
    return bool(ages) and all(p.bracket_for(age) is None for age in ages)


def _bracket_gift(
    p: _Programme, bracket: Bracket | None, age: int, year: int | None
) -> Item | None:
    """The gift of ``bracket`` at ``age`` (``None``: no bracket, no gift)."""
    if bracket is None:
        return None
    return _gift(
        p,
        level=bracket.id,
        amount=bracket.amount,
        in_kind=bracket.in_kind,
        item=bracket,
        age=age,
        birth_year=year,
    )


def _longevity(p: _Programme, inputs: Inputs) -> Item | None:
    version = p.version
    year = inputs.birth_year
    ages, missing = _ages(p, inputs)
    if len(ages) == 1:  # one age: its bracket, or nothing
        return _bracket_gift(p, p.bracket_for(ages[0]), ages[0], year)
    if not ages:
        return _undetermined(
            p,
            options=version.brackets,
            may_be_nothing=True,
            missing=missing,
            cause="missing_input",
        )
    found = {p.bracket_for(age) for age in ages}
    if len(found) == 1:  # every possible age in one bracket (or in none)
        return _bracket_gift(p, found.pop(), ages[0], year)
    options = tuple(b for b in version.brackets if b in found)
    return _undetermined(
        p,
        options=options,
        may_be_nothing=None in found,
        missing=missing,
        cause="missing_input",
    )


def _unrecorded(
    p: _Programme, evaluation: Evaluation, inputs: Inputs, view: PersonCategories
) -> Item | None:
    """A version with no recorded instrument: undetermined for whoever it could concern."""
    if not evaluation.unrecorded(p, inputs, view):
        return None
    return _undetermined(p, options=(), may_be_nothing=True, missing=(), cause="not_recorded")


def _resolve(ruleset: Ruleset | str) -> Ruleset:
    if isinstance(ruleset, str):
        from ..rules.load import load_ruleset

        return load_ruleset(ruleset)
    return ruleset


def entitlements(
    person: Person | Mapping[str, Any], ruleset: Ruleset | str, *, on: dt.date | str
) -> list[Item]:
    """What ``person`` receives under ``ruleset`` on ``on``: one item per programme that applies.

    ``person`` may be a :class:`Person` or a plain dict (validated; errors are
    :class:`~welfare_rules.errors.PersonDataError`); ``ruleset`` a :class:`Ruleset` or a
    bundled id. Items are :class:`Entitlement` (a gift) or :class:`Undetermined` (an
    input or a rule that decides the result is missing). ``on`` is a date, a datetime or
    an ISO string; a bad value is a :class:`~welfare_rules.errors.DateParseError`.

    >>> from welfare_rules.rules import load_ruleset
    >>> ruleset = load_ruleset("uong-bi-tet-2024")
    >>> [gift] = entitlements({"birth_year": 1954}, ruleset, on=dt.date(2024, 2, 1))
    >>> gift.programme, gift.amount, gift.source.value
    ('commune-longevity', 700000, 'commune')
    """
    if not isinstance(person, Person):
        person = Person.from_dict(person)
    plan = plan_for(_resolve(ruleset), on=on)
    return list(plan.evaluate(plan.inputs(person, strict=True), view=person.rule_view()))


__all__ = [
    "EVALUATIONS",
    "MAX_AGE",
    "Evaluation",
    "HeldCategories",
    "Inputs",
    "Plan",
    "entitlements",
    "exact_age_on",
    "plan_for",
]
