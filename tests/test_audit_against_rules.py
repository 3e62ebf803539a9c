"""Tests of welfare_rules.audit.against_rules: a report's levels, amounts and citations
against the rules in force, on report texts written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import example, given, reject, settings
from hypothesis import strategies as st

from welfare_rules.audit.against_rules import (
    _Gifts,
    check_against_rules,
    find_ruleset,
    with_rules,
)
from welfare_rules.audit.extract import extract_report
from welfare_rules.audit.findings import Finding
from welfare_rules.audit.report import Citation, Report

from .strategies import report_like_text

TET_2024 = dt.date(2024, 2, 1)


def check(text: str, ruleset: str | None, on: dt.date | None = None) -> list[Finding]:
    return list(check_against_rules(extract_report(text).report, ruleset, on=on).findings)


def kinds(findings: list[Finding]) -> list[tuple[str, str, int | None]]:
    return [(f.severity, f.kind, f.line) for f in findings]


CENTRAL = """Quà của Chủ tịch nước theo Quyết định số 1583/QĐ-CTN ngày 26/12/2023: 1.251 suất.
+ Mức 600.000đ: 22 suất = 13.200.000đ.
+ Mức 350.000đ: 1.229 suất = 430.150.000đ.
"""


def test_a_level_the_central_programme_lacks_is_an_error_naming_its_levels() -> None:
    findings = check(CENTRAL, "vn-central-tet", TET_2024)
    assert kinds(findings) == [("error", "level_not_in_rules", 3)]
    [finding] = findings
    assert finding.field == "level"
    assert finding.reported == 350_000
    assert finding.expected is None  # two levels: no one correction
    assert finding.figure == "n0_1_level"
    assert finding.labels[-1] == "Mức 350.000đ"
    assert "600.000, 300.000" in finding.message.vi
    assert "its levels are 600,000, 300,000" in finding.message.en


def test_the_levels_in_force_on_the_date_are_the_ones_checked() -> None:
    # 600.000đ / 300.000đ from Decision 1548/QĐ-CTN (Tết 2023); 400.000đ / 200.000đ in 2019
    text = (
        "Quà của Chủ tịch nước theo Quyết định số 56/QĐ-CTN: 10 suất.\n+ Mức 400.000đ: 10 suất.\n"
    )
    assert check(text, "vn-central-tet", dt.date(2019, 2, 1)) == []
    [finding] = check(text, "vn-central-tet", TET_2024)
    assert (finding.kind, finding.severity, finding.line) == ("level_not_in_rules", "error", 2)


def test_a_local_level_not_in_the_data_is_a_warning_that_says_so() -> None:
    text = (
        "Quà của tỉnh (nguồn tỉnh) theo Quyết định số 4107/QĐ-UBND: 10 suất.\n"
        "- Mức 2.000.000đ: 10 suất = 20.000.000đ.\n"
    )
    [finding] = check(text, "uong-bi-tet-2024", TET_2024)
    assert (finding.severity, finding.kind, finding.line) == ("warning", "level_not_in_rules", 2)
    assert "a local level the ruleset does not record" in finding.message.en
    assert "mức riêng" in finding.message.vi


LONGEVITY_2024 = """Quà mừng thọ theo Thông tư 96/2018/TT-BTC ngày 18/10/2018:
+ Tuổi 90: 104 người x 1.200.000đ = 124.800.000đ
+ Tuổi 90: 10 người x 400.000đ = 4.000.000đ
+ Tuổi 90: 5 người x 650.000đ = 3.250.000đ
+ Tuổi 100: 7 người x 700.000đ = 4.900.000đ
"""


def test_circular_96_amounts_are_minimums_above_is_a_warning_below_an_error() -> None:
    findings = check(LONGEVITY_2024, "vn-longevity", dt.date(2024, 3, 1))
    assert kinds(findings) == [
        ("warning", "level_not_in_rules", 2),
        ("error", "level_not_in_rules", 3),
    ]
    above, below = findings
    assert "above the minimum 500,000" in above.message.en
    assert "a provincial council may raise" in above.message.en
    assert "mức tối thiểu" in above.message.vi
    assert below.expected == 500_000  # the minimum of the age-90 gift
    assert "below the minimum 500,000" in below.message.en
    # 650.000đ is the cash and the 150.000đ of goods; 700.000đ the age-100 minimum


def test_circular_21_is_in_force_before_2019_with_exact_amounts() -> None:
    text = """Quà mừng thọ theo Thông tư 21/2011/TT-BTC ngày 28/02/2011:
