"""The selected unit's blue outline is whole: drawn over the thick region borders (which covered half of it where
they run along it) but not over the names written on the map, and drawn in the 重庆主城区 inset too (walkthrough
in06c: the inset showed no selection)."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QImage

from app.gui.map.highlights import SELECTED


def _blue(image: QImage) -> np.ndarray:
    """Where the image is the selection's blue (or close: antialiased edges), as a boolean array."""
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    pixels = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine() // 4, 4)
    b, g, r = (pixels[..., k].astype(int) for k in range(3))
    return (abs(r - SELECTED.red()) < 40) & (abs(g - SELECTED.green()) < 40) & (abs(b - SELECTED.blue()) < 40)


def _outline_share(desk, canvas, name: str) -> float:
    """The share of points along the unit's outline with the selection's blue within a pixel."""
    desk.state.set_selection([name])
    canvas.repaint()
    blue = _blue(canvas.grab().toImage())
    path = canvas._unit_path(name)
    names = canvas._images.label_rects + canvas._images.region_name_rects
    assert names
    hits = total = 0
    for k in range(600):
        point = path.pointAtPercent(k / 600)
        x, y = int(round(point.x())), int(round(point.y()))
        if any(rect.adjusted(-2, -2, 2, 2).contains(point) for rect in names):
            continue
        if 1 <= x < blue.shape[1] - 1 and 1 <= y < blue.shape[0] - 1 and not canvas._inset.rect.contains(point):
            total += 1
            hits += bool(blue[y - 1:y + 2, x - 1:x + 2].any())
    assert total > 250
    # the layer over the borders leaves the names alone (under them the outline is the highlights' own)
    layer, at = canvas._selection, canvas._selection_at
    alpha = np.frombuffer(layer.constBits(), np.uint8).reshape(layer.height(), layer.bytesPerLine() // 4, 4)[..., 3]
    for rect in names:
        inner = rect.adjusted(1, 1, -1, -1).translated(-at).toAlignedRect()
        part = alpha[max(inner.top(), 0):max(inner.bottom(), 0), max(inner.left(), 0):max(inner.right(), 0)]
        assert not part.any(), (name, rect)
    return hits / total


def test_the_selection_is_drawn_over_the_region_borders(desk, canvas):
    # 资阳 lies along the border between 成都平原 and 盆地中部; 雅安 along the 成都平原 border and the basin's edge
    for name in ("资阳市", "雅安市", "眉山市"):
        share = _outline_share(desk, canvas, name)
        assert share > 0.97, (name, share)


def test_the_selection_is_outlined_in_the_central_chongqing_inset(desk, canvas, qtbot):
    canvas.repaint()
    inset = canvas._inset
    qtbot.waitUntil(lambda: not inset.rect.isEmpty(), timeout=2000)
    box = inset.rect.toAlignedRect().adjusted(2, 20, -2, -2)  # below the title band
    before = _blue(canvas.grab(box).toImage()).sum()
    desk.state.set_selection(["九龙坡区"])
    canvas.repaint()
    after = _blue(canvas.grab(box).toImage()).sum()
    assert before == 0 and after > 200, (before, after)
    desk.state.set_selection(["渝中区"])  # smaller than its name: outlined around it
    canvas.repaint()
    assert _blue(canvas.grab(box).toImage()).sum() > 12
    desk.state.set_selection(["九龙坡区", "南岸区"])
    canvas.repaint()
    assert _blue(canvas.grab(box).toImage()).sum() > after
