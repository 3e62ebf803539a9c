"""`welfare-rules entitlements` and `welfare-rules budget`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from welfare_rules.cli import main

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
ARGS = ["--ruleset", "uong-bi-tet-2024", "--on", "2024-02-01"]


def test_entitlements_text_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["entitlements", *ARGS, "--lang", "en", str(EXAMPLES / "person.json")]) == 0
    out = capsys.readouterr().out
    assert "Person HS-0001" in out
    assert "VND 600,000" in out
    assert "missing war_invalid.injury_rate" in out


def test_entitlements_json_one_person(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "p.json"
    path.write_text('{"birth_year": 1954}', encoding="utf-8")
    assert main(["entitlements", *ARGS, "--json", str(path)]) == 0
    [person] = json.loads(capsys.readouterr().out)
    assert person["total"] == 700_000
    assert person["items"][0]["programme"] == "commune-longevity"


def test_budget_by_source_and_level(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["budget", *ARGS, str(EXAMPLES / "people.csv")]) == 0
    out = capsys.readouterr().out
    assert "Mức 600.000 đ: 3 suất × 600.000 đ = 1.800.000 đ" in out
    assert "Tổng cộng: 12 suất, 10.700.000 đ" in out


def test_budget_json_totals(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["budget", *ARGS, "--json", str(EXAMPLES / "people.csv")]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["total"] == {"count": 12, "amount": 10_700_000}
    assert data["by_source"]["central"] == {"count": 4, "amount": 2_100_000}


@pytest.mark.parametrize(
    "argv",
    [
        ["budget", "--ruleset", "uong-bi-tet-2024", "--on", "1/2/2024", "x.csv"],
        ["budget", *ARGS, "missing.csv"],
        ["entitlements", "--ruleset", "nope", "--on", "2024-02-01", "x.json"],
    ],
)
def test_bad_input_is_one_line_and_status_2(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("welfare-rules: ")
    assert "Traceback" not in err


def test_bad_person_names_the_field(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "p.json"
    path.write_text('[{"birth_year": 1954}, {"birth_year": "x"}]', encoding="utf-8")
    assert main(["entitlements", *ARGS, "--lang", "en", str(path)]) == 2
    assert "[1].birth_year" in capsys.readouterr().err
