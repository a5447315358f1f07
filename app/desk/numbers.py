"""The numbers behind the map's colours for one unit and hour (tooltip, unit panel), and the PM2.5 layer.

Everything is read from the forecast as evaluated (with what-if edits) and from the evaluation; nothing is
recomputed differently from the engine: the AQI, primary pollutant and levels are the engine's; the AQI edition
of an hour is chosen as the engine chooses it (by date against the scheme's switch, unless forced); the daily
PM2.5 is the plain mean of the hours the daily AQI covers (the calendar day, or the 24 h ending at the hour).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
import pandas as pd

from app.domain.aqi import EDITIONS, category_index, load_edition
from app.domain.daily import edition_index
from app.domain.scheme import BEIJING, LEVELS

MET_UNITS = {"wind_speed": "m/s", "wind_dir": "°", "rh": "%", "blh": "m", "precip": "mm", "inversion": ""}


@dataclass(frozen=True)
class UnitNumbers:
    unit: str
    time: datetime
    edition: str  # "HJ 633-2012" | "HJ 633-2026": the edition that applies at this hour
    concentrations: dict[str, float]  # this hour's forecast values (µg/m³; CO mg/m³), NaN when missing
    hourly_aqi: float
    hourly_over_500: bool
    primary: str  # this hour's primary pollutant(s), "" when AQI ≤ 50 or unknown
    daily_aqi: float
    daily_insufficient: bool
    daily_over_500: bool
    daily_primary: str
    daily_pm25: float  # mean PM2.5 over the hours of the daily AQI, NaN when unknown
    daily_hours: tuple[datetime, datetime]  # first and last hour the daily value covers
    own_level: str
    warned_level: str
    region_level: str  # "" outside the linkage
    met: dict[str, float] = field(default_factory=dict)  # this hour's meteorology (only the columns present)


class _Steps:
    """An evaluation's times read once as plain Python values (the unit panel and the map's header ask at every
    hour step; pandas' per-element indexing and a tz conversion of the whole index each time were most of the
    panel's step, issue 26)."""

    def __init__(self, times: pd.DatetimeIndex):
        self.times = times  # held: the cache's key is its id
        self.datetimes = list(times.to_pydatetime())
        self.days = np.array([d.toordinal() for d in times.tz_convert(BEIJING).date], dtype=np.int64)
        self.editions: dict[tuple[str, datetime], np.ndarray] = {}

    def edition(self, hour: int, choice: str, switch: datetime) -> int:
        key = (choice, switch)
        if key not in self.editions:
            self.editions[key] = edition_index(self.times, choice, switch)
        return int(self.editions[key][hour])


_STEPS: dict[int, _Steps] = {}


def _steps(times: pd.DatetimeIndex) -> _Steps:
    steps = _STEPS.get(id(times))
    if steps is None or steps.times is not times:
        if len(_STEPS) >= 8:  # a few evaluations (split map, what-if) at once; old ones are dropped
            _STEPS.clear()
        steps = _STEPS[id(times)] = _Steps(times)
    return steps


def edition_at(times: pd.DatetimeIndex, hour: int, switch: datetime, choice: str = "auto") -> str:
    if not -len(times) <= hour < len(times):
        raise IndexError(f"hour {hour} outside the {len(times)} steps")
    return load_edition(EDITIONS[_steps(times).edition(hour, choice, switch)]).name


def daily_span(evaluation, hour: int) -> tuple[int, int]:
    """First and last step (inclusive) whose values make the daily AQI in force at ``hour``."""
    if evaluation.mode == "rolling":
        return max(0, hour - 23), hour
    days = _steps(evaluation.times).days
    steps = np.flatnonzero(days == days[hour])
    return int(steps[0]), int(steps[-1])


