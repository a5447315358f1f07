"""A consultation of forecasts that start on different days (yesterday's beside today's) is held on one morning,
the newest source's (spec §7: "f is the forecast's first hour, observations spliced before it"; plan 四(三)):
the older source's hours before that morning are the observed past where observed, so the consensus's f is the
newest first hour and no advice falls in a past that was observed. The season sample's 12-15 and 12-16 forecasts
with the winter's observations, as the duty officer's walk-through consulted them on the morning of 12-16."""

from __future__ import annotations

from datetime import datetime

import numpy as np
import pandas as pd
import pytest

from app.consultation import build_consensus, compare, name_sources
from app.consultation.compare import judged_from
from app.domain.engine import evaluate
from app.domain.recommend import WarningInForce
from app.domain.scheme import BEIJING, load_scheme
from app.importing import load_forecast
from app.importing.observed import load_observed_series
from app.paths import SAMPLES_DIR
from maps.derived import scheme_neighbours

SEASON = SAMPLES_DIR / "season-winter"
MORNING = pd.Timestamp("2025-12-16 00:00", tz=BEIJING)  # the first hour of the newest (12-16) forecast


@pytest.fixture(scope="module")
def scheme():
    return load_scheme()


@pytest.fixture(scope="module")
def neighbours(scheme):
    return scheme_neighbours(scheme)


@pytest.fixture(scope="module")
def observed(scheme):
    return load_observed_series([SEASON / "observed-hourly.csv"], scheme=scheme)


@pytest.fixture(scope="module")
def sources():
    older, newer = (load_forecast(SEASON / f"forecast-2025-12-{d}.csv") for d in (15, 16))
    return name_sources([older, newer], ["昨日", "今日"])


@pytest.mark.parametrize("mode", ["calendar", "rolling"])
@pytest.mark.parametrize("method", ["median", "majority", "source"])
def test_the_consensus_is_judged_on_the_newest_morning(sources, observed, scheme, neighbours, mode, method):
    cmp = compare(sources, scheme, neighbours, mode=mode, observed=observed)
    chosen = {r: "昨日" for r in cmp.regions} if method == "source" else None
    consensus = build_consensus(cmp, method, chosen=chosen)
    # f is the forecast's first hour: the consultation's forecast is today's, from 12-16 00:00
    assert cmp.forecast_start == MORNING
    assert consensus.forecast.times[0] == MORNING
    # the older source's 12-15 hours were observed: replaced by the observations, said so
    assert cmp.replaced() == [("昨日", pd.Timestamp("2025-12-15 00:00", tz=BEIJING),
                               pd.Timestamp("2025-12-15 23:00", tz=BEIJING))]
    # observations spliced before f: every source is judged on the same observed past, 12-15 included (the
    # daily AQI; levels before f may differ: the past decides durations, which run on into each forecast)
    older, newer = cmp.evaluations
    before = int(older.times.searchsorted(MORNING))
    assert before == int(newer.times.searchsorted(MORNING)) and older.times[0] == newer.times[0]
    rows = [newer.units.index(u) for u in older.units]
    np.testing.assert_array_equal(older.daily_aqi[:, :before], newer.daily_aqi[rows, :before])
    # an episode already running counts its observed days up to f (12-14 and 12-15: 48 h), and has no lead time
    running = [e for e in consensus.episodes if e.start < MORNING <= e.end]
    assert running and all(e.observed_hours == int((MORNING - e.start) / pd.Timedelta(hours=1)) for e in running)
    assert all(e.lead_time_hours is None for e in running)


@pytest.mark.parametrize("mode", ["calendar", "rolling"])
def test_no_advice_falls_before_the_morning_of_the_consultation(sources, observed, scheme, neighbours, mode):
    """The walk-through: the 12-13 orange warning in force for 盆地中部; the consensus of the 12-15 and 12-16
    forecasts advised an upgrade "from 15日0时", in the observed past. Effective times are never before f."""
    cmp = compare(sources, scheme, neighbours, mode=mode, observed=observed)
    consensus = build_consensus(cmp, "median")
    warning = WarningInForce("盆地中部地区", "orange", datetime(2025, 12, 13, tzinfo=BEIJING),
                             datetime(2025, 12, 17, 23, tzinfo=BEIJING))
    ev = evaluate(consensus.forecast, scheme, neighbours, mode=mode, observed=observed.forecast,
                  in_force=[warning], issued_at=consensus.issued_at)
    assert pd.Timestamp(ev.forecast_start) == MORNING
    [advice] = ev.recommendations
    assert advice.from_time is None or advice.from_time >= MORNING


