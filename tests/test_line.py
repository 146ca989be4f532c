"""The line h(x) = w0 + w1 x: its risk surface, gradient, best line, Hessian, and descent in
two dimensions (erm_helpers section 6, erm_fast.LineMoments)."""

import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import erm_fast as fast
import erm_helpers as erm

DATA = erm.load_professors()
X, Y = DATA["yrs_since_phd"], DATA["salary_usd"]


@st.composite
def paired(draw, shift=0.0):
    n = draw(st.integers(2, 30))
    x = np.array(draw(st.lists(st.floats(-1e3, 1e3), min_size=n, max_size=n)))
    y = np.array(draw(st.lists(st.floats(-1e3, 1e3), min_size=n, max_size=n)))
    assume(np.ptp(x) > 1e-3)
    return x + shift, y + shift


def direct(w0, w1, x, y):
    """The plain formula, one row of residuals per line."""
    w0, w1 = np.broadcast_arrays(np.asarray(w0, float), np.asarray(w1, float))
    r = y - w0[..., None] - w1[..., None] * x
    return np.mean(r * r, axis=-1)


@pytest.mark.parametrize("shift", [0.0, 1e9])
@settings(max_examples=60)
@given(data=st.data())
def test_the_surface_is_the_plain_formula(shift, data):
    x, y = data.draw(paired(shift))
    w1 = np.linspace(-3, 3, 7)
    w0 = (np.mean(y) - w1 * np.mean(x))[:, None] + np.linspace(-50, 50, 5)[None, :]
    surface = erm.line_risk(w0, w1[:, None], x, y)
    plain = direct(w0, w1[:, None], x, y)
    # the scale of the numbers summed: the residuals' size, whatever the shift
    scale = (np.ptp(y) + 3 * np.ptp(x) + 50) ** 2
    np.testing.assert_allclose(surface, plain, rtol=1e-9, atol=1e-9 * scale)
    for i in (0, 3):      # and the plain formula for one line
        assert erm.line_risk(float(w0[i, 2]), float(w1[i]), x, y) == pytest.approx(
            float(plain[i, 2]), rel=1e-9, abs=1e-9 * scale)


def test_raw_moments_would_lose_every_digit_where_centred_ones_keep_them():
    x, y = X + 1e9, Y + 1e9
    w0, w1 = erm.least_squares_line(x, y)
    exact = direct(w0, w1, x, y)
    raw = (np.mean(y * y) - 2 * w0 * np.mean(y) - 2 * w1 * np.mean(x * y) + w0 * w0
           + 2 * w0 * w1 * np.mean(x) + w1 * w1 * np.mean(x * x))
    assert abs(raw - exact) > 0.01 * exact        # the naive way: off in the second digit
    surface = erm.line_risk(np.array([w0]), np.array([w1]), x, y)[0]
    assert surface == pytest.approx(float(exact), rel=1e-6)   # centred: right


@settings(max_examples=60)
@given(data=st.data())
def test_the_gradient_is_the_slope_of_the_risk(data):
    x, y = data.draw(paired())
    w0, w1 = data.draw(st.floats(-100, 100)), data.draw(st.floats(-5, 5))
    d0, d1 = erm.line_risk_gradient(w0, w1, x, y)
    e = 1e-3
    n0 = (erm.line_risk(w0 + e, w1, x, y) - erm.line_risk(w0 - e, w1, x, y)) / (2 * e)
    n1 = (erm.line_risk(w0, w1 + e, x, y) - erm.line_risk(w0, w1 - e, x, y)) / (2 * e)
    size = 1 + abs(d0) + abs(d1) + np.abs(x).max() * np.abs(y).max()
    assert d0 == pytest.approx(n0, abs=1e-6 * size)
    assert d1 == pytest.approx(n1, abs=1e-6 * size)
    g0, g1 = erm.line_risk_gradient(np.array([w0, w0]), np.array([w1, w1]), x, y)
    np.testing.assert_allclose([g0[0], g1[1]], [d0, d1], rtol=1e-9, atol=1e-9 * size)


@settings(max_examples=60)
@given(data=st.data())
def test_the_best_line_is_numpys_polyfit_and_zeroes_the_gradient(data):
    x, y = data.draw(paired())
    w0, w1 = erm.least_squares_line(x, y)
    slope, intercept = np.polyfit(x, y, 1)
    scale = 1 + np.abs(y).max() + np.abs(x).max()
    assert w1 == pytest.approx(slope, rel=1e-6, abs=1e-9 * scale)
    assert w0 == pytest.approx(intercept, rel=1e-6, abs=1e-6 * scale)
    d0, d1 = erm.line_risk_gradient(w0, w1, x, y)
    assert abs(d0) < 1e-8 * scale ** 2 and abs(d1) < 1e-8 * scale ** 3


