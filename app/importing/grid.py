"""NetCDF model grids (CMAQ / NAQPMS / WRF-Chem post-processed to CF: PM2.5 on a regular lat/lon grid × time)
→ area-weighted mean per unit.

- Variable: the first of :data:`PM25_NAMES` (or ``variable=``); PM10 too when present. A vertical dimension
  keeps its first (surface) level. Units from the ``units`` attribute (µg/m³, mg/m³, kg/m³ converted).
- Time: CF times without a zone are UTC (the CF convention, and what models write); a ``time_zone`` attribute
  on the time variable (e.g. ``Asia/Shanghai``) overrides that. Times are converted to Beijing time.
- Weights: exact cell–polygon overlap (:mod:`app.importing.weights`), then one sparse matrix product per chunk
  of time steps; cells with missing values drop out of a unit's mean, which is left empty when less than half
  of the unit's area has values.
- Impossible cells (±inf, netCDF's default fill when no ``_FillValue`` is declared, values above the scheme's
  plausibility ceiling), missing-data markers written as numbers (−999, −9999, −99, 9999 …), negative
  concentrations (below the numerical noise of :data:`NEGATIVE_NOISE`) and values outside the variable's CF
  ``valid_range`` / ``valid_min`` / ``valid_max`` are missing and reported by time, lat and lon, as warnings (a
  table refuses the same values); a ``units`` attribute the values' size contradicts is reported too. The loader
  then runs the same value checks as for tables.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from app.domain.arrays import unique_sorted
from app.domain.forecast import TZ, Forecast, ForecastMeta
from app.domain.progress import NO_PROGRESS, Progress
from app.domain.scheme import DEFAULT_PLAUSIBLE_MAX
from app.domain.units import UnitTable
from app.errors import InputError, Problem
from app.importing.weights import CsrWeights, cell_edges, ring_overlap_weights

PM25_NAMES = ("pm25", "PM25", "PM2_5", "PM2_5_DRY", "pm2_5", "PM2.5", "pm2p5", "PM25_TOT", "PM25_TOT_AVG",
              "mass_concentration_of_pm2p5_ambient_aerosol_particles_in_air")
PM10_NAMES = ("pm10", "PM10", "PM10_TOT", "pm10_ambient")
LAT_NAMES = ("lat", "latitude", "LAT", "Latitude", "XLAT", "nav_lat", "y_lat")
LON_NAMES = ("lon", "longitude", "LON", "Longitude", "XLONG", "nav_lon", "x_lon")
TIME_NAMES = ("time", "Time", "TIME", "t", "TSTEP", "valid_time")
LEVEL_NAMES = ("lev", "level", "LAY", "lay", "z", "bottom_top", "height", "plev", "pressure")
UNIT_FACTORS = {"ug/m3": 1.0, "ugm-3": 1.0, "µg/m3": 1.0, "μg/m3": 1.0, "µgm-3": 1.0, "μgm-3": 1.0,
                "ug/m^3": 1.0, "microgram/m3": 1.0, "micrograms/m3": 1.0, "microgramsm-3": 1.0, "mg/m3": 1e3, "mgm-3": 1e3,
                "kg/m3": 1e9, "kgm-3": 1e9, "g/m3": 1e6, "gm-3": 1e6}
CHUNK_STEPS = 24
NETCDF_DEFAULT_FILL = 9.96e36  # netCDF's NC_FILL_FLOAT/NC_FILL_DOUBLE (9.96921e36), in files that declare no fill
MAX_LISTED_CELLS = 10
MISSING_MARKERS = (-99.0, -999.0, -9999.0, -99999.0, 9999.0, 99999.0)  # in the file's own units
NEGATIVE_NOISE = 0.1  # µg/m³: a model's numerical noise around zero (−1e-3) is averaged as it is; below, missing
MIN_COVERAGE = 0.5
_WEIGHTS_CACHE: dict = {}
_FULL_AREAS: dict[tuple[str, ...], np.ndarray] = {}  # filled with the weights, per unit list


def load_grid(path: Path, *, units: UnitTable, variable: str | None = None,
              progress: Progress = NO_PROGRESS, ceilings: Mapping[str, float] | None = None) -> Forecast:
    """``ceilings``: per field, the value above which a cell cannot be real (default: the bundled scheme's)."""
    from app.importing.netcdf import LOCK

    try:
        with LOCK:  # one NetCDF file read at a time in the process (the window loads in a thread pool)
            return _load_grid(path, units=units, variable=variable, progress=progress,
                              ceilings=DEFAULT_PLAUSIBLE_MAX if ceilings is None else ceilings)
    except (ValueError, TypeError, KeyError, IndexError, OverflowError, AttributeError) as exc:
        # A readable NetCDF file whose structure is not a CF grid (text coordinates, odd dtypes, broken
        # attributes): bad input, reported as such rather than as an internal error.
        raise InputError(Problem(f"the grid's structure is not understood ({type(exc).__name__}: "
                                 f"{str(exc)[:100]})", file=str(path), column=variable,
                                 expected="CF conventions: a PM2.5 variable (time, lat, lon) with numeric "
                                          "lat/lon coordinates and a CF time coordinate")) from exc


def _load_grid(path: Path, *, units: UnitTable, variable: str | None, progress: Progress,
               ceilings: Mapping[str, float]) -> Forecast:
    from app.importing import netcdf
    from app.importing.native import load_native, native_kind

    refuse_truncated(path)
    handle = netcdf.open_file(path)
    if isinstance(handle, netcdf.Dataset):  # WRF-Chem or CMAQ through netCDF4 alone: no xarray (issue 26)
        with handle:
            try:
                return load_native(handle, native_kind(handle), path, units=units, variable=variable,
                                   progress=progress)
            except netcdf.NeedsXarray:
                handle = None  # packed values, CF times …: read as xarray decodes them, below
    import xarray as xr

    file = str(path)
    ds = open_dataset(path, xr, handle)
    with ds:
        kind = native_kind(ds)  # WRF-Chem wrfout or CMAQ IOAPI: rectangular in the model's projection
        if kind is not None:
            return load_native(ds, kind, path, units=units, variable=variable, progress=progress)
        warnings: list[Problem] = []
        name = pick_variable(ds, variable, file, warnings=warnings)
        progress.report(0.02, "reading grid coordinates")
        lat_name, lon_name, time_name = _coordinate_names(ds, ds[name], file, name)
        lat, lat_dim, lat_flip = _axis(ds[lat_name], file, name, "latitude")
        lon, lon_dim, lon_flip = _axis(ds[lon_name], file, name, "longitude")
        time_dim = str(ds[time_name].dims[0]) if ds[time_name].dims else time_name
        times = _beijing_times(ds[time_name], file, name)
        fields = {"pm25": name}
        pm10 = next((n for n in PM10_NAMES if n in ds.data_vars), None)
        if pm10 is not None and set(ds[pm10].dims) == set(ds[name].dims):
            fields["pm10"] = pm10
        issued_at = _issue_time(ds, file)
        label = str(ds.attrs.get("title", ""))[:200]
        weights, names = _weights(lon, lat, units, progress.sub(0.05, 0.35))
        values = {}
        for k, (field, var) in enumerate(fields.items()):
            span = progress.sub(0.35 + 0.65 * k / len(fields), 0.35 + 0.65 * (k + 1) / len(fields))
            check = CellCheck(ceilings.get(field), lat, lon, times[0][times[1]], str(ds[var].attrs.get("units", "")))
            values[field] = _unit_means(ds[var], (time_dim, lat_dim, lon_dim), lat_flip, lon_flip, weights,
                                        _factor(ds[var], file, var, warnings), span, file, var, warnings, check)
    covered = weights.row_sums() > 0
    keep = [i for i, n in enumerate(names) if covered[i]]
    forecast_units = [names[i] for i in keep]
    if not forecast_units:
        raise InputError(Problem("the grid does not overlap any unit", file=file, column=name,
                                 value=f"lon {lon.min():.2f}–{lon.max():.2f}, lat {lat.min():.2f}–{lat.max():.2f}",
                                 expected="a grid over Sichuan and Chongqing (about 97–111° E, 26–35° N)"))
    full_area = _full_areas(units, names)
    partial = [names[i] for i in keep if weights.row_sum(i) < 0.98 * full_area[i]]
    if partial:
        warnings.append(Problem(f"the grid covers only part of {len(partial)} units: {'、'.join(partial[:10])}",
                                severity="warning", file=file, variable=name, action="kept",
                                units=tuple(partial)))
    index, placement = times
    grid_values = {}
    for field, arr in values.items():
        out = np.full((len(keep), len(index)), np.nan)
        out[:, placement] = arr[keep]
        grid_values[field] = out
    meta = ForecastMeta(issued_at=issued_at, issued_at_source="file" if issued_at else "", source_format="netcdf",
                        encoding="", label=label)
    return Forecast(index, forecast_units, grid_values, step_hours=1, meta=meta, warnings=warnings,
                    missing_units=[n for i, n in enumerate(names) if not covered[i]])


def open_dataset(path: Path, xr, handle=None):
    """``handle``: the file already opened by netCDF4 (:func:`app.importing.netcdf.open_file`), read by xarray as
    its netcdf4 engine reads it, without a second open (~13 ms of a 200 MB grid's); when xarray cannot decode
    it, the file is opened again by each engine in turn, as without one, for the same message."""
    if handle is not None:
        try:
            return xr.open_dataset(xr.backends.NetCDF4DataStore(handle), mask_and_scale=True, decode_times=True)
        except Exception:  # noqa: BLE001 - the engines below give the message
            handle.close()
    with path.open("rb") as stream:
        head = stream.read(8)
    # HDF5-based files through netCDF4 (libnetcdf); h5netcdf only where someone installed it with h5py
    engines = ("netcdf4", "h5netcdf") if head.startswith(b"\x89HDF") else ("netcdf4", "scipy")
    refuse_truncated(path)
    last = None
    for engine in engines:
        try:
            return xr.open_dataset(path, engine=engine, mask_and_scale=True, decode_times=True)
        except ModuleNotFoundError as exc:  # an optional engine not installed: the first engine's reason counts
            last = last or exc
        except Exception as exc:  # noqa: BLE001 - each engine has its own exceptions; the message names the file
            last = exc if last is None or isinstance(last, ModuleNotFoundError) else last
    raise InputError(Problem(f"cannot read the NetCDF file ({type(last).__name__}: {str(last)[:120]})",
                             file=str(path), expected="a NetCDF-3 or NetCDF-4 file with CF conventions"))


def refuse_truncated(path: Path) -> None:
    from app.importing.source import hdf5_truncation

    cut = hdf5_truncation(path)
    if cut is not None:
        raise InputError(Problem(f"the NetCDF-4 file is truncated: it has {cut[0]} bytes but its header declares "
                                 f"{cut[1]}", file=str(path),
                                 expected="the whole file (copy or download it again)"))


def pick_variable(ds, variable: str | None, file: str, names: tuple[str, ...] = PM25_NAMES,
                  warnings: list[Problem] | None = None) -> str:
    """The PM2.5 variable: the one chosen (it must exist), else the first of ``names`` that holds a value other
    than zero, else a CF mass_concentration_of_pm2p5 standard name (the model readers use it with their own
    names too). When several candidates are present, a warning says which was used and why."""
    if variable:
        if variable not in ds.data_vars:
            raise InputError(Problem("no such variable in the grid", file=file, column=variable,
                                     expected="one of " + ", ".join(map(str, ds.data_vars))))
        return variable
    found = [n for n in names if n in ds.data_vars]
    found += [str(n) for n, var in ds.data_vars.items() if str(n) not in found and
              str(var.attrs.get("standard_name", "")).startswith("mass_concentration_of_pm2p5")]
    if len(found) == 1:
        return found[0]
    if found:
        empty = [n for n in found if _all_zero(ds[n])]
        chosen = next((n for n in found if n not in empty), found[0])
        if warnings is not None:
            listed, zeros = ", ".join(found), ", ".join(empty)
            if chosen in empty:
                message = f"the grid has several PM2.5 variables ({listed}), all only zeros or empty: {chosen} is used"
            elif empty:
                message = (f"the grid has several PM2.5 variables ({listed}): {chosen} is used, as {zeros} hold "
                           "only zeros or no values")
            else:
                message = (f"the grid has several PM2.5 variables ({listed}): {chosen} is used, the first in the "
                           "usual order of names")
            warnings.append(Problem(message, severity="warning", file=file, variable=chosen, action="assumed",
                                    expected="one PM2.5 variable, or the one meant chosen with --variable"))
        return chosen
    raise InputError(Problem("no PM2.5 variable in the grid", file=file,
                             value=", ".join(map(str, ds.data_vars))[:120],
                             expected="a variable named " + " / ".join(names[:6]) +
                                      " (or choose it with --variable)"))


def _all_zero(var) -> bool:
    """True when a variable holds no value other than 0 (or missing): read one time step at a time, stopping at
    the first step with a value."""
    steps = var.sizes[var.dims[0]] if var.ndim else 1
    for k in range(steps):
        block = np.asarray(var.isel({var.dims[0]: k}).values if var.ndim else var.values, dtype=np.float64)
        with np.errstate(invalid="ignore"):
            if np.any(np.isfinite(block) & (block != 0)):
                return False
    return True


def _coordinate_names(ds, var, file: str, name: str):
    def find(names, what):
        for n in names:
            if n in var.dims or n in var.coords or (n in ds.variables and set(ds[n].dims) <= set(var.dims)):
                return n
        raise InputError(Problem(f"the grid variable has no {what} coordinate", file=file, column=name,
                                 value=f"dims {tuple(map(str, var.dims))}",
                                 expected=f"a {what} coordinate named " + " / ".join(names[:4])))
    return find(LAT_NAMES, "latitude"), find(LON_NAMES, "longitude"), find(TIME_NAMES, "time")


def _axis(coord, file: str, name: str, what: str) -> tuple[np.ndarray, str, bool]:
    """Increasing 1-D values, the variable's dimension they run along, and whether the file stores them reversed.

    2-D coordinates (WRF's XLAT/XLONG) are accepted when they are really a regular lat/lon grid.
    """
    values = np.asarray(coord.values, dtype=float)
    dims = tuple(map(str, coord.dims))
    while values.ndim > 2:  # (Time, y, x): the first time's coordinates
        values, dims = values[0], dims[1:]
    if values.ndim == 2:
        line = values[:, 0] if what == "latitude" else values[0, :]
        if not np.allclose(values, line[:, None] if what == "latitude" else line[None, :], atol=1e-6):
            raise InputError(Problem(f"a curvilinear grid: {what} varies along both grid axes", file=file,
                                     column=name, expected="a regular lat/lon grid (regrid first, e.g. "
                                                           "cdo remapbil or xesmf)"))
        values, dim = line, dims[0] if what == "latitude" else dims[1]
    else:
        dim = dims[0] if dims else ""
    if values.size < 2 or not np.all(np.isfinite(values)):
        raise InputError(Problem(f"the {what} coordinate is too short or has missing values", file=file,
                                 column=name, expected=f"at least two finite {what} values"))
    diffs = np.diff(values)
    flip = bool(diffs[0] < 0)
    if flip:
        values, diffs = values[::-1], -diffs[::-1]
    if np.any(diffs <= 0):
        raise InputError(Problem(f"the {what} coordinate is not monotonic", file=file, column=name,
                                 expected=f"{what} values increasing or decreasing along the axis"))
    return values, dim, flip


def _beijing_times(coord, file: str, name: str):
    values = coord.values
    if not np.issubdtype(values.dtype, np.datetime64):
        raise InputError(Problem("the time coordinate is not a CF time", file=file, column=str(coord.name),
                                 value=str(coord.attrs.get("units", ""))[:60],
                                 expected="time with units like 'hours since 2026-01-10 00:00:00'"))
    zone = str(coord.attrs.get("time_zone", coord.encoding.get("time_zone", "")) or "UTC")
    try:
        stamps = pd.DatetimeIndex(values).tz_localize(zone).tz_convert(TZ)
    except Exception as exc:  # noqa: BLE001 - unknown zone names come from the file
        raise InputError(Problem("unknown time zone on the time coordinate", file=file, column=str(coord.name),
                                 value=zone, expected="UTC or an IANA zone such as Asia/Shanghai")) from exc
    if stamps.has_duplicates or not stamps.is_monotonic_increasing:
        raise InputError(Problem("the grid's times repeat or go backwards", file=file, column=str(coord.name),
                                 expected="increasing times"))
    if np.any((stamps.minute != 0) | (stamps.second != 0)):
        raise InputError(Problem("grid times that are not on the hour", file=file, column=str(coord.name),
                                 expected="hourly model output"))
    hours = np.rint((stamps - stamps[0]) / pd.Timedelta(hours=1)).astype(np.int64)
    step = int(np.gcd.reduce(np.diff(hours))) if hours.size > 1 else 1
    if step != 1:
        raise InputError(Problem(f"irregular time step: a {step}-hourly grid", file=file, column=str(coord.name),
                                 expected="hourly model output"))
    index = pd.date_range(stamps[0], periods=int(hours[-1]) + 1, freq="h")
    return index, hours


def _issue_time(ds, file: str):
    """CF ``forecast_reference_time`` (UTC unless it says otherwise), or a global ``issued_at`` attribute."""
    from app.importing.times import to_beijing

    for name, var in ds.variables.items():
        if name == "forecast_reference_time" or var.attrs.get("standard_name") == "forecast_reference_time":
            values = np.asarray(var.values).ravel()
            if values.size and np.issubdtype(values.dtype, np.datetime64) and not np.isnat(values[0]):
                zone = str(var.attrs.get("time_zone", "UTC"))
                return pd.Timestamp(values[0]).tz_localize(zone).tz_convert(TZ).to_pydatetime()
    text = ds.attrs.get("issued_at") or ds.attrs.get("issue_time")
    if text:
        return to_beijing(str(text), file=file, column="issued_at (global attribute)")
    return None


WEIGHTS_FORMAT = 1  # bump when overlap_weights or the unit areas change meaning: cached copies are recomputed


def _weights(lon: np.ndarray, lat: np.ndarray, units: UnitTable, progress: Progress):
    """Overlap weights of the grid's cells in the bundled units, and the unit names (rows).

    Computed once per grid layout and kept: in this process, and in the state folder keyed by the grid's
    coordinates and the boundaries' and units' hashes (:func:`maps.derived.cached_arrays`), so a later run
    reading a forecast on the same grid neither imports geopandas nor intersects a cell.
    """
    import hashlib

    from app.paths import DEFAULT_BOUNDARIES
    from maps.derived import array_sha256, boundaries_sha256, cached_arrays

    unit_names = [u.name for u in units]
    inputs = {"kind": "grid-weights", "format": WEIGHTS_FORMAT,
              "lon_sha256": array_sha256(np.asarray(lon, dtype=np.float64)),
              "lat_sha256": array_sha256(np.asarray(lat, dtype=np.float64)),
              "boundaries_sha256": boundaries_sha256(DEFAULT_BOUNDARIES),
              "units_sha256": hashlib.sha256("\n".join(unit_names).encode()).hexdigest()}
    key = json.dumps(inputs, sort_keys=True)
    if key not in _WEIGHTS_CACHE:
        arrays = cached_arrays(inputs, lambda: _derive_weights(lon, lat, unit_names, progress))
        matrix = CsrWeights(arrays["data"], arrays["indices"], arrays["indptr"], tuple(arrays["shape"]))
        names = [str(n) for n in arrays["names"]]
        _WEIGHTS_CACHE.clear()  # one grid layout at a time: a 3 km matrix is a few MB
        _WEIGHTS_CACHE[key] = matrix, names
        _FULL_AREAS[tuple(names)] = np.asarray(arrays["full_area"], dtype=np.float64)
    progress.report(1.0, "weights ready")
    matrix, names = _WEIGHTS_CACHE[key]
    return matrix, list(names)


def _derive_weights(lon: np.ndarray, lat: np.ndarray, unit_names: list[str], progress: Progress) -> dict:
    from maps.lonlat_rings import unit_rings

    present = set(unit_rings().names)
    names = [n for n in unit_names if n in present]
    matrix = _unit_weights(cell_edges(lon), cell_edges(lat), names, progress).tocsr()
    return {"data": matrix.data, "indices": matrix.indices, "indptr": matrix.indptr,
            "shape": np.array(matrix.shape, dtype=np.int64), "names": np.array(names, dtype=str),
            "full_area": _unit_areas(names)}


def _unit_weights(lon_edges: np.ndarray, lat_edges: np.ndarray, names: list[str], progress: Progress):
    """The bundled units' overlap weights from their shipped lon/lat rings: neither geopandas nor shapely."""
    from maps.lonlat_rings import unit_rings

    rings = unit_rings()
    return ring_overlap_weights(lon_edges, lat_edges, [rings.edges(n) for n in names], progress=progress)


def _full_areas(units: UnitTable, names: list[str]) -> np.ndarray:
    """Each unit's area on the same scale as the weights (deg² · cos φ), to detect partial coverage."""
    known = _FULL_AREAS.get(tuple(names))
    return known.copy() if known is not None else _unit_areas(names)


def _unit_areas(names: list[str]) -> np.ndarray:
    from maps.lonlat_rings import unit_rings

    rings = unit_rings()
    return np.array([rings.full_area[rings.index(n)] for n in names], dtype=np.float64)


def _factor(var, file: str, name: str, warnings: list[Problem]) -> float:
    unit = str(var.attrs.get("units", "")).strip().casefold().replace(" ", "").replace("**", "^")
    unit = unit.replace("m^-3", "m-3").replace("m^3", "m3").replace("m³", "m3")
    if unit in UNIT_FACTORS:
        return UNIT_FACTORS[unit]
    warnings.append(Problem("the variable's unit is missing or unknown; values taken as µg/m³", severity="warning",
                            file=file, variable=name, value=str(var.attrs.get("units", "")) or None,
                            expected="units = 'ug m-3' (or mg m-3, kg m-3)", action="assumed"))
    return 1.0


MARKER, NEGATIVE, OUTSIDE, IMPOSSIBLE = 1, 2, 3, 4  # why a cell is missing (CellCheck.reasons)


@dataclass
class CellCheck:
    """What makes a grid cell's value impossible, and how to name a cell: the same checks as a table's cells."""

    ceiling: float | None  # the scheme's plausibility ceiling for the field (in µg/m³ / mg/m³ after conversion)
    lat: np.ndarray | None  # increasing cell-centre latitudes (None on a projected grid: cells by row/column)
    lon: np.ndarray | None
    times: pd.DatetimeIndex  # Beijing time of each time step in the file
    units_attr: str
    bad: int = 0
    listed: list[Problem] = field(default_factory=list)
    magnitudes: list[float] = field(default_factory=list)  # a sample of the used cells' values (converted)
    valid_min: float = -np.inf  # the variable's CF valid_min / valid_range, in the file's units
    valid_max: float = np.inf

    def reasons(self, raw: np.ndarray, factor: float) -> np.ndarray:
        """Per value (file units), why it is missing: 0 (it is not), :data:`MARKER` (−999 and the like),
        :data:`NEGATIVE` (below −:data:`NEGATIVE_NOISE` µg/m³), :data:`OUTSIDE` (the CF valid range) or
        :data:`IMPOSSIBLE` (±inf, NetCDF's default fill ≈ 9.97e36 when no _FillValue is declared, above the
        ceiling). NaN (declared fill values, masked by xarray) is 0: missing already."""
        with np.errstate(invalid="ignore", over="ignore"):
            converted = raw * factor
            out = np.zeros(raw.shape, dtype=np.int8)
            out[converted < -NEGATIVE_NOISE] = NEGATIVE
            if self.ceiling is not None:
                out[converted > self.ceiling] = IMPOSSIBLE
            out[(raw < self.valid_min) | (raw > self.valid_max)] = OUTSIDE
            out[np.isin(raw, MISSING_MARKERS)] = MARKER
            out[np.isinf(converted) | (np.abs(raw) >= NETCDF_DEFAULT_FILL) |
                (np.abs(converted) >= NETCDF_DEFAULT_FILL)] = IMPOSSIBLE
        return out

    def note(self, reasons: np.ndarray, values: np.ndarray, lat_index: np.ndarray, lon_index: np.ndarray,
             first_step: int, file: str, name: str) -> None:
        """Count the missing cells of a block (cells × steps) and describe the first few by time and place."""
        found = np.argwhere(reasons)
        self.bad += len(found)
        for c, k in found[: max(MAX_LISTED_CELLS - len(self.listed), 0)]:
            when = (f"time step {first_step + k}" if self.times is None else
                    f"{self.times[first_step + k]:%Y-%m-%d %H:%M}")
            reason = int(reasons[c, k])
            if reason == MARKER:
                message = "a missing-data marker, treated as missing"
                expected = "a concentration ≥ 0 (−99, −999, −9999 and 9999 mark missing data)"
            elif reason == NEGATIVE:
                message = "a negative concentration, treated as missing"
                expected = "a concentration ≥ 0"
            elif reason == OUTSIDE:
                message = "a value outside the variable's valid range, treated as missing"
                expected = (f"{self.valid_min:g} … {self.valid_max:g} (the variable's valid_range / valid_min / "
                            "valid_max)")
            else:
                message = "a value that cannot be real, treated as missing"
                expected = ("a finite value" if self.ceiling is None else
                            f"a finite value ≤ {self.ceiling:g} (the scheme's ceiling)")
            self.listed.append(Problem(
                message, severity="warning", file=file, variable=name,
                cell=f"{when}, " + (f"grid row {lat_index[c]}, column {lon_index[c]}" if self.lat is None else
                                     f"lat {self.lat[lat_index[c]]:.3f}, lon {self.lon[lon_index[c]]:.3f}"),
                value=f"{values[c, k]:g}", expected=expected, action="excluded"))


def valid_bounds(var) -> tuple[float, float]:
    """The CF ``valid_range`` (or ``valid_min`` / ``valid_max``) of a variable, in its unpacked units: a packed
    variable's bounds are packed integers (CF), turned into values with its scale_factor and add_offset."""
    attrs, encoding = var.attrs, getattr(var, "encoding", {})

    def number(value):
        values = np.asarray(value).ravel()
        return values if values.size and np.issubdtype(values.dtype, np.number) else None

    low, high = -np.inf, np.inf
    both = number(attrs["valid_range"]) if "valid_range" in attrs else None
    if both is not None and both.size >= 2:
        low, high = float(both[0]), float(both[1])
        packed = np.issubdtype(both.dtype, np.integer)
    else:
        small = number(attrs["valid_min"]) if "valid_min" in attrs else None
        big = number(attrs["valid_max"]) if "valid_max" in attrs else None
        low = float(small[0]) if small is not None else low
        high = float(big[0]) if big is not None else high
        packed = any(b is not None and np.issubdtype(b.dtype, np.integer) for b in (small, big))
    if packed and ("scale_factor" in encoding or "add_offset" in encoding):
        scale, offset = float(encoding.get("scale_factor", 1.0)), float(encoding.get("add_offset", 0.0))
        low, high = sorted((low * scale + offset, high * scale + offset))
    return (low if np.isfinite(low) else -np.inf), (high if np.isfinite(high) else np.inf)


def _magnitude_against_units(check: CellCheck, file: str, name: str, warnings: list[Problem]) -> None:
    """A ``units`` attribute that the values' size contradicts (µg/m³ values labelled mg m-3, or the reverse)."""
    if len(check.magnitudes) < 24:
        return
    median = float(np.median(check.magnitudes))
    declared = check.units_attr or "(none)"
    if 0 < median < 1.0:
        warnings.append(Problem(f"the values of {name} look like mg/m³ although units say {declared!r} "
                                f"(median {median:.3g} after conversion)", severity="warning", file=file,
                                variable=name, value=declared, expected="a units attribute that matches the values"))
    elif median > 1000.0:
        warnings.append(Problem(f"the values of {name} are far too large for the units {declared!r} "
                                f"(median {median:.3g} µg/m³ after conversion)", severity="warning", file=file,
                                variable=name, value=declared, expected="a units attribute that matches the values"))


def _plainly_valid(picked: np.ndarray, factor: float, check: CellCheck) -> bool:
    """True when no value of the block is missing or impossible — decided from its least and greatest value
    (``x · factor`` is monotonic in ``x`` for the positive unit factors, rounding included)."""
    if picked.size == 0 or not np.issubdtype(picked.dtype, np.floating) and not np.issubdtype(picked.dtype,
                                                                                                 np.integer):
        return False
    lo, hi = float(picked.min()), float(picked.max())
    if not (np.isfinite(lo) and np.isfinite(hi)) or factor <= 0:  # a NaN anywhere makes min/max NaN
        return False
    big = max(abs(lo), abs(hi))
    if big >= NETCDF_DEFAULT_FILL or not np.isfinite(big * factor) or big * factor >= NETCDF_DEFAULT_FILL:
        return False
    if lo * factor < -NEGATIVE_NOISE or lo < check.valid_min or hi > check.valid_max:
        return False
    if any(lo <= marker <= hi for marker in MISSING_MARKERS):
        return False
    return check.ceiling is None or hi * factor <= check.ceiling


def _sample(picked: np.ndarray, factor: float) -> np.ndarray:
    """The magnitude sample of a plainly valid block: every k-th value in (cell, step) order, as the general
    path takes it from the transposed block."""
    steps, cells = picked.shape
    flat = np.arange(0, steps * cells, max(1, steps * cells // 1000))
    return picked[flat % steps, flat // steps].astype(np.float64) * factor


def _unit_means(var, dims, lat_flip, lon_flip, weights, factor, progress, file, name, warnings,
                check: CellCheck | None = None) -> np.ndarray:
    time_name, lat_name, lon_name = dims
    if check is None:  # a model's native grid: impossible values by the bundled ceilings, cells by row/column
        times = pd.DatetimeIndex(np.asarray(var[time_name].values)) if time_name in var.coords else None
        check = CellCheck(None, None, None, times, str(var.attrs.get("units", "")))
    check.valid_min, check.valid_max = valid_bounds(var)
    if not {time_name, lat_name, lon_name} <= set(map(str, var.dims)):
        raise InputError(Problem("the variable does not run along the time, latitude and longitude axes",
                                 file=file, column=name, value=f"dims {tuple(map(str, var.dims))}",
                                 expected=f"dims ({time_name}, {lat_name}, {lon_name})"))
    extra = [d for d in var.dims if d not in (time_name, lat_name, lon_name)]
    for d in list(extra):
        if var.sizes[d] > 1 and d not in LEVEL_NAMES and "lev" not in str(d).casefold():
            raise InputError(Problem(f"the grid variable has an extra dimension {d!r} of size {var.sizes[d]}",
                                     file=file, column=name, expected="(time, [level,] lat, lon)"))
        if var.sizes[d] > 1:
            warnings.append(Problem(f"the variable has {var.sizes[d]} vertical levels; the first (surface) is used",
                                    severity="note", file=file, variable=name, action="assumed"))
        var = var.isel({d: 0})
    var = var.transpose(time_name, lat_name, lon_name)
    n_t, ny, nx = var.sizes[time_name], var.sizes[lat_name], var.sizes[lon_name]
    # Only the cells some unit overlaps are read out of each block, addressed in the file's own axis order
    # (so reversed axes need no flipped copy): about half of a grid drawn around the region.
    cells = unique_sorted(weights.indices)
    j, i = np.divmod(cells, nx)
    file_cells = (ny - 1 - j if lat_flip else j) * nx + (nx - 1 - i if lon_flip else i)
    used = weights.columns(cells)
    total = used.row_sums()
    out = np.full((used.shape[0], n_t), np.nan)
    negative = 0
    for a in range(0, n_t, CHUNK_STEPS):
        progress.report(a / n_t, f"averaging {name} over units")
        block = np.asarray(var.isel({time_name: slice(a, a + CHUNK_STEPS)}).values)
        picked = block.reshape(block.shape[0], -1)[:, file_cells]  # (steps, cells), the file's dtype
        values = np.ascontiguousarray(picked.T, dtype=np.float64)
        if _plainly_valid(picked, factor, check):
            # the usual block: every value finite and possible, so the masks below would change nothing
            if len(check.magnitudes) < 5000:
                check.magnitudes.extend(_sample(picked, factor).tolist())
            if picked.min() < 0:
                negative += int(np.count_nonzero(picked < 0))
            with np.errstate(invalid="ignore", divide="ignore"):  # units outside the grid: 0 / 0, dropped later
                out[:, a:a + block.shape[0]] = used @ values / total[:, None] * factor
            continue
        reasons = check.reasons(values, factor)
        if len(check.magnitudes) < 5000:  # before the ceiling: wrong units can put every value above it
            sample = values[np.isfinite(values) & (np.abs(values) < NETCDF_DEFAULT_FILL) &
                            ((reasons == 0) | (reasons == IMPOSSIBLE))]
            check.magnitudes.extend((sample[:: max(1, sample.size // 1000)] * factor).tolist())
        impossible = reasons > 0
        if impossible.any():
            check.note(reasons, values, j, i, a, file, name)
            values[impossible] = np.nan
        valid = np.isfinite(values)
        complete = bool(valid.all())
        if not complete:
            values[~valid] = 0.0
        negative += int(np.count_nonzero(values < 0))
        num = used @ values
        den = total[:, None] if complete else used @ valid.astype(np.float64)
        with np.errstate(invalid="ignore", divide="ignore"):  # units outside the grid: 0 / 0, dropped later
            mean = num / den
        if not complete:
            mean[den < MIN_COVERAGE * total[:, None]] = np.nan
        out[:, a:a + block.shape[0]] = mean * factor
    warnings.extend(check.listed)
    if check.bad > len(check.listed):
        warnings.append(Problem(f"{check.bad} cell values of {name} cannot be real and are treated as missing "
                                f"({check.bad - len(check.listed)} more not listed)", severity="warning", file=file,
                                variable=name, action="excluded"))
    _magnitude_against_units(check, file, name, warnings)
    if negative:
        warnings.append(Problem(f"{negative} slightly negative cell values (numerical noise, ≥ −{NEGATIVE_NOISE:g} "
                                "µg/m³) were averaged as they are", severity="note", file=file, variable=name,
                                expected="values ≥ 0", action="kept"))
    progress.report(1.0)
    return out
