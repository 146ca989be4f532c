"""Exercises of notebook 03, the mean and the mean squared error."""

import math

import numpy as np

import erm_helpers as erm
from erm_course.exercises.judging import WAITING, as_float, as_pair, exercise, near
from erm_course.formatting import money


@exercise("03.1")
def smallest_mse_after_raise(answer):
    """Smallest mean squared error after the 160,000 salary doubles to 320,000."""
    y = erm.load_salaries()
    y_new = np.where(y == 160_000, 320_000.0, y)
    expected = erm.squared_risk(erm.squared_risk_minimizer(y_new), y_new)
    value = as_float(answer)
    if value is None:
        return False, "Give one number, in dollars squared."
    if near(value, expected, 0.5):
        return True, (f"The minimum is {expected:,.0f} dollars squared, the variance of the "
                      "new salaries: the outlier made it much larger.")
    if near(value, erm.squared_risk(erm.squared_risk_minimizer(y), y), 0.5):
        return False, "That is the minimum before the raise. Use the salaries with 320,000."
    if near(value, math.sqrt(expected), 0.5):
        return False, ("That is a square root, in dollars. The mean squared error is in "
                       "dollars squared.")
    if near(value, expected * y.size / (y.size - 1), 0.5):
        return False, "Divide by n, not by n - 1: the risk is a plain mean."
    return False, ("First find the minimizer of R_sq for the new salaries, then evaluate "
                   "R_sq there.")


@exercise("03.2")
def squared_risk_derivative_function(answer):
    """A function derivative(h, y) for the slope of the mean squared error."""
    if not callable(answer):
        return False, "Give a function of (h, y), such as def derivative(h, y): ..."
    y5 = erm.load_salaries()
    cases = [(h, data) for data in (y5, np.where(y5 == 160_000, 320_000.0, y5),
                                    np.array([1.0, 2.0, 3.5]))
             for h in (0.0, 2.0, 96_000.0, 112_000.0, 250_000.0)]
    got, want = [], []
    for h, data in cases:
        try:
            result = answer(h, data.copy())
        except Exception as err:  # the student's code: report, never crash the check
            return False, f"Your function raised {type(err).__name__}: {err}"
        if result is None:
            # the notebook's placeholder: not a wrong answer, no answer yet
            return WAITING, "Your function returns None: write your formula after return."
        value = as_float(result)
        if value is None:
            return False, "Your function should return one number for one h."
        got.append(value)
        want.append(erm.squared_risk_derivative(h, data))
    got, want = np.array(got), np.array(want)
    n = np.array([data.size for _, data in cases])

    def same(a, b):
        return bool(np.allclose(a, b, rtol=1e-9, atol=1e-6))

    if same(got, want):
        return True, (f"It agrees with erm.squared_risk_derivative at {len(cases)} test "
                      "points. Agreement at test points is evidence, not a proof: the "
                      "proof is the derivation above.")
    if same(got, want / 2):
        return False, "Half the right size: the chain rule brings down a factor 2."
    if same(got, -want):
        return False, "The sign is flipped: where h is above every y_i, R_sq is rising."
    if same(got, want * n):
        return False, "You summed where the risk takes a mean: divide by n."
    five = n == y5.size
    if same(got[five], want[five]) and not same(got, want):
        return False, ("Right on the five salaries but not on the three-value data set: "
                       "use len(y) inside the function, not a fixed n.")
    return False, ("Differentiate each term (h - y_i)^2 with the chain rule, then take the "
                   "mean over i.")


@exercise("03.3")
def mean_and_median_after_big_raise(answer):
    """New mean and median when the 160,000 salary becomes 1,000,000."""
    y = erm.load_salaries()
    y_new = np.where(y == 160_000, 1_000_000.0, y)
    expected = (erm.squared_risk_minimizer(y_new), erm.absolute_risk_minimizers(y_new)[0])
    pair = as_pair(answer)
    if pair is None:
        return False, "Give two numbers in parentheses: (new mean, new median)."
    mean_ok, median_ok = (near(a, e, 0.5) for a, e in zip(pair, expected))
    if mean_ok and median_ok:
        return True, (f"The mean moves to {money(expected[0])}; the median stays at "
                      f"{money(expected[1])}.")
    if near(pair[0], expected[1], 0.5) and near(pair[1], expected[0], 0.5):
        return False, "Both numbers are there, in the wrong order: the mean comes first."
    if median_ok:
        return False, ("The median is right. For the mean: the total grows by the raise, "
                       "and the mean by the raise divided by n.")
    if mean_ok:
        return False, ("The mean is right. For the median: does the middle salary change "
                       "when the largest one grows?")
    return False, ("Neither is right yet. Write out the five new salaries; the mean adds "
                   "and divides, the median takes the middle one after sorting.")
