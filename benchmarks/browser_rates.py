"""How fast every slider of the course answers in a real JupyterLab page (make bench-browser).

For each slider, on the 397 professors' salaries, in headless Chromium:

- **key press -> frame**: milliseconds from a key press on the slider's thumb to the first
  animation frame whose canvas pixels changed, timed inside the page (the keydown event's
  own time stamp, then ``performance.now()`` in the ``requestAnimationFrame`` callback that
  first sees the new pixels); the median of ten presses.
- **drag**: the thumb dragged steadily across its track for two seconds, about one mouse
  move per display frame. The page counts the values the slider shows and the frames whose
  pixels changed, over the same time window; their ratio is the share of dragged values
  that were drawn.

Behaviour is still checked on the way (every press draws a new frame), but nothing here is
a test: the figures are
printed and written between the browser markers of benchmarks/README.md. ``--runs 3``
repeats the whole measurement and reports each slider's median over the runs.

    .venv/bin/python benchmarks/browser_rates.py            # what make bench-browser runs
    .venv/bin/python benchmarks/browser_rates.py --no-write # print only
"""

import argparse
import datetime
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from harness import README, ROOT as REPO, commit, machine_info, machine_line, write_block

# The browser machinery of the test suite (server, Chromium, reading an explorer).
sys.path.insert(0, str(REPO / "tests"))
import browser_helpers as bh  # noqa: E402
import explorer_page as ep  # noqa: E402

PRESSES = 10

#: Scratch notebooks (generated in a temp folder): the explorers on the 397 professors.
SCRATCH = {
    "scratch_04_05.ipynb": ("import erm_helpers as erm\n"
                            "from erm_course import explorers\n"
                            "y = erm.load_professor_salaries()\n"
                            "explorers.ucsd_explorer(y)",
                            "explorers.descent_explorer(y)"),
    "scratch_06.ipynb": ("import erm_helpers as erm\n"
                         "from erm_course import loss_explorers\n"
                         "y = erm.load_professor_salaries()\n"
                         "loss_explorers.lp_explorer(y)",
                         "loss_explorers.huber_explorer(y)",
                         "loss_explorers.outlier_explorer(erm.load_salaries())"),
    "scratch_08.ipynb": ("import erm_helpers as erm\n"
                         "from erm_course import line_explorers\n"
                         "professors = erm.load_professors()\n"
                         "x, y = professors['yrs_since_phd'], professors['salary_usd']\n"
                         "line_explorers.line_explorer(x, y, w0=60_000, w1=2_000)",
                         "line_explorers.line_descent_explorer(x, y, alpha=0.001)"),
}
#: notebook -> [(explorer's index in the page, its name, slider label, toggle to pick)]
SLIDERS = {
    "scratch_04_05.ipynb": [(0, "sigma", "σ", None), (1, "descent", "α", "squared"),
                            (1, "descent", "h₀", "squared"), (1, "descent", "σ", "UCSD")],
    "scratch_06.ipynb": [(0, "lp", "p", None), (1, "huber", "δ", None),
                         (2, "outlier", None, None)],
    "scratch_08.ipynb": [(0, "line", "w₀ ($)", None), (0, "line", "w₁ ($ per year)", None),
                         (1, "line-descent", "α", None)],
}

# Watches for the next frame after a key press. t0 is the keydown event's timestamp; then on
# every animation frame the canvas' hash is compared with its value at arming time. Sets
# window.__ermResult to {frame}: milliseconds from the key press to the first frame showing
# new pixels (null if none came within timeoutMs).
JS_WATCH_NEXT_FRAME = """([root, timeoutMs]) => {
  const hash = () => window.__ermHash(root);
  const before = hash();
  let t0 = null;
  window.__ermResult = null;
  const onKey = (event) => { if (t0 === null) t0 = event.timeStamp; };
  window.addEventListener('keydown', onKey, true);   // the sliders stop keys at the window
  const start = performance.now();
  const finish = (frame) => {
    window.removeEventListener('keydown', onKey, true);
    window.__ermResult = {frame: frame};
  };
  const tick = (now) => {
    if (t0 !== null && hash() !== before) return finish(performance.now() - t0);
    if (now - start > timeoutMs) return finish(null);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}"""

