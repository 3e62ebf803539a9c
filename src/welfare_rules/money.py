"""Whole VND as ``int``: read amounts as Vietnamese documents write them, format, spell out.

Vietnamese writing groups thousands with ``.`` and marks decimals with ``,``
(``1.137.600.000 đồng``, ``22,252 tỷ``); English writing does the opposite. Floats never
touch money: a float given as money raises an error instead of being rounded.
"""

from __future__ import annotations

import unicodedata
from typing import Literal

from . import _regex
from ._i18n import Catalog, Text
from .errors import (
    MoneyParseError,
    MoneyRangeError,
    MoneyTextRangeError,
    MoneyTypeError,
    approximate_int,
    quote,
)

Locale = Literal["vi", "en"]

MAX_VND = 10**18  # the largest amount (and, negated, the smallest) any function here accepts
_MAX_TEXT = 200  # no amount of money is written with more characters than this

_MSG = Catalog(
    "money",
    {
        "type": Text(
            vi="cần một chuỗi ký tự, không phải {kind}",
            en="expected text, not {kind}",
        ),
        "float": Text(
            vi="số thực (float) không bao giờ là tiền; hãy dùng số nguyên hoặc chuỗi",
            en="a float is never money; pass an int or the text as written",
        ),
        "empty": Text(vi="chuỗi rỗng", en="the text is empty"),
        "long": Text(
            vi="dài {length} ký tự, quá {limit} ký tự của một số tiền",
            en="{length} characters long, more than the {limit} of any amount",
        ),
        "garbage": Text(
            vi="không có dạng số tiền (ví dụ: 600.000đ, 1,5 triệu, 22,252 tỷ đồng)",
            en="not an amount (e.g. 600.000đ, 1,5 triệu, 22,252 tỷ đồng)",
        ),
        "negative": Text(vi="số âm không được phép ở đây", en="a negative amount is not allowed"),
        "grouping": Text(
            vi="nhóm chữ số sai: {number} (dấu '{sep}' phân cách hàng nghìn, mỗi nhóm 3 số)",
            en="bad digit grouping in {number} ('{sep}' separates thousands, 3 digits a group)",
        ),
        "decimals": Text(
            vi="có hai dấu thập phân '{sep}' trong {number}",
            en="two decimal marks '{sep}' in {number}",
        ),
        "scale_run": Text(
            vi="các từ chỉ hàng viết liền nhau: {words} (viết tách rời, ví dụ 2,5 nghìn tỷ)",
            en="scale words run together: {words} (write them apart, e.g. 2,5 nghìn tỷ)",
        ),
        "fraction": Text(
            vi="không phải số đồng nguyên: {number}",
            en="not a whole number of đồng: {number}",
        ),
        "ambiguous": Text(
            vi="{number} không rõ nghĩa: dấu '{decimal}' là dấu thập phân, nên đây là "
            "{whole} đồng chứ không phải {thousands} đồng; hãy viết {suggestion}",
            en="{number} is ambiguous: '{decimal}' marks decimals here, which makes it "
            "{whole} đồng, not {thousands} đồng; write {suggestion}",
        ),
        "range": Text(
            vi="chỉ đọc được các số từ 0 đến 10^18, không đọc được {value}",
            en="only numbers from 0 to 10^18 can be read out, not {value}",
        ),
        "too_large": Text(
            vi="số tiền {value} vượt quá giới hạn ±10^18 đồng",
            en="the amount {value} is beyond the limit of ±10^18 đồng",
        ),
    },
)

# After normalisation the text is lower case NFC with single spaces.
_UNIT = r"(?:đồng|đ|dong|vnđ|vnd|₫)"
_SCALE_WORD = r"(?:nghìn|ngàn|nghin|ngan|triệu|trieu|tỷ|tỉ|ty|ti)"
_AMOUNT = _regex.compile(
    rf"(?P<sign>[-−] ?)?(?:{_UNIT} ?)?(?P<unit_sign>[-−] ?)?"
    r"(?P<number>\d{1,3}(?: \d{3})+(?:[.,]\d+)?|\d[\d.,]*)"
    rf"(?P<scale>(?: ?{_SCALE_WORD})*)(?: ?{_UNIT})?"
)
_SCALE_TOKEN = _regex.compile(_SCALE_WORD)
_SCALES = {
    "nghìn": 10**3,
    "ngàn": 10**3,
    "nghin": 10**3,
    "ngan": 10**3,
    "triệu": 10**6,
    "trieu": 10**6,
    "tỷ": 10**9,
    "tỉ": 10**9,
    "ty": 10**9,
    "ti": 10**9,
}
_GROUPED = {sep: _regex.compile(rf"\d{{1,3}}(?:\{sep}\d{{3}})+") for sep in ".,"}
_SEPARATORS: dict[Locale, tuple[str, str]] = {"vi": (".", ","), "en": (",", ".")}
_SPACES = _regex.compile(r"[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+")
_EDGE_PUNCTUATION = " \t()[]{}:;,.!?\"'“”‘’«»*_|/"


