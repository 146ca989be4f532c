"""The course's mathematical claims, each checked in one place.

Two kinds of claim, in the order of the notebooks:

- **Laws**: what a notebook states in general (the median minimizes the mean absolute
  error, the mean the mean squared error, the slope formula, each derivative is the slope
  of its risk, the (1 - 2 alpha) factor and the regimes of descent, the UCSD minima and the
  bound on its slope, the limits of the L_p family, the Huber facts, convexity, ...).
  Property tests on random data (negative values and ties included), with the course's
  own data among the examples where a notebook shows them.
- **Numbers the course quotes**: the figures of the source chapter and of the notebooks,
  recomputed with the public API and, where possible, once more with plain Python
  (``statistics``, ``sum``/``len``), so a wrong literal cannot hide a wrong helper.

Each test names the notebook (or exercise) whose claim it checks. Tolerances are written
beside each check with the reason for them. What each helper returns (types, shapes, the
descent loop's mechanics) is in ``tests/test_erm_helpers.py``; that the fast curves equal
the plain formula is in ``tests/test_erm_fast.py``.
"""

import collections
import math
import statistics
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

import erm_helpers as erm
from references import (EPS, LOG_SIGMA, SIGMA, THOUSANDS, check_path, datasets, deltas,
                        grid_around, lp_minimizer_mpmath, quietly, scale_of, small_data,
                        some_h, spread_of)

#: The five salaries of notebooks 01-06, as the source chapter prints them.
SOURCE_SALARIES = [90_000, 94_000, 96_000, 120_000, 160_000]
FIVE = erm.load_salaries()
PROFESSORS = erm.load_professor_salaries()

P = st.one_of(st.floats(1.0, 1_000.0), st.sampled_from([1.0, 1.5, 2.0, 3.0, 1_000.0]))


# ======================================================================================
# Notebook 02: the median minimizes the mean absolute error; the slope formula
# ======================================================================================

@given(y=datasets(), data=st.data())
def test_median_interval_minimizes_absolute_risk(y, data):
    n = y.size
    lo, hi = erm.absolute_risk_minimizers(y)
    best = erm.absolute_risk(lo, y)
    # rounding in a mean of n absolute differences of numbers of size `scale`
    tol = 1e-12 * n * scale_of(y)
    spread = float(y.max() - y.min()) + 1.0
    grid = np.concatenate([np.linspace(y.min() - spread, y.max() + spread, 2_001), y])
    assert np.all(erm.absolute_risk(grid, y) >= best - tol)
    h = some_h(data.draw, y)
    assert erm.absolute_risk(h, y) >= best - tol
    # the whole middle interval ties (for odd n it is a single point)
    if n % 2:
        assert lo == hi
    inside = [*np.linspace(lo, hi, 7), data.draw(st.floats(lo, hi))]
    for t in inside:
        assert erm.absolute_risk(float(t), y) == pytest.approx(best, rel=1e-12, abs=tol)
    # ... and nothing outside it: left of lo the slope is at most -1/n, right of hi at
    # least 1/n, so a step of d out of the interval costs at least d/n.
    d = 1.0 + 1e-3 * scale_of(y)
    assert erm.absolute_risk(lo - d, y) >= best + d / n - tol
    assert erm.absolute_risk(hi + d, y) >= best + d / n - tol


# --- each derivative is the slope of its risk (a central finite difference) -----------

@given(y=datasets(), data=st.data())
def test_absolute_slope_matches_central_difference(y, data):
    # The risk is piecewise linear with kinks at the data. With a step s smaller than the
    # distance from h to any other data point, the central difference is exactly the
    # average of the slopes left and right of h -- which is the formula's value both
    # between the data and at a data point.
    kinks = np.unique(y)
    candidates = np.concatenate([kinks, (kinks[1:] + kinks[:-1]) / 2,
                                 [kinks[0] - 1.0, kinks[-1] + 1.0]])
    h = float(data.draw(st.sampled_from(candidates.tolist())))
    others = np.abs(kinks[kinks != h] - h)
    gap = float(others.min()) if others.size else 1.0
    scale = scale_of(y, np.array(h))
    assume(gap > 1e-6 * scale)
    hp, hm = h + gap / 4, h - gap / 4
    numeric = (erm.absolute_risk(hp, y) - erm.absolute_risk(hm, y)) / (hp - hm)
    slope = erm.absolute_risk_slope(h, y)
    below, above = np.count_nonzero(y < h), np.count_nonzero(y > h)
    assert slope == (below - above) / y.size
    # rounding: risks of size `scale` differ by ~ n eps scale, over a step >= 1e-6 scale
    assert slope == pytest.approx(numeric, abs=1e-6)
    # the array path counts the same way, ties and data points included
    grid = np.concatenate([[h], y, candidates])
    expected = [erm.absolute_risk_slope(float(g), y) for g in grid]
    assert erm.absolute_risk_slope(grid, y).tolist() == expected


@given(y=datasets(), data=st.data())
def test_the_slope_jumps_by_2k_over_n_at_a_value_shared_by_k(y, data):
    # Notebook 02: at a value held by k data points (k = 1 when it is not tied) the slope
    # of the absolute risk jumps by 2k/n, and nowhere else does it change.
    kinks, counts = np.unique(y, return_counts=True)
    i = data.draw(st.integers(0, kinks.size - 1))
    value, k = float(kinks[i]), int(counts[i])
    gaps = np.abs(kinks[kinks != value] - value)
    step = (float(gaps.min()) if gaps.size else 1.0) / 4
    assume(step > 1e-6 * scale_of(y))
    left = erm.absolute_risk_slope(value - step, y)
    right = erm.absolute_risk_slope(value + step, y)
    assert right - left == pytest.approx(2 * k / y.size, abs=1e-12)
    # ... and in the risk itself: chords of R on either side of the value
    r = [erm.absolute_risk(value + t, y) for t in (-step, 0.0, step)]
    chords = (r[2] - r[1]) / step - (r[1] - r[0]) / step
    # rounding: risks of size `scale` differ by ~ n eps scale, over a step >= 1e-6 scale
    assert chords == pytest.approx(2 * k / y.size, abs=1e-6)


@given(y=datasets(), data=st.data())
def test_squared_derivative_matches_central_difference(y, data):
    h = some_h(data.draw, y)
    scale = scale_of(y, np.array(h))
    # the risk is quadratic: the central difference is exact but for rounding
    s = 1e-2 * scale
    hp, hm = h + s, h - s
    numeric = (erm.squared_risk(hp, y) - erm.squared_risk(hm, y)) / (hp - hm)
    exact = 2 * (h - statistics.fmean(y.tolist()))
    derivative = erm.squared_risk_derivative(h, y)
    assert type(derivative) is float
    # risks ~ scale^2 with error ~ 10 eps scale^2, divided by 2 s = 0.02 scale
    assert derivative == pytest.approx(numeric, rel=1e-9, abs=1e-9 * scale)
    assert derivative == pytest.approx(exact, rel=1e-12, abs=1e-12 * scale)
    grid = np.array([h, hp, hm])
    np.testing.assert_allclose(erm.squared_risk_derivative(grid, y),
                               [erm.squared_risk_derivative(float(g), y) for g in grid],
                               rtol=1e-12, atol=1e-12 * scale)


@given(y=datasets(), sigma=SIGMA, t=st.floats(-3, 3), data=st.data())
def test_ucsd_derivative_matches_central_difference(y, sigma, t, data):
    # h within a few sigma of a data point, where the slope is not negligible
    h = float(data.draw(st.sampled_from(y.tolist()))) + t * sigma
    s = 1e-3 * sigma
    hp, hm = h + s, h - s
    numeric = (erm.ucsd_risk(hp, y, sigma) - erm.ucsd_risk(hm, y, sigma)) / (hp - hm)
    derivative = erm.ucsd_risk_derivative(h, y, sigma)
    assert type(derivative) is float
    # Truncation error of a central difference: s^2 / 6 * max|R'''|, and |R'''| <= 4 /
    # sigma^3 for this loss, so < 1e-6 / sigma. The slope itself is up to ~0.86 / sigma.
    assert derivative == pytest.approx(numeric, rel=1e-5, abs=2e-6 / sigma)
    # the formula, term by term, in plain Python
    plain = 2 / (y.size * sigma**2) * sum((h - v) * math.exp(-((h - v) / sigma) ** 2)
                                          for v in y.tolist())
    assert derivative == pytest.approx(plain, rel=1e-9, abs=1e-12 / sigma)
    # the array path (blocked) gives the same numbers as the scalar one: both subtract
    # before dividing by sigma, so only the order of the sum differs (slopes ~ 1/sigma)
    grid = np.array([h, hp, hm, *y.tolist()])
    np.testing.assert_allclose(
        erm.ucsd_risk_derivative(grid, y, sigma),
        [erm.ucsd_risk_derivative(float(g), y, sigma) for g in grid],
        rtol=1e-9, atol=1e-12 / sigma)


