"""Native model output, read as the models write it: WRF-Chem ``wrfout`` and CMAQ IOAPI NetCDF.

- **WRF-Chem** (recognised by ``Times`` + ``XLAT``/``XLONG`` + ``MAP_PROJ``): the grid is rebuilt from the global
  attributes as WRF defines it (Lambert ``MAP_PROJ=1``, polar stereographic 2, Mercator 3, on WRF's sphere of
  radius 6 370 km; mass points ``DX``/``DY`` apart, centred on ``CEN_LAT``/``CEN_LON``) and checked against the
  file's curvilinear ``XLAT``/``XLONG``; ``PM2_5_DRY`` (µg m⁻³) at the lowest model level; ``Times``
  (``YYYY-MM-DD_HH:MM:SS``, UTC); the issue time is the run's ``SIMULATION_START_DATE``.
- **CMAQ IOAPI** (recognised by ``TFLAG`` + ``GDTYP``): the grid from ``GDTYP``/``P_ALP``/``P_BET``/``P_GAM``/
  ``XCENT``/``YCENT`` (the projection, with its Cartesian origin at ``XCENT, YCENT``) and ``XORIG``/``YORIG``/
  ``XCELL``/``YCELL`` (the exact cell edges), on the 6 370 km sphere CMAQ uses; times from ``TFLAG``
  (``YYYYDDD``, ``HHMMSS``, UTC); PM2.5 a variable (``PM25_TOT``, ``PM25``, …) or, in a CONC file, the sum of
  the Aitken and accumulation mode aerosol species (``A…I``/``A…J`` in µg m⁻³, without aerosol water) — the
  species summed are listed in a warning. The issue time is the file's creation date (``CDATE``/``CTIME``).

Both are reduced to unit means with exact cell–polygon areas (:mod:`app.importing.projected`) and the same
averaging as CF grids (:func:`app.importing.grid._unit_means`). The files are read through netCDF4 alone
(:mod:`app.importing.netcdf`, with the values xarray's decoding gives; xarray only for what that does not cover).
xwrf and PseudoNetCDF would read these files too, but each only adds what these few attributes already give.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd

from app.domain.forecast import TZ, Forecast, ForecastMeta
from app.domain.progress import Progress
from app.domain.units import UnitTable
from app.errors import InputError, Problem
from app.importing.projected import ProjectedGrid, near_from_lonlat, project_point, projected_weights

EARTH_RADIUS_M = 6370000.0  # WRF and CMAQ both assume a sphere of this radius
WRF_PM25 = ("PM2_5_DRY", "PM2_5", "PM25")
IOAPI_PM25 = ("PM25_TOT", "PM25", "PM2_5", "PM25_TOT_AVG", "PM25AT", "ATOTIJ")
IOAPI_WATER = ("AH2OI", "AH2OJ", "AORGH2OJ", "AH3OPI", "AH3OPJ")
MAX_DEGREE_CELL = 5.0  # a lat/lon model cell wider than this is no air-quality grid: its sizes are metres
MIN_METRE_CELL, MAX_METRE_CELL = 100.0, 500000.0  # a projected model cell, in metres
COORDINATE_TOLERANCE = 0.05  # of a cell: XLAT/XLONG must sit where the attributes put the mass points


def native_kind(ds) -> str | None:
    if "TFLAG" in ds.variables and "GDTYP" in ds.attrs:
        return "ioapi"
    if "XLAT" in ds.variables and "XLONG" in ds.variables and "MAP_PROJ" in ds.attrs:
        return "wrf"
    return None


def load_native(ds, kind: str, path: Path, *, units: UnitTable, variable: str | None,
                progress: Progress) -> Forecast:
    reader = _wrf if kind == "wrf" else _ioapi
    return reader(ds, str(path), units=units, variable=variable, progress=progress)


# ---------------------------------------------------------------------------------------------------- WRF-Chem

def _attr(ds, name: str, file: str, expected: str) -> float:
    if name not in ds.attrs:
        raise InputError(Problem(f"the global attribute {name} is missing", file=file, column=name,
                                 expected=expected))
    try:
        value = float(np.asarray(ds.attrs[name]).ravel()[0])
    except (TypeError, ValueError, IndexError) as exc:
        raise InputError(Problem(f"the global attribute {name} is not a number", file=file, column=name,
                                 value=str(ds.attrs[name])[:40], expected=expected)) from exc
    if not np.isfinite(value):
        raise InputError(Problem(f"the global attribute {name} is not a number", file=file, column=name,
                                 value=str(value), expected=expected))
    return value


def wrf_projection(ds, file: str) -> str:
    sphere = f"+a={EARTH_RADIUS_M:.0f} +b={EARTH_RADIUS_M:.0f} +units=m +no_defs"
    code = int(_attr(ds, "MAP_PROJ", file, "1 (Lambert), 2 (polar stereographic) or 3 (Mercator)"))
    stand_lon = _attr(ds, "STAND_LON", file, "the projection's standard longitude")
    lat1 = _attr(ds, "TRUELAT1", file, "the first true latitude")
    if code == 1:
        lat2 = _attr(ds, "TRUELAT2", file, "the second true latitude")
        lat0 = float(ds.attrs.get("MOAD_CEN_LAT", lat1))
        return f"+proj=lcc +lat_1={lat1} +lat_2={lat2} +lat_0={lat0} +lon_0={stand_lon} {sphere}"
    if code == 2:
        pole = 90 if lat1 >= 0 else -90
        return f"+proj=stere +lat_0={pole} +lat_ts={lat1} +lon_0={stand_lon} {sphere}"
    if code == 3:
        return f"+proj=merc +lat_ts={lat1} +lon_0={stand_lon} {sphere}"
    raise InputError(Problem("this WRF map projection is not supported", file=file, column="MAP_PROJ",
                             value=str(code), expected="1 (Lambert), 2 (polar stereographic) or 3 (Mercator); a "
                                                       "lat/lon run post-processed to CF reads as a CF grid"))


def _wrf(ds, file: str, *, units: UnitTable, variable: str | None, progress: Progress) -> Forecast:
    warnings: list[Problem] = []
    name = _pick(ds, variable, WRF_PM25, file, warnings)
    var = ds[name]
    for dim in ("south_north", "west_east"):
        if dim not in var.dims:
            raise InputError(Problem(f"the WRF variable does not run along {dim}", file=file, column=name,
                                     value=f"dims {tuple(map(str, var.dims))}",
                                     expected="(Time, bottom_top, south_north, west_east)"))
    time_dim = "Time" if "Time" in var.dims else str(var.dims[0])
    ny, nx = int(ds.sizes["south_north"]), int(ds.sizes["west_east"])
    proj4 = wrf_projection(ds, file)
    dx = _attr(ds, "DX", file, "the grid spacing in metres")
    dy = _attr(ds, "DY", file, "the grid spacing in metres")
    cen_lon = _attr(ds, "CEN_LON", file, "the longitude of the domain centre")
    cen_lat = _attr(ds, "CEN_LAT", file, "the latitude of the domain centre")
    if dx <= 0 or dy <= 0:
        raise InputError(Problem("the grid spacing is not positive", file=file, column="DX/DY",
                                 value=f"{dx} / {dy}", expected="DX and DY in metres, > 0"))
    if min(dx, dy) < MIN_METRE_CELL or max(dx, dy) > MAX_METRE_CELL:
        raise InputError(Problem("the grid spacing is not plausible for a WRF grid: it does not look like metres",
                                 file=file, column="DX/DY", value=f"{dx:g} / {dy:g}",
                                 expected=f"DX and DY in metres, {MIN_METRE_CELL:g} m to "
                                          f"{MAX_METRE_CELL / 1000:g} km"))
    x0, y0 = project_point(proj4, cen_lon, cen_lat)
    x = x0 + (np.arange(nx) - (nx - 1) / 2) * dx
    y = y0 + (np.arange(ny) - (ny - 1) / 2) * dy
    grid = ProjectedGrid(proj4, np.append(x - dx / 2, x[-1] + dx / 2), np.append(y - dy / 2, y[-1] + dy / 2))
    _check_wrf_coordinates(ds, grid, x, y, min(dx, dy), file)
    times = _wrf_times(ds, time_dim, file)
    issued = _wrf_time_text(ds.attrs.get("SIMULATION_START_DATE") or ds.attrs.get("START_DATE"))
    model = "WRF-Chem" if "CHEM_OPT" in ds.attrs or name == "PM2_5_DRY" else "WRF"
    label = str(ds.attrs.get("institution", "")).strip() or model
    meta = ForecastMeta(issued_at=issued, issued_at_source="file" if issued else "", source_format="wrfout",
                        label=label[:200])
    return _reduce(ds, {"pm25": (name, var)}, (time_dim, "south_north", "west_east"), times, grid, meta,
                   units=units, progress=progress, file=file, warnings=warnings)


def _check_wrf_coordinates(ds, grid: ProjectedGrid, x, y, spacing: float, file: str) -> None:
    lat, lon = ds["XLAT"], ds["XLONG"]
    extra = max(lat.ndim - 2, 0)  # the first mass points only (XLAT/XLONG repeat them at every time step): the
    if extra and lon.ndim >= extra:  # others are not read — 168 compressed slices each in a week (issue 26)
        lat, lon = lat[(0,) * extra], lon[(0,) * extra]
    lat = np.asarray(lat.values, dtype=float)
    lon = np.asarray(lon.values, dtype=float)
    while lat.ndim > 2:
        lat, lon = lat[0], lon[0]
    if lat.shape != (len(y), len(x)) or lon.shape != lat.shape:
        shape = (len(y), len(x))
        raise InputError(Problem("XLAT/XLONG do not have the grid's shape", file=file, column="XLAT",
                                 value=f"{lat.shape}", expected=f"(south_north, west_east) = {shape}"))
    if not (np.all(np.isfinite(lat)) and np.all(np.isfinite(lon))):
        raise InputError(Problem("XLAT/XLONG have missing values", file=file, column="XLAT",
                                 expected="the latitude and longitude of every mass point"))
    xx, yy = np.meshgrid(x, y)
    px, py = near_from_lonlat(grid.proj4, lon, lat)  # without pyproj on a Lambert grid: to well within 1 mm
    if np.max(np.hypot(px - xx, py - yy)) <= COORDINATE_TOLERANCE * spacing / 2:
        return
    px, py = grid.from_lonlat(lon, lat)  # near the tolerance or beyond it: decided and reported by PROJ itself
    error = np.hypot(px - xx, py - yy)
    worst = np.unravel_index(int(np.argmax(error)), error.shape)
    if error[worst] > COORDINATE_TOLERANCE * spacing:
        metres, row, col = f"{error[worst]:.0f}", int(worst[0]), int(worst[1])
        raise InputError(Problem(
            f"XLAT/XLONG do not match the projection in the global attributes (off by {metres} m at "
            f"south_north {row}, west_east {col})", file=file, column="XLAT/XLONG",
            expected="a WRF grid whose MAP_PROJ, TRUELAT1/2, STAND_LON, CEN_LAT/LON and DX/DY describe it"))


def _wrf_time_text(text) -> datetime | None:
    if text is None:
        return None
    raw = text.decode() if isinstance(text, bytes) else str(text)
    try:
        stamp = pd.Timestamp(raw.strip().replace("_", " "))
    except ValueError:
        return None
    return stamp.tz_localize("UTC").tz_convert(TZ).to_pydatetime()


def _wrf_times(ds, time_dim: str, file: str):
    if "Times" not in ds.variables:
        raise InputError(Problem("the WRF file has no Times variable", file=file, column="Times",
                                 expected="Times(Time, DateStrLen) as 'YYYY-MM-DD_HH:MM:SS'"))
    raw = np.asarray(ds["Times"].values)
    if raw.dtype.kind == "S" and raw.ndim == 2 and raw.dtype.itemsize == 1:
        texts = [b"".join(row).decode("ascii", "replace") for row in raw]
    else:
        texts = [v.decode("ascii", "replace") if isinstance(v, bytes) else str(v) for v in raw.ravel()]
    stamps = []
    for k, text in enumerate(texts):
        try:
            stamps.append(pd.Timestamp(text.strip().replace("_", " ")))
        except ValueError as exc:
            raise InputError(Problem("a WRF time that cannot be read", file=file, column="Times", row=k + 1,
                                     value=text[:30], expected="YYYY-MM-DD_HH:MM:SS")) from exc
    return _hourly_axis(pd.DatetimeIndex(stamps).tz_localize("UTC").tz_convert(TZ), file, "Times")


# ---------------------------------------------------------------------------------------------------- CMAQ IOAPI

def ioapi_projection(ds, file: str) -> tuple[str, bool]:
    """The PROJ string of an IOAPI grid, and whether it is a plain lon/lat grid (GDTYP 1)."""
    sphere = f"+a={EARTH_RADIUS_M:.0f} +b={EARTH_RADIUS_M:.0f} +units=m +no_defs"
    code = int(_attr(ds, "GDTYP", file, "1 (lat/lon), 2 (Lambert), 6 (polar stereographic) or 7 (Mercator)"))
    if code == 1:
        return "+proj=longlat +a=6370000 +b=6370000 +no_defs", True
    alpha = _attr(ds, "P_ALP", file, "the projection's first parameter")
    beta = _attr(ds, "P_BET", file, "the projection's second parameter")
    gamma = _attr(ds, "P_GAM", file, "the projection's central meridian")
    xcent = _attr(ds, "XCENT", file, "the longitude of the Cartesian origin")
    ycent = _attr(ds, "YCENT", file, "the latitude of the Cartesian origin")
    if code == 2:
        base = f"+proj=lcc +lat_1={alpha} +lat_2={beta} +lat_0={ycent} +lon_0={gamma} {sphere}"
    elif code == 6:
        base = f"+proj=stere +lat_0={90 if alpha >= 0 else -90} +lat_ts={beta} +lon_0={gamma} {sphere}"
    elif code == 7:
        base = f"+proj=merc +lat_ts={alpha} +lon_0={gamma} {sphere}"
    else:
        raise InputError(Problem("this IOAPI grid type is not supported", file=file, column="GDTYP",
                                 value=str(code), expected="1 (lat/lon), 2 (Lambert), 6 (polar stereographic) "
                                                           "or 7 (equatorial Mercator)"))
    # IOAPI's Cartesian origin is (XCENT, YCENT), which need not be the projection's own origin
    ox, oy = project_point(base, xcent, ycent)
    return f"{base} +x_0={-float(ox)!r} +y_0={-float(oy)!r}", False


def _ioapi(ds, file: str, *, units: UnitTable, variable: str | None, progress: Progress) -> Forecast:
    proj4, lonlat = ioapi_projection(ds, file)
    for dim in ("ROW", "COL"):
        if dim not in ds.sizes:
            raise InputError(Problem(f"the IOAPI file has no {dim} dimension", file=file, column=dim,
                                     expected="variables (TSTEP, LAY, ROW, COL)"))
    ny, nx = int(ds.sizes["ROW"]), int(ds.sizes["COL"])
    xorig = _attr(ds, "XORIG", file, "the x of the grid's lower-left corner")
    yorig = _attr(ds, "YORIG", file, "the y of the grid's lower-left corner")
    xcell = _attr(ds, "XCELL", file, "the cell width")
    ycell = _attr(ds, "YCELL", file, "the cell height")
    if xcell <= 0 or ycell <= 0:
        raise InputError(Problem("the cell size is not positive", file=file, column="XCELL/YCELL",
                                 value=f"{xcell} / {ycell}", expected="XCELL and YCELL > 0"))
    _plausible_cells(lonlat, xorig, yorig, xcell, ycell, nx, ny, file)
    x_edges, y_edges = xorig + np.arange(nx + 1) * xcell, yorig + np.arange(ny + 1) * ycell
    warnings: list[Problem] = []
    fields = _ioapi_fields(ds, variable, file, warnings)
    times = _ioapi_times(ds, file)
    issued = _ioapi_created(ds)
    label = str(ds.attrs.get("institution", "")).strip() or \
        " ".join(f"CMAQ {str(ds.attrs.get('GDNAM', '')).strip()}".split())
    meta = ForecastMeta(issued_at=issued, issued_at_source="file" if issued else "", source_format="ioapi",
                        label=label[:200])
    if lonlat:
        grid = None, x_edges, y_edges
    else:
        grid = ProjectedGrid(proj4, x_edges, y_edges)
    return _reduce(ds, fields, ("TSTEP", "ROW", "COL"), times, grid, meta, units=units, progress=progress,
                   file=file, warnings=warnings)


def _plausible_cells(lonlat: bool, xorig: float, yorig: float, xcell: float, ycell: float, nx: int, ny: int,
                     file: str) -> None:
    """Cells whose size cannot be meant in the grid's projection: metres on a lat/lon grid (GDTYP 1), where every
    unit would fall into one giant cell, or degrees on a projected one, where the domain would be a few metres."""
    size = f"{xcell:g} × {ycell:g}, origin {xorig:g}, {yorig:g}"
    if lonlat:
        east, north = xorig + nx * xcell, yorig + ny * ycell
        if max(xcell, ycell) > MAX_DEGREE_CELL or not (-360 <= xorig and east <= 360 and -90 <= yorig
                                                       and north <= 90):
            raise InputError(Problem("the cells are not plausible for a lat/lon grid (GDTYP 1): they look like "
                                     "metres, not degrees", file=file, column="XCELL/YCELL", value=size,
                                     expected=f"cells of at most {MAX_DEGREE_CELL:g}° and a domain within "
                                              "±180° E, ±90° N (or the GDTYP of the projection the grid is in)"))
    elif min(xcell, ycell) < MIN_METRE_CELL or max(xcell, ycell) > MAX_METRE_CELL:
        raise InputError(Problem("the cells are not plausible for a projected grid: they look like degrees, not "
                                 "metres", file=file, column="XCELL/YCELL", value=size,
                                 expected=f"cells of {MIN_METRE_CELL:g} m to {MAX_METRE_CELL / 1000:g} km (or "
                                          "GDTYP 1 for a lat/lon grid)"))


def _ioapi_fields(ds, variable: str | None, file: str, warnings: list[Problem]) -> dict:
    """{"pm25": (label, DataArray)}: a named variable, "A+B+…", or the sum of the PM2.5 aerosol species."""
    if variable and "+" in variable:
        names = [v.strip() for v in variable.split("+") if v.strip()]
    elif variable or any(n in ds.data_vars for n in IOAPI_PM25):
        names = [_pick(ds, variable, IOAPI_PM25, file, warnings)]
    else:
        names = [str(n) for n, v in ds.data_vars.items()
                 if str(n).startswith("A") and str(n)[-1:] in ("I", "J") and str(n) not in IOAPI_WATER
                 and "ROW" in v.dims and "COL" in v.dims]
        if not names:
            raise InputError(Problem("no PM2.5 variable and no aerosol species to sum", file=file,
                                     value=", ".join(map(str, ds.data_vars))[:120],
                                     expected="PM25_TOT / PM25, or CMAQ aerosol species A…I / A…J in µg/m3 "
                                              "(or choose with --variable NAME or A+B+…)"))
        count, species = len(names), ", ".join(names)
        warnings.append(Problem(f"PM2.5 is the sum of {count} aerosol species (Aitken and accumulation "
                                f"modes, without aerosol water): {species}", severity="warning",
                                file=file, column="PM2.5"))
    from app.importing.grid import _factor

    total = None
    for name in names:
        if name not in ds.data_vars:
            raise InputError(Problem("no such variable in the grid", file=file, column=name,
                                     expected="one of " + ", ".join(map(str, ds.data_vars))))
        var = ds[name]
        if "LAY" in var.dims:
            var = var.isel(LAY=0)
        var = var * _factor(ds[name], file, name, warnings)
        total = var if total is None else total + var
    total.attrs["units"] = "ug m-3"
    return {"pm25": ("+".join(names), total)}


def _ioapi_times(ds, file: str):
    flag = np.asarray(ds["TFLAG"].values)
    if flag.ndim != 3 or flag.shape[-1] != 2:
        raise InputError(Problem("TFLAG does not have the IOAPI shape", file=file, column="TFLAG",
                                 value=str(flag.shape), expected="(TSTEP, VAR, DATE-TIME=2)"))
    first = flag[:, 0, :]
    if flag.shape[1] > 1 and np.any(flag != first[:, None, :]):
        step = int(np.flatnonzero(np.any(flag != first[:, None, :], axis=(1, 2)))[0])
        raise InputError(Problem("TFLAG differs between variables", file=file, column="TFLAG", row=step + 1,
                                 expected="one date and time per step for all variables"))
    stamps = []
    for k, (date, clock) in enumerate(first.tolist()):
        try:
            day = datetime.strptime(f"{int(date):07d}", "%Y%j")
            hh, rest = divmod(int(clock), 10000)
            mm, ss = divmod(rest, 100)
            stamps.append(pd.Timestamp(day) + pd.Timedelta(hours=hh, minutes=mm, seconds=ss))
        except (ValueError, OverflowError) as exc:
            raise InputError(Problem("a TFLAG date or time that cannot be read", file=file, column="TFLAG",
                                     row=k + 1, value=f"{date} {clock}",
                                     expected="YYYYDDD and HHMMSS (UTC), as IOAPI writes them")) from exc
    return _hourly_axis(pd.DatetimeIndex(stamps).tz_localize("UTC").tz_convert(TZ), file, "TFLAG")


def _ioapi_created(ds) -> datetime | None:
    try:
        date, clock = int(ds.attrs["CDATE"]), int(ds.attrs.get("CTIME", 0))
        day = datetime.strptime(f"{date:07d}", "%Y%j")
    except (KeyError, TypeError, ValueError):
        return None
    hh, rest = divmod(clock, 10000)
    stamp = pd.Timestamp(day) + pd.Timedelta(hours=hh, minutes=rest // 100)
    return stamp.tz_localize("UTC").tz_convert(TZ).to_pydatetime()


# ---------------------------------------------------------------------------------------------------- shared

def _pick(ds, variable: str | None, names: tuple[str, ...], file: str, warnings: list[Problem]) -> str:
    from app.importing.grid import pick_variable

    return pick_variable(ds, variable, file, names, warnings)


def _hourly_axis(stamps: pd.DatetimeIndex, file: str, column: str):
    if len(stamps) == 0:
        raise InputError(Problem("the file has no time steps", file=file, column=column,
                                 expected="at least one hourly time step"))
    if stamps.has_duplicates or not stamps.is_monotonic_increasing:
        raise InputError(Problem("the grid's times repeat or go backwards", file=file, column=column,
                                 expected="increasing times"))
    if np.any((stamps.minute != 0) | (stamps.second != 0)):
        raise InputError(Problem("grid times that are not on the hour", file=file, column=column,
                                 expected="hourly model output"))
    hours = np.rint((stamps - stamps[0]) / pd.Timedelta(hours=1)).astype(np.int64)
    step = int(np.gcd.reduce(np.diff(hours))) if hours.size > 1 else 1
    if step != 1:
        raise InputError(Problem(f"irregular time step: a {step}-hourly grid", file=file, column=column,
                                 expected="hourly model output"))
    return pd.date_range(stamps[0], periods=int(hours[-1]) + 1, freq="h"), hours


def _reduce(ds, fields: dict, dims: tuple[str, str, str], times, grid, meta: ForecastMeta, *,
            units: UnitTable, progress: Progress, file: str, warnings: list[Problem]) -> Forecast:
    from app.importing import grid as cf

    if isinstance(grid, ProjectedGrid):
        weights, names, full_area = projected_weights(grid, units, progress.sub(0.05, 0.35))
    else:  # an IOAPI lon/lat grid: the CF weights, from its exact edges
        _, x_edges, y_edges = grid
        centres_x, centres_y = (x_edges[1:] + x_edges[:-1]) / 2, (y_edges[1:] + y_edges[:-1]) / 2
        weights, names = cf._weights(centres_x, centres_y, units, progress.sub(0.05, 0.35))
        full_area = cf._full_areas(units, names)
    values = {}
    first_name = ""
    for k, (field, (name, var)) in enumerate(fields.items()):
        first_name = first_name or name
        span = progress.sub(0.35 + 0.65 * k / len(fields), 0.35 + 0.65 * (k + 1) / len(fields))
        factor = cf._factor(var, file, name, warnings)
        check = cf.CellCheck(cf.DEFAULT_PLAUSIBLE_MAX.get(field), None, None, times[0][times[1]],
                             str(var.attrs.get("units", "")))  # the same impossible-value checks as CF grids
        values[field] = cf._unit_means(var, dims, False, False, weights, factor, span, file, name, warnings, check)
    covered = weights.row_sums() > 0
    keep = [i for i, _ in enumerate(names) if covered[i]]
    if not keep:
        raise InputError(Problem("the grid does not overlap any unit", file=file, column=first_name,
                                 expected="a model domain over Sichuan and Chongqing (about 97–111° E, 26–35° N)"))
    sums = weights.row_sums()
    partial = [names[i] for i in keep if sums[i] < 0.98 * full_area[i]]
    if partial:
        warnings.append(Problem(f"the grid covers only part of {len(partial)} units: {'、'.join(partial[:10])}",
                                severity="warning", file=file, column=first_name))
    index, placement = times
    out = {}
    for field, arr in values.items():
        grid_values = np.full((len(keep), len(index)), np.nan)
        grid_values[:, placement] = arr[keep]
        out[field] = grid_values
    return Forecast(index, [names[i] for i in keep], out, step_hours=1, meta=meta, warnings=warnings,
                    missing_units=[n for i, n in enumerate(names) if not covered[i]])
