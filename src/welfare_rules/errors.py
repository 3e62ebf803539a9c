"""Every public exception of welfare_rules.

Each subclasses :class:`WelfareRulesError` and the matching built-in (``ValueError``,
``TypeError``, ``LookupError``), carries the offending value as attributes, and has its
message in Vietnamese and English (``err.text.vi``, ``err.text.en``; ``str(err)`` is the
English one).
"""

from __future__ import annotations

import datetime as dt
import decimal
import math
import reprlib

from ._i18n import Catalog, Lang, Text

_QUOTE_LIMIT = 80
_SHORT_INT = 10**60  # ints of up to 60 digits are quoted in full
_REPR_FAILED = "<{kind}>"

_MSG = Catalog(
    "errors",
    {
        "deep": Text(
            vi="{what} lồng nhau {depth} tầng, quá giới hạn {limit} tầng",
            en="{what} nested {depth} levels deep, more than the limit of {limit}",
        ),
        "deeper": Text(
            vi="{what} lồng nhau quá giới hạn {limit} tầng",
            en="{what} nested more than the limit of {limit} levels",
        ),
        "large": Text(
            vi="{what} dài {size} {unit}, quá giới hạn {limit} {unit}",
            en="{what} is {size} {unit} long, more than the limit of {limit} {unit}",
        ),
        "larger": Text(
            vi="{what} dài hơn giới hạn {limit} {unit}",
            en="{what} is longer than the limit of {limit} {unit}",
        ),
        "line": Text(vi="dòng {line}: {reason}", en="line {line}: {reason}"),
        "setting": Text(
            vi="giá trị {value} của {name} không hợp lệ: {reason}",
            en="invalid value {value} for {name}: {reason}",
        ),
    },
)


def approximate_int(number: int) -> str:
    """A huge ``int`` as ``≈1.234e4999``: never fails, whatever its size.

    Python refuses ``str()`` of an ``int`` beyond 4.300 digits (a ``ValueError``), and a
    figure of a million digits would make a million-character message; this form is
    short and language-neutral. Ints of up to 60 digits are written in full.

    >>> approximate_int(12345)
    '12345'
    >>> approximate_int(10**5000 * 3)
    '≈3.000e5000'
    """
    if -_SHORT_INT < number < _SHORT_INT:
        return str(number)
    sign = "-" if number < 0 else ""
    exponent_float = math.log10(abs(number))
    exponent = math.floor(exponent_float)
    mantissa = 10 ** (exponent_float - exponent)
    if mantissa >= 9.9995:  # rounding would print 10.000
        mantissa, exponent = 1.0, exponent + 1
    return f"{sign}≈{mantissa:.3f}e{exponent}"


class _BoundedRepr(reprlib.Repr):
    """``reprlib`` with ints that never fail and a depth bound (no ``RecursionError``)."""

    def __init__(self) -> None:
        super().__init__()
        self.maxlevel = 4
        self.maxstring = _QUOTE_LIMIT
        self.maxother = _QUOTE_LIMIT
        self.maxlong = _QUOTE_LIMIT
        self.maxdict = self.maxlist = self.maxtuple = self.maxset = 8

    def repr_int(self, x: int, level: int) -> str:
        return approximate_int(x)

    def repr_bool(self, x: bool, level: int) -> str:
        return repr(x)

    def repr_instance(self, x: object, level: int) -> str:
        try:
            text = repr(x)
        except Exception:  # a repr that fails (too deep, too large) must not hide the error
            return _REPR_FAILED.format(kind=type(x).__name__)
        if len(text) > self.maxother:
            return f"{text[: self.maxother - 12]}…{text[-8:]}"
        return text


_REPR = _BoundedRepr()


def quote(value: object) -> str:
    """``repr(value)``, shortened so that a 1 MB input does not make a 1 MB message.

    Never raises and does bounded work: a long string is cut before it is quoted (its
    length is given), an ``int`` beyond 60 digits is written ``≈1.234e4999`` (Python
    refuses ``str()`` past 4.300 digits), and nested lists and dicts are shown to a
    depth of four (``[[[[[...]]]]]`` never recurses).

    >>> quote("600.000đ")
    "'600.000đ'"
    >>> quote("1" * 1_000_000)
    "'111111111111111111111111111111111111111111111111111111111111…111111111111' (1000000 chars)"
    """
    if isinstance(value, str):
        if len(value) <= _QUOTE_LIMIT:
            text = repr(value)
            if len(text) <= _QUOTE_LIMIT:
                return text
        head, tail = repr(value[:60])[:-1], repr(value[-12:])[1:]
        return f"{head}…{tail} ({len(value)} chars)"
    if isinstance(value, int) and not isinstance(value, bool):
        return approximate_int(value)
    try:
        text = _REPR.repr(value)
    except Exception:  # quoting is for messages: it must never fail
        return _REPR_FAILED.format(kind=type(value).__name__)
    if len(text) <= _QUOTE_LIMIT * 2:
        return text
    return f"{text[: _QUOTE_LIMIT - 20]}…{text[-12:]} ({len(text)} chars)"


