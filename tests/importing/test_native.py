"""WRF-Chem wrfout and CMAQ IOAPI readers: projections from the attributes, exact weights, known unit means."""

from __future__ import annotations

import netCDF4
import numpy as np
import pandas as pd
import pytest
import shapely
from pyproj import CRS, Proj, Transformer

from app.errors import InputError
from app.importing import load_forecast
from app.importing.projected import ProjectedGrid, projected_weights
from app.paths import SAMPLES_DIR
from tools import make_consult_samples as mcs

LCC = "+proj=lcc +lat_1=25 +lat_2=40 +lat_0=30 +lon_0=105 +a=6370000 +b=6370000 +units=m +no_defs"


def _brute_force(grid: ProjectedGrid, lonlat_polygon) -> np.ndarray:
    """Cell by cell: the polygon carried into the projection by pyproj, each cell box intersected with shapely,
    projected area divided by the areal scale at the cell centre."""
    forward = Transformer.from_crs("EPSG:4326", CRS.from_proj4(grid.proj4), always_xy=True)
    inverse = Transformer.from_crs(CRS.from_proj4(grid.proj4), "EPSG:4326", always_xy=True)
    dense = shapely.segmentize(lonlat_polygon, 0.01)
    poly = shapely.transform(dense, lambda xy: np.column_stack(forward.transform(xy[:, 0], xy[:, 1])))
    ny, nx = grid.shape
    out = np.zeros((ny, nx))
    for j in range(ny):
        for i in range(nx):
            box = shapely.box(grid.x_edges[i], grid.y_edges[j], grid.x_edges[i + 1], grid.y_edges[j + 1])
            area = box.intersection(poly).area
            if area:
                lon, lat = inverse.transform((grid.x_edges[i] + grid.x_edges[i + 1]) / 2,
                                             (grid.y_edges[j] + grid.y_edges[j + 1]) / 2)
                out[j, i] = area / Proj(grid.proj4).get_factors(lon, lat).areal_scale
    return out.ravel()


def test_projected_weights_equal_brute_force_cell_by_cell_overlap():
    from app.domain.units import load_units
    from maps.boundaries import load_boundaries

    x0, y0 = Transformer.from_crs("EPSG:4326", CRS.from_proj4(LCC), always_xy=True).transform(105.6, 29.0)
    grid = ProjectedGrid(LCC, x0 + np.arange(0, 31) * 9000.0, y0 + np.arange(0, 25) * 9000.0)
    weights, names, _ = projected_weights(grid, load_units())
    gdf = load_boundaries().gdf
    for unit in ("渝中区", "江北区", "合川区"):
        row = names.index(unit)
        expected = _brute_force(grid, gdf.loc[unit].geometry)
        np.testing.assert_allclose(weights.row(row), expected, rtol=1e-9, atol=1e-3)


def _sample_unit_means(run, times, names) -> np.ndarray:
    """The model field's own area mean over each unit: a 0.01° lattice inside each polygon, weighted by cos φ."""
    from maps.boundaries import load_boundaries

    gdf = load_boundaries().gdf
    out = np.empty((len(names), len(times)))
    for k, name in enumerate(names):
        geom = gdf.loc[name].geometry
        x0, y0, x1, y1 = geom.bounds
        lon, lat = np.meshgrid(np.arange(x0, x1, 0.01) + 0.005, np.arange(y0, y1, 0.01) + 0.005)
        inside = shapely.contains_xy(geom, lon, lat)
        if not inside.any():
            lon, lat, inside = np.array([[geom.centroid.x]]), np.array([[geom.centroid.y]]), np.array([[True]])
        field = mcs.model_field(run, lon[inside], lat[inside], times)
        w = np.cos(np.radians(lat[inside]))
        out[k] = field @ w / w.sum()
    return out


