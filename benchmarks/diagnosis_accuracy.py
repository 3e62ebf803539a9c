"""Diagnosis accuracy over random single mistypings of generated consistent report trees.

For each typo family, mistype one figure of a consistent tree (drawn uniformly among the
figures the family applies to and among that figure's slips), run the diagnosis on the
compiled edits, and count:

* detection: some edit is violated;
* unique and correct: the mistyped figure, and only it, is corrected, to its true value;
* wrong and confident: some correction is applied that is not the truth;
* truth among candidates: the truth is the correction or one of the tied candidates.

Targets (issue 4): detection 100 %, wrong and confident <= 0.1 %, truth among candidates
>= 99 %. Exits with status 1 when a target is missed.

Run: ``.venv/bin/python benchmarks/diagnosis_accuracy.py [--trials 10000] [--seed 1]``
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter

from welfare_rules.audit.diagnose import Family, check_edits, slips
from welfare_rules.audit.report import Claim, Node, Report, Restatement
from welfare_rules.audit.slips import FAMILIES as REGISTRY

FAMILIES: tuple[Family, ...] = tuple(REGISTRY)  # every registered slip family


def applies(family: Family, kind: str) -> bool:
    """Whether ``family`` can explain a figure of ``kind`` (``count`` or ``money``)."""
    return REGISTRY[family].applies(kind)  # type: ignore[arg-type]


def random_node(rng: random.Random, depth: int, max_depth: int, max_children: int) -> Node:
    """A consistent subtree: products and sums hold; some claims and restatements."""
    label = f"node {depth}"
    if depth == max_depth or (depth > 0 and rng.random() < 0.35):
        count = rng.randint(1, 5_000)
        if depth == 0 or rng.random() < 0.8:
            level = rng.randint(1, 400) * 5_000
            return Node(label=label, count=count, level=level, amount=count * level)
        return Node(label=label, count=count, amount=rng.randint(1, 10**6) * 1_000)
    children = tuple(
        random_node(rng, depth + 1, max_depth, max_children)
        for _ in range(rng.randint(1, max_children))
    )
    count = sum(child.count or 0 for child in children)
    amount = sum(child.amount or 0 for child in children)
    claims = (
        (Claim(expression=f"amount >= {amount // count} * count"),) if rng.random() < 0.2 else ()
    )
    restatements = ()
    if rng.random() < 0.2:
        field = rng.choice(["count", "amount"])
        restatements = (Restatement(field=field, value=count if field == "count" else amount),)
    return Node(
        label=label,
        count=count,
        amount=amount,
        children=children,
        claims=claims,
        restatements=restatements,
    )


def random_report(
    rng: random.Random, *, tops: int = 2, max_depth: int = 3, max_children: int = 4
) -> Report:
    """A consistent report of ``tops`` top-level nodes."""
    return Report(nodes=tuple(random_node(rng, 0, max_depth, max_children) for _ in range(tops)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    stats: dict[str, Counter[str]] = {family: Counter() for family in FAMILIES}
    started = time.perf_counter()
    trial = 0
    while trial < args.trials:
        compiled = random_report(rng, tops=rng.randint(1, 3)).compile()
        kinds = compiled.kinds
        for _ in range(10):  # several mistypings per tree
            if trial >= args.trials:
                break
            family = FAMILIES[trial % len(FAMILIES)]
            names = [n for n in sorted(kinds) if applies(family, kinds[n])]
            name = rng.choice(names)
            truth = compiled.values[name]
            options = slips(truth, family)
            if not options:
                continue
            typed = rng.choice(options)
            trial += 1
            result = check_edits(compiled.values | {name: typed}, compiled.edits, kinds=kinds)
            count = stats[family]
            count["trials"] += 1
            count["detected"] += result.status != "valid"
            count["unique_correct"] += dict(result.corrections) == {name: truth}
            count["wrong_confident"] += any(
                (figure, value) != (name, truth) for figure, value in result.corrections.items()
            )
            among = {(c.figure, c.value) for e in result.candidates for c in e.changes}
            count["truth_listed"] += result.corrections.get(name) == truth or (name, truth) in among
            count["cut_short"] += result.cut_short
    elapsed = time.perf_counter() - started
    return report(stats, elapsed)


def report(stats: dict[str, Counter[str]], elapsed: float) -> int:
    total: Counter[str] = Counter()
    header = f"{'family':<16}{'trials':>8}{'detect':>9}{'unique ok':>11}{'wrong conf':>12}"
    print(header + f"{'truth listed':>14}{'cut short':>11}")
    for family, count in stats.items():
        total.update(count)
        print(_row(family, count))
    print(_row("all", total))
    n = total["trials"] or 1
    detection = total["detected"] / n
    wrong = total["wrong_confident"] / n
    listed = total["truth_listed"] / n
    print(f"\n{total['trials']} mistypings diagnosed in {elapsed:.1f} s")
    print("targets: detection 100 %, wrong and confident <= 0.1 %, truth among candidates >= 99 %")
    ok = detection == 1 and wrong <= 0.001 and listed >= 0.99
    print("targets met" if ok else "TARGETS MISSED")
    return 0 if ok else 1


def _row(name: str, count: Counter[str]) -> str:
    n = count["trials"] or 1

    def pct(key: str) -> str:
        return f"{100 * count[key] / n:.2f} %"

    return (
        f"{name:<16}{count['trials']:>8}{pct('detected'):>9}{pct('unique_correct'):>11}"
        f"{pct('wrong_confident'):>12}{pct('truth_listed'):>14}{pct('cut_short'):>11}"
    )


if __name__ == "__main__":
    sys.exit(main())
