"""Autosave: the working state is written after changes, offered back after a crash, edits only on the same data."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtWidgets import QMessageBox

from app.domain import session
from app.domain.recommend import WarningInForce
from app.domain.whatif import Edit
from app.gui.autosave import AutoSaver, offer_restore, restore_question, working_state
from tests.gui.forecasts import episode_forecast


@pytest.fixture
def forecast_file(tmp_path):
    path = tmp_path / "forecast.csv"
    frame = episode_forecast().to_long_frame()
    frame["time"] = frame["time"].dt.strftime("%Y-%m-%d %H:%M")
    frame.to_csv(path, index=False)
    return path


def fresh_controller():
    from app.gui.controller import Controller
    from app.gui.state import AppState

    return Controller(AppState())


def work_on(controller, path) -> None:
    controller.load_forecast_now(path)
    controller.set_in_force([WarningInForce("成都平原地区", "yellow", controller.state.evaluation.times[0])])
    controller.apply_edit(Edit("成都市", "2026-01-11T00:00", "2026-01-12T23:00", "scale", 0.5))
    controller.state.set_layer("warning")
    controller.state.set_episode(1)
    controller.state.set_hour(52)


def test_changes_are_saved_after_a_pause(qtbot, controller, forecast_file):
    saver = AutoSaver(controller.state, debounce_ms=20)
    saver.start()
    with qtbot.waitSignal(saver.saved, timeout=3000):
        work_on(controller, forecast_file)
    saved = session.load()
    assert saved.forecast_path == str(forecast_file.resolve())
    assert saved.forecast_sha256 == session.file_sha256(forecast_file)
    assert saved.edits == controller.state.edits and saved.in_force == controller.state.in_force
    assert saved.layer == "warning" and saved.selected_episode == 1
    assert saved.hour_time == controller.state.evaluation.times[52]
    assert session.crashed_last_time()
    saver.stop()
    assert not session.crashed_last_time()


def test_crash_then_restore_everything(qtbot, forecast_file):
    first = fresh_controller()
    saver = AutoSaver(first.state)
    saver.start()
    work_on(first, forecast_file)
    saver.save_now()  # ... and the process dies here: no stop(), the running mark stays
    expected = first.state.evaluation.daily_aqi.copy()
    questions = []
    second = fresh_controller()
    assert offer_restore(None, second, ask=lambda parent, text: questions.append(text) or True)
    assert "没有正常退出" in questions[0] and "情景修改 1 项" in questions[0]
    state = second.state
    assert state.edits == first.state.edits and state.in_force == first.state.in_force
    assert (state.layer, state.selected_episode, state.hour) == ("warning", 1, 52)
    np.testing.assert_array_equal(state.evaluation.daily_aqi, expected)
    assert state.evaluation.recommendations[0].region == "成都平原地区"


def test_changed_file_restores_warnings_not_edits(qtbot, forecast_file):
    first = fresh_controller()
    work_on(first, forecast_file)
    session.save(working_state(first.state))
    forecast_file.write_text(forecast_file.read_text(encoding="utf-8").replace(",50.0", ",51.0", 1), encoding="utf-8")
    questions = []
    second = fresh_controller()
    assert offer_restore(None, second, ask=lambda parent, text: questions.append(text) or True)
    assert "已被修改" in questions[0]
    assert second.state.edits == [] and len(second.state.in_force) == 1
    assert second.state.forecast_path == str(forecast_file.resolve())


def test_declined_offer_is_forgotten(qtbot, forecast_file, monkeypatch):
    first = fresh_controller()
    saver = AutoSaver(first.state)
    saver.start()
    work_on(first, forecast_file)
    saver.save_now()  # a crash: the question is asked
    second = fresh_controller()
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *args: asked.append(args) or QMessageBox.StandardButton.No)
    assert not offer_restore(None, second)
    assert asked and "是否恢复" in asked[0][2]
    assert second.state.forecast is None and session.load() is None
    assert not offer_restore(None, second, ask=lambda parent, text: pytest.fail("asked twice"))


def test_missing_file_is_said_in_the_question(forecast_file):
    state = session.WorkingState(forecast_path=str(forecast_file) + ".gone", forecast_sha256="0" * 64,
                                 edits=[Edit("成都市", "2026-01-11T00:00", "2026-01-11T23:00", "add", 5)])
    text = restore_question(session.plan_restore(state, crashed=False))
    assert "已不存在" in text and "上次的工作状态已保存" in text


def test_after_a_normal_quit_the_work_carries_on_without_a_question(qtbot, forecast_file):
    """Issue 25.9: a normal quit with edits was followed by the "restore last work" question at the next start.
    The officer quit normally: the edits and warnings carry on, and the status bar says so."""
    from PySide6.QtWidgets import QMainWindow

    first = fresh_controller()
    saver = AutoSaver(first.state)
    saver.start()
    work_on(first, forecast_file)
    saver.stop()  # a normal quit
    second = fresh_controller()
    window = QMainWindow()
    qtbot.addWidget(window)
    assert offer_restore(window, second, ask=lambda parent, text: pytest.fail("asked after a normal quit"))
    assert second.state.edits == first.state.edits and second.state.in_force == first.state.in_force
    assert window.statusBar().currentMessage() == "已接着上次的工作：情景修改 1 项，现行预警 1 条。"
