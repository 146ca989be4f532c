"""erm_course.line_explorers: the (w0, w1) sliders and the 2-D descent explorer of notebook
08, driven from plain Python: set a control, read the figure, check it against erm_helpers.

Also what the other explorers get from ``tests/test_explorer.py`` and ``tests/test_live.py``:
the widget tree and repr, and the blitting (a blitted frame is pixel for pixel a full
redraw of the same state, every frame is sent at once and whole). And the descent
explorer's shortcut, :class:`LineDescent`, which computes a whole run at once: its steps,
outcome and iterates must be those of :func:`erm_helpers.gradient_descent`.
"""

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import pytest

import erm_helpers as erm
from erm_course import line_explorers, money
from erm_course.figures.a_line import SCALINGS, scaled_feature
from erm_course.line_explorers import ALPHAS, LineDescent
from live_checks import decoded, plain_full_draw

DATA = erm.load_professors()
X, Y = DATA["yrs_since_phd"], DATA["salary_usd"]


@pytest.fixture
def line():
    return line_explorers.line_explorer(X, Y, w0=60_000, w1=2_000)


@pytest.fixture
def descent():
    return line_explorers.line_descent_explorer(X, Y, alpha=0.001)


def gradient_descent(z, alpha, max_iter):
    return erm.gradient_descent(lambda w: erm.line_risk_gradient(w[0], w[1], z, Y),
                                (0.0, 0.0), alpha, max_iter=max_iter)


# --- the (w0, w1) explorer -------------------------------------------------------------------

@pytest.mark.parametrize("w0, w1", [(60_000, 2_000), (91_500, 990), (150_000, -1_000),
                                    (0, 4_000)])
def test_the_sliders_move_the_line_its_residuals_and_its_point(line, w0, w1):
    line.w0_slider.value, line.w1_slider.value = w0, w1
    grid, h = line.line.get_data()
    np.testing.assert_allclose(h, w0 + w1 * np.asarray(grid), rtol=1e-12)
    xs, ys = (np.reshape(v, (-1, 3)) for v in line.residuals.get_data())
    np.testing.assert_array_equal(xs[:, :2], np.column_stack([X, X]))
    np.testing.assert_array_equal(ys[:, 0], Y)
    np.testing.assert_allclose(ys[:, 1], w0 + w1 * X, rtol=1e-12)
    assert (line.point.get_xdata()[0], line.point.get_ydata()[0]) == (w0, w1)
    risk = np.mean((Y - w0 - w1 * X) ** 2)
    text = line.readout_text
    assert f"w₀ = {money(w0)} · w₁ = {money(w1)} per year" in text
    assert f"MSE = {risk:.4e} dollars²" in text
    assert f"{risk / np.var(Y):.3f} × the constant model's {np.var(Y):.4e}" in text


def test_the_constant_model_reads_one(line):
    line.w1_slider.value = 0.0
    line.w0_slider.value = 113_500           # the slider's grid point nearest the mean
    assert "1.000 × the constant model's" in line.readout_text


def test_the_contour_map_spans_the_sliders_and_stars_the_best_line(line):
    assert line.map_ax.get_xlim() == (line.w0_slider.min, line.w0_slider.max)
    assert line.map_ax.get_ylim() == (line.w1_slider.min, line.w1_slider.max)
    stars = [a for a in line.map_ax.lines if a.get_marker() == "*"]
    assert len(stars) == 1
    np.testing.assert_allclose([stars[0].get_xdata()[0], stars[0].get_ydata()[0]],
                               erm.least_squares_line(X, Y), rtol=1e-12)


def test_line_explorer_refuses_bad_input():
    with pytest.raises(ValueError, match="x must not be constant"):
        line_explorers.line_explorer(np.ones(5), np.arange(5.0))
    with pytest.raises(ValueError, match="same length"):
        line_explorers.line_explorer(X[:-1], Y)
    with pytest.raises(ValueError, match=r"w1 must lie in the slider's range"):
        line_explorers.line_explorer(X, Y, w1=9_000)
    with pytest.raises(ValueError, match=r"min < max and step > 0"):
        line_explorers.line_explorer(X, Y, w0_range=(10.0, 5.0, 1.0))


# --- descent on a line, the whole run at once -----------------------------------------------

@pytest.mark.parametrize("scaling", list(SCALINGS))
def test_line_descent_is_gradient_descent(scaling):
    """Every outcome, on each choice of x: settling, at the limit, just past it, far past."""
    z, _, _ = scaled_feature(X, scaling)
    fast = LineDescent(z, Y)
    for alpha in [*ALPHAS, 1e-4, fast.limit, 0.5 * fast.limit, 0.99 * fast.limit,
                  1.01 * fast.limit, 3 * fast.limit]:
        got = fast.run((0.0, 0.0), alpha, max_iter=3_000)
        want = gradient_descent(z, alpha, 3_000)
        assert (got.steps, got.outcome) == (want.steps, want.outcome), alpha
        finite = np.all(np.isfinite(want.path[got.ks]), axis=1)
        np.testing.assert_allclose(got.path[finite], want.path[got.ks][finite], rtol=1e-7,
                                   atol=1e-6 * np.abs(want.path).max(), err_msg=str(alpha))


