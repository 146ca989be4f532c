"""The sliders of the course, used in a real JupyterLab in headless Chromium.

A slider that works in plain pytest can still be blank or dead in the browser (a missing
extension, a shortcut of JupyterLab that takes its keys, a value that never reaches the
kernel). These tests open the course's notebooks as a student does: the project's own
JupyterLab, Debian's Chromium driven by Playwright, Run > Run All Cells from the menu, then
the keyboard and the mouse on every slider, toggle and preset button of every explorer.
What counts is what the page shows (the readout, the slider's stop, the canvas' pixels) and
that Python's ``readout_text`` follows the page.

They check behaviour only. How fast a slider answers (key press to frame, values drawn
during a drag) is measured by ``make bench-browser`` (``benchmarks/browser_rates.py``).

Screenshots of every step go to ``tests/browser-artifacts/<test name>/``; the folder is
removed when the test passes and kept when it fails (set ``ERM_KEEP_BROWSER_ARTIFACTS=1``
to keep it always).

Without Chromium the tests skip and say how to install it; under CI (``CI`` set) they fail.
"""

import os
import re
import shutil
from pathlib import Path

import pytest

import browser_helpers as bh
import explorer_page as ep

REPO = Path(__file__).resolve().parent.parent
# Another folder of notebooks can be tested with ERM_BROWSER_NOTEBOOKS=/path (e.g. a copy
# with a deliberate fault, to see the test fail).
NOTEBOOKS = Path(os.environ.get("ERM_BROWSER_NOTEBOOKS") or REPO / "notebooks")
ARTIFACTS = Path(__file__).resolve().parent / "browser-artifacts"
COURSE_NOTEBOOKS = tuple(ep.NOTEBOOK_EXPLORERS)


def _unavailable(message):
    """Skip on a student's machine; fail under CI, where the browser must be there."""
    if os.environ.get("CI"):
        pytest.fail(message + " (CI is set, so this is a failure, not a skip)")
    pytest.skip(message)


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
    missing = [n for n in COURSE_NOTEBOOKS if not (NOTEBOOKS / n).is_file()]
    assert not missing, f"notebooks missing from {NOTEBOOKS}: {missing}"
    # A temp copy of the notebooks: JupyterLab writes checkpoints, autosaves and outputs
    # there, never into the repository.
    top, root, work = bh.make_temp_root(
        [NOTEBOOKS / n for n in COURSE_NOTEBOOKS])
    server = bh.LabServer(root, work)
    try:
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(top, ignore_errors=True)


@pytest.fixture(scope="module")
def browser(chromium_path):
    with bh.launched_chromium(chromium_path) as chromium:
        yield chromium


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
        page.open(workspace=re.sub(r"[^A-Za-z0-9]+", "-", request.node.name).strip("-"))
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
# The tests
# --------------------------------------------------------------------------------------

@pytest.mark.parametrize("notebook", COURSE_NOTEBOOKS)
def test_every_explorer_moves_by_key_and_mouse(open_notebook, notebook):
    """Every slider of every explorer moves by arrows, PageUp, End, Home and a drag; each
    move redraws the canvas and the readout, JupyterLab's own shortcuts never see the keys,
    and Python's readout follows. Every toggle option and preset button redraws too."""
    nb = open_notebook(notebook)
    ep.run_all_without_errors(nb)
    for index, name in enumerate(ep.NOTEBOOK_EXPLORERS[notebook]):
        explorer = ep.ready(nb, ep.explorers(nb).nth(index), name)
        for button in _buttons(explorer, ".erm-toggle .erm-button"):
            _click_redraws(nb, explorer, button, name)
        for label in _slider_labels(explorer):
            _keys_and_a_drag(nb, explorer, name, label)
        for button in _buttons(explorer, ".erm-row:not([hidden]) .erm-preset"):
            _click_redraws(nb, explorer, button, name)
        ep.python_agrees(nb, explorer, name)
        nb.shot(f"{name}-moved")
    assert not nb.errors()
    assert not [line for line in nb.console if "pageerror" in line], nb.console


def _buttons(explorer, selector):
    found = explorer.locator(selector)
    return [found.nth(i) for i in range(found.count())]


def _slider_labels(explorer):
    rows = ep.slider_rows(explorer)
    return [rows.nth(i).locator(".erm-label").inner_text() for i in range(rows.count())
            if rows.nth(i).locator("input").is_enabled()]


def _click_redraws(nb, explorer, button, name):
    before = ep.frames(explorer)
    button.click()
    assert ep.frames(explorer) > before or "erm-selected" in (button.get_attribute("class")
                                                              or ""), button.inner_text()
    ep.python_agrees(nb, explorer, name)


