"""The report's hierarchy across lines: which record is a part of which.

Records arrive line by line. Each may become a part of an open record above it when:

* that record announced parts (``Trong đó:``, ``cụ thể:``) and has none yet;
* its bullet is new on the path (``+`` under ``-``) and its count fits in what the open
  record has left to account for;
* it carries the same bullet as the open record's parts so far, and fits — or the open
  record announced its parts, so the list goes on even where a figure is mistyped.

A record whose parts already add up (counts first: counts are where reports are right
even when amounts are wrong) takes no more. A heading closes everything. Parts that were
only inferred (no announcing words) are kept only if their counts or amounts add up
exactly; otherwise they go back to being siblings. Nothing is guessed that arithmetic
or the text does not support.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import _regex
from .._limits import MAX_TREE_DEPTH
from ._joins import (
    absorb,
    at_one_level,
    completes,
    joins,
    made_otherwise,
    price_rows,
    prices_parts,
)
from ._lines import Rec, counted_in_unit, level_only, parts_add_up, stated_sums
from ._rounding import written_forms
from ._tables import group_named, total_label
from .compile import FigureKind
from .slips import detect

_MARGIN = 3  # levels the steps after placement may add (a closing total, a table's rows)


class Builder:
    """Places records into the tree as the lines come."""

    def __init__(self) -> None:
        self.roots: list[Rec] = []
        self.stack: list[Rec] = []
        self.sums: dict[Rec, _Sums] = {}  # the parts' running totals of the records seen
        self.heading_start = 0  # the first top-level record since the last heading
        self.section_start = 0  # the first top-level record since the last section mark
        self.group_start = 0  # the same, lead-in lines apart (a lead-in may open a sub-list)
        self.number: str | None = None  # the number of the open section ("1", "II")
        self.deepest = 0  # the longest path of open records seen
        self.total_sections: set[str] = set()  # numbers of sections titled as totals
        self.led: tuple[int, list[Rec]] | None = None  # the open led-in list: start, scope
        self.lists: list[tuple[list[Rec], list[Rec]]] = []  # led-in lists: scope, items
        self.last: Rec | None = None  # the record placed last, while nothing came between

    def heading(self) -> None:
        """A heading: every open record is closed."""
        self._end_list()
        self.last = None
        self.stack.clear()
        self.number = None
        self.heading_start = self.section_start = self.group_start = len(self.roots)

    def section(self, number: str | None = None, title: str = "") -> None:
        """A numbered or bulleted line without figures (``1. Quà của tỉnh``): it opens a
        group whose closing total (``Cộng: …``) sums what follows it. A numbered section
        titled as a total (``III. TỔNG HỢP CHUNG``) may total the sections before it."""
        self._end_list()
        self.last = None
        self.stack.clear()
        self.number = number
        self.section_start = self.group_start = len(self.roots)
        if number is not None and _TOTAL_TITLE.fullmatch(title):
            self.total_sections.add(number)

    def lead_in(self) -> None:
        """A line without figures that leads into a list (``Danh sách các xã như sau:``):
        a closing total below it sums the list, or the whole group where that is what adds
        up (:meth:`_close`). Open records stay open: the list may still be the parts of a
        total stated above it, and a list left standing may be the parts of a record just
        above (:func:`_lists_to_totals`)."""
        self._end_list()
        self.last = None
        self.section_start = len(self.roots)
        start = len(self.roots)
        scope = self.roots[max(self.heading_start, start - _LIST_SCOPE) : start]
        self.led = (start, scope)

    def _end_list(self) -> None:
        """The list led in last ends here: what it put at the top, with what it may be of."""
        if self.led is None:
            return
        start, scope = self.led
        self.led = None
        items = self.roots[start:]
        if scope and len(items) >= 2 and all(item.line > scope[-1].line for item in items):
            self.lists.append((scope, items))

    def announce(self) -> None:
        """A line that only says "Trong đó:": the last record's parts follow."""
        self.last = None
        if self.stack:
            self.stack[-1].announces = True

    def _one_of_levels(self, heading: Rec) -> bool:
        """``Hộ nghèo: mức 500.000 đồng/hộ; hộ cận nghèo: mức 300.000 đồng/hộ`` over a
        table: the line states a level per group, and which rows are whose it does not
        say (as in :func:`pass_levels_down`)."""
        return any(
            other is not heading and other.line == heading.line and level_only(other)
            for other in self.roots[-_LINE_MATES:]
        )

    def top(self) -> Rec | None:
        """The innermost open record."""
        return self.stack[-1] if self.stack else None

    def place(self, rec: Rec) -> None:
        """Put ``rec`` under the innermost open record that takes it, or at the top, or
        join it to the record just before it when it gives that record's other figures
        (:mod:`._joins`)."""
        last, self.last = self.last, rec
        if last is not None and joins(last, rec) and self._alone(last) and self._replace(last, rec):
            return
        if (
            last is not None
            and prices_parts(last, rec)
            and not self._one_of_levels(last)
            and self._replace(last, rec)
        ):
            price_rows(rec, last.line)  # "1. Quà của Hội (mức 400.000 đồng/suất)" over a table
            return
        if rec.closing and not rec.children and rec.has_figures():
            if self._completes(rec) or self._close(rec):
                return
            rec.closing = False  # "Tổng kinh phí: …" with nothing above to sum: a restatement
        while self.stack:
            parent = self.stack[-1]
            if len(self.stack) >= MAX_TREE_DEPTH - _MARGIN:
                self.stack.pop()  # no deeper: the tree must stay writable (_limits)
                continue
            if self._accepts(parent, rec):
                parent.children.append(rec)
                if parent.announces:
                    parent.explicit = True
                break
            self.stack.pop()
        else:
            rec.section = rec.section or self.number
            self.roots.append(rec)
        self.stack.append(rec)
        self.deepest = max(self.deepest, len(self.stack))

    def finish(self) -> list[Rec]:
        """The top-level records, inferred parts that do not add up undone, and a total
        written above numbered sections, or alone in the section after them, given the
        sections it sums."""
        self._end_list()
        roots = self.roots
        if self.deepest >= MAX_TREE_DEPTH - _MARGIN:
            roots = _within_depth(roots)
        roots = _funding_splits(_lists_to_totals(_settle(roots), self.lists))
        roots = _trail_over_sections(_lead_over_sections(roots), self.total_sections)
        return _over_groups(roots)

    def _alone(self, rec: Rec) -> bool:
        """``rec`` is the only record of its group stating figures (a block of its own: a
        village's lines under ``1. Thôn A``): a line after the second item of a list
        (``Tổng kinh phí: …``) is the list's, not that item's."""
        if len(self.stack) >= 2:
            siblings = self.stack[-2].children
        else:
            siblings = self.roots[self.section_start :]
        return all(
            other is rec or not other.has_figures() or other.figure_lines for other in siblings
        )  # blocks before it joined the same way: "Thôn 1 - Số suất …" / "Số tiền nhận: …"

    def _replace(self, earlier: Rec, later: Rec) -> bool:
        """``later`` absorbs ``earlier``, the innermost open record, in its place."""
        if not self.stack or self.stack[-1] is not earlier:
            return False
        siblings = self.stack[-2].children if len(self.stack) >= 2 else self.roots
        if not siblings or siblings[-1] is not earlier:
            return False
        absorb(later, earlier)
        siblings[-1] = self.stack[-1] = later
        return True

    def _completes(self, rec: Rec) -> bool:
        """A closing total giving the one record of its group above it, whose parts state
        the figure it gives, that missing figure (``Tặng quà cho 4 cụ, cụ thể:`` … ``Tổng
        kinh phí: 2.700.000 đồng``): the total takes its place, with its parts."""
        group = [part for part in self.roots[self.section_start :] if part.has_figures()]
        if len(group) != 1 or group[0] is not self.roots[-1] or not completes(group[0], rec):
            return False
        absorb(rec, group[0])
        self.roots[-1] = rec
        self.stack.clear()
        self.last = None
        return True

    def _close(self, rec: Rec) -> bool:
        """A closing total takes the records it sums: for a grand total the closing totals
        since the last heading, or, standing in a group of its own, the totals with parts
        since the last heading; else the top-level records of its group."""
        since_heading = self.roots[self.heading_start :]
        totals = [part for part in since_heading if part.closing]
        sections = [part for part in since_heading if part.children]
        named = _named_sections(since_heading, rec.sums_sections)
        if named is None and rec.sums_sections:  # each section under a heading of its own
            named = _named_sections(self.roots, rec.sums_sections)
        if named is not None:
            parts = named  # "Tổng cộng (1 + 2)": sections 1 and 2, not what follows them
        elif rec.grand and len(totals) >= 2:
            parts = totals
        elif rec.grand and len(sections) >= 2 and not self.roots[self.section_start :]:
            parts = sections  # "Tổng cộng (1 + 2 + 3)" under its own heading: the sections
        elif (
            rec.grand
            and (numbered := _numbered_sections(since_heading)) is not None
            and numbered[1] == len(since_heading)
            and _totals(rec, numbered[0])
        ):
            parts = numbered[0]  # "1. Thôn A" … "2. Thôn B" …, then "Tổng cộng: …"
        else:  # a hedged or rounded lead in the group restates; it is no part
            parts = [
                part
                for part in self._group(self.section_start, rec)
                if part.children or not _rounded_lead(part, rec)
            ]
            if len(parts) == 1 and parts[0].children and _rounded_lead(parts[0], rec):
                # "tổng kinh phí … đạt 2,37 tỷ đồng" took the parts, then "Cộng lại, tổng
                # kinh phí là 2.366.300.000 đồng": the exact total sums them, the lead
                # restates it rounded
                lead = parts[0]
                parts, lead.children = lead.children, []
                lead.explicit = lead.inline = False
            if self.group_start < self.section_start:
                # "Quà của tỉnh: 100 suất." / "Quà của các đơn vị như sau:" / 30 / 20 /
                # "Tổng cộng: 150 suất.": the led-in list may be one part of the group;
                # what adds up exactly, else but for one slip, else the led-in list
                whole = self._group(self.group_start, rec)
                choices = [
                    group
                    for adds_up in (_exactly, parts_add_up)
                    for group in (parts, whole)
                    if adds_up(rec, group)
                ]
                parts = choices[0] if choices else parts
            parts = _closed_run(rec, parts)
            if (
                len(parts) >= 2
                and parts[-1].children
                and not parts_add_up(rec, parts)
                and _states_again(parts[-1], rec)
            ):
                # a table's total, then "Tổng kinh phí … là 4.299.400.000 đồng": its
                # figures again, not the sum of it and the prose before it
                parts = parts[-1:]
            if any(part.closing for part in parts):
                return False  # two closing totals in one group: which sums what is unclear
        if not parts or not all(part.has_figures() for part in parts):
            return False
        if (
            rec.section is not None
            and not rec.grand
            and named is None
            and any(part.section is not None for part in parts)
            and not parts_add_up(rec, parts)
        ):
            return False  # "3. Tổng chi: …" after "1. Số dư …", "2. Tổng thu …": a section
        if len(parts) == 1 and not _same_figures(parts[0], rec):
            return False  # one record above is no list this total sums: another total
        _same_people(rec, parts)
        taken = {id(part) for part in parts}
        self.roots = [root for root in self.roots if id(root) not in taken]
        self.heading_start = min(self.heading_start, len(self.roots))
        rec.children, rec.explicit = parts, True
        rec.section = rec.section or self.number  # "Cộng mục 1" stands for section 1
        self.roots.append(rec)
        self.section_start = self.group_start = len(self.roots)
        self.stack.clear()
        return True

    def _group(self, start: int, total: Rec) -> list[Rec]:
        """The top-level records from ``start`` a closing ``total`` may sum."""
        return [
            part
            for part in self.roots[start:]
            if part.has_figures() and not _counts_other(part, total)
        ]

    def _amid_line(self, rec: Rec) -> bool:
        """``rec`` is one of several records of its line, announcing nothing (``Xã có
        1.247 hộ; … 127 hộ nghèo (10,2%) và 214 hộ cận nghèo.``) whose line does not end
        with ``:``: the bullets below are no parts of its last figure."""
        siblings = self.stack[-2].children if len(self.stack) >= 2 else self.roots
        return (
            not rec.announces
            and not rec.leads
            and any(
                other is not rec and other.line == rec.line for other in siblings[-_LINE_MATES:]
            )
        )

    def _accepts(self, parent: Rec, rec: Rec) -> bool:
        stack = self.stack
        if not parent.has_figures():
            return False  # "hơn 4.400 đối tượng": a hedged figure takes no parts
        if parent.bullet == "|" and rec.bullet != "|" and not parent.announces:
            return False  # a table's rows are its own: the text below it is no row
        if not parent.children:
            if parent.announces:
                return True
            if rec.bullet is not None and all(rec.bullet != up.bullet for up in stack):
                return _fits(parent, rec, _Sums()) and not self._amid_line(parent)
            return (
                parent.total_cue
                and rec.bullet is None
                and parent.bullet is None
                and _fits(parent, rec, _Sums())
            )
        sums = self._sums(parent)
        if parent.inline or _filled(parent, sums):
            return False
        if rec.bullet == parent.children[-1].bullet:  # an announced list goes on until filled
            # a list under a total goes on past it too: whether the total or a part is the
            # slip is settled once the list is whole (:func:`_settle`)
            return parent.announces or parent.total_cue or _fits(parent, rec, sums)
        if any(rec.bullet == up.bullet for up in stack):
            return False
        return _fits(parent, rec, sums)

    def _sums(self, parent: Rec) -> _Sums:
        """The totals of ``parent``'s parts, brought up to date with the parts added since
        they were last counted: each part is counted once, so a long list of parts stays
        linear. Parts are only added while a record is open, and a part is counted only when
        ``parent`` is the innermost open record again, that is once the part is closed; a
        closed record's figures never change (a table's total row restates the innermost
        open record's only)."""
        sums = self.sums.get(parent)
        if sums is None:
            sums = self.sums[parent] = _Sums()
        children = parent.children
        for child in children[sums.seen :]:
            if child.count is None:
                sums.counts_missing = True
            else:
                sums.count += child.count
            if child.amount is None:
                sums.amounts_missing = True
            else:
                sums.amount += child.amount
        sums.seen = len(children)
        return sums


