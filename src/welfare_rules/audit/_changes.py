"""Changes between periods: ``3.150 suất, tăng 383 suất … so với năm 2023 (2.812 suất)``.

A year-end report compares: this year's figure, the change, and last year's. Each such
sentence is an equation an auditor checks (``3.150 = 2.812 + 383``), and the percentage
with it is the change's share of last year's figure (``tương đương tăng 12%``). The
change is read only where the text says all of it, exactly:

* the change is a figure right after ``tăng`` or ``giảm`` (``tăng 383 suất``);
* the earlier figure follows ``so với`` on the same line with nothing between but the
  period and a bracket (``so với năm 2023 (2.812 suất)``), and the later one stands
  before the change on that line; or the line names both periods and its subject is the
  whole total (``Tổng kinh phí năm 2024 tăng 309.600.000 đồng … so với năm 2023``, not
  ``Số suất cho hộ nghèo năm 2024 tăng …``), and each period has exactly one record of
  its own above (``Năm 2024: …``, ``Năm 2023: …``) stating that figure;
* the change is no change of a level (``Mức quà … tăng 50.000 đồng``, ``…/suất``);
* all three figures are exact (no rounded or hedged one), of one kind (counts in one unit,
  or amounts), and none has parts of its own.

The larger figure then holds the smaller and the change as its parts: for an increase
``later = earlier + change``, for a decrease ``earlier = later + change``, checked and
diagnosed as any sum. A percentage stated with the change takes the earlier figure as its
whole. Anything less complete is left as it was read (a comparison, no sum).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from .. import _regex
from ._lines import Rec

_CHANGE = _regex.compile(r"(?:^|[\s,;:(])(tăng|giảm)(?: thêm| đi| hơn)? ?$", re.IGNORECASE)
_VERSUS = _regex.compile(r"(?<![^\W\d_])so với(?![^\W\d_])", re.IGNORECASE)
_PERIOD = _regex.compile(r"(?<![^\W\d_])năm (\d{4})(?!\d)", re.IGNORECASE)
_LEAD = _regex.compile(r"[-+*•\s]*(?:năm|kỳ) (\d{4})(?!\d)", re.IGNORECASE)
# between "so với" and the earlier figure: only the period it names and a bracket
_THEN = _regex.compile(
    r" ?(?:(?:năm|kỳ|quý|tháng) [\w/]{1,9}|cùng kỳ(?: năm (?:trước|\d{4}))?|năm trước)?"
    r" ?(?:\(|là|:)? ?",
    re.IGNORECASE,
)
# the subject of a change whose periods are named on its line: a whole total, by kind
_SUBJECT = {
    "amount": _regex.compile(r"\W*(?:tổng )?(?:kinh phí|số tiền)(?: quà)?\W*", re.IGNORECASE),
    "count": _regex.compile(
        r"\W*(?:tổng )?(?:số suất|số lượng|số quà|số người|số đối tượng)(?: quà)?\W*",
        re.IGNORECASE,
    ),
}
_PER_UNIT = _regex.compile(r"(?<![^\W\d_])(?:mức|mỗi)(?![^\W\d_])|/", re.IGNORECASE)


def link_changes(roots: list[Rec], texts: Mapping[int, str]) -> list[Rec]:
    """``roots`` with each change stated in full made a sum (see the module docs);
    ``texts`` are the lines' texts the records' offsets point into, by line number (a
    line left out is read by its periods only). Linear in the records: each is indexed
    by its line and by the period its label names once."""
    roots = _detached(roots, texts)
    cued = [rec for rec in roots if not rec.children and _CHANGE.search(rec.label)]
    if not cued:
        return roots
    by_line: dict[int, list[Rec]] = {}
    by_period: dict[str, list[Rec]] = {}
    for rec in roots:
        by_line.setdefault(rec.line, []).append(rec)
        lead = _LEAD.match(rec.label)
        if lead is not None:
            by_period.setdefault(lead.group(1), []).append(rec)
    taken: set[int] = set()  # ids of records that became parts
    for change in cued:
        cue = _CHANGE.search(change.label)
        field = _field(change)
        if cue is None or field is None or id(change) in taken or change.children:
            continue
        text = texts.get(change.line)
        pair = _on_its_line(change, field, by_line[change.line], text)
        pair = pair or _by_periods(change, field, by_period, text)
        if pair is None or any(id(rec) in taken for rec in pair):
            continue
        later, earlier = pair
        whole, part = (later, earlier) if cue.group(1).lower() == "tăng" else (earlier, later)
        if whole.children or part.children:
            continue
        whole.children, whole.explicit = [part, change], True
        taken.update((id(part), id(change)))
        for share in change.shares:
            if share.whole is None and _VERSUS.search(share.after):
                share.whole = earlier  # "tương đương tăng 12% so với năm 2023": of 2.812
    return [rec for rec in roots if id(rec) not in taken] if taken else roots


def _detached(roots: list[Rec], texts: Mapping[int, str]) -> list[Rec]:
    """``Tổng số 200 suất gồm 120 suất … và 80 suất …, tăng 15 suất so với năm 2023 (185
    suất)``: a change and its earlier figure read as parts of a total on their line are
    no parts of it; they stand after it, a comparison (the total already has parts)."""
    out: list[Rec] = []
    for root in roots:
        out.append(root)
        children = root.children
        if not children or not any(_CHANGE.search(child.label) for child in children):
            continue
        for index, change in enumerate(children):
            field = _field(change) if _CHANGE.search(change.label) else None
            text = texts.get(change.line)  # the offsets are in the change's own line
            if field is None or text is None:
                continue
            later = [rec for rec in children[index + 1 :] if rec.line == change.line]
            earlier = next((rec for rec in later if _alike(rec, change, field)), None)
            versus = None if earlier is None else _VERSUS.search(text, change.end, earlier.start)
            if earlier is None or versus is None:
                continue
            if not _THEN.fullmatch(text, versus.end(), earlier.start):
                continue
            root.children = [rec for rec in children if rec is not change and rec is not earlier]
            out.extend((change, earlier))
            break
    return out


def _field(rec: Rec) -> str | None:
    """The one figure a change states (a count or an amount), when it is exact; a change
    of a level (``Mức quà năm 2024 tăng 50.000 đồng``) is none."""
    if rec.level is not None or (rec.count is None) == (rec.amount is None):
        return None
    if _PER_UNIT.search(rec.label):
        return None
    field = "count" if rec.count is not None else "amount"
    return None if _inexact(rec, field) else field


def _inexact(rec: Rec, field: str) -> bool:
    return field in rec.precision or any(hedged[0] == field for hedged in rec.hedged)


def _alike(rec: Rec, change: Rec, field: str) -> bool:
    """``rec`` states ``change``'s figure, exactly, in its unit, and has no parts."""
    if rec is change or rec.children or getattr(rec, field) is None or _inexact(rec, field):
        return False
    return field == "amount" or None in (rec.unit, change.unit) or rec.unit == change.unit


