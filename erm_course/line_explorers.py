"""The sliders of notebook 08: a line's two weights, and gradient descent in two dimensions.

Each is an :class:`~erm_course.explorer.Explorer` with two panels whose axes stay put
while a slider moves, so every move blits only what moves:

- :func:`line_explorer`: sliders for w0 and w1. Left, the data with the line and each
  point's residual; right, the contours of the mean squared error over (w0, w1) with the
  sliders' point. The risk of a line costs O(1) (:class:`erm_fast.LineMoments`).
- :func:`line_descent_explorer`: a log-scale alpha slider and a choice of x (raw,
  centred, standardized). Left, the path of descent on that feature's contours; right, how
  far above its minimum the risk is after each step. A run can take 100,000 steps, far
  too many to loop over at every move, so :class:`LineDescent` computes the whole run at
  once: on a quadratic risk the error along each eigenvector of the Hessian is multiplied
  by ``1 - alpha * eigenvalue`` at every step. It stops and names the outcome by the rules
  of :func:`erm_helpers.gradient_descent`, and ``tests/test_line_explorers.py`` checks that
  the two agree.

Plain pytest drives an explorer by setting a control's ``value`` and reading the artists'
data (``tests/test_line_explorers.py``); the browser test drives the same widgets.

Used in notebook 08.
"""

from typing import NamedTuple

import ipywidgets as widgets
import numpy as np

import erm_fast as fast
import erm_helpers as erm
from erm_course.explorer import Explorer
from erm_course.figures.a_line import (SCALINGS, descent_view, draw_line_data,
                                       draw_risk_contours, line_readout, residual_segments,
                                       sample_steps, scaled_feature, weight_labels)
from erm_course.formatting import money, money_or_scientific
from erm_course.sliders import LRU, check_in_range, dollar_slider, log_stops, nearest_stop
from erm_course.sliders import slider_layout
from erm_course.style import COLORS, MARKERS, money_ticks, plain_ticks

__all__ = ["line_explorer", "line_descent_explorer", "LineExplorer", "LineDescentExplorer",
           "LineDescent", "alpha_stops"]

#: The learning rates the notebook discusses, besides each choice of x's limit 2 / λmax.
ALPHAS = (0.001, 0.0015, 0.0016, 0.005, 0.0065, 0.5, 1.1)

#: Where the excess risk is drawn when it is 0 or below: the bottom of its log axis.
EXCESS_FLOOR = 1e-8

#: Where the start (step 0) is drawn on the log axis of steps: its left edge.
START_AT = 0.6


def _two_panels(figure):
    figure.subplots_adjust(left=0.135, right=0.98, bottom=0.16, top=0.9, wspace=0.48)
    return figure.subplots(1, 2)


# --------------------------------------------------------------------------------------
# Descent on a line's risk, the whole run at once
# --------------------------------------------------------------------------------------

