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


def test_the_unit_panel_shows_each_hours_values_written_cell_by_cell(desk, monkeypatch):
    """At each hour only the changed cells of the unit's table are written (writing the whole text was 1.1 ms of
    a step): the panel's document is the one its whole text makes, and it holds the hour's own numbers."""
    from PySide6.QtGui import QTextDocument

    from app.gui.numbers_text import aqi_text
    from app.gui.timefmt import step_text

    window, state = desk.window, desk.state
    window.show_dock("UnitPanelDock")
    label = window.docks["UnitPanelDock"].label
    whole = []
    monkeypatch.setattr(label, "setHtml", lambda html: (whole.append(html), QTextDocument.setHtml(label.document(), html)))
    evaluation = state.evaluation
    for unit in ("成都市", "德阳市"):
        state.set_selection([unit])
        assert len(whole) == 1  # a new unit: its text written whole
        row = evaluation.units.index(unit)
        for hour in range(0, len(evaluation.times), 5):
            state.set_hour(hour)
            document = label.document()
            made = QTextDocument()
            made.setDefaultFont(document.defaultFont())
            made.setDocumentMargin(document.documentMargin())
            made.setHtml(label.text())
            assert document.toHtml() == made.toHtml(), (unit, hour)
            shown = document.toPlainText()
            assert step_text(evaluation, hour) in shown and unit in shown
            hourly = aqi_text(evaluation.hourly_aqi[row, hour], bool(evaluation.hourly_over_500[row, hour]))
            assert f"小时 AQI\t{hourly}" in shown.replace("\n", "\t"), (unit, hour, hourly)
        assert len(whole) == 1, "an hour step wrote the whole text"
        whole.clear()


def test_the_hour_line_moves_over_the_plots_as_if_each_were_drawn_anew(desk, qtbot, monkeypatch):
    """The timeline's, the level bands' and the weather panel's hour line is drawn over a picture of the plot
    (moving a pyqtgraph line made each plot draw its scene again under it, ~1 ms a plot a step): at each hour
    the window shows each plot exactly as drawn anew, the line at the hour, and no step draws a scene."""
    import pyqtgraph as pg

    from app.gui.docks.met_panel import MetPanel

    window, state = desk.window, desk.state
    dock = window.docks["TimelineDock"]
    state.set_selection(["成都市", "德阳市"])
    qtbot.waitUntil(lambda: dock._plot is not None, timeout=5000)
    met = dock.findChild(MetPanel)
    met.toggle.setChecked(True)
    qtbot.waitUntil(lambda: met.plot is not None and met.plot.isVisible(), timeout=5000)
    plots = [dock.plot, dock.band_plot, met.plot]
    qtbot.wait(50)
    drawn = []
    original = pg.GraphicsView.paintEvent
    monkeypatch.setattr(pg.GraphicsView, "paintEvent", lambda view, event: (drawn.append(view), original(view, event)))
    screen = window.screen()
    for hour in (5, 6, 40, 41, 100, 7, 0, len(state.evaluation.times) - 1):
        drawn.clear()
        state.set_hour(hour)
        desk.app.processEvents()
        assert not [view for view in drawn if not view._rendering], hour  # the scenes drew nothing
        for plot in plots:
            viewport = plot.viewport()
            corner = viewport.mapTo(window, viewport.rect().topLeft())
            shown = screen.grabWindow(window.winId(), corner.x(), corner.y(), viewport.width(), viewport.height())
            anew = viewport.grab()  # the scene drawn whole, the line over it
            got = _pixels(shown.toImage())
            assert np.array_equal(got, _pixels(anew.toImage())), (hour, plot)
            box, scale, offset = plot._geometry  # the view box in the viewport, x → pixel
            left, right = int(box.left()), int(box.right())
            dark = left + np.flatnonzero(got[int(box.center().y()), left:right, :3].max(axis=1) < 60)
            assert 1 <= len(dark) <= 2 and abs(dark.mean() + 0.5 - (hour * scale + offset)) <= 1.0, (hour, dark)  # 2 px
        qtbot.wait(5)  # the grabs drew the scenes: their pictures are brought up to date
