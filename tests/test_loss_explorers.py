"""erm_course.loss_explorers: the p and delta sliders of notebook 06 and the outlier slider
of notebook 07, driven from plain Python: set a slider, read the scene's data that the page
draws (a row per stop), checked against erm_helpers; then the page itself, in Chromium:
it shows Python's readout at every stop and draws the curves where matplotlib maps them.

What every explorer shares (widget, repr) is in ``tests/test_explorer.py``.
"""

import math

import numpy as np
import pytest

import erm_helpers as erm
import page_checks
from erm_course import figures, loss_explorers, money
from erm_course.figures.outliers_and_convexity import INFLUENCE_NAMES

Y = erm.load_salaries()
PROFESSORS = erm.load_professor_salaries()
# a float32 row against float64 values: a few units in the last place of a float32
F32 = {"rtol": 3e-7, "atol": 0}


@pytest.fixture
def lp():
    return loss_explorers.lp_explorer(Y, p=1.5)


@pytest.fixture
def huber():
    return loss_explorers.huber_explorer(Y, delta=20_000)


@pytest.fixture
def outlier():
    return loss_explorers.outlier_explorer(Y, value=320_000)


def family(ex, name):
    """The family ``name`` as the page receives it: float32, one row per stop."""
    sent = ex.scene["families"][name]
    return np.frombuffer(sent["data"], np.float32).reshape(sent["shape"])


def array(ex, name):
    return np.frombuffer(ex.scene["arrays"][name]["data"], np.float64)


def limits(ex, axes, which):
    """(low, high) of an axes' x or y, as the page maps data to pixels."""
    return tuple(ex.scene["views"][""]["axes"][axes][which][:2])


def sent_bytes(ex):
    """What the page is sent, beyond the controls and marks: families and backgrounds."""
    return (sum(len(f["data"]) for f in ex.scene["families"].values())
            + sum(len(v["background"]) for v in ex.scene["views"].values()))


# -- the p explorer ---------------------------------------------------------------------

@pytest.mark.parametrize("p", [1, 1.5, 2, 3, 10, 100, math.inf])
def test_p_slider_draws_the_typical_error_and_its_minimizer(lp, p):
    lp.p_slider.value = p
    k = lp.p_slider.index
    assert lp.p_slider.value == p and lp.state == {"p": k}
    grid = array(lp, "grid")
    np.testing.assert_allclose(family(lp, "curve")[k], erm.lp_typical_error(grid, Y, p), **F32)
    best = erm.lp_risk_minimizer(Y, p)
    assert family(lp, "minimizer")[k, 0] == pytest.approx(best, rel=3e-7)
    assert family(lp, "at_minimizer")[k, 0] == pytest.approx(erm.lp_typical_error(best, Y, p),
                                                            rel=3e-7)
    assert family(lp, "path_x")[k, 0] == (200.0 if math.isinf(p) else p)
    text = lp.readout_text
    assert f"minimizer h* = {money(best)} ·" in text and " · " in text
    assert text.startswith(figures.p_label(p) + " ·")
    assert text == lp.scene["readouts"]["texts"][k]


def test_p_slider_reaches_one_two_and_the_top_exactly(lp):
    stops = [v for _, v in lp.p_slider.options]
    assert stops[0] == 1.0 and 2.0 in stops and 100.0 in stops and stops[-1] == math.inf
    assert {1.5, 3.0, 10.0} <= set(stops)
    assert lp.p_slider.labels[-1] == "∞" and list(array(lp, "p_stops")) == stops
    assert family(lp, "minimizer")[0, 0] == erm.lp_risk_minimizer(Y, 1)
    assert family(lp, "minimizer")[-1, 0] == 0.5 * Y.min() + 0.5 * Y.max()


def test_p_slider_on_the_professors():
    ex = loss_explorers.lp_explorer(PROFESSORS, p=1.5)
    assert f"minimizer h* = {money(erm.lp_risk_minimizer(PROFESSORS, 1.5))}" in ex.readout_text
    ex.p_slider.value = 37.2
    assert ex.p_slider.value == 37.2
    np.testing.assert_allclose(family(ex, "curve")[ex.p_slider.index],
                               erm.lp_typical_error(ex.grid, PROFESSORS, 37.2), rtol=1e-6)


