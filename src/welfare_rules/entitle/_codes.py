"""Vectorized grouping: columns as small integer codes, folded into one group number per row.

Used when numpy is installed (it comes with pandas); never required. Each key column is
``(codes, size)`` with codes in ``range(size)``. :func:`fold` combines them in mixed radix
(compacting to the groups actually present whenever the radix would grow too large, so the
key never overflows int64), counts the groups, and numbers them in order of first
occurrence, the order ``collections.Counter`` over the rows would give.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from typing import Any

_DENSE = 1 << 21  # largest radix counted with bincount; above it, sort (np.unique)


def numpy() -> Any:
    """The numpy module, or ``None`` when it is not installed."""
    try:
        return importlib.import_module("numpy")
    except ImportError:
        return None


class _Codes(dict[object, int]):
    """Value -> code, numbered in order of first occurrence."""

    def __missing__(self, value: object) -> int:
        code = self[value] = len(self)
        return code


def encode(np: Any, values: Sequence[Any]) -> tuple[Any, list[Any]]:
    """A Python column as codes (int64 array) and its distinct values in order of first
    occurrence. Raises ``TypeError`` on an unhashable cell."""
    table = _Codes()
    codes = np.fromiter(map(table.__getitem__, values), dtype=np.int64, count=len(values))
    return codes, list(table)


def recode(
    np: Any, codes: Any, uniques: list[Any], convert: Callable[[Any], object]
) -> tuple[Any, list[object]]:
    """Codes of ``convert(value)`` from codes of values (each distinct value converted once,
    in order of first occurrence; an error propagates from the first value that fails)."""
    table = _Codes()
    mapping = np.fromiter(
        (table[convert(value)] for value in uniques), dtype=np.int64, count=len(uniques)
    )
    return mapping[codes], list(table)


def first_row(np: Any, codes: Any, code: int) -> int:
    """The first row whose code is ``code``."""
    return int(np.flatnonzero(codes == code)[0])


def fold(
    np: Any, columns: Sequence[tuple[Any, int]], size: int
) -> tuple[Any, list[tuple[int, ...]], list[int]]:
    """Group the rows by their codes: each row's group, each group's codes, its count.

    Groups are numbered in order of first occurrence; ``size`` (> 0) is the row count.
    """
    group, combos, counts, _ = fold_firsts(np, columns, size)
    return group, combos, counts


def fold_firsts(
    np: Any, columns: Sequence[tuple[Any, int]], size: int
) -> tuple[Any, list[tuple[int, ...]], list[int], list[int]]:
    """:func:`fold`, and the first row of each group (ascending: groups are numbered in
    order of first occurrence)."""
    group, combos, counts, firsts = fold_groups(np, columns, size)
    return group(), combos, counts, firsts


def fold_groups(
    np: Any, columns: Sequence[tuple[Any, int]], size: int
) -> tuple[Callable[[], Any], list[tuple[int, ...]], list[int], list[int]]:
    """:func:`fold_firsts` with each row's group given by a function, called when the rows
    are wanted: counts and first rows need no per-row renumbering, so a caller that never
    looks at the rows saves a pass over them."""
    group = None
    combos: list[tuple[int, ...]] = [()]
    known = 1  # groups so far
    pending: list[int] = []  # radices folded into ``group`` since the last compaction
    limit = _table(size)
    for codes, radix in columns:
        if known * radix > limit and pending:  # compact while a table still counts them
            group, combos, known, _ = _compact(np, group, combos, known, pending)
            pending = []
        if known * radix >= 1 << 62:  # cannot happen below ~2**31 rows; checked, not assumed
            raise OverflowError(known * radix)
        if group is None:
            group = codes.astype(np.int64, copy=True)
        else:
            group *= radix
            group += codes
        known *= radix
        pending.append(radix)
    if group is None:
        group = np.zeros(size, dtype=np.int64)
    if _dense(known, size):
        return _finish_dense(np, group, combos, known, pending, size)
    group, combos, known, counts = _compact(np, group, combos, known, pending)
    first = np.full(known, size, dtype=np.int64)
    np.minimum.at(first, group, np.arange(size, dtype=np.int64))
    order = np.argsort(first, kind="stable")
    rank = np.empty(known, dtype=np.int64)
    rank[order] = np.arange(known, dtype=np.int64)
    numbered = rank[group]
    firsts = first[order].tolist()
    combos = [combos[index] for index in order.tolist()]
    return (lambda: numbered), combos, counts[order].tolist(), firsts


def _table(size: int) -> int:
    """The most possible numbers over ``size`` rows counted with a table (bincount); more
    are sorted (``np.unique``), which costs more than a table a few times the rows."""
    return min(_DENSE, 8 * size)


def _dense(known: int, size: int) -> bool:
    """Whether ``known`` possible numbers over ``size`` rows are counted with a table
    (bincount) rather than sorted."""
    return known <= _table(size)


def _finish_dense(
    np: Any, group: Any, combos: list[tuple[int, ...]], known: int, radices: list[int], size: int
) -> tuple[Callable[[], Any], list[tuple[int, ...]], list[int], list[int]]:
    """The end of :func:`fold_groups` when the folded numbers are few enough for a table:
    counts and first rows read over the numbers themselves, and the rows renumbered in
    order of first occurrence with one lookup (not a compaction, then a ranking), done
    once, when first asked for."""
    counts = np.bincount(group, minlength=known)
    first = np.full(known, size, dtype=np.int64)
    np.minimum.at(first, group, np.arange(size, dtype=np.int64))
    present = np.flatnonzero(counts != 0)  # on a bool array: several times faster
    order = present[np.argsort(first[present], kind="stable")]
    lookup = np.zeros(known, dtype=np.int64)
    lookup[order] = np.arange(len(order), dtype=np.int64)
    numbered: list[Any] = []

    def rows() -> Any:
        if not numbered:
            numbered.append(lookup[group])
        return numbered[0]

    return rows, _decode(np, order, combos, radices), counts[order].tolist(), first[order].tolist()


def _decode(
    np: Any, numbers: Any, combos: list[tuple[int, ...]], radices: list[int]
) -> list[tuple[int, ...]]:
    """The codes of each mixed-radix number (an int64 array) over ``combos`` × ``radices``:
    the digits split off with one array division per radix, not one ``divmod`` per number
    and radix."""
    rest = np.asarray(numbers, dtype=np.int64)
    digits: list[list[int]] = []
    for radix in reversed(radices):
        rest, digit = np.divmod(rest, radix)
        digits.append(digit.tolist())
    digits.reverse()
    prefixes: list[int] = rest.tolist()
    if not digits:
        return [combos[prefix] for prefix in prefixes]
    return [combos[p] + tail for p, tail in zip(prefixes, zip(*digits, strict=True), strict=True)]


def _compact(
    np: Any, group: Any, combos: list[tuple[int, ...]], known: int, radices: list[int]
) -> tuple[Any, list[tuple[int, ...]], int, Any]:
    """Renumber ``group`` (a mixed-radix number over ``combos`` × ``radices``) to the
    groups present, extend ``combos`` with the folded codes, and count each group."""
    if _dense(known, len(group)):
        counts = np.bincount(group, minlength=known)
        present = np.flatnonzero(counts != 0)  # on an int64 array, flatnonzero is 5x slower
        counts = counts[present]
        lookup = np.zeros(known, dtype=np.int64)
        lookup[present] = np.arange(len(present), dtype=np.int64)
        group = lookup[group]
    else:  # sparse: sort the rows' numbers rather than count over every possible one
        present, group, counts = np.unique(group, return_inverse=True, return_counts=True)
        group = group.reshape(-1)
    found = _decode(np, present, combos, radices)
    return group, found, len(found), counts


__all__ = ["encode", "first_row", "fold", "fold_firsts", "fold_groups", "numpy", "recode"]
