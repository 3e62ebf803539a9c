"""Vietnamese report text → a :class:`~.report.Report` tree, each figure with its line.

:func:`extract_report` reads a report as auditors receive it (Word or PDF pasted to
text, Markdown) and returns the report tree with every figure's source line and text,
the instruments it cites, the report's own date, and ``unparsed``: every line holding a
number that was not understood, with its line number. A number is never dropped
silently: each one becomes a figure of the tree, a citation or a date, a number of a
known kind that is no figure (a percentage, a period, an age, an ordinal …), or goes
into ``unparsed``.

>>> extracted = extract_report(
...     "Tổng số 1.251 suất quà trị giá 381.900.000 đồng. Trong đó:\\n"
...     "+ Mức 600.000đ: 22 suất quà = 13.200.000đ.\\n"
...     "+ Mức 300.000đ: 1.229 suất quà = 368.700.000đ.\\n"
... )
>>> total = extracted.report.nodes[0]
>>> total.count, total.amount, [child.level for child in total.children]
(1251, 381900000, [600000, 300000])
>>> total.children[1].line, total.children[1].text
(3, '+ Mức 300.000đ: 1.229 suất quà = 368.700.000đ.')
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from importlib.resources import files
from operator import itemgetter
from typing import Any, cast

from pydantic import Field

from .. import _regex
from .._gc import paused_collection
from .._i18n import Catalog, Text
from .._types import FrozenModel
from ..dates import parse_vn_date
from ..errors import DateParseError, ReportDataError
from ..tiers import FundingSource
from ._aligned import physical_lines
from ._alone import COMPARED
from ._alone import COMPARED_WORDS as _COMPARED_WORDS
from ._changes import link_changes
from ._layout import logical_lines
from ._lines import Rec, balances, is_announcement, level_only, names_a_few, read_line
from ._money_unit import in_unit, stated_unit, unit_of_label, unit_of_result
from ._normalize import Line, may_hold, same_length_lower
from ._numbers import FIGURE_KINDS, Token
from ._restate import attach_restatements, keep_hedged, restate_record, snap_rounded
from ._shares import Resolved, resolve_shares
from ._structure import Builder, pass_levels_by_name, pass_levels_down, pass_levels_to_parts
from ._tables import column_wholes, read_table
from ._words import parse_words
from .report import (
    Bound,
    Citation,
    Claim,
    Hedge,
    Node,
    Report,
    Restatement,
    Share,
)

_MSG = Catalog(
    "audit.extract",
    {
        "type": Text(
            vi="cần văn bản báo cáo (str), không phải {kind}",
            en="expected the report text (str), not {kind}",
        ),
    },
)

_REPORT_DATE = _regex.compile(
    r"(?:[^\W\d_][^,\d]{0,60}, ?)?ngày (\d{1,2}) tháng (\d{1,2}) năm (\d{4})\.?"
)
_OWN_NUMBER = _regex.compile(r"số ?: ?")
_INSTRUMENT_KIND = _regex.compile(
    r"(?<![^\W\d_])(quyết định|nghị định|nghị quyết|thông tư|công văn|kế hoạch|chỉ thị"
    r"|hướng dẫn|tờ trình|luật|chương trình|báo cáo|thông báo|pháp lệnh|văn bản"
    r"|qđ|nđ|nq|tt|ct|kh|cv|hd|tb|bc)(?: số)? ?:? ?$"
)
_KIND_SPAN = 24  # the longest kind ("chương trình số : ") ends the text within this span
_KIND_NAMES = {
    "qđ": "Quyết định",
    "nđ": "Nghị định",
    "nq": "Nghị quyết",
    "tt": "Thông tư",
    "ct": "Chỉ thị",
    "kh": "Kế hoạch",
    "cv": "Công văn",
    "hd": "Hướng dẫn",
    "tb": "Thông báo",
    "bc": "Báo cáo",
}
_DATE_LINK = _regex.compile(r" ?,? ?(?:ban hành |được ban hành )?ngày ?")
_DATE_WORDS = _regex.compile(r" ?,? ?ngày (\d{1,2}) tháng (\d{1,2}) năm (\d{4})")
_DIGIT = _regex.compile(r"\d")
_CLOSING = _regex.compile(  # "Cộng: …", "Như vậy, tổng cộng …": a total at the start of its line
    r"(?:(?:như vậy|tính chung|tóm lại|nhìn chung|tất cả),? )?"
    r"(?:tổng cộng|tổng số|cộng dồn|cộng|tổng|lũy kế|luỹ kế)(?![^\W\d_])"
    # "Như vậy, toàn tỉnh đã trao 42.418 suất quà": the whole area's, after its parts
    r"|(?:như vậy|tính chung|tóm lại),? (?:toàn|cả) (?:tỉnh|huyện|thành phố|thị xã|quận|xã"
    r"|phường|thị trấn) (?:đã )?(?:trao|tặng|chi trả|chi)(?![^\W\d_])",
    re.IGNORECASE,
)  # "Lũy kế đến ngày 05/02: …", "Cộng dồn các đợt: …": the rounds above, summed
_GRAND = _regex.compile(
    r"(?:(?:như vậy|tính chung|tóm lại|nhìn chung|tất cả),? )?(?:tổng cộng|tổng số|\(\d+ ?\+)",
    re.IGNORECASE,
)
_WORDS = _regex.compile(
    r"bằng chữ ?:? ?(.+)|(?<=đồng) ?(\((?:[^\W\d_]+ ){3,40}?đồng(?: chẵn)?\.?\))", re.IGNORECASE
)  # "(Bằng chữ: …)", or the words in brackets right after an amount
_SECTIONS = _regex.compile(
    r"\( ?(?:\d{1,2}|[IVX]{1,4}|[A-H]) ?(?:\+ ?(?:\d{1,2}|[IVX]{1,4}|[A-H]) ?)+\)"
)  # "Tổng cộng (1 + 2)", "(I + II + III)", "(A + B + C)"
_SECTION_NUMBER = _regex.compile(r"\d{1,2}|[IVX]{1,4}|[A-H]")
_MONEY_UNIT_LINE = _regex.compile(r"(?i)\(?(?:đơn vị tính|đvt) ?: ?([^)]{1,30})\)?\.?")
_UNIT_STARTS = "(đ"  # the first characters (lowered) _MONEY_UNIT_LINE can match
_SURROGATE = _regex.compile("[\ud800-\udfff]")
_LEAD_MARKS = "=>→⇒-–: "  # "=> tổng cộng 134 suất": a message's arrow before a total
_TOTAL_WORDS = _regex.compile(
    r"((?:tổng cộng|tổng số tiền|tổng kinh phí|tổng số|tổng|cộng)(?![^\W\d_])[^:]{0,40}: ?)"
    r"((?:[^\W\d_]+ ){1,40}?đồng)(?: chẵn)?\.?$",
    re.IGNORECASE,
)
_WHOLES = 4  # counts stated before a table that a percentage column may divide by
_KIND = itemgetter(3)  # Token.kind
_SOURCE_CUE = _regex.compile(r"nguồn|ngân sách|kinh phí|xhh|xã hội hóa|xã hội hoá", re.IGNORECASE)


class UnparsedLine(FrozenModel):
    """A line holding numbers the extractor did not understand."""

    line: int = Field(ge=1)
    text: str  # the line as written
    numbers: tuple[str, ...]  # the numbers (with their units) that were not understood


class ExtractedReport(FrozenModel):
    """The report tree read from a text, and the lines whose numbers were not understood."""

    report: Report
    unparsed: tuple[UnparsedLine, ...] = ()


def example_text() -> str:
    """The bundled example report (``welfare-rules audit --example``): a text of the
    project's own in a district report's style, with a real report's gift figures and
    their mistakes kept."""
    return files(__package__).joinpath("data", "example_report.md").read_text(encoding="utf-8")


def extract_report(text: str) -> ExtractedReport:
    """Read a Vietnamese report's text into its tree of figures (see the module docs).

    Never raises for a ``str``; anything else raises
    :class:`~welfare_rules.errors.ReportDataError`. The cyclic garbage collector is paused
    while the tree is built (see :mod:`welfare_rules._gc`).
    """
    if not isinstance(text, str):
        raise ReportDataError(_MSG("type", kind=type(text).__name__), value=text)
    if not text.isascii() and _has_surrogate(text):  # it would break every JSON dump
        text = _SURROGATE.sub("\ufffd", text)
    with paused_collection():
        physical = physical_lines(text)
        raw = {line.number: line.raw for line in physical}
        return _Extraction(logical_lines(physical), raw).run()


def _has_surrogate(text: str) -> bool:
    """Whether ``text`` holds a lone surrogate: UTF-8 refuses one, and encoding a text
    once costs less than searching it with :data:`_SURROGATE`."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


