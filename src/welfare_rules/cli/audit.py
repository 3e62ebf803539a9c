"""``welfare-rules audit PATH|-``: check a report's figures and citations, line by line.

The report is a text (``.txt``, ``.md``, anything not JSON or TOML: read by
:func:`~welfare_rules.audit.extract.extract_report`) or a report tree (``.json``,
``.toml``). The output is a table in Vietnamese (``--lang en`` for English) or, with
``--json``, one object ``{"findings": [...], "unparsed": [...], "summary": {...}}``.
Exit status: 0 no error finding, 1 at least one, 2 usage or input error.
"""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._i18n import Catalog, Lang, Text
from ..errors import ReportDataError
from ..money import format_vnd
from ._common import EXIT_FOUND, EXIT_OK, UsageError, add_output_options, lang_of, print_json

if TYPE_CHECKING:
    from ..audit.extract import UnparsedLine
    from ..audit.findings import AuditResult, Finding
    from ..audit.report import Report

_MSG = Catalog(
    "cli.audit",
    {
        "help": Text(
            "kiểm tra số liệu và văn bản dẫn của một báo cáo",
            "check a report's figures and citations",
        ),
        "path_help": Text(
            "tệp báo cáo (.txt, .md, .json, .toml) hoặc - để đọc từ đầu vào chuẩn",
            "the report file (.txt, .md, .json, .toml), or - for standard input",
        ),
        "example_help": Text(
            "kiểm tra báo cáo ví dụ đi kèm thư viện", "audit the example report bundled"
        ),
        "no_path": Text(
            "cần đường dẫn tệp báo cáo, - (đầu vào chuẩn) hoặc --example",
            "give a report file, - (standard input) or --example",
        ),
        "both": Text(
            "chọn một: đường dẫn tệp hoặc --example", "give either a file or --example, not both"
        ),
        "missing": Text("không có tệp {path!r}", "no such file: {path!r}"),
        "directory": Text("{path!r} là thư mục, không phải tệp", "{path!r} is a directory"),
        "unreadable": Text(
            "không đọc được tệp {path!r}: {reason}", "cannot read {path!r}: {reason}"
        ),
        "encoding": Text(
            "{path!r} không phải văn bản UTF-8 (byte {position}); hãy lưu lại dưới dạng UTF-8",
            "{path!r} is not UTF-8 text (byte {position}); save it as UTF-8",
        ),
        "binary": Text(
            "{path!r} không phải tệp văn bản (có byte 0)",
            "{path!r} is not a text file (it holds NUL bytes)",
        ),
        "bad_json": Text(
            "{path!r}: JSON sai ở dòng {line}, cột {column}: {reason}",
            "{path!r}: bad JSON at line {line}, column {column}: {reason}",
        ),
        "bad_toml": Text("{path!r}: TOML sai: {reason}", "{path!r}: bad TOML: {reason}"),
        "not_tree": Text(
            "{path}: không phải cây báo cáo: {reason}",
            "{path}: not a report tree: {reason}",
        ),
        "title": Text("Kiểm tra báo cáo: {source}", "Audit of {source}"),
        "dated": Text(" (ngày {date})", " (dated {date})"),
        "standard_input": Text("đầu vào chuẩn", "standard input"),
        "example": Text("báo cáo ví dụ", "the example report"),
        "line": Text("Dòng", "Line"),
        "what": Text("Vấn đề", "What is wrong"),
        "written": Text("Ghi", "Written"),
        "expected": Text("Đúng ra", "Expected"),
        "suggested": Text("Đề nghị", "Suggested"),
        "candidates": Text("{n} khả năng", "{n} candidates"),
        "none": Text("Không thấy sai sót nào.", "No mistake found."),
        "unparsed": Text(
            "Dòng có số chưa đọc được (không kiểm tra):",
            "Lines with numbers not understood (not checked):",
        ),
        "summary": Text(
            "{errors} lỗi, {warnings} cảnh báo, {info} thông tin; "
            "{edits} phép kiểm tra trên {figures} số liệu; {unparsed} dòng chưa đọc được.",
            "errors: {errors}, warnings: {warnings}, notes: {info}; "
            "{edits} checks on {figures} figures; lines not understood: {unparsed}.",
        ),
        "error": Text("LỖI", "ERROR"),
        "warning": Text("CẢNH BÁO", "WARNING"),
        "info": Text("THÔNG TIN", "NOTE"),
        "count": Text("số lượng", "count"),
        "level": Text("mức", "level"),
        "amount": Text("số tiền", "amount"),
        # finding kinds
        "product_mismatch": Text("số suất × mức ≠ thành tiền", "count × level ≠ amount"),
        "count_sum_mismatch": Text(
            "tổng số lượng khác tổng các phần", "count total ≠ sum of its parts"
        ),
        "amount_sum_mismatch": Text(
            "tổng số tiền khác tổng các phần", "amount total ≠ sum of its parts"
        ),
        "scale_slip": Text("thiếu hoặc thừa “.000”", "a dropped or extra “.000”"),
        "claim_violated": Text("nhận định không đúng", "a claim that does not hold"),
        "claim_unchecked": Text("nhận định không kiểm tra được", "a claim that cannot be checked"),
        "restatement_mismatch": Text(
            "một số liệu ghi hai giá trị", "one figure written with two values"
        ),
        "edit_violated": Text("điều kiện kiểm tra bị vi phạm", "an edit is violated"),
        "search_cut_short": Text("tìm kiếm dừng sớm", "search cut short"),
        "citation_date_conflict": Text(
            "văn bản được ghi hai ngày khác nhau", "instrument cited with two dates"
        ),
        "citation_after_report": Text(
            "văn bản ghi ngày sau ngày báo cáo", "instrument dated after the report"
        ),
        "citation_repeated": Text(
            "văn bản dẫn hai lần trong một danh sách", "instrument cited twice in one list"
        ),
    },
)

