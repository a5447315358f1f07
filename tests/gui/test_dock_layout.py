"""Issue 25.4/25.9: after Ctrl+T the map gets its height back — Ctrl+T again switches back to the timeline, and
so does the timeline's tab — instead of staying a strip under a bottom area enlarged for the table's rows."""

from __future__ import annotations

import pytest

from app.gui.docks.on_screen import on_screen


@pytest.fixture
def laptop(desk, qtbot):
    window = desk.window
    window.resize(1366, 768)
    window.default_dock_sizes()
    qtbot.wait(50)
    return desk


def test_ctrl_t_twice_goes_back_to_the_timeline_and_the_map_height(laptop, qtbot):
    window = laptop.window
    table, timeline = window.docks["DayTableDock"], window.docks["TimelineDock"]
    map_height = window.canvas.height()
    window.day_table_action.trigger()
    qtbot.waitUntil(lambda: on_screen(table))
    qtbot.waitUntil(lambda: window.canvas.height() < map_height - 40)  # room for the rows
    window.day_table_action.trigger()
    qtbot.waitUntil(lambda: on_screen(timeline) and not on_screen(table))
    qtbot.waitUntil(lambda: abs(window.canvas.height() - map_height) <= 6)


def test_the_timeline_tab_gives_the_height_back(laptop, qtbot):
    window = laptop.window
    table, timeline = window.docks["DayTableDock"], window.docks["TimelineDock"]
    map_height = window.canvas.height()
    window.day_table_action.trigger()
    qtbot.waitUntil(lambda: on_screen(table) and window.canvas.height() < map_height - 40)
    timeline.raise_()  # as a click on its tab does
    qtbot.waitUntil(lambda: on_screen(timeline))
    qtbot.waitUntil(lambda: abs(window.canvas.height() - map_height) <= 6)
    assert window.canvas.height() >= 0.4 * window.height()


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
def test_the_right_area_is_wider_by_default(desk, qtbot, size):
    """Issue 25.5: the right docks were a quarter of the width, at most 440 px (城市数值 2–3 lines, 现行预警
    with 理由 cut); now 30%, up to 580 px."""
    window = desk.window
    window.resize(*size)
    qtbot.wait(30)
    window.default_dock_sizes()
    dock = window.docks["EpisodesDock"]
    qtbot.waitUntil(lambda: dock.width() >= 0.29 * window.width() - 2)
    assert window.canvas.width() >= 0.6 * window.width()
