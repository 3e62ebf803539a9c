"""Person: construction from keywords, dicts and JSON; errors name the field."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from welfare_rules.entitle.person import Person, people_from_json, plain_rule_view
from welfare_rules.errors import PersonDataError
from welfare_rules.rules.categories import CATEGORIES


def test_birth_year_only_and_birth_date() -> None:
    assert Person(birth_year=1954).year_of_birth == 1954
    assert Person(birth_date=dt.date(1954, 3, 1)).year_of_birth == 1954
    assert Person.from_dict({"birth_date": "1954-03-01"}).birth_date == dt.date(1954, 3, 1)
    assert Person().year_of_birth is None


def test_categories_from_a_list_mean_no_attribute_known() -> None:
    person = Person.from_dict({"categories": ["war_invalid", "heroic_mother"]})
    assert person.categories == {"war_invalid": {}, "heroic_mother": {}}


def test_household_flags_join_the_rule_view() -> None:
    view = Person(poor=True).rule_view()
    assert "poor_household" in view
    assert "near_poor_household" not in view


def test_selections_from_a_semicolon_list() -> None:
    assert Person.from_dict({"selections": "a; b"}).selections == frozenset({"a", "b"})


@pytest.mark.parametrize(
    ("data", "path"),
    [
        ({"birth_year": 1954.0}, "birth_year"),
        ({"birth_year": "1954"}, "birth_year"),
        ({"birth_date": "01/03/1954"}, "birth_date"),
        ({"birth_date": 19540301}, "birth_date"),
        (
            {"categories": {"war_invalid": {"injury_rate": 181}}},
            "categories.war_invalid.injury_rate",
        ),
        (
            {"categories": {"war_invalid": {"injury_rate": True}}},
            "categories.war_invalid.injury_rate",
        ),
        (
            {"categories": {"war_invalid": {"injury_rate": 81.0}}},
            "categories.war_invalid.injury_rate",
        ),
        (
            {"categories": {"war_invalid": {"injury_rate": "81"}}},
            "categories.war_invalid.injury_rate",
        ),
        ({"categories": {"war_invalid": {"rate": 81}}}, "categories.war_invalid.rate"),
        ({"categories": {"war_invalid": {"rate": "x"}}}, "categories.war_invalid.rate"),
        ({"categories": {"nope": {"x": "1"}}}, "categories.nope"),
        ({"selections": [1]}, "selections[0]"),
        ({"int": 1}, "int"),
        ({"categories": ["nope"]}, "categories.nope"),
        ({"name": "x"}, "name"),
        ({"birth_date": "1954-03-01", "birth_year": 1955}, "birth_year"),
        ({"birth_date": "1954-03-01", "death_date": "1950-01-01"}, "death_date"),
        ({"poor": True, "near_poor": True}, "near_poor"),
    ],
)
def test_errors_name_the_field(data: dict[str, object], path: str) -> None:
    with pytest.raises(PersonDataError) as caught:
        Person.from_dict(data)
    assert caught.value.path == path
    assert caught.value.text.vi
    assert caught.value.text.en
    assert path in str(caught.value)


@pytest.mark.parametrize("rate", [81.0, 81.5])
def test_a_float_attribute_is_not_a_whole_number(rate: float) -> None:
    with pytest.raises(PersonDataError) as caught:
        Person.from_dict({"categories": {"war_invalid": {"injury_rate": rate}}})
    err = caught.value
    assert err.path == "categories.war_invalid.injury_rate"  # no union tag (".bool")
    assert err.value == rate
    assert "whole number" in err.text.en
    assert "số nguyên" in err.text.vi
    assert "bool" not in err.text.en


@pytest.mark.parametrize(
    ("data", "en", "vi"),
    [
        ({"birth_year": 1954.0}, "whole number", "số nguyên"),
        ({"birth_year": "1954"}, "expected an integer, not '1954'", "cần số nguyên"),
        ({"birth_year": 1700}, "1700 is below the minimum 1800", "tối thiểu 1800"),
        ({"birth_year": 2300}, "2300 is above the maximum 2200", "tối đa 2200"),
        ({"poor": 1.0}, "expected true or false, not 1.0", "cần true hoặc false"),
        ({"poor": "yes"}, "expected true or false", "cần true hoặc false"),
        ({"id": 5}, "wrong type of value (string): 5", "kiểu giá trị không đúng"),
        ({"name": "x"}, "not a field of a person record (known: id, ", "có: id, "),
        (
            {"categories": {"war_invalid": {"injury_rate": "81"}}},
            "attribute 'injury_rate' needs a value of type int percent 0..100, not '81'",
            "thuộc tính 'injury_rate' cần giá trị kiểu int",
        ),
        (
            {"categories": {"martyr_relative": {"representative": 1.0}}},
            "needs a value of type bool, not 1.0",
            "cần giá trị kiểu bool",
        ),
        ({"categories": {"nope": {"x": "1"}}}, "unknown beneficiary category: 'nope'", "danh mục"),
    ],
)
def test_reasons_say_what_is_wrong_in_both_languages(
    data: dict[str, object], en: str, vi: str
) -> None:
    with pytest.raises(PersonDataError) as caught:
        Person.from_dict(data)
    assert en in caught.value.text.en
    assert vi in caught.value.text.vi


def test_keyword_construction_raises_person_data_error() -> None:
    with pytest.raises(PersonDataError):
        Person(birth_year=1700)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("[" * 100_000, "101"),  # issue 13: RecursionError
        ('{"birth_year": ' + "1" * 5000 + "}", "5000"),  # Python's 4.300-digit ValueError
        (b"\xff\xfe\x00\x00{\x00\x00\x00", "JSON"),  # UTF-32, cut short
    ],
    ids=["deep", "digits", "utf32-cut"],
)
def test_json_past_the_limits_is_a_person_data_error(text: str | bytes, fragment: str) -> None:
    with pytest.raises(PersonDataError, match=fragment) as caught:
        Person.from_json(text)
    assert caught.value.localized("vi").startswith("hồ sơ đối tượng không hợp lệ")
    with pytest.raises(PersonDataError):
        people_from_json(text)


def test_a_lone_surrogate_in_person_json_becomes_a_replacement_character() -> None:
    person = Person.from_json('{"id": "a\\ud800", "birth_year": 1954}')
    assert person.id == "a\ufffd"
    assert Person.from_json(person.model_dump_json()) == person


def test_json_one_or_many_with_the_index_in_errors() -> None:
    assert len(people_from_json('{"birth_year": 1954}')) == 1
    assert len(people_from_json('[{"birth_year": 1954}, {}]')) == 2
    with pytest.raises(PersonDataError) as caught:
        people_from_json('[{"birth_year": 1954}, {"birth_year": "x"}]')
    assert caught.value.path == "[1].birth_year"
    with pytest.raises(PersonDataError):
        people_from_json("{not json")
    with pytest.raises(PersonDataError):
        Person.from_json("[1, 2]")


def test_residence_and_its_months() -> None:
    person = Person(residence="temporary", residence_months=6)
    assert (person.residence, person.residence_months) == ("temporary", 6)
    with pytest.raises(PersonDataError) as caught:
        Person(residence="permanent", residence_months=6)
    assert caught.value.path == "residence_months"
    with pytest.raises(PersonDataError) as caught:
        Person.from_dict({"residence": "visiting"})
    assert caught.value.path == "residence"


_NAMES = st.sampled_from(
    [*CATEGORIES, "unknown_category", "poor_household"]  # one unknown, one a household's
)
_ATTRIBUTES = st.sampled_from(
    sorted({a for c in CATEGORIES.values() for a in c.attributes} | {"no_such_attribute"})
)
_VALUES = st.one_of(
    st.booleans(),
    st.integers(min_value=-5, max_value=300),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-5, max_value=300),
    st.sampled_from(["81", None]),
)


@settings(max_examples=400, deadline=None)
@given(
    categories=st.dictionaries(
        _NAMES, st.dictionaries(_ATTRIBUTES, _VALUES, max_size=3), max_size=3
    ),
    poor=st.one_of(st.booleans(), st.just(1)),
    near_poor=st.booleans(),
)
def test_plain_rule_view_is_persons_or_none(
    categories: dict[str, dict[str, object]], poor: object, near_poor: bool
) -> None:
    """plain_rule_view gives the validated Person's rule view exactly, or None (never a
    view for a record Person refuses)."""
    data = {"categories": categories, "poor": poor, "near_poor": near_poor}
    plain = plain_rule_view(data)
    try:
        expected = Person.from_dict(data).rule_view()
    except PersonDataError:
        assert plain is None
        return
    if plain is not None:
        assert plain == expected
        assert list(plain) == list(expected)


def test_plain_rule_view_takes_plain_values_only() -> None:
    data = {"categories": {"war_invalid": {"injury_rate": 81}}, "poor": True}
    assert plain_rule_view(data) == Person.from_dict(data).rule_view()
    assert plain_rule_view({"categories": {}, "birth_year": 1954}) is None  # another field
    assert plain_rule_view({"categories": {"war_invalid": {"injury_rate": 81.0}}}) is None
    assert plain_rule_view({"poor": True, "near_poor": True}) is None
