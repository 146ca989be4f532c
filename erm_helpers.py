"""Shared code for the course *Learning via optimization*.

Every number and figure in the notebooks comes from here. Read it top to bottom, in
sections:

1. input checks       -- every public function checks its input on entry
2. losses             -- L(h, y), elementwise
3. empirical risks    -- mean loss over the data; one call gives a whole risk curve
4. derivatives        -- slopes of the risks
5. minimizers         -- the median interval, the mean, the minima of the UCSD risk,
                         the L_p and Huber minimizers, the mode(s)
6. gradient descent   -- a bounded loop that reports how it ended
7. data               -- the five salaries and a larger real data set
8. formatting, tables, exercise checkers
9. figures            -- take ``ax=None``, return what they drew
10. explorers         -- the sigma and alpha sliders (ipywidgets + ipympl)

Names: ``h`` is a prediction (a number, or an array of them), ``y`` the data (a 1-D array
of numbers), ``sigma`` the scale of the UCSD loss, ``alpha`` the learning rate, ``h0`` the
start of gradient descent.

Nothing happens on import: no settings change, nothing is printed, and pyplot, pandas and
ipywidgets are imported only inside the functions that draw or build widgets.

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
import warnings
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

__all__ = [
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
    "DescentResult", "gradient_descent",
    "OUTCOMES",
    # data
    "DATA_DIR", "load_salaries", "load_professor_salaries",
    # formatting, tables, exercises
    "money", "money_table", "error_table", "mean_error_table", "Feedback", "check",
    # figures, notebooks 01-03
    "plot_number_line", "plot_absolute_loss", "plot_absolute_risk", "plot_slope_steps",
    "plot_risk_and_slope", "plot_squared_risk", "plot_both_risks",
    "plot_outlier_experiment", "plot_salary_histogram",
    # figures, notebooks 04-05
    "UCSD_SIGMAS", "plot_ucsd_loss", "plot_ucsd_risk", "plot_ucsd_risk_grid",
    "plot_ucsd_derivative", "plot_descent_paths", "plot_descent_errors",
    # explorers
    "ucsd_explorer", "descent_explorer",
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

def _as_numbers(values, name):
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
            bad = next((i for i, v in enumerate(arr.ravel()) if not _is_real_number(v)), None)
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


def _is_real_number(v):
    return isinstance(v, numbers.Real) and not isinstance(v, bool)


def _as_data(y):
    """Check the data ``y``: a non-empty 1-D array of finite numbers."""
    y = _as_numbers(y, "y")
    if y.ndim != 1:
        raise ValueError(f"y must be 1-D (one number per observation), got shape {y.shape}")
    if y.size == 0:
        raise ValueError("y must not be empty: the risk is a mean over the data")
    return y


def _as_h(h):
    """Check the prediction(s) ``h``: a finite number or an array of them."""
    return _as_numbers(h, "h")


def _as_real(name, value):
    """Return one real number (a 0-d numpy array counts) as a float, or a TypeError."""
    if isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "iuf":
        value = value.item()
    if not _is_real_number(value):
        raise TypeError(f"{name} must be a number, got {value!r}")
    return float(value)


def _check_positive(name, value):
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


def _check_count(name, value):
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
    return _result(np.abs(_as_h(h) - _as_numbers(y, "y")))


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
    return _result(np.square(_as_h(h) - _as_numbers(y, "y")))


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
    sigma = _check_positive("sigma", sigma)
    z = (_as_h(h) - _as_numbers(y, "y")) / sigma
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
        return _result(np.power(np.abs(_as_h(h) - _as_numbers(y, "y")), p))


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
    delta = _check_positive("delta", delta)
    return _result(_huber(_as_h(h) - _as_numbers(y, "y"), delta))


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
    return _result((_as_h(h) != _as_numbers(y, "y")).astype(float))


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
    y = _as_data(y)
    h = _as_h(h)
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
    y = _as_data(y)
    h = _as_h(h)
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
    y = _as_data(y)
    h = _as_h(h)
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


# The name the UCSD code below (the explorers included) calls the block sums by.
_ucsd_blocks = _block_sums


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
    sigma = _check_positive("sigma", sigma)
    y = _as_data(y)
    h = _as_h(h)
    if h.ndim == 0:
        return float(np.mean(-np.expm1(-np.square((h - y) / sigma))))
    return _ucsd_blocks(h, y, sigma, _ucsd_loss_inplace) / y.size


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
    y = _as_data(y)
    h = _as_h(h)
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
    y = _as_data(y)
    h = _as_h(h)
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
    delta = _check_positive("delta", delta)
    y = _as_data(y)
    h = _as_h(h)
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
    y = _as_data(y)
    h = _as_h(h)
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
    y = _as_data(y)
    h = _as_h(h)
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
    y = _as_data(y)
    h = _as_h(h)
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
    sigma = _check_positive("sigma", sigma)
    y = _as_data(y)
    h = _as_h(h)
    if h.ndim == 0:
        return _ucsd_slope_at(float(h), y, sigma)
    # (h - y) e^{-(h-y)^2/s^2} * 2/(n s^2)  =  z e^{-z^2} * 2/(n s)  with z = (h - y)/s
    return _ucsd_blocks(h, y, sigma, _ucsd_slope_inplace) * (2.0 / (y.size * sigma))


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
    delta = _check_positive("delta", delta)
    y = _as_data(y)
    h = _as_h(h)
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
    y = _as_data(y)
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
    return float(np.mean(_as_data(y)))


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
    y = _as_data(y)
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
    delta = _check_positive("delta", delta)
    data = _SortedData(_as_data(y))
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
    values, counts = np.unique(_as_data(y), return_counts=True)
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
    slope = _ucsd_blocks(grid, y, sigma, _ucsd_slope_inplace)
    starts = np.flatnonzero((slope[:-1] < 0) & (slope[1:] >= 0))
    left, right = grid[starts], grid[starts + 1]
    if xtol is None:
        xtol = 4 * np.finfo(float).eps * max(abs(lo), abs(hi), 1.0)
    # Bisection on all brackets at once; enough halvings for the widest one (at most 200).
    widest = float(np.max(right - left, initial=0.0))
    halvings = min(200, max(1, math.ceil(math.log2(max(widest / xtol, 1.0)))))
    for _ in range(halvings):
        mid = 0.5 * (left + right)
        neg = _ucsd_blocks(mid, y, sigma, _ucsd_slope_inplace) < 0
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
    sigma = _check_positive("sigma", sigma)
    return _ucsd_minima(_as_data(y), sigma)


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
    sigma = _check_positive("sigma", sigma)
    y = _as_data(y)
    minima = _ucsd_minima(y, sigma)
    risks = _ucsd_blocks(minima, y, sigma, _ucsd_loss_inplace)
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
    h0 = float(_as_numbers(h0, "h0")) if np.ndim(h0) == 0 else None
    if h0 is None:
        raise ValueError("h0 must be a single number")
    alpha = _check_positive("alpha", alpha)
    tol = _check_positive("tol", tol)
    max_iter = _check_count("max_iter", max_iter)
    if bound is not None:
        bound = _check_positive("bound", bound)

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


# --------------------------------------------------------------------------------------
# 8. Formatting, tables and exercise checkers
# --------------------------------------------------------------------------------------

def money(x, decimals=0):
    """Format dollars the same way everywhere: ``$112,000``.

    Parameters
    ----------
    x : float
        An amount in dollars.
    decimals : int, optional
        Digits after the point (default 0: whole dollars).

    Returns
    -------
    str

    Examples
    --------
    >>> money(112_000), money(-2_500.4), money(95_567.571, decimals=2)
    ('$112,000', '-$2,500', '$95,567.57')
    """
    x = float(x)
    sign = "-" if x < 0 and round(abs(x), decimals) != 0 else ""
    return f"{sign}${abs(x):,.{decimals}f}"


@dataclass(frozen=True)
class Feedback:
    """The verdict of :func:`check`, shown as one line in the notebook."""

    ok: bool
    text: str

    def __repr__(self):
        return ("Right. " if self.ok else "Not yet. ") + self.text

    def _repr_html_(self):
        color = "#1a7f37" if self.ok else "#9a6700"
        mark = "&#10004; Right." if self.ok else "&#10008; Not yet."
        import html

        # JupyterLab typesets HTML outputs with MathJax, so "$100 and $20" would turn into
        # math. A $ alone in its own element never pairs up with another one.
        text = html.escape(self.text).replace("$", "<span>$</span>")
        return f'<p style="color:{color}"><b>{mark}</b> {text}</p>'

    def __bool__(self):
        return self.ok


_BLANK = "Replace None with your answer, then run the cell again."

# Exercise key -> judge(answer) returning (ok, text). Each notebook's section registers its
# own judges with @_exercise("NN.k"); the expected values are computed, never typed in.
_EXERCISES = {}


def _exercise(key):
    """Register ``judge(answer) -> (ok, text)`` under ``key`` (used by :func:`check`)."""
    def register(judge):
        if key in _EXERCISES:
            raise RuntimeError(f"exercise {key!r} is registered twice")
        _EXERCISES[key] = judge
        return judge
    return register


def _close(answer, expected, rtol=1e-9, atol=1e-6):
    """True when ``answer`` is a number (or numbers) close to ``expected``."""
    try:
        a = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return False
    return a.shape == np.shape(expected) and bool(np.allclose(a, expected, rtol=rtol,
                                                              atol=atol))


def check(exercise, answer):
    """Say right or not yet for an exercise, with a hint when not yet.

    A passing check means the answer matched on this data; it is not a proof.

    Parameters
    ----------
    exercise : str
        The exercise's key, as given in the notebook (for example ``"01.1"``).
    answer : object
        Your answer: a number, a tuple of numbers, or a function, as the exercise asks.

    Returns
    -------
    Feedback
        Shown as one line; ``bool(feedback)`` is True when the answer is right.

    Examples
    --------
    >>> check("00.demo", 4)
    Right. 2 + 2 is 4.
    >>> check("00.demo", 5)
    Not yet. Add the two numbers.
    """
    if exercise not in _EXERCISES:
        raise KeyError(f"no exercise {exercise!r}; known: {sorted(_EXERCISES)}")
    if answer is None or answer is Ellipsis:   # the placeholder the notebooks start with
        return Feedback(False, _BLANK)
    ok, text = _EXERCISES[exercise](answer)
    return Feedback(bool(ok), text)


@_exercise("00.demo")
def _judge_demo(answer):
    if _close(answer, 4):
        return True, "2 + 2 is 4."
    return False, "Add the two numbers."


# Exercises of notebooks 04 (the UCSD loss) and 05 (gradient descent). Expected values are
# computed here from the functions above; the figures of those notebooks are in section 9b.

def _ucsd_hilltop(y, sigma, left, right):
    """The local maximum of the UCSD risk between two neighbouring local minimizers.

    Bisection on the sign of the derivative, which is positive just right of ``left`` and
    negative just left of ``right``; stops when the bracket no longer shrinks.
    """
    for _ in range(2_000):   # halving a float bracket reaches adjacent floats long before
        mid = 0.5 * (left + right)
        if mid <= left or mid >= right:
            break
        if ucsd_risk_derivative(mid, y, sigma) > 0:
            left = mid
        else:
            right = mid
    return 0.5 * (left + right)


def _as_float(answer):
    """``answer`` as a finite float, or None when it is not a single finite number."""
    if not _is_real_number(answer) and not (isinstance(answer, np.ndarray)
                                            and answer.ndim == 0):
        return None
    value = float(answer)
    return value if math.isfinite(value) else None


@_exercise("04.1")
def _judge_04_1(answer):
    y = load_salaries()
    mean = squared_risk_minimizer(y)
    median = absolute_risk_minimizers(y)[0]
    value = _as_float(answer)
    if value is None:
        return False, "Give one number of dollars."
    if abs(value - mean) <= 1.0:
        return True, (f"The limit is the mean, {money(mean)}. For large σ every exponent "
                      "u = (h - y)²/σ² is small and 1 - e^(-u) ≈ u, so the UCSD risk is "
                      "about the squared risk divided by σ², which the mean minimizes.")
    if abs(value - median) <= 1.0:
        return False, ("That is the median, the answer of the absolute loss. Compute "
                       "erm.ucsd_global_minimizer(y, sigma) for σ = 10**5, 10**6, 10**7.")
    if abs(value - mean) <= 0.03 * mean:
        return False, ("Close: that looks like the minimizer at one large σ. Which familiar "
                       "number do these values approach as σ grows? Give that number.")
    return False, ("Compute erm.ucsd_global_minimizer(y, sigma) for σ = 10**5, 10**6, 10**7 "
                   "and see where it settles; then expand e^(-u) ≈ 1 - u for small u.")


@_exercise("04.2")
def _judge_04_2(answer):
    if not callable(answer):
        return False, "Give a function of h, for example `def dR(h): ...`, not a number."
    y, sigma = load_salaries(), 21_000.0
    hs = np.concatenate([np.linspace(60_000.0, 190_000.0, 14), y + 1_000.0])
    expected = ucsd_risk_derivative(hs, y, sigma)
    try:
        with np.errstate(all="ignore"):
            got = np.array([float(answer(float(h))) for h in hs])
    except Exception as err:  # the reader's code may raise anything; report it kindly
        return False, f"Your function raised {type(err).__name__}: {err}"
    if np.allclose(got, expected, rtol=1e-6, atol=0.0):
        return True, (f"It agrees with erm.ucsd_risk_derivative at {hs.size} values of h "
                      f"from {money(hs.min())} to {money(hs.max())}.")
    if not np.any(got):
        return False, "Your function returns 0 for every h: fill in the formula."
    with np.errstate(all="ignore"):
        ratio = got / expected
    same = np.all(np.isfinite(ratio)) and np.allclose(ratio, ratio[0], rtol=1e-6, atol=0)
    if same and abs(ratio[0] + 1) < 1e-6:
        return False, ("Every value has the wrong sign: the slope of the loss is "
                       "+2(h - y_i)/σ² times the exponential, not -2(h - y_i)/σ².")
    if same and abs(ratio[0]) > 1e-3:
        return False, (f"The shape is right but every value is {ratio[0]:.4g} times the "
                       "right one: check the constant 2/(n σ²) in front of the sum.")
    return False, ("The values do not follow the derivative: check the sign of (h - y_i) "
                   "and the exponent -(h - y_i)²/σ², with σ = 21,000 and the five salaries.")


def _ucsd_minima_counts(y, sigmas):
    """How many local minima the UCSD risk has at each sigma."""
    return {s: ucsd_local_minima(y, s).size for s in sigmas}


@_exercise("04.3")
def _judge_04_3(answer):
    y = load_salaries()
    sigmas = range(1_000, 100_001, 1_000)
    counts = _ucsd_minima_counts(y, sigmas)
    expected = next(s for s in sigmas if counts[s] == 1)
    value = _as_float(answer)
    if value is None:
        return False, "Give one number of dollars, a whole number of thousands."
    if value == expected:
        return True, (f"At σ = {money(expected)} the risk first has a single local "
                      f"minimum, at {money(ucsd_global_minimizer(y, expected))}.")
    if value * 1_000 == expected:
        return False, "Give σ in dollars, not in thousands of dollars."
    if value in counts and counts[value] > 1:
        return False, (f"At σ = {money(value)} the risk still has {counts[value]} local "
                       "minima: try larger σ.")
    if value in counts:
        return False, f"σ = {money(value)} gives one minimum, but a smaller σ does too."
    return False, ("Loop over σ = 1,000, 2,000, 3,000, ... and count "
                   "len(erm.ucsd_local_minima(y, sigma)).")


def _squared_descent(alpha, h0=150_000.0, max_iter=10):
    """Descent on the squared risk of the five salaries, for the exercises of notebook 05."""
    y = load_salaries()
    return gradient_descent(lambda h: squared_risk_derivative(h, y), h0, alpha,
                            max_iter=max_iter)


@_exercise("05.1")
def _judge_05_1(answer):
    alpha, h0 = 0.25, 150_000.0
    path = _squared_descent(alpha, h0).path
    expected = path[3]
    value = _as_float(answer)
    if value is None:
        return False, "Give one number of dollars."
    if abs(value - expected) <= 0.01:
        mean = squared_risk_minimizer(load_salaries())
        return True, (f"h₃ = {money(expected)}: the error {money(h0 - mean)} was multiplied "
                      f"by 1 - 2α = {1 - 2 * alpha:g} three times.")
    for k, h in enumerate(path):
        if abs(value - h) <= 0.01:
            return False, (f"That is h_{k}, after {k} update(s). h₃ comes after three "
                           "updates, counting from h₀.")
    return False, "Use h_i - mean = (1 - 2α)(h_(i-1) - mean) three times, starting at h₀."


@_exercise("05.2")
def _judge_05_2(answer):
    value = _as_float(answer)
    if value is None or value <= 0:
        return False, "Give one positive number: a learning rate α."
    mean = squared_risk_minimizer(load_salaries())
    path = _squared_descent(value, max_iter=1).path
    ratio = (path[1] - mean) / (path[0] - mean)
    if abs(ratio + 0.5) <= 1e-9:
        return True, (f"With α = {value:g} one step turns the error {money(path[0] - mean)} "
                      f"into {money(path[1] - mean)}: a factor 1 - 2α = {ratio:g}.")
    if abs(ratio - 0.5) <= 1e-9:
        return False, ("That halves the error but keeps its sign (no flip). Solve "
                       "1 - 2α = -1/2.")
    return False, (f"With α = {value:g} each error is {ratio:.4g} times the one before. "
                   "Solve 1 - 2α = -1/2.")


@_exercise("05.3")
def _judge_05_3(answer):
    y, sigma = load_salaries(), 21_000.0
    minima = ucsd_local_minima(y, sigma)
    top = _ucsd_hilltop(y, sigma, minima[0], minima[-1])
    value = _as_float(answer)
    if value is None:
        return False, "Give one number of dollars."
    if abs(value - top) <= 100:
        return True, (f"The hilltop is at {money(top)}: descent started left of it ends "
                      f"near {money(minima[0])}, started right of it near "
                      f"{money(minima[-1])}.")
    side = "left" if value < top else "right"
    return False, (f"{money(value)} is {side} of the hilltop. Look for the h between the two "
                   "minima where the derivative changes sign from + to -.")


# Tables for notebooks 01-03. A table is a plain DataFrame of numbers; money_table() only
# decides how it looks, so code can keep computing with the table it shows.

_SUMMARY_ROWS = ("total error", "mean error")


def error_table(y, h):
    """The error of one guess ``h`` on each value of ``y``, with the total and the mean.

    Parameters
    ----------
    y : array_like, 1-D
        The data (salaries, in dollars).
    h : float
        The guess.

    Returns
    -------
    pandas.DataFrame
        Columns ``"salary"`` (y) and ``"error"`` (:math:`|h - y_i|`), one row per value of
        ``y`` in the order given (labelled 1 to n), then the rows ``"total error"`` and
        ``"mean error"``, where ``"salary"`` is empty (NaN). Every entry is a float; show
        the table with :func:`money_table`, which takes its caption from
        ``table.attrs["caption"]``.

    Examples
    --------
    >>> table = error_table(load_salaries(), 150_000)
    >>> table["error"].tolist()
    [60000.0, 56000.0, 54000.0, 30000.0, 10000.0, 210000.0, 42000.0]
    """
    import pandas as pd

    y = _as_data(y)
    if np.ndim(h) != 0:
        raise ValueError(f"h must be a single number, got shape {np.shape(h)}")
    h = float(_as_h(h))
    errors = absolute_loss(h, y)
    table = pd.DataFrame(
        {"salary": np.concatenate([y, [np.nan, np.nan]]),
         "error": np.concatenate([errors, [errors.sum(), errors.mean()]])},
        index=pd.Index([*range(1, y.size + 1), *_SUMMARY_ROWS], dtype=object))
    table.attrs["caption"] = f"Errors |h - y_i| of the guess h = {money(h)}"
    return table


def mean_error_table(y, guesses):
    """Total and mean error of several named guesses on the same data.

    Parameters
    ----------
    y : array_like, 1-D
        The data (salaries, in dollars).
    guesses : dict
        ``{label: h}``, for example ``{"h1": 150_000, "median": 96_000}``.

    Returns
    -------
    pandas.DataFrame
        One row per guess, in the order given (index ``"guess"``), with the columns
        ``"h"``, ``"total error"`` and ``"mean error"`` (the absolute risk), all floats.

    Examples
    --------
    >>> y = load_salaries()
    >>> mean_error_table(y, {"mean": 112_000, "median": 96_000})["mean error"].tolist()
    [22400.0, 19200.0]
    """
    import pandas as pd

    y = _as_data(y)
    if not isinstance(guesses, dict) or not guesses:
        raise TypeError(f"guesses must be a non-empty dict {{label: h}}, got {guesses!r}")
    h = _as_h(list(guesses.values()))
    if h.ndim != 1:
        raise ValueError("each guess must be a single number")
    risk = absolute_risk(h, y)
    table = pd.DataFrame({"h": h, "total error": risk * y.size, "mean error": risk},
                         index=pd.Index(list(guesses), name="guess"))
    table.attrs["caption"] = f"Mean error of each guess on {y.size} salaries"
    return table


def money_table(table, money_columns=None, caption=None, decimals=4):
    """Show a table of numbers with dollars formatted as ``$90,000``; the data is untouched.

    Parameters
    ----------
    table : pandas.DataFrame
        For example from :func:`error_table` or :func:`mean_error_table`.
    money_columns : list of str, optional
        Columns holding dollars. Default: every numeric column.
    caption : str, optional
        Shown above the table. Default: ``table.attrs.get("caption")``.
    decimals : int, optional
        Digits after the point for the other float columns; whole-number columns (such as
        counts) are shown without a point.

    Returns
    -------
    pandas.io.formats.style.Styler
        Displays as an HTML table; ``.data`` is ``table`` itself. Empty cells (NaN) show
        blank, a plain 0, 1, 2, ... index is hidden, the rows ``"total error"`` and
        ``"mean error"`` are bold, and the HTML ids
        are derived from the table's content, so the same table always gives the same HTML
        (a stored notebook output can then be compared with a new run).

    Examples
    --------
    >>> styled = money_table(error_table([90_000, 160_000], 150_000))
    >>> "$60,000" in styled.to_html(), float(styled.data.loc["total error", "error"])
    (True, 70000.0)
    """
    import hashlib

    import pandas as pd

    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"table must be a pandas DataFrame, got {type(table).__name__}")
    numeric = [c for c in table.columns if pd.api.types.is_numeric_dtype(table[c])]
    if money_columns is None:
        money_columns = numeric
    missing = [c for c in money_columns if c not in table.columns]
    if missing:
        raise ValueError(f"no such column(s) {missing}; columns: {list(table.columns)}")
    formats = {c: (money if c in money_columns
                   else "{:,}" if pd.api.types.is_integer_dtype(table[c])
                   else f"{{:,.{int(decimals)}f}}")
               for c in numeric}
    # Pandas gives every Styler a random id unless one is set; a hash of the content is
    # the same on every run.
    digest = hashlib.sha1(table.to_csv().encode()).hexdigest()[:10]
    styler = table.style.format(formats, na_rep="").set_uuid(f"erm{digest}")
    if isinstance(table.index, pd.RangeIndex) and table.index.name is None:
        styler = styler.hide(axis="index")
    bold = [row for row in _SUMMARY_ROWS if row in table.index]
    if bold:
        styler = styler.set_properties(subset=pd.IndexSlice[bold, :], **{"font-weight": "bold"})
    caption = table.attrs.get("caption") if caption is None else caption
    if caption:
        styler = styler.set_caption(caption)
    return styler


# Exercise judges for notebooks 01-03. Each one recomputes its expected answer from the
# functions above and, when the answer is not yet right, gives a hint without the answer.

def _as_pair(answer):
    """``answer`` as a tuple of two floats, or None if it is not two real numbers."""
    if isinstance(answer, (tuple, list, np.ndarray)) and len(answer) == 2:
        pair = [_as_float(a) for a in answer]
        if None not in pair:
            return tuple(pair)
    return None


def _near(a, b, atol):
    return abs(a - b) <= atol + 1e-9 * abs(b)


@_exercise("01.1")
def _judge_01_1(answer):
    """Mean error of the guess h = 100,000 on the five salaries."""
    y = load_salaries()
    h = 100_000
    expected = absolute_risk(h, y)
    value = _as_float(answer)
    if value is None:
        return False, "Give one number, in dollars (for example 12345)."
    if _near(value, expected, 0.5):
        return True, (f"The five errors add up to {money(expected * y.size)}, and "
                      f"{money(expected * y.size)} / {y.size} = {money(expected)}.")
    if _near(value, expected * y.size, 0.5):
        return False, ("That is the total error. The mean error divides the total by the "
                       "number of salaries.")
    if _near(abs(value), abs(np.mean(h - y)), 0.5):
        return False, ("Some of your errors cancelled: an error is a distance, so take "
                       "|h - y_i| of each salary before adding.")
    return False, (f"Write down the five errors |{money(h)} - y_i|, add them up, and "
                   "divide by how many there are.")


@_exercise("01.2")
def _judge_01_2(answer):
    """Mean errors of h1 = 150,000 and h2 = 115,000 on the professors' salaries."""
    y = load_professor_salaries()
    guesses = np.array([150_000.0, 115_000.0])
    expected = absolute_risk(guesses, y)
    pair = _as_pair(answer)
    if pair is None:
        return False, ("Give two numbers in parentheses: (mean error of h1, "
                       "mean error of h2).")
    if all(_near(a, e, 1.0) for a, e in zip(pair, expected)):
        better = "h2" if expected[1] < expected[0] else "h1"
        return True, (f"h1 is off by {money(expected[0])} on average and h2 by "
                      f"{money(expected[1])}: {better} is the better guess here too.")
    if all(_near(a, e, 1.0) for a, e in zip(pair, expected[::-1])):
        return False, "Both numbers are there, in the wrong order: h1's comes first."
    if all(_near(a, e * y.size, y.size) for a, e in zip(pair, expected)):
        return False, ("Those are total errors. The mean error divides by the number of "
                       "salaries.")
    return False, ("For each guess h, average |h - y_i| over all the salaries; "
                   "erm.absolute_risk(h, y) does that for you.")


