"""Exercises of notebook 05, gradient descent."""

import erm_helpers as erm
from erm_course.exercises.judging import as_float, exercise
from erm_course.formatting import money


def ucsd_hilltop(y, sigma, left, right):
    """The local maximum of the UCSD risk between two neighbouring local minimizers.

    Bisection on the sign of the derivative, which is positive just right of ``left`` and
    negative just left of ``right``; stops when the bracket no longer shrinks.
    """
    for _ in range(2_000):   # halving a float bracket reaches adjacent floats long before
        mid = 0.5 * (left + right)
        if mid <= left or mid >= right:
            break
        if erm.ucsd_risk_derivative(mid, y, sigma) > 0:
            left = mid
        else:
            right = mid
    return 0.5 * (left + right)


def _squared_descent(alpha, h0=150_000.0, max_iter=10):
    """Descent on the squared risk of the five salaries, for the exercises of notebook 05."""
    y = erm.load_salaries()
    return erm.gradient_descent(lambda h: erm.squared_risk_derivative(h, y), h0, alpha,
                                max_iter=max_iter)


@exercise("05.1")
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


@exercise("05.2")
def alpha_that_flips_and_halves(answer):
    value = as_float(answer)
    if value is None or value <= 0:
        return False, "Give one positive number: a learning rate α."
    mean = erm.squared_risk_minimizer(erm.load_salaries())
    path = _squared_descent(value, max_iter=1).path
    ratio = (path[1] - mean) / (path[0] - mean)
    if abs(ratio + 0.5) <= 1e-9:
        return True, (f"With α = {value:g} one step turns the error {money(path[0] - mean)} "
                      f"into {money(path[1] - mean)}: a factor 1 - 2α = {ratio:g}.")
    if abs(ratio - 0.5) <= 1e-9:
        return False, ("That halves the error but keeps its sign (no flip). Solve "
                       "1 - 2α = -1/2.")
    return False, (f"With α = {value:g} each error is {ratio:.4g} times the one before. "
                   "Solve 1 - 2α = -1/2.")


@exercise("05.3")
def hilltop_between_ucsd_minima(answer):
    y, sigma = erm.load_salaries(), 21_000.0
    minima = erm.ucsd_local_minima(y, sigma)
    top = ucsd_hilltop(y, sigma, minima[0], minima[-1])
    value = as_float(answer)
    if value is None:
        return False, "Give one number of dollars."
    if abs(value - top) <= 100:
        return True, (f"The hilltop is at {money(top)}: descent started left of it ends "
                      f"near {money(minima[0])}, started right of it near "
                      f"{money(minima[-1])}.")
    side = "left" if value < top else "right"
    return False, (f"{money(value)} is {side} of the hilltop. Look for the h between the two "
                   "minima where the derivative changes sign from + to -.")
