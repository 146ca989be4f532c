"""erm_course.live: the blitting figure behind every slider, and its frames.

What a move shows must be what a full redraw of the same state shows, pixel for pixel; a
move sends its frame at once, without asking the page for one; every frame sent is the
whole picture (issue 15); a stale background is never blitted; ``png_bytes`` makes PNGs
that decode to the pixels; importing the module leaves pyplot's backend alone. The blitting
tests run on all five explorers of the course (``live_checks.MAKERS``); the rest use the
sigma explorer as a vehicle, or a bare :class:`~erm_course.live.LiveFigure`.
"""

import subprocess
import sys

import numpy as np
import pytest

from erm_course.live import LiveFigure, png_bytes
from live_checks import MAKERS, decoded, make_moves, plain_full_draw


@pytest.fixture
def ucsd():
    return MAKERS["sigma"]()


# -- blitting: what a move shows is what a full redraw of the same state shows -------------

@pytest.mark.parametrize("name", list(MAKERS))
def test_a_blitted_frame_is_the_full_redraw_of_the_same_state(name):
    ex = MAKERS[name]()
    ex.canvas.draw()                       # first display: the background is taken
    first = ex.live.pixels()
    make_moves(name, ex)
    blitted = ex.live.pixels()
    assert (blitted != first).any()        # the moves did draw something
    np.testing.assert_array_equal(blitted, plain_full_draw(ex))


@pytest.mark.parametrize("name", list(MAKERS))
def test_moves_send_their_frame_at_once_without_a_round_trip(name, monkeypatch):
    ex = MAKERS[name]()
    asked, sent = [], []
    monkeypatch.setattr(ex.canvas, "draw_idle", lambda: asked.append(1))
    ex.canvas.draw()
    monkeypatch.setattr(ex.canvas, "send_binary", lambda data: sent.append(len(data)))
    moves = make_moves(name, ex)
    assert not asked                        # never "browser, please ask for a frame"
    assert len(sent) == moves               # one frame per move, pushed by the kernel


@pytest.mark.parametrize("change", ["dpi", "pan"])
def test_a_stale_background_is_never_blitted(ucsd, change):
    """The browser's pixel ratio changes the dpi; the toolbar's pan changes the limits.
    A move that comes before the full draw they ask for must not paint over the old
    background."""
    ucsd.canvas.draw()
    if change == "dpi":
        ucsd.figure.set_dpi(200)
    else:
        ucsd.ax.set_xlim(ucsd.ax.get_xlim()[0] - 20_000, ucsd.ax.get_xlim()[1] - 20_000)
    ucsd.sigma_slider.value = 4_500
    np.testing.assert_array_equal(ucsd.live.pixels(), plain_full_draw(ucsd))


def test_every_full_draw_takes_the_background_again(ucsd):
    ucsd.canvas.draw()
    ucsd.ax.set_ylim(-0.5, 1.5)             # what a zoom does, then its full draw
    ucsd.canvas.draw()
    ucsd.sigma_slider.value = 4_500          # blitted over the zoomed background
    np.testing.assert_array_equal(ucsd.live.pixels(), plain_full_draw(ucsd))


def test_nothing_is_sent_or_asked_for_before_the_figure_is_shown(ucsd, monkeypatch):
    """Before the page shows a figure its first frame is yet to be drawn, and will draw the
    current state: a move then neither sends a frame nor asks the page for one."""
    asked, sent = [], []
    monkeypatch.setattr(ucsd.canvas, "draw_idle", lambda: asked.append(1))
    monkeypatch.setattr(ucsd.canvas, "send_binary", sent.append)
    ucsd.sigma_slider.value = 4_500
    ucsd.live.redraw()
    assert asked == [] and sent == []


# -- frames: whole, and encoded right ---------------------------------------------------------

def _page_messages(canvas, *kinds):
    """What ipympl's page sends the canvas widget: ``refresh``, ``initialized``, ..."""
    for kind in kinds:
        canvas._handle_message(canvas, {"type": kind}, [])


