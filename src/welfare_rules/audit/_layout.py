"""Physical lines → logical lines: a sentence wrapped over several lines is read as one.

Reports pasted from a PDF or typed in a plain-text editor are wrapped at a fixed width,
so a figure's count stands on one line and its level and amount on the next. A line
continues the one before it when that one ends mid-sentence (no ``.``, ``:``, ``;``,
``!``, ``?`` at its end) and the next starts like the rest of a sentence: with a small
letter, an opening mark or a digit (after words, not after another number), and with no
bullet, number, heading or table cell of its own; or when it leaves a bracket open (a
bracketed list wrapped after one of its ``;``). A blank line, a heading, a bullet or a
table row always starts a new block, but for a page break of a PDF's text: blank lines
and page numbers alone (``1``, ``- 2 -``, ``Trang 3``) between a sentence and its rest.
The logical line keeps the number of its first physical line; each figure keeps its own
(``Line.number_at``).
"""

from __future__ import annotations

import re

from .. import _regex
from ._normalize import Line
from ._units import COUNT_UNITS, alternation

_ENDS_SENTENCE = (".", ":", ";", "!", "?", "…")
_MIN_WRAPPED = 40  # a line shorter than this was ended by its writer, not by the wrap
_MIN_WRAPPED_NAME = 60  # before a capital (a name), only a line wrapped this long joins
_OPENING = "(\"'«"
_PAGE_BREAK_LINES = 6  # blank lines and page numbers a page break may hold
_UNIT_FIRST = _regex.compile(
    rf"(?:{alternation(COUNT_UNITS)}|đồng|nghìn|ngàn|triệu|tỷ|tỉ|%)(?![^\W\d_])", re.IGNORECASE
)


_LABEL_FIRST = _regex.compile(r"[^\W\d_][^:;.,]{0,40}:")  # "Cộng:", "Tổng kinh phí:"
_UNIT_LAST = _regex.compile(
    rf"(?<![^\W\d_])(?:{alternation(COUNT_UNITS)}|đồng|đ|nghìn|ngàn|triệu|tỷ)$", re.IGNORECASE
)
_PAGE_NUMBER = _regex.compile(
    r"[-–\s]*(?:trang\s+)?\d{1,3}(?:\s*/\s*\d{1,3})?[-–\s]*", re.IGNORECASE
)


def logical_lines(lines: list[Line]) -> list[Line]:
    """``lines`` with every wrapped sentence joined onto its first line, across a page
    break too (:func:`_page_break`)."""
    out: list[Line] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if out and not line.text and (after := _page_break(lines, index - 1, out[-1])):
            index = after  # the page's number and blank lines: layout, not text
            line = lines[index]
            index += 1
        after_line = lines[index] if index < len(lines) else None
        if out and _continues(out[-1], line, after_line):
            previous = out[-1]
            space = "" if _HYPHENATED.search(previous.text) else " "  # "1583/QĐ-" / "CTN"
            out[-1] = previous._replace(
                raw=f"{previous.raw.rstrip()}{space}{line.raw.strip()}",
                text=f"{previous.text}{space}{line.text}",
                joined=(*previous.joined, (len(previous.text) + len(space), line.number)),
            )
        else:
            out.append(line)
    return out


def _page_break(lines: list[Line], start: int, previous: Line) -> int | None:
    """A sentence running on past a page break of a PDF's text (``… từ nguồn`` / blank /
    ``1`` / blank / ``2`` / ``vận động …``): where the line that continues it stands,
    when the lines from ``start`` are only blank lines and page numbers (one at least)."""
    numbered = False
    index = start
    while index < len(lines) and index - start < _PAGE_BREAK_LINES:
        text = lines[index].text
        if text and not _PAGE_NUMBER.fullmatch(text):
            break
        numbered = numbered or bool(text)
        index += 1
    if not numbered or index >= len(lines) or not _continues(previous, lines[index]):
        return None
    if _UNIT_FIRST.match(lines[index].text):
        return None  # "… là" / "150" / "suất, gồm …": a figure alone on its line, no page
    return index


def _continues(previous: Line, line: Line, after: Line | None = None) -> bool:
    if not previous.text or not line.text:
        return False
    if previous.cells is not None or line.cells is not None or previous.separator:
        return False
    if line.heading or line.bullet is not None or line.enumerator is not None:
        return False
    if _figures_under_label(previous, line) and not _figures_alike(line, after):
        return True  # "- Tặng quà thương binh:" / "    84 suất x 500.000 đồng = …": one item
    if not previous.heading and _HYPHENATED.search(previous.text):
        return line.text[:1].isalnum()  # "… Quyết định số 1583/QĐ-" / "CTN ngày 26/12/2023 …"
    if _bracket_after_sentence(previous, line):
        return True  # "… tổng số tiền: 2.714.450.000 đồng." / "(trung bình mỗi suất …), …"
    if not previous.heading and _open_bracket(previous):
        return True  # "… (Trung tâm A: 214 đối tượng;" / "Trung tâm B: 176 đối tượng), …"
    if previous.heading or previous.text.endswith(_ENDS_SENTENCE):
        return False
    first = line.text[0]
    digit_after_words = first.isdigit() and not previous.text[-1].isdigit()
    if first.islower() or first in _OPENING or digit_after_words:
        return len(previous.raw.strip()) >= _MIN_WRAPPED or previous.text.endswith(",")
    if previous.text[-1].isdigit() and _UNIT_FIRST.match(line.text):
        return len(previous.raw.strip()) >= _MIN_WRAPPED  # "… là 10.229" / "Người. Tổng …"
    return first.isupper() and _wrapped_before_name(previous, line)


