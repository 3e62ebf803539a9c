"""A gift report of our own, and real Word, Excel, PDF, CSV and HTML files made from it
with the libraries themselves, for the reader tests (tests/test_audit_read_*.py).

The report (a commune's Tết gifts, invented) has one planted mistake: the 80 gifts of
400.000 đồng are written 23.000.000 (32.000.000: two digits swapped). Each builder
writes the same paragraphs and table in its format, so each reader must give the
findings the Markdown text gives, with the place in the file's own terms.
"""

from __future__ import annotations

import csv
import io
import os
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import strategies as st

if TYPE_CHECKING:
    from welfare_rules._i18n import Lang
    from welfare_rules.audit.read import Document, Reader

TITLE = (
    "ỦY BAN NHÂN DÂN XÃ TÂN LẬP",
    "BÁO CÁO",
    "Kết quả tặng quà Tết Nguyên đán Ất Tỵ năm 2025",
    "Xã đã tổ chức trao quà cho các đối tượng chính sách, chi tiết như sau:",
)
HEADER = ("STT", "Nội dung", "Số suất", "Mức quà (đồng)", "Thành tiền (đồng)")
ROWS: tuple[tuple[str, str, int | None, int | None, int], ...] = (
    ("I", "Quà của Chủ tịch nước", 64, None, 22_200_000),
    ("1", "Mức 600.000 đồng", 10, 600_000, 6_000_000),
    ("2", "Mức 300.000 đồng", 54, 300_000, 16_200_000),
    ("II", "Quà của huyện", 120, None, 48_000_000),
    ("1", "Người có công", 80, 400_000, 23_000_000),
    ("2", "Hộ nghèo", 40, 400_000, 16_000_000),
    ("", "Tổng cộng", 184, None, 70_200_000),
)
CLOSING = ("Tổng kinh phí đã chi: 70.200.000 đồng.", "Trên đây là báo cáo của UBND xã./.")
WRONG, RIGHT = 23_000_000, 32_000_000
WRONG_ROW = 5  # the row of the mistake among ROWS (1-based), the header is row 0


def grouped(value: int | None) -> str:
    """``1.250.000``, or an empty cell."""
    return "" if value is None else f"{value:,}".replace(",", ".")


def text_rows() -> list[list[str]]:
    """The table as text cells, the header first."""
    return [list(HEADER)] + [
        [index, label, grouped(count), grouped(level), grouped(amount)]
        for index, label, count, level, amount in ROWS
    ]


def markdown() -> str:
    """The report as Markdown: the text every other format must read the same."""
    rows = text_rows()
    table = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
    table += ["| " + " | ".join(row) + " |" for row in rows[1:]]
    return "\n".join([*TITLE, "", *table, "", *CLOSING]) + "\n"


PROSE = (
    "ỦY BAN NHÂN DÂN XÃ TÂN LẬP",
    "BÁO CÁO",
    "Kết quả tặng quà Tết Nguyên đán Ất Tỵ năm 2025",
    "1. Quà của Chủ tịch nước: 64 suất, 22.200.000 đồng, trong đó:",
    "- Mức 600.000đ: 10 suất = 6.000.000đ.",
    "- Mức 300.000đ: 54 suất = 16.200.000đ.",
    "2. Quà của huyện: 120 suất, 48.000.000 đồng, trong đó:",
    "- Mức 400.000đ (người có công): 80 suất = 23.000.000đ.",
    "- Mức 400.000đ (hộ nghèo): 40 suất = 16.000.000đ.",
    "Trên đây là báo cáo của UBND xã./.",
)
"""The report as lines of prose (a PDF has no table structure to give back)."""
PROSE_WRONG_LINE = 8  # the 1-based line of PROSE holding the mistake


