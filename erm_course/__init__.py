"""What the notebooks show, built on the mathematics of :mod:`erm_helpers`.

One concern per module; a notebook imports what it shows by name::

    import numpy as np
    import erm_helpers as erm                        # the mathematics: read it
    from erm_course import check, figures, money     # display code: skip it if you like

``formatting``
    :func:`money`: dollars written alike everywhere.
``tables``
    the error tables of 01-03.
``style``
    what every figure shares: colours, axes, dollar ticks, the grids of h to draw at.
``figures``
    the static figures, one module per group of notebooks (see ``figures/__init__.py``).
``drawing``, ``explorer``, ``sliders``
    what every slider explorer stands on: the drawing layer (a scene that the page draws
    by itself, ``drawing.js``), the Explorer base, the sliders' stops and range checks.
``explorers``
    the sigma and alpha sliders of 04 and 05 (imported only by ``from erm_course import
    explorers``).
``loss_explorers``
    the p and delta sliders of 06 and the outlier slider of 07 (``from erm_course import
    loss_explorers``).
``line_explorers``
    the (w0, w1) sliders and the 2-D descent slider of 08 (``from erm_course import
    line_explorers``).
``exercises``
    :func:`check`, and the judges of each notebook's exercises, found by their key.

The arrows point one way: erm_course imports erm_helpers, never the other way round.
"""

from erm_course.exercises import check
from erm_course.formatting import money

__all__ = ["check", "money"]
