"""What every slider explorer of the course shares: :class:`Explorer`.

An explorer is a widget that the page draws by itself (:mod:`erm_course.drawing`): Python
describes the figure once, as a :class:`~erm_course.drawing.Scene`, and the page redraws it
on every input event without asking the kernel. So a key press shows its frame within a
display frame or two, a drag draws every value it passes, and the website's copy of the
explorer moves with no kernel at all.

A new slider is a short subclass that says what it shows:

1. make a :class:`~erm_course.drawing.Scene`; draw the still parts on ``scene.figure``
   with matplotlib; add the controls (:meth:`~erm_course.drawing.Scene.slider`, ...), what
   moves as data (a family of curves per stop, computed by :mod:`erm_helpers` or
   :mod:`erm_fast`, or a program the page runs) and the marks that draw it;
2. call ``super().__init__(y, scene, state)``, ``state`` holding each control's first
   value (a stop's index for a slider), and make a :class:`~erm_course.drawing.Control`
   per control with :meth:`Explorer.control`, so that ``explorer.sigma_slider.value``
   reads and moves the slider;
3. write :meth:`Explorer.readout_for`: the readout for a state, as Python writes it. The
   page shows the same text (sent per stop, or written by its program; the tests hold
   that the two agree).

Plain pytest drives an explorer by setting a control's ``value`` and reading
:attr:`Explorer.readout_text` and the scene's data; the browser tests drive the page.
"""

from erm_course.drawing import Control, PageWidget

__all__ = ["Explorer"]


class Explorer(PageWidget):
    """A widget drawn in the page from a :class:`~erm_course.drawing.Scene`.

    Parameters
    ----------
    y : ndarray
        The data, already checked (the builders check them once).
    scene : Scene
        What the page draws: still parts, controls, data and marks.
    state : dict
        Each control's first value: a stop's index for a slider, an option for a toggle.

    Attributes
    ----------
    y : ndarray
    figure : matplotlib.figure.Figure
        The still parts, as matplotlib drew them (the last view, for a toggle).
    """

    #: What the explorer is, for ``repr``: "<summary> <n> values".
    summary = "a slider over"

    def __init__(self, y, scene, state):
        self.y = y
        self.figure = scene.figure
        if not scene.alt:      # the background's alt text, for screen readers on the site
            scene.alt = f"A figure of {self.summary} {y.size} values, for the sliders' values."
        super().__init__(scene=scene.spec(), state=dict(state))
        self.observe(self._on_state, names="state")
        self.on_state()

    def control(self, name, values=None, labels=None, description="", enabled=None):
        """The :class:`~erm_course.drawing.Control` of the control ``name``: a slider's stop
        ``values`` and ``labels``, or none for a toggle (its value is the option)."""
        return Control(self, name, values, labels, description, enabled)

    def _on_state(self, change):
        self.on_state()

    def on_state(self):
        """Called with every new state (from the page or from Python): a subclass that
        keeps a result for Python's readers (the last descent run, say) updates it here."""

    def readout_for(self, state):
        """The readout for ``state``, as Python writes it."""
        raise NotImplementedError

    @property
    def readout_text(self):
        """The readout for the current state, as plain text."""
        return self.readout_for(dict(self.state))

    def __repr__(self):
        return (f"{type(self).__name__}: {self.summary} {self.y.size} values "
                "(run the notebook to use it)")
