"""The examples never rot: the notebook executes (nbclient, a kernel from this venv) and
the scripts run; stored notebook outputs are stripped."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
NOTEBOOK = EXAMPLES / "tour.ipynb"


def _run(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(EXAMPLES / script), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )


def test_the_stored_notebook_has_no_outputs() -> None:
    result = _run("strip_outputs.py", "--check", str(NOTEBOOK))
    assert result.returncode == 0, result.stdout + " — run `make notebook` to strip them"


def test_strip_outputs_removes_outputs(tmp_path: Path) -> None:
    notebook = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    code = next(c for c in notebook["cells"] if c["cell_type"] == "code")
    code["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "x"}]
    code["execution_count"] = 3
    path = tmp_path / "dirty.ipynb"
    path.write_text(json.dumps(notebook), encoding="utf-8")
    assert _run("strip_outputs.py", "--check", str(path)).returncode == 1
    assert _run("strip_outputs.py", str(path)).returncode == 0
    assert _run("strip_outputs.py", "--check", str(path)).returncode == 0
    cleaned = json.loads(path.read_text(encoding="utf-8"))
    assert all(c.get("outputs", []) == [] for c in cleaned["cells"])


def test_the_notebook_executes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    # A "python3" kernel that is this interpreter, ahead of any installed elsewhere
    # (JUPYTER_PATH comes first in the kernel search), so no global Jupyter is needed.
    spec = tmp_path / "kernels" / "python3"
    spec.mkdir(parents=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    kernel = {"argv": argv, "display_name": "Python 3 (welfare_rules)", "language": "python"}
    (spec / "kernel.json").write_text(json.dumps(kernel), encoding="utf-8")
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path))
    monkeypatch.setenv("MPLBACKEND", "Agg")

    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        notebook, kernel_name="python3", timeout=120, resources={"metadata": {"path": str(ROOT)}}
    )
    client.execute()  # raises CellExecutionError on any failing cell

    html = "".join(
        output.get("data", {}).get("text/html", "")
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.outputs
    )
    assert "provincial-4107" in html  # the ruleset table
    assert "2.751.000.000" in html  # the audit's suggested value for the 500.000đ line
    assert "+550.200.000" in html  # the reform's provincial delta
    assert "+210.300.000" in html  # the city's age-70 gift: 701 × 300.000đ


def test_the_auditor_script_finds_the_source_mistakes() -> None:
    result = _run("auditor.py", "--lang", "en")
    assert result.returncode == 1, result.stderr  # the example report has errors
    assert "2.721.000.000 → 2.751.000.000" in result.stdout.replace(",", ".")
    assert "1.137.600 → 1.137.600.000" in result.stdout.replace(",", ".")


def test_the_auditor_script_passes_a_consistent_report(tmp_path: Path) -> None:
    path = tmp_path / "report.md"
    path.write_text("- Mức 500.000đ: 10 suất = 5.000.000đ.\n", encoding="utf-8")
    result = _run("auditor.py", str(path))
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_developer_script_runs() -> None:
    result = _run("developer.py")
    assert result.returncode == 0, result.stderr
    assert "0 findings, ok=True" in result.stdout
    assert "VND 550,200,000" in result.stdout
