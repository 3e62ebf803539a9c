"""Every number on a normalised line, read in context: money, count, date, citation, ….

:func:`scan` finds each run of digits once (a number never goes missing) and decides what
it is from the words around it: an amount (``600.000đ``, ``22,252 tỷ đồng``), a level
(``Mức 600.000đ``, ``x 900.000đ``), a count with its unit (``22 suất``, ``04 lượt``), a
claim's bound (``trung bình mỗi suất … trên 400.000 đồng``), a percentage, a date or a
period (``26/12/2023``, ``năm 2024``, ``Quý 1``), an instrument number (``1583/QĐ-CTN``,
``Nghị định số 20``), an age (``Tuổi 80``), a duration, an ordinal — or ``unknown``.
Every pattern is linear: no nested quantifiers, context looked up in bounded slices.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal, NamedTuple

from .. import _regex
from ..errors import MoneyParseError
from ..money import MAX_VND, parse_vnd
from ._normalize import same_length_lower
from ._units import COUNT_UNITS, MEASURES, alternation

Kind = Literal[
    "amount",
    "level",
    "count",
    "claim",
    "percent",
    "date",
    "period",
    "instrument",
    "age",
    "duration",
    "ordinal",
    "enumerator",
    "index",
    "measure",
    "unknown",
]
FIGURE_KINDS: frozenset[str] = frozenset({"amount", "level", "count"})

_MAX_DIGITS = 24  # past this a "number" is noise, not a figure
_CONTEXT = 48  # characters of context read on each side of a number
_NEAR = 24  # the words that name a number stand this close before it

# The leading digit stands outside the alternation: the engine then skips to the next
# digit at once instead of trying both alternatives at every character of the line.
_ATOM = _regex.compile(
    r"\d(?:\d{0,2}(?: \d{3})+(?![\d.,/])(?= ?(?:(?:nghìn|ngàn|triệu|tỷ|tỉ) ?)?(?:đồng|đ|vnđ|vnd|₫)"
    r"(?![^\W\d_]))"  # "27 300 000 đồng": thousands grouped by spaces
    r"|\d*(?:[.,/]\d+)*(?P<tail>/[^\W\d_][\w&]*(?:- ?[\w&]+)*)?)"
)
# "đồng" starts other words too: "05 đồng chí" (comrades), "năm 2024 đồng bào"
# (compatriots); and "20 đ/c" abbreviates "đồng chí". None of them is money.
_NOT_DONG = (
    r"(?! (?:chí|bào|chủ|hành|thời|ý|loại|nghiệp|bộ|tâm|minh|đều|nhất|lòng|hương|cảm"
    r"|phục|ruộng|hồ|ca|môn|niên|đẳng)(?![^\W\d_]))"
)
_SCALE = r"(?:nghìn|ngàn|triệu|tỷ|tỉ)"
_MONEY_UNIT = (
    rf" ?(?:{_SCALE} ?){{0,2}}(?:đồng{_NOT_DONG}|vnđ|vnd|đ(?!/c(?![^\W\d_]))|₫)"
    r"(?![^\W\d_])"
    rf"|(?: ?{_SCALE}){{1,2}}(?![^\W\d_])"
    r"|tr\d{1,3}(?![\d.,]?\d)(?![^\W\d_])"  # "1tr2": 1,2 triệu, "22tr5": 22,5 triệu
    r"|(?:tr|k)(?![^\W\d_])"  # "500k", "60tr", "5,6tr": a message's shorthand
    r"| ?tr\.? ?đ(?![^\W\d_])"  # "76 trđ", "1.485,2 tr.đ": triệu đồng
)
_SHORTHAND = {"tr": " triệu", "k": " nghìn", "trđ": " triệu"}  # as written, no space or dot
_TR_DECIMALS = _regex.compile(r"tr(\d{1,3})")
# "suy giảm khả năng lao động từ 81% trở lên", "dưới 81%": a threshold, not a share
_THRESHOLD_BEFORE = _regex.compile(r"(?<![^\W\d_])(?:từ|dưới|trên|đến|tới|khả năng lao động) ?$")
_THRESHOLD_AFTER = _regex.compile(r" ?(?:trở lên|trở xuống)(?![^\W\d_])")
_COUNT_UNIT = rf" ?(?P<unit>{alternation(COUNT_UNITS)})(?![^\W\d_])"
_MEASURE_UNIT = rf" ?(?:{alternation(MEASURES)})(?![^\W\d_])"
# What follows a number, in one match: the alternatives exclude one another (each starts
# with its own mark or whole word), so the group that matched names the one that applies.
_AFTER = _regex.compile(
    rf"(?P<percent> ?%)|(?P<money>{_MONEY_UNIT})|(?P<count>{_COUNT_UNIT})"
    rf"|(?P<measure>{_MEASURE_UNIT})"
    r"|(?P<age> ?tuổi(?![^\W\d_]))"
    r"|(?P<time> ?(?:ngày|tháng|quý(?! (?:cụ|ông|bà|vị|khách|đại biểu|thầy|cô|anh|chị))"
    r"|năm|tuần|giờ|phút|buổi|lần|kỳ)(?![^\W\d_]))"  # not "85 quý cụ": respected elders
    r"|(?P<times> ?[x*] ?\d)|(?P<list_end> ?(?:[;),]|\.(?!\d)|$))"
)
_PLAIN_DONG = _regex.compile(r" ?(?:đồng|vnđ|vnd|đ|₫)", re.IGNORECASE)
_TAIL_WORD = _regex.compile(r"( [A-ZĐ]{2,8})(?= ngày)")

_W = r"(?<![^\W\d_])"  # a word starts here
_LEVEL_CUES = (
    "mức",
    "mức quà",
    "mức hỗ trợ",
    "mức tặng",
    "mức chi",
    "nhân",
    # the social-assistance base a coefficient multiplies: "mức chuẩn trợ giúp xã hội 500.000"
    "mức chuẩn",
    "mức chuẩn trợ giúp xã hội",
    "mức trợ cấp",
)
_BEFORE_AGE_RANGE = _regex.compile(rf"{_W}tuổi \d+ (?:và |đến |- |tới )(?:trên )?$")
_ORDINAL_WORDS = (
    r"quý|đợt|lần|lớp|khóa|khoá|kỳ|phần|mục|điều|khoản|chương|phụ lục|tổ|khu|thôn"
    r"|tuần|giai đoạn|số thứ tự|stt|tiết|bước|vòng|hạng|loại|nhóm|bảng|biểu|mẫu|hình"
    r"|trang|dòng|cột|số hiệu"
    r"|đội|liên ngành|xóm|ấp|cụm|tiểu khu|đoàn|phòng|lô"  # names: "Đội liên ngành 178"
    r"|dân phố|khu phố|khu vực|bản|buôn|khóm|làng"  # "Tổ dân phố 1", "Khu phố 2", "Bản 3"
)
_INSTRUMENT_WORDS = (
    r"quyết định|nghị định|nghị quyết|thông tư|công văn|kế hoạch|chỉ thị|hướng dẫn|tờ trình"
    r"|luật|chương trình|báo cáo|thông báo|pháp lệnh|văn bản|qđ|nđ|nq|tt|ct|kh|cv|hd|tb|bc"
)
_BEFORE_INSTRUMENT = _regex.compile(rf"{_W}(?:{_INSTRUMENT_WORDS})(?: số)? ?:? ?$")
_WORD_KINDS: dict[str, str] = {
    **dict.fromkeys(_INSTRUMENT_WORDS.split("|"), "instrument"),
    **dict.fromkeys(_ORDINAL_WORDS.split("|"), "ordinal"),
    "tuổi": "age",
    "tuổi từ": "age",
    "ngày": "date",
    "mùng": "date",
    "mồng": "date",
    "tháng": "period",
    "năm": "period",
    "niên độ": "period",
    "lượt xem": "measure",  # a web page's view count
    "lượt truy cập": "measure",
}
# the first words of the two-word keys: "f'{previous} {last}'" (one space: neither word
# holds one) is looked up only where ``previous`` is one of them
_FIRST_WORDS = frozenset(key.split(" ")[0] for key in _WORD_KINDS if key.count(" ") == 1)
_PUNCTUATION = "([{\"'-/,;."
# "mỗi suất quà trị giá 750.000 đồng", "mỗi cụ 500 ngàn đồng": a level per unit counted.
_BEFORE_EACH = _regex.compile(
    rf"{_W}mỗi (?:[^\W\d_]+ ){{1,3}}?(?:(?:trị giá|là|được|mức|gồm|tặng|hỗ trợ|nhận) )?:? ?$"
)
# "mỗi suất gồm 10 kg gạo và 200.000 đồng tiền mặt", "mỗi suất 5 kg gạo và 200.000
# đồng": the cash part of each gift; "mỗi suất gồm 10 kg gạo (trị giá 150.000 đồng)": the
# value of its goods, a part of its level too.
_EACH_CONSISTS = _regex.compile(
    rf"{_W}mỗi [^\W\d_]+(?: quà)? (?:(?:bao gồm|gồm|có):? |(?=\d{{1,3}}{_MEASURE_UNIT}))"
    r"[^;.()]{0,40}(?:\((?:trị giá|giá trị) ?)?$"
)
_AVERAGE = ("trung bình", "bình quân")
_EACH_SPAN = 40
# "ĐT: 0912 345 678", "số điện thoại 0220 3712 456": a telephone number is no figure
# every _PHONE match starts with one of them (or the "s" of "sđt"): see _phones
_PHONE_HINTS = ("đt", "điện thoại", "di động", "hotline", "fax", "tel")
_PHONE = _regex.compile(
    r"(?<![^\W\d_])(?:s?đt(?:dđ)?|điện thoại|di động|hotline|fax|tel)\.?(?: ?:)? ?"
    r"(\+?\d[\d .-]{5,18}\d)"
)
# "mỗi suất gồm 300 nghìn đồng tiền mặt và quà trị giá 200 nghìn đồng": a second part of
# each gift's value, added to its level (never after a total's words: "tổng trị giá …")
_EACH_COMPONENT = _regex.compile(  # goods between the parts: "và 01 túi quà trị giá"
    rf"{_W}mỗi [^\W\d_]+(?: quà)? (?:bao gồm|gồm|có):? (?:[^;.()]|(?<=\d)\.(?=\d)){{0,60}}?"
    r"(?:\((?:trị giá|giá trị) [\d.]*)?\d"  # the goods' value: "10 kg gạo (trị giá 150.000đ)"
    r"(?: ?(?:nghìn|ngàn|triệu))? ?(?:đồng|đ)(?![^\W\d_])\)?"
    rf"(?:[^;.()\d]|\d{{1,3}}(?={_MEASURE_UNIT})){{0,50}}$"
)
_COMPONENT_JOIN = _regex.compile(r"(?<![^\W\d_])(?:và|cộng với)(?![^\W\d_])|[,+]")
_COMPONENT_SPAN = 150
# A per-unit level: "400.000 đồng/người", "500.000đ/hộ", "1 triệu đồng/suất".
_PER_UNIT = _regex.compile(r" ?/ ?(?:[^\W\d_]+)(?: [^\W\d_]+)?")
_PER_UNIT_WORD = _regex.compile(rf" ?/ ?(?:{alternation(COUNT_UNITS)}|tháng|năm)(?![^\W\d_])")
# "trị giá 300.000 đồng mỗi phần", "500 nghìn đồng một suất": the level of each gift
_PER_UNIT_STARTS = frozenset(" /cm")  # the first characters _PER_UNIT_WORD, _EACH_AFTER match
_EACH_AFTER = _regex.compile(
    rf" ?(?:cho )?(?:mỗi|một) (?:{alternation(COUNT_UNITS)})(?: quà)?(?![^\W\d_])"
)
_HEDGE_SPAN = 16
_HEDGE_WORDING: tuple[tuple[str, str], ...] = (
    ("trên dưới|khoảng|xấp xỉ|ước tính|ước đạt|ước|chừng|gần như|gần", "~"),
    ("hơn|trên|ngoài|vượt|không dưới|ít nhất|tối thiểu", ">"),
    ("dưới|chưa đến|chưa tới|chưa đầy|không quá|tối đa", "<"),
)
_HEDGES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (_regex.compile(rf"{_W}(?:{words}) ?$"), hedge) for words, hedge in _HEDGE_WORDING
)
_HEDGE_WORDS = tuple(word for words, _ in _HEDGE_WORDING for word in words.split("|"))
_BOUNDS = (
    (_regex.compile(rf"{_W}(?:không dưới|ít nhất|tối thiểu|từ) ?$"), ">="),
    (_regex.compile(rf"{_W}(?:không quá|không vượt quá|tối đa) ?$"), "<="),
    (_regex.compile(rf"{_W}(?:trên|hơn|cao hơn|quá|vượt) ?$"), ">"),
    (_regex.compile(rf"{_W}(?:dưới|thấp hơn|chưa đến|chưa tới|chưa đầy) ?$"), "<"),
)
_GROUPED = _regex.compile(r"\d{1,3}(?:\.\d{3})+")
# "Tổng cộng (1 + 2 + 3)", "(I + II)": the numbers of the sections a total adds up.
_SECTION_SUM = _regex.compile(r"\((?:\d{1,2}|[ivx]{1,4}) ?(?:\+ ?(?:\d{1,2}|[ivx]{1,4}) ?)+\)")
_LEVEL_LIST = _regex.compile(r" ?(?:,|và|hoặc|;) (?:mức )?")
_AGE_LIST = _regex.compile(r" ?(?:,|và|-|đến|tới) (?:trên )?")
_CLOCK = _regex.compile(r"\d{1,2}:\d{2}(?::\d{2})?(?!\d)")
_DOTTED = _regex.compile(r"\d+(?:\.\d+)+")  # dots, but not every group of three: a slip
_SCALE_VALUES = {"nghìn": 10**3, "ngàn": 10**3, "triệu": 10**6, "tỷ": 10**9, "tỉ": 10**9}
_SCALE_WORDS = _regex.compile(r"nghìn|ngàn|triệu|tỷ|tỉ")
_CURRENCY = _regex.compile(r"đồng|vnđ|vnd|đ|₫")
_MONEY_KINDS = frozenset({"amount", "level"})
_DAY_MONTH_YEAR = _regex.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})")
_DAY_MONTH = _regex.compile(r"(\d{1,2})/(\d{1,2})")
_MONTH_YEAR = _regex.compile(r"\d{1,2}/\d{4}")
_NUMBER_YEAR = _regex.compile(r"\d{1,5}/\d{4}")


class Token(NamedTuple):
    """One number on a line and what it was read as."""

    start: int
    end: int  # the end of the number and its unit (``600.000đ``, ``22 suất``)
    text: str  # as it stands on the normalised line, unit included
    kind: Kind
    value: int | None = None  # money in đồng, a count, a claim's bound
    unit: str | None = None  # a count's unit ("suất", "người" …)
    op: str | None = None  # a claim's comparison: ">", ">=", "<", "<="
    date: dt.date | None = None  # a full date (day, month, year)
    precision: int = 1  # the value of the last digit written: 10**8 for "1,9 tỷ"
    hedge: str | None = None  # ">" "hơn 4.400", "<" "dưới", "~" "khoảng", "gần"
    suspect: bool = False  # the thousands grouping is broken ("5.5502"): read, but flagged


_new_tuple = tuple.__new__


def scan(text: str, lower: str | None = None) -> list[Token]:
    """Every number on ``text`` (a normalised line), in order, each read once; ``lower``
    is :func:`~._normalize.same_length_lower` of it where the caller holds it already."""
    if lower is None:
        lower = same_length_lower(text)
    tokens: list[Token] = []
    previous: Token | None = None
    sections = [m.span() for m in _SECTION_SUM.finditer(lower)] if "+" in lower else []
    phones = _phones(lower) if _has_any(lower, _PHONE_HINTS) else []
    ages = lower.rfind("tuổi")  # where the line says "tuổi" last: see _read
    aged: dict[int, bool] = {}  # _aged_list's answers on this line, by offset
    for match in _ATOM.finditer(lower):
        start, end = match.span()
        if sections and any(low < start < high for low, high in sections):
            tokens.append(_token(start, end, text[start:end], "index"))  # "(1 + 2 + 3)"
            continue
        if phones and any(low <= start < high for low, high in phones):
            tokens.append(_token(start, end, text[start:end], "measure"))  # "ĐT: 0912 345 678"
            continue
        number, tail = match.group(0, 1)  # group 1: "tail"
        if previous is not None:
            previous_end = previous[1]  # the fields by index: the loop runs once a number
            if previous_end > start:
                continue  # never happens with the units we read; kept as a guard
            previous_kind = previous[3]
            if (
                previous_kind == "instrument"
                and lower[previous_end:start] == " "
                and number.isdigit()
                and _ends_upper(text[previous.start : previous_end])
            ):  # "01/CV-ĐKTLN 178": the number goes on in a second word
                previous = _token(previous.start, end, text[previous.start : end], "instrument")
                tokens[-1] = previous
                continue
            floor = previous_end if previous_end > start - _CONTEXT else start - _CONTEXT
        else:
            previous_kind = None
            floor = start - _CONTEXT if start > _CONTEXT else 0
        token = _read(text, lower, start, end, number, tail, lower[floor:start], ages, aged)
        # what the number before changes: each test is made only for the kinds it concerns
        kind = token[3]
        if kind in FIGURE_KINDS:
            if start >= 2 and lower[start - 1] in "-−" and lower[start - 2] in " (:":
                # "Tổng số -1 suất" (a minus sign after a space, a bracket or a colon; not a
                # range "60-80"): no count or amount is negative; read as 1 it would be a
                # figure silently changed, so it is a number not understood
                token = _token(start - 1, token[1], text[start - 1 : token[1]], "unknown")
            elif previous_kind in _MONEY_KINDS and previous is not None:
                if (
                    previous_kind == "level"
                    and kind == "amount"
                    and token[9] is None  # hedge
                    and _LEVEL_LIST.fullmatch(lower, previous_end, start)
                ):  # "mức 300.000 đồng và 600.000 đồng": a list of levels
                    token = token._replace(kind="level")
                    kind = "level"
                if kind in _MONEY_KINDS and _continues(previous, token, lower):
                    previous = tokens[-1] = _joined(previous, token, text)  # "1 tỷ 784 triệu"
                    continue
        elif kind == "unknown":
            if previous_kind == "age" and _AGE_LIST.fullmatch(lower, previous_end, start):
                # "các độ tuổi 70, 75, 80 và trên 100": a list of ages
                token = _token(start, end, text[start:end], "age")
        elif tail and kind == "instrument":
            more = _TAIL_WORD.match(text, token[1])
            if more:  # "28/UBND-LĐT BXH ngày …": the number goes on in a second word
                token = _token(token[0], more.end(1), text[token[0] : more.end(1)], kind)
        tokens.append(token)
        previous = token
    return tokens


def _phones(lower: str) -> list[tuple[int, int]]:
    """The telephone numbers' spans, as ``_PHONE.finditer(lower)`` finds them, but matched
    only where a hint word starts (or the ``s`` of ``sđt``): "lđtbxh" holds "đt", and a
    search from every character of such a line cost more than the rest of its reading."""
    starts: set[int] = set()
    for word in _PHONE_HINTS:
        at = lower.find(word)
        while at != -1:
            starts.add(at)
            if at and word == "đt" and lower[at - 1] == "s":
                starts.add(at - 1)
            at = lower.find(word, at + 1)
    spans: list[tuple[int, int]] = []
    end = 0
    for at in sorted(starts):
        if at < end:
            continue  # finditer goes on after a match: none starts inside it
        match = _PHONE.match(lower, at)  # the look-behind still sees the text before
        if match is not None:
            spans.append(match.span(1))
            end = match.end()
    return spans


def _has_any(text: str, words: tuple[str, ...]) -> bool:
    """Whether one of ``words`` stands in ``text`` (substring tests, no regex; a loop,
    not ``any`` over a generator: it runs once a line)."""
    for word in words:  # noqa: SIM110
        if word in text:
            return True
    return False


def _continues(previous: Token, token: Token, lower: str) -> bool:
    """``1 tỷ`` then ``784 triệu``: one amount written in parts of falling scale (both
    money: the caller tests the kinds)."""
    if previous.end != token.start - 1 or lower[previous.end] != " ":
        return False
    last = _SCALE_WORDS.findall(lower, previous.start, previous.end)
    first = _SCALE_WORDS.findall(lower, token.start, token.end)
    if not last or not first or _CURRENCY.search(lower, previous.start, previous.end):
        return False
    return _SCALE_VALUES[first[0]] < _SCALE_VALUES[last[-1]]


def _joined(previous: Token, token: Token, text: str) -> Token:
    kind: Kind = "level" if "level" in (previous.kind, token.kind) else previous.kind
    value = (previous.value or 0) + (token.value or 0)
    return _token(
        previous.start,
        token.end,
        text[previous.start : token.end],
        kind,
        value,
        precision=token.precision,
        hedge=previous.hedge,
        suspect=previous.suspect or token.suspect,
    )


def _ends_upper(text: str) -> bool:
    last = text.rsplit("-", 1)[-1].rsplit("/", 1)[-1]
    return last.isupper()


def _token(
    start: int,
    end: int,
    text: str,
    kind: Kind,
    value: int | None = None,
    unit: str | None = None,
    op: str | None = None,
    date: dt.date | None = None,
    precision: int = 1,
    hedge: str | None = None,
    suspect: bool = False,
) -> Token:
    """A :class:`Token` without the named tuple's keyword handling (hot path). A figure
    beyond ±10^18 (:data:`~welfare_rules.money.MAX_VND`, the largest any report node
    holds) is no figure: it is listed as not understood."""
    if value is not None and not -MAX_VND <= value <= MAX_VND:
        kind, value = "unknown", None
    return _new_tuple(
        Token, (start, end, text, kind, value, unit, op, date, precision, hedge, suspect)
    )


def _read(
    text: str,
    lower: str,
    start: int,
    end: int,
    number: str,
    tail: str | None,
    before: str,
    ages: int,
    aged: dict[int, bool],
) -> Token:
    """What the number ``number`` (``tail``: its instrument suffix) is, from ``before``
    (the words since the last number); ``ages``: where ``lower`` says ``tuổi`` last (-1:
    nowhere), found once a line (a search after every number would be quadratic);
    ``aged``: :func:`_aged_list`'s answers on the line so far."""
    slashed = "/" in number
    if tail or (
        slashed and _NUMBER_YEAR.fullmatch(number) and _BEFORE_INSTRUMENT.search(before[-_NEAR:])
    ):
        return _token(start, end, text[start:end], "instrument")
    if len(number) > _MAX_DIGITS * 2:
        return _token(start, end, text[start:end], "unknown")
    if slashed:
        return _slashed(text, start, end, number)
    after = _AFTER.match(lower, end, end + _CONTEXT)
    what, stop = (None, end) if after is None else (after.lastgroup, after.end())
    if what == "percent":
        if _THRESHOLD_BEFORE.search(before[-_NEAR:]) or _THRESHOLD_AFTER.match(lower, stop):
            return _token(start, stop, text[start:stop], "measure")  # "từ 81% trở lên"
        return _token(start, stop, text[start:stop], "percent")
    if what == "money":
        # scale words alone ("11,2 nghìn"), then a count unit ("lượt"): the unit's last
        # letter, then the first test, rule out nearly every amount
        if lower[stop - 1] in _SCALE_ENDS and _DOLLAR_FREE.fullmatch(lower, end, stop):
            counted = _COUNTED_THOUSANDS.match(lower, stop)
            if counted is not None:
                return _scaled_count(text, start, end, counted.end(), counted.group(1), before)
        return _money(text, lower, start, end, stop, before)
    kind = _named_by(before)
    if what == "count" and after is not None and _counted_after_label(kind, before):
        return _count(text, start, end, stop, after.group("unit"), before)
    if kind == "instrument":
        return _token(start, end, text[start:end], "instrument")
    if (
        kind == "age"
        and what == "count"
        and after is not None
        and (_past_ages(text[start:end]) or before.rstrip().lower().endswith("cao tuổi"))
    ):  # "người cao tuổi 6.000 người", "người cao tuổi 90 người": the elderly, counted
        return _count(text, start, end, stop, after.group("unit"), before)
    if (
        kind == "age"
        or what == "age"
        or (lower.find("tuổi", max(0, start - _NEAR), start) != -1 and _age_range(lower, start))
        or (  # "80, 85 tuổi": a list of ages (the pattern ends in "tuổi", after ``end``)
            ages >= end and _aged_list(lower, end, aged)
        )
    ):
        return _token(start, end, text[start:end], "age")
    if kind == "date":
        return _token(start, end, text[start:end], "date")
    if kind == "period":
        return _token(start, end, text[start:end], "period")
    if kind == "measure":
        return _token(start, end, text[start:end], "measure")
    clock = _CLOCK.match(lower, start)
    if clock is not None:  # "16:45": a time of day
        return _token(start, clock.end(), text[start : clock.end()], "duration")
    if what == "count" and after is not None:
        return _count(text, start, end, stop, after.group("unit"), before)
    if what == "measure":
        return _token(start, stop, text[start:stop], "measure")
    if kind == "ordinal":
        return _token(start, end, text[start:end], "ordinal")
    if _is_year(number):
        return _token(start, end, text[start:end], "period")
    if what == "time":
        return _token(start, end, text[start:end], "duration")
    if what == "times" or (kind == "colon" and what == "list_end"):
        return _count(text, start, end, end, None, before)
    return _token(start, end, text[start:end], "unknown")