_LIST_SCOPE = 8  # records above a lead-in line a list left standing may be the parts of


def _lists_to_totals(roots: list[Rec], lists: list[tuple[list[Rec], list[Rec]]]) -> list[Rec]:
    """``Hội đã trao 640 suất quà …`` / ``Số suất phân bổ cho các xã:`` / ``Xã A: 120
    suất`` … : a list led in by a line without figures, left standing at the top (no
    closing total took it, no open record), is the parts of the one record just above
    the lead-in whose figure it adds up to exactly (:func:`_distributes`). Where none or
    several fit, the list stays as it was read."""
    if not lists:
        return roots
    at_top = {id(root) for root in roots}
    taken: set[int] = set()
    for scope, items in lists:
        if not all(id(item) in at_top and item.has_figures() for item in items):
            continue
        owners = [
            rec for rec in scope if id(rec) in at_top and id(rec) not in taken and not rec.children
        ]
        fits = [rec for rec in owners if _distributes(rec, items)]
        if len(fits) != 1:
            continue
        fits[0].children = list(items)
        taken.update(id(item) for item in items)
    return [root for root in roots if id(root) not in taken] if taken else roots


_FUNDING = _regex.compile(
    r"(?<![^\W\d_])(?:ngân sách|nguồn|xã hội hóa|xã hội hoá|xhh|quỹ|vận động|tài trợ|ủng hộ)"
    r"(?![^\W\d_])",
    re.IGNORECASE,
)


