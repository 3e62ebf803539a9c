"""Shared helpers of the fuzz suite: the profile, the documented-errors guard, strategies.

Every entry point is called through :func:`guarded`: an exception that is one of the
entry point's documented errors is fine, one whose signature is a known bug (``KNOWN``)
is counted in ``HITS`` and the example is discarded, and anything else fails the test
with its signature, so a new kind of failure is never lost among known ones.
"""

from __future__ import annotations

import json
import os
import re
import traceback
from collections import Counter
from collections.abc import Callable
from typing import Any, TypeVar

from hypothesis import HealthCheck, assume, settings
from hypothesis import strategies as st

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

PROFILE = os.environ.get("FUZZ_PROFILE", "fuzz-ci")
fuzz = settings(settings.get_profile(PROFILE))
"""The settings of every fuzz test: bounded in ``make test``, long in ``make fuzz``."""

T = TypeVar("T")

# signature → the issue-13 item it belongs to. A signature is "ExceptionType at
# module:function" of the innermost frame inside welfare_rules (or the exception type and
# the start of its message when no frame of ours raised it).
KNOWN: dict[str, str] = {}
HITS: Counter[str] = Counter()


def known(pattern: str, item: str) -> None:
    """Register a known bug: failures whose signature matches ``pattern`` (a regex)."""
    KNOWN[pattern] = item


def signature(exc: BaseException) -> str:
    """``"ValueError at audit/edits.py:_product"``: the type and where in our code it rose."""
    ours = [
        frame
        for frame in traceback.extract_tb(exc.__traceback__)
        if "/welfare_rules/" in frame.filename.replace("\\", "/")
    ]
    where = "?"
    if ours:
        frame = ours[-1]
        path = frame.filename.replace("\\", "/").rsplit("/welfare_rules/", 1)[1]
        where = f"{path}:{frame.name}"
    return f"{type(exc).__name__} at {where}"


def _is_known(sig: str) -> bool:
    return any(re.search(pattern, sig) for pattern in KNOWN)


def guarded(call: Callable[[], T], documented: tuple[type[BaseException], ...] = ()) -> T | None:
    """``call()``; ``None`` when it raised one of ``documented``. A known bug discards
    the example (counted in ``HITS``); any other exception fails with its signature."""
    try:
        return call()
    except documented:
        return None
    except Exception as exc:
        sig = signature(exc)
        if _is_known(sig):
            HITS[sig] += 1
            assume(False)
        raise AssertionError(f"undocumented {sig}: {str(exc)[:300]}") from exc


def dumps(value: Any) -> str:
    """``json.dumps(value)``; an ``int`` past Python's 4.300 digits is written as digits."""
    try:
        return json.dumps(value, ensure_ascii=False)
    except ValueError:  # an int too large for str(): write what such a file would hold
        return "1" * 5000


def large(*values: T) -> st.SearchStrategy[T]:
    """``sampled_from(values)`` for values whose repr is huge or fails (``"[" * 100000``,
    ``10**5000``): Hypothesis shows the strategy by index, not by value."""
    return st.integers(0, len(values) - 1).map(values.__getitem__)


def known_bug(sig_pattern: str) -> Callable[[Exception], bool]:
    """A predicate for reproducers: whether an exception has the known signature."""
    return lambda exc: re.search(sig_pattern, signature(exc)) is not None


# -- strategies ---------------------------------------------------------------------------

HOSTILE_CHARS = st.sampled_from(
    [
        "İ",  # lower() is longer than the text
        "\ud800",  # a lone surrogate
        "\u200b",
        "\ufeff",
        "\u00a0",
        "\x00",
        "\r",
        "\t",
        "ǅ",
        "ß",
        "ﬁ",
        "[",
        "{",
        "\\",
        '"',
    ]
)

# any code point (lone surrogates included), with the troublesome ones often
hostile_text = st.text(st.characters(exclude_categories=[]) | HOSTILE_CHARS, max_size=80)

json_values: st.SearchStrategy[Any] = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.sampled_from([25, 4400, 19, 63]).map(lambda digits: 10**digits)  # beyond 10^18
    | st.sampled_from([-1, 0, 600_000])
    | st.floats(allow_nan=True)
    | hostile_text,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            hostile_text | st.sampled_from(["nodes", "label", "amount"]), children, max_size=4
        )
    ),
    max_leaves=12,
)
