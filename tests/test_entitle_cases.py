"""Rule tests as data: every bundled case file passes; a wrong value fails with a diff."""

from __future__ import annotations

from pathlib import Path

import pytest

from welfare_rules import list_rulesets
from welfare_rules.entitle.cases import (
    bundled_case_files,
    load_cases,
    loads_cases,
    run_case,
    run_cases,
    summary,
)
from welfare_rules.errors import RuleDataError

DATA = Path(__file__).parents[1] / "src" / "welfare_rules" / "rules" / "data"
CASES = [case for path in bundled_case_files() for case in load_cases(path)]


def test_every_bundled_ruleset_ships_its_case_file() -> None:
    shipped = {path.name.removesuffix(".cases.toml") for path in bundled_case_files()}
    assert shipped == set(list_rulesets())


def test_case_files_are_not_rulesets() -> None:
    assert not any(ident.endswith(".cases") for ident in list_rulesets())


@pytest.mark.parametrize("case", CASES, ids=lambda case: f"{Path(case.file).name}[{case.index}]")
def test_bundled_case(case: object) -> None:
    outcome = run_case(case)  # type: ignore[arg-type]
    assert outcome.passed, "\n".join(outcome.describe("en"))


def test_every_version_cut_over_is_tested_on_both_sides() -> None:
    """Each dated version's effective date and the day before it appear in the cases of
    the ruleset that holds the programme (within the ruleset's period)."""
    import datetime as dt

    from welfare_rules import load_ruleset

    days: dict[str, set[dt.date]] = {}
    for case in CASES:
        days.setdefault(case.ruleset.id, set()).add(case.on)
    for ident in list_rulesets():
        ruleset = load_ruleset(ident)
        for programme in ruleset.programmes:
            for version in programme.versions:
                if version.effective is None or not ruleset.applies_on(version.effective):
                    continue
                before = version.effective - dt.timedelta(days=1)
                assert version.effective in days[ident], (ident, programme.id, version.effective)
                assert before in days[ident], (ident, programme.id, before)


WRONG = """\
ruleset = "vn-longevity"
[[case]]
name = "centenarian in 2015"
on = 2015-03-01
person = { birth_year = 1915 }
gifts = [{ programme = "president-longevity", amount = 700000 }]
"""


def test_a_wrong_expected_value_fails_with_a_readable_diff() -> None:
    [outcome] = run_cases(loads_cases(WRONG))
    assert not outcome.passed
    assert "-gift president-longevity amount=700000" in outcome.diff
    assert "+gift president-longevity amount=500000" in outcome.diff
    lines = outcome.describe("vi")
    assert lines[0].startswith("SAI ")
    assert summary([outcome], lang="en") == "0/1 cases passed, 1 failed"


def test_an_unexpected_item_fails() -> None:
    text = WRONG.replace(", amount = 700000 }]", " }]").replace("birth_year = 1915", "")
    [outcome] = run_cases(loads_cases(text))
    assert not outcome.passed
    assert any(line.startswith("+undetermined president-longevity") for line in outcome.diff)


def test_an_expected_error_must_happen() -> None:
    text = WRONG.replace(
        'gifts = [{ programme = "president-longevity", amount = 700000 }]', 'error = "birth_year"'
    )
    [outcome] = run_cases(loads_cases(text))
    assert not outcome.passed
    assert "expected a data error" in outcome.diff[0]


@pytest.mark.parametrize(
    "text",
    [
        "ruleset = 1",
        'ruleset = "vn-longevity"',
        'ruleset = "vn-longevity"\n[[case]]\nperson = {}',
        'ruleset = "vn-longevity"\n[[case]]\non = 2024-01-01\nperson = {}\ngifts = [{ amount = 1 }]',
        'ruleset = "vn-longevity"\n[[case]]\non = 2024-01-01\nperson = {}\nexpect = 1',
        "x = " + "[" * 10_000,
        "x = [",
    ],
)
def test_malformed_case_files_are_rule_data_errors(text: str) -> None:
    with pytest.raises(RuleDataError) as caught:
        loads_cases(text)
    assert caught.value.text.vi != caught.value.text.en


def test_a_relative_ruleset_path_is_read_beside_the_case_file(tmp_path: Path) -> None:
    (tmp_path / "r.toml").write_text((DATA / "vn-longevity.toml").read_text("utf-8"), "utf-8")
    cases = tmp_path / "r.cases.toml"
    cases.write_text(WRONG.replace('"vn-longevity"', '"r.toml"').replace("700000", "500000"))
    assert [o.passed for o in run_cases(load_cases(cases))] == [True]
