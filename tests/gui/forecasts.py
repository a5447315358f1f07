"""Small synthetic forecasts for the GUI tests: a regional episode in the basin, or a clean week."""

from __future__ import annotations

import numpy as np
import pandas as pd

from app.domain.forecast import Forecast, ForecastMeta
from app.domain.units import load_units

EPISODE_CITIES = ("成都市", "德阳市", "绵阳市", "眉山市", "乐山市", "资阳市", "内江市", "自贡市")


def episode_forecast(days: int = 7, peak: float = 190.0, start: str = "2026-01-10 00:00") -> Forecast:
    """Hourly PM2.5: 50 µg/m³ everywhere, EPISODE_CITIES at ``peak`` on days 2–5 (a regional orange episode)."""
    units = load_units().names()
    times = pd.date_range(start, periods=days * 24, freq="h", tz="Asia/Shanghai")
    pm25 = np.full((len(units), len(times)), 50.0)
    hour = np.arange(len(times))
    diurnal = 8.0 * np.sin(hour / 24 * 2 * np.pi)
    pm25 += diurnal
    for name in EPISODE_CITIES:
        pm25[units.index(name), 24:5 * 24] = peak + diurnal[24:5 * 24]
    issued = times[0] - pd.Timedelta(hours=16)
    meta = ForecastMeta(source_path="synthetic.csv", sha256="0" * 64, issued_at=issued.to_pydatetime(),
                        issued_at_source="file", source_format="long-csv")
    return Forecast(times=times, units=units, values={"pm25": pm25}, meta=meta)
