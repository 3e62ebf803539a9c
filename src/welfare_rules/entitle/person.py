"""The person record the entitlement engines read: birth, death, categories, household, selections.

A :class:`Person` is built from keywords, a plain dict (:meth:`Person.from_dict`) or JSON
(:meth:`Person.from_json`); every way raises :class:`~welfare_rules.errors.PersonDataError`
naming the field (``categories.war_invalid.injury_rate``) on bad data.

>>> Person(birth_year=1954).birth_year
1954
>>> Person.from_dict({"categories": {"war_invalid": {"injury_rate": 81}}}).categories
{'war_invalid': {'injury_rate': 81}}
>>> Person.from_dict({"categories": ["heroic_mother"]}).categories
{'heroic_mother': {}}
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    Strict,
    StrictBool,
    StrictInt,
    ValidationError,
    field_validator,
    model_validator,
)

from .. import _limits
from .._i18n import Catalog, Text
from .._types import InvalidFieldError
from .._validation import ExplainedError, explain, independent
from ..dates import as_date
from ..errors import DateParseError, PersonDataError, WelfareRulesError, quote
from ..rules.categories import CATEGORIES, AttributeValue

Year = Annotated[int, Strict(), Field(ge=1800, le=2200)]
Attributes = dict[str, StrictBool | StrictInt]

_MSG = Catalog(
    "entitle.person",
    {
        "category": Text(
            vi="đối tượng không có trong danh mục: {value!r}",
            en="unknown beneficiary category: {value!r}",
        ),
        "attribute": Text(
            vi="đối tượng {category!r} không có thuộc tính {value!r} (có: {known})",
            en="category {category!r} has no attribute {value!r} (known: {known})",
        ),
        "attribute_value": Text(
            vi="thuộc tính {name!r} cần giá trị kiểu {kind}, không phải {value}",
            en="attribute {name!r} needs a value of type {kind}, not {value}",
        ),
        "birth_mismatch": Text(
            vi="năm sinh {year} khác năm của ngày sinh {date}",
            en="birth year {year} differs from the year of the birth date {date}",
        ),
        "death_before_birth": Text(
            vi="ngày mất {death} trước ngày sinh {birth}",
            en="date of death {death} is before the birth {birth}",
        ),
        "death_before_birth_year": Text(
            vi="ngày mất {death} trước năm sinh {year}",
            en="date of death {death} is before the birth year {year}",
        ),
        "residence_months": Text(
            vi="residence_months chỉ dùng khi residence = 'temporary'",
            en="residence_months goes with residence = 'temporary' only",
        ),
        "both_households": Text(
            vi="một hộ không thể vừa nghèo (poor) vừa cận nghèo (near_poor)",
            en="a household cannot be both poor and near-poor",
        ),
        "date": Text(
            vi="cần một ngày dạng YYYY-MM-DD, không phải {value}",
            en="expected a date as YYYY-MM-DD, not {value}",
        ),
        "json": Text(vi="JSON không hợp lệ: {detail}", en="invalid JSON: {detail}"),
        "object": Text(
            vi="cần một đối tượng JSON (dict), không phải {kind}",
            en="expected a JSON object (dict), not {kind}",
        ),
        "extra": Text(
            vi="trường không có trong hồ sơ đối tượng (có: {known})",
            en="not a field of a person record (known: {known})",
        ),
        "type": Text(
            vi="kiểu giá trị không đúng ({expected}): {value}",
            en="wrong type of value ({expected}): {value}",
        ),
        "bool": Text(
            vi="cần true hoặc false, không phải {value}", en="expected true or false, not {value}"
        ),
        "too_small": Text(
            vi="giá trị {value} nhỏ hơn mức tối thiểu {limit}",
            en="{value} is below the minimum {limit}",
        ),
        "too_large": Text(
            vi="giá trị {value} lớn hơn mức tối đa {limit}",
            en="{value} is above the maximum {limit}",
        ),
    },
)


def _check_categories(value: Mapping[str, Mapping[str, object]]) -> None:
    for category_id, attributes in value.items():
        category = CATEGORIES.get(category_id)
        if category is None:
            raise InvalidFieldError(_MSG("category", value=category_id), at=category_id)
        for name, actual in attributes.items():
            spec = category.attributes.get(name)
            if spec is None:
                known = ", ".join(category.attributes) or "-"
                text = _MSG("attribute", category=category_id, value=name, known=known)
                raise InvalidFieldError(text, at=f"{category_id}.{name}")
            if not spec.accepts(actual):
                text = _MSG("attribute_value", name=name, kind=spec.describe(), value=quote(actual))
                raise InvalidFieldError(text, at=f"{category_id}.{name}")


class Person(BaseModel):
    """One person as the gift rules see them.

    ``birth_date`` or only ``birth_year`` (both: they must agree); ``death_date`` if the
    person has died; ``categories`` maps each beneficiary category (đối tượng) of the
    vocabulary (:data:`~welfare_rules.rules.categories.CATEGORIES`) to its known attributes,
    e.g. ``{"war_invalid": {"injury_rate": 81}}`` (a list of ids means no attribute is
    known); ``poor`` / ``near_poor`` are the household flags (hộ nghèo / hộ cận nghèo);
    ``commune`` the commune or ward (xã/phường); ``selections`` the ids of the *selected*
    programmes the person was chosen for; ``residence`` ``"permanent"`` or
    ``"temporary"`` (thường trú / tạm trú) and, for a temporary resident,
    ``residence_months``. An attribute left out is *unknown*, never
    false or zero.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str | None = None  # mã hồ sơ
    birth_date: dt.date | None = None  # ngày sinh
    birth_year: Year | None = None  # năm sinh
    death_date: dt.date | None = None  # ngày mất
    categories: dict[str, Attributes] = Field(default_factory=dict)  # đối tượng
    poor: Annotated[bool, Strict()] = False  # hộ nghèo
    near_poor: Annotated[bool, Strict()] = False  # hộ cận nghèo
    commune: str | None = None  # xã / phường
    selections: frozenset[str] = frozenset()  # được lựa chọn
    residence: Literal["permanent", "temporary"] | None = None  # thường trú / tạm trú
    residence_months: Annotated[int, Strict(), Field(ge=0, le=2400)] | None = None  # tháng tạm trú

    def __init__(self, **data: Any) -> None:
        # Keyword construction raises PersonDataError; ``model_validate`` (which runs this
        # inside pydantic) reports it wrapped in a ValidationError.
        try:
            super().__init__(**data)
        except ValidationError as exc:
            raise _person_error(exc) from exc

    @field_validator("birth_date", "death_date", mode="before")
    @classmethod
    def _date(cls, value: Any) -> Any:
        if value is None:
            return value
        try:
            return as_date(value, iso_only=True)
        except DateParseError:
            raise InvalidFieldError(_MSG("date", value=quote(value))) from None

    @field_validator("categories", mode="before")
    @classmethod
    def _categories(cls, value: Any) -> Any:
        if isinstance(value, list | tuple | set | frozenset):
            return {str(item): {} for item in value}
        return value

    @field_validator("categories", mode="after")
    @classmethod
    def _known_categories(cls, value: dict[str, Attributes]) -> dict[str, Attributes]:
        _check_categories(value)
        return value

    @field_validator("selections", mode="before")
    @classmethod
    def _selections(cls, value: Any) -> Any:
        if isinstance(value, str):
            return frozenset(part.strip() for part in value.split(";") if part.strip())
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Person:
        birth, year, death = self.birth_date, self.birth_year, self.death_date
        if birth is not None and year is not None and birth.year != year:
            raise InvalidFieldError(_MSG("birth_mismatch", year=year, date=birth), at="birth_year")
        if death is not None and birth is not None and death < birth:
            raise InvalidFieldError(
                _MSG("death_before_birth", death=death, birth=birth), at="death_date"
            )
        if death is not None and year is not None and death.year < year:
            raise InvalidFieldError(
                _MSG("death_before_birth_year", death=death, year=year), at="death_date"
            )
        if self.residence_months is not None and self.residence != "temporary":
            raise InvalidFieldError(_MSG("residence_months"), at="residence_months")
        if self.poor and self.near_poor:
            raise InvalidFieldError(_MSG("both_households"), at="near_poor")
        return self

    @property
    def year_of_birth(self) -> int | None:
        """``birth_year``, or the year of ``birth_date``; ``None`` when neither is known."""
        if self.birth_date is not None:
            return self.birth_date.year
        return self.birth_year

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Person:
        """A person from a plain mapping (keys as the fields), or :class:`PersonDataError`."""
        if not isinstance(data, Mapping):
            raise PersonDataError(_MSG("object", kind=type(data).__name__), value=data)
        bad = next((key for key in data if not isinstance(key, str)), None)
        if bad is not None:
            raise PersonDataError(_MSG("extra", known=_KNOWN_FIELDS), path=repr(bad), value=bad)
        return cls(**data)

    @classmethod
    def from_json(cls, text: str | bytes) -> Person:
        """A person from a JSON object, or :class:`PersonDataError`."""
        data = load_json(text)
        return cls.from_dict(data)

    def rule_view(self) -> dict[str, Mapping[str, AttributeValue]]:
        """The categories as rules test them: ``categories`` plus the household flags."""
        view: dict[str, Mapping[str, AttributeValue]] = dict(self.categories)
        if self.poor:
            view.setdefault("poor_household", {})
        if self.near_poor:
            view.setdefault("near_poor_household", {})
        return view


