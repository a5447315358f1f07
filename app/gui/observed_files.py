"""Loading observations into the window (spec §7): the File menu's 加载实况… / 加载实况文件夹… / 清除实况, and
observed files dropped on the window (a folder, or a national station file: a forecast is never either).

The files are read by :func:`app.importing.observed.load_observed_series` (city tables, station files or folders
of them, merged in time); the controller splices them before the forecast's first hour and re-evaluates. Bad input
shows the load-errors dialog and leaves what was shown as it was.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QWidget

from app.errors import InputError


def is_observed_path(path: str) -> bool:
    """A folder, or a file with the national network's station header: observed data, not a forecast."""
    p = Path(path)
    if p.is_dir():
        return True
    if not p.is_file() or p.suffix.lower() not in (".csv", ".txt"):
        return False
    from app.importing.stations import is_station_file

    try:
        return bool(is_station_file(p))
    except (OSError, ValueError, InputError):
        return False


class ObservedFiles(QObject):
    def __init__(self, controller, window: QWidget):
        super().__init__(window)
        self.controller, self.window = controller, window
        self.load_action = QAction(self.tr("加载实况…"), self)
        self.load_action.setToolTip(self.tr("实况文件（城市逐时/逐日表或国控站点文件）拼接在预报首时次之前：已出现的过程按实况起算"))
        self.load_action.triggered.connect(self.ask_files)
        self.folder_action = QAction(self.tr("加载实况文件夹…"), self)
        self.folder_action.triggered.connect(self.ask_folder)
        self.clear_action = QAction(self.tr("清除实况"), self)
        self.clear_action.triggered.connect(self.clear)
        controller.state.observedChanged.connect(self._update_actions)
        self._update_actions()

    def add_to(self, menu: QMenu) -> None:
        menu.addActions([self.load_action, self.folder_action, self.clear_action])

    # -- entry points -------------------------------------------------------------------------------------
    def ask_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self.window, self.tr("加载实况"), self._start_folder(),
                                                self.tr("实况文件 (*.csv *.txt *.xlsx);;所有文件 (*)"))
        if paths:
            self.load(paths)

    def ask_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self.window, self.tr("加载实况文件夹（国控站点逐时文件）"),
                                                self._start_folder())
        if path:
            self.load([path])

    def load(self, paths: list[str]) -> bool:
        """Read and splice ``paths``; False (the errors shown, nothing changed) on bad input."""
        try:
            self.controller.load_observed(paths)
        except InputError as exc:
            from app.gui.dialogs.load_errors import LoadErrorsDialog

            dialog = LoadErrorsDialog(paths[0], exc, self.controller.state.original_forecast is not None, self.window)
            dialog.setWindowTitle(self.tr("无法加载实况"))
            dialog.exec()
            return False
        self._say_loaded()
        return True

    def clear(self) -> None:
        if self.controller.state.observed is not None:
            self.controller.set_observed(None)

    def drop(self, paths: list[str]) -> bool:
        """Observed files dropped on the window: loaded, True; anything else is not ours (False)."""
        observed = [p for p in paths if is_observed_path(p)]
        if not observed or len(observed) != len(paths):
            return False
        self.load(observed)
        return True

    # -- helpers ------------------------------------------------------------------------------------------
    def _start_folder(self) -> str:
        observed = self.controller.state.observed
        if observed is not None and observed.paths:
            return str(Path(observed.paths[0]).parent)
        path = self.controller.state.forecast_path
        return str(Path(path).parent) if path else ""

    def _say_loaded(self) -> None:
        state = self.controller.state
        evaluation = state.evaluation
        hours = int(getattr(evaluation, "observed_hours", 0) or 0) if evaluation is not None else 0
        text = self.tr("已加载实况：预报首时次之前 %n 小时", "", hours)
        if not hours:
            text = self.tr("已加载实况，但没有早于预报首时次的实况时次")
        status = getattr(self.window, "statusBar", None)
        if status is not None:
            status().showMessage(text, 15000)

    def _update_actions(self) -> None:
        self.clear_action.setEnabled(self.controller.state.observed is not None)
