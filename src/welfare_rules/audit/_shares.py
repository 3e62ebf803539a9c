"""Percentages in a report tied to the figures they divide: which part, of which whole.

A percentage stated with a record is a share of one of its figures: of the record's own
total when the words before it name one of its parts (``Tổng cộng: …; trong đó quà của
tỉnh chiếm 62,3% tổng kinh phí``), else of the record's parent (``388 người (2,4%)`` under
its total), else of the total named just before it on the line (``tổng số 3.899 người, đi
làm 3.418 người đạt tỷ lệ 87,66%``), else of the one larger count in the same unit before
it on the line (``Xã có 1.247 hộ; … có 127 hộ nghèo (10,2%)``). The figure is the amount
when the words after the sign say so (``tổng kinh phí``, ``giá trị``), else the count where
the record has one. A percentage that fits none of these stays a known non-figure (it is
never a false error).
"""

from __future__ import annotations

import re

from .. import _regex
from ._lines import Rec
from .nodes import FigureField, NodePath

_MONEY_WORDS = _regex.compile(r"kinh phí|giá trị|số tiền|tiền|trị giá|ngân sách")
_VERB = _regex.compile(
    r"(?:^|\s)(?:chiếm|đạt|bằng|là|tỷ lệ|tỉ lệ|với|và|riêng|trong đó|cụ thể|khoảng)(?=\s|$)"
)
_WORD = _regex.compile(r"[^\W\d_]+")
_EARLIER_SHARE = _regex.compile(r"\d%")
_MIN_SHARED = 2  # words a named part shares with a record's label to be that record
# words most gifts' names hold: they name no part among others
_COMMON = frozenset(
    [
        "quà",
        "của",
        "cho",
        "các",
        "và",
        "được",
        "là",
        "có",
        "số",
        "suất",
        "tổng",
        "trong",
        "đó",
        "người",
        "đối",
        "tượng",
        "tặng",
        "trao",
        "năm",
        "nay",
    ]
)

Resolved = tuple[FigureField, str, NodePath, NodePath, int]  # field, percent, part, whole, line


def resolve_shares(
    roots: list[Rec], unsure: dict[int, list[str]] | None = None
) -> dict[int, list[Resolved]]:
    """The shares stated with each record (by ``id``), with the paths of part and whole.
    A share naming two parts equally well (``hộ nghèo 65%`` over ``Hộ nghèo`` and ``Hộ
    cận nghèo``) could be checked if the text said which: it goes to ``unsure`` (by line:
    the numbers not understood), so the audit says it is incomplete."""
    paths: dict[int, NodePath] = {}
    parents: dict[int, Rec] = {}
    for index, root in enumerate(roots):  # a plain loop: a nested function calling itself
        _walk(root, (index,), paths, parents)  # was a cycle keeping every record alive
    found: dict[int, list[Resolved]] = {}
    by_line: dict[int, list[Rec]] = {}
    for rec in _all(roots):
        by_line.setdefault(rec.line, []).append(rec)
    for rec in _all(roots):
        for share in rec.shares:
            written, after, line = share.text, share.after, share.line
            if share.column and share.whole is None:
                continue  # a percentage column no whole explains: not checked
            pair = (rec, share.whole) if share.whole is not None else None
            pair = pair or _pair(rec, share.named, parents, by_line, share.after, share.lead)
            if pair is _TIED:
                if unsure is not None:
                    unsure.setdefault(line, []).append(written)
                continue
            if pair is None:
                continue
            part, whole = pair
            if id(whole) not in paths:
                continue  # the whole was folded away (a restatement)
            field = _field(part, whole, after)
            if field is None:
                continue
            percent = written.rstrip("% ").strip()
            found.setdefault(id(rec), []).append(
                (field, percent, paths[id(part)], paths[id(whole)], line)
            )
    return found


_TIED: tuple[Rec, Rec] = (Rec(line=1), Rec(line=1))  # two parts named as well


_UNTIL_FIGURE = _regex.compile(  # "60% cho hộ nghèo", "40% từ ngân sách huyện": what it is of
    r"\s*(?:dành cho|cho|từ|của|thuộc|do)\s([^\d%,;.()]*)", re.IGNORECASE
)


def _named_after(after: str, parts: list[Rec]) -> Rec | None:
    """The one part whose name the words right after the sign hold whole (``60% cho hộ
    nghèo``, ``40% từ ngân sách huyện``): every word of its label, up to the next figure or
    mark; ``None`` when no part or several are so named."""
    match = _UNTIL_FIGURE.match(after)
    words = set(_WORD.findall(match.group(1) if match else ""))
    named = [part for part in parts if (own := _words(part.label)) and own <= words]
    return named[0] if len(named) == 1 else None


def _walk(rec: Rec, path: NodePath, paths: dict[int, NodePath], parents: dict[int, Rec]) -> None:
    """Each record's path and parent, by ``id``, depth first."""
    stack = [(rec, path)]
    while stack:
        node, at = stack.pop()
        paths[id(node)] = at
        for index, child in enumerate(node.children):
            parents[id(child)] = node
            stack.append((child, (*at, index)))


