"""Pydantic models of rule data: Ruleset, Programme, dated versions, Level, Bracket.

Every model is frozen and rejects unknown keys. Field names are Python names; the keys in
TOML and JSON are the aliases (``programme``, ``version``, ``level``, ``bracket``,
``rule``), so a key path reads ``programme[2].version[0].level[1].amount``. The building
blocks (labels, citations, in-kind gifts) are in :mod:`._base`, eligibility rules in
:mod:`.eligibility`; both are re-exported here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Protocol

from pydantic import Field, Strict, model_validator

from .._i18n import Catalog, Lang, Text
from .._types import VND, Count
from ..errors import RuleDataError
from ..tiers import FundingSource
from ._base import (
    OCCASIONS,
    Age,
    AgeBasis,
    Flag,
    InKind,
    Label,
    LegalBasis,
    Note,
    Occasion,
    PersonCategories,
    ProgrammeKind,
    ResidenceKind,
    RuleInvalidError,
    RuleModel,
    Slug,
    is_blank,
    note_text,
    require_note,
    unconfirmed_by_default,
)
from .categories import CATEGORIES
from .eligibility import Condition, Rule, evaluate_any
from .kinds import KINDS, SHAPE_FIELDS, SHAPE_KEYS, Kind


class Change(Protocol):
    """What :meth:`Ruleset.with_reform` needs of a reform (a
    :class:`welfare_rules.scenario.reform.Reform`): rules never import scenarios."""

    def apply_to(self, ruleset: Ruleset, *, on: dt.date | None = None) -> Ruleset:
        """``ruleset`` with the change applied."""
        ...


_MSG = Catalog(
    "rules.model",
    {
        "no_rules": Text(
            vi="mức không có quy tắc đối tượng nào: hãy liệt kê (rule) hoặc ghi "
            "rules_stated = false kèm ghi chú",
            en="level with no qualifying rule: list them (rule) or say rules_stated = false "
            "with a note",
        ),
        "unstated_rules": Text(
            vi="rules_stated = false thì không được liệt kê quy tắc và phải có ghi chú",
            en="rules_stated = false takes no rules and needs a note",
        ),
        "bracket_shape": Text(
            vi="khung tuổi cần 'age' (một tuổi), hoặc 'from_age' (và có thể 'to_age') với "
            "every_year = true",
            en="a bracket needs 'age' (one age) or 'from_age' (and maybe 'to_age') with "
            "every_year = true",
        ),
        "to_age": Text(
            vi="to_age {to_age} nhỏ hơn from_age {from_age}",
            en="to_age {to_age} is below from_age {from_age}",
        ),
        "occasion_title": Text(
            vi="dịp {value!r} không có sẵn: hãy ghi occasion_title (tên dịp bằng hai thứ tiếng)",
            en="occasion {value!r} is not a known one: give occasion_title (its name in both "
            "languages)",
        ),
        "extra_kind": Text(
            vi="quà thêm (extra_gift) chỉ dùng cho chương trình loại 'levels'",
            en="extra gifts (extra_gift) apply only to 'levels' programmes",
        ),
        "extra_level": Text(
            vi="quà thêm {value!r} nêu mức {level!r}, không có ở phiên bản {index}",
            en="extra gift {value!r} names level {level!r}, which version {index} does not have",
        ),
        "extra_martyrs": Text(
            vi="quà theo số liệt sĩ cần quy tắc một đối tượng có thuộc tính 'martyrs'",
            en="a gift per martyr needs a rule on one category with the attribute 'martyrs'",
        ),
        "duplicate_include": Text(
            vi="chương trình {value!r} có ở hai bộ quy định được bao hàm: {first!r} và {other!r}",
            en="programme {value!r} is in two included rulesets: {first!r} and {other!r}",
        ),
        "raises": Text(
            vi="'raises' phải nêu một chương trình loại {kind!r} khác, không phải {value!r}",
            en="'raises' must name another {kind!r} programme, not {value!r}",
        ),
        "overlap": Text(
            vi="khung tuổi {this} trùng với khung {other} (bracket[{index}])",
            en="age bracket {this} overlaps {other} (bracket[{index}])",
        ),
        "duplicate": Text(
            vi="{what} {value!r} bị trùng (đã có ở vị trí {index})",
            en="duplicate {what} {value!r} (already at index {index})",
        ),
        "order": Text(
            vi="ngày {value} không sau ngày {previous} của mục trước: các phiên bản phải "
            "theo thứ tự ngày tăng dần",
            en="date {value} is not after the previous {previous}: versions must be in "
            "increasing date order",
        ),
        "first_only": Text(
            vi="chỉ phiên bản đầu tiên được bỏ trống ngày hiệu lực",
            en="only the first version may leave out its effective date",
        ),
        "basis_after": Text(
            vi="văn bản ngày {basis} muộn hơn ngày hiệu lực {effective}",
            en="the instrument is dated {basis}, after the effective date {effective}",
        ),
        "period": Text(
            vi="valid_until {until} trước valid_from {start}",
            en="valid_until {until} is before valid_from {start}",
        ),
        "no_basis": Text(
            vi="thiếu căn cứ pháp lý (basis) ở {what} và ở phiên bản, chương trình chứa nó",
            en="no legal basis (basis) on the {what}, its version or its programme",
        ),
        "gap": Text(
            vi="phiên bản recorded = false (không có văn bản) phải có confirmed = false, "
            "ghi chú, và không có mức, khung tuổi, số tiền",
            en="a version with recorded = false (no known instrument) needs confirmed = false "
            "and a note, and takes no levels, brackets or amount",
        ),
        "kind_needs": Text(
            vi="chương trình loại {kind!r} cần {what}",
            en="a {kind!r} programme needs {what}",
        ),
        "kind_forbids": Text(
            vi="chương trình loại {kind!r} không dùng {what}",
            en="a {kind!r} programme takes no {what}",
        ),
        "included": Text(
            vi="'included' do trình nạp điền, phải khớp 'includes'",
            en="'included' is filled by the loader and must match 'includes'",
        ),
        "unresolved": Text(
            vi="bộ quy định {value!r} có 'includes' chưa được nạp; hãy dùng load_ruleset",
            en="ruleset {value!r} has includes that were not loaded; use load_ruleset",
        ),
        "programme_clash": Text(
            vi="mã chương trình {value!r} đã có trong bộ quy định {other!r}",
            en="programme id {value!r} is also used by ruleset {other!r}",
        ),
    },
)


class Level(RuleModel):
    """One level (mức) of a *levels* programme: an amount and the rules that qualify for it.

    ``id`` defaults to the amount as text, so a level is addressable by id or by amount.
    ``rules_stated = false`` (with a note) says that no public source states who receives
    this level; the entitlements engine then reports the case as undetermined.
    """

    id: Slug
    amount: VND
    in_kind: tuple[InKind, ...] = ()
    rules: tuple[Rule, ...] = Field(default=(), alias="rule")
    rules_stated: Flag = True
    basis: LegalBasis | None = None
    confirmed: Flag = False  # an omitted flag is not a confirmation
    note: Note = ""

    @model_validator(mode="before")
    @classmethod
    def _default_id(cls, data: Any) -> Any:
        data = unconfirmed_by_default(data)
        if isinstance(data, dict) and "id" not in data and "amount" in data:
            # A bad amount should be reported as such, not as a missing id.
            ident = str(data["amount"]) if type(data["amount"]) is int else "level"
            return {"id": ident, **data}
        return data

    @model_validator(mode="after")
    def _check(self) -> Level:
        require_note(self.confirmed, self.note)
        if self.rules_stated and not self.rules:
            raise RuleInvalidError(_MSG("no_rules"), at="rule")
        if not self.rules_stated and (self.rules or is_blank(self.note)):
            raise RuleInvalidError(_MSG("unstated_rules"), at="rules_stated")
        return self

    @property
    def in_kind_value(self) -> int:
        """The stated value of the gift's components besides cash (0 when none is stated)."""
        return sum(item.value or 0 for item in self.in_kind)

    def qualifies(self, person: PersonCategories) -> bool | None:
        """Three-valued: see :func:`evaluate_any`. ``None`` too when rules are not stated."""
        if not self.rules_stated:
            return None
        return evaluate_any(self.rules, person)


