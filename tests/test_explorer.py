"""erm_course.explorer: what every slider explorer shares (the Explorer base).

An explorer is a widget box of controls, a readout, a key and a live figure; a change of
a control recomputes the moving artists and sets the readout; its repr reads the same
every time. Checked on a minimal subclass, then on all five explorers of the course
(``live_checks.MAKERS``). What each explorer draws is in ``tests/test_explorers.py`` and
``tests/test_loss_explorers.py``; the blitting behind ``refresh`` in ``tests/test_live.py``.
"""

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import pytest

from erm_course.explorer import Explorer
from live_checks import MAKERS

# the control that the notebook's reader moves first, per explorer
MAIN_CONTROL = {"sigma": "sigma_slider", "alpha": "alpha_slider", "p": "p_slider",
                "delta": "delta_slider", "outlier": "value_slider"}


def descendants(widget):
    """Every widget inside ``widget``'s tree of children."""
    found = []
    for child in getattr(widget, "children", ()):
        found += [child, *descendants(child)]
    return found


class Doubler(Explorer):
    """The smallest explorer: one slider, one moving point at (x, 2x)."""

    summary = "a doubling slider over"

    def __init__(self, y):
        self.slider = widgets.FloatSlider(value=1.0, min=0.0, max=10.0)
        self.calls = 0
        super().__init__(y, [self.slider], key=[("●", "2x", "#0072B2")], size=(3.0, 2.0))
        self.ax = self.figure.add_subplot()
        self.ax.set(xlim=(0, 10), ylim=(0, 20))
        (self.point,) = self.ax.plot([], [], "o")
        self.add_moving(self.point)
        self.watch(self.slider)

    def update_artists(self):
        self.calls += 1
        x = self.slider.value
        self.point.set_data([x], [2 * x])
        return f"x = {x:g} · 2x = {2 * x:g}"


def test_a_subclass_says_what_moves_and_the_base_does_the_rest():
    ex = Doubler(np.array([1.0, 2.0, 3.0]))
    # watch() drew the first state
    assert ex.calls == 1 and ex.readout_text == "x = 1 · 2x = 2"
    assert ex.point.get_animated() and ex.live.moving == [ex.point]
    ex.slider.value = 4.0                         # a change: recomputed, readout set
    assert ex.calls == 2 and ex.readout_text == "x = 4 · 2x = 8"
    assert list(ex.point.get_ydata()) == [8.0]
    ex.refresh(full=True)                         # still parts changed: a full redraw
    assert ex.calls == 3
    assert list(ex.children) == [ex.slider, ex.readout, ex.key, ex.canvas]
    assert "2x" in ex.key.value
    assert repr(ex) == "Doubler: a doubling slider over 3 values (run the notebook to use it)"


def test_the_base_alone_does_not_know_what_to_draw():
    ex = Explorer(np.array([1.0]), [], key=[])
    with pytest.raises(NotImplementedError):
        ex.update_artists()


@pytest.mark.parametrize("name", list(MAKERS))
def test_the_widget_tree_holds_controls_readout_key_and_figure(name):
    ex = MAKERS[name]()
    slider = getattr(ex, MAIN_CONTROL[name])
    # the alpha explorer groups its controls (risk, alpha and presets, h0, sigma) in boxes
    assert slider in (descendants(ex) if name == "alpha" else ex.children)
    assert ex.readout in ex.children and ex.key in ex.children
    canvases = [c for c in ex.children if hasattr(c, "figure")]
    assert canvases == [ex.canvas]                 # the figure is reachable, once
    assert ex.canvas.figure is ex.figure
    assert slider.readout                          # the browser finds .widget-readout
    for artist in ex.live.moving:                  # what moves is drawn on the figure
        assert artist.axes in ex.figure.axes and artist in artist.axes.get_children()


@pytest.mark.parametrize("name", list(MAKERS))
def test_readouts_print_numbers_and_reprs_are_stable(name):
    ex = MAKERS[name]()
    assert ex.readout_text and "0x" not in ex.readout_text
    assert "0x" not in repr(ex)
    assert repr(ex) == repr(MAKERS[name]())


@pytest.mark.parametrize("name", list(MAKERS))
def test_explorers_are_not_registered_with_pyplot(name):
    before = plt.get_fignums()
    MAKERS[name]()
    assert plt.get_fignums() == before
