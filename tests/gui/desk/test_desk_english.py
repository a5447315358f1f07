"""The desk's features in English at 1366×768: English names in the status bar, nothing cut in the city × day
table, the meeting figure's texts in English."""

from __future__ import annotations

import re

import pytest

from app.paths import DEFAULT_SAMPLE

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def desk_en(qtbot, tmp_path):
    from app.gui.app import HazeDesk
    from app.gui.settings import Settings

    desk = HazeDesk("en", Settings(tmp_path / "settings.ini"))
    desk.controller.load_forecast_now(DEFAULT_SAMPLE)
    desk.window.resize(1366, 740)
    desk.window.show()
    qtbot.waitExposed(desk.window)
    yield desk
    desk.controller.cancel_load()
    desk.dispose()
    from app.gui.i18n import install_language

    install_language("zh")


def test_hover_text_in_english_and_whole(desk_en, qtbot):
    window = desk_en.window
    hover = window.hover_label
    qtbot.wait(20)
    assert hover.shown_text() == hover.text() and not CJK.search(hover.text())  # the idle hint is not cut
    desk_en.state.set_hovered("大足区")
    assert hover.text() == "Dazu · Southern Basin"
    desk_en.state.set_hovered("攀枝花市")
    assert hover.text().startswith("Panzhihua · ") and not CJK.search(hover.text())


def test_day_table_names_are_not_cut(desk_en, qtbot):
    window = desk_en.window
    window.show_dock("DayTableDock")
    dock = window.docks["DayTableDock"]
    dock._ensure_current()
    view, model = dock.view, dock.model
    metrics = view.fontMetrics()
    for column in (0, 1):
        widest = max(metrics.horizontalAdvance(str(model.index(r, column).data())) for r in range(model.rowCount()))
        assert widest + 6 <= view.columnWidth(column), (column, widest, view.columnWidth(column))
    assert "Outside the linkage" in {model.index(r, 1).data() for r in range(model.rowCount())}


def test_meeting_figure_texts_in_english(desk_en, qtbot):
    window = desk_en.window
    window.multiples_action.trigger()
    view = window.multiples_dialog.view
    assert view.title() == "Sichuan–Chongqing daily AQI forecast (D+1 to D+7)"
    assert view.subtitle().startswith("Forecast source: ") and "Issued: 2026-01-09 10:00" in view.subtitle()
    assert view.footer()[-1].startswith("Warnings judged by: ")
    assert not CJK.search(view._warn_text(view.frames[3]))


def test_wind_key_clear_of_the_region_panel(desk_en, qtbot):
    window = desk_en.window
    canvas = window.canvas
    desk_en.state.set_wind_overlay(True)
    window.show_dock("TimelineDock")  # the map as tall as the default layout leaves it at 1366×768

    def clear_of_each_other():  # retried until the dock's layout has settled (a loaded machine lags behind)
        canvas.repaint()
        key, panel = canvas.wind_key_rect, canvas.region_panel_rect()
        assert not key.isEmpty() and not panel.isEmpty()
        assert not key.intersects(panel) and key.right() <= canvas.width()
        assert not key.intersects(canvas.legend_rect())

    qtbot.waitUntil(clear_of_each_other, timeout=3000)
