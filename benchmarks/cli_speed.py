"""Wall time of ``welfare-rules audit REPORT`` as a person runs it: a fresh process each time.

Target (issue 11): the audit of the source report under 0,5 s, with the package's bytecode
cached, as after ``pip install`` of a wheel or any first run on a machine that writes
bytecode.

The package is copied twice into a temporary folder (from the tree that is imported, so the
working tree is what is measured):

* ``warm``: compiled with ``compileall`` first, as ``pip install`` does, then run once
  without ``PYTHONDONTWRITEBYTECODE``, as on any machine that writes bytecode: that first
  run also keeps the compiled regular expressions (:mod:`welfare_rules._regex`). The
  target is judged on it;
* ``cold``: no ``.pyc`` at all, run with ``PYTHONDONTWRITEBYTECODE=1`` so that it stays
  so: every run compiles every module and every pattern of ours from source. This is what
  an editable install sees in an environment that sets ``PYTHONDONTWRITEBYTECODE`` (this
  project's machine does); it is reported, not judged.

Each round runs warm, cold and a bare interpreter start (``python -c pass``, the floor no
change of ours can lower), interleaved; the medians of the wall and CPU times are printed.
The standard output of every audit run must be the same (checked).

Run: .venv/bin/python benchmarks/cli_speed.py [REPORT] [--rounds N]
(without REPORT, the bundled example report).
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path

import welfare_rules

TARGET = 0.5


def _run(command: list[str], env: dict[str, str]) -> tuple[float, float, int, bytes]:
    """Wall seconds, CPU seconds (user + system), exit status and output of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, check=False, env=env)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.returncode, done.stdout


def _copy(package: Path, into: Path, *, compiled: bool) -> dict[str, str]:
    """Copy ``package`` (no bytecode) into ``into``; compile it when ``compiled``; the
    environment that imports that copy (and keeps a cold copy cold)."""
    shutil.copytree(package, into / package.name, ignore=shutil.ignore_patterns("__pycache__"))
    env = dict(os.environ, PYTHONPATH=str(into))
    if compiled:
        compileall.compile_dir(into, quiet=1)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    else:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    where = subprocess.run(
        [sys.executable, "-c", "import welfare_rules; print(welfare_rules.__file__)"],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    ).stdout.strip()
    if not where.startswith(str(into)):
        raise SystemExit(f"the copy in {into} is not the one imported ({where})")
    return env


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", nargs="?", type=Path)
    parser.add_argument("--rounds", type=int, default=9)
    args = parser.parse_args()
    report = args.report or Path(
        str(resources.files("welfare_rules.audit") / "data" / "example_report.md")
    )
    package = Path(welfare_rules.__file__).parent
    audit = [sys.executable, "-m", "welfare_rules", "audit", str(report.resolve())]
    floor = [sys.executable, "-c", "pass"]
    with tempfile.TemporaryDirectory() as folder:
        envs = {
            "warm": _copy(package, Path(folder) / "warm", compiled=True),
            "cold": _copy(package, Path(folder) / "cold", compiled=False),
        }
        statuses: set[int] = set()
        outputs: set[bytes] = set()
        walls: dict[str, list[float]] = {name: [] for name in envs}
        cpus: dict[str, list[float]] = {name: [] for name in envs}
        bare: list[float] = []
        for env in envs.values():
            _run(audit, env)  # the file cache; warm: the kept patterns written
        for _ in range(args.rounds):
            for name, env in envs.items():
                wall, cpu, status, output = _run(audit, env)
                walls[name].append(wall)
                cpus[name].append(cpu)
                statuses.add(status)
                outputs.add(output)
            bare.append(_run(floor, dict(os.environ))[0])
    print(f"report: {report}")
    print(f"package measured: {package} (copied; bytecode as said below)")
    print(f"exit statuses: {sorted(statuses)}; outputs identical: {len(outputs) == 1}")
    for name, what in (
        ("warm", "bytecode compiled, patterns kept"),
        ("cold", "no bytecode, PYTHONDONTWRITEBYTECODE=1"),
    ):
        runs = walls[name]
        print(
            f"welfare-rules audit, {name} ({what}): median {statistics.median(runs):.3f} s "
            f"wall, {statistics.median(cpus[name]):.3f} s CPU over {args.rounds} runs "
            f"(min {min(runs):.3f}, max {max(runs):.3f})"
        )
    print(f"python -c pass: median {statistics.median(bare):.3f} s wall (the floor)")
    setting = os.environ.get("PYTHONDONTWRITEBYTECODE")
    print(f"this environment: PYTHONDONTWRITEBYTECODE={setting!r}")
    median = statistics.median(walls["warm"])
    print(f"load average: {os.getloadavg()[0]:.2f}; target {TARGET} s (warm)")
    ok = median < TARGET and len(statuses) == 1 and len(outputs) == 1
    print("target met" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
