"""Reforms as data: changes to levels, brackets, quotas and eligibility, applied to a ruleset.

A :class:`Reform` addresses what it changes by programme id and by level (amount or
id) or bracket (id or an age it covers), as :mod:`welfare_rules.rules` makes them
addressable. :func:`apply_reform` (``ruleset.with_reform(reform)``) checks every change
against the ruleset first and raises :class:`~welfare_rules.errors.ReformError` naming
the first unknown programme, level or bracket, or bad value, before anything changes;
it returns a new ruleset and leaves the original untouched.

Which versions change: with ``on=date``, only the version of each addressed programme
in force on that date; without a date, every recorded version of the programme, and the
addressed level or bracket must exist in each of them. Level and bracket ids are
stable: the ``"500000"`` level keeps its id when its amount becomes 600.000đ.
"""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from collections.abc import Callable, Mapping
from functools import partial
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, Field, Strict, ValidationError

from .._i18n import Catalog, Text
from .._limits import check_depth, load_toml, read_bytes
from .._types import VND, Count, FileModel
from .._validation import first_problem
from ..errors import InputLimitError, NestingDepthError, ReformError, quote
from ..rules._base import Age
from ..rules.kinds import Change, kinds_with
from ..rules.model import Bracket, Label, Level, Programme, ProgrammeVersion, Rule, Ruleset

_M = TypeVar("_M", bound=BaseModel)
LevelKey = Annotated[int, Strict()] | str  # an amount (int) or a level id (str)
BracketKey = Annotated[int, Strict()] | str  # an age the bracket covers (int) or its id

_MSG = Catalog(
    "scenario.reform",
    {
        "programme": Text(
            vi="không có chương trình {value!r} trong bộ quy định {ruleset!r} (có: {known})",
            en="no programme {value!r} in ruleset {ruleset!r} (known: {known})",
        ),
        "level": Text(
            vi="chương trình {programme!r}, phiên bản {version}: không có mức {value!r} "
            "(có: {known})",
            en="programme {programme!r}, version {version}: no level {value!r} (known: {known})",
        ),
        "bracket": Text(
            vi="chương trình {programme!r}, phiên bản {version}: không có khung tuổi {value!r} "
            "(có: {known})",
            en="programme {programme!r}, version {version}: no age bracket {value!r} "
            "(known: {known})",
        ),
        "kind": Text(
            vi="chương trình {programme!r} thuộc loại {kind!r}; thay đổi {what} cần loại {needed}",
            en="programme {programme!r} is a {kind!r} programme; a {what} change needs {needed}",
        ),
        "no_version": Text(
            vi="chương trình {programme!r} không có phiên bản nào có hiệu lực ngày {on}",
            en="programme {programme!r} has no version in force on {on}",
        ),
        "unrecorded": Text(
            vi="chương trình {programme!r}: không có văn bản nào được ghi nhận cho ngày {on}, "
            "không có gì để thay đổi",
            en="programme {programme!r}: no instrument is recorded for {on}; nothing to change",
        ),
        "nothing": Text(
            vi="thay đổi không nêu giá trị mới nào",
            en="the change states no new value",
        ),
        "new_bracket": Text(
            vi="khung tuổi mới cần số tiền (amount) và tuổi (age hoặc from_age)",
            en="a new bracket needs an amount and an age (age or from_age)",
        ),
        "invalid": Text(
            vi="sau khi thay đổi, {reason}",
            en="after the change, {reason}",
        ),
        "read": Text(vi="không đọc được tệp: {detail}", en="cannot read the file: {detail}"),
        "syntax": Text(vi="tệp TOML sai cú pháp: {detail}", en="bad TOML syntax: {detail}"),
        "table": Text(
            vi="cần một bảng khóa ({known}), không phải {kind}",
            en="expected a table of keys ({known}), not {kind}",
        ),
        "bad_key": Text(
            vi="khóa {name} không phải chuỗi ký tự (có: {known})",
            en="the key {name} is not a string (known: {known})",
        ),
    },
)


class LevelChange(FileModel):
    """A level (mức) of a *levels* programme gets a new amount.

    ``level`` is the current amount (``500000``) or the level id (``"higher"``).
    """

    programme: str
    level: LevelKey
    amount: VND


class BracketChange(FileModel):
    """A longevity bracket (khung tuổi) gets a new amount or ages, or a new bracket is added.

    ``bracket`` is an age the bracket covers (``70``) or its id (``"age-70"``); leave it
    out to add a bracket (then ``amount`` and ``age`` or ``from_age`` are required).
    ``from_age`` makes the bracket cover every year from that age on.
    """

    programme: str
    bracket: BracketKey | None = None
    amount: VND | None = None
    age: Age | None = None
    from_age: Age | None = None


