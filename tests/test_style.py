"""erm_course.style: what every figure shares, and every figure keeping to it.

The palette (Okabe and Ito's, with a marker or line style besides each colour), the dollar
and plain tick labels, the grids of h to draw at, the axes factories, the data rug; then
the rule every static figure keeps, checked on every plot function in
``erm_course.figures.__all__`` (every notebook): at least 150 dpi, no text under
FONT_SIZE, no offset label ("1e9") at the end of an axis, every line in the palette or a
grey, and matplotlib's global settings left alone.
"""

import math

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

import erm_helpers as erm  # noqa: E402
from erm_course import figures, style  # noqa: E402
from erm_course.style import (COLORS, COLUMN_PIXELS, FIGURE_DPI, FONT_SIZE, LINESTYLES,  # noqa: E402
                              MARKERS,  # noqa: E402
                              OKABE_ITO, SERIES)

FIVE = np.array([90_000.0, 94_000.0, 96_000.0, 120_000.0, 160_000.0])
SIX = np.append(FIVE, 100_000.0)
RAISED = np.where(FIVE == 160_000, 320_000.0, FIVE)
PROFESSORS = erm.load_professor_salaries()
X_PHD = erm.load_professors()["yrs_since_phd"]       # notebook 08: the professors' feature
RANKS = erm.load_professors()["rank"]


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


# -- the palette -------------------------------------------------------------------------

def test_every_colour_is_okabe_ito_and_never_the_only_cue():
    palette = set(OKABE_ITO.values())
    assert set(COLORS.values()) <= palette
    assert {color for color, _, _ in SERIES} <= palette
    # the series differ in colour, and in line style or marker as well
    assert len({color for color, _, _ in SERIES}) == len(SERIES)
    assert len({(ls, marker) for _, ls, marker in SERIES}) == len(SERIES)
    assert len({marker for _, _, marker in SERIES}) == len(SERIES)
    # notebook 06's minimizers: a colour, a marker and a line style each
    for role in LINESTYLES:
        assert role in COLORS and role in MARKERS
    assert len(set(LINESTYLES.values())) == len(LINESTYLES)
    assert FIGURE_DPI >= 150 and FONT_SIZE >= 10


# -- ticks ---------------------------------------------------------------------------------

def _tick_texts(ax, axis="x"):
    ax.figure.canvas.draw()
    ticks = ax.get_xticklabels() if axis == "x" else ax.get_yticklabels()
    return [t.get_text() for t in ticks if t.get_text()]


def test_money_ticks_write_dollars_in_at_most_nbins_intervals():
    ax = Figure().subplots()
    ax.set_xlim(80_000, 170_000)
    style.money_ticks(ax.xaxis, nbins=4)
    texts = _tick_texts(ax)
    assert texts and all(t.startswith(r"\$") and "," in t for t in texts)
    assert len(texts) <= 5


def test_plain_and_scaled_ticks_leave_no_offset_label():
    ax = Figure().subplots()
    ax.plot([1e9, 1e9 + 3], [2e9, 2e9 + 1e-3])
    style.plain_ticks(ax.xaxis)
    style.scaled_ticks(ax.yaxis, 1e9)
    ax.figure.canvas.draw()
    assert ax.xaxis.get_offset_text().get_text() == ""
    assert ax.yaxis.get_offset_text().get_text() == ""
    assert all("e" not in t for t in _tick_texts(ax))
    formatter = ax.yaxis.get_major_formatter()
    assert formatter(2.5e9, 0) == "2.5" and formatter(1.234e12, 0) == "1,234"


# -- the predictions h at which a curve is drawn ----------------------------------------------

def test_as_h_grid_wants_a_1d_array_of_two_or_more():
    np.testing.assert_array_equal(style.as_h_grid([1, 2, 3]), [1.0, 2.0, 3.0])
    for bad in ([1.0], 5.0, [[1.0, 2.0], [3.0, 4.0]]):
        with pytest.raises(ValueError, match="h must be a 1-D array of at least 2"):
            style.as_h_grid(bad)