class _Extraction:
    """One pass over the lines: records into the builder, citations, the date, leftovers."""

    def __init__(self, lines: list[Line], raw: dict[int, str]) -> None:
        self.lines = lines
        self.raw = raw  # every physical line as written, by number
        self.builder = Builder()
        self.citations: list[Citation] = []
        self.unparsed: dict[int, list[str]] = {}
        self.date: dt.date | None = None
        self.title: str | None = None
        self.last_amount: Rec | None = None
        self.shares: dict[int, list[Resolved]] = {}
        self.money_unit = ""  # "Đơn vị tính: …" stated above a table
        self.table_above: tuple[str, ...] = ()  # the header of a table right above
        self.totals_above: list[Rec] = []  # the totals of the tables since the heading
        self.prose_unit: str | None = None  # the same, for the bare amounts of the prose
        self.few: dict[int, tuple[bool, bool]] = {}  # what a line may say (_says_few)

    def run(self) -> ExtractedReport:
        index = 0
        while index < len(self.lines):
            line = self.lines[index]
            if line.cells is None:
                if line.text:  # a text between: a table below is another
                    self.table_above = ()
                if line.heading:  # a grand total below sums the tables since the heading
                    self.totals_above = []
                self._text_line(line)
                index += 1
                continue
            stop = index
            while stop < len(self.lines) and self.lines[stop].cells is not None:
                stop += 1
            self._table(self.lines[index:stop])
            index = stop
        texts = {line.number: line.text for line in self.lines if not line.joined}
        roots = link_changes(balances(self.builder.finish()), texts)  # "tăng … so với …"
        roots = pass_levels_to_parts(pass_levels_by_name(pass_levels_down(roots)))
        roots = attach_restatements(roots)
        for rec in roots:
            keep_hedged(rec)
            snap_rounded(rec)
        self.shares = resolve_shares(roots, self.unparsed)
        nodes = tuple(self._node(rec) for rec in roots)
        report = Report(
            title=self.title, date=self.date, nodes=nodes, citations=tuple(self.citations)
        )
        unparsed = tuple(
            UnparsedLine(line=number, text=self.raw[number], numbers=tuple(numbers))
            for number, numbers in sorted(self.unparsed.items())
        )
        return ExtractedReport(report=report, unparsed=unparsed)

    # -- lines ---------------------------------------------------------------------------

    def _text_line(self, line: Line) -> None:
        text = line.text
        if not text:
            return
        # "(Đơn vị tính …", "ĐVT …": only a line starting so can state the money unit
        unit = _MONEY_UNIT_LINE.match(text) if text[:1].lower() in _UNIT_STARTS else None
        if unit is not None:  # "Đơn vị tính: nghìn đồng": the tables below are in it
            self.money_unit = unit.group(1)
            self.prose_unit = stated_unit(text)  # and the prose's bare amounts
            return
        if text[:1] in "Đđ" and (prose := stated_unit(text)) is not None:  # "Đơn vị: đồng"
            self.money_unit, self.prose_unit = prose.strip(), prose
            return
        if self.prose_unit is not None and _DIGIT.search(text) is not None:
            line = in_unit(line, self.prose_unit)  # "Số dư đầu kỳ: 27.640.000" in đồng
            text = line.text
        if "=" in text:
            line = unit_of_result(line)  # "477.000.000 - 468.000.000 = 9.000.000 đồng"
            text = line.text
        if "(" in text and ":" in text:
            line = unit_of_label(line)  # "Mức cơ sở (đồng/suất): 400.000"
            text = line.text
        digits = _DIGIT.search(text) is not None  # searched once for the line
        if line.heading:
            self.builder.heading()
            if self.title is None and not digits:
                self.title = text
        if self.date is None and self._report_date(text):
            return
        if is_announcement(text):
            self.builder.announce()
            return
        if not digits:
            text = _total_in_words(text)  # "Tổng cộng: Hai trăm triệu đồng." is a total
        # the amount in words needs "bằng chữ", or "đồng" and a bracket: most lines have
        # neither (each letter of both folds only to its capital: a lowered test suffices)
        lower = same_length_lower(text)  # lowered once: read_line reads it too
        has_words = "bằng chữ" in lower or ("(" in text and "đồng" in lower)
        words = _WORDS.search(text) if has_words else None
        said = None if words is None else (words.group(1) or words.group(2) or "")
        value = None if said is None else parse_words(said.strip("( .").split(")")[0])
        if words is not None and value is not None:
            # the figures before it first (it restates them), and those after its bracket
            # ("(Bằng chữ: …), cho 1.634 đối tượng"), the words blanked out in between
            start, end = _words_span(text, words)
            text = text[:start] + " " * (end - start) + text[end:]
        if text is line.text:
            self._figures(line, text, digits, lower)
        else:
            self._figures(line, text)
        if words is not None and value is not None and self.last_amount is not None:
            self.last_amount.restatements.append(("amount", value, line.number_at(words.start())))
        elif words is not None and value is not None:
            self.unparsed.setdefault(line.number_at(words.start()), []).append(words.group(0))

    def _figures(
        self, line: Line, text: str, digits: bool | None = None, lower: str | None = None
    ) -> None:
        """The records of ``text`` (``line`` without its amount in words) into the tree;
        ``digits`` (whether ``text`` holds a digit) and ``lower`` (``text`` lowered) where
        the caller has them already."""
        if digits is None:
            digits = _DIGIT.search(text) is not None
        if not digits:
            self._opens(line, text)
            return
        bullet = None if line.heading else line.bullet
        read = read_line(text, line=line.number, bullet=bullet, lower=lower)
        if "instrument" in map(_KIND, read.tokens):
            # the line lowered once: read_line's own when it read the whole line
            lower = read.lower if text is line.text else same_length_lower(line.text)
            self._citations(line, read.tokens, lower)
        for token in read.unknown:
            self.unparsed.setdefault(line.number_at(token.start), []).append(token.text)
        if line.joined:
            for rec in read.records:
                _renumber(rec, line)
        if (
            read.records
            and line.enumerator is not None
            and (line.heading == 0 or all(map(level_only, read.records)) or line.raw[:1] != "#")
        ):  # "1. Tổng số quà …": section 1 is this line; "A. …", "C. Quà của xã: 50 suất" too
            for rec in read.records:
                rec.section = line.enumerator.split(".")[0]
        if read.records and may_hold(read.lower, _COMPARED_WORDS) and COMPARED.search(text):
            for rec in read.records:  # "… tăng 309.600.000 đồng so với năm 2023": a difference
                rec.total_cue = False
        elif read.records and _CLOSING.match(text.lstrip(_LEAD_MARKS)):
            first = read.records[0]
            first.closing = not first.children and not first.announces
            first.grand = _GRAND.match(text.lstrip(_LEAD_MARKS)) is not None
            named = _SECTIONS.search(text)
            if named is not None:
                first.sums_sections = tuple(_SECTION_NUMBER.findall(named.group(0)))
        if not read.records and _LETTER.search(text):  # not a page number ("- 2 -")
            self._opens(line, text)  # a date or a citation only: "3. Chi … ngày 20/11:"
        if read.records and text.rstrip().endswith(":"):
            read.records[-1].leads = True  # "… mừng thọ 412 cụ, chiếm 17,8%:": a list follows
        for rec in read.records:
            self.builder.place(rec)
            if rec.amount is not None:
                # "Bằng chữ: …" restates the last amount written: "a - b = c (Bằng chữ: c)"
                self.last_amount = _written_last(rec)

    def _opens(self, line: Line, text: str) -> None:
        """A line stating no figure may open a group or a list."""
        if line.bullet is not None or line.enumerator is not None:
            self.builder.section(line.enumerator, text)  # "1. Quà của tỉnh": a group opens
        elif text.rstrip().endswith(":"):
            self.builder.lead_in()  # "Số suất phân bổ cho các xã như sau:": a list opens

    def _report_date(self, text: str) -> bool:
        match = _REPORT_DATE.fullmatch(text.lower())
        if match is None:
            return False
        self.date = _day(*match.groups())
        return self.date is not None

    def _table(self, lines: list[Line]) -> None:
        table = read_table(lines, unit=self.money_unit, continues=self.table_above)
        self.money_unit = ""
        self.prose_unit = None  # a unit stated above a table is the table's
        self.table_above = () if table is None else table.header
        if table is None:
            for line in lines:
                self._text_line(_said(line))
            return
        stated = [rec for rec in self.builder.roots if rec.count is not None and not rec.children]
        column_wholes(table, [*([table.total] if table.total else []), *stated[-_WHOLES:]])
        for number, token in table.unknown:  # a percentage column no whole explains too
            self.unparsed.setdefault(number, []).append(token.text)
        last = table.grand or table.total or (table.rows[-1] if table.rows else None)
        if last is not None and last.amount is not None:
            self.last_amount = last  # "Bằng chữ: …" under a table restates its total
        parent = self.builder.top()
        if parent is not None and parent.announces and not parent.children:
            parent.children.extend(table.rows)
            parent.explicit = True
            if table.total is not None:
                restate_record(parent, table.total)  # each figure kept on its line
        elif table.total is not None:
            total = table.total
            total.children, total.explicit = table.rows, True
            self.builder.place(total)
        else:
            for rec in table.rows:
                self.builder.place(rec)
        if table.total is not None:
            self.totals_above.append(table.total)
        grand = table.grand
        if grand is not None:  # "TỔNG CỘNG (Bảng 1 + Bảng 2)": the tables' totals
            if not _names_as_many(grand, self.totals_above):
                grand.closing = grand.grand = False  # "(Bảng 1 + Bảng 2)" after three
            for above in self.totals_above if grand.grand else ():
                above.closing = True  # closing totals, for the grand total to take
            self.builder.place(grand)
            self.totals_above = []
        for plan in table.plans:  # "Kế hoạch (suất)": the plans, summed as the rows are
            self.builder.place(plan)

    # -- citations -------------------------------------------------------------------------

    def _citations(self, line: Line, tokens: list[Token], lower: str) -> None:
        """The instruments ``tokens`` cite; ``lower`` is ``line.text`` lowered with its
        offsets kept (:func:`~._normalize.same_length_lower`: İ must not shift them)."""
        group, previous_end, breaks = 0, 0, False
        for position, token in enumerate(tokens):
            if token.kind in FIGURE_KINDS:
                breaks = True
            if token.kind != "instrument":
                continue
            if position == 0 and _OWN_NUMBER.fullmatch(lower[: token.start]):
                continue  # "Số: 10/BC-…": the report's own number
            if self.citations and self.citations[-1].line == line.number:
                between = lower[previous_end : token.start]
                if breaks or any(mark in between for mark in '()"'):
                    group += 1
            breaks, previous_end = False, token.end
            before = lower[max(0, token.start - 48) : token.start]
            kind = _INSTRUMENT_KIND.search(before, max(0, len(before) - _KIND_SPAN))
            self.citations.append(
                Citation(
                    instrument=token.text,
                    kind=_kind_name(kind.group(1)) if kind else None,
                    date=_cited_date(lower, tokens, position),
                    line=line.number,
                    text=line.raw,
                    group=group,
                )
            )

    # -- nodes -----------------------------------------------------------------------------

    def _says_few(self, number: int, raw: str | None) -> tuple[bool, bool]:
        """Whether line ``number`` (``raw``) may say "trong đó" in any case, which both
        readings of :func:`_complete` need, and "không có"/"không còn" too, which
        :data:`_REST_NONE` needs: substring tests once a line instead of case-insensitive
        searches of it for every record with parts."""
        if raw is None:
            return False, False
        found = self.few.get(number)
        if found is None:
            lower = same_length_lower(raw)
            few = may_hold(lower, _FEW_WORDS)
            found = self.few[number] = (few, few and may_hold(lower, _NONE_WORDS))
        return found

    def _node(self, rec: Rec) -> Node:
        raw = self.raw.get(rec.line)
        claims: list[Claim] = []
        for op, value in rec.claims:
            if rec.count is None or rec.amount is None:
                self.unparsed.setdefault(rec.line, []).append(f"{op} {value}")
                continue
            claims.append(Claim(expression=f"amount {op} {value} * count", line=rec.line, text=raw))
        joined = rec.figure_lines  # figures joined from other lines keep theirs
        elsewhere: dict[str, Any] = (
            {"figure_lines": tuple(sorted(joined.items()))} if joined else {}
        )
        if rec.split:
            elsewhere["split"] = True  # "Nguồn kinh phí": a second breakdown of the total
        if rec.subtracted:
            elsewhere["subtracted"] = True  # "a + b - c = d": c is taken off
        if rec.factor is not None:
            elsewhere["factor"] = rec.factor  # "x 3 tháng": the level paid three times
            if rec.factor_per is not None:  # "x hệ số 1,5": 3 per 2
                elsewhere["factor_per"] = rec.factor_per
        return Node(
            label=rec.label,
            count=rec.count,
            count_unit=rec.unit,
            level=rec.level,
            amount=rec.amount,
            source=_source(rec.label),
            line=rec.line,
            text=raw,
            # most records have no parts, restatements, bounds or shares: no generator then
            children=tuple([self._node(child) for child in rec.children]) if rec.children else (),
            # the line's words are looked up only where announced parts need them
            children_complete=_complete(rec, raw, *self._says_few(rec.line, raw))
            if rec.explicit and rec.children
            else _complete(rec, raw),
            restatements=tuple(
                [
                    Restatement(field=field, value=value, line=line, text=self.raw.get(line))
                    for field, value, line in rec.restatements
                ]
            )
            if rec.restatements
            else (),
            claims=tuple(claims),
            bounds=tuple(
                [
                    Bound(
                        field=field,
                        written=value,
                        hedge=cast("Hedge", hedge),
                        precision=precision,
                        line=line,
                        text=self.raw.get(line),
                    )
                    for field, value, hedge, precision, line in rec.bounds
                ]
            )
            if rec.bounds
            else (),
            shares=tuple(
                [
                    Share(
                        field=field,
                        percent=percent,
                        part=part,
                        whole=whole,
                        line=line,
                        text=self.raw.get(line),
                    )
                    for field, percent, part, whole, line in shares
                ]
            )
            if (shares := self.shares.get(id(rec)))
            else (),
            **elsewhere,
        )


