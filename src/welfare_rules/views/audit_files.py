"""One audited file as every audit view shows it: the audit, or why the file was not read,
the place in the file's own terms of each finding and each unchecked figure, and each
finding's message with the lines it names said as places (``ở bảng 1, hàng 6``).

:func:`audited` builds it from a :class:`~welfare_rules.audit.read.DocumentAudit` (the
places through :func:`~welfare_rules.audit.read.places.place_of`); :func:`unreadable`
from the reason a file could not be read. :func:`worst_status` is the exit status of a
run over many files: 1 (an error) over 3 (not everything checked) over 0; a file that
could not be read makes the run incomplete (3), and only a run where nothing could be
read at all is 2.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .._i18n import Lang, Text

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ..audit.read import DocumentAudit, Place

EXIT_UNREADABLE = 2


@dataclass(frozen=True, slots=True)
class AuditedFile:
    """A file of the run: its audit and places, or the reason it could not be read."""

    name: str  # as given on the command line, or found in a folder
    source: str  # as the output names it ("standard input", the path …)
    audit: DocumentAudit | None = None
    error: Text | None = None
    places: tuple[Place | None, ...] = ()  # one per finding, in the findings' order
    unchecked_places: tuple[Place | None, ...] = ()  # one per unchecked figure
    unparsed_places: tuple[Place | None, ...] = ()  # one per line not understood
    messages: tuple[Text, ...] = ()  # each finding's message, its lines said as places

    @property
    def status(self) -> int:
        """0, 1 or 3 for an audit (see ``DocumentAudit.status``); 2 for an unreadable file."""
        return EXIT_UNREADABLE if self.audit is None else self.audit.status

    def message(self, index: int, *, lang: Lang) -> str:
        """The ``index``-th finding's message, its ``dòng N`` said as places in the file."""
        if index < len(self.messages):
            return self.messages[index].get(lang)
        assert self.audit is not None
        return self.audit.result.findings[index].message.get(lang)

    def where(self, index: int, *, lang: Lang) -> str | None:
        """The place of the ``index``-th finding, as a person says it."""
        place = self.places[index] if index < len(self.places) else None
        return describe(place, lang=lang)


def describe(place: Place | None, *, lang: Lang) -> str | None:
    """``place`` in words, or ``None``."""
    if place is None:
        return None
    return place.describe(lang=lang) or None


def audited(audit: DocumentAudit, *, name: str, source: str | None = None) -> AuditedFile:
    """``audit`` with the place of each finding and of each unchecked or unparsed figure."""
    from ..audit.read.places import place_of, relocate

    document = audit.document
    places = tuple(
        place_of(document, f.line, field=f.field, value=f.reported) for f in audit.result.findings
    )
    unchecked = tuple(
        place_of(document, u.line, field=u.field, value=u.value) for u in audit.unchecked
    )
    unparsed = tuple(place_of(document, u.line) for u in audit.unparsed)
    messages = tuple(
        Text(
            relocate(f.message.vi, document, lang="vi"),
            relocate(f.message.en, document, lang="en"),
        )
        for f in audit.result.findings
    )
    return AuditedFile(
        name=name,
        source=name if source is None else source,
        audit=audit,
        places=places,
        unchecked_places=unchecked,
        unparsed_places=unparsed,
        messages=messages,
    )


def unreadable(name: str, reason: Text) -> AuditedFile:
    """A file that could not be read, and why."""
    return AuditedFile(name=name, source=name, error=reason)


def worst_status(files: Sequence[AuditedFile]) -> int:
    """The exit status of a run over ``files`` (see the module docstring)."""
    read = [f.status for f in files if f.audit is not None]
    if not read:
        return EXIT_UNREADABLE
    if 1 in read:
        return 1
    if 3 in read or len(read) < len(files):
        return 3
    return 0


__all__ = ["AuditedFile", "audited", "describe", "unreadable", "worst_status"]
