"""Static figures of notebook 06: the L_p family, the 0-1 loss and the mode, the Huber
loss.

Stored as PNG in the notebook, so they teach without a running kernel. Each function
takes ``ax=None`` (or ``axes=None``): without axes it makes a new pyplot figure. Each
returns what it drew, so the tests can compare the line data with :mod:`erm_helpers`.
"""

import math

import numpy as np

import erm_helpers as erm
from erm_course.formatting import tex_money
from erm_course.style import (COLORS, FONT_SIZE, LINESTYLES, MARKERS, SERIES, data_rug,
                              even_h_grid, money_ticks, panels_or_new, plain_ticks,
                              scaled_ticks)

#: Every figure here is at most this wide (inches): 960 pixels at FIGURE_DPI, so that even
#: with the padding of a notebook's inline PNG it fits a 1,000-pixel column, where 10-point
#: text stays 10 points.
WIDTH = 6.4

__all__ = ["LP_EXPONENTS", "HUBER_DELTAS", "p_label", "plot_lp_typical_errors",
           "plot_lp_minimizers", "plot_lp_risk_grid", "plot_zero_one_and_ucsd",
           "plot_huber_loss", "plot_huber_minimizers", "plot_huber_risk_grid"]

#: The exponents at which notebook 06 draws the L_p risk of the five salaries.
LP_EXPONENTS = (1, 1.5, 2, 3, 10, math.inf)
#: The Huber thresholds (dollars) at which notebook 06 draws the Huber risk.
HUBER_DELTAS = (5_000, 10_000, 20_000, 48_000)


def p_label(p):
    """``"p = 1.5"``, or ``"p = ∞"`` for the largest error."""
    return "p = ∞" if math.isinf(p) else f"p = {p:g}"


def _exponents(ps):
    ps = [erm.check_p(p) for p in ps]     # "p must be at least 1", as erm_helpers says it
    if not ps:
        raise ValueError("ps must hold at least one exponent")
    return ps


def _median(y):
    """The middle of the median interval: the L_1 minimizer the course draws."""
    return erm.lp_risk_minimizer(y, 1)


def _midrange(y):
    return 0.5 * float(np.min(y)) + 0.5 * float(np.max(y))


def _summary_lines(ax, y, which, orientation="h"):
    """Dashed reference lines for the median, mean and midrange of ``y``."""
    values = {"median": _median(y), "mean": erm.squared_risk_minimizer(y),
              "midrange": _midrange(y)}
    lines = {}
    for name in which:
        draw = ax.axhline if orientation == "h" else ax.axvline
        lines[name] = draw(values[name], color=COLORS[name], ls=LINESTYLES[name], lw=1.2,
                           label=f"{name} {tex_money(values[name])}")
    return lines


# -- the L_p family ---------------------------------------------------------------------

def plot_lp_typical_errors(y, ps=LP_EXPONENTS, *, ax=None, h=None):
    r"""The typical error :math:`R_p(h)^{1/p}` of ``y`` against the prediction h, one curve
    for each of several exponents p, each with its lowest point (its minimizer) marked.

    Used in notebook 06. The p-th root keeps every curve in dollars (the risk itself
    passes :math:`10^{300}` at large p). The key is below the axes.

    Parameters
    ----------
    y : array_like, 1-D
        The data.
    ps : sequence of float, optional
        Exponents, each at least 1; ``math.inf`` gives the largest error.
    ax : matplotlib Axes, optional
        Where to draw; by default a new figure.
    h : array_like, optional
        Predictions to draw at; by default the data's range and a quarter on each side.

    Returns
    -------
    dict
        ``"lines"`` (one Line2D per p), ``"minimizers"`` (one marker per p, at
        :func:`lp_risk_minimizer`) and ``"data"`` (the rug).

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> drawn = plot_lp_typical_errors(erm.load_salaries(), [2], ax=Figure().subplots())
    >>> drawn["minimizers"][0].get_xdata()
    array([112000.])
    """
    y = erm.as_data(y)
    ps = _exponents(ps)
    h = even_h_grid(y, h)
    (ax,) = panels_or_new(ax, 1, panel=(WIDTH, 4.6))
    lines, marks = [], []
    for k, p in enumerate(ps):
        color, style, marker = SERIES[k % len(SERIES)]
        (line,) = ax.plot(h, erm.lp_typical_error(h, y, p), color=color, ls=style, lw=1.8)
        best = erm.lp_risk_minimizer(y, p)
        (mark,) = ax.plot([best], [erm.lp_typical_error(best, y, p)], marker, color=color,
                          mec="black", mew=0.6, ms=8, zorder=4, ls="none")
        line.set_label(f"{p_label(p)}: minimizer {tex_money(best)}")
        lines.append(line)
        marks.append(mark)
    rug = data_rug(ax, y)
    ax.set_xlabel("prediction h")
    ax.set_ylabel("typical error  $R_p(h)^{1/p}$")
    money_ticks(ax.xaxis, nbins=6)
    money_ticks(ax.yaxis, nbins=5)
    ax.set_ylim(bottom=0)
    ax.figure.legend(handles=[*lines, rug], loc="outside lower center", ncols=2,
                     fontsize=FONT_SIZE, frameon=False)
    ax.set_title("The L_p family: one curve per p, its minimizer marked",
                 fontsize=FONT_SIZE + 1)
    return {"lines": lines, "minimizers": marks, "data": rug}


