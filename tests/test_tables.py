"""erm_course.tables: the error tables of notebooks 01-03 and 08, shown in dollars.

The numbers in a table are the numbers of erm_helpers (numbers stay numbers; only the
display is formatted), and the display is the same every time it is made.
"""

import re

import numpy as np
import pandas as pd
import pytest

import erm_helpers as erm
from erm_course import tables

FIVE = np.array([90_000.0, 94_000.0, 96_000.0, 120_000.0, 160_000.0])


def test_error_tables_hold_the_source_figures():
    t1 = tables.error_table(FIVE, 150_000)
    t2 = tables.error_table(FIVE, 115_000)
    assert t1["error"].iloc[:5].tolist() == [60_000, 56_000, 54_000, 30_000, 10_000]
    assert t1.loc["total error", "error"] == 210_000
    assert t1.loc["mean error", "error"] == 42_000
    assert t2["error"].iloc[:5].tolist() == [25_000, 21_000, 19_000, 5_000, 45_000]
    assert t2.loc["total error", "error"] == 115_000
    assert t2.loc["mean error", "error"] == 23_000
    assert t1["salary"].iloc[:5].tolist() == FIVE.tolist()
    assert t1["salary"].iloc[5:].isna().all()
    # numbers stay numbers
    assert t1["error"].dtype == float and t1["salary"].dtype == float


def test_error_table_follows_the_risk_on_other_data():
    y = np.array([3.0, -1.0, 7.5, 7.5])
    table = tables.error_table(y, 2.0)
    assert table["error"].iloc[:4].tolist() == np.abs(2.0 - y).tolist()
    assert table.loc["mean error", "error"] == pytest.approx(erm.absolute_risk(2.0, y))
    assert list(table.index[:4]) == [1, 2, 3, 4]


def test_error_table_caption_is_short_and_kept_on_one_line():
    caption = tables.error_table(FIVE, 150_000).attrs["caption"]
    assert "|h − yᵢ|" in caption and len(caption) <= 32
    assert "white-space: nowrap" in tables.money_table(tables.error_table(FIVE, 150_000)).to_html()


def test_mean_error_table_ranks_mean_and_median():
    table = tables.mean_error_table(FIVE, {"$150,000": 150_000, "$115,000": 115_000,
                                           "mean": 112_000, "median": 96_000})
    assert table["mean error"].tolist() == [42_000, 23_000, 22_400, 19_200]
    assert table["total error"].tolist() == [210_000, 115_000, 112_000, 96_000]
    assert list(table.index) == ["$150,000", "$115,000", "mean", "median"]


def test_a_list_of_predictions_is_labelled_by_value():
    table = tables.mean_error_table(FIVE, [150_000, 115_000])
    assert list(table.index) == ["$150,000", "$115,000"]
    assert table["h"].tolist() == [150_000, 115_000]
    assert table["mean error"].tolist() == [42_000, 23_000]
    assert "$150,000" in tables.money_table(table).to_html()
    assert tables.labelled_predictions(np.array([96_000.0])) == {"$96,000": 96_000.0}
    assert "prediction" in table.attrs["caption"]


def test_mean_error_table_shows_one_header_row():
    table = tables.mean_error_table(FIVE, {"$115,000": 115_000, "median": 96_000})
    assert table.index.name is None
    html = tables.money_table(table).to_html()
    thead = html.split("<thead>")[1].split("</thead>")[0]
    assert thead.count("<tr>") == 1


def test_money_table_shows_dollars_and_is_the_same_every_time():
    table = tables.error_table(FIVE, 150_000)
    html = tables.money_table(table).to_html()
    for text in ("$90,000", "$160,000", "$60,000", "$10,000", "$210,000", "$42,000",
                 "h = $150,000"):
        assert text in html
    assert "nan" not in html.lower()
    # the id is derived from the content: same table, same HTML; other table, other id
    assert tables.money_table(tables.error_table(FIVE, 150_000)).to_html() == html
    other = tables.money_table(tables.error_table(FIVE, 115_000)).to_html()
    ids = {re.search(r'id="(T_\w+?)"', h).group(1) for h in (html, other)}
    assert len(ids) == 2
    # the data behind the display is untouched
    assert tables.money_table(table).data is table


