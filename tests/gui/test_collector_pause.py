"""hazedesk gui starts with the collector paused (app.cli.gui) and gives it back at the map's first coloured paint,
or when the first load fails, or after a backstop when no coloured map comes (app.gui.app.freeze_after_first_paint);
a collector that was running is left running (tests, other code building a window)."""

from __future__ import annotations

import argparse
import gc

import pytest

from app.paths import DEFAULT_SAMPLE


@pytest.fixture
def paused():
    """The collector paused as hazedesk gui leaves it; running and thawed again afterwards."""
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.unfreeze()


def _desk(tmp_path, path):
    from app.gui.app import HazeDesk, freeze_after_first_paint
    from app.gui.settings import Settings

    desk = HazeDesk("zh", Settings(tmp_path / "settings.ini"), initial=(path, {}))
    freeze_after_first_paint(desk)
    return desk


def test_the_collector_is_given_back_at_the_first_coloured_paint(qtbot, tmp_path, paused):
    desk = _desk(tmp_path, str(DEFAULT_SAMPLE))
    try:
        assert not gc.isenabled()  # building the window: still paused
        with qtbot.waitSignal(desk.window.canvas.firstColouredPaint, timeout=30000):
            desk.window.show()
        assert gc.isenabled() and gc.get_freeze_count() > 0  # what lives then is frozen out of later walks
    finally:
        desk.dispose()


def test_a_failed_first_load_gives_the_collector_back(qtbot, tmp_path, paused, monkeypatch):
    from app.gui.dialogs.load_errors import LoadErrorsDialog

    monkeypatch.setattr(LoadErrorsDialog, "exec", lambda self: 0)  # the officer closes the message
    broken = tmp_path / "broken.csv"
    broken.write_text("not,a,forecast\n1,2\n", encoding="utf-8")
    desk = _desk(tmp_path, str(broken))
    try:
        with qtbot.waitSignal(desk.controller.loadFailed, timeout=30000):
            desk.window.show()
        assert gc.isenabled()
    finally:
        desk.dispose()


def test_with_no_coloured_map_the_collector_comes_back_after_the_backstop(qtbot, tmp_path, paused, monkeypatch):
    import app.gui.app as gui_app
    from app.gui.app import HazeDesk, freeze_after_first_paint
    from app.gui.settings import Settings

    monkeypatch.setattr(gui_app, "COLLECTOR_BACKSTOP_MS", 50)
    desk = HazeDesk("zh", Settings(tmp_path / "settings.ini"))  # nothing loading: the map stays grey
    try:
        freeze_after_first_paint(desk)
        desk.window.show()
        qtbot.waitUntil(gc.isenabled, timeout=5000)
    finally:
        desk.dispose()


def test_a_running_collector_is_left_running(qtbot, tmp_path):
    assert gc.isenabled()
    desk = _desk(tmp_path, str(DEFAULT_SAMPLE))
    try:
        with qtbot.waitSignal(desk.window.canvas.firstColouredPaint, timeout=30000):
            desk.window.show()
        assert gc.isenabled()
    finally:
        desk.dispose()
        gc.unfreeze()


def test_hazedesk_gui_pauses_the_collector_only_when_it_owns_the_process(monkeypatch):
    import app.cli.gui as cli_gui

    seen = []
    monkeypatch.setattr(cli_gui, "display_problem", lambda: None)
    monkeypatch.setattr("app.gui.app.run", lambda *a, **k: seen.append(gc.isenabled()) or 0)
    args = dict(forecast=None, sheet=None, observed=[], screenshot=None, startup_probe=False, lang=None)
    try:
        cli_gui.run(argparse.Namespace(**args, owns_process=False))
        cli_gui.run(argparse.Namespace(**args, owns_process=True))
    finally:
        gc.enable()
    assert seen == [True, False]
