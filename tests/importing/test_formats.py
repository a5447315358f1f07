"""The table variants duty officers receive: encodings, Chinese headers, names, wide/daily/range tables,
date + hour columns, time zones, meteorological columns, declared units."""

from __future__ import annotations

import numpy as np
import pytest

from app.importing import load_forecast
from tests.importing import builders

ZH = "时间,城市,PM2.5(μg/m3),风速,风向,相对湿度,边界层高度,降水,逆温\n" \
     "2026-01-10 00:00,成都,80,1.2,东北,85,300,0,有\n" \
     "2026-01-10 01:00,成都,82,0.8,静风,88,250,0.2,无\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_encodings_are_detected_without_asking(write, encoding):
    fc = load_forecast(write("f.csv", ZH if encoding != "utf-16" else ZH.replace(",", "\t"), encoding))
    assert fc.units == ["成都市"]
    np.testing.assert_array_equal(fc.values["pm25"][0], [80, 82])
    assert fc.meta.encoding == encoding or (encoding, fc.meta.encoding) == ("gb18030", "gbk")  # same bytes


def test_chinese_headers_and_met_columns_reach_forecast_met(write):
    fc = load_forecast(write("f.csv", ZH, "gbk"))
    assert set(fc.met) == {"wind_speed", "wind_dir", "rh", "blh", "precip", "inversion"}
    np.testing.assert_array_equal(fc.met["wind_dir"][0], [45.0, np.nan])  # 静风 (calm): no direction
    np.testing.assert_array_equal(fc.met["inversion"][0], [1.0, 0.0])
    np.testing.assert_array_equal(fc.met["blh"][0], [300, 250])


@pytest.mark.parametrize("name", ["510100", "成都市", "成都", "Chengdu", " 成都市 ", "成都\xa0", "510100.0"])
def test_unit_names_by_adcode_full_short_english(write, name):
    fc = load_forecast(write("f.csv", f"time,city,pm25\n2026-01-10 00:00,{name},50\n"))
    assert fc.units == ["成都市"]


@pytest.mark.parametrize("former,current", [("开县", "开州区"), ("梁平县", "梁平区"), ("铜梁县", "铜梁区")])
def test_former_names_map_to_todays_units(write, former, current):
    fc = load_forecast(write("f.csv", f"time,区县,pm25\n2026-01-10 00:00,{former},50\n"))
    assert fc.units == [current]


@pytest.mark.parametrize("delimiter", [",", "\t", ";"])
def test_delimiters(write, delimiter):
    text = "time,city,pm25\n2026-01-10 00:00,成都,50\n".replace(",", delimiter)
    assert load_forecast(write("f.txt", text)).values["pm25"][0, 0] == 50


def test_wide_table_with_pollutant_line_and_keyword(write):
    text = "# pollutant: PM2.5\n时间,成都,德阳市,510300\n2026-01-10 00:00,1,2,3\n2026-01-10 01:00,4,5,6\n"
    fc = load_forecast(write("w.csv", text))
    assert fc.units == ["成都市", "自贡市", "德阳市"]
    np.testing.assert_array_equal(fc.values["pm25"], [[1, 4], [3, 6], [2, 5]])
    assert fc.meta.source_format == "wide-csv"
    fc = load_forecast(write("w2.csv", text.split("\n", 1)[1]), pollutant="pm10")
    assert list(fc.values) == ["pm10"]


def test_daily_table_gives_daily_aqi_with_24h_steps(write):
    fc = load_forecast(write("d.csv", "日期,城市,AQI\n2026-01-10,成都,160\n2026-01-11,成都,210\n2026-01-10,德阳,90\n"
                                      "2026-01-11,德阳,120\n"))
    assert fc.is_daily and fc.step_hours == 24
    assert list(fc.times.strftime("%Y-%m-%d %H:%M")) == ["2026-01-10 00:00", "2026-01-11 00:00"]
    np.testing.assert_array_equal(fc.values["aqi"], [[160, 210], [90, 120]])
    assert fc.meta.source_format == "daily-csv"


@pytest.mark.parametrize("bound,expected", [("low", 150), ("central", 175), ("high", 200)])
def test_range_forecast_bound_is_applied_and_recorded(write, bound, expected):
    path = write("r.csv", "date,city,aqi_low,aqi_high\n2026-01-10,成都,150,200\n")
    fc = load_forecast(path, range_bound=bound)
    assert fc.values["aqi"][0, 0] == expected and fc.meta.range_bound == bound
    assert "aqi_low" not in fc.values


def test_default_bound_is_high_and_plain_tables_record_none(write):
    assert load_forecast(write("r.csv", "date,city,AQI上限,AQI下限\n2026-01-10,成都,200,150\n")).meta.range_bound \
        == "high"
    assert load_forecast(write("p.csv", "time,city,pm25\n2026-01-10 00:00,成都,5\n")).meta.range_bound == ""


