"""WRF-Chem and CMAQ files read through netCDF4 alone (app.importing.netcdf) give what reading them through xarray
gave: the same unit means bit for bit, the same warnings, the same refusals — on the samples and on files with fill
values, missing-data markers, valid ranges, other dtypes and byte orders; packed values go to xarray. The command
that reads them no longer imports xarray (issue 26)."""

from __future__ import annotations

import numpy as np
import pytest

import app.importing.netcdf as ncreader
from app.errors import InputError
from app.importing import load_forecast
from app.paths import SAMPLES_DIR
from tools import make_consult_samples as mcs

PM = "PM2_5_DRY"


def _load(path, *, through_xarray: bool, monkeypatch, **kw):
    with monkeypatch.context() as patch:
        if through_xarray:
            patch.setattr(ncreader, "open_file", lambda p: None)
        try:
            return load_forecast(path, **kw)
        except InputError as exc:
            return [p.to_dict() for p in exc.problems]


def _assert_same(path, monkeypatch, **kw):
    new = _load(path, through_xarray=False, monkeypatch=monkeypatch, **kw)
    old = _load(path, through_xarray=True, monkeypatch=monkeypatch, **kw)
    if isinstance(old, list) or isinstance(new, list):
        assert new == old
        return new
    assert new.units == old.units and new.missing_units == old.missing_units
    assert new.times.equals(old.times) and new.meta == old.meta
    assert new.values.keys() == old.values.keys()
    for field in old.values:
        np.testing.assert_array_equal(new.values[field], old.values[field])  # bit for bit, NaN where NaN
    assert [w.to_dict() for w in new.warnings] == [w.to_dict() for w in old.warnings]
    return new


def _rewrite(src, dst, changes=None, add=None, global_attrs=None):
    """A copy of a netCDF file with some variables rewritten: ``changes[name]`` may give ``data`` (a function of
    the values), ``dtype``, ``fill`` (a _FillValue), ``endian`` and ``attrs`` (None deletes one)."""
    import netCDF4

    changes = changes or {}
    with netCDF4.Dataset(src) as a, netCDF4.Dataset(dst, "w", format="NETCDF4") as b:
        a.set_auto_maskandscale(False)
        a.set_auto_chartostring(False)
        b.setncatts({k: a.getncattr(k) for k in a.ncattrs()})
        for key, value in (global_attrs or {}).items():
            b.setncattr(key, value)
        for name, dim in a.dimensions.items():
            b.createDimension(name, len(dim))
        for name, var in a.variables.items():
            change = changes.get(name, {})
            data = change.get("data", lambda d: d)(var[...].copy())
            dtype = change.get("dtype", var.dtype)
            new = b.createVariable(name, dtype, var.dimensions, fill_value=change.get("fill"),
                                   endian=change.get("endian", "native"))
            new.set_auto_maskandscale(False)
            attrs = {**{k: var.getncattr(k) for k in var.ncattrs()}, **change.get("attrs", {})}
            new.setncatts({k: v for k, v in attrs.items() if v is not None})
            new[...] = np.asarray(data).astype(dtype) if np.dtype(dtype).kind != "S" else data
        for name, (dims, value, attrs) in (add or {}).items():
            new = b.createVariable(name, "f4", dims)
            new.setncatts(attrs)
            new[...] = value
    return dst


def _poked(values):
    """Markers, NaN, netCDF's default fill, noise, negative and impossible values at a few cells."""
    flat = values.reshape(-1)
    at = np.random.default_rng(7).choice(flat.size, 40, replace=False)
    for k, value in enumerate((-999.0, np.nan, 9.96921e36, -0.5, 1e5, -0.05, 1234.5, 1234.5)):
        flat[at[5 * k:5 * k + 5]] = value
    return values


@pytest.fixture(scope="module")
def models(tmp_path_factory):
    folder = tmp_path_factory.mktemp("models")
    wrf, cmaq = folder / "wrfout.nc", folder / "CCTM_CONC.nc"
    mcs.write_wrfout(wrf, hours=30)  # two chunks of time steps
    mcs.write_ioapi(cmaq, hours=30)
    return folder, wrf, cmaq


@pytest.mark.parametrize("name", [mcs.WRF_FILE, mcs.CMAQ_FILE])
def test_the_consult_samples_read_as_through_xarray(name, monkeypatch):
    fc = _assert_same(SAMPLES_DIR / name, monkeypatch)
    assert len(fc.units) == 59


def test_cf_grids_read_by_xarray_from_the_open_file_as_from_the_path(tmp_path, monkeypatch):
    """A CF grid opened once by netCDF4 is handed to xarray (no second open): the same as xarray opening it."""
    from tests.importing import builders

    shifted = builders.grid_file(tmp_path / "zone.nc", time_attrs={"time_zone": "Asia/Shanghai"},
                                 field=lambda lon, lat, t: 40 + lon - lat + t)
    classic = builders.grid_file(tmp_path / "classic.nc", engine="scipy")  # NetCDF-3
    for path in (SAMPLES_DIR / "sample-red-plain-south-grid.nc", shifted, classic):
        assert len(_assert_same(path, monkeypatch).units) > 0


