"""The sliders of notebooks 06 and 07: the exponent p and the Huber threshold delta (06),
and one salary moved far away (07).

Each is an :class:`~erm_course.explorer.Explorer` with two panels. In the p and delta
explorers the left panel shows a curve of h, the right one a minimizer as a function of
the slider's value; the outlier explorer shows the influence curves near the start of the
move and all the way. All keep fixed axes, so every move only blits the artists that move
(the curve, the markers and a line at the current value). What a move needs is made once
or cached per slider value:

- the p explorer keeps, for its grid of h, the largest error :math:`M(h)` and
  :math:`\\log(|h - y_i| / M(h))` (:class:`erm_fast.LpCurves`), so a new p costs one
  ``exp`` over that table;
- the delta explorer sorts the data once (:class:`erm_fast.SortedData`: the Huber risk
  then costs two binary searches per h);
- the right-hand panels' paths, drawn once, hold the minimizer at every slider stop.

Plain pytest drives an explorer by setting ``slider.value`` and reading the line data
(``tests/test_loss_explorers.py``).

Used in notebook 06: :func:`lp_explorer`, :func:`huber_explorer`; in notebook 07:
:func:`outlier_explorer`.
"""

import math

import ipywidgets as widgets
import numpy as np

import erm_fast as fast
import erm_helpers as erm
from erm_course.explorer import Explorer
from erm_course.figures.choosing_a_loss import p_label
from erm_course.figures.outliers_and_convexity import (INFLUENCE_NAMES, influence_table,
                                                       second_largest)
from erm_course.formatting import money
from erm_course.sliders import (LRU, check_in_range, check_range, dollar_slider, log_stops,
                                nearest_stop, nice, on_grid, padded, rug, slider_layout,
                                spread)
from erm_course.style import COLORS, LINESTYLES, MARKERS, even_h_grid, money_ticks

__all__ = ["lp_explorer", "huber_explorer", "outlier_explorer", "LpExplorer",
           "HuberExplorer", "OutlierExplorer", "P_STOPS"]

#: The p slider's stops: 100 per power of ten from 1 to 100 (with 1.5, 2, 3, 10 exactly),
#: then infinity, where the typical error is the largest error.
P_STOPS = log_stops(0, 2, (1.5,), "") + [("∞", math.inf)]

# Where p = infinity sits on the right panel's log axis (labelled "∞"), past p = 100.
_INF_X = 200.0


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


def _dot(ax, color, marker, size=9):
    (line,) = ax.plot([], [], marker, color=color, mec="black", mew=0.6, ms=size)
    return line


def _moving_parts(explorer, ax, path_ax, grid):
    """What a move of the p or delta slider redraws: the curve and a star at its minimizer
    on the left, the star on the path of minimizers on the right."""
    (curve,) = ax.plot(grid, np.zeros_like(grid), color=COLORS["risk"], lw=1.8)
    star = _dot(ax, COLORS["global minimum"], MARKERS["global minimum"], 14)
    path_star = _dot(path_ax, COLORS["global minimum"], MARKERS["global minimum"], 14)
    return explorer.add_moving(curve, star, path_star)


# --------------------------------------------------------------------------------------
# The p explorer
# --------------------------------------------------------------------------------------

