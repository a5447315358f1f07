"""Review benchmark: 40 linkage cities × 30 days × 5 forecasts against observations (issue 16: ≤ 1 s)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from app.bench import figure, timed


def synthetic_review_case(n_forecasts: int = 5, days: int = 30, seed: int = 16):
    """Observed daily PM2.5 for the 40 linkage cities over ``days`` + 5 days, and ``n_forecasts`` hourly forecasts
    of ``days`` days each, issued one day apart (a smooth basin-wide episode plus noise on both sides)."""
    from app.domain.forecast import TZ, Forecast, ForecastMeta
    from app.domain.observations import Observations, pm25_daily_aqi
    from app.domain.scheme import load_scheme

    scheme = load_scheme()
    cities = scheme.linkage_cities
    rng = np.random.default_rng(seed)
    total = days + n_forecasts
    first = pd.Timestamp("2026-01-01", tz=TZ)
    day_index = pd.date_range(first, periods=total, freq="D")
    level = 70 + 90 * np.sin(np.linspace(0, 3 * np.pi, total)) ** 2
    observed = np.clip(level[None, :] * rng.lognormal(0, 0.15, (len(cities), total)), 5, None)
    edition = np.zeros(total, dtype=np.int8)
    obs = Observations(day_index, list(cities), observed, pm25_daily_aqi(observed, edition), edition,
                       path="synthetic", sha256="", source_kind="daily-pm25")
    forecasts = {}
    for k in range(n_forecasts):
        times = pd.date_range(first + pd.Timedelta(days=k), periods=days * 24, freq="h")
        hourly = np.repeat(observed[:, k:k + days], 24, axis=1) * rng.lognormal(0.05, 0.2, (len(cities), days * 24))
        meta = ForecastMeta(issued_at=(first + pd.Timedelta(days=k) - pd.Timedelta(hours=14)).to_pydatetime(),
                            source_format="synthetic")
        forecasts[f"F{k + 1}"] = Forecast(times, list(cities), {"pm25": hourly}, meta=meta)
    return obs, forecasts, scheme


def bench_review() -> list[dict]:
    from app.review.jsonout import review_to_json
    from app.review.review import review
    from maps.adjacency import scheme_adjacency

    obs, forecasts, scheme = synthetic_review_case()
    neighbours = scheme_adjacency(scheme).neighbours

    def run():
        return review_to_json(review(obs, forecasts, scheme, neighbours), scheme)

    out = run()
    value, _ = timed(run, repeat=5, warmup=1)
    n_scores = sum(len(v) for v in out["cities"].values())
    return [figure("review.40x30x5", value, "s", 1.0,
                   notes=f"{len(obs.units)} cities × 30 days × {len(forecasts)} hourly forecasts (issued a day apart) "
                         f"against daily observations: engine on each forecast and on the observations, "
                         f"{n_scores} city×forecast score sets, lead days D+1…D+5, regional matching, JSON")]


def bench_review_year() -> list[dict]:
    """The same over a year (issue 26: 40 × 365 × 5), in process — a breakdown; the whole command's row is
    command.review."""
    from app.review.jsonout import review_to_json
    from app.review.level_days import region_level_days
    from app.review.review import review
    from maps.derived import scheme_neighbours

    obs, forecasts, scheme = synthetic_review_case(days=365)
    neighbours = scheme_neighbours(scheme)
    result = review(obs, forecasts, scheme, neighbours)
    value, _ = timed(lambda: review_to_json(review(obs, forecasts, scheme, neighbours), scheme), repeat=3, warmup=0)
    days, _ = timed(lambda: region_level_days(result), repeat=3, warmup=0)
    return [figure("review.40x365x5[in process]", value, "s", notes=f"{len(obs.units)} cities × 365 days × "
                   f"{len(forecasts)} forecasts, review + JSON, in process after the imports (a breakdown, not the "
                   f"figure a goal is judged on); of it the region level days {days:.3f} s")]


BENCHES = [("review.40x30x5", bench_review), ("review.40x365x5", bench_review_year)]
