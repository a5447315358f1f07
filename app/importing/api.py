"""``load_forecast``: any supported forecast file → a new :class:`Forecast` (a pure function: it reads the
file and returns; nothing loaded before is touched, so a failed load leaves the app as it was).

What the loader accepts (details in the modules named):

- **Tables** (CSV/TSV/TXT in UTF-8, UTF-8 with BOM, UTF-16, GBK/GB18030 — detected; or XLSX), ``tables.py``:
  long ``time, city, pm25[, pm10, so2, no2, co, o3, aqi, <met>]`` in any row order; wide ``time, <unit>, <unit>…``
  (pollutant from a ``# pollutant: pm25`` line, a lone title cell ``PM2.5``, or ``pollutant=``); daily
  ``date, city, aqi`` or daily mean PM2.5 ``date, city, pm25`` (:func:`daily_aqi_from_means`); ranges ``aqi_low, aqi_high`` or ``150-200`` in an AQI cell. Headers in English or Chinese
  (``columns.py``); units by adcode, full, short, English or former name.
- **Times**: naive = Beijing time, with offsets converted (``times.py``); ``date`` + ``hour``/clock columns.
- **Issue time**, first found: ``issued_at=`` (the user; source ``"user"``), an ``issued_at``/``发布时间`` column
  (``"column"``), a ``# issued_at: …`` / ``发布时间：…`` line or row above the header, or a NetCDF
  ``forecast_reference_time`` (``"file"``); else None and the GUI asks.
- **Grids**: NetCDF CF, PM2.5 on a regular lat/lon grid × time → unit means (``grid.py``, ``weights.py``); WRF-Chem
  ``wrfout`` and CMAQ IOAPI files in their own projections, with the same exact area weights (``native.py``,
  ``projected.py``).
- **Warnings** (``checks.py``) go on ``Forecast.warnings``; errors raise :class:`InputError` naming file, row,
  column, value and what was expected. Files over 64 MB (tables) are refused before reading.
- ``Forecast.units`` are the units with rows in the file, in unit-table order; ``missing_units`` the others.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from app.domain.forecast import Forecast
from app.domain.progress import NO_PROGRESS, Progress
from app.domain.units import UnitTable, load_units
from app.errors import InputError, Problem
from app.importing import source
from app.importing.checks import add_warnings
from app.importing.tables import RANGE_BOUNDS, table_to_forecast
from app.importing.times import to_beijing

TABLE_SUFFIXES = (".csv", ".txt", ".tsv", ".xlsx", ".xlsm")
GRID_SUFFIXES = (".nc", ".nc4", ".netcdf", ".cdf")


def load_forecast(path: str | Path, *, pollutant: str | None = None, range_bound: str = "high",
                  issued_at: datetime | str | None = None, sheet: str | int | None = None,
                  progress: Progress | None = None, units: UnitTable | None = None,
                  variable: str | None = None, ceilings: Mapping[str, float] | None = None) -> Forecast:
    """Load a forecast table (CSV/TSV/XLSX: long, wide or daily) or a NetCDF model grid.

    - ``pollutant``: the field a wide table gives (pm25, pm10, so2, no2, co, o3, aqi), if the file does not say.
    - ``range_bound``: for ``aqi_low``/``aqi_high`` ranges, which value to use: low, central (mean) or high.
    - ``issued_at``: the issue time given by the user; it wins over one in the file (naive = Beijing time).
    - ``sheet``: workbook sheet name or 0-based index (default: the first sheet).
    - ``variable``: the grid variable of a NetCDF file (default: the first PM2.5-like name).
    - ``ceilings``: per field, the hourly value above which it cannot be real (default: the bundled scheme's
      ``plausibility``); such values, ±inf and NetCDF fill values are missing and listed in the warnings.
    - ``progress``: reports 0…1 with a message, and raises ``Cancelled`` once cancelled.
    Bad input raises :class:`InputError` naming file, row, column, value and what was expected.
    """
    path = Path(path)
    progress = progress or NO_PROGRESS
    units = units or load_units()
    if range_bound not in RANGE_BOUNDS:
        raise InputError(Problem("unknown range bound", value=str(range_bound),
                                 expected=" / ".join(RANGE_BOUNDS)))
    user_issued = to_beijing(issued_at, column="issued_at") if issued_at not in (None, "") else None
    source.check_readable(path)
    kind = source.sniff(path)
    progress.report(0.0, f"reading {path.name}")
    if kind == "netcdf" or (kind == "text" and path.suffix.lower() in GRID_SUFFIXES):
        from app.importing.grid import load_grid

        digest_of_file = source.sha256_in_background(path)  # hashing releases the GIL: it overlaps the reading
        forecast = load_grid(path, units=units, variable=variable, progress=progress.sub(0.0, 0.95),
                             ceilings=ceilings)
        add_warnings(forecast, None, file=str(path))  # the same value checks as a table's
        digest = digest_of_file()
    else:
        forecast, digest = _load_table(path, kind, units=units, pollutant=pollutant, range_bound=range_bound,
                                       sheet=sheet, progress=progress, ceilings=ceilings)
    forecast = daily_aqi_from_means(forecast, file=str(path))
    meta = replace(forecast.meta, source_path=str(path.resolve()), sha256=digest)
    if user_issued is not None:
        if meta.issued_at is not None and meta.issued_at != user_issued:
            forecast.warnings.append(Problem(
                f"the issue time given ({user_issued:%Y-%m-%d %H:%M}) replaces the one in the file "
                f"({meta.issued_at:%Y-%m-%d %H:%M})", severity="note", file=str(path), action="assumed"))
        meta = replace(meta, issued_at=user_issued, issued_at_source="user")
    progress.report(1.0, "loaded")
    return replace(forecast, meta=meta)


def daily_aqi_from_means(forecast: Forecast, *, file: str | None = None, switch: datetime | None = None) -> Forecast:
    """A daily table of daily mean PM2.5 (``date,city,pm25``) gains its daily AQI: the PM2.5 IAQI with the HJ 633
    edition in force each day (the bundled scheme's switch; the engine computes it again with its own scheme and
    ``--aqi-edition``). A note says so. Anything else is returned as it is."""
    if not forecast.is_daily or "pm25" not in forecast.values or "aqi" in forecast.values:
        return forecast
    from app.domain.daily import edition_index, edition_label
    from app.domain.observations import pm25_daily_aqi

    if switch is None:
        from app.domain.scheme import load_scheme

        switch = load_scheme().edition_switch
    editions = edition_index(forecast.times, "auto", switch)
    values = {**forecast.values, "aqi": pm25_daily_aqi(forecast.values["pm25"], editions)}
    note = Problem(f"the daily AQI is computed from the daily mean PM2.5 with the edition in force "
                   f"({edition_label(editions)})", severity="note", file=file, column="pm25",
                   expected="an aqi column, to use a daily AQI as given", action="assumed")
    return replace(forecast, values=values, meta=replace(forecast.meta, daily_aqi_from_pm25=True),
                   warnings=[*forecast.warnings, note])


def single_forecast_sheet(data: bytes, name: str) -> str | None:
    """The one sheet of a workbook that could hold a forecast (None: let the reader take the first); several
    such sheets are an error listing them, so that the user chooses with ``--sheet`` (File → Open asks)."""
    from app.importing.xlsx import forecast_sheets

    sheets = forecast_sheets(data, name)
    if len(sheets) > 1:
        raise InputError(Problem(f"the workbook has {len(sheets)} sheets that could hold a forecast: "
                                 f"{', '.join(sheets)}", file=name, column="--sheet",
                                 expected=f"the sheet to read, e.g. --sheet {sheets[0]} (the window's File → Open "
                                          f"asks which)"))
    return sheets[0] if sheets else None


def _load_table(path: Path, kind: str, *, units, pollutant, range_bound, sheet, progress, ceilings=None):
    name = str(path)
    if kind == "xls" or path.suffix.lower() == ".xls":
        raise InputError(Problem("this is an old Excel 97–2003 workbook (.xls)", file=name,
                                 expected="the workbook saved as .xlsx (Excel: 另存为 → Excel 工作簿) or as CSV"))
    if kind == "xlsx":
        from app.importing.xlsx import read_xlsx_table

        data = source.read_limited(path, source.MAX_TABLE_BYTES, "workbooks")
        digest = source.bytes_sha256_in_background(data)
        if sheet is None:  # never the first sheet in silence when another could hold the forecast too
            sheet = single_forecast_sheet(data, name)
        table = read_xlsx_table(data, name, sheet=sheet)
    else:
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            raise InputError(Problem("the file is named .xlsx but is not an Excel workbook", file=name,
                                     expected="an .xlsx workbook (a zip archive) or a CSV file named .csv"))
        data = source.read_limited(path, source.MAX_TABLE_BYTES, "text tables")
        digest = source.bytes_sha256_in_background(data)
        from app.importing.text import read_text_table

        table = read_text_table(data, name)
    del data  # the table holds what it needs (a column read as numbers keeps the bytes, to quote a cell if asked)
    progress.report(0.5, "checking values")
    placed = table_to_forecast(table, units=units, pollutant=pollutant, range_bound=range_bound, ceilings=ceilings)
    add_warnings(placed.forecast, placed.row_of, file=name)
    return placed.forecast, digest()
