"""erm_course.figures.outliers_and_convexity: the figures of notebook 07, checked against
erm_helpers.

The figures are drawn on plain matplotlib Figures (no pyplot, no display) and their line
data read back; only the width check draws each on a new pyplot figure, as a notebook
does. The general laws (convexity of the L_p and Huber risks, the slope test, bounded
Huber influence, what a fixed and a shrinking step do on the absolute risk) and the
numbers notebook 07 quotes are in ``tests/test_claims.py``; that every figure is sharp,
legible, at most a column wide and in the course's palette is checked for all figures at
once in ``tests/test_style.py``.
"""

import math

import numpy as np
import pytest
from matplotlib.figure import Figure

import erm_helpers as erm
from erm_course import figures
from erm_course.figures import outliers_and_convexity as oc

Y = erm.load_salaries()
PROFESSORS = erm.load_professor_salaries()


def axes(nrows=1, ncols=1):
    fig = Figure()
    return fig.subplots(nrows, ncols) if nrows * ncols > 1 else fig.subplots()


# -- one salary moved -------------------------------------------------------------------------

def test_the_move_starts_where_the_largest_is_still_the_largest():
    assert figures.second_largest(Y) == 120_000
    near, far = oc.influence_values(Y)
    assert near[0] == far[0] == 120_000 and near[-1] == 180_000 and far[-1] == 1_000_000
    assert np.all(np.diff(near) == 1_000)
    # every moved value keeps the moved salary the largest (ties at the start included)
    for value in far:
        moved = figures.with_largest_replaced(Y, value)
        assert moved.max() == value
    # the professors' range ends at $1,000,000 too, not on the last $10,000 step below it
    assert oc.influence_values(PROFESSORS)[1][-1] == 1_000_000
    # a marked value is added only to a panel whose range holds it
    near, far = oc.influence_values(Y, current=320_000)
    assert 320_000 not in near and 320_000 in far


def test_influence_curves_are_the_minimizers_of_the_moved_data():
    near, far = figures.plot_influence_curves(Y, current=320_000, axes=axes(1, 2))
    for panel in (near, far):
        x, _ = panel["mean"].get_data()
        assert x[0] == 120_000
        for value in x[::13]:
            moved = figures.with_largest_replaced(Y, value)
            k = int(np.flatnonzero(x == value)[0])
            assert panel["mean"].get_ydata()[k] == pytest.approx(erm.squared_risk_minimizer(moved))
            assert panel["median"].get_ydata()[k] == float(np.median(moved))
            assert panel["huber"].get_ydata()[k] == erm.huber_risk_minimizer(moved, 20_000)
            assert panel["ucsd"].get_ydata()[k] == erm.ucsd_global_minimizer(moved, 21_000)
    assert near["mean"].get_xdata()[-1] == 180_000 and near["current"] is None
    raised = figures.with_largest_replaced(Y, 320_000)
    expected = {"mean": erm.squared_risk_minimizer(raised),
                "median": erm.lp_risk_minimizer(raised, 1),
                "huber": erm.huber_risk_minimizer(raised, 20_000),
                "ucsd": erm.ucsd_global_minimizer(raised, 21_000)}
    for name, value in expected.items():
        assert far["current"][name].get_ydata()[0] == pytest.approx(value)
    assert list(far["current"]["line"].get_xdata()) == [320_000, 320_000]


def test_influence_table_names_each_minimizer():
    table = figures.influence_table(Y, [120_000, 1_000_000])
    assert set(table) == set(oc.INFLUENCE_NAMES)
    assert table["huber"][0] == table["mean"][0] == 104_000     # every salary within delta
    assert table["mean"][1] == 280_000 and table["median"][1] == 96_000


# -- convexity ----------------------------------------------------------------------------------

def test_chords_of_huber_above_and_of_ucsd_below():
    huber, ucsd = figures.plot_chords(Y, 21_000, delta=20_000, axes=axes(1, 2))
    low, high = erm.ucsd_local_minima(Y, 21_000)
    mid = (low + high) / 2
    assert ucsd["values"] == pytest.approx(
        (erm.ucsd_risk(mid, Y, 21_000),
         (erm.ucsd_risk(low, Y, 21_000) + erm.ucsd_risk(high, Y, 21_000)) / 2))
    assert ucsd["values"][1] < ucsd["values"][0]       # a fact of these data at this sigma
    assert huber["values"][1] > huber["values"][0]
    np.testing.assert_allclose(ucsd["chord"].get_xdata(), [low, high])
    assert "below" in ucsd["curve"].axes.get_title() and "above" in huber["curve"].axes.get_title()


