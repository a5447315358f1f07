"""The city × day dock in the real window: contents, colours like the map, sorting, filter, clipboard, xlsx."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication


def _dock(desk, qtbot):
    window = desk.window
    window.day_table_action.trigger()
    dock = window.docks["DayTableDock"]
    qtbot.waitUntil(lambda: dock.isVisible() and dock.table is not None)
    return dock


def test_ctrl_t_shows_59_units_by_7_days(desk, qtbot):
    dock = _dock(desk, qtbot)
    model = dock.model
    assert model.rowCount() == 59 and model.columnCount() == 2 + 7 + 1
    assert model.headerData(2, Qt.Orientation.Horizontal).endswith("D+1")
    row = model.rows.index(dock.table.units.index("成都市"))
    evaluation = desk.state.evaluation
    value = evaluation.daily_aqi[evaluation.units.index("成都市"), dock.table.last_step[3]]
    assert model.data(model.index(row, 5)) == str(int(round(value)))
    brush = model.data(model.index(row, 5), Qt.ItemDataRole.BackgroundRole)
    from app.domain.aqi import aqi_rgb

    assert brush.color().getRgb()[:3] == tuple(int(v) for v in aqi_rgb(value))
    assert "PM2.5" in model.data(model.index(row, 5), Qt.ItemDataRole.ToolTipRole) or value <= 50


def test_sorting_by_a_day_and_level_view(desk, qtbot):
    dock = _dock(desk, qtbot)
    dock.view.sortByColumn(5, Qt.SortOrder.DescendingOrder)
    values = [dock.table.aqi[r, 3] for r in dock.model.rows]
    finite = [v for v in values if np.isfinite(v)]
    assert finite == sorted(finite, reverse=True)
    dock.show_box.setCurrentIndex(dock.show_box.findData("level"))
    texts = {dock.model.data(dock.model.index(r, c)) for r in range(59) for c in range(2, 9)}
    assert texts <= {"无预警", "黄色", "橙色", "红色"} and "橙色" in texts
    brush = dock.model.data(dock.model.index(0, 2), Qt.ItemDataRole.BackgroundRole)
    from app.gui.map.colours import LEVEL_RGB

    assert brush.color().getRgb()[:3] in [tuple(v) for v in LEVEL_RGB.values()]


def test_region_filter_and_clipboard(desk, qtbot):
    dock = _dock(desk, qtbot)
    scheme = desk.state.scheme
    dock.region.setCurrentIndex(dock.region.findData(scheme.regions[0].name))
    assert sorted(dock.model.row_unit(i) for i in range(dock.model.rowCount())) == sorted(scheme.regions[0].members)
    dock.copy_to_clipboard()
    mime = QGuiApplication.clipboard().mimeData()
    assert mime.hasHtml() and "<table" in mime.html() and "background:#" in mime.html()
    lines = mime.text().strip().split("\r\n")
    assert len(lines) == 1 + len(scheme.regions[0].members)


def test_double_click_jumps_to_unit_and_day(desk, qtbot):
    dock = _dock(desk, qtbot)
    index = dock.model.index(0, 6)
    dock.view.doubleClicked.emit(index)
    unit = dock.model.row_unit(0)
    assert desk.state.selected_units == [unit]
    # issue 25.9: at the hour of the unit's highest hourly AQI that day, not at 23:00
    evaluation, first, last = desk.state.evaluation, dock.table.last_step[3] + 1, dock.table.last_step[4]
    hourly = evaluation.hourly_aqi[evaluation.units.index(unit)]
    assert first <= desk.state.hour <= last and desk.state.hour != last
    assert hourly[desk.state.hour] == np.nanmax(hourly[first:last + 1])


def test_xlsx_export_and_rebuild_after_whatif(desk, qtbot, tmp_path):
    from openpyxl import load_workbook

    dock = _dock(desk, qtbot)
    out = dock.export_xlsx(tmp_path / "day.xlsx")
    sheet = load_workbook(out).active
    assert sheet.max_row == 3 + 59 and "西南区域空气质量预测预报中心" in sheet["A2"].value
    assert "sample-regional-orange" not in sheet["A2"].value  # the producer, not the file name
    from app.export.audit import file_sha256, read_audit

    entry = read_audit()[-1]
    assert entry["kind"] == "day-table-xlsx" and entry["outputs"][0]["sha256"] == file_sha256(out)
    assert entry["details"]["rows"] == 59 and entry["edits"] == []
    from app.domain.whatif import Edit

    times = desk.state.evaluation.times
    before = dock.table.aqi[dock.table.units.index("成都市"), 0]
    desk.controller.apply_edit(Edit("成都市", times[0].to_pydatetime(), times[23].to_pydatetime(), "scale", 2.0))
    after = dock.table.aqi[dock.table.units.index("成都市"), 0]
    assert after > before and "情景修改" in dock.note.text()
    edited = dock.export_xlsx(tmp_path / "edited.xlsx")
    assert "成都" in load_workbook(edited).active["A2"].value
    assert [e["kind"] for e in read_audit()] == ["day-table-xlsx", "day-table-xlsx"]
    assert read_audit()[-1]["edits"] and "成都" in read_audit()[-1]["edits"][0]


def test_a_day_table_behind_the_timeline_tab_is_rebuilt_only_when_brought_up(desk, qtbot):
    """A dock tabbed behind another stays isVisible(): the table used to be rebuilt at every evaluation (the
    first load, each what-if edit) while nobody could see it."""
    window = desk.window
    dock = _dock(desk, qtbot)
    window.show_dock("TimelineDock")
    qtbot.waitUntil(lambda: dock.visibleRegion().isEmpty())
    shown = dock.table
    desk.controller.set_mode("rolling")
    assert dock.table is shown and dock._dirty  # behind the tab: not rebuilt
    window.show_dock("DayTableDock")
    qtbot.waitUntil(lambda: dock.table is not shown)
    assert dock.table.mode == "rolling" and not dock._dirty
    desk.controller.set_mode("calendar")  # in front: rebuilt at once
    assert dock.table.mode == "calendar"


def test_units_without_data_stay_as_no_data_rows(desk, qtbot, tmp_path):
    """Issue 25.3: 遂宁, 内江, 渝中 removed from the forecast are rows of 无数据 in the table, the copy and the
    .xlsx (59 rows, not 56), and stay at the bottom when sorted by a day either way."""
    from openpyxl import load_workbook

    from app.paths import DEFAULT_SAMPLE

    gone = ("遂宁市", "内江市", "渝中区")
    lines = DEFAULT_SAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)
    path = tmp_path / "three-gone.csv"
    path.write_text("".join(x for x in lines if not any(name in x for name in gone)), encoding="utf-8")
    desk.controller.load_forecast_now(path)
    dock = _dock(desk, qtbot)
    model = dock.model
    assert model.rowCount() == 59
    row = model.rows.index(dock.table.units.index("遂宁市"))
    assert [model.data(model.index(row, c)) for c in range(2, 9)] == ["无数据"] * 7
    assert "没有这个城市的数据" in model.data(model.index(row, 3), Qt.ItemDataRole.ToolTipRole)
    for order in (Qt.SortOrder.DescendingOrder, Qt.SortOrder.AscendingOrder):
        dock.view.sortByColumn(4, order)
        assert sorted(model.row_unit(r) for r in range(56, 59)) == sorted(gone)
    dock.copy_to_clipboard()
    mime = QGuiApplication.clipboard().mimeData()
    lines = mime.text().strip().split("\r\n")
    assert len(lines) == 60 and sum(x.count("无数据") for x in lines) == 21
    assert mime.html().count("无数据") == 21
    sheet = load_workbook(dock.export_xlsx(tmp_path / "t.xlsx")).active
    assert sheet.max_row == 3 + 59
    dock.show_box.setCurrentIndex(dock.show_box.findData("level"))
    assert model.data(model.index(model.rows.index(dock.table.units.index("渝中区")), 2)) == "无数据"


def test_copy_carries_bgcolor_and_the_source_and_issue_time(desk, qtbot):
    """Issue 25.6: the copied table names its source and issue time like the .xlsx, and its cells carry
    ``bgcolor`` (kept by LibreOffice Calc) as well as CSS (Excel, WPS)."""
    dock = _dock(desk, qtbot)
    dock.copy_to_clipboard()
    html = QGuiApplication.clipboard().mimeData().html()
    assert "预报来源：西南区域空气质量预测预报中心（2026年1月9日10时 发布）" in html
    row = dock.table.units.index("成都市")
    colour = "#{:02X}{:02X}{:02X}".format(*dock.table.cell_rgb(row, 3, "aqi"))
    assert f'bgcolor="{colour}"' in html and f"background:{colour}" in html
