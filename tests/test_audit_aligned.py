"""Tables aligned with spaces, read by where the header's words stand (audit/_aligned.py)."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from welfare_rules.audit._aligned import aligned_tables
from welfare_rules.audit._normalize import read_lines
from welfare_rules.audit.read import Document, audit_document

TABLE = """\
UBND XÃ AN HÒA
BẢNG TỔNG HỢP QUÀ TẾT

                                        Số suất      Mức quà     Thành tiền
                                                      (đồng)         (đồng)
A. Quà của tỉnh                             70                   30.000.000
   Người có công                            50      500.000      25.000.000
   Thân nhân liệt sĩ                        20      250.000       5.000.000
B. Quà của huyện                            40                   12.000.000
   Hộ nghèo                                 40      300.000      12.000.000
   TỔNG CỘNG (A + B)                       110                   42.000.000

Người lập biểu                    Kế toán                    CHỦ TỊCH UBND XÃ
"""


def _audit(text: str):  # type: ignore[no-untyped-def]
    return audit_document(Document.from_text(text, name="bang.txt"))


def test_a_table_aligned_with_spaces_is_read_by_its_columns() -> None:
    lines = aligned_tables(read_lines(TABLE))
    assert lines[3].cells == ("STT", "Nội dung", "Số suất", "Mức quà (đồng)", "Thành tiền (đồng)")
    assert lines[4].separator  # the units line joined the header
    assert lines[5].cells == ("A", "Quà của tỉnh", "70", "", "30.000.000")
    assert lines[6].cells == ("", "Người có công", "50", "500.000", "25.000.000")
    assert lines[12].cells is None  # the signatures are no row
    audit = _audit(TABLE)
    assert audit.result.ok
    assert audit.complete
    assert audit.status == 0


def test_a_slip_in_an_aligned_table_is_found_in_its_cell() -> None:
    wrong = TABLE.replace("      25.000.000", "      23.000.000")
    (finding,) = [f for f in _audit(wrong).result.findings if f.severity == "error"]
    assert (finding.line, finding.reported, finding.suggested) == (7, 23_000_000, 25_000_000)


def test_prose_with_double_spaces_is_no_table() -> None:
    text = "Số suất  và mức quà  đã được rà soát.\nXã A  có 20 suất.\nXã B  có 30 suất.\n"
    assert all(line.cells is None for line in aligned_tables(read_lines(text)))


@given(st.integers(1, 999), st.integers(1, 99).map(lambda k: k * 10_000))
@example(48, 600_000)
def test_any_aligned_row_reads_its_product(count: int, level: int) -> None:
    amount = f"{count * level:,}".replace(",", ".")
    shown = f"{level:,}".replace(",", ".")
    text = (
        "                       Số suất        Mức quà       Thành tiền\n"
        f"Hộ nghèo              {count:>7}   {shown:>12}   {amount:>14}\n"
        f"Hộ cận nghèo          {count:>7}   {shown:>12}   {amount:>14}\n"
    )
    nodes = [node for _, node in _audit(text).report.walk()]
    assert [(n.count, n.level, n.amount) for n in nodes] == [(count, level, count * level)] * 2


PRICED_GROUPS = """\
STT  Đơn vị              Mức 600.000đ            Mức 300.000đ            Tổng cộng
                         Số suất   Thành tiền    Số suất   Thành tiền       (đồng)
1    Xã An Lạc           4         2.400.000     131       39.300.000   41.700.000
2    Xã An Bình          2         1.200.000     96        28.800.000   30.000.000
     Cộng                6         3.600.000     227       68.100.000   71.700.000
"""


def test_levels_named_above_the_header_price_their_columns() -> None:
    # found by a probe: the levels over "Số suất | Thành tiền" were one record's, and
    # every row's count was priced at the last (seven confident wrong corrections)
    lines = aligned_tables(read_lines(PRICED_GROUPS))
    assert lines[0].cells == ("", "", "Mức 600.000đ", "", "Mức 300.000đ", "", "Tổng cộng")
    audit = _audit(PRICED_GROUPS)
    assert audit.status == 0
    wrong = _audit(PRICED_GROUPS.replace("     28.800.000", "     26.800.000"))
    assert [(f.line, f.reported, f.suggested) for f in wrong.result.findings] == [
        (4, 26_800_000, 28_800_000)
    ]


def test_a_line_above_a_header_naming_one_level_is_left_as_it_is() -> None:
    text = PRICED_GROUPS.replace("Mức 300.000đ", "Quà của xã  ")
    assert aligned_tables(read_lines(text))[0].cells is None


HAMLETS = """\
BẢNG KÊ CHI QUÀ TẾT THEO THÔN
(Nhóm A: người có công, mức 500.000 đ/suất; nhóm B: hộ nghèo, mức 300.000 đ/suất)

STT Thôn           Nhóm A   Tiền nhóm A  Nhóm B   Tiền nhóm B        Cộng
------------------------------------------------------------------------
1   Thôn Đông      23    11.500.000      31     9.300.000     20.800.000
2   Thôn Tây       17     8.500.000      26     7.800.000     16.300.000
3   Thôn Nam       29    14.500.000      18     5.400.000     19.900.000
------------------------------------------------------------------------
    Cộng           69    34.500.000      75    22.500.000     57.000.000
"""


def test_groups_in_count_and_amount_pairs_between_rules_are_a_table() -> None:
    # "Nhóm A   Tiền nhóm A": a group's count and amount; the rules are no rows' end
    lines = aligned_tables(read_lines(HAMLETS))
    header = next(line for line in lines if line.cells and "Nhóm A" in line.cells)
    assert header.cells == (
        "STT",
        "Nội dung",
        "Nhóm A",
        "Tiền nhóm A",
        "Nhóm B",
        "Tiền nhóm B",
        "Cộng",
    )
    rows = [line.cells for line in lines if line.cells and line.cells[0] in ("1", "2", "3")]
    assert rows[0] == ("1", "Thôn Đông", "23", "11.500.000", "31", "9.300.000", "20.800.000")
    audit = _audit(HAMLETS)
    assert audit.complete
    assert audit.result.findings == ()


@given(
    st.sampled_from(
        [
            ("29    14.500.000", "28    14.500.000", 28, 29),
            ("17     8.500.000", "17     8.400.000", 8_400_000, 8_500_000),
        ]
    )
)
@example(("29    14.500.000", "28    14.500.000", 28, 29))  # found only by its group's level
def test_a_slip_in_a_group_of_a_hamlet_is_found_by_the_groups_level(
    slip: tuple[str, str, int, int],
) -> None:
    old, new, reported, true = slip
    errors = [f for f in _audit(HAMLETS.replace(old, new)).result.findings if f.severity == "error"]
    assert (reported, true) in {(f.reported, f.suggested) for f in errors}


def test_a_letterhead_in_fields_is_no_table_header() -> None:
    # "CỘNG HÒA …" holds the word "cộng" but names no column
    text = (
        "UBND XÃ QUẢNG HẢI          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 12/BC-UBND          Quảng Hải, ngày 05 tháng 02 năm 2025\n"
        "Số tiền  đã chi  12.000.000 đồng\n"
    )
    assert all(line.cells is None for line in aligned_tables(read_lines(text)))
