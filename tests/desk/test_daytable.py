"""The city × day table: values read straight from the evaluation, region filter, sort keys, copies."""

from __future__ import annotations

import numpy as np
import pandas as pd

from app.desk.daytable import ALL, OUTSIDE, build_day_table
from app.domain.scheme import BEIJING


def test_one_column_per_forecast_day_with_the_day_value_at_23h(sample_evaluation):
    scheme, _, evaluation = sample_evaluation
    table = build_day_table(evaluation, scheme.region_of)
    assert len(table.units) == 59 and len(table.days) == 7
    assert table.day_labels == [f"D+{k}" for k in range(1, 8)]  # issued 01-09, first day 01-10
    row = table.units.index("成都市")
    for day, step in enumerate(table.last_step):
        assert evaluation.times[step].tz_convert(BEIJING).hour == 23
        assert evaluation.times[step].tz_convert(BEIJING).date() == table.days[day]
        expected = evaluation.daily_aqi[row, step]
        assert table.aqi[row, day] == expected or (np.isnan(expected) and np.isnan(table.aqi[row, day]))


def test_levels_are_the_days_highest(sample_evaluation):
    scheme, _, evaluation = sample_evaluation
    table = build_day_table(evaluation, scheme.region_of)
    warned = np.maximum(evaluation.warned_level, evaluation.city_level)
    for row in range(0, 59, 7):
        for day in range(7):
            hours = [i for i, t in enumerate(evaluation.times) if t.tz_convert(BEIJING).date() == table.days[day]]
            assert table.warned_level[row, day] == warned[row, hours].max()
            assert table.own_level[row, day] == evaluation.city_level[row, hours].max()
    assert table.warned_level.max() == 2  # the sample reaches a regional orange


def test_region_filter(sample_evaluation):
    scheme, _, evaluation = sample_evaluation
    table = build_day_table(evaluation, scheme.region_of)
    plain = scheme.regions[0]
    rows = table.rows_in(plain.name)
    assert sorted(table.units[r] for r in rows) == sorted(plain.members)
    outside = table.rows_in(OUTSIDE)
    assert len(outside) == 59 - len(scheme.linkage_cities) and all(table.regions[r] is None for r in outside)
    assert len(table.rows_in(ALL)) == 59


def test_sort_by_day_puts_unknown_last_and_levels_before_aqi(sample_evaluation):
    scheme, _, evaluation = sample_evaluation
    table = build_day_table(evaluation, scheme.region_of)
    rows = sorted(range(59), key=lambda r: table.sort_key(r, 2 + 3, "aqi"))
    values = [table.aqi[r, 3] for r in rows]
    finite = [v for v in values if np.isfinite(v)]
    assert finite == sorted(finite) and values[:len(finite)] == finite
    by_level = sorted(range(59), key=lambda r: table.sort_key(r, 2 + 3, "level"))
    assert [table.warned_level[r, 3] for r in by_level] == sorted(table.warned_level[:, 3])


def test_tsv_and_html_copies_carry_the_same_cells(sample_evaluation):
    scheme, _, evaluation = sample_evaluation
    table = build_day_table(evaluation, scheme.region_of)
    rows = table.rows_in(scheme.regions[0].name)
    tsv = table.to_tsv(rows)
    lines = tsv.rstrip("\r\n").split("\r\n")
    assert lines[0].split("\t")[:2] == ["城市", "区域"] and lines[0].split("\t")[2].endswith("D+1")
    assert len(lines) == 1 + len(rows)
    first = lines[1].split("\t")
    assert first[0] == table.units[rows[0]] and first[2] == table.cell_text(rows[0], 0)
    html = table.to_html(rows, title="标题")
    assert html.count("<tr>") == 1 + len(rows) and "标题" in html
    rgb = table.cell_rgb(rows[0], 0)
    assert "background:#{:02X}{:02X}{:02X}".format(*rgb) in html
    english = table.to_tsv(rows, "level", "en")
    assert english.split("\t")[0] == "City" and english.split("\r\n")[1].split("\t")[2] in (
        "none", "yellow", "orange", "red")


def test_xlsx_has_numbers_and_the_map_colours(sample_evaluation, tmp_path):
    from openpyxl import load_workbook

    scheme, _, evaluation = sample_evaluation
    table = build_day_table(evaluation, scheme.region_of)
    rows = table.rows_in(ALL)
    out = table.write_xlsx(tmp_path / "t.xlsx", rows, note="样例")
    sheet = load_workbook(out).active
    assert sheet["A1"].value == "各城市逐日 AQI 预报" and sheet["A2"].value == "样例"
    assert sheet["A4"].value == table.units[rows[0]]
    value = table.aqi[rows[0], 0]
    assert sheet["C4"].value == int(round(value))
    rgb = table.cell_rgb(rows[0], 0)
    assert sheet["C4"].fill.fgColor.rgb.endswith("{:02X}{:02X}{:02X}".format(*rgb))
    assert sheet.max_row == 3 + 59


