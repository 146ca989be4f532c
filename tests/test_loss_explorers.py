"""erm_course.loss_explorers: the p and delta sliders of notebook 06 and the outlier slider
of notebook 07, driven from plain Python: set a slider, read the figure, checked against
erm_helpers.

What every explorer shares (widget tree, repr, pyplot) is in ``tests/test_explorer.py``;
the blitting and the frames sent in ``tests/test_live.py``.
"""

import math

import numpy as np
import pytest

import erm_helpers as erm
from erm_course import figures, loss_explorers, money

Y = erm.load_salaries()
PROFESSORS = erm.load_professor_salaries()


@pytest.fixture
def lp():
    return loss_explorers.lp_explorer(Y, p=1.5)


@pytest.fixture
def huber():
    return loss_explorers.huber_explorer(Y, delta=20_000)


@pytest.fixture
def outlier():
    return loss_explorers.outlier_explorer(Y, value=320_000)


@pytest.mark.parametrize("p", [1, 1.5, 2, 3, 10, 100, math.inf])
def test_p_slider_draws_the_typical_error_and_its_minimizer(lp, p):
    lp.p_slider.value = p
    x, v = lp.line.get_data()
    np.testing.assert_allclose(v, erm.lp_typical_error(x, Y, p), rtol=1e-12)
    best = erm.lp_risk_minimizer(Y, p)
    assert lp.minimizer_line.get_xdata() == [best]
    assert lp.minimizer_line.get_ydata()[0] == pytest.approx(erm.lp_typical_error(best, Y, p))
    assert lp.path_dot.get_ydata() == [best]
    text = lp.readout_text
    assert f"minimizer h* = {money(best)} ·" in text and " · " in text
    assert text.startswith(figures.p_label(p) + " ·")


def test_p_slider_reaches_one_two_and_the_top_exactly(lp):
    stops = [v for _, v in lp.p_slider.options]
    assert stops[0] == 1.0 and 2.0 in stops and 100.0 in stops and stops[-1] == math.inf
    assert {1.5, 3.0, 10.0} <= set(stops)
    lp.p_slider.value = stops[0]
    assert lp.minimizer_line.get_xdata()[0] == erm.lp_risk_minimizer(Y, 1)
    lp.p_slider.value = stops[-1]
    assert lp.minimizer_line.get_xdata()[0] == 0.5 * Y.min() + 0.5 * Y.max()


def test_p_slider_on_the_professors(lp):
    ex = loss_explorers.lp_explorer(PROFESSORS, p=1.5)
    assert f"minimizer h* = {money(erm.lp_risk_minimizer(PROFESSORS, 1.5))}" in ex.readout_text
    ex.p_slider.value = 37.2
    x, v = ex.line.get_data()
    np.testing.assert_allclose(v, erm.lp_typical_error(x, PROFESSORS, 37.2), rtol=1e-10)


@pytest.mark.parametrize("delta", [5_000, 10_000, 20_000, 48_000, 1_000, 70_000])
def test_delta_slider_draws_the_huber_risk_and_its_minimizer(huber, delta):
    huber.delta_slider.value = delta
    x, v = huber.line.get_data()
    np.testing.assert_allclose(v, erm.huber_risk(x, Y, delta) / delta, rtol=1e-12)
    best = erm.huber_risk_minimizer(Y, delta)
    assert huber.minimizer_line.get_xdata() == [best] and huber.path_dot.get_ydata() == [best]
    assert huber.readout_text.startswith(f"δ = {money(delta)} · minimizer h* = {money(best)}")
    # the fixed axes hold every curve
    assert v.max() <= huber.ax.get_ylim()[1]


def test_delta_slider_grid_holds_the_course_values(huber):
    s = huber.delta_slider
    for delta in (5_000, 10_000, 20_000, 48_000):
        k = (delta - s.min) / s.step
        assert k == round(k) and s.min <= delta <= s.max


