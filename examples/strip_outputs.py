"""Strip the stored outputs of the example notebooks (``make notebook``), or check they are.

Usage::

    python examples/strip_outputs.py [--check] [NOTEBOOK ...]

With no notebook, every ``examples/*.ipynb``. ``--check`` changes nothing and exits 1
when a notebook holds outputs or execution counts (the test suite runs this check).
To see the outputs, open the notebook in Jupyter and run it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

EXAMPLES = Path(__file__).resolve().parent


def strip(notebook: dict[str, Any]) -> bool:
    """Remove outputs and execution counts in place; ``True`` if anything was removed."""
    changed = False
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        if cell.get("outputs") or cell.get("execution_count") is not None:
            changed = True
        cell["outputs"] = []
        cell["execution_count"] = None
        for key in ("execution", "collapsed", "scrolled"):
            if cell.get("metadata", {}).pop(key, None) is not None:
                changed = True
    return changed


def main(argv: list[str]) -> int:
    check = "--check" in argv
    paths = [Path(a) for a in argv if a != "--check"] or sorted(EXAMPLES.glob("*.ipynb"))
    dirty = []
    for path in paths:
        notebook = json.loads(path.read_text(encoding="utf-8"))
        if strip(notebook):
            dirty.append(path)
            if not check:
                text = json.dumps(notebook, indent=1, ensure_ascii=False) + "\n"
                path.write_text(text, encoding="utf-8")
    for path in dirty:
        print(f"{'has outputs' if check else 'stripped'}: {path}")
    return 1 if check and dirty else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
