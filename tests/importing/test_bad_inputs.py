"""The bad-input corpus: every kind of broken forecast file gets one clear message naming file, row, column,
value and what was expected — through the library (InputError) and through the CLI (exit 2, no traceback)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

from app import cli
from app.errors import InputError
from app.importing import load_forecast
from tests.importing import builders

H = "time,city,pm25\n"


@dataclass
class Case:
    name: str
    make: object  # (tmp_path) -> Path
    fragment: str  # in the first problem's message
    row: int | None = None
    column: str | None = None
    value: str | None = None
    kwargs: dict | None = None


def text(name: str, content: str | bytes, encoding: str = "utf-8"):
    def make(tmp: Path) -> Path:
        path = tmp / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
        return path

    return make


def xlsx(rows, **kw):
    return lambda tmp: builders.workbook(tmp / "f.xlsx", rows, **kw)


def cached_formula_error(tmp: Path) -> Path:
    path = builders.workbook(tmp / "f.xlsx", [["时间", "城市", "PM2.5"], ["2026-01-10 00:00", "成都", "=1/0"]])
    return builders.with_cached_formula_values(path, "#DIV/0!")


def grid(**kw):
    return lambda tmp: builders.grid_file(tmp / "g.nc", **kw)


def curvilinear(tmp: Path) -> Path:
    import pandas as pd
    import xarray as xr

    y, x = np.meshgrid(np.linspace(26, 34, 10), np.linspace(98, 110, 12), indexing="ij")
    lat2d, lon2d = y + 0.1 * (x - 104), x + 0.1 * (y - 30)
    ds = xr.Dataset({"PM2_5_DRY": (("Time", "south_north", "west_east"), np.ones((3, 10, 12), np.float32))},
                    coords={"Time": pd.date_range("2026-01-10", periods=3, freq="h"),
                            "XLAT": (("south_north", "west_east"), lat2d),
                            "XLONG": (("south_north", "west_east"), lon2d)})
    path = tmp / "wrf.nc"
    ds.to_netcdf(path, engine="netcdf4")
    return path


def no_latlon(tmp: Path) -> Path:
    import pandas as pd
    import xarray as xr

    ds = xr.Dataset({"PM25": (("time", "y", "x"), np.ones((3, 4, 5), np.float32))},
                    coords={"time": pd.date_range("2026-01-10", periods=3, freq="h")})
    path = tmp / "g.nc"
    ds.to_netcdf(path, engine="netcdf4")
    return path


def big_file(tmp: Path) -> Path:
    """200 MB of real rows: the size limit must refuse it before reading it."""
    path = tmp / "big.csv"
    row = b"2026-01-10 00:00,\xe6\x88\x90\xe9\x83\xbd,50\n"
    block = row * (1024 * 1024 // len(row) + 1)
    with path.open("wb") as handle:
        handle.write(H.encode())
        while handle.tell() < 200 * 1024 * 1024:
            handle.write(block)
    return path


def folder(tmp: Path) -> Path:
    path = tmp / "a-folder.csv"
    path.mkdir()
    return path


CASES = [
    Case("empty file", text("f.csv", ""), "holds no table"),
    Case("comments only", text("f.csv", "# issued_at: 2026-01-10\n\n# nothing else\n"), "holds no table"),
    Case("header only", text("f.csv", H), "no data rows", row=1),
    Case("binary", text("f.csv", bytes(range(256)) * 8), "binary file"),
    Case("utf-8 with a broken byte",
         text("f.csv", H.encode() + "2026-01-10 00:00,成都,5".encode() + b"\xff\n" +
              "2026-01-10 01:00,成都,50\n".encode() * 20), "not valid UTF-8", row=2),
    Case("wrong delimiter", text("f.csv", "time|city|pm25\n2026-01-10 00:00|成都|50\n"), "single column", row=1),
    Case("truncated row", text("f.csv", H + "2026-01-10 00:00,成都,50\n2026-01-10 01:00,成都\n"),
         "has 2 cells but the header has 3", row=3),
    Case("duplicated city-hour", text("f.csv", H + "2026-01-10 00:00,成都,50\n2026-01-10 00:00,成都市,51\n"),
         "city-hour given twice", row=3, value="成都市 2026-01-10 00:00"),
    Case("time backwards in a wide table",
         text("f.csv", "# pollutant: pm25\ntime,成都,德阳\n2026-01-10 01:00,1,2\n2026-01-10 00:00,3,4\n"),
         "goes backwards", row=4, column="time"),
    Case("irregular step", text("f.csv", H + "".join(f"2026-01-10 {h:02d}:00,成都,50\n" for h in (0, 3, 6, 9))),
         "irregular time step"),
    Case("time not on the hour", text("f.csv", H + "2026-01-10 00:00,成都,50\n2026-01-10 00:30,成都,50\n"),
         "not on the hour", row=3),
    Case("mixed time zones",
         text("f.csv", H + "2026-01-10T00:00+08:00,成都,50\n2026-01-10 01:00,成都,50\n"), "mix zones"),
    Case("negative value", text("f.csv", H + "2026-01-10 00:00,成都,-5\n"), "negative value", row=2,
         column="pm25", value="-5"),
    Case("text in a number cell", text("f.csv", H + "2026-01-10 00:00,成都,abc\n"), "text in a number cell",
         row=2, column="pm25", value="abc"),
    # an infinite value is not an error but a missing value with a warning: tests/importing/test_implausible.py
    Case("unknown city", text("f.csv", H + "2026-01-10 00:00,成度,50\n"), "unknown unit name", row=2,
         column="city", value="成度"),
    Case("empty city cell", text("f.csv", H + "2026-01-10 00:00,,50\n"), "empty city cell", row=2),
    Case("unreadable time", text("f.csv", H + "next monday,成都,50\n"), "cannot be read", row=2,
         column="time", value="next monday"),
    Case("no time column", text("f.csv", "city,pm25\n成都,50\n"), "no time column", row=1),
    Case("no PM2.5 or AQI column", text("f.csv", "time,city,pm10\n2026-01-10 00:00,成都,50\n"),
         "no PM2.5 or AQI column"),
    Case("range with one bound", text("f.csv", "time,city,aqi_low\n2026-01-10 00:00,成都,50\n"),
         "needs both bounds"),
    Case("range low above high", text("f.csv", "date,city,aqi_low,aqi_high\n2026-01-10,成都,200,150\n"),
         "low bound is above", row=2),
    Case("wide table without pollutant", text("f.csv", "time,成都,德阳\n2026-01-10 00:00,1,2\n"),
         "needs the pollutant"),
    Case("wide table with an unknown unit",
         text("f.csv", "# pollutant: pm25\ntime,成都,Atlantis\n2026-01-10 00:00,1,2\n"), "unknown unit name",
         row=2, value="Atlantis"),
    Case("year typo makes a 36-year span",
         text("f.csv", H + "2026-01-10 00:00,成都,50\n2062-01-10 01:00,成都,50\n2026-01-10 02:00,成都,50\n"),
         "span", row=3, value="2062-01-10 01:00"),
    Case("several issue times", text("f.csv", "time,city,pm25,issued_at\n2026-01-10 00:00,成都,5,2026-01-09 08:00"
                                              "\n2026-01-10 01:00,成都,5,2026-01-09 20:00\n"),
         "several different times", row=3),
    Case("unreadable issue time", text("f.csv", "# issued_at: yesterday\n" + H + "2026-01-10 00:00,成都,50\n"),
         "issue time that cannot be read", row=1),
    Case("daily table with concentrations other than PM2.5", text("f.csv", "date,city,aqi,pm10\n2026-01-10,成都,80,50\n"),
         "daily AQI or the daily mean PM2.5 only"),
    Case("the same field twice", text("f.csv", "time,city,pm25,PM2.5\n2026-01-10 00:00,成都,5,5\n"),
         "two columns mean the same thing"),
    Case("200 MB file", big_file, "text tables up to 64 MB"),
    Case("a folder", folder, "folder"),
    Case("legacy .xls", text("f.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600), "old Excel"),
    Case("text named .xlsx", text("f.xlsx", H + "2026-01-10 00:00,成都,50\n"), "not an Excel workbook"),
    Case("damaged workbook", text("f.xlsx", b"PK\x03\x04" + b"garbage" * 50), "damaged"),
    Case("xlsx zip bomb", lambda tmp: builders.zip_bomb(tmp / "f.xlsx"), "zip bomb"),
    Case("excel formula without saved value",
         xlsx([["时间", "城市", "PM2.5"], ["2026-01-10 00:00", "成都", "=C1*2"]]), "no saved value", row=2,
         column="C"),
    Case("excel error value", cached_formula_error, "Excel error value", row=2, value="#DIV/0!"),
    Case("merged cells", xlsx([["时间", "城市", "PM2.5"], ["2026-01-10 00:00", "成都", 5],
                               ["2026-01-10 01:00", None, 6]], merge="B2:B3"), "merged cells B2:B3", row=2),
    Case("unknown sheet", xlsx([["时间", "城市", "PM2.5"]]), "no such sheet", value="预报",
         kwargs={"sheet": "预报"}),
    Case("netcdf without lat/lon", no_latlon, "no latitude coordinate", column="PM25"),
    Case("netcdf curvilinear grid", curvilinear, "curvilinear grid", column="PM2_5_DRY"),
    Case("netcdf 3-hourly", grid(step="3h", hours=8), "3-hourly"),
    Case("netcdf without PM2.5", grid(var="temperature"), "no PM2.5 variable"),
    Case("netcdf outside the region", grid(lon=np.linspace(0, 10, 20), lat=np.linspace(40, 50, 20)),
         "does not overlap any unit"),
    Case("damaged netcdf", text("g.nc", b"CDF\x01" + b"\x07" * 300), "cannot read the NetCDF"),
]


def _ids():
    return [c.name for c in CASES]


@pytest.mark.parametrize("case", CASES, ids=_ids())
def test_library_raises_input_error_naming_the_place(case: Case, tmp_path):
    path = case.make(tmp_path)
    with pytest.raises(InputError) as info:
        load_forecast(path, **(case.kwargs or {}))
    problem = info.value.problem
    assert case.fragment in problem.message, str(info.value)
    assert problem.file == str(path) or problem.file is None and case.name == "unknown sheet"
    if case.row is not None:
        assert problem.row == case.row, str(info.value)
    if case.column is not None:
        assert problem.column == case.column, str(info.value)
    if case.value is not None:
        assert problem.value == case.value, str(info.value)
    assert problem.expected or problem.value is not None or "binary" in problem.message or \
        "folder" in problem.message or problem.message


@pytest.mark.parametrize("case", CASES, ids=_ids())
@pytest.mark.parametrize("command", ["inspect", "evaluate"])
def test_cli_exits_2_with_the_message_and_no_traceback(case: Case, command, tmp_path, capsys):
    path = case.make(tmp_path)
    argv = [command, str(path)]
    if case.kwargs and "sheet" in case.kwargs:
        argv += ["--sheet", case.kwargs["sheet"]]
    code = cli.main(argv)
    err = capsys.readouterr().err
    assert code == 2, err
    assert case.fragment in err
    assert "Traceback" not in err


def test_corpus_has_at_least_25_kinds():
    assert len({c.name for c in CASES}) >= 25


def test_a_real_process_prints_one_message_and_exits_2(tmp_path):
    import subprocess
    import sys

    path = tmp_path / "f.csv"
    path.write_text(H + "2026-01-10 00:00,成都,abc\n", encoding="utf-8")
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, "-m", "app", "inspect", str(path)], cwd=root, capture_output=True,
                            text=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 2
    assert f"{path}, row 2, column pm25: text in a number cell (found 'abc'" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_failed_load_leaves_a_loaded_forecast_untouched(tmp_path):
    good = tmp_path / "good.csv"
    good.write_text(H + "2026-01-10 00:00,成都,50\n", encoding="utf-8")
    loaded = load_forecast(good)
    before = loaded.values["pm25"].copy(), loaded.meta
    good.write_text(H + "2026-01-10 00:00,成都,oops\n", encoding="utf-8")
    with pytest.raises(InputError):
        load_forecast(good)
    np.testing.assert_array_equal(loaded.values["pm25"], before[0])
    assert loaded.meta == before[1]
