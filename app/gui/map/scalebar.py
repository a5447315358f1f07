"""The live scale bar: a round length (1, 2 or 5 × 10ⁿ km) about 120 pixels long at the current zoom.

The map is in the basin's Lambert conformal projection, whose scale error inside Sichuan–Chongqing stays under
1 %, so projected metres are read as ground metres.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from app.gui.map.drawn_once import DrawnOnce


def nice_length(pixels_per_metre: float, target_px: float = 120.0) -> tuple[float, float]:
    """(metres, pixels) of the largest 1/2/5 × 10ⁿ metre length not longer than ``target_px``."""
    metres = target_px / pixels_per_metre
    power = 10 ** math.floor(math.log10(metres))
    step = max(s for s in (1, 2, 5, 10) if s * power <= metres) * power
    return step, step * pixels_per_metre


def length_text(metres: float) -> str:
    return f"{metres / 1000:g} km" if metres >= 1000 else f"{metres:g} m"


def scale_bar_box(pixels_per_metre: float, left: float, bottom: float, font: QFont) -> QRectF:
    """The rectangle the bar covers with its left end at (left, bottom), without drawing it."""
    metres, px = nice_length(pixels_per_metre)
    metrics = QFontMetricsF(font)
    return QRectF(left - 6, bottom - metrics.height() - 16, max(px, metrics.horizontalAdvance(length_text(metres))) + 12,
                  metrics.height() + 20)


def draw_scale_bar(painter: QPainter, pixels_per_metre: float, left: float, bottom: float, font: QFont,
                   cache: bool = True) -> QRectF:
    """Draw the bar with its left end at (left, bottom); returns the rectangle it covers. ``cache``: copied from
    an image of it drawn once (on an unscaled device), or drawn anew."""
    metres, px = nice_length(pixels_per_metre)
    text = length_text(metres)
    metrics = QFontMetricsF(font)
    box = scale_bar_box(pixels_per_metre, left, bottom, font)
    if not cache:
        _paint(painter, box, left, bottom, px, text, font, metrics)
        return box
    # the same bar at every hour step: copied from an image of it (its antialiased rounded box, ticks and text
    # were 0.15 ms of each step, issue 26)
    _IMAGES.draw(painter, box, (px, text, font.key(), left - box.left(), bottom - box.top()),
                 lambda device: _paint(device, box, left, bottom, px, text, font, metrics))
    return box


_IMAGES = DrawnOnce(16)  # the bar as drawn, by its length, text, font and place within a pixel


def _paint(painter: QPainter, box: QRectF, left: float, bottom: float, px: float, text: str, font: QFont,
           metrics: QFontMetricsF) -> None:
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(255, 255, 255, 200))
    painter.drawRoundedRect(box, 3, 3)
    y = bottom - 6
    painter.setPen(QPen(QColor(30, 30, 30), 2))
    painter.drawLine(QPointF(left, y), QPointF(left + px, y))
    for x in (left, left + px / 2, left + px):
        painter.drawLine(QPointF(x, y), QPointF(x, y - (6 if x != left + px / 2 else 4)))
    painter.setFont(font)
    painter.drawText(QRectF(left, box.top() + 2, px, metrics.height()), Qt.AlignmentFlag.AlignCenter, text)
    painter.restore()
