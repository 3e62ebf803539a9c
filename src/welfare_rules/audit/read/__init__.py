"""Every input format → a :class:`~.document.Document` of located lines → a report tree.

:func:`read_path` and :func:`read_bytes` choose a reader from the registry (by suffix,
else by content) and return the document; :func:`audit_document` reads its tree (the
text pipeline of :func:`~welfare_rules.audit.extract.extract_report`, a workbook's sheets
then tied to the summary rows that restate them by :func:`~welfare_rules.audit._sheets.link_sheets`,
or the tree given as data), reconciles it and says what could not be checked
(:class:`DocumentAudit`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from ..._i18n import Catalog, Text
from ...errors import DocumentReadError
from .document import Cell, Document, Place, SourceLine
from .registry import Reader, reader_for, readers, register, suffixes

if TYPE_CHECKING:
    from ..coverage import UncheckedFigure
    from ..extract import UnparsedLine
    from ..findings import AuditResult
    from ..report import Report

MAX_BYTES = 50 * 1024 * 1024
"""The largest file read by default (50 MiB): past it a file is refused, not read."""

_MSG = Catalog(
    "audit.read",
    {
        "missing": Text(vi="không có tệp này", en="no such file"),
        "directory": Text(vi="là thư mục, không phải tệp", en="it is a directory"),
        "os": Text(vi="lỗi hệ thống: {reason}", en="system error: {reason}"),
        "too_large": Text(
            vi="tệp lớn {size} byte, vượt giới hạn {limit} byte",
            en="the file has {size} bytes, over the limit of {limit}",
        ),
    },
)

Status = Literal[0, 1, 3]
"""0 checked and consistent; 1 an error found; 3 no error, but not everything checked."""


def read_bytes(data: bytes, *, name: str, max_bytes: int = MAX_BYTES) -> Document:
    """The document in ``data`` (a whole file called ``name``)."""
    if len(data) > max_bytes:
        raise DocumentReadError(name, _MSG("too_large", size=len(data), limit=max_bytes))
    return reader_for(name, data[:4096]).read(data, name=name)


def read_path(path: str | Path, *, max_bytes: int = MAX_BYTES) -> Document:
    """The document in the file at ``path`` (never more than ``max_bytes`` read)."""
    name = str(path)
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError as exc:
        raise DocumentReadError(name, _MSG("missing")) from exc
    except IsADirectoryError as exc:
        raise DocumentReadError(name, _MSG("directory")) from exc
    except OSError as exc:
        raise DocumentReadError(name, _MSG("os", reason=exc.strerror or exc)) from exc
    return read_bytes(data, name=name, max_bytes=max_bytes)


@dataclass(frozen=True, slots=True)
class DocumentAudit:
    """One document audited: its tree, the findings, and what could not be checked."""

    document: Document
    report: Report
    result: AuditResult
    unparsed: tuple[UnparsedLine, ...]
    unchecked: tuple[UncheckedFigure, ...]

    @property
    def not_checked(self) -> tuple[UncheckedFigure, ...]:
        """The unchecked figures the text may relate to others: they make it incomplete."""
        return tuple(figure for figure in self.unchecked if not figure.alone)

    @property
    def standing_alone(self) -> tuple[UncheckedFigure, ...]:
        """The unchecked figures the text relates to nothing: listed, but no check could
        reach them, so they do not make the audit incomplete."""
        return tuple(figure for figure in self.unchecked if figure.alone)

    @property
    def complete(self) -> bool:
        """Every figure stands in a check (or stands alone: the text relates it to
        nothing) and every number was understood."""
        stated = bool(self.result.figures) or bool(self.standing_alone)
        return stated and not self.unparsed and not self.not_checked

    @property
    def status(self) -> Status:
        """The exit status this audit gives (see :data:`Status`)."""
        if not self.result.ok:
            return 1
        return 0 if self.complete else 3


def audit_document(document: Document) -> DocumentAudit:
    """Read ``document``'s report tree, reconcile it, and list what stayed unchecked."""
    from .._sheets import link_sheets
    from ..bounds import check_bounds
    from ..coverage import unchecked_figures
    from ..extract import extract_report
    from ..findings import ordered
    from ..reconciliation import reconcile
    from ..shares import check_shares

    unparsed: tuple[UnparsedLine, ...] = ()
    text = None
    if document.tree is not None:
        report = document.tree
    else:
        text = document.text()
        extracted = extract_report(text)
        report, unparsed = link_sheets(extracted.report, document), extracted.unparsed
    result = reconcile(report)
    approximate = check_bounds(report, result.findings) + check_shares(report, result.findings)
    if approximate:
        findings = ordered([*result.findings, *approximate])
        result = result.model_copy(update={"findings": findings})
    return DocumentAudit(document, report, result, unparsed, unchecked_figures(report, text))


__all__ = [
    "MAX_BYTES",
    "Cell",
    "Document",
    "DocumentAudit",
    "Place",
    "Reader",
    "SourceLine",
    "Status",
    "audit_document",
    "read_bytes",
    "read_path",
    "reader_for",
    "readers",
    "register",
    "suffixes",
]