def test_p_families_are_erm_helpers_at_every_stop(lp):
    stops = array(lp, "p_stops")
    curves = family(lp, "curve")
    # one point per pixel of the left panel, one row per stop
    assert curves.shape == (stops.size, round(lp.scene["views"][""]["axes"][0]["box"][2]))
    assert lp.grid.size == curves.shape[1] and (array(lp, "grid") == lp.grid).all()
    for k, p in enumerate(stops):
        np.testing.assert_allclose(curves[k], erm.lp_typical_error(lp.grid, Y, p), **F32)
        best = erm.lp_risk_minimizer(Y, p)
        np.testing.assert_allclose(family(lp, "minimizer")[k], [best], **F32)
        np.testing.assert_allclose(family(lp, "at_minimizer")[k],
                                   [erm.lp_typical_error(best, Y, p)], **F32)
    # the fixed axes hold every curve
    assert curves.max() <= limits(lp, 0, "y")[1]


# -- the delta explorer -----------------------------------------------------------------

@pytest.mark.parametrize("delta", [5_000, 10_000, 20_000, 48_000, 1_000, 70_000])
def test_delta_slider_draws_the_huber_risk_and_its_minimizer(huber, delta):
    huber.delta_slider.value = delta
    k = huber.delta_slider.index
    assert huber.delta_slider.value == delta
    v = family(huber, "curve")[k]
    np.testing.assert_allclose(v, erm.huber_risk(huber.grid, Y, delta) / delta, rtol=1e-6)
    best = erm.huber_risk_minimizer(Y, delta)
    assert family(huber, "minimizer")[k, 0] == pytest.approx(best, rel=3e-7)
    assert array(huber, "delta_stops")[k] == delta       # the star on the path sits at delta
    assert huber.readout_text.startswith(f"δ = {money(delta)} · minimizer h* = {money(best)}")
    # the fixed axes hold every curve
    assert v.max() <= limits(huber, 0, "y")[1]


def test_delta_slider_holds_the_course_values_on_a_log_scale(huber):
    stops = huber.delta_slider.values
    assert {1_000, 5_000, 10_000, 20_000, 48_000, 70_000} <= set(stops)
    assert stops[0] == huber.delta_slider.min == 1_000
    assert stops[-1] == huber.delta_slider.max == 70_000
    ratios = stops[1:] / stops[:-1]                  # log-spaced: even steps in ratio
    assert ratios.min() > 1 and ratios.max() < 1.03 and stops.size <= 300
    started = loss_explorers.huber_explorer(Y)       # the default start is a stop too
    assert started.delta_slider.value == 14_000 == np.ptp(Y) / 5


def test_a_narrow_delta_range_keeps_its_linear_step():
    ex = loss_explorers.huber_explorer(Y, delta=20_400, delta_range=(10_000, 50_000, 1_000))
    assert ex.delta_slider.value == 20_000
    assert (np.diff(ex.delta_slider.values) == 1_000).all()


def test_huber_families_are_erm_helpers_at_every_stop(huber):
    stops = array(huber, "delta_stops")
    curves = family(huber, "curve")
    assert curves.shape == (stops.size, huber.grid.size)
    for k, delta in enumerate(stops):
        np.testing.assert_allclose(curves[k], erm.huber_risk(huber.grid, Y, delta) / delta,
                                   rtol=1e-6)
        best = erm.huber_risk_minimizer(Y, delta)
        np.testing.assert_allclose(family(huber, "minimizer")[k], [best], **F32)
        np.testing.assert_allclose(family(huber, "at_minimizer")[k],
                                   [erm.huber_risk(best, Y, delta) / delta], rtol=1e-6)
    assert curves.max() <= limits(huber, 0, "y")[1]


# -- the outlier explorer ---------------------------------------------------------------

def expected_minimizers(y, value, delta=20_000, sigma=21_000):
    moved = figures.with_largest_replaced(y, value)
    return {"mean": erm.squared_risk_minimizer(moved), "median": erm.lp_risk_minimizer(moved, 1),
            "huber": erm.huber_risk_minimizer(moved, delta),
            "ucsd": erm.ucsd_global_minimizer(moved, sigma)}


