"""Small input files for the import tests: workbooks (via openpyxl, or patched XML), NetCDF grids."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd


def workbook(path: Path, rows: list[list], *, merge: str | None = None, title: str = "Sheet1",
             extra_sheets: dict[str, list[list]] | None = None) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    if merge:
        sheet.merge_cells(merge)
    for name, more in (extra_sheets or {}).items():
        other = book.create_sheet(name)
        for row in more:
            other.append(row)
    book.save(path)
    return path


def with_cached_formula_values(path: Path, value: str = "55") -> Path:
    """Give every formula cell of sheet1 a saved value, as Excel does when it saves."""
    source = path.read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb"(<f>[^<]*</f>)(<v\s*/>|<v></v>)?", rb"\1<v>" + value.encode() + rb"</v>", data)
            zout.writestr(info, data)
    path.write_bytes(out.getvalue())
    return path


def zip_bomb(path: Path, megabytes: int = 24) -> Path:
    """A zip named .xlsx whose sheet part is megabytes of zeros (compresses ~1000×)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as handle:
            block = b"\0" * (1024 * 1024)
            for _ in range(megabytes):
                handle.write(block)
    return path


def grid_file(path: Path, *, lat=None, lon=None, hours: int = 48, field=None, var: str = "PM25",
              units: str = "ug m-3", engine: str = "netcdf4", start: str = "2026-01-09 16:00",
              step: str = "h", dims=("time", "lat", "lon"), time_attrs: dict | None = None) -> Path:
    """A CF grid over the region; ``field(lon2d, lat2d, t)`` gives the values (default 50 + t)."""
    import xarray as xr

    lat = np.linspace(25.5, 34.75, 38) if lat is None else np.asarray(lat)
    lon = np.linspace(97.0, 110.5, 55) if lon is None else np.asarray(lon)
    times = pd.date_range(start, periods=hours, freq=step)
    xx, yy = np.meshgrid(lon, lat)
    data = np.stack([(field(xx, yy, t) if field else np.full(xx.shape, 50.0 + t)) for t in range(hours)])
    ds = xr.Dataset({var: (dims, data.astype(np.float32), {"units": units})},
                    coords={dims[0]: times, dims[1]: lat, dims[2]: lon})
    if time_attrs:
        ds[dims[0]].attrs.update(time_attrs)
    ds.to_netcdf(path, engine=engine)
    return path
