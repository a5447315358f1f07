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
    ("46032.3333", "2026-01-10 07:59:57"),  # 2.9 s off: not snapped, and then refused as not on the hour
])
def test_excel_serial_dates_within_a_second_of_the_hour_are_on_the_hour(serial, text):
    assert excel_serial_text(serial) == text


def test_serial_seconds_round_to_the_second_elsewhere():
    assert serial_seconds(0.5 + 10.4 / 86400) == 43210
