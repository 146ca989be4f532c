"""Exercises of notebook 02, the median and the mean absolute error."""

import numpy as np

import erm_helpers as erm
from erm_course.exercises.judging import as_float, as_pair, exercise, near
from erm_course.formatting import money


@exercise("02.1")
def slope_at_one_guess(answer):
    """Slope of the mean absolute error at h = 100,000 on the five salaries."""
    y = erm.load_salaries()
    h = 100_000
    expected = erm.absolute_risk_slope(h, y)
    value = as_float(answer)
    if value is None:
        return False, "Give one number: the slope is a plain number, without units."
    if near(value, expected, 1e-9):
        below, above = int(np.sum(y < h)), int(np.sum(y > h))
        return True, (f"{below} salaries lie below {money(h)} and {above} above, so the slope "
                      f"is ({below} - {above}) / {y.size} = {expected:g}.")
    if near(value, -expected, 1e-9):
        return False, "Right size, wrong sign: it is (number below - number above) / n."
    if near(value, expected * y.size, 1e-9):
        return False, "You have the difference of the counts; now divide by n."
    return False, (f"Count the salaries below {money(h)} and those above it; the slope is "
                   "(number below - number above) / n.")


@exercise("02.2")
def flat_bottom_of_six(answer):
    """Interval of minimizers after adding a sixth salary of 130,000."""
    y = np.append(erm.load_salaries(), 130_000)
    low, high = erm.absolute_risk_minimizers(y)
    value = as_float(answer)
    if value is not None:
        if low <= value <= high:
            return False, ("That h is one of the minimizers, but not the only one: give both "
                           "ends of the interval, as (low, high).")
        return False, "Give both ends of the interval of minimizers, as (low, high)."
    pair = as_pair(answer)
    if pair is None:
        return False, "Give two numbers in parentheses: (low, high)."
    if near(pair[0], low, 0.5) and near(pair[1], high, 0.5):
        return True, (f"Between {money(low)} and {money(high)} three salaries lie on each "
                      "side, so the slope is 0 there: a flat bottom.")
    if near(pair[0], high, 0.5) and near(pair[1], low, 0.5):
        return False, "Those are the ends, in the wrong order: the smaller one comes first."
    return False, ("Sort the six salaries. Where is the slope (below - above) / 6 equal to "
                   "zero? The ends of that stretch are data points.")


@exercise("02.3")
def smallest_mae_on_professors(answer):
    """Smallest mean absolute error on the professors' salaries."""
    y = erm.load_professor_salaries()
    best = erm.absolute_risk_minimizers(y)[0]
    expected = erm.absolute_risk(best, y)
    value = as_float(answer)
    if value is None:
        return False, "Give one number, in dollars."
    if near(value, expected, 1.0):
        return True, (f"R is smallest at the median, {money(best)}, where it is "
                      f"{money(expected)}.")
    if near(value, best, 1.0):
        return False, ("That is where R is smallest, h*. The exercise asks for the value "
                       "R(h*) there.")
    if near(value, erm.absolute_risk(np.mean(y), y), 1.0):
        return False, "That is R at the mean. Is the mean where R is smallest?"
    return False, "Find the minimizer h* first (which statistic is it?), then compute R(h*)."
