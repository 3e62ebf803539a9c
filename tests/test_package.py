"""The public API: every exported name resolves, and no export is shadowed by a module."""

from __future__ import annotations

import importlib
import json
import pkgutil
import subprocess
import sys

import pytest

import welfare_rules


def _packages() -> list[str]:
    names = ["welfare_rules"]
    for module in pkgutil.walk_packages(welfare_rules.__path__, "welfare_rules."):
        if module.ispkg:
            names.append(module.name)
    return names


@pytest.mark.parametrize("name", _packages())
def test_exports_resolve_to_objects_not_modules(name: str) -> None:
    package = importlib.import_module(name)
    # Import every submodule first: a submodule named like an export would replace it.
    for module in pkgutil.iter_modules(package.__path__, f"{name}."):
        if not module.name.endswith("__main__"):
            importlib.import_module(module.name)
    for export in getattr(package, "__all__", []):
        value = getattr(package, export)
        assert not isinstance(value, type(sys)), f"{name}.{export} is a module"


def test_all_is_sorted_and_complete() -> None:
    exported = welfare_rules.__all__
    assert exported == sorted(exported)
    for name in exported:
        assert getattr(welfare_rules, name) is not None


def test_import_is_lazy() -> None:
    """``import welfare_rules`` loads three small modules and none of the heavy dependencies.

    Counted, not timed: the time is measured by benchmarks/import_speed.py.
    """
    code = (
        "import json, sys; import welfare_rules; "
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('welfare_rules', 'pydantic', 'babel', 'dateutil', 'tomllib'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == [
        "welfare_rules",
        "welfare_rules._lazy",
        "welfare_rules._version",
    ]