@_exercise("02.1")
def _judge_02_1(answer):
    """Slope of the mean absolute error at h = 100,000 on the five salaries."""
    y = load_salaries()
    h = 100_000
    expected = absolute_risk_slope(h, y)
    value = _as_float(answer)
    if value is None:
        return False, "Give one number: the slope is a plain number, without units."
    if _near(value, expected, 1e-9):
        below, above = int(np.sum(y < h)), int(np.sum(y > h))
        return True, (f"{below} salaries lie below {money(h)} and {above} above, so the slope "
                      f"is ({below} - {above}) / {y.size} = {expected:g}.")
    if _near(value, -expected, 1e-9):
        return False, "Right size, wrong sign: it is (number below - number above) / n."
    if _near(value, expected * y.size, 1e-9):
        return False, "You have the difference of the counts; now divide by n."
    return False, (f"Count the salaries below {money(h)} and those above it; the slope is "
                   "(number below - number above) / n.")


@_exercise("02.2")
def _judge_02_2(answer):
    """Interval of minimizers after adding a sixth salary of 130,000."""
    y = np.append(load_salaries(), 130_000)
    low, high = absolute_risk_minimizers(y)
    value = _as_float(answer)
    if value is not None:
        if low <= value <= high:
            return False, ("That h is one of the minimizers, but not the only one: give both "
                           "ends of the interval, as (low, high).")
        return False, "Give both ends of the interval of minimizers, as (low, high)."
    pair = _as_pair(answer)
    if pair is None:
        return False, "Give two numbers in parentheses: (low, high)."
    if _near(pair[0], low, 0.5) and _near(pair[1], high, 0.5):
        return True, (f"Between {money(low)} and {money(high)} three salaries lie on each "
                      "side, so the slope is 0 there: a flat bottom.")
    if _near(pair[0], high, 0.5) and _near(pair[1], low, 0.5):
        return False, "Those are the ends, in the wrong order: the smaller one comes first."
    return False, ("Sort the six salaries. Where is the slope (below - above) / 6 equal to "
                   "zero? The ends of that stretch are data points.")


