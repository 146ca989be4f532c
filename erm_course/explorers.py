"""The sliders of notebooks 04 and 05: sigma over the UCSD risk, alpha for gradient descent.

Each is an :class:`~erm_course.explorer.Explorer`: the page draws it by itself from a
:class:`~erm_course.drawing.Scene`, so a move never waits for the kernel.

- :func:`ucsd_explorer` sends, per stop of its sigma slider, the UCSD risk curve, its
  minima and the readout; the page only picks the row.
- :func:`descent_explorer` sends the risk curves (the squared risk once, the UCSD risk per
  sigma stop) and the data; the page runs gradient descent itself for each (alpha, h0,
  sigma), since the combinations are too many to send, and writes the readout as Python
  does.

Python computes everything the page shows (with :mod:`erm_fast`, on data checked once when
the explorer is built), and keeps what a reader of ``slider.value`` needs: the readout and,
for descent, the last run. Plain pytest drives an explorer by setting ``slider.value`` and
reading the scene's data and the readout (``tests/test_explorers.py``, which also renders
the page in Chromium and compares it with Python).

Used in notebooks 04 (:func:`ucsd_explorer`) and 05 (:func:`descent_explorer`).
"""

import math

import numpy as np

import erm_fast as fast
import erm_helpers as erm
from erm_course.drawing import PX_PER_POINT, Scene
from erm_course.explorer import Explorer
from erm_course.formatting import money, money_or_scientific
from erm_course.sliders import (LRU, check_in_range, check_range, log_range, log_stops,
                                nearest_stop, nice, round_to, rug, spread)
from erm_course.sliders import sigma_range as default_sigma_range
from erm_course.style import COLORS, MARKERS, even_h_grid, money_ticks

__all__ = ["ucsd_explorer", "descent_explorer", "UcsdExplorer", "DescentExplorer", "ALPHAS"]

#: For each risk: the alpha slider's stops, the preset buttons beside it, the start and the
#: unit shown. On the squared risk alpha has no unit and 1 is the edge of divergence; on the
#: UCSD risk the slider counts alpha in units of sigma squared (R' is per dollar, so a
#: useful alpha is in dollars squared, of the order of sigma**2).
ALPHAS = {
    "squared": {"options": log_stops(-3, 1, (0.5, 0.75, 1.1), ""), "unit": "",
                "presets": (0.1, 0.5, 0.75, 1.0, 1.1), "start": 0.1},
    "ucsd": {"options": log_stops(-2, 1, (0.25, 2.5), " σ²"), "unit": " σ²",
             "presets": (0.25, 1.0, 2.0, 2.5), "start": 1.0},
}


def _ucsd_minima(y, sigma):
    """The local minima of the UCSD risk (to a cent: plenty for a readout) and their risks."""
    minima = fast.ucsd_minima(y, sigma, xtol=0.01)
    return minima, fast.ucsd_risk_curve(minima, y, sigma)


# --------------------------------------------------------------------------------------
# The sigma explorer (notebook 04)
# --------------------------------------------------------------------------------------

