"""Shared code for the course *Learning via optimization*.

Every number and figure in the notebooks comes from here. Read it top to bottom, in
sections:

1. input checks       -- every public function checks its input on entry
2. losses             -- L(h, y), elementwise
3. empirical risks    -- mean loss over the data; one call gives a whole risk curve
4. derivatives        -- slopes of the risks
5. minimizers         -- the median interval, the mean, the minima of the UCSD risk
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
mean and the variance (O(n + m)); the UCSD risk, which has no such shortcut, is summed in
blocks so that no temporary array is larger than about 64 MB.
"""

from __future__ import annotations

import csv
import math
import numbers
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

__all__ = [
    # losses
    "absolute_loss", "squared_loss", "ucsd_loss",
    # risks
    "empirical_risk", "absolute_risk", "squared_risk", "ucsd_risk",
    # derivatives
    "absolute_risk_slope", "squared_risk_derivative", "ucsd_risk_derivative",
    # minimizers
    "absolute_risk_minimizers", "squared_risk_minimizer",
    "ucsd_local_minima", "ucsd_global_minimizer",
    # descent
    "DescentResult", "gradient_descent",
    # data
    "DATA_DIR", "load_salaries", "load_professor_salaries",
]

#: Folder of the course's data files (``data/`` beside this module).
DATA_DIR = Path(__file__).resolve().parent / "data"

# Largest number of elements in one temporary block of a risk curve: 8 million float64
# values = 64 MB. Chosen so that a UCSD curve at n = 10**6 stays well under 300 MB.
_BLOCK_ELEMENTS = 8_000_000


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
                arr = arr.astype(float)
            else:
                raise TypeError(f"{name} must hold numbers only, found {arr.ravel()[bad]!r} "
                                f"at position {bad}")
        elif arr.dtype.kind == "b":
            raise TypeError(f"{name} must hold numbers, not True/False values")
        elif arr.dtype.kind in "US":
            raise TypeError(f"{name} must hold numbers, not text (found {arr.ravel()[0]!r})")
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


def _check_positive(name, value):
    """Return ``value`` as a float, or raise if it is not a positive, finite number."""
    if not _is_real_number(value):
        raise TypeError(f"{name} must be a number, got {value!r}")
    value = float(value)
    if math.isnan(value) or math.isinf(value):
        raise ValueError(f"{name} must be finite, got {value}")
    if value <= 0:
        raise ValueError(f"{name} must be positive, got {value}")
    return value


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
        The loss for each pair, each in [0, 1).

    Examples
    --------
    >>> round(ucsd_loss(10, 0, sigma=10), 4)   # one sigma away: 1 - 1/e
    0.6321
    """
    sigma = _check_positive("sigma", sigma)
    z = (_as_h(h) - _as_numbers(y, "y")) / sigma
    # -expm1(-x) is 1 - exp(-x) without losing digits when x is small.
    return _result(-np.expm1(-np.square(z)))


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
    """The data sorted once, with prefix sums: exact absolute risks at O(log n) per h.

    The values are shifted by their middle value before summing, which keeps the prefix
    sums small and the result accurate to about 1e-12 relative.
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
    variance = np.mean(np.square(y - mean))
    return np.square(h - mean) + variance


def _ucsd_blocks(h, y, sigma, term):
    """Sum ``term(z)`` over the data for every h, in blocks of at most 64 MB.

    ``z = (h - y) / sigma``; ``term`` works in place on a block and returns it.
    """
    flat = h.ravel()
    out = np.zeros(flat.size)
    cols = max(1, min(y.size, _BLOCK_ELEMENTS))
    for c0 in range(0, y.size, cols):
        yc = y[c0:c0 + cols] / sigma
        for rows in _row_blocks(flat.size, yc.size):
            block = np.subtract.outer(flat[rows] / sigma, yc)
            out[rows] += term(block).sum(axis=1)
    return out.reshape(h.shape)


def _ucsd_loss_inplace(z):
    np.square(z, out=z)
    np.negative(z, out=z)
    np.expm1(z, out=z)
    np.negative(z, out=z)
    return z


def _ucsd_slope_inplace(z):
    weight = np.exp(-np.square(z))
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
        Values in [0, 1): a float for a single ``h``, otherwise an array shaped like ``h``.

    Notes
    -----
    There is no shortcut through sorting here; an array of ``h`` is summed in blocks so
    that memory stays near 64 MB whatever n and m are.

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
    return _result(2.0 * (h - np.mean(y)))


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
        z = (h - y) / sigma
        return float(2.0 / (y.size * sigma) * np.sum(z * np.exp(-np.square(z))))
    # (h - y) e^{-(h-y)^2/s^2} * 2/(n s^2)  =  z e^{-z^2} * 2/(n s)  with z = (h - y)/s
    return _ucsd_blocks(h, y, sigma, _ucsd_slope_inplace) * (2.0 / (y.size * sigma))


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