def plain_rule_view(data: Mapping[str, Any]) -> dict[str, Mapping[str, AttributeValue]] | None:
    """``Person.from_dict(data).rule_view()`` without pydantic, for ``data`` that holds
    only ``categories`` (a dict of known category ids to dicts of their known attributes),
    ``poor`` and ``near_poor``, whose values are plain ``bool`` and ``int`` that pass
    every check of :class:`Person`; ``None`` for anything else (``Person`` then judges
    it, and names what is wrong). A frame's category parts are this simple: it builds
    their view at a fraction of a validated record's cost."""
    if not data.keys() <= _PLAIN_FIELDS:
        return None
    categories = data.get("categories", {})
    poor, near_poor = data.get("poor", False), data.get("near_poor", False)
    if type(poor) is not bool or type(near_poor) is not bool or (poor and near_poor):
        return None
    if type(categories) is not dict:
        return None
    for category, attributes in categories.items():
        if type(category) is not str or type(attributes) is not dict:
            return None
        for name, value in attributes.items():
            if type(name) is not str or type(value) not in (bool, int):
                return None
    try:
        _check_categories(categories)
    except InvalidFieldError:
        return None
    view: dict[str, Mapping[str, AttributeValue]] = {
        category: dict(attributes) for category, attributes in categories.items()
    }
    if poor:
        view.setdefault("poor_household", {})
    if near_poor:
        view.setdefault("near_poor_household", {})
    return view


