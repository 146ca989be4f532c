"""The sliders of notebooks 06 and 07: the exponent p and the Huber threshold delta (06),
and one salary moved far away (07).

Each is an :class:`~erm_course.explorer.Explorer` drawn in the page
(:mod:`erm_course.drawing`) with two panels and one slider. Everything that moves is
computed here, with :mod:`erm_helpers` and :mod:`erm_fast`, at every stop of the slider,
and sent once as a *family* (one row per stop); the page only picks the row of the
slider's stop, so a move never waits for the kernel:

- the p explorer: the typical error :math:`R_p(h)^{1/p}` on the left (one point per pixel
  of the panel; :class:`erm_fast.LpCurves` keeps what every p shares, so a stop costs one
  ``exp`` over an n-by-m table), its minimizer starred there and on the right panel's
  path of minimizers against p;
- the delta explorer: the Huber risk divided by delta on the left
  (:class:`erm_fast.SortedData`: two binary searches per h), its minimizer starred there
  and on the path of minimizers against delta;
- the outlier explorer: the four minimizers (mean, median, Huber, UCSD) marked on their
  influence curves, near the start of the move and all the way, with a line at the value.

The still parts (axes, the data, the summaries as lines, the paths and influence curves)
are drawn once by matplotlib. Each readout is written here, per stop. Plain pytest drives
an explorer by setting ``slider.value`` and reading ``readout_text`` and the scene's data
(``tests/test_loss_explorers.py``, which also checks the page in Chromium).

Used in notebook 06: :func:`lp_explorer`, :func:`huber_explorer`; in notebook 07:
:func:`outlier_explorer`.
"""

import math

import numpy as np
from matplotlib import rcParams
from matplotlib.colors import to_hex

import erm_fast as fast
import erm_helpers as erm
from erm_course.drawing import PX_PER_POINT, Scene
from erm_course.explorer import Explorer
from erm_course.figures.choosing_a_loss import p_label
from erm_course.figures.outliers_and_convexity import (INFLUENCE_NAMES, influence_table,
                                                       second_largest)
from erm_course.formatting import money
from erm_course.sliders import (check_in_range, check_range, log_range, log_stops,
                                nearest_stop, nice, on_grid, padded, rug, spread)
from erm_course.style import COLORS, LINESTYLES, MARKERS, even_h_grid, money_ticks

__all__ = ["lp_explorer", "huber_explorer", "outlier_explorer", "LpExplorer",
           "HuberExplorer", "OutlierExplorer", "P_STOPS", "DELTAS"]

#: The p slider's stops: 100 per power of ten from 1 to 100 (with 1.5, 2, 3, 10 exactly),
#: then infinity, where the typical error is the largest error.
P_STOPS = log_stops(0, 2, (1.5,), "") + [("∞", math.inf)]

#: The thresholds notebook 06 discusses: stops of the delta slider whenever its range
#: holds them.
DELTAS = (1_000.0, 5_000.0, 10_000.0, 20_000.0, 48_000.0, 70_000.0)

# Where p = infinity sits on the right panel's log axis (labelled "∞"), past p = 100.
_INF_X = 200.0

# The figure's size in inches (100 CSS pixels each), as the explorers had before the page
# drew them.
_SIZE = (7.0, 3.4)


def _two_panels(figure, ratios=(3, 2)):
    """The left and right axes of an explorer's figure, with room for dollar ticks."""
    figure.subplots_adjust(left=0.12, right=0.98, bottom=0.15, top=0.9, wspace=0.4)
    grid = figure.add_gridspec(1, 2, width_ratios=ratios)
    return figure.add_subplot(grid[0]), figure.add_subplot(grid[1])


def _reference_lines(ax, values, orientation):
    """Still lines at the median, mean, midrange...: ``values`` maps name to value."""
    draw = ax.axvline if orientation == "v" else ax.axhline
    for name, value in values.items():
        draw(value, color=COLORS[name], ls=LINESTYLES[name], lw=1.2)


def _dot(scene, ax, x, y, color, marker, size=9):
    """A marker that moves, as matplotlib's ``plot(..., marker, mec="black", mew=0.6,
    ms=size)`` draws it."""
    scene.mark("points", ax, x, y, marker=marker, color=color, edge="#000000",
               edgewidth=0.6 * PX_PER_POINT, size=size * PX_PER_POINT)


