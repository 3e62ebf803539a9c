"""One row per finding, for the spreadsheet views (CSV, XLSX): file, where, kind, written,
expected, suggested and the message, in the chosen language; numbers stay ``int``."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from .._i18n import Lang
from .audit_text import MSG, label

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .audit_files import AuditedFile

COLUMNS: tuple[str, ...] = (
    "file",
    "where",
    "line",
    "severity",
    "kind",
    "field",
    "written",
    "expected",
    "suggested",
    "message",
)
"""The columns of a findings row, in order (their headers: :func:`headers`)."""


@dataclass(frozen=True, slots=True)
class FindingRow:
    """One finding as a spreadsheet row."""

    file: str
    where: str
    line: int | None
    severity: str
    kind: str
    field: str
    written: int | Decimal | None
    expected: int | Decimal | None
    suggested: int | Decimal | None
    message: str

    def values(self) -> tuple[str | int | None, ...]:
        """The cells in :data:`COLUMNS` order."""
        return tuple(getattr(self, name) for name in COLUMNS)


def headers(*, lang: Lang) -> tuple[str, ...]:
    """The column headers in ``lang``."""
    return tuple(MSG(name).get(lang) for name in COLUMNS)


def finding_rows(files: Sequence[AuditedFile], *, lang: Lang) -> list[FindingRow]:
    """Every finding of every file, in order; an unreadable file is one row saying why."""
    rows: list[FindingRow] = []
    for file in files:
        if file.audit is None:
            reason = file.error.get(lang) if file.error is not None else ""
            rows.append(
                FindingRow(file.name, "", None, "", "unreadable", "", None, None, None, reason)
            )
            continue
        for index, finding in enumerate(file.audit.result.findings):
            where = file.where(index, lang=lang)
            if where is None:
                where = "" if finding.line is None else f"{MSG('line').get(lang)} {finding.line}"
            rows.append(
                FindingRow(
                    file=file.name,
                    where=where,
                    line=finding.line,
                    severity=label(finding.severity, lang=lang),
                    kind=label(finding.kind, lang=lang),
                    field=label(finding.field, lang=lang),
                    written=finding.reported,
                    expected=finding.expected,
                    suggested=finding.suggested,
                    message=file.message(index, lang=lang),
                )
            )
    return rows


__all__ = ["COLUMNS", "FindingRow", "finding_rows", "headers"]
