"""Many reports, one run: ``welfare-rules audit FOLDER`` against one run per file.

A temporary folder gets 200 gift reports of our own in mixed formats (Markdown, text,
Word, Excel, CSV, HTML and PDF, each a commune's table with its figures varied, one in
four with a planted slip), written with the libraries themselves (python-docx,
openpyxl, fpdf2 with DejaVu Sans). Then, wall-clock time of

* one process: ``welfare-rules audit FOLDER --format json --output /dev/null``;
* one process per file: ``welfare-rules audit FILE --json`` for each of the 200;

and checks that both give the same exit status per file. Target: one process at least
10 × faster. ``--separate N`` times only N of the separate runs and scales the time up
(a quick look; the full measure is the default).

Run: ``.venv/bin/python benchmarks/many_files.py``
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET = 10.0
FILES = 200
FORMATS = ("md", "txt", "docx", "xlsx", "csv", "html", "pdf")
WEIGHTS = (32, 32, 32, 32, 32, 24, 16)  # PDFs cost the most to read: fewer of them
CLI = Path(sys.executable).with_name("welfare-rules")


def _report(number: int, rng: random.Random) -> tuple[list[str], list[list[str]]]:
    """Title lines and table rows (header first) of one commune's report."""
    levels = (600_000, 300_000, 400_000, 500_000)
    rows: list[list[str]] = [["STT", "Nội dung", "Số suất", "Mức quà (đồng)", "Thành tiền (đồng)"]]
    total_count = total_amount = 0
    slip = number % 4 == 0
    for index, level in enumerate(levels, start=1):
        count = rng.randint(3, 900)
        amount = count * level
        total_count += count
        total_amount += amount
        written = amount + 10_000_000 if slip and index == 2 else amount
        rows.append([str(index), f"Mức {_g(level)} đồng", _g(count), _g(level), _g(written)])
    rows.append(["", "Tổng cộng", _g(total_count), "", _g(total_amount)])
    title = [
        f"ỦY BAN NHÂN DÂN XÃ SỐ {number}",
        "BÁO CÁO",
        "Kết quả tặng quà Tết Nguyên đán năm 2025",
        "Chi tiết như sau:",
    ]
    return title, rows


def _g(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _number(text: str) -> int | str | None:
    """A cell as a spreadsheet holds it: a number, a text, or nothing."""
    digits = text.replace(".", "")
    return int(digits) if digits.isdigit() else text or None


def _markdown(title: list[str], rows: list[list[str]]) -> str:
    table = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
    table += ["| " + " | ".join(row) + " |" for row in rows[1:]]
    return "\n".join([*title, "", *table, ""]) + "\n"


def _write(path: Path, fmt: str, title: list[str], rows: list[list[str]], font: str) -> None:
    if fmt in ("md", "txt"):
        text = _markdown(title, rows)
        if fmt == "txt":
            text = text.replace(" | ", "\t").replace("| ", "").replace(" |", "")
            text = "\n".join(line for line in text.splitlines() if "---" not in line) + "\n"
        path.write_text(text, encoding="utf-8")
    elif fmt == "docx":
        import docx

        word = docx.Document()
        for line in title:
            word.add_paragraph(line)
        table = word.add_table(rows=len(rows), cols=len(rows[0]))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
        word.save(path)
    elif fmt == "xlsx":
        import openpyxl

        book = openpyxl.Workbook()
        sheet = book.active
        for line in title:
            sheet.append([line])
        sheet.append(rows[0])
        for row in rows[1:]:
            sheet.append(
                [
                    int(t.replace(".", "")) if t.replace(".", "").isdigit() else t or None
                    for t in row
                ]
            )
        book.save(path)
    elif fmt == "csv":
        out = io.StringIO(newline="")
        csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
        path.write_bytes(b"\xef\xbb\xbf" + out.getvalue().encode())
    elif fmt == "html":
        cells = "".join("<tr>" + "".join(f"<td>{t}</td>" for t in row) + "</tr>" for row in rows)
        paras = "".join(f"<p>{line}</p>" for line in title)
        path.write_text(
            f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>x</title></head>"
            f"<body>{paras}<table>{cells}</table></body></html>",
            encoding="utf-8",
        )
    else:
        from fpdf import FPDF

        pdf = FPDF()
        pdf.add_font("DejaVu", fname=font)
        pdf.add_page()
        pdf.set_font("DejaVu", size=11)
        lines = [*title]
        for row in rows[1:-1]:
            lines.append(f"- {row[1]}: {row[2]} suất = {row[4]} đồng.")
        for line in lines:
            pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
        pdf.output(str(path))


def _font() -> str:
    candidates = [Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")]
    try:
        import matplotlib

        candidates.append(Path(matplotlib.__file__).parent / "mpl-data/fonts/ttf/DejaVuSans.ttf")
    except ImportError:
        pass
    found = next((path for path in candidates if path.exists()), None)
    if found is None:
        sys.exit("no DejaVu Sans font: install fonts-dejavu-core or matplotlib")
    return str(found)


def build(folder: Path, *, count: int = FILES, seed: int = 2025) -> list[Path]:
    """``count`` reports in mixed formats in ``folder``."""
    rng = random.Random(seed)
    font = _font()
    formats = [fmt for fmt, weight in zip(FORMATS, WEIGHTS, strict=True) for _ in range(weight)]
    paths = []
    for number in range(count):
        fmt = formats[number % len(formats)]
        title, rows = _report(number, rng)
        path = folder / f"{number:03d}_bao-cao.{fmt}"
        _write(path, fmt, title, rows, font)
        paths.append(path)
    return paths


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--separate", type=int, default=None, help="time only N separate runs")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "reports"
        folder.mkdir()
        paths = build(folder)
        output = Path(tmp) / "all.json"
        start = time.perf_counter()
        cmd = [str(CLI), "audit", str(folder), "--format", "json", "--output", str(output)]
        subprocess.run(cmd, check=False)
        one = time.perf_counter() - start
        together = {
            f["file"]: f["summary"]["status"] for f in json.loads(output.read_text())["files"]
        }

        sample = paths if args.separate is None else paths[:: max(1, len(paths) // args.separate)]
        start = time.perf_counter()
        separate: dict[str, int] = {}
        for path in sample:
            done = subprocess.run(
                [str(CLI), "audit", str(path), "--json"], capture_output=True, check=False
            )
            separate[str(path)] = done.returncode
        many = (time.perf_counter() - start) * len(paths) / len(sample)
    mismatched = [p for p, status in separate.items() if together.get(p) != status]
    statuses = sorted(set(together.values()))
    print(f"{len(paths)} reports ({', '.join(FORMATS)}), exit statuses {statuses}")
    print(f"one process:        {one:7.2f} s")
    scaled = "" if args.separate is None else f" (scaled from {len(sample)})"
    print(f"one run per file:   {many:7.2f} s{scaled}")
    ratio = many / one
    print(f"speed-up:           {ratio:7.1f} x (target ≥ {TARGET:.0f} x)")
    if mismatched:
        print(f"different exit status for {len(mismatched)} files, e.g. {mismatched[0]}")
        return 1
    return 0 if ratio >= TARGET else 1


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