def _wrapped_before_name(previous: Line, line: Line) -> bool:
    """A line wrapped right before a name (``… 1.250 suất quà của Chủ tịch`` / ``Nước cho
    người có công, mức …``): the line before is long, as a wrap leaves it, and ends with a
    word; neither is a title in capitals or a form laid out in fields two spaces apart (a
    letterhead: ``UBND HUYỆN A      CỘNG HÒA …``)."""
    before, after = previous.raw.strip(), line.raw.strip()
    if len(before) < _MIN_WRAPPED_NAME or not before[-1].isalpha():
        return False
    if "  " in before or "  " in after or before.isupper() or after.split(" ", 1)[0].isupper():
        return False
    if _LABEL_FIRST.match(after) or _UNIT_LAST.search(before):
        return False  # "Cộng: 86 suất, …" after a list; "… 6.000.000 đồng" may end it
    return not previous.text.isupper() and not line.text.isupper()


# a word broken at its hyphen by the wrap: "QĐ-", "BC-" (an identifier), not " - " (a dash)
_HYPHENATED = _regex.compile(r"[^\W_]/?[^\W\d_]*[^\W\d_]-$")


def _bracket_after_sentence(previous: Line, line: Line) -> bool:
    """A bracket opening the line right after a long line ending a sentence (``… tổng số
    tiền: 2.714.450.000 đồng.`` / ``(trung bình mỗi suất quà trị giá trên 400.000 đồng),
    trong đó:``): it comments on that sentence, as written on one line before the wrap."""
    return (
        not previous.heading
        and line.text.startswith("(")
        and previous.text.endswith(".")
        and len(previous.raw.strip()) >= _MIN_WRAPPED_NAME
    )


# numbers a label holds that are no figures: an age, a rate, a date ("từ đủ 80 tuổi",
# "tỷ lệ từ 81%", "năm 2025", "27/7")
_NO_FIGURE = _regex.compile(
    r"\d+(?:[,.]\d+)?\s*(?:tuổi|%)|(?:năm|ngày|tháng)\s+\d+|\d{1,2}/\d{1,2}(?:/\d{2,4})?",
    re.IGNORECASE,
)


def _figures_under_label(previous: Line, line: Line) -> bool:
    """A bulleted label ending with ``:`` and stating no figure, then its figures on the
    next line, indented deeper and starting with a number (``- Tặng quà thương binh, thân
    nhân liệt sĩ:`` / ``    84 suất x 500.000 đồng/suất = 42.000.000 đồng;``): one item of
    the list, not a group opened by the label with a figure of no bullet under it."""
    if previous.bullet is None or previous.heading or not previous.text.endswith(":"):
        return False
    if any(char.isdigit() for char in _NO_FIGURE.sub("", previous.text)):
        return False  # a figure in the label: a record of its own
    if _TOTAL_LEAD.match(line.text) and any(char.isdigit() for char in line.text):
        # "- Kết quả … của Thành phố Uông Bí:" / "Tổng số 2.432 suất quà trị giá …" (the
        # label's own total, wrapped to the next line, as deep as the bullet or deeper)
        return _indent(line.raw) >= _indent(previous.raw)
    if not line.text[:1].isdigit():
        return False
    return _indent(line.raw) > _indent(previous.raw)


_TOTAL_LEAD = _regex.compile(r"(?:tổng số|tổng cộng)(?![^\W\d_])", re.IGNORECASE)


def _figures_alike(line: Line, after: Line | None) -> bool:
    """The line after ``line`` is another figure line under the same label, as indented
    (``- Người có công:`` / ``    20 suất x …`` / ``    10 suất x …``): the label heads a
    group of lines, not one item."""
    return (
        after is not None
        and after.bullet is None
        and after.cells is None
        and after.text[:1].isdigit()
        and _indent(after.raw) == _indent(line.raw)
    )


def _indent(raw: str) -> int:
    return len(raw) - len(raw.lstrip())


def _open_bracket(previous: Line) -> bool:
    """A bracket opened on the logical line ``previous`` and not closed: the sentence goes
    on past the line's end, whatever mark ends it (a list in brackets may be split at a
    ``;``), over a few lines at most after the one it opens on (a bracket never closed is
    a typing slip, and must not swallow the lines after it)."""
    text = previous.text
    start = max(0, len(text) - _BRACKET_REACH)  # a bracket opened further back joins none
    if "(" not in text[start:]:
        return False
    depth, opened = 0, -1
    for at in range(start, len(text)):
        char = text[at]
        if char == "(":
            depth, opened = depth + 1, at if depth == 0 else opened
        elif char == ")" and depth:
            depth -= 1
    if not depth:
        return False
    joined_since = sum(1 for offset, _ in previous.joined[-_BRACKET_LINES:] if offset > opened)
    return joined_since < _BRACKET_LINES


_BRACKET_LINES = 4  # lines a bracket left open may join after the one it opens on
_BRACKET_REACH = 600  # characters back a bracket is looked for (the line stays linear)


__all__ = ["logical_lines"]
