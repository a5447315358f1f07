"""The duty officer's main window: composition only (map, time bar, docks, menus, tool bar, status bar).

Behaviour lives elsewhere: the controller (loading, evaluation, what-if), the canvas (map interaction), the time
bar (stepping), the file opener (dialogs, recent files, errors), the actions (menus and shortcuts).
"""

from __future__ import annotations

import importlib
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QToolBar, QVBoxLayout, QWidget

from app import __version__
from app.gui.actions import WindowActions
from app.gui.controller import Controller
from app.gui.files import FileOpener
from app.gui.map.canvas import MapCanvas
from app.gui.settings import Settings
from app.gui.state import AppState
from app.gui.timebar import TimeBar
from app.gui.timefmt import step_text


def _optional(module: str, name: str):
    """A class from a module other helpers are still writing; None until that module exists."""
    try:
        return getattr(importlib.import_module(module), name)
    except ModuleNotFoundError as exc:
        if exc.name is None or not (module == exc.name or module.startswith(exc.name + ".")):
            raise  # the module exists but something it imports is missing: a real error
        return None


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
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.timebar)
        self.setCentralWidget(central)
        self.opener = FileOpener(controller, settings, self)
        self.actions_ = WindowActions(self, state, controller, self.timebar, self.canvas, self.opener, settings)
        self.docks = self._add_docks()
        self._build_menus()
        self._build_toolbar()
        self._build_status_bar()
        state.forecastChanged.connect(self._update_title)
        state.layerChanged.connect(self._remember)
        state.adjacencyOverlayChanged.connect(self._remember)
        state.modeChanged.connect(self._remember)
        self.opener.recentChanged.connect(self._refill_recent)
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
            self.default_dock_sizes()

    def default_dock_sizes(self) -> None:
        """The map gets most of the window: docks on the right a quarter of the width, the timeline a quarter
        of the height (a saved layout replaces this)."""
        right = [d for n, d in self.docks.items() if n != "TimelineDock"]
        if right:
            width = min(max(int(self.width() * 0.25), 300), 440)
            self.resizeDocks(right[:1], [width], Qt.Orientation.Horizontal)
        if "TimelineDock" in self.docks:
            height = min(max(int(self.height() * 0.24), 170), 300)
            self.resizeDocks([self.docks["TimelineDock"]], [height], Qt.Orientation.Vertical)

    def _default_geometry(self) -> None:
        """First start: most of the screen, centred (a laptop screen is used whole)."""
        screen = self.screen().availableGeometry()
        width, height = min(1600, int(screen.width() * 0.92)), min(1000, int(screen.height() * 0.92))
        if screen.width() <= 1440:
            width, height = screen.width(), screen.height()
        self.setGeometry(screen.x() + (screen.width() - width) // 2, screen.y() + (screen.height() - height) // 2,
                         width, height)

    # -- composition --------------------------------------------------------------------------------------
    def _add_docks(self) -> dict:
        docks = {}
        specs = [("app.gui.docks.episodes_dock", "EpisodesDock", Qt.DockWidgetArea.RightDockWidgetArea, False),
                 ("app.gui.docks.inforce_dock", "InForceDock", Qt.DockWidgetArea.RightDockWidgetArea, True),
                 ("app.gui.docks.edits_dock", "EditsDock", Qt.DockWidgetArea.RightDockWidgetArea, True),
                 ("app.gui.docks.timeline_dock", "TimelineDock", Qt.DockWidgetArea.BottomDockWidgetArea, False)]
        for module, name, area, wants_controller in specs:
            cls = _optional(module, name)
            if cls is None:
                continue
            dock = cls(self.state, self.controller) if wants_controller else cls(self.state)
            dock.setObjectName(name)
            dock.setParent(self)
            self.addDockWidget(area, dock)
            docks[name] = dock
        right = [docks[n] for n in ("EpisodesDock", "InForceDock", "EditsDock") if n in docks]
        for other in right[1:]:
            self.tabifyDockWidget(right[0], other)
        if right:
            right[0].raise_()
        return docks

    def _build_menus(self) -> None:
        a, bar = self.actions_, self.menuBar()
        file_menu = bar.addMenu(self.tr("文件(&F)"))
        file_menu.addAction(a.open)
        self.recent_menu = file_menu.addMenu(self.tr("最近打开"))
        self.opener.fill_recent_menu(self.recent_menu)
        file_menu.addSeparator()
        self.proposal_action = self._optional_dialog_action(
            file_menu, "app.gui.dialogs.proposal_dialog", "ProposalDialog", self.tr("生成预警建议函…"), "Ctrl+Shift+P")
        self.map_export_action = self._optional_dialog_action(
            file_menu, "app.gui.dialogs.map_export_dialog", "MapExportDialog", self.tr("导出会商图…"), "Ctrl+Shift+E")
        print_map = _optional("app.gui.printing", "print_map")
        self.print_action = None
        if print_map is not None:
            self.print_action = file_menu.addAction(self.tr("打印地图…"))
            self.print_action.setShortcut("Ctrl+P")
            self.print_action.triggered.connect(lambda: self._run_dialog(lambda state, parent: print_map(state, parent)))
            self.addAction(self.print_action)
        file_menu.addSeparator()
        file_menu.addAction(a.quit)
        edit_menu = bar.addMenu(self.tr("编辑(&E)"))
        edit_menu.addActions([a.undo, a.redo])
        if "EditsDock" in self.docks:
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
        view_menu.addActions([a.adjacency, a.reset_view, a.zoom_in, a.zoom_out])
        if self.docks:
            view_menu.addSeparator()
            view_menu.addActions([dock.toggleViewAction() for dock in self.docks.values()])
        time_menu = bar.addMenu(self.tr("时间(&T)"))
        time_menu.addActions([a.play, a.prev_hour, a.next_hour, a.prev_day, a.next_day, a.first, a.last])
        analysis_menu = bar.addMenu(self.tr("分析(&A)"))
        analysis_menu.addActions(list(a.modes.values()))
        self.analysis_menu = analysis_menu
        settings_menu = bar.addMenu(self.tr("设置(&S)"))
        language_menu = settings_menu.addMenu(self.tr("界面语言"))
        language_menu.addActions(list(a.languages.values()))
        help_menu = bar.addMenu(self.tr("帮助(&H)"))
        help_menu.addAction(a.about)
        self.file_menu, self.edit_menu = file_menu, edit_menu

    def _optional_dialog_action(self, menu, module: str, name: str, text: str, shortcut: str):
        """A menu action opening ``name(state, parent)`` from a dialog module other helpers provide; None (and
        no action) until that module exists."""
        cls = _optional(module, name)
        if cls is None:
            return None
        action = menu.addAction(text)
        action.setShortcut(shortcut)
        action.triggered.connect(lambda: self._run_dialog(cls))
        self.addAction(action)
        return action

    def _run_dialog(self, open_it) -> None:
        """``open_it(state, parent)``: a dialog class (then shown modally) or a function that does the work."""
        if self.state.evaluation is None:
            self.statusBar().showMessage(self.tr("请先打开预报。"), 8000)
            return
        result = open_it(self.state, self)
        if hasattr(result, "exec"):
            result.exec()

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
        toolbar.addAction(a.reset_view)
        toolbar.addSeparator()
        toolbar.addActions([a.undo, a.redo])
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
        self.toolbar = toolbar

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        self.hover_label = QLabel()
        self.time_label = QLabel()
        self.source_label = QLabel()
        status.addWidget(self.hover_label, 1)
        status.addPermanentWidget(self.source_label)
        status.addPermanentWidget(self.time_label)
        self.state.hoveredUnitChanged.connect(self._update_hover)
        self.state.hourChanged.connect(self._update_time)
        self.state.evaluationChanged.connect(self._update_source)
        self._update_hover(self.state.hovered_unit)
        self._update_time(self.state.hour)
        self._update_source()

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
            self.hover_label.setText(self.tr("指向地图上的城市查看数值，单击选择（Ctrl+单击多选）"))
            return
        region = self.state.scheme.region_of.get(unit) if self.state.scheme else None
        self.hover_label.setText(f"{unit} · {region}" if region else f"{unit} · {self.tr('联动范围外')}")

    def _update_time(self, hour: int) -> None:
        evaluation = self.state.evaluation
        self.time_label.setText(step_text(evaluation, hour) if evaluation is not None else "")

    def _update_source(self) -> None:
        evaluation = self.state.evaluation
        if evaluation is None:
            self.source_label.setText(self.tr("未加载预报"))
            return
        mode = self.tr("自然日") if evaluation.mode == "calendar" else self.tr("滑动 24 小时")
        edited = self.tr(" · 已做情景修改") if self.state.edits else ""
        self.source_label.setText(f"{Path(self.state.forecast_path).name} · {mode} · {evaluation.aqi_edition}{edited}")

    def _update_title(self) -> None:
        name = Path(self.state.forecast_path).name if self.state.forecast_path else self.tr("未加载预报")
        self.setWindowTitle(f"{name} — {self.tr('HazeDesk 川渝重污染天气预警会商台')}")

    def _show_notice(self, text: str) -> None:
        self.statusBar().showMessage(text, 15000)

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("关于 HazeDesk"),
                          self.tr("HazeDesk 川渝重污染天气预警会商台 %1\n离线运行；按 2025–26 年川渝联动方案评估预报。")
                          .replace("%1", __version__))

    # -- drag and drop, closing -----------------------------------------------------------------------------
    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self.opener.droppable_paths(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt API
        paths = self.opener.droppable_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.opener.open(paths[0])

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        self.timebar.set_playing(False)
        self.settings.save_window_layout(self.saveGeometry(), self.saveState())
        self.settings.sync()
        super().closeEvent(event)
