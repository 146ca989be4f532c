"""Static figures of notebook 07: one salary moved far away (the influence curves),
convexity (chords and slopes), and descent on a risk with corners.

Stored as PNG in the notebook, so they teach without a running kernel. Each function
takes ``ax=None`` (or ``axes=None``): without axes it makes a new pyplot figure. Each
returns what it drew, so the tests can compare the line data with :mod:`erm_helpers`.
"""

import numpy as np
from matplotlib.ticker import FuncFormatter, LogLocator, NullLocator

import erm_helpers as erm
from erm_course.formatting import tex_money
from erm_course.style import (COLORS, FONT_SIZE, LINESTYLES, MARKERS, SERIES, data_rug,
                              even_h_grid, h_grid_with_data, money_ticks, panels_or_new,
                              plain_ticks, scaled_ticks)

__all__ = ["INFLUENCE_NAMES", "with_largest_replaced", "influence_table",
           "plot_influence_curves", "plot_chords", "plot_slopes",
           "plot_descent_on_absolute_risk"]

#: The four minimizers of the influence curves, in the order they are drawn.
INFLUENCE_NAMES = ("mean", "median", "huber", "ucsd")

#: Every figure here is at most this wide (inches): 960 pixels at FIGURE_DPI, so that even
#: with the padding of a notebook's inline PNG it fits a 1,000-pixel column, where 10-point
#: text stays 10 points.
WIDTH = 6.4


# -- one salary moved: the influence curves ------------------------------------------------

def with_largest_replaced(y, value):
    """A copy of ``y`` with its largest value (the first one, if tied) set to ``value``.

    Examples
    --------
    >>> with_largest_replaced(erm.load_salaries(), 320_000)
    array([ 90000.,  94000.,  96000., 120000., 320000.])
    """
    y = erm.as_data(y).copy()
    y[int(np.argmax(y))] = float(erm.as_h(value))
    return y


def second_largest(y):
    """The largest value of ``y`` once its largest is set aside: where the largest can
    move down to and still be the largest.

    >>> second_largest(erm.load_salaries())
    120000.0
    """
    y = erm.as_data(y)
    return float(np.sort(y)[-2]) if y.size > 1 else float(y[0])


def influence_table(y, values, *, delta=20_000, sigma=21_000):
    """The four minimizers of ``y`` with its largest value moved to each of ``values``.

    Parameters
    ----------
    y : array_like, 1-D
        The data.
    values : array_like, 1-D
        Where to move the largest value.
    delta, sigma : float, optional
        The Huber threshold and the UCSD scale, in dollars.

    Returns
    -------
    dict of ndarray
        ``"mean"``, ``"median"`` (the L_1 minimizer), ``"huber"``, ``"ucsd"`` (the
        global minimizer), each with one entry per value.

    Examples
    --------
    >>> table = influence_table(erm.load_salaries(), [320_000])
    >>> {name: round(float(v[0])) for name, v in table.items()}
    {'mean': 144000, 'median': 96000, 'huber': 105000, 'ucsd': 95565}
    """
    y = erm.as_data(y)
    delta = erm.check_positive("delta", delta)
    sigma = erm.check_positive("sigma", sigma)
    values = erm.as_numbers(values, "values")
    if values.ndim != 1 or values.size == 0:
        raise ValueError("values must be a 1-D array of at least one number")
    table = {name: np.empty(values.size) for name in INFLUENCE_NAMES}
    for k, value in enumerate(values):
        moved = with_largest_replaced(y, value)
        table["mean"][k] = erm.squared_risk_minimizer(moved)
        table["median"][k] = erm.lp_risk_minimizer(moved, 1)
        table["huber"][k] = erm.huber_risk_minimizer(moved, delta)
        table["ucsd"][k] = erm.ucsd_global_minimizer(moved, sigma)
    return table


def influence_label(name, delta, sigma):
    """How the influence curves name each minimizer (Huber and UCSD with their scale)."""
    return {"mean": "mean (squared loss)", "median": "median (absolute loss)",
            "huber": f"Huber, δ = {tex_money(delta)}",
            "ucsd": f"UCSD, σ = {tex_money(sigma)}"}[name]


