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

from ..errors import MoneyParseError
from ..money import parse_vnd

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
    "unknown",
]
FIGURE_KINDS: frozenset[str] = frozenset({"amount", "level", "count"})

_MAX_DIGITS = 24  # past this a "number" is noise, not a figure
_CONTEXT = 48  # characters of context read on each side of a number
_NEAR = 24  # the words that name a number stand this close before it

_ATOM = re.compile(r"\d+(?:[.,/]\d+)*(?P<tail>/[^\W\d_][\w&]*(?:- ?[\w&]+)*)?")
# "đồng" starts other words too: "05 đồng chí" (comrades), "năm 2024 đồng bào"
# (compatriots); and "20 đ/c" abbreviates "đồng chí". None of them is money.
_NOT_DONG = (
    r"(?! (?:chí|bào|chủ|hành|thời|ý|loại|nghiệp|bộ|tâm|minh|đều|nhất|lòng|hương|cảm"
    r"|phục|ruộng|hồ|ca|môn|niên|đẳng)(?![^\W\d_]))"
)
_MONEY_UNIT = (
    rf" ?(?:(?:nghìn|ngàn|triệu|tỷ|tỉ) ?)?(?:đồng{_NOT_DONG}|vnđ|vnd|đ(?!/c(?![^\W\d_]))|₫)"
    r"(?![^\W\d_])"
    r"| ?(?:nghìn|ngàn|triệu|tỷ|tỉ)(?![^\W\d_])"
)
_COUNT_UNIT = (
    r" ?(?P<unit>hồ sơ|đối tượng|học sinh|học viên|trẻ em|trường hợp|doanh nghiệp|gia đình"
    r"|lao động|đoàn viên|bệnh nhân|thương binh|liệt sĩ|người|suất|lượt|cụ|hộ|em|cháu"
    r"|thẻ|phần|cnvclđ|cnlđ|cnvc|đơn vị|cơ sở|xã|phường|mẹ|ca|vụ|lớp học|công trình"
    r"|căn nhà|nhà|con|tấn|kg)(?![^\W\d_])"
)
# What follows a number, in one match: the alternatives exclude one another (each starts
# with its own mark or whole word), so the group that matched names the one that applies.
_AFTER = re.compile(
    rf"(?P<percent> ?%)|(?P<money>{_MONEY_UNIT})|(?P<count>{_COUNT_UNIT})"
    r"|(?P<age> ?tuổi(?![^\W\d_]))"
    r"|(?P<time> ?(?:ngày|tháng|năm|tuần|giờ|phút|buổi|lần|kỳ)(?![^\W\d_]))"
    r"|(?P<times> ?[x*] ?\d)|(?P<list_end> ?(?:[;),]|\.(?!\d)|$))"
)
_PLAIN_DONG = re.compile(r" ?(?:đồng|vnđ|vnd|đ|₫)", re.IGNORECASE)
_TAIL_WORD = re.compile(r"( [A-ZĐ]{2,8})(?= ngày)")

_W = r"(?<![^\W\d_])"  # a word starts here
_LEVEL_CUES = ("mức", "mức quà", "mức hỗ trợ", "mức tặng", "mức chi", "nhân")
_BEFORE_AGE_RANGE = re.compile(rf"{_W}tuổi \d+ (?:và |đến |- |tới )(?:trên )?$")
_ORDINAL_WORDS = (
    r"quý|đợt|lần|lớp|khóa|khoá|kỳ|phần|mục|điều|khoản|chương|phụ lục|tổ|khu|thôn"
    r"|tuần|giai đoạn|số thứ tự|stt|tiết|bước|vòng|hạng|loại|nhóm|bảng|biểu|mẫu|hình"
    r"|trang|dòng|cột|số hiệu"
)
_INSTRUMENT_WORDS = (
    r"quyết định|nghị định|nghị quyết|thông tư|công văn|kế hoạch|chỉ thị|hướng dẫn|tờ trình"
    r"|luật|chương trình|báo cáo|thông báo|pháp lệnh|văn bản|qđ|nđ|nq|tt|ct|kh|cv|hd|tb|bc"
)
_BEFORE_INSTRUMENT = re.compile(rf"{_W}(?:{_INSTRUMENT_WORDS})(?: số)? ?:? ?$")
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
}
_PUNCTUATION = "([{\"'-/,;."
_BEFORE_EACH = re.compile(
    rf"^(?![^()]*(?:trung bình|bình quân))[^()]*{_W}mỗi (?:suất|người|lượt|đối tượng|hộ)"
    rf"(?: quà)?(?: trị giá| là| được| mức)? ?:? ?$"
)
_BOUNDS = (
    (re.compile(rf"{_W}(?:không dưới|ít nhất|tối thiểu|từ) ?$"), ">="),
    (re.compile(rf"{_W}(?:không quá|không vượt quá|tối đa) ?$"), "<="),
    (re.compile(rf"{_W}(?:trên|hơn|cao hơn|quá|vượt) ?$"), ">"),
    (re.compile(rf"{_W}(?:dưới|thấp hơn|chưa đến|chưa tới|chưa đầy) ?$"), "<"),
)
_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+")
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})")
_DAY_MONTH = re.compile(r"(\d{1,2})/(\d{1,2})")
_MONTH_YEAR = re.compile(r"\d{1,2}/\d{4}")
_NUMBER_YEAR = re.compile(r"\d{1,5}/\d{4}")


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


_new_tuple = tuple.__new__