def test_the_professors_line_and_its_identities():
    w0, w1 = erm.least_squares_line(X, Y)
    r = np.corrcoef(X, Y)[0, 1]
    assert w1 == pytest.approx(r * np.std(Y) / np.std(X), rel=1e-12)
    assert w0 == pytest.approx(np.mean(Y) - w1 * np.mean(X), rel=1e-12)
    assert erm.line_risk(w0, w1, X, Y) == pytest.approx(np.var(Y) * (1 - r * r), rel=1e-12)


@pytest.mark.parametrize("scaling", ["raw", "centred", "standardized"])
def test_two_d_descent_regimes_follow_the_hessians_eigenvalues(scaling):
    """Fixed-step descent on a quadratic settles exactly when alpha < 2 / (largest
    eigenvalue of the Hessian), and diverges just above that."""
    x = {"raw": X, "centred": X - X.mean(), "standardized": (X - X.mean()) / X.std()}[scaling]
    top = np.linalg.eigvalsh(erm.line_risk_hessian(x)).max()

    def gradient(w):
        return erm.line_risk_gradient(w[0], w[1], x, Y)
    below = erm.gradient_descent(gradient, (0.0, 0.0), 0.9 * 2 / top, max_iter=200_000,
                                 tol=1e-6)
    above = erm.gradient_descent(gradient, (0.0, 0.0), 1.1 * 2 / top, max_iter=2_000)
    assert below.converged
    np.testing.assert_allclose(below.h, erm.least_squares_line(x, Y), rtol=1e-6, atol=1e-3)
    assert above.diverged


def test_standardized_x_with_alpha_one_half_lands_in_one_step():
    z = (X - X.mean()) / X.std()
    run = erm.gradient_descent(lambda w: erm.line_risk_gradient(*w, z, Y), (0.0, 0.0), 0.5)
    np.testing.assert_allclose(run.path[1], erm.least_squares_line(z, Y), rtol=1e-12)
    assert run.steps == 2 and run.converged and run.path.shape == (3, 2)


def test_vector_descent_reports_like_the_scalar_one():
    run = erm.gradient_descent(lambda w: 2 * np.asarray(w), [3.0, -4.0], 1.0, max_iter=50)
    assert run.outcome == "oscillating" and run.path.shape == (51, 2)
    run = erm.gradient_descent(lambda w: 2 * np.asarray(w), [3.0, -4.0], 1.2)
    assert run.diverged and "passed the bound" in run.message
    assert isinstance(erm.gradient_descent(lambda h: 2 * h, 3.0, 0.1).h, float)


def test_a_shrinking_step_settles_where_a_fixed_one_bounces():
    y = erm.load_salaries()

    def slope(h):
        return erm.absolute_risk_slope(h, y)
    fixed = erm.gradient_descent(slope, 150_000, 1_234)
    assert fixed.outcome == "oscillating"
    shrinking = erm.gradient_descent(slope, 150_000, 20_000, shrink="1/k", tol=1.0,
                                     max_iter=100_000)
    assert abs(shrinking.h - 96_000) < 1.0


def test_line_moments_match_numpy():
    m = fast.LineMoments(X, Y)
    assert (m.xbar, m.ybar) == pytest.approx((X.mean(), Y.mean()))
    assert m.sxy == pytest.approx(np.cov(X, Y, bias=True)[0, 1], rel=1e-12)


@pytest.mark.parametrize("call, error, rule", [
    (lambda: erm.line_risk(0, 1, [1, 2, 3], [1, 2]), ValueError, r"same length"),
    (lambda: erm.line_risk(0, 1, [1], [1]), ValueError, r"at least two points"),
    (lambda: erm.line_risk(0, 1, [1, math.nan], [1, 2]), ValueError, r"x must be finite"),
    (lambda: erm.line_risk(0, 1, [1, 2], ["a", "b"]), TypeError, r"y must hold numbers"),
    (lambda: erm.line_risk("w", 1, [1, 2], [1, 2]), TypeError, r"w0 must hold numbers"),
    (lambda: erm.least_squares_line([2, 2, 2], [1, 2, 3]), ValueError, r"x must not be constant"),
    (lambda: erm.line_risk_gradient(0, 1, [[1, 2]], [[1, 2]]), ValueError, r"1-D"),
    (lambda: erm.line_risk_hessian([]), ValueError, r"non-empty 1-D"),
])
def test_bad_line_input_names_the_rule(call, error, rule):
    with pytest.raises(error, match=rule):
        call()
