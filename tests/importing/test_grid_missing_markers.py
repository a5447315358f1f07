"""Issue 22 §2: −999 and the other missing-data markers, negative concentrations and values outside a variable's CF
valid range are missing in model grids (CF, WRF-Chem, CMAQ IOAPI) — never averaged in — and reported as warnings
with their time and place, so ``evaluate --strict`` stops (a table refuses the same values)."""

from __future__ import annotations

import netCDF4
import numpy as np
import pytest

from app import cli
from app.importing import load_forecast
from tests.importing import builders
from tools import make_consult_samples as mcs

CHENGDU = (103.5, 104.5, 30.3, 31.0)  # lon, lat box inside 成都市


def _inside(xx, yy):
    lo0, lo1, la0, la1 = CHENGDU
    return (xx > lo0) & (xx < lo1) & (yy > la0) & (yy < la1)


def _grid(tmp_path, value, *, hours=30, attrs=None):
    def field(xx, yy, t):
        return np.where(_inside(xx, yy) & (t % 3 == 0), value, 60.0)
    path = builders.grid_file(tmp_path / "g.nc", hours=hours, field=field,
                              lat=np.arange(25.5, 34.8, 0.1), lon=np.arange(97.0, 110.6, 0.1))
    if attrs:
        with netCDF4.Dataset(path, "a") as nc:
            nc["PM25"].setncatts(attrs)
    return path


@pytest.mark.parametrize("value,message", [(-999.0, "a missing-data marker"), (-9999.0, "a missing-data marker"),
                                           (-99.0, "a missing-data marker"), (9999.0, "a missing-data marker"),
                                           (-5.0, "a negative concentration")])
def test_markers_and_negative_concentrations_are_missing_and_reported(tmp_path, value, message):
    fc = load_forecast(_grid(tmp_path, value))
    chengdu = fc.values["pm25"][fc.row("成都市")]
    assert np.all(chengdu[np.isfinite(chengdu)] == pytest.approx(60.0))  # never averaged in
    listed = [w for w in fc.warnings if w.message.startswith(message)]
    assert listed and all(w.severity == "warning" and w.action == "excluded" for w in listed)
    assert listed[0].value == f"{value:g}" and "lat" in listed[0].cell and "g.nc" in listed[0].file
    assert not any("were averaged as they are" in w.message for w in fc.warnings)


def test_valid_range_and_valid_max_exclude_values(tmp_path):
    fc = load_forecast(_grid(tmp_path, 1500.0, attrs={"valid_range": np.array([0.0, 1000.0], dtype=np.float32)}))
    chengdu = fc.values["pm25"][fc.row("成都市")]
    assert np.nanmax(chengdu) == pytest.approx(60.0)
    outside = [w for w in fc.warnings if w.message.startswith("a value outside the variable's valid range")]
    assert outside and "0 … 1000" in outside[0].expected
    fc = load_forecast(_grid(tmp_path, 1500.0, attrs={"valid_max": np.float32(1200.0)}))
    assert np.nanmax(fc.values["pm25"][fc.row("成都市")]) == pytest.approx(60.0)


def test_a_packed_variable_s_valid_range_is_in_packed_units(tmp_path):
    path = tmp_path / "packed.nc"
    import xarray as xr

    lat, lon = np.arange(25.5, 34.8, 0.1), np.arange(97.0, 110.6, 0.1)
    xx, yy = np.meshgrid(lon, lat)
    data = np.stack([np.where(_inside(xx, yy) & (t == 1), 1500.0, 60.0) for t in range(24)])
    times = np.arange(24).astype("timedelta64[h]") + np.datetime64("2026-01-09T16:00")
    ds = xr.Dataset({"PM25": (("time", "lat", "lon"), data, {"units": "ug m-3",
                                                              "valid_range": np.array([0, 10000], dtype=np.int16)})},
                    coords={"time": times, "lat": lat, "lon": lon})
    ds.to_netcdf(path, encoding={"PM25": {"dtype": "int16", "scale_factor": 0.1, "add_offset": 0.0}})
    fc = load_forecast(path)  # valid 0 … 1000 µg/m³ once unpacked: 1500 is outside
    assert np.nanmax(fc.values["pm25"][fc.row("成都市")]) == pytest.approx(60.0, abs=0.05)
    assert any("valid range" in w.message for w in fc.warnings)


def test_noise_around_zero_is_still_averaged_with_a_note(tmp_path):
    fc = load_forecast(_grid(tmp_path, -1e-3))
    assert not any(w.severity == "warning" and "negative" in w.message for w in fc.warnings)
    assert any("slightly negative cell values" in w.message and w.severity == "note" for w in fc.warnings)


