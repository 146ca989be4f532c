"""The mathematics of the course *Learning via optimization*, in one module.

Read it top to bottom; each section builds on the ones before:

1. losses            L(h, y): what the prediction h costs on one value y
2. risks             R(h): the mean loss over the data, the number learning makes small
3. derivatives       R'(h): the slope, which says which way is downhill
4. minimizers        the h of smallest risk: median, mean, UCSD minima, L_p, Huber, mode
5. gradient descent  a bounded walk downhill, for risks no formula minimizes
6. a line            two parameters: the risk surface, its gradient, the best line
7. data              the five salaries and 397 real ones
8. input checks      what every function checks on entry (skip them at first)

If you read one part, read section 5: :func:`gradient_descent` is the whole idea of
learning by optimization in about fifty lines. By notebook: 01-02 the absolute loss and
risk; 03 the squared ones; 04 the UCSD ones; 05 descent; 06-07 L_p, 0-1 and Huber;
08 the line.

Names: ``h`` a prediction, ``y`` the data (a 1-D array of numbers), ``sigma`` the UCSD
scale, ``alpha`` the learning rate, ``h0`` descent's start. ``h`` may be one number or an
array of any shape (a whole curve in one call): a float comes back for one ``h``, else an
array shaped like ``h``. For one ``h`` a risk is computed as defined, the mean of its loss;
a whole curve is handed to :mod:`erm_fast`, which gives the same numbers without the
n-by-m table of losses (``tests/test_erm_fast.py``). numpy and the standard library only;
figures, sliders and exercises are in the package ``erm_course``. Nothing happens on import.
"""

from __future__ import annotations

import csv
import math
import numbers
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

import erm_fast as fast

__all__ = [
    "absolute_loss", "squared_loss", "ucsd_loss", "lp_loss", "huber_loss", "zero_one_loss",
    "empirical_risk", "absolute_risk", "squared_risk", "ucsd_risk", "lp_risk",
    "lp_typical_error", "huber_risk", "zero_one_risk", "absolute_risk_slope",
    "squared_risk_derivative", "ucsd_risk_derivative", "huber_risk_derivative",
    "absolute_risk_minimizers", "squared_risk_minimizer", "ucsd_local_minima",
    "ucsd_global_minimizer", "lp_risk_minimizer", "huber_risk_minimizer",
    "zero_one_risk_minimizers", "gradient_descent", "DescentResult", "OUTCOMES",
    "line_risk", "line_risk_gradient", "least_squares_line", "least_squares_fit",
    "line_risk_hessian",
    "DATA_DIR", "load_salaries", "load_professor_salaries", "load_professors",
    # the input checks: erm_course uses them too, so every error is worded alike
    "as_numbers", "as_data", "as_h", "as_xy", "as_features", "check_positive", "check_p",
    "check_count", "is_real_number",
]

#: Folder of the course's data files (``data/`` beside this module).
DATA_DIR = Path(__file__).resolve().parent / "data"


# --------------------------------------------------------------------------------------
# 1. Losses: L(h, y), elementwise, h and y broadcast against each other
# --------------------------------------------------------------------------------------

def absolute_loss(h, y):
    r"""Absolute loss :math:`|h - y|`.

    Examples
    --------
    >>> absolute_loss(150_000, [90_000, 160_000])
    array([60000., 10000.])
    """
    return _result(np.abs(as_h(h) - as_numbers(y, "y")))


def squared_loss(h, y):
    r"""Squared loss :math:`(h - y)^2`.

    Examples
    --------
    >>> squared_loss(3, [1, 4])
    array([4., 1.])
    """
    return _result(np.square(as_h(h) - as_numbers(y, "y")))


def ucsd_loss(h, y, sigma):
    r"""UCSD loss :math:`1 - e^{-(h - y)^2 / \sigma^2}`: 0 at ``h == y``, levels off at 1.

    ``sigma`` is a positive scale in the units of ``y`` (dollars here): an error of a few
    sigma costs about as much as any larger one, and in floating point the loss is exactly
    1.0 past about 6 sigma.

    Examples
    --------
    >>> round(ucsd_loss(10, 0, sigma=10), 4)   # one sigma away: 1 - 1/e
    0.6321
    """
    sigma = check_positive("sigma", sigma)
    z = (as_h(h) - as_numbers(y, "y")) / sigma
    return _result(-np.expm1(-np.square(z)))   # 1 - e^(-u), every digit kept for small u


