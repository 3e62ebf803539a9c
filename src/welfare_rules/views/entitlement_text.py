"""Terminal text of entitlements: one person's gifts and reasons, and a population's budget.

With ``entitlements --explain``, :func:`explained_text` and :func:`explained_document`
add under each person the tree of :func:`welfare_rules.entitle.explain.explain`
(programme → version in force → rule matched → inputs used → level → citation), the
same tree ``welfare-rules explain`` prints.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from .._i18n import Catalog, Lang, Text
from ..money import format_vnd

if TYPE_CHECKING:
    from ..entitle.allocate import Allocation, Totals
    from ..entitle.explain import Explanation
    from ..entitle.person import Person
    from ..entitle.results import Item

_MSG = Catalog(
    "views.entitlement_text",
    {
        "person": Text("Người {name}", "Person {name}"),
        "nothing": Text("  không có quà", "  no gift"),
        "total": Text("  Tổng: {amount}", "  Total: {amount}"),
        "open": Text("  Chưa xác định: {reason}", "  Undetermined: {reason}"),
        "header": Text(
            "Dự toán quà theo {ruleset}, ngày {on}: {people} người",
            "Gift budget under {ruleset}, on {on}: {people} people",
        ),
        "source": Text(
            "Nguồn {source}: {count} suất, {amount}", "{source}: {count} gifts, {amount}"
        ),
        "line": Text(
            "  {title} — {label}: {count} suất × {level} = {amount}",
            "  {title} — {label}: {count} × {level} = {amount}",
        ),
        "grand": Text("Tổng cộng: {count} suất, {amount}", "Total: {count} gifts, {amount}"),
        "split": Text(
            ", trong đó tiền mặt {cash}, hiện vật {in_kind}",
            ", of which {cash} in cash and {in_kind} in kind",
        ),
        "line_kind": Text(
            "; hiện vật {count} suất × {level} = {amount}",
            "; in kind {count} × {level} = {amount}",
        ),
        "undetermined": Text(
            "Chưa xác định ({count} trường hợp):", "Undetermined ({count} cases):"
        ),
        "open_line": Text("  {count} × {reason}", "  {count} × {reason}"),
        "quotas": Text("Định mức:", "Quotas:"),
        "why": Text("  Giải thích:", "  Why:"),
    },
)


def entitlements_text(
    results: Iterable[tuple[Person, Sequence[Item]]], *, lang: Lang = "vi"
) -> list[str]:
    """Each person (by id, else by position): every item with its amount and reason, the
    undetermined ones with what is missing, and the total."""
    out: list[str] = []
    for index, (person, items) in enumerate(results):
        out.extend(_person(index, person, items, lang=lang))
    return out


def _person(index: int, person: Person, items: Sequence[Item], *, lang: Lang) -> list[str]:
    out = [_MSG("person", name=person.id or index + 1).get(lang)]
    for item in items:
        if item.amount is None:
            out.append(_MSG("open", reason=item.describe(lang)).get(lang))
        else:
            out.append(f"  {format_vnd(item.amount, locale=lang)}: {item.describe(lang)}")
    if not items:
        out.append(_MSG("nothing").get(lang))
    else:
        out.append(_MSG("total", amount=format_vnd(_total(items), locale=lang)).get(lang))
    return out


def explained_text(
    results: Iterable[tuple[Person, Explanation]], *, lang: Lang = "vi"
) -> list[str]:
    """:func:`entitlements_text` of each person, followed by the person's explanation
    tree (indented under ``Why:``), as ``welfare-rules explain`` prints it."""
    out: list[str] = []
    for index, (person, tree) in enumerate(results):
        out.extend(_person(index, person, tree.items, lang=lang))
        out.append(_MSG("why").get(lang))
        out.extend("    " + line for line in tree.text(lang).splitlines())
    return out


def explained_document(
    results: Iterable[tuple[Person, Explanation]], *, lang: Lang
) -> list[dict[str, Any]]:
    """``entitlements --explain --json``: each person's id, total and items (as
    ``entitlements --json``) and ``explanation``, the tree's ``to_dict``."""
    from .json import entitlements_document

    pairs = list(results)
    documents = entitlements_document([(p, tree.items) for p, tree in pairs], lang=lang)
    return [
        {**document, "explanation": tree.root.to_dict(lang=lang)}
        for document, (_, tree) in zip(documents, pairs, strict=True)
    ]


def _total(items: Sequence[Item]) -> int:
    return sum(item.amount for item in items if item.amount is not None)


def budget_text(allocation: Allocation, *, lang: Lang = "vi") -> list[str]:
    """The ``budget`` command's text: by funding source, each line, the total, the
    undetermined cases and the quota checks."""
    out: list[str] = []

    def money(amount: int) -> str:
        return format_vnd(amount, locale=lang)

    def split(totals: Totals) -> str:  # cash and goods apart, when there are goods
        if not totals.in_kind:
            return ""
        return _MSG("split", cash=money(totals.amount), in_kind=money(totals.in_kind)).get(lang)

    on = allocation.on.strftime("%d/%m/%Y")
    header = _MSG("header", ruleset=allocation.ruleset, on=on, people=allocation.population)
    out.append(header.get(lang))
    by_source = allocation.by_source()
    for source, totals in by_source.items():
        label = source.label(lang)
        text = _MSG("source", source=label, count=totals.count, amount=money(totals.total))
        out.append(text.get(lang) + split(totals))
        for line in allocation.lines:
            if line.source is source and line.count:
                text = _MSG(
                    "line",
                    title=line.title.get(lang),
                    label=line.label.get(lang),
                    count=line.count,
                    level=money(line.level_amount),
                    amount=money(line.amount),
                )
                goods = ""
                if line.in_kind:
                    level, amount = money(line.level_in_kind), money(line.in_kind)
                    goods = _MSG("line_kind", count=line.count, level=level, amount=amount).get(
                        lang
                    )
                out.append(text.get(lang) + goods)
    total = allocation.total
    out.append(_MSG("grand", count=total.count, amount=money(total.total)).get(lang) + split(total))
    if allocation.undetermined:
        out.append(_MSG("undetermined", count=allocation.undetermined_count).get(lang))
        for group in allocation.undetermined:
            out.append(
                _MSG("open_line", count=group.count, reason=group.item.describe(lang)).get(lang)
            )
    if allocation.quotas:
        out.append(_MSG("quotas").get(lang))
        for quota in allocation.quotas:
            out.append(f"  {quota.message.get(lang)}")
    return out


__all__ = ["budget_text", "entitlements_text", "explained_document", "explained_text"]
