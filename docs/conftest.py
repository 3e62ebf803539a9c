"""Doctests of docs/*.md without the optional extras: the examples that need one are left out.

``pip install '.[test]' && pytest`` has neither pandas nor matplotlib. A page's examples
run in order and share their names, so the examples from the first one that uses a
missing extra to the end of the page are dropped (the pages show those last); a page left
with none is skipped, naming the extra.
"""

from __future__ import annotations

import doctest
import importlib

import pytest
from _pytest.doctest import DoctestItem

# extra's module -> what an example that needs it contains
NEEDS: dict[str, tuple[str, ...]] = {
    "pandas": ("to_pandas(", "people_frame(", "undetermined_frame("),
    "matplotlib": ("matplotlib", ".plot("),
}


def _installed(module: str) -> bool:
    try:
        importlib.import_module(module)
    except ImportError:
        return False
    return True


def needing(examples: list[doctest.Example], missing: list[str]) -> tuple[int, list[str]]:
    """The index of the first example that needs one of the ``missing`` extras (or
    ``len(examples)``), and the extras it needs."""
    for index, example in enumerate(examples):
        needed = [m for m in missing if any(mark in example.source for mark in NEEDS[m])]
        if needed:
            return index, needed
    return len(examples), []


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Drop the examples that need a missing extra (and everything after them)."""
    if not isinstance(item, DoctestItem) or item.dtest is None:
        return
    missing = [module for module in NEEDS if not _installed(module)]
    examples = item.dtest.examples
    index, needed = needing(examples, missing)
    del examples[index:]
    if needed and not examples:
        pytest.skip(f"needs the {', '.join(needed)} extra")
