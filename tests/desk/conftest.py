"""The bundled default sample, evaluated once per test module with the real scheme and adjacency."""

from __future__ import annotations

import pytest

from app.paths import DEFAULT_SAMPLE


@pytest.fixture(scope="session")
def sample_evaluation():
    from app.domain.engine import evaluate
    from app.domain.scheme import load_scheme
    from app.importing import load_forecast
    from maps.adjacency import scheme_adjacency

    scheme = load_scheme()
    forecast = load_forecast(DEFAULT_SAMPLE)
    evaluation = evaluate(forecast, scheme, scheme_adjacency(scheme).neighbours, mode="calendar",
                          issued_at=forecast.meta.issued_at)
    return scheme, forecast, evaluation
