"""Tests of welfare_rules.errors: the hierarchy, the attributes, both languages."""

from __future__ import annotations

import pytest

from welfare_rules import errors
from welfare_rules._i18n import Text

REASON = Text(vi="lý do", en="reason")


@pytest.mark.parametrize(
    ("error", "builtin"),
    [
        (errors.MoneyParseError("x", REASON), ValueError),
        (errors.MoneyTypeError(1.5), TypeError),
        (errors.MoneyRangeError(-1, REASON), ValueError),
        (errors.MissingExtraError("pandas", REASON), ImportError),
        (errors.DateParseError("x", REASON), ValueError),
        (errors.UnknownFundingSourceError("x", REASON), ValueError),
        (errors.RuleDataError(REASON, file="a.toml", path="programme[0]", line=3), ValueError),
        (errors.UnknownRulesetError("nope", ("a", "b")), LookupError),
        (errors.EditSyntaxError("a + ", 5, REASON), ValueError),
        (errors.ReportDataError(REASON, path="nodes[0]"), ValueError),
        (errors.PersonDataError(REASON, path="birth_year"), ValueError),
        (errors.ReformError(REASON, path="programme"), ValueError),
    ],
)
def test_each_error_subclasses_base_and_builtin(error: Exception, builtin: type) -> None:
    assert isinstance(error, errors.WelfareRulesError)
    assert isinstance(error, builtin)
    assert isinstance(error, errors.WelfareRulesError)
    vi, en = error.localized("vi"), error.localized("en")
    assert vi
    assert en
    assert vi != en
    assert str(error) == en


def test_rule_data_error_names_file_line_and_path() -> None:
    error = errors.RuleDataError(REASON, file="x.toml", path="programme[2].level[0].amount", line=7)
    assert str(error).startswith("x.toml:7: ")
    assert "programme[2].level[0].amount" in str(error)
    assert (error.file, error.line, error.path) == ("x.toml", 7, "programme[2].level[0].amount")


def test_edit_syntax_error_points_at_column() -> None:
    error = errors.EditSyntaxError("a + * b", 5, REASON)
    assert error.column == 5
    assert str(error).endswith("a + * b\n        ^")


def test_quote_shortens_huge_values() -> None:
    quoted = errors.quote("1" * 1_000_000)
    assert len(quoted) < 120
    assert "1000002 chars" in quoted


def test_unknown_ruleset_str_is_the_message() -> None:
    assert str(errors.UnknownRulesetError("x", ("a",))) == "no ruleset 'x'; bundled rulesets: a"
