"""Generate the sample forecasts in ``data/samples/`` (synthetic, seeded, reproducible).

    .venv/bin/python tools/make_samples.py            # all samples, from data/samples/unit-centroids.csv
    .venv/bin/python tools/make_samples.py --centroids # first recompute the centroids from the boundaries

Model (per scenario), for unit i at hour t (Beijing time)::

    pm25[i, t] = background · basin[i] · (1 + episode(t) · blob_i(t)) · diurnal(hour) · exp(noise[i, t])

- ``basin[i]``: a smooth function of the unit centroid — high on the Sichuan basin floor, low on the western
  plateau (阿坝/甘孜) and in the south-west mountains (攀枝花/凉山), moderate in the mountains of east Chongqing;
- ``episode(t)``: the scenario's build-up / peak / clean-up envelope (a cold front ends it);
- ``blob_i(t)``: a Gaussian in space over the scenario's centre (e.g. the Chengdu plain), so neighbours move
  together (spatial coherence);
- ``diurnal``: night and morning maxima (shallow boundary layer), afternoon minimum;
- ``noise``: a spatially correlated field (exponential covariance, 150 km) evolving as AR(1) in time.
Meteorological columns follow the same envelope (weak wind, high humidity, low boundary layer, night-time
inversions during the episode; rain and stronger northerly wind with the front).

Besides the three long CSV tables, the same scenarios are written in the other input formats the importer
takes (see data/samples/README.md): an Excel workbook with Chinese headers, a GBK CSV with Chinese headers,
a daily AQI range table, and a small NetCDF grid (the same model evaluated on a 0.25° grid, times in UTC).
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app.atomic import write_bytes_atomic, write_text_atomic  # noqa: E402
from app.paths import SAMPLES_DIR  # noqa: E402

CENTROIDS = SAMPLES_DIR / "unit-centroids.csv"
HOURS = 168
MET_HEADER = ("wind_speed", "wind_dir", "rh", "blh", "precip", "inversion")


@dataclass(frozen=True)
class Scenario:
    file: str
    title: str
    start: str  # first hour, Beijing time
    issued_at: str
    seed: int
    background: float  # µg/m³ on the basin floor outside the episode
    centre: tuple[float, float]  # lon, lat of the episode's core
    radius_km: float
    envelope: tuple[tuple[float, float], ...]  # (hour, episode strength) knots, linear in between
    front_hour: int | None  # hour the cold front arrives (rain, northerly wind)
    with_met: bool = True


SCENARIOS = (
    Scenario("sample-regional-orange.csv", "basin-wide build-up to a regional orange (HJ 633-2012 era)",
             "2026-01-10 00:00", "2026-01-09 10:00", 20260110, 52.0, (105.4, 29.9), 330.0,
             ((0, 0.0), (30, 0.35), (60, 1.15), (96, 1.65), (124, 1.7), (140, 1.5), (150, 0.2), (167, 0.0)),
             front_hour=146),
    Scenario("sample-red-plain-south.csv", "red episode over the Chengdu plain and the south (2026 edition)",
             "2026-12-20 00:00", "2026-12-19 10:00", 20261220, 60.0, (104.3, 29.7), 210.0,
             ((0, 0.1), (24, 0.9), (48, 2.2), (72, 3.4), (96, 4.5), (110, 4.6), (126, 3.2), (140, 0.6),
              (167, 0.2)), front_hour=136),
    Scenario("sample-clean-week.csv", "a clean week: ventilated, rain, no warning",
             "2026-11-02 00:00", "2026-11-01 10:00", 20261102, 34.0, (105.5, 30.0), 300.0,
             ((0, 0.1), (60, 0.35), (90, 0.2), (167, 0.05)), front_hour=None, with_met=False),
)


def read_centroids(path: Path = CENTROIDS) -> pd.DataFrame:
    return pd.read_csv(path, dtype={"adcode": str})


def compute_centroids() -> pd.DataFrame:
    """Area centroids of the unit polygons (computed in the metric basin projection, stored as lon/lat)."""
    import geopandas as gpd

    from maps.boundaries import load_boundaries
    from maps.projection import WGS84

    bounds = load_boundaries()
    points = gpd.GeoSeries(bounds.projected.geometry.centroid, crs=bounds.projected.crs).to_crs(WGS84)
    return pd.DataFrame({"adcode": bounds.gdf["adcode"].astype(str).values, "name": bounds.names,
                         "lon": points.x.round(4).values, "lat": points.y.round(4).values})


def _distance_km(lon, lat, lon0, lat0):
    kx = 111.32 * np.cos(np.radians(30.0))
    return np.hypot((np.asarray(lon) - lon0) * kx, (np.asarray(lat) - lat0) * 110.57)


def basin_factor(lon, lat) -> np.ndarray:
    """1 on the basin floor, ~0.3 on the plateau and in the SW mountains, ~0.6 in the east-Chongqing hills."""
    lon, lat = np.asarray(lon, float), np.asarray(lat, float)
    plateau = 1.0 / (1.0 + np.exp((103.0 - lon) / 0.25))  # west of ~103° E: the plateau
    south_west = 1.0 / (1.0 + np.exp((27.9 - lat) / 0.25)) + (lon > 103.2)  # 攀枝花/凉山
    east_hills = 1.0 - 0.4 / (1.0 + np.exp((107.9 - lon) / 0.25))  # east of ~108° E: the Wu mountains
    return (0.3 + 0.7 * plateau * np.clip(south_west, 0, 1)) * east_hills


def envelope(s: Scenario) -> np.ndarray:
    knots = np.array(s.envelope)
    return np.interp(np.arange(HOURS), knots[:, 0], knots[:, 1])


def diurnal(hours: np.ndarray) -> np.ndarray:
    """Night maximum (~23:00), a smaller morning rush peak (~09:00), afternoon minimum."""
    return 1.0 + 0.16 * np.cos(2 * np.pi * (hours - 23) / 24) + 0.06 * np.cos(4 * np.pi * (hours - 9) / 24)


def correlated_noise(lon, lat, rng: np.random.Generator, sd=0.10, length_km=150.0, phi=0.93,
                     hours: int = HOURS, after: np.ndarray | None = None) -> np.ndarray:
    """Log-noise (units × hours): AR(1) in time, correlated in space; ``after``: continue from that last column
    of an earlier run (else a fresh start)."""
    n = len(lon)
    d = _distance_km(lon[:, None], lat[:, None], lon[None, :], lat[None, :])
    chol = np.linalg.cholesky(np.exp(-d / length_km) + 1e-9 * np.eye(n))
    out = np.empty((n, hours))
    state = chol @ rng.standard_normal(n) if after is None else after / sd
    for t in range(hours):
        state = phi * state + np.sqrt(1 - phi**2) * (chol @ rng.standard_normal(n))
        out[:, t] = sd * state
    return out


def pm25_field(s: Scenario, lon, lat, rng) -> np.ndarray:
    hours = (pd.Timestamp(s.start).hour + np.arange(HOURS)) % 24
    blob = np.exp(-0.5 * (_distance_km(lon, lat, *s.centre) / s.radius_km) ** 2)
    strength = envelope(s)[None, :] * blob[:, None]
    field = s.background * basin_factor(lon, lat)[:, None] * (1 + strength) * diurnal(hours)[None, :]
    return field * np.exp(correlated_noise(lon, lat, rng))


def met_fields(s: Scenario, n_units: int, rng) -> dict[str, np.ndarray]:
    t = np.arange(HOURS)
    hours = (pd.Timestamp(s.start).hour + t) % 24
    calm = np.clip(envelope(s) / max(k for _, k in s.envelope), 0, 1)  # 1 = most stagnant
    night = ((hours >= 20) | (hours <= 8)).astype(float)
    front = np.zeros(HOURS) if s.front_hour is None else (t >= s.front_hour).astype(float)
    jitter = rng.normal(0, 1, (n_units, HOURS))
    wind = np.clip((2.6 - 1.8 * calm + 2.2 * front)[None, :] + 0.35 * jitter, 0.2, None)
    direction = np.where(front[None, :] > 0, 10.0, 45.0 + 40 * np.sin(t / 9.0)[None, :]) + 15 * jitter
    rh = np.clip((68 + 16 * calm + 10 * night + 12 * front)[None, :] + 3 * jitter, 30, 100)
    blh = np.clip((900 - 550 * calm - 450 * night * (0.4 + 0.6 * calm))[None, :] * (1 + 0.08 * jitter), 80, None)
    rain_hours = front * (t < (s.front_hour or 0) + 10)
    precip = np.clip(rain_hours[None, :] * (1.2 + 0.6 * jitter), 0, None)
    inversion = ((night * calm > 0.45)[None, :] & (jitter > -1.2)).astype(float)
    return {"wind_speed": wind.round(1), "wind_dir": (direction % 360).round(0), "rh": rh.round(0),
            "blh": blh.round(-1), "precip": precip.round(1), "inversion": inversion}


def generate(s: Scenario, centroids: pd.DataFrame) -> tuple[pd.DatetimeIndex, dict[str, np.ndarray]]:
    rng = np.random.default_rng(s.seed)
    lon, lat = centroids["lon"].to_numpy(), centroids["lat"].to_numpy()
    pm25 = pm25_field(s, lon, lat, rng)
    fields = {"pm25": pm25.round(0),
              "pm10": (pm25 * rng.uniform(1.25, 1.45, pm25.shape[0])[:, None]).round(0)}
    if s.with_met:
        fields.update(met_fields(s, len(lon), rng))
    times = pd.date_range(s.start, periods=HOURS, freq="h")
    return times, fields


def to_long_csv(s: Scenario, centroids: pd.DataFrame, times, fields) -> str:
    out = io.StringIO()
    out.write(f"# HazeDesk sample forecast (synthetic): {s.title}\n")
    out.write(f"# generated by tools/make_samples.py, seed {s.seed}; times are Beijing time\n")
    out.write("# producer: HazeDesk sample generator\n")
    out.write(f"# issued_at: {s.issued_at}\n")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["time", "city", *fields])
    stamps = times.strftime("%Y-%m-%d %H:%M")
    for i, name in enumerate(centroids["name"]):
        for t, stamp in enumerate(stamps):
            writer.writerow([stamp, name, *(_cell(fields[f][i, t]) for f in fields)])
    return out.getvalue()


def _cell(value: float) -> str:
    return f"{value:g}"


ZH_HEADERS = {"pm25": "PM2.5(μg/m3)", "pm10": "PM10(μg/m3)", "wind_speed": "风速(m/s)", "wind_dir": "风向",
              "rh": "相对湿度(%)", "blh": "边界层高度(m)", "precip": "降水(mm)", "inversion": "逆温"}
COMPASS_ZH = ("北", "东北", "东", "东南", "南", "西南", "西", "西北")


def to_gbk_csv(s: Scenario, centroids: pd.DataFrame, times, fields) -> bytes:
    """The way a city station's Excel saves it: GBK, Chinese headers, short names, 发布时间 line."""
    out = io.StringIO()
    out.write(f"发布时间：{s.issued_at}\n")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["时间", "城市", *(ZH_HEADERS[f] for f in fields)])
    stamps = times.strftime("%Y/%m/%d %H:%M")
    shorts = _short_names(centroids)
    for i in range(len(centroids)):
        for t, stamp in enumerate(stamps):
            writer.writerow([stamp, shorts[i], *(_cell(fields[f][i, t]) for f in fields)])
    return out.getvalue().encode("gbk")