def _funding_splits(roots: list[Rec]) -> list[Rec]:
    """``Tổng số: 1.256 người, tổng kinh phí 337.100.000 đồng`` over its groups, then ``2.
    Nguồn kinh phí`` / ``- Ngân sách huyện đảm bảo 70%: 235.970.000 đồng;`` / ``- Ngân
    sách xã …``: a run of two or more records, each naming a funding source and stating
    an amount, with no parts, standing at the top after a record whose amount they add up
    to exactly is that record's breakdown by source: its parts where it has none, else a
    second breakdown of its figures (:attr:`~.nodes.Node.split`). Exactly: lines of other
    years or programmes after a total may be one slip from it by chance."""
    out: list[Rec] = []
    index = stop = total = 0  # the run of funding lines from index to stop, and its sum
    while index < len(roots):
        if stop <= index:
            stop, total = index, 0
            while stop < len(roots) and _funding_line(roots[stop]):
                total += roots[stop].amount or 0
                stop += 1
        run = roots[index:stop] if stop - index >= 2 else []
        owner = _funded(out[-_LIST_SCOPE:], total) if run else None
        if owner is None:
            if stop > index:  # the run without its first line: linear in the lines
                total -= roots[index].amount or 0
            out.append(roots[index])
            index += 1
            continue
        if owner.children:
            owner.children.append(_source_split(run))
        else:
            owner.children, owner.explicit = run, True
        index = stop
    return out


