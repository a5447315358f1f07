"""Evaluated sample forecasts shared by the export tests (the engine runs once per session per sample)."""

from __future__ import annotations

import pytest

from app.paths import SAMPLES_DIR


@pytest.fixture(scope="session")
def orange():
    from app.export.inputs import load_and_evaluate

    return load_and_evaluate(str(SAMPLES_DIR / "sample-regional-orange.csv"))


@pytest.fixture(scope="session")
def red():
    from app.export.inputs import load_and_evaluate

    return load_and_evaluate(str(SAMPLES_DIR / "sample-red-plain-south.csv"))
