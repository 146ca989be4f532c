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
from erm_course.style import COLORS

SALARIES = erm.load_salaries()


@pytest.fixture
def ucsd():
    return explorers.ucsd_explorer(SALARIES, sigma=21_000)


@pytest.fixture
def descent():
    # notebook 05's call: sigma = 21,000 is a stop of the (log-spaced) sigma slider
    return explorers.descent_explorer(SALARIES, alpha=0.1, h0=150_000, sigma=21_000)


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

def test_descent_curves_are_the_risks_at_every_sigma_stop(descent):
    np.testing.assert_allclose(descent.squared_curve,
                               erm.squared_risk(descent.grid, SALARIES), rtol=1e-12)
    assert descent.ucsd_curves.shape == (descent.sigmas.size, descent.grid.size)
    for sigma, curve, best in zip(descent.sigmas, descent.ucsd_curves, descent.best):
        np.testing.assert_allclose(curve, erm.ucsd_risk(descent.grid, SALARIES, sigma),
                                   rtol=1e-12)
        assert best == pytest.approx(erm.ucsd_global_minimizer(SALARIES, sigma), abs=0.05)
    sent = np.frombuffer(descent.scene["families"]["ucsd_risk"]["data"], np.float32)
    np.testing.assert_allclose(sent.reshape(descent.ucsd_curves.shape), descent.ucsd_curves,
                               rtol=1e-6)
    arrays = descent.scene["arrays"]
    for name, values in [("grid", descent.grid), ("squared_risk", descent.squared_curve),
                         ("y", SALARIES), ("best", descent.best),
                         ("sigma_stops", descent.sigmas), ("h0_stops", descent.h0s)]:
        assert np.frombuffer(arrays[name]["data"]).tolist() == list(values), name
    program = descent.scene["program"]
    assert program == {"kind": "descent1d", "mean": SALARIES.mean(),
                       "variance": SALARIES.var(), "max_iter": descent.max_iter}


@pytest.mark.parametrize("sigma", [1_000, 3_000, 21_000, 50_000])
def test_the_ucsd_slope_descent_takes_is_the_risks_derivative(sigma):
    for h in np.linspace(0, 250_000, 301):
        slope = explorers.ucsd_slope_as_the_page(h, SALARIES.tolist(), sigma)
        assert slope == pytest.approx(erm.ucsd_risk_derivative(h, SALARIES, sigma),
                                      rel=1e-12, abs=1e-22)


def test_descent_path_is_gradient_descent(descent):
    expected = erm.gradient_descent(lambda h: erm.squared_risk_derivative(h, SALARIES),
                                    150_000, 0.1, max_iter=descent.max_iter)
    np.testing.assert_allclose(descent.result.path, expected.path, rtol=1e-12)
    np.testing.assert_allclose(descent.risk_of(descent.result.path, descent.state),
                               erm.squared_risk(expected.path, SALARIES), rtol=1e-9)
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
    slider = descent.alpha_slider
    assert slider.labels[slider.index].endswith("σ²")     # alpha now counts sigma squared
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


def _presets(explorer):
    """The preset rows the page shows, by the slider they move."""
    return {c["target"]: c for c in explorer.scene["controls"] if c["kind"] == "presets"}


def test_preset_buttons_set_alpha(descent):
    presets = _presets(descent)
    squared = presets["alpha_squared"]["buttons"]
    assert [text for text, _ in squared] == ["α = 0.1", "α = 0.5", "α = 0.75", "α = 1",
                                             "α = 1.1"]
    assert [text for text, _ in squared] == [text for text, _ in descent.presets["squared"]]
    descent.state = {**descent.state, "alpha_squared": squared[3][1]}   # what a click sends
    assert descent.alpha_slider.value == 1.0 and descent.result.outcome == "oscillating"
    descent.risk_picker.value = "ucsd"
    ucsd = presets["alpha_ucsd"]["buttons"]
    assert ucsd[1][0] == "α = 1 σ²"
    descent.state = {**descent.state, "alpha_ucsd": ucsd[0][1]}
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


