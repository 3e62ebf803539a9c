"""entitle/_codes.py: columns as integer codes, folded into one group number per row.

The pure-Python reference is ``collections.Counter`` over the zipped codes, which the
module's docstring names as the order it keeps."""

from __future__ import annotations

from collections import Counter
from typing import Any
from unittest import mock

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from welfare_rules.entitle import _codes
from welfare_rules.entitle._codes import encode, first_row, fold, recode

from .strategies import code_columns

np = pytest.importorskip("numpy")

# Hashable cells as columns hold them: ints, bools (1 == True), text, None, tuples.
_CELLS = st.one_of(
    st.integers(-3, 3),
    st.booleans(),
    st.sampled_from(["", "a", "b", "1954"]),
    st.none(),
    st.tuples(st.integers(0, 2)),
)


def reference(size: int, columns: list[tuple[list[int], int]]) -> tuple[list[int], list, list]:
    """What ``fold`` must return, computed with a Counter over the rows' code tuples."""
    rows = list(zip(*(codes for codes, _ in columns), strict=True)) or [()] * size
    counts = Counter(rows)
    combos = list(counts)
    number = {combo: index for index, combo in enumerate(combos)}
    return [number[row] for row in rows], combos, [counts[c] for c in combos]


def folded(size: int, columns: list[tuple[list[int], int]]) -> tuple[list[int], list, list]:
    arrays = [(np.array(codes, dtype=np.int64), radix) for codes, radix in columns]
    group, combos, counts = fold(np, arrays, size)
    assert group.dtype == np.int64
    assert len(group) == size
    return group.tolist(), combos, counts


# ------------------------------------------------------------------------------ numpy()


def test_numpy_is_the_module_when_installed_and_none_when_not() -> None:
    assert _codes.numpy() is np
    with mock.patch.object(_codes.importlib, "import_module", side_effect=ImportError):
        assert _codes.numpy() is None


# ----------------------------------------------------------------------------- encode()


@settings(max_examples=40)
@given(values=st.lists(_CELLS, max_size=40))
@example(values=[1, True, 1.0, "1", 0, False])  # equal values share one code
def test_encode_numbers_values_in_order_of_first_occurrence(values: list[Any]) -> None:
    codes, uniques = encode(np, values)
    assert codes.dtype == np.int64
    assert len(codes) == len(values)
    assert uniques == list(dict.fromkeys(values))
    assert [type(u) for u in uniques] == [type(u) for u in dict.fromkeys(values)]
    assert all(uniques[code] == value for code, value in zip(codes.tolist(), values, strict=True))
    # Codes are dense and first seen in increasing order.
    seen: list[int] = []
    for code in codes.tolist():
        if code not in seen:
            assert code == len(seen)
            seen.append(code)


def test_encode_refuses_an_unhashable_cell() -> None:
    with pytest.raises(TypeError):
        encode(np, ["war_invalid", ["heroic_mother"]])


# ----------------------------------------------------------------------------- recode()


@settings(max_examples=40)
@given(values=st.lists(st.integers(-20, 20), max_size=40), modulus=st.integers(1, 5))
def test_recode_gives_the_codes_of_the_converted_values(values: list[int], modulus: int) -> None:
    codes, uniques = encode(np, values)
    calls: list[int] = []

    def convert(value: int) -> object:
        calls.append(value)
        return value % modulus

    new, table = recode(np, codes, uniques, convert)
    assert calls == uniques  # each distinct value converted once, in order
    assert table == list(dict.fromkeys(v % modulus for v in values))
    assert [table[code] for code in new.tolist()] == [v % modulus for v in values]
    assert new.dtype == np.int64


@settings(max_examples=40)
@given(values=st.lists(st.sampled_from(["1954", "x", "1960", "y", "1954"]), min_size=1))
def test_recode_raises_the_error_of_the_first_value_that_fails(values: list[str]) -> None:
    codes, uniques = encode(np, values)
    bad = [v for v in values if not v.isdigit()]
    if not bad:
        new, table = recode(np, codes, uniques, int)
        assert [table[c] for c in new.tolist()] == [int(v) for v in values]
        return
    with pytest.raises(ValueError, match=repr(bad[0])):
        recode(np, codes, uniques, int)


