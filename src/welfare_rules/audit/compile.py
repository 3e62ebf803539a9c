"""Compile a report tree into edits on named figures, and map each name back to the tree.

Each figure a node states gets an identifier: the node path ``(0, 1, 3)`` and the field
``amount`` give ``n0_1_3_amount``; the second restatement of that node's count gives
``n0_1_3_r1_count``. The edits:

* ``count * level == amount`` where a node states all three (*số suất × mức = thành tiền*;
  times its :attr:`~.nodes.Node.factor` where the level is paid several times),
  and for a funding source that states its level on each of its parent's gifts (the
  parent's count × the source's level);
* ``total == part1 + part2 + …`` for counts and for amounts where a node and every one
  of its children state that figure (``>=`` when the parts listed are only some of the
  whole, ``children_complete=False``);
* ``figure == restated figure`` for every restatement;
* each claim, its ``count``/``level``/``amount`` bound to the node's figures.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from math import lcm
from operator import itemgetter
from typing import TYPE_CHECKING, Literal

from .._gc import paused_collection
from .._i18n import Catalog, Text
from ..errors import EditSyntaxError, ReportDataError
from .edits import Edit, EditKind
from .nodes import FIGURE_FIELDS, Claim, FigureField, Node, NodePath

if TYPE_CHECKING:
    from .report import Report

FigureKind = Literal["count", "money"]
"""What a figure measures: counts may be off by one; money may slip by ×/÷ 1000."""

_MSG = Catalog(
    "audit.compile",
    {
        "claim_syntax": Text(
            vi="nhận định {claim!r} không đọc được: {reason}",
            en="the claim {claim!r} cannot be read: {reason}",
        ),
        "claim_name": Text(
            vi="nhận định {claim!r} dùng tên {name!r}; chỉ được dùng count, level, amount",
            en="the claim {claim!r} uses {name!r}; only count, level and amount are allowed",
        ),
    },
)


@dataclass(frozen=True, slots=True)
class FigureRef:
    """Where a named figure is in the report: node path, field, and which statement."""

    name: str
    path: NodePath
    field: FigureField
    line: int | None
    restatement: int | None = None  # index into the node's restatements, None: the node itself

    @property
    def kind(self) -> FigureKind:
        """``count`` for counts, ``money`` for levels and amounts."""
        return "count" if self.field == "count" else "money"


@dataclass(frozen=True, slots=True)
class UncheckedClaim:
    """A claim about a figure the node does not state: it cannot be checked."""

    path: NodePath
    claim: Claim
    missing: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CompiledReport:
    """A report's edits, figure values and kinds, and the map from names back to the tree.

    ``figures`` maps every name of ``values`` to its :class:`FigureRef`; a compiled report
    builds each place only when it is asked for (the diagnosis names a few figures of a
    large report, and a million places built for nothing cost more than the edits).
    """

    edits: tuple[Edit, ...]
    values: dict[str, int]
    figures: Mapping[str, FigureRef]
    unchecked: tuple[UncheckedClaim, ...] = ()

    @property
    def kinds(self) -> Mapping[str, FigureKind]:
        """Each figure's kind, for :func:`~welfare_rules.audit.check_edits`."""
        if isinstance(self.figures, _Places):
            return _Kinds(self.values)  # read from the name: no pass over the figures
        return {name: ref.kind for name, ref in self.figures.items()}


def figure_name(path: NodePath, field: FigureField, restatement: int | None = None) -> str:
    """The identifier of a figure: ``figure_name((0, 1), "amount") == "n0_1_amount"``."""
    node = "n" + "_".join(map(str, path))
    if restatement is None:
        return f"{node}_{field}"
    return f"{node}_r{restatement}_{field}"


