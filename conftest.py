"""The doctests of ``src/`` leave out, without an extra, the examples that need it, as the
pages of ``docs/`` do: one rule, kept in ``docs/conftest.py`` and used here too."""

from __future__ import annotations

import importlib.util
from pathlib import Path

_PATH = Path(__file__).resolve().parent / "docs" / "conftest.py"
_SPEC = importlib.util.spec_from_file_location("docs_conftest_for_src", _PATH)
assert _SPEC is not None
assert _SPEC.loader is not None
_DOCS = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(_DOCS)

pytest_runtest_setup = _DOCS.pytest_runtest_setup
