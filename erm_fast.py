"""The fast machinery behind :mod:`erm_helpers`: the same numbers, without the n-by-m table.

:mod:`erm_helpers` writes each risk plainly, as the mean of its loss over the data, for one
prediction ``h``. Asked for a whole curve (an array of ``h``, for a figure or a slider) or
for a minimizer, it hands the work to this module:

- :class:`SortedData` -- the data sorted once, with prefix sums: the absolute, Huber and 0-1
  risks and their slopes in O(log n) per ``h``, and the exact Huber minimizer;
- :func:`block_sums` -- sums over the data in blocks of at most 8 MB, for the UCSD and L_p
  risks, which have no sorting shortcut, with in-place kernels for their terms;
- :func:`ucsd_minima` -- every local minimum of the UCSD risk;
- :func:`lp_parts`, :func:`lp_slope_sign`, :class:`LpCurves` -- the L_p risk scaled by the
  largest error, so that nothing overflows at any p;
- :func:`squared_risk_from_moments` -- the squared risk from the mean and the variance;
- :class:`LineMoments` -- the mean squared error of every line h(x) = w0 + w1 x from five
  numbers about the data.

Everything here trusts its input: float arrays of finite numbers, ``y`` 1-D and not empty,
scales positive. The public functions of :mod:`erm_helpers` check their input and then call
these; the sliders of :mod:`erm_course` check once, when they are built, and call these on
every move. ``tests/test_erm_fast.py`` compares each function with the plain formula it
replaces. numpy only; nothing happens on import.
"""

import math

import numpy as np

__all__ = [
    "BLOCK_ELEMENTS", "row_blocks", "block_sums",
    "squared_risk_from_moments", "squared_slope",
    "ucsd_loss_inplace", "ucsd_slope_inplace", "ucsd_risk_curve", "ucsd_derivative_curve",
    "ucsd_derivative_at", "ucsd_minima",
    "LOG_FLOOR", "powers_inplace", "largest_error", "lp_parts", "lp_slope_sign",
    "lp_minimizer", "LpCurves",
    "SortedData", "LineMoments",
]

#: Largest number of elements in one temporary block: 1 million float64 values = 8 MB.
#: Blocks that fit in the processor's cache were measured faster than 64 MB ones (1.5-1.9 s
#: against 2.9 s for a UCSD curve at n = 10**6, m = 10**3) and keep the peak memory of that
#: curve near 60 MB.
BLOCK_ELEMENTS = 1_000_000

#: exp(-700) is about 1e-304, still a normal float (see :func:`powers_inplace`).
LOG_FLOOR = -700.0


# --------------------------------------------------------------------------------------
# Sums over the data in blocks (the UCSD and L_p risks)
# --------------------------------------------------------------------------------------

