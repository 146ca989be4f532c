"""Unit tests of erm_helpers: what each function returns, in the order the module reads.

Losses, risks (the plain formula ``empirical_risk``), minimizers, the gradient descent loop
(its cap, tol, bound and how it reports a runaway without warnings), the data loaders and
the module's ``__all__``. The mathematical claims the notebooks make with these functions
(the median and the mean as minimizers, the derivatives as slopes, the descent regimes, ...)
are in ``tests/test_claims.py``; that the fast curves equal the plain formula is in
``tests/test_erm_fast.py``; the error messages for bad input are in
``tests/test_bad_input.py``.
"""

import ast
import math
import statistics
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import erm_helpers as erm
from references import (check_path, datasets, deltas, lp_minimizer_mpmath, plain_column,
                        quietly, scale_of, spread_of)

Y = erm.load_salaries()


def squared_slope(h):
    return erm.squared_risk_derivative(h, Y)


# --- the module -------------------------------------------------------------------------

def test_all_lists_every_public_name():
    tree = ast.parse(Path(erm.__file__).read_text())
    public = {node.name for node in tree.body
              if isinstance(node, (ast.FunctionDef, ast.ClassDef))
              and not node.name.startswith("_")}
    assert public <= set(erm.__all__)
    assert all(hasattr(erm, name) for name in erm.__all__)


# --- 1. losses ----------------------------------------------------------------------------

LOSSES = {
    "absolute": (erm.absolute_loss, {}, lambda r: abs(r)),
    "squared": (erm.squared_loss, {}, lambda r: r * r),
    "ucsd": (erm.ucsd_loss, {"sigma": 7.0}, lambda r: 1 - math.exp(-(r / 7.0) ** 2)),
    "lp": (erm.lp_loss, {"p": 1.5}, lambda r: abs(r) ** 1.5),
    "huber": (erm.huber_loss, {"delta": 3.0},
              lambda r: r * r / 2 if abs(r) <= 3.0 else 3.0 * (abs(r) - 1.5)),
    "zero_one": (erm.zero_one_loss, {}, lambda r: float(r != 0)),
}


@pytest.mark.parametrize("name", sorted(LOSSES))
def test_each_loss_is_its_formula_elementwise_and_broadcasts(name):
    loss, params, formula = LOSSES[name]
    h = np.array([-10.0, -3.0, 0.0, 0.5, 3.0, 12.0])
    y = np.array([0.0, 3.0, -2.0, 0.5])
    table = loss(h[:, None], y[None, :], **params)
    assert table.shape == (h.size, y.size) and table.dtype == np.float64
    expected = [[formula(a - b) for b in y.tolist()] for a in h.tolist()]
    np.testing.assert_allclose(table, expected, rtol=1e-14, atol=1e-300)
    # one h against the data gives one row of that table
    np.testing.assert_array_equal(loss(float(h[1]), y, **params), table[1])


def test_huber_pieces_meet_with_the_same_value_and_slope():
    delta, d = 3.0, 1e-6
    inside, outside = erm.huber_loss(delta - d, 0.0, delta), erm.huber_loss(delta + d, 0.0, delta)
    assert inside == pytest.approx(outside, abs=3 * delta * d)
    assert (outside - inside) / (2 * d) == pytest.approx(delta, rel=1e-6)


# --- 2. risks: the plain formula ----------------------------------------------------------

def test_plain_formula_is_not_the_fast_path():
    # The reference must be independent: the term-by-term mean, not a shortcut.
    y = [1.0, 2.0, 4.0]
    h = np.array([0.0, 3.0])
    expected = [np.mean([abs(x - v) for v in y]) for x in h]
    assert erm.empirical_risk(erm.absolute_loss, h, y).tolist() == expected
    with pytest.raises(TypeError, match="loss must be a function"):
        erm.empirical_risk("absolute", h, y)


# --- 4. minimizers ------------------------------------------------------------------------

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


