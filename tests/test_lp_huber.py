"""The L_p, Huber and 0-1 losses of notebook 06: property tests for the general claims,
then the course's figures as plain tests, then two patterns that are not laws.

Random data as in test_properties.py (values in [-1e6, 1e6], many ties). Tolerances are
relative to the size of the numbers in play, with the reason beside each.
"""

import collections
import math

import mpmath
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import erm_helpers as erm
from test_properties import datasets, scale_of

EPS = np.finfo(float).eps
P = st.one_of(st.floats(1.0, 1_000.0), st.sampled_from([1.0, 1.5, 2.0, 3.0, 1_000.0]))
SMALL_P = st.floats(1.0, 20.0)


@st.composite
def deltas(draw, y):
    """A Huber delta from a thousandth of the data's spread to ten times it (at least 1)."""
    spread = float(y.max() - y.min()) or 1.0
    return max(1.0, spread * 10.0 ** draw(st.floats(-3.0, 1.0)))


def spread_of(y):
    return float(y.max() - y.min())


# --- L_p: the special exponents ---------------------------------------------------------

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


def lp_minimizer_mpmath(y, p, digits=60):
    """The zero of sum sign(h - y_i) |h - y_i|^(p-1), by bisection in mpmath at 60 digits.

    Independent of the helpers: no scaling, mpmath's numbers do not overflow.
    """
    with mpmath.workdps(digits):
        ys = [mpmath.mpf(float(v)) for v in y]
        lo, hi = min(ys), max(ys)
        q = mpmath.mpf(p) - 1
        for _ in range(120):                 # 2^-120 of the range: far below a cent
            mid = (lo + hi) / 2
            slope = mpmath.fsum(mpmath.sign(mid - v) * abs(mid - v) ** q for v in ys)
            if slope < 0:
                lo = mid
            else:
                hi = mid
        return float((lo + hi) / 2)


@settings(max_examples=40)
@given(y=datasets(max_size=12), p=st.floats(1.01, 1_000.0))
def test_lp_minimizer_agrees_with_mpmath(y, p):
    expected = lp_minimizer_mpmath(y, p)
    # the slope's sign is exact up to rounding in a sum of n terms in [-1, 1]: the
    # bisection ends within ~1e-13 of the spread of the answer; asked: 1e-10 (<= a cent).
    assert erm.lp_risk_minimizer(y, p) == pytest.approx(expected,
                                                        abs=1e-10 * scale_of(y))


@given(y=datasets(), p=SMALL_P, data=st.data())
def test_lp_risk_equals_the_plain_formula(y, p, data):
    # In units of the spread, so |h - y|^p stays finite for the plain formula up to p = 20.
    y = y / max(spread_of(y), 1.0)
    h = np.array(data.draw(st.lists(st.floats(-3.0, 3.0), min_size=1, max_size=20)))
    plain = erm.empirical_risk(erm.lp_loss, h, y, p=p)
    # exp(p log z) instead of z^p: a few ulps times p |log z| per term
    np.testing.assert_allclose(erm.lp_risk(h, y, p), plain, rtol=1e-11, atol=1e-300)
    assert erm.lp_risk(float(h[0]), y, p) == pytest.approx(plain[0], rel=1e-11, abs=1e-300)


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


# --- Huber: the fast curves and the derivative ------------------------------------------

@given(y=datasets(min_size=2), offset=st.sampled_from([0.0, 1e9, -3e7]), data=st.data())
def test_fast_huber_equals_the_plain_formula(y, offset, data):
    y = y + offset                                  # data far from 0 too
    delta = data.draw(deltas(y))
    pad = spread_of(y) + 2 * delta
    h = np.concatenate([y, y + delta, y - delta,
                        np.linspace(y.min() - pad, y.max() + pad, 41)])
    risk = erm.huber_risk(h, y, delta)
    plain = np.mean(erm.huber_loss(h[:, None], y[None, :], delta), axis=1)
    assert np.array_equal(plain, erm.empirical_risk(erm.huber_loss, h, y, delta=delta))
    # prefix sums of squares lose about eps * spread / delta relative (here <= 1e3 eps)
    np.testing.assert_allclose(risk, plain, rtol=1e-9)
    slope = erm.huber_risk_derivative(h, y, delta)
    plain_slope = np.mean(np.clip(h[:, None] - y[None, :], -delta, delta), axis=1)
    # values in [-delta, delta]; the prefix sums carry rounding of size eps * n * spread
    np.testing.assert_allclose(slope, plain_slope, rtol=0,
                               atol=1e-12 * (delta + y.size * spread_of(y)))
    assert erm.huber_risk_derivative(float(h[0]), y, delta) == plain_slope[0]


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


