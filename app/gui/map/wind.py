"""The wind-arrow overlay: at each unit's label point an arrow pointing downwind, its length by the speed, for
the current hour; a key (an arrow for 2 m/s) beside the scale bar. Arrows come from :mod:`app.desk.wind`."""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen, QTransform

from app.desk.wind import arrow_length, wind_arrows

ARROW = QColor(20, 40, 110)
HALO = QColor(255, 255, 255, 210)
BELOW_LABEL = 15.0  # pixels: the arrow sits under the unit's name, not over it


def _arrow(painter: QPainter, tail: QPointF, east: float, north: float, length: float) -> None:
    dx, dy = east * length, -north * length  # screen y grows downwards
    head = QPointF(tail.x() + dx, tail.y() + dy)
    size = max(4.0, min(7.0, length * 0.35))
    angle = math.atan2(dy, dx)
    wing = QPainterPath(head)
    wing.lineTo(head.x() - size * math.cos(angle - 0.45), head.y() - size * math.sin(angle - 0.45))
    wing.lineTo(head.x() - size * math.cos(angle + 0.45), head.y() - size * math.sin(angle + 0.45))
    wing.closeSubpath()
    for pen, brush in ((QPen(HALO, 4.0), HALO), (QPen(ARROW, 1.8), ARROW)):
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.setBrush(brush)
        painter.drawLine(tail, head)
        painter.drawPath(wing)


def draw_wind(painter: QPainter, state, geometry, transform: QTransform, shown: set[str] | None = None) -> int:
    """Draw the arrows of the current hour centred on the units' label points (only the units in ``shown``, the
    ones labelled at this zoom, so small districts do not pile up); returns how many were drawn."""
    arrows = wind_arrows(state.forecast, state.hour)
    if not arrows.units:
        return 0
    lengths = arrow_length(arrows.speed)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    drawn = 0
    for unit, east, north, length in zip(arrows.units, arrows.east, arrows.north, lengths):
        if unit not in geometry.names or (shown is not None and unit not in shown):
            continue
        x, y = geometry.label_points[geometry.index(unit)]
        centre = transform.map(QPointF(float(x), float(y))) + QPointF(0, BELOW_LABEL)
        tail = QPointF(centre.x() - east * length / 2, centre.y() + north * length / 2)
        _arrow(painter, tail, float(east), float(north), float(length))
        drawn += 1
    painter.restore()
    return drawn


def _key_text() -> str:
    return QCoreApplication.translate("MapWind", "%1 m/s · 风向：箭头指向下风方向").replace("%1", "2")


def wind_key_rect(left: float, bottom: float, font: QFont) -> QRectF:
    """The key's box when drawn with its arrow's tail at ``left`` and its bottom at ``bottom``."""
    metrics = QFontMetricsF(font)
    length = float(arrow_length([2.0])[0])
    return QRectF(left - 6, bottom - metrics.height() - 10, length + 14 + metrics.horizontalAdvance(_key_text()),
                  metrics.height() + 14)


def place_wind_key(scale_bar: QRectF, font: QFont, width: float, avoid: list[QRectF],
                   top: float = 0.0) -> tuple[float, float]:
    """(left, bottom) for the key: right of the scale bar, else above it, else above the region panel, else in
    the top right corner under the header — never over the region panel or the legend, nor past the map's edges.
    Which one fits depends on the map's size and the font's widths (in English, right of the scale bar ran under
    the region panel; on a short map above the scale bar did too). When none fits, the least covered wins."""
    avoid = [r for r in avoid if not r.isEmpty()]
    probe = wind_key_rect(0.0, 0.0, font)  # offsets of the box from (left, bottom)
    candidates = [(scale_bar.right() + 18, scale_bar.bottom()), (scale_bar.left() + 6, scale_bar.top() - 6)]
    candidates += [(r.left() + 6, r.top() - 6) for r in avoid]
    candidates.append((width - 6 - probe.right(), top - probe.top()))

    def cost(left: float, bottom: float) -> tuple[float, float]:
        """(how far past the map's edges, how much of the panel, legend and inset it covers)"""
        box = wind_key_rect(left, bottom, font)
        outside = max(0.0, box.right() - (width - 6)) + max(0.0, -box.left()) + max(0.0, top - box.top())
        return outside, sum(box.intersected(r).width() * box.intersected(r).height() for r in avoid)

    for left, bottom in candidates:
        if cost(left, bottom) == (0.0, 0.0):
            return left, bottom
    return min(candidates, key=lambda c: cost(*c))  # inside the map first, then the least covered


def draw_wind_key(painter: QPainter, left: float, bottom: float, font: QFont) -> QRectF:
    """'→ 2 m/s  风（箭头指向下风方向）' in a white box."""
    text = _key_text()
    length = float(arrow_length([2.0])[0])
    box = wind_key_rect(left, bottom, font)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(255, 255, 255, 200))
    painter.drawRoundedRect(box, 3, 3)
    y = box.center().y()
    _arrow(painter, QPointF(left, y), 1.0, 0.0, length)
    painter.setPen(QColor(30, 30, 30))
    painter.setFont(font)
    painter.drawText(QRectF(left + length + 8, box.top(), box.width(), box.height()), Qt.AlignmentFlag.AlignVCenter,
                     text)
    painter.restore()
    return box