def test_even_h_grid_reaches_a_quarter_spread_beyond_the_data():
    grid = style.even_h_grid(FIVE, num=101)
    assert grid.size == 101 and np.all(np.diff(grid) > 0)
    assert grid[0] == pytest.approx(90_000 - 70_000 / 4)
    assert grid[-1] == pytest.approx(160_000 + 70_000 / 4)
    wider = style.even_h_grid(FIVE, extra=[300_000.0], num=11)
    assert wider[-1] == pytest.approx(300_000 + 210_000 / 4)
    constant = style.even_h_grid(np.array([5.0, 5.0]), num=3)
    assert constant.tolist() == [3.75, 5.0, 6.25]    # constant data: the value's size, 5
    np.testing.assert_array_equal(style.even_h_grid(FIVE, h=[1.0, 2.0]), [1.0, 2.0])


def test_h_grid_with_data_holds_every_data_point_and_no_negative_h():
    grid = style.h_grid_with_data(FIVE, points=50)
    assert np.all(np.isin(FIVE, grid)) and np.all(np.diff(grid) > 0)
    assert grid[0] == pytest.approx(90_000 - 0.25 * 70_000)
    low = style.h_grid_with_data(np.array([1_000.0, 9_000.0]), pad=1.0)
    assert low.min() == 0.0                       # the course minimizes over h >= 0
    np.testing.assert_array_equal(style.h_grid_with_data(FIVE, h=[3.0, 1.0, 2.0]),
                                  [1.0, 2.0, 3.0])


# -- axes --------------------------------------------------------------------------------------

def test_axes_or_new_and_panels_or_new():
    given = Figure().subplots()
    assert style.axes_or_new(given, (4, 3)) is given
    made = style.axes_or_new(None, (4, 3))
    assert made.figure.dpi == FIGURE_DPI
    panels = style.panels_or_new(None, 5, ncols=3)
    assert len(panels) == 5 and len(panels[0].figure.axes) == 5   # the spare one is removed
    assert panels[0].figure.dpi == FIGURE_DPI
    grid = Figure().subplots(2, 2)
    assert style.panels_or_new(grid, 3) == list(grid.ravel()[:3])
    with pytest.raises(ValueError, match="need 5 axes, got 4"):
        style.panels_or_new(grid, 5)


def test_data_rug_marks_every_data_point_along_the_bottom():
    ax = Figure().subplots()
    rug = style.data_rug(ax, FIVE)
    assert list(rug.get_xdata()) == FIVE.tolist() and rug.get_marker() == "|"
    assert to_hex(rug.get_color()) == to_hex(COLORS["data"])
    assert rug.get_label() == "data"


# -- every figure of the course keeps the style -----------------------------------------------