# --- Huber: the minimizer ---------------------------------------------------------------

@given(y=datasets(), data=st.data())
def test_huber_minimizer_is_a_zero_of_the_derivative(y, data):
    delta = data.draw(deltas(y))
    h = erm.huber_risk_minimizer(y, delta)
    assert erm.huber_risk_derivative(h, y, delta) == pytest.approx(
        0, abs=1e-12 * (delta + y.size * scale_of(y)))
    # and no grid point has a smaller risk
    pad = spread_of(y) + delta
    grid = np.linspace(y.min() - pad, y.max() + pad, 1_001)
    best = erm.huber_risk(h, y, delta)
    assert np.all(erm.huber_risk(grid, y, delta) >= best - 1e-9 * best)


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


def test_huber_flat_bottom_gives_its_middle():
    # two middle values 2 * 40 apart with delta = 30: every h in [30, 50] minimizes
    y = np.array([-5.0, 0.0, 80.0, 90.0])
    assert erm.huber_risk_minimizer(y, 30) == 40.0
    assert np.all(erm.huber_risk_derivative(np.linspace(30, 50, 9), y, 30) == 0)


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


# --- the course's figures (notebook 06) -------------------------------------------------

SALARIES = erm.load_salaries()


@pytest.mark.parametrize("p, expected", [
    (1, 96_000), (1.5, 106_742.27), (2, 112_000), (3, 117_677.53), (10, 124_208.07),
    (100, 124_999.999), (1_000, 125_000), (math.inf, 125_000),
])
def test_lp_minimizers_of_the_five_salaries(p, expected):
    assert erm.lp_risk_minimizer(SALARIES, p) == pytest.approx(expected, abs=0.005)


def test_lp_minimizers_reach_the_midrange_without_overflow():
    # On the unscaled slope at p = 100, |h - y|^99 overflows, inf - inf is NaN, and a
    # bisection ends wherever NaN sends it: near $158,701 with `if slope > 0: hi = mid`,
    # near $91,299 with `if slope < 0: lo = mid` (both checked by hand). The scaled slope
    # never overflows: the minimizer is within a cent of the midrange.
    assert erm.lp_risk_minimizer(SALARIES, 100) == pytest.approx(125_000, abs=0.01)
    assert erm.lp_typical_error(125_000, SALARIES, 1_000) == pytest.approx(
        35_000 * (2 / 5) ** (1 / 1_000), rel=1e-12)


@pytest.mark.parametrize("delta, expected", [
    (5_000, 97_500), (10_000, 100_000), (20_000, 105_000), (48_000, 112_000),
    (100_000, 112_000),
])
def test_huber_minimizers_of_the_five_salaries(delta, expected):
    assert erm.huber_risk_minimizer(SALARIES, delta) == pytest.approx(expected, abs=1e-6)


def test_huber_just_below_48000_is_not_yet_the_mean():
    # from delta = 48,000 on every salary is within delta of the mean $112,000
    assert erm.huber_risk_minimizer(SALARIES, 47_000) == pytest.approx(111_750, abs=1e-6)


def test_outlier_moves_the_mean_but_not_huber():
    y = np.where(SALARIES == 160_000, 320_000.0, SALARIES)
    assert erm.squared_risk_minimizer(y) == 144_000
    assert erm.absolute_risk_minimizers(y) == (96_000, 96_000)
    assert erm.huber_risk_minimizer(y, 20_000) == pytest.approx(105_000, abs=1e-6)


def test_figures_of_the_professors():
    y = erm.load_professor_salaries()
    assert y.size == 397
    assert erm.zero_one_risk_minimizers(y).tolist() == [92_000]
    assert np.count_nonzero(y == 92_000) == 5
    assert erm.lp_risk_minimizer(y, 1.5) == pytest.approx(111_058.71, abs=0.005)
    assert erm.huber_risk_minimizer(y, 20_000) == pytest.approx(109_557.81, abs=0.005)


# --- patterns of the five salaries that are not laws ------------------------------------

def test_huber_need_not_lie_between_median_and_mean():
    y = np.array([119, -150, -160, -10, 120, -150, -20, 40.0])
    median = float(np.median(y))
    mean = erm.squared_risk_minimizer(y)
    assert (median, mean) == (-15.0, -26.375)
    assert erm.huber_risk_minimizer(y, 100) == pytest.approx(-30.0, abs=1e-9)
    assert erm.huber_risk_minimizer(y, 100) < min(median, mean)


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
