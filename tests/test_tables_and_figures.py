"""Tables, figures and exercise checks of notebooks 01-03 (erm_course: tables, figures, exercises).

The figures are read back through the artists the plotting functions return: the line data
must be the risk functions' values, the corners must sit at the data, the shaded flat bottom
must be the interval the minimizer function reports.
"""

import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

import erm_helpers as erm  # noqa: E402
from erm_course import figures, tables, check, money  # noqa: E402
from erm_course.exercises import judging  # noqa: E402

FIVE = np.array([90_000.0, 94_000.0, 96_000.0, 120_000.0, 160_000.0])
SIX = np.append(FIVE, 100_000.0)
RAISED = np.where(FIVE == 160_000, 320_000.0, FIVE)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


# ---------------------------------------------------------------------------- tables

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


def test_mean_error_table_ranks_mean_and_median():
    table = tables.mean_error_table(FIVE, {"h1": 150_000, "h2": 115_000,
                                        "mean": 112_000, "median": 96_000})
    assert table["mean error"].tolist() == [42_000, 23_000, 22_400, 19_200]
    assert table["total error"].tolist() == [210_000, 115_000, 112_000, 96_000]
    assert list(table.index) == ["h1", "h2", "mean", "median"]


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
        tables.mean_error_table(FIVE, [150_000])


# ---------------------------------------------------------------------------- figures

def test_number_line_marks_data_and_guesses():
    guesses = {"h1": 150_000, "h2": 115_000, "mean": 112_000, "median": 96_000}
    drawn = figures.plot_number_line(FIVE, guesses)
    assert drawn["data"].get_xdata().tolist() == FIVE.tolist()
    for label, h in guesses.items():
        assert set(drawn["guesses"][label].get_xdata()) == {h}
        assert money(h) in drawn["labels"][label].get_text().replace("\\$", "$")


def test_absolute_loss_is_a_v_with_its_corner_at_the_data_value():
    drawn = figures.plot_absolute_loss(96_000)
    h, loss = drawn["line"].get_xdata(), drawn["line"].get_ydata()
    np.testing.assert_array_equal(loss, np.abs(h - 96_000))
    assert 96_000 in h and loss.min() == 0
    assert drawn["kink"].get_xdata().tolist() == [96_000]


def test_absolute_risk_line_is_the_risk_function():
    drawn = figures.plot_absolute_risk(FIVE)
    h, r = drawn["line"].get_xdata(), drawn["line"].get_ydata()
    assert h.min() >= 0
    np.testing.assert_allclose(r, [erm.empirical_risk(erm.absolute_loss, x, FIVE) for x in h],
                               rtol=1e-12)
    assert drawn["minimum"].get_xdata().tolist() == [96_000]
    assert drawn["span"] is None


@pytest.mark.parametrize("y", [FIVE, SIX, np.array([10.0, 10.0, 40.0, 55.0])])
def test_absolute_risk_has_corners_exactly_at_the_data(y):
    drawn = figures.plot_absolute_risk(y)
    h, r = drawn["line"].get_xdata(), drawn["line"].get_ydata()
    slopes = np.diff(r) / np.diff(h)
    turns = np.flatnonzero(~np.isclose(np.diff(slopes), 0, atol=1e-9)) + 1
    assert h[turns].tolist() == np.unique(y).tolist()
    # the slope changes by 2/n for each data point at the corner
    jumps = np.diff(slopes)[turns - 1]
    counts = np.array([np.sum(y == v) for v in np.unique(y)])
    np.testing.assert_allclose(jumps, 2 * counts / y.size)
    assert drawn["kinks"].get_xdata().tolist() == np.unique(y).tolist()


def test_flat_bottom_is_the_interval_of_minimizers_for_six_salaries():
    drawn = figures.plot_absolute_risk(SIX)
    span = drawn["span"]
    assert (span.get_x(), span.get_x() + span.get_width()) == erm.absolute_risk_minimizers(SIX)
    assert drawn["minimum"] is None
    h, r = drawn["line"].get_xdata(), drawn["line"].get_ydata()
    inside = (h >= 96_000) & (h <= 100_000)
    np.testing.assert_allclose(r[inside], r.min())


def test_slope_steps_follow_the_counting_formula_and_the_numerical_slopes():
    drawn = figures.plot_slope_steps(FIVE)
    x, s = drawn["steps"].get_xdata(), drawn["steps"].get_ydata()
    ok = ~np.isnan(x)
    ends = x[ok].reshape(-1, 2)
    # one flat piece between each pair of neighbouring salaries, plus the two outer ones
    assert ends[1:, 0].tolist() == FIVE.tolist() == ends[:-1, 1].tolist()
    mids = ends.mean(axis=1)
    np.testing.assert_array_equal(s[ok].reshape(-1, 2)[:, 0],
                                  [(np.sum(FIVE < m) - np.sum(FIVE > m)) / 5 for m in mids])
    hn, sn = drawn["numeric"].get_xdata(), drawn["numeric"].get_ydata()
    assert not np.isin(hn, FIVE).any()
    np.testing.assert_allclose(sn, erm.absolute_risk_slope(hn, FIVE), atol=1e-9)


