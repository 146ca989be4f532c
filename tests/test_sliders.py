"""erm_course.sliders: what every explorer's controls share.

One rule each: the data's spread (constant data included), a slider's range and a start
inside it (refused in words), the stops of a log-scale slider, round values and grids, the
sigma range, the cache of curves, and the widgets every explorer shows. How the explorers
use them (their sliders hold the course's values) is in ``tests/test_explorers.py`` and
``tests/test_loss_explorers.py``.
"""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

import erm_helpers as erm
from erm_course import sliders
from erm_course.style import COLORS


def test_spread_is_the_range_or_for_constant_data_the_size_of_the_value():
    assert sliders.spread(np.array([160_000.0, 90_000.0, 96_000.0])) == 70_000.0
    assert sliders.spread(np.array([-5_000.0, -5_000.0])) == 5_000.0
    assert sliders.spread(np.array([0.0])) == 1.0
    assert sliders.spread(np.array([0.25, 0.25])) == 1.0     # never below 1


def test_check_range_returns_three_positive_floats_going_up():
    assert sliders.check_range("sigma", (1_000, 50_000, 100)) == (1_000.0, 50_000.0, 100.0)
    assert all(type(v) is float for v in sliders.check_range("p", (1, 2, 1)))
    with pytest.raises(ValueError, match="sigma must go up, got 10.0 to 1.0"):
        sliders.check_range("sigma", (10, 1, 1))
    with pytest.raises(ValueError, match="sigma step must be positive"):
        sliders.check_range("sigma", (1, 10, 0))
    with pytest.raises(ValueError, match="delta min must be positive"):
        sliders.check_range("delta", (-1, 10, 1))


def test_check_in_range_names_the_range_in_the_slider_s_own_units():
    sliders.check_in_range("h0", 5.0, 1.0, 10.0, str)          # inside, ends included
    sliders.check_in_range("h0", 1.0, 1.0, 10.0, str)
    sliders.check_in_range("h0", 10.0, 1.0, 10.0, str)
    with pytest.raises(ValueError, match=r"h0 must lie in the slider's range "
                                         r"\[\$1,000, \$9,000\], got \$10,000"):
        sliders.check_in_range("h0", 10_000, 1_000, 9_000, lambda v: f"${v:,.0f}")


def test_log_stops_hold_the_exact_values_the_text_uses():
    options = sliders.log_stops(-3, 1, (0.5, 0.75, 1.1), " σ²")
    values = [v for _, v in options]
    assert values == sorted(set(values))                      # sorted, no repeats
    assert values[0] == 0.001 and values[-1] == 10.0
    assert {0.5, 0.75, 1.1, 1.0, 2.0, 2.5, 0.1} <= set(values)
    assert all(label == f"{v:g} σ²" for label, v in options)
    assert all(float(f"{v:.3g}") == v for v in values if v not in (0.75, 1.1))
    # about 100 stops per power of ten, so a key press moves alpha by about 2%
    assert 400 <= len(values) <= 450
    ratios = np.diff(np.log10(values))
    assert ratios.max() <= 0.015


def test_nearest_stop_is_nearest_on_a_log_scale():
    stops = [("1", 1.0), ("2", 2.0), ("10", 10.0), ("∞", math.inf)]
    assert sliders.nearest_stop(stops, 1.4) == 1.0             # 1.4 / 1 < 2 / 1.4
    assert sliders.nearest_stop(stops, 1.5) == 2.0
    assert sliders.nearest_stop(stops, 5.0) == 10.0             # log 5 is nearer log 10
    assert sliders.nearest_stop([1.0, 2.0, 10.0], 1e6) == 10.0  # plain values; inf ignored
    assert sliders.nearest_stop(stops, 1e9) == 10.0


@given(x=st.floats(1e-9, 1e12))
def test_nice_rounds_down_to_one_two_or_five_times_a_power_of_ten(x):
    n = sliders.nice(x)
    assert n <= x * (1 + 1e-12)
    assert n > x / 2.5 * (1 - 1e-12)             # never more than one "nice" step below
    mantissa = n / 10.0 ** math.floor(math.log10(n) + 1e-12)
    assert min(abs(mantissa - m) for m in (1, 2, 5)) < 1e-9


def test_on_grid_and_round_to():
    assert sliders.on_grid(150_040, 10_000, 1_000) == 150_000
    assert sliders.on_grid(150_600, 10_000, 1_000) == 151_000
    assert sliders.on_grid(0.98, 0.001, 0.0005) == 0.98        # no 0.9800000000000001
    k = (sliders.on_grid(123_456, 1_000, 700) - 1_000) / 700
    assert k == round(k)
    assert sliders.round_to(123_456, 1_000) == 123_000
    assert sliders.round_to(-1_600, 1_000) == -2_000


def test_sigma_range_fits_the_data():
    low, high, step = sliders.sigma_range(erm.load_professor_salaries())
    spread = float(np.ptp(erm.load_professor_salaries()))
    assert low == sliders.nice(spread / 70) and high == sliders.nice(spread)
    assert step == low / 10 and low < high
    # constant data still get a range that goes up
    low, high, step = sliders.sigma_range(np.array([50_000.0, 50_000.0]))
    assert 0 < low < high and step > 0


def test_padded_holds_the_values_with_a_margin():
    assert sliders.padded([0.0, 100.0]) == pytest.approx((-8.0, 108.0))
    assert sliders.padded([0.0, 100.0], pad=0.5) == pytest.approx((-50.0, 150.0))
    low, high = sliders.padded([5_000.0])                       # one value: still a window
    assert low < 5_000 < high


def test_lru_forgets_the_least_recently_used_and_makes_each_value_once():
    cache, made = sliders.LRU(size=2), []

    def maker(value):
        return lambda: made.append(value) or value * 10

    assert cache.get_or_make(1, maker(1)) == 10
    assert cache.get_or_make(2, maker(2)) == 20
    assert cache.get_or_make(1, maker(1)) == 10       # from the cache; 1 now most recent
    assert cache.get_or_make(3, maker(3)) == 30       # forgets 2, the least recently used
    assert list(cache) == [1, 3] and made == [1, 2, 3]
    assert cache.get_or_make(2, maker(2)) == 20 and made == [1, 2, 3, 2]
    assert sliders.LRU().size == 64


def test_the_rug_draws_the_data_along_the_bottom():
    ax = Figure().subplots()
    sliders.rug(ax, np.array([90_000.0, 160_000.0]))
    (line,) = ax.lines
    assert list(line.get_xdata()) == [90_000.0, 160_000.0]
    assert list(line.get_ydata()) == [0.0, 0.0] and line.get_marker() == "|"
    assert to_hex(line.get_color()) == to_hex(COLORS["data"])
