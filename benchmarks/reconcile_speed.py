"""Speed of checking and diagnosing report trees.

1. Checking: one million line items (leaves of many generated, consistent reports), each
   report run through ``reconcile`` (which answers a consistent report with the exact
   fast pass ``quick_check``). Target: under 2 s.
2. Diagnosis: a report of about 200 figures with one mistyped figure, diagnosed by
   ``check_edits`` and by the full ``reconcile`` (findings and messages included).
   Target: under 50 ms.

Prints medians over several repeats. Exits with status 1 when a target is missed.

Run: ``.venv/bin/python benchmarks/reconcile_speed.py [--items 1000000] [--seed 1]``
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time

from diagnosis_accuracy import FAMILIES, applies, random_report

from welfare_rules.audit.compile import CompiledReport
from welfare_rules.audit.diagnose import check_edits, slips
from welfare_rules.audit.quick import quick_check
from welfare_rules.audit.reconciliation import reconcile
from welfare_rules.audit.report import Report

DISTINCT_ITEMS = 200_000  # line items held in memory; the million re-checks them


def line_items(report: Report) -> int:
    return sum(1 for _, node in report.walk() if not node.children)


def checking(total_items: int, rng: random.Random) -> bool:
    reports: list[Report] = []
    items = 0
    while items < min(total_items, DISTINCT_ITEMS):
        report = random_report(rng, tops=8, max_depth=3, max_children=8)
        reports.append(report)
        items += line_items(report)
    rounds = max(1, round(total_items / items))
    checked = items * rounds
    passes = []
    for _ in range(5):
        started = time.perf_counter()
        for _ in range(rounds):
            for report in reports:
                if not reconcile(report).ok:
                    raise AssertionError("a generated report does not reconcile")
        passes.append(time.perf_counter() - started)
    median = statistics.median(passes)
    print(f"checking: {checked:,} line items ({len(reports)} distinct reports, each")
    print(f"  reconciled {rounds}×): median {median:.2f} s over 5 passes (reconcile, fast path);")
    print(f"  first pass, claims not yet parsed: {passes[0]:.2f} s")
    quick = []
    for _ in range(5):
        started = time.perf_counter()
        for _ in range(rounds):
            for report in reports:
                quick_check(report)
        quick.append(time.perf_counter() - started)
    print(f"  quick_check alone: median {statistics.median(quick):.2f} s")
    sample = reports[:20]
    compiled: list[CompiledReport] = [report.compile() for report in sample]
    started = time.perf_counter()
    for c in compiled:
        check_edits(c.values, c.edits)
    per_item = (time.perf_counter() - started) / sum(line_items(r) for r in sample)
    print(f"  for scale, check_edits on compiled edits: {1 / per_item:,.0f} line items/s")
    ok = median < 2.0 * total_items / 1_000_000
    print(f"  target: 1,000,000 line items checked in under 2 s: {'met' if ok else 'MISSED'}")
    return ok


def diagnosis(rng: random.Random, trials: int = 300) -> bool:
    check_times: list[float] = []
    reconcile_times: list[float] = []
    sizes: list[int] = []
    while len(check_times) < trials:
        report = random_report(rng, tops=4, max_depth=3, max_children=5)
        compiled = report.compile()
        if not 180 <= len(compiled.values) <= 220:
            continue
        family = FAMILIES[len(check_times) % len(FAMILIES)]
        kinds = compiled.kinds
        names = [n for n in sorted(kinds) if applies(family, kinds[n])]
        name = rng.choice(names)
        options = slips(compiled.values[name], family)
        if not options:
            continue
        values = compiled.values | {name: rng.choice(options)}
        started = time.perf_counter()
        result = check_edits(values, compiled.edits, kinds=kinds)
        check_times.append(time.perf_counter() - started)
        assert result.status != "valid"
        mistyped = _mistyped(report, compiled, name, values[name])
        started = time.perf_counter()
        reconcile(mistyped)
        reconcile_times.append(time.perf_counter() - started)
        sizes.append(len(compiled.values))
    check_median = statistics.median(check_times) * 1000
    print(f"\ndiagnosis of one mistyping in a report of {min(sizes)}–{max(sizes)} figures")
    print(f"  ({trials} trials, all typo families):")
    print(f"  check_edits: median {check_median:.2f} ms, max {max(check_times) * 1000:.2f} ms")
    recon = statistics.median(reconcile_times) * 1000
    print(f"  reconcile:   median {recon:.2f} ms, max {max(reconcile_times) * 1000:.2f} ms")
    ok = recon < 50
    print(f"  target: a 200-figure report diagnosed in under 50 ms: {'met' if ok else 'MISSED'}")
    return ok


def _mistyped(report: Report, compiled: CompiledReport, name: str, value: int) -> Report:
    ref = compiled.figures[name]
    return report.with_figure(ref.path, ref.field, value, restatement=ref.restatement)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    ok = checking(args.items, rng)
    ok = diagnosis(rng) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