# plot function -> the calls to make, as the notebooks make them: (case, args, kwargs)
RECIPES = {
    # notebooks 01-03
    "plot_number_line": [("", (FIVE, [150_000, 115_000]), {}),
                         ("four", (FIVE, {"$150,000": 150_000, "$115,000": 115_000,
                                          "mean": 112_000, "median": 96_000}), {})],
    "plot_absolute_loss": [("", (96_000,), {})],
    "plot_absolute_risk": [("", (FIVE,), {}), ("professors", (PROFESSORS,), {})],
    "plot_slope_steps": [("", (FIVE,), {})],
    "plot_risk_and_slope": [("", (FIVE,), {})],
    "plot_flat_bottom": [("", (SIX,), {})],
    "plot_squared_risk": [("", (FIVE,), {})],
    "plot_both_risks": [("", (PROFESSORS,), {})],
    "plot_outlier_experiment": [("", (FIVE, RAISED), {})],
    "plot_salary_histogram": [("", (PROFESSORS,), {})],
    # notebooks 04-05
    "plot_ucsd_loss": [("", (), {})],
    "plot_ucsd_risk": [("", (FIVE, 21_000), {})],
    "plot_ucsd_risk_grid": [("", (FIVE,), {}),
                            ("professors", (PROFESSORS, [3_000, 10_000, 21_000, 40_000]), {})],
    "plot_ucsd_derivative": [("", (FIVE, 21_000), {"step": 1.0})],
    "plot_descent_paths": [
        ("", (FIVE, [0.1, 0.5, 0.75, 1.0, 1.1], 150_000), {}),
        ("ucsd-starts", (FIVE, [s * 21_000**2 for s in (0.5, 0.5, 1, 1, 2, 2)],
                         [130_000, 170_000] * 3), {"risk": "ucsd", "sigma": 21_000,
                                                   "max_iter": 10_000}),
        ("ucsd", (PROFESSORS, 1e8, [150_000, 225_000]),
         {"risk": "ucsd", "sigma": 10_000, "max_iter": 10_000, "zoom": [False, True]})],
    "plot_descent_errors": [("", (FIVE, [0.1, 0.5, 0.75, 1.0, 1.1], 150_000), {})],
    # notebook 06
    "plot_lp_typical_errors": [("", (FIVE,), {})],
    "plot_lp_minimizers": [("", (FIVE,), {})],
    "plot_lp_risk_grid": [("", (FIVE, [1, 2, 10, math.inf]), {})],
    "plot_zero_one_and_ucsd": [("", (PROFESSORS, [100, 1_000]), {})],
    "plot_huber_loss": [("", ([10_000, 20_000],), {})],
    "plot_huber_minimizers": [("", (FIVE,), {})],
    "plot_huber_risk_grid": [("", (FIVE, [5_000, 10_000, 20_000, 48_000]), {})],
    # notebook 07
    "plot_influence_curves": [("", (FIVE,), {"current": 320_000, "delta": 20_000,
                                             "sigma": 21_000})],
    "plot_chords": [("", (FIVE, 21_000), {"delta": 20_000})],
    "plot_slopes": [("", (FIVE,), {"p": 1.5, "delta": 20_000, "sigma": 21_000})],
    "plot_descent_on_absolute_risk": [("", (FIVE, 150_000, 1_234), {})],
    # notebook 08
    "plot_salaries_by_rank": [("", (X_PHD, PROFESSORS, RANKS), {})],
    "plot_line_surface": [("", (X_PHD, PROFESSORS), {})],
    "plot_line_settings": [("", (X_PHD, PROFESSORS, [(PROFESSORS.mean(), 0.0),
                                                    (80_000, 1_500), (100_000, 500)]), {})],
    "plot_line_descent_paths": [("", (X_PHD, PROFESSORS, [
        ("raw", 0.001), ("raw", 0.0016), ("centred", 0.005), ("standardized", 0.5)]), {})],
    "plot_residuals_by_bin": [("", (X_PHD, PROFESSORS), {})],
    "plot_quadratic_fit": [("", (X_PHD, PROFESSORS), {})],
    "plot_within_rank_lines": [("", (X_PHD, PROFESSORS, RANKS), {})],
    "plot_inverted_regression": [("", (X_PHD, PROFESSORS), {})],
}

# Figures that break a rule today, each with the reason. strict: once a figure is mended
# the test says so, and its line here must go.
KNOWN_FAILURES = {
}


# Figures whose legend covers data today (issue 17 names them), each with the reason.
LEGEND_FAILURES = {
}


def _figure_cases(known=KNOWN_FAILURES):
    for name, calls in RECIPES.items():
        for case, args, kwargs in calls:
            case_id = f"{name}-{case}" if case else name
            reason = known.get(case_id, known.get(name))
            marks = ([pytest.mark.xfail(strict=True, raises=AssertionError, reason=reason)]
                     if reason else [])
            yield pytest.param(name, args, kwargs, marks=marks, id=case_id)


def test_every_plot_function_has_a_recipe():
    plot_functions = {name for name in figures.__all__ if name.startswith("plot_")}
    assert set(RECIPES) == plot_functions
    assert set(KNOWN_FAILURES) <= plot_functions
    assert {k.split("-")[0] for k in LEGEND_FAILURES} <= plot_functions


