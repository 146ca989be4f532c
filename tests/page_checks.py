"""Checks of an explorer's page, shared by the explorer tests: drawing.js on a blank page in
headless Chromium (loaded as the website loads it), given an explorer's scene and a state.

- :func:`chromium_page` is the module-scoped fixture's body (skips without Chromium, fails
  under CI);
- :func:`page_readouts` renders the explorer once and moves its controls to each state in
  turn, as the page's own inputs do, returning the readout the page shows for each: the
  tests compare them with :meth:`Explorer.readout_for`, Python's text;
- :func:`page_ink` renders a state and says, for points in CSS pixels, whether the canvas is
  inked within a pixel of each: a curve sent as data is drawn where matplotlib maps it;
- :func:`to_pixels` maps data to CSS pixels as matplotlib does (the view's axes box and
  limits).
"""

import base64
import os

import numpy as np
import pytest

import browser_helpers as bh
from erm_course.drawing import STYLE, classic_script


def chromium_page():
    """A generator for a module fixture: a blank Chromium page with drawing.js loaded."""
    chromium = bh.find_chromium()
    if chromium is None:
        if os.environ.get("CI"):
            pytest.fail(bh.CHROMIUM_HINT + " (CI is set, so this is a failure)")
        pytest.skip(bh.CHROMIUM_HINT)
    with bh.launched_chromium(chromium) as browser:
        page = browser.new_page(viewport={"width": 1000, "height": 900})
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.set_content("<!doctype html><html><body><div id=root></div></body></html>")
        page.add_script_tag(content=classic_script())
        page.add_style_tag(content=STYLE)
        page.errors = errors
        yield page


def jsonable(spec):
    """A scene as the page's model holds it: bytes as base64 text (a DataView in the page),
    as the website stores them too."""
    if isinstance(spec, bytes):
        return {"__base64__": base64.b64encode(spec).decode("ascii")}
    if isinstance(spec, dict):
        return {k: jsonable(v) for k, v in spec.items()}
    if isinstance(spec, (list, tuple)):
        return [jsonable(v) for v in spec]
    return spec


# A minimal model (what anywidget gives the module) holding the scene and the state.
_MOUNT = """([spec, state]) => {
  const bytes = (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  const revive = (v) => v && v.__base64__ !== undefined ? new DataView(bytes(v.__base64__).buffer)
    : Array.isArray(v) ? v.map(revive)
    : (v && typeof v === 'object') ? Object.fromEntries(Object.entries(v).map(([k, x]) =>
        [k, revive(x)])) : v;
  const values = { scene: revive(spec), state };
  const listeners = [];
  const model = { get: (k) => values[k], set: (k, v) => { values[k] = v; },
                  on: (e, f) => listeners.push(f), off() {}, save_changes() {} };
  window.ermModel = { values, listeners };
  const root = document.getElementById('root');
  root.innerHTML = '';
  window.ermDrawing.render({ model, el: root });
}"""

# Move to a state as Python would (a change of the model's state), and read the readout.
_MOVE = """(state) => {
  window.ermModel.values.state = state;
  window.ermModel.listeners.forEach((f) => f());
  return document.querySelector('#root .erm-readout').textContent;
}"""


def mount(page, explorer, state=None):
    """Render ``explorer`` in ``page`` at ``state`` (default: its own)."""
    page.evaluate(_MOUNT, [jsonable(explorer.scene), dict(state or explorer.state)])


def page_readouts(page, explorer, states):
    """The readout the page shows at each of ``states`` (one mount, then moves)."""
    mount(page, explorer)
    return [page.evaluate(_MOVE, dict(s)) for s in states]


def to_pixels(explorer, axes, xs, ys, view=""):
    """Data to CSS pixels on axes number ``axes`` of ``view``, as matplotlib maps them."""
    ax = explorer.scene["views"][view]["axes"][axes]
    x0, y0, width, height = ax["box"]

    def scaled(values, low, high, scale):
        f = np.log10 if scale == "log" else (lambda v: np.asarray(v, dtype=float))
        return (f(values) - f(low)) / (f(high) - f(low))
    return (x0 + scaled(xs, *ax["x"]) * width,
            y0 + (1 - scaled(ys, *ax["y"])) * height)


_INK = """([px, py]) => {
  const canvas = document.querySelector('#root canvas');
  const ratio = canvas.width / parseFloat(canvas.style.width);
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  const inked = (x, y) => data[(y * canvas.width + x) * 4 + 3] > 0;
  return px.map((x, i) => {
    for (let dx = -1; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++)
      if (inked(Math.round(x * ratio) + dx, Math.round(py[i] * ratio) + dy)) return true;
    return false;
  });
}"""


def page_ink(page, explorer, state, px, py):
    """For each point (CSS pixels), whether the canvas is inked within a pixel of it."""
    mount(page, explorer, state)
    return page.evaluate(_INK, [list(map(float, px)), list(map(float, py))])


_HASH = """() => {
  const canvas = document.querySelector('#root canvas');
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let h = 2166136261 >>> 0;
  for (let i = 0; i < data.length; i++) h = Math.imul(h ^ data[i], 16777619) >>> 0;
  return `${canvas.width}x${canvas.height}:${h}`;
}"""


def frame_after_moves(page, explorer, states):
    """The canvas (size and pixel hash) after mounting ``explorer`` and moving through
    ``states`` in turn, and that of a fresh mount at the last state: a page that leaves no
    ghost gives the same two."""
    mount(page, explorer, states[0])
    for state in states[1:]:
        page.evaluate(_MOVE, dict(state))
    moved = page.evaluate(_HASH)
    mount(page, explorer, states[-1])
    return moved, page.evaluate(_HASH)
