"""The same gift rules in OpenFisca, side by side with allocate(): equal totals, time ratio.

Encodes what uong-bi-tet-2024 determines on 01/02/2024 as OpenFisca variables: the State
President's Tết gift (Decision 1583/QĐ-CTN: 600.000đ / 300.000đ by category and injury
rate), the commune and city longevity brackets, and the two selected programmes. The
provincial and city Tết levels state no rules (who gets which level is not public), so
neither side computes them; people whose injury rate is missing are counted as
undetermined on both sides.

Both sides start from the same typed pandas DataFrame. OpenFisca's time includes
turning the frame into its numpy inputs, building the tax-benefit system and the
simulation, calculating, and summing; ours is one call to allocate(). OpenFisca stores
amounts as float32: the script sums them both in float32 (its own way) and exactly in
int64, and compares the exact sums with ours.

Needs the benchmark-only extra: pip install -e '.[bench]' (openfisca-core, pandas).
Run: .venv/bin/python benchmarks/openfisca_equivalent.py [--size N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _population import ON, population
from allocate_speed import as_frame

from welfare_rules.entitle.allocate import allocate
from welfare_rules.rules import load_ruleset

HIGHER_ALWAYS = (
    "revolutionary_pre_1945",
    "revolutionary_pre_uprising",
    "heroic_mother",
    "armed_forces_hero",
    "labour_hero_resistance",
)
RATED = (
    "war_invalid",
    "war_invalid_equivalent",
    "war_invalid_type_b",
    "sick_soldier",
    "toxic_chemical_veteran",
)
LOWER_ALWAYS = ("war_invalid_working_capacity", "imprisoned_by_enemy")
CATEGORY_INPUTS = (*HIGHER_ALWAYS, *RATED, *LOWER_ALWAYS, "martyr_relative", "revolution_helper")
OUTPUTS = ("central_tet", "central_undetermined", "commune_longevity", "city_longevity")
OUTPUTS += ("city_exemplary", "city_hardship")


def build_system() -> Any:
    """The tax-benefit system: one person entity, the inputs and the gift formulas."""
    import numpy as np
    from openfisca_core.entities import build_entity
    from openfisca_core.periods import DateUnit
    from openfisca_core.taxbenefitsystems import TaxBenefitSystem
    from openfisca_core.variables import Variable

    person = build_entity(
        key="person", plural="persons", label="Person", doc="A person", is_person=True
    )
    system = TaxBenefitSystem([person])

    def variable(name: str, kind: type, default: Any = None, formula: Any = None) -> None:
        attributes: dict[str, Any] = {
            "value_type": kind,
            "entity": person,
            "definition_period": DateUnit.YEAR,
            "label": name,
        }
        if default is not None:
            attributes["default_value"] = default
        if formula is not None:
            attributes["formula"] = formula
        system.add_variable(type(name, (Variable,), attributes))

    variable("birth_year", int, -1)  # -1: unknown
    variable("present", bool, True)  # alive on the date and born before it
    for name in CATEGORY_INPUTS:
        variable(f"is_{name}", bool)
    for name in RATED:
        variable(f"{name}_rate", int, -1)
    variable("martyrs", int, 0)
    variable("martyr_monthly", bool)
    variable("helper_care", bool)
    variable("helper_monthly", bool)
    variable("martyr_survivor_care", bool)
    variable("martyr_representative", bool)
    variable("selected_exemplary", bool)
    variable("selected_hardship", bool)

    def rate_cases(p: Any, y: str) -> tuple[Any, Any, Any]:
        high = low = unknown = np.zeros(p.count, dtype=bool)
        for name in RATED:
            holds, rate = p(f"is_{name}", y), p(f"{name}_rate", y)
            high = high | (holds & (rate >= 81))
            low = low | (holds & (rate >= 0) & (rate <= 80))
            unknown = unknown | (holds & (rate < 0))
        return high, low, unknown

    def central_higher(p: Any, y: str) -> Any:
        high, _, _ = rate_cases(p, y)
        for name in HIGHER_ALWAYS:
            high = high | p(f"is_{name}", y)
        high = high | (p("is_revolution_helper", y) & p("helper_care", y))
        martyr = p("is_martyr_relative", y)
        several = martyr & (p("martyrs", y) >= 2) & p("martyr_monthly", y)
        return high | several | (martyr & p("martyr_survivor_care", y))

    def central_undetermined(p: Any, y: str) -> Any:
        _, _, unknown = rate_cases(p, y)
        return p("present", y) & unknown & ~p("central_higher", y)

    def central_lower(p: Any, y: str) -> Any:
        _, low, _ = rate_cases(p, y)
        for name in LOWER_ALWAYS:
            low = low | p(f"is_{name}", y)
        low = low | (p("is_revolution_helper", y) & p("helper_monthly", y))
        return low | (p("is_martyr_relative", y) & p("martyr_representative", y))

    def central_tet(p: Any, y: str) -> Any:
        present, higher = p("present", y), p("central_higher", y)
        lower = p("central_lower", y) & ~p("central_undetermined", y)
        return np.where(present & higher, 600_000, np.where(present & lower, 300_000, 0))

    def age(p: Any, y: str) -> Any:
        born = p("birth_year", y)
        return np.where(born >= 0, 2024 - born, -1)

    def commune_longevity(p: Any, y: str) -> Any:
        a = p("age", y)
        return np.where(p("present", y) & ((a == 70) | (a == 75)), 700_000, 0)

    def city_longevity(p: Any, y: str) -> Any:
        a, present = p("age", y), p("present", y)
        amount = np.select(
            [(a == 80) | (a == 85), (a == 90) | (a == 95), a >= 100],
            [900_000, 1_200_000, 1_700_000],
            0,
        )
        return np.where(present, amount, 0)

    def city_exemplary(p: Any, y: str) -> Any:
        return np.where(p("present", y) & p("selected_exemplary", y), 2_000_000, 0)

    def city_hardship(p: Any, y: str) -> Any:
        return np.where(p("present", y) & p("selected_hardship", y), 1_000_000, 0)

    variable("central_higher", bool, formula=central_higher)
    variable("central_lower", bool, formula=central_lower)
    variable("central_undetermined", bool, formula=central_undetermined)
    variable("central_tet", float, formula=central_tet)
    variable("age", int, formula=age)
    variable("commune_longevity", float, formula=commune_longevity)
    variable("city_longevity", float, formula=city_longevity)
    variable("city_exemplary", float, formula=city_exemplary)
    variable("city_hardship", float, formula=city_hardship)
    return system


def inputs(frame: Any) -> dict[str, Any]:
    """The frame as OpenFisca's numpy inputs (vectorized pandas)."""
    import pandas as pd

    stamp = pd.Timestamp(ON)
    births = frame["birth_date"]
    year = births.dt.year.fillna(frame["birth_year"].astype("float64")).fillna(-1)
    present = ~(frame["death_date"] < stamp) & ~(births > stamp) & ~(year > ON.year)
    values: dict[str, Any] = {
        "birth_year": year.astype("int64").to_numpy(),
        "present": present.to_numpy(dtype=bool),
    }
    for name in CATEGORY_INPUTS:
        values[f"is_{name}"] = _member(frame["categories"], name)
    for name in RATED:
        column = f"{name}.injury_rate"
        rate = frame[column] if column in frame else pd.Series([-1] * len(frame))
        values[f"{name}_rate"] = rate.fillna(-1).astype("int64").to_numpy()
    values["martyrs"] = frame["martyr_relative.martyrs"].fillna(0).astype("int64").to_numpy()
    monthly = frame["martyr_relative.monthly_allowance"].fillna(False)
    values["martyr_monthly"] = monthly.astype(bool).to_numpy()
    for name, column in (
        ("helper_care", "revolution_helper.care_allowance"),
        ("helper_monthly", "revolution_helper.monthly_allowance"),
        ("martyr_survivor_care", "martyr_relative.survivor_care_allowance"),
        ("martyr_representative", "martyr_relative.representative"),
    ):
        values[name] = frame[column].fillna(False).astype(bool).to_numpy()
    values["selected_exemplary"] = _member(frame["selections"], "city-exemplary-households")
    values["selected_hardship"] = _member(frame["selections"], "city-special-hardship")
    return values


