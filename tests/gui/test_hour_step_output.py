"""What an hour step shows, drawn the cheaper way (issue 26, hour step ≤ 5 ms): the same pixels, at every hour."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QImage, QPainter


def _pixels(image: QImage, rect=None) -> np.ndarray:
    """(h, w, 4) uint8 of an image (or of ``rect`` in it, logical pixels at device pixel ratio 1)."""
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    if rect is not None:
        image = image.copy(rect.toAlignedRect())
    array = np.frombuffer(image.constBits(), dtype=np.uint8).reshape(image.height(), image.bytesPerLine())
    return array[:, :image.width() * 4].reshape(image.height(), image.width(), 4).copy()


@pytest.mark.parametrize("height", [640, 200])  # the legend at its own size; shrunk (at a fraction of a pixel)
def test_the_legend_looks_as_drawn_scaled_into_its_rectangle(desk, canvas, height, monkeypatch):
    """The legend is drawn from an image made at its drawn size (smooth scaling at each paint took 2.2 ms of a
    step): the same pixels as the legend painted smoothly into its rectangle over the map."""
    desk.window.resize(1366, 768)
    canvas.resize(840, height)
    canvas.reset_view()
    shown = canvas.grab().toImage()
    rect = canvas.legend_rect()
    legend = canvas._legend
    assert (rect.size() == legend.deviceIndependentSize()) == (height == 640)
    monkeypatch.setattr(canvas, "_draw_legend", lambda painter: None)
    reference = canvas.grab().toImage().convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
    under = _pixels(reference, rect)
    painter = QPainter(reference)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    painter.drawImage(rect, legend)
    painter.end()
    got, want = _pixels(shown, rect).astype(int), _pixels(reference, rect).astype(int)
    assert np.abs(got - under).max() > 100  # the legend is there
    assert np.array_equal(got, want)  # shrunk too: scaled once at the same fraction of a pixel


def test_the_unit_panel_shows_each_hours_values_painting_only_what_changed(desk, qtbot):
    """At each hour only the panel's changed cells are prepared and painted (as a rich-text table in a
    QTextBrowser the whole table was laid out and painted at every step): the window shows the panel exactly as
    painted whole, with the hour's step and numbers, and a step repaints less than the whole panel."""
    from PySide6.QtCore import QEvent, QObject

    from app.gui.numbers_text import aqi_text
    from app.gui.timefmt import step_text

    window, state = desk.window, desk.state
    window.show_dock("UnitPanelDock")
    view = window.docks["UnitPanelDock"].label.view
    painted = []

    class Regions(QObject):
        def eventFilter(self, watched, event):  # noqa: N802 - Qt API
            if event.type() == QEvent.Type.Paint:
                painted.append(event.region().boundingRect())
            return False

    spy = Regions()
    view.installEventFilter(spy)
    evaluation, screen = state.evaluation, window.screen()
    for unit in ("成都市", "德阳市"):
        state.set_hour(0)
        state.set_selection([unit])
        row = evaluation.units.index(unit)
        qtbot.wait(10)
        for hour in range(1, len(evaluation.times), 5):
            painted.clear()
            state.set_hour(hour)
            desk.app.processEvents()
            assert painted and all(r.height() < view.height() for r in painted), (hour, painted)
            title, step, rows = view._texts
            assert unit in title and step == step_text(evaluation, hour)
            hourly = aqi_text(evaluation.hourly_aqi[row, hour], bool(evaluation.hourly_over_500[row, hour]))
            values = dict(rows)
            assert values["小时 AQI"][0].startswith(hourly), (unit, hour, values["小时 AQI"])
            drawn = [[label.text(), [line.text() for line in lines]] for label, lines in view._rows]
            assert drawn == [[label, lines] for label, lines in rows]  # the prepared texts are the hour's
            assert view._step.text() == step
            visible = view.visibleRegion().boundingRect()
            corner = view.mapTo(window, visible.topLeft())
            shown = screen.grabWindow(window.winId(), corner.x(), corner.y(), visible.width(), visible.height())
            assert np.array_equal(_pixels(shown.toImage()), _pixels(view.grab(visible).toImage())), (unit, hour)


