"""Property tests: the claims the course makes, on random salary data.

Data are lists of 1 to 50 values in [-1e6, 1e6] dollars (negative ones too: nothing in the
formulas assumes a sign), often with ties (values are drawn from a smaller pool, and round
thousands are common). Tolerances are relative to the
size of the numbers involved ("scale"), with the reason for each written beside it.
"""

import math
import statistics

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import erm_fast
import erm_helpers as erm

SALARY = st.one_of(
    st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False),
    st.integers(-1_000, 1_000).map(lambda k: 1_000.0 * k),      # round thousands: many ties
)
SIGMA = st.floats(1.0, 1e6, allow_nan=False, allow_infinity=False)


@st.composite
def datasets(draw, min_size=1, max_size=50):
    """A 1-D float array of values; drawn from a pool of fewer values, so ties are common."""
    n = draw(st.integers(min_size, max_size))
    distinct = draw(st.integers(1, n))
    pool = draw(st.lists(SALARY, min_size=distinct, max_size=distinct))
    return np.array(draw(st.lists(st.sampled_from(pool), min_size=n, max_size=n)))


def scale_of(*arrays):
    """The size of the numbers in play: at least 1 dollar."""
    return max(1.0, *(float(np.max(np.abs(a))) for a in arrays))


def some_h(draw, y, sigma=None):
    """A prediction that matters: a data point, a grid end, or a point in or near the data."""
    lo, hi = float(y.min()), float(y.max())
    pad = (hi - lo) + (3 * sigma if sigma else 1.0)
    return draw(st.one_of(st.sampled_from(y.tolist()), st.sampled_from([lo, hi]),
                          st.floats(lo - pad, hi + pad)))


# --- the median minimizes the absolute risk -------------------------------------------

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