class LineDescent:
    """Fixed-step gradient descent on the mean squared error of ``w0 + w1 z``, computed
    without stepping through it.

    The risk is quadratic with Hessian H (:func:`erm_helpers.line_risk_hessian`), so with
    ``H = V diag(λ) Vᵀ`` the error of iterate k is ``V (μ^k ⊙ c0)``, where
    ``μ = 1 - α λ`` and ``c0 = Vᵀ (start - best)``, and step k has length
    ``‖α λ ⊙ μ^(k-1) ⊙ c0‖``. When no ``|μ|`` exceeds 1 the steps never grow and the
    iterates stay within ``‖c0‖`` of the best weights, so the run ends at the first step
    shorter than ``tol`` (found by bisection) or at the cap. Otherwise every iterate is
    computed, in blocks, until one stops the run. Either way the stopping rule and the
    outcomes are those of :func:`erm_helpers.gradient_descent`.
    """

    def __init__(self, z, y):
        self.best = np.array(erm.least_squares_line(z, y))
        self.hessian = erm.line_risk_hessian(z)
        self.values, self.vectors = np.linalg.eigh(self.hessian)
        #: The limit 2 / λmax: descent settles for every alpha below it, and no other.
        self.limit = 2.0 / float(self.values[-1])

    def excess(self, w):
        """R(w) - R(best) = ½ eᵀ H e for rows w, e = w - best: exact, no cancellation."""
        e = np.atleast_2d(w) - self.best
        return 0.5 * np.einsum("ki,ij,kj->k", e, self.hessian, e)

    def run(self, start, alpha, tol=1e-6, max_iter=100_000):
        """The run's ``steps``, ``outcome``, ``message`` and last iterate ``h``, with
        the iterates at the step numbers ``ks`` of :func:`sample_steps` as ``path``."""
        start = np.asarray(start, dtype=float)
        c0 = self.vectors.T @ (start - self.best)
        mu = 1.0 - alpha * self.values
        bound = 1e10 * max(1.0, float(np.linalg.norm(start)), self._length(c0, mu, alpha, 1))
        # |μ| within 1e-12 of 1 grows by under 1e-7 in 100,000 steps: as good as 1 (the
        # exact limit 2 / λmax can give -1.0000000000000002 after rounding).
        safe = np.all(np.abs(mu) <= 1.0 + 1e-12) and (np.linalg.norm(self.best)
                                                      + np.linalg.norm(c0) <= bound)
        if not safe:
            return self._scan(start, c0, mu, alpha, tol, max_iter, bound)
        steps = self._first_short_step(c0, mu, alpha, tol, max_iter)
        if steps is None:
            outcome, message = _at_the_cap(self._steps(c0, mu, alpha, [max_iter - 1, max_iter]),
                                           max_iter)
            steps = max_iter
        else:
            outcome = "converged"
            message = f"a step of {self._length(c0, mu, alpha, steps):.3g} < tol = {tol:g}"
        return self._sampled(start, c0, mu, steps, outcome, message)

    def _iterates(self, c0, mu, ks):
        with np.errstate(all="ignore"):
            return self.best + (c0 * np.power(mu, np.asarray(ks, float)[:, None])) @ self.vectors.T

    def _steps(self, c0, mu, alpha, ks):
        """Steps number ``ks`` (each k >= 1) in V's coordinates: -α λ ⊙ μ^(k-1) ⊙ c0."""
        with np.errstate(all="ignore"):
            return -alpha * self.values * c0 * np.power(mu, np.asarray(ks, float)[:, None] - 1)

    def _length(self, c0, mu, alpha, k):
        return float(np.linalg.norm(self._steps(c0, mu, alpha, [k])[0]))

    def _first_short_step(self, c0, mu, alpha, tol, max_iter):
        """The first k with a step shorter than tol (the lengths never grow), or None."""
        if self._length(c0, mu, alpha, max_iter) >= tol:
            return None
        low, high = 0, max_iter                     # step `high` is short, step `low` not
        while high - low > 1:
            middle = (low + high) // 2
            if self._length(c0, mu, alpha, middle) < tol:
                high = middle
            else:
                low = middle
        return high

    def _sampled(self, start, c0, mu, steps, outcome, message):
        ks = sample_steps(steps)
        path = self._iterates(c0, mu, ks)
        path[0] = start                        # exactly, not best + V Vᵀ (start - best)
        return LineRun(steps, outcome, message, path[-1], ks, path)

    def _scan(self, start, c0, mu, alpha, tol, max_iter, bound):
        """Every iterate, a block at a time, until one stops the run (steps that may grow)."""
        pieces, tail, first, size = [start[None, :]], np.empty((0, 2)), 1, 512
        with np.errstate(all="ignore"):          # a runaway is caught below, not warned of
            while first <= max_iter:
                k = np.arange(first, min(max_iter, first + size - 1) + 1)
                steps = self._steps(c0, mu, alpha, k)
                w = self._iterates(c0, mu, k)
                lengths = np.linalg.norm(steps, axis=1)
                sizes = np.linalg.norm(w, axis=1)
                finite = np.all(np.isfinite(w), axis=1)
                stop = ~finite | (sizes > bound) | (lengths < tol)
                if stop.any():
                    j = int(np.argmax(stop))
                    if not finite[j]:
                        return _whole(pieces + [w[:j]], "diverged",
                                      f"the next iterate is {_show(w[j])}")
                    if sizes[j] > bound:
                        return _whole(pieces + [w[:j + 1]], "diverged",
                                      f"|h| = {sizes[j]:.3g} passed the bound {bound:.3g}")
                    return _whole(pieces + [w[:j + 1]], "converged",
                                  f"a step of {lengths[j]:.3g} < tol = {tol:g}")
                pieces.append(w)
                tail = np.vstack([tail, steps])[-2:]
                first, size = int(k[-1]) + 1, size * 4
        return _whole(pieces, *_at_the_cap(tail, max_iter))