def test_the_hour_line_moves_over_the_plots_as_if_each_were_drawn_anew(desk, qtbot, monkeypatch):
    """The timeline's (curves and level strips) and the weather panel's hour line is drawn over a picture of the
    plot: at each hour the window shows each plot exactly as drawn anew, the line at the hour, and no step draws
    a plot again."""
    import pyqtgraph as pg

    from app.gui.docks.met_panel import MetPanel
    from app.gui.docks.timeline_plot import TimelinePlot

    window, state = desk.window, desk.state
    dock = window.docks["TimelineDock"]
    state.set_selection(["成都市", "德阳市"])
    qtbot.waitUntil(lambda: dock._plot is not None, timeout=5000)
    met = dock.findChild(MetPanel)
    met.toggle.setChecked(True)
    qtbot.waitUntil(lambda: met.plot is not None and met.plot.isVisible(), timeout=5000)
    timeline = dock.plot
    qtbot.wait(300)  # the pictures are made once the plots have drawn
    drawn = []
    original = pg.GraphicsView.paintEvent
    monkeypatch.setattr(pg.GraphicsView, "paintEvent", lambda view, event: (drawn.append(view), original(view, event)))
    draw = TimelinePlot.draw
    monkeypatch.setattr(TimelinePlot, "draw", lambda plot, painter: (drawn.append(plot), draw(plot, painter)))
    screen = window.screen()

    def shown(widget):
        corner = widget.mapTo(window, widget.rect().topLeft())
        return _pixels(screen.grabWindow(window.winId(), corner.x(), corner.y(), widget.width(),
                                         widget.height()).toImage())

    for hour in (5, 6, 40, 41, 100, 7, 0, len(state.evaluation.times) - 1):
        drawn.clear()
        state.set_hour(hour)
        desk.app.processEvents()
        assert not [view for view in drawn if not getattr(view, "_rendering", False)], hour  # nothing drew again
        got = shown(timeline)
        timeline._picture = None  # drawn anew: the plot, the line over it
        assert np.array_equal(got, _pixels(timeline.grab().toImage())), (hour, "timeline")
        middle = int(timeline.aqi_rect().center().y())
        left, right = int(timeline.aqi_rect().left()), int(timeline.aqi_rect().right())
        dark = left + np.flatnonzero(got[middle, left:right, :3].max(axis=1) < 60)
        assert 1 <= len(dark) <= 2 and abs(dark.mean() + 0.5 - timeline.x_to_pixel(hour)) <= 1.0, (hour, dark)
        viewport = met.plot.viewport()
        got = shown(viewport)
        assert np.array_equal(got, _pixels(viewport.grab().toImage())), (hour, "weather")
        box, scale, offset = met.plot._geometry  # the view box in the viewport, x → pixel
        left, right = int(box.left()), int(box.right())
        dark = left + np.flatnonzero(got[int(box.center().y()), left:right, :3].max(axis=1) < 60)
        assert 1 <= len(dark) <= 2 and abs(dark.mean() + 0.5 - (hour * scale + offset)) <= 1.0, (hour, dark)  # 2 px
        qtbot.wait(250)  # the grabs drew the scenes: their pictures are brought up to date


def test_the_scale_bar_copied_from_its_image_looks_as_drawn(desk, canvas, monkeypatch):
    """The scale bar is copied from an image of it drawn once (0.15 ms of every step drawn anew): the same
    pixels, to a level of rounding, as the bar drawn straight onto the map."""
    import functools

    import app.gui.map.canvas as canvas_module
    from app.gui.map.scalebar import draw_scale_bar

    shown = canvas.grab().toImage()
    rect = canvas.scale_bar_rect
    assert not rect.isEmpty()
    monkeypatch.setattr(canvas_module, "draw_scale_bar", functools.partial(draw_scale_bar, cache=False))
    direct = canvas.grab().toImage()
    got, want = _pixels(shown, rect).astype(int), _pixels(direct, rect).astype(int)
    assert np.abs(got - want).max() <= 2, np.abs(got - want).max()
    assert (got[..., :3].min(axis=2) < 60).sum() > 100  # the bar and its text are there


def test_the_stale_notice_follows_the_clock_by_the_minute(desk):
    """The forecast's freshness is worked out once a minute of the clock (the map asked at every paint)."""
    from datetime import timedelta

    from app.gui.map.header import current_freshness, stale_notice

    state = desk.state
    end = state.evaluation.times[-1].to_pydatetime()
    state.clock = lambda: end.replace(second=0) - timedelta(minutes=1)
    assert not current_freshness(state).period_ended and "结束" not in stale_notice(state)
    state.clock = lambda: end.replace(second=0) + timedelta(minutes=1)
    assert current_freshness(state).period_ended and "结束" in stale_notice(state)
    state.clock = lambda: end - timedelta(hours=2)
    assert not current_freshness(state).period_ended


def test_the_time_slider_repaints_the_stretch_between_its_handles_as_painted_whole(desk, qtbot):
    """At a new hour the slider repaints its old and new handle and the groove between them (its whole 960 px
    was 0.38 ms a step): the window shows it exactly as painted whole, the handle at the hour."""
    from PySide6.QtCore import QEvent, QObject, QRect

    window, state = desk.window, desk.state
    slider = window.timebar.slider
    regions = []

    class Regions(QObject):
        def eventFilter(self, watched, event):  # noqa: N802 - Qt API
            if event.type() == QEvent.Type.Paint:
                regions.append(event.region().boundingRect())
            return False

    spy = Regions()
    slider.installEventFilter(spy)
    qtbot.wait(20)
    screen = window.screen()
    last = len(state.evaluation.times) - 1
    for before, hour in zip((0, 3, 4, 30, 29, 150, 0, last), (3, 4, 30, 29, 150, 0, last, 77)):
        regions.clear()
        state.set_hour(hour)
        desk.app.processEvents()
        assert slider.value() == hour
        width = slider.width() * (abs(hour - before) + 6) / last  # the stretch between the handles
        assert regions and all(r.width() <= width for r in regions), (hour, regions)
        corner = slider.mapTo(window, slider.rect().topLeft())
        shown = screen.grabWindow(window.winId(), corner.x(), corner.y(), slider.width(), slider.height())
        anew = window.grab(QRect(corner, slider.size()))  # the window there painted whole
        assert np.array_equal(_pixels(shown.toImage()), _pixels(anew.toImage())), hour