def _over_groups(roots: list[Rec]) -> list[Rec]:
    """``Cộng mục 1: 2.176 người, dự toán 1.623.200.000 đồng`` … ``Cộng mục 2: 1.999
    suất, …`` and then ``Tổng số quà: 4.175 suất; tổng dự toán kinh phí: 2.405.700.000
    đồng``: a total standing after two or more groups in a row (records with parts),
    with no parts of its own but a breakdown by funding source, sums those groups where
    both witnesses say so: every figure it states adds up exactly, or, stating a count
    and an amount, one adds up exactly and the other but for one slip (found then). Its
    funding lines become a second breakdown (:attr:`~.nodes.Node.split`)."""
    index = 2
    while index < len(roots):
        total = roots[index]
        if not total.total_cue or not all(_funding_line(child) for child in total.children):
            index += 1  # tested before the groups are gathered: linear in the records
            continue
        groups: list[Rec] = []
        for rec in reversed(roots[:index]):
            if not rec.children or rec.split or any(child.split for child in rec.children):
                break
            groups.append(rec)
        groups.reverse()
        if len(groups) < 2 or not _both_witness(total, groups):
            index += 1
            continue
        total.children = [*groups, _source_split(total.children)] if total.children else groups
        total.explicit = True
        del roots[index - len(groups) : index]
        index = index - len(groups) + 1
    return roots


def _both_witness(total: Rec, groups: list[Rec]) -> bool:
    sums = stated_sums(total, groups)
    if len(sums) < len([name for name in ("count", "amount") if getattr(total, name) is not None]):
        return False  # a figure of the total no group states: no sum of them
    exact = [sum(values) == whole for _, whole, values in sums]
    if not exact or all(exact):
        return bool(exact)
    if len(sums) < 2 or not any(exact):
        return False
    name, whole, values = sums[exact.index(False)]
    kind: FigureKind = "count" if name == "count" else "money"
    return detect(whole, sum(values), kind) is not None


def _source_split(run: list[Rec]) -> Rec:
    """Funding lines as a second breakdown of the figures of the record they follow."""
    split = Rec(line=run[0].line, label="Nguồn kinh phí", bullet=run[0].bullet)
    split.children, split.explicit, split.split = run, True, True
    split.section = run[0].section
    return split


def _funding_line(rec: Rec) -> bool:
    return rec.amount is not None and not rec.children and _FUNDING.search(rec.label) is not None


def _funded(above: list[Rec], total: int) -> Rec | None:
    """The record above whose amount a run of funding lines summing to ``total`` breaks
    down (see :func:`_funding_splits`)."""
    stating = [rec for rec in above if rec.amount is not None and not rec.split]
    exact = [rec for rec in stating if rec.amount == total]
    return exact[-1] if exact else None  # exactly: lines of other years or programmes


def _totals(total: Rec, sections: list[Rec]) -> bool:
    """``total`` sums the ``sections`` exactly, or is called a total and nothing else
    (``Tổng cộng:``, not ``Tổng cộng đã chi:`` under ``1. Kinh phí được giao``) and sums
    them but for one slip."""
    if _exactly(total, sections):
        return True
    return _BARE_TOTAL.fullmatch(total.label) is not None and parts_add_up(total, sections)


def _closed_run(total: Rec, parts: list[Rec]) -> list[Rec]:
    """The records a closing total sums: ``parts``; for a running total of rounds
    (``Lũy kế``, ``cộng dồn``) the rounds right above it (``Đợt 1``, ``Lần 2``, ``Tháng
    3``) where they add up to it exactly by one figure and the whole group does not even
    but for one slip (``Kinh phí được giao: 1.325 người …`` / ``Đợt 1: 842 người …`` /
    ``Đợt 2: 371 người …`` / ``Lũy kế: 1.213 người, …``: not the allocation above), and
    none where neither adds up: a running total may reach further back than the rounds
    written (``Lũy kế từ đầu năm``, ``Lũy kế các năm 2024 - 2026``)."""
    if not _RUNNING.match(total.label) or parts_add_up(total, parts):
        return parts
    start = len(parts)
    while start > 0 and _ROUND.match(parts[start - 1].label):
        start -= 1
    run = parts[start:]
    return run if len(run) >= 2 and start > 0 and _exactly(total, run) else []


def _same_people(total: Rec, rounds: list[Rec]) -> None:
    """``Tháng 1: 320 người, 96.000.000 đồng`` / ``Tháng 2: 320 người, …`` / ``Lũy kế 2
    tháng: 320 người, 192.000.000 đồng``: a running total whose count is every round's
    counts the same people again, not their sum; it restates the last round's count."""
    count = total.count
    if (
        count is None
        or not _RUNNING.match(total.label)
        or len(rounds) < 2
        or any(part.count != count for part in rounds)
    ):
        return
    rounds[-1].restatements.append(("count", count, total.line))
    total.count, total.unit = None, None


_RUNNING = _regex.compile(r"\W*(?:lũy kế|luỹ kế|cộng dồn)(?![^\W\d_])", re.IGNORECASE)
_ROUND = _regex.compile(r"\W*(?:đợt|lần|kỳ|tháng|quý|tuần) \d", re.IGNORECASE)


