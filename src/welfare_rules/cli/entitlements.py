"""``welfare-rules entitlements`` (one person or a list) and ``welfare-rules budget`` (a CSV).

Arguments and reading only: the text is :mod:`welfare_rules.views.entitlement_text`,
the JSON :mod:`welfare_rules.views.json`.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .. import _regex
from .._i18n import Catalog, Text
from .._limits import read_bytes
from ..dates import parse_date
from ..errors import DateParseError, PersonDataError
from ._common import EXIT_OK, UsageError, add_output_options, lang_of, print_json

_DELIMITERS = (",", ";", "\t")  # Excel in Vietnam writes ";"
_BAD_ROWS = 20  # bad cells listed in one run, at most
_CONTROL = _regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_DATE_COLUMNS = ("birth_date", "death_date")

_MSG = Catalog(
    "cli.entitlements",
    {
        "help": Text(
            "quà một người (hoặc danh sách) được nhận, kèm lý do",
            "what one person (or a list) receives, and why",
        ),
        "explain_help": Text(
            "kèm cây giải thích của từng người (như welfare-rules explain)",
            "with each person's explanation tree (as welfare-rules explain prints it)",
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
        "on": Text(
            "ngày --on không đọc được: {value!r} (YYYY-MM-DD hoặc dd/mm/yyyy)",
            "cannot read the --on date {value!r} (YYYY-MM-DD or dd/mm/yyyy)",
        ),
        "cell": Text(
            "dòng {line}, cột {column}: {reason}", "line {line}, column {column}: {reason}"
        ),
        "cells": Text(
            "tệp CSV {path}: {count} ô không hợp lệ: {cells}",
            "{path}: {count} invalid cells: {cells}",
        ),
        "more": Text("; và {count} ô khác", "; and {count} more"),
        "record": Text("tệp CSV {path}, {detail}", "{path}, {detail}"),
        "per_person": Text(
            "--per-person {path}: cần tệp .csv hoặc .xlsx",
            "--per-person {path}: a .csv or .xlsx file is needed",
        ),
        "write": Text("không ghi được tệp {path}: {detail}", "cannot write {path}: {detail}"),
    },
)


def register(subparsers: Any) -> None:
    """Add ``entitlements`` and ``budget``."""
    one = subparsers.add_parser("entitlements", help=_MSG("help").en, description=_MSG("help").en)
    _common_options(one)
    one.add_argument("person", metavar="PERSON.json", help="one person (object) or a list")
    one.add_argument("--explain", action="store_true", help=_MSG("explain_help").en)
    one.set_defaults(handler=_entitlements)
    many = subparsers.add_parser(
        "budget", help=_MSG("budget_help").en, description=_MSG("budget_help").en
    )
    _common_options(many)
    many.add_argument("people", metavar="PEOPLE.csv", help="columns: see docs/entitlements.md")
    many.add_argument(
        "--per-person",
        metavar="FILE.csv|FILE.xlsx",
        help="also write the payment list: one row per person and programme",
    )
    many.set_defaults(handler=_budget)


def _common_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--ruleset", required=True, metavar="ID", help="bundled id or .toml path")
    parser.add_argument(
        "--on", required=True, metavar="DATE", help="the date (YYYY-MM-DD or dd/mm/yyyy)"
    )
    add_output_options(parser)


def _read(path: str) -> str:
    try:  # within the input-size limit: /dev/zero ends in one line, not a MemoryError
        return read_bytes(path).decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        byte = f"0x{exc.object[exc.start]:02x}"
        raise UsageError(_MSG("encoding", path=path, byte=byte, at=exc.start)) from None
    except OSError as exc:
        raise UsageError(_MSG("read", path=path, detail=exc)) from None


def parse_on(text: str) -> dt.date:
    """The ``--on`` date, ISO or day first (``01/02/2024``); a :class:`UsageError` otherwise."""
    try:
        return parse_date(text)
    except DateParseError:
        raise UsageError(_MSG("on", value=text)) from None


def read_csv_text(path: str) -> str:
    """A CSV file's text: UTF-8 (with or without a BOM), UTF-16 (with its BOM), or else
    Windows-1258 (what older Vietnamese Excel writes) when that reads as text; in NFC."""
    try:
        data = read_bytes(path)  # within the input-size limit (InputSizeError: exit 2)
    except OSError as exc:
        raise UsageError(_MSG("read", path=path, detail=exc)) from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            try:
                text = data.decode("cp1258")
            except UnicodeDecodeError:
                text = ""
            if not text or _CONTROL.search(text):
                byte = f"0x{exc.object[exc.start]:02x}"
                raise UsageError(_MSG("encoding", path=path, byte=byte, at=exc.start)) from None
    return unicodedata.normalize("NFC", text)


def _entitlements(args: argparse.Namespace) -> int:
    from ..entitle.engine import entitlements
    from ..entitle.person import people_from_json
    from ..rules.load import load_ruleset
    from ..views.json import entitlements_document

    lang = lang_of(args)
    on = parse_on(args.on)
    ruleset = load_ruleset(args.ruleset)
    people = people_from_json(_read(args.person))
    if args.explain:
        return _explained(people, ruleset, on=on, args=args)
    results = [(person, entitlements(person, ruleset, on=on)) for person in people]
    if args.json:
        print_json(entitlements_document(results, lang=lang))
        return EXIT_OK
    from ..views.entitlement_text import entitlements_text

    lines = entitlements_text(results, lang=lang)
    if lines:  # an empty list of people prints nothing
        print("\n".join(lines))
    return EXIT_OK


def _explained(people: list[Any], ruleset: Any, *, on: dt.date, args: argparse.Namespace) -> int:
    """``entitlements --explain``: the same items, each person with their tree."""
    from ..entitle.explain import explain
    from ..views.entitlement_text import explained_document, explained_text

    lang = lang_of(args)
    trees = [(person, explain(person, ruleset, on=on)) for person in people]
    if args.json:
        print_json(explained_document(trees, lang=lang))
        return EXIT_OK
    lines = explained_text(trees, lang=lang)
    if lines:
        print("\n".join(lines))
    return EXIT_OK


def _budget(args: argparse.Namespace) -> int:
    from ..entitle.allocate import allocate
    from ..rules.load import load_ruleset

    lang = lang_of(args)
    on = parse_on(args.on)
    ruleset = load_ruleset(args.ruleset)
    if args.per_person and Path(args.per_person).suffix.lower() not in (".csv", ".xlsx"):
        raise UsageError(_MSG("per_person", path=args.per_person))
    columns, lines = _csv_columns(read_csv_text(args.people), path=args.people)
    check_cells(columns, lines, path=args.people)
    try:
        allocation = allocate(columns, ruleset, on=on, per_person=bool(args.per_person))
    except PersonDataError as exc:
        raise UsageError(_MSG("record", path=args.people, detail=_on_line(exc, lines))) from None
    if args.per_person:
        write_payments(allocation.payments(lang=lang), args.per_person, lines=lines)
    if args.json:
        print_json(allocation.to_dict(lang=lang))
        return EXIT_OK
    from ..views.entitlement_text import budget_text

    print("\n".join(budget_text(allocation, lang=lang)))
    return EXIT_OK


_PAYMENT_COLUMNS: tuple[str, ...] = ("line", "id", "programme", "title", "source", "level")
_PAYMENT_COLUMNS += ("amount", "basis", "missing", "could_be", "confirmed", "reason")


def write_payments(rows: list[dict[str, object]], path: str, *, lines: list[int]) -> None:
    """The payment list as CSV (UTF-8 with a BOM, as Excel opens it) or XLSX (the
    ``office`` extra); ``line`` is the person's line in the input CSV, ``amount`` is
    empty for an undetermined case."""
    table = [
        [lines[int(str(row["row"]))] if name == "line" else row[name] for name in _PAYMENT_COLUMNS]
        for row in rows
    ]
    suffix = Path(path).suffix.lower()
    try:
        if suffix == ".xlsx":
            from .._optional import require

            openpyxl = require("openpyxl", extra="office", feature="--per-person FILE.xlsx")
            book = openpyxl.Workbook()
            sheet = book.active
            sheet.append(list(_PAYMENT_COLUMNS))
            for values in table:
                sheet.append(["" if v is None else v for v in values])
            book.save(path)
            return
        if suffix != ".csv":
            raise UsageError(_MSG("per_person", path=path))
        with Path(path).open("w", encoding="utf-8-sig", newline="") as file:
            writer = csv.writer(file)
            writer.writerow(_PAYMENT_COLUMNS)
            writer.writerows([["" if v is None else v for v in values] for values in table])
    except OSError as exc:
        raise UsageError(_MSG("write", path=path, detail=exc)) from None


def delimiter(text: str) -> str:
    """The delimiter of a CSV's header row: the most frequent of ``,`` ``;`` and tab
    (``,`` when none is there: a file of one column)."""
    header = next((line for line in text.splitlines() if line.strip()), "")
    counts = [(header.count(mark), -index, mark) for index, mark in enumerate(_DELIMITERS)]
    count, _, mark = max(counts)
    return mark if count else ","


def _csv_columns(text: str, *, path: str) -> tuple[dict[str, list[Any]], list[int]]:
    """The CSV as columns and the line number of each row: a header row of names, then one
    row per person (blank rows skipped, short rows padded with empty cells). No header, a
    name twice or a row longer than the header is a :class:`UsageError` naming the file
    and line."""
    reader = csv.reader(text.splitlines(), delimiter=delimiter(text))
    lines: list[int] = []
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
            lines.append(reader.line_num)
    except csv.Error as exc:
        raise UsageError(_MSG("csv", path=path, line=reader.line_num, detail=exc)) from None
    return columns, lines


def check_cells(columns: dict[str, list[Any]], lines: list[int], *, path: str) -> None:
    """Every cell of every known column read as its type, whether or not the ruleset reads
    it; dates ISO or day first (replaced by :class:`datetime.date`). The bad cells (up to
    20, with their CSV line numbers) make one :class:`UsageError`."""
    from ..entitle._columns import CONVERTERS, KNOWN_COLUMNS, attribute_converter

    found: list[tuple[int, int, Text]] = []  # (line, column, why): each column's first 20
    count = 0
    for index, (name, values) in enumerate(columns.items()):
        if name not in KNOWN_COLUMNS or name in ("id", "commune"):
            continue  # an unknown column is refused by allocate, with its name
        convert: Callable[[object], object]
        if name in _DATE_COLUMNS:
            convert = _date_cell
        else:
            convert = CONVERTERS.get(name) or attribute_converter(name)
        memo: dict[object, object] = {}
        listed = 0
        for row, value in enumerate(values):
            if value is None:
                continue
            result = memo.get(value, memo)
            if result is memo:
                try:
                    result = convert(value)
                except (ValueError, TypeError, DateParseError) as exc:
                    result = exc
                memo[value] = result
            if isinstance(result, Exception):
                count += 1
                if listed < _BAD_ROWS:
                    listed += 1
                    reason = _cell_reason(name, value, result)
                    cell = _MSG("cell", line=lines[row], column=name, reason=reason)
                    found.append((lines[row], index, cell))
            elif name in _DATE_COLUMNS:
                values[row] = result
    if found:
        first = [cell for _, _, cell in sorted(found, key=lambda item: item[:2])[:_BAD_ROWS]]
        cells = Text(vi="; ".join(t.vi for t in first), en="; ".join(t.en for t in first))
        more = _MSG("more", count=count - len(first)) if count > len(first) else Text("", "")
        message = _MSG("cells", path=path, count=count, cells=cells)
        raise UsageError(Text(message.vi + more.vi, message.en + more.en))


def _date_cell(value: object) -> dt.date:
    return parse_date(str(value))


def _cell_reason(name: str, value: object, error: Exception) -> Text:
    """Why a cell is refused, in the words of the library's own errors."""
    from ..entitle._columns import cell_error

    if isinstance(error, DateParseError):
        return error.reason
    return cell_error(name, value, 0).reason


_ROW = _regex.compile(r"\[(\d+)\]\.?")


def _on_line(error: PersonDataError, lines: list[int]) -> Text:
    """A record's error with its CSV line (``[3].birth_year`` → line 5, column birth_year)."""
    path = error.path or ""
    match = _ROW.match(path)
    if match is None or int(match.group(1)) >= len(lines):
        return error.text
    line, column = lines[int(match.group(1))], path[match.end() :] or "-"
    return _MSG("cell", line=line, column=column, reason=error.reason)
