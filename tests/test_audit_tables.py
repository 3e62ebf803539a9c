"""Tests for audit/_tables.py: tables whose header names the count, level and amount."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from welfare_rules.audit._lines import Rec
from welfare_rules.audit._normalize import read_lines
from welfare_rules.audit._tables import (
    Table,
    _two_row_header,
    column_marks,
    header_columns,
    read_table,
)
from welfare_rules.audit.compile import compile_report
from welfare_rules.audit.extract import extract_report
from welfare_rules.audit.findings import Finding
from welfare_rules.audit.read import Document, audit_document

from .strategies import gift_levels, grouped


def _errors(text: str) -> list[Finding]:
    """The error findings of auditing ``text`` as a Markdown table."""
    audit = audit_document(Document.from_text(text, name="t.md"))
    return [f for f in audit.result.findings if f.severity == "error"]


def table(text: str) -> Table:
    found = read_table(read_lines(text))
    assert found is not None
    return found


def figures(rec: Rec) -> tuple[str, int | None, int | None, int | None]:
    return rec.label, rec.count, rec.level, rec.amount


@pytest.mark.parametrize(
    ("cells", "columns"),
    [
        (
            ("STT", "Đối tượng", "Số suất", "Mức quà", "Thành tiền"),
            ("index", "label", "count", "level", "amount"),
        ),
        (
            ("TT", "Nội dung", "Số lượng", "Kinh phí (triệu đồng)"),
            ("index", "label", "count", "amount"),
        ),
        (("Số thứ tự", "Đơn vị", "Số người", "Số tiền"), ("index", "label", "count", "amount")),
        (("Đối tượng", "Mức quà", "Thành tiền"), ("label", "level", "amount")),
        (("Đối tượng", "Số suất", "Mức quà"), ("label", "count", "level")),
        (("Nội dung", "SL", "Đơn giá", "Tổng tiền"), ("label", "count", "level", "amount")),
        (("STT", "Đơn vị ủng hộ", "Số tiền (đồng)"), ("index", "label", "amount")),
        (("Xã", "Số người"), ("label", "count")),
        (  # what one unit is worth names money, and is a level
            ("STT", "Nhà tài trợ", "Số suất", "Trị giá/suất (đồng)", "Thành tiền (đồng)"),
            ("index", "label", "count", "level", "amount"),
        ),
        (
            ("Đơn vị", "Số người", "Số tiền mỗi người", "Số tiền"),
            ("label", "count", "level", "amount"),
        ),
        (  # a rate per person and per month is multiplied by months too: no level
            ("Xã", "Số người", "Số tiền/người/tháng", "Số tháng", "Thành tiền"),
            ("label", "count", "amount", "label", "amount"),
        ),
        (  # a list of people: each row one gift, the level column is what each was paid
            ("STT", "Họ và tên", "Năm sinh", "Số CCCD", "Mức quà (đồng)"),
            ("index", "label", "note", "note", "amount"),
        ),
    ],
)
def test_header_columns(cells: tuple[str, ...], columns: tuple[str, ...]) -> None:
    assert header_columns(cells) == columns


@pytest.mark.parametrize(
    "cells",
    [
        ("a", "b"),
        ("Thành tiền",),  # one figure column and nothing it is of
        ("Đối tượng", "Mức quà"),  # one level: nothing to sum
        ("Mức quà", "Đơn giá"),  # two levels, neither a count nor an amount
        ("Số suất", "Số người"),  # two counts: one kind of figure
        ("Đơn vị", "Ghi chú", "Ngày"),
    ],
)
def test_not_a_header(cells: tuple[str, ...]) -> None:
    assert header_columns(cells) is None


MARKDOWN = """\
| STT | Đối tượng | Số suất | Mức quà | Thành tiền |
|:---:|---|--:|--:|--:|
| I | Nguồn tỉnh | 30 | | 25.000.000 |
| 1 | Người có công | 10 | 1.000.000 | 10.000.000 |
| 2 | Hộ nghèo | 20 | 500.000 | 15.000.000 |
| II | Nguồn huyện | 5 | - | 1.500.000 |
| 1 | Cụ cao tuổi | 5 | 300.000 | 1.500.000 |
| | **Tổng cộng** | 35 | x | 26.500.000 |
"""


def test_markdown_table_groups_and_total() -> None:
    read = table(MARKDOWN)
    assert [figures(r) for r in read.rows] == [
        ("Nguồn tỉnh", 30, None, 25_000_000),
        ("Nguồn huyện", 5, None, 1_500_000),
    ]
    assert [figures(r) for r in read.rows[0].children] == [
        ("Người có công", 10, 1_000_000, 10_000_000),
        ("Hộ nghèo", 20, 500_000, 15_000_000),
    ]
    assert [figures(r) for r in read.rows[1].children] == [("Cụ cao tuổi", 5, 300_000, 1_500_000)]
    assert read.total is not None
    assert figures(read.total) == ("Tổng cộng", 35, None, 26_500_000)
    assert [r.explicit for r in read.rows] == [True, True]
    assert (read.total.line, read.rows[0].children[1].line) == (8, 5)
    assert all(r.bullet == "|" and r.unit == "suất" for r in [*read.rows, read.total])
    assert read.unknown == []


def test_tab_separated_table_with_a_scaled_amount_column() -> None:
    text = "Nội dung\tSố người\tKinh phí (triệu đồng)\nNgười có công\t10\t2,5\nHộ nghèo\t3\tabc\nCộng\t13\t2,5\n"
    read = table(text)
    assert [figures(r) for r in read.rows] == [
        ("Người có công", 10, None, 2_500_000),
        ("Hộ nghèo", 3, None, None),
    ]
    assert read.total is not None
    assert figures(read.total) == ("Cộng", 13, None, 2_500_000)
    assert read.rows[0].unit == "người"
    assert [(line, token.text) for line, token in read.unknown] == [(3, "abc")]


@pytest.mark.parametrize(
    ("header", "cell", "amount"),
    [
        ("Thành tiền (1.000 đồng)", "13.200", 13_200_000),
        ("Thành tiền (nghìn đồng)", "13.200", 13_200_000),
        ("Thành tiền (triệu đồng)", "13,2", 13_200_000),
        ("Kinh phí (tỷ đồng)", "0,0132", 13_200_000),
        ("Thành tiền (đồng)", "13.200.000", 13_200_000),
        ("Thành tiền", "13.200.000đ", 13_200_000),
        ("Thành tiền (triệu đồng)", "13.200.000đ", 13_200_000),  # a unit in the cell wins
    ],
)
def test_a_unit_in_the_header_scales_the_column(header: str, cell: str, amount: int) -> None:
    (row,) = table(
        f"| Đối tượng | Số suất | {header} |\n|---|---|---|\n| Người có công | 22 | {cell} |"
    ).rows
    assert row.amount == amount


def test_the_header_need_not_be_the_first_row() -> None:
    read = table("| Biểu 1 | Quà Tết |\n| Nội dung | Số suất | Thành tiền |\n| A | 3 | 1.000 |")
    assert [figures(r) for r in read.rows] == [("A", 3, None, 1_000)]


def test_no_header_no_table() -> None:
    assert read_table(read_lines("| a | b |\n|---|---|\n| 1 | 2 |")) is None


def test_empty_dash_x_and_zero_cells() -> None:
    read = table(
        "| Nội dung | Số suất | Thành tiền |\n|---|---|---|\n| A | - | 0 |\n| B | x | |\n| C | 0 | 0 |\n|  |  |  |"
    )
    assert [figures(r) for r in read.rows] == [
        ("A", None, None, 0),
        ("C", 0, None, 0),
    ]  # B holds no figure


def test_rows_without_a_label_are_named_by_their_index_or_line() -> None:
    read = table(
        "| STT | Nội dung | Số suất | Thành tiền |\n|---|---|---|---|\n| 1 | | 2 | 600.000 |\n| | | 1 | 300.000 |\n| Tổng cộng | | 3 | 900.000 |"
    )
    assert [r.label for r in read.rows] == ["1", "#4"]
    assert read.total is not None
    assert read.total.label == "Tổng cộng"  # a total written in the index column


def test_a_level_in_the_label_when_no_level_column() -> None:
    (row,) = table(
        "| Nội dung | Số suất | Thành tiền |\n|---|---|---|\n| Mức 500.000đ | 4 | 2.000.000 |"
    ).rows
    assert (row.level, row.count, row.amount) == (500_000, 4, 2_000_000)


def test_unknown_numbers_in_labels_and_cells_are_listed() -> None:
    read = table(
        "| Nội dung | Số suất | Thành tiền |\n|---|---|---|\n| Hỗ trợ 178 | 1,5 | 300.000 |"
    )
    assert [(line, token.text) for line, token in read.unknown] == [(3, "178"), (3, "1,5")]
    assert figures(read.rows[0]) == ("Hỗ trợ 178", None, None, 300_000)


@pytest.mark.parametrize("label", ["Người nhận", "Đối tượng người có công"])
def test_a_label_header_naming_people_stays_a_label(label: str) -> None:
    read = table(
        f"| {label} | Số suất | Thành tiền |\n|---|---|---|\n| Cụ A | 2 | 600.000 |\n| Tổng cộng | 2 | 600.000 |"
    )
    assert header_columns((label, "Số suất", "Thành tiền")) == ("label", "count", "amount")
    assert [r.label for r in read.rows] == ["Cụ A"]
    assert read.total is not None


@st.composite
def gift_tables(draw: st.DrawFn) -> tuple[list[tuple[str, int, int]], str]:
    """Rows (label, count, level) and the table written with pipes or tabs."""
    rows = draw(
        st.lists(
            st.tuples(
                st.sampled_from(["Người có công", "Hộ nghèo", "Cụ cao tuổi", "Trẻ em"]),
                st.integers(0, 5_000),
                gift_levels,
            ),
            min_size=1,
            max_size=6,
        )
    )
    total_word = draw(st.sampled_from(["Tổng cộng", "Cộng", "Tổng số", "TỔNG CỘNG"]))
    body = [
        (label, grouped(count), grouped(level), grouped(count * level))
        for label, count, level in rows
    ]
    total = (
        total_word,
        grouped(sum(c for _, c, _ in rows)),
        "",
        grouped(sum(c * lv for _, c, lv in rows)),
    )
    header = ("Đối tượng", "Số suất", "Mức quà", "Thành tiền")
    if draw(st.booleans()):
        lines = ["| " + " | ".join(header) + " |", "|---|---:|---:|---:|"]
        lines += ["| " + " | ".join(cells) + " |" for cells in [*body, total]]
    else:
        lines = ["\t".join(cells) for cells in [header, *body, total]]
    return rows, "\n".join(lines)


@given(gift_tables())
@example(
    (
        [("Người có công", 22, 600_000), ("Hộ nghèo", 1_229, 300_000)],
        "| Đối tượng | Số suất | Mức quà | Thành tiền |\n|---|---|---|---|\n| Người có công | 22 | 600.000 | 13.200.000 |\n| Hộ nghèo | 1.229 | 300.000 | 368.700.000 |\n| Tổng cộng | 1.251 | | 381.900.000 |",
    )
)
def test_generated_tables_read_back_exactly(case: tuple[list[tuple[str, int, int]], str]) -> None:
    rows, text = case
    read = table(text)
    assert [(r.label, r.count, r.level, r.amount) for r in read.rows] == [
        (label, c, lv, c * lv) for label, c, lv in rows
    ]
    assert read.total is not None
    assert (read.total.count, read.total.amount) == (
        sum(c for _, c, _ in rows),
        sum(c * lv for _, c, lv in rows),
    )
    assert read.rows[0].line == (3 if text.startswith("|") else 2)
    assert read.unknown == []


# -- groups, second totals, two-way tables (issue 11) --------------------------------------------

GROUPED = """\
| STT | Nội dung | Số suất | Mức quà (đồng/suất) | Thành tiền (đồng) |
|---|---|---:|---:|---:|
| **I** | **Quà của tỉnh** | | | |
| 1 | Thương binh | 4 | 500.000 | 2.000.000 |
| 2 | Thân nhân liệt sĩ | 6 | 500.000 | 3.000.000 |
| | *Cộng I* | *10* | | *5.000.000* |
| **II** | **Quà của huyện** | | | |
| 1 | Người có công | 5 | 300.000 | 1.500.000 |
| | *Cộng II* | *5* | | *1.500.000* |
| | **Tổng cộng (I + II)** | **15** | | **6.500.000** |
"""


def test_group_rows_without_figures_take_their_cong_row() -> None:
    from welfare_rules.audit.extract import extract_report

    extracted = extract_report(GROUPED)
    (total,) = extracted.report.nodes
    assert (total.count, total.amount) == (15, 6_500_000)
    assert [(group.count, group.amount, len(group.children)) for group in total.children] == [
        (10, 5_000_000, 2),
        (5, 1_500_000, 1),
    ]
    assert extracted.unparsed == ()


def test_a_second_total_row_restates_the_first() -> None:
    from welfare_rules.audit.extract import extract_report

    text = (
        "| Nội dung | Số suất | Thành tiền |\n|---|---|---|\n| A | 2 | 10 đồng |\n"
        "| Cộng | 2 | 10 đồng |\n| Tổng cộng | 2 | 11 đồng |\n"
    )
    (total,) = extract_report(text).report.nodes
    assert [(r.field, r.value) for r in total.restatements] == [("count", 2), ("amount", 11)]


def test_a_two_way_table_reads_one_part_per_level() -> None:
    from welfare_rules.audit.extract import extract_report

    text = (
        "STT;Đơn vị;Số suất mức 600.000đ;Thành tiền mức 600.000đ;Số suất mức 300.000đ;"
        "Thành tiền mức 300.000đ;Tổng số suất;Tổng thành tiền;Ghi chú\n"
    ).replace(";", "\t") + "1\tXã A\t2\t1200000\t3\t900000\t5\t2100000\tKhông có mức 600.000đ\n"
    (row,) = extract_report(text).report.nodes
    assert (row.count, row.amount, row.level) == (5, 2_100_000, None)
    (levels,) = row.children  # a breakdown of the row's totals, as funding sources are
    assert levels.split
    assert [(part.level, part.count, part.amount) for part in levels.children] == [
        (600_000, 2, 1_200_000),
        (300_000, 3, 900_000),
    ]
    assert extract_report(text).unparsed == ()  # the note names a column's level


def test_a_note_naming_a_level_no_column_has_is_not_understood() -> None:
    from welfare_rules.audit.extract import extract_report

    text = (
        "STT\tĐơn vị\tSố suất mức 600.000đ\tThành tiền mức 600.000đ\tSố suất mức 300.000đ"
        "\tThành tiền mức 300.000đ\tGhi chú\n"
        "1\tXã A\t0\t0\t2\t600000\tChuyển sang mức 450.000đ\n"
    )
    assert [u.numbers for u in extract_report(text).unparsed] == [("450.000đ",)]


def test_a_money_unit_stated_above_the_table_scales_its_money_columns() -> None:
    from welfare_rules.audit.extract import extract_report

    text = (
        "Đơn vị tính: nghìn đồng\n"
        "| Nội dung | Số suất | Mức quà | Thành tiền |\n|---|---|---|---|\n"
        "| Hộ nghèo | 10 | 500 | 5.000 |\n| Tổng cộng | 10 | | 5.000 |\n"
        "\n| Nội dung | Số suất | Thành tiền (đồng) |\n|---|---|---|\n| Hộ cận nghèo | 2 | 600.000 |\n"
    )
    first, second = extract_report(text).report.nodes
    assert (first.amount, first.children[0].level) == (5_000_000, 500_000)
    assert second.amount == 600_000  # the unit held for the table below it only


# -- nothing vanishes (issue 13) --------------------------------------------------------------


def _unknown(read: Table) -> list[tuple[int, str]]:
    return [(line, token.text) for line, token in read.unknown]


@pytest.mark.parametrize(
    "cells",
    [
        ("- Mức", "600.000đ:", "774", "suất", "=", "464.400.000đ."),
        ("Mức", "Số suất", "13.200.000"),
    ],
)
def test_a_row_with_a_number_cell_is_no_header(cells: tuple[str, ...]) -> None:
    # issue 13: a tab-separated line of words was taken as a header and ate its numbers
    assert header_columns(cells) is None


def test_a_header_may_name_a_level_or_a_unit() -> None:
    assert header_columns(("Số suất mức 600.000đ", "Thành tiền (1.000 đồng)")) == (
        "count",
        "amount",
    )


def test_rows_above_the_header_are_listed_not_dropped() -> None:
    read = table(
        "| 5 | 600.000 | 3.000.000 |\n| Mức | Số suất | Thành tiền |\n|---|---|---|\n"
        "| 600.000đ | 22 | 13.200.000 |"
    )
    assert _unknown(read) == [(1, "5"), (1, "600.000"), (1, "3.000.000")]
    assert [figures(rec) for rec in read.rows] == [("#4", 22, 600_000, 13_200_000)]


def test_cells_beyond_the_header_are_listed() -> None:
    read = table(
        "| Mức | Số suất | Thành tiền |\n|---|---|---|\n| 600.000đ | 22 | 13.200.000 | 99 |"
    )
    assert _unknown(read) == [(3, "99")]
    assert [figures(rec) for rec in read.rows] == [("#3", 22, 600_000, 13_200_000)]


def test_a_row_with_only_a_level_is_listed_and_keeps_the_total_checked() -> None:
    read = table(
        "| Mức | Số suất | Thành tiền |\n|---|---|---|\n| 600.000đ | 22 | 13.200.000 |\n"
        "| 300.000đ | | |\n| Tổng cộng | 22 | 13.200.000 |"
    )
    assert _unknown(read) == [(4, "300.000đ")]
    assert [figures(rec) for rec in read.rows] == [("#3", 22, 600_000, 13_200_000)]
    assert read.total is not None
    assert figures(read.total) == ("Tổng cộng", 22, None, 13_200_000)


def test_a_group_row_with_only_a_level_keeps_it() -> None:
    read = table(
        "| TT | Nội dung | Số suất | Thành tiền |\n|---|---|---|---|\n| I | Mức 600.000đ | | |\n"
        "| 1 | Xã A | 22 | 13.200.000 |"
    )
    assert read.unknown == []
    group = read.rows[0]
    assert figures(group) == ("Mức 600.000đ", None, 600_000, None)
    assert [figures(rec) for rec in group.children] == [("Xã A", 22, None, 13_200_000)]


def test_a_count_in_a_label_beside_the_rows_count_is_listed() -> None:
    read = table(
        "| Nội dung | Số suất | Thành tiền |\n|---|---|---|\n| Hộ nghèo 12 hộ | 22 | 13.200.000 |\n"
        "| Người có công 5 suất | 5 | 3.000.000 |"
    )
    assert _unknown(read) == [(3, "12 hộ")]  # "5 suất" is the row's own count
    assert [rec.count for rec in read.rows] == [22, 5]


def test_a_count_in_a_label_is_the_rows_count_when_no_column_states_one() -> None:
    read = table(
        "| Nội dung | Mức | Thành tiền |\n|---|---|---|\n| Tặng 22 suất | 600.000 | 13.200.000 |"
    )
    assert read.unknown == []
    assert figures(read.rows[0]) == ("Tặng 22 suất", 22, 600_000, 13_200_000)


def test_a_total_named_in_a_figure_column_is_the_total_and_a_second_one_restates_it() -> None:
    read = table(
        "| Mức | Số suất | Thành tiền |\n|---|---|---|\n| 600.000đ | 22 | 13.200.000 |\n"
        "| Tổng cộng | 22 | 13.200.000 |\n| Tổng cộng | 23 | 13.800.000 |"
    )
    assert read.unknown == []
    assert read.total is not None
    assert figures(read.total) == ("Tổng cộng", 22, None, 13_200_000)
    assert read.total.restatements == [("count", 23, 5), ("amount", 13_800_000, 5)]


def test_a_repeated_header_is_no_row_and_a_new_one_changes_the_columns() -> None:
    read = table(
        "| Mức | Số suất | Thành tiền |\n|---|---|---|\n| 600.000đ | 22 | 13.200.000 |\n"
        "| Số suất | Mức | Thành tiền |\n| 5 | 300.000đ | 1.500.000 |"
    )
    assert read.unknown == []
    assert [figures(rec) for rec in read.rows] == [
        ("#3", 22, 600_000, 13_200_000),
        ("#5", 5, 300_000, 1_500_000),
    ]


def test_a_second_total_row_stating_more_carries_the_total_on_its_own_line() -> None:
    read = table(
        "| Mức | Số suất | Thành tiền |\n|---|---|---|\n| 600.000đ | 22 | 13.200.000 |\n"
        "| Tổng cộng | | 13.200.000 |\n| Tổng cộng | 22 | 13.200.000 |"
    )
    assert read.total is not None  # the fuller row is the total; the first restates it
    assert (read.total.line, read.total.count, read.total.amount) == (5, 22, 13_200_000)
    assert read.total.restatements == [("amount", 13_200_000, 4)]


def test_a_second_total_row_stating_another_figure_is_the_first_ones_part() -> None:
    # each states a figure the other lacks: neither may take the other's line
    read = table(
        "| Mức | Số suất | Thành tiền |\n|---|---|---|\n| 600.000đ | 22 | 13.200.000 |\n"
        "| Tổng cộng | | 13.200.000 |\n| Tổng cộng | 22 | |"
    )
    assert read.total is not None
    assert (read.total.line, read.total.count, read.total.amount) == (4, None, 13_200_000)
    (second,) = read.rows
    assert (second.line, second.count, second.amount) == (5, 22, None)
    assert [figures(rec) for rec in second.children] == [("#3", 22, 600_000, 13_200_000)]


def test_a_group_row_of_a_level_over_its_cong_row_restates_the_level_on_its_line() -> None:
    from welfare_rules.audit.read import Document, audit_document

    text = (
        "| TT | Nội dung | Số suất | Thành tiền |\n|---|---|---|---|\n| I | Mức 600.000đ | | |\n"
        "| 1 | Xã A | 22 | 13.200.000 |\n| | Cộng I | 22 | 13.300.000 |"
    )
    (group,) = table(text).rows
    assert (group.line, group.count, group.level, group.amount) == (5, 22, 600_000, 13_300_000)
    assert group.restatements == [("level", 600_000, 3)]  # the level stays on its line
    audit = audit_document(Document.from_text(text, name="x.txt"))
    products = [f for f in audit.result.findings if f.kind == "product_mismatch"]
    assert [(f.line, f.reported) for f in products] == [(5, 13_300_000)]  # 22 × 600.000


DONORS = """\
| STT | Đơn vị ủng hộ | Số tiền (đồng) |
|---:|---|---:|
| 1 | Công an huyện | 10.000.000 |
| 2 | Trung tâm Y tế huyện | 11.200.000 |
| | Cộng | 21.200.000 |
"""


def test_a_table_of_one_amount_a_row_sums_down_to_its_total_row() -> None:
    read = table(DONORS)
    assert read.total is not None
    assert figures(read.total) == ("Cộng", None, None, 21_200_000)
    assert [rec.amount for rec in read.rows] == [10_000_000, 11_200_000]
    assert read.unknown == []


def test_a_total_row_above_rows_of_one_figure_heads_indicators_not_parts() -> None:
    indicators = "| Chỉ tiêu | Số người |\n|---|---:|\n| Tổng số hội viên | 19.806 |\n"
    indicators += "| Hội viên nữ | 11.000 |\n| Hội viên trên 80 tuổi | 3.000 |\n"
    read = table(indicators)
    assert read.total is None
    assert [rec.count for rec in read.rows] == [19_806, 11_000, 3_000]


def test_a_list_of_people_reads_what_each_was_paid_and_no_birth_year() -> None:
    people = "STT\tHọ và tên\tNăm sinh\tMức quà (đồng)\n"
    people += "1\tNguyễn Thị Lành\t1935\t500.000\n2\tLê Thị Nụ\t1930\t700.000\n"
    people += "\tTổng cộng\t\t1.200.000\n"
    read = table(people)
    assert [rec.amount for rec in read.rows] == [500_000, 700_000]
    assert read.total is not None
    assert read.total.amount == 1_200_000
    assert read.unknown == []  # the years of birth are no figures, and not lost


FUNDED = """\
| STT | Đối tượng | Số suất | Mức quà | Tổng kinh phí | Ngân sách tỉnh | Ngân sách huyện |
|---:|---|---:|---:|---:|---:|---:|
| 1 | Thân nhân liệt sĩ | 687 | 700.000 | 480.900.000 | 343.500.000 | 137.400.000 |
| 2 | Hộ nghèo | 954 | 500.000 | 477.000.000 | 286.200.000 | 190.800.000 |
| | Tổng cộng | 1.641 | | 957.900.000 | 629.700.000 | 328.200.000 |
"""


def test_funding_source_columns_are_each_rows_second_breakdown() -> None:
    # "tỉnh" holds "tỉ": the column had been read in tỷ đồng
    read = table(FUNDED)
    first = read.rows[0]
    (split,) = first.children
    assert split.split
    assert [(part.label, part.amount) for part in split.children] == [
        ("Thân nhân liệt sĩ: Ngân sách tỉnh", 343_500_000),
        ("Thân nhân liệt sĩ: Ngân sách huyện", 137_400_000),
    ]
    assert read.total is not None
    assert read.total.children == []  # its sources stand beside the rows it sums
    assert [part.amount for part in read.rows[-1].children] == [629_700_000, 328_200_000]


@given(st.sampled_from(["137.400.000", "190.800.000", "629.700.000"]))
@example("190.800.000")
def test_a_slip_in_a_funding_cell_is_found_on_its_row(cell: str) -> None:

    slipped = cell[0] + cell[2] + cell[1] + cell[3:] if cell[1] != cell[2] else cell
    text = FUNDED.replace(f"| {cell} |", f"| {slipped} |")
    errors = _errors(text)
    assert errors
    assert {f.line for f in errors} <= {3, 4, 5}


@pytest.mark.parametrize(
    ("headers", "columns"),
    [
        (("Ngân sách tỉnh", "Ngân sách huyện"), ("source", "source")),
        (("Nguồn", "Ghi chú"), ("label", "remark")),
        # one source column and a "trong đó" column: no whole breakdown of the amount
        (("Ngân sách tỉnh", "Trong đó: chi quà"), ("label", "label")),
    ],
)
def test_source_columns_are_a_breakdown_of_an_amount(
    headers: tuple[str, str], columns: tuple[str, str]
) -> None:
    assert header_columns(("Đối tượng", "Thành tiền", *headers))[2:] == columns
    unfunded = tuple("label" if column == "source" else column for column in columns)
    assert header_columns(("Đối tượng", "Số suất", *headers))[2:] == unfunded


def test_an_indicator_total_as_the_last_row_of_one_figure_is_no_sum() -> None:
    text = (
        "| Chỉ tiêu | Số người |\n|---|---:|\n| Hội viên nữ | 11.000 |\n"
        "| Hội viên trên 80 tuổi | 3.000 |\n| Tổng số hội viên | 19.806 |\n"
    )
    read = table(text)
    assert read.total is None  # once "19.806 vs 14.000"
    assert [rec.count for rec in read.rows] == [11_000, 3_000, 19_806]


def test_a_trong_do_row_is_some_of_the_row_above_not_another_part() -> None:
    text = (
        "| Nguồn | Số tiền (đồng) |\n|---|---:|\n| Ngân sách tỉnh | 300.000.000 |\n"
        "| Ngân sách huyện | 150.000.000 |\n| Trong đó: hỗ trợ người có công | 50.000.000 |\n"
        "| Xã hội hóa | 50.000.000 |\n| Tổng cộng | 500.000.000 |\n"
    )
    read = table(text)
    assert [rec.amount for rec in read.rows] == [300_000_000, 150_000_000, 50_000_000]
    assert [part.amount for part in read.rows[1].children] == [50_000_000]


FORM_TABLE = """\
| STT | Xã, phường | Số cụ | Thành tiền |
|---|---|---|---|
| A | B | 1 | 2 |
| 1 | Phường Mỏ Chè | 10 | 5.000.000 |
| 2 | Phường Thắng Lợi | 5 | 2.500.000 |
|  | Tổng cộng | 15 | 7.500.000 |
"""


@pytest.mark.parametrize(
    ("cells", "marks"),
    [
        (("A", "B", "1", "2"), True),
        (("(1)", "(2)", "(3)"), True),
        (("A", "B", "1", "2", "3=1x2", "5=2+4"), True),
        (("STT", "Xã", "1", "2"), False),  # a header's words
        (("1", "Xã A", "10", "5.000.000"), False),  # a row of figures
        (("", "Tổng", "15", "7.500.000"), False),
        (("A", "B", "2", "1"), False),  # falling: figures, not column numbers
        (("A", "B", "1", "40"), False),  # past the columns there are
    ],
)
def test_column_marks(cells: tuple[str, ...], marks: bool) -> None:
    assert column_marks(cells) is marks


def test_a_row_numbering_the_columns_is_no_row_of_figures() -> None:
    audit = audit_document(Document.from_text(FORM_TABLE, name="bieu-mau.md"))
    assert not [f for f in audit.result.findings if f.severity == "error"]
    assert audit.complete
    assert audit.status == 0
    slipped = FORM_TABLE.replace("| 5 | 2.500.000", "| 5 | 2.050.000")
    (error,) = _errors(slipped)  # the row or the total: the two tie, and both are offered
    assert {c.value for c in error.candidates} >= {2_500_000, 7_050_000}


MATRIX = """\
ĐVT: {unit}