def lp_loss(h, y, p):
    r"""L_p loss :math:`|h - y|^p` for :math:`p \ge 1`: absolute at p = 1, squared at p = 2.

    A larger p punishes big errors more. The loss is ``inf`` where it is too large for a
    float (in dollars, from p of about 60 on).

    Examples
    --------
    >>> lp_loss(100_000, [90_000, 160_000], 3)
    array([1.00e+12, 2.16e+14])
    """
    p = check_p(p, allow_inf=False)
    with np.errstate(over="ignore"):
        return _result(np.power(np.abs(as_h(h) - as_numbers(y, "y")), p))


def huber_loss(h, y, delta):
    r"""Huber loss: :math:`r^2/2` for :math:`|r| \le \delta`, else
    :math:`\delta(|r| - \delta/2)`, with :math:`r = h - y`.

    ``delta`` (positive, in the units of ``y``) is where the parabola turns into a line;
    the two pieces meet there with the same value and slope.

    Examples
    --------
    >>> huber_loss(100_000, [96_000, 160_000], delta=10_000)
    array([8.0e+06, 5.5e+08])
    """
    delta = check_positive("delta", delta)
    r = np.abs(as_h(h) - as_numbers(y, "y"))
    return _result(np.where(r <= delta, 0.5 * np.square(r), delta * (r - 0.5 * delta)))


def zero_one_loss(h, y):
    """0-1 loss: 0 when the prediction is exactly right, 1 otherwise.

    Examples
    --------
    >>> zero_one_loss(96_000, [94_000, 96_000, 96_001])
    array([1., 0., 1.])
    """
    return _result((as_h(h) != as_numbers(y, "y")).astype(float))


# --------------------------------------------------------------------------------------
# 2. Risks: the mean loss over the data y (a float for one h, an array for many)
# --------------------------------------------------------------------------------------

def empirical_risk(loss, h, y, **params):
    r"""Empirical risk :math:`R(h) = \frac{1}{n}\sum_{i=1}^n L(h, y_i)` for any loss.

    The definition, term by term, for any ``loss(h, y, **params)`` that works elementwise
    and broadcasts, such as :func:`absolute_loss`; ``params`` are passed on to it (for
    instance ``sigma=``). The named risks below give the same numbers, and the tests
    compare them with this one.

    Examples
    --------
    >>> empirical_risk(absolute_loss, 150_000, load_salaries())
    42000.0
    """
    if not callable(loss):
        raise TypeError(f"loss must be a function loss(h, y, ...), got {loss!r}")
    y, h = as_data(y), as_h(h)
    if h.ndim == 0:
        return float(np.mean(loss(h, y, **params)))
    # Many h: a row of losses per h, a block of rows at a time (memory stays bounded).
    flat = h.ravel()
    out = np.empty(flat.size)
    for rows in fast.row_blocks(flat.size, y.size):
        out[rows] = np.mean(loss(flat[rows, None], y[None, :], **params), axis=1)
    return out.reshape(h.shape)


def absolute_risk(h, y):
    r"""Mean absolute error :math:`R_{abs}(h) = \frac{1}{n}\sum_i |h - y_i|`.

    Examples
    --------
    >>> y = load_salaries()
    >>> absolute_risk(150_000, y), absolute_risk(115_000, y)
    (42000.0, 23000.0)
    >>> absolute_risk([96_000, 112_000], y)
    array([19200., 22400.])
    """
    y, h = as_data(y), as_h(h)
    if h.ndim == 0:
        return float(np.mean(absolute_loss(h, y)))
    return fast.SortedData(y).absolute_risk(h)


def squared_risk(h, y):
    r"""Mean squared error :math:`R_{sq}(h) = \frac{1}{n}\sum_i (h - y_i)^2`.

    A curve uses :math:`R_{sq}(h) = (h - \bar y)^2 + \operatorname{var}(y)` (variance with
    1/n): two numbers about the data instead of n per ``h``.

    Examples
    --------
    >>> y = load_salaries()
    >>> squared_risk(112_000, y)
    686400000.0
    >>> squared_risk([112_000, 113_000], y)
    array([6.864e+08, 6.874e+08])
    """
    y, h = as_data(y), as_h(h)
    if h.ndim == 0:
        return float(np.mean(squared_loss(h, y)))
    mean = np.mean(y)
    return fast.squared_risk_from_moments(h, mean, np.mean(np.square(y - mean)))


