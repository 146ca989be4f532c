"""Risk-curve benchmarks: the helpers of erm_helpers against the naive way, no figure.

Imports numpy, erm_helpers and erm_fast only (no widget, no matplotlib, no erm_course), so
``run_benchmarks.py --only curves scale ucsd huber loss-moves`` loads no display library.

- ``curves``: the absolute and squared risk curves against the n x m formula;
- ``scale``: the absolute risk curve at n = 10^6 and 10^7, time and peak memory;
- ``ucsd``: the UCSD risk curve at n = 10^6, time and peak memory, against a loop over h;
- ``huber``: the Huber risk curve against the n x m formula;
- ``loss-moves``: one move of a p and of a delta slider of notebook 06, the helpers alone;
- ``line-surface``: the risk of every line on a grid of (w0, w1), against the n x grid table.

``scale`` and ``ucsd`` run each case in a fresh Python process (this file, run as a
script), so that one case's memory cannot inflate another's peak.

Two block sizes meet here, on purpose. The helpers sum in blocks of at most
``erm_fast.BLOCK_ELEMENTS`` = 1,000,000 float64 values (8 MB), chosen because blocks that
fit in the cache were measured faster. The naive side builds its n x m table in row chunks
of :data:`CHUNK_BYTES` = 64 MB, reused in place, so that it never holds the whole table
(800 MB at n = 10^5, m = 10^3); that is the naive method's memory budget, not the helpers'
block size, and a change of either leaves the other alone. 64 MB is what both used when
this benchmark was written, not the naive side's quickest size: on the 2-core test machine
8 MB chunks made the naive curves 2 to 5 times quicker (benchmarks/README.md).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np

import erm_helpers as erm
from harness import (ROOT, Row, check_agreement, make_data, make_grid, median_per_call,
                     median_time, peak_rss_mb)

#: One row chunk of the naive n x m formula: 64 MB (8 * 2**20 float64 values). The helpers'
#: own blocks are erm_fast.BLOCK_ELEMENTS = 10**6 float64 values, 8 MB; see the docstring.
CHUNK_BYTES = 64 * 2**20
CHUNK_NAME = "n×m broadcast, 64 MB row chunks"
SIGMA = 20_000.0   # dollars: a UCSD scale of the size the course uses on salaries


# --------------------------------------------------------------------------------------
# The naive methods: the n x m formula in row chunks of CHUNK_BYTES
# --------------------------------------------------------------------------------------

def chunk_rows(n, chunk_bytes=CHUNK_BYTES):
    """How many rows of n float64 values fit in one chunk (at least one)."""
    return max(1, chunk_bytes // (8 * n))


def naive_risk(h, y, inplace_loss, chunk_bytes=CHUNK_BYTES):
    """mean_i L(h_j, y_i) for every h_j, by the n x m broadcast, a chunk of rows at a time.

    ``inplace_loss(block, out=block)`` turns differences into losses (np.abs, np.square).
    The chunk is reused in place (one temporary per chunk). Its size matters for speed:
    see the module docstring.
    """
    h = np.asarray(h, dtype=float).ravel()
    out = np.empty(h.size)
    rows = chunk_rows(y.size, chunk_bytes)
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


def loop_ucsd_risk(h, y, sigma):
    """The UCSD risk the plainest way: a Python loop over h, n values at a time."""
    return np.array([np.mean(-np.expm1(-np.square((hj - y) / sigma))) for hj in h])


# --------------------------------------------------------------------------------------
# curves and huber: the fast curve against the chunked n x m formula
# --------------------------------------------------------------------------------------

def _fast_against_naive(name, what, fast_fn, naive_fn, n, m, repeats, fast_repeats, target,
                        seed):
    """One row: ``fast_fn(h, y)`` against ``naive_fn(h, y)`` on the same data and grid.

    The fast calls take milliseconds, so they are repeated more often (``fast_repeats``)
    than the naive ones: the median then shrugs off a busy moment of the machine.
    """
    y = make_data(n, seed)
    h = make_grid(y, m)
    fast_s, fast = median_time(lambda: fast_fn(h, y), fast_repeats or repeats, warmup=True)
    naive_s, naive = median_time(lambda: naive_fn(h, y), repeats)
    worst = check_agreement(fast, naive, what)
    row = Row(name, what, n, m, fast_s, naive_s, CHUNK_NAME, target=f"≥ {target}×",
              note=f"agree to {worst:.1e}")
    row.met = row.ratio >= target
    return row


def bench_curves(n, m, repeats, fast_repeats=None, seed=0):
    """``curves``: the fast absolute and squared curves against the chunked n x m formula."""
    return [
        _fast_against_naive("curves", "absolute risk curve", erm.absolute_risk,
                            naive_absolute_risk, n, m, repeats, fast_repeats, 30, seed),
        _fast_against_naive("curves", "squared risk curve", erm.squared_risk,
                            naive_squared_risk, n, m, repeats, fast_repeats, 100, seed),
    ]


def bench_huber(n, m, repeats, fast_repeats=None, seed=0, delta=20_000.0):
    """``huber``: the fast Huber curve (one sort, prefix sums) against the n x m formula."""
    return [_fast_against_naive(
        "huber", f"Huber risk curve, δ = ${delta:,.0f}",
        lambda h, y: erm.huber_risk(h, y, delta),
        lambda h, y: naive_huber_risk(h, y, delta), n, m, repeats, fast_repeats, 30, seed)]


# --------------------------------------------------------------------------------------
# scale and ucsd: large curves in a fresh subprocess each, time and peak memory
# --------------------------------------------------------------------------------------

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
    baseline = peak_rss_mb()
    seconds, curve = median_time(fn, repeats)
    peak = peak_rss_mb()
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
    """Run :func:`child_case` in a fresh Python process (this file) and return its dict."""
    cmd = [sys.executable, str(Path(__file__).resolve()), kind, str(n), str(m),
           str(repeats), str(seed)]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        raise RuntimeError(f"benchmark child {kind} n={n} m={m} failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def bench_scale(cases, seed=0):
    """``scale``: the absolute risk curve at large n, fast only, time and peak memory."""
    rows = []
    for case in cases:
        res = run_child("absolute", case["n"], case["m"], case["repeats"], seed)
        table_gb = case["n"] * case["m"] * 8 / 1e9
        row = Row("scale", "absolute risk curve (large n)", case["n"], case["m"],
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
    """``ucsd``: the UCSD curve at large n: time, peak memory, and a loop over h."""
    fast = run_child("ucsd", n, m, repeats, seed)
    loop = run_child("ucsd-loop", n, m, loop_repeats, seed)
    row = Row("ucsd", "UCSD risk curve", n, m, fast["seconds"], loop["seconds"],
              "Python loop over h", peak_mb=fast["peak_mb"],
              extra_mb=fast["peak_mb"] - fast["baseline_mb"],
              target="peak < 300 MB",
              note=f"the loop peaks at {loop['peak_mb']:.0f} MB; the n×m table would be "
                   f"{n * m * 8 / 1e9:,.1f} GB; agree to {fast['agreement']:.1e}")
    row.met = fast["peak_mb"] < 300
    return [row]


# --------------------------------------------------------------------------------------
# loss-moves: one move of the p and delta sliders of 06, the helpers alone
# --------------------------------------------------------------------------------------

#: The grid of the helpers-only moves. The explorers draw 600 points; the references of
#: ``loss-sliders`` (sliders.py) are these 800-point moves, as they always were.
MOVE_GRID = 800


def loss_moves(moves):
    """The p and delta moves on the 397 professor salaries, checked against the plain
    formula: ``(y, grid, cases)``, each case ``(slider, what, values, update, naive_update,
    naive_name)``. Values are log-spaced (p from 1.05 to 1,000, delta from $1,000 to
    $100,000), each not seen before."""
    y = erm.load_professor_salaries()
    grid = make_grid(y, MOVE_GRID)
    ps = np.geomspace(1.05, 1_000, moves)
    deltas = np.geomspace(1_000, 100_000, moves)
    for p in ps[::5]:
        check_agreement(erm.lp_typical_error(grid, y, p), naive_typical_error(grid, y, p),
                        f"typical error at p = {p:.3g}")
    for d in deltas[::5]:
        check_agreement(erm.huber_risk(grid, y, d), naive_huber_risk(grid, y, d),
                        f"Huber risk at δ = {d:,.0f}")
    cases = [
        ("p", "p slider move: typical-error curve + L_p minimizer", ps,
         lambda p: (erm.lp_typical_error(grid, y, p), erm.lp_risk_minimizer(y, p)),
         lambda p: (naive_typical_error(grid, y, p), erm.lp_risk_minimizer(y, p)),
         "n×m np.power curve + the same minimizer"),
        ("delta", "δ slider move: Huber curve + Huber minimizer", deltas,
         lambda d: (erm.huber_risk(grid, y, d), erm.huber_risk_minimizer(y, d)),
         lambda d: (naive_huber_risk(grid, y, d), erm.huber_risk_minimizer(y, d)),
         "n×m Huber curve + the same minimizer"),
    ]
    return y, grid, cases


def naive_move_times(moves):
    """``{"p" or "delta": (median seconds per naive move, its name)}``, for the sliders."""
    _, _, cases = loss_moves(moves)
    return {slider: (median_per_call(naive_update, values), naive_name)
            for slider, _, values, _, naive_update, naive_name in cases}


def bench_loss_moves(moves):
    """``loss-moves``: the typical-error curve + L_p minimizer of a p move, and the Huber
    curve + Huber minimizer of a delta move, on an 800-point grid, against the same curve
    by the n x m formula; each the median over ``moves`` values not seen before."""
    y, grid, cases = loss_moves(moves)
    rows = []
    for _, what, values, update, naive_update, naive_name in cases:
        update(values[0])                                   # warm up
        rows.append(Row("loss-moves", what, y.size, grid.size,
                        median_per_call(update, values),
                        median_per_call(naive_update, values), naive_name,
                        note=f"the helpers alone; median over {len(values)} values, "
                             f"{values[0]:,.3g} to {values[-1]:,.3g}"))
    return rows


# --------------------------------------------------------------------------------------
# line-surface: the risk of every line on a grid, notebook 08
# --------------------------------------------------------------------------------------

def make_line_data(n, seed=0):
    """n (x, y) pairs like the professors': years in [1, 56], a salary rising with them."""
    rng = np.random.default_rng(seed)
    x = rng.integers(1, 57, size=n).astype(float)
    y = np.round(85_000 + 1_000 * x + rng.normal(0.0, 25_000.0, size=n))
    return x, y