def scan(text: str) -> list[Token]:
    """Every number on ``text`` (a normalised line), in order, each read once."""
    lower = text.lower()
    tokens: list[Token] = []
    previous: Token | None = None
    for match in _ATOM.finditer(lower):
        start, end = match.span()
        if previous is not None:
            if previous.end > start:
                continue  # never happens with the units we read; kept as a guard
            if (
                previous.kind == "instrument"
                and lower[previous.end : start] == " "
                and match.group(0).isdigit()
                and _ends_upper(text[previous.start : previous.end])
            ):  # "01/CV-ĐKTLN 178": the number goes on in a second word
                previous = _token(previous.start, end, text[previous.start : end], "instrument")
                tokens[-1] = previous
                continue
            floor = previous.end if previous.end > start - _CONTEXT else start - _CONTEXT
        else:
            floor = start - _CONTEXT if start > _CONTEXT else 0
        number, tail = match.group(0, "tail")
        token = _read(text, lower, start, end, number, tail, lower[floor:start])
        if tail and token.kind == "instrument":
            more = _TAIL_WORD.match(text, token.end)
            if more:  # "28/UBND-LĐT BXH ngày …": the number goes on in a second word
                token = _token(
                    token.start, more.end(1), text[token.start : more.end(1)], token.kind
                )
        tokens.append(token)
        previous = token
    return tokens


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
) -> Token:
    """A :class:`Token` without the named tuple's keyword handling (hot path)."""
    return _new_tuple(Token, (start, end, text, kind, value, unit, op, date))


def _read(
    text: str, lower: str, start: int, end: int, number: str, tail: str | None, before: str
) -> Token:
    """What the number ``number`` (``tail``: its instrument suffix) is, from ``before``
    (the words since the last number)."""
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
        return _token(start, stop, text[start:stop], "percent")
    if what == "money":
        return _money(text, start, end, stop, before)
    kind = _named_by(before)
    if kind == "instrument":
        return _token(start, end, text[start:end], "instrument")
    if kind == "age" or what == "age" or _age_range(lower, start):
        return _token(start, end, text[start:end], "age")
    if kind == "date":
        return _token(start, end, text[start:end], "date")
    if kind == "period":
        return _token(start, end, text[start:end], "period")
    if what == "count" and after is not None:
        return _count(text, start, end, stop, after.group("unit"))
    if kind == "ordinal":
        return _token(start, end, text[start:end], "ordinal")
    if _is_year(number):
        return _token(start, end, text[start:end], "period")
    if what == "time":
        return _token(start, end, text[start:end], "duration")
    if what == "times" or (kind == "colon" and what == "list_end"):
        return _count(text, start, end, end, None)
    return _token(start, end, text[start:end], "unknown")


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
    kind = _WORD_KINDS.get(f"{previous} {last}") if previous else None
    kind = kind or _WORD_KINDS.get(last)
    if kind is None and last == "tự" and stripped.endswith("số thứ tự"):
        kind = "ordinal"
    if kind is None and colon:
        return "colon"
    return kind


def _age_range(lower: str, start: int) -> bool:
    """``tuổi 100 và trên 100``: the second number is an age too."""
    wide = lower[max(0, start - _NEAR) : start]
    return "tuổi" in wide and _BEFORE_AGE_RANGE.search(wide) is not None


def _slashed(text: str, start: int, end: int, number: str) -> Token:
    """``26/12/2023`` (date), ``1/6`` (day/month), ``1/2024`` (period) or unknown."""
    full = _DAY_MONTH_YEAR.fullmatch(number)
    if full:
        day, month, year = (int(part) for part in full.groups())
        try:
            date = dt.date(year, month, day)
        except ValueError:
            return _token(start, end, text[start:end], "unknown")
        return _token(start, end, text[start:end], "date", date=date)
    short = _DAY_MONTH.fullmatch(number)
    if short and 1 <= int(short.group(1)) <= 31 and 1 <= int(short.group(2)) <= 12:
        return _token(start, end, text[start:end], "date")
    if _MONTH_YEAR.fullmatch(number):
        return _token(start, end, text[start:end], "period")
    return _token(start, end, text[start:end], "unknown")


def _money(text: str, start: int, number_end: int, end: int, before: str) -> Token:
    written = text[start:end]
    number = text[start:number_end]
    if _PLAIN_DONG.fullmatch(written, number_end - start):  # "600.000đ": whole đồng
        if not _GROUPED.fullmatch(number) and not number.isdigit():
            return _token(start, end, written, "unknown")
        value = int(number.replace(".", ""))
    else:  # a scale word or a decimal comma: money.parse_vnd reads it
        try:
            value = parse_vnd(written)
        except MoneyParseError:
            return _token(start, end, written, "unknown")
    if _is_level_cue(before) or ("mỗi" in before and _BEFORE_EACH.search(before)):
        return _token(start, end, written, "level", value)
    if "trung bình" in before or "bình quân" in before:
        near = before[-_NEAR:]
        for pattern, op in _BOUNDS:
            if pattern.search(near):
                return _token(start, end, written, "claim", value, op=op)
        return _token(start, end, written, "unknown", value)  # "about …": nothing to check
    return _token(start, end, written, "amount", value)


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


def _count(text: str, start: int, number_end: int, end: int, unit: str | None) -> Token:
    digits = text[start:number_end]
    if "," in digits or ("." in digits and not _GROUPED.fullmatch(digits)):
        return _token(start, end, text[start:end], "unknown")
    value = int(digits.replace(".", ""))
    return _token(start, end, text[start:end], "count", value, unit)


def _is_year(number: str) -> bool:
    return len(number) == 4 and number.isdigit() and 1900 <= int(number) <= 2100


__all__ = ["FIGURE_KINDS", "Kind", "Token", "scan"]