@given(y=datasets(), data=st.data())
def test_huber_derivative_matches_central_difference(y, data):
    delta = data.draw(deltas(y))
    h = data.draw(st.floats(y.min() - 2 * delta, y.max() + 2 * delta))
    step = 1e-3 * delta
    risk = erm.huber_risk(np.array([h - step, h + step]), y, delta)
    central = (risk[1] - risk[0]) / (2 * step)
    # The derivative is 1-Lipschitz (its slope is a share of the data), so the central
    # difference, the mean of the derivative over [h - step, h + step], is within `step`;
    # plus rounding of the two risks divided by 2 step.
    rounding = 1e-9 * float(np.max(risk)) / step
    assert erm.huber_risk_derivative(h, y, delta) == pytest.approx(
        central, abs=step + rounding)


# ======================================================================================
# Notebook 03: the mean minimizes the mean squared error; one outlier moves it
# ======================================================================================

@given(y=datasets(), data=st.data())
def test_mean_minimizes_squared_risk(y, data):
    values = y.tolist()
    mean, variance = statistics.fmean(values), statistics.pvariance(values)
    scale = scale_of(y)
    assert erm.squared_risk_minimizer(y) == pytest.approx(mean, rel=1e-13, abs=1e-13 * scale)
    h = some_h(data.draw, y)
    # R_sq(h) = (h - mean)^2 + variance, the plain formula against exact statistics
    expected = (h - mean) ** 2 + variance
    tol = 1e-12 * scale_of(y, np.array(h)) ** 2
    assert erm.squared_risk(h, y) == pytest.approx(expected, rel=1e-12, abs=tol)
    best = erm.squared_risk(erm.squared_risk_minimizer(y), y)
    assert best == pytest.approx(variance, rel=1e-12, abs=tol)
    assert erm.squared_risk(h, y) >= best - tol
    spread = float(y.max() - y.min()) + 1.0
    grid = np.linspace(y.min() - spread, y.max() + spread, 1_001)
    assert np.all(erm.squared_risk(grid, y) >= best - tol)


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


# ======================================================================================
# Notebook 04: the UCSD risk, its minima, and a wide sigma
# ======================================================================================

@given(y=datasets(), sigma=SIGMA, data=st.data())
def test_ucsd_risk_between_zero_and_one(y, sigma, data):
    h = some_h(data.draw, y, sigma)
    grid = np.array([h, *y.tolist(), y.min() - 10 * sigma, y.max() + 10 * sigma])
    for risk in [erm.ucsd_risk(h, y, sigma), *erm.ucsd_risk(grid, y, sigma)]:
        assert 0.0 <= risk <= 1.0
    risk = erm.ucsd_risk(h, y, sigma)
    # Below 1 whenever some data point is within 5 sigma: its loss is at most
    # 1 - e^-25, far from 1 in floats. (Further out, 1 - e^-(z^2) rounds to exactly 1.0.)
    if np.min(np.abs(h - y)) <= 5 * sigma:
        assert risk < 1.0
    # Zero exactly when every data point equals h; positive once one is off by 0.001 sigma.
    if np.all(y == h):
        assert risk == 0.0
    if np.max(np.abs(h - y)) > 1e-3 * sigma:
        assert risk > 0.0


@given(y=small_data(), sigma=LOG_SIGMA)
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


@given(y=small_data(), sigma=LOG_SIGMA)
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


@given(y=small_data(), sigma=LOG_SIGMA)
def test_every_ucsd_minimum_is_the_weighted_mean_with_its_own_weights(y, sigma):
    # Notebook 04: R'(h) = 0 is h = sum w_i(h) y_i / sum w_i(h), w_i(h) = e^{-(h - y_i)^2/sigma^2}.
    for m in erm.ucsd_local_minima(y, sigma):
        w = np.exp(-(((m - y) / sigma) ** 2))
        assume(w.sum() > 1e-3)          # a weight sum near 0 leaves the ratio to rounding
        # the finder stops within ~1e-9 sigma of the zero of the slope: the weighted mean
        # moves by at most that times (1 + the spread over sigma, squared)
        slack = 1e-6 * sigma * (1 + (spread_of(y) / sigma) ** 2) + 1e-9 * scale_of(y)
        assert abs(float(np.sum(w * y) / np.sum(w)) - m) <= slack


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


# ======================================================================================
# Notebook 05: gradient descent on the squared risk -- the (1 - 2 alpha) factor, the five
# regimes, the step count -- and a small step against the slope
# ======================================================================================

@st.composite
def descent_problems(draw, min_error=1.0):
    """A start h0 at least ``min_error`` from the mean, for the five salaries of notebook 05
    (h0 in [0, 1e6]) or for random data (negative values too, h0 up to 1e6 from the mean)."""
    if draw(st.booleans()):
        y = FIVE
        h0 = draw(st.one_of(st.sampled_from([0.0, 150_000.0, 1e6]), st.floats(0.0, 1e6)))
    else:
        values = st.one_of(THOUSANDS, st.floats(-3e5, 3e5))
        y = draw(small_data(values=values, max_size=20))
        size = 10.0 ** draw(st.floats(math.log10(min_error), 6))      # 1 (or less) to 1e6
        h0 = float(np.mean(y)) + size * draw(st.sampled_from([-1.0, 1.0]))
    assume(abs(h0 - float(np.mean(y))) >= min_error)
    return y, h0


def squared_descent(y, h0, alpha, **kwargs):
    """Descent on the squared risk of ``y``, every warning an error, every invariant of the
    result checked (test_erm_helpers.py checks them on the loop itself)."""
    run = quietly(lambda h: erm.squared_risk_derivative(h, y), h0, alpha, **kwargs)
    check_path(run, h0)
    return run


def rounding(y, h0):
    """Rounding noise in an iterate: a few ulps of the numbers in play."""
    return 64 * EPS * max(1.0, float(np.max(np.abs(y))), abs(h0))


def assert_each_step_multiplies_the_error_by(factor, errors, y, h0):
    """e_{k+1} = (1 - 2 alpha) e_k, sign included, while the error is well above rounding:
    above 1e-3 dollars (or 1e-6 of the numbers' size, if smaller), where the ratio of two
    errors is off by at most ~1e-7."""
    floor = min(1e-3, 1e-6 * max(1.0, float(np.max(np.abs(y))), abs(h0)))
    k = np.flatnonzero(np.abs(errors[1:]) > floor)
    np.testing.assert_allclose(errors[k + 1] / errors[k], factor, rtol=1e-6)


@given(problem=descent_problems(), alpha=st.floats(0.01, 0.5, exclude_max=True))
def test_small_alpha_approaches_from_one_side(problem, alpha):
    y, h0 = problem
    mean = float(np.mean(y))
    run = squared_descent(y, h0, alpha)
    assert run.converged and not run.diverged
    errors = run.path - mean
    big = np.abs(errors) > rounding(y, h0)
    assert np.all(np.sign(errors[big]) == np.sign(h0 - mean))       # never passes the mean
    assert np.all(np.diff(np.abs(errors)) <= rounding(y, h0))       # and always gets closer
    assert_each_step_multiplies_the_error_by(1 - 2 * alpha, errors, y, h0)
    # the last step, 2 alpha |e| < tol, leaves |1 - 2 alpha| |e| behind
    assert abs(run.h - mean) <= 1e-6 * (1 - 2 * alpha) / (2 * alpha) + rounding(y, h0)


@example(problem=(FIVE, 150_000.0))             # notebook 05: 150,000 -> 112,000 -> 112,000
@given(problem=descent_problems())
def test_alpha_one_half_lands_on_the_mean(problem):
    y, h0 = problem
    mean = float(np.mean(y))
    run = squared_descent(y, h0, 0.5)
    # h0 - (h0 - mean): two roundings of numbers up to ~1e6, far below 1e-9 dollars
    assert run.path[1] == pytest.approx(mean, rel=0, abs=rounding(y, h0))
    assert run.path[1] == pytest.approx(mean, rel=1e-15, abs=1e-9)
    assert run.converged and run.steps == 2      # h0, the mean, and a step of (almost) zero
    assert abs(run.path[2] - run.path[1]) < 1e-6


@given(problem=descent_problems(),
       alpha=st.floats(0.5, 0.99, exclude_min=True))
def test_alpha_between_half_and_one_flips_and_shrinks(problem, alpha):
    y, h0 = problem
    mean = float(np.mean(y))
    run = squared_descent(y, h0, alpha, max_iter=100_000)
    assert run.converged and not run.diverged
    errors = run.path - mean
    # each step flips the error's sign and multiplies its size by |1 - 2 alpha|
    assert_each_step_multiplies_the_error_by(1 - 2 * alpha, errors, y, h0)
    if abs(errors[1]) > 1e-6 * max(1.0, float(np.max(np.abs(y))), abs(h0)):
        assert np.sign(errors[1]) == -np.sign(errors[0])      # the first step crosses the mean
    # the last step, 2 alpha |e| < tol, leaves |1 - 2 alpha| |e| behind
    assert abs(run.h - mean) <= 1e-6 * (2 * alpha - 1) / (2 * alpha) + rounding(y, h0)