| STT | Xã, thị trấn | Người có công | Hộ nghèo | Tổng cộng |
|:-:|---|--:|--:|--:|
| 1 | Xã Mỹ Thọ | {a1} | {b1} | {t1} |
| 2 | Xã Mỹ Hiệp | {a2} | {b2} | {t2} |
| | **Tổng cộng** | {a} | {b} | {t} |
"""


def _matrix(unit: str, cells: list[str]) -> str:
    names = ["a1", "b1", "t1", "a2", "b2", "t2", "a", "b", "t"]
    return MATRIX.format(unit=unit, **dict(zip(names, cells, strict=True)))


MATRIX_DONG = _matrix(
    "đồng",
    [
        "71.000.000",
        "29.400.000",
        "100.400.000",
        "36.000.000",
        "23.400.000",
        "59.400.000",
        "107.000.000",
        "52.800.000",
        "159.800.000",
    ],
)
MATRIX_TRD = _matrix(
    "tr.đ", ["71,0", "29,4", "100,4", "36,0", "23,4", "59,4", "107,0", "52,8", "159,8"]
)


@pytest.mark.parametrize("text", [MATRIX_DONG, MATRIX_TRD])
def test_a_matrix_of_groups_and_their_total_is_checked_across_and_down(text: str) -> None:
    audit = audit_document(Document.from_text(text, name="ma-tran.md"))
    assert audit.complete
    assert audit.status == 0
    compiled = compile_report(audit.report)
    assert len(compiled.edits) == 6  # the total and 2 rows across, 2 columns down, 1 down


def test_a_slip_in_a_matrix_cell_is_localized_by_its_row_and_its_column() -> None:
    text = MATRIX_DONG.replace("| 36.000.000 |", "| 63.000.000 |")
    (error,) = _errors(text)
    assert (error.line, error.reported, error.suggested) == (6, 63_000_000, 36_000_000)


def test_a_matrix_needs_its_money_stated() -> None:
    text = MATRIX_DONG.replace("ĐVT: đồng\n", "")
    assert header_columns(tuple(text.splitlines()[0].strip("|").split("|"))) is None


SOURCES_SHORT = """\
| STT | Đơn vị | Tổng kinh phí | Ngân sách tỉnh | Ngân sách huyện |
|---|---|---:|---:|---:|
| 1 | Xã A | 50.000.000 | 30.000.000 | 10.000.000 |
| 2 | Xã B | 30.000.000 | 18.000.000 | 6.000.000 |
| | Tổng cộng | 80.000.000 | 48.000.000 | 16.000.000 |
"""


def test_source_columns_short_on_every_row_name_some_sources_only() -> None:
    audit = audit_document(Document.from_text(SOURCES_SHORT, name="s.md"))
    assert not [f for f in audit.result.findings if f.severity == "error"]
    (node,) = audit.report.nodes
    split = next(child for child in node.children if child.split)
    assert split.children_complete is False


def test_source_columns_short_on_one_row_hold_a_slip() -> None:
    text = SOURCES_SHORT.replace("| 30.000.000 | 10.000.000 |", "| 30.000.000 | 20.000.000 |")
    text = text.replace("| 18.000.000 | 6.000.000 |", "| 18.000.000 | 2.000.000 |")
    text = text.replace("48.000.000 | 16.000.000", "48.000.000 | 32.000.000")
    errors = _errors(text)
    assert (4, 2_000_000) in {(f.line, f.reported) for f in errors}


def test_source_columns_take_the_unit_stated_above_the_table() -> None:
    text = (
        "Đơn vị tính: nghìn đồng\n\n"
        "| STT | Đơn vị | Tổng kinh phí | Ngân sách tỉnh | Ngân sách huyện |\n"
        "|---|---|---:|---:|---:|\n"
        "| 1 | Xã A | 50.000 | 30.000 | 20.000 |\n"
    )
    audit = audit_document(Document.from_text(text, name="s.md"))
    assert audit.status == 0
    (row,) = audit.report.nodes
    (split,) = row.children
    assert [part.amount for part in split.children] == [30_000_000, 20_000_000]


PAID_UNPAID = """\
Mức quà 300.000 đồng/suất.

