"""The numbers behind the colours: read from the forecast and the engine, edition by date, PM2.5 classes."""

from __future__ import annotations

import numpy as np

from app.desk.numbers import category_of_pm25, daily_span, pm25_breaks, pm25_categories, unit_numbers


def test_unit_numbers_match_forecast_and_engine(sample_evaluation):
    scheme, forecast, evaluation = sample_evaluation
    hour = 24 * 3 + 10
    n = unit_numbers(forecast, evaluation, "成都市", hour, "成都平原地区", scheme.edition_switch)
    row, frow = evaluation.units.index("成都市"), forecast.units.index("成都市")
    assert n.concentrations["pm25"] == forecast.values["pm25"][frow, hour]
    assert n.hourly_aqi == evaluation.hourly_aqi[row, hour]
    assert n.primary == evaluation.primary_pollutant[row, hour]
    assert n.edition == "HJ 633-2012"  # January 2026, before the scheme's switch
    first, last = daily_span(evaluation, hour)
    assert (first, last) == (72, 95)
    assert abs(n.daily_pm25 - forecast.values["pm25"][frow, 72:96].mean()) < 1e-9
    assert n.region_level in ("none", "yellow", "orange", "red")
    assert set(n.met) == {"wind_speed", "wind_dir", "rh", "blh", "precip", "inversion"}
    assert unit_numbers(forecast, evaluation, "不存在", hour, None, scheme.edition_switch) is None


def test_rolling_daily_span_is_the_24_hours_ending_at_the_hour(sample_evaluation):
    from dataclasses import replace

    _, _, evaluation = sample_evaluation
    rolling = replace(evaluation, mode="rolling")
    assert daily_span(rolling, 50) == (27, 50) and daily_span(rolling, 5) == (0, 5)


def test_pm25_classes_follow_the_edition_limits(sample_evaluation):
    scheme, forecast, evaluation = sample_evaluation
    assert pm25_breaks("2012") == [35, 75, 115, 150, 250]
    assert pm25_breaks("2026")[1] == 60  # the 2026 edition tightened 良
    assert category_of_pm25(35.0, "2012") == 1 and category_of_pm25(35.1, "2012") == 2
    assert category_of_pm25(70.0, "2012") == 2 and category_of_pm25(70.0, "2026") == 3
    assert category_of_pm25(float("nan"), "2012") == 0 and category_of_pm25(400, "2012") == 6
    cats = pm25_categories(forecast, evaluation, scheme.edition_switch)
    row, frow = evaluation.units.index("德阳市"), forecast.units.index("德阳市")
    expected = [category_of_pm25(v, "2012") for v in forecast.values["pm25"][frow]]
    assert cats[row].tolist() == expected
    assert cats.max() >= 4  # the episode reaches heavy PM2.5 somewhere


def test_daily_tables_have_no_concentrations():
    from app.desk.numbers import pm25_categories as cats_of
    from app.domain.engine import evaluate
    from app.domain.scheme import load_scheme
    from app.importing import load_forecast
    from app.paths import SAMPLES_DIR
    from maps.adjacency import scheme_adjacency

    scheme = load_scheme()
    forecast = load_forecast(SAMPLES_DIR / "sample-regional-orange-daily-range.csv", range_bound="central")
    evaluation = evaluate(forecast, scheme, scheme_adjacency(scheme).neighbours, mode="calendar")
    assert not cats_of(forecast, evaluation, scheme.edition_switch).any()
    n = unit_numbers(forecast, evaluation, "成都市", 0, "成都平原地区", scheme.edition_switch)
    assert n.concentrations == {} and np.isnan(n.daily_pm25) and n.met == {}