def test_minus_999_no_longer_turns_red_into_yellow_and_strict_stops(tmp_path, capsys):
    """The issue's case: −999 without _FillValue over 成都平原 gave unit means of about −840 µg/m³."""
    def field(xx, yy, t):
        return np.where((xx > 102.8) & (xx < 105.0) & (yy > 29.0) & (yy < 31.5) & (t % 24 < 20), -999.0, 260.0)
    path = builders.grid_file(tmp_path / "g.nc", hours=96, field=field)
    fc = load_forecast(path)
    assert np.nanmin(fc.values["pm25"]) >= 0
    assert cli.main(["evaluate", str(path), "--json", str(tmp_path / "e.json")]) == 0
    assert cli.main(["evaluate", str(path), "--json", str(tmp_path / "e.json"), "--strict"]) == 2
    err = capsys.readouterr().err
    assert "missing-data marker" in err or "cannot be real" in err


def test_wrf_chem_markers_are_missing(tmp_path):
    path = tmp_path / "wrfout_d01_small"
    mcs.write_wrfout(path, hours=3)
    clean = load_forecast(path).values["pm25"].copy()
    with netCDF4.Dataset(path, "a") as nc:
        values = nc["PM2_5_DRY"][:]
        values[1, 0, 30:40, 30:40] = -999.0
        nc["PM2_5_DRY"][:] = values
    fc = load_forecast(path)
    assert np.nanmin(fc.values["pm25"]) >= 0 and np.nanmin(clean) >= 0
    listed = [w for w in fc.warnings if w.message.startswith("a missing-data marker")]
    assert listed and "grid row" in listed[0].cell and "PM2_5_DRY" in listed[0].variable


def test_cmaq_negative_species_are_missing(tmp_path):
    path = tmp_path / "CCTM_CONC_small.nc"
    mcs.write_ioapi(path, hours=3)
    with netCDF4.Dataset(path, "a") as nc:
        values = nc["ASO4J"][:]
        values[2, 0, 5:15, 5:15] = -9999.0
        nc["ASO4J"][:] = values
    fc = load_forecast(path, variable="ASO4J")
    assert np.nanmin(fc.values["pm25"]) >= 0
    assert any(w.message.startswith("a missing-data marker") and w.severity == "warning" for w in fc.warnings)
    summed = load_forecast(path)  # the species sum: −9999 in one species makes the sum negative → missing
    assert np.nanmin(summed.values["pm25"]) >= 0
    assert any(w.message.startswith("a negative concentration") for w in summed.warnings)


# ---------------------------------------------------------------------------------------- §7: which variable, which cells

def test_of_pm25_and_an_all_zero_pm25_the_values_are_chosen_and_the_choice_is_said(tmp_path):
    path = builders.grid_file(tmp_path / "g.nc", hours=24, field=lambda x, y, t: np.full(x.shape, 80.0))
    with netCDF4.Dataset(path, "a") as nc:
        zero = nc.createVariable("pm25", "f4", ("time", "lat", "lon"))
        zero.units = "ug m-3"
        zero[:] = 0.0
    fc = load_forecast(path)
    assert np.nanmin(fc.values["pm25"]) == pytest.approx(80.0)
    said = [w for w in fc.warnings if w.message.startswith("the grid has several PM2.5 variables")]
    assert said and "PM25 is used" in said[0].message and "pm25 hold only zeros" in said[0].message
    assert said[0].severity == "warning"
    assert load_forecast(path, variable="pm25").values["pm25"].max() == 0  # the officer's choice stands


def test_two_candidates_with_values_name_the_first_and_why(tmp_path):
    path = builders.grid_file(tmp_path / "g.nc", hours=24)
    with netCDF4.Dataset(path, "a") as nc:
        other = nc.createVariable("PM2_5", "f4", ("time", "lat", "lon"))
        other.units = "ug m-3"
        other[:] = 10.0
    said = [w.message for w in load_forecast(path).warnings if "several PM2.5" in w.message]
    assert said == ["the grid has several PM2.5 variables (PM25, PM2_5): PM25 is used, the first in the usual "
                    "order of names"]


def test_ioapi_lat_lon_grid_with_metre_sized_cells_is_refused(tmp_path):
    from app.errors import InputError

    path = tmp_path / "CCTM_CONC_small.nc"
    mcs.write_ioapi(path, hours=3)
    with netCDF4.Dataset(path, "a") as nc:
        nc.setncattr("GDTYP", np.int32(1))  # the Lambert grid's XORIG/XCELL (metres) kept
    with pytest.raises(InputError) as info:
        load_forecast(path)
    text = str(info.value)
    assert "not plausible for a lat/lon grid" in text and "XCELL/YCELL" in text and path.name in text


def test_projected_ioapi_grid_with_degree_sized_cells_is_refused(tmp_path):
    from app.errors import InputError

    path = tmp_path / "CCTM_CONC_small.nc"
    mcs.write_ioapi(path, hours=3)
    with netCDF4.Dataset(path, "a") as nc:
        nc.setncattr("XCELL", 0.1)
        nc.setncattr("YCELL", 0.1)
    with pytest.raises(InputError, match="not plausible for a projected grid"):
        load_forecast(path)
