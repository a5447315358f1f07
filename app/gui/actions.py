"""The main window's actions (menus, tool bar and keyboard shortcuts), wired to the state, time bar and canvas."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QStyle, QWidget

from app.gui.i18n import LANGUAGES
from app.gui.undo import redo_keys


class WindowActions(QObject):
    """A QObject child of the window, so its slots on the (longer-lived) state disconnect with the window."""

    def __init__(self, window: QWidget, state, controller, timebar, canvas, opener, settings):
        super().__init__(window)
        self.window = window
        style = window.style()

        def make(text: str, slot=None, shortcut=None, checkable: bool = False, icon=None, tip: str = "") -> QAction:
            action = QAction(text, window)
            if shortcut is not None:
                action.setShortcut(QKeySequence(shortcut))
            if icon is not None:
                action.setIcon(style.standardIcon(icon))
            action.setCheckable(checkable)
            if tip:
                action.setToolTip(tip)
                action.setStatusTip(tip)
            if slot is not None:
                (action.toggled if checkable else action.triggered).connect(slot)
            window.addAction(action)  # shortcuts work wherever the focus is in the window
            return action

        sp = QStyle.StandardPixmap
        # -- file
        self.open = make(QCoreApplication.translate("WindowActions", "打开预报…"), opener.ask_and_open, QKeySequence.StandardKey.Open, icon=sp.SP_DialogOpenButton,
                         tip=QCoreApplication.translate("WindowActions", "打开预报文件（CSV、Excel、NetCDF），也可以把文件拖到窗口中"))
        self.quit = make(QCoreApplication.translate("WindowActions", "退出"), window.close, QKeySequence.StandardKey.Quit)
        # -- edit (undo/redo come from the controller's what-if stack)
        self.undo = controller.undo_stack.createUndoAction(window, QCoreApplication.translate("WindowActions", "撤销"))
        self.undo.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo.setIcon(style.standardIcon(sp.SP_ArrowBack))
        # the menu says what is undone; the tool bar keeps a short label (the full one pushed its buttons away)
        self.undo.setIconText(QCoreApplication.translate("WindowActions", "撤销"))
        self.redo = controller.undo_stack.createRedoAction(window, QCoreApplication.translate("WindowActions", "重做"))
        self.redo.setShortcuts(redo_keys())
        self.redo.setIcon(style.standardIcon(sp.SP_ArrowForward))
        self.redo.setIconText(QCoreApplication.translate("WindowActions", "重做"))
        window.addAction(self.undo)
        window.addAction(self.redo)
        # -- layers
        self.layer_group = QActionGroup(window)
        names = {"aqi": QCoreApplication.translate("WindowActions", "小时 AQI"), "daily": QCoreApplication.translate("WindowActions", "日 AQI"), "warning": QCoreApplication.translate("WindowActions", "预警等级"), "pm25": QCoreApplication.translate("WindowActions", "PM2.5 浓度")}
        self.layers: dict[str, QAction] = {}
        for number, layer in enumerate(("aqi", "daily", "warning", "pm25"), start=1):
            action = make(names[layer], None, f"Ctrl+{number}", checkable=True,
                          tip=QCoreApplication.translate("WindowActions", "地图图层：%1（Ctrl+%2）").replace("%1", names[layer]).replace("%2", str(number)))
            action.setChecked(layer == state.layer)
            action.triggered.connect(lambda _=False, name=layer: state.set_layer(name))
            self.layer_group.addAction(action)
            self.layers[layer] = action
        state.layerChanged.connect(self._show_layer)
        self.adjacency = make(QCoreApplication.translate("WindowActions", "邻接关系"), state.set_adjacency_overlay, "Ctrl+G", checkable=True,
                              tip=QCoreApplication.translate("WindowActions", "显示由共同边界得到的城市邻接关系（紫色虚线为方案中指定的调整）"))
        self.adjacency.setChecked(state.show_adjacency)
        state.adjacencyOverlayChanged.connect(self.adjacency.setChecked)
        self.wind = make(QCoreApplication.translate("WindowActions", "风场箭头"), state.set_wind_overlay, "Ctrl+Shift+W",
                         checkable=True, tip=QCoreApplication.translate("WindowActions", "在地图上显示当前时次各城市的风向风速（预报含风的列时）"))
        self.wind.setChecked(state.show_wind)
        state.windOverlayChanged.connect(self.wind.setChecked)
        state.forecastChanged.connect(lambda: self._wind_available(state))
        self._wind_available(state)
        self.region_names = make(QCoreApplication.translate("WindowActions", "区域名称"), canvas.set_region_names, "Ctrl+R",
                                 checkable=True, tip=QCoreApplication.translate("WindowActions", "在地图上标出四个联动区域的名称（Ctrl+R）"))
        self.region_names.setChecked(settings.show_region_names)
        canvas.set_region_names(settings.show_region_names)
        self.region_names.toggled.connect(lambda shown: setattr(settings, "show_region_names", shown))
        self.reset_view = make(QCoreApplication.translate("WindowActions", "重置视图"), canvas.reset_view, "Ctrl+0", icon=sp.SP_BrowserReload,
                               tip=QCoreApplication.translate("WindowActions", "显示整个川渝地区（Ctrl+0）"))
        self.zoom_in = make(QCoreApplication.translate("WindowActions", "放大"), lambda: canvas.zoom_by(1.25), QKeySequence.StandardKey.ZoomIn)
        self.zoom_out = make(QCoreApplication.translate("WindowActions", "缩小"), lambda: canvas.zoom_by(0.8), QKeySequence.StandardKey.ZoomOut)
        # bare +/− zoom wherever the focus is (a text field keeps its own typing), not only when the map has it
        self.zoom_in.setShortcuts([*self.zoom_in.shortcuts(), QKeySequence("+"), QKeySequence("=")])
        self.zoom_out.setShortcuts([*self.zoom_out.shortcuts(), QKeySequence("-")])
        # -- time
        self.prev_hour = make(QCoreApplication.translate("WindowActions", "前一小时"), lambda: timebar.step(-1), "Left")
        self.next_hour = make(QCoreApplication.translate("WindowActions", "后一小时"), lambda: timebar.step(1), "Right")
        self.prev_day = make(QCoreApplication.translate("WindowActions", "前一天"), lambda: timebar.step(-24), "Shift+Left")
        self.next_day = make(QCoreApplication.translate("WindowActions", "后一天"), lambda: timebar.step(24), "Shift+Right")
        self.first = make(QCoreApplication.translate("WindowActions", "第一个时次"), timebar.go_first, "Home")
        self.last = make(QCoreApplication.translate("WindowActions", "最后一个时次"), timebar.go_last, "End")
        self.play = make(QCoreApplication.translate("WindowActions", "播放/暂停"), timebar.toggle_play, "Space")
        # -- daily AQI mode
        self.mode_group = QActionGroup(window)
        self.modes: dict[str, QAction] = {}
        for mode, text in (("calendar", QCoreApplication.translate("WindowActions", "日 AQI 按自然日")), ("rolling", QCoreApplication.translate("WindowActions", "日 AQI 按滑动 24 小时"))):
            action = make(text, None, checkable=True)
            action.setChecked(state.mode == mode)
            action.triggered.connect(lambda _=False, m=mode: controller.set_mode(m))
            self.mode_group.addAction(action)
            self.modes[mode] = action
        state.modeChanged.connect(self._show_mode)
        # -- language
        self.language_group = QActionGroup(window)
        self.languages: dict[str, QAction] = {}
        for code, name in LANGUAGES.items():
            action = make(name, None, checkable=True)
            action.setChecked(settings.language == code)
            action.triggered.connect(lambda _=False, c=code: window.languageRequested.emit(c))
            self.language_group.addAction(action)
            self.languages[code] = action
        self.about = make(QCoreApplication.translate("WindowActions", "关于 HazeDesk"), window.show_about)

    def _wind_available(self, state) -> None:
        from app.desk.wind import has_wind

        self.wind.setEnabled(state.forecast is None or has_wind(state.forecast))

    def _show_layer(self, layer: str) -> None:
        self.layers[layer].setChecked(True)

    def _show_mode(self, mode: str) -> None:
        self.modes[mode].setChecked(True)
