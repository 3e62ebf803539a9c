"""Bounded reading of outside input: size, line length, nesting depth and digits.

Every reader of a file or text that comes from outside goes through here, so that no
input makes the library raise ``RecursionError``, run out of memory, or leak Python's
4.300-digit ``ValueError``; each limit gives a documented error instead
(:class:`~welfare_rules.errors.InputSizeError`,
:class:`~welfare_rules.errors.NestingDepthError`, both ``ValueError``). The limits and
their errors are listed in ``docs/limits.md``.

>>> load_json('{"nodes": [{"label": "Mức 600.000đ", "amount": 13200000}]}')
{'nodes': [{'label': 'Mức 600.000đ', 'amount': 13200000}]}
>>> load_json("[" * 100_000)
Traceback (most recent call last):
...
welfare_rules.errors.NestingDepthError: line 1: JSON nested 101 levels deep, more than ...

A lone surrogate (``"\\ud800"`` in JSON, or an unpaired surrogate in the text itself) is
replaced with U+FFFD REPLACEMENT CHARACTER, so whatever was loaded can always be
written back as UTF-8 or JSON:

>>> load_json('["a\\\\ud800b"]')
['a�b']
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ._i18n import Catalog, Text
from .errors import InputSizeError, NestingDepthError, SettingError

MAX_DEPTH = 100
"""The deepest nesting of lists and objects (tables) read from JSON or TOML.

A report tree nests two levels per level of nodes (``nodes`` → a node → ``children``
…), so 100 allows trees 49 nodes deep; Python's own JSON reader fails near 1.000."""

MAX_TREE_DEPTH = (MAX_DEPTH - 2) // 2
"""The deepest report tree, in levels of nodes (49), whose JSON nests within
:data:`MAX_DEPTH` (``nodes`` and each node's ``children`` are two levels each): a tree
no deeper can always be written and read back (``Report.from_json``)."""

MAX_DEPTH_CEILING = 500
"""The largest ``max_depth`` a caller may ask for (Python's parsers recurse)."""

MAX_INPUT_BYTES = 50 * 1024 * 1024
"""The largest file read by default (50 MiB); see :func:`max_input_bytes`."""

MAX_INPUT_ENV = "WELFARE_RULES_MAX_INPUT_BYTES"
"""The environment variable that overrides :data:`MAX_INPUT_BYTES` (``20M``, ``1G`` …)."""

MAX_LINE_CHARS = 100_000
"""The longest line of a report text (characters)."""

MAX_INT_DIGITS = 100
"""The most digits of one integer read from JSON or TOML (Python refuses past 4.300;
no figure, year or count needs more than 19)."""

_MSG = Catalog(
    "limits",
    {
        "size": Text(
            vi="cần số byte, có thể kèm K, M hoặc G (ví dụ 50M)",
            en="expected a number of bytes, optionally with K, M or G (e.g. 50M)",
        ),
        "number_in": Text(vi="một số trong {what}", en="a number in {what}"),
        "depth": Text(
            vi="giới hạn độ sâu phải từ 1 đến {ceiling}",
            en="the depth limit must be from 1 to {ceiling}",
        ),
    },
)


# -- sizes ------------------------------------------------------------------------------------

_SIZE = re.compile(r"\s*(\d{1,15})\s*([kmg]?)(?:i?b)?\s*", re.IGNORECASE)
_FACTORS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


def parse_size(text: str, *, name: str = MAX_INPUT_ENV) -> int:
    """A size in bytes from ``"52428800"``, ``"50M"``, ``"50 MiB"``, ``"1g"``.

    >>> parse_size("50M")
    52428800

    Raises :class:`~welfare_rules.errors.SettingError` naming ``name`` for anything else.
    """
    match = _SIZE.fullmatch(text)
    if match is None:
        raise SettingError(name, text, _MSG("size"))
    return int(match[1]) * _FACTORS[match[2].lower()]


def max_input_bytes() -> int:
    """The size limit in force: ``$WELFARE_RULES_MAX_INPUT_BYTES`` if set, else 50 MiB."""
    setting = os.environ.get(MAX_INPUT_ENV)
    if setting is None or not setting.strip():
        return MAX_INPUT_BYTES
    return parse_size(setting)


