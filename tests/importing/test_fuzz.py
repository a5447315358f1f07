"""Arbitrary bytes never crash the table reader: the result is a Forecast or an InputError, nothing else."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.errors import InputError
from app.importing import load_forecast

PREFIXES = [b"", b"time,city,pm25\n", b"\xef\xbb\xbftime,city,pm25\n2026-01-10 00:00,", b"# issued_at: ",
            "时间,城市,PM2.5\n".encode("gbk"), b"# pollutant: pm25\ntime,"]
CELLS = st.sampled_from(["2026-01-10 00:00", "2026-01-10T01:00+08:00", "成都", "510100", "开县", "50", "-1", "",
                         "abc", "1e400", "nan", "\"", ",", "\n", "\r\n", "\t", ";", "#", "24:00", "2026年1月10日 8时",
                         "aqi_low", "日期", "\x00", "ＰＭ２.５"])


def _load(data: bytes, suffix: str = ".csv") -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"fuzz{suffix}"
        path.write_bytes(data)
        try:
            load_forecast(path)
        except InputError as exc:
            assert str(exc)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(PREFIXES), st.binary(max_size=400))
def test_arbitrary_bytes_give_a_forecast_or_an_input_error(prefix, tail):
    _load(prefix + tail)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(CELLS, min_size=1, max_size=5), min_size=1, max_size=8), st.sampled_from([",", "\t"]))
def test_table_like_text_gives_a_forecast_or_an_input_error(rows, delimiter):
    _load("\n".join(delimiter.join(r) for r in rows).encode("utf-8"))


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=300))
def test_bytes_named_xlsx_or_nc_never_crash(data):
    _load(b"PK\x03\x04" + data, ".xlsx")
    _load(b"CDF\x01" + data, ".nc")


def _valid_workbook() -> bytes:
    import io

    from tests.importing import builders

    with tempfile.TemporaryDirectory() as tmp:
        path = builders.workbook(Path(tmp) / "w.xlsx", [["发布时间", "2026-01-09 10:00"], ["时间", "城市", "PM2.5"],
                                                        ["2026-01-10 00:00", "成都", 50], ["2026-01-10 01:00", "德阳", 60]])
        return io.BytesIO(path.read_bytes()).getvalue()


WORKBOOK = _valid_workbook()
PARTS = ["xl/workbook.xml", "xl/worksheets/sheet1.xml", "xl/styles.xml", "xl/_rels/workbook.xml.rels"]


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(PARTS), st.integers(0, 4000), st.integers(1, 40),
       st.sampled_from([b"", b"<", b">", b"\"", b"<c r=\"ZZ9\" t=\"s\"><v>99</v></c>", b"<f>A1</f>", b"s=\"x\"",
                        b"t=\"inlineStr\"", b"<mergeCell ref=\"A1:B9\"/>", b"r=\"0\"", b"numFmtId=\"x\"", b"\xff"]))
def test_workbooks_with_mangled_xml_parts_never_crash(part, at, length, insert):
    """Re-zipped correctly, so the damage reaches the XML readers rather than stopping at the zip CRC."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(WORKBOOK)) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == part:
                at_ = at % max(len(data), 1)
                data = data[:at_] + insert + data[at_ + length:]
            zout.writestr(info, data)
    _load(out.getvalue(), ".xlsx")


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["PM25", "pm25", "PM2_5_DRY", "T2"]),
       st.sampled_from([("time", "lat", "lon"), ("lat", "lon", "time"), ("time", "y", "x"), ("t", "lat", "lon")]),
       st.sampled_from(["float", "int", "text", "nan", "const"]), st.sampled_from(["ug/m3", "", "ppb", "mg m-3"]),
       st.sampled_from(["hours since 2026-01-10", "days since 2026-01-10", "seconds", "none"]),
       st.integers(1, 4), st.integers(1, 5))
def test_odd_but_readable_netcdf_files_never_crash(var, dims, coord_kind, units, time_units, ny, nx):
    import numpy as np
    import xarray as xr

    nt = 3
    lat = np.linspace(28, 32, ny)
    lon = np.linspace(103, 107, nx)
    coords = {"lat": lat, "lon": lon, "y": lat, "x": lon}
    if coord_kind == "int":
        coords = {k: v.astype(int) for k, v in coords.items()}
    elif coord_kind == "text":
        coords = {k: np.array([f"c{i}" for i in range(v.size)]) for k, v in coords.items()}
    elif coord_kind == "nan":
        coords = {k: np.where(np.arange(v.size) == 0, np.nan, v) for k, v in coords.items()}
    elif coord_kind == "const":
        coords = {k: np.full(v.size, 30.0) for k, v in coords.items()}
    sizes = {"time": nt, "t": nt, "lat": ny, "y": ny, "lon": nx, "x": nx}
    data = np.random.default_rng(0).gamma(2, 30, tuple(sizes[d] for d in dims)).astype(np.float32)
    time_values = np.arange(nt, dtype=float)
    ds = xr.Dataset({var: (dims, data, {"units": units} if units else {})})
    for d in dims:
        if d in ("time", "t"):
            attrs = {} if time_units == "none" else {"units": time_units}
            ds = ds.assign_coords({d: (d, time_values, attrs)})
        else:
            ds = ds.assign_coords({d: (d, coords[d])})
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "odd.nc"
        ds.to_netcdf(path, engine="scipy")
        try:
            load_forecast(path)
        except InputError as exc:
            assert str(exc)
