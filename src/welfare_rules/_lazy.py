"""Lazy re-exports for package ``__init__`` modules: a name's module loads on first use.

``import welfare_rules`` must stay fast (pydantic, Babel and the rule data load only when
a name that needs them is used), so the packages map each public name to the module that
defines it and resolve it through a module-level ``__getattr__`` (PEP 562).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, MutableMapping
from typing import Any


def lazy_exports(
    package: str, namespace: MutableMapping[str, Any], exports: Mapping[str, str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of ``package``, whose ``exports`` map each public
    name to its module, relative to the package (``{"parse_vnd": "money"}``).

    A resolved name is stored in ``namespace`` (the package's globals), so the next use
    costs nothing.
    """

    def get_attribute(name: str) -> Any:
        module = exports.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{module}"), name)
        namespace[name] = value
        return value

    def list_names() -> list[str]:
        return sorted(set(namespace) | set(exports))

    return get_attribute, list_names


__all__ = ["lazy_exports"]
