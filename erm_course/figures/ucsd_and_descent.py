"""Static figures of notebooks 04-05: the UCSD loss and risk, and gradient descent.

Stored as PNG in the notebooks, so they teach without a running kernel. Each function
takes ``ax=None`` (or ``axes=None``): without axes it makes a new pyplot figure, at most
6.4 inches (960 pixels) wide, so that its 10-point text stays 10 points in a JupyterLab
column; legends sit below the panels, never over the data. Each returns what it drew, so
the tests can compare the line data with :mod:`erm_helpers`.
"""

import numpy as np

import erm_helpers as erm
from erm_course.formatting import money, money_or_scientific
from erm_course.style import (COLORS, FONT_SIZE, MARKERS, SERIES, data_rug, even_h_grid,
                              money_ticks, panels_or_new, plain_ticks, scaled_ticks)

__all__ = ["UCSD_SIGMAS", "plot_ucsd_loss", "plot_ucsd_risk", "plot_ucsd_risk_grid",
           "plot_ucsd_derivative", "plot_descent_paths", "plot_descent_errors"]

#: The four scales (dollars) at which the course draws the UCSD risk of the five salaries.
UCSD_SIGMAS = (3_000, 4_500, 10_000, 21_000)

#: Width of a new one-panel figure, and of one panel in a grid of two columns (inches at
#: FIGURE_DPI = 150: 960 pixels in all, under the 1,000 of a JupyterLab column).
WIDE = 6.4
PANEL = 3.2

#: The UCSD risk in figure text (mathtext).
R_UCSD = r"$R_{\mathrm{ucsd}}(h)$"


def _legend_below(fig, handles, ncols):
    """One legend for the whole figure, under its panels, where it hides no data."""
    return fig.legend(handles=handles, loc="outside lower center", ncols=ncols,
                      fontsize=FONT_SIZE, frameon=False)


def plot_ucsd_loss(sigmas=(5_000, 10_000, 21_000), *, y=100_000, ax=None, h=None):
    r"""Draw the UCSD loss :math:`1 - e^{-(h - y)^2/\sigma^2}` of one data point.

    One curve per ``sigma``: an upside-down bell with its lowest point, 0, at ``h == y``,
    levelling off at 1 (drawn dotted) a few ``sigma`` away. Used in notebook 04.

    Parameters
    ----------
    sigmas : sequence of float
        Scales to draw, in dollars; each positive.
    y : float, optional
        The data point (a salary).
    ax : matplotlib Axes, optional
        Where to draw; by default a new figure.
    h : array_like, optional
        Predictions to draw at; by default ``y`` plus or minus three times the largest
        sigma.

    Returns
    -------
    dict
        ``"lines"`` (one Line2D per sigma), ``"level"`` (the dashed line at 1) and
        ``"data"`` (the marker at ``y``).

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> drawn = plot_ucsd_loss([10_000], ax=Figure().subplots())
    >>> x, loss = drawn["lines"][0].get_data()
    >>> bool(np.allclose(loss, erm.ucsd_loss(x, 100_000, 10_000)))
    True
    """
    sigmas = [erm.check_positive("sigma", s) for s in sigmas]
    if not sigmas:
        raise ValueError("sigmas must hold at least one scale")
    y = float(erm.as_h(y))
    widest = max(sigmas)
    h = even_h_grid(np.array([y - 3 * widest, y + 3 * widest]), h, num=1201)
    (ax,) = panels_or_new(ax, 1, panel=(WIDE, 3.6))
    lines = []
    for k, sigma in enumerate(sigmas):
        color, style, _ = SERIES[k % len(SERIES)]
        (line,) = ax.plot(h, erm.ucsd_loss(h, y, sigma), color=color, ls=style, lw=2,
                          label=f"σ = {money(sigma)}")
        lines.append(line)
    level = ax.axhline(1.0, color="0.5", ls=":", lw=1, label="level 1")
    (data,) = ax.plot([y], [0.0], MARKERS["data"], color=COLORS["data"], ms=7, zorder=4,
                      label=f"the salary y = {money(y)}")
    ax.set_xlabel("prediction h")
    ax.set_ylabel("loss  1 - exp(-(h - y)² / σ²)")
    ax.set_ylim(-0.05, 1.12)
    money_ticks(ax.xaxis, nbins=6)
    _legend_below(ax.figure, [*lines, level, data], ncols=3)
    ax.set_title("The UCSD loss of one salary", fontsize=FONT_SIZE + 1)
    return {"lines": lines, "level": level, "data": data}


