"""Word ``.docx`` (python-docx, the ``office`` extra): paragraphs and tables in document order.

The body's children are walked as they stand, so a table comes between the paragraphs
around it. A paragraph is a line placed by its number (``đoạn 7``: the document's
non-empty paragraphs counted as one reads them, tables aside; Word shows no line numbers
to count by); a soft line break starts a new line at the same place. List numbering that
Word draws (``1.``, ``a)``, ``I.``, bullets) is written in front of the text, so the
pipeline sees the structure the reader sees. A table row is a line of cells placed
``bảng 1, hàng 5, cột «Thành tiền»`` (the column's header from the table's header row);
a merged cell is read once: its text in its first grid column, blanks in the columns it
spans and in the rows a vertical merge covers (a vertically merged cell without digits,
such as a header ``STT``, is repeated, so every header row names its columns). Headers,
footers, comments and deleted (tracked) text are not read.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..._optional import require
from .document import Cell, Document, Place, SourceLine
from .places import table_headers
from .registry import readers, register

if TYPE_CHECKING:
    from collections.abc import Iterator

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC, _T = f"{_W}p", f"{_W}tbl", f"{_W}tr", f"{_W}tc", f"{_W}t"
_VAL = f"{_W}val"
_SKIP = {f"{_W}del", f"{_W}delText", f"{_W}instrText", f"{_W}footnoteReference"}
_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


@dataclass(frozen=True)
class DocxReader:
    """Word 2007+ documents (a zip holding ``word/document.xml``)."""

    name: str = "docx"
    suffixes: tuple[str, ...] = (".docx", ".docm", ".dotx", ".dotm")
    extra: str | None = "office"

    def sniff(self, head: bytes) -> bool:
        """A zip whose first entries name no ``xl/`` part (a workbook's): Word, or a zip
        the Word reader refuses in one line."""
        from ._office import ZIP_MAGIC

        return head.startswith(ZIP_MAGIC) and b"xl/" not in head

    def read(self, data: bytes, *, name: str) -> Document:
        """The body's paragraphs and tables, in order."""
        from ._office import damaged, open_zip, zip_part

        if zip_part(data, "xl/workbook.xml") and not zip_part(data, "word/document.xml"):
            # a workbook named .docx: read as what it is
            return next(r for r in readers() if r.name == "xlsx").read(data, name=name)
        archive = open_zip(data, name=name, kind="Word", part="word/document.xml")
        docx = require("docx", extra=self.extra or "office", feature="Word (.docx)")
        try:
            word = docx.Document(io.BytesIO(data))
            body = word.element.body
            numbering_root, styles_root = _numbering_root(word), _styles_root(word)
        except Exception:  # a macro-enabled file or a template: python-docx refuses them
            try:
                body, numbering_root, styles_root = _raw_parts(archive)
            except Exception as exc:  # the XML itself is damaged
                raise damaged(name, kind="Word") from exc
        numbering = _Numbering(numbering_root, styles=_numbered_styles(styles_root))
        return Document(name=name, format=self.name, lines=tuple(_lines(body, numbering)))


def _raw_parts(archive: zipfile.ZipFile) -> tuple[Any, Any, Any]:
    """The body, numbering and styles straight from the parts (lxml, as python-docx
    parses them: no entities resolved, no network)."""
    etree = require("lxml.etree", extra="office", feature="Word (.docx)")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=True)

    def part(path: str) -> Any:
        if path not in archive.namelist():
            return None
        return etree.fromstring(archive.read(path), parser=parser)

    body = part("word/document.xml").find(f"{_W}body")
    if body is None:
        raise ValueError("no w:body")
    return body, part("word/numbering.xml"), part("word/styles.xml")


def _numbering_root(word: Any) -> Any:
    try:
        return word.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return None


def _styles_root(word: Any) -> Any:
    try:
        return word.styles.element
    except (KeyError, NotImplementedError, AttributeError):
        return None


