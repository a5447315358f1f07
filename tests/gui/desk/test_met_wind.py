"""Meteorology under the timeline and the wind-arrow overlay, in the real window."""

from __future__ import annotations

import numpy as np
import pytest


@pytest.fixture
def back_to_chinese(qapp):
    """For tests that switch the window to English: Chinese again for the tests after them."""
    yield
    from app.gui.i18n import install_language

    install_language("zh")


def test_met_panel_plots_the_chosen_variable_for_the_shown_units(desk, qtbot):
    panel = desk.window.met_panel
    panel.toggle.setChecked(True)
    desk.window.docks["TimelineDock"].plot  # noqa: B018 - the timeline builds its plot (after the first paint)
    qtbot.waitUntil(lambda: panel.plot is not None, timeout=3000)
    layout = desk.window.docks["TimelineDock"].widget().layout()
    assert layout.indexOf(panel) == layout.count() - 1  # under the AQI plot
    state = desk.state
    state.set_selection(["成都市", "德阳市"])
    keys = [panel.variable.itemData(i) for i in range(panel.variable.count())]
    assert keys == ["blh", "wind_speed", "rh", "precip", "inversion", "wind_dir"]
    curves = [item for item in panel.plot.getPlotItem().listDataItems()]
    assert len(curves) == 2
    x, y = curves[0].getData()
    expected = state.forecast.met["blh"][state.forecast.units.index("成都市")]
    assert np.allclose(y, expected, equal_nan=True)
    panel.variable.setCurrentIndex(keys.index("wind_speed"))
    x, y = panel.plot.getPlotItem().listDataItems()[0].getData()
    assert np.allclose(y, state.forecast.met["wind_speed"][state.forecast.units.index("成都市")], equal_nan=True)
    state.set_hour(30)
    assert panel.cursor.value() == 30
    timeline = desk.window.docks["TimelineDock"].plot  # the hours follow the AQI plot's, both ways
    timeline.set_x_range(20.0, 80.0)
    assert panel.plot.getViewBox().viewRange()[0] == [20.0, 80.0]
    panel.plot.setXRange(10.0, 40.0, padding=0)
    assert timeline.x_range == (10.0, 40.0)
    assert panel.plot.getPlotItem().buttonsHidden  # issue 25.9: no pyqtgraph "A" button


def test_a_folded_met_panel_plots_when_opened(desk, qtbot):
    """Folded, the panel builds no plot (start-up and every selection pay nothing for it); opened, it plots the
    units the timeline shows."""
    panel = desk.window.met_panel
    panel.toggle.setChecked(False)
    desk.window.docks["TimelineDock"].plot  # noqa: B018 - the timeline's plot exists
    desk.state.set_selection(["成都市"])
    qtbot.wait(20)
    assert panel.plot is None
    panel.toggle.setChecked(True)
    qtbot.waitUntil(lambda: panel.plot is not None, timeout=3000)
    x, y = panel.plot.getPlotItem().listDataItems()[0].getData()
    assert np.allclose(y, desk.state.forecast.met["blh"][desk.state.forecast.units.index("成都市")], equal_nan=True)


def test_met_panel_hides_without_met_columns(desk, qtbot, tmp_path):
    from app.paths import SAMPLES_DIR

    desk.controller.load_forecast_now(SAMPLES_DIR / "sample-clean-week.csv")
    assert desk.window.met_panel.isHidden()
    assert not desk.window.actions_.wind.isEnabled()


