"""Timeline dock: lines for the selected units, level bands, the current hour, clicking moves the hour, the
wheel and drags zoom and move the hours (the plot is our own QPainter code: app.gui.docks.timeline_plot)."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor

from app.gui.docks.timeline_dock import TimelineDock
from app.gui.docks.timeline_plot import day_text, day_ticks, value_ticks


@pytest.fixture
def dock(qtbot, state):
    dock = TimelineDock(state)
    qtbot.addWidget(dock)
    dock.resize(1100, 380)
    dock.show()
    qtbot.waitExposed(dock)
    return dock


def curves(dock) -> list:
    return dock.plot.curves


def pixel(plot, point) -> tuple[int, int, int]:
    """The colour drawn at ``point()`` (asked for once the plot is laid out and drawn)."""
    image = plot.grab().toImage()
    return image.pixelColor(point().toPoint()).getRgb()[:3]


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
    np.testing.assert_array_equal(lines[0].y, state.evaluation.hourly_aqi[row])
    np.testing.assert_array_equal(lines[1].y, state.evaluation.daily_aqi[row])
    assert (lines[0].width, lines[1].width) == (1, 3)
    assert "成都市" in dock.title.text()
    assert len(dock.plot.strips) == 2  # own level and warned level, named on the axis
    assert dock.plot.strip_names == ["本市", "预警"]
    own = dock.plot.strips[0][0]
    assert tuple(own[40]) == (0xFF, 0x8C, 0x00) and tuple(own[2]) == (0xE6, 0xEE, 0xE9)  # orange in the episode
    plot = dock.plot  # and drawn so
    at = lambda: QPointF(plot.x_to_pixel(40), plot.strips_rect().top() + plot.strips_rect().height() / 4)  # noqa: E731
    assert pixel(plot, at) == (0xFF, 0x8C, 0)
    state.set_episode(1)
    shoot(dock, "timeline-dock")


def test_episode_without_selection_shows_its_cluster_and_span(dock, state):
    state.set_episode(0)
    episode = state.evaluation.episodes[0]
    assert dock.units == episode.trigger_cities[:5]
    lo, hi = dock.span.lo, dock.span.hi
    assert state.evaluation.times[int(lo + 0.5)] == episode.start
    assert state.evaluation.times[int(hi - 0.5)] == episode.end


def test_clicking_the_plot_moves_the_hour(dock, state, qtbot):
    state.set_selection(["成都市"])
    state.set_hour(0)
    pos = dock.plot.point_at(50, 100)
    with qtbot.waitSignal(state.hourChanged):
        qtbot.mouseClick(dock.plot, Qt.MouseButton.LeftButton, pos=pos)
    assert state.hour == 50
    assert dock.cursor.value() == 50
    state.set_hour(100)
    assert dock.cursor.value() == 100


def test_day_ticks_say_date_and_forecast_day(dock, state):
    strings = [day_text(state.evaluation, step) for step in (0, 24, 30)]
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
    plot, expected = dock.plot, level_colour(LEVELS[0]).getRgb()[:3]
    for k in (0, 1):
        at = lambda: QPointF(plot.x_to_pixel(30), plot.strips_rect().top() + (k + 0.5) * plot.strips_rect().height() / 2)  # noqa: E731, B023
        assert pixel(plot, at) == expected
    strips = plot.strips_rect()
    # the strips' names on their own axis, one text line apart, below the AQI pane; the AQI axis keeps its numbers
    assert strips.height() / 2 >= 14 and strips.top() > dock.plot.aqi_rect().bottom()
    assert {100.0, 200.0, 300.0} <= set(value_ticks(340, 200))
    assert '━' in dock.title.text()


def test_strip_names_fit_in_english(dock, state, qtbot):
    """Both strip names are drawn in English too (a name wider than the axis was dropped)."""
    state.set_selection(["成都市"])
    width = dock.plot.axis_width
    assert width >= max(dock.fontMetrics().horizontalAdvance(t) for t in dock.plot.strip_names) + 22
    assert dock.plot.aqi_rect().left() == dock.plot.strips_rect().left() == width  # one time axis for both


def test_another_forecast_replaces_the_axis_and_range(dock, state, controller):
    """Issue 25.1: after a 3-day forecast, a 7-day one starting two days later is drawn whole (168 hours) and
    its ticks name its own dates — the old forecast's x limits and drawn tick texts are not kept."""
    from tests.gui.forecasts import episode_forecast

    controller.set_forecast(episode_forecast(days=3, start="2026-01-10 00:00"))
    dock.refresh()
    assert dock.plot.x_range[1] == pytest.approx(71.5)
    controller.set_forecast(episode_forecast(days=7, start="2026-01-12 00:00"))
    lo, hi = dock.plot.x_range
    assert (lo, hi) == (pytest.approx(-0.5), pytest.approx(167.5))
    ticks = day_ticks(state.evaluation, lo, hi, 1000, 80)[0]
    assert [day_text(state.evaluation, t) for t in ticks[:2]] == ["01-12 D+1", "01-13 D+2"]


