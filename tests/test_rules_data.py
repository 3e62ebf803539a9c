"""Integrity of the bundled ruleset files (rules/data/*.toml) and their dated cut-overs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest

from welfare_rules import list_rulesets, load_ruleset
from welfare_rules.rules.categories import CATEGORIES
from welfare_rules.rules.model import LegalBasis, Programme, ProgrammeVersion, Rule, Ruleset

from .contracts import RulesetContract, docs_table_ids

DAY = dt.timedelta(days=1)
IDS = list_rulesets()

# One contract class per discovered ruleset file: a new file is tested by being there.
for _id in IDS:
    _name = "TestBundledRuleset_" + _id.replace("-", "_").replace(".", "_")
    globals()[_name] = type(_name, (RulesetContract,), {"ruleset_id": _id})


def test_a_contract_runs_for_every_discovered_ruleset() -> None:
    tested = sorted(
        value.ruleset_id
        for name, value in globals().items()
        if name.startswith("TestBundledRuleset_") and issubclass(value, RulesetContract)
    )
    assert tested == sorted(IDS)
    assert len(IDS) >= 3


def test_the_docs_table_lists_exactly_the_discovered_rulesets() -> None:
    assert sorted(docs_table_ids()) == sorted(IDS)


def _programmes() -> Iterator[tuple[Ruleset, Programme]]:
    for ruleset_id in IDS:
        ruleset = load_ruleset(ruleset_id)
        for programme in ruleset.programmes:
            yield ruleset, programme


def _rules(programme: Programme) -> Iterator[Rule]:
    yield from programme.covers
    for version in programme.versions:
        for level in version.levels:
            yield from level.rules


def _citations(ruleset: Ruleset) -> Iterator[LegalBasis]:
    if ruleset.source:
        yield ruleset.source
    for programme in ruleset.programmes:
        yield from programme.references
        for version in programme.versions:
            basis = programme.basis_of(version)
            if basis:
                yield basis
            for item in (*version.levels, *version.brackets):
                if item.basis:
                    yield item.basis


def test_every_level_bracket_and_programme_has_a_legal_basis() -> None:
    for _, programme in _programmes():
        for version in programme.versions:
            if not version.recorded:
                assert not version.confirmed
                assert version.note
                continue
            assert programme.basis_of(version) is not None
            for item in (*version.levels, *version.brackets):
                assert programme.basis_of(version, item) is not None


def test_unconfirmed_facts_carry_notes() -> None:
    for ruleset_id in IDS:
        ruleset = load_ruleset(ruleset_id)
        for basis in _citations(ruleset):
            assert basis.confirmed or basis.note, basis.number
        for programme in ruleset.programmes:
            for rule in _rules(programme):
                assert rule.confirmed or rule.note
            for version in programme.versions:
                for level in version.levels:
                    assert level.rules_stated or level.note


def test_no_overlapping_brackets() -> None:
    for _, programme in _programmes():
        for version in programme.versions:
            for i, one in enumerate(version.brackets):
                assert not any(one.overlaps(other) for other in version.brackets[i + 1 :])


def test_dated_versions_are_sorted() -> None:
    for _, programme in _programmes():
        dates = [v.effective for v in programme.versions]
        assert all(d is not None for d in dates[1:])
        known = [d for d in dates if d is not None]
        assert known == sorted(set(known))


def test_ids_are_unique() -> None:
    for ruleset_id in IDS:
        ruleset = load_ruleset(ruleset_id)
        ids = [p.id for p in ruleset.all_programmes()]
        assert len(ids) == len(set(ids))
        for programme in ruleset.programmes:
            for version in programme.versions:
                assert len({lv.id for lv in version.levels}) == len(version.levels)
                assert len({b.id for b in version.brackets}) == len(version.brackets)
    own = [p.id for _, p in _programmes()]
    assert len(own) == len(set(own))


def test_every_category_used_is_in_the_vocabulary() -> None:
    for _, programme in _programmes():
        for rule in _rules(programme):
            for category in rule.categories:
                assert CATEGORIES[category].labels.vi
                assert CATEGORIES[category].labels.en


# ---------------------------------------------------------------- cut-overs, as python-holidays
def _cut_overs() -> Iterator[tuple[str, Programme, int, ProgrammeVersion]]:
    for ruleset, programme in _programmes():
        for index, version in enumerate(programme.versions):
            if version.effective is not None:
                yield ruleset.id, programme, index, version


@pytest.mark.parametrize(
    ("programme", "index", "version"),
    [pytest.param(p, i, v, id=f"{r}:{p.id}:{v.effective}") for r, p, i, v in _cut_overs()],
)
def test_both_sides_of_every_cut_over(
    programme: Programme, index: int, version: ProgrammeVersion
) -> None:
    assert version.effective is not None
    assert programme.version_on(version.effective) is version
    before = programme.version_on(version.effective - DAY)
    assert before is (programme.versions[index - 1] if index else None)


CENTRAL = [
    # (date, recorded, decision, higher, lower): both sides of every cut-over date
    ("2013-01-09", None, None, None, None),
    ("2013-01-10", True, "71/QĐ-CTN", 400_000, 200_000),
    ("2013-12-31", True, "71/QĐ-CTN", 400_000, 200_000),
    ("2014-01-01", False, None, None, None),
    ("2018-01-14", False, None, None, None),
    ("2018-01-15", False, None, None, None),  # 47/QĐ-CTN: its lower level not found
    ("2019-01-07", False, None, None, None),
    ("2019-01-08", True, "56/QĐ-CTN", 400_000, 200_000),
    ("2019-12-31", True, "56/QĐ-CTN", 400_000, 200_000),
    ("2020-01-01", False, None, None, None),
    ("2022-12-20", False, None, None, None),
    ("2022-12-21", True, "1548/QĐ-CTN", 600_000, 300_000),
    ("2023-12-25", True, "1548/QĐ-CTN", 600_000, 300_000),
    ("2023-12-26", True, "1583/QĐ-CTN", 600_000, 300_000),
    ("2024-12-31", True, "1583/QĐ-CTN", 600_000, 300_000),
    ("2025-01-01", False, None, None, None),
    ("2026-01-04", False, None, None, None),
    ("2026-01-05", True, "01/QĐ-CTN", 600_000, 300_000),
]


@pytest.mark.parametrize(("day", "recorded", "decision", "higher", "lower"), CENTRAL)
def test_central_tet_dates(
    day: str, recorded: bool | None, decision: str | None, higher: int | None, lower: int | None
) -> None:
    programme = load_ruleset("vn-central-tet").programme("central-tet")
    version = programme.version_on(dt.date.fromisoformat(day))
    if recorded is None:
        assert version is None
        return
    assert version is not None
    assert version.recorded is recorded
    if not recorded:
        assert version.levels == ()
        assert not version.confirmed
        return
    assert version.basis is not None
    assert version.basis.number == decision
    assert [lv.amount for lv in version.levels] == [higher, lower]


def test_tet_2024_groups_are_confirmed_except_the_older_ones() -> None:
    version = (
        load_ruleset("vn-central-tet").programme("central-tet").version_on(dt.date(2024, 2, 10))
    )
    assert version is not None
    higher, lower = version.levels
    assert all(r.confirmed for r in higher.rules)
    unconfirmed = {r.category for r in lower.rules if not r.confirmed}
    assert unconfirmed == {"revolution_helper", "martyr_relative", "martyr_altar_keeper"}
    war_invalid = {"war_invalid": {"injury_rate": 81}}
    assert higher.qualifies(war_invalid) is True
    assert lower.qualifies(war_invalid) is False
    assert higher.qualifies({"war_invalid": {}}) is None


# ---------------------------------------------------------------- the source report's figures
UONG_BI_LEVELS = {
    "central-tet": [600_000, 300_000],
    "provincial-4107": [4_000_000, 1_500_000, 1_000_000, 500_000, 300_000],
    "city-tet": [700_000, 600_000, 500_000],
}
UONG_BI_BRACKETS = {
    "commune-longevity": [("age-70", 700_000), ("age-75", 700_000)],
    "city-longevity": [
        ("age-80", 900_000),
        ("age-85", 900_000),
        ("age-90", 1_200_000),
        ("age-95", 1_200_000),
        ("age-100", 1_700_000),
        ("from-101", 1_700_000),
    ],
}


def test_uong_bi_holds_every_level_and_bracket_of_the_report() -> None:
    ruleset = load_ruleset("uong-bi-tet-2024")
    in_force = {f.programme.id: f for f in ruleset.in_force(on=dt.date(2024, 2, 10))}
    for programme_id, amounts in UONG_BI_LEVELS.items():
        assert [lv.amount for lv in in_force[programme_id].version.levels] == amounts
    for programme_id, brackets in UONG_BI_BRACKETS.items():
        found = in_force[programme_id].version.brackets
        assert [(b.id, b.amount) for b in found] == brackets
    exemplary = in_force["city-exemplary-households"].version
    hardship = in_force["city-special-hardship"].version
    assert (exemplary.amount, exemplary.quota) == (2_000_000, 20)
    assert (hardship.amount, hardship.quota) == (1_000_000, 300)
    assert in_force["socialized-tet"].programme.kind == "socialized"
    sources = {f.programme.id: f.programme.source.value for f in in_force.values()}
    assert sources["commune-longevity"] == "commune"
    assert sources["city-longevity"] == "district"
    assert sources["provincial-4107"] == "provincial"


def test_uong_bi_unconfirmed_mappings_are_marked() -> None:
    ruleset = load_ruleset("uong-bi-tet-2024")
    for programme_id in ("provincial-4107", "city-tet"):
        for level in ruleset.programme(programme_id).versions[0].levels:
            assert not level.rules_stated
            assert level.note


@pytest.mark.parametrize(
    ("day", "hundred_amount", "ninety_amount", "ninety_in_kind", "circular", "minimum"),
    [
        ("2011-02-27", None, None, None, None, None),
        ("2011-02-28", 500_000, 300_000, 100_000, "21/2011/TT-BTC", False),
        ("2018-12-31", 500_000, 300_000, 100_000, "21/2011/TT-BTC", False),
        ("2019-01-01", 700_000, 500_000, 150_000, "96/2018/TT-BTC", True),
    ],
)
def test_longevity_national_amounts(
    day: str,
    hundred_amount: int | None,
    ninety_amount: int | None,
    ninety_in_kind: int | None,
    circular: str | None,
    minimum: bool | None,
) -> None:
    ruleset = load_ruleset("vn-longevity")
    on = dt.date.fromisoformat(day)
    president = ruleset.programme("president-longevity").version_on(on)
    chair = ruleset.programme("provincial-longevity").version_on(on)
    assert president is not None
    assert chair is not None
    if hundred_amount is None:
        assert not president.recorded
        assert not chair.recorded
        return
    hundred, ninety = president.bracket_for(100), chair.bracket_for(90)
    assert hundred is not None
    assert ninety is not None
    assert (hundred.amount, hundred.in_kind[0].quantity, hundred.in_kind[0].unit) == (
        hundred_amount,
        5,
        "m",
    )
    assert (ninety.amount, ninety.in_kind_value) == (ninety_amount, ninety_in_kind)
    assert president.basis is not None
    assert president.basis.number == circular
    assert president.minimum is minimum
    assert chair.minimum is minimum
    # Giver is not payer: the State President gives, the provincial budget pays.
    programme = ruleset.programme("president-longevity")
    assert programme.giver is not None
    assert programme.giver.en == "State President"
    assert programme.payer_of(president).value == "provincial"
    basis = ruleset.programme("president-longevity").basis
    assert basis is not None
    assert (basis.number, basis.article) == ("39/2009/QH12", "21")


def _bundled_items() -> list[tuple[str, Any, Any, Any]]:
    found = []
    for ident in list_rulesets():
        ruleset = load_ruleset(ident)
        for programme in ruleset.programmes:
            for version in programme.versions:
                for item in (*version.levels, *version.brackets):
                    found.append((ident, programme, version, item))
    return found


@pytest.mark.parametrize(
    ("ident", "programme", "version", "item"),
    _bundled_items(),
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_every_level_is_confirmed_with_a_basis_or_says_why_not(
    ident: str, programme: Any, version: Any, item: Any
) -> None:
    from welfare_rules.rules.model import note_text

    basis = programme.basis_of(version, item)
    assert basis is not None, f"{ident}/{programme.id}/{item.id}: no legal basis"
    if item.confirmed and version.confirmed and basis.confirmed:
        return
    why = [
        note_text(part.note, lang=lang)
        for part in (item, version, basis)
        if not part.confirmed
        for lang in ("vi", "en")
    ]
    assert all(text.strip() for text in why), f"{ident}/{programme.id}/{item.id}: no reason"


def test_a_file_that_leaves_out_confirmed_reads_as_unconfirmed_with_a_note() -> None:
    from welfare_rules.rules.model import Bracket, Level, ProgrammeVersion

    level = Level.model_validate({"amount": 1, "rule": [{"category": "heroic_mother"}]})
    bracket = Bracket.model_validate({"age": 70, "amount": 1})
    version = ProgrammeVersion.model_validate({"effective": dt.date(2024, 1, 1)})
    for part in (level, bracket, version):
        assert part.confirmed is False
        assert not isinstance(part.note, str)
        assert "confirmed" in part.note.en
