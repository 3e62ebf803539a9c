"""Tests for audit/read/docx.py: Word files made with python-docx read as located lines."""

from __future__ import annotations

import functools
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from welfare_rules.audit.read import read_bytes
from welfare_rules.audit.read.docx import DOCX
from welfare_rules.errors import DocumentReadError

from .office_files import (
    PROSE,
    PROSE_WRONG_LINE,
    WRONG,
    damaged_copies,
    docx_bytes,
    errors_of,
    expected_errors,
    markdown,
    refusal,
    wheres_of,
)

docx = pytest.importorskip("docx")


def test_the_word_file_gives_the_findings_of_its_text_with_the_cell() -> None:
    document = read_bytes(docx_bytes(), name="bao-cao.docx")
    assert document.format == "docx"
    assert errors_of(document) == expected_errors()
    assert wheres_of(document)[WRONG] == "bảng 1, hàng 7, cột «Thành tiền (đồng)»"
    assert wheres_of(document, lang="en")[WRONG] == "table 1, row 7, column «Thành tiền (đồng)»"


def test_paragraphs_and_the_table_in_document_order_headers_and_footers_ignored() -> None:
    document = DOCX.read(docx_bytes(), name="r.docx")
    text = document.text()
    assert "999" not in text
    assert "Trang 1/1" not in text
    lines = [line for line in document.lines if line.text or line.cells]
    assert lines[0].text == "ỦY BAN NHÂN DÂN XÃ TÂN LẬP"
    assert lines[0].place.describe(lang="vi") == "đoạn 1"
    assert lines[0].place.describe(lang="en") == "paragraph 1"
    first_row = next(line for line in lines if line.cells is not None)
    assert lines.index(first_row) == 4  # after the four title paragraphs
    assert lines[-1].text == "Trên đây là báo cáo của UBND xã./."
    assert lines[-1].place.paragraph == 6


def test_a_mistake_in_a_paragraph_is_placed_by_its_paragraph() -> None:
    word = docx.Document()
    word.add_paragraph("")  # an empty paragraph is not counted: Word users do not see it
    for text in PROSE:
        word.add_paragraph(text)
    out = io.BytesIO()
    word.save(out)
    document = read_bytes(out.getvalue(), name="van-ban.docx")
    assert wheres_of(document)[WRONG] == f"đoạn {PROSE_WRONG_LINE}"
    assert wheres_of(document, lang="en")[WRONG] == f"paragraph {PROSE_WRONG_LINE}"


def test_merged_cells_are_read_once_and_headers_name_the_columns() -> None:
    document = DOCX.read(docx_bytes(merged_header=True), name="r.docx")
    rows = [line for line in document.lines if line.cells is not None]
    top = [cell.text for cell in rows[0].cells or ()]
    assert top == ["STT", "Nội dung", "Kinh phí", "", ""]  # a horizontal merge: text once
    second = [cell.text for cell in rows[1].cells or ()]
    assert second == ["STT", "Nội dung", "Số suất", "Mức quà (đồng)", "Thành tiền (đồng)"]
    assert rows[1].rendered() == "| STT | Nội dung | Số suất | Mức quà (đồng) | Thành tiền (đồng) |"
    wrong = rows[6].cells or ()
    assert wrong[4].text == "23.000.000"
    assert wrong[4].place.header == "Thành tiền (đồng)"


def test_a_vertically_merged_figure_is_not_repeated() -> None:
    word = docx.Document()
    table = word.add_table(rows=3, cols=3)
    for c, text in enumerate(["Nội dung", "Số suất", "Thành tiền"]):
        table.cell(0, c).text = text
    table.cell(1, 0).text = "Xã A"
    table.cell(2, 0).text = "Xã B"
    table.cell(1, 1).merge(table.cell(2, 1)).text = "12"
    out = io.BytesIO()
    word.save(out)
    rows = [line for line in DOCX.read(out.getvalue(), name="m.docx").lines if line.cells]
    assert [c.text for c in rows[2].cells or ()][:2] == ["Xã B", ""]


def test_list_numbering_is_written_before_the_text() -> None:
    word = docx.Document()
    word.add_paragraph("Kết quả")
    word.add_paragraph("Quà của xã", style="List Number")
    word.add_paragraph("Quà của huyện", style="List Number")
    word.add_paragraph("Ghi chú", style="List Bullet")
    out = io.BytesIO()
    word.save(out)
    texts = [line.text for line in DOCX.read(out.getvalue(), name="n.docx").lines]
    assert texts == ["Kết quả", "1. Quà của xã", "2. Quà của huyện", "- Ghi chú"]


