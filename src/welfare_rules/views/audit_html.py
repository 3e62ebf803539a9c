"""The annotated audit report: one self-contained HTML page a person opens and prints.

The page shows the verdict first, then the findings (each linking to its place), then
the report's own text and tables as read, with every wrong figure highlighted and the
suggested value beside it (``2.721.000.000 → 2.751.000.000``), the figures no check
covers marked, and the lines with numbers not understood flagged. Every word is there in
Vietnamese and English; a switch at the top (a few lines of inline script; ``#en`` in
the address opens the English page) shows one language. It loads nothing: the style and
the script are inline, no font, image or link leaves the page, and a Content Security
Policy (``default-src 'none'``) forbids any request. ``@media print`` drops the switch
and keeps the highlights. For several files the page opens with an index of the files,
their verdicts and links to each file's part.
"""

from __future__ import annotations

import re
from decimal import Decimal
from html import escape
from typing import TYPE_CHECKING

from .. import _regex
from .._i18n import Catalog, Lang, Text
from .audit_files import describe, worst_status
from .audit_text import MSG, file_verdict, files_summary, label, number, summary_line, verdict

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ..audit.findings import Finding
    from ..audit.read import Place, SourceLine
    from .audit_files import AuditedFile

CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
    "img-src data:; base-uri 'none'; form-action 'none'"
)
"""The page's Content Security Policy: nothing is fetched, inline style and script only."""

_HTML = Catalog(
    "views.audit_html",
    {
        "page_title": Text("Kết quả kiểm tra báo cáo", "Audit report"),
        "language": Text("Ngôn ngữ", "Language"),
        "findings": Text("Các phát hiện", "Findings"),
        "no_findings": Text("Không có phát hiện nào.", "No findings."),
        "document": Text("Văn bản báo cáo (như đã đọc)", "The report's text (as read)"),
        "tree": Text(
            "Báo cáo được cho dưới dạng dữ liệu (cây báo cáo), không có văn bản để hiển thị.",
            "The report was given as data (a report tree): there is no text to show.",
        ),
        "files": Text("Các tệp", "Files"),
        "unchecked_mark": Text("chưa kiểm tra", "not checked"),
        "unparsed_mark": Text("có số chưa đọc được", "holds numbers not understood"),
        "legend": Text(
            "Chú giải: số sai được tô đỏ, giá trị đề nghị ghi bên cạnh (dấu ? khi có nhiều "
            "cách sửa như nhau); "
            "số chưa được kiểm tra được gạch chân chấm; dòng có số chưa đọc được có viền vàng.",
            "Legend: wrong figures are red with the suggested value beside them (a ? where "
            "corrections tie); figures "
            "no check covers are dotted-underlined; lines with numbers not understood "
            "have a yellow edge.",
        ),
        "back": Text("↑ về danh sách", "↑ back to the list"),
        "suggest": Text("đề nghị", "suggested"),
        "generated": Text("Tạo bởi welfare-rules", "Made by welfare-rules"),
    },
)

