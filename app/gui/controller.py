"""The GUI's glue to the pure layers: load a forecast, evaluate it, apply what-if edits, warnings in force.

Qt-thin on purpose: the work is done by ``app.importing.load_forecast``, ``app.domain.whatif.apply_edits`` and
``app.domain.engine.evaluate``; this class runs them (loads in a worker thread) and puts the results into the
shared :class:`~app.gui.state.AppState`, whose signals every view listens to.

API (for the main window, the docks and the dialogs)::

    controller = Controller(state)
    controller.state                    the AppState (forecast, evaluation, edits, in_force, mode, …)
    controller.undo_stack               app.gui.undo.WhatIfUndoStack: Qt actions bound to the Qt-free
                                        app.domain.whatif.EditStack; undo/redo re-evaluate;
                                        ``undo_stack.remove_edit(i)`` removes one edit (undoable)
    controller.open_forecast(path, **options)
                                        load + evaluate in a worker thread (progress, cancel); on success the
                                        state is replaced and ``loaded(path)`` is emitted; on bad input
                                        ``loadFailed(path, InputError)`` and the previous state stays as it was.
                                        ``options`` go to app.importing.load_forecast (sheet=, variable=, …)
    controller.cancel_load()            ask a running load to stop (``loadCancelled(path)``)
    controller.loading, .loading_path   whether a load runs, and its file
    controller.load_forecast_now(path)  the same, synchronously; raises InputError (CLI screenshot, tests)
    controller.set_forecast(forecast)   install an already loaded forecast (clears edits and undo history)
    controller.apply_edit(edit)         push an undoable what-if edit (app.domain.whatif.Edit); re-evaluates
    controller.set_edits(edits)         replace the whole edit list as a fresh history (session restore)
    controller.set_in_force(warnings)   warnings in force for the engine's keep/upgrade/… advice; re-evaluates
    controller.set_mode("rolling")      daily-AQI mode (calendar | rolling); re-evaluates
    controller.set_observed(series)     observations (app.importing.observed_series.ObservedSeries, or None) spliced
                                        before the forecast (spec §7); re-evaluates. ``state.forecast`` is then
                                        the spliced series, on the evaluation's time axis
    controller.load_observed(paths)     read observed files/folders (app.importing.observed) and set them; raises
                                        InputError (nothing changes then)
    controller.reevaluate()             engine on (original forecast + edits); sets state.forecast/.evaluation
    controller.last_eval_seconds        how long the last evaluation took (benchmarks, status bar)

Signals: ``loadStarted(path)``, ``loadProgress(fraction, message)``, ``loaded(path)``,
``loadFailed(path, exc)``, ``loadCancelled(path)``, ``notice(text)`` (something the user should know, e.g. a
re-evaluation refused with the reason); state signals (``editsChanged``, ``inForceChanged``,
``modeChanged``, ``evaluationChanged`` …) follow every change.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QLocale, QObject, Signal

from app.gui.i18n import error_text
from app.gui.state import AppState
from app.gui.undo import WhatIfUndoStack


class Controller(QObject):
    loadStarted = Signal(str)
    loadProgress = Signal(float, str)
    loaded = Signal(str)
    loadFailed = Signal(str, object)
    loadCancelled = Signal(str)
    notice = Signal(str)

    def __init__(self, state: AppState, parent: QObject | None = None):
        super().__init__(parent)
        self.state = state
        # The Qt-free EditStack (app.domain.whatif) is the truth about the edits; the Qt stack binds actions
        lang = "zh" if QLocale().language() == QLocale.Language.Chinese else "en"
        self.undo_stack = WhatIfUndoStack(self, lang=lang)
        self.undo_stack.editsChanged.connect(self._edits_changed)
        self.edition = "auto"  # "auto": the AQI edition is chosen by the date of each value (or "2012"|"2026")
        self.last_eval_seconds = 0.0
        self._worker = None
        self._loading_path = ""
        self.ensure_context()

    # -- context: scheme, adjacency, boundaries (loaded once) ---------------------------------------------
    def ensure_context(self) -> None:
        state = self.state
        if state.scheme is None:
            from app.domain.scheme import load_scheme

            state.scheme = load_scheme()
            state.mode = state.scheme.daily_mode
        if not state.neighbours:
            from maps.derived import scheme_neighbours

            state.neighbours = scheme_neighbours(state.scheme)

    # -- loading ------------------------------------------------------------------------------------------
    @property
    def loading(self) -> bool:
        return self._worker is not None

    def open_forecast(self, path: str | Path, **options) -> None:
        from app.gui.worker import Worker

        if self._worker is not None:
            self._worker.cancel()
        path = str(path)
        self._loading_path = path
        worker = Worker(lambda progress: self._load_and_evaluate(path, progress, options))
        worker.signals.progressed.connect(self.loadProgress)
        worker.signals.succeeded.connect(lambda result, w=worker: self._load_done(w, path, result))
        worker.signals.failed.connect(lambda exc, w=worker: self._load_error(w, path, exc))
        worker.signals.cancelled.connect(lambda w=worker: self._load_cancelled(w, path))
        self._worker = worker
        self.loadStarted.emit(path)
        worker.start()

    @property
    def loading_path(self) -> str:
        """The file being loaded ("" when none)."""
        return self._loading_path if self._worker is not None else ""

    def cancel_load(self) -> None:
        if self._worker is not None:
            self._worker.cancel()

    def load_forecast_now(self, path: str | Path, **options) -> None:
        from app.domain.progress import Progress

        path = str(path)
        self._install(path, *self._load_and_evaluate(path, Progress(), options))
        self.loaded.emit(path)

    def set_forecast(self, forecast) -> None:
        mode = self._mode_for(forecast)
        evaluation = self._evaluate(forecast, [], self.state.in_force, mode)
        self._install(forecast.meta.source_path, forecast, evaluation)

    def _mode_for(self, forecast) -> str:
        """A daily table has one value per day: it can only be read by calendar day."""
        return "calendar" if forecast.is_daily else self.state.mode

    def _load_and_evaluate(self, path: str, progress, options: dict | None = None):
        """Runs in the worker thread: nothing here touches Qt or the state."""
        from app.importing import load_forecast

        options = {"ceilings": getattr(self.state.scheme, "plausible_max", None), **(options or {})}  # its scheme's
        forecast = load_forecast(path, progress=progress.sub(0.0, 0.85), **options)
        progress.report(0.9, "evaluate")
        evaluation = self._evaluate(forecast, [], list(self.state.in_force), self._mode_for(forecast))
        progress.report(1.0, "")
        return forecast, evaluation

    def _install(self, path: str, forecast, evaluation) -> None:
        state = self.state
        self.undo_stack.reset()  # a new forecast: fresh history, no undo across it
        if evaluation.mode != state.mode:
            state.mode = evaluation.mode
            state.modeChanged.emit(state.mode)
            self.notice.emit(self.tr("日 AQI 预报表每天只有一个值，已按自然日评估。"))
        if state.consultation is not None:  # another forecast replaces the consensus shown (the dialog re-marks it)
            state.consultation = None
            state.consultationChanged.emit()
        state.forecast_path = path
        state.original_forecast = forecast
        state.forecast = self._spliced(forecast)
        state.edits = []
        state.selected_episode = -1
        state.evaluation = None  # a new forecast starts at its first hour
        state.forecastChanged.emit()
        state.editsChanged.emit()
        state.set_evaluation(evaluation)

    def _finish(self, worker) -> bool:
        """Forget a finished worker; False when it was superseded by a newer load."""
        if worker is not self._worker:
            return False
        self._worker = None
        return True

    def _load_done(self, worker, path: str, result) -> None:
        if self._finish(worker):
            self._install(path, *result)
            self.loaded.emit(path)

    def _load_error(self, worker, path: str, exc: Exception) -> None:
        if self._finish(worker):
            self.loadFailed.emit(path, exc)

    def _load_cancelled(self, worker, path: str) -> None:
        if self._finish(worker):
            self.loadCancelled.emit(path)

    # -- what-if, in force, mode ----------------------------------------------------------------------------
    def apply_edit(self, edit, text: str = "") -> None:
        self.undo_stack.push_edit(edit, text)

    def set_edits(self, edits: list) -> None:
        """Replace the whole edit list as a fresh history (session restore); no undo step. An edit that cannot
        apply to the forecast shown (a unit not on the map, a time outside the forecast: a session from another
        desk) raises InputError before anything changes."""
        if edits and self.state.original_forecast is not None:
            from app.domain.whatif import validate

            for edit in edits:
                validate(self.state.original_forecast, edit)
        self.undo_stack.reset(list(edits), announce=True)

    def _edits_changed(self, edits: list) -> None:
        self.state.edits = list(edits)
        self.reevaluate()
        self.state.editsChanged.emit()

    def set_in_force(self, warnings: list) -> None:
        self.state.in_force = list(warnings)
        self.reevaluate()
        self.state.inForceChanged.emit()

    def load_observed(self, paths) -> None:
        from app.importing.observed import load_observed_series

        state = self.state
        self.set_observed(load_observed_series(list(paths), boundaries=state.boundaries, scheme=state.scheme))

    def set_observed(self, series) -> None:
        self.state.observed = series
        self.reevaluate()
        self.state.observedChanged.emit()

    def set_mode(self, mode: str) -> None:
        from app.errors import InputError

        if mode not in AppState.MODES:
            raise ValueError(mode)
        old = self.state.mode
        if mode == old:
            return
        self.state.mode = mode
        try:
            self.reevaluate()
        except InputError as exc:  # e.g. rolling 24 h asked of a daily table: keep what was shown
            self.state.mode = old
            self.state.modeChanged.emit(old)
            self.notice.emit(error_text(exc))
            return
        self.state.modeChanged.emit(mode)

    def reevaluate(self) -> None:
        state = self.state
        if state.original_forecast is None:
            return
        forecast = self._edited(state.original_forecast, state.edits)
        evaluation = self._evaluate(forecast, state.edits, state.in_force)
        state.forecast = self._spliced(forecast)
        state.set_evaluation(evaluation)

    # -- the pure calls -----------------------------------------------------------------------------------
    @staticmethod
    def _edited(forecast, edits: list):
        if not edits:
            return forecast
        from app.domain.whatif import apply_edits

        return apply_edits(forecast, edits)

    def _spliced(self, forecast):
        """The forecast on the evaluation's time axis: the observed hours before it (spec §7), as the engine
        splices them, so that every view reads ``state.forecast`` at ``state.hour``."""
        observed = self.state.observed
        if observed is None:
            return forecast
        from app.domain.splice import splice

        scheme = self.state.scheme
        return splice(forecast, observed.forecast, self.edition, scheme.edition_switch, scheme.min_valid_hours).forecast

    def _evaluate(self, forecast, edits: list, in_force: list, mode: str | None = None):
        from app.domain.engine import evaluate

        state = self.state
        observed = state.observed
        started = time.perf_counter()
        evaluation = evaluate(forecast, state.scheme, state.neighbours, mode=mode or state.mode, edition=self.edition,
                              issued_at=forecast.meta.issued_at, in_force=list(in_force),
                              observed=None if observed is None else observed.forecast)
        if observed is not None:  # what the observed files said joins the data-quality findings
            evaluation.findings = [*observed.findings, *evaluation.findings]
        self.last_eval_seconds = time.perf_counter() - started
        return evaluation