def _words_span(text: str, words: re.Match[str]) -> tuple[int, int]:
    """Where an amount in words stands in ``text``: from its opening bracket, if any, to
    its closing one, else to the line's end."""
    start = words.start()
    before = text[:start].rstrip()
    if before.endswith("("):
        start = len(before) - 1
    said = words.group(1)
    if said is None or ")" not in said:
        return start, words.end()
    return start, words.start(1) + said.index(")") + 1


def _names_as_many(grand: Rec, totals: list[Rec]) -> bool:
    """A total of blocks names as many as the tables since the heading (``(Bảng 1 +
    Bảng 2)`` over two), or names none by number (``TỔNG CỘNG``): else which it sums the
    text does not say, and it sums none."""
    terms = grand.label.count("+")
    return terms == 0 or terms + 1 == len(totals)


def _said(line: Line) -> Line:
    """A row of a table without a header, read as prose: a name and one figure
    (``| Tổng số hộ được tặng quà | 1.595 |``) says ``Tổng số hộ được tặng quà: 1.595``;
    other rows as they are."""
    cells = [cell.strip() for cell in line.cells or () if cell.strip()]
    if len(cells) != 2 or not _DIGIT.search(cells[1]) or _DIGIT.search(cells[0]):
        return line
    name, figure = cells
    unit = _UNIT_NAMED.search(name)
    if unit is not None:  # "Tổng kinh phí (đồng) | 514.900.000": the figure in đồng
        name, figure = name[: unit.start()].rstrip(), f"{figure} {unit.group(1)}"
    return line._replace(text=f"{name}: {figure}", cells=None)


