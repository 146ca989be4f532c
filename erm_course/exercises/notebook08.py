"""Exercises of notebook 08, a line: the gradient, two predictions, a second feature, and
a written answer on standardizing."""

import re

import numpy as np

import erm_helpers as erm
from erm_course.exercises.judging import (WAITING, as_pair, describe, exercise, judge_choice,
                                          judge_function, judge_written, near)
from erm_course.formatting import money

_QUANTITIES = ("w0", "w1", "the MSE")


def _professors():
    data = erm.load_professors()
    return data["yrs_since_phd"], data["yrs_service"], data["salary_usd"]


# --------------------------------------------------------------------------------------
# 08.1 · write a function: the gradient of the line's risk
# --------------------------------------------------------------------------------------

def _gradient_cases():
    """Hidden cases: the professors and data sets the notebook never shows (negative
    values, a short one, x far from zero), each at a few (w0, w1)."""
    x, _, y = _professors()
    rng = np.random.default_rng(808)
    wild_x = rng.normal(-3.0, 4.0, 25)
    sets = [(x, y), (np.array([1.0, 2.0, 3.0]), np.array([2.0, 4.0, 7.0])),
            (wild_x, 5.0 - 2.0 * wild_x + rng.normal(0.0, 1.0, 25)),
            (np.array([1_000.0, 1_001.0, 1_003.0, 1_006.0]), np.array([3.0, -1.0, 4.0, 1.0]))]
    return [(w0, w1, xs, ys) for xs, ys in sets
            for w0, w1 in ((0.0, 0.0), (90_000.0, 1_000.0), (-2.5, 0.75))]


def _pair(d0, d1):
    return np.array([d0, d1])


_GRADIENT_MISTAKES = [
    (lambda w0, w1, x, y: -_pair(*erm.line_risk_gradient(w0, w1, x, y)),
     "The signs are flipped. With r_i = y_i - w0 - w1 x_i, the derivative of r_i² with "
     "respect to w0 is 2 r_i times -1."),
    (lambda w0, w1, x, y: _pair(*erm.line_risk_gradient(w0, w1, x, y)) / 2,
     "Half the right size: the chain rule brings down a factor 2 from the square."),
    (lambda w0, w1, x, y: _pair(*erm.line_risk_gradient(w0, w1, x, y)) * len(x),
     "You summed where the risk takes a mean: divide by n = len(x)."),
    (lambda w0, w1, x, y: _pair(*erm.line_risk_gradient(w0, w1, x, y))[::-1],
     "Both derivatives are there, in the wrong order: ∂R/∂w0 comes first."),
    (lambda w0, w1, x, y: _pair(*[erm.line_risk_gradient(w0, w1, x, y)[0]] * 2),
     "The second derivative is missing a factor x_i: w1 multiplies x_i in the residual, "
     "so the chain rule brings x_i down."),
]


@exercise("08.1")
def line_gradient_function(answer):
    """A function line_gradient(w0, w1, x, y) returning (∂R/∂w0, ∂R/∂w1)."""
    return judge_function(
        answer, _gradient_cases(), lambda w0, w1, x, y: _pair(*erm.line_risk_gradient(
            w0, w1, x, y)), _GRADIENT_MISTAKES, signature="line_gradient(w0, w1, x, y)",
        rtol=1e-9, atol=1e-6,
        right=("It agrees with erm.line_risk_gradient on all 12 hidden cases, among them "
               "data sets the notebook never shows."))


# --------------------------------------------------------------------------------------
# 08.2 and 08.3 · predict, then run: what a change of the salaries does to the fit
# --------------------------------------------------------------------------------------

def judge_three_words(answer, options, correct, explanations):
    """A prediction for w0, w1 and the MSE, in that order: three words separated by
    commas, each judged by :func:`judge_choice`."""
    if not isinstance(answer, str):
        return judge_choice(answer, options, correct[0], explanations[0])
    parts = [part for part in re.split(r"[,;/\n]+", answer) if part.strip()]
    if not parts:
        return WAITING, "Write three words between the quotes, one each for w0, w1 and the MSE."
    if len(parts) != 3:
        return False, (f"Give three words separated by commas, one each for w0, w1 and the "
                       f"MSE, in that order; found {len(parts)} in {answer!r}.")
    verdicts = [judge_choice(part, options, right, says)
                for part, right, says in zip(parts, correct, explanations)]
    texts = [f"{name} {'✓' if ok else '✗'} {text}"
             for name, (ok, text) in zip(_QUANTITIES, verdicts)]
    return all(ok for ok, _ in verdicts), " ".join(texts)


_MOVES = {"same": ["unchanged", "stays"], "up": ["grows", "larger", "increases"],
          "down": ["smaller", "shrinks", "decreases"]}


