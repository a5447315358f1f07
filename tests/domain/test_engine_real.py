"""The engine with the real scheme and the real adjacency (maps.adjacency), and the ``hazedesk evaluate`` CLI
contract on the bundled samples."""

from __future__ import annotations

import json
import random

import numpy as np
import pytest

from app import cli
from app.domain.engine import evaluate
from app.domain.scheme import load_scheme
from app.paths import SAMPLES_DIR
from tests.domain.engine_helpers import daily_forecast

SCHEME = load_scheme()


@pytest.fixture(scope="module")
def neighbours():
    from maps.adjacency import scheme_adjacency

    return scheme_adjacency(SCHEME).neighbours


def _connected(start: str, members: set[str], neighbours, size: int) -> list[str]:
    """``size`` cities of ``members`` connected through members only, grown breadth-first from ``start``."""
    picked, frontier = [start], [start]
    while frontier and len(picked) < size:
        node = frontier.pop(0)
        for other in sorted(neighbours[node] & members):
            if other not in picked and len(picked) < size:
                picked.append(other)
                frontier.append(other)
    assert len(picked) == size
    return picked


def test_four_adjacent_cities_of_the_chengdu_plain_warn_its_six_cities(neighbours):
    plain = set(SCHEME.region("chengdu-plain").members)
    four = _connected("成都市", plain, neighbours, 4)
    levels = {u: [60] * 5 for u in neighbours} | {c: [60, 250, 250, 60, 60] for c in four}
    ev = evaluate(daily_forecast(levels), SCHEME, neighbours)
    (episode,) = ev.episodes
    assert episode.region == "成都平原地区" and episode.level == "orange" and episode.rule == "within-region"
    assert set(episode.warned_cities) == plain and set(episode.trigger_cities) == set(four)


def test_a_red_non_linkage_belt_never_warns_a_region(neighbours):
    outside = [u for u in neighbours if u not in SCHEME.region_of]
    levels = {u: [60] * 5 for u in neighbours} | {u: [250, 350, 250, 60, 60] for u in outside}
    ev = evaluate(daily_forecast(levels), SCHEME, neighbours)
    assert ev.episodes == [] and ev.cities["攀枝花市"].level == "red"


def _cli(capsys, *args):
    code = cli.main(["evaluate", *map(str, args)])
    out = capsys.readouterr()
    return code, out


def test_cli_prints_the_contract_on_the_orange_sample(capsys):
    code, out = _cli(capsys, SAMPLES_DIR / "sample-regional-orange.csv")
    assert code == 0, out.err
    data = json.loads(out.out)
    assert data["mode"] == "calendar" and data["aqi_edition"] == "HJ 633-2012"
    assert data["issued_at"] == "2026-01-09T10:00:00+08:00"
    assert len(data["cities"]) == 59 and "recommendations" not in data
    assert data["cities"]["成都市"]["region"] == "成都平原地区" and data["cities"]["攀枝花市"]["region"] is None
    assert data["episodes"], "the sample builds up to a regional orange"
    for e in data["episodes"]:
        assert {"region", "level", "start", "end", "rule", "trigger_cities", "warned_cities", "lead_time_hours",
                "approval"} <= set(e)
        assert e["start"].endswith("T00:00:00+08:00") and e["end"].endswith("T23:00:00+08:00")
        assert e["level"] in ("yellow", "orange", "red") and e["rule"] in ("within-region", "across-regions")
        assert set(e["warned_cities"]) == set(SCHEME.region(e["region"]).members)
    assert max(e["level"] == "orange" for e in data["episodes"])


def test_cli_row_order_changes_nothing(capsys, tmp_path):
    source = (SAMPLES_DIR / "sample-regional-orange.csv").read_text(encoding="utf-8").splitlines()
    head = [line for line in source if line.startswith("#")]
    header, rows = source[len(head)], source[len(head) + 1:]
    random.Random(7).shuffle(rows)
    shuffled = tmp_path / "shuffled.csv"
    shuffled.write_text("\n".join([*head, header, *rows]) + "\n", encoding="utf-8")
    _, first = _cli(capsys, SAMPLES_DIR / "sample-regional-orange.csv")
    _, second = _cli(capsys, shuffled)
    assert json.loads(first.out)["episodes"] == json.loads(second.out)["episodes"]
    assert json.loads(first.out)["cities"] == json.loads(second.out)["cities"]


def test_cli_red_sample_in_rolling_mode_with_in_force(capsys, tmp_path):
    in_force = tmp_path / "in-force.json"
    # in effect from 12-19 (before the forecast's first hour), expected to end 12-21 00:00: the red 过程 from
    # 12-21 14:00 is 13 h after that end, so it is this warning's (spec §7) and raises it
    in_force.write_text(json.dumps([{"region": "成都平原地区", "level": "yellow", "start": "2026-12-19T00:00",
                                     "end": "2026-12-21T00:00"}]), encoding="utf-8")
    out_path = tmp_path / "out.json"
    code, out = _cli(capsys, SAMPLES_DIR / "sample-red-plain-south.csv", "--mode", "rolling", "--in-force",
                     in_force, "--issued-at", "2026-01-01T08:00", "--json", out_path)
    assert code == 0, out.err
    data = json.loads(out_path.read_text(encoding="utf-8"))
    assert data["mode"] == "rolling" and data["issued_at"] == "2026-01-01T08:00:00+08:00"
    (rec,) = data["recommendations"]
    assert rec["action"] == "upgrade" and rec["region"] == "成都平原地区" and rec["new_level"] == "red"
    assert [n["region"] for n in data["new_warnings"]] == ["盆地中部地区", "盆地南部地区"]
    red = [e for e in data["episodes"] if e["level"] == "red"]
    assert red and all("分管副省长" in e["approval"] for e in red)


