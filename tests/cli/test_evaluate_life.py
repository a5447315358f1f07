"""``hazedesk evaluate`` and spec §7: the advice's one end, new warnings, ``--observed`` and ``--against``."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd

from app import cli
from app.domain.changes import changes_between
from app.domain.engine import evaluate
from app.paths import SAMPLES_DIR
from tests.domain.engine_helpers import (
    AQI_175,
    AQI_250,
    CLEAN,
    hourly_forecast,
    path_graph,
    pm25_days,
    toy_scheme,
)

ORANGE = SAMPLES_DIR / "sample-regional-orange.csv"


def _cli(capsys, *args):
    code = cli.main(["evaluate", *map(str, args)])
    return code, capsys.readouterr()


def test_the_orange_sample_with_red_and_orange_in_force(capsys, tmp_path):
    in_force = tmp_path / "in-force.json"
    in_force.write_text(json.dumps([{"region": "盆地中部地区", "level": "red", "start": "2026-01-08T00:00"},
                                    {"region": "盆地南部地区", "level": "orange", "start": "2026-01-08T00:00"}]),
                        encoding="utf-8")
    code, out = _cli(capsys, ORANGE, "--in-force", in_force)
    assert code == 0, out.err
    data = json.loads(out.out)
    assert [(r["region"], r["action"], r["from"], r["until"], r["until_at_least"]) for r in data["recommendations"]] \
        == [("盆地中部地区", "lift", "2026-01-10T00:00:00+08:00", None, False),
            ("盆地南部地区", "lift", "2026-01-10T00:00:00+08:00", None, False)]
    assert [(n["region"], n["level"], n["start"], n["end"]) for n in data["new_warnings"]] == [
        ("盆地中部地区", "orange", "2026-01-12T00:00:00+08:00", "2026-01-15T23:00:00+08:00"),
        ("盆地南部地区", "orange", "2026-01-12T00:00:00+08:00", "2026-01-15T23:00:00+08:00"),
        ("成都平原地区", "orange", "2026-01-13T00:00:00+08:00", "2026-01-15T23:00:00+08:00")]
    assert all({"lead_time_hours", "lead_time_short", "end_at_least"} <= set(n) for n in data["new_warnings"])
    assert data["forecast_start"] == "2026-01-10T00:00:00+08:00" and data["observed_hours"] == 0
    assert all(e["observed_hours"] == 0 for e in data["episodes"])


def test_in_force_json_takes_the_new_keys(capsys, tmp_path):
    in_force = tmp_path / "in-force.json"
    in_force.write_text(json.dumps([{"region": "盆地中部地区", "level": "orange", "start": "2026-01-09T00:00",
                                     "end": "2026-01-13T23:00", "end_at_least": True,
                                     "previous_level": "yellow", "change_at": "2026-01-12T00:00"}]),
                        encoding="utf-8")
    code, out = _cli(capsys, ORANGE, "--in-force", in_force)
    assert code == 0, out.err
    (rec,) = json.loads(out.out)["recommendations"]
    # its end is "at least" and the 过程 is still open at the series' end: nothing to send yet
    assert (rec["action"], rec["until"], rec["until_at_least"]) == ("keep", "2026-01-15T23:00:00+08:00", True)
    assert rec["process_start"] == "2026-01-12T00:00:00+08:00" and rec["pending"] is False
    assert json.loads(out.out)["new_warnings"] and all(n["region"] != "盆地中部地区"
                                                       for n in json.loads(out.out)["new_warnings"])


def _table(path, forecast) -> None:
    frame = forecast.to_long_frame()
    frame["time"] = frame["time"].dt.strftime("%Y-%m-%d %H:%M")
    frame[["time", "city", "pm25"]].to_csv(path, index=False)


def test_observed_days_before_the_forecast(capsys, tmp_path):
    """Observed 01-08 and 01-09 above 150 in four Chengdu-plain cities, the forecast's 01-10 too: an orange
    episode already running, its observed hours said, no lead time."""
    plain = ["成都市", "德阳市", "绵阳市", "眉山市", "乐山市", "雅安市"]
    observed = hourly_forecast({c: pm25_days(CLEAN, AQI_175, AQI_175) for c in plain}, start="2026-01-07")
    obs_path = tmp_path / "observed.csv"
    _table(obs_path, observed)
    forecast = hourly_forecast({c: pm25_days(AQI_175, CLEAN, CLEAN, CLEAN) for c in plain}, start="2026-01-10")
    fc_path = tmp_path / "forecast.csv"
    _table(fc_path, forecast)
    code, out = _cli(capsys, fc_path, "--observed", obs_path, "--issued-at", "2026-01-09T10:00")
    assert code == 0, out.err
    data = json.loads(out.out)
    assert data["start"] == "2026-01-07T00:00:00+08:00" and data["forecast_start"] == "2026-01-10T00:00:00+08:00"
    assert data["observed_hours"] == 72 and data["observed_files"] == [str(obs_path)]
    (episode,) = data["episodes"]
    assert (episode["region"], episode["level"], episode["start"], episode["observed_hours"],
            episode["lead_time_hours"]) == ("成都平原地区", "orange", "2026-01-08T00:00:00+08:00", 48, None)
    (new,) = data["new_warnings"]
    assert (new["start"], new["lead_time_hours"], new["lead_time_short"]) == ("2026-01-10T00:00:00+08:00", None,
                                                                            False)
    # without the observations: 24 h above 150 is no level at all
    code, out = _cli(capsys, fc_path)
    assert json.loads(out.out)["episodes"] == []


def test_a_bad_observed_file_is_bad_input(capsys, tmp_path):
    bad = tmp_path / "obs.csv"
    bad.write_text("time,city,pm25\n2026-01-09 00:00,成都市,abc\n", encoding="utf-8")
    code, out = _cli(capsys, ORANGE, "--observed", bad)
    assert code == 2 and "obs.csv" in out.err and "Traceback" not in out.err


def test_against_a_previous_forecast(capsys, tmp_path):
    """The orange sample against itself changes nothing; with its PM2.5 × 1.5 against the sample, each change is
    named per region."""
    code, out = _cli(capsys, ORANGE, "--against", ORANGE)
    assert code == 0, out.err
    changes = json.loads(out.out)["changes"]
    assert changes["against"]["path"] == str(ORANGE)
    assert set(changes["regions"]) == {"盆地东北部地区", "盆地中部地区", "盆地南部地区", "成都平原地区"}
    assert all(v == [] for v in changes["regions"].values())
    frame = pd.read_csv(ORANGE, comment="#")
    frame["pm25"] = frame["pm25"] * 1.5
    worse = tmp_path / "worse.csv"
    frame.to_csv(worse, index=False)
    code, out = _cli(capsys, worse, "--against", ORANGE)
    regions = json.loads(out.out)["changes"]["regions"]
    assert [(c["kind"], c["after"]["level"]) for c in regions["盆地东北部地区"]] == [("added", "orange")]
    for name in ("盆地中部地区", "盆地南部地区", "成都平原地区"):  # a day earlier, same end and level
        (c,) = regions[name]
        assert (c["kind"], c["moved"], c["level_changed"], c["start_shift_hours"], c["end_shift_hours"]) == (
            "changed", True, False, -24, 0)


A = ["成都市", "德阳市", "绵阳市", "眉山市"]
TOY = toy_scheme({"甲区": A})


def _ev(days: list[float], start="2026-01-05"):
    return evaluate(hourly_forecast({c: pm25_days(*days) for c in A}, start=start), TOY, path_graph(A))


def test_changes_added_removed_moved_level_and_history():
    base = _ev([CLEAN, AQI_250, AQI_250, CLEAN, CLEAN, CLEAN, CLEAN])  # orange days 2–3
    same = changes_between(base, base)
    assert same == [] and [c.kind for c in changes_between(base, base, with_unchanged=True)] == ["unchanged"]
    moved = _ev([CLEAN, CLEAN, AQI_250, AQI_250, CLEAN, CLEAN, CLEAN])
    (c,) = changes_between(base, moved)
    assert (c.kind, c.moved, c.level_changed, c.start_shift_hours, c.end_shift_hours) == ("changed", True, False,
                                                                                          24, 24)
    yellow = _ev([CLEAN, AQI_250, CLEAN, CLEAN, CLEAN, CLEAN, CLEAN])
    (c,) = changes_between(base, yellow)
    assert (c.moved, c.level_changed, c.direction) == (True, True, "down")
    gone = _ev([CLEAN] * 7)
    assert [(c.kind, c.before.level) for c in changes_between(base, gone)] == [("removed", "orange")]
    far = _ev([CLEAN, CLEAN, CLEAN, CLEAN, CLEAN, AQI_250, AQI_250])  # two clean days (48 h) away: another one
    assert sorted(c.kind for c in changes_between(base, far)) == ["added", "removed"]
    # the next day's forecast (from day 4): the episode of days 2–3 is history, not removed
    later = _ev([CLEAN, CLEAN, CLEAN, CLEAN], start="2026-01-08")
    assert changes_between(base, later) == []
    assert np.isfinite(later.hourly_aqi).all()


def test_two_overlapping_warnings_of_one_region_are_refused(capsys, tmp_path):
    """A region has one warning at a time; an in-force file with two overlapping ones is bad input, named (exit 2),
    while a lifted warning and a new one after its end — what letters leave — are read."""
    def write(items):
        path = tmp_path / "in-force.json"
        path.write_text(json.dumps(items), encoding="utf-8")
        return path

    open_ended = {"region": "盆地中部地区", "level": "orange", "start": "2026-01-06T00:00"}
    later = {"region": "盆地中部地区", "level": "red", "start": "2026-01-08T00:00"}
    code, out = _cli(capsys, ORANGE, "--in-force", write([open_ended, later]))
    assert code == 2
    assert "[1].start" in out.err and "盆地中部地区" in out.err
    ends_at_the_edge = {**open_ended, "end": "2026-01-08T00:00"}  # its last hour is the later one's first
    assert _cli(capsys, ORANGE, "--in-force", write([later, ends_at_the_edge]))[0] == 2
    lifted = {**open_ended, "end": "2026-01-07T23:00"}
    code, out = _cli(capsys, ORANGE, "--in-force", write([lifted, later]))
    assert code == 0, out.err
    other_region = {**later, "region": "盆地南部地区"}
    assert _cli(capsys, ORANGE, "--in-force", write([open_ended, other_region]))[0] == 0
