"""Central Chongqing at basin scale: the six small districts of the main city (渝中、大渡口、江北、沙坪坝、九龙坡、
南岸) are too small to name on the whole-basin map, so while any of them goes unlabelled an inset shows them
enlarged, in the hour's colours, named, with a frame on the map marking where they are.

The inset's raster is rendered once per size (its view never changes) and recoloured per hour like the map.
Its place is the first of a few spots on the canvas where it covers no linkage unit, the legend, the region
panel or the header; with no such spot it is not drawn.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen

from app.gui.map.highlights import draw_selection
from app.gui.map.labels import LabelPlacer
from app.gui.map.renderer import ViewImages, render_view
from app.gui.map.view import MapView

CENTRAL = ("渝中区", "大渡口区", "江北区", "沙坪坝区", "九龙坡区", "南岸区")
SIZE = (196.0, 168.0)  # logical pixels, frame included
FRAME = QColor(16, 36, 96)
MARGIN = 12.0


class _NudgingPlacer(LabelPlacer):
    """The inset's labels: a name that would collide moves a little off its unit's label point (the six
    districts meet around 渝中, whose neighbours' names would otherwise be dropped)."""

    NUDGES = ((0.0, 0.0), (0.0, 0.6), (0.0, -0.6), (0.5, 0.0), (-0.5, 0.0), (0.5, 0.6), (-0.5, -0.6), (0.0, 1.2),
              (0.0, -1.2), (0.5, -0.6), (-0.5, 0.6), (0.9, 0.0), (-0.9, 0.0), (0.0, 1.8), (0.0, -1.8))

    def __init__(self, *args):
        super().__init__(*args)
        self.offsets: dict[int, QPointF] = {}
        self.bounds = QRectF()  # the inset in the placer's frame (world × scale); labels stay inside it

    def _place(self, scale: float, font: QFont) -> list[int]:
        from PySide6.QtGui import QFontMetricsF

        metrics = QFontMetricsF(font)
        taken: list[QRectF] = []
        placed: list[int] = []
        self.offsets = {}
        for i in self.order:
            base = super().rect(i, scale, 0.0, 0.0, metrics)
            for fx, fy in self.NUDGES:
                shift = QPointF(fx * base.width(), fy * base.height())
                rect = base.translated(shift).adjusted(-1, -1, 1, 1)
                if not self.bounds.isEmpty() and not self.bounds.contains(rect):
                    continue
                if not any(rect.intersects(other) for other in taken):
                    taken.append(rect)
                    placed.append(i)
                    self.offsets[i] = shift
                    break
        return placed

    def rect(self, i: int, scale: float, ox: float, oy: float, metrics) -> QRectF:
        return super().rect(i, scale, ox, oy, metrics).translated(self.offsets.get(i, QPointF()))


class _Selected:
    def __init__(self, units):
        self.selected_units = list(units)


class CentralInset:
    def __init__(self, geometry, names: list[str]):
        self.geometry = geometry
        self.indices = [geometry.index(n) for n in CENTRAL if n in geometry.names]
        self.labels = _NudgingPlacer(names, geometry.label_points, geometry.areas, geometry.linkage)
        # name the six only, the smallest first (渝中 is the smallest and must not lose its place to 九龙坡)
        self.labels.order = sorted(self.indices, key=lambda i: geometry.areas[i])
        self.images: ViewImages | None = None
        self.rect = QRectF()  # where it is drawn now (empty: not shown)
        self.world = self._world_bounds()
        self._size = (0, 0)  # of the rendered images
        self.named: list[str] = []  # the districts named in the inset as rendered

    def _world_bounds(self) -> tuple[float, float, float, float]:
        """The six districts' box with a margin: from the coarse outlines' per-unit bounds (the corners of their
        paths' bounding boxes, without building the paths of all 59 units at the window's start: 5 ms)."""
        boxes = self.geometry.unit_bounds("coarse")[self.indices]
        left, top = float(boxes[:, 0].min()), float(boxes[:, 1].min())
        right, bottom = float(boxes[:, 2].max()), float(boxes[:, 3].max())
        pad = 0.03 * max(right - left, bottom - top)
        return left - pad, top - pad, right + pad, bottom + pad

    def wanted(self, placed: list[int]) -> bool:
        """True when one of the six is not named on the map at this scale."""
        return bool(self.indices) and not set(self.indices) <= set(placed)

    def place(self, width: float, height: float, top: float, avoid: list[QRectF], covers) -> QRectF:
        """The first free spot: top right, right middle, bottom right, along the top, top left; full size, then
        smaller. ``covers(rect)`` says whether a rect would hide a linkage unit."""
        for scale in (1.0, 0.82, 0.68):
            w, h = SIZE[0] * scale, SIZE[1] * scale
            spots = [QRectF(width - w - MARGIN, top, w, h),
                     QRectF(width - w - MARGIN, (height - h) / 2, w, h),
                     QRectF(width - w - MARGIN, height - h - MARGIN, w, h),
                     QRectF((width - w) / 2, top, w, h),
                     QRectF(MARGIN, top, w, h)]
            for rect in spots:
                if rect.top() < top or rect.bottom() > height - MARGIN or rect.left() < MARGIN:
                    continue
                if any(rect.intersects(other.adjusted(-6, -6, 6, 6)) for other in avoid if not other.isEmpty()):
                    continue
                if not covers(rect):
                    return rect
        return QRectF()

    def ensure(self, dpr: float, font: QFont) -> ViewImages:
        w, h = int(self.rect.width()) - 2, int(self.rect.height()) - 2
        if self.images is None or self.images.device_pixel_ratio != dpr or self._size != (w, h):
            self._size = (w, h)
            view = MapView()
            view.fit(self.world, w, h, (4, 4, w - 4, h - 4))
            t = view.transform(w, h)
            self.labels.bounds = QRectF(-t.dx(), -t.dy(), w, h)
            self.labels._cache = {}
            small = QFont(font)
            small.setPixelSize(max(font.pixelSize() - (1 if w >= SIZE[0] - 2 else 2), 9))  # smaller inset, smaller names
            self.images = render_view(self.geometry, view, w, h, dpr, self.labels, small)
            self.named = [self.geometry.names[i] for i in self.labels.placed(view.scale, small)]
        return self.images

    def recolour(self, row: np.ndarray) -> None:
        if self.images is not None:
            self.images.indexed.setColorTable(row.tolist())
            self.images.coloured = self.images.indexed.convertToFormat(QImage.Format.Format_RGB32)

    def draw(self, painter: QPainter, map_transform, title: str, selected=()) -> None:
        """The inset at ``self.rect``, a frame around the six on the map and a leader line between them; the
        ``selected`` units outlined in it as on the map."""
        if self.rect.isEmpty() or self.images is None or self.images.coloured is None:
            return
        x0, y0, x1, y1 = self.world
        marked = map_transform.mapRect(QRectF(x0, y0, x1 - x0, y1 - y0))
        pen = QPen(FRAME, 1.4)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(marked)
        corner = QPointF(self.rect.left(), self.rect.center().y())
        start = QPointF(marked.right(), marked.center().y()) if corner.x() > marked.right() else marked.center()
        painter.setPen(QPen(FRAME, 1.0, Qt.PenStyle.DashLine))
        painter.drawLine(start, corner)
        painter.fillRect(self.rect, QColor(255, 255, 255))
        inner = self.rect.adjusted(1, 1, -1, -1)
        painter.save()
        painter.setClipRect(inner)
        painter.translate(inner.topLeft())
        painter.drawImage(self.images.origin, self.images.coloured)
        painter.drawImage(self.images.origin, self.images.overlay)
        self._outline(painter, selected, QRectF(0, 0, inner.width(), inner.height()))
        painter.restore()
        painter.setPen(QPen(FRAME, 1.6))
        painter.drawRect(self.rect)
        font = QFont(painter.font())
        painter.setPen(FRAME)
        metrics_h = painter.fontMetrics().height()
        band = QRectF(self.rect.left() + 1, self.rect.top() + 1, self.rect.width() - 2, metrics_h + 2)
        painter.fillRect(band, QColor(255, 255, 255, 225))
        painter.setFont(font)
        painter.drawText(band, Qt.AlignmentFlag.AlignCenter, title)

    def _outline(self, painter: QPainter, selected, shown: QRectF) -> None:
        """The selection's blue outline over the inset's borders, not over its names (its paths mapped once per
        rendered size); ``shown``: the inset's inside, in the painter's coordinates."""
        images, geometry = self.images, self.geometry

        def path(name: str):
            if name not in geometry.names:
                return None
            mapped = images.screen_paths.get(name)
            if mapped is None:
                world = geometry.unit_path(images.lod, geometry.index(name))
                mapped = images.screen_paths[name] = images.transform.map(world)
            return mapped

        # only the selected units the inset shows: a selection elsewhere (成都, 德阳) was mapped, clipped and
        # stroked into it at every paint for no pixel (0.18 ms of a whole-window hour step)
        near = shown.adjusted(-4, -4, 4, 4)  # the outline's 3 px reach out of a unit just beyond the frame
        inside = [name for name in selected if (mapped := path(name)) is not None
                  and mapped.boundingRect().intersects(near)]
        if inside:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            draw_selection(painter, _Selected(inside), path, images.label_rects)

    def unit_at(self, pos: QPointF) -> int:
        """Unit index + 1 under a canvas point inside the inset (0: none / outside)."""
        if self.rect.isEmpty() or self.images is None or not self.rect.contains(pos):
            return 0
        dpr = self.images.device_pixel_ratio
        x = int((pos.x() - self.rect.left() - 1) * dpr)
        y = int((pos.y() - self.rect.top() - 1) * dpr)
        ids = self.images.ids
        if 0 <= y < ids.shape[0] and 0 <= x < ids.shape[1]:
            return int(ids[y, x])
        return 0
