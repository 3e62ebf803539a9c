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

from ._lines import Rec


class Builder:
    """Places records into the tree as the lines come."""

    def __init__(self) -> None:
        self.roots: list[Rec] = []
        self.stack: list[Rec] = []

    def heading(self) -> None:
        """A heading: every open record is closed."""
        self.stack.clear()

    def announce(self) -> None:
        """A line that only says "Trong đó:": the last record's parts follow."""
        if self.stack:
            self.stack[-1].announces = True

    def top(self) -> Rec | None:
        """The innermost open record."""
        return self.stack[-1] if self.stack else None

    def place(self, rec: Rec) -> None:
        """Put ``rec`` under the innermost open record that takes it, or at the top."""
        while self.stack:
            parent = self.stack[-1]
            if _accepts(parent, rec, self.stack):
                parent.children.append(rec)
                if parent.announces:
                    parent.explicit = True
                break
            self.stack.pop()
        else:
            self.roots.append(rec)
        self.stack.append(rec)

    def finish(self) -> list[Rec]:
        """The top-level records, inferred parts that do not add up undone."""
        return _settle(self.roots)


def _accepts(parent: Rec, rec: Rec, stack: list[Rec]) -> bool:
    bullets = {open_rec.bullet for open_rec in stack}
    if not parent.children:
        if parent.announces:
            return True
        if rec.bullet is not None and rec.bullet not in bullets:
            return _fits(parent, rec)
        return (
            parent.total_cue and rec.bullet is None and parent.bullet is None and _fits(parent, rec)
        )
    if parent.inline or _filled(parent):
        return False
    if rec.bullet == parent.children[-1].bullet:
        return parent.announces or _fits(parent, rec)
    if rec.bullet in bullets:
        return False
    return _fits(parent, rec)


def _fits(parent: Rec, rec: Rec) -> bool:
    """What ``parent`` has left covers ``rec``: by count if both count, else by amount."""
    if parent.count is not None and rec.count is not None:
        used = sum(child.count or 0 for child in parent.children)
        return rec.count <= parent.count - used
    if parent.amount is not None and rec.amount is not None:
        used = sum(child.amount or 0 for child in parent.children)
        return rec.amount <= parent.amount - used
    return False


def _filled(parent: Rec) -> bool:
    """The parts so far account for the whole (by count, else by amount)."""
    children = parent.children
    if parent.count is not None and all(child.count is not None for child in children):
        return sum(child.count or 0 for child in children) == parent.count
    if parent.amount is not None and all(child.amount is not None for child in children):
        return sum(child.amount or 0 for child in children) == parent.amount
    return False


def _settle(recs: list[Rec]) -> list[Rec]:
    settled: list[Rec] = []
    for rec in recs:
        rec.children = _settle(rec.children)
        settled.append(rec)
        if rec.children and not rec.explicit and not rec.inline and not _adds_up(rec):
            settled.extend(rec.children)
            rec.children = []
    return settled


def _adds_up(rec: Rec) -> bool:
    """The parts' counts, or else their amounts, sum exactly to the record's."""
    children = rec.children
    counts = [child.count for child in children]
    amounts = [child.amount for child in children]
    if rec.count is not None and None not in counts and sum(c or 0 for c in counts) == rec.count:
        return True
    if rec.amount is not None and None not in amounts:
        return sum(a or 0 for a in amounts) == rec.amount
    return False


__all__ = ["Builder"]
