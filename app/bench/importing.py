"""Forecast-import benchmarks: a 59-unit × 240-h long CSV, the same as an XLSX with Chinese headers, and a 3 km
grid (600 × 500 cells × 168 h, NetCDF-4) to unit means with peak memory. Inputs are generated in a temp dir.

Baselines, measured in the same run: ``pandas.read_csv`` / ``pandas.read_excel`` of the same file (parsing
only — no names, times, checks), and for the grid reading the whole variable with xarray (I/O only).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

from app.bench import figure, timed

UNITS_HOURS = (59, 240)
GRID = (168, 500, 600)  # time, lat, lon: ≈ 3 km over 97–110.5° E, 25.8–34.6° N


def _table(hours: int) -> pd.DataFrame:
    from app.domain.units import load_units

    names = load_units().names()
    rng = np.random.default_rng(1)
    times = pd.date_range("2026-12-01", periods=hours, freq="h").strftime("%Y-%m-%d %H:%M")
    n = len(names) * hours
    pm25 = rng.gamma(4.0, 20.0, n).round(0)
    return pd.DataFrame({
        "时间": np.tile(times, len(names)), "城市": np.repeat(names, hours), "PM2.5": pm25,
        "PM10": (pm25 * 1.35).round(0), "风速": rng.uniform(0.3, 4, n).round(1),
        "风向": rng.choice(["东北", "北", "西北", "静风"], n), "相对湿度": rng.uniform(50, 95, n).round(0),
        "边界层高度": rng.uniform(150, 1200, n).round(-1),
    })


def bench_long_csv() -> list[dict]:
    from app.importing import load_forecast

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "forecast.csv"
        _table(UNITS_HOURS[1]).to_csv(path, index=False, encoding="gbk")
        value, _ = timed(lambda: load_forecast(path), repeat=7)
        base, _ = timed(lambda: pd.read_csv(path, encoding="gbk"), repeat=7)
        return [figure("importing.long_csv_59x240", value, "s", 0.3,
                       baseline=("pandas.read_csv (parse only)", base),
                       notes=f"GBK, 8 columns incl. met, {path.stat().st_size // 1024} KB; full load: "
                             "encoding detection, names, times, grid, checks")]


def bench_xlsx() -> list[dict]:
    from app.importing import load_forecast

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "forecast.xlsx"
        frame = _table(UNITS_HOURS[1])
        frame["时间"] = pd.to_datetime(frame["时间"])
        frame.to_excel(path, index=False, sheet_name="预报")
        value, _ = timed(lambda: load_forecast(path), repeat=5)
        base, _ = timed(lambda: pd.read_excel(path), repeat=2, warmup=0)
        return [figure("importing.xlsx_59x240", value, "s", 1.5,
                       baseline=("pandas.read_excel/openpyxl (parse only)", base),
                       notes=f"Chinese headers, datetime cells, {path.stat().st_size // 1024} KB; sheet XML "
                             "streamed with lxml")]


_GRID_CHILD = """
import json, resource, sys, time
import app.importing.grid, maps.boundaries, xarray, netCDF4, scipy.sparse
from app.importing import load_forecast
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t0 = time.perf_counter()
fc = load_forecast(sys.argv[1])
elapsed = time.perf_counter() - t0
print(json.dumps({"s": elapsed, "rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  "imports_kb": before, "units": len(fc.units), "steps": len(fc.times)}))
"""


def _write_grid(path: Path) -> None:
    import xarray as xr

    nt, ny, nx = GRID
    lat = np.linspace(25.8, 34.6, ny)
    lon = np.linspace(97.0, 110.5, nx)
    yy, xx = np.meshgrid(lat, lon, indexing="ij")
    base = (60 + 40 * np.exp(-((xx - 105) ** 2 + (yy - 30) ** 2) / 4)).astype(np.float32)
    hours = np.arange(nt)
    data = base[None] * (1 + 0.2 * np.sin(2 * np.pi * hours / 24))[:, None, None].astype(np.float32)
    ds = xr.Dataset({"PM25": (("time", "lat", "lon"), data, {"units": "ug m-3"})},
                    coords={"time": pd.date_range("2026-12-01", periods=nt, freq="h"), "lat": lat, "lon": lon})
    ds.to_netcdf(path, engine="netcdf4")


def bench_grid() -> list[dict]:
    import xarray as xr

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "grid.nc"
        _write_grid(path)
        runs = [_child(_GRID_CHILD, path) for _ in range(3)]
        value = float(np.median([r["s"] for r in runs]))
        peak_mb = max(r["rss_kb"] for r in runs) / 1024

        def read_all():
            with xr.open_dataset(path, engine="netcdf4") as ds:
                return ds["PM25"].values

        base, _ = timed(read_all, repeat=3)
        size_mb = path.stat().st_size / 2**20
        return [
            figure("importing.grid_3km_600x500x168", value, "s", 5.0,
                   baseline=("xarray read of the whole variable (I/O only)", base),
                   notes=f"{size_mb:.0f} MB NetCDF-4; cold (fresh process: exact overlap weights for 59 units, "
                         f"then one sparse matmul per 24 steps); {runs[0]['units']} units × {runs[0]['steps']} h"),
            figure("importing.grid_3km_peak_rss", peak_mb, "MB", 2048.0,
                   notes=f"peak resident memory of the loading process (max of 3 runs); of which the "
                         f"imports (numpy, pandas, xarray, netCDF4, geopandas, shapely) "
                         f"{max(r['imports_kb'] for r in runs) / 1024:.0f} MB"),
        ]


def _child(code: str, path: Path) -> dict:
    if getattr(sys, "frozen", False):  # the bundle's sys.executable is hazedesk itself, not a Python interpreter
        raise RuntimeError("this benchmark runs Python code in a child process; run it from the source tree")
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, "-c", code, str(path)], cwd=root, capture_output=True, text=True,
                            check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


BENCHES = [
    ("importing.long_csv", bench_long_csv),
    ("importing.xlsx", bench_xlsx),
    ("importing.grid", bench_grid),
]
