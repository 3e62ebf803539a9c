"""Pathological report lines stay linear: each case at two sizes, the time ratio checked.

The audit's tests check what these inputs give, never how fast (a wall-clock assertion
fails on a loaded machine); this script measures. For each case the input is built at
sizes n, 2n and 4n, the best of three runs is taken at each size, and the case fails when
4n costs more than 3× 2n (linear gives 2×, quadratic 4×; the first doubling is not judged,
as caches make small sizes look faster than they scale) or n costs more than its ceiling.

    .venv/bin/python benchmarks/pathological_lines.py

Exits 1 when a case fails.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

from welfare_rules.audit._lines import read_line
from welfare_rules.audit._normalize import normalize_text
from welfare_rules.audit._numbers import scan
from welfare_rules.audit._structure import Builder
from welfare_rules.audit.extract import extract_report

Case = tuple[str, Callable[[int], object], int, float]  # name, run at size n, n, ceiling (s)


def _parts(n: int) -> object:
    return extract_report(
        "Tổng số 100.000.000 suất = 100.000.000.000 đồng. Trong đó:\n"
        + "- Mức 1.000đ: 1 suất = 1.000đ\n" * n
    )


def _builder(n: int) -> object:
    from welfare_rules.audit._lines import Rec

    builder = Builder()
    builder.place(Rec(line=0, count=n, bullet="-"))
    for line in range(1, n + 1):
        builder.place(Rec(line=line, count=1, bullet="+"))
    return builder.finish()


def _repeat(
    function: Callable[[str], object], unit: str, tail: str = ""
) -> Callable[[int], object]:
    return lambda n: function(unit * n + tail)


CASES: list[Case] = [
    ("extract '1.' ×n", _repeat(extract_report, "1."), 250_000, 1.0),
    ("extract '1.2.3…' ×n", _repeat(extract_report, "1.2.3.4.5.6.7.8.9.0"), 25_000, 1.0),
    ("extract 'Mức ' ×n", _repeat(extract_report, "Mức "), 125_000, 1.0),
    ("extract 'Mức Mức 1 ' ×n", _repeat(extract_report, "Mức Mức 1 "), 5_000, 1.0),
    ("extract '(' ×n", _repeat(extract_report, "(", "1 suất"), 50_000, 1.0),
    ("extract 'Tổng số ' ×n", _repeat(extract_report, "Tổng số ", "5 suất"), 60_000, 1.0),
    ("extract 'trong đó; ' ×n", _repeat(extract_report, "trong đó; "), 50_000, 1.0),
    ("extract '1.000.000đ ' ×n", _repeat(extract_report, "1.000.000đ "), 2_000, 2.0),
    ("extract 'Quyết định số 1/ ' ×n", _repeat(extract_report, "Quyết định số 1/ "), 1_500, 2.0),
    (
        "extract '- trong đó 5 suất; ' ×n",
        _repeat(extract_report, "- trong đó 5 suất; "),
        1_300,
        2.0,
    ),
    (
        "extract 'Mức 5đ: 2 suất = 10đ; ' ×n",
        _repeat(extract_report, "Mức 5đ: 2 suất = 10đ; "),
        1_100,
        2.0,
    ),
    ("extract n parts under one total", _parts, 4_000, 3.0),
    ("read_line ')' ×n", _repeat(lambda t: read_line(t, line=1), ")", "1 suất"), 100_000, 1.0),
    (
        "read_line 'Mức 5đ: 2 suất = 10đ; ' ×n",
        _repeat(lambda t: read_line(t, line=1), "Mức 5đ: 2 suất = 10đ; "),
        1_000,
        1.0,
    ),
    ("normalize odd marks ×n", _repeat(normalize_text, "\u00a0**“\u200b\\*__"), 60_000, 2.0),
    ("scan '1,' ×n", _repeat(scan, "1,"), 250_000, 1.0),
    ("scan '1/' ×n", _repeat(scan, "1/"), 250_000, 1.0),
    ("scan '1/QĐ-' ×n", _repeat(scan, "1/QĐ-"), 50_000, 1.0),
    ("scan '1/a-' ×n", _repeat(scan, "1/a-"), 50_000, 1.0),
    (
        "scan 'trung bình mỗi suất ' ×n",
        _repeat(scan, "trung bình mỗi suất ", "trên 1đ"),
        25_000,
        1.0,
    ),
    ("scan 'mỗi suất ' ×n", _repeat(scan, "mỗi suất ", "1đ"), 55_000, 1.0),
    # a list of ages: the age-list pattern matched after every number was quadratic
    ("scan '1, ' ×n 'tuổi'", _repeat(scan, "1, ", "tuổi"), 10_000, 1.0),
    # fields two spaces apart: the aligned-table header test was quadratic in them
    ("extract '  mức ' ×n", _repeat(extract_report, "  mức "), 10_000, 1.0),
    ("builder n parts", _builder, 5_000, 1.0),
]


def _best(run: Callable[[int], object], n: int) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        run(n)
        best = min(best, time.perf_counter() - started)
    return best


def main() -> int:
    failed = 0
    print(f"{'case':44} {'n':>8} {'t(n) s':>8} {'t(4n)/t(2n)':>12}")
    for name, run, n, ceiling in CASES:
        for _attempt in range(2):  # a loaded machine may slow one size: measure again once
            small, middle, large = _best(run, n), _best(run, 2 * n), _best(run, 4 * n)
            ratio = large / middle if middle > 0 else 0.0
            bad = small > ceiling or ratio > 3.0
            if not bad:
                break
        failed += bad
        print(f"{name:44} {n:>8} {small:>8.3f} {ratio:>12.1f}{'  FAIL' if bad else ''}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
