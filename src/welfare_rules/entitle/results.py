"""What one programme gives one person: an :class:`Entitlement`, or an :class:`Undetermined`.

Both are small frozen value objects; their bilingual ``reason`` is built when read, so a
million evaluations do not pay for text nobody reads.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from .._i18n import Catalog, Lang, Text
from ..money import format_vnd
from ..rules.model import InKind, Label, LegalBasis, ProgrammeKind, Rule, note_text
from ..tiers import FundingSource

UndeterminedCause = Literal["missing_input", "rules_not_stated", "not_recorded"]

_MSG = Catalog(
    "entitle.results",
    {
        "born": Text(
            vi="sinh năm {year}, {age} tuổi vào năm {on_year}",
            en="born in {year}, {age} in {on_year}",
        ),
        "exact": Text(vi="tròn {age} tuổi vào ngày {on}", en="aged {age} on {on}"),
        "selected": Text(vi="được lựa chọn ({selection})", en="selected ({selection})"),
        "gift": Text(vi="{title} {amount}{in_kind}", en="{title} {amount}{in_kind}"),
        "in_kind": Text(vi=" và {items}", en=" and {items}"),
        "paid": Text(vi="do nguồn {source} chi", en="paid from the {source} budget"),
        "basis": Text(vi="căn cứ {cite}", en="legal basis: {cite}"),
        "unconfirmed": Text(vi=" [chưa xác nhận]", en=" [unconfirmed]"),
        "missing_input": Text(
            vi="{title}: chưa xác định được, thiếu {missing}; có thể là {possible}",
            en="{title}: undetermined, missing {missing}; could be {possible}",
        ),
        "rules_not_stated": Text(
            vi="{title}: chưa xác định được, dữ liệu quy định không nêu ai nhận mức nào; "
            "có thể là {possible}",
            en="{title}: undetermined, the rule data does not state who receives which level; "
            "could be {possible}",
        ),
        "not_recorded": Text(
            vi="{title}: chưa xác định được, không có văn bản nào được ghi nhận cho ngày {on}",
            en="{title}: undetermined, no instrument is recorded for {on}",
        ),
        "nothing": Text(vi="không có quà", en="no gift"),
        "or": Text(vi=" hoặc ", en=" or "),
    },
)


def _amount(amount: int, lang: Lang) -> str:
    return format_vnd(amount, locale=lang)


def _cite(basis: LegalBasis, lang: Lang) -> str:
    flag = "" if basis.confirmed else _MSG("unconfirmed").get(lang)
    return basis.cite(lang) + flag


@dataclass(frozen=True, slots=True)
class Entitlement:
    """One gift: programme, funding source, level or bracket, amount, legal basis, reason.

    ``level`` is the level id (``"higher"``), the bracket id (``"age-70"``) or
    ``"selected"``; ``bases`` lists the instrument that sets the amount first, then the
    programme's standing basis when it is another one; ``confirmed`` is false when any
    fact this gift rests on (basis, level, rule, version) is not confirmed by a public
    source. ``extra`` is the id of the programme's extra gift (``ExtraGift``: the
    martyr's representative, one per martyr) when this gift is one, beyond the one gift
    per programme.
    """

    ruleset: str
    programme: str
    title: Label
    kind: ProgrammeKind
    source: FundingSource  # nguồn kinh phí
    level: str  # mức / khung tuổi
    amount: int  # whole VND
    in_kind: tuple[InKind, ...]  # hiện vật
    bases: tuple[LegalBasis, ...]  # căn cứ pháp lý
    confirmed: bool
    on: dt.date
    rule: Rule | None = None  # the rule the person qualified by (levels programmes)
    age: int | None = None  # the age celebrated (longevity programmes)
    birth_year: int | None = None
    exact_age: bool = False  # age by exact age on ``on`` rather than the calendar year
    selection: Label | None = None  # who chose the person (selected programmes)
    extra: str | None = None  # the id of the programme's extra gift this is (quà thêm)

    @property
    def basis(self) -> LegalBasis | None:
        """The instrument that sets the amount (the first of ``bases``)."""
        return self.bases[0] if self.bases else None

    def why(self, lang: Lang = "vi") -> str:
        """Why the person qualifies: the rule, the age, or the selection."""
        if self.age is not None:
            if self.exact_age or self.birth_year is None:
                return _MSG("exact", age=self.age, on=self.on.strftime("%d/%m/%Y")).get(lang)
            return _MSG("born", year=self.birth_year, age=self.age, on_year=self.on.year).get(lang)
        if self.rule is not None:
            return self.rule.describe(lang)
        if self.selection is not None:
            return _MSG("selected", selection=self.selection.get(lang)).get(lang)
        return ""

    def describe(self, lang: Lang = "vi") -> str:
        """The reason as one line: who, what, who pays, and the legal basis."""
        items = ", ".join(item.describe(lang) for item in self.in_kind)
        in_kind = _MSG("in_kind", items=items).get(lang) if items else ""
        gift = _MSG(
            "gift", title=self.title.get(lang), amount=_amount(self.amount, lang), in_kind=in_kind
        ).get(lang)
        paid = _MSG("paid", source=self.source.label(lang).lower()).get(lang)
        text = f"{self.why(lang)}: {gift} {paid}"
        if self.bases:
            cites = "; ".join(_cite(basis, lang) for basis in self.bases)
            text += "; " + _MSG("basis", cite=cites).get(lang)
        return text

    @property
    def reason(self) -> Text:
        """The reason in Vietnamese and English (see :meth:`describe`)."""
        return Text(vi=self.describe("vi"), en=self.describe("en"))

    def to_dict(self, *, lang: Lang = "vi") -> dict[str, object]:
        """A JSON-ready summary (with ``extra``, the extra gift's id, when it is one)."""
        data: dict[str, object] = {
            "type": "entitlement",
            "ruleset": self.ruleset,
            "programme": self.programme,
            "title": self.title.get(lang),
            "source": self.source.value,
            "level": self.level,
            "amount": self.amount,
            "in_kind": [item.describe(lang) for item in self.in_kind],
            "basis": [basis.cite(lang) for basis in self.bases],
            "confirmed": self.confirmed,
            "reason": self.describe(lang),
        }
        if self.extra is not None:
            data["extra"] = self.extra
        return data


@dataclass(frozen=True, slots=True)
class Undetermined:
    """A programme whose result for this person cannot be decided: never a guessed zero.

    ``possible`` lists the level or bracket ids that could apply (with ``amounts``),
    ``may_be_nothing`` whether no gift at all is also possible, ``missing`` the person
    inputs that would decide it (``"war_invalid.injury_rate"``, ``"birth_date"``), and
    ``cause`` why: a missing input, rule data that does not state who receives which
    level, or no recorded instrument for the date.
    """

    ruleset: str
    programme: str
    title: Label
    kind: ProgrammeKind
    source: FundingSource
    possible: tuple[str, ...]
    amounts: tuple[int, ...]
    may_be_nothing: bool
    missing: tuple[str, ...]
    cause: UndeterminedCause
    on: dt.date
    note: Label | str = ""  # what the rule data says about the open question

    @property
    def amount(self) -> None:
        """Always ``None``: the amount is not known."""
        return None

    def describe(self, lang: Lang = "vi") -> str:
        """The reason as one line: which programme, what is missing, what it could be."""
        title = self.title.get(lang)
        if self.cause == "not_recorded":
            return _MSG("not_recorded", title=title, on=self.on.strftime("%d/%m/%Y")).get(lang)
        options = [_amount(amount, lang) for amount in dict.fromkeys(self.amounts)]
        if self.may_be_nothing:
            options.append(_MSG("nothing").get(lang))
        possible = _MSG("or").get(lang).join(options)
        missing = ", ".join(self.missing)
        return _MSG(self.cause, title=title, missing=missing, possible=possible).get(lang)

    @property
    def reason(self) -> Text:
        """The reason in Vietnamese and English (see :meth:`describe`)."""
        return Text(vi=self.describe("vi"), en=self.describe("en"))

    def to_dict(self, *, lang: Lang = "vi") -> dict[str, object]:
        """A JSON-ready summary."""
        return {
            "type": "undetermined",
            "ruleset": self.ruleset,
            "programme": self.programme,
            "title": self.title.get(lang),
            "source": self.source.value,
            "possible": list(self.possible),
            "amounts": list(self.amounts),
            "may_be_nothing": self.may_be_nothing,
            "missing": list(self.missing),
            "cause": self.cause,
            "note": note_text(self.note, lang=lang),
            "reason": self.describe(lang),
        }


Item = Entitlement | Undetermined

__all__ = ["Entitlement", "Item", "Undetermined", "UndeterminedCause"]