def test_wrf_sample_recovers_the_model_fields_unit_means():
    fc = load_forecast(SAMPLES_DIR / mcs.WRF_FILE)
    assert fc.meta.source_format == "wrfout" and len(fc.units) == 59 and fc.missing_units == []
    assert fc.times[0] == pd.Timestamp("2026-12-20 00:00", tz="Asia/Shanghai") and len(fc.times) == 168
    assert fc.meta.issued_at.isoformat() == "2026-12-19T08:00:00+08:00"  # SIMULATION_START_DATE, UTC → BJT
    steps = [0, 80, 100]
    expected = _sample_unit_means(mcs.WRF_RUN, fc.times[steps], fc.units)
    got = fc.values["pm25"][:, steps]
    # 15 km cells against a field that changes over ~200 km: the unit means agree within a few per cent
    np.testing.assert_allclose(got, expected, rtol=0.05)
    assert np.median(np.abs(got / expected - 1)) < 0.01


def test_cmaq_sample_sums_species_and_recovers_the_unit_means():
    fc = load_forecast(SAMPLES_DIR / mcs.CMAQ_FILE)
    assert fc.meta.source_format == "ioapi" and len(fc.units) == 59
    assert fc.times[0] == pd.Timestamp("2026-12-21 00:00", tz="Asia/Shanghai") and len(fc.times) == 72
    assert fc.meta.issued_at.isoformat() == "2026-12-20T10:30:00+08:00"  # CDATE/CTIME
    summed = [w for w in fc.warnings if "sum of 4 aerosol species" in w.message]
    assert summed and "ASO4I, ASO4J, ANO3J, AOTHRJ" in summed[0].message
    steps = [0, 40, 60]
    expected = _sample_unit_means(mcs.CMAQ_RUN, fc.times[steps], fc.units)
    got = fc.values["pm25"][:, steps]
    np.testing.assert_allclose(got, expected, rtol=0.08)  # 36 km cells
    assert np.median(np.abs(got / expected - 1)) < 0.02


def _small_wrf(tmp_path, **attrs):
    path = tmp_path / "wrfout_d01_small"
    mcs.write_wrfout(path, hours=3)
    if attrs:
        with netCDF4.Dataset(path, "a") as nc:
            for key, value in attrs.items():
                if value is None:
                    nc.delncattr(key)
                else:
                    nc.setncattr(key, value)
    return path


def test_wrf_reader_equals_brute_force_weighted_means_of_the_file_values(tmp_path):
    from maps.boundaries import load_boundaries

    path = _small_wrf(tmp_path)
    fc = load_forecast(path)
    with netCDF4.Dataset(path) as nc:
        values = np.asarray(nc["PM2_5_DRY"][:, 0], dtype=float).reshape(3, -1)
        nx, ny, dx = len(nc.dimensions["west_east"]), len(nc.dimensions["south_north"]), float(nc.DX)
        proj4 = (f"+proj=lcc +lat_1={nc.TRUELAT1} +lat_2={nc.TRUELAT2} +lat_0={nc.MOAD_CEN_LAT} "
                 f"+lon_0={nc.STAND_LON} +a=6370000 +b=6370000 +units=m +no_defs")
        x0, y0 = Transformer.from_crs("EPSG:4326", CRS.from_proj4(proj4), always_xy=True).transform(
            float(nc.CEN_LON), float(nc.CEN_LAT))
    x_edges = x0 + (np.arange(nx + 1) - nx / 2) * dx
    y_edges = y0 + (np.arange(ny + 1) - ny / 2) * dx
    grid = ProjectedGrid(proj4, x_edges, y_edges)
    gdf = load_boundaries().gdf
    for unit in ("渝中区", "成都市"):
        w = _brute_force(grid, gdf.loc[unit].geometry)
        np.testing.assert_allclose(fc.values["pm25"][fc.row(unit)], values @ w / w.sum(), rtol=1e-9)


def test_wrf_coordinates_that_contradict_the_attributes_are_refused(tmp_path):
    path = _small_wrf(tmp_path, CEN_LON=np.float32(104.9))
    with pytest.raises(InputError) as info:
        load_forecast(path)
    text = str(info.value)
    assert "XLAT/XLONG do not match the projection" in text and "south_north" in text and path.name in text


def test_wrf_without_its_grid_spacing_names_the_attribute(tmp_path):
    with pytest.raises(InputError, match="global attribute DX is missing"):
        load_forecast(_small_wrf(tmp_path, DX=None))