@pytest.mark.parametrize("name", list(MAKERS))
def test_every_frame_sent_is_the_whole_picture(name, monkeypatch):
    """Issue 15. The page paints only the last of frames that arrive together, so every
    frame must be whole: then the figure is right whichever frames the page drops. First
    display as the page does it (refresh, image mode, initialized, its draw requests), then
    moves (a risk switch among them for the alpha explorer) and a pan: each frame decodes to
    the figure as it was drawn."""
    ex = MAKERS[name]()
    sent = []

    def send(data):
        sent.append((decoded(data), ex.live.pixels(), ex.canvas._image_mode))
    monkeypatch.setattr(ex.canvas, "send_binary", send)
    make_moves(name, ex)                                 # before display: nothing to send
    assert sent == []
    _page_messages(ex.canvas, "refresh", "send_image_mode", "initialized", "draw", "draw")
    make_moves(name, ex)
    ex.ax.set_xlim(ex.ax.get_xlim()[0] - 5_000, ex.ax.get_xlim()[1] - 5_000)   # a pan
    ex.canvas.draw()
    make_moves(name, ex)
    assert len(sent) > 5
    for k, (frame, picture, mode) in enumerate(sent):
        assert mode == "full", f"frame {k} was sent as a {mode} frame"
        np.testing.assert_array_equal(frame, picture, err_msg=f"frame {k} is not whole")
    np.testing.assert_array_equal(sent[-1][0], plain_full_draw(ex))


def test_frames_decode_to_the_pixels_matplotlib_would_send(ucsd):
    """The explorers encode frames with erm_course.live.png_bytes instead of Pillow's
    encoder: a frame must decode to matplotlib's full frame of the same picture, whether
    matplotlib would have sent a full frame or only a diff."""
    from matplotlib.backends.backend_webagg_core import FigureCanvasWebAggCore

    canvas = ucsd.canvas
    canvas.draw()
    ucsd.sigma_slider.value = 3_000         # blits a new frame
    canvas._png_is_old, canvas._force_full = True, True
    theirs = FigureCanvasWebAggCore.get_diff_image(canvas)
    for full in (True, False):
        canvas._png_is_old, canvas._force_full = True, full
        ours = canvas.get_diff_image()
        assert canvas._current_image_mode == "full"
        np.testing.assert_array_equal(decoded(ours), decoded(theirs))
    assert decoded(ours).any()


@pytest.mark.parametrize("height, width", [(1, 1), (3, 7), (64, 33)])
def test_png_bytes_decode_to_the_same_pixels(height, width):
    rng = np.random.default_rng(height * 1_000 + width)
    rgba = rng.integers(0, 256, size=(height, width, 4), dtype=np.uint8)
    png = png_bytes(rgba)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    np.testing.assert_array_equal(decoded(png), rgba)
    # a frame of a figure: mostly one colour, as a blitted diff would be
    flat = np.zeros((height, width, 4), dtype=np.uint8)
    flat[..., 3] = 255
    np.testing.assert_array_equal(decoded(png_bytes(flat)), flat)


# -- LiveFigure on its own ----------------------------------------------------------------------

def test_a_live_figure_blits_only_after_its_first_full_draw(monkeypatch):
    live = LiveFigure(4.0, 2.0)
    ax = live.figure.add_subplot()
    (line,) = ax.plot([0, 1], [0, 1])
    assert live.add_moving(line) is line and live.moving == [line]
    assert line.get_animated() and line.get_zorder() == 2.6    # above spines and ticks
    sent = []
    monkeypatch.setattr(live.canvas, "send_binary", sent.append)
    assert not live.has_background
    live.show_moves()                  # not shown yet: nothing is drawn or sent
    live.redraw()
    assert not live.has_background and sent == []
    live.canvas.draw()                 # the first display: one frame
    assert live.has_background and len(sent) == 1
    line.set_ydata([1, 0])
    live.show_moves()                  # a move: one more frame, sent at once
    assert len(sent) == 2
    pixels = live.pixels()
    pixels[...] = 0                     # a copy: the canvas is untouched
    assert live.pixels().any()


def test_building_an_explorer_keeps_the_pyplot_backend():
    """Static figures after a slider must stay inline PNGs: ipympl, on its first import,
    would switch pyplot's backend to itself. Run in a fresh interpreter, where ipympl has
    not been imported yet, so this can fail."""
    code = (
        "import matplotlib\n"
        "matplotlib.use('agg')\n"
        "import matplotlib.pyplot as plt\n"
        "import erm_helpers as erm\n"
        "from erm_course import explorers\n"
        "explorers.ucsd_explorer(erm.load_salaries(), sigma=21_000)\n"
        "print(matplotlib.get_backend())\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().lower() == "agg"
