"""The sliders of notebooks 04 and 05: sigma over the UCSD risk, alpha for gradient descent.

Each explorer is an ipywidgets ``VBox`` of controls, a text readout, a key and a
:class:`~erm_course.live.LiveFigure` (an ipympl canvas that blits). It builds its figure
once; on every move it replaces the data of the moving artists and blits them, so the
frame reaches the browser within a few milliseconds. What a move did not change is not
recomputed: risk curves and minima are cached per sigma, and the data are checked once,
when the explorer is built.

Plain pytest can drive an explorer by setting ``slider.value`` and reading the line data
(``tests/test_explorers.py``); the browser test drives the same widgets in JupyterLab.

Used in notebooks 04 (:func:`ucsd_explorer`) and 05 (:func:`descent_explorer`).
"""

import ipywidgets as widgets
import numpy as np

import erm_fast as fast
import erm_helpers as erm
from erm_course.live import LRU, LiveFigure, slider_layout
# Shared with the sliders of notebook 06 (loss_explorers.py), so they live in live.py.
from erm_course.live import check_in_range as _check_in_range
from erm_course.live import key as _key
from erm_course.live import log_stops as _alpha_options
from erm_course.live import nice as _nice
from erm_course.live import on_grid as _on_grid
from erm_course.live import rug as _rug
from erm_course.formatting import money, money_or_scientific
from erm_course.style import COLORS, MARKERS, even_h_grid, money_ticks

__all__ = ["ucsd_explorer", "descent_explorer", "UcsdExplorer", "DescentExplorer"]


# --------------------------------------------------------------------------------------
# The sigma explorer (notebook 04)
# --------------------------------------------------------------------------------------

class UcsdExplorer(widgets.VBox):
    """A sigma slider over the UCSD risk; see :func:`ucsd_explorer`."""

    def __init__(self, y, sigma, sigma_range, grid_size):
        self.y = y
        self.grid = even_h_grid(y, num=grid_size)
        self._curves = LRU()
        low, high, step = sigma_range
        self.sigma_slider = widgets.FloatSlider(
            value=_on_grid(sigma, low, step), min=low, max=high, step=step,
            description="σ ($)", readout_format=",.0f", continuous_update=True,
            style={"description_width": "initial"}, layout=slider_layout())
        self.readout = widgets.HTML()
        self.live = LiveFigure(7.0, 3.2)
        self.figure, self.canvas = self.live.figure, self.live.canvas
        ax = self.ax = self.figure.add_subplot()
        _rug(ax, y)
        # The still parts: sigma is in the readout, not the title, so a move changes only
        # the curve and its marks.
        ax.set(xlim=(self.grid[0], self.grid[-1]), ylim=(-0.03, 1.0),
               xlabel="prediction h", ylabel="risk R(h)", title="UCSD risk")
        money_ticks(ax.xaxis, nbins=6)
        # The moving parts, drawn by blitting.
        (self.line,) = ax.plot(self.grid, np.zeros_like(self.grid), color=COLORS["risk"])
        (self.minima_line,) = ax.plot([], [], MARKERS["local minimum"], mfc="none",
                                      mec=COLORS["local minimum"], mew=1.8, markersize=9)
        (self.global_line,) = ax.plot([], [], MARKERS["global minimum"], markersize=14,
                                      color=COLORS["global minimum"])
        for artist in (self.line, self.minima_line, self.global_line):
            self.live.add_moving(artist)
        key = _key(("|", "data", COLORS["data"]), ("━", "UCSD risk", COLORS["risk"]),
                   ("○", "local minima", COLORS["local minimum"]),
                   ("★", "global minimum", COLORS["global minimum"]))
        self.sigma_slider.observe(self._on_change, names="value")
        super().__init__([self.sigma_slider, self.readout, key, self.canvas])
        self.update()

    def _curve(self, sigma):
        def make():
            curve = fast.ucsd_risk_curve(self.grid, self.y, sigma)
            # Minima to a hundredth of a dollar: plenty for the readout, and quick.
            minima = fast.ucsd_minima(self.y, sigma, xtol=0.01)
            risks = fast.ucsd_risk_curve(minima, self.y, sigma)
            return curve, minima, risks
        return self._curves.get_or_make(sigma, make)

    def _on_change(self, change):
        self.update()

    def update(self):
        """Redraw for the slider's current sigma (called on every move)."""
        sigma = float(self.sigma_slider.value)
        curve, minima, risks = self._curve(sigma)
        best = int(np.argmin(risks))
        self.line.set_ydata(curve)
        self.minima_line.set_data(minima, risks)
        self.global_line.set_data(minima[best:best + 1], risks[best:best + 1])
        self.live.show_moves()
        count = minima.size
        self.readout.value = (
            f"σ = {money(sigma)} · {count} local {'minimum' if count == 1 else 'minima'}"
            f" · global minimizer h* = {money(minima[best])}"
            f" · R(h*) = {risks[best]:.4f}")

    @property
    def readout_text(self):
        """The readout as plain text."""
        return self.readout.value

    def __repr__(self):
        return (f"UcsdExplorer: a σ slider over the UCSD risk of {self.y.size} values "
                "(run the notebook to use it)")


