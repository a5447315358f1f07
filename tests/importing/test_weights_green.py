"""The Green's-theorem overlap weights against the previous shapely implementation (tests/importing/shapely_weights):
on the grids the shipped samples really use (CF NetCDF, WRF-Chem, CMAQ), on a grid that straddles the basin's
edge, and on polygons built to hit the awkward cases (vertices and edges on grid lines, holes, clockwise rings)."""

from __future__ import annotations

import numpy as np
import pytest
import shapely

from app.importing import grid as grid_module
from app.importing import load_forecast
from app.importing import projected as projected_module
from app.importing.weights import cell_edges, overlap_weights
from app.paths import SAMPLES_DIR
from tests.importing import shapely_weights

SAMPLES = ["sample-red-plain-south-grid.nc", "consult-wrfchem-wrfout_d01.nc", "consult-cmaq-CCTM_CONC_CN36.nc"]


def _same(new, old, cell_area: float) -> None:
    """Same cells (sparsity) and the same weights to rounding (1e-12 of a cell)."""
    new, old = new.tocsr(), old.tocsr()
    assert new.shape == old.shape
    assert ((new != 0) != (old != 0)).nnz == 0
    assert abs(new - old).max() <= 1e-12 * cell_area
    np.testing.assert_allclose(np.asarray(new.sum(axis=1)).ravel(), np.asarray(old.sum(axis=1)).ravel(),
                               rtol=1e-12)


def _polygons_of(names):
    from maps.boundaries import load_boundaries

    return load_boundaries().gdf.loc[list(names)].geometry.values


@pytest.mark.parametrize("sample", SAMPLES)
def test_the_samples_get_the_same_weights_and_unit_means_as_the_shapely_path(sample, monkeypatch, tmp_path):
    monkeypatch.setenv("HAZEDESK_HOME", str(tmp_path / "state"))  # no cached weights: both are computed
    calls = []
    ring_weights = grid_module._unit_weights

    def capture(x_edges, y_edges, polygons, **kw):  # model-projection grids: shapely polygons in x/y
        calls.append((x_edges, y_edges, polygons, kw.get("area_scale")))
        return overlap_weights(x_edges, y_edges, polygons, **kw)

    def capture_rings(x_edges, y_edges, names, progress):  # CF grids: the shipped lon/lat rings
        calls.append((x_edges, y_edges, _polygons_of(names), None))
        matrix = ring_weights(x_edges, y_edges, names, progress)
        # the shipped rings are the GeoPackage's polygons bit for bit: the same weights, not merely close
        assert (matrix != overlap_weights(x_edges, y_edges, calls[-1][2])).nnz == 0
        return matrix

    monkeypatch.setattr(projected_module, "overlap_weights", capture)
    monkeypatch.setattr(grid_module, "_unit_weights", capture_rings)
    grid_module._WEIGHTS_CACHE.clear()
    projected_module._CACHE.clear()
    new = load_forecast(SAMPLES_DIR / sample)
    assert len(calls) == 1
    x_e, y_e, polygons, scale = calls[0]
    _same(overlap_weights(x_e, y_e, polygons, area_scale=scale),
          shapely_weights.overlap_weights(x_e, y_e, polygons, area_scale=scale),
          float(np.diff(x_e).max() * np.diff(y_e).max() * (1 if scale is None else scale.max())))

    monkeypatch.setattr(projected_module, "overlap_weights", shapely_weights.overlap_weights)
    monkeypatch.setattr(grid_module, "_unit_weights",
                        lambda x, y, names, progress: shapely_weights.overlap_weights(x, y, _polygons_of(names)))
    monkeypatch.setenv("HAZEDESK_HOME", str(tmp_path / "state-old"))
    grid_module._WEIGHTS_CACHE.clear()
    projected_module._CACHE.clear()
    old = load_forecast(SAMPLES_DIR / sample)
    assert new.units == old.units and set(new.values) == set(old.values)
    for field in new.values:
        np.testing.assert_allclose(new.values[field], old.values[field], rtol=1e-12, equal_nan=True)
        assert (np.isnan(new.values[field]) == np.isnan(old.values[field])).all()
    assert [w.message for w in new.warnings] == [w.message for w in old.warnings]
    grid_module._WEIGHTS_CACHE.clear()
    projected_module._CACHE.clear()


