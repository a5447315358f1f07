"""A small map of the 59 units for one source, coloured per unit (the 会商 view shows one per source)."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen, QPixmap, QTransform
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.gui.map import colours

_OUTLINE = QColor(255, 255, 255)
_REGION = QColor(40, 40, 40)
_MISSING_TEXT = QColor(110, 110, 110)


class MiniMap(QWidget):
    """``set_colours(argb)``: one 0xAARRGGBB per geometry unit; ``title`` drawn at the top; ``note`` under it."""

    def __init__(self, geometry, parent: QWidget | None = None):
        super().__init__(parent)
        self.geometry = geometry
        self.title = ""
        self.note = ""
        self.marked = False  # drawn with a thick frame: the consensus
        self._colours = np.full(len(geometry.names), 0xFFC8CCD0, dtype=np.uint32)
        self._key = None
        self._pixmap = None
        self.setMinimumSize(160, 130)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_colours(self, argb: np.ndarray, title: str, note: str = "") -> None:
        self._colours, self.title, self.note = np.asarray(argb, dtype=np.uint32), title, note
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt API
        # Redrawn into a pixmap only when something shown changed: a repaint of the whole 会商 window (another
        # consensus) then costs one blit per unchanged map instead of 59 antialiased paths each.
        ratio = self.devicePixelRatioF()
        key = (self.width(), self.height(), ratio, self._colours.tobytes(), self.title, self.note, self.marked)
        if key != self._key:
            self._pixmap = QPixmap(int(self.width() * ratio), int(self.height() * ratio))
            self._pixmap.setDevicePixelRatio(ratio)
            self._render(QPainter(self._pixmap))
            self._key = key
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._pixmap)
        painter.end()

    def _render(self, painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor(*colours.BACKGROUND))
        font = QFont(self.font())
        font.setBold(True)
        painter.setFont(font)
        head = painter.fontMetrics().height() + 4
        x0, y0, x1, y1 = self.geometry.bounds
        area = QRectF(4, head + 2, self.width() - 8, self.height() - head - 6)
        scale = min(area.width() / (x1 - x0), area.height() / (y1 - y0))
        dx = area.x() + (area.width() - (x1 - x0) * scale) / 2
        dy = area.y() + (area.height() + (y1 - y0) * scale) / 2
        transform = QTransform(scale, 0, 0, -scale, dx - x0 * scale, dy + y0 * scale)
        painter.save()
        painter.setTransform(transform)
        pen = QPen(_OUTLINE, 0)
        pen.setCosmetic(True)
        painter.setPen(pen)
        for path, argb in zip(self.geometry.unit_paths("coarse"), self._colours.tolist()):
            painter.setBrush(QBrush(QColor.fromRgba(argb)))
            painter.drawPath(path)
        region_pen = QPen(_REGION, 1.4)
        region_pen.setCosmetic(True)
        painter.setPen(region_pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for path in self.geometry.region_paths("coarse"):
            painter.drawPath(path)
        painter.restore()
        painter.setPen(QColor(20, 20, 20))
        painter.drawText(QRectF(6, 2, self.width() - 12, head), Qt.AlignmentFlag.AlignLeft, self.title)
        if self.note:
            small = QFont(self.font())
            painter.setFont(small)
            painter.setPen(_MISSING_TEXT)
            painter.drawText(QRectF(6, head, self.width() - 12, head), Qt.AlignmentFlag.AlignLeft, self.note)
        if self.marked:
            frame = QPen(QColor(0x1F, 0x4E, 0x9A), 3)
            painter.setPen(frame)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(self.rect().adjusted(1, 1, -2, -2))
        painter.end()


def level_argb(geometry, evaluation, hour_time) -> tuple[np.ndarray, bool]:
    """Per geometry unit the warning-level colour of ``evaluation`` at ``hour_time`` (no-data colour when the
    evaluation has no row or no such hour); and whether the evaluation covers that time at all."""
    out = np.full(len(geometry.names), 0, dtype=np.uint32)
    linkage = geometry.linkage
    hit = np.flatnonzero(evaluation.times == hour_time)
    if hit.size == 0:
        rgb = np.tile(np.array(colours.NO_DATA, dtype=float), (len(geometry.names), 1))
        rgb[~linkage] = rgb[~linkage] * (1 - colours.MUTE) + 255 * colours.MUTE
        out[:] = colours._argb(rgb)
        return out, False
    h = int(hit[0])
    table = colours.colour_tables(_OneHour(evaluation, h), "warning", geometry.names, linkage)
    return table[0, 1:len(geometry.names) + 1], True


class _OneHour:
    """The evaluation's arrays cut to one hour (the colour table of one step, without the whole week)."""

    def __init__(self, evaluation, hour: int):
        self.times = evaluation.times[hour:hour + 1]
        self.units = evaluation.units
        cut = slice(hour, hour + 1)
        self.warned_level = evaluation.warned_level[:, cut]
        self.city_level = evaluation.city_level[:, cut]
        self.daily_aqi = evaluation.daily_aqi[:, cut]
        self.daily_insufficient = evaluation.daily_insufficient[:, cut]
        self.hourly_aqi = evaluation.hourly_aqi[:, cut]