def _exactly(total: Rec, parts: list[Rec]) -> bool:
    """The parts' counts or amounts sum to ``total``'s exactly (no slip allowed, whatever
    ``total`` is called: :func:`._lines.parts_add_up` of a record with no total cue)."""
    return parts_add_up(Rec(line=total.line, count=total.count, amount=total.amount), parts)


def _distributes(owner: Rec, items: list[Rec]) -> bool:
    """``items`` add up exactly to ``owner``'s count in its unit (``245 hộ nghèo`` is no
    total of ``… suất``), or to its amount. Exactly: a list led in by a line of its own
    is only loosely tied to a record above it (money spent is no part of money raised
    that happens to be one slip away)."""
    if not owner.has_figures():
        return False
    counts = [item.count for item in items]
    counted = owner.count is not None and None not in counts and counted_in_unit(items, owner)
    if counted and sum(count or 0 for count in counts) == owner.count:
        return True
    if owner.amount is not None and all(item.amount is not None for item in items):
        return sum(item.amount or 0 for item in items) == owner.amount
    return False


def _within_depth(roots: list[Rec], limit: int = MAX_TREE_DEPTH - 1) -> list[Rec]:
    """``roots`` with no path longer than ``limit`` records: the parts of a record at the
    limit stand at the top level after it instead (their figures stay in the tree, in
    reading order; only the sum that nested them is lost). Iterative: the tree may be
    deeper than Python's recursion."""
    out: list[Rec] = []
    pending = list(reversed(roots))
    while pending:
        root = pending.pop()
        out.append(root)
        hoisted: list[Rec] = []
        stack = [(root, 1)]
        while stack:
            rec, depth = stack.pop()
            if depth >= limit and rec.children:
                hoisted.extend(rec.children)
                rec.children, rec.explicit = [], False
                continue
            stack.extend((child, depth + 1) for child in rec.children)
        pending.extend(reversed(hoisted))
    return out


def _counts_other(part: Rec, total: Rec) -> bool:
    """A record counting something else than the total (``02 liệt sĩ`` beside suất), with
    no amount: no part of it."""
    return (
        part.amount is None
        and part.count is not None
        and None not in (part.unit, total.unit)
        and part.unit != total.unit
    )


def _states_again(part: Rec, total: Rec) -> bool:
    """Every figure ``total`` states is ``part``'s, or one of them is one typing slip
    from it."""
    stated = [field for field in ("count", "amount") if getattr(total, field) is not None]
    if not stated or any(getattr(part, field) is None for field in stated):
        return False
    off = [field for field in stated if getattr(part, field) != getattr(total, field)]
    if not off:
        return True
    kind: dict[str, FigureKind] = {"count": "count", "amount": "money"}
    return len(off) == 1 and all(
        detect(getattr(total, field), getattr(part, field), kind[field]) is not None
        for field in off
    )


def _same_figures(part: Rec, total: Rec) -> bool:
    """The one record above a closing total states the same count or amount."""
    return any(
        getattr(total, field) is not None and getattr(part, field) == getattr(total, field)
        for field in ("count", "amount")
    )


_SECTION_TOTAL = _regex.compile(
    r"\W*cộng(?:\s+(?:mục|phần|nhóm|khoản))?\s+([IVXLC]{1,6}|\d{1,2}|[A-H])\W*$", re.IGNORECASE
)


def _section_named(label: str) -> str | None:
    """The section a section's total names (``Cộng A``, ``Cộng mục II``, ``Cộng 2``)."""
    found = _SECTION_TOTAL.match(label)
    return None if found is None else found.group(1).upper()


def _named_sections(roots: list[Rec], numbers: tuple[str, ...]) -> list[Rec] | None:
    """The record standing for each numbered section (its closing total, one named by
    its label, ``Cộng A``, or its only top-level record stating figures); ``None``
    unless every section named has exactly one."""
    if len(numbers) < 2:
        return None
    parts: list[Rec] = []
    for number in numbers:
        members = [rec for rec in roots if rec.section == number and rec.has_figures()]
        closing = [rec for rec in members if rec.closing] or [
            rec  # "Cộng A" under "A. Quà mức 300.000 đ/suất": named by its total
            for rec in roots
            if rec.closing and _section_named(rec.label) == number
        ]
        chosen = closing if closing else members
        if len(chosen) != 1:
            return None
        parts.append(chosen[0])
    return parts


@dataclass(slots=True)
class _Sums:
    """The running totals of a record's parts: counts and amounts, and whether any part
    lacks one."""

    seen: int = 0  # how many parts are counted
    count: int = 0
    amount: int = 0
    counts_missing: bool = False
    amounts_missing: bool = False


def _fits(parent: Rec, rec: Rec, sums: _Sums) -> bool:
    """What ``parent`` has left covers ``rec``, by count or by amount: counts and amounts
    are two witnesses, and one mistyped figure must not move a part out of its total."""
    by_count = by_amount = None
    if parent.count is not None and rec.count is not None:
        by_count = rec.count <= parent.count - sums.count
    if parent.amount is not None and rec.amount is not None:
        by_amount = rec.amount <= parent.amount - sums.amount
    return bool(by_count or by_amount)


def _filled(parent: Rec, sums: _Sums) -> bool:
    """The parts so far account for the whole, by count or by amount (an exact sum is
    evidence even where the other figure is mistyped)."""
    if parent.count is not None and not sums.counts_missing and sums.count == parent.count:
        return True
    return parent.amount is not None and not sums.amounts_missing and sums.amount == parent.amount