def ucsd_risk(h, y, sigma):
    r"""UCSD risk :math:`R_{ucsd}(h) = \frac{1}{n}\sum_i
    \left(1 - e^{-(h - y_i)^2/\sigma^2}\right)`, in [0, 1); ``sigma > 0``.

    Examples
    --------
    >>> round(ucsd_risk(95_000, load_salaries(), 21_000), 4)
    0.3634
    """
    sigma = check_positive("sigma", sigma)
    y, h = as_data(y), as_h(h)
    if h.ndim == 0:
        return float(np.mean(ucsd_loss(h, y, sigma)))
    return fast.ucsd_risk_curve(h, y, sigma)


def lp_risk(h, y, p):
    r"""L_p risk :math:`R_p(h) = \frac{1}{n}\sum_i |h - y_i|^p`, for :math:`p \ge 1`.

    ``p = numpy.inf`` gives the largest error :math:`\max_i |h - y_i|`. In dollars the
    risk is too large for a float (``inf``) from p of about 60 on: plot
    :func:`lp_typical_error`, its p-th root, instead.

    Examples
    --------
    >>> y = load_salaries()
    >>> lp_risk(112_000, y, 2) == squared_risk(112_000, y)
    True
    >>> lp_risk(100_000, y, 3), lp_risk(100_000, y, np.inf)
    (45056000000000.0, 60000.0)
    """
    p = check_p(p)
    y, h = as_data(y), as_h(h)
    if math.isinf(p):
        return lp_typical_error(h, y, p)
    if h.ndim == 0:
        with np.errstate(over="ignore"):
            risk = float(np.mean(lp_loss(h, y, p)))
        if math.isfinite(risk):
            return risk
    # A curve, or a sum too large for a float: M**p mean((|h - y_i| / M)**p), M = max error
    largest, mean = fast.lp_parts(h, y, p)
    with np.errstate(over="ignore"):
        return _result(largest ** p * mean)


def lp_typical_error(h, y, p):
    r"""The typical error, in the units of ``y``: :math:`R_p(h)^{1/p}`.

    As :math:`M \big(\frac{1}{n}\sum_i (|h - y_i| / M)^p\big)^{1/p}`, M the largest
    error: no term passes 1, so nothing overflows. It lies between :math:`M n^{-1/p}` and
    M, so it tends to M as p grows; ``p = numpy.inf`` gives M.

    Examples
    --------
    >>> y = load_salaries()
    >>> round(lp_typical_error(112_000, y, 2), 2)      # the standard deviation
    26199.24
    >>> [round(lp_typical_error(100_000, y, p)) for p in (1, 1000, np.inf)]
    [20000, 59904, 60000]
    """
    p = check_p(p)
    y, h = as_data(y), as_h(h)
    if math.isinf(p):
        return _result(fast.largest_error(h, y))
    largest, mean = fast.lp_parts(h, y, p)
    return _result(largest * mean ** (1.0 / p))


def huber_risk(h, y, delta):
    r"""Huber risk :math:`R_{Huber}(h) = \frac{1}{n}\sum_i L_\delta(h, y_i)`.

    ``delta`` is positive, in the units of ``y``.

    Examples
    --------
    >>> y = load_salaries()
    >>> huber_risk(105_000, y, 20_000)
    245200000.0
    >>> huber_risk([105_000, 112_000], y, 20_000)
    array([2.452e+08, 2.644e+08])
    """
    delta = check_positive("delta", delta)
    y, h = as_data(y), as_h(h)
    if h.ndim == 0:
        return float(np.mean(huber_loss(h, y, delta)))
    return fast.SortedData(y).huber_risk(h, delta)


def zero_one_risk(h, y):
    r"""0-1 risk: the share of the data that ``h`` misses, :math:`\#\{y_i \ne h\} / n`.

    Examples
    --------
    >>> zero_one_risk([96_000, 100_000], load_salaries())
    array([0.8, 1. ])
    """
    y, h = as_data(y), as_h(h)
    if h.ndim == 0:
        return float(np.mean(zero_one_loss(h, y)))
    return 1.0 - fast.SortedData(y).count_equal(h) / y.size


# --------------------------------------------------------------------------------------
# 3. Derivatives: the slope of each risk at h
# --------------------------------------------------------------------------------------

def absolute_risk_slope(h, y):
    r"""Slope of the absolute risk: :math:`(\#\{y_i < h\} - \#\{y_i > h\}) / n`.

    Between data points this is the derivative of :func:`absolute_risk`. At a data point
    the risk has a kink and no derivative; there the formula gives the average of the
    slopes on its left and on its right. Values lie in [-1, 1].

    Examples
    --------
    >>> absolute_risk_slope([80_000, 95_000, 100_000], load_salaries())
    array([-1. , -0.2,  0.2])
    """
    y, h = as_data(y), as_h(h)
    if h.ndim == 0:
        return float((np.count_nonzero(y < h) - np.count_nonzero(y > h)) / y.size)
    return fast.SortedData(y).absolute_slope(h)


