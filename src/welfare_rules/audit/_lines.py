"""One line's figures as records: what is counted, at what level, for how much, and its parts.

A record gathers the count, level and amount a clause states (``Mức 600.000đ: 22 suất =
13.200.000đ``). Parts come from the words that announce them (``trong đó``, ``cụ thể``,
``gồm``), from a parenthesis after a record (``15.372 lượt (trong đó …; …) với tổng kinh
phí 16.464.647.630 đồng``), or from the arithmetic: a parenthesis whose counts add up to
the record's, or a ``tổng số`` record followed by records that add up to it exactly.
A ``trong đó`` at the end of the line announces parts on the lines that follow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from fractions import Fraction
from operator import itemgetter

from .. import _regex
from ._normalize import may_hold, same_length_lower
from ._numbers import Token, scan
from .compile import FigureKind
from .nodes import MAX_FACTOR
from .report import FigureField
from .slips import detect

# The separators of a line: marks, and the words that announce parts. Each is found its
# own way (marks by one character class, words by substring search and a match where one
# starts), which finds what one alternation of both would, at a fraction of its cost.
_MARKS = _regex.compile(
    r"[();\"]|(?<![.…])\.(?= |$)"
)  # a leader ("Hộ nghèo ..... 45") ends no sentence
_PARTS_WORDS = ("trong đó", "cụ thể", "bao gồm", "gồm", "chia ra")
_PARTS_WORD = _regex.compile(  # each alternative starts with its word of _PARTS_WORDS
    r"(?<![^\W\d_])(?:trong đó|cụ thể(?! hóa| hoá)|bao gồm|gồm|chia ra)(?![^\W\d_])"
)
_ANNOUNCE_ONLY = _regex.compile(
    r"(?:trong đó|cụ thể|bao gồm|gồm|chia ra|chi tiết)(?: như sau)? ?:?", re.IGNORECASE
)
_ANNOUNCE_LONGEST = len("chi tiết như sau :")  # a longer line is no announcement alone
_TOTAL_CUE = _regex.compile(r"(?<![^\W\d_])(?:tổng số|tổng cộng|tổng|cộng)(?![^\W\d_])")
# the words of a clause after a ";" that name only the figure it gives (``; kinh phí …``,
# ``; mức …``, or none: ``; 312 người``): the clause gives its record's next figure
_FIGURE_ONLY = _regex.compile(
    r"[\s:,-]*(?:(?:số tiền|thành tiền|kinh phí|trị giá|giá trị|tiền|số lượng|mức"
    r"(?: quà| hỗ trợ| trợ cấp| trợ giúp| chi)?|số (?:người|suất|hộ|đối tượng|cụ|cháu|em))"
    r"(?: là)?[\s:,-]*)?",
    re.IGNORECASE,
)
_FILLER_END = _regex.compile(  # searched in the last few characters only: cheap, linear
    r"(?<![^\W\d_])(tổng số|trị giá|tổng|là|cho|với|đạt|số|mức|gồm|có)$"
)
_FILLER_SPAN = 8
_FILLER_WORDS = ("tổng số", "trị giá", "tổng", "là", "cho", "với", "đạt", "số", "mức", "gồm", "có")
_AFTER_LABEL_END = _regex.compile(r"[;(,\d]|\. ")
_LABEL_MARKS = " :=,;.)-"
_LABEL_TAIL_MARKS = " :=,;.(-"
_EACH_BEFORE = _regex.compile(r"(?i)(?<![^\W\d_])mỗi [^\W\d_]+(?: quà)? (?:bao )?$")
_EACH_LOOK_BACK = 24
SLIP_FLOOR = 100  # below it nearly any two numbers are "one slip" apart: no evidence
_SHARE_WINDOW = 24
_LABEL_LIMIT = 80
_MAX_DEPTH = 8  # parentheses nested deeper than this are read as plain marks
_LABEL_WINDOW = 200

PARTS = "parts"
_LETTER = _regex.compile(r"[^\W\d_]")
_START = itemgetter(0)
_KIND = itemgetter(3)  # Token.kind
_RECORD_KINDS = frozenset({"count", "level", "amount", "claim"})


@dataclass(slots=True)
class ShareSpec:
    """A percentage as read: as written (``62,3``), the words naming its part, the words
    after it (which figure: ``tổng kinh phí``), its line, and its whole where the reader
    knows it (a percentage column's)."""

    text: str
    named: str
    after: str
    line: int
    whole: Rec | None = None
    column: bool = False  # read from a table's percentage column
    lead: str = ""  # the text right before it, as written ("(chiếm ", "(đạt ")


@dataclass(eq=False, slots=True)
class Rec:
    """A record under construction (mutable; becomes a :class:`~.report.Node`)."""

    line: int
    label: str = ""
    count: int | None = None
    unit: str | None = None
    level: int | None = None
    amount: int | None = None
    claims: list[tuple[str, int]] = field(default_factory=list)
    restatements: list[tuple[FigureField, int, int]] = field(default_factory=list)
    children: list[Rec] = field(default_factory=list)
    explicit: bool = False  # the children were announced (trong đó …), not inferred
    inline: bool = False  # the children stand on the record's own line
    announces: bool = False  # "trong đó:" ends the line: the parts follow on other lines
    total_cue: bool = False  # the clause says "tổng số" / "tổng cộng"
    bullet: str | None = None
    start: int = 0
    end: int = 0
    # hedged figures ("hơn 4.400 đối tượng"): field, hedge (">", "<", "~"), value, precision
    hedged: list[tuple[FigureField, str, int, int]] = field(default_factory=list)
    precision: dict[str, int] = field(default_factory=dict)  # rounded figures ("1,9 tỷ")
    bounds: list[tuple[FigureField, int, str, int, int]] = field(default_factory=list)
    shares: list[ShareSpec] = field(default_factory=list)  # percentages stated with it
    closing: bool = False  # "Cộng: …", "Tổng cộng: …" after its parts: it sums them
    grand: bool = False  # "Tổng cộng", "(1 + 2 + 3)": it sums the closing totals above
    section: str | None = None  # the number of the section it stands in ("1", "II")
    sums_sections: tuple[str, ...] = ()  # "Tổng cộng (1 + 2)": the sections it adds up
    # figures joined from another line (``Số tiền nhận: …`` under its count): field → line
    figure_lines: dict[str, int] | None = None
    split: bool = False  # a second breakdown of the parent's figures (Node.split)
    subtracted: bool = False  # taken off the parent's sum ("a + b - c = d": c)
    partial: bool = False  # its parts are only some of the whole (Node.children_complete)
    worth: bool = False  # its amount is written as a gift's worth ("64 cụ, quà trị giá …")
    leads: bool = False  # its line ends with ":": the lines after it may be its parts
    total_named: bool = False  # its amount, after its count, is called a total ("tổng kinh phí")
    factor: int | None = None  # the level paid this many times ("142 hộ x 3 tháng x …")
    factor_per: int | None = None  # the factor's divisor: "hệ số 1,5" is 3 per 2
    goods: str | None = None  # the measure the factor counts ("kwh": "x 30 kWh x …")
    at_least: bool = False  # its level is a minimum ("mức từ 400.000 đồng/suất trở lên")

    def has_figures(self) -> bool:
        """Whether the record states a count or an amount."""
        return self.count is not None or self.amount is not None


@dataclass
class LineRead:
    """A line's records and the numbers that were not understood."""

    records: list[Rec]
    tokens: list[Token]
    unknown: list[Token]
    lower: str = ""  # the line lowered (same_length_lower), for the citations' offsets


def is_announcement(text: str) -> bool:
    """A line that only says "Trong đó:" (its parts follow)."""
    return len(text) <= _ANNOUNCE_LONGEST and _ANNOUNCE_ONLY.fullmatch(text) is not None


def read_line(
    text: str, *, line: int, bullet: str | None = None, lower: str | None = None
) -> LineRead:
    """The records of one normalised line (``lower``: its
    :func:`~._normalize.same_length_lower`, where the caller holds it already)."""
    if lower is None:
        lower = same_length_lower(text)
    tokens = scan(text, lower)
    kinds = list(map(_KIND, tokens))  # one C pass; most lines hold no unknown number
    unknown = [token for token in tokens if token.kind == "unknown"] if "unknown" in kinds else []
    if _RECORD_KINDS.isdisjoint(kinds):
        return LineRead([], tokens, unknown, lower)
    events: list[tuple[int, int, str, Token | None]] = [
        (token.start, token.end, token.kind, token) for token in tokens
    ]
    for match in _MARKS.finditer(lower):
        events.append((*match.span(), match.group(0), None))
    events.extend((start, end, PARTS, None) for start, end in _parts_words(lower))
    # A number starts with a digit and a separator never does: no two events share a start.
    events.sort(key=_START)
    parser = _Parser(text, line, bullet, events)
    records = parser.parse()
    if parser.used:
        unknown = [token for token in unknown if all(token is not used for used in parser.used)]
        unknown = [token for token in unknown if not _names_coefficient(text, token, records)]
    return LineRead(records, tokens, unknown + parser.orphans, lower)


def _parts_words(lower: str) -> list[tuple[int, int]]:
    """The spans of the words announcing parts (``trong đó``, ``gồm`` …), as a search of
    :data:`_PARTS_WORD` from left to right finds them: matched where a word starts only,
    none inside the one before (``bao gồm`` holds ``gồm``)."""
    starts: list[int] = []
    for word in _PARTS_WORDS:
        at = lower.find(word)
        while at != -1:
            starts.append(at)
            at = lower.find(word, at + 1)
    if not starts:
        return []
    spans: list[tuple[int, int]] = []
    end = 0
    for at in sorted(set(starts)):
        if at < end:
            continue
        match = _PARTS_WORD.match(lower, at)  # the look-behind sees the text before
        if match is not None:
            spans.append(match.span())
            end = match.end()
    return spans


class _Parser:
    """Recursive descent over a line's numbers and separators."""

    def __init__(
        self,
        text: str,
        line: int,
        bullet: str | None,
        events: list[tuple[int, int, str, Token | None]],
    ) -> None:
        self.text = text
        self.line = line
        self.bullet = bullet
        self.events = events
        self.index = 0
        self.orphans: list[Token] = []
        self.used: list[Token] = []  # unknown numbers read after all ("hệ số 1,5")

    def parse(self) -> list[Rec]:
        records, parts_parent, _ = self._sequence(depth=0, outer=None)
        if parts_parent is not None and not parts_parent.children:
            parts_parent.announces = True
        return records

    def _sequence(self, *, depth: int, outer: Rec | None) -> tuple[list[Rec], Rec | None, bool]:
        """Records up to the closing parenthesis (or the end); whether parts lead."""
        records: list[Rec] = []
        current: Rec | None = None
        parts_parent: Rec | None = None
        leading_parts = False
        ahead: list[tuple[ShareSpec, int]] = []  # percentages before the record they are of
        boundary = 0 if depth == 0 else self.events[self.index - 1][1]
        sentence = boundary
        clause: Rec | None = None  # the record of the clause before the last ";"
        while self.index < len(self.events):
            _, end, kind, token = self.events[self.index]
            self.index += 1
            if kind == "(" and depth < _MAX_DEPTH:
                current, boundary = self._group(records, current, parts_parent, depth, boundary)
                continue
            if kind in ("(", ")"):
                if kind == ")" and depth > 0:
                    break
                boundary = end  # a stray or too deeply nested parenthesis
                continue
            if kind in (";", '"'):
                clause = current if kind == ";" else None  # may go on after the ";"
                current, boundary = None, end
                continue
            if kind == ".":
                current = parts_parent = None
                sentence = end
                continue
            if kind == PARTS and self._each_holds():
                continue  # "mỗi suất gồm …": what each gift holds, not a list of parts
            if kind == PARTS:
                last = current or (records[-1] if records else None)
                if current is None and last is not None and self._new_subject(sentence, last):
                    # "… đến tận tay người có công. Quà của tỉnh gồm 6.655 suất …": the
                    # sentence names its own subject before the word, no parts of the last
                    last = None
                if last is not None and level_only(last):
                    # "Mỗi suất quà trị giá 500.000 đồng. Cụ thể, huyện A 312 suất (156
                    # triệu đồng), …": the level of the gifts listed, not their total
                    current, boundary = None, end
                    continue
                if last is None:
                    leading_parts = True
                    boundary = end if depth > 0 else boundary
                else:
                    boundary = end
                parts_parent, current = last, None
                continue
            assert token is not None
            if kind == "claim":
                target = current or (records[-1] if records else None) or outer
                if target is None or token.value is None or token.op is None:
                    self.orphans.append(token)
                else:
                    target.claims.append((token.op, token.value))
                continue
            if kind == "percent":
                target = current or (records[-1] if records else None) or outer
                named = _clean(self.text[boundary : token.start])
                after = self.text[token.end : token.end + _SHARE_WINDOW].lower()
                lead = self.text[max(0, token.start - _LEAD_SPAN) : token.start]
                share = ShareSpec(token.text, named, after, self.line, lead=lead)
                if target is not None:
                    target.shares.append(share)
                elif not _RATE.search(named):  # "… đảm bảo 70%: 235.970.000 đồng": the
                    ahead.append((share, token.end))  # next record's ("giải ngân 100%": no)
                continue
            if kind == "duration" and current is not None:
                times = _times_of(self.text, current, token)
                if times is not None:  # "142 hộ x 3 tháng x 59.520 đồng": months paid
                    current.factor = times
                    current.end = boundary = token.end
                continue
            if kind in ("unknown", "count") and current is not None:
                coefficient = _coefficient_of(self.text, current, token)
                if coefficient is not None:  # "1.247 người x hệ số 1,5 x 500.000 đồng"
                    current.factor, current.factor_per = coefficient
                    current.end = boundary = token.end
                    self.used.append(token)
                    continue
                if kind == "unknown":
                    continue
            if kind == "measure" and current is not None:
                goods = _goods_per_count(self.text, current, token)
                if goods is not None:  # "142 hộ x 30 kWh x 1.984 đồng/kWh": kWh per household
                    current.factor, current.goods = goods
                    current.end = boundary = token.end
                continue
            if kind not in ("count", "level", "amount"):
                continue
            if kind == "level" and not _priced_for(self.text, current, token):
                # "118 hộ …, 1.770 kg x 12.000 đồng/kg": the price of a measure of goods no
                # count here is of, never the households' level: listed as not understood
                self.orphans.append(token)
                continue
            if kind == "amount" and _PER_GOODS.match(self.text, token.end):
                # "giá gạo 14.500 đồng/kg": the price of a measure of goods, no gift's
                # amount nor a level any count here multiplies: listed as not understood
                self.orphans.append(token)
                continue
            if (
                parts_parent is not None
                and kind != "level"
                and _takes(parts_parent, token)
                and (
                    _TOTAL_CUE.search(self.text[boundary : token.start].lower())
                    or (
                        kind == "amount"
                        and token.value is not None
                        and _VALUE_NAMED.fullmatch(self.text, boundary, token.start)
                        and _priced_parts_only(parts_parent.children)
                        and _sum_not_last(parts_parent.children, token.value)
                    )
                )
            ):  # "96 suất, gồm 14 … và 82 …, tổng số tiền 33 triệu": the whole's figure
                _fill(parts_parent, token)
                parts_parent.end = boundary = token.end
                parts_parent = current = None
                continue
            if (
                parts_parent is not None
                and kind == "amount"
                and _TOTAL_CUE.search(self.text[boundary : token.start].lower())
                and _priced_again(parts_parent, token)
                and not _priced_anew(parts_parent, token)
            ):  # "310 suất quà trị giá 184.000.000 đồng, gồm …, tổng cộng 148.000.000 đồng":
                # the parts' total, the parent's amount written again (one slip off it)
                assert token.value is not None
                parts_parent.restatements.append(("amount", token.value, self.line))
                parts_parent.end = boundary = token.end
                parts_parent = current = None
                continue
            if (
                parts_parent is not None
                and kind == "amount"
                and _TOTAL_CUE.search(self.text[boundary : token.start].lower())
                and _priced_anew(parts_parent, token)
            ):  # "Từ số tiền 185 triệu …, đã trao 310 suất, gồm 40 suất mức … và 120 suất
                # mức …, tổng trị giá 151 triệu": the parts' total, the earlier amount apart
                received = Rec(line=self.line, label=parts_parent.label, start=parts_parent.start)
                received.amount, received.bullet = parts_parent.amount, parts_parent.bullet
                received.end = received.start
                if "amount" in parts_parent.precision:
                    received.precision["amount"] = parts_parent.precision.pop("amount")
                at = next((i for i, rec in enumerate(records) if rec is parts_parent), None)
                if at is not None:
                    records.insert(at, received)
                    parts_parent.amount = None
                    _fill(parts_parent, token)
                    parts_parent.end = boundary = token.end
                    parts_parent = current = None
                    continue
            last = records[-1] if records and parts_parent is None else None
            if (
                kind == "amount"
                and last is not None
                and current in (None, last)
                and _TOTAL_CUE.search(self.text[boundary : token.start].lower())
                and _shared_amount(records, token, self.line)
            ):  # "02 suất mức 600.000 đồng và 148 suất mức 300.000 đồng, tổng số tiền …"
                current, boundary = None, token.end
                continue
            if (
                kind == "amount"
                and last is not None
                and current in (None, last)
                and _VALUE_NAMED.fullmatch(self.text, boundary, token.start)
                and _shared_amount(records, token, self.line, named=True)
            ):  # "gồm 356 suất mức 600.000 đồng và 1.090 suất mức 300.000 đồng, trị giá …"
                current, boundary = None, token.end
                continue
            if (
                current is None
                and last is not None
                and kind == "amount"
                and token.hedge is None
                and _awaits_amount(last, token, self.text[boundary : token.start])
                and _TOTAL_CUE.search(self.text[boundary : token.start].lower())
            ):  # "… 640 suất, mỗi suất 500.000đ. Tổng trị giá 330.000.000đ.": its amount
                _fill(last, token)
                last.end = boundary = token.end
                continue
            if (
                current is None
                and clause is not None
                and clause is (records[-1] if records else None)
                and clause.amount is None  # the amount closes a record: "…; kinh phí …"
                and _takes(clause, token)
                and _FIGURE_ONLY.fullmatch(self.text, boundary, token.start)
                and _priced_by(clause, token)
            ):  # "Hộ nghèo: 148 hộ; mức 300.000 đồng/hộ; kinh phí 44.400.000 đồng": one record
                current = clause
            if current is not None and kind == "amount" and _worth_was_level(current, token):
                before = self.text[boundary : token.start]
                if _TOTAL_NAMED.fullmatch(before) and _worth_prices(current, token, before):
                    current.level, current.amount = current.amount, None
                    if "amount" in current.precision:
                        current.precision["level"] = current.precision.pop("amount")
            if (
                kind == "amount"
                and current is not None
                and current.factor is not None
                and current.level is None
                and current.amount is None
                and _LEVEL_AFTER_FACTOR.fullmatch(self.text, current.end, token.start)
            ):  # "6 người x hệ số 2,5 x mức chuẩn 500.000 đồng = …": the base level
                current.level = token.value
                current.end = boundary = token.end
                continue
            if (
                kind == "level"
                and current is not None
                and _EACH_AFTER_AMOUNT.fullmatch(self.text, boundary, token.start)
                and _level_after_amount(current, token)
            ):  # "Tỉnh dành 15,703 tỷ đồng tặng 31.406 suất quà …, mỗi suất 500 nghìn đồng"
                current.level = token.value
                current.end = boundary = token.end
                continue
            if current is not None and _level_again(self.text, current, token):
                # "Mức 600.000 đồng: 29 suất x 600.000 đồng = …": the level written again
                assert token.value is not None
                current.restatements.append(("level", token.value, self.line))
                current.end = boundary = token.end
                continue
            if current is None or not _takes(current, token):
                current = self._new(token, boundary, sentence)
                if ahead:  # the percentage written right before the figure, ": " between
                    current.shares.extend(
                        share
                        for share, stop in ahead
                        if _RIGHT_BEFORE.fullmatch(self.text, stop, token.start)
                    )
                    ahead.clear()
                if parts_parent is not None and parts_parent is not current:
                    parts_parent.children.append(current)
                    parts_parent.explicit = parts_parent.inline = True
                else:
                    records.append(current)
            if kind == "amount" and current.amount is None and current.count is not None:
                current.worth = _WORTH.fullmatch(self.text, boundary, token.start) is not None
                # "… 72 suất quà với tổng kinh phí 29.700.000 đồng": called a total
                before = self.text[boundary : token.start].lower()
                current.total_named = _TOTAL_CUE.search(before) is not None
            _fill(current, token)
            boundary = current.end = token.end
        _priced_terms(self.text, records)
        _written_sums(self.text, records)
        _balances(records)
        _nest_totals(records)
        return records, parts_parent, leading_parts

    def _new_subject(self, sentence: int, last: Rec) -> bool:
        """The parts word just read stands in a sentence after ``last``'s whose words
        before it name something (``Quà của tỉnh gồm …``), not a sentence opening with it
        (``Trong đó: …``, which gives the last record's parts)."""
        start = self.events[self.index - 1][0]
        return last.end <= sentence and _LETTER.search(self.text, sentence, start) is not None

    def _each_holds(self) -> bool:
        """The parts word just read follows ``mỗi <unit>`` (a bounded look back)."""
        start = self.events[self.index - 1][0]
        return _EACH_BEFORE.search(self.text, max(0, start - _EACH_LOOK_BACK), start) is not None

    def _group(
        self,
        records: list[Rec],
        current: Rec | None,
        parts_parent: Rec | None,
        depth: int,
        boundary: int,
    ) -> tuple[Rec | None, int]:
        """A parenthesis: the parts of the record before it, its claims, or more records."""
        target = current or (records[-1] if records else None)
        opened = self.events[self.index - 1][1]
        inner, _, leading = self._sequence(depth=depth + 1, outer=target)
        if not inner:  # an aside: "(nguồn Trung ương)" stays in the label
            return current, boundary
        if target is not None and _basis_of(target, inner):
            # "792.000.000 đồng (mức 600.000 đồng/suất)", "2.184.000.000 đồng (3.640 suất x
            # 600.000 đồng/suất)": the bracket states how the record's amount is made
            (basis,) = inner
            target.level = basis.level
            if basis.count is not None:
                target.count, target.unit = basis.count, basis.unit
            return current, self.events[self.index - 1][1] if self.index else boundary
        rounded = _rounded_again(target, inner, self.text[opened:]) if target else None
        if target is not None and rounded is not None:
            # "4.395 cụ với tổng kinh phí 696.300.000 đồng (làm tròn 0,7 tỷ đồng)": the
            # figure written again to a precision, no record of its own
            target.bounds.append((*rounded, self.line))
            return current, self.events[self.index - 1][1] if self.index else boundary
        if current is not None and _goods_value_of(current, inner, self.text[opened:]):
            # "45 suất, mỗi suất gồm 10 kg gạo (trị giá 150.000 đồng) và 350.000 đồng": the
            # value of each gift's goods, the first part of its level
            current.level = inner[0].level
            current.end = inner[0].end
            return current, self.events[self.index - 1][1] if self.index else boundary
        if current is not None and _amount_of(current, inner):
            # "huyện Tiên Yên 312 suất (165 triệu đồng)": the count's own amount
            (own,) = inner
            current.amount = own.amount
            current.precision.update(own.precision)
            current.end = own.end
            return current, self.events[self.index - 1][1] if self.index else boundary
        if target is not None and not any(rec.has_figures() or rec.hedged for rec in inner):
            # "(mức 300.000 đồng và 600.000 đồng)": the levels the record's gifts are paid
            # at, kept with it (no figure of theirs to check), and the record goes on
            target.children.extend(inner)
            target.inline = True
            return current, self.events[self.index - 1][1] if self.index else boundary
        boundary = self.events[self.index - 1][1] if self.index else 0
        owner = parts_parent or target
        announced = leading or parts_parent is not None
        if not announced and owner is not None and _describes(owner, inner):
            records.extend(inner)  # "38 suất … (thân nhân của 02 liệt sĩ trở lên)": who
            return None, boundary
        if owner is not None and (announced or parts_add_up(owner, inner, bracketed=True)):
            owner.children.extend(inner)
            owner.inline = True
            owner.explicit = owner.explicit or leading or parts_parent is not None
            return current, boundary
        records.extend(inner)
        return None, boundary

    def _new(self, token: Token, boundary: int, sentence: int) -> Rec:
        rec = Rec(line=self.line, bullet=self.bullet, start=token.start)
        before = self.text[boundary : token.start]
        lower = before.lower()
        rec.total_cue = ("tổng" in lower or "cộng" in lower) and _TOTAL_CUE.search(
            lower
        ) is not None
        label = _clean(self.text[max(boundary, sentence) : token.start]) or _clean(before)
        if token.kind == "level":
            label = f"{label}: Mức {token.text}" if label else f"Mức {token.text}"
        if not label:  # "Tổng số 1.251 suất …": the cue words are all there is
            label = before[-_LABEL_LIMIT:].strip(_LABEL_MARKS)
        if not label:
            after = self.text[token.end : token.end + _LABEL_LIMIT].split(")", 1)[0]
            label = _clean(_AFTER_LABEL_END.split(after, 1)[0])  # "(151.800.000 đồng) và": none
        rec.label = _shorten(label) or token.text
        return rec


# a price per measure of goods, right after the money: "14.500 đồng/kg", "/lít", "/bao"
_PER_GOODS = _regex.compile(
    r" ?/ ?(?:kg|kí|ký|tấn|tạ|lít|gam|mét|m|chiếc|cái|bao|thùng|hộp|túi|gói|chai|lon)"
    r"(?![^\W\d_])",
    re.IGNORECASE,
)
# a price per measure that is no goods one takes home: "1.984 đồng/kWh", "đồng/m3"
_PER_MEASURED = _regex.compile(r" ?/ ?(?:kwh|số điện|m3|khối)(?![^\W\d_])", re.IGNORECASE)
# what a level is paid for, after the number: "3 tháng", "2 quý", "4 lần"
_TIMES_UNIT = _regex.compile(r" ?(tháng|quý|năm|ngày|lần|kỳ)(?![^\W\d_])", re.IGNORECASE)
_TIMES_SIGN = _regex.compile(r"[\s,]*(?:[x×*]|nhân)[\s]*", re.IGNORECASE)
# a sign after the periods, a few words between ("x 2 lần mức lương cơ sở x 2.340.000")
_TIMES_SIGN_AFTER = _regex.compile(
    r"\s*(?:[^\W\d_]+\s+){0,4}?(?:[x×*]|nhân)\s*(?:mức\s*)?\d", re.IGNORECASE
)
_CLAUSE_END = _regex.compile(r";|\.(?!\d)")
_EACH_SPAN = 60


def _each_period_ahead(text: str, start: int, period: str) -> bool:
    """``mỗi lần``, ``mỗi tháng`` (the period just counted) soon after, in the same
    clause: the level that follows is paid per period."""
    ahead = same_length_lower(_CLAUSE_END.split(text[start : start + _EACH_SPAN], 1)[0])
    return f"mỗi {period.lower()}" in ahead


_AGE_AFTER = _regex.compile(r" ?tuổi(?![^\W\d_])", re.IGNORECASE)
# after a level paid by the period ("59.520 đồng/hộ/tháng"), the periods it is paid for:
# "…, trong 6 tháng", "… x 6 tháng", "… (6 tháng)"
_PER_PERIOD = _regex.compile(
    r"(?:\s*/\s*[^\W\d_]+(?: [^\W\d_]+)?)?\s*/\s*(tháng|quý|năm|ngày|lần|kỳ)"
    r"[\s,]*(?:trong|x|×|\*|nhân|thời gian|số tháng|\()?[\s:]*",
    re.IGNORECASE,
)


def _times_of(text: str, rec: Rec, token: Token) -> int | None:
    """How many times ``rec``'s level is paid, if the duration ``token`` says so: in a
    chain of multiplications with the count and the level (``142 hộ x 3 tháng x 59.520
    đồng``, ``142 hộ x 59.520 đồng x 3 tháng``), or after a level paid by that period
    (``mức 59.520 đồng/hộ/tháng, trong 6 tháng``). Only before the record's amount, and
    a whole number from 2 (once changes nothing)."""
    written = token.text  # a duration's value is not kept: "3", "06", "12"
    if not written.isdecimal() or len(written) > 4 or rec.factor is not None:
        return None
    value = int(written)
    if not 2 <= value <= MAX_FACTOR:
        return None
    if rec.amount is not None or rec.count is None:
        return None
    unit = _TIMES_UNIT.match(text, token.end)
    if unit is None:
        return None
    between = text[rec.end : token.start]
    if len(between) > _TIMES_SPAN:
        return None
    if _AGE_AFTER.match(text, unit.end()):
        return None  # "25 cháu x 36 tháng tuổi": an age
    sign = _TIMES_SIGN.fullmatch(between)
    if sign is not None:
        # a chain of products: another sign after the periods (``142 hộ x 3 tháng x
        # 59.520 đồng``), or the level read already (``142 hộ x 59.520 đồng x 3 tháng``);
        # "nhân" also says "on the occasion of" (``200 suất nhân 77 năm Ngày …``): only
        # with a sign after. ``142 hộ x 3 tháng, mức 178.560 đồng/hộ`` may be the level
        # of the three months: no factor.
        if _TIMES_SIGN_AFTER.match(text, unit.end()) is not None:
            return value
        if _each_period_ahead(text, unit.end(), unit.group(1)):
            return value  # "15 cụ x 2 lần (Tết và 27/7), mỗi lần 500.000 đồng/cụ"
        if rec.level is not None and "nhân" not in sign.group(0).lower():
            return value
        return None
    per = _PER_PERIOD.fullmatch(between) if rec.level is not None else None
    if per is not None and per.group(1).lower() == unit.group(1).lower():
        return value
    return None


_TIMES_SPAN = 40
_LEAD_SPAN = 24  # characters before a percentage kept with it (ShareSpec.lead)
_GOODS_QUANTITY = _regex.compile(r"(\d{1,4}) ?([^\W\d_]+)")
_PRICED_SIGN = _regex.compile(r"\s*(?:[x×*]|nhân)\s*", re.IGNORECASE)


def _level_again(text: str, rec: Rec, token: Token) -> bool:
    """The level ``token`` is ``rec``'s written again in its product (``Mức 600.000 đồng:
    29 suất x 600.000 đồng = 17.400.000 đồng``): ``rec`` has its level and count, no
    amount yet, only a multiplication sign stands between its count and the level, and
    the value is the same (``Mức hỗ trợ 600.000 đồng/hộ: 20 hộ x 300.000 đồng x 2 đợt``
    pays 300.000 a round: another level, not a slip of the first)."""
    if token.kind != "level" or token.value is None or token.op is not None:
        return False
    if rec.level is None or rec.count is None or rec.amount is not None or rec.factor:
        return False
    if _TIMES_SIGN.fullmatch(text, rec.end, token.start) is None:
        return False
    return rec.level == token.value


# "x hệ số 1,5 x", "nhân hệ số 2": a coefficient between the count and the level
_COEFFICIENT_BEFORE = _regex.compile(r"\s*(?:[x×*]|nhân)\s*(?:với\s*)?hệ số\s*", re.IGNORECASE)
# the sign and the words between a factor and the level it multiplies: "x mức chuẩn"
_TO_LEVEL = r"\s*(?:[x×*]|nhân)\s*(?:với\s*)?(?:mức chuẩn(?: trợ giúp xã hội)?\s*|mức\s*)?"
_LEVEL_AFTER_FACTOR = _regex.compile(_TO_LEVEL, re.IGNORECASE)
_COEFFICIENT_AFTER = _regex.compile(_TO_LEVEL + r"\d", re.IGNORECASE)
_COEFFICIENT = _regex.compile(r"(\d{1,2})(?:,(\d{1,2}))?")


def _coefficient_value(written: re.Match[str]) -> Fraction:
    """``1,5`` → 3/2, ``2,0`` → 2, ``3`` → 3 (a coefficient's decimals after a comma)."""
    decimals = written.group(2) or ""
    return Fraction(int(written.group(1) + decimals), 10 ** len(decimals))


def _names_coefficient(text: str, token: Token, records: list[Rec]) -> bool:
    """``token`` names the coefficient a record of the line is paid at (``Nhóm hệ số 1,5:
    1.246 người × 1,5 × 500.000 đồng``): the label's number, the product's factor."""
    written = _COEFFICIENT.fullmatch(token.text)
    if written is None or not text[: token.start].lower().rstrip().endswith("hệ số"):
        return False
    value = _coefficient_value(written)
    return any(
        rec.factor is not None and Fraction(rec.factor, rec.factor_per or 1) == value
        for rec in records
    )


def _coefficient_of(text: str, rec: Rec, token: Token) -> tuple[int, int | None] | None:
    """A coefficient ``rec``'s level is paid at (``1.247 người x hệ số 1,5 x 500.000 đồng
    = 935.250.000 đồng``; the social-assistance benefit is a coefficient times a base
    level): the factor and its divisor (1,5: 3 per 2; 2,0: 2, no divisor), when the
    number follows the count and ``hệ số`` with a sign (or only the sign, for a number
    written with decimals: ``1.246 người × 1,5 × 500.000 đồng``) and a sign follows it
    before the level, and before the record's level and amount; ``None`` for 1 (nothing
    to multiply), 0 and above MAX_FACTOR (a misreading)."""
    if rec.count is None or rec.level is not None or rec.amount is not None:
        return None
    if rec.factor is not None or (token.kind == "count" and token.unit is not None):
        return None  # "x 3 hộ": a count, not "x hệ số 3"
    written = _COEFFICIENT.fullmatch(token.text)
    if written is None or _COEFFICIENT_AFTER.match(text, token.end) is None:
        return None
    named = _COEFFICIENT_BEFORE.fullmatch(text, rec.end, token.start) is not None
    if not named and not (written.group(2) and _TIMES_SIGN.fullmatch(text, rec.end, token.start)):
        return None  # "× 1,5 ×" without "hệ số": a decimal between two signs is one too
    value = _coefficient_value(written)
    if not 0 < value <= MAX_FACTOR:
        return None
    if value.denominator == 1:
        return (value.numerator, None) if value.numerator > 1 else None
    return value.numerator, value.denominator


def _goods_per_count(text: str, rec: Rec, token: Token) -> tuple[int, str] | None:
    """The measure of goods each of ``rec``'s count gets and its unit, when the measure
    ``token`` stands between the count and a price of that unit, multiplied
    (``142 hộ x 30 kWh x 1.984 đồng/kWh``, ``118 hộ x 15 kg x 12.000 đồng/kg``): the
    price times the measure is each one's level. A whole number from 2 to MAX_FACTOR,
    before the record's level and amount."""
    if rec.count is None or rec.level is not None or rec.amount is not None:
        return None
    if rec.factor is not None:
        return None
    quantity = _GOODS_QUANTITY.fullmatch(token.text)
    if quantity is None or _PRICED_SIGN.fullmatch(text, rec.end, token.start) is None:
        return None
    value = int(quantity.group(1))
    if not 2 <= value <= MAX_FACTOR:
        return None
    sign = _PRICED_SIGN.match(text, token.end)
    if sign is None:
        return None
    price = _PRICE_OF.match(text, sign.end())
    if price is None or price.group(1).lower() != quantity.group(2).lower():
        return None
    return value, quantity.group(2).lower()


# a price per measure after the multiplication sign: "1.984 đồng/kWh", "12.000đ/kg"
_PRICE_OF = _regex.compile(
    r"(?:mức\s*)?[\d.]+ ?(?:đồng|đ|vnđ|vnd) ?/ ?([^\W\d_]+)(?![^\W\d_])", re.IGNORECASE
)


def _priced_for(text: str, rec: Rec | None, token: Token) -> bool:
    """Whether the level ``token`` may be ``rec``'s: a price per measure of goods
    (``12.000 đồng/kg``) only when ``rec`` counts that measure for each of its count."""
    goods = _PER_GOODS.match(text, token.end) or _PER_MEASURED.match(text, token.end)
    if goods is None:
        return True
    unit = goods.group(0).strip(" /").lower()
    return rec is not None and rec.goods == unit


def priced(rec: Rec) -> Fraction:
    """``rec``'s count × level × factor over its divisor (0 for a missing figure)."""
    return Fraction((rec.count or 0) * (rec.level or 0) * (rec.factor or 1), rec.factor_per or 1)


def _describes(owner: Rec, inner: list[Rec]) -> bool:
    """A bracket after a whole line item (count and amount) whose numbers count something
    else (``thân nhân của 02 liệt sĩ``): it says who the gifts are for, it lists no parts."""
    if owner.count is None or owner.amount is None or owner.unit is None:
        return False
    return all(
        rec.count is not None
        and rec.amount is None
        and rec.level is None
        and rec.unit not in (None, owner.unit)
        for rec in inner
    )


def level_only(rec: Rec) -> bool:
    """The record states a level and nothing else: no count, no amount, no parts."""
    return rec.level is not None and not rec.has_figures() and not rec.children


def _priced_by(rec: Rec, token: Token) -> bool:
    """An amount going on a record that states a count and a level is their product but
    for one typing slip: ``hộ nghèo: 148 hộ, mức 300.000 đồng/hộ; hộ cận nghèo: 60 hộ,
    mức 200.000 đồng/hộ; kinh phí 56.400.000 đồng`` gives the whole list's amount, not
    the last group's."""
    if token.kind != "amount" or rec.count is None or rec.level is None:
        return True
    return token.value is not None and _priced_sum([rec], token.value)


def _worth_was_level(rec: Rec, token: Token) -> bool:
    """``64 cụ, quà trị giá 200.000 đồng, thành tiền 12.800.000 đồng``: the amount the
    record holds was written as one gift's worth (``quà trị giá …`` right after its count,
    :attr:`Rec.worth`) and a larger one follows: where the caller finds it named as the
    total (:data:`_TOTAL_NAMED`) and made by the count at that worth (:func:`_worth_prices`),
    the first is the level, the second the amount."""
    return (
        rec.worth
        and rec.level is None
        and rec.amount is not None
        and not rec.children
        and not rec.hedged
        and token.hedge is None
        and token.value is not None
        and rec.amount < token.value
        and rec.count is not None
    )


def _worth_prices(rec: Rec, token: Token, before: str) -> bool:
    """The count at the worth :func:`_worth_was_level` found makes the total named by
    ``before`` exactly, or but for one typing slip where that names the gifts' value
    (``thành tiền``, ``tổng trị giá``): ``tổng kinh phí 13.800.000 đồng (gồm cả tiền
    thiếp …)`` may hold more than the gifts, and ``64 suất quà trị giá 12.800.000 đồng,
    tổng kinh phí 13.500.000 đồng`` states two totals."""
    if token.value is None or rec.count is None or rec.amount is None:
        return False
    exact = _PRODUCT_NAMED.search(before) is None
    return _priced_sum(
        [Rec(line=rec.line, count=rec.count, level=rec.amount)], token.value, exact=exact
    )


_PRODUCT_NAMED = _regex.compile(r"thành tiền|trị giá|giá trị", re.IGNORECASE)  # the gifts' value


# a gift's worth right after its count ("64 cụ, quà trị giá", "64 suất quà trị giá"), not a
# total ("tổng trị giá"): all that stands between the count and the amount
_WORTH = _regex.compile(
    r"[\s,;:-]*(?:mỗi [^\W\d_]+ (?:được tặng )?[^;.()]{0,50}? (?:và|kèm theo|cùng) )?"
    r"(?:(?:mỗi |một )?(?:suất |phần )?quà )?(?:trị giá|giá trị)[\s:]*",
    re.IGNORECASE,
)  # also after what else each one gets: "mỗi cụ 01 thiếp chúc thọ và quà trị giá"
# the words naming the value of what was just listed: ", trị giá", ", với tổng số tiền"
_VALUE_NAMED = _regex.compile(
    r"[\s,;:-]*(?:với |có )?(?:tổng )?(?:trị giá|giá trị|thành tiền|số tiền|kinh phí)"
    r"(?: là)?[\s:]*",
    re.IGNORECASE,
)
_TOTAL_NAMED = _regex.compile(
    r"[\s,;:-]*(?:thành tiền|tổng(?: cộng| số)?(?: trị giá| giá trị| số tiền| kinh phí| tiền)?"
    r"|số tiền|kinh phí)(?: là)?[\s:]*",
    re.IGNORECASE,
)


def _amount_of(target: Rec, inner: list[Rec]) -> bool:
    """The bracket right after a count holds only that count's amount (exact or rounded,
    not hedged), which the record lacks: ``312 suất (165 triệu đồng)``; at a level, the
    product but for one typing slip (else the bracket may be the whole list's)."""
    if len(inner) != 1 or target.count is None or target.amount is not None:
        return False
    own = inner[0]
    if any(char.isalpha() for char in own.label) and not own.label[:1].isdigit():
        return False  # "(ngân sách tỉnh hỗ trợ 100 triệu đồng)": another figure
    if target.level is not None and (own.amount is None or not _priced_sum([target], own.amount)):
        return False  # "253 suất mức 600.000 đồng và 825 suất mức 400.000 đồng (481.800.000)"
    return (
        own.amount is not None
        and own.count is None
        and own.level is None
        and not own.children
        and not own.hedged
        and not own.claims
        and not own.shares
    )


def _rounded_again(
    target: Rec, inner: list[Rec], bracket: str
) -> tuple[FigureField, int, str, int] | None:
    """A bracket saying it rounds (``(làm tròn 0,7 tỷ đồng)``, ``(tròn 4.400 cụ)``) after a
    record's exact figure, holding only that figure written to a precision: the bound it
    is (field, value, ``"rounded"``, precision), else ``None``."""
    if len(inner) != 1 or not bracket.lstrip().lower().startswith(_ROUNDS):
        return None
    again = inner[0]
    if again.children or again.level is not None or again.claims or again.shares:
        return None
    fields: tuple[FigureField, ...] = ("count", "amount")
    stated = [field for field in fields if getattr(again, field) is not None]
    if len(stated) != 1:
        return None
    (field,) = stated
    value, precision = getattr(again, field), again.precision.get(field, 1)
    if getattr(target, field) is None or not value:
        return None
    if precision == 1:  # "(làm tròn 700.000.000 đồng)": rounded to its last nonzero digit
        while value % (precision * 10) == 0:
            precision *= 10
    return field, value, "rounded", precision


_ROUNDS = ("làm tròn", "tròn", "quy tròn", "ước tròn")


def _goods_value_of(target: Rec, inner: list[Rec], bracket: str) -> bool:
    """The bracket after the goods of each of a count's gifts holds only their value
    (``mỗi suất gồm 10 kg gạo (trị giá 150.000 đồng)``), which the scanner read as a level:
    the first part of the count's level, the cash added to it after the bracket."""
    if len(inner) != 1 or target.count is None or target.level is not None:
        return False
    worth = inner[0]
    return (
        target.amount is None
        and level_only(worth)
        and not worth.hedged
        and bracket.lstrip().lower().startswith(_GOODS_WORTH)
    )


_GOODS_WORTH = ("trị giá", "giá trị")


def _basis_of(target: Rec, inner: list[Rec]) -> bool:
    """The bracket after a record holds only its level, or its count at a level, that the
    record lacks: with its amount they make a product to check."""
    if len(inner) != 1 or target.amount is None or target.level is not None:
        return False
    basis = inner[0]
    if basis.level is None or basis.amount is not None or basis.children or basis.hedged:
        return False
    return basis.count is None or target.count is None


# what stands between a record's last figure and each gift's level written after its
# amount: ", mỗi suất", "; mỗi suất trị giá" (the words of the record before it)
_EACH_AFTER_AMOUNT = _regex.compile(
    r"[^;.\d]{0,80}?[,;]? ?mỗi (?:suất|phần|người|hộ|cụ|đối tượng)(?: quà)?"
    r"(?: (?:trị giá|là|được|gồm))?:? ?",
    re.IGNORECASE,
)


def _level_after_amount(rec: Rec, token: Token) -> bool:
    """Each gift's level written after a record's count and amount is its level where
    their product makes the amount, but for one typing slip."""
    if rec.level is not None or rec.count is None or rec.amount is None or token.value is None:
        return False
    if rec.factor is not None or rec.children or rec.hedged:
        return False
    trial = Rec(line=rec.line, count=rec.count, level=token.value)
    return _priced_sum([trial], rec.amount)


def _takes(rec: Rec, token: Token) -> bool:
    """Whether ``token`` fills an empty figure of ``rec``."""
    if token.hedge is not None and token.kind in ("count", "amount"):
        taken = any(hedged[0] == token.kind for hedged in rec.hedged)
        return not taken and getattr(rec, token.kind) is None
    if token.kind == "level" and token.op == "+":  # a further part of each gift's value
        return rec.level is not None and rec.amount is None
    if token.kind == "level":
        return rec.level is None and rec.amount is None
    if token.kind == "count":
        return rec.count is None
    return rec.amount is None


def _sum_not_last(parts: list[Rec], amount: int) -> bool:
    """Σ count × level of ``parts`` makes ``amount``, exactly or but for one slip, and the
    last part's own count × level is not within one slip of it (it would be its own)."""
    last = parts[-1]
    own = priced(last)
    if own == amount or (own.denominator == 1 and detect(amount, int(own), "money")):
        return False
    return _priced_sum(parts, amount)


def _shared_amount(records: list[Rec], token: Token, line: int, *, named: bool = False) -> bool:
    """``Bưu điện xã đã chi trả 02 suất mức 600.000 đồng và 148 suất mức 300.000 đồng,
    tổng số tiền 45.600.000 đồng``: a total amount after two or more records each stating
    a count and a level and nothing else is the amount of them all (Σ count × level)
    where that is what the figures say: it equals that sum and not the last record's own
    product (exactly, for an amount written round: ``561 triệu đồng``), or one typing
    slip in one figure explains that sum (where one explains the
    product too, the words "tổng …" before the amount decide: the total of them all).
    ``named``: the amount is named a value, not a total (``…, trị giá 540.600.000 đồng``):
    it must also be no slip from the last record's own product. Then the records become
    the parts of a new record stating the amount, on the line (True). Otherwise the
    amount stays the last record's own (False)."""
    run: list[Rec] = []
    for rec in reversed(records):
        if rec.count is None or rec.level is None or rec.amount is not None or rec.children:
            break
        if rec.hedged or rec.claims:
            break
        run.append(rec)
    if len(run) < 2 or token.value is None or token.hedge is not None:
        return False
    run.reverse()
    amount = token.value
    if token.precision > 1 and not _priced_sum(run, amount, exact=True):
        return False  # "tổng kinh phí 561 triệu đồng": a round figure only where exact
    if _priced_sum(run[-1:], amount, exact=True):
        return False
    if named and not _sum_not_last(run, amount):
        return False
    if not _priced_sum(run, amount):  # or one slip explains it: the total's reading
        return False
    parent = Rec(line=line, label=run[0].label, start=run[0].start, total_cue=True)
    _fill(parent, token)
    parent.end = token.end
    parent.children, parent.explicit, parent.inline = run, True, True
    parent.bullet = run[0].bullet
    records[-len(run) :] = [parent]
    return True


_FEW = _regex.compile(r"(?<![^\W\d_])trong đó(?![^\W\d_])", re.IGNORECASE)
_ALL = _regex.compile(r"(?<![^\W\d_])(?:cụ thể|bao gồm|gồm|chia ra)(?![^\W\d_])", re.IGNORECASE)
_ALL_WORDS = ("cụ thể", "gồm", "chia ra")  # each _ALL match holds one ("bao gồm" holds "gồm")


# the money received, named before its amount: "Từ số tiền …", "Kinh phí được phân bổ …"
_RECEIVED_FIRST = _regex.compile(
    r"(?<![^\W\d_])(?:từ số tiền|từ nguồn|số tiền (?:được )?(?:ủng hộ|tiếp nhận|nhận)|tiếp nhận"
    r"|được phân bổ|được cấp|ủng hộ|vận động được|huy động được|kinh phí nhận)(?![^\W\d_])",
    re.IGNORECASE,
)


def _priced_again(parent: Rec, token: Token) -> bool:
    """A total amount after priced parts, their Σ count × level exactly, one typing slip
    from the amount their parent states already: that figure written a second time."""
    return (
        parent.amount is not None
        and token.value is not None
        and token.hedge is None
        and token.value != parent.amount
        and max(token.value, parent.amount) >= SLIP_FLOOR
        and _priced_parts_only(parent.children)
        and _priced_sum(parent.children, token.value, exact=True)
        and detect(parent.amount, token.value, "money") is not None
    )


def _priced_parts_only(parts: list[Rec]) -> bool:
    """Two parts or more, each stating a count and a level and nothing else."""
    return len(parts) >= 2 and all(
        part.count is not None
        and part.level is not None
        and part.amount is None
        and not part.children
        for part in parts
    )


def _priced_anew(parent: Rec, token: Token) -> bool:
    """A total amount after parts that each state a count and a level and no amount,
    their Σ count × level exactly, while their parent states another amount already,
    named as money received (``Từ số tiền 185.000.000 đồng …``: what came in, not the
    gifts given; ``310 suất quà trị giá 184.000.000 đồng, gồm …, tổng cộng 148.000.000
    đồng`` writes one figure twice)."""
    parts = parent.children
    return (
        parent.amount is not None
        and _RECEIVED_FIRST.search(parent.label) is not None
        and token.value is not None
        and token.hedge is None
        and token.value != parent.amount
        and len(parts) >= 2
        and all(
            part.count is not None
            and part.level is not None
            and part.amount is None
            and not part.children
            for part in parts
        )
        and _priced_sum(parts, token.value, exact=True)
        and not parent.hedged
    )


def names_a_few(rec: Rec, raw: str) -> bool:
    """``nhà trường có 612 học sinh, trong đó 38 em thuộc hộ nghèo, 27 em …``: parts
    announced by ``trong đó`` (not ``cụ thể``, ``gồm``: those list everything) that sum
    below the whole, in every figure they state, by more than one typing slip in the
    whole or in one part explains, name only some of it: the sum is a bound (``>=``), no
    error. Parts one slip short, or over the whole, stay a complete breakdown, so the
    slip is found."""
    lower = same_length_lower(raw)  # substring tests rule most searches out
    if not may_hold(lower, ("trong đó",)) or _FEW.search(raw) is None:
        return False
    if may_hold(lower, _ALL_WORDS) and _ALL.search(raw) is not None:
        return False
    sums = stated_sums(rec, rec.children)
    for name, whole, parts in sums:
        kind: FigureKind = "count" if name == "count" else "money"
        total = sum(parts)
        gap = whole - total
        if gap <= 0 or detect(whole, total, kind) is not None:
            return False
        if any(detect(part, part + gap, kind) is not None for part in parts):
            return False
    return bool(sums)


def stated_sums(owner: Rec, parts: list[Rec]) -> list[tuple[FigureField, int, list[int]]]:
    """``(field, the owner's figure, the parts' figures)`` for the count and the amount,
    where the owner and every part state that field: what a sum of them can compare."""
    found: list[tuple[FigureField, int, list[int]]] = []
    for name in ("count", "amount"):
        whole = getattr(owner, name)
        values = [getattr(part, name) for part in parts]
        if whole is not None and None not in values:
            found.append((name, whole, values))
    return found


def _priced_sum(recs: list[Rec], amount: int, *, exact: bool = False) -> bool:
    """Σ count × level of ``recs`` is ``amount``, or (not ``exact``) is so but for one
    typing slip in one figure: the amount, or one record's count or level."""
    products = [priced(rec) for rec in recs]
    whole = sum(products, Fraction(0))
    if whole == amount or exact:
        return whole == amount
    if whole.denominator == 1 and detect(amount, int(whole), "money") is not None:
        return True
    for rec, product in zip(recs, products, strict=True):
        # what this record's count × level must be (its factor taken out)
        needed = (amount - (whole - product)) / Fraction(rec.factor or 1, rec.factor_per or 1)
        count, level = rec.count or 0, rec.level or 0
        if needed <= 0 or needed.denominator != 1:
            continue
        rest = int(needed)
        if level and rest % level == 0 and detect(count, rest // level, "count") is not None:
            return True
        if count and rest % count == 0 and detect(level, rest // count, "money") is not None:
            return True
    return False


def _awaits_amount(rec: Rec, token: Token, before: str) -> bool:
    """A count at a level, or a total count, with no amount yet and no parts: the next
    clause's total (``… mỗi suất 500.000đ. Tổng trị giá …``, ``Tổng số 2.318 suất; tổng
    kinh phí …``) is its amount. So is it of a count whose parts each state a count at a
    level and no amount, where their products make it but for one typing slip (``… cho
    21 hộ, gồm 12 hộ nghèo, mức 1.000.000 đồng/hộ và 9 hộ cận nghèo, mức 500.000
    đồng/hộ. Tổng số tiền: 16.500.000 đồng.``); but for one slip only where ``before``,
    the words before the amount, do not say it holds more (``Tổng số tiền hỗ trợ cả năm
    (gồm cả đợt Tết): …``)."""
    if rec.count is None or rec.amount is not None or rec.hedged:
        return False
    if not rec.children:
        return rec.level is not None or rec.total_cue
    priced = all(
        part.count is not None and part.level is not None and part.amount is None
        for part in rec.children
    )
    if not priced or token.value is None:
        return False
    wider = _HOLDS_MORE.search(before) is not None
    return _priced_sum(rec.children, token.value, exact=wider)


_HOLDS_MORE = _regex.compile(
    r"(?<![^\W\d_])(?:cả năm|gồm cả|bao gồm|kể cả|cả đợt)(?![^\W\d_])|\(", re.IGNORECASE
)  # a total said to hold more than the parts before it


def _fill(rec: Rec, token: Token) -> None:
    if token.hedge is not None and token.kind in ("count", "amount") and token.value is not None:
        field: FigureField = "count" if token.kind == "count" else "amount"
        rec.hedged.append((field, token.hedge, token.value, token.precision))
        return
    if token.precision > 1:
        rec.precision[token.kind] = token.precision
    if token.kind == "level" and token.op == "+" and rec.level is not None:
        rec.level += token.value or 0  # "mỗi suất gồm 300 nghìn … và … 200 nghìn đồng"
    elif token.kind == "level":
        rec.level = token.value
        rec.at_least = token.hedge == ">="
    elif token.kind == "count":
        rec.count, rec.unit = token.value, token.unit
    else:
        rec.amount = token.value


def parts_add_up(owner: Rec, parts: list[Rec], *, bracketed: bool = False) -> bool:
    """The parts' counts (or amounts) sum to the owner's: exactly, or, where the owner is
    called a total (``tổng số 118 hồ sơ (…; …)``) or ``bracketed`` parts all count in the
    owner's unit (``36 hồ sơ (BTXH 31 hồ sơ; NCC 05 hồ sơ)``), but for one typing slip in
    one figure (one slip must not take the parts away from the total they are written
    with)."""
    stated = stated_sums(owner, parts)
    if any(sum(values) == whole for _, whole, values in stated):
        return True
    if len(parts) < 2:
        return False
    if bracketed and _counted_alike(owner, parts):
        # the same unit written out in every part is the evidence a small total lacks
        return owner.count is not None and _one_slip(
            owner.count, [p.count or 0 for p in parts], "count"
        )
    if not owner.total_cue:
        return False
    return any(
        whole >= SLIP_FLOOR and _one_slip(whole, values, field) for field, whole, values in stated
    )


def _counted_alike(owner: Rec, parts: list[Rec]) -> bool:
    """Every part states a count in the owner's unit, and nothing but a count."""
    return owner.unit is not None and all(
        part.count is not None and part.unit == owner.unit and part.amount is None for part in parts
    )


def _one_slip(whole: int, values: list[int], field: str) -> bool:
    """The parts sum to the whole once one figure (the whole or one part) is retyped."""
    kind: FigureKind = "count" if field == "count" else "money"
    total = sum(values)
    if detect(whole, total, kind) is not None:
        return True
    return any(detect(value, whole - (total - value), kind) is not None for value in values)


_RIGHT_BEFORE = _regex.compile(r"[\s:=(–-]{0,4}")
_RATE = _regex.compile(  # a rate of doing, not a share: "đã giải ngân 100%", "đạt 95%"
    r"(?<![^\W\d_])(?:giải ngân|đạt|hoàn thành|thực hiện|tăng|giảm|vượt)(?![^\W\d_])\W*$",
    re.IGNORECASE,
)
_PLUS = _regex.compile(r"\s*\+\s*")
_MINUS = _regex.compile(r"\s*[-–−]\s*|\s+trừ\s+", re.IGNORECASE)
_EQUALS = _regex.compile(r"\s*=\s*")
_OPERATOR = _regex.compile(r"\s*[-–−+=]\s*|\s+trừ\s+", re.IGNORECASE)


def _priced_terms(text: str, records: list[Rec]) -> None:
    """Products added up on the line: ``54 cụ x 500.000 đồng + 12 cụ x 700.000 đồng =
    35.400.000 đồng`` is one record of that amount whose parts are the two products (each
    a count at a level, no amount of its own), counted by them. Without it the last
    product took the sum as its amount (``12 × 700.000 ≠ 35.400.000``) and the first was
    left alone. The sum is the last term's amount written after ``=`` or the record after
    it that states only an amount; a ``+`` stands between the products, the next one's
    name after it at most (``thương binh 10 người x … + bệnh binh 4 người x …``)."""
    index = 0
    while index + 1 < len(records):
        stop = index + 1
        while (
            stop < len(records)
            and _priced_term(records[stop - 1])
            and _PLUS_NAMED.fullmatch(text, records[stop - 1].end, records[stop].start)
            and _priced_term(records[stop], last=True)
        ):
            stop += 1
            if records[stop - 1].amount is not None:
                break
        terms = records[index:stop]
        sum_rec = records[stop] if stop < len(records) else None
        last = terms[-1]
        if len(terms) < 2:
            index += 1
            continue
        if last.amount is not None:
            if _SUM_WRITTEN.fullmatch(text, last.start, last.end) is None:
                index += 1
                continue
            whole = Rec(line=last.line, amount=last.amount, end=last.end)
            last.amount = None
            if "amount" in last.precision:
                whole.precision["amount"] = last.precision.pop("amount")
            consumed = stop
        elif (
            sum_rec is not None
            and _amount_only(sum_rec)
            and _EQUALS.fullmatch(text, last.end, sum_rec.start)
        ):
            whole = Rec(line=last.line, amount=sum_rec.amount, end=sum_rec.end)
            whole.precision.update(sum_rec.precision)
            consumed = stop + 1
        else:
            index += 1
            continue
        first = terms[0]
        whole.label, whole.start, whole.bullet = first.label, first.start, first.bullet
        whole.total_cue, whole.section = first.total_cue, first.section
        for term in terms:  # "+ 12 cụ x 700.000 đồng": a term named by its figures
            written = text[term.start : term.end].split("=", 1)[0].strip()
            term.label = _shorten(written) or term.label
        whole.children, whole.inline, whole.explicit = terms, True, True
        records[index:consumed] = [whole]
        index += 1


def _priced_term(rec: Rec, *, last: bool = False) -> bool:
    """A count at a level (the ``last`` term may hold the sum as its amount), plainly."""
    return (
        rec.count is not None
        and rec.level is not None
        and (last or rec.amount is None)
        and not rec.children
        and not rec.hedged
        and not rec.claims
        and rec.factor is None
    )


# the sign between two products added up, the second's name after it ("+ bệnh binh ")
_PLUS_NAMED = _regex.compile(r"\s*\+\s*(?:[^\W\d_][^\d=+;.()]{0,40}?\s*)?")
# the last product of a written sum, holding the sum: "12 cụ x 700.000 đồng = 35.400.000 đồng"
_SUM_WRITTEN = _regex.compile(r"[^=+]*\d[^=+]*=[^=+]*\d[^=+]*")


def _written_sums(text: str, records: list[Rec]) -> None:
    """Arithmetic written out on the line: ``10.000.000 đồng + 5.000.000 đồng = 15.000.000
    đồng`` (the last figure is the sum of the others), ``2.193.200.000 đồng -
    1.806.800.000 đồng = 386.400.000 đồng`` (the first is the sum of the others: need =
    given + shortfall) and ``48.350.000 + 126.700.000 - 127.600.000 = 47.450.000`` (the
    last is the sum, the terms after a minus taken off: a balance). Each figure is a record
    stating one figure of one kind, and only the signs and spaces stand between them; the
    sum's record keeps the first one's label."""
    index = 0
    while index + 2 < len(records):
        found = _expression(text, records, index)
        if found is None:
            index += 1
            continue
        stop, minus = found
        terms = records[index:stop]
        subtracting = all(minus)  # "a - b = c": a = b + c
        whole = terms[0] if subtracting else terms[-1]
        parts = terms[1:] if subtracting else terms[:-1]
        if not subtracting:  # "a + b - c = d" (a balance): d = a + b - c, c taken off
            for part, taken in zip(parts[1:], minus, strict=False):
                part.subtracted = taken
        label = terms[0].label  # what the line names: the sum, or what is left
        for term in terms:  # "+ 5.000.000 đồng": a term named by its figure
            if term is terms[0] or not any(char.isalpha() for char in term.label):
                term.label = text[term.start : term.end].strip()
        (terms[-1] if subtracting else whole).label = label  # "Còn thiếu: a - b = c": c
        whole.children, whole.inline, whole.explicit = parts, True, True
        records[index:stop] = [whole]
        index += 1


# "Kinh phí nhận …: X đồng; đã chi Y đồng; còn lại Z đồng": what came in, what went
# out, what is left
_RECEIVED = _regex.compile(
    r"(?<![^\W\d_])(?:nhận|được cấp|tiếp nhận|được giao|được phân bổ|tổng thu|đã thu|"
    r"vận động được|huy động được|dự toán)(?![^\W\d_])",
    re.IGNORECASE,
)
_SPENT = _regex.compile(
    r"\W*(?:đã |thực )?(?:chi|sử dụng|giải ngân|chi trả|chi ra|cấp phát)(?![^\W\d_])",
    re.IGNORECASE,
)
_LEFT = _regex.compile(
    r"\W*(?:số )?(?:còn lại|còn dư|dư(?! nợ)|chưa chi|chưa sử dụng|chưa giải ngân|tồn)"
    r"(?![^\W\d_])",
    re.IGNORECASE,
)
# words of a balance carried over or planned: three amounts then say something else
# ("số dư đầu năm", "tồn quỹ năm trước chuyển sang", "dự kiến chi"), no received-spent-left
_NOT_BALANCE = _regex.compile(
    r"(?<![^\W\d_])(?:đầu năm|đầu kỳ|chuyển sang|năm trước|dự kiến|kế hoạch|dư nợ)(?![^\W\d_])",
    re.IGNORECASE,
)


def balances(records: list[Rec]) -> list[Rec]:
    """``records`` (top-level, in reading order) with each balance of three amounts on
    one line or on lines one after the other nested as :func:`_balances` nests those of a
    line (``Kinh phí nhận …: 145.000.000 đồng; đã chi 112.314.240 đồng;`` / ``còn lại
    32.685.760 đồng, …``)."""
    _balances(records, adjacent=True)
    return records


def _balances(records: list[Rec], *, adjacent: bool = False) -> None:
    """Three amounts in a row on a line, what came in, what was spent and what is left
    (``Kinh phí nhận …: 145.000.000 đồng; đã chi 112.314.240 đồng; còn lại 32.685.760
    đồng``): the first is the sum of the other two, by what the words say (so that a slip
    in any of them shows), each stating an amount and nothing else. ``adjacent``: the
    records may stand on lines one after the other."""
    index = 0
    while index + 2 < len(records):
        received, spent, left = records[index : index + 3]
        near = not adjacent or (
            0 <= spent.line - received.line <= 1 and 0 <= left.line - spent.line <= 1
        )
        before = records[index - 1] if index else None
        after = records[index + 3] if index + 3 < len(records) else None
        if (
            near
            and all(_amount_only(rec) for rec in (received, spent, left))
            and not any(_NOT_BALANCE.search(rec.label) for rec in (received, spent, left))
            # a fourth amount beside them (an opening balance, two sums received, "chưa
            # giải ngân" then "còn lại"): another balance than these three make
            and not (before is not None and _amount_only(before) and _close_by(before, received))
            and not (after is not None and _amount_only(after) and _close_by(left, after))
            and _RECEIVED.search(received.label)
            and _SPENT.match(spent.label)
            and _LEFT.match(left.label)
        ):
            received.children = [spent, left]
            received.inline = received.explicit = True
            records[index : index + 3] = [received]
        index += 1


def _close_by(first: Rec, second: Rec) -> bool:
    """The two records stand on one line or on lines one after the other."""
    return 0 <= second.line - first.line <= 1


def _amount_only(rec: Rec) -> bool:
    return (
        rec.amount is not None
        and rec.count is None
        and rec.level is None
        and not rec.children
        and not rec.hedged
        and rec.factor is None
    )


def _expression(text: str, records: list[Rec], index: int) -> tuple[int, list[bool]] | None:
    """Where a written sum starting at ``records[index]`` ends (exclusive), and for each
    term after the first whether a minus stands before it; ``None`` when none starts
    there."""
    first = records[index]
    field = _only_field(first)
    if field is None:
        return None
    if index > 0 and _OPERATOR.fullmatch(text, records[index - 1].end, first.start):
        return None  # the middle of a longer expression
    minus: list[bool] = []
    stop = index + 1
    while stop < len(records):
        rec = records[stop]
        between = text[records[stop - 1].end : rec.start]
        if (
            _EQUALS.fullmatch(between)
            and getattr(rec, field) is not None
            and not rec.children
            and rec.level is None
        ):  # the result may state more ("= 9.000.000 đồng, tương ứng 25 người")
            return (stop + 1, minus) if minus and _one_sided(text, records, stop) else None
        if _only_field(rec) != field:
            return None
        if _EQUALS.fullmatch(between):
            return (stop + 1, minus) if minus and _one_sided(text, records, stop) else None
        if _PLUS.fullmatch(between):
            minus.append(False)
        elif _MINUS.fullmatch(between):
            minus.append(True)
        else:
            return None
        stop += 1
    return None


def _one_sided(text: str, records: list[Rec], result: int) -> bool:
    """No operator joins another figure to the result (``a + b = c + d`` states two sums
    equal: neither side is one figure's parts)."""
    after = result + 1
    return after >= len(records) or not _OPERATOR.fullmatch(
        text, records[result].end, records[after].start
    )


def _only_field(rec: Rec) -> str | None:
    """The one figure ``rec`` states (a count or an amount), when it states one only."""
    if rec.children or rec.level is not None or rec.hedged or rec.claims:
        return None
    if (rec.count is None) == (rec.amount is None):
        return None
    return "count" if rec.count is not None else "amount"


def _nest_totals(records: list[Rec]) -> None:
    """A "tổng số" record followed by records whose counts add up to it takes them; a
    "tổng cộng" record after records whose counts add up to it takes those."""
    _nest_closing_totals(records)
    index = 0
    while index < len(records):
        rec = records[index]
        if rec.total_cue and not rec.children and rec.count is not None:
            total, stop = 0, index + 1
            while stop < len(records) and records[stop].count is not None and total < rec.count:
                total += records[stop].count or 0
                stop += 1
            if total == rec.count and stop - index > 2:
                rec.children = records[index + 1 : stop]
                rec.inline = True
                del records[index + 1 : stop]
        index += 1


def _nest_closing_totals(records: list[Rec]) -> None:
    """A total after records on its line takes the run of them right before it that adds
    up to it: by counts (or, for a total stating no count, by amounts: ``cộng hỗ trợ nhà
    ở 240.000.000 đồng``), exactly, or, where a single run is one typing slip from it and
    its records count in the total's unit, that run (``xã A 312 suất, xã B 268 suất, xã C
    220 suất; tổng 880 suất``: the slip is found, not a reason to lose the sum)."""
    index = 2
    while index < len(records):
        rec = records[index]
        start = _closing_run(records, index) if rec.total_cue and not rec.children else None
        if start is not None:
            rec.children = records[start:index]
            rec.inline = rec.explicit = True
            del records[start:index]
            index = start
        index += 1


def _closing_run(records: list[Rec], index: int) -> int | None:
    """Where the run of records that the total at ``index`` closes starts (see
    :func:`_nest_closing_totals`); ``None`` when no run is its sum."""
    rec = records[index]
    field = "count" if rec.count is not None else "amount" if rec.amount is not None else None
    if field is None:
        return None
    whole: int = getattr(rec, field)
    sums: list[tuple[int, int]] = []  # (start, the run's sum), nearest first
    total, start = 0, index
    while start > 0 and total <= 2 * whole:
        before = records[start - 1]
        value = getattr(before, field)
        if value is None:
            break
        start -= 1
        total += value
        if index - start >= 2:
            sums.append((start, total))
    exact = [at for at, total in sums if total == whole]
    if exact:
        return exact[0]
    if whole < SLIP_FLOOR or not _BARE_CLOSING.fullmatch(rec.label):
        return None  # "tổng cộng cả 2 đợt toàn huyện": more than the records before it
    kind: FigureKind = "count" if field == "count" else "money"
    near = [at for at, total in sums if detect(whole, total, kind) is not None]
    if len(near) != 1 or (field == "count" and not counted_in_unit(records[near[0] : index], rec)):
        return None
    return near[0]


_BARE_CLOSING = _regex.compile(
    r"\W*(?:tổng cộng|tổng số|tổng|cộng)(?: chung| cả)?\W*", re.IGNORECASE
)


def counted_in_unit(records: list[Rec], total: Rec) -> bool:
    """The records count in the total's unit (or state none)."""
    return all(rec.unit is None or total.unit is None or rec.unit == total.unit for rec in records)


def _clean(text: str) -> str:
    """A label from the words before a figure: connecting words and marks trimmed."""
    if len(text) > _LABEL_WINDOW:  # keep the words nearest the figure, whole
        text = text[-_LABEL_WINDOW:].split(" ", 1)[-1]
    text = text.lstrip(_LABEL_MARKS).rstrip(_LABEL_TAIL_MARKS)
    while True:
        tail = text[-_FILLER_SPAN:].lower()
        if not tail.endswith(_FILLER_WORDS):  # no filler word ends the label: no search
            return text
        filler = _FILLER_END.search(tail)
        if filler is None:
            return text
        text = text[: len(text) - len(filler.group(1))].rstrip(_LABEL_TAIL_MARKS)


def _shorten(text: str) -> str:
    if len(text) <= _LABEL_LIMIT:
        return text
    return text[: _LABEL_LIMIT - 1].rstrip() + "…"


__all__ = [
    "SLIP_FLOOR",
    "LineRead",
    "Rec",
    "ShareSpec",
    "counted_in_unit",
    "is_announcement",
    "level_only",
    "parts_add_up",
    "read_line",
]