@_exercise("02.3")
def _judge_02_3(answer):
    """Smallest mean absolute error on the professors' salaries."""
    y = load_professor_salaries()
    best = absolute_risk_minimizers(y)[0]
    expected = absolute_risk(best, y)
    value = _as_float(answer)
    if value is None:
        return False, "Give one number, in dollars."
    if _near(value, expected, 1.0):
        return True, (f"R is smallest at the median, {money(best)}, where it is "
                      f"{money(expected)}.")
    if _near(value, best, 1.0):
        return False, ("That is where R is smallest, h*. The exercise asks for the value "
                       "R(h*) there.")
    if _near(value, absolute_risk(np.mean(y), y), 1.0):
        return False, "That is R at the mean. Is the mean where R is smallest?"
    return False, "Find the minimizer h* first (which statistic is it?), then compute R(h*)."


@_exercise("03.1")
def _judge_03_1(answer):
    """Smallest mean squared error after the 160,000 salary doubles to 320,000."""
    y = load_salaries()
    y_new = np.where(y == 160_000, 320_000.0, y)
    expected = squared_risk(squared_risk_minimizer(y_new), y_new)
    value = _as_float(answer)
    if value is None:
        return False, "Give one number, in dollars squared."
    if _near(value, expected, 0.5):
        return True, (f"The minimum is {expected:,.0f} dollars squared, the variance of the "
                      "new salaries: the outlier made it much larger.")
    if _near(value, squared_risk(squared_risk_minimizer(y), y), 0.5):
        return False, "That is the minimum before the raise. Use the salaries with 320,000."
    if _near(value, math.sqrt(expected), 0.5):
        return False, ("That is a square root, in dollars. The mean squared error is in "
                       "dollars squared.")
    if _near(value, expected * y.size / (y.size - 1), 0.5):
        return False, "Divide by n, not by n - 1: the risk is a plain mean."
    return False, ("First find the minimizer of R_sq for the new salaries, then evaluate "
                   "R_sq there.")


@_exercise("03.2")
def _judge_03_2(answer):
    """A function derivative(h, y) for the slope of the mean squared error."""
    if not callable(answer):
        return False, "Give a function of (h, y), such as def derivative(h, y): ..."
    y5 = load_salaries()
    cases = [(h, data) for data in (y5, np.where(y5 == 160_000, 320_000.0, y5),
                                    np.array([1.0, 2.0, 3.5]))
             for h in (0.0, 2.0, 96_000.0, 112_000.0, 250_000.0)]
    got, want = [], []
    for h, data in cases:
        try:
            result = answer(h, data.copy())
        except Exception as err:  # the student's code: report, never crash the check
            return False, f"Your function raised {type(err).__name__}: {err}"
        if result is None:
            return False, "Your function returns None: write your formula after return."
        value = _as_float(result)
        if value is None:
            return False, "Your function should return one number for one h."
        got.append(value)
        want.append(squared_risk_derivative(h, data))
    got, want = np.array(got), np.array(want)
    n = np.array([data.size for _, data in cases])

    def same(a, b):
        return bool(np.allclose(a, b, rtol=1e-9, atol=1e-6))

    if same(got, want):
        return True, (f"It agrees with erm.squared_risk_derivative at {len(cases)} test "
                      "points. Agreement at test points is evidence, not a proof: the "
                      "proof is the derivation above.")
    if same(got, want / 2):
        return False, "Half the right size: the chain rule brings down a factor 2."
    if same(got, -want):
        return False, "The sign is flipped: where h is above every y_i, R_sq is rising."
    if same(got, want * n):
        return False, "You summed where the risk takes a mean: divide by n."
    five = n == y5.size
    if same(got[five], want[five]) and not same(got, want):
        return False, ("Right on the five salaries but not on the three-value data set: "
                       "use len(y) inside the function, not a fixed n.")
    return False, ("Differentiate each term (h - y_i)^2 with the chain rule, then take the "
                   "mean over i.")


@_exercise("03.3")
def _judge_03_3(answer):
    """New mean and median when the 160,000 salary becomes 1,000,000."""
    y = load_salaries()
    y_new = np.where(y == 160_000, 1_000_000.0, y)
    expected = (squared_risk_minimizer(y_new), absolute_risk_minimizers(y_new)[0])
    pair = _as_pair(answer)
    if pair is None:
        return False, "Give two numbers in parentheses: (new mean, new median)."
    mean_ok, median_ok = (_near(a, e, 0.5) for a, e in zip(pair, expected))
    if mean_ok and median_ok:
        return True, (f"The mean moves to {money(expected[0])}; the median stays at "
                      f"{money(expected[1])}.")
    if _near(pair[0], expected[1], 0.5) and _near(pair[1], expected[0], 0.5):
        return False, "Both numbers are there, in the wrong order: the mean comes first."
    if median_ok:
        return False, ("The median is right. For the mean: the total grows by the raise, "
                       "and the mean by the raise divided by n.")
    if mean_ok:
        return False, ("The mean is right. For the median: does the middle salary change "
                       "when the largest one grows?")
    return False, ("Neither is right yet. Write out the five new salaries; the mean adds "
                   "and divides, the median takes the middle one after sorting.")


# --------------------------------------------------------------------------------------
# 9. Figures: pieces shared by every figure and explorer
# --------------------------------------------------------------------------------------

def _tex_money(x):
    """:func:`money` for matplotlib text, where a bare "$" would start a formula."""
    return money(x).replace("$", r"\$")


def _money_ticks(axis, nbins=4):
    """Label an axis in dollars ($100,000) with at most ``nbins`` intervals."""
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    axis.set_major_locator(MaxNLocator(nbins=nbins))
    axis.set_major_formatter(FuncFormatter(lambda v, _: _tex_money(v)))


def _money_or_huge(x):
    """Dollars, or scientific notation once a diverged iterate is astronomically large."""
    return money(x) if abs(x) < 1e9 else f"{x:.3g}"


def _as_h_grid(h):
    """Check predictions given for drawing: a 1-D array of at least two of them."""
    h = _as_h(h)
    if h.ndim != 1 or h.size < 2:
        raise ValueError(f"h must be a 1-D array of at least 2 predictions, "
                         f"got shape {h.shape}")
    return h


def _h_grid(y, h=None, extra=(), num=2000):
    """The predictions to draw: ``h`` if given, else the range of ``y`` (and ``extra``)
    with a quarter of its spread on each side."""
    if h is not None:
        return _as_h_grid(h)
    span = np.concatenate([y, np.ravel(extra)])
    spread = float(np.ptp(span)) or max(1.0, abs(float(span[0])))
    return np.linspace(span.min() - spread / 4, span.max() + spread / 4, num)


