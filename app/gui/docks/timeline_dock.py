"""The timeline dock: hourly and daily AQI of the selected unit(s) over the forecast, with the 150/200/300
thresholds, the unit's own and warned level as coloured bands, the current hour, and the chosen episode's span.

The x axis is the forecast step (hour index), labelled at each midnight with the Beijing date and the day of the
forecast (D+1 …). Clicking the plot moves the whole window to that hour.

The plot (app.gui.docks.timeline_plot, our own QPainter code) is built when the dock is first shown with a
forecast, after the events already queued — so the window paints its coloured map first — or when first used.
"""

from __future__ import annotations

from html import escape

import numpy as np
from PySide6.QtCore import QEvent, Qt, QTimer
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
        self.title.installEventFilter(self)  # resized: the caption may wrap onto more lines (see _fit_height)
        # once the widths have settled (while the window is first laid out the dock passes through narrow ones)
        self._fit_timer = QTimer(self, singleShot=True, interval=0, timeout=self._fit_height)
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
        body.installEventFilter(self)  # its layout's minimum changed: the caption's lines are added to the new one
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
        """The AQI curves above, the two level strips below (a fixed height, so their names never meet the AQI
        ticks), one time axis (app.gui.docks.timeline_plot). The units' legend is the coloured names in the
        title line, outside the plot, so it never covers the curves or the 150/200/300 labels."""
        from app.gui.docks.timeline_plot import TimelinePlot

        plot = TimelinePlot(BANDS_HEIGHT, AXIS_WIDTH, PLOT_MIN_HEIGHT)
        plot.hourClicked.connect(self._clicked)
        self._layout.takeAt(1)  # the place kept for it
        self._layout.addWidget(plot, 1)
        self._plot = plot
        self.refresh()

    def build_after(self, signal) -> None:
        """Build the plot only once ``signal`` fired (the map's first coloured paint): the officer sees the
        map first."""
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

    @property
    def cursor(self):
        """The hour's line (asking for it builds the plot)."""
        return self.plot.cursor

    # -- drawing ------------------------------------------------------------------------------------------
    def _set_title(self) -> bool:
        """The line above the plot; False when there is no forecast to draw. Its parts are joined here, in one
        place, so that the punctuation between them is right whichever are present (issue: "…预警等级。；实线")."""
        evaluation = self.state.evaluation
        if evaluation is None:
            self._caption(self.tr("未加载预报。"))
            return False
        if not self.units:  # no line drawn: nothing to tell apart
            self._caption(escape(self.tr("在地图上单击选择城市（Ctrl+单击多选），这里显示它的小时 AQI、日 AQI 和预警等级。")))
            return True
        daily = self.tr("日 AQI（自然日）") if evaluation.mode == "calendar" else self.tr("日 AQI（滑动 24 小时）")
        names = " ".join(f'<span style="color:{LINE_COLOURS[k]}">━ <b>{escape(unit_label(unit))}</b></span>'
                         for k, unit in enumerate(self.units))
        parts = [self.tr("细线：小时 AQI，粗线：%2；底部色带：本市等级 / 预警等级").replace("%2", daily)]
        if self.state.observations is not None and any(self._observed_daily(u) is not None for u in self.units):
            parts.append(self.tr("点线：实测日 AQI"))
        if self._observed_hours():
            parts.append(self.tr("实线：实况，虚线：预报"))
        text = self.tr("；").join(parts)
        if self.showing_peaks:
            text = self.tr("未选城市：显示日 AQI 峰值最高的联动城市（在地图上单击可换成其他城市）。%1").replace("%1", text)
        self._caption(f"{names} · {escape(text)}")
        return True

    def _observed_hours(self) -> int:
        """The observed hours spliced before the forecast (spec §7), 0 when none."""
        evaluation = self.state.evaluation
        return min(int(getattr(evaluation, "observed_hours", 0) or 0), len(evaluation.times)) if evaluation else 0

    def _caption(self, html: str) -> None:
        if html != self.title.text():
            self.title.setText(html)
            self._fit_timer.start()

    def _fit_height(self) -> None:
        """The dock asks for the height its caption takes at its width. The layout counts a word-wrapped label
        as one line, so a caption wrapping onto two (English on a laptop screen) pushed the plot down over the
        weather bar under it: its button and selector hidden (walkthrough q01c)."""
        title, body = self.title, self.widget()
        extra = max(0, title.heightForWidth(title.width()) - title.minimumSizeHint().height()) if title.width() else 0
        need = body.layout().minimumSize().height() + extra if extra else 0
        if body.minimumHeight() != need:
            body.setMinimumHeight(need)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if (watched is self.title and event.type() == QEvent.Type.Resize) or \
                (watched is self.widget() and event.type() == QEvent.Type.LayoutRequest):  # e.g. the weather opened
            self._fit_timer.start()
        return super().eventFilter(watched, event)

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
        from app.gui.docks.timeline_plot import Curve, Threshold

        plot = self._plot
        plot.clear()
        plot.cursor.setVisible(False)
        plot.evaluation = evaluation
        if not self._set_title():
            return
        n = len(evaluation.times)
        x = np.arange(n, dtype=float)
        top = 340.0  # the 300 line and its label always inside
        rows = [evaluation.units.index(u) for u in self.units]
        observed_hours = self._observed_hours()
        for k, row in enumerate(rows):
            colour = LINE_COLOURS[k]
            hourly, daily = evaluation.hourly_aqi[row], evaluation.daily_aqi[row]
            self._line(plot, x, hourly, colour, 1, observed_hours)
            self._line(plot, x, daily, colour, 3, observed_hours)
            top = max(top, float(np.nanmax(np.concatenate([hourly, daily, [0.0]]))) * 1.08)
            observed = self._observed_daily(self.units[k])
            if observed is not None:  # the review's observations: the day's observed daily AQI, dotted
                plot.curves.append(Curve(x, observed, colour, 2, Qt.PenStyle.DotLine,
                                         self.tr("%1 实测日").replace("%1", unit_label(self.units[k]))))
                top = max(top, float(np.nanmax(np.concatenate([observed, [0.0]]))) * 1.08)
        # under each line; 150 at the left end and 200/300 at the right, so that on a short plot the labels of
        # lines 50 AQI apart never meet
        plot.thresholds = [Threshold(value, colour, value == 150) for value, colour in THRESHOLDS]
        if rows:
            self._bands(rows, n)
        if observed_hours:
            self._now_line(observed_hours)
        self._episode_span()
        plot.top = top
        plot.set_limits(-0.5, n - 0.5)
        plot.set_x_range(-0.5, n - 0.5)
        self._move_cursor(self.state.hour)
        plot.cursor.setVisible(True)
        plot.changed()

    def _line(self, plot, x: np.ndarray, y: np.ndarray, colour: str, width: int, observed_hours: int) -> None:
        """A unit's curve: solid over the observed hours spliced before the forecast (spec §7), dashed over the
        forecast; solid throughout when nothing was observed."""
        from app.gui.docks.timeline_plot import Curve

        if not observed_hours:
            plot.curves.append(Curve(x, y, colour, width))
            return
        cut = observed_hours + 1  # the observed line runs on to the forecast's first hour: one unbroken curve
        plot.curves.append(Curve(x[:cut], y[:cut], colour, width))
        plot.curves.append(Curve(x[observed_hours:], y[observed_hours:], colour, width, Qt.PenStyle.DashLine))

    def _now_line(self, observed_hours: int) -> None:
        """"Now": the forecast's first hour, between the observed hours (solid) and the forecast (dashed)."""
        from app.gui.docks.timeline_plot import Marker

        self._plot.marker = Marker(observed_hours - 0.5, self.tr("◀ 实况 | 预报 ▶"),
                                   self.tr("现在：预报首时次。左侧实线为实况，右侧虚线为预报"))

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
        units at each hour, in the level colours exactly."""
        evaluation, plot = self.state.evaluation, self._plot
        own = evaluation.city_level[rows].max(axis=0)
        warned = np.maximum(evaluation.warned_level[rows], evaluation.city_level[rows]).max(axis=0)
        colours = np.array([level_colour(name).getRgb()[:3] for name in LEVELS], dtype=np.uint8)
        plot.strips = [(colours[own.astype(np.intp)], self.tr("本市自身等级")),
                       (colours[warned.astype(np.intp)], self.tr("预警等级（区域或自身，取高者）"))]
        plot.strip_names = [self.tr("本市"), self.tr("预警")]
        # the strip names must fit beside the strips: the axis widens
        plot.axis_width = max(AXIS_WIDTH, max(self.fontMetrics().horizontalAdvance(t) for t in plot.strip_names) + 22)

    def _episode_span(self) -> None:
        from app.gui.docks.timeline_plot import Span

        evaluation, index = self.state.evaluation, self.state.selected_episode
        if not 0 <= index < len(evaluation.episodes):
            return
        episode = evaluation.episodes[index]
        self._plot.span = Span(hour_index(evaluation, episode.start) - 0.5, hour_index(evaluation, episode.end) + 0.5,
                               level_colour(episode.level, 45),
                               self.tr("选中的区域预警过程：%1").replace("%1", episode.region))

    @property
    def span(self):
        """The chosen episode's span over the plot (lo, hi in steps), None when no episode is chosen."""
        return self.plot.span

    def _move_cursor(self, hour: int) -> None:
        if self._plot is not None:
            self._plot.cursor.setPos(hour)

    # -- interaction --------------------------------------------------------------------------------------
    def _clicked(self, hour: int) -> None:
        if self.state.evaluation is not None:
            self.state.set_hour(hour)
