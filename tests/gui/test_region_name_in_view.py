"""Zoomed in on central Chongqing the region covering most of the view is named where one can see it
(walkthrough s11: every candidate spot of 盆地中部's name — its cities' label points, their midpoints, a grid over
its whole outline — lay off-screen, and the map named no region)."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF


def _shares(canvas, images) -> dict[int, float]:
    """Each region's share of the view's pixels (from the hit-test raster)."""
    geometry = canvas.geometry
    ids = images.ids[:, :int(round(canvas.width() * images.device_pixel_ratio))]
    regions = np.array([""] + list(geometry.regions), dtype=object)[ids.ravel()]
    return {k: float(np.mean(regions == name)) for k, name in enumerate(geometry.region_names)}


def test_the_region_filling_the_view_is_named_inside_it(desk, canvas, qtbot):
    desk.window.resize(1366, 768)
    qtbot.wait(30)
    geometry = canvas.geometry
    for unit, scale in (("渝中区", 1 / 250.0), ("渝中区", 1 / 120.0), ("南岸区", 1 / 60.0), ("成都市", 1 / 150.0)):
        canvas.focus_unit(unit)
        canvas.view.scale = scale
        canvas._invalidate()
        canvas.repaint()
        images = canvas._images
        shown = QRectF(canvas.rect())
        named = {}
        dpr = images.device_pixel_ratio
        for rect in images.region_name_rects:
            if not shown.contains(rect):
                continue
            part = images.ids[int(rect.top() * dpr):int(rect.bottom() * dpr), int(rect.left() * dpr):int(rect.right() * dpr)]
            owners = {geometry.regions[i - 1] for i in np.unique(part) if i}
            if len(owners) == 1:
                named[owners.pop()] = rect
        for k, share in _shares(canvas, images).items():
            if share >= 0.3:  # covers much of the view: named on it, inside its own part of it
                region = geometry.region_names[k]
                assert region in named, (unit, scale, region, share, images.region_name_rects)
                rect = named[region]
                for other in [canvas.legend_rect(), canvas.region_panel_rect(), *images.label_rects]:
                    assert not rect.intersects(other), (unit, region, rect, other)
