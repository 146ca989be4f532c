"""The drawing layer under every explorer: a scene that the page draws by itself.

A slider's frame must reach the screen within a display frame or two, and a drag must draw
every value it passes. Both are out of reach when each move travels to the kernel and a
picture travels back (ipywidgets keeps one message in flight, so a drag shows only part of
its values). So the page draws, and Python only describes what to draw:

- the **still parts** (axes, ticks, labels, the data, reference lines) are drawn once by
  matplotlib and sent as a PNG, with each axes' box and limits, so the page can map data to
  pixels exactly as matplotlib does;
- what **moves** is sent as data: a *family* of curves indexed by a slider's stops (one row
  per stop, float32, as many points as the panel has pixels), constant arrays, or, where the
  combinations are too many to send, a small *program* that the page runs on data it was
  sent (gradient descent on the salaries, the line w0 + w1 x); its readout is written the
  way Python writes it;
- the **controls** are the page's own (range inputs over the stops, buttons), so no shortcut
  of JupyterLab or Notebook 7 takes their keys, and they work on the website too.

The page draws on every input event and sends the controls' values back to Python (at most
every 60 ms, never holding a frame back), so ``explorer.sigma_slider.value`` stays current.
The JavaScript is ``drawing.js`` beside this module (one file, no build step, no network);
anywidget loads it in JupyterLab and Notebook 7, and ``site/build_site.py`` loads it on the
website with the state stored in the notebook.
"""

import io
import re
from pathlib import Path

import anywidget
import numpy as np
import traitlets
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

__all__ = ["Scene", "PageWidget", "Control", "SCRIPT", "STYLE", "PX_PER_POINT",
           "classic_script"]

#: The page's code and style, read once.
SCRIPT = Path(__file__).with_name("drawing.js").read_text(encoding="utf-8")
STYLE = """
.erm-explorer { font: 13px/1.4 var(--jp-ui-font-family, sans-serif); color: #1f1f1f; }
.erm-explorer .erm-row { display: flex; align-items: center; gap: 8px; margin: 2px 0; }
.erm-explorer .erm-row[hidden] { display: none; }
.erm-explorer .erm-label { width: 110px; text-align: right; flex: none; white-space: nowrap; }
.erm-explorer .erm-range { width: 420px; accent-color: #0072B2; }
.erm-explorer .erm-value { min-width: 80px; font-variant-numeric: tabular-nums; }
.erm-explorer .erm-presets { margin-left: 118px; }
.erm-explorer .erm-button { border: 1px solid #bbb; background: #f3f3f3; padding: 2px 8px;
  border-radius: 2px; cursor: pointer; font: inherit; }
.erm-explorer .erm-button.erm-selected { background: #cfe3f3; border-color: #0072B2; }
.erm-explorer .erm-readout { margin: 6px 0 2px; }
.erm-explorer .erm-key { display: flex; gap: 14px; margin: 2px 0 4px; }
.erm-explorer .erm-figure { position: relative; }
.erm-explorer .erm-background, .erm-explorer .erm-canvas { position: absolute; left: 0;
  top: 0; }
"""

#: CSS pixels per typographic point at the figure's 100 dpi: a matplotlib line width or
#: marker size in points, times this, is the page's size in pixels.
PX_PER_POINT = 100 / 72

#: The background is drawn at this many pixels per CSS pixel, so it stays sharp on a screen
#: of pixel ratio 2 (and is shrunk on others).
BACKGROUND_SCALE = 2


def _bytes(values, dtype):
    """C-ordered bytes of ``values`` as ``dtype``: what travels as a binary buffer."""
    return np.ascontiguousarray(values, dtype=dtype).tobytes()