@settings(max_examples=40)
@given(values=st.lists(st.integers(0, 4), min_size=1, max_size=30), data=st.data())
def test_first_row_is_the_first_row_with_the_code(values: list[int], data: Any) -> None:
    codes, uniques = encode(np, values)
    code = data.draw(st.integers(0, len(uniques) - 1))
    assert first_row(np, codes, code) == values.index(uniques[code])


# ------------------------------------------------------------------------------- fold()


@settings(max_examples=40)
@given(case=code_columns())
@example(case=(3, []))  # no key column: one group of every row
@example(case=(4, [([0, 1, 0, 1], 2), ([1, 0, 1, 1], 2)]))
@example(case=(3, [([0, 5, 0], 1 << 40), ([7, 7, 3], 1 << 40), ([1, 1, 1], 1 << 40)]))
def test_fold_agrees_exactly_with_a_counter_over_the_rows(
    case: tuple[int, list[tuple[list[int], int]]],
) -> None:
    size, columns = case
    assert folded(size, columns) == reference(size, columns)


@settings(max_examples=40)
@given(case=code_columns(), dense=st.sampled_from([1, 2, 4, 64, 1 << 30]))
def test_fold_does_not_depend_on_when_it_compacts(
    case: tuple[int, list[tuple[list[int], int]]], dense: int
) -> None:
    """Compacting (and counting by sort instead of bincount) is an optimisation only."""
    size, columns = case
    with mock.patch.object(_codes, "_DENSE", dense):
        assert folded(size, columns) == reference(size, columns)


@settings(max_examples=40)
@given(case=code_columns())
def test_fold_is_injective_and_its_counts_sum_to_the_rows(
    case: tuple[int, list[tuple[list[int], int]]],
) -> None:
    size, columns = case
    group, combos, counts = folded(size, columns)
    rows = list(zip(*(codes for codes, _ in columns), strict=True)) or [()] * size
    assert sum(counts) == size
    assert all(count > 0 for count in counts)
    assert len(set(combos)) == len(combos) == len(counts)
    for row, number in zip(rows, group, strict=True):
        assert combos[number] == row  # each group's codes are its rows' codes
    for a in range(size):
        for b in range(a + 1, size):
            assert (group[a] == group[b]) == (rows[a] == rows[b])
    # Groups numbered in order of first occurrence.
    assert list(dict.fromkeys(group)) == list(range(len(combos)))


@settings(max_examples=40)
@given(case=code_columns(), dense=st.sampled_from([1, 64, 1 << 30]))
def test_fold_groups_gives_first_rows_and_numbers_the_rows_only_when_asked(
    case: tuple[int, list[tuple[list[int], int]]], dense: int
) -> None:
    """fold_groups (dense or sorted) and fold_firsts: each group's first row, and the rows'
    numbers from the function (the same array each call), as the Counter reference."""
    size, columns = case
    arrays = [(np.array(codes, dtype=np.int64), radix) for codes, radix in columns]
    numbers, combos, counts = reference(size, columns)
    firsts = [numbers.index(number) for number in range(len(combos))]
    with mock.patch.object(_codes, "_DENSE", dense):
        rows, found, sizes, starts = _codes.fold_groups(np, arrays, size)
        assert (found, sizes, starts) == (combos, counts, firsts)
        assert rows().tolist() == numbers
        assert rows() is rows()
        group, *rest = _codes.fold_firsts(np, arrays, size)
        assert (group.tolist(), *rest) == (numbers, combos, counts, firsts)


def test_fold_compacts_rather_than_overflow_int64() -> None:
    # Four columns of radix 2**40: 2**160 possible keys; the rows hold three.
    top = (1 << 40) - 1
    columns = [([top, 0, top], 1 << 40), ([0, top, 0], 1 << 40)] * 2
    assert folded(3, columns) == ([0, 1, 0], [(top, 0, top, 0), (0, top, 0, top)], [2, 1])


def test_fold_takes_a_radix_just_below_the_limit() -> None:
    top = (1 << 62) - 2
    assert folded(2, [([top, 0], top + 1)]) == ([0, 1], [(top,), (0,)], [1, 1])


@pytest.mark.parametrize("columns", [[([0], 1 << 62)], [([0, 1], 2), ([3, 3], 1 << 61)]])
def test_fold_raises_overflow_error_rather_than_wrap(columns: list[tuple[list[int], int]]) -> None:
    with pytest.raises(OverflowError):
        folded(len(columns[0][0]), columns)