_STYLE = """
:root{--bad:#c62828;--bad-bg:#fde2e1;--good:#1b5e20;--good-bg:#e3f5e1;--warn-bg:#fff4d6;
--ink:#1a1a1a;--muted:#666;--line:#ddd}
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;
color:var(--ink);margin:0 auto;max-width:1100px;padding:1rem 1.5rem;line-height:1.45}
html.lang-vi .en,html.lang-en .vi{display:none!important}
.switch{position:sticky;top:0;background:#fff;padding:.4rem 0;border-bottom:1px solid var(--line);
display:flex;gap:.5rem;align-items:center;z-index:2}
.switch button{font:inherit;padding:.2rem .7rem;border:1px solid #999;background:#f5f5f5;
border-radius:4px;cursor:pointer}
html.lang-vi button[data-lang=vi],html.lang-en button[data-lang=en]{background:#333;color:#fff}
.verdict{padding:.7rem 1rem;border-radius:6px;font-weight:600;margin:1rem 0}
.status-1{background:var(--bad-bg);border-left:6px solid var(--bad)}
.status-3,.status-2{background:var(--warn-bg);border-left:6px solid #e0a800}
.status-0{background:var(--good-bg);border-left:6px solid var(--good)}
table{border-collapse:collapse;margin:.5rem 0;font-size:92%}
td,th{border:1px solid var(--line);padding:2px 8px;vertical-align:top}
th{background:#f3f3f3}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.doc{border:1px solid var(--line);padding:.5rem 1rem;border-radius:6px}
.doc p{margin:.1rem 0;white-space:pre-wrap}
.doc .n{color:var(--muted);font-size:80%;display:inline-block;min-width:3.2em;user-select:none}
mark.wrong{background:var(--bad-bg);color:var(--bad);font-weight:700;
text-decoration:line-through;padding:0 2px;border-radius:3px}
ins.suggested{background:var(--good-bg);color:var(--good);font-weight:700;
text-decoration:none;padding:0 3px;border-radius:3px;margin-left:2px}
ins.candidate{background:var(--warn-bg);color:#6d5200;text-decoration:none;padding:0 3px;
border-radius:3px;margin-left:2px}
mark.unchecked{background:none;border-bottom:2px dotted #e0a800}
.unparsed{border-left:4px solid #e0a800;padding-left:4px}
.findings li{margin:.3rem 0}
.sev-error{color:var(--bad);font-weight:700}
.sev-warning{color:#8a6d00;font-weight:700}
.where{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:90%}
:target{outline:3px solid #1565c0;outline-offset:2px}
.muted{color:var(--muted);font-size:90%}
@media print{.switch,.back{display:none}body{max-width:none;padding:0}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
section.file{break-before:page}section.file:first-of-type{break-before:auto}
a{color:inherit;text-decoration:none}}
"""

_SCRIPT = """
(function(){var h=document.documentElement;
function set(l){h.className='lang-'+l;h.lang=l;}
var m=/(?:^#|[#&])(?:lang=)?(vi|en)$/.exec(location.hash);if(m){set(m[1]);}
document.addEventListener('click',function(e){var b=e.target.closest('button[data-lang]');
if(b){set(b.getAttribute('data-lang'));}});})();
"""


def report_html(files: Sequence[AuditedFile], *, lang: Lang) -> str:
    """The page for ``files`` (one file: its report; several: an index, then each)."""
    several = len(files) > 1
    body: list[str] = [_switch()]
    if several:
        status = worst_status(files)
        body.append(f'<h1 id="top">{_both(_HTML("page_title"))}</h1>')
        body.append(f'<div class="verdict status-{status}">{_both(files_summary(files))}</div>')
        body.append(_index(files))
    for number_, file in enumerate(files, start=1):
        body.append(_file_section(file, key=f"f{number_}", several=several))
    body.append(f'<p class="muted">{_both(_HTML("generated"))}</p>')
    title = escape(files[0].source if len(files) == 1 else _HTML("page_title").get(lang))
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}" class="lang-{lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{title}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + f"\n<script>{_SCRIPT}</script>\n</body>\n</html>\n"
    )


# -- parts ------------------------------------------------------------------------------------


def _both(text: Text) -> str:
    """``text`` in both languages; the page shows one (see the style)."""
    vi = f'<span class="vi" lang="vi">{escape(text.vi)}</span>'
    return vi + f'<span class="en" lang="en">{escape(text.en)}</span>'


def _pair(vi: str, en: str) -> str:
    return _both(Text(vi, en))


def _switch() -> str:
    return (
        f'<nav class="switch">{_both(_HTML("language"))}: '
        '<button type="button" data-lang="vi" lang="vi">Tiếng Việt</button>'
        '<button type="button" data-lang="en" lang="en">English</button></nav>'
    )


