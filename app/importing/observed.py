"""``load_observations``: an observed-data file → :class:`~app.domain.observations.Observations`.

Observed PM2.5 arrives as offices really get it from CNEMC: hourly concentrations, daily mean concentrations (a
daily table whose ``pm25`` column is the daily mean in µg/m³) or daily AQI, in the same table layouts as forecasts
(long or wide, CSV/TSV/XLSX, Chinese or English headers, GBK …, see :mod:`app.importing.api`). Differences from a
forecast:

- the file may span years (a winter, 2014–2016): the 366-day limit is for forecasts;
- blank cells and zeros are missing values (a zero is the missing-data placeholder of the CNEMC republications,
  never a real daily mean), both counted and shown;
- columns that are not values (longitude/latitude, station counts) are ignored with a note;
- the daily AQI is computed from the daily mean PM2.5 with the HJ 633 edition in force on each date.

:func:`load_observed_series` reads several such files (and the national network's station files) into one
series for the warning engine to splice before a forecast (spec §7).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import numpy as np

from app.domain.forecast import Forecast
from app.domain.observations import Observations, daily_values
from app.domain.units import UnitTable, load_units
from app.errors import InputError, Problem
from app.importing import source
from app.importing.checks import plausibility
from app.importing.observed_series import ObservedFile, ObservedSeries, Part, hourly_part, merge_parts
from app.importing.stations import is_station_file, read_station_files
from app.importing.tables import table_to_forecast

MIN_VALID_HOURS = 20


def load_observations(path, *, edition_switch: datetime | None = None, units: UnitTable | None = None,
                      sheet: str | int | None = None, pollutant: str | None = None,
                      min_valid_hours: int = MIN_VALID_HOURS) -> Observations:
    """Read observed PM2.5 (hourly or daily means) or daily AQI per city, or the national network's station files
    (a file or a folder: ``source_kind`` "stations"); a list of several is merged in time (``source_kind``
    "merged", :func:`load_observed_series`). Bad input raises :class:`InputError` naming file, row and
    column; accepted oddities (blanks, zeros, extra columns, absent cities) are warnings."""
    if isinstance(path, (list, tuple)) and len(path) == 1:
        path = path[0]
    units = units or load_units()
    if edition_switch is None:
        from app.domain.scheme import load_scheme

        edition_switch = load_scheme().edition_switch
    if isinstance(path, (list, tuple)):  # several files: merged in time as the engine's splice merges them
        return _merged_observations(path, units, edition_switch, min_valid_hours)
    path = Path(path)
    if path.is_dir() or is_station_file(path):  # the national network's station files: units by location
        part, found = read_station_files(path, units=units)
        daily = daily_values(part.forecast, edition_switch, min_valid_hours)
        return Observations(daily.days, daily.units, daily.pm25, daily.aqi, daily.edition, False,
                            path=str(path.resolve()), sha256=part.sha256, source_kind="stations",
                            missing_units=list(part.forecast.missing_units), warnings=found)
    table = read_city_table(path, units=units, sheet=sheet, pollutant=pollutant)
    daily = daily_values(table.forecast, edition_switch, min_valid_hours)
    return Observations(daily.days, daily.units, daily.pm25, daily.aqi, daily.edition, daily.pm25_derived,
                        path=str(path.resolve()), sha256=table.sha256, source_kind=table.kind,
                        missing_units=list(table.forecast.missing_units), blank_cells=table.blank_cells,
                        zero_cells=table.zero_cells, warnings=table.warnings)


def _merged_observations(paths, units: UnitTable, edition_switch: datetime, min_valid_hours: int) -> Observations:
    from dataclasses import replace

    from app.domain.scheme import load_scheme

    series = load_observed_series(paths, units=units, scheme=replace(load_scheme(), edition_switch=edition_switch))
    daily = daily_values(series.forecast, edition_switch, min_valid_hours)
    # a daily-AQI-only file among them says so in its own finding (its PM2.5 computed back from the AQI)
    return Observations(daily.days, daily.units, daily.pm25, daily.aqi, daily.edition, False,
                        path="; ".join(str(Path(p).resolve()) for p in paths), sha256=series.forecast.meta.sha256,
                        source_kind="merged", missing_units=list(series.forecast.missing_units),
                        warnings=list(series.findings))


@dataclass
class CityTable:
    """One observed city table as read: its values (zeros and blanks already NaN) and what was found."""

    forecast: Forecast  # hourly (pm25 or aqi) or daily (pm25 and/or aqi)
    kind: str  # "hourly" | "daily-pm25" | "daily-aqi"
    sha256: str
    blank_cells: int
    zero_cells: int
    warnings: list[Problem]


def read_city_table(path: str | Path, *, units: UnitTable | None = None, sheet: str | int | None = None,
                    pollutant: str | None = None) -> CityTable:
    """An observed city table (what ``review`` reads): hourly concentrations, daily means or daily AQI."""
    path = Path(path)
    units = units or load_units()
    source.check_readable(path)
    kind = source.sniff(path)
    name = str(path)
    if kind == "xls" or path.suffix.lower() == ".xls":
        raise InputError(Problem("this is an old Excel 97–2003 workbook (.xls)", file=name,
                                 expected="the workbook saved as .xlsx (Excel: 另存为 → Excel 工作簿) or as CSV"))
    if kind == "xlsx":
        from app.importing.xlsx import read_xlsx_table

        data = source.read_limited(path, source.MAX_TABLE_BYTES, "workbooks")
        table = read_xlsx_table(data, name, sheet=sheet)
    elif kind == "text":
        from app.importing.text import read_text_table

        data = source.read_limited(path, source.MAX_TABLE_BYTES, "text tables")
        table = read_text_table(data, name)
    else:
        raise InputError(Problem("observed data must be a table", file=name,
                                 expected="a CSV/TSV/XLSX table: time or date, city, pm25 (or aqi)"))
    placed = table_to_forecast(table, units=units, pollutant=pollutant, observations=True)
    forecast = placed.forecast
    field = "pm25" if "pm25" in forecast.values else "aqi"
    if field not in forecast.values:
        raise InputError(Problem("no PM2.5 or AQI column", file=name, row=table.header_row,
                                 expected="a pm25 (µg/m³) or aqi column"))
    values = forecast.values[field]
    blank_mask = (placed.row_of > 0) & np.isnan(values)
    blank = int(np.count_nonzero(blank_mask))
    zero = values == 0
    zeros = int(np.count_nonzero(zero))
    warnings = list(forecast.warnings) + plausibility(forecast, placed.row_of, file=name)  # as for forecasts
    if zeros:
        u, t = np.argwhere(zero)[0]
        warnings.append(Problem(f"{zeros} zero values in {field} read as missing (a zero is the missing-data "
                                "placeholder of CNEMC republications)", severity="warning", file=name,
                                row=int(placed.row_of[u, t]) or None, column=field, value="0"))
        values[zero] = np.nan
    if blank:
        u, t = np.argwhere(blank_mask)[0]
        warnings.append(Problem(f"{blank} empty {field} cells read as missing", severity="warning", file=name,
                                row=int(placed.row_of[u, t]) or None, column=field))
    for other in [k for k in forecast.values if k not in (field, "aqi")]:
        warnings.append(Problem(f"observed {other} is not used by the review (PM2.5 only)", severity="warning",
                                file=name, column=other))
    if forecast.met:
        warnings.append(Problem("meteorological columns in observed data are ignored", severity="warning",
                                file=name, column=", ".join(sorted(forecast.met))))
    if forecast.missing_units:
        shown = "、".join(forecast.missing_units[:12]) + ("…" if len(forecast.missing_units) > 12 else "")
        warnings.append(Problem(f"{len(forecast.missing_units)} of {len(units.names())} units have no observations "
                                f"in this file: {shown}", severity="warning", file=name))
    if forecast.is_daily:
        kind_name = "daily-pm25" if "pm25" in forecast.values else "daily-aqi"
    else:
        kind_name = "hourly"
    if kind_name == "daily-aqi":
        warnings.append(Problem("daily AQI only: the daily mean PM2.5 is computed back from the AQI (bias and "
                                "RMSE are then approximate)", severity="warning", file=name, column="aqi"))
    digest = hashlib.sha256(data).hexdigest()
    return CityTable(forecast, kind_name, digest, blank, zeros, warnings)


def load_observed_series(paths, *, units: UnitTable | None = None, boundaries=None,
                         scheme=None) -> ObservedSeries:
    """What was observed, from one or more files (repeatable ``--observed``), as one series to splice before a
    forecast (spec §7; :mod:`app.importing.observed_series` says how files are merged).

    Each path is a city table (what ``review`` reads: hourly, daily mean or daily AQI), one of the national
    monitoring network's station files (``timepoint,stationcode,…``: the stations are placed in the units by
    location, :mod:`app.importing.stations`) or a folder of them. ``boundaries``: a path or loaded
    :class:`~maps.boundaries.Boundaries` to place stations in (default: the bundled units); ``scheme``: its
    AQI edition switch and plausibility ceilings (default: the bundled scheme). Bad input raises
    :class:`InputError` naming file, row and column; what is accepted but doubtful is in ``findings``."""
    from app.domain.scheme import load_scheme

    if isinstance(paths, (str, Path)):
        paths = [paths]
    if not paths:
        raise InputError(Problem("no observed file given", expected="one or more observed files or folders"))
    units = units or load_units()
    scheme = scheme or load_scheme()
    switch = scheme.edition_switch
    findings: list[Problem] = []
    parts: list[Part] = []
    for given in paths:
        path = Path(given)
        if path.is_dir() or is_station_file(path):
            part, found = read_station_files(path, units=units, boundaries=boundaries,
                                             ceilings=scheme.plausible_max)
            findings.extend(found)
            parts.append(part)
            continue
        table = read_city_table(path, units=units)
        findings.extend(table.warnings)
        parts.append(hourly_part(str(path), table.forecast, switch, findings, table.sha256, table.kind))
    forecast, counts, merged = merge_parts(parts, units, switch)
    findings.extend(merged)
    forecast.warnings = list(findings)
    return ObservedSeries(forecast, counts, findings, [str(Path(p)) for p in paths],
                          [ObservedFile.of(part) for part in parts])
