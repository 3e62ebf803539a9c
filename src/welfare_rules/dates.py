"""Dates and ages, in one place: Vietnamese and ISO date forms, celebration-year and exact age.

Dates are written day first in Vietnamese documents (``26/12/2023``, ``ngày 04 tháng 3
năm 2024``) and as ISO in data files and on the command line (``2023-12-26``):
:func:`parse_date` reads both, :func:`parse_vn_date` only the day-first forms, and
:func:`as_date` turns a record's value (a date, a datetime, a string) into a date.

Longevity gifts count age the way the celebrations do: the celebration year minus the
birth year (``calendar_year_age``), which also works for records that hold only a birth
year. Where a rule asks for full years on a date, ``exact_age`` uses dateutil's
``relativedelta`` (a person born on 29 February turns a year older on 28 February in
common years, dateutil's convention); :func:`age_on` is the same count for the engines'
hot paths (no error before the birth: the count is negative), and
:func:`possible_exact_ages` what the exact age can be when only the birth year is known.
"""

from __future__ import annotations

import calendar
import datetime as dt
import unicodedata

from dateutil.relativedelta import relativedelta

from . import _regex
from ._i18n import Catalog, Text
from .errors import DateParseError

_MSG = Catalog(
    "dates",
    {
        "form": Text(
            vi="không có dạng ngày (ví dụ: 26/12/2023, ngày 04 tháng 3 năm 2024)",
            en="not a date (e.g. 26/12/2023, ngày 04 tháng 3 năm 2024)",
        ),
        "form_any": Text(
            vi="không có dạng ngày (ví dụ: 2023-12-26, 26/12/2023, ngày 04 tháng 3 năm 2024)",
            en="not a date (e.g. 2023-12-26, 26/12/2023, ngày 04 tháng 3 năm 2024)",
        ),
        "iso": Text(vi="không phải ngày dạng ISO (YYYY-MM-DD)", en="not an ISO date (YYYY-MM-DD)"),
        "value": Text(
            vi="không phải ngày tháng: giá trị kiểu {type}",
            en="not a date: a value of type {type}",
        ),
        "invalid": Text(vi="ngày không tồn tại: {detail}", en="no such day: {detail}"),
        "order": Text(
            vi="ngày {on} trước ngày sinh {birth}",
            en="the date {on} is before the birth date {birth}",
        ),
    },
)

_NUMERIC = _regex.compile(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})")
_WORDS = _regex.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")
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


def parse_date(text: str) -> dt.date:
    """A date written as ISO (``2023-12-26``) or day first (see :func:`parse_vn_date`).

    ISO is tried first (what :meth:`datetime.date.fromisoformat` reads), so data files
    and command lines keep working as they did; a day-first form is read after that.

    >>> parse_date("2024-02-01"), parse_date("01/02/2024")
    (datetime.date(2024, 2, 1), datetime.date(2024, 2, 1))
    """
    if not isinstance(text, str) or len(text) > _MAX_TEXT:
        raise DateParseError(text, _MSG("form_any"))
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        pass
    try:
        return parse_vn_date(text)
    except DateParseError as exc:
        if exc.reason == _MSG("form"):  # not a day-first form either: say both are read
            raise DateParseError(text, _MSG("form_any")) from None
        raise


def as_date(value: object, *, iso_only: bool = False) -> dt.date:
    """A record's date: a :class:`~datetime.date` as it is, a datetime's calendar day, or a
    string read by :func:`parse_date` (only as ISO with ``iso_only``, as person records
    are); anything else is a :class:`DateParseError`.

    >>> as_date("2024-02-01") == as_date("01/02/2024") == as_date(dt.datetime(2024, 2, 1, 9))
    True
    >>> as_date("01/02/2024", iso_only=True)
    Traceback (most recent call last):
    ...
    welfare_rules.errors.DateParseError: cannot read '01/02/2024' as a date: not an ISO date...
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        if not iso_only:
            return parse_date(value)
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise DateParseError(value, _MSG("iso")) from None
    raise DateParseError(value, _MSG("value", type=type(value).__name__))


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


def age_on(birth_date: dt.date, on: dt.date) -> int:
    """Full years from ``birth_date`` to ``on``, as :func:`exact_age` counts them, and
    negative (never an error) when ``on`` is before the birth; cheap enough for a
    population.

    >>> age_on(dt.date(1952, 2, 29), dt.date(2023, 2, 28))
    71
    >>> age_on(dt.date(2025, 1, 1), dt.date(2024, 6, 1))
    -1
    """
    passed = birthday_passed(birth_date.month, birth_date.day, on=on)
    return on.year - birth_date.year - (not passed)


def birthday_passed(month: int, day: int, *, on: dt.date) -> bool:
    """Whether someone born on ``day``/``month`` has had their birthday in ``on``'s year.

    >>> birthday_passed(2, 29, on=dt.date(2023, 2, 28))
    True
    >>> birthday_passed(3, 1, on=dt.date(2024, 2, 29))
    False
    """
    if month == 2 and day == 29 and not calendar.isleap(on.year):
        day = 28  # dateutil's anniversary of 29 February in a common year
    return (on.month, on.day) >= (month, day)


def possible_exact_ages(birth_year: int, *, on: dt.date) -> tuple[int, ...]:
    """The exact ages on ``on`` of someone born in ``birth_year`` (day unknown): one on
    31 December, else the calendar-year age and the year before.

    >>> possible_exact_ages(1954, on=dt.date(2024, 2, 1))
    (69, 70)
    """
    last = calendar_year_age(birth_year, year=on.year)
    return (last,) if (on.month, on.day) == (12, 31) else (last - 1, last)


__all__ = [
    "age_on",
    "as_date",
    "birthday_passed",
    "calendar_year_age",
    "exact_age",
    "parse_date",
    "parse_vn_date",
    "possible_exact_ages",
]
