"""The sliders of notebooks 04 and 05, used in a real JupyterLab in headless Chromium.

A slider that works in plain pytest can still be blank or dead in the browser (a missing
lab extension, a version mismatch, a figure shown twice). These tests open the course as a
student does: the project's own JupyterLab, Debian's Chromium driven by Playwright, Run >
Run All Cells from the menu, then the keyboard and the mouse on the sliders. What counts is
what the page shows: the readout text and the figure's pixels.

Screenshots of every step go to ``tests/browser-artifacts/<test name>/``; the folder is
removed when the test passes and kept when it fails (set ``ERM_KEEP_BROWSER_ARTIFACTS=1``
to keep it always).

Without Chromium the tests skip and say how to install it; under CI (``CI`` set) they fail.
No timing is asserted: the key-press-to-frame latency is printed and recorded as a property.
"""

import math
import os
import re
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import pytest

import browser_helpers as bh

REPO = Path(__file__).resolve().parent.parent
# Another folder of notebooks can be tested with ERM_BROWSER_NOTEBOOKS=/path (e.g. a copy
# with a deliberate fault, to see the test fail).
NOTEBOOKS = Path(os.environ.get("ERM_BROWSER_NOTEBOOKS") or REPO / "notebooks")
ARTIFACTS = Path(__file__).resolve().parent / "browser-artifacts"
UCSD_NOTEBOOK = "04_ucsd_loss.ipynb"
DESCENT_NOTEBOOK = "05_gradient_descent.ipynb"
LOSS_NOTEBOOK = "06_choosing_a_loss.ipynb"
# Scratch notebooks, generated in the temp folder, never in the repo: the explorers of
# 04-05 in one, those of 06 in the other (as in the course, never five at once).
LATENCY_NOTEBOOK = "browser_latency.ipynb"
LOSS_LATENCY_NOTEBOOK = "browser_latency_06.ipynb"
LATENCY_PRESSES = 10


def _unavailable(message):
    """Skip on a student's machine; fail under CI, where the browser must be there."""
    if os.environ.get("CI"):
        pytest.fail(message + " (CI is set, so this is a failure, not a skip)")
    pytest.skip(message)


def _scratch_notebook(*cells):
    """A notebook of the browser test: a note, then ``cells`` of code."""
    import nbformat.v4 as v4

    nb = v4.new_notebook(cells=[
        v4.new_markdown_cell("Scratch notebook of the browser test: explorers on the real "
                             "data set, for timing key presses and drags."),
        *[v4.new_code_cell(source) for source in cells]])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)",
                                 "language": "python"}
    return nb


def _latency_notebook():
    """The sigma and the alpha explorer on the 397 professors' salaries."""
    return _scratch_notebook("import erm_helpers as erm\n"
                             "from erm_course import explorers\n"
                             "y = erm.load_professor_salaries()\n"
                             "explorers.ucsd_explorer(y)",
                             "explorers.descent_explorer(y)")


def _loss_latency_notebook():
    """The p and delta explorers on the 397 salaries, the outlier one on the five (whose
    largest salary it moves)."""
    return _scratch_notebook("import erm_helpers as erm\n"
                             "from erm_course import loss_explorers\n"
                             "y = erm.load_professor_salaries()\n"
                             "loss_explorers.lp_explorer(y)",
                             "loss_explorers.huber_explorer(y)",
                             "loss_explorers.outlier_explorer(erm.load_salaries())")


# --------------------------------------------------------------------------------------
# Fixtures: one JupyterLab and one Chromium for the module, a fresh page per test
# --------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def chromium_path():
    path = bh.find_chromium()
    if path is None:
        _unavailable(bh.CHROMIUM_HINT)
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        _unavailable("the browser test needs the Python package playwright "
                     "(it is in requirements.lock: run `make test` to install it)")
    return path


@pytest.fixture(scope="module")
def lab(chromium_path):
    missing = [n for n in (UCSD_NOTEBOOK, DESCENT_NOTEBOOK, LOSS_NOTEBOOK)
               if not (NOTEBOOKS / n).is_file()]
    assert not missing, f"notebooks missing from {NOTEBOOKS}: {missing}"
    # A temp copy of the notebooks: JupyterLab writes checkpoints, autosaves and outputs
    # there, never into the repository.
    top, root, work = bh.make_temp_root(
        [NOTEBOOKS / n for n in (UCSD_NOTEBOOK, DESCENT_NOTEBOOK, LOSS_NOTEBOOK)],
        {LATENCY_NOTEBOOK: _latency_notebook(),
         LOSS_LATENCY_NOTEBOOK: _loss_latency_notebook()})
    server = bh.LabServer(root, work)
    try:
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(top, ignore_errors=True)


