"""Dates and ages: Vietnamese date forms, celebration-year age and exact age.

Longevity gifts count age the way the celebrations do: the celebration year minus the
birth year (``calendar_year_age``), which also works for records that hold only a birth
year. Where a rule asks for full years on a date, ``exact_age`` uses dateutil's
``relativedelta`` (a person born on 29 February turns a year older on 28 February in
common years, dateutil's convention).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from dateutil.relativedelta import relativedelta

from ._i18n import Catalog, Text
from .errors import DateParseError

_MSG = Catalog(
    "dates",
    {
        "form": Text(
            vi="không có dạng ngày (ví dụ: 26/12/2023, ngày 04 tháng 3 năm 2024)",
            en="not a date (e.g. 26/12/2023, ngày 04 tháng 3 năm 2024)",
        ),
        "invalid": Text(vi="ngày không tồn tại: {detail}", en="no such day: {detail}"),
        "order": Text(
            vi="ngày {on} trước ngày sinh {birth}",
            en="the date {on} is before the birth date {birth}",
        ),
    },
)

_NUMERIC = re.compile(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})")
_WORDS = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")
_MAX_TEXT = 100


def parse_vn_date(text: str) -> dt.date:
    """A date written day first, as Vietnamese documents do.

    >>> parse_vn_date("26/12/2023")
    datetime.date(2023, 12, 26)
    >>> parse_vn_date("Uông Bí, ngày 04 tháng 3 năm 2024".split(", ")[1])
    datetime.date(2024, 3, 4)
    >>> parse_vn_date("3/1/2024")
    datetime.date(2024, 1, 3)
    """
    if not isinstance(text, str) or len(text) > _MAX_TEXT:
        raise DateParseError(text, _MSG("form"))
    folded = " ".join(unicodedata.normalize("NFC", text).lower().split()).strip(" .,;:()")
    match = _NUMERIC.fullmatch(folded) or _WORDS.fullmatch(folded)
    if match is None:
        raise DateParseError(text, _MSG("form"))
    day, month, year = (int(group) for group in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise DateParseError(text, _MSG("invalid", detail=str(exc))) from exc


def calendar_year_age(birth_year: int, *, year: int) -> int:
    """The age celebrated in ``year``: ``year - birth_year`` (may be negative).

    >>> calendar_year_age(1954, year=2024)
    70
    """
    return year - birth_year


def exact_age(birth_date: dt.date, *, on: dt.date) -> int:
    """Full years from ``birth_date`` to ``on``; an error if ``on`` is before the birth.

    >>> exact_age(dt.date(1954, 3, 1), on=dt.date(2024, 2, 29))
    69
    >>> exact_age(dt.date(1954, 3, 1), on=dt.date(2024, 3, 1))
    70
    """
    if on < birth_date:
        raise DateParseError(on.isoformat(), _MSG("order", on=on, birth=birth_date))
    return relativedelta(on, birth_date).years


__all__ = ["calendar_year_age", "exact_age", "parse_vn_date"]
