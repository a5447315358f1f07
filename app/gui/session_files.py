"""File → Save session / Open session (``.hazedesk``), and ``hazedesk gui SESSION``.

The file format and the forecast check are :mod:`app.desk.session_file`; putting a session back uses the same
restore as the autosave (:func:`app.gui.autosave.restore`). A forecast that is missing or changed since the
session was saved is named: the officer may point at the file (a copy that moved), or open the changed file
without the what-if edits and the letter draft, which belong to the old data. Nothing is replaced silently.
"""

from __future__ import annotations

from dataclasses import asdict, replace
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app import __version__
from app.desk.session_file import (
    CHANGED,
    MISSING,
    SUFFIX,
    Session,
    check_forecast,
    compare_with,
    load_session,
    save_session,
)
from app.domain.session import RestorePlan
from app.errors import InputError
from app.gui.autosave import restore, working_state
from app.gui.i18n import error_text, write_fault_text


def current_session(state) -> Session:
    """The window's work as a session: the working state, the selection and the letter draft of this forecast."""
    from app.export.drafts import load_draft

    working = working_state(state)
    draft = None
    if working.forecast_sha256:
        found, exists = load_draft(working.forecast_sha256)
        draft = asdict(found) if exists else None
    return Session(working, list(state.selected_units), draft, app_version=__version__)


