"""Stress the first display of the explorers: does every live figure get drawn?

The browser test once failed one run in a few with "the figure stayed blank" (issue 15).
This script repeats that scenario many times and counts the failures, so the rate can be
measured before and after a change:

    .venv/bin/python benchmarks/stress_first_frame.py --runs 50

One run: open a scratch notebook with explorers in the project's JupyterLab in headless
Chromium (as the browser test does), clear it, Run All, and watch every live figure from
inside the page. For each explorer the page records when its cell's prompt got its number
and the first animation frame at which the figure's canvas shows ink, then looks again
1.5 s later (a figure can be drawn and then wiped by the frame behind it). A figure with no
ink then, or none within ``--limit`` seconds of its cell finishing, is a failure. Each run
gets a fresh page and a fresh kernel. ``--scenario`` picks the notebook: ``descent`` (the
explorers of 04-05, where the failure was seen), ``losses`` (06) or ``back-to-back`` (one
explorer whose first frame is followed at once by a blitted one).

``--trace`` also records, per ipympl figure, every frame the page was given, whether it
ever loaded, and whether it was a full frame or a diff frame (a diff frame is transparent
wherever nothing changed). It is printed for every run. That log is how the cause of
issue 15 was found (see ``erm_course/live.py``, ``_FastCanvas``). The tracing slows the
page a little, which changes the timing the failure depends on.

Prints one line per run and a summary; exits 1 if any run failed. Needs Debian's Chromium
and the project's .venv (``make test`` sets both up). Never part of ``make test``.
"""

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# The browser machinery of the test suite (JupyterLab server, Chromium flags, notebook page).
sys.path.insert(0, str(REPO / "tests"))
import browser_helpers as bh  # noqa: E402
import explorer_page as ep  # noqa: E402

SCENARIOS = {
    "descent": ep.EXPLORERS_04_05,       # the two explorers of 04-05: the scenario that failed
    "losses": ep.EXPLORERS_06,           # the three explorers of 06
    "back-to-back": ep.FRAME_RIGHT_BEHIND_THE_FIRST,   # a blitted frame behind the first
}

# Installed before Run All: for every code cell, when its prompt got a number, and for every
# ipympl canvas in its output, the first animation frame with ink on it.
JS_WATCH_FIRST_FRAMES = """() => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  const watch = {done: {}, drawn: {}, stopped: false};
  window.__ermFirst = watch;
  const inked = (canvas) => {
    const w = canvas.width, h = canvas.height;
    if (!w || !h) return false;
    const data = canvas.getContext('2d').getImageData(0, 0, w, h).data;
    for (let i = 3; i < data.length; i += 4 * 7) if (data[i]) return true;
    return false;
  };
  const tick = (now) => {
    if (watch.stopped) return;
    const cells = panel.querySelectorAll('.jp-CodeCell');
    cells.forEach((cell, i) => {
      const prompt = cell.querySelector('.jp-InputPrompt');
      if (!(i in watch.done) && prompt && /^\\[\\d+\\]:$/.test(prompt.textContent.trim()))
        watch.done[i] = now;
      const canvas = cell.querySelector('.jupyter-matplotlib-canvas-div canvas');
      if (canvas && !(i in watch.drawn) && inked(canvas)) watch.drawn[i] = now;
    });
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}"""

# Per code cell: does its figure's canvas show ink now?
JS_STILL_INKED = """() => Array.from(document.querySelectorAll(
    '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell')).map((cell) => {
  const canvas = cell.querySelector('.jupyter-matplotlib-canvas-div canvas');
  if (!canvas || !canvas.width || !canvas.height) return false;
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  for (let i = 3; i < data.length; i += 4 * 7) if (data[i]) return true;
  return false;
})"""

# With --trace, before the page loads: every Image made by the page logs the frames it is
# given and which of them load, with the share of transparent pixels at load (a full frame
# from matplotlib is opaque; a diff frame is transparent wherever nothing changed).
JS_TRACE_IMAGES = """() => {
  const Native = window.Image;
  window.__ermImages = [];
  window.Image = function (...args) {
    const image = new Native(...args);
    const log = [];
    window.__ermImages.push(log);
    const start = performance.now();
    const descriptor = Object.getOwnPropertyDescriptor(HTMLImageElement.prototype, 'src');
    Object.defineProperty(image, 'src', {
      get() { return descriptor.get.call(image); },
      set(url) { log.push(['set', Math.round(performance.now() - start)]);
                 descriptor.set.call(image, url); },
    });
    image.addEventListener('load', () => {
      const c = document.createElement('canvas');
      c.width = image.width; c.height = image.height;
      const ctx = c.getContext('2d');
      ctx.drawImage(image, 0, 0);
      const data = ctx.getImageData(0, 0, c.width, c.height).data;
      let clear = 0;
      for (let i = 3; i < data.length; i += 4) if (!data[i]) clear++;
      const share = clear / (data.length / 4);
      log.push(['load', Math.round(performance.now() - start),
                share === 0 ? 'full' : `diff (${Math.round(100 * share)}% unchanged)`]);
    });
    return image;
  };
  window.Image.prototype = Native.prototype;
}"""