def _index(files: Sequence[AuditedFile]) -> str:
    rows = [
        f"<tr><th>{_both(MSG('file'))}</th><th>{_both(MSG('status'))}</th>"
        f"<th>{_both(MSG('verdict'))}</th></tr>"
    ]
    for number_, file in enumerate(files, start=1):
        rows.append(
            f'<tr class="status-{file.status}"><td><a href="#f{number_}">{escape(file.name)}</a>'
            f'</td><td class="num">{file.status}</td><td>{_both(file_verdict(file))}</td></tr>'
        )
    return f'<h2>{_both(_HTML("files"))}</h2>\n<table class="index">{"".join(rows)}</table>'


def _file_section(file: AuditedFile, *, key: str, several: bool) -> str:
    out = [f'<section class="file" id="{key}">']
    heading = "h2" if several else "h1"
    out.append(f"<{heading}>{_both(MSG('title', source=file.source))}</{heading}>")
    audit = file.audit
    if audit is None:
        out.append(f'<div class="verdict status-2">{_both(file_verdict(file))}</div>')
        if several:
            out.append(f'<p class="back"><a href="#top">{_both(_HTML("back"))}</a></p>')
        out.append("</section>")
        return "\n".join(out)
    headline = _both(verdict(audit, below=True))
    out.append(f'<div class="verdict status-{audit.status}">{headline}</div>')
    summary = summary_line(audit)
    out.append(f'<p class="muted">{_both(summary)}</p>')
    out.append(f"<h3>{_both(_HTML('findings'))}</h3>")
    out.append(_findings(file, key))
    out.append(f"<h3>{_both(_HTML('document'))}</h3>")
    out.append(f'<p class="muted">{_both(_HTML("legend"))}</p>')
    out.append(_document(file, key))
    if several:
        out.append(f'<p class="back"><a href="#top">{_both(_HTML("back"))}</a></p>')
    out.append("</section>")
    return "\n".join(out)


def _findings(file: AuditedFile, key: str) -> str:
    assert file.audit is not None
    findings = file.audit.result.findings
    if not findings:
        return f"<p>{_both(_HTML('no_findings'))}</p>"
    items = []
    for index, finding in enumerate(findings):
        where = _where_both(file, index, finding)
        message = Text(file.message(index, lang="vi"), file.message(index, lang="en"))
        severity = _pair(label(finding.severity, lang="vi"), label(finding.severity, lang="en"))
        kind = _pair(label(finding.kind, lang="vi"), label(finding.kind, lang="en"))
        figures = ""
        if finding.reported is not None:
            figures = f' <mark class="wrong">{number(finding.reported)}</mark>'
            if finding.suggested is not None:
                figures += f'<ins class="suggested">→ {number(finding.suggested)}</ins>'
            elif finding.expected is not None:
                expected = _pair("đúng ra", "expected")
                figures += f" ({expected} {number(finding.expected)})"
        link = f'<a class="where" href="#{key}-m{index}">{where}</a>' if where else ""
        items.append(
            f'<li id="{key}-l{index}"><span class="sev-{finding.severity}">{severity}</span>'
            f" · {kind}{figures} {link}<br>{_both(message)}</li>"
        )
    return f'<ol class="findings">{"".join(items)}</ol>'


def _where_both(file: AuditedFile, index: int, finding: Finding) -> str:
    place = file.places[index] if index < len(file.places) else None
    vi, en = describe(place, lang="vi"), describe(place, lang="en")
    if vi is None or en is None:
        if finding.line is None:
            return ""
        vi, en = f"dòng {finding.line}", f"line {finding.line}"
    return _pair(vi, en)


# -- the document with its marks -----------------------------------------------------------


class _Mark:
    """A figure to highlight on one line (or one cell): wrong (with a suggestion) or
    unchecked."""

    __slots__ = ("anchor", "column", "kind", "maybe", "suggested", "title", "value")

    def __init__(
        self,
        *,
        value: int | Decimal,
        kind: str,
        column: int | None,
        anchor: str | None,
        suggested: int | Decimal | None,
        title: Text,
        maybe: tuple[int, ...] = (),
    ) -> None:
        self.value, self.kind, self.column, self.anchor = value, kind, column, anchor
        self.suggested, self.title, self.maybe = suggested, title, maybe