def test_each_risk_shows_its_own_alpha_slider_and_presets(descent):
    controls = {(c["kind"], c.get("name") or c.get("target")): c
                for c in descent.scene["controls"]}
    assert controls["toggle", "risk"]["options"] == [["squared", "squared"], ["UCSD", "ucsd"]]
    for risk in ("squared", "ucsd"):
        assert controls["slider", f"alpha_{risk}"]["when"] == {"risk": risk}
        assert controls["presets", f"alpha_{risk}"]["when"] == {"risk": risk}
    assert controls["slider", "h0"]["when"] is None
    assert controls["slider", "sigma"]["enabled"] == {"risk": "ucsd"}
    curves = [m for m in descent.scene["marks"] if m["kind"] == "line" and "array" in m["x"]]
    assert [m["when"] for m in curves] == [{"risk": "squared"}, {"risk": "ucsd"}]
    assert set(descent.scene["views"]) == {"squared", "ucsd"}
    assert descent.scene["view_by"] == "risk"
    top = descent.squared_curve.max()
    limits = {name: view["axes"][0]["y"] for name, view in descent.scene["views"].items()}
    assert limits == {"squared": [-0.04 * top, 1.08 * top, "linear"],
                      "ucsd": [-0.04, 1.08, "linear"]}
    # the figure (the static copy) shows the risk the explorer starts with
    assert descent.ax.get_title() == "squared risk"
    ucsd = explorers.descent_explorer(SALARIES, risk="ucsd", sigma=21_000)
    assert ucsd.ax.get_title() == "UCSD risk" and ucsd.ax.get_ylim() == (-0.04, 1.08)


def test_moving_the_sliders_only_runs_descent(descent, monkeypatch):
    # the curves were sent once: a move runs descent and evaluates the risk on its path
    sizes = []
    for name in ("ucsd_risk_curve", "squared_risk_from_moments"):
        original = getattr(explorers.fast, name)
        monkeypatch.setattr(explorers.fast, name, lambda h, *args, f=original:
                            sizes.append(np.size(h)) or f(h, *args))
    scene, texts = descent.scene, set()
    for control, value in [(descent.alpha_slider, 0.3), (descent.h0_slider, 100_000),
                           (descent.risk_picker, "ucsd"), (descent.sigma_slider, 5_000)]:
        control.value = value
        texts.add(descent.readout_text)
        descent.risk_of(descent.result.path, descent.state)
    assert len(texts) == 4 and sizes and descent.grid.size not in sizes
    assert descent.scene is scene


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


@pytest.mark.parametrize("risk, alpha, h0, sigma, units, h0_stop", [
    ("ucsd", 21_000 ** 2, 170_000, 21_000, 1.0, 170_000),
    ("ucsd", 0.98 * 21_000 ** 2, 170_000, 21_000, 0.977, 170_000),
    ("squared", 0.123456, 123_456, 7_777, 0.123, 123_500),
])
def test_starting_values_sit_on_the_slider_stops(risk, alpha, h0, sigma, units, h0_stop):
    # The page shows a slider at its stops only; a start between stops would make the
    # page's readout disagree with the printed one.
    ex = explorers.descent_explorer(SALARIES, risk=risk, alpha=alpha, h0=h0, sigma=sigma)
    assert ex.sigma_slider.value == sigma                  # the start is a stop, exactly
    assert ex.h0_slider.value == h0_stop                   # the nearest stop
    assert ex.alpha_slider.value == units                  # the nearest stop
    unit = " σ²" if risk == "ucsd" else ""
    assert f"α = {units:.3g}{unit} · h₀ = {money(h0_stop)} ·" in ex.readout_text


