"""The inputs of a grouped key, built from its parts (birth, death, categories, selections).

A grouped population has a few thousand distinct keys but far fewer distinct *parts*: a
few hundred birth tokens, a few dozen category sets. :class:`KeyInputs` validates and
converts each distinct part once (a :class:`Person` built from that part alone, so the
same checks apply) and assembles each key's :class:`Inputs` from the cached parts. Every
check of a full record lies within one part (birth date against birth year, poor against
near-poor), so the parts pass exactly when the whole record does; when a part fails, the
key is rebuilt the old way (:meth:`Grouped.person`), which raises the error naming the row.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..dates import age_on
from ..errors import PersonDataError
from ._columns import CONVERTERS, Grouped, attribute_converter
from .engine import HeldCategories, Inputs, Plan
from .person import Person, plain_rule_view

_DEAD = Inputs(None, None, False, (), frozenset())  # what the rules read of the dead

Birth = tuple[int | None, int | None, bool]  # year, exact age, born by the date


def inputs_of_person(grouped: Grouped, plan: Plan, key: tuple[object, ...]) -> Inputs:
    """The inputs of the key's whole :class:`Person`, strictly: a selection id the
    ruleset lacks is an error naming the key's first row (``[3].selections``)."""
    person = grouped.person(key)
    try:
        return plan.inputs(person, strict=True)
    except PersonDataError as exc:
        row = grouped.first(key)
        path = f"[{row}].{exc.path}" if exc.path else f"[{row}]"
        raise PersonDataError(exc.reason, path=path, value=exc.value) from None


class KeyInputs:
    """``key -> Inputs`` for the keys of one :class:`Grouped` under one :class:`Plan`."""

    def __init__(self, grouped: Grouped, plan: Plan) -> None:
        self.grouped = grouped
        self.plan = plan
        where = {name: index for index, name in enumerate(grouped.names)}
        self.died = where.get("died")
        self.birth = (where.get("birth_token"), where.get("birth_year"))
        self.view = tuple(
            (name, where[name])
            for name in ("categories", "poor", "near_poor", "details")
            if name in where
        )
        self.selections = where.get("selections")
        self.births: dict[tuple[object, object], Birth] = {}
        self.views: dict[tuple[object, ...], HeldCategories] = {}
        self.chosen: dict[object, frozenset[str]] = {}

    def __call__(self, key: tuple[object, ...]) -> Inputs:
        if self.died is not None and key[self.died]:
            return _DEAD
        try:
            return self._assemble(key)
        except (ValueError, TypeError, PersonDataError):
            # Rebuild the record whole: raises the error that names the row and column.
            return inputs_of_person(self.grouped, self.plan, key)

    def parts(self, key: tuple[object, ...]) -> tuple[Birth, HeldCategories, frozenset[str]] | None:
        """The key's parts as :meth:`__call__` assembles them (``None`` for a person who
        died before the date, whose other cells are not read). Raises on a part that does
        not validate: the caller then goes the way of :meth:`__call__`, whose error names
        the row."""
        if self.died is not None and key[self.died]:
            return None
        return self._parts(key)

    def birth_of(self, token: object, raw_year: object) -> Birth:
        """The birth part of a birth token and a raw birth-year cell (validated, cached)."""
        part = (token, raw_year)
        birth = self.births.get(part)
        if birth is None:
            birth = self.births[part] = self._birth(token, raw_year)
        return birth

    def categories_of(self, part: tuple[object, ...]) -> HeldCategories:
        """The categories part of the raw cells of the columns of :attr:`view`, in order
        (validated, cached)."""
        categories = self.views.get(part)
        if categories is None:
            categories = self.views[part] = self._categories(part)
        return categories

    def selections_of(self, raw: object) -> frozenset[str]:
        """The selections part of a raw selections cell (validated, cached)."""
        found = self.chosen.get(raw)
        if found is None:
            found = self.chosen[raw] = self._selections(raw)
        return found

    def _assemble(self, key: tuple[object, ...]) -> Inputs:
        birth, categories, selections = self._parts(key)
        year, exact, born = birth
        return Inputs(year, exact, born, categories, selections)

    def _parts(self, key: tuple[object, ...]) -> tuple[Birth, HeldCategories, frozenset[str]]:
        token_at, year_at = self.birth
        birth_part = (
            None if token_at is None else key[token_at],
            None if year_at is None else key[year_at],
        )
        birth = self.births.get(birth_part)
        if birth is None:
            birth = self.births[birth_part] = self._birth(*birth_part)
        view_part = tuple(key[index] for _, index in self.view)
        categories = self.views.get(view_part)
        if categories is None:
            categories = self.views[view_part] = self._categories(view_part)
        selections: frozenset[str] = frozenset()
        if self.selections is not None:
            raw = key[self.selections]
            found = self.chosen.get(raw)
            if found is None:
                found = self.chosen[raw] = self._selections(raw)
            selections = found
        return birth, categories, selections

    def _birth(self, token: object, raw_year: object) -> Birth:
        data: dict[str, Any] = {}
        if token is not None:
            data["birth_date"] = self.grouped.dates[token]
        year = CONVERTERS["birth_year"](raw_year)
        birth: dt.date | None
        if year is None and type(data.get("birth_date", dt.date.min)) is dt.date:
            # A date alone, or nothing: no check of a Person can fail, none is built.
            birth = data.get("birth_date")
            year_of_birth = None if birth is None else birth.year
        else:
            if year is not None:
                data["birth_year"] = year
            person = Person.from_dict(data)
            birth, year_of_birth = person.birth_date, person.year_of_birth
        on = self.plan.on
        exact = age_on(birth, on) if birth is not None else None
        born = not (
            (exact is not None and exact < 0)
            or (year_of_birth is not None and year_of_birth > on.year)
        )
        return year_of_birth, exact, born

    def _categories(self, part: tuple[object, ...]) -> HeldCategories:
        data: dict[str, Any] = {}
        chosen: dict[str, dict[str, object]] = {}
        for (name, _), raw in zip(self.view, part, strict=True):
            if name == "details":
                if isinstance(raw, tuple):
                    for column, cell in zip(self.grouped.attributes, raw, strict=True):
                        if cell is None:  # a blank cell: every converter gives None
                            continue
                        value = attribute_converter(column)(cell)
                        if value is not None:
                            category, attribute = column.split(".", 1)
                            chosen.setdefault(category, {})[attribute] = value
                continue
            value = CONVERTERS[name](raw)
            if name == "categories":
                data["categories"] = list(value) if isinstance(value, tuple) else []
            else:
                data[name] = bool(value)
        names = data.get("categories", [])
        data["categories"] = {str(c): chosen.get(str(c), {}) for c in names}
        view = plain_rule_view(data)
        if view is None:  # Person judges it (and names what is wrong)
            view = Person.from_dict(data).rule_view()
        return tuple(sorted((name, tuple(sorted(attrs.items()))) for name, attrs in view.items()))

    def _selections(self, raw: object) -> frozenset[str]:
        value = CONVERTERS["selections"](raw)
        ids = frozenset(value) if isinstance(value, tuple) else frozenset()
        person = Person.from_dict({"selections": ids})
        return self.plan.check_selections(person.selections) if person.selections else frozenset()
