"""Figures stated a second time: a lone total after a table, a hedged or rounded lead
(``hơn 4.400 đối tượng, với tổng kinh phí 1,9 tỷ đồng``), attached to the figure they
restate instead of standing as figures of their own that nothing checks.

A record restates the report's grand total of a field (the top-level record with parts
and the largest exact value of that field) when it stands alone (no parts, no product, no
parts announced, no claim) and either its figure is hedged, or it is rounded by a scale word and is
the total rounded or one slip from it, or the text calls it a total (``Tổng kinh phí …``)
and its value equals the grand total or is one typing slip from it, or its value equals
the grand total's. An approximate figure becomes a :class:`~.report.Bound`, an exact one
a restatement (an equality edit). A record whose figures all found their place leaves the
tree; any other stays where it is (another total, "22,252 tỷ" beside 16,47 tỷ, is no
restatement of it).

A record stated again on another line (a table's total row under the record announcing
the table, a second total row, a group's ``Cộng`` row) is settled by
:func:`restate_record` so that every figure keeps the line it is written on (a node has
one line): see there.
"""

from __future__ import annotations

import re
from typing import Literal

from .. import _regex
from ._alone import is_target
from ._lines import SLIP_FLOOR, Rec, stated_sums
from ._rounding import written_forms
from ._shares import of_plan
from .report import FigureField
from .slips import detect

_FIELDS: tuple[FigureField, ...] = ("count", "amount")
_STATED: tuple[FigureField, ...] = ("count", "level", "amount")
_HEDGES = {">": "more", "<": "less", "~": "about"}

BoundSpec = tuple[FigureField, int, str, int, int]  # field, written, hedge, precision, line


def attach_restatements(roots: list[Rec]) -> list[Rec]:
    """``roots`` with every lone restating record folded into the grand total it restates,
    then every other lone record that states a figure of the tree again, exactly
    (:func:`_attach_equal`)."""
    grand = {field: _grand(roots, field) for field in _FIELDS}  # a lone record is never one
    kept: list[Rec] = []
    for rec in roots:
        if not _lone(rec) or not _fold(rec, grand):
            kept.append(rec)
    return _attach_equal(kept)


def _attach_equal(roots: list[Rec]) -> list[Rec]:
    """``Phòng đã được giao dự toán … 1.806.800.000 đồng`` above ``2.193.200.000 đồng -
    1.806.800.000 đồng = 386.400.000 đồng``, or ``Kinh phí được giao: 1.450.000.000
    đồng`` and a table row ``Dự toán được giao | 1.450.000.000``: a lone record at the top
    whose every figure is written exactly (no hedge, no rounding) and equals, in the same
    field, the figure of one other record of the tree (its count in the same unit) states
    that figure again: it becomes a restatement there, an equality checked on its own
    line, instead of a figure nothing checks. A record in a check above all, else the
    nearest one before it. Exactly: a figure one slip off another may be another figure,
    and stays where it is, listed as unchecked (never an error on a guess); and only of
    the same subject (:func:`_same_subject`): an equal figure of another vouches for a
    value it does not state."""
    index: dict[tuple[FigureField, int], list[Rec]] = {}
    checked: set[int] = set()
    stack = [(rec, False) for rec in reversed(roots)]
    order: dict[int, int] = {}
    while stack:  # every record of the tree, in reading order
        rec, in_sum = stack.pop()
        order[id(rec)] = len(order)
        if in_sum or rec.children or rec.level is not None:
            checked.add(id(rec))
        for field in _FIELDS:
            value = getattr(rec, field)
            if value is not None and rec.precision.get(field, 1) == 1:
                index.setdefault((field, value), []).append(rec)
        stack.extend((child, True) for child in reversed(rec.children))
    kept: list[Rec] = []
    gone: set[int] = set()  # folded away: no longer a target
    for rec in roots:
        target = None
        if _restates_exactly(rec):
            target = _equal_target(rec, index, checked, order, gone)
        if target is None:
            kept.append(rec)
            continue
        gone.add(id(rec))
        checked.add(id(target))  # stated twice now: nothing folds it away
        for field in _FIELDS:
            value = getattr(rec, field)
            if value is not None:
                target.restatements.append((field, value, rec.line))
        target.restatements.extend(rec.restatements)  # "Bằng chữ: …" after it
    return kept


