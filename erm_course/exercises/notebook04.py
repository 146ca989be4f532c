"""Exercises of notebook 04, the UCSD loss."""

import numpy as np

import erm_helpers as erm
from erm_course.exercises.judging import WAITING, as_float, exercise
from erm_course.formatting import money


@exercise("04.1")
def ucsd_minimizer_for_large_sigma(answer):
    y = erm.load_salaries()
    mean = erm.squared_risk_minimizer(y)
    median = erm.absolute_risk_minimizers(y)[0]
    value = as_float(answer)
    if value is None:
        return False, "Give one number of dollars."
    if abs(value - mean) <= 1.0:
        return True, (f"The limit is the mean, {money(mean)}. For large σ every exponent "
                      "u = (h - y)²/σ² is small and 1 - e^(-u) ≈ u, so the UCSD risk is "
                      "about the squared risk divided by σ², which the mean minimizes.")
    if abs(value - median) <= 1.0:
        return False, ("That is the median, the answer of the absolute loss. Compute "
                       "erm.ucsd_global_minimizer(y, sigma) for σ = 10**5, 10**6, 10**7.")
    if abs(value - mean) <= 0.03 * mean:
        return False, ("Close: that looks like the minimizer at one large σ. Which familiar "
                       "number do these values approach as σ grows? Give that number.")
    return False, ("Compute erm.ucsd_global_minimizer(y, sigma) for σ = 10**5, 10**6, 10**7 "
                   "and see where it settles; then expand e^(-u) ≈ 1 - u for small u.")


@exercise("04.2")
def ucsd_derivative_function(answer):
    if not callable(answer):
        return False, "Give a function of h, for example `def dR(h): ...`, not a number."
    y, sigma = erm.load_salaries(), 21_000.0
    hs = np.concatenate([np.linspace(60_000.0, 190_000.0, 14), y + 1_000.0])
    expected = erm.ucsd_risk_derivative(hs, y, sigma)
    try:
        with np.errstate(all="ignore"):
            got = np.array([float(answer(float(h))) for h in hs])
    except Exception as err:  # the reader's code may raise anything; report it kindly
        return False, f"Your function raised {type(err).__name__}: {err}"
    if np.allclose(got, expected, rtol=1e-6, atol=0.0):
        return True, (f"It agrees with erm.ucsd_risk_derivative at {hs.size} values of h "
                      f"from {money(hs.min())} to {money(hs.max())}.")
    if not np.any(got):
        # the notebook's placeholder (return 0.0): not a wrong answer, no answer yet
        return WAITING, "Your function returns 0 for every h: fill in the formula."
    with np.errstate(all="ignore"):
        ratio = got / expected
    same = np.all(np.isfinite(ratio)) and np.allclose(ratio, ratio[0], rtol=1e-6, atol=0)
    if same and abs(ratio[0] + 1) < 1e-6:
        return False, ("Every value has the wrong sign: the slope of the loss is "
                       "+2(h - y_i)/σ² times the exponential, not -2(h - y_i)/σ².")
    if same and abs(ratio[0]) > 1e-3:
        return False, (f"The shape is right but every value is {ratio[0]:.4g} times the "
                       "right one: check the constant 2/(n σ²) in front of the sum.")
    return False, ("The values do not follow the derivative: check the sign of (h - y_i) "
                   "and the exponent -(h - y_i)²/σ², with σ = $21,000 and the five salaries.")


def _ucsd_minima_counts(y, sigmas):
    """How many local minima the UCSD risk has at each sigma."""
    return {s: erm.ucsd_local_minima(y, s).size for s in sigmas}


@exercise("04.3")
def smallest_sigma_with_one_minimum(answer):
    y = erm.load_salaries()
    sigmas = range(1_000, 100_001, 1_000)
    counts = _ucsd_minima_counts(y, sigmas)
    expected = next(s for s in sigmas if counts[s] == 1)
    value = as_float(answer)
    if value is None:
        return False, "Give one number of dollars, a whole number of thousands."
    if value == expected:
        return True, (f"At σ = {money(expected)} the risk first has a single local "
                      f"minimum, at {money(erm.ucsd_global_minimizer(y, expected))}.")
    if value * 1_000 == expected:
        return False, "Give σ in dollars, not in thousands of dollars."
    if value in counts and counts[value] > 1:
        return False, (f"At σ = {money(value)} the risk still has {counts[value]} local "
                       "minima: try larger σ.")
    if value in counts:
        return False, f"σ = {money(value)} gives one minimum, but a smaller σ does too."
    return False, ("Loop over σ = 1,000, 2,000, 3,000, ... and count "
                   "len(erm.ucsd_local_minima(y, sigma)).")
