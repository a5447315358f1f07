"""Spec §7 through ``evaluate``: observed hours spliced before the forecast, and the issue's acceptance case."""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np
import pytest

from app.domain.engine import evaluate
from app.domain.recommend import WarningInForce, apply_advice
from app.domain.scheme import BEIJING, load_scheme
from app.importing import load_forecast
from app.paths import SAMPLES_DIR
from maps.derived import scheme_neighbours
from tests.domain.engine_helpers import (
    AQI_175,
    AQI_250,
    CLEAN,
    daily_forecast,
    hourly_forecast,
    path_graph,
    pm25_days,
    toy_scheme,
)

H = timedelta(hours=1)
A = ["成都市", "德阳市", "绵阳市", "眉山市"]
TOY = toy_scheme({"甲区": A})
GRAPH = path_graph(A)


def day(n: int, hour: int = 0) -> datetime:
    """Day n (1-based) from 2026-01-05."""
    return datetime(2026, 1, 4 + n, hour, tzinfo=BEIJING)


def test_the_orange_sample_with_red_and_orange_in_force_gives_two_lifts_and_three_new_warnings():
    scheme = load_scheme()
    forecast = load_forecast(SAMPLES_DIR / "sample-regional-orange.csv")
    in_force = [WarningInForce("盆地中部地区", "red", datetime(2026, 1, 8, tzinfo=BEIJING)),
                WarningInForce("盆地南部地区", "orange", datetime(2026, 1, 8, tzinfo=BEIJING))]
    ev = evaluate(forecast, scheme, scheme_neighbours(scheme), in_force=in_force)
    ten = datetime(2026, 1, 10, tzinfo=BEIJING)
    assert [(r.region, r.action, r.new_level, r.from_time, r.until) for r in ev.recommendations] == [
        ("盆地中部地区", "lift", "none", ten, None), ("盆地南部地区", "lift", "none", ten, None)]
    end = datetime(2026, 1, 15, 23, tzinfo=BEIJING)
    assert [(n.region, n.level, n.start, n.end, n.end_at_least) for n in ev.new_warnings] == [
        ("盆地中部地区", "orange", datetime(2026, 1, 12, tzinfo=BEIJING), end, True),
        ("盆地南部地区", "orange", datetime(2026, 1, 12, tzinfo=BEIJING), end, True),
        ("成都平原地区", "orange", datetime(2026, 1, 13, tzinfo=BEIJING), end, True)]
    for n in ev.new_warnings:
        episode = ev.episodes[n.episode_index]
        assert (episode.region, episode.start, episode.lead_time_hours) == (n.region, n.start, n.lead_time_hours)
    # the next morning, the same forecast against what those letters left: nothing to send
    again = evaluate(forecast, scheme, scheme_neighbours(scheme), in_force=apply_advice(in_force, ev))
    assert [r.action for r in again.recommendations] == ["ended", "ended", "keep", "keep", "keep"]
    assert again.new_warnings == []


def test_with_nothing_in_force_every_episode_ending_at_or_after_f_is_a_new_warning():
    scheme = load_scheme()
    forecast = load_forecast(SAMPLES_DIR / "sample-regional-orange.csv")
    ev = evaluate(forecast, scheme, scheme_neighbours(scheme))
    assert [(n.region, n.start) for n in ev.new_warnings] == [(e.region, e.start) for e in ev.episodes]
    assert ev.recommendations == [] and ev.forecast_start == forecast.times[0] and ev.observed_hours == 0


@pytest.mark.parametrize("mode", ["calendar", "rolling"])
def test_observed_days_count_toward_the_duration(mode):
    """Two observed days > 150 and one forecast day > 150 are 72 h > 150: orange (the forecast alone: nothing)."""
    observed = hourly_forecast({c: pm25_days(CLEAN, AQI_175, AQI_175) for c in A})
    forecast = hourly_forecast({c: pm25_days(AQI_175, CLEAN, CLEAN, CLEAN) for c in A}, start="2026-01-08",
                               issued_at=day(3, 10))
    alone = evaluate(forecast, TOY, GRAPH, mode=mode)
    assert alone.episodes == [] and alone.new_warnings == []
    ev = evaluate(forecast, TOY, GRAPH, mode=mode, observed=observed)
    assert ev.times[0] == day(1) and ev.forecast_start == day(4) and ev.observed_hours == 72
    (episode,) = ev.episodes
    assert episode.level == "orange" and episode.lead_time_hours is None and not episode.lead_time_short
    assert episode.start < day(4) and episode.observed_hours == int((day(4) - episode.start) / H)
    (new,) = ev.new_warnings
    assert (new.level, new.start, new.lead_time_hours) == ("orange", day(4), None)
    if mode == "calendar":
        assert (episode.start, episode.end, episode.observed_hours) == (day(2), day(4, 23), 48)
        assert not new.end_at_least  # three clean days follow inside the series