@pytest.mark.parametrize("y", [SALARIES, erm.load_professor_salaries()])
def test_h0_stops_are_even_and_few_and_sigma_stops_log_spaced(y):
    ex = explorers.descent_explorer(y)
    steps = np.diff(ex.h0s)
    assert 200 <= ex.h0s.size <= 400 and np.allclose(steps, steps[0])
    assert ex.h0s[0] <= y.min() - 0.4 * np.ptp(y) or ex.h0s[0] == 0
    assert ex.h0s[-1] >= y.max() + 0.4 * np.ptp(y)
    ratios = ex.sigmas[1:] / ex.sigmas[:-1]
    assert 150 <= ex.sigmas.size <= 250 and ratios.max() < 1.06 and ratios.min() > 1
    five = explorers.descent_explorer(SALARIES)
    assert {130_000, 150_000, 170_000} <= set(five.h0s)    # the starts notebook 05 uses


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


# -- the alpha explorer's page: it runs descent as Python does --------------------------

def _descent_states(ex, samples, seed):
    """Every alpha stop of both risks at the explorer's h0 and sigma, then ``samples``
    random (risk, alpha, h0, sigma) combinations."""
    states = [{**ex.state, "risk": risk, f"alpha_{risk}": k}
              for risk in ("squared", "ucsd") for k in range(ex.alphas[risk].size)]
    rng = np.random.default_rng(seed)
    for _ in range(samples):
        risk = str(rng.choice(["squared", "ucsd"]))
        states.append({**ex.state, "risk": risk,
                       f"alpha_{risk}": int(rng.integers(ex.alphas[risk].size)),
                       "h0": int(rng.integers(ex.h0s.size)),
                       "sigma": int(rng.integers(ex.sigmas.size))})
    return states


def test_the_page_shows_pythons_descent_readout_at_hundreds_of_states(page, descent):
    states = _descent_states(descent, 400, seed=20)
    outcomes = {(s["risk"], descent.run(s).outcome) for s in states}
    assert outcomes == {(r, o) for r in ("squared", "ucsd") for o in erm.OUTCOMES}
    assert page_checks.page_readouts(page, descent, states) == [descent.readout_for(s)
                                                                for s in states]
    assert page.errors == []


def test_the_page_shows_pythons_readout_on_the_professors(page):
    ex = explorers.descent_explorer(erm.load_professor_salaries(), risk="ucsd")
    states = _descent_states(ex, 60, seed=5)[::4]
    assert page_checks.page_readouts(page, ex, states) == [ex.readout_for(s) for s in states]


_RUN = """(state) => {
  const run = window.ermDrawing.PROGRAMS.descent1d(window.ermModel.values.scene, state);
  return [run.path_h, run.path_r];
}"""


def test_the_page_runs_pythons_descent_step_for_step(page, descent):
    page_checks.mount(page, descent)
    for risk, alpha, h0, sigma in [
            ("squared", 0.1, 150_000, 21_000), ("squared", 0.5, 150_000, 21_000),
            ("squared", 1.0, 60_000, 21_000), ("squared", 1.5, 190_000, 21_000),
            ("ucsd", 1.0, 170_000, 21_000), ("ucsd", 2.5, 130_000, 3_000),
            ("ucsd", 9.12, 150_000, 21_000)]:    # chaotic: an ulp apart would end elsewhere
        descent.risk_picker.value = risk
        descent.alpha_slider.value, descent.h0_slider.value = alpha, h0
        descent.sigma_slider.value = sigma
        path, risks = page.evaluate(_RUN, dict(descent.state))
        assert path == descent.result.path.tolist()
        # (whole numbers come back as ints, past 2**63 too: as floats, for numpy)
        np.testing.assert_allclose(np.array(risks, dtype=float),
                                   descent.risk_of(descent.result.path, descent.state),
                                   rtol=1e-12)


_COLOUR = """([px, py]) => {
  const canvas = document.querySelector('#root canvas');
  const ratio = canvas.width / parseFloat(canvas.style.width);
  const ctx = canvas.getContext('2d');
  return px.map((x, i) => Array.from(ctx.getImageData(Math.round(x * ratio),
                                                      Math.round(py[i] * ratio), 1, 1).data));
}"""


