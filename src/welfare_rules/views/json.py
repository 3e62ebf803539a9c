"""JSON documents: one envelope per result, built from the result's own ``to_dict()``.

Each result has one JSON shape (its ``to_dict(lang=…)``); what the command line prints
adds only what the result does not know (the lines a reader could not parse, the name
of the input). Every function returns plain, JSON-ready data; printing is the caller's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from .._i18n import Lang
from .types import AuditResultLike, UnparsedLike

if TYPE_CHECKING:
    from ..entitle.person import Person
    from ..entitle.results import Item
    from ..rules.model import Ruleset


def audit_envelope(
    result: AuditResultLike,
    unparsed: Sequence[UnparsedLike] = (),
    *,
    source: str,
    lang: Lang | None = None,
) -> dict[str, Any]:
    """The one audit document: ``{"ok", "findings", "unparsed", "summary"}``.

    ``findings`` and ``ok`` are :meth:`AuditResult.to_dict`'s; ``unparsed`` lists the
    lines with a number the reader did not understand; ``summary`` is the result's
    summary with ``unparsed`` (their count) and ``source`` (the input's name) added.
    ``lang`` picks each message's language (``None``: ``{"vi", "en"}``).
    """
    data = result.to_dict(lang=lang)
    summary = {**data["summary"], "unparsed": len(unparsed), "source": source}
    return {
        "ok": data["ok"],
        "findings": data["findings"],
        "unparsed": [item.model_dump() for item in unparsed],
        "summary": summary,
    }


def ruleset_document(ruleset: Ruleset, *, on: dt.date | None = None) -> dict[str, Any]:
    """A ruleset as its file's keys (``rulesets show --json``); with ``on``, also
    ``in_force``: the programmes and versions in force that day."""
    data = ruleset.to_dict()
    if on is not None:
        data["in_force"] = [
            {
                "ruleset": f.ruleset,
                "programme": f.programme.id,
                "version": f.version.model_dump(mode="json"),
            }
            for f in ruleset.in_force(on=on)
        ]
    return data


def ruleset_list(rulesets: Iterable[Ruleset], *, lang: Lang) -> list[dict[str, Any]]:
    """One summary per ruleset (``rulesets list --json``)."""
    return [
        {
            "id": r.id,
            "title": r.title.get(lang),
            "jurisdiction": r.jurisdiction.get(lang),
            "occasion": r.occasion,
            "year": r.year,
            "includes": list(r.includes),
        }
        for r in rulesets
    ]


def entitlements_document(
    results: Iterable[tuple[Person, Sequence[Item]]], *, lang: Lang
) -> list[dict[str, Any]]:
    """Each person's id, total and items (``entitlements --json``)."""
    return [
        {
            "id": person.id,
            "total": sum(item.amount for item in items if item.amount is not None),
            "items": [item.to_dict(lang=lang) for item in items],
        }
        for person, items in results
    ]


__all__ = ["audit_envelope", "entitlements_document", "ruleset_document", "ruleset_list"]