def plot_lp_minimizers(y, *, ps=None, marked=LP_EXPONENTS[:-1], ax=None):
    """The L_p minimizer of ``y`` against the exponent p on a log scale, rising from the
    median at p = 1 through the mean at p = 2 towards the midrange (each a horizontal line).

    Used in notebook 06. The key is below the axes.

    Parameters
    ----------
    y : array_like, 1-D
        The data.
    ps : array_like, optional
        Exponents to draw the path at; by default 241 from 1 to 1,000, evenly on a log
        scale.
    marked : sequence of float, optional
        Finite exponents to mark with a dot (each is also on the path).
    ax : matplotlib Axes, optional
        Where to draw; by default a new figure.

    Returns
    -------
    dict
        ``"path"`` (Line2D of the minimizers), ``"marks"`` (dots at ``marked``), and
        ``"median"``, ``"mean"``, ``"midrange"`` (horizontal lines).

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> drawn = plot_lp_minimizers(erm.load_salaries(), ax=Figure().subplots())
    >>> drawn["marks"].get_ydata().round()
    array([ 96000., 106742., 112000., 117678., 124208.])
    """
    y = erm.as_data(y)
    ps = np.logspace(0, 3, 241) if ps is None else np.asarray(_exponents(ps), float)
    marked = _exponents(marked) if len(marked) else []
    if not np.all(np.isfinite(ps)) or any(math.isinf(p) for p in marked):
        raise ValueError("a log axis has no room for p = inf: the midrange line shows it")
    ps = np.union1d(ps, marked)
    (ax,) = panels_or_new(ax, 1, panel=(WIDTH, 4.0))
    refs = _summary_lines(ax, y, ("median", "mean", "midrange"))
    (path,) = ax.plot(ps, [erm.lp_risk_minimizer(y, p) for p in ps], color="0.2", lw=1.8,
                      label="L_p minimizer")
    (marks,) = ax.plot(marked, [erm.lp_risk_minimizer(y, p) for p in marked], "o",
                       color="0.2", ms=6, ls="none")
    _label_the_path(ax, path, marks, refs)
    ax.figure.legend(handles=[refs["median"], refs["mean"], refs["midrange"], path],
                     loc="outside lower center", ncols=2, fontsize=FONT_SIZE, frameon=False)
    ax.set_title("The L_p minimizer as p grows", fontsize=FONT_SIZE + 1)
    return {"path": path, "marks": marks, **refs}


def _label_the_path(ax, path, marks, refs):
    """Axes of :func:`plot_lp_minimizers`: "p = 1.5" beside each marked point, room below
    the lowest one for its label, and p on a log scale labelled 1, 10, 100, 1,000."""
    for p, value in zip(marks.get_xdata(), marks.get_ydata()):
        ax.annotate(f"p = {p:g}", (p, value), textcoords="offset points", xytext=(6, -6),
                    ha="left", va="top", fontsize=FONT_SIZE)
    ax.set_xscale("log")
    ax.set_xlabel("exponent p (log scale)")
    ax.set_ylabel("minimizer")
    money_ticks(ax.yaxis, nbins=5)
    # room below the lowest point for its label, which would otherwise sit on the axis
    low = min(refs["median"].get_ydata()[0], float(path.get_ydata().min()))
    high = max(refs["midrange"].get_ydata()[0], float(path.get_ydata().max()))
    ax.set_ylim(low - 0.14 * (high - low or 1.0), high + 0.05 * (high - low or 1.0))
    ps = path.get_xdata()
    decades = [10.0 ** k for k in range(int(np.floor(np.log10(ps.min()))),
                                        int(np.ceil(np.log10(ps.max()))) + 1)]
    ax.set_xticks(decades, [f"{d:,g}" for d in decades])
    ax.set_xticks([], minor=True)


