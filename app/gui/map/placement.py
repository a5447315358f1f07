"""Where the basin goes on the canvas at the home view, and where the region panel goes, so that the panel never
covers a linkage city — at any widget size, after every resize.

Candidates, each a fit of the basin into part of the widget: the whole width (panel in the bottom-right corner,
where Guizhou leaves the map empty, or the top-right one), the panel stacked above the legend in the left column, room reserved for
the panel on the right, or below. The largest map whose panel covers no vertex of a linkage unit wins.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF

from app.gui.map.view import MapView

MARGIN = 12.0
CLEARANCE = 4.0  # pixels kept between the panel and the nearest linkage outline


def linkage_vertices(geometry, linkage_only: bool = True) -> np.ndarray:
    """(n, 2) world coordinates of the coarse outlines of the linkage units (what the panel must not cover),
    or of every unit."""
    rings = geometry.lods["coarse"]
    linkage = np.flatnonzero(geometry.linkage if linkage_only else np.ones(len(geometry.names), bool))
    points = [rings.coords[rings.offsets[r]:rings.offsets[r + 1]] for r in range(len(rings.owner))
              if rings.owner[r] in linkage]
    return np.concatenate(points) if points else np.zeros((0, 2))


def covers(view: MapView, width: float, height: float, rect: QRectF, vertices: np.ndarray) -> bool:
    """True when ``rect`` (widget pixels, grown by the clearance) holds a linkage vertex, or crosses an edge
    between two of them (vertices are dense enough at the coarse level that the edge test is by sampling)."""
    if rect.isEmpty() or not len(vertices):
        return False
    s = view.scale
    x = width / 2 + (vertices[:, 0] - view.cx) * s
    y = height / 2 - (vertices[:, 1] - view.cy) * s
    # midpoints as well: a long straight border could pass through a small panel between two vertices
    x = np.concatenate([x, (x[:-1] + x[1:]) / 2])
    y = np.concatenate([y, (y[:-1] + y[1:]) / 2])
    r = rect.adjusted(-CLEARANCE, -CLEARANCE, CLEARANCE, CLEARANCE)
    return bool(np.any((x >= r.left()) & (x <= r.right()) & (y >= r.top()) & (y <= r.bottom())))


def place(bounds, width: float, height: float, top: float, legend: tuple[float, float],
          panel: tuple[float, float], vertices: np.ndarray,
          all_vertices: np.ndarray | None = None) -> tuple[MapView, QPointF | None]:
    """The home view and the panel's top-left corner (None: no panel). A panel clear of every unit is
    preferred when its map is at least 90% as large as the largest one clear of the linkage units."""
    return _place(bounds, width, height, top, legend, panel, vertices, all_vertices, QRectF())


def _place(bounds, width: float, height: float, top: float, legend: tuple[float, float],
           panel: tuple[float, float], vertices: np.ndarray,
           all_vertices: np.ndarray | None, header: QRectF) -> tuple[MapView, QPointF | None]:
    legend_w, legend_h = legend
    panel_w, panel_h = panel
    left = legend_w + 2 * MARGIN if (width - legend_w - 2 * MARGIN) / max(height - top, 1) > 1.15 else MARGIN
    whole = MapView()
    whole.fit(bounds, width, height, (left, top, width - MARGIN, height - MARGIN))
    if not panel_w:
        return whole, None
    corner = QPointF(width - panel_w - MARGIN, height - panel_h - MARGIN)
    top_right = QPointF(width - panel_w - MARGIN, top)  # north-east of the basin is often empty too
    candidates = [(whole, corner), (whole, top_right)]
    column = max(legend_w, panel_w) + 2 * MARGIN
    if legend_h + panel_h + 3 * MARGIN <= height - top:
        stacked = MapView()
        stacked.fit(bounds, width, height, (column, top, width - MARGIN, height - MARGIN))
        candidates.append((stacked, QPointF(MARGIN, height - legend_h - 2 * MARGIN - panel_h)))
    beside = MapView()
    beside.fit(bounds, width, height, (left, top, width - panel_w - 2 * MARGIN, height - MARGIN))
    candidates.append((beside, corner))
    below = MapView()
    below.fit(bounds, width, height, (left, top, width - MARGIN, height - panel_h - 2 * MARGIN))
    candidates.append((below, corner))
    clear = [(view, at) for view, at in candidates
             if not covers(view, width, height, QRectF(at.x(), at.y(), panel_w, panel_h), vertices)
             and not QRectF(at.x(), at.y(), panel_w, panel_h).intersects(header.adjusted(-6, -6, 6, 6))]
    if not clear:  # a tiny widget: the smallest map, which leaves the most room
        return min(candidates, key=lambda c: c[0].scale)
    best = max(clear, key=lambda c: c[0].scale)
    if all_vertices is not None:
        empty = [(view, at) for view, at in clear if view.scale >= 0.9 * best[0].scale
                 and not covers(view, width, height, QRectF(at.x(), at.y(), panel_w, panel_h), all_vertices)]
        if empty:
            return max(empty, key=lambda c: c[0].scale)
    return best
