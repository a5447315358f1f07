"""The docks inside the real main window on the bundled sample: they move the time bar and the map's state,
and a what-if edit on a daily table goes through the same path."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from app.gui.dialogs.whatif_dialog import WhatIfDialog
from app.paths import SAMPLES_DIR


def test_episode_row_moves_time_bar_and_timeline(desk, qtbot):
    window, state = desk.window, desk.state
    episodes = window.docks["EpisodesDock"]
    last = len(state.evaluation.episodes) - 1
    episodes.table.selectRow(last)
    episode = state.evaluation.episodes[last]
    assert state.selected_episode == last
    assert window.timebar.slider.value() == state.hour
    assert state.evaluation.times[state.hour] == episode.start
    timeline = window.docks["TimelineDock"]
    assert timeline.units == [u for u in episode.trigger_cities if u in state.evaluation.units][:5]
    qtbot.mouseClick(timeline.plot, Qt.MouseButton.LeftButton, pos=timeline.plot.point_at(10, 50))
    assert state.hour == 10 and window.timebar.slider.value() == 10


def test_whatif_on_a_daily_table(desk, monkeypatch):
    desk.controller.load_forecast_now(SAMPLES_DIR / "sample-regional-orange-daily-range.csv")
    state = desk.state
    assert state.forecast.is_daily
    state.set_selection(["成都市"])
    state.set_hour(24 * 2 + 5)

    def accept_set(dialog):
        assert dialog.field.currentData() == "aqi"
        dialog.op.setCurrentIndex(dialog.op.findData("set"))
        dialog.value.setValue(40)
        dialog.update_preview()
        assert dialog.preview.item(0, 3).text() == "40"
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(WhatIfDialog, "exec", accept_set)
    desk.window.docks["EditsDock"].ask_and_apply()
    row = state.evaluation.units.index("成都市")
    assert state.evaluation.daily_aqi[row, 24 * 2 + 5] == 40
    assert state.edited_units == {"成都市"}
    desk.controller.undo_stack.undo()
    assert state.edits == [] and state.evaluation.daily_aqi[row, 24 * 2 + 5] != 40


def test_the_map_keeps_its_size_when_the_timeline_plot_is_built(tmp_path, qtbot):
    """The timeline keeps the room its plots take before they are built (after the map's first coloured paint),
    so the map is first painted at its final size and not drawn again a moment later at another."""
    from app.gui.app import HazeDesk
    from app.gui.settings import Settings
    from app.paths import DEFAULT_SAMPLE

    desk = HazeDesk("zh", Settings(tmp_path / "settings.ini"))
    try:
        desk.controller.load_forecast_now(DEFAULT_SAMPLE)
        window, timeline = desk.window, desk.window.docks["TimelineDock"]
        at_first_paint = []
        window.canvas.firstColouredPaint.connect(lambda: at_first_paint.append(window.canvas.size()))
        window.resize(1366, 768)  # a laptop screen: the timeline at its least height
        window.show()
        qtbot.waitUntil(lambda: bool(at_first_paint) and timeline._plot is not None, timeout=30000)
        qtbot.wait(20)
        assert window.canvas.size() == at_first_paint[0]
    finally:
        desk.dispose()
