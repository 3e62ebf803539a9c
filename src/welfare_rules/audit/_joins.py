"""One record's figures written over two lines: ``Số suất quà: 46 suất, mức 300.000
đồng/suất.`` and, on the next line, ``Số tiền nhận: 13.800.000 đồng.``

A receipt (*biên bản giao nhận*), a payment slip or a block per village often gives the
count and level on one line and the amount on the next (``Số tiền nhận: …``), or the
count, then ``Mỗi suất trị giá …``. An auditor reads them as one record (46 × 300.000 =
13.800.000). They are joined only where the text says so, never because the arithmetic
fits (a mistyped amount must still be found):

* the two lines follow each other, with nothing between them (no heading, no section, no
  lead-in: :class:`~._structure.Builder` forgets the last record at each);
* the second line's label names only the figure it gives (``Số tiền nhận``, ``Thành
  tiền``, ``Mỗi suất trị giá``, ``Mức quà``), so it is no new item, and is no total
  (``Tổng kinh phí`` may hold more: ``bao gồm cả chi phí tổ chức``);
* the first is the only record of its group (a block of its own): after a list, the
  next line is the list's;
* they state different figures (the first no amount), and neither has parts.

A total written after a list whose lead gave the count (``Tặng quà cho 4 cụ, cụ thể:`` …
``Tổng kinh phí: 2.700.000 đồng``) is that lead's amount in the same way
(:func:`completes`). The joined record keeps each figure's own line
(:attr:`~._lines.Rec.figure_lines`), so a finding points where the figure is written.
"""

from __future__ import annotations

import re

from .. import _regex
from ._lines import Rec
from .slips import detect

_FIELDS = ("count", "level", "amount")
_NAMES_A_FIGURE = _regex.compile(
    r"[\W\d_]*(?:"
    r"(?:tổng )?(?:số tiền|thành tiền|trị giá|giá trị|kinh phí|tiền)"
    r"(?: (?:nhận|được nhận|đã nhận|chi|đã chi|thực chi|thực nhận|quà|mỗi suất|một suất))?"
    r"|(?:mỗi|một) (?:suất|phần|người|cụ)(?: quà)?(?: (?:trị giá|giá trị|gồm|là))?"
    r"|mức(?: quà| hỗ trợ| chi)?(?: mỗi suất)?"
    r")[\W\d_]*",
    re.IGNORECASE,
)


_TOTAL_WORD = _regex.compile(r"[\W\d_]*tổng(?![^\W\d_])", re.IGNORECASE)


def _stated(rec: Rec) -> set[str]:
    return {name for name in _FIELDS if getattr(rec, name) is not None}


def joins(earlier: Rec, later: Rec) -> bool:
    """Whether ``later``, on the line after ``earlier``, gives more figures of the same
    record (see the module docs)."""
    if earlier.children or later.children or earlier.amount is not None:
        return False
    if later.line != _last_line(earlier) + 1:
        return False
    mine, theirs = _stated(earlier), _stated(later)
    if not mine or not theirs or mine & theirs:
        return False
    if _TOTAL_WORD.match(later.label):
        return False  # "Tổng kinh phí: … (bao gồm cả chi phí tổ chức)": more than the line
    return _NAMES_A_FIGURE.fullmatch(later.label) is not None


def completes(lead: Rec, total: Rec) -> bool:
    """Whether the closing ``total`` gives ``lead`` — whose parts state each figure it
    gives, which ``lead`` itself lacks — its missing figures. Its label must name only
    the figure (``Tổng kinh phí``; not ``Tổng kinh phí tổ chức lễ (gồm quà, hoa, …)``)."""
    if not lead.children or total.children or not _NAMES_A_FIGURE.fullmatch(total.label):
        return False
    theirs = _stated(total)
    if not theirs or theirs & _stated(lead) or "level" in theirs:
        return False
    return all(getattr(part, name) is not None for part in lead.children for name in theirs)


def prices_parts(heading: Rec, total: Rec) -> bool:
    """Whether ``heading``, a line stating only a level (``1. Quà của Hội (mức 400.000
    đồng/suất)``), is the level of ``total``, the table's total right under it, whose parts
    state counts and amounts but no level. The text states the level once for the table;
    the rows must bear it out: each part but one is its count × the level (two at least,
    or the total too), or (the level mistyped) every part is its count × one same level
    that one typing slip makes the written one; never where the rows, at levels of their
    own, make the total exactly and its count at the level does not (``mức từ 400.000
    đồng/suất trở lên``: a minimum). Joined, the total's count × level is checked against
    its amount (and each row's, :func:`price_rows`)."""
    if heading.children or _stated(heading) != {"level"} or heading.level is None:
        return False
    if len(total.children) < 2 or total.count is None or total.amount is None:
        return False
    if total.level is not None:
        return False
    rows: list[tuple[int, int]] = []  # each part's count and amount
    for part in total.children:
        if part.level is not None or not part.count or part.amount is None:
            return False
        rows.append((part.count, part.amount))
    level = heading.level
    shared = at_one_level(level, rows)
    if shared is not None:  # every row at one level: the heading's, or it is mistyped
        return shared
    if made_otherwise(level, rows, total.count, total.amount, minimum=heading.at_least):
        return False
    priced = sum(count * level == amount for count, amount in rows)
    return priced >= len(rows) - 1 and (priced >= 2 or total.count * level == total.amount)


