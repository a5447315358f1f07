"""What-if in the GUI: the dialog (defaults, preview, validation), the edits dock with undo/redo, the Qt undo
binding of the domain history."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget

from app.domain.whatif import Edit, apply_edits, describe
from app.gui.dialogs.whatif_dialog import WhatIfDialog
from app.gui.docks.edits_dock import EditsDock
from app.gui.undo import WhatIfUndoStack


def test_dialog_defaults_to_selected_unit_and_current_day(qtbot, state, shoot):
    state.set_selection(["成都市"])
    state.set_hour(40)  # 2026-01-11 16:00, inside the episode
    dialog = WhatIfDialog(state)
    qtbot.addWidget(dialog)
    assert dialog.chosen_units() == ["成都市"]
    edit = dialog.edit()
    assert (edit.start.isoformat(), edit.end.isoformat()) == ("2026-01-11T00:00:00+08:00", "2026-01-11T23:00:00+08:00")
    assert (edit.op, edit.value, edit.field) == ("scale", 0.8, "pm25")
    before, after = (dialog.preview.item(0, c).text() for c in (2, 3))
    assert dialog.preview.rowCount() == 1 and int(after) < int(before)
    row = state.evaluation.units.index("成都市")
    assert int(before) == int(np.nanmax(state.evaluation.daily_aqi[row, 24:48]))
    dialog.show()
    shoot(dialog, "whatif-dialog")


def test_dialog_set_operation_and_several_units(qtbot, state):
    state.set_selection(["成都市", "德阳市"])
    dialog = WhatIfDialog(state)
    qtbot.addWidget(dialog)
    dialog.op.setCurrentIndex(dialog.op.findData("set"))
    dialog.value.setValue(30)
    dialog.update_preview()
    edits = dialog.edits()
    assert [e.unit for e in edits] == ["成都市", "德阳市"] and {e.op for e in edits} == {"set"}
    assert dialog.preview.rowCount() == 2 and all(int(dialog.preview.item(r, 3).text()) < 100 for r in range(2))
    dialog.filter.setText("阳")
    shown = [dialog.units.item(i).text() for i in range(dialog.units.count()) if not dialog.units.item(i).isHidden()]
    assert "德阳市" in shown and "成都市" not in shown
    assert dialog.chosen_units() == ["成都市", "德阳市"]  # filtering keeps the selection


def test_dialog_refuses_no_unit_with_a_message(qtbot, state):
    state.set_selection([])
    dialog = WhatIfDialog(state)
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted and "至少选择一个城市" in dialog.message.text()


def test_edits_dock_applies_undoes_and_redoes(qtbot, state, controller, monkeypatch, shoot):
    dock = EditsDock(state, controller)
    qtbot.addWidget(dock)
    dock.resize(520, 300)
    dock.show()
    assert "原始预报" in dock.banner.text() and not dock.undo_button.isEnabled()
    original = state.evaluation.daily_aqi.copy()
    episodes = len(state.evaluation.episodes)
    state.set_selection(["成都市", "德阳市"])
    state.set_hour(30)

    def accept_scaled(dialog):
        dialog.value.setValue(0.3)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(WhatIfDialog, "exec", accept_scaled)
    qtbot.mouseClick(dock.add_button, Qt.MouseButton.LeftButton)
    assert [e.unit for e in state.edits] == ["成都市", "德阳市"]
    assert dock.list.count() == 2 and dock.list.item(0).text() == "1. " + describe(state.edits[0])
    assert "已修改的预报" in dock.banner.text() and "2 项" in dock.banner.text()
    assert state.edited_units == {"成都市", "德阳市"}
    row = state.evaluation.units.index("成都市")
    assert state.evaluation.daily_aqi[row, 30] < original[row, 30]
    shoot(dock, "edits-dock")
    qtbot.mouseClick(dock.undo_button, Qt.MouseButton.LeftButton)  # one step: both units (one macro)
    assert state.edits == [] and "原始预报" in dock.banner.text()
    np.testing.assert_array_equal(state.evaluation.daily_aqi, original)
    assert len(state.evaluation.episodes) == episodes
    qtbot.mouseClick(dock.redo_button, Qt.MouseButton.LeftButton)
    assert len(state.edits) == 2
    dock.list.setCurrentRow(0)
    assert dock.remove_button.isVisible() and dock.remove_button.isEnabled()
    qtbot.mouseClick(dock.remove_button, Qt.MouseButton.LeftButton)
    assert [e.unit for e in state.edits] == ["德阳市"] and dock.list.count() == 1
    qtbot.mouseClick(dock.undo_button, Qt.MouseButton.LeftButton)
    assert [e.unit for e in state.edits] == ["成都市", "德阳市"]


def edit(unit="成都市", op="scale", value=0.5) -> Edit:
    return Edit(unit, "2026-01-11T00:00", "2026-01-12T23:00", op, value)


def test_qt_undo_stack_drives_the_domain_history(qtbot, state):
    window = QWidget()
    qtbot.addWidget(window)
    stack = WhatIfUndoStack(window)
    seen = []
    stack.editsChanged.connect(seen.append)
    window.addAction(stack.undo_action(window))
    window.addAction(stack.redo_action(window))
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)  # shortcuts go to the active window only
    original = state.forecast.values["pm25"].copy()
    stack.push_edit(edit())
    stack.push_edit(edit("德阳市", "add", 40))
    stack.remove_edit(0)
    assert stack.edits == [edit("德阳市", "add", 40)] and stack.undoText().startswith("删除：成都市")
    assert stack.domain.undo_name == stack.undoText()
    for _ in range(3):
        qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stack.edits == [] and seen[-1] == [] and stack.redoText() == describe(edit())
    np.testing.assert_array_equal(apply_edits(state.forecast, stack.edits).values["pm25"], original)
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert stack.edits == [edit()]
    stack.clear()  # QUndoStack.clear keeps the domain history in step
    assert stack.edits == [] and not stack.domain.can_undo and seen[-1] == [edit()]
    stack.reset([edit("德阳市")])
    assert stack.edits == [edit("德阳市")] and not stack.canUndo() and seen[-1] == [edit()]  # reset is quiet
    stack.reset([], announce=True)
    assert seen[-1] == []


@pytest.mark.parametrize("bad", [{"op": "scale", "value": 0}])
def test_bad_edit_never_reaches_the_stack(bad):
    with pytest.raises(Exception, match="scale factor"):
        edit(**bad)


def test_with_observations_the_span_is_the_forecasts(qtbot, state, controller, tmp_path):
    """A what-if edit changes the forecast, never what was observed (spec §7 splices observations before it): with
    the slider in the observed hours the dialog offered that observed day, and its span reached back to the first
    observed hour. It now starts at the forecast's first hour f and cannot go before it."""
    import pandas as pd

    from app.domain.scheme import BEIJING

    f = state.evaluation.times[0].tz_convert(BEIJING)
    hours = pd.date_range(f - pd.Timedelta(days=3), f - pd.Timedelta(hours=1), freq="h")
    table = tmp_path / "observed.csv"
    table.write_text("time,city,pm25\n" + "".join(f"{t:%Y-%m-%d %H:%M},成都市,60\n" for t in hours), encoding="utf-8")
    controller.load_observed([str(table)])
    state.set_selection(["成都市"])
    state.set_hour(30)  # an observed hour, two days before f
    dialog = WhatIfDialog(state)
    qtbot.addWidget(dialog)
    assert dialog.start.minimumDateTime().toString("yyyy-MM-dd HH:mm") == f.strftime("%Y-%m-%d %H:%M")
    edit = dialog.edit()
    assert edit.start == f.to_pydatetime() and edit.end == (f + pd.Timedelta(hours=23)).to_pydatetime()
    assert dialog.preview.rowCount() == 1 and dialog.message.text() == ""
