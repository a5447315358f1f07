"""Warnings-in-force dock: add, change and remove warnings; the engine's advice and reason appear beside each."""

from __future__ import annotations

import pandas as pd
import pytest
from PySide6.QtCore import Qt

from app.gui.docks.inforce_dock import InForceDock


@pytest.fixture
def dock(qtbot, state, controller):
    dock = InForceDock(state, controller)
    qtbot.addWidget(dock)
    dock.resize(900, 420)
    dock.show()
    return dock


def fill(dock, region: str, level: str) -> None:
    dock.region.setCurrentIndex(dock.region.findData(region))
    dock.level.setCurrentIndex(dock.level.findData(level))


def in_effect(dock) -> None:
    """Start a day before the forecast, ending three days later: a warning in effect (spec §7) whose expected end
    comes within 36 h of the sample's episodes."""
    dock.start.setDateTime(dock.start.dateTime().addDays(-1))
    dock.end.setDateTime(dock.start.dateTime().addDays(3).addSecs(-3600))
    dock.has_end.setChecked(True)


def test_adding_a_warning_shows_the_engines_advice(dock, state, qtbot, shoot):
    assert dock.table.rowCount() == 0
    fill(dock, "成都平原地区", "yellow")  # start defaults to the forecast's first day
    in_effect(dock)
    with qtbot.waitSignal(state.inForceChanged):
        qtbot.mouseClick(dock.add_button, Qt.MouseButton.LeftButton)
    assert [w.region for w in state.in_force] == ["成都平原地区"]
    advice = state.evaluation.recommendations[0]
    assert advice.action == "upgrade" and advice.new_level == "orange"
    assert dock.table.item(0, 4).text() == "升级 → 橙色"
    assert dock.table.item(0, 6).text() == advice.reason and "建议升级" in advice.reason
    fill(dock, "盆地南部地区", "red")
    dock.has_end.setChecked(True)
    qtbot.mouseClick(dock.add_button, Qt.MouseButton.LeftButton)
    assert dock.table.rowCount() == 2 and dock.table.item(1, 4).text().startswith("降级")
    assert dock.table.item(1, 3).text() != "—"
    shoot(dock, "inforce-dock")


def test_change_and_remove_the_selected_warning(dock, state, qtbot):
    fill(dock, "成都平原地区", "yellow")
    in_effect(dock)
    dock.add_warning()
    dock.table.selectRow(0)
    assert dock.level.currentData() == "yellow" and dock.update_button.isEnabled()
    fill(dock, "成都平原地区", "orange")
    qtbot.mouseClick(dock.update_button, Qt.MouseButton.LeftButton)
    assert state.in_force[0].level == "orange"
    assert state.evaluation.recommendations[0].action == "extend"  # orange already: the 过程 runs past its end
    dock.add_warning()  # the same region twice, overlapping, is refused with a reason
    assert len(state.in_force) == 1 and "时间重叠" in dock.message.text()
    dock.table.selectRow(0)
    qtbot.mouseClick(dock.remove_button, Qt.MouseButton.LeftButton)
    assert state.in_force == [] and dock.table.rowCount() == 0


def test_end_before_start_is_refused(dock, state):
    dock.has_end.setChecked(True)
    dock.end.setDateTime(dock.start.dateTime().addDays(-1))
    dock.add_warning()
    assert state.in_force == [] and "早于开始" in dock.message.text()


def test_import_from_a_file_and_a_bad_file_keeps_the_list(dock, state, tmp_path):
    good = tmp_path / "in-force.json"
    good.write_text('[{"region": "成都平原地区", "level": "orange", "start": "2026-01-10T00:00"},'
                    ' {"region": "south", "level": "yellow", "start": "2026-01-11T00:00", "end": "2026-01-12T23:00"}]',
                    encoding="utf-8")
    dock.import_file(str(good))
    assert [w.level for w in state.in_force] == ["orange", "yellow"] and dock.table.rowCount() == 2
    assert len(state.evaluation.recommendations) == 2
    bad = tmp_path / "bad.json"
    bad.write_text('[{"region": "成都平原地区", "level": "purple", "start": "2026-01-10T00:00"}]', encoding="utf-8")
    dock.import_file(str(bad))
    assert len(state.in_force) == 2
    assert "无法导入" in dock.message.text() and "purple" in dock.message.text() and "bad.json" in dock.message.text()


