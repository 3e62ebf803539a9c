"""An :class:`~welfare_rules.entitle.allocate.Allocation` as a report tree that reconciles.

The grouping follows the gift table of a city's Tết report: the total; Tết gifts from the
budget, the sections of kinds that have their own (longevity gifts, see
:attr:`Kind.section`) and socialized gifts; each by funding source; within a source,
one node per programme when there are several; then one line per level or bracket.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._i18n import Catalog, Lang, Text
from ..audit.report import Node, Report
from ..money import format_vnd
from ..rules.kinds import KINDS
from ..tiers import FundingSource

if TYPE_CHECKING:
    from .allocate import Allocation, Line

_MSG = Catalog(
    "entitle.report",
    {
        "total": Text(vi="Tổng số quà ({ruleset}, ngày {on})", en="All gifts ({ruleset}, on {on})"),
        "budget": Text(vi="Quà Tết từ nguồn ngân sách", en="Tết gifts from the budget"),
        "socialized": Text(vi="Quà từ nguồn xã hội hóa", en="Socialized gifts"),
        "source": Text(vi="Nguồn kinh phí {source}", en="{source} funding"),
        "in_kind": Text(vi=" (gồm {value} hiện vật)", en=" (of which {value} in kind)"),
        "title": Text(
            vi="Dự toán quà theo bộ quy định {ruleset}, ngày {on}",
            en="Gift budget under ruleset {ruleset}, on {on}",
        ),
    },
)

# Report sections in order: State-budget Tết gifts, each kind's own section (longevity
# gifts), then socialized gifts; each with its heading.
_TITLES: dict[str, Text] = {
    "budget": _MSG("budget"),
    **{k.section: k.section_title for k in KINDS.values() if k.section and k.section_title},
    "socialized": _MSG("socialized"),
}
_SECTIONS = tuple(_TITLES)


def _section(line: Line) -> str:
    """The kind's own section (longevity gifts), else the funding source's."""
    section = KINDS[line.kind].section
    if section is not None:
        return section
    return "socialized" if line.source is FundingSource.SOCIALIZED else "budget"


def _parent(label: str, children: list[Node], *, source: FundingSource | None = None) -> Node:
    return Node(
        label=label,
        count=sum(child.count or 0 for child in children),
        count_unit="suất",
        amount=sum(child.amount or 0 for child in children),
        source=source,
        children=tuple(children),
    )


def _leaf(line: Line, label: str, lang: Lang) -> Node:
    """``count × level = amount``, the level and the amount with the goods' value, which
    the label states (``Tuổi 90 (gồm 150.000 đ hiện vật)``)."""
    if line.level_in_kind:
        value = format_vnd(line.level_in_kind, locale=lang)
        label += _MSG("in_kind", value=value).get(lang)
    return Node(
        label=label,
        count=line.count,
        count_unit="suất",
        level=line.level_amount + line.level_in_kind,
        amount=line.total,
        source=line.source,
    )


def _programme_node(lines: list[Line], lang: Lang, *, alone: bool) -> list[Node]:
    first = lines[0]
    if KINDS[first.kind].fixed_amount:  # one line: the programme and its amount
        return [_leaf(first, f"{first.title.get(lang)}: {first.label.get(lang)}", lang)]
    leaves = [_leaf(line, line.label.get(lang), lang) for line in lines]
    if alone:
        return leaves
    return [_parent(first.title.get(lang), leaves, source=first.source)]


def allocation_report(allocation: Allocation, *, lang: Lang = "vi") -> Report:
    """See :meth:`Allocation.to_report`."""
    tree: dict[str, dict[FundingSource, dict[str, list[Line]]]] = {s: {} for s in _SECTIONS}
    for line in allocation.lines:
        if line.count:
            by_source = tree[_section(line)].setdefault(line.source, {})
            by_source.setdefault(line.programme, []).append(line)
    sections: list[Node] = []
    for section in _SECTIONS:
        sources: list[Node] = []
        for source in sorted(tree[section]):
            programmes = tree[section][source]
            alone = len(programmes) == 1
            children = [
                node
                for lines in programmes.values()
                for node in _programme_node(lines, lang, alone=alone)
            ]
            label = _MSG("source", source=source.label(lang)).get(lang)
            sources.append(_parent(label, children, source=source))
        if sources:
            sections.append(_parent(_TITLES[section].get(lang), sources))
    fields = {"ruleset": allocation.ruleset, "on": allocation.on.strftime("%d/%m/%Y")}
    root = _parent(_MSG("total", **fields).get(lang), sections)
    return Report(title=_MSG("title", **fields).get(lang), nodes=(root,))


__all__ = ["allocation_report"]
