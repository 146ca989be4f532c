"""erm_course.exercises: every judge of every notebook, found by its key.

For each registered exercise: a right answer passes ("Right."), wrong answers fail with a
hint that names the mistake ("Not yet."), a blank waits neutrally ("Waiting for your
answer."), and a hint never gives the answer away. The right answers are computed here
from erm_helpers or worked by hand, never taken from the judges.

Every judge is also fed answers of the wrong kind (negative, zero, NaN, text, a function
that raises or returns text, ...) and must answer with a verdict that says what is wrong,
without falling back on "could not be judged". The helpers for the kinds of exercise (a
function, a prediction, a written answer) are tested on small cases, and ``make
assignments`` on the real notebooks.
"""

import math
import re
from pathlib import Path

import nbformat
import numpy as np
import pytest

import erm_helpers as erm
from erm_course import check, money
from erm_course.exercises import (EXERCISES, assignments, notebook04, notebook05,
                                    notebook06, notebook07)
from erm_course.exercises.judging import (COULD_NOT_JUDGE, WAITING, Feedback, judge_choice,
                                          judge_function, judge_written)

FIVE = erm.load_salaries()
PROFESSORS = erm.load_professor_salaries()
RAISED = np.where(FIVE == 160_000, 320_000.0, FIVE)
SIGMA = 21_000.0


