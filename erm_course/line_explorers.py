"""The sliders of notebook 08: a line's two weights, and gradient descent in two dimensions.

Each is an :class:`~erm_course.explorer.Explorer` that the page draws by itself
(:mod:`erm_course.drawing`): matplotlib draws the still parts once (axes, the data, the
contours of the risk), and the page draws what moves on every input event, with no kernel.
Both sliders have too many states to send one row per state, so the page runs a small
program on numbers Python sent, and writes the readout exactly as Python writes it:

- :func:`line_explorer`: sliders for w0 and w1. Left, the data with the line and each
  point's residual; right, the contours of the mean squared error over (w0, w1) with the
  sliders' point. Two sliders of 401 and 601 stops make 241,001 lines, so the page draws
  ``w0 + w1 x`` itself (drawing.js, program ``line``) from the data and the five moments
  of :class:`erm_fast.LineMoments`, which give the risk of a line in O(1).
- :func:`line_descent_explorer`: a log-scale alpha slider and a choice of x (raw,
  centred, standardized). Left, the path of descent on that feature's contours (one
  background per choice of x); right, how far above its minimum the risk is after each
  step. A run can take 100,000 steps and its path has up to 1,001 sampled iterates, too
  much to send for 434 stops and 3 choices, so the page runs descent (program
  ``descent2d``) as :class:`LineDescent` does here, from the Hessian's eigenvalues and
  eigenvectors Python sends: on a quadratic risk the error along each eigenvector is
  multiplied by ``1 - alpha * eigenvalue`` at every step. It stops and names the outcome
  by the rules of :func:`erm_helpers.gradient_descent`, and
  ``tests/test_line_explorers.py`` checks that the two agree, and that the page's readout
  is Python's at every stop.

Plain pytest drives an explorer by setting a control's ``value`` and reading
``readout_text`` and :meth:`LineDescentExplorer.run`; the page tests render the scene in
Chromium and compare its readouts and ink with Python's.

Used in notebook 08.
"""

from typing import NamedTuple

import numpy as np

import erm_fast as fast
import erm_helpers as erm
from erm_course.drawing import PX_PER_POINT, Scene
from erm_course.explorer import Explorer
from erm_course.figures.a_line import (SCALINGS, descent_view, draw_line_data,
                                       draw_risk_contours, line_readout, sample_steps,
                                       scaled_feature, weight_labels)
from erm_course.formatting import money, money_or_scientific
from erm_course.sliders import LRU, check_in_range, log_stops, nearest_stop, on_grid
from erm_course.style import COLORS, MARKERS, money_ticks, plain_ticks

__all__ = ["line_explorer", "line_descent_explorer", "LineExplorer", "LineDescentExplorer",
           "LineDescent", "LineRun", "alpha_stops"]

#: The learning rates the notebook discusses, besides each choice of x's limit 2 / λmax.
ALPHAS = (0.001, 0.0015, 0.0016, 0.005, 0.0065, 0.5, 1.1)

#: The preset buttons beside the alpha slider, besides "the limit" of the x chosen.
PRESETS = (0.001, 0.0016, 0.005, 0.5)

#: Where the excess risk is drawn when it is 0 or below: the bottom of its log axis.
EXCESS_FLOOR = 1e-8

#: Where the start (step 0) is drawn on the log axis of steps: its left edge.
START_AT = 0.6

#: The tolerance of every run: a step shorter than this ends it (as in erm_helpers).
TOL = 1e-6


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

    The page of :class:`LineDescentExplorer` runs the same arithmetic (drawing.js,
    ``descent2d``): every sum of two products is written out, never left to BLAS (which
    may fuse a multiply and an add), so that the two agree to the last bit but for
    ``pow`` (numpy's and the browser's may differ in the last bit).
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
        c0 = self.coordinates(start)
        mu = 1.0 - alpha * self.values
        bound = 1e10 * max(1.0, _norm(start), self._length(c0, mu, alpha, 1))
        # |μ| within 1e-12 of 1 grows by under 1e-7 in 100,000 steps: as good as 1 (the
        # exact limit 2 / λmax can give -1.0000000000000002 after rounding).
        safe = np.all(np.abs(mu) <= 1.0 + 1e-12) and _norm(self.best) + _norm(c0) <= bound
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

    def coordinates(self, start):
        """c0 = Vᵀ (start - best): the start's error along each eigenvector."""
        e = np.asarray(start, dtype=float) - self.best
        return self.vectors[0] * e[0] + self.vectors[1] * e[1]

    def _iterates(self, c0, mu, ks):
        """best + V (μ^k ⊙ c0) for each k, the product written out (no BLAS)."""
        with np.errstate(all="ignore"):
            c = c0 * np.power(mu, np.asarray(ks, float)[:, None])
            return self.best + (c[:, :1] * self.vectors[:, 0] + c[:, 1:] * self.vectors[:, 1])

    def _steps(self, c0, mu, alpha, ks):
        """Steps number ``ks`` (each k >= 1) in V's coordinates: -α λ ⊙ μ^(k-1) ⊙ c0."""
        with np.errstate(all="ignore"):
            return -alpha * self.values * c0 * np.power(mu, np.asarray(ks, float)[:, None] - 1)

    def _length(self, c0, mu, alpha, k):
        return float(_norm(self._steps(c0, mu, alpha, [k])[0]))

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
                lengths = _norm(steps)
                sizes = _norm(w)
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