class LineRun(NamedTuple):
    """What :meth:`LineDescent.run` returns: as :class:`erm_helpers.DescentResult`, but with
    only the iterates at the step numbers ``ks`` in ``path`` (the first and last included)."""

    steps: int
    outcome: str
    message: str
    h: np.ndarray
    ks: np.ndarray
    path: np.ndarray


def _show(v):
    return "(" + ", ".join(f"{x:.6g}" for x in v) + ")"


def _whole(pieces, outcome, message):
    """A :class:`LineRun` from every iterate of a run, sampled as :func:`sample_steps`."""
    path = np.concatenate(pieces)
    ks = sample_steps(len(path) - 1)
    return LineRun(len(path) - 1, outcome, message, path[-1], ks, path[ks])


def _at_the_cap(tail, max_iter):
    """The outcome at the cap, by the rule of :func:`erm_helpers.gradient_descent`: steps
    that flip direction and grow diverge, flips of one size oscillate, the rest still move."""
    last = float(np.linalg.norm(tail[-1]))
    if len(tail) == 2 and float(tail[-1] @ tail[-2]) < 0:
        ratio = last / float(np.linalg.norm(tail[-2]))
        if ratio > 1 + 1e-6:
            return "diverged", (f"the steps flip direction and grow ({ratio:.6g} times each) "
                                f"at the cap of {max_iter}")
        if ratio >= 1 - 1e-6:
            return "oscillating", (f"the steps flip direction without shrinking at the cap "
                                   f"of {max_iter}")
    return "max_iter", f"still moving ({last:.3g} per step) at the cap of {max_iter}"


# --------------------------------------------------------------------------------------
# The (w0, w1) explorer
# --------------------------------------------------------------------------------------

class LineExplorer(Explorer):
    """Sliders for a line's two weights; see :func:`line_explorer`."""

    summary = "w₀ and w₁ sliders for a line through"

    def __init__(self, x, y, w0, w1, w0_range, w1_range):
        self.x = x
        self.moments = fast.LineMoments(x, y)
        self.variance = self.moments.syy          # the constant model's risk
        self.grid = np.array([0.0, 1.05 * float(x.max())])
        self.w0_slider = dollar_slider("w₀ ($)", w0, w0_range)
        self.w1_slider = dollar_slider("w₁ ($ per year)", w1, w1_range)
        super().__init__(y, [self.w0_slider, self.w1_slider], size=(7.6, 3.4), key=[
            ("●", "professors", COLORS["data"]), ("━", "line w₀ + w₁x", COLORS["line"]),
            ("│", "residuals", COLORS["residual"]), ("●", "(w₀, w₁)", COLORS["current"]),
            ("★", "best line", COLORS["global minimum"]),
            ("╌", "valley floor", COLORS["floor"])])
        self.ax, self.map_ax = _two_panels(self.figure)
        draw_line_data(self.ax, x, y)
        draw_risk_contours(self.map_ax, self.moments, w0_range[:2], w1_range[:2])
        self.map_ax.set(xlabel="w₀ (intercept)", ylabel="w₁ (dollars per year)")
        money_ticks(self.map_ax.xaxis, nbins=3)
        plain_ticks(self.map_ax.yaxis)
        (self.residuals,) = self.ax.plot(*residual_segments(x, y, w0, w1),
                                         color=COLORS["residual"], lw=0.6)
        (self.line,) = self.ax.plot(self.grid, self.grid, color=COLORS["line"], lw=2)
        (self.point,) = self.map_ax.plot([], [], MARKERS["current"], color=COLORS["current"],
                                         ms=9, mec="black", mew=0.6)
        self.add_moving(self.residuals, self.line, self.point)
        self.watch(self.w0_slider, self.w1_slider)

    @property
    def weights(self):
        """The sliders' (w0, w1)."""
        return float(self.w0_slider.value), float(self.w1_slider.value)

    def update_artists(self):
        w0, w1 = self.weights
        self.residuals.set_data(*residual_segments(self.x, self.y, w0, w1))
        self.line.set_ydata(w0 + w1 * self.grid)
        self.point.set_data([w0], [w1])
        return line_readout(w0, w1, float(self.moments.risk(w0, w1)), self.variance)


