"""What the open dialog asks before loading: sheets of a workbook, variables of a grid."""

from __future__ import annotations

import pytest

from app.errors import InputError
from app.importing import grid_variables, list_sheets
from app.paths import DEFAULT_SAMPLE, SAMPLES_DIR
from tests.importing import builders


def test_sheets_in_workbook_order(tmp_path):
    path = builders.workbook(tmp_path / "b.xlsx", [["a"]], title="说明", extra_sheets={"预报": [["x"]], "B": [["y"]]})
    assert list_sheets(path) == ["说明", "预报", "B"]
    with pytest.raises(InputError, match="not an .xlsx workbook"):
        list_sheets(DEFAULT_SAMPLE)


def test_grid_variables_put_pm25_first(tmp_path):
    import numpy as np
    import pandas as pd
    import xarray as xr

    shape = (2, 3, 4)
    ds = xr.Dataset({"T2": (("time", "lat", "lon"), np.zeros(shape)), "PM2_5_DRY": (("time", "lat", "lon"),
                                                                                    np.zeros(shape)),
                     "note": ((), 1)},
                    coords={"time": pd.date_range("2026-01-10", periods=2, freq="h"), "lat": [29, 30, 31],
                            "lon": [103, 104, 105, 106]})
    ds.to_netcdf(tmp_path / "g.nc", engine="netcdf4")
    assert grid_variables(tmp_path / "g.nc") == ["PM2_5_DRY", "T2"]
    assert grid_variables(SAMPLES_DIR / "sample-red-plain-south-grid.nc") == ["PM25"]