def _numbered_styles(root: Any) -> dict[str, tuple[str, str]]:
    """The paragraph styles that number their paragraphs (``List Number``): style id →
    (numId, ilvl)."""
    found: dict[str, tuple[str, str]] = {}
    if root is None:
        return found
    for style in root.iterchildren(f"{_W}style"):
        props = style.find(f"{_W}pPr")
        numpr = props.find(f"{_W}numPr") if props is not None else None
        if numpr is not None:
            found[style.get(f"{_W}styleId", "")] = (
                _val(numpr, "numId", ""),
                _val(numpr, "ilvl", "0"),
            )
    return found


def _lines(body: Any, numbering: _Numbering) -> Iterator[SourceLine]:
    counter = 0  # the non-empty paragraphs, as one reads them
    tables = 0
    for child in _blocks(body):
        if child.tag == _P:
            text = _paragraph_text(child)
            if not text.strip():
                yield SourceLine("", Place())
                continue
            counter += 1
            prefix = numbering.prefix(child)
            for number, part in enumerate(text.split("\n")):
                head = prefix if number == 0 else ""
                yield SourceLine(head + part.strip(), Place(paragraph=counter))
        elif child.tag == _TBL:
            tables += 1
            rows = _table_rows(child)
            headers = table_headers(rows)
            yield SourceLine("", Place())
            for row_number, texts in enumerate(rows, start=1):
                cells = tuple(
                    Cell(
                        text,
                        Place(
                            table=tables,
                            row=row_number,
                            column=column,
                            header=headers.get(column),
                        ),
                    )
                    for column, text in enumerate(texts, start=1)
                )
                yield SourceLine(
                    " | ".join(texts), Place(table=tables, row=row_number), cells=cells
                )
            yield SourceLine("", Place())


def _blocks(container: Any) -> Iterator[Any]:
    """The paragraphs and tables of ``container`` in order, also those inside content
    controls (``w:sdt``) and custom XML blocks, which Word shows as ordinary text."""
    for child in container.iterchildren():
        if child.tag in (_P, _TBL):
            yield child
        elif child.tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _blocks(content)
        elif child.tag == f"{_W}customXml":
            yield from _blocks(child)


def _paragraph_text(element: Any) -> str:
    """The text a reader sees: runs in order, tabs as spaces, breaks as new lines."""
    parts: list[str] = []
    for node in element.iter():
        tag = node.tag
        if tag in _SKIP or _inside_deleted(node, element):
            continue
        if tag == _T:
            parts.append(node.text or "")
        elif tag in (f"{_W}tab", f"{_W}ptab"):
            parts.append(" ")
        elif tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
        elif tag == f"{_W}noBreakHyphen":
            parts.append("-")
    return "".join(parts)


def _inside_deleted(node: Any, stop: Any) -> bool:
    parent = node.getparent()
    while parent is not None and parent is not stop:
        if parent.tag == f"{_W}del":
            return True
        parent = parent.getparent()
    return False


def _table_rows(table: Any) -> list[list[str]]:
    """Each row's cells as text, one per grid column: a merged cell's text once."""
    rows: list[list[str]] = []
    above: dict[int, str] = {}  # the text of the cell that starts each column's merge
    for tr in table.iterchildren(_TR):
        texts: list[str] = [""] * _grid_before(tr)
        for tc in tr.iterchildren(_TC):
            props = tc.find(f"{_W}tcPr")
            span, continued = 1, False
            if props is not None:
                grid = props.find(f"{_W}gridSpan")
                if grid is not None and (grid.get(_VAL) or "1").isdigit():
                    span = max(1, int(grid.get(_VAL) or "1"))
                merge = props.find(f"{_W}vMerge")
                continued = merge is not None and merge.get(_VAL, "continue") == "continue"
            if continued:
                origin = above.get(len(texts), "")
                text = "" if any(char.isdigit() for char in origin) else origin
            else:
                text = _cell_text(tc)
                above[len(texts)] = text
            texts.append(text)
            texts.extend([""] * (span - 1))
        rows.append(texts)
    width = max((len(row) for row in rows), default=0)
    return [row + [""] * (width - len(row)) for row in rows]


