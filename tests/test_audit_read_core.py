"""The reading layer's core: documents and places, the registry, encodings, text and
report-tree readers (audit/read/document.py, registry.py, _encoding.py, text.py, tree.py),
with a contract every registered reader keeps."""

import codecs
import unicodedata
from pathlib import Path

import pytest

from welfare_rules.audit.read import (
    Document,
    Place,
    audit_document,
    read_bytes,
    reader_for,
    readers,
    suffixes,
)
from welfare_rules.audit.read._encoding import decode
from welfare_rules.errors import DocumentReadError

TEXT = "Tổng số 3 suất = 900.000đ, trong đó:\n- Mức 300.000đ: 3 suất = 900.000đ\n"


@pytest.mark.parametrize("reader", readers(), ids=lambda reader: reader.name)
def test_every_reader_has_a_name_suffixes_and_refuses_garbage_in_one_error(reader) -> None:  # type: ignore[no-untyped-def]
    assert reader.name
    assert all(suffix == "" or suffix.startswith(".") for suffix in reader.suffixes)
    name = "x" + (reader.suffixes or ("",))[0]
    try:
        document: object = reader.read(b"\x00\xff\x00garbage\x00", name=name)
    except DocumentReadError as exc:
        document = exc
    assert isinstance(document, Document | DocumentReadError)


def test_the_registry_chooses_by_suffix_then_by_content() -> None:
    assert reader_for("r.json", b"{}").name == "json"
    assert reader_for("-", b'  {"nodes": []}').name == "json"
    assert reader_for("r.txt", b"{").name == "text"
    assert reader_for("unknown.zzz", b"plain words").name == "text"
    assert {".txt", ".md", ".json", ".toml"} <= suffixes()


def test_the_table_of_built_in_suffixes_is_the_readers_own() -> None:
    """reader_for imports one module for a known suffix: the table must say which."""
    from welfare_rules.audit.read import registry

    own = {
        suffix: type(reader).__module__.rsplit(".", 1)[-1]
        for reader in readers()
        for suffix in reader.suffixes
        if suffix
    }
    assert own == registry._BUILTIN_SUFFIXES
    assert [type(r).__module__.rsplit(".", 1)[-1] for r in readers()] == [
        "tree", "tree", "docx", "xlsx", "xls", "pdf", "csv", "html", "text"
    ]  # fmt: skip


def test_a_text_file_loads_only_the_text_reader() -> None:
    """Counted in a fresh interpreter: a .txt costs no Word, PDF or HTML reader; a name
    without a known suffix still asks every reader's sniff, in the order of readers()."""
    import subprocess
    import sys

    code = (
        "import sys; from welfare_rules.audit.read import reader_for, readers\n"
        "def loaded(): return sorted(m.rsplit('.', 1)[-1] for m in sys.modules "
        "if m.startswith('welfare_rules.audit.read.') and m.rsplit('.', 1)[-1] in {name!r})\n"
        "print(reader_for('r.txt', b'x').name, loaded())\n"
        "print(reader_for('r.pdf', b'%PDF').name, loaded())\n"
        "print(reader_for('-', b'{}').name, len(loaded()), [r.name for r in readers()][-2:])"
    ).replace("{name!r}", repr({"text", "tree", "docx", "xlsx", "xls", "pdf", "csv", "html"}))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.splitlines() == [
        "text ['text']",
        "pdf ['pdf', 'text']",
        "json 8 ['html', 'text']",
    ]


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),
        TEXT.encode("utf-16-le"),  # no mark: told by where its NULs stand
        codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"),  # not mistaken for UTF-16
    ],
)
def test_encodings_decode_to_the_same_text(data: bytes) -> None:
    assert decode(data, name="x.txt") == TEXT


