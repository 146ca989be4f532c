"""The error tables of notebooks 01-03, and those of the lines of notebook 08.

A table is a plain pandas DataFrame of numbers, so code can keep computing with what it
shows; :func:`money_table` only decides how it looks.
"""

import hashlib

import numpy as np
import pandas as pd

import erm_helpers as erm
from erm_course.formatting import money

__all__ = ["error_table", "mean_error_table", "money_table", "labelled_predictions", "DECADES",
           "line_error_table", "line_table", "bin_means"]


_SUMMARY_ROWS = ("total error", "mean error")


def error_table(y, h):
    """The error of one prediction ``h`` on each value of ``y``, with the total and the mean.

    Parameters
    ----------
    y : array_like, 1-D
        The data (salaries, in dollars).
    h : float
        The prediction.

    Returns
    -------
    pandas.DataFrame
        Columns ``"salary"`` (y) and ``"error"`` (:math:`|h - y_i|`), one row per value of
        ``y`` in the order given (labelled 1 to n), then the rows ``"total error"`` and
        ``"mean error"``, where ``"salary"`` is empty (NaN). Every entry is a float; show
        the table with :func:`money_table`, which takes its caption from
        ``table.attrs["caption"]``.

    Examples
    --------
    >>> table = error_table(erm.load_salaries(), 150_000)
    >>> table["error"].tolist()
    [60000.0, 56000.0, 54000.0, 30000.0, 10000.0, 210000.0, 42000.0]
    """
    y = erm.as_data(y)
    if np.ndim(h) != 0:
        raise ValueError(f"h must be a single number, got shape {np.shape(h)}")
    h = float(erm.as_h(h))
    errors = erm.absolute_loss(h, y)
    table = pd.DataFrame(
        {"salary": np.concatenate([y, [np.nan, np.nan]]),
         "error": np.concatenate([errors, [errors.sum(), errors.mean()]])},
        index=pd.Index([*range(1, y.size + 1), *_SUMMARY_ROWS], dtype=object))
    table.attrs["caption"] = f"Errors |h − yᵢ| for h = {money(h)}"
    return table


def labelled_predictions(predictions):
    """``{label: h}`` from a dict (kept as given) or a sequence of predictions, each of which
    is then labelled by its value (``"$150,000"``).

    >>> labelled_predictions([150_000, 115_000])
    {'$150,000': 150000.0, '$115,000': 115000.0}
    """
    if isinstance(predictions, dict):
        labels, values = list(predictions), list(predictions.values())
    elif isinstance(predictions, (list, tuple, np.ndarray)):
        values = list(np.ravel(predictions))
        labels = [money(float(v)) if erm.is_real_number(v) else repr(v) for v in values]
    else:
        raise TypeError("predictions must be a dict {label: h} or a list of predictions, "
                        f"got {predictions!r}")
    if not values:
        raise TypeError("predictions must hold at least one prediction")
    h = erm.as_h(values)
    if h.ndim != 1:
        raise ValueError("each prediction must be a single number")
    return dict(zip(labels, h.tolist()))


def mean_error_table(y, predictions):
    """Total and mean error of several predictions on the same data.

    Parameters
    ----------
    y : array_like, 1-D
        The data (salaries, in dollars).
    predictions : dict or sequence
        ``{label: h}``, for example ``{"mean": 112_000, "median": 96_000}``, or a list of
        predictions, each labelled by its value (``"$150,000"``).

    Returns
    -------
    pandas.DataFrame
        One row per prediction, in the order given (indexed by the labels, with no index
        name, so that the table shows one header row), with the columns ``"h"``,
        ``"total error"`` and ``"mean error"`` (the absolute risk), all floats.

    Examples
    --------
    >>> y = erm.load_salaries()
    >>> mean_error_table(y, {"mean": 112_000, "median": 96_000})["mean error"].tolist()
    [22400.0, 19200.0]
    >>> mean_error_table(y, [150_000, 115_000]).index.tolist()
    ['$150,000', '$115,000']
    """
    y = erm.as_data(y)
    predictions = labelled_predictions(predictions)
    h = np.array(list(predictions.values()))
    risk = erm.absolute_risk(h, y)
    table = pd.DataFrame({"h": h, "total error": risk * y.size, "mean error": risk},
                         index=pd.Index(list(predictions)))
    table.attrs["caption"] = f"Mean error of each prediction on {y.size} salaries"
    return table