_UNIT_NAMED = _regex.compile(r"\s*\(((?:nghìn |ngàn |triệu |tỷ )?đồng|[^\W\d_]+)\)$")


def _written_last(rec: Rec) -> Rec:
    """The record whose amount stands last on ``rec``'s line: ``rec`` or one of the parts
    written with it, where a part's amount comes after its own (a written subtraction)."""
    last = rec
    for part in rec.children:
        if part.amount is not None and part.line == rec.line and part.end > last.end:
            last = part
    return last


def _renumber(rec: Rec, line: Line) -> None:
    """A record on a joined line takes the physical line of its first figure."""
    rec.line = line.number_at(rec.start)
    for child in rec.children:
        _renumber(child, line)


@lru_cache(maxsize=64)  # one of the 25 words of _INSTRUMENT_KIND
def _kind_name(word: str) -> str:
    return _KIND_NAMES.get(word, word[:1].upper() + word[1:])


def _cited_date(lower: str, tokens: list[Token], position: int) -> dt.date | None:
    """The date written right after the instrument (``… ngày 26/12/2023``), if any."""
    token = tokens[position]
    if position + 1 < len(tokens):
        following = tokens[position + 1]
        if following.date is not None and _DATE_LINK.fullmatch(lower[token.end : following.start]):
            return following.date
    words = _DATE_WORDS.match(lower, token.end, token.end + 48)
    return _day(*words.groups()) if words else None


