"""Bad input: a clear error that names the rule, raised before anything is computed.

Every public function that takes data ``y`` is tried with every broken ``y``, with one h
(the plain formula) and with an array of h (the fast path). The losses broadcast ``y`` of
any shape, so only the rules about values (no text, None, NaN or infinity) apply to them.
"""

import math

import numpy as np
import pytest

import erm_helpers as erm

H_ARRAY = np.array([90_000.0, 100_000.0, 150_000.0])

# name -> call(y); every public function that takes the data y
DATA_FUNCTIONS = {
    "absolute_risk": lambda y: erm.absolute_risk(100_000, y),
    "absolute_risk[fast]": lambda y: erm.absolute_risk(H_ARRAY, y),
    "squared_risk": lambda y: erm.squared_risk(100_000, y),
    "squared_risk[fast]": lambda y: erm.squared_risk(H_ARRAY, y),
    "ucsd_risk": lambda y: erm.ucsd_risk(100_000, y, 10_000),
    "ucsd_risk[fast]": lambda y: erm.ucsd_risk(H_ARRAY, y, 10_000),
    "empirical_risk": lambda y: erm.empirical_risk(erm.absolute_loss, 100_000, y),
    "empirical_risk[array]": lambda y: erm.empirical_risk(erm.ucsd_loss, H_ARRAY, y,
                                                          sigma=10_000),
    "absolute_risk_slope": lambda y: erm.absolute_risk_slope(100_000, y),
    "absolute_risk_slope[fast]": lambda y: erm.absolute_risk_slope(H_ARRAY, y),
    "squared_risk_derivative": lambda y: erm.squared_risk_derivative(100_000, y),
    "squared_risk_derivative[fast]": lambda y: erm.squared_risk_derivative(H_ARRAY, y),
    "ucsd_risk_derivative": lambda y: erm.ucsd_risk_derivative(100_000, y, 10_000),
    "ucsd_risk_derivative[fast]": lambda y: erm.ucsd_risk_derivative(H_ARRAY, y, 10_000),
    "absolute_risk_minimizers": erm.absolute_risk_minimizers,
    "squared_risk_minimizer": erm.squared_risk_minimizer,
    "ucsd_local_minima": lambda y: erm.ucsd_local_minima(y, 10_000),
    "ucsd_global_minimizer": lambda y: erm.ucsd_global_minimizer(y, 10_000),
    "lp_risk": lambda y: erm.lp_risk(100_000, y, 3),
    "lp_risk[array]": lambda y: erm.lp_risk(H_ARRAY, y, 3),
    "lp_typical_error[array]": lambda y: erm.lp_typical_error(H_ARRAY, y, 1.5),
    "huber_risk": lambda y: erm.huber_risk(100_000, y, 10_000),
    "huber_risk[fast]": lambda y: erm.huber_risk(H_ARRAY, y, 10_000),
    "huber_risk_derivative": lambda y: erm.huber_risk_derivative(100_000, y, 10_000),
    "huber_risk_derivative[fast]": lambda y: erm.huber_risk_derivative(H_ARRAY, y, 10_000),
    "zero_one_risk": lambda y: erm.zero_one_risk(100_000, y),
    "zero_one_risk[fast]": lambda y: erm.zero_one_risk(H_ARRAY, y),
    "lp_risk_minimizer": lambda y: erm.lp_risk_minimizer(y, 1.5),
    "huber_risk_minimizer": lambda y: erm.huber_risk_minimizer(y, 10_000),
    "zero_one_risk_minimizers": erm.zero_one_risk_minimizers,
}

# the losses: y of any shape, h a number or an array that broadcasts against it
LOSS_FUNCTIONS = {
    "absolute_loss": lambda y: erm.absolute_loss(100_000, y),
    "absolute_loss[array]": lambda y: erm.absolute_loss(H_ARRAY[:, None], y),
    "squared_loss": lambda y: erm.squared_loss(100_000, y),
    "squared_loss[array]": lambda y: erm.squared_loss(H_ARRAY[:, None], y),
    "ucsd_loss": lambda y: erm.ucsd_loss(100_000, y, 10_000),
    "ucsd_loss[array]": lambda y: erm.ucsd_loss(H_ARRAY[:, None], y, 10_000),
    "lp_loss": lambda y: erm.lp_loss(100_000, y, 1.5),
    "huber_loss": lambda y: erm.huber_loss(100_000, y, 10_000),
    "zero_one_loss[array]": lambda y: erm.zero_one_loss(H_ARRAY[:, None], y),
}