def _norm(v):
    """The length of a 2-vector, or of each row: sqrt(a² + b²) written out, as the page
    computes it (numpy's norm may go through BLAS, which may round differently)."""
    v = np.asarray(v, dtype=float)
    return np.sqrt(v[..., 0] * v[..., 0] + v[..., 1] * v[..., 1])


def _at_the_cap(tail, max_iter):
    """The outcome at the cap, by the rule of :func:`erm_helpers.gradient_descent`: steps
    that flip direction and grow diverge, flips of one size oscillate, the rest still move."""
    last = float(_norm(tail[-1]))
    if len(tail) == 2 and float(tail[-1, 0] * tail[-2, 0] + tail[-1, 1] * tail[-2, 1]) < 0:
        ratio = last / float(_norm(tail[-2]))
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

def _grid_stops(low, high, step):
    """The stops ``low + k step`` up to ``high``, each as :func:`~erm_course.sliders.on_grid`
    writes it (rounded to 10 decimals, so 0.1 steps give 0.3, not 0.30000000000000004)."""
    count = int(np.floor((high - low) / step + 1e-9)) + 1
    return np.array([on_grid(low + k * step, low, step) for k in range(count)])


class LineExplorer(Explorer):
    """Sliders for a line's two weights; see :func:`line_explorer`.

    The page is sent the data, the two ends of the line's grid and the moments of
    :class:`erm_fast.LineMoments`; its program ``line`` draws the line, the residuals and
    the point (w0, w1), and writes :func:`~erm_course.figures.a_line.line_readout`.
    """

    summary = "w₀ and w₁ sliders for a line through"

    def __init__(self, x, y, w0, w1, w0_range, w1_range):
        self.x = x
        self.moments = m = fast.LineMoments(x, y)
        self.variance = m.syy                      # the constant model's risk
        self.grid = np.array([0.0, 1.05 * float(x.max())])
        scene = Scene(7.6, 3.4)
        scene.key = [("●", "professors", COLORS["data"]),
                     ("━", "line w₀ + w₁x", COLORS["line"]),
                     ("│", "residuals", COLORS["residual"]),
                     ("●", "(w₀, w₁)", COLORS["current"]),
                     ("★", "best line", COLORS["global minimum"]),
                     ("╌", "valley floor", COLORS["floor"])]
        self.ax, self.map_ax = _two_panels(scene.figure)
        draw_line_data(self.ax, x, y)
        draw_risk_contours(self.map_ax, m, w0_range[:2], w1_range[:2])
        self.map_ax.set(xlabel="w₀ (intercept)", ylabel="w₁ (dollars per year)")
        money_ticks(self.map_ax.xaxis, nbins=3)
        plain_ticks(self.map_ax.yaxis)
        sliders = {"w0": ("w₀ ($)", _grid_stops(*w0_range)),
                   "w1": ("w₁ ($ per year)", _grid_stops(*w1_range))}
        for name, (label, stops) in sliders.items():
            scene.slider(name, label, stops, [f"{v:,.0f}" for v in stops])
        scene.array("x", x)
        scene.array("y", y)
        scene.array("grid", self.grid)
        scene.array("moments", [m.xbar, m.ybar, m.sxx, m.sxy, m.syy])
        scene.program = {"kind": "line"}
        _line_marks(scene, self.ax, self.map_ax)
        scene.alt = ("The professors' salaries with the line of the sliders' weights and its "
                     "residuals, and that line's place on the contours of its risk.")
        state = {name: int(np.argmin(np.abs(stops - value)))
                 for (name, (_, stops)), value in zip(sliders.items(), (w0, w1))}
        super().__init__(y, scene, state)
        self.w0_slider, self.w1_slider = (
            self.control(name, stops, [f"{v:,.0f}" for v in stops], label)
            for name, (label, stops) in sliders.items())

    @property
    def weights(self):
        """The sliders' (w0, w1)."""
        return float(self.w0_slider.value), float(self.w1_slider.value)

    def readout_for(self, state):
        w0 = float(self.w0_slider.values[state["w0"]])
        w1 = float(self.w1_slider.values[state["w1"]])
        return line_readout(w0, w1, float(self.moments.risk(w0, w1)), self.variance)


