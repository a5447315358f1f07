"""Observations in the window (issue 28, the desk; spec §7): loaded from the File menu's entry, dropped as a station
folder, or given as ``gui --observed``; spliced before the forecast (the time axis reaches back), shown as 实况 in
the map header and time bar, drawn solid before a "now" line and dashed after it, station counts in the unit panel,
their findings in the data-quality dock."""

from __future__ import annotations

import pandas as pd
import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from app.paths import SAMPLES_DIR

STATIONS = SAMPLES_DIR / "stations-regional-orange"
OBSERVED_CITY = SAMPLES_DIR / "observed-regional-orange.csv"


def _drop(window, path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)


def test_station_folder_dropped_is_spliced_before_the_forecast(desk, qtbot):
    state, window = desk.state, desk.window
    first_forecast_hour = state.evaluation.times[0]
    _drop(window, STATIONS)
    evaluation = state.evaluation
    assert state.observed is not None and state.observed.station_counts is not None
    assert evaluation.observed_hours > 0
    assert evaluation.times[evaluation.observed_hours] == first_forecast_hour
    assert pd.Timestamp(evaluation.forecast_start) == first_forecast_hour
    # every view reads state.forecast at state.hour: it is the spliced series, on the evaluation's axis
    assert len(state.forecast.times) == len(evaluation.times)
    # the window stays at the forecast's first hour; the slider reaches back into the observed hours
    assert state.hour == evaluation.observed_hours
    assert window.timebar.slider.maximum() == len(evaluation.times) - 1
    assert "实况" not in window.timebar.time_label.text()
    state.set_hour(3)
    assert window.timebar.time_label.text().endswith("实况")
    assert window.statusBar().currentMessage().startswith("已加载实况")


def test_unit_panel_counts_stations_at_observed_hours(desk):
    state, window = desk.state, desk.window
    desk.controller.load_observed([str(STATIONS)])
    window.show_dock("UnitPanelDock")
    panel = window.docks["UnitPanelDock"]
    state.set_selection(["成都市"])
    state.set_hour(state.evaluation.observed_hours - 12)
    observed = state.observed
    t = state.evaluation.times[state.hour]
    expected = int(observed.station_counts[observed.forecast.units.index("成都市"), observed.forecast.times.get_loc(t)])
    assert expected > 0
    assert f"本时次 {expected} 个站点有效值" in panel.label.text()
    state.set_hour(state.evaluation.observed_hours)  # a forecast hour: no station count
    assert "站点有效值" not in panel.label.text()


def test_timeline_draws_observed_solid_forecast_dashed_and_a_now_line(desk, qtbot):
    state, window = desk.state, desk.window
    desk.controller.load_observed([str(STATIONS)])
    state.set_selection(["成都市"])
    dock = window.docks["TimelineDock"]
    dock.show()
    plot = dock.plot
    dock.refresh()
    n_obs = state.evaluation.observed_hours
    solid = [c for c in plot.curves if c.style == Qt.PenStyle.SolidLine]
    dashed = [c for c in plot.curves if c.style == Qt.PenStyle.DashLine]
    assert solid and dashed
    assert all(c.x.max() == n_obs for c in solid)  # the observed part runs up to the forecast's first hour
    assert all(c.x.min() == n_obs for c in dashed)
    assert plot.marker is not None and plot.marker.at == n_obs - 0.5
    qtbot.wait(20)
    at = QPointF(plot.x_to_pixel(plot.marker.at), plot.aqi_rect().center().y())
    assert "预报首时次" in plot.tooltip_at(at)
    assert "实线：实况" in dock.title.text()


def test_observed_findings_join_the_quality_dock_and_clear_removes_them(desk):
    state, window = desk.state, desk.window
    before = len(state.quality.findings)
    assert "§" not in window.observed_files.load_action.toolTip()  # the officer's words, not the spec's sections
    window.observed_files.load([str(STATIONS)])
    assert len(state.quality.findings) > before
    assert any("对照点" in f.message for f in state.quality.findings)
    window.observed_files.clear_action.trigger()
    assert state.observed is None and state.evaluation.observed_hours == 0
    assert len(state.quality.findings) == before


def test_bad_observed_file_keeps_the_window_as_it_was(desk, tmp_path, monkeypatch):
    from app.gui.dialogs import load_errors

    bad = tmp_path / "obs.csv"
    bad.write_text("time,city,pm25\nnot a time,成都市,12\n", encoding="utf-8")
    shown = []
    monkeypatch.setattr(load_errors.LoadErrorsDialog, "exec", lambda self: shown.append(self.windowTitle()) or 0)
    evaluation = desk.state.evaluation
    assert desk.window.observed_files.load([str(bad)]) is False
    assert shown == ["无法加载实况"]
    assert desk.state.evaluation is evaluation and desk.state.observed is None


def test_file_menu_has_the_observed_entries(desk):
    texts = [a.text() for a in desk.window.file_menu.actions()]
    assert "加载实况…" in texts and "加载实况文件夹…" in texts and "清除实况" in texts


