"""entitlements(): highest level, stacking, age bases, dated values, death, missing inputs."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from welfare_rules.entitle import engine
from welfare_rules.entitle.engine import entitlements, plan_for
from welfare_rules.entitle.person import Person
from welfare_rules.entitle.results import Entitlement, Undetermined
from welfare_rules.errors import PersonDataError, RulesetPeriodError
from welfare_rules.rules import load_ruleset, parse_ruleset
from welfare_rules.rules.categories import CATEGORIES

from .strategies import people, rulesets

TET_2024 = dt.date(2024, 2, 1)
UONG_BI = load_ruleset("uong-bi-tet-2024")
CENTRAL = load_ruleset("vn-central-tet")


def gifts(items: list[Any]) -> dict[str, int]:
    return {i.programme: i.amount for i in items if isinstance(i, Entitlement)}


COMMUNE, CITY = "commune-longevity", "city-longevity"


@pytest.mark.parametrize(
    ("age", "expected"),
    [
        # Every bracket of uong-bi-tet-2024 and the ages on both sides of it.
        (69, {}),
        (70, {COMMUNE: ("age-70", 700_000)}),
        (71, {}),
        (74, {}),
        (75, {COMMUNE: ("age-75", 700_000)}),
        (76, {}),
        (79, {}),
        (80, {CITY: ("age-80", 900_000)}),
        (81, {}),
        (84, {}),
        (85, {CITY: ("age-85", 900_000)}),
        (86, {}),
        (89, {}),
        (90, {CITY: ("age-90", 1_200_000)}),
        (91, {}),
        (94, {}),
        (95, {CITY: ("age-95", 1_200_000)}),
        (96, {}),
        (99, {}),
        (100, {CITY: ("age-100", 1_700_000)}),
        (101, {CITY: ("from-101", 1_700_000)}),
        (104, {CITY: ("from-101", 1_700_000)}),
    ],
)
def test_uong_bi_brackets_by_calendar_year_age(
    age: int, expected: dict[str, tuple[str, int]]
) -> None:
    year = 2024 - age
    born = (
        Person(birth_year=year),
        Person(birth_date=dt.date(year, 1, 1)),
        Person(birth_date=dt.date(year, 12, 31)),  # the birthday after Tết: same calendar age
    )
    for person in born:
        items = entitlements(person, UONG_BI, on=TET_2024)
        found = {i.programme: (i.level, i.amount) for i in items if isinstance(i, Entitlement)}
        assert found == expected
        assert all(i.age == age for i in items if isinstance(i, Entitlement))
        assert not [i for i in items if isinstance(i, Undetermined)]


def _exact_ruleset() -> Any:
    return parse_ruleset(
        {
            "id": "exact-test",
            "title": {"vi": "Thử", "en": "Test"},
            "jurisdiction": {"vi": "Thử", "en": "Test"},
            "occasion": "longevity",
            "programme": [
                {
                    "id": "exact-longevity",
                    "title": {"vi": "Mừng thọ", "en": "Longevity"},
                    "kind": "longevity",
                    "source": "commune",
                    "age_basis": "exact",
                    "basis": {
                        "number": "39/2009/QH12",
                        "kind": "law",
                        "issuer": {"vi": "Quốc hội", "en": "National Assembly"},
                        "confirmed": True,
                    },
                    "version": [{"bracket": [{"age": 70, "amount": 700_000}]}],
                }
            ],
        }
    )


def test_exact_age_on_both_sides_of_a_birthday() -> None:
    ruleset = _exact_ruleset()
    person = Person(birth_date=dt.date(1954, 3, 1))
    assert gifts(entitlements(person, ruleset, on=dt.date(2024, 2, 29))) == {}
    assert gifts(entitlements(person, ruleset, on=dt.date(2024, 3, 1))) == {
        "exact-longevity": 700_000
    }
    # With only a birth year the exact age on 01/02/2024 is 69 or 70: undetermined.
    [item] = entitlements(Person(birth_year=1954), ruleset, on=dt.date(2024, 2, 1))
    assert isinstance(item, Undetermined)
    assert item.missing == ("birth_date",)
    assert item.possible == ("age-70",)
    assert item.may_be_nothing
    # On 31 December every birthday of the year has passed.
    assert gifts(entitlements(Person(birth_year=1954), ruleset, on=dt.date(2024, 12, 31))) == {
        "exact-longevity": 700_000
    }


def test_highest_level_rule_one_gift_at_600000() -> None:
    person = Person(categories={"war_invalid": {"injury_rate": 85}, "imprisoned_by_enemy": {}})
    items = [i for i in entitlements(person, CENTRAL, on=TET_2024) if i.programme == "central-tet"]
    assert len(items) == 1
    assert isinstance(items[0], Entitlement)
    assert (items[0].level, items[0].amount) == ("higher", 600_000)
    assert items[0].confirmed


@pytest.mark.parametrize(
    ("on", "higher", "lower"),
    [(dt.date(2019, 2, 1), 400_000, 200_000), (TET_2024, 600_000, 300_000)],
)
def test_dated_values(on: dt.date, higher: int, lower: int) -> None:
    assert gifts(entitlements({"categories": ["heroic_mother"]}, CENTRAL, on=on)) == {
        "central-tet": higher
    }
    person = {"categories": {"war_invalid": {"injury_rate": 40}}}
    assert gifts(entitlements(person, CENTRAL, on=on)) == {"central-tet": lower}


def test_a_year_with_no_recorded_decision_is_undetermined_not_zero() -> None:
    [item] = entitlements({"categories": ["heroic_mother"]}, CENTRAL, on=dt.date(2025, 1, 20))
    assert isinstance(item, Undetermined)
    assert item.cause == "not_recorded"
    assert entitlements({"birth_year": 1990}, CENTRAL, on=dt.date(2025, 1, 20)) == []


def test_missing_injury_rate_is_undetermined_naming_levels_and_input() -> None:
    items = entitlements({"categories": ["war_invalid"]}, CENTRAL, on=TET_2024)
    [item] = items
    assert isinstance(item, Undetermined)
    assert item.programme == "central-tet"
    assert item.possible == ("higher", "lower")
    assert item.amounts == (600_000, 300_000)
    assert item.missing == ("war_invalid.injury_rate",)
    assert item.amount is None
    assert "war_invalid.injury_rate" in item.reason.en
    assert "600.000" in item.reason.vi


def test_missing_rate_but_a_sure_lower_level_cannot_be_nothing() -> None:
    person = {"categories": {"war_invalid": {}, "imprisoned_by_enemy": {}}}
    [item] = entitlements(person, CENTRAL, on=TET_2024)
    assert isinstance(item, Undetermined)
    assert item.possible == ("higher", "lower")
    assert not item.may_be_nothing


def test_missing_birth_year_is_undetermined_for_longevity() -> None:
    items = entitlements({}, UONG_BI, on=TET_2024)
    assert {i.programme for i in items} == {"commune-longevity", "city-longevity"}
    assert all(isinstance(i, Undetermined) and i.missing == ("birth_year",) for i in items)


def test_unstated_levels_are_undetermined_only_for_people_covered() -> None:
    items = entitlements(
        {"birth_year": 1990, "categories": ["heroic_mother"]}, UONG_BI, on=TET_2024
    )
    causes = {i.programme: i.cause for i in items if isinstance(i, Undetermined)}
    assert causes == {"provincial-4107": "rules_not_stated", "city-tet": "rules_not_stated"}
    assert entitlements({"birth_year": 1990}, UONG_BI, on=TET_2024) == []


def test_programmes_stack_and_selection_counts() -> None:
    person = {
        "birth_year": 1944,
        "categories": ["heroic_mother"],
        "selections": ["city-exemplary-households"],
    }
    assert gifts(entitlements(person, UONG_BI, on=TET_2024)) == {
        "central-tet": 600_000,
        "city-exemplary-households": 2_000_000,
        "city-longevity": 900_000,
    }


def test_died_before_the_occasion_gets_nothing() -> None:
    person = {"birth_year": 1954, "categories": ["heroic_mother"]}
    assert entitlements({**person, "death_date": "2024-01-31"}, UONG_BI, on=TET_2024) == []
    assert entitlements({**person, "death_date": "2024-02-01"}, UONG_BI, on=TET_2024) != []


def test_outside_the_ruleset_period_is_an_error_not_nothing() -> None:
    with pytest.raises(RulesetPeriodError):
        entitlements({"birth_year": 1954}, UONG_BI, on=dt.date(2019, 2, 1))


def test_bad_dict_raises_person_data_error() -> None:
    with pytest.raises(PersonDataError):
        entitlements({"birth_year": "1954"}, UONG_BI, on=TET_2024)


def _floor(items: list[Any]) -> int:
    """The least the person surely receives."""
    total = 0
    for item in items:
        if isinstance(item, Entitlement):
            total += item.amount
        elif not item.may_be_nothing:
            total += min(item.amounts)
    return total


@given(ruleset=rulesets(), data=st.data())
@example(ruleset=CENTRAL, data=None)
def test_adding_a_qualifying_category_never_lowers_the_total(ruleset: Any, data: Any) -> None:
    if data is None:  # the pinned example: a war invalid who is also imprisoned
        before = {"categories": {"imprisoned_by_enemy": {}}}
        after = {"categories": {"imprisoned_by_enemy": {}, "war_invalid": {"injury_rate": 90}}}
        assert _floor(entitlements(after, ruleset, on=TET_2024)) == 600_000
        assert _floor(entitlements(before, ruleset, on=TET_2024)) == 300_000
        return
    on = data.draw(st.dates(dt.date(2015, 1, 1), dt.date(2030, 12, 31)))
    if not ruleset.applies_on(on):
        on = ruleset.period[0] or on
    person = data.draw(people(complete=True))
    extra = data.draw(st.sampled_from(sorted(CATEGORIES)))
    spec = CATEGORIES[extra]
    attributes = {
        name: data.draw(
            st.booleans() if a.kind == "bool" else st.integers(a.minimum or 0, a.maximum or 10)
        )
        for name, a in spec.attributes.items()
    }
    grown = person.model_copy(update={"categories": {**person.categories, extra: attributes}})
    if extra in person.categories:
        return
    assert _floor(entitlements(grown, ruleset, on=on)) >= _floor(
        entitlements(person, ruleset, on=on)
    )


def test_born_on_29_february_is_a_year_older_on_28_february_of_a_common_year() -> None:
    """dateutil's convention (dates.age_on), on every path: one person, columns, records, a
    frame. Born 29/02/1952, the person turns 70 on 28/02/2022 (2022 has no 29 February)."""
    from welfare_rules.entitle.allocate import allocate

    ruleset = _exact_ruleset()
    born = dt.date(1952, 2, 29)
    on, before = dt.date(2022, 2, 28), dt.date(2022, 2, 27)
    assert gifts(entitlements(Person(birth_date=born), ruleset, on=before)) == {}
    assert gifts(entitlements(Person(birth_date=born), ruleset, on=on)) == {
        "exact-longevity": 700_000
    }
    for population in ({"birth_date": [born.isoformat()]}, [{"birth_date": born.isoformat()}]):
        assert allocate(population, ruleset, on=on).total.count == 1
        assert allocate(population, ruleset, on=before).total.count == 0
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"birth_date": pd.to_datetime([born.isoformat()])})
    assert allocate(frame, ruleset, on=on).total.count == 1
    assert allocate(frame, ruleset, on=before).total.count == 0


# -- no silent drops (issue 14) ----------------------------------------------------------


def test_a_mistyped_selection_id_is_an_error_naming_it() -> None:
    with pytest.raises(PersonDataError) as caught:
        entitlements({"selections": ["city-exemplary-household"]}, UONG_BI, on=TET_2024)
    assert caught.value.path == "selections"
    assert "city-exemplary-household" in str(caught.value)
    assert "city-exemplary-households" in caught.value.text.vi
    person = {"birth_year": 1990, "selections": ["city-exemplary-households"]}
    assert gifts(entitlements(person, UONG_BI, on=TET_2024)) == {
        "city-exemplary-households": 2_000_000
    }


@pytest.mark.parametrize("on", ["2024-02-01", dt.datetime(2024, 2, 1, 9, 30)])
def test_on_may_be_an_iso_string_or_a_datetime(on: object) -> None:
    items = entitlements({"birth_year": 1954}, UONG_BI, on=on)  # type: ignore[arg-type]
    assert items == entitlements({"birth_year": 1954}, UONG_BI, on=TET_2024)


@pytest.mark.parametrize("on", ["01/02/2024", "tomorrow", 20240201, None])
def test_a_bad_on_is_a_bilingual_date_error(on: object) -> None:
    from welfare_rules.errors import DateParseError

    with pytest.raises(DateParseError) as caught:
        entitlements({"birth_year": 1954}, UONG_BI, on=on)  # type: ignore[arg-type]
    assert caught.value.text.vi != caught.value.text.en


def test_an_impossible_age_is_an_error_not_a_gift() -> None:
    with pytest.raises(PersonDataError) as caught:
        entitlements({"birth_year": 1834}, UONG_BI, on=TET_2024)
    assert caught.value.path == "birth_year"
    assert caught.value.value == 1834
    assert "1834" in caught.value.text.vi
    assert "190" in str(caught.value)


def test_death_before_the_birth_year_is_an_error() -> None:
    with pytest.raises(PersonDataError) as caught:
        Person(birth_year=1950, death_date=dt.date(1949, 5, 1))
    assert caught.value.path == "death_date"
    assert "1950" in str(caught.value)
    assert "1950" in caught.value.text.vi


# -- issue 13: a programme reached twice through includes is paid once ---------------------


def test_a_programme_included_twice_is_paid_once(tmp_path: Any) -> None:
    head = (
        'title = { vi = "T", en = "T" }\njurisdiction = { vi = "X", en = "X" }\noccasion = "tet"\n'
    )
    (tmp_path / "province.toml").write_text(
        f'id = "province"\n{head}includes = ["vn-central-tet"]\n', "utf-8"
    )
    (tmp_path / "city.toml").write_text(
        f'id = "city"\n{head}includes = ["vn-central-tet", "province.toml"]\n', "utf-8"
    )
    city = load_ruleset(tmp_path / "city.toml")
    [gift] = entitlements({"categories": ["heroic_mother"]}, city, on=TET_2024)
    assert (gift.programme, gift.amount) == ("central-tet", 600_000)
    assert [p.id for p in city.all_programmes()] == ["central-tet"]


# -- the corrected cases of issue 14 ------------------------------------------------------

LONGEVITY = load_ruleset("vn-longevity")


def test_a_centenarian_in_2015_gets_500_000_and_silk() -> None:
    [gift] = entitlements({"birth_year": 1915}, LONGEVITY, on=dt.date(2015, 3, 1))
    assert isinstance(gift, Entitlement)
    assert (gift.amount, [k.describe("en") for k in gift.in_kind]) == (500_000, ["5 m silk"])
    assert gift.basis is not None
    assert gift.basis.number == "21/2011/TT-BTC"
    assert gift.source.value == "provincial"


@pytest.mark.parametrize(
    ("on", "amount"),
    [(dt.date(2018, 12, 31), 500_000), (dt.date(2019, 1, 1), 700_000)],
)
def test_the_centenarian_gift_on_both_sides_of_circular_96(on: dt.date, amount: int) -> None:
    [gift] = entitlements({"birth_year": on.year - 100}, LONGEVITY, on=on)
    assert gift.amount == amount


def test_the_sole_representative_gets_two_gifts_marked_unconfirmed() -> None:
    person = {
        "categories": {
            "war_invalid": {"injury_rate": 61},
            "martyr_relative": {
                "representative": True,
                "martyrs": 1,
                "survivor_care_allowance": False,
                "monthly_allowance": False,
            },
        }
    }
    items = entitlements(person, CENTRAL, on=TET_2024)
    assert [(i.programme, i.level, i.amount) for i in items] == [
        ("central-tet", "lower", 300_000),
        ("central-tet", "lower", 300_000),
    ]
    assert all(isinstance(i, Entitlement) for i in items)
    assert items[1].confirmed is False  # the additional gift rests on guidance only
    main, extra = (i for i in items if isinstance(i, Entitlement))
    assert (main.extra, extra.extra) == (None, "martyr-representative")
    assert "extra" not in main.to_dict()
    assert extra.to_dict()["extra"] == "martyr-representative"


def test_an_altar_keeper_gets_one_gift_per_martyr_and_missing_is_not_zero() -> None:
    items = entitlements(
        {"categories": {"martyr_altar_keeper": {"martyrs": 3}}}, CENTRAL, on=TET_2024
    )
    assert [i.amount for i in items] == [300_000] * 3
    assert [i.extra for i in items if isinstance(i, Entitlement)] == [None, *["per-martyr"] * 2]
    unknown = entitlements({"categories": ["martyr_altar_keeper"]}, CENTRAL, on=TET_2024)
    assert isinstance(unknown[0], Entitlement)
    assert isinstance(unknown[1], Undetermined)
    assert unknown[1].missing == ("martyr_altar_keeper.martyrs",)


def test_the_age_90_budget_counts_the_goods() -> None:
    on = dt.date(2024, 3, 1)
    people = [{"birth_year": 1934}] * 104 + [{"birth_year": 1924}] * 7
    gifts_ = [g for p in people for g in entitlements(p, LONGEVITY, on=on)]
    assert all(isinstance(g, Entitlement) for g in gifts_)
    cash = sum(g.amount for g in gifts_ if isinstance(g, Entitlement))
    in_kind = sum(k.value or 0 for g in gifts_ if isinstance(g, Entitlement) for k in g.in_kind)
    assert cash == 56_900_000
    assert in_kind == 15_600_000
    assert cash + in_kind == 72_500_000


def test_residence_decides_and_missing_residence_is_undetermined() -> None:
    hcmc = load_ruleset("hcmc-longevity-2026")
    on = dt.date(2026, 3, 1)
    base = {"birth_year": 1956}
    [unknown] = entitlements(base, hcmc, on=on)
    assert isinstance(unknown, Undetermined)
    assert unknown.missing == ("residence",)
    [gift] = entitlements({**base, "residence": "permanent"}, hcmc, on=on)
    assert isinstance(gift, Entitlement)
    assert gift.amount == 800_000
    six = {**base, "residence": "temporary", "residence_months": 6}
    assert gifts(entitlements(six, hcmc, on=on)) == {"hcmc-longevity": 800_000}
    five = {**base, "residence": "temporary", "residence_months": 5}
    assert entitlements(five, hcmc, on=on) == []
    [months] = entitlements({**base, "residence": "temporary"}, hcmc, on=on)
    assert isinstance(months, Undetermined)
    assert months.missing == ("residence_months",)


def test_an_undetermined_item_names_the_versions_payer_as_a_gift_does() -> None:
    level = {"amount": 500_000, "rules_stated": False, "confirmed": False, "note": "not stated"}
    ruleset = parse_ruleset(
        {
            "id": "payer-test",
            "title": {"vi": "Thử", "en": "Test"},
            "jurisdiction": {"vi": "Thử", "en": "Test"},
            "occasion": "tet",
            "programme": [
                {
                    "id": "gift",
                    "title": {"vi": "Quà", "en": "Gift"},
                    "kind": "levels",
                    "source": "central",
                    "version": [
                        {
                            "payer": "provincial",
                            "confirmed": False,
                            "note": "a test",
                            "basis": {
                                "number": "1/QĐ-T",
                                "kind": "decision",
                                "issuer": {"vi": "Thử", "en": "Test"},
                                "confirmed": False,
                                "note": "a test",
                            },
                            "level": [level],
                        }
                    ],
                }
            ],
        }
    )
    [item] = entitlements({"categories": ["war_invalid"]}, ruleset, on=TET_2024)
    assert isinstance(item, Undetermined)
    assert item.source.value == "provincial"


def test_a_plan_forgets_every_evaluated_item_and_evaluates_them_again_alike() -> None:
    """forget() empties the parts' memo and every programme's (what a benchmark's fresh run
    needs); the items evaluated anew are equal to the remembered ones."""
    ruleset = load_ruleset("uong-bi-tet-2024")
    on = dt.date(2024, 2, 1)
    plan = plan_for(ruleset, on=on)
    people = [
        {"birth_year": 1944, "categories": {"war_invalid": {"injury_rate": 81}}},
        {"birth_date": "1950-06-01", "categories": ["heroic_mother"]},
        {"birth_year": 1924, "selections": ["city-special-hardship"]},
    ]
    before = [entitlements(record, ruleset, on=on) for record in people]
    assert plan.parts
    assert any(p.results for p in plan.programmes)
    plan.forget()
    assert not plan.parts
    assert not any(p.results or p.memo or p.ages for p in plan.programmes)
    assert [entitlements(record, ruleset, on=on) for record in people] == before


@given(ruleset=rulesets())
def test_what_the_plan_decides_from_the_ruleset_is_what_the_model_says(ruleset: Any) -> None:
    """A plan's brackets indexed by age are the version's bracket_for at every age, and a
    rule's categories (a group rule's decided once) give Rule.evaluate's answer."""
    try:
        plan = plan_for(ruleset, on=TET_2024)
    except RulesetPeriodError:
        return
    for p in plan.programmes:
        for age in range(-2, 160):
            assert p.bracket_for(age) is p.version.bracket_for(age)
        rules = [r for level in p.version.levels for r in level.rules]
        for rule in [*rules, *p.programme.covers]:
            assert engine._can_match(p, rule) == frozenset(rule.categories)
            for held in (set(), {"war_invalid"}, set(rule.categories), set(CATEGORIES)):
                view = {name: {} for name in held}
                assert engine._holds(p.matches, rule, view) == rule.evaluate(view)


