"""Tests for audit/_sheets.py: a workbook's summary sheet checked against the sheets it
restates (workbooks of our own, built with openpyxl and xlwt; see office_files.py).

The summary sheet ``Tong hop`` lists each commune (row 4: Xã A, 42 suất, 13.800.000;
row 5: Xã B, 43 suất, 12.700.000) and the grand total (row 6); each commune's sheet
lists its gifts and closes with ``Cộng`` (Xa A row 6, Xa B row 7).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from welfare_rules.audit.read import DocumentAudit, audit_document, read_bytes
from welfare_rules.views.audit_files import audited

from .office_files import sheets_xls, sheets_xlsx, summary_sheets

pytest.importorskip("openpyxl")

FORMATS = ["xlsx", "xls"]


def _audit(sheets: dict[str, list[list[str | int | None]]], fmt: str = "xlsx") -> DocumentAudit:
    if fmt == "xls":
        pytest.importorskip("xlwt")
        pytest.importorskip("xlrd")
        data = sheets_xls(sheets)
    else:
        data = sheets_xlsx(sheets)
    return audit_document(read_bytes(data, name=f"huyen.{fmt}"))


def _errors(audit: DocumentAudit) -> dict[str | None, tuple[int | None, int | None]]:
    """Each error finding's place → (the figure as written, the figure suggested)."""
    file = audited(audit, name=audit.document.name)
    return {
        file.where(index, lang="vi"): (finding.reported, finding.suggested)
        for index, finding in enumerate(audit.result.findings)
        if finding.severity == "error"
    }


def _restated(audit: DocumentAudit) -> int:
    """How many figures of the tree are checked as a figure stated twice."""
    return sum(1 for edit in audit.report.compile().edits if edit.kind == "restatement")


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_consistent_workbook_is_clean_and_complete(fmt: str) -> None:
    audit = _audit(summary_sheets(), fmt)
    assert _errors(audit) == {}
    assert audit.complete
    assert audit.status == 0
    assert _restated(audit) == 4  # each commune's count and amount, on the summary and its sheet


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_summary_that_adds_up_but_disagrees_with_a_sheet_is_found(fmt: str) -> None:
    # Xã B written 13.700.000 and the grand total 27.500.000: the summary adds up by itself,
    # but the sheet Xa B totals 12.700.000
    audit = _audit(summary_sheets(summary={(5, 4): 13_700_000, (6, 4): 27_500_000}), fmt)
    assert _errors(audit) == {
        "Tong hop!D5": (13_700_000, 12_700_000),
        "Tong hop!D6": (27_500_000, 26_500_000),
    }
    assert audit.status == 1


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_slip_on_the_summary_is_placed_on_its_cell(fmt: str) -> None:
    audit = _audit(summary_sheets(summary={(5, 4): 17_200_000}), fmt)  # 12.700.000 swapped
    assert _errors(audit) == {"Tong hop!D5": (17_200_000, 12_700_000)}


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_slip_in_a_commune_total_is_corrected_by_its_parts_and_the_summary(fmt: str) -> None:
    audit = _audit(summary_sheets(detail={("Xa A", 6, 5): 18_300_000}), fmt)  # 13.800.000
    assert _errors(audit) == {"Xa A!E6": (18_300_000, 13_800_000)}
    file = audited(audit, name="huyen")
    message = file.message(0, lang="en")  # the summary agrees with the parts once corrected
    assert "amount total at Tong hop!D6 and the restated figure at sheet Tong hop, row 4" in message


def test_a_wrong_commune_total_no_slip_explains_is_the_one_figure_to_change() -> None:
    audit = _audit(summary_sheets(detail={("Xa A", 6, 5): 22_800_000}))
    file = audited(audit, name="huyen")
    errors = [i for i, f in enumerate(audit.result.findings) if f.severity == "error"]
    assert {file.where(i, lang="vi") for i in errors} >= {"Xa A!E6"}
    for index in errors:  # every check it breaks names that one cell, and 13.800.000
        assert file.message(index, lang="en").endswith("one of: amount at Xa A!E6")
    amounts = {audit.result.findings[i].expected for i in errors} | {
        audit.result.findings[i].reported for i in errors
    }
    assert 13_800_000 in amounts


def test_a_wrong_count_on_the_summary_is_found() -> None:
    # Xã A written 24 suất and the grand total 67: consistent on the summary, not with Xa A
    audit = _audit(summary_sheets(summary={(4, 3): 24, (6, 3): 67}))
    errors = _errors(audit)
    assert set(errors) == {"Tong hop!C4", "Tong hop!C6"}
    assert errors["Tong hop!C4"][0] == 24


def test_sheets_without_a_total_row_take_the_summary_row_as_their_total() -> None:
    clean = _audit(summary_sheets(total_rows=False))
    assert (_errors(clean), clean.status) == ({}, 0)
    wrong = _audit(
        summary_sheets(total_rows=False, summary={(5, 4): 13_700_000, (6, 4): 27_500_000})
    )
    assert set(_errors(wrong)) == {"Tong hop!D5"}  # Xa B's rows add up to 12.700.000