def one_run(context, server, name, workspace, limit, trace):
    """Open, clear, Run All, watch; return per explorer (cell index, seconds or None)."""
    page = context.new_page()
    if trace:
        page.add_init_script(f"({JS_TRACE_IMAGES})()")
    nb = bh.NotebookPage(page, server, name, tempfile.mkdtemp(prefix="erm-stress-"))
    try:
        nb.open(workspace=workspace)
        nb.menu("Edit", "Clear Outputs of All Cells")
        bh.wait_until(lambda: all(p in ("[ ]:", "") for p in nb.prompts()), timeout=10,
                      message="the cleared prompts")
        page.evaluate(JS_WATCH_FIRST_FRAMES)
        nb.menu("Run", "Run All Cells")
        explorers = len(SCENARIOS[name.removesuffix(".ipynb")])
        deadline = time.monotonic() + 120
        while True:
            watch = page.evaluate("window.__ermFirst")
            done = {int(k): v for k, v in watch["done"].items()}
            drawn = {int(k): v for k, v in watch["drawn"].items()}
            # Every cell ran; every figure drawn, or given `limit` seconds since its cell.
            if len(done) == explorers and all(
                    i in drawn or page.evaluate("performance.now()") - done[i] > limit * 1000
                    for i in done):
                break
            if time.monotonic() > deadline:
                raise TimeoutError(f"cells still not run after 120 s: {nb.prompts()}")
            time.sleep(0.1)
        # A figure can be drawn and then wiped by the frame behind it: look again later.
        time.sleep(1.5)
        page.evaluate("window.__ermFirst.stopped = true")
        still = page.evaluate(JS_STILL_INKED)
        results = [(i, (drawn[i] - done[i]) / 1000 if i in drawn and still[i] else None)
                   for i in sorted(done)]
        images = page.evaluate("window.__ermImages || []") if trace else []
        errors = nb.errors()
        return results, images, errors
    finally:
        page.close()
        server.shutdown_sessions()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--scenario", choices=sorted(SCENARIOS), default="descent")
    parser.add_argument("--limit", type=float, default=20.0,
                        help="seconds after its cell finished by which a figure must show")
    parser.add_argument("--trace", action="store_true",
                        help="log every frame each figure received, printed on failure")
    args = parser.parse_args(argv)

    chromium = bh.find_chromium()
    if chromium is None:
        sys.exit(bh.CHROMIUM_HINT)
    from playwright.sync_api import sync_playwright

    name = f"{args.scenario}.ipynb"
    top, root, work = bh.make_temp_root(
        [], {name: ep.scratch_notebook(SCENARIOS[args.scenario], "Stress of the first frame.")})
    server = bh.LabServer(root, work)
    home = tempfile.mkdtemp(prefix="erm-chromium-")
    failures, delays = 0, []
    try:
        server.start()
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, headless=True,
                                        args=bh.CHROMIUM_ARGS, env=bh.browser_env(home))
            for run in range(1, args.runs + 1):
                context = browser.new_context(viewport={"width": 1400, "height": 1000})
                context.set_default_timeout(30_000)
                try:
                    results, images, errors = one_run(context, server, name, f"stress-{run}",
                                                      args.limit, args.trace)
                finally:
                    context.close()
                blank = [i for i, s in results if s is None]
                delays += [s for _, s in results if s is not None]
                shown = ", ".join(f"cell {i + 1}: " + ("BLANK" if s is None else f"{s:.2f} s")
                                  for i, s in results)
                print(f"run {run:3d}: {shown}" + (f"  errors: {errors}" if errors else ""),
                      flush=True)
                if blank or errors:
                    failures += 1
                if blank or errors or args.trace:
                    for k, log in enumerate(images):
                        print(f"    image {k}: {log}")
            browser.close()
    finally:
        server.stop()
        shutil.rmtree(top, ignore_errors=True)
        shutil.rmtree(home, ignore_errors=True)
    print(f"\n{failures} of {args.runs} runs had a figure that stayed blank "
          f"(or an error); figures drawn {len(delays)}")
    if delays:
        print(f"seconds from a cell finishing to its figure drawn: median "
              f"{statistics.median(delays):.2f}, max {max(delays):.2f}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
