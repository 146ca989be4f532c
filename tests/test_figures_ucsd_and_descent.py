"""erm_course.figures.ucsd_and_descent: the figures of notebooks 04 (UCSD loss) and 05
(gradient descent).

The figures are drawn on plain matplotlib Figures (no pyplot, no display); each test reads
back the line data and compares it with the numeric functions of erm_helpers, or with an
independent computation. That every figure is sharp, legible and in the course's palette
is checked for all figures at once in ``tests/test_style.py``.
"""

import math

import numpy as np
import pytest
from matplotlib.figure import Figure

import erm_helpers as erm
from erm_course import figures

Y = erm.load_salaries()


SIGMA = 21_000.0

# One learning rate in each regime of the squared risk: (1 - 2 alpha) in (0, 1), 0,
# (-1, 0), -1 and below -1.
REGIMES = {0.1: "converged", 0.5: "converged", 0.75: "converged", 1.0: "oscillating",
           1.1: "diverged"}


def axes(n=1, ncols=None):
    """Fresh axes on a Figure that is never shown."""
    fig = Figure()
    if n == 1:
        return fig.subplots()
    return fig.subplots(math.ceil(n / ncols), ncols)


def squared_derivative(h):
    return erm.squared_risk_derivative(h, Y)


def ucsd_derivative(h):
    return erm.ucsd_risk_derivative(h, Y, SIGMA)


# --- 04: the loss, the risk and its derivative --------------------------------------------

def test_loss_lines_are_the_ucsd_loss():
    sigmas = (5_000, 10_000, 21_000)
    drawn = figures.plot_ucsd_loss(sigmas, y=100_000, ax=axes())
    assert len(drawn["lines"]) == len(sigmas)
    for sigma, line in zip(sigmas, drawn["lines"]):
        h, loss = line.get_data()
        np.testing.assert_allclose(loss, erm.ucsd_loss(h, 100_000, sigma), rtol=1e-12)
        # An upside-down bell: 0 at y, close to the level 1 three sigmas away.
        assert loss.min() == pytest.approx(0.0, abs=1e-4)
        assert h[np.argmin(loss)] == pytest.approx(100_000, abs=sigma / 50)
        assert 1 - 1e-3 < loss[0] <= 1 and 1 - 1e-3 < loss[-1] <= 1
    assert list(drawn["level"].get_ydata()) == [1.0, 1.0]
    assert list(drawn["data"].get_xdata()) == [100_000.0]


@pytest.mark.parametrize("data", ["salaries", "professors"])
def test_risk_panels_draw_the_risk_and_mark_every_minimum(data):
    y = Y if data == "salaries" else erm.load_professor_salaries()
    sigmas = figures.UCSD_SIGMAS
    panels = figures.plot_ucsd_risk_grid(y, sigmas, axes=axes(4, 2))
    assert len(panels) == 4
    for sigma, panel in zip(sigmas, panels):
        h, risk = panel["curve"].get_data()
        np.testing.assert_allclose(risk, erm.ucsd_risk(h, y, sigma), rtol=1e-12)
        # the fast curve agrees with the plain mean of the losses at a few points
        some = h[::397]
        np.testing.assert_allclose(risk[::397], erm.empirical_risk(erm.ucsd_loss, some, y,
                                                                   sigma=sigma), rtol=1e-9)
        minima = erm.ucsd_local_minima(y, sigma)
        np.testing.assert_array_equal(panel["minima"].get_xdata(), minima)
        np.testing.assert_allclose(panel["minima"].get_ydata(),
                                   erm.ucsd_risk(minima, y, sigma), rtol=1e-12)
        best = erm.ucsd_global_minimizer(y, sigma)
        assert list(panel["global"].get_xdata()) == [best]
        assert panel["global"].get_ydata()[0] == pytest.approx(erm.ucsd_risk(best, y, sigma))
        np.testing.assert_array_equal(panel["data"].get_xdata(), y)
        assert f"{minima.size} local minim" in panel["curve"].axes.get_title()


