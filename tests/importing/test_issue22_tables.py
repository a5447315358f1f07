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


# ---------------------------------------------------------------------------------------- §9: hours 1–24

def _hour_ending_values(fc):
    return fc.values["pm25"][fc.row("成都市")].tolist()


@pytest.mark.parametrize("layout", ["hour-column", "clock-column", "datetime"])
def test_hours_1_to_24_are_read_as_hour_ending_and_said_so(tmp_path, layout):
    lines = []
    for day in (10, 11):
        for h in range(1, 25):
            value = 100 * (day - 10) + h  # hour h of the day: 00:00–01:00 is h = 1
            if layout == "hour-column":
                lines.append(f"2026-01-{day},{h},成都,{value}")
            elif layout == "clock-column":
                lines.append(f"2026-01-{day},{h}:00,成都,{value}")
            else:
                lines.append(f"2026-01-{day} {h:02d}:00,成都,{value}")
    header = {"hour-column": "日期,小时,城市,PM2.5", "clock-column": "日期,时间,城市,PM2.5",
              "datetime": "时间,城市,PM2.5"}[layout]
    path = tmp_path / "f.csv"
    path.write_text(header + "\n" + "\n".join(lines) + "\n", encoding="utf-8")
    fc = load_forecast(path)
    assert f"{fc.times[0]:%Y-%m-%d %H:%M}" == "2026-01-10 00:00" and f"{fc.times[-1]:%Y-%m-%d %H:%M}" == \
        "2026-01-11 23:00"
    assert _hour_ending_values(fc)[:2] == [1.0, 2.0] and _hour_ending_values(fc)[24] == 101.0
    said = [w for w in fc.warnings if "hour-ending" in w.message]
    assert len(said) == 1 and said[0].severity == "note"
    assert not any("partial day" in w.message or "starts at" in w.message for w in fc.warnings)


def test_hours_0_to_23_stay_hour_start(tmp_path):
    lines = [f"2026-01-10,{h},成都,{h + 1}" for h in range(24)]
    path = tmp_path / "f.csv"
    path.write_text("日期,小时,城市,PM2.5\n" + "\n".join(lines) + "\n", encoding="utf-8")
    fc = load_forecast(path)
    assert f"{fc.times[0]:%H:%M}" == "00:00" and not any("hour-ending" in w.message for w in fc.warnings)


# ---------------------------------------------------------------------------------------- §6: a header cell in XFD

def test_a_header_cell_in_column_xfd_reads_the_used_columns_only(tmp_path):
    """One cell in the sheet's last column made every row 16 384 cells wide (0.9 MB: > 3.8 GB, MemoryError)."""
    from app.importing.xlsx import read_xlsx_table

    rows = [["时间", "城市", "PM2.5"] + [None] * (16384 - 4) + ["备注"]]
    rows += [[f"2026-01-10 {h:02d}:00", "成都", 50 + h] for h in range(24)]
    path = builders.workbook(tmp_path / "f.xlsx", rows)
    table = read_xlsx_table(path.read_bytes(), str(path))
    assert table.header == ["时间", "城市", "PM2.5", "备注"]
    assert table.column(2)[:2] == ["50", "51"] and table.column(3)[:2] == ["", ""]
    fc = load_forecast(path)
    assert fc.values["pm25"][0].tolist() == [50.0 + h for h in range(24)]


def test_an_empty_gap_column_between_header_cells_is_dropped_but_a_valued_one_kept(tmp_path):
    from app.importing.xlsx import read_xlsx_table

    rows = [["时间", "城市", None, "PM2.5", None]] + [[f"2026-01-10 {h:02d}:00", "成都", None, 50, "x" if h == 3
                                                      else None] for h in range(24)]
    path = builders.workbook(tmp_path / "f.xlsx", rows)
    table = read_xlsx_table(path.read_bytes(), str(path))
    assert table.header == ["时间", "城市", "PM2.5"]  # the valued column E lies right of the header: reported
    assert any("right of the table" in w.message for w in table.warnings)