@pytest.mark.parametrize("name, args, kwargs", list(_figure_cases()))
def test_static_figures_are_sharp_legible_and_in_the_course_palette(name, args, kwargs):
    plt.close("all")
    getattr(figures, name)(*args, **kwargs)
    fig = plt.gcf()
    assert fig.axes, f"{name} drew nothing on a new figure"
    assert fig.dpi >= 150 and FIGURE_DPI >= 150
    assert fig.get_figwidth() * fig.dpi <= COLUMN_PIXELS, f"{name}: wider than a column"
    fig.canvas.draw()
    texts = [t for t in fig.findobj(matplotlib.text.Text) if t.get_visible() and t.get_text()]
    # As shown in a JupyterLab column: a figure wider than the column is shrunk to fit it.
    shown = min(1.0, COLUMN_PIXELS / (fig.get_figwidth() * fig.dpi))
    small = [(t.get_text(), round(t.get_fontsize() * shown, 1)) for t in texts
             if t.get_fontsize() * shown < FONT_SIZE]
    assert not small, (f"{name}: {fig.get_figwidth() * fig.dpi:.0f} px wide, so shown at "
                       f"{shown:.0%}; text under {FONT_SIZE} pt as shown: {small[:4]}")
    for ax in fig.axes:   # no "1e9" or "1e-5" at the end of an axis
        assert ax.xaxis.get_offset_text().get_text() == ""
        assert ax.yaxis.get_offset_text().get_text() == ""
    palette = {c.lower() for c in OKABE_ITO.values()}
    for line in fig.findobj(matplotlib.lines.Line2D):
        color = to_hex(line.get_color()).lower()
        r, g, b = (int(color[i:i + 2], 16) for i in (1, 3, 5))
        assert color in palette or r == g == b, (name, line.get_label(), color)


def _points_under(legend, fig):
    """The data points of ``fig`` (line vertices, markers, scatter offsets) that the
    legend's box covers, in display coordinates."""
    renderer = fig.canvas.get_renderer()
    box = legend.get_window_extent(renderer)
    covered = []
    for ax in fig.axes:
        inside_axes = ax.get_window_extent(renderer)
        artists = [a for a in ax.lines if a.get_visible()]
        artists += [c for c in ax.collections if c.get_visible()]
        for artist in artists:
            if isinstance(artist, matplotlib.lines.Line2D):
                x, y = artist.get_data()
                xy = np.column_stack([np.asarray(x, float), np.asarray(y, float)])
                xy = artist.get_transform().transform(xy)
                if artist.get_linestyle() not in ("None", "", " ") and len(xy) > 1:
                    # the segments between the vertices too, every 2 pixels or so
                    t = np.linspace(0, 1, 8)[:, None, None]
                    xy = (xy[:-1] + t * (xy[1:] - xy[:-1])).reshape(-1, 2)
            else:
                xy = artist.get_offset_transform().transform(artist.get_offsets())
            xy = xy[np.all(np.isfinite(xy), axis=1)]
            keep = ((xy[:, 0] >= inside_axes.x0) & (xy[:, 0] <= inside_axes.x1)
                    & (xy[:, 1] >= inside_axes.y0) & (xy[:, 1] <= inside_axes.y1))
            hit = keep & ((xy[:, 0] > box.x0) & (xy[:, 0] < box.x1)
                          & (xy[:, 1] > box.y0) & (xy[:, 1] < box.y1))
            if hit.any():
                covered.append((artist.get_label(), int(hit.sum())))
    return covered


@pytest.mark.parametrize("name, args, kwargs", list(_figure_cases(LEGEND_FAILURES)))
def test_no_legend_covers_data(name, args, kwargs):
    plt.close("all")
    getattr(figures, name)(*args, **kwargs)
    fig = plt.gcf()
    fig.canvas.draw()
    legends = [ax.get_legend() for ax in fig.axes if ax.get_legend()] + list(fig.legends)
    covered = [(legend.get_texts()[0].get_text() if legend.get_texts() else "", hit)
               for legend in legends for hit in _points_under(legend, fig)]
    assert covered == [], f"{name}: legend over data points {covered[:3]}"


def test_no_figure_changes_matplotlib_s_global_settings():
    before = dict(matplotlib.rcParams)
    for name, args, kwargs in (p.values for p in _figure_cases()):
        getattr(figures, name)(*args, **kwargs)
        plt.close("all")
    assert dict(matplotlib.rcParams) == before