def _day(day: str, month: str, year: str) -> dt.date | None:
    """The date written as day, month and year, or ``None`` if there is no such day."""
    try:
        return parse_vn_date(f"{day}/{month}/{year}")
    except DateParseError:
        return None


@lru_cache(maxsize=4096)
def _source(label: str) -> FundingSource | None:
    """The one funding source a record's label names; for a part named after its row
    (``Xã A: Ngân sách huyện``), the one its own name names."""
    if not _SOURCE_CUE.search(label):
        return None
    found = FundingSource.mentioned_in(label)
    if len(found) > 1 and ": " in label:
        found = FundingSource.mentioned_in(label.rsplit(": ", 1)[1])
    return found[0] if len(found) == 1 else None


# "trong đó: 87 hồ sơ trước hạn, không có hồ sơ đúng hạn và quá hạn": the others are none
_REST_NONE = _regex.compile(
    r"(?<![^\W\d_])trong đó(?![^\W\d_])[^.;]*?(?<![^\W\d_])không (?:có|còn)(?![^\W\d_])",
    re.IGNORECASE,
)


_LETTER = _regex.compile(r"[^\W\d_]")


def _total_in_words(text: str) -> str:
    """A total written in words only (``Tổng cộng: Hai trăm triệu đồng.``) with its
    amount in digits, so it is read and checked as the total it is; other text as it is."""
    match = _TOTAL_WORDS.match(text)
    if match is None:
        return text
    value = parse_words(match.group(2))
    if value is None:
        return text
    return f"{match.group(1)}{value:,} đồng".replace(",", ".")


