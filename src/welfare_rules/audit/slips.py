"""The registry of slip families: how a written figure can differ from the value that fits.

Each :class:`SlipFamily` says, in one place, which figures it applies to (counts, money,
or every figure), how to recognise it (``detect(written, value)``), how to produce it
(``typed(value)``: every figure a writer could have typed, the inverse of ``detect``),
its plausibility cost, the finding kind it gives when it is the applied correction, and
its bilingual label. :data:`FAMILIES` is ordered: when one written figure is a slip of
several families, the first one listed names it (a count written ``15.372`` for
``15.373`` is off by one before it is a replaced digit).

The diagnosis (:mod:`~welfare_rules.audit.diagnose`), the findings
(:mod:`~welfare_rules.audit.reconciliation`), the tests and the benchmarks read their
lists from here: adding a family is one entry in :data:`FAMILIES` (with its label), and
the contract tests in ``tests/test_audit_slips.py`` pick it up.

>>> [family.name for family in FAMILIES.values()][:3]
['scale_up', 'scale_down', 'off_by_one']
>>> FAMILIES["scale_down"].applies_to
('count', 'money')
>>> detect(22_000, 22, "count"), detect(600_000, 600, "money")
('scale_down', 'scale_down')
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from .._i18n import Catalog, Text

if TYPE_CHECKING:
    from .compile import FigureKind
    from .findings import FindingKind

Family = str
"""The name of a slip family: a key of :data:`FAMILIES` (``"digit_replaced"`` …)."""

_DIGITS = "0123456789"


@dataclass(frozen=True, slots=True)
class SlipFamily:
    """One way a figure is mistyped.

    ``applies_to`` lists the figure kinds it applies to (``None``: every figure, also one
    whose kind is unknown). ``detect(written, value)`` is true when ``written`` is one
    slip of this family away from ``value`` (both non-negative and different);
    ``typed(value)`` gives the digit strings a writer could have typed for ``value``
    (possibly with a leading zero or ``value`` itself: :func:`typed` cleans them).
    ``finding`` is the finding kind of an applied correction of this family (``None``:
    the kind of the edit it repairs). ``rewrite(written)`` makes the slip in a figure as
    written in a report's text (digits and ``.`` separators: ``5.502``), every way it
    can happen, the grouping-breaking ones included (``5.5502``): the mutation
    benchmark uses it.
    """

    name: Family
    label: Text  # how the figure slipped, in both languages ("one digit differs")
    applies_to: tuple[FigureKind, ...] | None
    detect: Callable[[int, int], bool]
    typed: Callable[[int], set[str]]
    rewrite: Callable[[str], set[str]]
    cost: int = 1
    finding: FindingKind | None = None

    def applies(self, kind: FigureKind | None) -> bool:
        """Whether this family can explain a figure of ``kind`` (``None``: unknown)."""
        return self.applies_to is None or (kind is not None and kind in self.applies_to)


# -- detection ----------------------------------------------------------------------------


def _scale_up(written: int, value: int) -> bool:
    return written != 0 and value == written * 1000


def _scale_down(written: int, value: int) -> bool:
    return written == value * 1000


def _off_by_one(written: int, value: int) -> bool:
    return abs(value - written) == 1


def _differences(written: int, value: int) -> tuple[str, str, list[int]] | None:
    w, v = str(written), str(value)
    if len(w) != len(v):
        return None
    return w, v, [i for i, (a, b) in enumerate(zip(w, v, strict=True)) if a != b]


def _digit_steps(written: int, value: int) -> int:
    """``|written - value|`` without its trailing zeros: one digit replaced at any place
    changes a figure by ``k × 10^p`` (``k`` up to 9), two adjacent digits swapped by
    ``9 × k × 10^p``; most pairs fail this before any text is built."""
    steps = abs(written - value)
    while steps and not steps % 10:
        steps //= 10
    return steps


def _replaced(written: int, value: int) -> bool:
    if _digit_steps(written, value) > 9:
        return False
    found = _differences(written, value)
    return found is not None and len(found[2]) == 1


def _swapped(written: int, value: int) -> bool:
    steps = _digit_steps(written, value)
    if steps % 9 or steps > 81:
        return False
    found = _differences(written, value)
    if found is None:
        return False
    w, v, diffs = found
    return (
        len(diffs) == 2
        and diffs[1] == diffs[0] + 1
        and w[diffs[0]] == v[diffs[1]]
        and w[diffs[1]] == v[diffs[0]]
    )


def _one_deleted(longer: str, shorter: str) -> bool:
    if len(longer) != len(shorter) + 1:
        return False
    index = 0
    while index < len(shorter) and longer[index] == shorter[index]:
        index += 1
    return longer[index + 1 :] == shorter[index:]


def _inserted(written: int, value: int) -> bool:
    return _one_deleted(str(written), str(value))


def _deleted(written: int, value: int) -> bool:
    return _one_deleted(str(value), str(written))


# -- generation ---------------------------------------------------------------------------


def _typed_replaced(value: int) -> set[str]:
    text = str(value)
    return {text[:i] + d + text[i + 1 :] for i in range(len(text)) for d in _DIGITS}


def _typed_swapped(value: int) -> set[str]:
    text = str(value)
    return {text[:i] + text[i + 1] + text[i] + text[i + 2 :] for i in range(len(text) - 1)}


def _typed_inserted(value: int) -> set[str]:
    text = str(value)
    return {text[:i] + d + text[i:] for i in range(len(text) + 1) for d in _DIGITS}


def _typed_deleted(value: int) -> set[str]:
    text = str(value)
    return {text[:i] + text[i + 1 :] for i in range(len(text))}


def _typed_scale_up(value: int) -> set[str]:
    return {str(value // 1000)} if value >= 1000 and value % 1000 == 0 else set()


def _typed_scale_down(value: int) -> set[str]:
    return {str(value * 1000)} if value else set()


def _typed_off_by_one(value: int) -> set[str]:
    return {str(value + 1)} | ({str(value - 1)} if value else set())


# -- the same slips made in a figure as written ("5.502", "2.721.000.000") -----------------


def _digit_places(written: str) -> list[int]:
    return [i for i, char in enumerate(written) if char.isdigit()]


def _clean(written: str, texts: set[str]) -> set[str]:
    """Drop texts that do not start with a digit, start with a zero, or are unchanged."""
    return {
        t
        for t in texts
        if t and t != written and t[0].isdigit() and (t[0] != "0" or t.rstrip(".") == "0")
    }


def _rewrite_replaced(written: str) -> set[str]:
    found = {written[:i] + d + written[i + 1 :] for i in _digit_places(written) for d in _DIGITS}
    return _clean(written, found)


def _rewrite_swapped(written: str) -> set[str]:
    places = _digit_places(written)
    found: set[str] = set()
    for first, second in pairwise(places):
        chars = list(written)
        chars[first], chars[second] = chars[second], chars[first]
        found.add("".join(chars))
    return _clean(written, found)


def _rewrite_inserted(written: str) -> set[str]:
    return _clean(
        written, {written[:i] + d + written[i:] for i in range(len(written) + 1) for d in _DIGITS}
    )


def _rewrite_deleted(written: str) -> set[str]:
    return _clean(written, {written[:i] + written[i + 1 :] for i in _digit_places(written)})


def _rewrite_scale_up(written: str) -> set[str]:
    if written.endswith(".000"):
        return _clean(written, {written[:-4]})
    if len(written) > 3 and written.endswith("000") and "." not in written:
        return _clean(written, {written[:-3]})
    return set()


def _rewrite_scale_down(written: str) -> set[str]:
    grouped = "." in written or len(written) <= 3
    return _clean(written, {written + (".000" if grouped else "000")})


def _regroup(value: int, like: str) -> str:
    return f"{value:,}".replace(",", ".") if "." in like else str(value)


def _rewrite_off_by_one(written: str) -> set[str]:
    value = int(written.replace(".", ""))
    found = {_regroup(value + 1, written)}
    if value:
        found.add(_regroup(value - 1, written))
    return _clean(written, found)


FAMILIES: dict[Family, SlipFamily] = {
    family.name: family
    for family in (
        # written value × 1000 is right: a dropped ".000"
        SlipFamily(
            "scale_up",
            Text(vi="thiếu “.000” (viết nhỏ đi 1000 lần)", en="a dropped “.000”"),
            ("money",),
            _scale_up,
            _typed_scale_up,
            _rewrite_scale_up,
            finding="scale_slip",
        ),
        # written value ÷ 1000 is right: an added ".000" (also a count: `22.000 suất` for 22)
        SlipFamily(
            "scale_down",
            Text(vi="thừa “.000” (viết lớn lên 1000 lần)", en="an extra “.000”"),
            ("count", "money"),
            _scale_down,
            _typed_scale_down,
            _rewrite_scale_down,
            finding="scale_slip",
        ),
        # a count one too many or one too few
        SlipFamily(
            "off_by_one",
            Text(vi="lệch một đơn vị", en="off by one"),
            ("count",),
            _off_by_one,
            _typed_off_by_one,
            _rewrite_off_by_one,
        ),
        # two adjacent digits swapped
        SlipFamily(
            "digits_swapped",
            Text(vi="hai chữ số liền nhau bị đảo", en="two adjacent digits swapped"),
            None,
            _swapped,
            _typed_swapped,
            _rewrite_swapped,
        ),
        # one digit wrong
        SlipFamily(
            "digit_replaced",
            Text(vi="sai một chữ số", en="one digit differs"),
            None,
            _replaced,
            _typed_replaced,
            _rewrite_replaced,
        ),
        # one digit too many
        SlipFamily(
            "digit_inserted",
            Text(vi="thừa một chữ số", en="one digit too many"),
            None,
            _inserted,
            _typed_inserted,
            _rewrite_inserted,
        ),
        # one digit missing
        SlipFamily(
            "digit_deleted",
            Text(vi="thiếu một chữ số", en="one digit missing"),
            None,
            _deleted,
            _typed_deleted,
            _rewrite_deleted,
        ),
    )
}
"""Every slip family, in the order that names a slip two families share.