| STT | Xã | Số đối tượng | Số tiền tiếp nhận (đồng) | Đã chi trả (người) | Số tiền đã chi trả (đồng) | Chưa chi trả (người) | Số tiền chưa chi trả (đồng) | Tỷ lệ chi trả (%) |
|---:|---|---:|---:|---:|---:|---:|---:|---:|
| 1 | Xã Duy Châu | 287 | 86.100.000 | 284 | 85.200.000 | 3 | 900.000 | 98,95 |
| 2 | Xã Duy Sơn | 198 | 59.400.000 | 198 | 59.400.000 | 0 | 0 | 100,00 |
| | Tổng cộng | 485 | 145.500.000 | 482 | 144.600.000 | 3 | 900.000 | 99,38 |
"""


def test_paid_and_unpaid_columns_break_the_row_down() -> None:
    audit = audit_document(Document.from_text(PAID_UNPAID, name="buu-dien.md"))
    assert not [f for f in audit.result.findings if f.severity == "error"]
    assert audit.complete
    total = next(node for node in audit.report.nodes if node.children)  # the level line aside
    row = total.children[0]
    (split,) = row.children
    assert [(part.count, part.amount) for part in split.children] == [
        (284, 85_200_000),
        (3, 900_000),
    ]


@pytest.mark.parametrize(
    ("old", "new", "line"),
    [
        ("| 3 | 900.000 | 98,95 |", "| 3 | 9.000.000 | 98,95 |", 5),  # a part's amount
        ("| 98,95 |", "| 98,59 |", 5),  # a part's share of its row
    ],
)
def test_a_slip_in_a_part_column_is_found_on_its_row(old: str, new: str, line: int) -> None:
    audit = audit_document(Document.from_text(PAID_UNPAID.replace(old, new), name="b.md"))
    errors = [f for f in audit.result.findings if f.severity == "error"]
    assert line in {f.line for f in errors}


def test_columns_of_another_year_are_no_parts_and_are_listed_not_summed() -> None:
    text = (
        "| STT | Xã | Số suất năm 2025 | Số tiền năm 2025 | Số suất năm 2024 | Số tiền năm 2024 |\n"
        "|---|---|---:|---:|---:|---:|\n"
        "| 1 | Xã A | 100 | 50.000.000 | 90 | 45.000.000 |\n"
        "| 2 | Xã B | 80 | 40.000.000 | 85 | 42.500.000 |\n"
    )
    audit = audit_document(Document.from_text(text, name="y.md"))
    assert not [f for f in audit.result.findings if f.severity == "error"]
    assert {line.line for line in audit.unparsed} == {3, 4}  # never dropped
    assert audit.status == 3


def test_a_matrix_with_a_group_row_and_a_second_total_does_not_crash() -> None:
    text = (
        "ĐVT: đồng\n"
        "| STT | Xã | Tiền mặt | Hiện vật | Tổng cộng |\n|---|---|---:|---:|---:|\n"
        "| 1 | Xã A | 5.000.000 | 3.000.000 | 8.000.000 |\n"
        "| | Cộng | 5.000.000 | 3.000.000 | 8.000.000 |\n"
        "| | Tổng cộng | 5.000.000 | 3.000.000 | 8.000.000 |\n"
    )
    audit = audit_document(Document.from_text(text, name="m.md"))
    assert not [f for f in audit.result.findings if f.severity == "error"]


def test_a_trong_do_column_is_no_group_of_a_matrix() -> None:
    cells = ("STT", "Xã", "Người có công", "Trong đó: thân nhân liệt sĩ", "Hộ nghèo", "Tổng cộng")
    assert header_columns(cells, money=True) is None


def test_one_column_equal_to_the_row_is_no_breakdown() -> None:
    text = (
        "| STT | Xã | Số hộ | Số khẩu (người) |\n|---|---|---:|---:|\n"
        "| 1 | A | 1 | 1 |\n| 2 | B | 1 | 1 |\n| 3 | C | 2 | 5 |\n"
    )
    audit = audit_document(Document.from_text(text, name="h.md"))
    assert not [f for f in audit.result.findings if f.severity == "error"]


def test_a_slip_carried_into_the_total_row_is_still_found() -> None:
    """Row B's huyện typed 2.000.000 for 12.000.000 and the total row summed from it:
    the total row is no second witness that the sources name only some."""
    text = (
        "| STT | Đơn vị | Tổng kinh phí | Ngân sách tỉnh | Ngân sách huyện |\n|---|---|---:|---:|---:|\n"
        "| 1 | Xã A | 50.000.000 | 30.000.000 | 20.000.000 |\n"
        "| 2 | Xã B | 30.000.000 | 18.000.000 | 2.000.000 |\n"
        "| 3 | Xã C | 40.000.000 | 25.000.000 | 15.000.000 |\n"
        "| | Tổng cộng | 120.000.000 | 73.000.000 | 37.000.000 |\n"
    )
    audit = audit_document(Document.from_text(text, name="p.md"))
    assert audit.status == 1


PEOPLE_WITH_REMARKS = """\
| STT | Họ và tên | Năm sinh | Số tiền (đồng) | Ghi chú |
|---|---|---|---|---|
| 1 | Nguyễn Thị Lựu | 1938 | 200.000 | |
| 2 | Phạm Văn Hợi | 1944 | 200.000 | Đã nhận 02 suất quà của Hội CTĐ xã |
| 3 | Vũ Thị Nhàn | 1925 | 500.000 | Cụ 101 tuổi, mức 500.000 đ/cụ |
| | Tổng cộng | | 900.000 | |
"""


def test_a_remark_column_is_said_of_the_row_and_gives_it_no_count() -> None:
    assert header_columns(("STT", "Họ và tên", "Số tiền", "Ghi chú")) == (
        "index",
        "label",
        "amount",
        "remark",
    )
    read = table(PEOPLE_WITH_REMARKS)
    assert [rec.count for rec in read.rows] == [None, None, None]  # "02 suất" is no count
    assert read.unknown == []  # the remark's numbers are no figures, nothing not understood
    assert "Đã nhận 02 suất" in read.rows[1].label
    assert _errors(PEOPLE_WITH_REMARKS) == []
    (finding,) = _errors(PEOPLE_WITH_REMARKS.replace("| 1944 | 200.000", "| 1944 | 250.000"))
    assert finding.reported in (250_000, 900_000)


TWO_ROW_HEADER = """\
| STT | Tổ dân phố | Người có công | | Hộ nghèo | | Tổng kinh phí (đồng) |
|---|---|---|---|---|---|---|
| | | Số suất | Thành tiền (đồng) | Số suất | Thành tiền (đồng) | |
| 1 | Tổ 1 | 23 | 11.500.000 | 14 | 5.600.000 | 17.100.000 |
| 2 | Tổ 2 | 31 | 15.500.000 | 9 | 3.600.000 | 19.100.000 |
| | Tổng cộng | 54 | 27.000.000 | 23 | 9.200.000 | 36.200.000 |
"""


def test_a_merged_header_written_as_two_rows_names_the_column_groups() -> None:
    top = ("STT", "Tổ", "Người có công", "", "Hộ nghèo", "", "Tổng")
    below = ("", "", "Số suất", "Thành tiền", "Số suất", "Thành tiền", "")
    assert _two_row_header(top, below) == (
        "",
        "",
        "Người có công",
        "Người có công",
        "Hộ nghèo",
        "Hộ nghèo",
        "",
    )
    assert _two_row_header(top, ("", "", "Số suất", "", "", "", "")) is None  # no spans


def test_a_two_row_header_table_is_read_by_group_and_checked_both_ways() -> None:
    from welfare_rules.audit.extract import extract_report

    extracted = extract_report(TWO_ROW_HEADER)
    (total,) = extracted.report.nodes
    assert total.amount == 36_200_000
    groups = [child for child in total.children if child.split]  # the groups' column sums
    assert [(part.count, part.amount) for part in groups[0].children] == [
        (54, 27_000_000),
        (23, 9_200_000),
    ]
    assert extracted.unparsed == ()
    assert _errors(TWO_ROW_HEADER) == []


@given(
    st.sampled_from(
        [
            ("| 14 | 5.600.000 |", "| 14 | 5.800.000 |", 5_800_000, 5_600_000),
            ("| 31 | 15.500.000 |", "| 13 | 15.500.000 |", 13, 31),
            ("| 23 | 9.200.000 |", "| 32 | 9.200.000 |", 32, 23),
        ]
    )
)
@example(("| 14 | 5.600.000 |", "| 14 | 5.800.000 |", 5_800_000, 5_600_000))
def test_a_slip_in_a_group_cell_is_found_in_its_cell(case: tuple[str, str, int, int]) -> None:
    written, slipped, reported, suggested = case
    errors = _errors(TWO_ROW_HEADER.replace(written, slipped))
    assert [(f.reported, f.suggested) for f in errors] == [(reported, suggested)]


@pytest.mark.parametrize(
    "remark",
    ["Năm 2023 mức 300.000đ/suất", "Nhận 2 suất, mức 500.000đ/suất", "Chuyển sang mức 450.000đ"],
)
def test_a_level_a_remark_names_is_never_the_row_s(remark: str) -> None:
    text = (
        "| STT | Đối tượng | Số suất | Thành tiền | Ghi chú |\n|---|---|---|---|---|\n"
        f"| 1 | Hộ nghèo | 10 | 5.000.000 | {remark} |\n| | Tổng cộng | 10 | 5.000.000 | |\n"
    )
    assert _errors(text) == []  # listed as not understood, never a false product


def test_a_group_named_with_its_level_heads_no_level_column() -> None:
    # "(0,5 tr.đ/suất)" states the group's level: its cells are amounts (a matrix)
    cells = ("STT", "Xã", "Người có công (0,5 tr.đ/suất)", "Hộ nghèo (0,3 tr.đ/suất)", "Tổng cộng")
    assert "level" not in (header_columns(cells, money=True) or ())


_FEE = (
    "| STT | Nội dung | Số suất | Mức (đồng) | Thành tiền (đồng) |\n|---|---|---|---|---|\n"
    "| 1 | Hộ nghèo | 50 | 400.000 | 20.000.000 |\n"
    "| 2 | Người cao tuổi | 30 | 300.000 | 9.000.000 |\n"
    "| | Cộng | 80 | | 29.000.000 |\n"
    "| | Phí chuyển tiền qua bưu điện | | | 290.000 |\n"
    "| | Tổng cộng | | | 29.290.000 |\n"
)


def test_a_total_after_a_subtotal_and_a_fee_row_adds_both() -> None:
    """``Cộng`` sums the gifts; the fee row after it is no gift of its; ``Tổng cộng`` is
    their sum. The fee had been read as a part of ``Cộng``: two false errors."""
    read = table(_FEE)
    assert read.total is not None
    assert figures(read.total) == ("Tổng cộng", None, None, 29_290_000)
    subtotal, fee = read.rows
    assert figures(subtotal) == ("Cộng", 80, None, 29_000_000)
    assert [figures(row)[0] for row in subtotal.children] == ["Hộ nghèo", "Người cao tuổi"]
    assert figures(fee) == ("Phí chuyển tiền qua bưu điện", None, None, 290_000)
    assert _errors(_FEE) == []
    (error,) = _errors(_FEE.replace("29.290.000", "39.290.000"))
    assert (error.line, error.reported, error.suggested) == (7, 39_290_000, 29_290_000)


def test_a_second_total_equal_to_the_first_still_restates_it_after_other_rows() -> None:
    text = _FEE.replace("29.290.000", "29.000.000")  # "Tổng cộng" restates "Cộng"
    read = table(text)
    assert read.total is not None
    assert figures(read.total) == ("Cộng", 80, None, 29_000_000)


_RUNS = (
    "| STT | Tổ dân phố | Người có công (người) | Mức (đồng) | Thành tiền (đồng) "
    "| Hộ nghèo (hộ) | Mức (đồng) | Thành tiền (đồng) | Cộng (đồng) |\n"
    "|---|---|---|---|---|---|---|---|---|\n"
    "| 1 | Tổ 1 | 12 | 500.000 | 6.000.000 | 8 | 300.000 | 2.400.000 | 8.400.000 |\n"
    "| 2 | Tổ 2 | 20 | 500.000 | 10.000.000 | 5 | 300.000 | 1.500.000 | 11.500.000 |\n"
    "| | Tổng cộng | 32 | | 16.000.000 | 13 | | 3.900.000 | 19.900.000 |\n"
)


def test_a_header_repeating_count_level_amount_reads_one_group_per_run() -> None:
    """Each run of count, level and amount columns is a group named by its count
    column; ``Cộng (đồng)`` after them is the row's amount. The second level column had
    been written over the first (six false "one digit differs" corrections)."""
    read = table(_RUNS)
    first = read.rows[0]
    assert figures(first) == ("Tổ 1", None, None, 8_400_000)
    (groups,) = first.children
    assert groups.split
    assert [figures(part) for part in groups.children] == [
        ("Tổ 1: Người có công", 12, 500_000, 6_000_000),
        ("Tổ 1: Hộ nghèo", 8, 300_000, 2_400_000),
    ]
    assert _errors(_RUNS) == []
    (error,) = _errors(_RUNS.replace("| 8 | 300.000 | 2.400.000 |", "| 8 | 300.000 | 2.700.000 |"))
    assert (error.line, error.reported, error.suggested) == (3, 2_700_000, 2_400_000)


@pytest.mark.parametrize(
    "header",
    [
        # no level in a run: paid and unpaid are parts of the row's own figures
        "| Xã | Số đối tượng | Số tiền | Đã chi trả (người) | Số tiền đã chi trả | Cộng |",
        # the runs are not told apart by their names
        "| Xã | Số hộ | Mức | Thành tiền | Số hộ | Mức | Thành tiền | Cộng |",
    ],
)
def test_runs_without_their_own_level_or_name_are_no_groups(header: str) -> None:
    from welfare_rules.audit._tables import _run_groups, header_columns

    cells = tuple(cell.strip() for cell in header.strip("|").split("|"))
    columns = header_columns(cells)
    assert columns is not None
    assert _run_groups(cells, columns) is None


_PLAN_TABLE = (
    "| STT | Đối tượng | Kế hoạch (suất) | Thực hiện (suất) | Tỷ lệ so với KH (%) "
    "| Mức (đồng/suất) | Kinh phí thực hiện (đồng) |\n|---|---|---|---|---|---|---|\n"
    "| 1 | Người có công | 200 | 218 | 109 | 500.000 | 109.000.000 |\n"
    "| 2 | Hộ nghèo | 400 | 380 | 95 | 300.000 | 114.000.000 |\n"
    "| | Tổng cộng | 600 | 598 | 99,7 | | 223.000.000 |\n"
)


def test_a_plan_column_beside_a_done_column_is_the_rows_plan_not_its_count() -> None:
    """``Kế hoạch | Thực hiện``: the done count is the row's (its level and amount are of
    what was given), the plans sum down on their own, and the percentage column is the
    share of the done count in the plan. The plan had been taken for the count: a false
    product error per row."""
    read = table(_PLAN_TABLE)
    assert [figures(row) for row in read.rows] == [
        ("Người có công", 218, 500_000, 109_000_000),
        ("Hộ nghèo", 380, 300_000, 114_000_000),
    ]
    (plans,) = read.plans
    assert (plans.count, [row.count for row in plans.children]) == (600, [200, 400])
    assert [share.whole for row in read.rows for share in row.shares] == plans.children
    audit = audit_document(Document.from_text(_PLAN_TABLE, name="t.md"))
    assert (audit.status, audit.complete) == (0, True)
    (error,) = _errors(_PLAN_TABLE.replace("| 95 |", "| 59 |"))
    assert (error.line, error.kind) == (4, "share_mismatch")
    (error,) = _errors(_PLAN_TABLE.replace("| 400 | 380 |", "| 400 | 830 |"))
    assert (error.line, error.reported, error.suggested) == (4, 830, 380)


_PLAN_AMOUNTS = (
    "ĐVT: đồng\n\n"
    "| STT | Nội dung | Dự toán | Thực hiện |\n|---|---|---|---|\n"
    "| 1 | Quà người có công | 150.000.000 | 147.600.000 |\n"
    "| 2 | Quà hộ nghèo | 80.000.000 | 82.500.000 |\n"
    "| | Tổng cộng | 230.000.000 | 230.100.000 |\n"
)


def test_plan_and_done_amount_columns_under_a_stated_unit_are_both_summed() -> None:
    """``ĐVT: đồng`` above ``Dự toán | Thực hiện``: two amount columns, the plan's and
    what was done, each summed down (the header had been no header: 0 checks)."""
    audit = audit_document(Document.from_text(_PLAN_AMOUNTS, name="t.md"))
    assert (audit.status, audit.complete) == (0, True)
    (error,) = _errors(_PLAN_AMOUNTS.replace("| 82.500.000 |", "| 85.200.000 |"))
    assert (error.line, error.reported, error.suggested) == (6, 85_200_000, 82_500_000)
    (error,) = _errors(_PLAN_AMOUNTS.replace("| 80.000.000 |", "| 8.000.000 |"))
    assert (error.line, error.reported, error.suggested) == (6, 8_000_000, 80_000_000)


def test_a_difference_column_beside_plan_and_done_is_listed_and_the_sums_checked() -> None:
    """``Chênh lệch`` (negative numbers, no column kind): its numbers are listed as not
    understood, and the total row, its label holding one of them, still sums the rows
    (it had been taken for a row: no check at all)."""
    text = (
        _PLAN_AMOUNTS.replace("| Thực hiện |", "| Thực hiện | Chênh lệch |")
        .replace("|---|---|---|---|", "|---|---|---|---|---|")
        .replace("147.600.000 |", "147.600.000 | -2.400.000 |")
        .replace("82.500.000 |", "82.500.000 | 2.500.000 |")
        .replace("230.100.000 |", "230.100.000 | 100.000 |")
    )
    audit = audit_document(Document.from_text(text, name="t.md"))
    assert (audit.status, audit.result.edits) == (3, 2)
    (error,) = _errors(text.replace("| 82.500.000 |", "| 85.200.000 |"))
    assert (error.line, error.reported, error.suggested) == (6, 85_200_000, 82_500_000)


def test_plan_and_done_columns_without_a_money_unit_are_no_header() -> None:
    cells = ("STT", "Nội dung", "Dự toán", "Thực hiện")
    assert header_columns(cells) is None
    assert header_columns(cells, money=True) == ("index", "label", "amount", "amount")


def test_a_lone_plan_column_is_the_rows_count() -> None:
    """Without a done column beside it, ``Kế hoạch (suất)`` is the row's count."""
    text = (
        "| STT | Đối tượng | Kế hoạch (suất) | Mức (đồng) | Kinh phí (đồng) |\n|---|---|---|---|---|\n"
        "| 1 | Hộ nghèo | 40 | 300.000 | 12.000.000 |\n"
    )
    (row,) = table(text).rows
    assert figures(row) == ("Hộ nghèo", 40, 300_000, 12_000_000)
    assert table(text).plans == []


