"""The findings as CSV: one row per finding (:mod:`~.audit_rows`), numbers as plain
integers (``2751000000``) so a spreadsheet reads them as numbers, comma-separated, with a
header row in the chosen language."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from .._i18n import Lang
from .audit_rows import finding_rows, headers

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .audit_files import AuditedFile


def findings_csv(files: Sequence[AuditedFile], *, lang: Lang) -> str:
    """The CSV text (``\\r\\n`` line ends, as RFC 4180 and Excel expect)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headers(lang=lang))
    for row in finding_rows(files, lang=lang):
        writer.writerow(["" if value is None else value for value in row.values()])
    return out.getvalue()


__all__ = ["findings_csv"]
