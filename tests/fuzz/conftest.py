"""The fuzz suite's profiles (registered in ``_fuzz``), and a summary of the known
failures it met.

``fuzz-ci`` (the default, run by ``make test``) is bounded and derandomised: the same few
examples every run. ``fuzz`` (``make fuzz``, or ``FUZZ_PROFILE=fuzz``) runs many random
examples per entry point. Either way a failure whose signature is a known bug (see
``_fuzz.KNOWN``) is counted, not raised: each known bug has its own strict-xfail
reproducer, so the suite stays green while the bug is open and fails once it is fixed.
"""

from __future__ import annotations

import pytest

from . import _fuzz  # registers the profiles


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    hits = _fuzz.HITS
    if not hits:
        return
    terminalreporter.section("fuzz: known bugs met (each has a strict-xfail reproducer)")
    for signature, count in sorted(hits.items(), key=lambda item: -item[1]):
        terminalreporter.write_line(f"{count:7d}  {signature}")
