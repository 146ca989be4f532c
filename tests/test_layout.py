"""The layout: erm_helpers is the mathematics alone, erm_course builds on it, never back.

A fresh interpreter is used where the question is what an import pulls in, since this
test process has long since imported matplotlib and friends.
"""

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import erm_helpers as erm
from erm_course.exercises import EXERCISES

ROOT = Path(__file__).resolve().parents[1]
COURSE = ROOT / "erm_course"
DISPLAY_LIBRARIES = ("matplotlib", "pandas", "IPython", "ipywidgets", "ipympl")


def _imported_modules(path):
    tree = ast.parse(path.read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_importing_erm_helpers_loads_no_display_library():
    code = ("import sys, erm_helpers\n"
            f"print([m for m in {DISPLAY_LIBRARIES!r} if m in sys.modules])")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_erm_helpers_imports_numpy_and_the_standard_library_only():
    outside = _imported_modules(Path(erm.__file__)) - set(sys.stdlib_module_names)
    assert outside == {"numpy"}


@pytest.mark.parametrize("path", sorted(COURSE.rglob("*.py")), ids=lambda p: p.name)
def test_erm_course_points_down_to_erm_helpers_never_elsewhere_in_the_project(path):
    project = {"erm_helpers", "erm_course", "tests", "benchmarks"}
    assert _imported_modules(path) & project <= {"erm_helpers", "erm_course"}


def test_erm_helpers_never_imports_erm_course():
    assert "erm_course" not in _imported_modules(Path(erm.__file__))


def _exercise_keys_in(notebook):
    cells = json.loads(notebook.read_text())["cells"]
    code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    return set(re.findall(r"""\bcheck\(\s*["']([0-9]{2}\.[0-9]+)["']""", code))


@pytest.mark.parametrize("notebook", sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")),
                         ids=lambda p: p.stem)
def test_every_exercise_a_notebook_checks_is_registered_under_its_own_number(notebook):
    keys = _exercise_keys_in(notebook)
    assert keys, f"{notebook.name} checks no exercise"
    assert keys <= set(EXERCISES)
    assert {k[:2] for k in keys} == {notebook.name[:2]}


def test_each_judge_lives_in_the_module_of_its_notebook():
    for key, judge in EXERCISES.items():
        if key[:2].isdigit() and key[:2] != "00":
            assert judge.__module__ == f"erm_course.exercises.notebook{key[:2]}", key
