"""Observed-data import: hourly or daily-mean PM2.5, daily AQI, multi-year files, blanks and zeros, extra columns,
and the HJ 633 edition in force on each date."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from app.domain.aqi import compute_aqi, load_edition
from app.domain.scheme import load_scheme
from app.errors import InputError
from app.importing import load_forecast
from app.importing.observed import load_observations

REAL = Path(__file__).resolve().parent.parent / "data" / "sichuan8_daily_2014_2015.csv"


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_real_cnemc_file_imports_two_years_of_daily_means():
    obs = load_observations(REAL)
    assert obs.source_kind == "daily-pm25"
    assert len(obs.days) == 730  # 2014 + 2015: far over the forecasts' 366-day limit
    assert f"{obs.days[0]:%Y-%m-%d}" == "2014-01-01" and f"{obs.days[-1]:%Y-%m-%d}" == "2015-12-31"
    assert set(obs.units) == {"成都市", "德阳市", "泸州市", "绵阳市", "南充市", "攀枝花市", "宜宾市", "自贡市"}
    assert len(obs.missing_units) == 51
    assert obs.edition_label == "HJ 633-2012"
    chengdu = obs.row("成都市")
    assert obs.pm25[chengdu, 0] == pytest.approx(176.9)
    # HJ 633-2012 PM2.5 24 h: 150–250 µg/m³ ↔ IAQI 200–300: 200 + 26.9 → 226.9, rounded up 227
    assert obs.aqi[chengdu, 0] == 227
    notes = " | ".join(str(w) for w in obs.warnings)
    assert "column lon" in notes and "column lat" in notes  # the extra columns, ignored with a note
    assert "51 of 59 units have no observations" in notes


def test_real_file_is_refused_as_a_forecast_but_not_as_observations():
    with pytest.raises(InputError, match="at most 366"):
        load_forecast(REAL)


def test_hourly_observations_give_daily_means_with_20_valid_hours(tmp_path):
    rows = ["time,city,pm25"]
    for h in range(48):
        day_two_blank = h >= 24 and h < 24 + 5  # day 2 keeps 19 valid hours: no daily mean
        value = "" if day_two_blank else "100"
        rows.append(f"2026-01-10 {h % 24:02d}:00,成都市,{value}" if h < 24 else
                    f"2026-01-11 {h % 24:02d}:00,成都市,{value}")
    rows.append("2026-01-10 00:00,德阳市,0")  # a zero: missing, not clean air
    obs = load_observations(_write(tmp_path, "obs.csv", "\n".join(rows) + "\n"))
    assert obs.source_kind == "hourly"
    assert obs.pm25[obs.row("成都市")].tolist()[0] == 100.0
    assert math.isnan(obs.pm25[obs.row("成都市"), 1])
    assert obs.blank_cells == 5 and obs.zero_cells == 1
    assert obs.missing_days() == {"成都市": 1, "德阳市": 2}
    text = " | ".join(str(w) for w in obs.warnings)
    assert "1 zero values in pm25 read as missing" in text and "5 empty pm25 cells" in text


def test_daily_aqi_table_still_supported_and_pm25_derived(tmp_path):
    obs = load_observations(_write(tmp_path, "aqi.csv", "date,city,aqi\n2026-01-10,成都市,150\n2026-01-11,成都市,\n"))
    assert obs.source_kind == "daily-aqi" and obs.pm25_derived
    assert obs.aqi[0, 0] == 150
    assert obs.pm25[0, 0] == pytest.approx(115.0)  # 2012: AQI 150 ↔ 115 µg/m³
    assert obs.blank_cells == 1


def test_each_date_uses_the_edition_in_force(tmp_path):
    switch = load_scheme().edition_switch  # 2026-03-01
    obs = load_observations(_write(tmp_path, "d.csv", "date,city,pm25\n2026-02-28,成都市,80\n2026-03-01,成都市,80\n"))
    assert obs.edition.tolist() == [0, 1]
    for col, key in ((0, "2012"), (1, "2026")):
        expected = compute_aqi(load_edition(key), {"pm25": np.array([80.0])}, "daily").aqi[0]
        assert obs.aqi[0, col] == expected
    assert switch.month == 3


def test_bad_value_names_file_row_and_column(tmp_path):
    path = _write(tmp_path, "bad.csv", "date,city,pm25\n2026-01-10,成都市,12\n2026-01-11,成都市,abc\n")
    with pytest.raises(InputError) as err:
        load_observations(path)
    problem = err.value.problems[0]
    assert problem.row == 3 and problem.column == "pm25" and "bad.csv" in problem.file


def test_synthetic_samples_match_their_forecasts():
    from app.paths import SAMPLES_DIR

    forecast = load_forecast(SAMPLES_DIR / "sample-regional-orange.csv")
    hourly = load_observations(SAMPLES_DIR / "observed-regional-orange.csv")
    daily = load_observations(SAMPLES_DIR / "observed-regional-orange-daily.csv")
    assert hourly.days.equals(daily.days) and len(hourly.days) == 7
    assert hourly.days[0] == forecast.times[0].normalize()
    both = ~np.isnan(hourly.pm25) & ~np.isnan(daily.pm25)
    assert np.allclose(hourly.pm25[both], daily.pm25[both], atol=0.06)  # the daily file rounds to 0.1
    assert hourly.zero_cells == 6 and hourly.blank_cells == 30
