"""Small builders for engine tests: forecasts from daily AQI levels or hourly PM2.5, and hand-made graphs."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from app.domain.forecast import TZ, Forecast, ForecastMeta
from app.domain.scheme import load_scheme, parse_scheme

START = "2026-01-05"


def hours(start: str = START, days: int = 7) -> pd.DatetimeIndex:
    return pd.date_range(start, periods=days * 24, freq="h", tz=TZ)


def hourly_forecast(pm25: Mapping[str, Iterable[float]], start: str = START, issued_at=None,
                    **fields: Mapping[str, Iterable[float]]) -> Forecast:
    """An hourly forecast from per-city PM2.5 series (all the same length)."""
    units = list(pm25)
    values = {"pm25": np.array([np.asarray(list(pm25[u]), dtype=float) for u in units])}
    for name, per_city in fields.items():
        values[name] = np.array([np.asarray(list(per_city[u]), dtype=float) for u in units])
    times = pd.date_range(start, periods=values["pm25"].shape[1], freq="h", tz=TZ)
    return Forecast(times, units, values, meta=ForecastMeta(issued_at=issued_at))


def pm25_days(*daily_values: float) -> list[float]:
    """24 identical hourly PM2.5 values per day."""
    return [v for v in daily_values for _ in range(24)]


# PM2.5 daily means giving a daily AQI in each band in both editions (2012 / 2026 give the same IAQI above 115).
CLEAN = 30.0  # AQI 43
AQI_175 = 132.5  # 151–200 band: > 150, not > 200
AQI_250 = 200.0  # 201–300: > 200
AQI_350 = 300.0  # > 300


def daily_forecast(levels: Mapping[str, Iterable[float]], start: str = START, issued_at=None) -> Forecast:
    """A daily AQI table (step 24 h) from per-city daily AQI lists."""
    units = list(levels)
    aqi = np.array([np.asarray(list(levels[u]), dtype=float) for u in units])
    times = pd.date_range(start, periods=aqi.shape[1], freq="D", tz=TZ)
    return Forecast(times, units, {"aqi": aqi}, step_hours=24, meta=ForecastMeta(issued_at=issued_at))


def toy_scheme(regions: Mapping[str, list[str]], **overrides):
    """The bundled scheme with its regions replaced (members are real unit names, used as graph nodes)."""
    import tomllib

    from app.paths import DEFAULT_SCHEME

    data = tomllib.loads(DEFAULT_SCHEME.read_text(encoding="utf-8"))
    data["regions"] = [{"id": f"r{i}", "name": name, "members": members}
                       for i, (name, members) in enumerate(regions.items())]
    for dotted, value in overrides.items():
        section, key = dotted.split("__")
        data[section][key] = value
    return parse_scheme(data, "toy.toml")


def graph(*edges: tuple[str, str]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for a, b in edges:
        out.setdefault(a, set()).add(b)
        out.setdefault(b, set()).add(a)
    return out


def path_graph(names: list[str]) -> dict[str, set[str]]:
    return graph(*zip(names, names[1:]))


def bundled_scheme():
    return load_scheme()
