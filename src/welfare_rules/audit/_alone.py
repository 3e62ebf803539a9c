"""Which unchecked figures stand alone: the text states nothing to check them against.

A report is full of figures that take part in no arithmetic: ``Tiếp nhận 11 hồ sơ``,
``tặng quà cho 200 trẻ em với tổng số tiền 80 triệu đồng`` (no level, so no product), a
list of counts that no total sums. No auditor can find such a figure wrong, so it must not
make the verdict "incomplete"; it is still listed, apart, so nothing is hidden.

Calling a figure alone when the text does relate it is the worst mistake the audit can
make ("checked and consistent" over a wrong sum), so a figure is *not* alone — it stays
unchecked and the verdict incomplete — whenever the text may relate it:

* it is a level (``mức``, ``mỗi suất …``): a level is stated to be multiplied;
* it stands in a table row: a table states relations through its header;
* its line holds another figure of its kind (counts with counts, money with money) that
  some check reaches, or a cue of a sum (``tổng``, ``cộng``, ``trong đó``, ``gồm`` …), an
  ``=``, ``+``, ``×`` or a bracket;
* its section (the lines between two headings) holds other unchecked figures of its kind
  (counts in the same unit) of which one is written as a total or is, to within one
  typing slip, the sum of those written right after or before it (``640 suất`` over
  five communes' 650);
* a line announcing a list (ending with ``:``) stands between it and another figure of
  its kind in its section (``Hội đã trao 640 suất.`` / ``Phân bổ cho các xã:`` / ``Xã A:
  120 suất``): the one before may be the list's total;
* its line compares it (``tăng …``, ``so với …``) and its section holds another figure of
  its kind: a difference the audit does not check yet;
* its line calls it a total (``tổng``, ``cộng``) and its section holds another figure of
  its kind where the parts would stand (after a ``tổng``, before a ``cộng``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ._normalize import Line
from .slips import detect

_CUE = re.compile(
    r"(?<!\w)(?:tổng|cộng(?!\s+(?:đồng|tác|hòa|hoà|sản))|trong\s+đó|bao\s+gồm|gồm|"
    r"tất\s+cả|chia\s+ra|cụ\s+thể|còn\s+lại|chiếm|bình\s+quân|trung\s+bình|như\s+vậy)(?!\w)"
    r"|[=+×%(]|(?<=\d)\s*[xX*]\s*(?=\d)",
    re.IGNORECASE,
)
_TOTAL = re.compile(r"(?<!\w)(?:tổng|cộng(?!\s+(?:đồng|tác|hòa|hoà|sản)))(?!\w)", re.IGNORECASE)
_AFTER_PARTS = re.compile(r"(?<!\w)cộng(?!\s+(?:đồng|tác|hòa|hoà|sản))(?!\w)", re.IGNORECASE)
_COMPARED = re.compile(
    r"(?<!\w)(?:tăng|giảm|so với|chênh lệch|nhiều hơn|ít hơn)(?!\w)", re.IGNORECASE
)
_SLIP_FLOOR = 100  # below it nearly any two numbers are one slip apart: exact sums only


@dataclass(frozen=True, slots=True, eq=False)
class Spot:
    """A figure: its line (1-based, in the text rendering), field, kind, value, count
    unit and whether a check reaches it. Compared by identity (two may be alike)."""

    line: int | None
    kind: str  # "count" or "money"
    checked: bool
    field: str = "amount"
    value: int = 0
    unit: str | None = None


def standing_alone(spot: Spot, others: Iterable[Spot], lines: Sequence[Line]) -> bool:
    """Whether the unchecked figure at ``spot`` stands alone among ``lines`` (the text's
    numbered lines, :func:`~._normalize.read_lines`); ``others`` are every figure of the
    report, checked or not (``spot`` among them or not)."""
    if spot.line is None or not 1 <= spot.line <= len(lines) or spot.field == "level":
        return False
    line = lines[spot.line - 1]
    if line.cells is not None:
        return False
    everyone = [o for o in others if o is not spot and o.line is not None]
    alike = [o for o in everyone if _alike(o, spot)]
    kin = [o for o in everyone if o.line == spot.line and o.kind == spot.kind]
    cued = _CUE.search(line.text) is not None
    if kin and (cued or any(o.checked for o in kin)):
        return False
    first, last = _section(lines, spot.line)
    near = [o for o in alike if o.line is not None and first <= o.line <= last]
    loose = [o for o in near if not o.checked and o.field != "level"]
    if loose and _may_sum(spot, loose, lines):
        return False
    if _announced_around(spot.line, near, lines, first, last):
        return False
    if near and _COMPARED.search(line.text):
        return False  # "tăng 309.600.000 đồng so với năm 2023": a difference of two figures
    if _TOTAL.search(line.text) is None:
        return True
    before = _AFTER_PARTS.search(line.text) is not None
    return not any((o.line or 0) < spot.line if before else (o.line or 0) > spot.line for o in near)


def _alike(other: Spot, spot: Spot) -> bool:
    """Figures a sum could add together: money with money, counts in the same unit."""
    if other.kind != spot.kind:
        return False
    return spot.kind == "money" or other.unit == spot.unit or None in (other.unit, spot.unit)


def _section(lines: Sequence[Line], number: int) -> tuple[int, int]:
    """The first and last line numbers of the section holding line ``number``: the
    lines between the headings around it."""
    first = number
    while first > 1 and not lines[first - 2].heading:
        first -= 1
    last = number
    while last < len(lines) and not lines[last].heading:
        last += 1
    return first, last


def _announced_around(
    number: int, near: list[Spot], lines: Sequence[Line], first: int, last: int
) -> bool:
    """Whether a line of the section announcing a list (``Số suất phân bổ cho các xã:``,
    ``Nguồn kinh phí:``) stands between line ``number`` and a figure of its kind: the
    figure before it may be the list's total, the one after it a part."""
    for at in range(first, last + 1):
        if not lines[at - 1].text.rstrip().endswith(":"):
            continue
        if number <= at and any((o.line or 0) > at for o in near):
            return True
        if number > at and any((o.line or 0) <= at for o in near):
            return True
    return False


def _may_sum(spot: Spot, loose: list[Spot], lines: Sequence[Line]) -> bool:
    """Whether the loose figures of a kind, ``spot`` among them, may hold a sum: one is
    written as a total, or one is, to within one typing slip, the sum of two or more of
    the figures written right after it or right before it."""
    group = sorted([spot, *loose], key=lambda o: o.line or 0)
    if any(_TOTAL.search(lines[(o.line or 1) - 1].text) for o in group):
        return True
    kind = "count" if spot.kind == "count" else "money"
    for at, member in enumerate(group):
        for run in (group[at + 1 :], group[:at][::-1]):
            total = 0
            for taken, part in enumerate(run, start=1):
                total += part.value
                if taken >= 2 and _near(member.value, total, kind):
                    return True
                if total > 2 * member.value:
                    break
    return False


def _near(written: int, total: int, kind: str) -> bool:
    """``written`` is ``total``, or one typing slip from it where that is evidence."""
    if written == total:
        return True
    return written >= _SLIP_FLOOR and detect(written, total, kind) is not None  # type: ignore[arg-type]


__all__ = ["Spot", "standing_alone"]