def docx_bytes(*, merged_header: bool = True) -> bytes:
    """A Word file: title paragraphs, the table (with a merged header row over the
    figure columns), the closing paragraphs, and a page header that must not be read."""
    docx = pytest.importorskip("docx")

    word = docx.Document()
    word.sections[0].header.paragraphs[0].text = "Mẫu số 02: 999 suất, 1.000.000 đồng"
    word.sections[0].footer.paragraphs[0].text = "Trang 1/1"
    for text in TITLE:
        word.add_paragraph(text)
    rows = text_rows()
    top = 1 if merged_header else 0
    table = word.add_table(rows=len(rows) + top, cols=len(HEADER))
    if merged_header:
        table.cell(0, 0).text = "STT"
        table.cell(0, 1).text = "Nội dung"
        table.cell(0, 2).merge(table.cell(0, 4)).text = "Kinh phí"
        table.cell(0, 0).merge(table.cell(1, 0))
        table.cell(0, 1).merge(table.cell(1, 1))
    for r, row in enumerate(rows, start=top):
        for c, text in enumerate(row):
            if merged_header and r == 1 and c < 2:
                continue
            table.cell(r, c).text = text
    for text in CLOSING:
        word.add_paragraph(text)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def xlsx_bytes(*, extra_sheet: bool = False, float_amount: float | None = None) -> bytes:
    """An Excel workbook: title rows, the table with numeric cells (``#,##0``), closing
    rows; ``extra_sheet`` adds a second sheet; ``float_amount`` writes the mistaken
    amount as that float."""
    openpyxl = pytest.importorskip("openpyxl")

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Tổng hợp"
    for number, text in enumerate(TITLE, start=1):
        sheet.cell(number, 1, text)
    sheet.append([])
    sheet.append(list(HEADER))
    for index, (stt, label, count, level, amount) in enumerate(ROWS, start=1):
        value: float = amount
        if index == WRONG_ROW and float_amount is not None:
            value = float_amount
        sheet.append([stt or None, label, count, level, value])
        for cell in sheet[sheet.max_row][2:]:
            cell.number_format = "#,##0"
    sheet.append([])
    for text in CLOSING:
        sheet.append([text])
    if extra_sheet:
        other = book.create_sheet("Ghi chú")
        other.append(["Ghi chú", "Không có số liệu"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xls_bytes() -> bytes:
    """The same workbook as an Excel 97–2003 ``.xls`` (xlwt)."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Tổng hợp")
    grouped_style = xlwt.easyxf(num_format_str="#,##0")
    row = 0
    for text in TITLE:
        sheet.write(row, 0, text)
        row += 1
    row += 1
    for c, text in enumerate(HEADER):
        sheet.write(row, c, text)
    for stt, label, count, level, amount in ROWS:
        row += 1
        if stt:
            sheet.write(row, 0, stt)
        sheet.write(row, 1, label)
        for c, value in ((2, count), (3, level), (4, amount)):
            if value is not None:
                sheet.write(row, c, value, grouped_style)
    row += 1
    for text in CLOSING:
        row += 1
        sheet.write(row, 0, text)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


COMMUNES: dict[str, tuple[tuple[str, int, int], ...]] = {
    "Xa A": (("Người có công", 12, 400_000), ("Hộ nghèo", 30, 300_000)),
    "Xa B": (("Người có công", 8, 400_000), ("Hộ nghèo", 25, 300_000), ("Trẻ em", 10, 200_000)),
}
"""A district's workbook of our own: each commune's sheet lists its gifts (label, count,
level) under a header, with a ``Cộng`` total row; the ``Tong hop`` sheet restates each
commune's total count and amount and adds them up (Xa A: 42 suất, 13.800.000 đồng, on
row 4; Xa B: 43 suất, 12.700.000 đồng, on row 5; the grand total on row 6)."""
SUMMARY = "Tong hop"


def summary_sheets(
    *,
    summary: dict[tuple[int, int], int] | None = None,
    detail: dict[tuple[str, int, int], int] | None = None,
    names: dict[str, str] | None = None,
    labels: dict[str, str] | None = None,
    total_rows: bool = True,
) -> dict[str, list[list[str | int | None]]]:
    """The cross-sheet workbook as rows of cell values, sheet by sheet (summary first).

    ``summary`` overwrites cells of the summary sheet (``(row, column)``, 1-based);
    ``detail`` cells of a commune's sheet (``(sheet, row, column)``); ``names`` renames
    the commune sheets; ``labels`` gives the label each commune has on the summary (by
    default ``Xã A`` for sheet ``Xa A``: the sheet names are written without marks, as
    Excel users often do); ``total_rows=False`` leaves the commune sheets without their
    ``Cộng`` row, so the summary row is their only total.
    """
    names = names or {}
    sheets: dict[str, list[list[str | int | None]]] = {}
    head: list[str | int | None] = ["STT", "Đơn vị", "Số suất", "Thành tiền (đồng)"]
    top: list[list[str | int | None]] = [["TỔNG HỢP KẾT QUẢ TẶNG QUÀ TẾT NĂM 2025"], [], head]
    counts = amounts = 0
    for index, (commune, rows) in enumerate(COMMUNES.items(), start=1):
        sheet = names.get(commune, commune)
        body: list[list[str | int | None]] = [
            [f"Danh sách tặng quà {commune.replace('Xa', 'xã')}"],
            [],
            ["STT", "Nội dung", "Số suất", "Mức quà (đồng)", "Thành tiền (đồng)"],
        ]
        body += [
            [number, label, count, level, count * level]
            for number, (label, count, level) in enumerate(rows, start=1)
        ]
        count = sum(count for _, count, _ in rows)
        amount = sum(count * level for _, count, level in rows)
        if total_rows:
            body.append([None, "Cộng", count, None, amount])
        sheets[sheet] = body
        label = (labels or {}).get(commune, commune.replace("Xa", "Xã"))
        top.append([index, label, count, amount])
        counts, amounts = counts + count, amounts + amount
    top.append([None, "Tổng cộng", counts, amounts])
    for (row, column), value in (summary or {}).items():
        top[row - 1][column - 1] = value
    for (sheet, row, column), value in (detail or {}).items():
        sheets[names.get(sheet, sheet)][row - 1][column - 1] = value
    return {SUMMARY: top, **sheets}


def sheets_xlsx(sheets: dict[str, list[list[str | int | None]]]) -> bytes:
    """``sheets`` (as :func:`summary_sheets` gives them) as an ``.xlsx``, numbers ``#,##0``."""
    openpyxl = pytest.importorskip("openpyxl")

    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, int) and cell.column > 2:
                    cell.number_format = "#,##0"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def sheets_xls(sheets: dict[str, list[list[str | int | None]]]) -> bytes:
    """``sheets`` as an Excel 97–2003 ``.xls`` (xlwt)."""
    xlwt = pytest.importorskip("xlwt")

    book = xlwt.Workbook(encoding="utf-8")
    grouped_style = xlwt.easyxf(num_format_str="#,##0")
    for title, rows in sheets.items():
        sheet = book.add_sheet(title)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, int) and c > 1:
                    sheet.write(r, c, value, grouped_style)
                else:
                    sheet.write(r, c, value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


PASSWORD = "mat-khau-2025"


def encrypted(data: bytes, *, password: str = PASSWORD) -> bytes:
    """``data`` (a ``.docx`` or ``.xlsx``) saved with a password as Office does it: an OLE2
    compound file holding ``EncryptionInfo`` and the ``EncryptedPackage`` (msoffcrypto-tool,
    agile encryption)."""
    ooxml = pytest.importorskip("msoffcrypto.format.ooxml")
    out = io.BytesIO()
    ooxml.OOXMLFile(io.BytesIO(data)).encrypt(password, out)
    return out.getvalue()


def decrypted(data: bytes, *, password: str = PASSWORD) -> bytes:
    """The file :func:`encrypted` encrypted, opened again with its password."""
    msoffcrypto = pytest.importorskip("msoffcrypto")
    office = msoffcrypto.OfficeFile(io.BytesIO(data))
    office.load_key(password=password)
    out = io.BytesIO()
    office.decrypt(out)
    return out.getvalue()


def csv_bytes(*, delimiter: str = ",", encoding: str = "utf-8", bom: bool = False) -> bytes:
    """The table as a CSV export in one dialect (numbers grouped and quoted as written)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    for row in text_rows():
        writer.writerow(row)
    text = out.getvalue()
    data = windows_1258(text) if encoding == "cp1258" else text.encode(encoding)
    return (b"\xef\xbb\xbf" if bom else b"") + data


def windows_1258(text: str) -> bytes:
    """``text`` in Windows-1258 as Vietnamese Windows writes it: a letter with its vowel
    mark where the code page has one, the tone as a combining mark after it."""
    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        base, *marks = unicodedata.normalize("NFD", char)
        rest = []
        for mark in marks:
            composed = unicodedata.normalize("NFC", base + mark)
            try:
                composed.encode("cp1258")
            except UnicodeEncodeError:
                rest.append(mark)
                continue
            base = composed
        out += (base + "".join(rest)).encode("cp1258")
    return bytes(out)


def html_bytes() -> bytes:
    """A saved web page: the report in paragraphs and a ``<table>``, with scripts,
    styles, a menu and a title holding numbers that must not be read."""
    rows = text_rows()
    head = "".join(f"<th>{cell}</th>" for cell in rows[0])
    body = "".join(
        "<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>\n" for row in rows[1:]
    )
    paragraphs = "\n".join(f"<p>{text}</p>" for text in TITLE)
    closing = "\n".join(f"<p>{text}</p>" for text in CLOSING)
    page = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Tin 2025: 999 suất</title>
<style>td {{ padding: 3px }} /* 1.000.000 */</style>
<script>var views = 1234567; document.title = "12 suất";</script></head>
<body><nav style="display:none" hidden>Trang chủ 2025</nav>
{paragraphs}
<table>
<thead><tr>{head}</tr></thead>
<tbody>
{body}</tbody></table>
{closing}
<script>console.log("5.000.000 đồng")</script>
</body></html>
"""
    return page.encode("utf-8")


def errors_of(document: Document) -> set[tuple[object, ...]]:
    """The error findings of ``document``: (kind, field, written, expected, suggested)."""
    from welfare_rules.audit.read import audit_document

    return {
        (f.kind, f.field, f.reported, f.expected, f.suggested)
        for f in audit_document(document).result.findings
        if f.severity == "error"
    }


def wheres_of(document: Document, *, lang: Lang = "vi") -> dict[int | None, str | None]:
    """Each error finding's written figure → its ``where``, as the command line says it."""
    from welfare_rules.audit.read import audit_document
    from welfare_rules.views.audit_files import audited

    file = audited(audit_document(document), name=document.name)
    assert file.audit is not None
    return {
        f.reported: file.where(i, lang=lang)
        for i, f in enumerate(file.audit.result.findings)
        if f.severity == "error"
    }


def expected_errors() -> set[tuple[object, ...]]:
    """What the Markdown text of the report gives: the planted mistake, suggested right."""
    from welfare_rules.audit.read import Document

    found = errors_of(Document.from_text(markdown(), name="r.md", format="markdown"))
    assert ("product_mismatch", "amount", WRONG, RIGHT, RIGHT) in found
    return found


def damaged_copies(data: st.DataObject, original: bytes) -> tuple[bytes, bytes]:
    """Two damaged copies of ``original`` drawn by Hypothesis: cut short, and with a few
    bytes of noise written over it somewhere."""
    cut = data.draw(st.integers(min_value=0, max_value=len(original)))
    position = data.draw(st.integers(min_value=0, max_value=len(original) - 1))
    noise = data.draw(st.binary(min_size=1, max_size=8))
    return original[:cut], original[:position] + noise + original[position + len(noise) :]


def refusal(reader: Reader, data: bytes, *, name: str) -> str | None:
    """Why ``reader`` refuses ``data`` (the one-line English reason), or ``None`` when it
    reads a document from it; any other exception propagates."""
    from welfare_rules.errors import DocumentReadError

    try:
        reader.read(data, name=name)
    except DocumentReadError as exc:
        return exc.text.en
    return None


def unicode_font() -> Path | None:
    """A TrueType font with Vietnamese letters (DejaVu Sans): Debian's, else matplotlib's."""
    candidates = [Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")]
    try:
        import matplotlib

        candidates.append(
            Path(os.path.dirname(matplotlib.__file__)) / "mpl-data/fonts/ttf/DejaVuSans.ttf"
        )
    except ImportError:
        pass
    return next((path for path in candidates if path.exists()), None)


def pdf_bytes(
    lines: tuple[str, ...] = PROSE, *, per_page: int = 6, furniture: bool = True
) -> bytes:
    """A text PDF (fpdf2, DejaVu Sans): ``lines``, ``per_page`` to a page, each page with a
    running header and a ``Trang i/n`` footer when ``furniture``."""
    from fpdf import FPDF

    font = unicode_font()
    assert font is not None, "no Unicode font"
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_font("DejaVu", fname=str(font))
    pages = [lines[i : i + per_page] for i in range(0, len(lines), per_page)]
    for number, chunk in enumerate(pages, start=1):
        pdf.add_page()
        pdf.set_font("DejaVu", size=11)
        if furniture:
            pdf.set_y(8)
            pdf.cell(0, 6, "UBND xã Tân Lập - Báo cáo số 12/BC-UBND", align="C")
            pdf.set_y(30)
        for text in chunk:
            pdf.cell(0, 8, text, new_x="LMARGIN", new_y="NEXT")
        if furniture:
            pdf.set_y(-15)
            pdf.cell(0, 6, f"Trang {number}/{len(pages)}", align="C")
    return bytes(pdf.output())


def table_pdf_bytes() -> bytes:
    """A Word-style report saved as PDF: title lines, the ruled table, closing lines."""
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    font = unicode_font()
    assert font is not None, "no Unicode font"
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_font("DejaVu", fname=str(font))
    pdf.add_page()
    pdf.set_font("DejaVu", size=10)
    for text in TITLE:
        pdf.cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
    with pdf.table(headings_style=FontFace(emphasis="")) as table:
        for row in text_rows():
            cells = table.row()
            for text in row:
                cells.cell(text)
    for text in CLOSING:
        pdf.cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def blank_pdf_bytes() -> bytes:
    """A PDF whose page holds a drawing and no text: what a scan looks like to a reader."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")
    return bytes(pdf.output())


__all__ = [
    "CLOSING",
    "COMMUNES",
    "HEADER",
    "PASSWORD",
    "PROSE",
    "PROSE_WRONG_LINE",
    "RIGHT",
    "ROWS",
    "SUMMARY",
    "TITLE",
    "WRONG",
    "WRONG_ROW",
    "blank_pdf_bytes",
    "csv_bytes",
    "damaged_copies",
    "decrypted",
    "docx_bytes",
    "encrypted",
    "errors_of",
    "expected_errors",
    "grouped",
    "html_bytes",
    "markdown",
    "pdf_bytes",
    "refusal",
    "sheets_xls",
    "sheets_xlsx",
    "summary_sheets",
    "table_pdf_bytes",
    "text_rows",
    "unicode_font",
    "wheres_of",
    "windows_1258",
    "xls_bytes",
    "xlsx_bytes",
]
