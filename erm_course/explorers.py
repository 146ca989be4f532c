"""The sliders of notebooks 04 and 05: sigma over the UCSD risk, alpha for gradient descent.

Each is an :class:`~erm_course.explorer.Explorer`: controls, a readout, a key and a live
figure that blits what moves. What a move does not change is not recomputed: risk curves
and minima are cached per sigma, and the data are checked once, when the explorer is
built, so a move calls the unchecked public functions of :mod:`erm_fast`.

Plain pytest drives an explorer by setting ``slider.value`` and reading the line data
(``tests/test_explorers.py``); the browser test drives the same widgets in JupyterLab.

Used in notebooks 04 (:func:`ucsd_explorer`) and 05 (:func:`descent_explorer`).
"""

import ipywidgets as widgets
import numpy as np

import erm_fast as fast
import erm_helpers as erm
from erm_course.drawing import PX_PER_POINT, Scene
from erm_course.explorer import Explorer
from erm_course.formatting import money, money_or_scientific
from erm_course.sliders import (LRU, check_in_range, check_range, dollar_slider, log_stops,
                                log_range, nearest_stop, nice, round_to, rug, slider_layout, spread)
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
    """An alpha slider for gradient descent; see :func:`descent_explorer`."""

    summary = "an α slider for gradient descent on"

    def __init__(self, y, alpha_units, h0, h0_range, sigma, sigma_range, risk, max_iter,
                 grid_size):
        self.mean = float(np.mean(y))
        self.variance = float(np.mean(np.square(y - self.mean)))
        self.max_iter = max_iter
        self.grid = even_h_grid(y, num=grid_size)
        self._curves, self._minima = LRU(), LRU()
        self._alpha_memory = {risk: alpha_units}   # the last alpha used with each risk
        self.result = None
        self.risk_picker = widgets.ToggleButtons(
            options=[("squared", "squared"), ("UCSD", "ucsd")], value=risk,
            description="risk")
        self.alpha_slider = widgets.SelectionSlider(
            options=ALPHAS[risk]["options"], value=alpha_units, description="α",
            continuous_update=True, layout=slider_layout())
        # The buttons of both risks are made once; a switch of risk only swaps the rows.
        self.presets = widgets.HBox(layout=widgets.Layout(margin="0 0 0 90px"))
        self._preset_buttons = {name: [self._preset_button(v, kind["unit"])
                                       for v in kind["presets"]]
                                for name, kind in ALPHAS.items()}
        self.h0_slider = dollar_slider("h₀ ($)", h0, h0_range)
        self.sigma_slider = dollar_slider("σ ($)", sigma, sigma_range)
        controls = widgets.VBox([self.risk_picker, self.alpha_slider, self.presets,
                                 self.h0_slider, self.sigma_slider])
        super().__init__(y, [controls], key=[
            ("|", "data", COLORS["data"]), ("━", "risk", COLORS["risk"]),
            ("■", "start h₀", COLORS["start"]),
            ("●─●", "iterates, in order", COLORS["iterates"])])
        ax = self.ax = self.figure.add_subplot()
        rug(ax, y)
        ax.set(xlim=(self.grid[0], self.grid[-1]), xlabel="prediction h")
        money_ticks(ax.xaxis, nbins=6)
        (self.curve_line,) = ax.plot(self.grid, np.zeros_like(self.grid),
                                     color=COLORS["risk"])
        (self.path_line,) = ax.plot([], [], "-" + MARKERS["iterates"],
                                    color=COLORS["iterates"], markersize=4, linewidth=1)
        (self.start_line,) = ax.plot([], [], MARKERS["start"], color=COLORS["start"],
                                     markersize=8)
        self.add_moving(self.curve_line, self.path_line, self.start_line)
        self.risk_picker.observe(self._on_risk, names="value")
        for control in (self.alpha_slider, self.h0_slider, self.sigma_slider):
            control.observe(self._on_change, names="value")
        self._set_risk(risk)

    @property
    def squared(self):
        return self.risk_picker.value == "squared"

    @property
    def alpha(self):
        """The learning rate in use: the slider's value, times sigma**2 on the UCSD risk."""
        units = float(self.alpha_slider.value)
        return units if self.squared else units * float(self.sigma_slider.value) ** 2

    def _risk_of(self, h):
        if self.squared:
            return fast.squared_risk_from_moments(h, self.mean, self.variance)
        return fast.ucsd_risk_curve(h, self.y, float(self.sigma_slider.value))

    def _derivative(self):
        if self.squared:
            return lambda h, mean=self.mean: fast.squared_slope(h, mean)
        y, sigma = self.y, float(self.sigma_slider.value)
        return lambda h: fast.ucsd_derivative_at(h, y, sigma)

    def _preset_button(self, value, unit):
        button = widgets.Button(description=f"α = {value:g}{unit}",
                                layout=widgets.Layout(width="auto"))
        button.on_click(lambda _: setattr(self.alpha_slider, "value", value))
        return button

    def _on_risk(self, change):
        self._alpha_memory[change["old"]] = self.alpha_slider.value
        self._set_risk(change["new"])

    def _set_risk(self, risk):
        kind = ALPHAS[risk]
        slider = self.alpha_slider
        # Options and value go to the browser in one message, and the slider's observer
        # is off meanwhile, so no half-changed state is ever drawn or sent back.
        slider.unobserve(self._on_change, names="value")
        with slider.hold_sync():
            slider.options = kind["options"]
            slider.value = self._alpha_memory.get(risk, kind["start"])
        slider.observe(self._on_change, names="value")
        self.presets.children = self._preset_buttons[risk]
        self.sigma_slider.disabled = risk == "squared"
        # The still parts change with the risk: limits, title, label. The UCSD risk lies
        # in [0, 1) whatever sigma is, so its axes stay put while sigma moves.
        top = float(self._curve().max()) if risk == "squared" else 1.0
        self.ax.set_ylim(-0.04 * top, 1.08 * top)
        self.ax.set_title("squared risk" if risk == "squared" else "UCSD risk")
        self.ax.set_ylabel("R(h), dollars²" if risk == "squared" else "R(h)")
        self.refresh(full=True)

    def _curve(self):
        key = (self.risk_picker.value, None if self.squared else self.sigma_slider.value)
        return self._curves.get_or_make(key, lambda: self._risk_of(self.grid))

    def update_artists(self):
        """Run descent for the current controls; set the curve, the path and its start."""
        self.curve_line.set_ydata(self._curve())
        h0 = float(self.h0_slider.value)
        run = self.result = erm.gradient_descent(self._derivative(), h0, self.alpha,
                                                 max_iter=self.max_iter)
        risks = self._risk_of(run.path)
        self.path_line.set_data(run.path, risks)
        self.start_line.set_data(run.path[:1], risks[:1])
        return self._readout(run, h0, risks[-1])

    def _readout(self, run, h0, final_risk):
        units = self.alpha_slider.value
        if self.squared:
            name, rate, note = "squared risk", f"α = {units:.3g}", ""
        else:
            name = f"UCSD risk, σ = {money(self.sigma_slider.value)}"
            rate, note = f"α = {units:.3g} σ²", self._ucsd_note(run, final_risk)
        return (f"{name} · {rate} · h₀ = {money(h0)} · {run.steps} steps · "
                f"final h = {money_or_scientific(run.h)} · "
                f"{erm.OUTCOMES[run.outcome]}{note}")

    def _ucsd_note(self, run, final_risk):
        """Where a run on the UCSD risk stopped, when that is not the global minimum."""
        if final_risk >= 1 - 1e-6:
            # Far from all data the risk is flat at 1 and its slope ~0: descent
            # "converges" there without finding anything.
            return " on a flat stretch (R ≈ 1)"
        sigma = float(self.sigma_slider.value)
        if run.converged:
            minima, risks = self._minima.get_or_make(sigma,
                                                     lambda: _ucsd_minima(self.y, sigma))
            best = float(minima[np.argmin(risks)])
            if abs(run.h - best) > sigma / 16:
                return f" to a local minimum; the global one is at {money(best)}"
        return ""


