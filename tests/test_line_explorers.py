"""erm_course.line_explorers: the (w0, w1) sliders and the 2-D descent explorer of notebook
08, driven from plain Python (set a control, read the readout and the run, check them
against erm_helpers), and their pages, rendered in Chromium (the page's readout is Python's
at hundreds of weights and at every alpha stop of every x; its ink lies where matplotlib
maps the line, the residuals, the path and the excess).

Also the descent explorer's shortcut, :class:`LineDescent`, which computes a whole run at
once: its steps, outcome and iterates must be those of :func:`erm_helpers.gradient_descent`.
"""

import matplotlib.pyplot as plt
import numpy as np
import pytest

import erm_helpers as erm
import page_checks
from erm_course import line_explorers, money
from erm_course.drawing import Control
from erm_course.figures.a_line import SCALINGS, descent_view, sample_steps, scaled_feature
from erm_course.line_explorers import ALPHAS, PRESETS, LineDescent

DATA = erm.load_professors()
X, Y = DATA["yrs_since_phd"], DATA["salary_usd"]


@pytest.fixture
def line():
    return line_explorers.line_explorer(X, Y, w0=60_000, w1=2_000)


@pytest.fixture(scope="module")
def descent():
    return line_explorers.line_descent_explorer(X, Y, alpha=0.001)


def gradient_descent(z, alpha, max_iter):
    return erm.gradient_descent(lambda w: erm.line_risk_gradient(w[0], w[1], z, Y),
                                (0.0, 0.0), alpha, max_iter=max_iter)


# --- the (w0, w1) explorer -------------------------------------------------------------------

@pytest.mark.parametrize("w0, w1", [(60_000, 2_000), (91_500, 990), (150_000, -1_000),
                                    (0, 4_000)])
