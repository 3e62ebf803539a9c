"""Tests of welfare_rules.errors: the hierarchy, the attributes, both languages."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

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
        (errors.MoneyTextRangeError("1 tỷ tỷ tỷ", REASON, amount=10**27), ValueError),
        (errors.NestingDepthError(what="JSON", limit=1, depth=2), ValueError),
        (errors.InputSizeError(what="x", limit=1, size=2), ValueError),
        (errors.SettingError("WELFARE_RULES_MAX_INPUT_BYTES", "lots", REASON), ValueError),
        (errors.AllocationError(REASON), ValueError),
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
    assert "1000000 chars" in quoted
    assert quoted.startswith("'111")


def _nested(depth: int) -> list[object]:
    outer: list[object] = []
    inner = outer
    for _ in range(depth):
        child: list[object] = []
        inner.append(child)
        inner = child
    return outer


@pytest.mark.parametrize(
    "value",
    [
        10**5000,  # str() refuses ints beyond 4.300 digits
        -(10**100_000),
        _nested(100_000),  # repr() would raise RecursionError
        {"nodes": [{"children": _nested(5000)}]},
        b"x" * 1_000_000,
        ["1" * 1_000_000] * 3,
        {str(i): i for i in range(10_000)},
    ],
    ids=["1e5000", "-1e100000", "nested", "tree", "bytes", "strings", "dict"],
)
def test_quote_never_fails_and_stays_short(value: object) -> None:
    assert len(errors.quote(value)) <= 200


def test_quote_keeps_short_values_exact() -> None:
    assert errors.quote("600.000đ") == "'600.000đ'"
    assert errors.quote(600_000) == "600000"
    assert errors.quote(600000.0) == "600000.0"
    assert errors.quote(None) == "None"
    assert errors.quote({"a": [1, 2]}) == "{'a': [1, 2]}"


def test_quote_of_an_object_whose_repr_fails() -> None:
    class Broken:
        def __repr__(self) -> str:
            raise RuntimeError("no")

    assert errors.quote(Broken()) == "<Broken>"
    assert errors.quote([Broken()]) == "[<Broken>]"


def test_approximate_int() -> None:
    assert errors.approximate_int(10**60 - 1) == "9" * 60
    assert errors.approximate_int(10**60) == "≈1.000e60"
    assert errors.approximate_int(10**61) == "≈1.000e61"
    assert errors.approximate_int(-(10**5000) * 25) == "-≈2.500e5001"
    assert errors.approximate_int(10**70 - 1) == "≈1.000e70"


def test_money_text_range_error_is_both_a_parse_and_a_range_error() -> None:
    error = errors.MoneyTextRangeError("1 tỷ tỷ tỷ", REASON, amount=10**27)
    assert isinstance(error, errors.MoneyParseError)
    assert isinstance(error, errors.MoneyRangeError)
    assert (error.value, error.amount, error.reason) == ("1 tỷ tỷ tỷ", 10**27, REASON)
    assert str(error) == "cannot read '1 tỷ tỷ tỷ' as an amount of VND: reason"


def test_limit_errors() -> None:
    deep = errors.NestingDepthError(what="JSON", limit=100, depth=101, line=3)
    assert isinstance(deep, errors.InputLimitError)
    assert isinstance(deep, ValueError)
    assert str(deep) == "line 3: JSON nested 101 levels deep, more than the limit of 100"
    assert deep.text.vi == "dòng 3: JSON lồng nhau 101 tầng, quá giới hạn 100 tầng"
    assert (deep.depth, deep.actual, deep.limit, deep.line) == (101, 101, 100, 3)
    deeper = errors.NestingDepthError(what="TOML", limit=100)
    assert str(deeper) == "TOML nested more than the limit of 100 levels"
    size = errors.InputSizeError(what="report.txt", limit=10, size=11)
    assert str(size) == "report.txt is 11 bytes long, more than the limit of 10 bytes"
    assert "11 byte" in size.text.vi
    larger = errors.InputSizeError(what="/dev/zero", limit=10, unit="characters")
    assert str(larger) == "/dev/zero is longer than the limit of 10 characters"
    assert larger.size is None
    assert "ký tự" in larger.text.vi
    number = errors.InputSizeError(
        what=Text(vi="một số trong JSON", en="a number in JSON"), limit=100, unit="digits"
    )
    assert str(number) == "a number in JSON is longer than the limit of 100 digits"
    assert number.text.vi == "một số trong JSON dài hơn giới hạn 100 chữ số"


def test_edit_syntax_error_shows_a_window_of_a_long_expression() -> None:
    expression = "a + " * 2_000 + "* b"
    error = errors.EditSyntaxError(expression, 8_001, REASON)
    shown, pointer = str(error).splitlines()[1:]
    assert len(shown) < 100
    assert shown.strip().startswith("…")
    assert shown[pointer.index("^")] == "*"


def test_unknown_ruleset_quotes_a_long_id() -> None:
    error = errors.UnknownRulesetError("x" * 100_000, ("a",))
    assert len(str(error)) < 200


def test_unknown_ruleset_str_is_the_message() -> None:
    assert str(errors.UnknownRulesetError("x", ("a",))) == "no ruleset 'x'; bundled rulesets: a"


def test_a_deep_key_path_is_shortened_in_the_message() -> None:
    path = "nodes[0]" + ".children[0]" * 1_000
    error = errors.ReportDataError(REASON, path=path)
    assert error.path == path  # the attribute keeps it whole
    assert len(str(error)) < 300
    assert str(error).startswith("invalid report at nodes[0].children[0]")
    assert str(error).endswith(".children[0]: reason")
    rule = errors.RuleDataError(REASON, path=path)
    assert len(str(rule)) < 300


_DATA_ERRORS = [errors.ReportDataError, errors.PersonDataError, errors.ReformError]


@given(
    st.sampled_from(_DATA_ERRORS),
    st.text(max_size=40),
    st.none() | st.integers() | st.text(max_size=20) | st.dates() | st.floats(allow_nan=False),
)
@example(errors.PersonDataError, "[7000].death_date", "30/02/2024")
def test_data_errors_survive_pickling(kind: type, path: str, value: object) -> None:
    # issue 15: a Dask worker raises these in another process; Exception's pickling
    # rebuilt them from the English message alone (AttributeError: 'str' … 'vi')
    error = kind(REASON, path=path, value=value)
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is kind
    assert (copy.reason, copy.path, copy.value) == (REASON, path, value)
    assert (copy.text, str(copy)) == (error.text, str(error))


def test_a_data_error_with_a_value_that_does_not_pickle_travels_with_its_text() -> None:
    value = lambda: None  # noqa: E731
    copy = pickle.loads(pickle.dumps(errors.PersonDataError(REASON, path="x", value=value)))
    assert copy.value == errors.quote(value)
    assert copy.path == "x"


def test_allocation_error_survives_pickling() -> None:
    copy = pickle.loads(pickle.dumps(errors.AllocationError(REASON)))
    assert (type(copy), copy.text) == (errors.AllocationError, REASON)
