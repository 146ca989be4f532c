"""erm_course.drawing: the scene Python sends, and what the page makes of it.

The page's code (drawing.js) runs in headless Chromium on a blank page, loaded as the website
loads it (``classic_script``). Its numbers must be Python's: gradient descent step for step
(bit for bit on the squared risk, where the arithmetic is the same), the readouts' money and
``g`` formats, and the pixels it draws must sit where matplotlib's data-to-pixel mapping puts
them. Without Chromium these tests skip, except under CI.
"""

import json
import math

import numpy as np
import pytest

import erm_fast as fast
import erm_helpers as erm
import page_checks
from erm_course.drawing import BACKGROUND_SCALE, Control, PageWidget, Scene, classic_script
from erm_course.formatting import money

FIVE = erm.load_salaries()
PROFESSORS = erm.load_professor_salaries()


# --------------------------------------------------------------------------------------
# The scene, in Python
# --------------------------------------------------------------------------------------

def _scene():
    scene = Scene(7.0, 3.0)
    ax = scene.figure.add_subplot()
    ax.set(xlim=(0, 10), ylim=(-1, 1))
    grid = np.linspace(0, 10, 50)
    scene.slider("k", "k", [1.0, 2.0, 4.0], ["1", "2", "4"])
    scene.mark("line", ax, scene.array("grid", grid),
               scene.family("curve", [np.sin(k * grid) for k in (1, 2, 4)], "k"),
               color="#0072B2", width=2)
    scene.readout_family(["k = 1", "k = 2", "k = 4"], "k")
    return scene, ax, grid


def test_the_spec_holds_the_background_the_axes_and_the_data():
    scene, ax, grid = _scene()
    spec = scene.spec()
    assert (spec["width"], spec["height"]) == (700, 300)
    view = spec["views"][""]
    assert view["background"].startswith(b"\x89PNG")
    x0, y0, w, h = view["axes"][0]["box"]
    box = ax.get_position()
    assert (x0, w) == pytest.approx((box.x0 * 700, box.width * 700))
    assert y0 == pytest.approx((1 - box.y1) * 300)
    assert view["axes"][0]["x"] == [0.0, 10.0, "linear"]
    curve = np.frombuffer(spec["families"]["curve"]["data"], dtype=np.float32).reshape(3, 50)
    np.testing.assert_allclose(curve[1], np.sin(2 * grid), atol=1e-7)
    assert spec["families"]["curve"]["by"] == "k"


def test_a_background_is_drawn_at_twice_the_css_pixels():
    from PIL import Image
    import io
    spec = _scene()[0].spec()
    image = Image.open(io.BytesIO(spec["views"][""]["background"]))
    assert image.size == (700 * BACKGROUND_SCALE, 300 * BACKGROUND_SCALE)


def test_controls_read_and_write_the_widgets_state():
    scene, _, _ = _scene()
    widget = PageWidget(scene=scene.spec(), state={"k": 0})
    k = Control(widget, "k", [1.0, 2.0, 4.0], ["1", "2", "4"])
    assert k.value == 1.0 and k.min == 1.0 and k.max == 4.0
    k.value = 3.1                       # between stops: the nearest one, as the page shows
    assert widget.state == {"k": 2} and k.value == 4.0
    widget.state = {"k": 1}             # what the page sends back
    assert k.value == 2.0 and k.options == [("1", 1.0), ("2", 2.0), ("4", 4.0)]


def test_the_classic_script_exports_what_the_module_exports():
    text = classic_script()
    assert "export " not in text and "window.ermDrawing" in text
    for name in ("render", "gradientDescent", "money", "general", "drawMarks", "PROGRAMS"):
        assert name in text.rsplit("window.ermDrawing", 1)[1]


# --------------------------------------------------------------------------------------
# The page: drawing.js in Chromium
# --------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def page():
    yield from page_checks.chromium_page()


def js(page, expression, *args):
    return page.evaluate(f"(args) => {{ const D = window.ermDrawing; return {expression}; }}",
                         list(args))


@pytest.mark.parametrize("alpha", [0.1, 0.5, 0.75, 1.0, 1.1, 0.001])
def test_page_descent_on_the_squared_risk_is_pythons_bit_for_bit(page, alpha):
    mean = float(np.mean(FIVE))
    run = erm.gradient_descent(lambda h: fast.squared_slope(h, mean), 150_000.0, alpha,
                               max_iter=500)
    got = js(page, "D.gradientDescent((h) => 2.0 * (h - args[0]), args[1], args[2], 1e-6, 500)",
             mean, 150_000.0, alpha)
    assert got["outcome"] == run.outcome and got["steps"] == run.steps
    assert got["path"] == run.path.tolist()


@pytest.mark.parametrize("units, h0", [(0.25, 130_000.0), (1.0, 170_000.0), (2.5, 130_000.0),
                                        (1.0, 400_000.0)])
