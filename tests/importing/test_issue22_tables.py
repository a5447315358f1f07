"""Issue 22 §9 and §12, tables: an hour column 1–24 is read as hour-ending and said so; two different issue times
above the table are refused (the first was used silently); Excel serials rounded to 4 decimals are on the hour."""

from __future__ import annotations

import pytest

from app.errors import InputError
from app.importing import load_forecast
from tests.importing import builders


def _rows(hours=range(24), city="成都"):
    return "".join(f"2026-01-10 {h:02d}:00,{city},{50 + h}\n" for h in hours)


def test_two_different_issue_time_lines_are_refused_naming_both(tmp_path):
    path = tmp_path / "f.csv"
    path.write_text("# issued_at: 2026-01-10 08:00\n# issued_at: 2026-01-09 20:00\ntime,city,pm25\n" + _rows(),
                    encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_forecast(path)
    text = str(info.value)
    assert "two different issue times" in text and "row 2" in text and "2026-01-10 08:00 (row 1)" in text


def test_the_same_issue_time_twice_is_fine_even_written_otherwise(tmp_path):
    path = tmp_path / "f.csv"
    path.write_text("# issued_at: 2026-01-10 08:00\n发布时间：2026-01-10T00:00Z\ntime,city,pm25\n" + _rows(),
                    encoding="utf-8")
    assert f"{load_forecast(path).meta.issued_at:%Y-%m-%d %H:%M}" == "2026-01-10 08:00"


def test_two_issue_times_above_a_sheet_are_refused(tmp_path):
    rows = [["发布时间", "2026-01-10 08:00"], ["发布时间", "2026-01-11 08:00"], ["时间", "城市", "PM2.5"]]
    rows += [[f"2026-01-10 {h:02d}:00", "成都", 50] for h in range(24)]
    path = builders.workbook(tmp_path / "f.xlsx", rows)
    with pytest.raises(InputError, match="two different issue times"):
        load_forecast(path)


def test_excel_serials_rounded_to_four_decimals_are_read_on_the_hour(tmp_path):
    base = 46032  # 2026-01-10
    rows = [["时间", "城市", "PM2.5"]] + [[round(base + h / 24, 4), "成都", 50 + h] for h in range(24)]
    path = builders.workbook(tmp_path / "f.xlsx", rows)
    fc = load_forecast(path)
    assert len(fc.times) == 24 and f"{fc.times[0]:%H:%M}" == "00:00" and f"{fc.times[-1]:%H:%M}" == "23:00"
    assert fc.values["pm25"][0].tolist() == [50.0 + h for h in range(24)]