@pytest.mark.parametrize("scaling, alpha, steps", [("raw", 0.001, 35_360),
                                                    ("raw", 0.0015, 24_113),
                                                    ("centred", 0.005, 2_076)])
def test_line_descent_over_tens_of_thousands_of_steps(scaling, alpha, steps):
    z, _, _ = scaled_feature(X, scaling)
    got = LineDescent(z, Y).run((0.0, 0.0), alpha)
    want = gradient_descent(z, alpha, 100_000)
    assert got.steps == want.steps == steps and got.outcome == want.outcome == "converged"
    np.testing.assert_allclose(got.path, want.path[got.ks], rtol=1e-9)


@pytest.mark.parametrize("seed", range(6))
def test_line_descent_on_other_data(seed):
    rng = np.random.default_rng(seed)
    x = rng.normal(rng.uniform(-50, 50), rng.uniform(0.1, 30), 20)
    y = 3.0 - 2.0 * x + rng.normal(0.0, 5.0, 20)
    fast = LineDescent(x, y)
    start = rng.normal(0.0, 10.0, 2)
    for alpha in (0.3 * fast.limit, 0.999 * fast.limit, fast.limit, 1.2 * fast.limit):
        got = fast.run(start, alpha, max_iter=2_000)
        want = erm.gradient_descent(lambda w: erm.line_risk_gradient(*w, x, y), start, alpha,
                                    max_iter=2_000)
        assert (got.steps, got.outcome) == (want.steps, want.outcome), (seed, alpha)


def test_the_excess_risk_is_the_risk_above_its_minimum():
    fast = LineDescent(X, Y)
    w = np.array([[0.0, 0.0], [80_000.0, 1_500.0], list(fast.best)])
    best = erm.line_risk(*fast.best, X, Y)
    expected = [erm.line_risk(a, b, X, Y) - best for a, b in w]
    np.testing.assert_allclose(fast.excess(w), expected, rtol=1e-6, atol=1e-3)


# --- the descent explorer --------------------------------------------------------------------

def test_alpha_stops_hold_the_rates_and_the_limits_exactly(descent):
    stops = [v for _, v in descent.alpha_slider.options]
    assert set(ALPHAS) <= set(stops)
    for fast, *_ in descent.problems.values():
        assert fast.limit in stops
    assert stops == sorted(stops) and stops[0] == 1e-4


@pytest.mark.parametrize("scaling, alpha", [("centred", 0.006), ("raw", 0.0016),
                                            ("centred", 0.005), ("standardized", 0.5),
                                            ("standardized", 1.1)])
def test_a_move_runs_descent_and_draws_its_path(descent, scaling, alpha):
    descent.scaling_picker.value = scaling
    descent.alpha_slider.value = alpha
    z, shift, scale = scaled_feature(X, scaling)
    want = gradient_descent(z, alpha, 100_000)
    run = descent.result
    assert (run.steps, run.outcome) == (want.steps, want.outcome)
    path = np.column_stack(descent.path_line.get_data())
    np.testing.assert_allclose(path, want.path[run.ks], rtol=1e-7,
                               atol=1e-9 * np.abs(want.path[run.ks]).max())
    text = descent.readout_text
    assert text.startswith(f"{SCALINGS[scaling]} · α = {alpha:.5g} ")
    assert f"· {want.steps:,} steps · {erm.OUTCOMES[want.outcome]} ·" in text
    if want.converged:                        # the line reached, mapped back to dollars per year
        w0, w1 = erm.least_squares_line(X, Y)
        assert text.endswith(f"w₀ = {money(w0)} · w₁ = {money(w1, 2)} per year")
        np.testing.assert_allclose(descent.line_of(run), (w0, w1), rtol=1e-6)


def test_the_excess_panel_starts_at_the_left_edge_and_falls(descent):
    descent.alpha_slider.value = 0.001
    k, excess = descent.excess_line.get_data()
    assert k[0] == line_explorers.START_AT and np.all(np.diff(k) > 0)
    assert excess[-1] < 1e-3 < 1e9 < excess[0]


def test_switching_x_redraws_the_contours_of_that_feature(descent):
    before = len(descent.ax.collections)
    for scaling in ("standardized", "centred", "raw"):
        descent.scaling_picker.value = scaling
        assert len(descent.ax.collections) == before     # the old contours are gone
        assert descent.ax.get_title() == SCALINGS[scaling]
        stars = [a for a in descent.ax.lines if a.get_marker() == "*"]
        z, _, _ = scaled_feature(X, scaling)
        assert len(stars) == 1
        np.testing.assert_allclose([stars[0].get_xdata()[0], stars[0].get_ydata()[0]],
                                   erm.least_squares_line(z, Y), rtol=1e-12)
    assert descent.ax.get_aspect() == "auto"