def check_size(data: str | bytes, *, what: str, limit: int | None = None) -> None:
    """:class:`InputSizeError` if ``data`` is longer than ``limit`` (bytes for ``bytes``,
    characters for ``str``; default :func:`max_input_bytes`)."""
    limit = max_input_bytes() if limit is None else limit
    if len(data) > limit:
        unit = "bytes" if isinstance(data, bytes) else "characters"
        raise InputSizeError(what=what, limit=limit, size=len(data), unit=unit)


def read_bytes(path: str | os.PathLike[str], *, limit: int | None = None) -> bytes:
    """The bytes of the file at ``path``, never reading more than ``limit`` + 1 of them.

    ``limit`` defaults to :func:`max_input_bytes`. A larger file (or an endless one such
    as ``/dev/zero``) raises :class:`InputSizeError` with the file's size when the system
    knows it. ``OSError`` (a missing file, a directory …) is left to the caller.
    """
    limit = max_input_bytes() if limit is None else limit
    with open(path, "rb") as handle:
        data = handle.read(limit + 1)
        if len(data) > limit:
            size: int | None = None
            try:
                stat = os.fstat(handle.fileno())
            except OSError:  # pragma: no cover - fstat of an open file does not fail
                stat = None
            if stat is not None and Path(path).is_file():
                size = stat.st_size
            raise InputSizeError(what=os.fspath(path), limit=limit, size=size)
    return data


def check_lines(text: str, *, what: str, limit: int = MAX_LINE_CHARS) -> None:
    """:class:`InputSizeError` (with the line number) if a line of ``text`` is longer than
    ``limit`` characters. Lines end at ``\\n``; the work is linear in ``text``."""
    if len(text) <= limit:
        return
    lengths = list(map(len, text.split("\n")))
    if max(lengths) <= limit:
        return
    number = next(i for i, length in enumerate(lengths, start=1) if length > limit)
    raise InputSizeError(
        what=what, limit=limit, size=lengths[number - 1], unit="characters", line=number
    )


# -- nesting ----------------------------------------------------------------------------------

# JSON: a string (escapes included, perhaps unterminated) or a bracket.
_JSON_TOKEN = re.compile(r'"[^"\\]*(?:\\[\s\S][^"\\]*)*"?|[\[\]{}]')
# TOML: what can hide a bracket or a dot (comments and the four kinds of strings), the
# brackets, the dots between key parts, and the words they join.
_TOML_TOKEN = re.compile(
    r"(?P<skip>#[^\n]*)"
    r'|(?P<string>"""[^"\\]*(?:(?:\\[\s\S]|"(?!""))[^"\\]*)*(?:""")?'
    r"|'''[^']*(?:'(?!'')[^']*)*(?:''')?"
    r'|"[^"\\\n]*(?:\\.[^"\\\n]*)*"?'
    r"|'[^'\n]*'?"
    r"|[A-Za-z0-9_-]+)"
    r"|(?P<dot>[ \t]*\.[ \t]*)"
    r"|(?P<open>[\[{])|(?P<close>[\]}])"
)
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _check_ceiling(max_depth: int) -> None:
    if not 1 <= max_depth <= MAX_DEPTH_CEILING:
        raise SettingError("max_depth", max_depth, _MSG("depth", ceiling=MAX_DEPTH_CEILING))