def test_same_length_forecast_redraws_the_day_ticks(dock, state, controller):
    """Same number of hours, other dates: the kept picture of the plot is drawn anew with the new dates."""
    from tests.gui.forecasts import episode_forecast

    dock.plot.grab()
    assert dock.plot._picture is not None
    controller.set_forecast(episode_forecast(days=7, start="2026-01-14 00:00"))
    assert dock.plot._picture is None and dock.plot.evaluation is state.evaluation


def test_the_wheel_zooms_about_the_pointer_and_a_drag_moves_the_hours(dock, state, qtbot):
    """As pyqtgraph's view did: the wheel zooms the hours (not the AQI) about the pointer, a left drag moves
    them, a right drag zooms them, never past the forecast's ends; a drag is not a click."""
    from PySide6.QtGui import QWheelEvent

    state.set_selection(["成都市"])
    plot, n = dock.plot, len(state.evaluation.times)
    qtbot.wait(20)  # laid out
    at = plot.point_at(60, 100)
    under = plot.pixel_to_x(at.x())

    def wheel(delta: int) -> None:
        event = QWheelEvent(QPointF(at), QPointF(plot.mapToGlobal(at)), QPoint(), QPoint(0, delta),
                            Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
                            False)
        plot.wheelEvent(event)

    wheel(120)  # one notch in: 1.02 ** -15 of the hours shown, the hour under the pointer stays
    lo, hi = plot.x_range
    assert hi - lo == pytest.approx(n * 1.02 ** -15)
    assert plot.pixel_to_x(at.x()) == pytest.approx(under)
    assert plot.top == pytest.approx(dock.plot.top)  # the AQI is not zoomed
    state.set_hour(0)
    qtbot.mousePress(plot, Qt.MouseButton.LeftButton, pos=at)
    qtbot.mouseMove(plot, at + QPoint(100, 0))
    qtbot.mouseRelease(plot, Qt.MouseButton.LeftButton, pos=at + QPoint(100, 0))
    moved = plot.x_range
    assert moved[0] == pytest.approx(max(-0.5, lo - 100 * (hi - lo) / plot.aqi_rect().width()))
    assert state.hour == 0  # a drag, not a click
    for _ in range(20):
        wheel(-120)  # all the way out: the forecast's whole period, no more
    assert plot.x_range == (pytest.approx(-0.5), pytest.approx(n - 0.5))
    qtbot.mousePress(plot, Qt.MouseButton.RightButton, pos=at)
    qtbot.mouseMove(plot, at + QPoint(20, 0))
    qtbot.mouseRelease(plot, Qt.MouseButton.RightButton, pos=at + QPoint(20, 0))
    assert plot.x_range[1] - plot.x_range[0] == pytest.approx(n * 1.02 ** -20)


def test_tooltips_name_the_span_the_strips_and_the_hours_line_follows_the_zoom(dock, state, qtbot):
    state.set_episode(0)
    plot = dock.plot
    qtbot.wait(20)  # laid out
    episode = state.evaluation.episodes[0]
    inside = (dock.span.lo + dock.span.hi) / 2
    assert episode.region in plot.tooltip_at(QPointF(plot.point_at(inside, 20)))
    strips = plot.strips_rect()
    assert plot.tooltip_at(QPointF(plot.x_to_pixel(5), strips.top() + 2)) == "本市自身等级"
    assert plot.tooltip_at(QPointF(plot.x_to_pixel(5), strips.bottom() - 2)) == "预警等级（区域或自身，取高者）"
    state.set_hour(30)
    qtbot.wait(10)
    line = plot.cursor_rect()
    image = plot.grab().toImage()
    assert QColor(image.pixelColor(round(plot.x_to_pixel(30)), round(strips.center().y()))).getRgb()[:3] == \
        (0x20, 0x20, 0x20)
    plot.set_x_range(20, 60)
    assert plot.cursor_rect() != line and plot.cursor_rect().center().x() == pytest.approx(plot.x_to_pixel(30), abs=2)


