"""Speed figures for erm_helpers and erm_course: the fast risk curves, the explorers, the notebook run.

Run ``make bench`` (or ``.venv/bin/python benchmarks/run_benchmarks.py``) on a quiet
machine: it prints every figure and rewrites the results table in benchmarks/README.md.
``--quick`` runs the same code at small sizes in a few seconds and leaves the README alone;
``--only 6`` (any figure numbers) runs just those figures and leaves the README alone too.

Each figure is the median of several repeats (``time.perf_counter``), compared with the
naive method in the same run where one exists. Peak memory is measured in a fresh
subprocess per case (``resource.getrusage``), so one case cannot inflate another. Every
timed result is first checked against the plain formula: a fast wrong answer is no result.
"""

from __future__ import annotations

import argparse
import datetime
import io
import json
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

import erm_helpers as erm
from erm_course import explorers, money

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
README = HERE / "README.md"
START_MARKER = "<!-- results:start -->"
END_MARKER = "<!-- results:end -->"

#: Size of one temporary block of the naive n x m formula: 64 MB, the same budget the
#: helpers use for the UCSD risk, so both sides of a ratio use fair memory.
CHUNK_BYTES = 64 * 2**20
#: Agreement demanded between the fast and the plain numbers (relative).
RTOL = 1e-9
SIGMA = 20_000.0   # dollars: a UCSD scale of the size the course uses on salaries

FULL = {
    "curves": dict(n=10**5, m=10**3, repeats=5, fast_repeats=51),
    "scale": [dict(n=10**6, m=10**4, repeats=5), dict(n=10**7, m=10**4, repeats=3)],
    "ucsd": dict(n=10**6, m=10**3, repeats=3, loop_repeats=1),
    "explorers": dict(updates=20, redraws=10),
    "frames": dict(updates=40),
    "choice": dict(n=10**5, m=10**3, repeats=5, fast_repeats=51, moves=21),
    "nbval": True,
}
QUICK = {
    "curves": dict(n=10**4, m=200, repeats=3, fast_repeats=11),
    "scale": [dict(n=10**5, m=10**3, repeats=3)],
    "ucsd": dict(n=10**5, m=100, repeats=1, loop_repeats=1),
    "explorers": dict(updates=4, redraws=2),
    "frames": dict(updates=4),
    "choice": dict(n=10**4, m=200, repeats=3, fast_repeats=11, moves=5),
    "nbval": False,
}


@dataclass
class Row:
    """One line of the results table."""

    figure: str
    what: str
    n: int | None = None
    m: int | None = None
    seconds: float | None = None        # the fast method (median)
    reference: float | None = None      # the naive method (median), when there is one
    reference_name: str = ""
    peak_mb: float | None = None        # whole-process peak resident memory
    extra_mb: float | None = None       # peak minus the child's baseline after set-up
    target: str = ""
    met: bool | None = None
    note: str = ""

    @property
    def ratio(self):
        if self.seconds and self.reference:
            return self.reference / self.seconds
        return None


# --------------------------------------------------------------------------------------
# Machine
# --------------------------------------------------------------------------------------