class UcsdExplorer(Explorer):
    """A sigma slider over the UCSD risk; see :func:`ucsd_explorer`.

    The page is sent, for every stop of the slider, the risk curve (one point per pixel of
    the panel), the local minima and their risks, and the readout; it only picks the row.
    """

    summary = "a σ slider over the UCSD risk of"

    def __init__(self, y, sigma, stops, grid_size):
        scene = Scene(7.0, 3.2)
        scene.key = [("|", "data", COLORS["data"]), ("━", "UCSD risk", COLORS["risk"]),
                     ("○", "local minima", COLORS["local minimum"]),
                     ("★", "global minimum", COLORS["global minimum"])]
        ax = self.ax = scene.figure.add_subplot()
        self.grid = even_h_grid(y, num=grid_size or scene.pixels(ax))
        rug(ax, y)
        # sigma is in the readout, not the title, so the still parts stay still
        ax.set(xlim=(self.grid[0], self.grid[-1]), ylim=(-0.03, 1.0),
               xlabel="prediction h", ylabel=r"$R_{\mathrm{ucsd}}(h)$", title="UCSD risk")
        money_ticks(ax.xaxis, nbins=6)
        self.stops = np.asarray(stops, dtype=float)
        self.curves = np.array([fast.ucsd_risk_curve(self.grid, y, s) for s in self.stops])
        found = [_ucsd_minima(y, s) for s in self.stops]
        self.minima = _rows([m for m, _ in found])
        self.minima_risks = _rows([r for _, r in found])
        best = [int(np.argmin(r)) for _, r in found]
        self.best = np.array([m[b] for (m, _), b in zip(found, best)])
        self.best_risk = np.array([r[b] for (_, r), b in zip(found, best)])
        self.texts = [_ucsd_text(s, m.size, b, r) for s, (m, _), b, r
                      in zip(self.stops, found, self.best, self.best_risk)]
        scene.slider("sigma", "σ", self.stops, [money(s) for s in self.stops])
        scene.mark("line", ax, scene.array("grid", self.grid),
                   scene.family("risk", self.curves, "sigma"), color=COLORS["risk"],
                   width=1.5 * PX_PER_POINT)
        scene.mark("points", ax, scene.family("minima", self.minima, "sigma"),
                   scene.family("minima_risk", self.minima_risks, "sigma"),
                   marker=MARKERS["local minimum"], face="none",
                   edge=COLORS["local minimum"], edgewidth=1.8 * PX_PER_POINT,
                   size=9 * PX_PER_POINT)
        scene.mark("points", ax, scene.family("best", self.best[:, None], "sigma"),
                   scene.family("best_risk", self.best_risk[:, None], "sigma"),
                   marker=MARKERS["global minimum"], color=COLORS["global minimum"],
                   size=14 * PX_PER_POINT)
        scene.readout_family(self.texts, "sigma")
        scene.alt = "The UCSD risk of the data for the slider's sigma, with its minima."
        first = int(np.argmin(np.abs(self.stops - sigma)))
        super().__init__(y, scene, {"sigma": first})
        self.sigma_slider = self.control("sigma", self.stops, [money(s) for s in self.stops],
                                         "σ")

    def readout_for(self, state):
        return self.texts[state["sigma"]]


def _rows(ragged):
    """Rows of different lengths as one array, each padded at its end with NaN (which the
    page skips)."""
    table = np.full((len(ragged), max(1, max(len(r) for r in ragged))), np.nan)
    for row, values in zip(table, ragged):
        row[:len(values)] = values
    return table


def _ucsd_text(sigma, count, best, risk):
    """The sigma explorer's readout."""
    return (f"σ = {money(sigma)} · {count} local {'minimum' if count == 1 else 'minima'}"
            f" · global minimizer h* = {money(best)} · R_ucsd(h*) = {risk:.4f}")


# --------------------------------------------------------------------------------------
# The alpha explorer (notebook 05)
# --------------------------------------------------------------------------------------

