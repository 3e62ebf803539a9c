"""A money unit stated once, above prose: ``Đơn vị: đồng``, ``ĐVT: nghìn đồng``.

A fund's statement or a short report often writes its amounts as bare numbers under one
such line (``1. Số dư quỹ đầu kỳ: 27.640.000``, ``- Quà Tết: 86 suất x 500.000 =
43.000.000``). Read as they stand, the numbers are counts (``27.640.000`` of what?) or
not understood, and a count that is really an amount makes false sums. Below a money
unit, on a line that writes no money of its own:

* a number grouped in thousands (``27.640.000``) with no unit is an amount in that unit;
* so is a bare number right after a word naming money (``mức 300``, ``thành tiền
  36.000``, ``kinh phí: 161.000`` under ``ĐVT: nghìn đồng``).

The line's text is given the unit after each such number (``27.640.000 đồng``); the
offsets of the physical lines a wrapped line joined are moved with it, so every figure
keeps its own line. A count with its unit (``86 suất``), a date, a year or a citation is
left as it is.
"""

from __future__ import annotations

import re

from .. import _regex
from ._normalize import Line, same_length_lower
from ._numbers import scan
from ._units import COUNT_UNITS, alternation

# "Đơn vị tính: nghìn đồng", "(ĐVT: đồng)", "Đơn vị: 1.000 đồng": what the unit says
_UNIT_LINE = _regex.compile(r"\(?(?:đơn vị tính|đơn vị|đvt) ?: ?([^)]{1,30})\)?\.?", re.IGNORECASE)
SCALES = (  # whole words: "tỉnh" holds "tỉ", and "Ngân sách tỉnh" is in đồng
    (_regex.compile(r"(?<![^\W\d_])(?:tỷ|tỉ)(?![^\W\d_])"), " tỷ đồng"),
    (_regex.compile(r"(?<![^\W\d_])(?:triệu|tr\.? ?đ)(?![^\W\d_])"), " triệu đồng"),
    (_regex.compile(r"(?<![^\W\d_])(?:nghìn|ngàn)(?![^\W\d_])|1\.000 ?đ"), " nghìn đồng"),
)
"""The scale a unit's words name, as the words written after a number in it (a table
header's ``(triệu đồng)``, a line's ``ĐVT: nghìn đồng``)."""
_MONEY = _regex.compile(r"(?<![^\W\d_])(?:đồng|vnđ|vnd|đ)(?![^\W\d_])")
_GROUPED = _regex.compile(r"\d{1,3}(?:\.\d{3})+")
_PLAIN = _regex.compile(r"\d{1,3}(?:\.\d{3})*")
# a word naming money right before the number: "mức 300", "thành tiền: 36.000"
_MONEY_NAMED = _regex.compile(
    r"(?<![^\W\d_])(?:mức|thành tiền|số tiền|kinh phí|trị giá|giá trị|số dư|tồn quỹ)"
    r"(?: [^\W\d_]+){0,4}? ?[:=]? ?$",
    re.IGNORECASE,
)
_NAMED_SPAN = 40
# a count named before the number, in its clause: "Tổng số người cao tuổi …: 1.352",
# "Số suất quà đã trao: 2.366", "số đối tượng được hỗ trợ: 1.250"
_COUNTED_BEFORE = _regex.compile(
    rf"(?<![^\W\d_])(?:số|tổng số) (?:{alternation(COUNT_UNITS)})(?![^\W\d_])[^;:,.\d]*[:=]? ?$"
)
_WORD_AFTER = _regex.compile(r" ?[^\W\d_]")  # "3 nhà", "12 tháng": a unit of its own
_BARE_KINDS = frozenset({"count", "unknown"})
# a number after a word that names a period or an ordinal ("đầu kỳ:", "quý I:"), grouped
# in thousands: no ordinal or period is written so, an amount is
_NAMED_KINDS = frozenset({"ordinal", "period"})


def stated_unit(text: str) -> str | None:
    """The unit a line states for the money below it, as the words to write after a
    bare number (``" nghìn đồng"``), or ``None`` when the line states no money unit
    (``Đơn vị: UBND xã …`` names an office; ``ĐVT: người`` a count)."""
    found = _UNIT_LINE.fullmatch(text.strip())
    if found is None:
        return None
    unit = same_length_lower(found.group(1)).strip()
    for pattern, suffix in SCALES:
        if pattern.search(unit):
            return suffix
    return " đồng" if _MONEY.search(unit) else None


def in_unit(line: Line, suffix: str) -> Line:
    """``line`` with ``suffix`` (from :func:`stated_unit`) written after each of its bare
    amounts (see the module docstring); the line itself where it has none, or writes
    money of its own."""
    text = line.text
    tokens = scan(text)
    if any(token.kind in ("amount", "level") for token in tokens):
        return line  # "… 86 suất, 43.000.000 đồng": the line says what its numbers are
    lower = same_length_lower(text)
    scaled = suffix != " đồng"  # "ĐVT: triệu đồng": "Ngân sách tỉnh: 120" is 120 triệu
    at: list[int] = []  # where the unit goes: right after each bare amount
    for token in tokens:
        written = token.text
        if _COUNTED_BEFORE.search(lower, max(0, token.start - _NAMED_SPAN), token.start):
            continue  # "Tổng số người cao tuổi được mừng thọ: 1.352": a count
        if _WORD_AFTER.match(lower, token.end):
            continue  # "3 nhà x 15.000.000": it counts what the word names
        if token.kind in _NAMED_KINDS and _GROUPED.fullmatch(written):
            at.append(token.end)  # "Số dư đầu kỳ: 27.640.000": no period is so written
            continue
        if token.kind not in _BARE_KINDS or token.unit is not None:
            continue
        if (
            _GROUPED.fullmatch(written)
            or (scaled and _PLAIN.fullmatch(written))
            or (
                _PLAIN.fullmatch(written)
                and _MONEY_NAMED.search(lower, max(0, token.start - _NAMED_SPAN), token.start)
            )
        ):
            at.append(token.end)
    if not at:
        return line
    return _insert(line, at, suffix)


