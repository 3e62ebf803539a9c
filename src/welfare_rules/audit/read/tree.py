"""Report trees given as data (``.json``, ``.toml``): validated into a
:class:`~welfare_rules.audit.report.Report`, with the place of a JSON syntax error.

Both are read within the limits of :mod:`welfare_rules._limits` (nesting depth, digits
of an integer; lone surrogates become U+FFFD): past one, a
:class:`~welfare_rules.errors.DocumentReadError` says which, never ``RecursionError``
or Python's 4.300-digit ``ValueError``."""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass

from ..._i18n import Catalog, Text
from ..._limits import load_json, load_toml
from ...errors import DocumentReadError, InputLimitError, ReportDataError
from ._encoding import decode
from .document import Document
from .registry import register

_MSG = Catalog(
    "audit.read.tree",
    {
        "bad_json": Text(
            vi="JSON sai ở dòng {line}, cột {column}: {reason}",
            en="bad JSON at line {line}, column {column}: {reason}",
        ),
        "bad_toml": Text(vi="TOML sai: {reason}", en="bad TOML: {reason}"),
        "tree": Text(vi="cây báo cáo", en="the report tree"),
        "not_tree": Text(vi="không phải cây báo cáo: {reason}", en="not a report tree: {reason}"),
    },
)


@dataclass(frozen=True)
class JsonTreeReader:
    """A report tree as JSON (``Report.from_dict`` shape)."""

    name: str = "json"
    suffixes: tuple[str, ...] = (".json",)
    extra: str | None = None

    def sniff(self, head: bytes) -> bool:
        """A JSON object starts with ``{`` (after a mark and blanks)."""
        return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")

    def read(self, data: bytes, *, name: str) -> Document:
        """The tree; a syntax error names its line and column."""
        text = decode(data, name=name)
        try:
            tree = load_json(text, what=_MSG("tree"))
        except json.JSONDecodeError as exc:
            reason = _MSG("bad_json", line=exc.lineno, column=exc.colno, reason=exc.msg)
            raise DocumentReadError(name, reason) from exc
        except InputLimitError as exc:  # nested too deep, a number of too many digits
            raise DocumentReadError(name, exc.text) from exc
        return _document(tree, name=name, format=self.name)


@dataclass(frozen=True)
class TomlTreeReader:
    """A report tree as TOML (``[[nodes]]`` tables)."""

    name: str = "toml"
    suffixes: tuple[str, ...] = (".toml",)
    extra: str | None = None

    def sniff(self, head: bytes) -> bool:
        """Only by suffix: TOML has no mark of its own."""
        return False

    def read(self, data: bytes, *, name: str) -> Document:
        """The tree; a syntax error says where."""
        text = decode(data, name=name)
        try:
            tree = load_toml(text, what=_MSG("tree"))
        except tomllib.TOMLDecodeError as exc:
            raise DocumentReadError(name, _MSG("bad_toml", reason=str(exc))) from exc
        except InputLimitError as exc:  # nested too deep, a number of too many digits
            raise DocumentReadError(name, exc.text) from exc
        return _document(tree, name=name, format=self.name)


def _document(data: object, *, name: str, format: str) -> Document:
    from ..report import Report

    try:
        tree = Report.from_dict(data)
    except ReportDataError as exc:  # nesting past the limit included (never RecursionError)
        raise DocumentReadError(name, _MSG("not_tree", reason=exc.text)) from exc
    return Document(name=name, format=format, tree=tree)


JSON = register(JsonTreeReader())
TOML = register(TomlTreeReader())

__all__ = ["JSON", "TOML", "JsonTreeReader", "TomlTreeReader"]
