"""Across the HJ 633 edition switch each edition computes the AQI of its own columns only (issue 26: both over
the whole array were two thirds of a county-scale rolling run); the result is what picking each column from the
whole-array computation of its edition gives."""

from __future__ import annotations

import numpy as np

from app.domain.aqi import EDITIONS, compute_aqi, load_edition
from app.domain.daily import _by_edition


def test_each_edition_sees_only_its_columns_and_the_parts_fit_together():
    rng = np.random.default_rng(3)
    pm25 = rng.uniform(0, 700, (7, 40))
    pm25[2, 5] = np.nan
    step_edition = np.array([0] * 17 + [1] * 23, dtype=np.int8)
    seen = []

    def compute(ed, take):
        part = take(pm25)
        seen.append((ed.name, part.shape[1]))
        r = compute_aqi(ed, {"pm25": part}, "daily")
        return r.aqi, r.over_500, r.primary

    aqi, over, primary = _by_edition(step_edition, compute)
    assert seen == [(load_edition("2012").name, 17), (load_edition("2026").name, 23)]
    for i, key in enumerate(EDITIONS):
        whole = compute_aqi(load_edition(key), {"pm25": pm25}, "daily")
        cols = step_edition == i
        assert np.array_equal(aqi[:, cols], whole.aqi[:, cols], equal_nan=True)
        assert np.array_equal(over[:, cols], whole.over_500[:, cols])
        assert (primary[:, cols] == whole.primary[:, cols]).all()


def test_one_edition_computes_the_whole_array_once():
    calls = []
    _by_edition(np.zeros(5, dtype=np.int8), lambda ed, take: calls.append(take(np.ones((2, 5))).shape) or (np.ones((2, 5)),))
    assert calls == [(2, 5)]


def test_hourly_grid_index_is_pandas_hours_since_the_first_beijing_midnight_in_every_unit():
    """The grid's columns of the forecast hours come from the instants' integers (issue 26); they are what
    pandas' timedelta division gives, whatever unit the times are held in and from whatever zone they come."""
    import pandas as pd

    from app.domain.daily import HOUR, HourlyGrid
    from app.domain.forecast import TZ, Forecast

    hours = [0, 1, 2, 5, 30, 31, 200]
    for zone, start in (("Asia/Shanghai", "2026-02-27 07:00"), ("UTC", "2026-02-27 20:00"),
                        ("Asia/Shanghai", "2025-12-31 23:00")):
        base = pd.DatetimeIndex([pd.Timestamp(start) + pd.Timedelta(hours=h) for h in hours]).tz_localize(zone)
        for unit in ("s", "ms", "us", "ns"):
            times = base.as_unit(unit)
            grid = HourlyGrid(Forecast(times, ["a"], {"pm25": np.ones((1, len(times)))}))
            beijing = times.tz_convert(TZ)
            expected = np.rint((beijing - beijing[0].normalize()) / HOUR).astype(np.int64)
            assert grid.index.tolist() == expected.tolist()
            assert grid.times[grid.index].equals(beijing.as_unit(grid.times.unit))


def test_day_values_at_the_hours_are_the_gather_by_hour_step():
    """The engine's per-day arrays at each hour (calendar mode repeats a day over its hours instead of gathering
    by index, issue 26): the same values and dtype as ``array[:, hour_step]`` for forecasts starting at any hour
    of the day and of any length, and for steps that are no such pattern."""
    from app.domain.engine import _at_hours

    rng = np.random.default_rng(11)
    days = 6
    arrays = [rng.random((4, days)), rng.random((4, days)) > 0.5, rng.integers(0, 4, (4, days)).astype(np.int8),
              np.where(rng.random((4, days)) > 0.5, np.nan, 1.0)]
    patterns = [np.arange(offset, offset + length) // 24 for offset in (0, 1, 7, 23) for length in (1, 24, 25, 90)
                if offset + length <= 24 * days]
    patterns += [np.repeat(np.arange(days), 24), np.array([0, 0, 2, 2, 5]), np.array([3, 1]), np.arange(days)]
    for hour_step in patterns:
        at = _at_hours(hour_step, days)
        for array in arrays:
            got = at(array)
            assert got.dtype == array.dtype and got.shape == (4, len(hour_step))
            assert np.array_equal(got, array[:, hour_step], equal_nan=array.dtype.kind == "f")


def test_at_or_after_is_pandas_comparison_in_every_unit_and_zone():
    """The edition switch and the splice compare the instants as integers (issue 26): the same as pandas'
    ``times >= instant`` for indexes held in any unit and zone, instants between two ticks, and NaT."""
    from datetime import datetime, timedelta, timezone

    import pandas as pd

    from app.domain.daily import at_or_after

    base = pd.date_range("2026-02-28 20:00", periods=10, freq="h", tz="Asia/Shanghai")
    switch = datetime(2026, 3, 1, tzinfo=timezone(timedelta(hours=8)))
    for unit in ("s", "ms", "us", "ns"):
        for times in (base.as_unit(unit), base.tz_convert("UTC").as_unit(unit),
                      pd.DatetimeIndex([base[0], pd.NaT, base[5]]).as_unit(unit)):
            for instant in (switch, switch + timedelta(microseconds=1), switch - timedelta(microseconds=1),
                            switch + timedelta(hours=1, seconds=0.5),
                            pd.Timestamp(switch).as_unit("ns") + pd.Timedelta(1, unit="ns")):
                got = at_or_after(times, instant)
                assert got.dtype == bool and got.tolist() == np.asarray(times >= pd.Timestamp(instant)).tolist()


def test_window_counts_are_the_window_sums_of_the_mask():
    """The valid-hour counts of the trailing means (issue 26: running counts differenced) are the sums of each
    window's own cells, for every width the rules use and rows shorter than a window."""
    from app.domain.daily import window_counts, window_sums

    rng = np.random.default_rng(7)
    for shape in ((1, 1), (3, 5), (2, 24), (4, 25), (6, 200), (2, 8784)):
        for p in (0.0, 0.3, 0.9, 1.0):
            mask = rng.random(shape) < p
            for width in (1, 6, 8, 17, 24, 30):
                got = window_counts(mask, width)
                assert got.shape == shape and got.tolist() == window_sums(mask.astype(np.int64), width).tolist()
