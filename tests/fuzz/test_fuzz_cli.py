"""Fuzz the command line: arbitrary argv and files. ``main`` returns a documented status
(0 consistent, 1 errors found, 2 usage or input error, 3 incomplete; 70 an internal error
once that is wired) or argparse exits (0 for --help, 2 for bad usage); every message is
one line on stderr, never a traceback."""

from __future__ import annotations

import contextlib
import io
import json
import random
import re
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from welfare_rules.audit.extract import example_text
from welfare_rules.cli import main

from ._fuzz import HITS, KNOWN, fuzz, large, signature

_STATUSES = {0, 1, 2, 3, 70}
EXAMPLE = example_text()


def _contents(draw: st.DrawFn) -> tuple[str, bytes]:
    """A file suffix and its bytes: report texts, trees, people, rulesets, noise."""
    kind = draw(st.sampled_from(["md", "txt", "json", "toml", "csv", "bin", "utf16", "utf32"]))
    lines = EXAMPLE.splitlines()
    rng = random.Random(draw(st.integers(0, 2**32)))
    if kind in ("md", "txt", "utf16", "utf32"):
        chosen = [line for line in lines if rng.random() < 0.5]
        if rng.random() < 0.3:
            chosen.append("Tổng số 2 suất, mức 1.000.000.000.000.000.000.000.000đ")
        text = "\n".join(chosen)
        encoding = {"utf16": "utf-16", "utf32": "utf-32"}.get(kind, "utf-8")
        return ("txt" if kind.startswith("utf") else kind), text.encode(encoding, "surrogatepass")
    if kind == "json":
        data = draw(
            large(
                '{"nodes": [{"label": "x", "count": 2, "level": 3, "amount": 7}]}',
                '{"nodes": [{"label": "x", "amount": 10000000000000000000000000}]}',
                '{"birth_year": 1940, "categories": {"martyr_relative": {}}}',
                "[" * 5000,
                '{"nodes": [' * 900,
                "1" * 5000,
                '{"title": "\\ud800"}',
                "",
                "{",
            )
        )
        return "json", data.encode("utf-8")
    if kind == "toml":
        data = draw(
            large(
                '[[nodes]]\nlabel = "x"\ncount = 2\nlevel = 3\namount = 7\n',
                "x = " + "[" * 5000,
                "a" + ".a" * 3000 + " = 1",
                'id = "x"\nincludes = ["/etc/passwd"]\n',
                "= =",
            )
        )
        return "toml", data.encode("utf-8")
    if kind == "csv":
        rows = draw(
            large(
                "id,birth_year,poor\n1,1940,true\n",
                "id,birth_year,poor\n1,1940,maybe\n",
                "id,birth_year,poor,near_poor\n1,1940,true,true\n",
                "id,birth_year\n1," + "9" * 5000 + "\n",
                '"unclosed\n',
            )
        )
        return "csv", rows.encode("utf-8")
    return "bin", draw(st.binary(max_size=64))


@st.composite
def invocations(draw: st.DrawFn, tmp: Path) -> list[str]:
    """An argv: a sub-command, its options (valid or not) and a file written in ``tmp``."""
    suffix, data = _contents(draw)
    path = tmp / f"input{draw(st.integers(0, 3))}.{suffix}"
    path.write_bytes(data)
    command = draw(
        st.sampled_from(
            [
                ["audit", str(path)],
                ["audit", str(path), "--json"],
                ["audit", str(path), "--lang", "en"],
                ["audit", "--example", "--json"],
                ["audit", str(tmp)],
                ["audit", str(tmp / "missing.md")],
                ["rulesets", "show", str(path)],
                [
                    "rulesets",
                    "show",
                    "vn-longevity",
                    "--on",
                    draw(st.sampled_from(["2024-01-01", "x", "9999-99-99"])),
                ],
                ["rulesets", "list", "--json"],
                ["entitlements", str(path), "--ruleset", "uong-bi-tet-2024", "--on", "2024-02-01"],
                ["entitlements", str(path), "--ruleset", str(path), "--on", "2024-02-01"],
                [
                    "budget",
                    str(path),
                    "--ruleset",
                    "uong-bi-tet-2024",
                    "--on",
                    "2024-02-01",
                    "--json",
                ],
            ]
        )
    )
    noise = draw(
        st.lists(
            st.sampled_from(["--json", "--lang", "vi", "--bogus", "-", "--on", ""]), max_size=2
        )
    )
    return command + noise


