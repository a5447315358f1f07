"""A view draws only the units that reach into it (the inset, a zoomed map): the same pixels as drawing all 59
— hit-test raster and overlay (borders, hatching, outlines, labels) alike — with fewer paths made, and the
regions' outlines cut to the segments near the view."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QFont


@pytest.fixture(scope="module")
def geometry(qapp):
    from app.gui.map.geometry import load_map_geometry

    return load_map_geometry()


def _views(geometry):
    from app.gui.map.view import MapView

    home = MapView()
    home.fit(geometry.bounds, 1084, 556)
    yield "home", home, 1084, 556
    chengdu = MapView(*geometry.label_points[geometry.index("成都市")], scale=1 / 300.0)
    yield "zoomed on Chengdu (fine)", chengdu, 900, 600
    edge = MapView(geometry.bounds[0], geometry.bounds[3], scale=1 / 900.0)  # the basin's corner: half empty
    yield "corner", edge, 700, 500
    yuzhong = MapView(*geometry.label_points[geometry.index("渝中区")], scale=1 / 60.0)
    yield "central Chongqing (full)", yuzhong, 640, 480


def test_culled_views_draw_the_same_pixels(geometry):
    from app.gui.map.highlights import label_names
    from app.gui.map.labels import LabelPlacer
    from app.gui.map.renderer import render_view, units_in_view

    labels = LabelPlacer(label_names(geometry), geometry.label_points, geometry.areas, geometry.linkage)
    font = QFont()
    font.setPixelSize(13)
    for name, view, width, height in _views(geometry):
        shown = units_in_view(geometry, view.lod(1.0), view.transform(width, height), width, height)
        if name != "home":
            assert 0 < len(shown) < len(geometry.names), name
        culled = render_view(geometry, view, width, height, 1.0, labels, font, region_names=["a", "b", "c", "d"])
        every = render_view(geometry, view, width, height, 1.0, labels, font, region_names=["a", "b", "c", "d"],
                            cull=False)
        np.testing.assert_array_equal(culled.ids, every.ids, err_msg=name)
        assert culled.origin == every.origin, name
        # the regions' outlines are cut to the view's segments: where a ring's first vertex is in view, a few
        # pixels may differ by 1/255 (see test_map_frame_speed); everything else is the same, pixel for pixel
        a = np.frombuffer(culled.overlay.constBits(), np.uint8).astype(int)
        b = np.frombuffer(every.overlay.constBits(), np.uint8).astype(int)
        assert a.shape == b.shape and np.abs(a - b).max() <= 1 and np.count_nonzero(a != b) <= 4, name


def test_the_inset_makes_paths_for_the_units_it_shows_only(geometry):
    from app.gui.map.highlights import label_names
    from app.gui.map.inset import CentralInset

    geometry._paths.clear()
    inset = CentralInset(geometry, label_names(geometry))
    inset.rect = QRectF(0, 0, 262, 202)
    font = QFont()
    font.setPixelSize(13)
    images = inset.ensure(1.0, font)
    made = [p is not None for p in geometry._paths[("units", images.lod)]]
    assert images.lod != "coarse" and 6 <= sum(made) < len(geometry.names) // 2
    assert all(made[i] for i in inset.indices)


def test_unit_bounds_are_the_rings_extent(geometry):
    for lod in ("coarse", "full"):
        bounds = geometry.unit_bounds(lod)
        for i in (0, geometry.index("渝中区"), len(geometry.names) - 1):
            box = geometry.unit_path(lod, i).boundingRect()
            np.testing.assert_allclose(bounds[i], [box.left(), box.top(), box.right(), box.bottom()])
