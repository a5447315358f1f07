"""Stepping through the forecast: keys, slider, play/pause, the Beijing-time label with the forecast day."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.gui.timefmt import day_label, forecast_day


def test_arrow_keys_step_hours_and_days(desk, qtbot):
    state, canvas = desk.state, desk.window.canvas
    canvas.setFocus()
    qtbot.keyClick(canvas, Qt.Key.Key_Right)
    assert state.hour == 1
    qtbot.keyClick(canvas, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert state.hour == 25
    qtbot.keyClick(canvas, Qt.Key.Key_Left)
    assert state.hour == 24
    qtbot.keyClick(canvas, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    assert state.hour == 0
    qtbot.keyClick(canvas, Qt.Key.Key_Left)  # stays at the first hour
    assert state.hour == 0
    qtbot.keyClick(canvas, Qt.Key.Key_End)
    assert state.hour == len(state.evaluation.times) - 1
    qtbot.keyClick(canvas, Qt.Key.Key_Home)
    assert state.hour == 0


def test_slider_moves_the_map_hour_and_the_label(desk):
    state, timebar = desk.state, desk.window.timebar
    assert timebar.slider.maximum() == len(state.evaluation.times) - 1
    timebar.slider.setValue(30)
    assert state.hour == 30
    stamp = state.evaluation.times[30].tz_convert("Asia/Shanghai")
    assert f"{stamp:%Y-%m-%d %H:%M}" in timebar.time_label.text()
    assert f"D+{forecast_day(state.evaluation, 30)}" in timebar.time_label.text()
    state.set_hour(5)  # and the other way round
    assert timebar.slider.value() == 5


def test_play_advances_and_space_pauses(desk, qtbot):
    state, timebar, canvas = desk.state, desk.window.timebar, desk.window.canvas
    timebar.set_speed(24)
    canvas.setFocus()
    qtbot.keyClick(canvas, Qt.Key.Key_Space)
    assert timebar.playing
    qtbot.waitUntil(lambda: state.hour >= 3, timeout=3000)
    qtbot.keyClick(canvas, Qt.Key.Key_Space)
    assert not timebar.playing
    paused_at = state.hour
    qtbot.wait(150)
    assert state.hour == paused_at


def test_play_stops_at_the_last_hour(desk, qtbot):
    state, timebar = desk.state, desk.window.timebar
    timebar.set_speed(24)
    state.set_hour(len(state.evaluation.times) - 3)
    timebar.set_playing(True)
    qtbot.waitUntil(lambda: not timebar.playing, timeout=3000)
    assert state.hour == len(state.evaluation.times) - 1


def test_forecast_day_counts_from_the_issue_date(desk):
    """The sample is issued 2026-01-09 10:00 and starts 01-10 00:00: D+0 is the issue date, so its first hour is
    D+1, 23:00 of that day still D+1, the next midnight D+2 and its last hour (01-16 23:00) D+7."""
    evaluation = desk.state.evaluation
    assert evaluation.issued_at.strftime("%Y-%m-%d %H:%M") == "2026-01-09 10:00"
    assert evaluation.times[0].strftime("%m-%d %H:%M") == "01-10 00:00"
    assert [forecast_day(evaluation, h) for h in (0, 23, 24, 47, 48)] == [1, 1, 2, 2, 3]
    assert forecast_day(evaluation, len(evaluation.times) - 1) == 7
    assert day_label(evaluation, 0) == "D+1"