Costs are all equal on purpose: ranking one family above another would turn ties into
confident guesses; a tie between families is reported instead."""

_MSG = Catalog("audit.slips", {family.name: family.label for family in FAMILIES.values()})
# the labels, registered for the test that every message exists in every language


def families_for(kind: FigureKind | None) -> Iterator[SlipFamily]:
    """The families that apply to a figure of ``kind``, in registry order."""
    return (family for family in FAMILIES.values() if family.applies(kind))


def detect(written: int, value: int, kind: FigureKind | None = None) -> Family | None:
    """The family by which ``written`` is one slip away from ``value``, or ``None``.

    >>> detect(2_721_000_000, 2_751_000_000)
    'digit_replaced'
    >>> detect(1_137_600, 1_137_600_000, "money"), detect(15_372, 15_373, "count")
    ('scale_up', 'off_by_one')
    >>> detect(1_137_600, 1_137_600_000) is None  # scale slips need the figure's kind
    True
    >>> detect(108, 8, "count")  # "08 hồ sơ" typed "108"
    'digit_inserted'
    """
    if value == written or value < 0 or written < 0:
        return None
    if value == 0 and written >= 10:
        return None  # "30" is no slip of nothing: a figure is not typed for an empty one
    for name, recognises in _detectors(kind):
        if recognises(written, value):
            return name
    if kind == "count" and value < _PADDED_BELOW:
        return _padded(written, value)
    return None


_PADDED_BELOW = 100  # small counts are often written with a leading zero: "08 hồ sơ"


def _padded(written: int, value: int) -> Family | None:
    """The slip by which ``written`` comes from a small count written with a leading zero
    (``08`` typed ``108`` or ``18``, ``05`` typed ``50``), which the values alone hide."""
    w, v = str(written), "0" + str(value)
    if len(w) == len(v) + 1 and _one_deleted(w, v):
        return "digit_inserted"
    if len(w) != len(v):
        return None
    diffs = [i for i, (a, b) in enumerate(zip(w, v, strict=True)) if a != b]
    if len(diffs) == 1:
        return "digit_replaced"
    if len(diffs) == 2 and diffs[1] == diffs[0] + 1 and w[diffs[0]] == v[diffs[1]]:
        return "digits_swapped" if w[diffs[1]] == v[diffs[0]] else None
    return None


_Detectors = tuple[tuple[Family, Callable[[int, int], bool]], ...]
_DETECTORS: dict[FigureKind | None, tuple[tuple[int, ...], _Detectors]] = {}


def _detectors(kind: FigureKind | None) -> _Detectors:
    """The families that apply to ``kind`` as ``(name, detect)``, in registry order.

    :func:`detect` runs for every figure of every violated sum, so the families are
    sorted out once per kind, again only when the registry has changed."""
    registry = tuple(map(id, FAMILIES.values()))
    known = _DETECTORS.get(kind)
    if known is not None and known[0] == registry:
        return known[1]
    found = tuple((family.name, family.detect) for family in families_for(kind))
    _DETECTORS[kind] = (registry, found)
    return found


def typed(value: int, family: Family) -> tuple[int, ...]:
    """Every figure a writer could have typed for ``value`` with one slip of ``family``
    (no leading zeros; ``value`` itself excluded), smallest first.

    >>> typed(116, "digits_swapped"), typed(1_137_600, "scale_down")
    ((161,), (1137600000,))
    """
    text = str(value)
    return tuple(
        sorted(
            int(t)
            for t in FAMILIES[family].typed(value)
            if t and (t == "0" or not t.startswith("0")) and t != text
        )
    )


__all__ = ["FAMILIES", "Family", "SlipFamily", "detect", "families_for", "typed"]
