"""Observations that end before the forecast's first hour f (spec §7; docs/rules-readings.md E5): the hours (days)
between the last observation and f are missing, never adjacent to anything — no run, episode or merge bridges
them unless the rules bridge missing data anyway (a gap under 36 h merges two episodes, §4/§5) — and observations
that end more than 7 days before f are not spliced at all, with a finding.

Every case is checked against the same series written as ONE forecast whose gap hours (days) are missing values:
the spliced reading must be that one, in both daily modes, hourly and daily forecasts, hourly and daily
observations."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import numpy as np
import pandas as pd
import pytest

from app.domain.engine import evaluate
from app.domain.forecast import TZ
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
    # one regular axis: the gap's hours are there, missing (the window's timeline and slider read it)
    assert list(ev.times) == list(want.times) and ev.observed_hours == 72 + 24 * gap_days
    np.testing.assert_array_equal(ev.daily_aqi > 150, want.daily_aqi > 150)  # what the runs read
    np.testing.assert_array_equal(ev.daily_insufficient, want.daily_insufficient)
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


# ---------------------------------------------------------------------------------------------------------------
# The edges: a gap of 0 h, 1 h, 7 days (spliced, the gap missing) and 7 days + 1 h (not spliced, a finding)

EDGES = [0, 1, 24, 168, 169, 192]


def _edge(gap: int, observed_daily: bool, forecast_daily: bool):
    """(observed, forecast) with ``gap`` hours between the end of the last observation and f; None when the
    combination cannot give that gap (a daily table ends at midnight, a daily forecast starts at midnight)."""
    if (observed_daily and forecast_daily) and gap % 24:
        return None
    if forecast_daily:  # f fixed at a midnight, the observations end ``gap`` hours before it
        f = pd.Timestamp("2026-01-20", tz=TZ)
        forecast = daily_forecast({c: FORECAST_AQI for c in A}, start="2026-01-20")
        end = f - gap * H
    else:  # the observations end at a midnight, f ``gap`` hours after
        end = pd.Timestamp("2026-01-12", tz=TZ)
        f = end + gap * H
        forecast = hourly_forecast({c: [AQI_175] * 48 + [CLEAN] * 72 for c in A}, start=f.tz_localize(None).isoformat())
    if observed_daily:
        observed = daily_forecast({c: OBSERVED_AQI for c in A}, start=(end - pd.Timedelta(days=3)).tz_localize(None).isoformat())
    else:
        values = [CLEAN] * 24 + [AQI_175] * 48
        observed = hourly_forecast({c: values for c in A}, start=(end - 72 * H).tz_localize(None).isoformat())
    observed = replace(observed, meta=replace(observed.meta, source_path="observed-january.csv"))
    return observed, forecast, f, end


@pytest.mark.parametrize("gap", EDGES)
@pytest.mark.parametrize("mode,observed_daily,forecast_daily", COMBOS)
def test_gap_edges(gap, mode, observed_daily, forecast_daily):
    case = _edge(gap, observed_daily, forecast_daily)
    if case is None:
        pytest.skip("a daily table ends at midnight and a daily forecast starts at one")
    observed, forecast, f, end = case
    ev = evaluate(forecast, TOY, GRAPH, mode=mode, observed=observed)
    alone = evaluate(forecast, TOY, GRAPH, mode=mode)
    stale = [p for p in ev.findings if "not spliced" in p.message]
    assert ev.forecast_start == f.to_pydatetime()
    if gap <= 168:  # spliced: a regular axis from the first observation, the gap's hours missing
        assert not stale
        first = end - 72 * H
        if forecast_daily:  # a daily series: from the first observed day
            first = first.normalize()
        assert ev.times[0] == first and ev.observed_hours == int((f - first) / H)
        assert len(ev.times) == ev.observed_hours + len(alone.times)
        assert (np.diff(ev.times.asi8) == pd.Timedelta(hours=1).value // pd.Timedelta(1, unit=ev.times.unit).value
                ).all()  # one hour all along
        assert pd.Timestamp(ev.times[ev.observed_hours]) == f
        last = int((end - H - first) / H)  # the last observed hour's column
        if not forecast_daily:
            assert np.isnan(ev.hourly_aqi[:, last + 1:last + 1 + gap]).all()
        assert ev.daily_aqi[0, last] > 150  # the observed run is read
        if gap == 0:  # 2 observed days + 2 forecast days > 150 abut: 96 h, orange
            assert [e.level for e in ev.episodes] == ["orange"]
        elif gap >= 48:  # two episodes of their own (yellow each)
            assert [e.level for e in ev.episodes] == ["yellow", "yellow"]
            assert ev.episodes[0].end < f.to_pydatetime() <= ev.episodes[1].start
    else:  # not spliced: the forecast alone, and a finding names the file, the last observation and the gap
        assert ev.observed_hours == 0 and list(ev.times) == list(alone.times)
        assert _episodes(ev) == _episodes(alone)
        (finding,) = stale
        assert (finding.severity, finding.action, finding.file) == ("note", "excluded", "observed-january.csv")
        last = end - (24 if observed_daily else 1) * H
        when = f"{last:%Y-%m-%d}" if observed_daily else f"{last:%Y-%m-%d %H:%M}"
        assert when in finding.message and finding.value == when
        assert f"{gap / 24:.1f} days ({gap} hours)" in finding.message
        zh = finding.localized("zh").message
        assert zh != finding.message and f"{gap} 小时" in zh and "未拼接" in zh
        assert not [p for p in ev.findings if "overlap" in p.message]


def test_observations_after_f_are_still_the_overlap_finding_not_a_stale_one():
    observed = hourly_forecast({c: [CLEAN] * 48 for c in A}, start="2026-02-01")
    forecast = hourly_forecast({c: [CLEAN] * 72 for c in A}, start="2026-01-05")
    ev = evaluate(forecast, TOY, GRAPH, observed=observed)
    assert ev.observed_hours == 0
    assert [p for p in ev.findings if "overlap" in p.message]
    assert not [p for p in ev.findings if "not spliced" in p.message]


@pytest.mark.parametrize("gap_days", [1, 3])
@pytest.mark.parametrize("mode,observed_daily,forecast_daily", COMBOS)
def test_the_gap_is_one_finding_for_its_days_not_one_for_every_city(gap_days, mode, observed_daily,
                                                                     forecast_daily):
    """The days nobody observed are the series' gap, not each city's missing data: one finding names them (as a
    forecast that starts mid-day), and no city is listed with insufficient data for them — a daily forecast as
    an hourly one (a daily table once listed every city)."""
    observed, forecast, _ = _cases(gap_days, observed_daily, forecast_daily)
    ev = evaluate(forecast, TOY, GRAPH, mode=mode, observed=observed)
    assert not [p.message for p in ev.findings if p.units and "insufficient data" in p.message]
    (uncovered,) = [p for p in ev.findings if "does not cover whole 24-hour periods" in p.message]
    assert "01-08" in uncovered.message  # the gap's first day (the observations end with 01-07)
    assert np.asarray(ev.daily_insufficient)[:, 72 + 24 * gap_days - 1].all()  # and it is read as missing