def test_page_descent_on_the_ucsd_risk_agrees_with_python(page, units, h0):
    sigma = 21_000.0
    run = erm.gradient_descent(lambda h: fast.ucsd_derivative_at(h, FIVE, sigma), h0,
                               units * sigma ** 2, max_iter=500)
    got = js(page, "D.gradientDescent((h) => D.ucsdSlope(h, args[0], args[1]), args[2], "
                   "args[3], 1e-6, 500)", FIVE.tolist(), sigma, h0, units * sigma ** 2)
    assert got["outcome"] == run.outcome and got["steps"] == run.steps
    np.testing.assert_allclose(got["path"], run.path, rtol=1e-12)


def test_page_descent_in_two_dimensions_reports_like_python(page):
    diverged = js(page, "D.gradientDescent((w) => w.map((v) => 2 * v), [3, -4], 1.2, 1e-6, 500)")
    oscillating = js(page, "D.gradientDescent((w) => w.map((v) => 2 * v), [3, -4], 1.0, 1e-6, 50)")
    assert diverged["outcome"] == "diverged" and oscillating["outcome"] == "oscillating"
    python = erm.gradient_descent(lambda w: 2 * np.asarray(w), [3.0, -4.0], 1.0, max_iter=50)
    assert oscillating["path"] == python.path.tolist()


NUMBERS = [0.0, 0.1, 0.5, 0.75, 1.1, 2.5, 0.00101, 1e-5, 1234.0, 10.0, 1.55e15, -2.04e15,
           7.39e-07, 0.999999, 123456.0, 95_567.57, 112_000.0, -2_500.4, 1e9, 0.125, 2.675,
           1.5, -0.4, -0.5, 999_999.5, 0.005, 0.015]


def test_page_numbers_are_written_as_python_writes_them(page):
    got = js(page, "args[0].map((x) => [D.money(x), D.money(x, 2), D.general(x, 3), "
                   "D.general(x, 4), D.moneyOrScientific(x)])", NUMBERS)
    from erm_course.formatting import money_or_scientific
    want = [[money(x), money(x, 2), f"{x:.3g}", f"{x:.4g}", money_or_scientific(x)]
            for x in NUMBERS]
    assert got == want


def test_the_page_draws_a_curve_where_matplotlib_maps_it(page):
    """Sample the canvas along the curve of stop 1: every sampled point of the curve is
    drawn (the line's colour is found within a pixel of it), and nowhere else in a column."""
    scene, ax, grid = _scene()
    spec = scene.spec()
    state = {"k": 1}
    box = spec["views"][""]["axes"][0]["box"]
    pick = np.arange(2, 48, 4)                  # vertices of the polyline of stop 1
    xs, ys = grid[pick], np.sin(2 * grid[pick])
    # data -> CSS pixels, as matplotlib maps them: the axes box and the limits
    px = box[0] + (xs - 0) / 10 * box[2]
    py = box[1] + (1 - (ys + 1) / 2) * box[3]
    widget = PageWidget(scene=spec, state=state)
    assert page_checks.page_readouts(page, widget, [state]) == ["k = 2"]
    assert all(page_checks.page_ink(page, widget, state, px, py))
    assert page.evaluate(STRAY, [px.tolist(), py.tolist()]) == 0


# Ink far from the curve (more than 12 CSS pixels) in the sampled columns of the canvas.
STRAY = """([px, py]) => {
  const canvas = document.querySelector('#root canvas');
  const ratio = canvas.width / parseFloat(canvas.style.width);
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let stray = 0;
  px.forEach((x, i) => {
    const col = Math.round(x * ratio);
    for (let y = 0; y < canvas.height; y++)
      if (data[(y * canvas.width + col) * 4 + 3] > 0 && Math.abs(y - py[i] * ratio) > 12 * ratio) stray++;
  });
  return stray;
}"""


# The number formats and the step sampling of notebook 08's programs (line, descent2d)
EXPONENTS = [7.5625e8, 9.1511e8, 1.00725e9, 1.00735e9, 125.0, 0.000123455, 1e21, 2.5e22,
             -3.14159e-7, 0.0, 9.99995e8, 1e300, 5e-324, 123456789.0, 1.5, 2.5, 0.125]


def test_page_writes_exponents_and_counts_as_python(page):
    got = js(page, "args[0].map((x) => [D.exponential(x, 4), D.exponential(x, 0), "
                   "D.exponential(x, 2)])", EXPONENTS)
    assert got == [[f"{x:.4e}", f"{x:.0e}", f"{x:.2e}"] for x in EXPONENTS]
    counts = [0, 7, 999, 1_000, 35_360, 100_000, 1_234_567]
    assert js(page, "args[0].map(D.grouped)", counts) == [f"{n:,}" for n in counts]


def test_page_samples_the_steps_of_a_run_as_python(page):
    from erm_course.figures.a_line import sample_steps
    counts = [0, 1, 999, 1_000, 1_001, 2_076, 24_113, 35_360, 99_999, 100_000]
    got = js(page, "args[0].map((n) => D.sampleSteps(n))", counts)
    assert got == [sample_steps(n).tolist() for n in counts]