ALL_FUNCTIONS = {**DATA_FUNCTIONS, **LOSS_FUNCTIONS}

# rules about the values in y: they hold for every function
VALUE_RULES = [
    pytest.param([90_000, math.nan, 96_000], ValueError, r"y must be finite.*nan",
                 id="nan"),
    pytest.param([90_000, math.inf], ValueError, r"y must be finite.*inf", id="+inf"),
    pytest.param([-math.inf, 90_000], ValueError, r"y must be finite.*-inf", id="-inf"),
    pytest.param(np.array([1.0, np.nan]), ValueError, r"y must be finite", id="nan-array"),
    pytest.param("abc", TypeError, r"y must hold numbers, not text", id="text"),
    pytest.param(["1", "2"], TypeError, r"y must hold numbers, not text", id="text-list"),
    pytest.param([90_000, "a"], TypeError, r"y must hold numbers, not text", id="text-mix"),
    pytest.param(None, TypeError, r"y must be numbers, got None", id="None"),
    pytest.param([90_000, None, 96_000], TypeError, r"y must hold numbers only, found None",
                 id="None-inside"),
    pytest.param([None], TypeError, r"y must hold numbers only, found None",
                 id="None-only"),
    pytest.param([90_000, object()], TypeError, r"y must hold numbers only", id="object"),
    pytest.param([True, False], TypeError, r"y must hold numbers, not True/False",
                 id="bool"),
    pytest.param([1 + 2j, 3], TypeError, r"y must hold real numbers", id="complex"),
]

# rules about the shape of y: they hold for the functions that take data (not the losses)
SHAPE_RULES = [
    pytest.param([], ValueError, r"y must not be empty", id="empty-list"),
    pytest.param(np.array([]), ValueError, r"y must not be empty", id="empty-array"),
    pytest.param([[90_000, 94_000], [96_000, 120_000]], ValueError, r"y must be 1-D",
                 id="2-D"),
    pytest.param([[90_000, 94_000]], ValueError, r"y must be 1-D", id="row"),
    pytest.param(96_000, ValueError, r"y must be 1-D", id="scalar"),
    pytest.param([[1, 2], [3]], ValueError, r"y must be a rectangular array", id="ragged"),
]


@pytest.mark.parametrize("bad, error, rule", VALUE_RULES)
@pytest.mark.parametrize("name", sorted(ALL_FUNCTIONS))
def test_bad_values_in_y(name, bad, error, rule):
    with pytest.raises(error, match=rule):
        ALL_FUNCTIONS[name](bad)


@pytest.mark.parametrize("bad, error, rule", SHAPE_RULES)
@pytest.mark.parametrize("name", sorted(DATA_FUNCTIONS))
def test_bad_shape_of_y(name, bad, error, rule):
    with pytest.raises(error, match=rule):
        DATA_FUNCTIONS[name](bad)


@pytest.mark.parametrize("name", sorted(DATA_FUNCTIONS))
def test_good_y_passes(name):
    # the same calls work on good data, so the errors above come from the rules
    DATA_FUNCTIONS[name]([90_000, 94_000, 96_000, 120_000, 160_000])
    DATA_FUNCTIONS[name](np.array([90_000, 94_000], dtype=np.int64))   # integers are fine


@pytest.mark.parametrize("name", sorted(LOSS_FUNCTIONS))
def test_losses_take_y_of_any_shape(name):
    assert np.shape(LOSS_FUNCTIONS[name](np.ones((2, 1, 3)))) in [(2, 1, 3), (2, 3, 3)]
    assert np.size(LOSS_FUNCTIONS[name]([])) == 0


# --- bad h ----------------------------------------------------------------------------