_STDIN = "-"


def register(subparsers: Any) -> None:
    """Add ``audit`` to the command line."""
    parser = subparsers.add_parser(
        "audit", help=_MSG("help").en, description=f"{_MSG('help').vi} / {_MSG('help').en}"
    )
    parser.add_argument("path", nargs="?", metavar="PATH", help=_MSG("path_help").en)
    parser.add_argument("--example", action="store_true", help=_MSG("example_help").en)
    add_output_options(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Audit the report ``args`` names; print the findings; the exit status."""
    from ..audit.reconciliation import reconcile

    lang = lang_of(args)
    report, unparsed, source = _load(args, lang)
    result = reconcile(report)
    if args.json:
        print_json(to_json(result, unparsed, lang=lang, source=source))
    else:
        sys.stdout.write(render(result, unparsed, report, lang=lang, source=source))
    return EXIT_OK if result.ok else EXIT_FOUND


# -- reading ----------------------------------------------------------------------------------


def _load(args: argparse.Namespace, lang: Lang) -> tuple[Report, tuple[UnparsedLine, ...], str]:
    from ..audit.extract import example_text, extract_report

    if args.example and args.path:
        raise UsageError(_MSG("both"))
    if args.example:
        extracted = extract_report(example_text())
        return extracted.report, extracted.unparsed, _MSG("example").get(lang)
    if not args.path:
        raise UsageError(_MSG("no_path"))
    path: str = args.path
    data = _read_bytes(path)
    text = _decode(data, path)
    suffix = "" if path == _STDIN else Path(path).suffix.lower()
    source = _MSG("standard_input").get(lang) if path == _STDIN else path
    if suffix == ".json" or (path == _STDIN and text.lstrip().startswith("{")):
        return _report_from_json(text, path), (), source
    if suffix == ".toml":
        return _report_from_toml(text, path), (), source
    extracted = extract_report(text)
    return extracted.report, extracted.unparsed, source


def _read_bytes(path: str) -> bytes:
    if path == _STDIN:
        return sys.stdin.buffer.read()
    try:
        return Path(path).read_bytes()
    except FileNotFoundError as exc:
        raise UsageError(_MSG("missing", path=path)) from exc
    except IsADirectoryError as exc:
        raise UsageError(_MSG("directory", path=path)) from exc
    except OSError as exc:
        raise UsageError(_MSG("unreadable", path=path, reason=exc.strerror or exc)) from exc


def _decode(data: bytes, path: str) -> str:
    """UTF-8 (a BOM is fine; UTF-16 with its BOM too); anything else is an input error."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise UsageError(_MSG("encoding", path=path, position=exc.start)) from exc
    if b"\x00" in data:
        raise UsageError(_MSG("binary", path=path))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UsageError(_MSG("encoding", path=path, position=exc.start)) from exc


def _report_from_json(text: str, path: str) -> Report:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UsageError(
            _MSG("bad_json", path=path, line=exc.lineno, column=exc.colno, reason=exc.msg)
        ) from exc
    return _validate(data, path)


def _report_from_toml(text: str, path: str) -> Report:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(_MSG("bad_toml", path=path, reason=str(exc))) from exc
    return _validate(data, path)


def _validate(data: object, path: str) -> Report:
    from ..audit.report import Report

    try:
        return Report.from_dict(data)
    except ReportDataError as exc:
        raise UsageError(_MSG("not_tree", path=path, reason=exc.text)) from exc


# -- writing ----------------------------------------------------------------------------------


def to_json(
    result: AuditResult, unparsed: tuple[UnparsedLine, ...], *, lang: Lang, source: str
) -> dict[str, Any]:
    """``{"findings": [...], "unparsed": [...], "summary": {...}}``."""
    summary = {**result.summary(), "unparsed": len(unparsed), "source": source}
    return {
        "findings": [finding.to_json(lang=lang) for finding in result.findings],
        "unparsed": [item.model_dump() for item in unparsed],
        "summary": summary,
    }


def render(
    result: AuditResult,
    unparsed: tuple[UnparsedLine, ...],
    report: Report,
    *,
    lang: Lang,
    source: str,
) -> str:
    """The findings as a table a person reads, then the unparsed lines and a summary."""
    out: list[str] = []
    title = _MSG("title", source=source).get(lang)
    if report.date is not None:
        title += _MSG("dated", date=report.date.strftime("%d/%m/%Y")).get(lang)
    out += [title, ""]
    if result.findings:
        out += _table(result.findings, lang)
    else:
        out.append(_MSG("none").get(lang))
    if unparsed:
        out += ["", _MSG("unparsed").get(lang)]
        for item in unparsed:
            out.append(f"  {item.line:>5}  {', '.join(item.numbers)}  │ {_shorten(item.text, 70)}")
    summary = result.summary()
    out += ["", _MSG("summary", **summary, unparsed=len(unparsed)).get(lang)]
    return "\n".join(out) + "\n"


def _table(findings: tuple[Finding, ...], lang: Lang) -> list[str]:
    headers = [_MSG(key).get(lang) for key in ("line", "what", "written", "expected", "suggested")]
    rows = [_row(finding, lang) for finding in findings]
    widths = [max(len(row[i]) for row in [headers, *rows]) for i in range(len(headers))]
    lines = [_format_row(headers, widths), "─" * (sum(widths) + 3 * (len(widths) - 1))]
    for finding, row in zip(findings, rows, strict=True):
        lines.append(_format_row(row, widths))
        lines.append(f"{'':>{widths[0]}}   ↳ {finding.message.get(lang)}")
    return lines


def _format_row(cells: list[str], widths: list[int]) -> str:
    first, what, *numbers = cells
    parts = [first.rjust(widths[0]), what.ljust(widths[1])]
    parts += [cell.rjust(width) for cell, width in zip(numbers, widths[2:], strict=True)]
    return " │ ".join(parts).rstrip()


def _row(finding: Finding, lang: Lang) -> list[str]:
    severity = _MSG(finding.severity).get(lang)
    kind = _MSG(finding.kind).get(lang) if finding.kind in _MSG.templates else finding.kind
    what = f"{severity}: {kind}"
    if finding.field is not None:
        what += f" ({_MSG(finding.field).get(lang)})"
    if finding.suggested is not None:
        suggestion = _number(finding.suggested)
    elif finding.candidates:
        suggestion = _MSG("candidates", n=len(finding.candidates)).get(lang)
    else:
        suggestion = "—"
    line = str(finding.line) if finding.line is not None else "—"
    return [line, what, _number(finding.reported), _number(finding.expected), suggestion]


def _number(value: int | None) -> str:
    """A figure grouped the Vietnamese way (``2.721.000.000``), or a dash."""
    return "—" if value is None else format_vnd(value, unit="")


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


__all__ = ["register", "render", "run", "to_json"]