def at_one_level(level: int, rows: list[tuple[int, int]]) -> bool | None:
    """Where every row (count, amount) is its count × one same level: whether that is
    ``level`` or one typing slip from it (the level stated once, or mistyped); ``None``
    where the rows are at several levels."""
    implied = {divmod(amount, count) for count, amount in rows}
    if len(implied) != 1:
        return None
    ((worth, rest),) = implied
    return rest == 0 and (worth == level or detect(level, worth, "money") is not None)


def made_otherwise(
    level: int, rows: list[tuple[int, int]], count: int, amount: int, *, minimum: bool = False
) -> bool:
    """The rows (count, amount), at levels of their own, make the total's ``amount``
    exactly, and its ``count`` at ``level`` does not: a row off the level is evidence
    against the level, not a slip, where the level is stated as a ``minimum`` (``mức từ
    400.000 đồng/suất trở lên``). Otherwise one row off it by one typing slip in its count
    or its amount is a slip, the total summed from the figures as typed (``57 hộ`` ×
    500.000 written ``28.000.000``)."""
    if len({divmod(part, each) for each, part in rows}) == 1:
        return False  # every row at one level: the stated one, or it is mistyped
    if sum(part for _, part in rows) != amount or count * level == amount:
        return False
    off = [(each, part) for each, part in rows if each * level != part]
    return minimum or len(off) != 1 or not _slipped_row(level, *off[0])


def _slipped_row(level: int, count: int, amount: int) -> bool:
    """``count`` × ``level`` is ``amount`` but for one typing slip in one of the two."""
    if detect(amount, count * level, "money") is not None:
        return True
    whole, rest = divmod(amount, level)
    return rest == 0 and detect(count, whole, "count") is not None


def price_rows(total: Rec, heading_line: int) -> None:
    """Once :func:`prices_parts` joined them: the rows take the total's level too, written
    on the heading's line, so each row's product is checked and a slip in a row is found
    in that row (the level's own slip on the heading's line)."""
    for part in total.children:
        if part.level is None and part.count is not None and part.amount is not None:
            part.level = total.level
            part.figure_lines = {**(part.figure_lines or {}), "level": heading_line}


def absorb(later: Rec, earlier: Rec) -> None:
    """``later`` becomes the one record: ``earlier``'s figures, parts, label and place join
    it, and every figure keeps the line it is written on. ``later`` is kept (not
    ``earlier``) because the reader may still hold it (an amount in words restates it)."""
    own = dict.fromkeys(_stated(later), later.line)
    lines = {**(earlier.figure_lines or {}), **own}
    lines.update((name, earlier.line) for name in _stated(earlier) if name not in lines)
    for name in _FIELDS:
        if getattr(later, name) is None:
            setattr(later, name, getattr(earlier, name))
    later.unit = later.unit or earlier.unit
    later.children = earlier.children or later.children
    later.explicit = earlier.explicit or later.explicit
    later.inline = earlier.inline
    later.label, later.line = earlier.label, earlier.line
    later.start, later.end = earlier.start, earlier.end
    later.bullet, later.section = earlier.bullet, earlier.section or later.section
    later.total_cue = earlier.total_cue or later.total_cue
    later.claims = [*earlier.claims, *later.claims]
    later.restatements = [*earlier.restatements, *later.restatements]
    later.hedged = [*earlier.hedged, *later.hedged]
    later.precision = {**earlier.precision, **later.precision}
    later.bounds = [*earlier.bounds, *later.bounds]
    later.shares = [*earlier.shares, *later.shares]
    later.figure_lines = {name: line for name, line in lines.items() if line != later.line}
    later.closing = later.grand = False


def _last_line(rec: Rec) -> int:
    return max([rec.line, *(rec.figure_lines or {}).values()])


__all__ = [
    "absorb",
    "at_one_level",
    "completes",
    "joins",
    "made_otherwise",
    "price_rows",
    "prices_parts",
]
