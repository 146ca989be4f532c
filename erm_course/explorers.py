"""The sliders: a sigma explorer over the UCSD risk and an alpha explorer for descent.

Each explorer is an ipywidgets ``VBox`` of controls, a text readout and an ipympl canvas.
It builds its figure once and, on every slider move, only replaces line data (set_data)
and asks for a redraw (draw_idle). What a move did not change is not recomputed: risk
curves are cached per sigma, and the data are checked once, when the explorer is built.

The figure is a plain matplotlib Figure inside an ipympl Canvas made here, not through
pyplot, so it is never shown twice, never kept alive by pyplot, and works under any
backend (and in plain pytest, where tests set slider values and read the line data).

Used in notebooks 04 (:func:`ucsd_explorer`) and 05 (:func:`descent_explorer`).
"""

import math
import sys
import warnings
from collections import OrderedDict

import ipywidgets as widgets
import matplotlib
import numpy as np
from matplotlib.figure import Figure

import erm_helpers as erm
# The unchecked inner loops of erm_helpers: the data were checked once when the explorer
# was built, so a slider move (up to 500 descent steps) skips re-checking them each time.
from erm_helpers import (_block_sums, _squared_from_moments, _squared_slope,
                         _ucsd_loss_inplace, _ucsd_minima, _ucsd_slope_at)
from erm_course.style import even_h_grid, money_or_scientific, money_ticks, tex_money
from erm_course.tables import money

__all__ = ["ucsd_explorer", "descent_explorer", "UcsdExplorer", "DescentExplorer"]


def _import_ipympl_quietly():
    """Import ipympl without letting it switch pyplot's backend.

    ipympl/__init__.py calls matplotlib.use("module://ipympl.backend_nbagg") when first
    imported, which would turn every later static pyplot figure of the notebook into a
    widget instead of an inline PNG. The canvases made here need no pyplot backend, so
    the switch is skipped for the duration of that one import.
    """
    if "ipympl" in sys.modules:
        return
    use = matplotlib.use
    matplotlib.use = lambda *args, **kwargs: None
    try:
        import ipympl  # noqa: F401
    finally:
        matplotlib.use = use


_import_ipympl_quietly()
from ipympl.backend_nbagg import Canvas, FigureManager  # noqa: E402  (after the guard)

_CACHE_SIZE = 64   # risk curves kept per explorer (one per sigma value visited)


def _nice(x):
    """Round ``x > 0`` down to 1, 2 or 5 times a power of ten."""
    power = 10.0 ** math.floor(math.log10(x))
    return max(m for m in (1, 2, 5, 10) if m * power <= x * (1 + 1e-12)) * power


def _sigma_slider_settings(y):
    """A sigma range that suits the spread of the data: (min, max, step)."""
    spread = float(np.ptp(y)) or max(1.0, abs(float(y[0])))
    low = _nice(spread / 70)
    return low, _nice(spread), low / 10


def _ipympl_figure(width, height):
    """A Figure inside an ipympl Canvas widget, made without pyplot."""
    # Fixed margins rather than a layout engine: a redraw then costs about half as much.
    figure = Figure(figsize=(width, height), dpi=100)
    figure.subplots_adjust(left=0.1, right=0.98, bottom=0.15, top=0.9)
    canvas = Canvas(figure)
    with warnings.catch_warnings():
        # ipympl's toolbar passes its canvas on to traitlets, which warns; not ours to fix.
        warnings.filterwarnings("ignore", "Passing unrecognized arguments",
                                DeprecationWarning)
        FigureManager(canvas, 0)    # handles the messages from the browser
    canvas.header_visible = False
    canvas.footer_visible = False
    canvas.resizable = False
    canvas.toolbar_visible = "fade-in-fade-out"
    return figure, canvas


class _LRU(OrderedDict):
    """A dict that forgets its least recently used entry past ``_CACHE_SIZE``."""

    def get_or_make(self, key, make):
        if key in self:
            self.move_to_end(key)
        else:
            if len(self) >= _CACHE_SIZE:
                self.popitem(last=False)
            self[key] = make()
        return self[key]


