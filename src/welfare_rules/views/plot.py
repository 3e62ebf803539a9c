"""Charts (the optional ``plot`` extra): budget by funding source; baseline against reform.

matplotlib is imported when a chart is drawn, never on ``import welfare_rules``; the
backend is the caller's (Jupyter's inline backend, or ``Agg`` in tests and scripts).
Axis figures use Vietnamese grouping (``5.455.400.000``) unless ``lang="en"``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .._i18n import Lang, Text
from .._optional import require
from ..money import format_vnd

if TYPE_CHECKING:
    from ..entitle.allocate import Allocation
    from ..scenario.comparison import Comparison
    from ..tiers import FundingSource

_BASELINE = Text(vi="Hiện hành", en="Baseline")
_REFORM = Text(vi="Phương án", en="Reform")
_AMOUNT = Text(vi="Số tiền (đồng)", en="Amount (VND)")
_BY_SOURCE = Text(vi="Theo nguồn kinh phí", en="By funding source")


def _pyplot() -> Any:
    return require("matplotlib.pyplot", extra="plot", feature="plot()")


def _axes(ax: Any) -> Any:
    if ax is not None:
        return ax
    _, created = _pyplot().subplots(figsize=(8, 4))
    return created


def _money_axis(ax: Any, lang: Lang) -> None:
    ticker = importlib.import_module("matplotlib.ticker")
    locale: Lang = "en" if lang == "en" else "vi"
    ax.yaxis.set_major_formatter(
        ticker.FuncFormatter(lambda value, _: format_vnd(int(value), locale=locale, unit=""))
    )
    ax.set_ylabel(_AMOUNT.get(lang))


def _bars(
    ax: Any,
    sources: list[FundingSource],
    series: list[tuple[str, list[int]]],
    lang: Lang,
) -> None:
    width = 0.8 / len(series)
    positions = range(len(sources))
    for index, (name, values) in enumerate(series):
        offset = (index - (len(series) - 1) / 2) * width
        ax.bar([p + offset for p in positions], values, width, label=name)
    ax.set_xticks(list(positions), [s.label(lang) for s in sources])
    _money_axis(ax, lang)


def plot_comparison(comparison: Comparison, *, ax: Any = None, lang: Lang = "vi") -> Any:
    """Grouped bars, baseline and reform, for each funding source; returns the Axes."""
    ax = _axes(ax)
    rows = comparison.by_source()
    sources = [s for s, _, _ in rows]
    series = [
        (_BASELINE.get(lang), [b for _, b, _ in rows]),
        (_REFORM.get(lang), [r for _, _, r in rows]),
    ]
    _bars(ax, sources, series, lang)
    ax.set_title(comparison.caption(lang))
    ax.legend()
    return ax


def plot_allocation(allocation: Allocation, *, ax: Any = None, lang: Lang = "vi") -> Any:
    """Bars of the allocation's amount for each funding source; returns the Axes."""
    ax = _axes(ax)
    totals = allocation.by_source()
    _bars(ax, list(totals), [(allocation.ruleset, [t.amount for t in totals.values()])], lang)
    ax.set_title(f"{_BY_SOURCE.get(lang)} ({allocation.ruleset}, {allocation.on:%d/%m/%Y})")
    return ax


__all__ = ["plot_allocation", "plot_comparison"]