def test_marked_minima_are_minima_and_the_star_is_the_lowest():
    """An independent check of the markers: the risk rises on both sides of each one."""
    panels = figures.plot_ucsd_risk_grid(Y, figures.UCSD_SIGMAS, axes=axes(4, 2))
    for sigma, panel in zip(figures.UCSD_SIGMAS, panels):
        marks = panel["minima"].get_xdata()
        step = sigma / 100
        here = erm.ucsd_risk(marks, Y, sigma)
        assert np.all(erm.ucsd_risk(marks - step, Y, sigma) > here)
        assert np.all(erm.ucsd_risk(marks + step, Y, sigma) > here)
        h, risk = panel["curve"].get_data()
        star_risk = panel["global"].get_ydata()[0]
        assert star_risk == pytest.approx(here.min())
        assert star_risk <= risk.min() + 1e-12   # nothing drawn lies lower


def test_small_sigma_is_wiggly_and_large_sigma_smooth():
    counts = [p["minima"].get_xdata().size
              for p in figures.plot_ucsd_risk_grid(Y, axes=axes(4, 2))]
    assert counts == [3, 3, 3, 2]   # the four sigmas of the source, on the five salaries


def test_derivative_line_and_finite_differences():
    drawn = figures.plot_ucsd_derivative(Y, SIGMA, ax=axes(), points=30)
    h, slope = drawn["formula"].get_data()
    np.testing.assert_allclose(slope, erm.ucsd_risk_derivative(h, Y, SIGMA), rtol=1e-12)
    dots, numeric = drawn["finite_difference"].get_data()
    assert dots.size == 30
    exact = erm.ucsd_risk_derivative(dots, Y, SIGMA)
    # central differences are exact to about (d / sigma)^2 of the slope's size
    np.testing.assert_allclose(numeric, exact, rtol=0, atol=1e-5 * np.abs(exact).max())
    assert list(drawn["zero"].get_ydata()) == [0.0, 0.0]


# --- 05: descent paths and errors ----------------------------------------------------------

def test_descent_paths_are_the_gradient_descent_paths():
    alphas = list(REGIMES)
    runs = figures.plot_descent_paths(Y, alphas, 150_000, axes=axes(5, 3))
    for alpha, run in zip(alphas, runs):
        expected = erm.gradient_descent(squared_derivative, 150_000, alpha, max_iter=500)
        np.testing.assert_array_equal(run["path"].get_xdata(), expected.path)
        np.testing.assert_allclose(run["path"].get_ydata(),
                                   erm.squared_risk(expected.path, Y), rtol=1e-12)
        assert run["result"].outcome == REGIMES[alpha] == expected.outcome
        assert list(run["start"].get_xdata()) == [150_000.0]
        h, curve = run["curve"].get_data()
        np.testing.assert_allclose(curve, erm.squared_risk(h, Y), rtol=1e-12)


def test_ucsd_descent_from_near_the_outlier_stops_in_the_shallow_minimum():
    alphas = [0.5 * SIGMA**2, SIGMA**2, 2 * SIGMA**2]
    runs = figures.plot_descent_paths(Y, alphas, 170_000, risk="ucsd", sigma=SIGMA,
                                  max_iter=10_000, axes=axes(3, 3))
    low, shallow = erm.ucsd_local_minima(Y, SIGMA)
    assert erm.ucsd_global_minimizer(Y, SIGMA) == low
    for alpha, run in zip(alphas, runs):
        expected = erm.gradient_descent(ucsd_derivative, 170_000, alpha, max_iter=10_000)
        np.testing.assert_array_equal(run["path"].get_xdata(), expected.path)
        np.testing.assert_allclose(run["path"].get_ydata(),
                                   erm.ucsd_risk(expected.path, Y, SIGMA), rtol=1e-12)
        assert run["result"].converged
        assert run["result"].h == pytest.approx(shallow, abs=1.0)
        assert "σ²" in run["path"].axes.get_title()


