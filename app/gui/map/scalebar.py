"""The live scale bar: a round length (1, 2 or 5 × 10ⁿ km) about 120 pixels long at the current zoom.

The map is in the basin's Lambert conformal projection, whose scale error inside Sichuan–Chongqing stays under
1 %, so projected metres are read as ground metres.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen


def nice_length(pixels_per_metre: float, target_px: float = 120.0) -> tuple[float, float]:
    """(metres, pixels) of the largest 1/2/5 × 10ⁿ metre length not longer than ``target_px``."""
    metres = target_px / pixels_per_metre
    power = 10 ** math.floor(math.log10(metres))
    step = max(s for s in (1, 2, 5, 10) if s * power <= metres) * power
    return step, step * pixels_per_metre


def length_text(metres: float) -> str:
    return f"{metres / 1000:g} km" if metres >= 1000 else f"{metres:g} m"


def draw_scale_bar(painter: QPainter, pixels_per_metre: float, left: float, bottom: float, font: QFont) -> QRectF:
    """Draw the bar with its left end at (left, bottom); returns the rectangle it covers."""
    metres, px = nice_length(pixels_per_metre)
    text = length_text(metres)
    metrics = QFontMetricsF(font)
    box = QRectF(left - 6, bottom - metrics.height() - 16, max(px, metrics.horizontalAdvance(text)) + 12,
                 metrics.height() + 20)
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
    return box
