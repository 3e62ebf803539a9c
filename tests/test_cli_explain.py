"""``welfare-rules explain``: the tree as text (vi/en) and JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from welfare_rules.cli import main

PERSON = Path(__file__).parents[1] / "examples" / "person.json"


def test_text_in_both_languages(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["explain", str(PERSON), "--ruleset", "uong-bi-tet-2024", "--on", "2024-02-01"]
    assert main([*args, "--lang", "en"]) == 0
    en = capsys.readouterr().out
    assert "citation: Decision 1583/QĐ-CTN of 26/12/2023 (State President)" in en
    assert main(args) == 0
    assert "căn cứ: Quyết định 1583/QĐ-CTN" in capsys.readouterr().out


def test_json(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["explain", str(PERSON), "--ruleset", "uong-bi-tet-2024", "--on", "2024-02-01"]
    assert main([*args, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data) == 3
    assert data[0]["tree"]["kind"] == "ruleset"


def test_a_missing_file_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["explain", str(tmp_path / "x.json"), "--ruleset", "vn-longevity", "--on", "2024-02-01"]
    assert main(args) == 2
    assert "welfare-rules:" in capsys.readouterr().err
