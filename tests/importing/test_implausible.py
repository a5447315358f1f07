"""Values that cannot be real (issue 10 §2): ±inf, fill values and anything above the scheme's plausibility ceiling
are missing — reported with file, row and column, never averaged in — and one of them changes nothing but the
validity of its own hour. Windowed means are summed per window, so no value takes digits from another window."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from app.domain.daily import trailing_mean, window_sums
from app.domain.engine import evaluate
from app.domain.evaljson import evaluation_to_json
from app.domain.scheme import load_scheme, parse_scheme
from app.errors import InputError
from app.importing import load_forecast

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "samples" / "sample-regional-orange.csv"
CELL = "2026-01-12 02:00,成都市,83,"  # 成都市's PM2.5 at that hour is 83 µg/m³


@pytest.fixture(scope="module")
def neighbours():
    from maps.adjacency import scheme_adjacency

    return scheme_adjacency(load_scheme()).neighbours


def _variant(tmp_path: Path, replacement: str, name: str) -> Path:
    text = SAMPLE.read_text(encoding="utf-8")
    assert text.count(CELL) == 1
    out = tmp_path / name
    out.write_text(text.replace(CELL, CELL.replace(",83,", f",{replacement},")), encoding="utf-8")
    return out


def _line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def _comparable(ev) -> dict:
    out = evaluation_to_json(ev)
    out.pop("warnings")
    return out


@pytest.mark.parametrize("value", ["1e20", "9.96921e36", "inf", "-inf", "Infinity", "2500"])
def test_one_impossible_value_changes_nothing_but_its_own_hour(tmp_path, neighbours, value):
    scheme = load_scheme()
    bad = load_forecast(_variant(tmp_path, value, "bad.csv"))
    empty = load_forecast(_variant(tmp_path, "", "empty.csv"))
    row = bad.units.index("成都市")
    hour = int(np.flatnonzero(bad.times.strftime("%Y-%m-%d %H:%M") == "2026-01-12 02:00")[0])
    assert np.isnan(bad.values["pm25"][row, hour])
    assert np.array_equal(bad.values["pm25"], empty.values["pm25"], equal_nan=True)
    (found,) = [w for w in bad.warnings if w.message.startswith("a value that cannot be real")]
    assert (found.file, found.row, found.column, found.value) == (
        str(tmp_path / "bad.csv"), _line_of(tmp_path / "bad.csv", f"成都市,{value},"), "pm25", value)
    for mode in ("calendar", "rolling"):
        with_bad = evaluate(bad, scheme, neighbours, mode=mode)
        with_gap = evaluate(empty, scheme, neighbours, mode=mode)
        assert _comparable(with_bad) == _comparable(with_gap)
    # against the original: 成都市 stays orange from 01-13 to 01-15 (the old running sums made it yellow on 01-12)
    original = evaluate(load_forecast(SAMPLE), scheme, neighbours)
    calendar = evaluate(bad, scheme, neighbours)
    assert [(e.level, e.start.date().isoformat(), e.end.date().isoformat())
            for e in calendar.cities["成都市"].episodes] == [
        (e.level, e.start.date().isoformat(), e.end.date().isoformat()) for e in original.cities["成都市"].episodes]
    assert np.array_equal(calendar.city_level, original.city_level)
    differs = ~np.isclose(calendar.hourly_aqi, original.hourly_aqi, equal_nan=True)
    assert set(zip(*np.nonzero(differs))) <= {(row, hour)}  # that hour's AQI lacks PM2.5; nothing else moves
    assert np.nanmax(np.abs(calendar.daily_aqi - original.daily_aqi)) <= 2  # a 23-hour mean instead of 24


def test_the_ceiling_is_the_schemes_and_can_be_set(tmp_path):
    path = _variant(tmp_path, "1500", "high.csv")
    kept = load_forecast(path)
    assert kept.values["pm25"][kept.units.index("成都市")].max() == 1500
    strict = load_forecast(path, ceilings={"pm25": 1000.0})
    assert np.isnan(strict.values["pm25"][strict.units.index("成都市")]).sum() == 1
    import tomllib

    from app.paths import DEFAULT_SCHEME

    data = tomllib.loads(DEFAULT_SCHEME.read_text(encoding="utf-8"))
    data["plausibility"]["pm25"] = 800
    assert parse_scheme(data, "s.toml").plausible_max["pm25"] == 800
    data["plausibility"]["pm2"] = 800
    with pytest.raises(InputError, match="plausibility.pm2"):
        parse_scheme(data, "s.toml")


def test_many_impossible_values_are_listed_then_counted(tmp_path):
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    changed = [",".join(f[:2] + ["inf"] + f[3:]) if len(f := line.split(",")) > 3 and f[1] == "成都市" else line
               for line in lines]
    path = tmp_path / "many.csv"
    path.write_text("\n".join(changed) + "\n", encoding="utf-8")
    forecast = load_forecast(path)
    found = [w for w in forecast.warnings if "cannot be real" in w.message]
    assert len(found) == 11 and found[-1].message.startswith("168 values of pm25 cannot be real")
    assert np.isnan(forecast.values["pm25"][forecast.units.index("成都市")]).all()


def test_window_sums_depend_only_on_the_windows_own_values():
    rng = np.random.default_rng(3)
    values = rng.uniform(0, 300, (3, 24 * 40))
    sums = window_sums(values, 24)
    exact = np.array([[math.fsum(values[r, max(0, c - 23):c + 1]) for c in range(values.shape[1])] for r in range(3)])
    assert np.max(np.abs(sums - exact) / exact) < 1e-14  # not growing with the series' length
    huge = values.copy()
    huge[0, 5] = 1e20
    after = window_sums(huge, 24)
    assert np.array_equal(after[0, 29:], sums[0, 29:]) and np.array_equal(after[1:], sums[1:])


def test_calendar_day_means_equal_the_rolling_window_ending_at_23h():
    rng = np.random.default_rng(4)
    grid = rng.uniform(0, 300, (4, 24 * 9))
    grid[rng.random(grid.shape) < 0.1] = np.nan
    ends = np.arange(9) * 24 + 23
    by_day, n_day = trailing_mean(grid, 24, 20, ends=ends)
    every, n_every = trailing_mean(grid, 24, 20)
    assert np.array_equal(n_day, n_every[:, ends])
    assert np.allclose(by_day, every[:, ends], rtol=1e-14, equal_nan=True)


def _grid(tmp_path, values_at, units="ug m-3", declare_fill=False):
    """A CF grid over the region (no _FillValue attribute unless asked), 24 h of 80 µg/m³ with edits."""
    import xarray as xr

    lat, lon = np.arange(25.5, 34.8, 0.25), np.arange(97.0, 110.6, 0.25)
    data = np.full((24, len(lat), len(lon)), 80.0, dtype=np.float32)
    for (t, la, lo), value in values_at.items():
        data[t, np.argmin(abs(lat - la)), np.argmin(abs(lon - lo))] = value
    ds = xr.Dataset({"PM25": (("time", "lat", "lon"), data, {"units": units})},
                    coords={"time": pd.date_range("2026-01-09 16:00", periods=24, freq="h"), "lat": lat, "lon": lon})
    encoding = {"PM25": {"_FillValue": np.float32(9.96921e36) if declare_fill else None}}
    path = tmp_path / "g.nc"
    ds.to_netcdf(path, engine="netcdf4", encoding=encoding)
    return path


def test_grid_fill_values_and_infinities_are_missing_and_named_by_time_and_cell(tmp_path):
    edits = {(3, 30.75, 104.0): 9.96921e36, (5, 30.5, 104.25): np.inf}  # two cells inside 成都市
    forecast = load_forecast(_grid(tmp_path, edits))
    found = [w for w in forecast.warnings if w.message.startswith("a value that cannot be real")]
    assert len(found) == 2 and {(w.variable, w.action) for w in found} == {("PM25", "excluded")}
    by_value = {w.value: w.cell for w in found}
    assert by_value == {"9.96921e+36": "2026-01-10 03:00, lat 30.750, lon 104.000",
                        "inf": "2026-01-10 05:00, lat 30.500, lon 104.250"}
    np.testing.assert_allclose(forecast.values["pm25"], 80.0, rtol=1e-6)  # the other cells make the mean
    declared = load_forecast(_grid(tmp_path, {(3, 30.75, 104.0): 9.96921e36}, declare_fill=True))
    np.testing.assert_allclose(declared.values["pm25"], 80.0, rtol=1e-6)  # a declared fill is simply missing


def test_grid_units_that_disagree_with_the_values_are_flagged_and_tables_checks_run(tmp_path):
    forecast = load_forecast(_grid(tmp_path, {}, units="mg m-3"))  # µg/m³ numbers labelled mg m-3
    assert any("far too large for the units 'mg m-3'" in w.message for w in forecast.warnings)
    assert np.isnan(forecast.values["pm25"]).all()  # 80 000 µg/m³: above the ceiling, not averaged in
    tiny = load_forecast(_tiny(tmp_path))
    assert any("look like mg/m³ although units say 'ug m-3'" in w.message for w in tiny.warnings)
    assert any("values look like mg/m³" in w.message and w.column == "pm25" for w in tiny.warnings)  # table check
    assert all(w.variable == "PM25" for w in tiny.warnings if "although units say" in w.message)


def _tiny(tmp_path):
    import xarray as xr

    lat, lon = np.arange(25.5, 34.8, 0.25), np.arange(97.0, 110.6, 0.25)
    data = np.full((24, len(lat), len(lon)), 0.08, dtype=np.float32)
    ds = xr.Dataset({"PM25": (("time", "lat", "lon"), data, {"units": "ug m-3"})},
                    coords={"time": pd.date_range("2026-01-09 16:00", periods=24, freq="h"), "lat": lat, "lon": lon})
    path = tmp_path / "tiny.nc"
    ds.to_netcdf(path, engine="netcdf4")
    return path
