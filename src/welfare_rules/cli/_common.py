"""Options and helpers shared by the sub-commands."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import Any

from .._i18n import Catalog, Lang, Text
from ..errors import DateParseError, InputSizeError

_MSG = Catalog(
    "cli.common",
    {
        "bad_date": Text(
            "ngày không hợp lệ: {value!r} (dùng YYYY-MM-DD)", "bad date {value!r} (use YYYY-MM-DD)"
        ),
        "stdin": Text(vi="đầu vào chuẩn", en="standard input"),
    },
)

EXIT_OK = 0
EXIT_FOUND = 1
EXIT_USAGE = 2


class UsageError(Exception):
    """A usage or input problem a sub-command reports as one line (exit status 2)."""

    def __init__(self, text: Text) -> None:
        super().__init__(text.en)
        self.text = text

    def localized(self, lang: Lang) -> str:
        """The message in ``lang``."""
        return self.text.get(lang)


def add_output_options(parser: argparse.ArgumentParser) -> None:
    """``--lang vi|en`` and ``--json``, shared by every sub-command."""
    parser.add_argument(
        "--lang",
        choices=("vi", "en"),
        default="vi",
        help="language of the output (default: vi)",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")


def lang_of(args: argparse.Namespace) -> Lang:
    """The language the user asked for (Vietnamese by default)."""
    lang: Lang = getattr(args, "lang", "vi")
    return lang


def print_json(data: Any) -> None:
    """Print ``data`` as indented UTF-8 JSON (Vietnamese letters kept as they are)."""
    import json

    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def parse_on(text: str) -> dt.date:
    """The date of an ``--on DATE`` option (ISO, ``YYYY-MM-DD``, read by
    :func:`welfare_rules.dates.as_date`); a :class:`UsageError` otherwise."""
    from ..dates import as_date

    try:
        return as_date(text, iso_only=True)
    except DateParseError:
        raise UsageError(_MSG("bad_date", value=text)) from None


def read_stdin(*, limit: int | None = None) -> bytes:
    """The bytes of standard input, never reading more than ``limit`` + 1 of them.

    ``limit`` defaults to the input-size limit files have
    (:func:`welfare_rules._limits.max_input_bytes`: 50 MiB, or
    ``$WELFARE_RULES_MAX_INPUT_BYTES``); past it an
    :class:`~welfare_rules.errors.InputSizeError` (exit status 2), so an endless pipe
    costs no more memory than a file at the limit.
    """
    from .._limits import max_input_bytes  # here: the module loads pydantic-core

    limit = max_input_bytes() if limit is None else limit
    data = sys.stdin.buffer.read(limit + 1)
    if len(data) > limit:
        raise InputSizeError(what=_MSG("stdin"), limit=limit)
    return data