def test_a_truncated_word_file_is_one_line() -> None:
    data = docx_bytes()
    with pytest.raises(DocumentReadError) as caught:
        read_bytes(data[: len(data) // 2], name="cut.docx")
    assert "damaged or truncated" in caught.value.text.en
    assert "\n" not in caught.value.text.en


def test_a_text_file_named_docx_is_refused_and_a_workbook_named_docx_read() -> None:
    with pytest.raises(DocumentReadError, match="no zip signature"):
        read_bytes(markdown().encode(), name="r.docx")
    from .office_files import xlsx_bytes

    assert read_bytes(xlsx_bytes(), name="r.docx").format == "xlsx"
    assert read_bytes(docx_bytes(), name="r.xlsx").format == "docx"
    with pytest.raises(DocumentReadError, match=r"no word/document\.xml part"):
        read_bytes(_zip_of("content.xml"), name="r.odt.docx")


def _zip_of(*names: str) -> bytes:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for part in names:
            archive.writestr(part, "<x/>")
    return out.getvalue()


def test_sniffing_without_a_suffix() -> None:
    assert DOCX.sniff(docx_bytes()[:4096])
    assert not DOCX.sniff(b"%PDF-1.7")
    assert read_bytes(docx_bytes(), name="-").format == "docx"


def test_paragraphs_inside_a_content_control_are_read() -> None:
    import copy

    from docx.oxml.ns import qn

    word = docx.Document()
    word.add_paragraph("Trước")
    inner = word.add_paragraph("Tổng số 12 suất quà.")
    word.add_paragraph("Sau")
    sdt = inner._p.makeelement(qn("w:sdt"), {})
    content = sdt.makeelement(qn("w:sdtContent"), {})
    content.append(copy.deepcopy(inner._p))
    sdt.append(content)
    inner._p.addprevious(sdt)
    inner._p.getparent().remove(inner._p)
    out = io.BytesIO()
    word.save(out)
    texts = [line.text for line in DOCX.read(out.getvalue(), name="c.docx").lines]
    assert texts == ["Trước", "Tổng số 12 suất quà.", "Sau"]


@functools.cache
def _sample() -> bytes:
    return docx_bytes()


# -- whatever the bytes: a document or the one documented error ------------------------------


@settings(max_examples=40)
@given(data=st.data())
def test_damaged_bytes_give_a_document_or_a_read_error(data: st.DataObject) -> None:
    for damaged in damaged_copies(data, _sample()):
        reason = refusal(DOCX, damaged, name="f.docx")
        assert reason is None or "\n" not in reason


@settings(max_examples=60)
@given(st.binary(max_size=600))
def test_any_bytes_give_a_document_or_a_read_error(data: bytes) -> None:
    reason = refusal(DOCX, data, name="f.docx")
    assert reason is None or "\n" not in reason


def test_a_row_that_starts_after_empty_grid_columns_keeps_its_columns() -> None:
    from docx.oxml.ns import qn

    word = docx.Document()
    table = word.add_table(rows=2, cols=3)
    for c, text in enumerate(["Nội dung", "Số suất", "Thành tiền"]):
        table.cell(0, c).text = text
    row = table.rows[1]._tr
    row.remove(row.tc_lst[0])
    props = row.get_or_add_trPr()
    before = props.makeelement(qn("w:gridBefore"), {qn("w:val"): "1"})
    props.append(before)
    row.tc_lst[0].append(row.tc_lst[0].makeelement(qn("w:p"), {}))
    out = io.BytesIO()
    word.save(out)
    rows = [line for line in DOCX.read(out.getvalue(), name="g.docx").lines if line.cells]
    assert len(rows[1].cells or ()) == 3
    assert (rows[1].cells or ())[0].text == ""


def test_a_macro_enabled_document_python_docx_refuses_is_read_from_its_parts() -> None:
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(docx_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            body = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                body = body.replace(
                    b"wordprocessingml.document.main+xml",
                    b"vnd.ms-word.document.macroEnabled.main+xml",
                )
            target.writestr(item, body)
    with pytest.raises(ValueError, match="not a Word file"):
        docx.Document(io.BytesIO(out.getvalue()))
    document = read_bytes(out.getvalue(), name="macro.docm")
    assert errors_of(document) == expected_errors()
    assert wheres_of(document)[WRONG] == "bảng 1, hàng 7, cột «Thành tiền (đồng)»"