def test_risk_and_slope_share_the_h_axis():
    drawn = figures.plot_risk_and_slope(FIVE)
    top = drawn["risk"]["line"].axes
    bottom = drawn["slope"]["steps"].axes
    assert top is not bottom
    assert top.get_xlim() == bottom.get_xlim()


def test_squared_risk_line_and_minimum():
    drawn = figures.plot_squared_risk(FIVE)
    h, r = drawn["line"].get_xdata(), drawn["line"].get_ydata()
    np.testing.assert_allclose(r, [np.mean((x - FIVE) ** 2) for x in h], rtol=1e-12)
    assert drawn["minimum"].get_xdata().tolist() == [112_000]
    assert drawn["minimum"].get_ydata().tolist() == [686_400_000]


def test_outlier_experiment_draws_both_risks_before_and_after():
    drawn = figures.plot_outlier_experiment(FIVE, RAISED)
    for key, data in (("before", FIVE), ("after", RAISED)):
        line = drawn["absolute"][key]["line"]
        np.testing.assert_allclose(line.get_ydata(),
                                   erm.absolute_risk(line.get_xdata(), data), rtol=1e-12)
        line = drawn["squared"][key]["line"]
        np.testing.assert_allclose(line.get_ydata(),
                                   erm.squared_risk(line.get_xdata(), data), rtol=1e-12)
    medians = [drawn["absolute"][k]["minimum"].get_xdata()[0] for k in ("before", "after")]
    means = [drawn["squared"][k]["minimum"].get_xdata()[0] for k in ("before", "after")]
    assert medians == [96_000, 96_000]
    assert means == [112_000, 144_000]
    assert "$32,000" in drawn["squared"]["before"]["line"].axes.get_title().replace("\\$", "$")


def test_histogram_marks_mean_and_median():
    y = erm.load_professor_salaries()
    drawn = figures.plot_salary_histogram(y, bins=20)
    assert len(drawn["bars"]) == 20
    assert sum(bar.get_height() for bar in drawn["bars"]) == y.size
    assert drawn["mean"].get_xdata()[0] == pytest.approx(np.mean(y))
    assert drawn["median"].get_xdata()[0] == np.median(y)


def test_both_risks_on_real_data():
    y = erm.load_professor_salaries()
    drawn = figures.plot_both_risks(y)
    assert drawn["absolute"]["kinks"] is None          # 397 corners would be clutter
    assert drawn["absolute"]["minimum"].get_xdata()[0] == np.median(y)
    assert drawn["squared"]["minimum"].get_xdata()[0] == pytest.approx(np.mean(y))


def test_figures_draw_on_given_axes():
    fig, ax = plt.subplots()
    drawn = figures.plot_absolute_risk(FIVE, ax=ax, h=[80_000, 96_000, 130_000])
    assert drawn["line"].axes is ax
    assert drawn["line"].get_xdata().tolist() == [80_000, 96_000, 130_000]
    with pytest.raises(ValueError):
        figures.plot_absolute_risk(FIVE, h=[1.0])


# ---------------------------------------------------------------------------- checkers

Y_PROF = erm.load_professor_salaries()
RIGHT = {
    "01.1": erm.absolute_risk(100_000, FIVE),
    "01.2": (erm.absolute_risk(150_000, Y_PROF), erm.absolute_risk(115_000, Y_PROF)),
    "02.1": erm.absolute_risk_slope(100_000, FIVE),
    "02.2": erm.absolute_risk_minimizers(np.append(FIVE, 130_000)),
    "02.3": erm.absolute_risk(np.median(Y_PROF), Y_PROF),
    "03.1": float(np.var(RAISED)),
    "03.2": lambda h, y: 2 * np.mean(h - y),
    "03.3": (float(np.mean(np.where(FIVE == 160_000, 1e6, FIVE))), 96_000.0),
}


def test_every_exercise_of_notebooks_01_to_03_is_tested():
    keys = {k for k in judging.EXERCISES if k[:2] in ("01", "02", "03")}
    assert keys == set(RIGHT)


@pytest.mark.parametrize("key", sorted(RIGHT))
def test_right_answers_pass(key):
    feedback = check(key, RIGHT[key])
    assert feedback.ok, feedback.text
    assert repr(feedback).startswith("Right.")


