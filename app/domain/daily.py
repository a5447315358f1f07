"""Hourly and daily AQI of a forecast (spec §3), both daily modes, both HJ 633 editions.

Everything is computed on a regular hourly *grid* (whole Beijing days covering the forecast, NaN where the
forecast has no value) with trailing windows: the 24-hour mean ending at each hour (valid with ≥ 20 valid
hours), the 8-hour O3 mean (valid with ≥ 6 hours) and its maximum over the 17 windows inside the 24 hours
(valid with ≥ 14 of them, HJ 663). A calendar day is the trailing window ending at 23:00 of that day; rolling
mode uses every hour. A day/window whose PM2.5 mean is not valid is "insufficient data": its AQI is NaN and
the ``insufficient`` mask is set — never an exceedance, never dropped.

The edition is chosen per value: by the day (calendar) or by the window's last hour (rolling), against the
scheme's switch instant, unless forced.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property

import numpy as np
import pandas as pd

from app.domain.aqi import (
    EDITIONS,
    PRIMARY_TEXT,
    Edition,
    PrimaryText,
    compute_aqi,
    load_edition,
    pm25_from_aqi,
)
from app.domain.forecast import TZ, Forecast

O3_8H_MIN_VALID = 6  # HJ 663: an 8-hour mean needs ≥ 6 valid hours
O3_8H_WINDOWS = 17  # 8-hour windows ending at hours 7 … 23 of a day
O3_8H_MIN_WINDOWS = 14  # HJ 663: a daily maximum 8-hour mean needs ≥ 14 valid 8-hour means
HOUR = pd.Timedelta(hours=1)


@dataclass
class DailyAqi:
    """Daily AQI per unit and step; a step is a calendar day (24 h) or an hour (rolling)."""

    mode: str
    step_times: pd.DatetimeIndex  # calendar: each day at 00:00; rolling: the last hour of each window
    step_hours: int  # 24 (calendar) or 1 (rolling)
    aqi: np.ndarray  # (units, steps) float, NaN when insufficient or unknown
    insufficient: np.ndarray  # (units, steps) bool
    over_500: np.ndarray  # (units, steps) bool
    primary: PrimaryText  # (units, steps): the primary pollutants' text, read from their codes
    valid_hours: np.ndarray  # (units, steps) int: valid PM2.5 hours in the window (24 for daily tables)
    hour_step: np.ndarray  # (hours,) step index applying at each forecast hour
    step_edition: np.ndarray  # (steps,) index into EDITIONS
    covered: np.ndarray | None = None  # (steps,) bool: the forecast spans enough hours of the window at all

    def step_end(self, step: int) -> pd.Timestamp:
        """Last hour inside a step (23:00 of the day in calendar mode)."""
        return self.step_times[step] + (self.step_hours - 1) * HOUR

    @cached_property
    def starts(self) -> list[datetime]:
        """Each step's first hour as a datetime (boxed once: indexing pandas per episode is slow)."""
        return list(self.step_times.to_pydatetime())

    @cached_property
    def start_texts(self) -> list[str]:
        """Each step's first hour in ISO 8601 (written once each, not at every mention)."""
        return [t.isoformat() for t in self.starts]

    @cached_property
    def ends(self) -> list[datetime]:
        """Each step's last hour as a datetime."""
        return list((self.step_times + (self.step_hours - 1) * HOUR).to_pydatetime())


@dataclass
class HourlyAqi:
    aqi: np.ndarray  # (units, hours)
    over_500: np.ndarray
    primary: np.ndarray | PrimaryText  # text, or codes (``primary_as_codes``); PrimaryText from daily_from_hourly


def edition_index(times: pd.DatetimeIndex, choice: str, switch: datetime) -> np.ndarray:
    """Index into EDITIONS per time: forced by ``choice`` ("2012" | "2026"), or by date ("auto")."""
    if choice != "auto":
        return np.full(len(times), EDITIONS.index(choice), dtype=np.int8)
    return at_or_after(times, switch).astype(np.int8)


