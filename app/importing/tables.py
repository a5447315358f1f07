"""Interpret a :class:`RawTable` as a long, wide or daily forecast table and build the :class:`Forecast`.

- long: ``time, city, pm25[, pm10, so2, no2, co, o3, aqi, aqi_low, aqi_high, <met>]`` in any row order; a
  generic value column (浓度, 预报值) takes the pollutant named in the file or by the caller;
- wide: a time column, then one column per unit; the pollutant comes from a ``pollutant:`` line, a lone title
  cell (``PM2.5``) or the caller; also the transposed layout, cities down the rows and times across;
- daily: like long or wide, but the times are dates and the value is the daily AQI (spec §3, used as is) or the
  daily mean PM2.5 (``date,city,pm25``: the daily AQI is then its IAQI with the edition in force, ``api.py``);
- ranges: ``aqi_low``/``aqi_high`` columns or ``150-200`` in an AQI cell, reduced to the chosen bound.
Units are every unit with a row in the table, in the order of the unit table; known units without rows go to
``missing_units``. The time axis is built in :mod:`app.importing.timeaxis`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from app.domain.forecast import MET_FIELDS, POLLUTANTS, TZ, Forecast, ForecastMeta
from app.domain.scheme import DEFAULT_PLAUSIBLE_MAX
from app.domain.units import UnitTable
from app.errors import InputError, Problem
from app.importing import cells, textcolumn
from app.importing.checks import drop_implausible, unit_sanity
from app.importing.columns import ROLES, Column, classify, known_headers
from app.importing.rawtable import RawTable
from app.importing.textcolumn import TextColumn
from app.importing.timeaxis import MAX_DAYS, excel_serial_text, regular_grid, row_times
from app.importing.times import parse_time_text, to_beijing

RANGE_BOUNDS = ("low", "central", "high")
_PROVINCES = {"重庆", "四川", "chongqing", "sichuan", "川渝"}
_EXPECTED = {f: "a concentration in µg/m³ (≥ 0)" for f in POLLUTANTS}
_EXPECTED["co"] = "a concentration in mg/m³ (≥ 0)"
for _f in ("aqi", "aqi_low", "aqi_high"):
    _EXPECTED[_f] = "an AQI value (0–500)"


@dataclass
class Placed:
    """Values placed on the units × steps grid, and the file row each cell came from (0 = none)."""

    forecast: Forecast
    row_of: np.ndarray


def table_to_forecast(table: RawTable, *, units: UnitTable, pollutant: str | None = None,
                      range_bound: str = "high", observations: bool = False,
                      ceilings: Mapping[str, float] | None = None) -> Placed:
    """``ceilings``: per field, the value above which an hourly value cannot be real (the scheme's
    ``plausibility``; default the bundled scheme's): it is treated as missing and reported, like ±inf.
``observations``: the table holds observed values (``app.importing.observed``): any span of days (the
    366-day limit is for forecasts) and a daily table may give the daily mean PM2.5 concentration."""
    if range_bound not in RANGE_BOUNDS:
        raise InputError(Problem("unknown range bound", value=range_bound, expected=" / ".join(RANGE_BOUNDS)))
    if not table.n_rows:
        raise InputError(Problem("the table has a header but no data rows", file=table.file,
                                 row=table.header_row, expected="one row per city and hour below the header"))
    columns = [classify(i, h) for i, h in enumerate(table.header)]
    table = _times_across(table, columns)
    columns = [classify(i, h) for i, h in enumerate(table.header)]
    roles = _roles(columns, table)
    max_days = None if observations else MAX_DAYS
    rows = table.row_array
    times, daily = row_times(table, roles, rows)
    if "city" in roles:
        layout, unit_names, unit_idx, time_idx, start, n_t, fields = _long(table, columns, roles, units, rows,
                                                                           times, daily, pollutant, max_days)
    else:
        layout, unit_names, unit_idx, time_idx, start, n_t, fields = _wide(table, columns, roles, units, rows,
                                                                           times, daily, pollutant, max_days)
    if "aqi" in fields and "aqi_low" not in fields:  # "150-200" in one AQI cell: a range forecast
        col, texts = fields["aqi"]
        split = cells.split_ranges(texts)
        if split is not None:
            del fields["aqi"]
            fields["aqi_low"], fields["aqi_high"] = (col, split[0]), (col, split[1])
    step = 24 if daily else 1
    n_u = len(unit_names)
    row_of = np.zeros((n_u, n_t), dtype=np.int64)
    cell = unit_idx * n_t + time_idx  # each row's cell of the grid, flat: one index for every array filled below
    row_of.reshape(-1)[cell] = np.tile(rows, len(unit_idx) // len(rows))
    extra = sorted(set(fields) - set(MET_FIELDS) - {"aqi", "aqi_low", "aqi_high", "pm25"})
    if daily and extra:
        raise InputError(Problem("a daily table carries the daily AQI or the daily mean PM2.5 only", file=table.file,
                                 row=table.header_row, column=", ".join(fields[f][0].header for f in extra),
                                 expected="columns date, city, aqi (or aqi_low + aqi_high) or pm25 (the daily mean, "
                                          "µg/m³); give other concentrations hourly with a time column"))
    values, met = _fill(fields, unit_idx, time_idx, cell, (n_u, n_t), table, range_bound,
                        DEFAULT_PLAUSIBLE_MAX if ceilings is None else ceilings, unit_names)
    issued_at, issued_source = _issue_time(table, roles)
    label = table.meta.get("label", ("", 0))[0]
    used_bound = range_bound if "aqi_low" in fields or "aqi_high" in fields else ""
    meta = ForecastMeta(issued_at=issued_at, issued_at_source=issued_source,
                        source_format=f"{'daily' if daily else layout}-{table.source_format}",
                        encoding=table.encoding, range_bound=used_bound, label=label)
    index = pd.DatetimeIndex(start + np.arange(n_t) * np.timedelta64(step, "h")).tz_localize(TZ)
    order = {u.name: i for i, u in enumerate(units)}
    missing = [u for u in units.names() if u not in set(unit_names)]
    sort = np.argsort([order[name] for name in unit_names], kind="stable")
    forecast = Forecast(index, [unit_names[i] for i in sort], {k: v[sort] for k, v in values.items()},
                        step_hours=step, met={k: v[sort] for k, v in met.items()}, meta=meta,
                        warnings=list(table.warnings), missing_units=missing)
    return Placed(forecast, row_of[sort])


def _times_across(table: RawTable, columns: list[Column]) -> RawTable:
    """A table with cities down the rows and times across the columns (城市 | 01-10 | 01-11 …), turned long.

    Returned unchanged when it has a time column or no city column. The values become a generic ``value``
    column whose pollutant comes from the file or the caller (daily tables default to AQI).
    """
    names = {c.name for c in columns}
    if names & {"time", "date"} or "city" not in names:
        return table
    times = [(c, excel_serial_text(c.header) if table.source_format == "xlsx" else c.header) for c in columns
             if c.name is None and c.header]
    times = [(c, text) for c, text in times if parse_time_text(text) is not None]
    if not times:
        return table
    city = next(c for c in columns if c.name == "city")
    # row by row, each time column in turn: row 1 at the first time, row 1 at the second …, then row 2
    n, m = table.n_rows, len(times)
    stamps = TextColumn.coded(np.tile(np.arange(m), n), [text for _, text in times])
    city_codes, city_texts = table.column(city.index).factorized()
    cities = TextColumn.coded(np.repeat(city_codes, m), city_texts, unique=True)
    values = textcolumn.interleave([table.column(col.index) for col, _ in times])
    numbers = np.repeat(table.row_array, m).tolist()
    return RawTable.from_columns(table.file, ["time", city.header, "value"], table.header_row,
                                 [stamps, cities, values], numbers, table.meta, table.source_format,
                                 table.encoding, list(table.warnings))


def _roles(columns: list[Column], table: RawTable) -> dict[str, Column]:
    roles: dict[str, Column] = {}
    for col in columns:
        if col.name is None or col.name == "ignore":  # informational columns (首要污染物, 等级) may repeat
            continue
        if col.name in roles:
            raise InputError(Problem(f"two columns mean the same thing ({col.name})", file=table.file,
                                     row=table.header_row, column=col.header,
                                     value=f"{roles[col.name].header!s} and {col.header!s}",
                                     expected="each field once"))
        roles[col.name] = col
    if not any(r in roles for r in ("time", "date")):
        raise InputError(Problem("no time column in the header", file=table.file, row=table.header_row,
                                 value=", ".join(table.header)[:120], expected=known_headers()))
    return roles


def _long(table, columns, roles, units: UnitTable, rows, times, daily, pollutant, max_days):
    city_col = roles["city"]
    texts = table.column(city_col.index).map(lambda t: t.replace("\xa0", " "))  # no-break spaces from web pages
    codes, distinct = texts.factorized()
    counts = np.bincount(codes, minlength=len(distinct))
    resolved: dict[str, str] = {}
    problems = []
    for k, (text, first) in enumerate(zip(distinct.tolist(), texts.first_index().tolist())):  # as first met
        unit = units.resolve(text)
        if unit is not None:
            resolved[text] = unit.name
            continue
        count, row = int(counts[k]), table.row_numbers[first]
        hint = units.suggest(text)
        expected = "a unit's adcode, full, short or former name"
        if text.strip().casefold().rstrip("市省") in _PROVINCES:
            expected = "a prefecture-level city of Sichuan or a district/county of Chongqing: the provinces " \
                       "as a whole are not map units"
        elif hint:
            expected += "; closest: " + " / ".join(hint)
        what = "an empty city cell" if not text.strip() else \
            f"unknown unit name ({count} row{'s' if count != 1 else ''})"
        problems.append(Problem(what, file=table.file, row=row, column=city_col.header, value=text,
                                expected=expected))
    if problems:
        raise InputError(problems[0], problems[1:])
    names = sorted(set(resolved.values()))
    position = {n: i for i, n in enumerate(names)}
    unit_idx = np.array([position[resolved[t]] for t in distinct.tolist()], dtype=np.int64)[codes]
    time_col = (roles.get("time") or roles["date"]).header
    start, n_t, time_idx = regular_grid(times, daily, table, time_col, rows, max_days=max_days)
    _no_duplicates(unit_idx, time_idx, n_t, names, start, daily, table, rows)
    fields = {c.name: c for c in columns if c.name is not None and c.name not in ROLES}
    if "value" in roles:  # a generic value column (浓度, 预报值): the pollutant comes from the file or the caller
        field = _named_field(table, pollutant, daily, roles["value"])
        if field in fields:
            raise InputError(Problem(f"two columns mean the same thing ({field})", file=table.file,
                                     row=table.header_row, column=roles["value"].header,
                                     value=f"{fields[field].header} and {roles['value'].header}",
                                     expected="each field once"))
        fields[field] = roles["value"]
    _require_values(fields, table)
    for col in columns:
        if col.name is None and col.header:
            table.warnings.append(Problem("column not recognised, ignored", severity="warning", file=table.file,
                                          row=table.header_row, column=col.header, expected=known_headers(),
                                          action="excluded"))
    parsed = {name: (col, table.column(col.index)) for name, col in fields.items()}
    return "long", names, unit_idx, time_idx, start, n_t, parsed


def _wide(table, columns, roles, units: UnitTable, rows, times, daily, pollutant, max_days):
    value_cols = [c for c in columns if c.name is not None and (c.name not in ROLES or c.name == "value")]
    if value_cols:
        raise InputError(Problem("the table has value columns but no city column", file=table.file,
                                 row=table.header_row, column=value_cols[0].header,
                                 expected="a long table 'time, city, pm25, …' or a wide table 'time, <city>, "
                                          "<city>, …'"))
    unit_cols = [c for c in columns if c.name is None]
    if not unit_cols:
        raise InputError(Problem("the table has a time column but no city or value columns", file=table.file,
                                 row=table.header_row, expected=known_headers()))
    names, problems = [], []
    for col in unit_cols:
        unit = units.resolve(col.header.replace("\xa0", " "))
        if unit is None:
            hint = units.suggest(col.header)
            expected = "a unit name as column header (wide table)" + ("; closest: " + " / ".join(hint) if hint
                                                                      else "")
            problems.append(Problem("unknown unit name", file=table.file, row=table.header_row,
                                    column=col.header or "(empty header)", value=col.header, expected=expected))
        elif unit.name in names:
            problems.append(Problem("the same unit has two columns", file=table.file, row=table.header_row,
                                    column=col.header, value=unit.name, expected="one column per unit"))
        else:
            names.append(unit.name)
    if problems:
        raise InputError(problems[0], problems[1:])
    field = _named_field(table, pollutant, daily)
    time_col = (roles.get("time") or roles["date"]).header
    secs = times.astype(np.int64)
    back = np.flatnonzero(np.diff(secs) <= 0)
    if back.size:
        i = int(back[0]) + 1
        what = "the time repeats" if secs[i] == secs[i - 1] else "the time goes backwards"
        raise InputError(Problem(f"{what} in a wide table", file=table.file, row=int(rows[i]), column=time_col,
                                 value=table.cell(i, roles.get("time", roles.get("date")).index),
                                 expected=f"a time later than row {int(rows[i - 1])}: a wide table's time column "
                                          "must increase"))
    start, n_t, time_idx = regular_grid(times, daily, table, time_col, rows, max_days=max_days)
    n_rows = len(rows)
    unit_idx = np.repeat(np.arange(len(unit_cols)), n_rows)
    all_time_idx = np.tile(time_idx, len(unit_cols))
    texts = textcolumn.concat([table.column(col.index) for col in unit_cols])
    synthetic = Column(-1, f"{field} (unit columns)", field)
    return "wide", names, unit_idx, all_time_idx, start, n_t, {field: (synthetic, texts)}


def _named_field(table: RawTable, pollutant: str | None, daily: bool, column: Column | None = None) -> str:
    """The field of a wide table's unit columns or a long table's generic value column: from the caller, else
    from a ``pollutant:`` line / lone title cell above the header; daily tables default to the daily AQI."""
    given, row = (pollutant, None) if pollutant else table.meta.get("pollutant", (None, None))
    if daily and not given:
        return "aqi"
    if not given:
        what = (f"the value column {column.header!r} needs the pollutant it gives" if column is not None
                else "a wide table (one column per unit) needs the pollutant it gives")
        raise InputError(Problem(what, file=table.file, row=table.header_row,
                                 expected="a line '# pollutant: pm25' (or a title cell 'PM2.5') above the header, "
                                          "or the pollutant chosen on the command line (--pollutant) or in the "
                                          "open dialog"))
    name = classify(0, given).name
    if name not in (*POLLUTANTS, "aqi"):
        raise InputError(Problem("unknown pollutant", file=table.file, row=row, value=given,
                                 expected="pm25, pm10, so2, no2, co, o3 or aqi"))
    return name


def _no_duplicates(unit_idx, time_idx, n_t, names, start, daily, table, rows) -> None:
    key = unit_idx * n_t + time_idx
    cells_on_grid = len(names) * n_t
    if cells_on_grid <= 8 * len(key) + 1024:  # each grid cell marked once: no sort of a year's rows (issue 26)
        seen = np.zeros(cells_on_grid, dtype=bool)
        seen[key] = True
        if np.count_nonzero(seen) == len(key):
            return  # as many cells as rows: none given twice
    order = np.argsort(key, kind="stable")
    same = np.flatnonzero(key[order][1:] == key[order][:-1])
    if not same.size:
        return
    problems = []
    step = 24 if daily else 1
    for j in same[: cells.MAX_LISTED]:
        a, b = order[j], order[j + 1]
        when = pd.Timestamp(start + np.timedelta64(int(time_idx[a]) * step, "h"))
        problems.append(Problem("a city-hour given twice" if not daily else "a city-day given twice",
                                file=table.file, row=int(rows[b]),
                                value=f"{names[unit_idx[a]]} {when:%Y-%m-%d %H:%M}",
                                expected=f"one row per city and time (first given in row {int(rows[a])})"))
    raise InputError(problems[0], problems[1:])


def _require_values(fields: dict[str, Column], table: RawTable) -> None:
    if ("aqi_low" in fields) != ("aqi_high" in fields):
        have, lack = ("aqi_low", "aqi_high") if "aqi_low" in fields else ("aqi_high", "aqi_low")
        raise InputError(Problem(f"a range forecast needs both bounds: {have} is there, {lack} is missing",
                                 file=table.file, row=table.header_row, column=fields[have].header,
                                 expected="aqi_low and aqi_high columns"))
    if not {"pm25", "aqi", "aqi_low"} & set(fields):
        raise InputError(Problem("no PM2.5 or AQI column", file=table.file, row=table.header_row,
                                 value=", ".join(table.header)[:120],
                                 expected="a pm25 (PM2.5, µg/m³) or aqi column (or aqi_low + aqi_high)"))


def _fill(fields, unit_idx, time_idx, cell, shape, table: RawTable, range_bound: str, ceilings: Mapping[str, float],
          unit_names: list[str]):
    """Each field's values on the units × steps grid (``cell``: each value's flat index into it, at most one value a
    cell), and the met fields apart."""
    rows = np.tile(table.row_array, len(unit_idx) // table.n_rows)
    values: dict[str, np.ndarray] = {}
    met: dict[str, np.ndarray] = {}
    for name, (col, texts) in fields.items():
        arr = np.full(shape, np.nan)
        if name == "wind_dir":
            data = cells.parse_wind_direction(texts, file=table.file, rows=rows, column=col.header,
                                              warnings=table.warnings)
        elif name == "inversion":
            data = cells.parse_inversion(texts, file=table.file, rows=rows, column=col.header,
                                         warnings=table.warnings)
        else:
            data = cells.parse_numbers(texts, file=table.file, rows=rows, column=col.header,
                                       expected=_EXPECTED.get(name, "a number ≥ 0"), allow_inf=True)
            data = _declared_unit(name, col, data, table)
            ceiling = ceilings.get(name.replace("_low", "").replace("_high", ""))
            cleaned, found = drop_implausible(data, ceiling, file=table.file, column=col.header,
                                              place=lambda i: {"row": int(rows[i]),
                                                               "units": (unit_names[unit_idx[i]],)},
                                              shown=lambda i, texts=texts: str(texts[i]).strip())
            if found:  # a wrong unit (CO in µg/m³) can put every value above the ceiling: say so too
                unit_sanity(name, data[np.isfinite(data)], table.warnings, table.file)
            table.warnings.extend(found)
            data = cleaned
        arr.reshape(-1)[cell] = data
        (met if name in MET_FIELDS else values)[name] = arr
    if "aqi_low" in values:
        low, high = values.pop("aqi_low"), values.pop("aqi_high")
        bad = np.argwhere(low > high)
        if bad.size:
            u, t = bad[0]
            where = np.flatnonzero((unit_idx == u) & (time_idx == t))
            raise InputError(Problem("the range's low bound is above its high bound", file=table.file,
                                     row=int(rows[where[0]]), column=fields["aqi_low"][0].header,
                                     value=f"{low[u, t]:g} > {high[u, t]:g}", expected="aqi_low ≤ aqi_high"))
        if "aqi" in values:
            table.warnings.append(Problem("both an aqi column and an aqi_low/aqi_high range: the range is used "
                                          f"({range_bound} bound)", severity="warning", file=table.file,
                                          row=table.header_row, column=fields["aqi"][0].header,
                                          action="excluded"))
        values["aqi"] = {"low": low, "high": high, "central": (low + high) / 2}[range_bound]
    return values, met


def _declared_unit(name: str, col: Column, data: np.ndarray, table: RawTable) -> np.ndarray:
    """Convert concentrations whose header declares the other unit (PM2.5 in mg/m³, CO in µg/m³)."""
    if name not in POLLUTANTS or not col.unit:
        return data
    wanted = "mg/m3" if name == "co" else "ug/m3"
    if col.unit == wanted:
        return data
    factor = 1000.0 if col.unit == "mg/m3" else 0.001
    table.warnings.append(Problem(f"converted from {col.unit} (declared in the header) to {wanted}",
                                  severity="note", file=table.file, row=table.header_row, column=col.header,
                                  action="assumed"))
    return data * factor


def _issue_time(table: RawTable, roles: dict[str, Column]):
    if "issued_at" in roles:
        col = roles["issued_at"]
        texts = table.column(col.index)
        first: dict[str, int] = {}
        for text, at in zip(texts.factorized()[1].tolist(), texts.first_index().tolist()):  # as first met
            if text.strip():
                first.setdefault(text.strip(), table.row_numbers[at])
        parsed = {to_beijing(t, file=table.file, row=r, column=col.header): (t, r) for t, r in first.items()}
        if len(parsed) > 1:
            (t1, r1), (t2, r2) = list(parsed.values())[:2]
            raise InputError(Problem("the issue-time column holds several different times", file=table.file,
                                     row=r2, column=col.header, value=f"{t1} (row {r1}) and {t2}",
                                     expected="one issue time for the whole forecast"))
        if parsed:
            return next(iter(parsed)), "column"
    if "issued_at" in table.meta:
        text, row = table.meta["issued_at"]
        return to_beijing(text, file=table.file, row=row, column="issued_at"), "file"
    return None, ""