@example(problem=(FIVE, 150_000.0), max_iter=200)
@example(problem=(FIVE, 0.0), max_iter=200)
@example(problem=(FIVE, 1e6), max_iter=200)
@given(problem=descent_problems(), max_iter=st.integers(2, 300))
def test_alpha_one_oscillates_at_the_cap(problem, max_iter):
    y, h0 = problem
    mean = float(np.mean(y))
    run = squared_descent(y, h0, 1.0, max_iter=max_iter)
    assert run.outcome == "oscillating" and run.steps == max_iter
    assert not run.converged and not run.diverged
    # it bounces between h0 and its mirror image in the mean
    np.testing.assert_allclose(run.path[::2], h0, rtol=0, atol=max_iter * rounding(y, h0))
    np.testing.assert_allclose(run.path[1::2], 2 * mean - h0, rtol=0,
                               atol=max_iter * rounding(y, h0))


@given(problem=descent_problems(),
       alpha=st.one_of(st.floats(1.001, 3.0), st.floats(1.001, 1e6)),
       max_iter=st.integers(2, 300))
def test_alpha_above_one_diverges_quietly(problem, alpha, max_iter):
    y, h0 = problem
    run = squared_descent(y, h0, alpha, max_iter=max_iter)    # no warning either
    assert run.outcome == "diverged" and run.steps <= max_iter
    assert run.diverged and not run.converged


@example(problem=(FIVE, 150_000.0), alpha=2.0, max_iter=2)
@example(problem=(FIVE, 150_000.0), alpha=1.01, max_iter=3)
@example(problem=(FIVE, 150_000.0), alpha=1.5, max_iter=3)
@example(problem=(FIVE, 150_000.0), alpha=100.0, max_iter=3)
@given(problem=descent_problems(),
       alpha=st.one_of(st.just(2.0), st.sampled_from([1.01, 1.5, 100.0]),
                       st.floats(1.01, 100.0)),
       max_iter=st.sampled_from([2, 3]))
def test_growing_flips_at_a_small_cap_are_divergence(problem, alpha, max_iter):
    # The cap is hit before any bound: two or three growing flips are still divergence.
    y, h0 = problem
    run = squared_descent(y, h0, alpha, max_iter=max_iter)
    assert run.steps == max_iter and run.outcome == "diverged"


@given(problem=descent_problems(), alpha=st.floats(0.99, 1 - 1e-5, exclude_min=True))
def test_shrinking_flips_at_the_cap_are_still_moving(problem, alpha):
    # |1 - 2 alpha| < 1: the run converges, only slowly; stopped at 50 steps it is
    # "still moving at the cap", not the endless bouncing of alpha = 1.
    y, h0 = problem
    run = squared_descent(y, h0, alpha, max_iter=50)
    assert run.steps == 50 and run.outcome == "max_iter"


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


def test_a_small_step_against_the_slope_lowers_the_risk_by_alpha_times_slope_squared():
    # Notebook 05: R(h - a R'(h)) = R(h) - a R'(h)^2 + O(a^2). On the squared risk the
    # remainder is exact, a^2 R'^2 (R'' / 2) with R'' = 2; on the UCSD risk it shrinks
    # like a^2 (halving a quarters it).
    y = erm.load_salaries()
    for h in (60_000.0, 100_000.0, 150_000.0):
        slope = erm.squared_risk_derivative(h, y)
        for alpha in (1e-3, 0.1, 0.4):
            after = erm.squared_risk(h - alpha * slope, y)
            assert after == pytest.approx(erm.squared_risk(h, y)
                                          - alpha * slope ** 2 * (1 - alpha), rel=1e-12)
            assert after < erm.squared_risk(h, y)
    sigma = 21_000.0
    for h in (80_000.0, 130_000.0, 170_000.0):
        slope = erm.ucsd_risk_derivative(h, y, sigma)
        gaps = []
        for alpha in (0.02 * sigma ** 2, 0.01 * sigma ** 2):
            after = erm.ucsd_risk(h - alpha * slope, y, sigma)
            linear = erm.ucsd_risk(h, y, sigma) - alpha * slope ** 2
            gaps.append(after - linear)
            assert after < erm.ucsd_risk(h, y, sigma)
            assert abs(after - linear) < 0.05 * alpha * slope ** 2
        assert gaps[0] / gaps[1] == pytest.approx(4, rel=0.05)


def ucsd_second_derivative(h, y, sigma):
    """R''_ucsd(h), written out: (2 / (n sigma^2)) sum e^{-z^2} (1 - 2 z^2), z = (h - y)/sigma."""
    z = (h - y) / sigma
    return 2 / (y.size * sigma**2) * float(np.sum(np.exp(-z**2) * (1 - 2 * z**2)))


@settings(max_examples=60)
@given(y=small_data(min_size=2), sigma=LOG_SIGMA, side=st.sampled_from([-1.0, 1.0]))
def test_the_limit_two_over_r2_decides_whether_descent_can_settle_at_a_minimum(y, sigma,
                                                                                side):
    # Notebook 05: near a minimum m, h_i - m ~ (1 - alpha R''(m)) (h_(i-1) - m). Below
    # 2/R''(m) a run that starts close to m settles at m; above it, none settles there.
    for m in erm.ucsd_local_minima(y, sigma):
        curvature = ucsd_second_derivative(m, y, sigma)
        assume(curvature > 0.05 / (y.size * sigma**2))     # a clear valley, not a flat one
        limit = 2 / curvature

        def slope(h):
            return erm.ucsd_risk_derivative(h, y, sigma)
        start = m + side * 1e-3 * sigma
        below = erm.gradient_descent(slope, start, 0.9 * limit, tol=1e-9 * sigma,
                                     max_iter=20_000)
        assert below.converged and abs(below.h - m) < 1e-6 * sigma
        above = erm.gradient_descent(slope, start, 1.1 * limit, tol=1e-9 * sigma,
                                     max_iter=2_000)
        assert not (above.converged and abs(above.h - m) < 1e-4 * sigma)


@settings(max_examples=60)
@given(y=small_data(values=st.one_of(THOUSANDS, st.floats(-3e5, 3e5)), max_size=12),
       width=st.floats(-2.0, 1.0), start=st.floats(-20.0, 20.0), fraction=st.floats(0.2, 0.95))
def test_a_convex_differentiable_risk_is_descended_to_a_global_minimum(y, width, start,
                                                                       fraction):
    # Notebook 05: convex, with a derivative everywhere, and alpha below 2/R'' at every h:
    # descent settles at a global minimum from any start. The Huber risk of the course is
    # convex and differentiable, with R'' = (share of the data within delta) <= 1, so
    # any alpha below 2 will do.
    # delta from a hundredth of the spread to ten times it; a start within 20 delta of the
    # data, so that the linear stretches (steps of at least alpha delta / n) take at most a
    # few thousand steps to cross
    delta = max(1.0, (spread_of(y) or 1.0) * 10.0 ** width)
    h0 = float(y.min() if start < 0 else y.max()) + start * delta
    alpha = 2 * fraction
    run = erm.gradient_descent(lambda h: erm.huber_risk_derivative(h, y, delta), h0, alpha,
                               tol=1e-6 * delta, max_iter=100_000)
    assert run.converged
    best = erm.huber_risk_minimizer(y, delta)
    # the last step was below tol, so the slope there is below tol / alpha: the risk is
    # within (tol / alpha) times the distance to a minimizer of its minimum
    gap = erm.huber_risk(run.h, y, delta) - erm.huber_risk(best, y, delta)
    assert gap <= 1e-6 * delta / alpha * (abs(run.h - best) + delta) + 1e-9 * scale_of(y) ** 2


@example(h0=150_000.0, alpha=1_234.0)
@given(h0=st.floats(0.0, 1e6), alpha=st.floats(1.0, 50_000.0))
def test_fixed_step_descent_on_the_five_salaries_mean_absolute_error_settles_only_by_luck(
        h0, alpha):
    # Notebook 05: the slope is -1/5 just left of the median and +1/5 just right of it, so
    # the steps never shrink; a run stops only if an iterate lands on $96,000 exactly.
    run = erm.gradient_descent(lambda h: erm.absolute_risk_slope(h, FIVE), h0, alpha,
                               max_iter=3_000)
    # |slope| <= 1, and it points back towards the data: the iterates stay bounded (even
    # where the loop's label at the cap says "diverged" for steps of uneven size)
    assert np.all((run.path >= min(h0, 90_000) - alpha) & (run.path <= max(h0, 160_000) + alpha))
    if run.converged:
        assert run.h == 96_000.0
    elif run.steps > abs(h0 - 96_000) / (alpha / 5) + 10:
        # it has reached the median, and bounces around it by at most a step (|slope| <= 1)
        assert np.all(np.abs(run.path[-10:] - 96_000) <= alpha + 1e-6 * 96_000)


# ======================================================================================
# Notebook 06: the L_p family, Huber, 0-1
# ======================================================================================

