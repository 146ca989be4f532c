"""erm_fast: every public name against the plain formula it replaces.

The fast machinery must give the numbers of the definitions: the mean of the loss over the
data, term by term (``erm.empirical_risk``), or a plain sum written out here in Python or
mpmath. Two kinds of test:

- through erm_helpers, whose array paths are the fast ones (its one-h path is the plain
  formula): the fast curves, the blocked sums, the L_p and Huber curves;
- on erm_fast itself, for what erm_helpers does not reach (the kernels, the slope signs,
  the sliders' ``LpCurves``, ``squared_slope`` and ``ucsd_derivative_at``, ...).

Each test is registered with :func:`replaces` under the names it checks, and
:func:`test_every_public_name_of_erm_fast_is_checked` fails if a name in
``erm_fast.__all__`` has none.
"""

import math

import mpmath
import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import erm_fast
import erm_helpers as erm
from references import (EPS, SIGMA, THOUSANDS, LOG_SIGMA, datasets, deltas, predictions,
                        scale_of, small_data, some_h, spread_of)

SALARIES = erm.load_salaries()
PROFESSORS = erm.load_professor_salaries()

#: erm_fast public name -> names of the tests here that compare it with its plain formula.
CHECKED = {}


def replaces(*names):
    """Register the decorated test as a check of these erm_fast names."""
    def register(test):
        for name in names:
            CHECKED.setdefault(name, []).append(test.__name__)
        return test
    return register


# --- the fast risk curves equal the plain formula -----------------------------------------

RISKS = {
    "absolute": (erm.absolute_risk, erm.absolute_loss),
    "squared": (erm.squared_risk, erm.squared_loss),
    "ucsd": (erm.ucsd_risk, erm.ucsd_loss),
    "zero_one": (erm.zero_one_risk, erm.zero_one_loss),
}


def tolerance(kind, y, h, sigma):
    """Absolute slack for rounding, in the units of each risk (rel. 1e-9 comes on top)."""
    scale = scale_of(y, h)
    return {"absolute": 1e-12 * scale,        # prefix sums of values of size `scale`
            "squared": 1e-12 * scale**2,      # (h - mean)^2 with the mean rounded
            "ucsd": 1e-12,       # values in [0, 1); (h - y) / sigma on both paths
            "zero_one": 1e-15}[kind]          # 1 - count / n against a mean of 0s and 1s


@replaces("SortedData", "squared_risk_from_moments", "ucsd_risk_curve", "block_sums",
          "ucsd_loss_inplace", "row_blocks")
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


# --- the blocked UCSD path equals the unblocked one ---------------------------------------

@replaces("BLOCK_ELEMENTS", "row_blocks", "block_sums", "ucsd_derivative_curve")
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


@replaces("ucsd_minima")
def test_blocked_minima_equal_unblocked():
    y = erm.load_salaries()
    whole = [erm.ucsd_local_minima(y, s) for s in (3_000, 21_000)]
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(erm_fast, "BLOCK_ELEMENTS", 3)      # two column blocks for five salaries
        blocked = [erm.ucsd_local_minima(y, s) for s in (3_000, 21_000)]
    for a, b in zip(whole, blocked):
        np.testing.assert_allclose(b, a, rtol=1e-12)


# --- the UCSD curve (array path) equals the one-h-at-a-time path --------------------------

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
                                max_size=30), LOG_SIGMA)


@replaces("ucsd_risk_curve", "ucsd_derivative_curve", "ucsd_slope_inplace")
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


# --- the L_p and Huber curves ---------------------------------------------------------------

@replaces("lp_parts", "largest_error", "powers_inplace")
@given(y=datasets(), p=st.floats(1.0, 20.0), data=st.data())
def test_lp_risk_equals_the_plain_formula(y, p, data):
    # In units of the spread, so |h - y|^p stays finite for the plain formula up to p = 20.
    y = y / max(spread_of(y), 1.0)
    h = np.array(data.draw(st.lists(st.floats(-3.0, 3.0), min_size=1, max_size=20)))
    plain = erm.empirical_risk(erm.lp_loss, h, y, p=p)
    # exp(p log z) instead of z^p: a few ulps times p |log z| per term
    np.testing.assert_allclose(erm.lp_risk(h, y, p), plain, rtol=1e-11, atol=1e-300)
    assert erm.lp_risk(float(h[0]), y, p) == pytest.approx(plain[0], rel=1e-11, abs=1e-300)


