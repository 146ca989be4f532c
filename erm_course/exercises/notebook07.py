"""Exercises of notebook 07, outliers and convexity: descent on a risk with a corner."""

import math

import numpy as np

import erm_helpers as erm
from erm_course.exercises.judging import (describe, exercise, judge_choice, judge_function,
                                          judge_written, near, positive_float)
from erm_course.formatting import money

#: The run of 07.1 (and of the notebook's figure): fixed-step descent on the absolute risk
#: of the five salaries from $150,000.
START, ALPHA = 150_000.0, 1_234.0


def absolute_descent(alpha, h0=START, **kwargs):
    """Fixed-step (or, with ``shrink``, shrinking-step) descent on the absolute risk of the
    five salaries."""
    y = erm.load_salaries()
    return erm.gradient_descent(lambda h: erm.absolute_risk_slope(h, y), h0, alpha, **kwargs)


# --------------------------------------------------------------------------------------
# 07.1 · predict, then run: fixed-step descent on the absolute risk
# --------------------------------------------------------------------------------------

OUTCOME_WORDS = {"converges": ["converge", "converged", "settles", "settle", "settled"],
                 "oscillates": ["oscillate", "oscillating", "bounces", "bounce", "bouncing"],
                 "diverges": ["diverge", "diverged", "blows"]}


@exercise("07.1")
def fixed_step_on_the_absolute_risk(answer):
    outcome = absolute_descent(ALPHA).outcome
    correct = {"converged": "converges", "oscillating": "oscillates"}.get(outcome, "diverges")
    return judge_choice(answer, OUTCOME_WORDS, correct, {
        "oscillates": ("Yes. Near the median the slope is ±1/5 however close h gets, so "
                       "every step there is α/5 long: descent jumps across the median and "
                       "back for ever."),
        "converges": ("The risk is convex, so it has no false valley. But it has a corner "
                      "at the median, and its slope does not shrink as h gets close. What "
                      "happens to the steps then? Run the cell below."),
        "diverges": ("The slope of the absolute risk is never larger than 1 in size, so a "
                     "step is never longer than α: the iterates cannot run away."),
    })


# --------------------------------------------------------------------------------------
# 07.2 · write a function: descent with the step alpha / sqrt(k)
# --------------------------------------------------------------------------------------

def shrinking_descent(slope, h0, alpha, steps):
    """The reference: ``steps`` updates h_k = h_(k-1) - alpha / sqrt(k) * slope(h_(k-1))."""
    h = float(h0)
    for k in range(1, steps + 1):
        h = h - alpha / math.sqrt(k) * slope(h)
    return h


def wrong_descent(step_size, updates=lambda steps: steps, sign=1.0):
    """A likely wrong version of :func:`shrinking_descent`."""
    def wrong(slope, h0, alpha, steps):
        h = float(h0)
        for k in range(1, updates(steps) + 1):
            h = h - sign * step_size(alpha, k) * slope(h)
        return h
    return wrong


def descent_path(slope, h0, alpha, steps):
    path = [float(h0)]
    for k in range(1, steps + 1):
        path.append(path[-1] - alpha / math.sqrt(k) * slope(path[-1]))
    return path


def hidden_slopes():
    """The slopes of the hidden cases, each a function of h alone, as descent wants."""
    five = erm.load_salaries()
    six = np.append(five, 100_000.0)
    small = np.array([1.0, 2.0, 10.0])
    return {"five": lambda h: erm.absolute_risk_slope(h, five),
            "six": lambda h: erm.absolute_risk_slope(h, six),
            "small": lambda h: erm.absolute_risk_slope(h, small),
            "squared": lambda h: erm.squared_risk_derivative(h, five),
            "huber": lambda h: erm.huber_risk_derivative(h, five, 20_000.0)}


def shrinking_descent_cases():
    """Hidden cases ``(slope, h0, alpha, steps)``."""
    s = hidden_slopes()
    return [(s["five"], 150_000.0, 1_234.0, 500), (s["five"], 150_000.0, 1_000.0, 1),
            (s["five"], 60_000.0, 5_000.0, 300), (s["six"], 130_000.0, 2_000.0, 400),
            (s["small"], 0.0, 1.5, 200), (s["squared"], 150_000.0, 0.3, 50),
            (s["huber"], 150_000.0, 0.5, 100)]


