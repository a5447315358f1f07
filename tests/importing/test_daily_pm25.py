"""A forecast of daily mean PM2.5 per city (``date,city,pm25``) is a forecast like the others (issue 28): its daily
AQI is the PM2.5 IAQI with the edition in force (or the one chosen), the engine warns on it, and the review
compares it with observations day by day."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from app.domain.aqi import compute_aqi, load_edition
from app.domain.daily import daily_from_table
from app.domain.engine import evaluate
from app.domain.observations import daily_values
from app.domain.scheme import load_scheme
from app.errors import InputError
from app.importing import load_forecast
from app.importing.observed import load_observations
from app.paths import SAMPLES_DIR

PLAIN = ["成都市", "德阳市", "绵阳市", "眉山市", "资阳市", "乐山市", "雅安市", "遂宁市"]


def _daily_aqi(pm25: float, edition: str) -> float:
    return float(compute_aqi(load_edition(edition), {"pm25": np.array([pm25])}, "daily").aqi[0])


def _table(tmp_path: Path, rows: dict[str, list[float]], first_day: str = "2026-01-10") -> Path:
    import pandas as pd

    days = pd.date_range(first_day, periods=len(next(iter(rows.values()))), freq="D")
    lines = ["# issued_at: 2026-01-09 10:00", "date,city,pm25"]
    lines += [f"{day:%Y-%m-%d},{city},{v:g}" for city, values in rows.items() for day, v in zip(days, values)]
    path = tmp_path / "daily-pm25.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_daily_mean_table_loads_with_the_daily_aqi_of_the_edition_in_force(tmp_path):
    # 02-28 under HJ 633-2012, 03-01 under 2026 (the bundled scheme's switch); 70 µg/m³ is in the band that differs
    path = _table(tmp_path, {"成都市": [70, 70]}, first_day="2026-02-28")
    forecast = load_forecast(path)
    assert forecast.is_daily and set(forecast.values) == {"pm25", "aqi"}
    assert forecast.meta.daily_aqi_from_pm25
    assert list(forecast.values["aqi"][0]) == [_daily_aqi(70, "2012"), _daily_aqi(70, "2026")]
    assert _daily_aqi(70, "2012") != _daily_aqi(70, "2026")
    notes = [w for w in forecast.warnings if "computed from the daily mean PM2.5" in w.message]
    assert len(notes) == 1 and "HJ 633-2012" in notes[0].message and "2026" in notes[0].message


def test_an_aqi_given_beside_the_daily_mean_is_used_as_given(tmp_path):
    path = tmp_path / "both.csv"
    path.write_text("date,city,pm25,aqi\n2026-01-10,成都市,70,120\n", encoding="utf-8")
    forecast = load_forecast(path)
    assert not forecast.meta.daily_aqi_from_pm25 and forecast.values["aqi"][0, 0] == 120


def test_other_daily_concentrations_are_still_refused(tmp_path):
    path = tmp_path / "pm10.csv"
    path.write_text("date,city,aqi,pm10\n2026-01-10,成都市,80,70\n", encoding="utf-8")
    with pytest.raises(InputError, match="daily AQI or the daily mean PM2.5 only"):
        load_forecast(path)


def test_the_engine_warns_on_daily_means_with_the_chosen_edition(tmp_path):
    from maps.adjacency import scheme_adjacency

    scheme = load_scheme()
    neighbours = scheme_adjacency(scheme).neighbours
    # 成都平原: every city above 150 µg/m³ (AQI > 200) for three days → a regional orange at least
    forecast = load_forecast(_table(tmp_path, {c: [60, 160, 170, 165, 60] for c in PLAIN}))
    evaluation = evaluate(forecast, scheme, neighbours)
    plain = [e for e in evaluation.episodes if e.region == "成都平原地区"]
    assert plain and plain[0].level in ("orange", "red")
    assert f"{plain[0].start:%m-%d}" == "01-11"
    # the edition chosen with --aqi-edition is the one the daily AQI is computed with
    later = load_forecast(_table(tmp_path, {"成都市": [70]}, first_day="2026-01-10"))
    for choice, edition in (("2012", "2012"), ("2026", "2026")):
        daily = daily_from_table(later, choice, scheme.edition_switch)
        assert daily.aqi[0, 0] == _daily_aqi(70, edition)


def test_reviews_compare_daily_means_with_observations_day_by_day(tmp_path):
    from app.review.review import review
    from maps.adjacency import scheme_adjacency

    scheme = load_scheme()
    hourly = load_forecast(SAMPLES_DIR / "sample-regional-orange.csv")
    means = daily_values(hourly, scheme.edition_switch)
    rows = {u: list(np.round(means.pm25[i], 1)) for i, u in enumerate(means.units)}
    daily = load_forecast(_table(tmp_path, rows))
    observations = load_observations(SAMPLES_DIR / "observed-regional-orange.csv")
    result = review(observations, {"daily": daily, "hourly": hourly}, scheme, scheme_adjacency(scheme).neighbours)
    a, b = result.overall["daily"], result.overall["hourly"]
    assert a["days"] == b["days"] == 411
    assert a["bias"] == pytest.approx(b["bias"], abs=0.05) and a["rmse"] == pytest.approx(b["rmse"], abs=0.05)
