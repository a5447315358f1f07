"""Blocks of a grid with no missing or impossible value skip the masks (grid._plainly_valid): the forecast must be
bit for bit what the general path gives, findings included, and any doubtful block must take the general path."""

from __future__ import annotations

import numpy as np
import pytest

from app.importing import grid, load_forecast
from app.paths import SAMPLES_DIR
from tests.importing import builders


def _both(path, monkeypatch):
    fast = load_forecast(path)
    taken = []
    real = grid._plainly_valid

    def spy(picked, factor, check):
        taken.append(real(picked, factor, check))
        return False

    monkeypatch.setattr(grid, "_plainly_valid", spy)
    general = load_forecast(path)
    monkeypatch.undo()
    return fast, general, taken


def _identical(fast, general) -> None:
    assert fast.units == general.units and list(fast.times) == list(general.times)
    for field in general.values:
        np.testing.assert_array_equal(fast.values[field], general.values[field])  # NaN where NaN, bits equal
    assert [(w.message, w.cell, w.value) for w in fast.warnings] == \
           [(w.message, w.cell, w.value) for w in general.warnings]


def _field(kind):
    def field(xx, yy, t):
        base = 40 + 30 * np.sin(xx * 1.7 + t) * np.cos(yy)
        if kind == "negative":
            return np.where((xx > 104) & (yy < 29), -1e-3 * (t + 1), base)
        if kind == "mg":
            return base / 1000.0
        if kind == "tiny-units":  # µg/m³ values labelled mg m-3: the magnitude finding must still come
            return base
        if kind == "ceiling" and t == 30:
            return np.where((xx > 104) & (yy > 30), 5000.0, base)
        if kind == "nan" and t == 5:
            return np.where(xx < 103, np.nan, base)
        return base
    return field


@pytest.mark.parametrize("kind,units", [("plain", "ug m-3"), ("negative", "ug m-3"), ("mg", "mg m-3"),
                                        ("tiny-units", "mg m-3"), ("ceiling", "ug m-3"), ("nan", "ug m-3"),
                                        ("plain", "")])
def test_plain_blocks_give_what_the_general_path_gives(kind, units, tmp_path, monkeypatch):
    path = builders.grid_file(tmp_path / "g.nc", hours=50, field=_field(kind), units=units)
    fast, general, taken = _both(path, monkeypatch)
    _identical(fast, general)
    if kind in ("ceiling", "nan"):
        assert taken.count(False) == 1 and taken.count(True) == len(taken) - 1  # only the doubtful block
    elif kind == "tiny-units":
        assert not any(taken)  # 40 µg/m³ × 1000 is above the ceiling: every block is doubtful
    else:
        assert all(taken)


def test_the_shipped_grid_sample_is_the_same_either_way(monkeypatch):
    fast, general, taken = _both(SAMPLES_DIR / "sample-red-plain-south-grid.nc", monkeypatch)
    _identical(fast, general)
    assert taken
