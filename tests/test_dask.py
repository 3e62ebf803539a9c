"""welfare_rules.entitle.dask: a Dask DataFrame allocated by partition equals the whole,
on the threaded scheduler and on a small dask.distributed cluster of processes."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from welfare_rules.entitle.allocate import allocate
from welfare_rules.errors import MissingExtraError, PersonDataError, SettingError
from welfare_rules.rules import load_ruleset

from .strategies import populations
from .test_entitle_allocate import as_columns

pd = pytest.importorskip("pandas")
dd = pytest.importorskip("dask.dataframe")

from welfare_rules.entitle.dask import allocate as dask_allocate  # noqa: E402

TET_2024 = dt.date(2024, 2, 1)
UONG_BI = load_ruleset("uong-bi-tet-2024")
SELECTED = ("city-exemplary-households", "city-special-hardship")


def _frame(size: int) -> Any:
    """A population with longevity ages, undetermined war invalids, a death, selections."""
    rows = range(size)
    return pd.DataFrame(
        {
            "id": [f"p{i}" for i in rows],
            "birth_date": pd.to_datetime(
                [None if i % 11 == 0 else f"{1900 + i % 120}-0{1 + i % 9}-15" for i in rows]
            ),
            "death_date": pd.to_datetime(["2023-12-31" if i % 97 == 5 else None for i in rows]),
            "categories": ["war_invalid" if i % 7 == 0 else "" for i in rows],
            "war_invalid.injury_rate": pd.array(
                [None if i % 14 == 0 else 60 + i % 40 for i in rows], dtype="Int64"
            ),
            "selections": ["city-special-hardship" if i % 50 == 3 else "" for i in rows],
        }
    )


@settings(max_examples=25, deadline=None)
@given(
    people=populations(selections=SELECTED),
    partitions=st.integers(1, 6),
    split_every=st.integers(2, 4),
    per_person=st.booleans(),
)
@example(people=[], partitions=1, split_every=2, per_person=True).via("an empty frame")
def test_partitions_on_threads_equal_the_whole(
    people: list[Any], partitions: int, split_every: int, per_person: bool
) -> None:
    frame = pd.DataFrame(as_columns(people)) if people else pd.DataFrame({"birth_year": []})
    for name in frame.columns:
        if frame[name].dtype.kind == "f" or name.endswith(".martyrs"):
            frame[name] = frame[name].astype("Int64")
    ddf = dd.from_pandas(frame, npartitions=partitions)
    expected = allocate(frame, UONG_BI, on=TET_2024, per_person=per_person)
    found = dask_allocate(
        ddf,
        UONG_BI,
        on=TET_2024,
        per_person=per_person,
        split_every=split_every,
        scheduler="threads",
    )
    assert found == expected
    assert found.to_report() == expected.to_report()


def test_a_bad_record_names_its_row_in_the_whole_frame() -> None:
    frame = pd.DataFrame({"birth_date": ["1954-03-01"] * 10})
    frame.loc[7, "birth_date"] = "1954-02-30"
    frame.loc[9, "birth_date"] = "x"
    with pytest.raises(PersonDataError) as caught:
        dask_allocate(dd.from_pandas(frame, npartitions=4), UONG_BI, on=TET_2024)
    assert caught.value.path == "[7].birth_date"  # the first bad row, counted over the frame


def test_rows_of_undetermined_cases_are_global() -> None:
    frame = _frame(300)
    found = dask_allocate(
        dd.from_pandas(frame, npartitions=5), "uong-bi-tet-2024", on=TET_2024, per_person=True
    )
    expected = allocate(frame, UONG_BI, on=TET_2024, per_person=True)
    assert found == expected
    assert found.people is not None
    assert [p.row for p in found.people] == list(range(300))
    assert any(group.rows and group.rows[-1] > 250 for group in found.undetermined)


def test_without_the_extra_the_error_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "dask", None)  # import dask raises ImportError
    with pytest.raises(MissingExtraError) as caught:
        dask_allocate(object(), UONG_BI, on=TET_2024)
    assert "welfare-rules[dask]" in caught.value.text.en
    assert "welfare-rules[dask]" in caught.value.text.vi


def test_split_every_below_two_is_refused() -> None:
    with pytest.raises(SettingError, match="split_every") as caught:
        dask_allocate(dd.from_pandas(_frame(4), npartitions=1), UONG_BI, on=TET_2024, split_every=1)
    assert "ít nhất 2 phần" in caught.value.text.vi


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    with cluster, distributed.Client(cluster) as connected:
        yield connected


@pytest.mark.parametrize("per_person", [False, True])
def test_a_local_cluster_of_processes_equals_allocate(client: Any, per_person: bool) -> None:
    frame = _frame(20_000)
    ddf = dd.from_pandas(frame, npartitions=6)
    found = dask_allocate(ddf, UONG_BI, on=TET_2024, per_person=per_person)  # the client's
    expected = allocate(frame, UONG_BI, on=TET_2024, per_person=per_person)
    assert found == expected
    assert found.undetermined_count == expected.undetermined_count > 0
    assert found.to_dict(lang="en") == expected.to_dict(lang="en")


def test_a_local_cluster_reports_the_first_bad_row(client: Any) -> None:
    frame = _frame(1_000)
    frame["birth_date"] = frame["birth_date"].dt.strftime("%Y-%m-%d")
    frame.loc[612, "birth_date"] = "31/31/1950"
    with pytest.raises(PersonDataError) as caught:
        dask_allocate(dd.from_pandas(frame, npartitions=4), UONG_BI, on=TET_2024, scheduler=client)
    assert caught.value.path == "[612].birth_date"