def _restates_exactly(rec: Rec) -> bool:
    """A lone record whose figures are all written exactly, announcing no parts, with
    nothing else of its own (a percentage, a bound, a share) that its line would lose."""
    return (
        _lone(rec)
        and not rec.announces  # "Tổng số …, trong đó:" leads parts of its own
        and rec.has_figures()
        and not rec.hedged
        and not rec.bounds
        and not rec.shares
        and not rec.split
        and all(rec.precision.get(field, 1) == 1 for field in _FIELDS)
    )


_COMMON = 16  # records stating one value, past which it restates no one of them

# Words every figure's label may hold: no evidence that two labels name one thing.
_GENERIC_WORDS = (
    "số tiền kinh phí tổng cộng đồng triệu tỷ nghìn ngàn năm tháng ngày là của cho "
    "các và với theo tại đã được có này đó trong từ đến một những mức suất người hộ "
    "quà tặng trao chi trả hỗ trợ thăm đối tượng gồm cụ thể như sau toàn xã huyện "
    "tỉnh phường thành phố ngân sách nguồn tổng số kế hoạch báo cáo dự kiến khoảng"
)
_GENERIC = frozenset(_GENERIC_WORDS.split())
_WORD = _regex.compile(r"[^\W\d_]{2,}")


def _holds(rec: Rec) -> bool:
    """The record's own checks hold as written (its parts sum to it, count × level is its
    amount): an equal figure elsewhere must not vouch for a figure they find wrong (a slip
    that happens to equal another figure would be confirmed by it)."""
    parts = [child for child in rec.children if not child.split]
    if parts and any(sum(values) != whole for _, whole, values in stated_sums(rec, parts)):
        return False
    stated = (rec.count, rec.level, rec.amount)
    return None in stated or (rec.count or 0) * (rec.level or 0) == rec.amount


def _same_subject(first: str, second: str) -> bool:
    """The two labels share a word that names what they count (``được giao``, ``còn
    dư``), not only words any figure's label holds (``kinh phí``, ``năm``): an equal
    value alone is no evidence that ``Kinh phí năm 2023: 21.000.000 đồng`` states the
    ``Ngân sách xã`` figure of this year again, and folding it there would vouch for
    that figure in a diagnosis."""
    words = {word for word in _WORD.findall(first.lower()) if word not in _GENERIC}
    return any(word in words for word in _WORD.findall(second.lower()) if word not in _GENERIC)


def _equal_target(
    rec: Rec,
    index: dict[tuple[FigureField, int], list[Rec]],
    checked: set[int],
    order: dict[int, int],
    gone: set[int],
) -> Rec | None:
    """The record :func:`_attach_equal` folds ``rec`` into, if any: one in a check (the
    nearest, before it first), else the nearest lone one before it (the first statement
    of a figure keeps it; the later ones restate it)."""
    fields = [field for field in _FIELDS if getattr(rec, field) is not None]
    pools = [index.get((field, getattr(rec, field)), []) for field in fields]
    if any(len(pool) > _COMMON for pool in pools):
        return None  # a value stated that often names no one figure (and stays linear)
    others = [{id(other) for other in pool} for pool in pools[1:]]
    common = [
        other
        for other in pools[0]
        if other is not rec
        and id(other) not in gone
        and (id(other) in checked or order[id(other)] < order[id(rec)])
        and all(id(other) in ids for ids in others)
        and (rec.count is None or None in (rec.unit, other.unit) or rec.unit == other.unit)
        and (_same_subject(rec.label, other.label) or _term_of(rec, other))
        and _holds(other)
    ]
    if not common:
        return None
    here = order[id(rec)]
    return min(
        common,
        key=lambda other: (
            id(other) not in checked,
            order[id(other)] > here,
            abs(order[id(other)] - here),
        ),
    )