def machine_info():
    """A dict describing the machine, the Python and numpy, cheaply."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count()
    blas = "unknown"
    try:
        config = np.show_config(mode="dicts")
        info = config["Build Dependencies"]["blas"]
        blas = f"{info.get('name', '?')} {info.get('version', '')}".strip()
    except Exception:   # older numpy, or a build without the dict: not worth failing for
        pass
    threads = {k: os.environ[k] for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS",
                                          "MKL_NUM_THREADS") if k in os.environ}
    try:
        load = "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
    except OSError:
        load = "unknown"
    return {
        "platform": platform.platform(terse=True),
        "cpu": cpu,
        "cores": usable,
        "python": platform.python_version(),
        "numpy": np.__version__,
        "blas": blas,
        "threads": ", ".join(f"{k}={v}" for k, v in threads.items()) or "library default",
        "load": load,
    }


def machine_line(info):
    return (f"{info['platform']}, {info['cpu']}, {info['cores']} cores; "
            f"Python {info['python']}, numpy {info['numpy']} (BLAS: {info['blas']}, "
            f"threads: {info['threads']}); load average at start {info['load']}")


# --------------------------------------------------------------------------------------
# Data, timing, agreement
# --------------------------------------------------------------------------------------

def make_data(n, seed=0):
    """n salary-like values in whole dollars (so there are ties), as floats."""
    rng = np.random.default_rng(seed)
    y = rng.lognormal(mean=np.log(110_000), sigma=0.3, size=n)
    np.round(y, out=y)
    return y


def make_grid(y, m):
    """m values of h spanning the data with a 10% margin on each side, as a plot would."""
    lo, hi = float(y.min()), float(y.max())
    pad = 0.1 * (hi - lo) or 1.0
    return np.linspace(lo - pad, hi + pad, m)


def median_time(fn, repeats, warmup=False):
    """Median wall time of ``fn()`` over ``repeats`` calls, and the last result."""
    if warmup:
        fn()
    times = []
    result = None
    for _ in range(repeats):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def check_agreement(fast, plain, what, rtol=RTOL):
    """Raise AssertionError unless ``fast`` equals ``plain`` to ``rtol`` relative.

    Returns the largest relative difference found.
    """
    fast = np.asarray(fast, dtype=float)
    plain = np.asarray(plain, dtype=float)
    if fast.shape != plain.shape:
        raise AssertionError(f"{what}: shapes differ, {fast.shape} vs {plain.shape}")
    scale = np.maximum(np.abs(plain), np.finfo(float).tiny)
    worst = float(np.max(np.abs(fast - plain) / scale)) if fast.size else 0.0
    if not worst <= rtol:   # also catches NaN
        raise AssertionError(f"{what}: the fast numbers differ from the plain formula by "
                             f"{worst:.3g} relative (allowed {rtol:g})")
    return worst


# --------------------------------------------------------------------------------------
# The naive methods: the n x m formula in row chunks of CHUNK_BYTES
# --------------------------------------------------------------------------------------

def _chunk_rows(n, chunk_bytes=CHUNK_BYTES):
    return max(1, chunk_bytes // (8 * n))


def naive_risk(h, y, inplace_loss, chunk_bytes=CHUNK_BYTES):
    """mean_i L(h_j, y_i) for every h_j, by the n x m broadcast, a chunk of rows at a time.

    ``inplace_loss(block, out=block)`` turns differences into losses (np.abs, np.square).
    The chunk is reused in place (one temporary per chunk), which makes this baseline as
    quick as the broadcast formula gets without changing the arithmetic.
    """
    h = np.asarray(h, dtype=float).ravel()
    out = np.empty(h.size)
    rows = _chunk_rows(y.size, chunk_bytes)
    for start in range(0, h.size, rows):
        block = np.subtract.outer(h[start:start + rows], y)
        inplace_loss(block, out=block)
        out[start:start + rows] = block.mean(axis=1)
    return out


def naive_absolute_risk(h, y, chunk_bytes=CHUNK_BYTES):
    """mean_i |h_j - y_i| for every h_j, by the n x m broadcast in row chunks."""
    return naive_risk(h, y, np.abs, chunk_bytes)


def naive_squared_risk(h, y, chunk_bytes=CHUNK_BYTES):
    """mean_i (h_j - y_i)^2 for every h_j, by the n x m broadcast in row chunks."""
    return naive_risk(h, y, np.square, chunk_bytes)


def loop_ucsd_risk(h, y, sigma):
    """The UCSD risk the plainest way: a Python loop over h, n values at a time."""
    return np.array([np.mean(-np.expm1(-np.square((hj - y) / sigma))) for hj in h])


# --------------------------------------------------------------------------------------
# 1. Absolute and squared risk curves against the broadcast formula
# --------------------------------------------------------------------------------------

def bench_curves(n, m, repeats, fast_repeats=None, seed=0):
    """Figure 1: fast absolute and squared curves vs the chunked n x m formula.

    The fast calls take milliseconds, so they are repeated more often (``fast_repeats``)
    than the naive ones: the median then shrugs off a busy moment of the machine.
    """
    y = make_data(n, seed)
    h = make_grid(y, m)
    rows = []
    cases = [
        ("absolute risk curve", erm.absolute_risk, naive_absolute_risk, 30),
        ("squared risk curve", erm.squared_risk, naive_squared_risk, 100),
    ]
    for what, fast_fn, naive_fn, target in cases:
        fast_s, fast = median_time(lambda: fast_fn(h, y), fast_repeats or repeats,
                                   warmup=True)
        naive_s, naive = median_time(lambda: naive_fn(h, y), repeats)
        worst = check_agreement(fast, naive, what)
        row = Row("1", what, n, m, fast_s, naive_s, "n×m broadcast, 64 MB row chunks",
                  target=f"≥ {target}×", note=f"agree to {worst:.1e}")
        row.met = row.ratio >= target
        rows.append(row)
    return rows


# --------------------------------------------------------------------------------------
# 2 and 3. Large curves in a fresh subprocess each: time and peak memory
# --------------------------------------------------------------------------------------

def _peak_rss_mb():
    """Peak resident memory of this process so far, in MB.

    On Linux this is ``VmHWM`` from /proc/self/status, the high-water mark of the
    process's own memory, which starts afresh when a new program is executed.
    ``getrusage(RUSAGE_SELF).ru_maxrss`` does not: a child started by ``subprocess``
    inherits its parent's peak there, so it could never read below the benchmark's own
    peak. ``ru_maxrss`` remains the fallback elsewhere.
    """
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    # ru_maxrss is in kilobytes on Linux, in bytes on macOS.
    scale = 1 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 2**20


def child_case(kind, n, m, repeats, seed=0):
    """Run one large case in this (fresh) process; return times and memory as a dict.

    ``kind`` is ``"absolute"``, ``"ucsd"`` (the helpers) or ``"ucsd-loop"`` (a Python
    loop over h). The baseline is the peak resident memory after imports and data set-up;
    the peak is read after the timed runs, before the agreement check allocates anything.
    """
    y = make_data(n, seed)
    h = make_grid(y, m)
    fns = {
        "absolute": lambda: erm.absolute_risk(h, y),
        "ucsd": lambda: erm.ucsd_risk(h, y, SIGMA),
        "ucsd-loop": lambda: loop_ucsd_risk(h, y, SIGMA),
    }
    fn = fns[kind]
    baseline = _peak_rss_mb()
    seconds, curve = median_time(fn, repeats)
    peak = _peak_rss_mb()
    # Check a spread of grid points, ends included, against the plain formula.
    picks = np.unique(np.linspace(0, m - 1, 7).round().astype(int))
    if kind == "absolute":
        plain = [np.mean(np.abs(h[j] - y)) for j in picks]
    else:
        plain = [np.mean(-np.expm1(-np.square((h[j] - y) / SIGMA))) for j in picks]
    worst = check_agreement(curve[picks], plain, f"{kind} risk curve at n = {n}")
    return {"kind": kind, "n": n, "m": m, "seconds": seconds, "baseline_mb": baseline,
            "peak_mb": peak, "agreement": worst}


def run_child(kind, n, m, repeats, seed=0):
    """Run :func:`child_case` in a fresh Python process and return its dict."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", kind,
           str(n), str(m), str(repeats), str(seed)]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        raise RuntimeError(f"benchmark child {kind} n={n} m={m} failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def bench_scale(cases, seed=0):
    """Figure 2: the absolute risk curve at large n, fast only, time and peak memory."""
    rows = []
    for case in cases:
        res = run_child("absolute", case["n"], case["m"], case["repeats"], seed)
        table_gb = case["n"] * case["m"] * 8 / 1e9
        row = Row("2", "absolute risk curve (large n)", case["n"], case["m"],
                  res["seconds"], peak_mb=res["peak_mb"],
                  extra_mb=res["peak_mb"] - res["baseline_mb"],
                  note=f"the n×m table would be {table_gb:,.0f} GB; "
                       f"agree to {res['agreement']:.1e}")
        if case["n"] == 10**6 and case["m"] == 10**4:
            row.target = "< 1 s"
            row.met = res["seconds"] < 1.0
        rows.append(row)
    return rows


def bench_ucsd(n, m, repeats, loop_repeats, seed=0):
    """Figure 3: the UCSD curve at large n: time, peak memory, and a loop over h."""
    fast = run_child("ucsd", n, m, repeats, seed)
    loop = run_child("ucsd-loop", n, m, loop_repeats, seed)
    row = Row("3", "UCSD risk curve", n, m, fast["seconds"], loop["seconds"],
              "Python loop over h", peak_mb=fast["peak_mb"],
              extra_mb=fast["peak_mb"] - fast["baseline_mb"],
              target="peak < 300 MB",
              note=f"the loop peaks at {loop['peak_mb']:.0f} MB; the n×m table would be "
                   f"{n * m * 8 / 1e9:,.1f} GB; agree to {fast['agreement']:.1e}")
    row.met = fast["peak_mb"] < 300
    return [row]


# --------------------------------------------------------------------------------------
# 4. Slider updates: in place vs re-creating the figure (the interact + inline way)
# --------------------------------------------------------------------------------------

def _sweep(slider, count, offset=0.0):
    """``count`` distinct values spread over the middle of the slider's range.

    Every value differs from the slider's current one (so each assignment fires the
    observer) and from the others (so the explorer's per-sigma cache cannot answer).
    ``offset`` (a fraction of one spacing) gives a second sweep that misses the first.
    A selection slider (the alpha slider) takes values from its own stops.
    """
    spacing = 0.7 / max(count - 1, 1)
    fractions = np.linspace(0.15, 0.85, count) + offset * min(spacing, 0.1)
    if hasattr(slider, "options"):
        stops = [v for _, v in slider.options]
        picks = [stops[int(f * (len(stops) - 1))] for f in fractions]
        return [v if v != slider.value else stops[stops.index(v) - 1] for v in picks]
    values = slider.min + fractions * (slider.max - slider.min)
    current = float(slider.value)
    return [float(v) * (1 + 1e-6) if np.isclose(v, current, rtol=1e-9) else float(v)
            for v in values]


def _time_updates(slider, values):
    """Median time of ``slider.value = v`` (the explorer's whole update) over ``values``."""
    times = []
    for value in values:
        t0 = time.perf_counter()
        slider.value = value
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def _shown_as_in_a_browser(explorer):
    """Put an explorer in the state JupyterLab leaves it in once the figure is shown.

    ipympl stops keeping a PNG copy of every frame (``syncing_data_url``) when the browser
    says it is there, and the first full draw takes the background.
    """
    explorer.canvas.syncing_data_url = False
    explorer.canvas.draw()


def bench_frames(updates):
    """Figure 7: one frame per slider move, as the explorers make it (blit the moving
    artists, encode the whole PNG with erm_course.live.png_bytes), against the way before
    blitting: a full render of the whole figure per move, encoded by matplotlib."""
    from matplotlib.backends.backend_webagg_core import FigureCanvasWebAggCore

    from erm_course import loss_explorers

    y = erm.load_professor_salaries()
    ucsd = explorers.ucsd_explorer(y)
    descent = explorers.descent_explorer(y)
    ucsd_descent = explorers.descent_explorer(y, risk="ucsd")
    lp = loss_explorers.lp_explorer(y)
    huber = loss_explorers.huber_explorer(y)
    outlier = loss_explorers.outlier_explorer(erm.load_salaries())
    cases = [("σ slider of ucsd_explorer", ucsd, ucsd.sigma_slider, y.size),
             ("α slider of descent_explorer", descent, descent.alpha_slider, y.size),
             ("h₀ slider of descent_explorer", descent, descent.h0_slider, y.size),
             ("σ slider of descent_explorer (UCSD risk)", ucsd_descent,
              ucsd_descent.sigma_slider, y.size),
             ("p slider of lp_explorer", lp, lp.p_slider, y.size),
             ("δ slider of huber_explorer", huber, huber.delta_slider, y.size),
             ("outlier slider of outlier_explorer", outlier, outlier.value_slider, 5)]
    rows = []
    for what, explorer, slider, n in cases:
        _shown_as_in_a_browser(explorer)
        first, second = _sweep(slider, updates), _sweep(slider, updates, offset=0.5)
        for value in first + second:         # fill the caches: only the frame is timed
            slider.value = value
        blitted = _time_updates(slider, first)
        canvas = explorer.canvas
        explorer.live.show_moves = canvas.draw                # a full render per move,
        canvas.get_diff_image = lambda c=canvas: FigureCanvasWebAggCore.get_diff_image(c)
        try:                                                  # encoded by matplotlib
            full = _time_updates(slider, second)
        finally:
            del explorer.live.show_moves, canvas.get_diff_image
        row = Row("7", f"{what}: one frame", n, None, blitted, reference=full,
                  reference_name="full render + matplotlib's PNG", target="≤ 8 ms",
                  note="move, blit, whole-frame PNG; curves cached")
        row.met = blitted <= 0.008
        rows.append(row)
    return rows


def bench_explorers(updates, redraws):
    """Figure 4: one slider update of each explorer vs the interact + inline way."""
    y = erm.load_professor_salaries()
    rows = []
    ucsd = explorers.ucsd_explorer(y)
    descent = explorers.descent_explorer(y)

    # Only now choose Agg for the twins: importing ipympl (which the explorers do) switches
    # matplotlib's backend to ipympl when matplotlib is already imported, and the twins
    # stand for inline figures, which are rendered by Agg.
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    if plt.get_backend().lower() != "agg":
        raise RuntimeError(f"the interact twins need the Agg backend, got {plt.get_backend()}")
    from matplotlib.ticker import FuncFormatter
    # The twins draw what the explorers draw: same size, data ticks, money axis, legend.
    dollars = FuncFormatter(lambda v, _: money(v).replace("$", r"\$"))

    # The UCSD explorer and its interact twin, which computes and draws everything anew.
    grid = np.array(ucsd.line.get_xdata(), dtype=float)
    size, dpi = ucsd.figure.get_size_inches(), ucsd.figure.dpi

    def redraw_ucsd(sigma, render=True):
        fig, ax = plt.subplots(figsize=size, dpi=dpi)
        risk = erm.ucsd_risk(grid, y, sigma)
        minima = erm.ucsd_local_minima(y, sigma)
        at_minima = erm.ucsd_risk(minima, y, sigma)
        best = int(np.argmin(at_minima))
        ax.plot(y, np.zeros_like(y), "|", label="data")
        ax.plot(grid, risk, label="UCSD risk")
        ax.plot(minima, at_minima, "v", label="local minima")
        ax.plot(minima[best], at_minima[best], "*", markersize=14, label="global minimum")
        ax.set_xlabel("prediction h")
        ax.set_ylabel("risk R(h)")
        ax.xaxis.set_major_formatter(dollars)
        ax.legend(loc="lower right", fontsize="small")
        ax.set_title(f"UCSD risk, σ = {money(sigma)}".replace("$", r"\$"))
        if render:
            fig.savefig(io.BytesIO(), format="png")
        plt.close(fig)

    # The descent explorer (squared risk, its default) and its interact twin.
    d_grid = np.array(descent.curve_line.get_xdata(), dtype=float)
    d_size, d_dpi = descent.figure.get_size_inches(), descent.figure.dpi
    h0 = float(descent.h0_slider.value)

    def redraw_descent(alpha, render=True):
        fig, ax = plt.subplots(figsize=d_size, dpi=d_dpi)
        ax.plot(y, np.zeros_like(y), "|")
        ax.plot(d_grid, erm.squared_risk(d_grid, y))
        run = erm.gradient_descent(lambda h: erm.squared_risk_derivative(h, y), h0, alpha,
                                   max_iter=500)
        path = run.path[np.abs(run.path) < 1e12]   # a diverged path is cut for plotting
        ax.plot(path, erm.squared_risk(path, y), "o-", markersize=4, label="iterates")
        ax.plot(path[:1], erm.squared_risk(path[:1], y), "s", label="start h₀")
        ax.set_xlabel("prediction h")
        ax.set_ylabel("risk R(h)")
        ax.xaxis.set_major_formatter(dollars)
        ax.legend(loc="upper center", fontsize="small")
        ax.set_title(f"α = {alpha:.3g}: {run.steps} steps, {run.outcome}")
        if render:
            fig.savefig(io.BytesIO(), format="png")
        plt.close(fig)

    cases = [("σ slider of ucsd_explorer", ucsd, ucsd.sigma_slider, redraw_ucsd,
              grid.size),
             ("α slider of descent_explorer", descent, descent.alpha_slider,
              redraw_descent, d_grid.size)]
    # Like for like, on the same slider values: the explorer's update against building
    # a new figure (both without rendering), then both with the render and PNG encoding
    # that the browser waits for. The target is judged on each pair.
    for what, explorer, slider, redraw, m in cases:
        count = min(redraws, updates)
        first = _sweep(slider, count)
        second = _sweep(slider, count, offset=0.5)
        redraw(second[-1])   # warm up fonts and caches
        build, _ = median_time(lambda it=iter(first): redraw(next(it), render=False), count)
        python_side = _time_updates(slider, first)     # not shown yet: no frame drawn
        row = Row("4", f"{what}, new value (Python side)", y.size, m, python_side,
                  target="≥ 20×", reference=build,
                  reference_name="build a new figure, no render")
        row.met = row.ratio >= 20
        rows.append(row)
        if explorer is ucsd:
            again = _time_updates(slider, first)
            rows.append(Row("4", f"{what}, value seen before (cached curve)", y.size, m,
                            again, reference=build,
                            reference_name="build a new figure, no render"))
        recreate, _ = median_time(lambda it=iter(second): redraw(next(it)), count)
        _shown_as_in_a_browser(explorer)
        with_frame = _time_updates(slider, second)    # now each move blits its frame
        row = Row("4", f"{what}, new value + its frame", y.size, m, with_frame,
                  target="≥ 20×", reference=recreate,
                  reference_name="new figure + render + PNG",
                  note="what the browser waits for (figure 7 splits out the frame)")
        row.met = row.ratio >= 20
        rows.append(row)
    return rows


# --------------------------------------------------------------------------------------
# 5. The notebooks under nbval
# --------------------------------------------------------------------------------------

def bench_nbval():
    """Figure 5: wall time of the whole nbval run of notebooks/ (once)."""
    notebooks = sorted((ROOT / "notebooks").glob("*.ipynb"))
    if not notebooks:
        return [Row("5", "nbval run of the notebooks", note="skipped: no notebooks yet")]
    cmd = [sys.executable, "-m", "pytest", "notebooks", "-q", "-p", "no:cacheprovider"]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    seconds = time.perf_counter() - t0
    lines = [ln for ln in proc.stdout.strip().splitlines() if ln.strip()]
    summary = lines[-1].strip("= ") if lines else f"exit code {proc.returncode}"
    summary = re.sub(r"\s+in [\d.]+s.*$", "", summary)   # the wall time is ours
    status = "passed" if proc.returncode == 0 else f"FAILED (exit code {proc.returncode})"
    return [Row("5", f"nbval run of {len(notebooks)} notebooks", seconds=seconds,
                note=f"{status}; pytest says {summary} (nbval: one test per code cell)")]


# --------------------------------------------------------------------------------------
# 6. Choosing a loss (notebook 06): the Huber curve, and one move of the p and delta sliders
# --------------------------------------------------------------------------------------

def naive_huber_risk(h, y, delta, chunk_bytes=CHUNK_BYTES):
    """mean_i Huber(h_j - y_i) for every h_j, by the n x m broadcast in row chunks.

    In place as far as it goes: with a = |r| and c = min(a, delta), the loss is
    c (a - c / 2), which is a^2 / 2 up to delta and delta (a - delta / 2) beyond.
    """
    def huber_inplace(block, out):
        np.abs(block, out=out)
        half = np.minimum(out, delta)     # the one temporary, c, then c / 2
        half *= 0.5
        out -= half
        out *= half
        out *= 2.0
        return out
    return naive_risk(h, y, huber_inplace, chunk_bytes)


def naive_typical_error(h, y, p):
    """M * mean((|h - y| / M)^p)^(1/p) by one n x m broadcast and np.power."""
    errors = np.abs(np.subtract.outer(h, y))
    largest = errors.max(axis=1)
    return largest * np.mean(np.power(errors / largest[:, None], p), axis=1) ** (1 / p)


def bench_loss_choice(n, m, repeats, fast_repeats, moves, seed=0, delta=20_000.0):
    """Figure 6: the fast Huber curve against the n x m formula; one move of a p slider
    (typical-error curve + minimizer) and of a delta slider (Huber curve + minimizer) on
    the 397 professor salaries, 800 points, each move to a value not seen before."""
    y = make_data(n, seed)
    h = make_grid(y, m)
    fast_s, fast = median_time(lambda: erm.huber_risk(h, y, delta), fast_repeats,
                               warmup=True)
    naive_s, naive = median_time(lambda: naive_huber_risk(h, y, delta), repeats)
    worst = check_agreement(fast, naive, "Huber risk curve")
    curve = Row("6", f"Huber risk curve, δ = {money(delta)}", n, m, fast_s, naive_s,
                "n×m broadcast, 64 MB row chunks", target="≥ 30×",
                note=f"agree to {worst:.1e}")
    curve.met = curve.ratio >= 30

    y = erm.load_professor_salaries()
    grid = make_grid(y, 800)
    ps = np.geomspace(1.05, 1_000, moves)
    deltas = np.geomspace(1_000, 100_000, moves)
    for p in ps[::5]:
        check_agreement(erm.lp_typical_error(grid, y, p), naive_typical_error(grid, y, p),
                        f"typical error at p = {p:.3g}")
    for d in deltas[::5]:
        check_agreement(erm.huber_risk(grid, y, d), naive_huber_risk(grid, y, d),
                        f"Huber risk at δ = {d:,.0f}")

    def per_move(update, values):
        it = iter(values)
        return median_time(lambda: update(next(it)), len(values))[0]

    rows = [curve]
    cases = [
        ("p slider move: typical-error curve + L_p minimizer", ps,
         lambda p: (erm.lp_typical_error(grid, y, p), erm.lp_risk_minimizer(y, p)),
         lambda p: (naive_typical_error(grid, y, p), erm.lp_risk_minimizer(y, p)),
         "n×m np.power curve + the same minimizer"),
        ("δ slider move: Huber curve + Huber minimizer", deltas,
         lambda d: (erm.huber_risk(grid, y, d), erm.huber_risk_minimizer(y, d)),
         lambda d: (naive_huber_risk(grid, y, d), erm.huber_risk_minimizer(y, d)),
         "n×m Huber curve + the same minimizer"),
    ]
    for what, values, update, naive_update, naive_name in cases:
        update(values[0])                                   # warm up
        rows.append(Row("6", what, y.size, grid.size, per_move(update, values),
                        per_move(naive_update, values), naive_name,
                        note=f"the helpers alone; median over {len(values)} values, "
                             f"{values[0]:,.3g} to {values[-1]:,.3g}"))

    # The sliders themselves (Python side, before any frame is drawn): what a move costs
    # the explorer, which keeps what does not change between moves.
    from erm_course import loss_explorers

    helpers_p, helpers_delta = rows[-2], rows[-1]
    for what, explorer, slider, naive in [
            ("p slider of lp_explorer, one move", loss_explorers.lp_explorer(y), "p_slider",
             helpers_p),
            ("δ slider of huber_explorer, one move", loss_explorers.huber_explorer(y),
             "delta_slider", helpers_delta)]:
        slider = getattr(explorer, slider)
        values = _sweep(slider, moves)
        row = Row("6", what, y.size, explorer.grid.size, _time_updates(slider, values),
                  naive.reference, naive.reference_name, target="≤ 2 ms",
                  note=f"Python side, no frame; median over {len(values)} new values")
        row.met = row.seconds <= 2e-3
        rows.append(row)
    return rows


# --------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------

def _fmt_seconds(s):
    if s is None:
        return ""
    if s < 1e-3:
        return f"{s * 1e6:.0f} µs"
    if s < 1:
        return f"{s * 1e3:.1f} ms"
    return f"{s:.2f} s"


def _fmt_count(k):
    if k is None:
        return ""
    if k >= 1000 and float(np.log10(k)).is_integer():
        return f"10^{int(np.log10(k))}"
    return f"{k:,}"


def _commit():
    """The commit the numbers belong to, with "+ changes" when the tree differs from it."""
    import subprocess
    root = Path(__file__).resolve().parent.parent
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root,
                              capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "erm_helpers.py", "erm_course",
                                "benchmarks"], cwd=root, capture_output=True, text=True,
                               check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown (not a git checkout)"
    return head + (" + uncommitted changes" if dirty else "")