class DescentExplorer(Explorer):
    """An alpha slider for gradient descent, with h0, sigma and a choice of risk; see
    :func:`descent_explorer`.

    The page runs descent itself (``descent1d`` in drawing.js, step for step as
    :func:`erm_helpers.gradient_descent`) on the data it was sent: the combinations of
    alpha, h0 and sigma run to tens of millions, too many to send. It was sent the curves
    (the squared risk once, the UCSD risk per sigma stop, one point per pixel) and the
    global UCSD minimizer per sigma stop, for the readout's note.
    """

    summary = "an α slider for gradient descent on"

    def __init__(self, y, start, h0_stops, sigma_stops, max_iter, grid_size):
        self.mean = float(np.mean(y))
        self.variance = float(np.mean(np.square(y - self.mean)))
        self.max_iter = max_iter
        self._runs = LRU(16)
        self.alphas = {risk: np.array([v for _, v in kind["options"]])
                       for risk, kind in ALPHAS.items()}
        self.h0s, self.sigmas = np.asarray(h0_stops), np.asarray(sigma_stops)
        scene = Scene(7.0, 3.4)
        ax = self.ax = scene.figure.add_subplot()
        self.grid = even_h_grid(y, num=grid_size or scene.pixels(ax))
        self.squared_curve = fast.squared_risk_from_moments(self.grid, self.mean,
                                                            self.variance)
        self.ucsd_curves = np.array([fast.ucsd_risk_curve(self.grid, y, s)
                                     for s in self.sigmas])
        self.best = np.array([_global_ucsd_minimizer(y, s) for s in self.sigmas])
        _draw_still_parts(scene, ax, y, self.grid, float(self.squared_curve.max()),
                          start["risk"])
        self._add_controls(scene)
        _add_descent_marks(scene, ax, self.grid, self.squared_curve, self.ucsd_curves)
        scene.array("y", y)
        scene.array("best", self.best)
        scene.program = {"kind": "descent1d", "mean": self.mean, "variance": self.variance,
                         "max_iter": max_iter}
        scene.alt = ("The risk over the prediction h, with the path of gradient descent "
                     "from the start h0 for the sliders' alpha.")
        state = {"risk": start["risk"], "h0": _index(self.h0s, start["h0"]),
                 "sigma": _index(self.sigmas, start["sigma"])}
        state |= {f"alpha_{r}": _index(self.alphas[r], start[f"alpha_{r}"]) for r in ALPHAS}
        super().__init__(y, scene, state)
        self.risk_picker = self.control("risk", description="risk")
        self._alpha_sliders = {
            r: self.control(f"alpha_{r}", self.alphas[r], [t for t, _ in kind["options"]], "α")
            for r, kind in ALPHAS.items()}
        self.h0_slider = self.control("h0", self.h0s, [money(h) for h in self.h0s], "h₀")
        self.sigma_slider = self.control("sigma", self.sigmas,
                                         [money(s) for s in self.sigmas], "σ",
                                         enabled={"risk": "ucsd"})

    def _add_controls(self, scene):
        scene.toggle("risk", "risk", [("squared", "squared"), ("UCSD", "ucsd")])
        self.presets = {}
        for risk, kind in ALPHAS.items():
            name, when = f"alpha_{risk}", {"risk": risk}
            scene.slider(name, "α", self.alphas[risk], [t for t, _ in kind["options"]],
                         when=when)
            self.presets[risk] = [(f"α = {v:g}{kind['unit']}", v) for v in kind["presets"]]
            scene.presets(name, [(text, _index(self.alphas[risk], v))
                                 for text, v in self.presets[risk]], when=when)
        scene.slider("h0", "h₀", self.h0s, [money(h) for h in self.h0s])
        scene.slider("sigma", "σ", self.sigmas, [money(s) for s in self.sigmas],
                     enabled={"risk": "ucsd"})
        scene.key = [("|", "data", COLORS["data"]), ("━", "risk", COLORS["risk"]),
                     ("■", "start h₀", COLORS["start"]),
                     ("●─●", "iterates, in order", COLORS["iterates"])]

    @property
    def alpha_slider(self):
        """The alpha slider of the risk shown (each risk keeps its own alpha)."""
        return self._alpha_sliders[self.state["risk"]]

    @property
    def squared(self):
        """True while the squared risk is picked."""
        return self.state["risk"] == "squared"

    @property
    def alpha(self):
        """The learning rate in use: the slider's value, times sigma**2 on the UCSD risk."""
        return self.setting(self.state)[2]

    def setting(self, state):
        """(risk, alpha's stop in the slider's units, alpha, h0, sigma) of ``state``."""
        risk = state["risk"]
        units = float(self.alphas[risk][state[f"alpha_{risk}"]])
        h0, sigma = float(self.h0s[state["h0"]]), float(self.sigmas[state["sigma"]])
        return risk, units, units if risk == "squared" else units * sigma ** 2, h0, sigma

    def run(self, state):
        """The run of gradient descent for ``state`` (the last few are kept)."""
        key = tuple(sorted(state.items()))
        return self._runs.get_or_make(key, lambda: self._descend(state))

    def _descend(self, state):
        _, _, alpha, h0, _ = self.setting(state)
        return erm.gradient_descent(self._slope(state), h0, alpha, max_iter=self.max_iter)

    def _slope(self, state):
        risk, _, _, _, sigma = self.setting(state)
        if risk == "squared":
            return lambda h, mean=self.mean: fast.squared_slope(h, mean)
        y = self.y.tolist()
        return lambda h: ucsd_slope_as_the_page(h, y, sigma)

    def risk_of(self, h, state):
        """The risk of ``state`` at the predictions ``h``."""
        risk, _, _, _, sigma = self.setting(state)
        if risk == "squared":
            return fast.squared_risk_from_moments(h, self.mean, self.variance)
        return fast.ucsd_risk_curve(np.asarray(h, dtype=float), self.y, sigma)

    @property
    def result(self):
        """The run for the controls' values, computed when asked for (a drag in the page
        sends many states; none of them makes the kernel run descent)."""
        return self.run(dict(self.state))

    def readout_for(self, state):
        risk, units, _, h0, sigma = self.setting(state)
        run = self.run(state)
        if risk == "squared":
            name, rate, note = "squared risk", f"α = {units:.3g}", ""
        else:
            name, rate = f"UCSD risk, σ = {money(sigma)}", f"α = {units:.3g} σ²"
            final_risk = float(self.risk_of(run.path[-1:], state)[0])
            note = _ucsd_note(run, final_risk, sigma, self.best[state["sigma"]])
        return (f"{name} · {rate} · h₀ = {money(h0)} · {run.steps} steps · "
                f"final h = {money_or_scientific(run.h)} · "
                f"{erm.OUTCOMES[run.outcome]}{note}")


