"""Warnings never stop a load; they name the unit, time, row and column where they can."""

from __future__ import annotations

import numpy as np
import pytest

from app.domain.progress import Cancelled, Progress
from app.importing import load_forecast

H = "time,city,pm25\n"


def _day(city: str, hours=range(24), value="50") -> str:
    return "".join(f"2026-01-10 {h:02d}:00,{city},{value}\n" for h in hours)


def _messages(fc) -> str:
    return "\n".join(str(w) for w in fc.warnings)


def test_gaps_are_counted_per_unit_with_the_first_missing_hour(write):
    fc = load_forecast(write("f.csv", H + _day("成都") + _day("德阳", hours=[h for h in range(24) if h not in (5, 6)])))
    text = _messages(fc)
    assert "德阳市: 2 hours without pm25 (first 2026-01-10 05:00)" in text
    assert "成都市:" not in text
    assert np.isnan(fc.values["pm25"][fc.row("德阳市"), 5])


def test_empty_cells_are_gaps_not_errors(write):
    fc = load_forecast(write("f.csv", H + _day("成都", hours=range(23)) + "2026-01-10 23:00,成都,\n"))
    assert "1 hours without pm25" in _messages(fc)


def test_units_without_data_are_listed(write):
    fc = load_forecast(write("f.csv", H + _day("成都")))
    assert "58 of 59 units have no data" in _messages(fc)
    assert len(fc.missing_units) == 58 and "成都市" not in fc.missing_units


def test_values_above_1000_are_flagged_with_row(write):
    fc = load_forecast(write("f.csv", H + _day("成都", hours=range(23)) + "2026-01-10 23:00,成都,1500\n"))
    warning = next(w for w in fc.warnings if "above 1000" in w.message)
    assert warning.row == 25 and warning.column == "pm25" and warning.value == "1500"
    assert fc.values["pm25"][0, -1] == 1500  # kept: a warning, not a correction


def test_values_that_look_like_mg_per_m3_are_flagged(write):
    fc = load_forecast(write("f.csv", H + _day("成都", value="0.08")))
    assert any("look like mg/m³" in w.message for w in fc.warnings)


def test_co_that_looks_like_ug_per_m3_is_flagged(write):
    text = "time,city,pm25,co\n" + "".join(f"2026-01-10 {h:02d}:00,成都,50,900\n" for h in range(24))
    assert any("co values look like µg/m³" in w.message for w in load_forecast(write("f.csv", text)).warnings)


def test_partial_first_and_last_days(write):
    text = H + "".join(f"2026-01-10 {h:02d}:00,成都,50\n" for h in range(8, 24)) + \
        "".join(f"2026-01-11 {h:02d}:00,成都,50\n" for h in range(0, 6))
    text = _messages(load_forecast(write("f.csv", text)))
    assert "first day 2026-01-10 starts at 08:00: it has 16 hours" in text
    assert "last day 2026-01-11 ends at 05:00" in text


def test_unreadable_wind_directions_are_a_warning_not_an_error(write):
    text = "time,city,pm25,风向\n2026-01-10 00:00,成都,50,sideways\n"
    fc = load_forecast(write("f.csv", text))
    assert np.isnan(fc.met["wind_dir"][0, 0])
    assert any(w.column == "风向" and w.value == "sideways" for w in fc.warnings)


def test_progress_is_reported_and_cancel_stops_the_load(write):
    path = write("f.csv", H + _day("成都"))
    seen = []
    load_forecast(path, progress=Progress(lambda f, m: seen.append(f)))
    assert seen[0] == 0.0 and seen[-1] == 1.0
    progress = Progress()
    progress.cancel()
    with pytest.raises(Cancelled):
        load_forecast(path, progress=progress)
