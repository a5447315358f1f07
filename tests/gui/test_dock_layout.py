"""Issue 25.4/25.9: after Ctrl+T the map gets its height back — Ctrl+T again switches back to the timeline, and
so does the timeline's tab — instead of staying a strip under a bottom area enlarged for the table's rows."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.gui.docks.on_screen import on_screen


@pytest.fixture
def laptop(desk, qtbot):
    window = desk.window
    window.resize(1366, 768)
    window.default_dock_sizes()
    settle(window, qtbot)
    return desk


def settle(window, qtbot) -> None:
    """Wait until the layout stops moving (a loaded machine applies the dock sizes late)."""
    last = None

    def still() -> bool:
        nonlocal last
        now = (window.canvas.height(), window.canvas.width())
        same, last = now == last, now
        return same

    qtbot.waitUntil(still, timeout=15000)
    qtbot.wait(100)
    qtbot.waitUntil(still, timeout=15000)


def test_ctrl_t_twice_goes_back_to_the_timeline_and_the_map_height(laptop, qtbot):
    window = laptop.window
    table, timeline = window.docks["DayTableDock"], window.docks["TimelineDock"]
    map_height = window.canvas.height()
    window.day_table_action.trigger()
    qtbot.waitUntil(lambda: on_screen(table), timeout=15000)
    qtbot.waitUntil(lambda: window.canvas.height() < map_height - 40, timeout=15000)  # room for the rows
    window.day_table_action.trigger()
    qtbot.waitUntil(lambda: on_screen(timeline) and not on_screen(table), timeout=15000)
    qtbot.waitUntil(lambda: abs(window.canvas.height() - map_height) <= 6, timeout=15000)


def test_the_timeline_tab_gives_the_height_back(laptop, qtbot):
    window = laptop.window
    table, timeline = window.docks["DayTableDock"], window.docks["TimelineDock"]
    map_height = window.canvas.height()
    window.day_table_action.trigger()
    qtbot.waitUntil(lambda: on_screen(table) and window.canvas.height() < map_height - 40, timeout=15000)
    timeline.raise_()  # as a click on its tab does
    qtbot.waitUntil(lambda: on_screen(timeline), timeout=15000)
    qtbot.waitUntil(lambda: abs(window.canvas.height() - map_height) <= 6, timeout=15000)
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
    qtbot.waitUntil(lambda: dock.width() >= 0.29 * window.width() - 2, timeout=15000)
    assert window.canvas.width() >= 0.6 * window.width()


def test_the_timeline_folds_to_a_strip_and_the_map_gets_the_room(laptop, qtbot):
    """Issue 25.4: at 1366×768 a bottom dock folds to its title line (▾ or a double-click on the title) and
    unfolds at its height; bringing it up with the menu unfolds it."""
    window = laptop.window
    timeline = window.docks["TimelineDock"]
    title = window.dock_layout.titles["TimelineDock"]
    assert timeline.titleBarWidget() is title
    map_height, dock_height = window.canvas.height(), timeline.height()
    title.fold_button.click()
    qtbot.waitUntil(lambda: window.canvas.height() > map_height + 150, timeout=15000)
    assert timeline.height() <= title.sizeHint().height() + 2 and timeline.widget().height() == 0
    assert title.width() >= 0.9 * window.width()  # the strip runs the width of the window
    qtbot.mouseDClick(title.label, Qt.MouseButton.LeftButton)  # the title's double-click: unfolded
    qtbot.waitUntil(lambda: abs(timeline.height() - dock_height) <= 6, timeout=15000)
    title.set_folded(True)
    window.show_dock("TimelineDock")
    qtbot.waitUntil(lambda: timeline.widget().height() > 100, timeout=15000)


def test_another_tab_brought_up_unfolds_the_area(laptop, qtbot):
    window = laptop.window
    table = window.docks["DayTableDock"]
    window.dock_layout.titles["TimelineDock"].set_folded(True)
    window.day_table_action.trigger()
    qtbot.waitUntil(lambda: on_screen(table) and table.height() > 150, timeout=15000)
    assert not window.dock_layout.titles["TimelineDock"].folded


def test_a_floating_timeline_double_clicked_on_its_title_goes_back_into_the_window(laptop, qtbot):
    """Walkthrough in02: a floated timeline, double-clicked on its title, folded to a 25 px strip of a window
    with its buttons apart from it. Floating, it is a window of its own: a double-click on its title docks it
    again (as Qt's own title bar does), it never folds, and floating a folded dock unfolds it."""
    window = laptop.window
    timeline = window.docks["TimelineDock"]
    title = window.dock_layout.titles["TimelineDock"]
    title.float_button.click()
    qtbot.waitUntil(timeline.isFloating, timeout=5000)
    assert not title.fold_button.isVisible()  # nothing to fold a window to
    qtbot.mouseDClick(title.label, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not timeline.isFloating(), timeout=5000)
    assert not title.folded and timeline.widget().maximumHeight() > 1000
    assert title.fold_button.isVisible() and on_screen(timeline)  # in front of its tab group
    title.set_folded(True)
    timeline.setFloating(True)
    qtbot.waitUntil(lambda: not title.folded, timeout=5000)
    assert timeline.maximumHeight() > 1000 and timeline.widget().maximumHeight() > 1000