def test_wind_overlay_draws_an_arrow_per_labelled_unit(desk, qtbot):
    from PySide6.QtGui import QImage, QPainter

    from app.gui.map.wind import draw_wind

    window, state = desk.window, desk.state
    window.actions_.wind.trigger()
    assert state.show_wind
    canvas = window.canvas
    canvas.repaint()
    image = QImage(canvas.size(), QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    drawn_all = draw_wind(painter, state, canvas.geometry, canvas._images.transform)
    labelled = {canvas.geometry.names[i] for i in canvas._labels.placed(canvas.view.scale, canvas.label_font())}
    drawn_labelled = draw_wind(painter, state, canvas.geometry, canvas._images.transform, labelled)
    painter.end()
    assert drawn_all == 59 and drawn_labelled == len(labelled) < 59
    # the arrows change the map's pixels and go away when switched off
    with_wind = canvas.grab().toImage()
    window.actions_.wind.trigger()
    without = canvas.grab().toImage()
    assert with_wind != without


def _key_clear(left, bottom, font, width, avoid, top):
    from app.gui.map.wind import wind_key_rect

    box = wind_key_rect(left, bottom, font)
    assert box.left() >= 0 and box.right() <= width - 6 and box.top() >= top, box
    for rect in avoid:
        assert not box.intersects(rect), (box, rect)
    return box


def test_wind_key_finds_room_on_a_short_map_with_wide_fonts(qapp):
    """CI's layout at 1366×768 in English: a 788×313 map, fonts wider than here; right of the scale bar and above
    it both ran under the region panel. The key goes above the panel instead — never over it."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QFont

    from app.gui.map.wind import place_wind_key, wind_key_rect

    font = QFont()
    font.setPixelSize(12)
    key_width = wind_key_rect(0, 0, font).width()
    legend = QRectF(12, 59, 293, 242)
    scale_bar = QRectF(legend.right() + 18, 267, 120, 37)
    # the panel starts where a key above the scale bar would end, less a little: both first spots collide
    panel = QRectF(scale_bar.left() + key_width - 20, 182, 263, 118)
    width = panel.right() + 12
    avoid, top = [panel, legend], 40.0
    left, bottom = place_wind_key(scale_bar, font, width, avoid, top=top)
    box = _key_clear(left, bottom, font, width, avoid, top)
    assert box.bottom() <= panel.top()  # above the panel, the first spot that is clear


def test_wind_key_keeps_its_first_spot_when_it_fits(qapp):
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QFont

    from app.gui.map.wind import place_wind_key

    font = QFont()
    font.setPixelSize(12)
    scale_bar = QRectF(300, 500, 120, 37)
    left, bottom = place_wind_key(scale_bar, font, 1200, [QRectF(900, 300, 250, 200), QRectF(12, 300, 270, 237)],
                                  top=40)
    assert (left, bottom) == (scale_bar.right() + 18, scale_bar.bottom())


def test_wind_key_with_no_room_covers_the_least(qapp):
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QFont

    from app.gui.map.wind import place_wind_key, wind_key_rect

    font = QFont()
    font.setPixelSize(12)
    everything = QRectF(0, 0, 400, 300)  # one panel over the whole map: every spot collides
    corner = QRectF(0, 250, 120, 40)
    left, bottom = place_wind_key(corner, font, 400, [everything], top=0)
    box = wind_key_rect(left, bottom, font)
    assert box.right() <= 400 - 6 + 1e-9 and box.top() >= 0  # inside the map even so


def test_a_refresh_queued_before_the_window_is_replaced_does_not_reach_the_deleted_panel(desk, qtbot,
                                                                                       back_to_chinese):
    """The panel hears when the timeline gains its plot and refreshes after the events already queued; if the
    window is replaced first (a language switch, here), that refresh must die with the old panel, not raise
    "Internal C++ object already deleted"."""
    import shiboken6
    from PySide6.QtWidgets import QWidget

    old = desk.window
    panel = old.met_panel
    panel.plot = None  # as before the timeline's plot is built: the watcher queues a refresh
    QWidget(old.docks["TimelineDock"].widget())  # a child added to the dock's body: the refresh is queued
    desk.switch_language("en")
    shiboken6.delete(old)  # what deleteLater does at the next turn of the loop, before the queued refresh
    assert not shiboken6.isValid(panel)
    qtbot.wait(30)  # the queued refresh's turn: pytest-qt fails the test on an exception raised in it
    assert desk.window is not old


def test_an_hour_is_at_the_same_x_on_the_weather_plot_as_on_the_timeline(desk, qtbot, back_to_chinese):
    """Walkthrough e02/f03c: the weather plot's left axis was narrower, its hours 4–18 px right of the
    timeline's. Its view box now begins where the timeline's hours begin and ends where they end, in Chinese and
    in English (longer strip names widen the timeline's axis) and when the timeline's axis changes."""
    from PySide6.QtCore import QPointF

    def gap(window) -> float:
        panel, timeline = window.met_panel, window.docks["TimelineDock"].plot
        view = panel.plot.getPlotItem().getViewBox()
        n = len(desk.state.evaluation.times)
        worst = 0.0
        for hour in (0, 1, n // 2, n - 1):
            ours = panel.plot.mapFromScene(view.mapViewToScene(QPointF(hour, 0))).x() + panel.plot.mapTo(window, QPointF(0, 0)).x()
            theirs = timeline.x_to_pixel(hour) + timeline.mapTo(window, QPointF(0, 0)).x()
            worst = max(worst, abs(ours - theirs))
        return worst

    def opened(window):
        window.met_panel.toggle.setChecked(True)
        window.docks["TimelineDock"].plot  # noqa: B018 - the timeline builds its plot
        qtbot.waitUntil(lambda: desk.window.met_panel.plot is not None, timeout=3000)
        qtbot.wait(30)  # laid out
        return window

    window = opened(desk.window)
    assert gap(window) < 1.0
    window.docks["TimelineDock"].plot.axis_width = 90  # as for a longer strip name
    qtbot.wait(30)
    assert gap(window) < 1.0
    desk.switch_language("en")
    window = opened(desk.window)
    assert window.docks["TimelineDock"].plot.axis_width > 52  # "Warning" is wider than 预警
    assert window.met_panel.variable.itemText(0) == "Boundary-layer height (m)"  # not "（m）" in English
    assert gap(window) < 1.0


def test_a_wrapped_timeline_caption_leaves_the_weather_bar_visible(desk, qtbot, back_to_chinese):
    """Walkthrough q01c (English, 1366×768 logical, as at DPR 2 on 2732×1536): the caption wrapped onto two
    lines, the layout counted one, and the plot was pushed down over the weather bar's button and selector."""
    from PySide6.QtCore import Qt

    for language in ("zh", "en"):
        desk.switch_language(language)
        window = desk.window
        window.resize(1366, 768)
        dock = window.docks["TimelineDock"]
        dock.show()
        dock.raise_()
        plot, panel = dock.plot, window.met_panel
        qtbot.wait(50)  # laid out
        window.resizeDocks([dock], [1], Qt.Orientation.Vertical)  # as short as it lets itself be
        qtbot.wait(50)
        if language == "en":
            assert dock.title.height() > dock.title.fontMetrics().height() * 1.5  # the caption takes two lines
        assert dock.title.geometry().bottom() < plot.geometry().top()
        assert plot.geometry().bottom() < panel.geometry().top(), language
        assert panel.geometry().bottom() <= dock.widget().height()
        toggle = panel.toggle.mapTo(dock.widget(), panel.toggle.rect().topLeft())
        assert toggle.y() > plot.geometry().bottom()
        panel.toggle.setChecked(True)  # opened: the weather plot's room is added to the caption's lines
        qtbot.waitUntil(lambda: desk.window.met_panel.plot is not None, timeout=3000)
        qtbot.wait(50)
        window.resizeDocks([dock], [1], Qt.Orientation.Vertical)
        qtbot.wait(50)
        assert plot.geometry().bottom() < panel.geometry().top(), language
        assert panel.plot.height() >= panel.plot.minimumHeight()
        assert panel.geometry().bottom() <= dock.widget().height()
        panel.toggle.setChecked(False)