class WelfareRulesError(Exception):
    """Base class of every error the library raises on purpose."""

    text: Text

    def __init__(self, text: Text) -> None:
        super().__init__(text.en)
        self.text = text

    def localized(self, lang: Lang) -> str:
        """The message in ``lang``."""
        return self.text.get(lang)


class _UnreadableError(WelfareRulesError, ValueError):
    """Shared shape of the 'cannot read this value as …' errors below."""

    _as = Text(vi="giá trị", en="a value")

    def __init__(self, value: object, reason: Text) -> None:
        self.value = value
        self.reason = reason
        WelfareRulesError.__init__(  # not super(): MoneyTextRangeError has two bases
            self,
            Text(
                vi=f"không đọc được {quote(value)} thành {self._as.vi}: {reason.vi}",
                en=f"cannot read {quote(value)} as {self._as.en}: {reason.en}",
            ),
        )


class MoneyParseError(_UnreadableError):
    """Text that is not a whole, non-negative amount of đồng."""

    _as = Text(vi="số tiền VND", en="an amount of VND")


class MoneyRangeError(WelfareRulesError, ValueError):
    """A whole amount outside the range an operation supports (e.g. spelling out)."""

    def __init__(self, value: int, reason: Text) -> None:
        self.value = value
        self.reason = reason
        super().__init__(reason)


class MoneyTextRangeError(MoneyParseError, MoneyRangeError):  # type: ignore[misc]  # value: the text
    """Text that reads as an amount outside the supported range (beyond 10^18 đồng).

    Both a :class:`MoneyParseError` (the text cannot be used as an amount, so code that
    reads text and catches parse errors lists it as not understood) and a
    :class:`MoneyRangeError`; ``value`` is the text, ``amount`` the amount it reads as.
    """

    def __init__(self, value: object, reason: Text, *, amount: int) -> None:
        MoneyParseError.__init__(self, value, reason)
        self.amount = amount


class MoneyTypeError(WelfareRulesError, TypeError):
    """A value of the wrong type used as money (a float, above all)."""

    def __init__(self, value: object) -> None:
        self.value = value
        kind = type(value).__name__
        super().__init__(
            Text(
                vi=f"số tiền phải là số nguyên đồng (int), không phải {kind}: {quote(value)}",
                en=f"money must be a whole number of đồng (int), not {kind}: {quote(value)}",
            )
        )


class DateParseError(_UnreadableError):
    """Text that is not a calendar date as Vietnamese documents write one."""

    _as = Text(vi="ngày tháng", en="a date")


class UnknownFundingSourceError(_UnreadableError):
    """A phrase that names no funding source, or several."""

    _as = Text(vi="nguồn kinh phí", en="a funding source")


class MissingExtraError(WelfareRulesError, ImportError):
    """An optional extra (pandas, matplotlib) that a feature needs is not installed."""

    def __init__(self, module: str, text: Text) -> None:
        self.module = module
        super().__init__(text)


class RuleDataError(WelfareRulesError, ValueError):
    """A ruleset file or model that breaks the rules of rule data.

    ``file`` is the file (or ``None`` for data built in Python), ``path`` the key path
    such as ``programme[2].level[0].amount``, ``line`` the line when TOML gives one.
    """

    def __init__(
        self,
        reason: Text,
        *,
        file: str | None = None,
        path: str = "",
        line: int | None = None,
        value: object = None,
    ) -> None:
        self.reason = reason
        self.file = file
        self.path = path
        self.line = line
        self.value = value
        where = file or "<data>"
        if line is not None:
            where += f":{line}"
        at_vi = f" tại {_short_path(path)}" if path else ""
        at_en = f" at {_short_path(path)}" if path else ""
        super().__init__(
            Text(
                vi=f"{where}: dữ liệu quy định sai{at_vi}: {reason.vi}",
                en=f"{where}: bad rule data{at_en}: {reason.en}",
            )
        )


