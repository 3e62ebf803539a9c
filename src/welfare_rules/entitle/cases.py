"""Rule tests as data: TOML case files (person, date → gifts, undetermined inputs) and their run.

A case file is what a policy expert can read and check (OpenFisca's YAML tests are the
model): the ruleset it tests, then one ``[[case]]`` table per case with the date, the
person record and what the rules give. ``gifts`` lists every gift in programme order;
``undetermined`` every undetermined item; each entry names its ``programme`` and only the
keys it states are compared (``level``, ``amount``, ``confirmed``, ``in_kind_value`` for a
gift; ``missing``, ``possible``, ``cause`` for an undetermined item). A key left out is not
checked; an entry left out is a failure (nothing extra passes unnoticed). ``error`` instead
says the case must be refused: the key path of the person-data error (``"selections"``),
or the error's class name when it has none (``"RulesetPeriodError"`` outside the period).

>>> cases = loads_cases('''
... ruleset = "vn-longevity"
... [[case]]
... name = "centenarian in 2015"
... on = 2015-03-01
... person = { birth_year = 1915 }
... gifts = [{ programme = "president-longevity", amount = 500000 }]
... ''')
>>> [outcome.passed for outcome in run_cases(cases)]
[True]

The bundled rulesets ship their case files beside them (``rules/data/<id>.cases.toml``,
:func:`bundled_case_files`); ``welfare-rules test`` runs them and any others.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from .._i18n import Catalog, Lang, Text
from .._limits import load_toml, read_bytes
from ..errors import InputLimitError, RuleDataError, WelfareRulesError, quote
from ..rules.load import load_ruleset
from ..rules.model import Ruleset
from .engine import entitlements
from .results import Entitlement, Item, Undetermined

CASES_SUFFIX = ".cases.toml"

_GIFT_KEYS = ("level", "amount", "confirmed", "in_kind_value")
_UNDETERMINED_KEYS = ("missing", "possible", "cause")

_MSG = Catalog(
    "entitle.cases",
    {
        "syntax": Text(vi="lỗi cú pháp TOML: {detail}", en="TOML syntax error: {detail}"),
        "read": Text(vi="không đọc được tệp: {detail}", en="cannot read the file: {detail}"),
        "shape": Text(
            vi="tệp ca kiểm thử cần 'ruleset' (mã hoặc đường dẫn) và ít nhất một [[case]] "
            "có 'on' (ngày) và 'person'",
            en="a case file needs 'ruleset' (an id or a path) and at least one [[case]] with "
            "'on' (a date) and 'person'",
        ),
        "entry": Text(
            vi="mục {what}[{index}] cần 'programme' và chỉ các khóa {known}",
            en="entry {what}[{index}] needs 'programme' and only the keys {known}",
        ),
        "case_key": Text(
            vi="ca {index}: khóa không dùng được {value} (có: name, on, person, gifts, "
            "undetermined, error)",
            en="case {index}: unknown key {value} (known: name, on, person, gifts, "
            "undetermined, error)",
        ),
        "pass": Text(vi="ĐẠT", en="PASS"),
        "fail": Text(vi="SAI", en="FAIL"),
        "expected": Text(vi="mong đợi", en="expected"),
        "actual": Text(vi="thực tế", en="actual"),
        "refused": Text(vi="bị từ chối: {reason}", en="refused: {reason}"),
        "not_refused": Text(
            vi="mong đợi lỗi dữ liệu ở {path!r}, nhưng ca được tính",
            en="expected a data error at {path!r}, but the case was computed",
        ),
        "summary": Text(
            vi="{passed}/{total} ca đạt, {failed} ca sai",
            en="{passed}/{total} cases passed, {failed} failed",
        ),
    },
)


@dataclass(frozen=True)
class Case:
    """One case: a person on a date under a ruleset, and what the rules must give."""

    file: str
    index: int
    name: str
    on: dt.date
    person: Mapping[str, Any]
    gifts: tuple[Mapping[str, Any], ...]
    undetermined: tuple[Mapping[str, Any], ...]
    error: str | None
    ruleset: Ruleset

    @property
    def title(self) -> str:
        """``file: case 2 'name' (2015-03-01)``."""
        return f"{self.file}: [{self.index}] {self.name!r} ({self.on.isoformat()})"


@dataclass(frozen=True)
class Outcome:
    """A case's result: passed, or the lines of a readable diff (expected → actual)."""

    case: Case
    passed: bool
    diff: tuple[str, ...] = ()

    def describe(self, lang: Lang = "vi") -> list[str]:
        """``PASS …`` or ``FAIL …`` followed by the diff, indented."""
        head = _MSG("pass" if self.passed else "fail").get(lang)
        return [f"{head} {self.case.title}", *(f"    {line}" for line in self.diff)]


