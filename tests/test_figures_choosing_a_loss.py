"""erm_course.figures.choosing_a_loss: the figures of notebook 06, checked against
erm_helpers.

The figures are drawn on plain matplotlib Figures (no pyplot, no display) and their line
data read back; only the width check draws each on a new pyplot figure, as a notebook
does. The general laws (the L_p limits, the Huber facts, ...) and the numbers notebook 06
quotes are in ``tests/test_claims.py``; that every figure is sharp, legible, at most a
column wide and in the course's palette is checked for all figures at once in
``tests/test_style.py``.
"""

import math

import numpy as np
import pytest
from matplotlib.figure import Figure

import erm_helpers as erm
from erm_course import figures, money

Y = erm.load_salaries()
PROFESSORS = erm.load_professor_salaries()


def axes(nrows=1, ncols=1):
    fig = Figure()
    return fig.subplots(nrows, ncols) if nrows * ncols > 1 else fig.subplots()


def test_lp_typical_error_curves_and_minimizers():
    drawn = figures.plot_lp_typical_errors(Y, ax=axes())
    assert len(drawn["lines"]) == len(figures.LP_EXPONENTS)
    for p, line, mark in zip(figures.LP_EXPONENTS, drawn["lines"], drawn["minimizers"]):
        x, v = line.get_data()
        np.testing.assert_allclose(v, erm.lp_typical_error(x, Y, p), rtol=1e-12)
        assert mark.get_xdata()[0] == erm.lp_risk_minimizer(Y, p)
        assert money(erm.lp_risk_minimizer(Y, p)) in line.get_label().replace("\\$", "$")


def test_lp_minimizer_path_runs_from_median_to_midrange():
    drawn = figures.plot_lp_minimizers(Y, ax=axes())
    ps, m = drawn["path"].get_data()
    np.testing.assert_allclose(m, [erm.lp_risk_minimizer(Y, p) for p in ps])
    assert m[0] == erm.lp_risk_minimizer(Y, 1) == drawn["median"].get_ydata()[0]
    assert drawn["mean"].get_ydata()[0] == erm.squared_risk_minimizer(Y)
    midrange = erm.lp_risk_minimizer(Y, math.inf)
    assert drawn["midrange"].get_ydata()[0] == midrange
    assert abs(m[-1] - midrange) < 1.0          # p = 1,000


def test_lp_grid_panels():
    panels = figures.plot_lp_risk_grid(Y, [1, 2, math.inf], axes=axes(1, 3))
    for p, panel in zip([1, 2, math.inf], panels):
        x, v = panel["curve"].get_data()
        np.testing.assert_allclose(v, erm.lp_typical_error(x, Y, p), rtol=1e-12)
        assert panel["minimizer"].get_xdata()[0] == erm.lp_risk_minimizer(Y, p)


def test_zero_one_panel_marks_the_mode_and_ucsd_its_minimizer():
    drawn = figures.plot_zero_one_and_ucsd(PROFESSORS, [100, 1_000], axes=axes(3, 1))
    np.testing.assert_array_equal(drawn["mode"].get_xdata(),
                                  erm.zero_one_risk_minimizers(PROFESSORS))
    np.testing.assert_allclose(drawn["mode"].get_ydata(),
                               erm.zero_one_risk(erm.zero_one_risk_minimizers(PROFESSORS),
                                                 PROFESSORS))
    segments = drawn["drops"].get_segments()
    assert len(segments) == np.unique(PROFESSORS).size
    for sigma, panel in zip([100, 1_000], drawn["ucsd"]):
        x, v = panel["curve"].get_data()
        np.testing.assert_allclose(v, erm.ucsd_risk(x, PROFESSORS, sigma), rtol=1e-12)
        assert panel["minimizer"].get_xdata()[0] == erm.ucsd_global_minimizer(PROFESSORS,
                                                                               sigma)
    # the mode is dotted in every panel, and named in the key
    mode = erm.zero_one_risk_minimizers(PROFESSORS)[0]
    for line in [drawn["mode_line"]] + [panel["mode_line"] for panel in drawn["ucsd"]]:
        assert list(line.get_xdata()) == [mode, mode]
    (key,) = drawn["drops"].axes.figure.legends
    assert money(mode) in " ".join(t.get_text().replace("\\$", "$") for t in key.get_texts())


def test_huber_loss_shape():
    drawn = figures.plot_huber_loss([10_000, 20_000], ax=axes())
    for delta, line, kink in zip([10_000, 20_000], drawn["lines"], drawn["kinks"]):
        r, v = line.get_data()
        np.testing.assert_allclose(v, erm.huber_loss(r, 0.0, delta))
        np.testing.assert_allclose(kink.get_ydata(), erm.huber_loss(kink.get_xdata(), 0.0,
                                                                    delta))
    r, v = drawn["parabola"].get_data()
    np.testing.assert_allclose(v, r ** 2 / 2)


def test_huber_minimizer_path_and_grid():
    drawn = figures.plot_huber_minimizers(Y, ax=axes())
    d, m = drawn["path"].get_data()
    np.testing.assert_allclose(m, [erm.huber_risk_minimizer(Y, x) for x in d])
    panels = figures.plot_huber_risk_grid(Y, figures.HUBER_DELTAS, axes=axes(2, 2))
    for delta, panel in zip(figures.HUBER_DELTAS, panels):
        x, v = panel["curve"].get_data()
        np.testing.assert_allclose(v, erm.huber_risk(x, Y, delta) / delta, rtol=1e-12)
        # R_delta / delta lies within delta / 2 below the absolute risk
        absolute = erm.absolute_risk(x, Y)
        assert np.all(v <= absolute * (1 + 1e-12)) and np.all(v >= absolute - delta / 2 - 1e-6)
        assert panel["minimizer"].get_xdata()[0] == erm.huber_risk_minimizer(Y, delta)


def test_lp_minimizer_labels_name_p_and_stay_off_the_axis():
    drawn = figures.plot_lp_minimizers(Y, ax=axes())
    ax = drawn["path"].axes
    labels = [t for t in ax.texts if t.get_text().startswith("p = ")]
    assert [t.get_text() for t in labels] == ["p = 1", "p = 1.5", "p = 2", "p = 3", "p = 10"]
    # the lowest point, p = 1 at the median, has room below it for its label
    assert ax.get_ylim()[0] < erm.lp_risk_minimizer(Y, 1) - 0.1 * (
        erm.lp_risk_minimizer(Y, math.inf) - erm.lp_risk_minimizer(Y, 1))


@pytest.mark.parametrize("call, match", [
    (lambda: figures.plot_lp_typical_errors(Y, [0.5], ax=axes()), "at least 1"),
    (lambda: figures.plot_lp_typical_errors([], ax=axes()), "empty"),
    (lambda: figures.plot_lp_minimizers(Y, marked=[math.inf], ax=axes()), "log axis"),
    (lambda: figures.plot_lp_risk_grid(Y, [], axes=axes(1, 2)), "at least one"),
    (lambda: figures.plot_zero_one_and_ucsd(Y, [-1], axes=axes(2, 1)), "positive"),
    (lambda: figures.plot_huber_loss([], ax=axes()), "at least one"),
    (lambda: figures.plot_huber_loss([0], ax=axes()), "positive"),
    (lambda: figures.plot_huber_risk_grid(Y, [np.nan], axes=axes(1, 2)), "finite"),
])
def test_figures_reject_bad_input(call, match):
    with pytest.raises((ValueError, TypeError), match=match):
        call()