def _curve_and_stars(scene, axes, grid, rows, by):
    """What a move of the p or delta slider redraws, as families over its stops: the
    curve and a star at its minimizer on the left, the star on the path of minimizers
    on the right. ``rows`` holds the curves, the minimizers, the curve's value there and
    the star's x on the right panel, one row (or number) per stop."""
    ax, path_ax = axes
    curves, minimizers, at_minimizers, path_x = rows
    scene.mark("line", ax, scene.array("grid", grid), scene.family("curve", curves, by),
               color=COLORS["risk"], width=1.8 * PX_PER_POINT)
    star = (COLORS["global minimum"], MARKERS["global minimum"], 14)
    best = scene.family("minimizer", np.reshape(minimizers, (-1, 1)), by)
    _dot(scene, ax, best, scene.family("at_minimizer", np.reshape(at_minimizers, (-1, 1)),
                                       by), *star)
    _dot(scene, path_ax, path_x, best, *star)


def _summary_text(summaries):
    """"median $96,000, mean $112,000[, midrange ...]": the end of a readout."""
    return ", ".join(f"{name} {money(value)}" for name, value in summaries.items())


def _low_high(name, value_range):
    """(low, high, step) of a slider's range, checked as :func:`check_range` checks it;
    the step may be left out (1.0, unused by a log-spaced slider)."""
    value_range = tuple(value_range)
    if len(value_range) == 2:
        value_range += (1.0,)
    return check_range(name, value_range)


def _stops(value, low, high, step, exact=()):
    """A dollar slider's stops and its start among them.

    Over more than a power of ten, log-spaced (about 100 per power of ten,
    :func:`erm_course.sliders.log_range`), with ``value`` and the ``exact`` values in range
    among them; else the linear grid ``low + k * step``, ``value`` moved onto it.
    """
    if high > 10 * low:
        return np.array(log_range(low, high, (value, *exact))), value
    stops = np.round(low + step * np.arange(round((high - low) / step) + 1), 10)
    return stops, on_grid(value, low, step)


# --------------------------------------------------------------------------------------
# The p explorer
# --------------------------------------------------------------------------------------