def _fill_row(value):
    def change(values):
        _poked(values)
        values[0, 0, values.shape[2] // 2, 10:30] = value  # cells inside units
        return values
    return change


WRF_CASES = {
    "as written": {},
    "odd cells": {PM: {"data": _poked}},
    "a _FillValue": {PM: {"data": _fill_row(-1.0), "fill": np.float32(-1.0)}},
    "missing_value": {PM: {"data": _poked, "attrs": {"missing_value": np.float32(1234.5)}}},
    "valid_range": {PM: {"data": _poked, "attrs": {"valid_range": np.array([0, 500], np.float32)}}},
    "valid_max below the values": {PM: {"attrs": {"valid_max": np.float32(30)}}},
    "float64": {PM: {"data": _poked, "dtype": np.float64}},
    "big-endian": {PM: {"data": _poked, "endian": "big"}},
    "packed (read by xarray)": {PM: {"data": lambda d: np.round(d * 10), "dtype": np.int16,
                                     "attrs": {"scale_factor": np.float32(0.1)}}},
    "units mg m-3": {PM: {"attrs": {"units": "mg m-3"}}},
    "no units": {PM: {"attrs": {"units": None}}},
    "no coordinates attribute": {PM: {"attrs": {"coordinates": None}}},
    "Times out of order": {"Times": {"data": lambda d: d[::-1].copy()}},
}


@pytest.mark.parametrize("case", list(WRF_CASES))
def test_wrf_files_read_as_through_xarray(case, models, monkeypatch):
    folder, wrf, _ = models
    path = wrf if case == "as written" else _rewrite(wrf, folder / f"wrf-{case}.nc", WRF_CASES[case])
    _assert_same(path, monkeypatch)


def test_wrf_choices_and_refusals_read_as_through_xarray(models, monkeypatch):
    folder, wrf, _ = models
    _assert_same(wrf, monkeypatch, variable=PM)
    assert _assert_same(wrf, monkeypatch, variable="PM10")[0]["message"] == "no such variable in the grid"
    zero = _rewrite(wrf, folder / "wrf-two.nc", add={"PM2_5": (("Time", "bottom_top", "south_north", "west_east"),
                                                               0.0, {"units": "ug m^-3"})})
    assert any("several PM2.5" in w.message for w in _assert_same(zero, monkeypatch).warnings)
    no_dx = _rewrite(wrf, folder / "wrf-nodx.nc", global_attrs={"MAP_PROJ": np.int32(7)})
    assert "not supported" in _assert_same(no_dx, monkeypatch)[0]["message"]


CMAQ_CASES = {
    "odd cells": {"ASO4J": {"data": _poked}},
    "a _FillValue": {"ANO3J": {"data": _fill_row(-5.0), "fill": np.float32(-5.0)}},
    "a species' valid_range": {"AOTHRJ": {"data": _poked,
                                          "attrs": {"valid_range": np.array([0, 60], np.float32)}}},
    "two species' valid_ranges": {"ASO4J": {"attrs": {"valid_range": np.array([0, 60], np.float32)}},
                                  "AOTHRJ": {"attrs": {"valid_range": np.array([0, 20], np.float32)}}},
    "species that disagree on units": {"ASO4I": {"attrs": {"units": "mg m-3", "long_name": "x"}}},
    "TFLAG with a fill value (read by xarray)": {"TFLAG": {"fill": np.int32(-1)}},
}


@pytest.mark.parametrize("case", list(CMAQ_CASES))
def test_cmaq_files_read_as_through_xarray(case, models, monkeypatch):
    folder, _, cmaq = models
    _assert_same(_rewrite(cmaq, folder / f"cmaq-{case}.nc", CMAQ_CASES[case]), monkeypatch)


def test_cmaq_choices_read_as_through_xarray(models, monkeypatch):
    _, _, cmaq = models
    for variable in (None, "ASO4J", "ASO4J+ANO3J", "NOPE"):
        _assert_same(cmaq, monkeypatch, variable=variable)


def test_packed_values_are_left_to_xarray(models, monkeypatch):
    folder, wrf, _ = models
    path = _rewrite(wrf, folder / "wrf-packed.nc", WRF_CASES["packed (read by xarray)"])
    with ncreader.open_file(path) as ds:
        with pytest.raises(ncreader.NeedsXarray):
            ds[PM].isel(Time=0).values  # noqa: B018
        assert ds["XLAT"][0].values.shape == (74, 94)  # the rest reads
        assert list(ds.data_vars) == ["Times", PM] and ds["Times"].values[0] == b"2026-12-19_16:00:00"


def test_model_files_loaded_from_several_threads_at_once_read_as_from_one(monkeypatch):
    """The window loads forecasts in a thread pool: NetCDF files are read one at a time (app.importing.netcdf.LOCK)
    and each load gives what it gives alone."""
    import threading
    import time
    from concurrent.futures import ThreadPoolExecutor

    from app.importing import native

    paths = [SAMPLES_DIR / mcs.WRF_FILE, SAMPLES_DIR / mcs.CMAQ_FILE] * 2
    alone = {path: load_forecast(path).values["pm25"] for path in paths[:2]}
    active, most, guard = [0], [0], threading.Lock()
    real = native.load_native

    def watched(*args, **kwargs):
        with guard:
            active[0] += 1
            most[0] = max(most[0], active[0])
        try:
            time.sleep(0.05)  # long enough for the other threads to arrive
            return real(*args, **kwargs)
        finally:
            with guard:
                active[0] -= 1

    monkeypatch.setattr(native, "load_native", watched)
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(load_forecast, paths))
    for path, fc in zip(paths, results, strict=True):
        np.testing.assert_array_equal(fc.values["pm25"], alone[path])
    assert most[0] == 1
