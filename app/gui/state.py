"""The GUI's shared state: one object every view listens to (map, time bar, docks, dialogs).

It holds no logic of its own: loading goes through ``app.importing``, evaluation through ``app.domain.engine``,
edits through the Qt-free command stack of ``app.domain.whatif``. Views never talk to each other directly;
they set state here and react to its signals.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


def _beijing_now():
    from datetime import datetime

    from app.domain.scheme import BEIJING

    return datetime.now(BEIJING)


class AppState(QObject):
    forecastChanged = Signal()  # a new forecast (or the edited one) is in place
    evaluationChanged = Signal()  # a new Evaluation is in ``evaluation``
    hourChanged = Signal(int)  # index into evaluation.times
    layerChanged = Signal(str)  # "aqi" | "daily" | "warning" | "pm25"
    selectionChanged = Signal(list)  # selected unit names
    episodeSelected = Signal(int)  # index into evaluation.episodes, -1 for none
    hoveredUnitChanged = Signal(str)  # unit name under the cursor, "" for none
    editsChanged = Signal()  # ``edits`` (the what-if edit list) changed
    inForceChanged = Signal()  # ``in_force`` (warnings in force) changed
    modeChanged = Signal(str)  # "calendar" | "rolling"
    adjacencyOverlayChanged = Signal(bool)  # the adjacency-graph overlay was switched on/off
    consultationChanged = Signal()  # ``consultation`` (the recorded 会商 decision shown as the forecast) changed
    observationsChanged = Signal()  # ``observations`` (observed daily values, for the review) changed
    observedChanged = Signal()  # ``observed`` (the observations spliced before the forecast, spec §7) changed
    windOverlayChanged = Signal(bool)  # the wind-arrow overlay was switched on/off
    leadPointsChanged = Signal()  # the open case's problem leads with coordinates (``lead_points``) changed
    caseChanged = Signal(str)  # ``current_case`` (the case library's case open in the 案例 dock) changed

    LAYERS = ("aqi", "daily", "warning", "pm25")
    MODES = ("calendar", "rolling")

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.scheme = None  # app.domain.scheme.Scheme
        self.neighbours: dict[str, set[str]] = {}
        self.boundaries = None  # maps.boundaries.Boundaries
        self.forecast = None  # the forecast as evaluated (original + what-if edits)
        self.original_forecast = None  # the forecast as loaded from its file
        self.evaluation = None  # app.domain.results.Evaluation
        self.hour = 0
        self.layer = "aqi"
        self.selected_units: list[str] = []
        self.selected_episode = -1
        self.hovered_unit = ""
        # Set by app.gui.controller.Controller only (views read them and listen to the signals above).
        self.forecast_path = ""  # file the original forecast came from
        self.edits: list = []  # app.domain.whatif.Edit, in the order applied
        self.in_force: list = []  # warnings in force, as handed to the engine
        self.mode = "calendar"
        self.show_adjacency = False
        self.stale_hours = 36.0  # a forecast older than this is flagged (settable; app.domain.staleness)
        self.clock = _beijing_now  # the wall clock (tests replace it)
        self.show_wind = False
        self.observations = None  # app.domain.observations.Observations (the 案例 dock's review), or None
        # What was observed before the forecast's first hour (app.importing.observed_series.ObservedSeries), spliced
        # by the engine (spec §7): the evaluation's time axis then starts at the first observed hour
        self.observed = None
        # The 会商 decision whose consensus is the forecast shown (app.consultation.ConsultationRecord), else None
        self.consultation = None
        self.current_case = ""  # id of the case open in the 案例 dock ("" for none): letters and 会商 go there
        self.lead_points: list = []  # (number, x, y, "open" | "overdue" | "closed") in map metres: the map's dots

    @property
    def consultation_label(self) -> str:
        """The consensus method of the 会商 decision shown, in the interface language ("" without one)."""
        if self.consultation is None:
            return ""
        from PySide6.QtCore import QCoreApplication

        english = QCoreApplication.translate("Docks", "黄色") != "黄色"
        consensus = self.consultation.consensus
        return str(consensus.get("label_en" if english else "label", "") or consensus.get("label", ""))

    # -- setters that emit only on change -------------------------------------------------------------
    def set_current_case(self, case_id: str | None) -> None:
        case_id = case_id or ""
        if case_id != self.current_case:
            self.current_case = case_id
            self.caseChanged.emit(case_id)

    def set_observations(self, observations) -> None:
        self.observations = observations
        self.observationsChanged.emit()

    def set_hour(self, hour: int) -> None:
        if self.evaluation is None:
            return
        hour = max(0, min(int(hour), len(self.evaluation.times) - 1))
        if hour != self.hour:
            self.hour = hour
            self.hourChanged.emit(hour)

    def set_layer(self, layer: str) -> None:
        if layer not in self.LAYERS:
            raise ValueError(layer)
        if layer != self.layer:
            self.layer = layer
            self.layerChanged.emit(layer)

    def set_selection(self, units: list[str]) -> None:
        if list(units) != self.selected_units:
            self.selected_units = list(units)
            self.selectionChanged.emit(self.selected_units)

    def set_episode(self, index: int) -> None:
        if index != self.selected_episode:
            self.selected_episode = index
            self.episodeSelected.emit(index)

    def set_hovered(self, unit: str) -> None:
        if unit != self.hovered_unit:
            self.hovered_unit = unit
            self.hoveredUnitChanged.emit(unit)

    def set_adjacency_overlay(self, shown: bool) -> None:
        if bool(shown) != self.show_adjacency:
            self.show_adjacency = bool(shown)
            self.adjacencyOverlayChanged.emit(self.show_adjacency)

    def set_lead_points(self, points: list) -> None:
        if list(points) != self.lead_points:
            self.lead_points = list(points)
            self.leadPointsChanged.emit()

    def set_wind_overlay(self, shown: bool) -> None:
        if bool(shown) != self.show_wind:
            self.show_wind = bool(shown)
            self.windOverlayChanged.emit(self.show_wind)

    @property
    def edited_units(self) -> set[str]:
        """Units whose forecast a what-if edit changed (views mark them)."""
        return {getattr(edit, "unit", None) for edit in self.edits} - {None}

    def set_evaluation(self, evaluation) -> None:
        """Install a new evaluation; keep the hour when the time axis is unchanged."""
        old_times = None if self.evaluation is None else self.evaluation.times
        self.evaluation = evaluation
        if old_times is None or len(old_times) != len(evaluation.times) or not (old_times == evaluation.times).all():
            self.hour = min(int(getattr(evaluation, "observed_hours", 0) or 0), len(evaluation.times) - 1)  # at f
        if self.selected_episode >= len(evaluation.episodes):
            self.selected_episode = -1
        self.evaluationChanged.emit()
        self.hourChanged.emit(self.hour)
