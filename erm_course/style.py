"""What every figure and explorer shares: colours, axes, dollar ticks and h grids.

Nothing here changes matplotlib's global settings; each helper works on the axes it is
given or on a new figure of its own.
"""

import math

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.ticker import FuncFormatter, MaxNLocator, ScalarFormatter

import erm_helpers as erm
from erm_course.formatting import tex_money

# One colour and one marker per role, in every figure, static or live. The colours are
# Okabe and Ito's palette, which readers with any common colour-vision deficiency can tell
# apart; each role also has its own marker or line style, so colour is never the only cue
# (red against green in particular never is).
OKABE_ITO = {"black": "#000000", "orange": "#E69F00", "sky blue": "#56B4E9",
             "bluish green": "#009E73", "yellow": "#F0E442", "blue": "#0072B2",
             "vermillion": "#D55E00", "reddish purple": "#CC79A7", "grey": "#999999"}

COLORS = {
    "data": OKABE_ITO["black"],            # the salaries: dots, corners, rug ticks
    "absolute": OKABE_ITO["blue"],         # the absolute risk and its minimizer, the median
    "median": OKABE_ITO["blue"],
    "squared": OKABE_ITO["vermillion"],    # the squared risk and its minimizer, the mean
    "mean": OKABE_ITO["vermillion"],
    "risk": OKABE_ITO["blue"],             # the one risk curve of a figure (UCSD, descent)
    # notebook 01's two predictions, named by value ($150,000 and $115,000), in order
    "first prediction": OKABE_ITO["reddish purple"],
    "second prediction": OKABE_ITO["bluish green"],
    "other prediction": OKABE_ITO["grey"],  # any further prediction marked on a figure
    "local minimum": OKABE_ITO["orange"],
    "global minimum": OKABE_ITO["vermillion"],
    "start": OKABE_ITO["bluish green"],    # descent's start h0
    "iterates": OKABE_ITO["reddish purple"],
    "check": OKABE_ITO["orange"],          # numerical checks drawn over a formula
    # notebook 06: the other summaries and the minimizers of the other losses
    "midrange": OKABE_ITO["reddish purple"],
    "huber": OKABE_ITO["bluish green"],
    "ucsd": OKABE_ITO["orange"],
    # notebook 08: the line and its residuals, the valley floor, the three ranks
    "line": OKABE_ITO["vermillion"],       # the least-squares line, as the mean was
    "residual": OKABE_ITO["grey"],
    "floor": OKABE_ITO["reddish purple"],  # the valley floor of the risk surface
    "current": OKABE_ITO["blue"],          # the (w0, w1) the sliders point at
    "assistant": OKABE_ITO["orange"],
    "associate": OKABE_ITO["bluish green"],
    "full": OKABE_ITO["blue"],
}

# Curves that have no role of their own (one per sigma, one per alpha) take these in turn:
# a colour, a line style and a marker each, so they differ in more than colour.
SERIES = ((OKABE_ITO["blue"], "-", "o"), (OKABE_ITO["orange"], "--", "s"),
          (OKABE_ITO["reddish purple"], "-.", "^"), (OKABE_ITO["bluish green"], ":", "D"),
          (OKABE_ITO["vermillion"], (0, (5, 1)), "v"), (OKABE_ITO["sky blue"], "-", "P"))

# Every static figure is made at this resolution, so it stays sharp on a high-density
# screen, and no text in it is smaller than FONT_SIZE points. Both are set per figure
# (below and in each figure function), never in matplotlib's global rcParams.
FIGURE_DPI = 150
FONT_SIZE = 10
#: The width of a notebook column in JupyterLab, in pixels. A wider figure is shrunk to fit,
#: and its text with it: so a figure is at most this wide at FIGURE_DPI (6.67 inches), or its
#: text is larger in proportion (``tests/test_style.py`` checks every figure).
COLUMN_PIXELS = 1000

MARKERS = {
    "data": "o",                 # "|" where the data are a rug along the bottom
    "local minimum": "o",        # drawn open (mfc="none")
    "global minimum": "*",
    "start": "s",
    "iterates": "o",             # small, joined by a thin line in order
    "check": "o",                # drawn open
    "first prediction": "--",    # line styles for notebook 01's predictions
    "second prediction": "-.",
    # notebook 06: each minimizer has a shape and a line style of its own
    "mean": "o", "median": "s", "midrange": "D", "huber": "^", "ucsd": "v",
    # notebook 08: each rank has a shape of its own
    "assistant": "^", "associate": "s", "full": "o", "binned mean": "D", "current": "o",
}

