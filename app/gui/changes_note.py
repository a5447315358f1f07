"""What changed since the last forecast (issue 28, the desk): when a forecast is opened with a case open, it is
recorded in the case (the case keeps every forecast), and a dismissible line over the map says, per region, which
regional episodes were added, removed, moved or changed in level against the case's previous forecast
(:func:`app.domain.changes.changes_between`; words from :mod:`app.desk.forecast_changes`). Never modal: × closes it.

The comparison (find the previous forecast's file — hashing it, or writing the kept copy —, load and evaluate it)
runs off the GUI thread: :func:`app.desk.forecast_changes.compare_with_previous` in a
:class:`~app.gui.worker.Worker`, the line saying "正在比较…" meanwhile. A newer forecast opened meanwhile cancels
it, and its result, if it still comes, is dropped (a comparison is only ever shown for the pair it was started
for); × cancels it too. Bad input and internal errors read as a message in the line (internal ones go to
error.log), never a traceback.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from app.errors import InputError
from app.gui.i18n import error_text, ui_language


class ChangesNote(QFrame):
    def __init__(self, state, controller, cases_dock, parent: QWidget | None = None):
        """``cases_dock``: a callable giving the 案例 dock (or None): its library and open case."""
        super().__init__(parent)
        self.state, self.controller, self._cases = state, controller, cases_dock
        self.setObjectName("ChangesNote")
        self.setStyleSheet("#ChangesNote { background: #f1f7ec; border-bottom: 1px solid #8fb57a; }")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 4, 2)
        self.label = QLabel()
        self.label.setMinimumWidth(50)
        layout.addWidget(self.label, 1)
        close = QToolButton()
        close.setText("×")
        close.setAutoRaise(True)
        close.setToolTip(self.tr("关闭（打开下一份预报时再比较）"))
        close.clicked.connect(self.dismiss)
        layout.addWidget(close)
        self.text = ""
        self.changes: list = []
        self._worker = None  # the comparison under way; any other worker's result is stale
        self._stale: set = set()  # cancelled comparisons still running: kept alive until they end
        self._previous: dict = {}
        controller.loaded.connect(self.forecast_loaded)
        self.hide()

    @property
    def comparing(self) -> bool:
        return self._worker is not None

    def dismiss(self) -> None:
        self._stop()
        self.hide()

    def _stop(self) -> None:
        """Cancel and forget the comparison under way (its pair is no longer the one shown)."""
        if self._worker is not None:
            self._worker.cancel()
            self._stale.add(self._worker)
            self._worker = None

    def forecast_loaded(self, *_) -> None:
        self._stop()
        dock = self._cases()
        state = self.state
        if dock is None or dock.current is None or state.original_forecast is None or state.evaluation is None:
            self.hide()
            return
        from app.cases.library import iso
        from app.desk.forecast_changes import previous_forecast
        from app.paths import user_state_dir

        case, meta = dock.current, state.original_forecast.meta
        data = dock._guard(lambda: dock.library.case(case))
        if data is None:
            self.hide()
            return
        previous = previous_forecast(data["forecasts"], meta.sha256, iso(meta.issued_at))
        dock.add_current_forecast()  # the case keeps every forecast opened while it is open
        if previous is None:
            self.hide()
            return
        row = dock._guard(lambda: dock.library.forecast_row(case, previous["sha256"]))  # its file is found off-thread
        self._start(row, previous, user_state_dir() / "case-files", str(dock.library.path))

    def _start(self, row: dict | None, previous: dict, folder, library_file: str) -> None:
        from app.desk import forecast_changes
        from app.gui.worker import Worker

        state = self.state
        current, scheme, neighbours, mode = state.evaluation, state.scheme, state.neighbours, state.mode
        edition = self.controller.edition
        worker = Worker(lambda progress: forecast_changes.compare_with_previous(
            row, folder, current, scheme, neighbours, mode=mode, edition=edition, library_file=library_file,
            progress=progress))
        worker.signals.progressed.connect(lambda fraction, _m, w=worker: self._progressed(w, fraction))
        worker.signals.succeeded.connect(lambda changes, w=worker: self._ended(w) and self._done(changes))
        worker.signals.failed.connect(lambda exc, w=worker: self._ended(w) and self._failed(exc))
        worker.signals.cancelled.connect(lambda w=worker: self._ended(w))
        self._worker, self._previous, self.changes = worker, previous, []
        self._say(self._head(previous) + self.tr("正在比较…"))
        worker.start()

    def _current(self, worker) -> bool:
        """The signal is from the comparison under way (not a stale one) and the note is still there."""
        import shiboken6

        return shiboken6.isValid(self) and worker is self._worker

    def _ended(self, worker) -> bool:
        """A comparison ended: forget it; True when it is the one under way (its result is for the pair shown)."""
        current = self._current(worker)
        self._stale.discard(worker)
        if current:
            self._worker = None
        return current

    def _progressed(self, worker, fraction: float) -> None:
        if self._current(worker):
            self._say(self._head(self._previous) + self.tr("正在比较… %1%").replace("%1", str(int(fraction * 100))))

    def _done(self, changes: list) -> None:
        self._show(changes, self._previous)

    def _failed(self, exc: Exception) -> None:
        if isinstance(exc, InputError):
            self._say(self.tr("无法与上一份预报比较：%1").replace("%1", error_text(exc)))
            return
        from app.gui.errorlog import log_exception

        log = log_exception(exc, "comparing with the previous forecast")
        self._say(self.tr("无法与上一份预报比较：内部错误（%1），详细信息已写入 %2")
                  .replace("%1", f"{type(exc).__name__}: {exc}").replace("%2", log))

    def _head(self, previous: dict) -> str:
        when = previous.get("issued_at") or ""
        return self.tr("与上一份预报（%1）相比：").replace("%1", f"{previous.get('name', '')} {when[5:16].replace('T', ' ')}"
                                                       .strip())

    def _show(self, changes: list, previous: dict) -> None:
        from app.desk.forecast_changes import changes_text

        self.changes = changes
        lang = ui_language()
        names = {} if lang == "zh" or self.state.scheme is None else \
            {r.name: r.name_en or r.name for r in self.state.scheme.regions}
        body = changes_text(changes, lang, names) if changes else self.tr("区域预警过程无变化")
        self._say(self._head(previous) + body)

    def _say(self, text: str) -> None:
        self.text = text
        self.setToolTip(text.replace("；", "；\n").replace("; ", ";\n"))
        self.show()
        self._fit()

    def _fit(self) -> None:
        fm = self.label.fontMetrics()
        self.label.setText(fm.elidedText(self.text, Qt.TextElideMode.ElideRight, max(self.label.width(), 50) - 4))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._fit()
