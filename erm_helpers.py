"""The mathematics of the course *Learning via optimization*, in one module.

Read it top to bottom; each section builds on the ones before it:

1. input checks       -- every public function checks its input on entry
2. losses             -- L(h, y), elementwise
3. empirical risks    -- the mean loss over the data; one call gives a whole risk curve
4. derivatives        -- slopes of the risks
5. minimizers         -- the median interval, the mean, the minima of the UCSD risk,
                         the L_p and Huber minimizers, the mode(s)
6. gradient descent   -- a bounded loop that reports how it ended
7. data               -- the five salaries and a larger real data set

If you read only one part, read section 6: :func:`gradient_descent` is the whole idea of
learning by optimization in about fifty lines of code. Sections 2-5 are what it is run on.

Names: ``h`` is a prediction (a number, or an array of them), ``y`` the data (a 1-D array
of numbers), ``sigma`` the scale of the UCSD loss, ``alpha`` the learning rate, ``h0`` the
start of gradient descent.

This module uses numpy and the standard library only. Tables, figures, sliders and the
exercise checks live in the package ``erm_course`` beside it, which builds on this module
(never the other way round). Nothing happens on import: no settings change, nothing is
printed.

Speed: a risk curve over many values of ``h`` never builds the full n-by-m table of losses.
The absolute risk uses one sort and prefix sums (O((n + m) log n)); the squared risk uses the
mean and the variance (O(n + m)); the Huber and 0-1 risks use the sort as well; the UCSD
and L_p risks, which have no such shortcut, are summed in blocks so that no temporary array
is larger than about 8 MB.
"""

from __future__ import annotations

import csv
import functools
import math
import numbers
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

__all__ = [
    # input checks (erm_course uses them too, so every error is worded alike)
    "as_numbers", "as_data", "as_h", "check_positive", "check_count", "is_real_number",
    # losses
    "absolute_loss", "squared_loss", "ucsd_loss",
    "lp_loss", "huber_loss", "zero_one_loss",
    # risks
    "empirical_risk", "absolute_risk", "squared_risk", "ucsd_risk",
    "lp_risk", "lp_typical_error", "huber_risk", "zero_one_risk",
    # derivatives
    "absolute_risk_slope", "squared_risk_derivative", "ucsd_risk_derivative",
    "huber_risk_derivative",
    # minimizers
    "absolute_risk_minimizers", "squared_risk_minimizer",
    "ucsd_local_minima", "ucsd_global_minimizer",
    "lp_risk_minimizer", "huber_risk_minimizer", "zero_one_risk_minimizers",
    # descent
    "DescentResult", "gradient_descent", "OUTCOMES",
    # data
    "DATA_DIR", "load_salaries", "load_professor_salaries",
]

#: Folder of the course's data files (``data/`` beside this module).
DATA_DIR = Path(__file__).resolve().parent / "data"

# Largest number of elements in one temporary block of a risk curve: 1 million float64
# values = 8 MB. Blocks that fit in the processor's cache were measured faster than 64 MB
# ones (1.5-1.9 s against 2.9 s for a UCSD curve at n = 10**6, m = 10**3) and keep the
# peak memory of that curve near 60 MB.
_BLOCK_ELEMENTS = 1_000_000


# --------------------------------------------------------------------------------------
# 1. Input checks
# --------------------------------------------------------------------------------------

def as_numbers(values, name):
    """Return ``values`` as a float array, or raise naming the rule that was broken."""
    if values is None:
        raise TypeError(f"{name} must be numbers, got None")
    try:
        arr = np.asarray(values)
    except ValueError as err:  # ragged nested lists
        raise ValueError(f"{name} must be a rectangular array of numbers ({err})") from None
    if arr.dtype.kind not in "iuf":
        if arr.dtype.kind == "O":
            # A list mixing numbers with None or text lands here.
            # The position (never None) marks the first bad value, so None itself is caught.
            bad = next((i for i, v in enumerate(arr.ravel()) if not is_real_number(v)), None)
            if bad is None:
                try:
                    arr = arr.astype(float)
                except OverflowError:   # a Python int too large for any float
                    raise ValueError(f"{name} must be finite: a value is too large for a "
                                     "64-bit float") from None
            else:
                raise TypeError(f"{name} must hold numbers only, found {arr.ravel()[bad]!r} "
                                f"at position {bad}")
        elif arr.dtype.kind == "b":
            raise TypeError(f"{name} must hold numbers, not True/False values")
        elif arr.dtype.kind in "US":
            example = f" (found {str(arr.ravel()[0])!r})" if arr.size else ""
            raise TypeError(f"{name} must hold numbers, not text{example}")
        else:
            raise TypeError(f"{name} must hold real numbers, got dtype {arr.dtype}")
    arr = arr.astype(float, copy=False)
    if not np.all(np.isfinite(arr)):
        where = np.flatnonzero(~np.isfinite(arr.ravel()))[0]
        raise ValueError(f"{name} must be finite: found {arr.ravel()[where]} "
                         f"at position {where}")
    return arr


def is_real_number(v):
    """True for a real number (int, float, numpy scalar), False for bool, text, None."""
    return isinstance(v, numbers.Real) and not isinstance(v, bool)


def as_data(y):
    """Check the data ``y``: a non-empty 1-D array of finite numbers."""
    y = as_numbers(y, "y")
    if y.ndim != 1:
        raise ValueError(f"y must be 1-D (one number per observation), got shape {y.shape}")
    if y.size == 0:
        raise ValueError("y must not be empty: the risk is a mean over the data")
    return y


def as_h(h):
    """Check the prediction(s) ``h``: a finite number or an array of them."""
    return as_numbers(h, "h")


def _as_real(name, value):
    """Return one real number (a 0-d numpy array counts) as a float, or a TypeError."""
    if isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "iuf":
        value = value.item()
    if not is_real_number(value):
        raise TypeError(f"{name} must be a number, got {value!r}")
    return float(value)


def check_positive(name, value):
    """Return ``value`` as a float, or raise if it is not a positive, finite number."""
    value = _as_real(name, value)
    if math.isnan(value) or math.isinf(value):
        raise ValueError(f"{name} must be finite, got {value}")
    if value <= 0:
        raise ValueError(f"{name} must be positive, got {value}")
    return value


def _check_p(p, allow_inf=True):
    """Return the exponent ``p`` of the L_p loss as a float: at least 1 (inf if allowed)."""
    p = _as_real("p", p)
    if not p >= 1:                 # a NaN fails this comparison too
        raise ValueError(f"p must be at least 1, got {p}")
    if math.isinf(p) and not allow_inf:
        raise ValueError("p must be finite for the loss |h - y|^p (the risk takes p = inf)")
    return p


