"""Terminal text of entitlements: one person's gifts and reasons, and a population's budget."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from .._i18n import Catalog, Lang, Text
from ..money import format_vnd

if TYPE_CHECKING:
    from ..entitle.allocate import Allocation
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
        "undetermined": Text(
            "Chưa xác định ({count} trường hợp):", "Undetermined ({count} cases):"
        ),
        "open_line": Text("  {count} × {reason}", "  {count} × {reason}"),
        "quotas": Text("Định mức:", "Quotas:"),
    },
)


def entitlements_text(
    results: Iterable[tuple[Person, Sequence[Item]]], *, lang: Lang = "vi"
) -> list[str]:
    """Each person (by id, else by position): every item with its amount and reason, the
    undetermined ones with what is missing, and the total."""
    out: list[str] = []
    for index, (person, items) in enumerate(results):
        out.append(_MSG("person", name=person.id or index + 1).get(lang))
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


def _total(items: Sequence[Item]) -> int:
    return sum(item.amount for item in items if item.amount is not None)


def budget_text(allocation: Allocation, *, lang: Lang = "vi") -> list[str]:
    """The ``budget`` command's text: by funding source, each line, the total, the
    undetermined cases and the quota checks."""
    out: list[str] = []

    def money(amount: int) -> str:
        return format_vnd(amount, locale=lang)

    on = allocation.on.strftime("%d/%m/%Y")
    header = _MSG("header", ruleset=allocation.ruleset, on=on, people=allocation.population)
    out.append(header.get(lang))
    by_source = allocation.by_source()
    for source, totals in by_source.items():
        label = source.label(lang)
        out.append(
            _MSG("source", source=label, count=totals.count, amount=money(totals.amount)).get(lang)
        )
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
                out.append(text.get(lang))
    total = allocation.total
    out.append(_MSG("grand", count=total.count, amount=money(total.amount)).get(lang))
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


__all__ = ["budget_text", "entitlements_text"]
