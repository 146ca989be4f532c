"""erm_course.figures.a_line: the figures of notebook 08 (a line through the professors'
salaries against years since the PhD).

The figures are drawn on plain matplotlib Figures (no pyplot, no display); each test reads
back what was drawn and compares it with erm_helpers, or with numpy computed here
(``numpy.polyfit``, plain means), so a figure cannot agree with a wrong helper by sharing
it. That every figure is sharp, legible and in the course's palette is checked for all
figures at once in ``tests/test_style.py``.
"""

import math

import numpy as np
import pytest
from matplotlib.figure import Figure

import erm_fast
import erm_helpers as erm
from erm_course import figures
from erm_course.figures import a_line

DATA = erm.load_professors()
X, Y, RANK = DATA["yrs_since_phd"], DATA["salary_usd"], DATA["rank"]
DECADES = [(0, 10), (10, 20), (20, 30), (30, 40), (40, math.inf)]


def axes(n=1, ncols=1):
    """Fresh axes on a Figure that is never shown."""
    fig = Figure(layout="constrained")
    if n == 1:
        return fig.subplots()
    return list(fig.subplots(math.ceil(n / ncols), ncols).ravel())


def plain_line(x, y):
    """(w0, w1) by numpy's polyfit, independently of erm_helpers."""
    slope, intercept = np.polyfit(x, y, 1)
    return intercept, slope


# --- the data -------------------------------------------------------------------------------

def test_salaries_by_rank_shows_every_professor_once_with_the_decade_means():
    drawn = figures.plot_salaries_by_rank(X, Y, RANK, ax=axes())
    shown = np.concatenate([dots.get_offsets() for dots in drawn["dots"].values()])
    assert len(shown) == Y.size
    np.testing.assert_array_equal(np.sort(shown[:, 1]), np.sort(Y))
    for name, dots in drawn["dots"].items():
        np.testing.assert_array_equal(dots.get_offsets()[:, 0], X[RANK == name])
    mean_x, mean_y = drawn["means"].get_data()
    expected = [(X[(X >= lo) & (X < hi)].mean(), Y[(X >= lo) & (X < hi)].mean())
                for lo, hi in DECADES]
    np.testing.assert_allclose(np.column_stack([mean_x, mean_y]), expected, rtol=1e-12)


def test_rank_must_have_one_entry_per_point():
    with pytest.raises(ValueError, match="one entry per point"):
        figures.plot_salaries_by_rank(X, Y, RANK[:-1], ax=axes())


# --- the surface and the (w0, w1) explorer's fallback --------------------------------------

def test_the_surface_and_its_contours_are_the_risk():
    fig = Figure(layout="constrained")
    solid, flat = fig.add_subplot(1, 2, 1, projection="3d"), fig.add_subplot(1, 2, 2)
    drawn = figures.plot_line_surface(X, Y, axes=[solid, flat])
    best = plain_line(X, Y)
    smallest = erm.line_risk(*best, X, Y)
    np.testing.assert_allclose(drawn["contours"].levels,
                               smallest * np.array(a_line.CONTOUR_LEVELS), rtol=1e-9)
    np.testing.assert_allclose([drawn["best"].get_xdata()[0], drawn["best"].get_ydata()[0]],
                               best, rtol=1e-9)
    # the valley floor: each of its lines passes through the point of means
    w0, w1 = drawn["floor"].get_data()
    np.testing.assert_allclose(w0 + w1 * X.mean(), Y.mean(), rtol=1e-12)
    # and for each slope its intercept is the best one: the w0-derivative is 0 there
    d0, _ = erm.line_risk_gradient(w0, w1, X, Y)
    assert np.abs(d0).max() < 1e-6