class UcsdExplorer(widgets.VBox):
    """A sigma slider over the UCSD risk; see :func:`ucsd_explorer`."""

    def __init__(self, y, sigma, sigma_range, grid_size):
        self.y = y
        self.grid = even_h_grid(y, num=grid_size)
        self._curves = _LRU()
        low, high, step = sigma_range
        self.sigma_slider = widgets.FloatSlider(
            value=_on_grid(sigma, low, step), min=low, max=high, step=step,
            description="σ ($)",
            readout_format=",.0f", continuous_update=True,
            style={"description_width": "initial"},
            layout=widgets.Layout(width="520px"))
        self.readout = widgets.HTML()
        self.figure, self.canvas = _ipympl_figure(7.0, 3.2)
        ax = self.ax = self.figure.add_subplot()
        ax.plot(y, np.zeros_like(y), "|", color="0.3", markersize=12, label="data")
        (self.line,) = ax.plot(self.grid, np.zeros_like(self.grid), color="C0",
                               label="UCSD risk")
        (self.minima_line,) = ax.plot([], [], "v", color="C1", markersize=7,
                                      label="local minima")
        (self.global_line,) = ax.plot([], [], "*", color="C3", markersize=14,
                                      label="global minimum")
        # A fixed title: sigma is in the readout, so only the curve and its marks
        # change on a move (the browser test compares the pixels of the figure).
        ax.set(xlim=(self.grid[0], self.grid[-1]), ylim=(-0.03, 1.0),
               xlabel="prediction h", ylabel="risk R(h)", title="UCSD risk")
        money_ticks(ax.xaxis, nbins=6)
        # The key is HTML beside the figure, not a legend inside it: a legend is
        # redrawn on every move and cost a fifth of each frame.
        key = widgets.HTML('<span style="color:#555">| data &nbsp; '
                           '<span style="color:#1f77b4">━ UCSD risk</span> &nbsp; '
                           '<span style="color:#ff7f0e">▼ local minima</span> &nbsp; '
                           '<span style="color:#d62728">★ global minimum</span></span>')
        self.sigma_slider.observe(self._on_change, names="value")
        super().__init__([self.sigma_slider, self.readout, key, self.canvas])
        self.update()

    def _curve(self, sigma):
        def make():
            curve = _block_sums(self.grid, self.y, sigma, _ucsd_loss_inplace)
            curve /= self.y.size
            # Minima to a hundredth of a dollar: plenty for the readout, and quick.
            minima = _ucsd_minima(self.y, sigma, xtol=0.01)
            risks = _block_sums(minima, self.y, sigma, _ucsd_loss_inplace)
            return curve, minima, risks / self.y.size
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
        count = minima.size
        self.readout.value = (
            f"σ = {money(sigma)} · {count} local {'minimum' if count == 1 else 'minima'}"
            f" · global minimizer h* = {money(minima[best])}"
            f" · R(h*) = {risks[best]:.4f}")
        self.canvas.draw_idle()

    @property
    def readout_text(self):
        """The readout as plain text."""
        return self.readout.value

    def __repr__(self):
        return (f"UcsdExplorer: a σ slider over the UCSD risk of {self.y.size} values "
                "(run the notebook to use it)")

