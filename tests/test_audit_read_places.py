"""Tests for audit/read/places.py: a finding's place, down to the cell of a table row."""

from __future__ import annotations

import pytest

from welfare_rules.audit.read import Cell, Document, Place, SourceLine
from welfare_rules.audit.read.places import cell_number, place_of, table_headers


def _row(number: int, *texts: str) -> SourceLine:
    cells = tuple(
        Cell(text, Place(row=number, column=c, header=None)) for c, text in enumerate(texts, 1)
    )
    return SourceLine("", Place(row=number), cells=cells)


DOCUMENT = Document(
    name="t.csv",
    format="csv",
    lines=(
        SourceLine("Báo cáo", Place(line=1)),
        _row(2, "Nội dung", "Số suất", "Mức quà", "Thành tiền"),
        _row(3, "Xã A", "12", "300.000", "3.600.000"),
        _row(4, "Xã B", "300.000", "300.000", "90.000.000"),
    ),
)


def test_a_text_line_is_its_place() -> None:
    assert place_of(DOCUMENT, 1, field="amount", value=5) == Place(line=1)


def test_a_table_figure_is_found_by_its_value() -> None:
    assert place_of(DOCUMENT, 3, field="count", value=3_600_000) == Place(row=3, column=4)


def test_else_by_the_header_that_names_its_field() -> None:
    assert place_of(DOCUMENT, 3, field="count", value=None) == Place(row=3, column=2)
    # 300.000 stands twice on row 4: the header decides
    assert place_of(DOCUMENT, 4, field="level", value=300_000) == Place(row=4, column=3)


def test_else_the_row() -> None:
    assert place_of(DOCUMENT, 4, field=None, value=7) == Place(row=4)


def test_unknown_lines_have_no_place() -> None:
    assert place_of(DOCUMENT, None) is None
    assert place_of(DOCUMENT, 0) is None
    assert place_of(DOCUMENT, 99) is None


def test_cell_number() -> None:
    assert cell_number("1.250.000") == 1_250_000
    assert cell_number("27\u00a0300\u00a0000 đồng") == 27_300_000
    assert cell_number("Mức 3 và 4") is None
    assert cell_number("") is None


def test_table_headers_take_the_text_above_a_merged_header() -> None:
    rows = [
        ["STT", "Nội dung", "Kinh phí", "", "Ghi chú"],
        ["", "", "Số suất", "Mức", "Thành tiền"],
    ]
    assert table_headers(rows) == {
        1: "STT",
        2: "Nội dung",
        3: "Số suất",
        4: "Mức",
        5: "Thành tiền",
    }
    assert table_headers([]) == {}
    assert table_headers([["Xã A", "3"]]) == {1: "Xã A", 2: "3"}


def test_relocate_says_lines_as_places_only_for_located_formats() -> None:
    from welfare_rules.audit.read.places import relocate

    assert relocate("tổng ở dòng 3 và dòng 9", DOCUMENT, lang="vi") == "tổng ở hàng 3 và dòng 9"
    assert relocate("the total on line 4", DOCUMENT, lang="en") == "the total at row 4"
    text = Document.from_text("a\nb\n", name="r.txt")
    assert relocate("ở dòng 2", text, lang="vi") == "ở dòng 2"


def test_relocate_names_the_cell_of_the_figure_a_message_names() -> None:
    from welfare_rules.audit.read import read_bytes
    from welfare_rules.audit.read.places import relocate

    from .office_files import sheets_xlsx, summary_sheets

    pytest.importorskip("openpyxl")
    document = read_bytes(sheets_xlsx(summary_sheets()), name="h.xlsx")
    total = next(n for n, line in enumerate(document.lines, 1) if line.place.row == 6)
    assert relocate(f"một trong: số tiền ở dòng {total}", document, lang="vi") == (
        "một trong: số tiền ở Tong hop!D6"
    )
    assert relocate(f"the count total on line {total}", document, lang="en") == (
        "the count total at Tong hop!C6"
    )
    assert relocate(f"the restated figure on line {total}", document, lang="en") == (
        "the restated figure at sheet Tong hop, row 6"
    )
