"""The course's static figures, one module per group of notebooks.

The figures are split by notebook because each group draws different mathematics and
the whole would pass 800 lines in one file:

``absolute_and_squared``
    notebooks 01-03: the number line, the absolute and the squared risks, outliers.
``ucsd_and_descent``
    notebooks 04-05: the UCSD loss and risk, gradient descent.
``choosing_a_loss``
    notebook 06: the L_p family, the 0-1 loss and the mode, the Huber loss.
``outliers_and_convexity``
    notebook 07: influence curves, convexity (chords, slopes), descent with corners.
``a_line``
    notebook 08: the professors by rank, the risk surface of a line, 2-D descent, residuals.

Every function takes ``ax=None`` (or ``axes=None``) and returns a dict of what it drew.
A notebook calls them as ``figures.plot_absolute_risk(y)``, whichever module holds them.
"""

from erm_course.figures.absolute_and_squared import (
    plot_absolute_loss, plot_absolute_risk, plot_both_risks, plot_flat_bottom, plot_number_line,
    plot_outlier_experiment, plot_risk_and_slope, plot_salary_histogram, plot_slope_steps,
    plot_squared_risk)
from erm_course.figures.ucsd_and_descent import (
    UCSD_SIGMAS, plot_descent_errors, plot_descent_paths, plot_ucsd_derivative,
    plot_ucsd_loss, plot_ucsd_risk, plot_ucsd_risk_grid)
from erm_course.figures.choosing_a_loss import (
    HUBER_DELTAS, LP_EXPONENTS, p_label, plot_huber_loss, plot_huber_minimizers,
    plot_huber_risk_grid, plot_lp_minimizers, plot_lp_risk_grid, plot_lp_typical_errors,
    plot_zero_one_and_ucsd)
from erm_course.figures.outliers_and_convexity import (
    influence_table, plot_chords, plot_descent_on_absolute_risk, plot_influence_curves,
    plot_slopes, second_largest, with_largest_replaced)
from erm_course.figures.a_line import (
    plot_inverted_regression, plot_line_descent_paths, plot_line_settings, plot_line_surface,
    plot_quadratic_fit, plot_residuals_by_bin, plot_salaries_by_rank, plot_within_rank_lines)

__all__ = [
    # notebooks 01-03
    "plot_number_line", "plot_absolute_loss", "plot_absolute_risk", "plot_slope_steps",
    "plot_risk_and_slope", "plot_flat_bottom", "plot_squared_risk", "plot_both_risks",
    "plot_outlier_experiment", "plot_salary_histogram",
    # notebooks 04-05
    "UCSD_SIGMAS", "plot_ucsd_loss", "plot_ucsd_risk", "plot_ucsd_risk_grid",
    "plot_ucsd_derivative", "plot_descent_paths", "plot_descent_errors",
    # notebook 06
    "LP_EXPONENTS", "HUBER_DELTAS", "p_label", "plot_lp_typical_errors", "plot_lp_minimizers",
    "plot_lp_risk_grid", "plot_zero_one_and_ucsd", "plot_huber_loss", "plot_huber_minimizers",
    "plot_huber_risk_grid",
    # notebook 07
    "with_largest_replaced", "second_largest", "influence_table", "plot_influence_curves",
    "plot_chords", "plot_slopes", "plot_descent_on_absolute_risk",
    # notebook 08
    "plot_salaries_by_rank", "plot_line_surface", "plot_line_settings",
    "plot_line_descent_paths", "plot_residuals_by_bin", "plot_quadratic_fit",
    "plot_within_rank_lines", "plot_inverted_regression",
]
