"""The 会商 window judges every source and the consensus with the observations loaded in the main window (spec
§7), says so, and the decision records them."""

from __future__ import annotations

from datetime import datetime

from app.domain.scheme import BEIJING
from tests.cli.test_consult_observed import make_running


def _episode(consensus):
    (episode,) = consensus.episodes
    return (episode.region, episode.level, episode.start.isoformat(), episode.observed_hours, episode.lead_time_hours)


RUNNING = ("成都平原地区", "orange", "2026-01-08T00:00:00+08:00", 48, None)


def test_the_windows_observations_are_spliced_before_every_source_and_said(desk, qtbot, tmp_path):
    obs, one, two = make_running(tmp_path)
    desk.controller.load_observed([str(obs)])
    dialog = desk.window.open_consultation()
    qtbot.waitExposed(dialog)
    assert "主窗口已加载实况" in dialog.observed_label.text()
    dialog.load_now([str(one), str(two)])
    for method in ("median", "majority", "source"):
        dialog.method.setCurrentIndex(dialog.method.findData(method))
        assert _episode(dialog.consensus) == RUNNING, method
    cmp = dialog.comparison
    assert cmp.hours[0].isoformat() == "2026-01-07T00:00:00+08:00"  # the slider reaches back into the observed
    assert dialog.slider.maximum() == len(cmp.hours) - 1
    assert dialog.observed_label.text() == (
        "研判纳入主窗口加载的实况：01-07 00:00 至 01-09 23:00（72 小时），衔接于各来源预报之前；"
        "已在实况中出现的过程按实况起算，不计提前量。")
    assert dialog.timeline.now_line is not None and dialog.timeline.now_line.value() == 2.5  # 01-07 … 01-09 observed
    dialog.set_hour(24 + 12)
    assert dialog.time_label.text() == "01-08 12:00（实况）"
    dialog.set_hour(72)
    assert dialog.time_label.text() == "01-10 00:00"
    record = dialog.record()
    assert record.observed["hours"] == 72 and record.observed["files"][0]["path"] == str(obs.resolve())
    dialog.apply_consensus()
    state = desk.state
    assert state.consultation.observed == record.observed
    orange = [e for e in state.evaluation.episodes if e.region == "成都平原地区"]
    assert [(e.level, e.observed_hours, e.lead_time_hours) for e in orange] == [("orange", 48, None)]


def test_observations_loaded_while_the_window_is_open_judge_the_sources_again(desk, qtbot, tmp_path):
    obs, one, two = make_running(tmp_path)
    dialog = desk.window.open_consultation()
    qtbot.waitExposed(dialog)
    dialog.load_now([str(one), str(two)])
    assert dialog.consensus.episodes == [] and "未加载实况" in dialog.observed_label.text()
    assert dialog.timeline.now_line is None
    assert dialog.record().observed is None
    desk.controller.load_observed([str(obs)])
    assert _episode(dialog.consensus) == RUNNING
    assert "72 小时" in dialog.observed_label.text()


def test_reopening_a_decision_brings_its_observations_back_or_says_which_file_is_gone(desk, qtbot, tmp_path):
    from app.gui.autosave import reopen_consultation

    obs, one, two = make_running(tmp_path)
    desk.controller.load_observed([str(obs)])
    dialog = desk.window.open_consultation()
    dialog.load_now([str(one), str(two)])
    saved = dialog.record().to_json()
    dialog.close()
    desk.controller.set_observed(None)
    desk.controller.load_forecast_now(one)
    assert desk.state.observed is None
    assert reopen_consultation(saved, desk.controller)
    state = desk.state
    assert [f.path for f in state.observed.files] == [str(obs.resolve())]  # the decision's observations again
    running = [e for e in state.evaluation.episodes if e.region == "成都平原地区"]
    assert [(e.level, e.observed_hours) for e in running] == [("orange", 48)]
    obs.unlink()
    failed: list[str] = []
    assert not reopen_consultation(saved, desk.controller, failed=failed)
    assert failed == ["会商结论无法重建：会商所用的实况文件不存在或已被修改（observed.csv）。"]


def test_observations_overlapping_the_forecasts_are_said_not_used(desk, qtbot, tmp_path):
    from tests.domain.engine_helpers import AQI_175, hourly_forecast, pm25_days

    obs, one, two = make_running(tmp_path)
    late = tmp_path / "late.csv"
    frame = hourly_forecast({"成都市": pm25_days(AQI_175)}, start="2026-01-10").to_long_frame()
    frame["time"] = frame["time"].dt.strftime("%Y-%m-%d %H:%M")
    frame[["time", "city", "pm25"]].to_csv(late, index=False)
    desk.controller.load_observed([str(obs), str(late)])
    dialog = desk.window.open_consultation()
    dialog.load_now([str(one), str(two)])
    assert "（72 小时）" in dialog.observed_label.text()
    assert dialog.observed_label.text().endswith("实况与区域中心、四川省站的预报时段重叠的部分不用（预报时段内以预报为准）。")
    assert _episode(dialog.consensus) == RUNNING


