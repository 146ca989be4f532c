"""Smoke test of benchmarks/ at tiny sizes: the checks, the table writer, the command line.

Nothing here is timed and no time is asserted; the benchmarks' figures come from their own
run (``make bench``).
"""

import importlib
import json
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import erm_helpers as erm

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
DISPLAY = ("ipywidgets", "anywidget", "matplotlib", "IPython", "erm_course")


@pytest.fixture(scope="module")
def bench():
    """The benchmark modules, imported as run_benchmarks.py imports them (from benchmarks/)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.syspath_prepend(str(BENCHMARKS))
        names = ["harness", "curves", "sliders", "notebook_run", "run_benchmarks"]
        yield type("Bench", (), {n: importlib.import_module(n) for n in names})


def test_naive_formulas_match_the_definition(bench):
    # Tiny chunks, so the loop over row blocks runs several times and must stitch them.
    curves = bench.curves
    y = np.array([90_000, 94_000, 96_000, 96_000, 120_000, 160_000.0])
    h = np.array([80_000, 96_000, 100_000, 200_000.0])
    expected_abs = [np.mean([abs(hj - yi) for yi in y]) for hj in h]
    expected_sq = [np.mean([(hj - yi) ** 2 for yi in y]) for hj in h]
    np.testing.assert_allclose(curves.naive_absolute_risk(h, y, chunk_bytes=16), expected_abs)
    np.testing.assert_allclose(curves.naive_squared_risk(h, y, chunk_bytes=16), expected_sq)
    np.testing.assert_allclose(curves.naive_huber_risk(h, y, 20_000, chunk_bytes=16),
                               erm.empirical_risk(erm.huber_loss, h, y, delta=20_000))
    np.testing.assert_allclose(curves.loop_ucsd_risk(h, y, 20_000),
                               erm.ucsd_risk(h, y, 20_000), rtol=1e-12)
    np.testing.assert_allclose(curves.naive_typical_error(h, y, 3.0),
                               [np.mean(np.abs(hj - y) ** 3) ** (1 / 3) for hj in h])


def test_agreement_check_rejects_wrong_numbers(bench):
    check = bench.harness.check_agreement
    plain = np.array([1.0, 2.0, 3.0])
    assert check(plain * (1 + 1e-12), plain, "close") <= 1e-9
    with pytest.raises(AssertionError, match="differ from the plain formula"):
        check(plain * (1 + 1e-6), plain, "off by 1e-6")
    with pytest.raises(AssertionError):
        check([1.0, np.nan, 3.0], plain, "NaN")
    with pytest.raises(AssertionError, match="shapes differ"):
        check(plain[:2], plain, "short")


def test_curve_benchmarks_run_and_stop_on_a_wrong_fast_path(bench, monkeypatch):
    curves = bench.curves
    rows = curves.bench_curves(n=300, m=40, repeats=1)
    assert [r.what for r in rows] == ["absolute risk curve", "squared risk curve"]
    rows += curves.bench_huber(n=300, m=40, repeats=1)
    assert [r.benchmark for r in rows] == ["curves", "curves", "huber"]
    assert all(r.ratio > 0 and r.met in (True, False) for r in rows)
    # A wrong fast path must stop the benchmark, not produce a figure.
    right_sq, right_huber = erm.squared_risk, erm.huber_risk
    monkeypatch.setattr(curves.erm, "squared_risk", lambda h, y: right_sq(h, y) * 1.01)
    monkeypatch.setattr(curves.erm, "huber_risk", lambda h, y, d: right_huber(h, y, d) * 1.01)
    with pytest.raises(AssertionError, match="squared risk curve"):
        curves.bench_curves(n=300, m=40, repeats=1)
    with pytest.raises(AssertionError, match="Huber risk curve"):
        curves.bench_huber(n=300, m=40, repeats=1)


def test_child_case_reports_memory_and_agreement(bench):
    for kind in ("absolute", "ucsd", "ucsd-loop"):
        res = bench.curves.child_case(kind, n=500, m=30, repeats=1)
        assert res["peak_mb"] >= res["baseline_mb"] > 0
        assert res["agreement"] <= 1e-9


def test_loss_moves_run_and_stop_on_a_wrong_curve(bench, monkeypatch):
    rows = bench.curves.bench_loss_moves(moves=2)
    assert len(rows) == 2 and all(r.benchmark == "loss-moves" and r.ratio > 0 for r in rows)
    right = erm.lp_typical_error
    monkeypatch.setattr(bench.curves.erm, "lp_typical_error",
                        lambda h, y, p: right(h, y, p) * 1.01)
    with pytest.raises(AssertionError, match="typical error"):
        bench.curves.bench_loss_moves(moves=2)


def test_line_surface_runs_and_stops_on_a_wrong_surface(bench, monkeypatch):
    curves = bench.curves
    x, y = curves.make_line_data(50)
    w0, w1 = curves.line_grid(x, y, 7)
    plain = [[np.mean((y - a - b * x) ** 2) for b in w1] for a in w0]
    np.testing.assert_allclose(curves.naive_line_surface(w0, w1, x, y, chunk_bytes=800),
                               plain, rtol=1e-12)
    rows = curves.bench_line_surface(n=300, side=9, repeats=1)
    assert [r.benchmark for r in rows] == ["line-surface"] and rows[0].ratio > 0
    right = erm.line_risk
    monkeypatch.setattr(curves.erm, "line_risk",
                        lambda w0, w1, x, y: right(w0, w1, x, y) * 1.01)
    with pytest.raises(AssertionError, match="line risk surface"):
        curves.bench_line_surface(n=300, side=9, repeats=1)


def test_slider_benchmarks_run(bench):
    sliders = bench.sliders
    rows = sliders.bench_explorers(repeats=1, render_repeats=1)
    assert len(rows) == len(sliders.BUILDERS) and all(r.benchmark == "explorers" for r in rows)
    assert all(r.seconds > 0 and r.ratio > 0 and "kB sent" in r.note for r in rows)


def test_table_writer_replaces_only_the_marked_block(bench, tmp_path):
    harness = bench.harness
    readme = tmp_path / "README.md"
    readme.write_text("# Title\n\nProse.\n\n<!-- browser:start -->\nold browser\n"
                      "<!-- browser:end -->\n\n<!-- results:start -->\nold table\n"
                      "<!-- results:end -->\n\nAfter.\n", encoding="utf-8")
    rows = [harness.Row("curves", "absolute risk curve", 10**5, 10**3, 0.002, 0.2, "naive",
                        target="≥ 30×", met=True),
            harness.Row("scale", "large", 10**6, 10**4, 0.5, peak_mb=120.0, extra_mb=40.0),
            harness.Row("nbval", "nbval", note="skipped: no notebooks yet")]
    info = harness.machine_info()
    table = harness.render_table(rows, info, "2000-01-01")
    harness.write_block(readme, "results", table)
    harness.write_block(readme, "results", table)   # a second run replaces, never appends
    text = readme.read_text(encoding="utf-8")
    assert text.startswith("# Title\n\nProse.\n") and text.endswith("\n\nAfter.\n")
    assert "old table" not in text and text.count("| absolute risk curve |") == 1
    assert "| benchmark | what |" in text
    assert "| curves | absolute risk curve | 10^5 | 10^3 |" in text
    assert "100.0×" in text and "| yes |" in text and "old browser" in text
    assert "120 MB (+40 MB over set-up)" in text and info["cpu"] in text
    readme.write_text("no markers here\n", encoding="utf-8")
    with pytest.raises(ValueError, match="results:start"):
        harness.write_block(readme, "results", table)


def test_browser_rates_writes_with_the_harness(bench, tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    browser_rates = importlib.import_module("browser_rates")
    assert browser_rates.write_block is bench.harness.write_block
    found = {"sigma: σ": [([30.0, 20.0, 40.0], 40.0, 17.0)]}
    block = browser_rates.render(found, 1, bench.harness.machine_info())
    assert "load average at the end" in block and "| sigma: σ | 30 ms (20-40) |" in block
    readme = tmp_path / "README.md"
    readme.write_text("<!-- browser:start -->\n<!-- browser:end -->\n<!-- results:start -->"
                      "\nkept\n<!-- results:end -->\n", encoding="utf-8")
    bench.harness.write_block(readme, "browser", block)
    assert "| sigma: σ |" in readme.read_text() and "\nkept\n" in readme.read_text()


def test_every_benchmark_name_is_documented_in_table_order(bench):
    names = list(bench.run_benchmarks.BENCHMARKS)
    for name, b in bench.run_benchmarks.BENCHMARKS.items():
        assert callable(getattr(getattr(bench, b.module), b.function)), name
    readme = (BENCHMARKS / "README.md").read_text(encoding="utf-8")
    section = readme.split("## What each benchmark measures", 1)[1].split("\n## ", 1)[0]
    assert re.findall(r"^\d+\. \*\*`([a-z-]+)`", section, re.M) == names
    rows = bench.run_benchmarks.run(["nbval"], quick=True)   # skipped under --quick
    assert [(r.benchmark, r.note) for r in rows] == [("nbval", "skipped in --quick")]


def test_curve_benchmarks_load_no_display_library(bench):
    # The command line run as ``python benchmarks/run_benchmarks.py --quick --only ...``
    # in a fresh interpreter, which then reports what it has imported.
    names = [n for n, b in bench.run_benchmarks.BENCHMARKS.items() if b.module == "curves"]
    assert "curves" in names
    script = str(BENCHMARKS / "run_benchmarks.py")
    code = (f"import json, runpy, sys\n"
            f"sys.path.insert(0, {str(BENCHMARKS)!r})\n"
            f"sys.argv = [{script!r}, '--quick', '--only', *{names!r}]\n"
            f"try:\n"
            f"    runpy.run_path(sys.argv[0], run_name='__main__')\n"
            f"except SystemExit as stop:\n"
            f"    assert not stop.code, stop.code\n"
            f"print('IMPORTED', json.dumps(sorted({{m.split('.')[0] for m in sys.modules}})))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "left unchanged" in done.stdout
    assert all(f"| {name} |" in done.stdout for name in names)
    imported = set(json.loads(done.stdout.rsplit("IMPORTED ", 1)[1]))
    assert {"numpy", "erm_helpers", "erm_fast", "harness", "curves"} <= imported
    assert [m for m in DISPLAY if m in imported] == []
    assert "sliders" not in imported


def test_no_file_in_benchmarks_is_over_400_lines():
    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines())
             for p in BENCHMARKS.glob("*.py")}
    assert {name: lines for name, lines in sizes.items() if lines > 400} == {}