@given(y=datasets())
def test_minimizers_are_the_middle_values(y):
    lo, hi = erm.absolute_risk_minimizers(y)
    assert type(lo) is float and type(hi) is float
    s = sorted(y.tolist())
    n = len(s)
    assert (lo, hi) == (s[(n - 1) // 2], s[n // 2])
    assert (lo, hi) == (statistics.median_low(s), statistics.median_high(s))
    if n % 2:
        assert lo == hi == np.median(y)
    else:
        assert (lo + hi) / 2 == pytest.approx(float(np.median(y)), rel=1e-15, abs=0)


def test_minimizers_do_not_reorder_the_data():
    y = np.array([160_000.0, 90_000.0, 120_000.0, 94_000.0, 96_000.0, 100_000.0])
    before = y.copy()
    assert erm.absolute_risk_minimizers(y) == (96_000, 100_000)
    np.testing.assert_array_equal(y, before)


# --- the mean minimizes the squared risk ----------------------------------------------

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


# --- each derivative matches a central finite difference ------------------------------

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


# --- the UCSD risk lies in [0, 1) -----------------------------------------------------

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


# --- the fast risk curves equal the plain formula -------------------------------------

RISKS = {
    "absolute": (erm.absolute_risk, erm.absolute_loss),
    "squared": (erm.squared_risk, erm.squared_loss),
    "ucsd": (erm.ucsd_risk, erm.ucsd_loss),
}


def tolerance(kind, y, h, sigma):
    """Absolute slack for rounding, in the units of each risk (rel. 1e-9 comes on top)."""
    scale = scale_of(y, h)
    return {"absolute": 1e-12 * scale,        # prefix sums of values of size `scale`
            "squared": 1e-12 * scale**2,      # (h - mean)^2 with the mean rounded
            "ucsd": 1e-12}[kind]     # values in [0, 1); (h - y) / sigma on both paths


@st.composite
def predictions(draw, y):
    """h as a 0-d array, or shaped (m,) or (a, b): data points, grid ends, and more."""
    lo, hi = float(y.min()), float(y.max())
    pad = hi - lo + 1.0
    element = st.one_of(st.sampled_from(y.tolist()), st.sampled_from([lo, hi]),
                        st.floats(lo - pad, hi + pad))
    shape = draw(st.one_of(st.just(()), st.tuples(st.integers(1, 40)),
                           st.tuples(st.integers(1, 5), st.integers(1, 6))))
    size = math.prod(shape)
    values = draw(st.lists(element, min_size=size, max_size=size))
    if len(shape) == 1 and size >= 2:
        # a grid from the smallest to the largest value, both ends included
        values[:2] = [lo, hi]
        values = np.concatenate([values, np.linspace(lo, hi, 11)])
        shape = values.shape
    return np.array(values, dtype=float).reshape(shape)


@pytest.mark.parametrize("kind", sorted(RISKS))
@given(y=datasets(), sigma=SIGMA, data=st.data())
def test_fast_curves_equal_the_plain_formula(kind, y, sigma, data):
    risk, loss = RISKS[kind]
    params = {"sigma": sigma} if kind == "ucsd" else {}
    h = data.draw(predictions(y))
    fast = risk(h, y, **params)
    plain = erm.empirical_risk(loss, h, y, **params)
    if h.ndim == 0:
        assert type(fast) is float and type(plain) is float
    else:
        assert isinstance(fast, np.ndarray) and fast.shape == h.shape
        assert fast.dtype == np.float64
    np.testing.assert_allclose(fast, plain, rtol=1e-9,
                               atol=tolerance(kind, y, h, sigma))
    # one h at a time gives the same numbers as the whole curve
    singles = [risk(float(v), y, **params) for v in np.ravel(h)]
    assert all(type(v) is float for v in singles)
    np.testing.assert_allclose(np.ravel(fast), singles, rtol=1e-9,
                               atol=tolerance(kind, y, h, sigma))


@pytest.mark.parametrize("kind", sorted(RISKS))
def test_fast_curves_on_the_real_data(kind):
    y = erm.load_professor_salaries()
    sigma = 10_000.0
    params = {"sigma": sigma} if kind == "ucsd" else {}
    h = np.concatenate([np.linspace(0, 300_000, 2_001), y[:50]])
    risk, loss = RISKS[kind]
    np.testing.assert_allclose(risk(h, y, **params),
                               erm.empirical_risk(loss, h, y, **params),
                               rtol=1e-9, atol=tolerance(kind, y, h, sigma))


def test_plain_formula_is_not_the_fast_path():
    # The reference must be independent: the term-by-term mean, not a shortcut.
    y = [1.0, 2.0, 4.0]
    h = np.array([0.0, 3.0])
    expected = [np.mean([abs(x - v) for v in y]) for x in h]
    assert erm.empirical_risk(erm.absolute_loss, h, y).tolist() == expected
    with pytest.raises(TypeError, match="loss must be a function"):
        erm.empirical_risk("absolute", h, y)


# --- the blocked UCSD path equals the unblocked one -----------------------------------

@given(y=datasets(min_size=8), sigma=SIGMA, data=st.data())
def test_blocked_ucsd_equals_unblocked(y, sigma, data):
    h = data.draw(predictions(y))
    assume(h.size >= 2)
    whole = (erm.ucsd_risk(h, y, sigma), erm.ucsd_risk_derivative(h, y, sigma),
             erm.empirical_risk(erm.ucsd_loss, h, y, sigma=sigma))
    with pytest.MonkeyPatch.context() as mp:
        # 7 elements per block: several column blocks (n >= 8) and one row per block
        mp.setattr(erm_fast, "BLOCK_ELEMENTS", 7)
        assert len(erm_fast.row_blocks(h.size, 7)) == h.size
        blocked = (erm.ucsd_risk(h, y, sigma), erm.ucsd_risk_derivative(h, y, sigma),
                   erm.empirical_risk(erm.ucsd_loss, h, y, sigma=sigma))
    atol = 1e-12     # risks in [0, 1), slopes in units of 1/sigma; only the sums' order differs
    for a, b, unit in zip(whole, blocked, [1, 1 / sigma, 1]):
        assert a.shape == b.shape == h.shape
        np.testing.assert_allclose(b, a, rtol=1e-12, atol=atol * unit)


def test_blocked_minima_equal_unblocked():
    y = erm.load_salaries()
    whole = [erm.ucsd_local_minima(y, s) for s in (3_000, 21_000)]
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(erm_fast, "BLOCK_ELEMENTS", 3)      # two column blocks for five salaries
        blocked = [erm.ucsd_local_minima(y, s) for s in (3_000, 21_000)]
    for a, b in zip(whole, blocked):
        np.testing.assert_allclose(b, a, rtol=1e-12)
