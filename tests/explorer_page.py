"""Reading and driving the course's explorers in a JupyterLab page, as a student sees them.

Shared by the browser test (``tests/test_browser.py``) and the browser benchmarks
(``benchmarks/browser_rates.py``, ``benchmarks/stress_first_frame.py``). The machinery under
it (the server, Chromium, the notebook page) is in ``tests/browser_helpers.py``.

- The scratch notebooks: explorers on the 397 salaries (or the professors' years and
  salaries, for 08), as the course shows them.
- Finding an explorer in the page, reading its readout, waiting until its figure settles.
- Moving its sliders with the keyboard and the mouse, panning its figure.
"""

import math
import re
import time

from browser_helpers import (JS_FINGERPRINT, JS_FULL_FINGERPRINT, canvas_png, figure_canvas,
                             wait_until)

# --------------------------------------------------------------------------------------
# The scratch notebooks: generated in a temp folder, never in the repository
# --------------------------------------------------------------------------------------

#: The sigma and the alpha explorer of 04-05 on the 397 professors' salaries.
EXPLORERS_04_05 = ("import erm_helpers as erm\n"
                   "from erm_course import explorers\n"
                   "y = erm.load_professor_salaries()\n"
                   "explorers.ucsd_explorer(y)",
                   "explorers.descent_explorer(y)")

#: The p and delta explorers of 06 on the 397 salaries, the outlier one on the five
#: (whose largest salary it moves).
EXPLORERS_06 = ("import erm_helpers as erm\n"
                "from erm_course import loss_explorers\n"
                "y = erm.load_professor_salaries()\n"
                "loss_explorers.lp_explorer(y)",
                "loss_explorers.huber_explorer(y)",
                "loss_explorers.outlier_explorer(erm.load_salaries())")

#: The (w0, w1) explorer and the 2-D descent explorer of 08 on the 397 professors.
EXPLORERS_08 = ("import erm_helpers as erm\n"
                "from erm_course import line_explorers\n"
                "professors = erm.load_professors()\n"
                "x, y = professors['yrs_since_phd'], professors['salary_usd']\n"
                "line_explorers.line_explorer(x, y, w0=60_000, w1=2_000)",
                "line_explorers.line_descent_explorer(x, y, alpha=0.001)")

#: One descent explorer whose first full frame is followed at once by a blitted frame (the
#: canvas' sender is wrapped to blit right after the first frame it sends): the order of
#: frames that once left a figure blank (issue 15).
FRAME_RIGHT_BEHIND_THE_FIRST = (
    "import erm_helpers as erm\n"
    "from erm_course import explorers\n"
    "ex = explorers.descent_explorer(erm.load_professor_salaries())\n"
    "send, sent = ex.canvas.send_binary, []\n"
    "def send_then_blit(data):\n"
    "    send(data)\n"
    "    if not sent:\n"
    "        sent.append(True)\n"
    "        ex.live.show_moves()\n"
    "ex.canvas.send_binary = send_then_blit\n"
    "ex",)


def scratch_notebook(cells, note="Scratch notebook of the browser test."):
    """An nbformat notebook: a markdown ``note``, then one code cell per entry of ``cells``."""
    import nbformat.v4 as v4

    nb = v4.new_notebook(cells=[v4.new_markdown_cell(note),
                                *[v4.new_code_cell(source) for source in cells]])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)",
                                 "language": "python"}
    return nb


# --------------------------------------------------------------------------------------
# Reading the page
# --------------------------------------------------------------------------------------

def run_all_without_errors(nb):
    """Run All; assert no error is shown and every cell ran once, in order (1, 2, 3, ...)."""
    prompts = nb.run_all()
    nb.shot("ran-all")
    errors = nb.errors()
    assert not errors, f"{nb.name} shows errors after Run All:\n" + "\n".join(errors)
    expected = [f"[{i}]:" for i in range(1, len(prompts) + 1)]
    assert prompts == expected, f"{nb.name}: prompts after Run All are {prompts}"


def readout_box(explorer):
    """The explorer's readout: the HTML widget whose text is "name = value · ..."."""
    return explorer.locator(".widget-html-content", has_text=" · ").first


