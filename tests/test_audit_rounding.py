"""Tests for audit/_rounding.py: the report's rounding as evidence between tied corrections."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import example, given
from hypothesis import strategies as st

from welfare_rules.audit._rounding import GRAIN_CAP, Rounding, grain
from welfare_rules.audit.diagnose import check_edits

from .strategies import gift_levels


@dataclass(frozen=True)
class _Change:
    figure: str
    reported: int
    value: int


_SUM = "t == a + b + c"
_ROUND = {"t": 322_370_000, "a": 63_000_000, "b": 120_500_000, "c": 138_870_000}
_MONEY = dict.fromkeys(_ROUND, "money")


@given(st.integers(min_value=1, max_value=10**18), st.integers(min_value=0, max_value=6))
@example(63_000_001, 0)
@example(7, 5)
def test_grain_counts_trailing_zeros_up_to_thousands(value: int, zeros: int) -> None:
    shifted = value * 10**zeros
    assert grain(shifted) == min(GRAIN_CAP, grain(value) + zeros)
    assert grain(shifted) == min(GRAIN_CAP, len(str(shifted)) - len(str(shifted).rstrip("0")))


def test_an_uneven_part_among_round_amounts_is_the_slip() -> None:
    check = check_edits(_ROUND | {"a": 63_000_001}, [_SUM], kinds=_MONEY)
    assert check.corrections == {"a": 63_000_000}
    assert check.explanations[0].outruled == 1
    assert check.candidates == ()


def test_an_uneven_total_among_round_parts_is_the_slip() -> None:
    check = check_edits(_ROUND | {"t": 322_370_007}, [_SUM], kinds=_MONEY)
    assert check.corrections == {"t": 322_370_000}
    assert check.explanations[0].outruled == 3


def test_without_kinds_rounding_is_no_evidence() -> None:
    check = check_edits(_ROUND | {"a": 63_000_001}, [_SUM])
    assert check.corrections == {}
    assert len(check.candidates) == 2


def test_a_count_takes_the_blame_rather_than_an_amount_made_uneven() -> None:
    kinds = _MONEY | {"a": "count"}
    check = check_edits(_ROUND | {"a": 63_000_001}, [_SUM], kinds=kinds)
    assert check.corrections == {"a": 63_000_000}


def test_a_tie_among_counts_stays_a_tie() -> None:
    kinds = {"t": "count", "a": "count", "b": "count", "x": "money", "y": "money"}
    values = {"t": 301, "a": 100, "b": 200, "x": 5_000_000, "y": 7_000_000}
    check = check_edits(values, ["t == a + b"], kinds=kinds)
    assert check.corrections == {}
    assert len(check.candidates) == 3


def test_a_slip_that_makes_a_figure_rounder_is_no_evidence() -> None:
    # 1.485.600.000 typed 1.485.000.000: mending it makes it less round, so rounding says
    # nothing and the other part (as round as before) stays a candidate.
    values = {"t": 1_615_600_000, "a": 1_485_000_000, "b": 130_000_000, "c": 0}
    check = check_edits(values, [_SUM], kinds=_MONEY)
    assert check.corrections == {}


def test_uneven_amounts_elsewhere_make_rounding_say_nothing() -> None:
    # found by the mutation benchmark: a total 16.470.812.630 typed …600 was blamed on its
    # uneven part 7.706.902.630 (a confident wrong correction): where amounts are uneven,
    # their tails run into the totals, and the least round figure is no likely slip
    values = {
        "t": 16_470_812_600,
        "p": 7_706_902_630,
        "q": 7_845_650_000,
        "r": 918_260_000,
        "x": 5_000_000,
    }
    check = check_edits(values, ["t == p + q + r"], kinds=dict.fromkeys(values, "money"))
    assert check.corrections == {}
    assert {c.figure for e in check.candidates for c in e.changes} == {"t", "p"}
    uneven = _ROUND | {"x": 16_470_812_630, "a": 63_000_001}
    kinds = dict.fromkeys(uneven, "money")
    assert check_edits(uneven, [_SUM], kinds=kinds).corrections == {}


def test_fewer_than_two_witnesses_say_nothing() -> None:
    rounding = Rounding({"a": 63_000_001, "t": 63_000_000}, {"a": "money", "t": "money"})
    changes = [[_Change("a", 63_000_001, 63_000_000)], [_Change("t", 63_000_000, 63_000_001)]]
    assert rounding.resolution({"a", "t"}) is None
    assert rounding.supported(changes) is None


@given(
    st.lists(gift_levels, min_size=3, max_size=6),
    st.integers(min_value=1, max_value=9),
    st.data(),
)
@example([600_000, 400_000, 300_000], 1, None)
def test_rounding_never_blames_a_round_figure(
    parts: list[int], slip: int, data: st.DataObject | None
) -> None:
    # Every amount in whole thousands but one, which is a units-digit slip: whichever
    # figure it is, the correction applied (if any) is the truth, never another figure.
    values = {f"p{i}": v for i, v in enumerate(parts)} | {"t": sum(parts)}
    names = sorted(values)
    wrong = names[0] if data is None else data.draw(st.sampled_from(names))
    typed = values | {wrong: values[wrong] + slip}
    edit = "t == " + " + ".join(n for n in names if n != "t")
    check = check_edits(typed, [edit], kinds=dict.fromkeys(values, "money"))
    assert check.corrections in ({}, {wrong: values[wrong]})
    assert check.corrections == {wrong: values[wrong]}  # the rounding always decides here


@given(st.permutations([0, 1, 2]))
def test_the_choice_does_not_depend_on_the_order(order: list[int]) -> None:
    rounding = Rounding(_ROUND | {"a": 63_000_001}, _MONEY)
    options = [
        [_Change("a", 63_000_001, 63_000_000)],
        [_Change("t", 322_370_000, 322_370_001)],
        [_Change("b", 120_500_000, 120_499_999)],
    ]
    chosen = rounding.supported([options[i] for i in order])
    assert chosen is not None
    assert order[chosen] == 0


def test_the_only_correction_is_doubted_when_it_makes_a_round_amount_uneven() -> None:
    # found by the mutation benchmark: 1.485.600.000 typed 1.485.599.999 (no one slip)
    # was "corrected" by making the round 130.000.000 into 130.000.001
    values = {"t": 1_615_600_000, "a": 1_485_599_999, "b": 130_000_000, "x": 7_000_000}
    values |= {"y": 9_000_000}
    check = check_edits(values, ["t == a + b"], kinds=dict.fromkeys(values, "money"))
    assert check.corrections == {}
    (candidate,) = check.candidates
    assert candidate.doubted
    assert [(c.figure, c.value) for c in candidate.changes] == [("b", 130_000_001)]
    # the same slip among round amounts only is corrected as before
    round_values = values | {"a": 1_485_600_000, "b": 130_000_000, "t": 1_615_600_001}
    kinds = dict.fromkeys(values, "money")
    assert check_edits(round_values, ["t == a + b"], kinds=kinds).corrections == {
        "t": 1_615_600_000
    }
