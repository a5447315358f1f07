"""app.domain.engine.Prepared: what evaluations with one scheme and one adjacency share (the linkage graph of
each unit list, the adjacency findings), made once for a replay's thirty. The same evaluations with it as
without; used only with the very scheme and neighbours it was made for."""

from __future__ import annotations

import numpy as np

from app.domain.engine import Prepared, evaluate
from app.domain.evaljson import evaluation_to_json
from app.domain.scheme import load_scheme
from app.importing import load_forecast
from app.importing.observed import load_observed_series
from app.paths import SAMPLES_DIR
from maps.derived import scheme_neighbours

SEASON = SAMPLES_DIR / "season-winter"


def _same(a, b) -> None:
    assert evaluation_to_json(a, with_recommendations=True) == evaluation_to_json(b, with_recommendations=True)
    assert a.findings == b.findings and a.warnings == b.warnings
    for name in ("city_level", "warned_level", "daily_aqi"):
        assert np.array_equal(getattr(a, name), getattr(b, name), equal_nan=True)
    assert all(np.array_equal(a.region_level[r], b.region_level[r]) for r in a.region_level)


def test_evaluations_sharing_a_prepared_are_those_made_without_it():
    scheme = load_scheme(None)
    neighbours = scheme_neighbours(scheme)
    observed = load_observed_series([SEASON / "observed-hourly.csv"], scheme=scheme).forecast
    prepared = Prepared(scheme, neighbours)
    for path in sorted(SEASON.glob("forecast-*.csv"))[10:16]:  # the red episode of mid-December among them
        forecast = load_forecast(path, ceilings=scheme.plausible_max)
        for mode in ("calendar", "rolling"):
            _same(evaluate(forecast, scheme, neighbours, mode=mode, observed=observed, prepared=prepared),
                  evaluate(forecast, scheme, neighbours, mode=mode, observed=observed))
    assert len(prepared._graphs) == 1  # one list of units: one graph, built once


def test_a_prepared_of_other_neighbours_is_not_used():
    """An isolated linkage city: its finding comes from the neighbours given, not from a Prepared of others."""
    scheme = load_scheme(None)
    neighbours = scheme_neighbours(scheme)
    lonely = {name: set(others) for name, others in neighbours.items()}
    city = scheme.linkage_cities[0]
    for other in lonely.pop(city, set()):
        lonely[other].discard(city)
    forecast = load_forecast(sorted(SEASON.glob("forecast-*.csv"))[0], ceilings=scheme.plausible_max)
    stale = Prepared(scheme, neighbours)
    evaluate(forecast, scheme, neighbours, prepared=stale)
    alone = evaluate(forecast, scheme, lonely, prepared=stale)
    _same(alone, evaluate(forecast, scheme, lonely))
    assert any(city in f.message and "no adjacent linkage city" in f.message for f in alone.findings)