H_FUNCTIONS = {
    "absolute_loss": lambda h: erm.absolute_loss(h, [1.0, 2.0]),
    "squared_loss": lambda h: erm.squared_loss(h, [1.0, 2.0]),
    "ucsd_loss": lambda h: erm.ucsd_loss(h, [1.0, 2.0], 1.0),
    "absolute_risk": lambda h: erm.absolute_risk(h, [1.0, 2.0]),
    "squared_risk": lambda h: erm.squared_risk(h, [1.0, 2.0]),
    "ucsd_risk": lambda h: erm.ucsd_risk(h, [1.0, 2.0], 1.0),
    "empirical_risk": lambda h: erm.empirical_risk(erm.squared_loss, h, [1.0, 2.0]),
    "absolute_risk_slope": lambda h: erm.absolute_risk_slope(h, [1.0, 2.0]),
    "squared_risk_derivative": lambda h: erm.squared_risk_derivative(h, [1.0, 2.0]),
    "ucsd_risk_derivative": lambda h: erm.ucsd_risk_derivative(h, [1.0, 2.0], 1.0),
    "lp_loss": lambda h: erm.lp_loss(h, [1.0, 2.0], 3),
    "lp_risk": lambda h: erm.lp_risk(h, [1.0, 2.0], 3),
    "lp_typical_error": lambda h: erm.lp_typical_error(h, [1.0, 2.0], 3),
    "huber_loss": lambda h: erm.huber_loss(h, [1.0, 2.0], 1.0),
    "huber_risk": lambda h: erm.huber_risk(h, [1.0, 2.0], 1.0),
    "huber_risk_derivative": lambda h: erm.huber_risk_derivative(h, [1.0, 2.0], 1.0),
    "zero_one_loss": lambda h: erm.zero_one_loss(h, [1.0, 2.0]),
    "zero_one_risk": lambda h: erm.zero_one_risk(h, [1.0, 2.0]),
}


@pytest.mark.parametrize("bad, error, rule", [
    pytest.param(math.nan, ValueError, r"h must be finite", id="nan"),
    pytest.param(math.inf, ValueError, r"h must be finite", id="inf"),
    pytest.param([0.0, 1.0, -math.inf], ValueError, r"h must be finite", id="array-inf"),
    pytest.param(np.array([[0.0], [math.nan]]), ValueError, r"h must be finite",
                 id="array-2d-nan"),
    pytest.param("1.5", TypeError, r"h must hold numbers, not text", id="text"),
    pytest.param(None, TypeError, r"h must be numbers, got None", id="None"),
    pytest.param([0.0, None], TypeError, r"h must hold numbers only, found None",
                 id="None-inside"),
])
@pytest.mark.parametrize("name", sorted(H_FUNCTIONS))
def test_bad_h(name, bad, error, rule):
    with pytest.raises(error, match=rule):
        H_FUNCTIONS[name](bad)


# --- sigma ----------------------------------------------------------------------------

SIGMA_FUNCTIONS = {
    "ucsd_loss": lambda s: erm.ucsd_loss(100_000, [90_000, 96_000], s),
    "ucsd_loss[array]": lambda s: erm.ucsd_loss(H_ARRAY[:, None], [90_000, 96_000], s),
    "ucsd_risk": lambda s: erm.ucsd_risk(100_000, [90_000, 96_000], s),
    "ucsd_risk[fast]": lambda s: erm.ucsd_risk(H_ARRAY, [90_000, 96_000], s),
    "ucsd_risk_derivative": lambda s: erm.ucsd_risk_derivative(100_000, [90_000], s),
    "ucsd_risk_derivative[fast]": lambda s: erm.ucsd_risk_derivative(H_ARRAY, [90_000], s),
    "ucsd_local_minima": lambda s: erm.ucsd_local_minima([90_000, 96_000], s),
    "ucsd_global_minimizer": lambda s: erm.ucsd_global_minimizer([90_000, 96_000], s),
    "empirical_risk": lambda s: erm.empirical_risk(erm.ucsd_loss, H_ARRAY, [90_000], sigma=s),
}


@pytest.mark.parametrize("sigma, error, rule", [
    pytest.param(0, ValueError, r"sigma must be positive, got 0", id="zero"),
    pytest.param(0.0, ValueError, r"sigma must be positive", id="zero-float"),
    pytest.param(-3_000, ValueError, r"sigma must be positive, got -3000", id="negative"),
    pytest.param(math.nan, ValueError, r"sigma must be finite, got nan", id="nan"),
    pytest.param(math.inf, ValueError, r"sigma must be finite, got inf", id="inf"),
    pytest.param(-math.inf, ValueError, r"sigma must be finite", id="-inf"),
    pytest.param("3000", TypeError, r"sigma must be a number", id="text"),
    pytest.param(None, TypeError, r"sigma must be a number", id="None"),
    pytest.param(True, TypeError, r"sigma must be a number", id="bool"),
])
@pytest.mark.parametrize("name", sorted(SIGMA_FUNCTIONS))
def test_bad_sigma(name, sigma, error, rule):
    with pytest.raises(error, match=rule):
        SIGMA_FUNCTIONS[name](sigma)