class Bracket(RuleModel):
    """A longevity age bracket (khung tuổi mừng thọ): one ``age``, or every year from
    ``from_age`` (up to ``to_age`` included, or with no upper bound).

    >>> Bracket(from_age=101, every_year=True, amount=1_700_000, confirmed=True).covers(104)
    True
    >>> b = Bracket(from_age=101, to_age=109, every_year=True, amount=1_500_000, confirmed=True)
    >>> b.covers(109), b.covers(110), b.id, b.describe("en")
    (True, False, 'from-101-to-109', '101 to 109, every year')
    """

    id: Slug
    age: Age | None = None
    from_age: Age | None = None
    to_age: Age | None = None  # the last age covered; none: every year on
    every_year: Flag = False
    amount: VND
    in_kind: tuple[InKind, ...] = ()
    basis: LegalBasis | None = None
    confirmed: Flag = False  # an omitted flag is not a confirmation
    note: Note = ""

    @model_validator(mode="before")
    @classmethod
    def _default_id(cls, data: Any) -> Any:
        data = unconfirmed_by_default(data)
        if isinstance(data, dict) and "id" not in data:
            if type(data.get("age")) is int:
                return {"id": f"age-{data['age']}", **data}
            if type(data.get("from_age")) is int:
                upper = data.get("to_age")
                suffix = f"-to-{upper}" if type(upper) is int else ""
                return {"id": f"from-{data['from_age']}{suffix}", **data}
            return {"id": "bracket", **data}  # the real error is reported on the ages
        return data

    @model_validator(mode="after")
    def _check(self) -> Bracket:
        require_note(self.confirmed, self.note)
        single = (
            self.age is not None
            and self.from_age is None
            and self.to_age is None
            and not self.every_year
        )
        ranged = self.age is None and self.from_age is not None and self.every_year
        if not (single or ranged):
            raise RuleInvalidError(_MSG("bracket_shape"), at="age")
        if self.to_age is not None and self.from_age is not None and self.to_age < self.from_age:
            text = _MSG("to_age", to_age=self.to_age, from_age=self.from_age)
            raise RuleInvalidError(text, at="to_age")
        return self

    @property
    def first_age(self) -> int:
        """The lowest age the bracket covers."""
        return self.age if self.age is not None else int(self.from_age or 0)

    @property
    def last_age(self) -> int | None:
        """The highest age the bracket covers; ``None`` when it has no upper bound."""
        return self.age if self.age is not None else self.to_age

    @property
    def in_kind_value(self) -> int:
        """The stated value of the gift's components besides cash (0 when none is stated)."""
        return sum(item.value or 0 for item in self.in_kind)

    def covers(self, age: int) -> bool:
        """Whether a person of ``age`` (by the programme's age basis) falls in the bracket."""
        if self.age is not None:
            return age == self.age
        last = self.last_age
        return age >= self.first_age and (last is None or age <= last)

    def overlaps(self, other: Bracket) -> bool:
        """Whether some age falls in both brackets."""
        return other.covers(self.first_age) or self.covers(other.first_age)

    def describe(self, lang: Lang = "vi") -> str:
        """``70``, ``từ 101, mỗi năm`` / ``101, every year on``, or ``101 to 109, every year``."""
        if self.age is not None:
            return str(self.age)
        if self.to_age is not None:
            if lang == "vi":
                return f"từ {self.first_age} đến {self.to_age}, mỗi năm"
            return f"{self.first_age} to {self.to_age}, every year"
        return (
            f"từ {self.first_age}, mỗi năm" if lang == "vi" else f"{self.first_age}, every year on"
        )


