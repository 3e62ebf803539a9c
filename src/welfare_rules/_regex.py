"""Compiled regular expressions kept between runs, as Python keeps bytecode.

``re.compile`` runs the ``re`` module's parser and compiler, which are written in Python:
the ~150 patterns the auditor compiles when it is imported cost ~50 ms of a ~0,6 s
``welfare-rules audit`` (about 150 M instructions, counted with callgrind). What they
produce, the program the C engine runs (a list of integers), depends only on the pattern,
its flags and the interpreter. :func:`compile` keeps those programs in one file beside this
module's bytecode (``__pycache__/_regex.<cache tag>.patterns``, where importlib puts the
``.pyc``, so ``PYTHONPYCACHEPREFIX`` applies) and builds a pattern from its program with
the engine's own constructor, as ``re``'s compiler does last.

The file is written at exit by a run that compiled a pattern it did not hold, unless
bytecode is not written either (``PYTHONDONTWRITEBYTECODE``, ``python -B``) or the folder
is read-only. It is used only if the same interpreter and engine wrote it (its header says
so); a file that is missing, unreadable, truncated or another version's is ignored and the
patterns are compiled as ``re.compile`` compiles them. A pattern built from the file is
equal to the one ``re.compile`` builds (``==`` on patterns compares the pattern, the flags
and the program; a test checks every pattern of the package). Where the interpreter's
private compiler differs from the one this was written for, every pattern is compiled by
``re.compile`` and nothing is kept.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib
import importlib.util
import marshal
import os
import re
import sys
from typing import Any

_sre: Any = importlib.import_module("_sre")  # the engine (no stub: a private module)

# (pattern, flags) -> (the flags compiled, the program, groups, group index, index group)
_Entry = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
_MAX_ENTRIES = 4000  # past this, a write keeps only the patterns of the run that writes
_HEADER = ("welfare_rules._regex", 1, sys.hexversion, _sre.MAGIC, _sre.CODESIZE)

_held: dict[tuple[str, int], _Entry] | None = None  # the file's programs, once read
_used: dict[tuple[str, int], _Entry] = {}  # the programs this run built or compiled
_dirty = False  # whether this run compiled a program the file did not hold
_broken = False  # the private compiler is not the one expected: plain re.compile


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, from the program kept by an earlier run if any.

    >>> compile(r"\\d+ suất").pattern == re.compile(r"\\d+ suất").pattern
    True
    >>> compile(r"(?P<n>\\d+)", re.IGNORECASE) == re.compile(r"(?P<n>\\d+)", re.IGNORECASE)
    True
    """
    global _dirty
    if _broken or not isinstance(pattern, str):
        return re.compile(pattern, flags)
    key = (pattern, int(flags))
    held = _file() if _held is None else _held
    entry = held.get(key)
    if entry is not None:
        try:
            built: re.Pattern[str] = _sre.compile(pattern, *entry)
        except Exception:  # a damaged file: compile this one, write the file again
            held.pop(key, None)
        else:
            _used[key] = entry
            return built
    entry = _program(pattern, key[1])
    if entry is None:
        return re.compile(pattern, flags)
    _used[key] = entry
    if not _dirty:
        _dirty = True
        if not sys.dont_write_bytecode:
            atexit.register(_write)
    compiled: re.Pattern[str] = _sre.compile(pattern, *entry)
    return compiled


def _program(pattern: str, flags: int) -> _Entry | None:
    """What ``re._compiler.compile`` hands the engine for ``pattern``; ``None`` (and plain
    ``re.compile`` from then on) if the private compiler is not the one expected."""
    global _broken
    if flags & re.DEBUG:
        return None  # re.compile prints the parse: let it
    try:
        parser: Any = importlib.import_module("re._parser")
        compiler: Any = importlib.import_module("re._compiler")
        parsed: Any = parser.parse(pattern, flags)
        code = [int(word) for word in compiler._code(parsed, flags)]
        state = parsed.state
        groupindex = {str(name): int(index) for name, index in state.groupdict.items()}
        indexgroup: list[str | None] = [None] * state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        return (int(flags | state.flags), code, state.groups - 1, groupindex, tuple(indexgroup))
    except re.error:
        raise
    except Exception:
        _broken = True
        return None


def _path() -> str | None:
    """Where the programs are kept, or ``None`` where bytecode has no place."""
    try:
        return importlib.util.cache_from_source(__file__).removesuffix(".pyc") + ".patterns"
    except (NotImplementedError, ValueError, TypeError):
        return None


def _file() -> dict[tuple[str, int], _Entry]:
    """The programs an earlier run kept (none if the file is missing or not ours)."""
    global _held
    _held = {}
    path = _path()
    if path is None:
        return _held
    try:
        with open(path, "rb") as handle:  # marshal.load(handle) reads in small pieces: 15x
            header, entries = marshal.loads(handle.read())
    except Exception:  # missing, unreadable, truncated, not marshal: compile afresh
        return _held
    if header == _HEADER and isinstance(entries, dict):
        _held = entries
    return _held


def _write() -> None:
    """Keep the programs of the file and of this run (atomically: a temporary file
    renamed; concurrent runs each write a whole file). Errors are ignored: a cache."""
    path = _path()
    if path is None:
        return
    entries = dict(_held or {})
    entries.update(_used)
    if len(entries) > _MAX_ENTRIES:
        entries = dict(_used)
    temporary = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(temporary, "wb") as handle:
            handle.write(marshal.dumps((_HEADER, entries)))
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)


__all__ = ["compile"]
