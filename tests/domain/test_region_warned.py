"""Each region's warned level per hour: found by two binary searches on the hour axis (issue 26: a season's replay
compared every hour with every episode's start and end) — the same hours as comparing each hour, on the season
sample's forecasts with and without the winter's observations spliced before them."""

from __future__ import annotations

import numpy as np
import pytest

from app.domain.engine import evaluate
from app.domain.episodes import region_warned
from app.domain.scheme import load_scheme
from app.importing import load_forecast
from app.importing.observed import load_observed_series
from app.paths import SAMPLES_DIR
from maps.derived import scheme_neighbours

SEASON = SAMPLES_DIR / "season-winter"


@pytest.mark.parametrize("day", ["2025-12-03", "2025-12-14", "2025-12-23"])
def test_searched_hours_are_the_compared_hours(day):
    scheme = load_scheme()
    observed = load_observed_series([SEASON / "observed-hourly.csv"], scheme=scheme).forecast
    forecast = load_forecast(SEASON / f"forecast-{day}.csv")
    seen = 0
    for spliced in (None, observed):
        ev = evaluate(forecast, scheme, scheme_neighbours(scheme), observed=spliced)
        searched = region_warned(ev.episodes, scheme, ev.times)
        compared = region_warned(ev.episodes, scheme, np.array(ev.times, dtype=object))  # hour by hour
        assert searched.keys() == compared.keys()
        assert all(np.array_equal(searched[k], compared[k]) for k in searched)
        seen += sum(int(v.any()) for v in searched.values())
    assert seen or day != "2025-12-14"  # the red spell: regions are warned
