"""The layering, read from the import graph of src/welfare_rules (ast, no import runs).

Every ``import`` counts, at module level or inside a function, except those under
``if TYPE_CHECKING:`` (they never run). The layers, bottom up::

    shared ground (errors, money, tiers, dates, _i18n, _types, …)
    rules  →  entitle  →  audit  →  scenario  →  views  →  cli

* ``rules`` imports nothing of ``entitle``, ``audit``, ``scenario``, ``views``, ``cli``
  (but for the hooks into ``views`` below);
* the shared ground imports none of the layers;
* nothing imports ``cli`` but ``cli``;
* ``views`` is reached from below only by the documented hooks
  (:data:`welfare_rules.views.HOOKS`), each importing inside the method;
* nothing below ``scenario`` imports ``scenario``;
* ``views`` names the domain layers for typing only (or imports inside a function), so
  showing a result never loads more than computing it did;
* no two modules import each other, directly or round a longer loop.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from welfare_rules.views import HOOKS

SRC = Path(__file__).resolve().parent.parent / "src" / "welfare_rules"
ENTRY_POINTS = frozenset({"welfare_rules", "welfare_rules.__main__", "welfare_rules.dask"})
LAYERS = ("rules", "entitle", "audit", "scenario", "views", "cli")
SHARED = "shared"
DOMAIN = frozenset({"rules", "entitle", "audit", "scenario"})


@dataclass(frozen=True)
class Import:
    """One import statement's target module, where it is, and in which function."""

    source: str  # the importing module, dotted
    target: str  # the imported module, dotted
    line: int
    function: str | None  # the enclosing function, None at module level


