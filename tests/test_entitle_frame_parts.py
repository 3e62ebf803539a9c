"""entitle/_frame_parts.py: a typed frame counted part by part with numpy gives the
allocation key by key (the same lines, undetermined groups with their first occurrence,
quotas, and the same error when a record is bad)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from unittest import mock

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from welfare_rules.entitle import allocate as allocate_module
from welfare_rules.entitle._frame import code_frame
from welfare_rules.entitle._frame_parts import tally_frame
from welfare_rules.entitle.allocate import allocate
from welfare_rules.entitle.engine import plan_for
from welfare_rules.errors import PersonDataError
from welfare_rules.rules import load_ruleset

from .strategies import populations, rulesets
from .test_entitle_allocate import as_columns

pd = pytest.importorskip("pandas")

# after the skip: without pandas, test_entitle_frame skips itself and has no `typed`
from .test_entitle_frame import typed  # noqa: E402

TET_2024 = dt.date(2024, 2, 1)
UONG_BI = load_ruleset("uong-bi-tet-2024")


def key_by_key(frame: Any, ruleset: Any, on: dt.date, **options: Any) -> Any:
    """The allocation with both part-by-part ways turned off."""
    with (
        mock.patch.object(allocate_module, "tally_frame", return_value=None),
        mock.patch.object(allocate_module, "tally_parts", return_value=None),
    ):
        return allocate(frame, ruleset, on=on, **options)


def outcome(run: Any) -> object:
    try:
        return run()
    except PersonDataError as error:
        return ("error", error.path, error.text.en, error.text.vi)


def _mixed() -> Any:
    """Undetermined cases of several parts (a missing injury rate, an altar keeper's
    missing number of martyrs, the unstated provincial levels), the dead, the unborn,
    a person with selections and no category."""
    return pd.DataFrame(
        {
            "birth_date": pd.to_datetime(
                ["1990-05-01", None, "1944-01-01", "2024-03-01", "1930-02-02", None, "1954-02-01"]
            ),
            "birth_year": pd.array([None, 1954, None, None, None, 1924, None], dtype="Int16"),
            "death_date": pd.to_datetime([None, None, "2024-01-05", None, None, None, None]),
            "categories": pd.Categorical(
                ["", "war_invalid", "war_invalid", "", "martyr_altar_keeper", "", "war_invalid"]
            ),
            "war_invalid.injury_rate": pd.array([None, None, 81, None, None, None, 41], "Int16"),
            "selections": pd.Categorical(["", "", "", "", "", "city-special-hardship", ""]),
        }
    )


def test_uong_bi_frames_are_counted_part_by_part() -> None:
    """The way under test is taken (the property below would compare the reference with
    itself otherwise)."""
    plan = plan_for(UONG_BI, on=TET_2024)
    tally = tally_frame(code_frame(_mixed(), plan), plan)
    assert tally is not None
    assert tally.undetermined
    assert allocate(_mixed(), UONG_BI, on=TET_2024) == key_by_key(_mixed(), UONG_BI, TET_2024)


def test_a_bad_part_of_a_living_person_is_the_key_by_key_error() -> None:
    frame = _mixed().assign(selections=pd.Categorical(["", "", "", "", "", "no-such", ""]))
    plan = plan_for(UONG_BI, on=TET_2024)
    assert tally_frame(code_frame(frame, plan), plan) is None
    expected = outcome(lambda: key_by_key(frame, UONG_BI, TET_2024))
    assert isinstance(expected, tuple)
    assert expected[1] == "[5].selections"
    assert outcome(lambda: allocate(frame, UONG_BI, on=TET_2024)) == expected


@settings(max_examples=40, deadline=None)
@given(ruleset=rulesets(), data=st.data(), offset=st.integers(0, 5))
@example(ruleset=UONG_BI, data=None, offset=3).via("undetermined cases of several parts")
def test_part_by_part_equals_key_by_key(ruleset: Any, data: Any, offset: int) -> None:
    if data is None:
        frame, on = _mixed(), TET_2024
    else:
        ids = tuple(p.id for p in ruleset.all_programmes() if p.kind == "selected")
        frame = typed(as_columns(data.draw(populations(selections=ids))))
        on = data.draw(st.dates(dt.date(2015, 1, 1), dt.date(2030, 12, 31)))
        on = on if ruleset.applies_on(on) else (ruleset.period[0] or on)
        frame = frame[data.draw(st.permutations(list(frame.columns)))]
    expected = outcome(lambda: key_by_key(frame, ruleset, on, row_offset=offset))
    assert outcome(lambda: allocate(frame, ruleset, on=on, row_offset=offset)) == expected


@settings(max_examples=40, deadline=None)
@given(data=st.data(), offset=st.integers(0, 5))
def test_uong_bi_part_by_part_equals_key_by_key(data: Any, offset: int) -> None:
    """uong-bi-tet-2024 leaves the provincial levels open for every category: each drawn
    population has undetermined cases, so their first rows and places are compared."""
    ids = ("city-exemplary-households", "city-special-hardship")
    frame = typed(as_columns(data.draw(populations(selections=ids))))
    expected = outcome(lambda: key_by_key(frame, UONG_BI, TET_2024, row_offset=offset))
    assert outcome(lambda: allocate(frame, UONG_BI, on=TET_2024, row_offset=offset)) == expected


@pytest.mark.parametrize("unborn", [False, True])
def test_the_first_row_of_a_case_is_a_present_persons(unborn: bool) -> None:
    """Row 0 has the same part as row 1 but died before the date (or is born after it):
    the case first occurs on row 1, as key by key."""
    frame = pd.DataFrame(
        {
            "birth_date": pd.to_datetime(["2024-05-01" if unborn else "1950-01-01", "1950-01-01"]),
            "death_date": pd.to_datetime([None if unborn else "2024-01-05", None]),
            "categories": pd.Categorical(["war_invalid", "war_invalid"]),
            "war_invalid.injury_rate": pd.array([None, None], dtype="Int16"),
        }
    )
    plan = plan_for(UONG_BI, on=TET_2024)
    assert tally_frame(code_frame(frame, plan), plan) is not None  # no selections column
    result = allocate(frame, UONG_BI, on=TET_2024)
    assert result == key_by_key(frame, UONG_BI, TET_2024)
    assert result.undetermined
    assert {group.first[0] for group in result.undetermined} == {1}
