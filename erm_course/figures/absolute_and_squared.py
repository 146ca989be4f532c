"""Static figures of notebooks 01-03: the number line, the absolute and squared risks.

Each function draws on ``ax`` (or ``axes``) when given, otherwise on a new small figure,
and returns a dict of what it drew, so a test (or a curious reader) can read the data
back: ``drawn["line"].get_ydata()``. The curves come from the risks of
:mod:`erm_helpers`.
"""

import numpy as np

import erm_helpers as erm
from erm_course.formatting import money, tex_money
from erm_course.style import (COLORS, FONT_SIZE, MARKERS, axes_or_new, h_grid_with_data,
                              money_ticks, scaled_ticks)
from erm_course.tables import labelled_predictions

__all__ = ["plot_number_line", "plot_absolute_loss", "plot_absolute_risk",
           "plot_slope_steps", "plot_risk_and_slope", "plot_flat_bottom", "plot_squared_risk",
           "plot_both_risks", "plot_outlier_experiment", "plot_salary_histogram"]


def _prediction_styles(predictions):
    """(colour, line style) of each labelled prediction: the mean's and the median's for
    them, else those of the first, the second and then any other prediction, in order."""
    roles = iter(["first prediction", "second prediction"])
    styles = {}
    for label in predictions:
        if label in ("mean", "median"):
            styles[label] = (COLORS[label], "-")
        else:
            role = next(roles, "other prediction")
            styles[label] = (COLORS[role], MARKERS.get(role, ":"))
    return styles


def _lean_away(sorted_values, rank, near):
    """How to align a low label: away from a tall neighbour line closer than ``near``."""
    h = sorted_values[rank]
    tall = sorted_values[[r for r in (rank - 1, rank + 1) if 0 <= r < sorted_values.size]]
    tall = tall[np.abs(tall - h) < near]
    if not tall.size:
        return "center"
    return "left" if tall[np.argmin(np.abs(tall - h))] <= h else "right"


def _bare_number_line(ax, xlim, n):
    """A number line in dollars: no y axis, no frame but the bottom."""
    ax.set_xlim(*xlim)
    ax.set_ylim(-0.8, 3.2)
    ax.set_yticks([])
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    money_ticks(ax.xaxis)
    ax.set_xlabel(f"salary (dollars); dots: the {n} salaries")


def plot_number_line(y, predictions=None, ax=None):
    """The salaries as dots on a number line, with each prediction a vertical line labelled
    by its value.

    Used in notebook 01.

    Parameters
    ----------
    y : array_like, 1-D
        The data (salaries, in dollars).
    predictions : dict or sequence, optional
        ``{label: h}`` (shown as "label = value", as for ``{"mean": 112_000}``), or a list
        of predictions, each labelled by its value alone (``"$150,000"``).
    ax : matplotlib Axes, optional
        Where to draw; a new 6.4 x 2.2 inch figure if omitted.

    Returns
    -------
    dict
        ``"data"``: the Line2D of the dots; ``"predictions"``: ``{label: Line2D}``;
        ``"labels"``: ``{label: Text}``.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> drawn = plot_number_line([90_000, 160_000], [150_000])
    >>> drawn["predictions"]["$150,000"].get_xdata().tolist()
    [150000.0, 150000.0]
    >>> plt.close("all")
    """
    y = erm.as_data(y)
    predictions = labelled_predictions(predictions) if predictions is not None else {}
    values = np.array(list(predictions.values()), dtype=float)
    ax = axes_or_new(ax, (6.4, 2.2))
    ax.axhline(0, color="0.6", lw=1, zorder=1)
    data = ax.plot(y, np.zeros_like(y), MARKERS["data"], color=COLORS["data"], ms=6,
                   zorder=3)[0]
    drawn = {"data": data, "predictions": dict.fromkeys(predictions),
             "labels": dict.fromkeys(predictions)}   # in the order given
    everything = np.concatenate([y, values])
    lo, hi = everything.min(), everything.max()
    margin = 0.08 * (hi - lo) if hi > lo else 1.0
    styles = _prediction_styles(predictions)
    # Labels of nearby predictions would overlap, so they alternate between two heights,
    # and a low label beside a tall line leans away from it.
    order, near = np.argsort(values, kind="stable"), 0.15 * (hi - lo + 2 * margin)
    for rank, i in enumerate(order):
        label, h = list(predictions)[i], float(values[i])
        top = 1.0 if rank % 2 == 0 else 2.2
        color, ls = styles[label]
        drawn["predictions"][label] = ax.plot([h, h], [-0.35, top], color=color, lw=2,
                                              ls=ls, zorder=2)[0]
        text = tex_money(h) if label == money(h) else f"{label} = {tex_money(h)}"
        ha = "center" if top > 2 else _lean_away(values[order], rank, near)
        drawn["labels"][label] = ax.text(h, top + 0.1, text, color=color, ha=ha,
                                         va="bottom", fontsize=FONT_SIZE)
    _bare_number_line(ax, (lo - margin, hi + margin), y.size)
    return drawn


