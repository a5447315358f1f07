"""The national monitoring network's station files (全国城市空气质量实时发布 station data) → unit means per hour.

One CSV per hour (or one file holding many hours), header ``timepoint,stationcode,longitude,latitude,area,
positionname,primarypollutant,aqi,pm10,pm10_24h,pm2_5,pm2_5_24h,o3,…,co_24h``, UTF-8 or GBK, with or without a
byte-order mark; empty cells (and ``—``) are missing. What is done with them, as city assessment does:

- the header may also be in Chinese (时间, 站点编码, 经度, 纬度, 城市, 监测点位名称, PM2.5(μg/m³) …: ``ALIASES``);
- each station is placed in a unit **by its location** (:mod:`app.importing.station_place`): ``area`` is the
  city, and 重庆市 for every Chongqing district, so only the coordinates say which district;
- background stations (``positionname`` ending in （对照点） or (对照点)) are left out;
- each unit's value for an hour is the mean of its stations' valid ``pm2_5`` that hour; the number of stations
  that gave one is kept per unit and hour;
- negative values, zeros (the missing-data placeholder), and values above the scheme's ceiling are missing, each
  reported; text in a number cell, an unreadable time, a missing column are errors (file, row, column).
Findings shown to the officer: a station outside every unit whose ``area`` names a Sichuan or Chongqing city, a
station whose ``area`` disagrees with the unit it lies in, units without any station, and stations of other
provinces (a national file holds all of China) left out, counted.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from app.domain.forecast import TZ, Forecast
from app.domain.scheme import DEFAULT_PLAUSIBLE_MAX
from app.domain.units import UnitTable
from app.errors import InputError, Problem
from app.importing import source
from app.importing.cells import MAX_LISTED, parse_numbers
from app.importing.checks import drop_implausible, plausibility
from app.importing.observed_series import Part
from app.importing.station_place import locate
from app.importing.text import decode
from app.importing.times import parse_time_column

REQUIRED = ("timepoint", "stationcode", "longitude", "latitude", "pm2_5")
OPTIONAL = ("area", "positionname")
BACKGROUND_SUFFIXES = ("（对照点）", "(对照点)")
CHONGQING = ("重庆市", "重庆")
SUFFIXES = (".csv", ".txt")


# the same columns as other downloads of the network's data name them (Chinese headers, PM2.5 with its unit)
ALIASES = {"时间": "timepoint", "监测时间": "timepoint", "日期时间": "timepoint",
           "站点编码": "stationcode", "监测点编码": "stationcode", "站点代码": "stationcode", "点位编码": "stationcode",
           "站号": "stationcode", "经度": "longitude", "lon": "longitude", "纬度": "latitude", "lat": "latitude",
           "城市": "area", "所属城市": "area", "城市名称": "area", "监测点位名称": "positionname",
           "点位名称": "positionname", "站点名称": "positionname", "监测点名称": "positionname", "pm2.5": "pm2_5",
           "pm25": "pm2_5", "细颗粒物": "pm2_5"}
_UNIT_SUFFIX = re.compile(r"[（(][^）)]*[）)]\s*$")


def _header_fields(line: str) -> list[str]:
    """The header's column names, lower case, with the aliases above read as the network's own names."""
    names = [_UNIT_SUFFIX.sub("", c.strip().strip('"').strip()).strip().lower()
             for c in line.lstrip("\ufeff").split(",")]
    return [ALIASES.get(n, n) for n in names]


def is_station_file(path: Path) -> bool:
    """True when the file's first table line is a station-file header (it names timepoint and stationcode)."""
    if not Path(path).is_file():  # a FIFO or a device is never opened here (it could block); the reader says why
        return False
    try:
        with Path(path).open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    head = head.removeprefix(b"\xef\xbb\xbf")
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as exc:  # 4 KB may end inside a character; anything earlier means GBK
        text = head[:exc.start].decode("utf-8") if exc.start >= len(head) - 3 else \
            head.decode("gb18030", errors="ignore")
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            fields = _header_fields(line)
            return "timepoint" in fields and "stationcode" in fields
    return False


@dataclass
class _Rows:
    """The cells of every data row of every file read, column by column, with each row's file and line."""

    columns: dict[str, list[str]]
    files: list[str]
    lines: list[int]