# --------------------------------------------------------------------------------------
# 9a. Figures for notebooks 01-03
# --------------------------------------------------------------------------------------
# Each function draws on ``ax`` (or ``axes``) when given, otherwise on a new small figure,
# and returns a dict of what it drew, so a test (or a curious reader) can read the data
# back: ``drawn["line"].get_ydata()``. The curves come from the fast risk functions above;
# dollar ticks use _money_ticks (section 9), so all notebooks label money alike.

# Colours used for the same things in every figure of notebooks 01-03.
_COLORS_9A = {"data": "black", "absolute": "C0", "squared": "C1", "median": "C0",
              "mean": "C1", "h1": "C3", "h2": "C2", "guess": "C4"}


def _axes_9a(ax, figsize, nrows=1, ncols=1, **subplots):
    """``ax`` if given, else new axes from ``plt.subplots`` on a figure of ``figsize``."""
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(nrows, ncols, figsize=figsize, layout="constrained", **subplots)
    return ax


def _h_grid_9a(y, h=None, points=400, pad=0.25):
    """The predictions to draw: ``h`` if given, else an even grid plus every data point.

    The grid reaches ``pad`` times the data's range beyond it on both sides, but not below
    0: the course minimizes over non-negative h. The data points are included so that a
    piecewise linear curve is drawn with its corners exactly where they are.
    """
    if h is not None:
        return np.sort(_as_h_grid(h))
    lo, hi = float(np.min(y)), float(np.max(y))
    margin = pad * (hi - lo) if hi > lo else max(1.0, 0.1 * abs(hi))
    lo, hi = max(0.0, lo - margin), hi + margin
    grid = np.union1d(np.linspace(lo, hi, points), y)
    return grid[(grid >= lo) & (grid <= hi)]


def plot_number_line(y, guesses=None, ax=None):
    """The data as dots on a number line, with named guesses marked above it.

    Parameters
    ----------
    y : array_like, 1-D
        The data (salaries, in dollars).
    guesses : dict, optional
        ``{label: h}``; each guess is a vertical tick with its label and value.
    ax : matplotlib Axes, optional
        Where to draw; a new 7 x 1.9 inch figure if omitted.

    Returns
    -------
    dict
        ``"data"``: the Line2D of the dots; ``"guesses"``: ``{label: Line2D}``;
        ``"labels"``: ``{label: Text}``.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> drawn = plot_number_line([90_000, 160_000], {"h1": 150_000})
    >>> drawn["guesses"]["h1"].get_xdata().tolist()
    [150000.0, 150000.0]
    >>> plt.close("all")
    """
    y = _as_data(y)
    guesses = dict(guesses or {})
    values = _as_h(list(guesses.values())) if guesses else np.array([])
    ax = _axes_9a(ax, (7, 1.9))
    ax.axhline(0, color="0.6", lw=1, zorder=1)
    data = ax.plot(y, np.zeros_like(y), "o", color=_COLORS_9A["data"], ms=6, zorder=3)[0]
    drawn = {"data": data, "guesses": {}, "labels": {}}
    # Labels of nearby guesses would overlap, so they alternate between two heights.
    order = np.argsort(values, kind="stable")
    for rank, i in enumerate(order):
        label, h = list(guesses)[i], float(values[i])
        top = 1.0 if rank % 2 == 0 else 2.1
        color = _COLORS_9A.get(label, _COLORS_9A["guess"])
        drawn["guesses"][label] = ax.plot([h, h], [-0.35, top], color=color, lw=2,
                                          zorder=2)[0]
        drawn["labels"][label] = ax.text(h, top + 0.1, f"{label} = {_tex_money(h)}",
                                         color=color, ha="center", va="bottom", fontsize=8)
    everything = np.concatenate([y, values])
    lo, hi = everything.min(), everything.max()
    margin = 0.08 * (hi - lo) if hi > lo else 1.0
    ax.set_xlim(lo - margin, hi + margin)
    ax.set_ylim(-0.8, 3.2)
    ax.set_yticks([])
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    _money_ticks(ax.xaxis)
    ax.set_xlabel(f"salary (dollars); dots: the {y.size} salaries")
    return drawn


def plot_absolute_loss(y_i, ax=None, h=None):
    """One term of the mean absolute error, :math:`|y_i - h|`, as a function of ``h``.

    A V with its corner at ``h = y_i``: slope -1 on the left, +1 on the right, and no
    slope at the corner itself.

    Parameters
    ----------
    y_i : float
        One data value.
    ax : matplotlib Axes, optional
        Where to draw; a new 4.5 x 2.8 inch figure if omitted.
    h : array_like, optional
        Predictions to draw at; by default 60,000 either side of ``y_i`` (not below 0).

    Returns
    -------
    dict
        ``"line"``: the V (Line2D); ``"kink"``: the marker at its corner.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> drawn = plot_absolute_loss(96_000)
    >>> float(drawn["line"].get_ydata().min()), drawn["kink"].get_xdata().tolist()
    (0.0, [96000.0])
    >>> plt.close("all")
    """
    y_i = float(_as_data([y_i])[0])
    if h is None:
        h = _h_grid_9a(np.array([y_i - 60_000.0, y_i, y_i + 60_000.0]), pad=0, points=241)
    else:
        h = _h_grid_9a(None, h)
    ax = _axes_9a(ax, (4.5, 2.8))
    line = ax.plot(h, absolute_loss(h, y_i), color=_COLORS_9A["absolute"],
                   label=f"|{_tex_money(y_i)} - h|")[0]
    kink = ax.plot([y_i], [0.0], "o", color=_COLORS_9A["data"], label="the corner at y_i")[0]
    left, right = (h[0] + y_i) / 2, (h[-1] + y_i) / 2
    for x, text in ((left, "slope -1"), (right, "slope +1")):
        ax.annotate(text, (x, abs(x - y_i)), xytext=(0, 8), textcoords="offset points",
                    ha="center", fontsize=8)
    _money_ticks(ax.xaxis)
    _money_ticks(ax.yaxis)
    ax.set_xlabel("h (dollars)")
    ax.set_ylabel("error (dollars)")
    ax.legend(fontsize=8, frameon=False, loc="upper center")
    return {"line": line, "kink": kink}


def plot_absolute_risk(y, ax=None, h=None, *, kinks=None, minimum=True, **line_kw):
    """The mean absolute error R(h) of the data ``y``, with its corners and its minimum.

    Parameters
    ----------
    y : array_like, 1-D
        The data.
    ax : matplotlib Axes, optional
        Where to draw; a new 5 x 3 inch figure if omitted.
    h : array_like, optional
        Predictions to draw at. Default: an even grid around the data (not below 0) plus
        every data point, so each corner is drawn where it is.
    kinks : bool, optional
        Mark the corners, one at each data value. Default: only for 50 values or fewer.
    minimum : bool, optional
        Mark the minimizer: a dot for one median, a shaded band when a whole interval of h
        minimizes R (even n).
    **line_kw
        Passed on to ``ax.plot`` for the curve (``label``, ``color``, ``ls``, ...).

    Returns
    -------
    dict
        ``"line"`` (the curve), ``"kinks"`` (markers or None), ``"minimum"`` (a marker for
        a single minimizer, else None) and ``"span"`` (the shaded band, else None).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> drawn = plot_absolute_risk(np.append(load_salaries(), 100_000))
    >>> span = drawn["span"]   # a Rectangle from x to x + width
    >>> float(span.get_x()), float(span.get_x() + span.get_width())
    (96000.0, 100000.0)
    >>> plt.close("all")
    """
    y = _as_data(y)
    h = _h_grid_9a(y, h)
    ax = _axes_9a(ax, (5, 3))
    color = line_kw.pop("color", _COLORS_9A["absolute"])
    line_kw.setdefault("label", "R(h), mean absolute error")
    line = ax.plot(h, absolute_risk(h, y), color=color, **line_kw)[0]
    drawn = {"line": line, "kinks": None, "minimum": None, "span": None}
    if kinks is None:
        kinks = y.size <= 50
    if kinks:
        corners = np.unique(y[(y >= h[0]) & (y <= h[-1])])
        drawn["kinks"] = ax.plot(corners, absolute_risk(corners, y), "o", ms=4,
                                 color=_COLORS_9A["data"], label="corners: the data")[0]
    if minimum:
        low, high = absolute_risk_minimizers(y)
        if low == high:
            drawn["minimum"] = ax.plot([low], [absolute_risk(low, y)], "*", ms=13,
                                       color=color, mec="black", zorder=4,
                                       label=f"minimum at the median, {_tex_money(low)}")[0]
        else:
            drawn["span"] = ax.axvspan(low, high, color=color, alpha=0.25, lw=0,
                                       label=f"every h in [{_tex_money(low)}, {_tex_money(high)}]")
    _money_ticks(ax.xaxis)
    _money_ticks(ax.yaxis)
    ax.set_xlabel("h (dollars)")
    ax.set_ylabel("R(h) (dollars)")
    ax.legend(fontsize=8, frameon=False)
    return drawn


def _slope_pieces_9a(y, lo, hi):
    """The stretches between neighbouring data values inside [lo, hi], as (a, b) pairs."""
    edges = np.concatenate([[lo], np.unique(y[(y > lo) & (y < hi)]), [hi]])
    return edges[:-1], edges[1:]


def plot_slope_steps(y, ax=None, h=None, *, numeric=True):
    """The slope of R(h), (#below h - #above h) / n, as a step function.

    Parameters
    ----------
    y : array_like, 1-D
        The data.
    ax : matplotlib Axes, optional
        Where to draw; a new 5 x 2.2 inch figure if omitted.
    h : array_like, optional
        Only its smallest and largest values are used, as the range to draw.
    numeric : bool, optional
        Also draw numerical slopes (R(h + d) - R(h - d)) / (2 d) as dots, three in each
        stretch between data values, with d an eighth of the stretch.

    Returns
    -------
    dict
        ``"steps"``: one flat segment per stretch (segments separated by NaN);
        ``"numeric"``: the dots, or None; ``"zero"``: the line at slope 0.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> drawn = plot_slope_steps(load_salaries())
    >>> np.unique(drawn["numeric"].get_ydata()).round(12).tolist()
    [-1.0, -0.6, -0.2, 0.2, 0.6, 1.0]
    >>> plt.close("all")
    """
    y = _as_data(y)
    grid = _h_grid_9a(y, h)
    ax = _axes_9a(ax, (5, 2.2))
    a, b = _slope_pieces_9a(y, grid[0], grid[-1])
    slope = absolute_risk_slope((a + b) / 2, y)
    gap = np.full_like(a, np.nan)
    xs = np.column_stack([a, b, gap]).ravel()
    ys = np.column_stack([slope, slope, gap]).ravel()
    zero = ax.axhline(0, color="0.6", lw=1)
    steps = ax.plot(xs, ys, color=_COLORS_9A["absolute"], lw=2,
                    label="(#below - #above) / n")[0]
    drawn = {"steps": steps, "numeric": None, "zero": zero}
    if numeric:
        width = b - a
        hs = (a[:, None] + width[:, None] * np.array([0.25, 0.5, 0.75])).ravel()
        d = np.repeat(width / 8, 3)
        estimate = (absolute_risk(hs + d, y) - absolute_risk(hs - d, y)) / (2 * d)
        drawn["numeric"] = ax.plot(hs, estimate, "o", ms=4, mfc="white",
                                   color=_COLORS_9A["data"], label="numerical slope")[0]
    _money_ticks(ax.xaxis)
    ax.set_ylim(-1.15, 1.15)
    ax.set_xlabel("h (dollars)")
    ax.set_ylabel("slope of R")
    ax.legend(fontsize=8, frameon=False, loc="upper left")
    return drawn