# --------------------------------------------------------------------------------------
# The descent explorer
# --------------------------------------------------------------------------------------

def alpha_stops(limits=()):
    """The alpha slider's stops, 10^-4 to 1 on a log scale: 100 per power of ten, the
    learning rates of :data:`ALPHAS`, and each ``limits`` value exactly."""
    return log_stops(-4, 0, tuple(ALPHAS) + tuple(limits), "")


class LineDescentExplorer(Explorer):
    """An alpha slider and a choice of x for descent on a line; see
    :func:`line_descent_explorer`."""

    summary = "an α slider for gradient descent on a line through"

    def __init__(self, x, y, alpha, scaling, start, max_iter):
        self.x, self.start, self.max_iter = x, tuple(start), max_iter
        self.problems = {}
        for name in SCALINGS:
            z, shift, scale = scaled_feature(x, name)
            self.problems[name] = (LineDescent(z, y), fast.LineMoments(z, y), shift, scale)
        limits = [p[0].limit for p in self.problems.values()]
        self._runs = LRU(size=256)
        self.result = None
        self.scaling_picker = widgets.ToggleButtons(
            options=[(label, name) for name, label in SCALINGS.items()], value=scaling,
            description="x")
        self.alpha_slider = widgets.SelectionSlider(
            options=alpha_stops(limits), value=nearest_stop(alpha_stops(limits), alpha),
            description="α", continuous_update=True, layout=slider_layout())
        self.presets = widgets.HBox([self._preset(v) for v in (0.001, 0.0016, 0.005, 0.5)]
                                    + [self._preset(None)],
                                    layout=widgets.Layout(margin="0 0 0 90px"))
        super().__init__(y, [self.scaling_picker, self.alpha_slider, self.presets],
                         size=(7.6, 3.6), key=[
            ("■", "start", COLORS["start"]),
            ("●─●", "iterates, in order", COLORS["iterates"]),
            ("★", "best weights", COLORS["global minimum"]),
            ("─", "contours of R", "#8c8c8c")])
        self.ax, self.steps_ax = _two_panels(self.figure)
        self._contours = []
        self._excess_axes()
        (self.path_line,) = self.ax.plot([], [], "-" + MARKERS["iterates"], ms=2.5, lw=0.8,
                                         color=COLORS["iterates"])
        (self.start_line,) = self.ax.plot([], [], MARKERS["start"], ms=8, color=COLORS["start"])
        (self.excess_line,) = self.steps_ax.plot([], [], color=COLORS["iterates"], lw=1.5)
        self.add_moving(self.path_line, self.start_line, self.excess_line)
        self.scaling_picker.observe(self._on_scaling, names="value")
        self.alpha_slider.observe(self._on_change, names="value")
        self._set_scaling(scaling)

    def _preset(self, value):
        """A button that sets alpha: to ``value``, or (None) to the limit of the x chosen."""
        button = widgets.Button(description="the limit" if value is None else f"α = {value:g}",
                                layout=widgets.Layout(width="auto"))
        button.on_click(lambda _: setattr(self.alpha_slider, "value", value if value else
                                          self.problems[self.scaling_picker.value][0].limit))
        return button

    def _excess_axes(self):
        ax = self.steps_ax
        ax.set(xscale="log", yscale="log", xlim=(START_AT, 1.25 * self.max_iter),
               ylim=(EXCESS_FLOOR, 1e12), xlabel="step k (the start at the left edge)",
               ylabel="R(wₖ) − R(w*) (dollars²)", title="above the minimum")

    def _on_scaling(self, change):
        self._set_scaling(change["new"])

    def _set_scaling(self, scaling):
        """Draw the contours of this choice of x: the still parts change, so a full draw."""
        for artist in self._contours:
            artist.remove()
        _, moments, _, scale = self.problems[scaling]
        view = descent_view(moments, self.start)
        drawn = draw_risk_contours(self.ax, moments, *view, floor=False)
        self._contours = [drawn["contours"], drawn["best"]]
        xlabel, ylabel = weight_labels(scaling, scale)
        self.ax.set(xlabel=xlabel, ylabel=ylabel, title=SCALINGS[scaling],
                    aspect="equal" if scaling == "standardized" else "auto")
        money_ticks(self.ax.xaxis, nbins=3)
        if scaling == "standardized":           # both weights in dollars
            money_ticks(self.ax.yaxis, nbins=4)
        else:
            plain_ticks(self.ax.yaxis)
        self.refresh(full=True)

    def run(self):
        """The run for the controls' values (cached per choice of x and alpha)."""
        scaling, alpha = self.scaling_picker.value, float(self.alpha_slider.value)
        descent = self.problems[scaling][0]
        return self._runs.get_or_make((scaling, alpha), lambda: descent.run(
            self.start, alpha, max_iter=self.max_iter))

    def update_artists(self):
        run = self.result = self.run()
        descent = self.problems[self.scaling_picker.value][0]
        self.path_line.set_data(run.path[:, 0], run.path[:, 1])
        self.start_line.set_data(run.path[:1, 0], run.path[:1, 1])
        with np.errstate(all="ignore"):
            excess = np.maximum(descent.excess(run.path), EXCESS_FLOOR)
        keep = np.isfinite(excess)
        # the start (k = 0) sits at the left edge of the log axis
        self.excess_line.set_data(np.maximum(run.ks[keep], START_AT), excess[keep])
        return self._readout(run, descent)

    def line_of(self, run):
        """The run's last weights as the line w0 + w1 x (in x's own units)."""
        _, _, shift, scale = self.problems[self.scaling_picker.value]
        c0, c1 = run.h
        return c0 - c1 * shift / scale, c1 / scale

    def _readout(self, run, descent):
        alpha = float(self.alpha_slider.value)
        w0, w1 = self.line_of(run)
        return (f"{SCALINGS[self.scaling_picker.value]} · α = {alpha:.5g} (limit 2/λmax = "
                f"{descent.limit:.5g}) · {run.steps:,} steps · {erm.OUTCOMES[run.outcome]} · "
                f"w₀ = {_dollars(w0)} · w₁ = {_dollars(w1, 2)} per year")