def _unique(items: tuple[Any, ...], key: str, *, prefix: str, what: Text) -> None:
    seen: dict[object, int] = {}
    for index, item in enumerate(items):
        value = getattr(item, key)
        if value in seen:
            text = _MSG("duplicate", what=what, value=value, index=seen[value])
            raise RuleInvalidError(text, at=f"{prefix}[{index}].{key}")
        seen[value] = index


class ProgrammeVersion(RuleModel):
    """What a programme pays from ``effective`` until the next version: one instrument's values.

    ``effective`` defaults to the date of ``basis`` (not of a ``report``, which records
    what happened rather than taking effect); only the first version may leave it out
    (in force as far back as the data goes). ``recorded = false`` marks a period for
    which no instrument is known (a note says so): nothing is invented for it.
    """

    effective: dt.date | None = None
    recorded: Flag = True
    basis: LegalBasis | None = None
    confirmed: Flag = False  # an omitted flag is not a confirmation
    note: Note = ""
    levels: tuple[Level, ...] = Field(default=(), alias="level")
    brackets: tuple[Bracket, ...] = Field(default=(), alias="bracket")
    amount: VND | None = None  # selected programmes: the fixed amount
    quota: Count | None = None  # selected programmes: how many recipients (suất)
    minimum: Flag = False  # the amounts are minimums (mức tối thiểu) a local rule may raise
    payer: FundingSource | None = None  # who pays in this version, when not the programme's
    pay_until: dt.date | None = None  # the last day of the payment window, when stated

    @model_validator(mode="before")
    @classmethod
    def _default_effective(cls, data: Any) -> Any:
        data = unconfirmed_by_default(data)
        if isinstance(data, dict) and "effective" not in data:
            basis = data.get("basis")
            when = basis.get("date") if isinstance(basis, dict) else None
            if (
                isinstance(when, dt.date)
                and isinstance(basis, dict)
                and basis.get("kind") != "report"
            ):
                return {**data, "effective": when}
        return data

    @model_validator(mode="after")
    def _check(self) -> ProgrammeVersion:
        require_note(self.confirmed, self.note)
        if not self.recorded:
            content = self.levels or self.brackets or self.amount is not None
            if self.confirmed or is_blank(self.note) or content or self.quota is not None:
                raise RuleInvalidError(_MSG("gap"), at="recorded")
        _unique(self.levels, "id", prefix="level", what=Text("mã mức", "level id"))
        _unique(self.levels, "amount", prefix="level", what=Text("số tiền mức", "level amount"))
        _unique(self.brackets, "id", prefix="bracket", what=Text("mã khung", "bracket id"))
        for index, bracket in enumerate(self.brackets):
            for other_index, other in enumerate(self.brackets[:index]):
                if bracket.overlaps(other):
                    text = _MSG(
                        "overlap",
                        this=bracket.describe("vi"),
                        other=other.describe("vi"),
                        index=other_index,
                    )
                    text = Text(
                        text.vi,
                        _MSG(
                            "overlap",
                            this=bracket.describe("en"),
                            other=other.describe("en"),
                            index=other_index,
                        ).en,
                    )
                    raise RuleInvalidError(text, at=f"bracket[{index}]")
        basis = self.basis
        if (
            basis
            and basis.kind != "report"
            and basis.date
            and self.effective
            and basis.date > self.effective
        ):
            text = _MSG("basis_after", basis=basis.date, effective=self.effective)
            raise RuleInvalidError(text, at="basis.date")
        return self

    def find_level(self, key: int | str) -> Level | None:
        """The level with this amount (``int``) or id (``str``), or ``None``."""
        for level in self.levels:
            if (level.amount == key) if isinstance(key, int) else (level.id == key):
                return level
        return None

    def level(self, key: int | str) -> Level:
        """The level with this amount (``int``) or id (``str``); ``KeyError`` if none."""
        found = self.find_level(key)
        if found is None:
            raise KeyError(key)
        return found

    def bracket_for(self, age: int) -> Bracket | None:
        """The bracket that covers ``age``, or ``None`` (brackets never overlap)."""
        return next((b for b in self.brackets if b.covers(age)), None)