_PRICED_GROUPS = (
    "| Tổ | Người có công (600.000đ) | Hộ nghèo (mức 300.000 đồng/hộ) | Thành tiền |\n"
    "|---|---|---|---|\n"
    "| Tổ 1 | 3 | 10 | 4.800.000 |\n"
    "| Tổ 2 | 5 | 4 | 4.200.000 |\n"
    "| Cộng | 8 | 14 | 9.000.000 |\n"
)


def test_groups_named_with_their_level_count_the_group_at_that_level() -> None:
    """``Hộ nghèo (1.000.000đ) | Cận nghèo (500.000đ) | Thành tiền``: each group column
    counts its group at the level it names, and the one amount is Σ count × level. The
    counts had been left unread."""
    first = table(_PRICED_GROUPS).rows[0]
    (groups,) = first.children
    assert [(part.count, part.level) for part in groups.children] == [(3, 600_000), (10, 300_000)]
    audit = audit_document(Document.from_text(_PRICED_GROUPS, name="t.md"))
    assert (audit.status, audit.complete) == (0, True)
    (error,) = _errors(_PRICED_GROUPS.replace("| 5 | 4 |", "| 5 | 7 |"))
    assert (error.line, error.reported, error.suggested) == (4, 7, 4)


_AFTER_CONG = (
    "| STT | Nội dung | Số suất | Mức (đồng) | Thành tiền (đồng) |\n|---|---|---|---|---|\n"
    "| 1 | Hộ nghèo | 50 | 400.000 | 20.000.000 |\n"
    "| 2 | Người cao tuổi | 30 | 300.000 | 9.000.000 |\n"
    "| | Cộng | 80 | | 29.000.000 |\n"
)


