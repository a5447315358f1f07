"""预测会商: load several forecasts, see them side by side at the same hour, where they agree on the regional
trigger, choose the consensus and put it into the main views (marked as the consensus).

The work is the pure :mod:`app.consultation` (compare, consensus, record); this window only shows it. Files load
in a worker thread; a bad file is reported and the sources already loaded stay as they were.
"""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QSlider,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.consultation import MISSING, Source, build_consensus, compare_evaluations, make_record
from app.domain.scheme import LEVELS
from app.errors import InputError
from app.gui.consult.agreement import AgreementGrid
from app.gui.consult.minimap import MiniMap, level_argb
from app.gui.consult.timeline import SourceTimeline
from app.gui.dialogs.fit import fit_to_screen
from app.gui.docks.texts import region_label
from app.gui.i18n import error_text, write_fault_text
from app.gui.map import colours

METHODS = ("median", "majority", "source")
MAP_COLUMNS = 3


class ConsultDialog(QDialog):
    consensusApplied = Signal()

    def __init__(self, state, controller, geometry, settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("预测会商"))
        self.setObjectName("ConsultDialog")
        self.setAcceptDrops(True)
        self.state, self.controller, self.geometry, self.settings = state, controller, geometry, settings
        self.sources: list[Source] = []
        self.evaluations: list = []
        self.comparison = None
        self.consensus = None
        self.last_switch_seconds = 0.0
        self.hour = 0
        self._hour_chosen = False  # until the officer steps, the maps show the first forecast hour
        self._worker = None
        self._progress = None
        self._build()
        fit_to_screen(self, 1340, 720)
        self._refresh_all()
        state.observedChanged.connect(self._observed_changed)

    # -- layout ---------------------------------------------------------------------------------------------
    def _build(self) -> None:
        add = QPushButton(self.tr("添加预报…"))
        add.clicked.connect(self.ask_and_add)
        self.recent_button = QToolButton()
        self.recent_button.setText(self.tr("最近打开"))
        self.recent_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.recent_menu = QMenu(self)
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.recent_button.setMenu(self.recent_menu)
        current = QPushButton(self.tr("加入主窗口的预报"))
        current.clicked.connect(self.add_current)
        remove = QPushButton(self.tr("移除所选"))
        remove.clicked.connect(self.remove_selected)
        self.sources_table = QTableWidget(0, 5)
        self.sources_table.setHorizontalHeaderLabels([self.tr("名称（可改）"), self.tr("文件"), self.tr("发布时间"),
                                                      self.tr("时段"), self.tr("城市")])
        self.sources_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.sources_table.horizontalHeader().setStretchLastSection(True)
        self.sources_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.sources_table.itemChanged.connect(self._renamed)
        self.sources_table.setMaximumHeight(118)
        self.sources_table.verticalHeader().setDefaultSectionSize(22)
        buttons = QHBoxLayout()
        for w in (add, self.recent_button, current, remove):
            buttons.addWidget(w)
        buttons.addStretch(1)
        self.gaps_label = QLabel()
        self.gaps_label.setWordWrap(True)
        self.gaps_label.setMaximumHeight(40)
        self.gaps_label.setStyleSheet("color: #8a4b00;")
        self.observed_label = QLabel()  # whether the window's observations are spliced before the sources (§7)
        self.observed_label.setWordWrap(True)
        self.observed_label.setObjectName("ConsultObserved")

        self.maps_box = QWidget()
        self.maps_grid = QGridLayout(self.maps_box)
        self.maps_grid.setContentsMargins(0, 0, 0, 0)
        self.maps: list[MiniMap] = []
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.valueChanged.connect(self.set_hour)
        self.time_label = QLabel()
        prev_day, next_day = QPushButton("◀◀"), QPushButton("▶▶")
        prev_hour, next_hour = QPushButton("◀"), QPushButton("▶")
        prev_day.setToolTip(self.tr("前一天"))
        next_day.setToolTip(self.tr("后一天"))
        for button, step in ((prev_day, -24), (prev_hour, -1), (next_hour, 1), (next_day, 24)):
            button.setFixedWidth(40)
            button.clicked.connect(lambda _=False, s=step: self.set_hour(self.hour + s))
        time_row = QHBoxLayout()
        time_row.addWidget(prev_day)
        time_row.addWidget(prev_hour)
        time_row.addWidget(self.slider, 1)
        time_row.addWidget(next_hour)
        time_row.addWidget(next_day)
        time_row.addWidget(self.time_label)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.maps_box, 1)
        left_layout.addLayout(time_row)

        self.grid = AgreementGrid()
        self.grid.cellClicked.connect(self._grid_clicked)
        self.timeline = SourceTimeline()
        right = QSplitter(Qt.Orientation.Vertical)
        grid_box = QGroupBox(self.tr("区域 × 日：达到各级的来源数（颜色为会商结论）"))
        QVBoxLayout(grid_box).addWidget(self.grid)
        timeline_box = QGroupBox(self.tr("城市逐日 AQI：各来源"))
        QVBoxLayout(timeline_box).addWidget(self.timeline)
        right.addWidget(grid_box)
        right.addWidget(timeline_box)
        right.setStretchFactor(0, 1)
        right.setStretchFactor(1, 1)

        middle = QSplitter(Qt.Orientation.Horizontal)
        middle.addWidget(left)
        middle.addWidget(right)
        middle.setStretchFactor(0, 5)
        middle.setStretchFactor(1, 4)

        self.method = QComboBox()
        for key in METHODS:
            self.method.addItem(self._method_name(key), key)
        self.method.currentIndexChanged.connect(self._consensus_changed)
        self.k = QSpinBox()
        self.k.setRange(0, 1)
        self.k.setSpecialValueText(self.tr("过半数"))
        self.k.setPrefix("k = ")
        self.k.valueChanged.connect(self._consensus_changed)
        self.chosen_box = QWidget()
        self.chosen_layout = QHBoxLayout(self.chosen_box)
        self.chosen_layout.setContentsMargins(0, 0, 0, 0)
        self.chosen: dict[str, QComboBox] = {}
        self.recorder = QLineEdit()
        self.recorder.setPlaceholderText(self.tr("记录人"))
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("会商意见（写入会商纪要）"))
        self.participants = QLineEdit()
        self.participants.setPlaceholderText(self.tr("参会单位及人员（写入会商纪要）"))
        self.apply_button = QPushButton(self.tr("采用为会商结论"))
        self.apply_button.setDefault(True)
        self.apply_button.clicked.connect(self.apply_consensus)
        self.minutes_button = QPushButton(self.tr("导出会商纪要…"))
        self.minutes_button.clicked.connect(self.export_minutes)
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.close)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        form = QFormLayout()
        method_row = QHBoxLayout()
        method_row.addWidget(self.method)
        method_row.addWidget(self.k)
        method_row.addWidget(self.chosen_box, 1)
        form.addRow(self.tr("会商结论方法："), method_row)
        people = QHBoxLayout()
        people.addWidget(self.recorder, 1)
        people.addWidget(self.note, 3)
        form.addRow(self.tr("记录："), people)
        form.addRow(self.tr("参会："), self.participants)
        actions = QHBoxLayout()
        actions.addWidget(self.summary, 1)
        actions.addWidget(self.apply_button)
        actions.addWidget(self.minutes_button)
        actions.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.sources_table)
        layout.addWidget(self.gaps_label)
        layout.addWidget(self.observed_label)
        layout.addWidget(middle, 1)
        layout.addLayout(form)
        layout.addLayout(actions)

    def _method_name(self, key: str) -> str:
        return {"median": self.tr("集合中位数（逐时 PM2.5）"), "majority": self.tr("多数一致（k / n 家）"),
                "source": self.tr("指定来源（按区域）")}[key]

    # -- loading --------------------------------------------------------------------------------------------
    def ask_and_add(self) -> None:
        from app.importing import SUPPORTED_SUFFIXES

        recent = self.settings.recent_files()
        start = str(Path(recent[0]).parent) if recent else ""
        patterns = " ".join(f"*{s}" for s in SUPPORTED_SUFFIXES)
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("添加会商预报"), start,
                                                self.tr("预报文件 (%1);;所有文件 (*)").replace("%1", patterns))
        if paths:
            self.add_files(paths)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in self.settings.recent_files():
            self.recent_menu.addAction(Path(path).name, lambda p=path: self.add_files([p])).setToolTip(path)
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction(self.tr("（无）")).setEnabled(False)

    def add_current(self) -> None:
        forecast = self.state.original_forecast
        if forecast is None or forecast.meta.source_format == "consensus":
            self.summary.setText(self.tr("主窗口没有可加入的预报。"))
            return
        self._add_forecasts([forecast])

    def add_files(self, paths: list[str]) -> None:
        """Load in a worker thread; on success the forecasts join the consultation."""
        from app.gui.worker import Worker
        from app.importing import load_forecast

        paths = [str(p) for p in paths]

        def load(progress):
            out = []
            for i, path in enumerate(paths):
                out.append(load_forecast(path, progress=progress.sub(i / len(paths), (i + 1) / len(paths))))
            return out

        worker = Worker(load)
        self._progress = QProgressDialog(self.tr("正在读取会商预报…"), self.tr("取消"), 0, 100, self)
        self._progress.setWindowModality(Qt.WindowModality.WindowModal)
        self._progress.setMinimumDuration(300)
        self._progress.canceled.connect(worker.cancel)
        worker.signals.progressed.connect(lambda f, _m: self._progress and self._progress.setValue(int(f * 100)))
        worker.signals.succeeded.connect(lambda result: self._loaded(paths, result))
        worker.signals.failed.connect(self._load_failed)
        worker.signals.cancelled.connect(self._close_progress)
        self._worker = worker
        worker.start()

    def load_now(self, paths: list[str]) -> None:
        """The same, synchronously (tests, benchmarks, the screenshot tool)."""
        from app.importing import load_forecast

        self._add_forecasts([load_forecast(p) for p in paths])

    def _close_progress(self) -> None:
        if self._progress is not None:
            self._progress.reset()
            self._progress = None
        self._worker = None

    def _loaded(self, paths: list[str], forecasts: list) -> None:
        self._close_progress()
        for path in paths:
            self.settings.add_recent(path)
        self._add_forecasts(forecasts)

    def _load_failed(self, exc) -> None:
        self._close_progress()
        from app.errors import InputError

        text = error_text(exc) if isinstance(exc, InputError) else f"{type(exc).__name__}: {exc}"
        QMessageBox.warning(self, self.tr("无法读取预报"), text)

    def _add_forecasts(self, forecasts: list) -> None:
        from app.consultation.sources import default_name, unique_name
        from app.domain.engine import evaluate

        taken = {s.name for s in self.sources}
        twins = []
        for forecast in forecasts:
            twin = next((s.name for s in self.sources if forecast.meta.sha256
                         and s.forecast.meta.sha256 == forecast.meta.sha256), None)
            if twin is not None:  # the same file (or a copy) twice would count twice in every vote
                twins.append(twin)
                continue
            name = unique_name(default_name(forecast), taken)
            taken.add(name)
            mode = "calendar" if forecast.is_daily else self.state.mode
            try:
                evaluation = evaluate(forecast, self.state.scheme, self.state.neighbours, mode=mode,
                                      edition=self.controller.edition, observed=self._observed_series())
            except Exception as exc:  # noqa: BLE001 - an InputError from the engine, shown as any load error
                self._load_failed(exc)
                return
            self.sources.append(Source(name, forecast))
            self.evaluations.append(evaluation)
        self._refresh_all()
        if twins:
            self.summary.setText(self.tr("这份预报已在会商中（“%1”，内容相同），不再重复加入。").replace("%1", "、".join(twins)))

    def observed(self):
        """The observations loaded in the window (an ObservedSeries), spliced before every source; None."""
        return getattr(self.state, "observed", None)

    def _observed_series(self):
        observed = self.observed()
        return None if observed is None else observed.forecast

    def _observed_changed(self) -> None:
        """The window's observations changed: every source is judged again with them (spec §7)."""
        self.evaluations = [None] * len(self.sources)
        self._refresh_all()

    def _judge(self) -> bool:
        """Each source evaluated from the hour the consultation judges it from (an older source from the newest
        source's first hour where the observations replace its earlier hours, app.consultation.compare
        .judged_from); only those whose start changed (a newer source added or removed, observations loaded)."""
        from app.consultation.compare import from_hour, judged_from
        from app.domain.engine import evaluate

        series = self._observed_series()
        starts = judged_from([s.forecast for s in self.sources], series)
        try:
            for i, (source, start) in enumerate(zip(self.sources, starts)):
                ev = self.evaluations[i]
                if ev is not None and pd.Timestamp(ev.forecast_start or ev.times[0]) == start:
                    continue
                self.evaluations[i] = evaluate(from_hour(source.forecast, start), self.state.scheme,
                                               self.state.neighbours,
                                               mode="calendar" if source.forecast.is_daily else self.state.mode,
                                               edition=self.controller.edition, observed=series)
        except InputError as exc:
            self._load_failed(exc)
            return False
        return True

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.sources_table.selectedIndexes()}, reverse=True)
        for row in rows:
            del self.sources[row]
            del self.evaluations[row]
        self._refresh_all()

    def _renamed(self, item: QTableWidgetItem) -> None:
        if item.column() != 0 or item.row() >= len(self.sources):
            return
        name = item.text().strip()
        others = {s.name for i, s in enumerate(self.sources) if i != item.row()}
        if not name or name in others:
            self.sources_table.blockSignals(True)
            item.setText(self.sources[item.row()].name)
            self.sources_table.blockSignals(False)
            self.summary.setText(self.tr("来源名称不能为空，也不能重复。"))
            return
        old = self.sources[item.row()].name
        self.sources[item.row()] = replace(self.sources[item.row()], name=name)
        for combo in self.chosen.values():
            i = combo.findText(old)
            if i >= 0:
                combo.setItemText(i, name)
        self._refresh_all()

    # -- drag and drop ----------------------------------------------------------------------------------------
    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt API
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.add_files(paths)

    # -- comparing --------------------------------------------------------------------------------------------
    def _refresh_all(self) -> None:
        self._fill_sources_table()
        if len(self.sources) < 2:
            self.comparison = self.consensus = None
            self._rebuild_maps()
            self.grid.setRowCount(0)
            self.gaps_label.setText(self.tr("请加入至少两份预报（区域中心、两省站、模式……）：添加、拖放或从最近打开中选择。"))
            self._set_enabled(False)
            self._show_observed()
            return
        if not self._judge():
            self.comparison = self.consensus = None
            self._set_enabled(False)
            return
        self.comparison = compare_evaluations(self.sources, self.evaluations, self.state.scheme,
                                              self.state.neighbours, self.controller.edition,
                                              observed=self.observed())
        self._show_observed()
        self._mark_replaced()
        self.k.blockSignals(True)
        self.k.setRange(0, len(self.sources))
        self.k.blockSignals(False)
        self._rebuild_chosen()
        from app.gui.docks.texts import english

        lang = "en" if english() else "zh"
        gaps = [g.text(lang) for g in self.comparison.missing]
        if gaps:
            self.gaps_label.setText(self.tr("各来源缺少的部分（不计入比较）：") + self._gap_summary())
            self.gaps_label.setToolTip("\n".join(gaps))
        else:
            self.gaps_label.setText(self.tr("所有来源覆盖全部区域和日期。"))
            self.gaps_label.setToolTip("")
        self.slider.blockSignals(True)
        self.slider.setRange(0, len(self.comparison.hours) - 1)
        self.slider.blockSignals(False)
        if not self._hour_chosen:  # with observations spliced the axis starts days earlier (spec §7): open on f
            self.hour = int(self.comparison.hours.searchsorted(self.comparison.forecast_start))
        self.hour = min(self.hour, len(self.comparison.hours) - 1)
        self.slider.blockSignals(True)
        self.slider.setValue(self.hour)
        self.slider.blockSignals(False)
        self._rebuild_maps()
        self.timeline.set_comparison(self.comparison, self.state.selected_units[0] if self.state.selected_units
                                     else None)
        self._set_enabled(True)
        self._consensus_changed()

    def _show_observed(self) -> None:
        """Say whether the judgement includes the window's observations, and which hours."""
        cmp = self.comparison
        if self.observed() is None:
            self.observed_label.setText(
                self.tr("未加载实况：各来源仅按预报研判（实况可在主窗口“文件 → 加载实况…”中加载）。"))
            return
        if cmp is None:
            self.observed_label.setText(self.tr("主窗口已加载实况：研判时将衔接于各来源预报之前。"))
            return
        used = cmp.hours[cmp.hours < cmp.forecast_start]
        if not len(used):
            self.observed_label.setText(self.tr("主窗口加载的实况均在预报时段之内，未纳入研判（预报时段内以预报为准）。"))
        else:
            self.observed_label.setText(
                self.tr("研判纳入主窗口加载的实况：%1 至 %2（%3 小时），衔接于各来源预报之前；"
                        "已在实况中出现的过程按实况起算，不计提前量。")
                .replace("%1", f"{used[0]:%m-%d %H:00}").replace("%2", f"{used[-1]:%m-%d %H:00}")
                .replace("%3", str(len(used)))
                + self._replaced_text() + self._overlap_text())

    def _replaced_text(self) -> str:
        """Which source covers which hours: an older source's hours before the newest source's first hour were
        replaced by the observations (app.consultation.compare.judged_from)."""
        cmp = self.comparison
        replaced = cmp.replaced()
        if not replaced:
            return ""
        parts = [self.tr("%1 %2 至 %3 的预报").replace("%1", name).replace("%2", f"{first:%m-%d %H:00}")
                 .replace("%3", f"{last:%m-%d %H:00}") for name, first, last in replaced]
        return (self.tr("会商按最新预报的首个时次 %1 起研判：").replace("%1", f"{cmp.forecast_start:%m-%d %H:00}")
                + self.tr("、").join(parts) + self.tr("已成过去，以实况代替。"))

    def _overlap_text(self) -> str:
        """Observations at or after a source's judged first hour are not used (spec §7): said, with the sources."""
        series = self.observed().forecast
        last = series.times[-1] + pd.Timedelta(hours=series.step_hours - 1)
        over = [s.name for s, start in zip(self.sources, self.comparison.source_starts) if last >= start]
        if not over:
            return ""
        return self.tr("实况与%1的预报时段重叠的部分不用（预报时段内以预报为准）。").replace("%1", self.tr("、").join(over))

    def _gap_summary(self) -> str:
        """One short phrase per source (the full list is the tooltip)."""
        phrases = []
        for name in self.comparison.names:
            gaps = [g for g in self.comparison.missing if g.source == name]
            if not gaps:
                continue
            parts = []
            days = [d for g in gaps if g.kind == "days" for d in g.items]
            if days:
                parts.append(self.tr("未覆盖 %n 天", "", len(days)))
            whole = [g.region for g in gaps if g.kind == "region"]
            if whole:
                parts.append(self.tr("无%1").replace("%1", "、".join(region_label(self.state.scheme, r)
                                                                     for r in whole)))
            partial = [g for g in gaps if g.kind == "cities"]
            if partial:
                parts.append(self.tr("%1 个区域缺部分城市").replace("%1", str(len(partial))))
            if any(g.kind == "apart" for g in gaps):
                parts.append(self.tr("时段与其他来源不重叠"))
            # outside an f-string, where lupdate sees them (inside one, their English was dropped as vanished)
            opening, comma, closing = self.tr("（"), self.tr("，"), self.tr("）")
            phrases.append(name + opening + comma.join(parts) + closing)
        return self.tr("；").join(phrases) + self.tr("（指向此处看明细）")

    def _set_enabled(self, on: bool) -> None:
        for w in (self.method, self.k, self.chosen_box, self.apply_button, self.minutes_button, self.slider):
            w.setEnabled(on)

    def _fill_sources_table(self) -> None:
        table = self.sources_table
        table.blockSignals(True)
        table.setRowCount(len(self.sources))
        for row, source in enumerate(self.sources):
            fc = source.forecast
            issued = fc.meta.issued_at.strftime("%m-%d %H:%M") if fc.meta.issued_at else self.tr("未知")
            period = f"{fc.times[0]:%m-%d %H:%M} – {fc.end:%m-%d %H:%M}" + (self.tr("（逐日）") if fc.is_daily else "")
            cells = [source.name, Path(fc.meta.source_path).name or self.tr("（主窗口）"), issued, period,
                     str(len(fc.units))]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                if col == 1:
                    item.setToolTip(fc.meta.source_path)
                table.setItem(row, col, item)
        table.blockSignals(False)

    def _mark_replaced(self) -> None:
        """In the sources' 时段 column: the hours of an older source the observations replaced (the consultation
        judges it from the newest source's first hour)."""
        table = self.sources_table
        table.blockSignals(True)
        for name, _first, last in self.comparison.replaced():
            row = self.comparison.names.index(name)
            item = table.item(row, 3)
            note = self.tr("（%1 前以实况代替）").replace("%1", f"{last + pd.Timedelta(hours=1):%m-%d %H:%M}")
            item.setText(item.text() + note)
            item.setToolTip(self.tr("会商按最新预报的首个时次起研判：此前的预报时段已成过去，以实况代替。"))
        table.blockSignals(False)

    def _rebuild_chosen(self) -> None:
        names = self.comparison.names
        previous = {r: c.currentText() for r, c in self.chosen.items()}
        while self.chosen_layout.count():
            item = self.chosen_layout.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.chosen = {}
        for region in self.comparison.regions:
            combo = QComboBox()
            combo.addItems(names)
            if previous.get(region) in names:
                combo.setCurrentText(previous[region])
            combo.setToolTip(region)
            combo.currentIndexChanged.connect(self._consensus_changed)
            from app.gui.docks.texts import english

            self.chosen_layout.addWidget(QLabel(region_label(self.state.scheme, region) if english() else region[:4]))
            self.chosen_layout.addWidget(combo)
            self.chosen[region] = combo

    def _rebuild_maps(self) -> None:
        for m in self.maps:
            m.deleteLater()
        self.maps = []
        count = len(self.sources) + (1 if self.comparison is not None else 0)
        for i in range(count):
            mini = MiniMap(self.geometry)
            self.maps_grid.addWidget(mini, i // MAP_COLUMNS, i % MAP_COLUMNS)
            self.maps.append(mini)
        if self.maps and self.comparison is not None:
            self.maps[-1].marked = True
        self._recolour()

    # -- consensus --------------------------------------------------------------------------------------------
    def _consensus_changed(self, *_) -> None:
        if self.comparison is None:
            return
        started = time.perf_counter()
        method = self.method.currentData()
        self.k.setVisible(method == "majority")
        self.chosen_box.setVisible(method == "source")
        k = self.k.value() or None
        chosen = {r: c.currentText() for r, c in self.chosen.items()}
        from app.errors import InputError

        try:
            self.consensus = build_consensus(self.comparison, method, k=k, chosen=chosen)
        except InputError as exc:
            self.consensus = None
            self.summary.setText(error_text(exc))
            self.apply_button.setEnabled(False)
            return
        self.apply_button.setEnabled(True)
        self.grid.fill(self.comparison, self.consensus)
        self._recolour()
        self.summary.setText(self._summary_text())
        self.last_switch_seconds = time.perf_counter() - started

    def _summary_text(self) -> str:
        """The consensus's warnings: its episodes that end at or after f (those that ended in the observed past
        are history, spec §7: counted, not listed)."""
        episodes = self.consensus.warnings
        history = len(self.consensus.episodes) - len(episodes)
        tail = self.tr("（实况中已结束的 %n 个区域过程为历史，不列入）", "", history) if history else ""
        if not episodes:
            return self.tr("会商结论（%1）：无区域预警。").replace("%1", self.consensus_label()) + tail
        parts = [f"{region_label(self.state.scheme, e.region)} {self._level_name(e.level)} {e.start:%m-%d}—{e.end:%m-%d}"
                 for e in episodes]
        return (self.tr("会商结论（%1）：").replace("%1", self.consensus_label()) + self.tr("；").join(parts)
                + tail)

    def consensus_label(self) -> str:
        """The consensus method as the interface says it (the record keeps the Chinese label)."""
        c = self.consensus
        if c.method == "median":
            return self.tr("集合中位数")
        if c.method == "majority":
            return self.tr("多数一致（%1 家以上）").replace("%1", str(c.k)) if c.k else self.tr("多数一致（过半数）")
        return self.tr("指定来源（%1）").replace("%1", self.tr("、").join(sorted(set(c.chosen.values()))))

    def _level_name(self, level: str) -> str:
        return {"yellow": self.tr("黄色"), "orange": self.tr("橙色"), "red": self.tr("红色"), "none": self.tr("无")}[level]

    def record(self):
        """The decision as it stands (who recorded it, the remark), for the minutes and the case library."""
        from datetime import datetime

        from app.consultation.consensus import decision_time
        from app.domain.scheme import BEIJING

        # dated by the decision: now, or, replaying a past winter, the newest source's issue time
        decided = decision_time(self.comparison, datetime.now(BEIJING).replace(second=0, microsecond=0))
        method = self.method.currentData()
        self.consensus = build_consensus(self.comparison, method, k=self.k.value() or None,
                                         chosen={r: c.currentText() for r, c in self.chosen.items()},
                                         decided_at=decided)
        return make_record(self.comparison, self.consensus, recorded_by=self.recorder.text().strip(),
                           note=self.note.text().strip(), recorded_at=decided,
                           participants=self.participants.text().strip())

    def apply_consensus(self) -> None:
        """The main views show the consensus (its forecast, evaluated), marked as the consensus."""
        if self.consensus is None:
            return
        record = self.record()
        self.controller.set_forecast(self.consensus.forecast)
        self.state.consultation = record
        self.state.consultationChanged.emit()
        self.summary.setText(self.tr("已采用：主窗口显示会商结论（%1）。").replace("%1", self.consensus_label()))
        self.consensusApplied.emit()

    def export_minutes(self) -> None:
        if self.consensus is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("导出会商纪要"), "会商纪要.pdf",
                                              self.tr("PDF (*.pdf);;Word (*.docx)"))
        if not path:
            return
        from app.export.minutes import write_minutes

        try:
            write_minutes(self.record(), Path(path))
        except (InputError, OSError) as exc:  # WriteError (full disk, read-only folder) is an InputError
            QMessageBox.warning(self, self.tr("无法保存"), write_fault_text(exc, path))
            return
        self.summary.setText(self.tr("会商纪要已保存：%1").replace("%1", path))

    # -- time and maps ------------------------------------------------------------------------------------------
    def set_hour(self, hour: int) -> None:
        if self.comparison is None:
            return
        self._hour_chosen = True
        self.hour = max(0, min(int(hour), len(self.comparison.hours) - 1))
        if self.slider.value() != self.hour:
            self.slider.blockSignals(True)
            self.slider.setValue(self.hour)
            self.slider.blockSignals(False)
        self._recolour()

    def _recolour(self) -> None:
        cmp = self.comparison
        if cmp is None:
            self.time_label.setText("")
            return
        when = cmp.hours[self.hour]
        self.time_label.setText(f"{when:%m-%d %H:00}" + (self.tr("（实况）") if when < cmp.forecast_start else ""))
        for i, (source, evaluation) in enumerate(zip(self.sources, self.evaluations)):
            argb, covered = level_argb(self.geometry, evaluation, when)
            self.maps[i].set_colours(argb, source.name, "" if covered else self.tr("此时次无预报"))
        if self.consensus is not None and len(self.maps) > len(self.sources):
            self.maps[-1].set_colours(self._consensus_argb(), self.tr("会商结论"), self.consensus_label())

    def _consensus_argb(self) -> np.ndarray:
        """Each linkage unit in its region's consensus level at this hour; others muted."""
        names, linkage = self.geometry.names, self.geometry.linkage
        rgb = np.tile(np.array(colours.NO_DATA, dtype=float), (len(names), 1))
        region_row = {r: i for i, r in enumerate(self.comparison.regions)}
        for u, name in enumerate(names):
            region = self.state.scheme.region_of.get(name)
            if region is None:
                continue
            level = int(self.consensus.hour_level[region_row[region], self.hour])
            if level != MISSING:
                rgb[u] = colours.LEVEL_RGB[LEVELS[level]]
        rgb[~linkage] = rgb[~linkage] * (1 - colours.MUTE) + 255 * colours.MUTE
        return colours._argb(rgb)

    def _grid_clicked(self, row: int, column: int) -> None:
        """A cell: step the maps to noon of that day."""
        if self.comparison is None:
            return
        day = self.comparison.days[column]
        hits = np.flatnonzero((self.comparison.hours.date == day) & (self.comparison.hours.hour == 12))
        if hits.size:
            self.set_hour(int(hits[0]))