def _rgba(colour):
    colour = colour.lstrip("#")
    return [int(colour[k:k + 2], 16) for k in (0, 2, 4)] + [255]


@pytest.mark.parametrize("alpha", [0.1, 0.75])
def test_the_page_draws_the_squared_risk_and_the_path_on_it(page, descent, alpha):
    descent.alpha_slider.value = alpha
    pick = np.arange(5, descent.grid.size - 5, 37)
    px, py = page_checks.to_pixels(descent, 0, descent.grid[pick],
                                   descent.squared_curve[pick], view="squared")
    assert all(page_checks.page_ink(page, descent, descent.state, px, py))
    # the start and the first iterate, in their colours, where matplotlib maps them
    path = descent.result.path[:2]
    qx, qy = page_checks.to_pixels(descent, 0, path, erm.squared_risk(path, SALARIES),
                                   view="squared")
    start, first = page.evaluate(_COLOUR, [list(map(float, qx)), list(map(float, qy))])
    assert start == _rgba(COLORS["start"]) and first == _rgba(COLORS["iterates"])


@pytest.mark.parametrize("sigma", [1_000, 21_000, 50_000])
def test_the_page_draws_the_ucsd_curve_of_the_sigma_stop(page, descent, sigma):
    descent.risk_picker.value = "ucsd"
    descent.sigma_slider.value = sigma
    k = descent.sigma_slider.index
    pick = np.arange(5, descent.grid.size - 5, 37)
    px, py = page_checks.to_pixels(descent, 0, descent.grid[pick],
                                   descent.ucsd_curves[k][pick], view="ucsd")
    assert all(page_checks.page_ink(page, descent, descent.state, px, py))


_CLICK = """([selector, text]) => {
  const buttons = [...document.querySelectorAll(`#root ${selector}`)];
  buttons.find((b) => b.textContent === text && !b.closest('[hidden]')).click();
  const shown = (name, kind) => !document.querySelector(
    `#root .erm-${kind}[data-name="${name}"]`).hidden;
  return {readout: document.querySelector('#root .erm-readout').textContent,
          squared: shown('alpha_squared', 'slider') && shown('alpha_squared', 'presets'),
          ucsd: shown('alpha_ucsd', 'slider') && shown('alpha_ucsd', 'presets'),
          sigma: !document.querySelector('#root .erm-slider[data-name="sigma"] input').disabled,
          values: Object.fromEntries([...document.querySelectorAll('#root .erm-slider')]
            .map((row) => [row.dataset.name, Number(row.querySelector('input').value)]))};
}"""


def test_the_pages_buttons_switch_the_risk_and_set_alpha(page, descent):
    page_checks.mount(page, descent)
    state = dict(descent.state)

    def click(selector, text, **change):
        state.update(change)
        shown = page.evaluate(_CLICK, [selector, text])
        assert shown["values"] == {k: v for k, v in state.items() if k != "risk"}
        assert shown["readout"] == descent.readout_for(state)
        return shown

    stop = {r: {v: k for k, v in enumerate(descent.alphas[r])} for r in descent.alphas}
    shown = click(".erm-preset", "α = 0.75", alpha_squared=stop["squared"][0.75])
    assert shown["squared"] and not shown["ucsd"] and not shown["sigma"]
    shown = click(".erm-toggle button", "UCSD", risk="ucsd")   # the UCSD start: 1 σ²
    assert shown["ucsd"] and not shown["squared"] and shown["sigma"]
    click(".erm-preset", "α = 2.5 σ²", alpha_ucsd=stop["ucsd"][2.5])
    shown = click(".erm-toggle button", "squared", risk="squared")
    assert shown["values"]["alpha_squared"] == stop["squared"][0.75]   # kept
    assert page.errors == []