class Scene:
    """What an explorer's page draws: a matplotlib figure for the still parts, plus the
    controls, the data of what moves, and the marks that draw it.

    Parameters
    ----------
    width, height : float
        The figure's size in inches; at 100 dpi, one inch is 100 CSS pixels.

    Attributes
    ----------
    figure : matplotlib.figure.Figure
        Draw the still parts on its axes (made without pyplot).
    """

    def __init__(self, width, height):
        self.figure = Figure(figsize=(width, height), dpi=100)
        FigureCanvasAgg(self.figure)
        self.figure.subplots_adjust(left=0.1, right=0.98, bottom=0.15, top=0.9)
        self.controls, self.marks, self.key = [], [], []
        self.families, self.arrays = {}, {}
        self.readouts, self.program, self.alt = None, None, ""
        self.views, self.view_by = {}, None

    # -- controls ---------------------------------------------------------------------
    def slider(self, name, label, values, labels, when=None, enabled=None):
        """A slider over the stops ``values`` (shown as ``labels``); its value in the page
        is the stop's index, and ``arrays[name + "_stops"]`` holds the values."""
        values = np.asarray(values, dtype=float)
        self.array(f"{name}_stops", values)
        self.controls.append({"kind": "slider", "name": name, "label": label,
                              "labels": list(labels), "when": when, "enabled": enabled})

    def toggle(self, name, label, options):
        """Buttons of which one is selected: ``options`` are (text, value) pairs."""
        self.controls.append({"kind": "toggle", "name": name, "label": label,
                              "options": [list(o) for o in options]})

    def presets(self, target, buttons, when=None):
        """Buttons that move the slider ``target`` to a stop: (text, index) pairs."""
        self.controls.append({"kind": "presets", "target": target, "when": when,
                              "buttons": [[text, int(i)] for text, i in buttons]})

    # -- data ---------------------------------------------------------------------------
    def family(self, name, rows, by):
        """One row per stop of the slider ``by`` (float32: a curve needs no more)."""
        rows = np.asarray(rows, dtype=np.float32)
        self.families[name] = {"data": _bytes(rows, np.float32), "shape": list(rows.shape),
                               "by": by}
        return {"family": name}

    def array(self, name, values):
        """Constant numbers (float64: also the values a readout or a program uses)."""
        self.arrays[name] = {"data": _bytes(np.ravel(values), np.float64)}
        return {"array": name}

    def readout_family(self, texts, by):
        """The readout at each stop of the slider ``by``."""
        self.readouts = {"texts": list(texts), "by": by}

    # -- marks --------------------------------------------------------------------------
    def mark(self, kind, ax, x, y, **style):
        """Draw ``kind`` ("line", "segments" or "vline", with or without a ``marker``) on
        ``ax`` from the sources ``x`` and ``y``: a number, a list, ``{"array": name}``,
        ``{"family": name}``, ``{"stop": slider + "_stops"}`` (the value of that slider's
        current stop) or ``{"computed": name}`` (what the page's program returns)."""
        self.marks.append({"kind": kind, "axes": self.figure.axes.index(ax), "x": x, "y": y,
                           **{k: v for k, v in style.items() if v is not None}})

    def pixels(self, ax):
        """The width of ``ax`` in CSS pixels: as many points as a curve across it needs."""
        return max(2, int(round(ax.get_position().width * self.size[0])))

    # -- the still parts: one view, or one per option of a toggle ------------------------
    @property
    def size(self):
        """(width, height) of the figure in CSS pixels."""
        return tuple(int(round(v * 100)) for v in self.figure.get_size_inches())

    def snapshot(self, name="", by=None):
        """Keep the still parts as they are now, as the view ``name``: shown while the
        toggle ``by`` has that value (the figure can then change for the next view)."""
        width, height = self.size
        png = io.BytesIO()
        self.figure.savefig(png, format="png", dpi=100 * BACKGROUND_SCALE)
        axes = []
        for ax in self.figure.axes:
            box = ax.get_position()
            axes.append({"box": [box.x0 * width, (1 - box.y1) * height, box.width * width,
                                 box.height * height],
                         "x": [*map(float, ax.get_xlim()), ax.get_xscale()],
                         "y": [*map(float, ax.get_ylim()), ax.get_yscale()]})
        self.views[name] = {"background": png.getvalue(), "axes": axes}
        self.view_by = by

    # -- the whole ----------------------------------------------------------------------
    def spec(self):
        """The scene as the page reads it (bytes travel as binary buffers)."""
        if not self.views:
            self.snapshot()
        width, height = self.size
        return {"width": width, "height": height, "views": self.views,
                "view_by": self.view_by, "controls": self.controls, "marks": self.marks,
                "families": self.families, "arrays": self.arrays, "key": self.key,
                "readouts": self.readouts, "program": self.program, "alt": self.alt}


def classic_script():
    """drawing.js as a plain script that defines ``window.ermDrawing`` (its exports).

    A page opened from disk may not import an ES module (Chromium refuses module scripts
    from file:// addresses), so the website and the browser tests load this form instead.
    """
    body = re.sub(r"^export default .*$", "", SCRIPT, flags=re.MULTILINE)
    names = re.findall(r"^export (?:function|const) (\w+)", body, flags=re.MULTILINE)
    body = re.sub(r"^export (function|const) ", r"\1 ", body, flags=re.MULTILINE)
    return ("(function () {\n" + body + f"\nwindow.ermDrawing = {{ {', '.join(names)} }};\n"
            "})();\n")


class PageWidget(anywidget.AnyWidget):
    """The widget that shows a :class:`Scene`: its ``state`` is each control's value (a
    stop's index for a slider, the option for a toggle), kept in step both ways."""

    _esm = traitlets.Unicode(SCRIPT).tag(sync=True)
    _css = traitlets.Unicode(STYLE).tag(sync=True)
    scene = traitlets.Dict().tag(sync=True)
    state = traitlets.Dict().tag(sync=True)


class Control:
    """A control as Python sees it: ``value`` is the value of its current stop (or option),
    read from and written to the widget's ``state``; a value between stops moves to the
    nearest one, as the page's slider would show it."""

    def __init__(self, widget, name, values=None, labels=None, description="",
                 enabled=None):
        self.widget, self.name = widget, name
        self.values = None if values is None else np.asarray(values, dtype=float)
        self.labels = labels
        self.description = description
        self.enabled = enabled

    @property
    def disabled(self):
        """True while the page greys the control out (its ``enabled`` condition fails)."""
        state = self.widget.state
        return not all(state.get(k) == v for k, v in (self.enabled or {}).items())

    @property
    def index(self):
        return self.widget.state[self.name]

    @property
    def value(self):
        index = self.widget.state[self.name]
        return index if self.values is None else float(self.values[index])

    @value.setter
    def value(self, value):
        if self.values is None:
            self.widget.state = {**self.widget.state, self.name: value}
            return
        value = float(value)
        exact = np.flatnonzero(self.values == value)     # a stop such as p = inf, as is
        index = int(exact[0] if exact.size else np.argmin(np.abs(self.values - value)))
        self.widget.state = {**self.widget.state, self.name: index}

    @property
    def options(self):
        """(label, value) pairs, one per stop."""
        return list(zip(self.labels, self.values.tolist()))

    @property
    def min(self):
        return float(self.values[0])

    @property
    def max(self):
        return float(self.values[-1])
