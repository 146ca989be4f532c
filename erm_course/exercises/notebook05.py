"""Exercises of notebook 05, gradient descent.

05.1 write a function (the descent loop itself), 05.2 a number (the third iterate on the
squared risk), 05.3 predict, then run (a learning rate above the limit of one valley, in
the other valley), 05.4 a number (the limit 2/R'' of the shallow valley), 05.5 a written
answer (what a change of units does to the learning rate).
"""

import math

import numpy as np

import erm_helpers as erm
from erm_course.exercises.judging import (as_float, exercise, judge_choice, judge_function,
                                          judge_written, near)
from erm_course.formatting import money

SIGMA = 21_000.0


# --------------------------------------------------------------------------------------
# 05.1: the descent loop, judged against erm.gradient_descent
# --------------------------------------------------------------------------------------

def _squared_slope_of(y):
    y = np.asarray(y, dtype=float)
    return lambda h: erm.squared_risk_derivative(h, y)


def _descent_cases():
    """Hidden cases (derivative, h0, alpha, tol, max_iter). None of them diverges (the
    reference stops a diverging run at a bound that a plain loop does not have)."""
    five = _squared_slope_of(erm.load_salaries())
    professors = _squared_slope_of(erm.load_professor_salaries())
    y = erm.load_salaries()

    def ucsd(h):
        return erm.ucsd_risk_derivative(h, y, SIGMA)

    def parabola(h):
        return 2 * (h - 3.0)

    return [(five, 150_000.0, 0.1, 1e-6, 1_000),        # converges in 103 steps
            (five, 150_000.0, 1.0, 1e-6, 20),           # bounces until the cap
            (five, 150_000.0, 0.01, 1e-6, 5),           # still moving at the cap
            (_squared_slope_of([1.0, 2.0, 6.0]), 0.0, 0.75, 1e-3, 100),
            (ucsd, 170_000.0, SIGMA**2, 1e-6, 10_000),  # the shallow valley
            (professors, 200_000.0, 0.5, 1e-6, 50),     # lands in one step, stops at two
            (parabola, 3.0, 0.3, 1e-6, 10)]             # starts at the minimum


def _reference_path(derivative, h0, alpha, tol, max_iter):
    return erm.gradient_descent(derivative, h0, alpha, tol=tol, max_iter=max_iter).path


def _loop(derivative, h0, alpha, tol, max_iter, *, sign=-1.0, on_slope=False,
          append_last=True, stop=True, updates=None):
    """A plain descent loop, with switches for the likely mistakes."""
    h, path = float(h0), [float(h0)]
    with np.errstate(all="ignore"):
        for _ in range(max_iter if updates is None else updates):
            slope = derivative(h)
            new = h + sign * alpha * slope
            small = abs(slope) < tol if on_slope else abs(new - h) < tol
            if stop and small and not append_last:
                break
            path.append(new)
            h = new
            if stop and small:
                break
    return path


DESCENT_MISTAKES = [
    (lambda *a: _loop(*a, sign=1.0),
     "Your steps go up the slope: the update is h - α R'(h), a step against the slope."),
    (lambda *a: _loop(*a, on_slope=True),
     "The stopping rule tests the step, α|R'(h)|, against tol, not the slope |R'(h)|."),
    (lambda *a: _loop(*a, append_last=False),
     "Your path stops one iterate early: compute the new h, add it to the path, and then "
     "stop if that step was smaller than tol."),
    (lambda *a: _loop(*a, stop=False),
     "Your loop never stops early: stop as soon as a step is smaller than tol."),
    (lambda *a: _loop(*a, updates=a[4] - 1),
     "One step short at the cap: make at most max_iter updates, so that a run stopped by "
     "the cap has max_iter + 1 values in its path, h0 included."),
    (lambda *a: _loop(*a, updates=a[4] + 1),
     "One step too many at the cap: make at most max_iter updates, so that a run stopped "
     "by the cap has max_iter + 1 values in its path, h0 included."),
    (lambda *a: _reference_path(*a)[1:],
     "Start the path with h0 itself: the path is h0, h1, h2, ..."),
    (lambda *a: _reference_path(*a)[-1],
     "Return the whole path [h0, h1, ...], not only the last iterate."),
]


class _Runaway(Exception):
    """Raised by the probe's derivative once a loop has run far past its cap."""


def _runs_past_the_cap(answer):
    """True if ``answer`` keeps calling the derivative far beyond ``max_iter`` updates, on
    a run that never settles (alpha = 1 on the squared risk). Any other failure is left
    for :func:`judge_function` to report."""
    max_iter, calls = 20, [0]
    slope = _squared_slope_of(erm.load_salaries())

    def counting(h):
        calls[0] += 1
        if calls[0] > 4 * max_iter + 10:
            raise _Runaway
        return slope(h)

    try:
        answer(counting, 150_000.0, 1.0, 1e-6, max_iter)
    except _Runaway:
        return True
    except Exception:   # the student's code may raise anything: judge_function says so
        return False
    return False


@exercise("05.1")
def descent_loop(answer):
    if callable(answer) and _runs_past_the_cap(answer):
        return False, ("With α = 1 on the squared risk your loop went on far past max_iter "
                       "updates: it needs a cap. Loop at most max_iter times, for example "
                       "with for _ in range(max_iter).")
    cases = _descent_cases()
    return judge_function(
        answer, cases, _reference_path, DESCENT_MISTAKES,
        signature="descend(derivative, h0, alpha, tol, max_iter)", rtol=1e-12, atol=1e-6,
        right=(f"Your path equals erm.gradient_descent's on all {len(cases)} hidden cases: "
               "runs that converge, bounce or are still moving at the cap, on the squared "
               "and the UCSD risks."))