# --------------------------------------------------------------------------------------
# The alpha explorer (notebook 05)
# --------------------------------------------------------------------------------------

class DescentExplorer(widgets.VBox):
    """An alpha slider for gradient descent; see :func:`descent_explorer`."""

    # For each risk: the slider's stops, the buttons beside it, and the start. On the
    # squared risk alpha has no unit and 1 is the edge of divergence; on the UCSD risk the
    # slider counts alpha in units of sigma squared (R' is per dollar, so a useful alpha
    # is in dollars squared, of the order of sigma**2).
    ALPHAS = {
        "squared": {"options": _alpha_options(-3, 1, (0.5, 0.75, 1.1), ""),
                    "presets": (0.1, 0.5, 0.75, 1.0, 1.1), "start": 0.1},
        "ucsd": {"options": _alpha_options(-2, 1, (0.25, 2.5), " σ²"),
                 "presets": (0.25, 1.0, 2.0, 2.5), "start": 1.0},
    }

    def __init__(self, y, alpha_units, h0, sigma, risk, max_iter, sigma_range, grid_size):
        self.y = y
        self.mean = float(np.mean(y))
        self.variance = float(np.mean(np.square(y - self.mean)))
        self.max_iter = max_iter
        self.grid = even_h_grid(y, num=grid_size)
        self._curves = LRU()
        self._minima = LRU()
        self._alpha_memory = {risk: alpha_units}   # the last alpha used with each risk
        self.result = None
        self.risk_picker = widgets.ToggleButtons(
            options=[("squared", "squared"), ("UCSD", "ucsd")], value=risk,
            description="risk")
        self.alpha_slider = widgets.SelectionSlider(
            options=self.ALPHAS[risk]["options"], value=alpha_units, description="α",
            continuous_update=True, layout=slider_layout())
        self.presets = widgets.HBox(layout=widgets.Layout(margin="0 0 0 90px"))
        # The buttons of both risks are made once; a switch of risk only swaps the rows.
        self._preset_buttons = {name: [self._preset_button(value, unit)
                                       for value in self.ALPHAS[name]["presets"]]
                                for name, unit in (("squared", ""), ("ucsd", " σ²"))}
        spread = float(np.ptp(y)) or 1.0
        step = _nice(spread / 500)
        h0_low = _round_to(y.min() - spread / 2, step)
        if y.min() >= 0:   # salaries: the course predicts with h >= 0
            h0_low = max(0.0, h0_low)
        h0_high = _round_to(y.max() + spread / 2, step)
        _check_in_range("h0", h0, h0_low, h0_high, money)
        self.h0_slider = widgets.FloatSlider(
            value=_on_grid(h0, h0_low, step), min=h0_low, max=h0_high, step=step,
            description="h₀ ($)", readout_format=",.0f", continuous_update=True,
            layout=slider_layout())
        s_lo, s_hi, s_step = sigma_range
        self.sigma_slider = widgets.FloatSlider(
            value=_on_grid(sigma, s_lo, s_step), min=s_lo, max=s_hi, step=s_step,
            description="σ ($)", readout_format=",.0f", continuous_update=True,
            layout=slider_layout())
        self.readout = widgets.HTML()
        self.live = LiveFigure(7.0, 3.4)
        self.figure, self.canvas = self.live.figure, self.live.canvas
        ax = self.ax = self.figure.add_subplot()
        _rug(ax, y)
        ax.set(xlim=(self.grid[0], self.grid[-1]), xlabel="prediction h")
        money_ticks(ax.xaxis, nbins=6)
        (self.curve_line,) = ax.plot(self.grid, np.zeros_like(self.grid),
                                     color=COLORS["risk"])
        (self.path_line,) = ax.plot([], [], "-" + MARKERS["iterates"],
                                    color=COLORS["iterates"], markersize=4, linewidth=1)
        (self.start_line,) = ax.plot([], [], MARKERS["start"], color=COLORS["start"],
                                     markersize=8)
        for artist in (self.curve_line, self.path_line, self.start_line):
            self.live.add_moving(artist)
        key = _key(("|", "data", COLORS["data"]), ("━", "risk", COLORS["risk"]),
                   ("■", "start h₀", COLORS["start"]),
                   ("●─●", "iterates, in order", COLORS["iterates"]))
        for control in (self.alpha_slider, self.h0_slider, self.sigma_slider):
            control.observe(self._on_change, names="value")
        self.risk_picker.observe(self._on_risk, names="value")
        controls = widgets.VBox([self.risk_picker, self.alpha_slider, self.presets,
                                 self.h0_slider, self.sigma_slider])
        super().__init__([controls, self.readout, key, self.canvas])
        self._set_risk(risk)

    # -- the risk being minimized -------------------------------------------------
    @property
    def squared(self):
        return self.risk_picker.value == "squared"

    @property
    def alpha(self):
        """The learning rate in use: the slider's value, times sigma**2 on the UCSD risk."""
        units = float(self.alpha_slider.value)
        return units if self.squared else units * float(self.sigma_slider.value) ** 2

    def _derivative(self):
        if self.squared:
            mean = self.mean
            return lambda h: fast.squared_slope(h, mean)
        y, sigma = self.y, float(self.sigma_slider.value)
        return lambda h: fast.ucsd_derivative_at(h, y, sigma)

    def _risk_of(self, h):
        if self.squared:
            return fast.squared_risk_from_moments(h, self.mean, self.variance)
        sigma = float(self.sigma_slider.value)
        return fast.ucsd_risk_curve(h, self.y, sigma)

    def _curve(self):
        key = (self.risk_picker.value, None if self.squared else self.sigma_slider.value)
        return self._curves.get_or_make(key, lambda: self._risk_of(self.grid))

    def _ucsd_minima(self):
        """(local minimizers, global minimizer) of the UCSD risk at the current sigma."""
        sigma = float(self.sigma_slider.value)

        def make():
            minima = fast.ucsd_minima(self.y, sigma, xtol=0.01)
            risks = fast.ucsd_risk_curve(minima, self.y, sigma)
            return minima, float(minima[np.argmin(risks)])
        return self._minima.get_or_make(sigma, make)

    # -- reacting to the controls ---------------------------------------------------
    def _on_risk(self, change):
        self._alpha_memory[change["old"]] = self.alpha_slider.value
        self._set_risk(change["new"])

    def _preset_button(self, value, unit):
        button = widgets.Button(description=f"α = {value:g}{unit}",
                                layout=widgets.Layout(width="auto"))
        button.on_click(lambda _: setattr(self.alpha_slider, "value", value))
        return button

    def _set_risk(self, risk):
        settings = self.ALPHAS[risk]
        units = self._alpha_memory.get(risk, settings["start"])
        slider = self.alpha_slider
        # Options and value go to the browser in one message, and the slider's observer
        # is off meanwhile, so no half-changed state is ever drawn or sent back.
        slider.unobserve(self._on_change, names="value")
        with slider.hold_sync():
            slider.options = settings["options"]
            slider.value = units
        slider.observe(self._on_change, names="value")
        self.presets.children = self._preset_buttons[risk]
        self.sigma_slider.disabled = risk == "squared"
        # The still parts change with the risk: limits, title, label. The UCSD risk lies
        # in [0, 1) whatever sigma is, so its axes stay put while sigma moves.
        curve = self._curve()
        top = float(curve.max()) if risk == "squared" else 1.0
        self.ax.set_ylim(-0.04 * top, 1.08 * top)
        self.ax.set_title("squared risk" if risk == "squared" else "UCSD risk")
        self.ax.set_ylabel("R(h), dollars²" if risk == "squared" else "R(h)")
        self.update(redraw_curve=True, full=True)

    def _on_change(self, change):
        self.update(redraw_curve=change["owner"] is self.sigma_slider)

    def update(self, redraw_curve=True, full=False):
        """Run descent for the current controls and redraw the path (and the curve)."""
        if redraw_curve:
            self.curve_line.set_ydata(self._curve())
        h0 = float(self.h0_slider.value)
        run = self.result = erm.gradient_descent(self._derivative(), h0, self.alpha,
                                                 max_iter=self.max_iter)
        path = run.path
        risks = self._risk_of(path)
        self.path_line.set_data(path, risks)
        self.start_line.set_data(path[:1], risks[:1])
        if full:
            self.live.redraw()
        else:
            self.live.show_moves()
        self.readout.value = self._readout(run, h0, risks[-1])

    def _readout(self, run, h0, final_risk):
        units = self.alpha_slider.value
        if self.squared:
            name, rate, note = "squared risk", f"α = {units:.3g}", ""
        else:
            name = f"UCSD risk, σ = {money(self.sigma_slider.value)}"
            rate = f"α = {units:.3g} σ²"
            note = ""
            if final_risk >= 1 - 1e-6:
                # Far from all data the risk is flat at 1 and its slope ~0: descent
                # "converges" there without finding anything.
                note = " on a flat stretch (R ≈ 1)"
            elif run.converged:
                _, best = self._ucsd_minima()
                if abs(run.h - best) > float(self.sigma_slider.value) / 16:
                    note = f" to a local minimum; the global one is at {money(best)}"
        return (f"{name} · {rate} · h₀ = {money(h0)} · {run.steps} steps · "
                f"final h = {money_or_scientific(run.h)} · "
                f"{erm.OUTCOMES[run.outcome]}{note}")

    @property
    def readout_text(self):
        """The readout as plain text."""
        return self.readout.value

    def __repr__(self):
        return (f"DescentExplorer: an α slider for gradient descent on {self.y.size} "
                "values (run the notebook to use it)")


