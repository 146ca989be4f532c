"""The data files: what the loaders return, and that each file is documented."""

import csv
import re
import statistics

import numpy as np
import pytest

import erm_helpers as erm

README = erm.DATA_DIR / "README.md"


def plain_column(name, column="salary_usd"):
    """The column read with the csv module alone, as an independent reference."""
    with (erm.DATA_DIR / name).open(newline="") as f:
        return [float(row[column]) for row in csv.DictReader(f)]


@pytest.mark.parametrize("load, name, size", [
    (erm.load_salaries, "salaries.csv", 5),
    (erm.load_professor_salaries, "professor_salaries.csv", 397),
])
def test_loaders(load, name, size):
    y = load()
    assert isinstance(y, np.ndarray)
    assert y.dtype == np.float64 and y.ndim == 1 and y.size == size
    assert np.all(np.isfinite(y)) and np.all(y > 0)
    assert y.tolist() == plain_column(name)              # file order, every row
    assert load(erm.DATA_DIR / name).tolist() == y.tolist()


def test_loaders_return_fresh_arrays():
    y = erm.load_salaries()
    y[0] = -1
    assert erm.load_salaries()[0] == 90_000


def test_readme_mentions_every_data_file():
    text = README.read_text()
    files = sorted(p.name for p in erm.DATA_DIR.glob("*.csv"))
    assert files == ["professor_salaries.csv", "salaries.csv"]
    for name in files:
        assert f"`{name}`" in text, f"data/README.md does not describe {name}"


def test_readme_summary_matches_the_professor_data():
    # The summary line in data/README.md is computed from the data, not typed in.
    text = README.read_text()
    found = re.search(r"min \$([\d,]+), median \$([\d,]+), mean \$([\d,]+), "
                      r"max \$([\d,]+)", text)
    assert found, "the summary line of professor_salaries.csv is missing in data/README.md"
    stated = [float(g.replace(",", "")) for g in found.groups()]
    y = plain_column("professor_salaries.csv")
    actual = [min(y), statistics.median(y), statistics.fmean(y), max(y)]
    assert stated == [round(v) for v in actual]
    assert len(y) == 397 and "397" in text


def test_all_lists_every_public_name():
    import ast
    from pathlib import Path
    tree = ast.parse(Path(erm.__file__).read_text())
    public = {node.name for node in tree.body
              if isinstance(node, (ast.FunctionDef, ast.ClassDef))
              and not node.name.startswith("_")}
    assert public <= set(erm.__all__)
    assert all(hasattr(erm, name) for name in erm.__all__)