def plot_ucsd_risk(y, sigma, *, ax=None, h=None, legend=True):
    r"""The UCSD risk of ``y`` at one ``sigma``: open circles on its local minima, a star
    on the global one, ticks for the data. Used in notebook 04 (in the grid).

    Parameters
    ----------
    y : array_like, 1-D
        The data.
    sigma : float
        Scale in dollars; positive.
    ax : matplotlib Axes, optional
        Where to draw; by default a new figure.
    h : array_like, optional
        Predictions to draw at; by default the data's range and a quarter of its spread.
    legend : bool, optional
        Whether to add a legend (below the figure's panels).

    Returns
    -------
    dict
        ``"curve"`` (the risk, Line2D), ``"minima"`` (circles at
        :func:`ucsd_local_minima`), ``"global"`` (a star at
        :func:`ucsd_global_minimizer`) and ``"data"`` (ticks along the bottom).

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> drawn = plot_ucsd_risk(erm.load_salaries(), 21_000, ax=Figure().subplots())
    >>> drawn["minima"].get_xdata().round(-2), drawn["global"].get_xdata().round(-2)
    (array([ 95600., 158700.]), array([95600.]))
    """
    sigma = erm.check_positive("sigma", sigma)
    y = erm.as_data(y)
    h = even_h_grid(y, h)
    (ax,) = panels_or_new(ax, 1, panel=(WIDE, 3.6))
    minima = erm.ucsd_local_minima(y, sigma)
    best = erm.ucsd_global_minimizer(y, sigma)
    values = erm.ucsd_risk(h, y, sigma)
    (curve,) = ax.plot(h, values, color=COLORS["risk"], lw=1.8, label="UCSD risk")
    (marks,) = ax.plot(minima, erm.ucsd_risk(minima, y, sigma), MARKERS["local minimum"],
                       mfc="none", color=COLORS["local minimum"], ms=9, mew=1.8,
                       label="local minima")
    (star,) = ax.plot([best], [erm.ucsd_risk(best, y, sigma)], MARKERS["global minimum"],
                      color=COLORS["global minimum"], mec="black", mew=0.6, ms=14,
                      zorder=4, label="global minimum")
    rug = data_rug(ax, y)
    # Room below the curve for the data ticks, so they never hide the minima.
    low, high = float(values.min()), float(values.max())
    spread = high - low or 0.1
    ax.set_ylim(low - 0.22 * spread, high + 0.06 * spread)
    count = minima.size
    # "\\$" keeps matplotlib from reading the text between two dollar signs as math.
    ax.set_title(f"σ = {money(sigma)}: {count} local minim{'um' if count == 1 else 'a'}\n"
                 f"global at {money(best)}".replace("$", r"\$"), fontsize=FONT_SIZE)
    ax.set(xlabel="prediction h", ylabel="UCSD risk " + R_UCSD)
    money_ticks(ax.xaxis, nbins=3)
    plain_ticks(ax.yaxis)
    if legend:
        _legend_below(ax.figure, [curve, marks, star, rug], ncols=4)
    return {"curve": curve, "minima": marks, "global": star, "data": rug}