@pytest.fixture(scope="module")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    # Chromium keeps its profile, crash-report folder and caches under a temporary HOME.
    home = tempfile.mkdtemp(prefix="erm-chromium-")
    try:
        with sync_playwright() as p:
            chromium = p.chromium.launch(executable_path=chromium_path, headless=True,
                                         args=bh.CHROMIUM_ARGS, env=bh.browser_env(home))
            try:
                yield chromium
            finally:
                chromium.close()
    finally:
        shutil.rmtree(home, ignore_errors=True)


@pytest.fixture
def open_notebook(request, browser, lab):
    """``open_notebook(name)`` -> a :class:`browser_helpers.NotebookPage`, kernel ready."""
    artifacts = ARTIFACTS / request.node.name
    shutil.rmtree(artifacts, ignore_errors=True)
    failed_before = request.session.testsfailed
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(30_000)
    pages = []

    def opener(name):
        page = bh.NotebookPage(context.new_page(), lab, name, artifacts)
        pages.append(page)
        page.open(workspace=request.node.name.replace("_", "-"))
        page.shot("opened")
        return page

    try:
        yield opener
    finally:
        for page in pages:
            try:
                page.shot("last")
            except Exception:   # the page may be gone; the screenshots so far remain
                pass
            page.save_console()
        context.close()
        lab.shutdown_sessions()   # this test's kernels; the next test starts its own
        # The call phase's report is in by now: keep the evidence only if the test failed.
        passed = request.session.testsfailed == failed_before
        if passed and not os.environ.get("ERM_KEEP_BROWSER_ARTIFACTS"):
            shutil.rmtree(artifacts, ignore_errors=True)
            try:
                ARTIFACTS.rmdir()   # only if no other test left anything
            except OSError:
                pass


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
    canvas = bh.figure_canvas(explorer)
    return canvas.evaluate("c => window.__ermFingerprint(c)")


def settle(nb, explorer, quiet=0.4, timeout=20):
    """Wait until the kernel is idle and the figure has not changed for ``quiet`` seconds."""
    nb.page.evaluate(bh.JS_FINGERPRINT)
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
        return text != before_text and bh.canvas_png(explorer) != before_png
    try:
        bh.wait_until(changed, timeout=timeout, interval=0.2, message=what)
    except TimeoutError:
        nb.shot(f"no-redraw-after-{what}")
        text = readout(explorer)
        pixels = "changed" if bh.canvas_png(explorer) != before_png else "did NOT change"
        raise AssertionError(
            f"after {what}: readout {'did NOT change' if text == before_text else 'changed'}"
            f" ({before_text!r} -> {text!r}); figure pixels {pixels}") from None
    settle(nb, explorer)
    return readout(explorer), bh.canvas_png(explorer)


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