ExtraKind = Literal["representative", "per_martyr"]


class ExtraGift(RuleModel):
    """A gift beyond "one per programme" (quà thêm), as data.

    ``representative``: one more gift at ``level`` for a person whose ``rule`` holds (the
    martyr's representative) and whose programme gift came through another category;
    ``per_martyr``: a person whose gift came through ``rule`` receives one gift per martyr
    (the rule's category's ``martyrs`` attribute), so ``martyrs - 1`` more at ``level``.
    A missing attribute the rule needs makes the extra gift undetermined, never zero.
    """

    id: Slug
    kind: ExtraKind
    rule: Rule
    level: Slug  # the id of the level whose amount each extra gift pays
    basis: LegalBasis | None = None
    confirmed: Flag = False
    note: Note = ""

    @model_validator(mode="before")
    @classmethod
    def _default_confirmed(cls, data: Any) -> Any:
        return unconfirmed_by_default(data)

    @model_validator(mode="after")
    def _check(self) -> ExtraGift:
        require_note(self.confirmed, self.note)
        if self.kind == "per_martyr":
            category = self.rule.category
            if category is None or "martyrs" not in CATEGORIES[category].attributes:
                raise RuleInvalidError(_MSG("extra_martyrs"), at="rule")
        return self


class Residence(RuleModel):
    """Who the programme is for by residence (cư trú): ``kinds`` of residence accepted and,
    for a temporary resident, the months of residence needed."""

    kinds: tuple[ResidenceKind, ...] = Field(default=("permanent",), min_length=1)
    temporary_months: Count | None = None  # tạm trú từ … tháng
    confirmed: Flag = False
    note: Note = ""

    @model_validator(mode="before")
    @classmethod
    def _default_confirmed(cls, data: Any) -> Any:
        return unconfirmed_by_default(data)

    @model_validator(mode="after")
    def _check(self) -> Residence:
        require_note(self.confirmed, self.note)
        return self

    def admits(self, kind: str | None, months: int | None) -> bool | None:
        """Three-valued: ``None`` when the residence (or its months, for a temporary
        resident who needs some) is not known."""
        if kind is None:
            return None
        if kind not in self.kinds:
            return False
        if kind == "temporary" and self.temporary_months is not None:
            if months is None:
                return None
            return months >= self.temporary_months
        return True