def test_unknown_issue_time_makes_the_first_day_d_plus_1(sample_evaluation):
    from dataclasses import replace

    scheme, _, evaluation = sample_evaluation
    table = build_day_table(replace(evaluation, issued_at=None), scheme.region_of)
    assert table.day_labels[0] == "D+1"
    assert isinstance(table.days[0], type(pd.Timestamp("2026-01-10").date()))


def test_units_without_data_are_rows_of_no_data(sample_evaluation, tmp_path):
    """Issue 25.3: three cities removed from the orange sample stay in the table (and its copies) as 无数据."""
    from app.domain.engine import evaluate
    from app.domain.units import load_units
    from app.importing import load_forecast
    from app.paths import DEFAULT_SAMPLE
    from maps.adjacency import scheme_adjacency

    scheme = sample_evaluation[0]
    gone = ("遂宁市", "内江市", "渝中区")
    lines = DEFAULT_SAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)
    path = tmp_path / "three-gone.csv"
    path.write_text("".join(x for x in lines if not any(name in x for name in gone)), encoding="utf-8")
    forecast = load_forecast(path)
    assert sorted(forecast.missing_units) == sorted(gone)
    evaluation = evaluate(forecast, scheme, scheme_adjacency(scheme).neighbours, mode="calendar",
                          issued_at=forecast.meta.issued_at)
    table = build_day_table(evaluation, scheme.region_of, load_units().names())
    assert table.units == load_units().names()  # 59 rows, in the unit table's order
    rows = [table.units.index(name) for name in gone]
    for row in rows:
        assert table.is_absent(row) and table.regions[row] == scheme.region_of[table.units[row]]
        assert all(table.cell_text(row, d, show, lang) == ("无数据" if lang == "zh" else "no data")
                   for d in range(7) for show in ("aqi", "level") for lang in ("zh", "en"))
        assert table.peak_text(row) == ""
    chengdu = table.units.index("成都市")
    assert table.aqi[chengdu].tolist() == build_day_table(evaluation, scheme.region_of).aqi[
        evaluation.units.index("成都市")].tolist()
    tsv = table.to_tsv(table.rows_in(ALL)).split("\r\n")
    assert len(tsv) == 1 + 59 + 1 and any(x.startswith("遂宁市\t") and x.count("无数据") == 7 for x in tsv)
    assert table.to_html(table.rows_in(ALL)).count("无数据") == 21
    out = table.write_xlsx(tmp_path / "t.xlsx", table.rows_in(ALL))
    from openpyxl import load_workbook

    sheet = load_workbook(out).active
    names = [sheet.cell(row=r, column=1).value for r in range(4, sheet.max_row + 1)]
    assert len(names) == 59 and "渝中区" in names


def test_copied_html_keeps_colours_in_libreoffice_calc(sample_evaluation, tmp_path):
    """Issue 25.6: LibreOffice Calc drops CSS backgrounds when it reads pasted HTML and keeps ``bgcolor``. The
    copy carries both; read back through Calc's own HTML import (the filter a paste uses), the cells are
    coloured like the map."""
    import shutil
    import subprocess

    scheme, _, evaluation = sample_evaluation
    table = build_day_table(evaluation, scheme.region_of)
    rows = table.rows_in(ALL)[:6]
    html = table.to_html(rows, title="各城市逐日 AQI 预报", note="预报来源：x.csv（2026-01-09 10:00 发布）")
    colour = "#{:02X}{:02X}{:02X}".format(*table.cell_rgb(rows[0], 3))
    assert f'bgcolor="{colour}"' in html and f"background:{colour}" in html  # Calc, and Excel/WPS/Word
    assert "2026-01-09 10:00 发布" in html
    soffice = shutil.which("soffice")
    if soffice is None:
        return
    source = tmp_path / "paste.html"
    source.write_text(html, encoding="utf-8")
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--infilter=calc_HTML_WebQuery",
                    "--convert-to", "xlsx", "--outdir", str(tmp_path), str(source)], check=True, timeout=180,
                   capture_output=True)
    from openpyxl import load_workbook

    sheet = load_workbook(tmp_path / "paste.xlsx").active
    found = {(c.value, (c.fill.fgColor.rgb or "")[-6:].upper()) for row in sheet.iter_rows() for c in row
             if c.fill is not None and c.fill.fill_type == "solid"}
    assert (int(table.cell_text(rows[0], 3)), colour[1:]) in found or (table.cell_text(rows[0], 3), colour[1:]) in found