def _counted_after_label(kind: str | None, before: str) -> bool:
    """A count unit after the number wins over the label before it: ``Trên 100 tuổi: 48
    người`` counts 48 people, ``… trợ cấp hằng tháng: 1.126 cụ`` 1.126 elderly (a word
    before a colon names the group, not the number)."""
    if kind in ("colon", None):
        return True
    return kind != "instrument" and before.rstrip().endswith((":", ")"))


_OLDEST = 130  # years: a number past it after "tuổi" is no age


def _past_ages(written: str) -> bool:
    """``6.000``: a number no age reaches."""
    digits = written.replace(".", "")
    return digits.isdigit() and int(digits) > _OLDEST


def _named_by(before: str) -> str | None:
    """What the words just before a number name it: an instrument (``Quyết định số``,
    ``QĐ``), an age (``Tuổi``), a day, a month or year, an ordinal (``Quý``, ``lớp``), or
    ``colon`` after a label (``thờ cúng liệt sĩ: 04``). Dictionary look-ups, no search."""
    stripped = before.rstrip(" ")
    colon = stripped.endswith(":")
    head, _, last = stripped.rstrip(" :").rpartition(" ")
    last = last.lstrip(_PUNCTUATION)
    head, _, previous = head.rpartition(" ")
    previous = previous.lstrip(_PUNCTUATION)
    if last == "số" and previous:  # "Quyết định số", "QĐ số", "số thứ tự" is not here
        if _WORD_KINDS.get(previous) == "instrument":
            return "instrument"
        two = f"{head.rpartition(' ')[2].lstrip(_PUNCTUATION)} {previous}"
        if _WORD_KINDS.get(two) == "instrument":
            return "instrument"
    kind = _WORD_KINDS.get(f"{previous} {last}") if previous in _FIRST_WORDS else None
    kind = kind or _WORD_KINDS.get(last)
    if kind is None and last == "tự" and stripped.endswith("số thứ tự"):
        kind = "ordinal"
    if kind is None and colon:
        return "colon"
    return kind


