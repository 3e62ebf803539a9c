"""Speed of diagnosing one wrong total over many parts (issue 13: at most n log n work).

1. ``check_edits`` on one sum edit ``total == p1 + … + pn`` whose total has one replaced
   digit, for n from 1.000 to 100.000: the time per part must stay flat (one pass computes
   the residual, then each part's required value is O(1)); before, each part was solved
   by a pass over the whole edit (4.000 parts took 14 s).
2. A report whose top-level total has 100.000 line items (``count × level = amount``
   each) and a mistyped amount total: the diagnosis (``check_edits`` on its 200.000
   compiled edits; target under 2 s, and the slip found), and, for scale, compiling it
   and the whole ``reconcile`` (compile included: ``audit/compile.py`` dominates).

Prints the best of three runs, in CPU seconds of this process (``time.process_time``: on
a shared machine wall time also counts the other processes). Exits with status 1 when a
target is missed.

Run: ``.venv/bin/python benchmarks/diagnose_speed.py [--parts 100000] [--seed 1]``
"""

from __future__ import annotations

import argparse
import random
import sys
import time

from welfare_rules.audit.diagnose import check_edits
from welfare_rules.audit.edits import Edit
from welfare_rules.audit.reconciliation import reconcile
from welfare_rules.audit.report import Node, Report

TARGET_SECONDS = 2.0


def mistyped(value: int, rng: random.Random) -> int:
    """``value`` with its second digit replaced."""
    text = str(value)
    position = 1  # a high digit: no part is one slip from its share of the difference
    digit = rng.choice([d for d in "0123456789" if d != text[position]])
    return int(text[:position] + digit + text[position + 1 :])


def one_sum(parts: int, rng: random.Random) -> tuple[float, bool]:
    values = {f"p{i}": rng.randint(1, 10**6) * 1000 for i in range(parts)}
    total = sum(values.values())
    values["t"] = mistyped(total, rng)
    edit = Edit.sum("t", [f"p{i}" for i in range(parts)])
    kinds = dict.fromkeys(values, "money")
    best = float("inf")
    result = None
    for _ in range(3):
        started = time.process_time()
        result = check_edits(values, [edit], kinds=kinds)
        best = min(best, time.process_time() - started)
    assert result is not None
    found = result.corrections.get("t") == total or any(
        (c.figure, c.value) == ("t", total) for e in result.candidates for c in e.changes
    )
    return best, found


def big_report(parts: int, rng: random.Random) -> tuple[Report, int]:
    items = []
    for i in range(parts):
        count, level = rng.randint(1, 500), rng.randint(1, 400) * 5_000
        items.append(Node(label=f"item {i}", count=count, level=level, amount=count * level))
    count = sum(item.count or 0 for item in items)
    amount = sum(item.amount or 0 for item in items)
    total = Node(
        label="total", count=count, amount=mistyped(amount, rng), line=1, children=tuple(items)
    )
    return Report(nodes=(total,)), amount


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parts", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    print("check_edits, one wrong total over n parts (best of 3):")
    print(f"{'parts':>9}{'seconds':>10}{'µs/part':>10}  found")
    sizes = [n for n in (1_000, 4_000, 10_000, 30_000, 100_000) if n < args.parts]
    ok = True
    for n in [*sizes, args.parts]:
        seconds, found = one_sum(n, rng)
        ok = ok and found
        print(f"{n:>9,}{seconds:>10.3f}{seconds / n * 1e6:>10.2f}  {found}")
    report, truth = big_report(args.parts, rng)
    started = time.process_time()
    compiled = report.compile()
    compile_seconds = time.process_time() - started
    kinds = compiled.kinds
    best = float("inf")
    check = None
    for _ in range(3):
        started = time.process_time()
        check = check_edits(compiled.values, compiled.edits, kinds=kinds)
        best = min(best, time.process_time() - started)
    assert check is not None
    found = check.corrections.get("n0_amount") == truth
    met = best <= TARGET_SECONDS and found
    print(f"\na wrong total over {args.parts:,} line items ({len(compiled.edits):,} edits):")
    print(f"  diagnosis (check_edits): {best:.2f} s, slip corrected: {found}")
    started = time.process_time()
    result = reconcile(report)
    whole = time.process_time() - started
    suggested = {f.figure: f.suggested for f in result.findings}
    print(
        f"  for scale: compile {compile_seconds:.2f} s; reconcile (compile included) {whole:.2f} s"
    )
    print(f"  reconcile suggests {suggested.get('n0_amount') == truth}")
    print(f"target: the diagnosis under {TARGET_SECONDS:.0f} s: {'met' if met else 'MISSED'}")
    return 0 if ok and met else 1


if __name__ == "__main__":
    sys.exit(main())