@pytest.mark.parametrize("value", [120_000, 160_000, 320_000, 650_000, 1_000_000])
def test_outlier_slider_marks_the_four_minimizers(outlier, value):
    outlier.value_slider.value = value
    k = outlier.value_slider.index
    expected = expected_minimizers(Y, value)
    # every marker and the dotted line sit at the slider's value, on both panels
    assert array(outlier, "value_stops")[k] == value
    moving = [m for m in outlier.scene["marks"] if m["x"] == {"stop": "value_stops"}]
    assert sorted(m["axes"] for m in moving) == [0] * 5 + [1] * 5
    assert sum(m["kind"] == "vline" for m in moving) == 2
    for name in expected:
        assert family(outlier, f"minimizer_{name}")[k, 0] == pytest.approx(expected[name],
                                                                         rel=3e-7)
        assert outlier.minimizers_at(value)[name] == pytest.approx(expected[name])
    assert outlier.readout_text == (
        f"largest salary {money(value)} · mean {money(expected['mean'])} · median "
        f"{money(expected['median'])} · Huber {money(expected['huber'])} · UCSD "
        f"{money(expected['ucsd'])}")


def test_outlier_slider_starts_where_the_largest_salary_is_still_the_largest(outlier):
    s = outlier.value_slider
    assert (s.min, s.max) == (120_000, 1_000_000) and (np.diff(s.values) == 10_000).all()
    assert s.min == np.sort(Y)[-2]
    assert 160_000 in outlier.values and 320_000 in outlier.values
    on_professors = loss_explorers.outlier_explorer(PROFESSORS)
    assert on_professors.value_slider.min == np.sort(PROFESSORS)[-2]
    start = on_professors.value_slider.value          # the highest salary, snapped to the grid
    assert (start - np.sort(PROFESSORS)[-2]) % 10_000 == 0
    assert abs(start - PROFESSORS.max()) <= 5_000


def test_outlier_slider_shows_the_start_of_the_move_and_all_of_it(outlier):
    assert limits(outlier, 0, "x") == (120_000, 180_000)
    assert limits(outlier, 1, "x") == (120_000, 1_000_000)
    near, whole = outlier.near_ax, outlier.ax
    assert near.get_title() == "the first $60,000" and whole.get_title() == "all the way"
    # the still curves of the left panel are the minimizers on a finer grid than the stops
    x, ucsd = near.lines[3].get_data()
    assert x.size > 7 and x[0] == 120_000 and x[-1] == 180_000
    np.testing.assert_allclose(ucsd, figures.influence_table(Y, x)["ucsd"])
    # each panel holds every curve it draws, and the right one every marker
    for axes, ax in enumerate((near, whole)):
        low, high = limits(outlier, axes, "y")
        for line in ax.lines[:4]:
            assert low <= np.min(line.get_ydata()) and np.max(line.get_ydata()) <= high
    for name in INFLUENCE_NAMES:
        rows = family(outlier, f"minimizer_{name}")
        assert low <= rows.min() and rows.max() <= high


def test_outlier_families_are_erm_helpers_at_every_stop(outlier):
    stops = array(outlier, "value_stops")
    assert list(stops) == list(outlier.values)
    for k, value in enumerate(stops):
        expected = expected_minimizers(Y, value)
        for name, best in expected.items():
            np.testing.assert_allclose(family(outlier, f"minimizer_{name}")[k], [best], **F32)


# -- all three ----------------------------------------------------------------------------

def test_readouts_give_the_issue_figures(lp, huber, outlier):
    # computed here from erm_helpers, never typed: the numbers the notebook quotes
    for p in (1.5, 2, 3, 10):
        lp.p_slider.value = p
        assert money(erm.lp_risk_minimizer(Y, p)) in lp.readout_text
    raised = figures.with_largest_replaced(Y, 320_000)
    assert money(erm.ucsd_global_minimizer(raised, 21_000)) in outlier.readout_text
    assert money(erm.squared_risk_minimizer(raised)) in outlier.readout_text
    assert money(erm.huber_risk_minimizer(Y, 20_000)) in huber.readout_text


def test_what_the_page_is_sent_stays_small(lp, huber, outlier):
    # a notebook with its widget state must stay under 2.5 MB
    assert sent_bytes(lp) < 400_000 and sent_bytes(huber) < 400_000
    assert sent_bytes(outlier) < 150_000