# "tròn 80, 85 tuổi", "70 và 75 tuổi": the numbers before the last are ages too. Read
# as ``(?:\s*(?:,|và|hoặc|-|–|đến|tới)\s*\d{1,3})+\s+tuổi(?![^\W\d_])`` reads it, one
# item at a time: each item has one way to match (no separator starts with a space or a
# digit, and digits followed by a digit go on to nothing), so that pattern matches at an
# offset exactly where the chain of items from it reaches "tuổi".
_AGE_ITEM = _regex.compile(r"\s*(?:,|và|hoặc|-|–|đến|tới)\s*\d{1,3}(?!\d)")
_AGE_WORD = _regex.compile(r"\s+tuổi(?![^\W\d_])")


def _aged_list(lower: str, end: int, aged: dict[int, bool]) -> bool:
    """``80, 85 tuổi``: the number ending at ``end`` leads a list of ages. Every offset
    the chain of items passes is given the chain's answer in ``aged``: the next number's
    look-up stops there, and a line of a long list is read in linear time (matching the
    whole pattern after each number of "1, 1, 1, …" was quadratic: 14 s for 60 KB)."""
    known = aged.get(end)
    if known is not None:
        return known
    chain = [end]
    answer = False
    at = end
    while (item := _AGE_ITEM.match(lower, at)) is not None:
        at = item.end()
        if _AGE_WORD.match(lower, at) is not None:
            answer = True
            break
        known = aged.get(at)
        if known is not None:
            answer = known
            break
        chain.append(at)
    for offset in chain:
        aged[offset] = answer
    return answer


