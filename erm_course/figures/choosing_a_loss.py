"""Static figures of notebook 06: the L_p family, the 0-1 and Huber losses, the influence
of one salary on every minimizer, and convexity.

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

__all__ = ["LP_EXPONENTS", "HUBER_DELTAS", "p_label", "with_largest_replaced",
           "influence_table", "plot_lp_typical_errors", "plot_lp_minimizers",
           "plot_lp_risk_grid", "plot_zero_one_and_ucsd", "plot_huber_loss",
           "plot_huber_minimizers", "plot_huber_risk_grid", "plot_influence_curves",
           "plot_chords"]

#: The exponents at which notebook 06 draws the L_p risk of the five salaries.
LP_EXPONENTS = (1, 1.5, 2, 3, 10, math.inf)
#: The Huber thresholds (dollars) at which notebook 06 draws the Huber risk.
HUBER_DELTAS = (5_000, 10_000, 20_000, 48_000)
#: The four minimizers of the influence curves, in the order they are drawn.
INFLUENCE_NAMES = ("mean", "median", "huber", "ucsd")


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
    r"""Draw the typical error :math:`R_p(h)^{1/p}` of ``y`` for several p on one axis.

    Used in notebook 06. The p-th root keeps every curve in dollars (the risk itself
    passes :math:`10^{300}` at large p); each curve's lowest point, its minimizer, is
    marked.

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
    (ax,) = panels_or_new(ax, 1, panel=(7.5, 4.2))
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
    ax.legend(fontsize=FONT_SIZE, loc="upper center", ncols=2)
    ax.set_title("The L_p family: one curve per p, its minimizer marked",
                 fontsize=FONT_SIZE + 1)
    return {"lines": lines, "minimizers": marks, "data": rug}


def plot_lp_minimizers(y, *, ps=None, marked=LP_EXPONENTS[:-1], ax=None):
    """Draw the L_p minimizer of ``y`` against p (log scale), with the median, the mean
    and the midrange as reference lines.

    Used in notebook 06.

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
    (ax,) = panels_or_new(ax, 1, panel=(7.5, 3.8))
    refs = _summary_lines(ax, y, ("median", "mean", "midrange"))
    (path,) = ax.plot(ps, [erm.lp_risk_minimizer(y, p) for p in ps], color="0.2", lw=1.8,
                      label="L_p minimizer")
    (marks,) = ax.plot(marked, [erm.lp_risk_minimizer(y, p) for p in marked], "o",
                       color="0.2", ms=6, ls="none")
    for p, value in zip(marked, marks.get_ydata()):
        ax.annotate(f"{p:g}", (p, value), textcoords="offset points", xytext=(4, -12),
                    fontsize=FONT_SIZE - 1)
    ax.set_xscale("log")
    ax.set_xlabel("exponent p (log scale)")
    ax.set_ylabel("minimizer")
    money_ticks(ax.yaxis, nbins=5)
    ax.legend(fontsize=FONT_SIZE, loc="lower right")
    ax.set_title("From the median (p = 1) through the mean (p = 2) towards the midrange",
                 fontsize=FONT_SIZE + 1)
    return {"path": path, "marks": marks, **refs}


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
    """Small multiples: the typical error of ``y`` at several p, one panel each, with the
    minimizer starred and the median, mean and midrange as vertical lines.

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
    axes = panels_or_new(axes, len(ps), ncols, panel=(4.6, 3.2))
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
                          loc="outside lower center", ncols=5, fontsize=FONT_SIZE,
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
    r"""The 0-1 risk of ``y`` beside the UCSD risk at small sigmas: one panel each.

    Used in notebook 06. The 0-1 risk is 1 except at the data values, where it drops by
    the share of the data equal to that value; it is drawn as a drop at each distinct
    value, with the mode starred. The UCSD panels mark their global minimizer and, as a
    dotted line, the mode.

    Parameters
    ----------
    y : array_like, 1-D
        The data.
    sigmas : sequence of float, optional
        Scales of the UCSD panels, in dollars.
    axes : array of matplotlib Axes, optional
        At least ``1 + len(sigmas)``; by default a new figure in one row.
    h : array_like, optional
        Predictions for the UCSD curves; by default the data's range, 8 points per
        smallest sigma (at most 40,001).

    Returns
    -------
    dict
        ``"drops"`` (the LineCollection of drops), ``"mode"`` (stars at the mode(s)) and
        ``"ucsd"``, one dict per sigma with ``"curve"``, ``"minimizer"`` and
        ``"mode_line"``.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> drawn = plot_zero_one_and_ucsd(erm.load_professor_salaries(), [1_000],
    ...                                axes=Figure().subplots(1, 2))
    >>> drawn["mode"].get_xdata()
    array([92000.])
    """
    y = erm.as_data(y)
    sigmas = [erm.check_positive("sigma", s) for s in sigmas]
    values, counts = np.unique(y, return_counts=True)
    modes = erm.zero_one_risk_minimizers(y)
    h = _grid_fine_enough(y, sigmas, modes) if h is None else even_h_grid(y, h)
    axes = panels_or_new(axes, 1 + len(sigmas), 1 + len(sigmas), panel=(4.4, 3.3))
    ax = axes[0]
    risk_at_values = erm.zero_one_risk(values, y)
    drops = ax.vlines(values, risk_at_values, 1.0, color=COLORS["risk"], lw=1)
    ax.axhline(1.0, color=COLORS["risk"], lw=1)
    (mode,) = ax.plot(modes, erm.zero_one_risk(modes, y), MARKERS["global minimum"],
                      color=COLORS["global minimum"], mec="black", mew=0.6, ms=13,
                      zorder=4, ls="none")
    depth = 1.0 - float(risk_at_values.min())
    ax.set_ylim(1.0 - 1.5 * depth, 1.0 + 0.25 * depth)
    plain_ticks(ax.yaxis)
    ax.set_xlim(h[0], h[-1])
    ax.set_xlabel("prediction h")
    ax.set_ylabel("0-1 risk (share missed)")
    top = int(counts.max())
    ax.set_title(f"0-1 risk: lowest at the mode(s), {top} of {y.size}", fontsize=FONT_SIZE)
    money_ticks(ax.xaxis, nbins=3)
    ucsd = [_ucsd_beside_the_mode(ax, h, y, sigma, modes[0])
            for sigma, ax in zip(sigmas, axes[1:])]
    return {"drops": drops, "mode": mode, "ucsd": ucsd}


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
    ax.set_xlabel("prediction h")
    money_ticks(ax.xaxis, nbins=3)
    plain_ticks(ax.yaxis)
    return {"curve": curve, "minimizer": star, "mode_line": mode_line}