def ucsd_slope_as_the_page(h, y, sigma):
    """The UCSD risk's slope at one ``h`` (``y`` a list of floats): the formula of
    :func:`erm_fast.ucsd_derivative_at`, summed in order with the C library's exp, which is
    the page's arithmetic (``ucsdSlope`` in drawing.js) operation for operation.

    numpy's exp can differ from the C library's by an ulp (its own SIMD exp, on a processor
    with AVX-512), and at a large alpha descent on the UCSD risk is chaotic: an ulp at one
    step changes the final h and the outcome hundreds of steps later, so the readout
    printed in Python would differ from the page's.
    """
    total = 0.0
    for value in y:
        z = (h - value) / sigma
        total += z * math.exp(-(z * z))
    return 2.0 / (len(y) * sigma) * total


def _index(stops, value):
    """The index of the stop nearest ``value``."""
    return int(np.argmin(np.abs(np.asarray(stops) - value)))


def _global_ucsd_minimizer(y, sigma):
    """The UCSD risk's global minimizer (to a cent), as the sigma explorer finds it."""
    minima, risks = _ucsd_minima(y, sigma)
    return float(minima[np.argmin(risks)])


def _draw_still_parts(scene, ax, y, grid, top, risk):
    """The two views of the descent explorer's still parts, one per risk: the rug, the
    axes, and the limits, title and label of each risk (``risk``'s last, so that the
    figure shows it). The UCSD risk lies in [0, 1) whatever sigma is, so its axes stay
    put while sigma moves; the squared risk's reach the curve's top."""
    rug(ax, y)
    ax.set(xlim=(grid[0], grid[-1]), xlabel="prediction h")
    money_ticks(ax.xaxis, nbins=6)
    views = {"squared": {"ylim": (-0.04 * top, 1.08 * top), "title": "squared risk",
                         "ylabel": "R(h), dollars²"},
             "ucsd": {"ylim": (-0.04, 1.08), "title": "UCSD risk", "ylabel": "R(h)"}}
    for name in sorted(views, key=lambda v: v == risk):
        ax.set(**views[name])
        scene.snapshot(name, by="risk")


def _add_descent_marks(scene, ax, grid, squared_curve, ucsd_curves):
    """The risk curve of the risk shown, the path of descent and its start."""
    x = scene.array("grid", grid)
    curve = {"color": COLORS["risk"], "width": 1.5 * PX_PER_POINT}
    scene.mark("line", ax, x, scene.array("squared_risk", squared_curve),
               when={"risk": "squared"}, **curve)
    scene.mark("line", ax, x, scene.family("ucsd_risk", ucsd_curves, "sigma"),
               when={"risk": "ucsd"}, **curve)
    scene.mark("line", ax, {"computed": "path_h"}, {"computed": "path_r"},
               color=COLORS["iterates"], width=1.0 * PX_PER_POINT,
               marker=MARKERS["iterates"], size=4 * PX_PER_POINT,
               edge=COLORS["iterates"], edgewidth=1.0 * PX_PER_POINT)
    scene.mark("points", ax, {"computed": "start_h"}, {"computed": "start_r"},
               color=COLORS["start"], marker=MARKERS["start"], size=8 * PX_PER_POINT,
               edge=COLORS["start"], edgewidth=1.0 * PX_PER_POINT)