def influence_values(y, values=None, first=60_000, current=None):
    """Where the largest value of ``y`` goes in the two panels of the influence curves.

    Returns ``(near, far)``: from the second-largest value (where the largest is still
    the largest) ``first`` dollars on in steps of $1,000, and on to $1,000,000 in steps
    of $10,000 (or ``values``); ``current`` is added to each that spans it.

    >>> near, far = influence_values(erm.load_salaries())
    >>> near[[0, -1]], far[[0, -1]], far.size
    (array([120000., 180000.]), array([ 120000., 1000000.]), 89)
    """
    low = second_largest(y)
    near = np.arange(low, low + first + 1.0, 1_000.0)
    end = max(1_000_000.0, low + first)
    far = (np.union1d(np.arange(low, end, 10_000.0), [end]) if values is None
           else erm.as_numbers(values, "values"))
    if current is not None:
        if near[0] <= current <= near[-1]:
            near = np.union1d(near, [current])
        far = np.union1d(far, [current])
    return near, far


def plot_influence_curves(y, *, values=None, first=60_000, delta=20_000, sigma=21_000,
                          current=None, axes=None):
    """Four minimizers of ``y`` (mean, median, Huber, UCSD) against the value of its
    largest salary, moved up from the second largest: the first steps, then all the way.

    Used in notebook 07: influence curves. The left panel shows the first ``first``
    dollars of the move, where the minimizers that stay near the crowd do all their
    moving; the right one the whole move, where only the mean keeps going.

    Parameters
    ----------
    y : array_like, 1-D
        The data.
    values : array_like, optional
        Where the largest value goes in the right panel; by default from the
        second-largest value to $1,000,000 in steps of $10,000.
    first : float, optional
        How far the left panel follows the move, in steps of $1,000.
    delta, sigma : float, optional
        The Huber threshold and the UCSD scale, in dollars.
    current : float, optional
        A value to mark: a vertical line and a marker on each curve (in each panel whose
        range holds it).
    axes : array of two matplotlib Axes, optional
        By default a new figure with two panels side by side.

    Returns
    -------
    list of dict
        Per panel: ``"mean"``, ``"median"``, ``"huber"``, ``"ucsd"`` (Line2D each, x the
        moved value, y the minimizer) and ``"current"``: None, or a dict with ``"line"``
        and one marker per minimizer under the same names.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> near, far = plot_influence_curves(erm.load_salaries(), current=320_000,
    ...                                   axes=Figure().subplots(1, 2))
    >>> near["current"], far["current"]["huber"].get_ydata()
    (None, array([105000.]))
    """
    y = erm.as_data(y)
    if current is not None:
        current = float(erm.as_h(current))
    first = erm.check_positive("first", first)
    ranges = influence_values(y, values, first, current)
    panels = panels_or_new(axes, 2, 2, panel=(WIDTH / 2, 3.4))
    drawn = [_influence_panel(ax, values, influence_table(y, values, delta=delta,
                                                           sigma=sigma), current, delta, sigma)
             for ax, values in zip(panels, ranges)]
    panels[0].set_ylabel("minimizer")
    panels[0].set_title(f"The first {tex_money(first)} of the move", fontsize=FONT_SIZE)
    panels[1].set_title(f"All the way to {tex_money(ranges[1][-1])}", fontsize=FONT_SIZE)
    panels[0].figure.legend(handles=[drawn[0][name] for name in INFLUENCE_NAMES],
                            loc="outside lower center", ncols=2, fontsize=FONT_SIZE,
                            frameon=False)
    return drawn