def test_form_starts_at_the_forecasts_first_hour_and_refuses_implausible_starts(qtbot):
    """Issue 12, defect 4: the form started at 2000-01-01 (the window exists before the first forecast, which
    is announced before it is evaluated); typed dates are taken as typed; a start far outside is refused."""
    import pandas as pd

    from app.domain.scheme import BEIJING
    from app.gui.controller import Controller
    from app.gui.state import AppState
    from tests.gui.forecasts import episode_forecast

    controller = Controller(AppState())
    state = controller.state
    dock = InForceDock(state, controller)
    qtbot.addWidget(dock)
    dock.show()
    now = pd.Timestamp.now(tz=BEIJING)
    shown = pd.Timestamp(dock.start.dateTime().toString("yyyy-MM-ddTHH:mm")).tz_localize(BEIJING)
    assert abs(shown - now) < pd.Timedelta(hours=2)  # before any forecast: now
    controller.set_forecast(episode_forecast())
    first = state.evaluation.times[0].tz_convert(BEIJING)
    assert dock.start.dateTime().toString("yyyy-MM-dd HH:mm") == first.strftime("%Y-%m-%d %H:%M")
    dock.start.setFocus()
    dock.start.selectAll()
    typed = (first + pd.Timedelta(hours=32)).strftime("%Y-%m-%d %H")
    qtbot.keyClicks(dock.start, typed)
    qtbot.keyClick(dock.start, Qt.Key.Key_Return)
    assert dock.start.dateTime().toString("yyyy-MM-dd HH") == typed
    controller.reevaluate()  # a re-evaluation keeps what was typed
    assert dock.start.dateTime().toString("yyyy-MM-dd HH") == typed
    assert dock.form_warning().start.strftime("%Y-%m-%d %H") == typed
    dock.start.selectAll()
    qtbot.keyClicks(dock.start, "2025-06-01 00")
    qtbot.keyClick(dock.start, Qt.Key.Key_Return)
    fill(dock, "成都平原地区", "yellow")
    dock.add_warning()
    assert state.in_force == []
    assert "2025-06-01 00:00" in dock.message.text() and "合理范围" in dock.message.text()


def test_a_region_may_hold_a_lifted_warning_and_its_return(dock, state, qtbot):
    """Spec §7: a region may hold several warnings (a lift, then a return; a start letter sent for the next 过程
    while the last one is being lifted). The form adds the second when it starts after the first's expected end;
    one that overlaps is refused, when added and when a change would make it overlap."""
    fill(dock, "成都平原地区", "orange")
    in_effect(dock)  # day -1 … day 2 23:00
    dock.add_warning()
    first_end = dock.end.dateTime()
    fill(dock, "成都平原地区", "yellow")
    dock.start.setDateTime(first_end.addDays(2).addSecs(3600))  # pending, after the first's end
    dock.end.setDateTime(first_end.addDays(3))
    dock.add_warning()
    assert [(w.region, w.level) for w in state.in_force] == [("成都平原地区", "orange"), ("成都平原地区", "yellow")]
    assert dock.table.rowCount() == 2 and dock.message.text() == ""
    assert len(state.evaluation.recommendations) == 2  # one advice per warning in force
    dock.start.setDateTime(first_end)  # starts at the first's last hour: overlaps
    dock.add_warning()
    assert len(state.in_force) == 2 and "时间重叠" in dock.message.text()
    dock.table.selectRow(1)
    dock.start.setDateTime(first_end.addDays(-1))  # the second moved into the first's span
    dock.update_selected()
    assert state.in_force[1].level == "yellow" and state.in_force[1].start > state.in_force[0].end
    assert "时间重叠" in dock.message.text()


def test_with_observations_the_form_starts_at_the_forecasts_first_hour(dock, state, controller, tmp_path):
    """Observations spliced before the forecast (spec §7) begin the series days earlier: the form's default start
    is still the forecast's first hour f (it was the first observed hour, 3 days back with this table), and a start
    is plausible up to 30 days before f."""
    import pandas as pd

    from app.domain.scheme import BEIJING

    f = state.evaluation.times[0].tz_convert(BEIJING)
    hours = pd.date_range(f - pd.Timedelta(days=3), f - pd.Timedelta(hours=1), freq="h")
    table = tmp_path / "observed.csv"
    table.write_text("time,city,pm25\n" + "".join(f"{t:%Y-%m-%d %H:%M},{city},60\n" for t in hours
                                                  for city in ("成都市", "德阳市", "绵阳市")), encoding="utf-8")
    controller.load_observed([str(table)])
    assert state.evaluation.observed_hours == 72 and state.evaluation.times[0] < f
    assert dock.start.dateTime().toString("yyyy-MM-dd HH:mm") == f.strftime("%Y-%m-%d %H:%M")
    earliest, _ = dock.plausible_range()
    assert earliest == f - pd.Timedelta(days=30)


