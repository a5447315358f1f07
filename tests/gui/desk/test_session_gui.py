"""File → Save/Open session in the real window, ``hazedesk gui SESSION --screenshot``, and the forecast checks."""

from __future__ import annotations

import shutil
import subprocess
import sys

from app.paths import DEFAULT_SAMPLE


def _working_desk(desk, forecast):
    from app.domain.recommend import WarningInForce
    from app.domain.whatif import Edit

    controller, state = desk.controller, desk.state
    controller.load_forecast_now(str(forecast))
    times = state.evaluation.times
    controller.apply_edit(Edit("成都市", times[24].to_pydatetime(), times[47].to_pydatetime(), "scale", 1.5))
    controller.set_in_force([WarningInForce("成都平原地区", "yellow", times[0].to_pydatetime(), None)])
    state.set_layer("warning")
    state.set_hour(60)
    state.set_selection(["德阳市"])


def _fresh(desk):
    """Back to a plain forecast, as if the window had just opened."""
    desk.controller.set_in_force([])
    desk.controller.load_forecast_now(str(DEFAULT_SAMPLE))
    desk.state.set_layer("aqi")
    desk.state.set_selection([])


def test_save_then_open_puts_the_work_back(desk, tmp_path):
    from app.export.drafts import ProposalDraft, load_draft, save_draft

    forecast = tmp_path / "f.csv"
    shutil.copy(DEFAULT_SAMPLE, forecast)
    _working_desk(desk, forecast)
    sha = desk.state.original_forecast.meta.sha256
    save_draft(sha, ProposalDraft(doc_number="〔2026〕7号", signer="李四"))
    sessions = desk.window.sessions
    path = sessions.save_as(str(tmp_path / "work.hazedesk"))
    assert path.exists()
    save_draft(sha, ProposalDraft())  # the draft changes after saving: the session brings the saved one back
    _fresh(desk)
    assert sessions.open(str(path))
    state = desk.state
    assert state.forecast_path == str(forecast) and len(state.edits) == 1 and state.edits[0].unit == "成都市"
    assert [w.level for w in state.in_force] == ["yellow"]
    assert state.layer == "warning" and state.hour == 60 and state.selected_units == ["德阳市"]
    draft, found = load_draft(sha)
    assert found and draft.signer == "李四"


def test_changed_forecast_is_named_and_edits_are_not_applied(desk, tmp_path):
    forecast = tmp_path / "f.csv"
    shutil.copy(DEFAULT_SAMPLE, forecast)
    _working_desk(desk, forecast)
    sessions = desk.window.sessions
    path = sessions.save_as(str(tmp_path / "work.hazedesk"))
    _fresh(desk)
    with open(forecast, "a", encoding="utf-8") as handle:
        handle.write("\n")
    asked = []
    sessions.ask_open_changed = lambda text: asked.append(text) or False
    assert not sessions.open(str(path))
    assert str(forecast) in asked[0] and desk.state.forecast_path == str(DEFAULT_SAMPLE)  # nothing replaced
    sessions.ask_open_changed = lambda text: True
    assert sessions.open(str(path))
    assert desk.state.forecast_path == str(forecast) and desk.state.edits == []
    assert [w.level for w in desk.state.in_force] == ["yellow"]


def test_missing_forecast_is_named_and_can_be_located(desk, tmp_path):
    forecast = tmp_path / "f.csv"
    shutil.copy(DEFAULT_SAMPLE, forecast)
    _working_desk(desk, forecast)
    sessions = desk.window.sessions
    path = sessions.save_as(str(tmp_path / "work.hazedesk"))
    _fresh(desk)
    elsewhere = tmp_path / "moved" / "renamed.csv"
    elsewhere.parent.mkdir()
    shutil.move(forecast, elsewhere)
    asked = []
    sessions.ask_locate = lambda text: asked.append(text) or ""
    assert not sessions.open(str(path)) and str(forecast) in asked[0]
    sessions.ask_locate = lambda text: str(elsewhere)
    assert sessions.open(str(path))
    assert desk.state.forecast_path == str(elsewhere) and len(desk.state.edits) == 1  # same data: edits back


def test_bad_session_file_shows_the_problem(desk, tmp_path):
    bad = tmp_path / "bad.hazedesk"
    bad.write_text("{", encoding="utf-8")
    sessions, shown = desk.window.sessions, []
    sessions.show_error = shown.append
    assert not sessions.open(str(bad))
    assert "bad.hazedesk" in shown[0] and desk.state.forecast_path == str(DEFAULT_SAMPLE)