@replaces("lp_parts", "lp_minimizer", "lp_slope_sign")
def test_lp_minimizers_reach_the_midrange_without_overflow():
    # On the unscaled slope at p = 100, |h - y|^99 overflows, inf - inf is NaN, and a
    # bisection ends wherever NaN sends it: near $158,701 with `if slope > 0: hi = mid`,
    # near $91,299 with `if slope < 0: lo = mid` (both checked by hand). The scaled slope
    # never overflows: the minimizer is within a cent of the midrange.
    assert erm.lp_risk_minimizer(SALARIES, 100) == pytest.approx(125_000, abs=0.01)
    assert erm.lp_typical_error(125_000, SALARIES, 1_000) == pytest.approx(
        35_000 * (2 / 5) ** (1 / 1_000), rel=1e-12)


@replaces("SortedData")
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


# --- erm_fast itself: what erm_helpers does not reach -----------------------------------------

@replaces("row_blocks", "BLOCK_ELEMENTS")
@given(m=st.integers(0, 200), n=st.integers(0, 50), block=st.integers(1, 300))
def test_row_blocks_cover_the_rows_in_blocks_of_at_most_block_elements(m, n, block):
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(erm_fast, "BLOCK_ELEMENTS", block)
        slices = erm_fast.row_blocks(m, n)
    rows = [list(range(m))[s] for s in slices]
    assert [r for part in rows for r in part] == list(range(m))     # every row once, in order
    assert all(part for part in rows)                                # no empty block
    for part in rows:
        # "a block of rows times n columns holds at most BLOCK_ELEMENTS numbers", unless
        # a single row is already larger
        assert len(part) * max(n, 1) <= block or len(part) == 1
    assert all(len(part) == len(rows[0]) for part in rows[:-1])     # equal blocks, then the rest
    assert erm_fast.BLOCK_ELEMENTS == 1_000_000      # 8 MB of float64 (restored after the patch)


def plain_block_sum(h, y, scale, term):
    """sum_i term((h - y_i) / scale), one h and one y_i at a time, in Python."""
    scale = np.broadcast_to(scale, h.shape)
    return np.array([math.fsum(term((a - b) / s) for b in y.tolist())
                     for a, s in zip(h.ravel().tolist(), scale.ravel().tolist())]
                    ).reshape(h.shape)


TERMS = {
    "ucsd loss": (erm_fast.ucsd_loss_inplace, lambda z: -math.expm1(-z * z)),
    "ucsd slope": (erm_fast.ucsd_slope_inplace, lambda z: z * math.exp(-z * z)),
    "square": (lambda z: np.square(z, out=z), lambda z: z * z),
}


@replaces("block_sums", "ucsd_loss_inplace", "ucsd_slope_inplace")
@pytest.mark.parametrize("term", sorted(TERMS))
@given(y=datasets(max_size=20), sigma=SIGMA, per_h=st.booleans(),
       block=st.integers(1, 50), data=st.data())
def test_block_sums_equal_the_plain_sum(term, y, sigma, per_h, block, data):
    fast_term, plain_term = TERMS[term]
    h = data.draw(predictions(y))
    # one scale, or one per prediction (as the L_p risk uses)
    scale = (sigma * np.array(data.draw(st.lists(st.floats(0.5, 2.0), min_size=h.size,
                                                 max_size=h.size))).reshape(h.shape)
             if per_h else sigma)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(erm_fast, "BLOCK_ELEMENTS", block)     # many row and column blocks
        got = erm_fast.block_sums(h, y, scale, fast_term)
    expected = plain_block_sum(h, y, scale, plain_term)
    assert got.shape == h.shape
    # A sum of n terms in another order. Squares are all positive: relative rounding. The
    # UCSD terms are at most 1 in size but may cancel: n times the rounding of a term.
    np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-13 * y.size)


@replaces("ucsd_loss_inplace", "ucsd_slope_inplace", "powers_inplace", "LOG_FLOOR")
@given(z=st.lists(st.floats(-1.0, 1.0), min_size=1, max_size=30).map(np.array),
       stretch=st.sampled_from([1.0, 6.0, 40.0]), p=st.floats(1.0, 1_000.0))
