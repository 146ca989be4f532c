"""Notebook 06: its figures, its three sliders and its exercises, checked against
erm_helpers.

The figures are drawn on plain matplotlib Figures (no pyplot, no display) and their line
data read back; the explorers are driven by setting ``slider.value``, as in
test_explorers.py, including the pixel test that a blitted frame equals a full redraw.
The general laws (convexity of the L_p and Huber risks, bounded Huber influence, ...)
are property tests in test_lp_huber.py; here the facts of the course's data are checked
as facts of those data.
"""

import math

import numpy as np
import pytest
from matplotlib.figure import Figure

import erm_helpers as erm
from erm_course import check, figures, loss_explorers, money
from erm_course.exercises.judging import EXERCISES
from live_checks import plain_full_draw

Y = erm.load_salaries()
PROFESSORS = erm.load_professor_salaries()


def axes(nrows=1, ncols=1):
    fig = Figure()
    return fig.subplots(nrows, ncols) if nrows * ncols > 1 else fig.subplots()


# -- figures ---------------------------------------------------------------------------

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
    drawn = figures.plot_zero_one_and_ucsd(PROFESSORS, [100, 1_000], axes=axes(1, 3))
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


def test_influence_curves_are_the_minimizers_of_the_moved_data():
    full, zoomed = figures.plot_influence_curves(Y, current=320_000, axes=axes(1, 2))
    x, _ = full["mean"].get_data()
    for value in x[::17]:
        moved = figures.with_largest_replaced(Y, value)
        k = int(np.flatnonzero(x == value)[0])
        assert full["mean"].get_ydata()[k] == pytest.approx(erm.squared_risk_minimizer(moved))
        assert full["median"].get_ydata()[k] == float(np.median(moved))
        assert full["huber"].get_ydata()[k] == erm.huber_risk_minimizer(moved, 20_000)
        assert full["ucsd"].get_ydata()[k] == erm.ucsd_global_minimizer(moved, 21_000)
    raised = figures.with_largest_replaced(Y, 320_000)
    expected = {"mean": erm.squared_risk_minimizer(raised),
                "median": erm.lp_risk_minimizer(raised, 1),
                "huber": erm.huber_risk_minimizer(raised, 20_000),
                "ucsd": erm.ucsd_global_minimizer(raised, 21_000)}
    for panel in (full, zoomed):
        for name, value in expected.items():
            assert panel["current"][name].get_ydata()[0] == pytest.approx(value)


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


@pytest.mark.parametrize("call, match", [
    (lambda: figures.plot_lp_typical_errors(Y, [0.5], ax=axes()), "at least 1"),
    (lambda: figures.plot_lp_typical_errors([], ax=axes()), "empty"),
    (lambda: figures.plot_lp_minimizers(Y, marked=[math.inf], ax=axes()), "log axis"),
    (lambda: figures.plot_lp_risk_grid(Y, [], axes=axes(1, 2)), "at least one"),
    (lambda: figures.plot_zero_one_and_ucsd(Y, [-1], axes=axes(1, 2)), "positive"),
    (lambda: figures.plot_huber_loss([], ax=axes()), "at least one"),
    (lambda: figures.plot_huber_loss([0], ax=axes()), "positive"),
    (lambda: figures.plot_huber_risk_grid(Y, [np.nan], axes=axes(1, 2)), "finite"),
    (lambda: figures.plot_influence_curves(Y, sigma=0, axes=axes(1, 2)), "positive"),
    (lambda: figures.influence_table(Y, []), "at least one"),
    (lambda: figures.plot_chords(Y, 100_000, axes=axes(1, 2)), "single local minimum"),
    (lambda: figures.plot_chords(["a"], axes=axes(1, 2)), "numbers"),
])
def test_figures_reject_bad_input(call, match):
    with pytest.raises((ValueError, TypeError), match=match):
        call()


# -- the explorers -----------------------------------------------------------------------

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


@pytest.mark.parametrize("value", [100_000, 160_000, 320_000, 650_000, 1_000_000])
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


def test_readouts_give_the_issue_figures(lp, huber, outlier):
    # computed here from erm_helpers, never typed: the numbers the notebook quotes
    for p in (1.5, 2, 3, 10):
        lp.p_slider.value = p
        assert money(erm.lp_risk_minimizer(Y, p)) in lp.readout_text
    raised = figures.with_largest_replaced(Y, 320_000)
    assert money(erm.ucsd_global_minimizer(raised, 21_000)) in outlier.readout_text
    assert money(erm.squared_risk_minimizer(raised)) in outlier.readout_text
    assert money(erm.huber_risk_minimizer(Y, 20_000)) in huber.readout_text