class LpExplorer(Explorer):
    """A p slider over the L_p family; see :func:`lp_explorer`.

    The page is sent, for every stop of the slider, the typical error (one point per pixel
    of the left panel), the minimizer and the typical error there, and the readout.
    """

    summary = "a p slider over the L_p risk of"

    def __init__(self, y, p, grid_size):
        scene = Scene(*_SIZE)
        scene.key = [("|", "data", COLORS["data"]), ("━", "typical error", COLORS["risk"]),
                     ("★", "minimizer", COLORS["global minimum"]),
                     ("┆", "median", COLORS["median"]), ("│", "mean", COLORS["mean"]),
                     ("⋮", "midrange", COLORS["midrange"])]
        ax, path_ax = self.ax, self.path_ax = _two_panels(scene.figure)
        self.grid = even_h_grid(y, num=grid_size or scene.pixels(ax))
        self.stops = np.array([v for _, v in P_STOPS])
        labels = [label for label, _ in P_STOPS]
        self.summaries = {"median": erm.lp_risk_minimizer(y, 1),
                          "mean": erm.squared_risk_minimizer(y),
                          "midrange": erm.lp_risk_minimizer(y, math.inf)}
        lp = fast.LpCurves(self.grid, y)            # what every p shares, made once
        self.curves = np.array([lp.typical_error(p) for p in self.stops])
        self.minimizers = np.array([erm.lp_risk_minimizer(y, p) for p in self.stops])
        self.minimum_errors = np.array([erm.lp_typical_error(m, y, p)
                                        for m, p in zip(self.minimizers, self.stops)])
        self.texts = [self._text(p, m, e) for p, m, e
                      in zip(self.stops, self.minimizers, self.minimum_errors)]
        self._draw_still(y, lp.largest.max())
        scene.slider("p", "p", self.stops, labels)
        path_x = np.where(np.isinf(self.stops), _INF_X, self.stops)
        _curve_and_stars(scene, (ax, path_ax), self.grid,
                         (self.curves, self.minimizers, self.minimum_errors,
                          scene.family("path_x", path_x[:, None], "p")), "p")
        scene.readout_family(self.texts, "p")
        scene.alt = ("The typical error of the data for the slider's p, with its minimizer; "
                     "the minimizer against p.")
        super().__init__(y, scene, {"p": int(np.flatnonzero(self.stops == p)[0])})
        self.p_slider = self.control("p", self.stops, labels, "p")

    def _draw_still(self, y, top):
        ax, path_ax = self.ax, self.path_ax
        # Left: the typical error. Its largest value over p is the largest error M(h)
        # (a p-th power mean grows with p), so fixed limits hold every p.
        rug(ax, y)
        _reference_lines(ax, self.summaries, "v")
        ax.set(xlim=(self.grid[0], self.grid[-1]), ylim=(0, 1.05 * top),
               xlabel="prediction h", title="typical error R_p(h)^(1/p)")
        money_ticks(ax.xaxis, nbins=4)
        money_ticks(ax.yaxis, nbins=4)
        # Right: the minimizer against p, log scale, with p = inf at the far right.
        finite = np.isfinite(self.stops)
        path_ax.plot(self.stops[finite], self.minimizers[finite], color="0.2", lw=1.5)
        path_ax.plot([_INF_X], [self.summaries["midrange"]], "o", color="0.2", ms=4)
        _reference_lines(path_ax, self.summaries, "h")
        path_ax.set_xscale("log")
        path_ax.set_xticks([1, 10, 100, _INF_X], ["1", "10", "100", "∞"])
        path_ax.set_xticks([], minor=True)
        path_ax.set(xlim=(0.8, 1.4 * _INF_X), xlabel="p (log scale)",
                    title="minimizer against p")
        path_ax.set_ylim(padded(self.minimizers))
        money_ticks(path_ax.yaxis, nbins=4)

    def _text(self, p, best, error):
        return (f"{p_label(p)} · minimizer h* = {money(best)} · typical error there "
                f"{money(error)} · {_summary_text(self.summaries)}")

    def readout_for(self, state):
        return self.texts[state["p"]]


# --------------------------------------------------------------------------------------
# The delta explorer
# --------------------------------------------------------------------------------------

