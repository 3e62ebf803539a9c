"""The golden files of tests/golden/ are byte-identical to what the library shows today.

A difference fails with the first differing line; when the change is meant, run
``.venv/bin/python tests/golden/regenerate.py`` and review the diff.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

GOLDEN = Path(__file__).parent / "golden"


def _regenerate() -> ModuleType:
    spec = importlib.util.spec_from_file_location("golden_regenerate", GOLDEN / "regenerate.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


REGENERATE = _regenerate()
OUTPUTS = dict(REGENERATE.outputs())


@pytest.mark.parametrize("name", sorted(OUTPUTS))
def test_output_matches_its_golden_file(name: str) -> None:
    path = GOLDEN / name
    assert path.is_file(), f"{name} missing: run tests/golden/regenerate.py"
    expected = path.read_text(encoding="utf-8")
    actual = OUTPUTS[name]()
    if actual != expected:
        pairs = zip(expected.splitlines(), actual.splitlines(), strict=False)
        first = next((i for i, (e, a) in enumerate(pairs, 1) if e != a), None)
        pytest.fail(f"{name} differs from its golden file (first at line {first})")


def test_every_golden_file_is_made_by_a_call() -> None:
    names = {p.name for p in GOLDEN.iterdir() if p.suffix in REGENERATE.SUFFIXES}
    made = (
        set(OUTPUTS)
        if REGENERATE.has_pandas()
        else set(OUTPUTS) | {n for n in names if n.endswith(".csv")}
    )
    assert names == made


def test_every_bundled_ruleset_has_its_golden_files() -> None:
    from welfare_rules.rules.load import list_rulesets

    for ident in list_rulesets():
        assert f"rulesets-show-{ident}.json" in OUTPUTS
        assert f"ruleset-{ident}.html" in OUTPUTS
