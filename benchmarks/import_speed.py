"""Time of ``import welfare_rules`` in a fresh interpreter (the public API loads lazily).

Target: under 0.3 s (median of 5 fresh interpreters). tests/test_package.py checks the
laziness itself by counting the modules loaded, never by the clock.

Run: .venv/bin/python benchmarks/import_speed.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys

TARGET = 0.3
CODE = "import time; t = time.perf_counter(); import welfare_rules; print(time.perf_counter() - t)"


def main() -> int:
    times = [
        float(
            subprocess.run(
                [sys.executable, "-c", CODE], capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(5)
    ]
    median = statistics.median(times)
    print(
        f"import welfare_rules: {median * 1000:.1f} ms (median of 5; target {TARGET * 1000:.0f} ms)"
    )
    return 0 if median < TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