def test_cli_clean_week_has_no_episode(capsys):
    code, out = _cli(capsys, SAMPLES_DIR / "sample-clean-week.csv", "--aqi-edition", "2026")
    assert code == 0 and json.loads(out.out)["episodes"] == []
    assert json.loads(out.out)["aqi_edition"] == "HJ 633-2026"


@pytest.mark.parametrize("args, message", [
    (["--issued-at", "yesterday"], "--issued-at"),
    (["--in-force", "/nonexistent/in-force.json"], "in-force.json"),
    (["--scheme", "/nonexistent/scheme.toml"], "scheme.toml"),
])
def test_cli_bad_input_exits_2_with_a_message(capsys, args, message):
    code, out = _cli(capsys, SAMPLES_DIR / "sample-clean-week.csv", *args)
    assert code == 2 and message in out.err and "Traceback" not in out.err


def test_cli_daily_table_in_rolling_mode_is_refused(capsys, tmp_path):
    daily = tmp_path / "daily.csv"
    daily.write_text("date,city,aqi\n2026-01-05,成都市,120\n2026-01-06,成都市,230\n", encoding="utf-8")
    code, out = _cli(capsys, daily, "--mode", "rolling")
    assert code == 2 and "rolling" in out.err
    code, out = _cli(capsys, daily)
    assert code == 0, out.err
    assert json.loads(out.out)["cities"]["成都市"]["level"] == "yellow"


def test_evaluation_arrays_cover_every_unit_and_hour(neighbours):
    levels = {u: [60, 250, 250, 60] for u in list(neighbours)[:10]}
    ev = evaluate(daily_forecast(levels), SCHEME, neighbours)
    shape = (10, 96)
    for arr in (ev.hourly_aqi, ev.hourly_over_500, ev.primary_pollutant, ev.daily_aqi, ev.daily_insufficient,
                ev.city_level, ev.warned_level, ev.daily_primary, ev.daily_over_500):
        assert arr.shape == shape
    assert all(v.shape == (96,) for v in ev.region_level.values())
    assert set(ev.region_level) == {r.name for r in SCHEME.regions} == set(ev.region_warned)
    assert ev.city_level.dtype == np.int8


def test_vectorised_clusters_match_a_breadth_first_search_on_the_real_graph(neighbours):
    from app.bench.engine import naive_region_levels
    from app.domain.regional import regional_levels

    units = sorted(neighbours)
    rng = np.random.default_rng(3)
    for p in (0.3, 0.6, 0.9):  # sparse to dense clusters
        city_level = (rng.random((len(units), 48)) < p) * rng.integers(1, 4, (len(units), 48))
        city_level = city_level.astype(np.int8)
        fast = regional_levels(city_level, units, SCHEME, neighbours).level
        assert np.array_equal(fast, naive_region_levels(city_level, units, SCHEME, neighbours))
        assert fast.any()


def test_cli_passes_the_reading_options_to_the_importer(capsys):
    code, out = _cli(capsys, SAMPLES_DIR / "sample-regional-orange-daily-range.csv", "--bound", "low")
    assert code == 0, out.err
    low = json.loads(out.out)
    assert low["range_bound"] == "low"
    _, out = _cli(capsys, SAMPLES_DIR / "sample-regional-orange-daily-range.csv")
    high = json.loads(out.out)
    rank = {"none": 0, "yellow": 1, "orange": 2, "red": 3}
    assert all(rank[high["cities"][c]["level"]] >= rank[v["level"]] for c, v in low["cities"].items())
    code, out = _cli(capsys, SAMPLES_DIR / "sample-red-plain-south.xlsx", "--sheet", "nonexistent-sheet")
    assert code == 2 and "nonexistent-sheet" in out.err


def test_the_bench_baseline_for_window_means_is_the_old_reading_and_the_new_one_is_exact():
    """The bench compares the per-window sums with the running-sum differences they replaced: same numbers on
    clean data, but one 1e20 value spoils every later window only in the old way."""
    import numpy as np

    from app.bench.engine import running_sum_means
    from app.domain.daily import trailing_mean

    rng = np.random.default_rng(5)
    grid = rng.uniform(10, 300, (6, 24 * 30))
    clean = trailing_mean(grid, 24, 20)[0]
    assert np.allclose(running_sum_means(grid, 24, 20), clean, rtol=1e-9, equal_nan=True)
    spoiled = grid.copy()
    spoiled[:, 2] = 1e20
    later = np.s_[:, 26:]
    assert np.array_equal(trailing_mean(spoiled, 24, 20)[0][later], clean[later])
    assert np.nanmax(np.abs(running_sum_means(spoiled, 24, 20)[later] - clean[later])) > 1.0