def test_the_hand_computed_answers_agree():
    # Worked by hand in the notebooks' solutions: (10 + 6 + 4 + 20 + 60) / 5 = 20,000 etc.
    assert check("01.1", 20_000)
    assert check("02.1", 0.2)
    assert check("02.2", (96_000, 120_000))
    assert check("03.1", 7_854_400_000)
    assert check("03.3", (280_000, 96_000))
    assert check("03.2", lambda h, y: 2 * (h - np.mean(y)))


WRONG = [
    # (key, answer, words the hint must contain)
    ("01.1", 100_000, "total"),
    ("01.1", 12_000, "distance"),
    ("01.1", 19_000, "add them up"),
    ("01.1", "20000", "one number"),
    ("01.2", RIGHT["01.2"][::-1], "wrong order"),
    ("01.2", (erm.absolute_risk(150_000, Y_PROF) * Y_PROF.size,
              erm.absolute_risk(115_000, Y_PROF) * Y_PROF.size), "total errors"),
    ("01.2", (150_000, 115_000), "average"),
    ("01.2", 5, "two numbers"),
    ("02.1", -0.2, "sign"),
    ("02.1", 1, "divide by n"),
    ("02.1", 0.5, "Count"),
    ("02.2", 108_000, "both ends"),
    ("02.2", (120_000, 96_000), "wrong order"),
    ("02.2", (94_000, 120_000), "Sort"),
    ("02.3", np.median(Y_PROF), "R(h*)"),
    ("02.3", erm.absolute_risk(np.mean(Y_PROF), Y_PROF), "at the mean"),
    ("03.1", 686_400_000, "before the raise"),
    ("03.1", np.std(RAISED), "square root"),
    ("03.1", np.var(RAISED, ddof=1), "n - 1"),
    ("03.2", 3.0, "function"),
    ("03.2", lambda h, y: np.mean(h - y), "factor 2"),
    ("03.2", lambda h, y: 2 * np.mean(y - h), "sign"),
    ("03.2", lambda h, y: 2 * np.sum(h - y), "divide by n"),
    ("03.2", lambda h, y: 1 / 0, "ZeroDivisionError"),
    ("03.2", lambda h, y: [1.0, 2.0], "one number"),
    ("03.3", (96_000, 280_000), "wrong order"),
    ("03.3", (280_000, 100_000), "middle salary"),
    ("03.3", (112_000, 96_000), "The median is right"),
]


@pytest.mark.parametrize("key, answer, hint", WRONG)
def test_wrong_answers_fail_with_a_hint(key, answer, hint):
    feedback = check(key, answer)
    assert not feedback.ok
    assert hint in feedback.text
    assert repr(feedback).startswith("Not yet.")


@pytest.mark.parametrize("key", sorted(k for k, v in RIGHT.items() if not callable(v)))
def test_hints_do_not_give_the_answer_away(key):
    right = RIGHT[key]
    for wrong in (None, 1.0, (1.0, 2.0)):
        text = check(key, wrong).text
        for value in np.ravel(right):
            assert money(value) not in text
            assert f"{value:g}" not in text


def test_outlier_experiment_with_an_even_number_of_salaries():
    # With six salaries the absolute risk's minimum is a band, not a star.
    import matplotlib.pyplot as plt
    six = np.append(erm.load_salaries(), 100_000)
    drawn = figures.plot_outlier_experiment(six, np.where(six == 160_000, 320_000, six))
    band = drawn["absolute"]["before"]["span"]
    assert band is not None and drawn["absolute"]["before"]["minimum"] is None
    np.testing.assert_allclose(drawn["squared"]["after"]["minimum"].get_xdata(),
                               [np.mean(np.where(six == 160_000, 320_000, six))])
    plt.close("all")


def test_a_derivative_with_a_fixed_n_is_told_to_use_len_y():
    n = 5   # the notebook's global, wrongly used inside the function
    feedback = check("03.2", lambda h, y: 2 / n * float(np.sum(h - y)))
    assert not feedback.ok and "len(y)" in feedback.text


# ------------------------------------------------------------ the teaching pass (issue 12)

def test_blank_answers_wait_neutrally_and_stay_false():
    from erm_course.exercises import EXERCISES
    for key in EXERCISES:
        feedback = check(key, None)
        assert not feedback and feedback.blank and not feedback.ok
        assert repr(feedback).startswith("Waiting for your answer.")
        html = feedback._repr_html_()
        assert "Not yet" not in html and "#9a6700" not in html and "Waiting" in html
    # the notebooks' placeholder functions are blanks too, not wrong answers
    assert check("03.2", lambda h, y: None).blank
    assert check("04.2", lambda h: 0.0).blank
    wrong = check("01.1", 1.0)
    assert not wrong.blank and repr(wrong).startswith("Not yet.")
    assert "Not yet" in wrong._repr_html_()
    assert repr(check("00.demo", 4)).startswith("Right.")


