"""Several observed files → one series to splice before a forecast (spec §7): :class:`ObservedSeries`.

Each file gives a :class:`Part`: hourly PM2.5 (a city table's hours, or the unit means of the national network's
station files, with their station counts) or daily values (a city table of daily means or daily AQI, with both
the daily mean PM2.5 and the daily AQI of the edition in force). :func:`merge_parts` puts them on one time axis:

- hourly when any file is hourly: the axis runs from the first to the last hour any file gives; a unit-day that
  only a daily file gives is spread over its 24 hours (its daily mean is then right, rolling 24 h means only
  approximately: a note says so); a daily value where hourly values exist is left out;
- daily when every file is daily (``pm25`` and ``aqi``);
- where two files give the same unit and hour, the later file (in the order given) is used; the overlap is a note
  when the values agree (within 0.5 µg/m³ or 1 %), a warning naming both files and the first place when not;
- hours between files when no unit has a value are a note (what the engine cannot see is said).

``station_counts`` (units × hours) is the number of stations that gave a valid value, -1 where the value came
from a city table (the count is not known), None when no station file was read.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd

from app.domain.aqi import EDITIONS, load_edition, pm25_from_aqi
from app.domain.daily import edition_index
from app.domain.forecast import TZ, Forecast, ForecastMeta
from app.domain.observations import daily_values
from app.domain.units import UnitTable
from app.errors import Problem

HOUR = pd.Timedelta(hours=1)
# what an observed file is: the national network's station files, or a city table of hourly values, daily mean
# PM2.5 or daily AQI (a city table's kind as :class:`app.importing.observed.CityTable` reads it)
KINDS = ("stations", "hourly", "daily-pm25", "daily-aqi")
AGREE_ABS = 0.5  # µg/m³: two files giving the same hour within this (or AGREE_REL) agree
AGREE_REL = 0.01


@dataclass
class Part:
    """One file's contribution: hourly ``pm25`` (``step_hours`` 1) or daily ``pm25`` + ``aqi`` (24)."""

    path: str
    forecast: Forecast
    counts: np.ndarray | None = None  # units × steps, stations with a valid value (station files only)
    sha256: str = ""
    kind: str = "hourly"  # what the file is (:data:`KINDS`)
    stations: int | None = None  # station files: how many stations gave values (placed, background left out)


@dataclass
class ObservedSeries:
    """What was observed, as one series the engine splices before a forecast's first hour."""

    forecast: Forecast  # hourly pm25, or (only daily files) a daily table with pm25 and aqi
    station_counts: np.ndarray | None  # units × steps of ``forecast``; -1 = from a city table; None = no stations
    findings: list[Problem] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)
    files: list[ObservedFile] = field(default_factory=list)  # one per path given: what a record keeps of it

    @property
    def is_daily(self) -> bool:
        return self.forecast.is_daily


@dataclass(frozen=True)
class ObservedFile:
    """What a decision keeps about one observed file or folder (a 会商 record, spec §7): enough to find the very
    data again (its sha256: the file's bytes; a folder of station files: every file's bytes in name order), the
    hours it gives (first and last hour, inclusive; a daily file's days run to 23:00) and what kind of data it is
    (:data:`KINDS`; station files with the number of stations), which the 会商纪要 states."""

    path: str
    sha256: str
    start: datetime
    end: datetime
    kind: str = ""  # "" in a record from before kinds were kept
    stations: int | None = None

    @property
    def hours(self) -> int:
        return int(round((self.end - self.start) / HOUR)) + 1

    @property
    def name(self) -> str:
        return Path(self.path).name

    def to_json(self) -> dict:
        return {"name": self.name, "path": self.path, "sha256": self.sha256, "start": self.start.isoformat(),
                "end": self.end.isoformat(), "hours": self.hours, "kind": self.kind, "stations": self.stations}

    @classmethod
    def of(cls, part: Part) -> ObservedFile:
        times = part.forecast.times.tz_convert(TZ)
        last = times[-1] + (23 * HOUR if part.forecast.is_daily else 0 * HOUR)
        return cls(str(Path(part.path).resolve()), part.sha256, times[0].to_pydatetime(), last.to_pydatetime(),
                   part.kind, part.stations)