def figure_place(name: str) -> tuple[NodePath, FigureField, int | None]:
    """The node path, field and restatement a figure name stands for (the inverse of
    :func:`figure_name`; ``ValueError`` for a name it does not give).

    >>> figure_place("n0_1_3_amount"), figure_place("n2_r1_count")
    (((0, 1, 3), 'amount', None), ((2,), 'count', 1))
    """
    parts = name[1:].split("_") if name.startswith("n") else []
    if len(parts) < 2 or parts[-1] not in FIGURE_FIELDS:
        raise ValueError(f"not a figure name: {name!r}")
    field: FigureField = parts[-1]
    restatement: int | None = None
    if parts[-2].startswith("r"):
        restatement = int(parts[-2][1:])
        parts = parts[:-1]
    return tuple(int(index) for index in parts[:-1]), field, restatement


class _Places(Mapping[str, FigureRef]):
    """The place of every compiled figure, read from the tree (by the name) when asked."""

    __slots__ = ("_found", "_nodes", "_values")

    def __init__(self, nodes: tuple[Node, ...], values: dict[str, int]) -> None:
        self._nodes = nodes
        self._values = values
        self._found: dict[str, FigureRef] = {}

    def __getitem__(self, name: str) -> FigureRef:
        found = self._found.get(name)
        if found is not None:
            return found
        if name not in self._values:
            raise KeyError(name)
        path, field, restatement = figure_place(name)
        node = self._nodes[path[0]]
        for index in path[1:]:
            node = node.children[index]
        if restatement is None:
            line = node.figure_line(field) if node.figure_lines else node.line
        else:
            line = node.restatements[restatement].line
        found = self._found[name] = FigureRef(name, path, field, line, restatement)
        return found

    def __contains__(self, name: object) -> bool:
        return name in self._values

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)


class _Kinds(Mapping[str, FigureKind]):
    """Each compiled figure's kind, read from its name (``…_count``: a count)."""

    __slots__ = ("_values",)

    def __init__(self, values: dict[str, int]) -> None:
        self._values = values

    def __getitem__(self, name: str) -> FigureKind:
        if name not in self._values:
            raise KeyError(name)
        return "count" if name.endswith("_count") else "money"

    def get(self, name: str, default: object = None) -> FigureKind | None:  # type: ignore[override]
        if name not in self._values:
            return None
        return "count" if name.endswith("_count") else "money"

    def __contains__(self, name: object) -> bool:
        return name in self._values

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)


# A model's field values read from its __dict__ in one call: about twice as fast as
# attribute access on a pydantic model, and compiling reads every field of every node.
_FIELDS = itemgetter(
    "count", "level", "amount", "children", "restatements", "claims", "factor", "factor_per"
)


def compile_report(report: Report) -> CompiledReport:
    """The edits of ``report`` with its figures (see the module docstring)."""
    return compile_tops(report.nodes, range(len(report.nodes)))


