"""Stress the first display of the explorers: does every explorer get drawn?

The browser test once failed one run in a few with "the figure stayed blank" (issue 15: the
kernel's frames could reach ipympl's page in an order that left it blank). Since issue 20
the page draws the explorers itself and no frame travels, but a first display can still go
wrong (a background that never loads, a canvas sized before the page lays it out), so this
script repeats the first display many times and counts the failures:

    .venv/bin/python benchmarks/stress_first_frame.py --runs 50

One run: open a scratch notebook with explorers (those of ``browser_rates.SCRATCH``) in the
project's JupyterLab in headless Chromium, clear it, Run All, and watch every explorer from
inside the page: when its cell's prompt got its number, and the first animation frame at
which its background image has loaded and its canvas shows ink; then look again 1.5 s later.
An explorer not drawn then, or not within ``--limit`` seconds of its cell finishing, is a
failure. Each run gets a fresh page and a fresh kernel.

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

from browser_rates import SCRATCH, scratch_notebook

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
import browser_helpers as bh  # noqa: E402
import explorer_page as ep  # noqa: E402

SCENARIOS = {"descent": "scratch_04_05.ipynb", "losses": "scratch_06.ipynb",
             "line": "scratch_08.ipynb"}

# Installed before Run All: per code cell, when its prompt got a number and when its
# explorer (if any) first showed its background and ink.
JS_WATCH = """() => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  const watch = {done: {}, drawn: {}, stopped: false};
  window.__ermFirst = watch;
  const drawn = (root) => {
    const image = root.querySelector('img.erm-background');
    const canvas = root.querySelector('canvas.erm-canvas');
    if (!image || !image.complete || !image.naturalWidth || !canvas || !canvas.width) return false;
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    for (let i = 3; i < data.length; i += 4 * 7) if (data[i]) return true;
    return false;
  };
  const tick = () => {
    if (watch.stopped) return;
    const now = performance.now();
    panel.querySelectorAll('.jp-CodeCell').forEach((cell, i) => {
      const prompt = cell.querySelector('.jp-InputPrompt').textContent.trim();
      if (!(i in watch.done) && /^\\[\\d+\\]:$/.test(prompt)) watch.done[i] = now;
      const root = cell.querySelector('.erm-explorer');
      if (root && !(i in watch.drawn) && drawn(root)) watch.drawn[i] = now;
    });
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}"""

JS_STILL_DRAWN = """() => [...document.querySelectorAll(
  '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell')].map((cell, i) => {
    const root = cell.querySelector('.erm-explorer');
    if (!root) return null;
    const canvas = root.querySelector('canvas.erm-canvas');
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    for (let k = 3; k < data.length; k += 4 * 7) if (data[k]) return true;
    return false;
  })"""


def one_run(browser, server, name, run, limit):
    """(failures, delays in s) of one first display of every explorer in ``name``."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(30_000)
    artifacts = Path(tempfile.mkdtemp(prefix="erm-stress-"))
    try:
        nb = bh.NotebookPage(context.new_page(), server, name, artifacts)
        nb.open(workspace=f"stress-{run}")
        nb.menu("Edit", "Clear Outputs of All Cells")
        nb.page.evaluate(JS_WATCH)
        ep.run_all_without_errors(nb)
        time.sleep(1.5)
        watch = nb.page.evaluate("window.__ermFirst")
        still = nb.page.evaluate(JS_STILL_DRAWN)
        failures, delays = [], []
        for cell, shown in enumerate(still):
            if shown is None:
                continue
            done, drawn = watch["done"].get(str(cell)), watch["drawn"].get(str(cell))
            delay = None if drawn is None or done is None else max(0.0, drawn - done) / 1000
            if not shown or delay is None or delay > limit:
                failures.append(f"cell {cell + 1}: drawn={shown}, delay={delay}")
            else:
                delays.append(delay)
        return failures, delays
    finally:
        context.close()
        server.shutdown_sessions()
        shutil.rmtree(artifacts, ignore_errors=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--scenario", choices=SCENARIOS, default="descent")
    parser.add_argument("--limit", type=float, default=5.0,
                        help="seconds from a cell's end to its explorer's first frame")
    args = parser.parse_args(argv)
    chromium = bh.find_chromium()
    if chromium is None:
        sys.exit(bh.CHROMIUM_HINT)
    name = SCENARIOS[args.scenario]
    top, root, work = bh.make_temp_root([], {name: scratch_notebook(SCRATCH[name])})
    server = bh.LabServer(root, work)
    failed, delays = 0, []
    try:
        server.start()
        with bh.launched_chromium(chromium) as browser:
            for run in range(1, args.runs + 1):
                failures, found = one_run(browser, server, name, run, args.limit)
                failed += bool(failures)
                delays += found
                print(f"run {run:3d}: {'FAILED ' + '; '.join(failures) if failures else 'ok'}"
                      + (f" (slowest {max(found):.2f} s)" if found else ""), flush=True)
    finally:
        server.stop()
        shutil.rmtree(top, ignore_errors=True)
    print(f"\n{failed} of {args.runs} runs failed ({args.scenario}); first frames "
          f"{statistics.median(delays):.2f} s median, {max(delays):.2f} s max after their "
          f"cells finished" if delays else f"\n{failed} of {args.runs} runs failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
