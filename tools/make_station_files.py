"""Generate synthetic station files of the national monitoring network (``data/samples/stations-*/``).

    .venv/bin/python tools/make_station_files.py

The national network publishes one CSV per hour, one row per station, with the header
``timepoint,stationcode,longitude,latitude,area,positionname,primarypollutant,aqi,pm10,pm10_24h,pm2_5,pm2_5_24h,
o3,o3_24h,o3_8h,o3_8h_24h,no2,no2_24h,so2,so2_24h,co,co_24h``; ``area`` is the city (重庆市 for every Chongqing
district). This writes such files for the four days before the orange sample forecast's first hour
(2026-01-06 00:00 → 01-09 23:00; the forecast starts 01-10 00:00), so that the observed part spliced before it
matters: an episode over the southern basin and Chongqing, daily AQI above 150 from 01-07 (a regional yellow in
盆地中部 and 盆地南部 in the observed part), clearing on the evening of 01-09 as a weak front passes.

**Everything here is synthetic**: station codes, names and positions are made up (positions drawn inside each
unit's polygon, near its centroid: several stations per Sichuan city, one to three in each Chongqing district),
and the values come from the sample model (``tools/make_samples.py``) with a per-station factor and noise. Also
in the files, as in real ones: two background stations (``…（对照点）``), a few stations of neighbouring
provinces (a national file holds all of China), one station with a 12-hour gap (empty cells) and one hour
where a station reports ``—``.
"""

from __future__ import annotations

import argparse
import io
import sys
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app.atomic import write_bytes_atomic  # noqa: E402
from app.paths import SAMPLES_DIR  # noqa: E402
from tools.make_samples import SCENARIOS, pm25_field, read_centroids  # noqa: E402

HEADER = ("timepoint,stationcode,longitude,latitude,area,positionname,primarypollutant,aqi,pm10,pm10_24h,pm2_5,"
          "pm2_5_24h,o3,o3_24h,o3_8h,o3_8h_24h,no2,no2_24h,so2,so2_24h,co,co_24h")
OUT_DIR = "stations-regional-orange"
SEED = 20260106
PLACES = ("市监测站", "高新区", "经开区", "市政府", "文化宫", "师范学院", "污水处理厂", "火车站", "体育中心",
          "新区管委会", "人民公园", "工业园区", "图书馆", "环保局", "技术学院")
# stations per Sichuan city (what the network has, roughly); Chongqing districts: 3 in the central urban area
SICHUAN_COUNTS = {"成都市": 10, "自贡市": 4, "攀枝花市": 5, "泸州市": 4, "德阳市": 4, "绵阳市": 4, "广元市": 4,
                  "遂宁市": 3, "内江市": 3, "乐山市": 4, "南充市": 5, "眉山市": 3, "宜宾市": 4, "广安市": 3,
                  "达州市": 4, "雅安市": 3, "巴中市": 3, "资阳市": 3, "阿坝藏族羌族自治州": 1,
                  "甘孜藏族自治州": 1, "凉山彝族自治州": 3}
CENTRAL_CHONGQING = {"渝中区", "大渡口区", "江北区", "沙坪坝区", "九龙坡区", "南岸区", "北碚区", "渝北区", "巴南区"}
BACKGROUND = (("成都市", "灵岩寺（对照点）", 103.62, 31.02), ("重庆市", "缙云山(对照点)", 106.38, 29.84))
OTHER_PROVINCES = (("遵义市", "丁字口", 106.93, 27.70), ("昭通市", "环境监测站", 103.72, 27.34),
                   ("汉中市", "市环保局", 107.03, 33.07), ("恩施土家族苗族自治州", "州环境监测站", 109.48, 30.29))


@dataclass(frozen=True)
class Station:
    code: str
    lon: float
    lat: float
    area: str
    name: str
    unit: str | None  # the unit it was placed in (None: background or another province)
    factor: float  # its values are the unit's × this