def hourly_part(path: str, forecast: Forecast, switch: datetime, findings: list[Problem],
                sha256: str = "", kind: str = "hourly") -> Part:
    """A city table's part: hourly PM2.5 as given (hourly AQI only: the PM2.5 whose IAQI it is), or the
    daily means and daily AQI of a daily table."""
    if forecast.is_daily:
        daily = daily_values(forecast, switch)
        out = Forecast(daily.days, list(daily.units), {"pm25": daily.pm25, "aqi": daily.aqi}, step_hours=24,
                       missing_units=list(forecast.missing_units))
        return Part(path, out, None, sha256, kind)
    if "pm25" in forecast.values:
        pm25 = forecast.values["pm25"]
    else:
        editions = edition_index(forecast.times, "auto", switch)
        pm25 = np.full(forecast.values["aqi"].shape, np.nan)
        for i in sorted(set(editions.tolist())):
            cols = editions == i
            pm25[:, cols] = pm25_from_aqi(forecast.values["aqi"][:, cols], load_edition(EDITIONS[i]))[0]
        findings.append(Problem("hourly AQI only: the hourly PM2.5 is computed back from the AQI", severity="note",
                                file=path, column="aqi", expected="a pm25 column (hourly PM2.5 in µg/m³)",
                                action="assumed"))
    out = Forecast(forecast.times, list(forecast.units), {"pm25": pm25}, missing_units=list(forecast.missing_units))
    return Part(path, out, None, sha256, kind)


def merge_parts(parts: list[Part], units: UnitTable, switch: datetime) -> tuple[Forecast, np.ndarray | None,
                                                                               list[Problem]]:
    """One series from the parts, in the order given (later files win where they overlap)."""
    findings: list[Problem] = []
    present = {u for p in parts for u in p.forecast.units}
    names = [u for u in units.names() if u in present]
    row = {u: i for i, u in enumerate(names)}
    hourly = any(not p.forecast.is_daily for p in parts)
    stations = any(p.counts is not None for p in parts)
    if hourly:
        first = min(p.forecast.times[0] for p in parts)
        last = max(p.forecast.times[-1] + (23 * HOUR if p.forecast.is_daily else 0 * HOUR) for p in parts)
        times = pd.date_range(first, last, freq="h")
    else:
        times = pd.date_range(min(p.forecast.times[0] for p in parts), max(p.forecast.times[-1] for p in parts),
                              freq="D")
    shape = (len(names), len(times))
    pm25 = np.full(shape, np.nan)
    aqi = np.full(shape, np.nan) if not hourly else None
    source = np.full(shape, -1, dtype=np.int64)  # which part gave the value
    counts = np.full(shape, -1, dtype=np.int64) if stations else None
    spread: list[tuple[Part, int, int]] = []  # daily parts in an hourly series: (part, unit-days used, skipped)
    for k, part in enumerate(parts):
        f = part.forecast
        rows = np.array([row[u] for u in f.units], dtype=np.int64)
        if hourly and f.is_daily:
            continue  # spread below, into the hours no hourly file gives
        cols = np.rint(np.asarray((f.times - times[0]) / (times[1] - times[0] if len(times) > 1 else HOUR))).astype(np.int64)
        new = f.values["pm25"]
        old = pm25[rows][:, cols]
        given = np.isfinite(new)
        both = given & np.isfinite(old)
        if both.any():
            findings.extend(_overlap(parts, source[rows][:, cols], old, new, both, k, names, rows, times, cols))
        block = pm25[rows[:, None], cols[None, :]]
        block[given] = new[given]
        pm25[rows[:, None], cols[None, :]] = block
        src = source[rows[:, None], cols[None, :]]
        src[given] = k
        source[rows[:, None], cols[None, :]] = src
        if aqi is not None:
            sub = aqi[rows[:, None], cols[None, :]]
            sub[given] = f.values["aqi"][given]
            aqi[rows[:, None], cols[None, :]] = sub
        if counts is not None:
            sub = counts[rows[:, None], cols[None, :]]
            sub[given] = part.counts[given] if part.counts is not None else -1
            if part.counts is not None:  # hours a station file covers without a valid value: 0 stations
                sub[~given & (sub < 0)] = 0
            counts[rows[:, None], cols[None, :]] = sub
    for k, part in enumerate(parts):
        if hourly and part.forecast.is_daily:
            rows = np.array([row[u] for u in part.forecast.units], dtype=np.int64)
            spread.append((part, *_spread_daily(part, rows, times, pm25, source, k)))
    for part, used, skipped in spread:
        if used:
            findings.append(Problem(f"{used} unit-days of daily means spread over their 24 hours (no hourly values "
                                    "there): their daily means are exact, rolling 24-hour means only approximate",
                                    severity="note", file=part.path, action="assumed",
                                    expected="hourly values for those days, for exact rolling 24-hour means"))
        if skipped:
            findings.append(Problem(f"{skipped} unit-days of daily means not used: hourly values of those days "
                                    "from another file are used instead", severity="note", file=part.path,
                                    action="excluded"))
    findings.extend(_gaps(pm25, times, hourly))
    values = {"pm25": pm25} if aqi is None else {"pm25": pm25, "aqi": aqi}
    digest = hashlib.sha256("".join(p.sha256 for p in parts).encode()).hexdigest() if parts else ""
    meta = ForecastMeta(source_path=parts[0].path if parts else "", sha256=digest,
                        source_format="observed-hourly" if hourly else "observed-daily", label="observed")
    missing = [u for u in units.names() if u not in present]
    index = times if times.tz is not None else times.tz_localize(TZ)
    forecast = Forecast(index, names, values, step_hours=1 if hourly else 24, meta=meta,
                        warnings=list(findings), missing_units=missing)
    return forecast, counts, findings


