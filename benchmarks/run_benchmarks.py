"""Speed benchmarks of erm_helpers and erm_course, by name: the command line.

    .venv/bin/python benchmarks/run_benchmarks.py                 # make bench: all, full sizes
    .venv/bin/python benchmarks/run_benchmarks.py --quick         # all, small sizes, seconds
    .venv/bin/python benchmarks/run_benchmarks.py --only curves frames
    .venv/bin/python benchmarks/run_benchmarks.py --list          # the names, one a line

Only a full run of every benchmark rewrites the results table in benchmarks/README.md;
``--quick`` and ``--only`` print it and leave the README alone. The benchmarks themselves
live in ``curves.py`` (numpy and the helpers only), ``sliders.py`` (the explorers, so
anywidget, ipywidgets and matplotlib) and ``notebook_run.py``; ``harness.py`` holds the rows,
the timing, the agreement check and the report. A module is imported only when one of its
benchmarks runs, so ``--only curves`` loads no display library.
"""

from __future__ import annotations

import argparse
import datetime
import importlib
import sys
from typing import NamedTuple

from harness import README, ROOT, Row, machine_info, machine_line, print_row, render_table, \
    write_block


class Benchmark(NamedTuple):
    module: str         # the file in benchmarks/ that holds it
    function: str
    summary: str        # one line for --list
    full: object        # the keyword arguments of a full run (a list for scale)
    quick: object       # those of --quick, or None: not run under --quick


#: Every benchmark, in the order of the run and of the table.
BENCHMARKS = {
    "curves": Benchmark(
        "curves", "bench_curves", "absolute and squared risk curves against the n×m formula",
        dict(n=10**5, m=10**3, repeats=5, fast_repeats=51),
        dict(n=10**4, m=200, repeats=3, fast_repeats=11)),
    "scale": Benchmark(
        "curves", "bench_scale", "absolute risk curve at n = 10^6 and 10^7: time, memory",
        dict(cases=[dict(n=10**6, m=10**4, repeats=5), dict(n=10**7, m=10**4, repeats=3)]),
        dict(cases=[dict(n=10**5, m=10**3, repeats=3)])),
    "ucsd": Benchmark(
        "curves", "bench_ucsd", "UCSD risk curve at n = 10^6: time, memory, a loop over h",
        dict(n=10**6, m=10**3, repeats=3, loop_repeats=1),
        dict(n=10**5, m=100, repeats=1, loop_repeats=1)),
    "huber": Benchmark(
        "curves", "bench_huber", "Huber risk curve against the n×m formula",
        dict(n=10**5, m=10**3, repeats=5, fast_repeats=51),
        dict(n=10**4, m=200, repeats=3, fast_repeats=11)),
    "loss-moves": Benchmark(
        "curves", "bench_loss_moves", "a p and a δ move of 06, the helpers alone",
        dict(moves=21), dict(moves=5)),
    "line-surface": Benchmark(
        "curves", "bench_line_surface", "the risk of every line on a 400 × 400 grid, n = 10^5",
        dict(n=10**5, side=400, repeats=21, naive_repeats=1),
        dict(n=2_000, side=30, repeats=5, naive_repeats=1)),
    "explorers": Benchmark(
        "sliders", "bench_explorers", "every explorer's build (all it sends the page) "
        "against one render of its figure", dict(repeats=3, render_repeats=5),
        dict(repeats=1, render_repeats=1)),
    "nbval": Benchmark(
        "notebook_run", "bench_nbval", "the whole notebook run under nbval (not in --quick)",
        dict(), None),
}


def run(names, quick):
    """Run the benchmarks called ``names`` (in table order); print and return their rows.

    Targets are for the full sizes, so under ``quick`` no row is judged.
    """
    rows = []
    for name, bench in BENCHMARKS.items():
        if name not in names:
            continue
        sizes = bench.quick if quick else bench.full
        if sizes is None:
            found = [Row(name, bench.summary, note="skipped in --quick")]
        else:
            function = getattr(importlib.import_module(bench.module), bench.function)
            found = function(**sizes)
        for row in found:
            if quick:
                row.met = None
            print_row(row)
            rows.append(row)
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n")[0],
        epilog="benchmarks: " + ", ".join(BENCHMARKS) + " (see --list)")
    parser.add_argument("--quick", action="store_true",
                        help="small sizes, a smoke check in seconds; README left alone")
    parser.add_argument("--only", nargs="+", choices=list(BENCHMARKS), metavar="NAME",
                        help="run only these benchmarks; README left alone")
    parser.add_argument("--list", action="store_true",
                        help="print every benchmark's name and what it measures, then stop")
    args = parser.parse_args(argv)
    if args.list:
        for name, bench in BENCHMARKS.items():
            print(f"{name:<13} {bench.summary}  ({bench.module}.py)")
        return 0

    info = machine_info()
    print("Machine:", machine_line(info), flush=True)
    rows = run(args.only or list(BENCHMARKS), args.quick)
    table = render_table(rows, info, datetime.date.today().isoformat(), quick=args.quick)
    print()
    print(table)
    if args.quick or args.only:
        print("--quick or --only: benchmarks/README.md left unchanged.")
    else:
        write_block(README, "results", table)
        print(f"Results written to {README.relative_to(ROOT)}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