def test_unsupported_wrf_projection_is_named(tmp_path):
    with pytest.raises(InputError, match="MAP_PROJ.*7|7.*MAP_PROJ|not supported"):
        load_forecast(_small_wrf(tmp_path, MAP_PROJ=np.int32(7)))


def _small_ioapi(tmp_path, **attrs):
    path = tmp_path / "CCTM_CONC_small.nc"
    mcs.write_ioapi(path, hours=3)
    with netCDF4.Dataset(path, "a") as nc:
        for key, value in attrs.items():
            nc.setncattr(key, value)
    return path


def test_ioapi_origin_is_xcent_ycent_even_off_the_central_meridian(tmp_path):
    from app.importing.native import ioapi_projection

    class Fake:
        attrs = {"GDTYP": 2, "P_ALP": 25.0, "P_BET": 40.0, "P_GAM": 110.0, "XCENT": 104.0, "YCENT": 31.0}

    proj4, lonlat = ioapi_projection(Fake, "f.nc")
    forward = Transformer.from_crs("EPSG:4326", CRS.from_proj4(proj4), always_xy=True)
    np.testing.assert_allclose(forward.transform(104.0, 31.0), (0.0, 0.0), atol=1e-6)
    xa, _ = forward.transform(110.0, 28.0)
    xb, _ = forward.transform(110.0, 33.0)
    assert abs(xa - xb) < 1e-6 and not lonlat  # P_GAM stays the central meridian (vertical in x/y)


def test_ioapi_pm25_variable_is_used_as_is_and_a_species_list_can_be_chosen(tmp_path):
    path = _small_ioapi(tmp_path)
    both = load_forecast(path, variable="ASO4J+ANO3J")
    sulfate = load_forecast(path, variable="ASO4J")
    nitrate = load_forecast(path, variable="ANO3J")
    np.testing.assert_allclose(both.values["pm25"], sulfate.values["pm25"] + nitrate.values["pm25"], rtol=1e-6)
    np.testing.assert_allclose(sulfate.values["pm25"] / nitrate.values["pm25"], 0.24 / 0.28, rtol=1e-4)


def test_ioapi_tflag_that_is_not_a_date_names_the_step(tmp_path):
    path = _small_ioapi(tmp_path)
    with netCDF4.Dataset(path, "a") as nc:
        flag = nc["TFLAG"][:]
        flag[1, :, 0] = 2026999
        nc["TFLAG"][:] = flag
    with pytest.raises(InputError) as info:
        load_forecast(path)
    assert "TFLAG" in str(info.value) and "row 2" in str(info.value) and "2026999" in str(info.value)


def test_ioapi_unknown_grid_type_is_named(tmp_path):
    with pytest.raises(InputError, match="GDTYP"):
        load_forecast(_small_ioapi(tmp_path, GDTYP=np.int32(5)))


def test_consult_samples_are_what_the_samples_readme_says():
    """Read against data/samples/README.md, not against the tool that wrote them: the Sichuan station's daily
    ranges for the 21 Sichuan units only, the Chongqing station's hourly forecast for the 38 Chongqing units only,
    WRF-Chem over the red week (12-20 → 12-26, 168 h), CMAQ 72 h (12-21 → 12-23) and weaker than the regional
    centre's forecast, each with its producer."""
    from app.domain.units import load_units

    units = load_units()
    sichuan = {u.name for u in units if u.province == "四川省"}
    chongqing = {u.name for u in units if u.province == "重庆市"}
    assert (len(sichuan), len(chongqing)) == (21, 38)
    centre = load_forecast(SAMPLES_DIR / "sample-red-plain-south.csv")
    sc = load_forecast(SAMPLES_DIR / "consult-sichuan-daily-range.csv")
    assert set(sc.units) == sichuan and sc.step_hours == 24 and sc.meta.label == "四川省站"
    assert [t.strftime("%m-%d") for t in sc.times] == [f"12-{d}" for d in range(20, 27)]
    cq = load_forecast(SAMPLES_DIR / "consult-chongqing.csv")
    assert set(cq.units) == chongqing and cq.step_hours == 1 and len(cq.times) == 168
    assert cq.meta.label == "重庆市站"
    wrf = load_forecast(SAMPLES_DIR / mcs.WRF_FILE)
    assert len(wrf.units) == 59 and len(wrf.times) == 168
    assert (wrf.times[0].strftime("%m-%d %H"), wrf.times[-1].strftime("%m-%d %H")) == ("12-20 00", "12-26 23")
    cmaq = load_forecast(SAMPLES_DIR / mcs.CMAQ_FILE)
    assert len(cmaq.times) == 72
    assert (cmaq.times[0].strftime("%m-%d %H"), cmaq.times[-1].strftime("%m-%d %H")) == ("12-21 00", "12-23 23")
    overlap = centre.times.get_indexer(cmaq.times)
    assert np.nanmean(cmaq.values["pm25"]) < np.nanmean(centre.values["pm25"][:, overlap])