def _age_range(lower: str, start: int) -> bool:
    """``tuổi 100 và trên 100``: the second number is an age too."""
    wide = lower[max(0, start - _NEAR) : start]
    return "tuổi" in wide and _BEFORE_AGE_RANGE.search(wide) is not None


def _slashed(text: str, start: int, end: int, number: str) -> Token:
    """``26/12/2023`` (date), ``1/6`` (day/month), ``1/2024`` (period) or unknown."""
    full = _DAY_MONTH_YEAR.fullmatch(number)
    if full is not None:  # digits and separators only: dates.parse_vn_date's reading
        day, month, year = full.groups()
        try:
            date = dt.date(int(year), int(month), int(day))
        except ValueError:  # "31/02/2024": no such day
            return _token(start, end, text[start:end], "unknown")
        written = text[start:end]
        return _new_tuple(
            Token, (start, end, written, "date", None, None, None, date, 1, None, False)
        )
    short = _DAY_MONTH.fullmatch(number)
    if short and 1 <= int(short.group(1)) <= 31 and 1 <= int(short.group(2)) <= 12:
        return _token(start, end, text[start:end], "date")
    if _MONTH_YEAR.fullmatch(number):
        return _token(start, end, text[start:end], "period")
    return _token(start, end, text[start:end], "unknown")


