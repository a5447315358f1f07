"""Spec §4 (updated): a run with daily AQI > 150 that meets no level's condition is not a 重污染天气过程 — it
never merges with an episode, never extends one and never counts — checked in both daily modes and through
everything downstream: city episodes, regional episodes and their reasons, the warned levels the timeline
bands draw, the keep/upgrade/downgrade/lift advice and the letter."""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np
import pandas as pd
import pytest

from app.domain.daily import DailyAqi
from app.domain.engine import evaluate
from app.domain.forecast import TZ
from app.domain.levels import city_levels
from app.domain.proposal import build_proposal
from app.domain.recommend import WarningInForce
from app.domain.scheme import BEIJING
from tests.domain.engine_helpers import daily_forecast, hourly_forecast, path_graph, pm25_days, toy_scheme

A = ["成都市", "德阳市", "绵阳市", "眉山市", "乐山市", "雅安市"]
SCHEME = toy_scheme({"甲区": A})
DAY = 24
# PM2.5 daily means (2012 edition, January): AQI 43, 97, 175, 176, 250
CLEAN, AQI_97, AQI_175, AQI_176, AQI_250 = 30.0, 72.6, 132.5, 133.0, 200.0
# the spec's example: yellow on days 3–4 (> 150 for 48 h), day 5 at 97, day 6 at 176, day 7 clean
SPEC_EXAMPLE = pm25_days(CLEAN, CLEAN, AQI_175, AQI_175, AQI_97, AQI_176, CLEAN)


def day(n: int, hour: int = 0) -> datetime:
    """Day n of the forecast (1-based; the forecasts start on 2026-01-05)."""
    return datetime(2026, 1, 4 + n, hour, tzinfo=BEIJING)


@pytest.mark.parametrize("mode", ["calendar", "rolling"])
def test_the_spec_example_is_one_yellow_episode_and_day_6_stays_outside(mode):
    ev = evaluate(hourly_forecast({"成都市": SPEC_EXAMPLE}), SCHEME, {}, mode=mode)
    (episode,) = ev.cities["成都市"].episodes
    assert episode.level == "yellow"
    assert episode.start >= day(3) and episode.end < day(6)
    if mode == "calendar":
        assert (episode.start, episode.end) == (day(3), day(4, 23))
    else:  # day 6 is above 150 for a few rolling hours: shown as such, but it is no level
        assert np.nanmax(ev.daily_aqi[0, 5 * DAY:6 * DAY]) > 150
    assert ev.city_level[0, 5 * DAY:].max() == 0


def test_the_spec_example_from_a_daily_table():
    ev = evaluate(daily_forecast({"成都市": [43, 43, 175, 175, 97, 176, 43]}), SCHEME, {})
    (episode,) = ev.cities["成都市"].episodes
    assert (episode.level, episode.start, episode.end) == ("yellow", day(3), day(4, 23))
    assert ev.city_level[0, 4 * DAY:].max() == 0


def test_a_lone_day_above_150_after_an_episode_extends_no_region_and_no_letter():
    """Four adjacent cities with the spec's example warn the region on days 3–4 only: the reason's runs, the
    warned levels (the timeline's lower band), the lift advice and the letter's dates all end on day 4."""
    four = {c: SPEC_EXAMPLE for c in A[:4]} | {c: pm25_days(*[CLEAN] * 7) for c in A[4:]}
    # spec §7: days 1–3 observed, the forecast from day 4; the yellow warning in force since day 3 is in effect
    observed = hourly_forecast({c: v[:3 * DAY] for c, v in four.items()})
    forecast = hourly_forecast({c: v[3 * DAY:] for c, v in four.items()}, start="2026-01-08", issued_at=day(3, 10))
    in_force = [WarningInForce("甲区", "yellow", day(3))]
    ev = evaluate(forecast, SCHEME, path_graph(A), in_force=in_force, observed=observed)
    assert ev.times[0] == day(1) and ev.forecast_start == day(4) and ev.observed_hours == 3 * DAY
    (episode,) = ev.episodes
    assert (episode.level, episode.start, episode.end) == ("yellow", day(3), day(4, 23))
    assert episode.warned_cities == {c: "yellow" for c in A}
    assert all(run.end <= day(4, 23) for runs in episode.qualifying_runs.values() for run in runs)
    assert ev.warned_level[:, 4 * DAY:].max() == 0 and ev.region_warned["甲区"][4 * DAY:].max() == 0
    assert (episode.observed_hours, episode.lead_time_hours) == (DAY, None)
    (advice,) = ev.recommendations
    assert (advice.action, advice.from_time, advice.until, advice.until_at_least) == ("lift", day(5), day(4, 23),
                                                                                       False)
    assert ev.new_warnings == []
    letter = build_proposal(ev, forecast.meta, SCHEME, episodes=[0])
    (text,) = letter.episodes
    assert (text.start, text.end) == (day(3), day(4, 23))


