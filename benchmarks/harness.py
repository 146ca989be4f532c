"""What every benchmark shares: the result rows, the timing, the agreement check, the
machine, and the report (a printed line per row, the Markdown table, the README block).

Imports numpy and the standard library only, so that a benchmark of the helpers alone
(``curves.py``) loads no display library. ``browser_rates.py`` uses the same machine line
and the same README writer as ``run_benchmarks.py``.
"""

from __future__ import annotations

import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
README = HERE / "README.md"

#: Agreement demanded between the fast and the plain numbers (relative).
RTOL = 1e-9


@dataclass
class Row:
    """One line of the results table; ``benchmark`` is the name ``--only`` takes."""

    benchmark: str
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
# Data, timing, agreement, memory
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


def median_per_call(fn, values):
    """Median wall time of ``fn(v)`` over ``values``, one call per value."""
    it = iter(values)
    return median_time(lambda: fn(next(it)), len(values))[0]


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


def peak_rss_mb():
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


# --------------------------------------------------------------------------------------
# The machine and the code
# --------------------------------------------------------------------------------------

def machine_info():
    """A dict describing the machine, the Python and numpy, and the load average now."""
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


def machine_line(info, load_when="at start"):
    """One sentence for the README: the machine, and the load average ``load_when``."""
    return (f"{info['platform']}, {info['cpu']}, {info['cores']} cores; "
            f"Python {info['python']}, numpy {info['numpy']} (BLAS: {info['blas']}, "
            f"threads: {info['threads']}); load average {load_when} {info['load']}")


#: What the numbers depend on: "+ uncommitted changes" is added when any of it differs.
MEASURED_CODE = ["erm_helpers.py", "erm_fast.py", "erm_course", "benchmarks"]


def commit():
    """The commit the numbers belong to, with "+ uncommitted changes" when the measured
    code (:data:`MEASURED_CODE`) differs from it. The README itself does not count."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                              capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", *MEASURED_CODE,
                                ":(exclude)benchmarks/README.md"], cwd=ROOT,
                               capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown (not a git checkout)"
    return head + (" + uncommitted changes" if dirty else "")


# --------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------

def fmt_seconds(s):
    if s is None:
        return ""
    if s < 1e-3:
        return f"{s * 1e6:.0f} µs"
    if s < 1:
        return f"{s * 1e3:.1f} ms"
    return f"{s:.2f} s"


def fmt_count(k):
    if k is None:
        return ""
    if k >= 1000 and float(np.log10(k)).is_integer():
        return f"10^{int(np.log10(k))}"
    return f"{k:,}"


def print_row(r):
    """One row as a line of the running log."""
    parts = [f"[{r.benchmark}] {r.what}"]
    if r.n is not None:
        parts.append(f"n = {r.n:,}")
    if r.m is not None:
        parts.append(f"m = {r.m:,}")
    if r.seconds is not None:
        parts.append(f"time {fmt_seconds(r.seconds)}")
    if r.reference is not None:
        parts.append(f"{r.reference_name} {fmt_seconds(r.reference)}")
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


def render_table(rows, info, when, quick=False):
    """The results as Markdown: a date and machine line, then one table."""
    head = [f"Run on {when} ({'--quick sizes' if quick else 'full sizes'}), "
            f"code at commit {commit()}.",
            "", f"Machine: {machine_line(info)}.", ""]
    table = ["| benchmark | what | n | m | time (median) | reference (naive way) | ratio | "
             "peak memory | target | met | notes |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        naive = f"{fmt_seconds(r.reference)} ({r.reference_name})" if r.reference else ""
        ratio = f"{r.ratio:,.1f}×" if r.ratio else ""
        memory = ""
        if r.peak_mb is not None:
            memory = f"{r.peak_mb:.0f} MB ({r.extra_mb:+.0f} MB over set-up)"
        met = "" if r.met is None else ("yes" if r.met else "**no**")
        if quick and r.target:
            met = "not judged"
        table.append(f"| {r.benchmark} | {r.what} | {fmt_count(r.n)} | {fmt_count(r.m)} | "
                     f"{fmt_seconds(r.seconds)} | {naive} | {ratio} | {memory} | "
                     f"{r.target} | {met} | {r.note} |")
    return "\n".join(head + table) + "\n"


def markers(block):
    """The two comment lines around the block called ``block`` in benchmarks/README.md."""
    return f"<!-- {block}:start -->", f"<!-- {block}:end -->"


def write_block(readme, block, text):
    """Replace what lies between the markers of ``block`` in ``readme`` with ``text``.

    ``block`` is ``"results"`` (run_benchmarks.py) or ``"browser"`` (browser_rates.py);
    everything outside the markers is left as it is.
    """
    readme = Path(readme)
    start_marker, end_marker = markers(block)
    old = readme.read_text(encoding="utf-8")
    start, end = old.find(start_marker), old.find(end_marker)
    if start < 0 or end < start:
        raise ValueError(f"{readme} needs the lines {start_marker} and {end_marker} "
                         f"(in that order) around the {block} table")
    new = (old[:start + len(start_marker)] + "\n" + text.strip("\n") + "\n"
           + old[end:])
    readme.write_text(new, encoding="utf-8")
