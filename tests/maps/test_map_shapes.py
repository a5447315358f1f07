"""The meeting map draws from the window's drawing data (maps.derived: shipped or cached) instead of reading,
merging and simplifying the boundary file at every export (issue 26): the same unit rings, region outlines,
label points, areas and names as from the boundaries; the province line is the Sichuan–Chongqing border the
window draws."""

from __future__ import annotations

import numpy as np
import pytest

from app.domain.scheme import load_scheme
from maps.boundaries import load_boundaries
from maps.derived import drawing_geometry
from maps.layout import MapShapes, MeetingMap


@pytest.fixture(scope="module")
def both():
    scheme = load_scheme()
    return MapShapes.from_boundaries(load_boundaries()), MapShapes.from_drawing(drawing_geometry(scheme=scheme))


def test_units_are_drawn_from_the_same_rings(both):
    measured, cached = both
    assert cached.names == measured.names and cached.short_names == measured.short_names
    assert cached.regions == measured.regions
    for a, b in zip(measured.unit_paths, cached.unit_paths, strict=True):
        assert np.array_equal(a.vertices, b.vertices) and np.array_equal(a.codes, b.codes)
    assert cached.bounds == measured.bounds
    assert np.allclose(cached.label_xy, measured.label_xy) and np.allclose(cached.areas_km2, measured.areas_km2)


def test_region_outlines_are_the_same_merged_outlines(both):
    measured, cached = both

    def key(path):
        return (len(path.vertices), tuple(np.round(path.vertices.sum(axis=0), 3)))

    assert sorted(map(key, cached.region_paths)) == sorted(map(key, measured.region_paths))


def test_the_province_line_is_an_open_border_inside_the_basin(both):
    measured, cached = both
    assert cached.province_paths and all(p.codes[-1] != p.CLOSEPOLY for p in cached.province_paths)
    x0, y0, x1, y1 = cached.bounds
    xy = np.concatenate([p.vertices for p in cached.province_paths])
    assert (xy[:, 0] > x0).all() and (xy[:, 0] < x1).all() and (xy[:, 1] > y0).all() and (xy[:, 1] < y1).all()


def test_a_page_built_from_either_labels_and_insets_the_same_units(both):
    measured, cached = both
    a, b = MeetingMap(measured), MeetingMap(cached)
    assert a.outside == b.outside and a.unlabelled == b.unlabelled and a.in_inset == b.in_inset
    assert a._inset_units.axes.get_xlim() == b._inset_units.axes.get_xlim()