def squared_risk_derivative(h, y):
    r"""Derivative of the squared risk: :math:`\frac{2}{n}\sum_i (h - y_i) = 2(h - \bar y)`.

    Examples
    --------
    >>> squared_risk_derivative(100_000, load_salaries())
    -24000.0
    """
    y, h = as_data(y), as_h(h)
    return _result(2.0 * (h - np.mean(y)))


def ucsd_risk_derivative(h, y, sigma):
    r"""Derivative of the UCSD risk,
    :math:`\frac{2}{n\sigma^2} \sum_i (h - y_i)\, e^{-(h - y_i)^2/\sigma^2}`.

    In units of 1/dollars when ``y`` is in dollars, so the numbers are tiny for salaries.

    Examples
    --------
    >>> f"{ucsd_risk_derivative(100_000, load_salaries(), 21_000):.3e}"
    '8.405e-06'
    """
    sigma = check_positive("sigma", sigma)
    y, h = as_data(y), as_h(h)
    if h.ndim == 0:
        z = (float(h) - y) / sigma       # the same sum as (2/(n sigma)) sum z e^(-z^2)
        return 2.0 / (y.size * sigma) * float(np.dot(z, np.exp(-np.square(z))))
    return fast.ucsd_derivative_curve(h, y, sigma)


def huber_risk_derivative(h, y, delta):
    r"""Derivative of the Huber risk:
    :math:`\frac{1}{n}\sum_i \operatorname{clip}(h - y_i, -\delta, \delta)`.

    Each point pulls with its error, but never harder than ``delta``: why one far-off
    point cannot drag the minimizer far. Values lie in [-delta, delta].

    Examples
    --------
    >>> huber_risk_derivative([100_000, 105_000], load_salaries(), 20_000)
    array([-4000.,     0.])
    """
    delta = check_positive("delta", delta)
    y, h = as_data(y), as_h(h)
    if h.ndim == 0:
        return float(np.mean(np.clip(h - y, -delta, delta)))
    return fast.SortedData(y).huber_slope(h, delta)


# --------------------------------------------------------------------------------------
# 4. Minimizers: the h of smallest risk (y is the data: a 1-D array of finite numbers)
# --------------------------------------------------------------------------------------

def absolute_risk_minimizers(y):
    """The interval of minimizers of the absolute risk: the median(s), as ``(low, high)``.

    For odd n both are the middle value; for even n the two middle values, and every
    ``h`` between them minimizes. Found by selection (:func:`numpy.partition`), no sort.

    Examples
    --------
    >>> absolute_risk_minimizers(load_salaries())
    (96000.0, 96000.0)
    >>> absolute_risk_minimizers(np.append(load_salaries(), 100_000))
    (96000.0, 100000.0)
    """
    y = as_data(y)
    lower, upper = (y.size - 1) // 2, y.size // 2
    part = np.partition(y, [lower, upper])
    return float(part[lower]), float(part[upper])


def squared_risk_minimizer(y):
    """The minimizer of the squared risk: the mean of ``y``.

    Examples
    --------
    >>> squared_risk_minimizer(load_salaries())
    112000.0
    """
    return float(np.mean(as_data(y)))


def ucsd_local_minima(y, sigma):
    """Every local minimizer of the UCSD risk, sorted, each to within a few ulps.

    R'(h) = 0 cannot be solved for h by algebra, so the slope is sampled every
    ``sigma / 16`` over the data's range and each change of sign from - to + is refined
    by bisection. Two minima closer than that spacing would be reported as one.

    Examples
    --------
    >>> ucsd_local_minima(load_salaries(), 21_000).round(-2)
    array([ 95600., 158700.])
    """
    sigma = check_positive("sigma", sigma)
    return fast.ucsd_minima(as_data(y), sigma)


def ucsd_global_minimizer(y, sigma):
    """The local minimizer of the UCSD risk with the smallest risk.

    Examples
    --------
    >>> y = load_salaries()
    >>> [round(ucsd_global_minimizer(y, s), -2) for s in (3_000, 10_000, 21_000)]
    [94700.0, 93400.0, 95600.0]
    """
    sigma = check_positive("sigma", sigma)
    y = as_data(y)
    minima = fast.ucsd_minima(y, sigma)
    return float(minima[np.argmin(fast.ucsd_risk_curve(minima, y, sigma))])