def _money(text: str, lower: str, start: int, number_end: int, end: int, before: str) -> Token:
    written = text[start:end]
    number = text[start:number_end].replace(" ", ".")
    precision, suspect = 1, False
    shorthand = _SHORTHAND.get(lower[number_end:end].replace(" ", "").replace(".", ""))
    decimals = (
        _TR_DECIMALS.fullmatch(lower, number_end, end)
        if shorthand is None and lower.startswith("tr", number_end)
        else None
    )
    glued = start > 0 and text[start - 1].isalpha()  # "CT1tr2": a code, not money
    if decimals is not None and number.isdigit() and not glued:  # "1tr2" is 1,2 triệu
        written_out = f"{number},{decimals.group(1)}"
        try:
            value = parse_vnd(written_out + " triệu")
        except MoneyParseError:
            return _token(start, end, written, "unknown")
        precision = _precision(written_out, " triệu")
    elif shorthand is not None:  # "60tr" is 60 triệu, "500k" 500 nghìn
        try:
            value = parse_vnd(text[start:number_end] + shorthand)
        except MoneyParseError:
            return _token(start, end, written, "unknown")
        precision = _precision(number, shorthand)
    elif _PLAIN_DONG.fullmatch(written, number_end - start):  # "600.000đ": whole đồng
        if number.isdigit() or _GROUPED.fullmatch(number):
            value = int(number.replace(".", ""))
        elif _DOTTED.fullmatch(number):  # "2.72.000.000đ": a slip, still a figure
            value, suspect = int(number.replace(".", "")), True
        else:
            return _token(start, end, written, "unknown")
    else:  # a scale word or a decimal comma: money.parse_vnd reads it
        try:
            value = parse_vnd(written)
        except MoneyParseError:
            return _token(start, end, written, "unknown")
        precision = _precision(number, lower[number_end:end])
    # both patterns start with a space, a "/" (per unit) or "cho", "mỗi", "một" (each)
    per_unit = (
        (_PER_UNIT_WORD.match(lower, end) or _EACH_AFTER.match(lower, end))
        if lower[end : end + 1] in _PER_UNIT_STARTS
        else None
    )
    if per_unit is not None:  # "400.000 đồng/người", "300.000 đồng mỗi phần": a level
        stop = per_unit.end()
        least = _least(before, lower, stop)
        return _token(start, stop, text[start:stop], "level", value, hedge=least, suspect=suspect)
    # "mỗi" is looked for in the line before slicing it: most amounts have none before
    each = lower.find("mỗi", start - _COMPONENT_SPAN if start > _COMPONENT_SPAN else 0, start)
    if each != -1 and _is_component(lower[max(0, start - _COMPONENT_SPAN) : start]):
        return _token(start, end, written, "level", value, op="+", suspect=suspect)
    if _is_level_cue(before) or (
        each != -1 and _is_each(lower[max(0, start - _EACH_SPAN - 20) : start])
    ):
        least = _least(before, lower, end)
        return _token(start, end, written, "level", value, hedge=least, suspect=suspect)
    if "trung bình" in before or "bình quân" in before:
        near = before[-_NEAR:]
        for pattern, op in _BOUNDS:
            if pattern.search(near):
                return _token(start, end, written, "claim", value, op=op)
        return _token(start, end, written, "measure", value)  # "about …": not a claim to check
    hedge = _hedge(before)
    return _token(
        start, end, written, "amount", value, precision=precision, hedge=hedge, suspect=suspect
    )


