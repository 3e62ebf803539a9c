"""Every output format, one module each: HTML tables, DataFrames, charts, JSON envelopes.

``views`` sits above the domain (``rules``, ``entitle``, ``audit``, ``scenario``): it reads
results and shows them, and the domain never imports it at module level. The one way in
from below is the documented hook methods of the results, each importing its view inside
the method (so pandas and matplotlib load only when asked for):

=====================  ==========================================================
hook                   view
=====================  ==========================================================
``_repr_html_()``      :mod:`welfare_rules.views.html` (``Ruleset``, ``Allocation``,
                       ``AuditResult``, ``Comparison``)
``to_pandas()``        :mod:`welfare_rules.views.frames` (the same four)
``plot()``             :mod:`welfare_rules.views.plot` (``Allocation``, ``Comparison``)
=====================  ==========================================================

:mod:`welfare_rules.views.json` builds the JSON documents the command line prints from the
results' ``to_dict()``; :mod:`~welfare_rules.views.ruleset_text`,
:mod:`~welfare_rules.views.entitlement_text` and the ``audit_*`` modules the terminal text
and the audit's other formats; :mod:`welfare_rules.views.types` holds the Protocols views
are typed against where naming a domain class would mean importing it.
``tests/test_architecture.py`` checks these rules on the import graph.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import lazy_exports

if TYPE_CHECKING:
    from .json import audit_envelope, entitlements_document, ruleset_document, ruleset_list
    from .plot import plot_allocation, plot_comparison

HOOKS: tuple[str, ...] = ("_repr_html_", "to_pandas", "plot")
"""The methods of domain objects allowed to import ``welfare_rules.views`` (in the method)."""

_EXPORTS: dict[str, str] = {
    "audit_envelope": "json",
    "entitlements_document": "json",
    "plot_allocation": "plot",
    "plot_comparison": "plot",
    "ruleset_document": "json",
    "ruleset_list": "json",
}

__all__ = [
    "HOOKS",
    "audit_envelope",
    "entitlements_document",
    "plot_allocation",
    "plot_comparison",
    "ruleset_document",
    "ruleset_list",
]


__getattr__, __dir__ = lazy_exports(__name__, globals(), _EXPORTS)