def _settle(recs: list[Rec]) -> list[Rec]:
    """Inferred parts that do not add up are undone: a record keeps the longest run of
    its first parts that adds up (two at least), and the rest stand beside it."""
    settled: list[Rec] = []
    for rec in recs:
        rec.children = _settle(rec.children)
        settled.append(rec)
        if rec.children and not rec.explicit and not rec.inline and not _adds_up(rec):
            kept = _adding_prefix(rec)
            settled.extend(rec.children[kept:])
            rec.children = rec.children[:kept]
    return settled


def _adding_prefix(rec: Rec) -> int:
    """How many of ``rec``'s first parts add up to it (0 when no run of two or more does)."""
    children = rec.children
    for kept in range(len(children) - 1, 1, -1):
        rec.children = children[:kept]
        if _adds_up(rec):
            rec.children = children
            return kept
    rec.children = children
    return 0


_TOTAL_WORD = _regex.compile(r"(?<![^\W\d_])tổng(?![^\W\d_])")


def _rounded_lead(part: Rec, total: Rec) -> bool:
    """``part`` states ``total``'s figure rounded (``tổng kinh phí … đạt 16,23 tỷ đồng``
    above the parts and ``Cộng lại, tổng kinh phí chính xác là 16.232.300.000 đồng``):
    called a total, its figure within its precision of the total's. It restates the total;
    summed as a part, it doubled it (a false error)."""
    if not (part.total_cue or _TOTAL_WORD.search(part.label.lower())):
        return False
    for field in ("amount", "count"):
        step = part.precision.get(field, 1)
        value, whole = getattr(part, field), getattr(total, field)
        if step > 1 and value is not None and whole is not None:
            return value // step in written_forms(whole, step)
    return False


_LINE_MATES = 8  # records back a line's other records are looked for


def pass_levels_down(roots: list[Rec]) -> list[Rec]:
    """``Quà tặng hộ nghèo, mức 300.000 đồng/suất:`` over rows of counts and amounts with
    no level of their own: a record stating only a level gives it to the records right
    after it (and to the parts of a total among them) that have a count and an amount but
    no level, so each row's product is checked. The level stays on its own line too. A
    line stating several levels alone (one per group) gives none: which rows are whose the
    text does not say. A lettered section's level (``A. Quà mức 300.000 đ/suất``) whose
    ``Cộng A`` a grand total took (``TỔNG CỘNG (A + B + C)``) goes to that total's rows."""
    for index, rec in enumerate(roots):
        if rec.level is None or rec.has_figures() or rec.children:
            continue
        if any(
            other is not rec and other.line == rec.line and level_only(other)
            for other in roots[max(0, index - 1) : index + 2]
        ):
            continue  # "người có công 500.000 đồng/suất; hộ nghèo 400.000 đồng/suất": whose?
        following = roots[index + 1 :]
        section = None if rec.section is None else rec.section.upper()
        grand = next((later for later in following if section in later.sums_sections), None)
        if grand is not None:
            # "A. Quà mức 300.000 đ/suất" whose "Cộng A" a grand total took: that one
            following = [part for part in grand.children if _section_named(part.label) == section]
        for after in following:
            if after.level is not None and not after.has_figures():
                break  # the next level-only record speaks for what follows it
            if after.sums_sections:
                break  # "TỔNG CỘNG (A + B + C)": the sections' total, at no one level
            rows = [after, *after.children]
            takers = [row for row in rows if _awaits_level(row)]
            if not takers and not after.children:
                break
            if not takers and any(child.level is not None for child in after.children):
                break  # a table pricing its own rows: the level above speaks no further
            if not _bears_level(rec.level, takers) or _made_otherwise(rec, after):
                continue  # "mức từ 400.000 đồng/suất trở lên": the rows are not all at it
            for row in takers:
                row.level = rec.level
    return roots


def pass_levels_by_name(roots: list[Rec]) -> list[Rec]:
    """``(Nhóm A: người có công, mức 500.000 đ/suất; nhóm B: hộ nghèo, mức 300.000
    đ/suất)`` over a table by group (``Nhóm A | Tiền nhóm A | Nhóm B | …``): a line
    stating a level per group, each clause opening with the group's name, gives each
    group's parts below it (a count and an amount, no level) that level, where the parts
    bear it out (:func:`_bears_level`), so each product is checked."""
    for index, rec in enumerate(roots):
        if not level_only(rec) or (index and _same_line_level(roots[index - 1], rec)):
            continue
        mates = [rec]
        for other in roots[index + 1 : index + _LINE_MATES]:
            if not _same_line_level(other, rec):
                break
            mates.append(other)
        named = {group_named(mate.label.split(":", 1)[0]): mate.level for mate in mates}
        if len(mates) < 2 or len(named) != len(mates) or "" in named:
            continue
        parts: dict[str, list[Rec]] = {}
        for after in roots[index + len(mates) :]:
            if level_only(after):
                break
            for row in _walk_all(after):
                group = group_named(row.label.rsplit(": ", 1)[-1]) if ": " in row.label else ""
                if group in named and _awaits_level(row):
                    parts.setdefault(group, []).append(row)
        for group, takers in parts.items():
            level = named[group]
            # a total's part follows its rows (summed as typed): no vote of its own
            voters = [row for row in takers if not total_label(row.label)] or takers
            if level is not None and _bears_level(level, voters):
                for row in takers:
                    _give_level(row, level, rec.line)  # the mates' line
    return roots