def _line_marks(scene, ax, map_ax):
    """What the program ``line`` computes, drawn: residuals, the line, the point."""
    scene.mark("segments", ax, {"computed": "residual_x"}, {"computed": "residual_y"},
               color=COLORS["residual"], width=0.6 * PX_PER_POINT)
    scene.mark("line", ax, {"computed": "line_x"}, {"computed": "line_y"},
               color=COLORS["line"], width=2 * PX_PER_POINT)
    scene.mark("points", map_ax, {"computed": "w0"}, {"computed": "w1"},
               marker=MARKERS["current"], color=COLORS["current"], size=9 * PX_PER_POINT,
               edge="#000000", edgewidth=0.6 * PX_PER_POINT)


# --------------------------------------------------------------------------------------
# The descent explorer
# --------------------------------------------------------------------------------------

def alpha_stops(limits=()):
    """The alpha slider's stops, 10^-4 to 1 on a log scale: 100 per power of ten, the
    learning rates of :data:`ALPHAS`, and each ``limits`` value exactly."""
    return log_stops(-4, 0, tuple(ALPHAS) + tuple(limits), "")


class LineDescentExplorer(Explorer):
    """An alpha slider and a choice of x for descent on a line; see
    :func:`line_descent_explorer`.

    The page is sent, per choice of x, what :class:`LineDescent` starts from (the best
    weights, the Hessian and its eigenvalues and eigenvectors, the start's coordinates,
    the limit, the shift and scale of the feature) and a background with that feature's
    contours; its program ``descent2d`` runs descent as :meth:`LineDescent.run` does.
    """

    summary = "an α slider for gradient descent on a line through"

    def __init__(self, x, y, alpha, scaling, start, max_iter):
        self.x, self.start, self.max_iter = x, tuple(start), max_iter
        self.problems = {}
        for name in SCALINGS:
            z, shift, scale = scaled_feature(x, name)
            self.problems[name] = (LineDescent(z, y), fast.LineMoments(z, y), shift, scale)
        values = [v for _, v in alpha_stops([p[0].limit for p in self.problems.values()])]
        self.alphas = np.array(values)
        labels = [f"{v:g}" for v in values]
        self._runs = LRU(size=256)
        #: Per choice of x, the preset buttons: (text, alpha) pairs, "the limit" last.
        self.presets = {name: [(f"α = {v:g}", v) for v in PRESETS]
                        + [("the limit", p[0].limit)] for name, p in self.problems.items()}
        scene = Scene(7.6, 3.6)
        scene.key = [("■", "start", COLORS["start"]),
                     ("●─●", "iterates, in order", COLORS["iterates"]),
                     ("★", "best weights", COLORS["global minimum"]),
                     ("─", "contours of R", "#8c8c8c")]
        self.ax, self.steps_ax = _two_panels(scene.figure)
        _excess_axes(self.steps_ax, max_iter)
        scene.toggle("scaling", "x", [(label, name) for name, label in SCALINGS.items()])
        scene.slider("alpha", "α", values, labels)
        for name, buttons in self.presets.items():
            scene.presets("alpha", [(text, values.index(v)) for text, v in buttons],
                          when={"scaling": name})
        scene.array("start", self.start)
        # the scaling asked for is drawn last: the figure Python keeps shows it
        for name in sorted(SCALINGS, key=lambda s: s == scaling):
            self._view(scene, name)
        scene.program = {"kind": "descent2d", "tol": TOL, "max_iter": max_iter,
                         "labels": dict(SCALINGS), "floor": EXCESS_FLOOR,
                         "start_at": START_AT}
        _descent_marks(scene, self.ax, self.steps_ax, self.start)
        scene.alt = ("Gradient descent on a line's risk: its path on the contours of the "
                     "risk, and how far above its minimum the risk is after each step.")
        first = values.index(nearest_stop(values, alpha))
        super().__init__(y, scene, {"scaling": scaling, "alpha": first})
        self.scaling_picker = self.control("scaling", description="x")
        self.alpha_slider = self.control("alpha", values, labels, "α")

    def _view(self, scene, scaling):
        """Send what the page's descent needs for this x, and its background (a view)."""
        descent, moments, shift, scale = self.problems[scaling]
        vectors = descent.vectors
        scene.array(f"problem_{scaling}", [
            *descent.best, *descent.values, *vectors.ravel(), *descent.coordinates(self.start),
            descent.limit, shift, scale, *descent.hessian.ravel()])
        drawn = draw_risk_contours(self.ax, moments, *descent_view(moments, self.start),
                                   floor=False)
        xlabel, ylabel = weight_labels(scaling, scale)
        self.ax.set(xlabel=xlabel, ylabel=ylabel, title=SCALINGS[scaling],
                    aspect="equal" if scaling == "standardized" else "auto")
        money_ticks(self.ax.xaxis, nbins=3)
        if scaling == "standardized":           # both weights in dollars
            money_ticks(self.ax.yaxis, nbins=4)
        else:
            plain_ticks(self.ax.yaxis)
        scene.snapshot(scaling, by="scaling")
        if len(scene.views) < len(SCALINGS):    # the last view stays on the figure
            drawn["contours"].remove()
            drawn["best"].remove()

    @property
    def result(self):
        """The run for the controls' values, computed when asked for (the page runs its own
        descent; a drag makes no run in the kernel)."""
        return self.run()

    def run(self, state=None):
        """The run for ``state`` (default: the controls' values), cached per choice of x
        and alpha."""
        state = dict(self.state if state is None else state)
        scaling, alpha = state["scaling"], float(self.alphas[state["alpha"]])
        descent = self.problems[scaling][0]
        return self._runs.get_or_make((scaling, alpha), lambda: descent.run(
            self.start, alpha, tol=TOL, max_iter=self.max_iter))

    def line_of(self, run, scaling=None):
        """The run's last weights as the line w0 + w1 x (in x's own units)."""
        _, _, shift, scale = self.problems[scaling or self.scaling_picker.value]
        c0, c1 = run.h
        return c0 - c1 * shift / scale, c1 / scale

    def readout_for(self, state):
        run, scaling = self.run(state), state["scaling"]
        alpha = float(self.alphas[state["alpha"]])
        w0, w1 = self.line_of(run, scaling)
        return (f"{SCALINGS[scaling]} · α = {alpha:.5g} (limit 2/λmax = "
                f"{self.problems[scaling][0].limit:.5g}) · {run.steps:,} steps · "
                f"{erm.OUTCOMES[run.outcome]} · "
                f"w₀ = {_dollars(w0)} · w₁ = {_dollars(w1, 2)} per year")