def plot_risk_and_slope(y, axes=None, h=None):
    """R(h) on top and its slope as a step function underneath, on the same h axis.

    Parameters
    ----------
    y : array_like, 1-D
        The data.
    axes : pair of matplotlib Axes, optional
        (top, bottom); a new 5.5 x 4.6 inch figure with a shared h axis if omitted.
    h : array_like, optional
        Predictions to draw at (see :func:`plot_absolute_risk`).

    Returns
    -------
    dict
        ``"risk"``: what :func:`plot_absolute_risk` drew; ``"slope"``: what
        :func:`plot_slope_steps` drew.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> drawn = plot_risk_and_slope(load_salaries())
    >>> sorted(drawn)
    ['risk', 'slope']
    >>> plt.close("all")
    """
    y = _as_data(y)
    grid = _h_grid_9a(y, h)
    top, bottom = _axes_9a(axes, (5.5, 4.6), nrows=2, sharex=True,
                           height_ratios=[3, 2])
    risk = plot_absolute_risk(y, top, grid)
    top.set_xlabel("")
    slope = plot_slope_steps(y, bottom, grid)
    for x in np.unique(y):
        bottom.axvline(x, color="0.85", lw=1, zorder=0)
    return {"risk": risk, "slope": slope}


def plot_squared_risk(y, ax=None, h=None, *, minimum=True, **line_kw):
    """The mean squared error R_sq(h) of the data ``y``, with its minimum at the mean.

    Parameters
    ----------
    y : array_like, 1-D
        The data.
    ax : matplotlib Axes, optional
        Where to draw; a new 5 x 3 inch figure if omitted.
    h : array_like, optional
        Predictions to draw at; by default an even grid around the data (not below 0).
    minimum : bool, optional
        Mark the minimizer, the mean.
    **line_kw
        Passed on to ``ax.plot`` for the curve.

    Returns
    -------
    dict
        ``"line"`` (the curve) and ``"minimum"`` (its marker, or None).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> drawn = plot_squared_risk(load_salaries())
    >>> float(drawn["minimum"].get_ydata()[0])
    686400000.0
    >>> plt.close("all")
    """
    y = _as_data(y)
    h = _h_grid_9a(y, h)
    ax = _axes_9a(ax, (5, 3))
    color = line_kw.pop("color", _COLORS_9A["squared"])
    line_kw.setdefault("label", "R_sq(h), mean squared error")
    line = ax.plot(h, squared_risk(h, y), color=color, **line_kw)[0]
    drawn = {"line": line, "minimum": None}
    if minimum:
        best = squared_risk_minimizer(y)
        drawn["minimum"] = ax.plot(np.array([best]), np.array([squared_risk(best, y)]), "*",
                                   ms=13, color=color, mec="black", zorder=4,
                                   label=f"minimum at the mean, {_tex_money(best)}")[0]
    _money_ticks(ax.xaxis)
    ax.set_xlabel("h (dollars)")
    ax.set_ylabel("R_sq(h) (dollars squared)")
    ax.legend(fontsize=8, frameon=False)
    return drawn


def plot_both_risks(y, axes=None, h=None):
    """The mean absolute error and the mean squared error of ``y``, side by side.

    Parameters
    ----------
    y : array_like, 1-D
        The data.
    axes : pair of matplotlib Axes, optional
        (left, right); a new 7.5 x 3 inch figure if omitted.
    h : array_like, optional
        Predictions to draw at (the same for both).

    Returns
    -------
    dict
        ``"absolute"``: what :func:`plot_absolute_risk` drew; ``"squared"``: what
        :func:`plot_squared_risk` drew.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> drawn = plot_both_risks(load_salaries())
    >>> drawn["absolute"]["minimum"].get_xdata().tolist()
    [96000.0]
    >>> plt.close("all")
    """
    y = _as_data(y)
    grid = _h_grid_9a(y, h)
    left, right = _axes_9a(axes, (7.5, 3), ncols=2)
    absolute = plot_absolute_risk(y, left, grid)
    squared = plot_squared_risk(y, right, grid)
    left.set_title("mean absolute error", fontsize=9)
    right.set_title("mean squared error", fontsize=9)
    return {"absolute": absolute, "squared": squared}


def plot_outlier_experiment(y, y_new, axes=None):
    """Both risks before and after a change to the data (such as one salary doubling).

    Parameters
    ----------
    y, y_new : array_like, 1-D
        The data before and after.
    axes : pair of matplotlib Axes, optional
        (left, right); a new 7.5 x 3.2 inch figure if omitted.

    Returns
    -------
    dict
        ``{"absolute": {"before": ..., "after": ...}, "squared": {...}}``, each the dict
        that :func:`plot_absolute_risk` or :func:`plot_squared_risk` returned.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> y = load_salaries()
    >>> drawn = plot_outlier_experiment(y, np.where(y == 160_000, 320_000, y))
    >>> [float(drawn["squared"][k]["minimum"].get_xdata()[0]) for k in ("before", "after")]
    [112000.0, 144000.0]
    >>> plt.close("all")
    """
    y, y_new = _as_data(y), _as_data(y_new)
    grid = _h_grid_9a(np.concatenate([y, y_new]))
    left, right = _axes_9a(axes, (7.5, 3.2), ncols=2)
    drawn = {"absolute": {}, "squared": {}}
    for key, data, style in (("before", y, "-"), ("after", y_new, "--")):
        drawn["absolute"][key] = plot_absolute_risk(data, left, grid, kinks=False,
                                                    ls=style, label=f"R(h) {key}")
        drawn["squared"][key] = plot_squared_risk(data, right, grid, ls=style,
                                                  label=f"R_sq(h) {key}")
    # The stars' legend entries repeat the curves'; name the minimizers in the titles.
    for ax, name in ((left, "absolute"), (right, "squared")):
        for key in ("before", "after"):
            for part in ("minimum", "span"):   # a star, or a band when n is even
                if drawn[name][key].get(part) is not None:
                    drawn[name][key][part].set_label("_nolegend_")
        ax.legend(fontsize=8, frameon=False)
    median_shift = absolute_risk_minimizers(y_new)[0] - absolute_risk_minimizers(y)[0]
    mean_shift = squared_risk_minimizer(y_new) - squared_risk_minimizer(y)
    left.set_title(f"mean absolute error: the median moves {_tex_money(median_shift)}",
                   fontsize=9)
    right.set_title(f"mean squared error: the mean moves {_tex_money(mean_shift)}",
                    fontsize=9)
    return drawn


def plot_salary_histogram(y, ax=None, bins=30):
    """A histogram of the data with its mean and median marked.

    Parameters
    ----------
    y : array_like, 1-D
        The data.
    ax : matplotlib Axes, optional
        Where to draw; a new 6 x 2.8 inch figure if omitted.
    bins : int, optional
        Number of bars.

    Returns
    -------
    dict
        ``"bars"`` (the BarContainer), ``"mean"`` and ``"median"`` (vertical lines).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> drawn = plot_salary_histogram(load_professor_salaries())
    >>> float(drawn["median"].get_xdata()[0])
    107300.0
    >>> plt.close("all")
    """
    y = _as_data(y)
    bins = _check_count("bins", bins)
    ax = _axes_9a(ax, (6, 2.8))
    bars = ax.hist(y, bins=bins, color="0.75", edgecolor="white")[2]
    mean, median = squared_risk_minimizer(y), absolute_risk_minimizers(y)
    median = (median[0] + median[1]) / 2
    drawn = {"bars": bars}
    for name, value, style in (("mean", mean, "--"), ("median", median, "-")):
        drawn[name] = ax.axvline(value, color=_COLORS_9A[name], ls=style, lw=2,
                                 label=f"{name} {_tex_money(value)}")
    _money_ticks(ax.xaxis)
    ax.set_xlabel("salary (dollars)")
    ax.set_ylabel("number of people")
    ax.legend(fontsize=8, frameon=False)
    return drawn


# --------------------------------------------------------------------------------------
# 9b. Figures for notebooks 04-05: the UCSD loss and gradient descent
# --------------------------------------------------------------------------------------
# Static figures, stored as PNG in the notebooks so they teach without a running kernel.
# Each function takes ``ax=None`` (or ``axes=None``): without axes it makes a new pyplot
# figure. Each returns what it drew, so the tests can compare the line data with the
# functions of sections 2-6.

#: The four scales (dollars) at which the course draws the UCSD risk of the five salaries.
UCSD_SIGMAS = (3_000, 4_500, 10_000, 21_000)


def _fig45_axes(axes, count, ncols=2, panel=(4.2, 3.0)):
    """``count`` axes: the first ones of ``axes`` (any nesting), or a new figure's panels."""
    if axes is None:
        import matplotlib.pyplot as plt

        ncols = max(1, min(ncols, count))
        nrows = math.ceil(count / ncols)
        fig, grid = plt.subplots(nrows, ncols, squeeze=False, layout="constrained",
                                 figsize=(panel[0] * ncols, panel[1] * nrows))
        flat = list(grid.ravel())
        for spare in flat[count:]:
            fig.delaxes(spare)
        return flat[:count]
    flat = list(np.ravel(np.asarray(axes, dtype=object)))
    if len(flat) < count:
        raise ValueError(f"need {count} axes, got {len(flat)}")
    return flat[:count]


def _fig45_rug(ax, y):
    """Tick marks for the data along the bottom of ``ax`` (x in data units)."""
    (rug,) = ax.plot(y, np.full(y.size, 0.04), "|", color="C3", ms=10, alpha=0.7,
                     transform=ax.get_xaxis_transform(), label="data")
    return rug


def plot_ucsd_loss(sigmas=(5_000, 10_000, 21_000), *, y=100_000, ax=None, h=None):
    r"""Draw the UCSD loss :math:`1 - e^{-(h - y)^2/\sigma^2}` of one data point.

    One curve per ``sigma``: an upside-down bell with its lowest point, 0, at ``h == y``,
    levelling off at 1 (drawn dashed) a few ``sigma`` away.

    Parameters
    ----------
    sigmas : sequence of float
        Scales to draw, in dollars; each positive.
    y : float, optional
        The data point (a salary).
    ax : matplotlib Axes, optional
        Where to draw; by default a new figure.
    h : array_like, optional
        Predictions to draw at; by default ``y`` plus or minus three times the largest
        sigma.

    Returns
    -------
    dict
        ``"lines"`` (one Line2D per sigma), ``"level"`` (the dashed line at 1) and
        ``"data"`` (the marker at ``y``).

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> drawn = plot_ucsd_loss([10_000], ax=Figure().subplots())
    >>> x, loss = drawn["lines"][0].get_data()
    >>> bool(np.allclose(loss, ucsd_loss(x, 100_000, 10_000)))
    True
    """
    sigmas = [_check_positive("sigma", s) for s in sigmas]
    if not sigmas:
        raise ValueError("sigmas must hold at least one scale")
    y = float(_as_h(y))
    widest = max(sigmas)
    h = _h_grid(np.array([y - 3 * widest, y + 3 * widest]), h, num=1201)
    (ax,) = _fig45_axes(ax, 1, panel=(6.4, 3.6))
    lines = []
    for sigma in sigmas:
        (line,) = ax.plot(h, ucsd_loss(h, y, sigma), lw=2, label=f"σ = {money(sigma)}")
        lines.append(line)
    level = ax.axhline(1.0, color="0.5", ls="--", lw=1, label="level 1")
    (data,) = ax.plot([y], [0.0], "x", color="C3", ms=10, mew=2, label=f"y = {money(y)}")
    ax.set_xlabel("prediction h")
    ax.set_ylabel("loss  1 - exp(-(h - y)² / σ²)")
    ax.set_ylim(-0.05, 1.12)
    _money_ticks(ax.xaxis, nbins=6)
    ax.legend(loc="lower right", fontsize="small")
    ax.set_title("The UCSD loss of one salary")
    return {"lines": lines, "level": level, "data": data}