def test_brackets_by_age_for_every_bundled_ruleset() -> None:
    for ruleset_id, on in (
        ("uong-bi-tet-2024", TET_2024),
        ("vn-longevity", TET_2024),
        ("hcmc-longevity-2026", dt.date(2026, 1, 20)),
    ):
        for p in plan_for(load_ruleset(ruleset_id), on=on).programmes:
            for age in range(-2, 160):
                assert p.bracket_for(age) is p.version.bracket_for(age)


@given(
    ruleset=rulesets(),
    year=st.one_of(st.none(), st.integers(1874, 2024)),
    exact=st.one_of(st.none(), st.integers(-1, 152)),
)
def test_a_silent_birth_part_has_no_item(ruleset: Any, year: int | None, exact: int | None) -> None:
    """Plan.silent never hides an item: where it says a group gives nothing, the group's
    items are empty."""
    from welfare_rules.entitle.engine import Inputs

    try:
        plan = plan_for(ruleset, on=TET_2024)
    except RulesetPeriodError:
        return
    inputs = Inputs(year, exact, True, (), frozenset())
    for group, (reads, _) in enumerate(plan.groups):
        if reads in ("birth", "selections", "categories") and plan.silent(group, inputs):
            assert reads == "birth"
            assert plan.part_items(group, inputs) == ()


def test_most_ages_are_silent_in_uong_bi() -> None:
    from welfare_rules.entitle.engine import Inputs

    plan = plan_for(UONG_BI, on=TET_2024)
    [birth] = [g for g, (reads, _) in enumerate(plan.groups) if reads == "birth"]
    assert plan.silent(birth, Inputs(1990, 33, True, (), frozenset()))
    assert not plan.silent(birth, Inputs(1954, 69, True, (), frozenset()))  # 70 this year
    assert not plan.silent(birth, Inputs(None, None, True, (), frozenset()))  # undetermined
