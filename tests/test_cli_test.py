"""``welfare-rules test``: bundled case files pass; a wrong value exits 1 with a diff."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from welfare_rules.cli import main

WRONG = """\
ruleset = "vn-longevity"
[[case]]
name = "centenarian in 2015"
on = 2015-03-01
person = { birth_year = 1915 }
gifts = [{ programme = "president-longevity", amount = 700000 }]
"""


def test_the_bundled_case_files_pass(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["test", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert out.strip().endswith("failed")
    assert ", 0 failed" in out


def test_a_wrong_value_exits_1_with_a_diff(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "wrong.cases.toml"
    path.write_text(WRONG, "utf-8")
    assert main(["test", str(path)]) == 1
    out = capsys.readouterr().out
    assert "SAI" in out
    assert "-gift president-longevity amount=700000" in out
    assert "+gift president-longevity amount=500000" in out
    assert main(["test", str(path), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["failed"] == 1
    assert data["cases"][0]["diff"]


def test_an_unreadable_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["test", str(tmp_path / "missing.cases.toml")]) == 2
    assert "welfare-rules:" in capsys.readouterr().err