def test_the_sliders_set_the_weights_and_the_readout(line, w0, w1):
    line.w0_slider.value, line.w1_slider.value = w0, w1
    assert line.weights == (w0, w1)
    assert line.state == {"w0": w0 // 500, "w1": (w1 + 2_000) // 10}
    risk = np.mean((Y - w0 - w1 * X) ** 2)
    text = line.readout_text
    assert f"w₀ = {money(w0)} · w₁ = {money(w1)} per year" in text
    assert f"MSE = {risk:.4e} dollars²" in text
    assert f"{risk / np.var(Y):.3f} × the constant model's {np.var(Y):.4e}" in text


def test_the_sliders_stops_are_the_grid_of_their_ranges(line):
    np.testing.assert_array_equal(line.w0_slider.values, np.arange(0, 200_001, 500.0))
    np.testing.assert_array_equal(line.w1_slider.values, np.arange(-2_000, 4_001, 10.0))
    assert line.w0_slider.labels[121] == "60,500"
    odd = line_explorers.line_explorer(X, Y, w0=1.0, w0_range=(0.0, 1.05, 0.1))
    assert odd.w0_slider.values.tolist() == [round(0.1 * k, 10) for k in range(11)]
    assert odd.weights[0] == 1.0


def test_the_constant_model_reads_one(line):
    line.w1_slider.value = 0.0
    line.w0_slider.value = 113_500           # the slider's stop nearest the mean
    assert "1.000 × the constant model's" in line.readout_text


def test_the_contour_map_spans_the_sliders_and_stars_the_best_line(line):
    assert line.map_ax.get_xlim() == (line.w0_slider.min, line.w0_slider.max)
    assert line.map_ax.get_ylim() == (line.w1_slider.min, line.w1_slider.max)
    view = line.scene["views"][""]["axes"][1]
    assert view["x"][:2] == [0.0, 200_000.0] and view["y"][:2] == [-2_000.0, 4_000.0]
    stars = [a for a in line.map_ax.lines if a.get_marker() == "*"]
    assert len(stars) == 1
    np.testing.assert_allclose([stars[0].get_xdata()[0], stars[0].get_ydata()[0]],
                               erm.least_squares_line(X, Y), rtol=1e-12)


def test_the_page_is_sent_the_data_and_the_moments(line):
    arrays = line.scene["arrays"]
    np.testing.assert_array_equal(np.frombuffer(arrays["x"]["data"]), X)
    np.testing.assert_array_equal(np.frombuffer(arrays["y"]["data"]), Y)
    m = line.moments
    assert np.frombuffer(arrays["moments"]["data"]).tolist() == [m.xbar, m.ybar, m.sxx,
                                                                 m.sxy, m.syy]
    assert line.scene["program"] == {"kind": "line"} and line.scene["families"] == {}


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


def test_the_start_s_coordinates_are_along_the_eigenvectors():
    fast = LineDescent(X, Y)
    start = np.array([10_000.0, -300.0])
    np.testing.assert_allclose(fast.coordinates(start), fast.vectors.T @ (start - fast.best),
                               rtol=1e-14)


# --- the descent explorer --------------------------------------------------------------------

def test_alpha_stops_hold_the_rates_and_the_limits_exactly(descent):
    stops = descent.alpha_slider.values.tolist()
    assert set(ALPHAS) <= set(stops)
    for fast, *_ in descent.problems.values():
        assert fast.limit in stops
    assert stops == sorted(stops) and stops[0] == 1e-4
    assert descent.alpha_slider.labels[stops.index(0.0016)] == "0.0016"


@pytest.mark.parametrize("scaling, alpha", [("centred", 0.006), ("raw", 0.0016),
                                            ("centred", 0.005), ("standardized", 0.5),
                                            ("standardized", 1.1)])
def test_a_move_runs_descent(descent, scaling, alpha):
    descent.scaling_picker.value = scaling
    descent.alpha_slider.value = alpha
    z, shift, scale = scaled_feature(X, scaling)
    want = gradient_descent(z, alpha, 100_000)
    run = descent.result
    assert run is descent.run()
    assert (run.steps, run.outcome) == (want.steps, want.outcome)
    np.testing.assert_array_equal(run.ks, sample_steps(run.steps))
    np.testing.assert_allclose(run.path, want.path[run.ks], rtol=1e-7,
                               atol=1e-9 * np.abs(want.path[run.ks]).max())
    text = descent.readout_text
    assert text.startswith(f"{SCALINGS[scaling]} · α = {alpha:.5g} ")
    assert f"· {want.steps:,} steps · {erm.OUTCOMES[want.outcome]} ·" in text
    if want.converged:                        # the line reached, mapped back to dollars per year
        w0, w1 = erm.least_squares_line(X, Y)
        assert text.endswith(f"w₀ = {money(w0)} · w₁ = {money(w1, 2)} per year")
        np.testing.assert_allclose(descent.line_of(run), (w0, w1), rtol=1e-6)


@pytest.mark.parametrize("scaling", list(SCALINGS))
def test_each_x_has_its_view_and_the_figure_shows_the_one_asked_for(scaling):
    ex = line_explorers.line_descent_explorer(X, Y, scaling=scaling)
    assert set(ex.scene["views"]) == set(SCALINGS) and ex.scene["view_by"] == "scaling"
    for name, (_, moments, _, _) in ex.problems.items():
        axes = ex.scene["views"][name]["axes"]
        limits = descent_view(moments, (0.0, 0.0))
        assert (tuple(axes[0]["x"][:2]), tuple(axes[0]["y"][:2])) == limits
        assert axes[1]["x"][2] == axes[1]["y"][2] == "log"
    backgrounds = [v["background"] for v in ex.scene["views"].values()]
    assert len(set(backgrounds)) == 3
    assert ex.ax.get_title() == SCALINGS[scaling] and len(ex.ax.collections) == 1
    stars = [a for a in ex.ax.lines if a.get_marker() == "*"]
    z, _, _ = scaled_feature(X, scaling)
    assert len(stars) == 1
    np.testing.assert_allclose([stars[0].get_xdata()[0], stars[0].get_ydata()[0]],
                               erm.least_squares_line(z, Y), rtol=1e-12)
    assert ex.ax.get_aspect() == ("auto" if scaling != "standardized" else 1.0)
    assert ex.scaling_picker.value == scaling


def test_the_buttons_set_the_rates_and_the_limit(descent):
    stops = descent.alpha_slider.values.tolist()
    presets = [c for c in descent.scene["controls"] if c["kind"] == "presets"]
    assert [c["when"] for c in presets] == [{"scaling": s} for s in SCALINGS]
    for control, (name, buttons) in zip(presets, descent.presets.items()):
        assert buttons == [(f"α = {v:g}", v) for v in PRESETS] + [
            ("the limit", descent.problems[name][0].limit)]
        assert control["buttons"] == [[t, stops.index(v)] for t, v in buttons]
    descent.scaling_picker.value = "centred"
    descent.alpha_slider.value = descent.presets["centred"][-1][1]
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


# --- what every explorer shares: the controls and the repr ----------------------------------

CONTROLS = {"line": ["w0_slider", "w1_slider"], "descent": ["scaling_picker", "alpha_slider"]}


def make(name):
    if name == "line":
        return line_explorers.line_explorer(X, Y, w0=60_000, w1=2_000)
    return line_explorers.line_descent_explorer(X, Y, alpha=0.001)


@pytest.mark.parametrize("name", list(CONTROLS))
def test_the_controls_and_the_repr(name):
    before = plt.get_fignums()
    ex = make(name)
    assert plt.get_fignums() == before               # not registered with pyplot
    names = [c.get("name") for c in ex.scene["controls"] if c["kind"] != "presets"]
    assert [getattr(ex, c).name for c in CONTROLS[name]] == names
    assert all(isinstance(getattr(ex, c), Control) for c in CONTROLS[name])
    assert repr(ex) == repr(make(name)) and "397 values" in repr(ex) and "0x" not in repr(ex)


# --- the pages: what the page computes is what Python computes -------------------------------

@pytest.fixture(scope="module")
def page():
    yield from page_checks.chromium_page()


def program(page, explorer, state):
    """What the page's program returns at ``state`` (float arrays), the scene mounted."""
    page_checks.mount(page, explorer, state)
    got = page.evaluate("""(state) => {
      const scene = window.ermModel.values.scene;
      const out = window.ermDrawing.PROGRAMS[scene.program.kind](scene, state);
      return Object.fromEntries(Object.entries(out).map(([k, v]) =>
        [k, typeof v === 'string' ? v : Array.from(v)]));
    }""", dict(state))
    return {k: v if isinstance(v, str) else np.array(v, dtype=float) for k, v in got.items()}


def line_states(line):
    """Every 25th w0 stop with every 40th w1 stop, and 200 pairs at random."""
    rng = np.random.default_rng(20)
    n0, n1 = len(line.w0_slider.values), len(line.w1_slider.values)
    grid = [{"w0": i, "w1": j} for i in range(0, n0, 25) for j in range(0, n1, 40)]
    sample = [{"w0": int(i), "w1": int(j)}
              for i, j in zip(rng.integers(0, n0, 200), rng.integers(0, n1, 200))]
    return grid + sample + [{"w0": n0 - 1, "w1": n1 - 1}]


def test_the_page_shows_pythons_line_readout_at_hundreds_of_weights(page, line):
    states = line_states(line)
    assert len(states) > 400
    assert page_checks.page_readouts(page, line, states) == [line.readout_for(s)
                                                             for s in states]
    assert page.errors == []


@pytest.mark.parametrize("w0, w1", [(60_000, 2_000), (91_500, 990), (150_000, -1_000)])
def test_the_page_computes_the_line_its_residuals_and_its_point(page, line, w0, w1):
    line.w0_slider.value, line.w1_slider.value = w0, w1
    got = program(page, line, line.state)
    np.testing.assert_allclose(got["line_y"], w0 + w1 * line.grid, rtol=1e-12)
    np.testing.assert_array_equal(got["line_x"], line.grid)
    xs, ys = np.reshape(got["residual_x"], (-1, 2)), np.reshape(got["residual_y"], (-1, 2))
    np.testing.assert_array_equal(xs, np.column_stack([X, X]))
    np.testing.assert_array_equal(ys[:, 0], Y)
    np.testing.assert_allclose(ys[:, 1], w0 + w1 * X, rtol=1e-12)
    assert (got["w0"].tolist(), got["w1"].tolist()) == ([w0], [w1])
    assert got["readout"] == line.readout_text


@pytest.mark.parametrize("w0, w1", [(60_000, 2_000), (150_000, -1_000)])
def test_the_page_draws_the_line_residuals_and_point_where_matplotlib_maps_them(page, line,
                                                                                 w0, w1):
    line.w0_slider.value, line.w1_slider.value = w0, w1
    t = np.linspace(0.02, 0.98, 25) * line.grid[1]
    inside = (w0 + w1 * t > 0) & (w0 + w1 * t < 1.05 * Y.max())
    pick = np.argsort(np.abs(Y - w0 - w1 * X))[-15:]        # the longest residuals
    lx, ly = page_checks.to_pixels(line, 0, t[inside], w0 + w1 * t[inside])
    rx, ry = page_checks.to_pixels(line, 0, X[pick], (Y[pick] + w0 + w1 * X[pick]) / 2)
    px, py = page_checks.to_pixels(line, 1, [w0], [w1])
    xs, ys = np.concatenate([lx, rx, px]), np.concatenate([ly, ry, py])
    assert inside.sum() > 10
    assert all(page_checks.page_ink(page, line, line.state, xs, ys))
    # and nothing where the line is not: the panel's top left corner
    corner = page_checks.to_pixels(line, 0, [0.3], [1.0 * Y.max()])
    assert not any(page_checks.page_ink(page, line, line.state, *corner))


def test_the_page_shows_pythons_descent_readout_at_every_stop_of_every_x(page, descent):
    states = [{"scaling": s, "alpha": i} for s in SCALINGS
              for i in range(len(descent.alphas))]
    assert page_checks.page_readouts(page, descent, states) == [descent.readout_for(s)
                                                                for s in states]
    assert page.errors == []


@pytest.mark.parametrize("scaling, alpha", [("raw", 0.001), ("raw", 0.0016),
                                            ("centred", 0.005), ("standardized", 0.5),
                                            ("standardized", 1.1)])
def test_the_page_runs_descent_as_python(page, descent, scaling, alpha):
    state = {"scaling": scaling, "alpha": descent.alphas.tolist().index(alpha)}
    run, got = descent.run(state), program(page, descent, state)
    drawn = len(got["path_w0"])                   # cut after it leaves the view far behind
    assert drawn == len(run.ks) or run.outcome == "diverged"
    np.testing.assert_allclose(np.column_stack([got["path_w0"], got["path_w1"]]),
                               run.path[:drawn], rtol=1e-12, atol=1e-9)
    excess = np.maximum(descent.problems[scaling][0].excess(run.path), 1e-8)
    finite = np.isfinite(excess)
    np.testing.assert_allclose(got["excess"], excess[finite], rtol=1e-6)
    np.testing.assert_array_equal(got["excess_k"], np.maximum(run.ks[finite], 0.6))
    assert got["readout"] == descent.readout_for(state)


def test_the_excess_panel_starts_at_the_left_edge_and_falls(page, descent):
    got = program(page, descent, {"scaling": "raw",
                                  "alpha": descent.alphas.tolist().index(0.001)})
    k, excess = got["excess_k"], got["excess"]
    assert k[0] == line_explorers.START_AT and np.all(np.diff(k) > 0)
    assert excess[-1] < 1e-3 < 1e9 < excess[0]


@pytest.mark.parametrize("scaling, alpha", [("raw", 0.001), ("centred", 0.005),
                                            ("standardized", 0.5)])
def test_the_page_draws_the_path_and_the_excess_where_matplotlib_maps_them(page, descent,
                                                                           scaling, alpha):
    state = {"scaling": scaling, "alpha": descent.alphas.tolist().index(alpha)}
    run = descent.run(state)
    (x0, x1), (y0, y1) = descent_view(descent.problems[scaling][1], descent.start)
    path = run.path[::max(1, len(run.ks) // 40)]
    path = path[(path[:, 0] > x0) & (path[:, 0] < x1) & (path[:, 1] > y0) & (path[:, 1] < y1)]
    excess = np.maximum(descent.problems[scaling][0].excess(run.path), 1e-8)
    pick = np.linspace(0, len(run.ks) - 1, 20).astype(int)
    px, py = page_checks.to_pixels(descent, 0, path[:, 0], path[:, 1], view=scaling)
    ex, ey = page_checks.to_pixels(descent, 1, np.maximum(run.ks[pick], 0.6), excess[pick],
                                   view=scaling)
    assert len(path) > 2
    assert all(page_checks.page_ink(page, descent, state, np.r_[px, ex], np.r_[py, ey]))


def test_a_preset_in_the_page_moves_alpha_and_the_view_follows_x(page, descent):
    page_checks.mount(page, descent, {"scaling": "raw", "alpha": 0})
    page.click("#root .erm-toggle button:has-text('centred x')")
    page.click("#root .erm-presets:not([hidden]) button:has-text('the limit')")
    readout = page.inner_text("#root .erm-readout")
    limit = descent.problems["centred"][0].limit
    state = {"scaling": "centred", "alpha": descent.alphas.tolist().index(limit)}
    assert readout == descent.readout_for(state)
    assert erm.OUTCOMES["oscillating"] in readout
    assert page.get_attribute("#root .erm-background", "data-view") == "centred"
    assert page.locator("#root .erm-presets:not([hidden])").count() == 1
    assert page.errors == []
