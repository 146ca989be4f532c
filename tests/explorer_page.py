"""Reading and driving the course's explorers in a JupyterLab page, as a student sees them.

Shared by the browser test (``tests/test_browser.py``) and the browser benchmark
(``benchmarks/browser_rates.py``). The machinery under it (the server, Chromium, the
notebook page) is in ``tests/browser_helpers.py``.

An explorer is drawn by the page itself (``erm_course/drawing.js``): a ``.erm-explorer``
holding rows of controls (``.erm-slider`` rows with a native range input, ``.erm-toggle``
buttons, ``.erm-presets`` buttons), a readout, a key, and a figure: a background image that
matplotlib drew and a canvas over it. The page counts its own redraws in the explorer's
``data-frames`` attribute.
"""

import re

from browser_helpers import PANEL, wait_until

#: notebook -> the names its explorers are bound to, in the order they appear. The browser
#: test asks the kernel for ``<name>.readout_text`` after moving a slider in the page.
NOTEBOOK_EXPLORERS = {
    "04_ucsd_loss.ipynb": ["sigma_explorer"],
    "05_gradient_descent.ipynb": ["descent", "ucsd_descent"],
    "06_choosing_a_loss.ipynb": ["p_slider", "delta_slider"],
    "07_outliers_and_convexity.ipynb": ["outlier_slider"],
    "08_a_line.ipynb": ["explorer", "descent"],
}


def run_all_without_errors(nb):
    """Run every cell through the menu; fail on an error output or a cell left unrun."""
    prompts = nb.run_all()
    assert all(p.startswith("[") and p[1:-2].isdigit() for p in prompts), prompts
    assert not nb.errors(), nb.errors()


def explorers(nb):
    """Every explorer in the notebook's page, top to bottom."""
    return nb.page.locator(f"{PANEL} .erm-explorer")


# A hash of the canvas' pixels: equal hashes, equal frames.
JS_CANVAS_HASH = """(root) => {
  const canvas = root.querySelector('canvas.erm-canvas');
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let h = 2166136261 >>> 0, ink = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i + 3]) ink++;
    h = Math.imul(h ^ data[i] ^ (data[i + 1] << 8) ^ (data[i + 2] << 16) ^ (data[i + 3] << 24),
                  16777619) >>> 0;
  }
  return `${canvas.width}x${canvas.height}:${h}:${ink}`;
}"""

JS_READY = """(root) => {
  const image = root.querySelector('img.erm-background');
  const canvas = root.querySelector('canvas.erm-canvas');
  return Boolean(image && image.complete && image.naturalWidth > 0 && canvas
                 && canvas.width > 0 && Number(root.dataset.frames || 0) >= 1);
}"""


def ready(nb, explorer, what, timeout=30):
    """Wait until ``explorer`` shows its background and has drawn a frame with ink."""
    explorer.wait_for(timeout=timeout * 1000)
    wait_until(lambda: explorer.evaluate(JS_READY), timeout=timeout,
               message=f"{what}: its background and first frame")
    ink = int(canvas_hash(explorer).rsplit(":", 1)[1])
    assert ink > 0, f"{what}: nothing drawn on the canvas"
    return explorer


def canvas_hash(explorer):
    """``"<width>x<height>:<hash>:<inked pixels>"`` of the explorer's canvas."""
    return explorer.evaluate(JS_CANVAS_HASH)


def frames(explorer):
    """How many times the page has drawn the explorer."""
    return int(explorer.get_attribute("data-frames") or 0)


def readout(explorer):
    return explorer.locator(".erm-readout").inner_text()


def slider_rows(explorer):
    """The visible slider rows of ``explorer``."""
    return explorer.locator(".erm-row.erm-slider:not([hidden])")


def slider(explorer, label):
    """The range input of the visible slider labelled exactly ``label``."""
    row = slider_rows(explorer).filter(
        has=explorer.page.locator(".erm-label", has_text=re.compile(f"^{re.escape(label)}$")))
    return row.locator("input.erm-range")


def stop(input_):
    """(index, last index) of a range input."""
    return int(input_.input_value()), int(input_.get_attribute("max"))


def press(nb, input_, keys):
    """Focus ``input_`` as Tab would and press ``keys`` in turn."""
    input_.focus()
    for key in keys:
        nb.page.keyboard.press(key)


def drag(nb, input_, start, end, steps=20):
    """Drag the range input's thumb from ``start`` to ``end`` (fractions of the track)."""
    box = input_.bounding_box()
    y = box["y"] + box["height"] / 2
    x = lambda f: box["x"] + 8 + f * (box["width"] - 16)   # the thumb's centre travels 16 px less
    nb.page.mouse.move(x(start), y)
    nb.page.mouse.down()
    for k in range(1, steps + 1):
        nb.page.mouse.move(x(start + (end - start) * k / steps), y)
    nb.page.mouse.up()


# Python's answer to ``code`` in the notebook's kernel (its printed text), through the app
# JupyterLab exposes for tests (--LabApp.expose_app_in_browser): a read, not a student's action.
JS_PYTHON = """async (code) => {
  const panel = window.jupyterapp.shell.currentWidget;
  const future = panel.sessionContext.session.kernel.requestExecute({code, silent: false,
                                                                     store_history: false});
  let text = '';
  future.onIOPub = (msg) => {
    if (msg.header.msg_type === 'stream') text += msg.content.text;
    if (msg.header.msg_type === 'error') text += 'ERROR ' + msg.content.ename + ': ' + msg.content.evalue;
  };
  await future.done;
  return text;
}"""


def python(nb, code):
    """What ``code`` prints in the notebook's kernel."""
    return nb.page.evaluate(JS_PYTHON, code)


def python_agrees(nb, explorer, name, timeout=10):
    """Wait until the kernel's ``<name>.readout_text`` equals the page's readout (the page
    sends the controls' values to Python after its frame); return that text."""
    def same():
        shown = readout(explorer)
        return shown if python(nb, f"print({name}.readout_text)").strip() == shown else None
    return wait_until(same, timeout=timeout, interval=0.2,
                      message=f"Python's {name}.readout_text to equal the page's readout")


def active_cell_index(nb):
    """The index of JupyterLab's active cell: arrow keys on a slider must not move it."""
    return nb.page.evaluate("() => window.jupyterapp.shell.currentWidget.content.activeCellIndex")
