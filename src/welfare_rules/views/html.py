"""HTML tables for notebooks: what the ``_repr_html_`` of every result shows.

Plain HTML with inline styles (no CSS file, no JavaScript), amounts in Vietnamese number
formatting (``5.455.400.000``) right-aligned, every text escaped. Mismatches and losses
are highlighted in red, gains in green. Headers are bilingual (``Mức / Level``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal
from html import escape
from typing import TYPE_CHECKING

from ..money import format_vnd
from .frames import allocation_rows, audit_rows, ruleset_rows

if TYPE_CHECKING:
    from ..audit.findings import AuditResult
    from ..entitle.allocate import Allocation
    from ..rules.model import Ruleset
    from ..scenario.comparison import Comparison

# Highlight colours: a mismatch or a loss; a gain; a warning.
BAD = "#fde2e1"
GOOD = "#e3f5e1"
WARN = "#fff4d6"

_TABLE = 'style="border-collapse:collapse;font-size:90%"'
_CELL = "padding:2px 8px;border-bottom:1px solid #ddd"
_NUMBER = f"{_CELL};text-align:right;font-variant-numeric:tabular-nums"


def number(value: int | None) -> str:
    """``5.455.400.000``; ``—`` for no value; negative numbers keep their sign."""
    if value is None:
        return "—"
    text = format_vnd(abs(value), unit="")
    return f"−{text}" if value < 0 else text


def signed(value: int) -> str:
    """``+1.000.000`` / ``−500.000`` / ``0``."""
    return ("+" if value > 0 else "") + number(value)


class Cell:
    """One table cell: text (escaped when rendered), numeric alignment, a background."""

    __slots__ = ("background", "numeric", "text")

    def __init__(self, text: str, *, numeric: bool = False, background: str | None = None):
        self.text = text
        self.numeric = numeric
        self.background = background

    def render(self, tag: str = "td") -> str:
        style = _NUMBER if self.numeric else _CELL
        if self.background:
            style += f";background:{self.background}"
        return f'<{tag} style="{style}">{escape(self.text)}</{tag}>'


def money_cell(value: int | Decimal | None, *, background: str | None = None) -> Cell:
    """A right-aligned amount or count (a percentage with its decimal comma)."""
    if isinstance(value, Decimal):
        return Cell(f"{value}%".replace(".", ","), numeric=True, background=background)
    return Cell(number(value), numeric=True, background=background)


def delta_cell(value: int) -> Cell:
    """A signed difference, green when positive, red when negative."""
    background = GOOD if value > 0 else BAD if value < 0 else None
    return Cell(signed(value), numeric=True, background=background)


def _cell(value: object) -> Cell:
    return value if isinstance(value, Cell) else Cell(str(value))


def table(
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    caption: str = "",
    footer: Sequence[object] | None = None,
) -> str:
    """An HTML table; a cell that is not a :class:`Cell` is shown as plain text."""
    parts = [f"<table {_TABLE}>"]
    if caption:
        parts.append(
            f'<caption style="text-align:left;font-weight:bold">{escape(caption)}</caption>'
        )
    head = "".join(Cell(h).render("th") for h in headers)
    parts.append(f"<thead><tr>{head}</tr></thead><tbody>")
    for row in rows:
        parts.append("<tr>" + "".join(_cell(c).render() for c in row) + "</tr>")
    parts.append("</tbody>")
    if footer is not None:
        cells = "".join(_cell(c).render() for c in footer)
        parts.append(f'<tfoot style="font-weight:bold"><tr>{cells}</tr></tfoot>')
    parts.append("</table>")
    return "".join(parts)


def paragraph(text: str, *, background: str | None = None) -> str:
    """A short paragraph of escaped text."""
    style = f' style="background:{background};padding:2px 6px"' if background else ""
    return f"<p{style}>{escape(text)}</p>"


# ---------------------------------------------------------------- Ruleset


def ruleset_html(ruleset: Ruleset, *, on: dt.date | None = None) -> str:
    """The ruleset's programmes and their levels or brackets, one row each.

    With ``on``, only the versions in force that day; else every version.
    """
    rows = [
        [
            row.programme,
            row.title,
            row.source_label,
            str(row.effective or "—"),
            row.level or "—",
            row.ages or "",
            money_cell(row.amount),
            money_cell(row.quota),
            Cell(row.basis or "", background=None if row.confirmed else WARN),
        ]
        for row in ruleset_rows(ruleset, on=on)
    ]
    caption = f"{ruleset.title.vi} / {ruleset.title.en} ({ruleset.id})"
    headers = [
        "Chương trình / Programme",
        "Tên / Title",
        "Nguồn / Source",
        "Hiệu lực / Effective",
        "Mức / Level",
        "Tuổi / Ages",
        "Số tiền / Amount (đ)",
        "Số suất / Quota",
        "Căn cứ / Basis",
    ]
    note = paragraph(
        "Ô vàng: căn cứ chưa được xác nhận / yellow: basis not confirmed by a public source"
    )
    return table(headers, rows, caption=caption) + note


# ---------------------------------------------------------------- AuditResult


def audit_html(result: AuditResult) -> str:
    """The findings, errors in red, warnings in yellow, with reported, expected, suggested."""
    rows = []
    for row in audit_rows(result):
        background = BAD if row.severity == "error" else WARN
        suggested = row.suggested
        rows.append(
            [
                str(row.line or "—"),
                Cell(row.kind, background=background),
                row.where,
                row.field or "",
                money_cell(row.reported, background=background),
                money_cell(row.expected),
                money_cell(suggested, background=GOOD if suggested is not None else None),
                row.candidates,
                row.message_vi,
                row.message_en,
            ]
        )
    summary = result.summary()
    status = "OK" if result.ok else "KHÔNG KHỚP / MISMATCHES"
    caption = (
        f"{status}: {summary['errors']} lỗi / errors, {summary['warnings']} cảnh báo / "
        f"warnings, {summary['edits']} phép kiểm tra / edits, {summary['figures']} số liệu / "
        "figures"
    )
    headers = [
        "Dòng / Line",
        "Loại / Kind",
        "Ở đâu / Where",
        "Trường / Field",
        "Đã ghi / Reported",
        "Đúng ra / Expected",
        "Đề xuất / Suggested",
        "Phương án khác / Candidates",
        "Tiếng Việt",
        "English",
    ]
    return table(headers, rows, caption=caption)


# ---------------------------------------------------------------- Allocation


def allocation_html(allocation: Allocation) -> str:
    """The budget by funding source, programme and level, with counts and amounts."""
    lines = allocation_rows(allocation)
    rows = [
        [
            row.source_label,
            row.programme,
            row.label,
            money_cell(row.level_amount),
            money_cell(row.count),
            money_cell(row.amount),
        ]
        for row in lines
    ]
    total_count = sum(row.count for row in lines)
    total_amount = sum(row.amount for row in lines)
    goods = any(row.level_in_kind for row in lines)  # show the goods when there are any
    if goods:
        for row, cells in zip(lines, rows, strict=True):
            cells += [money_cell(row.level_in_kind), money_cell(row.in_kind), money_cell(row.total)]
    headers = [
        "Nguồn / Source",
        "Chương trình / Programme",
        "Mức / Level",
        "Mức tiền / Level (đ)",
        "Số suất / Count",
        "Thành tiền / Amount (đ)",
    ]
    footer = ["Tổng / Total", "", "", "", money_cell(total_count), money_cell(total_amount)]
    if goods:
        headers += ["Hiện vật mỗi suất / In kind (đ)", "Hiện vật / In kind (đ)", "Tổng / Total (đ)"]
        total_kind = sum(row.in_kind for row in lines)
        footer += ["", money_cell(total_kind), money_cell(total_amount + total_kind)]
    html = table(headers, rows, caption="Phân bổ / Allocation", footer=footer)
    undetermined = allocation.undetermined_count
    if undetermined:
        html += paragraph(
            f"{number(undetermined)} trường hợp chưa xác định (không tính là 0) / "
            f"undetermined cases (not counted as zero)",
            background=WARN,
        )
    return html


# ---------------------------------------------------------------- Comparison


_SIDES = ("Hiện hành / Baseline (đ)", "Phương án / Reform (đ)", "Chênh lệch / Delta")


def comparison_html(comparison: Comparison) -> str:
    """Budgets by funding source, then by programme and level, with deltas; gainers, losers."""
    parts = []
    source_rows = [
        [
            f"{source.label('vi')} / {source.label('en')}",
            money_cell(base),
            money_cell(new),
            delta_cell(new - base),
        ]
        for source, base, new in comparison.by_source()
    ]
    totals = comparison.totals()
    parts.append(
        table(
            [
                "Nguồn / Source",
                "Hiện hành / Baseline (đ)",
                "Phương án / Reform (đ)",
                "Chênh lệch / Delta",
            ],
            source_rows,
            caption=comparison.caption(),
            footer=[
                "Tổng / Total",
                money_cell(totals[0]),
                money_cell(totals[1]),
                delta_cell(totals[1] - totals[0]),
            ],
        )
    )
    line_rows = [
        [
            line.source.label("vi"),
            line.programme,
            line.level,
            money_cell(line.baseline_level),
            money_cell(line.reform_level),
            money_cell(line.baseline_count),
            money_cell(line.reform_count),
            money_cell(line.baseline_amount),
            money_cell(line.reform_amount),
            delta_cell(line.delta),
        ]
        for line in comparison.lines
    ]
    parts.append(
        table(
            [
                "Nguồn / Source",
                "Chương trình / Programme",
                "Mức / Level",
                "Mức hiện hành / Baseline level",
                "Mức phương án / Reform level",
                "Số suất hiện hành / Baseline count",
                "Số suất phương án / Reform count",
                "Hiện hành / Baseline (đ)",
                "Phương án / Reform (đ)",
                "Chênh lệch / Delta",
            ],
            line_rows,
            caption="Theo chương trình và mức / By programme and level",
        )
    )
    if comparison.population:
        people = [
            [str(c.person), money_cell(c.baseline), money_cell(c.reform), delta_cell(c.delta)]
            for c in (*comparison.gainers, *comparison.losers)
        ]
        caption = (
            f"{number(len(comparison.gainers))} người được thêm / gain, "
            f"{number(len(comparison.losers))} người bị giảm / lose, "
            f"{number(comparison.unchanged)} không đổi / unchanged"
        )
        parts.append(
            table(
                [
                    "Người / Person",
                    "Hiện hành / Baseline (đ)",
                    "Phương án / Reform (đ)",
                    "Chênh lệch / Delta",
                ],
                people[:50],
                caption=caption,
            )
        )
    undetermined = comparison.undetermined
    if undetermined[0] or undetermined[1]:
        parts.append(
            paragraph(
                f"Chưa xác định (không tính là 0) / undetermined (not counted as zero): "
                f"{number(undetermined[0])} → {number(undetermined[1])}",
                background=WARN,
            )
        )
    return "".join(parts)


__all__ = [
    "BAD",
    "GOOD",
    "WARN",
    "Cell",
    "allocation_html",
    "audit_html",
    "comparison_html",
    "delta_cell",
    "money_cell",
    "number",
    "paragraph",
    "ruleset_html",
    "signed",
    "table",
]