def _pair(
    rec: Rec,
    named: str,
    parents: dict[int, Rec],
    by_line: dict[int, list[Rec]],
    after: str = "",
    lead: str = "",
) -> tuple[Rec, Rec] | None:
    if rec.children and (part := _named_after(after, rec.children)) is not None:
        return part, rec  # "trong đó 60% từ ngân sách tỉnh, 40% từ ngân sách huyện"
    own = _EARLIER_SHARE.split(named)[-1]  # "tỉnh 60%, huyện 40%": the 40% names huyện
    words = set(_WORD.findall(_VERB.sub(" ", own.lower())))
    content = words - _COMMON
    if content and len(words) >= _MIN_SHARED and rec.children:
        # the words that tell the parts apart ("quà của tỉnh": "tỉnh"), not the ones every
        # gift's name holds ("quà", "của"): a part named by them only is not named
        shared = [len(content & _words(child.label)) for child in rec.children]
        best = max(shared)
        if best and shared.count(best) == 1:
            return rec.children[shared.index(best)], rec
        if best:
            return _TIED  # two parts named as well: which one is not said
    elif len(words) >= _MIN_SHARED and rec.children:
        shared = [len(words & _words(child.label)) for child in rec.children]
        best = max(shared)
        if best >= _MIN_SHARED and shared.count(best) == 1:
            return rec.children[shared.index(best)], rec
        if best >= _MIN_SHARED:
            return _TIED  # two parts named as well: which one is not said
    parent = parents.get(id(rec))
    # "Ngân sách huyện đảm bảo 70%" in a second breakdown: a share of the total it splits
    whole = parents.get(id(parent)) if parent is not None and parent.split else parent
    named_after = _named_after(after, parent.children if parent is not None else [])
    if parent is not None and named_after is not None:  # "dành 60% cho hộ nghèo và 40% …"
        return named_after, whole or parent
    counted = [  # "19.806 hội viên (chiếm 97,2% số người cao tuổi)": of the 21.374 cụ
        other
        for other in by_line.get(rec.line, [])
        if other is not rec
        and other.start < rec.start
        and other.count
        and other.unit
        and rec.count is not None
        and f"số {other.unit}" in after
    ]
    if len(counted) == 1:
        return rec, counted[0]
    if whole is not None:
        return rec, whole
    before = [other for other in by_line.get(rec.line, []) if other.start < rec.start]
    totals = [other for other in before if other.total_cue and not other.children]
    if totals:
        return rec, totals[-1]
    larger = [  # "Xã có 1.247 hộ; … có 127 hộ nghèo (10,2%) và 214 hộ cận nghèo (17,2%)"
        other
        for other in before
        if rec.count is not None
        and other.count is not None
        and other.count > rec.count
        and other.unit is not None
        and rec.unit is not None
        and other.unit.split()[0] == rec.unit.split()[0]  # "hộ" and "hộ nghèo": households
        and not other.shares
        and not other.children
    ]
    if len(larger) == 1 and _bare_bracket(rec, lead, after):
        return rec, larger[0]
    if of_plan(after):  # "đã trao 5.502 suất, đạt 103,8% kế hoạch": of the plan
        plans = [other for other in before if _PLAN_NAMED.search(other.label)]
        plans = (
            plans
            or [
                other
                for line in sorted(by_line, reverse=True)
                if line <= rec.line
                for other in by_line[line]
                if other is not rec and _PLAN_NAMED.search(other.label)
            ][:1]
        )
        if plans:
            return rec, plans[-1] if plans[-1].line == rec.line else plans[0]
    return None


def _bare_bracket(rec: Rec, lead: str, after: str) -> bool:
    """The percentage stands alone in a bracket right after its count (``127 hộ nghèo
    (10,2%)``, ``(chiếm 10,2%)``), the count names no change (``tăng``, ``giảm``) and
    nothing after the bracket names another whole (``so với năm trước``, ``của …``); not
    the whole itself (``đạt 100%``)."""
    return (
        _OPENS_SHARE.search(lead) is not None
        and after.lstrip().startswith(")")
        and not _CHANGE_OR_GOAL.search(rec.label.lower())
        and not _ANOTHER_WHOLE.match(after.lstrip()[1:])
    )


_OPENS_SHARE = _regex.compile(r"\(\s*(?:chiếm\s*)?$", re.IGNORECASE)  # "(" or "(chiếm "
_CHANGE_OR_GOAL = _regex.compile(
    r"(?<![^\W\d_])(?:tăng|giảm|đạt|vượt|bằng|hoàn thành|so với|thêm)(?![^\W\d_])"
)
_ANOTHER_WHOLE = _regex.compile(r"\s*(?:so với|của|số|tổng|trên tổng|kế hoạch|chỉ tiêu)")


# "… đạt 103,8% kế hoạch", "bằng 95% so với kế hoạch", "đạt 109% chỉ tiêu": of the plan
_OF_PLAN = _regex.compile(
    r"\s*(?:so với |của )?(?:kế hoạch|kh|chỉ tiêu|dự toán)(?![^\W\d_])", re.IGNORECASE
)


def of_plan(after: str) -> bool:
    """Whether the words right after a percentage say it is of the plan (``… đạt 103,8%
    kế hoạch``, ``bằng 95% so với kế hoạch``, ``đạt 109% chỉ tiêu``)."""
    return _OF_PLAN.match(after) is not None


_PLAN_NAMED = _regex.compile(
    r"(?<![^\W\d_])(?:kế hoạch|kh|chỉ tiêu|dự toán)(?![^\W\d_])", re.IGNORECASE
)


def _field(part: Rec, whole: Rec, after: str) -> FigureField | None:
    fields: tuple[FigureField, ...] = (
        ("amount", "count") if _MONEY_WORDS.search(after) else ("count", "amount")
    )
    for field in fields:
        if getattr(part, field) is not None and getattr(whole, field):
            return field
    return None


def _words(label: str) -> set[str]:
    return set(_WORD.findall(label.lower()))


def _all(roots: list[Rec]) -> list[Rec]:
    out: list[Rec] = []
    stack = list(reversed(roots))
    while stack:
        rec = stack.pop()
        out.append(rec)
        stack.extend(reversed(rec.children))
    return out


__all__ = ["of_plan", "resolve_shares"]