class LpExplorer(Explorer):
    """A p slider over the L_p family; see :func:`lp_explorer`."""

    summary = "a p slider over the L_p risk of"

    def __init__(self, y, p, grid_size):
        self.grid = even_h_grid(y, num=grid_size)
        self._lp = fast.LpCurves(self.grid, y)     # what every p shares, made once
        self._curves = LRU()
        self.summaries = {"median": erm.lp_risk_minimizer(y, 1),
                          "mean": erm.squared_risk_minimizer(y),
                          "midrange": erm.lp_risk_minimizer(y, math.inf)}
        # The minimizer at every stop, drawn once as the right panel's path.
        self.minimizers = {v: erm.lp_risk_minimizer(y, v) for _, v in P_STOPS}
        self.p_slider = widgets.SelectionSlider(
            options=P_STOPS, value=p, description="p", continuous_update=True,
            layout=slider_layout())
        super().__init__(y, [self.p_slider], key=[
            ("|", "data", COLORS["data"]), ("━", "typical error", COLORS["risk"]),
            ("★", "minimizer", COLORS["global minimum"]),
            ("┆", "median", COLORS["median"]), ("│", "mean", COLORS["mean"]),
            ("⋮", "midrange", COLORS["midrange"])])
        ax, path_ax = self.ax, self.path_ax = _two_panels(self.figure)
        # Left: the typical error. Its largest value over p is the largest error M(h)
        # (a p-th power mean grows with p), so fixed limits hold every p.
        rug(ax, y)
        _reference_lines(ax, self.summaries, "v")
        ax.set(xlim=(self.grid[0], self.grid[-1]), ylim=(0, 1.05 * self._lp.largest.max()),
               xlabel="prediction h", title="typical error R_p(h)^(1/p)")
        money_ticks(ax.xaxis, nbins=4)
        money_ticks(ax.yaxis, nbins=4)
        # Right: the minimizer against p, log scale, with p = inf at the far right.
        finite = [(v, m) for v, m in self.minimizers.items() if math.isfinite(v)]
        path_ax.plot(*zip(*finite), color="0.2", lw=1.5)
        path_ax.plot([_INF_X], [self.minimizers[math.inf]], "o", color="0.2", ms=4)
        _reference_lines(path_ax, self.summaries, "h")
        path_ax.set_xscale("log")
        path_ax.set_xticks([1, 10, 100, _INF_X], ["1", "10", "100", "∞"])
        path_ax.set_xticks([], minor=True)
        path_ax.set(xlim=(0.8, 1.4 * _INF_X), xlabel="p (log scale)",
                    title="minimizer against p")
        path_ax.set_ylim(padded(self.minimizers.values()))
        money_ticks(path_ax.yaxis, nbins=4)
        self.line, self.minimizer_line, self.path_dot = _moving_parts(self, ax, path_ax,
                                                                      self.grid)
        self.watch(self.p_slider)

    def update_artists(self):
        p = float(self.p_slider.value)
        best = self.minimizers[p]
        error = erm.lp_typical_error(best, self.y, p)
        self.line.set_ydata(self._curves.get_or_make(p, lambda: self._lp.typical_error(p)))
        self.minimizer_line.set_data([best], [error])
        self.path_dot.set_data([_INF_X if math.isinf(p) else p], [best])
        s = self.summaries
        return (f"{p_label(p)} · minimizer h* = {money(best)} · typical error there "
                f"{money(error)} · median {money(s['median'])}, mean {money(s['mean'])}, "
                f"midrange {money(s['midrange'])}")


# --------------------------------------------------------------------------------------
# The delta explorer
# --------------------------------------------------------------------------------------

class HuberExplorer(Explorer):
    """A delta slider over the Huber risk; see :func:`huber_explorer`."""

    summary = "a δ slider over the Huber risk of"

    def __init__(self, y, delta, delta_range, grid_size):
        self.grid = even_h_grid(y, num=grid_size)
        self._sorted = fast.SortedData(y)
        self._curves = LRU()
        self.summaries = {"median": erm.lp_risk_minimizer(y, 1),
                          "mean": erm.squared_risk_minimizer(y)}
        low, high, step = delta_range
        stops = np.round(low + step * np.arange(round((high - low) / step) + 1), 10)
        self.minimizers = {float(d): erm.huber_risk_minimizer(y, d) for d in stops}
        self.delta_slider = dollar_slider("δ ($)", delta, delta_range)
        super().__init__(y, [self.delta_slider], key=[
            ("|", "data", COLORS["data"]), ("━", "Huber risk / δ", COLORS["risk"]),
            ("╌", "absolute risk", "#777777"),
            ("★", "minimizer", COLORS["global minimum"]),
            ("┆", "median", COLORS["median"]), ("│", "mean", COLORS["mean"])])
        ax, path_ax = self.ax, self.path_ax = _two_panels(self.figure)
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
        path_ax.plot(list(self.minimizers), list(self.minimizers.values()),
                     color=COLORS["huber"], lw=1.8)
        _reference_lines(path_ax, self.summaries, "h")
        path_ax.set(xlim=(0, high * 1.02), ylim=padded(self.minimizers.values()),
                    xlabel="threshold δ", title="minimizer against δ")
        money_ticks(path_ax.xaxis, nbins=3)
        money_ticks(path_ax.yaxis, nbins=4)
        self.line, self.minimizer_line, self.path_dot = _moving_parts(self, ax, path_ax,
                                                                      self.grid)
        self.watch(self.delta_slider)

    def _minimizer(self, delta):
        if delta not in self.minimizers:      # a value set from Python, off the grid
            self.minimizers[delta] = erm.huber_risk_minimizer(self.y, delta)
        return self.minimizers[delta]

    def update_artists(self):
        delta = float(self.delta_slider.value)
        best = self._minimizer(delta)
        self.line.set_ydata(self._curves.get_or_make(
            delta, lambda: self._sorted.huber_risk(self.grid, delta) / delta))
        self.minimizer_line.set_data([best], [float(self._sorted.huber_risk(best, delta))
                                              / delta])
        self.path_dot.set_data([delta], [best])
        s = self.summaries
        return (f"δ = {money(delta)} · minimizer h* = {money(best)} · "
                f"median {money(s['median'])}, mean {money(s['mean'])}")


