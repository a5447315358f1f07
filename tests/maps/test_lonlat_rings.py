"""The shipped lon/lat rings (maps.lonlat_rings): the GeoPackage's polygons bit for bit, used only while they match
the files present, derived again when stale or damaged, and a grid's first load needs neither geopandas nor
shapely."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest
import shapely

from app.importing.weights import _edges_of
from maps import lonlat_rings
from maps.boundaries import load_boundaries
from maps.lonlat_rings import SHIPPED_RINGS, part_weighted_area, unit_rings


@pytest.fixture(autouse=True)
def _fresh_memo():
    lonlat_rings._memo.clear()
    yield
    lonlat_rings._memo.clear()


def test_every_units_edges_and_area_are_its_polygons():
    rings = unit_rings()
    gdf = load_boundaries().gdf
    assert list(rings.names) == list(gdf.index)
    for name, geometry in zip(gdf.index, gdf.geometry.values, strict=True):
        edges = rings.edges(name)
        expected = _edges_of(geometry)
        assert edges.dtype == expected.dtype and np.array_equal(edges, expected), name
        assert rings.full_area[rings.index(name)] == part_weighted_area(geometry)
    # multi-part units and units with holes are among them (the ring bookkeeping is exercised)
    assert any(len(shapely.get_parts(g)) > 1 for g in gdf.geometry.values)


def test_edges_of_a_unit_with_several_rings_skip_the_joins_between_rings():
    square = shapely.Polygon([(0, 0), (4, 0), (4, 4), (0, 4)], [[(1, 1), (1, 2), (2, 2), (2, 1)]])
    island = shapely.Polygon([(10, 0), (11, 0), (11, 1)])
    rings = lonlat_rings.UnitRings(("a", "b"), np.vstack(lonlat_rings.oriented_rings(
        shapely.MultiPolygon([square, island])) + lonlat_rings.oriented_rings(island)),
        np.array([0, 5, 10, 14, 18]), np.array([0, 3, 4]), np.array([1.0, 2.0]))
    edges = rings.edges("a")
    assert len(edges) == 4 + 4 + 3  # no edge from the square's last vertex to the hole, nor to the island
    assert np.array_equal(edges, _edges_of(shapely.MultiPolygon([square, island])))
    assert np.array_equal(rings.edges("b"), _edges_of(island))


def test_stale_shipped_rings_are_not_used(monkeypatch, tmp_path, _private_state):
    stale = tmp_path / "stale.npz"
    fresh = unit_rings()
    shifted = lonlat_rings.UnitRings(fresh.names, fresh.coords + 1.0, fresh.ring_offsets, fresh.unit_offsets,
                                     fresh.full_area)
    inputs = dict(lonlat_rings.rings_inputs(), boundaries_sha256="0" * 64)  # derived from other boundaries
    stale.write_bytes(lonlat_rings.rings_file_bytes(shifted, inputs))
    monkeypatch.setattr(lonlat_rings, "SHIPPED_RINGS", stale)
    lonlat_rings._memo.clear()
    again = unit_rings()
    assert np.array_equal(again.coords, fresh.coords)
    assert list((_private_state / "cache").glob("lonlat-rings-*.npz"))  # derived and kept in the state folder
    lonlat_rings._memo.clear()
    monkeypatch.setattr(lonlat_rings, "derive_rings", lambda *_: pytest.fail("derived although kept"))
    assert np.array_equal(unit_rings().coords, fresh.coords)


def test_damaged_shipped_rings_are_derived_again(monkeypatch, tmp_path, _private_state):
    damaged = tmp_path / "damaged.npz"
    damaged.write_bytes(SHIPPED_RINGS.read_bytes()[:50_000])
    fresh = unit_rings()
    monkeypatch.setattr(lonlat_rings, "SHIPPED_RINGS", damaged)
    lonlat_rings._memo.clear()
    assert np.array_equal(unit_rings().coords, fresh.coords)


def test_a_grids_first_load_imports_neither_geopandas_nor_shapely(tmp_path):
    from tests.importing import builders

    path = builders.grid_file(tmp_path / "g.nc", lat=np.arange(28.0, 32.0, 0.1), lon=np.arange(103.0, 107.0, 0.1),
                              hours=2)
    code = ("import json, sys; from app.importing import load_forecast; fc = load_forecast(sys.argv[1]); "
            "print(json.dumps([len(fc.units), 'geopandas' in sys.modules, 'shapely' in sys.modules]))")
    env = {"HAZEDESK_HOME": str(tmp_path / "state"), "PATH": "/usr/bin:/bin"}
    import os

    env.update({k: v for k, v in os.environ.items() if k in ("PYTHONPATH", "HOME", "LANG")})
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, env=env,
                         check=True, cwd=str(SHIPPED_RINGS.parents[2]))
    units, geopandas, shapely_loaded = json.loads(out.stdout.strip().splitlines()[-1])
    assert units > 0 and not list((tmp_path / "state" / "cache").glob("lonlat-rings-*"))  # the shipped copy
    assert (geopandas, shapely_loaded) == (False, False)