def check_count(name, value):
    """Return ``value`` as an int, or raise if it is not a whole number of at least 1."""
    if not isinstance(value, numbers.Integral) or isinstance(value, bool):
        raise TypeError(f"{name} must be a whole number, got {value!r}")
    if value < 1:
        raise ValueError(f"{name} must be at least 1, got {value}")
    return int(value)


def _result(values):
    """A 0-d result becomes a Python float; arrays keep their shape."""
    return float(values) if np.ndim(values) == 0 else values


# --------------------------------------------------------------------------------------
# 2. Losses: L(h, y), elementwise, h broadcast against y
# --------------------------------------------------------------------------------------

def absolute_loss(h, y):
    r"""Absolute loss :math:`L_{abs}(h, y) = |h - y|`.

    Parameters
    ----------
    h, y : float or array_like
        Prediction(s) and observed value(s); broadcast against each other.

    Returns
    -------
    float or ndarray
        The loss for each pair, with the broadcast shape of ``h`` and ``y``.

    Examples
    --------
    >>> absolute_loss(150_000, [90_000, 160_000])
    array([60000., 10000.])
    """
    return _result(np.abs(as_h(h) - as_numbers(y, "y")))


def squared_loss(h, y):
    r"""Squared loss :math:`L_{sq}(h, y) = (h - y)^2`.

    Parameters
    ----------
    h, y : float or array_like
        Prediction(s) and observed value(s); broadcast against each other.

    Returns
    -------
    float or ndarray
        The loss for each pair, with the broadcast shape of ``h`` and ``y``.

    Examples
    --------
    >>> squared_loss(3, [1, 4])
    array([4., 1.])
    """
    return _result(np.square(as_h(h) - as_numbers(y, "y")))


def ucsd_loss(h, y, sigma):
    r"""UCSD loss :math:`L(h, y) = 1 - e^{-(h - y)^2 / \sigma^2}`.

    An upside-down bell: 0 at ``h == y``, rising to level off at 1 once ``h`` is a few
    ``sigma`` away, so every far-off point costs about the same.

    Parameters
    ----------
    h, y : float or array_like
        Prediction(s) and observed value(s); broadcast against each other.
    sigma : float
        Scale, in the units of ``y`` (dollars here); must be positive.

    Returns
    -------
    float or ndarray
        The loss for each pair, each in [0, 1); in floating point it rounds to 1.0
        once ``|h - y|`` passes about 6 sigma.

    Examples
    --------
    >>> round(ucsd_loss(10, 0, sigma=10), 4)   # one sigma away: 1 - 1/e
    0.6321
    """
    sigma = check_positive("sigma", sigma)
    z = (as_h(h) - as_numbers(y, "y")) / sigma
    # -expm1(-x) is 1 - exp(-x) without losing digits when x is small.
    return _result(-np.expm1(-np.square(z)))


def lp_loss(h, y, p):
    r"""L_p loss :math:`L_p(h, y) = |h - y|^p`, for :math:`p \ge 1`.

    p = 1 is the absolute loss, p = 2 the squared loss; a larger p punishes big errors
    more and more.

    Parameters
    ----------
    h, y : float or array_like
        Prediction(s) and observed value(s); broadcast against each other.
    p : float
        The exponent: a finite number, at least 1.

    Returns
    -------
    float or ndarray
        The loss for each pair, with the broadcast shape of ``h`` and ``y``; ``inf``
        where the value is too large for a float (in dollars, from p of about 60 on).

    Examples
    --------
    >>> lp_loss(100_000, [90_000, 160_000], 3)
    array([1.00e+12, 2.16e+14])
    """
    p = _check_p(p, allow_inf=False)
    with np.errstate(over="ignore"):
        return _result(np.power(np.abs(as_h(h) - as_numbers(y, "y")), p))


def huber_loss(h, y, delta):
    r"""Huber loss: quadratic for small errors, linear for large ones.

    .. math:: L_\delta(h, y) = \begin{cases} r^2/2 & |r| \le \delta \\
              \delta\,(|r| - \delta/2) & |r| > \delta \end{cases}, \qquad r = h - y.

    The two pieces meet at :math:`|r| = \delta` with the same value and the same slope,
    so the loss is smooth; beyond ``delta`` it grows like the absolute loss.

    Parameters
    ----------
    h, y : float or array_like
        Prediction(s) and observed value(s); broadcast against each other.
    delta : float
        Where the parabola turns into a straight line, in the units of ``y``; positive.

    Returns
    -------
    float or ndarray
        The loss for each pair, with the broadcast shape of ``h`` and ``y``.

    Examples
    --------
    >>> huber_loss(100_000, [96_000, 160_000], delta=10_000)
    array([8.0e+06, 5.5e+08])
    """
    delta = check_positive("delta", delta)
    return _result(_huber(as_h(h) - as_numbers(y, "y"), delta))


def _huber(r, delta):
    r = np.abs(r)
    return np.where(r <= delta, 0.5 * np.square(r), delta * (r - 0.5 * delta))


def zero_one_loss(h, y):
    """0-1 loss: 0 when the prediction is exactly right, 1 otherwise.

    Parameters
    ----------
    h, y : float or array_like
        Prediction(s) and observed value(s); broadcast against each other.

    Returns
    -------
    float or ndarray
        0.0 or 1.0 for each pair, with the broadcast shape of ``h`` and ``y``.

    Examples
    --------
    >>> zero_one_loss(96_000, [94_000, 96_000, 96_001])
    array([1., 0., 1.])
    """
    return _result((as_h(h) != as_numbers(y, "y")).astype(float))


# --------------------------------------------------------------------------------------
# 3. Empirical risks: the mean loss over the data y
# --------------------------------------------------------------------------------------