def _read_file(path: Path, rows: _Rows, digest) -> None:
    name = str(path)
    data = source.read_limited(path, source.MAX_TABLE_BYTES, "station files")
    digest.update(data)
    text, _ = decode(data, name)
    lines = text.splitlines()
    at = next((i for i, line in enumerate(lines) if line.strip() and not line.lstrip().startswith("#")), None)
    if at is None:
        raise InputError(Problem("the station file is empty", file=name,
                                 expected="a header timepoint,stationcode,longitude,latitude,…,pm2_5,… and rows"))
    header = _header_fields(lines[at])
    for column in REQUIRED:
        if column not in header:
            raise InputError(Problem(f"the station file has no {column} column", file=name, row=at + 1,
                                     column=column, value=lines[at][:160],
                                     expected="the national network's header timepoint,stationcode,longitude,"
                                              "latitude,area,positionname,primarypollutant,aqi,pm10,…,pm2_5,…"))
    wanted = {c: header.index(c) for c in (*REQUIRED, *OPTIONAL) if c in header}
    body = [(number, line) for number, line in enumerate(lines[at + 1:], start=at + 2)
            if line.replace(",", "").strip()]  # blank lines and lines of commas only carry nothing
    if not body:
        return
    numbers, texts = zip(*body)
    # column by column: the network writes no quotes, so a split is the csv reading (quoted files go through csv)
    records = list(csv.reader(texts)) if any('"' in t for t in texts) else [t.split(",") for t in texts]
    width = len(header)
    for number, cells in zip(numbers, records):
        if len(cells) != width:
            raise InputError(Problem(f"a row with {len(cells)} cells under a header of {width}", file=name,
                                     row=number, value=",".join(cells)[:120],
                                     expected=f"{width} comma-separated cells, as in the header"))
    columns = list(zip(*records))
    for column in (*REQUIRED, *OPTIONAL):
        rows.columns[column].extend([c.strip() for c in columns[wanted[column]]] if column in wanted
                                    else [""] * len(records))
    rows.files.extend([name] * len(records))
    rows.lines.extend(numbers)


def station_paths(path: Path) -> list[Path]:
    """The station files a path stands for: the file itself, or the station files in a folder (by name)."""
    if not path.is_dir():
        return [path]
    found = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES and is_station_file(p))
    if not found:
        raise InputError(Problem("the folder holds no station files", file=str(path),
                                 expected="CSV files with the header timepoint,stationcode,longitude,latitude,…"))
    return found


