"""NetCDF grids to unit means: exact overlap weights, times to Beijing, units, missing cells, odd layouts."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import shapely

from app.domain.progress import Cancelled, Progress
from app.importing import load_forecast
from app.importing.weights import cell_edges, overlap_weights
from tests.importing import builders


def _brute_force(lon_e, lat_e, poly):
    cos = np.cos(np.radians((lat_e[1:] + lat_e[:-1]) / 2))
    out = np.zeros((len(lat_e) - 1, len(lon_e) - 1))
    for j in range(len(lat_e) - 1):
        for i in range(len(lon_e) - 1):
            out[j, i] = shapely.box(lon_e[i], lat_e[j], lon_e[i + 1], lat_e[j + 1]).intersection(poly).area * cos[j]
    return out


def test_weights_equal_brute_force_cell_by_cell_overlap_for_a_polygon_with_a_hole():
    poly = shapely.Polygon([(0.13, 0.21), (3.7, 0.5), (2.9, 3.3), (1.1, 2.45), (0.5, 3.9)],
                           holes=[[(1.5, 1.0), (2.0, 1.0), (1.8, 1.6)]])
    lon_e, lat_e = cell_edges(np.linspace(-0.5, 4.5, 37)), cell_edges(np.linspace(-0.2, 4.3, 29))
    got = overlap_weights(lon_e, lat_e, [poly]).toarray()[0].reshape(len(lat_e) - 1, len(lon_e) - 1)
    np.testing.assert_allclose(got, _brute_force(lon_e, lat_e, poly), atol=1e-12)


def test_weights_equal_brute_force_for_real_units():
    from maps.boundaries import load_boundaries

    geoms = load_boundaries().gdf.loc[["渝中区", "成都市"]].geometry.values
    lon_e, lat_e = cell_edges(np.arange(102.0, 107.0, 0.1)), cell_edges(np.arange(29.0, 31.6, 0.1))
    got = overlap_weights(lon_e, lat_e, geoms).toarray()
    for k, geom in enumerate(geoms):
        np.testing.assert_allclose(got[k], _brute_force(lon_e, lat_e, geom).ravel(), atol=1e-10)


def test_weight_sums_are_the_units_true_areas():
    """deg² · cos φ scaled by R² (rad) is the area on the sphere: compare with the geodesic area."""
    from pyproj import Geod

    from maps.boundaries import load_boundaries

    gdf = load_boundaries().gdf
    lon_e, lat_e = cell_edges(np.arange(97.0, 110.6, 0.05)), cell_edges(np.arange(25.8, 34.6, 0.05))
    sums = np.asarray(overlap_weights(lon_e, lat_e, gdf.geometry.values).sum(axis=1)).ravel()
    sphere_km2 = sums * (np.pi / 180) ** 2 * 6371.0088**2
    geodesic_km2 = np.array([abs(Geod(ellps="WGS84").geometry_area_perimeter(g)[0]) / 1e6 for g in gdf.geometry])
    np.testing.assert_allclose(sphere_km2, geodesic_km2, rtol=0.01)  # sphere vs ellipsoid: within 1 %


def test_constant_field_gives_the_constant_everywhere_and_times_turn_to_beijing(tmp_path):
    path = builders.grid_file(tmp_path / "g.nc", start="2026-01-09 16:00", hours=10)
    fc = load_forecast(path)
    assert len(fc.units) == 59 and fc.missing_units == []
    assert fc.times[0].strftime("%Y-%m-%d %H:%M") == "2026-01-10 00:00"  # CF time without zone is UTC
    np.testing.assert_allclose(fc.values["pm25"], np.broadcast_to(50.0 + np.arange(10), (59, 10)), rtol=1e-6)
    assert fc.meta.source_format == "netcdf" and len(fc.meta.sha256) == 64


def test_a_time_zone_attribute_overrides_utc(tmp_path):
    path = builders.grid_file(tmp_path / "g.nc", start="2026-01-10 00:00", hours=3,
                              time_attrs={"time_zone": "Asia/Shanghai"})
    assert load_forecast(path).times[0].strftime("%H:%M") == "00:00"


@pytest.mark.parametrize("descending", [False, True])
def test_latitude_field_averages_to_the_units_latitude_whatever_the_axis_order(tmp_path, descending):
    lat = np.arange(25.5, 34.8, 0.1)
    path = builders.grid_file(tmp_path / "g.nc", lat=lat[::-1] if descending else lat,
                              lon=np.arange(97.0, 110.6, 0.1), hours=2, field=lambda x, y, t: y)
    fc = load_forecast(path)
    from maps.boundaries import load_boundaries

    centroid_lat = shapely.get_y(shapely.centroid(load_boundaries().gdf.loc[fc.units].geometry.values))
    np.testing.assert_allclose(fc.values["pm25"][:, 0], centroid_lat, atol=0.05)


def test_missing_cells_drop_out_and_a_mostly_missing_unit_is_empty(tmp_path):
    def field(x, y, t):
        out = np.full(x.shape, 80.0)
        out[(x > 103.5) & (x < 105.0) & (y > 30.0) & (y < 31.5)] = np.nan
        return out

    path = builders.grid_file(tmp_path / "g.nc", lat=np.arange(25.5, 34.8, 0.05), lon=np.arange(97, 110.6, 0.05),
                              hours=2, field=field)
    fc = load_forecast(path)
    pm = fc.values["pm25"]
    assert np.isnan(pm[fc.row("成都市"), 0]) and np.isnan(pm[fc.row("德阳市"), 0])  # 79 % and 87 % missing
    assert pm[fc.row("眉山市"), 0] == pytest.approx(80.0)  # 39 % missing: the rest still makes the mean
    assert pm[fc.row("泸州市"), 0] == pytest.approx(80.0)


def test_a_grid_over_part_of_the_region_lists_missing_and_partial_units(tmp_path):
    path = builders.grid_file(tmp_path / "g.nc", lat=np.arange(28.0, 32.0, 0.1), lon=np.arange(103.0, 107.0, 0.1),
                              hours=2)
    fc = load_forecast(path)
    assert "成都市" in fc.units and "巫山县" in fc.missing_units and "甘孜藏族自治州" in fc.missing_units
    assert any("covers only part" in w.message for w in fc.warnings)


def test_units_attribute_converts_and_an_unknown_unit_warns(tmp_path):
    fc = load_forecast(builders.grid_file(tmp_path / "a.nc", units="mg m-3", hours=2,
                                          field=lambda x, y, t: np.full(x.shape, 0.05)))
    np.testing.assert_allclose(fc.values["pm25"], 50.0, rtol=1e-5)
    fc = load_forecast(builders.grid_file(tmp_path / "b.nc", units="furlongs", hours=2))
    assert any("unit is missing or unknown" in w.message for w in fc.warnings)


def test_netcdf3_and_model_names_and_a_vertical_level(tmp_path):
    import xarray as xr

    lat, lon = np.arange(25.5, 34.8, 0.25), np.arange(97.0, 110.6, 0.25)
    data = np.stack([np.full((2, lat.size, lon.size), 40.0), np.full((2, lat.size, lon.size), 999.0)], axis=1)
    ds = xr.Dataset({"PM2_5_DRY": (("time", "lev", "latitude", "longitude"), data.astype(np.float32),
                                   {"units": "ug/m3"})},
                    coords={"time": pd.date_range("2026-01-10", periods=2, freq="h"), "lev": [0, 1],
                            "latitude": lat, "longitude": lon})
    path = tmp_path / "naqpms.nc"
    ds.to_netcdf(path, engine="scipy")
    fc = load_forecast(path)
    np.testing.assert_allclose(fc.values["pm25"], 40.0)
    assert any("vertical levels" in w.message for w in fc.warnings)


def test_regular_2d_coordinates_are_accepted(tmp_path):
    import xarray as xr

    lat, lon = np.arange(25.5, 34.8, 0.25), np.arange(97.0, 110.6, 0.25)
    lon2d, lat2d = np.meshgrid(lon, lat)
    ds = xr.Dataset({"PM25": (("Time", "south_north", "west_east"), np.full((2, lat.size, lon.size), 33.0,
                                                                            np.float32), {"units": "ug m^-3"})},
                    coords={"Time": pd.date_range("2026-01-10", periods=2, freq="h"),
                            "XLAT": (("south_north", "west_east"), lat2d),
                            "XLONG": (("south_north", "west_east"), lon2d)})
    path = tmp_path / "wrf.nc"
    ds.to_netcdf(path, engine="netcdf4")
    np.testing.assert_allclose(load_forecast(path).values["pm25"], 33.0, rtol=1e-6)


def test_grid_progress_reaches_one_and_cancel_stops(tmp_path):
    path = builders.grid_file(tmp_path / "g.nc", hours=30)
    seen = []
    load_forecast(path, progress=Progress(lambda f, m: seen.append((f, m))))
    assert seen[-1][0] == 1.0 and any("averaging" in m for _, m in seen)
    assert all(b[0] >= a[0] for a, b in zip(seen, seen[1:]))
    progress = Progress(lambda f, m: progress.cancel() if "averaging" in m else None)
    with pytest.raises(Cancelled):
        load_forecast(path, progress=progress)


@pytest.mark.parametrize("descending", [False, True])
def test_longitude_field_averages_to_the_units_longitude_whatever_the_axis_order(tmp_path, descending):
    lon = np.arange(97.0, 110.6, 0.1)
    path = builders.grid_file(tmp_path / "g.nc", lat=np.arange(25.5, 34.8, 0.1), lon=lon[::-1] if descending else lon,
                              hours=2, field=lambda x, y, t: x)
    fc = load_forecast(path)
    from maps.boundaries import load_boundaries

    centroid_lon = shapely.get_x(shapely.centroid(load_boundaries().gdf.loc[fc.units].geometry.values))
    np.testing.assert_allclose(fc.values["pm25"][:, 0], centroid_lon, atol=0.05)


def _forget_weights(monkeypatch):
    """A new process: no weights in memory, and computing them is refused from here on."""
    import app.importing.grid as grid

    def refuse(*_args, **_kwargs):
        raise AssertionError("weights computed although the state folder holds them")

    grid._WEIGHTS_CACHE.clear()
    grid._FULL_AREAS.clear()
    monkeypatch.setattr(grid, "_unit_weights", refuse)
    monkeypatch.setattr(grid, "_unit_areas", refuse)


def test_weights_of_a_grid_layout_are_kept_in_the_state_folder(tmp_path, monkeypatch, _private_state):
    path = builders.grid_file(tmp_path / "g.nc", lat=np.arange(28.0, 32.0, 0.1), lon=np.arange(103.0, 107.0, 0.1),
                              hours=2)
    first = load_forecast(path)
    assert [p.name.split("-")[0] for p in (_private_state / "cache").glob("grid-*.npz")] == ["grid"]
    _forget_weights(monkeypatch)
    again = load_forecast(path)
    assert again.units == first.units and again.missing_units == first.missing_units
    np.testing.assert_array_equal(again.values["pm25"], first.values["pm25"])
    assert [w.message for w in again.warnings] == [w.message for w in first.warnings]  # partial units: same areas
    other = builders.grid_file(tmp_path / "h.nc", lat=np.arange(28.0, 32.0, 0.2), lon=np.arange(103.0, 107.0, 0.1),
                               hours=2)
    with pytest.raises(AssertionError, match="weights computed"):
        load_forecast(other)  # another layout: its own weights


def test_a_state_folder_that_cannot_hold_the_weights_only_costs_time(tmp_path, monkeypatch):
    blocked = tmp_path / "state"
    blocked.mkdir()
    (blocked / "cache").write_text("a file where the cache folder should be")
    monkeypatch.setenv("HAZEDESK_HOME", str(blocked))
    path = builders.grid_file(tmp_path / "g.nc", start="2026-01-09 16:00", hours=3)
    assert len(load_forecast(path).units) == 59
