"""Generate synthetic *observations* for the bundled sample forecasts (``data/samples/observed-*.csv``).

    .venv/bin/python tools/make_observations.py

"What actually happened" during each sample forecast's week, from the same model as the forecasts
(``tools/make_samples.py``) with what a forecast typically gets wrong: the episode arrives some hours later or
earlier, peaks higher or lower, and the weather noise is another draw (another seed). Like real CNEMC data, a
station outage leaves one city's hours blank, and a few hours carry the republications' missing-data zero.
Each scenario is written twice: hourly (``time,city,pm25``) and as daily means (``date,city,pm25``, days with
fewer than 20 valid hours left blank), so both observed-data layouts can be tried.
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
from tools.make_samples import SCENARIOS, Scenario, pm25_field, read_centroids  # noqa: E402

HOURS = 168


@dataclass(frozen=True)
class Truth:
    forecast_file: str
    out_stem: str
    seed: int
    shift_hours: int  # the episode arrives this much later (+) or earlier (−) than forecast
    scale: float  # its strength × this
    outage_city: str  # a station outage: this city has no values for ``outage_hours``
    outage_hours: tuple[int, int]
    zero_hours: int  # this many random city-hours carry the missing-data zero


TRUTHS = (
    Truth("sample-regional-orange.csv", "observed-regional-orange", 71001, 12, 1.12, "遂宁市", (40, 70), 6),
    Truth("sample-red-plain-south.csv", "observed-red-plain-south", 71002, -6, 0.85, "大足区", (100, 124), 4),
    Truth("sample-clean-week.csv", "observed-clean-week", 71003, 0, 1.0, "万州区", (10, 20), 2),
)


def truth_scenario(s: Scenario, t: Truth) -> Scenario:
    knots = tuple((max(0.0, min(HOURS - 1.0, h + t.shift_hours)), k * t.scale) for h, k in s.envelope)
    knots = tuple(sorted(dict(knots).items()))  # shifted knots may collide at the edges: keep the last
    return replace(s, seed=t.seed, envelope=knots)


def observe(t: Truth, centroids: pd.DataFrame) -> tuple[pd.DatetimeIndex, np.ndarray]:
    s = next(x for x in SCENARIOS if x.file == t.forecast_file)
    truth = truth_scenario(s, t)
    rng = np.random.default_rng(t.seed)
    lon, lat = centroids["lon"].to_numpy(), centroids["lat"].to_numpy()
    pm25 = pm25_field(truth, lon, lat, rng).round(0)
    names = list(centroids["name"])
    row = names.index(t.outage_city)
    pm25[row, t.outage_hours[0]:t.outage_hours[1]] = np.nan
    cells = rng.choice(pm25.size, size=t.zero_hours, replace=False)
    pm25.reshape(-1)[cells] = 0.0
    return pd.date_range(s.start, periods=HOURS, freq="h"), pm25


def hourly_csv(times, names, pm25) -> str:
    out = io.StringIO()
    out.write("# synthetic observations (tools/make_observations.py): not real data\n")
    out.write("time,city,pm25\n")
    for i, name in enumerate(names):
        for j, t in enumerate(times):
            value = pm25[i, j]
            out.write(f"{t:%Y-%m-%d %H:%M},{name},{'' if np.isnan(value) else f'{value:g}'}\n")
    return out.getvalue()


def daily_csv(times, names, pm25) -> str:
    valid = np.where(pm25 > 0, pm25, np.nan)  # zeros are missing, as the importer reads them
    out = io.StringIO()
    out.write("# synthetic observations (tools/make_observations.py): daily mean PM2.5, not real data\n")
    out.write("date,city,pm25\n")
    days = len(times) // 24
    for i, name in enumerate(names):
        for d in range(days):
            hours = valid[i, d * 24:(d + 1) * 24]
            n = int(np.count_nonzero(~np.isnan(hours)))
            cell = f"{np.nanmean(hours):.1f}" if n >= 20 else ""
            out.write(f"{times[d * 24]:%Y-%m-%d},{name},{cell}\n")
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=SAMPLES_DIR)
    args = parser.parse_args(argv)
    centroids = read_centroids()
    names = list(centroids["name"])
    args.out.mkdir(parents=True, exist_ok=True)
    for t in TRUTHS:
        times, pm25 = observe(t, centroids)
        write_bytes_atomic(args.out / f"{t.out_stem}.csv", hourly_csv(times, names, pm25).encode("utf-8"))
        write_bytes_atomic(args.out / f"{t.out_stem}-daily.csv", daily_csv(times, names, pm25).encode("utf-8"))
        print(f"{t.out_stem}: hourly + daily, episode shifted {t.shift_hours:+d} h, ×{t.scale}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
