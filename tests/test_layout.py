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


def test_erm_helpers_imports_numpy_its_fast_module_and_the_standard_library_only():
    outside = _imported_modules(Path(erm.__file__)) - set(sys.stdlib_module_names)
    assert outside == {"numpy", "erm_fast"}


def test_erm_fast_imports_numpy_and_the_standard_library_only():
    outside = _imported_modules(ROOT / "erm_fast.py") - set(sys.stdlib_module_names)
    assert outside == {"numpy"}


PROJECT_MODULES = {"erm_helpers", "erm_fast", "erm_course"}
PROJECT_FILES = sorted([ROOT / "erm_helpers.py", ROOT / "erm_fast.py",
                        *COURSE.rglob("*.py"), *(ROOT / "benchmarks").glob("*.py"),
                        *(ROOT / "tests").glob("*.py")])


def _private_uses(path):
    """Names starting with one underscore that ``path`` takes from a project module: by
    ``from module import _name``, or as ``module._name`` on a module it imported."""
    tree = ast.parse(path.read_text())
    found, modules = [], set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module.split(".")[0] in PROJECT_MODULES:
                found += [f"from {node.module} import {a.name}" for a in node.names
                          if a.name.startswith("_") and not a.name.startswith("__")]
                modules |= {a.asname or a.name for a in node.names}
        elif isinstance(node, ast.Import):
            modules |= {a.asname or a.name for a in node.names
                        if a.name.split(".")[0] in PROJECT_MODULES}
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                and node.value.id in modules and node.attr.startswith("_")
                and not node.attr.startswith("__")):
            found.append(f"{node.value.id}.{node.attr}")
    return found


@pytest.mark.parametrize("path", PROJECT_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_takes_a_private_name_from_another(path):
    assert _private_uses(path) == []


def test_the_private_name_check_can_fail(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("import erm_helpers as erm\nfrom erm_fast import _secret\nerm._result(1)\n")
    assert _private_uses(bad) == ["from erm_fast import _secret", "erm._result"]


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


def _sizes(kind):
    """(lines, "file:name") of every class or function in erm_course, docstring included."""
    found = []
    for path in sorted(COURSE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, kind):
                found.append((node.end_lineno - node.lineno + 1,
                              f"{path.relative_to(ROOT)}:{node.name}"))
    return found


def test_no_class_in_erm_course_is_over_150_lines():
    assert [s for s in _sizes(ast.ClassDef) if s[0] > 150] == []


def test_no_function_in_erm_course_is_over_60_lines():
    assert [s for s in _sizes(ast.FunctionDef) if s[0] > 60] == []