@given(y=datasets())
def test_lp_special_exponents(y):
    lo, hi = erm.absolute_risk_minimizers(y)
    scale = scale_of(y)
    assert erm.lp_risk_minimizer(y, 1) == pytest.approx((lo + hi) / 2, abs=EPS * scale)
    # bisection to the last bit, against the mean (itself a few ulps off)
    assert erm.lp_risk_minimizer(y, 2) == pytest.approx(float(np.mean(y)),
                                                        abs=1e-13 * scale)
    assert erm.lp_risk_minimizer(y, np.inf) == pytest.approx((y.min() + y.max()) / 2,
                                                             abs=EPS * scale)
    # the risks at p = 1, 2, inf are the absolute and squared risks and the largest error
    # (the plain formulas: the fast squared curve rounds differently near its zero)
    h = np.linspace(y.min() - 1, y.max() + 1, 7)
    for p, loss in [(1, erm.absolute_loss), (2, erm.squared_loss)]:
        np.testing.assert_allclose(erm.lp_risk(h, y, p), erm.empirical_risk(loss, h, y),
                                   rtol=1e-12)
    np.testing.assert_array_equal(erm.lp_risk(h, y, np.inf),
                                  np.abs(h[:, None] - y).max(axis=1))


@given(y=datasets(), p=P, data=st.data())
def test_typical_error_tends_to_the_largest_error(y, p, data):
    # mean(e^p) lies between max(e)^p / n and max(e)^p, so its p-th root lies between
    # max(e) n^(-1/p) and max(e): at p = 1000 within a factor n^(1/1000) of the largest.
    h = data.draw(st.floats(float(y.min()) - 1e6, float(y.max()) + 1e6))
    largest = float(np.max(np.abs(h - y)))
    typical = erm.lp_typical_error(h, y, p)
    assert largest * y.size ** (-1 / p) * (1 - 1e-12) <= typical <= largest * (1 + 1e-12)
    assert erm.lp_typical_error(h, y, np.inf) == largest


def test_lp_minimizer_need_not_move_monotonically_in_p():
    # Found by a random search: integer data of 3 to 5 values in [0, 10)
    # (numpy default_rng(1)), minimizers at p = 1, 1.5, 2, 3, 5, 10, 100, inf, keeping
    # the first data set whose minimizers both rose and fell. Here the median and the
    # mean are both 5, the minimizer rises above 5 at p = 1.5 and falls to the midrange
    # 4.5 for large p.
    y = np.array([8.0, 1.0, 5.0, 8.0, 3.0])
    at = {p: erm.lp_risk_minimizer(y, p) for p in (1, 1.5, 2, 3, math.inf)}
    assert at[1] == 5 and at[2] == pytest.approx(5, abs=1e-12) and at[math.inf] == 4.5
    assert at[1.5] > 5.002 and at[3] < 4.92
    assert at[1.5] == pytest.approx(lp_minimizer_mpmath(y, 1.5), abs=1e-9)



# --- Huber ------------------------------------------------------------------------------

@given(y=datasets(), delta=st.floats(1e-6, 1e6))
def test_huber_minimizer_within_delta_of_the_median_interval(y, delta):
    # Left of lo - delta every point from lo up (at least one more than half) pulls with
    # -delta and the rest with at most +delta, so the derivative is negative there;
    # likewise right of hi + delta. Hence the minimizer tends to the median as delta -> 0.
    lo, hi = erm.absolute_risk_minimizers(y)
    h = erm.huber_risk_minimizer(y, delta)
    slack = 4 * EPS * scale_of(y)
    assert lo - delta - slack <= h <= hi + delta + slack


@given(y=datasets(), extra=st.floats(1.0, 10.0))
def test_huber_minimizer_is_the_mean_once_delta_covers_every_point(y, extra):
    mean = float(np.mean(y))
    delta = extra * max(float(np.max(np.abs(y - mean))), 1.0)
    assert erm.huber_risk_minimizer(y, delta) == pytest.approx(mean, abs=1e-12 * scale_of(y))


@given(others=datasets(min_size=2), moved=st.floats(-1e7, 1e7), data=st.data())
def test_huber_influence_of_one_point_is_bounded(others, moved, data):
    # One point of n >= 3 moves anywhere. Claim 1: the minimizer stays in
    # [min(others) - delta, max(others) + delta]. Proof: left of min(others) - delta the
    # n - 1 others pull with -delta each and the moved point with at most +delta, so the
    # derivative is at most -(n - 2) delta / n < 0; likewise on the right.
    # Claim 2 (sharper): the derivative falls as the moved point rises, so the minimizer
    # never decreases; it lies between its values with the point far left and far right,
    # which put the point beyond delta of every candidate h (2 delta outside the others).
    delta = data.draw(deltas(others))
    h = erm.huber_risk_minimizer(np.append(others, moved), delta)
    slack = 8 * EPS * scale_of(others, np.array(moved))
    assert others.min() - delta - slack <= h <= others.max() + delta + slack
    far_left = erm.huber_risk_minimizer(np.append(others, others.min() - 2 * delta), delta)
    far_right = erm.huber_risk_minimizer(np.append(others, others.max() + 2 * delta), delta)
    tol = 1e-9 * scale_of(others, np.array(moved)) + slack
    assert far_left - tol <= h <= far_right + tol


def test_huber_need_not_lie_between_median_and_mean():
    y = np.array([119, -150, -160, -10, 120, -150, -20, 40.0])
    median = float(np.median(y))
    mean = erm.squared_risk_minimizer(y)
    assert (median, mean) == (-15.0, -26.375)
    assert erm.huber_risk_minimizer(y, 100) == pytest.approx(-30.0, abs=1e-9)
    assert erm.huber_risk_minimizer(y, 100) < min(median, mean)



# --- 0-1 ------------------------------------------------------------------------------

@given(y=datasets())
def test_modes_have_the_largest_count(y):
    counts = collections.Counter(y.tolist())
    modes = erm.zero_one_risk_minimizers(y)
    top = max(counts.values())
    assert modes.tolist() == sorted(v for v, c in counts.items() if c == top)
    # and they minimize the 0-1 risk: 1 - top / n, which every data value is compared with
    risks = erm.zero_one_risk(np.array(sorted(counts)), y)
    assert risks.min() == pytest.approx(1 - top / y.size, abs=1e-15)
    np.testing.assert_allclose(erm.zero_one_risk(modes, y), 1 - top / y.size, atol=1e-15)
    assert erm.zero_one_risk(float(y.max()) + 1, y) == 1.0


# ======================================================================================
# Notebook 07: one salary moved; convexity and its tests; what convexity promises descent
# ======================================================================================

@given(y=datasets(min_size=3), moved=st.floats(0.0, 1e7), data=st.data())
def test_moving_the_largest_value_up_moves_the_mean_by_one_nth_and_not_the_median(y, moved,
                                                                                data):
    top = float(y.max())
    up = erm.as_data(np.where(np.arange(y.size) == int(np.argmax(y)), top + moved, y))
    assert erm.squared_risk_minimizer(up) == pytest.approx(
        erm.squared_risk_minimizer(y) + moved / y.size, abs=1e-9 * scale_of(y, up))
    assert erm.absolute_risk_minimizers(up) == erm.absolute_risk_minimizers(y)


# --- convexity: the chord lies above the curve ------------------------------------------

def assert_convex_on(risk, a, b):
    """risk((a + b) / 2) <= (risk(a) + risk(b)) / 2, allowing rounding in the values."""
    left, mid, right = risk(np.array([a, (a + b) / 2, b]))
    assert mid <= (left + right) / 2 + 1e-9 * max(left, right, 1e-300)


@given(y=datasets(), p=P, data=st.data())
def test_lp_risk_is_convex(y, p, data):
    y = y / max(spread_of(y), 1.0)        # keeps |h - y|^p finite up to p = 1000
    a, b = (data.draw(st.floats(-1.5, 1.5)) for _ in range(2))
    assert_convex_on(lambda h: erm.lp_risk(h, y, p), a, b)


@given(y=datasets(), data=st.data())
def test_huber_risk_is_convex(y, data):
    delta = data.draw(deltas(y))
    pad = spread_of(y) + delta
    a, b = (data.draw(st.floats(y.min() - pad, y.max() + pad)) for _ in range(2))
    assert_convex_on(lambda h: erm.huber_risk(h, y, delta), a, b)



def lp_slope(h, y, p):
    """The slope of the L_p risk for p > 1: (p / n) sum sign(h - y_i) |h - y_i|^(p - 1)."""
    r = np.asarray(h, float)[:, None] - y
    return p * np.mean(np.sign(r) * np.abs(r) ** (p - 1), axis=1)


@given(y=datasets(), data=st.data())
def test_the_slopes_of_the_convex_risks_never_fall(y, data):
    # The slope test of notebook 07: absolute (corners at the data), L_p for 1 < p < 2
    # (no second derivative at the data), Huber (none at y_i +- delta): each slope rises.
    y = y / max(spread_of(y), 1.0)
    h = np.sort(np.concatenate([np.linspace(-2, 2, 401), y, y + 1e-9, y - 1e-9]))
    delta = data.draw(st.floats(1e-3, 2.0))
    p = data.draw(st.floats(1.01, 1.99))
    for slope in (erm.absolute_risk_slope(h, y), erm.huber_risk_derivative(h, y, delta),
                  lp_slope(h, y, p)):
        assert np.all(np.diff(slope) >= -1e-12 * max(1.0, float(np.max(np.abs(slope)))))