def _excess_axes(ax, max_iter):
    ax.set(xscale="log", yscale="log", xlim=(START_AT, 1.25 * max_iter),
           ylim=(EXCESS_FLOOR, 1e12), xlabel="step k (the start at the left edge)",
           ylabel="R(wₖ) − R(w*) (dollars²)", title="above the minimum")


def _descent_marks(scene, ax, steps_ax, start):
    """What the program ``descent2d`` computes, drawn: the path, its start, the excess."""
    scene.mark("line", ax, {"computed": "path_w0"}, {"computed": "path_w1"},
               color=COLORS["iterates"], width=0.8 * PX_PER_POINT,
               marker=MARKERS["iterates"], size=2.5 * PX_PER_POINT)
    scene.mark("points", ax, [start[0]], [start[1]], marker=MARKERS["start"],
               color=COLORS["start"], size=8 * PX_PER_POINT)
    scene.mark("line", steps_ax, {"computed": "excess_k"}, {"computed": "excess"},
               color=COLORS["iterates"], width=1.5 * PX_PER_POINT)


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

    The page draws the line, the residuals and the point (w0, w1) itself, from the data
    and the moments Python sends (the sliders have too many pairs of stops to send a
    frame for each), and writes the readout as Python's ``readout_text``.

    Parameters
    ----------
    x, y : array_like, 1-D
        The feature (years since the PhD) and the salaries, of the same length.
    w0, w1 : float, optional
        Where the sliders start, inside their ranges (moved to the nearest stop).
    w0_range, w1_range : tuple of float, optional
        ``(min, max, step)`` of each slider: its stops are ``min + k step`` up to ``max``.
        The contour map spans the same ranges.

    Returns
    -------
    LineExplorer
        A widget drawn in the page, with ``w0_slider`` and ``w1_slider`` (controls whose
        ``value`` reads and moves the slider), ``weights``, ``readout_text``, ``scene``
        (what the page draws), and ``figure``, ``ax`` (the data) and ``map_ax`` (the
        contours): the still parts as matplotlib drew them.

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
    mapped back to x: w0 in dollars, w1 in dollars per year. Buttons jump to the learning
    rates the notebook discusses and to the limit 2 / λmax of the x chosen. The page runs
    each descent itself (as :class:`LineDescent` does), so no move waits for the kernel.

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
        A widget drawn in the page, with ``scaling_picker`` and ``alpha_slider`` (controls
        whose ``value`` reads and moves them), ``presets`` (per choice of x, the buttons'
        (text, alpha) pairs), ``result`` (the :class:`LineRun` of the controls' values),
        ``run()``, ``line_of()``, ``problems`` (per choice of x: its
        :class:`LineDescent`, moments, shift and scale), ``readout_text``, ``scene``,
        and ``figure``, ``ax``, ``steps_ax`` (the still parts, for the x asked for).

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
