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


def test_panned_and_zoomed_views_from_kept_cut_outlines_draw_the_same_pixels(geometry):
    """Units crossing the view's edge are drawn without their vertices far off it, cut once for a rectangle
    around the view and kept while later views fit in it: a walk of pans and zooms draws what all 59 whole
    outlines draw (hit-test raster exactly; overlay as in the test above), at ratio 1 and 2."""
    from app.gui.map.renderer import render_view
    from app.gui.map.view import MapView

    font = QFont()
    font.setPixelSize(13)
    rng = np.random.default_rng(26)
    x0, y0, x1, y1 = geometry.bounds
    width, height = 700, 450
    cut_vertices = whole_vertices = 0
    for walk in range(4):
        dpr = (1.0, 2.0)[walk % 2]
        view = MapView(float(rng.uniform(x0, x1)), float(rng.uniform(y0, y1)), 1 / (250.0, 120.0, 400.0, 60.0)[walk])
        for step in range(8):
            move = int(rng.integers(0, 6))
            if move < 4:
                view.pan(*((80, 0), (0, 80), (-80, 0), (0, -80))[move])
            else:
                view.zoom((1.25, 0.8)[move - 4], float(rng.uniform(0, width)), float(rng.uniform(0, height)), width,
                          height)
            cut = render_view(geometry, view, width, height, dpr, None, font, show_labels=False)
            every = render_view(geometry, view, width, height, dpr, None, font, show_labels=False, cull=False)
            # the hit-test raster is the same but where a pixel's centre lies on a shared border to within a
            # thousandth of a pixel (Qt's scan converter breaks that tie either way): one pixel in 32 views
            differ = np.argwhere(cut.ids != every.ids)
            assert len(differ) <= 2, (walk, step, differ)
            for y, x in differ:
                around = every.ids[max(y - 1, 0):y + 2, max(x - 1, 0):x + 2]
                assert cut.ids[y, x] in around and every.ids[y, x] in around  # a pixel on the two units' border
            a = np.frombuffer(cut.overlay.constBits(), np.uint8).astype(int)
            b = np.frombuffer(every.overlay.constBits(), np.uint8).astype(int)
            assert np.abs(a - b).max() <= 1 and np.count_nonzero(a != b) <= 8, (walk, step)
            lod = view.lod(dpr)
            shown = units_in_view_of(geometry, view, width, height, dpr)
            world = view.transform(width, height).inverted()[0].mapRect(QRectF(-8, -8, width + 16, height + 16))
            paths = geometry.unit_paths_in(lod, shown, world.left(), world.top(), world.right(), world.bottom())
            cut_vertices += sum(p.elementCount() for p in paths.values())
            whole_vertices += sum(geometry.unit_path(lod, i).elementCount() for i in shown)
    assert cut_vertices < whole_vertices / 2  # what the views fill and stroke


def units_in_view_of(geometry, view, width, height, dpr):
    from app.gui.map.renderer import units_in_view

    return units_in_view(geometry, view.lod(dpr), view.transform(width, height), width, height)


def test_dropped_vertices_lie_beyond_one_side_with_both_neighbours():
    from app.gui.map.geometry import _drop_beyond

    rng = np.random.default_rng(5)
    lengths = np.array([40, 3, 25])
    xy = rng.uniform(-10, 10, (lengths.sum(), 2))
    kept, kept_lengths = _drop_beyond(xy, lengths, -2.0, -3.0, 4.0, 5.0)
    assert kept_lengths.sum() == len(kept) < len(xy)
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    kept_starts = np.concatenate([[0], np.cumsum(kept_lengths)[:-1]])
    np.testing.assert_array_equal(kept[kept_starts], xy[starts])  # each ring's first and last vertex stay
    np.testing.assert_array_equal(kept[kept_starts + kept_lengths - 1], xy[starts + lengths - 1])
    inside = (xy[:, 0] >= -2) & (xy[:, 0] <= 4) & (xy[:, 1] >= -3) & (xy[:, 1] <= 5)
    assert {tuple(p) for p in xy[inside]} <= {tuple(p) for p in kept}  # no vertex inside is dropped
