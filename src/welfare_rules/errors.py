"""Every public exception of welfare_rules.

Each subclasses :class:`WelfareRulesError` and the matching built-in (``ValueError``,
``TypeError``, ``LookupError``), carries the offending value as attributes, and has its
message in Vietnamese and English (``err.text.vi``, ``err.text.en``; ``str(err)`` is the
English one).
"""

from __future__ import annotations

from ._i18n import Lang, Text

_QUOTE_LIMIT = 80


def quote(value: object) -> str:
    """``repr(value)``, shortened so that a 1 MB input does not make a 1 MB message."""
    text = repr(value)
    if len(text) <= _QUOTE_LIMIT:
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
        super().__init__(
            Text(
                vi=f"không đọc được {quote(value)} thành {self._as.vi}: {reason.vi}",
                en=f"cannot read {quote(value)} as {self._as.en}: {reason.en}",
            )
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
        at_vi = f" tại {path}" if path else ""
        at_en = f" at {path}" if path else ""
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
                vi=f"không có bộ quy định {value!r}; các bộ có sẵn: {listed}",
                en=f"no ruleset {value!r}; bundled rulesets: {listed}",
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
                vi=f"bộ quy định {ruleset!r} không áp dụng ngày {on} (áp dụng {period})",
                en=f"ruleset {ruleset!r} does not apply on {on} (it applies {period})",
            )
        )


class EditSyntaxError(WelfareRulesError, ValueError):
    """An edit expression that cannot be parsed; ``column`` is 1-based."""

    def __init__(self, expression: str, column: int, reason: Text) -> None:
        self.expression = expression
        self.column = column
        self.reason = reason
        pointer = f"\n    {expression}\n    {' ' * (column - 1)}^"
        super().__init__(
            Text(
                vi=f"biểu thức kiểm tra sai ở cột {column}: {reason.vi}{pointer}",
                en=f"bad edit expression at column {column}: {reason.en}{pointer}",
            )
        )


class _DataError(WelfareRulesError, ValueError):
    """Shared shape of the 'bad input data at a path' errors below."""

    _what = Text(vi="dữ liệu", en="data")

    def __init__(self, reason: Text, *, path: str = "", value: object = None) -> None:
        self.reason = reason
        self.path = path
        self.value = value
        at_vi = f" tại {path}" if path else ""
        at_en = f" at {path}" if path else ""
        super().__init__(
            Text(
                vi=f"{self._what.vi} không hợp lệ{at_vi}: {reason.vi}",
                en=f"invalid {self._what.en}{at_en}: {reason.en}",
            )
        )


class ReportDataError(_DataError):
    """A report tree (or report file) that cannot be used."""

    _what = Text(vi="báo cáo", en="report")


class PersonDataError(_DataError):
    """A person record that cannot be used."""

    _what = Text(vi="hồ sơ đối tượng", en="person record")


class ReformError(_DataError):
    """A reform that does not fit the ruleset it is applied to."""

    _what = Text(vi="phương án thay đổi", en="reform")


__all__ = [
    "DateParseError",
    "EditSyntaxError",
    "MissingExtraError",
    "MoneyParseError",
    "MoneyRangeError",
    "MoneyTypeError",
    "PersonDataError",
    "ReformError",
    "ReportDataError",
    "RuleDataError",
    "RulesetPeriodError",
    "UnknownFundingSourceError",
    "UnknownRulesetError",
    "WelfareRulesError",
    "quote",
]