# --------------------------------------------------------------------------------------
# 05.2 - 05.5
# --------------------------------------------------------------------------------------

def _squared_descent(alpha, h0=150_000.0, max_iter=10):
    """Descent on the squared risk of the five salaries, for the exercises of notebook 05."""
    y = erm.load_salaries()
    return erm.gradient_descent(lambda h: erm.squared_risk_derivative(h, y), h0, alpha,
                                max_iter=max_iter)


@exercise("05.2")
def third_step_on_squared_risk(answer):
    alpha, h0 = 0.25, 150_000.0
    path = _squared_descent(alpha, h0).path
    expected = path[3]
    value = as_float(answer)
    if value is None:
        return False, "Give one number of dollars."
    if abs(value - expected) <= 0.01:
        mean = erm.squared_risk_minimizer(erm.load_salaries())
        return True, (f"h₃ = {money(expected)}: the error {money(h0 - mean)} was multiplied "
                      f"by 1 - 2α = {1 - 2 * alpha:g} three times.")
    for k, h in enumerate(path):
        if abs(value - h) <= 0.01:
            return False, (f"That is h_{k}, after {k} update(s). h₃ comes after three "
                           "updates, counting from h₀.")
    return False, "Use h_i - mean = (1 - 2α)(h_(i-1) - mean) three times, starting at h₀."


def _ucsd_slope(h):
    return erm.ucsd_risk_derivative(h, erm.load_salaries(), SIGMA)


@exercise("05.3")
def alpha_above_one_valleys_limit(answer):
    y = erm.load_salaries()
    shallow = erm.ucsd_local_minima(y, SIGMA)[-1]
    run = "Run the next cell."
    bound = math.sqrt(2 / math.e)      # the largest |R'| times sigma (notebook 05)
    return judge_choice(
        answer,
        {"converges": ["converge", "converged", "settles", "settle"],
         "oscillates": ["oscillate", "oscillating", "bounces", "bounce"],
         "diverges": ["diverge", "diverged"]},
        "converges",
        {"converges": (f"Yes: it settles in the shallow valley near {money(shallow)}. The "
                       "limit 2/R″ belongs to one valley; the shallow valley curves less "
                       "(a smaller R″), so its limit is larger than 2.5σ². " + run),
         "oscillates": ("That is what the run from $130,000 did around h*, because 2.5σ² is "
                        "above that valley's limit 2/R″(h*). A start at $170,000 stays in "
                        "the other valley, which curves differently. " + run),
         "diverges": (f"The UCSD slope is never larger than {bound:.3f}/σ, so with α = "
                      f"2.5σ² no step is longer than {2.5 * bound:.2f}σ: the iterates "
                      "cannot run away. " + run)})


def shallow_limit_in_sigma_squared(y=None, sigma=SIGMA):
    """2 / R''(m) / sigma**2 at the highest local minimum m of the UCSD risk (a central
    difference of the exact derivative, with d = $1)."""
    y = erm.load_salaries() if y is None else y
    m = erm.ucsd_local_minima(y, sigma)[-1]
    second = (erm.ucsd_risk_derivative(m + 1, y, sigma)
              - erm.ucsd_risk_derivative(m - 1, y, sigma)) / 2
    return 2 / second / sigma**2, second


@exercise("05.4")
def limit_in_the_shallow_valley(answer):
    limit, second = shallow_limit_in_sigma_squared()
    y = erm.load_salaries()
    h_star = erm.ucsd_global_minimizer(y, SIGMA)
    global_second = (_ucsd_slope(h_star + 1) - _ucsd_slope(h_star - 1)) / 2
    value = as_float(answer)
    if value is None:
        return False, "Give one number: the limit in units of σ² (a number such as 1.5)."
    if near(value, limit, 0.05):
        return True, (f"2/R″ = {limit:.2f} σ² at the shallow minimum: α = 2.5σ² is below it, "
                      "so the run from $170,000 settles there.")
    if near(value, 2 / global_second / SIGMA**2, 0.05):
        return False, ("That is the limit at the global minimum h*. Measure R″ at the other "
                       "local minimum, erm.ucsd_local_minima(y, 21_000)[1].")
    if near(value, limit * SIGMA**2, 0.05 * SIGMA**2):
        return False, "That is the limit in dollars squared: divide it by σ² = 441,000,000."
    if near(value, limit / 2, 0.03):
        return False, "That is 1/R″ in units of σ²: the limit is 2/R″."
    if near(value, second * SIGMA**2, 0.01):
        return False, "That is R″ times σ²: the limit is 2/R″, then divided by σ²."
    return False, ("Measure R″ at the shallow minimum with a central difference of R′, "
                   "(R′(m + 1) - R′(m - 1)) / 2, then compute 2/R″ and divide by σ².")


@exercise("05.5")
def units_and_the_learning_rate(answer):
    return judge_written(answer, [
        ("that on the squared risk the factor 1 - 2α has no unit, so α = 0.1 works in any "
         "unit", r"1 ?[-−] ?2 ?(α|alpha)|unit|same|still|unchanged|does not change"),
        ("that on the UCSD risk α is measured in (dollars) squared, like σ²",
         r"σ²|σ\^2|sigma\s*\*\*\s*2|sigma\^2|squared|square"),
        ("the new value: σ = 21 thousand, so α = σ² = 441 (a million times smaller)",
         r"441|million|10\^?6|1e6|1,000,000"),
    ])
