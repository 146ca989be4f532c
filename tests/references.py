"""What the unit and property tests share: random data, sizes for tolerances, references.

Used by ``tests/test_erm_helpers.py``, ``tests/test_erm_fast.py``, ``tests/test_claims.py``
and ``tests/test_data.py``. Nothing here runs on import (pytest's doctest collection
imports every module in tests/): it only defines hypothesis strategies and small helpers.

Two families of random data:

- :func:`datasets`: 1 to 50 values in [-1e6, 1e6] dollars (negative ones too: nothing in
  the formulas assumes a sign), often with ties (values are drawn from a smaller pool, and
  round thousands are common);
- :func:`small_data`: 1 to 8 round thousands (or other values), drawn from a smaller pool
  so that duplicates are common and the gaps are known.

Independent references: :func:`lp_minimizer_mpmath` (the L_p minimizer at 60 digits) and
:func:`plain_column` (a data file read with the csv module alone).
"""

import csv
import math
import warnings

import mpmath
import numpy as np
from hypothesis import strategies as st

import erm_helpers as erm

EPS = float(np.finfo(float).eps)

SALARY = st.one_of(
    st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False),
    st.integers(-1_000, 1_000).map(lambda k: 1_000.0 * k),      # round thousands: many ties
)
#: sigma for the derivative, range and fast-curve tests: 1 dollar to 1e6.
SIGMA = st.floats(1.0, 1e6, allow_nan=False, allow_infinity=False)

# Round thousands, negative ones too: ties are common and the gaps are known.
THOUSANDS = st.integers(-300, 300).map(lambda k: 1_000.0 * k)
#: sigma from tiny next to those gaps (50) up to far wider than the data (1e6), log-spread.
LOG_SIGMA = st.one_of(st.sampled_from([50.0, 100.0, 1_000.0, 3_000.0, 21_000.0, 1e5, 1e6]),
                      st.floats(math.log10(50), 6).map(lambda e: 10.0 ** e))


@st.composite
def datasets(draw, min_size=1, max_size=50):
    """A 1-D float array of values; drawn from a pool of fewer values, so ties are common."""
    n = draw(st.integers(min_size, max_size))
    distinct = draw(st.integers(1, n))
    pool = draw(st.lists(SALARY, min_size=distinct, max_size=distinct))
    return np.array(draw(st.lists(st.sampled_from(pool), min_size=n, max_size=n)))


@st.composite
def small_data(draw, values=THOUSANDS, min_size=1, max_size=8):
    """1 to 8 values drawn from a smaller pool, so duplicates are common."""
    n = draw(st.integers(min_size, max_size))
    distinct = draw(st.integers(1, n))
    pool = draw(st.lists(values, min_size=distinct, max_size=distinct, unique=True))
    return np.array(draw(st.lists(st.sampled_from(pool), min_size=n, max_size=n)))


def scale_of(*arrays):
    """The size of the numbers in play: at least 1 dollar."""
    return max(1.0, *(float(np.max(np.abs(a))) for a in arrays))


def spread_of(y):
    """max y - min y."""
    return float(y.max() - y.min())


def some_h(draw, y, sigma=None):
    """A prediction that matters: a data point, a grid end, or a point in or near the data."""
    lo, hi = float(y.min()), float(y.max())
    pad = (hi - lo) + (3 * sigma if sigma else 1.0)
    return draw(st.one_of(st.sampled_from(y.tolist()), st.sampled_from([lo, hi]),
                          st.floats(lo - pad, hi + pad)))


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


@st.composite
def deltas(draw, y):
    """A Huber delta from a thousandth of the data's spread to ten times it (at least 1)."""
    spread = float(y.max() - y.min()) or 1.0
    return max(1.0, spread * 10.0 ** draw(st.floats(-3.0, 1.0)))


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


def check_path(run, h0):
    """The invariants of every result of gradient_descent, whatever the outcome."""
    assert run.path[0] == h0
    assert len(run.path) == run.steps + 1
    assert run.h == run.path[-1]
    assert type(run.h) is float
    assert np.all(np.isfinite(run.path))
    assert run.converged == (run.outcome == "converged")
    assert run.diverged == (run.outcome == "diverged")
    assert run.outcome in erm.OUTCOMES
    assert isinstance(run.message, str) and run.message


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


def plain_column(name, column="salary_usd"):
    """A column of a data file read with the csv module alone, as an independent reference."""
    with (erm.DATA_DIR / name).open(newline="") as f:
        return [float(row[column]) for row in csv.DictReader(f)]
