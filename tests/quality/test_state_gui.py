"""The window and a state folder that fails: crash restore is offered first, also for ``hazedesk gui FILE``,
and nothing is overwritten before the officer chose; an unwritable state folder puts the window in its visible
"无法保存工作状态" mode and the work goes on; a failed autosave is said in the status bar and retried."""

from __future__ import annotations

import errno
import os

import pytest

from app import state_faults
from app.domain import session
from app.domain.whatif import Edit
from app.errors import WriteError
from app.gui.autosave import AutoSaver, working_state
from app.paths import DEFAULT_SAMPLE
from tests.quality.samples import write_99999


@pytest.fixture
def new_desk(qtbot, tmp_path):
    from app.gui.app import HazeDesk
    from app.gui.settings import Settings

    made = []

    def make():
        desk = HazeDesk("zh", Settings(tmp_path / f"settings{len(made)}.ini"))
        desk.window.show()
        made.append(desk)
        return desk

    yield make
    for desk in made:
        desk.controller.cancel_load()
        desk.dispose()


def _crashed_session_with_an_edit(path) -> bytes:
    """A previous run that loaded ``path``, made an edit and died (no clean exit): the autosave's bytes."""
    from app.gui.controller import Controller
    from app.gui.state import AppState

    first = Controller(AppState())
    first.load_forecast_now(path)
    first.apply_edit(Edit("成都市", "2026-11-02T00:00", "2026-11-02T23:00", "scale", 0.5))
    session.mark_running()
    session.save(working_state(first.state))
    return session.autosave_path().read_bytes()


def test_gui_file_after_a_crash_offers_the_restore_first_and_overwrites_nothing_before(new_desk, tmp_path, qtbot):
    from app.gui.app import start

    path, _ = write_99999(tmp_path)
    saved = _crashed_session_with_an_edit(path)
    desk = new_desk()
    asked = []

    def ask(parent, text):
        asked.append(text)
        # the officer is still reading the question: nothing is loaded, the autosave is as the crash left it
        assert desk.state.forecast is None
        assert session.autosave_path().read_bytes() == saved
        return True

    saver = start(desk, str(path), ask=ask)
    assert asked and "没有正常退出" in asked[0] and "情景修改 1 项" in asked[0]
    assert len(desk.state.edits) == 1 and desk.state.forecast_path == str(path.resolve())
    saver.stop()


def test_declining_opens_the_file_named_on_the_command_line(new_desk, tmp_path):
    from app.gui.app import start

    path, _ = write_99999(tmp_path)
    _crashed_session_with_an_edit(path)
    desk = new_desk()
    asked = []
    saver = start(desk, str(DEFAULT_SAMPLE), ask=lambda parent, text: asked.append(text) or False)
    assert "sample-regional-orange.csv" in asked[0]  # the question says which file opens otherwise
    qtbot_wait_loaded(desk)
    assert desk.state.forecast_path.endswith("sample-regional-orange.csv") and desk.state.edits == []
    saver.stop()


def qtbot_wait_loaded(desk, timeout_s: float = 30.0) -> None:
    import time

    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + timeout_s
    while desk.state.evaluation is None and time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.02)
    assert desk.state.evaluation is not None


def test_an_unwritable_state_folder_shows_the_banner_and_the_window_keeps_working(new_desk, tmp_path, monkeypatch):
    from app.gui.app import start

    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the state folder should be", encoding="utf-8")
    monkeypatch.setenv("HAZEDESK_HOME", str(blocker / "state"))
    desk = new_desk()
    saver = start(desk, str(DEFAULT_SAMPLE), ask=lambda *a: pytest.fail("nothing to restore"))
    banner = desk.window.state_banner
    assert banner.isVisible() and "无法保存工作状态" in banner.label.text()
    assert str(blocker / "state") in banner.label.text()
    qtbot_wait_loaded(desk)
    desk.controller.apply_edit(Edit("成都市", "2026-01-12T00:00", "2026-01-12T23:00", "scale", 0.5))
    saver.save_now()  # fails, says so, keeps the work
    assert saver.dirty and saver._retry.isActive()
    assert "自动保存失败" in desk.window.statusBar().currentMessage()
    assert len(desk.state.edits) == 1
    # the officer frees the folder and presses 重试: the banner goes
    monkeypatch.setenv("HAZEDESK_HOME", str(tmp_path / "fixed"))
    assert banner.check() and not banner.isVisible()
    saver.save_now()
    assert not saver.dirty and session.load().edits == desk.state.edits
    saver.stop()
    state_faults.take()


def test_autosave_retries_after_a_full_disk(qtbot, monkeypatch):
    from app.gui.controller import Controller
    from app.gui.state import AppState

    controller = Controller(AppState())
    controller.load_forecast_now(DEFAULT_SAMPLE)
    saver = AutoSaver(controller.state, debounce_ms=10)
    saver.RETRY_MS = 50
    saver._retry.setInterval(50)
    real, calls = session.save, []

    def full_once(state):
        calls.append(state)
        if len(calls) == 1:
            raise WriteError("cannot write here: no space left on the disk", path="autosave.json",
                             errno=errno.ENOSPC)
        return real(state)

    monkeypatch.setattr(session, "save", full_once)
    failed = []
    saver.failed.connect(failed.append)
    with qtbot.waitSignal(saver.saved, timeout=3000):
        saver.save_now()
    assert len(calls) == 2 and "自动保存失败" in failed[0] and "磁盘空间已满" in failed[0] and "1 秒后重试" in failed[0]
    assert os.path.exists(session.autosave_path())


def test_the_proposal_dialog_opens_and_exports_without_a_state_folder(tmp_path, monkeypatch, qtbot):
    from app.export.inputs import load_and_evaluate
    from app.gui.dialogs.proposal_dialog import ProposalDialog
    from app.gui.state import AppState

    inputs = load_and_evaluate(str(DEFAULT_SAMPLE))
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the state folder should be", encoding="utf-8")
    monkeypatch.setenv("HAZEDESK_HOME", str(blocker / "state"))
    state = AppState()
    state.scheme, state.forecast, state.original_forecast = inputs.scheme, inputs.forecast, inputs.forecast
    state.evaluation = inputs.evaluation
    dialog = ProposalDialog(state)
    qtbot.addWidget(dialog)
    dialog.doc_number.setText("川渝联防办〔2026〕9号")
    dialog._save_draft()
    assert "草稿无法保存" in dialog.missing_label.text()
    written = dialog.save_as("pdf", str(tmp_path / "letter.pdf"))
    assert written and (tmp_path / "letter.pdf").stat().st_size > 1000  # the letter is written all the same
    assert any(f.what == "audit log" for f in state_faults.take())