def readout(explorer):
    """The explorer's readout text, as shown."""
    return readout_box(explorer).inner_text().strip()


def slider_value_text(slider):
    """The slider's own readout next to the track, e.g. '21,000'."""
    return slider.locator(".widget-readout").inner_text().strip()


def fingerprint(explorer):
    canvas = figure_canvas(explorer)
    return canvas.evaluate("c => window.__ermFingerprint(c)")


def full_fingerprint(explorer):
    """Every pixel of the figure's canvas, hashed: equal only for identical frames."""
    return figure_canvas(explorer).evaluate(JS_FULL_FINGERPRINT)


def settle(nb, explorer, quiet=0.4, timeout=20):
    """Wait until the kernel is idle and the figure has not changed for ``quiet`` seconds."""
    nb.page.evaluate(JS_FINGERPRINT)
    deadline = time.monotonic() + timeout
    last = fingerprint(explorer)
    while True:
        time.sleep(quiet)
        now = fingerprint(explorer)
        if now == last and now != "empty" and nb.server.kernel_state(nb.name) == "idle":
            return now
        if time.monotonic() > deadline:
            raise TimeoutError("the figure kept changing (or stayed empty) for "
                               f"{timeout} s")
        last = now


def expect_redraw(nb, explorer, before_text, before_png, what, timeout=20):
    """Wait until both the readout text and the canvas pixels differ from before."""
    def changed():
        text = readout(explorer)
        return text != before_text and canvas_png(explorer) != before_png
    try:
        wait_until(changed, timeout=timeout, interval=0.2, message=what)
    except TimeoutError:
        nb.shot(f"no-redraw-after-{what}")
        text = readout(explorer)
        pixels = "changed" if canvas_png(explorer) != before_png else "did NOT change"
        raise AssertionError(
            f"after {what}: readout {'did NOT change' if text == before_text else 'changed'}"
            f" ({before_text!r} -> {text!r}); figure pixels {pixels}") from None
    settle(nb, explorer)
    return readout(explorer), canvas_png(explorer)


def assert_one_live_figure(explorer):
    """One live ipympl figure in the explorer's output: not shown twice, and not a static
    <img> fallback (what a lab without the jupyter-matplotlib extension would show)."""
    figures = explorer.locator(".jupyter-matplotlib").count()
    images = explorer.locator("img").count()
    assert figures == 1 and images == 0, (
        f"the explorer's output holds {figures} live figures and {images} images")


def ready(nb, explorer, what):
    """The explorer, rendered, on screen, settled, with exactly one live figure."""
    assert explorer.count(), f"no {what} rendered in {nb.name}"
    explorer.scroll_into_view_if_needed()
    try:
        settle(nb, explorer)
    except TimeoutError:
        canvases = explorer.locator("canvas")
        sizes = [canvases.nth(i).evaluate("c => [c.width, c.height]")
                 for i in range(canvases.count())]
        cells = nb.page.locator(".jp-Notebook .jp-Cell").count()
        raise AssertionError(f"{what}: the figure stayed blank or kept changing for 20 s "
                             f"(canvases {sizes}, {cells} cells in the page)") from None
    assert_one_live_figure(explorer)
    nb.shot("explorer")
    return explorer


def sigma_explorer(nb):
    """The first sigma explorer in the notebook (a sigma slider and no risk picker)."""
    return (nb.explorers()
            .filter(has=nb.page.locator(".widget-label", has_text="σ"))
            .filter(has_not=nb.page.locator(".widget-toggle-buttons"))
            .first)


def descent_explorer(nb):
    """The first descent explorer in the notebook (it has the risk picker)."""
    return nb.explorers().filter(has=nb.page.locator(".widget-toggle-buttons")).first


def explorer_with_slider(nb, label):
    """The first explorer with a slider whose description is exactly ``label``."""
    name = nb.page.locator(".widget-label", has_text=re.compile(rf"^{re.escape(label)}$"))
    return nb.explorers().filter(has=name).first


def line_explorer(nb):
    """The first (w0, w1) explorer in the notebook (a w₀ slider)."""
    return explorer_with_slider(nb, "w₀ ($)")


