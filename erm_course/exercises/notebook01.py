"""Exercises of notebook 01, error tables."""

import numpy as np

import erm_helpers as erm
from erm_course.exercises.judging import as_float, as_pair, exercise, near
from erm_course.formatting import money


@exercise("01.1")
def mean_error_of_one_guess(answer):
    """Mean error of the guess h = 100,000 on the five salaries."""
    y = erm.load_salaries()
    h = 100_000
    expected = erm.absolute_risk(h, y)
    value = as_float(answer)
    if value is None:
        return False, "Give one number, in dollars (for example 12345)."
    if near(value, expected, 0.5):
        return True, (f"The five errors add up to {money(expected * y.size)}, and "
                      f"{money(expected * y.size)} / {y.size} = {money(expected)}.")
    if near(value, expected * y.size, 0.5):
        return False, ("That is the total error. The mean error divides the total by the "
                       "number of salaries.")
    if near(abs(value), abs(np.mean(h - y)), 0.5):
        return False, ("Some of your errors cancelled: an error is a distance, so take "
                       "|h - y_i| of each salary before adding.")
    return False, (f"Write down the five errors |{money(h)} - y_i|, add them up, and "
                   "divide by how many there are.")


@exercise("01.2")
def mean_errors_on_professors(answer):
    """Mean errors of h1 = 150,000 and h2 = 115,000 on the professors' salaries."""
    y = erm.load_professor_salaries()
    guesses = np.array([150_000.0, 115_000.0])
    expected = erm.absolute_risk(guesses, y)
    pair = as_pair(answer)
    if pair is None:
        return False, ("Give two numbers in parentheses: (mean error of h1, "
                       "mean error of h2).")
    if all(near(a, e, 1.0) for a, e in zip(pair, expected)):
        better = "h2" if expected[1] < expected[0] else "h1"
        return True, (f"h1 is off by {money(expected[0])} on average and h2 by "
                      f"{money(expected[1])}: {better} is the better guess here too.")
    if all(near(a, e, 1.0) for a, e in zip(pair, expected[::-1])):
        return False, "Both numbers are there, in the wrong order: h1's comes first."
    if all(near(a, e * y.size, y.size) for a, e in zip(pair, expected)):
        return False, ("Those are total errors. The mean error divides by the number of "
                       "salaries.")
    return False, ("For each guess h, average |h - y_i| over all the salaries; "
                   "erm.absolute_risk(h, y) does that for you.")
