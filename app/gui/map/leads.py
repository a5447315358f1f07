"""The problem-lead point layer: each lead of the open case that has coordinates as a dot on the map (red while
open and overdue, orange while open, grey when closed) with its number beside it. The points come from the 案例
dock (``AppState.lead_points``: number, lon, lat, state); drawn over the units, under the legend."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen, QTransform

COLOURS = {"overdue": QColor(200, 20, 20), "open": QColor(235, 120, 0), "closed": QColor(120, 120, 120)}


def draw_leads(painter: QPainter, points, transform: QTransform, font: QFont) -> int:
    """Draw the points (each ``(number, x, y, state)`` in map metres); returns how many."""
    if not points:
        return 0
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    small = QFont(font)
    small.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
    painter.setFont(small)
    metrics = QFontMetricsF(small)
    for number, x, y, state in points:
        colour = COLOURS.get(state, COLOURS["open"])
        at = transform.map(QPointF(float(x), float(y)))
        painter.setPen(QPen(QColor(20, 20, 20), 1.2))  # a dark ring, then white, so the dot reads on any colour
        painter.setBrush(QColor(255, 255, 255))
        painter.drawEllipse(at, 7.5, 7.5)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawEllipse(at, 5.0, 5.0)
        box = metrics.boundingRect(number).adjusted(-3, -1, 3, 1)
        box.moveTopLeft(at + QPointF(9, 4))  # below right of the dot: the unit's own name sits at its centre
        painter.setPen(QPen(colour.darker(140), 1.0))
        painter.setBrush(QColor(255, 255, 255, 230))
        painter.drawRoundedRect(box, 3, 3)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, number)
    painter.restore()
    return len(points)
