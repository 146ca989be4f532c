"""What every slider explorer of the course shares: :class:`Explorer`.

An explorer is an ipywidgets ``VBox``: its controls, a one-line readout, a key, and a
:class:`~erm_course.live.LiveFigure` (an ipympl canvas that blits). The figure is built
once; on every move only the moving artists get new data and are blitted, and the frame
is sent at once.

A new slider is a short subclass that says what it shows:

1. make its controls, then call ``super().__init__(y, controls, key=..., size=...)``;
2. draw the still parts on ``self.figure`` and register what moves with
   :meth:`Explorer.add_moving`;
3. write :meth:`Explorer.update_artists`: set the moving artists' data for the controls'
   values and return the readout text;
4. end its ``__init__`` with ``self.watch(*controls)``, which draws the first state.

Plain pytest drives an explorer by setting a control's ``value`` and reading the artists'
data and :attr:`Explorer.readout_text`; the browser test drives the same widgets.
"""

import ipywidgets as widgets

from erm_course.live import LiveFigure
from erm_course.sliders import key as make_key

__all__ = ["Explorer"]


class Explorer(widgets.VBox):
    """Controls, a readout, a key and a live figure, redrawn on every move.

    Parameters
    ----------
    y : ndarray
        The data, already checked (the builders check it once).
    controls : list of widgets
        What goes above the readout, in order.
    key : list of (symbol, text, colour)
        The entries of the key shown above the figure.
    size : (float, float)
        The figure's size in inches.

    Attributes
    ----------
    readout : ipywidgets.HTML
    live : LiveFigure
    figure, canvas
        ``live.figure`` and ``live.canvas``.
    """

    #: What the explorer is, for ``repr``: "<summary> <n> values".
    summary = "a slider over"

    def __init__(self, y, controls, *, key, size=(7.0, 3.4)):
        self.y = y
        self.readout = widgets.HTML()
        self.live = LiveFigure(*size)
        self.figure, self.canvas = self.live.figure, self.live.canvas
        self.key = make_key(*key)
        super().__init__([*controls, self.readout, self.key, self.canvas])

    def add_moving(self, *artists):
        """Register artists that move: left out of full draws, redrawn by blitting."""
        for artist in artists:
            self.live.add_moving(artist)
        return artists[0] if len(artists) == 1 else artists

    def watch(self, *controls):
        """Redraw whenever one of ``controls`` changes value, and draw the first state."""
        for control in controls:
            control.observe(self._on_change, names="value")
        self.refresh()

    def _on_change(self, change):
        self.refresh()

    def refresh(self, full=False):
        """Recompute for the controls' values and send the frame now.

        ``full=True`` when the still parts changed too (limits, title, labels): the whole
        figure is drawn and its background taken again; otherwise only what moves is
        blitted.
        """
        text = self.update_artists()
        if full:
            self.live.redraw()
        else:
            self.live.show_moves()
        self.readout.value = text

    def update_artists(self):
        """Set the moving artists for the controls' values; return the readout text."""
        raise NotImplementedError

    @property
    def readout_text(self):
        """The readout as plain text."""
        return self.readout.value

    def __repr__(self):
        return (f"{type(self).__name__}: {self.summary} {self.y.size} values "
                "(run the notebook to use it)")