def plot_ucsd_risk_grid(y, sigmas=UCSD_SIGMAS, *, axes=None, h=None, ncols=2):
    """Small multiples: the UCSD risk of ``y`` at several sigmas, one panel each.

    Each panel is :func:`plot_ucsd_risk`; one legend for all sits below them. Used in
    notebook 04 (the five salaries and the professors).

    Parameters
    ----------
    y : array_like, 1-D
        The data.
    sigmas : sequence of float, optional
        One panel per scale; by default the course's four, :data:`UCSD_SIGMAS`.
    axes : array of matplotlib Axes, optional
        At least ``len(sigmas)`` axes; by default a new figure with ``ncols`` columns.
    h : array_like, optional
        Predictions to draw at, the same in every panel.
    ncols : int, optional
        Columns of a new figure.

    Returns
    -------
    list of dict
        One :func:`plot_ucsd_risk` result per sigma, in order.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> panels = plot_ucsd_risk_grid(erm.load_salaries(), axes=Figure().subplots(2, 2))
    >>> [p["minima"].get_xdata().size for p in panels]
    [3, 3, 3, 2]
    """
    y = erm.as_data(y)
    sigmas = [erm.check_positive("sigma", s) for s in sigmas]
    if not sigmas:
        raise ValueError("sigmas must hold at least one scale")
    ncols = erm.check_count("ncols", ncols)
    h = even_h_grid(y, h)
    axes = panels_or_new(axes, len(sigmas), ncols, panel=(PANEL, 2.8))
    panels = [plot_ucsd_risk(y, s, ax=ax, h=h, legend=False) for s, ax in zip(sigmas, axes)]
    for ax in axes:
        if not _first_column(ax):
            ax.set_ylabel("")
    # One legend for all panels, below them (inside any panel it would hide a curve).
    first = panels[0]
    _legend_below(axes[0].figure, [first["curve"], first["minima"], first["global"],
                                   first["data"]], ncols=4)
    return panels


def _first_column(ax):
    """True unless ``ax`` is a grid panel right of the first column."""
    spec = ax.get_subplotspec()
    return spec is None or spec.is_first_col()


def plot_ucsd_derivative(y, sigma, *, ax=None, h=None, points=25, step=None):
    r"""The slope of the UCSD risk across the predictions h: the formula drawn as a line,
    and open circles of finite differences that lie on it.

    The circles are :math:`(R(h + d) - R(h - d)) / 2d` at ``points`` predictions. Where the
    line crosses zero the risk has a minimum or a hilltop. Used in notebook 04.

    Parameters
    ----------
    y : array_like, 1-D
        The data.
    sigma : float
        Scale in dollars; positive.
    ax : matplotlib Axes, optional
        Where to draw; by default a new figure.
    h : array_like, optional
        Predictions to draw the line at; by default as in :func:`plot_ucsd_risk`.
    points : int, optional
        How many finite-difference dots, evenly spaced over ``h``.
    step : float, optional
        The difference step ``d`` in dollars; by default ``sigma / 1000``.

    Returns
    -------
    dict
        ``"formula"`` (Line2D of the derivative), ``"finite_difference"`` (the dots) and
        ``"zero"`` (the horizontal line at 0).

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> drawn = plot_ucsd_derivative(erm.load_salaries(), 21_000, ax=Figure().subplots())
    >>> x, slope = drawn["finite_difference"].get_data()
    >>> bool(np.allclose(slope, erm.ucsd_risk_derivative(x, erm.load_salaries(), 21_000)))
    True
    """
    sigma = erm.check_positive("sigma", sigma)
    y = erm.as_data(y)
    points = erm.check_count("points", points)
    step = sigma / 1000 if step is None else erm.check_positive("step", step)
    h = even_h_grid(y, h)
    (ax,) = panels_or_new(ax, 1, panel=(WIDE, 3.6))
    dots = np.linspace(h.min(), h.max(), points)
    numeric = (erm.ucsd_risk(dots + step, y, sigma)
               - erm.ucsd_risk(dots - step, y, sigma)) / (2 * step)
    zero = ax.axhline(0.0, color="0.5", lw=1)
    (formula,) = ax.plot(h, erm.ucsd_risk_derivative(h, y, sigma), color=COLORS["risk"],
                         lw=1.8, label=r"the formula for $R_{\mathrm{ucsd}}'(h)$")
    d = money(step, 0 if float(step).is_integer() else 2).replace("$", r"\$")
    (fd,) = ax.plot(dots, numeric, MARKERS["check"], mfc="none", color=COLORS["check"],
                    mew=1.5, ms=6, label=f"central differences, d = {d}")
    data_rug(ax, y)
    ax.set_xlabel("prediction h")
    # Slopes of about 1e-5 per dollar: ticks in millionths, the unit in the label.
    scaled_ticks(ax.yaxis, 1e-6)
    ax.set_ylabel(r"$R_{\mathrm{ucsd}}'(h)$  (millionths per dollar)")
    ax.set_title(f"Derivative of the UCSD risk, σ = {money(sigma)}", fontsize=FONT_SIZE + 1)
    money_ticks(ax.xaxis, nbins=6)
    _legend_below(ax.figure, [formula, fd], ncols=2)
    return {"formula": formula, "finite_difference": fd, "zero": zero}


