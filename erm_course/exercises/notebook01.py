"""Exercises of notebook 01, error tables."""

import numpy as np

import erm_helpers as erm
from erm_course.exercises.judging import (as_pair, exercise, judge_choice, judge_function,
                                          judge_written, near)
from erm_course.formatting import money

#: The two predictions of notebook 01, named by their values.
H_150K, H_115K = 150_000.0, 115_000.0


@exercise("01.1")
def why_the_total_error_equals_h(answer):
    """Why the total error of $115,000 (and of the mean) equals the prediction itself."""
    return judge_written(answer, [
        ("that three salaries lie below h and two above it",
         r"\b(three|3)\b|below.*above|above.*below"),
        ("that the low three and the high two both add up to $280,000, so the constants "
         "cancel", r"280|cancel|same sum|add up to the same"),
        ("that it holds only for h between $96,000 and $120,000, by a coincidence of "
         "these five salaries", r"96|120|coinciden|chance|only|not always|these (five )?salaries"),
    ])


def best_on_the_grid(y):
    """The whole number of thousands from 0 to 200,000 with the smallest mean error."""
    grid = np.arange(0, 200_001, 1_000)
    return float(grid[np.argmin(erm.absolute_risk(grid, y))])


@exercise("01.2")
def predict_the_grid_winner(answer):
    """Will the best prediction on a grid of whole thousands be the median, the mean or
    some other number?"""
    y = erm.load_salaries()
    best = best_on_the_grid(y)
    mean, median = float(np.mean(y)), float(np.median(y))
    correct = "median" if best == median else "mean" if best == mean else "other"
    found = (f"The grid's best prediction is {money(best)}, with mean error "
             f"{money(erm.absolute_risk(best, y))}.")
    return judge_choice(answer, {
        "median": ["median"], "mean": ["mean", "average"],
        "other": ["other", "another", "neither", "different", "something"],
    }, correct, {
        "median": f"{found} It is the median: none of the 201 predictions beats it.",
        "mean": (f"{found} The mean, {money(mean)}, misses by "
                 f"{money(erm.absolute_risk(mean, y))} on average, more than the median."),
        "other": (f"{found} That is the median: with all 201 to choose from, no other "
                  "whole number of thousands does better."),
    })


def _mean_error(h, y):
    return float(np.mean(np.abs(h - y)))


@exercise("01.3")
def mean_error_function(answer):
    """A function mean_error(h, y): the mean error R(h) of the prediction h on data y."""
    five = erm.load_salaries()
    professors = erm.load_professor_salaries()
    datasets = [five, np.array([1.0, 2.0, 6.0]), np.array([5.0, 5.0]),
                np.array([-3.0, 0.0, 10.0, 10.0]), professors[::7]]
    cases = [(h, y) for y in datasets for h in (0.0, 3.5, 96_000.0, 150_000.0)]
    return judge_function(answer, cases, _mean_error, [
        (lambda h, y: np.sum(np.abs(h - y)),
         "That is the total error. The mean error divides the total by the number of "
         "values, len(y)."),
        (lambda h, y: np.mean(h - y),
         "Errors above and below cancelled out: take the absolute value |h - y_i| of "
         "each error before averaging."),
        (lambda h, y: abs(np.mean(h - y)),
         "You took the absolute value after averaging, so errors of opposite signs "
         "cancelled first: take |h - y_i| of each value, then the mean."),
        (lambda h, y: np.mean((h - y) ** 2),
         "That is the mean of the squared errors (notebook 03). Here the error is the "
         "distance |h - y_i|."),
        (lambda h, y: np.sum(np.abs(h - y)) / 5,
         "Right on five values only: divide by len(y), the number of values in y, "
         "not by 5."),
        (lambda h, y: np.sum(np.abs(h - y)) / (len(y) - 1),
         "Divide by n, the number of values, not by n - 1."),
        (lambda h, y: np.median(np.abs(h - y)),
         "That is the median of the errors; the mean error adds them and divides by n."),
    ], signature="mean_error(h, y)",
        right=f"It agrees with the mean error on all {len(cases)} hidden cases, "
              "including data sets the notebook never shows.")


@exercise("01.4")
def mean_errors_on_professors(answer):
    """Mean errors of the predictions $150,000 and $115,000 on the professors' salaries."""
    y = erm.load_professor_salaries()
    expected = erm.absolute_risk(np.array([H_150K, H_115K]), y)
    pair = as_pair(answer)
    if pair is None:
        return False, ("Give two numbers in parentheses: (mean error of $150,000, "
                       "mean error of $115,000).")
    if all(near(a, e, 1.0) for a, e in zip(pair, expected)):
        better = money(H_115K) if expected[1] < expected[0] else money(H_150K)
        return True, (f"{money(H_150K)} is off by {money(expected[0])} on average and "
                      f"{money(H_115K)} by {money(expected[1])}: {better} is the better "
                      "prediction here too.")
    if all(near(a, e, 1.0) for a, e in zip(pair, expected[::-1])):
        return False, "Both numbers are there, in the wrong order: $150,000's comes first."
    if all(near(a, e * y.size, y.size) for a, e in zip(pair, expected)):
        return False, ("Those are total errors. The mean error divides by the number of "
                       "salaries.")
    return False, ("For each prediction h, average |h - y_i| over all the salaries; "
                   "erm.absolute_risk(h, y) does that for you.")