def test_explorer_widget_trees_and_reprs(lp, huber, outlier):
    for ex, slider in ((lp, lp.p_slider), (huber, huber.delta_slider),
                       (outlier, outlier.value_slider)):
        assert slider in ex.children and ex.readout in ex.children
        assert ex.canvas in ex.children and ex.canvas.figure is ex.figure
        assert slider.readout                       # the browser finds .widget-readout
        assert "0x" not in repr(ex)


def test_explorers_are_not_registered_with_pyplot():
    import matplotlib.pyplot as plt
    before = plt.get_fignums()
    loss_explorers.lp_explorer(Y)
    loss_explorers.huber_explorer(Y)
    loss_explorers.outlier_explorer(Y)
    assert plt.get_fignums() == before


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
    (lambda: loss_explorers.outlier_explorer(Y, sigma=0), "positive"),
    (lambda: loss_explorers.outlier_explorer(["x"]), "numbers"),
])
def test_explorers_reject_bad_input(call, match):
    with pytest.raises((ValueError, TypeError), match=match):
        call()


# -- blitting ----------------------------------------------------------------------------


def _p_moves(ex):
    for p in (1.0, 2.0, 100.0, math.inf, 3.0, 10.0):
        ex.p_slider.value = p


def _delta_moves(ex):
    for delta in (5_000, 48_000, 1_000, 70_000, 10_000):
        ex.delta_slider.value = delta


def _outlier_moves(ex):
    for value in (100_000, 1_000_000, 160_000, 540_000):
        ex.value_slider.value = value


MAKERS = [(lambda: loss_explorers.lp_explorer(Y, p=1.5), _p_moves),
          (lambda: loss_explorers.huber_explorer(Y, delta=20_000), _delta_moves),
          (lambda: loss_explorers.outlier_explorer(Y, value=320_000), _outlier_moves)]


@pytest.mark.parametrize("make, moves", MAKERS, ids=["p", "delta", "outlier"])
def test_a_blitted_frame_is_the_full_redraw_of_the_same_state(make, moves):
    ex = make()
    ex.canvas.draw()
    first = ex.live.pixels()
    moves(ex)
    blitted = ex.live.pixels()
    assert (blitted != first).any()
    np.testing.assert_array_equal(blitted, plain_full_draw(ex))


@pytest.mark.parametrize("make, moves", MAKERS, ids=["p", "delta", "outlier"])
def test_moves_send_their_frame_at_once_without_a_round_trip(make, moves, monkeypatch):
    ex = make()
    asked, sent = [], []
    monkeypatch.setattr(ex.canvas, "draw_idle", lambda: asked.append(1))
    ex.canvas.draw()
    monkeypatch.setattr(ex.canvas, "send_binary", lambda data: sent.append(len(data)))
    moves(ex)
    assert not asked
    assert len(sent) >= 4                   # one frame per move, pushed by the kernel


# -- exercises ---------------------------------------------------------------------------

def test_exercises_are_registered():
    assert {"06.1", "06.2", "06.3"} <= set(EXERCISES)


@pytest.mark.parametrize("key", ["06.1", "06.2", "06.3"])
def test_a_blank_waits(key):
    feedback = check(key, None)
    assert not feedback and feedback.blank


def test_lp_limit_exercise():
    assert check("06.1", (PROFESSORS.min() + PROFESSORS.max()) / 2)
    for wrong, hint in [(PROFESSORS.mean(), "mean"), (np.median(PROFESSORS), "median"),
                        (PROFESSORS.max(), "largest error"), ("a lot", "one number")]:
        feedback = check("06.1", wrong)
        assert not feedback and not feedback.blank and hint in feedback.text
        assert money((PROFESSORS.min() + PROFESSORS.max()) / 2, 2) not in feedback.text


def test_huber_mean_exercise():
    expected = float(np.max(np.abs(Y - Y.mean())))
    assert check("06.2", expected)
    assert "not yet the mean" in check("06.2", expected - 1_000).text
    assert "smaller one" in check("06.2", expected + 10_000).text
    assert not check("06.2", (1, 2))
    for wrong in (expected - 1_000, expected + 10_000):
        assert money(expected) not in check("06.2", wrong).text


def test_chord_exercise():
    assert check("06.3", tuple(erm.ucsd_local_minima(Y, 21_000)))
    assert check("06.3", (95_000, 160_000))
    feedback = check("06.3", (90_000, 110_000))      # both ends in the same valley
    assert not feedback and "two different valleys" in feedback.text
    assert not check("06.3", (100_000, 100_000))
    assert not check("06.3", 100_000)
