"""Exercises of notebook 02, the median and the mean absolute error."""

import numpy as np

import erm_helpers as erm
from erm_course.exercises.judging import (as_float, as_pair, exercise, judge_choice,
                                          judge_function, judge_written, near)
from erm_course.formatting import money


def tied_salaries(y):
    """The most common salary of ``y``, how many share it, and the jump of the slope of R
    there (right slope minus left slope), measured with a step of $1."""
    values, counts = np.unique(y, return_counts=True)
    value, k = float(values[np.argmax(counts)]), int(counts.max())
    right = erm.absolute_risk(value + 1, y) - erm.absolute_risk(value, y)
    left = erm.absolute_risk(value, y) - erm.absolute_risk(value - 1, y)
    return value, k, float(right - left)


@exercise("02.1")
def predict_the_jump_at_tied_salaries(answer):
    """At a salary shared by k professors, does the slope of R jump by 2/n (single), by
    2k/n (multiple), or not at all (none)?"""
    y = erm.load_professor_salaries()
    value, k, jump = tied_salaries(y)
    n = y.size
    correct = ("multiple" if np.isclose(jump, 2 * k / n) else
               "single" if np.isclose(jump, 2 / n) else "none")
    seen = (f"At {money(value)}, shared by {k} professors, the slope jumps by {jump:.4f} = "
            f"2 x {k} / {n}.")
    return judge_choice(answer, {
        "single": ["single", "once"], "multiple": ["multiple", "k-times", "2k"],
        "none": ["none", "nothing", "zero"],
    }, correct, {
        "single": (f"{seen} Each of the {k} tied salaries switches from above h to below "
                   "h at the same moment, so their jumps of 2/n add up."),
        "multiple": (f"{seen} Each of the {k} tied salaries switches from above to below "
                     "at the same h, so their jumps of 2/n add up."),
        "none": (f"{seen} A tie does not cancel the corner; it stacks {k} corners in one "
                 "place."),
    })


def _slope(h, y):
    return (np.sum(y < h) - np.sum(y > h)) / len(y)


def _distinct_counts(h, y):
    values = np.unique(y)
    return (np.sum(values < h) - np.sum(values > h)) / len(y)


@exercise("02.2")
def slope_by_counting_function(answer):
    """A function slope_by_counting(h, y): the slope of R at h (not a data point)."""
    five = erm.load_salaries()
    professors = erm.load_professor_salaries()
    datasets = [five, np.array([1.0, 2.0, 2.0, 2.0, 9.0]), np.array([5.0, 5.0, 7.0, 7.0]),
                np.array([3.0]), professors[:60]]
    cases = []
    for y in datasets:
        values = np.unique(y)
        between = (values[:-1] + values[1:]) / 2
        cases += [(float(h), y) for h in [values[0] - 1, *between, values[-1] + 1]]
    return judge_function(answer, cases, _slope, [
        (lambda h, y: (np.sum(y > h) - np.sum(y < h)) / len(y),
         "The sign is flipped: it is (number below h - number above h) / n, so far below "
         "all the data the slope is -1."),
        (lambda h, y: float(np.sum(y < h) - np.sum(y > h)),
         "You have the difference of the counts; now divide by n, the number of values."),
        (_distinct_counts,
         "Right when the values are distinct, but not with ties: count every value, "
         "repeats included (np.unique keeps one of each)."),
        (lambda h, y: (np.sum(y < h) - np.sum(y > h)) / np.unique(y).size,
         "Divide by n, the number of values with repeats, not by the number of distinct "
         "values."),
        (lambda h, y: (np.sum(y < h) - np.sum(y > h)) / 5,
         "Right on five values only: divide by len(y), not by 5."),
        (lambda h, y: np.sum(y < h) / len(y),
         "That counts only the values below h; subtract the number above h before "
         "dividing by n."),
    ], signature="slope_by_counting(h, y)",
        right=f"It agrees with the counting formula on all {len(cases)} hidden cases, "
              "ties included.")


@exercise("02.3")
def a_minimum_at_a_corner(answer):
    """Answer a friend who says the median cannot be the minimum, since R has no
    derivative there."""
    return judge_written(answer, [
        ("that R falls before the median and rises after it (the slope changes sign)",
         r"sign|negative|positive|fall|rise|rising|decreas|increas|down.*up"),
        ("that a minimum can sit at a corner, where there is no derivative to set to zero",
         r"corner|kink|no derivative|not differentiable|undefined|does not exist|doesn't exist"),
        ("that setting the derivative to zero finds only the minima where a derivative "
         "exists", r"only|smooth|where .*exists|differentiable|recipe|zero"),
    ])


@exercise("02.4")
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


@exercise("02.5")
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