def _risk_and_derivative(y, risk, sigma):
    """(risk, derivative, name) of the squared or the UCSD risk of ``y`` (checked)."""
    if risk == "squared":
        return ((lambda h: erm.squared_risk(h, y)),
                (lambda h: erm.squared_risk_derivative(h, y)),
                "squared risk")
    if risk == "ucsd":
        if sigma is None:
            raise ValueError("the UCSD risk needs sigma")
        sigma = erm.check_positive("sigma", sigma)
        return ((lambda h: erm.ucsd_risk(h, y, sigma)),
                (lambda h: erm.ucsd_risk_derivative(h, y, sigma)),
                f"UCSD risk, σ = {money(sigma)}")
    raise ValueError(f"risk must be 'squared' or 'ucsd', got {risk!r}")


def _descent_runs(alphas, h0):
    """Pairs (alpha, h0), broadcast: either may be one number or a 1-D sequence."""
    alphas = erm.as_numbers(alphas, "alphas")
    h0 = erm.as_numbers(h0, "h0")
    if alphas.ndim > 1 or h0.ndim > 1:
        raise ValueError("alphas and h0 must be numbers or 1-D sequences")
    try:
        alphas, h0 = np.broadcast_arrays(np.atleast_1d(alphas), np.atleast_1d(h0))
    except ValueError:
        raise ValueError(f"alphas ({alphas.size}) and h0 ({h0.size}) must have the same "
                         "length, or one of them be a single number") from None
    if alphas.size == 0:
        raise ValueError("alphas must hold at least one learning rate")
    for a in alphas:
        erm.check_positive("alpha", float(a))
    return [(float(a), float(s)) for a, s in zip(alphas, h0)]


def _zoom_on(path, R, h, sigma):
    """The stretch of h a descent path covers, widened on each side by half its width
    and at least by sigma (UCSD) or a twentieth of the curve's range; the risk there."""
    reach = max(float(np.ptp(path)) / 2, sigma if sigma else 0.05 * float(np.ptp(h)))
    xs = np.linspace(float(path.min()) - reach, float(path.max()) + reach, 801)
    return xs, R(xs)


