"""``hazedesk inspect``: what a duty officer sees about a file before using it."""

from __future__ import annotations

import json

from app import cli
from app.paths import DEFAULT_SAMPLE, SAMPLES_DIR
from tests.importing import builders


def _run(argv, capsys):
    code = cli.main(["inspect", *map(str, argv)])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_json_describes_meta_coverage_fields_and_warnings(capsys):
    code, out, _ = _run([DEFAULT_SAMPLE], capsys)
    assert code == 0
    data = json.loads(out)
    assert data["format"] == "long-csv" and data["issued_at"] == "2026-01-09T10:00:00+08:00"
    assert data["issued_at_source"] == "file" and data["horizon_hours"] == 168
    assert data["units_covered"] == 59 and data["missing_units"] == [] and data["warnings"] == []
    assert data["fields"]["pm25"]["valid"] == 59 * 168 and data["fields"]["blh"]["kind"] == "met"
    assert len(data["sha256"]) == 64


def test_text_output_and_options(tmp_path, capsys):
    path = tmp_path / "r.csv"
    path.write_text("date,city,aqi_low,aqi_high\n2026-01-10,成都,150,200\n", encoding="utf-8")
    code, out, _ = _run([path, "--format", "text", "--bound", "central", "--issued-at", "2026-01-08 16:00"], capsys)
    assert code == 0
    assert "range bound: central" in out and "2026-01-08T16:00:00+08:00  (from user)" in out
    assert "58 without data" in out and "warnings:    1" in out


def test_wide_table_needs_pollutant_option(tmp_path, capsys):
    path = tmp_path / "w.csv"
    path.write_text("time,成都,德阳\n2026-01-10 00:00,1,2\n", encoding="utf-8")
    code, _, err = _run([path], capsys)
    assert code == 2 and "needs the pollutant" in err
    code, out, _ = _run([path, "--pollutant", "PM10"], capsys)
    assert code == 0 and list(json.loads(out)["fields"]) == ["pm10"]


def test_sheet_and_output_file(tmp_path, capsys):
    book = builders.workbook(tmp_path / "b.xlsx", [["x"]], extra_sheets={
        "预报": [["时间", "城市", "PM2.5"], [46032.25, "成都", 5]]})  # General-format serial: 2026-01-10 06:00
    target = tmp_path / "out.json"
    code, _, _ = _run([book, "--sheet", "预报", "--output", target], capsys)
    assert code == 0
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["start"] == "2026-01-10T06:00:00+08:00" and data["step_hours"] == 1


def test_grid_sample_with_variable_option(capsys):
    code, out, _ = _run([SAMPLES_DIR / "sample-red-plain-south-grid.nc", "--variable", "PM25"], capsys)
    assert code == 0 and json.loads(out)["format"] == "netcdf"
    code, _, err = _run([SAMPLES_DIR / "sample-red-plain-south-grid.nc", "--variable", "O3"], capsys)
    assert code == 2 and "no such variable" in err


def test_progress_lines_on_stderr(capsys):
    code, out, err = _run([SAMPLES_DIR / "sample-red-plain-south-grid.nc", "--progress"], capsys)
    assert code == 0 and json.loads(out)["steps"] == 72
    lines = err.strip().splitlines()
    assert lines[0].endswith("reading sample-red-plain-south-grid.nc") and "[100%] loaded" in lines[-1]
    assert any("averaging pm25" in line or "averaging PM25" in line for line in lines)


def test_observed_station_files_with_station_counts(capsys):
    folder = SAMPLES_DIR / "stations-regional-orange"
    code, out, _ = _run(["--observed", folder], capsys)
    assert code == 0
    data = json.loads(out)
    assert data["format"] == "observed-hourly" and data["units_covered"] == 59 and data["steps"] == 96
    assert data["stations_per_unit"]["成都市"] == {"fewest": 10, "most": 10}
    assert data["stations_per_unit"]["遂宁市"] == {"fewest": 2, "most": 3}  # one station's 12-hour outage
    assert any("background stations" in w["message"] for w in data["warnings"])
    code, out, _ = _run(["--observed", folder, "--observed", SAMPLES_DIR / "observed-regional-orange.csv",
                         "--format", "text"], capsys)
    assert code == 0 and "issued at" not in out and "成都市 10–10" in out
    assert "(264 steps of 1 h" in out  # 01-06 → 01-09 from the stations, 01-10 → 01-16 from the city table
    assert "no observed value for any unit" not in out  # the city table starts right after the stations' last hour


def test_observed_bad_input_and_misuse_exit_2(tmp_path, capsys):
    bad = tmp_path / "s.csv"
    bad.write_text("timepoint,stationcode,longitude,latitude,area,positionname,pm2_5\n"
                   "2026-01-06 00:00:00,1001A,104.06,30.67,成都市,站,abc\n", encoding="gbk")
    code, _, err = _run(["--observed", bad], capsys)
    assert code == 2 and "row 2" in err and "pm2_5" in err and "Traceback" not in err
    assert _run([], capsys)[0] == 2
    assert _run([DEFAULT_SAMPLE, "--observed", bad], capsys)[0] == 2