# --------------------------------------------------------------------------------------
# The outlier explorer
# --------------------------------------------------------------------------------------

_NAMES = {"mean": "mean", "median": "median", "huber": "Huber", "ucsd": "UCSD"}


class OutlierExplorer(Explorer):
    """A slider that moves the largest value; see :func:`outlier_explorer`."""

    summary = "a slider that moves the largest of"

    def __init__(self, y, value, value_range, delta, sigma, first):
        self.delta, self.sigma = delta, sigma
        low, high, step = value_range
        self.values = np.round(low + step * np.arange(round((high - low) / step) + 1), 10)
        # Every minimizer at every stop, once: the curves are the still background.
        self.table = influence_table(y, self.values, delta=delta, sigma=sigma)
        self.value_slider = dollar_slider("largest ($)", value, value_range)
        super().__init__(y, [self.value_slider], key=[
            ("━", "mean", COLORS["mean"]), ("╌", "median", COLORS["median"]),
            ("─·", f"Huber, δ = {money(delta)}", COLORS["huber"]),
            ("┈", f"UCSD, σ = {money(sigma)}", COLORS["ucsd"])])
        self.near_ax, self.ax = _two_panels(self.figure, ratios=(1, 1))
        # Left: the start of the move, where the minimizers near the crowd do their moving;
        # right: the whole move. A marker outside a panel's range is clipped away.
        self.markers, self.current_lines = {}, []
        near = np.linspace(low, min(low + first, high), 61)      # finer than the stops
        curves = ((near, influence_table(y, near, delta=delta, sigma=sigma)),
                  (self.values, self.table))
        titles = (f"the first {money(near[-1] - low)}", "all the way")
        for ax, (x, table), title in zip((self.near_ax, self.ax), curves, titles):
            for name in INFLUENCE_NAMES:
                ax.plot(x, table[name], color=COLORS[name], ls=LINESTYLES[name], lw=1.8)
            ax.set(xlim=(x[0], x[-1]), xlabel="largest salary", title=title,
                   ylim=padded(np.concatenate(list(table.values()))))
            money_ticks(ax.xaxis, nbins=2 if ax is self.near_ax else 3)
            money_ticks(ax.yaxis, nbins=4)
            self.current_lines.append(
                self.add_moving(ax.axvline(value, color="0.4", lw=1, ls=":")))
            for name in INFLUENCE_NAMES:
                dot = self.add_moving(_dot(ax, COLORS[name], MARKERS[name], 8))
                self.markers.setdefault(name, []).append(dot)
        self.watch(self.value_slider)

    def minimizers_at(self, value):
        """The four minimizers with the largest value moved to ``value`` (a dict)."""
        k = np.flatnonzero(self.values == value)
        if k.size:
            return {name: float(self.table[name][k[0]]) for name in INFLUENCE_NAMES}
        table = influence_table(self.y, [value], delta=self.delta, sigma=self.sigma)
        return {name: float(v[0]) for name, v in table.items()}

    def update_artists(self):
        value = float(self.value_slider.value)
        found = self.minimizers_at(value)
        for line in self.current_lines:
            line.set_xdata([value, value])
        for name, dots in self.markers.items():
            for dot in dots:
                dot.set_data([value], [found[name]])
        return (f"largest salary {money(value)} · " + " · ".join(
            f"{_NAMES[name]} {money(found[name])}" for name in INFLUENCE_NAMES))


# --------------------------------------------------------------------------------------
# The builders
# --------------------------------------------------------------------------------------

