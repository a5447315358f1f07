"""Which part of the world the canvas shows: a centre in projected metres and a scale in pixels per metre."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QTransform

# Level of detail by metres per pixel: the coarsest whose simplification tolerance (maps.simplify:
# coarse 1500 m, medium 400 m, fine 100 m) stays at or under about one pixel.
_LOD_BY_METRES_PER_PIXEL = ((1500.0, "coarse"), (400.0, "medium"), (100.0, "fine"), (0.0, "full"))
MIN_SCALE, MAX_SCALE = 1 / 20000.0, 1 / 5.0  # 20 km … 5 m per pixel


@dataclass
class MapView:
    cx: float = 0.0
    cy: float = 0.0
    scale: float = 1 / 1000.0  # pixels per metre

    def transform(self, width: float, height: float) -> QTransform:
        """World (metres, y up) → widget pixels (y down)."""
        s = self.scale
        return QTransform(s, 0.0, 0.0, -s, width / 2 - self.cx * s, height / 2 + self.cy * s)

    def to_world(self, x: float, y: float, width: float, height: float) -> tuple[float, float]:
        return self.cx + (x - width / 2) / self.scale, self.cy - (y - height / 2) / self.scale

    def fit(self, bounds: tuple[float, float, float, float], width: float, height: float,
            area: tuple[float, float, float, float] | None = None) -> None:
        """Show ``bounds`` whole inside ``area`` (left, top, right, bottom widget pixels; default: all)."""
        xmin, ymin, xmax, ymax = bounds
        left, top, right, bottom = area or (0.0, 0.0, width, height)
        usable_w, usable_h = max(right - left, 1.0), max(bottom - top, 1.0)
        self.scale = min(usable_w / max(xmax - xmin, 1.0), usable_h / max(ymax - ymin, 1.0))
        # the centre of the area, not of the widget, shows the middle of the bounds
        self.cx = (xmin + xmax) / 2 - ((left + right) / 2 - width / 2) / self.scale
        self.cy = (ymin + ymax) / 2 + ((top + bottom) / 2 - height / 2) / self.scale

    def zoom(self, factor: float, x: float, y: float, width: float, height: float) -> None:
        """Zoom by ``factor`` keeping the world point under widget pixel (x, y) in place."""
        wx, wy = self.to_world(x, y, width, height)
        self.scale = min(max(self.scale * factor, MIN_SCALE), MAX_SCALE)
        self.cx = wx - (x - width / 2) / self.scale
        self.cy = wy + (y - height / 2) / self.scale

    def pan(self, dx: float, dy: float) -> None:
        """Move the content by (dx, dy) widget pixels."""
        self.cx -= dx / self.scale
        self.cy += dy / self.scale

    def lod(self, device_pixel_ratio: float = 1.0) -> str:
        metres_per_pixel = 1.0 / (self.scale * device_pixel_ratio)
        for threshold, name in _LOD_BY_METRES_PER_PIXEL:
            if metres_per_pixel >= threshold:
                return name
        return "full"