def plot_ucsd_risk(y, sigma, *, ax=None, h=None, legend=True):
    r"""Draw the UCSD risk of ``y`` at one ``sigma``, with its local and global minima.

    Parameters
    ----------
    y : array_like, 1-D
        The data.
    sigma : float
        Scale in dollars; positive.
    ax : matplotlib Axes, optional
        Where to draw; by default a new figure.
    h : array_like, optional
        Predictions to draw the curve at; by default the data's range with a quarter of
        its spread on each side.
    legend : bool, optional
        Whether to add a legend.

    Returns
    -------
    dict
        ``"curve"`` (the risk, Line2D), ``"minima"`` (circles at
        :func:`ucsd_local_minima`), ``"global"`` (a star at
        :func:`ucsd_global_minimizer`) and ``"data"`` (ticks along the bottom).

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> drawn = plot_ucsd_risk(load_salaries(), 21_000, ax=Figure().subplots())
    >>> drawn["minima"].get_xdata().round(-2), drawn["global"].get_xdata().round(-2)
    (array([ 95600., 158700.]), array([95600.]))
    """
    sigma = _check_positive("sigma", sigma)
    y = _as_data(y)
    h = _h_grid(y, h)
    (ax,) = _fig45_axes(ax, 1, panel=(6.4, 3.6))
    minima = ucsd_local_minima(y, sigma)
    best = ucsd_global_minimizer(y, sigma)
    values = ucsd_risk(h, y, sigma)
    (curve,) = ax.plot(h, values, color="C0", lw=1.8, label="risk R(h)")
    (marks,) = ax.plot(minima, ucsd_risk(minima, y, sigma), "o", mfc="none", mec="C1",
                       ms=8, mew=1.5, label="local minima")
    (star,) = ax.plot([best], [ucsd_risk(best, y, sigma)], "*", color="C3", ms=13,
                      label="global minimum")
    rug = _fig45_rug(ax, y)
    # Room below the curve for the data ticks, so they never hide the minima.
    low, high = float(values.min()), float(values.max())
    spread = high - low or 0.1
    ax.set_ylim(low - 0.22 * spread, high + 0.06 * spread)
    count = minima.size
    # "\\$" keeps matplotlib from reading the text between two dollar signs as math.
    ax.set_title(f"σ = {money(sigma)}: {count} local minim{'um' if count == 1 else 'a'}, "
                 f"global at {money(best)}".replace("$", r"\$"), fontsize="small")
    ax.set_xlabel("prediction h")
    ax.set_ylabel("UCSD risk")
    _money_ticks(ax.xaxis)
    if legend:
        ax.legend(loc="lower left", bbox_to_anchor=(0.0, 0.12), fontsize="x-small")
    return {"curve": curve, "minima": marks, "global": star, "data": rug}


def plot_ucsd_risk_grid(y, sigmas=UCSD_SIGMAS, *, axes=None, h=None, ncols=2):
    """Small multiples: the UCSD risk of ``y`` at several sigmas, one panel each.

    Parameters
    ----------
    y : array_like, 1-D
        The data.
    sigmas : sequence of float, optional
        One panel per scale; by default the course's four, :data:`UCSD_SIGMAS`.
    axes : array of matplotlib Axes, optional
        At least ``len(sigmas)`` axes; by default a new figure with ``ncols`` columns.
    h : array_like, optional
        Predictions to draw at, the same in every panel.
    ncols : int, optional
        Columns of a new figure.

    Returns
    -------
    list of dict
        One :func:`plot_ucsd_risk` result per sigma, in order.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> panels = plot_ucsd_risk_grid(load_salaries(), axes=Figure().subplots(2, 2))
    >>> [p["minima"].get_xdata().size for p in panels]
    [3, 3, 3, 2]
    """
    y = _as_data(y)
    sigmas = [_check_positive("sigma", s) for s in sigmas]
    if not sigmas:
        raise ValueError("sigmas must hold at least one scale")
    ncols = _check_count("ncols", ncols)
    h = _h_grid(y, h)
    axes = _fig45_axes(axes, len(sigmas), ncols)
    panels = [plot_ucsd_risk(y, s, ax=ax, h=h, legend=False) for s, ax in zip(sigmas, axes)]
    # One legend for all panels, below them (inside any panel it would hide a curve).
    first = panels[0]
    axes[0].figure.legend(handles=[first["curve"], first["minima"], first["global"],
                                   first["data"]], loc="outside lower center", ncols=4,
                          fontsize="small", frameon=False)
    return panels


def plot_ucsd_derivative(y, sigma, *, ax=None, h=None, points=25, step=None):
    r"""Draw the derivative of the UCSD risk and check it with finite differences.

    The line is :func:`ucsd_risk_derivative`; the dots are central differences of
    :func:`ucsd_risk`, :math:`(R(h + d) - R(h - d)) / 2d`, at ``points`` predictions.

    Parameters
    ----------
    y : array_like, 1-D
        The data.
    sigma : float
        Scale in dollars; positive.
    ax : matplotlib Axes, optional
        Where to draw; by default a new figure.
    h : array_like, optional
        Predictions to draw the line at; by default as in :func:`plot_ucsd_risk`.
    points : int, optional
        How many finite-difference dots, evenly spaced over ``h``.
    step : float, optional
        The difference step ``d`` in dollars; by default ``sigma / 1000``.

    Returns
    -------
    dict
        ``"formula"`` (Line2D of the derivative), ``"finite_difference"`` (the dots) and
        ``"zero"`` (the horizontal line at 0).

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> drawn = plot_ucsd_derivative(load_salaries(), 21_000, ax=Figure().subplots())
    >>> x, slope = drawn["finite_difference"].get_data()
    >>> bool(np.allclose(slope, ucsd_risk_derivative(x, load_salaries(), 21_000)))
    True
    """
    sigma = _check_positive("sigma", sigma)
    y = _as_data(y)
    points = _check_count("points", points)
    step = sigma / 1000 if step is None else _check_positive("step", step)
    h = _h_grid(y, h)
    (ax,) = _fig45_axes(ax, 1, panel=(6.4, 3.6))
    dots = np.linspace(h.min(), h.max(), points)
    numeric = (ucsd_risk(dots + step, y, sigma) - ucsd_risk(dots - step, y, sigma)) / (2 * step)
    zero = ax.axhline(0.0, color="0.5", lw=1)
    (formula,) = ax.plot(h, ucsd_risk_derivative(h, y, sigma), color="C0", lw=1.8,
                         label="formula R'(h)")
    (fd,) = ax.plot(dots, numeric, "o", color="C1", ms=5,
                    label=f"(R(h + d) - R(h - d)) / 2d, d = {money(step, 2)}")
    _fig45_rug(ax, y)
    ax.set_xlabel("prediction h")
    ax.set_ylabel("R'(h)  (per dollar)")
    ax.set_title(f"Derivative of the UCSD risk, σ = {money(sigma)}", fontsize="medium")
    _money_ticks(ax.xaxis, nbins=6)
    ax.legend(loc="lower right", fontsize="x-small")
    return {"formula": formula, "finite_difference": fd, "zero": zero}


def _fig45_problem(y, risk, sigma):
    """(risk, derivative, name) of the squared or the UCSD risk of ``y`` (checked)."""
    if risk == "squared":
        return ((lambda h: squared_risk(h, y)), (lambda h: squared_risk_derivative(h, y)),
                "squared risk")
    if risk == "ucsd":
        if sigma is None:
            raise ValueError("the UCSD risk needs sigma")
        sigma = _check_positive("sigma", sigma)
        return ((lambda h: ucsd_risk(h, y, sigma)),
                (lambda h: ucsd_risk_derivative(h, y, sigma)),
                f"UCSD risk, σ = {money(sigma)}")
    raise ValueError(f"risk must be 'squared' or 'ucsd', got {risk!r}")


def _fig45_runs(alphas, h0):
    """Pairs (alpha, h0), broadcast: either may be one number or a 1-D sequence."""
    alphas = _as_numbers(alphas, "alphas")
    h0 = _as_numbers(h0, "h0")
    if alphas.ndim > 1 or h0.ndim > 1:
        raise ValueError("alphas and h0 must be numbers or 1-D sequences")
    try:
        alphas, h0 = np.broadcast_arrays(np.atleast_1d(alphas), np.atleast_1d(h0))
    except ValueError:
        raise ValueError(f"alphas ({alphas.size}) and h0 ({h0.size}) must have the same "
                         "length, or one of them be a single number") from None
    if alphas.size == 0:
        raise ValueError("alphas must hold at least one learning rate")
    for a in alphas:
        _check_positive("alpha", float(a))
    return [(float(a), float(s)) for a, s in zip(alphas, h0)]


def plot_descent_paths(y, alphas, h0, *, risk="squared", sigma=None, tol=1e-6,
                       max_iter=500, axes=None, h=None, ncols=3):
    r"""Small multiples: gradient descent from ``h0`` drawn on the risk curve, per alpha.

    Each panel runs :func:`gradient_descent` on the squared or the UCSD risk of ``y`` and
    joins the iterates :math:`(h_i, R(h_i))` in order. The view is the curve's, so a
    diverging path runs off the panel.

    Parameters
    ----------
    y : array_like, 1-D
        The data.
    alphas : float or sequence of float
        Learning rates, one panel each (positive).
    h0 : float or sequence of float
        Starts: one for all panels, or one per alpha.
    risk : {"squared", "ucsd"}
        Which risk to descend.
    sigma : float, optional
        Scale of the UCSD risk (needed for ``risk="ucsd"``). Titles then give alpha in
        units of sigma squared.
    tol, max_iter : optional
        Passed to :func:`gradient_descent`.
    axes : array of matplotlib Axes, optional
        At least one per run; by default a new figure with ``ncols`` columns.
    h : array_like, optional
        Predictions to draw the curve at.
    ncols : int, optional
        Columns of a new figure.

    Returns
    -------
    list of dict
        Per run: ``"curve"`` and ``"path"`` (Line2D), ``"start"`` (the marker at h0) and
        ``"result"`` (the :class:`DescentResult`).

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> y = load_salaries()
    >>> runs = plot_descent_paths(y, [0.5, 1.5], 150_000, axes=Figure().subplots(1, 2))
    >>> runs[0]["path"].get_xdata(), runs[1]["result"].outcome
    (array([150000., 112000., 112000.]), 'diverged')
    """
    y = _as_data(y)
    R, dR, name = _fig45_problem(y, risk, sigma)
    runs = _fig45_runs(alphas, h0)
    ncols = _check_count("ncols", ncols)
    h = _h_grid(y, h, extra=[start for _, start in runs])
    curve_values = R(h)
    low, high = float(curve_values.min()), float(curve_values.max())
    pad = 0.06 * (high - low or 1.0)
    axes = _fig45_axes(axes, len(runs), ncols, panel=(3.6, 2.9))
    drawn = []
    for (alpha, start), ax in zip(runs, axes):
        result = gradient_descent(dR, start, alpha, tol=tol, max_iter=max_iter)
        (curve,) = ax.plot(h, curve_values, color="C0", lw=1.5)
        with np.errstate(over="ignore"):   # a diverged path's risk may be huge; never drawn
            path_risk = R(result.path)
        (path,) = ax.plot(result.path, path_risk, "-o", color="C1", ms=3.5, lw=1,
                          label="iterates, in order")
        (first,) = ax.plot([start], [R(start)], "s", color="C2", ms=7, label="start h₀")
        ax.set_xlim(h.min(), h.max())
        ax.set_ylim(low - pad, high + pad)
        rate = (f"α = {alpha / sigma ** 2:g}σ²" if risk == "ucsd" else f"α = {alpha:g}")
        title = (f"{rate}, h₀ = {money(start)}: {OUTCOMES[result.outcome]}\n"
                 f"{result.steps} steps, final h = {_money_or_huge(result.h)}")
        ax.set_title(title.replace("$", r"\$"), fontsize="small")
        ax.set_xlabel("prediction h")
        _money_ticks(ax.xaxis, nbins=3)
        drawn.append({"curve": curve, "path": path, "start": first, "result": result})
    axes[0].set_ylabel(name)
    axes[0].legend(loc="upper center", fontsize="x-small")
    return drawn


