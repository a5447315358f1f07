"""Issue 22 §5: the same plausibility checks for forecasts and observations — AQI 999, hourly 1500 µg/m³, daily
means of 0.5 µg/m³, a file in mg/m³ — and a finding for long runs of zeros or near-zeros in one unit (a dead
station written as 0), each a warning naming the unit; the values are kept."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from app import cli
from app.importing import load_forecast
from app.importing.observed import load_observations
from app.paths import SAMPLES_DIR

REAL = Path(__file__).resolve().parent.parent / "data" / "sichuan8_daily_2014_2015.csv"
ORANGE = SAMPLES_DIR / "sample-regional-orange.csv"


def _hourly(tmp_path, value_of, name="obs.csv", days=4, cities=("成都市", "德阳市", "绵阳市")):
    lines = [f"{pd.Timestamp('2026-01-10') + pd.Timedelta(hours=h):%Y-%m-%d %H:%M},{c},{value_of(c, h)}"
             for h in range(24 * days) for c in cities]
    path = tmp_path / name
    path.write_text("time,city,pm25\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def _daily(tmp_path, value_of, field="pm25", days=20, cities=("成都市", "德阳市", "绵阳市")):
    lines = [f"{pd.Timestamp('2026-01-01') + pd.Timedelta(days=d):%Y-%m-%d},{c},{value_of(c, d)}"
             for d in range(days) for c in cities]
    path = tmp_path / "daily.csv"
    path.write_text(f"date,city,{field}\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def _said(warnings, text):
    return [w for w in warnings if text in w.message]


def test_observed_daily_aqi_999_is_flagged(tmp_path):
    obs = load_observations(_daily(tmp_path, lambda c, d: 999 if (c, d) == ("成都市", 3) else 120, field="aqi"))
    found = _said(obs.warnings, "AQI above 500")
    assert found and found[0].severity == "warning" and found[0].value == "999" and found[0].row == 11


def test_observed_hourly_1500_is_flagged(tmp_path):
    obs = load_observations(_hourly(tmp_path, lambda c, h: 1500 if (c, h) == ("德阳市", 30) else 80))
    found = _said(obs.warnings, "values above 1000")
    assert found and found[0].units == ("德阳市",) and found[0].value == "1500"


def test_observed_daily_means_of_half_a_microgram_are_flagged(tmp_path):
    obs = load_observations(_daily(tmp_path, lambda c, d: 0.5 if (c, d) == ("绵阳市", 5) else 60))
    found = _said(obs.warnings, "daily mean PM2.5 values under 2")
    assert found and found[0].units == ("绵阳市",) and found[0].value == "0.5"


def test_observations_in_mg_per_cubic_metre_are_said_to_be(tmp_path):
    obs = load_observations(_hourly(tmp_path, lambda c, h: round(0.05 + 0.001 * (h % 50), 3)))
    assert _said(obs.warnings, "look like mg/m³")
    assert {w.units[0] for w in _said(obs.warnings, "a dead station written as 0, or values in mg/m³")} == \
        {"成都市", "德阳市", "绵阳市"}


def test_many_units_with_runs_give_one_finding_naming_them(tmp_path):
    cities = ("成都市", "德阳市", "绵阳市", "自贡市", "泸州市", "宜宾市")
    obs = load_observations(_hourly(tmp_path, lambda c, h: round(0.05 + 0.001 * (h % 50), 3), cities=cities))
    found = _said(obs.warnings, "dead stations written as 0")
    assert len(found) == 1 and set(found[0].units) == set(cities) and found[0].message.startswith("6 units")
    assert not _said(obs.warnings, "a dead station written as 0")


def test_a_dead_station_written_as_zero_is_a_finding_in_observations(tmp_path):
    obs = load_observations(_hourly(tmp_path, lambda c, h: 0 if c == "成都市" and 10 <= h < 70 else 90))
    found = _said(obs.warnings, "for 60 hours in a row")
    assert len(found) == 1 and found[0].units == ("成都市",) and "2026-01-10 10:00 to 2026-01-12 21:00" in \
        found[0].message


def test_a_forecast_with_chengdu_at_zero_all_week_is_a_finding_and_strict_stops(tmp_path, capsys):
    lines = ORANGE.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if not line.startswith("#"))
    header = lines[at].split(",")
    city, pm = header.index("city"), header.index("pm25")
    rows = [line.split(",") for line in lines[at + 1:]]
    assert sum(row[city] == "成都市" for row in rows) > 100
    for row in rows:
        if row[city] == "成都市":
            row[pm] = "0"
    text = [",".join(header)]
    path = tmp_path / "zero.csv"
    path.write_text("\n".join([text[0]] + [",".join(r) for r in rows]) + "\n", encoding="utf-8")
    fc = load_forecast(path)
    found = _said(fc.warnings, "a dead station written as 0")
    assert len(found) == 1 and found[0].units == ("成都市",) and found[0].severity == "warning"
    assert cli.main(["evaluate", str(ORANGE), "--json", str(tmp_path / "a.json"), "--strict"]) == 0
    assert cli.main(["evaluate", str(path), "--json", str(tmp_path / "b.json"), "--strict"]) == 2


def test_real_data_with_2016_like_lows_is_flagged_and_the_real_2014_2015_file_is_not():
    clean = load_observations(REAL)
    assert not _said(clean.warnings, "daily mean PM2.5 values under")
    assert not _said(clean.warnings, "in a row")


def test_real_data_with_the_2016_lows_injected(tmp_path):
    """绵阳 1.0 and 自贡 0.2 µg/m³ as the real 2016 file holds them, and 7 days of 绵阳 under 5 µg/m³."""
    table = pd.read_csv(REAL)
    mianyang = table.index[(table["city"] == "绵阳市")]
    table.loc[mianyang[100], "pm25"] = 1.0
    table.loc[table.index[(table["city"] == "自贡市")][200], "pm25"] = 0.2
    for k in (400, 410, 420, 430, 440):
        table.loc[mianyang[k], "pm25"] = 4.2
    path = tmp_path / "real-2016-like.csv"
    table.to_csv(path, index=False)
    obs = load_observations(path)
    low = _said(obs.warnings, "daily mean PM2.5 values under 2")
    assert low and set(low[0].units) == {"绵阳市", "自贡市"} and "2 daily mean" in low[0].message
    many = _said(obs.warnings, "绵阳市: 8 daily mean PM2.5 values under 5")  # 1.0, 3.7, 4.7 and five 4.2
    assert many and many[0].severity == "warning"


def test_a_grid_of_zeros_over_one_city_is_a_finding(tmp_path):
    from tests.importing import builders

    def field(xx, yy, t):
        return np.where((xx > 103.0) & (xx < 105.0) & (yy > 30.0) & (yy < 31.5), 0.0, 70.0)
    fc = load_forecast(builders.grid_file(tmp_path / "g.nc", hours=30, field=field,
                                          lat=np.arange(25.5, 34.8, 0.1), lon=np.arange(97.0, 110.6, 0.1)))
    assert "成都市" in {w.units[0] for w in _said(fc.warnings, "a dead station written as 0")}


@pytest.mark.parametrize("sample", sorted(SAMPLES_DIR.glob("sample-*.csv")), ids=lambda p: p.name)
def test_the_shipped_samples_raise_none_of_these(sample):
    fc = load_forecast(sample)
    assert not [w for w in fc.warnings if "in a row" in w.message or "daily mean PM2.5 values under" in w.message]


def test_the_review_report_says_the_observations_hold_doubtful_values(tmp_path):
    """The officer reading the 应对评估 report learns that values were used as read although doubtful."""
    from app.domain.scheme import load_scheme
    from app.export.review_report import report_blocks
    from app.review.review import review

    lines = (SAMPLES_DIR / "observed-regional-orange.csv").read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if not line.startswith("#"))
    rows = [line.split(",") for line in lines[at + 1:]]
    for row in rows:
        if row[1] == "成都市":
            row[2] = "0.3"
    path = tmp_path / "obs.csv"
    path.write_text("\n".join([lines[at]] + [",".join(r) for r in rows]) + "\n", encoding="utf-8")
    from maps.adjacency import scheme_adjacency

    scheme = load_scheme()
    near = scheme_adjacency(scheme).neighbours
    texts = [b.text for b in report_blocks(review(load_observations(path), {"中心": load_forecast(ORANGE)}, scheme,
                                                  near), scheme) if b.text]
    said = [t for t in texts if "数值存疑" in t]
    assert said == ["实测数据中有1处数值存疑，涉及成都市（如连续多时接近零、疑以毫克/立方米为单位或超出常见范围），已按原值参与评分，"
                    "请核实原始数据。"]
    clean = review(load_observations(SAMPLES_DIR / "observed-regional-orange.csv"), {"中心": load_forecast(ORANGE)},
                   scheme, near)
    assert not [b for b in report_blocks(clean, scheme) if b.text and "数值存疑" in b.text]
