"""erm_course.explorers: the sigma slider of notebook 04 and the alpha slider of 05,
driven from plain Python: set a slider, read the figure.

What every explorer shares (widget tree, repr, pyplot) is in ``tests/test_explorer.py``;
the blitting and the frames sent in ``tests/test_live.py``; the browser test
(test_browser.py) checks the same widgets in a real JupyterLab. These tests check the
numbers behind them quickly and without a browser.
"""
import numpy as np
import pytest

import erm_helpers as erm
import page_checks
from erm_course import explorers, money

SALARIES = erm.load_salaries()


@pytest.fixture
def ucsd():
    return explorers.ucsd_explorer(SALARIES, sigma=21_000)


@pytest.fixture
def descent():
    return explorers.descent_explorer(SALARIES, alpha=0.1, h0=150_000)


# -- the sigma explorer ----------------------------------------------------------------

def test_ucsd_curves_are_the_risk_at_every_stop(ucsd):
    assert ucsd.curves.shape == (ucsd.stops.size, ucsd.grid.size)
    for sigma, curve in zip(ucsd.stops, ucsd.curves):
        np.testing.assert_allclose(curve, erm.ucsd_risk(ucsd.grid, SALARIES, sigma),
                                   rtol=1e-12)
    sent = np.frombuffer(ucsd.scene["families"]["risk"]["data"], np.float32)
    np.testing.assert_allclose(sent.reshape(ucsd.curves.shape), ucsd.curves, rtol=1e-6)


def test_ucsd_marks_every_minimum_at_every_stop(ucsd):
    for k, sigma in enumerate(ucsd.stops):
        minima = erm.ucsd_local_minima(SALARIES, sigma)
        marked = ucsd.minima[k][~np.isnan(ucsd.minima[k])]
        np.testing.assert_allclose(marked, minima, atol=0.05)
        np.testing.assert_allclose(ucsd.minima_risks[k][:minima.size],
                                   erm.ucsd_risk(minima, SALARIES, sigma), atol=1e-9)
        best = erm.ucsd_global_minimizer(SALARIES, sigma)
        assert ucsd.best[k] == pytest.approx(best, abs=0.05)
        ucsd.sigma_slider.value = sigma
        text = ucsd.readout_text
        assert f"{minima.size} local minim" in text
        assert money(best) in text and money(sigma) in text


def test_moving_sigma_changes_the_state_and_the_readout(ucsd):
    before = ucsd.readout_text
    ucsd.sigma_slider.value = 3_000
    assert ucsd.sigma_slider.value == 3_000 and ucsd.readout_text != before
    assert "3 local minima" in ucsd.readout_text   # wiggly at small sigma
    ucsd.sigma_slider.value = 21_000
    assert ucsd.readout_text == before


def test_sigma_stops_are_log_spaced_and_hold_the_start():
    ex = explorers.ucsd_explorer(SALARIES, sigma=21_000)
    ratios = ex.stops[1:] / ex.stops[:-1]
    assert 150 <= ex.stops.size <= 250 and ratios.max() < 1.06 and ratios.min() > 1
    assert 21_000 in ex.stops and ex.sigma_slider.value == 21_000


def test_sigma_slider_fits_the_data():
    real = erm.load_professor_salaries()
    ex = explorers.ucsd_explorer(real)
    spread = real.max() - real.min()
    assert ex.sigma_slider.min < spread / 50 < spread / 2 < ex.sigma_slider.max
    five = explorers.ucsd_explorer(SALARIES)
    # the four sigmas of the source are all reachable on the five salaries
    assert five.sigma_slider.min <= 3_000 and five.sigma_slider.max >= 21_000



# -- the alpha explorer ----------------------------------------------------------------

def test_descent_path_is_gradient_descent(descent):
    expected = erm.gradient_descent(lambda h: erm.squared_risk_derivative(h, SALARIES),
                                    150_000, 0.1, max_iter=descent.max_iter)
    xs, ys = descent.path_line.get_data()
    np.testing.assert_allclose(xs, expected.path, rtol=1e-12)
    np.testing.assert_allclose(ys, erm.squared_risk(expected.path, SALARIES), rtol=1e-9)
    assert descent.result.outcome == expected.outcome == "converged"
    assert f"{expected.steps} steps" in descent.readout_text