def _spread_daily(part: Part, rows: np.ndarray, times: pd.DatetimeIndex, pm25: np.ndarray, source: np.ndarray,
                  k: int) -> tuple[int, int]:
    """Fill the hours of unit-days only a daily file gives with the daily mean; (unit-days used, skipped)."""
    f = part.forecast
    used = skipped = 0
    for d, day in enumerate(f.times):
        start = int(round((day - times[0]) / HOUR))
        hours = slice(max(start, 0), min(start + 24, len(times)))
        for i, r in enumerate(rows):
            value = f.values["pm25"][i, d]
            if not np.isfinite(value):
                continue
            if np.isfinite(pm25[r, hours]).any():
                skipped += 1
                continue
            pm25[r, hours] = value
            source[r, hours] = k
            used += 1
    return used, skipped


def _overlap(parts, src, old, new, both, k, names, rows, times, cols) -> list[Problem]:
    """Notes (agreeing) and warnings (differing) for the cells ``parts[k]`` gives that earlier parts gave."""
    out = []
    tolerance = np.maximum(AGREE_ABS, AGREE_REL * np.maximum(np.abs(old), np.abs(new)))
    differ = both & (np.abs(old - new) > tolerance)
    step = "hours" if not parts[k].forecast.is_daily else "days"
    for j in sorted(set(src[both].tolist())):
        mine = both & (src == j)
        bad = differ & mine
        other, this = Path(parts[j].path).name, Path(parts[k].path).name
        if bad.any():
            u, t = np.argwhere(bad)[0]
            when = times[cols[t]]
            stamp = f"{when:%Y-%m-%d %H:%M}" if step == "hours" else f"{when:%Y-%m-%d}"
            affected = tuple(sorted({names[rows[i]] for i in np.flatnonzero(bad.any(axis=1))}))
            out.append(Problem(f"{int(bad.sum())} unit-{step} differ between {other} and {this}; the values of "
                               f"{this} (given later) are used", severity="warning", file=parts[k].path,
                               value=f"{names[rows[u]]} {stamp}: {old[u, t]:g} / {new[u, t]:g}",
                               expected="one value per unit and hour, or the same value in both files",
                               action="excluded", units=affected))
        agree = int((mine & ~differ).sum())
        if agree:
            out.append(Problem(f"{agree} unit-{step} given by both {other} and {this} with the same values",
                               severity="note", file=parts[k].path, action="kept"))
    return out


def _gaps(pm25: np.ndarray, times: pd.DatetimeIndex, hourly: bool) -> list[Problem]:
    """Runs of steps where no unit has a value (between files, or a file's missing hours)."""
    empty = ~np.isfinite(pm25).any(axis=0) if pm25.size else np.zeros(0, dtype=bool)
    out = []
    edges = np.flatnonzero(np.diff(np.concatenate([[0], empty.astype(np.int8), [0]])))
    for a, b in zip(edges[::2], edges[1::2]):
        fmt = "%Y-%m-%d %H:%M" if hourly else "%Y-%m-%d"
        out.append(Problem(f"no observed value for any unit from {times[a]:{fmt}} to {times[b - 1]:{fmt}} "
                           f"({b - a} {'hours' if hourly else 'days'})", severity="warning", action="excluded"))
    return out
