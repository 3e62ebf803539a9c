"""Password-protected reports, encrypted for real: Word and Excel files saved with a password
(msoffcrypto-tool writes what Office writes: an OLE2 compound file holding
``EncryptionInfo`` and ``EncryptedPackage``) and PDFs with a user password (fpdf2). Each is
refused in one line, in Vietnamese and English, whatever its name, with exit status 2;
the other files of the run are still audited."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from welfare_rules.audit.read import read_bytes
from welfare_rules.audit.read._office import is_encrypted_ole2
from welfare_rules.cli import main
from welfare_rules.errors import DocumentReadError

from .office_files import (
    PROSE,
    decrypted,
    docx_bytes,
    encrypted,
    errors_of,
    expected_errors,
    markdown,
    unicode_font,
    xlsx_bytes,
)

pytest.importorskip("msoffcrypto")


@functools.cache
def _locked(kind: str) -> bytes:
    return encrypted(docx_bytes() if kind == "docx" else xlsx_bytes())


def _locked_pdf(*, user_password: str = "mat-khau") -> bytes:
    from fpdf import FPDF

    font = unicode_font()
    assert font is not None
    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", fname=str(font))
    pdf.add_page()
    pdf.set_font("DejaVu", size=11)
    pdf.set_encryption(owner_password="chu-so-huu", user_password=user_password)
    for text in PROSE:
        pdf.cell(0, 8, text, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_the_files_are_really_encrypted_reports(kind: str) -> None:
    locked = _locked(kind)
    assert is_encrypted_ole2(locked)
    assert b"PK\x03\x04" not in locked[:4096]  # nothing of the zip inside shows
    opened = read_bytes(decrypted(locked), name=f"mo.{kind}")  # the password gives it back
    assert errors_of(opened) == expected_errors()


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
@pytest.mark.parametrize("suffix", [".docx", ".xlsx", ".xls", ".csv", ".txt", ".html", ".pdf", ""])
def test_an_encrypted_office_file_is_one_line_whatever_its_name(kind: str, suffix: str) -> None:
    with pytest.raises(DocumentReadError) as caught:
        read_bytes(_locked(kind), name=f"bao-cao{suffix}" if suffix else "-")
    text = caught.value.text
    assert "password-protected" in text.en
    assert "mật khẩu" in text.vi
    assert "\n" not in text.en + text.vi


def test_an_encrypted_pdf_is_one_line_and_an_owner_password_alone_reads() -> None:
    pytest.importorskip("pdfplumber")  # reading a PDF takes the office extra
    with pytest.raises(DocumentReadError) as caught:
        read_bytes(_locked_pdf(), name="bao-cao.pdf")
    assert "encrypted with a password" in caught.value.text.en
    assert "mật khẩu" in caught.value.text.vi
    # a PDF that only restricts printing or copying opens without a password: it is read
    opened = read_bytes(_locked_pdf(user_password=""), name="han-che.pdf")
    assert any("23.000.000" in line.text for line in opened.lines)


def test_one_encrypted_file_exits_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    locked = tmp_path / "khoa.xlsx"
    locked.write_bytes(_locked("xlsx"))
    assert main(["audit", str(locked), "--lang", "en"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1
    assert "password-protected" in err
    assert main(["audit", str(locked)]) == 2
    assert "mật khẩu" in capsys.readouterr().err


def test_the_other_files_of_the_run_are_still_audited(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "khoa.docx").write_bytes(_locked("docx"))
    (tmp_path / "khoa.xlsx").write_bytes(_locked("xlsx"))
    (tmp_path / "khoa.pdf").write_bytes(_locked_pdf())
    (tmp_path / "bao-cao.md").write_text(markdown(), encoding="utf-8")
    status = main(["audit", str(tmp_path), "--lang", "en"])
    out, _ = capsys.readouterr()
    assert status == 1  # the readable report has its planted mistake
    lines = out.splitlines()
    for name in ("khoa.docx", "khoa.xlsx", "khoa.pdf"):
        line = next(line for line in lines if name in line)
        assert line.startswith("[2]")
        assert "password" in line
    assert next(line for line in lines if "bao-cao.md" in line).startswith("[1]")
    assert lines[-1].endswith("3 not read.")
    assert (
        main(["audit", str(tmp_path / "khoa.docx"), str(tmp_path / "khoa.pdf")]) == 2
    )  # nothing could be read
