"""The timeline dock: hourly and daily AQI of the selected unit(s) over the forecast, with the 150/200/300
thresholds, the unit's own and warned level as coloured bands, the current hour, and the chosen episode's span.

The x axis is the forecast step (hour index), labelled at each midnight with the Beijing date and the day of the
forecast (D+1 …). Clicking the plot moves the whole window to that hour.

The plot (pyqtgraph, a quarter of a second to import) is built when the dock is first shown with a forecast,
after the events already queued — so the window paints its coloured map first — or when first used.
"""

from __future__ import annotations

from html import escape

import numpy as np
from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QLabel, QSizePolicy, QSpacerItem, QVBoxLayout, QWidget

from app.domain.scheme import LEVELS
from app.gui.docks.texts import hour_index, level_colour, unit_label
from app.gui.state import AppState

THRESHOLDS = ((150, "#FF7E00"), (200, "#E00000"), (300, "#99004C"))
LINE_COLOURS = ("#1F5FAD", "#2E8B57", "#8E44AD", "#B35900", "#555555")  # one per selected unit (first five)
BAND_PIXELS = 13  # height of one level strip (its name on the axis needs a line of text)
BANDS_HEIGHT = 2 * BAND_PIXELS + 30  # the strips' plot, with the dates under them
PLOT_MIN_HEIGHT = 100  # the AQI plot: 0–340 with the 150/200/300 lines and their labels apart
AXIS_WIDTH = 52  # at least, both plots' left axes alike so that their time axes line up (wider for long names)
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
        # where the plots go, as tall as they need at least: the dock takes its final height before they are
        # built, so the map beside it is first painted at its final size (not drawn again a moment later)
        self._layout.addSpacerItem(QSpacerItem(0, PLOT_MIN_HEIGHT + BANDS_HEIGHT, QSizePolicy.Policy.Minimum,
                                               QSizePolicy.Policy.MinimumExpanding))
        self._layout.setSpacing(0)
        self.setWidget(body)
        self.units: list[str] = []
        self.showing_peaks = False  # no selection: showing the cities with the highest daily AQI
        state.evaluationChanged.connect(self.refresh)
        state.selectionChanged.connect(self.refresh)
        state.episodeSelected.connect(self.refresh)
        state.hourChanged.connect(self._move_cursor)
        state.observationsChanged.connect(self.refresh)

    # -- the plot, built once -------------------------------------------------------------------------------
    @property
    def plot(self):
        if self._plot is None:
            self._build_plot()
        return self._plot

    def _build_plot(self) -> None:
        """Two plots sharing the time axis: AQI above, the two level strips below in a plot of their own (a
        fixed height, so their names never meet the AQI ticks). The units' legend is the coloured names in
        the title line, outside the plot, so it never covers the curves or the 150/200/300 labels."""
        import pyqtgraph as pg

        from app.gui.docks.plot_cursor import CursorPlot
        from app.gui.docks.timeline_axes import AqiAxis, BandAxis, DayAxis

        axis, aqi_axis, band_axis, grid_axis = DayAxis(), AqiAxis(), BandAxis(), DayAxis()
        plot = CursorPlot(axisItems={"bottom": grid_axis, "left": aqi_axis}, background="w")
        bands = CursorPlot(axisItems={"bottom": axis, "left": band_axis}, background="w")
        for widget in (plot, bands):
            widget.setMenuEnabled(False)
            widget.setMouseEnabled(x=True, y=False)
            widget.hideButtons()  # pyqtgraph's auto-scale "A": the ranges are set here
            widget.getAxis("left").setWidth(AXIS_WIDTH)
            widget.scene().sigMouseClicked.connect(self._clicked)
        plot.showGrid(x=True, y=True, alpha=0.15)
        plot.setMinimumHeight(PLOT_MIN_HEIGHT)
        plot.setLabel("left", "AQI")
        grid_axis.setStyle(showValues=False)  # day lines on the AQI plot; the dates are written below the bands
        grid_axis.setHeight(4)
        bands.setXLink(plot)
        bands.setYRange(0, 2, padding=0)
        bands.setFixedHeight(BANDS_HEIGHT)
        bands.getPlotItem().getViewBox().setDefaultPadding(0)
        self._layout.takeAt(1)  # the place kept for them
        self._layout.addWidget(plot, 1)
        self._layout.addWidget(bands)
        self._items = {
            "axis": axis, "aqi_axis": aqi_axis, "band_axis": band_axis, "grid_axis": grid_axis, "bands": bands,
            "cursor": plot.cursor, "band_cursor": bands.cursor,  # the hour's line over each plot
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
            QTimer.singleShot(0, self, self._build_queued_plot)  # not after the dock is gone

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

    @property
    def band_axis(self):
        return self._item("band_axis")

    @property
    def band_plot(self):
        return self._item("bands")

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
            names = " ".join(f'<span style="color:{LINE_COLOURS[k]}">━ <b>{escape(unit_label(unit))}</b></span>'
                             for k, unit in enumerate(self.units))
            text = escape(self.tr("细线：小时 AQI，粗线：%2；底部色带：本市等级 / 预警等级").replace("%2", daily))
            if self.showing_peaks:
                text = escape(self.tr("未选城市：显示日 AQI 峰值最高的联动城市（在地图上单击可换成其他城市）。")) + " " + text
            self.title.setText(f"{names} · {text}")
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

        plot, bands = self._plot, self.band_plot
        plot.clear()
        bands.clear()
        for cursor in (self.cursor, self._items["band_cursor"]):
            cursor.setVisible(False)
        for axis in (self.axis, self._items["grid_axis"]):
            axis.evaluation = evaluation
            axis.picture = None  # pyqtgraph redraws ticks only on a range change; same range, other dates
            axis.update()
        self.band_axis.set_bands({})
        if not self._set_title():
            return
        n = len(evaluation.times)
        x = np.arange(n, dtype=float)
        top = 340.0  # the 300 line and its label always inside
        rows = [evaluation.units.index(u) for u in self.units]
        observed_hours = min(int(getattr(evaluation, "observed_hours", 0) or 0), n)
        for k, row in enumerate(rows):
            colour = LINE_COLOURS[k]
            hourly, daily = evaluation.hourly_aqi[row], evaluation.daily_aqi[row]
            self._line(plot, x, hourly, colour, 1, observed_hours)
            self._line(plot, x, daily, colour, 3, observed_hours)
            top = max(top, float(np.nanmax(np.concatenate([hourly, daily, [0.0]]))) * 1.08)
            observed = self._observed_daily(self.units[k])
            if observed is not None:  # the review's observations: the day's observed daily AQI, dotted
                plot.plot(x, observed, pen=pg.mkPen(colour, width=2, style=Qt.PenStyle.DotLine), connect="finite",
                          name=self.tr("%1 实测日").replace("%1", unit_label(self.units[k])))
                top = max(top, float(np.nanmax(np.concatenate([observed, [0.0]]))) * 1.08)
        if self.state.observations is not None and any(self._observed_daily(u) is not None for u in self.units):
            self.title.setText(self.title.text() + self.tr("；点线：实测日 AQI"))
        for value, colour in THRESHOLDS:
            # under each line; 150 at the left end and 200/300 at the right, so that on a short plot the
            # labels of lines 50 AQI apart never meet
            left = value == 150
            anchor = (0, 0) if left else (1, 0)
            line = pg.InfiniteLine(pos=value, angle=0, movable=False,
                                   pen=pg.mkPen(colour, width=1, style=Qt.PenStyle.DashLine),
                                   label=str(value), labelOpts={"position": 0.005 if left else 0.995,
                                                                "color": colour, "anchors": [anchor, anchor]})
            plot.addItem(line)
        if rows:
            self._bands(rows, n)
        if observed_hours:
            self._now_line(observed_hours)
        self._episode_span()
        self._move_cursor(self.state.hour)
        for cursor in (self.cursor, self._items["band_cursor"]):
            cursor.setVisible(True)
        plot.setYRange(0, top, padding=0)
        plot.setLimits(xMin=-0.5, xMax=n - 0.5)  # first: the old forecast's limits would clamp the new range
        plot.setXRange(-0.5, n - 0.5, padding=0)
        bands.setYRange(0, 2, padding=0)

    def _line(self, plot, x: np.ndarray, y: np.ndarray, colour: str, width: int, observed_hours: int) -> None:
        """A unit's curve: solid over the observed hours spliced before the forecast (spec §7), dashed over the
        forecast; solid throughout when nothing was observed."""
        import pyqtgraph as pg

        if not observed_hours:
            plot.plot(x, y, pen=pg.mkPen(colour, width=width), connect="finite")
            return
        cut = observed_hours + 1  # the observed line runs on to the forecast's first hour: one unbroken curve
        plot.plot(x[:cut], y[:cut], pen=pg.mkPen(colour, width=width), connect="finite")
        plot.plot(x[observed_hours:], y[observed_hours:], pen=pg.mkPen(colour, width=width, style=Qt.PenStyle.DashLine),
                  connect="finite")

    def _now_line(self, observed_hours: int) -> None:
        """"Now": the forecast's first hour, between the observed hours (solid) and the forecast (dashed)."""
        import pyqtgraph as pg

        pen = pg.mkPen("#404040", width=2, style=Qt.PenStyle.DashDotLine)
        now = pg.InfiniteLine(pos=observed_hours - 0.5, angle=90, movable=False, pen=pen,
                              label=self.tr("◀ 实况 | 预报 ▶"),
                              labelOpts={"position": 0.97, "color": "#404040", "anchors": [(0.5, 0), (0.5, 0)]})
        now.setToolTip(self.tr("现在：预报首时次。左侧实线为实况，右侧虚线为预报"))
        self.plot.addItem(now)
        self.band_plot.addItem(pg.InfiniteLine(pos=observed_hours - 0.5, angle=90, movable=False, pen=pen))
        self.title.setText(self.title.text() + escape(self.tr("；实线：实况，虚线：预报")))

    def _observed_daily(self, unit: str) -> np.ndarray | None:
        """The observed daily AQI of the unit at each forecast hour (its Beijing day's value), when the review
        has observations covering the forecast; None otherwise."""
        observations, evaluation = self.state.observations, self.state.evaluation
        if observations is None or unit not in observations.units:
            return None
        days = evaluation.times.tz_convert(observations.days.tz).normalize()
        cols = np.asarray(observations.days.get_indexer(days))
        if (cols < 0).all():
            return None
        values = observations.aqi[observations.row(unit)]
        return np.where(cols >= 0, values[np.clip(cols, 0, None)], np.nan)

    def _bands(self, rows: list[int], n: int) -> None:
        """Two strips: the units' own level (upper) and the level they warn at (lower), highest of the shown
        units at each hour, in the level colours exactly (fixed levels: pyqtgraph would otherwise stretch a
        strip holding one level only to its own range and paint it in the wrong colour)."""
        import pyqtgraph as pg

        evaluation = self.state.evaluation
        own = evaluation.city_level[rows].max(axis=0)
        warned = np.maximum(evaluation.warned_level[rows], evaluation.city_level[rows]).max(axis=0)
        colours = np.array([level_colour(name).getRgb()[:3] for name in LEVELS], dtype=np.uint8)
        for strip, levels in enumerate((own, warned)):
            image = colours[levels.astype(np.intp)][:, None, :]  # (hours, 1, rgb): x is the first axis
            item = pg.ImageItem(image, levels=(0, 255), autoLevels=False)
            item.setRect(-0.5, 1.0 - strip + 0.06, n, 0.88)
            item.setToolTip(self.tr("本市自身等级") if strip == 0 else self.tr("预警等级（区域或自身，取高者）"))
            self.band_plot.addItem(item)
        own, warned = self.tr("本市"), self.tr("预警")
        self.band_axis.set_bands({1.5: own, 0.5: warned})
        # the strip names must fit beside the strips (pyqtgraph drops a tick text that does not): both axes widen
        width = max(AXIS_WIDTH, max(self.fontMetrics().horizontalAdvance(t) for t in (own, warned)) + 22)
        for plot in (self._plot, self.band_plot):
            plot.getAxis("left").setWidth(width)

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
            self._items["band_cursor"].setPos(hour)

    # -- interaction --------------------------------------------------------------------------------------
    def hour_at(self, scene_pos: QPointF, plot=None) -> int | None:
        """The forecast step under a scene position of ``plot`` (default: the AQI plot), None outside it."""
        view = (plot or self.plot).getPlotItem().vb
        if not view.sceneBoundingRect().contains(scene_pos):
            return None
        return int(round(view.mapSceneToView(scene_pos).x()))

    def _clicked(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self.state.evaluation is None:
            return
        scene = event.currentItem.scene() if event.currentItem is not None else None
        plot = self.band_plot if scene is self.band_plot.scene() else self.plot
        hour = self.hour_at(event.scenePos(), plot)
        if hour is not None:
            self.state.set_hour(hour)
