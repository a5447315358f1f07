"""The timeline's plot, drawn by our own QPainter code: the AQI curves above, the two level strips below, one
time axis (the forecast step) under both.

It was two pyqtgraph plots: pyqtgraph's import alone (its Qt shim makes PySide6 build every QtCore/QtGui/
QtWidgets class, with its enums) cost about 0.2 s of every ``gui --screenshot`` and of the window's first
second, and the two plots another 0.1 s to build and paint (issue 26). What the officer does with it is kept:
the wheel zooms the hours about the pointer, a drag with the left button moves them, with the right button
zooms them; a click moves the whole window to that hour; the episode's span, the strips and the "now" line
name themselves in a tooltip; the hour's line moves without drawing the plot again (the plot is kept as a
picture, and a step puts back the strip where the line was).

The meteorology panel (still pyqtgraph, built only when opened) follows the hours through ``xRangeChanged``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QEvent, QLineF, QPoint, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from app.domain.scheme import BEIJING
from app.gui.docks.hour_cursor import HourCursor
from app.gui.timefmt import day_label, is_observed

AXIS_PEN = QColor(150, 150, 150)  # the axes, their ticks and numbers (pyqtgraph's grey, as before)
GRID_ALPHA = 38  # the grid's lines: 15 % of the axis grey
TOP_MARGIN = 6  # above the AQI pane: room for the 300 line's label
RIGHT_MARGIN = 6
TICK = 5  # tick length, outward
DRAG_PIXELS = 3  # a press that moves less than this is a click
MIN_HOURS = 6.0  # the narrowest zoom


@dataclass
class Curve:
    x: np.ndarray
    y: np.ndarray
    colour: str
    width: int
    style: Qt.PenStyle = Qt.PenStyle.SolidLine
    name: str = ""


@dataclass
class Threshold:
    value: float
    colour: str
    left: bool  # its label at the left end (else the right)


@dataclass
class Marker:
    """A vertical line between hours (``at`` in steps, e.g. the forecast's first hour − 0.5) with a label."""
    at: float
    label: str
    tooltip: str


@dataclass
class Span:
    lo: float
    hi: float
    colour: QColor
    tooltip: str


def day_ticks(evaluation, lo: float, hi: float, pixels: float, label_width: float) -> tuple[list[int], list[int]]:
    """(day ticks, minor ticks) between ``lo`` and ``hi`` on ``pixels`` of axis: each Beijing midnight (every few
    days when the labels would meet, as when weeks were observed), and six- or twelve-hourly minor ticks when a
    day is wide enough."""
    if evaluation is None or not len(evaluation.times):
        return [], []
    hours = np.asarray(evaluation.times.tz_convert(BEIJING).hour)
    steps = np.arange(len(hours))
    inside = (steps >= lo) & (steps <= hi)
    major = steps[inside & (hours == 0)]
    pixels_per_day = pixels / max(1.0, (hi - lo) / 24)
    if pixels_per_day < label_width:
        stride = int(np.ceil(label_width / max(pixels_per_day, 1.0)))
        first = int(np.flatnonzero(hours == 0)[0]) if (hours == 0).any() else 0
        major = major[((major - first) // 24) % stride == 0]
    if pixels_per_day < 60:
        return major.tolist(), []
    every = 6 if pixels_per_day >= 120 else 12
    minor = steps[inside & (hours % every == 0) & (hours != 0)]
    return major.tolist(), minor.tolist()


def day_text(evaluation, step: int) -> str:
    """'01-11 D+1' at a midnight ('01-11' for an observed day: the forecast's days count from its issue)."""
    if evaluation is None or not 0 <= step < len(evaluation.times):
        return ""
    t = evaluation.times[step].tz_convert(BEIJING)
    if t.hour:
        return f"{t:%H}"
    return f"{t:%m-%d}" if is_observed(evaluation, step) else f"{t:%m-%d} {day_label(evaluation, step)}"


def value_ticks(top: float, pixels: float) -> list[float]:
    """AQI ticks above 0: 50, 100, 200 or 500 apart, at least 20 pixels apart."""
    for step in (50.0, 100.0, 200.0, 500.0, 1000.0):
        if pixels * step / max(top, 1.0) >= 20:
            break
    return [k * step for k in range(1, int(top // step) + 1)]


class TimelinePlot(QWidget):
    """The AQI pane and the strips pane, one time axis; ``hourClicked`` on a click, ``xRangeChanged`` when the
    hours shown change (zoom, drag, a new forecast)."""

    hourClicked = Signal(int)
    xRangeChanged = Signal(float, float)
    axisWidthChanged = Signal(int)  # the left axis widened or narrowed: the weather panel's follows it

    def __init__(self, bands_height: int, axis_width: int, min_height: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.bands_height, self.axis_width = bands_height, axis_width
        self.setMinimumHeight(min_height + bands_height)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(False)
        # every paint covers its rectangle from the white picture: the dock and its frame under it are not painted
        # first (at an hour step they were, in the hour line's two strips)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.cursor = HourCursor(self)
        self.evaluation = None
        self.curves: list[Curve] = []
        self.thresholds: list[Threshold] = []
        self.strips: list[tuple[np.ndarray, str]] = []  # (rgb per hour, tooltip), upper first
        self.strip_names: list[str] = []
        self.marker: Marker | None = None
        self.span: Span | None = None
        self.top = 340.0
        self.limits = (-0.5, 0.5)
        self.x_range = (-0.5, 0.5)
        self._picture: QPixmap | None = None
        self._drawn: QRect | None = None  # the strip the hour's line was last drawn in
        self._press: QPoint | None = None
        self._press_range = self.x_range
        self._dragging = False

    # -- content ------------------------------------------------------------------------------------------
    @property
    def axis_width(self) -> int:
        """The left axis's width in pixels: where the hours begin (the weather panel's plot begins there too)."""
        return self._axis_width

    @axis_width.setter
    def axis_width(self, width: int) -> None:
        width = int(width)
        if width != getattr(self, "_axis_width", None):
            self._axis_width = width
            self.changed()
            self.axisWidthChanged.emit(width)

    def clear(self) -> None:
        self.curves, self.thresholds, self.strips, self.strip_names = [], [], [], []
        self.marker = self.span = None
        self.changed()

    def set_limits(self, lo: float, hi: float) -> None:
        self.limits = (float(lo), float(hi))

    def set_x_range(self, lo: float, hi: float) -> None:
        """Show hours ``lo`` … ``hi`` (kept within the limits, at least MIN_HOURS wide)."""
        low, high = self.limits
        width = min(max(hi - lo, MIN_HOURS), high - low)
        lo = min(max(lo, low), high - width)
        new = (float(lo), float(lo + width))
        if new != self.x_range:
            self.x_range = new
            self.changed()
            self.xRangeChanged.emit(*new)

    def changed(self) -> None:
        """The content or the hours shown changed: drawn anew at the next paint."""
        self._picture = None
        self.update()

    # -- geometry -----------------------------------------------------------------------------------------
    def _label_height(self) -> int:
        return QFontMetrics(self.font()).height()

    def aqi_rect(self) -> QRectF:
        """The AQI pane in widget pixels."""
        return QRectF(self.axis_width, TOP_MARGIN, max(1, self.width() - self.axis_width - RIGHT_MARGIN),
                      max(1, self.height() - self.bands_height - TOP_MARGIN - 4))

    def strips_rect(self) -> QRectF:
        """The two strips' pane (strip k spans k … k+1 of its height, upper strip first)."""
        label = self._label_height() + TICK + 1  # the dates under the strips
        top = self.height() - self.bands_height + 1
        return QRectF(self.axis_width, top, self.aqi_rect().width(), max(1, self.bands_height - label - 1))

    def x_to_pixel(self, x: float) -> float:
        rect, (lo, hi) = self.aqi_rect(), self.x_range
        return rect.left() + (x - lo) / max(hi - lo, 1e-9) * rect.width()

    def pixel_to_x(self, px: float) -> float:
        rect, (lo, hi) = self.aqi_rect(), self.x_range
        return lo + (px - rect.left()) / max(rect.width(), 1e-9) * (hi - lo)

    def y_to_pixel(self, value: float) -> float:
        rect = self.aqi_rect()
        return rect.bottom() - value / max(self.top, 1e-9) * rect.height()

    def point_at(self, hour: float, value: float = 0.0) -> QPoint:
        """Where an hour (and an AQI) is drawn: for tests and tooltips."""
        return QPointF(self.x_to_pixel(hour), self.y_to_pixel(value)).toPoint()

    def hour_at(self, pos: QPointF | QPoint) -> int | None:
        """The forecast step under a point of either pane, None outside them."""
        pos = QPointF(pos)
        if not (self.aqi_rect().contains(pos) or self.strips_rect().contains(pos)):
            return None
        n = int(round(self.limits[1] + 0.5))
        return min(max(int(round(self.pixel_to_x(pos.x()))), 0), max(n - 1, 0))

    # -- drawing ------------------------------------------------------------------------------------------
    def paintEvent(self, event) -> None:  # noqa: N802 - Qt API
        ratio = self.devicePixelRatioF()
        if self._picture is None or self._picture.size() != self.size() * ratio:
            self._picture = QPixmap(self.size() * ratio)
            self._picture.setDevicePixelRatio(ratio)
            self._picture.fill(Qt.GlobalColor.white)
            painter = QPainter(self._picture)
            self.draw(painter)
            painter.end()
        painter = QPainter(self)
        painter.drawPixmap(event.rect(), self._picture, QRectF(QRectF(event.rect()).topLeft() * ratio,
                                                                QRectF(event.rect()).size() * ratio).toRect())
        self._draw_cursor(painter)
        painter.end()

    def draw(self, painter: QPainter) -> None:
        """Everything but the hour's line."""
        aqi, strips = self.aqi_rect(), self.strips_rect()
        metrics = QFontMetrics(self.font())
        lo, hi = self.x_range
        major, minor = day_ticks(self.evaluation, lo, hi, aqi.width(), metrics.horizontalAdvance("00-00 D+00") + 12)
        values = value_ticks(self.top, aqi.height())
        # the grid
        grid = QColor(AXIS_PEN)
        grid.setAlpha(GRID_ALPHA)
        painter.setPen(QPen(grid, 0))
        for step in major + minor:
            x = round(self.x_to_pixel(step)) + 0.5
            painter.drawLine(QLineF(x, aqi.top(), x, aqi.bottom()))
        for value in values:
            y = round(self.y_to_pixel(value)) + 0.5
            painter.drawLine(QLineF(aqi.left(), y, aqi.right(), y))
        painter.save()
        painter.setClipRect(aqi)
        if self.span is not None:
            left, right = self.x_to_pixel(self.span.lo), self.x_to_pixel(self.span.hi)
            painter.fillRect(QRectF(left, aqi.top(), right - left, aqi.height()), self.span.colour)
            painter.setPen(QPen(QColor(255, 140, 0, 160), 0))
            for x in (left, right):
                painter.drawLine(QLineF(x, aqi.top(), x, aqi.bottom()))
        for curve in self.curves:
            self._draw_curve(painter, curve)
        for line, rect in zip(self.thresholds, self.threshold_label_rects(aqi, metrics)):
            self._draw_threshold(painter, line, aqi, rect, metrics)
        painter.restore()
        self._draw_strips(painter, strips)
        if self.marker is not None:
            self._draw_marker(painter, aqi, strips, metrics)
        self._draw_axes(painter, aqi, strips, metrics, major, minor, values)

    def _draw_curve(self, painter: QPainter, curve: Curve) -> None:
        pen = QPen(QColor(curve.colour), curve.width, curve.style)
        painter.setPen(pen)
        rect, (lo, hi) = self.aqi_rect(), self.x_range
        x = rect.left() + (np.asarray(curve.x, dtype=float) - lo) / max(hi - lo, 1e-9) * rect.width()
        y = rect.bottom() - np.asarray(curve.y, dtype=float) / max(self.top, 1e-9) * rect.height()
        finite = np.isfinite(y)
        path, drawing = QPainterPath(), False
        for px, py, ok in zip(x.tolist(), y.tolist(), finite.tolist()):  # connect="finite": NaN breaks the line
            if not ok:
                drawing = False
            elif drawing:
                path.lineTo(px, py)
            else:
                path.moveTo(px, py)
                drawing = True
        painter.drawPath(path)

    def _draw_threshold(self, painter: QPainter, line: Threshold, aqi: QRectF, rect: QRectF,
                        metrics: QFontMetrics) -> None:
        colour = QColor(line.colour)
        painter.setPen(QPen(colour, 1, Qt.PenStyle.DashLine))
        y = round(self.y_to_pixel(line.value)) + 0.5
        painter.drawLine(QLineF(aqi.left(), y, aqi.right(), y))
        painter.fillRect(rect.adjusted(-1, 0, 1, 0), QColor(255, 255, 255, 200))  # legible over a thick curve
        painter.setPen(colour)
        painter.drawText(QPointF(rect.left(), rect.top() + metrics.ascent()), f"{line.value:g}")

    def threshold_label_rects(self, aqi: QRectF, metrics: QFontMetrics) -> list[QRectF]:
        """Where each threshold's number is written (in ``thresholds``' order): under its line; above it when
        the next line down is too close for a line of text (a short plot: 200 was struck through by the 150
        line); and left of a number already there rather than over it."""
        height, placed, rects = metrics.height(), [], {}
        for k in sorted(range(len(self.thresholds)), key=lambda k: -self.thresholds[k].value):
            line = self.thresholds[k]
            text = f"{line.value:g}"
            width = metrics.horizontalAdvance(text)
            x = aqi.left() + 0.005 * aqi.width() if line.left else aqi.left() + 0.995 * aqi.width() - width
            y = round(self.y_to_pixel(line.value)) + 0.5
            lower = [self.y_to_pixel(t.value) for t in self.thresholds if t.value < line.value]
            room = (min(lower) if lower else aqi.bottom()) - y
            rect = QRectF(x, y + 1 if room >= height + 1 else y - 1 - height, width, height)
            for other in placed:
                if rect.intersects(other):
                    rect.moveRight(other.left() - 6) if not line.left else rect.moveLeft(other.right() + 6)
            placed.append(rect)
            rects[k] = rect
        return [rects[k] for k in range(len(self.thresholds))]

    def _draw_strips(self, painter: QPainter, rect: QRectF) -> None:
        if not self.strips:
            return
        painter.save()
        painter.setClipRect(rect)
        height = rect.height() / 2
        for k, (colours, _) in enumerate(self.strips):
            top = rect.top() + k * height + 0.06 * height
            start = 0
            n = len(colours)
            for i in range(1, n + 1):  # one rectangle per run of one colour
                if i < n and (colours[i] == colours[start]).all():
                    continue
                left, right = self.x_to_pixel(start - 0.5), self.x_to_pixel(i - 0.5)
                painter.fillRect(QRectF(left, top, right - left, 0.88 * height), QColor(*colours[start].tolist()))
                start = i
        painter.restore()

    def _draw_marker(self, painter: QPainter, aqi: QRectF, strips: QRectF, metrics: QFontMetrics) -> None:
        x = self.x_to_pixel(self.marker.at)
        if not aqi.left() <= x <= aqi.right():
            return
        pen = QPen(QColor("#404040"), 2, Qt.PenStyle.DashDotLine)
        painter.setPen(pen)
        painter.drawLine(QLineF(x, aqi.top(), x, aqi.bottom()))
        painter.drawLine(QLineF(x, strips.top(), x, strips.bottom()))
        rect = self.marker_label_rect(aqi, metrics)
        painter.fillRect(rect, QColor(255, 255, 255, 225))  # the line and the curves do not cross the words
        painter.setPen(QColor("#404040"))
        painter.drawText(QPointF(rect.left() + 2, rect.top() + metrics.ascent()), self.marker.label)

    def marker_label_rect(self, aqi: QRectF, metrics: QFontMetrics) -> QRectF:
        """The "now" line's label: centred on the line, kept whole inside the pane near its ends (observed for
        weeks, the line stands at the right edge and its label was cut off there)."""
        width = metrics.horizontalAdvance(self.marker.label) + 4
        x = self.x_to_pixel(self.marker.at) - width / 2
        x = min(max(x, aqi.left() + 1), aqi.right() - 1 - width)
        return QRectF(x, aqi.top() + 0.03 * aqi.height(), width, metrics.height())

    def _draw_axes(self, painter: QPainter, aqi: QRectF, strips: QRectF, metrics: QFontMetrics, major, minor,
                   values) -> None:
        painter.setPen(QPen(AXIS_PEN, 0))
        left = aqi.left() - 0.5
        painter.drawLine(QLineF(left, aqi.top(), left, aqi.bottom()))
        painter.drawLine(QLineF(left, strips.top(), left, strips.bottom()))
        under = aqi.bottom() + 0.5  # the AQI pane's own time axis: its line and the days' ticks, no dates
        painter.drawLine(QLineF(aqi.left(), under, aqi.right(), under))
        for step in major:
            x = round(self.x_to_pixel(step)) + 0.5
            painter.drawLine(QLineF(x, under, x, under + 3))
        bottom = strips.bottom() + 0.5
        painter.drawLine(QLineF(aqi.left(), bottom, aqi.right(), bottom))
        for value in values:  # the AQI numbers
            y = round(self.y_to_pixel(value)) + 0.5
            painter.drawLine(QLineF(left - TICK, y, left, y))
            text = f"{value:g}"
            painter.drawText(QPointF(left - TICK - 3 - metrics.horizontalAdvance(text), y + metrics.ascent() / 2 - 1),
                             text)
        painter.save()  # "AQI" along the axis
        painter.translate(metrics.height() / 2 + 1, aqi.center().y())
        painter.rotate(-90)
        painter.drawText(QPointF(-metrics.horizontalAdvance("AQI") / 2, metrics.ascent() / 2), "AQI")
        painter.restore()
        height = strips.height() / 2
        for k, name in enumerate(self.strip_names):  # the strips' names at their centres
            y = strips.top() + (k + 0.5) * height
            painter.drawText(QPointF(left - TICK - 3 - metrics.horizontalAdvance(name), y + metrics.ascent() / 2 - 1),
                             name)
        # the hours ('06', '12', '18') under the minor ticks once zoomed in far enough for them to stand apart
        hours_shown = len(minor) >= 2 and self.x_to_pixel(minor[1]) - self.x_to_pixel(minor[0]) >= \
            5 * metrics.horizontalAdvance("00")
        for step in minor:
            x = round(self.x_to_pixel(step)) + 0.5
            painter.drawLine(QLineF(x, bottom, x, bottom + TICK - 2))
            if hours_shown:
                text = day_text(self.evaluation, step)
                painter.drawText(QPointF(x - metrics.horizontalAdvance(text) / 2, bottom + TICK + 1 + metrics.ascent()),
                                 text)
        for step in major:
            x = round(self.x_to_pixel(step)) + 0.5
            painter.drawLine(QLineF(x, bottom, x, bottom + TICK))
            text = day_text(self.evaluation, step)
            width = metrics.horizontalAdvance(text)
            if x - width / 2 >= aqi.left() and x + width / 2 <= self.width() - 1:  # only a whole label
                painter.drawText(QPointF(x - width / 2, bottom + TICK + 1 + metrics.ascent()), text)

    # -- the hour's line ----------------------------------------------------------------------------------
    def _cursor_x(self) -> float | None:
        cursor = self.cursor
        if not cursor._shown or cursor._value is None:
            return None
        x = self.x_to_pixel(cursor._value)
        return x if self.aqi_rect().left() - 2 <= x <= self.aqi_rect().right() + 2 else None

    def cursor_rect(self) -> QRect | None:
        x = self._cursor_x()
        if x is None:
            return None
        aqi, strips = self.aqi_rect(), self.strips_rect()
        return QRectF(x - 2, aqi.top(), 4, strips.bottom() - aqi.top()).toAlignedRect().adjusted(-1, -1, 1, 1)

    def cursor_moved(self) -> None:
        for rect in (self._drawn, self.cursor_rect()):
            if rect is not None:
                self.update(rect)

    def _draw_cursor(self, painter: QPainter) -> None:
        x = self._cursor_x()
        self._drawn = None
        if x is None:
            return
        self._drawn = self.cursor_rect()
        aqi, strips = self.aqi_rect(), self.strips_rect()
        painter.setPen(self.cursor.pen)
        painter.setClipRect(QRectF(aqi.left(), aqi.top(), aqi.width(), strips.bottom() - aqi.top()))
        painter.drawLine(QLineF(x, aqi.top(), x, aqi.bottom()))
        painter.drawLine(QLineF(x, strips.top(), x, strips.bottom()))

    # -- interaction --------------------------------------------------------------------------------------
    def wheelEvent(self, event) -> None:  # noqa: N802 - Qt API
        """Zoom the hours about the pointer, as pyqtgraph's view did (1.02 per eighth of a degree)."""
        delta = event.angleDelta().y()
        if not delta:
            event.ignore()
            return
        scale = 1.02 ** (-delta / 8)
        self._zoom(scale, self.pixel_to_x(event.position().x()))
        event.accept()

    def _zoom(self, scale: float, centre: float) -> None:
        lo, hi = self.x_range
        self.set_x_range(centre + (lo - centre) * scale, centre + (hi - centre) * scale)

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt API
        self._press, self._press_range, self._dragging = event.position().toPoint(), self.x_range, False
        event.accept()

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self._press is None:
            return
        dx = event.position().x() - self._press.x()
        if not self._dragging and abs(dx) < DRAG_PIXELS:
            return
        self._dragging = True
        lo, hi = self._press_range
        per_pixel = (hi - lo) / max(self.aqi_rect().width(), 1.0)
        if event.buttons() & Qt.MouseButton.LeftButton:  # move the hours with the pointer
            self.set_x_range(lo - dx * per_pixel, hi - dx * per_pixel)
        elif event.buttons() & Qt.MouseButton.RightButton:  # zoom about where the drag began
            self.x_range = self._press_range
            self._zoom(1.02 ** (-dx), lo + (self._press.x() - self.aqi_rect().left()) * per_pixel)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt API
        clicked = self._press is not None and not self._dragging and event.button() == Qt.MouseButton.LeftButton
        self._press, self._dragging = None, False
        if clicked:
            hour = self.hour_at(event.position())
            if hour is not None:
                self.hourClicked.emit(hour)

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            text = self.tooltip_at(QPointF(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def tooltip_at(self, pos: QPointF) -> str:
        """What the thing under the pointer is: the "now" line, a strip, the chosen episode's span."""
        x = self.pixel_to_x(pos.x())
        if self.marker is not None and abs(pos.x() - self.x_to_pixel(self.marker.at)) <= 3 \
                and (self.aqi_rect().contains(pos) or self.strips_rect().contains(pos)):
            return self.marker.tooltip
        strips = self.strips_rect()
        if strips.contains(pos) and self.strips:
            k = min(int((pos.y() - strips.top()) / (strips.height() / 2)), len(self.strips) - 1)
            return self.strips[k][1]
        if self.span is not None and self.aqi_rect().contains(pos) and self.span.lo <= x <= self.span.hi:
            return self.span.tooltip
        return ""

