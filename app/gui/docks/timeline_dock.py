"""The timeline dock: hourly and daily AQI of the selected unit(s) over the forecast, with the 150/200/300
thresholds, the unit's own and warned level as coloured bands, the current hour, and the chosen episode's span.

The x axis is the forecast step (hour index), labelled at each midnight with the Beijing date and the day of the
forecast (D+1 …). Clicking the plot moves the whole window to that hour.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QDockWidget, QLabel, QVBoxLayout, QWidget

from app.domain.scheme import BEIJING, LEVELS
from app.gui.docks.texts import hour_index, level_colour, unit_label, unit_list
from app.gui.state import AppState
from app.gui.timefmt import day_label

THRESHOLDS = ((150, "#FF7E00"), (200, "#E00000"), (300, "#99004C"))
LINE_COLOURS = ("#1F5FAD", "#2E8B57", "#8E44AD", "#B35900", "#555555")  # one per selected unit (first five)
BAND_SHARE = 0.08  # height of one level band below zero, as a share of the AQI axis
MAX_UNITS = len(LINE_COLOURS)
PEAK_UNITS = 3  # shown when nothing is selected


class _DayAxis(pg.AxisItem):
    """Ticks at each midnight: '01-11 D+1'; six-hourly minor ticks."""

    def __init__(self):
        super().__init__("bottom")
        self.evaluation = None

    def tickValues(self, minVal, maxVal, size):  # noqa: N802, N803 - pyqtgraph API
        evaluation = self.evaluation
        if evaluation is None or not len(evaluation.times):
            return super().tickValues(minVal, maxVal, size)
        hours = np.array([t.hour for t in evaluation.times.tz_convert(BEIJING)])
        steps = np.arange(len(hours))
        inside = (steps >= minVal) & (steps <= maxVal)
        major = steps[inside & (hours == 0)]
        pixels_per_day = size / max(1.0, (maxVal - minVal) / 24)
        if pixels_per_day < 60:  # narrow: day ticks only
            return [(24.0, major.tolist())]
        every = 6 if pixels_per_day >= 120 else 12
        minor = steps[inside & (hours % every == 0) & (hours != 0)]
        return [(24.0, major.tolist()), (float(every), minor.tolist())]

    def tickStrings(self, values, scale, spacing):  # noqa: N802 - pyqtgraph API
        evaluation = self.evaluation
        if evaluation is None:
            return [f"{v:g}" for v in values]
        out = []
        for v in values:
            i = int(round(v))
            if not 0 <= i < len(evaluation.times):
                out.append("")
                continue
            t = evaluation.times[i].tz_convert(BEIJING)
            out.append(f"{t:%m-%d} {day_label(evaluation, i)}" if t.hour == 0 else f"{t:%H}")
        return out


class _AqiAxis(pg.AxisItem):
    """AQI ticks from 0 up; below zero, the names of the level bands at their centres."""

    def __init__(self):
        super().__init__("left")
        self.bands: dict[float, str] = {}  # band centre -> label

    def tickValues(self, minVal, maxVal, size):  # noqa: N802, N803 - pyqtgraph API
        levels = [(spacing, [v for v in values if v >= 0]) for spacing, values in
                  super().tickValues(max(0.0, minVal), maxVal, size)]
        if self.bands:  # first, so the number ticks give way when they would overlap
            levels.insert(0, (1.0, list(self.bands)))
        return levels

    def set_bands(self, bands: dict[float, str]) -> None:
        self.bands = dict(bands)
        self.picture = None  # pyqtgraph caches the drawn ticks until the range changes; the labels changed
        self.update()

    def tickStrings(self, values, scale, spacing):  # noqa: N802 - pyqtgraph API
        return [self.bands.get(v, f"{v:g}" if v >= 0 else "") for v in values]


class TimelineDock(QDockWidget):
    def __init__(self, state: AppState, parent: QWidget | None = None):
        super().__init__(self.tr("时间序列"), parent)
        self.setObjectName("TimelineDock")
        self.state = state
        self.axis = _DayAxis()
        self.aqi_axis = _AqiAxis()
        self.plot = pg.PlotWidget(axisItems={"bottom": self.axis, "left": self.aqi_axis}, background="w")
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=True, y=False)
        self.plot.showGrid(x=True, y=True, alpha=0.15)
        self.plot.setLabel("left", "AQI")
        self.plot.addLegend(offset=(8, 4), labelTextColor="#222", brush=pg.mkBrush(255, 255, 255, 210))
        self.plot.scene().sigMouseClicked.connect(self._clicked)
        self.title = QLabel()
        self.title.setWordWrap(True)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(self.title)
        layout.addWidget(self.plot, 1)
        self.setWidget(body)
        self.cursor = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen("#202020", width=2))
        self.span = pg.LinearRegionItem(movable=False, brush=pg.mkBrush(255, 140, 0, 40),
                                        pen=pg.mkPen(255, 140, 0, 160))
        self.units: list[str] = []
        self.showing_peaks = False  # no selection: showing the cities with the highest daily AQI
        state.evaluationChanged.connect(self.refresh)
        state.selectionChanged.connect(self.refresh)
        state.episodeSelected.connect(self.refresh)
        state.hourChanged.connect(self._move_cursor)
        self.refresh()

    # -- drawing ------------------------------------------------------------------------------------------
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
        plot, evaluation = self.plot, self.state.evaluation
        plot.clear()
        self.axis.evaluation = evaluation
        self.aqi_axis.set_bands({})
        self.units = [] if evaluation is None else self._shown_units()
        if evaluation is None:
            self.title.setText(self.tr("未加载预报。"))
            return
        if not self.units:
            self.title.setText(self.tr("在地图上单击选择城市（Ctrl+单击多选），这里显示它的小时 AQI、日 AQI 和预警等级。"))
        else:
            daily = self.tr("日 AQI（自然日）") if evaluation.mode == "calendar" else self.tr("日 AQI（滑动 24 小时）")
            self.title.setText(self.tr("%1 · 细线：小时 AQI，粗线：%2；底部色带：本市等级 / 预警等级")
                               .replace("%1", unit_list(self.units)).replace("%2", daily))
            if self.showing_peaks:
                self.title.setText(self.tr("未选城市：显示日 AQI 峰值最高的联动城市（在地图上单击可换成其他城市）。") + " " + self.title.text())
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
