"""What the slider tests share: the five explorers, a run of moves for each, and the plain
full draw a blitted frame is compared with.

Used by ``tests/test_live.py`` (blitting and frames), ``tests/test_explorer.py`` (what
every explorer shares), ``tests/test_explorers.py`` and ``tests/test_loss_explorers.py``.
Nothing here runs on import: the explorers are made only when a test calls a maker.
"""

import io
import math

import numpy as np

import erm_helpers as erm
from erm_course import explorers, loss_explorers

SALARIES = erm.load_salaries()

#: name -> a function that makes the explorer, at the start the notebooks use
MAKERS = {
    "sigma": lambda: explorers.ucsd_explorer(SALARIES, sigma=21_000),
    "alpha": lambda: explorers.descent_explorer(SALARIES, alpha=0.1, h0=150_000),
    "p": lambda: loss_explorers.lp_explorer(SALARIES, p=1.5),
    "delta": lambda: loss_explorers.huber_explorer(SALARIES, delta=20_000),
    "outlier": lambda: loss_explorers.outlier_explorer(SALARIES, value=320_000),
}

#: name -> the moves made on that explorer, in order: (control, new value). Each is a real
#: change of value; the alpha explorer's switch to the UCSD risk is a full redraw (new limits
#: and title), after which the curve moves too, by blitting.
MOVES = {
    "sigma": [("sigma_slider", s) for s in (3_000, 5_000, 7_000, 4_500, 10_000, 3_100,
                                           21_000, 8_800)],
    "alpha": ([("alpha_slider", a) for a in (0.5, 1.1, 0.75, 2.0, 0.3)]
              + [("h0_slider", 40_000), ("risk_picker", "ucsd"), ("sigma_slider", 9_000),
                 ("alpha_slider", 2.5), ("h0_slider", 170_000)]),
    "p": [("p_slider", p) for p in (1.0, 2.0, 100.0, math.inf, 3.0, 10.0)],
    "delta": [("delta_slider", d) for d in (5_000, 48_000, 1_000, 70_000, 10_000)],
    "outlier": [("value_slider", v) for v in (120_000, 1_000_000, 160_000, 540_000)],
}


def make_moves(name, explorer):
    """Make the moves of ``MOVES[name]`` on ``explorer``; return how many were made."""
    for control, value in MOVES[name]:
        getattr(explorer, control).value = value
    return len(MOVES[name])


def plain_full_draw(explorer):
    """The explorer's current state drawn the plain way, every artist in one full draw
    (none animated, nothing blitted), as RGBA pixels; the explorer is left as it was."""
    for artist in explorer.live.moving:
        artist.set_animated(False)
    try:
        explorer.canvas.draw()
        return explorer.live.pixels()
    finally:
        for artist in explorer.live.moving:
            artist.set_animated(True)
        explorer.canvas.draw()


def decoded(png):
    """A PNG file's pixels as an RGBA array (decoded by Pillow, independently of us)."""
    from PIL import Image
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGBA"))
