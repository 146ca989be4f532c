"""Slider benchmark: what an explorer costs Python, now that the page draws every move.

Imports erm_course's explorers (so anywidget, ipywidgets and matplotlib), which is why
``run_benchmarks.py`` imports this module only when the benchmark is asked for.

- ``explorers``: for every explorer of the course, the time to build it (everything the
  page is sent: the families of curves at every stop, the readouts, the still background
  as a PNG) against one plain render of the same figure to a PNG by matplotlib, the cost of
  a single frame the old way (the kernel drew a frame per move). The note gives the bytes
  the page is sent. A move itself costs Python nothing any more: the page draws it, and
  Python only keeps the slider's value.

Every explorer works on the 397 professors (the outlier explorer on the five salaries, the
line explorers on years since the PhD), as the notebooks and the browser benchmark do.
"""

from __future__ import annotations

import io

import erm_helpers as erm
from erm_course import explorers, line_explorers, loss_explorers
from harness import Row, median_time

PROFESSORS = erm.load_professor_salaries()
_TABLE = erm.load_professors()
LINE = (_TABLE["yrs_since_phd"], _TABLE["salary_usd"])

#: name -> how the notebooks (or the browser benchmark) build the explorer
BUILDERS = {
    "σ (ucsd_explorer)": lambda: explorers.ucsd_explorer(PROFESSORS),
    "α, h₀, σ (descent_explorer)": lambda: explorers.descent_explorer(PROFESSORS),
    "p (lp_explorer)": lambda: loss_explorers.lp_explorer(PROFESSORS),
    "δ (huber_explorer)": lambda: loss_explorers.huber_explorer(PROFESSORS),
    "outlier (outlier_explorer)": lambda: loss_explorers.outlier_explorer(
        erm.load_salaries()),
    "w₀, w₁ (line_explorer)": lambda: line_explorers.line_explorer(*LINE),
    "α, x (line_descent_explorer)": lambda: line_explorers.line_descent_explorer(*LINE),
}


def scene_bytes(explorer):
    """The bytes of data the page is sent: families, arrays and background PNGs."""
    spec = explorer.scene
    return (sum(len(f["data"]) for f in spec["families"].values())
            + sum(len(a["data"]) for a in spec["arrays"].values())
            + sum(len(v["background"]) for v in spec["views"].values()))


def one_render(figure):
    """A plain render of ``figure`` to a PNG, as the kernel made one per move before."""
    figure.savefig(io.BytesIO(), format="png", dpi=100)


def bench_explorers(repeats=3, render_repeats=5):
    """``explorers``: one row per explorer, its build time against one render."""
    rows = []
    for name, build in BUILDERS.items():
        seconds, explorer = median_time(build, repeats)
        render, _ = median_time(lambda: one_render(explorer.figure), render_repeats,
                                warmup=True)
        renders = seconds / render
        rows.append(Row("explorers", f"build {name}", seconds=seconds, reference=render,
                        reference_name="one render of its figure", target="≤ 25 renders",
                        met=renders <= 25,
                        note=f"{scene_bytes(explorer) / 1e3:,.0f} kB sent to the page; "
                             f"costs {renders:.1f} renders"))
    return rows
