"""plot(): bars by funding source, baseline against reform; figures match the budgets."""

from __future__ import annotations

import datetime as dt

import pytest

from welfare_rules import load_ruleset
from welfare_rules.entitle.allocate import allocate
from welfare_rules.scenario import LevelChange, Reform
from welfare_rules.scenario.comparison import compare
from welfare_rules.views.plot import plot_allocation

from .test_scenario_comparison import SOURCE_COUNTS

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

TET_2024 = dt.date(2024, 2, 1)


def _heights(ax: object) -> list[int]:
    return [round(patch.get_height()) for patch in ax.patches]  # type: ignore[attr-defined]


def test_baseline_against_reform_by_source() -> None:
    import matplotlib.pyplot as plt

    ruleset = load_ruleset("uong-bi-tet-2024")
    reform = Reform(level=[LevelChange(programme="provincial-4107", level=500_000, amount=600_000)])
    result = compare(ruleset, reform, SOURCE_COUNTS, on=TET_2024)
    ax = result.plot(lang="en")
    try:
        rows = result.by_source()
        assert _heights(ax) == [b for _, b, _ in rows] + [r for _, _, r in rows]
        assert [t.get_text() for t in ax.get_xticklabels()] == [s.label("en") for s, _, _ in rows]
        assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Baseline", "Reform"]
        formatter = ax.yaxis.get_major_formatter()
        assert formatter(5_455_400_000, 0) == "5,455,400,000"
        assert "delta +VND 550,200,000" in ax.get_title()
    finally:
        plt.close(ax.figure)


def test_allocation_by_source_on_given_axes() -> None:
    import matplotlib.pyplot as plt

    figure, ax = plt.subplots()
    try:
        result = allocate({"birth_year": [1954, 1944, 1944]}, "uong-bi-tet-2024", on=TET_2024)
        assert result.plot(ax=ax) is ax
        assert plot_allocation(result, ax=ax) is ax
        assert _heights(ax) == [t.amount for t in result.by_source().values()] * 2
        assert ax.yaxis.get_major_formatter()(1_800_000, 0) == "1.800.000"
    finally:
        plt.close(figure)