def lp_risk_minimizer(y, p):
    r"""The minimizer of the L_p risk, for p at least 1 (``numpy.inf`` allowed).

    p = 1 gives the middle of the median interval, p = 2 the mean, p = inf the midrange
    (min + max) / 2, the limit as p grows. For p > 1 the slope changes sign once, in
    [min y, max y]; bisection on its sign finds where, to the last bit of a float.

    Examples
    --------
    >>> y = load_salaries()
    >>> [round(lp_risk_minimizer(y, p)) for p in (1, 2, 3, 10, np.inf)]
    [96000, 112000, 117678, 124208, 125000]
    """
    p = check_p(p)
    y = as_data(y)
    lo, hi = float(np.min(y)), float(np.max(y))
    if math.isinf(p):
        return 0.5 * lo + 0.5 * hi
    if p == 1:
        return 0.5 * sum(absolute_risk_minimizers(y))
    return fast.lp_minimizer(y, p)


def huber_risk_minimizer(y, delta):
    r"""The minimizer of the Huber risk, exactly (the middle, if an interval minimizes).

    Setting :func:`huber_risk_derivative` to zero gives the mean of the k values within
    delta of h, pulled by delta for each value beyond, :math:`h = \frac{1}{k}\big(\sum_{
    |h - y_i| \le \delta} y_i + \delta(\#\text{above} - \#\text{below})\big)`.

    Examples
    --------
    >>> y = load_salaries()
    >>> [huber_risk_minimizer(y, d) for d in (5_000, 10_000, 20_000, 48_000)]
    [97500.0, 100000.0, 105000.0, 112000.0]
    """
    delta = check_positive("delta", delta)
    return fast.SortedData(as_data(y)).huber_minimizer(delta)


def zero_one_risk_minimizers(y):
    """The minimizers of the 0-1 risk: the mode(s) of the data, sorted.

    Every value tied for the largest count. When all values are distinct, that is every
    value: the 0-1 loss then cannot tell them apart.

    Examples
    --------
    >>> zero_one_risk_minimizers([1, 3, 3, 2, 2])
    array([2., 3.])
    >>> zero_one_risk_minimizers(load_professor_salaries())
    array([92000.])
    """
    values, counts = np.unique(as_data(y), return_counts=True)
    return values[counts == counts.max()]


# --------------------------------------------------------------------------------------
# 5. Gradient descent: walk downhill when no formula gives the minimizer
# --------------------------------------------------------------------------------------

