"""What the explorers' tests share: the plain full draw a blitted frame is compared with.

Used by ``tests/test_explorers.py`` and ``tests/test_choosing_a_loss.py``.
"""


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
