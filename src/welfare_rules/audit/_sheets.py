"""A workbook's sheets checked against each other: a summary row restates a sheet's total.

A district's workbook often has one sheet per commune, each closing with its total
(``Cộng``), and a summary sheet (``Tong hop``) listing each commune's count and amount and
adding them up. The text pipeline reads each sheet on its own (a sheet's name is a heading
and closes what is open); :func:`link_sheets` then ties the sheets together in the tree:

* a sheet's *total* is its one top-level record (its ``Cộng`` row with its parts), or,
  when it has no total row, its top-level records together (the summary row is then the
  only total they have);
* a figure row of another sheet (no parts, no level) *restates* a sheet's total when its
  label names the sheet (``Xã A`` for the sheet ``Xa A``: case, marks and punctuation
  aside, the one's words among the other's), or else, naming no sheet, when its figures
  are those of exactly one sheet's total: all equal, or one equal and the other one typing
  slip from it (:func:`~.slips.detect`).

The sheet's total then takes the summary row's place in the tree (so the summary's grand
total sums the sheets' totals, each the sum of its rows), and the summary row's figures
become restatements of it: an equality check each, placed on the summary's own cell. A
sheet without a total row hangs its records under the summary row instead. Each sheet is
linked once, never into its own tree (two sheets naming each other make no cycle); a row
stating a figure its sheet's total does not state (an amount beside a total of counts
only) is not linked, for that figure would be checked against nothing; what is not
linked stays as it was, and no figure is lost either way. Any document whose lines name
no sheets is left alone.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .nodes import FigureField, Node, NodePath, Restatement
from .report import Report
from .slips import detect

if TYPE_CHECKING:
    from collections.abc import Callable

    from .compile import FigureKind
    from .read.document import Document

    _SheetOf = Callable[[Node], str | None]

_FIELDS: tuple[FigureField, ...] = ("count", "amount")
_NON_WORD = re.compile(r"[^0-9a-z]+")
_LETTER = re.compile(r"[a-z]")
_KINDS: dict[FigureField, FigureKind] = {"count": "count", "level": "money", "amount": "money"}


@dataclass(frozen=True, slots=True)
class _Total:
    """A sheet's total: its one top-level record, or its top-level records as parts."""

    sheet: str
    roots: tuple[int, ...]  # indices into the report's top-level nodes
    figures: dict[FigureField, int]  # the figures the total states (or its parts add to)
    single: bool  # one record (its figures restated), else parts (the row is their total)


@dataclass(frozen=True, slots=True)
class _Link:
    """A summary row (``path``) that restates ``total``."""

    path: NodePath
    total: _Total


def link_sheets(report: Report, document: Document) -> Report:
    """``report`` with every summary row that restates another sheet's total tied to it
    (see the module docstring); ``report`` itself when nothing is tied."""
    sheets = [line.place.sheet for line in document.lines]
    if not any(sheets) or not report.nodes:
        return report

    def sheet_of(node: Node) -> str | None:
        line = node.line
        return sheets[line - 1] if line is not None and 1 <= line <= len(sheets) else None

    totals = _totals(report, sheet_of)
    if not totals:
        return report
    links = _links(report, totals, sheet_of)
    if not links:
        return report
    return _Rebuild(report, links).run()


def _totals(report: Report, sheet_of: _SheetOf) -> dict[str, _Total]:
    by_sheet: dict[str, list[int]] = {}
    for index, node in enumerate(report.nodes):
        sheet = sheet_of(node)
        if sheet is not None:
            by_sheet.setdefault(sheet, []).append(index)
    totals: dict[str, _Total] = {}
    for sheet, indices in by_sheet.items():
        nodes = [report.nodes[index] for index in indices]
        if len(nodes) == 1:
            figures = _figures(nodes[0])
            if figures:
                totals[sheet] = _Total(sheet, tuple(indices), figures, single=True)
        elif all(not node.children for node in nodes):
            sums: dict[FigureField, int] = {}
            for field in _FIELDS:
                values = [node.figure(field) for node in nodes]
                if None not in values:
                    sums[field] = sum(value or 0 for value in values)
            if sums:
                totals[sheet] = _Total(sheet, tuple(indices), sums, single=False)
    return totals


def _figures(node: Node) -> dict[FigureField, int]:
    return {field: value for field in _FIELDS if (value := node.figure(field)) is not None}


def _links(report: Report, totals: dict[str, _Total], sheet_of: _SheetOf) -> dict[NodePath, _Link]:
    keys = {sheet: _key(sheet) for sheet in totals}
    linked: set[str] = set()
    into: dict[int, int] = {}  # a root moved into the tree of another root
    links: dict[NodePath, _Link] = {}
    for path, node in report.walk():
        if node.children or node.level is not None:
            continue
        figures = _figures(node)
        own = sheet_of(node)
        if not figures or own is None:
            continue
        others = {sheet: total for sheet, total in totals.items() if sheet != own}
        sheet = _named(node.label, {sheet: keys[sheet] for sheet in others})
        if sheet is None:
            sheet = _matching(figures, others)
        if sheet is None or sheet in linked:
            continue
        total = totals[sheet]
        if total.single and not _restatable(node, report.nodes[total.roots[0]]):
            continue
        if _cycle(path[0], total.roots, into):
            continue
        linked.add(sheet)
        for root in total.roots:
            into[root] = path[0]
        links[path] = _Link(path, total)
    return links


