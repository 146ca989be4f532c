"""erm_course.figures.absolute_and_squared: the figures of notebooks 01-03.

The figures are read back through the artists the plotting functions return: the line data
must be the risk functions' values, the corners must sit at the data, the shaded flat bottom
must be the interval the minimizer function reports. That every figure is sharp, legible
and in the course's palette is checked for all figures at once in ``tests/test_style.py``.
"""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import erm_helpers as erm  # noqa: E402
from erm_course import figures, money  # noqa: E402

FIVE = np.array([90_000.0, 94_000.0, 96_000.0, 120_000.0, 160_000.0])
SIX = np.append(FIVE, 100_000.0)
RAISED = np.where(FIVE == 160_000, 320_000.0, FIVE)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_number_line_marks_data_and_predictions_labelled_by_value():
    predictions = {"$150,000": 150_000, "$115,000": 115_000, "mean": 112_000,
                   "median": 96_000}
    drawn = figures.plot_number_line(FIVE, predictions)
    assert drawn["data"].get_xdata().tolist() == FIVE.tolist()
    for label, h in predictions.items():
        assert set(drawn["predictions"][label].get_xdata()) == {h}
        text = drawn["labels"][label].get_text().replace("\\$", "$")
        assert money(h) in text
        # a prediction named by its value shows the value alone, a named one "name = value"
        assert text == (money(h) if label.startswith("$") else f"{label} = {money(h)}")
    # the two predictions keep their colours and line styles; the mean and median theirs
    from erm_course.style import COLORS
    from matplotlib.colors import to_hex
    lines = drawn["predictions"]
    assert to_hex(lines["$150,000"].get_color()) == to_hex(COLORS["first prediction"])
    assert to_hex(lines["$115,000"].get_color()) == to_hex(COLORS["second prediction"])
    assert to_hex(lines["mean"].get_color()) == to_hex(COLORS["mean"])
    assert lines["$150,000"].get_linestyle() != lines["$115,000"].get_linestyle()


def test_number_line_takes_a_list_and_keeps_low_labels_off_tall_lines():
    drawn = figures.plot_number_line(FIVE, [150_000, 115_000])
    assert list(drawn["predictions"]) == ["$150,000", "$115,000"]
    plt.close("all")
    # notebook 01's four: $115,000's label is low, beside the mean's tall line
    predictions = {"$150,000": 150_000, "$115,000": 115_000, "mean": 112_000,
                   "median": 96_000}
    drawn = figures.plot_number_line(FIVE, predictions)
    fig = drawn["data"].figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    for label, h in predictions.items():
        box = drawn["labels"][label].get_window_extent(renderer)
        for other, line in drawn["predictions"].items():
            x = drawn["data"].axes.transData.transform((predictions[other], 0))[0]
            top = drawn["data"].axes.transData.transform((0, max(line.get_ydata())))[1]
            if other != label and top > box.y0:
                assert not box.x0 < x < box.x1, (label, other)


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
    # one legend, below the four panels, and none inside them
    fig = drawn["frame"].axes.figure
    assert fig.legends == [drawn["legend"]]
    assert all(ax.get_legend() is None for ax in fig.axes)
    assert fig.get_figwidth() * fig.dpi <= 1_000


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
    labels = [t.get_text() for t in drawn["legend"].get_texts()]
    assert "numerical slope" in labels and any(t.startswith("R(h)") for t in labels)
    assert top.get_legend() is None and bottom.get_legend() is None


def test_the_slope_labels_of_the_v_sit_inside_it():
    drawn = figures.plot_absolute_loss(96_000)
    ax = drawn["line"].axes
    for text in ax.texts:
        x, y = text.xy
        assert y == pytest.approx(abs(x - 96_000))       # anchored on the branch ...
        assert text.get_position() != (0, 0)             # ... and pushed off it
        assert text.get_ha() == ("left" if x < 96_000 else "right")   # towards the inside


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
    # one legend below both panels, which share the h axis
    top = drawn["absolute"]["before"]["line"].axes
    bottom = drawn["squared"]["before"]["line"].axes
    assert top.get_xlim() == bottom.get_xlim() and top.figure.legends == [drawn["legend"]]


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
    # one h axis; the median and the mean marked across both panels, the mean to the right
    top, bottom = drawn["absolute"]["line"].axes, drawn["squared"]["line"].axes
    assert top.get_xlim() == bottom.get_xlim()
    assert [line.axes for line in drawn["median"]] == [top, bottom]
    assert {line.get_xdata()[0] for line in drawn["median"]} == {np.median(y)}
    assert [line.get_xdata()[0] for line in drawn["mean"]] == [pytest.approx(np.mean(y))] * 2
    low, high = top.get_xlim()
    assert low < np.median(y) < np.mean(y) < high
    # the gap between them is a visible part of the axis, and the title says how large
    assert (np.mean(y) - np.median(y)) / (high - low) > 0.1
    assert money(np.mean(y) - np.median(y)) in top.get_title().replace("\\$", "$")
    np.testing.assert_allclose(drawn["squared"]["line"].get_ydata(),
                               erm.squared_risk(drawn["squared"]["line"].get_xdata(), y))


def test_figures_draw_on_given_axes():
    fig, ax = plt.subplots()
    drawn = figures.plot_absolute_risk(FIVE, ax=ax, h=[80_000, 96_000, 130_000])
    assert drawn["line"].axes is ax
    assert drawn["line"].get_xdata().tolist() == [80_000, 96_000, 130_000]
    with pytest.raises(ValueError):
        figures.plot_absolute_risk(FIVE, h=[1.0])
