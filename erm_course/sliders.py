"""What every explorer's controls share: slider stops and ranges, the key, the data rug.

One rule each, used by the explorers of :mod:`erm_course.explorers`,
:mod:`erm_course.loss_explorers` and :mod:`erm_course.line_explorers`:

- :func:`spread` -- how wide the data are, with one rule for constant data;
- :func:`check_range`, :func:`check_in_range` -- a slider's ``(min, max, step)`` and a
  start inside it, refused in words if wrong (the browser would clamp them silently);
- :func:`log_stops`, :func:`log_range`, :func:`nearest_stop` -- the stops of a log-scale
  slider that holds the exact values the text uses;
- :func:`nice`, :func:`on_grid`, :func:`round_to` -- round values for ranges and grids;
- :func:`sigma_range` -- the sigma slider of the UCSD risk, fitted to the data;
- :class:`LRU` -- a small cache of curves per slider value;
- :func:`rug` -- the data drawn along the bottom of a panel.
"""

import math
from collections import OrderedDict

import numpy as np

import erm_helpers as erm
from erm_course.style import COLORS

__all__ = ["spread", "check_range", "check_in_range", "log_stops", "log_range",
           "nearest_stop", "nice", "on_grid", "round_to", "sigma_range", "padded", "LRU", "rug"]


def spread(y):
    """How wide the data are: max - min, or for constant data the size of the value (at
    least 1), so that ranges built from it are never empty.

    >>> spread(np.array([90_000., 160_000.])), spread(np.array([5_000., 5_000.]))
    (70000.0, 5000.0)
    """
    width = float(np.ptp(y))
    return width if width > 0 else max(1.0, abs(float(y[0])))


def check_range(name, value_range):
    """``(min, max, step)`` of a slider as three positive floats with min < max."""
    low, high, step = (erm.check_positive(f"{name} {part}", v)
                       for part, v in zip(("min", "max", "step"), value_range))
    if low >= high:
        raise ValueError(f"{name} must go up, got {low} to {high}")
    return low, high, step


def check_in_range(name, value, low, high, show):
    """A slider cannot start outside its range (the browser would clamp it silently)."""
    if not low <= value <= high:
        raise ValueError(f"{name} must lie in the slider's range [{show(low)}, {show(high)}]"
                         f", got {show(value)}")


def log_stops(low_exp, high_exp, exact, unit):
    """Stops for a log-scale ``SelectionSlider``, as ``(label, value)`` pairs.

    100 per power of ten from ``10**low_exp`` to ``10**high_exp`` (3 significant digits),
    plus round values (1, 1.5, 2, 2.5, 3, 4, 5, 6, 7.5 times a power of ten) and the
    ``exact`` values the text uses, so that 0.5 is a stop and not 0.501. A FloatLogSlider
    cannot promise that: the browser snaps it to its own grid.

    Examples
    --------
    >>> stops = [v for _, v in log_stops(0, 2, (1.5,), "")]
    >>> stops[:4], stops[-1], all(s in stops for s in (1, 1.5, 2, 3, 10, 100))
    ([1.0, 1.02, 1.05, 1.07], 100.0, True)
    """
    stops = {float(f"{10.0 ** (k / 100):.3g}")
             for k in range(round(low_exp * 100), round(high_exp * 100) + 1)}
    stops |= {float(f"{m * 10.0 ** e:.3g}") for e in range(low_exp, high_exp)
              for m in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 7.5)}
    return [(f"{a:g}{unit}", a) for a in sorted(stops | set(exact))]


def log_range(low, high, exact=()):
    """The values of :func:`log_stops` between ``low`` and ``high`` (both kept): about 100
    per power of ten, 3 significant digits, with ``exact`` values added.

    >>> stops = log_range(1_000, 50_000, (21_000,))
    >>> len(stops), stops[0], stops[-1], 21_000.0 in stops
    (183, 1000.0, 50000.0, True)
    """
    first, last = math.floor(math.log10(low)), math.ceil(math.log10(high))
    values = [v for _, v in log_stops(first, last, tuple(exact) + (low, high), "")]
    return [v for v in values if low <= v <= high]


def nearest_stop(stops, value):
    """The stop nearest ``value`` on a log scale (``stops``: values, or (label, value)).

    >>> nearest_stop([("1", 1.0), ("2", 2.0), ("5", 5.0)], 3.0)
    2.0
    """
    values = np.array([s[1] if isinstance(s, tuple) else s for s in stops], dtype=float)
    finite = values[np.isfinite(values)]
    return float(finite[np.argmin(np.abs(np.log(finite / value)))])


def nice(x):
    """Round ``x > 0`` down to 1, 2 or 5 times a power of ten.

    >>> nice(0.037), nice(70_000 / 70)
    (0.02, 1000.0)
    """
    power = 10.0 ** math.floor(math.log10(x))
    return max(m for m in (1, 2, 5, 10) if m * power <= x * (1 + 1e-12)) * power


def on_grid(value, low, step):
    """``value`` moved to the slider's grid ``low + k * step``.

    The browser shows a slider only on its grid and sends the snapped value back to the
    kernel; snapping here first keeps the kernel, the readout and the browser in step.
    """
    return round(low + round((value - low) / step) * step, 10)


def round_to(x, step):
    """``x`` rounded to a whole number of ``step``."""
    return round(x / step) * step


def sigma_range(y):
    """The sigma slider's ``(min, max, step)`` for the data ``y``: from a seventieth of the
    spread to the spread, rounded to 1, 2 or 5 times a power of ten.

    >>> sigma_range(erm.load_salaries())
    (1000.0, 50000.0, 100.0)
    """
    low = nice(spread(y) / 70)
    return low, nice(spread(y)), low / 10


def padded(values, pad=0.08):
    """Axis limits that hold ``values`` with a margin of ``pad`` of their spread."""
    values = np.asarray(list(values), dtype=float)
    margin = pad * spread(values)
    return float(values.min()) - margin, float(values.max()) + margin


class LRU(OrderedDict):
    """A dict that forgets its least recently used entry past ``size`` entries."""

    def __init__(self, size=64):
        super().__init__()
        self.size = size

    def get_or_make(self, key, make):
        """The value for ``key``, made by ``make()`` the first time it is asked for."""
        if key in self:
            self.move_to_end(key)
        else:
            if len(self) >= self.size:
                self.popitem(last=False)
            self[key] = make()
        return self[key]


def rug(ax, y):
    """The data as ticks along the bottom of ``ax``: part of the still background."""
    ax.plot(y, np.zeros_like(y), "|", color=COLORS["data"], markersize=12)
