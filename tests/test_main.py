"""Tests for welfare_rules/__main__.py: ``python -m welfare_rules``."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest

from welfare_rules.__main__ import run


class _Full(io.StringIO):
    def write(self, text: str) -> int:
        raise OSError(28, "No space left on device")


class _Closed(io.StringIO):
    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


@pytest.mark.parametrize(
    ("stdout", "lang", "said"),
    [
        (_Full(), "en", "welfare-rules: cannot write the output: No space left on device\n"),
        (_Full(), "vi", "welfare-rules: không ghi được đầu ra: No space left on device\n"),
    ],
)
def test_output_that_cannot_be_written_is_one_line(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    stdout: io.StringIO,
    lang: str,
    said: str,
) -> None:
    monkeypatch.setattr("welfare_rules.__main__._quiet_stdout", lambda: None)
    with capsys.disabled():
        err = io.StringIO()
        monkeypatch.setattr(sys, "stdout", stdout)
        monkeypatch.setattr(sys, "stderr", err)
        status = run(["rulesets", "list", "--lang", lang])
    assert status == 2
    assert err.getvalue() == said


def test_a_closed_pipe_is_at_most_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("welfare_rules.__main__._quiet_stdout", lambda: None)
    err = io.StringIO()
    monkeypatch.setattr(sys, "stdout", _Closed())
    monkeypatch.setattr(sys, "stderr", err)
    status = run(["rulesets", "list", "--lang", "en"])
    assert status in (0, 2)  # the command line may end quietly, as `head` expects
    assert err.getvalue() in (
        "",
        "welfare-rules: the output was closed before the end (broken pipe)\n",
    )


def test_the_module_runs_the_command_line() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "welfare_rules", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert done.stdout.startswith("welfare-rules ")


def test_the_command_skips_pydantic_plugins_unless_asked(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import os

    monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", "")  # restored as it was afterwards
    monkeypatch.delenv("PYDANTIC_DISABLE_PLUGINS")
    assert run(["rulesets", "list"]) == 0
    assert os.environ["PYDANTIC_DISABLE_PLUGINS"] == "__all__"
    monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", "some-plugin")
    assert run(["rulesets", "list"]) == 0
    assert os.environ["PYDANTIC_DISABLE_PLUGINS"] == "some-plugin"
    assert capsys.readouterr().out


def test_a_run_in_process_leaves_the_collector_as_it_was(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Only the process's own command line (no ``argv``) keeps the collector paused and
    freezes what is left: a caller's run leaves its process as it was."""
    import gc

    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    assert run(["rulesets", "list"]) == 0
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen
    assert capsys.readouterr().out


def test_the_process_own_run_audits_as_a_library_run_does() -> None:
    """``python -m welfare_rules`` (collector paused to the exit, the rest frozen) gives
    the output and exit status of an in-process run of the same command."""
    command = ["audit", "--example", "--format", "json"]
    done = subprocess.run(
        [sys.executable, "-m", "welfare_rules", *command],
        capture_output=True,
        text=True,
        check=False,
    )
    out = io.StringIO()
    saved, sys.stdout = sys.stdout, out
    try:
        status = run(command)
    finally:
        sys.stdout = saved
    assert (done.returncode, done.stdout) == (status, out.getvalue())
