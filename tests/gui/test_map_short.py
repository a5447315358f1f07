"""Issue 25.4: on a short map (a 1366×768 screen with the bottom docks up) the 重庆主城区 inset never covers a
region's name (成都平原 was cut)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("size", [(840, 170), (840, 240), (900, 280), (700, 340), (760, 400)])
def test_inset_never_covers_a_region_name(desk, canvas, qtbot, size):
    desk.window.resize(1366, 768)
    canvas.resize(*size)
    canvas.reset_view()
    images = canvas._ensure_images()
    rect = canvas._inset.rect
    names = images.region_name_rects
    assert names  # the regions are named
    assert rect.isEmpty() or not any(rect.intersects(n) for n in names), (size, rect, names)