def _member(column: Any, name: str) -> Any:
    """Whether ``name`` is among each row's ``;``-separated ids (decided once per distinct
    value of the categorical column, then spread by its codes: vectorized)."""
    import numpy as np

    categories = column.cat.categories
    member = np.array([name in str(value).split(";") for value in categories] + [False])
    codes = column.cat.codes.to_numpy()
    return member[np.where(codes < 0, len(categories), codes)]


def run_openfisca(frame: Any) -> dict[str, tuple[int, int, float]]:
    """End to end: inputs, system, simulation, calculation, sums (count, exact, float32)."""
    import numpy as np
    from openfisca_core.simulations import SimulationBuilder

    values = inputs(frame)
    system = build_system()
    builder = SimulationBuilder()
    builder.create_entities(system)
    builder.declare_person_entity("person", np.arange(len(frame)))
    simulation = builder.build(system)
    for name, array in values.items():
        simulation.set_input(name, "2024", array)
    sums: dict[str, tuple[int, int, float]] = {}
    for name in OUTPUTS:
        result = simulation.calculate(name, "2024")
        if result.dtype == bool:
            sums[name] = (int(result.sum()), 0, 0.0)
        else:
            exact = int(result.astype(np.int64).sum())
            sums[name] = (int((result > 0).sum()), exact, float(result.sum(dtype=np.float32)))
    return sums


