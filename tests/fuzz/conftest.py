"""Hypothesis profiles of the fuzz suite, and a summary of the known failures it met.

``fuzz-ci`` (the default, run by ``make test``) is bounded and derandomised: the same few
examples every run. ``fuzz`` (``make fuzz``, or ``FUZZ_PROFILE=fuzz``) runs many random
examples per entry point. Either way a failure whose signature is a known bug (see
``_fuzz.KNOWN``) is counted, not raised: each known bug has its own strict-xfail
reproducer, so the suite stays green while the bug is open and fails once it is fixed.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

_SLOW_CHECKS = [
    HealthCheck.too_slow,
    HealthCheck.data_too_large,
    HealthCheck.filter_too_much,
    HealthCheck.large_base_example,
    HealthCheck.function_scoped_fixture,
]

settings.register_profile(
    "fuzz-ci",
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "25")),
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=_SLOW_CHECKS,
)
settings.register_profile(
    "fuzz",
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "5000")),
    deadline=None,
    suppress_health_check=_SLOW_CHECKS,
)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    from ._fuzz import HITS

    if not HITS:
        return
    terminalreporter.section("fuzz: known bugs met (each has a strict-xfail reproducer)")
    for signature, count in sorted(HITS.items(), key=lambda item: -item[1]):
        terminalreporter.write_line(f"{count:7d}  {signature}")
