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

import codecs
import json
import os
import re
from collections.abc import Callable, Iterator
from itertools import chain, compress
from pathlib import Path
from typing import Any

from . import _regex
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

_SIZE = _regex.compile(r"\s*(\d{1,15})\s*([kmg]?)(?:i?b)?\s*", re.IGNORECASE)
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
_JSON_TOKEN = _regex.compile(r'"[^"\\]*(?:\\[\s\S][^"\\]*)*"?|[\[\]{}]')
# TOML: what can hide a bracket or a dot (comments and the four kinds of strings), the
# brackets, the dots between key parts, and the words they join.
_TOML_TOKEN = _regex.compile(
    r"(?P<skip>#[^\n]*)"
    r'|(?P<string>"""[^"\\]*(?:(?:\\[\s\S]|"(?!""))[^"\\]*)*(?:""")?'
    r"|'''[^']*(?:'(?!'')[^']*)*(?:''')?"
    r'|"[^"\\\n]*(?:\\.[^"\\\n]*)*"?'
    r"|'[^'\n]*'?"
    r"|[A-Za-z0-9_-]+)"
    r"|(?P<dot>[ \t]*\.[ \t]*)"
    r"|(?P<open>[\[{])|(?P<close>[\]}])"
)
_SURROGATE = _regex.compile(r"[\ud800-\udfff]")
_SURROGATE_ESCAPE = _regex.compile(r"\\u[dD][89a-fA-F]")


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


def _nests_deeper(data: object, max_depth: int) -> bool:
    """Whether parsed JSON ``data`` (dicts, lists and scalars) nests deeper than
    ``max_depth``: one level at a time, at C speed (a million-node report in 0,5 s, where
    scanning its text token by token takes 7 s)."""
    level: list[Any] = [data]
    for _ in range(max_depth):
        containers = list(compress(level, map(_CONTAINERS.__contains__, map(type, level))))
        if not containers:
            return False
        dicts = list(compress(containers, map(dict.__instancecheck__, containers)))
        level = list(chain.from_iterable(map(dict.values, dicts)))
        if len(dicts) < len(containers):
            level += chain.from_iterable(
                compress(containers, map(list.__instancecheck__, containers))
            )
    return any(map(_CONTAINERS.__contains__, map(type, level)))


_CONTAINERS = frozenset({dict, list})
_DICT, _LIST = frozenset({dict}), frozenset({list})


