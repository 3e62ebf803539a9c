"""Tests of docs/conftest.py: without an extra, the doc examples that need it are left out."""

from __future__ import annotations

import doctest
import importlib.util
from pathlib import Path
from types import ModuleType


def _conftest() -> ModuleType:
    path = Path(__file__).resolve().parent.parent / "docs" / "conftest.py"
    spec = importlib.util.spec_from_file_location("docs_conftest", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


CONFTEST = _conftest()
PAGE = """
>>> total = 1 + 1
>>> frame = result.to_pandas(by="source")
>>> ax = result.plot(lang="en")
"""


def _examples() -> list[doctest.Example]:
    return doctest.DocTestParser().get_examples(PAGE)


def test_examples_from_the_first_needing_a_missing_extra_are_cut() -> None:
    assert CONFTEST.needing(_examples(), ["pandas"]) == (1, ["pandas"])
    assert CONFTEST.needing(_examples(), ["matplotlib"]) == (2, ["matplotlib"])
    assert CONFTEST.needing(_examples(), ["pandas", "matplotlib"]) == (1, ["pandas"])


def test_nothing_is_cut_when_every_extra_is_there() -> None:
    assert CONFTEST.needing(_examples(), []) == (3, [])


def test_the_scenarios_page_keeps_its_examples_before_the_frames() -> None:
    page = (Path(__file__).resolve().parent.parent / "docs" / "scenarios.md").read_text(
        encoding="utf-8"
    )
    examples = doctest.DocTestParser().get_examples(page)
    index, needed = CONFTEST.needing(examples, ["pandas", "matplotlib"])
    assert needed == ["pandas"]
    assert 10 < index < len(examples)
    assert all("to_pandas(" not in e.source for e in examples[:index])