def _term_of(rec: Rec, term: Rec) -> bool:
    """``term`` is a term of arithmetic written out, named by its figure only
    (``48.350.000 + 126.700.000 - 127.600.000 = …`` under ``Tồn quỹ đầu kỳ: 48.350.000
    đồng``), and ``rec`` states only an amount, the same, large enough to be no chance:
    the line names what the term is."""
    return (
        rec.amount is not None
        and rec.amount >= _TERM_FLOOR
        and rec.count is None
        and term.amount == rec.amount
        and _FIGURE_NAMED.fullmatch(term.label) is not None
    )


_TERM_FLOOR = 100_000  # đồng: an amount below it may be any of a report's small sums
_FIGURE_NAMED = _regex.compile(
    r"[\d.,\s]+(?:nghìn |ngàn |triệu |tỷ )?(?:đồng|đ|vnđ)?", re.IGNORECASE
)


def _restates_with_slip(rec: Rec, target: Rec, value: int, total: int) -> bool:
    """Whether ``rec``, calling itself a total and written one typing slip off ``total``
    (the grand total's figure), restates it: where it is a grand total's word
    (``Tổng cộng``, ``Tổng kinh phí``) between figures large enough for one slip to mean
    something, or where ``target``'s own parts confirm its figure (two witnesses: ``Tổng
    số hộ: 45 hộ, gồm 30 … 15 …`` / ``Tổng cộng: 54 hộ``). Never a section's total
    (``Cộng I``, ``Cộng mục 2``: a part's, though 12 and 21 are a swap apart)."""
    if not rec.total_cue or rec.sums_sections or _NAMED_SECTION.match(rec.label):
        return False
    if detect(value, total) is None:
        return False
    if _BARE_CONG.match(rec.label) is None and max(value, total) >= SLIP_FLOOR:
        return True
    return bool(target.children) and _holds(target)


# a sentence about another period or a plan states other figures, however close:
# "Năm 2025, huyện cũng trao …", "Cùng kỳ năm trước …", "Kế hoạch năm 2026 giao …"
_OTHER_FIGURES = _regex.compile(
    r"(?<![^\W\d_])(?:năm \d{4}|năm trước|năm ngoái|cùng kỳ|kế hoạch|dự toán|dự kiến|chỉ tiêu"
    r"|được giao|phân bổ|giai đoạn|ngoài ra|thêm|bổ sung|riêng)(?![^\W\d_])",
    re.IGNORECASE,
)
_NAMED_SECTION = _regex.compile(
    r"[\W\d_]*cộng(?:\s+(?:mục|phần|nhóm|khoản))?\s*(?:[ivxlc]+|\d+|[a-h])[\W\d_]*$",
    re.IGNORECASE,
)  # "Cộng I", "Cộng mục 2", "Cộng phần A": a section's total
_BARE_CONG = _regex.compile(r"[\W\d_]*cộng[\W\d_]*$", re.IGNORECASE)  # "Cộng:" alone


def _lone(rec: Rec) -> bool:
    """No parts (announced parts that never came count as none), no product, no closing,
    no claim: a claim (``trung bình mỗi suất trên 400.000 đồng``) speaks of its record's
    own figures on its own line, so a record with one stays where it is, checked there
    (folded away, the claim was lost). Nor a target (``Năm tới, Hội phấn đấu vận động
    trên 300 suất``): what is aimed at restates nothing that was done."""
    return (
        not rec.children
        and not rec.closing
        and rec.level is None
        and not rec.claims
        and not is_target(rec.label)
    )