class QuotaChange(FileModel):
    """A *selected* programme gets a new quota (số suất) or a new fixed amount."""

    programme: str
    quota: Count | None = None
    amount: VND | None = None


class EligibilityChange(FileModel):
    """Who qualifies: a level's rules, or a programme's scope (``covers``).

    With ``level``, ``rules`` replaces the level's rules and ``add_rules`` appends to
    them (a level whose recipients were not stated becomes stated); without ``level``
    the same applies to the programme's ``covers``. Rules are written as in ruleset files:
    ``{ category = "elderly" }``, ``{ category = "war_invalid", conditions =
    ["injury_rate >= 81"] }``, ``{ group = "meritorious" }``.
    """

    programme: str
    level: LevelKey | None = None
    rules: tuple[Rule, ...] | None = None
    add_rules: tuple[Rule, ...] = ()


class Reform(FileModel):
    """A what-if (phương án thay đổi): changes to one ruleset's programmes, as data.

    In TOML the lists are ``[[level]]``, ``[[bracket]]``, ``[[quota]]`` and
    ``[[eligibility]]`` tables (see :meth:`load`).

    >>> reform = Reform(levels=[LevelChange(programme="provincial-4107", level=500_000,
    ...                                      amount=600_000)])
    >>> reform.levels[0].amount
    600000
    """

    title: Label | str = ""
    levels: tuple[LevelChange, ...] = Field(default=(), alias="level")
    brackets: tuple[BracketChange, ...] = Field(default=(), alias="bracket")
    quotas: tuple[QuotaChange, ...] = Field(default=(), alias="quota")
    eligibility: tuple[EligibilityChange, ...] = ()

    def __init__(self, **data: Any) -> None:
        try:
            super().__init__(**data)
        except ValidationError as exc:
            raise _wrap(exc) from exc

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Reform:
        """A reform from a mapping (keys as in TOML); :class:`ReformError` on bad data,
        whatever ``data`` is (``None``, a string, keys that are not strings, nesting past
        :data:`~welfare_rules._limits.MAX_DEPTH`).

        >>> Reform.from_dict(None)
        Traceback (most recent call last):
        ...
        welfare_rules.errors.ReformError: invalid reform: expected a table of keys (level, ...
        """
        if not isinstance(data, Mapping):
            reason = _MSG("table", kind=type(data).__name__, known=_KNOWN_KEYS)
            raise ReformError(reason, value=data)
        bad = next((key for key in data if not isinstance(key, str)), None)
        if bad is not None:
            raise ReformError(_MSG("bad_key", name=quote(bad), known=_KNOWN_KEYS), value=bad)
        try:
            check_depth(data, what="reform")
        except NestingDepthError as exc:
            raise ReformError(exc.text) from exc
        return cls(**data)

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Reform:
        """A reform from a TOML file; :class:`ReformError` names the bad key.

        A file reads::

            title = { vi = "Mức tỉnh 500.000đ lên 600.000đ", en = "Provincial 500k to 600k" }
            [[level]]
            programme = "provincial-4107"
            level = 500000
            amount = 600000
        """
        name = os.fspath(path)
        try:
            text = read_bytes(path).decode("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ReformError(_MSG("read", detail=str(exc)), path=name) from exc
        except InputLimitError as exc:  # larger than the input-size limit
            raise ReformError(exc.text, path=name) from exc
        try:
            data = load_toml(text.removeprefix("\ufeff"))
        except tomllib.TOMLDecodeError as exc:
            raise ReformError(_MSG("syntax", detail=str(exc)), path=name) from exc
        except InputLimitError as exc:  # nested too deep, a number of too many digits
            raise ReformError(exc.text, path=name) from exc
        return cls.from_dict(data)

    def label(self, lang: str = "vi") -> str:
        """The title in ``lang`` (``""`` when there is none)."""
        if isinstance(self.title, Label):
            return self.title.get("en" if lang == "en" else "vi")
        return self.title

    @property
    def is_empty(self) -> bool:
        """Whether the reform changes nothing at all."""
        return not (self.levels or self.brackets or self.quotas or self.eligibility)

    def apply_to(self, ruleset: Ruleset, *, on: dt.date | None = None) -> Ruleset:
        """``ruleset`` with this reform applied; see :func:`apply_reform`."""
        return apply_reform(ruleset, self, on=on)


_KNOWN_KEYS = "level, bracket, quota, eligibility, title"


def _wrap(exc: ValidationError) -> ReformError:
    path, reason, value = first_problem(exc)
    return ReformError(reason, path=path, value=value)


# ---------------------------------------------------------------- applying a reform


def apply_reform(ruleset: Ruleset, reform: Reform, *, on: dt.date | None = None) -> Ruleset:
    """``ruleset`` with ``reform`` applied: a new ruleset; ``ruleset`` itself is untouched.

    With ``on``, each addressed programme changes only in its version in force that day;
    without, in every recorded version. Everything is checked before anything is built.
    """
    changed: dict[str, Programme] = {}
    for index, change in enumerate(reform.levels):
        at = f"level[{index}]"
        programme = _programme(ruleset, changed, change.programme, at)
        _require_kind(programme, "level", at)
        changed[programme.id] = _edit_versions(
            programme, on, at, partial(_set_level, programme, change=change, at=at)
        )
    for index, bracket_change in enumerate(reform.brackets):
        at = f"bracket[{index}]"
        programme = _programme(ruleset, changed, bracket_change.programme, at)
        _require_kind(programme, "bracket", at)
        changed[programme.id] = _edit_versions(
            programme, on, at, partial(_set_bracket, programme, change=bracket_change, at=at)
        )
    for index, quota in enumerate(reform.quotas):
        at = f"quota[{index}]"
        programme = _programme(ruleset, changed, quota.programme, at)
        _require_kind(programme, "quota", at)
        if quota.quota is None and quota.amount is None:
            raise ReformError(_MSG("nothing"), path=at)
        update = {
            name: value
            for name, value in (("quota", quota.quota), ("amount", quota.amount))
            if value is not None
        }
        changed[programme.id] = _edit_versions(
            programme, on, at, partial(_remodel, update=update, at=at)
        )
    for index, rule_change in enumerate(reform.eligibility):
        at = f"eligibility[{index}]"
        programme = _programme(ruleset, changed, rule_change.programme, at)
        changed[programme.id] = _set_eligibility(programme, rule_change, on, at)
    if not changed:
        return ruleset
    return _rebuild(ruleset, changed)


def _programme(
    ruleset: Ruleset, changed: Mapping[str, Programme], ident: str, at: str
) -> Programme:
    if ident in changed:
        return changed[ident]
    try:
        return ruleset.programme(ident)
    except KeyError:
        known = ", ".join(p.id for p in ruleset.all_programmes()) or "-"
        text = _MSG("programme", value=ident, ruleset=ruleset.id, known=known)
        raise ReformError(text, path=f"{at}.programme", value=ident) from None


def _require_kind(programme: Programme, change: Change, at: str) -> None:
    """A ``change`` applies only to the kinds that list it (see :data:`rules.kinds.KINDS`)."""
    if change not in programme.kind_spec.changes:
        needed = " / ".join(repr(k) for k in kinds_with(change))
        text = _MSG("kind", programme=programme.id, kind=programme.kind, what=change, needed=needed)
        raise ReformError(text, path=f"{at}.programme", value=programme.id)


def _version_name(version: ProgrammeVersion) -> str:
    return str(version.effective) if version.effective else "-"


def _edit_versions(
    programme: Programme,
    on: dt.date | None,
    at: str,
    edit: Callable[[ProgrammeVersion], ProgrammeVersion],
) -> Programme:
    versions = list(programme.versions)
    if on is not None:
        version = programme.version_on(on)
        if version is None:
            raise ReformError(_MSG("no_version", programme=programme.id, on=on), path=at)
        if not version.recorded:
            raise ReformError(_MSG("unrecorded", programme=programme.id, on=on), path=at)
        targets = [versions.index(version)]
    else:
        targets = [i for i, v in enumerate(versions) if v.recorded]
    for index in targets:
        versions[index] = edit(versions[index])
    return programme.model_copy(update={"versions": tuple(versions)})


def _remodel(model: _M, *, update: Mapping[str, Any], at: str) -> _M:
    """``model`` with ``update`` applied, through the model's own checks (ReformError if not)."""
    data = {name: getattr(model, name) for name in type(model).model_fields}
    data.update(update)
    data = {k: v for k, v in data.items() if v is not None}
    try:
        return type(model).model_validate(data)
    except ValidationError as exc:
        path, reason, value = first_problem(exc)
        where = f" ({path})" if path else ""
        text = _MSG("invalid", reason=reason)
        raise ReformError(Text(text.vi + where, text.en + where), path=at, value=value) from exc


def _level_name(level: Level) -> str:
    return level.id if level.id == str(level.amount) else f"{level.id} ({level.amount})"


def _find_level(programme: Programme, version: ProgrammeVersion, key: int | str, at: str) -> Level:
    found = version.find_level(key)
    if found is None:
        known = ", ".join(_level_name(lv) for lv in version.levels) or "-"
        text = _MSG(
            "level", programme=programme.id, version=_version_name(version), value=key, known=known
        )
        raise ReformError(text, path=f"{at}.level", value=key)
    return found


def _set_level(
    programme: Programme, version: ProgrammeVersion, change: LevelChange, at: str
) -> ProgrammeVersion:
    level = _find_level(programme, version, change.level, at)
    new = _remodel(level, update={"amount": change.amount}, at=at)
    levels = tuple(new if lv is level else lv for lv in version.levels)
    return _remodel(version, update={"levels": levels}, at=at)


def _find_bracket(
    programme: Programme, version: ProgrammeVersion, key: int | str, at: str
) -> Bracket:
    found = (
        version.bracket_for(key)
        if isinstance(key, int)
        else next((b for b in version.brackets if b.id == key), None)
    )
    if found is None:
        known = ", ".join(b.id for b in version.brackets) or "-"
        text = _MSG(
            "bracket",
            programme=programme.id,
            version=_version_name(version),
            value=key,
            known=known,
        )
        raise ReformError(text, path=f"{at}.bracket", value=key)
    return found


def _bracket_fields(change: BracketChange, base: Mapping[str, Any]) -> dict[str, Any]:
    data = dict(base)
    if change.amount is not None:
        data["amount"] = change.amount
    if change.age is not None:
        data.update(age=change.age, from_age=None, every_year=False)
    elif change.from_age is not None:
        data.update(age=None, from_age=change.from_age, every_year=True)
    return data


def _set_bracket(
    programme: Programme, version: ProgrammeVersion, change: BracketChange, at: str
) -> ProgrammeVersion:
    if change.amount is None and change.age is None and change.from_age is None:
        raise ReformError(_MSG("nothing"), path=at)
    if change.bracket is None:
        if change.amount is None or (change.age is None and change.from_age is None):
            raise ReformError(_MSG("new_bracket"), path=at)
        fields = {k: v for k, v in _bracket_fields(change, {}).items() if v is not None}
        try:
            new = Bracket.model_validate(fields)
        except ValidationError as exc:
            raise ReformError(_MSG("new_bracket"), path=at) from exc
        brackets = tuple(sorted((*version.brackets, new), key=lambda b: b.first_age))
        return _remodel(version, update={"brackets": brackets}, at=at)
    bracket = _find_bracket(programme, version, change.bracket, at)
    new = _remodel(bracket, update=_bracket_fields(change, {}), at=at)
    brackets = tuple(new if b is bracket else b for b in version.brackets)
    return _remodel(version, update={"brackets": brackets}, at=at)


def _set_eligibility(
    programme: Programme, change: EligibilityChange, on: dt.date | None, at: str
) -> Programme:
    if change.rules is None and not change.add_rules:
        raise ReformError(_MSG("nothing"), path=at)
    if change.level is None:
        rules = change.rules if change.rules is not None else programme.covers
        return programme.model_copy(update={"covers": (*rules, *change.add_rules)})
    _require_kind(programme, "eligibility", at)
    key = change.level

    def edit(version: ProgrammeVersion) -> ProgrammeVersion:
        level = _find_level(programme, version, key, at)
        rules = change.rules if change.rules is not None else level.rules
        update = {"rules": (*rules, *change.add_rules), "rules_stated": True}
        new = _remodel(level, update=update, at=at)
        levels = tuple(new if lv is level else lv for lv in version.levels)
        return _remodel(version, update={"levels": levels}, at=at)

    return _edit_versions(programme, on, at, edit)


def _rebuild(ruleset: Ruleset, changed: Mapping[str, Programme]) -> Ruleset:
    """A copy of ``ruleset`` with the programmes in ``changed`` replaced, through includes."""
    included = tuple(_rebuild(inner, changed) for inner in ruleset.included)
    programmes = tuple(changed.get(p.id, p) for p in ruleset.programmes)
    if included == ruleset.included and programmes == ruleset.programmes:
        return ruleset
    return ruleset.model_copy(update={"included": included, "programmes": programmes})


__all__ = [
    "BracketChange",
    "EligibilityChange",
    "LevelChange",
    "QuotaChange",
    "Reform",
    "apply_reform",
]
