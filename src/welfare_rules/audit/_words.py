"""An amount written in words (``Bằng chữ: Chín trăm mười ba triệu hai trăm nghìn đồng``)
read back into đồng: the inverse of :func:`welfare_rules.money.vnd_in_words`, tolerant of
the spellings reports use (*mốt*, *tư*, *lăm*/*nhăm*, *linh*/*lẻ*, *ngàn*, *tỉ*).

>>> parse_words("Chín trăm mười ba triệu hai trăm nghìn đồng")
913200000
>>> parse_words("Hai nghìn không trăm hai mươi mốt đồng chẵn")
2021
>>> parse_words("một nghìn tỷ đồng")
1000000000000
>>> parse_words("ba quả cam") is None
True
"""

from __future__ import annotations

from .. import _regex

_DIGITS = {
    "không": 0,
    "một": 1,
    "mốt": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "tư": 4,
    "năm": 5,
    "lăm": 5,
    "nhăm": 5,
    "sáu": 6,
    "bảy": 7,
    "bẩy": 7,
    "tám": 8,
    "chín": 9,
}
_SMALL_SCALES = {"nghìn": 10**3, "ngàn": 10**3, "triệu": 10**6}
_BILLION = ("tỷ", "tỉ")
_SKIP = frozenset({"linh", "lẻ", "đồng", "chẵn", "vnđ", "vnd", "việt", "nam", "./."})
_WORD = _regex.compile(r"[^\W\d_]+")
_MAX_WORDS = 80


def parse_words(text: str) -> int | None:
    """The amount ``text`` spells out, or ``None`` when a word is not a number word."""
    words = _WORD.findall(text.lower())
    if not words or len(words) > _MAX_WORDS:
        return None
    total = segment = chunk = 0
    pending: int | None = None
    seen = False
    for word in words:
        if word in _DIGITS:
            if pending is not None:
                return None  # two digits in a row: not an amount
            pending = _DIGITS[word]
        elif word == "trăm":
            chunk += (pending or 0) * 100
            pending = None
        elif word == "mươi":
            if pending is None:
                return None
            chunk += pending * 10
            pending = None
        elif word == "mười":
            chunk += 10
            pending = None
        elif word in _SMALL_SCALES:
            chunk += pending or 0
            pending = None
            segment += (chunk or 1) * _SMALL_SCALES[word]
            chunk = 0
        elif word in _BILLION:
            chunk += pending or 0
            pending = None
            total = (total + segment + (chunk or (0 if segment else 1))) * 10**9
            segment = chunk = 0
        elif word in _SKIP:
            continue
        else:
            return None
        seen = True
    if not seen:
        return None
    return total + segment + chunk + (pending or 0)


__all__ = ["parse_words"]
