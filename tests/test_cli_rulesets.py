"""Tests for cli/rulesets.py: ``welfare-rules rulesets list|show``."""

from __future__ import annotations

import json

import pytest

from welfare_rules.cli import main
from welfare_rules.money import format_vnd
from welfare_rules.rules.load import list_rulesets

from .test_rules_data import UONG_BI_BRACKETS, UONG_BI_LEVELS


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_list(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(capsys, "rulesets", "list")
    assert status == 0
    for ruleset_id in list_rulesets():
        assert ruleset_id in out
    status, out, _ = _run(capsys, "rulesets", "list", "--json", "--lang", "en")
    assert [r["id"] for r in json.loads(out)] == list(list_rulesets())
    assert "vn-longevity" in list_rulesets()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_show_uong_bi_prints_every_level_bracket_and_citation(
    capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    status, out, _ = _run(capsys, "rulesets", "show", "uong-bi-tet-2024", "--lang", lang)
    assert status == 0
    for amounts in UONG_BI_LEVELS.values():
        for amount in amounts:
            assert format_vnd(amount, locale=lang) in out  # type: ignore[arg-type]
    for brackets in UONG_BI_BRACKETS.values():
        for _, amount in brackets:
            assert format_vnd(amount, locale=lang) in out  # type: ignore[arg-type]
    starts = [line.strip() for line in out.splitlines() if line.startswith("    ")]
    for age in ("70", "75", "80", "85", "90", "95", "100", "101"):
        assert any(s.startswith((f"{age} ", f"{age},", f"từ {age},")) for s in starts), age
    for citation in ("1583/QĐ-CTN", "4107/QĐ-UBND", "3826/LN", "01/KH-UBND", "39/2009/QH12"):
        assert citation in out
    assert "56/QĐ-CTN" not in out  # only what is in force in 2024
    marker = "[chưa xác nhận]" if lang == "vi" else "[unconfirmed]"
    assert marker in out
    assert ("Số suất" if lang == "vi" else "Quota") in out


def test_show_all_versions_and_on(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(capsys, "rulesets", "show", "uong-bi-tet-2024", "--all-versions")
    assert "56/QĐ-CTN" in out
    _, out, _ = _run(
        capsys, "rulesets", "show", "vn-central-tet", "--on", "2021-02-12", "--lang", "en"
    )
    assert "no recorded instrument" in out
    _, out, _ = _run(
        capsys, "rulesets", "show", "uong-bi-tet-2024", "--on", "2023-06-01", "--lang", "en"
    )
    assert "No programme in force" in out


def test_show_json(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(
        capsys, "rulesets", "show", "vn-longevity", "--json", "--on", "2024-02-10"
    )
    data = json.loads(out)
    assert status == 0
    assert data["id"] == "vn-longevity"
    assert [f["programme"] for f in data["in_force"]] == [
        "president-longevity",
        "provincial-longevity",
    ]


def test_bad_input_is_one_line_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = _run(capsys, "rulesets", "show", "nope")
    assert status == 2
    assert err.count("\n") == 1
    status, _, err = _run(
        capsys, "rulesets", "show", "vn-longevity", "--on", "10/02/2024", "--lang", "en"
    )
    assert status == 2
    assert "bad date" in err


def test_the_command_line_loads_the_views_of_other_commands_only_when_they_run() -> None:
    """Building the parser (every run does) imports no ruleset or entitlement view and no
    traceback: ``welfare-rules audit`` pays only for what it uses."""
    import subprocess
    import sys

    code = (
        "import sys; from welfare_rules.cli import build_parser; build_parser(); "
        "print(sorted(m for m in ('welfare_rules.views.ruleset_text', "
        "'welfare_rules.views.entitlement_text', 'traceback') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_render_ruleset_is_still_the_ruleset_view() -> None:
    from welfare_rules.cli import rulesets
    from welfare_rules.views.ruleset_text import ruleset_text

    assert rulesets.render_ruleset is ruleset_text
    with pytest.raises(AttributeError):
        rulesets.no_such_name  # noqa: B018