def test_the_lp_loss_has_an_infinite_second_derivative_at_zero_for_p_below_two():
    # At r = 0 the second difference of |r|^p over +-r is 2 r^(p - 2): without bound as
    # r -> 0 when p < 2 (so no second derivative there), and 2 at p = 2.
    for p in (1.2, 1.5, 1.9, 2.0):
        rs = [1e-2, 1e-4, 1e-6, 1e-8]
        second = [(abs(r) ** p - 2 * 0.0 + abs(-r) ** p) / r ** 2 for r in rs]
        np.testing.assert_allclose(second, [2 * r ** (p - 2) for r in rs], rtol=1e-9)
        if p < 2:
            assert second == sorted(second) and second[-1] > 1.4 * second[0]


@given(y=datasets(), data=st.data())
def test_the_huber_second_derivative_is_the_share_within_delta(y, data):
    delta = data.draw(deltas(y))
    h = data.draw(st.floats(float(y.min()) - 2 * delta, float(y.max()) + 2 * delta))
    near_a_kink = np.min(np.abs(np.abs(h - y) - delta))
    d = 1e-4 * delta
    assume(near_a_kink > 10 * d)
    second = (erm.huber_risk_derivative(h + d, y, delta)
              - erm.huber_risk_derivative(h - d, y, delta)) / (2 * d)
    share = np.mean(np.abs(h - y) < delta)
    assert second == pytest.approx(share, abs=1e-6) and -1e-6 <= second <= 1 + 1e-6


@given(sigma=SIGMA, u=st.floats(0.0, 5.0))
def test_the_ucsd_loss_bends_down_beyond_sigma_over_root_two(sigma, u):
    r = u * sigma
    formula = 2 / sigma ** 2 * (1 - 2 * r ** 2 / sigma ** 2) * math.exp(-r ** 2 / sigma ** 2)
    d = 1e-3 * sigma
    numeric = (erm.ucsd_loss(r + d, 0.0, sigma) - 2 * erm.ucsd_loss(r, 0.0, sigma)
               + erm.ucsd_loss(r - d, 0.0, sigma)) / d ** 2
    assert numeric == pytest.approx(formula, abs=1e-5 / sigma ** 2)
    if abs(u - 2 ** -0.5) > 1e-3:
        assert (formula < 0) == (u > 2 ** -0.5)


@settings(max_examples=40)
@given(y=datasets(min_size=2, max_size=20), data=st.data())
def test_fixed_step_descent_below_two_over_l_settles_on_the_huber_risk(y, data):
    # Convex, a derivative everywhere, R'' <= L = 1 (the share within delta): any
    # 0 < alpha < 2 settles at a global minimum, from any start.
    y = (y - y.mean()) / max(spread_of(y), 1.0) * 1_000.0      # within +-1,000
    delta = data.draw(st.floats(10.0, 2_000.0))
    alpha = data.draw(st.floats(0.2, 1.9))
    h0 = data.draw(st.floats(-3_000.0, 3_000.0))
    run = erm.gradient_descent(lambda h: erm.huber_risk_derivative(h, y, delta), h0, alpha,
                               max_iter=200_000, tol=1e-7)
    assert run.converged
    best = erm.huber_risk_minimizer(y, delta)
    assert erm.huber_risk(run.h, y, delta) == pytest.approx(
        erm.huber_risk(best, y, delta), rel=1e-9, abs=1e-9)


@given(y=datasets(), data=st.data())
def test_the_absolute_slope_is_at_least_one_over_n_off_the_median_interval(y, data):
    # why fixed-step descent never settles near the median unless it lands on it: the
    # slope does not shrink as h approaches the median interval
    lo, hi = erm.absolute_risk_minimizers(y)
    h = data.draw(st.floats(float(y.min()) - 1e6, float(y.max()) + 1e6))
    assume(not lo <= h <= hi and h not in y)
    assert abs(erm.absolute_risk_slope(h, y)) >= 1 / y.size - 1e-15


@settings(max_examples=40)
@given(y=datasets(min_size=1, max_size=20), data=st.data())
def test_a_shrinking_step_settles_on_the_absolute_risk(y, data):
    # The fold "why a shrinking step settles": outside the median interval each step moves
    # towards it by at least alpha_k / n and overshoots it by at most alpha_k. So descent
    # reaches (or crosses) the interval once the steps add up to the distance, and from
    # then on it strays from it by no more than the step it crossed with.
    lo, hi = erm.absolute_risk_minimizers(y)
    start = data.draw(st.floats(float(lo) - 1e6, float(hi) + 1e6))
    distance = max(lo - start, start - hi, 1.0)
    n, steps = y.size, 2_000
    for shrink, alpha, rate in [("1/sqrt(k)", distance, math.sqrt), ("1/k", n * distance,
                                                                     float)]:
        run = erm.gradient_descent(lambda h: erm.absolute_risk_slope(h, y), start, alpha,
                                   shrink=shrink, max_iter=steps, tol=1e-300)
        side = np.where(run.path < lo, -1, np.where(run.path > hi, 1, 0))
        reached = np.flatnonzero((side == 0) | (side != side[0]))
        assert reached.size, f"{shrink}: the steps add up to the distance, yet never reached"
        first = int(reached[0])
        gaps = np.maximum(np.maximum(lo - run.path[first:], run.path[first:] - hi), 0.0)
        bound = alpha / rate(max(first, 1))
        assert np.all(gaps <= bound * (1 + 1e-9) + 4 * EPS * scale_of(y, run.path))


# ======================================================================================
# Numbers the course quotes: the source chapter's figures and the notebooks' own
# ======================================================================================

def plain_mae(h, values):
    return sum(abs(h - v) for v in values) / len(values)


def test_the_five_salaries():
    assert FIVE.tolist() == SOURCE_SALARIES


@pytest.mark.parametrize("h, total, mean", [(150_000, 210_000, 42_000),
                                            (115_000, 115_000, 23_000)])
def test_error_tables(h, total, mean):
    errors = erm.absolute_loss(h, FIVE)
    assert errors.sum() == total == sum(abs(h - v) for v in SOURCE_SALARIES)
    assert erm.absolute_risk(h, FIVE) == mean == plain_mae(h, SOURCE_SALARIES)
    assert erm.empirical_risk(erm.absolute_loss, h, FIVE) == mean


def test_error_tables_on_the_fast_path():
    # An array of h goes through the sorted-data path: the same numbers.
    np.testing.assert_allclose(erm.absolute_risk(np.array([150_000, 115_000]), FIVE),
                               [42_000, 23_000], rtol=1e-12)


def test_mean_and_median():
    assert erm.squared_risk_minimizer(FIVE) == 112_000 == statistics.fmean(SOURCE_SALARIES)
    assert erm.absolute_risk_minimizers(FIVE) == (96_000, 96_000)
    assert statistics.median(SOURCE_SALARIES) == 96_000


def test_mean_errors_of_mean_and_median():
    mean = erm.squared_risk_minimizer(FIVE)
    low, high = erm.absolute_risk_minimizers(FIVE)
    assert erm.absolute_risk(mean, FIVE) == 22_400 == plain_mae(112_000, SOURCE_SALARIES)
    assert erm.absolute_risk(low, FIVE) == 19_200 == plain_mae(96_000, SOURCE_SALARIES)
    assert erm.absolute_risk(high, FIVE) == 19_200


def test_h2_and_the_mean_have_total_error_equal_to_h_between_96000_and_120000():
    # The coincidence notebook 01 explains: three salaries below h, two above, and the
    # low three and the high two each add up to $280,000, so the total error is h.
    assert FIVE[:3].sum() == FIVE[3:].sum() == 280_000
    for h in (96_000, 100_000, 112_000, 115_000, 120_000):
        assert erm.absolute_risk(h, FIVE) * FIVE.size == pytest.approx(h)


def test_outlier_moves_the_mean_not_the_median_nor_huber():
    doubled = np.where(FIVE == 160_000, 320_000, FIVE)
    assert doubled.tolist() == [90_000, 94_000, 96_000, 120_000, 320_000]
    assert erm.squared_risk_minimizer(doubled) == 144_000
    assert statistics.fmean(doubled.tolist()) == 144_000
    assert erm.absolute_risk_minimizers(doubled) == (96_000, 96_000)
    assert statistics.median(doubled.tolist()) == 96_000
    # notebook 06: Huber (delta = $20,000) moves a little
    assert erm.huber_risk_minimizer(doubled, 20_000) == pytest.approx(105_000, abs=1e-6)


def test_minimum_mean_squared_error_is_the_variance():
    mean = erm.squared_risk_minimizer(FIVE)
    smallest = erm.squared_risk(mean, FIVE)
    assert smallest == 686_400_000 == statistics.pvariance(SOURCE_SALARIES)
    # ... and it is the minimum: a dollar either way costs exactly one dollar squared more.
    assert erm.squared_risk(mean + 1, FIVE) == erm.squared_risk(mean - 1, FIVE) == smallest + 1
    # the even-n example of the docstrings: the two middle values of six salaries
    assert erm.absolute_risk_minimizers(SOURCE_SALARIES + [100_000]) == (96_000, 100_000)


