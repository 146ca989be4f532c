"""Live figures for the sliders: draw the still parts once, then redraw only what moves.

A slider move must reach the screen within a display frame or two, and a drag must show
every value it passes. Two things make that possible here:

- **No round trip.** ``canvas.draw_idle()`` only asks the browser to ask for a frame;
  the kernel renders when that request comes back. A :class:`LiveFigure` renders in the
  move's own callback and pushes the frame at once (WebAgg's ``blit`` sends it).
- **Blitting** (matplotlib's "Faster rendering by using blitting" guide). The artists that
  move are marked animated, so a full draw leaves them out; right after each full draw the
  picture of the still parts (axes, ticks, labels, title, data rug) is kept as the
  *background*. On a move the background is restored, only the moving artists are drawn
  over it, and the result is sent: a few milliseconds instead of a full render.

The background is taken again after every full draw, whatever asked for it: the first
display, the browser's pixel ratio changing the dpi, the toolbar's pan, zoom and home, or
the explorer itself when its axes change (:meth:`LiveFigure.redraw`). A move that finds
the dpi, size or view limits changed since the background was taken draws in full
instead of blitting over a stale picture.

The moving artists are drawn above the axes' spines and ticks (``zorder`` 2.6), so a
blitted frame and a full draw of the same state paint the same pixels in the same order
(``tests/test_live.py`` compares them).
"""

import struct
import sys
import warnings
import zlib

import matplotlib
import numpy as np
from matplotlib.figure import Figure

__all__ = ["LiveFigure", "png_bytes"]

# Above the spines and ticks (2.5), below the texts (3); see the module docstring.
MOVING_ZORDER = 2.6


def _import_ipympl_quietly():
    """Import ipympl without letting it switch pyplot's backend.

    ipympl/__init__.py calls matplotlib.use("module://ipympl.backend_nbagg") when first
    imported, which would turn every later static pyplot figure of the notebook into a
    widget instead of an inline PNG. The canvases made here need no pyplot backend, so
    the switch is skipped for the duration of that one import.
    """
    if "ipympl" in sys.modules:
        return
    use = matplotlib.use
    matplotlib.use = lambda *args, **kwargs: None
    try:
        import ipympl  # noqa: F401
    finally:
        matplotlib.use = use


_import_ipympl_quietly()
from ipympl.backend_nbagg import Canvas, FigureManager  # noqa: E402  (after the guard)


def png_bytes(rgba):
    """A PNG file of an RGBA image (uint8, shape (height, width, 4)), made quickly.

    Every row is stored unfiltered and the whole is deflated at level 1. A frame sent to
    the browser is mostly the zeros of unchanged pixels, which deflate compresses well
    without help, so Pillow's per-row filter search (what matplotlib's WebAgg uses) only
    costs time: 1.4 ms here against 4.7 ms for a 700 x 320 frame, at about the same size.
    """
    height, width, _ = rgba.shape
    rows = np.zeros((height, 1 + 4 * width), dtype=np.uint8)   # filter byte 0: none
    rows[:, 1:] = rgba.reshape(height, -1)

    def chunk(kind, body):
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body)))

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)   # 8-bit RGBA
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(rows.tobytes(), 1)) + chunk(b"IEND", b""))


class _FastCanvas(Canvas):
    """ipympl's canvas widget, sending every frame whole and encoding it quickly.

    **Every frame is a full frame.** matplotlib's WebAgg sends *diff* frames after the first
    one (only the changed pixels, the rest transparent), which the page paints over the
    picture it holds. ipympl's page (``MPLCanvasModel.handle_binary`` and ``image.onload``
    in its JavaScript) makes that unsafe: each frame is given to one ``Image`` by setting
    its ``src``, which cancels the loading of the frame before it, and a frame is painted
    only once it has loaded. Of frames that arrive together only the last is painted, so a
    diff frame can land on a picture that never got the frame before it. At first display
    this left the figure blank (issue 15): the first full frame, followed within a few
    milliseconds by a diff frame with no changes, was cancelled, and the empty diff was all
    the page painted. In 27 of 40 first displays measured, the first frame was lost this way;
    a later full frame usually mended it, and in one run in 40 none came. A whole frame
    leaves the page right whichever frames it drops. It costs little: 2.3 ms to encode a
    700 x 340 frame against 1.8 ms for a diff one, and 30 kB against 6 kB on a local socket.

    **Encoding** (:func:`png_bytes`) is three times quicker than Pillow's, which is what
    matplotlib uses. ``tests/test_live.py`` checks that the frames decode to the
    pixels matplotlib would send, and that every frame sent is the whole picture.
    """

    def get_diff_image(self):
        if not self._png_is_old:
            return None
        self.set_image_mode("full")      # "full" from the start, so no message is sent
        pixels = np.asarray(self.get_renderer().buffer_rgba())
        # ipympl's send_binary reads _last_buff, right after this, for the saved view of
        # the figure (before the page is connected); a view of the frame is enough.
        self._last_buff = pixels.view(np.uint32).squeeze(2)
        self._force_full = False
        self._png_is_old = False
        return png_bytes(pixels)