class SessionFiles(QObject):
    # the session the window shows changed: saved, opened, or left (another forecast was opened)
    currentChanged = Signal(str)

    def __init__(self, window: QWidget, controller):
        super().__init__(window)
        self.window, self.controller, self.state = window, controller, controller.state
        self.last_path = ""
        self.current_path = ""  # the session file the window's work was last saved to or opened from
        self._opening = False
        self.failed: list[str] = []  # what the last session opened could not put back (each told as a notice)
        controller.loaded.connect(self._forecast_loaded)

    def current_name(self) -> str:
        """The open session's file name, or "" when the window's work is not a session's."""
        return Path(self.current_path).name if self.current_path else ""

    def _set_current(self, path: str) -> None:
        self.current_path = path
        self.currentChanged.emit(path)

    def _forecast_loaded(self, path: str) -> None:
        if not self._opening and self.current_path:  # another forecast: the window no longer shows the session
            self._set_current("")

    # -- questions (replaced in tests) ------------------------------------------------------------------------
    def ask_save_path(self) -> str:
        stem = Path(self.state.forecast_path).stem or "hazedesk"
        default = self.last_path or str(Path.home() / f"{stem}{SUFFIX}")
        path, _ = QFileDialog.getSaveFileName(self.window, self.tr("保存会话"), default,
                                              self.tr("HazeDesk 会话 (*.hazedesk)"))
        if path and not path.lower().endswith(SUFFIX):
            path += SUFFIX
        return path

    def ask_open_path(self) -> str:
        path, _ = QFileDialog.getOpenFileName(self.window, self.tr("打开会话"), str(Path(self.last_path).parent)
                                              if self.last_path else str(Path.home()),
                                              self.tr("HazeDesk 会话 (*.hazedesk);;所有文件 (*)"))
        return path

    def ask_open_changed(self, text: str) -> bool:
        answer = QMessageBox.question(self.window, self.tr("打开会话"), text,
                                      QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
                                      QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Open

    def ask_locate(self, text: str) -> str:
        """Name the missing file; the path of the file the officer points at instead, or ""."""
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("打开会话"), text, QMessageBox.StandardButton.Cancel,
                          self.window)
        locate = box.addButton(self.tr("查找文件…"), QMessageBox.ButtonRole.AcceptRole)
        box.exec()
        if box.clickedButton() is not locate:
            return ""
        path, _ = QFileDialog.getOpenFileName(self.window, self.tr("查找预报文件"), str(Path.home()))
        return path

    def show_error(self, text: str) -> None:
        QMessageBox.warning(self.window, self.tr("打开会话"), text)

    # -- save ---------------------------------------------------------------------------------------------------
    def save_as(self, path: str | None = None) -> Path | None:
        if self.state.original_forecast is None:
            self._status(self.tr("请先打开预报。"))
            return None
        path = path or self.ask_save_path()
        if not path:
            return None
        try:
            out = save_session(path, current_session(self.state))
        except (InputError, OSError) as exc:  # WriteError (full disk, read-only folder) is an InputError
            self.show_error(self.tr("无法保存会话 %1：%2").replace("%1", path).replace("%2", write_fault_text(exc, path)))
            return None
        self.last_path = str(out)
        self._set_current(str(Path(out).resolve()))
        self._status(self.tr("会话已保存：%1").replace("%1", str(out)))
        return out

    # -- open ---------------------------------------------------------------------------------------------------
    def open(self, path: str | None = None) -> bool:
        """Open a session file; True when its work was put back (wholly or without edits, as the officer chose)."""
        path = path or self.ask_open_path()
        if not path:
            return False
        self.failed = []
        try:
            session = load_session(path)
        except InputError as exc:
            self.show_error(error_text(exc))
            return False
        if session.working.consultation is not None:  # a 会商 consensus: rebuilt from its sources' files
            self._opening = True
            try:
                self._apply_consultation(session, Path(path).name)
            finally:
                self._opening = False
            self.last_path = str(path)
            self._set_current(str(Path(path).resolve()))
            return True
        check = check_forecast(session, path)
        if check.status == MISSING:
            located = self.ask_locate(self.tr("找不到会话记录的预报文件：\n%1\n（会话文件旁边也没有）。可以指定它现在的位置。")
                                      .replace("%1", check.saved_path))
            if not located:
                return False
            check = compare_with(session, located)
        same = check.status != CHANGED
        if not same:
            question = self.tr("会话记录的预报文件已被修改（内容校验值与保存时不同）：\n%1\n"
                               "情景修改和建议函草稿只适用于原来的数据。是否打开现在的文件，只恢复现行预警、图层和时间？") \
                .replace("%1", check.found_path)
            if not self.ask_open_changed(question):
                return False
        self._opening = True
        try:
            self._apply(session, check.found_path, same, Path(path).name)
        finally:
            self._opening = False
        self.last_path = str(path)
        self._set_current(str(Path(path).resolve()))
        return True

    def _apply(self, session: Session, forecast_path: str, same: bool, name: str) -> None:
        working = replace(session.working, forecast_path=forecast_path)
        self.failed = restore(RestorePlan(working, crashed=False, file_found=True, same_data=same), self.controller)
        names = set(self.state.evaluation.units) if self.state.evaluation is not None else set()
        self.state.set_selection([u for u in session.selected_units if u in names])
        if same and session.letter_draft and working.forecast_sha256:
            self._restore_draft(working.forecast_sha256, session.letter_draft)
        note = "" if same else self.tr("（预报已改变：情景修改和建议函草稿未恢复）")
        self._status(self.tr("已打开会话 %1（预报 %2）").replace("%1", name).replace("%2", Path(forecast_path).name)
                     + note)

    def _apply_consultation(self, session: Session, name: str) -> None:
        from app.domain.session import plan_restore

        plan = plan_restore(session.working, crashed=False)
        self.failed = restore(plan, self.controller)  # sources missing or changed: the notice names them, no edits
        names = set(self.state.evaluation.units) if self.state.evaluation is not None else set()
        self.state.set_selection([u for u in session.selected_units if u in names])
        if plan.same_data and session.letter_draft and session.working.forecast_sha256:
            self._restore_draft(session.working.forecast_sha256, session.letter_draft)  # the consensus's identity
        shown = self.tr("会商结论：") + self.state.consultation_label if self.state.consultation is not None else ""
        note = "" if plan.same_data else self.tr("（会商来源文件已改变：会商结论和情景修改未恢复）")
        opened = self.tr("已打开会话 %1（%2）").replace("%2", shown) if shown else self.tr("已打开会话 %1")
        self._status(opened.replace("%1", name) + note)

    @staticmethod
    def _restore_draft(sha256: str, draft: dict) -> None:
        from app.export.drafts import draft_from_dict, save_draft

        save_draft(sha256, draft_from_dict(draft))  # a field of the wrong type (a crafted session) left at default

    def _status(self, text: str) -> None:
        if hasattr(self.window, "statusBar"):
            self.window.statusBar().showMessage(text, 12000)