def test_sheets_named_otherwise_are_found_by_their_figures() -> None:
    names = {"Xa A": "Sheet2", "Xa B": "Sheet3"}
    labels = {"Xa A": "Thôn Đông", "Xa B": "Thôn Tây"}
    clean = _audit(summary_sheets(names=names, labels=labels))
    assert (_errors(clean), clean.status, _restated(clean)) == ({}, 0, 4)
    # the count agrees with Sheet3's total, the amount is one digit from it
    wrong = _audit(
        summary_sheets(names=names, labels=labels, summary={(5, 4): 13_700_000, (6, 4): 27_500_000})
    )
    assert _errors(wrong) == {
        "Tong hop!D5": (13_700_000, 12_700_000),
        "Tong hop!D6": (27_500_000, 26_500_000),
    }


def test_a_row_naming_no_sheet_and_matching_none_is_left_as_it_was() -> None:
    labels = {"Xa A": "Thôn Đông", "Xa B": "Thôn Tây"}
    names = {"Xa A": "Sheet2", "Xa B": "Sheet3"}
    # Thôn Tây: 99 suất, 55.000.000, no sheet's figures: checked on the summary only
    audit = _audit(
        summary_sheets(
            names=names, labels=labels, summary={(5, 3): 99, (5, 4): 55_000_000, (6, 3): 141}
        )
    )
    assert _restated(audit) == 2  # Thôn Đông is Sheet2's total, Thôn Tây no sheet's
    assert audit.status == 1  # 13.800.000 + 55.000.000 is not the 26.500.000 written


def test_sheets_naming_each_other_make_no_cycle() -> None:
    sheets: dict[str, list[list[str | int | None]]] = {
        "Dong": [["STT", "Đơn vị", "Số suất", "Thành tiền"], [1, "Tây", 5, 1_500_000]],
        "Tay": [["STT", "Đơn vị", "Số suất", "Thành tiền"], [1, "Đông", 5, 1_500_000]],
    }
    audit = _audit(sheets)
    assert _errors(audit) == {}
    assert sum(1 for _ in audit.report.walk()) >= 1


@pytest.mark.parametrize("fmt", FORMATS)
def test_digits_in_a_sheet_name_are_no_figures(fmt: str) -> None:
    names = {"Xa A": "Sheet2", "Xa B": "Xã 3 (2025)"}
    audit = _audit(summary_sheets(names=names, labels={"Xa A": "Thôn Đông"}), fmt)
    assert (audit.unparsed, audit.status) == ((), 0)
    assert "## Sheet2" in [line.text for line in audit.document.lines]  # shown as named


def test_text_and_csv_documents_are_untouched() -> None:
    from welfare_rules.audit._sheets import link_sheets
    from welfare_rules.audit.extract import extract_report
    from welfare_rules.audit.read import Document

    text = "Tổng cộng: 10 suất, 3.000.000 đồng.\n"
    document = Document.from_text(text, name="r.txt")
    report = extract_report(text).report
    assert link_sheets(report, document) is report


def _stated(report: object) -> list[int]:
    """Every figure the tree states, its restatements and bounds included, sorted."""
    from welfare_rules.audit.report import Report

    assert isinstance(report, Report)
    values: list[int] = []
    for _, node in report.walk():
        values += [v for v in (node.count, node.level, node.amount) if v is not None]
        values += [r.value for r in node.restatements] + [b.written for b in node.bounds]
    return sorted(values)


@settings(max_examples=25, deadline=None)
@given(
    overrides=st.dictionaries(
        st.tuples(st.integers(4, 6), st.integers(3, 4)),
        st.integers(0, 60_000_000),
        max_size=3,
    ),
    renamed=st.booleans(),
    total_rows=st.booleans(),
    labels=st.sampled_from([None, {"Xa A": "Xa B", "Xa B": "Xa A"}, {"Xa A": "Xa A Xa B"}]),
)
def test_tying_sheets_loses_no_figure_and_makes_no_cycle(
    overrides: dict[tuple[int, int], int],
    renamed: bool,
    total_rows: bool,
    labels: dict[str, str] | None,
) -> None:
    from welfare_rules.audit._sheets import link_sheets
    from welfare_rules.audit.extract import extract_report

    names = {"Xa A": "Sheet2", "Xa B": "Sheet3"} if renamed else None
    sheets = summary_sheets(summary=overrides, names=names, labels=labels, total_rows=total_rows)
    document = read_bytes(sheets_xlsx(sheets), name="h.xlsx")
    report = extract_report(document.text()).report
    linked = link_sheets(report, document)
    assert _stated(linked) == _stated(report)  # every figure kept: as itself or restated
    nodes = [id(node) for _, node in linked.walk()]
    assert len(nodes) == len(set(nodes))  # no node stands twice in the tree
    audit_document(document)  # and the audit runs through
