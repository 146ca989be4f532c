"""Exercises of notebook 06, choosing a loss: the L_p family, the 0-1 loss, the Huber loss."""

import functools
import math

import numpy as np

import erm_helpers as erm
from erm_course.exercises.judging import (describe, exercise, judge_choice, judge_function,
                                          judge_written, near, positive_float)
from erm_course.formatting import money


# --------------------------------------------------------------------------------------
# 06.1 · predict, then run: the Huber minimizer at a tiny threshold
# --------------------------------------------------------------------------------------

TINY_DELTA = 1.0


@exercise("06.1")
def huber_at_a_tiny_delta(answer):
    y = erm.load_salaries()
    best = erm.huber_risk_minimizer(y, TINY_DELTA)
    summaries = {"median": erm.lp_risk_minimizer(y, 1), "mean": erm.squared_risk_minimizer(y),
                 "midrange": erm.lp_risk_minimizer(y, math.inf)}
    correct = min(summaries, key=lambda name: abs(summaries[name] - best))
    return judge_choice(
        answer,
        {"median": ["median"], "mean": ["average"], "midrange": ["mid-range"]},
        correct,
        {"median": ("Yes. With δ = $1 every salary is farther than δ from almost any h, so "
                    "each pulls with the same strength δ however far it is: that is δ times "
                    "the absolute loss, whose minimizer is the median."),
         "mean": ("The mean is what a large δ gives, when every salary is inside the "
                  "parabola. With δ = $1 hardly any salary is: how hard does a far salary "
                  "pull then, compared with a near one?"),
         "midrange": ("The midrange is where the L_p minimizer goes as p grows, when the "
                      "farthest salary outweighs the rest. With a tiny δ a far salary pulls "
                      "no harder than a near one.")})


# --------------------------------------------------------------------------------------
# 06.2 · write a function: the typical error without overflow
# --------------------------------------------------------------------------------------

def typical_error_as_written(h, y, p):
    """mean(|h - y_i|^p)^(1/p) as written: inf (or 0) once the powers leave a float."""
    with np.errstate(over="ignore", under="ignore"):
        return float(np.mean(np.abs(h - y) ** p) ** (1 / p))


def typical_error_without_m(h, y, p):
    errors = np.abs(h - y)
    return float(np.mean((errors / errors.max()) ** p) ** (1 / p))


def typical_error_cases():
    """Hidden cases ``(h, y, p)``: salaries, other data, and powers that overflow (or
    underflow) a float when taken as written."""
    five, professors = erm.load_salaries(), erm.load_professor_salaries()
    return [(100_000.0, five, 1.0), (100_000.0, five, 3.0), (112_000.0, five, 2.0),
            (250_000.0, five, 80.0), (float(np.mean(professors)), professors, 500.0),
            (10.0, np.array([3.0, 7.0, 7.0, 20.0]), 2.5),
            (0.0, np.array([-50.0, 10.0, 30.0]), 1.5),
            (0.0, np.array([0.001, 0.004, 0.002]), 300.0)]


def overflow_as_inf(function):
    """``function``, with an OverflowError (Python floats: ``1e5 ** 80``) turned into inf,
    the value numpy gives, so that both are told the same thing."""
    def guarded(*args):
        try:
            return function(*args)
        except OverflowError:
            return math.inf
    return guarded


@exercise("06.2")
def typical_error_without_overflow(answer):
    if not callable(answer):
        return False, f"Give a function, def typical_error(h, y, p): ..., not {describe(answer)}."
    return judge_function(
        overflow_as_inf(answer), typical_error_cases(), erm.lp_typical_error,
        [(typical_error_as_written, "Right where the powers fit in a float, but at large p |h - y_i|^p "
                  "overflows to inf (or underflows to 0). Divide every error by the largest "
                  "error M first, take the mean of (error / M)^p, its p-th root, and "
                  "multiply by M."),
         (lambda h, y, p: erm.lp_risk(h, y, p),
          "Those are values of R_p(h) itself: take the p-th root, ** (1 / p)."),
         (lambda h, y, p: float(np.sum(np.abs(h - y) ** p) ** (1 / p)),
          "R_p is the mean of |h - y_i|^p, not the sum: divide by n before the root."),
         (lambda h, y, p: float(np.max(np.abs(h - y))),
          "That is the largest error, the limit as p grows. For a finite p take the mean "
          "of the p-th powers, then the p-th root."),
         (typical_error_without_m, "You divided every error by the largest error M: multiply the "
                             "root by M again.")],
        signature="typical_error(h, y, p)", rtol=1e-9, atol=1e-12,
        right=("It agrees with erm.lp_typical_error on all the hidden cases, including "
               "powers that no float can hold."))


# --------------------------------------------------------------------------------------
# 06.3 · a written answer: a loss for a purpose
# --------------------------------------------------------------------------------------

@exercise("06.3")
def a_loss_for_the_purpose(answer):
    return judge_written(answer, [
        ("which loss: the UCSD loss (or the 0-1 loss)", r"UCSD|0-1|zero.one"),
        ("its scale: σ of about $2,000", r"σ|sigma|2,?000|scale|bandwidth"),
        ("what it picks: where salaries are densest, near the mode",
         r"mode|dens|crowd|cluster|peak|most (often|common|frequent)"),
        ("the risk of it: a few salaries decide, and the risk has many valleys",
         r"few|valley|local|wiggl|unstable|noisy|chance"),
    ])


# --------------------------------------------------------------------------------------
# 06.4 · a number: the exponent that puts the minimizer at $120,000
# --------------------------------------------------------------------------------------

TARGET = 120_000.0


@functools.lru_cache(maxsize=1)
def exponent_reaching(target=TARGET):
    """The p at which the L_p minimizer of the five salaries is ``target``, by bisection
    (on these salaries the minimizer rises with p, from the median to the midrange)."""
    y = erm.load_salaries()
    low, high = 1.0, 1_000.0
    for _ in range(200):
        middle = 0.5 * (low + high)
        if middle in (low, high):
            break
        if erm.lp_risk_minimizer(y, middle) < target:
            low = middle
        else:
            high = middle
    return 0.5 * (low + high)


@exercise("06.4")
def exponent_for_120000(answer):
    value, problem = positive_float(answer, "an exponent p")
    if problem:
        return False, problem
    if value < 1:
        return False, f"p must be at least 1 for an L_p loss; you gave {value:g}."
    expected = exponent_reaching()
    if near(value, expected, 0.01):
        return True, (f"p = {expected:.3f}: there the minimizer is "
                      f"{money(erm.lp_risk_minimizer(erm.load_salaries(), expected), 2)}.")
    best = erm.lp_risk_minimizer(erm.load_salaries(), value)
    side = "still below" if best < TARGET else "already above"
    return False, (f"At p = {value:g} the minimizer is {money(best, 2)}, {side} "
                   f"{money(TARGET)}: try a {'larger' if best < TARGET else 'smaller'} p.")