def test_inplace_kernels_are_their_formulas_in_place(z, stretch, p):
    wide = z * stretch
    block = wide.copy()
    assert erm_fast.ucsd_loss_inplace(block) is block
    np.testing.assert_allclose(block, [1 - math.exp(-v * v) for v in wide.tolist()],
                               rtol=1e-12, atol=2 * EPS)
    block = wide.copy()
    assert erm_fast.ucsd_slope_inplace(block) is block
    np.testing.assert_allclose(block, [v * math.exp(-v * v) for v in wide.tolist()],
                               rtol=1e-12, atol=1e-300)
    # |z|**p for |z| <= 1, floored at e^-700 (LOG_FLOOR): still a normal float
    block = z.copy()
    with np.errstate(divide="ignore"):
        assert erm_fast.powers_inplace(block, p) is block
    floor = math.exp(erm_fast.LOG_FLOOR)
    assert erm_fast.LOG_FLOOR == -700.0 and floor > np.finfo(float).tiny
    # exp(p log |z|) against |z|**p: p |log z| <= 700 ulps at the very worst
    np.testing.assert_allclose(block, [max(abs(v) ** p, floor) for v in z.tolist()],
                               rtol=1e-12, atol=0)


@replaces("squared_risk_from_moments", "squared_slope")
@given(y=datasets(), data=st.data())
def test_squared_shortcuts_equal_the_plain_sums(y, data):
    h = some_h(data.draw, y)
    mean = float(np.mean(y))
    variance = float(np.mean(np.square(y - mean)))
    scale = scale_of(y, np.array(h))
    plain_risk = math.fsum((h - v) ** 2 for v in y.tolist()) / y.size
    plain_slope = 2 / y.size * math.fsum(h - v for v in y.tolist())
    # (h - mean)^2 with the mean rounded: 1e-12 of scale^2, as for the whole curve
    assert erm_fast.squared_risk_from_moments(h, mean, variance) == pytest.approx(
        plain_risk, rel=1e-9, abs=1e-12 * scale ** 2)
    assert erm_fast.squared_slope(h, mean) == pytest.approx(plain_slope, rel=1e-12,
                                                             abs=1e-12 * scale)
    grid = np.array([h, mean, float(y[0])])
    np.testing.assert_array_equal(erm_fast.squared_slope(grid, mean), 2.0 * (grid - mean))


@replaces("ucsd_derivative_at", "ucsd_derivative_curve")
@given(y=datasets(), sigma=SIGMA, t=st.floats(-5, 5), data=st.data())
def test_ucsd_derivative_at_one_h_equals_the_plain_sum(y, sigma, t, data):
    h = float(data.draw(st.sampled_from(y.tolist()))) + t * sigma
    plain = 2 / (y.size * sigma ** 2) * math.fsum((h - v) * math.exp(-((h - v) / sigma) ** 2)
                                                  for v in y.tolist())
    at = erm_fast.ucsd_derivative_at(h, y, sigma)
    assert type(at) is float
    # slopes are up to 0.86 / sigma; 1e-12 / sigma absolute covers cancellation near 0
    assert at == pytest.approx(plain, rel=1e-9, abs=1e-12 / sigma)
    curve = erm_fast.ucsd_derivative_curve(np.array([h]), y, sigma)
    assert curve[0] == pytest.approx(plain, rel=1e-9, abs=1e-12 / sigma)


def plain_ucsd_slope(h, y, sigma):
    """The UCSD risk's slope at one h, by the formula in Python (exact sum)."""
    return 2 / (len(y) * sigma ** 2) * math.fsum(
        (h - v) * math.exp(-((h - v) / sigma) ** 2) for v in y)


def plain_valleys(y, sigma, step=1.0):
    """Where the plain risk, sampled every ``step`` dollars, turns from falling to rising.

    Differences below 1e-13 (rounding of risks near 1, and the flat stretches where the
    risk is exactly 1) count as neither falling nor rising.
    """
    grid = np.arange(min(y) - sigma, max(y) + sigma, step)
    risk = np.zeros_like(grid)
    for v in y:
        risk += 1.0 - np.exp(-((grid - v) / sigma) ** 2)
    risk /= len(y)
    moves = np.flatnonzero(np.abs(np.diff(risk)) > 1e-13)
    signs = np.sign(np.diff(risk)[moves])
    turns = np.flatnonzero((signs[:-1] < 0) & (signs[1:] > 0))
    return grid[moves[turns] + 1]


@replaces("ucsd_minima")
@pytest.mark.parametrize("data, sigma", [("salaries", s) for s in (3_000, 4_500, 10_000,
                                                                  21_000, 40_000)]
                         + [("professors", 10_000), ("professors", 30_000)])
