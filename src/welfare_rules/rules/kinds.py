"""Programme kinds (loại chương trình): one object per kind, the one place a kind is defined.

A kind says what a programme version holds (levels, age brackets, a fixed amount), what of
a person its gift depends on (``reads``), which reform changes apply to it, how its priced
items are named and labelled. The model checks versions against it, the entitlements
engine picks its evaluation by ``reads``, allocations, comparisons, reports and views
list items through :meth:`Kind.priced`: none of them tests a kind's name.

Adding a kind is one subclass here, registered in :data:`KINDS`, its name in
:data:`ProgrammeKind`, and data that uses it; ``tests/test_rules_kinds.py`` runs the kind
contract (``tests/contracts.py``) over every registered kind.

>>> KINDS["longevity"].reads, KINDS["selected"].changes, KINDS["socialized"].computed
('birth', ('quota',), False)
>>> KINDS["levels"].label
Text(vi='theo mức', en='by level')
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, ClassVar, Literal, get_args

from .._i18n import Catalog, Lang, Text
from ..money import format_vnd

if TYPE_CHECKING:
    from .model import Bracket, Level, Programme, ProgrammeVersion, Rule

# The kinds' names, as rule files write them (the model validates ``kind`` against it).
ProgrammeKind = Literal["levels", "longevity", "selected", "socialized"]
# What of a person a kind's gift depends on; the engine has one evaluation for each.
Reads = Literal["categories", "birth", "selections", "none"]
# The fields of a version a kind may hold, by their TOML keys' model names.
ShapeField = Literal["levels", "brackets", "amount", "quota"]
SHAPE_FIELDS: tuple[ShapeField, ...] = get_args(ShapeField)
SHAPE_KEYS: Mapping[ShapeField, str] = MappingProxyType(
    {"levels": "level", "brackets": "bracket", "amount": "amount", "quota": "quota"}
)
# The changes a reform can make (``Reform`` lists), by the key a reform file writes.
Change = Literal["level", "bracket", "quota", "eligibility"]

_MSG = Catalog(
    "rules.kinds",
    {
        "levels": Text("theo mức", "by level"),
        "longevity": Text("mừng thọ theo tuổi", "longevity by age"),
        "selected": Text("lựa chọn, mức cố định", "selected, fixed amount"),
        "socialized": Text("xã hội hóa", "socialized"),
        "level": Text(vi="Mức {amount}", en="Level {amount}"),
        "age": Text(vi="Tuổi {age}", en="Age {age}"),
        "from_age": Text(vi="Từ {age} tuổi", en="Age {age} and over"),
        "age_range": Text(vi="Từ {first} đến {last} tuổi", en="Age {first} to {last}"),
        "longevity_section": Text(vi="Quà mừng thọ người cao tuổi", en="Longevity gifts"),
    },
)


@dataclass(frozen=True, slots=True)
class PricedItem:
    """One thing a version pays: a level, a bracket, or the fixed amount of a selection.

    ``ident`` is the level id, the bracket id or ``"selected"``; ``item`` the level or
    bracket itself (``None`` for a fixed amount); ``ages`` shows a bracket's ages
    (``"70"``, ``"101+"``, ``"101-109"``); ``quota`` a selection's number of gifts;
    ``in_kind_value`` the stated value of each gift's components besides cash (so a
    budget can show cash and goods apart: ``count × (amount + in_kind_value)``).
    """

    ident: str
    amount: int
    item: Level | Bracket | None = None
    ages: str | None = None
    quota: int | None = None
    in_kind_value: int = 0


class Kind:
    """The behaviour of one programme kind; subclasses set the class attributes."""

    name: ClassVar[ProgrammeKind]
    shape: ClassVar[tuple[ShapeField, ...]]  # the version fields a recorded version needs
    optional: ClassVar[tuple[ShapeField, ...]] = ()  # further fields it may hold
    reads: ClassVar[Reads]  # what of a person the gift depends on
    changes: ClassVar[tuple[Change, ...]] = ()  # the reform changes that apply
    section: ClassVar[str | None] = None  # a report section of its own (else by source)
    section_title: ClassVar[Text | None] = None  # that section's heading in a report
    fixed_amount: ClassVar[bool] = False  # one amount, counted as one number

    @property
    def label(self) -> Text:
        """The kind in both languages (``theo mức`` / ``by level``)."""
        return _MSG(self.name)

    @property
    def computed(self) -> bool:
        """Whether the library computes the gift (socialized gifts are reported, not computed)."""
        return self.reads != "none"

    @property
    def allowed(self) -> tuple[ShapeField, ...]:
        """Every version field the kind may hold."""
        return self.shape + self.optional

    def priced(self, version: ProgrammeVersion) -> tuple[PricedItem, ...]:
        """What a recorded version pays, in the version's order (nothing by default)."""
        return ()

    def item_label(self, item: Level | Bracket | None, amount: int) -> Text:
        """How a report names a priced item: ``Mức 600.000 đ`` by default."""
        return _MSG("level", amount=Text(_vnd(amount, "vi"), _vnd(amount, "en")))

    def find(self, version: ProgrammeVersion, key: int | str) -> str | None:
        """The ident of the priced item a count's key names (its id), or ``None``."""
        return next((p.ident for p in self.priced(version) if p.ident == key), None)

    def known(self, version: ProgrammeVersion) -> str:
        """The keys :meth:`find` knows, for an error message."""
        return ", ".join(p.ident for p in self.priced(version)) or "-"

    def exact_age(self, programme: Programme) -> bool:
        """Whether the gift needs the exact age on the date (not the calendar-year age)."""
        return False

    def scope(self, programme: Programme) -> tuple[Rule, ...]:
        """Who a version with no recorded instrument could concern: the ``covers`` rules."""
        return programme.covers

    def __repr__(self) -> str:
        return f"<kind {self.name}>"


