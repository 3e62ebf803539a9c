"""A national-size population through Dask by partition against one process with the whole.

Population: ``_population.frame`` (numpy-drawn, the shape of ``_population.population``),
``--partitions`` parts of ``--size / --partitions`` rows, part ``i`` drawn with seed
``2024 + i``; the whole is the same parts concatenated, so both sides allocate the same
rows. Ruleset uong-bi-tet-2024 on 01/02/2024.

* whole: one process draws the whole frame, then ``allocate(frame)`` (timed alone);
  peak RSS of that process; bytes per row of the frame and of ``allocate``'s work
  (tracemalloc peak over 1M rows).
* dask: a ``LocalCluster`` of ``--workers`` processes (1 thread each); each partition is
  drawn on a worker (``dd.from_map``) and allocated there; the parts are added exactly.
  Timed twice: drawing only (``len`` of every partition) and drawing + allocating; peak
  RSS of every worker. The allocations must be equal field by field, or exit 1.

Run: .venv/bin/python benchmarks/dask_scale.py [--size 10000000] [--partitions 10]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _population import ON, frame  # noqa: E402

RULESET = "uong-bi-tet-2024"


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def part(index: int, size: int) -> Any:
    """Partition ``index`` of the population (drawn where it is called)."""
    return frame(size, seed=2024 + index)


def whole(size: int, partitions: int) -> dict[str, Any]:
    """The single-process side (run in a fresh process, so its peak RSS is its own)."""
    import pandas as pd

    from welfare_rules.entitle.allocate import allocate

    start = time.perf_counter()
    sizes = _sizes(size, partitions)
    population = pd.concat([part(i, n) for i, n in enumerate(sizes)], ignore_index=True)
    drawn = time.perf_counter() - start
    start, cpu = time.perf_counter(), time.process_time()
    result = allocate(population, RULESET, on=ON)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    frame_bytes = int(population.memory_usage(deep=True).sum())
    sample = population.iloc[: min(size, 1_000_000)]
    tracemalloc.start()
    allocate(sample, RULESET, on=ON)
    work = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {
        "draw_s": drawn,
        "allocate_s": seconds,
        "allocate_cpu_s": cpu,
        "peak_mb": _peak_mb(),
        "frame_bytes_per_row": frame_bytes / size,
        "work_bytes_per_row": work / len(sample),
        "result": _summary(result),
    }


def _sizes(size: int, partitions: int) -> list[int]:
    base, extra = divmod(size, partitions)
    return [base + (1 if i < extra else 0) for i in range(partitions)]


def _summary(result: Any) -> dict[str, Any]:
    return {
        "lines": [[line.programme, line.level, line.count] for line in result.lines],
        "undetermined": [[g.item.programme, g.item.missing, g.count] for g in result.undetermined],
        "population": result.population,
        "total": [result.total.count, result.total.amount],
    }


def _worker_peak() -> float:
    return _peak_mb()


def distributed_side(size: int, partitions: int, workers: int) -> dict[str, Any]:
    import dask.dataframe as dd
    import distributed

    from welfare_rules.entitle.dask import allocate

    sizes = _sizes(size, partitions)
    cluster = distributed.LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",
        memory_limit=0,
    )
    with cluster, distributed.Client(cluster) as client:
        client.run(sys.path.insert, 0, str(HERE))
        ddf = dd.from_map(part, list(range(partitions)), sizes, enforce_metadata=False)
        start = time.perf_counter()
        assert sum(ddf.map_partitions(len).compute()) == size
        drawn = time.perf_counter() - start
        start = time.perf_counter()
        result = allocate(ddf, RULESET, on=ON)
        total = time.perf_counter() - start
        peaks = client.run(_worker_peak)
    return {
        "draw_s": drawn,
        "draw_and_allocate_s": total,
        "worker_peak_mb": sorted(peaks.values()),
        "result": json.loads(json.dumps(_summary(result))),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=10_000_000)
    parser.add_argument("--partitions", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--whole-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.whole_only:
        print(json.dumps(whole(args.size, args.partitions)))
        return 0
    try:
        import dask.dataframe  # noqa: F401
        import distributed  # noqa: F401
    except ImportError:
        print("dask is not installed: pip install 'welfare-rules[dask]'", file=sys.stderr)
        return 1
    rows, parts = args.size, args.partitions
    print(f"{rows:,} rows in {parts} partitions of ~{rows // parts:,}, {args.workers} workers")
    command = [sys.executable, __file__, "--whole-only", f"--size={rows}", f"--partitions={parts}"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode:
        print(done.stderr, file=sys.stderr)
        return 1
    one = json.loads(done.stdout)
    many = distributed_side(rows, parts, args.workers)
    if one["result"] != many["result"]:
        print("the partitioned allocation differs from the whole one", file=sys.stderr)
        return 1
    per_row = one["frame_bytes_per_row"]
    print(
        f"whole, one process: draw {one['draw_s']:.1f} s, allocate {one['allocate_s']:.2f} s "
        f"(CPU {one['allocate_cpu_s']:.2f} s), peak RSS {one['peak_mb']:,.0f} MB"
    )
    print(
        f"  frame {per_row:.0f} bytes/row; allocate's work {one['work_bytes_per_row']:.0f} "
        "bytes/row (tracemalloc peak over 1M rows)"
    )
    alloc = many["draw_and_allocate_s"] - many["draw_s"]
    print(
        f"dask: draw {many['draw_s']:.1f} s, draw + allocate {many['draw_and_allocate_s']:.1f} s "
        f"(allocate ≈ {alloc:.2f} s); peak RSS per worker "
        + ", ".join(f"{mb:,.0f} MB" for mb in many["worker_peak_mb"])
    )
    ratio = many["draw_and_allocate_s"] / (one["draw_s"] + one["allocate_s"])
    print(
        f"dask (draw + allocate) / whole (draw + allocate): {ratio:.2f}× (target ≤ 1.5×); "
        f"results identical on {len(one['result']['lines'])} lines and "
        f"{len(one['result']['undetermined'])} undetermined groups"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