def line_descent_explorer(nb):
    """The first 2-D descent explorer in the notebook (its picker offers standardized x)."""
    picker = nb.page.locator(".widget-toggle-buttons", has_text="standardized x")
    return nb.explorers().filter(has=picker).first


def pick_feature(nb, explorer, label):
    """Click a button of the 2-D descent explorer's x picker; wait for the readout."""
    explorer.locator(".widget-toggle-buttons button", has_text=label).click()
    wait_until(lambda: readout(explorer).startswith(label),
               message=f"{label} in the readout")
    settle(nb, explorer)


# Each explorer of the course: how to find it, and how to read the slider's value back
# from the explorer's readout (to check that the frame shown is the last value's).
EXPLORERS = {
    "sigma": (sigma_explorer, "σ"),
    "descent": (descent_explorer, None),
    "lp": (lambda nb: explorer_with_slider(nb, "p"), "p"),
    "huber": (lambda nb: explorer_with_slider(nb, "δ ($)"), "δ"),
    "outlier": (lambda nb: explorer_with_slider(nb, "largest ($)"), "largest salary"),
    "line": (line_explorer, "w₀"),
    "line-descent": (line_descent_explorer, "α"),
}


def value_in_readout(text, label):
    """The slider value an explorer's readout reports, as a float."""
    if label == "α":
        return alpha_in(text)
    if label == "p":
        match = re.search(r"p = ([0-9.]+|∞)", text)
        assert match, f"no 'p = ...' in {text!r}"
        return math.inf if match.group(1) == "∞" else float(match.group(1))
    if label == "largest salary":
        match = re.search(r"largest salary \$([\d,]+)", text)
        assert match, f"no 'largest salary $...' in {text!r}"
        return float(match.group(1).replace(",", ""))
    return money_in(text, label)


def value_on_slider(slider):
    """The value a slider shows beside its track, as a float."""
    shown = slider_value_text(slider).split()[0].replace(",", "")
    return math.inf if shown == "∞" else float(shown)


def money_in(text, label):
    """The dollar amount after ``label =`` in a readout, as a float."""
    match = re.search(re.escape(label) + r" = \$([\d,]+)", text)
    assert match, f"no '{label} = $...' in {text!r}"
    return float(match.group(1).replace(",", ""))


def alpha_in(text):
    match = re.search(r"α = ([0-9.e+-]+)", text)
    assert match, f"no 'α = ...' in {text!r}"
    return float(match.group(1))


def pick_risk(nb, explorer, label):
    """Click a button of the risk picker and wait until the readout names that risk."""
    explorer.locator(".widget-toggle-buttons button", has_text=label).click()
    wait_until(lambda: readout(explorer).startswith(f"{label} risk"),
                  message=f"the {label} risk in the readout")
    settle(nb, explorer)


def drag_handle(page, handle, dx):
    """Press the mouse on a slider handle, move it ``dx`` pixels sideways, release."""
    handle.scroll_into_view_if_needed()
    box = handle.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + dx, y, steps=8)
    page.mouse.up()


def drag_handle_to(page, slider, fraction):
    """Drag a slider's handle to ``fraction`` (0 = left end, 1 = right end) of its track."""
    track = slider.locator(".noUi-base").bounding_box()
    handle = slider.locator(".noUi-handle")
    box = handle.bounding_box()
    here = box["x"] + box["width"] / 2
    drag_handle(page, handle, track["x"] + fraction * track["width"] - here)


def pan_figure(nb, explorer, dx=-60, dy=0):
    """Pan the figure with ipympl's toolbar: the pan tool, then a drag on the canvas."""
    canvas = figure_canvas(explorer)
    canvas.hover(force=True)
    explorer.locator('button[title^="Left button pans"]').click()
    box = canvas.bounding_box()
    x, y = box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.5
    nb.page.mouse.move(x, y)
    nb.page.mouse.down()
    nb.page.mouse.move(x + dx, y + dy, steps=6)
    nb.page.mouse.up()
    explorer.locator('button[title^="Left button pans"]').click()   # pan tool off
    settle(nb, explorer)


def toolbar(nb, explorer, title):
    figure_canvas(explorer).hover(force=True)
    explorer.locator(f'button[title="{title}"]').click()
    settle(nb, explorer)