class DescentExplorer(widgets.VBox):
    """An alpha slider for gradient descent; see :func:`descent_explorer`."""

    # log10 of the alpha slider's range for each risk. Squared risk: alpha is unitless,
    # 1 is the edge of divergence. UCSD risk: alpha is in dollars squared (order sigma^2).
    ALPHA_RANGES = {"squared": (-3.0, 1.0, 0.1), "ucsd": (6.0, 11.0, 8.0)}

    def __init__(self, y, alpha, h0, sigma, risk, max_iter, sigma_range, grid_size):
        self.y = y
        self.mean = float(np.mean(y))
        self.variance = float(np.mean(np.square(y - self.mean)))
        self.max_iter = max_iter
        self.grid = even_h_grid(y, num=grid_size)
        self._curves = _LRU()
        self._alpha_memory = {}      # the last alpha used with each risk
        self.result = None
        self.risk_picker = widgets.ToggleButtons(
            options=[("squared", "squared"), ("UCSD", "ucsd")], value=risk,
            description="risk")
        lo, hi, default = self.ALPHA_RANGES[risk]
        start = (alpha if alpha is not None else 10.0 ** default if risk == "ucsd"
                 else default)
        _check_in_range(f"alpha (for the {risk} risk)", start, 10.0 ** lo, 10.0 ** hi,
                        lambda v: f"{v:.3g}")
        spread = float(np.ptp(y)) or 1.0
        step = _nice(spread / 500)
        h0_low = _round_to(y.min() - spread / 2, step)
        if y.min() >= 0:   # salaries: the course predicts with h >= 0
            h0_low = max(0.0, h0_low)
        h0_high = _round_to(y.max() + spread / 2, step)
        _check_in_range("h0", h0, h0_low, h0_high, money)
        _check_in_range("sigma", sigma, sigma_range[0], sigma_range[1], money)
        self.alpha_slider = widgets.FloatLogSlider(
            value=_on_log_grid(start, lo), base=10, min=lo, max=hi,
            step=_ALPHA_STEP, description="α",
            readout_format=".3g", continuous_update=True,
            layout=widgets.Layout(width="520px"))
        self.h0_slider = widgets.FloatSlider(
            value=_on_grid(h0, h0_low, step), min=h0_low, max=h0_high, step=step,
            description="h₀ ($)", readout_format=",.0f",
            layout=widgets.Layout(width="520px"))
        s_lo, s_hi, s_step = sigma_range
        self.sigma_slider = widgets.FloatSlider(
            value=_on_grid(sigma, s_lo, s_step), min=s_lo, max=s_hi, step=s_step,
            description="σ ($)",
            readout_format=",.0f", layout=widgets.Layout(width="520px"))
        self.readout = widgets.HTML()
        self.figure, self.canvas = _ipympl_figure(7.0, 3.4)
        ax = self.ax = self.figure.add_subplot()
        ax.plot(y, np.zeros_like(y), "|", color="0.3", markersize=12)
        (self.curve_line,) = ax.plot(self.grid, np.zeros_like(self.grid), color="C0")
        (self.path_line,) = ax.plot([], [], "o-", color="C3", markersize=4,
                                    linewidth=1, alpha=0.8, label="iterates")
        (self.start_line,) = ax.plot([], [], "s", color="C2", markersize=8,
                                     label="start h₀")
        ax.set(xlim=(self.grid[0], self.grid[-1]), xlabel="prediction h",
               ylabel="risk R(h)")
        money_ticks(ax.xaxis, nbins=6)
        key = widgets.HTML('<span style="color:#555">| data &nbsp; '
                           '<span style="color:#1f77b4">━ risk</span> &nbsp; '
                           '<span style="color:#2ca02c">■ start h₀</span> &nbsp; '
                           '<span style="color:#d62728">●─● iterates, in order</span>'
                           '</span>')
        for control in (self.alpha_slider, self.h0_slider, self.sigma_slider):
            control.observe(self._on_change, names="value")
        self.risk_picker.observe(self._on_risk, names="value")
        controls = widgets.VBox([self.risk_picker, self.alpha_slider, self.h0_slider,
                                 self.sigma_slider])
        super().__init__([controls, self.readout, key, self.canvas])
        self._set_risk(risk, redraw_curve=True)

    # -- the risk being minimized -------------------------------------------------
    def _derivative(self):
        if self.risk_picker.value == "squared":
            mean = self.mean
            return lambda h: _squared_slope(h, mean)
        y, sigma = self.y, float(self.sigma_slider.value)
        return lambda h: _ucsd_slope_at(h, y, sigma)

    def _risk_of(self, h):
        if self.risk_picker.value == "squared":
            return _squared_from_moments(h, self.mean, self.variance)
        sigma = float(self.sigma_slider.value)
        return _block_sums(h, self.y, sigma, _ucsd_loss_inplace) / self.y.size

    def _curve(self):
        key = (self.risk_picker.value,
               None if self.risk_picker.value == "squared" else self.sigma_slider.value)
        return self._curves.get_or_make(key, lambda: self._risk_of(self.grid))

    # -- reacting to the controls ---------------------------------------------------
    def _on_risk(self, change):
        self._alpha_memory[change["old"]] = self.alpha_slider.value
        self._set_risk(change["new"], redraw_curve=True)

    def _set_risk(self, risk, redraw_curve):
        lo, hi, default = self.ALPHA_RANGES[risk]
        alpha = self._alpha_memory.get(risk, self.alpha_slider.value
                                       if lo <= math.log10(self.alpha_slider.value) <= hi
                                       else 10.0 ** default if risk == "ucsd"
                                       else default)
        # Widen the range, set alpha, then narrow it: no step leaves the value outside
        # the range, or the browser clamps it and sends the clamped alpha back (found
        # by tests/test_browser.py; plain pytest cannot see it).
        slider = self.alpha_slider
        slider.unobserve(self._on_change, names="value")
        slider.min, slider.max = min(slider.min, lo), max(slider.max, hi)
        slider.value = _on_log_grid(alpha, lo)
        slider.min, slider.max = lo, hi
        slider.observe(self._on_change, names="value")
        self.sigma_slider.disabled = risk == "squared"
        self.update(redraw_curve=redraw_curve)

    def _on_change(self, change):
        self.update(redraw_curve=change["owner"] is self.sigma_slider)

    def update(self, redraw_curve=True):
        """Run descent for the current controls and redraw the path."""
        if redraw_curve:
            curve = self._curve()
            self.curve_line.set_ydata(curve)
            top = float(curve.max())
            self.ax.set_ylim(-0.04 * top, 1.08 * top)
            label = ("squared risk" if self.risk_picker.value == "squared"
                     else f"UCSD risk, σ = {tex_money(self.sigma_slider.value)}")
            self.ax.set_title(label)
            self.ax.set_ylabel("R(h), dollars squared" if self.risk_picker.value ==
                               "squared" else "R(h)")
        alpha, h0 = float(self.alpha_slider.value), float(self.h0_slider.value)
        run = self.result = erm.gradient_descent(self._derivative(), h0, alpha,
                                                 max_iter=self.max_iter)
        path = run.path
        risks = self._risk_of(path)
        self.path_line.set_data(path, risks)
        self.start_line.set_data(path[:1], risks[:1])
        squared = self.risk_picker.value == "squared"
        name = ("squared risk" if squared
                else f"UCSD risk, σ = {money(self.sigma_slider.value)}")
        # Far from all data the UCSD risk is flat at 1 and its slope ~0: descent
        # "converges" there without finding anything.
        flat = "" if squared or risks[-1] < 1 - 1e-6 else " on a flat stretch (R ≈ 1)"
        self.readout.value = (
            f"{name} · α = {alpha:.3g} · h₀ = {money(h0)} · {run.steps} steps · "
            f"final h = {money_or_scientific(run.h)} · {erm.OUTCOMES[run.outcome]}{flat}")
        self.canvas.draw_idle()

    @property
    def readout_text(self):
        """The readout as plain text."""
        return self.readout.value

    def __repr__(self):
        return (f"DescentExplorer: an α slider for gradient descent on {self.y.size} "
                "values (run the notebook to use it)")



