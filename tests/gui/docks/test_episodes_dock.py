"""Episodes dock: one row per regional episode, choosing a row selects it and moves the hour, reasons in words."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.gui.docks.episodes_dock import EpisodesDock


@pytest.fixture
def dock(qtbot, state):
    dock = EpisodesDock(state)
    qtbot.addWidget(dock)
    dock.resize(760, 620)
    dock.show()
    return dock


def test_rows_show_each_episode(dock, state):
    episodes = state.evaluation.episodes
    assert dock.table.rowCount() == len(episodes) >= 2
    row = [dock.table.item(0, c).text() for c in range(dock.COLUMNS)]
    first = episodes[0]
    assert row[0] == first.region and row[1] == "橙色"
    assert dock.table.item(0, 2).toolTip() == first.start.strftime("%Y-%m-%d %H:%M")  # the year in the tip
    assert row[2] == first.start.strftime("%m-%d %H时") and row[4] == f"{first.duration_hours} 小时"
    assert row[5].startswith("▲")  # issued 16 h before the forecast start: far under 72 h
    assert all(city in row[7] for city in first.trigger_cities)


def test_choosing_a_row_selects_the_episode_and_moves_the_hour(dock, state, qtbot, shoot):
    state.set_hour(0)
    with qtbot.waitSignal(state.episodeSelected) as selected:
        dock.table.selectRow(1)
    episode = state.evaluation.episodes[1]
    assert selected.args == [1] and state.selected_episode == 1
    assert state.evaluation.times[state.hour] == episode.start
    html = dock.explanation.toPlainText()
    assert episode.region in html and "触发规则" in html and "提前量" in html and episode.approval in html
    assert all(city in html for city in episode.trigger_cities)
    state.set_hour(0)
    rect = dock.table.visualItemRect(dock.table.item(1, 0))
    qtbot.mouseClick(dock.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert state.evaluation.times[state.hour] == episode.start  # clicking the chosen row again jumps back
    shoot(dock, "episodes-dock")


def test_follows_state_and_reevaluation(dock, state, controller):
    state.set_episode(0)
    assert dock.table.selectionModel().selectedRows()[0].row() == 0
    assert state.evaluation.episodes[0].region in dock.explanation.toPlainText()
    from tests.gui.forecasts import episode_forecast

    controller.set_forecast(episode_forecast(peak=60.0))  # a clean week: no episodes
    assert dock.table.rowCount() == 0 and "没有区域预警过程" in dock.empty_label.text()
    assert state.selected_episode == -1


def test_short_lead_mark_is_in_every_bundled_font():
    """On a machine without symbol fonts only the bundled fonts draw: the mark must be in them."""
    from fontTools.ttLib import TTFont

    from app.export.fonts import font_paths
    from app.gui.docks.episodes_dock import SHORT_LEAD_MARK

    for path in font_paths().values():
        cmap = TTFont(path).getBestCmap()
        assert all(ord(c) in cmap for c in SHORT_LEAD_MARK.strip()), path


@pytest.mark.parametrize("width", [380, 480, 760])
def test_one_line_per_episode_without_sideways_scrolling(dock, state, width, qtbot):
    """Issue 25.5 (was issue 12, defect 7): at 1366×768 the dock is about 480 px wide; the rows wrapped onto
    three or four lines and two episodes filled it. Now each is one line, the triggering cities keep a fair
    share (their count first, all of them in the tooltip; at 480 px, after the dates: their count), nothing
    scrolls sideways."""
    dock.resize(width, 620)
    table = dock.table
    header = table.horizontalHeader()
    qtbot.waitUntil(lambda: header.length() <= table.viewport().width() + 1  # fitted after a resize
                    and table.horizontalScrollBar().maximum() == 0, timeout=3000)
    if width >= 760:  # with room, a fair share; narrower, the dates come first and the cities keep their count
        assert header.sectionSize(7) >= 0.2 * table.viewport().width() - 1
    count = table.item(0, 7).text().split("：")[0]
    assert header.sectionSize(7) >= table.fontMetrics().horizontalAdvance(count + "：…") + 8
    if width >= 480:  # the region's name whole
        names = [table.item(r, 0).text() for r in range(table.rowCount())]
        assert header.sectionSize(0) >= max(table.fontMetrics().horizontalAdvance(n) for n in names) + 6
    line = table.fontMetrics().height()
    for row, episode in enumerate(state.evaluation.episodes):
        assert table.rowHeight(row) < 2 * line  # one line
        cities = table.item(row, 7)
        assert cities.text().startswith(f"{len(episode.trigger_cities)} 个：")
        assert all(city in cities.toolTip() for city in episode.trigger_cities)
        assert all(table.item(row, c).toolTip() for c in range(dock.COLUMNS))


def test_a_short_dock_lists_every_episode(dock, state, qtbot):
    """A dock 260 px high (the right area at 1366×768 holds several) still shows each episode's row."""
    dock.resize(480, 260)
    qtbot.wait(30)
    table = dock.table
    bottom = table.rowViewportPosition(table.rowCount() - 1) + table.rowHeight(table.rowCount() - 1)
    assert bottom <= table.viewport().height() + 1


def test_an_issue_time_after_the_start_is_shown_as_a_warning_not_a_negative_lead(dock, state, controller):
    from dataclasses import replace

    import pandas as pd

    from tests.gui.forecasts import episode_forecast

    forecast = episode_forecast()
    late = (forecast.times[0] + pd.Timedelta(hours=60)).to_pydatetime()  # 36 h after the first episode starts
    controller.set_forecast(replace(forecast, meta=replace(forecast.meta, issued_at=late)))
    first = state.evaluation.episodes[0]
    assert first.lead_time_hours < 0
    item = dock.table.item(0, 5)
    assert item.text() == "▲ 发布晚于开始" and "-" not in item.text()
    assert "提前量为负" in item.toolTip() and f"{-first.lead_time_hours:.0f} 小时" in item.toolTip()


@pytest.mark.parametrize("language", ["zh", "en"])
def test_dates_read_whole_at_1366(dock, state, qtbot, language):
    """At 1366×768 the dock is about 480 px wide: the start and end read "12-0…" (they gave up width before the
    cities' list did). The dates keep their whole width; the list of cities (count first, all of them in the
    tooltip and the explanation) gives way first."""
    from PySide6.QtWidgets import QApplication

    from app.gui.fonts import apply_ui_font
    from app.gui.i18n import install_language

    app = QApplication.instance()
    before = app.font()
    apply_ui_font(app)  # the window's font (the suite's default differs by test order)
    install_language(language)
    try:
        dock.table.setFont(app.font())
        dock.refresh()
        table = dock.table
        header = table.horizontalHeader()
        for width in (480, 520):
            dock.resize(width, 620)
            qtbot.waitUntil(lambda: header.length() <= table.viewport().width() + 1, timeout=3000)
            table.fit_columns()
            metrics = table.fontMetrics()
            for column in (2, 3):
                widest = max(metrics.horizontalAdvance(table.item(r, column).text()) for r in range(table.rowCount()))
                assert header.sectionSize(column) >= widest + 6, (language, width, column)
            names = [table.item(r, 0).text() for r in range(table.rowCount())]
            assert header.sectionSize(0) >= max(metrics.horizontalAdvance(n) for n in names) + 6
            count = table.item(0, 7).text().split("：")[0].split(":")[0]
            assert header.sectionSize(7) >= metrics.horizontalAdvance(count + "：…") + 8  # the count stays
    finally:
        install_language("zh")
        app.setFont(before)
