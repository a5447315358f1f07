"""Timeline dock: lines for the selected units, level bands, the current hour, clicking moves the hour."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPointF, Qt

from app.gui.docks.timeline_dock import TimelineDock


@pytest.fixture
def dock(qtbot, state):
    dock = TimelineDock(state)
    qtbot.addWidget(dock)
    dock.resize(1100, 380)
    dock.show()
    qtbot.waitExposed(dock)
    return dock


def curves(dock) -> list:
    return [item for item in dock.plot.getPlotItem().items if isinstance(item, pg.PlotDataItem)]


def test_without_selection_the_highest_daily_aqi_cities_are_shown(dock, state):
    evaluation = state.evaluation
    linkage = [i for i, u in enumerate(evaluation.units) if u in state.scheme.region_of]
    peak = max(linkage, key=lambda i: np.nanmax(evaluation.daily_aqi[i]))
    assert dock.showing_peaks and dock.units[0] == evaluation.units[peak]
    assert len(dock.units) <= 3 and all(u in state.scheme.region_of for u in dock.units)
    assert "峰值最高" in dock.title.text()
    assert len(curves(dock)) == 2 * len(dock.units)


def test_selected_units_are_drawn_hourly_and_daily(dock, state, shoot):
    state.set_selection(["成都市", "渝中区"])
    lines = curves(dock)
    assert len(lines) == 4
    row = state.evaluation.units.index("成都市")
    np.testing.assert_array_equal(lines[0].getData()[1], state.evaluation.hourly_aqi[row])
    np.testing.assert_array_equal(lines[1].getData()[1], state.evaluation.daily_aqi[row])
    assert "成都市" in dock.title.text()
    images = [i for i in dock.band_plot.getPlotItem().items if isinstance(i, pg.ImageItem)]
    assert len(images) == 2  # own level and warned level, named on the band plot's axis
    assert sorted(dock.band_axis.bands.values()) == sorted(["本市", "预警"])
    own = images[0].image[:, 0, :]
    assert tuple(own[40]) == (0xFF, 0x8C, 0x00) and tuple(own[2]) == (0xE6, 0xEE, 0xE9)  # orange in the episode
    state.set_episode(1)
    shoot(dock, "timeline-dock")


def test_episode_without_selection_shows_its_cluster_and_span(dock, state):
    state.set_episode(0)
    episode = state.evaluation.episodes[0]
    assert dock.units == episode.trigger_cities[:5]
    lo, hi = dock.span.getRegion()
    assert state.evaluation.times[int(lo + 0.5)] == episode.start
    assert state.evaluation.times[int(hi - 0.5)] == episode.end


def test_clicking_the_plot_moves_the_hour(dock, state, qtbot):
    state.set_selection(["成都市"])
    state.set_hour(0)
    view = dock.plot.getPlotItem().vb
    scene = view.mapViewToScene(QPointF(50, 100))
    pos = dock.plot.mapFromScene(scene)
    with qtbot.waitSignal(state.hourChanged):
        qtbot.mouseClick(dock.plot.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert state.hour == 50
    assert dock.cursor.value() == 50
    state.set_hour(100)
    assert dock.cursor.value() == 100


def test_day_ticks_say_date_and_forecast_day(dock, state):
    strings = dock.axis.tickStrings([0, 24, 30], 1, 24)
    assert strings[0] == "01-10 D+1" and strings[1] == "01-11 D+2" and strings[2] == "06"


def test_bands_use_the_level_colours_exactly_and_are_named_apart_from_the_aqi_ticks(dock, state, qtbot):
    """Issue 12, defects 2 and 7: a strip holding one level only was auto-levelled into bright green (read as
    优); the strip names collided with the AQI ticks (one hidden); the legend covered curves and labels;
    grid-sample timelines lost their AQI numbers; pyqtgraph's "A" button showed."""
    from app.domain.scheme import LEVELS
    from app.gui.docks.texts import level_colour

    quiet = [u for u in state.evaluation.units if u in state.scheme.region_of
             and state.evaluation.city_level[state.evaluation.units.index(u)].max() == 0
             and state.evaluation.warned_level[state.evaluation.units.index(u)].max() == 0]
    state.set_selection(quiet[:1])  # one level (none) all along
    qtbot.wait(50)
    for item in [i for i in dock.band_plot.getPlotItem().items if isinstance(i, pg.ImageItem)]:
        item.render()
        expected = level_colour(LEVELS[0])
        assert item.qimage.pixelColor(0, 0).getRgb()[:3] == expected.getRgb()[:3]
    # the strips' names on their own axis, one text line apart; the AQI axis keeps its numbers
    pixels = dock.band_plot.getPlotItem().vb.mapViewToDevice(QPointF(0, 1.5)).y() - \
        dock.band_plot.getPlotItem().vb.mapViewToDevice(QPointF(0, 0.5)).y()
    assert abs(pixels) >= 14
    ticks = [v for _, values in dock.aqi_axis.tickValues(0, 340, 200) for v in values]
    assert {100.0, 200.0, 300.0} <= set(ticks)
    assert dock.plot.getPlotItem().legend is None
    assert dock.plot.getPlotItem().buttonsHidden and dock.band_plot.getPlotItem().buttonsHidden
    assert '━' in dock.title.text()


def test_strip_names_fit_in_english(dock, state, qtbot):
    """Both strip names are drawn in English too (a name wider than the axis was dropped)."""
    state.set_selection(["成都市"])
    width = dock.band_plot.getAxis("left").maximumWidth()
    assert width >= max(dock.fontMetrics().horizontalAdvance(t) for t in dock.band_axis.bands.values()) + 22
    assert dock.plot.getAxis("left").maximumWidth() == width  # the two time axes line up


def test_another_forecast_replaces_the_axis_and_range(dock, state, controller):
    """Issue 25.1: after a 3-day forecast, a 7-day one starting two days later is drawn whole (168 hours) and
    its ticks name its own dates — the old forecast's x limits and drawn tick texts are not kept."""
    from tests.gui.forecasts import episode_forecast

    controller.set_forecast(episode_forecast(days=3, start="2026-01-10 00:00"))
    dock.refresh()
    assert dock.plot.getPlotItem().vb.viewRange()[0][1] == pytest.approx(71.5)
    controller.set_forecast(episode_forecast(days=7, start="2026-01-12 00:00"))
    lo, hi = dock.plot.getPlotItem().vb.viewRange()[0]
    assert (lo, hi) == (pytest.approx(-0.5), pytest.approx(167.5))
    ticks = dock.axis.tickValues(lo, hi, 1000)[0][1]
    assert dock.axis.tickStrings(ticks[:2], 1, 24) == ["01-12 D+1", "01-13 D+2"]


def test_same_length_forecast_redraws_the_day_ticks(dock, state, controller):
    """Same number of hours, other dates: the range does not change, so pyqtgraph would keep the drawn ticks."""
    from tests.gui.forecasts import episode_forecast

    dock.band_plot.grab()  # paints the axis: pyqtgraph keeps the picture until the range changes
    assert dock.axis.picture is not None
    controller.set_forecast(episode_forecast(days=7, start="2026-01-14 00:00"))
    assert dock.axis.picture is None and dock._items["grid_axis"].picture is None
