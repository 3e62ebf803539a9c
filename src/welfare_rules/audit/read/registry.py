"""The readers, by file suffix and by content: one registry every input format joins.

A reader is a module-level object with a ``name``, the ``suffixes`` it reads, the
``extra`` that holds its dependency (``None`` for the standard library), a ``sniff`` of
the first bytes (for standard input and unknown suffixes) and ``read(data, name=…)``
giving a :class:`~.document.Document`. Adding a format is one module that calls
:func:`register` plus its entry in :data:`_BUILTIN_READERS` (Babel's
``_BUILTIN_EXTRACTORS`` is the model); the contract tests in ``tests/test_audit_read_*``
run over every registered reader.
"""

from __future__ import annotations

import importlib
from typing import Protocol

from .document import Document

# Reader modules, imported on first use (a Word reader costs nothing until a .docx comes).
_BUILTIN_READERS: tuple[str, ...] = ("text", "tree", "docx", "xlsx", "xls", "pdf", "csv", "html")

# The suffixes each built-in module's readers read, so that a file with one of them costs
# the import of its reader's module only (the PDF and HTML readers load ``logging`` and
# ``html.parser``: ~20 ms of a text file's audit). A test checks this table against the
# readers themselves.
_BUILTIN_SUFFIXES: dict[str, str] = {
    suffix: module
    for module, names in (
        ("text", (".txt", ".text", ".md", ".markdown")),
        ("tree", (".json", ".toml")),
        ("docx", (".docx", ".docm", ".dotx", ".dotm")),
        ("xlsx", (".xlsx", ".xlsm")),
        ("xls", (".xls",)),
        ("pdf", (".pdf",)),
        ("csv", (".csv", ".tsv", ".tab")),
        ("html", (".html", ".htm", ".xhtml")),
    )
    for suffix in names
}


class Reader(Protocol):
    """What every reader provides (see the module docstring)."""

    @property
    def name(self) -> str: ...

    @property
    def suffixes(self) -> tuple[str, ...]: ...

    @property
    def extra(self) -> str | None: ...

    def sniff(self, head: bytes) -> bool:
        """Whether the first bytes of a file look like this format."""
        ...

    def read(self, data: bytes, *, name: str) -> Document:
        """The document in ``data`` (the whole file), or a
        :class:`~welfare_rules.errors.DocumentReadError` naming ``name``."""
        ...


_READERS: dict[str, Reader] = {}
# Where a reader's name stands in readers(): the built-in modules' readers in the order of
# _BUILTIN_READERS, whichever module was imported first, then the others as registered.
_RANK: dict[str, int] = {}
_OTHERS = 1_000_000
_loaded = False
_others = False  # whether a reader from outside the built-in modules was registered


def register(reader: Reader) -> Reader:
    """Add ``reader`` to the registry (a later reader of the same name replaces it)."""
    global _others
    package, _, module = type(reader).__module__.rpartition(".")
    builtin = package == __package__ and module in _BUILTIN_READERS
    if reader.name not in _RANK:
        first = _BUILTIN_READERS.index(module) * 1000 if builtin else _OTHERS
        _RANK[reader.name] = first + len(_RANK)
    _READERS[reader.name] = reader
    _others = _others or not builtin
    return reader


def readers() -> tuple[Reader, ...]:
    """Every registered reader, the built-in ones first, the plain-text reader last."""
    _load()
    ordered = sorted(_READERS.values(), key=lambda r: (r.name == "text", _RANK[r.name]))
    return tuple(ordered)


def suffixes() -> frozenset[str]:
    """Every suffix some reader reads (``.txt``, ``.docx`` …), for folders."""
    return frozenset(suffix for reader in readers() for suffix in reader.suffixes)


def reader_for(name: str, head: bytes) -> Reader:
    """The reader for a file called ``name`` whose first bytes are ``head``: by suffix,
    else the first whose sniff accepts the bytes, else the plain-text reader."""
    suffix = _suffix(name)
    module = _BUILTIN_SUFFIXES.get(suffix)
    if module is not None and not _others:
        # Only built-in readers, whose suffixes are their own: the one module decides.
        _import(module)
        for reader in _READERS.values():
            if suffix in reader.suffixes:
                return reader
    everyone = readers()
    for reader in everyone:
        if suffix and suffix in reader.suffixes:
            return reader
    for reader in everyone:
        if reader.sniff(head):
            return reader
    return _READERS["text"]


def _suffix(name: str) -> str:
    base = name.rsplit("/", 1)[-1]
    return "." + base.rsplit(".", 1)[-1].lower() if "." in base else ""


def _load() -> None:
    global _loaded
    if _loaded:
        return
    for module in _BUILTIN_READERS:
        _import(module)
    _loaded = True


def _import(module: str) -> None:
    """Import the built-in reader module ``module`` (its readers register themselves)."""
    importlib.import_module(f"{__package__}.{module}")


__all__ = ["Reader", "reader_for", "readers", "register", "suffixes"]