def _on_its_line(
    change: Rec, field: str, line: list[Rec], text: str | None
) -> tuple[Rec, Rec] | None:
    """The later figure before the change on its line, the earlier one after ``so với``;
    ``line`` holds the records of the change's line."""
    if text is None:
        return None
    same = [rec for rec in line if _alike(rec, change, field)]
    before = [rec for rec in same if rec.end <= change.start]
    after = [rec for rec in same if rec.start >= change.end]
    if not before or not after:
        return None
    earlier = after[0]
    versus = _VERSUS.search(text, change.end, earlier.start)
    if versus is None or not _THEN.fullmatch(text, versus.end(), earlier.start):
        return None  # "so với năm 2023, đạt 105% kế hoạch (3.000 suất)": another figure
    return before[-1], earlier


def _by_periods(
    change: Rec, field: str, by_period: Mapping[str, list[Rec]], text: str | None
) -> tuple[Rec, Rec] | None:
    """``Tổng kinh phí năm 2024 tăng … so với năm 2023``: the one record above for each
    period named (``Năm 2024: …``, ``Năm 2023: …``); ``by_period`` holds the records
    whose label is a period, by year."""
    if text is None:
        return None
    later_years = list(_PERIOD.finditer(text, 0, change.start))
    versus = _VERSUS.search(text, change.end)
    if not later_years or versus is None:
        return None
    if not _SUBJECT[field].fullmatch(text, 0, later_years[-1].start()):
        return None  # "Số suất quà cho hộ nghèo năm 2024 tăng …": a part's change
    earlier_year = _PERIOD.search(text, versus.end())
    later_year = later_years[-1].group(1)
    if earlier_year is None or earlier_year.group(1) == later_year:
        return None
    later = _the_period(by_period.get(later_year, []), change, field)
    earlier = _the_period(by_period.get(earlier_year.group(1), []), change, field)
    if later is None or earlier is None:
        return None
    return later, earlier


def _the_period(recs: list[Rec], change: Rec, field: str) -> Rec | None:
    """The one record of a period above the change that states its figure."""
    found = [rec for rec in recs if rec.line < change.line and _alike(rec, change, field)]
    return found[0] if len(found) == 1 else None


__all__ = ["link_changes"]
