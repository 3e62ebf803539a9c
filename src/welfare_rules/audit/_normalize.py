"""Report text → numbered, normalised lines: NFC, plain spaces, no Markdown emphasis.

Each :class:`Line` keeps the text as written (for findings) beside a normalised form the
extractor reads: NFC, one plain space for any run of spaces (non-breaking, thin, tabs
outside tables), straight quotes, ``-`` for dashes, Markdown emphasis (``**``, ``__``)
and backslash escapes removed, the heading marks (``#``) and the bullet (``-``, ``+``,
``*``, ``•``) or enumerator (``1.``, ``II.``) taken off the front and kept aside.
Line numbers are 1-based and count ``\\n``, ``\\r\\n`` and a lone ``\\r`` as one break.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import NamedTuple

from .. import _regex

_BREAKS = _regex.compile(r"\r\n|\r|\n")
_ODD_SPACES = _regex.compile(r"[\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\x0b\x0c]")
_INVISIBLE = _regex.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")
_TRANSLATE = str.maketrans(
    {
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2018": "'",
        "\u2019": "'",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00d7": "x",  # the multiplication sign reads as "x"
    }
)
_SPECIAL = _regex.compile(
    "[\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019\u2013\u2014\u2212\u00d7\u00a0\u1680"
    "\u2000-\u200d\u2028\u2029\u202f\u205f\u2060\u3000\u00ad\ufeff\x0b\x0c]"
)
_ESCAPE = _regex.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
# A run of two or more emphasis marks, mixed or not ("**", "__", "_**_"): one pass takes
# out nested runs too, so the result holds no mark pair (and a second pass changes nothing).
_EMPHASIS = _regex.compile(r"[*_]{2,}")
_ITALIC = _regex.compile(r"[*_](?=[^\s*_])(.*[^\s*_])[*_]")
_SPACES = _regex.compile(r" {2,}")
# "*Đợt 1*: chi trả …": a word or words set in italics inside a line (not "2*3", "a * b")
_INLINE_ITALIC = _regex.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]*?[^\s*])\*(?![\w*])")
# thousands grouped by commas, as English-language software writes them: two groups or
# more ("921,000,000"), or one before a unit no decimal is written with ("1,842 người",
# "500,000 VNĐ"); "1,5 tỷ", "2,4%", "1,842" alone stay decimals. The pattern starts with
# a digit and looks behind it after (the same test as "(?<![\d.,])" before it): the
# engine then skips to the next digit in C instead of trying the look-behind at every
# character (a search with it first cost 7 µs a line, the most of any pattern)
_COMMA_GROUPS = _regex.compile(
    r"\d(?<![\d.,]\d)\d{0,2}(?:(?:,\d{3}){2,}(?![\d,])"
    r"|,\d{3}(?![\d,])(?= ?(?:vnđ|vnd|đồng|đ(?![^\W\d_])|người|suất|hộ|cụ"
    r"|đối tượng|lượt|em|cháu)(?![^\W\d_])))",
    re.IGNORECASE,
)
_PIPE = _regex.compile(r"(?<!\\)\|")  # a cell separator: a pipe not escaped with a backslash
_HEADING = _regex.compile(r"#{1,6}(?= |$)")
_BULLET = _regex.compile(r"([-+*•·◦▪●‣]) ")
# "I.", "IV.", "XII.": a roman section; a lone "C." or "L." (100, 50) is a letter, the
# third of "A., B., C." (no report numbers a hundredth section so)
_ROMAN = _regex.compile(r"([IVX][IVXLC]{0,5}|[LC][IVXLC]{1,5})[.)] ")
_ENUM = _regex.compile(r"(\d{1,2}(?:\.\d{1,2}){0,3})[.)] ")
_LETTER = _regex.compile(r"([a-zđ])[)] ")  # "a) Hộ nghèo: …", "đ) …"
# "A. Quà mức 300.000 đ/suất", "B. KẾT QUẢ": a lettered item, numbered as "1." is ("C." is
# read as roman); the title must start with a letter (a person's initial "A. 12" is none)
_CAPITAL = _regex.compile(r"([A-HĐ])[.)] (?=[^\W\d_])")
_CAPITAL_STARTS = frozenset("ABCDEFGHĐ")
_QUOTE = _regex.compile(r"> ?")
_TABLE_SEPARATOR = _regex.compile(r" *:?-+:? *")

_BULLET_STARTS = frozenset("-+*•·◦▪●‣")
_ROMAN_STARTS = frozenset("IVXLC")
_BULLET_NAMES = {"·": "•", "◦": "•", "▪": "•", "●": "•", "‣": "•"}


class Line(NamedTuple):
    """One line of the report: as written, normalised, and its structural marks."""

    number: int  # 1-based
    raw: str  # as written, without the line break
    text: str  # normalised, marks taken off
    heading: int = 0  # Markdown heading level (a roman-numbered line counts as 2); 0: none
    bullet: str | None = None  # "-", "+", "*", "•"; "1.", "1.1." … by depth; "a)" for letters
    enumerator: str | None = None  # the number taken off the front ("1", "II", "2.1")
    cells: tuple[str, ...] | None = None  # table cells when the line is a table row
    separator: bool = False  # a Markdown table's |---|---| row
    joined: tuple[tuple[int, int], ...] = ()  # wrapped lines joined on: (offset in text, number)

    def number_at(self, offset: int) -> int:
        """The physical line that holds ``offset`` of :attr:`text` (lines joined by
        :func:`~._layout.logical_lines` keep their own numbers)."""
        number = self.number
        for start, line in self.joined:
            if offset < start:
                break
            number = line
        return number


def same_length_lower(text: str) -> str:
    """``text.lower()`` with every character kept one character long, so that offsets in
    the lowered text are offsets in ``text`` (``"İ".lower()`` is two characters).

    >>> same_length_lower("İ 122 SUẤT")
    'i 122 suất'
    """
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    return "".join(low if len(low := char.lower()) == 1 else low[0] for char in text)


# re.IGNORECASE matches "i" to the dotless "ı" and "s" to the long "ſ", which lowering
# keeps as they are: a lowered text holding either may match where no word is found.
_ODD_FOLDS = ("ı", "ſ")


def may_hold(lower: str, words: tuple[str, ...]) -> bool:
    """Whether a case-insensitive pattern that needs one of ``words`` (written in small
    letters) could match the text whose :func:`same_length_lower` is ``lower``: a word
    found, or a letter the pattern folds otherwise than ``str.lower``. False rules the
    search out at the cost of a few substring tests.

    >>> may_hold("tổng số tăng 5%", ("tăng", "giảm")), may_hold("tổng số 5%", ("tăng",))
    (True, False)
    """
    for word in words:
        if word in lower:
            return True
    return not lower.isascii() and (_ODD_FOLDS[0] in lower or _ODD_FOLDS[1] in lower)


def split_lines(text: str) -> list[str]:
    """The lines of ``text`` as an editor numbers them."""
    if "\r" not in text:
        return text.split("\n")
    return _BREAKS.split(text)


def normalize_text(text: str) -> str:
    """NFC, plain single spaces, straight quotes, no emphasis: the form every reader sees.

    >>> normalize_text("**Tổng số**\\u00a0 1.251  suất “quà”")
    'Tổng số 1.251 suất "quà"'
    """
    if not text.isascii():
        if _SPECIAL.search(text):  # first: an invisible character may split a letter's marks
            text = text.translate(_TRANSLATE)
            text = _INVISIBLE.sub("", _ODD_SPACES.sub(" ", text))
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
    return _plain_normalized(text)


def _plain_normalized(text: str) -> str:
    """:func:`normalize_text` of a text known to be NFC and to hold no character of
    :data:`_SPECIAL` (a line of a text that holds none: see :func:`read_lines`)."""
    if "\t" in text:
        text = text.replace("\t", " ")
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    if "*" in text or "_" in text:
        text = _EMPHASIS.sub("", text)
        if "*" in text:
            text = _INLINE_ITALIC.sub(r"\1", text)
        italic = _ITALIC.fullmatch(text.strip())
        if italic:  # "*Cộng I*", "_79_": one mark each side is emphasis too
            text = italic.group(1)
    if "," in text:
        text = _COMMA_GROUPS.sub(_dotted, text)
    if "  " in text:
        text = _SPACES.sub(" ", text)
    return text.strip()


def _dotted(match: re.Match[str]) -> str:
    """Commas grouping thousands as dots, as a Vietnamese text groups them (same length)."""
    return match.group(0).replace(",", ".")


def read_lines(text: str) -> list[Line]:
    """Every line of ``text``, numbered and normalised.

    The whole text is searched once for the characters :func:`normalize_text` replaces
    and tested once for NFC: where it holds none and is NFC, so is every line of it (a
    line break composes with nothing), and no line is searched or tested again."""
    plain = text.isascii() or (
        _SPECIAL.search(text) is None and unicodedata.is_normalized("NFC", text)
    )
    normalize = _plain_normalized if plain else normalize_text
    # a blank line (a third to a half of most reports) is built here, without a call
    return [
        _line(number, raw, normalize)
        if raw and not raw.isspace()
        else _new_line(Line, (number, raw, "", 0, None, None, None, False, ()))
        for number, raw in enumerate(split_lines(text), start=1)
    ]


_new_line = tuple.__new__  # a Line without the named tuple's keyword handling (hot path)


def _line(number: int, raw: str, normalize: Callable[[str], str] = normalize_text) -> Line:
    if not raw or raw.isspace():
        return _new_line(Line, (number, raw, "", 0, None, None, None, False, ()))
    cells = _cells(raw)
    if cells is not None:
        separator = all(_TABLE_SEPARATOR.fullmatch(cell) for cell in cells)
        normalized = tuple(normalize(cell) for cell in cells)
        return Line(number, raw, " | ".join(normalized), cells=normalized, separator=separator)
    text = normalize(raw)
    # Each mark is looked for only where the first character can start it (a set look-up
    # instead of a regex call for most lines).
    if text[:1] == ">":
        quote = _QUOTE.match(text)
        if quote:
            text = text[quote.end() :]
    heading = 0
    bullet = enumerator = None
    first = text[:1]
    if first == "#":
        mark = _HEADING.match(text)
        if mark:
            heading = mark.end()
            text = text[mark.end() :].strip()
    elif first in _BULLET_STARTS:
        found = _BULLET.match(text)
        if found:
            bullet = _BULLET_NAMES.get(found.group(1), found.group(1))
            text = text[found.end() :].strip()
    first = text[:1]
    roman = _ROMAN.match(text) if first in _ROMAN_STARTS else None
    capital = _CAPITAL.match(text) if roman is None and first in _CAPITAL_STARTS else None
    if capital:  # "A. Quà mức …": numbered as "1." is, one depth of its own (no heading)
        enumerator = capital.group(1)
        text = text[capital.end() :].strip()
        if not heading and bullet is None:
            bullet = "A."
    elif roman:
        enumerator = roman.group(1)
        text = text[roman.end() :].strip()
        heading = heading or 2
    elif first.isdigit():
        enum = _ENUM.match(text)
        if enum:
            enumerator = enum.group(1)
            text = text[enum.end() :].strip()
            if not heading and bullet is None:  # "1." / "1.1." / "3.1.1.": one mark a depth
                bullet = "1" + ".1" * enumerator.count(".") + "."
    elif bullet is None and ("a" <= first <= "z" or first == "đ"):
        letter = _LETTER.match(text)
        if letter:
            enumerator = letter.group(1)
            text = text[letter.end() :].strip()
            if not heading:
                bullet = "a)"
    return _new_line(Line, (number, raw, text, heading, bullet, enumerator, None, False, ()))


def _cells(raw: str) -> tuple[str, ...] | None:
    """The cells of a Markdown pipe row or a tab-separated row, else ``None``."""
    if "|" not in raw and "\t" not in raw:
        return None
    stripped = raw.strip(" \u00a0\r\n")  # not tabs: a leading tab is an empty first cell
    if stripped.count("|") >= 2:
        if stripped.startswith("|"):
            stripped = stripped[1:]
        if stripped.endswith("|") and not stripped.endswith("\\|"):
            stripped = stripped[:-1]
        return tuple(cell.replace("\\|", "|") for cell in _PIPE.split(stripped))
    if "\t" in stripped.strip():
        return tuple(stripped.split("\t"))
    return None


__all__ = ["Line", "may_hold", "normalize_text", "read_lines", "split_lines"]
