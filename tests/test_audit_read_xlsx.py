"""Tests for audit/read/xlsx.py: workbooks made with openpyxl, every sheet, exact numbers."""

from __future__ import annotations

import functools
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from welfare_rules.audit.read import audit_document, read_bytes
from welfare_rules.audit.read.xlsx import XLSX
from welfare_rules.errors import DocumentReadError

from .office_files import (
    WRONG,
    damaged_copies,
    errors_of,
    expected_errors,
    refusal,
    wheres_of,
    xlsx_bytes,
)

openpyxl = pytest.importorskip("openpyxl")


def test_the_workbook_gives_the_findings_of_its_text_with_the_cell() -> None:
    document = read_bytes(xlsx_bytes(), name="bao-cao.xlsx")
    assert document.format == "xlsx"
    assert errors_of(document) == expected_errors()
    assert wheres_of(document)[WRONG] == "Tổng hợp!E11"


def test_each_sheet_is_a_heading_then_its_rows() -> None:
    document = XLSX.read(xlsx_bytes(extra_sheet=True), name="r.xlsx")
    texts = [line.rendered() for line in document.lines]
    assert texts[0] == "## Tổng hợp"
    assert "## Ghi chú" in texts
    assert texts[-1] == "| Ghi chú | Không có số liệu |"
    assert document.lines[-1].cells is not None
    assert document.lines[-1].cells[1].place.describe(lang="vi") == "Ghi chú!B1"
    title = document.lines[1]
    assert (title.text, title.cells, title.place.cell) == ("ỦY BAN NHÂN DÂN XÃ TÂN LẬP", None, "A1")


def test_numbers_are_exact_integers_grouped_as_displayed() -> None:
    document = XLSX.read(xlsx_bytes(), name="r.xlsx")
    row = next(line for line in document.lines if line.cells and line.cells[1].text == "Hộ nghèo")
    assert [cell.text for cell in row.cells or ()] == [
        "2",
        "Hộ nghèo",
        "40",
        "400.000",
        "16.000.000",
    ]


def test_a_whole_float_is_its_integer() -> None:
    document = XLSX.read(xlsx_bytes(float_amount=23_000_000.0), name="r.xlsx")
    assert errors_of(document) == expected_errors()


def test_a_non_whole_amount_is_kept_as_written_and_never_rounded() -> None:
    document = XLSX.read(xlsx_bytes(float_amount=32_000_000.4), name="r.xlsx")
    assert "32000000,4" in document.text()
    assert "32.000.000 |" not in document.text()
    audit = audit_document(document)
    assert audit.status != 0  # not called consistent: the figure is not silently rounded


def test_values_not_formulas() -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Nội dung", "Số suất", "Thành tiền"])
    sheet.append(["Xã A", 2, "=B2*300000"])
    out = io.BytesIO()
    book.save(out)
    text = XLSX.read(out.getvalue(), name="f.xlsx").text()
    assert "=B2" not in text  # openpyxl writes no cached value: the cell reads empty


def test_damaged_and_encrypted_workbooks_are_one_line() -> None:
    data = xlsx_bytes()
    with pytest.raises(DocumentReadError, match="damaged or truncated"):
        read_bytes(data[:-200], name="cut.xlsx")
    from welfare_rules.audit.read._office import OLE2_MAGIC

    encrypted = OLE2_MAGIC + bytes(504) + "EncryptedPackage".encode("utf-16-le") + bytes(64)
    with pytest.raises(DocumentReadError, match="password-protected"):
        read_bytes(encrypted, name="secret.xlsx")


def test_sniffing_without_a_suffix() -> None:
    assert XLSX.sniff(xlsx_bytes()[:4096])
    assert read_bytes(xlsx_bytes(), name="-").format == "xlsx"


@functools.cache
def _sample() -> bytes:
    return xlsx_bytes()


# -- whatever the bytes: a document or the one documented error ------------------------------


@settings(max_examples=40)
@given(data=st.data())
def test_damaged_bytes_give_a_document_or_a_read_error(data: st.DataObject) -> None:
    for damaged in damaged_copies(data, _sample()):
        reason = refusal(XLSX, damaged, name="f.xlsx")
        assert reason is None or "\n" not in reason


@settings(max_examples=60)
@given(st.binary(max_size=600))
def test_any_bytes_give_a_document_or_a_read_error(data: bytes) -> None:
    reason = refusal(XLSX, data, name="f.xlsx")
    assert reason is None or "\n" not in reason


def test_a_wrong_stated_size_does_not_cut_rows() -> None:
    import re
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            body = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                body = re.sub(rb'<dimension ref="[^"]+"/>', b'<dimension ref="A1"/>', body)
            target.writestr(item, body)
    assert errors_of(XLSX.read(out.getvalue(), name="d.xlsx")) == expected_errors()
