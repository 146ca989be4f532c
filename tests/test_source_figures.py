"""Every figure the course quotes from the source, recomputed with the public API.

Each number is checked twice where possible: once against the figure as printed, and once
against an independent plain-Python computation (``statistics``, ``sum``/``len``), so a
wrong literal here cannot hide a wrong helper, or the other way round.
"""

import statistics

import numpy as np
import pytest

import erm_helpers as erm

SOURCE_SALARIES = [90_000, 94_000, 96_000, 120_000, 160_000]


@pytest.fixture(scope="module")
def y():
    return erm.load_salaries()


def plain_mae(h, values):
    return sum(abs(h - v) for v in values) / len(values)


def test_the_five_salaries(y):
    assert y.tolist() == SOURCE_SALARIES


@pytest.mark.parametrize("h, total, mean", [(150_000, 210_000, 42_000),
                                            (115_000, 115_000, 23_000)])
def test_error_tables(y, h, total, mean):
    errors = erm.absolute_loss(h, y)
    assert errors.sum() == total == sum(abs(h - v) for v in SOURCE_SALARIES)
    assert erm.absolute_risk(h, y) == mean == plain_mae(h, SOURCE_SALARIES)
    assert erm.empirical_risk(erm.absolute_loss, h, y) == mean


def test_error_tables_on_the_fast_path(y):
    # An array of h goes through the sorted-data path: the same numbers.
    np.testing.assert_allclose(erm.absolute_risk(np.array([150_000, 115_000]), y),
                               [42_000, 23_000], rtol=1e-12)


def test_mean_and_median(y):
    assert erm.squared_risk_minimizer(y) == 112_000 == statistics.fmean(SOURCE_SALARIES)
    assert erm.absolute_risk_minimizers(y) == (96_000, 96_000)
    assert statistics.median(SOURCE_SALARIES) == 96_000


def test_mean_errors_of_mean_and_median(y):
    mean = erm.squared_risk_minimizer(y)
    low, high = erm.absolute_risk_minimizers(y)
    assert erm.absolute_risk(mean, y) == 22_400 == plain_mae(112_000, SOURCE_SALARIES)
    assert erm.absolute_risk(low, y) == 19_200 == plain_mae(96_000, SOURCE_SALARIES)
    assert erm.absolute_risk(high, y) == 19_200


def test_outlier_moves_the_mean_not_the_median(y):
    doubled = np.where(y == 160_000, 320_000, y)
    assert doubled.tolist() == [90_000, 94_000, 96_000, 120_000, 320_000]
    assert erm.squared_risk_minimizer(doubled) == 144_000
    assert statistics.fmean(doubled.tolist()) == 144_000
    assert erm.absolute_risk_minimizers(doubled) == (96_000, 96_000)
    assert statistics.median(doubled.tolist()) == 96_000


def test_minimum_mean_squared_error_is_the_variance(y):
    mean = erm.squared_risk_minimizer(y)
    smallest = erm.squared_risk(mean, y)
    assert smallest == 686_400_000 == statistics.pvariance(SOURCE_SALARIES)
    # ... and it is the minimum: a dollar either way costs exactly one dollar squared more.
    assert erm.squared_risk(mean + 1, y) == erm.squared_risk(mean - 1, y) == smallest + 1
    # the even-n example of the docstrings: the two middle values of six salaries
    assert erm.absolute_risk_minimizers(SOURCE_SALARIES + [100_000]) == (96_000, 100_000)


# --- the UCSD loss (COURSE.md, "Facts checked while planning") ------------------------

def brute_force_minima(values, sigma, lo, hi):
    """Local minima of the UCSD risk on a $1 grid, by the plain formula in numpy."""
    grid = np.arange(lo, hi + 1.0)
    risk = np.zeros_like(grid)
    for v in values:
        risk += 1.0 - np.exp(-((grid - v) / sigma) ** 2)
    risk /= len(values)
    inner = (risk[1:-1] <= risk[:-2]) & (risk[1:-1] <= risk[2:])
    return grid[1:-1][inner], risk[1:-1][inner]


@pytest.mark.parametrize("sigma, expected", [(3_000, 94_700), (10_000, 93_400),
                                             (21_000, 95_600)])
def test_ucsd_global_minimizer(y, sigma, expected):
    best = erm.ucsd_global_minimizer(y, sigma)
    assert abs(best - expected) < 50          # the figure quoted to the nearest $100
    # independently: the lowest point of the plain formula on a $1 grid
    where, risk = brute_force_minima(SOURCE_SALARIES, sigma, 80_000, 170_000)
    assert abs(best - where[np.argmin(risk)]) <= 1
    # a minimum: flat there, higher on both sides
    assert abs(erm.ucsd_risk_derivative(best, y, sigma)) < 1e-12 / sigma
    here = erm.ucsd_risk(best, y, sigma)
    assert erm.ucsd_risk(best - 5, y, sigma) > here < erm.ucsd_risk(best + 5, y, sigma)


def test_ucsd_second_local_minimum_at_sigma_21000(y):
    minima = erm.ucsd_local_minima(y, 21_000)
    assert minima.size == 2
    assert abs(minima[1] - 158_700) < 50
    where, _ = brute_force_minima(SOURCE_SALARIES, 21_000, 80_000, 170_000)
    assert where.size == 2
    np.testing.assert_allclose(minima, where, atol=1)
    # the second one is a local minimum only: higher than the global one
    assert erm.ucsd_risk(minima[1], y, 21_000) > erm.ucsd_risk(minima[0], y, 21_000)


@pytest.mark.parametrize("scale", [0.5, 1, 2])
def test_descent_from_170000_stops_in_the_local_minimum(y, scale):
    sigma = 21_000
    alpha = scale * sigma**2            # the derivative is tiny in dollars: alpha ~ sigma^2
    run = erm.gradient_descent(lambda h: erm.ucsd_risk_derivative(h, y, sigma),
                               170_000, alpha)
    assert run.converged
    local = erm.ucsd_local_minima(y, sigma)[1]
    assert abs(run.h - local) < 1
    assert abs(run.h - erm.ucsd_global_minimizer(y, sigma)) > 50_000
