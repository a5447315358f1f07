"""Unit labels that never collide: greedy placement by priority, made once per scale (the last 32 kept).

Priority: units the data-quality findings mark (hatched on the map) first — a doubtful unit must say which it
is — then linkage units before the others, then larger units first, so that at the basin-wide view the big
prefecture-level cities are named and Chongqing's small central districts appear as one zooms in.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QFont, QFontMetricsF

PADDING = 2.0  # pixels kept free around every label


class LabelPlacer:
    def __init__(self, short_names: list[str], points: np.ndarray, areas: np.ndarray, linkage: np.ndarray):
        self.names = short_names
        self.points = np.asarray(points, dtype=np.float64)
        self._linkage, self._areas = np.asarray(linkage, dtype=bool), np.asarray(areas, dtype=np.float64)
        self.marked: frozenset[int] = frozenset()
        self.order = self._ordered()
        self._cache: dict[tuple, list[int]] = {}
        self._metrics: dict[str, QFontMetricsF] = {}  # per font, with every label's advance measured once
        self._widths: dict[int, np.ndarray] = {}  # id of one of those metrics → the advances

    def _ordered(self) -> list[int]:
        return sorted(range(len(self.names)), key=lambda i: (i not in self.marked, not self._linkage[i], -self._areas[i]))

    def prefer(self, marked) -> bool:
        """Give the labels of ``marked`` (unit indices) priority; True when that changed the placement order."""
        marked = frozenset(int(i) for i in marked)
        if marked == self.marked:
            return False
        self.marked = marked
        self.order, self._cache = self._ordered(), {}
        return True

    def placed(self, scale: float, font: QFont) -> list[int]:
        """Indices of the units whose label fits at this scale (independent of panning)."""
        key = (round(scale, 12), font.key())
        if key not in self._cache:
            if len(self._cache) >= 32:  # zooming in and out comes back to the scales it passed
                del self._cache[next(iter(self._cache))]
            self._cache[key] = self._place(scale, font)
        return self._cache[key]

    def _place(self, scale: float, font: QFont) -> list[int]:
        metrics = self.metrics(font)
        taken: list[QRectF] = []
        placed: list[int] = []
        for i in self.order:
            rect = self.rect(i, scale, 0.0, 0.0, metrics).adjusted(-PADDING, -PADDING, PADDING, PADDING)
            if any(rect.intersects(other) for other in taken):
                continue
            taken.append(rect)
            placed.append(i)
        return placed

    def metrics(self, font: QFont) -> QFontMetricsF:
        """The font's metrics, kept with every label's advance: ``rect`` given these measures no text again
        (a frame measured each label's text three times)."""
        key = font.key()
        metrics = self._metrics.get(key)
        if metrics is None:
            metrics = self._metrics[key] = QFontMetricsF(font)
            self._widths[id(metrics)] = np.array([metrics.horizontalAdvance(n) for n in self.names], dtype=np.float64)
        return metrics

    def boxes(self, indices: list[int], scale: float, ox: float, oy: float, metrics: QFontMetricsF) -> np.ndarray:
        """(n, 4) left, top, width, height of these units' label boxes: ``rect``'s numbers, for all at once."""
        indices = np.asarray(indices, dtype=np.intp)
        widths = self._widths.get(id(metrics))
        if type(self).rect is not LabelPlacer.rect or widths is None or not len(indices):  # placed another way
            rects = [self.rect(int(i), scale, ox, oy, metrics) for i in indices]
            return np.array([(r.left(), r.top(), r.width(), r.height()) for r in rects], dtype=np.float64).reshape(-1, 4)
        width, height = widths[indices], metrics.height()
        centre_x = ox + self.points[indices, 0] * scale  # QPointF(ox + x * scale, oy - y * scale), as in rect
        centre_y = oy - self.points[indices, 1] * scale
        return np.stack([centre_x - width / 2, centre_y - height / 2, width, np.full(len(indices), height)], axis=1)

    def rect(self, i: int, scale: float, ox: float, oy: float, metrics: QFontMetricsF) -> QRectF:
        """Label box of unit i in pixels, for a view whose world origin maps to (ox, oy)."""
        x, y = self.points[i]
        widths = self._widths.get(id(metrics))
        width = float(widths[i]) if widths is not None else metrics.horizontalAdvance(self.names[i])
        height = metrics.height()
        centre = QPointF(ox + x * scale, oy - y * scale)
        return QRectF(centre.x() - width / 2, centre.y() - height / 2, width, height)
