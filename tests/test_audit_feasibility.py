"""Tests for audit/feasibility.py: the exact test that changed figures can make edits hold."""

from __future__ import annotations

from itertools import product

from hypothesis import example, given, settings
from hypothesis import strategies as st

from welfare_rules.audit.edits import Edit
from welfare_rules.audit.feasibility import assignable

_NAMES = ("a", "b", "c")


def _brute_force(free: frozenset[str], edits: list[Edit], values: dict[str, int]) -> bool:
    """Try every value up to a bound: 250 for one figure (any solution of these small
    edits is below it), 60 for two (a solution found proves one exists)."""
    names = sorted(free)
    for guess in product(range(251 if len(names) == 1 else 61), repeat=len(names)):
        trial = values | dict(zip(names, guess, strict=True))
        if all(edit.holds(trial) for edit in edits):
            return True
    return False


_TERM = st.tuples(st.integers(-3, 3), st.sampled_from(_NAMES))


@st.composite
def _edit(draw: st.DrawFn) -> Edit:
    terms = draw(st.lists(_TERM, min_size=1, max_size=3))
    constant = draw(st.integers(-30, 30))
    op = draw(st.sampled_from(["==", "==", ">=", ">"]))
    body = " + ".join(f"{c} * {n}" for c, n in terms)
    try:
        return Edit.parse(f"{body} + {constant} {op} 0")
    except Exception:  # reduces to a constant
        return Edit.parse(f"a + {constant} {op} 0")


@settings(max_examples=150)
@given(
    st.lists(_edit(), min_size=1, max_size=3),
    st.frozensets(st.sampled_from(_NAMES), min_size=1, max_size=2),
    st.tuples(st.integers(0, 20), st.integers(0, 20), st.integers(0, 20)),
)
@example(
    [Edit.parse("s == a + b"), Edit.parse("t == a + c")],
    frozenset({"a"}),
    (555, 10, 20),
)
def test_assignable_agrees_with_brute_force(
    edits: list[Edit], free: frozenset[str], fixed: tuple[int, int, int]
) -> None:
    values = dict(zip(_NAMES, fixed, strict=True)) | {"s": 100, "t": 200}
    verdict = assignable(free, edits, values)
    found = _brute_force(free, edits, values)
    if found:  # a solution proves the system assignable
        assert verdict is not False
    elif len(free) == 1:  # no solution below the bound: none at all
        assert verdict is not True


def test_the_issue_cases() -> None:
    edits = [Edit.parse("s == a + b"), Edit.parse("t == a + c")]
    values = {"a": 555, "b": 10, "c": 20, "s": 100, "t": 200}
    assert assignable({"a"}, edits, values) is False
    assert assignable({"a", "c"}, edits, values) is True
    assert assignable({"s", "t"}, edits, values) is True


def test_products_and_divisibility() -> None:
    edits = [Edit.parse("n * m == t"), Edit.parse("s == t + 5")]
    assert assignable({"n", "t"}, edits, {"m": 5, "s": 17}) is False  # 12 is not 5 × n
    assert assignable({"n", "t"}, edits, {"m": 4, "s": 17}) is True
    assert assignable({"a", "b"}, [Edit.parse("2 * a + 4 * b == 11")], {}) is False
    assert assignable({"a", "b"}, [Edit.parse("3 * a + 5 * b == 7")], {}) is False
    assert assignable({"a", "b"}, [Edit.parse("3 * a + 5 * b == 8")], {}) is True


def test_undecided_systems_are_kept() -> None:
    # two free factors of a product: no rule decides it, so the caller keeps the set
    assert assignable({"n", "m"}, [Edit.parse("n * m == t")], {"t": 12}) is None
