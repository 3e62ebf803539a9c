"""Speed of checking and diagnosing report trees: the audit's cost follows the errors.

1. Checking: one real report of one million line items (10.000 communes as top-level
   sections of 100 items each, ``--per-section`` to change it; ``count × level =
   amount`` on every item), consistent, run through ``reconcile`` (answered by the
   exact fast pass ``quick_check``).
   Target: under 2 s.
2. Slips: the same report with 1 and with 100 planted slips (families from the registry,
   figures drawn at random, at most one per commune), and a 100.000-item report with
   1.000 slips, reconciled in interleaved rounds (the three cases one after the other,
   ``--rounds`` times; medians). Targets (issue 15): 1 slip in a 1M-item report ≤ 3 s;
   100 slips ≤ 10 s; 1.000 slips in 100.000 items ≤ 5 s. Every slip must be detected as
   before (an error finding in its commune); how many are corrected to their true value,
   and whether the search was cut short, is printed as well, and the memory the audit
   itself allocates (``tracemalloc`` peak).
2b. The way a user gets there: read the report's file and audit it (targets, issue 15, for
   read + audit together: 1 slip in the 1M-item report ≤ 3 s and ≤ 1 GB peak memory,
   whether the JSON holds the keys each node was given (as a person or an extractor
   writes it: 77 MiB) or every key (``model_dump_json()``: 240 MiB); 100 slips in it
   ≤ 10 s; 1.000 slips in the 100.000-item report ≤ 5 s). Each report is written to a
   temporary file, and a fresh child process reads it as a user does,
   ``Report.from_json(Path(file).read_bytes())``, then ``reconcile``s it; the child
   reports its read time and its audit time (CPU seconds) and its peak resident memory
   (``VmHWM``: the interpreter, the file's bytes, the parsed data, the tree and the
   audit, everything at its highest). ``from_json`` reads the text straight into nodes
   with msgspec (the ``fast`` extra; ``pip install -e '.[fast]'``, in ``dev``). Against
   it, interleaved (new, old, new, old …), a child reading the same file the way
   ``from_json`` did before (the text decoded, scanned for depth, parsed by :mod:`json`
   with the digit hook, then validated one top-level node at a time with the collector
   running: ``_read_before``), and with ``--pieces`` one reading it as ``from_json``
   does without msgspec (parsed by pydantic-core in pieces, the nodes built from the
   parsed data); the findings of every way must be identical, and the slips found.
3. The old way, interleaved: on the 100.000-item report with 10 and with 1.000 slips,
   ``reconcile`` (compiles only the broken top-level subtrees) against the whole report
   compiled and diagnosed as before, alternating A/B rounds, medians, and the findings
   compared: they must be identical.
4. Diagnosis: a report of about 200 figures with one mistyped figure, diagnosed by
   ``check_edits`` and by ``reconcile``. Target: under 50 ms.

The load average is printed at the start and the end: other processes share the machine.
Times are CPU seconds of this process (``time.process_time``): on a shared machine wall
time also counts the other processes. Reports are built with ``Node.model_construct``
(no validation: the figures are made consistent by construction) so that building them
does not dominate the run (sharing one set of field names, as validated nodes do). The
audit's own memory is measured with ``tracemalloc`` in a separate run of the audit (it
slows the run down); the real path's in child processes (2b), never in this one, which
holds several reports at once.
Exits with status 1 when a target is missed.

Run: ``.venv/bin/python benchmarks/reconcile_speed.py [--items 1000000] [--seed 1] [--rounds 3]
[--memory-rounds 1] [--no-before] [--pieces] [--user-path-only]`` (``--no-before`` leaves out
the old way's children in 2b: they take half a minute each at 1M items; ``--pieces`` adds the
way without msgspec; ``--user-path-only`` runs 2b alone).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from diagnosis_accuracy import FAMILIES, applies, random_report

from welfare_rules import _limits
from welfare_rules._limits import MAX_DEPTH, MAX_INT_DIGITS, json_depth_exceeds
from welfare_rules.audit import nodes
from welfare_rules.audit.compile import CompiledReport
from welfare_rules.audit.diagnose import check_edits, slips
from welfare_rules.audit.findings import Finding, ordered
from welfare_rules.audit.quick import quick_check
from welfare_rules.audit.reconciliation import _Explainer, reconcile
from welfare_rules.audit.report import Node, Report
from welfare_rules.audit.subtrees import compile_subtrees

ITEMS_PER_COMMUNE = 100  # --per-section
_LEVELS = [300_000, 400_000, 500_000, 600_000, 900_000, 1_200_000, 1_700_000]


def national_report(items: int, rng: random.Random) -> Report:
    """A consistent report of ``items`` line items in communes of 100 items each, built
    without validation; the nodes share one set of the names given, as validated ones do."""
    construct = Node.model_construct
    names = Node(label="x", count=1, level=1, amount=1, line=1).model_fields_set
    heads = Node(label="x", count=1, amount=1, line=1, children=()).model_fields_set
    communes = []
    line = 1
    for commune in range(max(1, items // ITEMS_PER_COMMUNE)):
        children = []
        count_total = amount_total = 0
        head = line
        line += 1
        for item in range(ITEMS_PER_COMMUNE):
            count, level = rng.randint(1, 400), rng.choice(_LEVELS)
            children.append(
                construct(
                    names,
                    label=f"mức {item}",
                    count=count,
                    level=level,
                    amount=count * level,
                    line=line,
                )
            )
            line += 1
            count_total += count
            amount_total += count * level
        communes.append(
            construct(
                heads,
                label=f"xã {commune}",
                count=count_total,
                amount=amount_total,
                line=head,
                children=tuple(children),
            )
        )
    return Report.model_construct(nodes=tuple(communes))


def plant(report: Report, slips_wanted: int, rng: random.Random) -> tuple[Report, list[tuple]]:
    """``report`` with ``slips_wanted`` figures mistyped, at most one per commune."""
    communes = list(report.nodes)
    planted = []
    for top in rng.sample(range(len(communes)), slips_wanted):
        commune = communes[top]
        family = FAMILIES[len(planted) % len(FAMILIES)]
        item = rng.randrange(len(commune.children))
        options = [
            field
            for field in ("count", "level", "amount")
            if applies(family, "count" if field == "count" else "money")
            and slips(getattr(commune.children[item], field), family)
        ]
        if not options:
            family, options = "digit_replaced", ["amount"]
        field = rng.choice(options)
        node = commune.children[item]
        typed = rng.choice(slips(getattr(node, field), family))
        children = list(commune.children)
        children[item] = node.model_copy(update={field: typed})
        communes[top] = commune.model_copy(update={"children": tuple(children)})
        planted.append((top, item, field, family, getattr(node, field)))
    return Report.model_construct(nodes=tuple(communes)), planted


def detected(findings: tuple[Finding, ...], planted: list[tuple]) -> int:
    """How many planted slips have an error finding in their commune."""
    hit = {f.path[0] for f in findings if f.severity == "error" and f.path}
    return sum(1 for top, *_ in planted if top in hit)


def corrected(findings: tuple[Finding, ...], planted: list[tuple]) -> int:
    """How many planted slips are corrected to their true value, on their own figure."""
    fixed = {(f.path, f.field, f.suggested) for f in findings if f.suggested is not None}
    return sum(
        1 for top, item, field, _family, truth in planted if ((top, item), field, truth) in fixed
    )


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f}"


def peak_rss_mb() -> float:
    """The process's peak resident memory so far (Linux: ru_maxrss in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def peak_hwm_mb() -> float:
    """This process's own peak resident memory (Linux ``VmHWM``: the high-water mark of
    its memory since it started; ``ru_maxrss`` of a child counts its parent's memory at
    the fork, as Linux keeps it across ``exec``)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return peak_rss_mb()  # not Linux: the best there is


def whole_way(report: Report) -> tuple[Finding, ...]:
    """The findings as ``reconcile`` gave them before: the whole report compiled."""
    compiled = report.compile()
    check = check_edits(compiled.values, compiled.edits, kinds=compiled.kinds)
    return ordered(_Explainer(report, compiled, check).findings())


def timed(run: Callable[[], object]) -> tuple[float, object]:
    """CPU seconds of ``run()`` (the machine may be shared: wall time would count the
    other processes too) and its result."""
    started = time.process_time()
    result = run()
    return time.process_time() - started, result


def peak_mb(run: Callable[[], object]) -> float:
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def breakdown(report: Report) -> str:
    """Where the time of one audit goes: quick check, compiling the broken subtrees
    (``audit/compile.py``), the diagnosis, the findings."""
    quick_seconds, quick = timed(lambda: quick_check(report))
    broken = quick.broken  # type: ignore[attr-defined]
    compile_seconds, compiled = timed(lambda: compile_subtrees(report, broken))
    c: CompiledReport = compiled  # type: ignore[assignment]
    check_seconds, check = timed(lambda: check_edits(c.values, c.edits, kinds=c.kinds))
    explain_seconds, _ = timed(lambda: _Explainer(report, c, check).findings())  # type: ignore[arg-type]
    return (
        f"(quick {quick_seconds:.2f}, compile {len(broken)} subtrees {compile_seconds:.2f},"
        f" diagnose {check_seconds:.2f}, findings {explain_seconds:.2f})"
    )


def checking(report: Report, items: int) -> bool:
    passes = [timed(lambda: reconcile(report))[0] for _ in range(3)]
    assert reconcile(report).ok
    quick = statistics.median(timed(lambda: quick_check(report))[0] for _ in range(3))
    median = statistics.median(passes)
    ok = median < 2.0 * items / 1_000_000
    print(f"checking: one report of {items:,} line items ({len(report.nodes):,} communes)")
    print(
        f"  reconcile (fast path): median {median:.2f} s over 3 passes; quick_check {quick:.2f} s"
    )
    print(f"  target: 1,000,000 line items checked in under 2 s: {'met' if ok else 'MISSED'}")
    return ok


def with_slips(cases: list[tuple[Report, int, float]], rng: random.Random, rounds: int) -> bool:
    """Each case ``(report, slips, target seconds)`` reconciled
    ``rounds`` times, the cases interleaved; medians, detection checked every time."""
    planted_cases = [(*plant(report, count, rng), count, target) for report, count, target in cases]
    times: list[list[float]] = [[] for _ in planted_cases]
    results: list[object] = [None] * len(planted_cases)
    for _ in range(rounds):
        for index, (mistyped, _planted, *_rest) in enumerate(planted_cases):
            seconds, results[index] = timed(lambda mistyped=mistyped: reconcile(mistyped))
            times[index].append(seconds)
    ok = True
    for index, (mistyped, planted, count, target) in enumerate(planted_cases):
        result = results[index]
        found = detected(result.findings, planted)  # type: ignore[attr-defined]
        fixed = corrected(result.findings, planted)  # type: ignore[attr-defined]
        median = statistics.median(times[index])
        items = len(mistyped.nodes) * ITEMS_PER_COMMUNE
        case_ok = median <= target and found == count
        line = (
            f"  {count:>5} slip(s) in {items:>9,} items: median {median:6.2f} s"
            f" (max {max(times[index]):.2f}), {found}/{count} detected, {fixed} corrected,"
            f" cut short: {result.cut_short}"  # type: ignore[attr-defined]
        )
        line += "\n       " + breakdown(mistyped)
        peak = peak_mb(lambda mistyped=mistyped: reconcile(mistyped))
        line += f", audit's own peak {peak:,.1f} MB (tracemalloc)"
        print(f"{line}; target ≤ {target:.0f} s: {'met' if case_ok else 'MISSED'}")
        ok = ok and case_ok
    print(f"  this process's peak RSS (several reports at once): {peak_rss_mb():,.0f} MB; {load()}")
    return ok


MEMORY_TARGET_MB = 1024.0
_WAYS = {
    "from_json": "Report.from_json (now)",
    "pieces": "Report.from_json without msgspec (the pieces way)",
    "before": "from_json as before issue 15's reading work",
}


def _read_before(data: bytes) -> Report:
    """How ``Report.from_json`` read a report before (kept here to measure against): the
    text decoded and scrubbed, scanned for its depth token by token, parsed by
    :mod:`json` with the digit hook, then validated one top-level node at a time, the
    collector running."""
    text = data.decode(json.detect_encoding(data), "surrogatepass")
    text = _limits.scrub_surrogates(text)
    if json_depth_exceeds(text, MAX_DEPTH) is not None:
        raise ValueError("too deep")
    parsed = json.loads(text, parse_int=_limits._big_int("report", MAX_INT_DIGITS))
    if _limits._SURROGATE_ESCAPE.search(text):
        parsed = _limits._scrub(parsed)
    del text
    return Report._from_data(parsed, consume=True)


def memory_child(path: str, way: str) -> int:
    """The child of 2b: read the report at ``path`` as a user does, audit it, and print
    the peak RSS, the CPU seconds of reading and of the audit, and the findings as JSON."""
    if way == "pieces":  # as a user without the fast extra reads it
        nodes.msgspec = None
    started = time.process_time()
    if way in ("from_json", "pieces"):
        report = Report.from_json(Path(path).read_bytes())
    else:
        report = _read_before(Path(path).read_bytes())
    read = time.process_time() - started
    started = time.process_time()
    result = reconcile(report)
    audit = time.process_time() - started
    findings = [finding.model_dump(mode="json") for finding in result.findings]
    out = {"rss": peak_hwm_mb(), "read": read, "audit": audit, "findings": findings}
    print(json.dumps(out))
    return 0


def _child(path: Path, way: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, __file__, "--memory-child", str(path), way],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    return result


def _found(findings: list[dict[str, object]], planted: list[tuple]) -> tuple[int, int]:
    """How many planted slips have an error finding in their commune, and how many are
    corrected to their true value (the findings as the child printed them)."""
    hit = {f["path"][0] for f in findings if f["severity"] == "error" and f["path"]}  # type: ignore[index]
    fixed = {
        (tuple(f["path"]), f["field"], f["suggested"])  # type: ignore[arg-type]
        for f in findings
        if f["suggested"] is not None
    }
    detected = sum(1 for top, *_ in planted if top in hit)
    right = sum(
        1 for top, item, field, _f, truth in planted if ((top, item), field, truth) in fixed
    )
    return detected, right


def real_path(
    cases: list[tuple[Report, int, float, bool]], rng: random.Random, rounds: int, ways: list[str]
) -> bool:
    """2b: each case ``(report, slips, target seconds, memory target too)`` written as
    JSON (the keys given, and every key where the memory target applies), read and
    reconciled in fresh child processes, the new way and the old interleaved; the read
    time, the audit time and their sum against the target, the peak RSS, the slips found
    and the findings compared."""
    ok = True
    with tempfile.TemporaryDirectory() as folder:
        for number, (report, count, target, memory) in enumerate(cases):
            mistyped, planted = plant(report, count, rng)
            items = len(mistyped.nodes) * ITEMS_PER_COMMUNE
            files = {"keys given": Path(folder) / f"given{number}.json"}
            files["keys given"].write_text(mistyped.model_dump_json(exclude_unset=True))
            if memory:
                files["every key"] = Path(folder) / f"every{number}.json"
                files["every key"].write_text(mistyped.model_dump_json())
            for kind, path in files.items():
                size = path.stat().st_size / 2**20
                print(f"\n{count} slip(s) in {items:,} items, JSON with {kind} ({size:,.0f} MB),")
                print("  read and reconciled in a fresh process (CPU seconds; peak RSS, VmHWM):")
                runs: dict[str, list[dict[str, object]]] = {way: [] for way in ways}
                for _ in range(rounds):
                    for way in ways:  # interleaved
                        runs[way].append(_child(path, way))
                for way, results in runs.items():
                    peak = statistics.median(float(r["rss"]) for r in results)  # type: ignore[arg-type]
                    read = statistics.median(float(r["read"]) for r in results)  # type: ignore[arg-type]
                    audit = statistics.median(float(r["audit"]) for r in results)  # type: ignore[arg-type]
                    total = statistics.median(float(r["read"]) + float(r["audit"]) for r in results)  # type: ignore[arg-type]
                    findings: list[dict[str, object]] = results[0]["findings"]  # type: ignore[assignment]
                    detected_count, right = _found(findings, planted)
                    same = all(r["findings"] == findings for r in results)
                    line = f"  {_WAYS[way]}: read {read:.2f} s + reconcile {audit:.2f} s"
                    line += f" = {total:.2f} s; peak {peak:,.0f} MB;"
                    line += f" {detected_count}/{count} detected, {right} corrected"
                    if way == "from_json":
                        met = total <= target
                        verdict = "met" if met else "MISSED"
                        line += f"\n    target read + audit ≤ {target:.0f} s: {verdict}"
                        if memory:
                            held = peak <= MEMORY_TARGET_MB
                            line += f"; ≤ {MEMORY_TARGET_MB:,.0f} MB: {'met' if held else 'MISSED'}"
                            met = met and held
                        ok = ok and met and detected_count == count and same
                    print(line)
                if len(runs) > 1:
                    first, *others = (runs[way][0]["findings"] for way in ways)
                    same = all(other == first for other in others)
                    print(f"  findings identical every way: {same}")
                    ok = ok and same
            print(f"  {load()}")
    return ok


def old_against_new(report: Report, count: int, rng: random.Random, rounds: int = 3) -> bool:
    mistyped, planted = plant(report, count, rng)
    new_times, old_times = [], []
    same = True
    for _ in range(rounds):  # interleaved: A, B, A, B …
        seconds, new = timed(lambda: reconcile(mistyped))
        new_times.append(seconds)
        seconds, old = timed(lambda: whole_way(mistyped))
        old_times.append(seconds)
        same = same and new.findings == old  # type: ignore[attr-defined]
    new_median, old_median = statistics.median(new_times), statistics.median(old_times)
    print(
        f"\nold way against new, {count} slips in {len(report.nodes) * ITEMS_PER_COMMUNE:,} items"
    )
    print(f"  ({rounds} interleaved rounds, medians): whole compile {old_median:.2f} s,")
    print(f"  broken subtrees only {new_median:.2f} s ({old_median / new_median:.1f}×);")
    print(f"  findings identical: {same}; {detected(old, planted)}/{count} detected either way")  # type: ignore[arg-type]
    return same


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
    global ITEMS_PER_COMMUNE  # one setting for the whole run
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--per-section", type=int, default=ITEMS_PER_COMMUNE)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--memory-rounds", type=int, default=1)
    parser.add_argument("--no-before", action="store_true")
    parser.add_argument("--pieces", action="store_true")
    parser.add_argument("--user-path-only", action="store_true")
    parser.add_argument("--memory-child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_child:
        return memory_child(*args.memory_child)
    ITEMS_PER_COMMUNE = args.per_section
    rng = random.Random(args.seed)
    print(f"start: {load()}")
    big = national_report(args.items, rng)
    small = national_report(args.items // 10, rng)
    many = min(1_000, len(small.nodes))  # fewer with --items below 1M: one slip a commune
    paths = [(big, 1, 3.0, True), (big, min(100, len(big.nodes)), 10.0, False)]
    paths.append((small, many, 5.0, False))
    ways = [
        "from_json",
        *(["pieces"] if args.pieces else []),
        *([] if args.no_before else ["before"]),
    ]
    if args.user_path_only:
        ok = real_path(paths, rng, args.memory_rounds, ways)
        print(f"\nend: {load()}")
        return 0 if ok else 1
    ok = checking(big, args.items)
    print(f"\nslips ({args.rounds} interleaved rounds, medians; CPU seconds of the audit):")
    cases = [(big, 1, 3.0), (big, min(100, len(big.nodes)), 10.0), (small, many, 5.0)]
    ok = with_slips(cases, rng, args.rounds) and ok
    ok = real_path(paths, rng, args.memory_rounds, ways) and ok
    ok = old_against_new(small, 10, rng, args.rounds) and ok
    ok = old_against_new(small, many, rng, args.rounds) and ok
    ok = diagnosis(rng) and ok
    print(f"\nend: {load()}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