class HuberExplorer(Explorer):
    """A delta slider over the Huber risk; see :func:`huber_explorer`.

    The page is sent, for every stop of the slider, the Huber risk divided by delta (one
    point per pixel of the left panel), the minimizer and the curve's value there, and the
    readout.
    """

    summary = "a δ slider over the Huber risk of"

    def __init__(self, y, delta, stops, grid_size):
        scene = Scene(*_SIZE)
        scene.key = [("|", "data", COLORS["data"]), ("━", "Huber risk / δ", COLORS["risk"]),
                     ("╌", "absolute risk", "#777777"),
                     ("★", "minimizer", COLORS["global minimum"]),
                     ("┆", "median", COLORS["median"]), ("│", "mean", COLORS["mean"])]
        ax, path_ax = self.ax, self.path_ax = _two_panels(scene.figure)
        self.grid = even_h_grid(y, num=grid_size or scene.pixels(ax))
        self.stops = np.asarray(stops, dtype=float)
        labels = [money(d) for d in self.stops]
        self.summaries = {"median": erm.lp_risk_minimizer(y, 1),
                          "mean": erm.squared_risk_minimizer(y)}
        data = fast.SortedData(y)                   # sorted once for every delta
        self.curves = np.array([data.huber_risk(self.grid, d) / d for d in self.stops])
        self.minimizers = np.array([erm.huber_risk_minimizer(y, d) for d in self.stops])
        self.minimum_risks = np.array([data.huber_risk(m, d) / d
                                       for m, d in zip(self.minimizers, self.stops)])
        self.texts = [f"δ = {money(d)} · minimizer h* = {money(m)} · "
                      f"{_summary_text(self.summaries)}"
                      for d, m in zip(self.stops, self.minimizers)]
        self._draw_still(y)
        scene.slider("delta", "δ", self.stops, labels)
        _curve_and_stars(scene, (ax, path_ax), self.grid,
                         (self.curves, self.minimizers, self.minimum_risks,
                          {"stop": "delta_stops"}), "delta")
        scene.readout_family(self.texts, "delta")
        scene.alt = ("The Huber risk of the data, divided by the slider's delta, with its "
                     "minimizer; the minimizer against delta.")
        super().__init__(y, scene, {"delta": int(np.flatnonzero(self.stops == delta)[0])})
        self.delta_slider = self.control("delta", self.stops, labels, "δ")

    def _draw_still(self, y):
        ax, path_ax = self.ax, self.path_ax
        # Left: R_Huber(h) / delta, in dollars. It lies between the absolute risk minus
        # delta / 2 and the absolute risk, so the absolute risk's top bounds every delta.
        absolute = erm.absolute_risk(self.grid, y)
        rug(ax, y)
        ax.plot(self.grid, absolute, color="0.55", ls="--", lw=1)
        _reference_lines(ax, self.summaries, "v")
        ax.set(xlim=(self.grid[0], self.grid[-1]), ylim=(0, 1.05 * absolute.max()),
               xlabel="prediction h", title="Huber risk / δ, R_Huber(h) / δ")
        money_ticks(ax.xaxis, nbins=4)
        money_ticks(ax.yaxis, nbins=4)
        # Right: the minimizer against delta, at every stop of the slider.
        path_ax.plot(self.stops, self.minimizers, color=COLORS["huber"], lw=1.8)
        _reference_lines(path_ax, self.summaries, "h")
        path_ax.set(xlim=(0, self.stops[-1] * 1.02), ylim=padded(self.minimizers),
                    xlabel="threshold δ", title="minimizer against δ")
        money_ticks(path_ax.xaxis, nbins=3)
        money_ticks(path_ax.yaxis, nbins=4)

    def readout_for(self, state):
        return self.texts[state["delta"]]


# --------------------------------------------------------------------------------------
# The outlier explorer
# --------------------------------------------------------------------------------------

_NAMES = {"mean": "mean", "median": "median", "huber": "Huber", "ucsd": "UCSD"}


class OutlierExplorer(Explorer):
    """A slider that moves the largest value; see :func:`outlier_explorer`.

    The page is sent the four minimizers at every stop of the slider (where the markers
    go, on both panels) and the readout per stop.
    """

    summary = "a slider that moves the largest of"

    def __init__(self, y, value, values, delta, sigma, first):
        self.delta, self.sigma = delta, sigma
        scene = Scene(*_SIZE)
        scene.key = [("━", "mean", COLORS["mean"]), ("╌", "median", COLORS["median"]),
                     ("─·", f"Huber, δ = {money(delta)}", COLORS["huber"]),
                     ("┈", f"UCSD, σ = {money(sigma)}", COLORS["ucsd"])]
        self.values = np.asarray(values, dtype=float)
        # Every minimizer at every stop, once: the markers' rows, and the curves on the right.
        self.table = influence_table(y, self.values, delta=delta, sigma=sigma)
        self.texts = [self._text(v, {name: self.table[name][k] for name in INFLUENCE_NAMES})
                      for k, v in enumerate(self.values)]
        labels = [money(v) for v in self.values]
        scene.slider("value", "largest", self.values, labels)
        self.near_ax, self.ax = _two_panels(scene.figure, ratios=(1, 1))
        low = self.values[0]
        near = np.linspace(low, min(low + first, self.values[-1]), 61)  # finer than stops
        curves = ((near, influence_table(y, near, delta=delta, sigma=sigma)),
                  (self.values, self.table))
        titles = (f"the first {money(near[-1] - low)}", "all the way")
        for ax, (x, table), title in zip((self.near_ax, self.ax), curves, titles):
            self._draw_panel(scene, ax, x, table, title)
        scene.readout_family(self.texts, "value")
        scene.alt = ("The minimizers of the mean, median, Huber and UCSD losses as the "
                     "largest salary moves, marked at the slider's value.")
        super().__init__(y, scene, {"value": int(np.flatnonzero(self.values == value)[0])})
        self.value_slider = self.control("value", self.values, labels, "largest")

    def _draw_panel(self, scene, ax, x, table, title):
        """The influence curves on ``ax`` (still), and over them what moves: a dotted line
        at the value and a marker per minimizer (the page clips one outside the panel)."""
        for name in INFLUENCE_NAMES:
            ax.plot(x, table[name], color=COLORS[name], ls=LINESTYLES[name], lw=1.8)
        ax.set(xlim=(x[0], x[-1]), xlabel="largest salary", title=title,
               ylim=padded(np.concatenate(list(table.values()))))
        money_ticks(ax.xaxis, nbins=2 if ax is self.near_ax else 3)
        money_ticks(ax.yaxis, nbins=4)
        value = {"stop": "value_stops"}
        scene.mark("vline", ax, value, 0.0, color=to_hex("0.4"), width=PX_PER_POINT,
                   dash=[v * PX_PER_POINT for v in rcParams["lines.dotted_pattern"]])
        for name in INFLUENCE_NAMES:
            rows = scene.family(f"minimizer_{name}", self.table[name][:, None], "value")
            _dot(scene, ax, value, rows, COLORS[name], MARKERS[name], 8)

    @staticmethod
    def _text(value, found):
        return (f"largest salary {money(value)} · " + " · ".join(
            f"{_NAMES[name]} {money(found[name])}" for name in INFLUENCE_NAMES))

    def minimizers_at(self, value):
        """The four minimizers with the largest value moved to ``value`` (a dict)."""
        k = np.flatnonzero(self.values == value)
        if k.size:
            return {name: float(self.table[name][k[0]]) for name in INFLUENCE_NAMES}
        table = influence_table(self.y, [value], delta=self.delta, sigma=self.sigma)
        return {name: float(v[0]) for name, v in table.items()}

    def readout_for(self, state):
        return self.texts[state["value"]]