def _marks(file: AuditedFile, key: str) -> dict[int, list[_Mark]]:
    assert file.audit is not None
    document = file.audit.document
    marks: dict[int, list[_Mark]] = {}
    for index, finding in enumerate(file.audit.result.findings):
        if finding.line is None:
            continue
        place = file.places[index] if index < len(file.places) else None
        value = finding.reported
        marks.setdefault(finding.line, []).append(
            _Mark(
                value=-1 if value is None else value,
                kind="wrong",
                column=_column(document.lines, finding.line, place),
                anchor=f"{key}-m{index}",
                suggested=finding.suggested,
                maybe=tuple(
                    c.value
                    for c in finding.candidates
                    if c.line == finding.line and c.field == finding.field
                ),
                title=Text(file.message(index, lang="vi"), file.message(index, lang="en")),
            )
        )
    for index, figure in enumerate(file.audit.unchecked):
        if figure.line is None:
            continue
        place = file.unchecked_places[index] if index < len(file.unchecked_places) else None
        marks.setdefault(figure.line, []).append(
            _Mark(
                value=figure.value,
                kind="unchecked",
                column=_column(document.lines, figure.line, place),
                anchor=None,
                suggested=None,
                title=_HTML("unchecked_mark"),
            )
        )
    return marks


def _column(lines: tuple[SourceLine, ...], line: int, place: Place | None) -> int | None:
    """The 0-based cell of a table row that ``place`` names, if any."""
    if place is None or not 1 <= line <= len(lines):
        return None
    cells = lines[line - 1].cells
    if cells is None:
        return None
    for position, cell in enumerate(cells):
        if cell.place == place:
            return position
    return None


def _document(file: AuditedFile, key: str) -> str:
    assert file.audit is not None
    document = file.audit.document
    if not document.lines:
        return f"<p>{_both(_HTML('tree'))}</p>"
    marks = _marks(file, key)
    unparsed = {item.line for item in file.audit.unparsed}
    out = ['<div class="doc">']
    table: list[str] = []
    for number_, line in enumerate(document.lines, start=1):
        here = marks.get(number_, [])
        if line.cells is not None:
            table.append(_table_row(line, number_, here, key, number_ in unparsed))
            continue
        if table:
            out.append(f"<table>{''.join(table)}</table>")
            table = []
        if not line.text.strip():
            continue
        css = ' class="unparsed"' if number_ in unparsed else ""
        text = _marked(line.text, here)
        where = escape(line.place.describe(lang="vi")) if line.place else ""
        out.append(
            f'<p id="{key}-t{number_}"{css} title="{where}"><span class="n">{number_}</span>'
            f"{text}</p>"
        )
    if table:
        out.append(f"<table>{''.join(table)}</table>")
    out.append("</div>")
    return "\n".join(out)


def _table_row(line: SourceLine, number_: int, marks: list[_Mark], key: str, unparsed: bool) -> str:
    """A table row with each mark in its cell (the cell its place names, else the first
    cell showing its figure, else a badge at the row's end)."""
    assert line.cells is not None
    texts = [cell.text for cell in line.cells]
    own: list[list[_Mark]] = [[] for _ in texts]
    tail: list[_Mark] = []
    for mark in marks:
        if mark.column is not None and 0 <= mark.column < len(texts):
            own[mark.column].append(mark)
            continue
        found = next((i for i, text in enumerate(texts) if _find(text, mark.value, taken=[])), None)
        if found is None:
            tail.append(mark)
        else:
            own[found].append(mark)
    cells = []
    for text, mine in zip(texts, own, strict=True):
        html, rest = _marked_with_rest(text, mine)
        tail += rest
        numeric = " num" if _NUMERIC.fullmatch(text.strip() or "x") else ""
        cells.append(f'<td class="c{numeric}">{html}</td>')
    badges = "".join(_badge(mark) for mark in tail)
    css = ' class="unparsed"' if unparsed else ""
    end = f"<td>{badges}</td>" if badges else ""
    return f'<tr id="{key}-t{number_}"{css}><td class="n">{number_}</td>{"".join(cells)}{end}</tr>'