def unit_numbers(forecast, evaluation, unit: str, hour: int, region: str | None, switch: datetime,
                 edition_choice: str = "auto") -> UnitNumbers | None:
    """The numbers of one unit at one step; None when the unit has no row in the evaluation."""
    if unit not in evaluation.units:
        return None
    row = evaluation.units.index(unit)
    frow = forecast.units.index(unit) if unit in forecast.units else None
    concentrations, met = {}, {}
    if frow is not None and not forecast.is_daily:
        concentrations = {name: float(values[frow, hour]) for name, values in forecast.values.items() if name != "aqi"}
        met = {name: float(values[frow, hour]) for name, values in forecast.met.items()}
    first, last = daily_span(evaluation, hour)
    daily_pm25 = float("nan")
    if frow is not None and "pm25" in forecast.values and not forecast.is_daily:
        window = forecast.values["pm25"][frow, first:last + 1]
        if np.isfinite(window).any():
            daily_pm25 = float(np.nanmean(window))
    daily_primary = "" if evaluation.daily_primary is None else str(evaluation.daily_primary[row, hour] or "")
    daily_over = False if evaluation.daily_over_500 is None else bool(evaluation.daily_over_500[row, hour])
    region_level = LEVELS[int(evaluation.region_level[region][hour])] if region in evaluation.region_level else ""
    datetimes = _steps(evaluation.times).datetimes
    return UnitNumbers(
        unit=unit,
        time=datetimes[hour],
        edition=edition_at(evaluation.times, hour, switch, edition_choice),
        concentrations=concentrations,
        hourly_aqi=float(evaluation.hourly_aqi[row, hour]),
        hourly_over_500=bool(evaluation.hourly_over_500[row, hour]),
        primary=str(evaluation.primary_pollutant[row, hour] or ""),
        daily_aqi=float(evaluation.daily_aqi[row, hour]),
        daily_insufficient=bool(evaluation.daily_insufficient[row, hour]),
        daily_over_500=daily_over,
        daily_primary=daily_primary,
        daily_pm25=daily_pm25,
        daily_hours=(datetimes[first], datetimes[last]),
        own_level=LEVELS[int(evaluation.city_level[row, hour])],
        warned_level=LEVELS[max(int(evaluation.warned_level[row, hour]), int(evaluation.city_level[row, hour]))],
        region_level=region_level,
        met=met,
    )


# -- the PM2.5 concentration layer ---------------------------------------------------------------------------
def pm25_breaks(edition_key: str) -> list[float]:
    """The PM2.5 24-hour concentration limits (µg/m³) that bound the six AQI categories in an edition."""
    edition = load_edition(edition_key)
    limits = edition.tables[edition.daily["pm25"]].limits
    return [float(v) for v in limits[1:6]]  # the upper ends of 优 … 重度污染 (严重 is open above)


def pm25_categories(forecast, evaluation, switch: datetime, edition_choice: str = "auto") -> np.ndarray:
    """(evaluation units, hours) int8: the AQI category (1–6, 0 unknown) each hour's PM2.5 concentration
    falls in, on the PM2.5 limits of the edition that applies at that hour. All unknown for a daily table."""
    out = np.zeros((len(evaluation.units), len(evaluation.times)), dtype=np.int8)
    if forecast.is_daily or "pm25" not in forecast.values:
        return out
    rows = [forecast.units.index(u) if u in forecast.units else -1 for u in evaluation.units]
    conc = np.full(out.shape, np.nan)
    have = [i for i, r in enumerate(rows) if r >= 0]
    conc[have] = forecast.values["pm25"][[rows[i] for i in have]]
    editions = edition_index(evaluation.times, edition_choice, switch)
    for index in sorted(set(editions.tolist())):
        cols = editions == index
        limits = np.array(pm25_breaks(EDITIONS[index]))
        part = conc[:, cols]
        category = np.searchsorted(limits, part, side="left") + 1  # a value on a limit is the lower class
        out[:, cols] = np.where(np.isfinite(part) & (part >= 0), category, 0)
    return out


def category_of_pm25(value: float, edition_key: str) -> int:
    """Category index (1–6, 0 unknown) of one PM2.5 concentration in an edition."""
    if value is None or not np.isfinite(value) or value < 0:
        return 0
    return int(np.searchsorted(np.array(pm25_breaks(edition_key)), value, side="left") + 1)


__all__ = ["MET_UNITS", "UnitNumbers", "category_index", "category_of_pm25", "daily_span", "edition_at",
           "pm25_breaks", "pm25_categories", "unit_numbers"]