def compile_tops(nodes: tuple[Node, ...], tops: Iterable[int]) -> CompiledReport:
    """The compilation of the top-level nodes ``tops`` (increasing indices) of a report
    whose top-level nodes are ``nodes``, with the names, paths and lines the whole
    report's compilation gives them; :mod:`.subtrees` says why that is enough.

    Lean by design: a line item costs its three values and its product edit, no place
    objects (:class:`_Places` reads them from the tree when asked), and the cyclic
    collector is paused while the edits are built (they form no cycles).
    """
    edits: list[Edit] = []
    values: dict[str, int] = {}
    unchecked: list[UncheckedClaim] = []
    claims_seen: dict[str, Edit] = {}
    add_edit = edits.append
    product = Edit.product
    with paused_collection():
        for top in tops:
            # depth first, children in order (the order Report.walk gives)
            stack: list[tuple[str, Node]] = [(f"n{top}_", nodes[top])]
            pop = stack.pop
            while stack:
                prefix, node = pop()
                count, level, amount, children, restatements, claims, factor, per = _FIELDS(
                    node.__dict__
                )
                names: dict[str, str] = {}
                if count is not None:
                    name = names["count"] = prefix + "count"
                    values[name] = count
                if level is not None:
                    name = names["level"] = prefix + "level"
                    values[name] = level
                if amount is not None:
                    name = names["amount"] = prefix + "amount"
                    values[name] = amount
                    if count is not None and level is not None:
                        add_edit(
                            product(names["count"], names["level"], name, kind="product")
                            if factor is None and per is None
                            else product(  # as quick_check and the priced sums take them
                                names["count"],
                                names["level"],
                                name,
                                kind="product",
                                factor=factor or 1,
                                per=per or 1,
                            )
                        )
                if children:
                    prefixes = [f"{prefix}{index}_" for index in range(len(children))]
                    if names:
                        edits.extend(_sum_edits(prefix, node, names, prefixes))
                        edits.extend(_shares_per_gift(prefix, node, names))
                    elif any(child.__dict__["split"] for child in children):
                        # a total row of groups only: its groups the rows' columns summed
                        own = [i for i, child in enumerate(children) if not child.split]
                        edits.extend(_columns_down(node, prefixes, own))
                    stack.extend(zip(reversed(prefixes), reversed(children), strict=True))
                for index, restated in enumerate(restatements):
                    field = restated.field
                    if field not in names:
                        continue
                    name = f"{prefix}r{index}_{field}"
                    values[name] = restated.value
                    add_edit(Edit.equal(names[field], name, kind="restatement"))
                for claim in claims:
                    path = _path(prefix)
                    edit = _claim_edit(path, claim, names, claims_seen)
                    if isinstance(edit, UncheckedClaim):
                        unchecked.append(edit)
                    else:
                        add_edit(edit)
    return CompiledReport(tuple(edits), values, _Places(nodes, values), tuple(unchecked))


def _path(prefix: str) -> NodePath:
    """``"n0_1_"`` → ``(0, 1)``."""
    return tuple(int(index) for index in prefix[1:-1].split("_"))


_SUMS: tuple[tuple[FigureField, EditKind], ...] = (("count", "count_sum"), ("amount", "amount_sum"))
"""The figures a sum adds up, and the kind of edit each gives."""


def _sum_edits(prefix: str, node: Node, names: dict[str, str], prefixes: list[str]) -> list[Edit]:
    """The sums of ``node``'s parts, and of each second breakdown (:attr:`Node.split`) of
    its figures, to the figures ``names`` gives."""
    children = node.children
    if not any(child.__dict__["split"] for child in children):
        return _plain_sums(names, children, prefixes, node.children_complete)
    own = [i for i, child in enumerate(children) if not child.split]
    edits = _plain_sums(
        names, [children[i] for i in own], [prefixes[i] for i in own], node.children_complete
    )
    for index, split in enumerate(children):
        if split.split and split.children:
            parts = [f"{prefixes[index]}{at}_" for at in range(len(split.children))]
            edits.extend(_plain_sums(names, split.children, parts, split.children_complete))
            edits.extend(
                _sources_across(
                    split, parts, [children[i] for i in own], [prefixes[i] for i in own]
                )
            )
            if "count" in names:
                edits.extend(
                    Edit.product(
                        names["count"], f"{parts[at]}level", f"{parts[at]}amount", kind="product"
                    )
                    for at in per_gift_sources(node, split)
                )
    edits.extend(_columns_down(node, prefixes, own))
    return edits


def _sources_across(
    split: Node, parts: list[str], rows: list[Node], prefixes: list[str]
) -> list[Edit]:
    """``Trong đó ngân sách tỉnh: 157.600.000`` under a total whose rows each name their
    funding source (a ``Nguồn kinh phí`` column): each source's part is the sum of the
    rows it pays, where the breakdown names distinct sources, two at least, and every row
    one of them."""
    sources = [part.source for part in split.children]
    if len(sources) < 2 or None in sources or len(set(sources)) != len(sources):
        return []
    if not rows or {row.source for row in rows} != set(sources):
        return []
    edits: list[Edit] = []
    for part, prefix in zip(split.children, parts, strict=True):
        paid = [
            (row, at) for row, at in zip(rows, prefixes, strict=True) if row.source == part.source
        ]
        for field, kind in _SUMS:
            if part.__dict__[field] is None or any(row.__dict__[field] is None for row, _ in paid):
                continue
            edits.append(Edit.sum(prefix + field, [at + field for _, at in paid], kind=kind))
    return edits