def test_notebook_02_tied_professors():
    # The most common salary, shared by 5 professors: the slope jumps by 2 * 5 / 397 there.
    values, counts = np.unique(PROFESSORS, return_counts=True)
    assert values.size == 371 and counts.max() == 5 and values[np.argmax(counts)] == 92_000
    jump = (erm.absolute_risk_slope(92_000.5, PROFESSORS)
            - erm.absolute_risk_slope(91_999.5, PROFESSORS))
    assert jump == pytest.approx(10 / 397, abs=1e-12)


def test_notebook_03_hold_out_split():
    # What notebook 03 says of its split (seed 2018), on these data only: each risk's own
    # minimizer, fitted on one half, still wins on the held-out half; R_sq grows on the
    # held-out half and R_abs shrinks; over 1,000 more splits each wins in most, not all.
    rng = np.random.default_rng(2018)
    half = PROFESSORS.size // 2
    shuffled = rng.permutation(PROFESSORS)
    fit, held = shuffled[:half], shuffled[half:]
    mean, median = float(np.mean(fit)), float(np.median(fit))
    assert (half, held.size) == (198, 199)
    assert erm.absolute_risk(median, held) < erm.absolute_risk(mean, held)
    assert erm.squared_risk(mean, held) < erm.squared_risk(median, held)
    for h in (mean, median):
        assert erm.squared_risk(h, held) > erm.squared_risk(h, fit)
        assert erm.absolute_risk(h, held) < erm.absolute_risk(h, fit)
    mean_wins = median_wins = 0
    for _ in range(1_000):
        fit_k, held_k = np.split(rng.permutation(PROFESSORS), [half])
        mean_k, median_k = np.mean(fit_k), np.median(fit_k)
        mean_wins += erm.squared_risk(mean_k, held_k) < erm.squared_risk(median_k, held_k)
        median_wins += (erm.absolute_risk(median_k, held_k)
                        < erm.absolute_risk(mean_k, held_k))
    assert 500 < mean_wins < 1_000 and 500 < median_wins < 1_000


# --- the UCSD loss (COURSE.md, "Facts checked while planning") ------------------------

def minima_on_a_dollar_grid(values, sigma, lo, hi):
    """Local minima of the UCSD risk on a $1 grid, by the plain formula in numpy."""
    grid = np.arange(lo, hi + 1.0)
    risk = np.zeros_like(grid)
    for v in values:
        risk += 1.0 - np.exp(-((grid - v) / sigma) ** 2)
    risk /= len(values)
    inner = (risk[1:-1] <= risk[:-2]) & (risk[1:-1] <= risk[2:])
    return grid[1:-1][inner], risk[1:-1][inner]


@pytest.mark.parametrize("sigma, expected", [(3_000, 94_700), (10_000, 93_400),
                                             (21_000, 95_600)])
def test_ucsd_global_minimizer(sigma, expected):
    best = erm.ucsd_global_minimizer(FIVE, sigma)
    assert abs(best - expected) < 50          # the figure quoted to the nearest $100
    # independently: the lowest point of the plain formula on a $1 grid
    where, risk = minima_on_a_dollar_grid(SOURCE_SALARIES, sigma, 80_000, 170_000)
    assert abs(best - where[np.argmin(risk)]) <= 1
    # a minimum: flat there, higher on both sides
    assert abs(erm.ucsd_risk_derivative(best, FIVE, sigma)) < 1e-12 / sigma
    here = erm.ucsd_risk(best, FIVE, sigma)
    assert erm.ucsd_risk(best - 5, FIVE, sigma) > here < erm.ucsd_risk(best + 5, FIVE, sigma)


def test_ucsd_second_local_minimum_at_sigma_21000():
    minima = erm.ucsd_local_minima(FIVE, 21_000)
    assert minima.size == 2
    assert abs(minima[1] - 158_700) < 50
    where, _ = minima_on_a_dollar_grid(SOURCE_SALARIES, 21_000, 80_000, 170_000)
    assert where.size == 2
    np.testing.assert_allclose(minima, where, atol=1)
    # the second one is a local minimum only: higher than the global one
    assert erm.ucsd_risk(minima[1], FIVE, 21_000) > erm.ucsd_risk(minima[0], FIVE, 21_000)


@pytest.mark.parametrize("scale", [0.5, 1, 2])
def test_descent_from_170000_stops_in_the_local_minimum(scale):
    sigma = 21_000
    alpha = scale * sigma**2            # the derivative is tiny in dollars: alpha ~ sigma^2
    run = erm.gradient_descent(lambda h: erm.ucsd_risk_derivative(h, FIVE, sigma),
                               170_000, alpha)
    assert run.converged
    local = erm.ucsd_local_minima(FIVE, sigma)[1]
    assert abs(run.h - local) < 1
    assert abs(run.h - erm.ucsd_global_minimizer(FIVE, sigma)) > 50_000


def test_the_professors_ucsd_minimizer_sits_below_median_and_mean_at_two_scales_only():
    # Notebook 04, on these 397 salaries: one minimum at sigma = 21,000 and 40,000, below
    # the median and the mean; at 10,000 a second minimum on the highest salary; and for a
    # very wide sigma the minimizer tends to the mean (exercise 04.2), $113,687 at 1e6.
    median, mean = float(np.median(PROFESSORS)), float(PROFESSORS.mean())
    for sigma in (21_000, 40_000):
        minima = erm.ucsd_local_minima(PROFESSORS, sigma)
        assert minima.size == 1 and minima[0] < median < mean
    at_10k = erm.ucsd_local_minima(PROFESSORS, 10_000)
    assert at_10k.size == 2 and abs(at_10k[1] - PROFESSORS.max()) < 50
    wide = erm.ucsd_global_minimizer(PROFESSORS, 1e6)
    assert round(wide) == 113_687 and median < wide < mean and mean - wide < 20


def test_the_limit_of_notebook_05_is_local():
    # Notebook 05 at sigma = 21,000: 2/R''(h*) is about 2.14 sigma^2, so 2.5 sigma^2 from
    # $130,000 bounces around h* until the cap; from $170,000 the same alpha settles in the
    # shallow valley (16 steps), whose own limit is about 6.33 sigma^2 (exercise 05.4).
    sigma = 21_000.0
    low, shallow = erm.ucsd_local_minima(FIVE, sigma)
    limits = [2 / ucsd_second_derivative(m, FIVE, sigma) / sigma**2 for m in (low, shallow)]
    assert [round(v, 2) for v in limits] == [2.14, 6.33]

    def slope(h):
        return erm.ucsd_risk_derivative(h, FIVE, sigma)
    for c in (0.25, 1, 2):
        run = erm.gradient_descent(slope, 130_000, c * sigma**2)
        assert run.converged and abs(run.h - low) < 1
    bouncing = erm.gradient_descent(slope, 130_000, 2.5 * sigma**2)
    assert bouncing.outcome == "oscillating" and bouncing.steps == 10_000
    settled = erm.gradient_descent(slope, 170_000, 2.5 * sigma**2)
    assert settled.converged and settled.steps == 16 and abs(settled.h - shallow) < 1


# --- notebook 06 -------------------------------------------------------------------------

@pytest.mark.parametrize("p, expected", [
    (1, 96_000), (1.5, 106_742.27), (2, 112_000), (3, 117_677.53), (10, 124_208.07),
    (100, 124_999.999), (1_000, 125_000), (math.inf, 125_000),
])
def test_lp_minimizers_of_the_five_salaries(p, expected):
    assert erm.lp_risk_minimizer(FIVE, p) == pytest.approx(expected, abs=0.005)


@pytest.mark.parametrize("delta, expected", [
    (5_000, 97_500), (10_000, 100_000), (20_000, 105_000), (48_000, 112_000),
    (100_000, 112_000),
])
def test_huber_minimizers_of_the_five_salaries(delta, expected):
    assert erm.huber_risk_minimizer(FIVE, delta) == pytest.approx(expected, abs=1e-6)


def test_huber_just_below_48000_is_not_yet_the_mean():
    # from delta = 48,000 on every salary is within delta of the mean $112,000
    assert erm.huber_risk_minimizer(FIVE, 47_000) == pytest.approx(111_750, abs=1e-6)


def test_figures_of_the_professors():
    y = erm.load_professor_salaries()
    assert y.size == 397
    assert erm.zero_one_risk_minimizers(y).tolist() == [92_000]
    assert np.count_nonzero(y == 92_000) == 5
    assert erm.lp_risk_minimizer(y, 1.5) == pytest.approx(111_058.71, abs=0.005)
    assert erm.huber_risk_minimizer(y, 20_000) == pytest.approx(109_557.81, abs=0.005)


def test_a_tiny_huber_threshold_gives_the_median():
    # exercise 06.1: delta = $1, the five salaries
    assert erm.huber_risk_minimizer(FIVE, 1) == 96_000 == statistics.median(SOURCE_SALARIES)