# "Mức cơ sở (đồng/suất): 400.000", "Kinh phí (nghìn đồng): 48.000": the label's bracket
# names the money unit of the one bare number after it
_LABEL_UNIT = _regex.compile(
    r"[^\W\d_][^()\d]* \(((?:nghìn |ngàn |triệu |tỷ )?(?:đồng|đ|vnđ))( ?/ ?[^\W\d_]+)?\) ?: ?"
    r"(\d{1,3}(?:\.\d{3})*|\d+)\.?",
    re.IGNORECASE,
)


def unit_of_label(line: Line) -> Line:
    """``line`` with the money unit its label's bracket names written after its one bare
    number (``Mức cơ sở (đồng/suất): 400.000`` reads ``400.000 đồng/suất``, a level); the
    line itself where it writes anything else."""
    found = _LABEL_UNIT.fullmatch(line.text.strip())
    if found is None:
        return line
    unit, per = found.group(1), (found.group(2) or "").replace(" ", "")
    end = line.text.rindex(found.group(3)) + len(found.group(3))  # the number ends the line
    return _insert(line, [end], f" {unit}{per}")


# written arithmetic whose result alone writes the money: "477.000.000 - 468.000.000 =
# 9.000.000 đồng", "10.000.000 + 5.000.000 = 15.000.000đ"
_OPERAND = r"\d{1,3}(?:\.\d{3})+"
_ARITHMETIC = _regex.compile(
    rf"(?<![\d.,])({_OPERAND})((?: ?[-+] ?{_OPERAND})+) ?= ?{_OPERAND} ?"
    r"((?:nghìn |ngàn |triệu |tỷ )?(?:đồng|đ|vnđ))(?![^\W\d_])",
    re.IGNORECASE,
)
_TERM = _regex.compile(rf"{_OPERAND}")
# a product whose result alone writes the money: "54 cụ x 500.000 + 12 cụ x 700.000 =
# 35.400.000 đồng", "20 người x 300.000 = 6.000.000đ": the bare operand after the sign, an
# operator or the end after it
_RESULT_UNIT = _regex.compile(
    rf"= ?{_OPERAND} ?((?:nghìn |ngàn |triệu |tỷ )?(?:đồng|đ|vnđ))(?![^\W\d_])", re.IGNORECASE
)
_FACTOR_OPERAND = _regex.compile(
    rf"(?:(?<=\s)|(?<=\d))[x×*] ?({_OPERAND})(?= ?[-+=x×*])", re.IGNORECASE
)


def _one_sign(before: str) -> bool:
    """Only one multiplication sign in the product the operand ends (from the last ``+``,
    ``=`` or ``:``): ``54 cụ x 500.000``, not ``20 người x 3 x 50.000`` (three factors,
    which bare number is the level the text does not say)."""
    term = _TERM_START.split(before)[-1]
    return len(_SIGNS.findall(term)) == 0


_TERM_START = _regex.compile(r"[+=:;]")
_SIGNS = _regex.compile(r"(?:(?<=\s)|(?<=\d))[x×*](?=\s|\d)", re.IGNORECASE)


def unit_of_result(line: Line) -> Line:
    """``line`` with the unit of a written sum's result also after each of its bare
    operands (``477.000.000 - 468.000.000 = 9.000.000 đồng`` reads ``477.000.000 đồng -
    468.000.000 đồng = 9.000.000 đồng``), and after each bare operand of a product before
    such a result (``54 cụ x 500.000 + 12 cụ x 700.000 = 35.400.000 đồng``), so the
    arithmetic is read as written; the line itself where it writes none."""
    text = line.text
    if "=" not in text:
        return line
    at: list[int] = []
    unit = ""
    result = _RESULT_UNIT.search(text)
    if result is not None:
        unit = " " + result.group(1)
        at.extend(
            found.end(1)
            for found in _FACTOR_OPERAND.finditer(text, 0, result.start() + 1)
            if _one_sign(text[: found.start()])
        )
    for found in _ARITHMETIC.finditer(text):
        unit = " " + found.group(3)
        at.append(found.end(1))
        start = found.start(2)
        at.extend(start + term.end() for term in _TERM.finditer(found.group(2)))
    if not at:
        return line
    return _insert(line, sorted(set(at)), unit)


def _insert(line: Line, at: list[int], suffix: str) -> Line:
    """``line`` with ``suffix`` written at each offset of ``at`` (increasing), the
    offsets of the physical lines it joined moved with it."""
    text = line.text
    pieces: list[str] = []
    last = 0
    for end in at:
        pieces.append(text[last:end])
        pieces.append(suffix)
        last = end
    pieces.append(text[last:])
    joined = tuple(
        (start + len(suffix) * sum(1 for end in at if end <= start), number)
        for start, number in line.joined
    )
    return line._replace(text="".join(pieces), joined=joined)


__all__ = ["SCALES", "in_unit", "stated_unit", "unit_of_label", "unit_of_result"]
