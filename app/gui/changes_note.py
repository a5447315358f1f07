"""What changed since the last forecast (issue 28, the desk): when a forecast is opened with a case open, it is
recorded in the case (the case keeps every forecast), and a dismissible line over the map says, per region, which
regional episodes were added, removed, moved or changed in level against the case's previous forecast
(:func:`app.domain.changes.changes_between`; words from :mod:`app.desk.forecast_changes`). Never modal: × closes it.
"""

from __future__ import annotations

from pathlib import Path

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
        close.clicked.connect(self.hide)
        layout.addWidget(close)
        self.text = ""
        self.changes: list = []
        controller.loaded.connect(self.forecast_loaded)
        self.hide()

    def forecast_loaded(self, *_) -> None:
        dock = self._cases()
        state = self.state
        if dock is None or dock.current is None or state.original_forecast is None:
            self.hide()
            return
        from app.cases.library import iso
        from app.desk.forecast_changes import previous_forecast

        case, meta = dock.current, state.original_forecast.meta
        data = dock._guard(lambda: dock.library.case(case))
        if data is None:
            return
        previous = previous_forecast(data["forecasts"], meta.sha256, iso(meta.issued_at))
        dock.add_current_forecast()  # the case keeps every forecast opened while it is open
        if previous is None:
            self.hide()
            return
        try:
            self._show(self._compare(dock, case, previous), previous)
        except InputError as exc:
            self._say(self.tr("无法与上一份预报比较：%1").replace("%1", error_text(exc)))

    def _compare(self, dock, case: str, previous: dict) -> list:
        from app.domain.changes import changes_between
        from app.domain.engine import evaluate
        from app.importing import load_forecast
        from app.paths import user_state_dir

        path = self._file_of(dock, case, previous["sha256"], user_state_dir() / "case-files")
        if path is None:
            raise InputError(self._missing(previous))
        state = self.state
        forecast = load_forecast(path, ceilings=getattr(state.scheme, "plausible_max", None))
        before = evaluate(forecast, state.scheme, state.neighbours, mode="calendar" if forecast.is_daily else state.mode,
                          edition=self.controller.edition, issued_at=forecast.meta.issued_at)
        return changes_between(before, state.evaluation)

    @staticmethod
    def _file_of(dock, case: str, sha: str, folder: Path) -> Path | None:
        from app.domain.session import file_sha256

        for _, path in dock.library.forecast_files(case, folder) or []:
            try:
                if file_sha256(path) == sha:
                    return Path(path)
            except OSError:
                continue
        return None

    @staticmethod
    def _missing(previous: dict):
        from app.errors import Problem

        return Problem("the previous forecast's file is no longer there and no copy was kept",
                       file=previous.get("path") or None)

    def _show(self, changes: list, previous: dict) -> None:
        from app.desk.forecast_changes import changes_text

        self.changes = changes
        lang = ui_language()
        names = {} if lang == "zh" or self.state.scheme is None else \
            {r.name: r.name_en or r.name for r in self.state.scheme.regions}
        when = previous.get("issued_at") or ""
        head = self.tr("与上一份预报（%1）相比：").replace("%1", f"{previous.get('name', '')} {when[5:16].replace('T', ' ')}"
                                                     .strip())
        body = changes_text(changes, lang, names) if changes else self.tr("区域预警过程无变化")
        self._say(head + body)

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