def _row_blocks(m, n):
    """Slices over m rows so that a block of rows times n columns fits in one block."""
    rows = max(1, _BLOCK_ELEMENTS // max(n, 1))
    return [slice(start, min(start + rows, m)) for start in range(0, m, rows)]


def empirical_risk(loss, h, y, **params):
    r"""Empirical risk :math:`R(h) = \frac{1}{n}\sum_{i=1}^n L(h, y_i)` for any loss.

    This is the plain formula, term by term; the named risks below compute the same
    numbers faster. It is the reference the tests compare them with.

    Parameters
    ----------
    loss : callable
        ``loss(h, y, **params)``, elementwise and broadcasting, such as
        :func:`absolute_loss`.
    h : float or array_like
        One prediction, or an array of them of any shape.
    y : array_like, 1-D
        The data: finite numbers, at least one.
    **params
        Passed on to ``loss`` (for instance ``sigma=``).

    Returns
    -------
    float or ndarray
        A float for a single ``h``; otherwise an array of the shape of ``h``.

    Examples
    --------
    >>> empirical_risk(absolute_loss, 150_000, load_salaries())
    42000.0
    """
    if not callable(loss):
        raise TypeError(f"loss must be a function loss(h, y, ...), got {loss!r}")
    y = as_data(y)
    h = as_h(h)
    if h.ndim == 0:
        return float(np.mean(loss(h, y, **params)))
    flat = h.ravel()
    out = np.empty(flat.size)
    for rows in _row_blocks(flat.size, y.size):
        out[rows] = np.mean(loss(flat[rows, None], y[None, :], **params), axis=1)
    return out.reshape(h.shape)


class _SortedData:
    """The data sorted once, with prefix sums: absolute, Huber and 0-1 risks at O(log n)
    per h.

    The values are shifted by their middle value before summing, which keeps the prefix
    sums small and the absolute risk accurate to about 1e-12 relative.
    """

    def __init__(self, y):
        self.n = y.size
        self.sorted = np.sort(y)
        self.shift = self.sorted[self.n // 2]
        z = self.sorted - self.shift
        self.z = z
        self.prefix = np.concatenate(([0.0], np.cumsum(z)))

    def absolute_risk(self, h):
        g = np.asarray(h, dtype=float) - self.shift
        below = np.searchsorted(self.z, g, side="left")   # how many y_i < h
        total = self.prefix[-1]
        low = self.prefix[below]
        # sum over y_i < h of (h - y_i)  +  sum over y_i >= h of (y_i - h)
        sums = (g * below - low) + ((total - low) - g * (self.n - below))
        return sums / self.n

    def slope(self, h):
        h = np.asarray(h, dtype=float)
        below = np.searchsorted(self.sorted, h, side="left")
        above = self.n - np.searchsorted(self.sorted, h, side="right")
        return (below - above) / self.n

    def count_equal(self, h):
        h = np.asarray(h, dtype=float)
        return (np.searchsorted(self.sorted, h, side="right")
                - np.searchsorted(self.sorted, h, side="left"))

    @functools.cached_property
    def prefix_sq(self):
        """Prefix sums of the squared shifted values; only the Huber risk needs them."""
        return np.concatenate(([0.0], np.cumsum(np.square(self.z))))

    def huber_window(self, h, delta):
        """g = h - shift, and the index range [lo, hi) of the y_i within delta of h.

        The lo points before it have h - y_i > delta, the n - hi after it y_i - h > delta.
        """
        g = np.asarray(h, dtype=float) - self.shift
        lo = np.searchsorted(self.z, g - delta, side="left")
        hi = np.searchsorted(self.z, g + delta, side="right")
        return g, lo, hi

    def huber_risk(self, h, delta):
        g, lo, hi = self.huber_window(h, delta)
        p1, p2, above = self.prefix, self.prefix_sq, self.n - hi
        s1 = p1[hi] - p1[lo]
        # within delta: sum (g - z_i)^2 / 2 = (k g^2 - 2 g sum z_i + sum z_i^2) / 2
        near = 0.5 * (g * ((hi - lo) * g - 2.0 * s1) + (p2[hi] - p2[lo]))
        # beyond delta: delta (|g - z_i| - delta / 2), summed on each side
        far = delta * ((g * lo - p1[lo]) + (p1[-1] - p1[hi] - g * above)
                       - 0.5 * delta * (lo + above))
        return (np.maximum(near, 0.0) + far) / self.n

    def huber_slope(self, h, delta):
        g, lo, hi = self.huber_window(h, delta)
        near = (hi - lo) * g - (self.prefix[hi] - self.prefix[lo])
        return (delta * (lo - (self.n - hi)) + near) / self.n


def absolute_risk(h, y):
    r"""Mean absolute error :math:`R_{abs}(h) = \frac{1}{n}\sum_i |h - y_i|`.

    Parameters
    ----------
    h : float or array_like
        One prediction, or an array of any shape (a whole risk curve in one call).
    y : array_like, 1-D
        The data: finite numbers, at least one.

    Returns
    -------
    float or ndarray
        A float for a single ``h``; otherwise an array of the shape of ``h``.

    Notes
    -----
    A single ``h`` uses the plain formula. An array of ``h`` sorts ``y`` once and uses
    prefix sums and a binary search per ``h``: O((n + m) log n) time and O(n + m) memory,
    the same numbers as the plain formula to about 1e-12 relative.

    Examples
    --------
    >>> y = load_salaries()
    >>> absolute_risk(150_000, y), absolute_risk(115_000, y)
    (42000.0, 23000.0)
    >>> absolute_risk([96_000, 112_000], y)
    array([19200., 22400.])
    """
    y = as_data(y)
    h = as_h(h)
    if h.ndim == 0:
        return float(np.mean(np.abs(h - y)))
    return _SortedData(y).absolute_risk(h)


def squared_risk(h, y):
    r"""Mean squared error :math:`R_{sq}(h) = \frac{1}{n}\sum_i (h - y_i)^2`.

    Parameters
    ----------
    h : float or array_like
        One prediction, or an array of any shape.
    y : array_like, 1-D
        The data: finite numbers, at least one.

    Returns
    -------
    float or ndarray
        A float for a single ``h``; otherwise an array of the shape of ``h``.

    Notes
    -----
    For an array of ``h`` this uses :math:`R_{sq}(h) = (h - \bar y)^2 + \operatorname{var}(y)`
    (the variance with 1/n), O(n + m), instead of the n-by-m table of squares.

    Examples
    --------
    >>> y = load_salaries()
    >>> squared_risk(112_000, y)
    686400000.0
    >>> squared_risk([112_000, 113_000], y)
    array([6.864e+08, 6.874e+08])
    """
    y = as_data(y)
    h = as_h(h)
    if h.ndim == 0:
        return float(np.mean(np.square(h - y)))
    mean = np.mean(y)
    return _squared_from_moments(h, mean, np.mean(np.square(y - mean)))


def _squared_from_moments(h, mean, variance):
    """R_sq(h) = (h - mean)^2 + variance: the squared risk from two numbers, O(1) per h."""
    return np.square(h - mean) + variance


def _block_sums(h, y, scale, term):
    """Sum ``term(z)`` over the data for every h, in blocks of at most 8 MB.

    ``z = (h - y) / scale``, with ``scale`` one positive number (the UCSD sigma) or an
    array shaped like ``h`` (one scale per prediction, as the L_p risk uses);
    ``term`` works in place on a block and returns it.
    """
    flat = h.ravel()
    scale = np.broadcast_to(scale, h.shape).ravel()
    out = np.zeros(flat.size)
    cols = max(1, min(y.size, _BLOCK_ELEMENTS))
    for c0 in range(0, y.size, cols):
        yc = y[c0:c0 + cols]
        for rows in _row_blocks(flat.size, yc.size):
            # Subtract first, then divide: (h - y) is exact where h and y are close,
            # h/sigma - y/sigma is not when both are huge next to sigma.
            block = np.subtract.outer(flat[rows], yc)
            block /= scale[rows, None]
            out[rows] += term(block).sum(axis=1)
            del block   # free it before the next one is made: one block alive at a time
    return out.reshape(h.shape)


def _ucsd_loss_inplace(z):
    np.square(z, out=z)
    np.negative(z, out=z)
    np.expm1(z, out=z)
    np.negative(z, out=z)
    return z


def _ucsd_slope_inplace(z):
    weight = np.square(z)          # the one temporary: e^{-z^2}, built in place
    np.negative(weight, out=weight)
    np.exp(weight, out=weight)
    z *= weight
    return z


def ucsd_risk(h, y, sigma):
    r"""UCSD risk :math:`R(h) = \frac{1}{n}\sum_i \left(1 - e^{-(h - y_i)^2/\sigma^2}\right)`.

    Parameters
    ----------
    h : float or array_like
        One prediction, or an array of any shape.
    y : array_like, 1-D
        The data: finite numbers, at least one.
    sigma : float
        Scale in the units of ``y``; must be positive.

    Returns
    -------
    float or ndarray
        Values in [0, 1): a float for a single ``h``, otherwise an array shaped like
        ``h``. In floating point the value is exactly 1.0 where ``h`` is more than about
        6 sigma from every data point.

    Notes
    -----
    There is no shortcut through sorting here; an array of ``h`` is summed in blocks so
    that memory stays within a few 8 MB blocks whatever n and m are.

    Examples
    --------
    >>> round(ucsd_risk(95_000, load_salaries(), 21_000), 4)
    0.3634
    """
    sigma = check_positive("sigma", sigma)
    y = as_data(y)
    h = as_h(h)
    if h.ndim == 0:
        return float(np.mean(-np.expm1(-np.square((h - y) / sigma))))
    return _block_sums(h, y, sigma, _ucsd_loss_inplace) / y.size


# exp(-700) is about 1e-304, still a normal float. See _powers_inplace.
_LOG_FLOOR = -700.0


def _powers_inplace(z, p):
    """|z|^p in place, for |z| <= 1, as exp(p log|z|).

    A term below e^-700 (1e-304) is counted as e^-700: next to the largest term, 1, that
    changes no sum a float can show, and it keeps exp off its slow path for results in
    the subnormal range (numpy's power there is about ten times slower at p = 1000).
    Call it under ``np.errstate(divide="ignore")``: log 0 = -inf, which the floor replaces.
    """
    np.abs(z, out=z)
    np.log(z, out=z)
    z *= p
    np.maximum(z, _LOG_FLOOR, out=z)
    return np.exp(z, out=z)


def _lp_parts(h, y, p):
    """M, the largest error at each h, and mean((|h - y_i| / M)^p), so R_p = M^p * mean.

    Every term lies in [0, 1] and their mean in [1/n, 1], so nothing overflows at any p.
    """
    largest = np.maximum(np.abs(h - y.min()), np.abs(y.max() - h))
    safe = np.where(largest > 0, largest, 1.0)     # M = 0 only where h equals every y_i
    with np.errstate(divide="ignore"):
        sums = _block_sums(h, y, safe, functools.partial(_powers_inplace, p=p))
    return largest, sums / y.size


def lp_risk(h, y, p):
    r"""L_p risk :math:`R_p(h) = \frac{1}{n}\sum_i |h - y_i|^p`, for :math:`p \ge 1`.

    Parameters
    ----------
    h : float or array_like
        One prediction, or an array of any shape.
    y : array_like, 1-D
        The data: finite numbers, at least one.
    p : float
        The exponent, at least 1; ``numpy.inf`` is allowed and gives the largest error
        :math:`\max_i |h - y_i|` (the risk of the worst case, which the midrange
        minimizes).

    Returns
    -------
    float or ndarray
        A float for a single ``h``; otherwise an array shaped like ``h``. ``inf`` where
        :math:`M^p` is too large for a float (M the largest error): in dollars already
        from p of about 60 on. To plot every p on one axis use :func:`lp_typical_error`,
        its p-th root, which stays finite.

    Notes
    -----
    There is no sorting shortcut for a general p: an array of ``h`` is summed in 8 MB
    blocks, as the UCSD risk is, as :math:`M^p \cdot \frac{1}{n}\sum_i (|h - y_i| / M)^p`.

    Examples
    --------
    >>> y = load_salaries()
    >>> lp_risk(112_000, y, 2) == squared_risk(112_000, y)
    True
    >>> lp_risk(100_000, y, 3)
    45056000000000.0
    >>> lp_risk(100_000, y, np.inf)
    60000.0
    """
    p = _check_p(p)
    y = as_data(y)
    h = as_h(h)
    if math.isinf(p):
        return lp_typical_error(h, y, p)
    largest, mean = _lp_parts(h, y, p)
    with np.errstate(over="ignore"):
        return _result(largest ** p * mean)


def lp_typical_error(h, y, p):
    r"""The typical error in the units of ``y``: :math:`R_p(h)^{1/p}`.

    .. math:: R_p(h)^{1/p} = M \Big(\frac{1}{n}\sum_i
              \big(|h - y_i| / M\big)^p\Big)^{1/p}, \qquad M = \max_i |h - y_i|.

    Written this way every term is at most 1, so it never overflows, even at p = 1000
    where :math:`|h - y_i|^p` in dollars would. It lies between :math:`M n^{-1/p}` and
    :math:`M`, so it tends to the largest error as p grows.

    Parameters
    ----------
    h : float or array_like
        One prediction, or an array of any shape.
    y : array_like, 1-D
        The data.
    p : float
        The exponent, at least 1; ``numpy.inf`` gives the largest error.

    Returns
    -------
    float or ndarray
        A float for a single ``h``; otherwise an array shaped like ``h``.

    Examples
    --------
    >>> y = load_salaries()
    >>> round(lp_typical_error(112_000, y, 2), 2)      # the standard deviation
    26199.24
    >>> [round(lp_typical_error(100_000, y, p)) for p in (1, 1000, np.inf)]
    [20000, 59904, 60000]
    """
    p = _check_p(p)
    y = as_data(y)
    h = as_h(h)
    if math.isinf(p):
        return _result(np.maximum(np.abs(h - y.min()), np.abs(y.max() - h)))
    largest, mean = _lp_parts(h, y, p)
    return _result(largest * mean ** (1.0 / p))


def huber_risk(h, y, delta):
    r"""Huber risk :math:`R_\delta(h) = \frac{1}{n}\sum_i L_\delta(h, y_i)`.

    The mean of :func:`huber_loss` over the data.

    Parameters
    ----------
    h : float or array_like
        One prediction, or an array of any shape.
    y : array_like, 1-D
        The data.
    delta : float
        Where each loss turns from quadratic to linear, in the units of ``y``; positive.

    Returns
    -------
    float or ndarray
        A float for a single ``h``; otherwise an array shaped like ``h``.

    Notes
    -----
    A single ``h`` uses the plain formula. For an array, the risk is a quadratic in h
    over the y_i within ``delta`` of h and linear in h over the others, so one sort, prefix
    sums of y_i and y_i^2 (shifted by the middle value) and two binary searches per h
    give it: O((n + m) log n). The squares cost some digits when the data spread far
    wider than ``delta``: the relative difference from the plain formula is about 1e-16
    times spread / delta (1e-13 for the course's salaries and deltas).

    Examples
    --------
    >>> y = load_salaries()
    >>> huber_risk(105_000, y, 20_000)
    245200000.0
    >>> huber_risk([105_000, 112_000], y, 20_000)
    array([2.452e+08, 2.644e+08])
    """
    delta = check_positive("delta", delta)
    y = as_data(y)
    h = as_h(h)
    if h.ndim == 0:
        return float(np.mean(_huber(h - y, delta)))
    return _SortedData(y).huber_risk(h, delta)


def zero_one_risk(h, y):
    r"""0-1 risk: the share of the data that ``h`` misses, :math:`\#\{y_i \ne h\} / n`.

    Parameters
    ----------
    h : float or array_like
        One prediction, or an array of any shape.
    y : array_like, 1-D
        The data.

    Returns
    -------
    float or ndarray
        Values in [0, 1]: a float for a single ``h``, otherwise an array shaped like ``h``
        (counted with one sort and two binary searches per h).

    Examples
    --------
    >>> zero_one_risk([96_000, 100_000], load_salaries())
    array([0.8, 1. ])
    """
    y = as_data(y)
    h = as_h(h)
    if h.ndim == 0:
        return float(np.mean(y != h))
    return 1.0 - _SortedData(y).count_equal(h) / y.size


# --------------------------------------------------------------------------------------
# 4. Derivatives
# --------------------------------------------------------------------------------------

def absolute_risk_slope(h, y):
    r"""Slope of the absolute risk: :math:`(\#\{y_i < h\} - \#\{y_i > h\}) / n`.

    Between data points this is the derivative of :func:`absolute_risk`. At a data point
    the risk has a kink and no derivative; there the formula gives the average of the
    slopes on the left and on the right.

    Parameters
    ----------
    h : float or array_like
        One prediction, or an array of any shape.
    y : array_like, 1-D
        The data.

    Returns
    -------
    float or ndarray
        Values in [-1, 1], shaped like ``h``.

    Examples
    --------
    >>> y = load_salaries()
    >>> absolute_risk_slope([80_000, 95_000, 100_000], y)
    array([-1. , -0.2,  0.2])
    """
    y = as_data(y)
    h = as_h(h)
    if h.ndim == 0:
        return float((np.count_nonzero(y < h) - np.count_nonzero(y > h)) / y.size)
    return _SortedData(y).slope(h)


def squared_risk_derivative(h, y):
    r"""Derivative of the squared risk: :math:`\frac{2}{n}\sum_i (h - y_i) = 2(h - \bar y)`.

    Parameters
    ----------
    h : float or array_like
        One prediction, or an array of any shape.
    y : array_like, 1-D
        The data.

    Returns
    -------
    float or ndarray
        Shaped like ``h``.

    Examples
    --------
    >>> squared_risk_derivative(100_000, load_salaries())
    -24000.0
    """
    y = as_data(y)
    h = as_h(h)
    return _result(_squared_slope(h, np.mean(y)))


def _squared_slope(h, mean):
    """R_sq'(h) = 2 (h - mean)."""
    return 2.0 * (h - mean)


def ucsd_risk_derivative(h, y, sigma):
    r"""Derivative of the UCSD risk.

    .. math:: R'(h) = \frac{2}{n\sigma^2} \sum_i (h - y_i)\, e^{-(h - y_i)^2/\sigma^2}

    Parameters
    ----------
    h : float or array_like
        One prediction, or an array of any shape.
    y : array_like, 1-D
        The data.
    sigma : float
        Scale in the units of ``y``; must be positive.

    Returns
    -------
    float or ndarray
        Shaped like ``h``; units of 1/dollars, so the numbers are tiny for salaries.

    Examples
    --------
    >>> d = ucsd_risk_derivative(100_000, load_salaries(), 21_000)
    >>> f"{d:.3e}"
    '8.405e-06'
    """
    sigma = check_positive("sigma", sigma)
    y = as_data(y)
    h = as_h(h)
    if h.ndim == 0:
        return _ucsd_slope_at(float(h), y, sigma)
    # (h - y) e^{-(h-y)^2/s^2} * 2/(n s^2)  =  z e^{-z^2} * 2/(n s)  with z = (h - y)/s
    return _block_sums(h, y, sigma, _ucsd_slope_inplace) * (2.0 / (y.size * sigma))


def _ucsd_slope_at(h, y, sigma):
    """The UCSD risk's derivative at one float ``h``, inputs already checked.

    (2 / (n sigma^2)) sum (h - y_i) e^{-(h - y_i)^2/sigma^2}, written with
    z = (h - y) / sigma as (2 / (n sigma)) sum z e^{-z^2}.
    """
    z = (h - y) / sigma
    return 2.0 / (y.size * sigma) * float(np.dot(z, np.exp(-np.square(z))))


def huber_risk_derivative(h, y, delta):
    r"""Derivative of the Huber risk: :math:`\frac{1}{n}\sum_i \operatorname{clip}(h - y_i,
    -\delta, \delta)`.

    Each point pulls with its error, but never harder than ``delta``: that is why one
    far-off point cannot drag the minimizer far.

    Parameters
    ----------
    h : float or array_like
        One prediction, or an array of any shape.
    y : array_like, 1-D
        The data.
    delta : float
        Positive, in the units of ``y``.

    Returns
    -------
    float or ndarray
        Values in [-delta, delta], shaped like ``h``.

    Notes
    -----
    A single ``h`` uses the plain formula; an array uses the sorted data and prefix sums
    of :func:`huber_risk`, O((n + m) log n).

    Examples
    --------
    >>> huber_risk_derivative([100_000, 105_000], load_salaries(), 20_000)
    array([-4000.,     0.])
    """
    delta = check_positive("delta", delta)
    y = as_data(y)
    h = as_h(h)
    if h.ndim == 0:
        return float(np.mean(np.clip(h - y, -delta, delta)))
    return _SortedData(y).huber_slope(h, delta)


# --------------------------------------------------------------------------------------
# 5. Minimizers
# --------------------------------------------------------------------------------------

def absolute_risk_minimizers(y):
    """The interval of predictions that minimize the absolute risk: the median(s).

    Parameters
    ----------
    y : array_like, 1-D
        The data.

    Returns
    -------
    tuple of float
        ``(low, high)``. For odd n both are the middle value; for even n they are the two
        middle values, and every ``h`` between them has the same, smallest risk.

    Notes
    -----
    Found by selection (:func:`numpy.partition`), in linear time, without a full sort.

    Examples
    --------
    >>> absolute_risk_minimizers(load_salaries())
    (96000.0, 96000.0)
    >>> absolute_risk_minimizers(np.append(load_salaries(), 100_000))
    (96000.0, 100000.0)
    """
    y = as_data(y)
    n = y.size
    upper = n // 2
    lower = (n - 1) // 2
    part = np.partition(y, [lower, upper])
    return float(part[lower]), float(part[upper])


def squared_risk_minimizer(y):
    """The prediction that minimizes the squared risk: the mean of ``y``.

    Parameters
    ----------
    y : array_like, 1-D
        The data.

    Returns
    -------
    float

    Examples
    --------
    >>> squared_risk_minimizer(load_salaries())
    112000.0
    """
    return float(np.mean(as_data(y)))


def lp_risk_minimizer(y, p):
    r"""The prediction that minimizes the L_p risk.

    Parameters
    ----------
    y : array_like, 1-D
        The data.
    p : float
        At least 1. p = 1 gives the middle of the median interval, p = 2 the mean, and
        ``numpy.inf`` the midrange (min + max) / 2, which is also the limit as p grows.

    Returns
    -------
    float

    Notes
    -----
    For p > 1 the risk is strictly convex, so its slope
    :math:`\frac{p}{n}\sum_i \operatorname{sign}(h - y_i)|h - y_i|^{p-1}` changes sign
    once, somewhere in [min y, max y]. Bisection finds that change to the last bit of a
    float. Only the sign of the slope is needed, so each term is divided by
    :math:`M^{p-1}`, with M the largest error at that h: the terms then lie in [-1, 1] and
    nothing overflows, even at p = 1000.

    Examples
    --------
    >>> y = load_salaries()
    >>> [round(lp_risk_minimizer(y, p)) for p in (1, 2, 3, 10, np.inf)]
    [96000, 112000, 117678, 124208, 125000]
    """
    p = _check_p(p)
    y = as_data(y)
    lo, hi = float(np.min(y)), float(np.max(y))
    if math.isinf(p):
        return 0.5 * lo + 0.5 * hi
    if p == 1:
        return 0.5 * sum(absolute_risk_minimizers(y))
    smallest, largest = lo, hi
    # Each halving shortens [lo, hi]; from the widest float range to one ulp of the
    # smallest takes fewer than 2,100 of them, so the cap is never what stops the loop.
    with np.errstate(divide="ignore"):
        for _ in range(2_100):
            mid = 0.5 * lo + 0.5 * hi
            if not lo < mid < hi:          # lo and hi are neighbouring floats
                break
            r = mid - y
            # the largest error at mid is to the smallest or to the largest value
            terms = _powers_inplace(r / max(mid - smallest, largest - mid), p - 1.0)
            slope = float(np.dot(np.sign(r), terms))
            if slope == 0:
                return mid
            lo, hi = (mid, hi) if slope < 0 else (lo, mid)
    return mid


def huber_risk_minimizer(y, delta):
    r"""The prediction that minimizes the Huber risk, exactly.

    Parameters
    ----------
    y : array_like, 1-D
        The data.
    delta : float
        Positive, in the units of ``y``.

    Returns
    -------
    float
        The minimizer; when a whole interval minimizes, its middle.

    Notes
    -----
    The derivative (:func:`huber_risk_derivative`) never decreases and is linear between
    the kinks y_i - delta and y_i + delta. It is evaluated at every kink; between the last
    kink where it is negative and the next, the same points lie within delta of h, and
    setting the derivative to zero there gives

    .. math:: h = \frac{1}{k}\Big(\sum_{|h - y_i| \le \delta} y_i
              + \delta\,(\#\text{above} - \#\text{below})\Big),

    the mean of the k points within delta, pulled by delta for each point beyond it
    (above: more than delta above h; below: more than delta below).

    A flat bottom (an interval of minimizers) needs a zero derivative over an interval:
    no point within delta of h there (else the derivative would rise), and as many points
    below as above. That happens exactly when n is even and the two middle values are at
    least 2 delta apart; the minimizers are then [lower middle + delta, upper middle -
    delta], whose middle is the middle of the two middle values.

    Examples
    --------
    >>> y = load_salaries()
    >>> [huber_risk_minimizer(y, d) for d in (5_000, 10_000, 20_000, 48_000)]
    [97500.0, 100000.0, 105000.0, 112000.0]
    """
    delta = check_positive("delta", delta)
    data = _SortedData(as_data(y))
    s, n = data.sorted, data.n
    if n % 2 == 0 and s[n // 2] - s[n // 2 - 1] >= 2 * delta:
        return 0.5 * s[n // 2 - 1] + 0.5 * s[n // 2]
    kinks = np.sort(np.concatenate([s - delta, s + delta]))
    slopes = data.huber_slope(kinks, delta)
    j = max(1, int(np.argmax(slopes >= 0)))       # at the first kink the slope is -delta
    left, right = kinks[j - 1], kinks[j]
    g, lo, hi = data.huber_window(0.5 * left + 0.5 * right, delta)
    if hi == lo:                    # no point within delta: only when kinks coincide
        return float(right)
    near = data.prefix[hi] - data.prefix[lo]
    h = data.shift + (near + delta * ((n - hi) - lo)) / (hi - lo)
    return float(min(max(h, left), right))


def zero_one_risk_minimizers(y):
    """The predictions that minimize the 0-1 risk: the mode(s) of the data.

    Parameters
    ----------
    y : array_like, 1-D
        The data.

    Returns
    -------
    ndarray
        Every value tied for the largest count, sorted. When all values are distinct,
        that is every value: the 0-1 loss then cannot tell them apart.

    Examples
    --------
    >>> zero_one_risk_minimizers([1, 3, 3, 2, 2])
    array([2., 3.])
    >>> zero_one_risk_minimizers(load_professor_salaries())
    array([92000.])
    """
    values, counts = np.unique(as_data(y), return_counts=True)
    return values[counts == counts.max()]


def _ucsd_minima(y, sigma, xtol=None, points_per_sigma=16, max_points=200_000):
    """Local minimizers of the UCSD risk; ``y`` checked already.

    The slope is sampled on an even grid ``sigma / points_per_sigma`` apart, from one sigma
    left of the data to one sigma right of it (no minimum lies outside the data's range:
    left of all data the slope is negative, right of it positive; the extra sigma keeps the
    ends of the grid where the slope is not zero). Each change of sign from negative to
    non-negative is refined by bisection until the bracket is narrower than ``xtol``
    (default: a few ulps of the largest |y|).

    If that grid would need more than ``max_points`` points (data spanning more than about
    12,500 sigma), the grid is coarser, and every distinct data value and the points
    sigma/8 either side of it are sampled too: each isolated valley is still found.
    """
    lo, hi = float(np.min(y)), float(np.max(y))
    if hi == lo:
        return np.array([lo])
    m = math.ceil((hi - lo + 2 * sigma) / sigma * points_per_sigma)
    grid = np.linspace(lo - sigma, hi + sigma, min(max(m, 64), max_points) + 1)
    if m > max_points:
        values = np.unique(y)
        grid = np.union1d(grid, np.concatenate([values - sigma / 8, values,
                                                values + sigma / 8]))
    slope = _block_sums(grid, y, sigma, _ucsd_slope_inplace)
    starts = np.flatnonzero((slope[:-1] < 0) & (slope[1:] >= 0))
    left, right = grid[starts], grid[starts + 1]
    if xtol is None:
        xtol = 4 * np.finfo(float).eps * max(abs(lo), abs(hi), 1.0)
    # Bisection on all brackets at once; enough halvings for the widest one (at most 200).
    widest = float(np.max(right - left, initial=0.0))
    halvings = min(200, max(1, math.ceil(math.log2(max(widest / xtol, 1.0)))))
    for _ in range(halvings):
        mid = 0.5 * (left + right)
        neg = _block_sums(mid, y, sigma, _ucsd_slope_inplace) < 0
        left = np.where(neg, mid, left)
        right = np.where(neg, right, mid)
    return 0.5 * (left + right)


def ucsd_local_minima(y, sigma):
    """Every local minimizer of the UCSD risk, from left to right.

    Parameters
    ----------
    y : array_like, 1-D
        The data.
    sigma : float
        Scale in the units of ``y``; must be positive.

    Returns
    -------
    ndarray
        Sorted minimizers, each found to within a few ulps as a sign change of the
        derivative from negative to non-negative.

    Notes
    -----
    The slope is sampled at a spacing of ``sigma / 16`` between the smallest and the
    largest data value (no minimum lies outside), then each sign change is refined by
    bisection. Two minima closer than that spacing would be reported as one.

    Examples
    --------
    >>> y = load_salaries()
    >>> ucsd_local_minima(y, 21_000).round(-2)
    array([ 95600., 158700.])
    """
    sigma = check_positive("sigma", sigma)
    return _ucsd_minima(as_data(y), sigma)


def ucsd_global_minimizer(y, sigma):
    """The local minimizer of the UCSD risk with the smallest risk.

    Parameters
    ----------
    y : array_like, 1-D
        The data.
    sigma : float
        Scale in the units of ``y``; must be positive.

    Returns
    -------
    float

    Examples
    --------
    >>> y = load_salaries()
    >>> [round(ucsd_global_minimizer(y, s), -2) for s in (3_000, 10_000, 21_000)]
    [94700.0, 93400.0, 95600.0]
    """
    sigma = check_positive("sigma", sigma)
    y = as_data(y)
    minima = _ucsd_minima(y, sigma)
    risks = _block_sums(minima, y, sigma, _ucsd_loss_inplace)
    return float(minima[np.argmin(risks)])


# --------------------------------------------------------------------------------------
# 6. Gradient descent
# --------------------------------------------------------------------------------------

#: How a run of :func:`gradient_descent` can end, with the words the explorers show.
OUTCOMES = {
    "converged": "converged",
    "oscillating": "oscillating (still bouncing at the cap)",
    "max_iter": "still moving at the cap",
    "diverged": "diverged",
}


@dataclass(frozen=True)
class DescentResult:
    """What :func:`gradient_descent` returns (in the spirit of scipy's OptimizeResult).

    Attributes
    ----------
    h : float
        The last finite iterate.
    path : ndarray
        Every iterate, ``h0`` first; ``len(path) == steps + 1``.
    steps : int
        Updates made.
    outcome : str
        ``"converged"`` (a step smaller than ``tol``), ``"oscillating"`` (the cap was hit
        while the steps kept flipping direction without growing), ``"max_iter"`` (the cap
        was hit while still moving), or ``"diverged"`` (the iterate or the derivative
        stopped being finite, passed ``bound``, or the flips grew at the cap).
    message : str
        One sentence saying why it stopped.
    """

    h: float
    path: np.ndarray = field(repr=False)
    steps: int
    outcome: str
    message: str

    @property
    def converged(self):
        """True when the last step was smaller than ``tol``."""
        return self.outcome == "converged"

    @property
    def diverged(self):
        """True when the iterates ran away."""
        return self.outcome == "diverged"


def gradient_descent(derivative, h0, alpha, *, tol=1e-6, max_iter=10_000, bound=None):
    r"""Minimize a function of one variable by gradient descent.

    Repeats :math:`h_i = h_{i-1} - \alpha R'(h_{i-1})` from ``h0`` until a step is
    smaller than ``tol``, at most ``max_iter`` times. It stops at once, reporting
    divergence, when the derivative or the iterate is no longer finite or the iterate
    passes ``bound``; it never overflows, warns or loops forever.

    Parameters
    ----------
    derivative : callable
        ``derivative(h) -> float``, the slope :math:`R'(h)`.
    h0 : float
        Where to start.
    alpha : float
        Learning rate; must be positive.
    tol : float, optional
        Stop when ``abs(step) < tol`` (same units as ``h``). Must be positive.
    max_iter : int, optional
        Cap on the number of updates; at least 1.
    bound : float, optional
        Divergence is declared once ``abs(h)`` exceeds this. Default: 1e10 times the
        largest of 1, ``abs(h0)`` and the first step's size.

    Returns
    -------
    DescentResult
        With ``h``, ``path``, ``steps``, ``outcome``, ``converged``, ``diverged`` and
        ``message``.

    Examples
    --------
    On the squared risk of the five salaries the error shrinks by 1 - 2 alpha per step:

    >>> y = load_salaries()
    >>> run = gradient_descent(lambda h: squared_risk_derivative(h, y), 150_000, 0.5)
    >>> run.path, run.outcome
    (array([150000., 112000., 112000.]), 'converged')
    >>> gradient_descent(lambda h: squared_risk_derivative(h, y), 150_000, 1.5).outcome
    'diverged'
    """
    if not callable(derivative):
        raise TypeError(f"derivative must be a function of h, got {derivative!r}")
    h0 = float(as_numbers(h0, "h0")) if np.ndim(h0) == 0 else None
    if h0 is None:
        raise ValueError("h0 must be a single number")
    alpha = check_positive("alpha", alpha)
    tol = check_positive("tol", tol)
    max_iter = check_count("max_iter", max_iter)
    if bound is not None:
        bound = check_positive("bound", bound)

    h = h0
    path = [h0]
    outcome = message = None
    with np.errstate(all="ignore"):  # overflow is detected below, never warned about
        for _ in range(max_iter):
            try:
                value = derivative(h)
                slope = _one_number(value)
            except OverflowError:  # e.g. math.exp(1000), h ** 3 on Python floats, huge ints
                slope = math.inf
            if not math.isfinite(slope):
                outcome, message = "diverged", f"the derivative is {slope} at h = {h:.6g}"
                break
            step = -alpha * slope
            new = h + step
            if not math.isfinite(new):
                outcome, message = "diverged", f"the next iterate is {new}"
                break
            if bound is None:
                bound = 1e10 * max(1.0, abs(h0), abs(step))
            path.append(new)
            h = new
            if abs(h) > bound:
                outcome = "diverged"
                message = f"|h| = {abs(h):.3g} passed the bound {bound:.3g}"
                break
            if abs(step) < tol:
                outcome, message = "converged", f"a step of {abs(step):.3g} < tol = {tol:g}"
                break
    path = np.asarray(path)
    if outcome is None:
        outcome, message = _classify_at_cap(np.diff(path), max_iter)
    return DescentResult(h=float(path[-1]), path=path, steps=path.size - 1,
                         outcome=outcome, message=message)


def _one_number(value):
    """``value`` as a float, or a TypeError saying the derivative must return one number."""
    try:
        return float(value)
    except (TypeError, ValueError):
        raise TypeError(f"derivative(h) must return one number, got {value!r}") from None


def _classify_at_cap(steps, max_iter):
    """Name what the iterates were doing when the cap of ``max_iter`` steps was hit.

    When the last two steps point in opposite directions, their size ratio decides:
    growing flips are divergence, equal flips an oscillation that will never settle, and
    shrinking flips a run that was still converging when it was stopped.
    """
    last = abs(steps[-1])
    if steps.size >= 2 and steps[-1] * steps[-2] < 0:
        ratio = last / abs(steps[-2])
        if ratio > 1 + 1e-6:
            return "diverged", (f"the steps flip direction and grow ({ratio:.6g} times each) "
                                f"at the cap of {max_iter}")
        if ratio >= 1 - 1e-6:
            return "oscillating", (f"the steps flip direction without shrinking at the cap "
                                   f"of {max_iter}")
    return "max_iter", f"still moving ({last:.3g} per step) at the cap of {max_iter}"


# --------------------------------------------------------------------------------------
# 7. Data
# --------------------------------------------------------------------------------------

def _read_column(path, column):
    """Read one numeric column of a CSV file as a float array, or say what is wrong."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"data file not found: {path}")
    with path.open(newline="") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames is None or column not in reader.fieldnames:
            raise ValueError(f"{path.name} has no {column!r} column "
                             f"(columns: {reader.fieldnames})")
        values = []
        for line, row in enumerate(reader, start=2):
            cell = (row[column] or "").strip()
            try:
                value = float(cell)
            except ValueError:
                raise ValueError(f"{path.name}, line {line}: {column} is {cell!r}, "
                                 "not a number") from None
            if not math.isfinite(value):
                raise ValueError(f"{path.name}, line {line}: {column} is {cell!r}, "
                                 "not a finite number")
            values.append(value)
    if not values:
        raise ValueError(f"{path.name} has no rows of data")
    return np.array(values)


def load_salaries(path=None):
    """The five salaries of the course, in dollars, from ``data/salaries.csv``.

    Parameters
    ----------
    path : str or Path, optional
        Another CSV file with a ``salary_usd`` column.

    Returns
    -------
    ndarray
        Float array of salaries, in file order.

    Examples
    --------
    >>> load_salaries()
    array([ 90000.,  94000.,  96000., 120000., 160000.])
    """
    return _read_column(path or DATA_DIR / "salaries.csv", "salary_usd")


def load_professor_salaries(path=None):
    """Nine-month salaries of 397 US college professors, 2008-09, in dollars.

    The ``Salaries`` data of the R package carData (Fox and Weisberg); see
    ``data/README.md`` for its provenance and licence.

    Parameters
    ----------
    path : str or Path, optional
        Another CSV file with a ``salary_usd`` column.

    Returns
    -------
    ndarray
        Float array of 397 salaries, in file order.

    Examples
    --------
    >>> y = load_professor_salaries()
    >>> y.size, float(np.median(y)), float(y.min()), float(y.max())
    (397, 107300.0, 57800.0, 231545.0)
    """
    return _read_column(path or DATA_DIR / "professor_salaries.csv", "salary_usd")
