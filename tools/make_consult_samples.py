"""Consultation samples: the red week of ``sample-red-plain-south.csv`` as four more forecasters send it.

Writes into data/samples/ (all synthetic, seeded, for the 会商 view and ``hazedesk consult``):

- ``consult-wrfchem-wrfout_d01.nc`` — **WRF-Chem** output as ``wrfout`` files are written (WRF 4.x conventions):
  a 15 km Lambert conformal domain (``MAP_PROJ=1``, ``TRUELAT1/2`` 25/40° N, ``STAND_LON`` 105° E), mass-point
  ``XLAT``/``XLONG`` (curvilinear, as WRF computes them on its 6 370 km sphere), ``Times`` as
  ``YYYY-MM-DD_HH:MM:SS`` (UTC), ``PM2_5_DRY(Time, bottom_top, south_north, west_east)`` in ``ug m^-3`` (the
  surface level only, as centres extract it), ``SIMULATION_START_DATE`` the run's start; NetCDF-4 classic,
  compressed. The model's episode is stronger and six hours later than the regional centre's.
- ``consult-cmaq-CCTM_CONC_CN36.nc`` — **CMAQ** CCTM concentrations as IOAPI-3 writes them: NetCDF-3
  (64-bit offset), dims ``TSTEP, DATE-TIME, LAY, VAR, ROW, COL``, ``TFLAG`` (``YYYYDDD``, ``HHMMSS``, UTC), a 36 km
  Lambert grid (``GDTYP=2``, ``P_ALP/P_BET/P_GAM`` 25/40/110, ``XCENT/YCENT`` 110/34, ``XORIG/YORIG`` and
  ``XCELL/YCELL``), ``CDATE/CTIME`` the file's creation, and no PM2.5 variable: four aerosol species (``ASO4I``,
  ``ASO4J``, ``ANO3J``, ``AOTHRJ``, µg m⁻³) whose sum is PM2.5. 72 hours (12-21 → 12-23), weaker than the
  others.
- ``consult-sichuan-daily-range.csv`` — the Sichuan provincial station's statistical forecast: daily AQI ranges
  for the Sichuan units only.
- ``consult-chongqing.csv`` — the Chongqing municipal station's hourly forecast for the Chongqing units only.

The two model files are smooth fields (:func:`model_field`) so that tests can compare the readers' unit means
with the field's own averages over each unit. Run: ``.venv/bin/python tools/make_consult_samples.py``.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app.atomic import write_bytes_atomic, write_text_atomic  # noqa: E402
from app.paths import SAMPLES_DIR  # noqa: E402
from tools import make_samples as ms  # noqa: E402

RED = ms.SCENARIOS[1]
SPHERE = "+a=6370000 +b=6370000 +units=m +no_defs"
WRF_FILE = "consult-wrfchem-wrfout_d01.nc"
CMAQ_FILE = "consult-cmaq-CCTM_CONC_CN36.nc"
CMAQ_SPECIES = {"ASO4I": 0.03, "ASO4J": 0.24, "ANO3J": 0.28, "AOTHRJ": 0.45}


@dataclass(frozen=True)
class ModelRun:
    strength: float  # multiplies the scenario's episode envelope
    shift_hours: int  # the episode comes this much later
    centre: tuple[float, float]


WRF_RUN = ModelRun(1.15, 6, (104.6, 29.6))
CMAQ_RUN = ModelRun(0.72, 0, (104.1, 29.9))


def model_field(run: ModelRun, lon, lat, times_bj: pd.DatetimeIndex) -> np.ndarray:
    """PM2.5 (µg/m³) of a smooth model run at points (lon, lat) and Beijing times: shape (times, *lon.shape)."""
    lon, lat = np.asarray(lon, float), np.asarray(lat, float)
    hour_of_run = ((times_bj - pd.Timestamp(RED.start, tz="Asia/Shanghai")) / pd.Timedelta(hours=1)).to_numpy()
    knots = np.array(RED.envelope)
    env = np.interp(hour_of_run - run.shift_hours, knots[:, 0], knots[:, 1]) * run.strength
    blob = np.exp(-0.5 * (ms._distance_km(lon, lat, *run.centre) / RED.radius_km) ** 2)
    base = RED.background * ms.basin_factor(lon.ravel(), lat.ravel()).reshape(lon.shape)
    daily = ms.diurnal(times_bj.hour.to_numpy())
    return base[None] * (1 + env.reshape(-1, *([1] * lon.ndim)) * blob[None]) * \
        daily.reshape(-1, *([1] * lon.ndim))


def _transformer(proj4: str, inverse: bool = False):
    from pyproj import CRS, Transformer

    crs = CRS.from_proj4(proj4)
    return Transformer.from_crs(crs, "EPSG:4326", always_xy=True) if inverse else \
        Transformer.from_crs("EPSG:4326", crs, always_xy=True)


def write_wrfout(path: Path, hours: int = 168) -> None:
    import netCDF4

    nx, ny, dx = 94, 74, 15000.0
    cen_lon, cen_lat, truelat1, truelat2, stand_lon = 103.9, 30.1, 25.0, 40.0, 105.0
    proj4 = f"+proj=lcc +lat_1={truelat1} +lat_2={truelat2} +lat_0={cen_lat} +lon_0={stand_lon} {SPHERE}"
    x0, y0 = _transformer(proj4).transform(cen_lon, cen_lat)
    x = x0 + (np.arange(nx) - (nx - 1) / 2) * dx
    y = y0 + (np.arange(ny) - (ny - 1) / 2) * dx
    lon, lat = _transformer(proj4, inverse=True).transform(*np.meshgrid(x, y))
    start_bj = pd.Timestamp(RED.start, tz="Asia/Shanghai")
    times = pd.date_range(start_bj, periods=hours, freq="h")
    utc = times.tz_convert("UTC").tz_localize(None)
    init = pd.Timestamp("2026-12-19 00:00")  # 08:00 Beijing time on the 19th
    pm = model_field(WRF_RUN, lon, lat, times).astype(np.float32)
    tmp = path.with_name(path.name + ".tmp")
    with netCDF4.Dataset(tmp, "w", format="NETCDF4_CLASSIC") as nc:
        nc.createDimension("Time", None)
        nc.createDimension("DateStrLen", 19)
        nc.createDimension("west_east", nx)
        nc.createDimension("south_north", ny)
        nc.createDimension("bottom_top", 1)
        text = nc.createVariable("Times", "S1", ("Time", "DateStrLen"))
        text[:] = netCDF4.stringtochar(np.array([t.strftime("%Y-%m-%d_%H:%M:%S") for t in utc], dtype="S19"))
        for name, values, units, desc in (("XLAT", lat, "degree_north", "LATITUDE, SOUTH IS NEGATIVE"),
                                          ("XLONG", lon, "degree_east", "LONGITUDE, WEST IS NEGATIVE")):
            var = nc.createVariable(name, "f4", ("Time", "south_north", "west_east"), zlib=True, complevel=6,
                                    shuffle=True, least_significant_digit=3)
            var.setncatts({"FieldType": np.int32(104), "MemoryOrder": "XY ", "description": desc,
                           "units": units, "stagger": "", "coordinates": "XLONG XLAT"})
            var[:] = np.broadcast_to(values.astype(np.float32), (hours, ny, nx))
        xtime = nc.createVariable("XTIME", "f4", ("Time",))
        xtime.setncatts({"FieldType": np.int32(104), "MemoryOrder": "0  ", "description": "minutes since "
                         + init.strftime("%Y-%m-%d %H:%M:%S"), "units": "minutes since "
                         + init.strftime("%Y-%m-%d %H:%M:%S"), "stagger": ""})
        xtime[:] = ((utc - init) / pd.Timedelta(minutes=1)).to_numpy()
        var = nc.createVariable("PM2_5_DRY", "f4", ("Time", "bottom_top", "south_north", "west_east"),
                                zlib=True, complevel=6, shuffle=True,
                                least_significant_digit=0)
        var.setncatts({"FieldType": np.int32(104), "MemoryOrder": "XYZ", "description": "pm2.5 aerosol dry mass",
                       "units": "ug m^-3", "stagger": "", "coordinates": "XLONG XLAT XTIME"})
        var[:] = pm[:, None]
        nc.setncatts({
            "TITLE": " OUTPUT FROM WRF V4.4 MODEL", "START_DATE": init.strftime("%Y-%m-%d_%H:%M:%S"),
            "SIMULATION_START_DATE": init.strftime("%Y-%m-%d_%H:%M:%S"),
            "WEST-EAST_GRID_DIMENSION": np.int32(nx + 1), "SOUTH-NORTH_GRID_DIMENSION": np.int32(ny + 1),
            "BOTTOM-TOP_GRID_DIMENSION": np.int32(2), "DX": np.float32(dx), "DY": np.float32(dx),
            "GRIDTYPE": "C", "CHEM_OPT": np.int32(202), "CEN_LAT": np.float32(cen_lat),
            "CEN_LON": np.float32(cen_lon), "TRUELAT1": np.float32(truelat1), "TRUELAT2": np.float32(truelat2),
            "MOAD_CEN_LAT": np.float32(cen_lat), "STAND_LON": np.float32(stand_lon), "POLE_LAT": np.float32(90),
            "POLE_LON": np.float32(0), "MAP_PROJ": np.int32(1), "MAP_PROJ_CHAR": "Lambert Conformal",
            "GMT": np.float32(0), "JULYR": np.int32(init.year), "JULDAY": np.int32(init.day_of_year),
            "history": "HazeDesk sample (synthetic), tools/make_consult_samples.py"})
    tmp.replace(path)


def _padded(text: str, width: int) -> str:
    return text.ljust(width)[:width]


def _yyyyddd(t: pd.Timestamp) -> int:
    return t.year * 1000 + t.day_of_year


def write_ioapi(path: Path, hours: int = 72) -> None:
    import netCDF4

    p_alp, p_bet, p_gam, xcent, ycent, cell = 25.0, 40.0, 110.0, 110.0, 34.0, 36000.0
    proj4 = f"+proj=lcc +lat_1={p_alp} +lat_2={p_bet} +lat_0={ycent} +lon_0={p_gam} {SPHERE}"
    forward = _transformer(proj4)
    corners = [forward.transform(lo, la) for lo in np.linspace(96.5, 111.0, 30) for la in (25.5, 34.8)]
    xs, ys = np.array(corners).T
    xorig, yorig = np.floor(xs.min() / cell) * cell, np.floor(ys.min() / cell) * cell
    ncols, nrows = int(np.ceil((xs.max() - xorig) / cell)), int(np.ceil((ys.max() - yorig) / cell))
    xc, yc = xorig + (np.arange(ncols) + 0.5) * cell, yorig + (np.arange(nrows) + 0.5) * cell
    lon, lat = _transformer(proj4, inverse=True).transform(*np.meshgrid(xc, yc))
    start_bj = pd.Timestamp(RED.start, tz="Asia/Shanghai") + pd.Timedelta(hours=24)
    times = pd.date_range(start_bj, periods=hours, freq="h")
    utc = times.tz_convert("UTC").tz_localize(None)
    created = pd.Timestamp("2026-12-20 02:30")  # 10:30 Beijing time on the 20th
    pm = model_field(CMAQ_RUN, lon, lat, times)
    names = list(CMAQ_SPECIES)
    tmp = path.with_name(path.name + ".tmp")
    with netCDF4.Dataset(tmp, "w", format="NETCDF3_64BIT_OFFSET") as nc:
        nc.createDimension("TSTEP", None)
        nc.createDimension("DATE-TIME", 2)
        nc.createDimension("LAY", 1)
        nc.createDimension("VAR", len(names))
        nc.createDimension("ROW", nrows)
        nc.createDimension("COL", ncols)
        flag = nc.createVariable("TFLAG", "i4", ("TSTEP", "VAR", "DATE-TIME"))
        flag.setncatts({"units": _padded("<YYYYDDD,HHMMSS>", 16), "long_name": _padded("TFLAG", 16),
                        "var_desc": _padded("Timestep-valid flags:  (1) YYYYDDD or (2) HHMMSS", 80)})
        stamps = np.array([[_yyyyddd(t), t.hour * 10000] for t in utc], dtype=np.int32)
        flag[:] = np.broadcast_to(stamps[:, None, :], (hours, len(names), 2))
        for name, share in CMAQ_SPECIES.items():
            var = nc.createVariable(name, "f4", ("TSTEP", "LAY", "ROW", "COL"))
            var.setncatts({"long_name": _padded(name, 16), "units": _padded("ug m-3", 16),
                           "var_desc": _padded(f"{name} aerosol mass (synthetic share {share:.2f})", 80)})
            var[:] = (pm * share).astype(np.float32)[:, None]
        first = utc[0]
        nc.setncatts({
            "IOAPI_VERSION": _padded("ioapi-3.2: HazeDesk sample", 80), "EXEC_ID": _padded("????????????????", 80),
            "FTYPE": np.int32(1), "CDATE": np.int32(_yyyyddd(created)), "CTIME": np.int32(created.hour * 10000
                                                                                           + created.minute * 100),
            "WDATE": np.int32(_yyyyddd(created)), "WTIME": np.int32(created.hour * 10000 + created.minute * 100),
            "SDATE": np.int32(_yyyyddd(first)), "STIME": np.int32(first.hour * 10000), "TSTEP": np.int32(10000),
            "NTHIK": np.int32(1), "NCOLS": np.int32(ncols), "NROWS": np.int32(nrows), "NLAYS": np.int32(1),
            "NVARS": np.int32(len(names)), "GDTYP": np.int32(2), "P_ALP": np.float64(p_alp),
            "P_BET": np.float64(p_bet), "P_GAM": np.float64(p_gam), "XCENT": np.float64(xcent),
            "YCENT": np.float64(ycent), "XORIG": np.float64(xorig), "YORIG": np.float64(yorig),
            "XCELL": np.float64(cell), "YCELL": np.float64(cell), "VGTYP": np.int32(7),
            "VGTOP": np.float32(5000.0), "VGLVLS": np.array([1.0, 0.995], dtype=np.float32),
            "GDNAM": _padded("CN36_SC", 16), "UPNAM": _padded("CCTM", 16),
            "VAR-LIST": "".join(_padded(n, 16) for n in names),
            "FILEDESC": _padded("HazeDesk sample (synthetic) CMAQ CCTM concentrations, "
                                "tools/make_consult_samples.py", 80),
            "HISTORY": ""})
    tmp.replace(path)


def write_tables(out: Path) -> None:
    centroids = ms.read_centroids()
    sichuan = centroids["adcode"].str.startswith("51")
    sc = replace(RED, seed=RED.seed + 11, envelope=tuple((h, k * 1.05) for h, k in RED.envelope),
                 issued_at="2026-12-19 16:00")
    times, fields = ms.generate(sc, centroids)
    text = ms.to_daily_range_csv(sc, centroids[sichuan].reset_index(drop=True), times,
                                 {k: v[sichuan.to_numpy()] for k, v in fields.items()})
    lines = text.splitlines(keepends=True)
    header = [line for line in lines if line.startswith("#")]
    body = [line for line in lines if not line.startswith("#")]
    producer = "# producer: 四川省站\n"
    write_text_atomic(out / "consult-sichuan-daily-range.csv",
                      "".join([*(h for h in header if not h.startswith("# producer")), producer, *body]))
    cq = replace(RED, seed=RED.seed + 23, envelope=tuple((h, k * 0.9) for h, k in RED.envelope),
                 issued_at="2026-12-19 15:00")
    times, fields = ms.generate(cq, centroids)
    chongqing = ~sichuan.to_numpy()
    text = ms.to_long_csv(cq, centroids[chongqing].reset_index(drop=True), times,
                          {k: v[chongqing] for k, v in fields.items()})
    text = text.replace("# producer: HazeDesk sample generator", "# producer: 重庆市站")
    write_bytes_atomic(out / "consult-chongqing.csv", text.encode("utf-8"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=SAMPLES_DIR)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    write_wrfout(args.out / WRF_FILE)
    write_ioapi(args.out / CMAQ_FILE)
    write_tables(args.out)
    for name in (WRF_FILE, CMAQ_FILE, "consult-sichuan-daily-range.csv", "consult-chongqing.csv"):
        print(f"{name}: {(args.out / name).stat().st_size / 1024:.0f} KiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
