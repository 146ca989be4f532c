"""Smoke test of benchmarks/run_benchmarks.py at tiny sizes: the checks and the table writer.

Nothing here is timed; the benchmark's figures are read from its own run (``make bench``).
"""

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest

import erm_helpers as erm

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "run_benchmarks.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("run_benchmarks", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("run_benchmarks", module)
    spec.loader.exec_module(module)
    return module


def test_naive_formulas_match_the_definition(bench):
    # Tiny chunks, so the loop over row blocks runs several times and must stitch them.
    y = np.array([90_000, 94_000, 96_000, 96_000, 120_000, 160_000.0])
    h = np.array([80_000, 96_000, 100_000, 200_000.0])
    expected_abs = [np.mean([abs(hj - yi) for yi in y]) for hj in h]
    expected_sq = [np.mean([(hj - yi) ** 2 for yi in y]) for hj in h]
    np.testing.assert_allclose(bench.naive_absolute_risk(h, y, chunk_bytes=16), expected_abs)
    np.testing.assert_allclose(bench.naive_squared_risk(h, y, chunk_bytes=16), expected_sq)
    np.testing.assert_allclose(bench.loop_ucsd_risk(h, y, 20_000),
                               erm.ucsd_risk(h, y, 20_000), rtol=1e-12)


def test_agreement_check_rejects_wrong_numbers(bench):
    plain = np.array([1.0, 2.0, 3.0])
    assert bench.check_agreement(plain * (1 + 1e-12), plain, "close") <= 1e-9
    with pytest.raises(AssertionError, match="differ from the plain formula"):
        bench.check_agreement(plain * (1 + 1e-6), plain, "off by 1e-6")
    with pytest.raises(AssertionError):
        bench.check_agreement([1.0, np.nan, 3.0], plain, "NaN")
    with pytest.raises(AssertionError, match="shapes differ"):
        bench.check_agreement(plain[:2], plain, "short")


def test_curves_figure_runs_and_checks_agreement(bench, monkeypatch):
    rows = bench.bench_curves(n=300, m=40, repeats=1)
    assert [r.what for r in rows] == ["absolute risk curve", "squared risk curve"]
    assert all(r.ratio > 0 and r.met in (True, False) for r in rows)
    # A wrong fast path must stop the benchmark, not produce a figure.
    right = erm.squared_risk
    monkeypatch.setattr(bench.erm, "squared_risk", lambda h, y: right(h, y) * 1.01)
    with pytest.raises(AssertionError, match="squared risk curve"):
        bench.bench_curves(n=300, m=40, repeats=1)


def test_child_case_reports_memory_and_agreement(bench):
    for kind in ("absolute", "ucsd", "ucsd-loop"):
        res = bench.child_case(kind, n=500, m=30, repeats=1)
        assert res["peak_mb"] >= res["baseline_mb"] > 0
        assert res["agreement"] <= 1e-9


def test_table_writer_replaces_only_the_marked_block(bench, tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text(f"# Title\n\nProse.\n\n{bench.START_MARKER}\nold table\n"
                      f"{bench.END_MARKER}\n\nAfter.\n", encoding="utf-8")
    rows = [bench.Row("1", "absolute risk curve", 10**5, 10**3, 0.002, 0.2, "naive",
                      target="≥ 30×", met=True),
            bench.Row("2", "large", 10**6, 10**4, 0.5, peak_mb=120.0, extra_mb=40.0),
            bench.Row("5", "nbval", note="skipped: no notebooks yet")]
    info = bench.machine_info()
    table = bench.render_table(rows, info, "2000-01-01")
    bench.write_results(readme, table)
    bench.write_results(readme, table)   # a second run replaces, never appends
    text = readme.read_text(encoding="utf-8")
    assert text.startswith("# Title\n\nProse.\n") and text.endswith("\n\nAfter.\n")
    assert "old table" not in text and text.count("| absolute risk curve |") == 1
    assert "| 10^5 | 10^3 |" in text and "100.0×" in text and "| yes |" in text
    assert "120 MB (+40 MB over set-up)" in text and info["cpu"] in text
    readme.write_text("no markers here\n", encoding="utf-8")
    with pytest.raises(ValueError, match="results:start"):
        bench.write_results(readme, table)


def test_explorer_figure_runs(bench):
    rows = bench.bench_explorers(updates=3, redraws=1)
    assert len(rows) == 5 and all(r.seconds > 0 and r.ratio > 0 for r in rows)


def test_loss_choice_figure_runs(bench, monkeypatch):
    rows = bench.bench_loss_choice(n=300, m=40, repeats=1, fast_repeats=1, moves=2)
    assert len(rows) == 5 and all(r.figure == "6" and r.ratio > 0 for r in rows)
    y = np.array([90_000, 94_000, 96_000, 120_000, 160_000.0])
    h = np.array([80_000, 105_000, 200_000.0])
    np.testing.assert_allclose(bench.naive_huber_risk(h, y, 20_000, chunk_bytes=16),
                               erm.empirical_risk(erm.huber_loss, h, y, delta=20_000))
    right = erm.huber_risk
    monkeypatch.setattr(bench.erm, "huber_risk", lambda h, y, d: right(h, y, d) * 1.01)
    with pytest.raises(AssertionError, match="Huber risk curve"):
        bench.bench_loss_choice(n=300, m=40, repeats=1, fast_repeats=1, moves=2)


def test_frame_figure_runs_and_restores_the_explorers(bench):
    rows = bench.bench_frames(updates=2)
    assert len(rows) == 7 and all(r.figure == "7" and r.ratio > 0 for r in rows)
