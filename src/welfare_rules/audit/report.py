"""The report tree: the figures a report states, where it states them, and how they nest.

A :class:`Report` holds top-level :class:`Node` s (a gift table, a payment line, a list of
files handled …). A node may state a count (*suất*, *người*, *lượt*, *hồ sơ*), a level
(*mức*) and an amount; its children are its parts. The tree is data only: the edits it
implies (``count × level = amount``, parent = sum of children, a figure stated twice is
stated equal) are compiled by :meth:`Report.edits`. The parts of the tree live in
:mod:`.nodes` and are re-exported here.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import TYPE_CHECKING

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from .._gc import paused_collection
from .._i18n import Catalog, Text
from .._limits import check_data, json_array_pieces, load_json
from .._types import FrozenModel
from .._validation import explain, independent
from ..errors import EditSyntaxError, InputLimitError, NestingDepthError, ReportDataError, quote
from ..money import MAX_VND, display_vnd
from .nodes import (
    FIGURE_FIELDS,
    Bound,
    Citation,
    Claim,
    FigureField,
    Hedge,
    Node,
    NodePath,
    Restatement,
    Share,
    nodes_from_json_data,
    nodes_from_json_text,
    reads_json_text,
    sharing,
)

if TYPE_CHECKING:
    from .compile import CompiledReport
    from .edits import Edit

_MSG = Catalog(
    "audit.report",
    {
        "tree": Text(vi="cây báo cáo", en="the report tree"),
        "too_large": Text(
            vi="{value} vượt giới hạn ±10^18", en="{value} is beyond the limit of ±10^18"
        ),
        "claim_syntax": Text(
            vi="nhận định {claim} không đọc được: {reason}",
            en="the claim {claim} cannot be read: {reason}",
        ),
        "claim_name": Text(
            vi="nhận định {claim} dùng tên {name}; chỉ được dùng count, level, amount",
            en="the claim {claim} uses {name}; only count, level and amount are allowed",
        ),
        "json": Text(vi="JSON không hợp lệ: {reason}", en="invalid JSON: {reason}"),
        "encoding": Text(
            vi="không đọc được mã hóa ký tự: {reason}",
            en="cannot read the character encoding: {reason}",
        ),
    },
)
_TREE = _MSG("tree")
_OTHER_KEYS = ("title", "date", "citations")  # the keys of a report beside its nodes


def _nodes(top: tuple[Node, ...]) -> Iterator[Node]:
    """Every node under ``top``, in no particular order (no paths: a quick pass)."""
    stack = list(top)
    while stack:
        node = stack.pop()
        yield node
        stack += node.children


def _to_check(node: Node) -> bool:
    """Whether :meth:`Report._checked` has anything to look at in ``node`` (a count past
    ±10^18, a restatement, a bound or a claim)."""
    count = node.count
    return (
        (count is not None and count > MAX_VND)
        or bool(node.restatements)
        or bool(node.bounds)
        or bool(node.claims)
    )


def _data_error(errors: list[ErrorDetails]) -> ReportDataError:
    """The error of the first real problem among pydantic's ``errors``."""
    path, reason, value = explain(independent(errors)[0])
    return ReportDataError(reason, path=path, value=value)


