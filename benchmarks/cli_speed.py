"""Wall time of ``welfare-rules audit REPORT`` as a person runs it: a fresh process each time.

Target (issue 11): the audit of the source report under 0,5 s. The command runs ``ROUNDS``
times, interleaved with a bare interpreter start (``python -c pass``, the floor no change
of ours can lower), and the medians of both are printed with the CPU time of the runs.

The package's bytecode is compiled first (``compileall``), as ``pip install`` does for a
wheel: an environment with ``PYTHONDONTWRITEBYTECODE=1`` and an editable install
otherwise recompiles every module on every run, which measures the compiler, not us.

Run: .venv/bin/python benchmarks/cli_speed.py [REPORT] [--rounds N]
(without REPORT, the bundled example report).
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import statistics
import subprocess
import sys
import time
from importlib import resources
from pathlib import Path

import welfare_rules

TARGET = 0.5


def _run(command: list[str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system) and the exit status of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", nargs="?", type=Path)
    parser.add_argument("--rounds", type=int, default=9)
    args = parser.parse_args()
    report = args.report or Path(
        str(resources.files("welfare_rules.audit") / "data" / "example_report.md")
    )
    compileall.compile_dir(Path(welfare_rules.__file__).parent, quiet=1)
    audit = [sys.executable, "-m", "welfare_rules", "audit", str(report)]
    floor = [sys.executable, "-c", "pass"]
    statuses = set()
    walls, cpus, bare = [], [], []
    _run(audit)  # warm the file cache
    for _ in range(args.rounds):
        wall, cpu, status = _run(audit)
        walls.append(wall)
        cpus.append(cpu)
        statuses.add(status)
        bare.append(_run(floor)[0])
    median = statistics.median(walls)
    print(f"report: {report}")
    print(f"exit statuses: {sorted(statuses)} (the same every run)")
    print(
        f"welfare-rules audit: median {median:.3f} s wall, {statistics.median(cpus):.3f} s CPU "
        f"over {args.rounds} runs (min {min(walls):.3f}, max {max(walls):.3f})"
    )
    print(f"python -c pass:      median {statistics.median(bare):.3f} s wall (the floor)")
    print(f"load average: {os.getloadavg()[0]:.2f}; target {TARGET} s")
    ok = median < TARGET and len(statuses) == 1
    print("target met" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
