"""``PrefixMemo`` (issue 26): the AQI of the days a forecast shares with the previous one computed with the same
memo is taken from it, and never when anything it depends on differs: the observed series spliced before the
forecast, the splice point, the daily mode, the edition choice or switch, the minimum of valid hours, the units
or the fields. Every result must be, to the bit, what a computation without the memo gives."""

from __future__ import annotations

from datetime import datetime

import numpy as np
import pandas as pd
import pytest

from app.domain import daily as daily_module
from app.domain.daily import PrefixMemo, daily_from_hourly
from app.domain.engine import evaluate
from app.domain.forecast import TZ, Forecast
from app.domain.scheme import BEIJING
from tests.domain.engine_helpers import path_graph, toy_scheme

UNITS = ["成都市", "德阳市", "绵阳市", "眉山市"]
SWITCH = datetime(2026, 1, 8, tzinfo=BEIJING)
FIELDS = ("pm25", "pm10", "o3", "so2")


def season(seed: int, days: int = 8, start: str = "2026-01-03") -> Forecast:
    rng = np.random.default_rng(seed)
    times = pd.date_range(start, periods=days * 24, freq="h", tz=TZ)
    values = {name: rng.uniform(5, 420, (len(UNITS), len(times))).round(1) for name in FIELDS}
    values["so2"][:, ::7] *= 3.0  # some SO2 1-hour values above 800: the 24-hour fallback (2012)
    values["pm25"][1, 30:40] = np.nan  # a gap: insufficient days
    return Forecast(times, list(UNITS), values)


def changed_from(forecast: Forecast, hour: int, seed: int) -> Forecast:
    """The same forecast with every value from ``hour`` on drawn again."""
    rng = np.random.default_rng(seed)
    values = {k: v.copy() for k, v in forecast.values.items()}
    for v in values.values():
        v[:, hour:] = rng.uniform(5, 420, v[:, hour:].shape).round(1)
    return Forecast(forecast.times, list(forecast.units), values)


def outputs(result) -> list[np.ndarray]:
    daily, hourly, hour_edition = result
    return [daily.aqi, daily.insufficient, daily.over_500, daily.primary, daily.valid_hours, daily.step_edition,
            hourly.aqi, hourly.over_500, hourly.primary, hour_edition]


def assert_same(a, b) -> None:
    for x, y in zip(outputs(a), outputs(b), strict=True):
        assert x.dtype == y.dtype and x.shape == y.shape
        if x.dtype == object:
            assert (x == y).all()
        else:
            assert x.tobytes() == y.tobytes()


def run(forecast, mode="calendar", edition="auto", switch=SWITCH, min_valid=20, memo=None):
    return daily_from_hourly(forecast, mode, edition, switch, min_valid, memo)


def taken_hours(monkeypatch) -> list[int]:
    """The hours each later computation takes from the memo, as they happen."""
    taken: list[int] = []
    original = daily_module._Slot.shared_hours

    def spy(self, key, fields):
        hours = original(self, key, fields)
        taken.append(hours)
        return hours

    monkeypatch.setattr(daily_module._Slot, "shared_hours", spy)
    return taken


@pytest.mark.parametrize("mode", ["calendar", "rolling"])
def test_the_shared_days_are_taken_and_the_results_are_those_computed_afresh(mode, monkeypatch):
    taken = taken_hours(monkeypatch)
    first = season(1)
    later = changed_from(first, 24 * 5 + 7, seed=2)  # the same up to day 5, 07:00
    memo = PrefixMemo()
    assert_same(run(first, mode, memo=memo), run(first, mode))
    assert_same(run(later, mode, memo=memo), run(later, mode))
    assert taken == [0, 24 * 5]  # whole days before the first hour that differs


@pytest.mark.parametrize("mode", ["calendar", "rolling"])
@pytest.mark.parametrize("other", [
    # another observed series: the same forecast, a value changed in the first day
    {"forecast": lambda f: changed_from(f, 5, seed=3)},
    {"mode": "other"},
    {"edition": "2012"},
    {"edition": "2026"},
    {"switch": datetime(2026, 1, 6, tzinfo=BEIJING)},
    {"min_valid": 18},
    {"forecast": lambda f: Forecast(f.times, ["乐山市", *f.units[1:]], f.values)},  # other units
    {"forecast": lambda f: Forecast(f.times, f.units, {k: v for k, v in f.values.items() if k != "o3"})},
    {"forecast": lambda f: Forecast(f.times[24:], f.units, {k: v[:, 24:] for k, v in f.values.items()})},
])
def test_nothing_is_taken_for_another_series_mode_edition_or_setting(mode, other, monkeypatch):
    taken = taken_hours(monkeypatch)
    first = season(4)
    settings = {"mode": mode, "edition": "auto", "switch": SWITCH, "min_valid": 20}
    memo = PrefixMemo()
    run(first, memo=memo, **settings)
    second = other.get("forecast", lambda f: f)(first)
    changed = dict(settings, **{k: v for k, v in other.items() if k != "forecast"})
    if changed["mode"] == "other":
        changed["mode"] = "rolling" if mode == "calendar" else "calendar"
    assert_same(run(second, memo=memo, **changed), run(second, **changed))
    assert taken[-1:] in ([], [0])  # nothing shared (a new slot, or no day the same)


@pytest.mark.parametrize("mode", ["calendar", "rolling"])
def test_replayed_evaluations_with_other_observations_and_splice_points_are_those_computed_afresh(mode):
    scheme = toy_scheme({"甲区": UNITS})
    graph = path_graph(UNITS)
    observed_a, observed_b = season(5, days=6), changed_from(season(5, days=6), 30, seed=6)
    memo = PrefixMemo()
    forecasts = [Forecast(f.times[24 * k:24 * (k + 3)], f.units, {n: v[:, 24 * k:24 * (k + 3)]
                                                                  for n, v in f.values.items()})
                 for k, f in ((2, season(7)), (3, season(8)), (3, season(8)), (4, season(9)), (2, season(7)))]
    for forecast, observed in zip(forecasts, (observed_a, observed_a, observed_b, observed_a, observed_b)):
        with_memo = evaluate(forecast, scheme, graph, mode=mode, observed=observed, memo=memo)
        fresh = evaluate(forecast, scheme, graph, mode=mode, observed=observed)
        for name in ("hourly_aqi", "hourly_over_500", "daily_aqi", "daily_insufficient", "city_level",
                     "warned_level"):
            assert getattr(with_memo, name).tobytes() == getattr(fresh, name).tobytes(), name
        assert (with_memo.primary_pollutant == fresh.primary_pollutant).all()
        assert (with_memo.daily_primary == fresh.daily_primary).all()
