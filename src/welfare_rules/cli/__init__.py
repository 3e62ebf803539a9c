"""The ``welfare-rules`` command: one sub-command per module of this package.

Each sub-command module exposes ``register(subparsers)``, which adds its parser and sets
``handler`` (a function taking the parsed namespace and returning the exit status).
Exit status: 0 success, 1 the job found errors (e.g. audit findings), 2 usage or input
error, reported as one clear line in the chosen language, never as a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from .._version import __version__
from ..errors import WelfareRulesError
from ._common import EXIT_USAGE, UsageError, lang_of

# Sub-command modules, in the order ``--help`` lists them.
_COMMAND_MODULES: tuple[str, ...] = ("audit", "rulesets", "entitlements", "test", "explain")


def build_parser() -> argparse.ArgumentParser:
    """The top-level parser with every sub-command registered."""
    parser = argparse.ArgumentParser(
        prog="welfare-rules",
        description="Vietnamese welfare gift rules as code, and an auditor for gift reports.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in _COMMAND_MODULES:
        importlib.import_module(f"{__name__}.{name}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = build_parser().parse_args(argv)
    try:
        status: int = args.handler(args)
    except (WelfareRulesError, UsageError) as exc:
        print(f"welfare-rules: {exc.localized(lang_of(args))}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # e.g. piped into `head`
        return 0
    return status


__all__ = ["build_parser", "main"]