@pytest.mark.parametrize("alpha, outcome", [
    (0.1, "converged"), (0.5, "converged"), (0.75, "converged"),
    (1.0, "oscillating"), (1.5, "diverged"), (10.0, "diverged"),
])
def test_descent_regimes_on_squared_risk(descent, alpha, outcome):
    descent.alpha_slider.value = alpha
    assert descent.result.outcome == outcome
    assert erm.OUTCOMES[outcome] in descent.readout_text


def test_divergent_alpha_reads_diverged_then_recovers(descent):
    descent.alpha_slider.value = 3.0
    assert "diverged" in descent.readout_text and descent.result.diverged
    assert descent.result.steps < 100         # stopped early, not at the cap
    descent.alpha_slider.value = 0.2
    assert descent.readout_text.endswith("converged")
    assert descent.result.h == pytest.approx(SALARIES.mean(), abs=1e-4)


def test_ucsd_descent_stops_in_the_shallow_local_minimum(descent):
    descent.risk_picker.value = "ucsd"
    assert not descent.sigma_slider.disabled
    assert descent.alpha_slider.label.endswith("σ²")     # alpha now counts sigma squared
    descent.sigma_slider.value = 21_000
    descent.h0_slider.value = 170_000
    descent.alpha_slider.value = 1.0
    assert descent.alpha == 21_000 ** 2
    local, global_ = erm.ucsd_local_minima(SALARIES, 21_000)[[-1, 0]]
    assert descent.result.converged
    assert descent.result.h == pytest.approx(local, abs=1.0)
    assert abs(descent.result.h - global_) > 50_000
    assert descent.readout_text.endswith(
        f"converged to a local minimum; the global one is at {money(global_)}")
    descent.h0_slider.value = 130_000                      # left of the hilltop
    assert descent.result.h == pytest.approx(global_, abs=1.0)
    assert descent.readout_text.endswith("converged")
    descent.risk_picker.value = "squared"
    assert descent.sigma_slider.disabled and descent.alpha_slider.options[-1][1] <= 10


def test_the_alpha_slider_has_the_values_the_text_uses(descent):
    values = [v for _, v in descent.alpha_slider.options]
    for alpha in (0.1, 0.5, 0.75, 1.0, 1.1):
        assert alpha in values
    # alpha = 1/2 lands on the mean in one step, exactly as notebook 05 says
    descent.alpha_slider.value = 0.5
    assert descent.result.path.tolist() == [150_000.0, 112_000.0, 112_000.0]
    descent.risk_picker.value = "ucsd"
    assert {0.25, 1.0, 2.0, 2.5} <= {v for _, v in descent.alpha_slider.options}


def test_preset_buttons_set_alpha(descent):
    labels = [b.description for b in descent.presets.children]
    assert labels == ["α = 0.1", "α = 0.5", "α = 0.75", "α = 1", "α = 1.1"]
    descent.presets.children[3].click()
    assert descent.alpha_slider.value == 1.0 and descent.result.outcome == "oscillating"
    descent.risk_picker.value = "ucsd"
    assert [b.description for b in descent.presets.children][1] == "α = 1 σ²"
    descent.presets.children[0].click()
    assert descent.alpha == pytest.approx(0.25 * descent.sigma_slider.value ** 2)


def test_each_risk_keeps_its_own_alpha(descent):
    descent.alpha_slider.value = 0.75
    descent.risk_picker.value = "ucsd"
    assert descent.alpha_slider.value == 1.0              # the UCSD start: alpha = sigma**2
    descent.alpha_slider.value = 2.5
    descent.risk_picker.value = "squared"
    assert descent.alpha_slider.value == 0.75
    descent.risk_picker.value = "ucsd"
    assert descent.alpha_slider.value == 2.5


def test_switching_the_risk_reuses_the_preset_buttons(descent):
    squared = descent.presets.children
    descent.risk_picker.value = "ucsd"
    ucsd = descent.presets.children
    descent.risk_picker.value = "squared"
    descent.risk_picker.value = "ucsd"
    assert descent.presets.children == ucsd            # the same widgets, none made anew
    descent.risk_picker.value = "squared"
    assert descent.presets.children == squared


def test_moving_alpha_does_not_recompute_the_curve(descent, monkeypatch):
    calls = []
    original = descent._risk_of
    monkeypatch.setattr(descent, "_risk_of", lambda h: calls.append(np.size(h)) or
                        original(h))
    descent.alpha_slider.value = 0.3
    descent.h0_slider.value = 100_000
    grid = descent.grid.size
    assert calls and grid not in calls     # only the path's points, never the grid



