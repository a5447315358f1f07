"""The season sample (``tools/make_season.py``): daily forecasts issued day after day over one synthetic winter,
overlapping as real runs do, with an error that grows with lead time, and the winter's observations."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from app.domain.scheme import load_scheme
from app.importing import load_forecast
from app.importing.observed import load_observed_series
from app.paths import SAMPLES_DIR

SEASON = SAMPLES_DIR / "season-winter"


@pytest.fixture(scope="module")
def issues():
    paths = sorted(SEASON.glob("forecast-*.csv"))
    return [load_forecast(p) for p in paths]


@pytest.fixture(scope="module")
def observed():
    return load_observed_series([SEASON / "observed-hourly.csv"])


def test_forecasts_are_issued_day_after_day_and_overlap(issues):
    assert len(issues) == 30
    for k, f in enumerate(issues):
        day = pd.Timestamp("2025-12-01", tz="Asia/Shanghai") + pd.Timedelta(days=k)
        assert f.meta.issued_at == (day + pd.Timedelta(hours=10)).to_pydatetime()
        assert f.times[0] == day and len(f.times) == 168 and len(f.units) == 59  # D+0 … D+6
        assert "HazeDesk sample generator" in f.meta.label
    assert issues[1].times[0] == issues[0].times[24]  # each overlaps the previous by six days


def test_episodes_move_and_change_between_issues(issues):
    from app.domain.engine import evaluate
    from maps.adjacency import scheme_adjacency

    scheme = load_scheme()
    neighbours = scheme_adjacency(scheme).neighbours
    seen = []
    for f in issues:
        evaluation = evaluate(f, scheme, neighbours, mode="calendar")
        seen.append({(e.region, e.level, f"{e.start:%m-%d}", f"{e.end:%m-%d}") for e in evaluation.episodes})
    assert sum(bool(s) for s in seen) >= 12  # most issues see an episode coming or running
    changed = sum(1 for a, b in zip(seen, seen[1:]) if a and b and a != b)
    assert changed >= 5  # successive forecasts do not repeat each other
    levels = {level for s in seen for _, level, _, _ in s}
    assert {"yellow", "orange"} <= levels or {"orange", "red"} <= levels


def test_the_error_grows_with_lead_time(issues, observed):
    truth = observed.forecast
    errors = np.zeros(7)
    for f in issues:
        at = truth.times.get_indexer(f.times)
        for day in range(7):
            fc = f.values["pm25"][:, day * 24:(day + 1) * 24]
            ob = truth.values["pm25"][:, at[day * 24:(day + 1) * 24]]
            errors[day] += np.sqrt(np.nanmean((fc - ob) ** 2))
    errors /= len(issues)
    assert errors[0] < errors[3] < errors[6]
    assert errors[6] > 2 * errors[0]


def test_the_winter_is_observed_with_three_regional_episodes(observed):
    from app.domain.engine import evaluate
    from maps.adjacency import scheme_adjacency

    f = observed.forecast
    assert f"{f.times[0]:%Y-%m-%d %H}" == "2025-11-28 00" and len(f.times) == 39 * 24 and len(f.units) == 59
    scheme = load_scheme()
    evaluation = evaluate(f, scheme, scheme_adjacency(scheme).neighbours, mode="calendar")
    starts = sorted({f"{e.start:%m-%d}" for e in evaluation.episodes})
    assert starts == ["12-04", "12-14", "12-24"]
    assert {e.level for e in evaluation.episodes if f"{e.start:%m-%d}" == "12-14"} == {"orange", "red"}
    text = " | ".join(p.message for p in observed.findings)
    assert "18 empty pm25 cells" in text and "3 zero values" in text


def test_the_station_file_covers_the_peak_and_the_folder_is_small():
    series = load_observed_series([SEASON / "stations-2025-12-15-48h.csv"])
    f = series.forecast
    assert len(f.units) == 59 and len(f.times) == 48 and f"{f.times[0]:%m-%d %H}" == "12-15 00"
    assert series.station_counts.min() >= 1
    assert sum(p.stat().st_size for p in SEASON.iterdir()) < 3_000_000
