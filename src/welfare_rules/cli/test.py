"""``welfare-rules test [FILE...]``: run rule case files (every bundled one without FILE).

Arguments only: the cases are read and run by :mod:`welfare_rules.entitle.cases`. Exit 0
when every case passes, 1 when one fails (its diff, expected against actual, is printed),
2 for a file that cannot be read.
"""

from __future__ import annotations

import argparse
from typing import Any

from .._i18n import Catalog, Text
from ._common import EXIT_FOUND, EXIT_OK, add_output_options, lang_of, print_json

_MSG = Catalog(
    "cli.test",
    {
        "help": Text("chạy các tệp ca kiểm thử quy định (TOML)", "run rule test case files (TOML)"),
        "files": Text(
            "tệp ca kiểm thử; bỏ trống: mọi tệp có sẵn",
            "case files; none: every bundled one",
        ),
        "verbose": Text("hiện cả các ca đạt", "show the cases that pass too"),
    },
)


def register(subparsers: Any) -> None:
    """Add ``test``."""
    parser = subparsers.add_parser("test", help=_MSG("help").en, description=_MSG("help").en)
    parser.add_argument("files", metavar="FILE", nargs="*", help=_MSG("files").en)
    parser.add_argument("-v", "--verbose", action="store_true", help=_MSG("verbose").en)
    add_output_options(parser)
    parser.set_defaults(handler=_test)


def _test(args: argparse.Namespace) -> int:
    from ..entitle.cases import bundled_case_files, load_cases, run_cases, summary

    lang = lang_of(args)
    files = args.files or [str(path) for path in bundled_case_files()]
    outcomes = [outcome for name in files for outcome in run_cases(load_cases(name))]
    failed = [outcome for outcome in outcomes if not outcome.passed]
    if args.json:
        print_json(
            {
                "passed": len(outcomes) - len(failed),
                "failed": len(failed),
                "cases": [
                    {
                        "file": o.case.file,
                        "index": o.case.index,
                        "name": o.case.name,
                        "on": o.case.on.isoformat(),
                        "passed": o.passed,
                        "diff": list(o.diff),
                    }
                    for o in outcomes
                ],
            }
        )
    else:
        for outcome in outcomes if args.verbose else failed:
            print("\n".join(outcome.describe(lang)))
        print(summary(outcomes, lang=lang))
    return EXIT_FOUND if failed else EXIT_OK