def test_consult_samples_are_reproducible(tmp_path):
    """The tool rewrites the shipped table samples byte for byte, and model files with the same values."""
    mcs.main(["--out", str(tmp_path)])
    for name in ("consult-sichuan-daily-range.csv", "consult-chongqing.csv"):
        assert (tmp_path / name).read_bytes() == (SAMPLES_DIR / name).read_bytes()
    for name in (mcs.WRF_FILE, mcs.CMAQ_FILE):
        fresh, shipped = load_forecast(tmp_path / name), load_forecast(SAMPLES_DIR / name)
        np.testing.assert_array_equal(fresh.values["pm25"], shipped.values["pm25"])


@pytest.mark.parametrize("proj4", [
    LCC,
    "+proj=lcc +lat_1=30.0 +lat_2=60.0 +lat_0=34.0 +lon_0=110.0 +a=6370000 +b=6370000 +units=m +no_defs",
    "+proj=lcc +lat_1=33.0 +lat_2=33.0 +lat_0=31.5 +lon_0=104.0 +a=6370000 +b=6370000 +units=m +no_defs",
    "+proj=lcc +lat_1=25.0 +lat_2=40.0 +lat_0=34.0 +lon_0=110.0 +a=6370000 +b=6370000 +units=m +no_defs "
    "+x_0=512345.678 +y_0=-98765.4321",
])
def test_own_spherical_lambert_agrees_with_proj_to_a_micrometre(proj4):
    from app.importing.projected import lambert_sphere

    lon, lat = np.meshgrid(np.linspace(90.0, 125.0, 71), np.linspace(15.0, 45.0, 61))
    expected = Transformer.from_crs("EPSG:4326", CRS.from_proj4(proj4), always_xy=True).transform(lon, lat)
    got = lambert_sphere(proj4)(lon, lat)
    np.testing.assert_allclose(got, expected, rtol=0, atol=1e-6)


def test_own_lambert_is_only_for_a_plain_lambert_on_a_sphere():
    from app.importing.projected import lambert_sphere

    assert lambert_sphere(LCC.replace("+b=6370000", "+b=6350000")) is None  # an ellipsoid
    assert lambert_sphere(LCC.replace("lcc", "stere")) is None
    assert lambert_sphere(LCC + " +k_0=0.9996") is None  # a parameter it does not apply
    assert lambert_sphere(LCC.replace("+units=m", "+units=km")) is None


def test_a_projected_point_is_proj_s_own_and_is_read_back_without_pyproj(tmp_path, monkeypatch):
    from app.importing import projected

    monkeypatch.setenv("HAZEDESK_HOME", str(tmp_path / "state"))
    expected = Transformer.from_crs("EPSG:4326", CRS.from_proj4(LCC), always_xy=True).transform(103.9, 30.1)
    assert projected.project_point(LCC, 103.9, 30.1) == expected  # bit for bit: the weights are keyed by it
    monkeypatch.setattr(projected, "_transformer", lambda *a, **k: pytest.fail("PROJ asked again"))
    assert projected.project_point(LCC, 103.9, 30.1) == expected
    with pytest.raises(pytest.fail.Exception, match="PROJ asked again"):
        projected.project_point(LCC, 103.9, 30.100000000000001 + 1e-14)  # another point: PROJ is asked
