"""A developer's script: rules in, entitlements and a budget out, the loop closed, a reform.

Usage::

    python examples/developer.py

Loads the Uông Bí Tết 2024 ruleset, asks what two people receive, allocates a small
synthetic population by funding source, turns the allocation into a report that the
auditor reconciles with no finding, and prices a reform from the source report's counts.
"""

from __future__ import annotations

import datetime as dt

from welfare_rules import (
    Reform,
    allocate,
    compare,
    entitlements,
    format_vnd,
    load_ruleset,
    reconcile,
)
from welfare_rules.scenario import LevelChange

TET_2024 = dt.date(2024, 2, 1)

# The gifts (suất) of the source report's table, by programme and level or age.
COUNTS = {
    "central-tet": {600_000: 22, 300_000: 1_229},
    "provincial-4107": {
        4_000_000: 22,
        1_500_000: 1_428,
        1_000_000: 472,
        500_000: 5_502,
        300_000: 8,
    },
    "city-tet": {700_000: 21, 600_000: 774, 500_000: 1_317},
    "city-exemplary-households": 20,
    "city-special-hardship": 300,
    "commune-longevity": {70: 701, 75: 496},
    "city-longevity": {80: 291, 85: 229, 90: 104, 95: 50, 100: 7, 101: 13},
}


def main() -> int:
    ruleset = load_ruleset("uong-bi-tet-2024")

    print("== Entitlements")
    for person in (
        {"birth_year": 1944},
        {"birth_year": 1960, "categories": {"war_invalid": {"injury_rate": 61}}},
    ):
        for item in entitlements(person, ruleset, on=TET_2024):
            print(f"- {item.describe('en')}")

    print("== Budget by funding source")
    years = [1954, 1949, 1944, 1939, 1934, 1929, 1924, 1922, 1990, 2001] * 100
    allocation = allocate({"birth_year": years}, ruleset, on=TET_2024)
    for source, totals in allocation.by_source().items():
        amount = format_vnd(totals.amount, locale="en")
        print(f"- {source.label('en')}: {totals.count} gifts, {amount}")

    print("== The loop closes")
    audit = reconcile(allocation.to_report())
    print(f"- the allocation as a report: {len(audit.findings)} findings, ok={audit.ok}")

    print("== A reform")
    reform = Reform(level=[LevelChange(programme="provincial-4107", level=500_000, amount=600_000)])
    comparison = compare(ruleset, reform, COUNTS, on=TET_2024)
    print(f"- {comparison.caption('en')}")
    for source, before, after in comparison.by_source():
        delta = format_vnd(after - before, locale="en")
        print(f"  {source.label('en')}: {format_vnd(after, locale='en')} (+{delta})")
    return 0 if audit.ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
