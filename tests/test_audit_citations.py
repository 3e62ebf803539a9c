"""Tests for audit/citations.py."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from welfare_rules.audit.citations import check_citations, instrument_key
from welfare_rules.audit.extract import example_text, extract_report
from welfare_rules.audit.report import Citation, Report

DECEMBER_2023 = dt.date(2023, 12, 26)
DECEMBER_2024 = dt.date(2024, 12, 26)
REPORT_DATE = dt.date(2024, 3, 4)


def cite(instrument: str, date: dt.date | None, line: int, group: int = 0) -> Citation:
    return Citation(instrument=instrument, kind="Quyết định", date=date, line=line, group=group)


def test_two_dates_both_reported_and_the_later_one_corrected() -> None:
    report = Report(
        date=REPORT_DATE,
        citations=(cite("1583/QĐ-CTN", DECEMBER_2023, 15), cite("1583/QĐ-CTN", DECEMBER_2024, 25)),
    )
    findings = check_citations(report)
    assert [(f.kind, f.severity, f.line) for f in findings] == [
        ("citation_date_conflict", "error", 15),
        ("citation_after_report", "error", 25),
        ("citation_date_conflict", "error", 25),
    ]
    assert "26/12/2024" in findings[0].message.vi
    assert "write 26/12/2023" in findings[2].message.en
    assert "nên sửa thành 26/12/2023" in findings[2].message.vi
    assert "write" not in findings[0].message.en  # the right date gets no advice


def test_a_tie_suggests_nothing() -> None:
    report = Report(
        citations=(cite("5/QĐ-X", dt.date(2023, 1, 1), 1), cite("5/qđ–x", dt.date(2023, 1, 2), 2))
    )
    findings = check_citations(report)
    assert [f.line for f in findings] == [1, 2]
    assert all("write" not in f.message.en for f in findings)


def test_same_dates_undated_and_different_instruments_are_fine() -> None:
    report = Report(
        date=REPORT_DATE,
        citations=(
            cite("4107/QĐ-UBND", dt.date(2023, 12, 28), 15),
            cite("4107/QĐ-UBND", dt.date(2023, 12, 28), 31),
            cite("4107/QĐ-UBND", None, 40),
            cite("4108/QĐ-UBND", dt.date(2024, 1, 1), 41),
        ),
    )
    assert check_citations(report) == []


def test_after_the_report_needs_the_report_date() -> None:
    late = cite("9/QĐ-X", DECEMBER_2024, 3)
    assert check_citations(Report(citations=(late,))) == []
    found = check_citations(Report(date=REPORT_DATE, citations=(late,)))
    assert [f.kind for f in found] == ["citation_after_report"]
    assert "04/03/2024" in found[0].message.en


def test_repeated_in_one_list_is_information_only() -> None:
    report = Report(
        citations=(
            cite("01/KH-UBND", dt.date(2024, 1, 2), 17),
            cite("01/KH-UBND", dt.date(2024, 1, 2), 17),
            cite("01/KH-UBND", dt.date(2024, 1, 2), 17, group=1),  # another list
            cite("01/KH-UBND", dt.date(2024, 1, 2), 18),
        )
    )
    findings = check_citations(report)
    assert [(f.kind, f.severity, f.line) for f in findings] == [("citation_repeated", "info", 17)]


def test_on_the_extracted_example() -> None:
    text = example_text()
    findings = check_citations(extract_report(text).report)
    lines = text.splitlines()
    decision = [n for n, line in enumerate(lines, 1) if "1583/QĐ-CTN" in line]
    plans = next(n for n, line in enumerate(lines, 1) if line.count("01/KH-UBND") == 2)
    assert [(f.kind, f.line) for f in findings] == [
        ("citation_date_conflict", decision[0]),
        ("citation_repeated", plans),
        ("citation_after_report", decision[1]),
        ("citation_date_conflict", decision[1]),
    ]


def test_quoted_title_is_another_list() -> None:
    text = (
        "Căn cứ Quyết định số 4107/QĐ-UBND ngày 28/12/2023; Hướng dẫn số 3826/LN ngày "
        '29/12/2023 "Về việc tặng quà theo Quyết định số 4107/QĐ-UBND ngày 28/12/2023".'
    )
    assert check_citations(extract_report(text).report) == []


@given(
    st.lists(
        st.tuples(st.sampled_from(["1/QĐ-A", "2/QĐ-A", "1/qđ-a"]), st.dates(), st.integers(1, 9)),
        max_size=8,
    ),
    st.none() | st.dates(),
)
def test_properties(items: list[tuple[str, dt.date, int]], report_date: dt.date | None) -> None:
    citations = tuple(cite(name, date, line) for name, date, line in items)
    findings = check_citations(Report(date=report_date, citations=citations))
    conflicts = {f.line for f in findings if f.kind == "citation_date_conflict"}
    for citation in citations:
        same = [
            c
            for c in citations
            if instrument_key(c.instrument) == instrument_key(citation.instrument)
        ]
        if len({c.date for c in same}) > 1:
            assert citation.line in conflicts
    late = [f for f in findings if f.kind == "citation_after_report"]
    expected_late = [c for c in citations if report_date and c.date and c.date > report_date]
    assert len(late) == len(expected_late)
    assert all(f.message.vi and f.message.en for f in findings)
