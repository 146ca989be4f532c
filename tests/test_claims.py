"""Property tests of claims the notebooks make that no other test checked.

Each test names the notebook (or exercise) whose claim it checks. Data are random and
include ties and negative values; tolerances are written beside each check with the
reason for them. Everything here runs in a few seconds.
"""

import math
import warnings
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import erm_helpers as erm

EPS = float(np.finfo(float).eps)

# Round thousands, negative ones too: ties are common and the gaps are known.
THOUSANDS = st.integers(-300, 300).map(lambda k: 1_000.0 * k)
# sigma from tiny next to those gaps (50) up to far wider than the data (1e6), log-spread.
SIGMA = st.one_of(st.sampled_from([50.0, 100.0, 1_000.0, 3_000.0, 21_000.0, 1e5, 1e6]),
                  st.floats(math.log10(50), 6).map(lambda e: 10.0 ** e))


@st.composite
def small_data(draw, values=THOUSANDS, min_size=1, max_size=8):
    """1 to 8 values drawn from a smaller pool, so duplicates are common."""
    n = draw(st.integers(min_size, max_size))
    distinct = draw(st.integers(1, n))
    pool = draw(st.lists(values, min_size=distinct, max_size=distinct, unique=True))
    return np.array(draw(st.lists(st.sampled_from(pool), min_size=n, max_size=n)))


def grid_around(y, sigma, per_sigma, cap):
    """An even grid over [min y - 3 sigma, max y + 3 sigma], sigma/per_sigma apart (or coarser
    if that would take more than ``cap`` points)."""
    lo, hi = float(y.min()) - 3 * sigma, float(y.max()) + 3 * sigma
    m = min(cap, math.ceil((hi - lo) / sigma * per_sigma) + 1)
    return np.linspace(lo, hi, m)