# Counts, during a drag, the slider values the page shows (each change of the slider's own
# value label) and the new frames (animation frames whose canvas pixels changed), with their
# times, into window.__ermDrag; set window.__ermDrag.stopped = true to end it.
JS_WATCH_DRAG = """([root, label]) => {
  const record = {values: [], frames: [], stopped: false};
  window.__ermDrag = record;
  let last = window.__ermHash(root);
  let shown = label.textContent;     // a value counts when the label shows a new one
  const observer = new MutationObserver(() => {
    if (label.textContent !== shown) { shown = label.textContent; record.values.push(performance.now()); }
  });
  observer.observe(label, {childList: true, characterData: true, subtree: true});
  const tick = (now) => {
    if (record.stopped) { observer.disconnect(); return; }
    const print = window.__ermHash(root);
    if (print !== last) { record.frames.push(now); last = print; }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}"""


def install_hash(nb):
    """window.__ermHash(root): the explorer's canvas hash, as explorer_page computes it."""
    nb.page.evaluate(f"() => {{ window.__ermHash = {ep.JS_CANVAS_HASH}; }}")


def key_press_to_frame(nb, explorer, slider, presses=PRESSES, key="ArrowRight"):
    """Milliseconds from each key press on ``slider`` to the first frame with new pixels."""
    root = explorer.element_handle()
    frames = []
    slider.focus()
    for _ in range(presses):
        nb.page.evaluate(JS_WATCH_NEXT_FRAME, [root, 10_000])
        nb.page.keyboard.press(key)
        nb.page.wait_for_function("window.__ermResult !== null", polling=50, timeout=15_000)
        result = nb.page.evaluate("window.__ermResult")
        if result["frame"] is None:
            raise RuntimeError("no new frame within 10 s of a key press")
        frames.append(result["frame"])
        time.sleep(0.1)
    return frames


def drag_rates(nb, explorer, slider, fraction_from, fraction_to, seconds=2.0):
    """Drag ``slider``'s thumb steadily across its track; (values shown, frames drawn),
    each per second, as the page saw them over the same time window."""
    root = explorer.element_handle()
    row = slider.locator("xpath=..")
    label = row.locator(".erm-value").element_handle()
    box = slider.bounding_box()
    y = box["y"] + box["height"] / 2
    x = lambda f: box["x"] + 8 + f * (box["width"] - 16)
    nb.page.mouse.move(x(fraction_from), y)
    nb.page.mouse.down()
    time.sleep(0.3)
    nb.page.evaluate(JS_WATCH_DRAG, [root, label])
    steps = int(seconds * 60)
    start = time.monotonic()
    for k in range(1, steps + 1):   # about one mouse move per display frame
        nb.page.mouse.move(x(fraction_from + (fraction_to - fraction_from) * k / steps), y)
        time.sleep(max(0.0, start + k * seconds / steps - time.monotonic()))
    nb.page.mouse.up()
    time.sleep(0.3)
    nb.page.evaluate("window.__ermDrag.stopped = true")
    record = nb.page.evaluate("({values: window.__ermDrag.values, "
                              "frames: window.__ermDrag.frames})")
    values, frames = record["values"], record["frames"]
    if not values or not frames:
        raise RuntimeError(f"a drag gave {len(values)} values and {len(frames)} frames")
    window = (max(frames[-1], values[-1]) - values[0]) / 1000
    return len(values) / window, len(frames) / window


