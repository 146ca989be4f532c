"""Static figures of notebooks 01-03: the number line, the absolute and squared risks.

Each function draws on ``ax`` (or ``axes``) when given, otherwise on a new small figure,
and returns a dict of what it drew, so a test (or a curious reader) can read the data
back: ``drawn["line"].get_ydata()``. The curves come from the risks of
:mod:`erm_helpers`.
"""

import numpy as np

import erm_helpers as erm
from erm_course.formatting import tex_money
from erm_course.style import (COLORS, FONT_SIZE, MARKERS, axes_or_new, h_grid_with_data,
                              money_ticks, scaled_ticks)

__all__ = ["plot_number_line", "plot_absolute_loss", "plot_absolute_risk",
           "plot_slope_steps", "plot_risk_and_slope", "plot_flat_bottom", "plot_squared_risk",
           "plot_both_risks", "plot_outlier_experiment", "plot_salary_histogram"]


def plot_number_line(y, guesses=None, ax=None):
    """The data as dots on a number line, with named guesses marked above it.

    Parameters
    ----------
    y : array_like, 1-D
        The data (salaries, in dollars).
    guesses : dict, optional
        ``{label: h}``; each guess is a vertical tick with its label and value.
    ax : matplotlib Axes, optional
        Where to draw; a new 7.5 x 2.2 inch figure if omitted.

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
    y = erm.as_data(y)
    guesses = dict(guesses or {})
    values = erm.as_h(list(guesses.values())) if guesses else np.array([])
    ax = axes_or_new(ax, (7.5, 2.2))
    ax.axhline(0, color="0.6", lw=1, zorder=1)
    data = ax.plot(y, np.zeros_like(y), MARKERS["data"], color=COLORS["data"], ms=6,
                   zorder=3)[0]
    drawn = {"data": data, "guesses": {}, "labels": {}}
    # Labels of nearby guesses would overlap, so they alternate between two heights.
    order = np.argsort(values, kind="stable")
    for rank, i in enumerate(order):
        label, h = list(guesses)[i], float(values[i])
        top = 1.0 if rank % 2 == 0 else 2.2
        color = COLORS.get(label, COLORS["guess"])
        drawn["guesses"][label] = ax.plot([h, h], [-0.35, top], color=color, lw=2,
                                          zorder=2)[0]
        drawn["labels"][label] = ax.text(h, top + 0.1, f"{label} = {tex_money(h)}",
                                         color=color, ha="center", va="bottom", fontsize=FONT_SIZE)
    everything = np.concatenate([y, values])
    lo, hi = everything.min(), everything.max()
    margin = 0.08 * (hi - lo) if hi > lo else 1.0
    ax.set_xlim(lo - margin, hi + margin)
    ax.set_ylim(-0.8, 3.2)
    ax.set_yticks([])
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    money_ticks(ax.xaxis)
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
    for x, text in ((left, "slope -1"), (right, "slope +1")):
        ax.annotate(text, (x, abs(x - y_i)), xytext=(0, 8), textcoords="offset points",
                    ha="center", fontsize=FONT_SIZE)
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
    """The mean absolute error R(h) of the data ``y``, with its corners and its minimum.

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
    """The slope of R(h), (#below h - #above h) / n, as a step function.

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


def plot_risk_and_slope(y, axes=None, h=None):
    """R(h) on top and its slope as a step function underneath, on the same h axis.

    Parameters
    ----------
    y : array_like, 1-D
        The data.
    axes : pair of matplotlib Axes, optional
        (top, bottom); a new 6 x 5.2 inch figure with a shared h axis if omitted.
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
    >>> drawn = plot_risk_and_slope(erm.load_salaries())
    >>> sorted(drawn)
    ['risk', 'slope']
    >>> plt.close("all")
    """
    y = erm.as_data(y)
    grid = h_grid_with_data(y, h)
    top, bottom = axes_or_new(axes, (6, 5.2), nrows=2, sharex=True,
                           height_ratios=[3, 2])
    risk = plot_absolute_risk(y, top, grid)
    top.set_xlabel("")
    slope = plot_slope_steps(y, bottom, grid)
    for x in np.unique(y):
        bottom.axvline(x, color="0.85", lw=1, zorder=0)
    return {"risk": risk, "slope": slope}


def plot_flat_bottom(y, axes=None, *, margin=None):
    """R(h) and its slope twice: over the whole data (left) and zoomed on the minimizers.

    With an even number of values every h between the two middle ones minimizes R, and
    that interval may be a sliver of the data's range; the right column shows it wide.

    Parameters
    ----------
    y : array_like, 1-D
        The data.
    axes : 2 x 2 matplotlib Axes, optional
        ((risk, zoomed risk), (slope, zoomed slope)); a new 11 x 5.2 inch figure if omitted.
    margin : float, optional
        How far the zoom reaches beyond the interval of minimizers on each side; by default
        the interval's width (or a twentieth of the data's range, if that is larger).

    Returns
    -------
    dict
        ``"whole"`` and ``"zoom"``: what :func:`plot_risk_and_slope` drew in each column;
        ``"window"``: the zoomed range of h, ``(low, high)``; ``"frame"``: the band on the
        left that marks it.

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
    low, high = erm.absolute_risk_minimizers(y)
    if margin is None:
        margin = max(high - low, float(np.ptp(y)) / 20) or 1.0
    else:
        margin = erm.check_positive("margin", margin)
    window = (max(0.0, low - margin), high + margin)
    if axes is None:
        axes = axes_or_new(None, (11, 5.2), nrows=2, ncols=2, sharex="col",
                           height_ratios=[3, 2])
    (top, top_zoom), (bottom, bottom_zoom) = np.asarray(axes, dtype=object).reshape(2, 2)
    whole = plot_risk_and_slope(y, (top, bottom))
    inside = y[(y > window[0]) & (y < window[1])]
    grid = np.union1d(np.linspace(*window, 401), inside)
    zoom = plot_risk_and_slope(y, (top_zoom, bottom_zoom), grid)
    for ax in (top_zoom, bottom_zoom):   # the grey lines at far-away data widen the view
        ax.set_xlim(*window)
    frame = top.axvspan(*window, fill=False, ls=":", lw=1.2, ec=COLORS["data"],
                        label="_nolegend_")
    top_zoom.set_ylim(top_zoom.get_ylim()[0], top_zoom.get_ylim()[1]
                      + 0.35 * np.ptp(top_zoom.get_ylim()))   # room for the legend
    top.set_title("every h", fontsize=FONT_SIZE)
    top_zoom.set_title(f"zoomed on {tex_money(window[0])} to {tex_money(window[1])} "
                       "(dotted frame on the left)", fontsize=FONT_SIZE)
    return {"whole": whole, "zoom": zoom, "window": window, "frame": frame}


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
    """The mean absolute error and the mean squared error of ``y``, side by side.

    Parameters
    ----------
    y : array_like, 1-D
        The data.
    axes : pair of matplotlib Axes, optional
        (left, right); a new 10 x 3.6 inch figure if omitted.
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
    >>> drawn = plot_both_risks(erm.load_salaries())
    >>> drawn["absolute"]["minimum"].get_xdata().tolist()
    [96000.0]
    >>> plt.close("all")
    """
    y = erm.as_data(y)
    grid = h_grid_with_data(y, h)
    left, right = axes_or_new(axes, (10, 3.6), ncols=2)
    absolute = plot_absolute_risk(y, left, grid)
    squared = plot_squared_risk(y, right, grid)
    left.set_title("mean absolute error", fontsize=FONT_SIZE)
    right.set_title("mean squared error", fontsize=FONT_SIZE)
    return {"absolute": absolute, "squared": squared}


