"""Person: construction from keywords, dicts and JSON; errors name the field."""

from __future__ import annotations

import datetime as dt

import pytest

from welfare_rules.entitle.person import Person, people_from_json
from welfare_rules.errors import PersonDataError


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
        ({"categories": {"war_invalid": {"rate": 81}}}, "categories.war_invalid.rate"),
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


def test_keyword_construction_raises_person_data_error() -> None:
    with pytest.raises(PersonDataError):
        Person(birth_year=1700)


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
