"""The timeline dock: hourly and daily AQI of the selected unit(s) over the forecast, with the 150/200/300
thresholds, the unit's own and warned level as coloured bands, the current hour, and the chosen episode's span.

The x axis is the forecast step (hour index), labelled at each midnight with the Beijing date and the day of the
forecast (D+1 …). Clicking the plot moves the whole window to that hour.

The plot (pyqtgraph, a quarter of a second to import) is built when the dock is first shown with a forecast,
after the events already queued — so the window paints its coloured map first — or when first used.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QLabel, QVBoxLayout, QWidget

from app.domain.scheme import LEVELS
from app.gui.docks.texts import hour_index, level_colour, unit_label, unit_list
from app.gui.state import AppState

THRESHOLDS = ((150, "#FF7E00"), (200, "#E00000"), (300, "#99004C"))
LINE_COLOURS = ("#1F5FAD", "#2E8B57", "#8E44AD", "#B35900", "#555555")  # one per selected unit (first five)
BAND_SHARE = 0.08  # height of one level band below zero, as a share of the AQI axis
MAX_UNITS = len(LINE_COLOURS)
PEAK_UNITS = 3  # shown when nothing is selected


class TimelineDock(QDockWidget):
    def __init__(self, state: AppState, parent: QWidget | None = None):
        super().__init__(self.tr("时间序列"), parent)
        self.setObjectName("TimelineDock")
        self.state = state
        self._plot = None  # built on first use: see _build_plot
        self._build_queued = False
        self._waiting = False  # True while waiting for the map's first coloured paint (see build_after)
        self.title = QLabel()
        self.title.setWordWrap(True)
        body = QWidget()
        self._layout = QVBoxLayout(body)
        self._layout.setContentsMargins(4, 2, 4, 2)
        self._layout.addWidget(self.title)
        self._layout.addStretch(1)  # where the plot goes
        self.setWidget(body)
        self.units: list[str] = []
        self.showing_peaks = False  # no selection: showing the cities with the highest daily AQI
        state.evaluationChanged.connect(self.refresh)
        state.selectionChanged.connect(self.refresh)
        state.episodeSelected.connect(self.refresh)
        state.hourChanged.connect(self._move_cursor)

    # -- the plot, built once -------------------------------------------------------------------------------
    @property
    def plot(self):
        if self._plot is None:
            self._build_plot()
        return self._plot

    def _build_plot(self) -> None:
        import pyqtgraph as pg

        from app.gui.docks.timeline_axes import AqiAxis, DayAxis

        axis, aqi_axis = DayAxis(), AqiAxis()
        plot = pg.PlotWidget(axisItems={"bottom": axis, "left": aqi_axis}, background="w")
        plot.setMenuEnabled(False)
        plot.setMouseEnabled(x=True, y=False)
        plot.showGrid(x=True, y=True, alpha=0.15)
        plot.setLabel("left", "AQI")
        plot.addLegend(offset=(8, 4), labelTextColor="#222", brush=pg.mkBrush(255, 255, 255, 210))
        plot.scene().sigMouseClicked.connect(self._clicked)
        self._layout.takeAt(1)  # the stretch
        self._layout.addWidget(plot, 1)
        self._items = {
            "axis": axis, "aqi_axis": aqi_axis,
            "cursor": pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen("#202020", width=2)),
            "span": pg.LinearRegionItem(movable=False, brush=pg.mkBrush(255, 140, 0, 40),
                                        pen=pg.mkPen(255, 140, 0, 160))}
        self._plot = plot
        self.refresh()

    def build_after(self, signal) -> None:
        """Build the plot only once ``signal`` fired (the map's first coloured paint): the officer sees the
        map before the quarter second pyqtgraph's import takes."""
        self._waiting = True

        def go() -> None:
            self._waiting = False
            if self.isVisible() and self.state.evaluation is not None:
                self._queue_build()

        signal.connect(go)

    def _queue_build(self) -> None:
        if self._plot is None and not self._build_queued and not self._waiting:
            self._build_queued = True
            QTimer.singleShot(0, self._build_queued_plot)

    def _build_queued_plot(self) -> None:
        if self._plot is None:
            self._build_plot()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if self.state.evaluation is not None:
            self._queue_build()

    # cursor, span and the axes exist once the plot does; asking for them builds it
    def _item(self, key: str):
        if self._plot is None:
            self._build_plot()
        return self._items[key]

    @property
    def cursor(self):
        return self._item("cursor")

    @property
    def span(self):
        return self._item("span")

    @property
    def axis(self):
        return self._item("axis")

    @property
    def aqi_axis(self):
        return self._item("aqi_axis")

    # -- drawing ------------------------------------------------------------------------------------------
    def _set_title(self) -> bool:
        """The line above the plot; False when there is no forecast to draw."""
        evaluation = self.state.evaluation
        if evaluation is None:
            self.title.setText(self.tr("未加载预报。"))
            return False
        if not self.units:
            self.title.setText(self.tr("在地图上单击选择城市（Ctrl+单击多选），这里显示它的小时 AQI、日 AQI 和预警等级。"))
        else:
            daily = self.tr("日 AQI（自然日）") if evaluation.mode == "calendar" else self.tr("日 AQI（滑动 24 小时）")
            self.title.setText(self.tr("%1 · 细线：小时 AQI，粗线：%2；底部色带：本市等级 / 预警等级")
                               .replace("%1", unit_list(self.units)).replace("%2", daily))
            if self.showing_peaks:
                self.title.setText(self.tr("未选城市：显示日 AQI 峰值最高的联动城市（在地图上单击可换成其他城市）。") + " " + self.title.text())
        return True

    def _shown_units(self) -> list[str]:
        """The selected units with data; with none selected, the chosen episode's triggering cities; with no
        episode chosen either, the linkage cities with the highest daily AQI (so the dock is never blank)."""
        evaluation, state = self.state.evaluation, self.state
        self.showing_peaks = False
        names = list(state.selected_units)
        if not names and 0 <= state.selected_episode < len(evaluation.episodes):
            names = list(evaluation.episodes[state.selected_episode].trigger_cities)
        if not names:
            names = self._peak_units(PEAK_UNITS)
            self.showing_peaks = bool(names)
        return [n for n in names if n in evaluation.units][:MAX_UNITS]

    def _peak_units(self, count: int) -> list[str]:
        evaluation, scheme = self.state.evaluation, self.state.scheme
        linkage = set(scheme.region_of) if scheme is not None else set(evaluation.units)
        rows = [i for i, name in enumerate(evaluation.units) if name in linkage]
        if not rows or np.all(np.isnan(evaluation.daily_aqi[rows])):
            return []
        peaks = np.nanmax(np.where(np.isnan(evaluation.daily_aqi[rows]), -1.0, evaluation.daily_aqi[rows]), axis=1)
        order = np.argsort(-peaks, kind="stable")[:count]
        return [evaluation.units[rows[k]] for k in order if peaks[k] >= 0]

    def refresh(self, *_) -> None:
        evaluation = self.state.evaluation
        self.units = [] if evaluation is None else self._shown_units()
        if self._plot is None:
            self._set_title()
            if evaluation is not None and self.isVisible():
                self._queue_build()  # builds, then refreshes
            return
        import pyqtgraph as pg

        plot = self._plot
        plot.clear()
        self.axis.evaluation = evaluation
        self.aqi_axis.set_bands({})
        if not self._set_title():
            return
        n = len(evaluation.times)
        x = np.arange(n, dtype=float)
        top = 340.0  # the 300 line and its label always inside
        rows = [evaluation.units.index(u) for u in self.units]
        for k, (unit, row) in enumerate(zip(self.units, rows)):
            colour = LINE_COLOURS[k]
            hourly, daily = evaluation.hourly_aqi[row], evaluation.daily_aqi[row]
            plot.plot(x, hourly, pen=pg.mkPen(colour, width=1), connect="finite",
                      name=self.tr("%1 小时").replace("%1", unit_label(unit)))
            plot.plot(x, daily, pen=pg.mkPen(colour, width=3), connect="finite",
                      name=self.tr("%1 日").replace("%1", unit_label(unit)))
            top = max(top, float(np.nanmax(np.concatenate([hourly, daily, [0.0]]))) * 1.08)
        for value, colour in THRESHOLDS:
            line = pg.InfiniteLine(pos=value, angle=0, movable=False,
                                   pen=pg.mkPen(colour, width=1, style=Qt.PenStyle.DashLine),
                                   label=str(value), labelOpts={"position": 0.995, "color": colour,
                                                                "anchors": [(1, 0), (1, 0)]})
            plot.addItem(line)
        legend = plot.getPlotItem().legend
        if legend is not None:  # one row: hourly and daily of each unit side by side, over as little plot as possible
            legend.setColumnCount(max(1, 2 * len(rows)))
        band = top * BAND_SHARE
        if rows:
            self._bands(rows, n, band)
        self._episode_span()
        plot.addItem(self.cursor)
        self._move_cursor(self.state.hour)
        plot.setYRange(-2.2 * band, top, padding=0)
        plot.setXRange(-0.5, n - 0.5, padding=0)
        plot.setLimits(xMin=-0.5, xMax=n - 0.5)

    def _bands(self, rows: list[int], n: int, band: float) -> None:
        """Two strips below zero: the units' own level (upper) and the level they warn at (lower), highest of
        the shown units at each hour."""
        import pyqtgraph as pg

        evaluation = self.state.evaluation
        own = evaluation.city_level[rows].max(axis=0)
        warned = np.maximum(evaluation.warned_level[rows], evaluation.city_level[rows]).max(axis=0)
        colours = np.array([level_colour(name).getRgb()[:3] for name in LEVELS], dtype=np.uint8)
        for strip, levels in enumerate((own, warned)):
            image = colours[levels.astype(np.intp)][:, None, :]  # (hours, 1, rgb): x is the first axis
            item = pg.ImageItem(image)
            item.setRect(-0.5, -(strip + 1) * band - 0.15 * band * strip, n, band * 0.9)
            item.setToolTip(self.tr("本市自身等级") if strip == 0 else self.tr("预警等级（区域或自身，取高者）"))
            self.plot.addItem(item)
        self.aqi_axis.set_bands({-(strip + 0.55) * band - 0.15 * band * strip: text
                                 for strip, text in enumerate((self.tr("本市"), self.tr("预警")))})

    def _episode_span(self) -> None:
        import pyqtgraph as pg

        evaluation, index = self.state.evaluation, self.state.selected_episode
        if not 0 <= index < len(evaluation.episodes):
            return
        episode = evaluation.episodes[index]
        colour = level_colour(episode.level, 45)
        self.span.setBrush(pg.mkBrush(colour))
        self.span.setRegion((hour_index(evaluation, episode.start) - 0.5, hour_index(evaluation, episode.end) + 0.5))
        self.span.setToolTip(self.tr("选中的区域预警过程：%1").replace("%1", episode.region))
        self.plot.addItem(self.span)

    def _move_cursor(self, hour: int) -> None:
        if self._plot is not None:
            self.cursor.setPos(hour)

    # -- interaction --------------------------------------------------------------------------------------
    def hour_at(self, scene_pos: QPointF) -> int | None:
        """The forecast step under a scene position, None outside the plot area."""
        view = self.plot.getPlotItem().vb
        if not view.sceneBoundingRect().contains(scene_pos):
            return None
        return int(round(view.mapSceneToView(scene_pos).x()))

    def _clicked(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self.state.evaluation is None:
            return
        hour = self.hour_at(event.scenePos())
        if hour is not None:
            self.state.set_hour(hour)
