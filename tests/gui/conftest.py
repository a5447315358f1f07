"""Fixtures for the main-window tests: the real application objects on the bundled sample forecast."""

from __future__ import annotations

import pytest

from app.paths import DEFAULT_SAMPLE


@pytest.fixture
def desk(qtbot, tmp_path):
    """HazeDesk with its own settings file, the sample forecast loaded, the window shown at 1400×900."""
    from app.gui.app import HazeDesk
    from app.gui.settings import Settings

    desk = HazeDesk("zh", Settings(tmp_path / "settings.ini"))
    desk.controller.load_forecast_now(DEFAULT_SAMPLE)
    window = desk.window
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    yield desk
    desk.window.timebar.set_playing(False)
    desk.controller.cancel_load()
    desk.dispose()


@pytest.fixture
def canvas(desk):
    return desk.window.canvas
