"""``welfare-rules entitlements`` (one person or a list) and ``welfare-rules budget`` (a CSV)."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._i18n import Catalog, Lang, Text
from ..money import format_vnd
from ._common import EXIT_OK, UsageError, add_output_options, lang_of, print_json

if TYPE_CHECKING:
    from ..entitle.allocate import Allocation
    from ..entitle.results import Item

_MSG = Catalog(
    "cli.entitlements",
    {
        "help": Text(
            "quà một người (hoặc danh sách) được nhận, kèm lý do",
            "what one person (or a list) receives, and why",
        ),
        "budget_help": Text(
            "dự toán quà cho cả danh sách (CSV) theo nguồn kinh phí và mức",
            "the gift budget of a population (CSV) by funding source and level",
        ),
        "bad_date": Text(
            "ngày không hợp lệ: {value!r} (dùng YYYY-MM-DD)", "bad date {value!r} (use YYYY-MM-DD)"
        ),
        "read": Text("không đọc được tệp {path}: {detail}", "cannot read {path}: {detail}"),
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


def register(subparsers: Any) -> None:
    """Add ``entitlements`` and ``budget``."""
    one = subparsers.add_parser("entitlements", help=_MSG("help").en, description=_MSG("help").en)
    _common_options(one)
    one.add_argument("person", metavar="PERSON.json", help="one person (object) or a list")
    one.set_defaults(handler=_entitlements)
    many = subparsers.add_parser(
        "budget", help=_MSG("budget_help").en, description=_MSG("budget_help").en
    )
    _common_options(many)
    many.add_argument("people", metavar="PEOPLE.csv", help="columns: see docs/entitlements.md")
    many.set_defaults(handler=_budget)


def _common_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--ruleset", required=True, metavar="ID", help="bundled id or .toml path")
    parser.add_argument("--on", required=True, metavar="DATE", help="the date (YYYY-MM-DD)")
    add_output_options(parser)


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(_MSG("bad_date", value=value)) from None


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(_MSG("read", path=path, detail=exc)) from None


def _entitlements(args: argparse.Namespace) -> int:
    from ..entitle.engine import entitlements
    from ..entitle.person import people_from_json
    from ..rules.load import load_ruleset

    lang = lang_of(args)
    on = _date(args.on)
    ruleset = load_ruleset(args.ruleset)
    people = people_from_json(_read(args.person))
    results = [(person, entitlements(person, ruleset, on=on)) for person in people]
    if args.json:
        print_json(
            [
                {
                    "id": person.id,
                    "total": _total(items),
                    "items": [item.to_dict(lang) for item in items],
                }
                for person, items in results
            ]
        )
        return EXIT_OK
    for index, (person, items) in enumerate(results):
        print(_MSG("person", name=person.id or index + 1).get(lang))
        for item in items:
            if item.amount is None:
                print(_MSG("open", reason=item.describe(lang)).get(lang))
            else:
                print(f"  {format_vnd(item.amount, locale=lang)}: {item.describe(lang)}")
        if not items:
            print(_MSG("nothing").get(lang))
        else:
            print(_MSG("total", amount=format_vnd(_total(items), locale=lang)).get(lang))
    return EXIT_OK


def _total(items: list[Item]) -> int:
    return sum(item.amount for item in items if item.amount is not None)


def _budget(args: argparse.Namespace) -> int:
    from ..entitle.allocate import allocate
    from ..rules.load import load_ruleset

    lang = lang_of(args)
    on = _date(args.on)
    ruleset = load_ruleset(args.ruleset)
    columns = _csv_columns(_read(args.people))
    allocation = allocate(columns, ruleset, on=on)
    if args.json:
        print_json(allocation.to_dict(lang=lang))
        return EXIT_OK
    _print_budget(allocation, lang)
    return EXIT_OK


def _csv_columns(text: str) -> dict[str, list[Any]]:
    reader = csv.reader(text.splitlines())
    header = next(reader, None) or []
    names = [name.strip() for name in header]
    columns: dict[str, list[Any]] = {name: [] for name in names}
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        cells = row + [""] * (len(names) - len(row))
        for name, cell in zip(names, cells, strict=False):
            columns[name].append(cell.strip() or None)
    return columns


def _print_budget(allocation: Allocation, lang: Lang) -> None:
    def money(amount: int) -> str:
        return format_vnd(amount, locale=lang)

    on = allocation.on.strftime("%d/%m/%Y")
    header = _MSG("header", ruleset=allocation.ruleset, on=on, people=allocation.population)
    print(header.get(lang))
    by_source = allocation.by_source()
    for source, totals in by_source.items():
        label = source.label(lang)
        print(
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
                print(text.get(lang))
    total = allocation.total
    print(_MSG("grand", count=total.count, amount=money(total.amount)).get(lang))
    if allocation.undetermined:
        print(_MSG("undetermined", count=allocation.undetermined_count).get(lang))
        for group in allocation.undetermined:
            print(_MSG("open_line", count=group.count, reason=group.item.describe(lang)).get(lang))
    if allocation.quotas:
        print(_MSG("quotas").get(lang))
        for quota in allocation.quotas:
            print(f"  {quota.message.get(lang)}")