def plot_descent_errors(y, alphas, h0, *, tol=1e-6, max_iter=40, ax=None):
    r"""The error :math:`|h_i - \bar y|` per step of descent on the squared risk, log scale.

    Dots are the measured errors of :func:`gradient_descent`; the dashed line of the
    same colour is the prediction :math:`|1 - 2\alpha|^i \, |h_0 - \bar y|`. An error of
    exactly 0 cannot sit on a log scale and is left out.

    Parameters
    ----------
    y : array_like, 1-D
        The data.
    alphas : float or sequence of float
        Learning rates (positive), one pair of lines each.
    h0 : float or sequence of float
        Starts: one for all, or one per alpha.
    tol, max_iter : optional
        Passed to :func:`gradient_descent`; the default cap keeps the picture short.
    ax : matplotlib Axes, optional
        Where to draw; by default a new figure.

    Returns
    -------
    list of dict
        Per alpha: ``"measured"`` and ``"predicted"`` (Line2D) and ``"result"``.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> runs = plot_descent_errors(load_salaries(), 0.25, 150_000, ax=Figure().subplots())
    >>> runs[0]["measured"].get_ydata()[:3]
    array([38000., 19000.,  9500.])
    """
    y = _as_data(y)
    mean = squared_risk_minimizer(y)
    runs = _fig45_runs(alphas, h0)
    (ax,) = _fig45_axes(ax, 1, panel=(6.4, 3.8))
    drawn = []
    for k, (alpha, start) in enumerate(runs):
        result = gradient_descent(lambda h: squared_risk_derivative(h, y), start, alpha,
                                  tol=tol, max_iter=max_iter)
        steps = np.arange(result.path.size)
        error = np.abs(result.path - mean)
        with np.errstate(over="ignore"):
            predicted = np.abs(1 - 2 * alpha) ** steps * abs(start - mean)
        label = f"α = {alpha:g}"
        if np.any(error == 0):
            label += f" (error 0 from step {int(np.argmax(error == 0))})"
        color = f"C{k % 10}"
        (pred,) = ax.plot(steps, np.where(predicted > 0, predicted, np.nan), "--",
                          color=color, lw=1)
        (meas,) = ax.plot(steps, np.where(error > 0, error, np.nan), "o", color=color,
                          ms=3.5, label=label)
        drawn.append({"measured": meas, "predicted": pred, "result": result})
    ax.set_yscale("log")
    ax.set_xlabel("step i")
    ax.set_ylabel("|h_i - mean|  (dollars)")
    ax.set_title("Error per step: dots measured, dashes (1 - 2α)^i |h₀ - mean|",
                 fontsize="medium")
    ax.legend(fontsize="x-small", loc="best")
    return drawn


# --------------------------------------------------------------------------------------
# 10. Explorers: the sigma and alpha sliders
# --------------------------------------------------------------------------------------
# Each explorer builds its figure once and, on every slider move, only replaces line data
# (set_data) and asks for a redraw (draw_idle). What a move did not change is not
# recomputed: risk curves are cached per sigma, the data are checked and sorted once.
# The figure is a plain matplotlib Figure inside an ipympl Canvas made here, not through
# pyplot, so it is never shown twice, never kept alive by pyplot, and works under any
# backend (and in plain pytest, where tests set slider values and read the line data).

_CACHE_SIZE = 64   # risk curves kept per explorer (one per sigma value visited)


def _nice(x):
    """Round ``x > 0`` down to 1, 2 or 5 times a power of ten."""
    power = 10.0 ** math.floor(math.log10(x))
    return max(m for m in (1, 2, 5, 10) if m * power <= x * (1 + 1e-12)) * power


def _sigma_slider_settings(y):
    """A sigma range that suits the spread of the data: (min, max, step)."""
    spread = float(np.ptp(y)) or max(1.0, abs(float(y[0])))
    low = _nice(spread / 70)
    return low, _nice(spread), low / 10


def _ipympl_figure(width, height):
    """A Figure inside an ipympl Canvas widget, made without pyplot."""
    import sys

    import matplotlib

    if "ipympl" not in sys.modules:
        # ipympl/__init__.py calls matplotlib.use("module://ipympl.backend_nbagg") when
        # first imported, which would turn every later static pyplot figure of the
        # notebook into a widget instead of an inline PNG. The Canvas made here needs no
        # pyplot backend, so the switch is skipped for the duration of that one import.
        use = matplotlib.use
        matplotlib.use = lambda *args, **kwargs: None
        try:
            import ipympl  # noqa: F401
        finally:
            matplotlib.use = use
    from ipympl.backend_nbagg import Canvas, FigureManager
    from matplotlib.figure import Figure

    # Fixed margins rather than a layout engine: a redraw then costs about half as much.
    figure = Figure(figsize=(width, height), dpi=100)
    figure.subplots_adjust(left=0.1, right=0.98, bottom=0.15, top=0.9)
    canvas = Canvas(figure)
    with warnings.catch_warnings():
        # ipympl's toolbar passes its canvas on to traitlets, which warns; not ours to fix.
        warnings.filterwarnings("ignore", "Passing unrecognized arguments",
                                DeprecationWarning)
        FigureManager(canvas, 0)    # handles the messages from the browser
    canvas.header_visible = False
    canvas.footer_visible = False
    canvas.resizable = False
    canvas.toolbar_visible = "fade-in-fade-out"
    return figure, canvas


class _LRU(OrderedDict):
    """A dict that forgets its least recently used entry past ``_CACHE_SIZE``."""

    def get_or_make(self, key, make):
        if key in self:
            self.move_to_end(key)
        else:
            if len(self) >= _CACHE_SIZE:
                self.popitem(last=False)
            self[key] = make()
        return self[key]


