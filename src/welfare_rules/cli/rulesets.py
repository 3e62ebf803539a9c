"""``welfare-rules rulesets list|show``: read the bundled (or any) rulesets as tables.

Arguments only: the text is :mod:`welfare_rules.views.ruleset_text`, the JSON
:mod:`welfare_rules.views.json`.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from .._i18n import Catalog, Text
from ._common import EXIT_OK, add_output_options, lang_of, parse_on, print_json

if TYPE_CHECKING:
    from ..views.ruleset_text import ruleset_text as render_ruleset

_MSG = Catalog(
    "cli.rulesets",
    {
        "help": Text("xem các bộ quy định quà tặng", "read the gift rulesets"),
        "list_help": Text("liệt kê các bộ quy định có sẵn", "list the bundled rulesets"),
        "show_help": Text("hiện một bộ quy định", "show one ruleset"),
    },
)


def register(subparsers: Any) -> None:
    """Add ``rulesets list`` and ``rulesets show``."""
    parser = subparsers.add_parser("rulesets", help=_MSG("help").en, description=_MSG("help").en)
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help=_MSG("list_help").en)
    add_output_options(listing)
    listing.set_defaults(handler=_list)
    show = actions.add_parser("show", help=_MSG("show_help").en)
    show.add_argument("ruleset", metavar="ID", help="bundled id or path to a .toml file")
    show.add_argument("--on", metavar="DATE", help="only what is in force on DATE (YYYY-MM-DD)")
    show.add_argument(
        "--all-versions",
        action="store_true",
        help="every dated version, not only those in force during the ruleset's period",
    )
    add_output_options(show)
    show.set_defaults(handler=_show)


def _list(args: argparse.Namespace) -> int:
    from ..rules.load import list_rulesets, load_ruleset
    from ..views.json import ruleset_list
    from ..views.ruleset_text import ruleset_list_text

    lang = lang_of(args)
    rulesets = [load_ruleset(i) for i in list_rulesets()]
    if args.json:
        print_json(ruleset_list(rulesets, lang=lang))
        return EXIT_OK
    print("\n".join(ruleset_list_text(rulesets, lang=lang)))
    return EXIT_OK


def _show(args: argparse.Namespace) -> int:
    from ..rules.load import load_ruleset
    from ..views.json import ruleset_document
    from ..views.ruleset_text import ruleset_text as render_ruleset

    lang = lang_of(args)
    on = parse_on(args.on) if args.on else None
    ruleset = load_ruleset(args.ruleset)
    if args.json:
        print_json(ruleset_document(ruleset, on=on))
        return EXIT_OK
    lines = render_ruleset(ruleset, lang=lang, on=on, all_versions=args.all_versions)
    print("\n".join(lines))
    return EXIT_OK


def __getattr__(name: str) -> Any:
    """``render_ruleset``, the readable view of a ruleset kept under its former name here,
    loaded on first use (the other commands' runs need no view of a ruleset)."""
    if name == "render_ruleset":
        from ..views.ruleset_text import ruleset_text

        return ruleset_text
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["register", "render_ruleset"]