def _fold(rec: Rec, grand: dict[FigureField, Rec | None]) -> bool:
    """Attach ``rec``'s figures to the grand totals they restate; whether all found one."""
    plan: list[tuple[Rec, FigureField, str, int, int]] = []
    slipped: list[tuple[Rec, FigureField, str, int, int]] = []  # one slip off the total
    for field, hedge, value, precision in rec.hedged:
        target = grand[field]
        if target is None or not _within_reach(value, getattr(target, field)):
            return False  # "dân số khoảng 148.000 người" beside 9.860 elderly: another figure
        plan.append((target, field, _HEDGES[hedge], value, precision))
    for field in _FIELDS:
        value = getattr(rec, field)
        if value is None:
            continue
        target = grand[field]
        if target is None:
            return False
        precision = rec.precision.get(field, 1)
        total = getattr(target, field)
        if precision > 1 and (rec.hedged or rec.total_cue or _approximate_only(rec)):
            if not _rounds_near(value, total, precision):
                return False  # another total ("22,252 tỷ" beside 16,47 tỷ): not a restatement
            plan.append((target, field, "rounded", value, precision))
        elif value == total or _restates_with_slip(rec, target, value, total):
            plan.append((target, field, "exact", value, 1))
        elif (
            precision == 1
            and not rec.hedged
            and detect(value, total) is not None
            and not _OTHER_FIGURES.search(rec.label)
        ):
            slipped.append((target, field, "exact", value, 1))
        else:
            return False
    if slipped:
        # "… 2.366 suất quà với tổng kinh phí 1.049.600.000 đồng" under a table of 2.366
        # suất and 1.094.600.000 đồng: one figure the very total's, the other one slip off
        # it (two witnesses: the restatement, not another figure, and its slip shows); "72
        # suất … tổng kinh phí 27.900.000 đồng" under 72 and 29.700.000 as well
        matched = any(  # a small count equal counts where the words call it the total
            hedge == "exact"
            and (value >= SLIP_FLOOR or rec.total_cue or rec.total_named)
            and value == getattr(target, field)
            for target, field, hedge, value, _ in plan
        )
        if not matched:
            return False
        plan.extend(slipped)
    if not plan:
        return False
    for target, field, hedge, value, precision in plan:
        if hedge == "exact":
            target.restatements.append((field, value, rec.line))
        else:
            target.bounds.append((field, value, hedge, precision, rec.line))
    for field, value, line in rec.restatements:  # "Bằng chữ: …" after the lone total
        first = plan[0][0]
        if field == "amount" and rec.amount is not None:
            first = next(target for target, f, *_ in plan if f == "amount")
        first.restatements.append((field, value, line))
    planned = [share for share in rec.shares if of_plan(share.after)]
    counted = next((target for target, f, *_ in plan if f == "count"), None)
    if planned and counted is not None:
        # "… 5.502 suất, đạt 103,8% kế hoạch": the restated count's share of its plan
        counted.shares.extend(planned)
    return True


Settled = Literal["restated", "moved", "nested"]


def restate_record(rec: Rec, again: Rec) -> Settled:
    """``again`` (a later line: a table's total row, a second total row) states ``rec``'s
    figures a second time; settle it so that every figure stays on its own line.

    * ``"restated"``: ``again`` states nothing ``rec`` lacks: each of its figures is a
      restatement of ``rec``'s (an equality check on ``again``'s line).
    * ``"moved"``: ``rec`` states no count or amount ``again`` lacks, and nothing else
      tied to its line (a claim, a percentage): ``again`` is the fuller statement, so
      ``rec`` takes its figures and its line, and ``rec``'s own figures become
      restatements (a rounded one a bound) on the line they are written on; a hedged one
      a bound there too. A level ``again`` lacks (``| I | Mức 600.000đ | | |`` over its
      ``Cộng I`` row) is carried along, so the count × level product is still checked,
      and restated on its own line.
    * ``"nested"``: each states a figure the other lacks (``hơn 19.286 suất = 11,5 tỷ``
      over a total row of 5 suất only): ``again`` becomes ``rec``'s one part, holding
      ``rec``'s parts, each record with its own figures on its own line; the sum of the
      part's figures is checked against ``rec``'s, and a level ``rec`` states is given
      to the part too (as :func:`._structure.pass_levels_down` gives one to its rows).

    Filling ``rec`` with ``again``'s figures instead would leave them on ``rec``'s line,
    where they are not written: a correction would then cite the wrong line, and the
    line they are written on would hold a number the tree does not (a figure lost).
    """
    stated = [field for field in _STATED if getattr(again, field) is not None]
    if all(getattr(rec, field) is not None for field in stated):
        rec.restatements.extend((field, getattr(again, field), again.line) for field in stated)
        _retarget(rec.children, again, rec)
        return "restated"
    own = [field for field in _STATED if getattr(rec, field) is not None]
    carried = [field for field in own if field != "level"]  # a level is carried along
    if not rec.claims and not rec.shares and all(field in stated for field in carried):
        _move(rec, again, own)
        _retarget(rec.children, again, rec)
        return "moved"
    again.children, rec.children = rec.children, [again]
    again.explicit, rec.explicit = bool(again.children), True
    if again.level is None and again.count is not None and again.amount is not None:
        again.level = rec.level
    return "nested"


