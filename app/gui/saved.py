"""After a letter, a map or a briefing is written: say where (status bar, with a link that opens the folder),
and remember the folder, so the next export dialog starts there.

The dialogs find the main window through their parent chain (the window owns the status bar and the settings).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLabel, QWidget

NOTICE_MS = 30_000  # how long the "saved" notice stays in the status bar


def main_window(widget: QWidget | None):
    """The nearest ancestor with a status bar and settings (the main window), or None."""
    while widget is not None:
        if hasattr(widget, "settings") and hasattr(widget, "statusBar"):
            return widget
        widget = widget.parentWidget()
    return None


def export_folder(widget: QWidget | None) -> Path:
    """The folder of the last export (the home folder at first, or when it no longer exists)."""
    window = main_window(widget)
    folder = window.settings.export_folder if window is not None else ""
    return Path(folder) if folder and Path(folder).is_dir() else Path.home()


def start_path(widget: QWidget | None, name: str) -> str:
    """Where a save dialog starts: ``name`` in the last export folder."""
    return str(export_folder(widget) / name)


def confirm_saved(widget: QWidget | None, paths) -> None:
    """Remember the folder and say in the main window's status bar what was written, with "open folder"."""
    paths = [Path(p) for p in paths if p]
    window = main_window(widget)
    if not paths or window is None:
        return
    folder = paths[0].resolve().parent
    window.settings.export_folder = str(folder)
    translate = QCoreApplication.translate
    what = str(paths[0]) if len(paths) == 1 else translate("SavedNotice", "%1 等 %2 个文件").replace(
        "%1", str(paths[0])).replace("%2", str(len(paths)))
    notice = getattr(window, "saved_notice", None)
    if notice is None:
        notice = window.saved_notice = SavedNotice(window)
        window.statusBar().addPermanentWidget(notice)
    notice.show_saved(translate("SavedNotice", "已保存：%1").replace("%1", what), folder)


class SavedNotice(QLabel):
    """"已保存：path  打开文件夹" in the status bar for half a minute."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.folder: Path | None = None
        self.setOpenExternalLinks(False)
        self.linkActivated.connect(self.open_folder)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self.hide()

    def show_saved(self, text: str, folder: Path) -> None:
        from html import escape

        self.folder = folder
        link = QCoreApplication.translate("SavedNotice", "打开文件夹")
        self.setText(f"{escape(text)}  <a href='open'>{escape(link)}</a>")
        self.setToolTip(str(folder))
        self.show()
        self._timer.start(NOTICE_MS)

    def open_folder(self, *_) -> bool:
        return self.folder is not None and QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.folder)))
