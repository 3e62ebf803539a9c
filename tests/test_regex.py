"""Tests of welfare_rules._regex: patterns built from kept programs are re.compile's."""

from __future__ import annotations

import json
import marshal
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from welfare_rules import _regex

PATTERNS: list[tuple[str, int]] = [
    (r"\d+ suất", 0),
    (r"(?P<count>\d{1,3}(?:\.\d{3})*) ?(?P<unit>suất|người)(?![^\W\d_])", 0),
    (r"(?<![^\W\d_])(?:tổng|cộng)\b", re.IGNORECASE),
    (r"^\s*[-+*•]\s+", re.MULTILINE),
    (r"(a)|(?P<b>b)(?(1)c|d)", 0),
    (r"[\u00a0\u2000-\u200a]", 0),
    (r"(?x) \d+  # a comment", 0),
    (r"x", re.ASCII | re.DOTALL),
]


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch) -> None:
    """A module state with no file read and nothing to write."""
    monkeypatch.setattr(_regex, "_held", {})
    monkeypatch.setattr(_regex, "_used", {})
    monkeypatch.setattr(_regex, "_dirty", True)  # registers no exit hook
    monkeypatch.setattr(_regex, "_broken", False)


@pytest.mark.usefixtures("fresh")
@pytest.mark.parametrize(("pattern", "flags"), PATTERNS)
def test_a_pattern_compiled_or_built_from_its_program_is_re_compiles(
    pattern: str, flags: int
) -> None:
    compiled = _regex.compile(pattern, flags)
    assert compiled == re.compile(pattern, flags)  # pattern, flags and program
    assert (compiled.groups, compiled.groupindex) == (
        re.compile(pattern, flags).groups,
        re.compile(pattern, flags).groupindex,
    )
    key = (pattern, int(flags))
    assert key in _regex._used
    assert _regex._held is not None
    _regex._held[key] = _regex._used.pop(key)  # as if read from the file
    built = _regex.compile(pattern, flags)
    assert built == compiled
    assert built is not compiled


@pytest.mark.usefixtures("fresh")
def test_a_damaged_program_is_compiled_again() -> None:
    assert _regex._held is not None
    _regex._held[(r"\d+", 0)] = (32, [999, 1, 2], 0, {}, (None,))
    assert _regex.compile(r"\d+") == re.compile(r"\d+")
    assert _regex._used[(r"\d+", 0)] != (32, [999, 1, 2], 0, {}, (None,))


@pytest.mark.usefixtures("fresh")
def test_a_bad_pattern_is_the_error_re_compile_raises() -> None:
    with pytest.raises(re.error, match="missing \\)"):
        _regex.compile(r"(\d+")


@pytest.mark.usefixtures("fresh")
def test_without_the_expected_private_compiler_it_is_re_compile(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_regex.importlib, "import_module", _missing)
    assert _regex.compile(r"\d+ hộ") == re.compile(r"\d+ hộ")
    assert _regex._broken
    assert _regex._used == {}


def _missing(name: str) -> object:
    raise ImportError(name)


def test_a_file_of_another_interpreter_or_none_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "x.patterns"
    monkeypatch.setattr(_regex, "_path", lambda: str(path))
    assert _regex._file() == {}  # no file
    path.write_bytes(b"\x00 not marshal")
    assert _regex._file() == {}
    entry = (32, [1, 2, 3], 0, {}, (None,))
    path.write_bytes(marshal.dumps((("other", 1, 0, 0, 0), {("x", 0): entry})))
    assert _regex._file() == {}
    path.write_bytes(marshal.dumps((_regex._HEADER, {("x", 0): entry})))
    assert _regex._file() == {("x", 0): entry}


_RUN = """
import _sre, contextlib, io, json, re
from welfare_rules import _regex
from welfare_rules.cli import main
out = io.StringIO()
with contextlib.redirect_stdout(out):
    main(["audit", "--example", "--json"])
held = _regex._held or {}
same = all(_sre.compile(p, *entry) == re.compile(p, f) for (p, f), entry in held.items())
print(json.dumps({"held": len(held), "used": len(_regex._used), "same": same,
                  "output": out.getvalue()}))
"""


def test_a_second_run_builds_every_pattern_from_the_file_the_first_wrote(
    tmp_path: Path,
) -> None:
    """In fresh interpreters writing bytecode under a prefix of their own: the first run
    writes the programs of every pattern it compiled, the second reads them all (and the
    audit's output is the same); with PYTHONDONTWRITEBYTECODE nothing is written."""
    env = dict(os.environ, PYTHONPYCACHEPREFIX=str(tmp_path / "cache"), PYTHONHASHSEED="0")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    quiet = dict(env, PYTHONDONTWRITEBYTECODE="1", PYTHONPYCACHEPREFIX=str(tmp_path / "no"))

    def run(environment: dict[str, str]) -> dict[str, object]:
        done = subprocess.run(
            [sys.executable, "-c", _RUN], capture_output=True, text=True, env=environment
        )
        assert done.returncode == 0, done.stderr
        result: dict[str, object] = json.loads(done.stdout)
        return result

    first, second, third = run(quiet), run(env), run(env)
    assert not (tmp_path / "no").exists()
    assert (first["held"], second["held"]) == (0, 0)
    assert isinstance(second["used"], int)
    assert second["used"] > 50
    assert third["held"] == third["used"] == second["used"]
    assert third["same"] is True
    assert first["output"] == second["output"] == third["output"]
