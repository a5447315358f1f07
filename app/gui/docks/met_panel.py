"""Meteorology under the timeline: one forecast variable (boundary-layer height, wind speed, humidity,
precipitation, inversion) for the units the timeline shows, on the same time axis (zoom and cursor follow
it). Shown only when the forecast carries meteorological columns.

Like the timeline's own plot, the panel's plot is built only after the timeline has built its one (after the
map's first coloured paint), so start-up does not import pyqtgraph before the officer sees the map; and only
once the panel is opened (folded, as it starts on a laptop screen, it builds and plots nothing).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QToolButton, QVBoxLayout, QWidget

from app.desk.numbers import MET_UNITS
from app.gui.docks.texts import unit_label

translate = QCoreApplication.translate  # translate("MetPanel", "…") at each string, so lupdate finds them


def met_names() -> dict[str, str]:
    return {"blh": translate("MetPanel", "边界层高度"), "wind_speed": translate("MetPanel", "风速"),
            "rh": translate("MetPanel", "相对湿度"), "precip": translate("MetPanel", "降水"),
            "inversion": translate("MetPanel", "逆温"), "wind_dir": translate("MetPanel", "风向")}


class MetPanel(QWidget):
    """Lives in the timeline dock; takes the shown units and the colours from it."""

    ORDER = ("blh", "wind_speed", "rh", "precip", "inversion", "wind_dir")

    def __init__(self, state, timeline, parent: QWidget | None = None):
        super().__init__(parent)
        self.state, self.timeline = state, timeline
        self.variable = QComboBox()
        self.variable.currentIndexChanged.connect(lambda _: self.refresh())
        self.plot = None  # built with the timeline's plot (see _ensure_plot), once the panel is opened
        self._stale = False  # refreshed while folded: to plot when opened
        self.cursor = None
        self.toggle = QToolButton()
        self.toggle.setCheckable(True)
        self.toggle.setText(translate("MetPanel", "气象"))
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setToolTip(translate("MetPanel", "在时间序列下显示预报的气象要素"))
        # a laptop screen keeps the room for the AQI curves; the officer opens it with one click
        screen = self.screen()
        self.toggle.setChecked(screen is None or screen.availableGeometry().height() >= 900)
        self.toggle.toggled.connect(self._expanded)
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(self.toggle)
        head.addWidget(self.variable)
        head.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(head)
        self._layout = layout
        for signal in (state.evaluationChanged, state.selectionChanged, state.episodeSelected):
            signal.connect(self.refresh)
        state.hourChanged.connect(self._move_cursor)
        self._expanded(self.toggle.isChecked())
        self.refresh()

    def _ensure_plot(self) -> bool:
        """Build the plot once the timeline has its own; False while it has not."""
        if self.plot is not None:
            return True
        if getattr(self.timeline, "_plot", None) is None:
            return False
        from app.gui.docks.plot_cursor import CursorPlot

        plot = CursorPlot(background="w")
        plot.setMenuEnabled(False)
        plot.hideButtons()  # pyqtgraph's auto-scale "A": the hours follow the AQI plot, the values fit themselves
        plot.setMouseEnabled(x=True, y=False)
        plot.showGrid(x=True, y=True, alpha=0.15)
        self._follow(plot, self.timeline.plot)  # same hours, same zoom
        plot.getPlotItem().getAxis("bottom").setStyle(showValues=False)
        self._align(plot)
        plot.setMinimumHeight(70)
        plot.setMaximumHeight(130)
        plot.setVisible(self.toggle.isChecked())
        self.cursor = plot.cursor  # the hour's line, drawn over the plot (app.gui.docks.plot_cursor)
        self._layout.addWidget(plot, 1)
        self.plot = plot
        return True

    def _align(self, plot) -> None:
        """An hour at the same x as on the timeline's plot (walkthrough e02: the cursors were 4–18 px apart): the
        view box begins where the timeline's hours begin (its left axis as wide, no margin before it) and ends
        as far from the right edge, and follows the timeline's axis when it widens (longer strip names). The
        variable's unit is in the selector, so the axis holds its numbers alone."""
        from app.gui.docks.timeline_plot import RIGHT_MARGIN

        item = plot.getPlotItem()
        _, top, _, bottom = item.layout.getContentsMargins()
        item.layout.setContentsMargins(0, top, RIGHT_MARGIN, bottom)
        timeline = self.timeline.plot
        axis = item.getAxis("left")
        axis.setWidth(timeline.axis_width)
        timeline.axisWidthChanged.connect(axis.setWidth)

    @staticmethod
    def _follow(plot, timeline) -> None:
        """The panel's hours are the timeline's: zoomed or moved on either, both show the same hours."""
        def to_panel(lo: float, hi: float) -> None:
            if tuple(plot.getPlotItem().getViewBox().viewRange()[0]) != (lo, hi):
                plot.setXRange(lo, hi, padding=0)

        timeline.xRangeChanged.connect(to_panel)
        plot.getPlotItem().getViewBox().sigXRangeChanged.connect(lambda _, hours: timeline.set_x_range(*hours))
        to_panel(*timeline.x_range)

    def _keep_at_bottom(self) -> None:
        """Under the timeline's plot, which is appended to the dock after us when it is built."""
        dock_layout = self.parentWidget().layout() if self.parentWidget() is not None else None
        if dock_layout is not None and getattr(self.timeline, "_plot", None) is not None \
                and dock_layout.indexOf(self) != dock_layout.count() - 1:
            dock_layout.removeWidget(self)
            dock_layout.addWidget(self)

    def _move_cursor(self, hour: int) -> None:
        if self.cursor is not None:
            self.cursor.setPos(hour)

    def _expanded(self, shown: bool) -> None:
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        if self.plot is not None:
            self.plot.setVisible(shown)
        self.variable.setEnabled(shown)
        if shown and self._stale:
            self.refresh()

    def _fill_variables(self, present: list[str]) -> None:
        current = self.variable.currentData()
        names = met_names()
        self.variable.blockSignals(True)
        self.variable.clear()
        for key in present:
            unit = MET_UNITS.get(key, "")
            # the name and its unit: full-width brackets in Chinese, (…) in English
            self.variable.addItem(translate("MetPanel", "%1（%2）").replace("%1", names[key]).replace("%2", unit)
                                  if unit else names[key], key)
        index = self.variable.findData(current)
        self.variable.setCurrentIndex(index if index >= 0 else 0)
        self.variable.blockSignals(False)

    def refresh(self, *_) -> None:
        forecast = self.state.forecast
        present = [k for k in self.ORDER if forecast is not None and not forecast.is_daily and k in forecast.met]
        self.setVisible(bool(present))
        if not present:
            return
        if [self.variable.itemData(i) for i in range(self.variable.count())] != present:
            self._fill_variables(present)
        self._keep_at_bottom()
        if not self.toggle.isChecked():  # folded: plotted when opened (a laptop screen starts folded)
            self._stale = True
            return
        self._stale = False
        if not self._ensure_plot():
            return  # refreshed again when the timeline builds its plot
        import pyqtgraph as pg

        key = self.variable.currentData()
        plot = self.plot
        plot.clear()
        units = [u for u in self.timeline.units if u in forecast.units]
        x = np.arange(len(forecast.times), dtype=float)
        colours = self.timeline_colours()
        for k, unit in enumerate(units):
            values = forecast.met[key][forecast.units.index(unit)].astype(float)
            pen = pg.mkPen(colours[k % len(colours)], width=2)
            if key in ("precip", "inversion"):
                plot.addItem(pg.BarGraphItem(x=x + (k - (len(units) - 1) / 2) * 0.8 / max(len(units), 1),
                                             height=np.nan_to_num(values), width=0.8 / max(len(units), 1),
                                             brush=colours[k % len(colours)], pen=None))
            elif key == "wind_dir":
                plot.plot(x, values, pen=None, symbol="o", symbolSize=3, symbolBrush=colours[k % len(colours)],
                          symbolPen=None)
            else:
                plot.plot(x, values, pen=pen, connect="finite")
        if key == "wind_dir":
            plot.setYRange(0, 360, padding=0.02)
        else:
            plot.enableAutoRange(axis="y")
        self.cursor.setPos(self.state.hour)
        self.cursor.setVisible(True)
        shown = "、".join(unit_label(u) for u in units)
        self.plot.setToolTip(translate("MetPanel", "%1 的预报气象；颜色与上方曲线一致").replace("%1", shown))

    @staticmethod
    def timeline_colours() -> tuple[str, ...]:
        from app.gui.docks.timeline_dock import LINE_COLOURS

        return LINE_COLOURS


class _PlotWatcher(QObject):
    """Tells the panel when the timeline dock gains its plot widget (built lazily after the first paint)."""

    def __init__(self, panel: MetPanel):
        super().__init__(panel)
        self.panel = panel

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.ChildAdded and self.panel.plot is None:
            QTimer.singleShot(0, self.panel, self.panel.refresh)  # not after the panel is gone (its window replaced)
        return False


def attach(timeline_dock, state) -> MetPanel:
    """Put the panel at the bottom of the timeline dock (the timeline's plot goes above it when built)."""
    panel = MetPanel(state, timeline_dock)
    body = timeline_dock.widget()
    body.layout().addWidget(panel)
    body.installEventFilter(_PlotWatcher(panel))
    return panel