def _influence_panel(ax, values, table, current, delta, sigma):
    """One panel of :func:`plot_influence_curves`: the four curves, and markers at
    ``current`` if ``values`` holds it."""
    drawn = {}
    for name in INFLUENCE_NAMES:
        (drawn[name],) = ax.plot(values, table[name], color=COLORS[name],
                                 ls=LINESTYLES[name], lw=2,
                                 label=influence_label(name, delta, sigma))
    drawn["current"] = None
    if current is not None and current in values:
        k = int(np.flatnonzero(values == current)[0])
        marks = {"line": ax.axvline(current, color="0.4", lw=1, ls=":")}
        for name in INFLUENCE_NAMES:
            (marks[name],) = ax.plot([current], [table[name][k]], MARKERS[name],
                                     color=COLORS[name], mec="black", mew=0.6, ms=8,
                                     zorder=4)
        drawn["current"] = marks
    ax.set_xlim(values[0], values[-1])
    ax.set_xlabel("value of the largest salary")
    money_ticks(ax.xaxis, nbins=2)
    money_ticks(ax.yaxis, nbins=5)
    return drawn


# -- convexity: a chord of each risk --------------------------------------------------------

def plot_chords(y, sigma=21_000, *, delta=20_000, axes=None, h=None):
    r"""Two panels: a chord of the Huber risk, above the curve, and a chord of the UCSD
    risk between its two outer local minima, below the curve in the middle.

    Used in notebook 07. Both chords join the same two predictions, the UCSD risk's
    first and last local minima, and each panel marks the midpoint, where the chord
    test :math:`R(\tfrac{a + b}{2}) \le \tfrac{R(a) + R(b)}{2}` is read.

    Parameters
    ----------
    y : array_like, 1-D
        The data; its UCSD risk at ``sigma`` must have at least two local minima.
    sigma : float, optional
        The UCSD scale, in dollars.
    delta : float, optional
        The Huber threshold, in dollars.
    axes : array of two matplotlib Axes, optional
        By default a new figure with two panels side by side.
    h : array_like, optional
        Predictions to draw the curves at.

    Returns
    -------
    list of dict
        Per panel (Huber, then UCSD): ``"curve"``, ``"chord"``, ``"ends"`` (dots at a
        and b), ``"middle"`` (the gap at the midpoint) and ``"values"``
        (``(R(mid), chord(mid))`` as floats).

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> huber, ucsd = plot_chords(erm.load_salaries(), axes=Figure().subplots(1, 2))
    >>> [round(v, 3) for v in ucsd["values"]]
    [0.757, 0.579]
    """
    y = erm.as_data(y)
    sigma = erm.check_positive("sigma", sigma)
    delta = erm.check_positive("delta", delta)
    minima = erm.ucsd_local_minima(y, sigma)
    if minima.size < 2:
        raise ValueError(f"the UCSD risk at sigma = {sigma:g} has a single local minimum: "
                         "no chord between two minima to draw")
    a, b = float(minima[0]), float(minima[-1])
    h = even_h_grid(y, h)
    axes = panels_or_new(axes, 2, 2, panel=(WIDTH / 2, 3.2))
    risks = [(f"Huber, δ = {tex_money(delta)}", lambda x: erm.huber_risk(x, y, delta), 1e9,
              "Huber risk (billions of dollars²)"),
             (f"UCSD, σ = {tex_money(sigma)}", lambda x: erm.ucsd_risk(x, y, sigma), None,
              "UCSD risk")]
    return [_chord_panel(ax, h, y, R, (a, b), title, scale, ylabel)
            for (title, R, scale, ylabel), ax in zip(risks, axes)]