# -- the Huber loss -----------------------------------------------------------------------

def plot_huber_loss(deltas=(10_000, 20_000), *, ax=None, h=None):
    r"""Draw the Huber loss of an error :math:`r = h - y` for one or more ``delta``.

    Used in notebook 06. Each loss follows the parabola :math:`r^2/2` (dotted) up to
    :math:`|r| = \delta`, marked with a dot, and a straight line of slope
    :math:`\pm\delta` beyond.

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
    (ax,) = panels_or_new(ax, 1, panel=(7, 3.8))
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
    ax.set_title("The Huber loss: a parabola up to ±δ (dots), straight lines beyond",
                 fontsize=FONT_SIZE + 1)
    return {"lines": lines, "parabola": parabola, "kinks": kinks}


def plot_huber_minimizers(y, *, deltas=None, marked=HUBER_DELTAS, ax=None):
    """Draw the Huber minimizer of ``y`` against delta, with the median and the mean.

    Used in notebook 06.

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
    (ax,) = panels_or_new(ax, 1, panel=(7.5, 3.8))
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
    ax.legend(fontsize=FONT_SIZE, loc="lower right")
    ax.set_title("The Huber minimizer as δ grows", fontsize=FONT_SIZE + 1)
    return {"path": path, "marks": marks, **refs}