def test_the_settings_show_each_line_its_residuals_and_its_point():
    lines = [(Y.mean(), 0.0), (80_000.0, 1_500.0), (100_000.0, 500.0)]
    drawn = figures.plot_line_settings(X, Y, lines, axes=axes(6, 2))
    for (w0, w1), row in zip(lines, drawn):
        grid, h = row["line"].get_data()
        np.testing.assert_allclose(h, w0 + w1 * np.asarray(grid), rtol=1e-12)
        xs, ys = (np.reshape(v, (-1, 3)) for v in row["residuals"].get_data())
        np.testing.assert_array_equal(xs[:, :2], np.column_stack([X, X]))
        np.testing.assert_array_equal(ys[:, 0], Y)
        np.testing.assert_allclose(ys[:, 1], w0 + w1 * X, rtol=1e-12)
        assert np.isnan(xs[:, 2]).all() and np.isnan(ys[:, 2]).all()
        assert (row["point"].get_xdata()[0], row["point"].get_ydata()[0]) == (w0, w1)
        assert row["risk"] == pytest.approx(np.mean((Y - w0 - w1 * X) ** 2), rel=1e-12)
    assert drawn[0]["risk"] == pytest.approx(np.var(Y), rel=1e-12)   # the constant model


# --- descent in two dimensions --------------------------------------------------------------

@pytest.mark.parametrize("scaling, shift, scale", [
    ("raw", 0.0, 1.0), ("centred", X.mean(), 1.0), ("standardized", X.mean(), X.std())])
def test_scaled_feature_and_its_way_back(scaling, shift, scale):
    z, got_shift, got_scale = a_line.scaled_feature(X, scaling)
    assert (got_shift, got_scale) == pytest.approx((shift, scale), rel=1e-15)
    np.testing.assert_allclose(z, (X - shift) / scale, rtol=1e-15)
    v0, v1 = plain_line(z, Y)
    np.testing.assert_allclose((v0 - v1 * shift / scale, v1 / scale), plain_line(X, Y),
                               rtol=1e-9)
    with pytest.raises(ValueError, match="scaling must be one of"):
        a_line.scaled_feature(X, "logged")


def test_descent_paths_are_the_runs_of_gradient_descent():
    runs = [("raw", 0.001), ("raw", 0.0016), ("centred", 0.005), ("standardized", 0.5)]
    drawn = figures.plot_line_descent_paths(X, Y, runs, axes=axes(4, 2))
    outcomes = [(d["result"].steps, d["result"].outcome) for d in drawn]
    assert outcomes == [(35_360, "converged"), (201, "diverged"), (2_076, "converged"),
                        (2, "converged")]
    for (scaling, alpha), d in zip(runs, drawn):
        z, _, _ = a_line.scaled_feature(X, scaling)
        again = erm.gradient_descent(lambda w, z=z: erm.line_risk_gradient(*w, z, Y),
                                     (0.0, 0.0), alpha, max_iter=100_000)
        np.testing.assert_array_equal(d["result"].path, again.path)
        path = np.column_stack(d["path"].get_data())
        ks = a_line.sample_steps(again.steps)
        np.testing.assert_array_equal(path, again.path[ks][:len(path)])
        assert (d["start"].get_xdata()[0], d["start"].get_ydata()[0]) == (0.0, 0.0)
        if not again.diverged:
            np.testing.assert_allclose(again.h, plain_line(z, Y), rtol=1e-6)
            assert len(path) == len(ks)
    # a diverging path is drawn only until it is far out of the picture
    assert len(drawn[1]["path"].get_xdata()) < 20


def test_descent_view_holds_the_start_the_minimum_and_the_turn_into_the_valley():
    for scaling in a_line.SCALINGS:
        z, _, _ = a_line.scaled_feature(X, scaling)
        (lo0, hi0), (lo1, hi1) = a_line.descent_view(erm_fast.LineMoments(z, Y), (0.0, 0.0))
        best = plain_line(z, Y)
        assert lo0 < 0 < hi0 and lo1 < 0 < hi1
        assert lo0 < best[0] < hi0 and lo1 < best[1] < hi1
    # standardized: both weights in dollars, a square view
    z, _, _ = a_line.scaled_feature(X, "standardized")
    (lo0, hi0), (lo1, hi1) = a_line.descent_view(erm_fast.LineMoments(z, Y), (0.0, 0.0))
    assert hi0 - lo0 == pytest.approx(hi1 - lo1)


