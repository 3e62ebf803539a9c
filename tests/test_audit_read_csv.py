"""Tests for audit/read/csv.py: CSV exports in each dialect and encoding."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from welfare_rules.audit.read import read_bytes
from welfare_rules.audit.read.csv import CSV, sniff_delimiter
from welfare_rules.errors import DocumentReadError

from .office_files import WRONG, csv_bytes, errors_of, expected_errors, refusal, wheres_of

DIALECTS = [
    pytest.param({"delimiter": ","}, id="comma-utf8"),
    pytest.param({"delimiter": ";", "bom": True}, id="semicolon-utf8-bom"),
    pytest.param({"delimiter": "\t", "encoding": "utf-16"}, id="tab-utf16"),
    pytest.param({"delimiter": ";", "encoding": "cp1258"}, id="semicolon-windows-1258"),
    pytest.param({"delimiter": "|"}, id="pipe"),
]


@pytest.mark.parametrize("dialect", DIALECTS)
def test_each_dialect_gives_the_findings_of_the_table(dialect: dict[str, object]) -> None:
    document = read_bytes(csv_bytes(**dialect), name="xuat.csv")  # type: ignore[arg-type]
    assert document.format == "csv"
    assert errors_of(document) == expected_errors()
    assert wheres_of(document)[WRONG] == "hàng 6, cột 5"
    assert wheres_of(document, lang="en")[WRONG] == "row 6, column 5"


def test_quoted_cells_keep_their_grouping_and_delimiters() -> None:
    data = 'Nội dung,Số suất,Thành tiền\r\n"Xã A, thôn 1",3,"1.250.000"\r\n'.encode()
    document = CSV.read(data, name="q.csv")
    assert [c.text for c in document.lines[1].cells or ()] == ["Xã A, thôn 1", "3", "1.250.000"]


def test_rows_are_the_lines_a_record_starts_on() -> None:
    data = 'Nội dung;Số suất\n"Xã A\ncó hai dòng";3\n\nXã B;4\n'.encode()
    document = CSV.read(data, name="m.csv")
    places = [line.place.row for line in document.lines]
    assert places == [1, 2, 4, 5]
    assert document.lines[2].cells is None  # the empty record: a blank line


def test_tsv_by_suffix() -> None:
    data = "Nội dung\tSố suất\nXã A\t3\n".encode()
    assert CSV.read(data, name="t.tsv").lines[1].cells is not None


@pytest.mark.parametrize(
    ("sample", "delimiter"),
    [
        ("a;b;c\n1;2;3\n", ";"),
        ("a,b,c\n1,2,3\n", ","),
        ("a\tb\n1\t2\n", "\t"),
        ('STT;Thành tiền\n1;"1.250,5"\n2;"3,5"\n', ";"),
        ("chỉ một cột\nkhông có dấu phân cách\n", ","),
    ],
)
def test_sniff_delimiter(sample: str, delimiter: str) -> None:
    assert sniff_delimiter(sample) == delimiter


def test_binary_content_is_one_line() -> None:
    with pytest.raises(DocumentReadError, match="NUL"):
        CSV.read(b"\x00\x01\x02\x03\xff" * 20, name="b.csv")


# -- whatever the bytes: a document or the one documented error ------------------------------


@settings(max_examples=60)
@given(st.binary(max_size=600))
def test_any_bytes_give_a_document_or_a_read_error(data: bytes) -> None:
    reason = refusal(CSV, data, name="f.csv")
    assert reason is None or "\n" not in reason


@settings(max_examples=60)
@given(
    rows=st.lists(
        st.lists(
            st.text(alphabet='abc ,;\t"12.đồ\n', min_size=1, max_size=6), min_size=3, max_size=3
        ),
        min_size=2,
        max_size=6,
    ),
    delimiter=st.sampled_from([",", ";", "\t"]),
)
def test_cells_written_by_csv_read_back(rows: list[list[str]], delimiter: str) -> None:
    import csv
    import io

    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter, quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows(
        rows
    )
    document = CSV.read(out.getvalue().encode(), name="p.tsv" if delimiter == "\t" else "p.csv")
    read = [[cell.text for cell in line.cells] for line in document.lines if line.cells]
    expected = [
        [" ".join(text.split()) for text in row] for row in rows if any(t.strip() for t in row)
    ]
    if delimiter != "\t":  # without the suffix, the delimiter is sniffed: it may guess
        return
    assert read == expected