class UnknownRulesetError(WelfareRulesError, LookupError):
    """A ruleset id that is neither bundled nor an existing file."""

    def __init__(self, value: str, known: tuple[str, ...]) -> None:
        self.value = value
        self.known = known
        listed = ", ".join(known)
        super().__init__(
            Text(
                vi=f"không có bộ quy định {quote(value)}; các bộ có sẵn: {listed}",
                en=f"no ruleset {quote(value)}; bundled rulesets: {listed}",
            )
        )

    def __str__(self) -> str:  # LookupError would show the repr of the args
        return self.text.en


class RulesetPeriodError(WelfareRulesError, ValueError):
    """A date outside the period a ruleset applies to (``start``/``end``: ``None`` is open)."""

    def __init__(
        self, ruleset: str, on: object, *, start: object = None, end: object = None
    ) -> None:
        self.ruleset = ruleset
        self.value = on
        self.start = start
        self.end = end
        period = f"{start or '…'} – {end or '…'}"
        super().__init__(
            Text(
                vi=f"bộ quy định {quote(ruleset)} không áp dụng ngày {on} (áp dụng {period})",
                en=f"ruleset {quote(ruleset)} does not apply on {on} (it applies {period})",
            )
        )


class EditSyntaxError(WelfareRulesError, ValueError):
    """An edit expression that cannot be parsed; ``column`` is 1-based.

    The message shows the expression with a caret under the column; a long expression
    is shown as a window of about 70 characters around the column.
    """

    def __init__(self, expression: str, column: int, reason: Text) -> None:
        self.expression = expression
        self.column = column
        self.reason = reason
        shown, caret = _window(expression, column)
        pointer = f"\n    {shown}\n    {' ' * caret}^"
        super().__init__(
            Text(
                vi=f"biểu thức kiểm tra sai ở cột {column}: {reason.vi}{pointer}",
                en=f"bad edit expression at column {column}: {reason.en}{pointer}",
            )
        )


_WINDOW = 70
_PATH_LIMIT = 200


def _short_path(path: str) -> str:
    """A key path for a message: a path 1.000 levels deep is cut in the middle."""
    if len(path) <= _PATH_LIMIT:
        return path
    return f"{path[:80]}…{path[-(_PATH_LIMIT - 81) :]}"