def _make_explorer_classes():
    """Define the explorer widgets; ipywidgets is imported here, not on module import."""
    import ipywidgets as widgets

    class UcsdExplorer(widgets.VBox):
        """A sigma slider over the UCSD risk; see :func:`ucsd_explorer`."""

        def __init__(self, y, sigma, sigma_range, grid_size):
            self.y = y
            self.grid = _h_grid(y, num=grid_size)
            self._curves = _LRU()
            low, high, step = sigma_range
            self.sigma_slider = widgets.FloatSlider(
                value=_on_grid(sigma, low, step), min=low, max=high, step=step,
                description="σ ($)",
                readout_format=",.0f", continuous_update=True,
                style={"description_width": "initial"},
                layout=widgets.Layout(width="520px"))
            self.readout = widgets.HTML()
            self.figure, self.canvas = _ipympl_figure(7.0, 3.2)
            ax = self.ax = self.figure.add_subplot()
            ax.plot(y, np.zeros_like(y), "|", color="0.3", markersize=12, label="data")
            (self.line,) = ax.plot(self.grid, np.zeros_like(self.grid), color="C0",
                                   label="UCSD risk")
            (self.minima_line,) = ax.plot([], [], "v", color="C1", markersize=7,
                                          label="local minima")
            (self.global_line,) = ax.plot([], [], "*", color="C3", markersize=14,
                                          label="global minimum")
            # A fixed title: sigma is in the readout, so only the curve and its marks
            # change on a move (the browser test compares the pixels of the figure).
            ax.set(xlim=(self.grid[0], self.grid[-1]), ylim=(-0.03, 1.0),
                   xlabel="prediction h", ylabel="risk R(h)", title="UCSD risk")
            _money_ticks(ax.xaxis, nbins=6)
            # The key is HTML beside the figure, not a legend inside it: a legend is
            # redrawn on every move and cost a fifth of each frame.
            key = widgets.HTML('<span style="color:#555">| data &nbsp; '
                               '<span style="color:#1f77b4">━ UCSD risk</span> &nbsp; '
                               '<span style="color:#ff7f0e">▼ local minima</span> &nbsp; '
                               '<span style="color:#d62728">★ global minimum</span></span>')
            self.sigma_slider.observe(self._on_change, names="value")
            super().__init__([self.sigma_slider, self.readout, key, self.canvas])
            self.update()

        def _curve(self, sigma):
            def make():
                curve = _ucsd_blocks(self.grid, self.y, sigma, _ucsd_loss_inplace)
                curve /= self.y.size
                # Minima to a hundredth of a dollar: plenty for the readout, and quick.
                minima = _ucsd_minima(self.y, sigma, xtol=0.01)
                risks = _ucsd_blocks(minima, self.y, sigma, _ucsd_loss_inplace)
                return curve, minima, risks / self.y.size
            return self._curves.get_or_make(sigma, make)

        def _on_change(self, change):
            self.update()

        def update(self):
            """Redraw for the slider's current sigma (called on every move)."""
            sigma = float(self.sigma_slider.value)
            curve, minima, risks = self._curve(sigma)
            best = int(np.argmin(risks))
            self.line.set_ydata(curve)
            self.minima_line.set_data(minima, risks)
            self.global_line.set_data(minima[best:best + 1], risks[best:best + 1])
            count = minima.size
            self.readout.value = (
                f"σ = {money(sigma)} · {count} local {'minimum' if count == 1 else 'minima'}"
                f" · global minimizer h* = {money(minima[best])}"
                f" · R(h*) = {risks[best]:.4f}")
            self.canvas.draw_idle()

        @property
        def readout_text(self):
            """The readout as plain text."""
            return self.readout.value

        def __repr__(self):
            return (f"UcsdExplorer: a σ slider over the UCSD risk of {self.y.size} values "
                    "(run the notebook to use it)")

    class DescentExplorer(widgets.VBox):
        """An alpha slider for gradient descent; see :func:`descent_explorer`."""

        # log10 of the alpha slider's range for each risk. Squared risk: alpha is unitless,
        # 1 is the edge of divergence. UCSD risk: alpha is in dollars squared (order sigma^2).
        ALPHA_RANGES = {"squared": (-3.0, 1.0, 0.1), "ucsd": (6.0, 11.0, 8.0)}

        def __init__(self, y, alpha, h0, sigma, risk, max_iter, sigma_range, grid_size):
            self.y = y
            self.mean = float(np.mean(y))
            self.variance = float(np.mean(np.square(y - self.mean)))
            self.max_iter = max_iter
            self.grid = _h_grid(y, num=grid_size)
            self._curves = _LRU()
            self._alpha_memory = {}      # the last alpha used with each risk
            self.result = None
            self.risk_picker = widgets.ToggleButtons(
                options=[("squared", "squared"), ("UCSD", "ucsd")], value=risk,
                description="risk")
            lo, hi, default = self.ALPHA_RANGES[risk]
            start = (alpha if alpha is not None else 10.0 ** default if risk == "ucsd"
                     else default)
            _check_in_range(f"alpha (for the {risk} risk)", start, 10.0 ** lo, 10.0 ** hi,
                            lambda v: f"{v:.3g}")
            spread = float(np.ptp(y)) or 1.0
            step = _nice(spread / 500)
            h0_low = _round_to(y.min() - spread / 2, step)
            if y.min() >= 0:   # salaries: the course predicts with h >= 0
                h0_low = max(0.0, h0_low)
            h0_high = _round_to(y.max() + spread / 2, step)
            _check_in_range("h0", h0, h0_low, h0_high, money)
            _check_in_range("sigma", sigma, sigma_range[0], sigma_range[1], money)
            self.alpha_slider = widgets.FloatLogSlider(
                value=_on_log_grid(start, lo), base=10, min=lo, max=hi,
                step=_ALPHA_STEP, description="α",
                readout_format=".3g", continuous_update=True,
                layout=widgets.Layout(width="520px"))
            self.h0_slider = widgets.FloatSlider(
                value=_on_grid(h0, h0_low, step), min=h0_low, max=h0_high, step=step,
                description="h₀ ($)", readout_format=",.0f",
                layout=widgets.Layout(width="520px"))
            s_lo, s_hi, s_step = sigma_range
            self.sigma_slider = widgets.FloatSlider(
                value=_on_grid(sigma, s_lo, s_step), min=s_lo, max=s_hi, step=s_step,
                description="σ ($)",
                readout_format=",.0f", layout=widgets.Layout(width="520px"))
            self.readout = widgets.HTML()
            self.figure, self.canvas = _ipympl_figure(7.0, 3.4)
            ax = self.ax = self.figure.add_subplot()
            ax.plot(y, np.zeros_like(y), "|", color="0.3", markersize=12)
            (self.curve_line,) = ax.plot(self.grid, np.zeros_like(self.grid), color="C0")
            (self.path_line,) = ax.plot([], [], "o-", color="C3", markersize=4,
                                        linewidth=1, alpha=0.8, label="iterates")
            (self.start_line,) = ax.plot([], [], "s", color="C2", markersize=8,
                                         label="start h₀")
            ax.set(xlim=(self.grid[0], self.grid[-1]), xlabel="prediction h",
                   ylabel="risk R(h)")
            _money_ticks(ax.xaxis, nbins=6)
            key = widgets.HTML('<span style="color:#555">| data &nbsp; '
                               '<span style="color:#1f77b4">━ risk</span> &nbsp; '
                               '<span style="color:#2ca02c">■ start h₀</span> &nbsp; '
                               '<span style="color:#d62728">●─● iterates, in order</span>'
                               '</span>')
            for control in (self.alpha_slider, self.h0_slider, self.sigma_slider):
                control.observe(self._on_change, names="value")
            self.risk_picker.observe(self._on_risk, names="value")
            controls = widgets.VBox([self.risk_picker, self.alpha_slider, self.h0_slider,
                                     self.sigma_slider])
            super().__init__([controls, self.readout, key, self.canvas])
            self._set_risk(risk, redraw_curve=True)

        # -- the risk being minimized -------------------------------------------------
        def _derivative(self):
            if self.risk_picker.value == "squared":
                mean = self.mean
                return lambda h: _squared_slope(h, mean)
            y, sigma = self.y, float(self.sigma_slider.value)
            return lambda h: _ucsd_slope_at(h, y, sigma)

        def _risk_of(self, h):
            if self.risk_picker.value == "squared":
                return _squared_from_moments(h, self.mean, self.variance)
            sigma = float(self.sigma_slider.value)
            return _ucsd_blocks(h, self.y, sigma, _ucsd_loss_inplace) / self.y.size

        def _curve(self):
            key = (self.risk_picker.value,
                   None if self.risk_picker.value == "squared" else self.sigma_slider.value)
            return self._curves.get_or_make(key, lambda: self._risk_of(self.grid))

        # -- reacting to the controls ---------------------------------------------------
        def _on_risk(self, change):
            self._alpha_memory[change["old"]] = self.alpha_slider.value
            self._set_risk(change["new"], redraw_curve=True)

        def _set_risk(self, risk, redraw_curve):
            lo, hi, default = self.ALPHA_RANGES[risk]
            alpha = self._alpha_memory.get(risk, self.alpha_slider.value
                                           if lo <= math.log10(self.alpha_slider.value) <= hi
                                           else 10.0 ** default if risk == "ucsd"
                                           else default)
            # Widen the range, set alpha, then narrow it: no step leaves the value outside
            # the range, or the browser clamps it and sends the clamped alpha back (found
            # by tests/test_browser.py; plain pytest cannot see it).
            slider = self.alpha_slider
            slider.unobserve(self._on_change, names="value")
            slider.min, slider.max = min(slider.min, lo), max(slider.max, hi)
            slider.value = _on_log_grid(alpha, lo)
            slider.min, slider.max = lo, hi
            slider.observe(self._on_change, names="value")
            self.sigma_slider.disabled = risk == "squared"
            self.update(redraw_curve=redraw_curve)

        def _on_change(self, change):
            self.update(redraw_curve=change["owner"] is self.sigma_slider)

        def update(self, redraw_curve=True):
            """Run descent for the current controls and redraw the path."""
            if redraw_curve:
                curve = self._curve()
                self.curve_line.set_ydata(curve)
                top = float(curve.max())
                self.ax.set_ylim(-0.04 * top, 1.08 * top)
                label = ("squared risk" if self.risk_picker.value == "squared"
                         else f"UCSD risk, σ = {_tex_money(self.sigma_slider.value)}")
                self.ax.set_title(label)
                self.ax.set_ylabel("R(h), dollars squared" if self.risk_picker.value ==
                                   "squared" else "R(h)")
            alpha, h0 = float(self.alpha_slider.value), float(self.h0_slider.value)
            run = self.result = gradient_descent(self._derivative(), h0, alpha,
                                                 max_iter=self.max_iter)
            path = run.path
            risks = self._risk_of(path)
            self.path_line.set_data(path, risks)
            self.start_line.set_data(path[:1], risks[:1])
            squared = self.risk_picker.value == "squared"
            name = ("squared risk" if squared
                    else f"UCSD risk, σ = {money(self.sigma_slider.value)}")
            # Far from all data the UCSD risk is flat at 1 and its slope ~0: descent
            # "converges" there without finding anything.
            flat = "" if squared or risks[-1] < 1 - 1e-6 else " on a flat stretch (R ≈ 1)"
            self.readout.value = (
                f"{name} · α = {alpha:.3g} · h₀ = {money(h0)} · {run.steps} steps · "
                f"final h = {_money_or_huge(run.h)} · {OUTCOMES[run.outcome]}{flat}")
            self.canvas.draw_idle()

        @property
        def readout_text(self):
            """The readout as plain text."""
            return self.readout.value

        def __repr__(self):
            return (f"DescentExplorer: an α slider for gradient descent on {self.y.size} "
                    "values (run the notebook to use it)")

    return UcsdExplorer, DescentExplorer


def _check_in_range(name, value, low, high, show):
    """A slider cannot start outside its range (the browser would clamp it silently)."""
    if not low <= value <= high:
        raise ValueError(f"{name} must lie in the slider's range [{show(low)}, {show(high)}]"
                         f", got {show(value)}")


# Steps of the alpha slider, in powers of ten.
_ALPHA_STEP = 0.01


def _on_grid(value, low, step):
    """``value`` moved to the slider's grid ``low + k * step``.

    The browser shows a slider only on its grid and sends the snapped value back to the
    kernel; snapping here first keeps the kernel, the readout and the browser in step.
    """
    return round(low + round((value - low) / step) * step, 10)


def _on_log_grid(value, low):
    """``value`` moved to the alpha slider's grid of exponents ``low + k * _ALPHA_STEP``."""
    return float(10.0 ** _on_grid(math.log10(value), low, _ALPHA_STEP))


def _round_to(x, step):
    return round(x / step) * step


_EXPLORER_CLASSES = None


def _explorer_classes():
    global _EXPLORER_CLASSES
    if _EXPLORER_CLASSES is None:
        _EXPLORER_CLASSES = _make_explorer_classes()
    return _EXPLORER_CLASSES


def ucsd_explorer(y, sigma=None, *, sigma_range=None, grid_size=800):
    """A sigma slider that redraws the UCSD risk and marks its minima.

    Parameters
    ----------
    y : array_like, 1-D
        The data.
    sigma : float, optional
        Starting sigma, inside ``sigma_range``; default: ``max / 2.5`` rounded down to
        1, 2 or 5 times a power of ten.
    sigma_range : tuple of float, optional
        ``(min, max, step)`` of the slider; by default it follows the spread of ``y``.
    grid_size : int, optional
        Number of predictions drawn on the curve.

    Returns
    -------
    UcsdExplorer
        An ipywidgets VBox holding ``sigma_slider``, ``readout`` and the ipympl ``canvas``;
        also ``figure``, ``ax``, ``line``, ``minima_line``, ``global_line`` and
        ``readout_text``.

    Examples
    --------
    >>> ex = ucsd_explorer(load_salaries(), sigma=21_000)
    >>> ex.readout_text
    'σ = $21,000 · 2 local minima · global minimizer h* = $95,568 · R(h*) = 0.3631'
    """
    y = _as_data(y)
    grid_size = _check_count("grid_size", grid_size)
    if sigma_range is None:
        sigma_range = _sigma_slider_settings(y)
    low, high, step = (_check_positive(name, v) for name, v in
                       zip(("sigma_range min", "sigma_range max", "sigma_range step"),
                           sigma_range))
    if low >= high:
        raise ValueError(f"sigma_range must go up, got {low} to {high}")
    sigma = _check_positive("sigma", sigma if sigma is not None else _nice(high / 2.5))
    _check_in_range("sigma", sigma, low, high, money)
    UcsdExplorer, _ = _explorer_classes()
    return UcsdExplorer(y, sigma, (low, high, step), grid_size)


def descent_explorer(y, *, alpha=None, h0=None, sigma=None, risk="squared",
                     max_iter=500, grid_size=800):
    """An alpha slider (log scale) that runs gradient descent and draws its path.

    Parameters
    ----------
    y : array_like, 1-D
        The data.
    alpha : float, optional
        Starting learning rate (default 0.1 for the squared risk, 1e8 for the UCSD risk).
    h0 : float, optional
        Starting prediction (default: the 90th percentile of ``y``, rounded).
    sigma : float, optional
        Scale of the UCSD risk (default as in :func:`ucsd_explorer`).
    risk : {"squared", "ucsd"}
        Which risk to minimize first; the explorer has a picker to switch.
    max_iter : int, optional
        Cap on the number of steps of each run.
    grid_size : int, optional
        Number of predictions drawn on the curve.

    Returns
    -------
    DescentExplorer
        An ipywidgets VBox with ``risk_picker``, ``alpha_slider``, ``h0_slider``,
        ``sigma_slider``, ``readout`` and the ipympl ``canvas``; also ``result`` (the last
        :class:`DescentResult`), ``figure``, ``ax``, ``curve_line``, ``path_line`` and
        ``readout_text``.

    Examples
    --------
    >>> ex = descent_explorer(load_salaries(), alpha=0.1, h0=150_000)
    >>> ex.readout_text
    'squared risk · α = 0.1 · h₀ = $150,000 · 103 steps · final h = $112,000 · converged'
    >>> ex.alpha_slider.value = 2.0
    >>> ex.result.outcome
    'diverged'
    """
    y = _as_data(y)
    if risk not in ("squared", "ucsd"):
        raise ValueError(f"risk must be 'squared' or 'ucsd', got {risk!r}")
    max_iter = _check_count("max_iter", max_iter)
    grid_size = _check_count("grid_size", grid_size)
    sigma_range = _sigma_slider_settings(y)
    sigma = _check_positive("sigma", sigma if sigma is not None
                            else _nice(sigma_range[1] / 2.5))
    if alpha is not None:
        alpha = _check_positive("alpha", alpha)
    spread = float(np.ptp(y)) or 1.0
    if h0 is None:
        h0 = _round_to(float(np.quantile(y, 0.9)), _nice(spread / 500))
    h0 = float(_as_h(h0))
    _, DescentExplorer = _explorer_classes()
    return DescentExplorer(y, alpha, h0, sigma, risk, max_iter, sigma_range, grid_size)
