"""Tests of welfare_rules.cli._common: the options and helpers every sub-command shares."""

from __future__ import annotations

import argparse
import json

import pytest

from welfare_rules._i18n import Text
from welfare_rules.cli import _common, main


def test_output_options_default_to_vietnamese_text() -> None:
    parser = argparse.ArgumentParser()
    _common.add_output_options(parser)
    args = parser.parse_args([])
    assert (_common.lang_of(args), args.json) == ("vi", False)
    args = parser.parse_args(["--lang", "en", "--json"])
    assert (_common.lang_of(args), args.json) == ("en", True)
    with pytest.raises(SystemExit):
        parser.parse_args(["--lang", "fr"])


def test_usage_error_is_bilingual() -> None:
    error = _common.UsageError(Text(vi="tệp không có", en="no such file"))
    assert str(error) == "no such file"
    assert error.localized("vi") == "tệp không có"


def test_print_json_keeps_vietnamese_letters(capsys: pytest.CaptureFixture[str]) -> None:
    _common.print_json({"nhãn": "Mức 600.000đ"})
    out = capsys.readouterr().out
    assert "Mức 600.000đ" in out
    assert json.loads(out) == {"nhãn": "Mức 600.000đ"}


def test_a_usage_error_exits_2_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rulesets", "show", "no-such-ruleset", "--lang", "en"]) == _common.EXIT_USAGE
    err = capsys.readouterr().err
    assert err.startswith("welfare-rules: ")
    assert err.count("\n") == 1
    assert "Traceback" not in err


def test_parse_on_reads_iso_dates_and_refuses_others_in_both_languages() -> None:
    import datetime as dt

    from welfare_rules.cli._common import parse_on

    assert parse_on("2024-02-01") == dt.date(2024, 2, 1)
    with pytest.raises(_common.UsageError) as info:
        parse_on("01/02/2024")
    assert info.value.localized("en") == "bad date '01/02/2024' (use YYYY-MM-DD)"
    assert info.value.localized("vi") == "ngày không hợp lệ: '01/02/2024' (dùng YYYY-MM-DD)"
