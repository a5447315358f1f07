"""Fixtures for the dock tests: the shared state and controller on a small synthetic regional episode.

The real engine evaluates it (no Evaluation is hand-made); the synthetic forecast keeps the tests fast and
their expectations exact: 8 basin cities at PM2.5 190 µg/m³ on days 2–5, 50 µg/m³ everywhere else.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.gui.forecasts import episode_forecast

SHOTS = Path(__file__).resolve().parents[3] / "build" / "dock-shots"


@pytest.fixture
def controller(qtbot):
    from app.gui.controller import Controller
    from app.gui.state import AppState

    controller = Controller(AppState())
    controller.set_forecast(episode_forecast())
    return controller


@pytest.fixture
def state(controller):
    return controller.state


@pytest.fixture
def shoot():
    """Save a widget's picture under build/dock-shots/ (for looking at it; the tests never compare pixels)."""
    def save(widget, name: str) -> Path:
        SHOTS.mkdir(parents=True, exist_ok=True)
        path = SHOTS / f"{name}.png"
        assert widget.grab().save(str(path))
        return path
    return save
