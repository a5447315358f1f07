"""The review: JSON shape, lead days, episode matching by hand, the regional replay on the samples and on the
real CNEMC file."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from app.domain.forecast import Forecast, ForecastMeta
from app.domain.recommend import WarningInForce
from app.domain.scheme import BEIJING, load_scheme
from app.errors import InputError
from app.importing import load_forecast
from app.importing.observed import load_observations
from app.paths import SAMPLES_DIR
from app.review.jsonout import review_to_json
from app.review.review import Span, lead_day_numbers, match_episodes, review
from maps.adjacency import scheme_adjacency

REAL = Path(__file__).resolve().parent.parent / "data" / "sichuan8_daily_2014_2015.csv"
SCORE_KEYS = {"days", "bias", "rmse", "category_accuracy", "half_level_accuracy", "contingency"}
TABLE_KEYS = {"hits", "misses", "false_alarms", "correct_negatives", "pod", "far", "csi"}


@pytest.fixture(scope="module")
def scheme():
    return load_scheme()


@pytest.fixture(scope="module")
def neighbours(scheme):
    return scheme_adjacency(scheme).neighbours


def bj(*args) -> datetime:
    return datetime(*args, tzinfo=BEIJING)


def daily_forecast(units, first_day: str, aqi: np.ndarray, issued_at: datetime | None) -> Forecast:
    days = pd.date_range(first_day, periods=aqi.shape[1], freq="D")
    return Forecast(days, list(units), {"aqi": np.asarray(aqi, float)}, step_hours=24,
                    meta=ForecastMeta(issued_at=issued_at, source_format="daily-test"))


def test_match_episodes_by_hand():
    observed = [Span("R", "orange", bj(2026, 1, 13), bj(2026, 1, 15, 23)),
                Span("R", "yellow", bj(2026, 1, 25), bj(2026, 1, 26, 23))]
    predicted = [Span("R", "orange", bj(2026, 1, 12), bj(2026, 1, 15, 23)),
                 Span("R", "yellow", bj(2026, 1, 20), bj(2026, 1, 20, 23))]
    matches = match_episodes(observed, predicted, bj(2026, 1, 9, 10), 72)
    assert [m.outcome for m in matches] == ["hit", "miss", "false_alarm"]
    hit = matches[0]
    assert hit.start_offset_hours == -24 and hit.end_offset_hours == 0
    assert hit.lead_time_hours == 86 and hit.lead_time_ok  # 01-13 00:00 − 01-09 10:00 = 86 h ≥ 72 h
    late = match_episodes(observed[:1], predicted[:1], bj(2026, 1, 11, 8), 72)[0]
    assert late.lead_time_hours == 40 and late.lead_time_ok is False


def test_lead_days_count_from_the_issue_day():
    days = pd.date_range("2026-01-10", periods=4, freq="D", tz="Asia/Shanghai")
    assert lead_day_numbers(days, bj(2026, 1, 9, 10)).tolist() == [1, 2, 3, 4]
    assert lead_day_numbers(days, None).tolist() == [1, 2, 3, 4]
    assert lead_day_numbers(days, bj(2026, 1, 10, 8)).tolist() == [0, 1, 2, 3]


def test_two_issues_pool_by_lead_day(tmp_path, scheme, neighbours):
    obs_path = tmp_path / "obs.csv"
    obs_path.write_text("date,city,aqi\n" + "".join(f"2026-01-{d:02d},成都市,{a}\n" for d, a in
                                                     zip(range(10, 15), (100, 160, 220, 180, 90))), encoding="utf-8")
    obs = load_observations(obs_path)
    first = daily_forecast(["成都市"], "2026-01-10", np.array([[110, 170, 190]]), bj(2026, 1, 9, 10))
    second = daily_forecast(["成都市"], "2026-01-11", np.array([[150, 230, 160]]), bj(2026, 1, 10, 10))
    rv = review(obs, {"a": first, "b": second}, scheme, neighbours)
    out = review_to_json(rv, scheme)
    # D+1: a on 01-10 (110 vs 100), b on 01-11 (150 vs 160); D+2: a 170 vs 160, b 230 vs 220
    d1 = out["lead_days"]["成都市"]["D+1"]
    assert d1["days"] == 2
    assert d1["contingency"]["150"] == {"hits": 0, "misses": 1, "false_alarms": 0, "correct_negatives": 1,
                                        "pod": 0.0, "far": None, "csi": 0.0}
    d2 = out["lead_days"]["成都市"]["D+2"]
    assert d2["contingency"]["200"]["hits"] == 1 and d2["contingency"]["150"]["hits"] == 2
    assert out["cities"]["成都市"]["a"]["days"] == 3 and out["cities"]["成都市"]["b"]["days"] == 3
    assert out["forecasts"]["b"]["issued_at"] == "2026-01-10T10:00:00+08:00"


def test_sample_review_json_shape(scheme, neighbours):
    obs = load_observations(SAMPLES_DIR / "observed-regional-orange.csv")
    forecast = load_forecast(SAMPLES_DIR / "sample-regional-orange.csv")
    issued = [WarningInForce("盆地中部地区", "orange", bj(2026, 1, 12), bj(2026, 1, 15, 23))]
    rv = review(obs, {"orange": forecast}, scheme, neighbours, issued=issued,
                issued_times={0: bj(2026, 1, 9, 16)})
    out = review_to_json(rv, scheme)
    assert {"cities", "regions", "observed"} <= set(out)
    assert set(out["observed"]) >= {"path", "sha256", "start", "end", "cities_present", "cities_missing"}
    assert out["observed"]["start"] == "2026-01-10" and out["observed"]["cities_missing"] == []
    for by_forecast in out["cities"].values():
        assert set(by_forecast) == {"orange"}
        score = by_forecast["orange"]
        assert set(score) == SCORE_KEYS
        assert set(score["contingency"]) == {"150", "200", "300"}
        assert all(set(t) == TABLE_KEYS for t in score["contingency"].values())
    assert out["cities"]["遂宁市"]["orange"]["days"] == 5  # two days of the outage lack 20 valid hours
    assert out["cities"]["成都市"]["orange"]["days"] == 7
    middle = out["regions"]["盆地中部地区"]
    assert set(middle) >= {"observed_episodes", "forecast_episodes", "missing_cities"}
    assert middle["missing_cities"] == ["遂宁市"] and middle["partial"] is True
    assert middle["observed_episodes"] and middle["forecast_episodes"]["orange"]
    hit = middle["matches"]["orange"][0]
    assert hit["outcome"] == "hit"
    # the observed episode starts 12 h later than forecast in the model: a whole day later in calendar days
    assert hit["start_offset_hours"] == -24
    assert middle["issued_matches"][0]["outcome"] == "hit"
    assert middle["issued_matches"][0]["lead_time_hours"] == (bj(2026, 1, 13) - bj(2026, 1, 9, 16)).total_seconds() / 3600


def test_real_file_reviews(scheme, neighbours):
    """A persistence forecast (yesterday's observed AQI) issued 2014-01-04 for 01-05…01-11, against CNEMC."""
    obs = load_observations(REAL)
    start = obs.day_index(datetime(2014, 1, 4))
    yesterday = obs.aqi[:, start:start + 7]
    forecast = daily_forecast(obs.units, "2014-01-05", yesterday, bj(2014, 1, 4, 16))
    rv = review(obs, {"persistence": forecast}, scheme, neighbours)
    out = review_to_json(rv, scheme)
    assert out["period"] == {"start": "2014-01-05", "end": "2014-01-11"}
    assert out["observed"]["start"] == "2014-01-01" and out["observed"]["end"] == "2015-12-31"
    assert len(out["observed"]["cities_missing"]) == 40 - 8 + sum(1 for c in obs.units if c not in
                                                                   scheme.linkage_cities)
    chengdu = out["cities"]["成都市"]["persistence"]
    assert chengdu["days"] == 7
    row = obs.row("成都市")
    observed = obs.aqi[row, start + 1:start + 8]
    expected_hits = int(np.sum((yesterday[row] > 150) & (observed > 150)))
    assert chengdu["contingency"]["150"]["hits"] == expected_hits
    plain = out["regions"]["成都平原地区"]
    assert plain["partial"] and "眉山市" in plain["missing_cities"] and "成都市" not in plain["missing_cities"]
    assert all(r["partial"] for r in out["regions"].values())  # no Chongqing district in the file


def test_observations_that_miss_the_period_are_refused_clearly(scheme, neighbours):
    obs = load_observations(REAL)
    forecast = daily_forecast(["成都市"], "2026-01-10", np.array([[100, 120]]), None)
    with pytest.raises(InputError, match=r"\(2014-01-01 … 2015-12-31\) do not cover any day of the forecasts "
                                         r"\(2026-01-10 … 2026-01-11\)"):
        review(obs, {"f": forecast}, scheme, neighbours)


def test_partly_covered_period_scores_the_common_days(scheme, neighbours):
    obs = load_observations(REAL)
    forecast = daily_forecast(["成都市"], "2015-12-30", np.array([[100, 120, 130, 140]]), None)
    out = review_to_json(review(obs, {"f": forecast}, scheme, neighbours), scheme)
    assert out["cities"]["成都市"]["f"]["days"] == 2
    assert out["period"] == {"start": "2015-12-30", "end": "2015-12-31"}


def test_level_days_by_hand():
    from app.review.level_days import compare, highest_level_per_day

    days = list(pd.date_range("2026-01-10", periods=5, freq="D", tz="Asia/Shanghai"))
    spans = [Span("R", "yellow", bj(2026, 1, 10, 18), bj(2026, 1, 11, 23)),  # from 18:00: the 10th counts
             Span("R", "orange", bj(2026, 1, 11, 12), bj(2026, 1, 12, 0))]  # its last hour 00:00 of the 12th
    assert highest_level_per_day(spans, days) == ["yellow", "orange", "orange", "none", "none"]
    observed = ["none", "orange", "orange", "red", "none"]
    counts = compare(observed, ["yellow", "orange", "orange", "none", None])  # the 14th not covered
    assert (counts.days, counts.same, counts.higher, counts.lower) == (4, 2, 1, 1)
    assert (counts.false_alarm_days, counts.missed_days) == (1, 1)
    assert compare(observed, [None] * 5).days == 0 and compare(observed, [None] * 5).same_share is None


def test_level_days_of_the_sample_with_and_without_the_warnings_issued(scheme, neighbours):
    obs = load_observations(SAMPLES_DIR / "observed-regional-orange.csv")
    forecast = load_forecast(SAMPLES_DIR / "sample-regional-orange.csv")
    issued = [WarningInForce("盆地中部地区", "orange", bj(2026, 1, 12), bj(2026, 1, 15, 23))]
    out = review_to_json(review(obs, {"orange": forecast}, scheme, neighbours, issued=issued,
                                issued_times={0: bj(2026, 1, 9, 16)}), scheme)
    middle = out["regions"]["盆地中部地区"]["level_days"]
    assert middle["days"] == [f"2026-01-{d}" for d in range(10, 17)]
    assert middle["observed"] == ["none", "none", "none", "orange", "orange", "orange", "none"]
    assert middle["partial"][1:3] == [True, True]  # 遂宁市's outage
    assert middle["sources"]["issued"] == ["none", "none", "orange", "orange", "orange", "orange", "none"]
    assert middle["counts"]["issued"] == {"days": 7, "same": 6, "higher": 1, "lower": 0, "false_alarm_days": 1,
                                          "missed_days": 0}
    south = out["regions"]["盆地南部地区"]["level_days"]
    assert south["counts"]["issued"]["missed_days"] == 3  # observed orange, nothing issued there
    assert south["counts"]["orange"]["same"] == 6
    plain = review_to_json(review(obs, {"orange": forecast}, scheme, neighbours), scheme)
    assert set(plain["regions"]["盆地南部地区"]["level_days"]["sources"]) == {"orange"}  # no case: no 'issued'
    looked_up = review(obs, {"orange": forecast}, scheme, neighbours, with_issued=True)  # a case with none
    assert review_to_json(looked_up, scheme)["regions"]["盆地南部地区"]["level_days"]["counts"]["issued"][
        "missed_days"] == 3


def test_report_rows_of_the_level_days(scheme, neighbours):
    from app.export.review_report import _level_day_rows

    obs = load_observations(SAMPLES_DIR / "observed-regional-orange.csv")
    forecast = load_forecast(SAMPLES_DIR / "sample-regional-orange.csv")
    issued = [WarningInForce("盆地中部地区", "orange", bj(2026, 1, 12), bj(2026, 1, 15, 23))]
    rows = _level_day_rows(review(obs, {"orange": forecast}, scheme, neighbours, issued=issued))
    assert rows[0][0] == "区域"
    by = {(r[0], r[1]): r[2:] for r in rows[1:]}
    assert by[("盆地中部地区", "已发预警")] == ["7天", "6天", "1天（1天）", "0天（0天）"]
    assert by[("盆地南部地区", "已发预警")] == ["7天", "4天", "0天（0天）", "3天（3天）"]
    assert by[("盆地南部地区", "orange")] == ["7天", "6天", "1天（1天）", "0天（0天）"]
    assert not any(r[0].startswith("盆地东北部地区") for r in rows)  # nothing anywhere: no row of zeros
    from app.export.review_report import _partial_level_days

    rv = review(obs, {"orange": forecast}, scheme, neighbours, issued=issued)
    assert _partial_level_days(rv, {r[0] for r in rows[1:]}) == ["盆地中部地区1月11日、1月12日有联动城市实测不全"]
