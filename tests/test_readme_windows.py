"""The README's PowerShell commands for Windows do what the Makefile does.

Windows users without make copy the README's ``powershell`` block. This file reads that
block and the Makefile's recipes (no shell is run) and checks, command by command, that
both install the same lock and the course the same way, start JupyterLab on notebooks/
with the same options, run pytest the same way and build the site with the same script.
A change to one that is not made in the other fails here.
"""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# pip's flags that only make make's output quieter; they change nothing that is installed
QUIET_FLAGS = {"--quiet", "-q", "--disable-pip-version-check"}


def makefile_recipes(text):
    """``{target: [command, ...]}`` for every rule of a Makefile, variables expanded.

    Only what this Makefile uses is understood: ``NAME := value`` and ``NAME ?= value``
    assignments, rules ``target: prerequisites`` and tab-indented recipe lines. Variables
    whose value is a ``$(shell ...)`` or ``$(if ...)`` (such as ``ROOT_FLAG``, which is set
    only for root on Linux) expand to nothing. ``@`` and comment-only lines are dropped.
    """
    variables, recipes, current = {}, {}, None
    for line in text.splitlines():
        assignment = re.match(r"^([A-Za-z_]\w*)\s*(?::=|\?=|=)\s*(.*)$", line)
        if assignment:
            value = assignment.group(2).split("#", 1)[0].strip()
            variables[assignment.group(1)] = "" if value.startswith(("$(shell", "$(if")) else value
            current = None
            continue
        rule = re.match(r"^([^\s:#][^:=]*):(?!=)", line)
        if rule:
            current = _expand(rule.group(1).strip(), variables)
            recipes[current] = []
            continue
        if line.startswith("\t") and current is not None:
            command = line.strip().lstrip("@").strip()
            if command and not command.startswith("#"):
                recipes[current].append(" ".join(_expand(command, variables).split()))
        elif line.strip() and not line.startswith("#"):
            current = None
    return recipes


def _expand(text, variables):
    for _ in range(5):                      # nested variables, e.g. $(BIN) -> $(VENV)/bin
        text = re.sub(r"\$\((\w+)\)", lambda m: variables.get(m.group(1), ""), text)
    return text


def powershell_block(readme):
    """The commands of the README's one ``powershell`` block, comments dropped."""
    blocks = re.findall(r"^```powershell\n(.*?)^```", readme, re.MULTILINE | re.DOTALL)
    assert len(blocks) == 1, f"expected one ```powershell block in the README, found {len(blocks)}"
    commands = [line.split("#", 1)[0].strip() for line in blocks[0].splitlines()]
    return [" ".join(command.split()) for command in commands if command]


def normalized(command):
    """One command as a tuple of words that means the same on Windows and on Linux.

    ``.venv\\Scripts\\python`` and ``.venv/bin/python`` both become ``venv:python``,
    backslashes in paths become slashes, and pip's quiet flags are dropped.
    """
    words = []
    for word in command.split():
        word = word.replace("\\", "/")
        word = re.sub(r"^\.venv/(?:bin|Scripts)/(\w+)(?:\.exe)?$", r"venv:\1", word)
        if word not in QUIET_FLAGS:
            words.append(word)
    return tuple(words)


def commands_running(commands, *program):
    """The normalized commands that start with the words ``program``."""
    found = [normalized(c) for c in commands]
    return [c for c in found if c[:len(program)] == program]


@pytest.fixture(scope="module")
def make():
    return makefile_recipes((ROOT / "Makefile").read_text())


@pytest.fixture(scope="module")
def powershell():
    return powershell_block((ROOT / "README.md").read_text(encoding="utf-8"))


def test_powershell_creates_the_venv_make_creates(make, powershell):
    assert any(re.search(r"-m venv \.venv(\s|$)", c) for c in make[".venv/.installed"]), (
        "the Makefile no longer makes .venv with -m venv")
    assert any(re.search(r"-m venv \.venv$", c) for c in powershell), powershell


def test_powershell_installs_the_lock_and_the_course_as_make_does(make, powershell):
    ours = commands_running(make[".venv/.installed"], "venv:python", "-m", "pip", "install")
    theirs = commands_running(powershell, "venv:python", "-m", "pip", "install")
    assert ours, "no pip install in the Makefile's set-up"
    assert theirs == ours


def test_powershell_opens_jupyterlab_as_make_lab_does(make, powershell):
    ours = commands_running(make["lab"], "venv:jupyter", "lab")
    assert ours and "--ServerApp.root_dir=notebooks" in ours[0]
    assert commands_running(powershell, "venv:jupyter", "lab") == ours


def test_powershell_runs_pytest_as_make_test_does(make, powershell):
    ours = commands_running(make["test"], "venv:python", "-m", "pytest")
    assert ours
    assert commands_running(powershell, "venv:python", "-m", "pytest") == ours


def test_powershell_builds_the_site_as_make_site_does(make, powershell):
    ours = commands_running(make["site"], "venv:python", "site/build_site.py")
    assert ours
    assert commands_running(powershell, "venv:python", "site/build_site.py") == ours


# The readers above must be able to see a difference.

MAKEFILE = """\
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root)
$(STAMP): pyproject.toml
\t@echo setting up  # a comment-like word in a command stays
\t$(BIN)/python -m pip install --quiet -r requirements.lock
lab: $(STAMP)
\t$(BIN)/jupyter lab --ServerApp.root_dir=notebooks $(ROOT_FLAG)
"""


def ps(*lines):
    """A README with one powershell block of ``lines``."""
    return "```powershell\n" + "\n".join(lines) + "\n```\n"


def test_the_makefile_reader_expands_variables_and_drops_root_flag():
    recipes = makefile_recipes(MAKEFILE)
    assert recipes[".venv/.installed"][-1] == (
        ".venv/bin/python -m pip install --quiet -r requirements.lock")
    assert recipes["lab"] == [".venv/bin/jupyter lab --ServerApp.root_dir=notebooks"]


def test_a_different_lock_or_option_is_seen():
    pip = ("venv:python", "-m", "pip", "install")
    make = commands_running(makefile_recipes(MAKEFILE)[".venv/.installed"], *pip)
    same = powershell_block(ps(r".venv\Scripts\python -m pip install -r requirements.lock"))
    other = powershell_block(ps(r".venv\Scripts\python -m pip install -r requirements.txt"))
    assert commands_running(same, *pip) == make
    assert commands_running(other, *pip) != make
    lab = commands_running(makefile_recipes(MAKEFILE)["lab"], "venv:jupyter", "lab")
    elsewhere = powershell_block(ps(r".venv\Scripts\jupyter lab --ServerApp.root_dir=."))
    assert commands_running(elsewhere, "venv:jupyter", "lab") != lab