@pytest.mark.parametrize("call, match", [
    (lambda: loss_explorers.lp_explorer([]), "empty"),
    (lambda: loss_explorers.lp_explorer(Y, p=0.5), "at least 1"),
    (lambda: loss_explorers.lp_explorer(Y, p=500), "p must lie in"),
    (lambda: loss_explorers.lp_explorer(Y, grid_size=0), "at least 1"),
    (lambda: loss_explorers.huber_explorer([1.0, np.inf]), "finite"),
    (lambda: loss_explorers.huber_explorer(Y, delta=-1), "positive"),
    (lambda: loss_explorers.huber_explorer(Y, delta=1e6), "delta must lie in"),
    (lambda: loss_explorers.huber_explorer(Y, delta_range=(10, 1, 1)), "go up"),
    (lambda: loss_explorers.huber_explorer(Y, delta_range=(10, 1)), "go up"),
    (lambda: loss_explorers.outlier_explorer(Y, value=50), "value must lie in"),
    (lambda: loss_explorers.outlier_explorer(Y, value=100_000), "value must lie in"),
    (lambda: loss_explorers.outlier_explorer(Y, first=0), "positive"),
    (lambda: loss_explorers.outlier_explorer(Y, sigma=0), "positive"),
    (lambda: loss_explorers.outlier_explorer(["x"]), "numbers"),
])
def test_explorers_reject_bad_input(call, match):
    with pytest.raises((ValueError, TypeError), match=match):
        call()


# -- the pages: they show what Python computed ---------------------------------------------

@pytest.fixture(scope="module")
def page():
    yield from page_checks.chromium_page()


@pytest.mark.parametrize("make, name", [
    (lambda: loss_explorers.lp_explorer(Y, p=1.5), "p"),
    (lambda: loss_explorers.huber_explorer(Y, delta=20_000), "delta"),
    (lambda: loss_explorers.outlier_explorer(Y, value=320_000), "value"),
])
def test_the_page_shows_pythons_readout_at_every_stop(page, make, name):
    ex = make()
    states = [{name: k} for k in range(len(ex.scene["readouts"]["texts"]))]
    assert page_checks.page_readouts(page, ex, states) == [ex.readout_for(s) for s in states]
    assert page.errors == []


def inked(page, ex, k, name, points):
    """Whether the page inks each of ``points``: (axes, x, y) in data units."""
    pixels = [page_checks.to_pixels(ex, axes, [x], [y]) for axes, x, y in points]
    return page_checks.page_ink(page, ex, {name: k}, [px[0] for px, _ in pixels],
                                [py[0] for _, py in pixels])


@pytest.mark.parametrize("p", [1, 3, math.inf])
def test_the_page_draws_the_p_curve_and_stars_where_matplotlib_maps_them(page, p):
    ex = loss_explorers.lp_explorer(Y, p=p)
    k = ex.p_slider.index
    pick = np.arange(5, ex.grid.size - 5, 23)
    points = [(0, h, v) for h, v in zip(ex.grid[pick], ex.curves[k][pick])]
    points += [(0, ex.minimizers[k], ex.minimum_errors[k]),
               (1, 200.0 if math.isinf(p) else p, ex.minimizers[k])]
    assert all(inked(page, ex, k, "p", points))


@pytest.mark.parametrize("delta", [1_000, 20_000, 70_000])
def test_the_page_draws_the_huber_curve_and_stars_where_matplotlib_maps_them(page, delta):
    ex = loss_explorers.huber_explorer(Y, delta=delta)
    k = ex.delta_slider.index
    pick = np.arange(5, ex.grid.size - 5, 23)
    points = [(0, h, v) for h, v in zip(ex.grid[pick], ex.curves[k][pick])]
    points += [(0, ex.minimizers[k], ex.minimum_risks[k]), (1, delta, ex.minimizers[k])]
    assert all(inked(page, ex, k, "delta", points))


@pytest.mark.parametrize("value", [150_000, 320_000])
def test_the_page_marks_the_outlier_minimizers_where_matplotlib_maps_them(page, value):
    ex = loss_explorers.outlier_explorer(Y, value=value)
    k = ex.value_slider.index
    panels = [1] if value > 180_000 else [0, 1]        # the left panel ends at $180,000
    points = [(axes, value, ex.table[name][k]) for axes in panels
              for name in INFLUENCE_NAMES]
    for axes in panels:                                # the dotted line, top to bottom
        low, high = limits(ex, axes, "y")
        points += [(axes, value, v) for v in np.linspace(low, high, 9)[1:-1]]
    assert all(inked(page, ex, k, "value", points))
    # and nothing where the markers of the other stops would be
    other = (k + 20) % ex.values.size
    away = [(1, ex.values[other], ex.table["mean"][other])]
    assert not any(inked(page, ex, k, "value", away))