# --------------------------------------------------------------------------------------
# The builders
# --------------------------------------------------------------------------------------

def lp_explorer(y, p=2, *, grid_size=None):
    """A p slider (log scale, 1 to 100 and ∞) over the typical error of the L_p risk.

    The left panel draws :func:`erm_helpers.lp_typical_error` and stars its minimizer;
    the right one the minimizer against p, with the median, the mean and the midrange
    as lines. The stops are :data:`P_STOPS`: about 100 per power of ten, with 1, 1.5, 2,
    3, 10 and 100 exactly, then ∞.

    Parameters
    ----------
    y : array_like, 1-D
        The data.
    p : float, optional
        Starting exponent, at least 1; moved to the nearest stop of the slider.
    grid_size : int, optional
        Number of predictions drawn on the curve (default: one per pixel of the panel).

    Returns
    -------
    LpExplorer
        A widget drawn in the page, with ``p_slider`` (its ``value`` reads and moves the
        slider), ``readout_text``, ``figure``, ``ax``, ``path_ax``, ``grid``, ``stops``,
        ``summaries`` and, per stop, ``curves``, ``minimizers``, ``minimum_errors`` and
        ``texts``.

    Examples
    --------
    >>> ex = lp_explorer(erm.load_salaries(), p=1.5)
    >>> ex.readout_text
    'p = 1.5 · minimizer h* = $106,742 · typical error there $23,953 · median $96,000, mean $112,000, midrange $125,000'
    >>> ex.p_slider.value = math.inf
    >>> ex.readout_text.split(" · ")[:2]
    ['p = ∞', 'minimizer h* = $125,000']
    """
    y = erm.as_data(y)
    if grid_size is not None:
        grid_size = erm.check_count("grid_size", grid_size)
    p = erm.check_p(p)           # "p must be at least 1", as erm_helpers says it
    if not math.isinf(p):
        check_in_range("p", p, 1.0, 100.0, lambda v: f"{v:g}")
        p = nearest_stop(P_STOPS, p)
    return LpExplorer(y, p, grid_size)


