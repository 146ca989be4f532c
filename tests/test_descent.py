"""Gradient descent: what notebook 5 predicts, and a loop that always ends quietly.

On the squared risk the error h - mean is multiplied by (1 - 2 alpha) at every step, so
0 < alpha < 1 converges (alpha = 1/2 in one step), alpha = 1 bounces between two points
forever, and alpha > 1 runs away.
"""

import math
import warnings

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import erm_helpers as erm

Y = erm.load_salaries()
MEAN = float(np.mean(Y))


def squared_slope(h):
    return erm.squared_risk_derivative(h, Y)


def quietly(*args, **kwargs):
    """Run gradient_descent with every warning turned into an error."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return erm.gradient_descent(*args, **kwargs)


def check_path(run, h0):
    """The invariants of every result, whatever the outcome."""
    assert run.path[0] == h0
    assert len(run.path) == run.steps + 1
    assert run.h == run.path[-1]
    assert type(run.h) is float
    assert np.all(np.isfinite(run.path))
    assert run.converged == (run.outcome == "converged")
    assert run.diverged == (run.outcome == "diverged")
    assert run.outcome in erm.OUTCOMES
    assert isinstance(run.message, str) and run.message


@given(alpha=st.floats(0.01, 0.99), h0=st.floats(0, 1e6))
def test_reaches_the_mean_for_alpha_below_one(alpha, h0):
    tol = 1e-6
    run = quietly(squared_slope, h0, alpha, tol=tol)
    check_path(run, h0)
    assert run.converged and not run.diverged
    # The last step, 2 alpha |e| < tol, leaves an error |1 - 2 alpha| |e| behind; plus
    # rounding of numbers of size 1e6.
    assert abs(run.h - MEAN) <= tol * abs(1 - 2 * alpha) / (2 * alpha) + 1e-9 * MEAN
    # the error shrinks by exactly |1 - 2 alpha| each step (until rounding takes over)
    errors = np.abs(run.path - MEAN)
    big = errors > 1e-3
    ratios = errors[1:][big[1:]] / errors[:-1][big[1:]]
    np.testing.assert_allclose(ratios, abs(1 - 2 * alpha), rtol=1e-6)


@given(alpha=st.floats(0.01, 0.49), h0=st.floats(0, 1e6))
def test_small_alpha_approaches_from_one_side(alpha, h0):
    assume(abs(h0 - MEAN) > 1)
    run = erm.gradient_descent(squared_slope, h0, alpha)
    side = np.sign(run.path[:-1] - MEAN)
    assert np.all(side[side != 0] == np.sign(h0 - MEAN))


@given(alpha=st.floats(0.51, 0.99), h0=st.floats(0, 1e6))
def test_alpha_between_half_and_one_oscillates_in(alpha, h0):
    assume(abs(h0 - MEAN) > 1_000)
    run = erm.gradient_descent(squared_slope, h0, alpha)
    assert run.converged
    assert np.sign(run.path[1] - MEAN) == -np.sign(h0 - MEAN)


@given(h0=st.floats(0, 1e6))
def test_alpha_one_half_lands_on_the_mean_in_one_step(h0):
    assume(abs(h0 - MEAN) > 1)
    run = quietly(squared_slope, h0, 0.5)
    check_path(run, h0)
    assert run.converged
    assert len(run.path) == 3            # h0, the mean, and a step of (almost) zero
    assert run.path[1] == pytest.approx(MEAN, rel=1e-15, abs=1e-9)
    assert abs(run.path[2] - run.path[1]) < 1e-6


def test_alpha_one_half_on_the_five_salaries():
    run = erm.gradient_descent(squared_slope, 150_000, 0.5)
    assert run.path.tolist() == [150_000, 112_000, 112_000]
    assert run.steps == 2 and run.converged


@pytest.mark.parametrize("h0", [150_000.0, 0.0, 1e6])
def test_alpha_one_never_converges(h0):
    run = quietly(squared_slope, h0, 1.0, max_iter=200)
    check_path(run, h0)
    assert run.outcome == "oscillating"
    assert not run.converged and not run.diverged
    assert run.steps == 200
    # it bounces between h0 and its mirror image in the mean
    np.testing.assert_allclose(run.path[::2], h0)
    np.testing.assert_allclose(run.path[1::2], 2 * MEAN - h0)


@pytest.mark.parametrize("alpha", [1.01, 1.5, 3.0, 100.0])
def test_alpha_above_one_diverges_without_warnings(alpha):
    run = quietly(squared_slope, 150_000, alpha)
    check_path(run, 150_000)
    assert run.diverged and not run.converged
    assert run.steps < 10_000
    if alpha >= 1.5:
        assert run.steps < 100       # the error at least doubles each step


@pytest.mark.parametrize("alpha", [1.01, 1.5, 100.0])
def test_alpha_above_one_at_a_small_cap_still_diverged(alpha):
    # The cap is hit before any bound: the growing flips are still called divergence.
    run = quietly(squared_slope, 150_000, alpha, max_iter=3)
    check_path(run, 150_000)
    assert run.steps == 3 and run.diverged


@given(alpha=st.floats(1.001, 1e6), h0=st.floats(0, 1e6), max_iter=st.integers(3, 300))
def test_any_alpha_above_one_diverges(alpha, h0, max_iter):
    assume(abs(h0 - MEAN) > 1)
    run = quietly(squared_slope, h0, alpha, max_iter=max_iter)
    check_path(run, h0)
    assert run.diverged and run.steps <= max_iter


@pytest.mark.parametrize("max_iter", [1, 2, 7, 50])
def test_max_iter_is_a_cap(max_iter):
    run = erm.gradient_descent(squared_slope, 150_000, 1e-4, max_iter=max_iter)
    check_path(run, 150_000)
    assert run.steps == max_iter
    assert run.outcome == "max_iter" and not run.converged and not run.diverged


@pytest.mark.parametrize("tol", [1e-9, 1e-3, 10.0, 5_000.0])
def test_tol_decides_when_to_stop(tol):
    run = erm.gradient_descent(squared_slope, 150_000, 0.1, tol=tol)
    check_path(run, 150_000)
    steps = np.abs(np.diff(run.path))
    assert run.converged
    assert steps[-1] < tol             # stopped at the first step below tol ...
    assert np.all(steps[:-1] >= tol)   # ... and not before


@pytest.mark.parametrize("value", [math.inf, -math.inf, math.nan])
def test_non_finite_derivative_is_divergence(value):
    run = quietly(lambda h: value, 1.0, 0.1)
    check_path(run, 1.0)
    assert run.diverged and run.steps == 0
    later = quietly(lambda h: value if h > 3 else -1.0, 1.0, 1.0)
    check_path(later, 1.0)
    assert later.diverged and later.path.tolist() == [1.0, 2.0, 3.0, 4.0]


@pytest.mark.parametrize("derivative", [
    lambda h: np.float64(h) ** 3 * 1e300,      # numpy overflow: inf, with a warning hidden
    lambda h: np.exp(np.float64(h)),
    lambda h: math.exp(h),                     # Python raises OverflowError instead
    lambda h: h ** 3 * 1e300,
    lambda h: 10 ** 400,                       # an int too large for a float
], ids=["numpy-power", "numpy-exp", "math-exp", "python-power", "huge-int"])
def test_overflowing_derivative_is_divergence(derivative):
    run = quietly(derivative, 1000.0, 1.0)
    check_path(run, 1000.0)
    assert run.diverged


def test_iterate_overflow_is_divergence():
    # a finite derivative, but the step itself overflows
    run = quietly(lambda h: 1e300, 0.0, 1e300)
    check_path(run, 0.0)
    assert run.diverged and run.steps == 0


def test_bound():
    run = quietly(lambda h: -1.0, 0.0, 1.0, bound=10.0)
    check_path(run, 0.0)
    assert run.diverged and run.steps == 11 and run.h == 11.0