def gradient_descent(derivative, h0, alpha, *, tol=1e-6, max_iter=10_000, bound=None,
                     shrink=None):
    r"""Minimize a risk by gradient descent, in one dimension or in several.

    Repeats :math:`h_i = h_{i-1} - \alpha R'(h_{i-1})` from ``h0`` until a step is
    shorter than ``tol``, at most ``max_iter`` times. It stops at once, reporting
    divergence, when the derivative or the iterate is no longer finite or the iterate
    passes ``bound``; it never overflows, warns or loops forever. With a start of several
    numbers, such as ``(w0, w1)``, the same loop steps against the gradient, and a step's
    length is its Euclidean norm.

    Parameters
    ----------
    derivative : callable
        ``derivative(h)``: the slope :math:`R'(h)`, one number; for a start of several
        numbers, the gradient, one number per parameter.
    h0 : float or sequence of float
        Where to start.
    alpha : float
        Learning rate; must be positive.
    tol : float, optional
        Stop when a step is shorter than ``tol`` (in the units of ``h``); positive.
    max_iter : int, optional
        Cap on the number of updates; at least 1.
    bound : float, optional
        Divergence is declared once the iterate's size passes this. Default: 1e10 times
        the largest of 1, the size of ``h0`` and the first step's length.
    shrink : {None, "1/k", "1/sqrt(k)"}, optional
        None keeps the step size ``alpha``; the others use ``alpha / k`` or
        ``alpha / sqrt(k)`` at update ``k``, steps that shrink even where the slope does
        not (the absolute risk's slope is ±k/n up to its minimum).

    Returns
    -------
    DescentResult
        With ``h`` (a float, or an array for a start of several numbers), ``path`` (one
        row per iterate), ``steps``, ``outcome``, ``converged``, ``diverged`` and
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
    start = _as_start(h0)
    alpha = check_positive("alpha", alpha)
    tol = check_positive("tol", tol)
    max_iter = check_count("max_iter", max_iter)
    if bound is not None:
        bound = check_positive("bound", bound)
    if shrink not in _SHRINK:
        raise ValueError(f"shrink must be None, '1/k' or '1/sqrt(k)', got {shrink!r}")

    h = start
    path = [start]
    outcome = message = None
    with np.errstate(all="ignore"):  # overflow is detected below, never warned about
        for k in range(1, max_iter + 1):
            try:
                slope = _slope_like(derivative(h), start)
            except OverflowError:  # e.g. math.exp(1000), h ** 3 on Python floats, huge ints
                slope = math.inf
            if not np.all(np.isfinite(slope)):
                outcome, message = "diverged", f"the derivative is {_show(slope)} at h = {_show(h)}"
                break
            step = -(alpha * _SHRINK[shrink](k)) * slope
            new = h + step
            if not np.all(np.isfinite(new)):
                outcome, message = "diverged", f"the next iterate is {_show(new)}"
                break
            if bound is None:
                bound = 1e10 * max(1.0, _size(start), _size(step))
            path.append(new)
            h = new
            if _size(h) > bound:
                outcome = "diverged"
                message = f"|h| = {_size(h):.3g} passed the bound {bound:.3g}"
                break
            if _size(step) < tol:
                outcome, message = "converged", f"a step of {_size(step):.3g} < tol = {tol:g}"
                break
    path = np.asarray(path)
    if outcome is None:
        outcome, message = _classify_at_cap(np.diff(path, axis=0), max_iter)
    final = path[-1] if path.ndim == 2 else float(path[-1])
    return DescentResult(h=final, path=path, steps=len(path) - 1, outcome=outcome,
                         message=message)


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
    h : float or ndarray
        The last finite iterate (an array when descent ran on several parameters).
    path : ndarray
        Every iterate, ``h0`` first, one row each; ``len(path) == steps + 1``.
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


# The step size at update k: alpha times this.
_SHRINK = {None: lambda k: 1.0, "1/k": lambda k: 1.0 / k, "1/sqrt(k)": lambda k: k ** -0.5}


def _as_start(h0):
    """The start of descent: a float, or a 1-D float array for several parameters."""
    start = as_numbers(h0, "h0")
    if start.ndim == 0:
        return float(start)
    if start.ndim > 1 or start.size == 0:
        raise ValueError(f"h0 must be one number or a sequence of numbers (one per "
                         f"parameter), got shape {start.shape}")
    return start


def _slope_like(value, start):
    """The derivative's value as a float, or as an array shaped like a vector start."""
    if isinstance(start, float):
        try:
            return float(value)
        except (TypeError, ValueError):
            raise TypeError(f"derivative(h) must return one number, got {value!r}") from None
    try:
        slope = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        slope = None
    if slope is None or slope.shape != start.shape:
        raise TypeError(f"derivative(h) must return {start.size} numbers, one per "
                        f"parameter, got {value!r}")
    return slope


def _size(v):
    """|v| for a number, the Euclidean norm for a vector."""
    return abs(v) if isinstance(v, float) else float(np.linalg.norm(v))


def _show(v):
    return f"{v:.6g}" if np.ndim(v) == 0 else "(" + ", ".join(f"{x:.6g}" for x in v) + ")"


def _classify_at_cap(steps, max_iter):
    """Name what the iterates were doing when the cap of ``max_iter`` steps was hit.

    When the last two steps point in opposite directions, their size ratio decides:
    growing flips are divergence, equal flips an oscillation that will never settle, and
    shrinking flips a run that was still converging when it was stopped.
    """
    last = float(np.linalg.norm(np.atleast_1d(steps[-1])))
    if len(steps) >= 2 and np.dot(np.atleast_1d(steps[-1]), np.atleast_1d(steps[-2])) < 0:
        ratio = last / float(np.linalg.norm(np.atleast_1d(steps[-2])))
        if ratio > 1 + 1e-6:
            return "diverged", (f"the steps flip direction and grow ({ratio:.6g} times each) "
                                f"at the cap of {max_iter}")
        if ratio >= 1 - 1e-6:
            return "oscillating", (f"the steps flip direction without shrinking at the cap "
                                   f"of {max_iter}")
    return "max_iter", f"still moving ({last:.3g} per step) at the cap of {max_iter}"


# --------------------------------------------------------------------------------------
# 6. A line: a prediction from a feature x, h(x) = w0 + w1 x, and its two parameters
# --------------------------------------------------------------------------------------

