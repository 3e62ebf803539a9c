"""Reforms: addressing, validation before any change, which versions change, TOML files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from welfare_rules import ReformError, load_ruleset
from welfare_rules.rules.model import Ruleset
from welfare_rules.scenario import (
    BracketChange,
    EligibilityChange,
    LevelChange,
    QuotaChange,
    Reform,
    apply_reform,
)

from .strategies import rulesets

TET_2024 = dt.date(2024, 2, 1)


@pytest.fixture(scope="module")
def uong_bi() -> Ruleset:
    return load_ruleset("uong-bi-tet-2024")


def _amounts(ruleset: Ruleset, programme: str, on: dt.date = TET_2024) -> list[int]:
    version = ruleset.programme(programme).version_on(on)
    assert version is not None
    return [level.amount for level in version.levels]


def test_level_by_amount_leaves_the_original_untouched(uong_bi: Ruleset) -> None:
    before = uong_bi.model_dump()
    reform = Reform(level=[LevelChange(programme="provincial-4107", level=500_000, amount=600_000)])
    new = uong_bi.with_reform(reform, on=TET_2024)
    assert _amounts(new, "provincial-4107") == [4_000_000, 1_500_000, 1_000_000, 600_000, 300_000]
    assert _amounts(uong_bi, "provincial-4107") == [
        4_000_000,
        1_500_000,
        1_000_000,
        500_000,
        300_000,
    ]
    assert uong_bi.model_dump() == before
    # the level keeps its id: counts and reports still address it
    assert new.programme("provincial-4107").versions[0].level("500000").amount == 600_000


def test_level_by_id_in_an_included_ruleset_on_a_date(uong_bi: Ruleset) -> None:
    reform = Reform(level=[{"programme": "central-tet", "level": "higher", "amount": 700_000}])
    new = uong_bi.with_reform(reform, on=TET_2024)
    assert _amounts(new, "central-tet") == [700_000, 300_000]
    # only the version in force on the date changes
    assert _amounts(new, "central-tet", dt.date(2019, 2, 1)) == [400_000, 200_000]
    assert _amounts(new, "central-tet", dt.date(2026, 2, 1)) == [600_000, 300_000]
    assert new.included[0].programme("central-tet") == new.programme("central-tet")


def test_without_a_date_every_recorded_version_changes() -> None:
    central = load_ruleset("vn-central-tet")
    new = central.with_reform(
        Reform(level=[LevelChange(programme="central-tet", level="lower", amount=350_000)])
    )
    lowers = [v.level("lower").amount for v in new.programme("central-tet").versions if v.recorded]
    assert lowers == [350_000] * 5
    # by amount, a level missing from one version is an error naming that version
    with pytest.raises(ReformError) as info:
        central.with_reform(
            Reform(level=[LevelChange(programme="central-tet", level=300_000, amount=1)])
        )
    assert "2013-01-10" in str(info.value)
    assert "300000" in str(info.value)


def test_an_empty_reform_returns_the_same_ruleset(uong_bi: Ruleset) -> None:
    assert Reform().is_empty
    assert uong_bi.with_reform(Reform()) is uong_bi


@pytest.mark.parametrize(
    ("data", "path", "named"),
    [
        (
            {"level": [{"programme": "nope", "level": 1, "amount": 1}]},
            "level[0].programme",
            "'nope'",
        ),
        (
            {"level": [{"programme": "provincial-4107", "level": 550_000, "amount": 1}]},
            "level[0].level",
            "550000",
        ),
        (
            {"level": [{"programme": "provincial-4107", "level": 500_000, "amount": 600_000.0}]},
            "level[0].amount",
            "600000.0",
        ),
        (
            {"level": [{"programme": "provincial-4107", "level": 500_000, "amount": 300_000}]},
            "level[0]",
            "300000",
        ),
        (
            {"bracket": [{"programme": "city-tet", "bracket": 80, "amount": 1}]},
            "bracket[0].programme",
            "'levels'",
        ),
        (
            {"bracket": [{"programme": "city-longevity", "bracket": 77, "amount": 1}]},
            "bracket[0].bracket",
            "77",
        ),
        (
            {"bracket": [{"programme": "city-longevity", "bracket": 80, "age": 85}]},
            "bracket[0]",
            "85",
        ),
        ({"quota": [{"programme": "city-tet", "quota": 3}]}, "quota[0].programme", "'selected'"),
        ({"quota": [{"programme": "city-special-hardship"}]}, "quota[0]", ""),
        ({"quota": [{"programme": "city-special-hardship", "quota": -1}]}, "quota[0].quota", "-1"),
        (
            {
                "eligibility": [
                    {"programme": "city-tet", "level": 500_000, "rules": [{"category": "dragon"}]}
                ]
            },
            "eligibility[0].rules[0]",
            "dragon",
        ),
        ({"levels": [{"programme": "x"}]}, "levels", "levels"),
    ],
)
def test_errors_name_the_bad_item_in_both_languages(
    uong_bi: Ruleset, data: dict[str, object], path: str, named: str
) -> None:
    with pytest.raises(ReformError) as info:
        uong_bi.with_reform(Reform.from_dict(data), on=TET_2024)
    error = info.value
    assert error.path.startswith(path)
    assert named in error.text.vi
    assert named in error.text.en
    assert error.text.vi != error.text.en


def test_a_date_with_no_recorded_instrument_is_an_error() -> None:
    central = load_ruleset("vn-central-tet")
    reform = Reform(level=[LevelChange(programme="central-tet", level="higher", amount=1)])
    with pytest.raises(ReformError, match="no instrument is recorded"):
        central.with_reform(reform, on=dt.date(2021, 2, 12))


def test_brackets_amount_ages_and_a_new_bracket(uong_bi: Ruleset) -> None:
    reform = Reform(
        bracket=[
            BracketChange(programme="city-longevity", bracket=104, amount=2_000_000),
            BracketChange(programme="city-longevity", bracket="age-95", age=96),
            BracketChange(programme="city-longevity", age=70, amount=300_000),
        ]
    )
    version = uong_bi.with_reform(reform, on=TET_2024).programme("city-longevity").versions[0]
    by_id = {b.id: b for b in version.brackets}
    assert by_id["from-101"].amount == 2_000_000
    assert by_id["age-95"].age == 96
    assert by_id["age-95"].covers(96)
    assert not by_id["age-95"].covers(95)
    assert by_id["age-70"].amount == 300_000
    assert [b.first_age for b in version.brackets] == sorted(b.first_age for b in version.brackets)


def test_quota_and_selected_amount(uong_bi: Ruleset) -> None:
    reform = Reform(
        quota=[QuotaChange(programme="city-exemplary-households", quota=30, amount=2_500_000)]
    )
    version = (
        uong_bi.with_reform(reform, on=TET_2024).programme("city-exemplary-households").versions[0]
    )
    assert (version.quota, version.amount) == (30, 2_500_000)


def test_eligibility_of_a_level_and_of_a_programme(uong_bi: Ruleset) -> None:
    reform = Reform(
        eligibility=[
            EligibilityChange(programme="city-tet", level=500_000, rules=[{"category": "elderly"}]),
            EligibilityChange(programme="socialized-tet", add_rules=[{"group": "children"}]),
        ]
    )
    new = uong_bi.with_reform(reform, on=TET_2024)
    level = new.programme("city-tet").versions[0].level(500_000)
    assert level.rules_stated
    assert level.qualifies({"elderly": {}}) is True
    assert [r.group for r in new.programme("socialized-tet").covers][-1] == "children"
    assert not uong_bi.programme("city-tet").versions[0].level(500_000).rules_stated


def test_load_from_toml(tmp_path: Path, uong_bi: Ruleset) -> None:
    path = tmp_path / "reform.toml"
    path.write_text(
        'title = { vi = "Mức tỉnh 500.000đ lên 600.000đ", en = "Provincial 500k to 600k" }\n'
        '[[level]]\nprogramme = "provincial-4107"\nlevel = 500000\namount = 600000\n'
        '[[bracket]]\nprogramme = "city-longevity"\nage = 70\namount = 300000\n',
        encoding="utf-8",
    )
    reform = Reform.load(path)
    assert reform.label("en") == "Provincial 500k to 600k"
    new = uong_bi.with_reform(reform, on=TET_2024)
    assert 600_000 in _amounts(new, "provincial-4107")


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("[[level]\n", "TOML"),
        ('[[level]]\nprogramme = "p"\nlevel = 1\namount = 1.5\n', "level[0].amount"),
        ('[[levle]]\nprogramme = "p"\n', "levle"),
    ],
)
def test_bad_files(tmp_path: Path, text: str, fragment: str) -> None:
    path = tmp_path / "reform.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(
        ReformError, match=r"(?s).*" + fragment.replace("[", r"\[").replace("]", r"\]")
    ):
        Reform.load(path)
    with pytest.raises(ReformError):
        Reform.load(tmp_path / "missing.toml")


@pytest.mark.parametrize(
    "data", [None, "f", 5, [1], {1: "x"}], ids=["None", "str", "int", "list", "int-key"]
)
def test_from_dict_of_anything_but_a_table_is_a_reform_error(data: object) -> None:
    # issue 13: Reform.from_dict(None) raised TypeError, Reform.from_dict("f") ValueError
    with pytest.raises(ReformError) as caught:
        Reform.from_dict(data)  # type: ignore[arg-type]
    assert "level" in caught.value.localized("vi")
    assert caught.value.localized("vi") != caught.value.localized("en")


def test_from_dict_of_deep_data_is_a_reform_error() -> None:
    data: dict[str, object] = {"title": "x"}
    inner = data
    for _ in range(10_000):
        child: dict[str, object] = {}
        inner["x"] = child
        inner = child
    with pytest.raises(ReformError, match="101 levels deep"):
        Reform.from_dict(data)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("x = " + "[" * 100_000, "101 levels deep"),  # issue 13: RecursionError
        ("a" + ".a" * 100_000 + " = 1", "101 levels deep"),  # quadratic in tomllib
        ("x = " + "1" * 5000, "digits"),  # Python's 4.300-digit ValueError
    ],
    ids=["brackets", "dotted-key", "digits"],
)
def test_load_past_the_limits_is_a_reform_error(tmp_path: Path, text: str, fragment: str) -> None:
    path = tmp_path / "reform.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ReformError, match=fragment) as caught:
        Reform.load(path)
    assert caught.value.path == str(path)


def test_load_reads_within_the_input_size_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "reform.toml"
    path.write_text('title = "x"\n' + "# padding\n" * 200, encoding="utf-8")
    monkeypatch.setenv("WELFARE_RULES_MAX_INPUT_BYTES", "1K")
    with pytest.raises(ReformError, match="1024"):
        Reform.load(path)
    monkeypatch.delenv("WELFARE_RULES_MAX_INPUT_BYTES")
    assert Reform.load(path).title == "x"


@settings(max_examples=30)
@given(rulesets(), st.data())
def test_setting_every_level_to_its_own_amount_changes_nothing(
    ruleset: Ruleset, data: st.DataObject
) -> None:
    changes = [
        LevelChange(programme=p.id, level=level.id, amount=level.amount)
        for p in ruleset.all_programmes()
        if p.kind == "levels"
        for v in p.versions
        for level in v.levels
    ]
    on = data.draw(
        st.sampled_from(
            [None, *(v.effective for p in ruleset.all_programmes() for v in p.versions)]
        )
    )
    applicable = [
        c
        for c in changes
        if on is None
        or (
            (version := ruleset.programme(c.programme).version_on(on)) is not None
            and version.find_level(c.level)
        )
    ]
    try:
        new = apply_reform(ruleset, Reform(level=applicable), on=on)
    except ReformError:
        # without a date, an id missing from another version of the programme is an error
        assert on is None or any(
            not ruleset.programme(c.programme).version_on(on).recorded for c in applicable
        )  # type: ignore[union-attr]
        return
    assert new == ruleset
