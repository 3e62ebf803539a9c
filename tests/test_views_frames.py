"""to_pandas(): the documented columns, exact integer dtypes, the figures."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from welfare_rules import load_ruleset
from welfare_rules.audit.reconciliation import reconcile
from welfare_rules.audit.report import Report
from welfare_rules.entitle.allocate import allocate
from welfare_rules.rules.model import Ruleset
from welfare_rules.scenario import LevelChange, Reform
from welfare_rules.scenario.comparison import compare
from welfare_rules.views.frames import (
    ALLOCATION_COLUMNS,
    AUDIT_COLUMNS,
    COMPARISON_COLUMNS,
    RULESET_COLUMNS,
    allocation_frame,
)

from .test_scenario_comparison import SOURCE_COUNTS

pd = pytest.importorskip("pandas")

TET_2024 = dt.date(2024, 2, 1)
FIXTURE = Path(__file__).parent / "fixtures" / "source_gift_table.json"


@pytest.fixture(scope="module")
def uong_bi() -> Ruleset:
    return load_ruleset("uong-bi-tet-2024")


def test_the_columns_are_the_documented_ones() -> None:
    from welfare_rules.views import frames as _frames

    doc = _frames.__doc__ or ""
    for columns in (
        RULESET_COLUMNS,
        ALLOCATION_COLUMNS,
        AUDIT_COLUMNS,
        *COMPARISON_COLUMNS.values(),
    ):
        assert ", ".join(columns) in " ".join(doc.split())


def test_ruleset_frame(uong_bi: Ruleset) -> None:
    frame = uong_bi.to_pandas(on=TET_2024)
    assert tuple(frame.columns) == RULESET_COLUMNS
    assert str(frame["amount"].dtype) == "Int64"
    provincial = frame[frame["programme"] == "provincial-4107"]
    assert provincial["amount"].tolist() == [4_000_000, 1_500_000, 1_000_000, 500_000, 300_000]
    assert frame[frame["programme"] == "city-special-hardship"]["quota"].tolist() == [300]
    assert len(uong_bi.to_pandas()) > len(frame)  # every version without a date


def test_audit_frame() -> None:
    result = reconcile(Report.model_validate(json.loads(FIXTURE.read_text(encoding="utf-8"))))
    frame = result.to_pandas()
    assert tuple(frame.columns) == AUDIT_COLUMNS
    assert frame["line"].tolist() == [31, 39, 45]
    assert frame["suggested"].tolist() == [5_455_400_000, 2_751_000_000, 1_137_600_000]
    assert str(frame["reported"].dtype) == "Int64"


def test_comparison_frames(uong_bi: Ruleset) -> None:
    reform = Reform(level=[LevelChange(programme="provincial-4107", level=500_000, amount=600_000)])
    result = compare(uong_bi, reform, SOURCE_COUNTS, on=TET_2024)
    by_level = result.to_pandas()
    assert tuple(by_level.columns) == COMPARISON_COLUMNS["level"]
    assert int(by_level["delta"].sum()) == 550_200_000
    assert int(by_level["baseline_amount"].sum()) == 8_839_600_000
    by_source = result.to_pandas(by="source")
    assert tuple(by_source.columns) == COMPARISON_COLUMNS["source"]
    assert by_source.set_index("source")["delta"].to_dict()["provincial"] == 550_200_000
    people = result.to_pandas(by="person")
    assert tuple(people.columns) == COMPARISON_COLUMNS["person"]
    assert people.empty  # counts name nobody
    with pytest.raises(ValueError, match="by must be one of"):
        result.to_pandas(by="colour")


def test_allocation_frame(uong_bi: Ruleset) -> None:
    result = allocate({"birth_year": [1954, 1954, 1944]}, uong_bi, on=TET_2024)
    frame = result.to_pandas()
    assert tuple(frame.columns) == ALLOCATION_COLUMNS
    assert frame.equals(allocation_frame(result))
    assert int(frame["amount"].sum()) == result.total.amount == 2_300_000
    assert str(frame["count"].dtype) == "Int64"


def test_the_allocation_frame_has_the_goods_exactly() -> None:
    people = {"birth_year": [1934] * 104 + [1924] * 7}
    frame = allocate(people, "vn-longevity", on=dt.date(2024, 3, 1)).to_pandas()
    for column in ("level_in_kind", "in_kind", "total"):
        assert str(frame[column].dtype) == "Int64"
    assert (int(frame["amount"].sum()), int(frame["in_kind"].sum())) == (56_900_000, 15_600_000)
    assert int(frame["total"].sum()) == 72_500_000