class Programme(RuleModel):
    """A gift programme (chương trình quà): one funding source, one kind, dated versions.

    Kinds: ``levels`` (one gift at the highest level a person qualifies for),
    ``longevity`` (age brackets, by ``age_basis``), ``selected`` (a fixed ``amount`` for
    recipients an authority chooses, up to a ``quota``), ``socialized`` (donated gifts
    with no fixed level: reported, not computed). ``id`` is stable: reforms address
    programmes by it.

    ``source`` is who pays (nguồn kinh phí; a version's ``payer`` overrides it) and
    ``giver`` who gives the gift in whose name (người tặng), when that is someone else:
    the State President gives the age-100 gift, the provincial budget pays it.
    ``occasion`` is the programme's own occasion when it differs from the ruleset's;
    ``residence`` who it is for by residence; ``extra_gifts`` the gifts beyond one per
    programme; ``raises`` the id of a programme whose minimum amounts this one raises
    (when both are in force, a person receives the higher of the two gifts, once).
    """

    id: Slug
    title: Label
    kind: ProgrammeKind
    source: FundingSource  # nguồn kinh phí
    basis: LegalBasis | None = None  # the standing basis, when versions do not each cite one
    references: tuple[LegalBasis, ...] = ()  # related instruments (guidance, plans)
    covers: tuple[Rule, ...] = ()  # who the programme is for, as its sources state it
    selection: Label | None = None  # who chooses the recipients (selected programmes)
    age_basis: AgeBasis = "calendar_year"  # longevity: celebration year − birth year, or exact
    giver: Label | None = None  # người tặng, when not the payer
    occasion: Occasion | None = None  # dịp, when not the ruleset's
    residence: Residence | None = None  # điều kiện cư trú
    extra_gifts: tuple[ExtraGift, ...] = Field(default=(), alias="extra_gift")
    raises: Slug | None = None  # nâng mức tối thiểu của chương trình này
    versions: tuple[ProgrammeVersion, ...] = Field(alias="version", min_length=1)
    note: Note = ""

    @model_validator(mode="after")
    def _check(self) -> Programme:
        self._check_extras()
        if self.raises == self.id:
            text = _MSG("raises", kind=self.kind, value=self.raises)
            raise RuleInvalidError(text, at="raises")
        previous: dt.date | None = None
        for index, version in enumerate(self.versions):
            at = f"version[{index}]"
            if version.effective is None:
                if index:
                    raise RuleInvalidError(_MSG("first_only"), at=f"{at}.effective")
            elif previous is not None and version.effective <= previous:
                text = _MSG("order", value=version.effective, previous=previous)
                raise RuleInvalidError(text, at=f"{at}.effective")
            previous = version.effective or previous
            if version.recorded:
                self._check_shape(version, at)
                self._check_basis(version, at)
        return self

    def _check_extras(self) -> None:
        if self.extra_gifts and self.kind != "levels":
            raise RuleInvalidError(_MSG("extra_kind"), at="extra_gift")
        _unique(self.extra_gifts, "id", prefix="extra_gift", what=Text("mã quà thêm", "extra id"))
        for position, extra in enumerate(self.extra_gifts):
            for index, version in enumerate(self.versions):
                if version.recorded and version.find_level(extra.level) is None:
                    text = _MSG("extra_level", value=extra.id, level=extra.level, index=index)
                    raise RuleInvalidError(text, at=f"extra_gift[{position}].level")

    def payer_of(self, version: ProgrammeVersion) -> FundingSource:
        """Who pays the gifts of ``version``: its ``payer``, else the programme's ``source``."""
        return version.payer or self.source

    def _check_shape(self, version: ProgrammeVersion, at: str) -> None:
        kind = KINDS[self.kind]
        for field in SHAPE_FIELDS:
            value = getattr(version, field)
            present = value is not None and value != ()
            key = SHAPE_KEYS[field]
            if field in kind.shape and not present:
                raise RuleInvalidError(
                    _MSG("kind_needs", kind=self.kind, what=key), at=f"{at}.{key}"
                )
            if present and field not in kind.allowed:
                raise RuleInvalidError(
                    _MSG("kind_forbids", kind=self.kind, what=key), at=f"{at}.{key}"
                )

    def _check_basis(self, version: ProgrammeVersion, at: str) -> None:
        if version.basis is not None or self.basis is not None:
            return
        items: tuple[Level | Bracket, ...] = (*version.levels, *version.brackets)
        if not items:
            raise RuleInvalidError(_MSG("no_basis", what="version"), at=f"{at}.basis")
        for index, item in enumerate(items):
            if item.basis is None:
                key = "level" if isinstance(item, Level) else "bracket"
                position = index if key == "level" else index - len(version.levels)
                what = "level" if key == "level" else "bracket"
                raise RuleInvalidError(
                    _MSG("no_basis", what=what), at=f"{at}.{key}[{position}].basis"
                )

    def version_on(self, on: dt.date) -> ProgrammeVersion | None:
        """The version in force on ``on``: the last one whose ``effective`` is not after it.

        ``None`` before the first effective date. A returned version may have
        ``recorded = False``: the data knows of no instrument for that period.
        """
        found: ProgrammeVersion | None = None
        for version in self.versions:
            if version.effective is not None and version.effective > on:
                break
            found = version
        return found

    def versions_during(
        self, start: dt.date | None, end: dt.date | None
    ) -> tuple[ProgrammeVersion, ...]:
        """The versions in force on at least one day from ``start`` to ``end`` (``None``: open)."""
        found = []
        for index, version in enumerate(self.versions):
            following = self.versions[index + 1] if index + 1 < len(self.versions) else None
            ends_before = (
                following is not None
                and start is not None
                and (following.effective is not None and following.effective <= start)
            )
            starts_after = (
                end is not None and version.effective is not None and version.effective > end
            )
            if not (ends_before or starts_after):
                found.append(version)
        return tuple(found)

    @property
    def kind_spec(self) -> Kind:
        """The programme's kind as an object (see :mod:`welfare_rules.rules.kinds`)."""
        return KINDS[self.kind]

    def basis_of(
        self, version: ProgrammeVersion, item: Level | Bracket | None = None
    ) -> LegalBasis | None:
        """The basis that applies: the item's own, else the version's, else the programme's."""
        if item is not None and item.basis is not None:
            return item.basis
        return version.basis or self.basis


