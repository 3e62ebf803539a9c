"""``welfare-rules audit PATH|-``: check a report's figures and citations, line by line.

The file is read by the reader registry of :mod:`welfare_rules.audit.read` (text and
Markdown, report trees as ``.json``/``.toml``, and every other registered format). The
output is a table in Vietnamese (``--lang en`` for English) or, with ``--json``, one object
``{"ok", "findings", "unparsed", "unchecked", "summary"}``.

Exit status: 0 every figure checked and consistent; 1 an error found; 2 a usage or input
error (nothing could be read); 3 no error, but not everything could be checked (figures
in no check, numbers not understood, or no figures at all).
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from .._i18n import Catalog, Lang, Text
from ..money import format_vnd
from ._common import UsageError, add_output_options, lang_of, print_json

if TYPE_CHECKING:
    from ..audit.findings import Finding
    from ..audit.read import DocumentAudit

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
        "verdict_errors": Text(
            "Có {errors} lỗi (xem bảng trên).", "{errors} error(s) found (see the table above)."
        ),
        "verdict_consistent": Text(
            "Đã kiểm tra đủ {figures} số liệu: khớp nhau, không thấy sai sót.",
            "All {figures} figures checked: consistent, no mistake found.",
        ),
        "verdict_nothing": Text(
            "Không kiểm tra được gì: không tìm thấy số liệu nào để đối chiếu.",
            "Nothing was checked: no figures were found to reconcile.",
        ),
        "verdict_incomplete": Text(
            "Không thấy sai sót trong phần kiểm tra được; {missing} số liệu chưa được kiểm tra.",
            "No mistake found in what could be checked; {missing} figures not checked.",
        ),
        "unchecked": Text(
            "Số liệu không nằm trong phép kiểm tra nào:",
            "Figures that no check covers:",
        ),
        "unparsed": Text(
            "Dòng có số chưa đọc được (không kiểm tra):",
            "Lines with numbers not understood (not checked):",
        ),
        "summary": Text(
            "{errors} lỗi, {warnings} cảnh báo, {info} thông tin; "
            "{edits} phép kiểm tra trên {figures} số liệu; {unparsed} dòng chưa đọc được; "
            "{unchecked} số liệu chưa kiểm tra.",
            "errors: {errors}, warnings: {warnings}, notes: {info}; "
            "{edits} checks on {figures} figures; lines not understood: {unparsed}; "
            "figures not checked: {unchecked}.",
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
    lang = lang_of(args)
    audit, source = _audit(args, lang)
    if args.json:
        print_json(to_json(audit, lang=lang, source=source))
    else:
        sys.stdout.write(render(audit, lang=lang, source=source))
    return audit.status


# -- reading ----------------------------------------------------------------------------------


def _audit(args: argparse.Namespace, lang: Lang) -> tuple[DocumentAudit, str]:
    from ..audit.extract import example_text
    from ..audit.read import Document, audit_document, read_bytes, read_path

    if args.example and args.path:
        raise UsageError(_MSG("both"))
    if args.example:
        document = Document.from_text(example_text(), name="example.md", format="markdown")
        return audit_document(document), _MSG("example").get(lang)
    if not args.path:
        raise UsageError(_MSG("no_path"))
    path: str = args.path
    if path == _STDIN:
        document = read_bytes(sys.stdin.buffer.read(), name=_STDIN)
        return audit_document(document), _MSG("standard_input").get(lang)
    return audit_document(read_path(path)), path


# -- writing ----------------------------------------------------------------------------------


def to_json(audit: DocumentAudit, *, lang: Lang, source: str) -> dict[str, Any]:
    """``{"ok", "findings": [...], "unparsed": [...], "unchecked": [...], "summary": {...}}``."""
    result = audit.result
    summary = {
        **result.summary(),
        "unparsed": len(audit.unparsed),
        "unchecked": len(audit.unchecked),
        "complete": audit.complete,
        "status": audit.status,
        "source": source,
    }
    return {
        "ok": result.ok,
        "findings": [finding.to_dict(lang=lang) for finding in result.findings],
        "unparsed": [item.model_dump() for item in audit.unparsed],
        "unchecked": [figure.to_dict() for figure in audit.unchecked],
        "summary": summary,
    }


def render(audit: DocumentAudit, *, lang: Lang, source: str) -> str:
    """The findings as a table a person reads, then what was not checked, and a verdict."""
    result, report = audit.result, audit.report
    out: list[str] = []
    title = _MSG("title", source=source).get(lang)
    if report.date is not None:
        title += _MSG("dated", date=report.date.strftime("%d/%m/%Y")).get(lang)
    out += [title, ""]
    if result.findings:
        out += _table(result.findings, lang)
    out += ["", _verdict(audit).get(lang)]
    if audit.unparsed:
        out += ["", _MSG("unparsed").get(lang)]
        for item in audit.unparsed:
            out.append(f"  {item.line:>5}  {', '.join(item.numbers)}  │ {_shorten(item.text, 70)}")
    if audit.unchecked:
        out += ["", _MSG("unchecked").get(lang)]
        for figure in audit.unchecked:
            line = "—" if figure.line is None else str(figure.line)
            field = _MSG(figure.field).get(lang)
            value = _number(figure.value)
            out.append(f"  {line:>5}  {field} {value}  │ {_shorten(figure.label, 60)}")
    summary = result.summary()
    out += [
        "",
        _MSG(
            "summary", **summary, unparsed=len(audit.unparsed), unchecked=len(audit.unchecked)
        ).get(lang),
    ]
    return "\n".join(out) + "\n"


def _verdict(audit: DocumentAudit) -> Text:
    """The headline: errors found, consistent (only when complete), or what was not checked."""
    if not audit.result.ok:
        return _MSG("verdict_errors", errors=audit.result.summary()["errors"])
    if audit.complete:
        return _MSG("verdict_consistent", figures=audit.result.figures)
    if not audit.result.figures:
        return _MSG("verdict_nothing")
    missing = len(audit.unchecked) + sum(len(item.numbers) for item in audit.unparsed)
    return _MSG("verdict_incomplete", missing=missing)


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
