"""The audit as JSON: one file's document, a run's ``{"files": [...]}``, or JSON Lines.

One file's document is :func:`~welfare_rules.views.json.audit_envelope` (``ok``,
``findings``, ``unparsed``, ``summary``) with what the reading layer knows added:
``unchecked`` (the figures no check covers, each saying whether it is ``alone``: the text
relates it to nothing), ``summary.complete``, ``summary.unchecked`` (the figures not
checked that make it incomplete), ``summary.alone`` and ``summary.status`` (the exit
status), and for each finding, unchecked figure and line not understood its ``where``
(the place in the file's own terms, in the chosen language: ``bảng 1, hàng 9, cột «Thành
tiền»``) and ``place`` (the same as a dict), or ``null``; each tied candidate correction
says its ``where`` too. A run over several files is ``{"ok", "files": [...],
"summary"}``, each file's document with ``file`` (and ``error`` for a file that could not
be read).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from .._i18n import Lang
from .audit_files import describe, worst_status
from .json import audit_envelope

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ..audit.read import Place
    from .audit_files import AuditedFile


def file_document(file: AuditedFile, *, lang: Lang) -> dict[str, Any]:
    """One audited file (see the module docstring); an unreadable one is
    ``{"file", "ok": false, "error", "summary": {"status": 2}}``."""
    audit = file.audit
    if audit is None:
        assert file.error is not None
        return {
            "file": file.name,
            "ok": False,
            "error": file.error.get(lang),
            "summary": {"status": 2, "complete": False, "source": file.source},
        }
    envelope = audit_envelope(audit.result, audit.unparsed, source=file.source, lang=lang)
    from ..audit.read.places import place_of

    document = audit.document
    for index, (finding, place) in enumerate(zip(envelope["findings"], file.places, strict=False)):
        finding.update(_where(place, lang))
        finding["message"] = file.message(index, lang=lang)
        for candidate in finding["candidates"]:
            spot = place_of(document, candidate.get("line"), field=candidate.get("field"))
            candidate["where"] = describe(spot, lang=lang)
    for item, place in zip(envelope["unparsed"], file.unparsed_places, strict=False):
        item.update(_where(place, lang))
    unchecked = [figure.to_dict() for figure in audit.unchecked]
    for item, place in zip(unchecked, file.unchecked_places, strict=False):
        item.update(_where(place, lang))
    summary = {
        **envelope["summary"],
        "unchecked": len(audit.not_checked),
        "alone": len(audit.standing_alone),
        "complete": audit.complete,
        "status": audit.status,
    }
    return {
        "ok": envelope["ok"],
        "findings": envelope["findings"],
        "unparsed": envelope["unparsed"],
        "unchecked": unchecked,
        "summary": summary,
    }


def files_document(files: Sequence[AuditedFile], *, lang: Lang) -> dict[str, Any]:
    """A run over several files: each file's document (with ``file``) and a summary."""
    documents = [{"file": f.name, **file_document(f, lang=lang)} for f in files]
    status = worst_status(files)
    statuses = [f.status for f in files]
    return {
        "ok": status in (0, 3),
        "files": documents,
        "summary": {
            "files": len(files),
            "errors": statuses.count(1),
            "incomplete": statuses.count(3),
            "consistent": statuses.count(0),
            "unreadable": statuses.count(2),
            "status": status,
        },
    }


def jsonl(files: Sequence[AuditedFile], *, lang: Lang) -> str:
    """One JSON object per line, one line per file (``file`` first)."""
    return "".join(
        json.dumps({"file": f.name, **file_document(f, lang=lang)}, ensure_ascii=False) + "\n"
        for f in files
    )


def dumps(data: Any) -> str:
    """Indented UTF-8 JSON (Vietnamese letters kept as they are), ending with a newline."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _where(place: Place | None, lang: Lang) -> dict[str, Any]:
    return {
        "where": describe(place, lang=lang),
        "place": None if place is None else place.to_dict(),
    }


__all__ = ["dumps", "file_document", "files_document", "jsonl"]