def line_risk(w0, w1, x, y):
    r"""Mean squared error of the line :math:`h(x) = w_0 + w_1 x`:
    :math:`R(w_0, w_1) = \frac{1}{n}\sum_i (y_i - w_0 - w_1 x_i)^2`.

    ``w0`` and ``w1`` broadcast against each other, so
    ``line_risk(W0[:, None], W1[None, :], x, y)`` is a whole surface. For one line this is
    the mean of the squared residuals. For many, the data are summarized once by their
    means and centred moments, and each line costs O(1) (``erm_fast.LineMoments``):
    :math:`R = S_{yy} - 2 w_1 S_{xy} + w_1^2 S_{xx} + (\bar y - w_0 - w_1 \bar x)^2`.

    Examples
    --------
    >>> line_risk(0.0, 2.0, [1.0, 2.0, 3.0], [2.0, 4.0, 7.0])   # residuals 0, 0, 1
    0.3333333333333333
    """
    x, y = as_xy(x, y)
    w0, w1 = as_numbers(w0, "w0"), as_numbers(w1, "w1")
    if w0.ndim == 0 and w1.ndim == 0:
        return float(np.mean(np.square(y - w0 - w1 * x)))
    return fast.LineMoments(x, y).risk(w0, w1)


def line_risk_gradient(w0, w1, x, y):
    r"""The two partial derivatives of :func:`line_risk`, as a pair:
    :math:`\partial R / \partial w_0 = -\frac{2}{n}\sum_i r_i` and
    :math:`\partial R / \partial w_1 = -\frac{2}{n}\sum_i x_i r_i`, with the residuals
    :math:`r_i = y_i - w_0 - w_1 x_i`.

    ``w0`` and ``w1`` broadcast as in :func:`line_risk`; each derivative has their shape.

    Examples
    --------
    >>> line_risk_gradient(0.0, 2.0, [1.0, 2.0, 3.0], [2.0, 4.0, 7.0])
    (-0.6666666666666666, -2.0)
    """
    x, y = as_xy(x, y)
    w0, w1 = as_numbers(w0, "w0"), as_numbers(w1, "w1")
    if w0.ndim == 0 and w1.ndim == 0:
        r = y - w0 - w1 * x
        return -2.0 * float(np.mean(r)), -2.0 * float(np.mean(x * r))
    return fast.LineMoments(x, y).gradient(w0, w1)


def least_squares_line(x, y):
    r"""The line of smallest mean squared error, ``(w0, w1)``, from the normal equations.

    Setting both partial derivatives to zero gives :math:`w_1 = S_{xy} / S_{xx}` (the
    covariance of x and y over the variance of x, that is :math:`r\,s_y / s_x`) and
    :math:`w_0 = \bar y - w_1 \bar x`: the line passes through the point of means.

    Examples
    --------
    >>> least_squares_line([0.0, 1.0, 2.0], [1.0, 3.0, 5.0])   # the points lie on 1 + 2x
    (1.0, 2.0)
    """
    moments = fast.LineMoments(*as_xy(x, y))
    if moments.sxx == 0:
        raise ValueError("x must not be constant: every line through the point of means "
                         "fits equally well, so there is no single best line")
    w1 = moments.sxy / moments.sxx
    return float(moments.ybar - w1 * moments.xbar), float(w1)


def least_squares_fit(features, y):
    r"""The weights of smallest mean squared error for several features,
    :math:`h = w_0 + w_1 f_1 + \dots + w_k f_k`, from the normal equations.

    ``features`` holds one column per feature (a 1-D array is one feature), such as
    ``numpy.column_stack([x, x**2])``. The model is still linear in its weights, so the
    risk is still a convex quadratic and the normal equations still find its minimum. As in
    :func:`least_squares_line`, each feature and ``y`` are centred first: the slopes solve
    the centred equations, and :math:`w_0 = \bar y - \sum_j w_j \bar f_j`.

    Returns
    -------
    ndarray
        ``[w0, w1, ..., wk]``.

    Examples
    --------
    >>> x = np.array([0.0, 1.0, 2.0, 3.0])
    >>> least_squares_fit(np.column_stack([x, x**2]), 1 + 2 * x - x**2).round(12)
    array([ 1.,  2., -1.])
    """
    f, y = as_features(features, y)
    centre = f.mean(axis=0)
    slopes, _, rank, _ = np.linalg.lstsq(f - centre, y - y.mean(), rcond=None)
    if rank < f.shape[1]:
        raise ValueError("the features must not be constant or a combination of each other: "
                         "then many weights fit equally well, and there is no single best fit")
    return np.concatenate([[y.mean() - centre @ slopes], slopes])