@pytest.mark.parametrize(
    "rows",
    [
        # a breakdown of Cộng by source (adding up to it), with a slip in the grand total
        "| | Ngân sách tỉnh | | | 20.000.000 |\n| | Ngân sách huyện | | | 9.000.000 |\n"
        "| | Tổng cộng | 80 | | 29.900.000 |\n",
        "| | Trong đó: ngân sách tỉnh | | | 20.000.000 |\n| | Ngân sách huyện | | | 9.000.000 |\n"
        "| | Tổng cộng | 80 | | 29.900.000 |\n",
        # a second block's Cộng is no grand total of the first and the rows between
        "| 3 | Hộ cận nghèo | 40 | 300.000 | 12.000.000 |\n| | Cộng | 40 | | 12.000.000 |\n",
    ],
)
def test_rows_after_cong_that_are_no_fee_keep_the_grand_total_a_restatement(rows: str) -> None:
    read = table(_AFTER_CONG + rows)
    assert read.total is not None
    assert read.total.label == "Cộng"


def test_a_grand_totals_count_over_a_fee_row_restates_the_subtotals() -> None:
    text = _AFTER_CONG + (
        "| | Phí chuyển tiền qua bưu điện | | | 290.000 |\n| | Tổng cộng | 90 | | 29.290.000 |\n"
    )
    (error,) = _errors(text)  # 90 against Cộng's 80: the fee row counts no gift
    assert (error.line, error.reported) == (7, 90)
    assert _errors(text.replace("| 90 |", "| 80 |")) == []
    supplement = _AFTER_CONG + (
        "| 3 | Bổ sung hộ nghèo phát sinh | 5 | 400.000 | 2.000.000 |\n"
        "| | Tổng cộng | 85 | | 31.000.000 |\n"
    )
    assert _errors(supplement) == []
    assert _errors(supplement.replace("| 85 |", "| 58 |"))[0].suggested == 85


