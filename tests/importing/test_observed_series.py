"""Observed series for the engine (spec §7): city tables read as ``review`` reads them, several files merged in
time, overlaps and conflicts shown, daily tables with the daily mean and the daily AQI of the edition in force."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from app.domain.aqi import compute_aqi, load_edition
from app.errors import InputError
from app.importing.observed import load_observed_series
from app.paths import SAMPLES_DIR

HOURLY = SAMPLES_DIR / "observed-regional-orange.csv"
DAILY = SAMPLES_DIR / "observed-regional-orange-daily.csv"


def _write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def _hours(first_day: str, days: int, city: str, value) -> str:
    import pandas as pd

    times = pd.date_range(first_day, periods=24 * days, freq="h")
    return "".join(f"{t:%Y-%m-%d %H:%M},{city},{value(i)}\n" for i, t in enumerate(times))


def test_hourly_city_table_is_the_hourly_series():
    series = load_observed_series([HOURLY])
    f = series.forecast
    assert f.step_hours == 1 and list(f.values) == ["pm25"]
    assert f"{f.times[0]:%Y-%m-%d %H:%M}" == "2026-01-10 00:00" and len(f.times) == 168
    assert len(f.units) == 59 and series.station_counts is None
    assert series.paths == [str(HOURLY)]
    first = np.loadtxt(HOURLY, delimiter=",", skiprows=2, usecols=2, max_rows=1)
    assert f.values["pm25"][f.row("成都市"), 0] == first
    text = " | ".join(str(p) for p in series.findings)
    assert "6 zero values" in text and "30 empty pm25 cells" in text  # what review shows, shown here too
    assert series.forecast.warnings == series.findings


def test_daily_means_give_a_daily_table_with_the_aqi_of_the_edition_in_force(tmp_path):
    # 2026-02-28 is under HJ 633-2012, 2026-03-01 under the 2026 edition (the bundled scheme's switch)
    path = _write(tmp_path, "d.csv", "date,city,pm25\n2026-02-28,成都市,70\n2026-03-01,成都市,70\n")
    series = load_observed_series([path])
    f = series.forecast
    assert f.is_daily and set(f.values) == {"pm25", "aqi"}
    old = compute_aqi(load_edition("2012"), {"pm25": np.array([70.0])}, "daily").aqi[0]
    new = compute_aqi(load_edition("2026"), {"pm25": np.array([70.0])}, "daily").aqi[0]
    assert old != new
    assert list(f.values["aqi"][0]) == [old, new]
    assert list(f.values["pm25"][0]) == [70.0, 70.0]


def test_daily_aqi_only_gives_the_pm25_back(tmp_path):
    path = _write(tmp_path, "a.csv", "date,city,aqi\n2026-01-10,成都市,150\n2026-01-11,成都市,200\n")
    f = load_observed_series([path]).forecast
    assert f.is_daily
    assert list(f.values["aqi"][0]) == [150.0, 200.0]
    assert list(f.values["pm25"][0]) == pytest.approx([115.0, 150.0])  # HJ 633-2012 breakpoints


def test_two_files_are_merged_in_time_with_the_gap_shown(tmp_path):
    a = _write(tmp_path, "a.csv", "time,city,pm25\n" + _hours("2026-01-01", 2, "成都市", lambda i: 100 + i))
    b = _write(tmp_path, "b.csv", "time,city,pm25\n" + _hours("2026-01-04", 1, "成都市", lambda i: 50)
               + _hours("2026-01-04", 1, "德阳市", lambda i: 60))
    series = load_observed_series([b, a])  # the order given does not matter for the time axis
    f = series.forecast
    assert f"{f.times[0]:%m-%d %H}" == "01-01 00" and f"{f.times[-1]:%m-%d %H}" == "01-04 23"
    assert len(f.times) == 96
    assert f.units == ["成都市", "德阳市"] and "自贡市" in f.missing_units
    row = f.values["pm25"][f.row("成都市")]
    assert row[0] == 100 and row[47] == 147 and np.isnan(row[48:72]).all() and row[72] == 50
    assert np.isnan(f.values["pm25"][f.row("德阳市"), :72]).all()
    gap = [p for p in series.findings if "no observed value for any unit" in p.message]
    assert len(gap) == 1 and "2026-01-03 00:00 to 2026-01-03 23:00 (24 hours)" in gap[0].message


def test_overlapping_files_agreeing_is_a_note_differing_a_warning_and_the_later_file_wins(tmp_path):
    a = _write(tmp_path, "a.csv", "time,city,pm25\n" + _hours("2026-01-01", 1, "成都市", lambda i: 80))
    same = _write(tmp_path, "same.csv", "time,city,pm25\n" + _hours("2026-01-01", 1, "成都市", lambda i: 80.2))
    other = _write(tmp_path, "other.csv", "time,city,pm25\n"
                   + _hours("2026-01-01", 1, "成都市", lambda i: 80 if i < 20 else 95))
    agreeing = load_observed_series([a, same])
    notes = [p for p in agreeing.findings if "given by both" in p.message]
    assert len(notes) == 1 and notes[0].severity == "note" and notes[0].message.startswith("24 unit-hours")
    assert not [p for p in agreeing.findings if "differ" in p.message]
    conflicting = load_observed_series([a, other])
    differ = [p for p in conflicting.findings if "differ between" in p.message]
    assert len(differ) == 1 and differ[0].severity == "warning"
    assert differ[0].message.startswith("4 unit-hours differ between a.csv and other.csv")
    assert differ[0].value == "成都市 2026-01-01 20:00: 80 / 95" and differ[0].units == ("成都市",)
    assert conflicting.forecast.values["pm25"][0, 20] == 95  # the later file
    reversed_ = load_observed_series([other, a])
    assert reversed_.forecast.values["pm25"][0, 20] == 80


def test_daily_means_fill_the_days_no_hourly_file_gives(tmp_path):
    hourly = _write(tmp_path, "h.csv", "time,city,pm25\n" + _hours("2026-01-02", 1, "成都市", lambda i: 10 + i))
    daily = _write(tmp_path, "d.csv", "date,city,pm25\n2026-01-01,成都市,140\n2026-01-02,成都市,999\n")
    series = load_observed_series([hourly, daily])
    f = series.forecast
    assert f.step_hours == 1 and len(f.times) == 48
    assert (f.values["pm25"][0, :24] == 140).all()  # the daily mean, spread over the day
    assert f.values["pm25"][0, 24] == 10  # the hourly file's day kept
    text = " | ".join(p.message for p in series.findings)
    assert "1 unit-days of daily means spread over their 24 hours" in text
    assert "1 unit-days of daily means not used" in text


def test_bad_input_names_the_file_row_and_column(tmp_path):
    bad = _write(tmp_path, "bad.csv", "time,city,pm25\n2026-01-01 00:00,成都市,abc\n")
    with pytest.raises(InputError) as caught:
        load_observed_series([HOURLY, bad])
    problem = caught.value.problems[0]
    assert problem.file == str(bad) and problem.row == 2 and problem.column == "pm25"
    with pytest.raises(InputError):
        load_observed_series([])


def test_review_merges_several_observed_files(tmp_path, capsys):
    """``review --observed A --observed B``: the files merged in time as the splice merges them."""
    import json

    from app import cli

    season = SAMPLES_DIR / "season-winter"
    forecast = season / "forecast-2025-12-14.csv"
    target = tmp_path / "review.json"
    pdf = tmp_path / "review.pdf"
    code = cli.main(["review", "--observed", str(season / "observed-hourly.csv"), "--observed",
                     str(season / "stations-2025-12-15-48h.csv"), "--forecast", str(forecast),
                     "--json", str(target), "--pdf", str(pdf)])
    assert code == 0, capsys.readouterr().err
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["observed"]["kind"] == "merged"
    assert any("differ between observed-hourly.csv and stations-2025-12-15-48h.csv" in w
               for w in data["observed"]["warnings"])
    import subprocess

    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "59个城市的PM2.5（多个文件按时间合并）监测数据" in text.replace("\n", "")