def _risk_panel(ax, h, y, values, best, title, refs, ylabel):
    """One small-multiples panel: a curve, its minimizer as a star, reference lines."""
    (curve,) = ax.plot(h, values, color=COLORS["risk"], lw=1.8, label="risk")
    lines = _summary_lines(ax, y, refs, orientation="v")
    (star,) = ax.plot([best], [np.interp(best, h, values)], MARKERS["global minimum"],
                      color=COLORS["global minimum"], mec="black", mew=0.6, ms=13,
                      zorder=4, label="minimizer")
    rug = data_rug(ax, y)
    ax.set_title(title.replace("$", r"\$"), fontsize=FONT_SIZE)
    ax.set_xlabel("prediction h")
    ax.set_ylabel(ylabel)
    money_ticks(ax.xaxis, nbins=3)
    return {"curve": curve, "minimizer": star, "data": rug, **lines}


def plot_lp_risk_grid(y, ps=(1, 2, 10, math.inf), *, axes=None, h=None, ncols=2):
    """Small multiples: the typical error of ``y`` against h at several p, one panel each,
    the minimizer starred and the median, the mean and the midrange as vertical lines.

    Used in notebook 06, in place of the p slider where no kernel runs.

    Parameters
    ----------
    y : array_like, 1-D
        The data.
    ps : sequence of float, optional
        One panel per exponent (at least 1; ``math.inf`` allowed).
    axes : array of matplotlib Axes, optional
        At least ``len(ps)``; by default a new figure with ``ncols`` columns.
    h : array_like, optional
        Predictions to draw at, the same in every panel.
    ncols : int, optional
        Columns of a new figure.

    Returns
    -------
    list of dict
        Per p: ``"curve"``, ``"minimizer"``, ``"data"``, ``"median"``, ``"mean"``,
        ``"midrange"``.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> panels = plot_lp_risk_grid(erm.load_salaries(), axes=Figure().subplots(2, 2))
    >>> [float(p["minimizer"].get_xdata()[0].round()) for p in panels]
    [96000.0, 112000.0, 124208.0, 125000.0]
    """
    y = erm.as_data(y)
    ps = _exponents(ps)
    ncols = erm.check_count("ncols", ncols)
    h = even_h_grid(y, h)
    axes = panels_or_new(axes, len(ps), ncols, panel=(WIDTH / 2, 2.6))
    panels = []
    for p, ax in zip(ps, axes):
        best = erm.lp_risk_minimizer(y, p)
        title = f"{p_label(p)}: minimizer {tex_money(best)}".replace(r"\$", "$")
        panels.append(_risk_panel(ax, h, y, erm.lp_typical_error(h, y, p), best, title,
                                  ("median", "mean", "midrange"), "typical error"))
        money_ticks(ax.yaxis, nbins=4)
        ax.set_ylim(bottom=0)
    first = panels[0]
    axes[0].figure.legend(handles=[first["curve"], first["minimizer"], first["median"],
                                   first["mean"], first["midrange"]],
                          labels=["typical error", "minimizer", "median", "mean",
                                  "midrange"],
                          loc="outside lower center", ncols=3, fontsize=FONT_SIZE,
                          frameon=False)
    return panels


# -- the 0-1 loss and the mode ---------------------------------------------------------

def _grid_fine_enough(y, sigmas, modes):
    """Predictions at least 8 per smallest sigma across the data, plus the modes."""
    lo, hi = float(y.min()), float(y.max())
    pad = 0.05 * (hi - lo) or 1.0
    num = int(min(40_001, max(2_001, 8 * (hi - lo + 2 * pad) / min(sigmas or [hi]))))
    return np.union1d(np.linspace(lo - pad, hi + pad, num), modes)