@settings(max_examples=40)
@given(y=datasets(max_size=12), p=st.floats(1.01, 1_000.0))
def test_lp_minimizer_agrees_with_mpmath(y, p):
    expected = lp_minimizer_mpmath(y, p)
    # the slope's sign is exact up to rounding in a sum of n terms in [-1, 1]: the
    # bisection ends within ~1e-13 of the spread of the answer; asked: 1e-10 (<= a cent).
    assert erm.lp_risk_minimizer(y, p) == pytest.approx(expected,
                                                        abs=1e-10 * scale_of(y))


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


def test_huber_flat_bottom_gives_its_middle():
    # two middle values 2 * 40 apart with delta = 30: every h in [30, 50] minimizes
    y = np.array([-5.0, 0.0, 80.0, 90.0])
    assert erm.huber_risk_minimizer(y, 30) == 40.0
    assert np.all(erm.huber_risk_derivative(np.linspace(30, 50, 9), y, 30) == 0)


# --- 5. gradient descent: a loop that always ends quietly ---------------------------------
# (What it finds on the squared risk -- the regimes of alpha -- is in test_claims.py.)

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


@pytest.mark.parametrize("alpha", [1.01, 1.5, 3.0, 100.0])
def test_alpha_above_one_diverges_without_warnings(alpha):
    # The default bound stops a runaway long before the cap of 10,000 steps.
    run = quietly(squared_slope, 150_000, alpha)
    check_path(run, 150_000)
    assert run.diverged and not run.converged
    assert run.steps < 10_000
    if alpha >= 1.5:
        assert run.steps < 100       # the error at least doubles each step


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


# --- 6. data ------------------------------------------------------------------------------

@pytest.mark.parametrize("load, name, size", [
    (erm.load_salaries, "salaries.csv", 5),
    (erm.load_professor_salaries, "professor_salaries.csv", 397),
])
def test_loaders(load, name, size):
    y = load()
    assert isinstance(y, np.ndarray)
    assert y.dtype == np.float64 and y.ndim == 1 and y.size == size
    assert np.all(np.isfinite(y)) and np.all(y > 0)
    assert y.tolist() == plain_column(name)              # file order, every row
    assert load(erm.DATA_DIR / name).tolist() == y.tolist()


def test_loaders_return_fresh_arrays():
    y = erm.load_salaries()
    y[0] = -1
    assert erm.load_salaries()[0] == 90_000


# --- descent on several parameters ---------------------------------------------------------

def test_vector_descent_reports_like_the_scalar_one():
    run = erm.gradient_descent(lambda w: 2 * np.asarray(w), [3.0, -4.0], 1.0, max_iter=50)
    assert run.outcome == "oscillating" and run.path.shape == (51, 2)
    run = erm.gradient_descent(lambda w: 2 * np.asarray(w), [3.0, -4.0], 1.2)
    assert run.diverged and "passed the bound" in run.message
    assert isinstance(erm.gradient_descent(lambda h: 2 * h, 3.0, 0.1).h, float)


# --- 6. a line: several features (notebook 08) -------------------------------------------------

def test_least_squares_fit_returns_the_intercept_then_one_weight_per_feature():
    x = np.array([0.0, 1.0, 2.0, 3.0, 5.0])
    y = 4.0 - x + 0.5 * x ** 2
    w = erm.least_squares_fit(np.column_stack([x, x ** 2]), y)
    assert isinstance(w, np.ndarray) and w.shape == (3,)
    np.testing.assert_allclose(w, [4.0, -1.0, 0.5], atol=1e-12)
    one = erm.least_squares_fit(x, y)                    # a 1-D array is one feature
    assert one.shape == (2,)
    np.testing.assert_allclose(one, erm.least_squares_line(x, y), rtol=1e-12)
    # far from zero: centring first keeps the digits that raw powers would lose
    far = erm.least_squares_fit(x + 1e9, 3.0 + 2.0 * x)
    np.testing.assert_allclose(far, [3.0 - 2e9, 2.0], rtol=1e-12)