def plot_outlier_experiment(y, y_new, axes=None):
    """Both risks before and after a change to the data (such as one salary doubling).

    Parameters
    ----------
    y, y_new : array_like, 1-D
        The data before and after.
    axes : pair of matplotlib Axes, optional
        (left, right); a new 10 x 3.8 inch figure if omitted.

    Returns
    -------
    dict
        ``{"absolute": {"before": ..., "after": ...}, "squared": {...}}``, each the dict
        that :func:`plot_absolute_risk` or :func:`plot_squared_risk` returned.

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
    left, right = axes_or_new(axes, (10, 3.8), ncols=2)
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
        ax.legend(fontsize=FONT_SIZE, frameon=False)
    median_shift = erm.absolute_risk_minimizers(y_new)[0] - erm.absolute_risk_minimizers(y)[0]
    mean_shift = erm.squared_risk_minimizer(y_new) - erm.squared_risk_minimizer(y)
    left.set_title(f"mean absolute error: the median moves {tex_money(median_shift)}",
                   fontsize=FONT_SIZE)
    right.set_title(f"mean squared error: the mean moves {tex_money(mean_shift)}",
                    fontsize=FONT_SIZE)
    return drawn


def plot_salary_histogram(y, ax=None, bins=30):
    """A histogram of the data with its mean and median marked.

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