def test_the_lp_minimizer_of_the_five_reaches_120000_near_p_3_76():
    # exercise 06.4: on these salaries (a pattern, not a law) the minimizer rises with p,
    # so exactly one p gives $120,000
    ps = np.linspace(1, 20, 400)
    path = [erm.lp_risk_minimizer(FIVE, p) for p in ps]
    assert np.all(np.diff(path) >= -1e-6)
    assert erm.lp_risk_minimizer(FIVE, 3.7619) < 120_000 < erm.lp_risk_minimizer(FIVE, 3.7620)


# --- notebook 07 -------------------------------------------------------------------------

def test_a_shrinking_step_settles_where_a_fixed_one_bounces():
    y = erm.load_salaries()

    def slope(h):
        return erm.absolute_risk_slope(h, y)
    fixed = erm.gradient_descent(slope, 150_000, 1_234)
    assert fixed.outcome == "oscillating"
    shrinking = erm.gradient_descent(slope, 150_000, 20_000, shrink="1/k", tol=1.0,
                                     max_iter=100_000)
    assert abs(shrinking.h - 96_000) < 1.0


def test_one_salary_moved_on_the_five():
    def moved(value):
        return np.where(FIVE == 160_000, float(value), FIVE)
    # at $120,000 every salary is within delta = $20,000 of the mean: Huber is the mean
    at_120000 = moved(120_000)
    assert erm.squared_risk_minimizer(at_120000) == 104_000
    assert np.max(np.abs(at_120000 - 104_000)) < 20_000
    assert erm.huber_risk_minimizer(at_120000, 20_000) == pytest.approx(104_000, abs=1e-6)
    assert round(erm.ucsd_global_minimizer(at_120000, 21_000)) == 99_191
    # from $160,000 on Huber stays at $105,000; UCSD returns to the other four's minimizer
    for value in (160_000, 320_000, 1_000_000):
        assert erm.huber_risk_minimizer(moved(value), 20_000) == pytest.approx(105_000,
                                                                               abs=1e-6)
    others = erm.ucsd_global_minimizer(FIVE[FIVE < 160_000], 21_000)
    far = erm.ucsd_global_minimizer(moved(1_000_000), 21_000)
    near = erm.ucsd_global_minimizer(FIVE, 21_000)
    assert far == pytest.approx(others, abs=0.005)
    assert round(near - far, 2) == 2.24                 # "hardly: by $2.24"


def test_one_salary_moved_on_the_professors():
    top = float(PROFESSORS.max())
    up = np.where(PROFESSORS == top, 1_000_000.0, PROFESSORS)
    assert erm.squared_risk_minimizer(up) - erm.squared_risk_minimizer(PROFESSORS) == (
        pytest.approx((1_000_000 - top) / 397, abs=1e-6))
    assert erm.absolute_risk_minimizers(up) == erm.absolute_risk_minimizers(PROFESSORS)
    assert erm.huber_risk_minimizer(up, 20_000) == erm.huber_risk_minimizer(PROFESSORS, 20_000)
    before = erm.ucsd_global_minimizer(PROFESSORS, 21_000)
    assert abs(erm.ucsd_global_minimizer(up, 21_000) - before) < 1e-9
    gap = (top - before) / 21_000
    assert round(gap, 2) == 6.22 and round(gap ** 2, 1) == 38.7


def test_descent_on_the_five_with_corners_and_without():
    def absolute(h):
        return erm.absolute_risk_slope(h, FIVE)
    fixed = erm.gradient_descent(absolute, 150_000, 1_234)
    assert fixed.outcome == "oscillating" and fixed.steps == 10_000
    np.testing.assert_allclose(sorted(fixed.path[-2:]), [95_950.8, 96_197.6])
    root = erm.gradient_descent(absolute, 150_000, 1_234, shrink="1/sqrt(k)")
    assert root.outcome == "max_iter" and round(root.h, 2) == 95_997.53
    harmonic = erm.gradient_descent(absolute, 150_000, 1_234, shrink="1/k")
    assert round(harmonic.h, 2) == 142_753.26           # alpha ln k: not yet arrived
    huber = erm.gradient_descent(lambda h: erm.huber_risk_derivative(h, FIVE, 20_000),
                                 150_000, 1.9)
    assert huber.converged and huber.h == pytest.approx(105_000, abs=1e-5)


def test_the_bounce_on_seven_salaries_is_alpha_over_seven_wide():
    # exercise 07.4: beside the median of seven the slope is +-1/7
    seven = np.append(FIVE, [100_000.0, 200_000.0])
    run = erm.gradient_descent(lambda h: erm.absolute_risk_slope(h, seven), 150_000, 2_345)
    assert run.outcome == "oscillating"
    assert abs(run.path[-1] - run.path[-2]) == pytest.approx(2_345 / 7, abs=1e-6)
    assert min(run.path[-2:]) < 100_000 < max(run.path[-2:])


def test_the_ucsd_chord_between_its_minima_passes_below_the_curve():
    # A fact of the FIVE salaries at sigma = 21,000 (what notebook 07 prints), not a law.
    low, high = erm.ucsd_local_minima(FIVE, 21_000)
    mid = (low + high) / 2
    curve = erm.ucsd_risk(mid, FIVE, 21_000)
    chord = (erm.ucsd_risk(low, FIVE, 21_000) + erm.ucsd_risk(high, FIVE, 21_000)) / 2
    assert (round(curve, 3), round(chord, 3)) == (0.757, 0.579)


# --- notebook 08: the line, its best fit and descent in two dimensions --------------------

PROFESSOR_DATA = erm.load_professors()
X_PHD, Y_PROF = PROFESSOR_DATA["yrs_since_phd"], PROFESSOR_DATA["salary_usd"]


@st.composite
def paired(draw):
    """x and y of the same length (2 to 30 points, x not constant)."""
    n = draw(st.integers(2, 30))
    x = np.array(draw(st.lists(st.floats(-1e3, 1e3), min_size=n, max_size=n)))
    y = np.array(draw(st.lists(st.floats(-1e3, 1e3), min_size=n, max_size=n)))
    assume(np.ptp(x) > 1e-3)
    return x, y


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
    w0, w1 = erm.least_squares_line(X_PHD, Y_PROF)
    r = np.corrcoef(X_PHD, Y_PROF)[0, 1]
    assert w1 == pytest.approx(r * np.std(Y_PROF) / np.std(X_PHD), rel=1e-12)
    assert w0 == pytest.approx(np.mean(Y_PROF) - w1 * np.mean(X_PHD), rel=1e-12)
    assert erm.line_risk(w0, w1, X_PHD, Y_PROF) == pytest.approx(np.var(Y_PROF) * (1 - r * r), rel=1e-12)


@pytest.mark.parametrize("scaling", ["raw", "centred", "standardized"])
def test_two_d_descent_regimes_follow_the_hessians_eigenvalues(scaling):
    """Fixed-step descent on a quadratic settles exactly when alpha < 2 / (largest
    eigenvalue of the Hessian), and diverges just above that."""
    x = {"raw": X_PHD, "centred": X_PHD - X_PHD.mean(), "standardized": (X_PHD - X_PHD.mean()) / X_PHD.std()}[scaling]
    top = np.linalg.eigvalsh(erm.line_risk_hessian(x)).max()

    def gradient(w):
        return erm.line_risk_gradient(w[0], w[1], x, Y_PROF)
    below = erm.gradient_descent(gradient, (0.0, 0.0), 0.9 * 2 / top, max_iter=200_000,
                                 tol=1e-6)
    above = erm.gradient_descent(gradient, (0.0, 0.0), 1.1 * 2 / top, max_iter=2_000)
    assert below.converged
    np.testing.assert_allclose(below.h, erm.least_squares_line(x, Y_PROF), rtol=1e-6, atol=1e-3)
    assert above.diverged


def test_standardized_x_with_alpha_one_half_lands_in_one_step():
    z = (X_PHD - X_PHD.mean()) / X_PHD.std()
    run = erm.gradient_descent(lambda w: erm.line_risk_gradient(*w, z, Y_PROF), (0.0, 0.0), 0.5)
    np.testing.assert_allclose(run.path[1], erm.least_squares_line(z, Y_PROF), rtol=1e-12)
    assert run.steps == 2 and run.converged and run.path.shape == (3, 2)


def _fit(x, y):
    """The best line and its mean squared error."""
    w0, w1 = erm.least_squares_line(x, y)
    return w0, w1, erm.line_risk(w0, w1, x, y)


@settings(max_examples=60)
@given(data=st.data())
def test_the_valley_floor_is_the_lines_through_the_point_of_means(data):
    """Notebook 08: for each slope w1 the best intercept is ybar - w1 xbar, and there the
    risk is the parabola S_yy - 2 w1 S_xy + w1^2 S_xx."""
    x, y = data.draw(paired())
    w1 = data.draw(st.floats(-5, 5))
    floor = np.mean(y) - w1 * np.mean(x)
    d0, _ = erm.line_risk_gradient(floor, w1, x, y)
    scale = 1 + np.abs(y).max() + np.abs(x).max() * 5
    assert abs(d0) <= 1e-9 * scale
    here = erm.line_risk(floor, w1, x, y)
    for step in (-1.0, -1e-3, 1e-3, 1.0):
        assert erm.line_risk(floor + step, w1, x, y) >= here - 1e-9 * scale ** 2
    xc, yc = x - x.mean(), y - y.mean()
    parabola = np.mean(yc * yc) - 2 * w1 * np.mean(xc * yc) + w1 ** 2 * np.mean(xc * xc)
    assert here == pytest.approx(parabola, rel=1e-9, abs=1e-9 * scale ** 2)