def _normalize(text: str) -> str:
    """NFC, lower case, one plain space for any run of spaces, edges trimmed."""
    text = unicodedata.normalize("NFC", text).lower()
    return _SPACES.sub(" ", text).strip(_EDGE_PUNCTUATION)


def parse_vnd(text: str, *, locale: Locale = "vi", allow_negative: bool = False) -> int:
    """Read an amount of VND as Vietnamese (``locale="en"``: English) documents write it.

    Accepts grouped digits, the units ``đ``/``đồng``/``VNĐ``/``VND``/``₫`` before or after
    the number, the scale words ``nghìn``/``ngàn``, ``triệu``, ``tỷ``/``tỉ`` (with a decimal
    part: ``1,5 triệu``), any Unicode normalisation, non-breaking spaces and surrounding
    punctuation. In Vietnamese a ``.`` always groups thousands, so ``2.514 tỉ`` is
    2.514.000.000.000.

    >>> parse_vnd("600.000đ")
    600000
    >>> parse_vnd("22,252 tỷ đồng")
    22252000000
    >>> parse_vnd("VND 11,554,050,000", locale="en")
    11554050000

    Raises :class:`~welfare_rules.errors.MoneyParseError` (a ``ValueError``) that quotes
    the text and says why: not text (a float above all), empty, too long, not an amount,
    bad digit grouping, a fraction of a đồng, or a sign when ``allow_negative`` is false.
    """
    if isinstance(text, float):
        raise MoneyParseError(text, _MSG("float"))
    if not isinstance(text, str):
        raise MoneyParseError(text, _MSG("type", kind=type(text).__name__))
    if len(text) > _MAX_TEXT:
        raise MoneyParseError(text, _MSG("long", length=len(text), limit=_MAX_TEXT))
    normalized = _normalize(text)
    if not normalized:
        raise MoneyParseError(text, _MSG("empty"))
    match = _AMOUNT.fullmatch(normalized)
    if match is None:
        raise MoneyParseError(text, _MSG("garbage"))
    value = _number_times_scale(text, match["number"], _scale_words(text, match["scale"]), locale)
    if match["sign"] and match["unit_sign"]:
        raise MoneyParseError(text, _MSG("garbage"))
    if match["sign"] or match["unit_sign"]:  # "-600.000đ", or "VND -600,000" in English
        if not allow_negative:
            raise MoneyParseError(text, _MSG("negative"))
        value = -value
    if not -MAX_VND <= value <= MAX_VND:
        raise MoneyTextRangeError(text, _MSG("too_large", value=_shown(value)), amount=value)
    return value


def _scale_words(text: str, scale: str) -> list[str]:
    """The scale words after a number, one by one; run together (``tỉtỉ``) is an error."""
    words: list[str] = []
    for chunk in scale.split():
        found = _SCALE_TOKEN.findall(chunk)
        if len(found) != 1:  # "triệutriệu", "tỉtỉ": a typo, not a scale
            raise MoneyParseError(text, _MSG("scale_run", words=quote(chunk)))
        words.append(found[0])
    return words


def _shown(amount: int) -> str:
    """An amount for a message: grouped when it is short, ``≈1.000e25`` beyond."""
    return display_vnd(amount, unit="")


