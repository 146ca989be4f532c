"""Every committed notebook holds the outputs of one complete, clean run.

nbval (0.11) compares a cell's stored outputs with a new run only when the cell was
executed before it was saved: a notebook whose outputs were stripped, or that was saved
half-run, passes nbval silently. This file closes that gap. It reads the .ipynb files as
JSON (no kernel), so it runs in well under a second.
"""

import base64
import io
import json
import re
from pathlib import Path

import pytest

NOTEBOOKS_DIR = Path(__file__).resolve().parent.parent / "notebooks"
NAME = re.compile(r"^\d{2}_[a-z0-9]+(_[a-z0-9]+)*\.ipynb$")


def committed_notebooks():
    """Every notebook under notebooks/, sorted, without Jupyter's checkpoint copies."""
    return sorted(p for p in NOTEBOOKS_DIR.rglob("*.ipynb")
                  if ".ipynb_checkpoints" not in p.parts)


def run_problems(nb):
    """What shows that ``nb`` (a notebook as a dict) is not the result of one clean run."""
    problems = []
    counts = []
    for number, cell in enumerate(nb.get("cells", []), start=1):
        if cell.get("cell_type") != "code":
            continue
        source = "".join(cell.get("source", []))
        if not source.strip():
            continue
        count = cell.get("execution_count")
        if count is None:
            problems.append(f"cell {number} was never executed (no execution count)")
        counts.append(count)
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                problems.append(f"cell {number} has an error output ({out.get('ename')})")
            elif out.get("output_type") == "execute_result" and out.get("execution_count") != count:
                problems.append(f"cell {number}: its result comes from another run")
    if not counts:
        problems.append("no code cells")
    elif counts != list(range(1, len(counts) + 1)):
        problems.append(f"execution counts are {counts}, not 1..{len(counts)} in order")
    return problems


def test_there_are_notebooks_and_no_strays():
    paths = committed_notebooks()
    assert paths, f"no notebooks in {NOTEBOOKS_DIR}"
    assert all(p.parent == NOTEBOOKS_DIR for p in paths), "notebooks belong in notebooks/ itself"
    bad = [p.name for p in paths if not NAME.match(p.name)]
    assert not bad, f"notebook names must look like 01_error_tables.ipynb: {bad}"
    numbers = [p.name[:2] for p in paths]
    assert len(set(numbers)) == len(numbers), f"two notebooks share a number: {numbers}"


@pytest.mark.parametrize("path", committed_notebooks(), ids=lambda p: p.name)
def test_notebook_holds_one_complete_clean_run(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    assert run_problems(nb) == [], (
        f"{path.name}: rerun it with `.venv/bin/jupyter nbconvert --to notebook --execute "
        f"--inplace notebooks/{path.name}`")


#: A notebook, with its stored outputs and its explorers' widget state (the scenes the page
#: draws, issue 20), stays small enough to open quickly and to render on GitHub.
MAX_BYTES = 2_500_000


@pytest.mark.parametrize("path", committed_notebooks(), ids=lambda p: p.name)
def test_notebook_stays_under_its_size_budget(path):
    size = path.stat().st_size
    assert size < MAX_BYTES, f"{path.name} is {size:,} bytes (budget {MAX_BYTES:,})"


@pytest.mark.parametrize("path", committed_notebooks(), ids=lambda p: p.name)
def test_the_stored_figures_fit_a_column(path):
    """As stored (the inline backend pads each figure), every PNG is at most a JupyterLab
    column wide, so none is shrunk and its text stays legible."""
    from PIL import Image

    from erm_course.style import COLUMN_PIXELS

    nb = json.loads(path.read_text(encoding="utf-8"))
    widths = [Image.open(io.BytesIO(base64.b64decode(out["data"]["image/png"]))).width
              for cell in nb["cells"] for out in cell.get("outputs", [])
              if "image/png" in out.get("data", {})]
    assert max(widths, default=0) <= COLUMN_PIXELS, f"{path.name}: {widths}"


# The checks above must be able to fail: each broken notebook below is caught.

def _cell(source, count, outputs=()):
    return {"cell_type": "code", "source": source, "execution_count": count,
            "outputs": list(outputs), "metadata": {}}


GOOD = {"cells": [{"cell_type": "markdown", "source": "# title"},
                  _cell("import erm_helpers as erm", 1),
                  _cell("", None),
                  _cell("1 + 1", 2, [{"output_type": "execute_result", "execution_count": 2,
                                      "data": {"text/plain": "2"}}])]}


def test_a_clean_run_passes():
    assert run_problems(GOOD) == []


@pytest.mark.parametrize("broken, words", [
    ({"cells": [_cell("a = 1", None), _cell("a", None)]}, "never executed"),
    ({"cells": [_cell("a = 1", 1), _cell("a", None)]}, "never executed"),
    ({"cells": [_cell("a = 1", 2), _cell("a", 1)]}, "not 1..2 in order"),
    ({"cells": [_cell("a = 1", 3), _cell("a", 4)]}, "not 1..2 in order"),
    ({"cells": [_cell("1 / 0", 1, [{"output_type": "error", "ename": "ZeroDivisionError"}])]},
     "error output"),
    ({"cells": [_cell("1 + 1", 1, [{"output_type": "execute_result", "execution_count": 7,
                                     "data": {"text/plain": "2"}}])]}, "another run"),
    ({"cells": [{"cell_type": "markdown", "source": "only prose"}]}, "no code cells"),
])
def test_a_broken_run_is_caught(broken, words):
    assert any(words in p for p in run_problems(broken))


@pytest.mark.parametrize("name, ok", [
    ("01_error_tables.ipynb", True), ("05_gradient_descent.ipynb", True),
    ("Untitled.ipynb", False), ("Untitled1.ipynb", False), ("1_error.ipynb", False),
    ("01-error-tables.ipynb", False), ("01_Error_Tables.ipynb", False),
    ("01_error_tables-Copy1.ipynb", False),
])
def test_notebook_names(name, ok):
    assert bool(NAME.match(name)) == ok
