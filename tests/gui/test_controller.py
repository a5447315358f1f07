"""The controller: daily tables are read by calendar day, refused mode switches keep what was shown, a workbook
with several sheets asks which, undoable edit lists re-evaluate."""

from __future__ import annotations

import openpyxl
from PySide6.QtWidgets import QInputDialog

from app.paths import DEFAULT_SAMPLE, SAMPLES_DIR

DAILY_SAMPLE = SAMPLES_DIR / "sample-regional-orange-daily-range.csv"


def test_daily_table_is_evaluated_by_calendar_day_and_rolling_is_refused(desk, qtbot):
    controller, state = desk.controller, desk.state
    controller.set_mode("rolling")
    assert state.evaluation.mode == "rolling"
    notices = []
    controller.notice.connect(notices.append)
    controller.load_forecast_now(DAILY_SAMPLE)
    assert state.mode == "calendar" and state.evaluation.mode == "calendar"
    assert desk.window.actions_.modes["calendar"].isChecked()
    assert notices
    before = state.evaluation
    controller.set_mode("rolling")
    assert state.mode == "calendar" and state.evaluation is before
    assert "rolling" in notices[-1]


def test_mode_switch_reevaluates_and_is_remembered(desk):
    desk.window.actions_.modes["rolling"].trigger()
    assert desk.state.evaluation.mode == "rolling"
    assert desk.settings.mode == "rolling"


def test_workbook_with_several_sheets_asks_which(desk, qtbot, tmp_path, monkeypatch):
    book = openpyxl.Workbook()
    book.active.title = "说明"
    book.active["A1"] = "这张表不是预报"
    sheet = book.create_sheet("预报")
    sheet.append(["time", "city", "pm25"])
    for hour in range(48):
        for city in ("成都市", "德阳市"):
            sheet.append([f"2026-01-10 {hour % 24:02d}:00" if hour < 24 else f"2026-01-11 {hour % 24:02d}:00",
                          city, 60.0])
    path = tmp_path / "two-sheets.xlsx"
    book.save(path)
    asked = []

    def choose(parent, title, label, items, current, editable):
        asked.append(list(items))
        return "预报", True

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(choose))
    with qtbot.waitSignal(desk.controller.loaded, timeout=20000):
        desk.window.opener.open(str(path))
    assert asked == [["说明", "预报"]]
    assert desk.state.forecast_path == str(path)


def test_what_if_edit_reevaluates_at_once_and_undo_restores(desk):
    """An edit goes through the controller's undo stack; the engine sees original forecast + edits each time."""
    import numpy as np

    from app.domain.whatif import Edit

    controller, state = desk.controller, desk.state
    times = state.evaluation.times
    row = state.evaluation.units.index("成都市")
    original = state.evaluation.daily_aqi[row].copy()
    original_forecast = state.original_forecast
    edit = Edit("成都市", times[24].to_pydatetime(), times[24 * 4 - 1].to_pydatetime(), "scale", 2.0)
    controller.apply_edit(edit)
    assert state.edits == [edit] and state.edited_units == {"成都市"}
    assert state.original_forecast is original_forecast  # the file's forecast is never changed
    raised = state.evaluation.daily_aqi[row]
    assert np.nanmax(raised[24:96] - original[24:96]) > 20
    controller.undo_stack.undo()
    assert state.edits == []
    np.testing.assert_array_equal(state.evaluation.daily_aqi[row], original)
    controller.undo_stack.redo()
    assert state.edits == [edit]
    controller.load_forecast_now(DEFAULT_SAMPLE)  # a new forecast starts without edits or history
    assert state.edits == [] and not controller.undo_stack.canUndo()


def test_an_edit_in_the_middle_can_be_removed_and_the_removal_undone(desk):
    from app.domain.whatif import Edit

    controller, state = desk.controller, desk.state
    t = state.evaluation.times
    edits = [Edit(unit, t[24].to_pydatetime(), t[47].to_pydatetime(), "add", 30.0) for unit in ("成都市", "德阳市", "绵阳市")]
    for edit in edits:
        controller.apply_edit(edit)
    controller.undo_stack.remove_edit(1)
    assert state.edits == [edits[0], edits[2]] and state.edited_units == {"成都市", "绵阳市"}
    assert controller.undo_stack.undoText().startswith("删除：")
    controller.undo_stack.undo()
    assert state.edits == edits
