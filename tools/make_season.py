"""Generate a synthetic winter (``data/samples/season-winter/``): daily forecasts issued day after day, with the
observations of the whole winter, for ``hazedesk replay`` and for trying the desk on a warning over its life.

    .venv/bin/python tools/make_season.py

**The truth** (what "happened"), 2025-11-28 00:00 → 2026-01-05 23:00 (39 days, HJ 633-2012 era), is the sample
model of ``tools/make_samples.py`` (basin shape, diurnal cycle, spatially correlated AR(1) noise) with three
regional episodes, each an envelope in time over a Gaussian core in space:

1. 12-04 → 12-07, centred on the Chengdu plain, reaching the central and southern basin: in the observations a
   regional yellow in 成都平原, 盆地中部 and 盆地南部 on 12-04/05;
2. 12-13 → 12-18, basin-wide, centred between 内江 and 重庆: building for a day and a half, then days above
   150 µg/m³ (AQI > 200) with the core above 250 on 12-16: red in 盆地中部 and 盆地南部, orange in 成都平原 and
   盆地东北部 (12-14 → 12-18);
3. 12-24 → 12-27, the southern basin and Chongqing: orange in 成都平原, 盆地中部 and 盆地南部 (12-24 → 12-26).

**The forecasts**: one issued at 10:00 every day from 12-01 to 12-30 (30 files), each hourly from 00:00 of its
issue day for seven days (D+0 … D+6), so each overlaps the previous by six days, as real runs do. A forecast is
the truth seen through an error that grows with lead time: each episode arrives later or earlier (up to about
±4 h per day of lead) and is stronger or weaker (about ±6 % per day of lead), and those errors drift from one
issue to the next (AR(1) across issues), so an episode moves, grows or shrinks between successive forecasts;
the weather noise is the truth's at short lead and independent at long lead.

The sample first had 24 forecasts over 33 days; the six later issues (12-25 → 12-30) and the six days of truth
they reach into (12-31 → 01-05) draw from random streams of their own (the truth's noise continued from its
state at 12-30 23:00), so every file of the first sample is unchanged and the observations only gain rows.

**The observations**: the truth, hourly, for the whole 39 days as a city table (a station outage: 南充市 without
data for 18 hours on 12-09; three missing-data zeros), and the national network's station files for the peak of
episode 2 (12-15 00:00 → 12-16 23:00, one file holding the 48 hours), made as ``tools/make_station_files.py``
makes them.

Wide tables (``time`` then one column per unit, ``# pollutant: pm25``) keep the folder small (≈ 1.5 MB).
Everything is synthetic; nothing here is real data.
"""

from __future__ import annotations

import argparse
import io
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app.atomic import write_bytes_atomic  # noqa: E402
from app.paths import SAMPLES_DIR  # noqa: E402
from tools.make_samples import _distance_km, basin_factor, correlated_noise, diurnal, read_centroids  # noqa: E402
from tools.make_station_files import HEADER, hour_file, place_stations, station_values  # noqa: E402

OUT_DIR = "season-winter"
START = pd.Timestamp("2025-11-28 00:00")
DAYS = 39  # to the last forecast's last hour
HOURS = DAYS * 24
FIRST_ISSUE = pd.Timestamp("2025-12-01")
ISSUES = 30
# the sample as it first was: 24 issues over 33 days from the main stream; what came later has streams of its own
FIRST_SAMPLE_ISSUES, FIRST_SAMPLE_HOURS = 24, 33 * 24
HORIZON = 168  # D+0 … D+6
BACKGROUND = 50.0
SEED = 20251201
STATION_HOURS = (pd.Timestamp("2025-12-15 00:00"), 48)
OUTAGE = ("南充市", pd.Timestamp("2025-12-09 06:00"), 18)


@dataclass(frozen=True)
class Episode:
    name: str
    centre: tuple[float, float]
    radius_km: float
    knots: tuple[tuple[str, float], ...]  # (time, strength), linear in between, 0 outside