def per_gift_sources(node: Node, split: Node) -> list[int]:
    """``80 tuổi | 742 | Mức huyện 200.000 | Mức xã 150.000 | Thành tiền huyện 148.400.000
    | Thành tiền xã 111.300.000 | Cộng 259.700.000``: a second breakdown of ``node`` by
    funding source, each part stating a level and an amount and no count, is each source
    paying its level on every one of the node's gifts (``count × part level = part
    amount``), where the text shows it: some part's amount is exactly so. The indices of
    such parts of ``split``."""
    count = node.count
    parts = split.children
    if count is None or not parts:
        return []
    if any(
        part.source is None or part.count is not None or part.level is None or part.amount is None
        for part in parts
    ):
        return []
    if not any(count * (part.level or 0) == part.amount for part in parts):
        return []
    return list(range(len(parts)))


def _columns_down(node: Node, prefixes: list[str], own: list[int]) -> list[Edit]:
    """A two-way table's columns summed down: where ``node`` (a total row) and each of
    its parts (the rows) break their figures down the same way, in one second breakdown
    of as many parts each (``Ngân sách tỉnh | Ngân sách huyện``, ``Người có công | Hộ
    nghèo``), the node's part ``j`` is the sum of the rows' parts ``j``."""
    children = node.children
    splits = [index for index, child in enumerate(children) if child.split]
    if len(splits) != 1 or not own:
        return []
    whole = children[splits[0]].children
    rows: list[tuple[str, tuple[Node, ...]]] = []  # each row's breakdown: prefix, parts
    for index in own:
        inner = [at for at, part in enumerate(children[index].children) if part.split]
        if len(inner) != 1:
            return []
        parts = children[index].children[inner[0]].children
        if len(parts) != len(whole):
            return []
        rows.append((f"{prefixes[index]}{inner[0]}_", parts))
    op: Literal["==", ">="] = "==" if node.children_complete else ">="
    edits: list[Edit] = []
    for at, column in enumerate(whole):
        for field, kind in _SUMS:
            if column.__dict__[field] is None:
                continue
            if any(parts[at].__dict__[field] is None for _, parts in rows):
                continue
            total = f"{prefixes[splits[0]]}{at}_{field}"
            cells = [f"{prefix}{at}_{field}" for prefix, _ in rows]
            edits.append(Edit.sum(total, cells, op=op, kind=kind))
    return edits


def _plain_sums(
    names: dict[str, str],
    children: tuple[Node, ...] | list[Node],
    prefixes: list[str],
    complete: bool,
) -> list[Edit]:
    edits: list[Edit] = []
    if not children:
        return edits
    op: Literal["==", ">="] = "==" if complete else ">="
    if any(child.__dict__["subtracted"] for child in children):
        return _signed_sums(names, children, prefixes, op)
    for field, kind in _SUMS:
        if field not in names:
            continue
        if any(child.__dict__[field] is None for child in children):
            if field == "amount":
                edits.extend(_priced_parts(names[field], children, prefixes, op))
            elif (counted := _counted_terms(children, prefixes)) is not None:
                edits.append(Edit.sum(names[field], counted, op=op, kind=kind))
            continue
        parts = [child + field for child in prefixes]
        edits.append(Edit.sum(names[field], parts, op=op, kind=kind))
    return edits