def _ucsd_note(run, final_risk, sigma, best):
    """Where a run on the UCSD risk stopped, when that is not the global minimum."""
    if final_risk >= 1 - 1e-6:
        # Far from all data the risk is flat at 1 and its slope ~0: descent "converges"
        # there without finding anything.
        return " on a flat stretch (R ≈ 1)"
    if run.converged and abs(run.h - best) > sigma / 16:
        return f" to a local minimum; the global one is at {money(best)}"
    return ""

# --------------------------------------------------------------------------------------
# The builders
# --------------------------------------------------------------------------------------

def _h0_range(y):
    """(min, max, step) of the h0 slider: the data's range and half its spread each side,
    not below 0 for data that are not negative (the course predicts salaries with h >= 0),
    in steps of about a hundredth of the spread (200 to 400 stops)."""
    width = spread(y)
    step = nice(width / 100)
    low = round_to(y.min() - width / 2, step)
    if y.min() >= 0:
        low = max(0.0, low)
    return low, round_to(y.max() + width / 2, step), step


def _h0_stops(low, high, step):
    """The h0 slider's stops: ``low``, ``low + step``, ... up to ``high``."""
    return [round(low + k * step, 10) for k in range(round((high - low) / step) + 1)]


def ucsd_explorer(y, sigma=None, *, sigma_range=None, grid_size=None):
    """A sigma slider that redraws the UCSD risk and marks its minima.

    Parameters
    ----------
    y : array_like, 1-D
        The data.
    sigma : float, optional
        Starting sigma, inside ``sigma_range`` (a stop of the slider); default:
        ``max / 2.5`` rounded down to 1, 2 or 5 times a power of ten.
    sigma_range : tuple of float, optional
        ``(min, max)`` of the slider (a third number, the old linear step, is accepted and
        unused); by default it follows the spread of ``y``. The stops lie on a log scale,
        about 100 per power of ten, so a small sigma gets as fine a step as a large one.
    grid_size : int, optional
        Number of predictions drawn on the curve (default: one per pixel of the panel).

    Returns
    -------
    UcsdExplorer
        A widget drawn in the page, with ``sigma_slider`` (its ``value`` reads and moves the
        slider), ``readout_text``, ``grid``, ``stops`` and, per stop, ``curves``,
        ``minima``, ``minima_risks``, ``best``, ``best_risk`` and ``texts``.

    Examples
    --------
    >>> ex = ucsd_explorer(erm.load_salaries(), sigma=21_000)
    >>> ex.readout_text
    'σ = $21,000 · 2 local minima · global minimizer h* = $95,568 · R_ucsd(h*) = 0.3631'
    """
    y = erm.as_data(y)
    if grid_size is not None:
        grid_size = erm.check_count("grid_size", grid_size)
    if sigma_range is None:
        sigma_range = default_sigma_range(y)
    low, high = _check_low_high("sigma_range", sigma_range)
    sigma = erm.check_positive("sigma", sigma if sigma is not None else nice(high / 2.5))
    check_in_range("sigma", sigma, low, high, money)
    return UcsdExplorer(y, sigma, log_range(low, high, (sigma,)), grid_size)


def _check_low_high(name, value_range):
    """(low, high) of a log slider's range, checked as :func:`check_range` checks it."""
    value_range = tuple(value_range)
    if len(value_range) == 2:
        value_range += (1.0,)
    low, high, _ = check_range(name, value_range)
    return low, high