def money_table(table, money_columns=None, caption=None, decimals=4):
    """Show a table of numbers with dollars formatted as ``$90,000``; the data is untouched.

    Parameters
    ----------
    table : pandas.DataFrame
        For example from :func:`error_table` or :func:`mean_error_table`.
    money_columns : list of str, optional
        Columns holding dollars. Default: every numeric column.
    caption : str, optional
        Shown above the table. Default: ``table.attrs.get("caption")``.
    decimals : int, optional
        Digits after the point for the other float columns; whole-number columns (such as
        counts) are shown without a point.

    Returns
    -------
    pandas.io.formats.style.Styler
        Displays as an HTML table; ``.data`` is ``table`` itself. Empty cells (NaN) show
        blank, a plain 0, 1, 2, ... index is hidden, the rows ``"total error"`` and
        ``"mean error"`` are bold, the caption is kept on one line, and the HTML ids
        are derived from the table's content, so the same table always gives the same HTML
        (a stored notebook output can then be compared with a new run).

    Examples
    --------
    >>> styled = money_table(error_table([90_000, 160_000], 150_000))
    >>> "$60,000" in styled.to_html(), float(styled.data.loc["total error", "error"])
    (True, 70000.0)
    """
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"table must be a pandas DataFrame, got {type(table).__name__}")
    numeric = [c for c in table.columns if pd.api.types.is_numeric_dtype(table[c])]
    if money_columns is None:
        money_columns = numeric
    missing = [c for c in money_columns if c not in table.columns]
    if missing:
        raise ValueError(f"no such column(s) {missing}; columns: {list(table.columns)}")
    formats = {c: (money if c in money_columns
                   else "{:,}" if pd.api.types.is_integer_dtype(table[c])
                   else f"{{:,.{int(decimals)}f}}")
               for c in numeric}
    # Pandas gives every Styler a random id unless one is set; a hash of the content is
    # the same on every run.
    digest = hashlib.sha1(table.to_csv().encode()).hexdigest()[:10]
    styler = table.style.format(formats, na_rep="").set_uuid(f"erm{digest}")
    if isinstance(table.index, pd.RangeIndex) and table.index.name is None:
        styler = styler.hide(axis="index")
    bold = [row for row in _SUMMARY_ROWS if row in table.index]
    if bold:
        styler = styler.set_properties(subset=pd.IndexSlice[bold, :], **{"font-weight": "bold"})
    caption = table.attrs.get("caption") if caption is None else caption
    if caption:
        # A table of two narrow columns would wrap its caption mid-formula; unwrapped, the
        # caption widens the table instead.
        styler = styler.set_caption(caption).set_table_styles(
            [{"selector": "caption", "props": "white-space: nowrap;"}], overwrite=False)
    return styler




# --------------------------------------------------------------------------------------
# Notebook 08: lines
# --------------------------------------------------------------------------------------

#: The bins of years since the PhD that notebook 08 uses: (low, high, label), low <= x < high.
DECADES = ((0, 10, "under 10"), (10, 20, "10-19"), (20, 30, "20-29"), (30, 40, "30-39"),
           (40, np.inf, "40 or more"))

_MSE_ROW = "mean squared error"