# --------------------------------------------------------------------------------------
# The builders
# --------------------------------------------------------------------------------------

def _h0_range(y):
    """(min, max, step) of the h0 slider: the data's range and half its spread each side,
    not below 0 for data that are not negative (the course predicts salaries with h >= 0)."""
    width = spread(y)
    step = nice(width / 500)
    low = round_to(y.min() - width / 2, step)
    if y.min() >= 0:
        low = max(0.0, low)
    return low, round_to(y.max() + width / 2, step), step


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
                     max_iter=500, grid_size=800):
    """An alpha slider (log scale) that runs gradient descent and draws its path.

    On the squared risk the slider gives alpha itself; on the UCSD risk it gives alpha
    in units of sigma squared (the readout says "α = 1 σ²"). Buttons beside the slider
    jump to the values the notebook discusses, such as alpha = 0.5 exactly.

    Parameters
    ----------
    y : array_like, 1-D
        The data.
    alpha : float, optional
        Starting learning rate, moved to the slider's nearest stop (default 0.1 for the
        squared risk, sigma**2 for the UCSD risk). For ``risk="ucsd"`` it is in dollars
        squared, as in :func:`erm_helpers.gradient_descent`.
    h0 : float, optional
        Starting prediction (default: the 90th percentile of ``y``, rounded).
    sigma : float, optional
        Scale of the UCSD risk (default as in :func:`ucsd_explorer`).
    risk : {"squared", "ucsd"}
        Which risk to minimize first; the explorer has a picker to switch.
    max_iter, grid_size : int, optional
        Cap on the number of steps of each run; number of predictions drawn on the curve.

    Returns
    -------
    DescentExplorer
        An ipywidgets VBox with ``risk_picker``, ``alpha_slider``, ``presets``,
        ``h0_slider``, ``sigma_slider``, ``readout`` and the ipympl ``canvas``; also
        ``alpha`` (the rate in use), ``result`` (the last run), ``figure``, ``ax``,
        ``curve_line``, ``path_line``, ``live`` and ``readout_text``.

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
    grid_size = erm.check_count("grid_size", grid_size)
    s_range = default_sigma_range(y)
    sigma = erm.check_positive("sigma", sigma if sigma is not None else nice(s_range[1] / 2.5))
    check_in_range("sigma", sigma, *s_range[:2], money)
    units = _alpha_units(alpha, risk, sigma)
    h_range = _h0_range(y)
    if h0 is None:
        h0 = round_to(float(np.quantile(y, 0.9)), h_range[2])
    h0 = float(erm.as_h(h0))
    check_in_range("h0", h0, *h_range[:2], money)
    return DescentExplorer(y, units, h0, h_range, sigma, s_range, risk, max_iter, grid_size)


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
