"""Scenarios for planners: reforms as data, baseline-against-reform budgets, tables, charts.

Names are loaded lazily, as in the top-level package (pandas and matplotlib are optional
extras, imported only by the functions that draw or build frames).
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
