"""Opening forecasts: the file dialog, drag and drop, recent files, progress with cancel, load errors.

A failed load shows :class:`~app.gui.dialogs.load_errors.LoadErrorsDialog` and leaves the previous forecast
as it was (the controller only replaces the state after a load succeeded).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QProgressDialog, QWidget

from app.desk.session_file import SUFFIX as SESSION_SUFFIX
from app.errors import InputError
from app.gui.controller import Controller
from app.gui.settings import Settings


class FileOpener(QObject):
    recentChanged = Signal()
    sessionRequested = Signal(str)  # a session file chosen from the recent list (the window opens it)

    def __init__(self, controller: Controller, settings: Settings, parent: QWidget):
        super().__init__(parent)
        self.controller, self.settings, self.window = controller, settings, parent
        self.progress: QProgressDialog | None = None
        # QProgressDialog.setValue runs the event loop while a modal box shows: the load can finish in there,
        # and the box must not be deleted under setValue's feet (it crashed the process). Boxes closed while
        # a setValue is running wait here until it has returned.
        self._in_set_value = False
        self._closed_boxes: list[QProgressDialog] = []
        controller.loadStarted.connect(self._started)
        controller.loadProgress.connect(self._progressed)
        controller.loaded.connect(self._loaded)
        controller.loadFailed.connect(self._failed)
        controller.loadCancelled.connect(self._cancelled)
        if controller.loading:  # the window's first forecast started loading before the window was built
            self._started(controller.loading_path)

    # -- entry points -------------------------------------------------------------------------------------
    def ask_and_open(self) -> None:
        recent = self.settings.recent_files()
        start = str(Path(recent[0]).parent) if recent else ""
        from app.importing import SUPPORTED_SUFFIXES

        patterns = " ".join(f"*{s}" for s in SUPPORTED_SUFFIXES)
        path, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("打开预报"), start,
            self.tr("预报文件 (%1);;所有文件 (*)").replace("%1", patterns))
        if path:
            self.open(path)

    def open(self, path: str) -> None:
        """Open a forecast; a workbook with several sheets or a grid with several variables asks which."""
        try:
            options = self._choose_part(path)
        except InputError as exc:
            self._failed(path, exc)
            return
        if options is not None:
            self.controller.open_forecast(path, **options)

    def _choose_part(self, path: str) -> dict | None:
        """Loader options for the file (None: the user cancelled the choice)."""
        from PySide6.QtWidgets import QInputDialog

        from app.importing import grid_variables, list_sheets

        suffix = Path(path).suffix.lower()
        if suffix in (".xlsx", ".xlsm"):
            names, key, label = list_sheets(path), "sheet", self.tr("工作簿中有多个工作表，请选择预报所在的工作表：")
        elif suffix in (".nc", ".nc4", ".cdf", ".netcdf"):
            names, key, label = grid_variables(path), "variable", self.tr("文件中有多个格点变量，请选择 PM2.5 变量：")
        else:
            return {}
        if len(names) <= 1:
            return {}
        choice, ok = QInputDialog.getItem(self.window, self.tr("打开预报"), label, names, 0, False)
        return {key: choice} if ok else None

    @staticmethod
    def droppable_paths(mime, folders: bool = False) -> list[str]:
        """Local files dropped (and folders, with ``folders``: observed station files)."""
        if not mime.hasUrls():
            return []
        return [url.toLocalFile() for url in mime.urls() if url.isLocalFile() and (
            Path(url.toLocalFile()).is_file() or (folders and Path(url.toLocalFile()).is_dir()))]

    def fill_recent_menu(self, menu: QMenu) -> None:
        menu.clear()
        recent = self.settings.recent_files()
        names = [Path(p).name for p in recent]
        for path in recent:
            name = Path(path).name
            if names.count(name) > 1:  # two duty.hazedesk from different folders: say which folder
                name = f"{name}  ({Path(path).parent})"
            if path.lower().endswith(SESSION_SUFFIX):
                action = menu.addAction(self.tr("会话：%1").replace("%1", name))
                action.triggered.connect(lambda _=False, p=path: self.sessionRequested.emit(p))
            else:
                action = menu.addAction(name)
                action.triggered.connect(lambda _=False, p=path: self.open(p))
            action.setToolTip(path)
            action.setStatusTip(path)
        if recent:
            menu.addSeparator()
            menu.addAction(self.tr("清除列表"), self._clear_recent)
        else:
            menu.addAction(self.tr("（无）")).setEnabled(False)

    def remember(self, path: str) -> None:
        """Put a file (a forecast or a session) at the top of the recent list."""
        self.settings.add_recent(path)
        self.recentChanged.emit()

    def _clear_recent(self) -> None:
        self.settings.clear_recent()
        self.recentChanged.emit()

    # -- controller signals -------------------------------------------------------------------------------
    def _started(self, path: str) -> None:
        self._close_progress()
        dialog = QProgressDialog(self.tr("正在读取 %1 …").replace("%1", Path(path).name), self.tr("取消"),
                                 0, 1000, self.window)
        dialog.setWindowTitle(self.tr("打开预报"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)  # quick loads never flash a dialog
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(self.controller.cancel_load)
        self.progress = dialog

    def _progressed(self, fraction: float, message: str) -> None:
        dialog = self.progress
        if dialog is None or self._in_set_value:
            return
        self._in_set_value = True
        try:
            dialog.setValue(int(fraction * 1000))
        finally:
            self._in_set_value = False
        boxes, self._closed_boxes = self._closed_boxes, []
        for box in boxes:
            box.deleteLater()

    def _close_progress(self) -> None:
        """Close the progress box for good. ``reset()`` stops its delayed-show timer: a box only closed and
        left to ``deleteLater`` would still pop up (window-modal, over the error dialog) inside that dialog's
        ``exec()``, whose nested event loop does not delete it, and lock the window."""
        if self.progress is not None:
            dialog, self.progress = self.progress, None
            dialog.canceled.disconnect()
            dialog.setAutoClose(True)
            dialog.reset()  # stops the show timer and hides
            dialog.hide()
            if self._in_set_value:
                self._closed_boxes.append(dialog)  # deleted once setValue has returned
            else:
                dialog.deleteLater()

    def _loaded(self, path: str) -> None:
        self._close_progress()
        if Path(path).exists():
            self.remember(path)

    def _cancelled(self, path: str) -> None:
        self._close_progress()

    def _failed(self, path: str, exc: Exception) -> None:
        self._close_progress()
        if isinstance(exc, InputError):
            from app.gui.dialogs.load_errors import LoadErrorsDialog

            kept = self.controller.state.original_forecast is not None
            LoadErrorsDialog(path, exc, kept, self.window).exec()
            return
        from app.gui.errorlog import log_exception

        log = log_exception(exc, f"loading {path}")
        QMessageBox.critical(self.window, self.tr("内部错误"),
                             self.tr("读取 %1 时发生内部错误：%2\n详细信息已写入 %3")
                             .replace("%1", path).replace("%2", f"{type(exc).__name__}: {exc}").replace("%3", log))
