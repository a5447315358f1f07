"""Issue 25.9: the what-if outline was a thin (1.8 px) dashed line close in colour to the selection's blue; it is
a dashed dark-teal line on a white halo, thick enough to see on every AQI colour and apart from the selection."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath

from app.gui.map.highlights import SELECTED, draw_highlights


class _State:
    selected_episode = -1
    evaluation = None
    hovered_unit = ""
    selected_units: list = []
    quality = None
    edited_units = {"成都市"}


def _drawn(background: QColor) -> np.ndarray:
    image = QImage(200, 200, QImage.Format.Format_RGB32)
    image.fill(background)
    path = QPainterPath()
    path.addRect(QRectF(40, 40, 120, 120))
    painter = QPainter(image)
    draw_highlights(painter, _State(), lambda name: path if name == "成都市" else None)
    painter.end()
    pixels = np.frombuffer(image.constBits(), dtype=np.uint8).reshape(200, 200, 4)[:, :, 2::-1].astype(int)
    return pixels


def test_edited_outline_is_thick_and_apart_from_the_selection(qapp):
    for colour in (QColor(0, 228, 0), QColor(255, 255, 0), QColor(255, 126, 0)):  # good, moderate, light
        pixels = _drawn(colour)
        changed = np.abs(pixels - np.array(colour.getRgb()[:3])).sum(axis=2) > 60
        column = changed[100, 30:60]  # across the left edge, half-way down
        assert column.sum() >= 4, column  # a line one sees, not a hairline
        marks = pixels[changed]
        selected = np.array(SELECTED.getRgb()[:3])
        assert np.min(np.sqrt(((marks - selected) ** 2).sum(axis=1))) > 100  # not the selection's blue
