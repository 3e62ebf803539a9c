"""Terminal text of rulesets: the ``rulesets list`` table and the ``rulesets show`` view.

Plain lines, no colour: a header, then each programme with its dated versions, levels,
brackets, amounts and legal bases, in Vietnamese or English; unconfirmed facts are marked
``[chưa xác nhận]`` / ``[unconfirmed]``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .._i18n import Catalog, Lang, Text
from ..money import format_vnd

if TYPE_CHECKING:
    from ..rules.model import (
        Bracket,
        InKind,
        Label,
        LegalBasis,
        Level,
        Programme,
        ProgrammeVersion,
        Rule,
        Ruleset,
    )

_MSG = Catalog(
    "views.ruleset_text",
    {
        "id": Text("Mã", "Id"),
        "title": Text("Tên", "Title"),
        "jurisdiction": Text("Địa bàn", "Jurisdiction"),
        "occasion": Text("Dịp", "Occasion"),
        "year": Text("Năm", "Year"),
        "tet": Text("Tết Nguyên đán", "Lunar New Year (Tết)"),
        "longevity": Text("Mừng thọ", "Longevity"),
        "source": Text("Lấy từ", "Drawn from"),
        "includes": Text("Bao gồm", "Includes"),
        "note": Text("Ghi chú", "Note"),
        "funding": Text("Nguồn kinh phí", "Funding source"),
        "kind": Text("Loại", "Kind"),
        "basis": Text("Căn cứ", "Legal basis"),
        "references": Text("Văn bản liên quan", "References"),
        "covers": Text("Dành cho", "For"),
        "age_basis": Text("Cách tính tuổi", "Age basis"),
        "calendar_year": Text("năm mừng thọ trừ năm sinh", "celebration year minus birth year"),
        "exact": Text("tuổi tròn vào ngày", "full years on the date"),
        "from": Text("Từ {date}", "From {date}"),
        "always": Text("Từ đầu dữ liệu", "From the start of the data"),
        "gap": Text("không có văn bản được ghi nhận", "no recorded instrument"),
        "unconfirmed": Text("[chưa xác nhận]", "[unconfirmed]"),
        "level": Text("Mức", "Level"),
        "amount": Text("Số tiền", "Amount"),
        "who": Text("Đối tượng", "Who qualifies"),
        "unstated": Text("chưa rõ đối tượng nào", "not stated who"),
        "age": Text("Tuổi", "Age"),
        "in_kind": Text("Hiện vật", "In kind"),
        "quota": Text("Số suất", "Quota"),
        "selection": Text("Lựa chọn", "Selection"),
        "no_level": Text(
            "không có mức cố định (báo cáo, không tính)", "no fixed level (reported, not computed)"
        ),
        "worth": Text("trị giá {value}", "worth {value}"),
        "nothing": Text(
            "Không có chương trình nào có hiệu lực ngày {date}.", "No programme in force on {date}."
        ),
    },
)


def ruleset_list_text(rulesets: Iterable[Ruleset], *, lang: Lang = "vi") -> list[str]:
    """The ``rulesets list`` table: id, occasion, year, jurisdiction, title."""
    rows = [
        [
            r.id,
            _occasion(r, lang),
            str(r.year or ""),
            r.jurisdiction.get(lang),
            r.title.get(lang),
        ]
        for r in rulesets
    ]
    header = [_MSG(k).get(lang) for k in ("id", "occasion", "year", "jurisdiction", "title")]
    return _table(header, rows)


def ruleset_text(
    ruleset: Ruleset, *, lang: Lang = "vi", on: dt.date | None = None, all_versions: bool = False
) -> list[str]:
    """The readable view of a ruleset: header, then each programme with its versions.

    ``on`` shows only what is in force that day; otherwise the versions in force during
    the ruleset's period (every version with ``all_versions`` or an open period).
    """
    out = [f"{ruleset.id} — {ruleset.title.get(lang)}"]
    out.append(f"{_MSG('jurisdiction').get(lang)}: {ruleset.jurisdiction.get(lang)}")
    when = _occasion(ruleset, lang) + (f" {ruleset.year}" if ruleset.year else "")
    out.append(f"{_MSG('occasion').get(lang)}: {when}")
    if ruleset.source is not None:
        out.append(f"{_MSG('source').get(lang)}: {_cite(ruleset.source, lang)}")
    if ruleset.includes:
        out.append(f"{_MSG('includes').get(lang)}: {', '.join(ruleset.includes)}")
    if ruleset.note:
        out.append(f"{_MSG('note').get(lang)}: {_note(ruleset.note, lang)}")
    if on is not None:
        pairs = [(f.programme, [f.version]) for f in ruleset.in_force(on=on)]
        if not pairs:
            out += ["", _MSG("nothing", date=on.strftime("%d/%m/%Y")).get(lang)]
    else:
        start, end = (None, None) if all_versions else ruleset.period
        pairs = [(p, list(p.versions_during(start, end))) for p in ruleset.all_programmes()]
    for programme, versions in pairs:
        out.append("")
        out += _render_programme(programme, versions, lang)
    return out


def _render_programme(
    programme: Programme, versions: list[ProgrammeVersion], lang: Lang
) -> list[str]:
    out = [f"■ {programme.id} — {programme.title.get(lang)}"]
    out.append(
        f"  {_MSG('funding').get(lang)}: {programme.source.label(lang)} · "
        f"{_MSG('kind').get(lang)}: {programme.kind_spec.label.get(lang)}"
    )
    if programme.kind_spec.reads == "birth":  # the age basis decides the bracket
        out.append(f"  {_MSG('age_basis').get(lang)}: {_MSG(programme.age_basis).get(lang)}")
    if programme.selection is not None:
        out.append(f"  {_MSG('selection').get(lang)}: {programme.selection.get(lang)}")
    if programme.basis is not None:
        out.append(f"  {_MSG('basis').get(lang)}: {_cite(programme.basis, lang)}")
    for reference in programme.references:
        out.append(f"  {_MSG('references').get(lang)}: {_cite(reference, lang)}")
    if programme.covers:
        covers = "; ".join(_rule(r, lang) for r in programme.covers)
        out.append(f"  {_MSG('covers').get(lang)}: {covers}")
    if programme.note:
        out.append(f"  {_MSG('note').get(lang)}: {_note(programme.note, lang)}")
    for version in versions:
        out += _render_version(programme, version, lang)
    return out


def _render_version(programme: Programme, version: ProgrammeVersion, lang: Lang) -> list[str]:
    start = (
        _MSG("from", date=version.effective.strftime("%d/%m/%Y")).get(lang)
        if version.effective
        else _MSG("always").get(lang)
    )
    if not version.recorded:
        head = f"  ▸ {start}: {_MSG('gap').get(lang)} {_MSG('unconfirmed').get(lang)}"
        return [head, f"      {_MSG('note').get(lang)}: {_note(version.note, lang)}"]
    out = []
    basis = version.basis or programme.basis
    out.append(f"  ▸ {start} · {_MSG('basis').get(lang)}: {_cite(basis, lang)}")
    if version.note:
        out.append(f"      {_MSG('note').get(lang)}: {_note(version.note, lang)}")
    if version.levels:
        rows = []
        for level in version.levels:
            who = [_rule(r, lang) for r in level.rules] or [_MSG("unstated").get(lang)]
            if not level.rules_stated:
                who = [f"{who[0]} {_MSG('unconfirmed').get(lang)}"]
            rows.append([level.id, format_vnd(level.amount, locale=lang), who[0]])
            rows += [["", "", w] for w in who[1:]]
            rows += _item_notes(version, level, lang)
        header = [_MSG(k).get(lang) for k in ("level", "amount", "who")]
        out += ["    " + line for line in _table(header, rows)]
    if version.brackets:
        rows = []
        for bracket in version.brackets:
            goods = ", ".join(_in_kind(g, lang) for g in bracket.in_kind)
            rows.append([bracket.describe(lang), format_vnd(bracket.amount, locale=lang), goods])
            rows += _item_notes(version, bracket, lang)
        header = [_MSG(k).get(lang) for k in ("age", "amount", "in_kind")]
        out += ["    " + line for line in _table(header, rows)]
    if version.amount is not None:
        quota = "" if version.quota is None else str(version.quota)
        header = [_MSG(k).get(lang) for k in ("amount", "quota")]
        out += [
            "    " + line
            for line in _table(header, [[format_vnd(version.amount, locale=lang), quota]])
        ]
    if not programme.kind_spec.computed:
        out.append(f"    {_MSG('no_level').get(lang)}")
    return out


def _item_notes(version: ProgrammeVersion, item: Level | Bracket, lang: Lang) -> list[list[str]]:
    rows = []
    if item.basis is not None and item.basis != version.basis:
        rows.append(["", "", f"{_MSG('basis').get(lang)}: {_cite(item.basis, lang)}"])
    if item.note:
        rows.append(["", "", f"{_MSG('note').get(lang)}: {_note(item.note, lang)}"])
    return rows


def _occasion(ruleset: Ruleset, lang: Lang) -> str:
    """The occasion's name: the catalog's for a known one, else the ruleset's own title."""
    if ruleset.occasion in _MSG.templates:
        return _MSG(ruleset.occasion).get(lang)
    return ruleset.occasion_label.get(lang)


def _note(note: Label | str, lang: Lang) -> str:
    return note if isinstance(note, str) else note.get(lang)


def _cite(basis: LegalBasis | None, lang: Lang) -> str:
    if basis is None:
        return "-"
    text = basis.cite(lang)
    if not basis.confirmed:
        text += f" {_MSG('unconfirmed').get(lang)} — {_note(basis.note, lang)}"
    return text


def _rule(rule: Rule, lang: Lang) -> str:
    text = rule.describe(lang)
    if not rule.confirmed:
        text += f" {_MSG('unconfirmed').get(lang)}"
    return text


def _in_kind(item: InKind, lang: Lang) -> str:
    text = item.describe(lang)
    if item.value is not None:
        text += " " + _MSG("worth", value=format_vnd(item.value, locale=lang)).get(lang)
    return text


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    return [line(header), line(["─" * w for w in widths]), *(line(r) for r in rows)]


__all__ = ["ruleset_list_text", "ruleset_text"]
