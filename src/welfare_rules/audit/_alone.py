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
  ``=``, ``+``, ``×``; or a share or a bracket with another figure of its kind and unit
  (``21.374 người cao tuổi, chiếm 16,8% dân số; 19.806 hội viên`` counts two things);
* its section (the lines between two headings) holds other unchecked figures of its kind
  (counts in the same unit) of which one is written as a total or is, to within one
  typing slip, the sum of those written right after or before it (``640 suất`` over
  five communes' 650);
* a line announcing a list (ending with ``:``) stands between it and another figure of
  its kind in its section (``Hội đã trao 640 suất.`` / ``Phân bổ cho các xã:`` / ``Xã A:
  120 suất``): the one before may be the list's total;
* its line compares it (``tăng …``, ``so với …``) and its section holds another figure of
  its kind: a difference the audit does not check yet; or names a balance (``số dư``,
  ``tồn quỹ``, ``còn lại``, ``chuyển sang``) and its section holds other money: a
  balance the audit does not check yet;
* its line writes a formula of sections (``IV. Số dư chuyển sang (I + II - III): …``), or
  its numbered line is one such a formula names: a balance the audit does not check yet;
* its line calls it a total (``tổng``, ``cộng``) and its section holds another figure of
  its kind where the parts would stand (after a ``tổng``, before a ``cộng``);
* it is an amount of a million đồng or more, of three significant digits or more, one
  typing slip off such a checked amount of its section (``Thu trong kỳ: 162.700.000
  đồng`` above ``48.350.000 + 126.700.000 - …``): the same figure written twice, one of
  them mistyped, for all the text shows.

A target alone on its line (``Năm tới, Hội phấn đấu vận động trên 300 suất quà.``: no
other figure of its kind there, no cue, no list announced) is alone whatever its section
holds: what is aimed at adds to nothing that was done (:func:`is_target`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .. import _regex
from ._lines import SLIP_FLOOR  # below it any two numbers are one slip apart: exact sums
from ._normalize import Line
from .slips import detect

_ADD = (  # "cộng", not "cộng đồng", "cộng tác" …; "lũy kế": a running total of rounds
    r"(?:cộng(?!\s+(?:đồng|tác|hòa|hoà|sản))|lũy\s+kế|luỹ\s+kế)"
)
_CUE = _regex.compile(
    rf"(?<!\w)(?:tổng|{_ADD}|trong\s+đó|bao\s+gồm|gồm|"
    r"tất\s+cả|chia\s+ra|cụ\s+thể|còn\s+lại|chiếm|bình\s+quân|trung\s+bình|như\s+vậy)(?!\w)"
    r"|[=+×%(]|(?<=\d)\s*[xX*]\s*(?=\d)",
    re.IGNORECASE,
)
_SUM_CUE = _regex.compile(
    rf"(?<!\w)(?:tổng|{_ADD}|trong\s+đó|bao\s+gồm|gồm|tất\s+cả|chia\s+ra|cụ\s+thể|còn\s+lại)"
    r"(?!\w)|[=+×]|(?<=\d)\s*[xX*]\s*(?=\d)",
    re.IGNORECASE,
)  # the cues of a sum or a product among _CUE: figures in two units it may still relate
_TOTAL = _regex.compile(rf"(?<!\w)(?:tổng|{_ADD})(?!\w)", re.IGNORECASE)
# a balance's words: opening or closing, carried over, what is left
_BALANCE = _regex.compile(
    r"(?<!\w)(?:số dư|tồn quỹ|tồn đầu|tồn cuối|còn lại|chuyển sang|đầu kỳ|cuối kỳ)(?!\w)",
    re.IGNORECASE,
)
_AFTER_PARTS = _regex.compile(rf"(?<!\w){_ADD}(?!\w)", re.IGNORECASE)
COMPARED_WORDS: tuple[str, ...] = ("tăng", "giảm", "so với", "chênh lệch", "nhiều hơn", "ít hơn")
COMPARED = _regex.compile(rf"(?<!\w)(?:{'|'.join(COMPARED_WORDS)})(?!\w)", re.IGNORECASE)
"""A comparison (``tăng 309.600.000 đồng so với năm 2023``): a difference, not a sum.
A line holding none of :data:`COMPARED_WORDS` cannot match it (see
:func:`~._normalize.may_hold`)."""
TARGET = _regex.compile(
    r"(?<![^\W\d_])(?:phấn đấu|chỉ tiêu|mục tiêu|đề ra|năm tới|năm sau)(?![^\W\d_])",
    re.IGNORECASE,
)
"""The words of a target or a plan for later (``Năm tới, Hội phấn đấu vận động trên 300
suất``); see :func:`is_target`."""
_RESULT = _regex.compile(
    r"(?<![^\W\d_])(?:kết quả|đã|hoàn thành|đạt|vượt|thực hiện được|trao)(?![^\W\d_])",
    re.IGNORECASE,
)  # "Kết quả thực hiện chỉ tiêu …", "Hoàn thành chỉ tiêu đề ra: 301 suất": done


def is_target(text: str) -> bool:
    """Whether ``text`` states a target or a plan for later, and nothing done (``chỉ tiêu``
    also names results: ``hoàn thành chỉ tiêu đề ra: 301 suất``): its figures are what is
    aimed at, so they restate no total and, alone on their line, stand alone."""
    return TARGET.search(text) is not None and _RESULT.search(text) is None


_SECTION_TERM = _regex.compile(r"\b([IVX]{1,5}|\d{1,2})\b")
_FORMULA = _regex.compile(
    r"\(\s*(?:[IVX]{1,5}|\d{1,2})(?:\s*[+\-−]\s*(?:[IVX]{1,5}|\d{1,2}))+\s*\)"
)  # "(I + II - III)", "(1+2)": sections added or taken away, a relation the text states
_SLIP_MONEY = 1_000_000  # đồng: smaller amounts are one slip apart too often to tell
_UNEVEN_DIGITS = 3  # significant digits an amount needs for a slip off another to tell


def _uneven(value: int) -> bool:
    """A million đồng or more, written with three significant digits or more
    (``126.700.000``, ``18.900.000``, not ``80.000.000``)."""
    return value >= _SLIP_MONEY and len(str(value).rstrip("0")) >= _UNEVEN_DIGITS


_MAX_LOOSE = 64  # more loose figures of a kind in one section: a sum among them is assumed


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
    everyone = [o for o in others if o is not spot]
    return alone_flags([spot], [*everyone, spot], lines)[0]


def alone_flags(
    unchecked: Sequence[Spot], everyone: Sequence[Spot], lines: Sequence[Line]
) -> list[bool]:
    """For each unchecked figure, whether it stands alone (see the module docstring);
    ``everyone`` holds every figure of the report, ``unchecked`` among them. The text and
    the figures are indexed once, so a long report costs about its length."""
    index = _Index(everyone, lines)
    return [index.alone(spot) for spot in unchecked]


class _Index:
    """The figures by line and by section, kind and unit, and each section's lines that
    announce a list: what every figure's test looks up."""

    def __init__(self, everyone: Sequence[Spot], lines: Sequence[Line]) -> None:
        self.lines = lines
        self.section = _sections(lines)
        self.by_line: dict[int, list[Spot]] = {}
        self.near: dict[tuple[int, str, str | None], list[Spot]] = {}
        for spot in everyone:
            if spot.line is None or not 1 <= spot.line <= len(lines):
                continue
            self.by_line.setdefault(spot.line, []).append(spot)
            unit = spot.unit if spot.kind == "count" else None
            self.near.setdefault((self.section[spot.line - 1], spot.kind, unit), []).append(spot)
        self.announcing: dict[int, list[int]] = {}
        for number, line in enumerate(lines, start=1):
            if line.text.rstrip().endswith(":"):
                self.announcing.setdefault(self.section[number - 1], []).append(number)
        self.groups: dict[tuple[int, str, str | None], tuple[list[int], bool]] = {}
        # "IV. SỐ DƯ CHUYỂN SANG (I + II - III): …": the line and the sections it relates
        self.formulas: set[int] = set()
        named: set[str] = set()
        for number, line in enumerate(lines, start=1):
            if "+" in line.text or "-" in line.text:
                for formula in _FORMULA.finditer(line.text):
                    self.formulas.add(number)
                    named.update(_SECTION_TERM.findall(formula.group(0)))
        if named:
            self.formulas.update(
                number
                for number, line in enumerate(lines, start=1)
                if line.enumerator is not None and line.enumerator.rstrip(".") in named
            )

    def alike(self, spot: Spot) -> tuple[list[int], bool]:
        """The lines of the figures of ``spot``'s section a sum could add to it (counts
        in its unit, or of no stated unit; ``spot`` among them), sorted, and whether the
        loose ones among them may hold a sum. Worked out once per section, kind and unit."""
        assert spot.line is not None
        section = self.section[spot.line - 1]
        unit = spot.unit if spot.kind == "count" else None
        key = (section, spot.kind, unit)
        known = self.groups.get(key)
        if known is not None:
            return known
        if spot.kind == "money":
            found = self.near.get(key, [])
        elif unit is None:
            found = [o for k, group in self.near.items() if k[:2] == key[:2] for o in group]
        else:
            found = [*self.near.get(key, []), *self.near.get((section, "count", None), [])]
        loose = [o for o in found if not o.checked and o.field != "level"]
        known = (sorted(o.line or 0 for o in found), len(loose) > 1 and _may_sum(loose, self.lines))
        self.groups[key] = known
        return known

    def alone(self, spot: Spot) -> bool:
        lines = self.lines
        if spot.line is None or not 1 <= spot.line <= len(lines) or spot.field == "level":
            return False
        line = lines[spot.line - 1]
        if line.cells is not None or spot.line in self.formulas:
            return False  # a table row, or a line a formula of sections names
        kin = [o for o in self.by_line[spot.line] if o is not spot and o.kind == spot.kind]
        cued = _CUE.search(line.text) is not None
        if kin and any(o.checked for o in kin):
            return False
        # "21.374 người cao tuổi, chiếm 16,8% dân số; 19.806 hội viên": counts of two
        # things a share or a bracket does not relate; a sum's words still may
        if kin and cued and (any(_same_unit(spot, o) for o in kin) or _SUM_CUE.search(line.text)):
            return False
        announcing = line.text.rstrip().endswith(":")
        if not kin and not cued and not announcing and is_target(_sentence(line.text, spot.value)):
            return True  # "Năm tới, Hội phấn đấu vận động trên 300 suất quà.": a target
        alike, sums = self.alike(spot)
        if sums:
            return False
        if self._slip_of_checked(spot):
            return False  # "Thu trong kỳ: 162.700.000" beside a checked 126.700.000
        near = len(alike) > 1  # figures of its kind beside it (itself is among them)
        if near and self._announced_around(spot.line, alike[0], alike[-1]):
            return False
        if near and COMPARED.search(line.text):
            return False  # "tăng 309.600.000 đồng so với năm 2023": a difference of two
        if near and spot.kind == "money" and _BALANCE.search(line.text):
            return False  # "Số dư cuối kỳ: 27.000.000": a balance the audit does not check
        if _TOTAL.search(line.text) is None:
            return True
        if _AFTER_PARTS.search(line.text) is not None:
            return not alike[0] < spot.line
        return not alike[-1] > spot.line

    def _slip_of_checked(self, spot: Spot) -> bool:
        """An uneven amount (:func:`_uneven`) one typing slip off a checked uneven amount
        of its section: the same figure written twice with a slip, for all the text shows
        (round amounts, ``10.000.000`` and ``80.000.000``, are one slip apart by chance)."""
        if spot.kind != "money" or not _uneven(spot.value) or spot.line is None:
            return False
        section = self.section[spot.line - 1]
        return any(
            other.checked and detect(spot.value, other.value, "money") is not None
            for other in self.near.get((section, "money", None), [])
            if other is not spot and _uneven(other.value)
        )

    def _announced_around(self, number: int, lowest: int, highest: int) -> bool:
        """Whether a line announcing a list (``Số suất phân bổ cho các xã:``) stands
        between line ``number`` and a figure of its kind (lines ``lowest`` to
        ``highest``): the figure before it may be the list's total, the one after a part."""
        announcing = self.announcing.get(self.section[number - 1], [])
        after = bisect_left(announcing, number)
        if after < len(announcing) and announcing[after] < highest:
            return True  # number <= A < highest
        first = bisect_left(announcing, lowest)
        return first < len(announcing) and announcing[first] < number  # lowest <= A < number


def _sentence(text: str, value: int) -> str:
    """The sentence of ``text`` that writes ``value`` (grouped by dots, or plain), or all
    of ``text`` where it cannot be found: what a target's words must be said in."""
    for written in (f"{value:,}".replace(",", "."), str(value)):
        at = text.find(written)
        if at != -1:
            start = max(text.rfind(". ", 0, at), text.rfind("; ", 0, at)) + 1
            ends = [end for end in (text.find(". ", at), text.find("; ", at)) if end != -1]
            return text[start : min(ends) if ends else len(text)]
    return text


def _same_unit(spot: Spot, other: Spot) -> bool:
    """Money with money; counts in one unit, or where either states none."""
    if spot.kind != "count":
        return True
    return spot.unit is None or other.unit is None or spot.unit == other.unit


def _sections(lines: Sequence[Line]) -> list[int]:
    """For each line, the number of its section: the headings close one and open one."""
    found: list[int] = []
    section = 0
    for line in lines:
        if line.heading:
            section += 1
        found.append(section)
        if line.heading:
            section += 1
    return found


def _may_sum(loose: list[Spot], lines: Sequence[Line]) -> bool:
    """Whether the loose figures of a kind may hold a sum: one is written as a total, or
    one is, to within one typing slip, the sum of two or more of those written right
    after it or right before it. Past ``_MAX_LOOSE`` of them a sum is assumed."""
    if len(loose) > _MAX_LOOSE:
        return True
    group = sorted(loose, key=lambda o: o.line or 0)
    if any(_TOTAL.search(lines[(o.line or 1) - 1].text) for o in group):
        return True
    kind = group[0].kind
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
    return written >= SLIP_FLOOR and detect(written, total, kind) is not None  # type: ignore[arg-type]


__all__ = ["COMPARED", "COMPARED_WORDS", "Spot", "alone_flags", "standing_alone"]