def test_an_end_marked_or_later_is_entered_and_kept(dock, state):
    """A letter of an open 过程 says "预计持续至X（或更晚，以后续预报为准）": the warning's end is "at least" X (spec
    §7). The form could not say so, and the advice differs: a firm end that the 过程 reaches is kept, an "at least"
    end is never reached silently (lift when the 过程 closes)."""
    from PySide6.QtCore import QDateTime

    from app.domain.scheme import BEIJING

    episode = state.evaluation.episodes[0]
    fill(dock, episode.region, episode.level)
    in_effect(dock)
    last = pd.Timestamp(episode.end).tz_convert(BEIJING)
    dock.end.setDateTime(QDateTime.fromString(last.strftime("%Y-%m-%dT%H:00:00"), Qt.DateFormat.ISODate))
    assert dock.at_least.isEnabled()
    dock.add_warning()
    assert state.evaluation.recommendations[0].action == "keep"  # the 过程 ends when the letter said
    dock.table.selectRow(0)
    dock.at_least.setChecked(True)
    dock.update_selected()
    assert state.in_force[0].end_at_least
    assert state.evaluation.recommendations[0].action == "lift"  # "at least" that end: the lift must be sent
    assert dock.table.item(0, 3).text().endswith("（或更晚）")
    dock.table.clearSelection()
    dock.at_least.setChecked(False)
    dock.table.selectRow(0)
    assert dock.at_least.isChecked()


def test_changing_the_end_keeps_a_level_change_the_letters_advised(dock, state, controller):
    """A warning taken from an issued downgrade letter (red → orange from a later hour) keeps that change when the
    officer corrects its end in the form (the form has no field for it: it was dropped); the level cell says it."""
    from dataclasses import replace

    from app.domain.recommend import WarningInForce

    f = state.evaluation.times[0].to_pydatetime()
    region = state.evaluation.episodes[0].region
    warning = WarningInForce(region, "orange", f - pd.Timedelta(days=2), f + pd.Timedelta(days=2),
                             previous_level="red", change_at=f - pd.Timedelta(days=1))
    controller.set_in_force([warning])
    assert dock.table.item(0, 1).text() == "红色→橙色" and "起由红色调整为橙色" in dock.table.item(0, 1).toolTip()
    dock.table.selectRow(0)
    dock.end.setDateTime(dock.end.dateTime().addDays(1))
    dock.update_selected()
    assert state.in_force[0] == replace(warning, end=warning.end + pd.Timedelta(days=1))


def test_the_or_later_box_sits_beside_the_end_and_adds_no_row(dock):
    """The 或更晚 box qualifies the end, so it sits right of the end field. Beside it the long 开始（北京时间） label
    widened the dock (the map gave the width up at 1366×768); under it the box added a row, and on a 1920×1080
    screen the unit panel stacked below lost the room for a unit's table. The label is 开始 (北京时间 is in the
    note and the fields' tips), and the box takes no row of its own."""
    layout = dock.widget().layout()
    form = next(layout.itemAt(i).layout() for i in range(layout.count())
                if layout.itemAt(i).layout() is not None and layout.itemAt(i).layout().indexOf(dock.at_least) >= 0)
    row, column, _, _ = form.getItemPosition(form.indexOf(dock.at_least))
    end_row, end_column, _, _ = form.getItemPosition(form.indexOf(dock.end))
    assert (row, column) == (end_row, end_column + 1)
    shown = dock.widget().minimumSizeHint()
    dock.at_least.hide()
    dock.widget().layout().invalidate()
    hidden = dock.widget().minimumSizeHint()
    assert shown.height() == hidden.height()
    assert any("北京时间" in label.text() for label in dock.widget().findChildren(type(dock.message)))


def test_four_warnings_fit_the_docked_table_one_line_each(dock, state, controller):
    """At 1366×768 the docked table is about 130 px tall: the reasons, wrapped in their narrow column, made each row
    two or three lines and only two of four warnings showed. One line each; the reason whole in its tooltip."""
    from datetime import timedelta

    from app.domain.recommend import WarningInForce

    f = state.evaluation.times[0].to_pydatetime()
    controller.set_in_force([WarningInForce(r.name, "red", f - timedelta(days=1), f + timedelta(days=2, hours=23))
                             for r in state.scheme.regions])
    dock.resize(516, 380)
    table = dock.table
    line = table.fontMetrics().height()
    assert table.rowCount() == 4
    assert all(table.rowHeight(r) < 2 * line for r in range(4))
    reason = table.item(0, 6)
    assert reason.toolTip() == reason.text() == state.evaluation.recommendations[0].reason
    assert table.horizontalHeaderItem(5).text() == "生效时间"