def _key(text: str) -> str:
    """``text`` without case, marks or punctuation: ``Xã  A.`` → ``xa a``."""
    decomposed = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _NON_WORD.sub(" ", bare).strip()


def _named(label: str, keys: dict[str, str]) -> str | None:
    """The one sheet ``label`` names: the same words, else the one's words among the
    other's (``Xã Tân Lập`` names ``Tan Lap``); the longest name when several do."""
    words = _key(label)
    if not words:
        return None
    exact = [sheet for sheet, key in keys.items() if key == words]
    if len(exact) == 1:
        return exact[0]
    padded = f" {words} "
    within = [
        sheet
        for sheet, key in keys.items()
        if key
        and _LETTER.search(key)
        and len(key) >= 2
        and (f" {key} " in padded or (len(words) >= 2 and padded in f" {key} "))
    ]
    if not within:
        return None
    longest = max(len(keys[sheet]) for sheet in within)
    best = [sheet for sheet in within if len(keys[sheet]) == longest]
    return best[0] if len(best) == 1 else None


def _matching(figures: dict[FigureField, int], totals: dict[str, _Total]) -> str | None:
    """The one sheet whose total states every figure of the row, all equal or all but
    one equal and that one a typing slip from it."""
    found: list[str] = []
    for sheet, total in totals.items():
        if not set(figures) <= set(total.figures):
            continue
        equal = [field for field, value in figures.items() if total.figures[field] == value]
        if not equal:
            continue
        off = [field for field in figures if field not in equal]
        if len(off) > 1 or any(
            detect(figures[field], total.figures[field], _KINDS[field]) is None for field in off
        ):
            continue
        found.append(sheet)
    return found[0] if len(found) == 1 else None


def _restatable(row: Node, total: Node) -> bool:
    """The sheet's total states every figure the summary row states or restates."""
    fields = {*_figures(row), *(restated.field for restated in row.restatements)}
    return all(total.figure(field) is not None for field in fields)


def _cycle(root: int, targets: tuple[int, ...], into: dict[int, int]) -> bool:
    """Whether moving ``targets`` into ``root``'s tree would put a tree inside itself."""
    seen = root
    steps = 0
    while True:
        if seen in targets:
            return True
        if seen not in into or steps > len(into):
            return False
        seen, steps = into[seen], steps + 1


class _Rebuild:
    """The tree with each linked sheet's total moved into the summary row's place."""

    def __init__(self, report: Report, links: dict[NodePath, _Link]) -> None:
        self.report = report
        self.links = links
        self.moved = {root for link in links.values() for root in link.total.roots}
        self.origin: dict[int, NodePath] = {}  # id of a new node → the old path it stands for
        self.keep: list[Node] = []  # keeps every new node alive, so ids stay unique

    def run(self) -> Report:
        nodes = tuple(
            self._node(node, (index,))
            for index, node in enumerate(self.report.nodes)
            if index not in self.moved
        )
        report = self.report.model_copy(update={"nodes": nodes})
        new_paths: dict[NodePath, NodePath] = {}
        for path, node in report.walk():
            old = self.origin.get(id(node))
            if old is not None:
                new_paths.setdefault(old, path)
        for link in self.links.values():  # the summary row now stands where its carrier is
            carrier = new_paths.get((link.total.roots[0],))
            if link.total.single and carrier is not None:
                new_paths[link.path] = carrier
        if not any(node.shares for _, node in report.walk()):
            return report
        return report.model_copy(
            update={"nodes": tuple(_remap(node, new_paths) for node in report.nodes)}
        )

    def _node(self, node: Node, path: NodePath) -> Node:
        link = self.links.get(path)
        if link is not None:
            return self._carrier(node, path, link.total)
        children = tuple(
            self._node(child, (*path, index)) for index, child in enumerate(node.children)
        )
        new = node.model_copy(update={"children": children}) if node.children else node
        return self._mark(new, path)

    def _carrier(self, row: Node, path: NodePath, total: _Total) -> Node:
        """The node standing where the summary row ``row`` stood."""
        if total.single:
            root = total.roots[0]
            target = self._node(self.report.nodes[root], (root,))
            restated = tuple(
                Restatement(field=field, value=value, line=row.line, text=row.text)
                for field, value in _figures(row).items()
            )
            new = target.model_copy(
                update={
                    "restatements": (*target.restatements, *restated, *row.restatements),
                    "bounds": (*target.bounds, *row.bounds),
                    "claims": (*target.claims, *row.claims),
                    "shares": (*target.shares, *row.shares),
                }
            )
            self.origin.pop(id(target), None)
            return self._mark(new, (root,))
        parts = tuple(self._node(self.report.nodes[root], (root,)) for root in total.roots)
        new = row.model_copy(update={"children": parts, "children_complete": True})
        return self._mark(new, path)

    def _mark(self, node: Node, path: NodePath) -> Node:
        self.origin[id(node)] = path
        self.keep.append(node)
        return node


def _remap(node: Node, paths: dict[NodePath, NodePath]) -> Node:
    """``node`` with its shares' paths (and its children's) said in the new tree."""
    shares = tuple(
        share.model_copy(
            update={
                "part": paths.get(share.part, share.part),
                "whole": paths.get(share.whole, share.whole),
            }
        )
        for share in node.shares
    )
    children = tuple(_remap(child, paths) for child in node.children)
    return node.model_copy(update={"children": children, "shares": shares})


__all__ = ["link_sheets"]
