"""The engine's adjacency-sanity findings (a linkage city with no linkage neighbour, a region whose cities fall
apart) reach the officer: evaluate --json lists them under ``findings``, --strict stops on them, and the data-quality
assessment the 数据质量 dock and the map marks show carries them with the cities they name."""

from __future__ import annotations

import json
from pathlib import Path

from app import cli
from app.domain.scheme import load_scheme
from app.paths import SAMPLES_DIR
from maps.adjacency import scheme_adjacency

ORANGE = SAMPLES_DIR / "sample-regional-orange.csv"


def _scheme_cutting_off(tmp_path, city: str):
    """The bundled scheme with named overrides removing every border of ``city``."""
    scheme = load_scheme()
    text = Path(scheme.source_path).read_text(encoding="utf-8")
    for other in sorted(scheme_adjacency(scheme).neighbours[city]):
        text += (f'\n[[adjacency.overrides]]\na = "{city}"\nb = "{other}"\naction = "remove"\n'
                 f'name = "测试断开 {other}"\n')
    path = tmp_path / "cut.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_an_isolated_linkage_city_is_a_finding_in_evaluate_json_and_strict_stops(tmp_path, capsys):
    scheme = _scheme_cutting_off(tmp_path, "雅安市")
    out = tmp_path / "e.json"
    assert cli.main(["evaluate", str(ORANGE), "--scheme", str(scheme), "--json", str(out)]) == 0
    findings = json.loads(out.read_text(encoding="utf-8"))["findings"]
    (isolated,) = [f for f in findings if "no adjacent linkage city" in f["message"]]
    assert isolated["severity"] == "warning" and isolated["units"] == ["雅安市"]
    assert cli.main(["evaluate", str(ORANGE), "--scheme", str(scheme), "--json", "-", "--strict"]) == 2
    assert "warning(s), the first: 1 linkage cities have no adjacent linkage city" in \
        capsys.readouterr().err


def test_the_quality_assessment_shows_and_marks_the_isolated_city(tmp_path):
    from app.domain.engine import evaluate
    from app.domain.quality import assess
    from app.importing import load_forecast

    scheme = load_scheme(str(_scheme_cutting_off(tmp_path, "雅安市")))
    neighbours = scheme_adjacency(scheme).neighbours
    forecast = load_forecast(ORANGE)
    quality = assess(forecast, evaluate(forecast, scheme, neighbours), scheme, neighbours)
    (isolated,) = [f for f in quality.findings if "no adjacent linkage city" in f.message]
    assert "雅安市" in isolated.render("zh") and "雅安市" in quality.flagged_units


def test_a_region_that_falls_apart_is_a_finding_naming_its_groups():
    from app.domain.engine import evaluate
    from app.domain.quality import assess
    from app.importing import load_forecast

    scheme = load_scheme()
    neighbours = {k: set(v) for k, v in scheme_adjacency(scheme).neighbours.items()}
    region = scheme.regions[0]
    first = region.members[0]
    for other in list(neighbours[first]):  # cut the region's first city off from everything
        neighbours[first].discard(other)
        neighbours[other].discard(first)
    forecast = load_forecast(ORANGE)
    evaluation = evaluate(forecast, scheme, neighbours)
    from app.domain.evaljson import evaluation_to_json

    messages = [f["message"] for f in evaluation_to_json(evaluation)["findings"]]
    assert any(f"the cities of {region.name} fall into" in m for m in messages)
    quality = assess(forecast, evaluation, scheme, neighbours)
    assert any(f"the cities of {region.name} fall into" in f.message for f in quality.findings)
