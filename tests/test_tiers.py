"""Tests of welfare_rules.tiers: funding sources, their labels and report phrases."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from welfare_rules.errors import UnknownFundingSourceError
from welfare_rules.tiers import FundingSource

PHRASES = [
    ("Trung ương", FundingSource.CENTRAL),
    ("nguồn kinh phí của Trung ương", FundingSource.CENTRAL),
    ("tỉnh", FundingSource.PROVINCIAL),
    ("nguồn kinh phí của tỉnh Quảng Ninh", FundingSource.PROVINCIAL),
    ("thành phố", FundingSource.DISTRICT),
    ("Thành phố Uông Bí", FundingSource.DISTRICT),
    ("huyện Đông Triều", FundingSource.DISTRICT),
    ("thị xã Quảng Yên", FundingSource.DISTRICT),
    ("xã, phường", FundingSource.COMMUNE),
    ("Nguồn xã, phường trao tặng", FundingSource.COMMUNE),
    ("thị trấn", FundingSource.COMMUNE),
    ("xã hội hóa", FundingSource.SOCIALIZED),
    ("xã hội hoá", FundingSource.SOCIALIZED),  # the other accent placement
    ("XHH", FundingSource.SOCIALIZED),
    ("XHH 2.500 suất", FundingSource.SOCIALIZED),
    ("central", FundingSource.CENTRAL),
    ("Provincial", FundingSource.PROVINCIAL),
    ("District/city", FundingSource.DISTRICT),
    ("Xã/phường", FundingSource.COMMUNE),
]


@pytest.mark.parametrize(("phrase", "source"), PHRASES)
def test_parse_report_phrases(phrase: str, source: FundingSource) -> None:
    assert FundingSource.parse(phrase) is source


@pytest.mark.parametrize("phrase", ["", "Hội Chữ thập đỏ", "ngân sách", "xãhội"])
def test_parse_names_no_source(phrase: str) -> None:
    with pytest.raises(UnknownFundingSourceError) as info:
        FundingSource.parse(phrase)
    assert info.value.value == phrase
    assert isinstance(info.value, ValueError)


def test_parse_refuses_several_sources() -> None:
    with pytest.raises(UnknownFundingSourceError, match="several sources: district, commune"):
        FundingSource.parse("từ thành phố và các xã, phường")


def test_mentioned_in_keeps_order_and_uniqueness() -> None:
    assert FundingSource.mentioned_in("tỉnh, thành phố, tỉnh, XHH") == (
        FundingSource.PROVINCIAL,
        FundingSource.DISTRICT,
        FundingSource.SOCIALIZED,
    )


def test_every_source_has_both_labels_and_parses_back() -> None:
    for source in FundingSource:
        assert source.label("vi")
        assert source.label("en")
        assert source.label("vi") != source.label("en")
        assert FundingSource.parse(source.label("vi")) is source
        assert FundingSource.parse(source.label("en")) is source
        assert FundingSource.parse(source.value) is source


@given(st.lists(st.sampled_from(list(FundingSource)), min_size=2, max_size=6))
def test_sorting_follows_rank(sources: list[FundingSource]) -> None:
    ranks = [source.rank for source in sorted(sources)]
    assert ranks == sorted(ranks)


def test_parse_rejects_non_text() -> None:
    with pytest.raises(UnknownFundingSourceError):
        FundingSource.parse(3)  # type: ignore[arg-type]
