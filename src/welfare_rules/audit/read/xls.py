"""Old Excel ``.xls`` (xlrd, the ``office`` extra): read like ``.xlsx``, sheet by sheet.

An ``.xls`` is an OLE2 compound file; so is a password-protected ``.docx``/``.xlsx``
(its ``EncryptedPackage``) and an old Word ``.doc``: each of those is refused in one line.
Numbers are floats in the file; a whole one is an exact integer, any other is kept as
written (:func:`~._cells.value_text`); dates are read by the workbook's date system.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..._i18n import Catalog, Text
from ..._optional import require
from ...errors import DocumentReadError
from ._cells import sheet_lines, value_text
from .document import Document, SourceLine
from .registry import register

_MSG = Catalog(
    "audit.read.xls",
    {
        "encrypted": Text(
            vi="bảng tính được đặt mật khẩu; hãy gỡ mật khẩu rồi lưu lại",
            en="the workbook is password-protected; remove the password and save again",
        ),
    },
)


@dataclass(frozen=True)
class XlsReader:
    """Excel 97–2003 workbooks (``.xls``)."""

    name: str = "xls"
    suffixes: tuple[str, ...] = (".xls",)
    extra: str | None = "office"

    def sniff(self, head: bytes) -> bool:
        """An OLE2 compound file (``D0 CF 11 E0``): old Office, or encrypted new Office."""
        from ._office import OLE2_MAGIC

        return head.startswith(OLE2_MAGIC)

    def read(self, data: bytes, *, name: str) -> Document:
        """Every sheet, in the workbook's order."""
        from ._office import OLE2_MAGIC, damaged, is_encrypted_ole2, is_old_word, open_zip

        if is_encrypted_ole2(data) or is_old_word(data) or not data.startswith(OLE2_MAGIC):
            # encrypted new Office, or a zip given an .xls name: the same one-line reasons
            open_zip(data, name=name, kind="Excel", part="xl/workbook.xml")
            from .xlsx import XLSX

            return XLSX.read(data, name=name)
        xlrd = require("xlrd", extra=self.extra or "office", feature="Excel (.xls)")
        try:
            book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True)
        except xlrd.XLRDError as exc:
            if "encrypt" in str(exc).lower():
                raise DocumentReadError(name, _MSG("encrypted")) from exc
            raise damaged(name, kind="Excel") from exc
        except Exception as exc:  # a damaged compound file: xlrd raises many kinds
            raise damaged(name, kind="Excel") from exc
        try:
            lines: list[SourceLine] = []
            for index in range(book.nsheets):
                sheet = book.sheet_by_index(index)
                if lines:
                    lines.append(SourceLine("", lines[-1].place))
                lines += sheet_lines(sheet.name, _rows(book, sheet, xlrd), heading=True)
        except Exception as exc:
            raise damaged(name, kind="Excel") from exc
        finally:
            book.release_resources()
        return Document(name=name, format=self.name, lines=tuple(lines))


def _rows(book: Any, sheet: Any, xlrd: Any) -> list[tuple[int, dict[int, str]]]:
    rows: list[tuple[int, dict[int, str]]] = []
    for r in range(sheet.nrows):
        cells: dict[int, str] = {}
        for c in range(sheet.ncols):
            cell = sheet.cell(r, c)
            value: object = cell.value
            if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                continue
            if cell.ctype == xlrd.XL_CELL_DATE:
                try:
                    value = xlrd.xldate.xldate_as_datetime(cell.value, book.datemode)
                except (ValueError, OverflowError, xlrd.xldate.XLDateError):
                    value = cell.value
            elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
                value = bool(cell.value)
            elif cell.ctype == xlrd.XL_CELL_ERROR:
                value = xlrd.error_text_from_code.get(cell.value, "#ERR")
            text = value_text(value, number_format=_format(book, cell))
            if text:
                cells[c + 1] = text
        if cells:
            rows.append((r + 1, cells))
    return rows


def _format(book: Any, cell: Any) -> str | None:
    try:
        xf = book.xf_list[cell.xf_index]
        return str(book.format_map[xf.format_key].format_str)
    except (AttributeError, IndexError, KeyError, TypeError):
        return None


XLS = register(XlsReader())

__all__ = ["XLS", "XlsReader"]
