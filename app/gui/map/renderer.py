"""Everything about the map that depends on the view but not on the hour, rendered once per pan/zoom/resize.

* ``ids``: an 8-bit raster of unit indices (0 background, i + 1 unit i), painted without antialiasing. Shown as
  a ``Format_Indexed8`` image whose colour table is swapped per hour, and used for hit tests.
* ``overlay``: a transparent image with the unit borders, the linkage-region outlines, the province border and
  the labels, antialiased, drawn over the colours.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPainterPath, QPen, QTransform

from app.gui.map.geometry import MapGeometry
from app.gui.map.labels import LabelPlacer
from app.gui.map.view import MapView

UNIT_BORDER = QColor(70, 74, 80, 150)
REGION_OUTLINE = QColor(24, 38, 66, 235)
PROVINCE_BORDER = QColor(70, 70, 70, 200)
LABEL_TEXT = QColor(28, 30, 34)
LABEL_HALO = QColor(255, 255, 255, 215)


@dataclass
class ViewImages:
    ids: np.ndarray  # (height, width) uint8, device pixels
    indexed: QImage  # Format_Indexed8 over ``ids`` (colour table set per hour)
    overlay: QImage  # ARGB32 premultiplied
    transform: QTransform  # world → logical widget pixels
    lod: str
    device_pixel_ratio: float
    screen_paths: dict = field(default_factory=dict)  # unit name -> outline in widget pixels (highlights)


def render_view(geometry: MapGeometry, view: MapView, width: int, height: int, dpr: float,
                labels: LabelPlacer, label_font: QFont, show_labels: bool = True) -> ViewImages:
    transform = view.transform(width, height)
    lod = view.lod(dpr)
    paths = geometry.unit_paths(lod)
    pw, ph = max(int(round(width * dpr)), 1), max(int(round(height * dpr)), 1)
    ids = _paint_ids(paths, transform, pw, ph, dpr)
    indexed = QImage(ids.data, pw, ph, ids.strides[0], QImage.Format.Format_Indexed8)
    indexed.setDevicePixelRatio(dpr)
    overlay = QImage(pw, ph, QImage.Format.Format_ARGB32_Premultiplied)
    overlay.setDevicePixelRatio(dpr)
    overlay.fill(Qt.GlobalColor.transparent)
    painter = QPainter(overlay)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setTransform(transform)
    _stroke(painter, paths, UNIT_BORDER, 0.7)
    _stroke(painter, [geometry.province_path()], PROVINCE_BORDER, 1.6, Qt.PenStyle.DashLine)
    _stroke(painter, geometry.region_paths(), REGION_OUTLINE, 2.4)
    painter.resetTransform()
    if show_labels:
        _draw_labels(painter, labels, view.scale, transform, label_font)
    painter.end()
    return ViewImages(ids, indexed, overlay, transform, lod, dpr)


def _paint_ids(paths: list[QPainterPath], transform: QTransform, pw: int, ph: int, dpr: float) -> np.ndarray:
    """Unit indices per device pixel: paint index i + 1 as the blue channel of an RGB32 image, read it back."""
    image = QImage(pw, ph, QImage.Format.Format_RGB32)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setTransform(transform * QTransform.fromScale(dpr, dpr))
    for i, path in enumerate(paths):
        painter.setBrush(QColor(0, 0, i + 1))
        painter.drawPath(path)
    painter.end()
    pixels = np.frombuffer(image.constBits(), dtype=np.uint8).reshape(ph, image.bytesPerLine())
    stride = (pw + 3) // 4 * 4  # QImage rows are 32-bit aligned
    ids = np.zeros((ph, stride), dtype=np.uint8)
    ids[:, :pw] = pixels[:, 0:pw * 4:4]  # blue byte of each little-endian 0xAARRGGBB pixel
    return ids


def _stroke(painter: QPainter, paths: list[QPainterPath], colour: QColor, width: float,
            style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> None:
    pen = QPen(colour, width, style)
    pen.setCosmetic(True)  # width in pixels whatever the zoom
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for path in paths:
        painter.drawPath(path)


def _draw_labels(painter: QPainter, labels: LabelPlacer, scale: float, transform: QTransform,
                 font: QFont) -> None:
    metrics = QFontMetricsF(font)
    ox, oy = transform.dx(), transform.dy()
    text = QPainterPath()
    for i in labels.placed(scale, font):
        rect: QRectF = labels.rect(i, scale, ox, oy, metrics)
        text.addText(QPointF(rect.left(), rect.top() + metrics.ascent()), font, labels.names[i])
    halo = QPen(LABEL_HALO, 3.0)
    halo.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.strokePath(text, halo)
    painter.fillPath(text, LABEL_TEXT)