def line_error_table(x, y, lines, rows=5):
    """The errors of several lines on the first ``rows`` points, and each line's mean
    squared error on all of them: the error table of notebook 01, for lines.

    Parameters
    ----------
    x, y : array_like, 1-D
        The feature (years since the PhD) and the salaries, in dollars.
    lines : dict
        ``{label: (w0, w1)}``, each the line :math:`h(x) = w_0 + w_1 x`.
    rows : int, optional
        How many points to list (the first ones, in file order).

    Returns
    -------
    pandas.DataFrame
        Rows ``1 .. rows`` with the columns ``"x"``, ``"salary"`` and, per line, its error
        :math:`y_i - h(x_i)`; then the row ``"mean squared error"`` (over all the points,
        :func:`erm_helpers.line_risk`), where ``"x"`` and ``"salary"`` are empty. Show it
        with :func:`line_table`.

    Examples
    --------
    >>> t = line_error_table([1.0, 2.0, 3.0], [2.0, 4.0, 7.0], {"A": (0.0, 2.0)}, rows=3)
    >>> t["A"].round(4).tolist()
    [0.0, 0.0, 1.0, 0.3333]
    """
    x, y = erm.as_xy(x, y)
    rows = erm.check_count("rows", rows)
    if not isinstance(lines, dict) or not lines:
        raise TypeError(f"lines must be a non-empty dict {{label: (w0, w1)}}, got {lines!r}")
    shown = min(rows, y.size)
    columns = {"x": np.append(x[:shown], np.nan), "salary": np.append(y[:shown], np.nan)}
    for label, (w0, w1) in lines.items():
        errors = y[:shown] - w0 - w1 * x[:shown]
        columns[label] = np.append(errors, erm.line_risk(w0, w1, x, y))
    table = pd.DataFrame(columns, index=pd.Index([*range(1, shown + 1), _MSE_ROW],
                                                 dtype=object))
    table.attrs["caption"] = (f"Errors y − h(x) on the first {shown} points, and the mean "
                              f"squared error on all {y.size}")
    return table


def line_table(table, x_name="years since PhD"):
    """Show a :func:`line_error_table`: errors in dollars, the mean squared error in
    dollars squared (scientific notation), that row in bold; the data is untouched."""
    if not isinstance(table, pd.DataFrame) or _MSE_ROW not in table.index:
        raise TypeError("table must come from line_error_table")
    lines = [c for c in table.columns if c not in ("x", "salary")]
    points = [row for row in table.index if row != _MSE_ROW]
    digest = hashlib.sha1(table.to_csv().encode()).hexdigest()[:10]
    styler = (table.rename(columns={"x": x_name}).style
              .format(money, subset=pd.IndexSlice[points, ["salary", *lines]])
              .format("{:g}", subset=pd.IndexSlice[points, [x_name]])
              .format("{:.4e}", subset=pd.IndexSlice[[_MSE_ROW], lines], na_rep="")
              .format("", subset=pd.IndexSlice[[_MSE_ROW], [x_name, "salary"]], na_rep="")
              .set_uuid(f"erm{digest}")
              .set_properties(subset=pd.IndexSlice[[_MSE_ROW], :], **{"font-weight": "bold"}))
    return styler.set_caption(table.attrs.get("caption", "")).set_table_styles(
        [{"selector": "caption", "props": "white-space: nowrap;"}], overwrite=False)


def bin_means(x, values, bins=DECADES):
    """The mean of ``values`` over each bin of ``x``: a DataFrame indexed by the bins'
    labels with the columns ``"count"``, ``"mean x"`` and ``"mean"`` (empty bins left out).

    Examples
    --------
    >>> bin_means([1.0, 5.0, 12.0], [10.0, 20.0, 40.0])["mean"].tolist()
    [15.0, 40.0]
    """
    x = erm.as_numbers(x, "x")
    values = erm.as_numbers(values, "values")
    if x.shape != values.shape or x.ndim != 1:
        raise ValueError(f"x and values must be 1-D and of the same length, got shapes "
                         f"{x.shape} and {values.shape}")
    found = {}
    for low, high, label in bins:
        inside = (x >= low) & (x < high)
        if inside.any():
            found[label] = (int(inside.sum()), float(x[inside].mean()),
                            float(values[inside].mean()))
    return pd.DataFrame.from_dict(found, orient="index", columns=["count", "mean x", "mean"])