def _dollars(value, decimals=0):
    """Dollars, or scientific notation once a diverged run's weight is astronomical."""
    return money(value, decimals) if abs(value) < 1e9 else money_or_scientific(value)


# --------------------------------------------------------------------------------------
# The builders
# --------------------------------------------------------------------------------------

def _slider_range(name, value_range):
    """``(min, max, step)`` of a slider: min < max, step > 0 (the values may be negative)."""
    low, high, step = (float(erm.as_h(v)) for v in value_range)
    if not low < high or step <= 0:
        raise ValueError(f"{name} must be (min, max, step) with min < max and step > 0, got "
                         f"{tuple(value_range)}")
    return low, high, step


def line_explorer(x, y, w0=60_000.0, w1=2_000.0, *, w0_range=(0.0, 200_000.0, 500.0),
                  w1_range=(-2_000.0, 4_000.0, 10.0)):
    """Sliders for the weights of the line h(x) = w0 + w1 x, with its residuals and its
    place on the contours of the mean squared error.

    Parameters
    ----------
    x, y : array_like, 1-D
        The feature (years since the PhD) and the salaries, of the same length.
    w0, w1 : float, optional
        Where the sliders start, inside their ranges (moved to their grids).
    w0_range, w1_range : tuple of float, optional
        ``(min, max, step)`` of each slider; the contour map spans the same ranges.

    Returns
    -------
    LineExplorer
        An ipywidgets VBox with ``w0_slider``, ``w1_slider``, ``readout``, ``key`` and the
        ipympl ``canvas``; also ``figure``, ``ax`` (the data), ``map_ax`` (the contours),
        ``line``, ``residuals``, ``point``, ``weights``, ``live`` and ``readout_text``.

    Examples
    --------
    >>> data = erm.load_professors()
    >>> ex = line_explorer(data["yrs_since_phd"], data["salary_usd"], 90_000, 1_000)
    >>> ex.readout_text
    "w₀ = $90,000 · w₁ = $1,000 per year · MSE = 7.5625e+08 dollars² · 0.826 × the constant model's 9.1511e+08"
    """
    x, y = erm.as_xy(x, y)
    erm.least_squares_line(x, y)                # x must not be constant
    w0_range = _slider_range("w0_range", w0_range)
    w1_range = _slider_range("w1_range", w1_range)
    for name, value, (low, high, _) in (("w0", w0, w0_range), ("w1", w1, w1_range)):
        check_in_range(name, float(erm.as_h(value)), low, high, money)
    return LineExplorer(x, y, float(w0), float(w1), w0_range, w1_range)