_NUMERIC = _regex.compile(r"[\d.,\s%()-]+(?:đ|đồng)?")


def _marked(text: str, marks: list[_Mark]) -> str:
    body, rest = _marked_with_rest(text, marks)
    return body + "".join(_badge(mark) for mark in rest)


def _marked_with_rest(text: str, marks: list[_Mark]) -> tuple[str, list[_Mark]]:
    """``text`` escaped with each mark's figure wrapped; the marks whose figure it lacks."""
    spans: list[tuple[int, int, _Mark]] = []
    rest: list[_Mark] = []
    for mark in marks:
        span = _find(text, mark.value, taken=[(s, e) for s, e, _ in spans])
        if span is None:
            rest.append(mark)
        else:
            spans.append((span[0], span[1], mark))
    spans.sort(key=lambda item: item[0])
    out: list[str] = []
    position = 0
    for start, end, mark in spans:
        out.append(escape(text[position:start]))
        out.append(_wrap(text[start:end], mark))
        position = end
    out.append(escape(text[position:]))
    return "".join(out), rest


def _find(
    text: str, value: int | Decimal, *, taken: list[tuple[int, int]]
) -> tuple[int, int] | None:
    if value < 0:
        return None
    digits = str(value).replace(".", ",")  # a percentage is written with a decimal comma
    groups = _groups(digits)
    forms = {digits, ".".join(groups), " ".join(groups), "\u00a0".join(groups), ",".join(groups)}
    pattern = "|".join(re.escape(form) for form in sorted(forms, key=len, reverse=True))
    for match in re.finditer(rf"(?<![\d.,])(?:{pattern})(?![\d]|[.,]\d)", text):
        span = match.span()
        if not any(s < span[1] and span[0] < e for s, e in taken):
            return span
    return None


def _groups(digits: str) -> list[str]:
    head = len(digits) % 3 or 3
    return [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]


def _wrap(written: str, mark: _Mark) -> str:
    title = escape(f"{mark.title.vi} / {mark.title.en}", quote=True)
    anchor = f' id="{mark.anchor}"' if mark.anchor else ""
    if mark.kind == "unchecked":
        return f'<mark class="unchecked" title="{title}">{escape(written)}</mark>'
    back = mark.anchor.replace("-m", "-l") if mark.anchor else ""
    html = f'<mark class="wrong"{anchor} title="{title}">{escape(written)}</mark>'
    html += _suggestion(mark)
    if back:
        html = f'<a href="#{back}" class="to-finding">{html}</a>'
    return html


def _suggestion(mark: _Mark) -> str:
    """``→ 2.751.000.000`` beside a wrong figure; ``→ ? 3.000.000`` for a tied candidate."""
    if mark.suggested is not None:
        return f'<ins class="suggested">→ {number(mark.suggested)}</ins>'
    if mark.maybe:
        values = " / ".join(number(value) for value in mark.maybe)
        return f'<ins class="candidate">→ ? {values}</ins>'
    return ""


def _badge(mark: _Mark) -> str:
    """A mark whose figure the text does not show as a number (``16,23 tỷ``): beside it."""
    if mark.kind == "unchecked":
        return f' <mark class="unchecked">{_both(_HTML("unchecked_mark"))}</mark>'
    anchor = f' id="{mark.anchor}"' if mark.anchor else ""
    title = escape(f"{mark.title.vi} / {mark.title.en}", quote=True)
    shown = number(mark.value) if mark.value >= 0 else "⚠"
    html = f' <mark class="wrong"{anchor} title="{title}">{shown}</mark>'
    html += _suggestion(mark)
    return html


__all__ = ["CSP", "report_html"]