def test_ucsd_minima_are_the_valleys_of_the_plain_risk(data, sigma):
    y = (SALARIES if data == "salaries" else PROFESSORS).tolist()
    minima = erm_fast.ucsd_minima(np.array(y), float(sigma))
    assert np.all(np.diff(minima) > 0)
    valleys = plain_valleys(y, sigma)
    assert minima.size == valleys.size
    np.testing.assert_allclose(minima, valleys, atol=1.0)          # the $1 grid
    for m in minima:                  # the plain slope changes sign from - to + within $0.01
        assert plain_ucsd_slope(m - 0.01, y, sigma) < 0 < plain_ucsd_slope(m + 0.01, y, sigma)
    # what a slider asks for: the same minima to a cent
    cents = erm_fast.ucsd_minima(np.array(y), float(sigma), xtol=0.01)
    np.testing.assert_allclose(cents, minima, rtol=0, atol=0.01)


@replaces("ucsd_minima")
def test_ucsd_minima_on_a_coarse_grid_find_every_isolated_valley():
    # Data spanning 100,000 sigma: the even grid would need 1.6 million points, so a coarser
    # one is used, with every data value and the points sigma / 8 either side of it.
    y = np.array([0.0, 40.0, 1e6, 1e6, 1e6 + 35.0])
    sigma = 10.0
    coarse = erm_fast.ucsd_minima(y, sigma)
    fine = erm_fast.ucsd_minima(y, sigma, max_points=10 ** 7)
    assert coarse.size == fine.size == 4          # the values are 3.5 sigma or more apart
    np.testing.assert_allclose(coarse, fine, rtol=0, atol=1e-6)
    np.testing.assert_allclose(coarse, np.unique(y), rtol=0, atol=0.1 * sigma)
    for m in coarse:
        assert plain_ucsd_slope(m - 1e-3, y.tolist(), sigma) < 0
        assert plain_ucsd_slope(m + 1e-3, y.tolist(), sigma) > 0


@replaces("largest_error", "lp_parts")
@given(y=datasets(), p=st.floats(1.0, 20.0), data=st.data())
def test_largest_error_and_lp_parts_equal_the_plain_formula(y, p, data):
    y = y / max(spread_of(y), 1.0)        # |h - y|^p stays finite in plain floats
    h = np.array(data.draw(st.lists(st.one_of(st.sampled_from(y.tolist()),
                                              st.floats(-3.0, 3.0)), min_size=1, max_size=20)))
    largest = erm_fast.largest_error(h, y)
    assert largest.tolist() == [max(abs(a - b) for b in y.tolist()) for a in h.tolist()]
    got_largest, mean = erm_fast.lp_parts(h, y, p)
    np.testing.assert_array_equal(got_largest, largest)
    # every scaled term lies in [0, 1], so their mean in [1/n, 1] wherever M > 0
    positive = largest > 0
    assert np.all(mean[positive] >= 1 / y.size * (1 - 1e-12))
    assert np.all(mean[positive] <= 1 + 1e-12)
    # R_p = M**p * mean, against mean_i |h - y_i|**p in mpmath (no underflow to 0 there)
    with mpmath.workdps(40):
        plain = [mpmath.fsum(abs(mpmath.mpf(a) - mpmath.mpf(b)) ** p for b in y.tolist())
                 / y.size for a in h.tolist()]
        for m, part, risk in zip(largest.tolist(), mean.tolist(), plain):
            if m > 0:
                assert abs(mpmath.mpf(m) ** p * part - risk) <= 1e-11 * risk
            else:
                assert risk == 0


def mp_slope(h, y, p):
    """sum_i sign(h - y_i) |h - y_i|^(p-1) in mpmath at 60 digits: its sign is exact."""
    with mpmath.workdps(60):
        h = mpmath.mpf(float(h))
        return mpmath.fsum(mpmath.sign(h - v) * abs(h - v) ** (mpmath.mpf(p) - 1)
                           for v in (mpmath.mpf(float(w)) for w in y))