def huber_explorer(y, delta=None, *, delta_range=None, grid_size=None):
    """A delta slider over the Huber risk (divided by delta, so it stays in dollars).

    Parameters
    ----------
    y : array_like, 1-D
        The data.
    delta : float, optional
        Starting threshold in dollars, inside ``delta_range`` (a stop of the slider);
        default: a fifth of the data's spread.
    delta_range : tuple of float, optional
        ``(min, max, step)`` (or ``(min, max)``); by default from ``step`` to the data's
        spread, with ``step`` a seventieth of the spread rounded down to 1, 2 or 5 times a
        power of ten ($1,000 to $70,000 for the five salaries). A range over more than a
        power of ten, as the default, is log-spaced (about 100 stops per power of ten, with
        ``delta`` and the values of :data:`DELTAS` in range among them) and ``step`` is
        unused; a narrower one has the stops ``min + k * step``, ``delta`` moved onto them.
    grid_size : int, optional
        Number of predictions drawn on the curve (default: one per pixel of the panel).

    Returns
    -------
    HuberExplorer
        A widget drawn in the page, with ``delta_slider`` (its ``value`` reads and moves
        the slider), ``readout_text``, ``figure``, ``ax``, ``path_ax``, ``grid``,
        ``stops``, ``summaries`` and, per stop, ``curves``, ``minimizers``,
        ``minimum_risks`` and ``texts``.

    Examples
    --------
    >>> ex = huber_explorer(erm.load_salaries(), delta=20_000)
    >>> ex.readout_text
    'δ = $20,000 · minimizer h* = $105,000 · median $96,000, mean $112,000'
    """
    y = erm.as_data(y)
    if grid_size is not None:
        grid_size = erm.check_count("grid_size", grid_size)
    width = spread(y)
    if delta_range is None:
        step = nice(width / 70)
        delta_range = (step, step * math.ceil(width / step), step)
    low, high, step = _low_high("delta_range", delta_range)
    delta = erm.check_positive("delta", delta if delta is not None else width / 5)
    check_in_range("delta", delta, low, high, money)
    stops, delta = _stops(delta, low, high, step, DELTAS)
    return HuberExplorer(y, delta, stops, grid_size)


def outlier_explorer(y, value=None, *, value_range=None, delta=20_000, sigma=21_000,
                     first=60_000):
    """A slider that moves the largest value of ``y`` and marks four minimizers on their
    influence curves: the mean, the median, the Huber and the UCSD minimizers.

    Parameters
    ----------
    y : array_like, 1-D
        The data (salaries: the default range is in dollars).
    value : float, optional
        Where the largest value starts, inside ``value_range`` (a stop of the slider);
        default: where it is.
    value_range : tuple of float, optional
        ``(min, max, step)`` of the slider; by default from the second-largest value
        (below it the moved value would no longer be the largest) to $1,000,000 in steps
        of $10,000. The stops are ``min + k * step``, ``value`` moved onto them; a range
        over more than a power of ten is log-spaced instead (about 100 stops per power of
        ten, ``value`` among them, ``step`` unused).
    delta, sigma : float, optional
        The Huber threshold and the UCSD scale, in dollars.
    first : float, optional
        How much of the move the left panel shows, from the slider's minimum.

    Returns
    -------
    OutlierExplorer
        A widget drawn in the page, with ``value_slider`` (its ``value`` reads and moves
        the slider), ``readout_text``, ``figure``, ``near_ax`` (the start of the move),
        ``ax`` (all of it), ``values`` (the stops), ``table`` (every minimizer at every
        stop), ``texts`` and ``minimizers_at(value)``.

    Examples
    --------
    >>> ex = outlier_explorer(erm.load_salaries(), value=320_000)
    >>> ex.readout_text
    'largest salary $320,000 · mean $144,000 · median $96,000 · Huber $105,000 · UCSD $95,565'
    >>> ex.value_slider.min, ex.value_slider.max
    (120000.0, 1000000.0)
    """
    y = erm.as_data(y)
    delta = erm.check_positive("delta", delta)
    sigma = erm.check_positive("sigma", sigma)
    first = erm.check_positive("first", first)
    if value_range is None:
        low = second_largest(y)
        value_range = (low, max(1_000_000.0, low + 10 * first), 10_000.0)
    low, high, step = check_range("value_range", value_range)
    value = float(erm.as_h(value if value is not None else np.max(y)))
    check_in_range("value", value, low, high, money)
    values, value = _stops(value, low, high, step)
    return OutlierExplorer(y, value, values, delta, sigma, first)