EPISODES = (
    Episode("Chengdu plain", (104.1, 30.6), 190.0,
            (("2025-12-03 06:00", 0.0), ("2025-12-04 06:00", 1.7), ("2025-12-06 12:00", 2.1),
             ("2025-12-07 18:00", 1.6), ("2025-12-08 12:00", 0.0))),
    Episode("basin-wide", (105.4, 29.8), 330.0,
            (("2025-12-12 00:00", 0.0), ("2025-12-13 12:00", 1.6), ("2025-12-15 00:00", 3.0),
             ("2025-12-16 06:00", 4.6), ("2025-12-17 06:00", 3.6), ("2025-12-18 12:00", 1.6),
             ("2025-12-19 06:00", 0.0))),
    Episode("south and Chongqing", (105.8, 29.3), 230.0,
            (("2025-12-23 12:00", 0.0), ("2025-12-24 06:00", 1.9), ("2025-12-26 12:00", 2.1),
             ("2025-12-27 12:00", 1.2), ("2025-12-28 06:00", 0.0))),
)


def envelope(e: Episode, hours: np.ndarray) -> np.ndarray:
    """The episode's strength at each hour (hours since START, fractional allowed)."""
    at = np.array([(pd.Timestamp(t) - START) / pd.Timedelta(hours=1) for t, _ in e.knots])
    return np.interp(hours, at, [k for _, k in e.knots], left=0.0, right=0.0)


def blobs(lon, lat) -> np.ndarray:
    return np.array([np.exp(-0.5 * (_distance_km(lon, lat, *e.centre) / e.radius_km) ** 2) for e in EPISODES])


def field(lon, lat, hours: np.ndarray, strengths: np.ndarray, log_noise: np.ndarray) -> np.ndarray:
    """PM2.5 (units × hours) for episode strengths (episodes × hours) and a log-noise field."""
    episode = (blobs(lon, lat)[:, :, None] * strengths[:, None, :]).sum(axis=0)
    local_hour = (START.hour + hours.astype(int)) % 24
    return (BACKGROUND * basin_factor(lon, lat)[:, None] * (1 + episode) * diurnal(local_hour)[None, :]
            * np.exp(log_noise))


def truth(lon, lat, rng) -> tuple[np.ndarray, np.ndarray]:
    hours = np.arange(HOURS, dtype=float)
    noise = correlated_noise(lon, lat, rng, hours=FIRST_SAMPLE_HOURS)
    later = correlated_noise(lon, lat, np.random.default_rng(SEED + 2), hours=HOURS - FIRST_SAMPLE_HOURS,
                             after=noise[:, -1])
    noise = np.concatenate([noise, later], axis=1)
    strengths = np.array([envelope(e, hours) for e in EPISODES])
    return field(lon, lat, hours, strengths, noise), noise


def forecasts(lon, lat, truth_noise: np.ndarray, rng) -> list[tuple[pd.Timestamp, pd.Timestamp, np.ndarray]]:
    """(issued_at, first hour, PM2.5 units × 168) for each issue: the truth through a lead-dependent error."""
    out = []
    z = rng.standard_normal(len(EPISODES))  # timing error per episode, drifting across issues
    w = rng.standard_normal(len(EPISODES))  # strength error
    late = np.random.default_rng(SEED + 3)
    for k in range(ISSUES):
        draw = rng if k < FIRST_SAMPLE_ISSUES else late
        z = 0.7 * z + np.sqrt(1 - 0.7**2) * draw.standard_normal(len(EPISODES))
        w = 0.7 * w + np.sqrt(1 - 0.7**2) * draw.standard_normal(len(EPISODES))
        day = FIRST_ISSUE + pd.Timedelta(days=k)
        first = int((day - START) / pd.Timedelta(hours=1))
        hours = first + np.arange(HORIZON, dtype=float)
        lead = np.arange(HORIZON) / 24.0  # days after the forecast's first hour
        strengths = np.array([envelope(e, hours - 4.0 * lead * z[i]) * np.exp(0.06 * lead * w[i])
                              for i, e in enumerate(EPISODES)])
        rho = np.exp(-lead / 2.5)[None, :]
        own = correlated_noise(lon, lat, draw, hours=HORIZON)
        noise = rho * truth_noise[:, first:first + HORIZON] + np.sqrt(1 - rho**2) * own
        out.append((day + pd.Timedelta(hours=10), day, field(lon, lat, hours, strengths, noise)))
    return out


