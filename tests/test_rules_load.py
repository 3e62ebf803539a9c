"""Tests for rules/load.py: registry, files, includes, and every malformed-file case."""

from __future__ import annotations

from pathlib import Path

import pytest

from welfare_rules import list_rulesets, load_ruleset
from welfare_rules.errors import RuleDataError, UnknownRulesetError
from welfare_rules.rules.load import BUNDLED, discover, loads_ruleset, parse_ruleset

DATA = Path(__file__).parents[1] / "src" / "welfare_rules" / "rules" / "data"

# A small valid file; each error test changes one thing in it.
VALID = """\
id = "test-city"
title = { vi = "Thử", en = "Test" }
jurisdiction = { vi = "Thành phố thử", en = "Test city" }
occasion = "tet"
year = 2024

[[programme]]
id = "city-tet"
title = { vi = "Quà Tết", en = "Tết gift" }
kind = "levels"
source = "district"

[[programme.version]]

[programme.version.basis]
number = "1/QĐ-UBND"
kind = "decision"
issuer = { vi = "UBND thành phố", en = "City People's Committee" }
date = 2023-12-28
confirmed = true

[[programme.version.level]]
amount = 600000
rule = [
  { category = "war_invalid", conditions = ["injury_rate >= 81"] },
  { category = "heroic_mother" },
]

[[programme.version.level]]
amount = 300000
rule = [{ category = "war_invalid", conditions = ["injury_rate <= 80"] }]

[[programme]]
id = "city-longevity"
title = { vi = "Mừng thọ", en = "Longevity" }
kind = "longevity"
source = "commune"

[programme.basis]
number = "39/2009/QH12"
kind = "law"
issuer = { vi = "Quốc hội", en = "National Assembly" }
article = "21"
confirmed = true

[[programme.version]]
effective = 2024-01-01

[[programme.version.bracket]]
age = 70
amount = 700000

[[programme.version.bracket]]
from_age = 101
every_year = true
amount = 1700000
"""


def _error(text: str, tmp_path: Path, name: str = "bad.toml") -> RuleDataError:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleDataError) as info:
        load_ruleset(path)
    error = info.value
    assert error.file == str(path)
    assert error.path in str(error)
    assert error.path in error.text.vi
    return error


def _line(text: str, error: RuleDataError) -> str:
    assert error.line is not None
    return text.splitlines()[error.line - 1]


def test_valid_example_loads(tmp_path: Path) -> None:
    path = tmp_path / "ok.toml"
    path.write_text(VALID, encoding="utf-8")
    ruleset = load_ruleset(path)
    assert [p.id for p in ruleset.programmes] == ["city-tet", "city-longevity"]
    assert loads_ruleset(VALID) == ruleset


def test_bundled_rulesets_load() -> None:
    for ruleset_id in list_rulesets():
        assert load_ruleset(ruleset_id).id == ruleset_id


def test_bundled_loads_are_cached() -> None:
    assert load_ruleset("vn-central-tet") is load_ruleset("vn-central-tet")


def test_registry_is_discovered_from_the_files() -> None:
    files = [p for p in DATA.glob("*.toml") if not p.name.endswith(".cases.toml")]
    assert sorted(p.name for p in files) == sorted(BUNDLED.values())
    for ruleset_id, name in BUNDLED.items():
        assert name == f"{ruleset_id}.toml"
    assert discover() == dict(BUNDLED)
    assert list_rulesets() == tuple(sorted(p.stem for p in files))