#: Line styles of the minimizers drawn together in notebook 06 (with MARKERS, so that
#: colour is never the only cue).
LINESTYLES = {"mean": "-", "median": "--", "midrange": ":", "huber": "-.",
              "ucsd": (0, (1, 1.5))}


# -- dollars on axes and in figure text ----------------------------------------------------

def money_ticks(axis, nbins=4):
    """Label an axis in dollars ($100,000) with at most ``nbins`` intervals."""
    axis.set_major_locator(MaxNLocator(nbins=nbins))
    axis.set_major_formatter(FuncFormatter(lambda v, _: tex_money(v)))


def plain_ticks(axis):
    """Plain tick labels on ``axis``: no offset or "1e9" printed at the end of the axis.

    An offset label is easy to miss, and a reader then takes 0.7 for the value; use
    :func:`scaled_ticks` and say the unit in the axis label instead.
    """
    axis.set_major_formatter(ScalarFormatter(useOffset=False))
    axis.get_major_formatter().set_scientific(False)


def scaled_ticks(axis, scale):
    """Tick labels in units of ``scale`` (such as 1e9 for billions), with no offset label.

    The axis label must then name the unit ("billions of dollars²"): the ticks alone
    read 1, 2, 3.
    """
    axis.set_major_formatter(FuncFormatter(lambda v, _: f"{v / scale:,.6g}"))


# -- the predictions h at which a curve is drawn -------------------------------------------

def as_h_grid(h):
    """Check predictions given for drawing: a 1-D array of at least two of them."""
    h = erm.as_h(h)
    if h.ndim != 1 or h.size < 2:
        raise ValueError(f"h must be a 1-D array of at least 2 predictions, "
                         f"got shape {h.shape}")
    return h


def even_h_grid(y, h=None, extra=(), num=2000):
    """The predictions to draw: ``h`` if given, else the range of ``y`` (and ``extra``)
    with a quarter of its spread on each side, evenly spaced."""
    if h is not None:
        return as_h_grid(h)
    span = np.concatenate([y, np.ravel(extra)])
    spread = float(np.ptp(span)) or max(1.0, abs(float(span[0])))
    return np.linspace(span.min() - spread / 4, span.max() + spread / 4, num)


def h_grid_with_data(y, h=None, points=400, pad=0.25):
    """The predictions to draw: ``h`` if given, else an even grid plus every data point.

    The grid reaches ``pad`` times the data's range beyond it on both sides, but not below
    0: the course minimizes over non-negative h. The data points are included so that a
    piecewise linear curve is drawn with its corners exactly where they are.
    """
    if h is not None:
        return np.sort(as_h_grid(h))
    lo, hi = float(np.min(y)), float(np.max(y))
    margin = pad * (hi - lo) if hi > lo else max(1.0, 0.1 * abs(hi))
    lo, hi = max(0.0, lo - margin), hi + margin
    grid = np.union1d(np.linspace(lo, hi, points), y)
    return grid[(grid >= lo) & (grid <= hi)]


# -- axes: the ones given, or new ones -----------------------------------------------------

def axes_or_new(ax, figsize, nrows=1, ncols=1, **subplots):
    """``ax`` if given, else new axes from ``plt.subplots`` on a figure of ``figsize``."""
    if ax is not None:
        return ax
    _, ax = plt.subplots(nrows, ncols, figsize=figsize, layout="constrained",
                         dpi=FIGURE_DPI, **subplots)
    return ax


def panels_or_new(axes, count, ncols=2, panel=(4.2, 3.0)):
    """``count`` axes: the first ones of ``axes`` (any nesting), or a new figure's panels."""
    if axes is None:
        ncols = max(1, min(ncols, count))
        nrows = math.ceil(count / ncols)
        fig, grid = plt.subplots(nrows, ncols, squeeze=False, layout="constrained",
                                 figsize=(panel[0] * ncols, panel[1] * nrows),
                                 dpi=FIGURE_DPI)
        flat = list(grid.ravel())
        for spare in flat[count:]:
            fig.delaxes(spare)
        return flat[:count]
    flat = list(np.ravel(np.asarray(axes, dtype=object)))
    if len(flat) < count:
        raise ValueError(f"need {count} axes, got {len(flat)}")
    return flat[:count]


def data_rug(ax, y):
    """Tick marks for the data along the bottom of ``ax`` (x in data units)."""
    (rug,) = ax.plot(y, np.full(y.size, 0.04), "|", color=COLORS["data"], ms=10, alpha=0.7,
                     transform=ax.get_xaxis_transform(), label="data")
    return rug
