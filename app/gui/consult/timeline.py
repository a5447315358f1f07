"""The consultation's city timeline: one line per source (daily AQI per day) for the chosen city.

The sources' legend is their coloured names in the line above the plot (as in the main window's timeline),
outside the plot: in a plot this small a legend inside it covered the curves and the '◀ 实况 | 预报 ▶' label."""

from __future__ import annotations

from html import escape

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

translate = QCoreApplication.translate
SOURCE_COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#7f7f7f")


class _Days(pg.AxisItem):
    def __init__(self):
        super().__init__("bottom")
        self.labels: list[str] = []

    def tickStrings(self, values, scale, spacing):  # noqa: N802 - pyqtgraph API
        return [self.labels[int(v)] if 0 <= int(v) < len(self.labels) and float(v).is_integer() else ""
                for v in values]


class SourceTimeline(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.city = QComboBox()
        self.city.currentIndexChanged.connect(self._draw)
        self.axis = _Days()
        self.plot = pg.PlotWidget(axisItems={"bottom": self.axis}, background="w")
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()  # pyqtgraph's auto-scale "A": nothing to scale, the mouse is off
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.showGrid(x=True, y=True, alpha=0.15)
        self.plot.setLabel("left", translate("Consult", "日 AQI"))
        self.legend = QLabel()  # the sources' coloured names, outside the plot
        self.legend.setObjectName("ConsultTimelineLegend")
        self.legend.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel(translate("Consult", "城市：")))
        top.addWidget(self.city)
        top.addWidget(self.legend, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.plot, 1)
        self.comparison = None
        self.now_line = None  # between the observed days and the forecasts' first day (spec §7), when observed

    def set_comparison(self, comparison, city: str | None = None) -> None:
        self.comparison = comparison
        linkage = [u for u in comparison.units if comparison.scheme.region_of.get(u)]
        current = city or self.city.currentText() or (linkage[0] if linkage else "")
        self.city.blockSignals(True)
        self.city.clear()
        self.city.addItems(linkage)
        if current in linkage:
            self.city.setCurrentText(current)
        self.city.blockSignals(False)
        self._draw()

    def set_city(self, city: str) -> None:
        if city and self.city.findText(city) >= 0:
            self.city.setCurrentText(city)

    def _draw(self) -> None:
        self.plot.clear()
        self.legend.clear()
        self.legend.setToolTip("")
        cmp = self.comparison
        if cmp is None or not self.city.currentText():
            return
        row = cmp.units.index(self.city.currentText())
        self.axis.labels = [d.strftime("%m-%d") for d in cmp.days]
        x = np.arange(len(cmp.days), dtype=float)
        names = []
        for s, name in enumerate(cmp.names):
            y = cmp.city_daily_aqi[s, row]
            if not np.isfinite(y).any():
                continue
            colour = SOURCE_COLOURS[s % len(SOURCE_COLOURS)]
            self.plot.plot(x, y, pen=pg.mkPen(colour, width=2), symbol="o", symbolSize=6,
                           symbolBrush=colour, name=name, connect="finite")
            names.append(f'<span style="color:{colour}">━● <b>{escape(name)}</b></span>')
        self.legend.setText("&nbsp; ".join(names))
        self.legend.setToolTip(translate("Consult", "各来源的线色（该市无数据的来源不画）"))
        for limit in (150, 200, 300):
            self.plot.addItem(pg.InfiniteLine(pos=limit, angle=0, pen=pg.mkPen("#999", style=pg.QtCore.Qt.DashLine)))
        self.now_line = None
        first = cmp.forecast_start.date()
        if cmp.observed is not None and cmp.days and cmp.days[0] < first:  # observed days before the forecasts
            day = next((i for i, d in enumerate(cmp.days) if d >= first), len(cmp.days))
            pen = pg.mkPen("#404040", width=2, style=pg.QtCore.Qt.DashDotLine)
            self.now_line = pg.InfiniteLine(pos=day - 0.5, angle=90, movable=False, pen=pen,
                                            label=translate("Consult", "◀ 实况 | 预报 ▶"),
                                            labelOpts={"position": 0.97, "color": "#404040",
                                                       "anchors": [(0.5, 0), (0.5, 0)]})
            self.now_line.setToolTip(translate("Consult", "预报首日：左侧各日含实况（各来源相同），右侧为各来源预报"))
            self.plot.addItem(self.now_line)
        self.plot.setXRange(-0.3, len(cmp.days) - 0.7, padding=0)
