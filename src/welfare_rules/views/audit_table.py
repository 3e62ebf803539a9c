"""The audit as a terminal table: one file's findings, or one line per file of a run.

For one file, the findings table (line, what is wrong, written, expected, suggested and
the message), the verdict, the lines not understood and the figures no check covers;
a finding in a Word, Excel, PDF, CSV or HTML file also says where it stands there
(``↳ tại bảng 1, hàng 9, cột «Thành tiền»``). For several files, one line per file
(its exit status, its name, its verdict) and a summary.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._i18n import Lang
from .audit_files import describe
from .audit_text import MSG, file_verdict, files_summary, label, number, summary_line, verdict

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ..audit.findings import Finding
    from ..audit.read import Place
    from .audit_files import AuditedFile

_TEXT_FORMATS = frozenset({"text", "markdown", "json", "toml"})


def render_file(file: AuditedFile, *, lang: Lang) -> str:
    """One audited file as a person reads it in a terminal."""
    audit = file.audit
    if audit is None:
        return f"{file.name}: {file_verdict(file).get(lang)}\n"
    result, report = audit.result, audit.report
    located = audit.document.format not in _TEXT_FORMATS
    out: list[str] = []
    title = MSG("title", source=file.source).get(lang)
    if report.date is not None:
        title += MSG("dated", date=report.date.strftime("%d/%m/%Y")).get(lang)
    out += [title, ""]
    if result.findings:
        wheres = [file.where(i, lang=lang) if located else None for i in range(len(file.places))]
        messages = [file.message(i, lang=lang) for i in range(len(result.findings))]
        out += _table(result.findings, wheres, messages, lang)
    out += ["", verdict(audit).get(lang)]
    if audit.unparsed:
        out += ["", MSG("unparsed").get(lang)]
        for index, item in enumerate(audit.unparsed):
            where = _at(file.unparsed_places, index, lang) if located else ""
            text = _shorten(item.text, 70)
            out.append(f"  {item.line:>5}  {', '.join(item.numbers)}  │ {text}{where}")
    for alone, heading in ((False, "unchecked"), (True, "alone")):
        listed = [(i, f) for i, f in enumerate(audit.unchecked) if f.alone is alone]
        if listed:
            out += ["", MSG(heading).get(lang)]
        for index, figure in listed:
            line = "—" if figure.line is None else str(figure.line)
            field = MSG(figure.field).get(lang)
            where = _at(file.unchecked_places, index, lang) if located else ""
            value = number(figure.value)
            out.append(f"  {line:>5}  {field} {value}  │ {_shorten(figure.label, 60)}{where}")
    out += ["", summary_line(audit).get(lang)]
    return "\n".join(out) + "\n"


def render_files(files: Sequence[AuditedFile], *, lang: Lang) -> str:
    """One line per file (``[1] báo-cáo.docx: có 2 lỗi``) and the run's summary."""
    width = max((len(f.name) for f in files), default=0)
    out = [f"[{f.status}] {f.name.ljust(width)}  {file_verdict(f).get(lang)}" for f in files]
    out += ["", files_summary(files).get(lang)]
    return "\n".join(out) + "\n"


def _at(places: tuple[Place | None, ...], index: int, lang: Lang) -> str:
    where = describe(places[index] if index < len(places) else None, lang=lang)
    return f"  ({where})" if where else ""


def _table(
    findings: tuple[Finding, ...], wheres: list[str | None], messages: list[str], lang: Lang
) -> list[str]:
    headers = [MSG(key).get(lang) for key in ("line", "what", "written", "expected", "suggested")]
    rows = [_row(finding, lang) for finding in findings]
    widths = [max(len(row[i]) for row in [headers, *rows]) for i in range(len(headers))]
    lines = [_format_row(headers, widths), "─" * (sum(widths) + 3 * (len(widths) - 1))]
    for index, row in enumerate(rows):
        lines.append(_format_row(row, widths))
        message = messages[index]
        where = wheres[index] if index < len(wheres) else None
        if where:
            message = f"{MSG('at', where=where).get(lang)}: {message}"
        lines.append(f"{'':>{widths[0]}}   ↳ {message}")
    return lines


def _format_row(cells: list[str], widths: list[int]) -> str:
    first, what, *numbers = cells
    parts = [first.rjust(widths[0]), what.ljust(widths[1])]
    parts += [cell.rjust(width) for cell, width in zip(numbers, widths[2:], strict=True)]
    return " │ ".join(parts).rstrip()


def _row(finding: Finding, lang: Lang) -> list[str]:
    what = f"{label(finding.severity, lang=lang)}: {label(finding.kind, lang=lang)}"
    if finding.field is not None:
        what += f" ({label(finding.field, lang=lang)})"
    if finding.suggested is not None:
        suggestion = number(finding.suggested)
    elif finding.candidates:
        suggestion = MSG("candidates", n=len(finding.candidates)).get(lang)
    else:
        suggestion = "—"
    line = str(finding.line) if finding.line is not None else "—"
    return [line, what, number(finding.reported), number(finding.expected), suggestion]


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


__all__ = ["render_file", "render_files"]
