"""Protocols the views are typed against, so a view need not import the layer it shows.

Modelled on openfisca-core's ``tracers/types.py``: a view states what it reads of a
result (a method, an attribute), and any object that has it can be shown. The audit
layer is the one views reach this way; rules, entitlements and scenarios are named
under ``TYPE_CHECKING`` only.
"""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

from .._i18n import Lang


@runtime_checkable
class AuditResultLike(Protocol):
    """What the audit envelope reads of an :class:`~welfare_rules.audit.findings.AuditResult`."""

    def to_dict(self, *, lang: Lang | None = None) -> dict[str, Any]:
        """``{"ok", "findings", "summary"}``."""
        ...


@runtime_checkable
class UnparsedLike(Protocol):
    """A line the reader did not understand (``audit.extract.UnparsedLine``)."""

    def model_dump(self) -> dict[str, Any]:
        """Its fields as a plain dict."""
        ...


__all__ = ["AuditResultLike", "UnparsedLike"]
