"""`welfare-rules entitlements` and `welfare-rules budget`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from welfare_rules.cli import main

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
ARGS = ["--ruleset", "uong-bi-tet-2024", "--on", "2024-02-01"]


def test_entitlements_text_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["entitlements", *ARGS, "--lang", "en", str(EXAMPLES / "person.json")]) == 0
    out = capsys.readouterr().out
    assert "Person HS-0001" in out
    assert "VND 600,000" in out
    assert "missing war_invalid.injury_rate" in out


def test_entitlements_json_one_person(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "p.json"
    path.write_text('{"birth_year": 1954}', encoding="utf-8")
    assert main(["entitlements", *ARGS, "--json", str(path)]) == 0
    [person] = json.loads(capsys.readouterr().out)
    assert person["total"] == 700_000
    assert person["items"][0]["programme"] == "commune-longevity"


def test_budget_by_source_and_level(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["budget", *ARGS, str(EXAMPLES / "people.csv")]) == 0
    out = capsys.readouterr().out
    assert "Mức 600.000 đ: 3 suất × 600.000 đ = 1.800.000 đ" in out
    assert "Tổng cộng: 12 suất, 10.700.000 đ" in out


def test_budget_json_totals(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["budget", *ARGS, "--json", str(EXAMPLES / "people.csv")]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["total"] == {"count": 12, "amount": 10_700_000, "in_kind": 0, "total": 10_700_000}
    central = {"count": 4, "amount": 2_100_000, "in_kind": 0, "total": 2_100_000}
    assert data["by_source"]["central"] == central


def _longevity_csv(tmp_path: Path) -> Path:
    """104 people of 90 and 7 of 100 on 01/03/2024 (issue 14's budget)."""
    path = tmp_path / "people.csv"
    rows = ["birth_year", *["1934"] * 104, *["1924"] * 7]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_a_budget_counts_the_goods_by_component(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["budget", "--ruleset", "vn-longevity", "--on", "2024-03-01"]
    path = _longevity_csv(tmp_path)
    assert main([*args, "--json", str(path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["total"] == {
        "count": 111,
        "amount": 56_900_000,
        "in_kind": 15_600_000,
        "total": 72_500_000,
    }
    ninety = next(line for line in data["lines"] if line["count"] == 104)
    assert (ninety["level_in_kind"], ninety["in_kind"], ninety["total"]) == (
        150_000,
        15_600_000,
        67_600_000,
    )
    assert main([*args, "--lang", "vi", str(path)]) == 0
    out = capsys.readouterr().out
    assert (
        "Tổng cộng: 111 suất, 72.500.000 đ, trong đó tiền mặt 56.900.000 đ, hiện vật 15.600.000 đ"
        in out
    )
    assert "hiện vật 104 suất × 150.000 đ = 15.600.000 đ" in out
    assert main([*args, "--lang", "en", str(path)]) == 0
    out = capsys.readouterr().out
    assert "of which VND 56,900,000 in cash and VND 15,600,000 in kind" in out


@pytest.mark.parametrize(
    "argv",
    [
        ["budget", "--ruleset", "uong-bi-tet-2024", "--on", "1/2/2024", "x.csv"],
        ["budget", *ARGS, "missing.csv"],
        ["entitlements", "--ruleset", "nope", "--on", "2024-02-01", "x.json"],
    ],
)
def test_bad_input_is_one_line_and_status_2(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("welfare-rules: ")
    assert "Traceback" not in err


def test_bad_person_names_the_field(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "p.json"
    path.write_text('[{"birth_year": 1954}, {"birth_year": "x"}]', encoding="utf-8")
    assert main(["entitlements", *ARGS, "--lang", "en", str(path)]) == 2
    assert "[1].birth_year" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("command", "content", "expected"),
    [
        ("entitlements", b"{not json", "invalid JSON"),
        ("entitlements", b'{"birth_year": 1954.0}', "birth_year: a float (1954.0)"),
        (
            "entitlements",
            b'[{"categories": {"war_invalid": {"injury_rate": 81.0}}}]',
            "[0].categories.war_invalid.injury_rate: a float (81.0)",
        ),
        ("entitlements", b'{"birth_year": 1954, "shoe_size": 42}', "shoe_size: not a field"),
        ("entitlements", b"\xff\xfe{}", "is not UTF-8 text (byte 0xff at position 0)"),
        ("entitlements", b"", "invalid JSON"),
        ("budget", b"birth_year\n1954\n1954.0\n", "line 3, column birth_year: a float ('1954.0')"),
        (
            "budget",
            b"categories,war_invalid.injury_rate\nwar_invalid,81.5\n",
            "line 2, column war_invalid.injury_rate: a float ('81.5')",
        ),
        ("budget", b"birth_year,shoe_size\n1954,42\n", "unknown column 'shoe_size'"),
        ("budget", b"birth_year,commune\n1954,Ph\xc6\x0b\n", "is not UTF-8 text (byte 0xc6"),
        ("budget", b"", "is empty: no header row"),
        ("budget", b"\n \n", "is empty: no header row"),
        ("budget", b"birth_year,birth_year\n1954,1954\n", "column 'birth_year' appears twice"),
        ("budget", b"birth_year\n1954\n1954,1\n", "line 3: 2 cells, more than the 1 columns"),
    ],
)
def test_malformed_input_is_one_line_and_status_2(
    command: str,
    content: bytes,
    expected: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / ("people.csv" if command == "budget" else "person.json")
    path.write_bytes(content)
    assert main([command, *ARGS, "--lang", "en", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("welfare-rules: ")
    assert err.count("\n") == 1
    assert err.endswith("\n")
    assert "Traceback" not in err
    assert expected in err
    assert main([command, *ARGS, "--lang", "vi", str(path)]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_a_csv_with_only_a_header_is_an_empty_population(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "people.csv"
    path.write_text("birth_year,categories\n", encoding="utf-8")
    assert main(["budget", *ARGS, "--json", str(path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["population"] == 0
    assert data["total"] == {"count": 0, "amount": 0, "in_kind": 0, "total": 0}


def test_short_rows_are_padded_with_missing_cells(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "people.csv"
    path.write_text("birth_year,categories\n1954\n", encoding="utf-8")
    assert main(["budget", *ARGS, "--json", str(path)]) == 0
    assert json.loads(capsys.readouterr().out)["total"] == {
        "count": 1,
        "amount": 700_000,
        "in_kind": 0,
        "total": 700_000,
    }


# ------------------------------------------------------------- the payment office's files
def _budget(path: Path, *extra: str, on: str = "2024-02-01") -> int:
    args = ["budget", "--ruleset", "uong-bi-tet-2024", "--on", on, "--json", *extra]
    return main([*args, str(path)])


@pytest.mark.parametrize(
    ("content", "encoding"),
    [
        ("id;birth_date;commune\nA;01/03/1954;Phường Đông\nB;1944-01-01;\n", "utf-8"),
        ("id;birth_date;commune\nA;01/03/1954;Phường Đông\nB;1944-01-01;\n", "utf-8-sig"),
        ("id\tbirth_date\tcommune\nA\t01/03/1954\tPhường Đông\nB\t1944-01-01\t\n", "utf-16"),
        ("id,birth_date,commune\nA,01/03/1954,Phương Đông\nB,1944-01-01,\n", "cp1258"),
    ],
)
def test_delimiter_encoding_and_day_first_dates_are_read(
    content: str, encoding: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "people.csv"
    path.write_bytes(content.encode(encoding))
    assert _budget(path, on="01/02/2024") == 0  # --on day first, as the CSV
    data = json.loads(capsys.readouterr().out)
    assert data["on"] == "2024-02-01"
    assert data["total"] == {
        "count": 2,
        "amount": 1_600_000,
        "in_kind": 0,
        "total": 1_600_000,
    }  # 70: 700.000, 80: 900.000


def test_every_bad_cell_is_reported_with_its_csv_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "people.csv"
    rows = ["id;birth_date;poor", "A;01/03/1954;", "", "B;31/02/1950;", "C;1944-01-01;maybe"]
    rows += [f"X{i};32/01/1950;" for i in range(25)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert _budget(path, "--lang", "en") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "27 invalid cells" in err
    assert "line 4, column birth_date" in err  # the blank line 3 still counts
    assert "line 5, column poor: expected yes or no" in err
    assert "and 7 more" in err


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("1954-01-01,true,true", "line 2, column near_poor: a household cannot be both"),
        ("1954-01-01,maybe,", "line 2, column poor: expected yes or no"),
        ("2030-01-01,,", ""),
    ],
)
def test_columns_no_programme_reads_are_validated(
    row: str, expected: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "people.csv"
    path.write_text(f"death_date,poor,near_poor\n{row}\n", encoding="utf-8")
    args = ["--ruleset", "vn-longevity", "--on", "2024-02-01", "--lang", "en", str(path)]
    code = main(["budget", *args])
    assert code == (2 if expected else 0)
    assert expected in capsys.readouterr().err


def test_a_record_error_names_the_csv_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "people.csv"
    path.write_text("birth_date,birth_year\n1954-03-01,1954\n\n1954-03-01,1955\n", "utf-8")
    assert _budget(path, "--lang", "en") == 2
    assert "line 4, column birth_year: birth year 1955 differs" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("lang", "expected"), [("en", "line 4, column selections"), ("vi", "dòng 4, cột selections")]
)
def test_a_mistyped_selection_in_a_budget_names_the_value_and_the_csv_line(
    lang: str, expected: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "people.csv"
    rows = ["id,birth_year,selections", "A,1954,city-exemplary-households", "", "B,1960,"]
    rows[3] = "B,1960,city-exemplary-household"  # one s short: was dropped with exit 0
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert _budget(path, "--lang", lang) == 2
    err = capsys.readouterr().err
    assert expected in err
    assert "'city-exemplary-household'" in err
    assert "Traceback" not in err


def test_an_unreadable_on_date_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["budget", "--ruleset", "uong-bi-tet-2024", "--on", "31/02/2024", "x.csv"]) == 2
    assert "dd/mm/yyyy" in capsys.readouterr().err


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_per_person_writes_the_payment_list(
    suffix: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / f"payments{suffix}"
    if suffix == ".xlsx":
        pytest.importorskip("openpyxl")  # the office extra writes the workbook
    assert _budget(EXAMPLES / "people.csv", "--per-person", str(out)) == 0
    total = json.loads(capsys.readouterr().out)["total"]
    if suffix == ".csv":
        import csv

        with out.open(encoding="utf-8-sig", newline="") as file:
            rows = list(csv.DictReader(file))
    else:
        openpyxl = pytest.importorskip("openpyxl")
        sheet = openpyxl.load_workbook(out).active
        header, *values = [list(r) for r in sheet.iter_rows(values_only=True)]
        rows = [
            {k: "" if v is None else str(v) for k, v in zip(header, r, strict=True)} for r in values
        ]
    paid = [row for row in rows if row["amount"]]
    assert sum(int(row["amount"]) for row in paid) == total["amount"]
    assert len(paid) == total["count"]
    first = rows[0]
    assert (first["line"], first["id"], first["programme"]) == ("2", "HS-0001", "central-tet")
    assert "1583/QĐ-CTN" in first["basis"]
    open_ = [row for row in rows if not row["amount"]]
    assert any(row["missing"] == "war_invalid.injury_rate" for row in open_)
    assert all(row["could_be"] for row in open_)


def test_per_person_needs_csv_or_xlsx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(tmp_path / "x.txt")
    assert _budget(EXAMPLES / "people.csv", "--lang", "en", "--per-person", path) == 2
    assert ".csv or .xlsx" in capsys.readouterr().err


def test_explain_adds_each_persons_tree_in_both_languages(
    capsys: pytest.CaptureFixture[str],
) -> None:
    person = str(EXAMPLES / "person.json")
    assert main(["entitlements", *ARGS, "--explain", "--lang", "en", person]) == 0
    en = capsys.readouterr().out
    assert en.count("  Why:") == 3
    assert "    uong-bi-tet-2024 on 01/02/2024" in en
    assert "citation: Decision 1583/QĐ-CTN of 26/12/2023 (State President)" in en
    assert main(["entitlements", *ARGS, "--explain", person]) == 0
    vi = capsys.readouterr().out
    assert vi.count("  Giải thích:") == 3
    assert "căn cứ: Quyết định 1583/QĐ-CTN" in vi
    # the same tree as `welfare-rules explain`
    assert main(["explain", person, *ARGS, "--lang", "en"]) == 0
    tree = capsys.readouterr().out.split("\n\n")[0]
    assert "\n".join("    " + line for line in tree.splitlines()) in en


def test_explain_json_has_the_items_and_the_tree(capsys: pytest.CaptureFixture[str]) -> None:
    person = str(EXAMPLES / "person.json")
    assert main(["entitlements", *ARGS, "--json", "--lang", "en", person]) == 0
    plain = json.loads(capsys.readouterr().out)
    assert main(["entitlements", *ARGS, "--explain", "--json", "--lang", "en", person]) == 0
    explained = json.loads(capsys.readouterr().out)
    assert [{k: v for k, v in p.items() if k != "explanation"} for p in explained] == plain
    assert explained[0]["explanation"]["kind"] == "ruleset"
    assert explained[0]["explanation"]["children"][0]["kind"] == "programme"


@pytest.mark.parametrize("command", ["entitlements", "budget"])
def test_an_endless_input_file_ends_in_one_line(
    command: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # found by the reliability work: the people's file was read whole, without a bound
    monkeypatch.setenv("WELFARE_RULES_MAX_INPUT_BYTES", "1M")
    status = main([command, "--ruleset", "vn-longevity", "--on", "2024-03-01", "/dev/zero"])
    assert status == 2
    assert "/dev/zero" in capsys.readouterr().err
