"""WRF-Chem and CMAQ grids keep their cell-to-unit weights in the state folder, as CF grids do (issue 26): a
later run reads them back without the boundaries and gets the same unit values."""

from __future__ import annotations

import numpy as np
import pytest

import app.importing.projected as projected
import maps.boundaries
from app.importing import load_forecast
from app.paths import SAMPLES_DIR


@pytest.mark.parametrize("sample", ["consult-wrfchem-wrfout_d01.nc", "consult-cmaq-CCTM_CONC_CN36.nc"])
def test_a_second_run_reads_the_weights_back_and_gets_the_same_values(sample, monkeypatch, tmp_path):
    monkeypatch.setenv("HAZEDESK_HOME", str(tmp_path / "state"))
    monkeypatch.setattr(projected, "_CACHE", {})
    first = load_forecast(SAMPLES_DIR / sample)
    assert list((tmp_path / "state" / "cache").glob("projected-grid-weights-*.npz"))
    monkeypatch.setattr(projected, "_CACHE", {})  # a new process: only the state folder remembers

    def no_boundaries(*args, **kwargs):
        raise AssertionError("the boundaries were read again")

    monkeypatch.setattr(maps.boundaries, "load_boundaries", no_boundaries)
    again = load_forecast(SAMPLES_DIR / sample)
    assert first.units == again.units and first.values.keys() == again.values.keys()
    for name, values in first.values.items():
        assert np.array_equal(values, again.values[name], equal_nan=True)
    assert [w.to_dict() for w in first.warnings] == [w.to_dict() for w in again.warnings]
