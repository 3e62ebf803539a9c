"""Scenarios for planners: reforms as data, and baseline-against-reform budgets.

Names are loaded lazily, as in the top-level package. A comparison's tables, frames and
charts are views (:mod:`welfare_rules.views`), reached through its ``_repr_html_``,
``to_pandas`` and ``plot``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import lazy_exports

if TYPE_CHECKING:
    from .comparison import BudgetLine, Comparison, PersonChange, compare
    from .reform import (
        BracketChange,
        EligibilityChange,
        LevelChange,
        QuotaChange,
        Reform,
        apply_reform,
    )

_EXPORTS: dict[str, str] = {
    "BracketChange": "reform",
    "BudgetLine": "comparison",
    "Comparison": "comparison",
    "EligibilityChange": "reform",
    "LevelChange": "reform",
    "PersonChange": "comparison",
    "QuotaChange": "reform",
    "Reform": "reform",
    "apply_reform": "reform",
    "compare": "comparison",
}

__all__ = [
    "BracketChange",
    "BudgetLine",
    "Comparison",
    "EligibilityChange",
    "LevelChange",
    "PersonChange",
    "QuotaChange",
    "Reform",
    "apply_reform",
    "compare",
]


__getattr__, __dir__ = lazy_exports(__name__, globals(), _EXPORTS)