def _too_deep(text: str, what: str | Text, max_depth: int) -> NestingDepthError | None:
    """The error for ``text`` nesting deeper than ``max_depth``, with its line, if it does."""
    found = json_depth_exceeds(text, max_depth)
    if found is None:
        return None
    depth, position = found
    return NestingDepthError(what=what, limit=max_depth, depth=depth, line=_line_at(text, position))


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

    The text is parsed first and scanned only where a limit may be passed (issue 15: the
    scans took 12 of the 15 s a 81 MB report took): the nesting is measured on the
    parsed data (the text scanned for the line only when it is too deep, or when the
    parse fails: a too-deep text is a depth error whatever else is wrong with it, as
    before), and the digits of each integer are counted only when the text has a run of
    more than ``max_digits`` digits.
    """
    _check_ceiling(max_depth)
    if isinstance(text, bytes | bytearray):
        text = bytes(text).decode(json.detect_encoding(text), "surrogatepass")
    text = scrub_surrogates(text)
    long_run = _long_digit_run(text.encode("utf-8", "surrogatepass"), max_digits)
    try:
        if long_run:
            data = json.loads(text, parse_int=_big_int(what, max_digits))
        else:
            data = json.loads(text)
    except (RecursionError, ValueError) as exc:
        deep = _too_deep(text, what, max_depth)
        if deep is not None:
            raise deep from exc
        if isinstance(exc, RecursionError):  # pragma: no cover - deep text is found above
            raise NestingDepthError(what=what, limit=max_depth) from exc
        raise
    brackets = text.count("[") + text.count("{")
    if brackets > max_depth and _nests_deeper(data, max_depth):
        deep = _too_deep(text, what, max_depth)
        raise deep if deep is not None else NestingDepthError(what=what, limit=max_depth)
    if _SURROGATE_ESCAPE.search(text):
        data = _scrub(data)
    return data


# -- a long JSON array read in pieces -----------------------------------------------------

PIECE_BYTES = 8 * 1024 * 1024
"""About how much of a long array :func:`json_array_pieces` parses at once (8 MiB)."""

# the end of an object inside or at the end of an array: where a piece may end
_CLOSE = re.compile(rb"\}\s*([,\]])")
_END = re.compile(rb"\}\s*(\])")  # the end of the last object of an array
_SURROGATE_ESCAPE_BYTES = re.compile(rb"\\u[dD][89a-fA-F]")
_DIGITS_AS_ZEROS = bytes(48 if 48 <= byte <= 57 else 32 for byte in range(256))
_SENTINELS = (b"7301952846173", b"4823917065391", b"9182736450527", b"6054839172846")


def _balance(data: bytes, start: int, end: int) -> int:
    """Braces opened minus braces closed in ``data[start:end]``: where it is back to 0
    after an object, in well-formed JSON, every bracket inside it is closed too. Strings
    are not skipped: a guess, proved or refuted by parsing."""
    return data.count(b"{", start, end) - data.count(b"}", start, end)


def _long_digit_run(data: bytes, max_digits: int) -> bool:
    """Whether ``data`` has a run of more than ``max_digits`` digits (in a string or not):
    every digit made ``0``, anything else a space, then one search, at C speed (a regex
    ``\\d{101}`` tries every position: ten times as slow)."""
    return data.translate(_DIGITS_AS_ZEROS).find(b"0" * (max_digits + 1)) >= 0


def _cuts(data: bytes, start: int, piece_bytes: int) -> tuple[list[int], int] | None:
    """Where the array whose elements begin at ``start`` might be cut into pieces of whole
    objects (the commas), and its closing ``]``: found by counting braces at C speed,
    jumping ``piece_bytes`` at a time; ``None`` if no end is found. Unproved (a brace in
    a string misleads the count): :func:`json_array_pieces` parses every piece."""
    cuts: list[int] = []
    piece = position = start  # balance: braces of data[piece:position]
    balance = 0
    ending = False  # within piece_bytes of the array's end: only the end is looked for
    while True:
        target = piece + piece_bytes
        ending = ending or target >= len(data)
        if position < target and not ending:
            ahead = balance + _balance(data, position, target)
            if ahead < 0:  # the array ended before target
                ending = True
            else:
                balance, position = ahead, target
        found = (_END if ending else _CLOSE).search(data, position)
        if found is None:
            return None
        balance += _balance(data, position, found.start() + 1)
        position = found.end()
        if balance:
            continue
        if found[1] == b"]":
            return cuts, found.end() - 1
        if found.start() - piece >= piece_bytes:
            cuts.append(found.end() - 1)
            piece = position


def json_array_pieces(
    data: bytes,
    key: str,
    *,
    max_digits: int = MAX_INT_DIGITS,
    piece_bytes: int | None = None,
) -> tuple[dict[str, Any], Iterator[list[Any]]] | None:
    """A JSON object whose ``key`` holds a long array, read without parsing it whole: the
    object without ``key``, and the array's elements, a list of whole elements at a time
    (about ``piece_bytes`` of the text each, default :data:`PIECE_BYTES`), each parsed
    only when reached, so that the caller can build what it needs of one piece and let
    it go (issue 15: a report of a million line items written with every key is 250 MB,
    and parsing it whole takes 1,2 GB).

    Parsed by pydantic-core (twice as fast as :mod:`json`), and only where that gives
    exactly what :func:`load_json` would: ``None`` for anything that needs the careful
    reader — text not in UTF-8 (or with a mark), a ``\\udXXX`` escape (a surrogate), a
    run of more than ``max_digits`` digits outside the array — or whose array cannot be
    found; such a run in a piece, or a piece that is not a list of whole elements, makes
    the iterator raise ``ValueError`` (the caller then falls back to :func:`load_json`).

    The cuts between pieces are guessed by counting braces; each guess is proved by
    parsing: the object with a number that occurs nowhere in ``data`` in place of the
    elements must give ``{key: [number], …}`` (so the array is the value of ``key`` in
    the object itself, not text in a string), and each piece, in brackets, must be a
    list of at least one element; JSON's grammar then leaves one way to read the whole,
    and it is this one. Nesting is bounded only by pydantic-core's own limit: the caller
    bounds the depth of what it accepts.

    >>> head, pieces = json_array_pieces(b'{"t": 1, "a": [{"x": [1]}, {"x": []}]}', "a")
    >>> head, [element for piece in pieces for element in piece]
    ({'t': 1}, [{'x': [1]}, {'x': []}])
    """
    import pydantic_core  # here: the rest of the module loads without it (the CLI's start)

    if data.startswith(codecs.BOM_UTF8) or json.detect_encoding(data) != "utf-8":
        return None
    if _SURROGATE_ESCAPE_BYTES.search(data):
        return None
    found = re.search(rb'"%s"\s*:\s*\[' % re.escape(key.encode()), data)
    sentinel = next((s for s in _SENTINELS if data.find(s) < 0), None)
    if found is None or sentinel is None:
        return None
    start = found.end()
    cut = _cuts(data, start, PIECE_BYTES if piece_bytes is None else max(piece_bytes, 1))
    if cut is None:
        return None
    cuts, end = cut
    rest = data[:start] + sentinel + data[end:]
    if _long_digit_run(rest, max_digits):
        return None
    try:
        head = pydantic_core.from_json(rest)
    except ValueError:
        return None
    if type(head) is not dict or head.get(key) != [int(sentinel)]:
        return None
    del head[key]

    def pieces() -> Iterator[list[Any]]:
        for begin, stop in zip((start, *(c + 1 for c in cuts)), (*cuts, end), strict=True):
            text = b"[" + data[begin:stop] + b"]"
            if _long_digit_run(text, max_digits):
                raise ValueError("a number of more than max_digits digits")
            piece = pydantic_core.from_json(text)
            del text
            if type(piece) is not list or not piece:
                raise ValueError("not a piece of whole elements")
            yield piece

    return head, pieces()


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
    import tomllib  # here: an audit reads no TOML, and its import is ~0,8 % of a short audit

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
    "json_array_pieces",
    "json_depth_exceeds",
    "load_json",
    "load_toml",
    "max_input_bytes",
    "parse_size",
    "read_bytes",
    "scrub_surrogates",
    "toml_depth_exceeds",
]