def _chord_panel(ax, h, y, R, ends_h, title, scale, ylabel):
    """One panel of :func:`plot_chords`: the risk ``R``, the chord between ``ends_h`` and
    the gap between them at the midpoint."""
    a, b = ends_h
    mid = 0.5 * (a + b)
    ends = np.array([R(a), R(b)])
    (curve,) = ax.plot(h, R(h), color=COLORS["risk"], lw=1.8, label="risk")
    (chord,) = ax.plot([a, b], ends, color=COLORS["check"], lw=1.5, ls="--", label="chord")
    (dots,) = ax.plot([a, b], ends, "o", color=COLORS["check"], ms=6)
    on_curve, on_chord = float(R(mid)), 0.5 * float(ends[0]) + 0.5 * float(ends[1])
    (middle,) = ax.plot([mid, mid], [on_curve, on_chord], "-", color="0.3", lw=1)
    ax.plot([mid], [on_curve], MARKERS["check"], color=COLORS["risk"], ms=6)
    data_rug(ax, y)
    below = on_chord < on_curve
    ax.set_title(f"{title}:\nthe chord passes {'below' if below else 'above'}",
                 fontsize=FONT_SIZE)
    ax.set(xlabel="prediction h", ylabel=ylabel)
    money_ticks(ax.xaxis, nbins=3)
    if scale:
        scaled_ticks(ax.yaxis, scale)
    else:
        plain_ticks(ax.yaxis)
    return {"curve": curve, "chord": chord, "ends": dots, "middle": middle,
            "values": (on_curve, on_chord)}


# -- convexity: the slope test ------------------------------------------------------------

def lp_risk_slope(h, y, p):
    r"""The slope of the L_p risk, :math:`\frac{p}{n}\sum_i \operatorname{sign}(h - y_i)
    |h - y_i|^{p-1}`, for a finite p > 1 (at p = 1, :func:`erm_helpers.absolute_risk_slope`).

    >>> float(lp_risk_slope(112_000.0, erm.load_salaries(), 2))
    0.0
    """
    r = erm.as_h(h)[..., None] - erm.as_data(y)
    return p * np.mean(np.sign(r) * np.abs(r) ** (p - 1), axis=-1)


def plot_slopes(y, *, p=1.5, delta=20_000, sigma=21_000, axes=None, h=None):
    """The slopes R′(h) of four risks of ``y`` against h, one panel each: the absolute,
    L_p, Huber and UCSD risks, with any stretch where the slope falls drawn thick.

    Used in notebook 07: a risk whose slope never falls is convex, even where it has no
    second derivative (the corners of the absolute and Huber slopes, the vertical steps
    of the L_p slope at the data for 1 < p < 2). Only the UCSD slope falls.

    Parameters
    ----------
    y : array_like, 1-D
        The data.
    p, delta, sigma : float, optional
        The L_p exponent (more than 1), the Huber threshold and the UCSD scale.
    axes : array of four matplotlib Axes, optional
        By default a new 2 x 2 figure.
    h : array_like, optional
        Predictions to draw at; by default an even grid with every data point.

    Returns
    -------
    list of dict
        Per panel (absolute, L_p, Huber, UCSD): ``"slope"`` (the Line2D), ``"falls"`` (the
        stretches where it falls, NaN elsewhere) and ``"fell"`` (True if it falls anywhere).

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> panels = plot_slopes(erm.load_salaries(), axes=Figure().subplots(2, 2))
    >>> [panel["fell"] for panel in panels]
    [False, False, False, True]
    """
    y = erm.as_data(y)
    p = erm.check_p(p, allow_inf=False)
    if p <= 1:
        raise ValueError("p must be more than 1 here: at p = 1 the L_p risk is the "
                         "absolute risk, drawn in the first panel")
    delta = erm.check_positive("delta", delta)
    sigma = erm.check_positive("sigma", sigma)
    h = h_grid_with_data(y, h, points=1_500)
    axes = panels_or_new(axes, 4, 2, panel=(WIDTH / 2, 2.5))
    slopes = [
        ("absolute risk", erm.absolute_risk_slope(h, y), 1.0, r"$R_{\mathrm{abs}}'$ (no unit)"),
        (f"L_p risk, p = {p:g}", lp_risk_slope(h, y, p), 1.0,
         rf"$R_{{{p:g}}}'$ (dollars$^{{{p - 1:g}}}$)"),
        (f"Huber, δ = {tex_money(delta)}", erm.huber_risk_derivative(h, y, delta), 1e3,
         r"$R_{\mathrm{Huber}}'$ (thousands of \$)"),
        (f"UCSD, σ = {tex_money(sigma)}", erm.ucsd_risk_derivative(h, y, sigma), 1e-5,
         r"$R_{\mathrm{ucsd}}'$ (per \$100,000)")]
    panels = [_slope_panel(ax, h, y, *entry) for entry, ax in zip(slopes, axes)]
    first = panels[0]
    axes[0].figure.legend(handles=[first["slope"], panels[-1]["falls"], first["data"]],
                          labels=["slope R′(h)", "where the slope falls", "data"],
                          loc="outside lower center", ncols=3, fontsize=FONT_SIZE,
                          frameon=False)
    return panels


