"""Tests of welfare_rules.cli (the package): the parser registers the sub-command a run
names, and every sub-command when it names none."""

from __future__ import annotations

import argparse
import importlib
import subprocess
import sys

import pytest

from welfare_rules import cli


def _choices(parser: argparse.ArgumentParser) -> set[str]:
    (action,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return set(action.choices)


def test_each_command_is_registered_by_the_module_the_table_names() -> None:
    for module in cli._COMMAND_MODULES:
        parser = argparse.ArgumentParser()
        subparsers = parser.add_subparsers()
        importlib.import_module(f"welfare_rules.cli.{module}").register(subparsers)
        assert {c for c, m in cli._MODULE_OF.items() if m == module} == _choices(parser)
    assert _choices(cli.build_parser()) == set(cli._MODULE_OF)


@pytest.mark.parametrize(
    ("argv", "modules"),
    [
        (["audit", "report.txt"], ("audit",)),
        (["--debug", "budget", "--json", "people.csv"], ("entitlements",)),
        (["--", "test"], ("test",)),
        (["--help"], cli._COMMAND_MODULES),
        (["--version"], cli._COMMAND_MODULES),
        (["audti", "report.txt"], cli._COMMAND_MODULES),
        ([], cli._COMMAND_MODULES),
    ],
)
def test_a_run_registers_the_command_it_names_or_all(
    argv: list[str], modules: tuple[str, ...]
) -> None:
    assert cli._commands_for(argv) == modules


def test_a_mistyped_command_is_still_refused_by_the_full_parser(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli.main(["audti", "report.txt"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'audti'" in err
    assert "'audit'" in err
    assert "'budget'" in err


def test_an_audit_run_loads_no_other_command() -> None:
    """Counted, not timed (benchmarks/cli_speed.py times the command)."""
    code = (
        "import sys, contextlib, io; from welfare_rules.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()): main(['audit', '--example', '--json'])\n"
        "print(sorted(m for m in sys.modules if m.startswith('welfare_rules.cli.')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['welfare_rules.cli._common', 'welfare_rules.cli.audit']"


def test_a_run_pauses_the_collector_and_restores_it(capsys: pytest.CaptureFixture[str]) -> None:
    import gc

    seen: list[bool] = []
    real = cli._parser

    def spy(commands: tuple[str, ...]) -> argparse.ArgumentParser:
        seen.append(gc.isenabled())
        return real(commands)

    assert gc.isenabled()
    try:
        cli._parser = spy  # type: ignore[assignment]
        assert cli.main(["audit", "--example", "--json"]) == 1
    finally:
        cli._parser = real  # type: ignore[assignment]
    assert seen == [False]
    assert gc.isenabled()
    capsys.readouterr()