def test_hourly_aqi_only_input_is_kept_as_aqi(write):
    fc = load_forecast(write("a.csv", "time,city,aqi\n2026-01-10 00:00,成都,120\n"))
    assert list(fc.values) == ["aqi"] and fc.step_hours == 1


def test_date_and_hour_columns_combine(write):
    fc = load_forecast(write("f.csv", "日期,时次,城市,PM2.5\n2026-01-10,0,成都,1\n2026-01-10,23,成都,2\n"
                                      "2026-01-10,24,成都,3\n"))
    assert fc.times[-1].strftime("%Y-%m-%d %H:%M") == "2026-01-11 00:00"
    assert fc.values["pm25"][0, 0] == 1 and fc.values["pm25"][0, -2] == 2


def test_date_and_clock_columns_combine(write, tmp_path):
    fc = load_forecast(write("f.csv", "日期,时间,城市,PM2.5\n2026-01-10,08:00,成都,1\n2026-01-10,9时,成都,2\n"))
    assert list(fc.times.strftime("%d %H:%M")) == ["10 08:00", "10 09:00"]
    from datetime import date, time

    path = builders.workbook(tmp_path / "f.xlsx", [["日期", "时间", "城市", "PM2.5"],
                                                   [date(2026, 1, 10), time(8, 0), "成都", 1],
                                                   [date(2026, 1, 10), time(9, 0), "成都", 2]])
    assert list(load_forecast(path).times.strftime("%d %H:%M")) == ["10 08:00", "10 09:00"]


@pytest.mark.parametrize("stamp,beijing", [
    ("2026-01-10T00:00Z", "2026-01-10 08:00"),
    ("2026-01-10T00:00+00:00", "2026-01-10 08:00"),
    ("2026-01-10 08:00+08:00", "2026-01-10 08:00"),
    ("2026/1/10 8:00", "2026-01-10 08:00"),
    ("2026年1月10日 8时", "2026-01-10 08:00"),
    ("2026011008", "2026-01-10 08:00"),
    ("20260110 08:00", "2026-01-10 08:00"),
    ("2026年01月10日08时", "2026-01-10 08:00"),
    ("2026-01-10T08:00:00.000+0800", "2026-01-10 08:00"),
    ("2026-01-09 24:00", "2026-01-10 00:00"),
])
def test_time_formats_and_zones_end_in_beijing_time(write, stamp, beijing):
    fc = load_forecast(write("f.csv", f"time,city,pm25\n{stamp},成都,5\n"))
    assert fc.times[0].strftime("%Y-%m-%d %H:%M") == beijing
    assert str(fc.times.tz) == "Asia/Shanghai"


def test_issue_time_from_a_column_and_from_a_chinese_comment_line(write):
    fc = load_forecast(write("f.csv", "time,city,pm25,发布时间\n2026-01-10 00:00,成都,5,2026-01-09 16:00\n"))
    assert fc.meta.issued_at_source == "column" and fc.meta.issued_at.hour == 16
    fc = load_forecast(write("g.csv", "# 发布时间：2026-01-09 10时\ntime,city,pm25\n2026-01-10 00:00,成都,5\n"))
    assert fc.meta.issued_at_source == "file" and fc.meta.issued_at.hour == 10


def test_declared_units_are_converted(write):
    fc = load_forecast(write("f.csv", "time,city,PM2.5(mg/m3),CO(ug/m3)\n2026-01-10 00:00,成都,0.08,900\n"))
    assert fc.values["pm25"][0, 0] == pytest.approx(80)
    assert fc.values["co"][0, 0] == pytest.approx(0.9)
    assert sum("converted" in w.message for w in fc.warnings) == 2


def test_unrecognised_columns_are_ignored_with_a_warning(write):
    fc = load_forecast(write("f.csv", "time,city,pm25,备注\n2026-01-10 00:00,成都,5,晴\n"))
    assert any(w.column == "备注" and "ignored" in w.message for w in fc.warnings)


def test_xlsx_with_meta_rows_date_cells_and_a_chosen_sheet(tmp_path):
    from datetime import datetime

    rows = [["川渝空气质量预报"], ["发布时间", datetime(2026, 1, 9, 16)], ["预报单位", "区域中心"],
            ["时间", "区县", "PM2.5", "风向"],
            [datetime(2026, 1, 10, 0), "开县", 90, "NE"], [datetime(2026, 1, 10, 1), "开州", 95, "北"]]
    path = builders.workbook(tmp_path / "f.xlsx", [["空"]], extra_sheets={"预报": rows})
    fc = load_forecast(path, sheet="预报")
    assert fc.units == ["开州区"] and fc.meta.source_format == "long-xlsx"
    np.testing.assert_array_equal(fc.values["pm25"][0], [90, 95])
    np.testing.assert_array_equal(fc.met["wind_dir"][0], [45, 0])
    assert fc.meta.issued_at.hour == 16 and fc.meta.label == "区域中心"
    assert load_forecast(path, sheet=1).units == ["开州区"]