_FEW_WORDS = ("trong đó",)  # what _REST_NONE and _lines.names_a_few both need
_NONE_WORDS = ("không có", "không còn")  # and what _REST_NONE needs besides


def _complete(rec: Rec, raw: str | None = None, few: bool = True, rest: bool = True) -> bool:
    """False when one announced part is smaller in every figure, or when parts announced
    by ``trong đó`` fall short of the whole by more than one slip explains
    (:func:`._lines.names_a_few`): "trong đó" names a few; unless the line says there
    are no others (``không có hồ sơ đúng hạn``). ``few``: whether ``raw`` may say
    "trong đó" (see :meth:`_Extraction._says_few`), false rules both readings out;
    ``rest``: whether it may also say there are no others."""
    if rec.partial:
        return False  # known to name some parts only (source columns short on every row)
    if not rec.explicit or not rec.children:
        return True
    if rest and raw is not None and rec.children[0].line == rec.line and _REST_NONE.search(raw):
        return True
    if len(rec.children) != 1:
        return not (few and raw is not None and names_a_few(rec, raw))
    child = rec.children[0]
    pairs = [(child.count, rec.count), (child.amount, rec.amount)]
    known = [(part, whole) for part, whole in pairs if part is not None and whole is not None]
    return not known or not all(part < whole for part, whole in known)


__all__ = ["ExtractedReport", "UnparsedLine", "example_text", "extract_report"]