def test_mean_error_table_shows_one_header_row():
    table = tables.mean_error_table(FIVE, {"h2": 115_000, "median": 96_000})
    assert table.index.name is None
    html = tables.money_table(table).to_html()
    thead = html.split("<thead>")[1].split("</thead>")[0]
    assert thead.count("<tr>") == 1


def test_error_table_caption_is_short_and_kept_on_one_line():
    caption = tables.error_table(FIVE, 150_000).attrs["caption"]
    assert "|h − yᵢ|" in caption and len(caption) <= 32
    assert "white-space: nowrap" in tables.money_table(tables.error_table(FIVE, 150_000)).to_html()


def test_flat_bottom_zoom_shows_the_interval_wide():
    drawn = figures.plot_flat_bottom(SIX)
    low, high = drawn["window"]
    assert low < 96_000 and high > 100_000
    assert drawn["zoom"]["risk"]["line"].axes.get_xlim() == pytest.approx((low, high))
    span = drawn["zoom"]["risk"]["span"]
    assert (float(span.get_x()), float(span.get_x() + span.get_width())) == (96_000, 100_000)
    # the interval fills a third of the zoomed panel, against a few percent of the whole
    assert 4_000 / (high - low) >= 0.3
    whole = drawn["whole"]["risk"]["line"].axes.get_xlim()
    assert 4_000 / (whole[1] - whole[0]) < 0.05
    # the zoomed risk is the risk, and the zoomed slope is 0 across the interval
    x, r = drawn["zoom"]["risk"]["line"].get_data()
    np.testing.assert_allclose(r, erm.absolute_risk(x, SIX))
    xs, slopes = drawn["zoom"]["slope"]["numeric"].get_data()
    assert np.all(slopes[(xs > 96_000) & (xs < 100_000)] == pytest.approx(0))


def _every_figure():
    y, prof = FIVE, erm.load_professor_salaries()
    return {
        "number line": lambda: figures.plot_number_line(y, {"h1": 150_000, "h2": 115_000}),
        "absolute loss": lambda: figures.plot_absolute_loss(96_000),
        "risk and slope": lambda: figures.plot_risk_and_slope(y),
        "flat bottom": lambda: figures.plot_flat_bottom(SIX),
        "squared risk": lambda: figures.plot_squared_risk(y),
        "both risks": lambda: figures.plot_both_risks(prof),
        "outlier": lambda: figures.plot_outlier_experiment(y, RAISED),
        "histogram": lambda: figures.plot_salary_histogram(prof),
        "ucsd loss": lambda: figures.plot_ucsd_loss(),
        "ucsd grid": lambda: figures.plot_ucsd_risk_grid(y),
        "derivative": lambda: figures.plot_ucsd_derivative(y, 21_000),
        "descent": lambda: figures.plot_descent_paths(y, [0.1, 1.1], 150_000),
        "ucsd descent": lambda: figures.plot_descent_paths(
            prof, 1e8, [150_000, 225_000], risk="ucsd", sigma=10_000, zoom=[False, True]),
        "errors": lambda: figures.plot_descent_errors(y, [0.1, 0.5, 1.1], 150_000),
    }


@pytest.mark.parametrize("name", sorted(_every_figure()))
def test_static_figures_are_sharp_legible_and_in_the_course_palette(name):
    from matplotlib.colors import to_hex
    from erm_course.style import FIGURE_DPI, FONT_SIZE, OKABE_ITO
    plt.close("all")
    _every_figure()[name]()
    fig = plt.gcf()
    assert fig.dpi >= 150 and FIGURE_DPI >= 150
    fig.canvas.draw()
    texts = [t for t in fig.findobj(matplotlib.text.Text) if t.get_visible() and t.get_text()]
    small = [(t.get_text(), t.get_fontsize()) for t in texts if t.get_fontsize() < FONT_SIZE]
    assert not small
    for ax in fig.axes:   # no "1e9" or "1e-5" at the end of an axis
        assert ax.xaxis.get_offset_text().get_text() == ""
        assert ax.yaxis.get_offset_text().get_text() == ""
    palette = {c.lower() for c in OKABE_ITO.values()}
    for line in fig.findobj(matplotlib.lines.Line2D):
        color = to_hex(line.get_color()).lower()
        r, g, b = (int(color[i:i + 2], 16) for i in (1, 3, 5))
        assert color in palette or r == g == b, (name, line.get_label(), color)