def _signed_sums(
    names: dict[str, str],
    children: tuple[Node, ...] | list[Node],
    prefixes: list[str],
    op: Literal["==", ">="],
) -> list[Edit]:
    """``total == a + b - c`` for parts some of which are taken off (:attr:`Node.subtracted`:
    a balance written out), for each figure every part states; ``>=`` would say nothing of
    a list with a part taken off, so an incomplete one gives none."""
    edits: list[Edit] = []
    if op != "==":
        return edits
    for field, kind in _SUMS:
        if field not in names or any(child.__dict__[field] is None for child in children):
            continue
        terms = " ".join(
            f"{'-' if child.subtracted else '+'} {prefix}{field}"
            for child, prefix in zip(children, prefixes, strict=True)
        )
        total = names[field]
        edits.append(Edit.parse(f"{total} == {terms.removeprefix('+ ')}", kind=kind, subject=total))
    return edits


def counts_by_parts(node: Node) -> bool:
    """Whether ``node``, stating no count, is counted by its parts: it has two or more,
    each states a count and a level and no parts, none is a second breakdown, and the
    list is complete (``quà của Chủ tịch nước gồm 356 suất mức 600.000 đồng và 1.090 suất
    mức 300.000 đồng, trị giá …`` under a total of suất: its gifts are theirs; ``…,
    trong đó 120 suất cho hộ nghèo`` counts only some)."""
    children = node.children
    return (
        node.count is None
        and node.children_complete
        and len(children) >= 2
        and all(
            child.count is not None
            and child.level is not None
            and not child.split
            and not child.children
            for child in children
        )
    )


def _counted_terms(
    children: tuple[Node, ...] | list[Node], prefixes: list[str]
) -> list[str] | None:
    """The names of the counts that make up ``children``'s: each child's own, or, for one
    :func:`counts_by_parts`, its parts'; ``None`` when some child has neither."""
    terms: list[str] = []
    for child, prefix in zip(children, prefixes, strict=True):
        if child.count is not None:
            terms.append(prefix + "count")
        elif counts_by_parts(child):
            terms.extend(f"{prefix}{index}_count" for index in range(len(child.children)))
        else:
            return None
    return terms


def _shares_per_gift(prefix: str, node: Node, names: dict[str, str]) -> list[Edit]:
    """The products of :func:`per_gift_parts`: the parent's count × the part's level."""
    if "count" not in names:
        return []
    count = names["count"]
    return [
        Edit.product(count, f"{prefix}{index}_level", f"{prefix}{index}_amount", kind="product")
        for index in per_gift_parts(node)
    ]


def per_gift_parts(node: Node) -> list[int]:
    """``Tổng kinh phí: 2.184.000.000 đồng (3.640 suất x 600.000 đồng/suất), trong đó:
    Ngân sách tỉnh: 1.092.000.000 đồng (300.000 đồng/suất); …``: each funding source pays
    its level on every one of the total's gifts, so a part stating a level and an amount
    but no count is ``total count × its level``. The indices of such parts.

    The text must show that reading, not only allow it: every part is a funding source,
    their levels fit within the node's, and either every part states a level and they
    add up to the node's exactly, or some part's amount is exactly the node's count × its
    level as written (``Ngân sách tỉnh: 18.000.000 đồng (300.000 đồng/suất)`` under 100
    suất is a province paying on 60 gifts: no part fits, nothing is assumed). A part
    stating its own count keeps its own product."""
    level, count = node.level, node.count
    children = node.children
    if count is None or level is None or not children:
        return []
    if any(child.source is None for child in children):
        return []
    levels = [child.level for child in children]
    if sum(part or 0 for part in levels) > level:
        return []
    found = [
        index
        for index, child in enumerate(children)
        if child.count is None and child.level is not None and child.amount is not None
    ]
    shown = (None not in levels and sum(part or 0 for part in levels) == level) or any(
        count * (children[i].level or 0) == children[i].amount for i in found
    )
    return found if shown else []


def priced_terms(node: Node) -> list[tuple[int, bool]] | None:
    """:func:`priced_over` ``node``'s parts, a second breakdown of its figures left out."""
    children = node.children
    if any(child.split for child in children):
        return _without_splits(children)
    return priced_over(children)