def _descent_panel(ax, R, result, alpha, view, zoomed, whole, sigma):
    """One panel of :func:`plot_descent_paths`: the curve ``view``, the path, the start."""
    xs, ys = view
    bottom, top = float(ys.min()), float(ys.max())
    spread = top - bottom
    whole_spread = float(np.ptp(whole[1])) or 1.0
    margin = 0.06 * spread if spread > 0 else (1e-3 if zoomed else 0.06 * whole_spread)
    (curve,) = ax.plot(xs, ys, color=COLORS["risk"], lw=1.5, label="risk")
    with np.errstate(over="ignore"):   # a diverged path's risk may be huge; never drawn
        path_risk = R(result.path)
    (path,) = ax.plot(result.path, path_risk, "-" + MARKERS["iterates"],
                      color=COLORS["iterates"], ms=3.5, lw=1, label="iterates, in order")
    start = float(result.path[0])
    (first,) = ax.plot([start], [R(start)], MARKERS["start"], color=COLORS["start"],
                       ms=7, zorder=4, label="start h₀")
    window = (float(xs.min()), float(xs.max()))
    ax.set_xlim(*window)
    ax.set_ylim(bottom - margin, top + margin)
    rate = f"α = {alpha / sigma ** 2:g}σ²" if sigma else f"α = {alpha:g}"
    title = f"{rate}, h₀ = {money(start)}\n{_outcome_line(result)}"
    ax.set_title(title.replace("$", r"\$"), fontsize=FONT_SIZE)
    ax.set_xlabel("prediction h" + (" (zoomed)" if zoomed else ""))
    money_ticks(ax.xaxis, nbins=3)
    if sigma:
        plain_ticks(ax.yaxis)
    else:
        scaled_ticks(ax.yaxis, 1e9)
    return {"curve": curve, "path": path, "start": first, "result": result,
            "window": window}


def _outcome_line(result):
    """How a run ended, in a few words for a panel's title."""
    steps = f"{result.steps:,} step{'' if result.steps == 1 else 's'}"
    if result.outcome == "converged":
        return f"converged at {money(result.h)} in {steps}"
    if result.outcome == "oscillating":
        return f"oscillating at the cap of {steps}"
    if result.outcome == "max_iter":
        return f"still moving at the cap of {steps}"
    return f"diverged after {steps}"


def plot_descent_paths(y, alphas, h0, *, risk="squared", sigma=None, tol=1e-6,
                       max_iter=500, axes=None, h=None, ncols=2, zoom=False):
    r"""Small multiples, two panels a row: gradient descent drawn on the risk curve, one
    panel per run, with its start, its iterates joined in order, and how it ended.

    Each panel runs :func:`gradient_descent` on the squared or the UCSD risk of ``y``; a
    diverging path runs off the panel. Used in notebook 05.

    Parameters
    ----------
    y : array_like, 1-D
        The data.
    alphas : float or sequence of float
        Learning rates, one panel each (positive).
    h0 : float or sequence of float
        Starts: one for all panels, or one per alpha.
    risk : {"squared", "ucsd"}
        Which risk to descend.
    sigma : float, optional
        Scale of the UCSD risk (needed for ``risk="ucsd"``; titles give alpha in sigma²).
    tol, max_iter : optional
        Passed to :func:`gradient_descent`.
    axes, h, ncols : optional
        Axes (one per run; by default a new figure with ``ncols`` columns) and the
        predictions to draw the curve at.
    zoom : bool or sequence of bool, optional
        Per run (or one for all): show only the path and the valley it ends in, with the
        vertical axis fitted to the curve there. Ignored for a diverged run.

    Returns
    -------
    list of dict
        Per run: ``"curve"`` and ``"path"`` (Line2D), ``"start"`` (the marker at h0),
        ``"result"`` (the :class:`DescentResult`) and ``"window"`` (the h range shown).

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> y = erm.load_salaries()
    >>> runs = plot_descent_paths(y, [0.5, 1.5], 150_000, axes=Figure().subplots(1, 2))
    >>> runs[0]["path"].get_xdata(), runs[1]["result"].outcome
    (array([150000., 112000., 112000.]), 'diverged')
    """
    y = erm.as_data(y)
    R, dR, _ = _risk_and_derivative(y, risk, sigma)
    runs = _descent_runs(alphas, h0)
    ncols = erm.check_count("ncols", ncols)
    zooms = np.broadcast_to(np.asarray(zoom, dtype=bool), (len(runs),))
    h = even_h_grid(y, h, extra=[start for _, start in runs])
    whole = (h, R(h))
    axes = panels_or_new(axes, len(runs), ncols, panel=(PANEL, 2.6))
    scale = sigma if risk == "ucsd" else None
    drawn = []
    for (alpha, start), ax, zoomed in zip(runs, axes, zooms):
        result = erm.gradient_descent(dR, start, alpha, tol=tol, max_iter=max_iter)
        zoomed = zoomed and not result.diverged
        view = _zoom_on(result.path, R, h, scale) if zoomed else whole
        drawn.append(_descent_panel(ax, R, result, alpha, view, zoomed, whole, scale))
    _label_and_legend(axes, drawn, risk)
    return drawn


