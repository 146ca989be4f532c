"""Dollars written the same way everywhere: in readouts, tables, figures and feedback.

Plain Python, no pandas or matplotlib, so that every module can import it cheaply.
"""

__all__ = ["money", "tex_money", "money_or_scientific"]


def money(x, decimals=0):
    """Format dollars the same way everywhere: ``$112,000``.

    Parameters
    ----------
    x : float
        An amount in dollars.
    decimals : int, optional
        Digits after the point (default 0: whole dollars).

    Returns
    -------
    str

    Examples
    --------
    >>> money(112_000), money(-2_500.4), money(95_567.571, decimals=2)
    ('$112,000', '-$2,500', '$95,567.57')
    """
    x = float(x)
    sign = "-" if x < 0 and round(abs(x), decimals) != 0 else ""
    return f"{sign}${abs(x):,.{decimals}f}"


def tex_money(x):
    """:func:`money` for matplotlib text, where a bare "$" would start a formula.

    >>> tex_money(96_000)
    '\\\\$96,000'
    """
    return money(x).replace("$", r"\$")


def money_or_scientific(x):
    """Dollars, or scientific notation once a diverged iterate is astronomically large.

    >>> money_or_scientific(112_000), money_or_scientific(3.2e15)
    ('$112,000', '3.2e+15')
    """
    return money(x) if abs(x) < 1e9 else f"{x:.3g}"