def _ucsd_minima(y, sigma, xtol=None, points_per_sigma=16):
    """Local minimizers of the UCSD risk; ``y`` checked already.

    Bisection stops once every bracket is narrower than ``xtol`` (default: a few ulps of
    the largest |y|).
    """
    lo, hi = float(np.min(y)), float(np.max(y))
    if hi == lo:
        return np.array([lo])
    # Every minimum lies in [min y, max y]: left of all data the slope is negative, right
    # of it positive. A grid finer than sigma/16 finds every sign change of the slope
    # except between two minima closer than that (which are then reported as one).
    m = int(min(200_000, max(64, math.ceil((hi - lo) / sigma * points_per_sigma)))) + 1
    grid = np.linspace(lo, hi, m)
    slope = _ucsd_blocks(grid, y, sigma, _ucsd_slope_inplace)
    starts = np.flatnonzero((slope[:-1] < 0) & (slope[1:] >= 0))
    left, right = grid[starts], grid[starts + 1]
    if xtol is None:
        xtol = 4 * np.finfo(float).eps * max(abs(lo), abs(hi), 1.0)
    # Bisection on all brackets at once, each halving the bracket.
    halvings = max(1, math.ceil(math.log2(max((hi - lo) / (m - 1) / xtol, 1.0))))
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
    h0 = float(_as_h(h0)) if np.ndim(h0) == 0 else None
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
                slope = float(derivative(h))
            except OverflowError:  # e.g. math.exp(1000) or h ** 3 on Python floats
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


