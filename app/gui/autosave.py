"""Autosave of the working state and the offer to restore it after a crash or restart (GUI side of
``app.domain.session``).

GUI-CORE wires it once at start-up, in this order::

    restored = offer_restore(window, controller)   # asks only when the last run left something worth it
    saver = AutoSaver(state)                        # debounced save after each change, and every 30 s
    saver.start()                                   # marks the session as running (crash detection)
    ... on quit: saver.stop()                       # last save, then the clean-exit mark

Saving never interrupts the officer: a failed write is reported by ``failed(text)`` (e.g. for the status bar).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from app.domain import session
from app.errors import InputError
from app.gui.i18n import error_text

translate = QCoreApplication.translate  # called as translate("AutoSave", "…") so that lupdate finds the strings


def working_state(state) -> session.WorkingState:
    """The AppState as a :class:`~app.domain.session.WorkingState`."""
    evaluation = state.evaluation
    hour_time = None
    if evaluation is not None and 0 <= state.hour < len(evaluation.times):
        hour_time = evaluation.times[state.hour].to_pydatetime()
    original = state.original_forecast
    return session.WorkingState(
        forecast_path=state.forecast_path or "",
        forecast_sha256=original.meta.sha256 if original is not None else "",
        edits=list(state.edits), in_force=list(state.in_force), selected_episode=state.selected_episode,
        hour_time=hour_time, layer=state.layer, mode=state.mode,
        consultation=state.consultation.to_json() if state.consultation is not None else None,
        case_id=state.current_case or "",
        observed=list(state.observed.paths) if getattr(state, "observed", None) is not None else [])


class AutoSaver(QObject):
    saved = Signal(str)  # path written
    failed = Signal(str)  # why a save failed

    CHANGE_SIGNALS = ("forecastChanged", "editsChanged", "inForceChanged", "episodeSelected", "hourChanged",
                      "layerChanged", "modeChanged", "consultationChanged", "caseChanged", "observedChanged")

    def __init__(self, state, parent: QObject | None = None, debounce_ms: int = 1500, period_ms: int = 30_000):
        super().__init__(parent)
        self.state = state
        self.dirty = False
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(debounce_ms)
        self._debounce.timeout.connect(self.save_now)
        self._period = QTimer(self)  # while the hour keeps changing (playback) the debounce never fires
        self._period.setInterval(period_ms)
        self._period.timeout.connect(self._save_if_dirty)
        self._running = False
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(self.RETRY_MS)
        self._retry.timeout.connect(self._save_if_dirty)

    RETRY_MS = 20_000

    def start(self) -> None:
        if self._running:
            return
        self._running = True
        for name in self.CHANGE_SIGNALS:
            getattr(self.state, name).connect(self._changed)
        try:
            session.mark_running()
        except (InputError, OSError) as exc:  # the state folder cannot be written: keep working, say so
            from app import state_faults

            state_faults.report("autosave", exc)
        self._period.start()

    def stop(self) -> None:
        """A clean exit: save what is there, then remove the running mark."""
        if not self._running:
            return
        self._running = False
        for name in self.CHANGE_SIGNALS:
            getattr(self.state, name).disconnect(self._changed)
        self._debounce.stop()
        self._period.stop()
        self._retry.stop()
        self.save_now()
        try:
            session.mark_clean_exit()
        except OSError:
            pass  # the marker could not be written in the first place

    def _changed(self, *_) -> None:
        self.dirty = True
        self._debounce.start()

    def _save_if_dirty(self) -> None:
        if self.dirty:
            self.save_now()

    def save_now(self) -> None:
        self._debounce.stop()
        if self.state.original_forecast is None and not self.state.in_force:
            return  # nothing loaded yet: keep the previous session's file for the restore offer
        try:
            path = session.save(working_state(self.state))
        except (InputError, OSError) as exc:
            # the work stays in memory; try again on the next change or after RETRY_MS, and say so meanwhile
            self.dirty = True
            self._retry.start()
            self.failed.emit(translate("AutoSave", "自动保存失败：%1（%2 秒后重试）").replace("%1", error_text(exc))
                             .replace("%2", str(max(1, round(self._retry.interval() / 1000)))))
            return
        self._retry.stop()
        self.dirty = False
        self.saved.emit(str(path))


def restore_question(plan: session.RestorePlan) -> str:
    saved = plan.state
    lines = [translate("AutoSave", "HazeDesk 上次没有正常退出。") if plan.crashed else translate("AutoSave", "上次的工作状态已保存。")]
    if saved.saved_at is not None:
        lines.append(translate("AutoSave", "保存于 %1。").replace("%1", saved.saved_at.strftime("%Y-%m-%d %H:%M")))
    if saved.consultation is not None:
        names = "、".join(str(s.get("name", "")) for s in saved.consultation.get("sources", []))
        label = str(saved.consultation.get("consensus", {}).get("label", ""))
        lines.append(translate("AutoSave", "会商结论：%1（来源：%2）").replace("%1", label).replace("%2", names))
    elif saved.forecast_path:
        lines.append(translate("AutoSave", "预报文件：%1").replace("%1", saved.forecast_path))
    lines.append(translate("AutoSave", "情景修改 %1 项，现行预警 %2 条。").replace("%1", str(len(saved.edits)))
                 .replace("%2", str(len(saved.in_force))))
    if saved.consultation is not None and not plan.same_data:
        lines.append(translate("AutoSave", "会商来源文件已不存在或已被修改：会商结论无法重建，情景修改不再恢复；现行预警照常恢复。"))
    elif saved.forecast_path and not plan.file_found:
        lines.append(translate("AutoSave", "该预报文件已不存在：只能恢复现行预警，情景修改无法恢复。"))
    elif saved.forecast_path and not plan.same_data:
        lines.append(translate("AutoSave", "该预报文件已被修改（内容校验值不同）：情景修改只适用于原来的数据，不再恢复；现行预警照常恢复。"))
    lines.append(translate("AutoSave", "是否恢复？"))
    return "\n".join(lines)


def _ask(parent: QWidget | None, text: str) -> bool:
    answer = QMessageBox.question(parent, translate("AutoSave", "恢复上次的工作"), text,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.Yes)
    return answer == QMessageBox.StandardButton.Yes


def offer_restore(parent: QWidget | None, controller, ask=None, opening: str | None = None) -> bool:
    """Restore the last working state; True when it was restored. After a normal quit the officer's work (edits
    on the same data, warnings in force) simply carries on, said in the status bar; after a crash, on changed or
    missing data, or when another file is named, the officer is asked first. ``ask(parent, text) -> bool``
    replaces the message box (tests, or a non-modal banner). ``opening``: the file named on the command line
    (the question says that restoring opens the saved forecast instead, when it is another one)."""
    plan = session.previous_session()
    if plan is None:
        return False
    other_file = bool(opening) and Path(opening).resolve() != Path(plan.state.forecast_path or "").resolve()
    if not plan.crashed and plan.same_data and not other_file:  # a normal quit: carry on, no question
        restore(plan, controller)
        saved = plan.state
        text = translate("AutoSave", "已接着上次的工作：情景修改 %1 项，现行预警 %2 条。") \
            .replace("%1", str(len(saved.edits))).replace("%2", str(len(saved.in_force)))
        if hasattr(parent, "statusBar"):
            parent.statusBar().showMessage(text, 15000)
        return True
    text = restore_question(plan)
    if other_file:
        text = translate("AutoSave", "（命令行指定的文件 %1 将在不恢复时打开。）").replace("%1", Path(opening).name) \
            + "\n" + text
    if not (ask or _ask)(parent, text):
        session.discard()
        return False
    restore(plan, controller)
    return True


def reopen_consultation(consultation: dict, controller, mode: str | None = None, failed: list | None = None) -> bool:
    """Show a recorded 会商 decision's consensus again (rebuilt from its source files); False, with a notice naming
    the sources (also added to ``failed``), when it cannot be rebuilt as it was adopted."""
    from app.consultation.reopen import reopen

    state = controller.state
    try:
        result = reopen(consultation, state.scheme, state.neighbours, mode=mode, edition=controller.edition,
                        boundaries=state.boundaries)
    except (InputError, KeyError, TypeError, ValueError) as exc:
        reason = error_text(exc) if isinstance(exc, InputError) else str(exc)
        _fail(controller, translate("AutoSave", "会商结论无法重建：%1").replace("%1", reason), failed)
        return False
    if not result.complete:
        if result.missing or result.changed:
            names = "、".join([*result.missing, *result.changed])
            text = translate("AutoSave", "会商结论无法重建：来源文件不存在或已被修改（%1）。").replace("%1", names)
        else:
            names = "、".join(Path(p).name for p in [*result.observed_missing, *result.observed_changed])
            text = translate("AutoSave", "会商结论无法重建：会商所用的实况文件不存在或已被修改（%1）。").replace("%1", names)
        _fail(controller, text, failed)
        return False
    if result.observed is not None and _observed_paths(state) != result.record.observed_paths:
        controller.set_observed(result.observed)  # the consensus as judged: with the consultation's observations
    controller.set_forecast(result.consensus.forecast)
    state.consultation = result.record
    state.consultationChanged.emit()
    return True


def _observed_paths(state) -> list[str]:
    observed = getattr(state, "observed", None)
    return [] if observed is None else [f.path for f in getattr(observed, "files", [])]


def _fail(controller, text: str, failed: list | None) -> None:
    if failed is not None:
        failed.append(text)
    controller.notice.emit(text)


def restore(plan: session.RestorePlan, controller) -> list[str]:
    """Put a saved working state back: forecast (if still the same file), mode, warnings, edits, view. Returns
    what could not be put back (each also a notice to the officer): [] when everything was."""
    saved, state = plan.state, controller.state
    failed: list[str] = []
    if saved.observed:  # spliced before the forecast loaded below (spec §7)
        try:
            controller.load_observed(saved.observed)
        except InputError as exc:
            _fail(controller, translate("AutoSave", "实况无法重新加载：%1").replace("%1", error_text(exc)), failed)
    if saved.consultation is not None:
        reopen_consultation(saved.consultation, controller, saved.mode, failed)
    elif plan.file_found:
        try:
            controller.load_forecast_now(saved.forecast_path)
        except InputError as exc:
            _fail(controller, translate("AutoSave", "无法重新打开 %1：%2").replace("%1", Path(saved.forecast_path).name)
                  .replace("%2", error_text(exc)), failed)
    if saved.mode in state.MODES:
        controller.set_mode(saved.mode)
    controller.set_in_force(saved.in_force)
    if plan.edits and state.original_forecast is not None:
        try:
            controller.set_edits(plan.edits)
        except InputError as exc:
            controller.set_edits([])
            _fail(controller, translate("AutoSave", "情景修改无法恢复：%1").replace("%1", error_text(exc)), failed)
    if saved.case_id:  # after the warnings: they are the window's, not hand edits of the case
        state.set_current_case(saved.case_id)
    if saved.layer in state.LAYERS:
        state.set_layer(saved.layer)
    evaluation = state.evaluation
    if evaluation is None:
        return failed
    if 0 <= saved.selected_episode < len(evaluation.episodes):
        state.set_episode(saved.selected_episode)
    if saved.hour_time is not None:
        matches = (evaluation.times == pd.Timestamp(saved.hour_time)).nonzero()[0]
        if len(matches):
            state.set_hour(int(matches[0]))
    return failed