_PLAIN_FIELDS = frozenset({"categories", "poor", "near_poor"})


def load_json(text: str | bytes) -> Any:
    """Parsed JSON, or :class:`PersonDataError` saying where it is malformed.

    Read within the limits of :func:`welfare_rules._limits.load_json` (nesting depth,
    digits of an integer; lone surrogates become U+FFFD), so no text raises anything
    but :class:`PersonDataError`:

    >>> load_json("[" * 100_000)
    Traceback (most recent call last):
    ...
    welfare_rules.errors.PersonDataError: invalid person record: line 1: JSON nested 101 ...
    """
    try:
        return _limits.load_json(text)
    except WelfareRulesError as exc:  # NestingDepthError, InputSizeError: bilingual already
        raise PersonDataError(exc.text) from exc
    except ValueError as exc:  # JSONDecodeError, UnicodeDecodeError
        raise PersonDataError(_MSG("json", detail=str(exc))) from exc


def people_from_json(text: str | bytes) -> list[Person]:
    """One person (a JSON object) or several (a JSON list of objects); errors name the index."""
    data = load_json(text)
    if isinstance(data, list):
        people = []
        for index, item in enumerate(data):
            try:
                people.append(Person.from_dict(item))
            except PersonDataError as exc:
                path = f"[{index}].{exc.path}" if exc.path else f"[{index}]"
                raise PersonDataError(exc.reason, path=path, value=exc.value) from exc
        return people
    return [Person.from_dict(data)]


_KNOWN_FIELDS = ", ".join(Person.model_fields)


def _person_error(exc: ValidationError) -> PersonDataError:
    """The first error of ``exc`` as a bilingual :class:`PersonDataError` with its key path.

    :func:`~welfare_rules._validation.explain` gives the path (union branch tags left out)
    and the reason (a float is never a whole number; a validator's own reason and the path
    below the field); a person record adds the known fields to an unknown one, the type an
    attribute needs, and the bounds of a value out of range.
    """
    error = independent(exc.errors(include_url=False))[0]
    path, reason, value = explain(error)
    if isinstance((error.get("ctx") or {}).get("error"), ExplainedError):
        return PersonDataError(reason, path=path, value=value)
    kind = error["type"]
    loc = error["loc"]
    if kind == "extra_forbidden":
        # The raw location: a field named like a union tag ("int") keeps its name.
        path = ".".join(str(part) for part in loc)
        reason = _MSG("extra", known=_KNOWN_FIELDS)
    elif kind in _RANGE:
        limit = (error.get("ctx") or {}).get(_RANGE[kind])
        key = "too_small" if kind.startswith("greater") else "too_large"
        reason = _MSG(key, value=quote(value), limit=limit)
    elif len(loc) >= 3 and loc[0] == "categories":
        # An attribute value that is neither a bool nor an int (pydantic tried both): the
        # category and attribute checked first, then the type the attribute needs; a float
        # for a whole-number attribute keeps explain's reason.
        category, name = str(loc[1]), str(loc[2])
        known = CATEGORIES.get(category)
        spec = None if known is None else known.attributes.get(name)
        if not (isinstance(value, float) and spec is not None and spec.kind != "bool"):
            try:
                _check_categories({category: {name: value}})
            except InvalidFieldError as cause:
                path, reason = f"categories.{cause.at}", cause.text
    elif isinstance(value, float) and kind.startswith("bool"):
        reason = _MSG("bool", value=quote(value))
    elif kind.endswith(("_type", "_parsing")) and kind not in _WHOLE_OR_BOOL:
        expected = kind.removesuffix("_type").removesuffix("_parsing")
        reason = _MSG("type", expected=expected, value=quote(value))
    return PersonDataError(reason, path=path, value=value)


_RANGE = {
    "greater_than_equal": "ge",
    "greater_than": "gt",
    "less_than_equal": "le",
    "less_than": "lt",
}
_WHOLE_OR_BOOL = frozenset(
    {"int_type", "int_parsing", "int_from_float", "bool_type", "bool_parsing"}
)


__all__ = ["Person", "load_json", "people_from_json", "plain_rule_view"]