def test_xlsx_formulas_with_saved_values_are_read_with_a_warning(tmp_path):
    path = builders.workbook(tmp_path / "f.xlsx", [["时间", "城市", "PM2.5"], ["2026-01-10 00:00", "成都", "=50+5"]])
    fc = load_forecast(builders.with_cached_formula_values(path, "55"))
    assert fc.values["pm25"][0, 0] == 55
    assert any("formulas" in w.message for w in fc.warnings)


def test_merged_title_above_the_table_is_fine(tmp_path):
    path = builders.workbook(tmp_path / "f.xlsx", [["预报", None, None], ["时间", "城市", "PM2.5"],
                                                   ["2026-01-10 00:00", "成都", 5]], merge="A1:C1")
    assert load_forecast(path).values["pm25"][0, 0] == 5


def test_wide_xlsx_daily_table(tmp_path):
    from datetime import date

    path = builders.workbook(tmp_path / "f.xlsx", [["日期", "成都", "德阳"], [date(2026, 1, 10), 160, 120],
                                                   [date(2026, 1, 11), 210, 130]])
    fc = load_forecast(path)
    assert fc.is_daily and fc.meta.source_format == "daily-xlsx"
    np.testing.assert_array_equal(fc.values["aqi"], [[160, 210], [120, 130]])


@pytest.mark.parametrize("cell", ["150-200", "150～200", "150~200", "150至200"])
def test_aqi_ranges_written_in_one_cell(write, cell):
    fc = load_forecast(write("r.csv", f"日期,城市,AQI\n2026-01-10,成都,{cell}\n2026-01-11,成都,120\n"),
                       range_bound="central")
    np.testing.assert_array_equal(fc.values["aqi"][0], [175, 120])
    assert fc.meta.range_bound == "central"


def test_generic_value_column_takes_the_chosen_pollutant(write):
    text = "时间,城市,预报值\n2026-01-10 00:00,成都,60\n"
    fc = load_forecast(write("v.csv", text), pollutant="PM2.5")
    assert fc.values["pm25"][0, 0] == 60
    fc = load_forecast(write("w.csv", "# 污染物: AQI\n" + text))
    assert list(fc.values) == ["aqi"]


def test_a_lone_title_cell_names_a_wide_tables_pollutant(tmp_path):
    path = builders.workbook(tmp_path / "w.xlsx", [["PM2.5(μg/m³)"], ["时间", "成都", "德阳"],
                                                   ["2026-01-10 00:00", 80, 70]])
    assert list(load_forecast(path).values) == ["pm25"]


def test_informational_columns_are_ignored_silently(write):
    fc = load_forecast(write("f.csv", "序号,时间,城市,PM2.5,首要污染物,空气质量等级\n1,2026-01-10 00:00,成都,80,PM2.5,良\n"))
    assert not any("not recognised" in w.message for w in fc.warnings)


def test_csv_saved_from_a_workbook_keeps_its_title_and_meta_rows(write):
    text = ("川渝空气质量预报,,\n发布时间,2026-01-09 10:00,\n预报单位,区域中心,\n时间,城市,PM2.5\n"
            "2026-01-10 00:00,成都,5\n")
    fc = load_forecast(write("f.csv", text, "gbk"))
    assert fc.meta.issued_at.hour == 10 and fc.meta.label == "区域中心" and fc.values["pm25"][0, 0] == 5


def test_excel_sep_hint_line(write):
    fc = load_forecast(write("f.csv", "sep=;\ntime;city;pm25\n2026-01-10 00:00;成都;5,5\n".replace("5,5", "5")))
    assert fc.values["pm25"][0, 0] == 5


def test_times_across_the_columns_and_cities_down_the_rows(write, tmp_path):
    fc = load_forecast(write("t.csv", "城市,2026-01-10,2026-01-11,2026-01-12\n成都,160,210,180\n德阳,120,130,\n"))
    assert fc.is_daily and fc.units == ["成都市", "德阳市"]
    np.testing.assert_array_equal(fc.values["aqi"], [[160, 210, 180], [120, 130, np.nan]])
    from datetime import datetime

    path = builders.workbook(tmp_path / "t.xlsx", [["污染物", "PM2.5"],
                                                   ["区县", datetime(2026, 1, 10, 0), datetime(2026, 1, 10, 1)],
                                                   ["万州", 80, 85]])
    fc = load_forecast(path)
    assert list(fc.values) == ["pm25"] and fc.values["pm25"][0].tolist() == [80, 85]