+ Tuổi 100: 7 người x 700.000đ = 4.900.000đ
+ Tuổi 100: 2 người x 500.000đ = 1.000.000đ
+ Tuổi 90: 104 người x 400.000đ = 41.600.000đ
"""
    findings = check(text, "vn-longevity", dt.date(2015, 3, 1))
    assert kinds(findings) == [("error", "level_not_in_rules", 2)]
    assert findings[0].expected == 500_000
    assert "not the age-100 gift" in findings[0].message.en


def test_an_age_the_programme_has_no_gift_for_is_said() -> None:
    text = "Thành phố mừng thọ: 3 suất\n+ Tuổi 79: 3 người x 900.000đ = 2.700.000đ\n"
    [finding] = check(text, "uong-bi-tet-2024", TET_2024)
    assert (finding.severity, finding.kind, finding.line) == ("warning", "level_not_in_rules", 2)
    assert "gives no gift at age 79" in finding.message.en


def test_an_amount_no_mix_of_levels_gives_is_an_error() -> None:
    text = (
        "Quà của Chủ tịch nước theo Quyết định số 1583/QĐ-CTN: 22 suất = 13.300.000đ.\n"
        "Quà Tết của Chủ tịch nước (nguồn Trung ương): 3 suất = 1.000.000đ.\n"
        "Quà Tết của Chủ tịch nước (nguồn Trung ương): 3 suất = 1.200.000đ.\n"
    )
    findings = check(text, "vn-central-tet", TET_2024)
    assert kinds(findings) == [
        ("error", "amount_not_in_rules", 1),  # above 22 × 600.000đ
        ("error", "amount_not_in_rules", 2),  # 3 gifts of 600.000đ or 300.000đ never make it
    ]
    assert findings[0].field == "amount"
    assert findings[0].reported == 13_300_000
    assert "no level of State President's Tết gift" in findings[0].message.en


def test_goods_worth_at_most_a_value_allow_any_amount_up_to_it() -> None:
    # Hồ Chí Minh City, age 100: 2.300.000đ, silk worth ≤ 700.000đ and a khánh ≤ 1.500.000đ
    text = (
        "Quà mừng thọ của Thành phố Hồ Chí Minh:\n"
        "+ Tuổi 100: 2 người x 4.000.000đ = 8.000.000đ\n"
        "+ Tuổi 100: 2 người x 4.600.000đ = 9.200.000đ\n"
    )
    findings = check(text, "hcmc-longevity-2026", dt.date(2026, 3, 1))
    assert kinds(findings) == [("warning", "level_not_in_rules", 3)]


def test_a_cited_date_other_than_the_basis_is_flagged() -> None:
    text = (
        "Căn cứ Quyết định số 1583/QĐ-CTN ngày 26/12/2024 và Thông tư số 96/2018/TT-BTC "
        "ngày 18/10/2019; Kế hoạch số 01/KH-UBND ngày 02/01/2023.\n"
    )
    findings = {f.figure: f for f in check(text, "uong-bi-tet-2024", TET_2024)}
    assert [(f.severity, f.kind, f.line) for f in findings.values()] == [
        ("warning", "basis_date_mismatch", 1),  # a plan's number is reused every year
        ("error", "basis_date_mismatch", 1),  # the basis of the version in force
    ]
    assert "records it as of 26/12/2023" in findings["1583/QĐ-CTN"].message.en
    assert "another instrument with the same number" in findings["01/KH-UBND"].message.en
    longevity = check(text, "vn-longevity", dt.date(2024, 3, 1))
    assert kinds(longevity) == [("error", "basis_date_mismatch", 1)]  # a year in its number
    assert "18/10/2018" in longevity[0].message.vi


def test_a_line_whose_programme_is_not_matched_is_listed_not_skipped() -> None:
    text = (
        "Quà cho người có công, thân nhân và đối tượng bảo trợ xã hội: 2 suất = 1.200.000đ.\n"
        "Tặng quà cho 200 trẻ em có hoàn cảnh khó khăn với tổng số tiền 80.000.000 đồng.\n"
        "Chi trả trợ cấp cho 15 lượt đối tượng = 7.845.000 đồng.\n"
    )
    findings = check(text, "uong-bi-tet-2024", TET_2024)
    assert kinds(findings) == [
        ("info", "rules_not_checked", 1),  # two city titles half fit: neither is named
        ("info", "rules_not_checked", 2),
        ("info", "rules_not_checked", 3),
    ]
    assert "no programme of uong-bi-tet-2024 can be matched" in findings[0].message.en
    assert "không xác định được dòng này thuộc chương trình nào" in findings[1].message.vi
    assert findings[0].labels == (extract_report(text).report.nodes[0].label,)


def test_a_line_named_by_its_programme_title_is_matched() -> None:
    text = (
        "Thăm hỏi gia đình người có công tiêu biểu: Mức 2.000.000đ x 20 suất = 40.000.000đ\n"
        "Quà cho đối tượng có hoàn cảnh đặc biệt khó khăn: Mức 900.000đ x 300 suất = "
        "270.000.000đ.\n"
    )
    result = check_against_rules(extract_report(text).report, "uong-bi-tet-2024", on=TET_2024)
    assert result.matches[(0,)].programme == "city-exemplary-households"
    assert result.matches[(1,)].programme == "city-special-hardship"
    assert kinds(list(result.findings)) == [("warning", "level_not_in_rules", 2)]


def test_society_is_not_a_commune_and_a_source_alone_names_no_gift() -> None:
    text = (
        "Các xã, phường mừng thọ: 10 suất\n"
        "+ Tuổi 70: 10 người x 700.000đ = 7.000.000đ\n"
        "Trợ cấp theo Nghị quyết của HĐND tỉnh: 5 lượt đối tượng = 4.000.000 đồng\n"
    )
    result = check_against_rules(extract_report(text).report, "uong-bi-tet-2024", on=TET_2024)
    assert result.matches[(0, 0)].programme == "commune-longevity"
    assert result.matches[(1,)].status == "unmatched"  # "tỉnh" alone: no gift is named
    assert kinds(list(result.findings)) == [("info", "rules_not_checked", 3)]


def test_donated_gifts_and_unrecorded_periods_are_not_checked_and_say_why() -> None:
    donated = "Quà vận động xã hội hóa: 10 suất = 4.000.000 đồng.\n"
    [finding] = check(donated, "uong-bi-tet-2024", TET_2024)
    assert (finding.kind, finding.line) == ("rules_not_checked", 1)
    assert "donated gifts" in finding.message.en
    unrecorded = "Quà của Chủ tịch nước theo Quyết định 715/QĐ-CTN: 3 suất = 900.000đ.\n"
    [finding] = check(unrecorded, "vn-war-invalids-day", dt.date(2024, 8, 1))
    assert "records no instrument" in finding.message.en
    assert check(unrecorded, "vn-war-invalids-day", dt.date(2023, 8, 1)) == []


def test_no_date_no_ruleset_and_nothing_in_force_are_a_note_and_each_line_listed() -> None:
    no_date = check(CENTRAL, "vn-central-tet")
    assert kinds(no_date) == [
        ("info", "rules_not_checked", 2),
        ("info", "rules_not_checked", 3),
        ("info", "rules_not_checked", None),
    ]
    assert "--on DATE" in no_date[-1].message.en
    assert no_date[0].message.en == "not checked against the rules: the report states no date"
    assert no_date[0].labels[-1] == "Mức 600.000đ"
    [none] = check("Quà theo Quyết định số 9999/QĐ-XX ngày 01/01/2024: 1 suất.\n", None)
    assert "no bundled ruleset is found" in none.message.en
    assert "9999/QĐ-XX" in none.message.en
    line, note = check("Quà theo Quyết định 9999/QĐ-XX: 2 suất = 800.000đ.\n", None)
    assert (line.line, note.line) == (1, None)
    assert "no ruleset was found for the report" in line.message.en
    idle = check(CENTRAL, "dong-nai-longevity-2026", TET_2024)
    assert [f.line for f in idle] == [2, 3, None]
    assert all("no programme in force on 01/02/2024" in f.message.en for f in idle)


def test_the_ruleset_is_found_from_the_citations_and_a_tie_goes_to_the_included_one() -> None:
    both = Report(
        citations=(Citation(instrument="1583/QĐ-CTN"), Citation(instrument="4107/QĐ-UBND"))
    )
    assert find_ruleset(both).id == "uong-bi-tet-2024"
    central = find_ruleset(Report(citations=(Citation(instrument="1583/qđ–ctn"),)))
    assert central.id == "vn-central-tet"
    assert set(central.candidates) >= {"vn-central-tet", "uong-bi-tet-2024"}
    assert find_ruleset(Report()).id is None
    checked = check_against_rules(extract_report(CENTRAL).report, on=TET_2024)
    assert checked.ruleset == "vn-central-tet"


def test_a_tie_of_unrelated_rulesets_chooses_none() -> None:
    from welfare_rules.rules import load_ruleset

    longevity, war_days = load_ruleset("vn-longevity"), load_ruleset("vn-war-invalids-day")
    cited = Report(
        citations=(Citation(instrument="96/2018/TT-BTC"), Citation(instrument="715/QĐ-CTN"))
    )
    choice = find_ruleset(cited, [longevity, war_days])
    assert choice.id is None
    assert set(choice.candidates) == {"vn-longevity", "vn-war-invalids-day"}
    [note] = check_against_rules(cited, None, on=TET_2024).findings
    assert note.kind == "rules_not_checked"


def test_with_rules_adds_the_findings_to_an_audit_in_report_order() -> None:
    from welfare_rules.audit.read import Document, audit_document

    audit = audit_document(Document.from_text(CENTRAL, name="r.txt", format="text"))
    checked = with_rules(audit, "vn-central-tet", on=TET_2024)
    assert len(checked.result.findings) == len(audit.result.findings) + 1
    assert list(checked.result.findings) == sorted(checked.result.findings, key=Finding.sort_key)
    assert not checked.result.ok


@st.composite
def gifts_and_a_mix(draw: st.DrawFn) -> tuple[_Gifts, int, int]:
    levels = draw(st.lists(st.integers(1, 50).map(lambda n: n * 50_000), min_size=1, max_size=5))
    counts = draw(st.lists(st.integers(0, 40), min_size=len(levels), max_size=len(levels)))
    amounts = tuple(sorted(set(levels), reverse=True))
    count = sum(counts)
    amount = sum(n * level for n, level in zip(counts, levels, strict=True))
    return _Gifts(amounts, amounts, minimum=False), max(count, 1), amount if count else amounts[0]


@given(gifts_and_a_mix())
@example((_Gifts((600_000, 300_000), (600_000, 300_000), minimum=False), 1251, 381_900_000))
def test_a_real_mix_of_levels_is_never_called_unreachable(case: tuple[_Gifts, int, int]) -> None:
    gifts, count, amount = case
    assert gifts.reachable(count, amount)


@pytest.mark.parametrize(
    ("count", "amount", "reachable"),
    [(3, 900_000, True), (3, 1_000_000, False), (3, 1_800_000, True), (3, 1_900_000, False)],
)
def test_reachable_is_a_range_and_a_step(count: int, amount: int, reachable: bool) -> None:
    gifts = _Gifts((600_000, 300_000), (600_000, 300_000), minimum=False)
    assert gifts.reachable(count, amount) is reachable


def test_the_parts_of_a_line_that_fits_several_programmes_say_which() -> None:
    text = (
        "Quà của thành phố (nguồn thành phố): 2 suất = 1.300.000đ.\n"
        "+ Mức 700.000đ: 1 suất = 700.000đ.\n"
        "+ Mức 600.000đ: 1 suất = 600.000đ.\n"
    )
    result = check_against_rules(extract_report(text).report, "uong-bi-tet-2024", on=TET_2024)
    assert result.matches[(0,)].status == "ambiguous"
    assert kinds(list(result.findings)) == [
        ("info", "rules_not_checked", 2),
        ("info", "rules_not_checked", 3),
    ]
    expected = "may belong to city-tet, city-exemplary-households, city-special-hardship"
    assert expected in result.findings[0].message.en


PROVINCE = """
id = "test-province-longevity"
title = { vi = "Mừng thọ tỉnh thử", en = "Test province longevity" }
jurisdiction = { vi = "Tỉnh Thử", en = "Test Province" }
occasion = "longevity"
includes = ["vn-longevity"]

