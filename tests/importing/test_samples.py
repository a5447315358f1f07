"""The bundled samples load cleanly, agree across formats, and show what their names promise when the warning
engine evaluates them (both HJ 633 editions exercised: January 2026 is 2012-era, December 2026 the 2026 one)."""

from __future__ import annotations

import numpy as np
import pytest

from app.importing import load_forecast
from app.paths import DEFAULT_SAMPLE, SAMPLES_DIR

LEVEL_RANK = {"none": 0, "yellow": 1, "orange": 2, "red": 3}


@pytest.fixture(scope="module")
def engine():
    from app.domain.engine import evaluate
    from app.domain.scheme import load_scheme
    from maps.adjacency import scheme_adjacency

    scheme = load_scheme()
    neighbours = scheme_adjacency(scheme).neighbours
    return lambda fc: evaluate(fc, scheme, neighbours)


def _peak(evaluation) -> str:
    return max((e.level for e in evaluation.episodes), key=LEVEL_RANK.get, default="none")


@pytest.mark.parametrize("name", sorted(p.name for p in SAMPLES_DIR.glob("sample-*")))
def test_every_sample_loads_without_warnings_with_an_issue_time(name):
    fc = load_forecast(SAMPLES_DIR / name)
    assert len(fc.units) == 59 and fc.missing_units == []
    assert fc.warnings == []
    assert fc.meta.issued_at is not None and fc.meta.issued_at < fc.times[0]


def test_default_sample_reaches_a_regional_orange_under_hj633_2012(engine):
    evaluation = engine(load_forecast(DEFAULT_SAMPLE))
    assert _peak(evaluation) == "orange"
    assert len({e.region for e in evaluation.episodes}) >= 2  # a basin-wide build-up, not one corner
    assert "2012" in evaluation.aqi_edition


def test_red_sample_reaches_red_over_the_chengdu_plain_and_the_south_under_hj633_2026(engine):
    evaluation = engine(load_forecast(SAMPLES_DIR / "sample-red-plain-south.csv"))
    red = {e.region for e in evaluation.episodes if e.level == "red"}
    assert red == {"成都平原地区", "盆地南部地区"}
    assert "2026" in evaluation.aqi_edition


def test_clean_week_has_no_warning(engine):
    assert engine(load_forecast(SAMPLES_DIR / "sample-clean-week.csv")).episodes == []


def test_xlsx_and_gbk_variants_carry_the_same_numbers_as_the_csv():
    csv = load_forecast(SAMPLES_DIR / "sample-red-plain-south.csv")
    xlsx = load_forecast(SAMPLES_DIR / "sample-red-plain-south.xlsx")
    assert xlsx.units == csv.units and (xlsx.times == csv.times).all()
    np.testing.assert_array_equal(xlsx.values["pm25"], csv.values["pm25"])
    assert xlsx.meta.issued_at == csv.meta.issued_at
    clean = load_forecast(SAMPLES_DIR / "sample-clean-week.csv")
    gbk = load_forecast(SAMPLES_DIR / "sample-clean-week-gbk.csv")
    assert gbk.meta.encoding == "gbk"
    np.testing.assert_array_equal(gbk.values["pm25"], clean.values["pm25"])


def test_grid_sample_is_small_and_shows_the_same_episode(engine):
    path = SAMPLES_DIR / "sample-red-plain-south-grid.nc"
    assert path.stat().st_size < 2 * 1024 * 1024
    grid = load_forecast(path)
    table = load_forecast(SAMPLES_DIR / "sample-red-plain-south.csv")
    day = slice(0, 24)  # 2026-12-22 in the grid: the third day of the table
    g = np.nanmean(grid.values["pm25"][:, day], axis=1)
    t = np.nanmean(table.values["pm25"][:, 48:72], axis=1)
    assert np.corrcoef(g, t)[0, 1] > 0.9  # same model, different noise: the spatial pattern agrees


def test_samples_are_reproducible(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    subprocess.run([sys.executable, "tools/make_samples.py", "--out", str(tmp_path)], cwd=root, check=True,
                   capture_output=True)
    for name in ("sample-regional-orange.csv", "sample-clean-week-gbk.csv", "sample-regional-orange-daily-range.csv"):
        assert (tmp_path / name).read_bytes() == (SAMPLES_DIR / name).read_bytes()


def test_samples_have_a_diurnal_cycle_and_neighbours_that_move_together():
    from app.domain.scheme import load_scheme
    from maps.adjacency import scheme_adjacency

    neighbours = scheme_adjacency(load_scheme()).neighbours
    for name in ("sample-regional-orange.csv", "sample-red-plain-south.csv", "sample-clean-week.csv"):
        fc = load_forecast(SAMPLES_DIR / name)
        pm = fc.values["pm25"]
        by_hour = np.array([pm[:, fc.times.hour == h].mean() for h in range(24)])
        assert by_hour[[22, 23, 0, 1]].mean() > 1.15 * by_hour[[14, 15, 16]].mean(), name  # night vs afternoon
        anomalies = np.log(pm) - np.log(pm).mean(axis=0, keepdims=True)  # minus the basin-wide course
        anomalies -= anomalies.mean(axis=1, keepdims=True)  # minus each unit's own level
        corr = np.corrcoef(anomalies)
        near = [corr[i, fc.row(n)] for i, u in enumerate(fc.units) for n in neighbours.get(u, ()) if n in fc.units]
        far = [corr[i, j] for i in range(len(fc.units)) for j in range(len(fc.units))
               if j != i and fc.units[j] not in neighbours.get(fc.units[i], ())]
        assert np.mean(near) > 0.4 and np.mean(far) < 0.1, name  # local departures are shared by neighbours
