"""Scenarios for planners: reforms as data, baseline-against-reform budgets, tables, charts.

Names are loaded lazily, as in the top-level package (pandas and matplotlib are optional
extras, imported only by the functions that draw or build frames).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

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


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