def place_stations(centroids: pd.DataFrame, rng: np.random.Generator) -> list[Station]:
    """Made-up stations inside each unit's polygon, near its centroid, numbered like the network's codes."""
    from app.domain.units import load_units
    from app.importing.station_place import locate
    from maps.lonlat_rings import unit_rings

    units, rings = load_units(), unit_rings()
    names = list(centroids["name"])
    stations: list[Station] = []
    code = 1001
    for name, lon0, lat0 in zip(names, centroids["lon"], centroids["lat"]):
        unit = units.by_name[name]
        n = SICHUAN_COUNTS.get(name) or (3 if name in CENTRAL_CHONGQING else 1 + int(rng.random() < 0.4))
        edges = rings.edges(name)
        lo, hi = edges[:, :2].min(axis=0), edges[:, :2].max(axis=0)
        candidates = rng.uniform(lo, hi, size=(4000, 2))
        inside = candidates[locate(candidates[:, 0], candidates[:, 1], [name]) == 0]
        nearest = inside[np.argsort(np.hypot(inside[:, 0] - lon0, inside[:, 1] - lat0))[: max(4 * n, 8)]]
        chosen = nearest[rng.choice(len(nearest), size=n, replace=False)]
        area = "重庆市" if unit.province == "重庆市" else name
        for k, (lon, lat) in enumerate(chosen):
            place = PLACES[k % len(PLACES)] if unit.province != "重庆市" else f"{unit.short_name}{PLACES[k]}"
            stations.append(Station(f"{code}A", round(float(lon), 4), round(float(lat), 4), area, place, name,
                                    float(rng.lognormal(0.0, 0.10))))
            code += 1
    for area, place, lon, lat in (*BACKGROUND, *OTHER_PROVINCES):
        factor = 0.45 if place.endswith(("（对照点）", "(对照点)")) else 0.8
        stations.append(Station(f"{code}A", lon, lat, area, place, None, factor))
        code += 1
    return stations


def station_values(stations: list[Station], unit_pm25: np.ndarray, names: list[str],
                   rng: np.random.Generator) -> np.ndarray:
    """Hourly PM2.5 per station: its unit's value (a nearby unit's for the others) × its factor × noise."""
    row = {n: i for i, n in enumerate(names)}
    out = np.empty((len(stations), unit_pm25.shape[1]))
    for s, st in enumerate(stations):
        base = unit_pm25[row[st.unit]] if st.unit else unit_pm25[row["成都市" if st.area == "成都市" else
                                                                      "渝中区" if st.area == "重庆市" else "宜宾市"]]
        out[s] = base * st.factor * np.exp(rng.normal(0, 0.08, base.shape))
    return np.maximum(out.round(0), 1.0)


def _trailing(values: np.ndarray, width: int) -> np.ndarray:
    frame = pd.DataFrame(values.T)
    return frame.rolling(width, min_periods=1).mean().to_numpy().T


def hour_file(t: pd.Timestamp, j: int, stations: list[Station], pm25: np.ndarray, gaps: np.ndarray,
              extra: dict[str, np.ndarray]) -> str:
    """One hour's CSV: every station's row (blank cells where it reported nothing)."""
    from app.domain.aqi import compute_aqi, load_edition

    out = io.StringIO()
    out.write(HEADER + "\n")
    edition = load_edition("2012")
    aqi = compute_aqi(edition, {"pm25": pm25[:, j], "pm10": extra["pm10"][:, j]}, "hourly").aqi
    for s, st in enumerate(stations):
        if gaps[s, j]:
            cells = [""] * 16
            if gaps[s, j] == 2:
                cells[4] = "—"
        else:
            primary = "PM2.5" if aqi[s] > 50 else "—"
            cells = [primary, f"{aqi[s]:.0f}", f"{extra['pm10'][s, j]:.0f}", f"{extra['pm10_24h'][s, j]:.0f}",
                     f"{pm25[s, j]:.0f}", f"{extra['pm25_24h'][s, j]:.0f}", f"{extra['o3'][s, j]:.0f}",
                     f"{extra['o3_24h'][s, j]:.0f}", f"{extra['o3_8h'][s, j]:.0f}", f"{extra['o3_8h'][s, j]:.0f}",
                     f"{extra['no2'][s, j]:.0f}", f"{extra['no2_24h'][s, j]:.0f}", f"{extra['so2'][s, j]:.0f}",
                     f"{extra['so2'][s, j]:.0f}", f"{extra['co'][s, j]:.2f}", f"{extra['co'][s, j]:.2f}"]
        out.write(",".join([f"{t:%Y-%m-%d %H:%M:%S}", st.code, f"{st.lon:.4f}", f"{st.lat:.4f}", st.area, st.name,
                            *cells]) + "\n")
    return out.getvalue()