def plot_huber_risk_grid(y, deltas=HUBER_DELTAS, *, axes=None, h=None, ncols=2):
    r"""Small multiples: the Huber risk of ``y`` divided by delta, one panel per delta.

    Used in notebook 06, in place of the delta slider where no kernel runs. Dividing by
    the positive number delta moves no minimizer and puts every panel in dollars:
    :math:`R_\delta(h)/\delta` lies between the absolute risk minus :math:`\delta/2`
    and the absolute risk (drawn dashed).

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
    axes = panels_or_new(axes, len(deltas), ncols, panel=(4.6, 3.2))
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
        loc="outside lower center", ncols=5, fontsize=FONT_SIZE, frameon=False)
    return panels


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
        table["median"][k] = _median(moved)
        table["huber"][k] = erm.huber_risk_minimizer(moved, delta)
        table["ucsd"][k] = erm.ucsd_global_minimizer(moved, sigma)
    return table


def _influence_label(name, delta, sigma):
    """How the influence curves name each minimizer (Huber and UCSD with their scale)."""
    return {"mean": "mean (squared loss)", "median": "median (absolute loss)",
            "huber": f"Huber, δ = {tex_money(delta)}",
            "ucsd": f"UCSD, σ = {tex_money(sigma)}"}[name]


def _influence_panel(ax, values, table, current, delta, sigma):
    """One panel of :func:`plot_influence_curves`: the four curves, and markers at
    ``current`` (if given)."""
    drawn = {}
    for name in INFLUENCE_NAMES:
        (drawn[name],) = ax.plot(values, table[name], color=COLORS[name],
                                 ls=LINESTYLES[name], lw=2,
                                 label=_influence_label(name, delta, sigma))
    drawn["current"] = None
    if current is not None:
        k = int(np.flatnonzero(values == current)[0])
        marks = {"line": ax.axvline(current, color="0.4", lw=1, ls=":")}
        for name in INFLUENCE_NAMES:
            (marks[name],) = ax.plot([current], [table[name][k]], MARKERS[name],
                                     color=COLORS[name], mec="black", mew=0.6, ms=8,
                                     zorder=4)
        drawn["current"] = marks
    ax.set_xlabel("value of the largest salary")
    money_ticks(ax.xaxis, nbins=4)
    money_ticks(ax.yaxis, nbins=5)
    return drawn


def plot_influence_curves(y, *, values=None, delta=20_000, sigma=21_000, current=None,
                          axes=None):
    """Draw four minimizers of ``y`` as functions of its largest value: influence curves.

    Used in notebook 06. The largest value of ``y`` is moved to each of ``values`` and
    the mean, the median, the Huber and the UCSD minimizers are recomputed. The left
    panel shows all four; the right one the same curves with the vertical axis zoomed on
    the three that stay near the crowd.

    Parameters
    ----------
    y : array_like, 1-D
        The data.
    values : array_like, optional
        Where the largest value goes; by default $100,000 to $1,000,000 in steps of
        $10,000 (and ``current``).
    delta, sigma : float, optional
        The Huber threshold and the UCSD scale, in dollars.
    current : float, optional
        A value to mark: a vertical line and a marker on each curve.
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
    >>> full, zoomed = plot_influence_curves(erm.load_salaries(), current=320_000,
    ...                                      axes=Figure().subplots(1, 2))
    >>> full["current"]["mean"].get_ydata(), zoomed["current"]["huber"].get_ydata()
    (array([144000.]), array([105000.]))
    """
    y = erm.as_data(y)
    values = (np.arange(100_000.0, 1_000_001.0, 10_000.0) if values is None
              else erm.as_numbers(values, "values"))
    if current is not None:
        current = float(erm.as_h(current))
        values = np.union1d(values, [current])
    table = influence_table(y, values, delta=delta, sigma=sigma)
    axes = panels_or_new(axes, 2, 2, panel=(4.8, 3.8))
    panels = [_influence_panel(ax, values, table, current, delta, sigma) for ax in axes]
    full, zoomed = axes
    full.set_ylabel("minimizer")
    full.set_title("All four minimizers", fontsize=FONT_SIZE)
    robust = np.concatenate([table[name] for name in ("median", "huber", "ucsd")])
    pad = 0.1 * (float(np.ptp(robust)) or 1_000.0)
    zoomed.set_ylim(float(robust.min()) - pad, float(robust.max()) + pad)
    zoomed.set_title("The same, zoomed on median, Huber and UCSD", fontsize=FONT_SIZE)
    full.figure.legend(handles=[panels[0][name] for name in INFLUENCE_NAMES],
                       loc="outside lower center", ncols=4, fontsize=FONT_SIZE,
                       frameon=False)
    return panels


# -- convexity -----------------------------------------------------------------------------

def plot_chords(y, sigma=21_000, *, delta=20_000, axes=None, h=None):
    r"""Two panels: a chord of the Huber risk (above the curve) and a chord of the UCSD
    risk between its two lowest local minima (below the curve in the middle).

    Used in notebook 06. Both chords join the same two predictions, the UCSD risk's
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
        and b), ``"middle"`` (the curve and the chord at the midpoint, two markers) and
        ``"values"`` (``(R(mid), chord(mid))`` as floats).

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
    axes = panels_or_new(axes, 2, 2, panel=(4.8, 3.5))
    risks = [("Huber risk, δ = " + tex_money(delta), lambda x: erm.huber_risk(x, y, delta),
              1e9, "Huber risk (billions of dollars²)"),
             ("UCSD risk, σ = " + tex_money(sigma), lambda x: erm.ucsd_risk(x, y, sigma),
              None, "UCSD risk")]
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
    ax.set_title(f"{title}\nat the midpoint the chord is "
                 f"{'below' if below else 'above'} the curve", fontsize=FONT_SIZE)
    ax.set(xlabel="prediction h", ylabel=ylabel)
    money_ticks(ax.xaxis, nbins=3)
    if scale:
        scaled_ticks(ax.yaxis, scale)
    else:
        plain_ticks(ax.yaxis)
    return {"curve": curve, "chord": chord, "ends": dots, "middle": middle,
            "values": (on_curve, on_chord)}
