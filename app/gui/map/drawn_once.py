"""Pictures of the map's furniture (scale bar, region panel) drawn once into an image and copied at every paint.

A picture that does not change with the hour (its fills, rounded boxes and texts were a sixth of a whole-window
hour step, issue 26) is drawn into an image at the same place within a pixel, so the copy puts the same pixels
where a direct drawing would. Scaled painters (printing, a scaled export) and high-DPI devices draw it anew.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QImage, QPainter


class DrawnOnce:
    """Images of pictures by their key; forgotten all at once past ``limit`` (a few live at any time)."""

    def __init__(self, limit: int):
        self._images: dict = {}
        self._limit = limit

    def draw(self, painter: QPainter, box: QRectF, key: Hashable, paint: Callable[[QPainter], None]) -> None:
        """Draw ``paint`` (which draws within ``box``) with ``painter``: copied from its image when the painter
        is unscaled on a device of ratio 1, else drawn as it is. ``key`` names everything ``paint`` draws."""
        device = painter.device()
        dpr = device.devicePixelRatioF() if device is not None else 1.0
        if not painter.transform().isIdentity() or dpr != 1.0:
            paint(painter)
            return
        x0, y0 = math.floor(box.left()), math.floor(box.top())
        full_key = (key, box.left() - x0, box.top() - y0, box.width(), box.height(),
                    int(painter.renderHints().value))
        image = self._images.get(full_key)
        if image is None:
            if len(self._images) >= self._limit:
                self._images.clear()
            image = QImage(math.ceil(box.right()) - x0 + 1, math.ceil(box.bottom()) - y0 + 1,
                           QImage.Format.Format_ARGB32_Premultiplied)
            image.fill(Qt.GlobalColor.transparent)
            cached = QPainter(image)
            cached.setRenderHints(painter.renderHints())
            cached.translate(-x0, -y0)
            paint(cached)
            cached.end()
            self._images[full_key] = image
        painter.drawImage(QPointF(x0, y0), image)

    def clear(self) -> None:
        self._images.clear()

    def __len__(self) -> int:
        return len(self._images)