def _vnd(amount: int, lang: Lang) -> str:
    return format_vnd(amount, locale=lang)


class LevelsKind(Kind):
    """``levels``: one gift at the highest level whose rules the person meets."""

    name = "levels"
    shape = ("levels",)
    reads = "categories"
    changes = ("level", "eligibility")

    def priced(self, version: ProgrammeVersion) -> tuple[PricedItem, ...]:
        return tuple(
            PricedItem(lv.id, lv.amount, lv, in_kind_value=lv.in_kind_value)
            for lv in version.levels
        )

    def find(self, version: ProgrammeVersion, key: int | str) -> str | None:
        """A level by its amount (``int``) or id (``str``)."""
        found = version.find_level(key)
        return found.id if found is not None else None

    def known(self, version: ProgrammeVersion) -> str:
        return ", ".join(str(level.amount) for level in version.levels) or "-"

    def scope(self, programme: Programme) -> tuple[Rule, ...]:
        """``covers``, else every rule of every version's levels."""
        if programme.covers:
            return programme.covers
        return tuple(
            rule for other in programme.versions for level in other.levels for rule in level.rules
        )


class LongevityKind(Kind):
    """``longevity``: the age bracket covering the age, by the programme's age basis."""

    name = "longevity"
    shape = ("brackets",)
    reads = "birth"
    changes = ("bracket",)
    section = "longevity"
    section_title = _MSG("longevity_section")

    def priced(self, version: ProgrammeVersion) -> tuple[PricedItem, ...]:
        return tuple(
            PricedItem(b.id, b.amount, b, ages=_ages(b), in_kind_value=b.in_kind_value)
            for b in version.brackets
        )

    def item_label(self, item: Level | Bracket | None, amount: int) -> Text:
        """``Tuổi 70`` / ``Age 70``, or ``Từ 101 tuổi`` / ``Age 101 and over``."""
        age = getattr(item, "age", None)
        if age is not None:
            return _MSG("age", age=age)
        last = getattr(item, "last_age", None)
        if last is not None:
            return _MSG("age_range", first=getattr(item, "first_age", None), last=last)
        return _MSG("from_age", age=getattr(item, "first_age", None))

    def exact_age(self, programme: Programme) -> bool:
        return programme.age_basis == "exact"


def _ages(bracket: Bracket) -> str:
    if bracket.age is not None:
        return str(bracket.age)
    last = bracket.last_age
    return f"{bracket.first_age}+" if last is None else f"{bracket.first_age}-{last}"


FIXED = "selected"
"""The ident of a fixed amount's one priced item (its "level" in entitlements and lines)."""


class SelectedKind(Kind):
    """``selected``: a fixed amount for recipients an authority chooses, up to a quota."""

    name = "selected"
    shape = ("amount",)
    optional = ("quota",)
    reads = "selections"
    changes = ("quota",)
    fixed_amount = True

    def priced(self, version: ProgrammeVersion) -> tuple[PricedItem, ...]:
        return (PricedItem(FIXED, version.amount or 0, None, quota=version.quota),)


class SocializedKind(Kind):
    """``socialized``: donated gifts with no fixed level, reported and never computed."""

    name = "socialized"
    shape = ()
    reads = "none"


KINDS: Mapping[str, Kind] = MappingProxyType(
    {kind.name: kind for kind in (LevelsKind(), LongevityKind(), SelectedKind(), SocializedKind())}
)
"""Every programme kind by name, in the order the docs list them."""


def kind_of(name: str) -> Kind:
    """The kind called ``name``; ``KeyError`` for an unknown one (the model refuses those)."""
    return KINDS[name]


def kinds_with(change: Change) -> tuple[str, ...]:
    """The names of the kinds a reform ``change`` applies to (``"quota"`` → ``("selected",)``)."""
    return tuple(name for name, kind in KINDS.items() if change in kind.changes)


__all__ = [
    "FIXED",
    "KINDS",
    "SHAPE_FIELDS",
    "SHAPE_KEYS",
    "Change",
    "Kind",
    "LevelsKind",
    "LongevityKind",
    "PricedItem",
    "ProgrammeKind",
    "Reads",
    "SelectedKind",
    "ShapeField",
    "SocializedKind",
    "kind_of",
    "kinds_with",
]