@pytest.mark.parametrize("name", sorted(SIGMA_FUNCTIONS))
def test_good_sigma_passes(name):
    SIGMA_FUNCTIONS[name](3_000)
    SIGMA_FUNCTIONS[name](np.float64(2.5e4))


# --- delta (Huber) and p (L_p) -------------------------------------------------------

DELTA_FUNCTIONS = {
    "huber_loss": lambda d: erm.huber_loss(100_000, [90_000, 96_000], d),
    "huber_risk": lambda d: erm.huber_risk(100_000, [90_000, 96_000], d),
    "huber_risk[fast]": lambda d: erm.huber_risk(H_ARRAY, [90_000, 96_000], d),
    "huber_risk_derivative[fast]": lambda d: erm.huber_risk_derivative(H_ARRAY, [9.0], d),
    "huber_risk_minimizer": lambda d: erm.huber_risk_minimizer([90_000, 96_000], d),
}


@pytest.mark.parametrize("delta, error, rule", [
    pytest.param(0, ValueError, r"delta must be positive, got 0", id="zero"),
    pytest.param(-5_000, ValueError, r"delta must be positive, got -5000", id="negative"),
    pytest.param(math.nan, ValueError, r"delta must be finite, got nan", id="nan"),
    pytest.param(math.inf, ValueError, r"delta must be finite, got inf", id="inf"),
    pytest.param("5000", TypeError, r"delta must be a number", id="text"),
    pytest.param(None, TypeError, r"delta must be a number", id="None"),
])
@pytest.mark.parametrize("name", sorted(DELTA_FUNCTIONS))
def test_bad_delta(name, delta, error, rule):
    with pytest.raises(error, match=rule):
        DELTA_FUNCTIONS[name](delta)


P_FUNCTIONS = {
    "lp_loss": lambda p: erm.lp_loss(100_000, [90_000, 96_000], p),
    "lp_risk": lambda p: erm.lp_risk(100_000, [90_000, 96_000], p),
    "lp_risk[array]": lambda p: erm.lp_risk(H_ARRAY, [90_000, 96_000], p),
    "lp_typical_error": lambda p: erm.lp_typical_error(H_ARRAY, [90_000, 96_000], p),
    "lp_risk_minimizer": lambda p: erm.lp_risk_minimizer([90_000, 96_000], p),
}


@pytest.mark.parametrize("p, error, rule", [
    pytest.param(0.5, ValueError, r"p must be at least 1, got 0.5", id="half"),
    pytest.param(0, ValueError, r"p must be at least 1, got 0", id="zero"),
    pytest.param(-math.inf, ValueError, r"p must be at least 1, got -inf", id="-inf"),
    pytest.param(math.nan, ValueError, r"p must be at least 1, got nan", id="nan"),
    pytest.param("2", TypeError, r"p must be a number", id="text"),
    pytest.param(None, TypeError, r"p must be a number", id="None"),
    pytest.param(True, TypeError, r"p must be a number", id="bool"),
])
@pytest.mark.parametrize("name", sorted(P_FUNCTIONS))
def test_bad_p(name, p, error, rule):
    with pytest.raises(error, match=rule):
        P_FUNCTIONS[name](p)


@pytest.mark.parametrize("name", sorted(P_FUNCTIONS))
def test_good_p_passes(name):
    P_FUNCTIONS[name](1)
    P_FUNCTIONS[name](np.float64(2.5))
    if name != "lp_loss":                  # the risk of the largest error
        P_FUNCTIONS[name](math.inf)


def test_lp_loss_needs_a_finite_p():
    with pytest.raises(ValueError, match=r"p must be finite for the loss"):
        erm.lp_loss(100_000, [90_000], math.inf)


# --- gradient descent -----------------------------------------------------------------

class Recorder:
    """A derivative that remembers being called: bad input must stop before any step."""

    def __init__(self):
        self.calls = 0

    def __call__(self, h):
        self.calls += 1
        return 2 * (h - 112_000)