def write_station_files(out: Path, times: pd.DatetimeIndex, stations: list[Station], pm25: np.ndarray,
                        rng: np.random.Generator, gap_station: int | None = None) -> int:
    """One UTF-8 (with BOM, as Excel saves it) CSV per hour into ``out``; returns the bytes written."""
    n = len(stations)
    pm10 = (pm25 * rng.uniform(1.25, 1.5, (n, 1))).round(0)
    hours = np.asarray(times.hour)
    o3 = np.clip(12 + 30 * np.exp(-0.5 * ((hours - 15) / 3.0) ** 2)[None, :] + rng.normal(0, 4, pm25.shape), 2, None)
    extra = {"pm10": pm10, "pm10_24h": _trailing(pm10, 24), "pm25_24h": _trailing(pm25, 24), "o3": o3,
             "o3_24h": _trailing(o3, 24), "o3_8h": _trailing(o3, 8),
             "no2": np.clip(pm25 * 0.35 + rng.normal(0, 5, pm25.shape), 5, None),
             "so2": np.clip(6 + rng.normal(0, 2, pm25.shape), 2, None),
             "co": np.clip(0.5 + pm25 / 250 + rng.normal(0, 0.05, pm25.shape), 0.2, None)}
    extra["no2_24h"] = _trailing(extra["no2"], 24)
    gaps = np.zeros(pm25.shape, dtype=np.int8)
    if gap_station is not None:
        gaps[gap_station, 30:42] = 1  # a 12-hour outage: empty cells
        gaps[gap_station + 1, 50] = 2  # one hour reported as —
    out.mkdir(parents=True, exist_ok=True)
    size = 0
    for j, t in enumerate(times):
        data = b"\xef\xbb\xbf" + hour_file(t, j, stations, pm25, gaps, extra).encode("utf-8")
        write_bytes_atomic(out / f"station_{t:%Y%m%d%H}.csv", data)
        size += len(data)
    return size


def observed_before_orange(centroids: pd.DataFrame) -> tuple[pd.DatetimeIndex, np.ndarray]:
    """The unit values of the 96 hours before the orange sample: an episode over the south and Chongqing."""
    base = SCENARIOS[0]
    truth = replace(base, start="2026-01-06 00:00", seed=SEED, centre=(105.6, 29.4), radius_km=260.0,
                    envelope=((0, 0.15), (20, 0.5), (44, 1.45), (70, 1.8), (84, 1.5), (95, 0.35), (167, 0.3)))
    rng = np.random.default_rng(SEED)
    lon, lat = centroids["lon"].to_numpy(), centroids["lat"].to_numpy()
    return pd.date_range(truth.start, periods=96, freq="h"), pm25_field(truth, lon, lat, rng)[:, :96]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=SAMPLES_DIR / OUT_DIR)
    args = parser.parse_args(argv)
    centroids = read_centroids()
    rng = np.random.default_rng(SEED + 1)
    stations = place_stations(centroids, rng)
    times, unit_pm25 = observed_before_orange(centroids)
    pm25 = station_values(stations, unit_pm25, list(centroids["name"]), rng)
    gap = next(i for i, s in enumerate(stations) if s.unit == "遂宁市")
    for old in args.out.glob("station_*.csv") if args.out.exists() else ():
        old.unlink()
    size = write_station_files(args.out, times, stations, pm25, rng, gap_station=gap)
    print(f"{args.out}: {len(times)} hourly files, {len(stations)} stations, {size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