def test_cli_screenshot_of_a_session(desk, tmp_path):
    forecast = tmp_path / "f.csv"
    shutil.copy(DEFAULT_SAMPLE, forecast)
    _working_desk(desk, forecast)
    path = desk.window.sessions.save_as(str(tmp_path / "work.hazedesk"))
    out = tmp_path / "shot.png"
    run = subprocess.run([sys.executable, "-m", "app", "gui", str(path), "--screenshot", str(out), "--size",
                          "1200x800"], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert out.stat().st_size > 10_000
    from app.export.audit import read_audit

    shot = [e for e in read_audit() if e["kind"] == "screenshot"]
    assert len(shot) == 1 and len(shot[0]["edits"]) == 1 and "成都市" in shot[0]["edits"][0]  # the session's edit
    forecast.unlink()
    run = subprocess.run([sys.executable, "-m", "app", "gui", str(path), "--screenshot", str(out)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 2 and "f.csv" in run.stderr and "Traceback" not in run.stderr


def test_dropping_a_session_file_opens_the_session(desk, tmp_path):
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    forecast = tmp_path / "f.csv"
    shutil.copy(DEFAULT_SAMPLE, forecast)
    _working_desk(desk, forecast)
    path = desk.window.sessions.save_as(str(tmp_path / "work.hazedesk"))
    _fresh(desk)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                       Qt.KeyboardModifier.NoModifier)
    desk.window.dropEvent(event)
    assert desk.state.forecast_path == str(forecast) and len(desk.state.edits) == 1


def test_sessions_join_the_recent_list_and_open_from_it(desk, tmp_path):
    forecast = tmp_path / "f.csv"
    shutil.copy(DEFAULT_SAMPLE, forecast)
    _working_desk(desk, forecast)
    window = desk.window
    path = window.sessions.save_as(str(tmp_path / "work.hazedesk"))
    assert desk.settings.recent_files()[0] == str(path)
    _fresh(desk)
    assert desk.settings.recent_files()[0] == str(DEFAULT_SAMPLE)
    entries = {a.toolTip(): a for a in window.recent_menu.actions() if a.toolTip()}
    assert entries[str(path)].text() == "会话：work.hazedesk"
    entries[str(path)].trigger()  # opens the session (its edits and warnings), not the JSON as a forecast
    assert desk.state.forecast_path == str(forecast) and len(desk.state.edits) == 1
    assert [w.level for w in desk.state.in_force] == ["yellow"]
    # the session is on top, its forecast right below it
    assert desk.settings.recent_files()[:2] == [str(path.resolve()), str(forecast)]


def test_window_title_names_the_open_session(desk, tmp_path):
    forecast = tmp_path / "f.csv"
    shutil.copy(DEFAULT_SAMPLE, forecast)
    _working_desk(desk, forecast)
    window = desk.window
    assert "work.hazedesk" not in window.windowTitle()
    path = window.sessions.save_as(str(tmp_path / "work.hazedesk"))
    assert window.windowTitle().startswith("会话 work.hazedesk（f.csv）")
    _fresh(desk)  # another forecast opened: the work is no longer the session's
    assert "会话" not in window.windowTitle() and window.windowTitle().startswith("sample-regional-orange.csv")
    assert window.sessions.open(str(path))
    assert window.windowTitle().startswith("会话 work.hazedesk（f.csv）")
    desk.controller.load_forecast_now(str(forecast))  # reopening even the same file leaves the session
    assert "会话" not in window.windowTitle()


def test_opening_names_the_session_and_same_names_show_their_folders(desk, tmp_path):
    """Issue 25.9: "已打开会话：orange.csv" named the forecast, and two duty.hazedesk from different folders were
    two identical entries in the recent list."""
    forecast = tmp_path / "f.csv"
    shutil.copy(DEFAULT_SAMPLE, forecast)
    _working_desk(desk, forecast)
    window = desk.window
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = window.sessions.save_as(str(tmp_path / "a" / "duty.hazedesk"))
    second = window.sessions.save_as(str(tmp_path / "b" / "duty.hazedesk"))
    _fresh(desk)
    assert window.sessions.open(str(first))
    assert window.statusBar().currentMessage().startswith("已打开会话 duty.hazedesk（预报 f.csv）")
    texts = {a.toolTip(): a.text() for a in window.recent_menu.actions() if a.toolTip()}
    assert texts[str(first.resolve())] == f"会话：duty.hazedesk  ({first.resolve().parent})"
    assert texts[str(second.resolve())] == f"会话：duty.hazedesk  ({second.resolve().parent})"
    assert texts[str(forecast)] == "f.csv"  # a name seen once stays short
