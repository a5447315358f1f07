"""Daily values per city — daily mean PM2.5 and daily AQI — for forecasts and for what was observed.

The review (``app.review``) compares forecasts with observations day by day. Both sides are brought to the same
form here, :class:`DailyValues`: one column per Beijing calendar day, one row per unit,

- ``pm25``: the daily mean PM2.5 (µg/m³) — from hourly values, the mean of the day's hours when at least
  ``min_valid_hours`` (20, HJ 663) are valid, else NaN; from a daily table, the mean as given; from a daily AQI
  table, the concentration whose PM2.5 IAQI is that AQI (``pm25_derived`` is then True);
- ``aqi``: the daily AQI from that daily mean PM2.5 (its IAQI, rounded up as HJ 633 says), with the HJ 633 edition
  in force on each date (the scheme's switch), or the daily AQI as a daily table gives it.

:class:`Observations` adds where the observed values came from and what was missing in the file (blank cells,
zeros that stand for missing values, days without a row), so the officer sees it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
import pandas as pd

from app.domain.aqi import EDITIONS, compute_aqi, load_edition, pm25_from_aqi
from app.domain.daily import HourlyGrid, day_end_means, edition_index, edition_label, hourly_fields
from app.domain.forecast import TZ, Forecast, ForecastMeta
from app.errors import Problem

DAY = pd.Timedelta(days=1)


def beijing_day(t) -> pd.Timestamp:
    """The Beijing calendar day (00:00, tz-aware) of a date, datetime or Timestamp (naive = Beijing)."""
    stamp = pd.Timestamp(t)
    stamp = stamp.tz_localize(TZ) if stamp.tz is None else stamp.tz_convert(TZ)
    return stamp.normalize()


@dataclass
class DailyValues:
    days: pd.DatetimeIndex  # each Beijing day at 00:00, consecutive
    units: list[str]
    pm25: np.ndarray  # (units, days) daily mean µg/m³, NaN when unknown
    aqi: np.ndarray  # (units, days) daily AQI, NaN when unknown
    edition: np.ndarray  # (days,) index into EDITIONS
    pm25_derived: bool = False  # pm25 computed back from a daily AQI

    def row(self, unit: str) -> int:
        return self.units.index(unit)

    def day_index(self, day) -> int | None:
        """Column of a day (date, datetime or Timestamp), None when outside."""
        i = int(self.days.searchsorted(beijing_day(day)))
        return i if i < len(self.days) and self.days[i] == beijing_day(day) else None

    def window(self, first, last) -> DailyValues:
        """The days from ``first`` to ``last`` (inclusive, clipped to what is there)."""
        cols = slice(int(self.days.searchsorted(beijing_day(first))),
                     int(self.days.searchsorted(beijing_day(last), side="right")))
        return DailyValues(self.days[cols], list(self.units), self.pm25[:, cols], self.aqi[:, cols],
                           self.edition[cols], self.pm25_derived)

    @property
    def edition_label(self) -> str:
        return edition_label(self.edition) if len(self.edition) else ""


@dataclass
class Observations(DailyValues):
    """Observed daily values plus where they came from and what the file lacked."""

    path: str = ""
    sha256: str = ""
    source_kind: str = ""  # "hourly" | "daily-pm25" | "daily-aqi" | "stations" (the network's station files)
    missing_units: list[str] = field(default_factory=list)  # known units without any row in the file
    blank_cells: int = 0  # value cells left empty in the file
    zero_cells: int = 0  # zeros read as missing (a placeholder in CNEMC republications, never a measurement)
    warnings: list[Problem] = field(default_factory=list)

    def missing_days(self) -> dict[str, int]:
        """Per unit, the days without a usable daily mean (blank, zero, no row, or too few hours)."""
        counts = np.isnan(self.pm25).sum(axis=1)
        return {u: int(c) for u, c in zip(self.units, counts) if c}

    def as_daily_forecast(self) -> Forecast:
        """The observations as a daily AQI table, for the warning engine (the rules applied to what happened)."""
        meta = ForecastMeta(source_path=self.path, sha256=self.sha256, source_format="observed-daily",
                            label="observed")
        return Forecast(self.days, list(self.units), {"aqi": self.aqi.copy()}, step_hours=24, meta=meta,
                        missing_units=list(self.missing_units))


def pm25_daily_aqi(pm25: np.ndarray, edition: np.ndarray) -> np.ndarray:
    """Daily AQI from daily mean PM2.5 (its IAQI), each column with its edition (index into EDITIONS)."""
    out = np.full(pm25.shape, np.nan)
    for i in sorted(set(np.asarray(edition).tolist())):
        cols = edition == i
        out[:, cols] = compute_aqi(load_edition(EDITIONS[i]), {"pm25": pm25[:, cols]}, "daily").aqi
    return out


def aqi_to_pm25(aqi: np.ndarray, edition: np.ndarray) -> np.ndarray:
    out = np.full(aqi.shape, np.nan)
    for i in sorted(set(np.asarray(edition).tolist())):
        cols = edition == i
        out[:, cols] = pm25_from_aqi(aqi[:, cols], load_edition(EDITIONS[i]))[0]
    return out


def daily_values(forecast: Forecast, switch: datetime, min_valid_hours: int = 20,
                 edition_choice: str = "auto") -> DailyValues:
    """Daily mean PM2.5 and daily AQI per Beijing day of a forecast or an observed table (see module doc)."""
    if forecast.is_daily:
        days = forecast.times.tz_convert(TZ).normalize()
        all_days = pd.date_range(days[0], days[-1], freq="D")
        index = np.rint((days - days[0]) / DAY).astype(np.int64)
        edition = edition_index(all_days, edition_choice, switch)
        shape = (len(forecast.units), len(all_days))

        def placed(name: str) -> np.ndarray:
            arr = np.full(shape, np.nan)
            arr[:, index] = forecast.values[name]
            return arr

        derived = False
        if "pm25" in forecast.values:
            pm25 = placed("pm25")
            aqi = placed("aqi") if "aqi" in forecast.values else pm25_daily_aqi(pm25, edition)
        else:
            aqi = placed("aqi")
            pm25 = aqi_to_pm25(aqi, edition)
            derived = True
        return DailyValues(all_days, list(forecast.units), pm25, np.minimum(aqi, 500.0), edition, derived)
    grid = HourlyGrid(forecast)
    hour_edition = edition_index(forecast.times, edition_choice, switch)
    fields = hourly_fields(forecast, grid, hour_edition)
    if "pm25" not in fields:
        raise ValueError("the forecast has neither PM2.5 nor AQI values")
    cols = np.arange(grid.n_days) * 24 + 23
    days = grid.times[cols - 23]
    edition = edition_index(days, edition_choice, switch)
    pm25 = day_end_means(fields["pm25"], min_valid_hours)  # the trailing 24-hour mean at each day's last hour
    return DailyValues(days, list(forecast.units), pm25, pm25_daily_aqi(pm25, edition), edition,
                       "pm25" not in forecast.values)