# --------------------------------------------------------------------------------------
# Slider grids and the builders
# --------------------------------------------------------------------------------------

def _sigma_slider_settings(y):
    """A sigma range that suits the spread of the data: (min, max, step)."""
    spread = float(np.ptp(y)) or max(1.0, abs(float(y[0])))
    low = _nice(spread / 70)
    return low, _nice(spread), low / 10


def _nearest_stop(options, value):
    """The slider stop nearest ``value`` on a log scale."""
    stops = np.array([v for _, v in options])
    return float(stops[np.argmin(np.abs(np.log(stops / value)))])


def _round_to(x, step):
    return round(x / step) * step


def ucsd_explorer(y, sigma=None, *, sigma_range=None, grid_size=800):
    """A sigma slider that redraws the UCSD risk and marks its minima.

    Parameters
    ----------
    y : array_like, 1-D
        The data.
    sigma : float, optional
        Starting sigma, inside ``sigma_range``; default: ``max / 2.5`` rounded down to
        1, 2 or 5 times a power of ten.
    sigma_range : tuple of float, optional
        ``(min, max, step)`` of the slider; by default it follows the spread of ``y``.
    grid_size : int, optional
        Number of predictions drawn on the curve.

    Returns
    -------
    UcsdExplorer
        An ipywidgets VBox holding ``sigma_slider``, ``readout`` and the ipympl ``canvas``;
        also ``figure``, ``ax``, ``line``, ``minima_line``, ``global_line``, ``live``
        (the :class:`~erm_course.live.LiveFigure`) and ``readout_text``.

    Examples
    --------
    >>> ex = ucsd_explorer(erm.load_salaries(), sigma=21_000)
    >>> ex.readout_text
    'σ = $21,000 · 2 local minima · global minimizer h* = $95,568 · R(h*) = 0.3631'
    """
    y = erm.as_data(y)
    grid_size = erm.check_count("grid_size", grid_size)
    if sigma_range is None:
        sigma_range = _sigma_slider_settings(y)
    low, high, step = (erm.check_positive(name, v) for name, v in
                       zip(("sigma_range min", "sigma_range max", "sigma_range step"),
                           sigma_range))
    if low >= high:
        raise ValueError(f"sigma_range must go up, got {low} to {high}")
    sigma = erm.check_positive("sigma", sigma if sigma is not None else _nice(high / 2.5))
    _check_in_range("sigma", sigma, low, high, money)
    return UcsdExplorer(y, sigma, (low, high, step), grid_size)


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
    max_iter : int, optional
        Cap on the number of steps of each run.
    grid_size : int, optional
        Number of predictions drawn on the curve.

    Returns
    -------
    DescentExplorer
        An ipywidgets VBox with ``risk_picker``, ``alpha_slider``, ``presets``,
        ``h0_slider``, ``sigma_slider``, ``readout`` and the ipympl ``canvas``; also
        ``alpha`` (the learning rate in use), ``result`` (the last
        :class:`erm_helpers.DescentResult`), ``figure``, ``ax``, ``curve_line``,
        ``path_line``, ``live`` and ``readout_text``.

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
    if risk not in ("squared", "ucsd"):
        raise ValueError(f"risk must be 'squared' or 'ucsd', got {risk!r}")
    max_iter = erm.check_count("max_iter", max_iter)
    grid_size = erm.check_count("grid_size", grid_size)
    sigma_range = _sigma_slider_settings(y)
    sigma = erm.check_positive("sigma", sigma if sigma is not None
                               else _nice(sigma_range[1] / 2.5))
    _check_in_range("sigma", sigma, sigma_range[0], sigma_range[1], money)
    sigma = _on_grid(sigma, sigma_range[0], sigma_range[2])
    options = DescentExplorer.ALPHAS[risk]["options"]
    if alpha is None:
        units = DescentExplorer.ALPHAS[risk]["start"]
    else:
        alpha = erm.check_positive("alpha", alpha)
        scale = 1.0 if risk == "squared" else sigma ** 2
        unit = "" if risk == "squared" else f" σ² (σ² = {sigma ** 2:,.0f})"
        low, high = options[0][1], options[-1][1]
        _check_in_range(f"alpha (for the {risk} risk)", alpha / scale, low, high,
                        lambda v: f"{v:.3g}{unit}")
        units = _nearest_stop(options, alpha / scale)
    spread = float(np.ptp(y)) or 1.0
    if h0 is None:
        h0 = _round_to(float(np.quantile(y, 0.9)), _nice(spread / 500))
    h0 = float(erm.as_h(h0))
    return DescentExplorer(y, units, h0, sigma, risk, max_iter, sigma_range, grid_size)