def read_station_files(path: str | Path, *, units: UnitTable, boundaries=None,
                       ceilings: Mapping[str, float] | None = None) -> tuple[Part, list[Problem]]:
    """Unit means of hourly PM2.5 from a station file or a folder of them, with station counts and findings."""
    path = Path(path)
    files = station_paths(path)
    rows = _Rows({c: [] for c in (*REQUIRED, *OPTIONAL)}, [], [])
    digest = hashlib.sha256()
    for file in files:
        _read_file(file, rows, digest)
    if not rows.lines:
        raise InputError(Problem("the station files have a header but no data rows", file=str(path),
                                 expected="one row per station and hour below the header"))
    findings: list[Problem] = []
    if boundaries is not None and not hasattr(boundaries, "gdf"):  # a path: the office's own polygons, checked
        from maps.boundaries import load_boundaries

        boundaries = load_boundaries(boundaries)
        findings.extend(boundaries.warnings)
    times = _times(rows)
    lon = _numbers(rows, "longitude", "a longitude in degrees east")
    lat = _numbers(rows, "latitude", "a latitude in degrees north")
    pm25 = _pm25(rows, ceilings if ceilings is not None else DEFAULT_PLAUSIBLE_MAX, findings)
    codes, station_ids = pd.factorize(pd.Series(rows.columns["stationcode"], dtype=object))
    first = _first_rows(codes, len(station_ids))
    s_lon, s_lat = _station_coordinates(codes, lon, lat, len(station_ids))
    names = units.names()
    s_unit = np.full(len(station_ids), -1, dtype=np.int64)
    placed = np.isfinite(s_lon) & np.isfinite(s_lat)
    s_unit[placed] = locate(s_lon[placed], s_lat[placed], names, boundaries)
    area = np.array(rows.columns["area"], dtype=object)[first]
    position = np.array(rows.columns["positionname"], dtype=object)[first]
    background = np.array([str(p).strip().endswith(BACKGROUND_SUFFIXES) for p in position], dtype=bool)
    findings.extend(_station_findings(rows, first, station_ids, s_unit, area, position, background, placed, names,
                                      units))
    use = ~background & (s_unit >= 0)
    start = times.min()
    hour = ((times - start) // np.timedelta64(1, "h")).astype(np.int64)
    n_t = int(hour.max()) + 1
    station_of_row = codes
    keep = use[station_of_row]
    findings.extend(_duplicates(rows, station_of_row, hour, n_t, pm25, station_ids, keep))
    # one value per station and hour (the later row wins), then the units' means
    grid = np.full((len(station_ids), n_t), np.nan)
    grid[station_of_row[keep], hour[keep]] = pm25[keep]
    findings.extend(_station_gaps(grid, use, station_ids, area, position, str(path)))
    unit_ids = sorted(set(s_unit[use].tolist()))
    out_names = [names[u] for u in unit_ids]
    sums = np.zeros((len(unit_ids), n_t))
    counts = np.zeros((len(unit_ids), n_t), dtype=np.int64)
    position_of = {u: i for i, u in enumerate(unit_ids)}
    for s in np.flatnonzero(use):
        valid = np.isfinite(grid[s])
        i = position_of[int(s_unit[s])]
        sums[i, valid] += grid[s, valid]
        counts[i, valid] += 1
    with np.errstate(invalid="ignore", divide="ignore"):
        means = np.where(counts > 0, sums / np.maximum(counts, 1), np.nan)
    missing = [n for n in names if n not in set(out_names)]
    if missing:
        shown = "、".join(missing[:12]) + ("…" if len(missing) > 12 else "")
        findings.append(Problem(f"{len(missing)} of {len(names)} units have no station in the station files: "
                                f"{shown}", severity="warning", file=str(path), action="excluded",
                                units=tuple(missing)))
    for i, unit in enumerate(out_names):
        empty = np.flatnonzero(counts[i] == 0)
        if empty.size:
            when = pd.Timestamp(start + np.timedelta64(int(empty[0]), "h"))
            findings.append(Problem(f"{unit}: {empty.size} hours without a valid station value (first "
                                    f"{when:%Y-%m-%d %H:%M})", severity="warning", file=str(path), column="pm2_5",
                                    action="excluded", units=(unit,)))
    index = pd.DatetimeIndex(start + np.arange(n_t) * np.timedelta64(1, "h")).tz_localize(TZ)
    forecast = Forecast(index, out_names, {"pm25": means}, missing_units=missing)
    findings.extend(plausibility(forecast, file=str(path)))  # the unit means, as a city table's values are checked
    stations = int(np.count_nonzero(use & np.isfinite(grid).any(axis=1)))  # placed, not background, with values
    return Part(str(path), forecast, counts, digest.hexdigest(), "stations", stations), findings


def _times(rows: _Rows) -> np.ndarray:
    texts = rows.columns["timepoint"]
    try:  # all files at once (a few hundred distinct times); file by file only to name the file of an error
        parsed = parse_time_column(texts, file="", rows=rows.lines, column="timepoint")
    except InputError:
        parsed = None
    if parsed is not None and not parsed.off_hour_rows:
        return parsed.values
    for file, at, stop in _file_spans(rows.files):
        parsed = parse_time_column(texts[at:stop], file=file, rows=rows.lines[at:stop], column="timepoint")
        if parsed.off_hour_rows:
            raise InputError(Problem("a time that is not on the hour", file=file, row=parsed.off_hour_rows[0],
                                     column="timepoint", expected="hourly data: times such as 2026-01-06 08:00:00"))
    raise AssertionError("unreachable: a time failed in all files but in none alone")


def _file_spans(files: list[str]):
    at = 0
    for k in range(1, len(files) + 1):
        if k == len(files) or files[k] != files[at]:
            yield files[at], at, k
            at = k


def _numbers(rows: _Rows, column: str, expected: str, **flags) -> np.ndarray:
    texts = rows.columns[column]
    lines = np.asarray(rows.lines)
    try:  # all files at once; file by file only to name the file of an error
        return parse_numbers(texts, file="", rows=lines, column=column, expected=expected, **flags)
    except InputError:
        pass
    for file, at, stop in _file_spans(rows.files):
        parse_numbers(texts[at:stop], file=file, rows=lines[at:stop], column=column, expected=expected, **flags)
    raise AssertionError("unreachable: a cell failed in all files but in none alone")


def _pm25(rows: _Rows, ceilings: Mapping[str, float], findings: list[Problem]) -> np.ndarray:
    """PM2.5 with negatives, zeros and values beyond the ceiling made missing, each reported."""
    values = _numbers(rows, "pm2_5", "a concentration in µg/m³ (≥ 0)", allow_negative=True, allow_inf=True)
    texts = rows.columns["pm2_5"]
    negative = np.flatnonzero(values < 0)
    for i in negative[:MAX_LISTED]:
        findings.append(Problem("a negative PM2.5 value, treated as missing", severity="warning", file=rows.files[i],
                                row=rows.lines[i], column="pm2_5", value=texts[i], expected="a value ≥ 0",
                                action="excluded"))
    if negative.size > MAX_LISTED:
        findings.append(Problem(f"{negative.size} negative PM2.5 values treated as missing "
                                f"({negative.size - MAX_LISTED} more not listed)", severity="warning",
                                column="pm2_5", expected="a value ≥ 0", action="excluded"))
    zero = np.flatnonzero(values == 0)
    if zero.size:
        i = zero[0]
        findings.append(Problem(f"{zero.size} zero PM2.5 values read as missing (the missing-data placeholder)",
                                severity="warning", file=rows.files[i], row=rows.lines[i], column="pm2_5",
                                value=texts[i], expected="a measured value > 0", action="excluded"))
    values[negative] = np.nan
    values[zero] = np.nan
    ceiling = ceilings.get("pm25")
    with np.errstate(invalid="ignore"):
        beyond = np.isinf(values) | (values > ceiling if ceiling is not None else False)
    if not beyond.any():
        return values
    for file, at, stop in _file_spans(rows.files):  # reported file by file, as the forecast importer does
        if beyond[at:stop].any():
            values[at:stop], found = drop_implausible(values[at:stop], ceiling, file=file, column="pm2_5",
                                                      place=lambda i, at=at: {"row": rows.lines[at + i]},
                                                      shown=lambda i, at=at: texts[at + i])
            findings.extend(found)
    return values


def _first_rows(codes: np.ndarray, n: int) -> np.ndarray:
    first = np.full(n, len(codes), dtype=np.int64)
    np.minimum.at(first, codes, np.arange(len(codes)))
    return first


def _station_coordinates(codes, lon, lat, n):
    """Each station's position: its first row with both coordinates (NaN when it never has them)."""
    good = np.isfinite(lon) & np.isfinite(lat)
    first = np.full(n, len(codes), dtype=np.int64)
    np.minimum.at(first, codes[good], np.flatnonzero(good))
    s_lon, s_lat = np.full(n, np.nan), np.full(n, np.nan)
    has = first < len(codes)
    s_lon[has], s_lat[has] = lon[first[has]], lat[first[has]]
    return s_lon, s_lat


def _station_findings(rows, first, station_ids, s_unit, area, position, background, placed, names,
                      units: UnitTable) -> list[Problem]:
    out: list[Problem] = []
    if background.any():
        listed = "、".join(f"{station_ids[s]} {position[s]}" for s in np.flatnonzero(background)[:8])
        out.append(Problem(f"{int(background.sum())} background stations (对照点) left out, as city assessment "
                           f"does: {listed}", severity="note", column="positionname", action="excluded"))
    others = 0
    outside: list[Problem] = []
    disagree: list[Problem] = []
    for s in np.flatnonzero(~placed & ~background):
        i = first[s]
        out.append(Problem(f"station {station_ids[s]} has no coordinates and cannot be placed in a unit",
                           severity="warning", file=rows.files[i], row=rows.lines[i], column="longitude",
                           value=f"{rows.columns['longitude'][i]}, {rows.columns['latitude'][i]}",
                           expected="longitude and latitude in degrees",
                           action="excluded"))
    for s in np.flatnonzero(placed & ~background):
        city = str(area[s]).strip()
        ours = city in CHONGQING or (units.resolve(city) is not None)
        i = first[s]
        where = {"file": rows.files[i], "row": rows.lines[i]}
        if s_unit[s] < 0:
            if not ours:
                others += 1
                continue
            outside.append(Problem(f"station {station_ids[s]} ({city} {position[s]}) lies outside every unit",
                               severity="warning", column="longitude", action="excluded",
                               value=f"{rows.columns['longitude'][i]}, {rows.columns['latitude'][i]}",
                               expected=f"a position inside {city}", **where))
            continue
        unit = units.by_name[names[s_unit[s]]]
        if not city:
            continue
        agrees = (unit.province == "重庆市") if city in CHONGQING else (
            units.resolve(city) is not None and units.resolve(city).name == unit.name)
        if not agrees:
            disagree.append(Problem(f"station {station_ids[s]} ({position[s]}) is listed under {city} but lies in "
                               f"{unit.name}; it is counted in {unit.name} (by its location)", severity="warning",
                               column="area", value=city,
                               expected=f"the city of the unit it lies in ({unit.name if unit.province != '重庆市' else '重庆市'})",
                               action="assumed", units=(unit.name,), **where))
    out.extend(outside[:MAX_LISTED])
    if len(outside) > MAX_LISTED:
        out.append(Problem(f"{len(outside)} stations listed under a Sichuan or Chongqing city lie outside every "
                           f"unit ({len(outside) - MAX_LISTED} more not listed)", severity="warning",
                           column="longitude", action="excluded"))
    out.extend(disagree[:MAX_LISTED])
    if len(disagree) > MAX_LISTED:
        out.append(Problem(f"{len(disagree)} stations are listed under another city than the unit they lie in "
                           f"({len(disagree) - MAX_LISTED} more not listed); each is counted where it lies",
                           severity="warning", column="area", action="assumed"))
    if others:
        out.append(Problem(f"{others} stations of other provinces (outside Sichuan and Chongqing) left out",
                           severity="note", column="area", action="excluded"))
    return out


def _duplicates(rows, station, hour, n_t, pm25, station_ids, keep) -> list[Problem]:
    key = station[keep].astype(np.int64) * n_t + hour[keep]
    idx = np.flatnonzero(keep)
    order = np.argsort(key, kind="stable")
    same = np.flatnonzero(key[order][1:] == key[order][:-1])
    if not same.size:
        return []
    a, b = idx[order[same[0]]], idx[order[same[0] + 1]]
    differ = sum(1 for j in same if not (np.isnan(pm25[idx[order[j]]]) and np.isnan(pm25[idx[order[j + 1]]]))
                 and pm25[idx[order[j]]] != pm25[idx[order[j + 1]]])
    return [Problem(f"{same.size} station-hours given twice ({differ} with different PM2.5); the later row is used",
                    severity="warning" if differ else "note", file=rows.files[b], row=rows.lines[b],
                    column="timepoint", value=f"{station_ids[station[b]]} {rows.columns['timepoint'][b]}",
                    expected=f"one row per station and hour (first in {Path(rows.files[a]).name}, row "
                             f"{rows.lines[a]})", action="excluded")]


def _station_gaps(grid, use, station_ids, area, position, file: str) -> list[Problem]:
    """One note for the stations that lack hours (their units' means are over the others those hours)."""
    lacking = np.where(use, np.isnan(grid).sum(axis=1), 0)
    worst = np.argsort(-lacking, kind="stable")[: int(np.count_nonzero(lacking))][:5]
    if not worst.size:
        return []
    listed = "、".join(f"{station_ids[s]} {area[s]} {position[s]} {int(lacking[s])}" for s in worst)
    return [Problem(f"{int(np.count_nonzero(lacking))} stations lack PM2.5 for some hours (station, hours): {listed}",
                    severity="note", file=file, column="pm2_5", action="excluded")]
