"""Observations that end long before the forecast (docs/rules-readings.md E5), in the window: the duty officer's
walkthrough — January observed, then a December forecast opened — must not splice January before December. The
timeline spans the forecast only and the data-quality dock and notice bar say why; a gap of a few days stays on
the axis as missing hours, with no "gaps in their data" note for every region."""

from __future__ import annotations

import pandas as pd

from app.paths import SAMPLES_DIR

OBSERVED_JANUARY = SAMPLES_DIR / "observed-regional-orange.csv"
DECEMBER = SAMPLES_DIR / "consult-sichuan-daily-range.csv"
SEASON = SAMPLES_DIR / "season-winter"


def test_january_observed_then_a_december_forecast_spans_the_forecast_only(desk, qtbot):
    state, window = desk.state, desk.window
    desk.controller.load_observed([str(OBSERVED_JANUARY)])
    assert state.observed is not None
    desk.controller.load_forecast_now(DECEMBER)
    evaluation = state.evaluation
    forecast = state.original_forecast
    assert state.observed is not None  # still loaded: a forecast it abuts would be spliced
    assert evaluation.observed_hours == 0
    assert pd.Timestamp(evaluation.times[0]) == pd.Timestamp(forecast.times[0]).tz_convert(evaluation.times.tz)
    assert evaluation.times[0].month == 12 and len(evaluation.times) == 24 * len(forecast.times)
    assert len(state.forecast.times) == len(forecast.times)  # the views read the forecast alone
    assert window.timebar.slider.maximum() == len(evaluation.times) - 1
    # the finding is in front of the officer: the quality dock's table and the notice bar over the map
    (finding,) = [f for f in state.quality.findings if "not spliced" in f.message]
    assert finding.action == "excluded" and finding.file.endswith("observed-regional-orange.csv")
    window.show_dock("DataQualityDock")
    dock = window.docks["DataQualityDock"]
    dock.refresh()
    rows = [" ".join(dock.table.item(r, c).text() for c in range(dock.table.columnCount()) if dock.table.item(r, c))
            for r in range(dock.table.rowCount())]
    assert any("未拼接在预报之前" in row and "2026-01-16 23:00" in row for row in rows)
    assert window.notice_bar.isVisible()
    assert "未拼接" in window.notice_bar.label.toolTip()


def test_a_gap_of_days_stays_on_the_axis_as_missing_hours(desk, qtbot):
    state, window = desk.state, desk.window
    desk.controller.load_observed([str(SEASON / "stations-2025-12-15-48h.csv")])  # 12-15 and 12-16
    desk.controller.load_forecast_now(SEASON / "forecast-2025-12-20.csv")
    evaluation = state.evaluation
    assert evaluation.observed_hours == 48 + 72  # two observed days, three missing before f
    assert evaluation.times[0] == pd.Timestamp("2025-12-15", tz=evaluation.times.tz)
    step = pd.Series(evaluation.times).diff().dropna()
    assert (step == pd.Timedelta(hours=1)).all()  # one hour all along: the slider's positions are hours
    assert len(state.forecast.times) == len(evaluation.times)
    assert window.timebar.slider.maximum() == len(evaluation.times) - 1
    # nobody's gap: no region is said to have cities with gaps in their data
    assert not [f for f in state.quality.findings if "gaps in their data" in f.message]
    assert not [f for f in state.quality.findings if "not spliced" in f.message]
