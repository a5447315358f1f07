"""What changed since the last forecast, in the window (issue 28, the desk): with a case open, each forecast opened
is recorded in the case and a dismissible line over the map says per region what changed against the case's
previous forecast; no case open, no line."""

from __future__ import annotations

from PySide6.QtWidgets import QToolButton

from app.paths import SAMPLES_DIR

SEASON = SAMPLES_DIR / "season-winter"


def test_opening_the_next_forecast_says_what_changed(desk, qtbot):
    window, controller = desk.window, desk.controller
    controller.load_forecast_now(SEASON / "forecast-2025-12-13.csv")
    dock = window.docks["CasesDock"]
    case = dock.new_case("2025年12月过程")
    note = window.changes_note
    assert note.isHidden()
    controller.load_forecast_now(SEASON / "forecast-2025-12-14.csv")
    assert note.isVisible()
    assert note.text.startswith("与上一份预报（forecast-2025-12-13 12-13 10:00）相比：")
    assert "盆地中部 由橙色升为红色、整体推迟1天（14日0时—18日24时）" in note.text
    assert "盆地中部 由橙色升为红色" in note.toolTip()
    assert note.height() <= 2 * note.fontMetrics().height()
    forecasts = dock.library.case(case)["forecasts"]  # the case keeps every forecast opened
    assert [f["name"] for f in forecasts] == ["forecast-2025-12-13", "forecast-2025-12-14"]
    note.findChildren(QToolButton)[0].click()
    assert note.isHidden()  # dismissed, not modal


def test_no_case_no_note(desk):
    desk.controller.load_forecast_now(SEASON / "forecast-2025-12-14.csv")
    assert desk.window.changes_note.isHidden()
