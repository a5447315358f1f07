"""Issue 12, defect 7: the window at a 1366×768 laptop's size keeps every part usable and nothing covered."""

from __future__ import annotations

import pytest


@pytest.fixture
def laptop(desk, qtbot):
    window = desk.window
    window.resize(1366, 768)
    window.default_dock_sizes()
    qtbot.wait(50)
    return desk


def test_time_slider_spans_the_window_and_reaches_every_hour_of_a_week(laptop):
    window = laptop.window
    slider = window.timebar.slider
    assert slider.width() >= 2 * 168
    assert slider.width() >= 0.5 * window.width()  # under the docks, the whole width of the window