def wide_csv(lines: list[str], times: pd.DatetimeIndex, names: list[str], pm25: np.ndarray) -> bytes:
    out = io.StringIO()
    for line in lines:
        out.write(f"# {line}\n")
    out.write("# pollutant: pm25\n")
    out.write("time," + ",".join(names) + "\n")
    for j, t in enumerate(times):
        cells = ["" if np.isnan(v) else f"{v:.0f}" for v in pm25[:, j]]
        out.write(f"{t:%Y-%m-%d %H:%M}," + ",".join(cells) + "\n")
    return out.getvalue().encode("utf-8")


def station_file(centroids: pd.DataFrame, pm25: np.ndarray, rng) -> bytes:
    """The 48 station hours of episode 2's peak as one file (the network's format, one row per station-hour)."""
    first, n = STATION_HOURS
    at = int((first - START) / pd.Timedelta(hours=1))
    times = pd.date_range(first, periods=n, freq="h")
    stations = place_stations(centroids, rng)
    values = station_values(stations, pm25[:, at:at + n], list(centroids["name"]), rng)
    extra_rng = np.random.default_rng(SEED + 7)
    pm10 = (values * extra_rng.uniform(1.25, 1.5, (len(stations), 1))).round(0)
    extra = {"pm10": pm10, "pm10_24h": pm10, "pm25_24h": values, "o3": np.full(values.shape, 20.0),
             "o3_24h": np.full(values.shape, 20.0), "o3_8h": np.full(values.shape, 22.0),
             "no2": (values * 0.35).round(0), "no2_24h": (values * 0.35).round(0), "so2": np.full(values.shape, 7.0),
             "co": (0.5 + values / 250).round(2)}
    gaps = np.zeros(values.shape, dtype=np.int8)
    parts = [hour_file(t, j, stations, values, gaps, extra) for j, t in enumerate(times)]
    body = "".join(p.split("\n", 1)[1] for p in parts)  # one header for the whole file
    return (HEADER + "\n" + body).encode("utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=SAMPLES_DIR / OUT_DIR)
    args = parser.parse_args(argv)
    centroids = read_centroids()
    names = list(centroids["name"])
    lon, lat = centroids["lon"].to_numpy(), centroids["lat"].to_numpy()
    rng = np.random.default_rng(SEED)
    true_pm25, noise = truth(lon, lat, rng)
    args.out.mkdir(parents=True, exist_ok=True)
    for old in args.out.glob("*.csv"):
        old.unlink()
    size = 0
    for issued_at, day, pm25 in forecasts(lon, lat, noise, rng):
        times = pd.date_range(day, periods=HORIZON, freq="h")
        data = wide_csv([f"HazeDesk season sample forecast (synthetic, tools/make_season.py, seed {SEED})",
                         "producer: HazeDesk sample generator", f"issued_at: {issued_at:%Y-%m-%d %H:%M}"],
                        times, names, pm25.round(0))
        write_bytes_atomic(args.out / f"forecast-{day:%Y-%m-%d}.csv", data)
        size += len(data)
    observed = true_pm25.round(0)
    unit, first, n = OUTAGE
    at = int((first - START) / pd.Timedelta(hours=1))
    observed[names.index(unit), at:at + n] = np.nan
    shape = (len(names), FIRST_SAMPLE_HOURS)  # in the first sample's 33 days, where they were
    observed[np.unravel_index(rng.choice(shape[0] * shape[1], size=3, replace=False), shape)] = 0.0
    times = pd.date_range(START, periods=HOURS, freq="h")
    data = wide_csv(["synthetic observations of the season sample (tools/make_season.py): not real data"],
                    times, names, observed)
    write_bytes_atomic(args.out / "observed-hourly.csv", data)
    size += len(data)
    data = station_file(centroids, true_pm25, np.random.default_rng(SEED + 1))
    write_bytes_atomic(args.out / f"stations-{STATION_HOURS[0]:%Y-%m-%d}-48h.csv", data)
    size += len(data)
    daily = pd.DataFrame(np.where(observed > 0, observed, np.nan).T, index=times).groupby(times.date).mean().T
    print(f"{args.out}: {ISSUES} forecasts, observations, stations; {size / 1e6:.2f} MB")
    print("daily PM2.5 max over units per day:", daily.max().round(0).astype(int).tolist())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