def _slope_panel(ax, h, y, name, slope, scale, ylabel):
    """One panel of :func:`plot_slopes`: the slope, thick where it falls."""
    size = float(np.max(np.abs(slope))) or 1.0
    falling = np.diff(slope) < -1e-9 * size
    fell = bool(falling.any())
    falls = np.where(np.r_[falling, False] | np.r_[False, falling], slope, np.nan)
    (line,) = ax.plot(h, slope, color=COLORS["risk"], lw=1.6)
    (thick,) = ax.plot(h, falls, color=COLORS["check"], lw=4, alpha=0.9)
    rug = data_rug(ax, y)
    ax.axhline(0.0, color="0.6", lw=0.8)
    ax.set_title(f"{name}: {'falls in places' if fell else 'never falls'}",
                 fontsize=FONT_SIZE)
    ax.set_xlabel("prediction h")
    ax.set_ylabel(ylabel)
    money_ticks(ax.xaxis, nbins=3)
    if scale == 1.0:
        plain_ticks(ax.yaxis)
    else:
        scaled_ticks(ax.yaxis, scale)
    return {"slope": line, "falls": thick, "fell": fell, "data": rug}


# -- descent on a risk with a corner --------------------------------------------------------

#: The runs of :func:`plot_descent_on_absolute_risk`: a fixed step, then two shrinking ones.
SHRINKS = (None, "1/sqrt(k)", "1/k")


def step_label(shrink, alpha):
    """How a run is named: ``"fixed step α = 1,234"``, ``"step α/√k"``, ``"step α/k"``."""
    return {None: f"fixed step α = {alpha:,g}", "1/sqrt(k)": f"step α/√k, α = {alpha:,g}",
            "1/k": f"step α/k, α = {alpha:,g}"}[shrink]


def distance_to_minimizers(h, y):
    """How far each h is from the median interval of ``y`` (0 inside it)."""
    lo, hi = erm.absolute_risk_minimizers(y)
    h = np.asarray(h, dtype=float)
    return np.maximum(np.maximum(lo - h, h - hi), 0.0)


def plot_descent_on_absolute_risk(y, h0=150_000, alpha=1_234, *, steps=10_000,
                                  shrinks=SHRINKS, axes=None):
    """Gradient descent on the absolute risk of ``y`` with a fixed step and with shrinking
    steps: the last two iterates near the median (left), and how far from the median each
    run still strays from step k on (right, log scales).

    Used in notebook 07. With a fixed step the iterates bounce across the corner at the
    median for ever; a step that shrinks settles there, if it is large enough to arrive.

    Parameters
    ----------
    y : array_like, 1-D
        The data.
    h0, alpha : float, optional
        The start and the learning rate, the same for every run.
    steps : int, optional
        The number of updates of each run (the cap; a run that lands exactly on a
        minimizer stops there).
    shrinks : sequence, optional
        One run each: None (a fixed step), ``"1/sqrt(k)"`` or ``"1/k"``.
    axes : array of two matplotlib Axes, optional
        By default a new figure with two panels side by side.

    Returns
    -------
    dict
        ``"runs"`` (a :class:`erm_helpers.DescentResult` per run), ``"last"`` (per run,
        the marker of its last two iterates on the left), ``"distances"`` (per run, the
        Line2D on the right: x the step k, y the largest distance from the median
        interval of the iterates from step k on) and ``"risk"`` (the curve).

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> drawn = plot_descent_on_absolute_risk(erm.load_salaries(),
    ...                                       axes=Figure().subplots(1, 2))
    >>> [run.outcome for run in drawn["runs"]]
    ['oscillating', 'max_iter', 'max_iter']
    >>> drawn["last"][0].get_xdata()
    array([95950.8, 96197.6])
    """
    y = erm.as_data(y)
    steps = erm.check_count("steps", steps)
    runs = [erm.gradient_descent(lambda h: erm.absolute_risk_slope(h, y), h0, alpha,
                                 max_iter=steps, tol=1e-12, shrink=shrink)
            for shrink in shrinks]
    near, far = panels_or_new(axes, 2, 2, panel=(WIDTH / 2, 3.2))
    drawn = {"runs": runs, "last": [], "distances": [],
             "risk": _risk_near_the_median(near, y, runs, alpha)}
    for k, (run, shrink) in enumerate(zip(runs, shrinks)):
        mark, line = _descent_run(near, far, y, run, SERIES[k % len(SERIES)],
                                  step_label(shrink, alpha))
        drawn["last"].append(mark)
        drawn["distances"].append(line)
    _descent_axes(near, far, drawn["risk"])
    near.figure.legend(handles=drawn["last"], loc="outside lower center", ncols=2,
                       fontsize=FONT_SIZE, frameon=False)
    return drawn