def at_or_after(times: pd.DatetimeIndex, instant: datetime) -> np.ndarray:
    """``times >= instant`` as a bool array. Between a tz-aware index and a tz-aware instant the instants are
    compared as integers in the index's own unit (NaT, which compares False, left to pandas): pandas' comparison
    costs more than the rest of a small forecast's edition choice (issue 26, a replay makes it some hundred
    times)."""
    instant = pd.Timestamp(instant)
    if isinstance(times, pd.DatetimeIndex) and times.tz is not None and instant.tz is not None and not times.hasnans:
        tick = pd.Timedelta(1, unit=times.unit).value  # nanoseconds per integer of the index
        return times.asi8 >= -(-instant.value // tick)  # the first whole tick at or after the instant
    return np.asarray(times >= instant)


def edition_label(indices: np.ndarray) -> str:
    """"HJ 633-2026", "HJ 633-2012", or both joined by " / " (oldest first)."""
    used = sorted(set(np.asarray(indices).tolist())) or [len(EDITIONS) - 1]
    return " / ".join(load_edition(EDITIONS[i]).name for i in used)


class HourlyGrid:
    """A forecast's hourly fields on whole Beijing days, NaN-padded; ``index`` maps forecast hours to columns."""

    def __init__(self, forecast: Forecast):
        times = forecast.times
        self.start = times[0].tz_convert(TZ).normalize()
        end = times[-1].tz_convert(TZ).normalize() + pd.Timedelta(days=1)
        self.n_days = int(round((end - self.start) / pd.Timedelta(days=1)))
        self.times = pd.date_range(self.start, periods=self.n_days * 24, freq="h")
        # hours since the grid's start, from the instants' integers in their own unit (the same quotient as
        # pandas' timedelta division, without a tz conversion and a timedelta index per call)
        tick = pd.Timedelta(1, unit=times.unit).value  # nanoseconds per integer of the index (.value is in ns)
        origin, hour = self.start.value // tick, HOUR.value // tick
        self.index = np.rint((times.asi8 - origin) / hour).astype(np.int64)
        self.shape = (len(forecast.units), len(self.times))
        # every column is a forecast hour, in order: placing is a copy, picking the forecast hours nothing
        self.whole = len(self.index) == len(self.times) and np.array_equal(self.index, np.arange(len(self.times)))

    def rows(self, n: int) -> HourlyGrid:
        """The same grid for ``n`` units (a part of the forecast's units)."""
        part = copy.copy(self)
        part.shape = (n, self.shape[1])
        return part

    def place(self, values: np.ndarray) -> np.ndarray:
        """Values on the grid; ±inf is no value (the importer reports it, the engine never averages it in)."""
        if self.whole:
            return np.where(np.isinf(values), np.nan, values)
        grid = np.full(self.shape, np.nan)
        grid[:, self.index] = np.where(np.isinf(values), np.nan, values)
        return grid

    def at_forecast_hours(self, array: np.ndarray) -> np.ndarray:
        """The columns of a grid array that are forecast hours."""
        return array if self.whole else array[:, self.index]


def trailing_mean(grid: np.ndarray, width: int, min_valid: int,
                  ends: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Mean of the ``width`` hours ending at each column (NaN unless ≥ min_valid valid), and the valid count;
    only at the columns ``ends`` when given."""
    valid = ~np.isnan(grid)
    values = np.where(valid, grid, 0.0)
    rows, cols = grid.shape
    if ends is not None and cols % width == 0 and np.all((ends + 1) % width == 0):
        # windows on block boundaries (calendar days): each block's own sum
        block = (ends + 1) // width - 1
        s = values.reshape(rows, -1, width).sum(axis=2)[:, block]
        n = valid.reshape(rows, -1, width).sum(axis=2, dtype=np.int64)[:, block]
    else:
        s = window_sums(values, width)
        n = window_counts(valid, width)
        if ends is not None:
            s, n = s[:, ends], n[:, ends]
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(n >= min_valid, s / np.maximum(n, 1), np.nan)
    return mean, n


def day_end_means(grid: np.ndarray, min_valid: int, width: int = 24) -> np.ndarray:
    """What ``trailing_mean(grid, width, min_valid)[0]`` holds at each block's last column (a calendar day's last
    hour), bit for bit, without the windows ending elsewhere: there :func:`window_sums` adds a block's values one
    after the other from its first (its prefix), and so does the running sum of the block here; the count is
    whole numbers either way. ``grid``'s columns are whole blocks. A year's review asks this of every forecast
    (issue 26: the rolling windows of 8 760 hours cost five times as much)."""
    valid = ~np.isnan(grid)
    values = np.where(valid, grid, 0.0)
    rows = grid.shape[0]
    s = np.cumsum(values.reshape(rows, -1, width), axis=2)[:, :, -1]
    n = valid.reshape(rows, -1, width).sum(axis=2, dtype=np.int64)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(n >= min_valid, s / np.maximum(n, 1), np.nan)


def window_sums(values: np.ndarray, width: int) -> np.ndarray:
    """Sum of the ``width`` values ending at each column (fewer at the start), each window summed from its own
    values only — no running-sum differences, so one huge or long-past value cannot take digits from any other
    window (van Herk / Gil-Werman: the columns in blocks of ``width``; a window ending at offset j of block b is
    block b's prefix up to j plus block b−1's suffix from j+1, both accumulated inside the window)."""
    rows, cols = values.shape
    blocks = -(-cols // width) + 1  # one leading block of zeros: the first windows' "previous block"
    padded = np.zeros((rows, blocks * width), dtype=values.dtype)
    padded[:, width:width + cols] = values
    cells = padded.reshape(rows, blocks, width)
    prefix = np.cumsum(cells, axis=2)
    suffix = np.cumsum(cells[:, :, ::-1], axis=2)[:, :, ::-1]
    out = prefix[:, 1:, :].copy()
    out[:, :, :-1] += suffix[:, :-1, 1:]
    return out.reshape(rows, -1)[:, :cols]


def window_counts(mask: np.ndarray, width: int) -> np.ndarray:
    """How many of the ``width`` cells ending at each column are True (fewer at the start), as int32: running
    counts along each row differenced, exact for whole numbers (what :func:`window_sums` guards floats against
    cannot happen), one long pass a row instead of a short one a block (issue 26: the valid-hour counts were
    half of the rolling 24-hour means of a county-scale year)."""
    running = np.cumsum(mask, axis=1, dtype=np.int32)
    counts = running.copy()
    counts[:, width:] -= running[:, :-width]
    return counts


def trailing_max(grid: np.ndarray, width: int, min_valid: int) -> np.ndarray:
    """Maximum of the ``width`` values ending at each column (NaN unless ≥ min_valid of them are known)."""
    best = grid.copy()
    count = (~np.isnan(grid)).astype(np.int64)
    for shift in range(1, width):
        shifted = np.full_like(grid, np.nan)
        shifted[:, shift:] = grid[:, :-shift]
        best = np.fmax(best, shifted)
        count += ~np.isnan(shifted)
    return np.where(count >= min_valid, best, np.nan)


def _by_edition(step_edition: np.ndarray, compute) -> tuple:
    """Run ``compute(edition, take)`` for each edition in use on the columns it applies to — ``take(array)``
    gives those columns of a (rows × columns) input — and put the parts together. Each edition computes only its
    own columns (issue 26: both over the whole array made the daily AQI two thirds of a county-scale run)."""
    used = sorted(set(step_edition.tolist()))
    if len(used) <= 1:
        return tuple(compute(load_edition(EDITIONS[used[0] if used else -1]), _whole))
    masks = [_as_slice(step_edition == i) for i in used]
    parts = [compute(load_edition(EDITIONS[i]), lambda a, m=m: a[:, m]) for i, m in zip(used, masks)]
    results = []
    for k in range(len(parts[0])):
        pieces = [np.asarray(part[k]) for part in parts]
        out = np.empty((pieces[0].shape[0], len(step_edition)), dtype=np.result_type(*(p.dtype for p in pieces)))
        for mask, piece in zip(masks, pieces):
            out[:, mask] = piece
        results.append(out)
    return tuple(results)


def _whole(array: np.ndarray) -> np.ndarray:
    return array


def _as_slice(mask: np.ndarray) -> np.ndarray | slice:
    """A boolean column mask as a slice when its columns are consecutive (one edition switch): taking them is
    then a view, not a copy."""
    where = np.flatnonzero(mask)
    if len(where) and where[-1] - where[0] + 1 == len(where):
        return slice(int(where[0]), int(where[-1]) + 1)
    return mask


def hourly_fields(forecast: Forecast, grid: HourlyGrid, hour_edition: np.ndarray) -> dict[str, np.ndarray]:
    """The hourly concentrations on the grid; AQI-only input is turned back into PM2.5 (spec §3)."""
    fields = {k: grid.place(v) for k, v in forecast.values.items() if k != "aqi"}
    if "pm25" not in fields and "aqi" in forecast.values:
        aqi = grid.place(forecast.values["aqi"])
        fields["pm25"] = _by_edition(hour_edition, lambda ed, take: (pm25_from_aqi(take(aqi), ed)[0],))[0]
    return fields


def hourly_aqi(forecast: Forecast, grid: HourlyGrid, fields: dict[str, np.ndarray],
               hour_edition: np.ndarray, min_valid_hours: int = 20, primary_as_codes: bool = False) -> HourlyAqi:
    """The 1-hour AQI of every forecast hour (实时报: 1-hour values on each edition's 1-hour tables; in 2012 an
    SO2 1-hour value above 800 reports the IAQI of the SO2 24-hour mean ending at that hour); the primary
    pollutants as text, or as their codes (``app.domain.aqi.primary_codes``)."""
    cols = grid.index
    if "aqi" in forecast.values and "pm25" not in forecast.values:  # AQI given: shown as given
        aqi = forecast.values["aqi"].astype(float)
        codes = (aqi > 50).astype(np.uint8)  # code 1: PM2.5
        return HourlyAqi(np.minimum(aqi, 500.0), aqi > 500, codes if primary_as_codes else PRIMARY_TEXT[codes])
    fallback = {"so2_24h": trailing_mean(fields["so2"], 24, min_valid_hours)[0]} if "so2" in fields else None

    def compute(ed: Edition, take):
        r = compute_aqi(ed, {k: take(v) for k, v in fields.items()}, "hourly",
                        None if fallback is None else {k: take(v) for k, v in fallback.items()}, primary_as_codes)
        return r.aqi, r.over_500, r.primary

    grid_edition = np.zeros(grid.shape[1], dtype=np.int8)
    grid_edition[cols] = hour_edition
    aqi, over, primary = _by_edition(grid_edition, compute)
    return HourlyAqi(*(grid.at_forecast_hours(a) for a in (aqi, over, primary)))


PART_CELLS = 32 * 366 * 24  # unit-hours computed together: a part's arrays stay in the cache (issue 26: county ×
# year, 32 units a part); a forecast of a few hundred unit-days is one part, its arrays used as they come


def daily_from_hourly(forecast: Forecast, mode: str, edition_choice: str, switch: datetime,
                      min_valid_hours: int, absent: np.ndarray | None = None
                      ) -> tuple[DailyAqi, HourlyAqi, np.ndarray]:
    """Daily AQI (calendar days or rolling 24 h), the hourly AQI, and the per-hour edition index.

    ``absent`` (per forecast hour): hours on the axis that no file gave (the hours between observations and a
    forecast, spec §7 E5): missing, and not counted as covered (a window of them is "not covered", as a window
    outside the forecast).

    Every step of the work is row by row (a unit's values never meet another's), so the units are taken
    ``PART_CELLS`` grid cells at a time and each part's results written into the whole arrays: the same figures
    as one pass over all units, without the whole-array temporaries (a county-scale year held ~130 bytes a
    unit-hour at once, issue 26). A forecast that fits in one part is one pass: each part costs some fifty
    numpy calls whatever its size, which a replay's thirty small evaluations paid twice each."""
    grid = HourlyGrid(forecast)
    hour_edition = edition_index(forecast.times, edition_choice, switch)
    if mode == "calendar":
        cols = np.arange(grid.n_days) * 24 + 23
        step_times = grid.times[cols - 23]
        hour_step = grid.index // 24
    else:
        first, last = grid.index.min(), grid.index.max()
        cols = np.arange(first, last + 1)
        step_times = grid.times[cols]
        hour_step = grid.index - first
    step_edition = edition_index(step_times, edition_choice, switch)
    in_forecast = np.full((1, grid.shape[1]), np.nan)  # counted where the forecast has an hour at all
    in_forecast[0, grid.index if absent is None else grid.index[~absent]] = 1.0
    covered = trailing_mean(in_forecast, 24, min_valid_hours, ends=cols)[1][0] >= min_valid_hours

    n_units = len(forecast.units)
    per_part = max(1, PART_CELLS // max(grid.shape[1], 1))
    whole: list[np.ndarray] | None = None
    if n_units <= per_part:  # one part (or an empty one when there is no unit): its arrays are the result
        whole = list(_daily_part(forecast, slice(0, n_units), grid, hour_edition, cols, step_edition,
                                 min_valid_hours))
    for r0 in range(0, n_units if whole is None else 0, per_part):
        rows = slice(r0, min(r0 + per_part, n_units))
        part = _daily_part(forecast, rows, grid, hour_edition, cols, step_edition, min_valid_hours)
        if whole is None:
            whole = [np.empty((n_units,) + a.shape[1:], dtype=a.dtype) for a in part]
        for out, a in zip(whole, part):
            out[rows] = a
    aqi, insufficient, over, primary, valid_hours, h_aqi, h_over, h_primary = whole
    daily = DailyAqi(mode, step_times, 24 if mode == "calendar" else 1, aqi, insufficient, over,
                     PrimaryText(primary), valid_hours, hour_step, step_edition, covered)
    return daily, HourlyAqi(h_aqi, h_over, PrimaryText(h_primary)), hour_edition


def _daily_part(forecast: Forecast, rows: slice, grid: HourlyGrid, hour_edition: np.ndarray, cols: np.ndarray,
                step_edition: np.ndarray, min_valid_hours: int) -> tuple[np.ndarray, ...]:
    """The daily and hourly AQI of the units ``rows``: (aqi, insufficient, over_500, primary, valid_hours,
    hourly aqi, hourly over_500, hourly primary), the primary pollutants as codes."""
    part = Forecast(forecast.times, forecast.units[rows], {k: v[rows] for k, v in forecast.values.items()},
                    meta=forecast.meta)
    grid = grid.rows(len(part.units))
    fields = hourly_fields(part, grid, hour_edition)
    hourly = hourly_aqi(part, grid, fields, hour_edition, min_valid_hours, primary_as_codes=True)

    picked, valid_hours = {}, None  # each indicator at the steps' last hours
    for name, values in fields.items():
        if name in ("pm25", "pm10", "so2", "no2", "co"):
            mean, n = trailing_mean(values, 24, min_valid_hours, ends=cols)
            picked[name] = mean
            if name == "pm25":
                valid_hours = n.astype(np.int8)  # at most 24
        elif name == "o3":
            m8 = trailing_mean(values, 8, O3_8H_MIN_VALID)[0]
            picked["o3_8h"] = trailing_max(m8, O3_8H_WINDOWS, O3_8H_MIN_WINDOWS)[:, cols]
            picked["o3_1h"] = trailing_max(values, 24, min_valid_hours)[:, cols]  # 2012 note 3 only
    del fields

    def compute(ed: Edition, take):
        mine = {k: take(v) for k, v in picked.items()}
        r = compute_aqi(ed, mine, "daily", mine, primary_as_codes=True)
        return r.aqi, r.over_500, r.primary

    aqi, over, primary = _by_edition(step_edition, compute)
    insufficient = np.isnan(picked["pm25"])
    aqi[insufficient] = np.nan
    primary[insufficient] = 0  # no primary pollutant
    return aqi, insufficient, over & ~insufficient, primary, valid_hours, hourly.aqi, hourly.over_500, hourly.primary


def daily_table_aqi(forecast: Forecast, edition_choice: str, switch: datetime) -> np.ndarray:
    """A daily table's daily AQI on its own days, as :func:`daily_from_table` reads it."""
    daily = daily_from_table(forecast, edition_choice, switch)
    days = forecast.times.tz_convert(TZ).normalize()
    index = np.rint((days - days[0]) / pd.Timedelta(days=1)).astype(np.int64)
    return np.where(daily.over_500, 501.0, daily.aqi)[:, index]


def daily_from_table(forecast: Forecast, edition_choice: str, switch: datetime,
                     absent: np.ndarray | None = None) -> DailyAqi:
    """A daily AQI table (step 24 h) used as is, or a table of daily mean PM2.5 whose daily AQI is computed with
    the chosen edition; a missing value or a missing day is "insufficient data".

    ``absent`` (per day of the table): days no file gave — between the observations spliced before a forecast
    and its first day (spec §7 E5): insufficient data as any missing day, and not covered by the series, so
    they make one finding for the days, not one for every city (as the hourly reading does)."""
    days = forecast.times.tz_convert(TZ).normalize()
    step_times = pd.date_range(days[0], days[-1], freq="D")
    index = np.rint((days - days[0]) / pd.Timedelta(days=1)).astype(np.int64)
    aqi = np.full((len(forecast.units), len(step_times)), np.nan)
    if "pm25" in forecast.values and (forecast.meta.daily_aqi_from_pm25 or "aqi" not in forecast.values):
        # a table of daily mean PM2.5: the daily AQI is its IAQI with the edition chosen here (issue 28)
        from app.domain.observations import pm25_daily_aqi

        pm25 = np.full(aqi.shape, np.nan)
        pm25[:, index] = forecast.values["pm25"]
        aqi = pm25_daily_aqi(pm25, edition_index(step_times, edition_choice, switch))
    else:
        aqi[:, index] = forecast.values["aqi"]
    insufficient = np.isnan(aqi)
    primary = PrimaryText(np.zeros(aqi.shape, dtype=np.uint8))  # a daily AQI table does not say: none
    hour_step = np.repeat(np.arange(len(step_times)), 24)
    covered = np.ones(len(step_times), dtype=bool)
    if absent is not None:
        covered[index[np.asarray(absent, dtype=bool)]] = False
    return DailyAqi("calendar", step_times, 24, np.minimum(aqi, 500.0), insufficient, aqi > 500, primary,
                    np.where(insufficient, 0, 24), hour_step, edition_index(step_times, edition_choice, switch),
                    covered)