def test_zoomed_in_the_hours_are_written_under_their_ticks(dock, state, qtbot, monkeypatch):
    """As pyqtgraph's day axis wrote its minor ticks' texts when they stood apart: the whole forecast shows
    the days only; a day and a half across the plot shows 06, 12, 18 between them."""
    from PySide6.QtGui import QPainter

    written, draw_text = [], QPainter.drawText
    monkeypatch.setattr(QPainter, "drawText", lambda painter, *args: (written.append(args[-1]),
                                                                       draw_text(painter, *args)))
    state.set_selection(["成都市"])
    qtbot.wait(20)
    dock.plot.grab()
    assert "01-11 D+2" in written and not {"06", "12", "18"} & set(written)
    written.clear()
    dock.plot.set_x_range(30, 66)
    dock.plot.grab()
    assert {"12", "18", "01-12 D+3"} <= set(written)


def test_threshold_numbers_are_never_struck_through_nor_over_each_other(dock, state, qtbot):
    """On a short plot (the dock at its least on a laptop) 50 AQI is less than a line of text: the 200 was
    written under its line and struck through by the 150 line. Each number stays clear of every threshold
    line and of the other numbers, however tall the plot."""
    from PySide6.QtGui import QFontMetrics

    state.set_selection(["成都市"])
    plot = dock.plot
    for height in (380, 250, 200, 170):
        dock.resize(1100, height)
        qtbot.wait(10)
        aqi, metrics = plot.aqi_rect(), QFontMetrics(plot.font())
        rects = plot.threshold_label_rects(aqi, metrics)
        assert len(rects) == 3
        for k, rect in enumerate(rects):
            for line in plot.thresholds:
                y = round(plot.y_to_pixel(line.value)) + 0.5
                assert not rect.top() < y < rect.bottom(), (height, plot.thresholds[k].value, line.value)
            assert not any(rect.intersects(other) for other in rects[k + 1:]), height
            assert aqi.left() <= rect.left() and rect.right() <= aqi.right() + 1


def test_the_now_label_is_whole_at_either_end_of_the_hours(dock, state, qtbot):
    """Weeks observed before the forecast put the "now" line near the right edge: its label was cut off."""
    from PySide6.QtGui import QFontMetrics

    from app.gui.docks.timeline_plot import Marker

    plot = dock.plot
    n = len(state.evaluation.times)
    aqi, metrics = plot.aqi_rect(), QFontMetrics(plot.font())
    for at in (0.5, n / 2, n - 1.5):
        plot.marker = Marker(at, "◀ 实况 | 预报 ▶", "")
        rect = plot.marker_label_rect(aqi, metrics)
        assert aqi.left() <= rect.left() and rect.right() <= aqi.right()
        assert rect.width() >= metrics.horizontalAdvance("◀ 实况 | 预报 ▶")
    plot.marker = Marker(n / 2, "◀ 实况 | 预报 ▶", "")
    assert abs(plot.marker_label_rect(aqi, metrics).center().x() - plot.x_to_pixel(n / 2)) < 1  # centred


def test_a_threshold_number_stays_legible_over_a_thick_curve(dock, state, qtbot):
    """A daily AQI just under 150 ran its thick line through the '150' written under the line (walkthrough at
    1366×768 in English): the numbers have a light ground of their own."""
    from PySide6.QtGui import QFontMetrics

    from app.gui.docks.timeline_plot import Curve

    state.set_selection(["成都市"])
    plot = dock.plot
    dock.resize(1100, 200)
    qtbot.wait(10)
    n = len(state.evaluation.times)
    aqi, metrics = plot.aqi_rect(), QFontMetrics(plot.font())
    label = plot.threshold_label_rects(aqi, metrics)[0]  # 150's, at the left end
    value = 150 - (label.center().y() - plot.y_to_pixel(150)) / aqi.height() * plot.top  # through its middle
    plot.curves = [Curve(np.arange(n, dtype=float), np.full(n, value), "#1F5FAD", 5)]
    plot.changed()
    image = plot.grab().toImage()
    inside = label.toRect().adjusted(1, 1, -1, -1)
    blue = sum(image.pixelColor(x, y).getRgb()[:3] == (0x1F, 0x5F, 0xAD)
               for x in range(inside.left(), inside.right()) for y in range(inside.top(), inside.bottom()))
    assert blue == 0
    outside = round(plot.x_to_pixel(n / 2)), round(label.center().y())
    assert image.pixelColor(*outside).getRgb()[:3] == (0x1F, 0x5F, 0xAD)  # the curve is drawn there
