"""erm_course.explorer: what every slider explorer shares (the Explorer base).

An explorer is a widget drawn by the page from a scene; its controls read and move the
widget's state; its readout is Python's text for that state; its repr reads the same every
time. Checked on a minimal subclass, then on every explorer of the course
(``live_checks.MAKERS``). What each explorer draws is in ``tests/test_explorers.py``,
``tests/test_loss_explorers.py`` and ``tests/test_line_explorers.py``; the page itself in
``tests/test_drawing.py`` and ``tests/test_browser.py``.
"""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from erm_course.drawing import PageWidget, Scene
from erm_course.explorer import Explorer
from live_checks import MAKERS, MOVES, make_moves

#: A notebook holds one or two explorers and must stay under 2.5 MB with their state: each
#: explorer's scene (families, arrays and backgrounds) stays under this many bytes.
SCENE_BUDGET = 1_000_000


class Doubler(Explorer):
    """The smallest explorer: one slider over three stops, one moving point at (x, 2x)."""

    summary = "a doubling slider over"

    def __init__(self, y):
        scene = Scene(3.0, 2.0)
        ax = scene.figure.add_subplot()
        ax.set(xlim=(0, 10), ylim=(0, 20))
        self.stops = np.array([1.0, 2.0, 4.0])
        scene.slider("x", "x", self.stops, ["1", "2", "4"])
        scene.mark("points", ax, scene.family("x", self.stops[:, None], "x"),
                   scene.family("2x", 2 * self.stops[:, None], "x"), marker="o")
        scene.readout_family([self.readout_for({"x": k}) for k in range(3)], "x")
        scene.key = [("●", "2x", "#0072B2")]
        self.changes = 0
        super().__init__(y, scene, {"x": 0})
        self.slider = self.control("x", self.stops, ["1", "2", "4"], "x")

    def on_state(self):
        self.changes += 1

    def readout_for(self, state):
        x = self.stops[state["x"]]
        return f"x = {x:g} · 2x = {2 * x:g}"


def test_a_subclass_says_what_it_draws_and_the_base_does_the_rest():
    ex = Doubler(np.array([1.0, 2.0, 3.0]))
    assert isinstance(ex, PageWidget) and ex.changes == 1
    assert ex.readout_text == "x = 1 · 2x = 2" and ex.state == {"x": 0}
    ex.slider.value = 4.0                         # Python moves the slider: the page follows
    assert ex.state == {"x": 2} and ex.changes == 2 and ex.readout_text == "x = 4 · 2x = 8"
    ex.state = {"x": 1}                           # what the page sends back
    assert ex.slider.value == 2.0 and ex.readout_text == "x = 2 · 2x = 4"
    assert ex.scene["key"] == [("●", "2x", "#0072B2")]
    assert ex.scene["readouts"]["texts"][1] == ex.readout_text
    assert repr(ex) == "Doubler: a doubling slider over 3 values (run the notebook to use it)"


def test_the_base_alone_does_not_know_what_to_say():
    ex = Explorer(np.array([1.0]), Scene(1.0, 1.0), {})
    with pytest.raises(NotImplementedError):
        ex.readout_text


@pytest.mark.parametrize("name", list(MAKERS))
def test_every_explorer_is_a_page_widget_with_its_scene(name):
    ex = MAKERS[name]()
    assert isinstance(ex, Explorer)
    spec = ex.scene
    assert spec["views"] and spec["controls"] and spec["marks"]
    for view in spec["views"].values():
        assert view["background"].startswith(b"\x89PNG")
    sliders = [c["name"] for c in spec["controls"] if c["kind"] == "slider"]
    for slider in sliders:                           # every slider starts on a stop
        assert 0 <= ex.state[slider] < len(next(c for c in spec["controls"]
                                               if c.get("name") == slider)["labels"])
    for family in spec["families"].values():         # a family is indexed by a control
        assert family["by"] in ex.state


@pytest.mark.parametrize("name", list(MAKERS))
def test_every_scene_fits_the_notebook_budget(name):
    spec = MAKERS[name]().scene
    size = (sum(len(f["data"]) for f in spec["families"].values())
            + sum(len(a["data"]) for a in spec["arrays"].values())
            + sum(len(v["background"]) for v in spec["views"].values()))
    assert size < SCENE_BUDGET, f"{name}: {size:,} bytes"


@pytest.mark.parametrize("name", list(MAKERS))
def test_moves_change_the_state_and_the_readout(name):
    ex = MAKERS[name]()
    seen = {ex.readout_text}
    for control, value in MOVES[name]:
        getattr(ex, control).value = value
        seen.add(ex.readout_text)
    assert len(seen) > 1 and make_moves(name, MAKERS[name]()) == len(MOVES[name])


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