def _keys_and_a_drag(nb, explorer, name, label):
    input_ = ep.slider(explorer, label)
    first, last = ep.stop(input_)
    if first > last - 4:
        ep.press(nb, input_, ["Home"])
        first = 0
    input_.focus()                      # makes the explorer's cell the active one
    cell, text, pixels = ep.active_cell_index(nb), ep.readout(explorer), ep.canvas_hash(explorer)
    ep.press(nb, input_, ["ArrowRight"] * 3)
    where = f"{name}, slider {label}"
    assert ep.stop(input_)[0] == first + 3, where
    assert ep.readout(explorer) != text or ep.canvas_hash(explorer) != pixels, where
    assert input_.evaluate("i => document.activeElement === i"), f"{where}: focus lost"
    assert ep.active_cell_index(nb) == cell, f"{where}: the arrow keys moved the cell"
    ep.press(nb, input_, ["PageUp"])
    assert ep.stop(input_)[0] > first + 3, where
    ep.press(nb, input_, ["End"])
    assert ep.stop(input_)[0] == last, where
    ep.press(nb, input_, ["Home"])
    assert ep.stop(input_)[0] == 0, where
    assert ep.active_cell_index(nb) == cell, f"{where}: a key moved the cell"
    ep.python_agrees(nb, explorer, name)
    before = ep.frames(explorer)
    ep.drag(nb, input_, 0.25, 0.6)
    moved = ep.stop(input_)[0]
    assert 0.2 * last < moved < 0.65 * last, f"{where}: dragged to stop {moved} of {last}"
    assert ep.frames(explorer) >= before + 5, f"{where}: a drag drew {ep.frames(explorer) - before} frames"
    ep.python_agrees(nb, explorer, name)


def test_a_frame_after_a_resize_and_a_zoom_equals_a_fresh_one(open_notebook):
    """No ghosts: after the window is resized and the page zoomed (pixel ratio 2), moving a
    slider away and back draws exactly the frame drawn right after the zoom."""
    nb = open_notebook("04_ucsd_loss.ipynb")
    ep.run_all_without_errors(nb)
    explorer = ep.ready(nb, ep.explorers(nb).first, "sigma_explorer")
    input_ = ep.slider(explorer, "σ")
    ep.press(nb, input_, ["ArrowLeft"] * 5)
    nb.page.set_viewport_size({"width": 1100, "height": 900})
    cdp = nb.page.context.new_cdp_session(nb.page)
    cdp.send("Emulation.setDeviceMetricsOverride",
             {"width": 1000, "height": 900, "deviceScaleFactor": 2, "mobile": False})
    bh.wait_until(lambda: ep.canvas_hash(explorer).startswith("1400x640"),
                  message="the canvas at twice the pixels")
    zoomed = ep.canvas_hash(explorer)
    ep.press(nb, input_, ["ArrowRight"] * 7 + ["ArrowLeft"] * 7)
    assert ep.canvas_hash(explorer) == zoomed
    nb.shot("zoomed")
    assert not nb.errors()


def test_the_sliders_keys_work_in_notebook_7(browser, chromium_path, request):
    """Notebook 7 binds the arrow keys to heading navigation (ipywidgets issue 3926); the
    page's sliders keep their keys with nothing changed in Settings."""
    top, root, work = bh.make_temp_root([NOTEBOOKS / "04_ucsd_loss.ipynb"])
    server = bh.LabServer(root, work, app="notebook")
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(30_000)
    try:
        server.start()
        nb = bh.NotebookPage(context.new_page(), server, "04_ucsd_loss.ipynb",
                             ARTIFACTS / request.node.name)
        nb.open(workspace="")
        ep.run_all_without_errors(nb)
        explorer = ep.ready(nb, ep.explorers(nb).first, "sigma_explorer")
        input_ = ep.slider(explorer, "σ")
        first, last = ep.stop(input_)
        input_.focus()
        cell = ep.active_cell_index(nb)
        ep.press(nb, input_, ["ArrowRight"] * 3 + ["ArrowLeft"])
        assert ep.stop(input_)[0] == first + 2
        ep.press(nb, input_, ["PageDown", "End"])
        assert ep.stop(input_)[0] == last
        ep.press(nb, input_, ["Home"])
        assert ep.stop(input_)[0] == 0 and ep.active_cell_index(nb) == cell
        ep.python_agrees(nb, explorer, "sigma_explorer")
        assert not nb.errors()
    finally:
        context.close()
        server.stop()
        shutil.rmtree(top, ignore_errors=True)