def test_a_grid_straddling_the_basins_edge_gets_the_same_weights():
    from maps.boundaries import load_boundaries

    polygons = load_boundaries().gdf.geometry.values
    # the grid's west and north parts lie outside the basin's units; its south-east corner cuts through units
    lon_e, lat_e = cell_edges(np.arange(95.013, 104.5, 0.031)), cell_edges(np.arange(30.007, 36.5, 0.027))
    _same(overlap_weights(lon_e, lat_e, polygons), shapely_weights.overlap_weights(lon_e, lat_e, polygons),
          0.031 * 0.027)


def _hostile_polygons():
    # the test grid's cell edges lie at odd multiples of 0.125
    on_lines = shapely.Polygon([(0.125, 0.125), (1.625, 0.125), (1.625, 0.875), (0.875, 0.875), (0.875, 1.625),
                                (0.125, 1.625)])  # every edge on a grid line
    horizontal_mid = shapely.Polygon([(0.2, 0.3), (2.1, 0.3), (2.1, 0.6), (0.2, 0.6)])  # edges inside one row
    spike = shapely.Polygon([(0.0, 2.0), (1.0, 0.51), (2.0, 2.0), (1.0, 2.9)])  # vertex inside a cell
    vertex_on_corner = shapely.Polygon([(0.375, 0.375), (1.875, 0.875), (0.625, 2.125)])
    clockwise = shapely.Polygon([(0.3, 0.3), (0.3, 2.2), (2.2, 2.2), (2.2, 0.3)],
                                holes=[[(0.9, 0.9), (1.6, 0.9), (1.6, 1.6), (0.9, 1.6)]])  # hole: anticlockwise
    multi = shapely.MultiPolygon([shapely.box(0.01, 0.01, 0.2, 0.2), shapely.box(1.0, 1.0, 3.3, 1.02),
                                  shapely.Polygon([(2.0, 0.1), (3.0, 0.1000001), (2.5, 0.9)])])
    sliver = shapely.Polygon([(0.0, 0.0), (3.0, 1e-7), (3.0, 2e-7)])  # thinner than any cell
    outside = shapely.box(10.0, 10.0, 11.0, 11.0)  # no cell of the grid
    partly = shapely.box(-1.0, 2.0, 1.0, 5.0)  # sticks out of the grid's west and north
    return [on_lines, horizontal_mid, spike, vertex_on_corner, clockwise, multi, sliver, outside, partly]


def test_awkward_polygons_get_the_same_weights_as_the_shapely_path_and_the_brute_force():
    lon_e, lat_e = cell_edges(np.arange(0.0, 3.01, 0.25)), cell_edges(np.arange(0.0, 3.01, 0.25))
    polygons = _hostile_polygons()
    new = overlap_weights(lon_e, lat_e, polygons)
    _same(new, shapely_weights.overlap_weights(lon_e, lat_e, polygons), 0.0625)
    cos = np.cos(np.radians((lat_e[1:] + lat_e[:-1]) / 2))
    for k, poly in enumerate(polygons):
        brute = np.array([[shapely.box(lon_e[i], lat_e[j], lon_e[i + 1], lat_e[j + 1]).intersection(poly).area
                           * cos[j] for i in range(len(lon_e) - 1)] for j in range(len(lat_e) - 1)])
        np.testing.assert_allclose(new[k].toarray().ravel(), brute.ravel(), rtol=1e-9, atol=1e-15)


def test_cells_wholly_inside_get_exactly_the_cells_area():
    lon_e, lat_e = cell_edges(np.arange(0.0, 3.01, 0.25)), cell_edges(np.arange(0.0, 3.01, 0.25))
    poly = shapely.Polygon([(0.1, 0.1), (2.9, 0.2), (2.8, 2.9), (0.2, 2.7)])
    got = overlap_weights(lon_e, lat_e, [poly]).toarray()[0].reshape(len(lat_e) - 1, len(lon_e) - 1)
    cos = np.cos(np.radians((lat_e[1:] + lat_e[:-1]) / 2))
    whole = np.diff(lat_e)[:, None] * np.diff(lon_e)[None, :] * cos[:, None]
    inner = np.zeros_like(got, dtype=bool)
    inner[2:-2, 2:-2] = True
    assert (got[inner] == whole[inner]).all()  # bit for bit, not merely close