def _least(before: str, lower: str, end: int) -> str | None:
    """``">="`` for a level stated as a minimum (``mức từ 400.000 đồng/suất trở lên``,
    ``tối thiểu 300.000 đồng/suất``): the rows under it may be paid more."""
    if _MINIMUM_BEFORE.search(before[-_HEDGE_SPAN:]) or _MINIMUM_AFTER.match(lower, end):
        return ">="
    return None


_MINIMUM_BEFORE = _regex.compile(rf"{_W}(?:từ|tối thiểu|ít nhất|không dưới|không thấp hơn) ?$")
_MINIMUM_AFTER = _regex.compile(r" ?trở lên(?![^\W\d_])")


def _is_each(before: str) -> bool:
    """``mỗi suất trị giá``, ``mỗi cụ``: the amount is a level per unit (not an average)."""
    if "mỗi" not in before:
        return False
    near = before[-_EACH_SPAN:]
    if any(word in near for word in _AVERAGE):
        return False
    return _BEFORE_EACH.search(near) is not None or _EACH_CONSISTS.search(before) is not None


def _is_component(before: str) -> bool:
    """A further part of each gift after ``mỗi suất gồm <money>``, joined by ``và`` or a
    comma, and not named a total (``tổng trị giá``, ``thành tiền``, ``kinh phí``)."""
    if "mỗi" not in before:
        return False
    match = _EACH_COMPONENT.search(before)
    if match is None:
        return False
    tail = before[match.start() :]
    joined = tail[tail.rfind("đ") + 1 :]  # after the last money unit (all of it if none)
    return _COMPONENT_JOIN.search(joined) is not None and not any(
        word in joined for word in ("tổng", "cộng lại", "thành tiền", "kinh phí", "tất cả")
    )