def test_without_observations_the_older_hours_stay_forecast(sources, scheme, neighbours):
    """Nothing observed to replace them with: the older source's hours stay its forecast, f its first hour."""
    assert judged_from([s.forecast for s in sources], None) == [s.forecast.times[0] for s in sources]
    cmp = compare(sources, scheme, neighbours)
    assert cmp.forecast_start == sources[0].forecast.times[0] and cmp.replaced() == []


@pytest.mark.parametrize("mode", ["calendar", "rolling"])
def test_episodes_that_ended_in_the_observed_past_are_history_not_warnings(sources, observed, scheme, neighbours,
                                                                          mode):
    """Spec §7: "Episodes that ended in the observed past are history, not warnings": the 12-04 yellow of the
    winter's observations is not part of the decision (its summary, the minutes' 会商结论 lines); the 过程 running
    at f is."""
    from app.consultation import make_record
    from app.consultation.text import decision_lines

    cmp = compare(sources, scheme, neighbours, mode=mode, observed=observed)
    for method in ("median", "majority"):
        consensus = build_consensus(cmp, method)
        ended = [e for e in consensus.episodes if e.end < MORNING]
        assert {e.start.date().isoformat() for e in ended} == {"2025-12-04"}  # the observed past has one
        assert consensus.warnings == [e for e in consensus.episodes if e not in ended]
        assert consensus.warnings and all(e.start < MORNING <= e.end for e in consensus.warnings)
        text = "".join(decision_lines(make_record(cmp, consensus)))
        assert "12月4日" not in text and "12月14日" in text, text
        assert len(make_record(cmp, consensus).consensus["episodes"]) == len(consensus.episodes)  # JSON: all


def test_a_past_winter_replayed_is_dated_by_its_sources_not_the_wall_clock(sources, scheme, neighbours):
    """Back-testing: consulting the 2025 forecasts in December 2026 dated the consensus by the wall clock
    ("D-357", "发布 2026-12-07 · 0 小时前"). Once every source's period has ended the decision's time is the newest
    source's issue time; while a source's period runs (a live consultation) it is the moment of deciding."""
    from app.consultation.consensus import decision_time

    cmp = compare(sources, scheme, neighbours)
    newest = sources[1].forecast.meta.issued_at
    assert newest == datetime(2025, 12, 16, 10, tzinfo=BEIJING)
    replayed = decision_time(cmp, datetime(2026, 12, 7, 7, 31, tzinfo=BEIJING))
    assert replayed == newest
    consensus = build_consensus(cmp, "median", decided_at=replayed)
    assert consensus.forecast.meta.issued_at == newest and consensus.issued_at == newest
    live = datetime(2025, 12, 16, 10, 40, tzinfo=BEIJING)  # that morning, the forecasts running
    assert decision_time(cmp, live) == live
    last_hour = datetime(2025, 12, 22, 23, tzinfo=BEIJING)  # the 12-16 forecast's last hour: still live
    assert decision_time(cmp, last_hour) == last_hour
    assert decision_time(cmp, datetime(2025, 12, 23, 0, tzinfo=BEIJING)) == newest


def test_the_minutes_say_which_source_hours_the_observations_replaced(sources, observed, scheme, neighbours):
    from app.consultation import ConsultationRecord, make_record
    from app.consultation.text import observed_sentence

    cmp = compare(sources, scheme, neighbours, observed=observed)
    record = make_record(cmp, build_consensus(cmp, "median"))
    assert record.observed["replaced"] == [{"source": "昨日", "start": "2025-12-15T00:00:00+08:00",
                                            "end": "2025-12-15T23:00:00+08:00"}]
    again = ConsultationRecord.from_json(record.dumps())
    assert ("会商按最新预报的首个时次12月16日00时起研判，昨日12月15日00时至12月15日24时的预报时段已过，以实况代替。"
            in observed_sentence(again))
    # a record from another office: a damaged "replaced" is refused with where it is, never a traceback
    from app.errors import InputError

    data = record.to_json()
    data["observed"]["replaced"][0]["end"] = "yesterday"
    with pytest.raises(InputError, match="not a date-time"):
        ConsultationRecord.from_json(data)