def _check_in_range(name, value, low, high, show):
    """A slider cannot start outside its range (the browser would clamp it silently)."""
    if not low <= value <= high:
        raise ValueError(f"{name} must lie in the slider's range [{show(low)}, {show(high)}]"
                         f", got {show(value)}")


# Steps of the alpha slider, in powers of ten.
_ALPHA_STEP = 0.01


def _on_grid(value, low, step):
    """``value`` moved to the slider's grid ``low + k * step``.

    The browser shows a slider only on its grid and sends the snapped value back to the
    kernel; snapping here first keeps the kernel, the readout and the browser in step.
    """
    return round(low + round((value - low) / step) * step, 10)


def _on_log_grid(value, low):
    """``value`` moved to the alpha slider's grid of exponents ``low + k * _ALPHA_STEP``."""
    return float(10.0 ** _on_grid(math.log10(value), low, _ALPHA_STEP))


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
        also ``figure``, ``ax``, ``line``, ``minima_line``, ``global_line`` and
        ``readout_text``.

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

    Parameters
    ----------
    y : array_like, 1-D
        The data.
    alpha : float, optional
        Starting learning rate (default 0.1 for the squared risk, 1e8 for the UCSD risk).
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
        An ipywidgets VBox with ``risk_picker``, ``alpha_slider``, ``h0_slider``,
        ``sigma_slider``, ``readout`` and the ipympl ``canvas``; also ``result`` (the last
        :class:`DescentResult`), ``figure``, ``ax``, ``curve_line``, ``path_line`` and
        ``readout_text``.

    Examples
    --------
    >>> ex = descent_explorer(erm.load_salaries(), alpha=0.1, h0=150_000)
    >>> ex.readout_text
    'squared risk · α = 0.1 · h₀ = $150,000 · 103 steps · final h = $112,000 · converged'
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
    if alpha is not None:
        alpha = erm.check_positive("alpha", alpha)
    spread = float(np.ptp(y)) or 1.0
    if h0 is None:
        h0 = _round_to(float(np.quantile(y, 0.9)), _nice(spread / 500))
    h0 = float(erm.as_h(h0))
    return DescentExplorer(y, alpha, h0, sigma, risk, max_iter, sigma_range, grid_size)