def test_lp_slope_is_the_slope_of_the_lp_risk():
    h = np.linspace(80_000, 170_000, 37) + 0.5
    for p in (1.5, 2.0, 3.0):
        numeric = (erm.lp_risk(h + 0.01, Y, p) - erm.lp_risk(h - 0.01, Y, p)) / 0.02
        np.testing.assert_allclose(oc.lp_risk_slope(h, Y, p), numeric, rtol=1e-6)
    np.testing.assert_allclose(oc.lp_risk_slope(h, Y, 2), erm.squared_risk_derivative(h, Y))


def test_slopes_of_the_convex_risks_never_fall_and_the_ucsd_slope_does():
    panels = figures.plot_slopes(Y, axes=axes(2, 2))
    x, _ = panels[0]["slope"].get_data()
    expected = [erm.absolute_risk_slope(x, Y), oc.lp_risk_slope(x, Y, 1.5),
                erm.huber_risk_derivative(x, Y, 20_000), erm.ucsd_risk_derivative(x, Y, 21_000)]
    for panel, slope in zip(panels, expected):
        np.testing.assert_allclose(panel["slope"].get_ydata(), slope, rtol=1e-12, atol=1e-15)
    assert [p["fell"] for p in panels] == [False, False, False, True]
    # the thick stretches are exactly where the UCSD slope falls
    falls = panels[3]["falls"].get_ydata()
    shown = np.isfinite(falls)
    assert shown.any() and not np.isfinite(panels[0]["falls"].get_ydata()).any()
    decreasing = np.diff(expected[3]) < 0
    assert np.all(shown[:-1][decreasing] & shown[1:][decreasing])
    assert np.all(np.isin(Y, x))                    # the corners are drawn where they are


def test_descent_on_the_absolute_risk_bounces_with_a_fixed_step_and_settles_with_a_shrinking_one():
    drawn = figures.plot_descent_on_absolute_risk(Y, 150_000, 1_234, axes=axes(1, 2))
    fixed, root, harmonic = drawn["runs"]
    assert fixed.outcome == "oscillating"
    np.testing.assert_allclose(drawn["last"][0].get_xdata(), [95_950.8, 96_197.6])
    # the right panel: the farthest any later iterate strays, which only the sqrt run shrinks
    strays = [line.get_ydata() for line in drawn["distances"]]
    assert all(np.all(np.diff(s[np.isfinite(s)]) <= 0) for s in strays)
    assert strays[0][-1] == pytest.approx(197.6) and strays[1][-1] < 3
    assert strays[2][-1] > 40_000                    # alpha / k has not arrived yet
    k = drawn["distances"][1].get_xdata()
    assert k[0] == 1 and k[-1] == root.steps == 10_000
    # the left window holds the last iterates that ended near the median, not the far one
    near_ax = drawn["risk"].axes
    lo, hi = near_ax.get_xlim()
    assert lo < 95_950.8 and hi > 96_197.6 and hi < harmonic.h


def test_distance_to_the_median_interval():
    six = np.append(Y, 100_000.0)
    np.testing.assert_array_equal(oc.distance_to_minimizers([90_000, 97_000, 101_000], six),
                                  [6_000, 0, 1_000])


@pytest.mark.parametrize("call, match", [
    (lambda: figures.plot_influence_curves(Y, sigma=0, axes=axes(1, 2)), "positive"),
    (lambda: figures.plot_influence_curves(Y, first=-1, axes=axes(1, 2)), "positive"),
    (lambda: figures.influence_table(Y, []), "at least one"),
    (lambda: figures.plot_chords(Y, 100_000, axes=axes(1, 2)), "single local minimum"),
    (lambda: figures.plot_chords(["a"], axes=axes(1, 2)), "numbers"),
    (lambda: figures.plot_slopes(Y, p=1, axes=axes(2, 2)), "more than 1"),
    (lambda: figures.plot_slopes(Y, p=math.inf, axes=axes(2, 2)), "finite"),
    (lambda: figures.plot_descent_on_absolute_risk(Y, steps=0, axes=axes(1, 2)), "at least 1"),
    (lambda: figures.plot_descent_on_absolute_risk(Y, alpha=-1, axes=axes(1, 2)), "positive"),
])
def test_figures_reject_bad_input(call, match):
    with pytest.raises((ValueError, TypeError), match=match):
        call()