@pytest.mark.parametrize("kwargs, error, rule", [
    pytest.param({"alpha": 0}, ValueError, r"alpha must be positive, got 0", id="alpha-0"),
    pytest.param({"alpha": -0.1}, ValueError, r"alpha must be positive", id="alpha-neg"),
    pytest.param({"alpha": math.nan}, ValueError, r"alpha must be finite", id="alpha-nan"),
    pytest.param({"alpha": math.inf}, ValueError, r"alpha must be finite", id="alpha-inf"),
    pytest.param({"alpha": "0.1"}, TypeError, r"alpha must be a number", id="alpha-text"),
    pytest.param({"max_iter": 0}, ValueError, r"max_iter must be at least 1, got 0",
                 id="max_iter-0"),
    pytest.param({"max_iter": -1}, ValueError, r"max_iter must be at least 1, got -1",
                 id="max_iter-neg"),
    pytest.param({"max_iter": 2.5}, TypeError, r"max_iter must be a whole number",
                 id="max_iter-float"),
    pytest.param({"max_iter": 100.0}, TypeError, r"max_iter must be a whole number",
                 id="max_iter-float-whole"),
    pytest.param({"max_iter": "100"}, TypeError, r"max_iter must be a whole number",
                 id="max_iter-text"),
    pytest.param({"max_iter": True}, TypeError, r"max_iter must be a whole number",
                 id="max_iter-bool"),
    pytest.param({"tol": 0}, ValueError, r"tol must be positive, got 0", id="tol-0"),
    pytest.param({"tol": -1e-6}, ValueError, r"tol must be positive", id="tol-neg"),
    pytest.param({"tol": math.nan}, ValueError, r"tol must be finite", id="tol-nan"),
    pytest.param({"h0": math.nan}, ValueError, r"h0 must be finite", id="h0-nan"),
    pytest.param({"h0": math.inf}, ValueError, r"h0 must be finite", id="h0-inf"),
    pytest.param({"h0": None}, TypeError, r"h0 must be numbers, got None", id="h0-None"),
    pytest.param({"h0": "150000"}, TypeError, r"h0 must hold numbers", id="h0-text"),
    pytest.param({"h0": [[1.0, 2.0]]}, ValueError,
                 r"h0 must be one number or a sequence of numbers", id="h0-2d"),
    pytest.param({"h0": []}, ValueError, r"h0 must be one number or a sequence", id="h0-empty"),
    pytest.param({"bound": 0}, ValueError, r"bound must be positive", id="bound-0"),
    pytest.param({"shrink": "1/k^2"}, ValueError, r"shrink must be None, '1/k'",
                 id="shrink-unknown"),
])
def test_bad_descent_settings(kwargs, error, rule):
    args = {"h0": 150_000, "alpha": 0.1, **kwargs}
    derivative = Recorder()
    with pytest.raises(error, match=rule):
        erm.gradient_descent(derivative, args.pop("h0"), args.pop("alpha"), **args)
    assert derivative.calls == 0          # nothing half-done


@pytest.mark.parametrize("h0, returned, rule", [
    ([1.0, 2.0], 0.5, r"derivative\(h\) must return 2 numbers, one per parameter"),
    ([1.0, 2.0], [1.0, 2.0, 3.0], r"must return 2 numbers"),
    ([1.0, 2.0], "text", r"must return 2 numbers"),
    (1.0, [1.0, 2.0], r"derivative\(h\) must return one number"),
])
def test_the_derivative_must_match_the_start(h0, returned, rule):
    with pytest.raises(TypeError, match=rule):
        erm.gradient_descent(lambda h: returned, h0, 0.1)


def test_derivative_must_be_callable():
    with pytest.raises(TypeError, match=r"derivative must be a function"):
        erm.gradient_descent(0.5, 150_000, 0.1)


def test_good_descent_settings_pass():
    derivative = Recorder()
    run = erm.gradient_descent(derivative, np.float64(150_000), np.float64(0.1),
                               tol=np.float64(1e-3), max_iter=np.int64(1_000))
    assert run.converged and derivative.calls == run.steps


# --- data files -----------------------------------------------------------------------

LOADERS = [erm.load_salaries, erm.load_professor_salaries]


def write(tmp_path, text):
    path = tmp_path / "some.csv"
    path.write_text(text)
    return path


