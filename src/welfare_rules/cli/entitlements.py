"""``welfare-rules entitlements`` (one person or a list) and ``welfare-rules budget`` (a CSV).

Arguments and reading only: the text is :mod:`welfare_rules.views.entitlement_text`,
the JSON :mod:`welfare_rules.views.json`.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path
from typing import Any

from .._i18n import Catalog, Text
from ..views.entitlement_text import budget_text, entitlements_text
from ._common import EXIT_OK, UsageError, add_output_options, lang_of, parse_on, print_json

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
        "read": Text("không đọc được tệp {path}: {detail}", "cannot read {path}: {detail}"),
        "encoding": Text(
            "tệp {path} không phải văn bản UTF-8 (byte {byte} ở vị trí {at})",
            "{path} is not UTF-8 text (byte {byte} at position {at})",
        ),
        "no_header": Text(
            "tệp CSV {path} trống: không có dòng tiêu đề (tên cột, xem docs/entitlements.md)",
            "the CSV file {path} is empty: no header row (column names, see docs/entitlements.md)",
        ),
        "duplicate": Text(
            "tệp CSV {path}: cột {name!r} xuất hiện hai lần",
            "{path}: column {name!r} appears twice",
        ),
        "long_row": Text(
            "tệp CSV {path}, dòng {line}: {cells} ô, nhiều hơn {columns} cột của dòng tiêu đề",
            "{path}, line {line}: {cells} cells, more than the {columns} columns of the header",
        ),
        "csv": Text("tệp CSV {path}, dòng {line}: {detail}", "{path}, line {line}: {detail}"),
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


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        byte = f"0x{exc.object[exc.start]:02x}"
        raise UsageError(_MSG("encoding", path=path, byte=byte, at=exc.start)) from None
    except OSError as exc:
        raise UsageError(_MSG("read", path=path, detail=exc)) from None


def _entitlements(args: argparse.Namespace) -> int:
    from ..entitle.engine import entitlements
    from ..entitle.person import people_from_json
    from ..rules.load import load_ruleset
    from ..views.json import entitlements_document

    lang = lang_of(args)
    on = parse_on(args.on)
    ruleset = load_ruleset(args.ruleset)
    people = people_from_json(_read(args.person))
    results = [(person, entitlements(person, ruleset, on=on)) for person in people]
    if args.json:
        print_json(entitlements_document(results, lang=lang))
        return EXIT_OK
    lines = entitlements_text(results, lang=lang)
    if lines:  # an empty list of people prints nothing
        print("\n".join(lines))
    return EXIT_OK


def _budget(args: argparse.Namespace) -> int:
    from ..entitle.allocate import allocate
    from ..rules.load import load_ruleset

    lang = lang_of(args)
    on = parse_on(args.on)
    ruleset = load_ruleset(args.ruleset)
    columns = _csv_columns(_read(args.people), path=args.people)
    allocation = allocate(columns, ruleset, on=on)
    if args.json:
        print_json(allocation.to_dict(lang=lang))
        return EXIT_OK
    print("\n".join(budget_text(allocation, lang=lang)))
    return EXIT_OK


def _csv_columns(text: str, *, path: str) -> dict[str, list[Any]]:
    """The CSV as columns: a header row of names, then one row per person (blank rows
    skipped, short rows padded with empty cells). No header, a name twice or a row longer
    than the header is a :class:`UsageError` naming the file and line."""
    reader = csv.reader(text.splitlines())
    try:
        header = next((row for row in reader if any(cell.strip() for cell in row)), None)
        if header is None:
            raise UsageError(_MSG("no_header", path=path))
        names = [name.strip() for name in header]
        twice = next((name for index, name in enumerate(names) if name in names[:index]), None)
        if twice is not None:
            raise UsageError(_MSG("duplicate", path=path, name=twice))
        columns: dict[str, list[Any]] = {name: [] for name in names}
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > len(names):
                line, size, width = reader.line_num, len(row), len(names)
                raise UsageError(_MSG("long_row", path=path, line=line, cells=size, columns=width))
            cells = row + [""] * (len(names) - len(row))
            for name, cell in zip(names, cells, strict=True):
                columns[name].append(cell.strip() or None)
    except csv.Error as exc:
        raise UsageError(_MSG("csv", path=path, line=reader.line_num, detail=exc)) from None
    return columns
