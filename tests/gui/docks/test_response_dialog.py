"""应急响应 from the 案例 dock: the starts table, the city × day grid (forms out, filled forms dropped in, a bad
one refused and named, the deadline setting), the lead register (register, step on, a skipped step and a step
back without reason refused on the message line), the 调度日报 and the 推送单 written — all in the case."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QMimeData, QPointF, Qt, QTime, QUrl
from PySide6.QtGui import QDropEvent

from app.cases.library import LetterChange
from app.domain.scheme import BEIJING
from app.paths import DEFAULT_SAMPLE

NE = ("达州市", "万州区", "开州区", "梁平区")


def bj(*args) -> datetime:
    return datetime(*args, tzinfo=BEIJING)


@pytest.fixture
def dialog(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("HAZEDESK_HOME", str(tmp_path / "home"))
    from app.gui.controller import Controller
    from app.gui.docks.cases_dock import CasesDock
    from app.gui.state import AppState

    controller = Controller(AppState())
    controller.load_forecast_now(DEFAULT_SAMPLE)
    dock = CasesDock(controller.state, controller, library_path=tmp_path / "cases.sqlite")
    qtbot.addWidget(dock)
    case = dock.new_case("2026-01 盆地东北部过程")
    dock.library.issue_letter(case, kind="start", number="川渝联防〔2026〕1号", issued_at=bj(2026, 1, 10, 16),
                              changes=[LetterChange("start", "盆地东北部地区", "orange", bj(2026, 1, 12),
                                                    bj(2026, 1, 14, 23))])
    dock.library.add_city_notice(case, "万州区", bj(2026, 1, 12, 2), "orange")
    dock.current = case
    dialog = dock.open_response()
    qtbot.addWidget(dialog)
    return dialog


def test_starts_grid_and_forms_dropped_in(dialog, tmp_path, qtbot, shoot):
    table = dialog.starts_table
    rows = {table.item(r, 2).text(): table.item(r, 5).text() for r in range(table.rowCount())}
    assert rows["万州区"] == "滞后 2小时0分" and rows["达州市"] == "未通报"
    assert dialog.day.count() == 3  # 12–14 January
    grid = dialog.grid
    assert grid.write_forms(date(2026, 1, 12), tmp_path / "forms") is not None
    forms = sorted((tmp_path / "forms").glob("*.xlsx"))
    assert len(forms) == 4
    for n, form in enumerate(forms):
        book = load_workbook(form)
        book["应对情况"]["B11"] = "停工工地若干" if n else "字" * 3001  # one too long
        book.save(form)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(tmp_path / "forms"))])
    grid.dropEvent(QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                              Qt.KeyboardModifier.NoModifier))
    assert "B11" in dialog.message.text() and "3000" in dialog.message.text() and "万州区" in dialog.message.text()
    assert "缺报 4" in grid.summary.text() or "待报" in grid.summary.text()  # nothing recorded
    book = load_workbook(forms[0])
    book["应对情况"]["B11"] = "停工工地若干"
    book.save(forms[0])
    grid.import_forms([str(tmp_path / "forms")])
    assert "新增 4" in dialog.message.text()
    row = grid._grid["cities"].index("达州市")
    assert grid.table.item(row, 0).text() == "已报" and grid.table.item(row, 1).text() == "缺报"
    grid.deadline.setTime(QTime(23, 59))
    assert dialog.settings.report_deadline == "23:59" and "截止时间 23:59" in grid.summary.text()
    dialog.tabs.setCurrentWidget(grid)
    shoot(dialog, "response-grid")


def test_leads_register_steps_and_documents(dialog, tmp_path, shoot):
    leads = dialog.leads
    dialog.tabs.setCurrentWidget(leads)
    leads.unit.setCurrentText("达州")
    leads.description.setText("某水泥企业脱硝设施未运行")
    leads.found_by.setCurrentText("重庆")
    leads.by.setText("李四")
    assert leads.add() is not None and leads.table.rowCount() == 1
    leads.table.selectRow(0)
    assert leads.step.currentData() == "handed_over"  # the next step offered
    leads.step.setCurrentIndex(leads.step.findData("handling"))
    assert leads.record_step() is None and "处置" in dialog.message.text() and "移交" in dialog.message.text()
    leads.step.setCurrentIndex(leads.step.findData("handed_over"))
    assert leads.record_step() is not None
    assert leads.table.item(0, 5).text() == "移交"
    written = leads.write_sheet("四川", tmp_path / "push.docx", tmp_path / "push.pdf")
    assert written and (tmp_path / "push.pdf").stat().st_size > 10_000
    assert dialog.write_daily(date(2026, 1, 13), tmp_path / "d.docx", tmp_path / "d.pdf", at=bj(2026, 1, 13, 20))
    assert (tmp_path / "d.pdf").is_file()
    assert dialog.write_daily(date(2026, 1, 20), tmp_path / "x.docx", tmp_path / "x.pdf") is None
    assert "2026-01-20" in dialog.message.text()
    shoot(dialog, "response-leads")
    dock = dialog.parent()
    dock.refresh()
    assert "线索 1 条（逾期 " in dock.details.text() and "未通报 3" in dock.details.text()


def test_a_lead_with_coordinates_is_a_dot_on_the_map(dialog, qtbot, shoot):
    from PySide6.QtCore import QPointF

    from app.gui.map.canvas import MapCanvas
    from app.gui.map.geometry import load_map_geometry

    leads = dialog.leads
    leads.unit.setCurrentText("达州市")
    leads.description.setText("砖厂未停产")
    leads.point.setText("107.47，31.21")
    assert leads.add() is not None
    [(number, x, y, state)] = dialog.state.lead_points
    assert number.startswith("川") and state == "open"
    geometry = load_map_geometry()
    canvas = MapCanvas(dialog.state, geometry)
    qtbot.addWidget(canvas)
    canvas.resize(900, 640)
    canvas.show()
    canvas._ensure_images()
    at = canvas._images.transform.map(QPointF(x, y)).toPoint()
    image = canvas.grab().toImage()
    colour = image.pixelColor(at)
    assert (colour.red(), colour.green(), colour.blue()) == (235, 120, 0)  # the open lead's orange dot
    shoot(canvas, "response-lead-dot")
    leads.point.setText("200, 31")
    assert leads.add() is None and "200" in dialog.message.text()


def test_forms_dropped_on_the_cases_dock_go_into_the_open_case(dialog, tmp_path):
    dock = dialog.parent()
    dialog.grid.write_forms(date(2026, 1, 13), tmp_path / "forms")
    for form in (tmp_path / "forms").glob("*.xlsx"):
        book = load_workbook(form)
        book["应对情况"]["B11"] = "停工工地若干"
        book.save(form)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(tmp_path / "forms"))])
    dock.dropEvent(QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                              Qt.KeyboardModifier.NoModifier))
    assert "新增 4" in dock.message.text()
    row = dialog.grid._grid["cities"].index("达州市")
    assert dialog.grid.table.item(row, 1).text() == "已报"  # the open 应急响应 window shows them at once
    other = QMimeData()
    other.setUrls([QUrl.fromLocalFile(str(tmp_path / "letter.pdf"))])
    event = QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, other, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    dock.dropEvent(event)
    assert not event.isAccepted()  # not a form: left to the window (a forecast, a session)