@replaces("lp_slope_sign")
@settings(max_examples=60)
@given(y=datasets(max_size=12), p=st.floats(1.01, 1_000.0), data=st.data())
def test_lp_slope_sign_has_the_sign_of_the_plain_slope(y, p, data):
    h = data.draw(st.floats(float(y.min()) - 1e6, float(y.max()) + 1e6))
    assume(np.any(y != h))       # erm_fast trusts its input: M(h) = max |h - y_i| > 0
    exact = mp_slope(h, y, p)
    with mpmath.workdps(60):
        size = mpmath.fsum(abs(mpmath.mpf(float(h)) - mpmath.mpf(float(v))) ** (p - 1)
                           for v in y)
    # the fast sign comes from a float sum of n terms in [-1, 1]: trusted once the exact
    # sum is clearly away from 0 next to the sum of the sizes of its terms
    assume(size == 0 or abs(exact) > 1e-9 * size)
    assert np.sign(erm_fast.lp_slope_sign(h, y, p)) == int(mpmath.sign(exact))


@replaces("lp_minimizer")
@settings(max_examples=40)
@given(y=datasets(max_size=12), p=st.floats(1.01, 1_000.0))
def test_lp_minimizer_is_where_the_plain_slope_changes_sign(y, p):
    h = erm_fast.lp_minimizer(y, p)
    assert type(h) is float and y.min() <= h <= y.max()
    # within 1e-10 of the numbers' size (a cent or less) the exact slope goes from <= 0 to
    # >= 0: the plain formula's zero is there
    d = 1e-10 * scale_of(y)
    assert mp_slope(h - d, y, p) <= 0 <= mp_slope(h + d, y, p)


@replaces("LpCurves")
@given(y=datasets(max_size=30), p=st.one_of(st.floats(1.0, 20.0),
                                             st.sampled_from([1.0, 2.0, math.inf])),
       data=st.data())
def test_lp_curves_equal_the_plain_typical_error(y, p, data):
    y = y / max(spread_of(y), 1.0)
    h = np.array(data.draw(st.lists(st.floats(-3.0, 3.0), min_size=1, max_size=20)))
    # Trusted input: no h equal to every data value (M(h) = 0 there, and log(0 / 0) is NaN;
    # a slider's grid never lands exactly on constant data).
    assume(np.all(erm_fast.largest_error(h, y) > 0))
    curves = erm_fast.LpCurves(h, y)
    got = curves.typical_error(p)
    assert got.shape == h.shape
    if math.isinf(p):
        assert got.tolist() == [max(abs(a - b) for b in y.tolist()) for a in h.tolist()]
        return
    # mean_i(|h - y_i|**p) ** (1/p) in mpmath, where no power underflows to 0
    with mpmath.workdps(40):
        plain = [float((mpmath.fsum(abs(mpmath.mpf(a) - mpmath.mpf(b)) ** p
                                    for b in y.tolist()) / y.size) ** (1 / mpmath.mpf(p)))
                 for a in h.tolist()]
    np.testing.assert_allclose(got, plain, rtol=1e-11, atol=0)
    # a new p reuses the table: the same numbers as a fresh one
    np.testing.assert_array_equal(curves.typical_error(p), erm_fast.LpCurves(h, y)
                                  .typical_error(p))


@replaces("SortedData")
@given(y=datasets(), data=st.data())
def test_sorted_data_equals_the_plain_formulas(y, data):
    s = erm_fast.SortedData(y)
    assert s.n == y.size and s.sorted.tolist() == sorted(y.tolist())
    np.testing.assert_array_equal(s.prefix_sq, np.concatenate(([0.0], np.cumsum(
        np.square(s.sorted - s.shift)))))
    h = data.draw(predictions(y))
    flat = h.ravel().tolist()
    values = y.tolist()
    scale = scale_of(y, h)
    np.testing.assert_allclose(s.absolute_risk(h), np.reshape(
        [math.fsum(abs(a - b) for b in values) / y.size for a in flat], h.shape),
        rtol=1e-9, atol=1e-12 * scale)
    np.testing.assert_array_equal(s.absolute_slope(h), np.reshape(
        [(sum(b < a for b in values) - sum(b > a for b in values)) / y.size for a in flat],
        h.shape))
    np.testing.assert_array_equal(s.count_equal(h), np.reshape(
        [sum(b == a for b in values) for a in flat], h.shape))
    delta = data.draw(deltas(y))
    g, lo, hi = s.huber_window(h, delta)
    z = s.sorted - s.shift
    np.testing.assert_array_equal(g, h - s.shift)
    np.testing.assert_array_equal(lo, np.reshape([np.count_nonzero(z < v - delta)
                                                  for v in np.ravel(g)], h.shape))
    np.testing.assert_array_equal(hi, np.reshape([np.count_nonzero(z <= v + delta)
                                                  for v in np.ravel(g)], h.shape))
    # the Huber minimizer: where the plain slope, mean_i clip(h - y_i), changes sign
    best = s.huber_minimizer(delta)
    assert isinstance(best, float)

    def plain_slope(at):
        return math.fsum(min(max(at - b, -delta), delta) for b in values) / y.size
    d, slack = 1e-9 * scale, 1e-12 * (delta + scale)
    assert plain_slope(best - d) <= slack and plain_slope(best + d) >= -slack


