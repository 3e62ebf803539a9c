"""Whether changing a set of figures can make edits hold: an exact integer test.

A Fellegi–Holt minimal set is a set of figures whose values, changed together, make every
edit hold. Meeting every violated edit is necessary, not sufficient: edits
``s == a + b`` and ``t == a + c`` with ``a = 555, b = 10, c = 20, s = 100, t = 200``
are both met by ``{a}``, yet ``a`` would have to be 90 and 180 at once.
:func:`assignable` decides it: the other figures are fixed at their values, every edit
becomes a polynomial in the free figures, and the system (equalities and inequalities
together, every figure a whole number ``>= 0``) is solved exactly with integers:

* an equality in which a free figure appears only as ``c × figure`` either fixes it (an
  exact division, else there is no solution) or, when ``c`` is ±1, eliminates it;
* a linear equality whose coefficients' gcd does not divide its constant has none;
* what is left in one figure is a set of bounds, intersected exactly;
* a figure bounded to at most :data:`BRANCH_LIMIT` values is tried value by value.

A system none of these rules decides (several free figures left with non-unit
coefficients and wide bounds, or a figure squared) is *undecided*: ``assignable``
returns ``None`` and the caller keeps the set (it never drops a set it could not refute).

>>> from welfare_rules.audit.edits import Edit
>>> edits = [Edit.parse("s == a + b"), Edit.parse("t == a + c")]
>>> values = {"a": 555, "b": 10, "c": 20, "s": 100, "t": 200}
>>> assignable({"a"}, edits, values), assignable({"a", "c"}, edits, values)
(False, True)
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

from .edits import Edit, Monomial, Op

BRANCH_LIMIT = 64
"""The most values one free figure is tried with when no rule decides the system."""

_MAX_STEPS = 10_000  # substitutions and branches per call: bounded work

_Poly = dict[Monomial, int]
_Constraint = tuple[_Poly, Op]
_OPS: tuple[Op, ...] = ("==", ">", ">=")


class _UndecidedError(Exception):
    pass


def assignable(
    free: Iterable[str], edits: Iterable[Edit], values: Mapping[str, int]
) -> bool | None:
    """Whether whole values ``>= 0`` for the ``free`` figures exist that make every one
    of ``edits`` hold, the other figures keeping their ``values``; ``None`` if undecided.
    """
    names = frozenset(free)
    return assignable_system(names, [(reduce_edit(edit, names, values), edit.op) for edit in edits])


def assignable_system(free: Iterable[str], system: Iterable[tuple[_Poly, str]]) -> bool | None:
    """:func:`assignable` for edits already reduced to polynomials in the ``free``
    figures (``polynomial op 0``, ``op`` one of ``==``, ``>``, ``>=``)."""
    constraints: list[_Constraint] = [(dict(poly), _op(op)) for poly, op in system]
    constraints += [({(name,): 1}, ">=") for name in sorted(set(free))]
    try:
        return _solve(constraints, [0])
    except _UndecidedError:
        return None


def _op(op: str) -> Op:
    for known in _OPS:
        if op == known:
            return known
    raise ValueError(f"an edit's comparison is ==, > or >=, not {op!r}")


def reduce_edit(edit: Edit, free: frozenset[str], values: Mapping[str, int]) -> _Poly:
    """The edit's polynomial with every figure outside ``free`` replaced by its value."""
    poly: _Poly = {}
    for monomial, coefficient in edit.terms:
        kept: list[str] = []
        for name in monomial:
            if name in free:
                kept.append(name)
            else:
                coefficient *= values[name]
        _accumulate(poly, tuple(kept), coefficient)
    return poly


def _accumulate(poly: _Poly, monomial: Monomial, coefficient: int) -> None:
    value = poly.get(monomial, 0) + coefficient
    if value:
        poly[monomial] = value
    else:
        poly.pop(monomial, None)


def _holds(constant: int, op: Op) -> bool:
    if op == "==":
        return constant == 0
    return constant > 0 if op == ">" else constant >= 0


def _substitute(poly: _Poly, name: str, by: _Poly) -> _Poly:
    """``poly`` with ``name`` replaced by the polynomial ``by``."""
    result: _Poly = {}
    for monomial, coefficient in poly.items():
        times = monomial.count(name)
        if not times:
            _accumulate(result, monomial, coefficient)
            continue
        rest = tuple(other for other in monomial if other != name)
        partial: _Poly = {rest: coefficient}
        for _ in range(times):
            product: _Poly = {}
            for m1, c1 in partial.items():
                for m2, c2 in by.items():
                    _accumulate(product, tuple(sorted(m1 + m2)), c1 * c2)
            partial = product
        for monomial_out, c in partial.items():
            _accumulate(result, monomial_out, c)
    return result


