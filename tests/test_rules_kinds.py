"""Tests for rules/kinds.py: the registry of programme kinds, and the contract each inherits."""

from __future__ import annotations

import datetime as dt
from typing import get_args

import pytest

from welfare_rules.rules.kinds import (
    KINDS,
    SHAPE_FIELDS,
    SHAPE_KEYS,
    Kind,
    PricedItem,
    ProgrammeKind,
    kind_of,
    kinds_with,
)
from welfare_rules.rules.load import load_ruleset

from .contracts import KindContract

# One contract class per registered kind: a new kind is tested by being registered.
for _name in KINDS:
    _cls = "TestKind_" + _name
    globals()[_cls] = type(_cls, (KindContract,), {"kind_name": _name})

TET_2024 = dt.date(2024, 2, 1)


def test_the_registry_matches_the_names_rule_files_may_write() -> None:
    assert tuple(KINDS) == get_args(ProgrammeKind)
    assert all(isinstance(kind, Kind) for kind in KINDS.values())
    tested = sorted(v.kind_name for k, v in globals().items() if k.startswith("TestKind_"))
    assert tested == sorted(KINDS)


def test_every_shape_field_has_its_file_key() -> None:
    assert set(SHAPE_KEYS) == set(SHAPE_FIELDS)


def test_kind_of_and_kinds_with() -> None:
    assert kind_of("levels") is KINDS["levels"]
    with pytest.raises(KeyError):
        kind_of("lottery")
    assert kinds_with("quota") == ("selected",)
    assert kinds_with("level") == ("levels",)
    assert kinds_with("bracket") == ("longevity",)
    assert kinds_with("eligibility") == ("levels",)


def test_priced_items_of_the_source_report() -> None:
    ruleset = load_ruleset("uong-bi-tet-2024")
    priced = {
        item.programme.id: item.programme.kind_spec.priced(item.version)
        for item in ruleset.in_force(on=TET_2024)
    }
    assert [p.amount for p in priced["provincial-4107"]] == [
        4_000_000,
        1_500_000,
        1_000_000,
        500_000,
        300_000,
    ]
    assert [p.ages for p in priced["city-longevity"]][-1] == "101+"
    assert priced["city-exemplary-households"] == (
        PricedItem("selected", priced["city-exemplary-households"][0].amount, None, quota=20),
    )
    assert priced["socialized-tet"] == ()


def test_item_labels_in_both_languages() -> None:
    longevity = load_ruleset("vn-longevity").all_programmes()[0]
    bracket = longevity.versions[-1].brackets[-1]
    label = KINDS["longevity"].item_label(bracket, bracket.amount)
    assert label.en.startswith("Age ")
    assert KINDS["levels"].item_label(None, 600_000) == ("Mức 600.000 đ", "Level VND 600,000")


def test_levels_find_by_amount_or_id_and_list_amounts() -> None:
    central = load_ruleset("vn-central-tet").programme("central-tet")
    version = central.version_on(TET_2024)
    assert version is not None
    assert KINDS["levels"].find(version, 600_000) == "higher"
    assert KINDS["levels"].find(version, "lower") == "lower"
    assert KINDS["levels"].find(version, 1) is None
    assert KINDS["levels"].known(version) == "600000, 300000"
    assert repr(KINDS["levels"]) == "<kind levels>"


def test_priced_items_carry_their_in_kind_value() -> None:
    import datetime as dt

    from welfare_rules.rules import load_ruleset
    from welfare_rules.rules.kinds import KINDS

    version = (
        load_ruleset("vn-longevity")
        .programme("provincial-longevity")
        .version_on(dt.date(2024, 1, 1))
    )
    assert version is not None
    [ninety] = KINDS["longevity"].priced(version)
    assert (ninety.amount, ninety.in_kind_value, ninety.ages) == (500_000, 150_000, "90")
    # 104 ninety-year-olds: 52.000.000đ cash and 15.600.000đ in goods.
    assert 104 * ninety.amount + 104 * ninety.in_kind_value == 67_600_000


def test_a_bounded_range_is_labelled_by_both_ends() -> None:
    from welfare_rules.rules.kinds import KINDS
    from welfare_rules.rules.model import Bracket

    bracket = Bracket(from_age=101, to_age=109, every_year=True, amount=1, confirmed=True)
    assert KINDS["longevity"].item_label(bracket, 1).en == "Age 101 to 109"