def _windows_1258(text: str) -> bytes:
    """``text`` as Vietnamese Windows writes it: base letters precomposed, tones apart."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = ""
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        base = "".join(c for c in parts if c not in tones)
        out += unicodedata.normalize("NFC", base) + "".join(c for c in parts if c in tones)
    return out.encode("cp1258")


def test_windows_1258_is_read_and_normalised() -> None:
    assert decode(_windows_1258("Mức quà: 3 suất"), name="x.txt") == "Mức quà: 3 suất"


def test_binary_that_is_no_format_is_one_error() -> None:
    with pytest.raises(DocumentReadError, match="NUL"):
        decode(b"\x01\x00\x02\x00\x00\x03", name="x.bin")


def test_a_text_document_keeps_its_lines_and_places() -> None:
    document = read_bytes(TEXT.encode(), name="r.md")
    assert document.format == "markdown"
    assert document.text() == TEXT
    assert document.place(2) == Place(line=2)
    assert document.place(99) is None


def test_table_rows_render_as_pipe_rows_and_cells_keep_their_places() -> None:
    from welfare_rules.audit.read import Cell, SourceLine

    row = SourceLine(
        "",
        Place(table=1, row=2),
        cells=(
            Cell("Mức 300.000đ", Place(table=1, row=2, column=1)),
            Cell("3 | 4", Place(table=1, row=2, column=2)),
        ),
    )
    document = Document(name="x", format="docx", lines=(row,))
    assert document.text() == "| Mức 300.000đ | 3 \\| 4 |"
    assert document.place(1, column=1) == Place(table=1, row=2, column=2)


def test_a_report_tree_reads_and_a_bad_one_names_its_line() -> None:
    document = read_bytes(
        b'{"nodes": [{"label": "x", "count": 2, "level": 5, "amount": 10}]}', name="r.json"
    )
    assert document.tree is not None
    assert audit_document(document).status == 0
    with pytest.raises(DocumentReadError, match="line 1"):
        read_bytes(b'{"nodes": [', name="r.json")
    with pytest.raises(DocumentReadError):
        read_bytes(b"[" * 100_000, name="r.json")  # too deep: an error, never RecursionError


def test_an_oversized_file_is_refused_before_it_is_read() -> None:
    with pytest.raises(DocumentReadError, match="limit"):
        read_bytes(b"x" * 101, name="r.txt", max_bytes=100)


def test_the_library_default_limit_is_the_documented_setting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # issue 13: read_path/read_bytes took 50 MiB whatever $WELFARE_RULES_MAX_INPUT_BYTES
    # said, while the command line followed it
    from welfare_rules.audit.read import read_path

    monkeypatch.setenv("WELFARE_RULES_MAX_INPUT_BYTES", "100")
    path = tmp_path / "r.txt"
    path.write_bytes(b"x" * 100)
    assert read_path(path).text() == "x" * 100
    assert read_bytes(b"x" * 100, name="r.txt").text() == "x" * 100
    path.write_bytes(b"x" * 101)
    with pytest.raises(DocumentReadError) as info:
        read_path(path)
    assert info.value.reason.en == "the file has 101 bytes, over the limit of 100"
    with pytest.raises(DocumentReadError, match="over the limit of 100"):
        read_bytes(b"x" * 101, name="r.txt")
    assert read_path(path, max_bytes=101).text() == "x" * 101  # an explicit limit wins


def test_a_bad_limit_setting_is_a_setting_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from welfare_rules.audit.read import read_path
    from welfare_rules.errors import SettingError

    monkeypatch.setenv("WELFARE_RULES_MAX_INPUT_BYTES", "lots")
    path = tmp_path / "r.txt"
    path.write_bytes(b"x")
    with pytest.raises(SettingError, match="WELFARE_RULES_MAX_INPUT_BYTES"):
        read_path(path)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_an_endless_file_is_refused_without_a_made_up_size() -> None:
    # the bytes read before stopping are no size of the file: none is given
    from welfare_rules.audit.read import read_path

    with pytest.raises(DocumentReadError) as info:
        read_path("/dev/zero", max_bytes=1000)
    assert info.value.reason.en == "the file is longer than the limit of 1000 bytes"


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("", 3),  # nothing to check is not "consistent"
        ("Báo cáo không có số liệu nào.", 3),
        ("Mức 300.000đ: 3 suất = 900.000đ", 0),
        ("Mức 300.000đ: 3 suất = 800.000đ", 1),
        ("Tặng quà cho 200 trẻ em với tổng số tiền 80 triệu đồng.", 0),  # alone: no level
        ("- Xã A: 12 suất.\nTổng cộng: 45 suất.", 3),  # a total not read: incomplete
    ],
)
def test_the_verdict(text: str, status: int) -> None:
    assert audit_document(Document.from_text(text, name="x.txt")).status == status


def test_a_text_is_audited_without_the_workbook_linker() -> None:
    """Counted in a fresh interpreter: only a document with sheets loads _sheets."""
    import subprocess
    import sys

    code = (
        "import sys; from welfare_rules.audit.read import Document, audit_document\n"
        f"audit_document(Document.from_text({TEXT!r}, name='r.txt', format='text'))\n"
        "print('welfare_rules.audit._sheets' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


_BOX = """\
┌─────┬──────────────┬─────────┬────────────┬───────────────────┐
│ STT │ Phường, xã   │ Số suất │ Mức (đồng) │ Thành tiền (đồng) │
├─────┼──────────────┼─────────┼────────────┼───────────────────┤
│   1 │ Phường A     │     128 │    400.000 │        51.200.000 │
│   2 │ Xã B         │     271 │    300.000 │        81.300.000 │
├─────┼──────────────┼─────────┼────────────┼───────────────────┤
│     │ Tổng cộng    │     399 │            │       132.500.000 │
└─────┴──────────────┴─────────┴────────────┴───────────────────┘
"""


def test_a_table_drawn_with_box_characters_is_read_as_a_table() -> None:
    """Box walls and rules are pipes and dashes, each one character for one (offsets
    kept): the table had been read as prose, none of its figures checked."""
    from welfare_rules.audit.read import audit_document, read_bytes

    document = read_bytes(_BOX.encode(), name="bang.txt")
    assert document.lines[3].text.startswith("|   1 | Phường A")
    assert len(document.lines[3].text) == len(_BOX.splitlines()[3])
    audit = audit_document(document)
    assert (audit.status, audit.result.edits) == (0, 4)
    wrong = audit_document(
        read_bytes(_BOX.replace("│     271 │", "│     211 │").encode(), name="b.txt")
    )
    (finding,) = wrong.result.findings
    assert (finding.line, finding.suggested) == (5, 271)
