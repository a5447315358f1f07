"""Map text with a white halo, drawn once into a small image and copied at every new view.

A label's halo is its text drawn eight times shifted by a pixel around itself, then the text on top: nine text
draws a label, 500 a frame at the fine level — a sixth of a pan/zoom frame (issue 26). The image of each text
depends only on the text, the font, the two colours and the device pixel ratio, never on the view, so it is made
once (a new font size, language or screen makes new ones) and copied to whole device pixels — the text stays
as crisp as drawn directly; only its horizontal sub-pixel position (≤ 1/2 pixel) is that of the first drawing.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QTransform

HALO_OFFSETS = ((-1, 0), (1, 0), (0, -1), (0, 1), (-1, -1), (1, 1), (-1, 1), (1, -1))
_PAD = 2.0  # logical pixels around the ink: the halo's pixel and the antialiasing's


class HaloText:
    """Images of halo'd texts, keyed by text, font, colours and device pixel ratio (the oldest dropped past
    ``limit``)."""

    def __init__(self, limit: int = 1024):
        self.limit = limit
        self._images: dict[tuple, tuple[QImage, int, int]] = {}
        self.made = 0  # images rendered so far (tests)

    def image(self, text: str, font: QFont, colour: QColor, halo: QColor, dpr: float) -> tuple[QImage, int, int]:
        """The image (device pixels, its ratio left at 1) and where in it the text's origin lies (device px)."""
        key = (text, font.key(), colour.rgba(), halo.rgba(), dpr)
        found = self._images.get(key)
        if found is None:
            if len(self._images) >= self.limit:
                del self._images[next(iter(self._images))]
            found = self._images[key] = _render(text, font, colour, halo, dpr)
            self.made += 1
        return found

    def draw(self, painter: QPainter, texts: list[tuple[QPointF, str]], font: QFont, colour: QColor,
             halo: QColor) -> None:
        """Draw each (origin, text) with its origin (left end of the baseline) there, in the painter's
        coordinates (translated, not scaled: each image is copied pixel for pixel at the device's ratio). Texts
        wholly outside the device are skipped."""
        device = painter.device()
        dpr = device.devicePixelRatioF()
        to_device = painter.deviceTransform()  # where drawText would put an origin, in device pixels
        width, height = device.width() * dpr, device.height() * dpr
        painter.save()
        painter.setTransform(QTransform.fromScale(1 / dpr, 1 / dpr))  # device pixels: a copy, no resampling
        for at, text in texts:
            image, ox, oy = self.image(text, font, colour, halo, dpr)
            point = to_device.map(at)
            x, y = math.floor(point.x() + 0.5) - ox, math.floor(point.y() + 0.5) - oy
            if x < width and y < height and x + image.width() > 0 and y + image.height() > 0:
                painter.drawImage(QPoint(x, y), image)
        painter.restore()


def _render(text: str, font: QFont, colour: QColor, halo: QColor, dpr: float) -> tuple[QImage, int, int]:
    ink = QFontMetricsF(font).boundingRect(text)  # relative to the origin; y up is negative
    left, top = ink.left() - _PAD, ink.top() - _PAD
    ox, oy = math.ceil(-left * dpr), math.ceil(-top * dpr)
    width = ox + math.ceil((ink.right() + _PAD) * dpr)
    height = oy + math.ceil((ink.bottom() + _PAD) * dpr)
    image = QImage(max(width, 1), max(height, 1), QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(dpr)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setFont(font)
    origin = QPointF(ox / dpr, oy / dpr)
    painter.setPen(halo)
    for dx, dy in HALO_OFFSETS:
        painter.drawText(origin + QPointF(dx, dy), text)
    painter.setPen(colour)
    painter.drawText(origin, text)
    painter.end()
    image.setDevicePixelRatio(1.0)
    return image, ox, oy


SPRITES = HaloText()  # the map's labels and region names, shared by the canvas, its inset and the multiples