def line_risk_hessian(x):
    r"""The second derivatives of :func:`line_risk`, the same at every ``(w0, w1)``:
    :math:`2\begin{pmatrix} 1 & \bar x \\ \bar x & \overline{x^2} \end{pmatrix}`.

    Its eigenvalues decide how gradient descent behaves on the line: it settles only
    for alpha below 2 / (the largest), and crawls along the valley when the smallest is
    much smaller (a large condition number, their ratio).

    Examples
    --------
    >>> line_risk_hessian([0.0, 1.0, 2.0])
    array([[2.        , 2.        ],
           [2.        , 3.33333333]])
    """
    x = as_numbers(x, "x")
    if x.ndim != 1 or x.size == 0:
        raise ValueError(f"x must be a non-empty 1-D array of numbers, got shape {x.shape}")
    return 2.0 * np.array([[1.0, np.mean(x)], [np.mean(x), np.mean(np.square(x))]])


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


def load_professors(path=None):
    """Every column of the 397 professors' data: salary, years since the PhD and of
    service (floats), rank, discipline and sex (text), as a dict of arrays in file order.

    Examples
    --------
    >>> data = load_professors()
    >>> sorted(data), data["yrs_since_phd"][:3], data["rank"][:3]
    (['discipline', 'rank', 'salary_usd', 'sex', 'yrs_service', 'yrs_since_phd'], \
array([19., 20.,  4.]), array(['Prof', 'Prof', 'AsstProf'], dtype='<U9'))
    """
    path = Path(path or DATA_DIR / "professor_salaries.csv")
    with path.open(newline="") as f:
        columns = csv.DictReader(f).fieldnames or []
    numeric = ("salary_usd", "yrs_since_phd", "yrs_service")
    data = {name: _read_column(path, name) for name in columns if name in numeric}
    with path.open(newline="") as f:
        rows = list(csv.DictReader(f))
    data.update({name: np.array([row[name] for row in rows]) for name in columns
                 if name not in numeric})
    return data


# --------------------------------------------------------------------------------------
# 8. Input checks: every public function checks its input on entry, in these words
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
        arr = _numbers_from(arr, name)
    arr = arr.astype(float, copy=False)
    if not np.all(np.isfinite(arr)):
        where = np.flatnonzero(~np.isfinite(arr.ravel()))[0]
        raise ValueError(f"{name} must be finite: found {arr.ravel()[where]} "
                         f"at position {where}")
    return arr


def _numbers_from(arr, name):
    """A float array from an array of another kind, or the error that names the problem."""
    if arr.dtype.kind == "O":
        # A list mixing numbers with None or text lands here.
        # The position (never None) marks the first bad value, so None itself is caught.
        bad = next((i for i, v in enumerate(arr.ravel()) if not is_real_number(v)), None)
        if bad is not None:
            raise TypeError(f"{name} must hold numbers only, found {arr.ravel()[bad]!r} "
                            f"at position {bad}")
        try:
            return arr.astype(float)
        except OverflowError:   # a Python int too large for any float
            raise ValueError(f"{name} must be finite: a value is too large for a "
                             "64-bit float") from None
    if arr.dtype.kind == "b":
        raise TypeError(f"{name} must hold numbers, not True/False values")
    if arr.dtype.kind in "US":
        example = f" (found {str(arr.ravel()[0])!r})" if arr.size else ""
        raise TypeError(f"{name} must hold numbers, not text{example}")
    raise TypeError(f"{name} must hold real numbers, got dtype {arr.dtype}")


def as_xy(x, y):
    """Check paired data for a line: x and y of the same length, at least two points."""
    x = as_numbers(x, "x")
    y = as_numbers(y, "y")
    if x.ndim != 1 or y.ndim != 1:
        raise ValueError(f"x and y must be 1-D (one number per observation), got shapes "
                         f"{x.shape} and {y.shape}")
    if x.size != y.size:
        raise ValueError(f"x and y must have the same length (one x per y), got {x.size} "
                         f"and {y.size}")
    if x.size < 2:
        raise ValueError(f"a line needs at least two points, got {x.size}")
    return x, y


def as_features(features, y):
    """Check features for a fit: one row per value of ``y``, at least one column."""
    f = as_numbers(features, "features")
    y = as_data(y)
    if f.ndim == 1:
        f = f[:, None]
    if f.ndim != 2 or f.shape[1] == 0:
        raise ValueError(f"features must be 1-D or 2-D (one column per feature), got shape "
                         f"{f.shape}")
    if f.shape[0] != y.size:
        raise ValueError(f"features must have one row per value of y, got {f.shape[0]} rows "
                         f"and {y.size} values")
    if y.size < f.shape[1] + 1:
        raise ValueError(f"a fit with {f.shape[1]} feature(s) needs at least "
                         f"{f.shape[1] + 1} points, got {y.size}")
    return f, y


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


def check_p(p, allow_inf=True):
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
