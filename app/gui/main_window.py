"""The duty officer's main window: composition only (map, time bar, docks, menus, tool bar, status bar).

Behaviour lives elsewhere: the controller (loading, evaluation, what-if), the canvas (map interaction), the time
bar (stepping), the file opener (dialogs, recent files, errors), the actions (menus and shortcuts).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QToolBar, QVBoxLayout, QWidget

from app import __version__
from app.gui.actions import WindowActions
from app.gui.advice_bar import AdviceBar
from app.gui.changes_note import ChangesNote
from app.gui.controller import Controller
from app.gui.files import FileOpener
from app.gui.map.canvas import MapCanvas
from app.gui.observed_files import ObservedFiles
from app.gui.settings import Settings
from app.gui.state import AppState
from app.gui.state_banner import StateBanner
from app.gui.timebar import TimeBar


# The export helper's dialogs, imported when first used (they pull in matplotlib and the exporters).
def _proposal(state, parent, letter: str = "") -> None:
    from app.gui.dialogs.proposal_dialog import ProposalDialog

    dialog = ProposalDialog(state, parent)
    if letter:  # from the advice line over the map: open on that region's letter
        dialog.choose_letter(letter)
    dialog.exec()
    cases = getattr(parent, "docks", {}).get("CasesDock")
    if cases is not None and dialog.saved_letters:  # the case open is offered the letters (when they are sent)
        cases.offer_letter(dialog.letter_files())


def _map_export(state, parent) -> None:
    from app.gui.dialogs.map_export_dialog import MapExportDialog

    MapExportDialog(state, parent).exec()


def _print_map(state, parent) -> None:
    from app.gui.printing import print_map

    print_map(state, parent)


class MainWindow(QMainWindow):
    languageRequested = Signal(str)

    def __init__(self, state: AppState, controller: Controller, geometry, settings: Settings,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.state, self.controller, self.settings = state, controller, settings
        self.setObjectName("HazeDeskMainWindow")
        self.setAcceptDrops(True)
        self.canvas = MapCanvas(state, geometry)
        self.timebar = TimeBar(state)
        self.timebar.set_speed(settings.play_speed)
        self.timebar.speed.currentIndexChanged.connect(self._remember)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        from app.gui.quality import NoticeBar, QualityWatcher

        self.state_banner = StateBanner()
        layout.addWidget(self.state_banner)
        self.notice_bar = NoticeBar()
        layout.addWidget(self.notice_bar)
        self.advice_bar = AdviceBar(state)  # per region: in force → advice (spec §7), each a link to its letter
        self.advice_bar.letterRequested.connect(lambda letter: self._run_work(lambda s, p: _proposal(s, p, letter)))
        layout.addWidget(self.advice_bar)
        self.changes_note = ChangesNote(state, controller, lambda: self.docks.get("CasesDock"))  # since the last forecast
        layout.addWidget(self.changes_note)
        layout.addWidget(self.canvas, 1)
        self.setCentralWidget(central)
        self.opener = FileOpener(controller, settings, self)
        self.observed_files = ObservedFiles(controller, self)
        from app.gui.session_files import SessionFiles

        self.sessions = SessionFiles(self, controller)
        from app.gui.find_bar import FindBar

        self.find_bar = FindBar(state, self.canvas)
        self.actions_ = WindowActions(self, state, controller, self.timebar, self.canvas, self.opener, settings)
        self.docks = self._add_docks()
        from app.gui.dock_layout import DockLayout

        self.dock_layout = DockLayout(self)
        self.quality = QualityWatcher(state, self)
        self.quality.changed.connect(self._quality_changed)
        self.notice_bar.detailsRequested.connect(lambda: self.show_dock("DataQualityDock"))
        if state.evaluation is not None:  # a window rebuilt over a loaded forecast (language switch)
            self._quality_changed(show_bar=False)
        if "TimelineDock" in self.docks:
            self.docks["TimelineDock"].build_after(self.canvas.firstColouredPaint)
        self._build_menus()
        self._build_toolbar()
        self._build_time_toolbar()
        self._build_status_bar()
        state.forecastChanged.connect(self._update_title)
        state.consultationChanged.connect(self._consultation_changed)
        state.layerChanged.connect(self._remember)
        state.adjacencyOverlayChanged.connect(self._remember)
        state.modeChanged.connect(self._remember)
        self.opener.recentChanged.connect(self._refill_recent)
        self.opener.sessionRequested.connect(self.sessions.open)
        self.sessions.currentChanged.connect(self._session_changed)
        controller.notice.connect(self._show_notice)
        self._update_title()
        self.setMinimumSize(960, 600)
        geometry_bytes, layout_bytes = settings.window_layout()
        if geometry_bytes is None or not self.restoreGeometry(geometry_bytes):
            self._default_geometry()
        self._layout_restored = layout_bytes is not None and self.restoreState(layout_bytes)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if not self._layout_restored:
            self._layout_restored = True
            self.dock_layout.default_tabs()
            self.dock_layout.default_sizes()

    def default_dock_sizes(self) -> None:
        self.dock_layout.default_sizes()

    def _default_geometry(self) -> None:
        """First start: most of the screen, centred (a laptop screen is used whole)."""
        screen = self.screen().availableGeometry()
        width, height = int(screen.width() * 0.94), int(screen.height() * 0.94)
        if screen.width() <= 1440:
            width, height = screen.width(), screen.height()
        self.setGeometry(screen.x() + (screen.width() - width) // 2, screen.y() + (screen.height() - height) // 2,
                         width, height)

    # -- composition --------------------------------------------------------------------------------------
    def _add_docks(self) -> dict:
        from app.gui.docks.cases_dock import CasesDock
        from app.gui.docks.daytable_dock import DayTableDock
        from app.gui.docks.edits_dock import EditsDock
        from app.gui.docks.episodes_dock import EpisodesDock
        from app.gui.docks.inforce_dock import InForceDock
        from app.gui.docks.quality_dock import DataQualityDock
        from app.gui.docks.timeline_dock import TimelineDock
        from app.gui.docks.unit_panel_dock import UnitPanelDock

        right, bottom = Qt.DockWidgetArea.RightDockWidgetArea, Qt.DockWidgetArea.BottomDockWidgetArea
        docks = {}
        for name, dock, area in (("EpisodesDock", EpisodesDock(self.state), right),
                                 ("InForceDock", InForceDock(self.state, self.controller), right),
                                 ("EditsDock", EditsDock(self.state, self.controller), right),
                                 ("DataQualityDock", DataQualityDock(self.state), right),
                                 ("TimelineDock", TimelineDock(self.state), bottom),
                                 ("DayTableDock", DayTableDock(self.state), bottom),
                                 ("UnitPanelDock", UnitPanelDock(self.state), right),
                                 ("CasesDock", CasesDock(self.state, self.controller, self.canvas.geometry,
                                                        library_path=self.settings.case_library or None,
                                                        list_when_shown=True), bottom)):
            dock.setObjectName(name)  # saveState/restoreState find docks by name
            dock.setParent(self)
            self.addDockWidget(area, dock)
            docks[name] = dock
        right = [docks[n] for n in ("EpisodesDock", "InForceDock", "EditsDock", "DataQualityDock") if n in docks]
        for other in right[1:]:
            self.tabifyDockWidget(right[0], other)
        if right:
            right[0].raise_()
        if "TimelineDock" in docks:  # the forecast's meteorology under the AQI curves
            from app.gui.docks.met_panel import attach

            self.met_panel = attach(docks["TimelineDock"], self.state)
        return docks

    def _build_menus(self) -> None:
        a, bar = self.actions_, self.menuBar()
        file_menu = bar.addMenu(self.tr("文件(&F)"))
        file_menu.addAction(a.open)
        self.recent_menu = file_menu.addMenu(self.tr("最近打开"))
        self.opener.fill_recent_menu(self.recent_menu)
        self.observed_files.add_to(file_menu)
        file_menu.addSeparator()
        self.open_session_action = file_menu.addAction(self.tr("打开会话…"))
        self.open_session_action.setShortcut("Ctrl+Shift+O")
        self.open_session_action.triggered.connect(lambda: self.sessions.open())
        self.save_session_action = file_menu.addAction(self.tr("保存会话…"))
        self.save_session_action.setShortcut("Ctrl+Shift+S")
        self.save_session_action.triggered.connect(lambda: self.sessions.save_as())
        self.addActions([self.open_session_action, self.save_session_action])
        file_menu.addSeparator()
        self.proposal_action = self._work_action(file_menu, self.tr("生成预警建议函…"), "Ctrl+Shift+P", _proposal)
        self.map_export_action = self._work_action(file_menu, self.tr("导出会商图…"), "Ctrl+Shift+E", _map_export)
        self.print_action = self._work_action(file_menu, self.tr("打印地图…"), "Ctrl+P", _print_map)
        file_menu.addSeparator()
        file_menu.addAction(a.quit)
        edit_menu = bar.addMenu(self.tr("编辑(&E)"))
        edit_menu.addActions([a.undo, a.redo])
        edit_menu.addSeparator()
        whatif = edit_menu.addAction(self.tr("情景修改…"))
        whatif.setShortcut("Ctrl+E")
        whatif.setToolTip(self.tr("修改所选城市在某时段的预报，立即重新评估（可撤销）"))
        whatif.triggered.connect(self.docks["EditsDock"].ask_and_apply)
        self.addAction(whatif)
        self.whatif_action = whatif
        view_menu = bar.addMenu(self.tr("视图(&V)"))
        view_menu.addActions(list(a.layers.values()))
        view_menu.addSeparator()
        view_menu.addActions([a.adjacency, a.wind, a.region_names, a.reset_view, a.zoom_in, a.zoom_out])
        self.find_action = view_menu.addAction(self.tr("查找城市…"))
        self.find_action.setShortcut("Ctrl+F")
        self.find_action.triggered.connect(self.find_bar.open)
        self.addAction(self.find_action)
        if self.docks:
            view_menu.addSeparator()
            view_menu.addActions([dock.toggleViewAction() for dock in self.docks.values()])
        self.multiples_action = view_menu.addAction(self.tr("逐日小图（D+1 至 D+7）…"))
        self.multiples_action.setShortcut("Ctrl+M")
        self.multiples_action.triggered.connect(lambda: self._run_work(lambda state, parent: self.show_multiples()))
        self.addAction(self.multiples_action)
        # Ctrl+T again: back to the timeline (and the map's height)
        self.day_table_action = self._raise_action(view_menu, self.tr("城市逐日表"), "Ctrl+T",
                                                   self.dock_layout.toggle_day_table)
        time_menu = bar.addMenu(self.tr("时间(&T)"))
        time_menu.addActions([a.play, a.prev_hour, a.next_hour, a.prev_day, a.next_day, a.first, a.last])
        analysis_menu = bar.addMenu(self.tr("分析(&A)"))
        analysis_menu.addActions(list(a.modes.values()))
        analysis_menu.addSeparator()
        self.consult_action = analysis_menu.addAction(self.tr("预测会商…"))
        self.consult_action.setShortcut("Ctrl+Shift+K")
        self.consult_action.setToolTip(self.tr("多家预报并排比较区域预警，选定会商结论"))
        self.consult_action.triggered.connect(self.open_consultation)
        self.addAction(self.consult_action)
        self.analysis_menu = analysis_menu
        settings_menu = bar.addMenu(self.tr("设置(&S)"))
        language_menu = settings_menu.addMenu(self.tr("界面语言"))
        language_menu.addActions(list(a.languages.values()))
        settings_menu.addAction(self.tr("预报过期时限…"), self._ask_stale_hours)
        if "CasesDock" in self.docks:
            settings_menu.addAction(self.tr("案例库位置…"),
                                    lambda: self.docks["CasesDock"].ask_library_path(self.settings))
        help_menu = bar.addMenu(self.tr("帮助(&H)"))
        self.guide_action = help_menu.addAction(self.tr("使用说明"))
        self.guide_action.setShortcut("F1")
        self.guide_action.triggered.connect(self.show_guide)
        self.addAction(self.guide_action)
        help_menu.addSeparator()
        help_menu.addAction(a.about)
        self.file_menu, self.edit_menu = file_menu, edit_menu

    def _raise_action(self, menu, text: str, shortcut: str, slot):
        """A menu action with a window-wide shortcut."""
        action = menu.addAction(text)
        action.setShortcut(shortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def show_guide(self):
        """The user guide, non-modal (read beside the window)."""
        from app.gui.dialogs.guide_dialog import GuideDialog

        dialog = getattr(self, "guide_dialog", None)
        if dialog is None:
            dialog = self.guide_dialog = GuideDialog(self)
        dialog.show()
        dialog.raise_()
        return dialog

    def show_multiples(self):
        """The small-multiples window (one, non-modal: the officer keeps it beside the map)."""
        from app.gui.dialogs.multiples_dialog import MultiplesDialog

        dialog = getattr(self, "multiples_dialog", None)
        if dialog is None:
            dialog = self.multiples_dialog = MultiplesDialog(self.state, self.canvas.geometry, self)
        dialog.show()
        dialog.raise_()
        return dialog

    def show_dock(self, name: str) -> None:
        self.dock_layout.show_dock(name)

    def _work_action(self, menu, text: str, shortcut: str, work):
        """A menu action running ``work(state, parent)`` on the evaluated forecast (exports, printing)."""
        action = menu.addAction(text)
        action.setShortcut(shortcut)
        action.triggered.connect(lambda: self._run_work(work))
        self.addAction(action)
        return action

    def _run_work(self, work) -> None:
        if self.state.evaluation is None:
            self.statusBar().showMessage(self.tr("请先打开预报。"), 8000)
            return
        work(self.state, self)

    def _build_toolbar(self) -> None:
        a = self.actions_
        toolbar = QToolBar(self.tr("工具栏"))
        toolbar.setObjectName("MainToolBar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addAction(a.open)
        toolbar.addSeparator()
        toolbar.addWidget(QLabel(self.tr(" 图层：")))
        toolbar.addActions(list(a.layers.values()))
        toolbar.addSeparator()
        toolbar.addAction(a.adjacency)
        toolbar.addAction(a.wind)
        toolbar.addAction(a.reset_view)
        toolbar.addSeparator()
        toolbar.addAction(self.whatif_action)
        toolbar.addActions([a.undo, a.redo])
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
        self.toolbar = toolbar

    def _build_time_toolbar(self) -> None:
        """The time bar runs the whole width of the window, under the docks: beside the right-hand docks it
        kept a quarter of a 1366-pixel screen, too little to reach each of 168 hours with the mouse."""
        bar = QToolBar(self.tr("时间轴"))
        bar.setObjectName("TimeToolBar")
        bar.setMovable(False)
        bar.setFloatable(False)
        bar.addWidget(self.timebar)
        self.addToolBar(Qt.ToolBarArea.BottomToolBarArea, bar)
        self.time_toolbar = bar

    def _build_status_bar(self) -> None:
        from app.gui.forecast_age import ForecastAgeLabel
        from app.gui.status_bar import ElidingStatusBar
        from app.gui.status_hover import HoverLabel
        from app.gui.step_label import StepLabel

        self.setStatusBar(status := ElidingStatusBar(self))  # a long message ends in "…", whole in the tooltip
        self.hover_label = HoverLabel()  # permanent: a message takes the bar's left, never covers it
        self.time_label = StepLabel(self.state)
        self.source_label = QLabel()
        status.addPermanentWidget(self.hover_label)
        self.age_label = ForecastAgeLabel(self.state)
        status.addPermanentWidget(self.age_label)
        status.addPermanentWidget(self.source_label)
        status.addPermanentWidget(self.time_label)
        # a message needs the room: the hour is also in the time bar and the map header while it shows
        status.messageChanged.connect(lambda text: self.time_label.setVisible(not text))
        self.state.hoveredUnitChanged.connect(self._update_hover)
        self.state.evaluationChanged.connect(self._update_source)
        self._update_hover(self.state.hovered_unit)
        self.time_label.fit()
        self._update_source()

    def _ask_stale_hours(self) -> None:
        from app.gui.forecast_age import ask_stale_hours

        ask_stale_hours(self, self.state, self.settings)

    # -- remembered choices -------------------------------------------------------------------------------
    def _remember(self, *_) -> None:
        settings, state = self.settings, self.state
        settings.layer, settings.mode, settings.show_adjacency = state.layer, state.mode, state.show_adjacency
        settings.play_speed = self.timebar.speed.currentData()

    def _refill_recent(self) -> None:
        self.opener.fill_recent_menu(self.recent_menu)

    # -- status texts -------------------------------------------------------------------------------------
    def _update_hover(self, unit: str) -> None:
        if not unit:
            self.hover_label.setText(self.tr("指向城市看数值，单击选择（Ctrl+单击多选）"))
            return
        from app.gui.docks.texts import region_label, unit_label

        scheme = self.state.scheme
        region = scheme.region_of.get(unit) if scheme else None
        where = region_label(scheme, region) if region else self.tr("联动范围外")
        self.hover_label.setText(f"{unit_label(unit)} · {where}")  # English names in English

    def _update_source(self) -> None:
        evaluation = self.state.evaluation
        if evaluation is None:
            self.source_label.setText(self.tr("未加载预报"))
            return
        mode = self.tr("自然日") if evaluation.mode == "calendar" else self.tr("滑动 24 小时")
        edited = self.tr(" · 已做情景修改") if self.state.edits else ""
        shown = Path(self.state.forecast_path).name
        if self.state.consultation is not None:
            shown = self.tr("会商结论：") + self.state.consultation_label
        self.source_label.setText(f"{shown} · {mode} · {evaluation.aqi_edition}{edited}")

    def open_consultation(self):
        """The 会商 window (one per main window, kept while open so its sources stay loaded)."""
        from app.gui.consult.dialog import ConsultDialog

        if getattr(self, "consult_dialog", None) is None:
            self.consult_dialog = ConsultDialog(self.state, self.controller, self.canvas.geometry, self.settings, self)
            self.consult_dialog.consensusApplied.connect(self._record_consultation)
        self.consult_dialog.show()
        self.consult_dialog.raise_()
        return self.consult_dialog

    def _record_consultation(self) -> None:
        """An adopted consensus is recorded in the case open (a new case is offered when none is)."""
        cases = self.docks.get("CasesDock")
        if cases is not None and self.state.consultation is not None:
            cases.record_consultation(self.state.consultation)

    def _consultation_changed(self) -> None:
        self._update_title()
        self._update_source()
        self.canvas.update()

    def _session_changed(self, path: str) -> None:
        if path:
            self.opener.remember(path)
        self._update_title()

    def _update_title(self) -> None:
        name = Path(self.state.forecast_path).name if self.state.forecast_path else self.tr("未加载预报")
        if self.state.consultation is not None:
            name = self.tr("【会商结论】") + self.state.consultation_label
        if self.sessions.current_name():
            name = self.tr("会话 %1（%2）").replace("%1", self.sessions.current_name()).replace("%2", name)
        self.setWindowTitle(name)  # the platform appends " — " and the application's display name

    def _quality_changed(self, show_bar: bool = True) -> None:
        """A forecast was loaded: list its findings, mark its units, and say so above the map."""
        for name in ("DataQualityDock", "UnitPanelDock"):  # the panel's 数据存疑 line
            self.docks[name].refresh()
        self.docks["EpisodesDock"].show_region_notes()
        self.canvas.quality_changed()
        self.canvas._drop_legend()
        if show_bar:
            self.notice_bar.show_quality(self.state.quality)

    def _show_notice(self, text: str) -> None:
        self.statusBar().showMessage(text, 15000)

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("关于 HazeDesk"),
                          self.tr("HazeDesk 川渝重污染天气预警会商台 %1\n离线运行；按 2025–26 年川渝联动方案评估预报。")
                          .replace("%1", __version__))

    # -- drag and drop, closing -----------------------------------------------------------------------------
    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self.opener.droppable_paths(event.mimeData(), folders=True):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt API
        paths = self.opener.droppable_paths(event.mimeData(), folders=True)
        if paths:
            event.acceptProposedAction()
            if self.observed_files.drop(paths):  # a station file or a folder: observations (spec §7)
                return
            if paths[0].lower().endswith(".hazedesk"):  # a session file dropped: open the session
                self.sessions.open(paths[0])
            else:
                self.opener.open(paths[0])

    def close_files(self) -> None:
        """Close what the window holds open outside Qt (the case library), before it is destroyed."""
        cases = self.docks.get("CasesDock")
        if cases is not None:
            cases.close_library()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        self.timebar.set_playing(False)
        self.settings.save_window_layout(self.saveGeometry(), self.saveState())
        self.settings.sync()
        super().closeEvent(event)
