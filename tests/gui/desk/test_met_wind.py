"""Meteorology under the timeline and the wind-arrow overlay, in the real window."""

from __future__ import annotations

import numpy as np


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
    assert panel.plot.getViewBox().state["linkedViews"][0] is not None  # zoom follows the AQI plot


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