def pass_levels_to_parts(roots: list[Rec]) -> list[Rec]:
    """``… đã trao quà cho 564 hộ nghèo …; mức quà 1.000.000 đồng/hộ`` over a table of
    the communes' households and amounts: a record stating a level and no amount gives it
    to the records under it that state a count and an amount and no level (not below one
    with a level of its own), where they bear it out (:func:`_bears_level`), so each
    product is checked."""
    for root in roots:
        for rec in _walk_all(root):
            if rec.level is None or rec.amount is not None or not rec.children:
                continue
            takers: list[Rec] = []
            stack = list(rec.children)
            while stack:
                part = stack.pop()
                if part.level is not None or part.split:
                    continue
                if _awaits_level(part):
                    takers.append(part)
                stack.extend(part.children)
            voters = [row for row in takers if not total_label(row.label)] or takers
            if takers and _bears_level(rec.level, voters):
                for row in takers:
                    _give_level(row, rec.level, rec.line)
    return roots


def _give_level(row: Rec, level: int, line: int) -> None:
    """``row`` takes ``level``, written on ``line`` (a finding on it points there)."""
    row.level = level
    row.figure_lines = {**(row.figure_lines or {}), "level": line}


def _same_line_level(other: Rec, rec: Rec) -> bool:
    return other.line == rec.line and level_only(other)


def _walk_all(rec: Rec) -> list[Rec]:
    """``rec`` and every record under it."""
    found, stack = [], [rec]
    while stack:
        node = stack.pop()
        found.append(node)
        stack.extend(node.children)
    return found


def _made_otherwise(heading: Rec, total: Rec) -> bool:
    """:func:`._joins.made_otherwise` for ``total``'s rows (each with a count and an
    amount) at ``heading``'s level."""
    level = heading.level or 0
    rows = [child for child in total.children if not child.split]
    if not rows or total.amount is None or total.count is None:
        return False
    if any(row.amount is None or not row.count for row in rows):
        return False
    pairs = [(row.count or 0, row.amount or 0) for row in rows]
    return made_otherwise(level, pairs, total.count, total.amount, minimum=heading.at_least)


def _bears_level(level: int, rows: list[Rec]) -> bool:
    """The rows bear a level stated once out: each but one is its count × the level, or
    (the level mistyped) every one is its count × one same level one typing slip makes
    the written one (:func:`._joins.at_one_level`). Two rows or more off it say it is a
    minimum, a range or an average, not their level."""
    if len(rows) < 3:
        return True
    priced = sum((row.count or 0) * level == row.amount for row in rows)
    if priced >= len(rows) - 1:
        return True
    pairs = [(row.count, row.amount or 0) for row in rows if row.count]
    return bool(at_one_level(level, pairs))


def _awaits_level(rec: Rec) -> bool:
    return (
        rec.count is not None
        and rec.amount is not None
        and rec.level is None
        and all(child.split for child in rec.children)  # a row broken down again may
    )


def _lead_over_sections(roots: list[Rec]) -> list[Rec]:
    """``Tổng số suất quà: 2.318 suất.`` / ``Tổng kinh phí: 936.000.000 đồng.`` above
    ``1. …``, ``2. …``, ``3. …``: a total (its count and amount may stand on two lines
    running) with no parts, followed by the numbered sections 1, 2, … each standing for
    one record (its closing total, or its only record), takes them as its parts where
    they add up to it (for a total, but for one typing slip)."""
    index = 0
    while index < len(roots):
        lead = roots[index]
        first = _first_section(lead)
        if not (lead.total_cue or first) or lead.section is not None:
            index += 1
            continue
        if lead.children and not first:  # parts of its own: "Tổng số 100 suất, trong đó …"
            index += 1
            continue
        after = index + 1
        second = roots[after] if after < len(roots) else None
        if (
            second is not None
            and second.total_cue
            and not second.children
            and second.section is None
            and second.line == lead.line + 1
            and lead.count is not None
            and lead.amount is None
            and second.count is None
            and second.amount is not None
        ):
            after += 1  # the total's amount on the next line
        gap = 0  # levels stated between the total and the sections ("Mức quà … 500.000 đồng")
        while after + gap < len(roots) and level_only(roots[after + gap]):
            gap += 1
        sections = _numbered_sections([*first, *roots[after + gap :]])
        if sections is None:
            index += 1
            continue
        parts, used = sections
        used -= len(first)
        total = Rec(line=lead.line, label=lead.label, count=lead.count, amount=lead.amount)
        total.total_cue = True
        if after > index + 1:
            total.amount = roots[index + 1].amount
        if not parts_add_up(total, parts):
            # "3. Đánh giá chung: … năm trước 1.500 người" after the sections summed: the
            # longest run of two sections or more that adds up, else none
            run = next(
                (k for k in range(len(parts) - 1, 1, -1) if parts_add_up(total, parts[:k])),
                None,
            )
            if run is None or first:
                index += 1
                continue
            numbers = {part.section for part in parts[:run]}
            parts = parts[:run]
            rest = roots[after + gap :]
            used = next((i for i, rec in enumerate(rest) if rec.section not in numbers), len(rest))
        if after > index + 1:
            lead.amount = roots[index + 1].amount
            lead.precision.update(roots[index + 1].precision)
            del roots[index + 1]
            after -= 1
        lead.children, lead.explicit = parts, True
        taken = {id(part) for part in parts}
        start = after + gap
        roots[start : start + used] = [r for r in roots[start : start + used] if id(r) not in taken]
        index += 1
    return roots


_BARE_TOTAL = _regex.compile(
    r"[\W\d_]*(?:tổng hợp\W*)?(?:tổng cộng|tổng số|tổng|cộng)(?: chung| cả| toàn \w+)?[\W\d_]*",
    re.IGNORECASE,
)  # "Tổng cộng:", "4. Tổng hợp: Tổng cộng", "Cộng chung": a total of everything above


_YEARS = _regex.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")  # a total naming its years