def test_the_buttons_set_the_rates_and_the_limit(descent):
    descent.scaling_picker.value = "centred"
    buttons = {b.description: b for b in descent.presets.children}
    buttons["α = 0.0016"].click()
    assert descent.alpha_slider.value == 0.0016
    buttons["the limit"].click()
    assert descent.alpha_slider.value == descent.problems["centred"][0].limit
    assert erm.OUTCOMES["oscillating"] in descent.readout_text


def test_descent_explorer_refuses_bad_input():
    with pytest.raises(ValueError, match="scaling must be one of"):
        line_explorers.line_descent_explorer(X, Y, scaling="log")
    with pytest.raises(ValueError, match=r"alpha must lie in the slider's range"):
        line_explorers.line_descent_explorer(X, Y, alpha=5.0)
    with pytest.raises(ValueError, match="alpha must be positive"):
        line_explorers.line_descent_explorer(X, Y, alpha=-1.0)
    with pytest.raises(ValueError, match="start must be two numbers"):
        line_explorers.line_descent_explorer(X, Y, start=(0.0, 0.0, 0.0))
    with pytest.raises(ValueError, match="x must not be constant"):
        line_explorers.line_descent_explorer(np.ones(5), np.arange(5.0))


# --- what every explorer shares: the widget tree, the repr, the blitting --------------------

MOVES = {
    "line": [("w0_slider", 91_500.0), ("w1_slider", -500.0), ("w0_slider", 150_000.0),
             ("w1_slider", 3_000.0)],
    "descent": [("alpha_slider", 0.0016), ("alpha_slider", 0.0015),
                ("scaling_picker", "standardized"), ("alpha_slider", 0.5),
                ("alpha_slider", 1.1), ("scaling_picker", "centred"),
                ("alpha_slider", 0.005)],
}


def make(name):
    if name == "line":
        return line_explorers.line_explorer(X, Y, w0=60_000, w1=2_000)
    return line_explorers.line_descent_explorer(X, Y, alpha=0.001)


def make_moves(name, explorer):
    for control, value in MOVES[name]:
        getattr(explorer, control).value = value
    return len(MOVES[name])


def descendants(widget):
    found = []
    for child in getattr(widget, "children", ()):
        found += [child, *descendants(child)]
    return found


@pytest.mark.parametrize("name", list(MOVES))
def test_the_widget_tree_and_the_repr(name):
    before = plt.get_fignums()
    ex = make(name)
    assert plt.get_fignums() == before               # not registered with pyplot
    controls = {c for c, _ in MOVES[name]}
    assert all(getattr(ex, c) in descendants(ex) for c in controls)
    assert ex.readout in ex.children and ex.key in ex.children
    assert [c for c in ex.children if hasattr(c, "figure")] == [ex.canvas]
    for artist in ex.live.moving:
        assert artist.axes in ex.figure.axes and artist in artist.axes.get_children()
    assert repr(ex) == repr(make(name)) and "397 values" in repr(ex) and "0x" not in repr(ex)
    assert all(isinstance(getattr(ex, c), (widgets.FloatSlider, widgets.SelectionSlider,
                                           widgets.ToggleButtons)) for c in controls)


@pytest.mark.parametrize("name", list(MOVES))
def test_a_blitted_frame_is_the_full_redraw_of_the_same_state(name):
    ex = make(name)
    ex.canvas.draw()                       # first display: the background is taken
    first = ex.live.pixels()
    make_moves(name, ex)
    blitted = ex.live.pixels()
    assert (blitted != first).any()
    np.testing.assert_array_equal(blitted, plain_full_draw(ex))


@pytest.mark.parametrize("name", list(MOVES))
def test_every_move_sends_one_whole_frame_at_once(name, monkeypatch):
    ex = make(name)
    asked, sent = [], []
    monkeypatch.setattr(ex.canvas, "draw_idle", lambda: asked.append(1))
    ex.canvas.draw()
    monkeypatch.setattr(ex.canvas, "send_binary",
                        lambda data: sent.append((decoded(data), ex.live.pixels())))
    moves = make_moves(name, ex)
    assert not asked                       # never "browser, please ask for a frame"
    assert len(sent) == moves              # one frame per move, pushed by the kernel
    for frame, picture in sent:
        np.testing.assert_array_equal(frame, picture)
    ex.ax.set_xlim(*(v + 3 for v in ex.ax.get_xlim()))          # a pan, then a move
    ex.canvas.draw()
    make_moves(name, ex)
    np.testing.assert_array_equal(sent[-1][0], plain_full_draw(ex))
