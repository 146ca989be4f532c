"""``nbval``: the wall time of the whole notebook run under nbval, as ``make test`` ends.

A benchmark of its own: it times a separate ``pytest`` process, so it imports nothing of
the course here, and it is skipped under ``--quick``.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time

from harness import ROOT, Row


def bench_nbval():
    """``nbval``: wall time of ``python -m pytest notebooks -q -p no:cacheprovider`` (once),
    with pytest's summary line (nbval makes one test per code cell)."""
    notebooks = sorted((ROOT / "notebooks").glob("*.ipynb"))
    if not notebooks:
        return [Row("nbval", "nbval run of the notebooks", note="skipped: no notebooks yet")]
    cmd = [sys.executable, "-m", "pytest", "notebooks", "-q", "-p", "no:cacheprovider"]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    seconds = time.perf_counter() - t0
    lines = [ln for ln in proc.stdout.strip().splitlines() if ln.strip()]
    summary = lines[-1].strip("= ") if lines else f"exit code {proc.returncode}"
    summary = re.sub(r"\s+in [\d.]+s.*$", "", summary)   # the wall time is ours
    status = "passed" if proc.returncode == 0 else f"FAILED (exit code {proc.returncode})"
    return [Row("nbval", f"nbval run of {len(notebooks)} notebooks", seconds=seconds,
                note=f"{status}; pytest says {summary} (nbval: one test per code cell)")]
