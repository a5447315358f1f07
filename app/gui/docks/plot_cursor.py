"""The current hour's line over a pyqtgraph plot, moved without drawing the plot again.

As a pyqtgraph ``InfiniteLine`` the cursor was an item of the plot's scene: moving it made the view draw every
item under its old and new place again (the grid replays its whole picture, the curves their paths) — about a
millisecond a plot at every hour step (issue 26). Here the plot keeps a picture of what its scene last drew;
the cursor is drawn over the viewport, and a step only puts back the strip of the picture where the line was.
Whatever else asks the viewport to paint (the scene changed, a resize, an expose) is drawn by the scene as
before, into the picture as well.

Imported only when a plot is built (pyqtgraph is a quarter of a second to import).
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QLineF, QPointF, QRect, QRectF, QTimer
from PySide6.QtGui import QPainter, QPixmap, QRegion
from PySide6.QtWidgets import QWidget

from app.gui.docks.hour_cursor import CURSOR_PEN, HourCursor

REFRESH_MS = 150  # after the scene last drew, the picture is brought up to date


class CursorPlot(pg.PlotWidget):
    """A ``PlotWidget`` with an :class:`HourCursor` (``cursor``) drawn over it from a picture of its scene."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.cursor = HourCursor(self, pg.mkPen(CURSOR_PEN, width=2))
        self._picture: QPixmap | None = None  # the viewport as the scene drew it, without the cursor
        self._stale = QRegion()  # parts of the picture the scene has not drawn since they changed
        self._drawn: QRect | None = None  # the strip the line was drawn in last
        self._strips = QRegion()  # strips asked to repaint for the cursor alone
        self._rendering = False
        # the picture is brought up to date once the scene has stopped drawing for a moment (not at every frame
        # of a drag or zoom, which would then draw twice)
        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(REFRESH_MS)
        self._refresh.timeout.connect(self._refresh_picture)
        self._geometry: tuple[QRectF, float, float] | None = None  # see _measure

    def cursor_rect(self) -> QRect | None:
        """The strip of the viewport the line covers (a pixel to spare each side), None when not shown."""
        line = self._line()
        if line is None:
            return None
        x = line.x1()
        return QRectF(x - 2, line.y1(), 4, line.y2() - line.y1()).toAlignedRect().adjusted(-1, -1, 1, 1)

    def _line(self) -> QLineF | None:
        cursor = self.cursor
        if not cursor._shown or cursor._value is None:
            return None
        if self._geometry is None:
            self._measure()
        box, scale, offset = self._geometry
        x = cursor._value * scale + offset
        if not box.left() - 2 <= x <= box.right() + 2:
            return None
        return QLineF(x, box.top(), x, box.bottom())

    def _measure(self) -> None:
        """The view box in viewport pixels and x → pixel, kept from one drawing of the scene to the next (asking
        pyqtgraph at each step cost more than drawing the line)."""
        view = self.getPlotItem().getViewBox()
        transform = self.viewportTransform()
        at0 = transform.map(view.mapViewToScene(QPointF(0, 0))).x()
        at1 = transform.map(view.mapViewToScene(QPointF(1, 0))).x()
        self._geometry = (transform.mapRect(view.sceneBoundingRect()), at1 - at0, at0)

    def cursor_moved(self) -> None:
        strips = QRegion()
        for rect in (self._drawn, self.cursor_rect()):
            if rect is not None:
                strips += rect
        if not strips.isEmpty():
            self._strips += strips
            self.viewport().update(strips)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self._rendering:  # into the picture: the scene draws as pyqtgraph always has
            super().paintEvent(event)
            return
        viewport = self.viewport()
        region = event.region()
        size = viewport.size() * viewport.devicePixelRatioF()
        if self._picture is None or self._picture.size() != size:
            self._picture = None
        cursor_only = self._picture is not None and self._stale.isEmpty() and region.subtracted(self._strips).isEmpty()
        self._strips = QRegion()
        if cursor_only:  # the line moved: the picture put back where it was, the line drawn where it is
            painter = QPainter(viewport)
            ratio = self._picture.devicePixelRatio()
            for rect in region:
                # strip by strip, each under a clip of its own rectangle: under the paint's clip of two strips
                # Qt blends span by span, handing a tall strip to its worker threads and waiting for them
                painter.setClipRect(rect)
                painter.drawPixmap(rect, self._picture, QRectF(rect.x() * ratio, rect.y() * ratio,
                                                                rect.width() * ratio, rect.height() * ratio).toRect())
            painter.setClipping(False)
        else:  # the scene draws; the picture is brought up to date later (never from within a paint)
            super().paintEvent(event)
            self._measure()  # the view may have moved or been resized
            self._stale += region
            self._refresh.start()
            painter = QPainter(viewport)
        self._draw_line(painter)
        painter.end()

    def _draw_line(self, painter: QPainter) -> None:
        line = self._line()
        self._drawn = None
        if line is None:
            return
        self._drawn = self.cursor_rect()
        painter.setRenderHints(self.renderHints())
        # within the view box, and one rectangle (see paintEvent)
        painter.setClipRect(self._geometry[0].intersected(QRectF(self._drawn)))
        painter.setPen(self.cursor.pen)
        painter.drawLine(line)

    def _refresh_picture(self) -> None:
        """The parts of the picture the scene last drew on screen, drawn again into it (outside a paint event:
        a widget may not be rendered from within its own)."""
        viewport = self.viewport()
        if not self.isVisible() or viewport.width() <= 0 or viewport.height() <= 0:
            self._picture = None
            return
        ratio = viewport.devicePixelRatioF()
        if self._picture is None or self._picture.size() != viewport.size() * ratio:
            self._picture = QPixmap(viewport.size() * ratio)
            self._picture.setDevicePixelRatio(ratio)
            self._stale = QRegion(viewport.rect())
        if self._stale.isEmpty():
            return
        self._rendering = True
        try:
            viewport.render(self._picture, self._stale.boundingRect().topLeft(), self._stale,
                            QWidget.RenderFlag.DrawWindowBackground)
        finally:
            self._rendering = False
        self._stale = QRegion()