def _run(argv: list[str]) -> tuple[int | str, str, str]:
    """The status (``"argparse N"`` when argparse exited), stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    status: int | str
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main(argv)
        except SystemExit as exc:  # argparse: --help (0) or bad usage (2)
            status = f"argparse {exc.code}"
    return status, out.getvalue(), err.getvalue()


@fuzz
@given(st.data())
@example(None)
def test_cli_exits_with_a_documented_status(tmp_path: Path, data: st.DataObject | None) -> None:
    argv = data.draw(invocations(tmp_path)) if data is not None else ["audit", "--example"]
    try:
        status, out, err = _run(argv)
    except Exception as exc:
        sig = signature(exc)
        if any(re.search(pattern, sig) for pattern in KNOWN):
            HITS[sig] += 1
            return
        raise AssertionError(f"undocumented {sig} from {argv[:3]}") from exc
    assert "Traceback" not in err
    if isinstance(status, str):
        assert status in ("argparse 0", "argparse 2"), status
        return
    assert status in _STATUSES, status
    if status == 2:
        assert (err + out).strip(), "an input error says why"
        assert err.strip().count("\n") == 0, err  # one clear line (several files: a table)
    if "--json" in argv and status in (0, 1, 3):
        json.loads(out)  # one JSON object


# -- the known bugs, one reproducer each --------------------------------------------------


@pytest.mark.parametrize("suffix", [".json", ".toml"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_huge_integer_in_a_tree_is_an_input_error(tmp_path: Path, suffix: str, lang: str) -> None:
    # issue 13: Python's 4.300-digit limit leaked as a bare ValueError from `audit x.json`
    path = tmp_path / f"report{suffix}"
    if suffix == ".json":
        path.write_text('{"nodes": [{"label": "x", "amount": ' + "1" * 5000 + "}]}", "utf-8")
    else:
        path.write_text('[[nodes]]\nlabel = "x"\namount = ' + "1" * 5000 + "\n", "utf-8")
    status, _, err = _run(["audit", str(path), "--lang", lang])
    assert status == 2
    assert ("chữ số" if lang == "vi" else "digits") in err
    assert err.strip().count("\n") == 0


@pytest.mark.parametrize("suffix", [".json", ".toml"])
def test_a_deep_tree_is_an_input_error(tmp_path: Path, suffix: str) -> None:
    # issue 13: JSON 900 levels deep in `audit x.json`, deep TOML in `audit x.toml`
    path = tmp_path / f"report{suffix}"
    if suffix == ".json":
        path.write_text('{"a": ' * 900 + "1" + "}" * 900, "utf-8")
    else:
        path.write_text("x = " + "[" * 100_000, "utf-8")
    status, _, err = _run(["audit", str(path), "--lang", "en"])
    assert status == 2
    assert "101 levels deep" in err


def test_utf32_is_read_as_utf32(tmp_path: Path) -> None:
    # issue 13: a UTF-32 file (BOM FF FE 00 00) was taken for UTF-16 and audited as clean
    path = tmp_path / "report.txt"
    path.write_bytes(EXAMPLE.encode("utf-32"))
    status, _, _ = _run(["audit", str(path)])
    assert status == 1  # the example's mistakes are found, as from UTF-8


@pytest.mark.parametrize(
    "rows",
    [
        pytest.param("id,birth_year,poor\n1,1940,maybe\n", id="maybe"),
        pytest.param("id,birth_year,poor,near_poor\n1,1940,true,true\n", id="poor-and-near-poor"),
    ],
)
def test_budget_refuses_bad_columns(tmp_path: Path, rows: str) -> None:
    path = tmp_path / "people.csv"
    path.write_text(rows, encoding="utf-8")
    status, _, _ = _run(
        ["budget", str(path), "--ruleset", "uong-bi-tet-2024", "--on", "2024-02-01"]
    )
    assert status == 2


def test_fixed_internal_error_exits_70(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import welfare_rules.audit.extract as extract

    def broken(text: str) -> object:
        raise RuntimeError("boom")

    monkeypatch.setattr(extract, "extract_report", broken)
    path = tmp_path / "r.txt"
    path.write_text("Tổng số 2 suất", encoding="utf-8")
    status, _, err = _run(["audit", str(path)])
    assert status == 70
    assert "Traceback" not in err


class _Stdin:
    """A stand-in for ``sys.stdin`` whose ``buffer`` is endless (as ``cat /dev/zero |``)
    and counts what was read."""

    def __init__(self) -> None:
        self.read_bytes = 0
        self.buffer = self

    def read(self, size: int = -1) -> bytes:
        assert size >= 0, "standard input read without a bound"
        self.read_bytes += size
        return b"\0" * size


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_standard_input_is_read_within_the_input_size_limit(
    monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    # issue 13: `audit -` read standard input whole, without the bound files have
    stdin = _Stdin()
    monkeypatch.setattr("sys.stdin", stdin)
    monkeypatch.setenv("WELFARE_RULES_MAX_INPUT_BYTES", "1K")
    status, _, err = _run(["audit", "-", "--lang", lang])
    assert status == 2
    assert stdin.read_bytes == 1025  # the limit and one byte, not more
    assert ("1024 byte" if lang == "vi" else "limit of 1024 bytes") in err
    assert ("đầu vào chuẩn" if lang == "vi" else "standard input") in err
    assert err.strip().count("\n") == 0


def test_standard_input_within_the_limit_is_audited(monkeypatch: pytest.MonkeyPatch) -> None:
    data = EXAMPLE.encode("utf-8")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    monkeypatch.setenv("WELFARE_RULES_MAX_INPUT_BYTES", str(len(data)))
    status, _, _ = _run(["audit", "-"])
    assert status == 1  # the example's mistakes are found


def test_a_file_past_the_configured_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # issue 13: the command line's input-size limit is configurable, for files as for
    # standard input ($WELFARE_RULES_MAX_INPUT_BYTES)
    path = tmp_path / "report.txt"
    path.write_text(EXAMPLE, encoding="utf-8")
    monkeypatch.setenv("WELFARE_RULES_MAX_INPUT_BYTES", "1K")
    status, _, err = _run(["audit", str(path), "--lang", "en"])
    assert status == 2
    assert "over the limit of 1024" in err
    other = path.with_name("other.txt")
    other.write_text(EXAMPLE, encoding="utf-8")
    status, out, _ = _run(["audit", str(path), str(other), "--lang", "en"])
    assert status == 2  # a run of files: each unread file on its line
    assert out.count("1024") == 2
    monkeypatch.setenv("WELFARE_RULES_MAX_INPUT_BYTES", "lots")
    status, _, err = _run(["audit", str(path), "--lang", "en"])
    assert status == 2
    assert "WELFARE_RULES_MAX_INPUT_BYTES" in err
