"""Inputs read as they were meant (issue 10 §3): missing-value words, Excel serial dates on the hour."""

from __future__ import annotations

import numpy as np
import pytest

from app.importing import load_forecast
from app.importing.timeaxis import excel_serial_text, serial_seconds


@pytest.mark.parametrize("word", ["无数据", "—", "-", "/", "NA", "null", ""])
def test_missing_value_words_are_missing(tmp_path, word):
    rows = "".join(f"2026-01-10 {h:02d}:00,成都,{word if h == 5 else 50}\n" for h in range(24))
    path = tmp_path / "f.csv"
    path.write_text("time,city,pm25\n" + rows, encoding="utf-8")
    forecast = load_forecast(path)
    pm = forecast.values["pm25"][0]
    assert np.isnan(pm[5]) and np.nansum(pm) == 50 * 23


@pytest.mark.parametrize("serial, text", [
    ("46032.33333", "2026-01-10 08:00:00"),  # 0.3 s before 08:00
    ("46032.333337", "2026-01-10 08:00:00"),  # 0.3 s after
    ("46032.5", "2026-01-10 12:00:00"),
    ("46032.3333", "2026-01-10 08:00:00"),  # 2.9 s off, but four decimals tell only 8.6 s apart (issue 22 §12)
    ("46032.333", "2026-01-10 08:00:00"),  # three decimals: 86 s apart, 29 s off
    ("46032.33", "2026-01-10 07:55:12"),  # two decimals tell 14 min apart: no hour can be meant, not snapped
    ("46032.33329", "2026-01-10 07:59:56"),  # five decimals: 0.9 s apart, 3.7 s off is another time
])
def test_excel_serial_dates_within_a_second_of_the_hour_are_on_the_hour(serial, text):
    assert excel_serial_text(serial) == text


def test_serial_seconds_round_to_the_second_elsewhere():
    assert serial_seconds(0.5 + 10.4 / 86400) == 43210


@pytest.mark.parametrize("header, first", [
    ("时间(UTC)", "2026-01-10 08:00"), ("time_utc", "2026-01-10 08:00"), ("Time (UTC)", "2026-01-10 08:00"),
    ("UTC时间", "2026-01-10 08:00"), ("时间（UTC+8）", "2026-01-10 00:00"), ("北京时间", "2026-01-10 00:00"),
    ("time", "2026-01-10 00:00"), ("datetime_bjt", "2026-01-10 00:00"),
])
def test_a_time_header_that_names_its_zone_is_read_in_that_zone(tmp_path, header, first):
    rows = "".join(f"2026-01-10 {h:02d}:00,成都,50\n" for h in range(24))
    path = tmp_path / "f.csv"
    path.write_text(f"{header},city,pm25\n" + rows, encoding="utf-8")
    forecast = load_forecast(path)
    assert f"{forecast.times[0]:%Y-%m-%d %H:%M}" == first
    notes = [w for w in forecast.warnings if "the header names" in w.message]
    assert len(notes) == (1 if first.endswith("08:00") else 0)
    if notes:
        assert notes[0].column == header and "UTC" in notes[0].message and "+8 h" in notes[0].message


def test_a_zone_in_the_date_header_of_date_and_hour_columns(tmp_path):
    rows = "".join(f"2026-01-10,{h},成都,50\n" for h in range(24))
    path = tmp_path / "f.csv"
    path.write_text("date (UTC),hour,city,pm25\n" + rows, encoding="utf-8")
    assert f"{load_forecast(path).times[0]:%Y-%m-%d %H:%M}" == "2026-01-10 08:00"


def test_times_with_their_own_offset_win_over_the_header(tmp_path):
    rows = "".join(f"2026-01-10T{h:02d}:00+08:00,成都,50\n" for h in range(24))
    path = tmp_path / "f.csv"
    path.write_text("time_utc,city,pm25\n" + rows, encoding="utf-8")
    assert f"{load_forecast(path).times[0]:%Y-%m-%d %H:%M}" == "2026-01-10 00:00"


def _two_forecast_sheets(tmp_path):
    from tests.importing import builders

    rows = [["时间", "城市", "PM2.5"], *[[f"2026-01-10 {h:02d}:00", "成都", 50] for h in range(24)]]
    other = [["时间", "城市", "PM2.5"], *[[f"2026-01-10 {h:02d}:00", "德阳", 80] for h in range(24)]]
    return builders.workbook(tmp_path / "two.xlsx", rows, title="中心预报", extra_sheets={"说明": [["仅供参考"]],
                                                                                          "省站预报": other})


def test_a_workbook_with_two_forecast_sheets_is_never_read_from_the_first_in_silence(tmp_path):
    from app.errors import InputError

    path = _two_forecast_sheets(tmp_path)
    with pytest.raises(InputError) as info:
        load_forecast(path)
    problem = info.value.problem
    assert "2 sheets that could hold a forecast: 中心预报, 省站预报" in problem.message
    assert problem.column == "--sheet" and "--sheet 中心预报" in problem.expected
    assert load_forecast(path, sheet="省站预报").units == ["德阳市"]


def test_a_notes_sheet_beside_one_forecast_sheet_needs_no_choice(tmp_path):
    from tests.importing import builders

    rows = [["时间", "城市", "PM2.5"], *[[f"2026-01-10 {h:02d}:00", "成都", 50] for h in range(24)]]
    path = builders.workbook(tmp_path / "one.xlsx", [["说明"], ["本表为试算"]], title="说明",
                             extra_sheets={"预报": rows})
    assert load_forecast(path).units == ["成都市"]


@pytest.mark.parametrize("command", [["evaluate"], ["inspect"], ["gui", "--screenshot", "x.png"], ["gui"]])
def test_the_cli_and_the_gui_command_stop_with_exit_2_listing_the_sheets(tmp_path, capsys, command):
    from app import cli

    path = _two_forecast_sheets(tmp_path)
    code = cli.main([command[0], str(path), *command[1:]])
    err = capsys.readouterr().err
    assert code == 2
    assert "中心预报, 省站预报" in err and "--sheet" in err


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_detected(tmp_path, encoding):
    rows = "".join(f"2026-01-10 {h:02d}:00,成都市,{50 + h}\r\n" for h in range(24))
    path = tmp_path / "f.csv"
    path.write_bytes(("时间,城市,PM2.5\r\n" + rows).encode(encoding))  # no BOM
    forecast = load_forecast(path)
    assert forecast.meta.encoding == encoding and forecast.units == ["成都市"]
    assert forecast.values["pm25"][0, 3] == 53


def test_a_real_binary_file_is_still_called_binary(tmp_path):
    from app.errors import InputError

    path = tmp_path / "f.csv"
    path.write_bytes(bytes(range(256)) * 20)
    with pytest.raises(InputError, match="binary file"):
        load_forecast(path)