def line_descent_explorer(x, y, *, alpha=0.001, scaling="raw", start=(0.0, 0.0),
                          max_iter=100_000):
    """An alpha slider (log scale) for gradient descent on the line's risk, with a choice
    of feature: x itself, centred, or standardized.

    The left panel draws the iterates on the contours of the risk over that feature's two
    weights; the right one how far the risk is above its minimum after each step, both
    axes on a log scale. The readout gives the steps, the outcome and the line reached,
    mapped back to x: w0 in dollars, w1 in dollars per year. Buttons jump to the learning rates the notebook
    discusses and to the limit 2 / λmax of the x chosen.

    Parameters
    ----------
    x, y : array_like, 1-D
        The feature and the salaries, of the same length; x not constant.
    alpha : float, optional
        Starting learning rate, moved to the slider's nearest stop (10^-4 to 1.1).
    scaling : {"raw", "centred", "standardized"}
        Which feature to start with; the explorer has a picker to switch.
    start : (float, float), optional
        Where descent starts, in the weights of whichever feature is chosen.
    max_iter : int, optional
        Cap on the number of steps of each run.

    Returns
    -------
    LineDescentExplorer
        An ipywidgets VBox with ``scaling_picker``, ``alpha_slider``, ``presets``,
        ``readout`` and the ipympl ``canvas``; also ``result`` (the last :class:`LineRun`),
        ``problems`` (per choice of x: its :class:`LineDescent`, moments, shift and
        scale), ``figure``, ``ax``, ``steps_ax``, ``path_line``, ``excess_line``, ``live``
        and ``readout_text``.

    Examples
    --------
    >>> data = erm.load_professors()
    >>> ex = line_descent_explorer(data["yrs_since_phd"], data["salary_usd"])
    >>> ex.readout_text
    'raw x · α = 0.001 (limit 2/λmax = 0.0015052) · 35,360 steps · converged · w₀ = $91,719 · w₁ = $985.34 per year'
    >>> ex.scaling_picker.value = "standardized"
    >>> ex.alpha_slider.value = 0.5
    >>> ex.result.steps, ex.result.outcome
    (2, 'converged')
    """
    x, y = erm.as_xy(x, y)
    erm.least_squares_line(x, y)                # x must not be constant
    if scaling not in SCALINGS:
        raise ValueError(f"scaling must be one of {', '.join(SCALINGS)}, got {scaling!r}")
    alpha = erm.check_positive("alpha", alpha)
    check_in_range("alpha", alpha, 1e-4, max(ALPHAS), lambda v: f"{v:g}")
    start = erm.as_numbers(start, "start")
    if start.shape != (2,):
        raise ValueError(f"start must be two numbers (w0, w1), got shape {start.shape}")
    max_iter = erm.check_count("max_iter", max_iter)
    return LineDescentExplorer(x, y, alpha, scaling, start, max_iter)
