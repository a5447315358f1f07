"""The national network's station files: sniffed by their header (UTF-8, BOM, GBK), stations placed in units by
location (Chongqing's districts, whose ``area`` is always 重庆市), background stations left out, unit means and
station counts per hour, and the findings an officer must see."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np
import pytest

from app.errors import InputError
from app.importing.observed import load_observed_series
from app.importing.stations import is_station_file
from app.paths import SAMPLES_DIR

HEADER = ("timepoint,stationcode,longitude,latitude,area,positionname,primarypollutant,aqi,pm10,pm10_24h,pm2_5,"
          "pm2_5_24h,o3,o3_24h,o3_8h,o3_8h_24h,no2,no2_24h,so2,so2_24h,co,co_24h")
SAMPLE = SAMPLES_DIR / "stations-regional-orange"


@lru_cache(maxsize=1)
def _inside() -> dict[str, tuple[float, float]]:
    """A point inside each unit (shapely's representative point of the bundled polygon)."""
    from maps.boundaries import load_boundaries

    points = load_boundaries().gdf.geometry.representative_point()
    return {name: (round(p.x, 5), round(p.y, 5)) for name, p in points.items()}


def _row(hour: int, code: str, unit: str | None, pm25, *, area: str | None = None, name: str = "监测站",
         at: tuple[float, float] | None = None, day: str = "2026-01-06") -> str:
    lon, lat = at if at is not None else _inside()[unit]
    if area is None:
        area = "重庆市" if unit.endswith(("区", "县")) else unit
    return (f"{day} {hour:02d}:00:00,{code},{lon},{lat},{area},{name},PM2.5,100,120,120,{pm25},,10,10,10,10,30,30,"
            f"5,5,0.8,0.8\n")


def _write(folder: Path, name: str, rows: list[str], encoding: str = "utf-8", bom: bool = False,
           header: str = HEADER) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    data = (header + "\n" + "".join(rows)).encode(encoding)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


def test_header_variants_utf8_bom_gbk_and_one_file_of_many_hours(tmp_path):
    folder = tmp_path / "hours"
    _write(folder, "h00.csv", [_row(0, "1001A", "成都市", 80)])
    _write(folder, "h01.csv", [_row(1, "1001A", "成都市", 90)], bom=True)
    _write(folder, "h02.csv", [_row(2, "1001A", "成都市", 100, name="草堂寺")], encoding="gbk")
    _write(folder, "notes.txt", ["这不是站点文件\n"], header="readme")  # not a station file: not read
    assert is_station_file(folder / "h02.csv") and not is_station_file(folder / "notes.txt")
    series = load_observed_series([folder])
    f = series.forecast
    assert list(f.values["pm25"][f.row("成都市")]) == [80, 90, 100]
    assert list(series.station_counts[f.row("成都市")]) == [1, 1, 1]
    many = _write(tmp_path, "many.csv", [_row(h, "1001A", "成都市", 50 + h) for h in range(5)], bom=True,
                  header=HEADER.upper())  # one file holding many hours, header in capitals
    assert list(load_observed_series([many]).forecast.values["pm25"][0]) == [50, 51, 52, 53, 54]


def test_chongqing_stations_go_to_their_districts_by_location():
    """``area`` is 重庆市 for every district: only the coordinates tell 渝中区 from 江北区."""
    districts = ["渝中区", "江北区", "沙坪坝区", "万州区", "秀山土家族苗族自治县"]
    rows = [_row(0, f"{2001 + k}A", d, 40 + 10 * k) for k, d in enumerate(districts)]
    assert all(",重庆市," in r for r in rows)
    tmp = Path(__import__("tempfile").mkdtemp())
    series = load_observed_series([_write(tmp, "cq.csv", rows)])
    f = series.forecast
    assert set(f.units) == set(districts)
    assert [f.values["pm25"][f.row(d), 0] for d in districts] == [40, 50, 60, 70, 80]
    assert not [p for p in series.findings if "listed under" in p.message]


def test_means_and_counts_per_unit_and_hour_and_background_stations_left_out(tmp_path):
    rows = []
    for h in range(3):
        rows.append(_row(h, "1001A", "成都市", 100))
        rows.append(_row(h, "1002A", "成都市", 120 if h != 1 else ""))  # no value at 01:00
        rows.append(_row(h, "1003A", "成都市", 10, name="灵岩寺（对照点）"))
        rows.append(_row(h, "2001A", "渝中区", 60))
        rows.append(_row(h, "2002A", "渝中区", 5, name="缙云山(对照点)"))
    series = load_observed_series([_write(tmp_path, "s.csv", rows)])
    f = series.forecast
    assert list(f.values["pm25"][f.row("成都市")]) == [110, 100, 110]
    assert list(series.station_counts[f.row("成都市")]) == [2, 1, 2]
    assert list(f.values["pm25"][f.row("渝中区")]) == [60, 60, 60]
    assert list(series.station_counts[f.row("渝中区")]) == [1, 1, 1]
    background = [p for p in series.findings if "background stations" in p.message]
    assert len(background) == 1 and background[0].message.startswith("2 background stations")
    assert "1003A" in background[0].message and "2002A" in background[0].message


def test_outside_every_unit_no_station_and_area_disagreeing_are_findings(tmp_path):
    rows = [_row(0, "1001A", "成都市", 80),
            _row(0, "1002A", None, 90, area="成都市", at=(121.47, 31.23)),  # 成都市 by name, at Shanghai
            _row(0, "1003A", None, 70, area="北京市", at=(116.40, 39.90)),  # another province: counted, left out
            _row(0, "1004A", "德阳市", 75, area="绵阳市"),  # listed under 绵阳市, lies in 德阳市
            _row(0, "1005A", "江北区", 65, area="成都市")]  # a Chongqing district listed under 成都市
    series = load_observed_series([_write(tmp_path, "s.csv", rows)])
    f = series.forecast
    outside = [p for p in series.findings if "lies outside every unit" in p.message]
    assert len(outside) == 1 and "1002A" in outside[0].message and outside[0].severity == "warning"
    assert outside[0].row == 3 and outside[0].column == "longitude"
    others = [p for p in series.findings if "stations of other provinces" in p.message]
    assert len(others) == 1 and others[0].message.startswith("1 stations")
    disagree = [p for p in series.findings if "is listed under" in p.message]
    assert {p.units for p in disagree} == {("德阳市",), ("江北区",)}
    assert f.values["pm25"][f.row("德阳市"), 0] == 75  # counted where it lies
    assert f.values["pm25"][f.row("成都市"), 0] == 80  # the Shanghai point is not 成都's
    none = [p for p in series.findings if "have no station" in p.message]
    assert len(none) == 1 and none[0].message.startswith("56 of 59 units")
    assert "自贡市" in none[0].units and "成都市" not in none[0].units
    assert f.units == ["成都市", "德阳市", "江北区"] and "自贡市" in f.missing_units


def test_implausible_values_are_missing_and_reported(tmp_path):
    rows = [_row(0, "1001A", "成都市", 80), _row(0, "1002A", "成都市", -5),
            _row(1, "1001A", "成都市", 0), _row(1, "1002A", "成都市", 90),
            _row(2, "1001A", "成都市", 99999), _row(2, "1002A", "成都市", 100)]
    series = load_observed_series([_write(tmp_path, "s.csv", rows)])
    assert list(series.forecast.values["pm25"][0]) == [80, 90, 100]
    assert list(series.station_counts[0]) == [1, 1, 1]
    text = " | ".join(f"{p.message} @{p.row}" for p in series.findings)
    assert "a negative PM2.5 value, treated as missing @3" in text
    assert "1 zero PM2.5 values read as missing" in text
    assert "a value that cannot be real, treated as missing @6" in text


def test_bad_input_names_the_file_row_and_column(tmp_path):
    good = _write(tmp_path / "a", "h00.csv", [_row(0, "1001A", "成都市", 80)])
    bad = _write(tmp_path / "a", "h01.csv", [_row(1, "1001A", "成都市", 80), _row(1, "1002A", "成都市", "abc")])
    with pytest.raises(InputError) as caught:
        load_observed_series([tmp_path / "a"])
    problem = caught.value.problems[0]
    assert (problem.file, problem.row, problem.column, problem.value) == (str(bad), 3, "pm2_5", "abc")
    bad.write_text(HEADER + "\n" + _row(1, "1001A", "成都市", 80).replace("2026-01-06 01:00:00", "yesterday"),
                   encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_observed_series([tmp_path / "a"])
    assert (caught.value.problems[0].file, caught.value.problems[0].row) == (str(bad), 2)
    assert caught.value.problems[0].column == "timepoint"
    bad.write_text(HEADER + "\n" + _row(1, "1001A", "成都市", 80).rstrip("\n") + ",extra\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_observed_series([good, bad])
    assert caught.value.problems[0].row == 2 and "23 cells" in caught.value.problems[0].message
    bad.write_text(HEADER.replace("pm2_5,", "pm25x,") + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_observed_series([bad])
    assert caught.value.problems[0].column == "pm2_5" and caught.value.problems[0].row == 1
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError, match="no station files"):
        load_observed_series([empty])


def test_station_files_merge_with_a_city_table(tmp_path):
    stations = _write(tmp_path, "s.csv", [_row(h, "1001A", "成都市", 80) for h in range(2)])
    city = tmp_path / "city.csv"
    city.write_text("time,city,pm25\n2026-01-06 02:00,成都市,70\n2026-01-06 02:00,德阳市,60\n", encoding="utf-8")
    series = load_observed_series([stations, city])
    f = series.forecast
    assert list(f.values["pm25"][f.row("成都市")]) == [80, 80, 70]
    assert list(series.station_counts[f.row("成都市")]) == [1, 1, -1]  # -1: from a city table
    assert list(series.station_counts[f.row("德阳市")]) == [-1, -1, -1]


def test_loaded_boundaries_place_stations_like_the_rings():
    from app.importing.station_place import locate
    from maps.boundaries import load_boundaries

    rng = np.random.default_rng(5)
    lon, lat = rng.uniform(101.0, 110.5, 2000), rng.uniform(26.0, 33.0, 2000)
    boundaries = load_boundaries()
    by_rings = locate(lon, lat, boundaries.names)
    assert (by_rings >= 0).sum() > 800
    assert np.array_equal(by_rings, locate(lon, lat, boundaries.names, boundaries))


def test_the_sample_station_files():
    series = load_observed_series([SAMPLE])
    f = series.forecast
    assert len(f.units) == 59 and not f.missing_units
    assert f"{f.times[0]:%Y-%m-%d %H:%M}" == "2026-01-06 00:00" and f"{f.times[-1]:%m-%d %H:%M}" == "01-09 23:00"
    assert series.station_counts[f.row("成都市")].max() == 10
    assert series.station_counts[f.row("渝中区")].max() == 3
    assert series.station_counts.min() >= 1  # every unit has a value every hour (遂宁's gap is one station)
    text = " | ".join(p.message for p in series.findings)
    assert "2 background stations" in text and "4 stations of other provinces" in text
    assert "1036A 遂宁市 市监测站 12" in text
    assert not [p for p in series.findings if p.severity == "warning"]


def test_review_reads_station_files_as_observations():
    from app.domain.scheme import load_scheme
    from app.importing import load_forecast
    from app.importing.observed import load_observations
    from app.review.review import review
    from maps.adjacency import scheme_adjacency

    season = SAMPLES_DIR / "season-winter"
    observations = load_observations(season / "stations-2025-12-15-48h.csv")
    assert observations.source_kind == "stations" and len(observations.units) == 59
    assert [f"{d:%m-%d}" for d in observations.days] == ["12-15", "12-16"]
    assert not np.isnan(observations.pm25).any() and observations.aqi.max() > 200
    scheme = load_scheme()
    result = review(observations, {"f": load_forecast(season / "forecast-2025-12-14.csv")}, scheme,
                    scheme_adjacency(scheme).neighbours)
    assert result.overall["f"]["days"] == 2 * 59


def test_a_fifo_given_as_observed_is_refused_not_waited_on(tmp_path):
    import os
    import threading

    fifo = tmp_path / "obs.csv"
    os.mkfifo(fifo)
    outcome = {}

    def load():
        try:
            load_observed_series([fifo])
        except InputError as exc:
            outcome["error"] = exc.problems[0]

    thread = threading.Thread(target=load, daemon=True)
    thread.start()
    thread.join(60)
    assert not thread.is_alive(), "reading a FIFO as observed data hangs"
    assert "named pipe" in outcome["error"].message


def test_many_disagreeing_stations_are_listed_ten_then_counted(tmp_path):
    rows = [_row(0, f"{3000 + k}A", "德阳市", 70, area="绵阳市") for k in range(14)]
    series = load_observed_series([_write(tmp_path, "s.csv", rows)])
    listed = [p for p in series.findings if "is listed under 绵阳市" in p.message]
    summary = [p for p in series.findings if p.message.startswith("14 stations are listed under another city")]
    assert len(listed) == 10 and len(summary) == 1 and "4 more not listed" in summary[0].message


def test_an_offices_boundary_file_places_the_stations_and_a_missing_one_is_bad_input(tmp_path):
    import shutil

    from app.paths import DEFAULT_BOUNDARIES

    office = tmp_path / "office-units.gpkg"
    shutil.copy(DEFAULT_BOUNDARIES, office)
    rows = [_row(0, "2001A", "渝中区", 60), _row(0, "2002A", "江北区", 70)]
    path = _write(tmp_path, "s.csv", rows)
    series = load_observed_series([path], boundaries=office)
    assert [series.forecast.values["pm25"][series.forecast.row(u), 0] for u in ("渝中区", "江北区")] == [60, 70]
    with pytest.raises(InputError, match="boundary file not found"):
        load_observed_series([path], boundaries=tmp_path / "nowhere.gpkg")


def test_unit_means_get_the_plausibility_checks_of_city_tables(tmp_path):
    """Station values in mg/m³ (0.08 for 80 µg/m³) are kept but said to look like mg/m³, as in a city table."""
    rows = [_row(h, "1001A", "成都市", 0.08) for h in range(24)] + [_row(h, "1002A", "德阳市", 0.07) for h in range(24)]
    series = load_observed_series([_write(tmp_path, "s.csv", rows)])
    assert any("look like mg/m³" in p.message for p in series.findings)
    assert series.forecast.values["pm25"][0, 0] == pytest.approx(0.08)


def test_a_chinese_header_in_gbk_is_read_as_the_networks_own(tmp_path):
    header = "时间,站点编码,经度,纬度,城市,监测点位名称,首要污染物,AQI,PM10,PM10_24h,PM2.5(μg/m3),PM2.5_24h,O3,O3_24h,O3_8h," \
             "O3_8h_24h,NO2,NO2_24h,SO2,SO2_24h,CO,CO_24h"
    rows = [_row(0, "2001A", "渝中区", 60), _row(0, "2002A", "江北区", 70, name="缙云山（对照点）")]
    path = _write(tmp_path, "cn.csv", rows, encoding="gbk", header=header)
    assert is_station_file(path)
    series = load_observed_series([path])
    assert series.forecast.units == ["渝中区"] and series.forecast.values["pm25"][0, 0] == 60
    city = tmp_path / "city.csv"
    city.write_text("时间,城市,PM2.5\n2026-01-06 00:00,成都市,50\n", encoding="utf-8")
    assert not is_station_file(city)  # a city table (no station code) stays a city table


def test_the_sample_stations_spliced_before_the_orange_sample_show_a_running_episode():
    """What the README says the splice shows: a regional yellow in the observed days, ended before the forecast."""
    from app.domain.engine import evaluate
    from app.domain.scheme import load_scheme
    from app.importing import load_forecast
    from app.paths import DEFAULT_SAMPLE
    from maps.adjacency import scheme_adjacency

    scheme = load_scheme()
    evaluation = evaluate(load_forecast(DEFAULT_SAMPLE), scheme, scheme_adjacency(scheme).neighbours,
                          observed=load_observed_series([SAMPLE]).forecast)
    assert evaluation.observed_hours == 96
    seen = {(e.region, e.level, f"{e.start:%m-%d}", f"{e.end:%m-%d}") for e in evaluation.episodes
            if e.observed_hours}
    assert seen == {("盆地中部地区", "yellow", "01-07", "01-09"), ("盆地南部地区", "yellow", "01-07", "01-08")}
