"""The numbers behind the colours in the window: tooltip, unit panel, and the PM2.5 concentration layer."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF
from PySide6.QtWidgets import QToolTip


def _point(canvas, name):
    canvas._ensure_images()
    x, y = canvas.geometry.label_points[canvas.geometry.index(name)]
    return canvas._images.transform.map(QPointF(x, y)).toPoint()


def test_tooltip_shows_pm25_primary_edition_and_daily_value(desk, qtbot):
    canvas, state = desk.window.canvas, desk.state
    state.set_hour(24 * 3 + 8)
    target = _point(canvas, "成都市")
    # from elsewhere first: a move to where an earlier test left the cursor sends no event, and nothing is hovered
    qtbot.mouseMove(canvas, target + QPoint(40, 40))
    qtbot.mouseMove(canvas, target)
    qtbot.waitUntil(lambda: state.hovered_unit == "成都市", timeout=2000)
    # the tooltip follows the hover on a later event: wait for its text, not only for the hovered unit
    qtbot.waitUntil(lambda: "成都" in QToolTip.text() and "µg/m³" in QToolTip.text(), timeout=5000)
    text = QToolTip.text()
    frow = state.forecast.units.index("成都市")
    pm25 = state.forecast.values["pm25"][frow, state.hour]
    assert f"PM2.5 {pm25:.0f} µg/m³" in text
    assert "首要污染物 PM2.5" in text or "首要污染物 PM10" in text  # polluted at the episode's peak
    assert "AQI 标准：HJ 633-2012" in text
    assert "PM2.5 日均" in text and "气象：风" in text
    qtbot.mouseMove(canvas, canvas.rect().topLeft())  # leave the cursor where the next test's hover is not


def test_unit_panel_follows_selection_and_hour(desk, qtbot):
    panel, state = desk.window.docks["UnitPanelDock"], desk.state
    desk.window.show_dock("UnitPanelDock")
    state.set_selection(["德阳市"])
    assert "德阳市" in panel.label.text() and "µg/m³" in panel.label.text()
    before = panel.label.text()
    state.set_hour(state.hour + 30)
    assert panel.label.text() != before
    state.set_selection([])
    assert "单击地图上的城市" in panel.label.text()


def test_unit_panel_behind_a_tab_is_written_when_brought_up(desk, qtbot):
    """Behind another dock's tab the panel does no work per hour; brought up, it shows the current hour."""
    window, state = desk.window, desk.state
    panel = window.docks["UnitPanelDock"]
    if panel not in window.tabifiedDockWidgets(window.docks["EpisodesDock"]):
        window.tabifyDockWidget(window.docks["EpisodesDock"], panel)
    window.show_dock("UnitPanelDock")
    with qtbot.waitSignal(panel.visibilityChanged, check_params_cb=lambda shown: not shown, timeout=2000):
        window.docks["EpisodesDock"].raise_()
    state.set_selection(["德阳市"])
    hidden_text = panel.label.text()
    state.set_hour(state.hour + 30)
    assert panel.label.text() == hidden_text  # not rewritten while hidden
    window.show_dock("UnitPanelDock")
    qtbot.waitUntil(lambda: "德阳市" in panel.label.text(), timeout=2000)
    from app.gui.timefmt import step_text

    assert step_text(state.evaluation, state.hour) in panel.label.text()


def test_pm25_layer_colours_by_the_concentration_classes(desk, qtbot):
    from app.desk.numbers import pm25_categories
    from app.domain.aqi import CATEGORIES

    canvas, state = desk.window.canvas, desk.state
    desk.window.actions_.layers["pm25"].trigger()
    assert state.layer == "pm25"
    state.set_hour(24 * 4)
    canvas.repaint()
    cats = pm25_categories(state.forecast, state.evaluation, state.scheme.edition_switch)
    table = canvas._tables[state.hour]
    i = canvas.geometry.index("成都市")
    c = int(cats[state.evaluation.units.index("成都市"), state.hour])
    argb = int(table[i + 1])
    assert ((argb >> 16) & 255, (argb >> 8) & 255, argb & 255) == CATEGORIES[c - 1].rgb
    from app.gui.map.legend import legend_entries

    title, rows = legend_entries("pm25", state.mode, canvas._edition_key())
    assert title.startswith("PM2.5") and rows[1][1].startswith("35–75")


def test_unit_panel_copies_its_numbers_as_text(desk, qtbot):
    """The panel is drawn, not a text widget: its numbers are copied whole, a line per row, by its context
    menu's action or Ctrl+C with the panel focused."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    panel, state = desk.window.docks["UnitPanelDock"], desk.state
    desk.window.show_dock("UnitPanelDock")
    state.set_selection(["德阳市"])
    QGuiApplication.clipboard().setText("")
    panel.label.setFocus()
    qtbot.waitUntil(panel.label.hasFocus, timeout=2000)
    qtbot.keyClick(panel.label, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    lines = QGuiApplication.clipboard().text().splitlines()
    assert lines[0].startswith("德阳市（") and "<" not in lines[0]  # the title without its markup
    assert lines[1] == panel.label.view.texts[1]  # the step
    rows = [line.split("\t") for line in lines[2:]]
    assert [label for label, _ in rows] == [label for label, _ in panel.label.view.texts[2]]
    assert any("µg/m³" in value for _, value in rows)
    assert panel.label.copy_action in panel.label.actions()
    assert panel.label.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu
    state.set_selection([])


def test_on_a_tall_screen_the_unit_panel_has_room_for_a_unit(qtbot, tmp_path, monkeypatch):
    """On a 1920×1080 screen the unit panel is stacked under the episodes, laid out when the window is first shown,
    before a unit is chosen. Following its two-line message, it was given three rows and a scroll bar; it asks
    for room for a unit's table, as the QTextBrowser it replaced did, and shows a unit down to its levels."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QScreen

    from app.gui.app import HazeDesk
    from app.gui.settings import Settings
    from app.paths import DEFAULT_SAMPLE

    monkeypatch.setattr(QScreen, "availableGeometry", lambda self: QRect(0, 0, 1920, 1040))
    desk = HazeDesk("zh", Settings(tmp_path / "settings.ini"))
    try:
        desk.controller.load_forecast_now(DEFAULT_SAMPLE)
        window = desk.window
        window.resize(1805, 978)
        window.show()
        qtbot.waitExposed(window)
        dock = window.docks["UnitPanelDock"]
        assert not window.tabifiedDockWidgets(dock)  # stacked, not a tab
        desk.state.set_selection(["成都市"])
        qtbot.wait(50)
        panel = dock.label
        view = panel.view
        levels = next(i for i, (label, _) in enumerate(view.texts[2]) if label == "执行等级")
        assert view._places[2 + levels].bottom() <= panel.viewport().height(), \
            (panel.viewport().height(), view._places[2 + levels])
    finally:
        qtbot.wait(100)  # the weather panel's late refresh (a zero-time single shot) runs before the window goes
        desk.controller.cancel_load()
        desk.dispose()