_TOTAL_TITLE = _regex.compile(
    r"[\W\d_]*(?:tổng hợp|tổng cộng|cộng)(?: chung| cả| toàn \w+)?[\W\d_]*", re.IGNORECASE
)  # "III. TỔNG HỢP CHUNG", "4. Tổng cộng": a section that totals the sections above it


def _trail_over_sections(
    roots: list[Rec], total_sections: set[str] | frozenset[str] = frozenset()
) -> list[Rec]:
    """``1. …``, ``2. …``, ``3. …`` and then ``4. Tổng hợp`` / ``Tổng cộng: 1.104 suất,
    tổng kinh phí 435.300.000 đồng.``: a total with no parts whose label is a bare total
    word (not ``Kế hoạch năm 2025: tổng cộng …``) or which stands in a section titled as
    a total (``III. TỔNG HỢP CHUNG`` / ``Tổng số quà đã trao: …``; ``total_sections``),
    the only record of the numbered section right after sections 1 (or I) to N, each
    standing for one record (its closing total, or its only record), takes them as its
    parts where they add up to it (for a total, but for one typing slip; exactly where its
    label names years: ``Tổng … giai đoạn 2021 - 2024`` may count years not listed)."""
    index = 0
    while index < len(roots):
        trail = roots[index]
        number = trail.section
        index += 1
        ordinal = _ordinal(number)
        if not trail.total_cue or trail.children or number is None or ordinal is None:
            continue
        if not _BARE_TOTAL.fullmatch(trail.label) and number not in total_sections:
            continue  # "3. Kế hoạch năm 2025: tổng cộng 900 suất": another figure
        if ordinal < 3 or sum(rec.section == number for rec in roots) != 1:
            continue
        first = _series(number)[0]
        start = next((i for i, rec in enumerate(roots[: index - 1]) if rec.section == first), None)
        if start is None:
            continue
        found = _numbered_sections(roots[start : index - 1])
        if found is None or found[1] != index - 1 - start or len(found[0]) != ordinal - 1:
            continue
        parts = found[0]
        if not (_exactly if _YEARS.search(trail.label) else parts_add_up)(trail, parts):
            continue  # "Tổng … giai đoạn 2021 - 2024": a period's total may hold more years
        trail.children, trail.explicit = parts, True
        taken = {id(part) for part in parts}
        roots[start : index - 1] = [rec for rec in roots[start : index - 1] if id(rec) not in taken]
        index = start + 1
    return roots


def _first_section(lead: Rec) -> list[Rec]:
    """The parts a lead announcing a list (``…, cụ thể như sau:``) took that are all of
    section 1 (the section right under it: ``1. Quà của Hội …``): the first of the
    numbered sections it may total; else none (a lead without parts, or whose parts are
    its own list, takes none)."""
    children = lead.children
    if not lead.announces or not children:
        return []
    number = children[0].section
    if number not in ("1", "I") or any(child.section not in (number, None) for child in children):
        return []
    return list(children)


def _numbered_sections(roots: list[Rec]) -> tuple[list[Rec], int] | None:
    """The record standing for each of the sections 1, 2, … that follow (two at least),
    and how many top-level records they span; ``None`` when a section has no single one
    before two have (a later section of several records, ``3. Đánh giá chung``, ends
    the run: the caller checks that the run adds up)."""
    parts: list[Rec] = []
    used = 0
    first = roots[0].section if roots else None
    series = _series(first)
    for number in series:
        members = []
        while used < len(roots) and roots[used].section == number:
            members.append(roots[used])
            used += 1
        if not members:
            break
        closing = [rec for rec in members if rec.closing]
        chosen = closing if closing else members
        if len(chosen) != 1 or not chosen[0].has_figures():
            if len(parts) >= 2:  # "3. Đánh giá chung" after the sections summed: not one
                used -= len(members)
                break
            return None
        parts.append(chosen[0])
    return (parts, used) if len(parts) >= 2 else None


_ROMAN = (
    "I",
    "II",
    "III",
    "IV",
    "V",
    "VI",
    "VII",
    "VIII",
    "IX",
    "X",
    "XI",
    "XII",
    "XIII",
    "XIV",
    "XV",
    "XVI",
    "XVII",
    "XVIII",
    "XIX",
    "XX",
)
_DIGITS = tuple(str(number) for number in range(1, 100))  # 1, 2, 3, …
_LETTERS = tuple("ABCDEFGH")  # A, B, C, … (lettered items, _normalize._CAPITAL)


def _series(first: str | None) -> tuple[str, ...]:
    """The numbers of the series a section numbered ``first`` opens: 1, 2, 3 …; I, II,
    III … (a report's parts rarely run past twenty); or A, B, C …"""
    if first is None or first.isdigit():
        return _DIGITS
    return _ROMAN if first in _ROMAN else _LETTERS


def _ordinal(number: str | None) -> int | None:
    """The place of section ``number`` in its series (``"3"``, ``"III"``, ``"C"``: 3)."""
    if number is None:
        return None
    if number.isdigit():
        return int(number)
    if number in _ROMAN:
        return _ROMAN.index(number) + 1
    return _LETTERS.index(number) + 1 if number in _LETTERS else None


def _adds_up(rec: Rec) -> bool:
    """The parts' counts, or else their amounts, sum exactly to the record's (for a record
    called a total, but for one typing slip: see :func:`._lines.parts_add_up`)."""
    if rec.total_cue:
        return parts_add_up(rec, rec.children)
    children = rec.children
    counts = [child.count for child in children]
    amounts = [child.amount for child in children]
    if rec.count is not None and None not in counts and sum(c or 0 for c in counts) == rec.count:
        return True
    if rec.amount is not None and None not in amounts:
        return sum(a or 0 for a in amounts) == rec.amount
    return False


__all__ = ["Builder"]