def test_a_warning_in_effect_is_judged_with_its_observed_days():
    """Orange in force since day 2 (observed); the forecast's first day is the third day > 150 and then it is
    clean: the 过程 (days 2–4) closes, lift on day 5; no start letter."""
    observed = hourly_forecast({c: pm25_days(CLEAN, AQI_175, AQI_175) for c in A})
    forecast = hourly_forecast({c: pm25_days(AQI_175, CLEAN, CLEAN, CLEAN) for c in A}, start="2026-01-08")
    w = WarningInForce("甲区", "orange", day(2))
    ev = evaluate(forecast, TOY, GRAPH, in_force=[w], observed=observed)
    (rec,) = ev.recommendations
    assert (rec.action, rec.from_time, rec.until, rec.process_start) == ("lift", day(5), day(4, 23), day(2))
    assert ev.new_warnings == []


def test_observations_overlapping_the_forecast_are_ignored_from_f_on_with_a_finding():
    observed = hourly_forecast({c: pm25_days(AQI_250, AQI_250, AQI_250, AQI_250) for c in A})
    forecast = hourly_forecast({c: pm25_days(CLEAN, CLEAN, CLEAN) for c in A}, start="2026-01-07")
    ev = evaluate(forecast, TOY, GRAPH, observed=observed)
    assert ev.observed_hours == 48 and len(ev.times) == 48 + 72
    assert np.isnan(ev.hourly_aqi).sum() == 0 and ev.hourly_aqi[:, 48:].max() < 50  # the forecast from f on
    (finding,) = [p for p in ev.findings if "overlap" in p.message]
    assert "48 hours" in finding.message and "2026-01-07 00:00" in finding.message
    assert finding.localized("zh").message != finding.message  # it has its Chinese


def test_daily_observations_before_an_hourly_forecast():
    observed = daily_forecast({c: [43, 175, 175] for c in A})
    forecast = hourly_forecast({c: pm25_days(AQI_175, CLEAN, CLEAN, CLEAN) for c in A}, start="2026-01-08")
    ev = evaluate(forecast, TOY, GRAPH, observed=observed)
    (episode,) = ev.episodes
    assert (episode.level, episode.start, episode.observed_hours) == ("orange", day(2), 48)
    assert ev.observed_hours == 72


@pytest.mark.parametrize("observed_daily", [True, False])
def test_a_daily_forecast_after_observations(observed_daily):
    observed = daily_forecast({c: [43, 175, 175] for c in A}) if observed_daily else \
        hourly_forecast({c: pm25_days(CLEAN, AQI_175, AQI_175) for c in A})
    forecast = daily_forecast({c: [175, 43, 43, 43] for c in A}, start="2026-01-08")
    ev = evaluate(forecast, TOY, GRAPH, observed=observed)
    (episode,) = ev.episodes
    assert (episode.level, episode.start, episode.end) == ("orange", day(2), day(4, 23))
    assert ev.forecast_start == day(4) and ev.observed_hours == 72


def test_a_daily_table_of_mean_pm25_is_read_through_the_pm25_breakpoints():
    import pandas as pd

    from app.domain.forecast import TZ, Forecast

    times = pd.date_range("2026-01-05", periods=3, freq="D", tz=TZ)
    pm25 = np.array([[AQI_250, AQI_250, CLEAN]] * 4)
    ev = evaluate(Forecast(times, list(A), {"pm25": pm25}, step_hours=24), TOY, GRAPH)
    assert ev.daily_aqi[0, 0] == 250 and ev.daily_aqi[0, 60] == 43
    (episode,) = ev.episodes
    assert episode.level == "orange"


def test_observed_units_the_forecast_lacks_are_named():
    observed = hourly_forecast({c: pm25_days(CLEAN) for c in [*A, "攀枝花市"]})
    forecast = hourly_forecast({c: pm25_days(CLEAN, CLEAN) for c in A}, start="2026-01-06")
    ev = evaluate(forecast, TOY, GRAPH, observed=observed)
    (note,) = [p for p in ev.findings if "not in the forecast" in p.message]
    assert note.units == ("攀枝花市",) and ev.units == A
