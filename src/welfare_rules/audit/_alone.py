"""Which unchecked figures stand alone: the text states nothing to check them against.

A report is full of figures that take part in no arithmetic: ``Tiếp nhận 11 hồ sơ``,
``tặng quà cho 200 trẻ em với tổng số tiền 80 triệu đồng`` (no level, so no product), a
list of counts that no total sums. No auditor can find such a figure wrong, so it must not
make the verdict "incomplete"; it is still listed, apart, so nothing is hidden.

A figure is *not* alone — it stays unchecked and the verdict incomplete — whenever the
text suggests a relation the reader did not read. The tests are deliberately cautious:

* a table row: a table states relations through its header;
* a line with another figure of the same kind (counts with counts, money with money)
  that some check reaches, or with a cue of a sum (``tổng``, ``cộng``, ``trong đó``,
  ``gồm`` …), an ``=``, ``+``, ``×`` or a bracket (``36 hồ sơ (BTXH 31 hồ sơ; …)``);
* a figure on a line with a cue of a sum whose parts may follow (the next line is a
  deeper list item or a table row) or precede (``cộng`` after a list or a table).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ._normalize import Line

_CUE = re.compile(
    r"(?<!\w)(?:tổng|cộng(?!\s+(?:đồng|tác|hòa|hoà|sản))|trong\s+đó|bao\s+gồm|gồm|"
    r"tất\s+cả|chia\s+ra|cụ\s+thể|còn\s+lại|chiếm|bình\s+quân|trung\s+bình)(?!\w)|[=+×%(]"
    r"|(?<=\d)\s*[xX*]\s*(?=\d)",
    re.IGNORECASE,
)
_AFTER_PARTS = re.compile(r"(?<!\w)cộng(?!\s+(?:đồng|tác|hòa|hoà|sản))(?!\w)", re.IGNORECASE)


@dataclass(frozen=True, slots=True, eq=False)
class Spot:
    """A figure's line (1-based, in the text rendering), its kind and whether a check
    reaches it."""

    line: int | None
    kind: str  # "count" or "money"
    checked: bool  # compared by identity (eq=False): two figures may be alike


def standing_alone(spot: Spot, others: Iterable[Spot], lines: Sequence[Line]) -> bool:
    """Whether the unchecked figure at ``spot`` stands alone among ``lines`` (the text's
    numbered lines, :func:`~._normalize.read_lines`); ``others`` are every figure of the
    report, checked or not."""
    if spot.line is None or not 1 <= spot.line <= len(lines):
        return False
    line = lines[spot.line - 1]
    if line.cells is not None:
        return False
    kin = [o for o in others if o.line == spot.line and o.kind == spot.kind and o is not spot]
    cued = _CUE.search(line.text) is not None
    if kin and (cued or any(o.checked for o in kin)):
        return False
    if not cued:
        return True
    holding = {o.line for o in others if o.kind == spot.kind and o is not spot}
    return not _parts_may_follow(lines, spot.line, holding) and not (
        _AFTER_PARTS.search(line.text) is not None and _parts_may_precede(lines, spot.line, holding)
    )


def _neighbour(lines: Sequence[Line], number: int, step: int) -> Line | None:
    """The nearest non-blank line before (``step`` −1) or after (+1) line ``number``
    (a Markdown table's separator row is skipped)."""
    index = number - 1 + step
    while 0 <= index < len(lines):
        if lines[index].text.strip() and not lines[index].separator:
            return lines[index]
        index += step
    return None


def _depth(line: Line) -> tuple[int, str] | None:
    """A list item's indentation and the class of its mark; ``None`` for other lines."""
    if line.bullet is None:
        return None
    indent = len(line.raw) - len(line.raw.lstrip())
    mark = line.bullet
    if mark[0].isdigit():
        mark = f"n{mark.count('.')}"
    elif mark[0].isalpha():
        mark = "a" if mark[0].islower() else "R"
    return indent, mark


def _parts_may_follow(lines: Sequence[Line], number: int, holding: set[int | None]) -> bool:
    """Whether the next line may be a part: it holds a figure of the kind, in a table
    row or a list item deeper than line ``number``."""
    after = _neighbour(lines, number, +1)
    if after is None or after.heading or after.number not in holding:
        return False
    if after.cells is not None:
        return True
    here, there = _depth(lines[number - 1]), _depth(after)
    if there is None:
        return False
    if here is None:
        return True  # prose (or a lead line) followed by a list
    return there[0] > here[0] or there[1] != here[1]


def _parts_may_precede(lines: Sequence[Line], number: int, holding: set[int | None]) -> bool:
    """Whether the line before holds a figure of the kind in a table row or a list item."""
    before = _neighbour(lines, number, -1)
    if before is None or before.number not in holding:
        return False
    return before.cells is not None or _depth(before) is not None


__all__ = ["Spot", "standing_alone"]