def _grid_before(tr: Any) -> int:
    """The grid columns a row leaves empty before its first cell (``w:gridBefore``)."""
    props = tr.find(f"{_W}trPr")
    before = props.find(f"{_W}gridBefore") if props is not None else None
    value = before.get(_VAL, "0") if before is not None else "0"
    return min(int(value), 63) if value.isdigit() else 0


def _cell_text(tc: Any) -> str:
    """A cell's paragraphs (and any table nested in it) on one line."""
    texts = [_paragraph_text(p) for p in tc.iter(_P)]
    return " ".join(" ".join(text.split()) for text in texts if text.strip())


@dataclass
class _Numbering:
    """Word's list numbering (``numbering.xml``): the prefix each numbered paragraph shows."""

    root: Any
    styles: dict[str, tuple[str, str]] = field(default_factory=dict)
    counters: dict[str, list[int]] = field(default_factory=dict)
    _levels: dict[tuple[str, int], tuple[str, str, int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.root is None:
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for node in self.root.iterchildren(f"{_W}abstractNum"):
            levels: dict[int, tuple[str, str, int]] = {}
            for lvl in node.iterchildren(f"{_W}lvl"):
                ilvl = int(lvl.get(f"{_W}ilvl", "0"))
                fmt = _val(lvl, "numFmt", "decimal")
                text = _val(lvl, "lvlText", "")
                start = _val(lvl, "start", "1")
                levels[ilvl] = (fmt, text, int(start) if start.isdigit() else 1)
            abstract[node.get(f"{_W}abstractNumId", "")] = levels
        for num in self.root.iterchildren(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            if ref is None:
                continue
            for ilvl, level in abstract.get(ref.get(_VAL, ""), {}).items():
                self._levels[(num.get(f"{_W}numId", ""), ilvl)] = level

    def prefix(self, paragraph: Any) -> str:
        """``"1. "``, ``"a) "``, ``"- "`` … for a numbered paragraph, else ``""``."""
        props = paragraph.find(f"{_W}pPr")
        numpr = props.find(f"{_W}numPr") if props is not None else None
        style = _val(props, "pStyle", "") if props is not None else ""
        if numpr is not None:
            num_id = _val(numpr, "numId", "")
            ilvl_text = _val(numpr, "ilvl", "0")
            if not num_id and style in self.styles:
                num_id = self.styles[style][0]
        elif style in self.styles:
            num_id, ilvl_text = self.styles[style]
        else:
            return ""
        ilvl = int(ilvl_text) if ilvl_text.isdigit() else 0
        if (num_id, ilvl) not in self._levels or num_id == "0":
            return ""
        counts = self.counters.setdefault(num_id, [0] * 9)
        ilvl = min(ilvl, 8)
        fmt, template, start = self._levels[(num_id, ilvl)]
        counts[ilvl] = counts[ilvl] + 1 if counts[ilvl] else start
        for deeper in range(ilvl + 1, 9):
            counts[deeper] = 0
        if fmt == "bullet":
            return "- "
        if fmt == "none":
            return ""
        text = template
        for level in range(ilvl + 1):
            level_fmt, _, level_start = self._levels.get((num_id, level), ("decimal", "", 1))
            value = counts[level] or level_start
            text = text.replace(f"%{level + 1}", _format_number(value, level_fmt))
        return text.strip() + " " if text.strip() else ""


def _val(node: Any, tag: str, default: str) -> str:
    child = node.find(f"{_W}{tag}")
    if child is None:
        return default
    value = child.get(_VAL)
    return default if value is None else str(value)


def _format_number(value: int, fmt: str) -> str:
    """``value`` as Word draws it in the numbering format ``fmt``."""
    if fmt in ("upperRoman", "lowerRoman"):
        roman = _roman(value)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt in ("upperLetter", "lowerLetter"):
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    return str(value)


def _roman(value: int) -> str:
    out = []
    for size, letters in _ROMAN:
        count, value = divmod(value, size)
        out.append(letters * count)
    return "".join(out)


DOCX = register(DocxReader())

__all__ = ["DOCX", "DocxReader"]
