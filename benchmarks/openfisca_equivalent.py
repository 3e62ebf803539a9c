"""The same gift rules in OpenFisca, side by side with allocate(): every line equal, fairly timed.

Encodes what uong-bi-tet-2024 determines on 01/02/2024 as OpenFisca variables: the State
President's Tết gift (Decision 1583/QĐ-CTN: 600.000đ / 300.000đ by category and injury
rate, martyr altar keepers included), the commune and city longevity brackets, and the
two selected programmes. The provincial and city Tết levels state no rules (who gets which
level is not public), so neither side computes them: ours must leave those lines at 0.
People whose injury rate is missing are undetermined on both sides, and counted.

Fairness: both sides are set up outside the timing (OpenFisca's tax-benefit system is
built once, as our ruleset is loaded and compiled for the date once: ``plan_for``, which
indexes each level's rules by category, each version's brackets by age and the
categories each rule can match, from the ruleset alone, as OpenFisca's system holds its
variables and formulas); each timed run of OpenFisca turns the frame into its numpy
inputs, builds the simulation, calculates and counts every level; ours is one call to
allocate() with the compiled plan's memo of evaluated items emptied first (``fresh``:
OpenFisca keeps no result from one simulation to the next, so neither side does: every
item, gift and undetermined case is built anew, every part of the population validated
and evaluated anew; the parts' memo once made ours about 7 ms of 60 faster, and until
``Plan.forget`` each programme's own memo of items stayed warm).
OpenFisca's side is written as a competent user would: each input
column read once with ``to_numpy(na_value=…)`` (an absent column is ``np.full``, not a
million-item Python list, which once cost OpenFisca 0,6 s of its 1,1 s), the injury-rate
cases variables OpenFisca computes once and caches (not recomputed in four formulas),
and the simulation built as the documented ``SimulationBuilder.build_default_simulation``
builds it (the system's populations of that many persons in one ``Simulation``), its ids
made with ``np.arange`` (:func:`simulation_for`): the builder makes them with
``numpy.array(range(n))``, a million Python ints read one by one, 0,2 s of OpenFisca's
0,5 s at 1M on this machine, which a competent user who profiles does not pay
(``--documented-builder`` times the builder itself; both give the same lines, checked
before any timing). The two sides run in interleaved rounds (A B, B A, …), each timed
run from a collected heap (``gc.collect()`` outside the timing, for both sides: else
garbage one side made may be collected inside the other's timing; ``--no-collect`` to
compare), and the medians are compared, with each side's spread printed. Every level
line (count and exact amount) and the undetermined count are compared; any difference,
or a side that cannot run, exits 1. Peak memory of each side (tracemalloc, numpy
included) is measured in an untimed run at each size.
OpenFisca stores amounts as float32: the script prints how far its float32 sums drift.

Needs the benchmark-only extra: pip install -e '.[bench]' (openfisca-core, pandas).
Run: .venv/bin/python benchmarks/openfisca_equivalent.py [--sizes 10000,100000,1000000]
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _population import ON, population
from allocate_speed import as_frame

from welfare_rules.entitle.allocate import allocate
from welfare_rules.entitle.engine import plan_for
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
LOWER_ALWAYS = ("war_invalid_working_capacity", "imprisoned_by_enemy", "martyr_altar_keeper")
CATEGORY_INPUTS = (*HIGHER_ALWAYS, *RATED, *LOWER_ALWAYS, "martyr_relative", "revolution_helper")


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
    variable("altar_martyrs", int, -1)  # -1: unknown
    variable("martyr_monthly", bool)
    variable("helper_care", bool)
    variable("helper_monthly", bool)
    variable("martyr_survivor_care", bool)
    variable("martyr_representative", bool)
    variable("selected_exemplary", bool)
    variable("selected_hardship", bool)

    def rate_cases(p: Any, y: str) -> tuple[Any, Any, Any]:
        """Injury rate of 81 % or more, 0–80 %, missing (variables: computed once)."""
        return p("rate_high", y), p("rate_low", y), p("rate_unknown", y)

    def rated(test: Any) -> Any:
        def formula(p: Any, y: str) -> Any:
            found = np.zeros(p.count, dtype=bool)
            for name in RATED:
                found |= p(f"is_{name}", y) & test(p(f"{name}_rate", y))
            return found

        return formula

    def central_higher(p: Any, y: str) -> Any:
        high, _, _ = rate_cases(p, y)
        for name in HIGHER_ALWAYS:
            high = high | p(f"is_{name}", y)
        high = high | (p("is_revolution_helper", y) & p("helper_care", y))
        martyr = p("is_martyr_relative", y)
        several = martyr & (p("martyrs", y) >= 2) & p("martyr_monthly", y)
        return high | several | (martyr & p("martyr_survivor_care", y))

    def central_undetermined(p: Any, y: str) -> Any:
        """Undetermined (person, programme) results: an injury rate, or an altar keeper's
        number of martyrs (the extra gifts), missing."""
        _, _, unknown = rate_cases(p, y)
        rate = p("present", y) & unknown & ~p("central_higher", y)
        altar = p("present", y) & p("is_martyr_altar_keeper", y) & (p("altar_martyrs", y) < 0)
        return rate.astype(np.int64) + altar.astype(np.int64)

    def central_extra(p: Any, y: str) -> Any:
        """One more lower gift for each martyr after the first (an altar keeper's)."""
        keeper = p("present", y) & p("is_martyr_altar_keeper", y)
        return np.where(keeper, np.maximum(p("altar_martyrs", y) - 1, 0), 0)

    def central_lower(p: Any, y: str) -> Any:
        _, low, _ = rate_cases(p, y)
        for name in LOWER_ALWAYS:
            low = low | p(f"is_{name}", y)
        low = low | (p("is_revolution_helper", y) & p("helper_monthly", y))
        return low | (p("is_martyr_relative", y) & p("martyr_representative", y))

    def central_lower_count(p: Any, y: str) -> Any:
        _, _, unknown = rate_cases(p, y)
        present, higher = p("present", y), p("central_higher", y)
        lower = present & ~higher & p("central_lower", y) & ~unknown
        return lower.astype(np.int64) + p("central_extra", y)

    def central_tet(p: Any, y: str) -> Any:
        higher = p("present", y) & p("central_higher", y)
        return np.where(higher, 600_000, 0) + 300_000 * p("central_lower_count", y)

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

    variable("rate_high", bool, formula=rated(lambda rate: rate >= 81))
    variable("rate_low", bool, formula=rated(lambda rate: (rate >= 0) & (rate <= 80)))
    variable("rate_unknown", bool, formula=rated(lambda rate: rate < 0))
    variable("central_higher", bool, formula=central_higher)
    variable("central_lower", bool, formula=central_lower)
    variable("central_undetermined", int, formula=central_undetermined)
    variable("central_extra", int, formula=central_extra)
    variable("central_lower_count", int, formula=central_lower_count)
    variable("central_tet", float, formula=central_tet)
    variable("age", int, formula=age)
    variable("commune_longevity", float, formula=commune_longevity)
    variable("city_longevity", float, formula=city_longevity)
    variable("city_exemplary", float, formula=city_exemplary)
    variable("city_hardship", float, formula=city_hardship)
    return system


def inputs(frame: Any) -> dict[str, Any]:
    """The frame as OpenFisca's numpy inputs (vectorized pandas: each column read once with
    ``to_numpy(na_value=…)``, whole numbers as int32, OpenFisca's type for an ``int``
    variable, which it would otherwise cast each input to; an absent column a constant
    array, the ``;``-separated ids of a categorical column decided once per category)."""
    import numpy as np
    import pandas as pd

    size = len(frame)
    stamp = pd.Timestamp(ON)
    births = frame["birth_date"]
    stated = frame["birth_year"].to_numpy(dtype="int32", na_value=-1)
    dated = births.dt.year.to_numpy(dtype="int32", na_value=-1)
    year = np.where(dated < 0, stated, dated)
    present = ~(frame["death_date"] < stamp) & ~(births > stamp)
    values: dict[str, Any] = {
        "birth_year": year,
        "present": present.to_numpy(dtype=bool) & ~(year > ON.year),
    }
    values.update(_members(frame["categories"], {f"is_{n}": n for n in CATEGORY_INPUTS}))
    for name in RATED:
        column = f"{name}.injury_rate"
        if column in frame:
            values[f"{name}_rate"] = frame[column].to_numpy(dtype="int32", na_value=-1)
        else:  # nobody has the attribute: every rate unknown
            values[f"{name}_rate"] = np.full(size, -1, dtype=np.int32)
    for name, column, missing in (
        ("martyrs", "martyr_relative.martyrs", 0),
        ("altar_martyrs", "martyr_altar_keeper.martyrs", -1),
    ):
        values[name] = frame[column].to_numpy(dtype="int32", na_value=missing)
    for name, column in (
        ("martyr_monthly", "martyr_relative.monthly_allowance"),
        ("helper_care", "revolution_helper.care_allowance"),
        ("helper_monthly", "revolution_helper.monthly_allowance"),
        ("martyr_survivor_care", "martyr_relative.survivor_care_allowance"),
        ("martyr_representative", "martyr_relative.representative"),
    ):
        values[name] = frame[column].to_numpy(dtype=bool, na_value=False)
    selected = {
        "selected_exemplary": "city-exemplary-households",
        "selected_hardship": "city-special-hardship",
    }
    values.update(_members(frame["selections"], selected))
    return values


def _members(column: Any, names: dict[str, str]) -> dict[str, Any]:
    """For each (input, id) of ``names``, whether the id is among each row's
    ``;``-separated ids: decided once per distinct value of the categorical column, then
    the rows whose code is one of those values found by comparing the codes (read once;
    a missing cell, code -1, holds no id). Comparing a million int8 codes with a few
    costs a tenth of a millisecond; a lookup table indexed by them (``member[codes]``,
    as this once did) first widens them to 8 MB of indices, 6 ms for each of the 15
    inputs."""
    import numpy as np

    categories = [str(value).split(";") for value in column.cat.categories]
    codes = column.cat.codes.to_numpy()
    found = {}
    for key, name in names.items():
        member = np.zeros(len(codes), dtype=bool)
        for code, ids in enumerate(categories):
            if name in ids:  # np.isin, too, indexes a table by the codes
                member |= codes == code
        found[key] = member
    return found


Lines = dict[tuple[str, str], tuple[int, int]]  # (programme, level) -> (count, amount)

_BRACKETS = {
    "commune_longevity": ("commune-longevity", ((70, "age-70"), (75, "age-75"))),
    "city_longevity": (
        "city-longevity",
        ((80, "age-80"), (85, "age-85"), (90, "age-90"), (95, "age-95"), (100, "age-100")),
    ),
}
MODELLED = frozenset(
    {"central-tet", "commune-longevity", "city-longevity"}
    | {"city-exemplary-households", "city-special-hardship"}
)


def simulation_for(system: Any, size: int) -> Any:
    """A simulation of ``size`` persons, as ``SimulationBuilder.build_default_simulation``
    builds it (each population of the system ``size`` long, ids 0 … size - 1, in one
    ``Simulation``) with the ids made by ``np.arange``, not ``numpy.array(range(size))``."""
    import numpy as np
    from openfisca_core.simulations import Simulation

    populations = system.instantiate_entities()
    for entity in populations.values():
        entity.count = size
        entity.ids = np.arange(size)
        if hasattr(entity, "members_entity_id"):  # group entities: one person each
            entity.members_entity_id = np.arange(size)
    return Simulation(system, populations)


def documented_simulation(system: Any, size: int) -> Any:
    """The simulation from OpenFisca's documented builder for a count of persons."""
    from openfisca_core.simulations import SimulationBuilder

    return SimulationBuilder.build_default_simulation(system, size)


def run_openfisca(
    system: Any, frame: Any, *, build: Any = simulation_for
) -> tuple[Lines, int, dict[str, float]]:
    """One timed run: inputs, simulation (``build``), calculation, every level counted and
    summed exactly (int64), the central undetermined count, and the float32 sums."""
    import numpy as np

    values = inputs(frame)
    simulation = build(system, len(frame))
    for name, array in values.items():
        simulation.set_input(name, "2024", array)
    lines: Lines = {}
    single: dict[str, float] = {}

    def put(programme: str, level: str, paid: Any, amounts: Any) -> None:
        lines[(programme, level)] = (int(paid.sum()), int(amounts[paid].astype(np.int64).sum()))

    central = simulation.calculate("central_tet", "2024")
    higher = simulation.calculate("central_higher", "2024") & values["present"]
    lower = simulation.calculate("central_lower_count", "2024")
    lines[("central-tet", "higher")] = (int(higher.sum()), 600_000 * int(higher.sum()))
    lines[("central-tet", "lower")] = (int(lower.sum()), 300_000 * int(lower.sum()))
    single["central_tet"] = float(central.sum(dtype=np.float32))
    age = simulation.calculate("age", "2024")
    for name, (programme, brackets) in _BRACKETS.items():
        amounts = simulation.calculate(name, "2024")
        for years, level in brackets:
            put(programme, level, (amounts > 0) & (age == years), amounts)
        if name == "city_longevity":
            put(programme, "from-101", (amounts > 0) & (age >= 101), amounts)
        single[name] = float(amounts.sum(dtype=np.float32))
    for name, programme in (
        ("city_exemplary", "city-exemplary-households"),
        ("city_hardship", "city-special-hardship"),
    ):
        amounts = simulation.calculate(name, "2024")
        put(programme, "selected", amounts > 0, amounts)
        single[name] = float(amounts.sum(dtype=np.float32))
    undetermined = int(simulation.calculate("central_undetermined", "2024").sum())
    return lines, undetermined, single


def ours(frame: Any, ruleset: Any) -> tuple[Lines, int, Any]:
    """Every line of our allocation, the central undetermined count, the allocation."""
    allocation = allocate(frame, ruleset, on=ON)
    lines = {(x.programme, x.level): (x.count, x.amount) for x in allocation.lines}
    open_central = sum(
        g.count for g in allocation.undetermined if g.item.programme == "central-tet"
    )
    return lines, open_central, allocation


def fresh(frame: Any, ruleset: Any) -> object:
    """One timed run of ours: allocate() with every memo of the plan emptied first (the
    parts' and each programme's items, gifts and brackets by age: ``Plan.forget``), so
    each run evaluates its rules anew, as each OpenFisca simulation (and each pandas run)
    computes its formulas anew; the plan itself (the rules compiled for the date: levels'
    rules by category, brackets by age, the categories each rule can match; and the level
    lines at count 0 built from it) is kept, as OpenFisca's tax-benefit system is.
    Emptying only the parts' memo, as this once did, left each programme's items by input
    remembered from the previous run."""
    plan_for(ruleset, on=ON).forget()
    return allocate(frame, ruleset, on=ON)


def compare(
    theirs: Lines, mine: Lines, *, open_theirs: int, open_mine: int, name: str = "openfisca"
) -> bool:
    """Print every line side by side; True when all agree (lines the other side does not
    model must be 0 on ours: those programmes state no rules, they are undetermined)."""
    equal = True
    for key, (count, amount) in mine.items():
        programme, level = key
        if programme in MODELLED:
            other = theirs.get(key)
            same = other == (count, amount)
            shown = f"{name} missing"
            if other:
                shown = f"{name} {other[0]:>8,} × {other[1]:>16,} đ"
        else:
            same = count == 0
            shown = "not modelled (no rules stated): ours must be 0"
        equal &= same
        print(
            f"  {programme:26s} {level:9s} ours {count:>8,} × {amount:>16,} đ   {shown}"
            f"   {'equal' if same else 'DIFFERENT'}"
        )
    extra = set(theirs) - set(mine)
    if extra:
        print(f"  lines only {name} has: {sorted(extra)}")
        equal = False
    same = open_theirs == open_mine
    equal &= same
    print(
        "  central-tet undetermined (injury rate or number of martyrs missing):"
        f" ours {open_mine:,}, {name} {open_theirs:,}   {'equal' if same else 'DIFFERENT'}"
    )
    return equal


def peak_mb(run: Any) -> float:
    """Peak memory (MB) that ``run`` allocates above what was live before (tracemalloc)."""
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def interleaved_rounds(
    a: Any, b: Any, *, rounds: int, collect: bool = True
) -> tuple[list[float], list[float]]:
    """CPU times of ``rounds`` runs of each, in rounds A B, B A, A B, … With ``collect``
    each timed run starts from a collected heap (``gc.collect()`` outside the timing, for
    both sides), so neither side pays inside its timing for the garbage the other made."""
    times: tuple[list[float], list[float]] = ([], [])
    for index in range(rounds):
        order = ((0, a), (1, b)) if index % 2 == 0 else ((1, b), (0, a))
        for side, run in order:
            if collect:
                gc.collect()
            start = time.process_time()
            run()
            times[side].append(time.process_time() - start)
    return times


def interleaved(a: Any, b: Any, *, rounds: int, collect: bool = True) -> tuple[float, float]:
    """Medians of :func:`interleaved_rounds`."""
    times = interleaved_rounds(a, b, rounds=rounds, collect=collect)
    return statistics.median(times[0]), statistics.median(times[1])


def spread(times: list[float]) -> str:
    """The range of a side's timings, for the report."""
    return f"{min(times):.3f}-{max(times):.3f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--documented-builder",
        action="store_true",
        help="time OpenFisca with SimulationBuilder.build_default_simulation itself",
    )
    parser.add_argument(
        "--no-collect",
        action="store_true",
        help="do not gc.collect() before each timed run (the heap as the other side left it)",
    )
    args = parser.parse_args()
    build = documented_simulation if args.documented_builder else simulation_for
    try:
        import openfisca_core  # noqa: F401
        import pandas  # noqa: F401
    except ImportError as exc:
        print(f"cannot run OpenFisca's side: {exc} (pip install -e '.[bench]')", file=sys.stderr)
        return 1
    ruleset = load_ruleset("uong-bi-tet-2024")
    system = build_system()  # set up once, outside the timing, as our ruleset is
    verdict_ok = True
    for size in (int(part) for part in args.sizes.split(",")):
        print(f"{size:,} people; load {os.getloadavg()[0]:.2f}", flush=True)
        frame = as_frame(population(size))
        theirs, open_theirs, single = run_openfisca(system, frame)
        if run_openfisca(system, frame, build=documented_simulation)[:2] != (theirs, open_theirs):
            print("OpenFisca's documented builder gives other lines", file=sys.stderr)
            return 1
        mine, open_mine, allocation = ours(frame, ruleset)
        if not compare(theirs, mine, open_theirs=open_theirs, open_mine=open_mine):
            print("results differ: no timing", file=sys.stderr)
            return 1
        for name, total in single.items():
            exact = sum(a for (p, _), (_, a) in theirs.items() if p == _PROGRAMME[name])
            print(f"  float32 sum of {name}: {total:,.0f} đ (drift {total - exact:+,.0f} đ)")

        def a(frame: Any = frame) -> object:
            return run_openfisca(system, frame, build=build)

        def b(frame: Any = frame) -> object:
            return fresh(frame, ruleset)

        times = interleaved_rounds(a, b, rounds=args.rounds, collect=not args.no_collect)
        t_theirs, t_ours = statistics.median(times[0]), statistics.median(times[1])
        m_theirs, m_ours = peak_mb(a), peak_mb(b)
        ratio = t_theirs / t_ours
        verdict = "OK" if ratio >= 5 or size < 1_000_000 else "UNDER TARGET (≥ 5× at 1M)"
        verdict_ok &= verdict == "OK"
        print(
            f"  CPU median of {args.rounds} interleaved rounds: openfisca {t_theirs:.3f} s,"
            f" welfare_rules {t_ours:.3f} s; ratio {ratio:.1f}× {verdict}"
        )
        print(
            f"  spread: openfisca {spread(times[0])} s, welfare_rules {spread(times[1])} s;"
            f" heap collected before each run: {not args.no_collect};"
            f" load {os.getloadavg()[0]:.2f}"
        )
        print(f"  peak memory: openfisca {m_theirs:,.0f} MB, welfare_rules {m_ours:,.0f} MB")
        del allocation
    return 0 if verdict_ok else 1


_PROGRAMME = {
    "central_tet": "central-tet",
    "commune_longevity": "commune-longevity",
    "city_longevity": "city-longevity",
    "city_exemplary": "city-exemplary-households",
    "city_hardship": "city-special-hardship",
}


if __name__ == "__main__":
    raise SystemExit(main())