def test_descent_errors_follow_one_minus_two_alpha():
    alphas = list(REGIMES)
    mean = float(np.mean(Y))
    runs = figures.plot_descent_errors(Y, alphas, 150_000, max_iter=40, ax=axes())
    for alpha, run in zip(alphas, runs):
        expected = erm.gradient_descent(squared_derivative, 150_000, alpha, max_iter=40)
        error = np.abs(expected.path - mean)
        steps, measured = run["measured"].get_data()
        np.testing.assert_array_equal(steps, np.arange(expected.path.size))
        np.testing.assert_array_equal(measured, np.where(error > 0, error, np.nan))
        _, predicted = run["predicted"].get_data()
        visible = predicted > 1e-3
        np.testing.assert_allclose(measured[visible], predicted[visible], rtol=1e-6)
    assert run["measured"].axes.get_yscale() == "log"
    # alpha = 1/2 lands on the mean in one step: the error is exactly 0 from step 1.
    half = runs[alphas.index(0.5)]["measured"].get_ydata()
    assert half[0] == pytest.approx(150_000 - mean) and np.all(np.isnan(half[1:]))


def test_zoomed_descent_panel_shows_the_path_and_its_valley():
    prof = erm.load_professor_salaries()
    sigma = 10_000.0
    whole, zoomed = (figures.plot_descent_paths(prof, sigma ** 2, 225_000, risk="ucsd",
                                                sigma=sigma, max_iter=10_000, zoom=z,
                                                axes=[Figure().subplots()])[0]
                     for z in (False, True))
    path_risk = zoomed["path"].get_ydata()
    for drawn in (whole, zoomed):
        np.testing.assert_allclose(drawn["path"].get_xdata(), drawn["result"].path)
    ax_whole, ax_zoom = whole["path"].axes, zoomed["path"].axes
    share = lambda ax: np.ptp(path_risk) / np.ptp(ax.get_ylim())   # noqa: E731
    assert share(ax_whole) < 0.01          # before: the path is a dot on the 0-1 axis
    assert share(ax_zoom) > 0.4            # zoomed: it fills the panel
    low, high = zoomed["window"]
    valley = erm.ucsd_local_minima(prof, sigma).max()
    assert low < 225_000 and valley < high and ax_zoom.get_xlim() == pytest.approx((low, high))
    x, r = zoomed["curve"].get_data()
    np.testing.assert_allclose(r, erm.ucsd_risk(x, prof, sigma))
    assert x.min() == low and x.max() == high


def test_new_figures_when_no_axes_are_given():
    plt = pytest.importorskip("matplotlib.pyplot")
    plt.switch_backend("agg")
    try:
        panels = figures.plot_ucsd_risk_grid(Y)
        fig = panels[0]["curve"].figure
        assert len(fig.axes) == 4
        runs = figures.plot_descent_paths(Y, [0.1, 0.5, 0.75, 1.0, 1.1], 150_000)
        assert len(runs[0]["path"].figure.axes) == 5   # the spare sixth panel is removed
        assert figures.plot_ucsd_loss()["lines"][0].axes is not None
    finally:
        plt.close("all")


@pytest.mark.parametrize("call, error", [
    (lambda: figures.plot_ucsd_risk(Y, -3.0, ax=axes()), ValueError),
    (lambda: figures.plot_ucsd_loss([], ax=axes()), ValueError),
    (lambda: figures.plot_ucsd_risk_grid([], axes=axes(4, 2)), ValueError),
    (lambda: figures.plot_ucsd_derivative(Y, SIGMA, points=0, ax=axes()), ValueError),
    (lambda: figures.plot_descent_paths(Y, 0.1, 1e5, risk="ucsd", axes=axes()), ValueError),
    (lambda: figures.plot_descent_paths(Y, 0.1, 1e5, risk="cubic", axes=axes()), ValueError),
    (lambda: figures.plot_descent_paths(Y, [0.1, 0.2], [1e5, 2e5, 3e5], axes=axes(3, 3)),
     ValueError),
    (lambda: figures.plot_descent_paths(Y, [0.1, -0.2], 1e5, axes=axes(2, 2)), ValueError),
    (lambda: figures.plot_descent_paths(Y, [0.1, 0.2], 1e5, axes=axes()), ValueError),
    (lambda: figures.plot_descent_errors(Y, "fast", 1e5, ax=axes()), TypeError),
])
def test_bad_input_is_refused(call, error):
    with pytest.raises(error):
        call()