@pytest.mark.parametrize("mode", ["calendar", "rolling"])
def test_two_real_episodes_across_one_clean_day_still_merge(mode):
    ev = evaluate(hourly_forecast({"成都市": pm25_days(CLEAN, AQI_250, CLEAN, AQI_250, CLEAN, CLEAN)}), SCHEME, {},
                  mode=mode)
    (episode,) = ev.cities["成都市"].episodes
    assert episode.level == "yellow"
    assert episode.start < day(3) and episode.end >= day(4)
    assert (ev.city_level[0, 2 * DAY:3 * DAY] == 1).all()  # the clean day inside takes the level


@pytest.mark.parametrize("mode", ["calendar", "rolling"])
def test_two_real_episodes_across_two_clean_days_stay_apart(mode):
    pm25 = pm25_days(CLEAN, AQI_250, CLEAN, CLEAN, AQI_250, CLEAN, CLEAN)
    ev = evaluate(hourly_forecast({"成都市": pm25}), SCHEME, {}, mode=mode)
    assert [e.level for e in ev.cities["成都市"].episodes] == ["yellow", "yellow"]


def test_a_lone_moderate_day_between_two_episodes_does_not_bridge_them_calendar():
    # yellow on day 2 and day 6; day 4 at AQI 175 alone: the old reading chained 2–4–6 into one episode
    ev = evaluate(daily_forecast({"成都市": [60, 250, 100, 175, 100, 250, 60]}), SCHEME, {})
    assert [(e.start, e.end) for e in ev.cities["成都市"].episodes] == [(day(2), day(2, 23)), (day(6), day(6, 23))]
    assert ev.city_level[0, 2 * DAY:5 * DAY].max() == 0


def _rolling(aqi: list[float]) -> DailyAqi:
    values = np.array([aqi])
    times = pd.date_range("2026-01-05", periods=len(aqi), freq="h", tz=TZ)
    return DailyAqi("rolling", times, 1, values, np.isnan(values), np.zeros(values.shape, bool),
                    np.full(values.shape, "", object), np.full(values.shape, 24), np.arange(len(aqi)),
                    np.zeros(len(aqi), np.int8))


def test_a_lone_moderate_run_between_two_episodes_48_hours_apart_does_not_bridge_them_rolling():
    # rolling hours: > 200 for 24 h (yellow), 12 h at 100, 24 h at 175 (> 150 for 24 h only: no level), 12 h at
    # 100, > 200 again: the episodes are 48 h apart, each only 12 h from the moderate run
    aqi = [100.0] * 5 + [250.0] * 24 + [100.0] * 12 + [175.0] * 24 + [100.0] * 12 + [250.0] * 24 + [100.0] * 5
    result = city_levels(_rolling(aqi), ["成都市"], SCHEME)
    assert [(e.level, e.start, e.end) for e in result.episodes] == [
        ("yellow", day(1, 5), day(1, 5) + timedelta(hours=23)),
        ("yellow", day(1, 5) + timedelta(hours=72), day(1, 5) + timedelta(hours=95))]
    assert result.level[0, 29:77].max() == 0


