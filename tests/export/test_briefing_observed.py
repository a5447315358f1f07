"""The briefing with observations spliced before the forecast (issue 28): an episode that began in the observed
hours has no lead time in the summary (it read 未知), the cover gives the forecast's period and the observed one
apart (the forecast period began at the first observed hour), and the maps and the day grid cover the forecast's
days and the observed days of the episodes still running — not the whole winter observed before (25 map pages and
a day grid wider than the page, cut off on both sides)."""

from __future__ import annotations

from datetime import date

import pytest

from app.export.briefing import GRID_DAYS, briefing_days, cover_periods, lead_cell
from app.export.inputs import load_and_evaluate
from app.export.map_layers import forecast_days
from app.paths import SAMPLES_DIR

SEASON = SAMPLES_DIR / "season-winter"


@pytest.fixture(scope="module")
def spliced():
    return load_and_evaluate(str(SEASON / "forecast-2025-12-16.csv"),
                             observed_files=[str(SEASON / "observed-hourly.csv")]).evaluation


def test_lead_cells_of_observed_episodes(spliced):
    cells = {(e.region, e.start.day): lead_cell(e, spliced.forecast_start) for e in spliced.episodes}
    assert cells[("盆地中部地区", 4)] == "实况（已结束）"  # 12-04/05: over before the forecast
    assert cells[("盆地中部地区", 14)] == "实况已出现，不计提前量"  # running since 12-14
    assert "未知" not in cells.values()


def test_cover_periods_say_forecast_and_observed_apart(spliced):
    assert cover_periods(spliced) == ["预报时段：2025年12月16日00时 至 2025年12月22日24时",
                                      "实况时段：2025年11月28日00时 至 2025年12月15日24时"]


def test_days_are_the_forecasts_and_the_running_episodes_observed_days(spliced):
    days = briefing_days(spliced)
    assert days[0] == date(2025, 12, 14) and days[-1] == date(2025, 12, 22) and len(days) == 9
    assert len(forecast_days(spliced)) == 25 > GRID_DAYS


def test_without_observations_nothing_changes(orange):
    ev = orange.evaluation
    assert briefing_days(ev) == forecast_days(ev)
    assert cover_periods(ev) == ["预报时段：2026年1月10日00时 至 2026年1月16日24时"]
    assert all(lead_cell(e, ev.forecast_start).endswith(("小时", "不足72小时")) for e in ev.episodes)