def plot_absolute_loss(y_i, ax=None, h=None):
    """One term of the mean absolute error, :math:`|y_i - h|`, as a function of ``h``: a V
    with slope -1 on the left, +1 on the right, and its corner at the salary ``y_i``.

    Used in notebook 02. At the corner itself the term has no slope.

    Parameters
    ----------
    y_i : float
        One data value.
    ax : matplotlib Axes, optional
        Where to draw; a new 5.2 x 3.2 inch figure if omitted.
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
    y_i = float(erm.as_data([y_i])[0])
    if h is None:
        h = h_grid_with_data(np.array([y_i - 60_000.0, y_i, y_i + 60_000.0]), pad=0,
                             points=241)
    else:
        h = h_grid_with_data(None, h)
    ax = axes_or_new(ax, (5.2, 3.2))
    line = ax.plot(h, erm.absolute_loss(h, y_i), color=COLORS["absolute"],
                   label=f"|{tex_money(y_i)} - h|")[0]
    kink = ax.plot([y_i], [0.0], MARKERS["data"], color=COLORS["data"],
                   label="the corner at y_i")[0]
    left, right = (h[0] + y_i) / 2, (h[-1] + y_i) / 2
    # Each label sits inside the V, beside its branch, so that it never touches the line.
    for x, text, dx, ha in ((left, "slope -1", 10, "left"), (right, "slope +1", -10, "right")):
        ax.annotate(text, (x, abs(x - y_i)), xytext=(dx, 0), textcoords="offset points",
                    ha=ha, va="center", fontsize=FONT_SIZE)
    money_ticks(ax.xaxis)
    money_ticks(ax.yaxis)
    ax.set_xlabel("h (dollars)")
    ax.set_ylabel("error (dollars)")
    ax.legend(fontsize=FONT_SIZE, frameon=False, loc="upper center")
    return {"line": line, "kink": kink}


def _mark_the_median(ax, y, color):
    """A star at the one minimizer of the absolute risk, or a band over an interval."""
    low, high = erm.absolute_risk_minimizers(y)
    if low == high:
        return {"minimum": ax.plot([low], [erm.absolute_risk(low, y)],
                                   MARKERS["global minimum"], ms=13, color=color,
                                   mec="black", zorder=4,
                                   label=f"minimum at the median, {tex_money(low)}")[0]}
    return {"span": ax.axvspan(low, high, color=color, alpha=0.25, lw=0,
                               label=f"every h in [{tex_money(low)}, {tex_money(high)}]")}


def plot_absolute_risk(y, ax=None, h=None, *, kinks=None, minimum=True, **line_kw):
    """The mean absolute error R(h) of the salaries as a function of the prediction h: a
    piecewise linear curve with a corner at each salary and its minimum marked.

    Used in notebook 02. The minimum is a star at the median, or a shaded band when a
    whole interval of h minimizes R (an even number of salaries).

    Parameters
    ----------
    y : array_like, 1-D
        The data.
    ax : matplotlib Axes, optional
        Where to draw; a new 5.6 x 3.4 inch figure if omitted.
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
    >>> drawn = plot_absolute_risk(np.append(erm.load_salaries(), 100_000))
    >>> span = drawn["span"]   # a Rectangle from x to x + width
    >>> float(span.get_x()), float(span.get_x() + span.get_width())
    (96000.0, 100000.0)
    >>> plt.close("all")
    """
    y = erm.as_data(y)
    h = h_grid_with_data(y, h)
    ax = axes_or_new(ax, (5.6, 3.4))
    color = line_kw.pop("color", COLORS["absolute"])
    line_kw.setdefault("label", "R(h), mean absolute error")
    line = ax.plot(h, erm.absolute_risk(h, y), color=color, **line_kw)[0]
    drawn = {"line": line, "kinks": None, "minimum": None, "span": None}
    if kinks is None:
        kinks = y.size <= 50
    if kinks:
        corners = np.unique(y[(y >= h[0]) & (y <= h[-1])])
        drawn["kinks"] = ax.plot(corners, erm.absolute_risk(corners, y), MARKERS["data"],
                                 ms=4, color=COLORS["data"], label="corners: the data")[0]
    if minimum:
        drawn.update(_mark_the_median(ax, y, color))
    money_ticks(ax.xaxis)
    money_ticks(ax.yaxis)
    ax.set_xlabel("h (dollars)")
    ax.set_ylabel("R(h) (dollars)")
    ax.legend(fontsize=FONT_SIZE, frameon=False)
    return drawn


def _stretches_between_data(y, lo, hi):
    """The stretches between neighbouring data values inside [lo, hi], as (a, b) pairs."""
    edges = np.concatenate([[lo], np.unique(y[(y > lo) & (y < hi)]), [hi]])
    return edges[:-1], edges[1:]


def plot_slope_steps(y, ax=None, h=None, *, numeric=True):
    """The slope of the mean absolute error, (#below h - #above h) / n, as a step function
    of h, with numerical slopes as open circles.

    Used in notebook 02, under R(h) (see :func:`plot_risk_and_slope`).

    Parameters
    ----------
    y : array_like, 1-D
        The data.
    ax : matplotlib Axes, optional
        Where to draw; a new 5.6 x 2.5 inch figure if omitted.
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
    >>> drawn = plot_slope_steps(erm.load_salaries())
    >>> np.unique(drawn["numeric"].get_ydata()).round(12).tolist()
    [-1.0, -0.6, -0.2, 0.2, 0.6, 1.0]
    >>> plt.close("all")
    """
    y = erm.as_data(y)
    grid = h_grid_with_data(y, h)
    ax = axes_or_new(ax, (5.6, 2.5))
    a, b = _stretches_between_data(y, grid[0], grid[-1])
    slope = erm.absolute_risk_slope((a + b) / 2, y)
    gap = np.full_like(a, np.nan)
    xs = np.column_stack([a, b, gap]).ravel()
    ys = np.column_stack([slope, slope, gap]).ravel()
    zero = ax.axhline(0, color="0.6", lw=1)
    steps = ax.plot(xs, ys, color=COLORS["absolute"], lw=2,
                    label="(#below - #above) / n")[0]
    drawn = {"steps": steps, "numeric": None, "zero": zero}
    if numeric:
        width = b - a
        hs = (a[:, None] + width[:, None] * np.array([0.25, 0.5, 0.75])).ravel()
        d = np.repeat(width / 8, 3)
        estimate = (erm.absolute_risk(hs + d, y) - erm.absolute_risk(hs - d, y)) / (2 * d)
        drawn["numeric"] = ax.plot(hs, estimate, MARKERS["check"], ms=5, mfc="none",
                                   mew=1.5, color=COLORS["check"],
                                   label="numerical slope")[0]
    money_ticks(ax.xaxis)
    ax.set_ylim(-1.15, 1.15)
    ax.set_xlabel("h (dollars)")
    ax.set_ylabel("slope of R")
    ax.legend(fontsize=FONT_SIZE, frameon=False, loc="upper left")
    return drawn


def legend_below(fig, axes, ncols=2, first=()):
    """One legend for ``axes`` below the plots of ``fig``, where it covers no data.

    The legends the axes had are removed; entries with the same label appear once, those
    whose label starts with one of ``first`` ahead of the others.
    """
    handles = {}
    for ax in axes:
        for handle, label in zip(*ax.get_legend_handles_labels()):
            handles.setdefault(label, handle)
    rank = {label: next((i for i, start in enumerate(first) if label.startswith(start)),
                        len(first)) for label in handles}
    handles = dict(sorted(handles.items(), key=lambda item: rank[item[0]]))
    for ax in axes:
        if ax.get_legend() is not None:
            ax.get_legend().remove()
    engine = fig.get_layout_engine()
    where = ("outside lower center" if engine is not None
             and type(engine).__name__ == "ConstrainedLayoutEngine" else "lower center")
    return fig.legend(list(handles.values()), list(handles), loc=where, ncols=ncols,
                      fontsize=FONT_SIZE, frameon=False)


def plot_risk_and_slope(y, axes=None, h=None, *, legend=True):
    """The mean absolute error R(h) on top and its slope as a step function underneath,
    on the same h axis, with numerical slopes drawn as open circles on the steps.

    Used in notebook 02.

    Parameters
    ----------
    y : array_like, 1-D
        The data.
    axes : pair of matplotlib Axes, optional
        (top, bottom); a new 6 x 5.4 inch figure with a shared h axis if omitted.
    h : array_like, optional
        Predictions to draw at (see :func:`plot_absolute_risk`).
    legend : bool, optional
        One legend for both panels, below them (else none: the caller makes its own).

    Returns
    -------
    dict
        ``"risk"``: what :func:`plot_absolute_risk` drew; ``"slope"``: what
        :func:`plot_slope_steps` drew; ``"legend"``: the legend, or None.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> drawn = plot_risk_and_slope(erm.load_salaries())
    >>> sorted(drawn)
    ['legend', 'risk', 'slope']
    >>> plt.close("all")
    """
    y = erm.as_data(y)
    grid = h_grid_with_data(y, h)
    top, bottom = axes_or_new(axes, (6, 5.4), nrows=2, sharex=True,
                              height_ratios=[3, 2])
    risk = plot_absolute_risk(y, top, grid)
    top.set_xlabel("")
    slope = plot_slope_steps(y, bottom, grid)
    for x in np.unique(y):
        bottom.axvline(x, color="0.85", lw=1, zorder=0)
    for ax in (top, bottom):
        if ax.get_legend() is not None:
            ax.get_legend().remove()
    drawn = {"risk": risk, "slope": slope, "legend": None}
    if legend:
        drawn["legend"] = legend_below(top.figure, (top, bottom))
    return drawn


def _zoom_window(y, margin=None):
    """The minimizers of the absolute risk, with ``margin`` on each side (by default the
    interval's width, or a twentieth of the data's range if that is larger), not below 0."""
    low, high = erm.absolute_risk_minimizers(y)
    if margin is None:
        margin = max(high - low, float(np.ptp(y)) / 20) or 1.0
    else:
        margin = erm.check_positive("margin", margin)
    return (max(0.0, low - margin), high + margin)


def plot_flat_bottom(y, axes=None, *, margin=None):
    """The mean absolute error R(h) of an even number of salaries and its slope, over
    every h (left) and zoomed on the flat bottom between the two middle values (right).

    Used in notebook 02. The flat bottom may be a sliver of the data's range; the right
    column shows it wide.

    Parameters
    ----------
    y : array_like, 1-D
        The data.
    axes : 2 x 2 matplotlib Axes, optional
        ((risk, zoomed risk), (slope, zoomed slope)); a new 6.4 x 5.8 inch figure if
        omitted.
    margin : float, optional
        How far the zoom reaches beyond the interval of minimizers on each side; by default
        the interval's width (or a twentieth of the data's range, if that is larger).

    Returns
    -------
    dict
        ``"whole"`` and ``"zoom"``: what :func:`plot_risk_and_slope` drew in each column;
        ``"window"``: the zoomed range of h, ``(low, high)``; ``"frame"``: the band on the
        left that marks it; ``"legend"``: the one legend, below the panels.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> drawn = plot_flat_bottom(np.append(erm.load_salaries(), 100_000))
    >>> drawn["window"]
    (92000.0, 104000.0)
    >>> span = drawn["zoom"]["risk"]["span"]
    >>> float(span.get_x()), float(span.get_x() + span.get_width())
    (96000.0, 100000.0)
    >>> plt.close("all")
    """
    y = erm.as_data(y)
    window = _zoom_window(y, margin)
    if axes is None:
        axes = axes_or_new(None, (6.4, 5.8), nrows=2, ncols=2, sharex="col",
                           height_ratios=[3, 2])
    (top, top_zoom), (bottom, bottom_zoom) = np.asarray(axes, dtype=object).reshape(2, 2)
    whole = plot_risk_and_slope(y, (top, bottom), legend=False)
    inside = y[(y > window[0]) & (y < window[1])]
    grid = np.union1d(np.linspace(*window, 401), inside)
    zoom = plot_risk_and_slope(y, (top_zoom, bottom_zoom), grid, legend=False)
    for ax in (top_zoom, bottom_zoom):   # the grey lines at far-away data widen the view
        ax.set_xlim(*window)
        ax.set_ylabel("")
    for ax in (bottom, bottom_zoom):     # narrow panels: three intervals of dollars
        money_ticks(ax.xaxis, nbins=3)
    frame = top.axvspan(*window, fill=False, ls=":", lw=1.2, ec=COLORS["data"],
                        label="_nolegend_")
    top.set_title("every h (dotted: the zoom)", fontsize=FONT_SIZE)
    top_zoom.set_title(f"zoomed on {tex_money(window[0])} to {tex_money(window[1])}",
                       fontsize=FONT_SIZE)
    legend = legend_below(top.figure, (top, bottom))
    return {"whole": whole, "zoom": zoom, "window": window, "frame": frame,
            "legend": legend}


def plot_squared_risk(y, ax=None, h=None, *, minimum=True, **line_kw):
    """The mean squared error R_sq(h) of the salaries as a function of the prediction h: a
    parabola with its minimum starred at the mean.

    Used in notebook 03.

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
    >>> drawn = plot_squared_risk(erm.load_salaries())
    >>> float(drawn["minimum"].get_ydata()[0])
    686400000.0
    >>> plt.close("all")
    """
    y = erm.as_data(y)
    h = h_grid_with_data(y, h)
    ax = axes_or_new(ax, (5.6, 3.4))
    color = line_kw.pop("color", COLORS["squared"])
    line_kw.setdefault("label", "R_sq(h), mean squared error")
    line = ax.plot(h, erm.squared_risk(h, y), color=color, **line_kw)[0]
    drawn = {"line": line, "minimum": None}
    if minimum:
        best = erm.squared_risk_minimizer(y)
        drawn["minimum"] = ax.plot(np.array([best]), np.array([erm.squared_risk(best, y)]),
                                   MARKERS["global minimum"], ms=13, color=color,
                                   mec="black", zorder=4,
                                   label=f"minimum at the mean, {tex_money(best)}")[0]
    money_ticks(ax.xaxis)
    # In dollars squared the values run into billions; matplotlib would print "1e9" at
    # the top of the axis, where it is easily missed, so the unit goes into the label.
    scaled_ticks(ax.yaxis, 1e9)
    ax.set_xlabel("h (dollars)")
    ax.set_ylabel("R_sq(h) (billions of dollars²)")
    ax.legend(fontsize=FONT_SIZE, frameon=False)
    return drawn


def plot_both_risks(y, axes=None, h=None):
    """The mean absolute error (top) and the mean squared error (bottom) of the same
    salaries on one h axis, with the median and the mean marked across both panels.

    Used in notebook 03, where the lines show the mean pulled above the median.

    Parameters
    ----------
    y : array_like, 1-D
        The data.
    axes : pair of matplotlib Axes, optional
        (top, bottom), sharing the h axis; a new 6.4 x 5.4 inch figure if omitted.
    h : array_like, optional
        Predictions to draw at. Default: around the median and the mean, three times their
        distance on each side (at least a twentieth of the data's range).

    Returns
    -------
    dict
        ``"absolute"``: what :func:`plot_absolute_risk` drew; ``"squared"``: what
        :func:`plot_squared_risk` drew; ``"median"`` and ``"mean"``: the vertical lines,
        one per panel each (lists of two Line2D); ``"legend"``.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> drawn = plot_both_risks(erm.load_salaries())
    >>> drawn["absolute"]["minimum"].get_xdata().tolist()
    [96000.0]
    >>> [float(line.get_xdata()[0]) for line in drawn["mean"]]
    [112000.0, 112000.0]
    >>> plt.close("all")
    """
    y = erm.as_data(y)
    low, high = erm.absolute_risk_minimizers(y)
    median, mean = (low + high) / 2, erm.squared_risk_minimizer(y)
    half = max(3 * abs(mean - median), float(np.ptp(y)) / 20) or 1.0
    window = np.array([(mean + median) / 2 - half, (mean + median) / 2 + half])
    grid = h_grid_with_data(y, h) if h is not None else h_grid_with_data(window, pad=0)
    if axes is None:
        axes = axes_or_new(None, (6.4, 5.4), nrows=2, sharex=True)
    top, bottom = np.ravel(np.asarray(axes, dtype=object))[:2]
    absolute = plot_absolute_risk(y, top, grid, kinks=False,
                                  label="R_abs(h), mean absolute error")
    squared = plot_squared_risk(y, bottom, grid)
    for part in filter(None, (absolute["minimum"], absolute["span"], squared["minimum"])):
        part.set_label("_nolegend_")
    top.set_xlabel("")
    top.set_ylabel("R_abs(h) (dollars)")
    drawn = {"absolute": absolute, "squared": squared, "median": [], "mean": []}
    for name, value, ls in (("median", median, "--"), ("mean", mean, "-.")):
        for ax in (top, bottom):
            drawn[name].append(ax.axvline(value, color=COLORS[name], ls=ls, lw=1.5,
                                          zorder=1, label=f"{name} {tex_money(value)}"))
    side = "right" if mean >= median else "left"
    top.set_title(f"the mean lies {tex_money(abs(mean - median))} to the {side} of the "
                  "median", fontsize=FONT_SIZE)
    drawn["legend"] = legend_below(top.figure, (top, bottom), first=("R_",))
    return drawn


def plot_outlier_experiment(y, y_new, axes=None):
    """The mean absolute error (top) and the mean squared error (bottom) before a change to
    the data (solid) and after it (dashed), such as one salary doubling, with each
    minimizer starred.

    Used in notebook 03.

    Parameters
    ----------
    y, y_new : array_like, 1-D
        The data before and after.
    axes : pair of matplotlib Axes, optional
        (top, bottom), sharing the h axis; a new 6.4 x 5.6 inch figure if omitted.

    Returns
    -------
    dict
        ``{"absolute": {"before": ..., "after": ...}, "squared": {...}}``, each the dict
        that :func:`plot_absolute_risk` or :func:`plot_squared_risk` returned, and
        ``"legend"``.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> y = erm.load_salaries()
    >>> drawn = plot_outlier_experiment(y, np.where(y == 160_000, 320_000, y))
    >>> [float(drawn["squared"][k]["minimum"].get_xdata()[0]) for k in ("before", "after")]
    [112000.0, 144000.0]
    >>> plt.close("all")
    """
    y, y_new = erm.as_data(y), erm.as_data(y_new)
    grid = h_grid_with_data(np.concatenate([y, y_new]))
    if axes is None:
        axes = axes_or_new(None, (6.4, 5.6), nrows=2, sharex=True)
    top, bottom = np.ravel(np.asarray(axes, dtype=object))[:2]
    drawn = {"absolute": {}, "squared": {}}
    for key, data, style in (("before", y, "-"), ("after", y_new, "--")):
        drawn["absolute"][key] = plot_absolute_risk(data, top, grid, kinks=False,
                                                    ls=style, label=f"R_abs(h) {key}")
        drawn["squared"][key] = plot_squared_risk(data, bottom, grid, ls=style,
                                                  label=f"R_sq(h) {key}")
    # The stars' legend entries would repeat the curves'; the titles name the minimizers.
    for name in ("absolute", "squared"):
        for key in ("before", "after"):
            for part in ("minimum", "span"):   # a star, or a band when n is even
                if drawn[name][key].get(part) is not None:
                    drawn[name][key][part].set_label("_nolegend_")
    top.set_xlabel("")
    top.set_ylabel("R_abs(h) (dollars)")
    median_shift = erm.absolute_risk_minimizers(y_new)[0] - erm.absolute_risk_minimizers(y)[0]
    mean_shift = erm.squared_risk_minimizer(y_new) - erm.squared_risk_minimizer(y)
    top.set_title(f"mean absolute error: the median moves {tex_money(median_shift)}",
                  fontsize=FONT_SIZE)
    bottom.set_title(f"mean squared error: the mean moves {tex_money(mean_shift)}",
                     fontsize=FONT_SIZE)
    drawn["legend"] = legend_below(top.figure, (top, bottom))
    return drawn


def plot_salary_histogram(y, ax=None, bins=30):
    """A histogram of the salaries with their mean and their median marked as vertical
    lines.

    Used in notebook 01.

    Parameters
    ----------
    y : array_like, 1-D
        The data.
    ax : matplotlib Axes, optional
        Where to draw; a new 6.5 x 3 inch figure if omitted.
    bins : int, optional
        Number of bars.

    Returns
    -------
    dict
        ``"bars"`` (the BarContainer), ``"mean"`` and ``"median"`` (vertical lines).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> drawn = plot_salary_histogram(erm.load_professor_salaries())
    >>> float(drawn["median"].get_xdata()[0])
    107300.0
    >>> plt.close("all")
    """
    y = erm.as_data(y)
    bins = erm.check_count("bins", bins)
    ax = axes_or_new(ax, (6.5, 3))
    bars = ax.hist(y, bins=bins, color="0.75", edgecolor="white")[2]
    mean, median = erm.squared_risk_minimizer(y), erm.absolute_risk_minimizers(y)
    median = (median[0] + median[1]) / 2
    drawn = {"bars": bars}
    for name, value, style in (("mean", mean, "--"), ("median", median, "-")):
        drawn[name] = ax.axvline(value, color=COLORS[name], ls=style, lw=2,
                                 label=f"{name} {tex_money(value)}")
    money_ticks(ax.xaxis)
    ax.set_xlabel("salary (dollars)")
    ax.set_ylabel("number of people")
    ax.legend(fontsize=FONT_SIZE, frameon=False)
    return drawn