def _number_times_scale(text: str, number: str, scale_words: list[str], locale: Locale) -> int:
    """The exact integer ``number × scale``; an error unless it is whole and unambiguous."""
    group_sep, decimal_sep = _SEPARATORS[locale]
    whole, has_fraction, fraction = number.replace(" ", group_sep).partition(decimal_sep)
    if decimal_sep in fraction:
        raise MoneyParseError(text, _MSG("decimals", sep=decimal_sep, number=quote(number)))
    if (
        (has_fraction and not fraction.isdigit())
        or (group_sep in whole and not _GROUPED[group_sep].fullmatch(whole))
        or not whole.replace(group_sep, "").isdigit()
    ):
        raise MoneyParseError(text, _MSG("grouping", sep=group_sep, number=quote(number)))
    if len(fraction) == 3 and not scale_words:
        # "600,000" read the Vietnamese way is 600 đồng: almost surely a misreading.
        thousands = whole.replace(group_sep, "") + fraction
        raise MoneyParseError(
            text,
            _MSG(
                "ambiguous",
                number=quote(number),
                decimal=decimal_sep,
                whole=whole,
                thousands=thousands,
                suggestion=f"{whole}{group_sep}{fraction}",
            ),
        )
    scale = 1
    for word in scale_words:
        scale *= _SCALES[word]
    digits = int(whole.replace(group_sep, "") + fraction)
    denominator: int = 10 ** len(fraction)
    value, remainder = divmod(digits * scale, denominator)
    if remainder:
        raise MoneyParseError(text, _MSG("fraction", number=" ".join([number, *scale_words])))
    return value


def require_vnd(amount: object) -> int:
    """``amount`` if it is an ``int`` (not a bool) from -10^18 to 10^18.

    Raises :class:`MoneyTypeError` for anything else than an ``int`` (a float above all)
    and :class:`MoneyRangeError` for an ``int`` beyond ±10^18 (:data:`MAX_VND`).
    """
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise MoneyTypeError(amount)
    if not -MAX_VND <= amount <= MAX_VND:
        raise MoneyRangeError(amount, _MSG("too_large", value=_shown(amount)))
    return amount


def format_vnd(amount: int, *, locale: Locale = "vi", unit: str | None = None) -> str:
    """An amount as a person reads it: ``11.554.050.000 đ`` or ``VND 11,554,050,000``.

    ``unit`` defaults to ``"đ"`` in Vietnamese (written after the number) and ``"VND"``
    in English (written before it); ``unit=""`` gives the bare grouped number. Grouping
    comes from Babel's locale data. Raises :class:`MoneyTypeError` for a non-``int`` and
    :class:`MoneyRangeError` beyond ±10^18; to show any figure in a message, whatever its
    size, use :func:`display_vnd`.

    >>> format_vnd(11_554_050_000)
    '11.554.050.000 đ'
    >>> format_vnd(1_137_600_000, unit="đồng")
    '1.137.600.000 đồng'
    >>> format_vnd(11_554_050_000, locale="en")
    'VND 11,554,050,000'
    >>> format_vnd(2_721_000_000, unit="")
    '2.721.000.000'
    """
    from babel.numbers import format_decimal  # imported here: keeps `import` fast

    number: str = format_decimal(require_vnd(amount), locale=locale, group_separator=True)
    number = number.replace("\u2212", "-")
    if unit is None:
        unit = "đ" if locale == "vi" else "VND"
    if not unit:
        return number
    return f"{number} {unit}" if locale == "vi" else f"{unit} {number}"


_DISPLAY_GROUPED = 10**60  # below this display_vnd groups every digit


def display_vnd(amount: object, *, locale: Locale = "vi", unit: str | None = None) -> str:
    """An amount for a message, whatever it is: never raises.

    Within ±10^18 it is :func:`format_vnd`; beyond, digits are still grouped up to 60 of
    them, and a larger ``int`` is written ``≈1.000e75`` (Python cannot even turn an
    ``int`` beyond 4.300 digits into text). Anything that is not an ``int`` is quoted.
    Use it wherever a figure read from outside data goes into a message.

    >>> display_vnd(10**25)
    '10.000.000.000.000.000.000.000.000 đ'
    >>> display_vnd(10**5000, locale="en")
    'VND ≈1.000e5000'
    >>> display_vnd(600_000.0)
    '600000.0'
    """
    if isinstance(amount, bool) or not isinstance(amount, int):
        return quote(amount)
    if -MAX_VND <= amount <= MAX_VND:
        return format_vnd(amount, locale=locale, unit=unit)
    if abs(amount) < _DISPLAY_GROUPED:
        group_sep = _SEPARATORS[locale][0]
        number = f"{amount:,}".replace(",", group_sep)
    else:
        number = approximate_int(amount)
    if unit is None:
        unit = "đ" if locale == "vi" else "VND"
    if not unit:
        return number
    return f"{number} {unit}" if locale == "vi" else f"{unit} {number}"