def held_out_winner_by_squared_risk():
    """Notebook 03's split, recomputed here: which of the fitting half's mean and median
    has the smaller mean squared error on the held-out half."""
    shuffled = np.random.default_rng(2018).permutation(PROFESSORS)
    fit, held_out = shuffled[:PROFESSORS.size // 2], shuffled[PROFESSORS.size // 2:]
    at_mean = np.mean((np.mean(fit) - held_out) ** 2)
    at_median = np.mean((np.median(fit) - held_out) ** 2)
    return "mean" if at_mean < at_median else "median"


def first_sigma_with_one_minimum(y):
    sigma = 1_000
    while erm.ucsd_local_minima(y, sigma).size > 1:
        sigma += 1_000
    return sigma


def ucsd_slope(h, y, sigma):
    """Exercise 04.1 as a student writes it, from the formula."""
    return 2 / (len(y) * sigma**2) * np.sum((h - y) * np.exp(-((h - y) ** 2) / sigma**2))


def descend(derivative, h0, alpha, tol, max_iter):
    """Exercise 05.1 as a student writes it: the path h0, h1, ... of fixed-step descent."""
    path, h = [h0], h0
    for _ in range(max_iter):
        new = h - alpha * derivative(h)
        path.append(new)
        if abs(new - h) < tol:
            break
        h = new
    return path


def shallow_limit():
    """Exercise 05.4: 2 / R''(m) in units of sigma^2 at the shallow minimum m, with R''
    from the second derivative written out (not a finite difference)."""
    m = erm.ucsd_local_minima(FIVE, SIGMA)[1]
    z = (m - FIVE) / SIGMA
    second = 2 / (FIVE.size * SIGMA**2) * np.sum(np.exp(-z**2) * (1 - 2 * z**2))
    return 2 / second / SIGMA**2


MODEL_04_5 = """It helps when a far salary is a mistake or an extreme outlier: a typo of
$1,600,000 costs no more than any far salary, so the prediction stays with the crowd. It
hurts when the far salaries are real, such as a group of well-paid professors: they are
ignored too. Where far begins is set by sigma."""

MODEL_05_5 = """On the squared risk the error is multiplied by 1 - 2 alpha, which has no
unit, so alpha = 0.1 still works in thousands. On the UCSD risk alpha is measured in
dollars squared, like sigma squared: with sigma = 21 (thousand) a good alpha is 441, a
million times smaller in number."""


def right_line_gradient(w0, w1, x, y):
    residuals = y - w0 - w1 * x
    return -2 * np.mean(residuals), -2 * np.mean(x * residuals)


# notebook 08: the professors' two features, and the written answer's model
PHD = erm.load_professors()["yrs_since_phd"]
SERVICE = erm.load_professors()["yrs_service"]
MODEL_ANSWER_08_5 = ("Standardizing makes the valley round, condition number 1, so one "
                     "learning rate suits both directions; it is the same set of lines, "
                     "only written with other weights, so the best line is the same.")


# key -> the right answer (made when asked: some take a moment to compute)
RIGHT = {
    "01.2": lambda: "median",                              # the grid's best is the median
    "01.3": lambda: (lambda h, y: np.mean(np.abs(h - y))),
    "01.4": lambda: (erm.absolute_risk(150_000, PROFESSORS),
                     erm.absolute_risk(115_000, PROFESSORS)),
    "02.1": lambda: "multiple",                            # k tied corners: a jump of 2k/n
    "02.2": lambda: (lambda h, y: (np.sum(y < h) - np.sum(y > h)) / len(y)),
    "02.4": lambda: erm.absolute_risk_minimizers(np.append(FIVE, 130_000)),
    "02.5": lambda: erm.absolute_risk(np.median(PROFESSORS), PROFESSORS),
    "03.1": lambda: held_out_winner_by_squared_risk(),
    "03.2": lambda: (lambda h, y: 2 * np.mean(h - y)),
    "03.4": lambda: float(np.var(RAISED)),
    "03.5": lambda: (float(np.mean(np.where(FIVE == 160_000, 1e6, FIVE))), 96_000.0),
    "04.1": lambda: ucsd_slope,
    "04.2": lambda: float(np.mean(FIVE)),                  # large sigma: the squared risk
    "04.3": lambda: "hardly",                # doubling the largest salary: it barely moves
    "04.4": lambda: first_sigma_with_one_minimum(FIVE),
    "05.1": lambda: descend,
    "05.2": lambda: 112_000 + (1 - 2 * 0.25) ** 3 * (150_000 - 112_000),
    "05.3": lambda: "converges",             # 2.5 sigma^2 is below the shallow valley's limit
    "05.4": shallow_limit,
    "06.1": lambda: "median",                   # a tiny delta: delta times the absolute loss
    "06.2": lambda: typical_error_by_scaling,
    "06.4": lambda: exponent_by_bisection(FIVE, 120_000),
    "07.1": lambda: "oscillates",                # the slope is +-1/5 however close h gets
    "07.2": lambda: descent_by_hand,
    "07.4": lambda: 2_345 / 7,                   # the slope beside the median of seven: 1/7
    # notebook 08
    "08.1": lambda: right_line_gradient,
    "08.2": lambda: "up, same, same",        # worked by hand: w0 + 10,000, w1, the MSE
    "08.3": lambda: "thousand, thousand, million",
    "08.4": lambda: erm.least_squares_line(SERVICE, PROFESSORS),
}
FUNCTION_ANSWERS = {"01.3", "02.2", "03.2", "04.1", "05.1", "06.2", "07.2", "08.1"}
#: Predictions (predict, then run): one word, right when it names what the run shows.
CHOICE_ANSWERS = {"01.2", "02.1", "03.1", "04.3", "05.3", "06.1", "07.1", "08.2", "08.3"}
#: Written answers: an answer that touches every key idea of the model answer is noted.
WRITTEN = {
    "01.1": ("It is no slip: three salaries lie below h and two above it, and the low three "
             "add up to 280,000 like the high two, so the constants cancel. It holds only "
             "between 96,000 and 120,000."),
    "02.3": ("The slope of R is negative just left of the median and positive just right of "
             "it, so R falls and then rises. A minimum can sit at a corner, where there is "
             "no derivative; zero slope is only needed where a derivative exists."),
    "03.3": ("That number is the empirical risk on the same salaries the mean was fitted "
             "to, so it describes the past. A hold-out check would fit on half and score on "
             "the held-out half, and even that assumes the future resembles the past."),
    "04.5": MODEL_04_5,
    "05.5": MODEL_05_5,
    "06.3": ("The UCSD loss with sigma about $2,000 (or the 0-1 loss with a tolerance) counts "
             "a miss the same however far. It picks the densest stretch of salaries, near the "
             "mode. But a few salaries decide, and the risk has many valleys."),
    "07.3": ("Not the mean: it moves by 1/n of the mistake, without bound. The median and "
             "Huber hardly move, a bounded influence; UCSD is not convex, so descent may stop "
             "in a wrong valley. Huber is convex with a slope everywhere, so descent settles."),
    "08.5": MODEL_ANSWER_08_5,
}

# -- notebooks 06 and 07: the right answers, worked here independently of the judges --------

def typical_error_by_scaling(h, y, p):
    errors = np.abs(h - y)
    return float(errors.max() * np.mean((errors / errors.max()) ** p) ** (1 / p))


def exponent_by_bisection(y, target, low=1.0, high=100.0):
    """The p at which the L_p minimizer of ``y`` is ``target`` (it rises with p here)."""
    while high - low > 1e-9:
        middle = (low + high) / 2
        low, high = (middle, high) if erm.lp_risk_minimizer(y, middle) < target else (low, middle)
    return low


def descent_by_hand(slope, h0, alpha, steps):
    h = h0
    for k in range(1, steps + 1):
        h -= alpha * slope(h) / math.sqrt(k)
    return h


def python_floats_overflow(h, y, p):
    """The typical error as written, in Python floats: 1e5 ** 80 raises OverflowError."""
    return (sum(abs(h - v) ** p for v in y.tolist()) / len(y)) ** (1 / p)


P_120000 = exponent_by_bisection(FIVE, 120_000)

WRONG = [
    # (key, answer, words the hint must contain; "" where any hint will do)
    ("01.1", "Not sure, maybe a slip.", "explain a little more"),
    ("01.1", 115_000, "as text"),
    ("01.2", "mean", "more than the median"),
    ("01.2", "some other number", "That is the median"),
    ("01.2", "the median or the mean", "several"),
    ("01.2", "no idea", "Pick exactly one"),
    ("01.3", lambda h, y: np.sum(np.abs(h - y)), "total error"),
    ("01.3", lambda h, y: np.mean(h - y), "cancelled"),
    ("01.3", lambda h, y: abs(np.mean(h - y)), "after averaging"),
    ("01.3", lambda h, y: np.mean((h - y) ** 2), "squared"),
    ("01.3", lambda h, y: np.sum(np.abs(h - y)) / 5, "len(y)"),
    ("01.3", lambda h, y: np.sum(np.abs(h - y)) / (len(y) - 1), "n - 1"),
    ("01.3", 3.0, "Give a function"),
    ("01.4", RIGHT["01.4"]()[::-1], "wrong order"),
    ("01.4", (erm.absolute_risk(150_000, PROFESSORS) * PROFESSORS.size,
              erm.absolute_risk(115_000, PROFESSORS) * PROFESSORS.size), "total errors"),
    ("01.4", (150_000, 115_000), "average"),
    ("01.4", 5, "two numbers"),
    ("02.1", "single", "add up"),
    ("02.1", "none", "stacks"),
    ("02.1", 2, "Give your prediction"),
    ("02.2", lambda h, y: (np.sum(y > h) - np.sum(y < h)) / len(y), "sign is flipped"),
    ("02.2", lambda h, y: float(np.sum(y < h) - np.sum(y > h)), "divide by n"),
    ("02.2", lambda h, y: (np.sum(np.unique(y) < h) - np.sum(np.unique(y) > h)) / len(y),
     "ties"),
    ("02.2", lambda h, y: (np.sum(y < h) - np.sum(y > h)) / np.unique(y).size, "distinct"),
    ("02.2", lambda h, y: (np.sum(y < h) - np.sum(y > h)) / 5, "len(y)"),
    ("02.2", lambda h, y: np.sum(y < h) / len(y), "subtract"),
    ("02.2", lambda h, y: 1 / 0, "ZeroDivisionError"),
    ("02.3", "It has a corner.", "explain a little more"),
    ("02.4", 108_000, "both ends"),
    ("02.4", (120_000, 96_000), "wrong order"),
    ("02.4", (94_000, 120_000), "Sort"),
    ("02.5", np.median(PROFESSORS), "R(h*)"),
    ("02.5", erm.absolute_risk(np.mean(PROFESSORS), PROFESSORS), "at the mean"),
    ("03.1", "median", "stays ahead"),
    ("03.1", "mean and median", "several"),
    ("03.2", 3.0, "function"),
    ("03.2", lambda h, y: np.mean(h - y), "factor 2"),
    ("03.2", lambda h, y: 2 * np.mean(y - h), "sign"),
    ("03.2", lambda h, y: 2 * np.sum(h - y), "divide by n"),
    ("03.2", lambda h, y: 2 * (h - np.median(y)), "median"),
    ("03.2", lambda h, y: np.mean((h - y) ** 2), "R_sq itself"),
    ("03.2", lambda h, y: 1 / 0, "ZeroDivisionError"),
    ("03.2", lambda h, y: "slope", "returned text"),
    ("03.3", "It is too small.", "explain a little more"),
    ("03.4", 686_400_000, "before the raise"),
    ("03.4", np.std(RAISED), "square root"),
    ("03.4", np.var(RAISED, ddof=1), "n - 1"),
    ("03.5", (96_000, 280_000), "wrong order"),
    ("03.5", (280_000, 100_000), "middle salary"),
    ("03.5", (112_000, 96_000), "The median is right"),
    ("04.1", lambda h, y, sigma: -ucsd_slope(h, y, sigma), "wrong sign"),
    ("04.1", lambda h, y, sigma: len(y) * ucsd_slope(h, y, sigma), "n times too large"),
    ("04.1", lambda h, y, sigma: 5 / len(y) * ucsd_slope(h, y, sigma), "not by 5"),
    ("04.1", lambda h, y, sigma: ucsd_slope(h, y, sigma) / 2, "half"),
    ("04.1", lambda h, y, sigma: sigma * ucsd_slope(h, y, sigma), "σ squared"),
    ("04.1", lambda h, y, sigma: ucsd_slope(h, FIVE, 40_000.0), "its own arguments"),
    ("04.1", lambda h, y, sigma: ucsd_slope(h, FIVE, sigma), "its own arguments"),
    ("04.1", lambda h, y, sigma: ucsd_slope(h, y, 21_000.0), "its own arguments"),
    ("04.1", lambda h, y, sigma: np.sum(h - y) / sigma**2, "hidden cases"),
    ("04.1", lambda h, y, sigma: np.sum(h - y), "whatever sigma"),
    ("04.1", lambda h: 0.0, "raised TypeError"),
    ("04.1", 3.0, "Give a function"),
    ("04.2", float(np.median(FIVE)), "median"),
    ("04.2", 111_900.0, ""),
    ("04.2", "mean", ""),
    ("04.3", "far", "mean does that"),
    ("04.3", "some thousands", "Not even that"),
    ("04.3", "far or hardly", "several"),
    ("04.3", 0.0, "not"),
    ("04.4", 21_000, "still has 2 local minima"),
    ("04.4", 50_000, ""),
    ("04.4", 26, "thousands"),
    ("04.4", "26k", ""),
    ("04.5", "It ignores outliers.", "explain a little more"),
    ("04.5", 42, "as text"),
    ("05.1", lambda d, h0, a, tol, n: [h0], "hidden cases"),
    ("05.1", lambda d, h0, a, tol, n: descend(d, h0, a, tol, n)[-1], "whole path"),
    ("05.1", lambda d, h0, a, tol, n: descend(d, h0, a, tol, n)[1:], "Start the path with h0"),
    ("05.1", lambda d, h0, a, tol, n: descend(lambda h: -d(h), h0, a, tol, n), "up the slope"),
    ("05.1", lambda d, h0, a, tol, n: descend(d, h0, a, tol, n - 1), "One step short"),
    ("05.1", lambda d, h0, a, tol, n: descend(d, h0, a, tol, n + 1), "One step too many"),
    ("05.1", lambda d, h0, a, tol, n: descend(d, h0, a, 0.0, n), "never stops early"),
    ("05.1", lambda d, h0, a, tol, n: descend(d, h0, a, tol, 10**9), "needs a cap"),
    ("05.1", 0.1, "Give a function"),
    ("05.2", 150_000 - 0.5 * 38_000, ""),
    ("05.2", 112_000.0, ""),
    ("05.2", [116_750, 0], ""),
    ("05.3", "oscillates", "130,000"),
    ("05.3", "it diverges", "cannot run away"),
    ("05.3", "converge or diverge", "several"),
    ("05.4", 2.14, "global minimum"),
    ("05.4", 6.33 * SIGMA**2, "divide it by σ²"),
    ("05.4", 3.17, "1/R″"),
    ("05.4", 0.316, "R″ times σ²"),
    ("05.4", 1.0, "central difference"),
    ("05.5", "Too short to say much.", "explain a little more"),
    ("05.5", 441, "as text"),
    ("06.1", "mean", "large δ"),
    ("06.1", "I think the midrange", "no harder"),
    ("06.1", "median or mean", "several"),
    ("06.1", "the mode", "none"),
    ("06.1", 96_000, "one of the words"),
    ("06.2", lambda h, y, p: float(np.mean(np.abs(h - y) ** p) ** (1 / p)), "overflows"),
    ("06.2", python_floats_overflow, "overflows"),
    ("06.2", lambda h, y, p: erm.lp_risk(h, y, p), "p-th root"),
    ("06.2", lambda h, y, p: float(np.sum(np.abs(h - y) ** p) ** (1 / p)), "not the sum"),
    ("06.2", lambda h, y, p: float(np.max(np.abs(h - y))), "largest error"),
    ("06.2", lambda h, y, p: typical_error_by_scaling(h, y, p) / np.max(np.abs(h - y)),
     "multiply the root by M"),
    ("06.2", 3.0, "Give a function"),
    ("06.3", "The mode.", "explain a little more"),
    ("06.3", 42, "triple quotes"),
    ("06.4", 3.5, "still below"),
    ("06.4", 5, "already above"),
    ("06.4", 0.5, "at least 1"),
    ("06.4", "3.76", "one number"),
    ("07.1", "converges", "corner"),
    ("07.1", "it diverges", "never longer"),
    ("07.1", "it settles or bounces", "several"),
    ("07.1", 1, "one of the words"),
    ("07.2", lambda slope, h0, alpha, steps: h0 - alpha * slope(h0),
     "differs from the reference"),
    ("07.2", notebook07.wrong_descent(lambda alpha, k: alpha), "do not shrink"),
    ("07.2", notebook07.wrong_descent(lambda alpha, k: alpha / k), "α/k"),
    ("07.2", notebook07.wrong_descent(lambda alpha, k: alpha / math.sqrt(k + 1)), "α/√2"),
    ("07.2", notebook07.wrong_descent(lambda alpha, k: alpha / math.sqrt(k), lambda n: n - 1),
     "too few"),
    ("07.2", notebook07.wrong_descent(lambda alpha, k: alpha / math.sqrt(k), lambda n: n + 1),
     "too many"),
    ("07.2", notebook07.wrong_descent(lambda alpha, k: alpha / math.sqrt(k), sign=-1.0),
     "against the slope"),
    ("07.2", notebook07.descent_path, "last iterate"),
    ("07.2", 3.0, "Give a function"),
    ("07.3", "Huber.", "explain a little more"),
    ("07.3", ["the median"], "triple quotes"),
    ("07.4", 2_345 / 5, "five salaries"),
    ("07.4", 2 * 2_345 / 7, "twice"),
    ("07.4", 2_345, "not ±1"),
    ("07.4", 100, "Count"),
    ("07.4", -335, "positive"),
    # notebook 08
    ("08.1", lambda w0, w1, x, y: np.negative(right_line_gradient(w0, w1, x, y)), "signs"),
    ("08.1", lambda w0, w1, x, y: np.divide(right_line_gradient(w0, w1, x, y), 2), "factor 2"),
    ("08.1", lambda w0, w1, x, y: np.multiply(right_line_gradient(w0, w1, x, y), len(x)),
     "divide by n"),
    ("08.1", lambda w0, w1, x, y: right_line_gradient(w0, w1, x, y)[::-1], "wrong order"),
    ("08.1", lambda w0, w1, x, y: (right_line_gradient(w0, w1, x, y)[0],) * 2, "factor x_i"),
    ("08.1", lambda w0, w1, x, y: right_line_gradient(w0, w1, x[:5], y[:5]), "differs"),
    ("08.1", lambda w0, w1, x, y: right_line_gradient(w0, w1, x, y) + (1.0,), "differs"),
    ("08.1", 3.0, "Give a function"),
    ("08.2", "same, same, same", "w0 ✗"),
    ("08.2", "up, up, same", "w1 ✗"),
    ("08.2", "up, same, up", "the MSE ✗"),
    ("08.2", "up", "three words"),
    ("08.2", "up, sideways, same", "Pick exactly one"),
    ("08.3", "thousand, same, thousand", "w1 ✗"),
    ("08.3", "same, same, same", "w0 ✗"),
    ("08.3", "million, million, million", "w0 ✗"),
    ("08.3", ("thousand", "thousand", "million"), "not a tuple"),
    ("08.4", erm.least_squares_line(PHD, PROFESSORS), "years since the PhD"),
    ("08.4", erm.least_squares_line(SERVICE, PROFESSORS)[::-1], "wrong order"),
    ("08.4", erm.least_squares_line(PROFESSORS, SERVICE), "Put the salaries second"),
    ("08.4", (99_975, 780), "to the cent"),
    ("08.4", 779.57, "two numbers"),
    ("08.5", "Because it is faster.", "explain a little more"),
    ("08.5", 42, "as text"),
]


def test_every_exercise_is_tested():
    keys = {k for k in EXERCISES if k != "00.demo"}
    assert keys == set(RIGHT) | set(WRITTEN) and not set(RIGHT) & set(WRITTEN)
    assert keys == {key for key, _, _ in WRONG}
    assert FUNCTION_ANSWERS == {k for k in RIGHT if callable(RIGHT[k]())}
    assert CHOICE_ANSWERS == {k for k in RIGHT if isinstance(RIGHT[k](), str)}


@pytest.mark.parametrize("key", sorted(RIGHT))
def test_right_answers_pass(key):
    feedback = check(key, RIGHT[key]())
    assert feedback.ok, feedback.text
    assert repr(feedback).startswith("Right.")


def test_the_hand_computed_answers_agree():
    # Worked by hand in the notebooks' solutions
    assert check("02.4", (96_000, 120_000))
    assert check("03.4", 7_854_400_000)
    assert check("03.5", (280_000, 96_000))
    assert check("03.2", lambda h, y: 2 * (h - np.mean(y)))
    assert check("01.3", lambda h, y: sum(abs(h - v) for v in y) / len(y))
    assert check("02.2", lambda h, y: -1 + 2 * np.sum(y < h) / len(y))   # h never a data point


@pytest.mark.parametrize("key", sorted(WRITTEN))
def test_written_answers_are_noted_with_the_key_ideas_they_miss(key):
    full = check(key, WRITTEN[key])
    assert full.noted and not full.ok and "touches each" in full.text
    partial = check(key, "I am not sure what to say here, but I think it has to do with "
                         "the numbers in the table somehow.")
    assert partial.noted and "does not seem to mention" in partial.text


def test_the_hold_out_prediction_uses_notebook_03_s_split():
    from erm_course.exercises import notebook03
    source = "\n".join(cell.source for cell in nbformat.read(
        ROOT / "notebooks" / "03_mean_minimizes_mse.ipynb", as_version=4).cells)
    assert f"np.random.default_rng({notebook03.HOLDOUT_SEED})" in source
    assert "shuffled[:half], shuffled[half:]" in source
    fit, held_out = notebook03.holdout_halves(PROFESSORS)
    assert fit.size + held_out.size == PROFESSORS.size
    assert sorted(np.concatenate([fit, held_out])) == sorted(PROFESSORS)


@pytest.mark.parametrize("key, answer, hint", WRONG)
def test_wrong_answers_fail_with_a_hint(key, answer, hint):
    feedback = check(key, answer)
    assert not feedback.ok and not feedback.blank
    assert feedback.text          # always a hint
    assert hint in feedback.text
    assert repr(feedback).startswith("Not yet.")


def test_checker_hints_name_the_mistake():
    # sigma instead of sigma squared in the exponent: values near 0, not "0 times too large"
    wrong_exponent = check("04.1", lambda h, y, sigma: 2 / (len(y) * sigma**2) * float(
        np.sum((h - y) * np.exp(-(h - y) ** 2 / sigma))))
    assert "times" not in wrong_exponent.text and "exponent" in wrong_exponent.text
    assert "number do these values approach" in check("04.2", 110_073).text
    assert "h_2" in check("05.2", 112_000 + 0.5**2 * 38_000).text
    # a loop that tests the slope, not the step, against tol
    def on_slope(derivative, h0, alpha, tol, max_iter):
        path, h = [h0], h0
        for _ in range(max_iter):
            slope = derivative(h)
            h = h - alpha * slope
            path.append(h)
            if abs(slope) < tol:
                break
        return path
    assert "not the slope" in check("05.1", on_slope).text
    # a loop that stops before taking the small step
    def early(derivative, h0, alpha, tol, max_iter):
        path, h = [h0], h0
        for _ in range(max_iter):
            step = alpha * derivative(h)
            if abs(step) < tol:
                break
            h = h - step
            path.append(h)
        return path
    assert "one iterate early" in check("05.1", early).text


def test_the_descent_judge_stops_a_loop_without_a_cap():
    """A `while` loop with no cap never returns on alpha = 1; the judge must still answer."""
    def no_cap(derivative, h0, alpha, tol, max_iter):
        path, h = [h0], h0
        while True:
            new = h - alpha * derivative(h)
            path.append(new)
            if abs(new - h) < tol:
                return path
            h = new
    feedback = check("05.1", no_cap)
    assert not feedback.ok and "needs a cap" in feedback.text


def test_the_predictions_are_what_the_runs_show():
    """04.3 and 05.3: the outcome each judge calls right is what the next cell shows."""
    raised = np.where(FIVE == FIVE.max(), 2 * FIVE.max(), FIVE)
    moved = abs(erm.ucsd_global_minimizer(raised, SIGMA) - erm.ucsd_global_minimizer(FIVE, SIGMA))
    assert moved < 10 and raised.mean() - FIVE.mean() == 32_000          # "hardly"
    run = erm.gradient_descent(
        lambda h: erm.ucsd_risk_derivative(h, FIVE, SIGMA), 170_000, 2.5 * SIGMA**2)
    assert run.converged                                                   # "converges"
    assert notebook05.shallow_limit_in_sigma_squared()[0] == pytest.approx(shallow_limit(),
                                                                             rel=1e-5)


def test_a_derivative_with_a_fixed_n_is_told_to_use_len_y():
    n = 5   # the notebook's global, wrongly used inside the function
    feedback = check("03.2", lambda h, y: 2 / n * float(np.sum(h - y)))
    assert not feedback.ok and "len(y)" in feedback.text


@pytest.mark.parametrize("key", sorted(set(RIGHT) - FUNCTION_ANSWERS - CHOICE_ANSWERS))
def test_hints_do_not_give_the_answer_away(key):
    right = RIGHT[key]()
    for wrong in (None, 1.0, (1.0, 2.0)):
        text = check(key, wrong).text
        for value in np.ravel(right):
            assert money(value) not in text
            assert f"{value:g}" not in text


def test_hints_of_06_and_07_do_not_give_the_answer_away():
    for wrong in (1.0, 3.5, 3.7, 3.8, 5.0, 50.0):
        text = check("06.4", wrong).text
        assert f"{P_120000:.2f}" not in text and f"{P_120000:.3f}" not in text
    for wrong in (2_345 / 5, 2 * 2_345 / 7, 2_345, 100, 1_000):
        text = check("07.4", wrong).text
        assert "335" not in text and "/7" not in text and "1/7" not in text
    # a wrong prediction's explanation names no outcome as the right one
    assert "oscillat" not in check("07.1", "converges").text
    assert "median" not in check("06.1", "mean").text.lower()


def test_the_number_exercises_accept_what_their_text_says_and_no_more():
    # 06.4: "to within 0.01"
    assert check("06.4", P_120000 + 0.0099) and check("06.4", P_120000 - 0.0099)
    assert not check("06.4", P_120000 + 0.0101) and not check("06.4", P_120000 - 0.0101)
    # 07.4: "to the nearest dollar": anything that rounds to $335
    assert check("07.4", 335.49) and check("07.4", 334.51)
    assert not check("07.4", 335.51) and not check("07.4", 334.49)


def test_the_typical_error_cases_overflow_a_float_taken_as_written():
    cases = notebook06.typical_error_cases()
    written = [notebook06.typical_error_as_written(*case) for case in cases]
    assert any(v == math.inf for v in written) and any(v == 0 for v in written)
    for case, value in zip(cases, written):
        right = erm.lp_typical_error(*case)
        assert 0 < right < math.inf and (value in (0, math.inf) or value == pytest.approx(right))


def test_the_shrinking_descent_cases_never_sit_on_a_corner():
    # The hidden cases keep every iterate well away from a data point (a corner of the
    # absolute risk), so a student's loop that rounds differently takes the same path.
    five = erm.load_salaries()
    corners = np.concatenate([five, [100_000.0, 1.0, 2.0, 10.0]])
    for slope, h0, alpha, steps in notebook07.shrinking_descent_cases():
        path = notebook07.descent_path(slope, h0, alpha, steps)
        assert np.min(np.abs(np.subtract.outer(path[:-1], corners))) > 1e-6
        assert descent_by_hand(slope, h0, alpha, steps) == pytest.approx(path[-1], rel=1e-12)


def test_blank_answers_wait_neutrally_and_stay_false():
    for key in EXERCISES:
        feedback = check(key, None)
        assert not feedback and feedback.blank and not feedback.ok
        assert feedback.text
        assert repr(feedback).startswith("Waiting for your answer.")
        html = feedback._repr_html_()
        assert "Not yet" not in html and "#9a6700" not in html and "Waiting" in html
    # the notebooks' placeholder functions are blanks too, not wrong answers
    assert check("03.2", lambda h, y: None).blank
    placeholder = check("04.1", lambda h, y, sigma: None)
    assert placeholder.blank and not placeholder.ok
    assert "returns None" in placeholder.text
    assert check("05.1", lambda derivative, h0, alpha, tol, max_iter: None).blank
    wrong = check("01.1", 1.0)
    assert not wrong.blank and repr(wrong).startswith("Not yet.")
    assert "Not yet" in wrong._repr_html_()
    assert repr(check("00.demo", 4)).startswith("Right.")


def test_the_slope_cases_include_data_the_notebook_never_shows():
    sizes = {len(y) for _, y, _ in notebook04.ucsd_slope_cases()}
    assert {1, 3, 4, FIVE.size, PROFESSORS.size} <= sizes


# --- what every judge must do, and the kinds of exercise -----------------------------------

ROOT = Path(__file__).resolve().parent.parent
KEYS = sorted(k for k in EXERCISES if k != "00.demo")


def _raises(*args):
    raise ValueError("a bug in the student's function")


def _returns_text(*args):
    return "text"


BAD_ANSWERS = {
    "negative": -5, "zero": 0, "NaN": math.nan, "infinity": math.inf, "text": "text",
    "empty text": "", "True": True, "a list of three": [1, 2, 3], "a pair with NaN":
    (math.nan, 1.0), "a function that raises": _raises,
    "a function that returns text": _returns_text, "a dict": {"a": 1},
}


@pytest.mark.parametrize("key", KEYS)
@pytest.mark.parametrize("bad", sorted(BAD_ANSWERS))
def test_every_judge_names_what_is_wrong_with_a_bad_answer(key, bad):
    feedback = check(key, BAD_ANSWERS[bad])
    assert isinstance(feedback, Feedback)
    assert not feedback.ok, f"{key} accepted {bad}"
    assert feedback.text.strip()
    assert COULD_NOT_JUDGE not in feedback.text, f"{key} on {bad}: {feedback.text}"


def test_a_judge_that_fails_is_reported_not_raised(monkeypatch):
    def broken(answer):
        raise ZeroDivisionError("division by zero")
    monkeypatch.setitem(EXERCISES, "99.9", broken)
    feedback = check("99.9", 1.0)
    assert not feedback.ok and feedback.text.startswith(COULD_NOT_JUDGE)
    assert "ZeroDivisionError" in feedback.text


def test_an_unknown_key_gets_a_verdict_not_an_error():
    feedback = check("42.7", 1.0)
    assert not feedback.ok and "42.7" in feedback.text and "01.1" in feedback.text


def test_placeholders_wait():
    for key in KEYS:
        assert check(key, None).blank and check(key, ...).blank


# -- write a function ------------------------------------------------------------------

CASES = [(h, np.array(data)) for data in ([1.0, 2.0, 6.0], [5.0, 5.0]) for h in (0.0, 3.5)]


def _mean_error(h, y):
    return np.mean(np.abs(h - y))


def _judge(answer):
    return judge_function(answer, CASES, _mean_error,
                          [(lambda h, y: np.sum(np.abs(h - y)), "divide by n"),
                           (lambda h, y: np.mean(h - y), "take |h - y_i|")],
                          signature="mean_error(h, y)")


def test_judge_function_accepts_a_right_function():
    assert _judge(lambda h, y: np.abs(h - y).mean())[0] is True


@pytest.mark.parametrize("answer, verdict, words", [
    (lambda h, y: np.sum(np.abs(h - y)), False, "divide by n"),
    (lambda h, y: np.mean(h - y), False, "take |h - y_i|"),
    (lambda h, y: None, WAITING, "returns None"),
    (lambda h, y: 0.0, WAITING, "returns 0"),
    (_raises, False, "raised ValueError"),
    (_returns_text, False, "returned text"),
    (lambda h, y: h * 7, False, "differs from the reference"),
    (3.0, False, "Give a function"),
])
def test_judge_function_names_the_mistake(answer, verdict, words):
    ok, text = _judge(answer)
    assert ok is verdict and words in text


def test_judge_function_does_not_let_the_student_change_the_cases():
    def mutating(h, y):
        y[:] = 0.0
        return _mean_error(h, y)
    _judge(mutating)
    assert CASES[0][1].tolist() == [1.0, 2.0, 6.0]


# -- predict, then run -----------------------------------------------------------------

OPTIONS = {"converges": ["converge", "settles"], "diverges": ["diverge", "blows"]}
SAYS = {"converges": "It settles.", "diverges": "It runs away."}


@pytest.mark.parametrize("answer, ok, text", [
    ("converges", True, "It settles."), ("I think it will diverge", False, "It runs away."),
    ("DIVERGES!", False, "It runs away."), ("maybe", False, "Pick exactly one"),
    ("converges or diverges", False, "several"), (1.0, False, "not "),
])
def test_judge_choice(answer, ok, text):
    got_ok, got_text = judge_choice(answer, OPTIONS, "converges", SAYS)
    assert got_ok is ok and text in got_text


# -- a written answer --------------------------------------------------------------------

IDEAS = [("the learning rate", r"learning rate|alpha|α"), ("the units", r"unit|dollar")]


def test_judge_written_waits_asks_for_more_then_notes():
    assert judge_written("   ", IDEAS)[0] is WAITING
    assert judge_written("Too short.", IDEAS)[0] is False
    long = ("The steps are far too small because the slope is tiny next to the size of "
            "the salaries, so the learning rate must be large")
    verdict, text = judge_written(long, IDEAS)
    assert verdict == "noted" and "units" in text
    feedback = check_written(long + ", in dollars squared.")
    assert feedback.noted and not feedback.ok and feedback.verdict == "Noted."
    assert "touches each" in feedback.text


def check_written(text, monkeypatch=None):
    EXERCISES.setdefault("99.w", lambda answer: judge_written(answer, IDEAS))
    try:
        return check("99.w", text)
    finally:
        EXERCISES.pop("99.w")


def test_feedback_html_shows_dollars_literally_and_a_grey_note():
    html = Feedback(False, "costs $100 and $20", noted=True)._repr_html_()
    assert "<span>$</span>100" in html and "#57606a" in html and "Noted." in html


# -- make assignments --------------------------------------------------------------------

def _solution_lines(notebook):
    """Distinctive lines of every folded solution (long enough not to occur elsewhere)."""
    lines = []
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            for block in assignments.SOLUTION.findall(cell.source):
                lines += [line.strip() for line in block.splitlines()
                          if len(line.strip()) > 40]
    return lines


def test_assignments_hold_back_every_solution_and_keep_the_rest(tmp_path):
    written = assignments.write_assignments(tmp_path, ROOT / "notebooks")
    originals = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    assert sorted(written) == [p.name for p in originals]
    for path in originals:
        original = nbformat.read(path, as_version=4)
        copy = nbformat.read(tmp_path / path.name, as_version=4)
        # a line that the notebook's own code cells show (the def line of a function to
        # write, say) is not solution text
        shown = "\n".join(c.source for c in original.cells if c.cell_type == "code")
        solutions = [line for line in _solution_lines(original) if line not in shown]
        assert solutions and written[path.name] >= 1, path.name
        text = "\n".join(cell.source for cell in copy.cells)
        assert not re.search(r"<summary>\s*(Solution|Model answer)", text, re.IGNORECASE)
        # every code cell, with its stored outputs, is still there
        code = [c for c in original.cells if c.cell_type == "code"]
        # (a line a solution shares with a code cell, such as the def line of a function
        # the student writes, is not solution text)
        shown = "\n".join(c.source for c in code)
        left = [line for line in solutions if line in text and line not in shown]
        assert left == [], f"{path.name} still shows solution text: {left[:2]}"
        assert [c.source for c in copy.cells if c.cell_type == "code"] == [
            c.source for c in code]


def test_check_works_in_an_assignment(tmp_path):
    """Run the copy of notebook 01 with a fresh kernel: its checks answer as before."""
    from nbclient import NotebookClient

    assignments.write_assignments(tmp_path, ROOT / "notebooks")
    notebook = nbformat.read(tmp_path / "01_error_tables.ipynb", as_version=4)
    NotebookClient(notebook, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    shown = [out.get("data", {}).get("text/plain", "") for cell in notebook.cells
             if cell.cell_type == "code" and "check(" in cell.source
             for out in cell.outputs]
    assert shown and all("Waiting for your answer" in s for s in shown), shown
