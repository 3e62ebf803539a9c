"""A synthetic city population for the benchmarks (deterministic; not timed).

Ages 0–105 (birth dates; 10 % of records with a birth year only), about 3 % with
meritorious-service categories (with their attributes, a few missing), about 4 % on
social protection, poor and near-poor households, a few deaths, and the selections of the
two selected programmes of ``uong-bi-tet-2024`` (20 and 300).
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

ON = dt.date(2024, 2, 1)

_MERITORIOUS: list[tuple[str, str | None]] = [
    ("war_invalid", "injury_rate"),
    ("sick_soldier", "injury_rate"),
    ("toxic_chemical_veteran", "injury_rate"),
    ("heroic_mother", None),
    ("imprisoned_by_enemy", None),
    ("war_invalid_working_capacity", None),
    ("martyr_relative", "martyrs"),
    ("revolution_helper", "care_allowance"),
    ("martyr_altar_keeper", "altar_martyrs"),  # one lower central gift per martyr
]


def population(size: int, *, seed: int = 2024) -> dict[str, list[Any]]:
    """Columns as a CSV reader or a database cursor would give them (Python lists)."""
    rng = random.Random(seed)
    start = dt.date(1918, 1, 1).toordinal()
    span = dt.date(2024, 1, 31).toordinal() - start
    columns: dict[str, list[Any]] = {
        "id": [],
        "birth_date": [],
        "birth_year": [],
        "death_date": [],
        "categories": [],
        "war_invalid.injury_rate": [],
        "sick_soldier.injury_rate": [],
        "toxic_chemical_veteran.injury_rate": [],
        "martyr_relative.martyrs": [],
        "martyr_altar_keeper.martyrs": [],
        "martyr_relative.monthly_allowance": [],
        "martyr_relative.survivor_care_allowance": [],
        "martyr_relative.representative": [],
        "revolution_helper.care_allowance": [],
        "revolution_helper.monthly_allowance": [],
        "poor": [],
        "near_poor": [],
        "selections": [],
    }
    for index in range(size):
        # Ages 0–105, fewer people at old ages.
        age_days = int(span * (rng.random() ** 1.6))
        birth = dt.date.fromordinal(start + span - age_days)
        only_year = rng.random() < 0.10
        columns["id"].append(f"P{index:07d}")
        columns["birth_date"].append(None if only_year else birth.isoformat())
        columns["birth_year"].append(birth.year if only_year else None)
        columns["death_date"].append(
            dt.date(2024, 1, rng.randint(1, 31)).isoformat()
            if rng.random() < 0.005 and birth.year < 2023
            else None
        )
        categories: list[str] = []
        attrs: dict[str, Any] = {}
        draw = rng.random()
        if draw < 0.03 and birth.year < 1980:
            category, attribute = rng.choice(_MERITORIOUS)
            categories.append(category)
            if attribute == "injury_rate" and rng.random() < 0.97:
                attrs[f"{category}.injury_rate"] = rng.choice([21, 41, 61, 81, 91])
            elif attribute == "altar_martyrs" and rng.random() < 0.9:  # 10 % missing
                attrs["martyr_altar_keeper.martyrs"] = rng.choice([1, 1, 2, 3])
            elif attribute == "martyrs":
                attrs["martyr_relative.martyrs"] = rng.choice([1, 1, 1, 2, 3])
                attrs["martyr_relative.monthly_allowance"] = rng.random() < 0.7
                attrs["martyr_relative.survivor_care_allowance"] = rng.random() < 0.1
                attrs["martyr_relative.representative"] = rng.random() < 0.5
            elif attribute == "care_allowance":
                attrs["revolution_helper.care_allowance"] = rng.random() < 0.3
                attrs["revolution_helper.monthly_allowance"] = rng.random() < 0.6
        elif draw < 0.07:
            categories.append("social_protection")
        for name in columns:
            if "." in name:
                columns[name].append(attrs.get(name))
        household = rng.random()
        columns["poor"].append(household < 0.03)
        columns["near_poor"].append(0.03 <= household < 0.06)
        columns["categories"].append(";".join(categories))
        columns["selections"].append("")
    # The city's choices: 20 exemplary households among the meritorious, 300 in hardship.
    meritorious = [i for i, c in enumerate(columns["categories"]) if c and c != "social_protection"]
    for i in rng.sample(meritorious, min(20, len(meritorious))):
        columns["selections"][i] = "city-exemplary-households"
    for i in rng.sample(range(size), min(300, size)):
        current = columns["selections"][i]
        columns["selections"][i] = ";".join(filter(None, [current, "city-special-hardship"]))
    return columns


def frame(size: int, *, seed: int = 2024) -> Any:
    """:func:`population`'s shape drawn with numpy, as a typed pandas DataFrame (dates,
    nullable ints, categoricals; no ``id`` column): fast enough for 10M rows, and one
    partition of a national file when ``seed`` is the partition's number."""
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(seed)
    start = dt.date(1918, 1, 1).toordinal()
    span = dt.date(2024, 1, 31).toordinal() - start
    epoch = dt.date(1970, 1, 1).toordinal()
    days = start + span - (span * rng.random(size) ** 1.6).astype(np.int64) - epoch
    births = days.astype("M8[D]")
    years = births.astype("M8[Y]").astype(np.int64) + 1970
    only_year = rng.random(size) < 0.10
    dead = (rng.random(size) < 0.005) & (years < 2023)
    deaths = np.full(size, np.datetime64("NaT"), dtype="M8[D]")
    deaths[dead] = np.datetime64("2024-01-01") + rng.integers(0, 31, int(dead.sum()))
    draw = rng.random(size)
    meritorious = (draw < 0.03) & (years < 1980)
    which = rng.integers(0, len(_MERITORIOUS), size)
    names = np.array([c for c, _ in _MERITORIOUS] + ["social_protection", ""], dtype=object)
    code = np.where(meritorious, which, np.where(draw < 0.07, len(_MERITORIOUS), len(names) - 1))
    categories = pd.Categorical.from_codes(code, categories=list(names))
    columns: dict[str, Any] = {
        "birth_date": pd.Series(births).where(~only_year),
        "birth_year": pd.array(np.where(only_year, years, 0), dtype="Int16"),
        "death_date": pd.Series(deaths),
        "categories": categories,
    }
    columns["birth_year"][~only_year] = pd.NA
    for index, (category, attribute) in enumerate(_MERITORIOUS):
        mine = meritorious & (which == index)
        if attribute == "injury_rate":
            rates = rng.choice(np.array([21, 41, 61, 81, 91]), size)
            values = pd.array(rates, dtype="Int16")
            values[~mine | (rng.random(size) >= 0.97)] = pd.NA
            columns[f"{category}.injury_rate"] = values
        elif attribute == "martyrs":
            martyrs = pd.array(rng.choice(np.array([1, 1, 1, 2, 3]), size), dtype="Int16")
            martyrs[~mine] = pd.NA
            columns["martyr_relative.martyrs"] = martyrs
            for name, share in (
                ("monthly_allowance", 0.7),
                ("survivor_care_allowance", 0.1),
                ("representative", 0.5),
            ):
                flags = pd.array(rng.random(size) < share, dtype="boolean")
                flags[~mine] = pd.NA
                columns[f"martyr_relative.{name}"] = flags
        elif attribute == "care_allowance":
            for name, share in (("care_allowance", 0.3), ("monthly_allowance", 0.6)):
                flags = pd.array(rng.random(size) < share, dtype="boolean")
                flags[~mine] = pd.NA
                columns[f"revolution_helper.{name}"] = flags
    household = rng.random(size)
    columns["poor"] = household < 0.03
    columns["near_poor"] = (household >= 0.03) & (household < 0.06)
    chosen = np.zeros(size, dtype=np.int64)
    pool = np.flatnonzero(meritorious)
    chosen[rng.choice(pool, min(20, len(pool)), replace=False)] = 1
    hardship = rng.choice(size, min(300, size), replace=False)
    chosen[hardship] += 2
    selections = ["", "city-exemplary-households", "city-special-hardship"]
    selections.append("city-exemplary-households;city-special-hardship")
    columns["selections"] = pd.Categorical.from_codes(chosen, categories=selections)
    return pd.DataFrame(columns)