def row_blocks(m, n):
    """Slices over ``m`` rows such that a block of rows times ``n`` columns holds at most
    :data:`BLOCK_ELEMENTS` numbers."""
    rows = max(1, BLOCK_ELEMENTS // max(n, 1))
    return [slice(start, min(start + rows, m)) for start in range(0, m, rows)]


def block_sums(h, y, scale, term):
    """``sum_i term((h - y_i) / scale)`` for every ``h``, in blocks of at most 8 MB.

    Parameters
    ----------
    h : ndarray
        Predictions, any shape.
    y : ndarray, 1-D
        The data.
    scale : float or ndarray
        One positive number (the UCSD sigma) or one per prediction, shaped like ``h`` (the
        L_p risk divides by the largest error at each h).
    term : callable
        ``term(z)`` works in place on a block ``z`` and returns it.

    Returns
    -------
    ndarray
        Shaped like ``h``. Plain formula: ``term((h[..., None] - y) / scale).sum(-1)``.
    """
    flat = h.ravel()
    scale = np.broadcast_to(scale, h.shape).ravel()
    out = np.zeros(flat.size)
    cols = max(1, min(y.size, BLOCK_ELEMENTS))
    for c0 in range(0, y.size, cols):
        yc = y[c0:c0 + cols]
        for rows in row_blocks(flat.size, yc.size):
            # Subtract first, then divide: (h - y) is exact where h and y are close,
            # h/sigma - y/sigma is not when both are huge next to sigma.
            block = np.subtract.outer(flat[rows], yc)
            block /= scale[rows, None]
            out[rows] += term(block).sum(axis=1)
            del block   # free it before the next one is made: one block alive at a time
    return out.reshape(h.shape)


# --------------------------------------------------------------------------------------
# The squared risk from two numbers
# --------------------------------------------------------------------------------------

def squared_risk_from_moments(h, mean, variance):
    """R_sq(h) = (h - mean)**2 + variance (variance with 1/n): O(1) per ``h``.

    Plain formula: ``mean((h - y_i)**2)``; equal by expanding the square around the mean.
    """
    return np.square(h - mean) + variance


def squared_slope(h, mean):
    """R_sq'(h) = 2 (h - mean). Plain formula: ``(2/n) sum_i (h - y_i)``."""
    return 2.0 * (h - mean)


# --------------------------------------------------------------------------------------
# The UCSD risk
# --------------------------------------------------------------------------------------

def ucsd_loss_inplace(z):
    """1 - exp(-z**2), in place: the UCSD loss of scaled errors z = (h - y) / sigma."""
    np.square(z, out=z)
    np.negative(z, out=z)
    np.expm1(z, out=z)       # -expm1(-u) is 1 - exp(-u) without losing digits for small u
    np.negative(z, out=z)
    return z


def ucsd_slope_inplace(z):
    """z exp(-z**2), in place: the UCSD loss's slope, up to the factor 2 / sigma."""
    weight = np.square(z)          # the one temporary: e^{-z^2}, built in place
    np.negative(weight, out=weight)
    np.exp(weight, out=weight)
    z *= weight
    return z


def ucsd_risk_curve(h, y, sigma):
    """The UCSD risk at every ``h``, ``mean_i(1 - exp(-((h - y_i) / sigma)**2))``."""
    return block_sums(h, y, sigma, ucsd_loss_inplace) / y.size


def ucsd_derivative_curve(h, y, sigma):
    """The UCSD risk's derivative at every ``h``, in blocks.

    (2 / (n sigma**2)) sum_i (h - y_i) e^{-(h - y_i)**2 / sigma**2}, written with
    z = (h - y_i) / sigma as (2 / (n sigma)) sum_i z e^{-z**2}.
    """
    return block_sums(h, y, sigma, ucsd_slope_inplace) * (2.0 / (y.size * sigma))


def ucsd_derivative_at(h, y, sigma):
    """The UCSD risk's derivative at one float ``h``, as a float (what descent calls)."""
    z = (h - y) / sigma
    return 2.0 / (y.size * sigma) * float(np.dot(z, np.exp(-np.square(z))))


def ucsd_minima(y, sigma, xtol=None, points_per_sigma=16, max_points=200_000):
    """Every local minimizer of the UCSD risk, sorted.

    The slope is sampled on an even grid ``sigma / points_per_sigma`` apart, from one sigma
    left of the data to one sigma right of it: no minimum lies outside the data's range
    (left of all data the slope is negative, right of it positive), and the extra sigma
    keeps the ends of the grid where the slope is not zero. Each change of sign from
    negative to non-negative is refined by bisection until the bracket is narrower than
    ``xtol`` (default: a few ulps of the largest |y|; a slider asks for a cent).

    If that grid would need more than ``max_points`` points (data spanning more than about
    12,500 sigma), the grid is coarser, and every distinct data value and the points
    sigma / 8 either side of it are sampled too: each isolated valley is still found.
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
    slope = block_sums(grid, y, sigma, ucsd_slope_inplace)
    starts = np.flatnonzero((slope[:-1] < 0) & (slope[1:] >= 0))
    left, right = grid[starts], grid[starts + 1]
    if xtol is None:
        xtol = 4 * np.finfo(float).eps * max(abs(lo), abs(hi), 1.0)
    # Bisection on all brackets at once; enough halvings for the widest one (at most 200).
    widest = float(np.max(right - left, initial=0.0))
    halvings = min(200, max(1, math.ceil(math.log2(max(widest / xtol, 1.0)))))
    for _ in range(halvings):
        mid = 0.5 * (left + right)
        neg = block_sums(mid, y, sigma, ucsd_slope_inplace) < 0
        left = np.where(neg, mid, left)
        right = np.where(neg, right, mid)
    return 0.5 * (left + right)


# --------------------------------------------------------------------------------------
# The L_p risk, scaled by the largest error
# --------------------------------------------------------------------------------------

def powers_inplace(z, p):
    """|z|**p in place, for |z| <= 1, as exp(p log|z|).

    A term below e^-700 (1e-304) is counted as e^-700 (:data:`LOG_FLOOR`): next to the
    largest term, 1, that changes no sum a float can show, and it keeps exp off its slow
    path in the subnormal range (numpy's power there is about ten times slower at
    p = 1000). Call it under ``np.errstate(divide="ignore")``: log 0 = -inf, which the
    floor replaces.
    """
    np.abs(z, out=z)
    np.log(z, out=z)
    z *= p
    np.maximum(z, LOG_FLOOR, out=z)
    return np.exp(z, out=z)


def largest_error(h, y):
    """M(h) = max_i |h - y_i|: the distance to the smallest or to the largest value."""
    return np.maximum(np.abs(h - y.min()), np.abs(y.max() - h))


def lp_parts(h, y, p):
    """M, the largest error at each ``h``, and mean_i (|h - y_i| / M)**p: R_p = M**p * mean.

    Every term lies in [0, 1] and their mean in [1/n, 1], so nothing overflows at any p.
    """
    largest = largest_error(h, y)
    safe = np.where(largest > 0, largest, 1.0)     # M = 0 only where h equals every y_i
    with np.errstate(divide="ignore"):
        sums = block_sums(h, y, safe, lambda z: powers_inplace(z, p))
    return largest, sums / y.size


def lp_slope_sign(h, y, p):
    """A number with the sign of R_p'(h) = (p/n) sum_i sign(h - y_i) |h - y_i|**(p-1).

    Each term is divided by M**(p-1), M the largest error at ``h``: the terms then lie in
    [-1, 1], so the sign is right even at p = 1000, where the terms themselves overflow.
    """
    r = h - y
    with np.errstate(divide="ignore"):
        terms = powers_inplace(r / float(largest_error(h, y)), p - 1.0)
    return float(np.dot(np.sign(r), terms))


def lp_minimizer(y, p):
    """The minimizer of the L_p risk for 1 < p < inf, by bisection on the sign of its slope.

    The risk is strictly convex, so its slope changes sign once in [min y, max y]; the
    bracket is halved until its ends are neighbouring floats. Plain formula: the h where
    R_p'(h) = (p/n) sum_i sign(h - y_i) |h - y_i|**(p-1) changes sign.
    """
    lo, hi = float(np.min(y)), float(np.max(y))
    mid = lo
    # Each halving shortens [lo, hi]; from the widest float range to one ulp of the
    # smallest takes fewer than 2,100 of them, so the cap is never what stops the loop.
    for _ in range(2_100):
        mid = 0.5 * lo + 0.5 * hi
        if not lo < mid < hi:          # lo and hi are neighbouring floats
            break
        slope = lp_slope_sign(mid, y, p)
        if slope == 0:
            return mid
        lo, hi = (mid, hi) if slope < 0 else (lo, mid)
    return mid


class LpCurves:
    """The L_p typical error :math:`R_p(h)^{1/p}` on a fixed grid of ``h``, for any p.

    Keeps, for the grid, the largest error M(h) and log(|h - y_i| / M(h)), so a new p
    costs one ``exp`` over that n-by-m table: what the p slider needs. Memory: 8 bytes
    per grid point and data value (2 MB for 600 points and 397 salaries).
    Plain formula: ``mean_i(|h - y_i|**p) ** (1/p)``.
    """

    def __init__(self, h, y):
        self.h = h
        self.largest = largest_error(h, y)
        safe = np.where(self.largest > 0, self.largest, 1.0)   # M = 0 only where h = every y_i
        with np.errstate(divide="ignore"):
            logs = np.log(np.abs(np.subtract.outer(h, y)) / safe[:, None])
        self.logs = np.maximum(logs, LOG_FLOOR)

    def typical_error(self, p):
        """R_p(h)^(1/p) at every grid point; the largest error itself for p = inf."""
        if math.isinf(p):
            return self.largest.copy()
        terms = np.multiply(self.logs, p)
        np.exp(terms, out=terms)
        return self.largest * terms.mean(axis=1) ** (1.0 / p)


# --------------------------------------------------------------------------------------
# The data sorted once: absolute, Huber and 0-1 risks
# --------------------------------------------------------------------------------------

class SortedData:
    """The data sorted once, with prefix sums: absolute, Huber, 0-1 risks in O(log n) per h.

    The values are shifted by their middle value before summing, which keeps the prefix
    sums small and the absolute risk accurate to about 1e-12 relative.
    """

    def __init__(self, y):
        self.n = y.size
        self.sorted = np.sort(y)
        self.shift = self.sorted[self.n // 2]
        self.z = self.sorted - self.shift
        self.prefix = np.concatenate(([0.0], np.cumsum(self.z)))
        self._prefix_sq = None

    def absolute_risk(self, h):
        """mean_i |h - y_i|: the points below h and the points above, from prefix sums."""
        g = np.asarray(h, dtype=float) - self.shift
        below = np.searchsorted(self.z, g, side="left")   # how many y_i < h
        total = self.prefix[-1]
        low = self.prefix[below]
        # sum over y_i < h of (h - y_i)  +  sum over y_i >= h of (y_i - h)
        sums = (g * below - low) + ((total - low) - g * (self.n - below))
        return sums / self.n

    def absolute_slope(self, h):
        """(#{y_i < h} - #{y_i > h}) / n, by two binary searches."""
        h = np.asarray(h, dtype=float)
        below = np.searchsorted(self.sorted, h, side="left")
        above = self.n - np.searchsorted(self.sorted, h, side="right")
        return (below - above) / self.n

    def count_equal(self, h):
        """#{y_i == h}, by two binary searches (the 0-1 risk is 1 - count / n)."""
        h = np.asarray(h, dtype=float)
        return (np.searchsorted(self.sorted, h, side="right")
                - np.searchsorted(self.sorted, h, side="left"))

    @property
    def prefix_sq(self):
        """Prefix sums of the squared shifted values; only the Huber risk needs them."""
        if self._prefix_sq is None:
            self._prefix_sq = np.concatenate(([0.0], np.cumsum(np.square(self.z))))
        return self._prefix_sq

    def huber_window(self, h, delta):
        """g = h - shift, and the index range [lo, hi) of the y_i within delta of h.

        The lo points before it have h - y_i > delta, the n - hi after it y_i - h > delta.
        """
        g = np.asarray(h, dtype=float) - self.shift
        lo = np.searchsorted(self.z, g - delta, side="left")
        hi = np.searchsorted(self.z, g + delta, side="right")
        return g, lo, hi

    def huber_risk(self, h, delta):
        """mean_i L_delta(h, y_i): quadratic over the points within delta, linear beyond.

        The squares cost some digits when the data spread far wider than ``delta``: the
        relative difference from the plain formula is about 1e-16 times spread / delta.
        """
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
        """mean_i clip(h - y_i, -delta, delta)."""
        g, lo, hi = self.huber_window(h, delta)
        near = (hi - lo) * g - (self.prefix[hi] - self.prefix[lo])
        return (delta * (lo - (self.n - hi)) + near) / self.n

    def huber_minimizer(self, delta):
        r"""The exact minimizer of the Huber risk (the middle of a flat bottom).

        The slope never decreases and is linear between the kinks y_i - delta and
        y_i + delta. It is evaluated at every kink; between the last kink where it is
        negative and the next, the same points lie within delta of h, and setting the slope
        to zero there gives h = (sum of the k points within delta + delta (#above -
        #below)) / k: the mean of the points within delta, pulled by delta for each point
        beyond it.

        A flat bottom needs a zero slope over an interval: no point within delta of h there,
        and as many points below as above. That happens exactly when n is even and the two
        middle values are at least 2 delta apart; the minimizers are then [lower middle +
        delta, upper middle - delta], whose middle is the middle of the two middle values.
        """
        s, n = self.sorted, self.n
        if n % 2 == 0 and s[n // 2] - s[n // 2 - 1] >= 2 * delta:
            return float(0.5 * s[n // 2 - 1] + 0.5 * s[n // 2])
        kinks = np.sort(np.concatenate([s - delta, s + delta]))
        slopes = self.huber_slope(kinks, delta)
        j = max(1, int(np.argmax(slopes >= 0)))    # at the first kink the slope is -delta
        left, right = kinks[j - 1], kinks[j]
        g, lo, hi = self.huber_window(0.5 * left + 0.5 * right, delta)
        if hi == lo:                    # no point within delta: only when kinks coincide
            return float(right)
        near = self.prefix[hi] - self.prefix[lo]
        h = self.shift + (near + delta * ((n - hi) - lo)) / (hi - lo)
        return float(min(max(h, left), right))


# --------------------------------------------------------------------------------------
# A line: the risk surface from centred moments
# --------------------------------------------------------------------------------------

class LineMoments:
    """Five numbers about paired data that give the risk of every line w0 + w1 x in O(1).

    With the means x̄, ȳ and the centred moments S_xx = mean((x - x̄)²),
    S_xy = mean((x - x̄)(y - ȳ)), S_yy = mean((y - ȳ)²), the residual of the line at point i
    is (y_i - ȳ) - w1 (x_i - x̄) + a, where a = ȳ - w0 - w1 x̄ is its miss at the point of
    means. The centred part has mean zero, so

        R(w0, w1) = S_yy - 2 w1 S_xy + w1² S_xx + a².

    Centring first keeps every digit when the data sit far from zero (x and y near 10**9):
    the raw moments mean(x²), mean(xy), mean(y²) would there cancel to nothing.
    Plain formula: ``mean((y - w0 - w1 * x)**2)``, one row of residuals per line.
    """

    def __init__(self, x, y):
        self.xbar, self.ybar = float(np.mean(x)), float(np.mean(y))
        xc, yc = x - self.xbar, y - self.ybar
        self.sxx = float(np.mean(xc * xc))
        self.sxy = float(np.mean(xc * yc))
        self.syy = float(np.mean(yc * yc))

    def miss_at_the_means(self, w0, w1):
        """a = ȳ - w0 - w1 x̄: where the line passes above (a < 0) or below the means."""
        return (self.ybar - w0) - w1 * self.xbar

    def risk(self, w0, w1):
        """The mean squared error of every line, broadcast over ``w0`` and ``w1``."""
        a = self.miss_at_the_means(w0, w1)
        return self.syy - 2.0 * w1 * self.sxy + np.square(w1) * self.sxx + np.square(a)

    def gradient(self, w0, w1):
        """The two partial derivatives: -2 a and -2 (S_xy - w1 S_xx + x̄ a)."""
        a = self.miss_at_the_means(w0, w1)
        return -2.0 * a, -2.0 * (self.sxy - w1 * self.sxx + self.xbar * a)