# -- bad input -------------------------------------------------------------------------

@pytest.mark.parametrize("call, match", [
    (lambda: explorers.ucsd_explorer([]), "empty"),
    (lambda: explorers.ucsd_explorer([1.0, np.nan]), "finite"),
    (lambda: explorers.ucsd_explorer(SALARIES, sigma=-5), "positive"),
    (lambda: explorers.ucsd_explorer(SALARIES, sigma_range=(10, 1, 1)), "go up"),
    (lambda: explorers.descent_explorer(SALARIES, alpha=0), "positive"),
    (lambda: explorers.descent_explorer(SALARIES, risk="cubic"), "risk must be"),
    (lambda: explorers.descent_explorer(SALARIES, max_iter=0), "at least 1"),
    (lambda: explorers.descent_explorer(["a", "b"]), "numbers"),
])
def test_explorers_reject_bad_input(call, match):
    with pytest.raises((ValueError, TypeError), match=match):
        call()


@pytest.mark.parametrize("risk, alpha, h0, sigma, units", [
    ("ucsd", 21_000 ** 2, 170_000, 21_000, 1.0),
    ("ucsd", 0.98 * 21_000 ** 2, 170_000, 21_000, 0.977),
    ("squared", 0.123456, 123_456, 7_777, 0.123),
])
def test_starting_values_sit_on_the_slider_grid(risk, alpha, h0, sigma, units):
    # The browser snaps a slider to its grid and sends the value back; a start off the
    # grid would make the live readout disagree with the printed one.
    ex = explorers.descent_explorer(SALARIES, risk=risk, alpha=alpha, h0=h0, sigma=sigma)
    for slider in (ex.h0_slider, ex.sigma_slider):
        k = (slider.value - slider.min) / slider.step
        assert k == pytest.approx(round(k), abs=1e-6)
    assert ex.alpha_slider.value == units                  # the nearest stop
    unit = " σ²" if risk == "ucsd" else ""
    assert f"α = {units:.3g}{unit} ·" in ex.readout_text


@pytest.mark.parametrize("call, match", [
    (lambda: explorers.ucsd_explorer(SALARIES, sigma=100), r"sigma must lie in .*\$1,000"),
    (lambda: explorers.descent_explorer(SALARIES, alpha=100), r"alpha \(for the squared risk\)"),
    (lambda: explorers.descent_explorer(SALARIES, risk="ucsd", alpha=0.1), "alpha"),
    (lambda: explorers.descent_explorer(SALARIES, h0=1e7), r"h0 must lie in"),
    (lambda: explorers.descent_explorer(SALARIES, sigma=1e7), r"sigma must lie in"),
])
def test_a_start_outside_a_slider_is_refused(call, match):
    # The browser would clamp it silently and the readout would disagree with the call.
    with pytest.raises(ValueError, match=match):
        call()


# -- the sigma explorer's page: it shows what Python computed ---------------------------

@pytest.fixture(scope="module")
def page():
    yield from page_checks.chromium_page()


def test_the_page_shows_pythons_sigma_readout_at_every_stop(page):
    ex = explorers.ucsd_explorer(SALARIES, sigma=21_000)
    states = [{"sigma": k} for k in range(ex.stops.size)]
    assert page_checks.page_readouts(page, ex, states) == [ex.readout_for(s) for s in states]
    assert page.errors == []


@pytest.mark.parametrize("sigma", [3_000, 21_000, 50_000])
def test_the_page_draws_the_sigma_curve_where_matplotlib_maps_it(page, sigma):
    ex = explorers.ucsd_explorer(SALARIES, sigma=sigma)
    k = int(np.argmin(np.abs(ex.stops - sigma)))
    pick = np.arange(5, ex.grid.size - 5, 37)
    px, py = page_checks.to_pixels(ex, 0, ex.grid[pick], ex.curves[k][pick])
    assert all(page_checks.page_ink(page, ex, {"sigma": k}, px, py))


def test_the_sigma_page_leaves_no_ghost_after_moves(page):
    ex = explorers.ucsd_explorer(SALARIES, sigma=21_000)
    states = [{"sigma": k} for k in (100, 3, 180, 0, 57, 58, 100)]
    moved, fresh = page_checks.frame_after_moves(page, ex, states)
    assert moved == fresh