def test_a_lone_moderate_run_does_not_extend_an_episode_it_touches_only_across_a_gap_rolling():
    aqi = [100.0] * 5 + [250.0] * 30 + [120.0] * 20 + [175.0] * 10 + [100.0] * 5
    result = city_levels(_rolling(aqi), ["成都市"], SCHEME)
    (episode,) = result.episodes
    assert episode.end == day(1, 5) + timedelta(hours=29)
    assert result.level[0, 35:].max() == 0


def test_an_issue_time_after_the_start_is_a_warning_not_a_lead_time():
    four = {c: SPEC_EXAMPLE for c in A[:4]} | {c: pm25_days(*[CLEAN] * 7) for c in A[4:]}
    late = day(5, 10)
    ev = evaluate(hourly_forecast(four, issued_at=late), SCHEME, path_graph(A))
    (episode,) = ev.episodes
    assert episode.lead_time_hours == -58 and episode.lead_time_short
    (finding,) = [f for f in ev.findings if "negative lead time" in f.message]
    assert finding.severity == "warning" and "甲区 2026-01-07 00:00 (-58 h)" in finding.message
    assert " from " not in finding.render("zh")  # no English pasted into the Chinese line
    assert any("提前量为负" in w for w in ev.warnings)
    letter = build_proposal(ev, hourly_forecast(four).meta, SCHEME, episodes=[0])
    assert letter.episodes[0].lead_text == "预报发布时间晚于过程开始时间58小时（提前量为负，请核对预报发布时间）"


def test_adjacency_that_isolates_linkage_cities_or_splits_a_region_is_a_finding():
    from tests.domain.engine_helpers import graph

    scheme = toy_scheme({"甲区": A[:4], "乙区": A[4:]})
    neighbours = graph((A[0], A[1]), (A[2], A[3]), (A[1], "攀枝花市"), ("攀枝花市", A[4]))  # 雅安市 alone
    ev = evaluate(hourly_forecast({c: pm25_days(CLEAN, CLEAN) for c in A}), scheme, neighbours)
    messages = [f.message for f in ev.findings]
    assert "2 linkage cities have no adjacent linkage city and can never be part of a triggering cluster: " \
           "乐山市、雅安市" in messages
    assert "the cities of 甲区 fall into 2 groups that do not touch: 成都市、德阳市 | 绵阳市、眉山市" in messages
    assert "the cities of 乙区 fall into 2 groups that do not touch: 乐山市 | 雅安市" in messages


def test_the_approval_notes_say_a_negative_lead_time_is_to_be_checked():
    four = {c: SPEC_EXAMPLE for c in A[:4]} | {c: pm25_days(*[CLEAN] * 7) for c in A[4:]}
    ev = evaluate(hourly_forecast(four, issued_at=day(5, 10)), SCHEME, path_graph(A))
    letter = build_proposal(ev, hourly_forecast(four).meta, SCHEME, episodes=[0])
    assert letter.approval_notes == ("甲区黄色预警建议启动时间早于预报发布时间58小时（提前量为负），请核对预报发布时间",)


def test_a_start_on_the_issue_day_itself_asks_for_speed_not_for_the_issue_time():
    """The season walk, 12-24: a forecast runs from 00:00 of its issue day (issued at 10:00) and 成都平原's 过程
    begins at that first hour — 10 h of negative lead. The 呈批件 said "请核对预报发布时间", but the issue time is
    right: the process is here today and the letter is urgent. A day or more (the -58 h above) still asks."""
    four = {c: SPEC_EXAMPLE for c in A[:4]} | {c: pm25_days(*[CLEAN] * 7) for c in A[4:]}
    ev = evaluate(hourly_forecast(four, issued_at=day(3, 10)), SCHEME, path_graph(A))
    (episode,) = ev.episodes
    assert episode.lead_time_hours == -10
    letter = build_proposal(ev, hourly_forecast(four).meta, SCHEME, episodes=[0])
    assert letter.episodes[0].lead_text == ("预报发布时间晚于过程开始时间10小时（过程自预报发布当日起即出现，提前量为负，"
                                            "请尽快审批印发）")
    assert letter.approval_notes == ("甲区黄色预警建议启动时间早于预报发布时间10小时（过程自预报发布当日起即出现，"
                                     "提前量为负），请尽快审批印发",)
