"""Where a key path is in TOML text, by a light scan (tomllib gives no positions).

Good enough beats nothing: tables, arrays of tables, ``key = value`` lines and the items
of multi-line inline arrays (``rule = [ {…}, {…} ]``, one item a line) are indexed;
anything finer falls back to the nearest enclosing key that was found.
"""

from __future__ import annotations

import re

# Linear patterns only (issue 13: the old ones backtracked cubically on ``[`` followed by
# spaces and no ``]``): a key is runs of key characters separated by blanks, and a table
# header is read by :func:`_header` without a regular expression.
_KEY = re.compile(r"^[ \t]*([A-Za-z0-9_\-\.\"']+(?:[ \t]+[A-Za-z0-9_\-\.\"']+)*)[ \t]*=")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"|\'[^\']*\'')


def _header(line: str) -> tuple[str, str] | None:
    """``("[[", "programme.version")`` for a table header line, else ``None``."""
    stripped = line.strip()
    if not stripped.startswith("["):
        return None
    opening = "[[" if stripped.startswith("[[") else "["
    end = stripped.find("]", len(opening))
    if end < 0:
        return None
    name = stripped[len(opening) : end].strip()
    rest = stripped[end + 1 :]
    if opening == "[[" and rest.startswith("]"):
        rest = rest[1:]
    rest = rest.strip()
    if not name or (rest and not rest.startswith("#")):
        return None
    return opening, name


def _depth_change(line: str) -> int:
    code = _STRING.sub('""', line).split("#", 1)[0]
    return code.count("[") + code.count("{") - code.count("]") - code.count("}")


def _keys(dotted: str) -> list[str]:
    return [part.strip().strip("\"'") for part in dotted.split(".")]


def key_lines(text: str) -> dict[str, int]:
    """Map key paths (``programme[0].version[1].level[0].amount``) to 1-based line numbers."""
    lines: dict[str, int] = {}
    counters: dict[str, int] = {}  # array-of-tables path -> current index
    prefix = ""
    depth = 0
    array_key = ""
    array_items = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if depth > 0:
            stripped = line.lstrip()
            if depth == 1 and array_key and stripped.startswith(("{", '"', "'")):
                lines.setdefault(f"{array_key}[{array_items}]", number)
                array_items += 1
            depth += _depth_change(line)
            continue
        header = _header(line)
        if header and not _KEY.match(line):
            path = ""
            keys = _keys(header[1])
            for position, key in enumerate(keys):
                path = f"{path}.{key}" if path else key
                last = position == len(keys) - 1
                if path in counters and not (last and header[0] == "[["):
                    path = f"{path}[{counters[path]}]"
            if header[0] == "[[":
                base = path
                counters[base] = counters.get(base, -1) + 1
                path = f"{base}[{counters[base]}]"
            prefix = path
            lines.setdefault(path, number)
            continue
        found = _KEY.match(line)
        if found:
            keys = _keys(found.group(1))
            path = ".".join([prefix, *keys]) if prefix else ".".join(keys)
            lines.setdefault(path, number)
            depth = max(_depth_change(line.split("=", 1)[1]), 0)
            array_key, array_items = path, 0
            rest = line.split("=", 1)[1].strip()
            if depth == 1 and rest.startswith("[") and rest[1:].strip().startswith("{"):
                lines.setdefault(f"{path}[0]", number)
                array_items = 1
    return lines


def line_of(text: str, path: str) -> int | None:
    """The line of ``path`` or of its nearest enclosing key found in ``text``."""
    lines = key_lines(text)
    while path:
        if path in lines:
            return lines[path]
        cut = max(path.rfind("."), path.rfind("["))
        path = path[:cut] if cut > 0 else ""
    return None