def _only_linear(poly: _Poly, name: str) -> bool:
    """Whether ``name`` appears in ``poly`` only as the monomial ``(name,)``."""
    return (name,) in poly and all(monomial == (name,) for monomial in poly if name in monomial)


def _step(steps: list[int]) -> None:
    steps[0] += 1
    if steps[0] > _MAX_STEPS:
        raise _UndecidedError


def _solve(system: list[_Constraint], steps: list[int]) -> bool:
    while True:
        _step(steps)
        live: list[_Constraint] = []
        for poly, op in system:
            if all(not monomial for monomial in poly):
                if not _holds(poly.get((), 0), op):
                    return False
            else:
                live.append((poly, op))
        system = live
        if not system:
            return True
        elimination = _elimination(system)
        if elimination is None:
            break
        name, by = elimination
        if by is None:
            return False
        system = [(_substitute(poly, name, by), op) for poly, op in system]
    return _bounded(system, steps)


def _elimination(system: list[_Constraint]) -> tuple[str, _Poly | None] | None:
    """A figure an equality fixes or eliminates, with what replaces it (``None``: the
    equality has no whole non-negative solution); ``None`` when there is none."""
    unit: tuple[str, _Poly] | None = None
    for poly, op in system:
        if op != "==":
            continue
        for monomial in sorted(poly):
            if len(monomial) != 1 or not _only_linear(poly, monomial[0]):
                continue
            name = monomial[0]
            slope = poly[monomial]
            rest = {m: c for m, c in poly.items() if m != monomial}
            if all(not m for m in rest):
                constant = -rest.get((), 0)
                if constant % slope or constant // slope < 0:
                    return name, None
                value = constant // slope
                return name, ({(): value} if value else {})
            if unit is None and abs(slope) == 1:
                unit = name, {m: -c * slope for m, c in rest.items()}
    return unit


def _bounded(system: list[_Constraint], steps: list[int]) -> bool:
    """No equality fixes or eliminates a figure: bounds for one figure left, else a
    figure tried value by value within its bounds."""
    for poly, op in system:
        if op == "==" and _linear_in_one(poly):
            divisor = math.gcd(*(c for monomial, c in poly.items() if monomial))
            if poly.get((), 0) % divisor:
                return False  # no whole solution: the gcd does not divide the constant
    names = sorted({name for poly, _ in system for monomial in poly for name in monomial})
    bounds = {name: _bounds(system, name) for name in names}
    if len(names) == 1:
        (name,) = names
        low, high = bounds[name]
        if all(_linear_in_one(poly) for poly, _ in system) and all(op != "==" for _, op in system):
            return high is None or low <= high
    narrow = [
        (high - low, name)
        for name, (low, high) in bounds.items()
        if high is not None and high - low < BRANCH_LIMIT
    ]
    if not narrow:
        raise _UndecidedError
    width, name = min(narrow)
    if width < 0:
        return False
    low = bounds[name][0]
    for value in range(low, low + width + 1):
        fixed: _Poly = {(): value} if value else {}
        if _solve([(_substitute(poly, name, fixed), op) for poly, op in system], steps):
            return True
    return False


def _share(poly: _Poly, op: Op, name: str) -> int | None:
    """An upper bound of ``name`` from a linear equality whose figures all have
    coefficients of one sign (each figure ``>= 0`` is at most the whole)."""
    if op != "==" or not _linear_in_one(poly):
        return None
    slopes = [c for monomial, c in poly.items() if monomial]
    if not (all(c > 0 for c in slopes) or all(c < 0 for c in slopes)):
        return None
    sign = 1 if slopes[0] > 0 else -1
    whole = -sign * poly.get((), 0)  # Σ |c| × figure == whole
    return whole // abs(poly[(name,)]) if whole >= 0 else -1


def _linear_in_one(poly: _Poly) -> bool:
    return all(len(monomial) <= 1 for monomial in poly)


def _bounds(system: list[_Constraint], name: str) -> tuple[int, int | None]:
    """Integer bounds of ``name`` from the constraints in it alone (``>= 0`` always)."""
    low, high = 0, None
    for poly, op in system:
        if (name,) not in poly:
            continue
        if set(poly) - {(), (name,)}:
            top = _share(poly, op, name)
            if top is not None:
                high = top if high is None else min(high, top)
            continue
        slope, constant = poly[(name,)], poly.get((), 0)
        # slope × name + constant  op  0
        if op == "==":
            if constant % slope:
                return 1, 0
            value = -constant // slope
            low, high = max(low, value), value if high is None else min(high, value)
            continue
        strict = 1 if op == ">" else 0
        if slope > 0:  # name >= (-constant + strict) / slope
            low = max(low, -((constant - strict) // slope))
        else:  # name <= (constant - strict) / -slope
            top = (constant - strict) // -slope
            high = top if high is None else min(high, top)
    return low, high


__all__ = ["BRANCH_LIMIT", "assignable", "assignable_system", "reduce_edit"]