def test_a_new_file_is_a_new_bundled_ruleset(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from welfare_rules.rules import load

    (tmp_path / "extra-2030.toml").write_text("", encoding="utf-8")
    (tmp_path / "notes.md").write_text("", encoding="utf-8")

    class Package:
        def joinpath(self, *parts: str) -> Path:
            return tmp_path.joinpath(*parts[1:])

    monkeypatch.setattr(load.resources, "files", lambda _: Package())
    assert discover() == {"extra-2030": "extra-2030.toml"}


def test_unknown_id_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(UnknownRulesetError, match="no-such"):
        load_ruleset("no-such")
    with pytest.raises(UnknownRulesetError):
        load_ruleset(tmp_path / "absent.toml")


def test_float_amount(tmp_path: Path) -> None:
    text = VALID.replace("amount = 300000", "amount = 300000.0")
    error = _error(text, tmp_path)
    assert error.path == "programme[0].version[0].level[1].amount"
    assert _line(text, error) == "amount = 300000.0"
    assert "float" in str(error)
    assert error.value == 300000.0


def test_negative_amount(tmp_path: Path) -> None:
    text = VALID.replace("amount = 1700000", "amount = -1700000")
    error = _error(text, tmp_path)
    assert error.path == "programme[1].version[0].bracket[1].amount"
    assert _line(text, error) == "amount = -1700000"
    assert "negative" in str(error)
    assert "số âm" in error.text.vi


def test_unknown_category(tmp_path: Path) -> None:
    text = VALID.replace('{ category = "heroic_mother" }', '{ category = "hero_mother" }')
    error = _error(text, tmp_path)
    assert error.path == "programme[0].version[0].level[0].rule[1].category"
    assert "hero_mother" in _line(text, error)
    assert "unknown beneficiary category" in str(error)


def test_unknown_attribute(tmp_path: Path) -> None:
    text = VALID.replace('"injury_rate >= 81"', '"injury >= 81"')
    error = _error(text, tmp_path)
    assert error.path == "programme[0].version[0].level[0].rule[0].conditions[0]"
    assert "injury >= 81" in _line(text, error)
    assert "no attribute 'injury'" in str(error)


def test_condition_of_wrong_type(tmp_path: Path) -> None:
    text = VALID.replace('"injury_rate >= 81"', '"injury_rate >= true"')
    error = _error(text, tmp_path)
    assert error.path == "programme[0].version[0].level[0].rule[0].conditions[0]"
    assert "injury_rate" in str(error)


def test_unknown_source(tmp_path: Path) -> None:
    text = VALID.replace('source = "commune"', 'source = "ward"')
    error = _error(text, tmp_path)
    assert error.path == "programme[1].source"
    assert _line(text, error) == 'source = "ward"'
    assert "unknown funding source 'ward'" in str(error)


def test_overlapping_brackets(tmp_path: Path) -> None:
    text = VALID.replace("from_age = 101", "from_age = 70")
    error = _error(text, tmp_path)
    assert error.path == "programme[1].version[0].bracket[1]"
    assert _line(text, error) == "[[programme.version.bracket]]"
    assert "overlaps" in str(error)


def test_level_without_legal_basis(tmp_path: Path) -> None:
    start = VALID.index("[programme.version.basis]")
    end = VALID.index("[[programme.version.level]]")
    text = VALID[:start] + "effective = 2023-12-28\n\n" + VALID[end:]
    error = _error(text, tmp_path)
    assert error.path == "programme[0].version[0].level[0].basis"
    assert _line(text, error) == "[[programme.version.level]]"
    assert "no legal basis" in str(error)


def test_versions_out_of_order(tmp_path: Path) -> None:
    text = VALID + "\n[[programme.version]]\neffective = 2023-06-01\n\n"
    text += "[[programme.version.bracket]]\nage = 70\namount = 800000\n"
    error = _error(text, tmp_path)
    assert error.path == "programme[1].version[1].effective"
    assert _line(text, error) == "effective = 2023-06-01"
    assert "increasing date order" in str(error)


def test_basis_dated_after_effective(tmp_path: Path) -> None:
    text = VALID.replace(
        "[[programme.version]]\n\n[programme.version.basis]",
        "[[programme.version]]\neffective = 2023-01-01\n\n[programme.version.basis]",
    )
    error = _error(text, tmp_path)
    assert error.path == "programme[0].version[0].basis.date"


def test_period_out_of_order(tmp_path: Path) -> None:
    text = VALID.replace("year = 2024", "valid_from = 2024-02-01\nvalid_until = 2024-01-01")
    error = _error(text, tmp_path)
    assert error.path == "valid_until"
    assert _line(text, error) == "valid_until = 2024-01-01"


def test_include_cycle(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text(VALID.replace("year = 2024", 'includes = ["b.toml"]'))
    b = VALID.replace('id = "test-city"', 'id = "b"').replace(
        "year = 2024", 'includes = ["a.toml"]'
    )
    (tmp_path / "b.toml").write_text(b.replace('"city-', '"b-'))
    with pytest.raises(RuleDataError) as info:
        load_ruleset(tmp_path / "a.toml")
    assert info.value.path == "includes"
    assert "include cycle" in str(info.value)
    assert "a.toml → " in str(info.value)


def test_self_include_by_id_is_a_cycle(tmp_path: Path) -> None:
    text = VALID.replace("year = 2024", 'includes = ["bad.toml"]')
    error = _error(text, tmp_path)
    assert "cycle" in str(error)


def test_include_bundled_and_unknown(tmp_path: Path) -> None:
    path = tmp_path / "inc.toml"
    path.write_text(VALID.replace("year = 2024", 'year = 2024\nincludes = ["vn-central-tet"]'))
    ruleset = load_ruleset(path)
    assert next(p.id for p in ruleset.all_programmes()) == "central-tet"
    text = VALID.replace("year = 2024", 'includes = ["nowhere"]')
    error = _error(text, tmp_path)
    assert error.path == "includes[0]"


def test_programme_id_clash_with_include(tmp_path: Path) -> None:
    text = VALID.replace("year = 2024", 'includes = ["vn-central-tet"]')
    text = text.replace('id = "city-tet"', 'id = "central-tet"')
    error = _error(text, tmp_path)
    assert error.path == "programme[0].id"
    assert "vn-central-tet" in str(error)


def test_syntax_error_gives_line(tmp_path: Path) -> None:
    text = VALID.replace("amount = 300000", "amount = = 300000")
    error = _error(text, tmp_path)
    assert error.line is not None
    assert "amount = = 300000" in _line(text, error)


def test_unknown_key_and_missing_key(tmp_path: Path) -> None:
    error = _error(VALID.replace("age = 70", "age = 70\ncolour = 1"), tmp_path)
    assert error.path == "programme[1].version[0].bracket[0].colour"
    error = _error(VALID.replace('occasion = "tet"\n', ""), tmp_path)
    assert error.path == "occasion"
    assert "missing" in str(error)


def test_included_is_not_for_files(tmp_path: Path) -> None:
    error = _error(VALID.replace("year = 2024", "included = []"), tmp_path)
    assert error.path == "included"


def test_parse_ruleset_from_mapping() -> None:
    with pytest.raises(RuleDataError) as info:
        parse_ruleset({"id": "x"})
    assert info.value.file is None
    assert info.value.line is None


# -- issue 13: the loader's reliability reproducers ------------------------------------------


def test_deep_toml_is_a_rule_data_error_not_a_recursion_error() -> None:
    with pytest.raises(RuleDataError) as caught:
        loads_ruleset("x = " + "[" * 100_000)
    assert "nested" in str(caught.value)
    assert caught.value.line == 1


def test_a_lone_surrogate_is_replaced_and_the_ruleset_writes_as_json() -> None:
    text = (DATA / "vn-longevity.toml").read_text("utf-8")
    text = text.replace('title = { vi = "', 'title = { vi = "\ud800', 1)
    ruleset = loads_ruleset(text)
    assert ruleset.title.vi.startswith("\ufffd")
    ruleset.model_dump_json()


def _city_including(ref: str) -> str:
    city = (DATA / "uong-bi-tet-2024.toml").read_text("utf-8")
    text = city.replace('includes = ["vn-central-tet"]', f'includes = ["{ref}"]')
    assert text != city
    return text


@pytest.mark.parametrize("include", ["absolute", "parent"])
def test_includes_stay_inside_the_ruleset_folder(tmp_path: Path, include: str) -> None:
    outside = tmp_path / "outside.toml"
    outside.write_text((DATA / "vn-central-tet.toml").read_text("utf-8"), "utf-8")
    folder = tmp_path / "rulesets"
    folder.mkdir()
    ref = str(outside) if include == "absolute" else "../outside.toml"
    text = _city_including(ref)
    with pytest.raises(RuleDataError) as caught:
        loads_ruleset(text, file=str(folder / "city.toml"), base=folder)
    assert caught.value.path == "includes[0]"
    assert "outside" in str(caught.value)
    assert "ngoài" in caught.value.text.vi
    (folder / "city.toml").write_text(text, "utf-8")
    with pytest.raises(RuleDataError):
        load_ruleset(folder / "city.toml")
    # The caller may opt in.
    assert loads_ruleset(text, base=folder, allow_outside=True).included[0].id == "vn-central-tet"
    assert load_ruleset(folder / "city.toml", allow_outside=True).included


def test_includes_inside_the_folder_still_load(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    central = (DATA / "vn-central-tet.toml").read_text("utf-8")
    (tmp_path / "sub" / "central.toml").write_text(central, "utf-8")
    (tmp_path / "city.toml").write_text(_city_including("sub/central.toml"), "utf-8")
    assert load_ruleset(tmp_path / "city.toml").included[0].id == "vn-central-tet"


def test_error_line_scan_is_linear_on_an_unclosed_header() -> None:
    # The old header pattern backtracked cubically: 3 kB of "[" + spaces + "x" took 12 s.
    from welfare_rules.rules._toml_lines import key_lines

    text = 'note = """\n' + ("[" + " " * 3000 + "x\n") * 20 + '"""\n'
    assert key_lines(text)["note"] == 1
    assert key_lines("a" + " a" * 20_000) == {}


def test_a_ruleset_file_past_the_input_limit_is_refused_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # found by the reliability work: load_ruleset(path) read a whole file with no bound
    from welfare_rules.errors import RuleDataError
    from welfare_rules.rules.load import load_ruleset

    path = tmp_path / "big.toml"
    path.write_text("# " + "x" * 2000 + "\n", encoding="utf-8")
    monkeypatch.setenv("WELFARE_RULES_MAX_INPUT_BYTES", "1000")
    with pytest.raises(RuleDataError):
        load_ruleset(path)