def _descent_run(near, far, y, run, series, label):
    """One run of :func:`plot_descent_on_absolute_risk`: its last two iterates on the risk
    (left) and, from each step on, the farthest it strays from the median (right)."""
    color, style, marker = series
    last = run.path[-2:]
    (mark,) = near.plot(last, erm.absolute_risk(last, y), marker=marker, color=color,
                        ls=style, ms=8, mec="black", mew=0.6, lw=1.2, label=label)
    # the farthest any later iterate strays: it falls to 0 only if the run settles
    strays = np.maximum.accumulate(distance_to_minimizers(run.path[1:], y)[::-1])[::-1]
    (line,) = far.plot(np.arange(1, run.steps + 1), np.where(strays > 0, strays, np.nan),
                       color=color, ls=style, lw=1.6)
    return mark, line


def _risk_near_the_median(ax, y, runs, alpha):
    """The absolute risk on a window round the median interval that holds the last
    iterates of the runs that ended within a step of it (a step is at most alpha long,
    the slope being at most 1 in size)."""
    lo, hi = erm.absolute_risk_minimizers(y)
    gaps = distance_to_minimizers(np.concatenate([run.path[-2:] for run in runs]), y)
    width = 1.5 * max(float(np.max(gaps[gaps <= alpha], initial=0.0)), 1.0)
    h = np.union1d(np.linspace(lo - width, hi + width, 400), [lo, hi])
    (risk,) = ax.plot(h, erm.absolute_risk(h, y), color="0.5", lw=1.5)
    return risk


def _descent_axes(near, far, risk):
    """Limits, labels and titles of :func:`plot_descent_on_absolute_risk`."""
    near.set_xlim(risk.get_xdata()[0], risk.get_xdata()[-1])
    low, high = float(np.min(risk.get_ydata())), float(np.max(risk.get_ydata()))
    near.set_ylim(low - 0.15 * (high - low or 1.0), high + 0.15 * (high - low or 1.0))
    near.set_title("The last two iterates,\nnear the median", fontsize=FONT_SIZE)
    near.set_xlabel("prediction h")
    near.set_ylabel("mean absolute error")
    money_ticks(near.xaxis, nbins=2)
    money_ticks(near.yaxis, nbins=4)
    far.set_xscale("log")
    far.set_yscale("log")
    for axis in (far.xaxis, far.yaxis):
        axis.set_major_locator(LogLocator(base=10))
        axis.set_minor_locator(NullLocator())
    far.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,g}"))
    far.yaxis.set_major_formatter(FuncFormatter(lambda v, _: tex_money(v) if v >= 1
                                                else f"\\${v:g}"))
    far.set_title("Farthest from the median\nfrom step k on", fontsize=FONT_SIZE)
    far.set_xlabel("step k (log scale)")
    far.set_ylabel("distance (log scale)")