_BY_GROUP = (
    "| STT | Thôn | Hộ nghèo (hộ) | Mức (đồng) | Thành tiền (đồng) | Hộ cận nghèo (hộ) "
    "| Mức (đồng) | Thành tiền (đồng) |\n|---|---|---|---|---|---|---|---|\n"
    "| 1 | Thôn 1 | 12 | 500.000 | 6.000.000 | 8 | 300.000 | 2.400.000 |\n"
    "| 2 | Thôn 2 | 20 | 500.000 | 10.000.000 | 5 | 300.000 | 1.500.000 |\n"
    "| | Tổng cộng | 32 | | 16.000.000 | 13 | | 3.900.000 |\n"
)


def test_runs_without_a_row_total_are_read_by_group() -> None:
    """No ``Cộng`` column: each group's total sums that group down. The total row's
    figures had vanished (the report called complete and consistent over a slip)."""
    read = table(_BY_GROUP)
    assert read.total is None
    assert [(head.label, head.count, len(head.children)) for head in read.rows] == [
        ("Tổng cộng: Hộ nghèo", 32, 2),
        ("Tổng cộng: Hộ cận nghèo", 13, 2),
    ]
    audit = audit_document(Document.from_text(_BY_GROUP, name="t.md"))
    assert (audit.status, audit.result.figures) == (0, 16)
    (error,) = _errors(_BY_GROUP.replace("| 32 |", "| 23 |"))
    assert (error.line, error.suggested) == (5, 32)


def test_runs_with_a_blank_row_total_keep_each_row_s_groups() -> None:
    blank = _BY_GROUP.replace(" Thành tiền (đồng) |\n|", " Thành tiền (đồng) | Cộng (đồng) |\n|---")
    blank = blank.replace("2.400.000 |\n", "2.400.000 | |\n").replace(
        "1.500.000 |\n", "1.500.000 | |\n"
    )
    blank = blank.replace("3.900.000 |\n", "3.900.000 | 19.900.000 |\n")
    (error,) = _errors(blank.replace("| 32 |", "| 23 |"))
    assert (error.line, error.suggested) == (5, 32)


def test_a_merged_grand_total_under_a_by_group_table_sums_its_group_totals() -> None:
    """Review 9, R2: ``| Cộng | 32 | … | 13 | … |`` read by group, then ``| Tổng cộng |
    54 | | 19.900.000 | | | |`` (one merged cell): its figures are its own, the groups'
    total; they had vanished."""
    text = (
        _BY_GROUP.replace("| | Tổng cộng |", "| | Cộng |")
        + "| | Tổng cộng | 54 | | 19.900.000 | | | |\n"
    )
    (error,) = _errors(text)
    assert (error.line, error.reported, error.suggested) == (6, 54, 45)


def test_two_plan_columns_make_one_plan_per_row() -> None:
    text = (
        "| Đối tượng | Kế hoạch (người) | Thực hiện (người) | Kinh phí dự toán (đồng) "
        "| Kinh phí thực chi (đồng) |\n|---|---|---|---|---|\n"
        "| Hộ nghèo | 100 | 98 | 30.000.000 | 29.400.000 |\n"
        "| Cận nghèo | 80 | 80 | 16.000.000 | 16.000.000 |\n"
        "| Tổng cộng | 190 | 178 | 46.000.000 | 45.400.000 |\n"
    )
    (plans,) = table(text).plans
    assert [(row.count, row.amount) for row in plans.children] == [
        (100, 30_000_000),
        (80, 16_000_000),
    ]
    (error,) = _errors(text)  # 190 against 100 + 80
    assert (error.line, error.reported) == (5, 190)


def test_priced_group_columns_without_an_amount_column_hold_amounts() -> None:
    text = (
        "| Xã | Hộ nghèo (1.000.000đ/hộ) | Cận nghèo (500.000đ/hộ) | Cộng (đồng) |\n"
        "|---|---|---|---|\n| Xã A | 12.000.000 | 4.500.000 | 16.500.000 |\n"
    )
    from welfare_rules.audit._tables import header_columns

    columns = header_columns(
        tuple(cell.strip() for cell in text.splitlines()[0].strip("|").split("|"))
    )
    assert columns is not None
    assert "count" not in columns  # a matrix of the groups' amounts, as before
    assert _errors(text) == []


_SOURCE_LEVELS = (
    "| Độ tuổi | Số người | Mức huyện (đồng) | Mức xã (đồng) | Thành tiền huyện (đồng) "
    "| Thành tiền xã (đồng) | Cộng (đồng) |\n|---|---|---|---|---|---|---|\n"
    "| 80 tuổi | 742 | 200.000 | 150.000 | 148.400.000 | 111.300.000 | 259.700.000 |\n"
    "| 85 tuổi | 518 | 200.000 | 150.000 | 103.600.000 | 77.700.000 | 181.300.000 |\n"
    "| Tổng cộng | 1.260 | | | 252.000.000 | 189.000.000 | 441.000.000 |\n"
)


def test_a_source_s_level_and_amount_columns_are_its_part_of_each_row() -> None:
    """``Mức huyện | Mức xã | Thành tiền huyện | Thành tiền xã | Cộng``: each source pays
    its level on every gift of the row (count × its level = its amount). The second
    level had been written over the first: two false product errors."""
    first = table(_SOURCE_LEVELS).rows[0]
    assert (first.count, first.amount) == (742, 259_700_000)
    (sources,) = first.children
    assert [(part.level, part.amount) for part in sources.children] == [
        (200_000, 148_400_000),
        (150_000, 111_300_000),
    ]
    audit = audit_document(Document.from_text(_SOURCE_LEVELS, name="t.md"))
    assert (audit.status, audit.result.figures) == (0, 16)
    (error,) = _errors(_SOURCE_LEVELS.replace("| 148.400.000 |", "| 184.400.000 |"))
    assert (error.line, error.suggested) == (3, 148_400_000)


def test_a_stacked_header_names_each_source_column() -> None:
    """``Mức quà (đồng/người)`` and ``Thành tiền (đồng)`` over ``Huyện | Xã | Cộng``: the
    lower row names the sources the upper columns split into (a merged Word header)."""
    text = (
        "| Độ tuổi | Số người | Mức quà (đồng/người) | | Thành tiền (đồng) | | |\n|---|---|---|---|---|---|---|\n"
        "| Độ tuổi | Số người | Huyện | Xã | Huyện | Xã | Cộng |\n"
        + _SOURCE_LEVELS.split("|\n", 2)[2]
    )
    audit = audit_document(Document.from_text(text, name="t.md"))
    assert (audit.status, audit.result.figures) == (0, 16)