def lp_explorer(y, p=2, *, grid_size=600):
    """A p slider (log scale, 1 to 100 and ∞) over the typical error of the L_p risk.

    The left panel draws :func:`erm_helpers.lp_typical_error` and stars its minimizer;
    the right one the minimizer against p, with the median, the mean and the midrange
    as lines.

    Parameters
    ----------
    y : array_like, 1-D
        The data.
    p : float, optional
        Starting exponent, at least 1; moved to the nearest stop of the slider.
    grid_size : int, optional
        Number of predictions drawn on the curve.

    Returns
    -------
    LpExplorer
        An ipywidgets VBox with ``p_slider``, ``readout``, ``key`` and the ipympl
        ``canvas``; also ``figure``, ``ax``, ``path_ax``, ``line``, ``minimizer_line``,
        ``path_dot``, ``minimizers`` (a dict by stop), ``live`` and ``readout_text``.

    Examples
    --------
    >>> ex = lp_explorer(erm.load_salaries(), p=1.5)
    >>> ex.readout_text
    'p = 1.5 · minimizer h* = $106,742 · typical error there $23,953 · median $96,000, mean $112,000, midrange $125,000'
    >>> ex.p_slider.value = math.inf
    >>> ex.minimizer_line.get_xdata()
    [125000.0]
    """
    y = erm.as_data(y)
    grid_size = erm.check_count("grid_size", grid_size)
    p = erm.check_p(p)           # "p must be at least 1", as erm_helpers says it
    if not math.isinf(p):
        check_in_range("p", p, 1.0, 100.0, lambda v: f"{v:g}")
        p = nearest_stop(P_STOPS, p)
    return LpExplorer(y, p, grid_size)


def huber_explorer(y, delta=None, *, delta_range=None, grid_size=600):
    """A delta slider over the Huber risk (divided by delta, so it stays in dollars).

    Parameters
    ----------
    y : array_like, 1-D
        The data.
    delta : float, optional
        Starting threshold in dollars, inside ``delta_range`` (snapped to its grid);
        default: a fifth of the data's spread.
    delta_range : tuple of float, optional
        ``(min, max, step)``; by default from ``step`` to the data's spread, with ``step``
        a seventieth of the spread rounded down to 1, 2 or 5 times a power of ten
        ($1,000 for the five salaries).
    grid_size : int, optional
        Number of predictions drawn on the curve.

    Returns
    -------
    HuberExplorer
        An ipywidgets VBox with ``delta_slider``, ``readout``, ``key`` and the ipympl
        ``canvas``; also ``figure``, ``ax``, ``path_ax``, ``line``, ``minimizer_line``,
        ``path_dot``, ``minimizers``, ``live`` and ``readout_text``.

    Examples
    --------
    >>> ex = huber_explorer(erm.load_salaries(), delta=20_000)
    >>> ex.readout_text
    'δ = $20,000 · minimizer h* = $105,000 · median $96,000, mean $112,000'
    """
    y = erm.as_data(y)
    grid_size = erm.check_count("grid_size", grid_size)
    width = spread(y)
    if delta_range is None:
        step = nice(width / 70)
        delta_range = (step, step * math.ceil(width / step), step)
    low, high, step = check_range("delta_range", delta_range)
    delta = erm.check_positive("delta", delta if delta is not None else width / 5)
    check_in_range("delta", delta, low, high, money)
    return HuberExplorer(y, on_grid(delta, low, step), (low, high, step), grid_size)


def outlier_explorer(y, value=None, *, value_range=None, delta=20_000, sigma=21_000,
                     first=60_000):
    """A slider that moves the largest value of ``y`` and marks four minimizers on their
    influence curves: the mean, the median, the Huber and the UCSD minimizers.

    Parameters
    ----------
    y : array_like, 1-D
        The data (salaries: the default range is in dollars).
    value : float, optional
        Where the largest value starts, inside ``value_range`` (snapped to its grid);
        default: where it is.
    value_range : tuple of float, optional
        ``(min, max, step)`` of the slider; by default from the second-largest value
        (below it the moved value would no longer be the largest) to $1,000,000 in steps
        of $10,000.
    delta, sigma : float, optional
        The Huber threshold and the UCSD scale, in dollars.
    first : float, optional
        How much of the move the left panel shows, from the slider's minimum.

    Returns
    -------
    OutlierExplorer
        An ipywidgets VBox with ``value_slider``, ``readout``, ``key`` and the ipympl
        ``canvas``; also ``figure``, ``near_ax`` (the start of the move), ``ax`` (all of
        it), ``markers`` (per minimizer, one marker per panel), ``current_lines``,
        ``table`` (every minimizer at every stop), ``minimizers_at(value)``, ``live`` and
        ``readout_text``.

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
    return OutlierExplorer(y, on_grid(value, low, step), (low, high, step), delta, sigma,
                           first)