def _hedge(before: str) -> str | None:
    """``hơn``, ``gần``, ``khoảng`` … just before a figure: a bound, not an exact value."""
    near = before[-_HEDGE_SPAN:]
    # each pattern ends in its word, a space at most and the end: one C call rules out the
    # figures no hedge word stands before (most of them, and every blank ``near``)
    if not near.rstrip(" \n").endswith(_HEDGE_WORDS):
        return None
    for pattern, hedge in _HEDGES:
        if pattern.search(near):
            return hedge
    return None


def _precision(number: str, unit: str) -> int:
    """The value of the last digit of ``number`` written with the scale words of ``unit``:
    ``1,9 tỷ`` → 10**8; ``54 triệu`` → 10**6; plain đồng → 1."""
    scales = _SCALE_WORDS.findall(unit)
    if not scales:
        return 1
    scale = 1
    for word in scales:
        scale *= _SCALE_VALUES[word]
    decimals = len(number.split(",", 1)[1]) if "," in number else 0
    step: int = scale // 10**decimals
    return max(1, step)


# "11,2 nghìn lượt": a count written with a scale word.
_COUNTED_THOUSANDS = _regex.compile(rf" ?({alternation(COUNT_UNITS)})(?![^\W\d_])")
_DOLLAR_FREE = _regex.compile(rf"(?: ?{_SCALE}){{1,2}}")
_SCALE_ENDS = frozenset(word[-1] for word in _SCALE_VALUES)  # where _DOLLAR_FREE can end