def descent_explorer(y, *, alpha=None, h0=None, sigma=None, risk="squared",
                     max_iter=500, grid_size=None):
    """An alpha slider (log scale) that runs gradient descent and draws its path.

    On the squared risk the slider gives alpha itself; on the UCSD risk it gives alpha
    in units of sigma squared (the readout says "α = 1 σ²"); each risk keeps its own alpha.
    Buttons beside the slider jump to the values the notebook discusses, such as
    alpha = 0.5 exactly. The page runs descent itself on every move, step for step as
    :func:`erm_helpers.gradient_descent`, which Python runs for ``result`` and the readout.

    Parameters
    ----------
    y : array_like, 1-D
        The data.
    alpha : float, optional
        Starting learning rate, moved to the slider's nearest stop (default 0.1 for the
        squared risk, sigma**2 for the UCSD risk). For ``risk="ucsd"`` it is in dollars
        squared, as in :func:`erm_helpers.gradient_descent`.
    h0 : float, optional
        Starting prediction, moved to the slider's nearest stop (about a hundredth of the
        data's spread apart; default: the 90th percentile of ``y``, rounded to a stop).
    sigma : float, optional
        Scale of the UCSD risk: a stop of its slider, log-spaced as in
        :func:`ucsd_explorer` (default as there).
    risk : {"squared", "ucsd"}
        Which risk to minimize first; the explorer has a picker to switch.
    max_iter, grid_size : int, optional
        Cap on the steps of each run; predictions drawn on the curve (default: one per
        pixel of the panel).

    Returns
    -------
    DescentExplorer
        A widget drawn in the page, with ``risk_picker``, ``alpha_slider`` (the risk's
        own), ``h0_slider`` and ``sigma_slider`` (``value`` reads and moves each);
        ``presets`` (per risk, (text, alpha)); ``alpha`` (the rate in use), ``result``
        (the last run), ``readout_text``, ``figure``, ``ax``, ``grid``,
        ``squared_curve``; per sigma stop ``sigmas``, ``ucsd_curves`` and ``best``.

    Examples
    --------
    >>> ex = descent_explorer(erm.load_salaries(), alpha=0.1, h0=150_000)
    >>> ex.readout_text
    'squared risk · α = 0.1 · h₀ = $150,000 · 103 steps · final h = $112,000 · converged'
    >>> ex.alpha_slider.value = 0.5
    >>> ex.result.steps, ex.result.h
    (2, 112000.0)
    >>> ex.alpha_slider.value = 2.0
    >>> ex.result.outcome
    'diverged'
    """
    y = erm.as_data(y)
    if risk not in ALPHAS:
        raise ValueError(f"risk must be 'squared' or 'ucsd', got {risk!r}")
    max_iter = erm.check_count("max_iter", max_iter)
    if grid_size is not None:
        grid_size = erm.check_count("grid_size", grid_size)
    start, h0_stops, sigma_stops = _descent_start(y, alpha, h0, sigma, risk)
    return DescentExplorer(y, start, h0_stops, sigma_stops, max_iter, grid_size)


def _descent_start(y, alpha, h0, sigma, risk):
    """The descent explorer's start (risk, each risk's alpha, h0 and sigma), checked, and
    the stops of its h0 and sigma sliders."""
    s_low, s_high, _ = default_sigma_range(y)
    sigma = erm.check_positive("sigma", sigma if sigma is not None else nice(s_high / 2.5))
    check_in_range("sigma", sigma, s_low, s_high, money)
    start = {"risk": risk, "sigma": sigma} | {f"alpha_{r}": ALPHAS[r]["start"] for r in ALPHAS}
    start[f"alpha_{risk}"] = _alpha_units(alpha, risk, sigma)
    h_range = _h0_range(y)
    if h0 is None:
        h0 = round_to(float(np.quantile(y, 0.9)), h_range[2])
    start["h0"] = float(erm.as_h(h0))
    check_in_range("h0", start["h0"], *h_range[:2], money)
    return start, _h0_stops(*h_range), log_range(s_low, s_high, (sigma,))


def _alpha_units(alpha, risk, sigma):
    """The alpha slider's stop for ``alpha`` (in sigma squared on the UCSD risk)."""
    options = ALPHAS[risk]["options"]
    if alpha is None:
        return ALPHAS[risk]["start"]
    alpha = erm.check_positive("alpha", alpha)
    scale = 1.0 if risk == "squared" else sigma ** 2
    unit = "" if risk == "squared" else f" σ² (σ² = {sigma ** 2:,.0f})"
    check_in_range(f"alpha (for the {risk} risk)", alpha / scale, options[0][1],
                   options[-1][1], lambda v: f"{v:.3g}{unit}")
    return nearest_stop(options, alpha / scale)
