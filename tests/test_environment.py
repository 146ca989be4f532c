"""The set-up files agree: pyproject.toml (the one list), environment.yml (conda and
Binder), requirements.lock (the pins), the Makefile and the CI script."""

import os
import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
IGNORED_IN_ENV = {"python", "pip"}     # conda needs them; they are not dependencies


def normalize(name):
    """Package names compare as in PEP 503: case and the runs of -_. do not matter."""
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_name(spec):
    """'numpy>=2; python_version>"3"' -> 'numpy' (also drops [extras] and conda pins)."""
    return normalize(re.split(r"[\s<>=!~;\[(]", spec.strip(), maxsplit=1)[0])


def pyproject_names():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    specs = project["dependencies"] + project["optional-dependencies"]["test"]
    return [requirement_name(s) for s in specs]


def parse_environment(text):
    """The conda dependencies of an environment.yml, by lines (no YAML library needed).

    Returns ``(plain, nested)``: the entries listed directly under ``dependencies:``, and
    the nested lists such as ``- pip:`` as a dict ``{"pip": [...]}``.
    """
    plain, nested = [], {}
    inside, current = False, None
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip())
        if indent == 0:
            inside = line.strip() == "dependencies:"
            continue
        if not inside:
            continue
        item = line.strip()
        if not item.startswith("- "):
            raise ValueError(f"unexpected line in dependencies: {raw!r}")
        item = item[2:].strip()
        if item.endswith(":"):                      # "- pip:" opens a nested list
            current, current_indent = item[:-1], indent
            nested[current] = []
        elif current is not None and indent > current_indent:
            nested[current].append(item)
        else:
            current = None
            plain.append(item)
    return plain, nested


def environment_names():
    """Names in environment.yml: conda packages, plus any pip-only ones (not ``-e .``)."""
    plain, nested = parse_environment((ROOT / "environment.yml").read_text())
    pip_only = [s for s in nested.get("pip", []) if not s.startswith("-")]
    return [requirement_name(s) for s in plain + pip_only
            if requirement_name(s) not in IGNORED_IN_ENV]


def test_the_parser_reads_a_small_file():
    text = ("name: x\nchannels:\n  - conda-forge\ndependencies:\n  - python>=3.11\n"
            "  - pip\n  - numpy  # comment\n  - pip:\n      - -e .\n"
            "  - scikit_learn=1.5\n")
    plain, nested = parse_environment(text)
    assert plain == ["python>=3.11", "pip", "numpy", "scikit_learn=1.5"]
    assert nested == {"pip": ["-e ."]}
    assert requirement_name("scikit_learn=1.5") == "scikit-learn"
    assert requirement_name("python>=3.11") == "python"


def test_parser_agrees_with_a_yaml_reader():
    # PyYAML comes with jupyter (jupyter-events); where present it cross-checks the parser
    yaml = pytest.importorskip("yaml")
    text = (ROOT / "environment.yml").read_text()
    loaded = yaml.safe_load(text)["dependencies"]
    plain, nested = parse_environment(text)
    assert plain == [d for d in loaded if isinstance(d, str)]
    assert nested == {k: v for d in loaded if isinstance(d, dict) for k, v in d.items()}


def test_environment_lists_the_same_packages_as_pyproject():
    ours, theirs = pyproject_names(), environment_names()
    assert len(ours) == len(set(ours)), "a package is listed twice in pyproject.toml"
    assert len(theirs) == len(set(theirs)), "a package is listed twice in environment.yml"
    assert sorted(theirs) == sorted(ours), (
        f"only in pyproject.toml: {sorted(set(ours) - set(theirs))}; "
        f"only in environment.yml: {sorted(set(theirs) - set(ours))}")


def test_environment_installs_the_project_and_is_portable():
    text = (ROOT / "environment.yml").read_text()
    plain, nested = parse_environment(text)
    assert "-e ." in nested.get("pip", [])    # the course module itself, editable
    assert "conda-forge" in text
    # not exported from one laptop: no machine prefix, no build strings
    assert not re.search(r"^prefix:", text, re.MULTILINE)
    assert not [p for p in plain if re.fullmatch(r"[\w.-]+=[^=\s]+=\S+", p)], "build strings"


def lock_pins():
    pins = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        match = re.match(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?==(\S+)", line)
        if match:
            pins[normalize(match.group(1))] = match.group(3)
    return pins


def test_lock_pins_every_dependency():
    pins = lock_pins()
    missing = [name for name in pyproject_names() if name not in pins]
    assert not missing, f"requirements.lock does not pin {missing} with =="
    # every requirement line in the lock is an exact pin
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        line = line.strip()
        if line and not line.startswith(("#", "-")):
            assert re.match(r"^[A-Za-z0-9][A-Za-z0-9._\[\]-]*==\S+", line), line


def makefile_targets():
    text = (ROOT / "Makefile").read_text()
    return set(re.findall(r"^([A-Za-z][\w-]*)\s*:(?!=)", text, re.MULTILINE))


def test_makefile_has_the_commands_the_readme_promises():
    assert {"lab", "test", "lock"} <= makefile_targets()


def test_ci_runs_make_test():
    script = ROOT / ".ci" / "run"
    assert os.access(script, os.X_OK), ".ci/run must be executable"
    commands = [line.split("#", 1)[0].strip() for line in script.read_text().splitlines()]
    assert "make test" in commands


def test_lock_names_no_machine_specific_index_or_folder():
    # pip-compile copies pip.conf's extra indexes and wheel folders into the lock unless
    # told not to; another machine has neither.
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        assert not line.startswith(("--extra-index-url", "--index-url", "-i ",
                                    "--find-links", "-f ")), line
        assert "file://" not in line, line