def _line_at(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1


def json_depth_exceeds(text: str, max_depth: int) -> tuple[int, int] | None:
    """``(depth, position)`` where ``text``'s JSON nesting first passes ``max_depth``,
    else ``None``. Strings are skipped; linear in ``text``."""
    if text.count("[") + text.count("{") <= max_depth:
        return None  # cannot nest deeper than it has brackets
    depth = 0
    for match in _JSON_TOKEN.finditer(text):
        char = text[match.start()]
        if char in "[{":
            depth += 1
            if depth > max_depth:
                return depth, match.start()
        elif char in "]}":
            depth = max(depth - 1, 0)
    return None


def toml_depth_exceeds(text: str, max_depth: int) -> tuple[int, int] | None:
    """``(depth, position)`` where ``text``'s TOML nesting first passes ``max_depth``:
    brackets (arrays, inline tables) and dotted keys (``a.b.c``, each part a level);
    else ``None``. Comments and strings are skipped; linear in ``text``."""
    brackets = text.count("[") + text.count("{")
    if brackets + text.count(".") <= max_depth:
        return None
    depth = chain = 0
    last = ""  # the previous token's group
    last_end = -1
    for match in _TOML_TOKEN.finditer(text):
        kind = match.lastgroup or ""
        start = match.start()
        adjacent = start == last_end
        if kind == "open":
            depth += 1
            if depth > max_depth:
                return depth, start
        elif kind == "close":
            depth = max(depth - 1, 0)
        elif kind == "dot":
            chain = chain + 1 if adjacent and last == "string" else 0
            if depth + chain > max_depth:
                return depth + chain, start
        elif kind == "string" and not (adjacent and last == "dot"):
            chain = 0
        last, last_end = kind, match.end()
    return None


def data_depth_exceeds(data: object, max_depth: int) -> int | None:
    """The first depth past ``max_depth`` of nested lists, tuples and dicts in ``data``
    (``data`` itself at depth 1 when it is one), else ``None``. Iterative: never
    recurses, whatever the depth."""
    stack: list[tuple[object, int]] = [(data, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list | tuple):
            children = item
        else:
            continue
        if depth > max_depth:
            return depth
        stack.extend((child, depth + 1) for child in children)
    return None


def check_depth(data: object, *, what: str | Text, max_depth: int = MAX_DEPTH) -> None:
    """:class:`NestingDepthError` if ``data`` (parsed JSON or TOML, or any plain data
    handed to a ``from_dict``) nests deeper than ``max_depth``."""
    depth = data_depth_exceeds(data, max_depth)
    if depth is not None:
        raise NestingDepthError(what=what, limit=max_depth, depth=depth)


def check_data(data: Any, *, what: str | Text, max_depth: int = MAX_DEPTH) -> Any:
    """``data`` (plain data handed to a ``from_dict``) within the limits: a
    :class:`NestingDepthError` if it nests deeper than ``max_depth``, else ``data`` with
    every lone surrogate in its strings (keys too) replaced with U+FFFD, so whatever is
    built from it can be written as UTF-8 or JSON. ``data`` itself is returned, not a
    copy, when it holds no lone surrogate. One iterative walk; never recurses past the
    depth already checked.

    >>> check_data({"title": "a" + chr(0xD800)}, what="report")
    {'title': 'a�'}
    """
    _check_ceiling(max_depth)
    if isinstance(data, str):
        return scrub_surrogates(data)
    if not isinstance(data, dict | list | tuple):
        return data
    stack: list[tuple[object, int]] = [(data, 1)]
    texts: list[str] = []
    push, keep = stack.append, texts.append
    while stack:
        item, depth = stack.pop()
        if depth > max_depth:
            raise NestingDepthError(what=what, limit=max_depth, depth=depth)
        if isinstance(item, dict):
            texts.extend(key for key in item if isinstance(key, str))
            children: Any = item.values()
        else:
            children = item
        for child in children:
            if type(child) is str:
                keep(child)
            elif isinstance(child, dict | list | tuple):
                push((child, depth + 1))
            elif isinstance(child, str):
                keep(child)
    # one search over all the text (a lone surrogate cannot pair across the joins)
    if _SURROGATE.search("\n".join(texts)) is None:
        return data
    return _scrub(data)


def _big_int(what: str | Text, max_digits: int) -> Callable[[str], int]:
    def parse(digits: str) -> int:
        if len(digits.lstrip("-+")) > max_digits:
            raise InputSizeError(
                what=_MSG("number_in", what=what),
                limit=max_digits,
                size=len(digits.lstrip("-+")),
                unit="digits",
            )
        return int(digits)

    return parse


def has_surrogates(text: str) -> bool:
    """Whether JSON ``text`` holds a lone surrogate, as itself or as a ``\\udXXX``
    escape (a real pair written as two escapes counts too: it needs the careful reader)."""
    return _SURROGATE.search(text) is not None or _SURROGATE_ESCAPE.search(text) is not None


def scrub_surrogates(text: str) -> str:
    """``text`` with every lone surrogate replaced with U+FFFD (``text`` itself if none)."""
    if _SURROGATE.search(text) is None:
        return text
    return _SURROGATE.sub("\ufffd", text)


def _scrub(data: Any) -> Any:
    """Every string in ``data`` (keys too) with its lone surrogates replaced; ``data``
    nests at most :data:`MAX_DEPTH_CEILING` deep here, so the recursion is bounded."""
    if isinstance(data, str):
        return scrub_surrogates(data)
    if isinstance(data, list | tuple):
        return type(data)(_scrub(item) for item in data) if data else data
    if isinstance(data, dict):
        return {
            scrub_surrogates(key) if isinstance(key, str) else key: _scrub(value)
            for key, value in data.items()
        }
    return data


def load_json(
    text: str | bytes,
    *,
    what: str | Text = "JSON",
    max_depth: int = MAX_DEPTH,
    max_digits: int = MAX_INT_DIGITS,
) -> Any:
    """Parsed JSON, within the limits.

    Raises :class:`~welfare_rules.errors.NestingDepthError` for lists and objects nested
    deeper than ``max_depth`` (with the line; never ``RecursionError``),
    :class:`~welfare_rules.errors.InputSizeError` for an integer of more than
    ``max_digits`` digits (never Python's 4.300-digit ``ValueError``), and leaves
    ``json.JSONDecodeError`` for bad syntax and ``UnicodeDecodeError`` for bytes that are
    not UTF-8/16/32 (all are ``ValueError``). Lone surrogates become U+FFFD.
    ``what`` names the input in messages (a file name, say).
    """
    _check_ceiling(max_depth)
    if isinstance(text, bytes | bytearray):
        text = bytes(text).decode(json.detect_encoding(text), "surrogatepass")
    text = scrub_surrogates(text)
    found = json_depth_exceeds(text, max_depth)
    if found is not None:
        depth, position = found
        raise NestingDepthError(
            what=what, limit=max_depth, depth=depth, line=_line_at(text, position)
        )
    try:
        data = json.loads(text, parse_int=_big_int(what, max_digits))
    except RecursionError as exc:  # pragma: no cover - the scan above comes first
        raise NestingDepthError(what=what, limit=max_depth) from exc
    if _SURROGATE_ESCAPE.search(text):
        data = _scrub(data)
    return data


def load_toml(
    text: str,
    *,
    what: str | Text = "TOML",
    max_depth: int = MAX_DEPTH,
    max_digits: int = MAX_INT_DIGITS,
) -> dict[str, Any]:
    """Parsed TOML, within the limits.

    As :func:`load_json`: :class:`~welfare_rules.errors.NestingDepthError` past
    ``max_depth`` (arrays, inline tables and dotted keys all count; Python's ``tomllib``
    would recurse, or take quadratic time on a key of 100.000 parts),
    :class:`~welfare_rules.errors.InputSizeError` for an integer of more than
    ``max_digits`` digits, and ``tomllib.TOMLDecodeError`` (a ``ValueError``) for bad
    syntax. Lone surrogates in ``text`` become U+FFFD (TOML has no escape for one).
    """
    _check_ceiling(max_depth)
    text = scrub_surrogates(text)
    found = toml_depth_exceeds(text, max_depth)
    if found is not None:
        depth, position = found
        raise NestingDepthError(
            what=what, limit=max_depth, depth=depth, line=_line_at(text, position)
        )
    try:
        data = tomllib.loads(text)
    except RecursionError as exc:  # pragma: no cover - the scan above comes first
        raise NestingDepthError(what=what, limit=max_depth) from exc
    except tomllib.TOMLDecodeError:
        raise
    except ValueError as exc:  # int() past Python's 4.300 digits
        raise InputSizeError(
            what=_MSG("number_in", what=what), limit=max_digits, unit="digits"
        ) from exc
    check_depth(data, what=what, max_depth=max_depth)
    _check_digits(data, what=what, max_digits=max_digits)
    return data


def _check_digits(data: object, *, what: str | Text, max_digits: int) -> None:
    bound = 10**max_digits
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, int) and not -bound < item < bound:
            raise InputSizeError(what=_MSG("number_in", what=what), limit=max_digits, unit="digits")


__all__ = [
    "MAX_DEPTH",
    "MAX_DEPTH_CEILING",
    "MAX_INPUT_BYTES",
    "MAX_INPUT_ENV",
    "MAX_INT_DIGITS",
    "MAX_LINE_CHARS",
    "MAX_TREE_DEPTH",
    "check_data",
    "check_depth",
    "check_lines",
    "check_size",
    "data_depth_exceeds",
    "has_surrogates",
    "json_depth_exceeds",
    "load_json",
    "load_toml",
    "max_input_bytes",
    "parse_size",
    "read_bytes",
    "scrub_surrogates",
    "toml_depth_exceeds",
]
