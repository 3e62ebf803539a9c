"""Tests for audit/read/html.py: a saved web page's text and tables, not its markup."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from welfare_rules.audit.read import read_bytes
from welfare_rules.audit.read.html import HTML

from .office_files import WRONG, errors_of, expected_errors, html_bytes, refusal, wheres_of


def test_the_page_gives_the_findings_of_its_text_with_the_cell() -> None:
    document = read_bytes(html_bytes(), name="tin-bai.html")
    assert document.format == "html"
    assert errors_of(document) == expected_errors()
    assert wheres_of(document)[WRONG] == "bảng 1, hàng 6, cột «Thành tiền (đồng)»"


def test_scripts_styles_titles_and_hidden_menus_are_not_read() -> None:
    text = HTML.read(html_bytes(), name="p.html").text()
    for hidden in ("1234567", "999", "5.000.000", "1.000.000", "Trang chủ", "console"):
        assert hidden not in text
    page = '<p>Xem</p><div style="display: none">12 suất</div><span aria-hidden="true">7</span>'.encode()
    assert HTML.read(page, name="h.html").text() == "Xem"


def test_blocks_are_lines_placed_by_source_line_and_lists_keep_bullets() -> None:
    page = (
        "<html><body>\n<h1>Báo cáo</h1>\n<p>Tổng số <b>12</b> suất,<br>trị giá 3.600.000 đồng.</p>\n"
        "<ul><li>Xã A: 5 suất</li><li>Xã B<ol><li>Thôn 1: 7 suất</li></ol></li></ul>\n"
        "<div>Hết &amp; lưu.</div></body></html>"
    ).encode()
    document = HTML.read(page, name="p.html")
    texts = [line.text for line in document.lines]
    assert texts == [
        "Báo cáo",
        "Tổng số 12 suất,",
        "trị giá 3.600.000 đồng.",
        "- Xã A: 5 suất",
        "- Xã B",
        "  1. Thôn 1: 7 suất",
        "Hết & lưu.",
    ]
    assert [line.place.line for line in document.lines][:2] == [2, 3]


def test_colspan_is_read_once_and_nested_tables_join_their_cell() -> None:
    page = (
        "<table><tr><th>Nội dung</th><th colspan=2>Kinh phí</th></tr>"
        "<tr><td>Xã A<table><tr><td>ghi chú</td></tr></table></td><td>3</td><td>900.000</td></tr>"
        "</table>"
    ).encode()
    rows = [line for line in HTML.read(page, name="t.html").lines if line.cells]
    assert [c.text for c in rows[0].cells or ()] == ["Nội dung", "Kinh phí", ""]
    assert [c.text for c in rows[1].cells or ()] == ["Xã A ghi chú", "3", "900.000"]


def test_a_declared_legacy_charset_is_honoured() -> None:
    page = '<html><head><meta charset="windows-1252"></head><body><p>Café 12</p></body></html>'
    document = HTML.read(page.encode("cp1252"), name="old.html")
    assert document.lines[0].text == "Café 12"


def test_sniff() -> None:
    assert HTML.sniff(b"\xef\xbb\xbf  <!DOCTYPE html><html>")
    assert HTML.sniff(b"<html lang='vi'>")
    assert not HTML.sniff(b"# Markdown")


# -- whatever the bytes: a document or the one documented error ------------------------------


_TOKENS = [*"<>/=\"' abtdrp&;#x19", "<table>", "<td>", "</tr>", "<script>", "</p>", "<ul><li>"]


@settings(max_examples=60)
@given(st.lists(st.sampled_from(_TOKENS), max_size=60).map("".join))
def test_any_markup_soup_reads(page: str) -> None:
    document = HTML.read(page.encode(), name="soup.html")
    assert all("\n" not in line.rendered() for line in document.lines)


@settings(max_examples=60)
@given(st.binary(max_size=600))
def test_any_bytes_give_a_document_or_a_read_error(data: bytes) -> None:
    reason = refusal(HTML, data, name="f.html")
    assert reason is None or "\n" not in reason


ROWSPAN = (
    "<table>"
    '<tr><th rowspan="2">Đơn vị</th><th colspan="2">Mức 600.000đ</th>'
    '<th colspan="2">Mức 300.000đ</th><th>Tổng cộng</th></tr>'
    "<tr><th>Số suất</th><th>Thành tiền</th><th>Số suất</th><th>Thành tiền</th><th>(đồng)</th></tr>"
    "<tr><td>Xã A</td><td>10</td><td>6.000.000</td><td>20</td><td>6.000.000</td><td>12.000.000</td></tr>"
    "<tr><td>Xã B</td><td>5</td><td>3.000.000</td><td>12</td><td>3.600.000</td><td>6.600.000</td></tr>"
    "<tr><td>Tổng cộng</td><td>15</td><td>9.000.000</td><td>32</td><td>9.600.000</td>"
    "<td>18.600.000</td></tr></table>"
)


def test_rowspan_keeps_the_columns_below_in_place() -> None:
    # found by review: the second header row was shifted one column left, and the table
    # gave "6.000.000 × 600.000 ≠ 10" on a correct report
    document = read_bytes(f"<html><body>{ROWSPAN}</body></html>".encode(), name="t.html")
    header = next(line for line in document.lines if line.cells and "Số suất" in line.text)
    assert header.cells is not None
    assert [cell.text for cell in header.cells][:3] == ["", "Số suất", "Thành tiền"]
    from welfare_rules.audit.read import audit_document

    assert audit_document(document).status == 0
    wrong = read_bytes(
        f"<html><body>{ROWSPAN.replace('3.600.000', '3.000.000')}</body></html>".encode(),
        name="t.html",
    )
    (finding,) = audit_document(wrong).result.findings
    assert (finding.reported, finding.suggested) == (3_000_000, 3_600_000)
