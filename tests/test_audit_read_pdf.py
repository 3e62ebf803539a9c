"""Tests for audit/read/pdf.py: text PDFs written with fpdf2 and a Unicode font."""

from __future__ import annotations

import functools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from welfare_rules.audit.read import Document, read_bytes
from welfare_rules.audit.read.pdf import PDF
from welfare_rules.errors import DocumentReadError

from .office_files import (
    PROSE,
    WRONG,
    blank_pdf_bytes,
    damaged_copies,
    errors_of,
    expected_errors,
    pdf_bytes,
    refusal,
    table_pdf_bytes,
    unicode_font,
    wheres_of,
)

pytest.importorskip("pdfplumber")
pytest.importorskip("fpdf")
pytestmark = pytest.mark.skipif(unicode_font() is None, reason="no DejaVu Sans font found")


def test_the_pdf_gives_the_findings_of_its_text_placed_by_page_and_line() -> None:
    text = Document.from_text("\n".join(PROSE), name="r.txt")
    document = read_bytes(pdf_bytes(), name="bao-cao.pdf")
    assert document.format == "pdf"
    assert errors_of(document) == errors_of(text)
    assert errors_of(document)  # the planted mistake is found
    # six lines a page: the mistake is the second line of page 2, under its running header
    assert wheres_of(document)[23_000_000] == "trang 2, dòng 3"


def test_page_headers_and_footers_are_dropped() -> None:
    document = PDF.read(pdf_bytes(), name="r.pdf")
    assert [line.text for line in document.lines] == list(PROSE)
    assert "Trang 1/2" not in document.text()
    assert "12/BC-UBND" not in document.text()


def test_one_page_keeps_a_line_that_only_looks_like_a_header() -> None:
    document = PDF.read(pdf_bytes(PROSE[:4], furniture=False), name="r.pdf")
    assert [line.text for line in document.lines] == list(PROSE[:4])


def test_a_scan_needs_ocr_and_names_no_figure() -> None:
    with pytest.raises(DocumentReadError) as caught:
        read_bytes(blank_pdf_bytes(), name="scan.pdf")
    assert "OCR" in caught.value.text.en
    assert "OCR" in caught.value.text.vi
    assert not any(char.isdigit() for char in caught.value.reason.en)


def test_encrypted_and_damaged_pdfs_are_one_line() -> None:
    from fpdf import FPDF

    font = unicode_font()
    pdf = FPDF()
    pdf.set_encryption(owner_password="chu", user_password="mat-khau")
    pdf.add_font("DejaVu", fname=str(font))
    pdf.add_page()
    pdf.set_font("DejaVu", size=11)
    pdf.cell(0, 8, "Tổng cộng 12 suất")
    with pytest.raises(DocumentReadError, match="encrypted"):
        read_bytes(bytes(pdf.output()), name="secret.pdf")
    with pytest.raises(DocumentReadError, match=r"damaged or truncated|no text layer"):
        read_bytes(pdf_bytes()[:300], name="cut.pdf")
    with pytest.raises(DocumentReadError, match="not a PDF"):
        PDF.read(b"hello", name="x.pdf")


def test_sniffing_without_a_suffix() -> None:
    assert PDF.sniff(pdf_bytes()[:4096])
    assert read_bytes(pdf_bytes(), name="-").format == "pdf"


def test_a_ruled_table_is_read_as_rows_of_cells_where_it_stands() -> None:
    document = read_bytes(table_pdf_bytes(), name="bang.pdf")
    assert errors_of(document) == expected_errors()
    assert wheres_of(document)[WRONG] == "trang 1, bảng 1, hàng 6, cột «Thành tiền (đồng)»"
    texts = [line.rendered() for line in document.lines if line.rendered()]
    assert texts[3] == "Xã đã tổ chức trao quà cho các đối tượng chính sách, chi tiết như sau:"
    assert texts[4] == "| STT | Nội dung | Số suất | Mức quà (đồng) | Thành tiền (đồng) |"
    assert texts[-1] == "Trên đây là báo cáo của UBND xã./."
    assert sum(1 for line in document.lines if line.cells) == 8


@functools.cache
def _sample() -> bytes:
    return pdf_bytes()


# -- whatever the bytes: a document or the one documented error ------------------------------


@settings(max_examples=40)
@given(data=st.data())
def test_damaged_bytes_give_a_document_or_a_read_error(data: st.DataObject) -> None:
    for damaged in damaged_copies(data, _sample()):
        reason = refusal(PDF, damaged, name="f.pdf")
        assert reason is None or "\n" not in reason


@settings(max_examples=60)
@given(st.binary(max_size=600))
def test_any_bytes_give_a_document_or_a_read_error(data: bytes) -> None:
    reason = refusal(PDF, data, name="f.pdf")
    assert reason is None or "\n" not in reason