@exercise("08.2")
def add_ten_thousand_to_every_salary(answer):
    """Prediction: adding $10,000 to every salary moves w0 up and leaves w1 and the MSE."""
    shift = 10_000
    return judge_three_words(answer, _MOVES, ("up", "same", "same"), (
        {"up": f"The whole cloud moves up by {money(shift)}, and so does the line, "
               f"so w0 grows by {money(shift)}.",
         "same": f"w0 is the line's height at x = 0, and every point is now {money(shift)} "
                 "higher.",
         "down": "Every salary grows; could the best line sit lower?"},
        {"same": "The line moves up without tilting; the slope compares salaries "
                 "with each other, and their differences do not change.",
         "up": "Differences between salaries, which set the slope, do not change.",
         "down": "Differences between salaries, which set the slope, do not change."},
        {"same": "The best line moves up with the points, so every residual, and "
                 "hence the MSE, stays exactly the same.",
         "up": "Larger salaries, but are the misses of the best line larger?",
         "down": "Larger salaries, but are the misses of the best line smaller?"}))


_SCALES = {"same": ["unchanged", "stays"], "thousand": ["1000", "1,000", "thousands"],
           "million": ["1000000", "1,000,000", "millions"]}


@exercise("08.3")
def salaries_in_thousands(answer):
    """Prediction: measuring salary in thousands divides w0 and w1 by 1,000 and the MSE
    by 1,000,000."""
    return judge_three_words(answer, _SCALES, ("thousand", "thousand", "million"), (
        {"thousand": "W0 is a salary, now counted in thousands of dollars.",
         "same": "w0 is in the units of salary: what happens to a salary's number when "
                 "it is counted in thousands?",
         "million": "w0 is a salary, not a squared one."},
        {"thousand": "W1 is in salary per year, and only the salary part changes "
                     "its unit.",
         "same": "w1 is dollars per year: the years stay, but the dollars become "
                 "thousands of dollars.",
         "million": "w1 is salary per year, and the salary is not squared."},
        {"million": "The MSE is in squared salary units, and (1/1,000)² = "
                    "1/1,000,000.",
         "thousand": "The MSE averages squared errors, and each error is divided by "
                     "1,000 before it is squared.",
         "same": "Each error is now a smaller number; what does squaring do to that?"}))


# --------------------------------------------------------------------------------------
# 08.4 · a number: the line on years of service
# --------------------------------------------------------------------------------------

@exercise("08.4")
def line_on_years_of_service(answer):
    """(w0, w1) of the least-squares line of salary on years of service, to the cent."""
    phd, service, y = _professors()
    expected = erm.least_squares_line(service, y)
    pair = as_pair(answer)
    if pair is None:
        return False, f"Give two numbers in parentheses, (w0, w1), not {describe(answer)}."
    if near(pair[0], expected[0], 0.005) and near(pair[1], expected[1], 0.005):
        other = erm.least_squares_line(phd, y)
        mse = [erm.line_risk(*erm.least_squares_line(f, y), f, y) for f in (service, phd)]
        return True, (f"Per year of service the line adds {money(expected[1], 2)}, against "
                      f"{money(other[1], 2)} per year since the PhD, and its MSE is "
                      f"{mse[0]:.4e} against {mse[1]:.4e}: on these data years of service "
                      "predict salary less well.")
    if near(pair[1], expected[0], 0.005) and near(pair[0], expected[1], 0.005):
        return False, "Both numbers are there, in the wrong order: (w0, w1), intercept first."
    if np.allclose(pair, erm.least_squares_line(phd, y), atol=0.005, rtol=0):
        return False, ("That is the line on years since the PhD. Use the column "
                       "professors[\"yrs_service\"] as x.")
    if np.allclose(pair, erm.least_squares_line(y, service), atol=0.005, rtol=0):
        return False, ("That predicts years of service from salary. Put the salaries "
                       "second: erm.least_squares_line(x, y) predicts y from x.")
    return False, ("Not this line yet. Fit with erm.least_squares_line(x, y), with x the "
                   "years of service, and give both weights to the cent.")


# --------------------------------------------------------------------------------------
# 08.5 · a written answer: standardizing helps descent, not the fitted line
# --------------------------------------------------------------------------------------

@exercise("08.5")
def why_standardize(answer):
    """Why standardizing x helps gradient descent but leaves the fitted line as it is."""
    return judge_written(answer, [
        ("the shape of the valley (the condition number, round contours)",
         r"condition|round|circl|elongat|stretch|narrow|valley|eigen|curvature|bowl"),
        ("one learning rate that suits every direction",
         r"learning rate|alpha|α|step|limit"),
        ("the same set of lines, only written with other weights",
         r"same (set of )?lines?|same (fitted )?line|reparametri|coordinates|every line|"
         r"any line|map(s|ped)? back|relabel|rewrit|convert"),
    ])