def _classify_at_cap(steps, max_iter):
    """Name what the iterates were doing when the cap of ``max_iter`` steps was hit."""
    last = abs(steps[-1])
    earlier = abs(steps[steps.size // 2])   # a step from the middle of the run
    flipping = steps.size >= 2 and steps[-1] * steps[-2] < 0
    if flipping and last > earlier * (1 + 1e-6):
        return "diverged", f"the steps flip direction and grew at the cap of {max_iter}"
    if flipping:
        return "oscillating", f"the steps still flip direction at the cap of {max_iter}"
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
        return f'<p style="color:{color}"><b>{mark}</b> {self.text}</p>'

    def __bool__(self):
        return self.ok


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
    ok, text = _EXERCISES[exercise](answer)
    return Feedback(bool(ok), text)


@_exercise("00.demo")
def _judge_demo(answer):
    if _close(answer, 4):
        return True, "2 + 2 is 4."
    return False, "Add the two numbers."


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


def _h_grid(y, size):
    """Predictions to draw: the data's range with a quarter of its spread on each side."""
    spread = float(np.ptp(y)) or max(1.0, abs(float(y[0])))
    return np.linspace(y.min() - spread / 4, y.max() + spread / 4, size)


def _ipympl_figure(width, height):
    """A Figure inside an ipympl Canvas widget, made without pyplot."""
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


def _money_axis(axis):
    from matplotlib.ticker import FuncFormatter
    # "\$" keeps matplotlib from reading two dollar signs as the ends of a formula.
    axis.set_major_formatter(FuncFormatter(lambda v, _: money(v).replace("$", r"\$")))


class _LRU(dict):
    """A dict that forgets its oldest entry past ``_CACHE_SIZE`` (curves per sigma)."""

    def get_or_make(self, key, make):
        if key not in self:
            if len(self) >= _CACHE_SIZE:
                del self[next(iter(self))]
            self[key] = make()
        return self[key]


def _make_explorer_classes():
    """Define the explorer widgets; ipywidgets is imported here, not on module import."""
    import ipywidgets as widgets

    class UcsdExplorer(widgets.VBox):
        """A sigma slider over the UCSD risk; see :func:`ucsd_explorer`."""

        def __init__(self, y, sigma, sigma_range, grid_size):
            self.y = y
            self.grid = _h_grid(y, grid_size)
            self._curves = _LRU()
            low, high, step = sigma_range
            self.sigma_slider = widgets.FloatSlider(
                value=sigma, min=low, max=high, step=step, description="σ ($)",
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
            ax.set(xlim=(self.grid[0], self.grid[-1]), ylim=(-0.03, 1.0),
                   xlabel="prediction h", ylabel="risk R(h)")
            _money_axis(ax.xaxis)
            ax.legend(loc="lower right", fontsize="small")
            self.sigma_slider.observe(self._on_change, names="value")
            super().__init__([self.sigma_slider, self.readout, self.canvas])
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
            self.ax.set_title(f"UCSD risk, σ = {_tex_money(sigma)}")
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
            self.grid = _h_grid(y, grid_size)
            self._curves = _LRU()
            self._alpha_memory = {}      # the last alpha used with each risk
            self.result = None
            self.risk_picker = widgets.ToggleButtons(
                options=[("squared", "squared"), ("UCSD", "ucsd")], value=risk,
                description="risk")
            lo, hi, default = self.ALPHA_RANGES[risk]
            self.alpha_slider = widgets.FloatLogSlider(
                value=alpha if alpha is not None else 10.0 ** default if risk == "ucsd"
                else default, base=10, min=lo, max=hi, step=0.01, description="α",
                readout_format=".3g", continuous_update=True,
                layout=widgets.Layout(width="520px"))
            spread = float(np.ptp(y)) or 1.0
            step = _nice(spread / 500)
            self.h0_slider = widgets.FloatSlider(
                value=h0, min=_round_to(y.min() - spread / 2, step),
                max=_round_to(y.max() + spread / 2, step), step=step,
                description="h₀ ($)", readout_format=",.0f",
                layout=widgets.Layout(width="520px"))
            s_lo, s_hi, s_step = sigma_range
            self.sigma_slider = widgets.FloatSlider(
                value=sigma, min=s_lo, max=s_hi, step=s_step, description="σ ($)",
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
            _money_axis(ax.xaxis)
            ax.legend(loc="upper center", fontsize="small")
            for control in (self.alpha_slider, self.h0_slider, self.sigma_slider):
                control.observe(self._on_change, names="value")
            self.risk_picker.observe(self._on_risk, names="value")
            controls = widgets.VBox([self.risk_picker, self.alpha_slider, self.h0_slider,
                                     self.sigma_slider])
            super().__init__([controls, self.readout, self.canvas])
            self._set_risk(risk, redraw_curve=True)

        # -- the risk being minimized -------------------------------------------------
        def _derivative(self):
            if self.risk_picker.value == "squared":
                mean = self.mean
                return lambda h: 2.0 * (h - mean)
            y, sigma = self.y, float(self.sigma_slider.value)
            scale = 2.0 / (y.size * sigma)
            def slope(h):
                z = (h - y) / sigma
                return scale * float(np.dot(z, np.exp(-z * z)))
            return slope

        def _risk_of(self, h):
            if self.risk_picker.value == "squared":
                return np.square(h - self.mean) + self.variance
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
            with self.alpha_slider.hold_trait_notifications():
                self.alpha_slider.unobserve(self._on_change, names="value")
                self.alpha_slider.min, self.alpha_slider.max = lo, hi
                self.alpha_slider.value = alpha
                self.alpha_slider.observe(self._on_change, names="value")
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
            alpha, h0 = float(self.alpha_slider.value), float(self.h0_slider.value)
            run = self.result = gradient_descent(self._derivative(), h0, alpha,
                                                 max_iter=self.max_iter)
            path = run.path
            self.path_line.set_data(path, self._risk_of(path))
            self.start_line.set_data(path[:1], self._risk_of(path[:1]))
            name = ("squared risk" if self.risk_picker.value == "squared"
                    else f"UCSD risk, σ = {money(self.sigma_slider.value)}")
            self.readout.value = (
                f"{name} · α = {alpha:.3g} · h₀ = {money(h0)} · {run.steps} steps · "
                f"final h = {_money_or_huge(run.h)} · {OUTCOMES[run.outcome]}")
            self.canvas.draw_idle()

        @property
        def readout_text(self):
            """The readout as plain text."""
            return self.readout.value

        def __repr__(self):
            return (f"DescentExplorer: an α slider for gradient descent on {self.y.size} "
                    "values (run the notebook to use it)")

    return UcsdExplorer, DescentExplorer


def _tex_money(x):
    """:func:`money` for matplotlib text, where "$" would start a formula."""
    return money(x).replace("$", r"\$")


def _round_to(x, step):
    return round(x / step) * step


def _money_or_huge(x):
    return money(x) if abs(x) < 1e12 else f"{x:.3g}"


_EXPLORER_CLASSES = None


def _explorer_classes():
    global _EXPLORER_CLASSES
    if _EXPLORER_CLASSES is None:
        _EXPLORER_CLASSES = _make_explorer_classes()
    return _EXPLORER_CLASSES


def ucsd_explorer(y, sigma=None, *, sigma_range=None, grid_size=1500):
    """A sigma slider that redraws the UCSD risk and marks its minima.

    Parameters
    ----------
    y : array_like, 1-D
        The data.
    sigma : float, optional
        Starting sigma; default the middle of ``sigma_range`` rounded.
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