def plot_zero_one_and_ucsd(y, sigmas=(100, 1_000), *, axes=None, h=None):
    r"""The 0-1 risk of ``y`` above the UCSD risk at small sigmas, one panel each on a
    shared prediction axis, each with its lowest point starred and the mode dotted.

    Used in notebook 06. The 0-1 risk is 1 except at the data values, where it drops by
    the share of the data equal to that value; it is drawn as a drop at each distinct
    value. The key is below the panels.

    Parameters
    ----------
    y : array_like, 1-D
        The data.
    sigmas : sequence of float, optional
        Scales of the UCSD panels, in dollars.
    axes : array of matplotlib Axes, optional
        At least ``1 + len(sigmas)``; by default a new figure in one column.
    h : array_like, optional
        Predictions for the UCSD curves; by default the data's range, 8 points per
        smallest sigma (at most 40,001).

    Returns
    -------
    dict
        ``"drops"`` (the LineCollection of drops), ``"mode"`` (stars at the mode(s)),
        ``"mode_line"`` (dotted, at the first mode) and ``"ucsd"``, one dict per sigma with
        ``"curve"``, ``"minimizer"`` and ``"mode_line"``.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> drawn = plot_zero_one_and_ucsd(erm.load_professor_salaries(), [1_000],
    ...                                axes=Figure().subplots(2, 1))
    >>> drawn["mode"].get_xdata()
    array([92000.])
    """
    y = erm.as_data(y)
    sigmas = [erm.check_positive("sigma", s) for s in sigmas]
    values, counts = np.unique(y, return_counts=True)
    modes = erm.zero_one_risk_minimizers(y)
    h = _grid_fine_enough(y, sigmas, modes) if h is None else even_h_grid(y, h)
    axes = panels_or_new(axes, 1 + len(sigmas), 1, panel=(WIDTH, 2.0))
    drops, mode, mode_line = _zero_one_panel(axes[0], y, values, modes)
    axes[0].set_title(f"0-1 risk: lowest at the mode(s), {int(counts.max())} of {y.size}",
                      fontsize=FONT_SIZE)
    ucsd = [_ucsd_beside_the_mode(ax, h, y, sigma, modes[0])
            for sigma, ax in zip(sigmas, axes[1:])]
    for panel in axes:         # one prediction axis for all, labelled at the bottom
        panel.set_xlim(h[0], h[-1])
        money_ticks(panel.xaxis, nbins=4)
        panel.tick_params(labelbottom=panel is axes[-1])
    axes[-1].set_xlabel("prediction h")
    axes[0].figure.legend(handles=[drops, mode, mode_line],
                     labels=["risk", "lowest point", f"mode {tex_money(modes[0])}"],
                     loc="outside lower center", ncols=3, fontsize=FONT_SIZE, frameon=False)
    return {"drops": drops, "mode": mode, "mode_line": mode_line, "ucsd": ucsd}


def _zero_one_panel(ax, y, values, modes):
    """The 0-1 panel of :func:`plot_zero_one_and_ucsd`: a drop at each distinct value, the
    mode starred and dotted."""
    risk_at_values = erm.zero_one_risk(values, y)
    drops = ax.vlines(values, risk_at_values, 1.0, color=COLORS["risk"], lw=1)
    ax.axhline(1.0, color=COLORS["risk"], lw=1)
    (mode,) = ax.plot(modes, erm.zero_one_risk(modes, y), MARKERS["global minimum"],
                      color=COLORS["global minimum"], mec="black", mew=0.6, ms=13,
                      zorder=4, ls="none")
    depth = 1.0 - float(risk_at_values.min())
    ax.set_ylim(1.0 - 1.5 * depth, 1.0 + 0.25 * depth)
    plain_ticks(ax.yaxis)
    mode_line = ax.axvline(modes[0], color=COLORS["data"], ls=":", lw=1.2)
    ax.set_ylabel("0-1 risk")
    return drops, mode, mode_line


