"""app.domain.runs.find_runs against a plain scan of each row, one part (≤ 256 rows) or several; and
app.domain.levels.conditions_runs (the outer masks of all conditions searched together) against condition_runs
of each condition."""

from __future__ import annotations

import numpy as np
import pytest

from app.domain.levels import condition_runs, conditions_runs
from app.domain.runs import find_runs
from app.domain.scheme import RunCondition, load_scheme


def _scan(mask: np.ndarray) -> list[tuple[int, int, int]]:
    out = []
    for r, row in enumerate(mask.tolist()):
        s = 0
        while s < len(row):
            if row[s]:
                e = s
                while e < len(row) and row[e]:
                    e += 1
                out.append((r, s, e))
                s = e
            else:
                s += 1
    return out


@pytest.mark.parametrize("shape", [(1, 1), (3, 7), (59, 39), (256, 5), (257, 9), (600, 30), (0, 5), (4, 0)])
@pytest.mark.parametrize("p", [0.0, 0.3, 0.8, 1.0])
def test_find_runs_is_a_scan_of_each_row(shape, p):
    mask = np.random.default_rng(hash((shape, p)) % 2**32).random(shape) < p
    runs = find_runs(mask)
    assert all(a.dtype == np.int64 for a in (runs.row, runs.start, runs.stop))
    assert list(zip(runs.row.tolist(), runs.start.tolist(), runs.stop.tolist())) == _scan(mask)


@pytest.mark.parametrize("step_hours", [24, 1])
@pytest.mark.parametrize("rows", [1, 59, 300])
def test_conditions_searched_together_find_each_conditions_runs(step_hours, rows):
    rng = np.random.default_rng(rows * step_hours)
    aqi = np.clip(rng.choice([80, 170, 230, 330], (rows, 1)) + rng.normal(0, 40, (rows, 90)).cumsum(axis=1) / 3,
                  0, 500).round()
    aqi[rng.random(aqi.shape) < 0.05] = np.nan
    conditions = [c for rule in load_scheme(None).levels for c in rule.conditions]
    conditions.append(RunCondition(aqi_above=160.0, hours=48, inner=RunCondition(aqi_above=250.0, hours=24)))
    together = conditions_runs(aqi, conditions, step_hours)
    assert len(together) == len(conditions)
    found = 0
    for cond, (runs, inner) in zip(conditions, together):
        alone, alone_inner = condition_runs(aqi, cond, step_hours)
        for name in ("row", "start", "stop"):
            assert np.array_equal(getattr(runs, name), getattr(alone, name))
            if inner is not None or alone_inner is not None:
                assert np.array_equal(getattr(inner, name), getattr(alone_inner, name))
        found += len(runs)
    assert found  # the conditions are met somewhere: the comparison is not of empty sets