# --- the line: the risk surface from centred moments (erm_fast.LineMoments) ---------------

LINE = erm.load_professors()
LINE_X, LINE_Y = LINE["yrs_since_phd"], LINE["salary_usd"]


@st.composite
def paired(draw, shift=0.0):
    """x and y of the same length (2 to 30 points, x not constant), shifted by ``shift``."""
    n = draw(st.integers(2, 30))
    x = np.array(draw(st.lists(st.floats(-1e3, 1e3), min_size=n, max_size=n)))
    y = np.array(draw(st.lists(st.floats(-1e3, 1e3), min_size=n, max_size=n)))
    assume(np.ptp(x) > 1e-3)
    return x + shift, y + shift


def line_risk_direct(w0, w1, x, y):
    """The plain formula, one row of residuals per line."""
    w0, w1 = np.broadcast_arrays(np.asarray(w0, float), np.asarray(w1, float))
    r = y - w0[..., None] - w1[..., None] * x
    return np.mean(r * r, axis=-1)


@replaces("LineMoments")
@pytest.mark.parametrize("shift", [0.0, 1e9])
@settings(max_examples=60)
@given(data=st.data())
def test_the_surface_is_the_plain_formula(shift, data):
    x, y = data.draw(paired(shift))
    w1 = np.linspace(-3, 3, 7)
    w0 = (np.mean(y) - w1 * np.mean(x))[:, None] + np.linspace(-50, 50, 5)[None, :]
    surface = erm.line_risk(w0, w1[:, None], x, y)
    plain = line_risk_direct(w0, w1[:, None], x, y)
    # The residuals' size, whatever the shift, and what rounding costs either way: a
    # residual y - w0 - w1 x adds numbers as large as `big` (3e9 with the shift), so it is
    # off by a few ulps of `big`, and its square by twice the residual times that.
    residual = np.ptp(y) + 3 * np.ptp(x) + 50
    big = np.abs(y).max() + np.abs(w0).max() + 3 * np.abs(x).max()
    atol = 1e-9 * residual ** 2 + 2 * residual * 16 * np.finfo(float).eps * big
    np.testing.assert_allclose(surface, plain, rtol=1e-9, atol=atol)
    for i in (0, 3):      # and the plain formula for one line
        assert erm.line_risk(float(w0[i, 2]), float(w1[i]), x, y) == pytest.approx(
            float(plain[i, 2]), rel=1e-9, abs=atol)


@replaces("LineMoments")
def test_raw_moments_would_lose_every_digit_where_centred_ones_keep_them():
    x, y = LINE_X + 1e9, LINE_Y + 1e9
    w0, w1 = erm.least_squares_line(x, y)
    exact = line_risk_direct(w0, w1, x, y)
    raw = (np.mean(y * y) - 2 * w0 * np.mean(y) - 2 * w1 * np.mean(x * y) + w0 * w0
           + 2 * w0 * w1 * np.mean(x) + w1 * w1 * np.mean(x * x))
    assert abs(raw - exact) > 0.01 * exact        # the naive way: off in the second digit
    surface = erm.line_risk(np.array([w0]), np.array([w1]), x, y)[0]
    assert surface == pytest.approx(float(exact), rel=1e-6)   # centred: right


@replaces("LineMoments")
def test_line_moments_match_numpy():
    m = erm_fast.LineMoments(LINE_X, LINE_Y)
    assert (m.xbar, m.ybar) == pytest.approx((LINE_X.mean(), LINE_Y.mean()))
    assert m.sxy == pytest.approx(np.cov(LINE_X, LINE_Y, bias=True)[0, 1], rel=1e-12)

def test_every_public_name_of_erm_fast_is_checked():
    assert set(CHECKED) == set(erm_fast.__all__)
    for tests in CHECKED.values():
        assert all(name.startswith("test_") and name in globals() for name in tests)