def _fail(reason: Text, file: str, path: str = "") -> RuleDataError:
    return RuleDataError(reason, file=file, path=path)


def load_cases(path: str | os.PathLike[str]) -> list[Case]:
    """The cases of a case file (its ruleset resolved relative to the file)."""
    name = os.fspath(path)
    try:
        raw = read_bytes(path).decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(_MSG("read", detail=str(exc)), name) from exc
    return loads_cases(raw, file=name, base=Path(path).parent)


def loads_cases(
    text: str, *, file: str = "<cases>", base: str | os.PathLike[str] | None = None
) -> list[Case]:
    """The cases of case-file text; ``base`` anchors a ruleset given as a relative path."""
    try:
        data = load_toml(text, what=file)
    except tomllib.TOMLDecodeError as exc:
        raise _fail(_MSG("syntax", detail=str(exc)), file) from exc
    except InputLimitError as exc:
        raise _fail(exc.text, file) from exc
    ref, raw_cases = data.get("ruleset"), data.get("case")
    if not isinstance(ref, str) or not isinstance(raw_cases, list) or not raw_cases:
        raise _fail(_MSG("shape"), file)
    ruleset = _ruleset(ref, base)
    return [_case(item, index, file=file, ruleset=ruleset) for index, item in enumerate(raw_cases)]


def _ruleset(ref: str, base: str | os.PathLike[str] | None) -> Ruleset:
    if ref.endswith(".toml") and base is not None and not Path(ref).is_absolute():
        return load_ruleset(Path(base) / ref)
    return load_ruleset(ref)


def _case(item: object, index: int, *, file: str, ruleset: Ruleset) -> Case:
    at = f"case[{index}]"
    if not isinstance(item, dict) or not isinstance(item.get("on"), dt.date):
        raise _fail(_MSG("shape"), file, at)
    if not isinstance(item.get("person"), dict):
        raise _fail(_MSG("shape"), file, f"{at}.person")
    unknown = set(item) - {"name", "on", "person", "gifts", "undetermined", "error"}
    if unknown:
        raise _fail(_MSG("case_key", index=index, value=quote(sorted(unknown))), file, at)
    on = item["on"]
    if isinstance(on, dt.datetime):
        on = on.date()
    error = item.get("error")
    return Case(
        file=file,
        index=index,
        name=str(item.get("name", f"case {index}")),
        on=on,
        person=item["person"],
        gifts=_entries(item.get("gifts", []), "gifts", _GIFT_KEYS, file=file, at=at),
        undetermined=_entries(
            item.get("undetermined", []), "undetermined", _UNDETERMINED_KEYS, file=file, at=at
        ),
        error=str(error) if error is not None else None,
        ruleset=ruleset,
    )


