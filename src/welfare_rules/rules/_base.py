"""The building blocks of rule data: bilingual labels and notes, legal citations, in-kind
gifts, the shared field types, and the error semantic checks raise.

Semantic checks raise :class:`RuleInvalidError` (a ``ValueError``) inside validation, carrying
a bilingual reason and the key path below the model that raised it; the loader
(:mod:`welfare_rules.rules.load`) turns them into :class:`~welfare_rules.errors.RuleDataError`
with the file and line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Annotated, Literal

from pydantic import Field, Strict, StringConstraints, model_validator

from .._i18n import Catalog, Lang, Text
from .._types import VND, FileModel, InvalidFieldError
from .categories import AttributeValue
from .kinds import ProgrammeKind

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]*$", max_length=80)]
Flag = Annotated[bool, Strict()]
Age = Annotated[int, Strict(), Field(ge=0, le=150)]
InstrumentKind = Literal[
    "law", "ordinance", "decree", "decision", "resolution", "circular", "guidance", "plan", "report"
]
AgeBasis = Literal["calendar_year", "exact"]
# The occasion a ruleset or programme is for: a known one (``OCCASIONS``) or any named
# occasion (a slug, with its title in ``occasion_title``).
Occasion = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=40)]
ResidenceKind = Literal["permanent", "temporary"]  # thường trú / tạm trú
Comparator = Literal[">=", ">", "<=", "<", "==", "!="]
# A person's categories as the engines hand them to rules: category -> attribute -> value.
PersonCategories = Mapping[str, Mapping[str, AttributeValue]]

_MSG = Catalog(
    "rules.base",
    {
        "note": Text(
            vi="dữ liệu chưa được xác nhận (confirmed = false) phải có ghi chú (note)",
            en="unconfirmed data (confirmed = false) must carry a note",
        ),
        "not_stated": Text(
            vi="tệp không ghi confirmed: coi là chưa được xác nhận",
            en="the file does not say confirmed: read as not confirmed",
        ),
    },
)

# The occasions every view can name; any other occasion carries its own title.
OCCASIONS: Mapping[str, Text] = {
    "tet": Text("Tết Nguyên đán", "Lunar New Year (Tết)"),
    "longevity": Text("Mừng thọ", "Longevity"),
    "war_invalids_day": Text(
        "Ngày Thương binh - Liệt sĩ (27/7)", "War Invalids and Martyrs Day (27/7)"
    ),
    "one_off": Text("Quà tặng một lần", "One-off gift"),
}


def unconfirmed_by_default(data: object) -> object:
    """``data`` with ``confirmed = false`` and a note saying so when it leaves out ``confirmed``.

    An omitted flag never reads as confirmed: rule data says ``confirmed = true`` with a
    basis, or is unconfirmed with a note (this one, when the file gives none).
    """
    if isinstance(data, dict) and "confirmed" not in data:
        text = _MSG("not_stated")
        note = data.get("note")
        if note is None or (isinstance(note, str) and not note.strip()):
            return {**data, "confirmed": False, "note": {"vi": text.vi, "en": text.en}}
        return {**data, "confirmed": False}
    return data


# A semantic error found while validating rule data: ``at`` is the key path below the
# model that raised it; the loader prefixes the model's own location and wraps it into
# ``RuleDataError`` (one class for every model: see ``_types.InvalidFieldError``).
RuleInvalidError = InvalidFieldError


class RuleModel(FileModel):
    """The base of every rule-data model: frozen, no unknown keys, TOML keys as aliases."""


def is_blank(note: Label | str) -> bool:
    """Whether a note says nothing (an empty or blank string)."""
    return isinstance(note, str) and not note.strip()


def note_text(note: Label | str, *, lang: Lang = "vi") -> str:
    """A note in ``lang``: notes are ``{ vi = "…", en = "…" }`` or one plain string."""
    return note.get(lang) if isinstance(note, Label) else note


def require_note(confirmed: bool, note: Label | str, *, at: str = "note") -> None:
    if not confirmed and is_blank(note):
        raise RuleInvalidError(_MSG("note"), at=at)


class Label(RuleModel):
    """A name in Vietnamese and English."""

    vi: Annotated[str, StringConstraints(min_length=1)]
    en: Annotated[str, StringConstraints(min_length=1)]

    def get(self, lang: Lang = "vi") -> str:
        """The name in ``lang``."""
        return self.vi if lang == "vi" else self.en


# A note: in both languages (``{ vi = "…", en = "…" }``), or one string.
Note = Label | str


_KIND_LABELS: Mapping[str, Text] = {
    "law": Text("Luật", "Law"),
    "ordinance": Text("Pháp lệnh", "Ordinance"),
    "decree": Text("Nghị định", "Decree"),
    "decision": Text("Quyết định", "Decision"),
    "resolution": Text("Nghị quyết", "Resolution"),
    "circular": Text("Thông tư", "Circular"),
    "guidance": Text("Hướng dẫn", "Guidance"),
    "plan": Text("Kế hoạch", "Plan"),
    "report": Text("Báo cáo", "Report"),
}


class LegalBasis(RuleModel):
    """A cited instrument (căn cứ pháp lý): number, kind, issuer, date, and whether confirmed.

    ``confirmed = false`` means no public source confirms the fact it supports; such a
    citation carries a ``note`` saying what is and is not known.
    """

    number: Annotated[str, StringConstraints(min_length=1)]  # số hiệu, e.g. 1583/QĐ-CTN
    kind: InstrumentKind
    issuer: Label
    date: dt.date | None = None
    title: Label | None = None
    article: str | None = None  # điều
    url: str | None = None
    confirmed: Flag
    note: Note = ""

    @model_validator(mode="after")
    def _check(self) -> LegalBasis:
        require_note(self.confirmed, self.note)
        return self

    def cite(self, lang: Lang = "vi") -> str:
        """One line: ``Quyết định 1583/QĐ-CTN ngày 26/12/2023 của Chủ tịch nước``."""
        kind = _KIND_LABELS[self.kind].get(lang)
        when = self.date.strftime("%d/%m/%Y") if self.date else None
        if lang == "vi":
            text = f"{kind} {self.number}"
            text += f" ngày {when}" if when else ""
            text += f" của {self.issuer.vi}"
            text += f", Điều {self.article}" if self.article else ""
        else:
            text = f"{kind} {self.number}"
            text += f" of {when}" if when else ""
            text += f" ({self.issuer.en})"
            text += f", Art. {self.article}" if self.article else ""
        return text


class InKind(RuleModel):
    """A component of a gift besides its cash (hiện vật): ``5 m`` of silk, goods worth ``150.000đ``.

    ``value`` is what the component costs the budget (trị giá), when a source states it;
    ``value_at_most = true`` says the source gives it as a ceiling ("trị giá không quá").
    A component with no ``value`` is counted in budgets as goods of unknown value.
    """

    vi: Annotated[str, StringConstraints(min_length=1)]
    en: Annotated[str, StringConstraints(min_length=1)]
    quantity: Annotated[int, Strict(), Field(gt=0)] | None = None
    unit: str = ""
    value: VND | None = None  # trị giá
    value_at_most: Flag = False  # trị giá tối đa

    def describe(self, lang: Lang = "vi") -> str:
        """``5 m lụa`` / ``5 m silk``, ``hiện vật trị giá 150000`` when only a value is known."""
        name = self.vi if lang == "vi" else self.en
        if self.quantity is not None:
            unit = f" {self.unit}" if self.unit else ""
            name = f"{self.quantity}{unit} {name}"
        return name


__all__ = [
    "OCCASIONS",
    "Age",
    "AgeBasis",
    "Comparator",
    "Flag",
    "InKind",
    "InstrumentKind",
    "Label",
    "LegalBasis",
    "Note",
    "Occasion",
    "PersonCategories",
    "ProgrammeKind",
    "ResidenceKind",
    "RuleInvalidError",
    "RuleModel",
    "Slug",
    "is_blank",
    "note_text",
    "require_note",
    "unconfirmed_by_default",
]
