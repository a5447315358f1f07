"""``consult`` and ``review`` read the derived adjacency (maps.derived, cached) as evaluate, proposal and replay do,
not one measured from the GeoPackage at every run (issue 26): their JSON is the same byte for byte."""

from __future__ import annotations

import maps.derived
from app import cli
from app.paths import SAMPLES_DIR
from maps.adjacency import scheme_adjacency

CONSULT = ["sample-red-plain-south.csv", "consult-wrfchem-wrfout_d01.nc", "consult-cmaq-CCTM_CONC_CN36.nc",
           "consult-sichuan-daily-range.csv", "consult-chongqing.csv"]
REVIEW = ["review", "--observed", str(SAMPLES_DIR / "observed-regional-orange-daily.csv"), "--forecast",
          str(SAMPLES_DIR / "sample-regional-orange.csv"), str(SAMPLES_DIR / "sample-red-plain-south.csv")]


def _both(monkeypatch, tmp_path, argv: list[str]) -> tuple[bytes, bytes]:
    cached = tmp_path / "cached.json"
    assert cli.main([*argv, "--json", str(cached)]) == 0
    used = []

    def measured(scheme, boundaries_path=None):
        used.append(scheme.id)
        return scheme_adjacency(scheme).neighbours  # measured from the boundary file, as the commands did

    monkeypatch.setattr(maps.derived, "scheme_neighbours", measured)
    remeasured = tmp_path / "measured.json"
    assert cli.main([*argv, "--json", str(remeasured)]) == 0
    assert used, "the command no longer reads its neighbours through maps.derived"
    return cached.read_bytes(), remeasured.read_bytes()


def test_consult_json_is_the_same_with_the_cached_adjacency(monkeypatch, tmp_path):
    cached, measured = _both(monkeypatch, tmp_path, ["consult", *(str(SAMPLES_DIR / f) for f in CONSULT),
                                                     "--decided-at", "2026-01-10T16:00"])
    assert cached == measured


def test_review_json_is_the_same_with_the_cached_adjacency(monkeypatch, tmp_path):
    cached, measured = _both(monkeypatch, tmp_path, REVIEW)
    assert cached == measured