def test_money_table_formats_only_the_money_columns():
    frame = pd.DataFrame({"h": [95_000.0], "slope": [-0.2], "count": [12_345]})
    html = tables.money_table(frame, money_columns=["h"], decimals=3).to_html()
    assert "$95,000" in html and "-0.200" in html and ">12,345<" in html
    assert "row_heading" not in html                # the 0, 1, 2, ... index is hidden
    assert "row_heading" in tables.money_table(tables.error_table(FIVE, 1.0)).to_html()
    with pytest.raises(ValueError, match="no such column"):
        tables.money_table(frame, money_columns=["salary"])
    with pytest.raises(TypeError):
        tables.money_table([1, 2])


def test_table_builders_check_their_input():
    with pytest.raises(ValueError):
        tables.error_table([], 1.0)
    with pytest.raises(ValueError):
        tables.error_table(FIVE, [1.0, 2.0])
    with pytest.raises(TypeError):
        tables.mean_error_table(FIVE, 150_000)
    with pytest.raises(TypeError):
        tables.mean_error_table(FIVE, {})
    with pytest.raises(ValueError):
        tables.mean_error_table(FIVE, {"a": [1.0, 2.0], "b": [3.0, 4.0]})


# --- notebook 08: the errors of lines, and means by decade ------------------------------------

PROFESSORS = erm.load_professors()
X, Y = PROFESSORS["yrs_since_phd"], PROFESSORS["salary_usd"]
LINES = {"A": (Y.mean(), 0.0), "B": (80_000.0, 1_500.0), "C": (100_000.0, 500.0)}


def test_line_error_table_lists_errors_then_each_lines_risk():
    table = tables.line_error_table(X, Y, LINES)
    assert list(table.index) == [1, 2, 3, 4, 5, "mean squared error"]
    assert table["x"].iloc[:5].tolist() == X[:5].tolist()
    assert table["salary"].iloc[:5].tolist() == Y[:5].tolist()
    for label, (w0, w1) in LINES.items():
        np.testing.assert_allclose(table[label].iloc[:5], Y[:5] - w0 - w1 * X[:5], rtol=1e-12)
        assert table.loc["mean squared error", label] == pytest.approx(
            np.mean((Y - w0 - w1 * X) ** 2), rel=1e-12)
    assert table.loc["mean squared error", "A"] == pytest.approx(np.var(Y), rel=1e-12)
    assert table.loc["mean squared error", ["x", "salary"]].isna().all()


def test_line_table_shows_dollars_and_the_risk_in_scientific_notation():
    styled = tables.line_table(tables.line_error_table(X, Y, LINES))
    html = styled.to_html()
    assert "$139,750" in html and "$31,250" in html            # a salary, an error of B
    assert "9.1511e+08" in html and "years since PhD" in html
    assert html == tables.line_table(tables.line_error_table(X, Y, LINES)).to_html()
    with pytest.raises(TypeError, match="line_error_table"):
        tables.line_table(tables.error_table(FIVE, 100_000))
    with pytest.raises(TypeError, match="non-empty dict"):
        tables.line_error_table(X, Y, {})


def test_bin_means_are_the_means_of_each_decade():
    table = tables.bin_means(X, Y)
    assert list(table.index) == [label for _, _, label in tables.DECADES]
    assert table["count"].sum() == Y.size
    for (low, high, label) in tables.DECADES:
        inside = (X >= low) & (X < high)
        assert table.loc[label, "mean"] == pytest.approx(Y[inside].mean(), rel=1e-12)
        assert table.loc[label, "mean x"] == pytest.approx(X[inside].mean(), rel=1e-12)
    assert list(tables.bin_means([1.0, 45.0], [2.0, 4.0]).index) == ["under 10", "40 or more"]
    with pytest.raises(ValueError, match="same length"):
        tables.bin_means([1.0, 2.0], [1.0])