@dataclass(frozen=True)
class InForce:
    """A programme and the version of it in force on a date, with the ruleset it came from."""

    ruleset: str
    programme: Programme
    version: ProgrammeVersion

    @property
    def recorded(self) -> bool:
        """False when the data knows of no instrument for this date (see the version's note)."""
        return self.version.recorded

    def basis_of(self, item: Level | Bracket | None = None) -> LegalBasis | None:
        """See :meth:`Programme.basis_of`."""
        return self.programme.basis_of(self.version, item)


class Ruleset(RuleModel):
    """A set of gift programmes for one jurisdiction and occasion, possibly including others.

    ``includes`` names other rulesets (bundled ids, or paths relative to the file); the
    loader fills ``included`` with them, resolved. :meth:`all_programmes` is the resolved
    view; :meth:`in_force` gives what applies on a date.
    """

    id: Slug
    title: Label
    jurisdiction: Label
    occasion: Occasion
    occasion_title: Label | None = None  # the name of an occasion not in OCCASIONS
    year: Annotated[int, Strict(), Field(ge=1945, le=2200)] | None = None
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    source: LegalBasis | None = None  # the document the ruleset was read from, if any
    includes: tuple[str, ...] = ()
    included: tuple[Ruleset, ...] = ()  # filled by the loader; never written in a file
    programmes: tuple[Programme, ...] = Field(default=(), alias="programme")
    note: Note = ""

    @model_validator(mode="after")
    def _check(self) -> Ruleset:
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            text = _MSG("period", until=self.valid_until, start=self.valid_from)
            raise RuleInvalidError(text, at="valid_until")
        if self.included and len(self.included) != len(self.includes):
            raise RuleInvalidError(_MSG("included"), at="included")
        if self.occasion not in OCCASIONS and self.occasion_title is None:
            raise RuleInvalidError(_MSG("occasion_title", value=self.occasion), at="occasion")
        _unique(
            self.programmes, "id", prefix="programme", what=Text("mã chương trình", "programme id")
        )
        owners: dict[str, str] = {}
        for index, ruleset in enumerate(self.included):
            for owner, programme in ruleset._resolved():
                first = owners.setdefault(programme.id, owner)
                if first != owner:
                    text = _MSG("duplicate_include", value=programme.id, first=first, other=owner)
                    raise RuleInvalidError(text, at=f"includes[{index}]")
        for index, programme in enumerate(self.programmes):
            if programme.id in owners:
                text = _MSG("programme_clash", value=programme.id, other=owners[programme.id])
                raise RuleInvalidError(text, at=f"programme[{index}].id")
        return self

    @property
    def period(self) -> tuple[dt.date | None, dt.date | None]:
        """First and last day the ruleset applies (``None``: open); ``year`` bounds it too."""
        start, end = self.valid_from, self.valid_until
        if self.year is not None:
            start = start or dt.date(self.year, 1, 1)
            end = end or dt.date(self.year, 12, 31)
        return start, end

    def applies_on(self, on: dt.date) -> bool:
        """Whether ``on`` falls in the ruleset's period."""
        start, end = self.period
        return (start is None or start <= on) and (end is None or on <= end)

    @property
    def occasion_label(self) -> Label:
        """The occasion's name in both languages (``occasion_title``, or the known name)."""
        if self.occasion_title is not None:
            return self.occasion_title
        known = OCCASIONS[self.occasion]
        return Label(vi=known.vi, en=known.en)

    def _walk(self, seen: set[str], *, on: dt.date | None = None) -> list[Ruleset]:
        """This ruleset's included rulesets (depth first), then itself, each once: a
        ruleset reached twice through includes contributes once (issue 13). With ``on``,
        a ruleset whose period does not contain it contributes nothing, nor do its includes."""
        if self.id in seen or (on is not None and not self.applies_on(on)):
            return []
        if self.includes and not self.included:
            raise RuleDataError(_MSG("unresolved", value=self.id), path="includes")
        seen.add(self.id)
        found: list[Ruleset] = []
        for ruleset in self.included:
            found.extend(ruleset._walk(seen, on=on))
        found.append(self)
        return found

    def _resolved(self) -> tuple[tuple[str, Programme], ...]:
        return tuple((r.id, p) for r in self._walk(set()) for p in r.programmes)

    def all_programmes(self) -> tuple[Programme, ...]:
        """Every programme, included rulesets' first (depth first), then this one's; a
        ruleset included twice (directly and through another) counts once."""
        return tuple(p for _, p in self._resolved())

    def programme(self, programme_id: str) -> Programme:
        """The programme with this id, in this ruleset or an included one; ``KeyError`` if none."""
        for programme in self.all_programmes():
            if programme.id == programme_id:
                return programme
        raise KeyError(programme_id)

    def in_force(self, *, on: dt.date) -> tuple[InForce, ...]:
        """The programmes and their versions in force on ``on``, across includes.

        A ruleset (or included ruleset) whose period does not contain ``on`` contributes
        nothing; a programme contributes its :meth:`Programme.version_on` when there is one.
        """
        found: list[InForce] = []
        for ruleset in self._walk(set(), on=on):
            for programme in ruleset.programmes:
                version = programme.version_on(on)
                if version is not None:
                    found.append(InForce(ruleset.id, programme, version))
        return tuple(found)

    def with_reform(self, reform: Change, *, on: dt.date | None = None) -> Ruleset:
        """A new ruleset with ``reform`` applied (this one is untouched); see
        :func:`welfare_rules.scenario.reform.apply_reform`."""
        return reform.apply_to(self, on=on)

    def _repr_html_(self) -> str:
        """Hook into :func:`welfare_rules.views.html.ruleset_html`."""
        from ..views.html import ruleset_html

        return ruleset_html(self)

    def to_pandas(self, *, on: dt.date | None = None) -> Any:
        """Levels and brackets as a pandas DataFrame (the ``pandas`` extra); see
        :func:`welfare_rules.views.frames.ruleset_frame` for the columns."""
        from ..views.frames import ruleset_frame

        return ruleset_frame(self, on=on)

    def to_dict(self) -> dict[str, Any]:
        """The ruleset as JSON-ready data with the keys its file uses (``programme``,
        ``version``, ``level`` …), included rulesets resolved; ``rulesets show --json``."""
        data: dict[str, Any] = self.model_dump(mode="json")
        return data

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        """The JSON Schema (2020-12) of a ruleset, keys as written in files (for editors, tooling).

        The ruleset's own properties are at the top level (pydantic puts a ``$ref`` there
        because a ruleset contains included rulesets).
        """
        schema = cls.model_json_schema(by_alias=True)
        ref = schema.get("$ref")
        if isinstance(ref, str):
            defs = schema["$defs"]
            schema = {**defs[ref.rsplit("/", 1)[-1]], "$defs": defs}
        return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


__all__ = [
    "AgeBasis",
    "Bracket",
    "Change",
    "Condition",
    "ExtraGift",
    "InForce",
    "InKind",
    "Label",
    "LegalBasis",
    "Level",
    "Programme",
    "ProgrammeKind",
    "ProgrammeVersion",
    "Residence",
    "Rule",
    "RuleInvalidError",
    "Ruleset",
    "evaluate_any",
    "note_text",
]
