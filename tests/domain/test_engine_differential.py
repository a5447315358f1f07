"""Differential test: the engine against a naive reading of spec §3–§5 (tests/domain/spec_reading.py) on random
7–10 day hourly forecasts for all 40 linkage cities, in calendar and rolling mode.

Compared: every city's daily AQI and own level per hour, its episodes; every region's level per hour; every
regional episode (level, start, end, warned cities) and its reason (the rule and cluster must be one that
triggers the region at the episode's level inside the episode; each trigger city's runs must be real runs).

Scale: ``HAZEDESK_DIFF_EXAMPLES`` forecasts per mode (default 40, kept small for CI; the derandomized CI profile
makes the run reproducible). A long run: ``HAZEDESK_DIFF_EXAMPLES=1000 pytest tests/domain/test_engine_differential.py``.
"""

from __future__ import annotations

import os

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.domain.engine import evaluate
from app.domain.forecast import TZ, Forecast
from app.domain.scheme import load_scheme
from tests.domain import spec_reading as spec

SCHEME = load_scheme()
CITIES = [c for cities in spec.REGIONS.values() for c in cities]
EXAMPLES = int(os.environ.get("HAZEDESK_DIFF_EXAMPLES", "40"))
# daily PM2.5 means around the AQI thresholds 100/150/200/300 (both editions)
BANDS = [20.0, 70.0, 100.0, 112.0, 118.0, 140.0, 148.0, 152.0, 200.0, 245.0, 255.0, 320.0, 600.0]
STARTS = ["2025-12-20", "2026-01-10", "2026-02-25", "2026-03-05"]  # both editions, and forecasts across the switch


@pytest.fixture(scope="module")
def neighbours():
    from maps.adjacency import scheme_adjacency

    return scheme_adjacency(SCHEME).neighbours


@st.composite
def forecasts(draw):
    """40 cities × 7–10 days of hourly PM2.5: a basin-wide daily band with per-city departures (so clusters of
    adjacent cities form and break up), an overall severity (some forecasts never warn), hourly noise, scattered
    and blocked missing hours, any start hour."""
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    days = draw(st.integers(7, 10))
    start = pd.Timestamp(draw(st.sampled_from(STARTS)), tz=TZ) + pd.Timedelta(hours=draw(st.sampled_from([0, 0, 8, 20])))
    hours = days * 24
    basin = rng.choice(BANDS, size=days)
    follow = rng.random((len(CITIES), days)) < rng.uniform(0.4, 0.9)
    bands = np.where(follow, basin, rng.choice(BANDS, size=(len(CITIES), days)))
    severity = rng.choice([0.4, 0.7, 1.0, 1.0])  # some forecasts stay clean or never warn a region
    values = np.repeat(bands, 24, axis=1) * severity * rng.uniform(0.8, 1.2, (len(CITIES), hours))
    values[rng.random(values.shape) < rng.uniform(0, 0.06)] = np.nan
    for _ in range(rng.integers(0, 3)):  # a city silent for a few hours
        row, at = rng.integers(len(CITIES)), rng.integers(hours)
        values[row, at:at + rng.integers(3, 12)] = np.nan
    times = pd.date_range(start, periods=hours, freq="h")
    return Forecast(times, list(CITIES), {"pm25": values})


def compare(forecast: Forecast, mode: str, neighbours) -> None:
    ev = evaluate(forecast, SCHEME, neighbours, mode=mode)
    times = list(forecast.times.to_pydatetime())
    reading = spec.read_forecast(times, forecast.units, forecast.values["pm25"].tolist(), mode, neighbours)
    step = [spec.step_of_hour(reading, t) for t in times]
    row = {u: i for i, u in enumerate(ev.units)}

    for city in CITIES:
        daily = [reading.daily[city][s] for s in step]
        got = ev.daily_aqi[row[city]]
        assert [None if np.isnan(v) else int(v) for v in got] == daily, city
        assert ev.city_level[row[city]].tolist() == [reading.level[city][s] for s in step], city
        expected = [(spec.LEVEL_NAMES[rank], reading.steps[a], spec.step_end(reading, b))
                    for rank, a, b in reading.city_episodes[city]]
        assert [(e.level, e.start, e.end) for e in ev.cities[city].episodes] == expected, city

    for region in spec.REGIONS:
        assert ev.region_level[region].tolist() == [reading.region_level[region][s] for s in step], region

    expected = sorted(reading.regional_episodes, key=lambda e: (e["first"], list(spec.REGIONS).index(e["region"])))
    assert len(ev.episodes) == len(expected)
    for got, want in zip(ev.episodes, expected):
        assert (got.region, got.level, got.start, got.end) == (
            want["region"], want["level"], reading.steps[want["first"]], spec.step_end(reading, want["last"]))
        assert got.warned_cities == want["warned"]
        assert (got.rule, frozenset(got.trigger_cities)) in want["reasons"]
        rank = spec.LEVEL_NAMES.index(got.level)
        for city in got.trigger_cities:
            runs = got.qualifying_runs[city]
            assert runs, city
            assert all(spec.is_qualifying_run(reading, city, r.start, r.end, r.aqi_above, r.hours) for r in runs)
            assert any(r.aqi_above == x and r.hours >= n for r in runs for (x, n), _ in spec.CONDITIONS[rank])


DIFF = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@DIFF
@given(forecasts())
def test_calendar_mode_agrees_with_the_spec_reading(neighbours, forecast):
    compare(forecast, "calendar", neighbours)


@DIFF
@given(forecasts())
def test_rolling_mode_agrees_with_the_spec_reading(neighbours, forecast):
    compare(forecast, "rolling", neighbours)