def _window(expression: str, column: int) -> tuple[str, int]:
    """The part of a one-line ``expression`` shown around ``column``, and the caret's
    offset in it."""
    if len(expression) <= _WINDOW:
        return expression, max(column - 1, 0)
    start = min(max(column - 1 - _WINDOW // 2, 0), len(expression) - _WINDOW)
    shown = expression[start : start + _WINDOW]
    caret = column - 1 - start
    if start > 0:
        shown, caret = "…" + shown, caret + 1
    if start + _WINDOW < len(expression):
        shown += "…"
    return shown, max(caret, 0)


class InputLimitError(WelfareRulesError, ValueError):
    """Input beyond one of the documented limits (see ``docs/limits.md``).

    ``what`` names the input (a file, "JSON", "TOML" …; a :class:`Text` when the name
    itself needs translating), ``limit`` the limit and
    ``actual`` the measured size or depth (``None`` when the reader stopped as soon as the
    limit was passed). ``line`` is the 1-based line where it was passed, when known.
    """

    def __init__(
        self,
        text: Text,
        *,
        what: str | Text,
        limit: int,
        actual: int | None,
        line: int | None = None,
    ) -> None:
        self.what = what
        self.limit = limit
        self.actual = actual
        self.line = line
        if line is not None:
            text = _MSG("line", line=line, reason=text)
        super().__init__(text)


class NestingDepthError(InputLimitError):
    """JSON, TOML or a report tree nested deeper than the limit (never a ``RecursionError``)."""

    def __init__(
        self,
        *,
        what: str | Text,
        limit: int,
        depth: int | None = None,
        line: int | None = None,
    ) -> None:
        if depth is None:
            text = _MSG("deeper", what=what, limit=limit)
        else:
            text = _MSG("deep", what=what, depth=depth, limit=limit)
        super().__init__(text, what=what, limit=limit, actual=depth, line=line)
        self.depth = depth


_UNITS = {
    "bytes": Text(vi="byte", en="bytes"),
    "characters": Text(vi="ký tự", en="characters"),
    "digits": Text(vi="chữ số", en="digits"),
}


class InputSizeError(InputLimitError):
    """A file, a text, a line or a number larger than the limit.

    ``unit`` is ``"bytes"``, ``"characters"`` or ``"digits"``; ``size`` (also ``actual``)
    is ``None`` when reading stopped at the limit without measuring the rest.
    """

    def __init__(
        self,
        *,
        what: str | Text,
        limit: int,
        size: int | None = None,
        unit: str = "bytes",
        line: int | None = None,
    ) -> None:
        units = _UNITS.get(unit, Text(vi=unit, en=unit))
        if size is None:
            text = _MSG("larger", what=what, limit=limit, unit=units)
        else:
            text = _MSG("large", what=what, size=size, limit=limit, unit=units)
        super().__init__(text, what=what, limit=limit, actual=size, line=line)
        self.size = size
        self.unit = unit


class SettingError(WelfareRulesError, ValueError):
    """A setting (an environment variable, an option) with a value that cannot be used."""

    def __init__(self, name: str, value: object, reason: Text) -> None:
        self.name = name
        self.value = value
        self.reason = reason
        super().__init__(_MSG("setting", name=name, value=quote(value), reason=reason))


class _DataError(WelfareRulesError, ValueError):
    """Shared shape of the 'bad input data at a path' errors below."""

    _what = Text(vi="dữ liệu", en="data")

    def __init__(self, reason: Text, *, path: str = "", value: object = None) -> None:
        self.reason = reason
        self.path = path
        self.value = value
        at_vi = f" tại {_short_path(path)}" if path else ""
        at_en = f" at {_short_path(path)}" if path else ""
        super().__init__(
            Text(
                vi=f"{self._what.vi} không hợp lệ{at_vi}: {reason.vi}",
                en=f"invalid {self._what.en}{at_en}: {reason.en}",
            )
        )

    def __reduce__(self) -> tuple[object, ...]:
        """Pickled as its reason, path and value (a Dask worker raises it in another
        process): ``Exception`` would rebuild it from its English message alone. A value
        that may not pickle travels as its quoted text."""
        value = self.value
        if not isinstance(value, _PLAIN_VALUES):
            value = quote(value)
        return (_rebuild_data_error, (type(self), self.reason, self.path, value))


_PLAIN_VALUES = (type(None), str, int, float, bool, dt.date, dt.time, decimal.Decimal)


def _rebuild_data_error(
    cls: type[_DataError], reason: Text, path: str, value: object
) -> _DataError:
    return cls(reason, path=path, value=value)


class ReportDataError(_DataError):
    """A report tree (or report file) that cannot be used."""

    _what = Text(vi="báo cáo", en="report")


class PersonDataError(_DataError):
    """A person record that cannot be used."""

    _what = Text(vi="hồ sơ đối tượng", en="person record")


class ReformError(_DataError):
    """A reform that does not fit the ruleset it is applied to."""

    _what = Text(vi="phương án thay đổi", en="reform")


class AllocationError(WelfareRulesError, ValueError):
    """An allocation that cannot be used as asked: two that cannot be added (another
    ruleset, date or set of levels, a row in both), a bad ``row_offset``, or per-person
    results asked of an allocation made without them."""

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.text,))


class DocumentReadError(WelfareRulesError, ValueError):
    """A file the auditor cannot read: unknown format, bad encoding, damaged, encrypted,
    a scan without text, too large. ``path`` names the file, ``reason`` says why."""

    def __init__(self, path: str, reason: Text) -> None:
        self.path = path
        self.reason = reason
        super().__init__(
            Text(
                vi=f"không đọc được {quote(path)}: {reason.vi}",
                en=f"cannot read {quote(path)}: {reason.en}",
            )
        )


__all__ = [
    "AllocationError",
    "DateParseError",
    "DocumentReadError",
    "EditSyntaxError",
    "InputLimitError",
    "InputSizeError",
    "MissingExtraError",
    "MoneyParseError",
    "MoneyRangeError",
    "MoneyTextRangeError",
    "MoneyTypeError",
    "NestingDepthError",
    "PersonDataError",
    "ReformError",
    "ReportDataError",
    "RuleDataError",
    "RulesetPeriodError",
    "SettingError",
    "UnknownFundingSourceError",
    "UnknownRulesetError",
    "WelfareRulesError",
    "approximate_int",
    "quote",
]