def test_the_case_offered_is_named_after_the_running_process_not_the_first_observed_day(desk, qtbot, tmp_path):
    """The season walk: a decision adopted with the winter's observations loaded offered a case named
    "2025年11月28日起区域重污染过程" (the first observed day) for the 过程 of 12-13. The 过程 here began on the 8th in
    the observations (loaded from the 7th)."""
    obs, one, two = make_running(tmp_path)
    desk.controller.load_observed([str(obs)])
    dialog = desk.window.open_consultation()
    qtbot.waitExposed(dialog)
    dialog.load_now([str(one), str(two)])
    dialog.apply_consensus()
    offer = desk.window.docks["CasesDock"].offer
    assert offer.textValue() == "2026年1月8日起区域重污染过程"
    offer.reject()


def test_the_agreement_grid_stays_readable_with_weeks_observed(desk, qtbot):
    """The season walk: two forecasts with the winter's observations before them gave 25 day columns squeezed into
    the grid — "…" in every cell, "1-2…" for every date. The columns keep the width of their text, the grid
    scrolls, and it opens on the first forecast day."""
    from app.paths import SAMPLES_DIR

    season = SAMPLES_DIR / "season-winter"
    desk.controller.load_observed([str(season / "observed-hourly.csv")])
    dialog = desk.window.open_consultation()
    dialog.resize(1366, 740)
    qtbot.waitExposed(dialog)
    dialog.load_now([str(season / "forecast-2025-12-16.csv"), str(season / "forecast-2025-12-15.csv")])
    grid = dialog.grid
    qtbot.wait(50)
    assert grid.columnCount() >= 20
    fm = grid.fontMetrics()
    for d in range(grid.columnCount()):
        assert grid.columnWidth(d) >= fm.horizontalAdvance(grid.item(0, d).text()), d
        assert grid.columnWidth(d) >= fm.horizontalAdvance(grid.horizontalHeaderItem(d).text()), d
    first = grid.first_forecast_column
    # the consultation is held on the newest source's morning: the 12-15 source's 12-15 was observed (spec §7)
    assert grid.horizontalHeaderItem(first).text() == "12-16"
    assert ("会商按最新预报的首个时次 12-16 00:00 起研判：西南区域空气质量预测预报中心 (2) 12-15 00:00 至 12-15 23:00 "
            "的预报已成过去，以实况代替。") in dialog.observed_label.text()
    period = dialog.sources_table.item(1, 3).text()  # the older source, its replaced hours said in its row
    assert period == "12-15 00:00 – 12-21 23:00（12-16 00:00 前以实况代替）", period
    assert dialog.sources_table.item(0, 3).text() == "12-16 00:00 – 12-22 23:00"
    # the 12-04 yellow ended in the observed past: history, not a warning of the decision (spec §7)
    summary = dialog.summary.text()
    assert "12-04" not in summary and "12-14—12-18" in summary, summary
    assert summary.endswith("（实况中已结束的 3 个区域过程为历史，不列入）"), summary
    # a past winter replayed: the decision is dated by its newest source (12-16 10:00), not the wall clock
    dialog.apply_consensus()
    issued = datetime(2025, 12, 16, 10, tzinfo=BEIJING)
    assert desk.state.forecast.meta.issued_at == issued and desk.state.consultation.recorded_at == issued
    assert "预报发布 2025-12-16 10:00" in desk.window.age_label.text(), desk.window.age_label.text()
    assert grid.horizontalScrollBar().value() == first - 1  # per item: the last observed day at the left
    assert 0 < grid.columnViewportPosition(first) <= grid.columnWidth(first - 1) + 4  # then the forecast days
    assert grid.columnViewportPosition(first + 3) + grid.columnWidth(first + 3) <= grid.viewport().width()


def test_the_maps_open_on_the_first_forecast_hour(desk, qtbot, tmp_path):
    """With observations spliced the comparison's axis starts at the first observed hour: the window opened there
    (the season walk: 11-28, blank maps, 17 days of stepping to the forecast). It opens on the first forecast
    hour; once the officer steps, reloading keeps the hour chosen."""
    obs, one, two = make_running(tmp_path)
    desk.controller.load_observed([str(obs)])
    dialog = desk.window.open_consultation()
    qtbot.waitExposed(dialog)
    dialog.load_now([str(one), str(two)])
    assert dialog.time_label.text() == "01-10 00:00" and dialog.slider.value() == dialog.hour == 72
    dialog.set_hour(30)
    dialog.load_now([])
    assert dialog.hour == dialog.slider.value() == 30