def _ucsd_beside_the_mode(ax, h, y, sigma, mode):
    """One UCSD panel of :func:`plot_zero_one_and_ucsd`: the risk, its minimizer and a
    dotted line at the mode."""
    best = erm.ucsd_global_minimizer(y, sigma)
    (curve,) = ax.plot(h, erm.ucsd_risk(h, y, sigma), color=COLORS["risk"], lw=1)
    (star,) = ax.plot([best], [erm.ucsd_risk(best, y, sigma)], MARKERS["global minimum"],
                      color=COLORS["global minimum"], mec="black", mew=0.6, ms=13,
                      zorder=4)
    mode_line = ax.axvline(mode, color=COLORS["data"], ls=":", lw=1.2)
    ax.set_title(f"UCSD risk, σ = {tex_money(sigma)}: minimizer {tex_money(best)}",
                 fontsize=FONT_SIZE)
    ax.set_ylabel("UCSD risk")
    plain_ticks(ax.yaxis)
    return {"curve": curve, "minimizer": star, "mode_line": mode_line}


# -- the Huber loss -----------------------------------------------------------------------

def plot_huber_loss(deltas=(10_000, 20_000), *, ax=None, h=None):
    r"""The Huber loss against the error r = h - y for one or more thresholds delta: each
    follows the parabola r²/2 (dotted) up to ±delta, marked, and a straight line beyond.

    Used in notebook 06. Beyond :math:`|r| = \delta` the slope is :math:`\pm\delta`.

    Parameters
    ----------
    deltas : sequence of float
        Thresholds in dollars, each positive.
    ax : matplotlib Axes, optional
        Where to draw; by default a new figure.
    h : array_like, optional
        The errors r to draw at; by default plus or minus three times the largest delta.

    Returns
    -------
    dict
        ``"lines"`` (one per delta), ``"parabola"`` and ``"kinks"`` (dots at
        :math:`r = \pm\delta`, one Line2D per delta).

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> drawn = plot_huber_loss([20_000], ax=Figure().subplots())
    >>> drawn["kinks"][0].get_data()
    (array([-20000.,  20000.]), array([2.e+08, 2.e+08]))
    """
    deltas = [erm.check_positive("delta", d) for d in deltas]
    if not deltas:
        raise ValueError("deltas must hold at least one threshold")
    widest = max(deltas)
    r = even_h_grid(np.array([-3 * widest, 3 * widest]), h, num=1201)
    (ax,) = panels_or_new(ax, 1, panel=(WIDTH, 3.8))
    (parabola,) = ax.plot(r, 0.5 * r ** 2, color="0.5", ls=":", lw=1.5,
                          label="r²/2 (squared loss / 2)")
    lines, kinks = [], []
    for k, delta in enumerate(deltas):
        color, style, marker = SERIES[k % len(SERIES)]
        (line,) = ax.plot(r, erm.huber_loss(r, 0.0, delta), color=color, ls=style, lw=2,
                          label=f"Huber, δ = {tex_money(delta)}")
        (kink,) = ax.plot([-delta, delta], [0.5 * delta ** 2] * 2, marker, color=color,
                          ms=7, ls="none")
        lines.append(line)
        kinks.append(kink)
    ax.set_ylim(-0.03 * float(lines[-1].get_ydata().max()),
                1.3 * float(lines[-1].get_ydata().max()))
    ax.set_xlabel("error r = h - y")
    ax.set_ylabel("loss (billions of dollars²)")
    scaled_ticks(ax.yaxis, 1e9)
    money_ticks(ax.xaxis, nbins=6)
    ax.legend(fontsize=FONT_SIZE, loc="upper center")
    ax.set_title("The Huber loss: a parabola up to ±δ (marked), straight beyond",
                 fontsize=FONT_SIZE + 1)
    return {"lines": lines, "parabola": parabola, "kinks": kinks}


