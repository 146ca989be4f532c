"""The data files: that each one is documented, with a summary computed from the data.

What the loaders return (every row, in file order, as floats) is in
``tests/test_erm_helpers.py``; their error messages for broken files are in
``tests/test_bad_input.py``.
"""

import re
import statistics

import erm_helpers as erm
from references import plain_column

README = erm.DATA_DIR / "README.md"


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