def render_table(rows, info, when, quick=False):
    """The results as Markdown: a date and machine line, then one table."""
    head = [f"Run on {when} ({'--quick sizes' if quick else 'full sizes'}), "
            f"code at commit {_commit()}.",
            "", f"Machine: {machine_line(info)}.", ""]
    table = ["| # | figure | n | m | time (median) | reference (naive way) | ratio | peak memory | "
             "target | met | notes |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        naive = f"{_fmt_seconds(r.reference)} ({r.reference_name})" if r.reference else ""
        ratio = f"{r.ratio:,.1f}×" if r.ratio else ""
        memory = ""
        if r.peak_mb is not None:
            memory = f"{r.peak_mb:.0f} MB ({r.extra_mb:+.0f} MB over set-up)"
        met = "" if r.met is None else ("yes" if r.met else "**no**")
        if quick and r.target:
            met = "not judged"
        table.append(f"| {r.figure} | {r.what} | {_fmt_count(r.n)} | {_fmt_count(r.m)} | "
                     f"{_fmt_seconds(r.seconds)} | {naive} | {ratio} | {memory} | "
                     f"{r.target} | {met} | {r.note} |")
    return "\n".join(head + table) + "\n"


def write_results(readme, text):
    """Replace what lies between the result markers of ``readme`` with ``text``."""
    readme = Path(readme)
    old = readme.read_text(encoding="utf-8")
    start, end = old.find(START_MARKER), old.find(END_MARKER)
    if start < 0 or end < start:
        raise ValueError(f"{readme} needs the lines {START_MARKER} and {END_MARKER} "
                         "(in that order) around the results table")
    new = (old[:start + len(START_MARKER)] + "\n" + text.strip("\n") + "\n"
           + old[end:])
    readme.write_text(new, encoding="utf-8")


def print_row(r):
    parts = [f"[{r.figure}] {r.what}"]
    if r.n is not None:
        parts.append(f"n = {r.n:,}")
    if r.m is not None:
        parts.append(f"m = {r.m:,}")
    if r.seconds is not None:
        parts.append(f"time {_fmt_seconds(r.seconds)}")
    if r.reference is not None:
        parts.append(f"{r.reference_name} {_fmt_seconds(r.reference)}")
    if r.ratio is not None:
        parts.append(f"ratio {r.ratio:,.1f}x")
    if r.peak_mb is not None:
        parts.append(f"peak {r.peak_mb:.0f} MB ({r.extra_mb:+.0f} MB over set-up)")
    if r.target:
        verdict = "" if r.met is None else (" met" if r.met else " MISSED")
        parts.append(f"target {r.target}{verdict}")
    if r.note:
        parts.append(r.note)
    print(" | ".join(parts), flush=True)


def run_all(sizes, quick, only=None):
    rows = []
    steps = {
        "1": lambda: bench_curves(**sizes["curves"]),
        "2": lambda: bench_scale(sizes["scale"]),
        "3": lambda: bench_ucsd(**sizes["ucsd"]),
        "4": lambda: bench_explorers(**sizes["explorers"]),
        "5": (lambda: bench_nbval()) if sizes["nbval"]
        else (lambda: [Row("5", "nbval run of the notebooks", note="skipped in --quick")]),
        "6": lambda: bench_loss_choice(**sizes["choice"]),
        "7": lambda: bench_frames(**sizes["frames"]),
    }
    for figure, step in steps.items():
        if only and figure not in only:
            continue
        for row in step():
            if quick:
                row.met = None   # the targets are for the full sizes
            print_row(row)
            rows.append(row)
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="small sizes, a smoke check in seconds; README left alone")
    parser.add_argument("--only", nargs="+", choices=list("1234567"), metavar="FIGURE",
                        help="run only these figures (1-7); README left alone")
    parser.add_argument("--child", nargs=5, metavar=("KIND", "N", "M", "REPEATS", "SEED"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        kind, *numbers = args.child
        print(json.dumps(child_case(kind, *map(int, numbers))))
        return 0

    info = machine_info()
    print("Machine:", machine_line(info), flush=True)
    rows = run_all(QUICK if args.quick else FULL, args.quick, args.only)
    when = datetime.date.today().isoformat()
    table = render_table(rows, info, when, quick=args.quick)
    print()
    print(table)
    if args.quick or args.only:
        print("--quick or --only: benchmarks/README.md left unchanged.")
    else:
        write_results(README, table)
        print(f"Results written to {README.relative_to(ROOT)}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