def _without_splits(children: tuple[Node, ...]) -> list[tuple[int, bool]] | None:
    own = [i for i, child in enumerate(children) if not child.split]
    terms = priced_over([children[i] for i in own])
    return None if terms is None else [(own[at], priced) for at, priced in terms]


def priced_over(children: tuple[Node, ...] | list[Node]) -> list[tuple[int, bool]] | None:
    """``14 suất mức 600.000đ và 82 suất mức 300.000đ, tổng 33 triệu``: when some part of
    a node states no amount but each states an amount or a count and a level, the parts
    as ``(index, priced)``, ``priced`` when the part adds up as count × level. ``None``
    when the parts do not add up so (or every part states an amount: the plain sum)."""
    terms: list[tuple[int, bool]] = []
    priced = False
    for index, child in enumerate(children):
        if child.amount is not None:
            terms.append((index, False))
        elif child.count is not None and child.level is not None:
            terms.append((index, True))
            priced = True
        else:
            return None
    return terms if priced else None


def _priced_parts(
    total: str, children: tuple[Node, ...] | list[Node], prefixes: list[str], op: str
) -> list[Edit]:
    """The sum of :func:`priced_over` ``children`` (named by ``prefixes``), as an edit."""
    terms = priced_over(children)
    if terms is None:
        return []
    scale = lcm(*(children[index].factor_per or 1 for index, priced in terms if priced))
    written = [
        _times(children[index], f"{prefixes[index]}count * {prefixes[index]}level", scale)
        if priced
        else _scaled(f"{prefixes[index]}amount", scale)
        for index, priced in terms
    ]
    text = f"{_scaled(total, scale)} {op} {' + '.join(written)}"
    return [Edit.parse(text, kind="amount_sum", subject=total)]


def _times(node: Node, product: str, scale: int = 1) -> str:
    """``product`` (a count × level) times the node's :attr:`~.nodes.Node.factor` (over
    its :attr:`~.nodes.Node.factor_per`), in a sum multiplied by ``scale`` (a multiple of
    every divisor in it: the edit stays whole)."""
    times = (node.factor or 1) * scale // (node.factor_per or 1)
    return product if times == 1 else f"{times} * {product}"


def _scaled(name: str, scale: int) -> str:
    return name if scale == 1 else f"{scale} * {name}"


def _claim_edit(
    path: NodePath, claim: Claim, names: dict[str, str], seen: dict[str, Edit] | None = None
) -> Edit | UncheckedClaim:
    """The claim's edit over its node's figures, or what it misses; ``seen`` keeps the
    expressions read so far (each parsed once per compile)."""
    expression = claim.expression
    edit = None if seen is None else seen.get(expression)
    if edit is None:
        edit = _claim_expression(path, expression)
        if seen is not None:
            seen[expression] = edit
    missing = tuple(name for name in edit.figures if name not in names)
    if missing:
        return UncheckedClaim(path, claim, missing)
    subject = names.get("amount") or names[edit.figures[0]]
    return edit.renamed(names, subject=subject, text=expression)


def _claim_expression(path: NodePath, expression: str) -> Edit:
    """The claim's edit over ``count``/``level``/``amount`` (``ReportDataError`` if the
    expression cannot be read or names another figure)."""
    try:
        edit = Edit.parse(expression, kind="claim")
    except EditSyntaxError as exc:
        raise ReportDataError(
            _MSG("claim_syntax", claim=expression, reason=exc.reason),
            path=str(list(path)),
            value=expression,
        ) from exc
    for name in edit.figures:
        if name not in FIGURE_FIELDS:  # a claim speaks of its node's own figures
            raise ReportDataError(
                _MSG("claim_name", claim=expression, name=name),
                path=str(list(path)),
                value=expression,
            )
    return edit


__all__ = [
    "CompiledReport",
    "FigureKind",
    "FigureRef",
    "UncheckedClaim",
    "compile_report",
    "compile_tops",
    "figure_name",
    "figure_place",
    "per_gift_sources",
]