def line_grid(x, y, side):
    """A side x side grid of (w0, w1) around the best line, as the notebook's contours."""
    w0, w1 = erm.least_squares_line(x, y)
    return (np.linspace(w0 - 100_000, w0 + 100_000, side),
            np.linspace(w1 - 3_000, w1 + 3_000, side))


def naive_line_surface(w0, w1, x, y, chunk_bytes=CHUNK_BYTES):
    """mean_i (y_i - w0 - w1 x_i)^2 for every pair of the grid, by the table of residuals
    (one row per line, one column per point), a chunk of rows at a time."""
    pairs = np.stack(np.meshgrid(w0, w1, indexing="ij"), axis=-1).reshape(-1, 2)
    out = np.empty(len(pairs))
    rows = chunk_rows(y.size, chunk_bytes)
    for start in range(0, len(pairs), rows):
        chunk = pairs[start:start + rows]
        block = np.multiply.outer(chunk[:, 1], x)         # w1 x_i
        np.subtract(y, block, out=block)                   # y_i - w1 x_i
        block -= chunk[:, :1]                              # - w0
        np.square(block, out=block)
        out[start:start + rows] = block.mean(axis=1)
    return out.reshape(len(w0), len(w1))


def bench_line_surface(n, side, repeats, naive_repeats=1, seed=0):
    """``line-surface``: ``erm.line_risk`` on a side x side grid of (w0, w1) (five moments
    of the data, then O(1) per line) against the chunked n x grid table of residuals."""
    x, y = make_line_data(n, seed)
    w0, w1 = line_grid(x, y, side)
    fast_s, fast = median_time(lambda: erm.line_risk(w0[:, None], w1[None, :], x, y),
                               repeats, warmup=True)
    naive_s, naive = median_time(lambda: naive_line_surface(w0, w1, x, y), naive_repeats)
    worst = check_agreement(fast, naive, "line risk surface")
    row = Row("line-surface", f"line risk surface, {side} × {side} grid of (w₀, w₁)", n,
              side * side, fast_s, naive_s, "n×grid table of residuals, 64 MB row chunks",
              target="≥ 30×", note=f"agree to {worst:.1e}")
    row.met = row.ratio >= 30
    return [row]


if __name__ == "__main__":
    # A child of bench_scale or bench_ucsd: KIND N M REPEATS SEED; prints one JSON line.
    kind, *numbers = sys.argv[1:]
    print(json.dumps(child_case(kind, *map(int, numbers))))
