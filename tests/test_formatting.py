"""erm_course.formatting: dollars written the same way everywhere.

The docstring examples (run by --doctest-modules) show the common cases; these tests check
the edges: rounding, the sign of amounts that round to zero, numpy numbers, figure text,
and where a diverged iterate switches to scientific notation.
"""

import numpy as np
import pytest

from erm_course.formatting import money, money_or_scientific, tex_money


@pytest.mark.parametrize("x, decimals, text", [
    (0, 0, "$0"),
    (999.5, 0, "$1,000"),                  # rounds like format(): half to even, then commas
    (1_234_567.891, 2, "$1,234,567.89"),
    (-96_000, 0, "-$96,000"),
    (-0.4, 0, "$0"),                       # rounds to zero: no minus sign
    (-0.004, 2, "$0.00"),
    (-0.005001, 2, "-$0.01"),
    (np.float64(112_000.0), 0, "$112,000"),
    (np.int64(94_000), 0, "$94,000"),
    (True, 0, "$1"),
])
def test_money(x, decimals, text):
    assert money(x, decimals) == text


def test_money_is_the_same_for_a_number_however_it_is_stored():
    for value in (112_000, 112_000.0, np.float32(112_000), np.array(112_000.0)):
        assert money(value) == "$112,000"


def test_tex_money_escapes_every_dollar_sign_for_matplotlib():
    assert tex_money(-2_500) == r"-\$2,500"
    assert tex_money(0.4) == r"\$0"
    assert tex_money(1e6).count("$") == 1 and "\\$" in tex_money(1e6)


@pytest.mark.parametrize("x, text", [
    (999_999_999.0, "$999,999,999"),
    (1e9, "1e+09"),
    (-1e9, "-1e+09"),
    (-112_000, "-$112,000"),
    (float("inf"), "inf"),
])
def test_money_or_scientific_switches_at_a_billion(x, text):
    assert money_or_scientific(x) == text