def test_level_columns_naming_no_source_are_no_source_parts() -> None:
    from welfare_rules.audit._tables import _source_columns

    cells = ("Xã", "Số suất", "Mức quà Tết", "Mức quà 27/7", "Thành tiền", "Thành tiền 2")
    columns = header_columns(cells)
    assert columns is not None
    assert _source_columns(cells, columns) == (columns, {})


def test_source_columns_of_rows_named_by_a_commune_keep_their_sources() -> None:
    """``Xã A: Ngân sách huyện`` names two sources; the part's own name says which (review
    11, e01: the per-gift products had been lost)."""
    text = _SOURCE_LEVELS.replace("| 80 tuổi |", "| Xã A |").replace("| 85 tuổi |", "| Xã B |")
    audit = audit_document(Document.from_text(text, name="t.md"))
    assert (audit.status, audit.result.figures) == (0, 16)
    (error,) = _errors(
        text.replace("| 200.000 | 150.000 | 148.400.000", "| 100.000 | 150.000 | 148.400.000")
    )
    assert (error.line, error.suggested) == (3, 200_000)


def test_two_level_columns_nothing_tells_apart_give_no_level() -> None:
    """``Mức ngân sách | Mức xã hội hóa`` (no source the reader knows pairs them with
    their amounts): the second level had been written over the first, a confident wrong
    correction per row; both are listed as not understood (review 11, f17)."""
    text = (
        "| Thôn | Số suất | Mức ngân sách | Mức xã hội hóa | Thành tiền ngân sách "
        "| Thành tiền xã hội hóa | Cộng |\n|---|---|---|---|---|---|---|\n"
        "| Thôn 1 | 50 | 300.000 | 200.000 | 15.000.000 | 10.000.000 | 25.000.000 |\n"
    )
    assert _errors(text) == []
    (row,) = table(text).rows
    assert row.level is None
    assert {token.text for _, token in table(text).unknown} >= {"300.000", "200.000"}


_PRICED_ABOVE = """\
| STT | Đơn vị | Mức 600.000đ | | Mức 300.000đ | | Tổng cộng |
|---|---|---|---|---|---|---|
| | | Số suất | Thành tiền | Số suất | Thành tiền | (đồng) |
| 1 | Xã An Lạc | 4 | 2.400.000 | 131 | 39.300.000 | 41.700.000 |
| 2 | Xã An Bình | 2 | 1.200.000 | 96 | 28.800.000 | 30.000.000 |
| | Cộng | 6 | 3.600.000 | 227 | 68.100.000 | 71.700.000 |
"""


def test_levels_in_a_header_row_above_the_columns_price_them() -> None:
    # found by a probe: the upper row (levels only) was no header, so its levels were
    # not understood and the rows' figures not checked
    read = table(_PRICED_ABOVE)
    assert read.unknown == []
    first = read.rows[0]
    assert figures(first) == ("Xã An Lạc", None, None, 41_700_000)
    (groups,) = first.children
    assert groups.split
    assert [(part.count, part.level, part.amount) for part in groups.children] == [
        (4, 600_000, 2_400_000),
        (131, 300_000, 39_300_000),
    ]
    assert _errors(_PRICED_ABOVE) == []
    (error,) = _errors(_PRICED_ABOVE.replace("| 96 |", "| 69 |"))
    assert (error.line, error.reported, error.suggested) == (5, 69, 96)


def test_a_row_above_the_header_naming_no_levels_stays_unread() -> None:
    text = _PRICED_ABOVE.replace("Mức 600.000đ", "Quà của tỉnh 2024")
    assert table(text).unknown  # its numbers are listed, not taken for levels


_TWO_BLOCKS = """\
Bảng 1. Quà của tỉnh

| STT | Đơn vị | Số suất | Mức quà | Thành tiền |
|---|---|---|---|---|
| 1 | Xã A | 86 | 500.000 | 43.000.000 |
| 2 | Xã B | 74 | 500.000 | 37.000.000 |
| | Cộng bảng 1 | 160 | | 80.000.000 |

Bảng 2. Quà của thị xã

| STT | Đối tượng | Số suất | Mức quà | Thành tiền |
|---|---|---|---|---|
| 1 | Hộ nghèo | 142 | 400.000 | 56.800.000 |
| 2 | Hộ cận nghèo | 97 | 300.000 | 29.100.000 |
| | Cộng bảng 2 | 239 | | 85.900.000 |
| | TỔNG CỘNG (Bảng 1 + Bảng 2) | 399 | | 165.900.000 |
"""


def test_a_total_of_the_blocks_after_a_table_s_own_is_no_restatement() -> None:
    # found by a probe: "TỔNG CỘNG (Bảng 1 + Bảng 2)" was taken for block 2's total
    # written again (two false "one figure, two values" errors)
    second = _TWO_BLOCKS.split("Bảng 2. Quà của thị xã\n\n")[1]
    read = table(second)
    assert read.grand is not None
    assert (read.grand.count, read.grand.amount) == (399, 165_900_000)
    assert read.grand.grand
    assert _errors(_TWO_BLOCKS) == []
    (error,) = _errors(_TWO_BLOCKS.replace("| 399 |", "| 398 |"))
    assert (error.line, error.reported, error.suggested) == (16, 398, 399)


def test_rows_after_a_blank_row_are_read_by_the_header_above() -> None:
    # a sheet's grand total row after an empty row: a block of its own, with no header
    text = _TWO_BLOCKS.replace("| | TỔNG CỘNG", "\n| | TỔNG CỘNG")
    header = table(text.split("Bảng 2. Quà của thị xã\n\n")[1].split("\n\n")[0]).header
    (grand_line,) = [line for line in read_lines(text) if "TỔNG CỘNG" in line.text]
    read = read_table([grand_line], continues=header)
    assert read is not None
    assert read.grand is not None
    assert (read.grand.count, read.grand.amount) == (399, 165_900_000)
    assert read_table([grand_line]) is None  # without the header above: no table
    assert _errors(text) == []
    (error,) = _errors(text.replace("| 165.900.000 |", "| 156.900.000 |"))
    assert (error.reported, error.suggested) == (156_900_000, 165_900_000)


def test_rows_of_another_width_are_not_read_by_the_header_above() -> None:
    header = ("STT", "Đơn vị", "Số suất", "Mức quà", "Thành tiền")
    (line,) = read_lines("| | Tổng cộng | 399 | 165.900.000 |")
    assert read_table([line], continues=header) is None


_NAMED_LEVELS = """\
| STT | Phường, xã | Hộ nghèo - Mức 500.000đ | | Hộ cận nghèo - Mức 300.000đ | | Tổng kinh phí |
|---|---|---|---|---|---|---|
| | | Số hộ | Thành tiền | Số hộ | Thành tiền | (đồng) |
| 1 | Phường A | 37 | 18.500.000 | 212 | 63.600.000 | 82.100.000 |
| 2 | Phường B | 24 | 12.000.000 | 187 | 56.100.000 | 68.100.000 |
| | Cộng | 61 | 30.500.000 | 399 | 119.700.000 | 150.200.000 |
"""


def test_groups_named_with_their_level_price_their_columns() -> None:
    # found by a probe: "Hộ nghèo - Mức 500.000đ" over "Số hộ | Thành tiền" was a group
    # name only, and "(đồng)" under "Tổng kinh phí" no amount column: nothing was checked
    read = table(_NAMED_LEVELS)
    first = read.rows[0]
    assert first.amount == 82_100_000
    (groups,) = first.children
    assert [(part.count, part.level, part.amount) for part in groups.children] == [
        (37, 500_000, 18_500_000),
        (212, 300_000, 63_600_000),
    ]
    assert _errors(_NAMED_LEVELS) == []
    (error,) = _errors(_NAMED_LEVELS.replace("| 56.100.000 |", "| 56.700.000 |"))
    assert (error.line, error.reported, error.suggested) == (5, 56_700_000, 56_100_000)


@pytest.mark.parametrize(
    ("above", "under", "name"),
    [
        ("Tổng kinh phí", "(đồng)", "Tổng kinh phí (đồng)"),
        ("Hộ nghèo", "Số hộ", "Số hộ"),
        ("STT", "", "STT"),
        ("", "(đồng)", "(đồng)"),
    ],
)
def test_a_unit_under_a_column_name_joins_it(above: str, under: str, name: str) -> None:
    from welfare_rules.audit._tables import _under

    assert _under(above, under) == name


def test_a_table_by_level_without_a_row_total_sums_its_columns_down() -> None:
    # found by review: the total row's groups were replaced by the rows, so a slip in
    # them vanished and the table was called checked and consistent
    text = (
        "| Đơn vị | Mức 600.000đ | | Mức 300.000đ | |\n|---|---|---|---|---|\n"
        "| | Số suất | Thành tiền | Số suất | Thành tiền |\n"
        "| Xã A | 10 | 6.000.000 | 20 | 6.000.000 |\n| Xã B | 5 | 3.000.000 | 12 | 3.600.000 |\n"
        "| Tổng cộng | 15 | 9.000.000 | 32 | 9.600.000 |\n"
    )
    assert _errors(text) == []
    (error,) = _errors(text.replace("| 15 | 9.000.000 |", "| 15 | 1.000.000 |"))
    assert (error.line, error.reported, error.suggested) == (6, 1_000_000, 9_000_000)


SOURCE_ROWS = """\
| STT | Nhóm đối tượng | Số đối tượng | Mức quà (đồng) | Thành tiền (đồng) | Nguồn kinh phí |
|---|---|---|---|---|---|
| 1 | Người cao tuổi từ đủ 80 tuổi | 120 | 300.000 | 36.000.000 | Ngân sách tỉnh |
| 2 | Trẻ em mồ côi | 15 | 500.000 | 7.500.000 | Ngân sách tỉnh |
| 3 | Người cao tuổi cô đơn | 20 | 350.000 | 7.000.000 | Ngân sách xã |
| | Tổng cộng | 155 | | 50.500.000 | |
| | Trong đó ngân sách tỉnh | | | 43.500.000 | |
| | Trong đó ngân sách xã | | | 7.000.000 | |
"""


def test_a_source_column_names_each_rows_source_and_the_total_breaks_down_by_it() -> None:
    # "Nguồn kinh phí" is no amount column: its cells had been numbers not understood,
    # and the "Trong đó" rows after the total had gone under the last row (false errors)
    read = table(SOURCE_ROWS)
    assert read.unknown == []
    assert read.total is not None
    (split,) = [rec for rec in read.rows if rec.split]
    assert [part.amount for part in split.children] == [43_500_000, 7_000_000]
    assert _errors(SOURCE_ROWS) == []
    edits = {e.text for e in compile_report(extract_report(SOURCE_ROWS).report).edits}
    # each source's part is the sum of the rows it pays
    assert {"n0_3_0_amount == n0_0_amount + n0_1_amount", "n0_3_1_amount == n0_2_amount"} <= edits