def module_name(path: Path, root: Path = SRC) -> str:
    """``welfare_rules.rules.model`` for ``src/welfare_rules/rules/model.py``."""
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _resolve(module: str, *, is_package: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    parts = module.split(".")
    base = parts if is_package else parts[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def imports_of(source: str, *, module: str, is_package: bool = False) -> list[Import]:
    """Every import of ``welfare_rules`` modules in ``source`` (TYPE_CHECKING blocks left out).

    ``from .x import y`` names the module ``.x``; when ``y`` is itself a module known to
    :func:`modules`, it is named too.
    """
    known = modules()
    found: list[Import] = []

    def visit(node: ast.AST, function: str | None) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                for other in child.orelse:
                    visit(other, function)
                continue
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                visit(child, child.name)
                continue
            if isinstance(child, ast.Import):
                for alias in child.names:
                    found.append(Import(module, alias.name, child.lineno, function))
            elif isinstance(child, ast.ImportFrom):
                target = _resolve(module, is_package=is_package, node=child)
                found.append(Import(module, target, child.lineno, function))
                for alias in child.names:
                    if f"{target}.{alias.name}" in known:
                        found.append(
                            Import(module, f"{target}.{alias.name}", child.lineno, function)
                        )
            visit(child, function)

    visit(ast.parse(source), None)
    return [
        i for i in found if i.target == "welfare_rules" or i.target.startswith("welfare_rules.")
    ]


_MODULES: dict[str, Path] = {}


def modules() -> dict[str, Path]:
    """Every module of the package by dotted name."""
    if not _MODULES:
        for path in sorted(SRC.rglob("*.py")):
            _MODULES[module_name(path)] = path
    return _MODULES


def graph() -> list[Import]:
    """Every import in the package."""
    found: list[Import] = []
    for name, path in modules().items():
        source = path.read_text(encoding="utf-8")
        found += imports_of(source, module=name, is_package=path.name == "__init__.py")
    return found


def layer(module: str) -> str:
    """``rules``, ``entitle``, … or ``shared`` for the top-level modules and the package."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else SHARED


def _breaches(imports: list[Import]) -> Iterator[str]:
    below_scenario = {SHARED, "rules", "entitle", "audit"}
    for i in imports:
        where = f"{i.source}:{i.line} imports {i.target}"
        if i.source in ENTRY_POINTS:
            continue  # the package's lazy exports name every layer; ``python -m`` runs cli
        source, target = layer(i.source), layer(i.target)
        if source == target:
            continue
        if source == SHARED and target != SHARED:
            yield f"{where}: the shared ground imports no layer"
        hook = target == "views" and i.function in HOOKS
        if source == "rules" and target in LAYERS and not hook:
            yield f"{where}: rules imports nothing above it"
        if target == "cli":
            yield f"{where}: nothing imports cli"
        if target == "views" and source != "cli" and not hook:
            yield f"{where}: only the hooks {HOOKS} reach views, inside the method"
        if target == "scenario" and source in below_scenario:
            yield f"{where}: nothing below scenario imports scenario"
        if source == "views" and target in DOMAIN and i.function is None:
            yield f"{where}: views name the domain for typing only (or inside a function)"


def cycles(imports: list[Import]) -> list[frozenset[str]]:
    """The strongly connected sets of modules (Tarjan), each of two modules or more."""
    edges: dict[str, set[str]] = {}
    for i in imports:
        if i.target in modules() and i.target != i.source:
            edges.setdefault(i.source, set()).add(i.target)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[frozenset[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in sorted(edges.get(node, ())):
            if other not in index:
                connect(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            members = []
            while True:
                member = stack.pop()
                members.append(member)
                if member == node:
                    break
            if len(members) > 1:
                found.append(frozenset(members))

    for node in sorted(edges):
        if node not in index:
            connect(node)
    return found


# ---------------------------------------------------------------- the checker itself


def test_reader_sees_function_level_imports_and_skips_type_checking() -> None:
    source = (
        "from typing import TYPE_CHECKING\n"
        "from ..money import format_vnd\n"
        "if TYPE_CHECKING:\n"
        "    from ..scenario.reform import Reform\n"
        "def to_pandas():\n"
        "    from ..views.frames import frame\n"
        "import json\n"
    )
    found = imports_of(source, module="welfare_rules.rules.model")
    assert [(i.target, i.function) for i in found] == [
        ("welfare_rules.money", None),
        ("welfare_rules.views.frames", "to_pandas"),
    ]


def test_checker_reports_each_kind_of_breach() -> None:
    def imp(source: str, target: str, function: str | None = None) -> Import:
        return Import(source, target, 1, function)

    breaches = list(
        _breaches(
            [
                imp("welfare_rules.rules.model", "welfare_rules.entitle.engine", "f"),
                imp("welfare_rules.audit.quick", "welfare_rules.cli._common"),
                imp("welfare_rules.entitle.allocate", "welfare_rules.views.html"),
                imp("welfare_rules.entitle.allocate", "welfare_rules.views.html", "describe"),
                imp("welfare_rules.audit.findings", "welfare_rules.scenario.reform", "f"),
                imp("welfare_rules.money", "welfare_rules.rules.load", "f"),
                imp("welfare_rules.views.html", "welfare_rules.entitle.allocate"),
                imp("welfare_rules.rules.model", "welfare_rules.views.html", "_repr_html_"),
            ]
        )
    )
    assert len(breaches) == 7  # the last import is a hook: allowed
    assert not list(
        _breaches([imp("welfare_rules.audit.findings", "welfare_rules.views.html", "_repr_html_")])
    )
    assert cycles(
        [
            imp("welfare_rules.money", "welfare_rules.dates"),
            imp("welfare_rules.dates", "welfare_rules.money"),
        ]
    ) == [frozenset({"welfare_rules.money", "welfare_rules.dates"})]


def test_relative_imports_resolve_from_modules_and_packages() -> None:
    node = ast.parse("from ..rules import model").body[0]
    assert isinstance(node, ast.ImportFrom)
    assert (
        _resolve("welfare_rules.entitle.engine", is_package=False, node=node)
        == "welfare_rules.rules"
    )
    assert _resolve("welfare_rules.entitle", is_package=True, node=node) == "welfare_rules.rules"
    found = imports_of("from ..rules import model", module="welfare_rules.entitle.engine")
    assert {i.target for i in found} == {"welfare_rules.rules", "welfare_rules.rules.model"}


# ---------------------------------------------------------------- the package


def test_the_package_is_read() -> None:
    names = modules()
    assert "welfare_rules.rules.model" in names
    assert "welfare_rules.views.html" in names
    assert len(graph()) > 100


def test_no_layering_breach() -> None:
    assert list(_breaches(graph())) == []


def test_views_are_reached_only_through_the_hooks() -> None:
    hooks = {
        (i.source, i.function)
        for i in graph()
        if layer(i.target) == "views" and layer(i.source) not in {"views", "cli"}
    }
    assert {function for _, function in hooks} <= set(HOOKS)
    assert ("welfare_rules.rules.model", "_repr_html_") in hooks  # the hooks exist


def test_no_import_cycle() -> None:
    assert cycles(graph()) == []
