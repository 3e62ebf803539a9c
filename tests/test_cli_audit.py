"""Tests for cli/audit.py: ``welfare-rules audit``."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from welfare_rules.audit.extract import example_text, extract_report
from welfare_rules.cli import main

from .office_files import (
    RIGHT,
    WRONG,
    csv_bytes,
    docx_bytes,
    html_bytes,
    markdown,
    xlsx_bytes,
)
from .strategies import report_like_text

EXAMPLE = example_text()
FIXES = {
    "5.502 suất = 2.721.000.000đ": "5.502 suất = 2.751.000.000đ",
    "5.445.400.000 đồng": "5.455.400.000 đồng",
    "1.137.600 đồng": "1.137.600.000 đồng",
    "cho 15.372 lượt": "cho 15.373 lượt",
    "16.464.647.630": "16.470.812.630",
    "1583/QĐ-CTN ngày 26/12/2024": "1583/QĐ-CTN ngày 26/12/2023",
}


def line_of(fragment: str, *, nth: int = 0) -> int:
    return [n for n, line in enumerate(EXAMPLE.splitlines(), 1) if fragment in line][nth]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_example_json_names_exactly_the_source_mistakes(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "audit", "--example", "--json")
    assert status == 1
    data = json.loads(out)
    assert set(data) == {"ok", "findings", "unparsed", "unchecked", "summary"}
    assert {"complete", "unchecked", "status"} <= set(data["summary"])
    errors = {
        (f["kind"], f["line"], f["field"], f["reported"], f["expected"], f["suggested"])
        for f in data["findings"]
        if f["severity"] == "error"
    }
    decision = (line_of("1583/QĐ-CTN"), line_of("1583/QĐ-CTN", nth=1))
    payment = line_of("15.372")
    assert errors == {
        ("citation_date_conflict", decision[0], None, None, None, None),
        ("citation_date_conflict", decision[1], None, None, None, None),
        ("citation_after_report", decision[1], None, None, None, None),
        (
            "amount_sum_mismatch",
            line_of("5.445.400.000"),
            "amount",
            5_445_400_000,
            5_455_400_000,
            5_455_400_000,
        ),
        (
            "product_mismatch",
            line_of("2.721.000.000"),
            "amount",
            2_721_000_000,
            2_751_000_000,
            2_751_000_000,
        ),
        (
            "scale_slip",
            line_of("1.137.600 đồng"),
            "amount",
            1_137_600,
            1_137_600_000,
            1_137_600_000,
        ),
        ("count_sum_mismatch", payment, "count", 15_372, 15_373, None),
        ("amount_sum_mismatch", payment, "amount", 16_464_647_630, 16_470_812_630, None),
    }
    for finding in data["findings"]:
        assert {"kind", "severity", "line", "field", "reported", "expected", "suggested"} <= set(
            finding
        )
        assert isinstance(finding["candidates"], list)
        assert isinstance(finding["message"], str)
    assert data["unparsed"] == []
    assert data["summary"]["errors"] == 8
    assert data["summary"]["ok"] is False


def test_corrected_copy_exits_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = EXAMPLE
    for wrong, right in FIXES.items():
        text = text.replace(wrong, right)
    path = tmp_path / "fixed.md"
    path.write_text(text, encoding="utf-8")
    status, out, _ = run(capsys, "audit", str(path), "--json")
    summary = json.loads(out)["summary"]
    assert summary["errors"] == 0
    assert status == summary["status"] == (0 if summary["complete"] else 3)


def test_table_in_vietnamese_and_english(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "audit", "--example")
    assert status == 1
    assert "Dòng │ Vấn đề" in out
    assert "2.721.000.000 │  2.751.000.000 │ 2.751.000.000" in out
    assert "1.137.600 │" in out
    assert "8 lỗi" in out
    status, out, _ = run(capsys, "audit", "--example", "--lang", "en")
    assert "Line │ What is wrong" in out
    assert "one digit differs" in out
    assert "errors: 8" in out


def test_standard_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = "- Mức 500.000đ: 5.502 suất = 2.721.000.000đ.\n".encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    status, out, _ = run(capsys, "audit", "-", "--json")
    assert status == 1
    finding = json.loads(out)["findings"][0]
    assert (finding["line"], finding["suggested"]) == (1, 2_751_000_000)


def test_report_tree_json_and_toml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = extract_report(EXAMPLE).report
    as_json = tmp_path / "report.json"
    as_json.write_text(report.model_dump_json(), encoding="utf-8")
    status, out, _ = run(capsys, "audit", str(as_json), "--json")
    assert status == 1
    assert json.loads(out)["summary"]["errors"] == 8
    as_toml = tmp_path / "report.toml"
    as_toml.write_text(
        "[[nodes]]\nlabel = 'Mức 500.000đ'\ncount = 5502\nlevel = 500000\n"
        "amount = 2751000000\nline = 3\n",
        encoding="utf-8",
    )
    status, out, _ = run(capsys, "audit", str(as_toml))
    assert status == 0


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (None, "missing.txt", "no such file"),
        (b"\x00\x01binary", "blob.txt", "NUL"),
        (b"{not json", "tree.json", "bad JSON at line 1"),
        (b"nodes = 3", "tree.toml", "invalid report"),
        (b"[[nodes]]\nlabel = 'x'\ncount = 1.5\n", "float.toml", "invalid report"),
        (b"= x", "bad.toml", "bad TOML"),
    ],
)
def test_input_errors_exit_2_with_a_clear_line(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: bytes | None,
    name: str,
    message: str,
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    status, out, err = run(capsys, "audit", str(path), "--lang", "en")
    assert status == 2
    assert out == ""
    assert message in err
    assert "Traceback" not in err
    assert err.count("\n") == 1


def test_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "audit")[0] == 2
    status, _, err = run(capsys, "audit", str(tmp_path), "--lang", "vi")
    assert status == 2
    assert "không tìm thấy báo cáo nào" in err
    assert run(capsys, "audit", "x.txt", "--example")[0] == 2


def test_utf8_bom_and_utf16(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = "- Mức 600.000đ: 22 suất quà = 13.200.000đ.\r\n"
    for data in (b"\xef\xbb\xbf" + line.encode(), line.encode("utf-16")):
        path = tmp_path / "r.txt"
        path.write_bytes(data)
        assert run(capsys, "audit", str(path))[0] == 0


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=60)
@given(
    data=st.binary(max_size=400)
    | st.text(max_size=400).map(str.encode)
    | report_like_text().map(str.encode)
)
def test_fuzz_main_never_raises(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes
) -> None:
    path = tmp_path / "fuzz.txt"
    path.write_bytes(data)
    for extra in ([], ["--json"]):
        status = main(["audit", str(path), *extra])
        out, err = capsys.readouterr()
        assert status in (0, 1, 2, 3)
        assert "Traceback" not in err
        if status != 2 and extra:
            assert set(json.loads(out)) == {"ok", "findings", "unparsed", "unchecked", "summary"}


def test_the_json_sample_in_the_docs_has_the_keys_the_command_prints(
    capsys: pytest.CaptureFixture[str],
) -> None:
    page = Path(__file__).parents[1] / "docs" / "audit.md"
    block = re.search(r"```json\n(.*?)```", page.read_text(encoding="utf-8"), re.S)
    assert block is not None
    sample = json.loads(block.group(1))
    assert main(["audit", "--example", "--json"]) == 1
    printed = json.loads(capsys.readouterr().out)
    assert set(sample) == set(printed)
    assert set(sample["summary"]) == set(printed["summary"])
    assert set(sample["findings"][0]) == set(printed["findings"][0])
    assert set(sample["unparsed"][0]) == {"line", "text", "numbers", "where", "place"}
    kinds = {finding["kind"] for finding in printed["findings"]}
    assert sample["findings"][0]["kind"] in kinds


# -- formats, places, many files ---------------------------------------------------------------


def test_findings_say_where_they_stand_in_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bao-cao.csv"
    path.write_bytes(csv_bytes(delimiter=";", bom=True))
    status, out, _ = run(capsys, "audit", str(path), "--json")
    assert status == 1
    finding = next(f for f in json.loads(out)["findings"] if f["reported"] == WRONG)
    assert finding["where"] == "hàng 6, cột 5"
    assert finding["place"] == {"row": 6, "column": 5}
    assert finding["line"] == 6
    status, out, _ = run(capsys, "audit", str(path), "--lang", "en")
    assert "at row 6, column 5: two adjacent digits swapped" in out or "at row 6, column 5" in out


def test_one_text_file_keeps_its_table_exactly(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "audit", "--example")
    assert "↳ tại" not in out  # a text file's line is its place: nothing added
    assert out.startswith("Kiểm tra báo cáo: báo cáo ví dụ (ngày 04/03/2024)\n\nDòng │ Vấn đề")


def _corpus(folder: Path) -> list[Path]:
    """A folder of reports in every format, one unreadable, one nested, one clean."""
    (folder / "con").mkdir(parents=True)
    files = {
        folder / "a.docx": docx_bytes(),
        folder / "b.xlsx": xlsx_bytes(),
        folder / "c.csv": csv_bytes(),
        folder / "con" / "d.html": html_bytes(),
        folder / "e.md": markdown().encode(),
        folder / "f.txt": "- Mức 600.000đ: 22 suất quà = 13.200.000đ.\n".encode(),
        folder / "hong.docx": docx_bytes()[:500],
        folder / "ghi-chu.bin": b"\x00\x01",  # not a report suffix: not looked at
        folder / "khoa.json": b'{"style": "an answer key"}',  # data, not a document
    }
    for path, data in files.items():
        path.write_bytes(data)
    return sorted(p for p in files if p.suffix not in (".bin", ".json"))


def test_a_folder_is_audited_file_by_file_and_the_worst_status_wins(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = _corpus(tmp_path)
    status, out, err = run(capsys, "audit", str(tmp_path), "--lang", "en")
    assert status == 1
    assert err == ""
    lines = out.splitlines()
    assert len(lines) == len(expected) + 2
    assert lines[-1] == (
        "7 files: 5 with errors, 0 not fully checked, 1 checked and consistent, 1 not read."
    )
    cut = next(line for line in lines if "hong.docx" in line)
    assert cut.startswith("[2]")
    assert cut.endswith("not read: a damaged or truncated Word file (not a complete zip archive)")
    assert "khoa.json" not in out


def test_several_files_as_json_and_jsonl(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _corpus(tmp_path)
    status, out, _ = run(
        capsys, "audit", str(tmp_path / "a.docx"), str(tmp_path / "f.txt"), "--json"
    )
    assert status == 1
    data = json.loads(out)
    assert set(data) == {"ok", "files", "summary"}
    assert [f["file"] for f in data["files"]] == [str(tmp_path / "a.docx"), str(tmp_path / "f.txt")]
    assert data["files"][0]["findings"][0]["where"].startswith("bảng 1, hàng 7")
    assert data["summary"]["status"] == 1
    status, out, _ = run(capsys, "audit", str(tmp_path), "--format", "jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == 7
    assert next(r for r in rows if r["file"].endswith("hong.docx"))["summary"]["status"] == 2


def test_jobs_give_the_same_result_as_one_process(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _corpus(tmp_path)
    one = run(capsys, "audit", str(tmp_path), "--json")
    two = run(capsys, "audit", str(tmp_path), "--json", "--jobs", "2")
    assert one == two


def test_only_unreadable_files_exit_2_and_unread_files_make_a_run_incomplete(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "hong.xlsx"
    bad.write_bytes(b"PK\x03\x04 broken")
    clean = tmp_path / "f.txt"
    clean.write_text("- Mức 600.000đ: 22 suất quà = 13.200.000đ.\n", encoding="utf-8")
    assert run(capsys, "audit", str(bad), str(bad))[0] == 2
    assert run(capsys, "audit", str(clean))[0] == 0
    assert run(capsys, "audit", str(clean), str(bad))[0] == 3


def test_csv_xlsx_and_html_outputs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _corpus(tmp_path)
    source = str(tmp_path / "a.docx")
    status, out, _ = run(capsys, "audit", source, "--format", "csv", "--lang", "en")
    assert status == 1
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == [
        "File",
        "Where",
        "Line",
        "Severity",
        "Kind",
        "Field",
        "Written",
        "Expected",
        "Suggested",
        "Message",
    ]
    assert [source, "table 1, row 7, column «Thành tiền (đồng)»"] == rows[1][:2]
    assert rows[1][6:9] == [str(WRONG), str(RIGHT), str(RIGHT)]
    target = tmp_path / "out.csv"
    assert run(capsys, "audit", source, "--format", "csv", "--output", str(target))[0] == 1
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    book = tmp_path / "out.xlsx"
    assert run(capsys, "audit", str(tmp_path), "--format", "xlsx", "-o", str(book))[0] == 1
    assert book.read_bytes().startswith(b"PK\x03\x04")
    page = tmp_path / "out.html"
    assert run(capsys, "audit", source, "--format", "html", "-o", str(page))[0] == 1
    assert '<mark class="wrong"' in page.read_text(encoding="utf-8")


def test_json_is_an_alias_of_format_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "audit", "--example", "--json") == run(
        capsys, "audit", "--example", "--format", "json"
    )
    status, _out, err = run(capsys, "audit", "--example", "--json", "--format", "csv")
    assert status == 2
    assert err.count("\n") == 1


def test_a_full_disk_or_a_closed_pipe_is_one_line() -> None:
    full = Path("/dev/full")
    if not full.exists():
        pytest.skip("no /dev/full on this system")
    for argv in (["-m", "welfare_rules"], ["-m", "welfare_rules.cli"]):
        with full.open("wb") as sink:
            done = subprocess.run(
                [sys.executable, *argv, "audit", "--example"],
                stdout=sink,
                stderr=subprocess.PIPE,
                text=True,
                check=False,
            )
        assert done.returncode == 2
        assert "Traceback" not in done.stderr
        assert done.stderr.count("\n") == 1
        assert "No space left" in done.stderr
    reader = subprocess.Popen(
        [sys.executable, "-m", "welfare_rules", "audit", "--example", "--format", "html"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert reader.stdout is not None
    assert reader.stderr is not None
    reader.stdout.read(10)
    reader.stdout.close()
    err = reader.stderr.read().decode()
    reader.wait()
    assert "Traceback" not in err
    assert err.count("\n") <= 1


def test_python_m_welfare_rules_runs_the_cli() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "welfare_rules", "audit", "--example", "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert json.loads(done.stdout)["summary"]["errors"] == 8


def test_a_defect_on_one_file_does_not_stop_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import welfare_rules.audit.read as read

    good = tmp_path / "a.txt"
    good.write_text("- Mức 600.000đ: 22 suất quà = 13.200.000đ.\n", encoding="utf-8")
    bad = tmp_path / "b.txt"
    bad.write_text("x\n", encoding="utf-8")
    real = read.read_path

    def flaky(path: str | Path, **kwargs: object) -> object:
        if str(path).endswith("b.txt"):
            raise IndexError("boom")
        return real(path)

    monkeypatch.setattr(read, "read_path", flaky)
    status, out, _ = run(capsys, "audit", str(good), str(bad), "--lang", "en")
    assert status == 3
    assert "internal error (please report it): IndexError: boom" in out


def test_an_oversize_file_is_one_line_and_the_others_go_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from welfare_rules.audit.read import MAX_BYTES

    big = tmp_path / "lon.txt"
    with big.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)  # sparse: no 50 MB written to the disk
    status, out, err = run(capsys, "audit", str(big), "--lang", "en")
    assert (status, out) == (2, "")
    assert "over the limit" in err
    assert err.count("\n") == 1
    good = tmp_path / "a.txt"
    good.write_text("- Mức 600.000đ: 22 suất quà = 13.200.000đ.\n", encoding="utf-8")
    status, out, _ = run(capsys, "audit", str(tmp_path), "--lang", "en")
    assert status == 3
    assert "[0]" in out
    assert "[2]" in out


def test_ruleset_auto_checks_the_example_against_the_rules_in_force(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _ = run(capsys, "audit", "--example", "--ruleset", "auto", "--json")
    assert status == 1
    data = json.loads(out)
    found = [f for f in data["findings"] if f["kind"] == "basis_date_mismatch"]
    assert [(f["severity"], f["line"]) for f in found] == [("error", line_of("26/12/2024"))]
    assert "26/12/2023" in found[0]["message"]
    unchecked = [f for f in data["findings"] if f["kind"] == "rules_not_checked"]
    assert unchecked
    assert all(f["severity"] == "info" and f["line"] for f in unchecked)
    plain = json.loads(run(capsys, "audit", "--example", "--json")[1])
    assert not [f for f in plain["findings"] if f["kind"] in ("basis_date_mismatch",)]


def test_ruleset_and_on_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "r.txt"
    report.write_text(
        "Quà của Chủ tịch nước theo Quyết định số 56/QĐ-CTN: 10 suất.\n"
        "+ Mức 400.000đ: 10 suất = 4.000.000đ.\n",
        encoding="utf-8",
    )
    args = ("audit", str(report), "--ruleset", "vn-central-tet", "--lang", "en")
    status, out, _ = run(capsys, *args, "--on", "2019-02-01")
    assert status == 0
    status, out, _ = run(capsys, *args, "--on", "2024-02-01")
    assert status == 1
    assert "level 400,000 is not a level of State President's Tết gift" in out
    status, out, _ = run(capsys, *args)  # the report states no date
    assert "give --on DATE" in out
    folder = tmp_path / "many"
    folder.mkdir()
    (folder / "a.txt").write_text(report.read_text("utf-8"), encoding="utf-8")
    (folder / "b.txt").write_text("- Mức 600.000đ: 22 suất quà = 13.200.000đ.\n", "utf-8")
    status, out, _ = run(capsys, "audit", str(folder), *args[2:], "--on", "2024-02-01")
    assert status == 1


def test_ruleset_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "audit", "--example", "--ruleset", "nope")
    assert status == 2
    assert "nope" in err
    status, _, err = run(capsys, "audit", "--example", "--on", "2024-02-01", "--lang", "en")
    assert (status, err.strip()) == (2, "welfare-rules: --on needs --ruleset")
    status, _, err = run(capsys, "audit", "--example", "--ruleset", "auto", "--on", "1/2/24")
    assert status == 2


def test_several_files_are_audited_with_the_collector_running(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The command pauses the cyclic collector; a run over many files turns it back on
    (what one file's audit leaves in cycles is freed as the run goes on)."""
    import gc

    from welfare_rules.cli import audit

    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(example_text(), encoding="utf-8")
    seen: list[bool] = []
    real = audit.audit_one

    def spy(path: str, rules: audit.Rules = None) -> audit.AuditedFile:
        seen.append(gc.isenabled())
        return real(path, rules)

    monkeypatch.setattr(audit, "audit_one", spy)
    assert main(["audit", str(tmp_path), "--json"]) == 1
    assert seen == [True, True]
    assert gc.isenabled()
    capsys.readouterr()
