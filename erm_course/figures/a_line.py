"""Static figures of notebook 08: a line through the professors' salaries.

Stored as PNG in the notebook, so they teach without a running kernel. Each function
takes ``ax=None`` (or ``axes=None``): without axes it makes a new pyplot figure. Each
returns what it drew, so the tests can compare the data drawn with :mod:`erm_helpers`.

The pieces the two explorers of :mod:`erm_course.line_explorers` share with the figures
are here too: the feature for each choice of x (:func:`scaled_feature`), the view of the
parameters around a run (:func:`descent_view`), and the drawing of a risk's contours
(:func:`draw_risk_contours`), so that a slider and its static fallback look alike.
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.ticker import MaxNLocator

import erm_fast as fast
import erm_helpers as erm
from erm_course.formatting import money
from erm_course.style import (COLORS, FIGURE_DPI, MARKERS, money_ticks, panels_or_new,
                              plain_ticks)
from erm_course.tables import DECADES, bin_means

__all__ = ["RANKS", "SCALINGS", "CONTOUR_LEVELS", "scaled_feature", "weight_labels",
           "descent_view", "draw_risk_contours", "draw_line_data", "residual_segments",
           "line_readout", "sample_steps", "plot_salaries_by_rank", "plot_line_surface",
           "plot_line_settings", "plot_line_descent_paths", "plot_residuals_by_bin",
           "plot_quadratic_fit", "plot_within_rank_lines", "plot_inverted_regression"]

#: The professors' ranks as the data name them, and the role (colour, marker) of each.
RANKS = {"AsstProf": "assistant", "AssocProf": "associate", "Prof": "full"}

#: The three choices of feature for descent: x itself, x - mean, (x - mean) / std.
SCALINGS = {"raw": "raw x", "centred": "centred x", "standardized": "standardized x"}

#: Contours of a line's risk: at these multiples of its smallest value.
CONTOUR_LEVELS = (1.02, 1.1, 1.3, 2.0, 4.0, 11.0, 31.0)

_YEARS = "years since the PhD"
_SALARY = "nine-month salary"


def scaled_feature(x, scaling):
    """The feature descent works with, and how to map its weights back to x.

    Returns ``(z, shift, scale)`` with ``z = (x - shift) / scale``: ``raw`` keeps x
    (shift 0, scale 1), ``centred`` subtracts the mean, ``standardized`` also divides by
    the standard deviation (with 1/n). A line ``c0 + c1 z`` is the line
    ``(c0 - c1 shift / scale) + (c1 / scale) x``.
    """
    x = erm.as_numbers(x, "x")
    if scaling not in SCALINGS:
        raise ValueError(f"scaling must be one of {', '.join(SCALINGS)}, got {scaling!r}")
    shift = 0.0 if scaling == "raw" else float(np.mean(x))
    scale = float(np.std(x)) if scaling == "standardized" else 1.0
    return (x - shift) / scale, shift, scale


def weight_labels(scaling, scale):
    """Axis labels of the two weights for a choice of feature: w0, w1 for x itself, and
    v0, v1 for the line v0 + v1 z of a centred or standardized feature z."""
    if scaling == "standardized":
        return "v₀ (dollars)", f"v₁ (dollars per {scale:.1f} years)"
    if scaling == "centred":
        return "v₀ (dollars)", "v₁ (dollars per year)"
    return "w₀ (dollars)", "w₁ (dollars per year)"


def descent_view(moments, start, pad=0.1):
    """Limits ``((w0_low, w0_high), (w1_low, w1_high))`` for a descent from ``start``.

    They hold the start, the best weights and, in a long valley, where descent turns
    into it: the start's projection on the valley's axis (the flattest direction through
    the minimum), with room for a first step that overshoots it by half as much again.
    When both weights are in dollars (standardized x, where the valley is round) the view
    is square, so that circles look round.
    """
    best = np.array(_best(moments))
    start = np.asarray(start, dtype=float)
    values, vectors = np.linalg.eigh(_hessian(moments))
    corners = [start, best]
    if values[0] < 0.5 * values[1]:            # a long valley: descent turns into it
        flat = vectors[:, 0]
        turn = best + flat * (flat @ (start - best))
        corners += [turn, turn + 0.5 * (turn - start)]
    corners = np.array(corners)
    low, high = corners.min(axis=0), corners.max(axis=0)
    if values[0] == values[1] or np.isclose(values[0], values[1], rtol=1e-9):
        centre, half = (low + high) / 2, (high - low).max() / 2
        low, high = centre - half, centre + half
    margin = pad * np.maximum(high - low, 1e-9 + 0.05 * np.abs(best))
    return tuple((float(a), float(b)) for a, b in zip(low - margin, high + margin))


def _best(moments):
    w1 = moments.sxy / moments.sxx
    return moments.ybar - w1 * moments.xbar, w1


def _hessian(moments):
    """2 [[1, x̄], [x̄, mean x²]], from the moments (mean x² = S_xx + x̄²)."""
    xbar = moments.xbar
    return 2.0 * np.array([[1.0, xbar], [xbar, moments.sxx + xbar * xbar]])


def draw_risk_contours(ax, moments, w0_range, w1_range, *, floor=True, num=240):
    """Contours of the mean squared error over ``(w0, w1)`` at :data:`CONTOUR_LEVELS`
    times its minimum, the minimum as a star and, if ``floor``, the valley floor: for each
    w1 the best w0, which puts the line through the point of means. Returns the artists."""
    w0 = np.linspace(*w0_range, num)
    w1 = np.linspace(*w1_range, num)
    surface = moments.risk(w0[None, :], w1[:, None])
    best = _best(moments)
    smallest = float(moments.risk(*best))
    contours = ax.contour(w0, w1, surface, levels=smallest * np.array(CONTOUR_LEVELS),
                          colors="0.55", linewidths=0.8)
    drawn = {"contours": contours}
    if floor:
        (drawn["floor"],) = ax.plot(moments.ybar - w1 * moments.xbar, w1, ls="--", lw=1.4,
                                    color=COLORS["floor"], label="valley floor")
    (drawn["best"],) = ax.plot([best[0]], [best[1]], MARKERS["global minimum"], ms=13,
                               color=COLORS["global minimum"], mec="black", mew=0.5,
                               label="the best line")
    ax.set(xlim=w0_range, ylim=w1_range)
    return drawn


# --------------------------------------------------------------------------------------
# The data
# --------------------------------------------------------------------------------------

def _scatter_by_rank(ax, x, y, rank, size=14):
    dots = {}
    for name, role in RANKS.items():
        inside = rank == name
        dots[name] = ax.scatter(x[inside], y[inside], s=size, marker=MARKERS[role],
                                color=COLORS[role], alpha=0.75, linewidths=0,
                                label=f"{role} professors")
    return dots


def _salary_axes(ax, title=None):
    ax.set_xlabel(_YEARS)
    ax.set_ylabel(_SALARY + " (dollars)")
    money_ticks(ax.yaxis, nbins=5)
    if title:
        ax.set_title(title)


def _legend_below(ax, ncol):
    """A legend under the figure, never over the data."""
    return ax.figure.legend(*ax.get_legend_handles_labels(), loc="outside lower center",
                            ncol=ncol, frameon=False, markerscale=1.6)


def _checked(x, y, rank=None):
    x, y = erm.as_xy(x, y)
    if rank is None:
        return x, y
    rank = np.asarray(rank)
    if rank.shape != x.shape:
        raise ValueError(f"rank must have one entry per point, got shape {rank.shape}")
    return x, y, rank


def plot_salaries_by_rank(x, y, rank, *, ax=None):
    """Salary against years since the PhD for every professor, coloured and shaped by
    rank, with the mean salary of each decade of years joined by a black line.

    Used in notebook 08. Returns ``"dots"`` (per rank), ``"means"`` (the Line2D of the
    binned means) and ``"table"`` (:func:`erm_course.tables.bin_means`).
    """
    x, y, rank = _checked(x, y, rank)
    (ax,) = panels_or_new(ax, 1, panel=(6.4, 4.0))
    dots = _scatter_by_rank(ax, x, y, rank)
    table = bin_means(x, y, DECADES)
    (means,) = ax.plot(table["mean x"], table["mean"], "-" + MARKERS["binned mean"],
                       color=COLORS["data"], lw=2, ms=7, label="mean salary per decade")
    _salary_axes(ax, "Salary against years since the PhD")
    _legend_below(ax, ncol=2)
    return {"dots": dots, "means": means, "table": table}


# --------------------------------------------------------------------------------------
# The surface, and the (w0, w1) explorer's fallback
# --------------------------------------------------------------------------------------

def plot_line_surface(x, y, *, w0_range=(0.0, 200_000.0), w1_range=(-2_000.0, 4_000.0),
                      axes=None):
    """The mean squared error of every line as a surface over (w0, w1), and its contours
    with the valley floor (the lines through the point of means) and the best line.

    Used in notebook 08. ``axes``: a 3-D axes and a flat one. Returns ``"surface"``,
    ``"contours"``, ``"floor"`` and ``"best"``.
    """
    moments = fast.LineMoments(*_checked(x, y))
    if axes is None:
        fig = plt.figure(figsize=(6.4, 3.3), dpi=FIGURE_DPI, layout="constrained")
        fig.get_layout_engine().set(wspace=0.12)       # room for the 3-D axes' labels
        axes = [fig.add_subplot(1, 2, 1, projection="3d"), fig.add_subplot(1, 2, 2)]
    solid, flat = axes
    w0 = np.linspace(*w0_range, 60)
    w1 = np.linspace(*w1_range, 60)
    surface = solid.plot_surface(w0[None, :] / 1e3, w1[:, None] / 1e3,
                                 moments.risk(w0[None, :], w1[:, None]) / 1e9,
                                 cmap="viridis", linewidth=0, antialiased=True)
    solid.set_xlabel(r"w₀ (\$1,000s)", labelpad=-3)
    solid.set_ylabel(r"w₁ (\$1,000s/year)", labelpad=1)
    solid.set_zlabel(r"R (10⁹ \$²)", labelpad=-5)
    solid.tick_params(pad=-2)
    for axis in (solid.xaxis, solid.yaxis, solid.zaxis):
        axis.set_major_locator(MaxNLocator(3))
    solid.view_init(elev=28, azim=-60)
    solid.set_title("the surface R(w₀, w₁)")
    drawn = draw_risk_contours(flat, moments, w0_range, w1_range)
    flat.set(xlabel="w₀ (intercept)", ylabel="w₁ (dollars per year)", title="its contours")
    money_ticks(flat.xaxis, nbins=3)
    plain_ticks(flat.yaxis)
    _legend_below(flat, ncol=2)
    return {"surface": surface, **drawn}


def draw_line_data(ax, x, y):
    """The still part of a data panel: the points, labelled axes, dollar ticks."""
    dots = ax.scatter(x, y, s=9, color=COLORS["data"], alpha=0.55, linewidths=0,
                      label="professors")
    ax.set_xlim(0, 1.05 * float(x.max()))
    ax.set_ylim(0, 1.05 * float(y.max()))
    _salary_axes(ax)
    return dots


def residual_segments(x, y, w0, w1):
    """The vertical segments from each point to the line, as the x and y data of one
    Line2D: ``x_i, x_i, nan`` and ``y_i, h(x_i), nan`` for each point (a nan breaks the
    line, so one path draws all n segments: much quicker than n paths)."""
    gap = np.full_like(x, np.nan)
    return (np.column_stack([x, x, gap]).ravel(),
            np.column_stack([y, w0 + w1 * x, gap]).ravel())


def line_readout(w0, w1, risk, variance):
    """What the (w0, w1) explorer and its fallback say about one line."""
    return (f"w₀ = {money(w0)} · w₁ = {money(w1)} per year · MSE = {risk:.4e} dollars² · "
            f"{risk / variance:.3f} × the constant model's {variance:.4e}")


def plot_line_settings(x, y, lines, *, w0_range=(0.0, 200_000.0),
                       w1_range=(-2_000.0, 4_000.0), axes=None):
    """The (w0, w1) explorer at several settings, one row each: on the left the data,
    the line and each point's residual; on the right the contours of the risk with the
    line's (w0, w1) as a dot.

    Used in notebook 08 (the static fallback of ``line_explorer``). ``lines`` is a list
    of ``(w0, w1)``. Returns per row ``"line"``, ``"residuals"``, ``"point"`` and
    ``"risk"``.
    """
    x, y = _checked(x, y)
    lines = [tuple(float(v) for v in erm.as_numbers(line, "line")) for line in lines]
    moments = fast.LineMoments(x, y)
    variance = moments.syy
    axes = panels_or_new(axes, 2 * len(lines), ncols=2, panel=(3.2, 2.7))
    grid = np.array([0.0, 1.05 * float(x.max())])
    drawn = []
    for k, (w0, w1) in enumerate(lines):
        data_ax, map_ax = axes[2 * k], axes[2 * k + 1]
        draw_line_data(data_ax, x, y)
        (residuals,) = data_ax.plot(*residual_segments(x, y, w0, w1),
                                    color=COLORS["residual"], lw=0.6)
        (line,) = data_ax.plot(grid, w0 + w1 * grid, color=COLORS["line"], lw=2)
        draw_risk_contours(map_ax, moments, w0_range, w1_range)
        (point,) = map_ax.plot([w0], [w1], MARKERS["current"], color=COLORS["current"],
                               ms=9, mec="black", mew=0.6)
        map_ax.set(xlabel="w₀ (intercept)", ylabel="w₁ ($ per year)")
        money_ticks(map_ax.xaxis, nbins=3)
        plain_ticks(map_ax.yaxis)
        risk = float(moments.risk(w0, w1))
        data_ax.set_title(f"{money(w0)} + {money(w1)}·x".replace("$", r"\$"))
        map_ax.set_title(f"MSE {risk / variance:.3f} × the variance")
        drawn.append({"line": line, "residuals": residuals, "point": point, "risk": risk})
    point.set_label("the line's (w₀, w₁)")
    _legend_below(axes[-1], ncol=3)
    return drawn


# --------------------------------------------------------------------------------------
# Descent in two dimensions: the fallback of the descent explorer
# --------------------------------------------------------------------------------------

def plot_line_descent_paths(x, y, runs, *, start=(0.0, 0.0), tol=1e-6, max_iter=100_000,
                            axes=None):
    """Gradient descent on the line's risk for several choices of x and learning rate,
    each panel the contours of the risk over that feature's two weights with the path
    of the iterates from the start (a square) to where the run stopped.

    Used in notebook 08 (the static fallback of ``line_descent_explorer``). ``runs`` is
    a list of ``(scaling, alpha)`` with scaling "raw", "centred" or "standardized";
    each runs :func:`erm_helpers.gradient_descent`. Returns per panel ``"path"``,
    ``"start"`` and ``"result"``.
    """
    x, y = _checked(x, y)
    axes = panels_or_new(axes, len(runs), ncols=2, panel=(3.2, 3.0))
    drawn = []
    for (scaling, alpha), ax in zip(runs, axes):
        z, _, scale = scaled_feature(x, scaling)
        moments = fast.LineMoments(z, y)
        result = erm.gradient_descent(lambda w, z=z: erm.line_risk_gradient(w[0], w[1], z, y),
                                      start, alpha, tol=tol, max_iter=max_iter)
        w0_range, w1_range = descent_view(moments, start)
        draw_risk_contours(ax, moments, w0_range, w1_range, floor=False)
        path = result.path[sample_steps(result.steps)]
        if result.diverged:              # draw it until it is far out of the picture
            centre = np.mean([w0_range, w1_range], axis=1)
            span = np.array([w0_range[1] - w0_range[0], w1_range[1] - w1_range[0]])
            inside = np.all(np.abs(path - centre) <= 2 * span, axis=1)
            path = path[:int(np.argmin(inside)) + 1] if not inside.all() else path
        (line,) = ax.plot(path[:, 0], path[:, 1], "-" + MARKERS["iterates"], ms=2.5, lw=0.8,
                          color=COLORS["iterates"])
        (begin,) = ax.plot([start[0]], [start[1]], MARKERS["start"], ms=8,
                           color=COLORS["start"])
        labels = weight_labels(scaling, scale)
        ax.set(xlabel=labels[0], ylabel=labels[1], xlim=w0_range, ylim=w1_range)
        money_ticks(ax.xaxis, nbins=3)
        if scaling == "standardized":       # both weights in dollars: circles look round
            ax.set_aspect("equal")
            money_ticks(ax.yaxis, nbins=4)
        else:
            plain_ticks(ax.yaxis)
        ax.set_title(f"{SCALINGS[scaling]}, α = {alpha:g}\n{result.steps:,} steps, "
                     f"{erm.OUTCOMES[result.outcome]}")
        drawn.append({"path": line, "start": begin, "result": result})
    return drawn


def sample_steps(steps, first=400, later=600):
    """The step numbers to draw of a run of ``steps`` steps: every one up to ``first``,
    then ``later`` more spread evenly on a log scale, and the last."""
    if steps <= first + later:
        return np.arange(steps + 1)
    rest = np.geomspace(first, steps, later).astype(int)
    return np.unique(np.concatenate([np.arange(first), rest, [steps]]))


# --------------------------------------------------------------------------------------
# What the line misses, and what its slope is not
# --------------------------------------------------------------------------------------

def plot_residuals_by_bin(x, y, *, ax=None):
    """The residuals of the least-squares line against years since the PhD, with the
    mean residual of each decade drawn as a black bar across it.

    Used in notebook 08. Returns ``"residuals"``, ``"bars"`` and ``"table"``.
    """
    x, y = _checked(x, y)
    w0, w1 = erm.least_squares_line(x, y)
    residuals = y - w0 - w1 * x
    (ax,) = panels_or_new(ax, 1, panel=(6.4, 3.4))
    dots = ax.scatter(x, residuals, s=9, color=COLORS["residual"], linewidths=0,
                      label="residual y − h(x)")
    ax.axhline(0.0, color="0.3", lw=0.8)
    table = bin_means(x, residuals, DECADES)
    bars = []
    for (low, high, label) in DECADES:
        if label in table.index:
            top = min(high, float(x.max()) + 1)
            (bar,) = ax.plot([low, top], [table.loc[label, "mean"]] * 2,
                             color=COLORS["data"], lw=3,
                             label="mean residual per decade" if not bars else None)
            bars.append(bar)
    ax.set_xlabel(_YEARS)
    ax.set_ylabel("residual (dollars)")
    money_ticks(ax.yaxis, nbins=5)
    ax.set_title("What the line misses")
    _legend_below(ax, ncol=2)
    return {"residuals": dots, "bars": bars, "table": table}


def plot_quadratic_fit(x, y, *, ax=None):
    """The professors with the least-squares line and the least-squares curve
    w0 + w1 x + w2 x², whose peak is marked by a dotted vertical line.

    Used in notebook 08. Returns ``"line"``, ``"curve"``, ``"peak"`` (in years) and
    ``"weights"`` (w0, w1, w2).
    """
    x, y = _checked(x, y)
    (ax,) = panels_or_new(ax, 1, panel=(6.4, 3.6))
    ax.scatter(x, y, s=9, color=COLORS["data"], alpha=0.45, linewidths=0, label="professors")
    grid = np.linspace(0.0, float(x.max()), 200)
    w0, w1 = erm.least_squares_line(x, y)
    weights = erm.least_squares_fit(np.column_stack([x, x * x]), y)
    (line,) = ax.plot(grid, w0 + w1 * grid, color=COLORS["line"], lw=2, label="line")
    (curve,) = ax.plot(grid, weights[0] + weights[1] * grid + weights[2] * grid ** 2,
                       color=COLORS["floor"], lw=2, ls="-.", label="with x² as a feature")
    peak = -weights[1] / (2 * weights[2])
    ax.axvline(peak, color="0.3", ls=":", lw=1.2, label=f"peak at {peak:.2f} years")
    _salary_axes(ax, "A line and a parabola")
    _legend_below(ax, ncol=2)
    return {"line": line, "curve": curve, "peak": float(peak), "weights": weights}


def plot_within_rank_lines(x, y, rank, *, ax=None):
    """The professors by rank, each rank with its own least-squares line over its own
    years, and the line of all 397 together, dashed.

    Used in notebook 08. Returns ``"lines"`` (per rank), ``"slopes"`` (per rank, dollars
    per year) and ``"overall"``.
    """
    x, y, rank = _checked(x, y, rank)
    (ax,) = panels_or_new(ax, 1, panel=(6.4, 4.0))
    _scatter_by_rank(ax, x, y, rank, size=10)
    lines, slopes = {}, {}
    for name, role in RANKS.items():
        inside = rank == name
        w0, w1 = erm.least_squares_line(x[inside], y[inside])
        span = np.array([x[inside].min(), x[inside].max()])
        (lines[name],) = ax.plot(span, w0 + w1 * span, color=COLORS[role], lw=2.5)
        lines[name].set_path_effects(_outlined())
        slopes[name] = w1
    w0, w1 = erm.least_squares_line(x, y)
    span = np.array([0.0, float(x.max())])
    (overall,) = ax.plot(span, w0 + w1 * span, color=COLORS["data"], lw=2, ls="--",
                         label="all ranks together")
    _salary_axes(ax, "One line per rank")
    _legend_below(ax, ncol=2)
    return {"lines": lines, "slopes": slopes, "overall": overall}


def _outlined():
    from matplotlib import patheffects
    return [patheffects.Stroke(linewidth=4, foreground="white"), patheffects.Normal()]


def plot_inverted_regression(x, y, *, ax=None):
    """Two least-squares lines through the same points: salary predicted from years
    (the line of this notebook) and years predicted from salary, drawn in the same axes;
    both pass through the point of means.

    Used in notebook 08. Returns ``"line"``, ``"inverted"`` and ``"slopes"`` (both in
    dollars per year).
    """
    x, y = _checked(x, y)
    (ax,) = panels_or_new(ax, 1, panel=(6.4, 3.8))
    ax.scatter(x, y, s=9, color=COLORS["data"], alpha=0.45, linewidths=0, label="professors")
    w0, w1 = erm.least_squares_line(x, y)
    b0, b1 = erm.least_squares_line(y, x)            # years = b0 + b1 salary
    salaries = np.array([float(y.min()), float(y.max())])
    grid = np.array([0.0, float(x.max())])
    (line,) = ax.plot(grid, w0 + w1 * grid, color=COLORS["line"], lw=2,
                      label=f"salary from years: {money(w1)}/year".replace("$", r"\$"))
    (inverted,) = ax.plot(b0 + b1 * salaries, salaries, color=COLORS["associate"], lw=2,
                          ls="-.",
                          label=f"years from salary: {money(1 / b1)}/year".replace("$", r"\$"))
    ax.plot([x.mean()], [y.mean()], "X", color=COLORS["current"], ms=10, mec="black",
            label="point of means")
    ax.set_xlim(0, 1.05 * float(x.max()))
    _salary_axes(ax, "Two lines, two questions")
    _legend_below(ax, ncol=2)
    return {"line": line, "inverted": inverted, "slopes": (w1, 1 / b1)}