@exercise("07.2")
def descent_with_a_shrinking_step(answer):
    if not callable(answer):
        return False, ("Give a function, def shrinking_descent(slope, h0, alpha, steps): ..., "
                       f"not {describe(answer)}.")
    return judge_function(
        answer, shrinking_descent_cases(), shrinking_descent,
        [(wrong_descent(lambda alpha, k: alpha), "Your steps do not shrink: at update k the "
                                            "learning rate is α/√k, not α."),
         (wrong_descent(lambda alpha, k: alpha / k), "You shrink the step as α/k; this exercise "
                                                "asks for α/√k."),
         (wrong_descent(lambda alpha, k: alpha / math.sqrt(k + 1)),
          "Your first step uses α/√2: count the updates from k = 1, so the first is α/√1."),
         (wrong_descent(lambda alpha, k: alpha / math.sqrt(k), lambda steps: steps - 1),
          "One update too few: make exactly `steps` updates, k = 1, 2, ..., steps."),
         (wrong_descent(lambda alpha, k: alpha / math.sqrt(k), lambda steps: steps + 1),
          "One update too many: make exactly `steps` updates, k = 1, 2, ..., steps."),
         (wrong_descent(lambda alpha, k: alpha / math.sqrt(k), sign=-1.0),
          "Step against the slope: subtract α/√k times the slope."),
         (descent_path, "Return the last iterate h_steps, one number, not the whole path.")],
        signature="shrinking_descent(slope, h0, alpha, steps)", rtol=1e-9, atol=1e-6,
        right=("It agrees with the reference on all the hidden cases: the absolute risk of "
               "several data sets, the squared risk and the Huber risk."))


# --------------------------------------------------------------------------------------
# 07.3 · a written answer: which minimizer to report
# --------------------------------------------------------------------------------------

@exercise("07.3")
def which_minimizer_to_report(answer):
    return judge_written(answer, [
        ("the mean follows the mistyped salary, by 1/n of the mistake, without bound",
         r"mean|squared|1\s*/\s*n|1/397|without bound|unbounded"),
        ("the median and the Huber minimizer hardly move: a bounded influence",
         r"bound|hardly|barely|(doesn't|does not|do not|don't|won't) move|stays?|robust"),
        ("the UCSD risk is not convex: descent can stop in the wrong valley",
         r"convex|valley|local|stuck|several starts"),
        ("the Huber risk is convex and has a slope everywhere, so descent settles",
         r"smooth|differentiab|derivative|slope|settles|converge"),
    ])


# --------------------------------------------------------------------------------------
# 07.4 · a number: how wide the bounce is
# --------------------------------------------------------------------------------------

BOUNCE_ALPHA = 2_345.0
#: The two salaries 07.4 adds to the five.
ADDED = (100_000.0, 200_000.0)


def bounce(y, alpha=BOUNCE_ALPHA, h0=START):
    """The last two iterates of fixed-step descent on the absolute risk of ``y``."""
    run = erm.gradient_descent(lambda h: erm.absolute_risk_slope(h, y), h0, alpha)
    return float(run.path[-2]), float(run.path[-1])


@exercise("07.4")
def width_of_the_bounce(answer):
    value, problem = positive_float(answer, "a distance in dollars")
    if problem:
        return False, problem
    five = erm.load_salaries()
    seven = np.append(five, ADDED)
    ends = bounce(seven)
    expected = abs(ends[1] - ends[0])
    if near(value, expected, 0.5):
        return True, (f"{money(expected)}: near the median of the seven the slope is ±1/7, so "
                      f"each step there is α/7 long; the iterates end at {money(ends[0], 2)} "
                      f"and {money(ends[1], 2)}.")
    five_ends = bounce(five)
    if near(value, abs(five_ends[1] - five_ends[0]), 0.5):
        return False, ("That is the width for the five salaries. With seven, what is the "
                       "slope of the mean absolute error just beside the median?")
    if near(value, 2 * expected, 0.5):
        return False, "That is twice the gap between the two predictions it bounces between."
    if near(value, BOUNCE_ALPHA, 0.5):
        return False, ("A step is α times the slope, and near the median the slope of the "
                       "mean absolute error is not ±1.")
    return False, ("Count the salaries below and above h just left and just right of the "
                   "median of the seven: that gives the slope there, and α times it is the "
                   "step.")
