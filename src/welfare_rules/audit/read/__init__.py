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
from ..._limits import MAX_INPUT_BYTES, max_input_bytes
from ..._limits import read_bytes as _read_file
from ...errors import DocumentReadError, InputSizeError
from .document import Cell, Document, Place, SourceLine
from .registry import Reader, reader_for, readers, register, suffixes

if TYPE_CHECKING:
    from ..coverage import UncheckedFigure
    from ..extract import UnparsedLine
    from ..findings import AuditResult
    from ..report import Report

MAX_BYTES = MAX_INPUT_BYTES
"""The largest file read when ``$WELFARE_RULES_MAX_INPUT_BYTES`` is not set (50 MiB): past
the limit in force (:func:`welfare_rules._limits.max_input_bytes`) a file is refused, not
read."""

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
        "too_long": Text(
            vi="tệp dài hơn giới hạn {limit} byte",
            en="the file is longer than the limit of {limit} bytes",
        ),
    },
)

Status = Literal[0, 1, 3]
"""0 checked and consistent; 1 an error found; 3 no error, but not everything checked."""


def read_bytes(data: bytes, *, name: str, max_bytes: int | None = None) -> Document:
    """The document in ``data`` (a whole file called ``name``).

    ``max_bytes`` defaults to the limit in force, as for :func:`read_path`.
    """
    limit = max_input_bytes() if max_bytes is None else max_bytes
    if len(data) > limit:
        raise DocumentReadError(name, _MSG("too_large", size=len(data), limit=limit))
    return reader_for(name, data[:4096]).read(data, name=name)


def read_path(path: str | Path, *, max_bytes: int | None = None) -> Document:
    """The document in the file at ``path``, never reading more than ``max_bytes`` + 1
    bytes of it: an endless file (``/dev/zero``) costs the limit, then is refused.

    ``max_bytes`` defaults to the limit the command line uses too
    (:func:`welfare_rules._limits.max_input_bytes`: ``$WELFARE_RULES_MAX_INPUT_BYTES``,
    else 50 MiB; a bad setting is a :class:`~welfare_rules.errors.SettingError`), so a
    program reads what ``welfare-rules audit`` reads. A file past it is a
    :class:`~welfare_rules.errors.DocumentReadError` giving its size when the system
    knows it (a regular file), never the bytes read before stopping.
    """
    name = str(path)
    limit = max_input_bytes() if max_bytes is None else max_bytes
    try:
        data = _read_file(path, limit=limit)
    except InputSizeError as exc:
        reason = (
            _MSG("too_long", limit=limit)
            if exc.size is None
            else _MSG("too_large", size=exc.size, limit=limit)
        )
        raise DocumentReadError(name, reason) from exc
    except FileNotFoundError as exc:
        raise DocumentReadError(name, _MSG("missing")) from exc
    except IsADirectoryError as exc:
        raise DocumentReadError(name, _MSG("directory")) from exc
    except OSError as exc:
        raise DocumentReadError(name, _MSG("os", reason=exc.strerror or exc)) from exc
    return read_bytes(data, name=name, max_bytes=limit)


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
        report, unparsed = extracted.report, extracted.unparsed
        if any(line.place.sheet for line in document.lines):  # a workbook's sheets
            from .._sheets import link_sheets  # here: a text pays nothing for it

            report = link_sheets(report, document)
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