def plot_huber_minimizers(y, *, deltas=None, marked=HUBER_DELTAS, ax=None):
    """The Huber minimizer of ``y`` against the threshold delta, rising from the median
    (a dashed line) at small delta to the mean (a solid line), which it reaches and keeps.

    Used in notebook 06. The key is below the axes.

    Parameters
    ----------
    y : array_like, 1-D
        The data.
    deltas : array_like, optional
        Thresholds to draw the path at; by default 400 from a thousandth of the data's
        spread to its whole spread.
    marked : sequence of float, optional
        Thresholds to mark with a dot.
    ax : matplotlib Axes, optional
        Where to draw; by default a new figure.

    Returns
    -------
    dict
        ``"path"``, ``"marks"``, ``"median"`` and ``"mean"``.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> drawn = plot_huber_minimizers(erm.load_salaries(), ax=Figure().subplots())
    >>> drawn["marks"].get_ydata()
    array([ 97500., 100000., 105000., 112000.])
    """
    y = erm.as_data(y)
    spread = float(np.ptp(y)) or 1.0
    if deltas is None:
        deltas = np.linspace(spread / 1_000, spread, 400)
    deltas = np.array([erm.check_positive("delta", d) for d in np.ravel(deltas)])
    marked = np.array([erm.check_positive("delta", d) for d in marked])
    deltas = np.union1d(deltas, marked)
    (ax,) = panels_or_new(ax, 1, panel=(WIDTH, 3.8))
    refs = _summary_lines(ax, y, ("median", "mean"))
    (path,) = ax.plot(deltas, [erm.huber_risk_minimizer(y, d) for d in deltas],
                      color=COLORS["huber"], lw=2, label="Huber minimizer")
    (marks,) = ax.plot(marked, [erm.huber_risk_minimizer(y, d) for d in marked],
                       MARKERS["huber"], color=COLORS["huber"], mec="black", mew=0.6,
                       ms=7, ls="none")
    ax.set_xlabel("threshold δ")
    ax.set_ylabel("minimizer")
    money_ticks(ax.xaxis, nbins=6)
    money_ticks(ax.yaxis, nbins=5)
    ax.figure.legend(handles=[refs["median"], refs["mean"], path], loc="outside lower center",
                     ncols=3, fontsize=FONT_SIZE, frameon=False)
    ax.set_title("The Huber minimizer as δ grows", fontsize=FONT_SIZE + 1)
    return {"path": path, "marks": marks, **refs}


def plot_huber_risk_grid(y, deltas=HUBER_DELTAS, *, axes=None, h=None, ncols=2):
    r"""Small multiples: the Huber risk of ``y`` divided by delta against h, one panel per
    delta, with the absolute risk dashed above it and the minimizer starred.

    Used in notebook 06, in place of the delta slider where no kernel runs. Dividing by
    the positive number delta moves no minimizer and puts every panel in dollars:
    :math:`R_{\text{Huber}}(h)/\delta` lies between the absolute risk minus
    :math:`\delta/2` and the absolute risk.

    Parameters
    ----------
    y : array_like, 1-D
        The data.
    deltas : sequence of float, optional
        One panel per threshold, in dollars.
    axes : array of matplotlib Axes, optional
        At least ``len(deltas)``; by default a new figure with ``ncols`` columns.
    h : array_like, optional
        Predictions to draw at, the same in every panel.
    ncols : int, optional
        Columns of a new figure.

    Returns
    -------
    list of dict
        Per delta: ``"curve"``, ``"absolute"``, ``"minimizer"``, ``"data"``,
        ``"median"`` and ``"mean"``.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> panels = plot_huber_risk_grid(erm.load_salaries(), axes=Figure().subplots(2, 2))
    >>> [float(p["minimizer"].get_xdata()[0]) for p in panels]
    [97500.0, 100000.0, 105000.0, 112000.0]
    """
    y = erm.as_data(y)
    deltas = [erm.check_positive("delta", d) for d in deltas]
    if not deltas:
        raise ValueError("deltas must hold at least one threshold")
    ncols = erm.check_count("ncols", ncols)
    h = even_h_grid(y, h)
    absolute = erm.absolute_risk(h, y)
    axes = panels_or_new(axes, len(deltas), ncols, panel=(WIDTH / 2, 2.6))
    panels = []
    for delta, ax in zip(deltas, axes):
        best = erm.huber_risk_minimizer(y, delta)
        title = f"δ = {tex_money(delta)}: minimizer {tex_money(best)}".replace(r"\$", "$")
        (ref,) = ax.plot(h, absolute, color="0.55", ls="--", lw=1, label="absolute risk")
        panel = _risk_panel(ax, h, y, erm.huber_risk(h, y, delta) / delta, best, title,
                            ("median", "mean"), "Huber risk / δ")
        panel["absolute"] = ref
        money_ticks(ax.yaxis, nbins=4)
        ax.set_ylim(bottom=0)
        panels.append(panel)
    first = panels[0]
    axes[0].figure.legend(
        handles=[first[k] for k in ("curve", "absolute", "minimizer", "median", "mean")],
        labels=["Huber risk / δ", "absolute risk", "minimizer", "median", "mean"],
        loc="outside lower center", ncols=3, fontsize=FONT_SIZE, frameon=False)
    return panels


