"""Exercises of notebook 04, the UCSD loss.

04.1 write a function (the slope of the UCSD risk), 04.2 a number (the minimizer for a wide
sigma), 04.3 predict, then run (one salary moved far away), 04.4 a number (the smallest sigma
with one valley), 04.5 a written answer (when ignoring far-away salaries helps or hurts).
"""

import numpy as np

import erm_helpers as erm
from erm_course.exercises.judging import (as_float, exercise, judge_choice, judge_function,
                                          judge_written)
from erm_course.formatting import money

SIGMA = 21_000.0


def ucsd_slope_cases():
    """Hidden cases (h, y, sigma): the five salaries, the professors and data the notebook
    never shows (three small numbers, negative values, a single value)."""
    five = erm.load_salaries()
    professors = erm.load_professor_salaries()
    small = np.array([1.0, 2.0, 6.0])
    mixed = np.array([-10.0, 0.0, 4.0, 4.0])
    return [(80_000.0, five, SIGMA), (95_000.0, five, SIGMA), (150_000.0, five, SIGMA),
            (130_000.0, five, 3_000.0), (120_000.0, professors, 10_000.0),
            (0.0, small, 1.5), (3.5, small, 1.5), (-3.0, mixed, 5.0), (7.0, np.array([10.0]), 3.0)]


def _slope_mistakes():
    """Likely wrong versions of the slope, each with the hint that names the mistake."""
    five = erm.load_salaries()

    def slope(h, y, sigma):
        return erm.ucsd_risk_derivative(h, y, sigma)

    def sigma_in_exponent(h, y, sigma):
        return 2 / (len(y) * sigma**2) * np.sum((h - y) * np.exp(-(h - y) ** 2 / sigma))

    return [
        (lambda h, y, s: -slope(h, y, s),
         "Every value has the wrong sign: the slope of one loss is +2(h - y_i)/σ² times the "
         "exponential, so h above every salary gives a positive slope."),
        (lambda h, y, s: len(y) * slope(h, y, s),
         "Every value is n times too large: the risk is a mean, so divide the sum by n."),
        (lambda h, y, s: 5 / len(y) * slope(h, y, s),
         "Right for five salaries only: divide by len(y), not by 5."),
        (lambda h, y, s: slope(h, y, s) / 2,
         "Every value is half the right one: the chain rule brings down the 2 of the square."),
        (lambda h, y, s: s * slope(h, y, s),
         "Every value is σ times too large: the constant in front is 2/(n σ²), with σ squared."),
        (sigma_in_exponent,
         "Check the exponent: it is -(h - y_i)²/σ², with σ squared."),
    ]


IGNORES_ITS_ARGUMENTS = ("Your function gives the same value whatever {} it is given: use "
                         "its own arguments y and sigma (and len(y)), not names left by "
                         "earlier cells.")


def _ignored_argument(answer):
    """"y" or "sigma" if the student's slope does not change when that argument does (it
    uses a global instead), else None."""
    five = erm.load_salaries()
    try:
        with np.errstate(all="ignore"):
            base = float(answer(110_000.0, five.copy(), SIGMA))
            other_sigma = float(answer(110_000.0, five.copy(), 10_000.0))
            other_y = float(answer(110_000.0, five + 7_000.0, SIGMA))
    except Exception:   # judge_function has already reported what the function does
        return None
    if base == other_y:
        return "y"
    if base == other_sigma:
        return "sigma"
    return None


@exercise("04.1")
def ucsd_slope_function(answer):
    cases = ucsd_slope_cases()
    ok, text = judge_function(
        answer, cases, erm.ucsd_risk_derivative, _slope_mistakes(),
        signature="ucsd_slope(h, y, sigma)", rtol=1e-7, atol=0.0,
        right=(f"It agrees with erm.ucsd_risk_derivative on all {len(cases)} hidden cases: "
               "the five salaries at two values of σ, the professors, and small data sets "
               "with negative values and a single value."))
    if ok is False and text.startswith("It differs"):
        ignored = _ignored_argument(answer)
        if ignored:
            return False, IGNORES_ITS_ARGUMENTS.format(ignored)
    return ok, text


@exercise("04.2")
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


def _raised_minimizers():
    """(before, after): the UCSD minimizer at sigma = 21,000 before and after the largest
    of the five salaries is doubled, and the same for the mean."""
    y = erm.load_salaries()
    raised = np.where(y == y.max(), 2 * y.max(), y)
    return ((erm.ucsd_global_minimizer(y, SIGMA), erm.ucsd_global_minimizer(raised, SIGMA)),
            (float(y.mean()), float(raised.mean())))


@exercise("04.3")
def doubled_salary_prediction(answer):
    (before, after), (mean_before, mean_after) = _raised_minimizers()
    jump = money(mean_after - mean_before)
    run = "Run the next cell to see the numbers."
    return judge_choice(
        answer,
        {"far": ["far", "lot", "follows"], "some": ["some", "thousands"],
         "hardly": ["hardly", "barely", "stays", "unchanged"]},
        "hardly",
        {"far": (f"The mean does that: it moves up by {jump}. The UCSD minimizer sits among "
                 "the close salaries, where the largest salary is already many σ away and "
                 "pulls with almost no strength. " + run),
         "some": ("Not even that: near the minimizer the largest salary is already many σ "
                  "away, so its pull (h - y)e^(-(h - y)²/σ²) is almost 0, and further away "
                  "it is smaller still. " + run),
         "hardly": (f"Yes: it moves by {money(abs(after - before))}, while the mean moves up "
                    f"by {jump}. A salary many σ away pulls with almost no strength, "
                    "wherever it is. " + run)})


def _ucsd_minima_counts(y, sigmas):
    """How many local minima the UCSD risk has at each sigma."""
    return {s: erm.ucsd_local_minima(y, s).size for s in sigmas}


@exercise("04.4")
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


@exercise("04.5")
def when_ignoring_far_salaries_helps(answer):
    return judge_written(answer, [
        ("when it helps: a salary that is wrong or extreme (a typo, an outlier) barely moves "
         "the prediction", r"outlier|typo|mistake|wrong|error in|robust|extreme|unusual"),
        ("when it hurts: far salaries that are real, such as a group of high earners, are "
         "ignored too", r"real|genuine|ignor|lose|lost|throw|discard|group|tail|informat"),
        ("that σ decides what counts as far", r"σ|sigma|scale"),
    ])