def _short_names(centroids: pd.DataFrame) -> list[str]:
    from app.domain.units import load_units

    units = load_units()
    return [units.by_name[n].short_name for n in centroids["name"]]


def to_xlsx(s: Scenario, centroids: pd.DataFrame, times, fields, path: Path) -> None:
    """A workbook as the regional centre sends it: title row, 发布时间 row, Chinese headers, date cells,
    compass wind directions in Chinese."""
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("城市逐时预报")
    sheet.append([f"川渝城市空气质量逐时预报（样例，{s.title}）"])
    sheet.append(["发布时间", pd.Timestamp(s.issued_at).to_pydatetime()])
    sheet.append(["预报单位", "HazeDesk 样例生成器"])
    names = [f for f in fields if f not in ("precip", "inversion")]
    sheet.append(["时间", "城市", *(ZH_HEADERS[f] for f in names)])
    stamps = times.to_pydatetime()
    for i, name in enumerate(centroids["name"]):
        for t, stamp in enumerate(stamps):
            cells = []
            for f in names:
                value = fields[f][i, t]
                cells.append(COMPASS_ZH[int(((value + 22.5) % 360) // 45)] if f == "wind_dir" else float(value))
            sheet.append([stamp, name, *cells])
    buffer = io.BytesIO()
    book.save(buffer)
    write_bytes_atomic(path, buffer.getvalue())


def to_daily_range_csv(s: Scenario, centroids: pd.DataFrame, times, fields) -> str:
    """Daily AQI ranges per city (what forecasters publish: "AQI 150–200"), from the daily PM2.5 means."""
    from app.domain.aqi import compute_aqi, load_edition

    edition = load_edition("2012" if pd.Timestamp(s.start) < pd.Timestamp("2026-03-01") else "2026")
    means = daily_means(times, fields["pm25"])
    low = compute_aqi(edition, {"pm25": means.to_numpy() * 0.85}).aqi
    high = compute_aqi(edition, {"pm25": means.to_numpy() * 1.12}).aqi
    out = io.StringIO()
    out.write(f"# HazeDesk sample (synthetic): daily AQI ranges for '{s.title}' ({edition.name})\n")
    out.write(f"# issued_at: {s.issued_at}\n")
    out.write("date,adcode,aqi_low,aqi_high\n")
    for i, code in enumerate(centroids["adcode"]):
        for d, day in enumerate(means.columns):
            lo, hi = int(np.floor(low[i, d] / 5) * 5), int(np.ceil(high[i, d] / 5) * 5)
            out.write(f"{day:%Y-%m-%d},{code},{lo},{hi}\n")
    return out.getvalue()


def to_netcdf(s: Scenario, path: Path, hours: int = 72, step_deg: float = 0.25) -> None:
    """The scenario's model on a regular 0.25° grid (PM2.5, CF, times in UTC), as a model centre would send."""
    import xarray as xr
    from scipy.ndimage import gaussian_filter

    rng = np.random.default_rng(s.seed + 1)
    lat = np.arange(25.75, 34.5 + 1e-9, step_deg)
    lon = np.arange(97.0, 110.5 + 1e-9, step_deg)
    xx, yy = np.meshgrid(lon, lat)
    start = pd.Timestamp(s.start) + pd.Timedelta(hours=48)  # the episode's core
    t = np.arange(48, 48 + hours)
    hours_of_day = (start.hour + np.arange(hours)) % 24
    blob = np.exp(-0.5 * (_distance_km(xx, yy, *s.centre) / s.radius_km) ** 2)
    base = s.background * basin_factor(xx.ravel(), yy.ravel()).reshape(xx.shape)
    noise = gaussian_filter(rng.standard_normal((hours, *xx.shape)), sigma=(3, 2.5, 2.5)) * 2.5
    data = np.stack([base * (1 + envelope(s)[k] * blob) * diurnal(hours_of_day[i]) * np.exp(0.1 * noise[i])
                     for i, k in enumerate(t)])
    utc = pd.date_range(start - pd.Timedelta(hours=8), periods=hours, freq="h")
    ds = xr.Dataset(
        {"PM25": (("time", "lat", "lon"), data.astype(np.float32),
                  {"units": "ug m-3", "long_name": "surface PM2.5 mass concentration"}),
         "forecast_reference_time": ((), pd.Timestamp(s.issued_at) - pd.Timedelta(hours=8),
                                     {"standard_name": "forecast_reference_time"})},
        coords={"time": ("time", utc, {"standard_name": "time"}),
                "lat": ("lat", lat, {"units": "degrees_north", "standard_name": "latitude"}),
                "lon": ("lon", lon, {"units": "degrees_east", "standard_name": "longitude"})},
        attrs={"title": f"HazeDesk sample grid (synthetic): {s.title}", "Conventions": "CF-1.8",
               "source": f"tools/make_samples.py, seed {s.seed + 1}"})
    encoding = {"PM25": {"zlib": True, "complevel": 4, "least_significant_digit": 1}}
    tmp = path.with_suffix(".tmp.nc")
    ds.to_netcdf(tmp, engine="netcdf4", encoding=encoding)
    tmp.replace(path)


def daily_means(times, pm25: np.ndarray) -> pd.DataFrame:
    frame = pd.DataFrame(pm25.T, index=times)
    return frame.groupby(frame.index.date).mean().T


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--centroids", action="store_true",
                        help="recompute data/samples/unit-centroids.csv from the unit boundaries first")
    parser.add_argument("--out", type=Path, default=SAMPLES_DIR)
    args = parser.parse_args(argv)
    if args.centroids:
        write_text_atomic(CENTROIDS, compute_centroids().to_csv(index=False))
    centroids = read_centroids()
    args.out.mkdir(parents=True, exist_ok=True)
    for s in SCENARIOS:
        times, fields = generate(s, centroids)
        write_bytes_atomic(args.out / s.file, to_long_csv(s, centroids, times, fields).encode("utf-8"))
        means = daily_means(times, fields["pm25"])
        print(f"{s.file}: daily PM2.5 max per day {means.max().round(0).tolist()}")
        stem = s.file.removesuffix(".csv")
        if s is SCENARIOS[0]:
            write_text_atomic(args.out / f"{stem}-daily-range.csv", to_daily_range_csv(s, centroids, times, fields))
        if s is SCENARIOS[1]:
            to_xlsx(s, centroids, times, fields, args.out / f"{stem}.xlsx")
            to_netcdf(s, args.out / f"{stem}-grid.nc")
        if s is SCENARIOS[2]:
            write_bytes_atomic(args.out / f"{stem}-gbk.csv", to_gbk_csv(s, centroids, times, fields))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