_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_BILLION = 10**9
_LIMIT = MAX_VND


def number_in_words(number: int, *, zero_tens: Literal["linh", "lẻ"] = "linh") -> str:
    """A whole number from 0 to 10^18 read out in Vietnamese, lower case.

    Follows the reading rules: ``linh`` (or ``lẻ``) for a zero tens digit after a
    hundred, ``mười``/``mươi``, ``mốt``/``tư``/``lăm`` after a tens digit of 2 or more
    (``lăm`` after ``mười`` too), ``không trăm`` inside a number, and ``tỷ`` repeated above
    10^12 (``một nghìn tỷ``, ``một tỷ tỷ``).

    >>> number_in_words(2021)
    'hai nghìn không trăm hai mươi mốt'
    >>> number_in_words(105)
    'một trăm linh năm'
    >>> number_in_words(1_000_000_000_000)
    'một nghìn tỷ'
    """
    if isinstance(number, bool) or not isinstance(number, int):
        raise MoneyTypeError(number)
    if not 0 <= number <= _LIMIT:
        raise MoneyRangeError(number, _MSG("range", value=_shown(number)))
    if number == 0:
        return _DIGITS[0]
    return " ".join(_words(number, leading=True, zero_tens=zero_tens))


def vnd_in_words(
    amount: int,
    *,
    capitalize: bool = False,
    even: bool = False,
    zero_tens: Literal["linh", "lẻ"] = "linh",
) -> str:
    """The *bằng chữ* line of a financial document: the amount in words, then ``đồng``.

    The surface form is lower case and ends in ``đồng``; ``capitalize=True`` gives the
    capital first letter documents print after "Bằng chữ:", and ``even=True`` adds
    ``chẵn`` (a round amount, nothing after it).

    >>> vnd_in_words(11_554_050_000)
    'mười một tỷ năm trăm năm mươi tư triệu không trăm năm mươi nghìn đồng'
    >>> vnd_in_words(381_900_000, capitalize=True, even=True)
    'Ba trăm tám mươi mốt triệu chín trăm nghìn đồng chẵn'
    """
    words = f"{number_in_words(amount, zero_tens=zero_tens)} đồng"
    if even:
        words += " chẵn"
    return words[0].upper() + words[1:] if capitalize else words


def _words(number: int, *, leading: bool, zero_tens: str) -> list[str]:
    """Words for ``number`` > 0; ``leading`` is false for the part after a ``tỷ``."""
    if number >= _BILLION:
        high, low = divmod(number, _BILLION)
        words = [*_words(high, leading=leading, zero_tens=zero_tens), "tỷ"]
        if low:
            words += _words(low, leading=False, zero_tens=zero_tens)
        return words
    words = []
    groups = ((number // 10**6, "triệu"), (number // 1000 % 1000, "nghìn"), (number % 1000, ""))
    for value, unit in groups:
        if value:
            words += _group(value, full=bool(words) or not leading, zero_tens=zero_tens)
            if unit:
                words.append(unit)
    return words


def _group(value: int, *, full: bool, zero_tens: str) -> list[str]:
    """Words for a 3-digit group; ``full`` reads a zero hundreds digit (``không trăm``)."""
    hundreds, tens, units = value // 100, value // 10 % 10, value % 10
    words = [_DIGITS[hundreds], "trăm"] if full or hundreds else []
    if tens == 0:
        if units:
            words += [zero_tens, _DIGITS[units]] if words else [_DIGITS[units]]
    elif tens == 1:
        words.append("mười")
        if units:
            words.append("lăm" if units == 5 else _DIGITS[units])
    else:
        words += [_DIGITS[tens], "mươi"]
        if units:
            words.append({1: "mốt", 4: "tư", 5: "lăm"}.get(units, _DIGITS[units]))
    return words


__all__ = [
    "MAX_VND",
    "Locale",
    "display_vnd",
    "format_vnd",
    "number_in_words",
    "parse_vnd",
    "require_vnd",
    "vnd_in_words",
]
