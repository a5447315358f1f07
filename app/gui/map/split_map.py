"""The replay's split map: the forecast | what was observed, side by side, for one day chosen on one slider.

Each half draws the units filled with the official colour of their daily AQI category (grey: no data), the
linkage regions outlined, and its title; hovering a unit shows both values. Painted with QPainter from the map's
geometry (the same paths as the main map, coarse level of detail: two small maps, drawn on every slider step).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen, QTransform
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSlider, QVBoxLayout, QWidget

from app.domain.aqi import CATEGORIES, aqi_rgb

NO_DATA = QColor(214, 214, 214)
REGION_PEN = QColor(24, 38, 66)


class MapPane(QWidget):
    """One half: units coloured by daily AQI."""

    hovered = Signal(str)

    def __init__(self, geometry, title: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.geometry_ = geometry
        self.title = title
        self.values: dict[str, float] = {}
        self.setMinimumSize(260, 200)
        self.setMouseTracking(True)
        self._paths = geometry.unit_paths("coarse")
        self._regions = geometry.region_paths("coarse")

    def set_values(self, values: dict[str, float], title: str) -> None:
        self.values, self.title = values, title
        self.update()

    def colour_of(self, unit: str) -> QColor:
        value = self.values.get(unit, np.nan)
        if value is None or np.isnan(value):
            return NO_DATA
        r, g, b = (int(c) for c in aqi_rgb(np.array([value]))[0])
        return QColor(r, g, b)

    def _transform(self) -> QTransform:
        x0, y0, x1, y1 = self.geometry_.bounds
        area = QRectF(self.rect()).adjusted(6, 26, -6, -6)
        scale = min(area.width() / (x1 - x0), area.height() / (y1 - y0))
        dx = area.left() + (area.width() - (x1 - x0) * scale) / 2
        dy = area.top() + (area.height() - (y1 - y0) * scale) / 2
        return QTransform(scale, 0, 0, -scale, dx - x0 * scale, dy + y1 * scale)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.1)
        font.setBold(True)
        painter.setFont(font)
        painter.drawText(QRectF(0, 2, self.width(), 22), Qt.AlignmentFlag.AlignCenter, self.title)
        painter.setTransform(self._transform())
        border = QPen(QColor(80, 80, 80), 0)
        border.setCosmetic(True)
        painter.setPen(border)
        for name, path in zip(self.geometry_.names, self._paths):
            painter.setBrush(QBrush(self.colour_of(name)))
            painter.drawPath(path)
        outline = QPen(REGION_PEN, 1.6)
        outline.setCosmetic(True)
        painter.setPen(outline)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for path in self._regions:
            painter.drawPath(path)
        painter.end()

    def unit_at(self, point: QPointF) -> str:
        inverse, ok = self._transform().inverted()
        if not ok:
            return ""
        world = inverse.map(point)
        for name, path in zip(self.geometry_.names, self._paths):
            if path.contains(world):
                return name
        return ""

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 - Qt API
        self.hovered.emit(self.unit_at(event.position()))


class SplitMap(QWidget):
    """Forecast | observed on one day slider. ``set_days(days, forecast_by_day, observed_by_day)``: per day a
    dict unit → daily AQI on each side; ``dayChanged(index)`` when the slider moves."""

    dayChanged = Signal(int)

    def __init__(self, geometry, parent: QWidget | None = None):
        super().__init__(parent)
        self.left = MapPane(geometry)
        self.right = MapPane(geometry)
        self.days: list = []
        self.forecast: list[dict[str, float]] = []
        self.observed: list[dict[str, float]] = []
        self.forecast_name = ""
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setMinimum(0)
        self.slider.valueChanged.connect(self._show)
        self.day_label = QLabel()
        self.hover_label = QLabel()
        self.legend = QLabel("  ".join(f"<span style='background:{c.hex}'>&nbsp;&nbsp;&nbsp;</span> {c.name_zh}"
                                       for c in CATEGORIES) + "  <span style='background:#D6D6D6'>&nbsp;&nbsp;&nbsp;"
                                                              "</span> " + self.tr("无数据"))
        maps = QHBoxLayout()
        maps.addWidget(self.left, 1)
        maps.addWidget(self.right, 1)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("日期：")))
        row.addWidget(self.slider, 1)
        row.addWidget(self.day_label)
        layout = QVBoxLayout(self)
        layout.addLayout(maps, 1)
        layout.addLayout(row)
        layout.addWidget(self.legend)
        layout.addWidget(self.hover_label)
        for pane in (self.left, self.right):
            pane.hovered.connect(self._hover)

    def set_days(self, days: list, forecast: list[dict[str, float]], observed: list[dict[str, float]],
                 forecast_name: str) -> None:
        self.days, self.forecast, self.observed, self.forecast_name = list(days), forecast, observed, forecast_name
        self.slider.blockSignals(True)
        self.slider.setMaximum(max(len(self.days) - 1, 0))
        self.slider.setValue(min(self.slider.value(), max(len(self.days) - 1, 0)))
        self.slider.blockSignals(False)
        self._show(self.slider.value())

    def _show(self, index: int) -> None:
        if not self.days:
            self.left.set_values({}, self.tr("预报"))
            self.right.set_values({}, self.tr("实测"))
            self.day_label.setText("")
            return
        day = self.days[index]
        self.day_label.setText(f"{day:%Y-%m-%d}")
        self.left.set_values(self.forecast[index], self.tr("预报：%1").replace("%1", self.forecast_name))
        self.right.set_values(self.observed[index], self.tr("实测"))
        self.dayChanged.emit(index)

    def _hover(self, unit: str) -> None:
        if not unit or not self.days:
            self.hover_label.setText("")
            return
        i = self.slider.value()

        def text(values: dict[str, float]) -> str:
            v = values.get(unit, np.nan)
            return "—" if v is None or np.isnan(v) else f"{v:.0f}"

        self.hover_label.setText(self.tr("%1：预报日 AQI %2，实测日 AQI %3").replace("%1", unit)
                                 .replace("%2", text(self.forecast[i])).replace("%3", text(self.observed[i])))