def test_gui_screenshot_with_observed(tmp_path):
    from app.cli import main

    out = tmp_path / "shot.png"
    code = main(["gui", str(SAMPLES_DIR / "sample-regional-orange.csv"), "--observed", str(STATIONS),
                 "--screenshot", str(out), "--size", "1366x768", "--time", "2026-01-08T12:00"])
    assert code == 0 and out.stat().st_size > 10000


def test_gui_observed_bad_file_exits_2(tmp_path, capsys):
    from app.cli import main

    code = main(["gui", str(SAMPLES_DIR / "sample-regional-orange.csv"), "--observed", str(tmp_path / "nope.csv"),
                 "--screenshot", str(tmp_path / "x.png")])
    assert code == 2
    assert not (tmp_path / "x.png").exists()


def test_timeline_axis_labels_every_few_days_when_weeks_are_observed(desk):
    from PySide6.QtGui import QFontMetrics

    from app.gui.docks.timeline_plot import day_text, day_ticks

    season = SAMPLES_DIR / "season-winter"
    desk.controller.load_observed([str(season / "observed-hourly.csv")])
    desk.controller.load_forecast_now(season / "forecast-2025-12-14.csv")
    dock = desk.window.docks["TimelineDock"]
    dock.show()
    evaluation = desk.state.evaluation
    n = len(evaluation.times)
    assert n > 24 * 20  # two weeks observed + a week forecast
    label = QFontMetrics(dock.plot.font()).horizontalAdvance("00-00 D+00") + 12
    major = day_ticks(evaluation, -0.5, n - 0.5, 1000, label)[0]
    assert len(major) * label <= 1000 + label  # labels never run into each other
    strings = [day_text(evaluation, step) for step in major]
    assert strings[0].count("D") == 0  # an observed day: its date only
    assert any(s.endswith("D+2") for s in strings)


def test_whatif_edits_the_forecast_not_the_observed_hours(desk, qtbot):
    """With the slider in the observed hours the what-if dialog still edits the forecast: its span starts at f
    (it cannot be set earlier), and an edit reaching into the observed hours is refused where it is checked."""
    import pandas as pd

    from app.domain.scheme import BEIJING
    from app.domain.whatif import Edit, validate
    from app.errors import InputError
    from app.gui.dialogs.whatif_dialog import WhatIfDialog

    state = desk.state
    desk.controller.load_observed([str(STATIONS)])
    state.set_selection(["成都市"])
    state.set_hour(5)  # an observed hour
    f = pd.Timestamp(state.evaluation.forecast_start).tz_convert(BEIJING)
    assert state.evaluation.times[5] < f
    dialog = WhatIfDialog(state)
    qtbot.addWidget(dialog)
    assert dialog.start.minimumDateTime().toString("yyyy-MM-dd HH:mm") == f.strftime("%Y-%m-%d %H:%M")
    assert all(edit.start >= f.to_pydatetime() for edit in dialog.edits())
    observed_day = Edit("成都市", (f - pd.Timedelta(days=1)).to_pydatetime(), (f - pd.Timedelta(hours=1)).to_pydatetime(),
                        "scale", 2.0, "pm25", "")
    with pytest.raises(InputError):
        validate(state.original_forecast, observed_day)


def test_observations_come_back_with_the_working_state(qtbot, tmp_path):
    """The autosave keeps the observed files (only when there are some: older desks read it as before) and a
    restore splices them again before the forecast."""
    from app.domain import session
    from app.gui.autosave import offer_restore, working_state
    from app.gui.controller import Controller
    from app.gui.state import AppState

    first = Controller(AppState())
    first.load_forecast_now(SAMPLES_DIR / "sample-regional-orange.csv")
    assert "observed" not in working_state(first.state).to_json()
    first.load_observed([str(STATIONS)])
    saved = working_state(first.state)
    assert saved.observed == [str(STATIONS)]
    assert session.WorkingState.from_json(saved.to_json()).observed == [str(STATIONS)]
    session.save(saved)
    session.mark_clean_exit()
    second = Controller(AppState())
    assert offer_restore(None, second, ask=lambda parent, text: True)
    assert second.state.observed is not None
    assert second.state.evaluation.observed_hours == first.state.evaluation.observed_hours > 0


def test_an_episode_seen_in_the_observations_has_no_unknown_lead_time(desk, qtbot):
    """The yellows of 01-07 began in the observed hours: the episodes table says 实况 where it said 未知 (no issue
    time is missing: an episode already running has no lead time, spec §7), and the explanation says since when."""
    from app.gui.docks.texts import explain_episode

    state, window = desk.state, desk.window
    _drop(window, STATIONS)
    dock = window.docks["EpisodesDock"]
    observed = [i for i, e in enumerate(state.evaluation.episodes) if e.observed_hours]
    forecast = [i for i, e in enumerate(state.evaluation.episodes) if not e.observed_hours]
    assert observed and forecast
    lead_column = 5
    assert all(dock.table.item(i, lead_column).text() == "实况" for i in observed)
    assert all(dock.table.item(i, lead_column).text() != "实况" for i in forecast)
    text = explain_episode(state.evaluation.episodes[observed[0]], state.scheme)
    assert "见于实况" in text and "未知" not in text
