"""Cheap questions about a file before loading it, for the open dialog: which sheets, which grid variables."""

from __future__ import annotations

from pathlib import Path

from app.errors import InputError, Problem
from app.importing import source

SUPPORTED_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".nc", ".nc4", ".cdf", ".netcdf")
FILE_FILTER = "预报文件 Forecasts (*.csv *.tsv *.txt *.xlsx *.xlsm *.nc *.nc4 *.cdf *.netcdf)"


def list_sheets(path: str | Path) -> list[str]:
    """Sheet names of an .xlsx workbook in workbook order (for a sheet chooser); InputError if not a workbook."""
    from app.importing.xlsx import sheet_names

    path = Path(path)
    if source.sniff(path) != "xlsx":
        raise InputError(Problem("not an .xlsx workbook", file=str(path), expected="an .xlsx file"))
    return sheet_names(source.read_limited(path, source.MAX_TABLE_BYTES, "workbooks"), str(path))


def grid_variables(path: str | Path) -> list[str]:
    """Data variables of a NetCDF file with at least (time, y, x) dimensions, PM2.5-like names first."""
    import xarray as xr

    from app.importing.grid import PM25_NAMES, open_dataset
    from app.importing.netcdf import LOCK

    path = Path(path)
    source.check_readable(path)
    with LOCK, open_dataset(path, xr) as ds:
        names = [str(n) for n, v in ds.data_vars.items() if v.ndim >= 3]
    return sorted(names, key=lambda n: (n not in PM25_NAMES, names.index(n)))


def workbook_forecast_sheets(path: str | Path) -> list[str]:
    """Sheets of an .xlsx workbook that could hold a forecast (a header with a time or date column)."""
    from app.importing.xlsx import forecast_sheets

    path = Path(path)
    return forecast_sheets(source.read_limited(path, source.MAX_TABLE_BYTES, "workbooks"), str(path))
