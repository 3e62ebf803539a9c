"""``welfare-rules explain PERSON.json --ruleset ID --on DATE``: why a person gets each gift.

Arguments and reading only: the tree is :func:`welfare_rules.entitle.explain.explain`
(programme → version in force → rule matched → inputs used → level → citation), printed
as indented text or, with ``--json``, as its ``to_dict``.
"""

from __future__ import annotations

import argparse
from typing import Any

from .._i18n import Catalog, Text
from .._limits import read_bytes
from ._common import EXIT_OK, UsageError, add_output_options, lang_of, parse_on, print_json

_MSG = Catalog(
    "cli.explain",
    {
        "help": Text(
            "giải thích vì sao một người (hoặc danh sách) được nhận từng quà",
            "explain why one person (or a list) receives each gift",
        ),
        "read": Text("không đọc được tệp {path}: {detail}", "cannot read {path}: {detail}"),
    },
)


def register(subparsers: Any) -> None:
    """Add ``explain``."""
    parser = subparsers.add_parser("explain", help=_MSG("help").en, description=_MSG("help").en)
    parser.add_argument("person", metavar="PERSON.json", help="one person (object) or a list")
    parser.add_argument("--ruleset", required=True, metavar="ID", help="bundled id or .toml path")
    parser.add_argument("--on", required=True, metavar="DATE", help="the date (YYYY-MM-DD)")
    add_output_options(parser)
    parser.set_defaults(handler=_explain)


def _explain(args: argparse.Namespace) -> int:
    from ..entitle.explain import explain
    from ..entitle.person import people_from_json
    from ..rules.load import load_ruleset

    lang = lang_of(args)
    on = parse_on(args.on)
    ruleset = load_ruleset(args.ruleset)
    try:
        raw = read_bytes(args.person)
    except OSError as exc:
        raise UsageError(_MSG("read", path=args.person, detail=exc)) from None
    people = people_from_json(raw)
    trees = [explain(person, ruleset, on=on) for person in people]
    if args.json:
        print_json([tree.to_dict(lang=lang) for tree in trees])
        return EXIT_OK
    print("\n\n".join(tree.text(lang) for tree in trees))
    return EXIT_OK