def measure_notebook(nb, sliders):
    """One row per slider: (name, key press times in ms, values/s, frames/s)."""
    ep.run_all_without_errors(nb)
    install_hash(nb)
    rows = []
    for index, which, label, toggle in sliders:
        explorer = ep.ready(nb, ep.explorers(nb).nth(index), which)
        if toggle:
            explorer.locator(".erm-toggle .erm-button", has_text=toggle).first.click()
        slider = (ep.slider(explorer, label) if label
                  else ep.slider_rows(explorer).first.locator("input"))
        label = label or ep.slider_rows(explorer).first.locator(".erm-label").inner_text()
        ep.press(nb, slider, ["Home"] + ["PageUp"] * 3)
        presses = key_press_to_frame(nb, explorer, slider)
        values_per_s, frames_per_s = drag_rates(nb, explorer, slider, 0.2, 0.8)
        name = f"{which}: {label}" + (f" ({toggle} risk)" if toggle else "")
        rows.append((name, presses, values_per_s, frames_per_s))
        print(f"  {name:<28} key press -> frame median {statistics.median(presses):4.0f} ms "
              f"(min {min(presses):.0f}, max {max(presses):.0f}); drag {values_per_s:5.1f} "
              f"values/s, {frames_per_s:5.1f} frames/s "
              f"({min(1.0, frames_per_s / values_per_s):.0%} drawn)", flush=True)
    return rows


def measure(runs):
    """Every slider, ``runs`` times; {name: [(presses, values/s, frames/s), ...]}."""
    chromium = bh.find_chromium()
    if chromium is None:
        sys.exit(bh.CHROMIUM_HINT)
    top, root, work = bh.make_temp_root(
        [], {name: scratch_notebook(cells) for name, cells in SCRATCH.items()})
    server = bh.LabServer(root, work)
    found = {}
    try:
        server.start()
        with bh.launched_chromium(chromium) as browser:
            for run in range(1, runs + 1):
                print(f"run {run} of {runs}", flush=True)
                for name, sliders in SLIDERS.items():
                    context = browser.new_context(viewport={"width": 1400, "height": 1000})
                    context.set_default_timeout(30_000)
                    artifacts = Path(tempfile.mkdtemp(prefix="erm-bench-browser-"))
                    try:
                        nb = bh.NotebookPage(context.new_page(), server, name, artifacts)
                        nb.open(workspace=f"bench-{run}-{name[:-6].replace('_', '-')}")
                        for row in measure_notebook(nb, sliders):
                            found.setdefault(row[0], []).append(row[1:])
                    finally:
                        context.close()
                        server.shutdown_sessions()
                        shutil.rmtree(artifacts, ignore_errors=True)
    finally:
        server.stop()
        shutil.rmtree(top, ignore_errors=True)
    return found


def scratch_notebook(cells):
    """A notebook of code cells, one per string."""
    import nbformat
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_markdown_cell("Scratch notebook of the browser benchmark.")]
    notebook.cells += [nbformat.v4.new_code_cell(code) for code in cells]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                       "language": "python"}
    return notebook


def render(found, runs, info):
    """The Markdown block for benchmarks/README.md; ``info`` is harness.machine_info(),
    taken when the measurement ended."""
    lines = [f"Run on {datetime.date.today().isoformat()}, code at commit {commit()}, "
             f"{runs} run(s) of every slider in headless Chromium.",
             "", f"Machine: {machine_line(info, load_when='at the end')}.", "",
             "| slider | key press → frame, median (min-max) | dragged values shown /s "
             "| frames drawn /s | share of values drawn |",
             "|---|---|---|---|---|"]
    for name, results in found.items():
        presses = [ms for r in results for ms in r[0]]
        values = statistics.median(r[1] for r in results)
        frames = statistics.median(r[2] for r in results)
        lines.append(f"| {name} | {statistics.median(presses):.0f} ms "
                     f"({min(presses):.0f}-{max(presses):.0f}) | {values:.1f} | "
                     f"{frames:.1f} | {min(1.0, frames / values):.0%} |")
    return "\n".join(lines) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--no-write", action="store_true",
                        help="print the table only; benchmarks/README.md left alone")
    args = parser.parse_args(argv)
    found = measure(args.runs)
    table = render(found, args.runs, machine_info())
    print()
    print(table)
    if not args.no_write:
        write_block(README, "browser", table)
        print(f"Written to {README.relative_to(REPO)}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