@pytest.mark.parametrize("load", LOADERS)
def test_missing_file(tmp_path, load):
    with pytest.raises(FileNotFoundError, match=r"data file not found: .*nowhere\.csv"):
        load(tmp_path / "nowhere.csv")
    with pytest.raises(FileNotFoundError, match=r"data file not found"):
        load(tmp_path)                      # a folder is not a data file


@pytest.mark.parametrize("load", LOADERS)
@pytest.mark.parametrize("text", [
    pytest.param("salary\n90000\n", id="other-name"),
    pytest.param("name,pay\nA,90000\n", id="two-other-columns"),
    pytest.param("", id="empty-file"),
])
def test_no_salary_column(tmp_path, load, text):
    with pytest.raises(ValueError, match=r"has no 'salary_usd' column"):
        load(write(tmp_path, text))


@pytest.mark.parametrize("load", LOADERS)
@pytest.mark.parametrize("cell, rule", [
    pytest.param("abc", r"line 3: salary_usd is 'abc', not a number", id="text"),
    pytest.param("", r"line 3: salary_usd is '', not a number", id="blank"),
    pytest.param("90,000", r"line 3: salary_usd is '90,000', not a number",
                 id="thousands-comma"),
    pytest.param("nan", r"line 3: salary_usd is 'nan', not a finite number", id="nan"),
    pytest.param("inf", r"line 3: salary_usd is 'inf', not a finite number", id="inf"),
])
def test_non_numeric_cell(tmp_path, load, cell, rule):
    if "," in cell:
        cell = f'"{cell}"'
    path = write(tmp_path, f"name,salary_usd\nA,90000\nB,{cell}\nC,96000\n")
    with pytest.raises(ValueError, match=rule):
        load(path)


@pytest.mark.parametrize("load", LOADERS)
def test_no_rows(tmp_path, load):
    with pytest.raises(ValueError, match=r"has no rows of data"):
        load(write(tmp_path, "salary_usd\n"))


@pytest.mark.parametrize("load", LOADERS)
def test_good_file_passes(tmp_path, load):
    y = load(write(tmp_path, "name,salary_usd\nA,90000\nB, 94000.5 \n"))
    assert y.dtype == float and y.tolist() == [90_000, 94_000.5]
    assert load(str(write(tmp_path, "salary_usd\n1\n"))).tolist() == [1.0]


# --- the line ------------------------------------------------------------------------------

@pytest.mark.parametrize("call, error, rule", [
    (lambda: erm.line_risk(0, 1, [1, 2, 3], [1, 2]), ValueError, r"same length"),
    (lambda: erm.line_risk(0, 1, [1], [1]), ValueError, r"at least two points"),
    (lambda: erm.line_risk(0, 1, [1, math.nan], [1, 2]), ValueError, r"x must be finite"),
    (lambda: erm.line_risk(0, 1, [1, 2], ["a", "b"]), TypeError, r"y must hold numbers"),
    (lambda: erm.line_risk("w", 1, [1, 2], [1, 2]), TypeError, r"w0 must hold numbers"),
    (lambda: erm.least_squares_line([2, 2, 2], [1, 2, 3]), ValueError, r"x must not be constant"),
    (lambda: erm.line_risk_gradient(0, 1, [[1, 2]], [[1, 2]]), ValueError, r"1-D"),
    (lambda: erm.line_risk_hessian([]), ValueError, r"non-empty 1-D"),
    (lambda: erm.least_squares_fit([[1, 2], [2, 4], [3, 6]], [1, 2, 3]), ValueError,
     r"a combination of each other"),
    (lambda: erm.least_squares_fit([5, 5, 5], [1, 2, 3]), ValueError, r"must not be constant"),
    (lambda: erm.least_squares_fit([1, 2, 3], [1, 2]), ValueError, r"one row per value of y"),
    (lambda: erm.least_squares_fit([[1, 2], [2, 3]], [1, 2]), ValueError, r"at least 3 points"),
    (lambda: erm.least_squares_fit([[[1.0]]], [1]), ValueError, r"1-D or 2-D"),
    (lambda: erm.least_squares_fit(["a", "b"], [1, 2]), TypeError, r"features must hold numbers"),
])
def test_bad_line_input_names_the_rule(call, error, rule):
    with pytest.raises(error, match=rule):
        call()