@given(st.sampled_from(["36.000.000|36.600.000", "43.500.000|43.300.000", "7.500.000|7.800.000"]))
@example("43.500.000|43.300.000")  # a source's part off the rows it pays: found there
def test_a_slip_against_the_rows_a_source_pays_is_found(change: str) -> None:
    old, new = change.split("|")
    errors = _errors(SOURCE_ROWS.replace(old, new, 1))
    assert errors


GROUPS_IN_DONG = """\
| STT | Xã | Người có công (đồng) | Hộ nghèo (đồng) | Cộng (đồng) |
|---|---|---|---|---|
| 1 | Xã A | 18.600.000 | 6.500.000 | 25.100.000 |
| 2 | Xã B | 12.300.000 | 8.000.000 | 20.300.000 |
| 3 | Xã C | 9.900.000 | 4.500.000 | 14.400.000 |
| | Tổng cộng | 40.800.000 | 19.000.000 | 59.800.000 |
"""


@given(st.sampled_from(["8.000.000|8.900.000", "18.600.000|16.800.000", "19.000.000|19.600.000"]))
@example("8.000.000|8.900.000")  # the groups' amounts had been numbers not understood
def test_groups_named_in_dong_beside_their_total_are_a_matrix(change: str) -> None:
    # "Người có công (đồng) | … | Cộng (đồng)": each group's column an amount
    read = table(GROUPS_IN_DONG)
    assert read.unknown == []
    assert _errors(GROUPS_IN_DONG) == []
    old, new = change.split("|")
    (error,) = _errors(GROUPS_IN_DONG.replace(old, new, 1))
    assert (error.reported, error.suggested) == (
        int(new.replace(".", "")),
        int(old.replace(".", "")),
    )


PAIRS = """\
Hộ nghèo: mức 500.000 đồng/hộ; hộ cận nghèo: mức 300.000 đồng/hộ

| STT | Thôn | Số hộ nghèo | Tiền hộ nghèo (đồng) | Số hộ cận nghèo | Tiền hộ cận nghèo (đồng) | Cộng (đồng) |
|---|---|---|---|---|---|---|
| 1 | Thôn A | 14 | 7.000.000 | 9 | 2.700.000 | 9.700.000 |
| 2 | Thôn B | 11 | 5.500.000 | 13 | 3.900.000 | 9.400.000 |
| | Cộng | 25 | 12.500.000 | 22 | 6.600.000 | 19.100.000 |
"""


def test_count_and_amount_pairs_named_by_group_are_read_by_group() -> None:
    # "Số hộ nghèo | Tiền hộ nghèo (đồng)": each pair one group's; only the first pair
    # had been read, the rest numbers not understood
    assert header_columns(tuple(PAIRS.splitlines()[2].strip("|").split("|"))) is not None
    read = table("\n".join(PAIRS.splitlines()[2:]))
    assert read.unknown == []
    assert _errors(PAIRS) == []
    # the line above names each group's level: a slip in a count is found by it, the
    # total summed from the rows as typed or not
    for total in ("| 22 |", "| 21 |"):
        slipped = PAIRS.replace("| 13 | 3.900.000", "| 12 | 3.900.000").replace("| 22 |", total)
        assert (12, 13) in {(error.reported, error.suggested) for error in _errors(slipped)}


COVERAGE = """\
Toàn huyện đã trao quà cho 313 hộ nghèo; mức quà 1.000.000 đồng/hộ.

| Xã | Số hộ trong danh sách | Số hộ đã nhận | Tỷ lệ (%) | Kinh phí đã chi (đồng) |
|---|---:|---:|---:|---:|
| Xã A | 118 | 112 | 94,9 | 112.000.000 |
| Xã B | 96 | 96 | 100 | 96.000.000 |
| Xã C | 110 | 105 | 95,5 | 105.000.000 |
| **Toàn huyện** | **324** | **313** | **96,6** | **313.000.000** |
"""


@given(st.sampled_from(["| 105 | 95,5 | 105.000.000", "| 96 | 100 | 96.000.000"]))
@example("| 105 | 95,5 | 105.000.000")
def test_households_listed_and_reached_with_the_areas_own_total_row(row: str) -> None:
    # "trong danh sách" is the plan, "đã nhận" what was done, "Toàn huyện" the total row;
    # the lead's level prices the rows (the counts reached had been numbers not understood)
    audit = audit_document(Document.from_text(COVERAGE, name="c.md"))
    assert audit.unparsed == ()
    assert audit.complete  # the lead's level checked by the rows it prices
    assert [f for f in audit.result.findings if f.severity == "error"] == []
    count = row.split("|")[1].strip()
    slipped = COVERAGE.replace(row, row.replace(f"| {count} |", f"| {int(count) - 1} |", 1))
    errors = _errors(slipped)
    assert (int(count) - 1, int(count)) in {(f.reported, f.suggested) for f in errors}


BY_SOURCE = """\
| STT | Đối tượng | Số suất | NS trung ương | NS thành phố | Xã hội hóa | Cộng |
|---|---|---:|---:|---:|---:|---:|
| 1 | Người có công | 214 | 64.200.000 | 214.000.000 | 10.700.000 | 288.900.000 |
| 2 | Hộ nghèo | 42 | - | 42.000.000 | 21.000.000 | 63.000.000 |
| | Tổng cộng | 256 | 64.200.000 | 256.000.000 | 31.700.000 | 351.900.000 |
"""


@given(st.sampled_from([("256.000.000", "265.000.000"), ("| 63.000.000 |", "| 36.000.000 |")]))
@example(("256.000.000", "265.000.000"))  # the whole table had been numbers not understood
def test_source_columns_with_a_bare_total_column_break_each_row_down(
    change: tuple[str, str],
) -> None:
    # "NS trung ương | NS thành phố | Xã hội hóa | Cộng": "Cộng" is the row's amount
    read = table(BY_SOURCE)
    assert read.unknown == []
    assert _errors(BY_SOURCE) == []
    old, new = change
    assert _errors(BY_SOURCE.replace(old, new, 1))


BY_SEX = """\
| Độ tuổi | Số người (cụ) | | | Mức quà (đồng/người) | Thành tiền (đồng) |
| Độ tuổi | Nam | Nữ | Cộng | Mức quà (đồng/người) | Thành tiền (đồng) |
| 70 | 41 | 58 | 99 | 200.000 | 19.800.000 |
| 80 | 26 | 39 | 65 | 300.000 | 19.500.000 |
| Tổng cộng | 67 | 97 | 164 | | 39.300.000 |
"""


@given(st.sampled_from([("| 58 | 99", "| 85 | 99"), ("| 65 | 300.000", "| 56 | 300.000")]))
@example(("| 58 | 99", "| 85 | 99"))  # the sexes' columns had been numbers not understood
def test_a_count_split_with_its_total_after_the_parts(change: tuple[str, str]) -> None:
    # "Nam | Nữ | Cộng" under a merged "Số người (cụ)": "Cộng" is the row's count
    read = table(BY_SEX)
    assert read.unknown == []
    assert _errors(BY_SEX) == []
    old, new = change
    assert _errors(BY_SEX.replace(old, new, 1))


FUND = """\
| STT | Nội dung | Số lượng | Mức (đồng) | Số tiền (đồng) |
|---|---|---|---|---|
| I | Tồn quỹ đầu kỳ | | | 18.350.000 |
| II | Thu trong kỳ | | | 58.720.000 |
| 1 | Doanh nghiệp ủng hộ | | | 33.720.000 |
| 2 | Nhân dân ủng hộ | | | 25.000.000 |
| III | Chi trong kỳ | | | 73.500.000 |
| 1 | Tặng quà Tết người có công | 148 | 200.000 | 29.600.000 |
| 2 | Hỗ trợ sửa nhà | 2 | 21.950.000 | 43.900.000 |
| IV | Tồn quỹ cuối kỳ = I + II - III | | | 3.570.000 |
"""


@given(st.sampled_from(["18.350.000", "3.570.000", "73.500.000"]))
@example("3.570.000")  # the balance had been checked against nothing
def test_a_row_writing_its_formula_of_numbered_rows_is_their_balance(figure: str) -> None:
    # "Tồn quỹ cuối kỳ = I + II - III": I and II added, III taken off
    read = table(FUND)
    (balance,) = [row for row in read.rows if row.label.startswith("Tồn quỹ cuối kỳ")]
    assert [(part.amount, part.subtracted) for part in balance.children] == [
        (18_350_000, False),
        (58_720_000, False),
        (73_500_000, True),
    ]
    assert _errors(FUND) == []
    slipped = figure[:-5] + ("9" if figure[-5] != "9" else "8") + figure[-4:]
    assert _errors(FUND.replace(figure, slipped, 1))


PEOPLE = """\
| STT | Họ và tên | Diện đối tượng | Địa chỉ | Số tiền (đồng) |
|---|---|---|---|---|
| 1 | Nguyễn Văn An | Thương binh 4/4 | Thôn 1 | 500.000 |
| 2 | Trần Thị Bình | Gia đình 2 liệt sĩ | Thôn 3 | 1.000.000 |
| | Cộng | | | 1.500.000 |
"""


def test_a_persons_category_holds_no_figure_of_the_row() -> None:
    # "Gia đình 2 liệt sĩ" says who the person is: it had been the row's count, unchecked
    read = table(PEOPLE)
    assert read.unknown == []
    assert [(row.count, row.amount) for row in read.rows] == [(None, 500_000), (None, 1_000_000)]
    audit = audit_document(Document.from_text(PEOPLE, name="p.md"))
    assert audit.complete
    assert _errors(PEOPLE.replace("| 1.500.000 |", "| 1.600.000 |"))


def test_a_source_column_naming_money_stays_an_amount() -> None:
    # "Nguồn kinh phí (đồng)" holds amounts; only the bare name names the rows' sources
    columns = header_columns(("STT", "Nhóm", "Số suất", "Nguồn kinh phí (đồng)"))
    assert columns == ("index", "label", "count", "amount")
    assert header_columns(("STT", "Nhóm", "Số suất", "Thành tiền", "Nguồn kinh phí")) == (
        "index",
        "label",
        "count",
        "amount",
        "label",
    )