def _scaled_count(
    text: str, start: int, number_end: int, end: int, unit: str, before: str
) -> Token:
    number = text[start:number_end]
    scale_text = text[number_end:end].lower()
    try:
        value = parse_vnd(number + "".join(f" {w}" for w in _SCALE_WORDS.findall(scale_text)))
    except MoneyParseError:
        return _token(start, end, text[start:end], "unknown")
    precision = _precision(number, scale_text)
    hedge = _hedge(before)
    return _token(
        start, end, text[start:end], "count", value, unit, precision=precision, hedge=hedge
    )


def _is_level_cue(before: str) -> bool:
    """``Mức``, ``mức quà``, ``x``/``*`` (times) or ``nhân`` just before an amount."""
    stripped = before.rstrip(" :")
    if stripped.endswith(("x", "*")):
        return len(stripped) == 1 or not stripped[-2].isalpha()
    if not stripped.endswith(_LEVEL_CUES):  # one C call rules out most amounts
        return False
    for cue in _LEVEL_CUES:
        if stripped.endswith(cue):
            cut = len(stripped) - len(cue)
            return cut == 0 or not stripped[cut - 1].isalpha()
    return False


def _count(
    text: str, start: int, number_end: int, end: int, unit: str | None, before: str
) -> Token:
    digits = text[start:number_end]
    suspect = False
    if "," in digits:
        return _token(start, end, text[start:end], "unknown")
    if "." in digits and not _GROUPED.fullmatch(digits):
        if not _DOTTED.fullmatch(digits):
            return _token(start, end, text[start:end], "unknown")
        suspect = True  # "5.5502 suất": a slip in the grouping, still a figure
    value = int(digits.replace(".", "").replace(" ", ""))
    if value > MAX_VND:  # no figure (see _token); a count is never negative here
        written, hedge = text[start:end], _hedge(before)
        return _token(start, end, written, "count", value, unit, hedge=hedge, suspect=suspect)
    return _new_tuple(
        Token,
        (start, end, text[start:end], "count", value, unit, None, None, 1, _hedge(before), suspect),
    )


def _is_year(number: str) -> bool:
    return len(number) == 4 and number.isdigit() and 1900 <= int(number) <= 2100


__all__ = ["FIGURE_KINDS", "Kind", "Token", "scan"]