def _move(rec: Rec, again: Rec, own: list[FigureField]) -> None:
    """``rec`` stands on ``again``'s line with its figures; its own stay on its line."""
    for field, hedge, value, precision in rec.hedged:
        rec.bounds.append((field, value, _HEDGES[hedge], precision, rec.line))
    rec.hedged = list(again.hedged)
    for field in own:
        value, precision = getattr(rec, field), rec.precision.get(field, 1)
        if precision > 1:
            rec.bounds.append((field, value, "rounded", precision, rec.line))
        else:
            rec.restatements.append((field, value, rec.line))
    rec.count, rec.amount = again.count, again.amount
    rec.level = rec.level if again.level is None else again.level
    rec.precision = dict(again.precision)
    if again.count is not None:
        rec.unit = again.unit or rec.unit
    rec.line, rec.start, rec.end = again.line, again.start, again.end
    rec.label = rec.label or again.label
    rec.restatements.extend(again.restatements)
    rec.bounds.extend(again.bounds)
    rec.claims.extend(again.claims)
    rec.shares.extend(again.shares)


def _retarget(recs: list[Rec], gone: Rec, whole: Rec) -> None:
    """A percentage column's shares of ``gone`` (a total row no longer in the tree) are
    shares of ``whole``, which now states its figures."""
    stack = list(recs)
    while stack:
        rec = stack.pop()
        for share in rec.shares:
            if share.whole is gone:
                share.whole = whole
        stack.extend(rec.children)


def _rounds_near(written: int, exact: int, step: int) -> bool:
    """``written`` (to ``step``) is the exact figure rounded, truncated or rounded up, or
    one typing slip from one of these: evidence that it restates that figure."""
    options = set(written_forms(exact, step))
    return written // step in options or any(
        detect(written // step, option) is not None for option in options
    )


def _within_reach(written: int, total: int) -> bool:
    """A hedged figure (``hơn``, ``gần``, ``khoảng``) speaks of a total within a factor of
    two of it; one further off states something else and is not checked against it."""
    return total > 0 and written <= 2 * total and total <= 2 * written


def _approximate_only(rec: Rec) -> bool:
    return all(getattr(rec, field) is None or rec.precision.get(field, 1) > 1 for field in _FIELDS)


def _grand(recs: list[Rec], field: FigureField) -> Rec | None:
    """The top-level total (a record with parts) with the largest exact ``field``."""
    best: Rec | None = None
    for rec in recs:
        if not rec.children:
            continue
        value = getattr(rec, field)
        if value is not None and (best is None or value > getattr(best, field)):
            best = rec
    return best


def keep_hedged(rec: Rec) -> None:
    """A hedged figure that restates no total (``Đã tặng hơn 4.400 đối tượng.``) stays a
    bound of its own record: in the tree, listed as unchecked, never lost."""
    for field, hedge, value, precision in rec.hedged:
        rec.bounds.append((field, value, _HEDGES[hedge], precision, rec.line))
    rec.hedged = []
    for child in rec.children:
        keep_hedged(child)


def snap_rounded(rec: Rec) -> None:
    """A rounded figure (``16,23 tỷ``) stands for any value that rounds to it: where its
    parts (or count × level) give a value that does, that value is the figure. Parts
    first, so a rounded subtotal is settled before the total above it is."""
    for child in rec.children:
        snap_rounded(child)
    for field in _FIELDS:
        precision = rec.precision.get(field, 1)
        value = getattr(rec, field)
        if precision == 1 or value is None:
            continue
        exact = _exact(rec, field)
        if exact is not None and exact != value and abs(exact - value) < precision:
            setattr(rec, field, exact)


def _exact(rec: Rec, field: FigureField) -> int | None:
    parts = [getattr(child, field) for child in rec.children]
    if parts and None not in parts:
        return sum(part or 0 for part in parts)
    if field == "amount" and rec.count is not None and rec.level is not None:
        return rec.count * rec.level
    return None


__all__ = ["Settled", "attach_restatements", "keep_hedged", "restate_record", "snap_rounded"]
