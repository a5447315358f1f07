"""Observed hours before the forecast (spec §7): one series, observations before the forecast's first hour f and
the forecast from f on.

    splice(forecast, observed, edition, switch) -> Spliced(forecast, f, observed_hours, findings)

The rules (daily AQI, city and regional episodes, the merge) then read the spliced series as they read a forecast.
Observed wins before f, the forecast from f on: observations at or after f are ignored, and a finding says so.

- hourly forecast, hourly observations: the observed hours before f, then the forecast's hours;
- hourly forecast, daily observations: each observed day's mean PM2.5 (or its daily AQI turned back into PM2.5,
  spec §3) on every hour of the day before f — a calendar day's mean is the day's value;
- daily forecast: a daily table of the observed days before f's day (hourly observations give their calendar
  days' AQI, spec §3), then the forecast's days.
Where one side gives PM2.5 and the other only AQI, the AQI side is turned into PM2.5 (spec §3) so that one field
runs through the series. Units follow the forecast; observed units the forecast lacks are named and left out.

Hours before f with no observation are missing, never adjacent to anything (docs/rules-readings.md E5): the spliced
series stays regular, the hours (days, for a daily forecast) between the observations and f present as missing
values. Observations ending more than ``STALE_DAYS`` before f cannot affect anything from f on (longer than any
merge interval, lead time or 过程): they are not spliced, and a finding says so.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

import numpy as np
import pandas as pd

from app.domain.aqi import EDITIONS, load_edition, pm25_from_aqi
from app.domain.daily import at_or_after, daily_from_hourly, daily_table_aqi, edition_index
from app.domain.forecast import TZ, Forecast
from app.errors import Problem

HOUR = pd.Timedelta(hours=1)
DAY = pd.Timedelta(days=1)
STALE_DAYS = 7  # observations ending more than this before f are not spliced (E5)


@dataclass
class Spliced:
    forecast: Forecast  # the series the rules read (the forecast's meta)
    forecast_start: datetime  # f
    observed_hours: int  # hours of the series before f
    findings: list[Problem]
    absent: np.ndarray | None = None  # (times,) bool: steps before f nobody gave, filled as missing (E5); None: none


def splice(forecast: Forecast, observed: Forecast | None, edition: str, switch: datetime,
           min_valid_hours: int = 20) -> Spliced:
    f = forecast.times[0].tz_convert(TZ)
    if observed is None or not len(observed.times) or not observed.units:
        return Spliced(forecast, f.to_pydatetime(), 0, [])
    stale = _stale(observed, f)
    if stale is not None:
        return Spliced(forecast, f.to_pydatetime(), 0, [stale])
    findings = _overlap(forecast, observed, f)
    ours = set(forecast.units)
    dropped = [u for u in observed.units if u not in ours]
    if dropped:
        findings.append(Problem(f"{len(dropped)} observed units are not in the forecast and were left out: "
                                f"{'、'.join(dropped)}", file=observed.meta.source_path or None,
                                severity="note", action="excluded", units=tuple(dropped)))
    if forecast.is_daily:
        series, absent = _daily(forecast, observed, f, edition, switch, min_valid_hours)
    else:
        series, absent = _hourly(forecast, observed, f, edition, switch)
    hours = int(round((f - series.times[0].tz_convert(TZ)) / HOUR)) if series is not forecast else 0
    if absent is not None:  # the forecast's steps are given
        absent = np.concatenate([absent, np.zeros(len(forecast.times), dtype=bool)])
    return Spliced(series, f.to_pydatetime(), max(hours, 0), findings, absent)


def _overlap(forecast: Forecast, observed: Forecast, f: pd.Timestamp) -> list[Problem]:
    times = observed.times.tz_convert(TZ)
    last = times[-1] if observed.step_hours == 1 else times[-1] + (observed.step_hours - 1) * HOUR
    if last < f:
        return []
    first = max(times[0], f)
    hours = int(round((last - first) / HOUR)) + 1
    return [Problem(f"the observations overlap the forecast for {hours} hours ({first:%Y-%m-%d %H:%M} to "
                    f"{last:%Y-%m-%d %H:%M}): the forecast is used from its first hour on, the observations "
                    f"before it", file=observed.meta.source_path or None, severity="note", action="excluded")]


def _stale(observed: Forecast, f: pd.Timestamp) -> Problem | None:
    """A finding when the observations end more than STALE_DAYS before f (they are then not spliced)."""
    times = observed.times
    tick = pd.Timedelta(1, unit=times.unit).value  # the instants' integers in their unit (a long winter's index)
    end = int(times.asi8.max()) + observed.step_hours * (HOUR.value // tick)  # the last observation's end
    gap = f.value // tick - end  # between the end of the last observation and f, in ticks
    if gap <= STALE_DAYS * DAY.value // tick:
        return None
    last = pd.Timestamp(end - observed.step_hours * (HOUR.value // tick), unit=times.unit, tz="UTC").tz_convert(TZ)
    hours = int(round(gap / (HOUR.value // tick)))
    when = f"{last:%Y-%m-%d}" if observed.is_daily else f"{last:%Y-%m-%d %H:%M}"
    return Problem(f"observations not spliced before the forecast: they end {hours / 24:.1f} days ({hours} hours) "
                   f"before its first hour (last observed {when}, forecast from {f:%Y-%m-%d %H:%M}), more than "
                   f"{STALE_DAYS} days, too long before it to affect its reading",
                   file=observed.meta.source_path or None, value=when, severity="note", action="excluded")


def _regular(times: pd.DatetimeIndex, values: dict[str, np.ndarray], end: pd.Timestamp, step: pd.Timedelta
             ) -> tuple[pd.DatetimeIndex, dict[str, np.ndarray], np.ndarray | None]:
    """The observed steps before f on a regular axis from their first step up to ``end`` (f, or f's day), the
    steps nobody observed as missing values (E5), and which steps those are (None when there is none:
    observations that already run step by step up to f are kept as they are)."""
    tick = pd.Timedelta(1, unit=times.unit).value  # as the hourly grid does: the instants' integers, no timedeltas
    ints, per = times.asi8, step.value // tick
    first = int(ints.min())
    n = int(round((end.value // tick - first) / per))
    index = (ints - first) // per
    if len(index) == n and np.array_equal(index, np.arange(n)):
        return times, values, None
    axis = pd.date_range(times[int(np.argmin(ints))], periods=n, freq=step, unit=times.unit)
    out = {}
    for name, v in values.items():
        placed = np.full((v.shape[0], n), np.nan)
        placed[:, index] = v
        out[name] = placed
    absent = np.ones(n, dtype=bool)
    absent[index] = False
    return axis, out, absent


def _rows(forecast: Forecast, observed: Forecast, values: np.ndarray) -> np.ndarray:
    """Observed values (observed units × steps) on the forecast's unit rows; NaN for units not observed."""
    row_of = {u: i for i, u in enumerate(observed.units)}
    rows = [row_of.get(unit, -1) for unit in forecast.units]
    if -1 not in rows:
        return values[rows].astype(np.float64, copy=False)  # every unit observed: one look-up
    out = np.full((len(forecast.units), values.shape[1]), np.nan)
    for i, row in enumerate(rows):
        if row >= 0:
            out[i] = values[row]
    return out


def _pm25(values: dict[str, np.ndarray], times: pd.DatetimeIndex, edition: str, switch: datetime) -> np.ndarray:
    """PM2.5 of a side: given, or its AQI turned back into PM2.5 through the edition in force at each time."""
    if "pm25" in values:
        return values["pm25"]
    aqi = values["aqi"]
    which = edition_index(times, edition, switch)
    out = np.full(aqi.shape, np.nan)
    for i in sorted(set(which.tolist())):
        cols = which == i
        out[:, cols] = pm25_from_aqi(aqi[:, cols], load_edition(EDITIONS[i]))[0]
    return out


def _hourly(forecast: Forecast, observed: Forecast, f: pd.Timestamp, edition: str, switch: datetime
            ) -> tuple[Forecast, np.ndarray | None]:
    if observed.is_daily:
        days = observed.times.tz_convert(TZ).normalize()
        daily_pm25 = _pm25(observed.values, days, edition, switch) if "pm25" in observed.values else \
            _pm25({"aqi": daily_table_aqi(observed, edition, switch)}, days, edition, switch)
        obs_times = pd.DatetimeIndex([d + k * HOUR for d in days for k in range(24)])
        obs_values = {"pm25": np.repeat(daily_pm25, 24, axis=1)}
    else:
        obs_times, obs_values = observed.times.tz_convert(TZ), dict(observed.values)
    before = np.asarray(obs_times < f) if obs_times.hasnans else ~at_or_after(obs_times, f)
    if not before.any():
        return forecast, None
    n_before = int(np.count_nonzero(before))
    # observations in time order (as an import gives them): those before f are the first ones, a slice
    obs_times = obs_times[:n_before] if before[:n_before].all() else obs_times[before]
    obs_values = {k: _rows(forecast, observed, v[:, before]) for k, v in obs_values.items()}
    obs_times, obs_values, absent = _regular(obs_times, obs_values, f, HOUR)
    fc_values = dict(forecast.values)
    if ("pm25" in obs_values) != ("pm25" in fc_values):  # one side gives AQI only: both as PM2.5
        obs_values["pm25"] = _pm25(obs_values, obs_times, edition, switch)
        fc_values["pm25"] = _pm25(fc_values, forecast.times, edition, switch)
    fields = [k for k in fc_values if k in obs_values or k != "aqi"] + [k for k in obs_values
                                                                         if k not in fc_values and k != "aqi"]
    n_obs = len(obs_times)
    values = {}
    for name in fields:
        arr = np.full((len(forecast.units), n_obs + len(forecast.times)), np.nan)
        if name in obs_values:
            arr[:, :n_obs] = obs_values[name]
        if name in fc_values:
            arr[:, n_obs:] = fc_values[name]
        values[name] = arr
    met = {k: np.concatenate([np.full((len(forecast.units), n_obs), np.nan), v], axis=1)
           for k, v in forecast.met.items()}
    times = obs_times.append(forecast.times.tz_convert(TZ))
    return replace(forecast, times=times, values=values, met=met), absent


def _daily(forecast: Forecast, observed: Forecast, f: pd.Timestamp, edition: str, switch: datetime,
           min_valid_hours: int) -> tuple[Forecast, np.ndarray | None]:
    if observed.is_daily:
        days = observed.times.tz_convert(TZ).normalize()
        aqi = daily_table_aqi(observed, edition, switch)
    else:
        daily = daily_from_hourly(observed, "calendar", edition, switch, min_valid_hours)[0]
        days, aqi = daily.step_times, daily.aqi
    before = np.asarray(days < f.normalize())
    if not before.any():
        return forecast, None
    days, obs, absent = _regular(days[before], {"aqi": _rows(forecast, observed, aqi[:, before])}, f.normalize(),
                                 DAY)
    obs = obs["aqi"]
    fc = daily_table_aqi(forecast, edition, switch)
    values = {"aqi": np.concatenate([obs, fc], axis=1)}
    met = {k: np.concatenate([np.full((len(forecast.units), len(days)), np.nan), v], axis=1)
           for k, v in forecast.met.items()}
    return replace(forecast, times=days.append(forecast.times.tz_convert(TZ)), values=values, met=met), absent
