"""Exercises of notebook 03, the mean and the mean squared error."""

import math

import numpy as np

import erm_helpers as erm
from erm_course.exercises.judging import (as_float, as_pair, exercise, judge_choice,
                                          judge_function, judge_written, near)
from erm_course.formatting import money

#: The seed of notebook 03's hold-out split (``np.random.default_rng(HOLDOUT_SEED)``).
HOLDOUT_SEED = 2018


def holdout_halves(y, seed=HOLDOUT_SEED):
    """Notebook 03's split: ``y`` shuffled with the seed, the first half (n // 2 values) to
    fit on and the rest held out."""
    shuffled = np.random.default_rng(seed).permutation(y)
    half = y.size // 2
    return shuffled[:half], shuffled[half:]


@exercise("03.1")
def predict_the_held_out_winner(answer):
    """On the held-out half, which has the smaller mean squared error: the mean or the
    median of the fitting half?"""
    fit, held_out = holdout_halves(erm.load_professor_salaries())
    mean, median = float(np.mean(fit)), float(np.median(fit))
    at_mean, at_median = erm.squared_risk(mean, held_out), erm.squared_risk(median, held_out)
    correct = "mean" if at_mean < at_median else "median"
    seen = (f"On the held-out half, R_sq is {at_mean / 1e9:.3f} billion dollars squared at "
            f"the mean ({money(mean)}) and {at_median / 1e9:.3f} billion at the median "
            f"({money(median)}).")
    return judge_choice(answer, {"mean": ["mean", "average"], "median": ["median"]},
                        correct, {
        "mean": (f"{seen} The mean was the best prediction for the fitting half, and here it "
                 "is still the better one for salaries it never saw."
                 if correct == "mean" else
                 f"{seen} The mean was best for the fitting half, but not here."),
        "median": (f"{seen} The median wins here." if correct == "median" else
                   f"{seen} The mean, best for the fitting half, stays ahead on new salaries "
                   "here."),
    })


def _derivative(h, y):
    return 2 * float(np.mean(h - y))


@exercise("03.2")
def squared_risk_derivative_function(answer):
    """A function derivative(h, y): the slope dR_sq/dh of the mean squared error."""
    five = erm.load_salaries()
    datasets = [five, np.where(five == 160_000, 320_000.0, five), np.array([1.0, 2.0, 3.5]),
                np.array([-4.0, 0.0, 0.0, 10.0]), erm.load_professor_salaries()[::9]]
    cases = [(h, y) for y in datasets for h in (0.0, 2.0, 96_000.0, 112_000.0, 250_000.0)]
    return judge_function(answer, cases, _derivative, [
        (lambda h, y: np.mean(h - y),
         "Half the right size: the chain rule brings down a factor 2."),
        (lambda h, y: 2 * np.mean(y - h),
         "The sign is flipped: where h is above every y_i, R_sq is rising, so its slope "
         "is positive."),
        (lambda h, y: 2 * np.sum(h - y),
         "You summed where the risk takes a mean: divide by n, len(y)."),
        (lambda h, y: 2 / 5 * np.sum(h - y),
         "Right on five values only: use len(y) inside the function, not a fixed n = 5."),
        (lambda h, y: 2 * (h - np.median(y)),
         "That is 2 (h - median). The derivation gives 2 (h - mean): (2/n) times the sum "
         "of h - y_i."),
        (lambda h, y: np.mean((h - y) ** 2),
         "That is R_sq itself, not its derivative: differentiate each (h - y_i)^2 with the "
         "chain rule."),
        (lambda h, y: 2 * np.mean(np.abs(h - y)),
         "The differences need their signs: the derivative of (h - y_i)^2 is 2 (h - y_i), "
         "with no absolute value."),
    ], signature="derivative(h, y)", rtol=1e-9, atol=1e-6,
        right=f"It agrees with (2/n) sum (h - y_i) on all {len(cases)} hidden cases. "
              "Agreement on test cases is evidence, not a proof: the proof is the "
              "derivation above.")


@exercise("03.3")
def what_the_empirical_risk_does_not_say(answer):
    """Why the mean squared error on the very salaries the mean was fitted to does not say
    how well it predicts next year's salaries."""
    return judge_written(answer, [
        ("that the mean was chosen to make the risk small on these very salaries, so the "
         "number describes the past (the empirical risk)",
         r"same|these (very )?salaries|fit|chose|minimi|empirical|past|optimis|flatter"),
        ("a check on salaries it was not fitted on (a hold-out half)",
         r"hold|held|unseen|never seen|not (been )?(used|fitted|seen)|split|half|new data"),
        ("that even a hold-out assumes the salaries to come resemble the past",
         r"future|resembl|next year|inflation|chang|come"),
    ])


@exercise("03.4")
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


@exercise("03.5")
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
