"""What the slider tests share: every explorer of the course, and a run of moves for each.

Used by ``tests/test_explorer.py`` (what every explorer shares) and the explorers' own tests.
Nothing here runs on import: the explorers are made only when a test calls a maker.
"""

import math

import erm_helpers as erm
from erm_course import explorers, line_explorers, loss_explorers

SALARIES = erm.load_salaries()
_TABLE = erm.load_professors()
PROFESSORS = (_TABLE["yrs_since_phd"], _TABLE["salary_usd"])

#: name -> a function that makes the explorer, at the start the notebooks use
MAKERS = {
    "sigma": lambda: explorers.ucsd_explorer(SALARIES, sigma=21_000),
    "alpha": lambda: explorers.descent_explorer(SALARIES, alpha=0.1, h0=150_000),
    "p": lambda: loss_explorers.lp_explorer(SALARIES, p=1.5),
    "delta": lambda: loss_explorers.huber_explorer(SALARIES, delta=20_000),
    "outlier": lambda: loss_explorers.outlier_explorer(SALARIES, value=320_000),
    "line": lambda: line_explorers.line_explorer(*PROFESSORS, w0=60_000, w1=2_000),
    "line descent": lambda: line_explorers.line_descent_explorer(*PROFESSORS, alpha=0.001),
}

#: name -> the moves made on that explorer, in order: (control, new value). Each is a real
#: change of value; the alpha explorer's switch to the UCSD risk is a full redraw (new limits
#: and title), after which the curve moves too, by blitting.
MOVES = {
    "sigma": [("sigma_slider", s) for s in (3_000, 5_000, 7_000, 4_500, 10_000, 3_100,
                                           21_000, 8_800)],
    "alpha": ([("alpha_slider", a) for a in (0.5, 1.1, 0.75, 2.0, 0.3)]
              + [("h0_slider", 60_000), ("risk_picker", "ucsd"), ("sigma_slider", 9_000),
                 ("alpha_slider", 2.5), ("h0_slider", 170_000)]),
    "p": [("p_slider", p) for p in (1.0, 2.0, 100.0, math.inf, 3.0, 10.0)],
    "delta": [("delta_slider", d) for d in (5_000, 48_000, 1_000, 70_000, 10_000)],
    "outlier": [("value_slider", v) for v in (120_000, 1_000_000, 160_000, 540_000)],
    "line": [("w0_slider", 90_000), ("w1_slider", 985), ("w0_slider", 20_000)],
    "line descent": [("alpha_slider", a) for a in (0.005, 0.5, 0.0016)]
                    + [("scaling_picker", "standardized"), ("alpha_slider", 0.5)],
}


def make_moves(name, explorer):
    """Make the moves of ``MOVES[name]`` on ``explorer``; return how many were made."""
    for control, value in MOVES[name]:
        getattr(explorer, control).value = value
    return len(MOVES[name])