class LiveFigure:
    """A matplotlib Figure in an ipympl Canvas widget, made without pyplot, that blits.

    Parameters
    ----------
    width, height : float
        Size in inches (at 100 dpi before the browser's pixel ratio).

    Attributes
    ----------
    figure : matplotlib.figure.Figure
    canvas : ipympl Canvas widget (put it in the explorer's widget tree)
    moving : list of Artist
        What :meth:`show_moves` redraws; add with :meth:`add_moving`.
    """

    def __init__(self, width, height):
        # Fixed margins rather than a layout engine: a full draw then costs about half.
        self.figure = Figure(figsize=(width, height), dpi=100)
        self.figure.subplots_adjust(left=0.1, right=0.98, bottom=0.15, top=0.9)
        self.canvas = _FastCanvas(self.figure)
        with warnings.catch_warnings():
            # ipympl's toolbar passes its canvas on to traitlets, which warns; not ours.
            warnings.filterwarnings("ignore", "Passing unrecognized arguments",
                                    DeprecationWarning)
            FigureManager(self.canvas, 0)    # handles the messages from the browser
        self.canvas.header_visible = False
        self.canvas.footer_visible = False
        self.canvas.resizable = False
        self.canvas.toolbar_visible = "fade-in-fade-out"
        self.moving = []
        self._background = None
        self._background_key = None
        self.canvas.mpl_connect("draw_event", self._on_full_draw)

    def add_moving(self, artist):
        """Mark ``artist`` as one that moves: left out of full draws, drawn by blitting."""
        artist.set_animated(True)
        artist.set_zorder(MOVING_ZORDER)
        self.moving.append(artist)
        return artist

    def _view_key(self):
        """What the background depends on besides the still artists themselves."""
        return (self.figure.dpi, self.canvas.get_width_height(physical=True),
                tuple(tuple(ax.viewLim.bounds) for ax in self.figure.axes))

    def _draw_moving(self):
        for artist in self.moving:
            if artist.get_animated():
                artist.axes.draw_artist(artist)

    def _on_full_draw(self, event):
        """After every full draw: keep the still parts, then add the moving artists.

        Called by matplotlib inside the draw, before the frame is sent, so the frame of a
        full draw has the moving artists in it too.
        """
        self._background = self.canvas.copy_from_bbox(self.figure.bbox)
        self._background_key = self._view_key()
        self._draw_moving()

    @property
    def has_background(self):
        """True once a full draw has happened (in a notebook: once the figure is shown)."""
        return self._background is not None

    def show_moves(self):
        """Send the moving artists' new state to the browser now (blit)."""
        if self._background is None:
            # Not drawn yet: the page asks for the first frame when it shows the figure,
            # and that frame draws the current state. Asking for another one here would
            # only put a second frame right behind the first.
            return
        if self._background_key != self._view_key():
            self.canvas.draw()       # dpi, size or view changed: the background is stale
        else:
            self.canvas.restore_region(self._background)
            self._draw_moving()
            self.canvas.blit(self.figure.bbox)

    def redraw(self):
        """The still parts changed (limits, title, labels): draw everything, send it now."""
        if self._background is not None:     # else the first frame will draw them
            self.canvas.draw()

    def pixels(self):
        """The canvas as an RGBA array (a copy): what was last sent to the browser."""
        return np.asarray(self.canvas.get_renderer().buffer_rgba()).copy()