def _entries(
    raw: object, what: str, keys: tuple[str, ...], *, file: str, at: str
) -> tuple[Mapping[str, Any], ...]:
    entries = raw if isinstance(raw, list) else [raw]
    for index, entry in enumerate(entries):
        if (
            not isinstance(entry, dict)
            or not isinstance(entry.get("programme"), str)
            or set(entry) - {"programme", *keys}
        ):
            text = _MSG("entry", what=what, index=index, known=", ".join(("programme", *keys)))
            raise _fail(text, file, f"{at}.{what}[{index}]")
    return tuple(entries)


def _value(item: Item, key: str) -> object:
    if key == "in_kind_value":
        return sum(k.value or 0 for k in item.in_kind) if isinstance(item, Entitlement) else None
    value = getattr(item, key, None)
    return list(value) if isinstance(value, tuple) else value


def _line(kind: str, programme: str, values: Iterable[tuple[str, object]]) -> str:
    parts = [f"{key}={_show(value)}" for key, value in values]
    return " ".join([kind, programme, *parts])


def _show(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    return str(value)


def _lines(
    expected: Sequence[Mapping[str, Any]], actual: Sequence[Item], kind: str
) -> tuple[list[str], list[str]]:
    """The expected entries and the actual items as lines, each actual item shown with the
    keys its expected counterpart states (all keys when it has none)."""
    keys = _GIFT_KEYS if kind == "gift" else _UNDETERMINED_KEYS
    wanted = [_line(kind, e["programme"], ((k, e[k]) for k in keys if k in e)) for e in expected]
    got = []
    for position, item in enumerate(actual):
        shown: tuple[str, ...] = keys
        if position < len(expected) and expected[position]["programme"] == item.programme:
            shown = tuple(k for k in keys if k in expected[position])
        got.append(_line(kind, item.programme, ((k, _value(item, k)) for k in shown)))
    return wanted, got


def run_case(case: Case) -> Outcome:
    """Run one case: compute the entitlements and compare them with what it expects."""
    try:
        items = entitlements(dict(case.person), case.ruleset, on=case.on)
    except WelfareRulesError as exc:
        path = getattr(exc, "path", None) or type(exc).__name__
        if case.error is not None and path == case.error:
            return Outcome(case, True)
        return Outcome(case, False, (_MSG("refused", reason=exc.text).en,))
    if case.error is not None:
        return Outcome(case, False, (_MSG("not_refused", path=case.error).en,))
    gifts = [i for i in items if isinstance(i, Entitlement)]
    open_ = [i for i in items if isinstance(i, Undetermined)]
    want_g, got_g = _lines(case.gifts, gifts, "gift")
    want_u, got_u = _lines(case.undetermined, open_, "undetermined")
    wanted, got = want_g + want_u, got_g + got_u
    if wanted == got:
        return Outcome(case, True)
    diff = difflib.unified_diff(
        wanted,
        got,
        fromfile=_MSG("expected").en,
        tofile=_MSG("actual").en,
        lineterm="",
        n=len(wanted) + len(got),
    )
    return Outcome(case, False, tuple(diff))


def run_cases(cases: Iterable[Case]) -> list[Outcome]:
    """Every case's outcome, in order."""
    return [run_case(case) for case in cases]


def summary(outcomes: Sequence[Outcome], *, lang: Lang = "vi") -> str:
    """``12/12 cases passed, 0 failed``."""
    passed = sum(o.passed for o in outcomes)
    text = _MSG("summary", passed=passed, total=len(outcomes), failed=len(outcomes) - passed)
    return text.get(lang)


def bundled_case_files() -> list[Path]:
    """The case files shipped beside the bundled rulesets, sorted."""
    folder = resources.files("welfare_rules.rules").joinpath("data")
    return sorted(
        Path(str(entry))
        for entry in folder.iterdir()
        if entry.is_file() and entry.name.endswith(CASES_SUFFIX)
    )


__all__ = [
    "CASES_SUFFIX",
    "Case",
    "Outcome",
    "bundled_case_files",
    "load_cases",
    "loads_cases",
    "run_case",
    "run_cases",
    "summary",
]