def _label_and_legend(axes, drawn, risk):
    """The risk's name on the panels of the first column; one legend below them all."""
    for ax in filter(_first_column, axes):
        ax.set_ylabel("UCSD risk" if risk == "ucsd" else "squared risk\n(billions of dollars²)")
    _legend_below(axes[0].figure, [drawn[0][k] for k in ("curve", "start", "path")], ncols=3)


def plot_descent_errors(y, alphas, h0, *, tol=1e-6, max_iter=40, ax=None):
    r"""The distance from the mean after each step of descent on the squared risk, on a
    log scale: measured markers on the predicted straight dashed lines, one colour per α.

    The prediction is :math:`|1 - 2\alpha|^i \, |h_0 - \bar y|`; an error of exactly 0
    cannot sit on a log scale and is left out. Used in notebook 05.

    Parameters
    ----------
    y : array_like, 1-D
        The data.
    alphas : float or sequence of float
        Learning rates (positive), one pair of lines each.
    h0 : float or sequence of float
        Starts: one for all, or one per alpha.
    tol, max_iter : optional
        Passed to :func:`gradient_descent`; the default cap keeps the picture short.
    ax : matplotlib Axes, optional
        Where to draw; by default a new figure.

    Returns
    -------
    list of dict
        Per alpha: ``"measured"`` and ``"predicted"`` (Line2D) and ``"result"``.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> runs = plot_descent_errors(erm.load_salaries(), 0.25, 150_000, ax=Figure().subplots())
    >>> runs[0]["measured"].get_ydata()[:3]
    array([38000., 19000.,  9500.])
    """
    y = erm.as_data(y)
    mean = erm.squared_risk_minimizer(y)
    runs = _descent_runs(alphas, h0)
    (ax,) = panels_or_new(ax, 1, panel=(WIDE, 4.0))
    drawn = []
    for k, (alpha, start) in enumerate(runs):
        result = erm.gradient_descent(lambda h: erm.squared_risk_derivative(h, y), start,
                                      alpha, tol=tol, max_iter=max_iter)
        steps = np.arange(result.path.size)
        error = np.abs(result.path - mean)
        with np.errstate(over="ignore"):
            predicted = np.abs(1 - 2 * alpha) ** steps * abs(start - mean)
        label = f"α = {alpha:g}"
        if np.any(error == 0):
            label += f" (error 0 from step {int(np.argmax(error == 0))})"
        color, _, marker = SERIES[k % len(SERIES)]
        (pred,) = ax.plot(steps, np.where(predicted > 0, predicted, np.nan), "--",
                          color=color, lw=1)
        (meas,) = ax.plot(steps, np.where(error > 0, error, np.nan), marker, color=color,
                          ms=4, label=label)
        drawn.append({"measured": meas, "predicted": pred, "result": result})
    ax.set_yscale("log")
    ax.set_xlabel("step i")
    ax.set_ylabel(r"error $|h_i - \bar{y}|$  (dollars)")
    ax.set_title(r"Error per step: markers measured, dashes predicted "
                 r"$|1 - 2\alpha|^i\,|h_0 - \bar{y}|$", fontsize=FONT_SIZE + 1)
    _legend_below(ax.figure, [run["measured"] for run in drawn], ncols=3)
    return drawn