@settings(max_examples=60)
@given(data=st.data())
def test_the_smallest_mse_is_the_variance_times_one_minus_r_squared(data):
    """Notebook 08: w1 = r s_y / s_x and min R = s_y^2 (1 - r^2), for any data."""
    x, y = data.draw(paired())
    assume(np.ptp(y) > 1e-3)
    w0, w1, best = _fit(x, y)
    r = np.corrcoef(x, y)[0, 1]
    scale = (1 + np.abs(y).max()) ** 2
    assert w1 == pytest.approx(r * np.std(y) / np.std(x), rel=1e-7, abs=1e-9 * scale)
    assert best == pytest.approx(np.var(y) * (1 - r * r), rel=1e-7, abs=1e-9 * scale)
    # the normal equations: the residuals have mean 0 and are uncorrelated with x
    residuals = y - w0 - w1 * x
    assert abs(np.mean(residuals)) <= 1e-9 * (1 + np.abs(y).max() + np.abs(x).max() * abs(w1))
    assert abs(np.mean(x * residuals)) <= 1e-8 * (1 + np.abs(x).max()) * scale


@pytest.mark.parametrize("scaling", ["raw", "centred"])
def test_the_slow_direction_shrinks_by_one_minus_alpha_lambda_min(scaling):
    """Notebook 08: below the limit, late in a run the error shrinks by 1 - alpha
    lambda_min per step, the eigenvalue of the flattest direction of the valley."""
    x = X_PHD if scaling == "raw" else X_PHD - X_PHD.mean()
    low, top = np.linalg.eigvalsh(erm.line_risk_hessian(x))
    alpha = 0.9 * 2 / top
    best = np.array(erm.least_squares_line(x, Y_PROF))
    run = erm.gradient_descent(lambda w: erm.line_risk_gradient(*w, x, Y_PROF), (0.0, 0.0),
                               alpha, max_iter=1_000)
    errors = np.linalg.norm(run.path - best, axis=1)
    assert errors[1_000] / errors[999] == pytest.approx(1 - alpha * low, rel=1e-9)
    assert 1 - alpha * low > 1 - 2 * low / top          # no better than 1 - 2 / kappa


@settings(max_examples=60)
@given(data=st.data(), shift=st.floats(-1e4, 1e4), scale=st.floats(0.01, 100))
def test_rescaling_x_changes_the_weights_not_the_fitted_line(data, shift, scale):
    """Notebook 08 (and exercise 08.5): fit on z = (x - shift) / scale, map the weights
    back, and it is the line fitted on x: the same predictions and the same risk."""
    x, y = data.draw(paired())
    z = (x - shift) / scale
    c0, c1, zbest = _fit(z, y)
    w0, w1, best = _fit(x, y)
    size = 1 + np.abs(y).max()
    assert c1 / scale == pytest.approx(w1, rel=1e-6, abs=1e-9 * size)
    np.testing.assert_allclose(c0 + c1 * z, w0 + w1 * x, rtol=1e-7, atol=1e-7 * size)
    assert zbest == pytest.approx(best, rel=1e-7, abs=1e-9 * size ** 2)


@settings(max_examples=60)
@given(data=st.data(), shift=st.floats(-1e5, 1e5), factor=st.floats(1e-3, 1e3))
def test_shifting_or_rescaling_y(data, shift, factor):
    """Exercises 08.2 and 08.3: adding a constant to every y moves w0 by it and leaves w1
    and the risk alone; multiplying y by a factor multiplies w0 and w1 by it and the risk
    by its square."""
    x, y = data.draw(paired())
    w0, w1, best = _fit(x, y)
    size = 1 + np.abs(y).max() + abs(shift)
    s0, s1, shifted = _fit(x, y + shift)
    assert s0 == pytest.approx(w0 + shift, rel=1e-9, abs=1e-8 * size)
    assert s1 == pytest.approx(w1, rel=1e-7, abs=1e-8 * size)
    assert shifted == pytest.approx(best, rel=1e-6, abs=1e-8 * size ** 2)
    f0, f1, scaled = _fit(x, y * factor)
    assert (f0, f1) == pytest.approx((w0 * factor, w1 * factor), rel=1e-9,
                                     abs=1e-9 * size * factor)
    assert scaled == pytest.approx(best * factor ** 2, rel=1e-9,
                                   abs=1e-9 * (size * factor) ** 2)


@settings(max_examples=60)
@given(data=st.data())
def test_regressing_x_on_y_is_another_line(data):
    """Notebook 08: the slope of x on y is r s_x / s_y, so drawn in the (x, y) plane the
    inverted line has slope w1 / r^2, steeper than the line of y on x unless |r| = 1."""
    x, y = data.draw(paired())
    assume(np.ptp(y) > 1e-3)
    r = np.corrcoef(x, y)[0, 1]
    assume(abs(r) > 1e-3)
    _, w1 = erm.least_squares_line(x, y)
    _, b1 = erm.least_squares_line(y, x)
    assert w1 * b1 == pytest.approx(r * r, rel=1e-6, abs=1e-12)
    assert abs(1 / b1) >= abs(w1) * (1 - 1e-9)


@settings(max_examples=60)
@given(data=st.data())
def test_a_squared_feature_keeps_the_risk_a_convex_quadratic(data):
    """Notebook 08: h = w0 + w1 x + w2 x^2 is linear in its weights, so the risk's Hessian
    (2/n) F^T F (F with a column of ones) has no negative eigenvalue, and the normal
    equations give numpy's degree-2 polyfit."""
    x, y = data.draw(paired())
    assume(np.unique(np.round(x, 3)).size >= 3)
    F = np.column_stack([np.ones_like(x), x, x * x])
    hessian = 2 / x.size * F.T @ F
    eigen = np.linalg.eigvalsh(hessian)
    assert eigen.min() >= -1e-9 * eigen.max()
    try:
        w = erm.least_squares_fit(np.column_stack([x, x * x]), y)
    except ValueError:       # features numerically dependent: nothing to compare
        return
    gradient = -2 / x.size * F.T @ (y - F @ w)
    scale = (1 + np.abs(y).max()) * (1 + np.abs(x).max()) ** 2
    assert np.abs(gradient).max() <= 1e-6 * scale
    assert erm.least_squares_fit(x, y) == pytest.approx(erm.least_squares_line(x, y),
                                                        rel=1e-6, abs=1e-9 * scale)


def test_the_facts_notebook_08_prints_about_these_data():
    """Notebook 08: facts of the 397 professors (not laws), as the notebook prints them."""
    w0, w1, best = _fit(X_PHD, Y_PROF)
    assert (round(w0, 2), round(w1, 2), round(best / 1e8, 4)) == (91_718.69, 985.34, 7.5428)
    assert round(np.var(Y_PROF) / 1e8, 3) == 9.151
    assert round(np.corrcoef(X_PHD, Y_PROF)[0, 1], 4) == 0.4192
    kappa = {}
    for name, x in [("raw", X_PHD), ("centred", X_PHD - X_PHD.mean()),
                    ("standardized", (X_PHD - X_PHD.mean()) / X_PHD.std())]:
        low, top = np.linalg.eigvalsh(erm.line_risk_hessian(x))
        kappa[name] = (round(top / low, 1), round(2 / top, 7))
    assert kappa == {"raw": (2664.4, 0.0015052), "centred": (165.7, 0.0060366),
                     "standardized": (1.0, 1.0)}
    residuals = Y_PROF - w0 - w1 * X_PHD
    means = [round(residuals[(X_PHD >= lo) & (X_PHD < hi)].mean())
             for lo, hi in [(0, 10), (10, 20), (20, 30), (30, 40), (40, 100)]]
    assert means == [-13_628, 4_557, 10_889, 3_172, -17_230]
    q0, q1, q2 = erm.least_squares_fit(np.column_stack([X_PHD, X_PHD ** 2]), Y_PROF)
    assert round(-q1 / (2 * q2), 2) == 31.97
    assert round(np.mean((Y_PROF - q0 - q1 * X_PHD - q2 * X_PHD ** 2) ** 2) / 1e8, 3) == 6.305
    ranks = PROFESSOR_DATA["rank"]
    slopes = [round(erm.least_squares_line(X_PHD[ranks == r], Y_PROF[ranks == r])[1], 2)
              for r in ("AsstProf", "AssocProf", "Prof")]
    assert slopes == [-509.25, -412.55, -1.62]
    assert round(1 / erm.least_squares_line(Y_PROF, X_PHD)[1]) == 5_606
    assert round(w0 + 80 * w1) == 170_546
