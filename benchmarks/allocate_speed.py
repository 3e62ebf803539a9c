"""Speed of allocate() on 1.000.000 people and of entitlements() on one person.

Synthetic population: benchmarks/_population.py (ages 0–105, ~3 % meritorious service,
~4 % social protection, poor/near-poor households, deaths, selections), ruleset
uong-bi-tet-2024 on 01/02/2024. Targets: columnar input under 1 s end to end (median of
5); one person through entitlements() under 50 µs including validation.

Run: .venv/bin/python benchmarks/allocate_speed.py [--size N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import timeit
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _population import ON, population

from welfare_rules.entitle.allocate import allocate
from welfare_rules.entitle.engine import entitlements
from welfare_rules.entitle.person import Person
from welfare_rules.rules import load_ruleset


def median_seconds(run: Any, *, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def as_frame(columns: dict[str, list[Any]]) -> Any:
    """The columns as a typed DataFrame (dates, nullable ints, categoricals), as read_csv with
    dtypes or a database driver would give them."""
    import pandas as pd

    frame: dict[str, Any] = {
        "id": columns["id"],
        "birth_date": pd.to_datetime(pd.Series(columns["birth_date"]), format="ISO8601"),
        "birth_year": pd.array(columns["birth_year"], dtype="Int16"),
        "death_date": pd.to_datetime(pd.Series(columns["death_date"]), format="ISO8601"),
        "categories": pd.Categorical(columns["categories"]),
        "poor": columns["poor"],
        "near_poor": columns["near_poor"],
        "selections": pd.Categorical(columns["selections"]),
    }
    for name, values in columns.items():
        if "." in name:
            kind = "boolean" if name.endswith(("allowance", "representative")) else "Int16"
            frame[name] = pd.array(values, dtype=kind)
    return pd.DataFrame(frame)


def one_person(ruleset: Any) -> None:
    """entitlements() on one person, measured before the big population exists (a heap of
    millions of live objects makes the garbage collector, not the engine, dominate)."""
    record: dict[str, Any] = {
        "id": "HS-0001",
        "birth_date": "1954-03-01",
        "categories": {"war_invalid": {"injury_rate": 81}},
        "commune": "Phương Đông",
        "selections": [],
    }
    entitlements(record, ruleset, on=ON)
    number = 20_000
    runs = timeit.repeat(lambda: entitlements(record, ruleset, on=ON), number=number, repeat=5)
    micro = statistics.median(runs) / number * 1e6
    verdict = "OK" if micro < 50 else "OVER"
    print(
        f"one person, dict → Person → entitlements: median {micro:.1f} µs"
        f" (target < 50 µs) {verdict}"
    )
    person = Person.from_dict(record)
    runs = timeit.repeat(lambda: entitlements(person, ruleset, on=ON), number=number, repeat=5)
    print(
        f"one person, Person already built: median {statistics.median(runs) / number * 1e6:.1f} µs"
    )
    runs = timeit.repeat(lambda: Person.from_dict(record), number=number, repeat=5)
    print(f"validation alone, Person.from_dict: {statistics.median(runs) / number * 1e6:.1f} µs")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=1_000_000)
    args = parser.parse_args()
    ruleset = load_ruleset("uong-bi-tet-2024")
    one_person(ruleset)
    print(f"generating {args.size:,} people …", flush=True)
    columns = population(args.size)
    try:
        frame = as_frame(columns)
    except ImportError:
        frame = None
    reference = allocate(columns, ruleset, on=ON)
    print(
        f"total {reference.total.count:,} gifts, {reference.total.amount:,} đ; "
        f"{reference.undetermined_count:,} undetermined (person, programme) results"
    )
    if frame is not None:
        assert allocate(frame, ruleset, on=ON).lines == reference.lines
        seconds = median_seconds(lambda: allocate(frame, ruleset, on=ON))
        verdict = "OK" if seconds < 1.0 else "OVER"
        print(f"columnar, pandas DataFrame: median {seconds:.3f} s (target < 1 s) {verdict}")
    else:
        print("columnar, pandas DataFrame: skipped (pandas is not installed)")
    seconds = median_seconds(lambda: allocate(columns, ruleset, on=ON))
    print(f"columnar, Python lists (CSV-shaped): median {seconds:.3f} s")

    return 0


if __name__ == "__main__":
    raise SystemExit(main())