# Each explorer of the course: how to find it, and how to read the slider's value back
# from the explorer's readout (to check that the frame shown is the last value's).
EXPLORERS = {
    "sigma": (sigma_explorer, "σ"),
    "descent": (descent_explorer, None),
    "lp": (lambda nb: explorer_with_slider(nb, "p"), "p"),
    "huber": (lambda nb: explorer_with_slider(nb, "δ ($)"), "δ"),
    "outlier": (lambda nb: explorer_with_slider(nb, "largest ($)"), "largest salary"),
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


def pick_risk(nb, explorer, label):
    """Click a button of the risk picker and wait until the readout names that risk."""
    explorer.locator(".widget-toggle-buttons button", has_text=label).click()
    bh.wait_until(lambda: readout(explorer).startswith(f"{label} risk"),
                  message=f"the {label} risk in the readout")
    settle(nb, explorer)


def money_in(text, label):
    """The dollar amount after ``label =`` in a readout, as a float."""
    match = re.search(re.escape(label) + r" = \$([\d,]+)", text)
    assert match, f"no '{label} = $...' in {text!r}"
    return float(match.group(1).replace(",", ""))


def alpha_in(text):
    match = re.search(r"α = ([0-9.e+-]+)", text)
    assert match, f"no 'α = ...' in {text!r}"
    return float(match.group(1))


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


# --------------------------------------------------------------------------------------
# The tests
# --------------------------------------------------------------------------------------

def test_sigma_slider_in_notebook_04(open_notebook):
    nb = open_notebook(UCSD_NOTEBOOK)
    run_all_without_errors(nb)

    explorer = ready(nb, sigma_explorer(nb), "σ explorer (slider + ipympl figure)")
    slider = bh.slider(explorer, "σ")
    text, png = readout(explorer), bh.canvas_png(explorer)
    assert money_in(text, "σ") == float(slider_value_text(slider).replace(",", ""))

    # Keyboard: focus the handle as Tab would, then arrow keys and Page Up.
    handle = slider.locator(".noUi-handle")
    handle.focus()
    for key in ["ArrowRight"] * 3 + ["PageUp"]:
        nb.page.keyboard.press(key)
    new_text, new_png = expect_redraw(nb, explorer, text, png, "keyboard")
    nb.shot("after-keyboard")
    sigma_keys = money_in(new_text, "σ")
    assert sigma_keys > money_in(text, "σ")
    assert sigma_keys == float(slider_value_text(slider).replace(",", ""))

    # Mouse: drag the handle 120 px to the left.
    drag_handle(nb.page, handle, -120)
    drag_text, _ = expect_redraw(nb, explorer, new_text, new_png, "mouse-drag")
    nb.shot("after-drag")
    sigma_drag = money_in(drag_text, "σ")
    assert sigma_drag < sigma_keys
    assert sigma_drag == float(slider_value_text(slider).replace(",", ""))
    assert not nb.errors()


def test_alpha_slider_in_notebook_05(open_notebook):
    nb = open_notebook(DESCENT_NOTEBOOK)
    run_all_without_errors(nb)

    explorer = ready(nb, descent_explorer(nb), "descent explorer (risk picker + figure)")

    # The risk picker, there and back: each risk keeps its own alpha, so the readout must
    # come back exactly. (A slider range narrowed in the wrong order once made the browser
    # clamp alpha and send the clamped value to the kernel; plain pytest never saw it.)
    start = readout(explorer)
    here, there = ("squared", "UCSD") if start.startswith("squared") else ("UCSD", "squared")
    pick_risk(nb, explorer, there)
    nb.shot(f"picked-{there}")
    pick_risk(nb, explorer, here)
    back = readout(explorer)
    assert back == start, f"{here} -> {there} -> {here} changed the readout:\n{start}\n{back}"

    # The squared risk, picked with the mouse (a click even if it is already selected).
    pick_risk(nb, explorer, "squared")
    slider = bh.slider(explorer, "α")

    # A stable start whatever alpha the notebook left: drag to the middle of the log scale.
    drag_handle_to(nb.page, slider, 0.45)
    bh.wait_until(lambda: re.search(r"α = 0\.0[5-9]", readout(explorer)),
                  message="alpha near 0.06 after the first drag")
    settle(nb, explorer)
    text, png = readout(explorer), bh.canvas_png(explorer)
    nb.shot("squared-start")
    assert text.endswith("converged"), text

    # Into the divergent range: End takes alpha to the top of its range (10 > 1).
    slider.locator(".noUi-handle").focus()
    nb.page.keyboard.press("End")
    text, png = expect_redraw(nb, explorer, text, png, "alpha-to-divergent")
    nb.shot("diverged")
    assert alpha_in(text) > 1, text
    assert text.endswith("diverged"), text

    # A preset button beside the slider: alpha = 1/2 exactly (no log-grid neighbour such
    # as 0.501), which lands on the mean in one step.
    explorer.get_by_role("button", name="α = 0.5", exact=True).click()
    text, png = expect_redraw(nb, explorer, text, png, "alpha-preset-half")
    assert alpha_in(text) == 0.5 and "· 2 steps ·" in text, text
    assert money_in(text, "final h") == 112_000.0 and text.endswith("converged"), text

    # And back with the mouse, below 0.5.
    drag_handle_to(nb.page, slider, 0.55)
    text, png = expect_redraw(nb, explorer, text, png, "alpha-back")
    nb.shot("converged")
    assert alpha_in(text) < 0.5, text
    assert text.endswith("converged"), text
    assert not nb.errors()


def full_fingerprint(explorer):
    """Every pixel of the figure's canvas, hashed: equal only for identical frames."""
    return bh.figure_canvas(explorer).evaluate(bh.JS_FULL_FINGERPRINT)


def key_press_to_frame(nb, explorer, slider, presses=LATENCY_PRESSES, key="ArrowRight"):
    """Median milliseconds from a key press on ``slider`` to the first frame with new
    pixels, timed inside the page (keydown stamp, then animation frames)."""
    canvas = bh.figure_canvas(explorer).element_handle()
    text_box = readout_box(explorer).element_handle()
    handle = slider.locator(".noUi-handle")
    frames = []
    handle.focus()
    for _ in range(presses):
        nb.page.evaluate(bh.JS_WATCH_NEXT_FRAME, [canvas, text_box, 10_000])
        nb.page.keyboard.press(key)
        nb.page.wait_for_function("window.__ermResult !== null", polling=50, timeout=15_000)
        result = nb.page.evaluate("window.__ermResult")
        assert result["frame"] is not None, f"no new frame within 10 s of a key press: {result}"
        frames.append(result["frame"])
        settle(nb, explorer, quiet=0.25)
    return statistics.median(frames), frames


def drag_rates(nb, explorer, slider, fraction_from, fraction_to, seconds=2.0):
    """Drag ``slider``'s handle steadily across its track; return (slider values per
    second, new frames per second) as the page saw them, over the same time window."""
    canvas = bh.figure_canvas(explorer).element_handle()
    value_box = slider.locator(".widget-readout").element_handle()
    drag_handle_to(nb.page, slider, fraction_from)
    settle(nb, explorer)
    track = slider.locator(".noUi-base").bounding_box()
    box = slider.locator(".noUi-handle").bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    target = track["x"] + fraction_to * track["width"]
    nb.page.evaluate(bh.JS_FINGERPRINT)
    nb.page.evaluate(bh.JS_WATCH_DRAG, [canvas, value_box])
    nb.page.mouse.move(x, y)
    nb.page.mouse.down()
    steps = int(seconds * 60)
    start = time.monotonic()
    for k in range(1, steps + 1):   # about one mouse move per display frame
        nb.page.mouse.move(x + (target - x) * k / steps, y)
        time.sleep(max(0.0, start + k * seconds / steps - time.monotonic()))
    nb.page.mouse.up()
    settle(nb, explorer)
    nb.page.evaluate("window.__ermDrag.stopped = true")
    record = nb.page.evaluate("({values: window.__ermDrag.values, "
                              "frames: window.__ermDrag.frames})")
    values, frames = record["values"], record["frames"]
    assert values and frames, f"a drag gave {len(values)} values and {len(frames)} frames"
    window = (max(frames[-1], values[-1]) - values[0]) / 1000
    return len(values) / window, len(frames) / window


def pan_figure(nb, explorer, dx=-60, dy=0):
    """Pan the figure with ipympl's toolbar: the pan tool, then a drag on the canvas."""
    canvas = bh.figure_canvas(explorer)
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
    bh.figure_canvas(explorer).hover(force=True)
    explorer.locator(f'button[title="{title}"]').click()
    settle(nb, explorer)


SCREEN_RATE_SLIDERS = {   # notebook: [(explorer, slider label, risk to pick first)]
    LATENCY_NOTEBOOK: [("sigma", "σ", None), ("descent", "α", "squared"),
                       ("descent", "h₀", "squared"), ("descent", "σ", "UCSD")],
    LOSS_LATENCY_NOTEBOOK: [("lp", "p", None), ("huber", "δ", None),
                            ("outlier", "largest", None)],
}


def test_sliders_at_screen_rate(open_notebook, record_property, capsys):
    """Key press to frame, and frames against slider values during a drag, for every
    slider of the course, on the 397 salaries. Printed and recorded, never asserted: what
    is asserted is behaviour (every press draws, the last frame is the last value's)."""
    lines = []
    for notebook, sliders in SCREEN_RATE_SLIDERS.items():
        lines += _screen_rates(open_notebook(notebook), sliders, record_property)
    with capsys.disabled():
        print("\n[browser] sliders on the 397 salaries:\n  " + "\n  ".join(lines))


def _screen_rates(nb, sliders, record_property):
    run_all_without_errors(nb)
    lines = []
    for which, label, risk in sliders:
        find, reads = EXPLORERS[which]
        explorer = find(nb)
        ready(nb, explorer, f"{which} explorer")
        if risk:
            pick_risk(nb, explorer, risk)
        slider = bh.slider(explorer, label)
        if label == "α":
            drag_handle_to(nb.page, slider, 0.3)
        median, presses = key_press_to_frame(nb, explorer, slider)
        values_per_s, frames_per_s = drag_rates(nb, explorer, slider, 0.2, 0.8)
        # The frame after the drag is the last value's: readout and slider agree.
        assert value_in_readout(readout(explorer), reads or label) == value_on_slider(slider)
        name = f"{which}:{label}" + (f" ({risk})" if risk else "")
        record_property(f"key_to_frame_ms {name}", round(median, 1))
        record_property(f"drag_values_per_s {name}", round(values_per_s, 1))
        record_property(f"drag_frames_per_s {name}", round(frames_per_s, 1))
        lines.append(f"{name:<24} key press -> frame median {median:5.0f} ms (min "
                     f"{min(presses):.0f}, max {max(presses):.0f}, n={len(presses)}); drag: "
                     f"{values_per_s:5.1f} values/s, {frames_per_s:5.1f} frames/s "
                     f"({frames_per_s / values_per_s:.0%})")
    return lines


def test_blitted_frames_equal_a_full_redraw_after_a_pan(open_notebook):
    """No ghosts: after a pan (which changes the still background) and slider moves (which
    blit over it), the figure must be pixel for pixel what a full redraw of the same state
    draws. Back then Forward on the toolbar returns to the same view with two full draws."""
    for notebook, sliders in [
            (LATENCY_NOTEBOOK, [("sigma", "σ", None), ("descent", "α", "squared"),
                                ("descent", "σ", "UCSD")]),
            (LOSS_LATENCY_NOTEBOOK, [("lp", "p", None), ("huber", "δ", None),
                                     ("outlier", "largest", None)])]:
        _no_ghosts_after_a_pan(open_notebook(notebook), sliders)


def _no_ghosts_after_a_pan(nb, sliders):
    run_all_without_errors(nb)
    for which, label, risk in sliders:
        explorer = EXPLORERS[which][0](nb)
        ready(nb, explorer, f"{which} explorer")
        if risk:
            pick_risk(nb, explorer, risk)
        pan_figure(nb, explorer)
        slider = bh.slider(explorer, label)
        text, png = readout(explorer), bh.canvas_png(explorer)
        slider.locator(".noUi-handle").focus()
        for key in ["ArrowLeft"] * 4 + ["PageDown"]:
            nb.page.keyboard.press(key)
        expect_redraw(nb, explorer, text, png, f"{which}-{label}-after-pan")
        blitted = full_fingerprint(explorer)
        nb.shot(f"{which}-{label}-blitted")
        toolbar(nb, explorer, "Back to previous view")
        toolbar(nb, explorer, "Forward to next view")
        nb.shot(f"{which}-{label}-redrawn")
        assert full_fingerprint(explorer) == blitted, (
            f"{which} explorer, {label} slider: the blitted frame differs from a full "
            "redraw of the same state (a ghost, or a stale background after the pan)")
    assert not nb.errors()


def test_loss_sliders_in_notebook_06(open_notebook):
    """The p, delta and outlier sliders of notebook 06: keys and a drag each redraw the
    figure and the readout, and the readout reports the slider's own value."""
    nb = open_notebook(LOSS_NOTEBOOK)
    run_all_without_errors(nb)
    for which, label in [("lp", "p"), ("huber", "δ"), ("outlier", "largest")]:
        find, reads = EXPLORERS[which]
        explorer = ready(nb, find(nb), f"{which} explorer")
        slider = bh.slider(explorer, label)
        text, png = readout(explorer), bh.canvas_png(explorer)
        slider.locator(".noUi-handle").focus()
        for key in ["ArrowRight"] * 3 + ["PageUp"]:
            nb.page.keyboard.press(key)
        text, png = expect_redraw(nb, explorer, text, png, f"{which}-keyboard")
        assert value_in_readout(text, reads) == value_on_slider(slider), text
        drag_handle(nb.page, slider.locator(".noUi-handle"), -90)
        text, _ = expect_redraw(nb, explorer, text, png, f"{which}-drag")
        assert value_in_readout(text, reads) == value_on_slider(slider), text
    assert not nb.errors()