@pytest.mark.parametrize("value", [120_000, 160_000, 320_000, 650_000, 1_000_000])
def test_outlier_slider_marks_the_four_minimizers(outlier, value):
    outlier.value_slider.value = value
    moved = figures.with_largest_replaced(Y, value)
    expected = {"mean": erm.squared_risk_minimizer(moved),
                "median": erm.lp_risk_minimizer(moved, 1),
                "huber": erm.huber_risk_minimizer(moved, 20_000),
                "ucsd": erm.ucsd_global_minimizer(moved, 21_000)}
    for name, dots in outlier.markers.items():
        for dot in dots:
            assert dot.get_xdata() == [value]
            assert dot.get_ydata()[0] == pytest.approx(expected[name])
    for line in outlier.current_lines:
        assert list(line.get_xdata()) == [value, value]
    assert outlier.readout_text == (
        f"largest salary {money(value)} · mean {money(expected['mean'])} · median "
        f"{money(expected['median'])} · Huber {money(expected['huber'])} · UCSD "
        f"{money(expected['ucsd'])}")


def test_outlier_slider_starts_where_the_largest_salary_is_still_the_largest(outlier):
    s = outlier.value_slider
    assert (s.min, s.max, s.step) == (120_000, 1_000_000, 10_000)
    assert s.min == np.sort(Y)[-2]
    assert 160_000 in outlier.values and 320_000 in outlier.values
    on_professors = loss_explorers.outlier_explorer(PROFESSORS)
    assert on_professors.value_slider.min == np.sort(PROFESSORS)[-2]
    start = on_professors.value_slider.value          # the highest salary, snapped to the grid
    assert (start - np.sort(PROFESSORS)[-2]) % 10_000 == 0
    assert abs(start - PROFESSORS.max()) <= 5_000


def test_outlier_slider_shows_the_start_of_the_move_and_all_of_it(outlier):
    near, whole = outlier.near_ax, outlier.ax
    assert near.get_xlim() == (120_000, 180_000)
    assert whole.get_xlim() == (120_000, 1_000_000)
    assert near.get_title() == "the first $60,000" and whole.get_title() == "all the way"
    # the still curves of the left panel are the minimizers on a finer grid than the stops
    x, ucsd = near.lines[3].get_data()
    assert x.size > 7 and x[0] == 120_000 and x[-1] == 180_000
    np.testing.assert_allclose(ucsd, figures.influence_table(Y, x)["ucsd"])
    # each panel holds every curve it draws
    for ax in (near, whole):
        low, high = ax.get_ylim()
        for line in ax.lines[:4]:
            assert low <= np.min(line.get_ydata()) and np.max(line.get_ydata()) <= high


def test_readouts_give_the_issue_figures(lp, huber, outlier):
    # computed here from erm_helpers, never typed: the numbers the notebook quotes
    for p in (1.5, 2, 3, 10):
        lp.p_slider.value = p
        assert money(erm.lp_risk_minimizer(Y, p)) in lp.readout_text
    raised = figures.with_largest_replaced(Y, 320_000)
    assert money(erm.ucsd_global_minimizer(raised, 21_000)) in outlier.readout_text
    assert money(erm.squared_risk_minimizer(raised)) in outlier.readout_text
    assert money(erm.huber_risk_minimizer(Y, 20_000)) in huber.readout_text


@pytest.mark.parametrize("call, match", [
    (lambda: loss_explorers.lp_explorer([]), "empty"),
    (lambda: loss_explorers.lp_explorer(Y, p=0.5), "at least 1"),
    (lambda: loss_explorers.lp_explorer(Y, p=500), "p must lie in"),
    (lambda: loss_explorers.lp_explorer(Y, grid_size=0), "at least 1"),
    (lambda: loss_explorers.huber_explorer([1.0, np.inf]), "finite"),
    (lambda: loss_explorers.huber_explorer(Y, delta=-1), "positive"),
    (lambda: loss_explorers.huber_explorer(Y, delta=1e6), "delta must lie in"),
    (lambda: loss_explorers.huber_explorer(Y, delta_range=(10, 1, 1)), "go up"),
    (lambda: loss_explorers.outlier_explorer(Y, value=50), "value must lie in"),
    (lambda: loss_explorers.outlier_explorer(Y, value=100_000), "value must lie in"),
    (lambda: loss_explorers.outlier_explorer(Y, first=0), "positive"),
    (lambda: loss_explorers.outlier_explorer(Y, sigma=0), "positive"),
    (lambda: loss_explorers.outlier_explorer(["x"]), "numbers"),
])
def test_explorers_reject_bad_input(call, match):
    with pytest.raises((ValueError, TypeError), match=match):
        call()