class Report(FrozenModel):
    """A report's figures as a tree, with its own date and the instruments it cites.

    Build one in Python (pydantic validates it), or from outside data with
    :meth:`from_dict` / :meth:`from_json`, which raise
    :class:`~welfare_rules.errors.ReportDataError` naming the key path, in both languages.
    """

    title: str | None = None
    date: dt.date | None = None  # the report's own date (ngày … tháng … năm …)
    nodes: tuple[Node, ...] = ()
    citations: tuple[Citation, ...] = ()

    @classmethod
    def from_dict(cls, data: object) -> Report:
        """A report tree from plain data (as JSON or TOML hold it).

        Every figure is validated (a whole number of đồng within ±10^18), every claim must
        be an edit over the node's ``count``, ``level`` and ``amount``, the data may nest
        at most :data:`~welfare_rules._limits.MAX_DEPTH` levels (49 levels of nodes), and a
        lone surrogate in any text becomes U+FFFD (so the report can always be written as
        JSON); anything else is a :class:`~welfare_rules.errors.ReportDataError` naming the
        key path, in both languages.

        >>> Report.from_dict({"nodes": [{"label": "Mức 500.000đ", "amount": 2721000000.0}]})
        Traceback (most recent call last):
        ...
        welfare_rules.errors.ReportDataError: invalid report at nodes[0].amount: a float ...
        """
        try:
            data = check_data(data, what=_TREE)
        except NestingDepthError as exc:
            raise ReportDataError(exc.text) from exc
        return cls._from_data(data, consume=False)

    @classmethod
    def from_json(cls, text: str | bytes) -> Report:
        """A report tree from JSON text (UTF-8, or UTF-16/32 with or without a mark);
        :class:`~welfare_rules.errors.ReportDataError` on bad data or JSON, and within the
        limits of :meth:`from_dict`.

        A large report is read the fast way where it can be (:meth:`_read_fast`: with
        msgspec, the ``fast`` extra, decoded straight into nodes; without it, parsed by
        pydantic-core a piece of about 8 MiB at a time, its nodes built without
        validating them one by one); anything that way cannot prove it reads exactly as
        validation would, and every error, takes the careful way: the text read as
        :func:`~welfare_rules._limits.load_json` reads it, then validated one top-level
        node at a time, each node's parsed data let go as its node is built, so the
        parsed JSON and the tree are never both whole in memory. The errors are the
        careful way's, whichever way the text first went. Issue 15, a report of a million
        line items read from bytes (``benchmarks/reconcile_speed.py --pieces``, CPU
        seconds on a shared 2-core machine at load 3): written with the keys given
        (77 MB), read in 4,2 s with msgspec, 6,3 s without (7,5 s before that, 24,6 s
        at first), peak 0,62 GB (0,54 GB); with every key (254 MB), 5,4 s with msgspec,
        18,1 s without (61,5 s at first), peak 0,80 GB (0,90 GB; 1,78 GB at first).

        >>> Report.from_json('{"title": "Tết \\ud800"}').title
        'Tết �'
        """
        with paused_collection():  # many objects, no cycles: see _gc
            fast = cls._read_fast(text)
            return fast if fast is not None else cls._read_careful(text)

    @classmethod
    def _read_careful(cls, text: str | bytes) -> Report:
        """The careful way of :meth:`from_json`: every limit checked on the text, every
        node validated, and the errors named."""
        if isinstance(text, bytes | bytearray):
            try:
                text = bytes(text).decode(json.detect_encoding(text), "surrogatepass")
            except UnicodeDecodeError as exc:
                raise ReportDataError(_MSG("encoding", reason=str(exc))) from exc
        try:  # the depth error with its line, surrogates replaced, digits bounded
            data = load_json(text, what=_TREE)
        except InputLimitError as exc:
            raise ReportDataError(exc.text) from exc
        except ValueError as exc:
            raise ReportDataError(_MSG("json", reason=str(exc))) from exc
        del text  # the decoded text goes before the tree is built
        return cls._from_data(data, consume=True)

    @classmethod
    def _read_fast(cls, text: str | bytes) -> Report | None:
        """The report in ``text`` read the fast way, or ``None`` where the careful way of
        :meth:`from_json` must read it. With msgspec (the ``fast`` extra), the text is
        decoded straight into nodes by
        :func:`~welfare_rules.audit.nodes.nodes_from_json_text` (``None`` for anything the
        careful way or validation might read otherwise or refuse). Without it, the text is
        parsed in pieces of whole top-level
        nodes (:func:`~welfare_rules._limits.json_array_pieces`: ``None`` for anything
        :func:`~welfare_rules._limits.load_json` would treat with care: surrogates, long
        digit runs, encodings other than UTF-8), each piece's nodes built by
        :func:`~welfare_rules.audit.nodes.nodes_from_json_data` (``None`` for anything
        validation would convert or refuse, or a tree too deep) and the piece let go; the
        other keys are validated as they are. The report is then the one the careful way
        gives, and :meth:`_checked` runs where it has anything to look at."""
        if isinstance(text, str):
            try:
                text = text.encode()
            except UnicodeEncodeError:  # a lone surrogate: the careful way replaces it
                return None
        if reads_json_text():  # the fast extra: the text straight to nodes
            with sharing():
                decoded = nodes_from_json_text(text, "nodes", _OTHER_KEYS)
                if decoded is None:
                    return None  # what it declines, the careful way reads or names
                try:
                    head = cls.model_validate(decoded[0])
                except ValidationError:
                    return None
                report = head.model_copy(update={"nodes": tuple(decoded[1])})
            return report._checked() if decoded[2] else report
        read = json_array_pieces(bytes(text), "nodes")
        if read is None:
            return None
        rest, pieces = read
        nodes: list[Node] = []
        to_check = False
        with sharing():
            try:
                head = cls.model_validate(rest)
                for piece in pieces:
                    built = nodes_from_json_data(piece)
                    if built is None:
                        return None
                    nodes += built[0]
                    to_check = to_check or built[1]
            except ValueError:  # a piece that does not parse, data validation refuses
                return None
        report = head.model_copy(update={"nodes": tuple(nodes)})
        return report._checked() if to_check else report

    @classmethod
    def _from_data(cls, data: object, *, consume: bool) -> Report:
        """The report validated from plain data already within the limits; with
        ``consume`` (data of our own), each top-level node's data is dropped from
        ``data["nodes"]`` as its node is built. The error is the one validating ``data``
        whole gives: pydantic reports the fields in order (``title``, ``date``, ``nodes``,
        then ``citations`` and unknown keys), so the other keys are validated first and
        their errors kept in that place."""
        items = data.get("nodes") if isinstance(data, dict) else None
        with sharing():  # equal labels and figures stored once (issue 15)
            if not (consume and isinstance(data, dict) and type(items) is list and items):
                try:
                    report = cls.model_validate(data)
                except ValidationError as exc:
                    raise _data_error(exc.errors(include_url=False)) from exc
                return report._checked()
            rest = {key: value for key, value in data.items() if key != "nodes"}
            later: list[ErrorDetails] = []
            head = None
            try:
                head = cls.model_validate(rest)
            except ValidationError as exc:
                later = exc.errors(include_url=False)
                first = [e for e in later if e["loc"][:1] in (("title",), ("date",))]
                if first:
                    raise _data_error(first) from exc
            nodes: list[Node] = []
            for index, item in enumerate(items):
                items[index] = None  # the parsed node goes as its node comes
                try:
                    nodes.append(Node.model_validate(item))
                except ValidationError as exc:
                    errors = exc.errors(include_url=False)
                    for error in errors:
                        error["loc"] = ("nodes", index, *error["loc"])
                    raise _data_error(errors) from exc
            if head is None:
                raise _data_error(later)
            report = head.model_copy(update={"nodes": tuple(nodes)})
        return report._checked()

    def _checked(self) -> Report:
        """``self`` if every figure is within ±10^18 (a count, a restated figure and a
        bound as well as the money, which the model bounds itself: :meth:`compile` and the
        diagnosis refuse anything larger) and every claim reads as an edit over its
        node's ``count``, ``level`` and ``amount``; else a
        :class:`~welfare_rules.errors.ReportDataError` with the key path."""
        from .edits import Edit  # the tree stays importable on its own

        if not any(_to_check(node) for node in _nodes(self.nodes)):
            return self  # one quick pass: most nodes state only money and a count
        for path, node in self.walk():
            if not _to_check(node):
                continue
            where = f"nodes[{path[0]}]" + "".join(f".children[{i}]" for i in path[1:])
            numbers: list[tuple[str, int | None]] = [("count", node.count)]
            numbers += [
                (f"restatements[{i}].value", r.value) for i, r in enumerate(node.restatements)
            ]
            for i, bound in enumerate(node.bounds):
                numbers += [(f"bounds[{i}].written", bound.written)]
                numbers += [(f"bounds[{i}].precision", bound.precision)]
            for key, number in numbers:
                if number is not None and number > MAX_VND:
                    too_large = _MSG("too_large", value=display_vnd(number, unit=""))
                    raise ReportDataError(too_large, path=f"{where}.{key}", value=number)
            for index, claim in enumerate(node.claims):
                reason: Text | None = None
                try:
                    edit = Edit.parse(claim.expression, kind="claim")
                except EditSyntaxError as exc:
                    reason = _MSG("claim_syntax", claim=quote(claim.expression), reason=exc.reason)
                else:
                    name = next((n for n in edit.figures if n not in FIGURE_FIELDS), None)
                    if name is not None:
                        reason = _MSG("claim_name", claim=quote(claim.expression), name=quote(name))
                if reason is not None:
                    key = f"{where}.claims[{index}].expression"
                    raise ReportDataError(reason, path=key, value=claim.expression)
        return self

    def walk(self) -> Iterator[tuple[NodePath, Node]]:
        """Every node, depth first, with its path."""
        for index, node in enumerate(self.nodes):
            yield from node.walk((index,))

    def node(self, path: NodePath) -> Node:
        """The node at ``path`` (``IndexError`` if there is none)."""
        if not path:
            raise IndexError("a node path has at least one index")
        node = self.nodes[path[0]]
        for index in path[1:]:
            node = node.children[index]
        return node

    def with_figure(
        self, path: NodePath, field: FigureField, value: int, *, restatement: int | None = None
    ) -> Report:
        """A copy with one figure replaced: the node's own ``field`` at ``path``, or its
        ``restatement``-th restatement. The value is not validated (a test or a what-if may
        want a mistyping on purpose); the original is untouched.

        >>> line = Node(label="Mức 500.000đ", count=5502, level=500_000, amount=2_721_000_000)
        >>> Report(nodes=(line,)).with_figure((0,), "amount", 2_751_000_000).nodes[0].amount
        2751000000
        """

        def rebuild(node: Node, rest: NodePath) -> Node:
            if rest:
                children = list(node.children)
                children[rest[0]] = rebuild(children[rest[0]], rest[1:])
                return node.model_copy(update={"children": tuple(children)})
            if restatement is None:
                return node.model_copy(update={field: value})
            restated = list(node.restatements)
            restated[restatement] = restated[restatement].model_copy(update={"value": value})
            return node.model_copy(update={"restatements": tuple(restated)})

        nodes = list(self.nodes)
        nodes[path[0]] = rebuild(nodes[path[0]], path[1:])
        return self.model_copy(update={"nodes": tuple(nodes)})

    def labels(self, path: NodePath) -> tuple[str, ...]:
        """The labels from the top-level node down to the node at ``path``."""
        return tuple(self.node(path[: depth + 1]).label for depth in range(len(path)))

    def edits(self) -> tuple[Edit, ...]:
        """The edits the tree implies: ``count * level == amount`` where a node states all
        three; count and amount sums where a node and all its children state the figure
        (``>=`` when ``children_complete`` is false); an equality for each restatement;
        each claim with ``count``/``level``/``amount`` bound to its node's figures.

        Figure names are ``n<path>_<field>`` (``n0_1_amount``); see :meth:`compile` for
        the map back to the tree.

        >>> report = Report(nodes=(Node(label="x", count=2, level=5, amount=10),))
        >>> report.edits()
        (Edit('n0_count * n0_level == n0_amount'),)
        """
        return self.compile().edits

    def compile(self) -> CompiledReport:
        """The edits with the figures' values, kinds and places (node path, field, line)."""
        from .compile import compile_report  # the tree stays importable on its own

        return compile_report(self)


__all__ = [
    "FIGURE_FIELDS",
    "Bound",
    "Citation",
    "Claim",
    "FigureField",
    "Hedge",
    "Node",
    "NodePath",
    "Report",
    "Restatement",
    "Share",
]