def quietly(*args, **kwargs):
    """gradient_descent with every warning turned into an error."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return erm.gradient_descent(*args, **kwargs)


# --- 1. the UCSD minima finder (notebook 04) ------------------------------------------

@given(y=small_data(), sigma=SIGMA)
def test_global_minimizer_is_lowest_everywhere(y, sigma):
    best = erm.ucsd_global_minimizer(y, sigma)
    minima = erm.ucsd_local_minima(y, sigma)
    assert best in minima.tolist()
    # Every minimum lies within the data's range (bisection may leave it by a few ulps).
    slack = 16 * EPS * max(1.0, float(np.max(np.abs(y))))
    assert y.min() - slack <= best <= y.max() + slack
    lowest = erm.ucsd_risk(best, y, sigma)
    # Risks are numbers in [0, 1): 1e-12 is far above their rounding (~1e-16).
    at_data = [erm.ucsd_risk(float(v), y, sigma) for v in y]
    assert min(at_data) >= lowest - 1e-12
    grid = grid_around(y, sigma, per_sigma=50, cap=20_001)
    assert erm.ucsd_risk(grid, y, sigma).min() >= lowest - 1e-12


@given(y=small_data(), sigma=SIGMA)
def test_every_reported_minimum_is_a_local_minimum(y, sigma):
    minima = erm.ucsd_local_minima(y, sigma)
    assert minima.size >= 1 and np.all(np.diff(minima) > 0)
    # In one dimension a sum of n equal-width bells has at most n bumps.
    assert minima.size <= np.unique(y).size
    # A step of sigma/1000 from a minimum changes the risk by about 1e-6 / n: far above the
    # 1e-12 slack, yet too short to jump over a hilltop into the next valley.
    d = 1e-3 * sigma
    for m in minima:
        here = erm.ucsd_risk(float(m), y, sigma)
        assert erm.ucsd_risk(float(m) - d, y, sigma) >= here - 1e-12
        assert erm.ucsd_risk(float(m) + d, y, sigma) >= here - 1e-12


def brute_force_minima(y, sigma, per_sigma=8, cap=200_001):
    """Count the valleys of the risk sampled on a fine grid, by the plain formula.

    A valley is a change from falling to rising samples. Differences below 1e-13 (rounding
    of risks near 1, and the flat stretches where the risk is exactly 1) count as neither.
    """
    grid = grid_around(y, sigma, per_sigma, cap)
    risk = erm.empirical_risk(erm.ucsd_loss, grid, y, sigma=sigma)
    diff = np.diff(risk)
    signs = np.sign(diff[np.abs(diff) > 1e-13])
    return int(np.count_nonzero((signs[:-1] < 0) & (signs[1:] > 0)))


@st.composite
def separated_data(draw):
    """Data whose distinct values are more than 4 sigma apart, with some duplicates."""
    k = draw(st.integers(1, 8))
    values = sorted(draw(st.lists(THOUSANDS, min_size=k, max_size=k, unique=True)))
    gap = float(np.min(np.diff(values))) if k >= 2 else 1e6
    sigma = draw(st.floats(50.0, gap / 4, exclude_max=True))
    extra = draw(st.lists(st.sampled_from(values), max_size=8 - k))
    y = draw(st.permutations(values + extra))
    return np.array(y), sigma


@settings(max_examples=50)    # each example samples up to 200,000 grid points
@given(problem=separated_data())
def test_each_isolated_value_is_its_own_valley(problem):
    y, sigma = problem
    values = np.unique(y)
    minima = erm.ucsd_local_minima(y, sigma)
    assert brute_force_minima(y, sigma) == values.size
    assert minima.size == values.size
    # Each minimum is pulled off its value only by the tails of bells >= 4 sigma away
    # (about e^-16 of a slope): far less than sigma/100.
    np.testing.assert_allclose(minima, values, rtol=0, atol=1e-2 * sigma)
    best = erm.ucsd_global_minimizer(y, sigma)
    counts = {v: np.count_nonzero(y == v) for v in values}
    assert counts[values[np.argmin(np.abs(values - best))]] == max(counts.values())


def test_regression_isolated_minima_with_a_duplicate():
    # The reviewer's case: the finder used to miss the valley of the duplicated 50,000.
    y = np.array([50e3, 50e3, 90e3, 120e3])
    values, counts = np.unique(y, return_counts=True)
    minima = erm.ucsd_local_minima(y, 1_000)
    np.testing.assert_allclose(minima, values, rtol=1e-12)
    assert erm.ucsd_global_minimizer(y, 1_000) == pytest.approx(values[np.argmax(counts)],
                                                                rel=1e-12)


def test_regression_five_salaries_at_a_tiny_sigma():
    y = erm.load_salaries()
    minima = erm.ucsd_local_minima(y, 100)
    np.testing.assert_allclose(minima, np.unique(y), rtol=1e-12)
    best = erm.ucsd_global_minimizer(y, 100)
    # five equal valleys: any of them is a global minimizer
    assert min(abs(best - v) for v in y) <= 1e-6
    assert erm.ucsd_risk(best, y, 100) <= min(erm.ucsd_risk(float(v), y, 100) for v in y)


# --- 2. the five regimes of descent on the squared risk (notebook 05) ----------------

@st.composite
def descent_problems(draw, min_error=1.0):
    """Random data (negative values too) and a start h0 at least ``min_error`` from the mean."""
    values = st.one_of(THOUSANDS, st.floats(-3e5, 3e5))
    y = draw(small_data(values=values, max_size=20))
    mean = float(np.mean(y))
    size = 10.0 ** draw(st.floats(math.log10(min_error), 6))      # 1 (or less) to 1e6
    e0 = size * draw(st.sampled_from([-1.0, 1.0]))
    h0 = mean + e0
    assume(abs(h0 - mean) >= min_error)
    return y, h0


def squared_descent(y, h0, alpha, **kwargs):
    run = quietly(lambda h: erm.squared_risk_derivative(h, y), h0, alpha, **kwargs)
    assert run.path[0] == h0 and run.path.size == run.steps + 1 and run.h == run.path[-1]
    assert np.all(np.isfinite(run.path))
    return run


def rounding(y, h0):
    """Rounding noise in an iterate: a few ulps of the numbers in play."""
    return 64 * EPS * max(1.0, float(np.max(np.abs(y))), abs(h0))


@given(problem=descent_problems(), alpha=st.floats(0.01, 0.5, exclude_max=True))
def test_small_alpha_approaches_from_one_side(problem, alpha):
    y, h0 = problem
    mean = float(np.mean(y))
    run = squared_descent(y, h0, alpha)
    assert run.converged
    errors = run.path - mean
    big = np.abs(errors) > rounding(y, h0)
    assert np.all(np.sign(errors[big]) == np.sign(h0 - mean))       # never passes the mean
    assert np.all(np.diff(np.abs(errors)) <= rounding(y, h0))       # and always gets closer
    # the last step, 2 alpha |e| < tol, leaves |1 - 2 alpha| |e| behind
    assert abs(run.h - mean) <= 1e-6 * (1 - 2 * alpha) / (2 * alpha) + rounding(y, h0)


@given(problem=descent_problems())
def test_alpha_one_half_lands_on_the_mean(problem):
    y, h0 = problem
    mean = float(np.mean(y))
    run = squared_descent(y, h0, 0.5)
    assert run.path[1] == pytest.approx(mean, rel=0, abs=rounding(y, h0))
    assert run.converged and run.steps == 2


@given(problem=descent_problems(),
       alpha=st.floats(0.5, 0.99, exclude_min=True))
def test_alpha_between_half_and_one_flips_and_shrinks(problem, alpha):
    y, h0 = problem
    mean = float(np.mean(y))
    run = squared_descent(y, h0, alpha, max_iter=100_000)
    assert run.converged
    errors = run.path - mean
    # While the error is well above rounding (1e-6 of the numbers' size, so a ratio is off
    # by at most ~1e-8), each step flips its sign and multiplies its size by |1 - 2 alpha|.
    scale = max(1.0, float(np.max(np.abs(y))), abs(h0))
    k = np.flatnonzero(np.abs(errors[1:]) > 1e-6 * scale)
    assert np.all(np.sign(errors[k + 1]) == -np.sign(errors[k]))
    np.testing.assert_allclose(np.abs(errors[k + 1] / errors[k]), abs(1 - 2 * alpha),
                               rtol=1e-6)


@given(problem=descent_problems(), max_iter=st.integers(2, 300))
def test_alpha_one_oscillates_at_the_cap(problem, max_iter):
    y, h0 = problem
    mean = float(np.mean(y))
    run = squared_descent(y, h0, 1.0, max_iter=max_iter)
    assert run.outcome == "oscillating" and run.steps == max_iter
    np.testing.assert_allclose(run.path[::2], h0, rtol=0, atol=max_iter * rounding(y, h0))
    np.testing.assert_allclose(run.path[1::2], 2 * mean - h0, rtol=0,
                               atol=max_iter * rounding(y, h0))


@given(problem=descent_problems(), alpha=st.floats(1.001, 3.0),
       max_iter=st.integers(2, 300))
def test_alpha_above_one_diverges_quietly(problem, alpha, max_iter):
    y, h0 = problem
    run = squared_descent(y, h0, alpha, max_iter=max_iter)    # no warning either
    assert run.outcome == "diverged" and run.steps <= max_iter


@given(problem=descent_problems(), alpha=st.floats(0.99, 1 - 1e-5, exclude_min=True))
def test_shrinking_flips_at_the_cap_are_still_moving(problem, alpha):
    # |1 - 2 alpha| < 1: the run converges, only slowly; stopped at 50 steps it is
    # "still moving at the cap", not the endless bouncing of alpha = 1.
    y, h0 = problem
    run = squared_descent(y, h0, alpha, max_iter=50)
    assert run.steps == 50 and run.outcome == "max_iter"


@given(problem=descent_problems())
def test_two_growing_steps_are_divergence(problem):
    y, h0 = problem
    run = squared_descent(y, h0, 2.0, max_iter=2)
    assert run.steps == 2 and run.outcome == "diverged"


@given(problem=descent_problems(min_error=1e-9), alpha=st.floats(1e-3, 3.0),
       tol=st.sampled_from([1e-6, 1e-3, 1.0]))
def test_one_step_converges_only_if_tiny(problem, alpha, tol):
    y, h0 = problem
    run = squared_descent(y, h0, alpha, max_iter=1, tol=tol)
    assert run.steps == 1
    step = abs(run.path[1] - run.path[0])
    assert run.outcome == ("converged" if step < tol else "max_iter")
    if 2 * alpha * abs(h0 - np.mean(y)) > 2 * tol:     # a first step clearly above tol
        assert not run.converged


# --- 3. the bound on the UCSD slope (notebook 05) --------------------------------------

@given(y=small_data(values=st.one_of(THOUSANDS, st.floats(-1e6, 1e6)), max_size=30),
       sigma=st.floats(-3, 7).map(lambda e: 10.0 ** e), data=st.data())
def test_ucsd_slope_is_at_most_sqrt_two_over_e_per_sigma(y, sigma, data):
    bound = math.sqrt(2 / math.e) / sigma
    # where a single bell is steepest (sigma/sqrt2 from a value), and anywhere else
    h = float(data.draw(st.sampled_from(y.tolist()))) + data.draw(st.floats(-5, 5)) * sigma
    steepest = np.concatenate([y + sigma / math.sqrt(2), y - sigma / math.sqrt(2)])
    grid = np.concatenate([[h], steepest, grid_around(y, sigma, 20, 2_001)])
    slopes = np.append(erm.ucsd_risk_derivative(grid, y, sigma),
                       erm.ucsd_risk_derivative(h, y, sigma))
    assert np.all(np.abs(slopes) <= bound * (1 + 1e-12))   # rounding of the bound itself
    if np.all(y == y[0]):
        # all data in one place: the bound is reached, so it cannot be lowered
        top = erm.ucsd_risk_derivative(float(y[0]) + sigma / math.sqrt(2), y, sigma)
        assert top == pytest.approx(bound, rel=1e-9)


# --- 4. a very wide sigma gives the mean (notebook 04, exercise 04.1) -----------------

@given(y=small_data(min_size=2), factor=st.one_of(st.just(1_000.0), st.floats(1e3, 1e6)))
def test_wide_sigma_minimizer_tends_to_the_mean(y, factor):
    spread = float(np.ptp(y))
    assume(spread > 0)
    sigma = factor * spread
    best = erm.ucsd_global_minimizer(y, sigma)
    mean = float(np.mean(y))
    assert abs(best - mean) <= 1e-3 * spread
    # Sharper: setting R' = 0 gives n (h - mean) = sum (h - y_i)(1 - e^{-(h - y_i)^2 /
    # sigma^2}), so |h* - mean| <= spread^3 / sigma^2 (plus the finder's few ulps).
    assert abs(best - mean) <= spread * (spread / sigma) ** 2 + rounding(y, mean)
    # the risk is convex over the data once sigma > sqrt(2) spread: a single minimum
    assert erm.ucsd_local_minima(y, sigma).size == 1


# --- 5. one outlier moves the mean, not the median (notebook 03) ----------------------

@given(y=small_data(values=st.one_of(THOUSANDS, st.floats(-1e6, 1e6)), max_size=30),
       delta=st.one_of(st.integers(1, 1_000).map(lambda k: 1_000.0 * k),
                       st.floats(1e-3, 1e6)))
def test_raising_the_largest_value(y, delta):
    n = y.size
    raised = y.copy()
    top = int(np.argmax(raised))
    raised[top] += delta
    moved = float(Fraction(raised[top]) - Fraction(y[top]))   # delta as stored in floats
    assert moved > 0
    shift = float(np.mean(raised)) - float(np.mean(y))
    # Each float mean is off by at most (n - 1) eps times the largest |value|.
    scale = float(np.max(np.abs(raised)))
    assert shift == pytest.approx(moved / n, rel=0, abs=2 * n * EPS * scale)
    before, after = erm.absolute_risk_minimizers(y), erm.absolute_risk_minimizers(raised)
    if n >= 3:
        assert after == before
    elif n == 2:
        assert after == (before[0], float(raised[top]))   # the upper middle value is it


# --- 6. the UCSD curve (array path) equals the one-h-at-a-time path -------------------

def huge_data():
    """Values near +-1e9 a few sigma apart, with sigma between 0.001 and 1."""
    @st.composite
    def draw_it(draw):
        base = draw(st.one_of(st.sampled_from([1e9, -1e9, 987_654_321.123]),
                              st.floats(1e8, 2e9)))
        sigma = draw(st.floats(-3, 0).map(lambda e: 10.0 ** e))
        steps = draw(st.lists(st.integers(-20, 20), min_size=1, max_size=8))
        y = np.array([base + 0.7 * k * sigma for k in steps])
        return y, sigma
    return draw_it()


def ordinary_data():
    return st.tuples(small_data(values=st.one_of(THOUSANDS, st.floats(-1e6, 1e6)),
                                max_size=30), SIGMA)


@given(problem=st.one_of(huge_data(), ordinary_data()), data=st.data())
def test_ucsd_array_path_equals_scalar_path(problem, data):
    y, sigma = problem
    near = st.tuples(st.sampled_from(y.tolist()), st.floats(-4, 4)).map(
        lambda p: p[0] + p[1] * sigma)
    h = np.array(data.draw(st.lists(near, min_size=2, max_size=30)))
    curve = erm.ucsd_risk(h, y, sigma)
    one_by_one = [erm.ucsd_risk(float(v), y, sigma) for v in h]
    # term by term in Python: 1 - e^{-z^2} with z = (h - y_i) / sigma, subtracted first
    plain = [math.fsum(-math.expm1(-((v - w) / sigma) ** 2) for w in y.tolist()) / y.size
             for v in h.tolist()]
    # Risks lie in [0, 1): both paths differ from the plain sum only by rounding (~1e-16).
    np.testing.assert_allclose(curve, one_by_one, rtol=0, atol=1e-12)
    np.testing.assert_allclose(curve, plain, rtol=0, atol=1e-12)
    slopes = erm.ucsd_risk_derivative(h, y, sigma)
    singles = [erm.ucsd_risk_derivative(float(v), y, sigma) for v in h]
    # Slopes are up to 0.86 / sigma; 1e-12 / sigma absolute covers cancellation near 0.
    np.testing.assert_allclose(slopes, singles, rtol=1e-9, atol=1e-12 / sigma)


def test_array_path_would_fail_if_it_divided_first():
    # The test above has teeth: dividing before subtracting loses ~1e-4 of z at this size.
    y, sigma = np.array([1e9, 1e9 + 2e-3]), 1e-3
    h = y[0] + 1.7 * sigma
    z_good = (h - y) / sigma
    z_bad = h / sigma - y / sigma
    assert np.max(np.abs(z_good - z_bad)) > 1e-6
    loss = lambda z: float(np.mean(-np.expm1(-np.square(z))))  # noqa: E731
    assert abs(loss(z_good) - loss(z_bad)) > 1e-12
    assert erm.ucsd_risk(np.array([h, h]), y, sigma)[0] == pytest.approx(loss(z_good),
                                                                         abs=1e-15)


# --- 7. notebook 05's step count on the squared risk -----------------------------------

def predicted_steps(alpha, e0, tol):
    """Notebook 05: the first i with 2 alpha |1 - 2 alpha|^(i-1) |e0| < tol, and the real
    number B that i - 1 must pass (None when alpha = 1/2)."""
    factor = 1 - 2 * alpha
    if 2 * alpha * abs(e0) < tol:
        return 1, None            # the first step is already below tol
    if factor == 0:
        return 2, None            # lands on the mean, then a step of 0
    bound = math.log(tol / (2 * alpha * abs(e0))) / math.log(abs(factor))
    return math.floor(bound) + 2, bound


@given(problem=descent_problems(), tol=st.one_of(st.just(1e-6), st.floats(1e-4, 10.0)),
       alpha=st.one_of(st.just(0.5), st.floats(0.01, 0.99)))
def test_notebook_05_step_count_formula(problem, tol, alpha):
    # The notebook derives the count for any data, start and 0 < |1 - 2 alpha| < 1, so it is
    # tested as a general claim.
    y, h0 = problem
    e0 = h0 - float(np.mean(y))
    run = squared_descent(y, h0, alpha, tol=tol)
    assert run.converged
    predicted, bound = predicted_steps(alpha, e0, tol)
    if bound is None:
        assert run.steps == predicted
        return
    # Rounding of the iterates (a few ulps of the numbers, piled up over the run) changes
    # the step compared with tol by a relative rho; that moves B by rho / |log|1 - 2 alpha||.
    # Only when B is that close to a whole number may the count be one off.
    factor = abs(1 - 2 * alpha)
    rho = rounding(y, h0) * 2 * alpha / tol / (1 - factor)
    margin = rho / abs(math.log(factor)) + 1e-9
    if abs(bound - round(bound)) > margin:
        assert run.steps == predicted
    else:
        assert abs(run.steps - predicted) <= 1
