"""Exercises of notebook 06, choosing a loss."""

import numpy as np

import erm_helpers as erm
from erm_course.exercises.judging import as_float, as_pair, exercise, near, positive_float
from erm_course.formatting import money


@exercise("06.1")
def lp_limit_on_professors(answer):
    y = erm.load_professor_salaries()
    expected = erm.lp_risk_minimizer(y, np.inf)
    value = as_float(answer)
    if value is None:
        return False, "Give one number of dollars."
    if near(value, expected, 0.5):
        return True, (f"The midrange, {money(expected, 2)}: halfway between "
                      f"{money(y.min())} and {money(y.max())}. At p = 1,000 the minimizer "
                      f"is already {money(erm.lp_risk_minimizer(y, 1_000), 2)}.")
    if near(value, float(np.mean(y)), 1.0):
        return False, "That is the mean, the answer at p = 2. Where does the curve go as p grows?"
    if near(value, erm.lp_risk_minimizer(y, 1), 1.0):
        return False, "That is the median, the answer at p = 1. Try larger p."
    return False, ("As p grows the typical error tends to the largest error, max |h - y_i|. "
                   "Which h makes the largest error smallest?")


@exercise("06.2")
def smallest_delta_that_gives_the_mean(answer):
    y = erm.load_salaries()
    mean = erm.squared_risk_minimizer(y)
    expected = float(np.max(np.abs(y - mean)))
    value, problem = positive_float(answer, "a threshold δ in dollars")
    if problem:
        return False, problem
    if near(value, expected, 0.5):
        return True, (f"δ = {money(expected)}: the farthest salary is {money(expected)} from "
                      "the mean, so from there on every salary is within δ of the mean: "
                      "near it the Huber risk is half the squared risk, whose slope is "
                      "zero at the mean.")
    if value < expected and erm.huber_risk_minimizer(y, value) != mean:
        return False, (f"At δ = {money(value)} the minimizer is "
                       f"{money(erm.huber_risk_minimizer(y, value), 2)}, not yet the mean. "
                       "Which salary is farthest from the mean?")
    if value > expected:
        return False, "That δ gives the mean, but a smaller one does too."
    return False, "Compare each salary's distance from the mean with δ."


@exercise("06.3")
def chord_below_the_ucsd_risk(answer):
    y, sigma = erm.load_salaries(), 21_000.0
    pair = as_pair(answer)
    if pair is None:
        return False, "Give two predictions in dollars, as a pair (a, b)."
    a, b = pair
    if abs(a - b) < 1.0:
        return False, "Give two different predictions: a chord needs two ends."
    middle = 0.5 * (a + b)
    on_curve = erm.ucsd_risk(middle, y, sigma)
    on_chord = 0.5 * (erm.ucsd_risk(a, y, sigma) + erm.ucsd_risk(b, y, sigma))
    if on_curve > on_chord + 1e-9:
        return True, (f"At the midpoint {money(middle)} the curve is {on_curve:.4f} and the "
                      f"chord {on_chord:.4f}: the chord passes below, so the UCSD risk is "
                      "not convex.")
    return False, (f"At the midpoint {money(middle)} the curve ({on_curve:.4f}) is not above "
                   f"the chord ({on_chord:.4f}). Put the two ends in two different valleys "
                   "of the risk.")
