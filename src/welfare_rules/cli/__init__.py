"""The ``welfare-rules`` command: one sub-command per module of this package.

Each sub-command module exposes ``register(subparsers)``, which adds its parser and sets
``handler`` (a function taking the parsed namespace and returning the exit status).
Exit status: 0 success, 1 the job found errors (e.g. audit findings), 2 usage or input
error, reported as one clear line in the chosen language, never as a traceback; 3 (audit)
no error but not everything checked; 70 an internal error (one line; ``--debug`` shows
the traceback).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from .._gc import paused_collection
from .._i18n import Catalog, Text
from .._version import __version__
from ..errors import WelfareRulesError, quote
from ._common import EXIT_USAGE, UsageError, lang_of

EXIT_SOFTWARE = 70  # sysexits.h EX_SOFTWARE: an internal error, not a finding

_MSG = Catalog(
    "cli",
    {
        "internal": Text(
            vi="lỗi nội bộ ({kind}: {detail}); hãy báo lỗi này "
            "(chạy lại với --debug để xem chi tiết)",
            en="internal error ({kind}: {detail}); please report it "
            "(run again with --debug for details)",
        ),
    },
)

# Sub-command modules, in the order ``--help`` lists them.
_COMMAND_MODULES: tuple[str, ...] = ("audit", "rulesets", "entitlements", "test", "explain")
# The module registering each sub-command (a test checks it against the registrations).
_MODULE_OF: dict[str, str] = {
    "audit": "audit",
    "rulesets": "rulesets",
    "entitlements": "entitlements",
    "budget": "entitlements",
    "test": "test",
    "explain": "explain",
}


def build_parser() -> argparse.ArgumentParser:
    """The top-level parser with every sub-command registered."""
    return _parser(_COMMAND_MODULES)


def _commands_for(argv: Sequence[str]) -> tuple[str, ...]:
    """The sub-command modules a run of ``argv`` needs registered: the one of the command
    it names, or all (for ``--help``, ``--version``, a mistyped command: the full parser
    says what exists).

    The top-level options take no value, so the first word not starting with ``-`` is the
    command. Registering a sub-command imports its module; the audit alone pays ~12 ms
    less without the other four.
    """
    command = next((word for word in argv if not word.startswith("-")), None)
    module = _MODULE_OF.get(command or "")
    return _COMMAND_MODULES if module is None else (module,)


def _parser(commands: Sequence[str]) -> argparse.ArgumentParser:
    """The top-level parser with the sub-commands of the modules ``commands``."""
    parser = argparse.ArgumentParser(
        prog="welfare-rules",
        description="Vietnamese welfare gift rules as code, and an auditor for gift reports.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--debug", action="store_true", help="print the traceback of an internal error"
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in commands:
        importlib.import_module(f"{__name__}.{name}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (70 for an internal error: one line,
    the traceback only with ``--debug``)."""
    with paused_collection():  # see _run
        return _run(sys.argv[1:] if argv is None else argv)


def _run(words: Sequence[str]) -> int:
    """:func:`main`, with the cyclic garbage collector paused: a run of the command builds
    objects that live until it ends (the modules it imports above all: the collector went
    over them again and again, ~3 % of an audit's instructions). Where a run goes on over
    many files, the sub-command collects again (:func:`welfare_rules.cli.audit.audit_many`).
    """
    args = _parser(_commands_for(words)).parse_args(words)
    try:
        status: int = args.handler(args)
    except (WelfareRulesError, UsageError) as exc:
        print(f"welfare-rules: {exc.localized(lang_of(args))}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # e.g. piped into `head`
        return 0
    except OSError:  # the output cannot be written (a full disk): python -m says so
        raise
    except Exception as exc:  # a defect of ours: say so in one line, never a bare trace
        if getattr(args, "debug", False):
            import traceback  # only here: the module costs every run its import

            traceback.print_exc()
        text = _MSG("internal", kind=type(exc).__name__, detail=quote(str(exc)))
        print(f"welfare-rules: {text.get(lang_of(args))}", file=sys.stderr)
        return EXIT_SOFTWARE
    return status


__all__ = ["build_parser", "main"]