def test_sample_steps_keeps_the_first_and_the_last():
    assert a_line.sample_steps(5).tolist() == [0, 1, 2, 3, 4, 5]
    ks = a_line.sample_steps(35_360)
    assert ks[0] == 0 and ks[-1] == 35_360 and np.all(np.diff(ks) > 0)
    assert ks[:400].tolist() == list(range(400)) and len(ks) <= 1_001


# --- what the line misses, and what its slope is not -----------------------------------------

def test_residuals_by_bin_are_the_residuals_and_their_decade_means():
    drawn = figures.plot_residuals_by_bin(X, Y, ax=axes())
    w0, w1 = plain_line(X, Y)
    residuals = Y - w0 - w1 * X
    offsets = drawn["residuals"].get_offsets()
    np.testing.assert_allclose(offsets[:, 1], residuals, rtol=1e-9, atol=1e-6)
    means = [bar.get_ydata()[0] for bar in drawn["bars"]]
    expected = [residuals[(X >= lo) & (X < hi)].mean() for lo, hi in DECADES]
    np.testing.assert_allclose(means, expected, rtol=1e-9)
    # the pattern the notebook reads off (a fact of these data): too high at both ends
    assert means[0] < 0 < means[2] and means[-1] < 0


def test_the_quadratic_fit_is_numpys_and_its_peak_is_where_the_slope_is_zero():
    drawn = figures.plot_quadratic_fit(X, Y, ax=axes())
    c2, c1, c0 = np.polyfit(X, Y, 2)
    np.testing.assert_allclose(drawn["weights"], [c0, c1, c2], rtol=1e-7)
    grid, curve = drawn["curve"].get_data()
    np.testing.assert_allclose(curve, c0 + c1 * grid + c2 * grid ** 2, rtol=1e-7)
    assert drawn["peak"] == pytest.approx(-c1 / (2 * c2), rel=1e-7)
    grid, line = drawn["line"].get_data()
    w0, w1 = plain_line(X, Y)
    np.testing.assert_allclose(line, w0 + w1 * grid, rtol=1e-9)


def test_within_rank_lines_are_each_ranks_own_fit():
    drawn = figures.plot_within_rank_lines(X, Y, RANK, ax=axes())
    for name, line in drawn["lines"].items():
        inside = RANK == name
        w0, w1 = plain_line(X[inside], Y[inside])
        assert drawn["slopes"][name] == pytest.approx(w1, rel=1e-7)
        span, h = line.get_data()
        assert tuple(span) == (X[inside].min(), X[inside].max())
        np.testing.assert_allclose(h, w0 + w1 * np.asarray(span), rtol=1e-9)
    w0, w1 = plain_line(X, Y)
    span, h = drawn["overall"].get_data()
    np.testing.assert_allclose(h, w0 + w1 * np.asarray(span), rtol=1e-9)


def test_the_inverted_line_is_years_on_salary_through_the_point_of_means():
    drawn = figures.plot_inverted_regression(X, Y, ax=axes())
    b0, b1 = plain_line(Y, X)
    r = np.corrcoef(X, Y)[0, 1]
    assert drawn["slopes"][0] == pytest.approx(plain_line(X, Y)[1], rel=1e-9)
    assert drawn["slopes"][1] == pytest.approx(1 / b1, rel=1e-9)
    assert drawn["slopes"][1] == pytest.approx(drawn["slopes"][0] / r ** 2, rel=1e-9)
    years, salaries = drawn["inverted"].get_data()
    np.testing.assert_allclose(years, b0 + b1 * np.asarray(salaries), rtol=1e-9)
    # both lines pass through the point of means
    slope = (salaries[1] - salaries[0]) / (years[1] - years[0])
    assert salaries[0] + slope * (X.mean() - years[0]) == pytest.approx(Y.mean(), rel=1e-9)