def ours(frame: Any, ruleset: Any) -> dict[str, tuple[int, int]]:
    allocation = allocate(frame, ruleset, on=ON)
    by_programme = allocation.by_programme()
    names = {
        "central_tet": "central-tet",
        "commune_longevity": "commune-longevity",
        "city_longevity": "city-longevity",
        "city_exemplary": "city-exemplary-households",
        "city_hardship": "city-special-hardship",
    }
    found = {}
    for name, programme in names.items():
        totals = by_programme.get(programme)
        found[name] = (totals.count, totals.amount) if totals else (0, 0)
    open_central = sum(
        g.count for g in allocation.undetermined if g.item.programme == "central-tet"
    )
    found["central_undetermined"] = (open_central, 0)
    return found


def median_seconds(run: Any, *, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    try:
        import openfisca_core  # noqa: F401
        import pandas  # noqa: F401
    except ImportError as exc:
        print(f"skipped: {exc} (install the extra: pip install -e '.[bench]')")
        return 0
    ruleset = load_ruleset("uong-bi-tet-2024")
    print(f"generating {args.size:,} people …", flush=True)
    frame = as_frame(population(args.size))
    theirs = run_openfisca(frame)
    mine = ours(frame, ruleset)
    equal = True
    for name in OUTPUTS:
        count, exact, single = theirs[name]
        same = (count, exact) == mine[name]
        equal &= same
        drift = f"; float32 sum {single:,.0f} (drift {single - exact:+,.0f} đ)" if exact else ""
        print(
            f"{name:22s} openfisca {count:>8,} × {exact:>18,} đ   ours {mine[name][0]:>8,} ×"
            f" {mine[name][1]:>18,} đ   {'equal' if same else 'DIFFERENT'}{drift}"
        )
    if not equal:
        print("totals differ: no timing")
        return 1
    t_openfisca = median_seconds(lambda: run_openfisca(frame), repeat=args.repeat)
    t_ours = median_seconds(lambda: allocate(frame, ruleset, on=ON), repeat=args.repeat)
    ratio = t_openfisca / t_ours
    verdict = "OK" if ratio >= 3 else "UNDER TARGET"
    print(
        f"median of {args.repeat}: openfisca {t_openfisca:.3f} s, welfare_rules {t_ours:.3f} s;"
        f" ratio {ratio:.1f}× (target ≥ 3×) {verdict}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
