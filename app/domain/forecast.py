"""The loaded forecast: a units × time grid of values, plus what is known about where it came from.

Every importer (CSV, XLSX, daily tables, NetCDF grids) produces a :class:`Forecast`; the engine, the GUI and
the exports read only this. Times are Beijing time (UTC+8, tz-aware); values are float64 with NaN for missing.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

import numpy as np
import pandas as pd

from app.errors import Problem

POLLUTANTS = ("pm25", "pm10", "so2", "no2", "co", "o3")  # µg/m³, CO in mg/m³
HOURLY_FIELDS = (*POLLUTANTS, "aqi")
MET_FIELDS = ("wind_speed", "wind_dir", "rh", "blh", "precip", "inversion")
TZ = "Asia/Shanghai"
DEFAULT_SOURCE = "西南区域空气质量预测预报中心"  # a forecast's producer when its file names none (letters, 会商)


@dataclass(frozen=True)
class ForecastMeta:
    source_path: str = ""
    sha256: str = ""
    issued_at: datetime | None = None  # when the forecast was issued (Beijing time)
    issued_at_source: str = ""  # "file" | "column" | "user" | ""
    source_format: str = ""  # "long-csv", "wide-xlsx", "daily-csv", "netcdf", ...
    encoding: str = ""
    range_bound: str = ""  # "low" | "central" | "high" for range forecasts, else ""
    label: str = ""  # free text: producer (e.g. 西南区域空气质量预测预报中心)
    daily_aqi_from_pm25: bool = False  # a daily table of daily mean PM2.5: its "aqi" was computed from "pm25"


@dataclass
class Forecast:
    """Forecast values per unit and step.

    ``step_hours`` is 1 for hourly forecasts and 24 for daily tables (then ``times`` are the days at 00:00 and
    the field is ``"aqi"``, the daily AQI; a table of daily mean PM2.5 also has ``"pm25"``, its ``"aqi"`` then
    computed from it, ``meta.daily_aqi_from_pm25``). ``values[field]`` has shape ``(len(units), len(times))``.
    """

    times: pd.DatetimeIndex
    units: list[str]  # full Chinese unit names, one row each
    values: dict[str, np.ndarray]
    step_hours: int = 1
    met: dict[str, np.ndarray] = field(default_factory=dict)
    meta: ForecastMeta = field(default_factory=ForecastMeta)
    warnings: list[Problem] = field(default_factory=list)
    missing_units: list[str] = field(default_factory=list)  # known units with no data in this file

    def __post_init__(self) -> None:
        if self.times.tz is None:
            self.times = self.times.tz_localize(TZ)
        shape = (len(self.units), len(self.times))
        for name, arr in {**self.values, **self.met}.items():
            if arr.shape != shape:
                raise ValueError(f"field {name} has shape {arr.shape}, expected {shape}")

    @property
    def is_daily(self) -> bool:
        return self.step_hours == 24

    @property
    def start(self) -> pd.Timestamp:
        return self.times[0]

    @property
    def end(self) -> pd.Timestamp:
        return self.times[-1]

    @property
    def horizon_hours(self) -> int:
        return len(self.times) * self.step_hours

    def row(self, unit: str) -> int:
        return self.units.index(unit)

    def copy(self) -> Forecast:
        return replace(self, values={k: v.copy() for k, v in self.values.items()},
                       met={k: v.copy() for k, v in self.met.items()},
                       warnings=list(self.warnings), missing_units=list(self.missing_units))

    def with_values(self, values: dict[str, np.ndarray]) -> Forecast:
        return replace(self, values=values)

    def to_long_frame(self) -> pd.DataFrame:
        """Long table ``time, city, <fields>`` (for exports and tests)."""
        n_u, n_t = len(self.units), len(self.times)
        frame = pd.DataFrame({
            "time": np.tile(self.times, n_u),
            "city": np.repeat(np.array(self.units, dtype=object), n_t),
        })
        for name, arr in {**self.values, **self.met}.items():
            frame[name] = arr.reshape(-1)
        return frame
