"""Observations that end before the forecast's first hour f (spec §7; docs/rules-readings.md E5): the hours (days)
between the last observation and f are missing, never adjacent to anything — no run, episode or merge bridges
them unless the rules bridge missing data anyway (a gap under 36 h merges two episodes, §4/§5) — and observations
that end more than 7 days before f are not spliced at all, with a finding.

Every case is checked against the same series written as ONE forecast whose gap hours (days) are missing values:
the spliced reading must be that one, in both daily modes, hourly and daily forecasts, hourly and daily
observations."""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np
import pandas as pd
import pytest

from app.domain.engine import evaluate
from app.domain.scheme import BEIJING
from tests.domain.engine_helpers import (
    AQI_175,
    CLEAN,
    daily_forecast,
    hourly_forecast,
    path_graph,
    toy_scheme,
)

H = timedelta(hours=1)
A = ["成都市", "德阳市", "绵阳市", "眉山市"]
TOY = toy_scheme({"甲区": A})
GRAPH = path_graph(A)
CLEAN_DAILY_PM25 = 30.1  # a daily AQI of 43 turned back into PM2.5 (spec §3), as the splice spreads it
OBSERVED_AQI = [43, 175, 175]  # days 1–3 from 2026-01-05: two days > 150 (yellow on their own)
FORECAST_AQI = [175, 175, 43, 43, 43]  # two more days > 150 (yellow on their own), then clean
PM25 = {43: CLEAN, 175: AQI_175}


def day(n: int, hour: int = 0) -> datetime:
    """Day n (1-based) from 2026-01-05."""
    return datetime(2026, 1, 4 + n, hour, tzinfo=BEIJING)


def _side(aqi: list[float], start: str, daily: bool, clean_pm25: float = CLEAN):
    if daily:
        return daily_forecast({c: aqi for c in A}, start=start)
    hours = [np.nan if np.isnan(v) else (clean_pm25 if v == 43 else PM25[v]) for v in aqi for _ in range(24)]
    return hourly_forecast({c: hours for c in A}, start=start)


def _cases(gap_days: int, observed_daily: bool, forecast_daily: bool):
    """(observed, forecast, the same series as one forecast with the gap days missing)."""
    f = (pd.Timestamp("2026-01-08") + pd.Timedelta(days=gap_days)).strftime("%Y-%m-%d")
    observed = _side(OBSERVED_AQI, "2026-01-05", observed_daily)
    forecast = _side(FORECAST_AQI, f, forecast_daily)
    whole = OBSERVED_AQI + [np.nan] * gap_days + FORECAST_AQI
    one = _side(whole, "2026-01-05", forecast_daily, CLEAN_DAILY_PM25 if observed_daily else CLEAN)
    return observed, forecast, one


def _episodes(ev):
    regional = [(e.region, e.level, e.start, e.end) for e in ev.episodes]
    cities = {name: [(e.level, e.start, e.end) for e in r.episodes] for name, r in ev.cities.items()}
    return regional, cities


COMBOS = [(m, od, fd) for m in ("calendar", "rolling") for od in (False, True) for fd in (False, True)
          if not (fd and m == "rolling")]  # a daily forecast is read in calendar days only


@pytest.mark.parametrize("gap_days", [0, 1, 2, 3])
@pytest.mark.parametrize("mode,observed_daily,forecast_daily", COMBOS)
def test_a_run_never_bridges_the_hours_between_the_observations_and_f(gap_days, mode, observed_daily,
                                                                       forecast_daily):
    observed, forecast, one = _cases(gap_days, observed_daily, forecast_daily)
    ev = evaluate(forecast, TOY, GRAPH, mode=mode, observed=observed)
    want = evaluate(one, TOY, GRAPH, mode=mode)
    assert _episodes(ev) == _episodes(want)
    assert ev.forecast_start == pd.Timestamp(forecast.times[0]).to_pydatetime()
    if mode == "calendar":  # by hand: 4 days > 150 abutting are orange; across a gap two yellow runs
        regional = [(e.level, e.start, e.end) for e in ev.episodes]
        f_day = 4 + gap_days
        if gap_days == 0:
            assert regional == [("orange", day(2), day(5, 23))]
        elif gap_days == 1:  # one missing day (24 h) between two episodes: merged (§4 note), still yellow
            assert regional == [("yellow", day(2), day(f_day + 1, 23))]
        else:  # 48 h or more: two episodes
            assert regional == [("yellow", day(2), day(3, 23)), ("yellow", day(f_day), day(f_day + 1, 23))]