[[programme]]
id = "test-longevity-90"
title = { vi = "Quà mừng thọ tuổi 90 của tỉnh Thử", en = "Test Province age-90 gift" }
kind = "longevity"
source = "provincial"
raises = "provincial-longevity"

[[programme.version]]
effective = 2024-01-01
confirmed = false
note = "a ruleset written for this test"

[programme.version.basis]
number = "1/2024/NQ-HĐND"
kind = "resolution"
issuer = { vi = "Hội đồng nhân dân tỉnh Thử", en = "Test Provincial People's Council" }
date = 2023-12-10
confirmed = false
note = "a ruleset written for this test"

[[programme.version.bracket]]
age = 90
amount = 1000000
confirmed = false
note = "a ruleset written for this test"
"""


def test_a_local_programme_that_raises_a_minimum_is_the_one_checked() -> None:
    from welfare_rules.rules import loads_ruleset

    ruleset = loads_ruleset(PROVINCE)
    text = "Quà mừng thọ (nguồn tỉnh):\n+ Tuổi 90: 4 người x 1.200.000đ = 4.800.000đ\n"
    result = check_against_rules(extract_report(text).report, ruleset, on=dt.date(2024, 3, 1))
    assert result.matches[(0,)].programme == "test-longevity-90"
    [finding] = result.findings
    assert (finding.severity, finding.kind, finding.line) == ("warning", "level_not_in_rules", 2)
    assert "Test Province age-90 gift" in finding.message.en
    assert finding.expected == 1_000_000


@settings(max_examples=60)
@given(
    text=report_like_text(),
    ruleset=st.sampled_from(["uong-bi-tet-2024", "vn-longevity", None]),
    on=st.dates(dt.date(2010, 1, 1), dt.date(2030, 12, 31)),
)
@example(text="Tuổi 90: 0 người x 0đ = 0đ\n", ruleset="vn-longevity", on=dt.date(2024, 3, 1))
def test_any_report_text_is_checked_without_raising_and_nothing_is_dropped(
    text: str, ruleset: str | None, on: dt.date
) -> None:
    try:
        report = extract_report(text).report
    except ValueError:  # an extraction defect ('100.000.0001.000.000.000đ', reported to
        reject()  # the extractor's owner): this property is about the rules check
    check = check_against_rules(report, ruleset, on=on)
    lines = len(text.splitlines()) or 1
    for finding in check.findings:
        assert finding.line is None or 1 <= finding.line <= lines
        assert finding.message.vi
        assert finding.message.en
        assert finding.kind != "rules_not_checked" or finding.severity == "info"
    if check.matches:  # every node has a match, and each line stating a level is listed
        for path, node in report.walk():
            match = check.matches[path]
            if node.level is not None and match.status != "matched":
                assert any(f.path == path for f in check.findings)


def test_a_report_trees_stated_source_is_a_sign() -> None:
    from welfare_rules.audit.report import Node
    from welfare_rules.tiers import FundingSource

    tree = Report(
        date=dt.date(2024, 2, 1),
        nodes=(
            Node(
                label="Quà Tết",
                source=FundingSource.PROVINCIAL,
                line=1,
                children=(Node(label="Mức 2.000.000đ", count=3, level=2_000_000, line=2),),
            ),
        ),
    )
    result = check_against_rules(tree, "uong-bi-tet-2024")
    assert result.matches[(0,)].programme == "provincial-4107"
    assert kinds(list(result.findings)) == [("warning", "level_not_in_rules", 2)]
