"""``hazedesk replay`` and app.domain.replay: successive forecasts against the warnings their letters leave."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from app import cli
from app.domain.engine import evaluate
from app.domain.recommend import apply_advice, load_in_force
from app.domain.replay import in_issue_order, letters_for, replay
from app.domain.scheme import BEIJING
from app.paths import SAMPLES_DIR
from tests.domain.engine_helpers import AQI_250, CLEAN, hourly_forecast, path_graph, pm25_days, toy_scheme

H = timedelta(hours=1)
A = ["成都市", "德阳市", "绵阳市", "眉山市"]
TOY = toy_scheme({"甲区": A})
GRAPH = path_graph(A)
SEASON = SAMPLES_DIR / "season-winter"


def day(n: int, hour: int = 0) -> datetime:
    return datetime(2026, 1, 4 + n, hour, tzinfo=BEIJING)


def issue(first_day: int, days: list[float]):
    """A forecast issued at 10:00 the day before ``first_day``, from 00:00 of ``first_day``."""
    return hourly_forecast({c: pm25_days(*days) for c in A}, start=day(first_day).strftime("%Y-%m-%d"),
                           issued_at=day(first_day - 1, 10))


def test_a_hand_made_week():
    """Day 1: orange on days 4–5 ahead → a start letter. Day 2: the same → nothing. Day 3: it moves two days
    later → one revise. Day 7 (day 6 observed orange): the 过程 ends on day 7, as the letter said → nothing to
    send. Day 9: the warning has run its course (ended)."""
    o, c = AQI_250, CLEAN
    observed = hourly_forecast({x: pm25_days(c, c, c, c, c, o, o, c, c, c) for x in A}, start="2026-01-05")
    forecasts = [issue(3, [c, c, c, o, o, c, c]),  # days 3–9; given in any order
                 issue(1, [c, c, c, o, o, c, c]),
                 issue(2, [c, c, o, o, c, c, c]),
                 issue(7, [o, c, c, c]),
                 issue(9, [c, c, c])]
    assert [f.times[0] for f in in_issue_order(forecasts)] == [day(1), day(2), day(3), day(7), day(9)]
    result = replay(forecasts, TOY, GRAPH, observed=observed)
    letters = [[(x.kind, x.level, x.start, x.end, x.end_at_least) for x in d.letters] for d in result.days]
    assert letters == [
        [("start", "orange", day(4), day(5, 23), False)],
        [],
        [("revise", "orange", day(6), day(7, 23), False)],
        [],
        [],
    ]
    assert [r.action for r in result.days[4].evaluation.recommendations] == ["ended"] and result.in_force == []
    timeline = result.timeline["甲区"]
    assert list(timeline) == [f"2026-01-{d:02d}" for d in range(5, 16)]
    assert [d for d, level in timeline.items() if level != "none"] == ["2026-01-10", "2026-01-11"]
    assert set(timeline.values()) == {"none", "orange"}
    # each day is what reading that day by hand gives: the forecast against the previous day's letters
    in_force = []
    for d in result.days:
        assert d.in_force == in_force
        ev = evaluate(d.forecast, TOY, GRAPH, in_force=in_force, observed=observed)
        assert letters_for(ev) == d.letters
        in_force = apply_advice(in_force, ev)


def test_replay_of_the_season_sample(capsys, tmp_path):
    forecasts = sorted(SEASON.glob("forecast-*.csv"))
    out = tmp_path / "replay.json"
    code = cli.main(["replay", "--forecasts", *map(str, reversed(forecasts)), "--observed",
                     str(SEASON / "observed-hourly.csv"), "--json", str(out)])
    assert code == 0, capsys.readouterr().err
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["days"]) == len(forecasts) >= 20
    assert [d["path"] for d in data["days"]] == [str(p) for p in forecasts]  # issue order
    assert data["letters"] == sum(len(d["letters"]) for d in data["days"]) > 0
    first, later = data["days"][0], data["days"][10]
    assert first["in_force"] == [] and first["observed_hours"] > 0 and later["in_force"]
    for d in data["days"]:
        assert len(d["recommendations"]) == len(d["in_force"])
        for x in d["letters"]:
            assert x["kind"] in ("start", "upgrade", "downgrade", "lift", "extend", "revise", "cancel")
    # the second episode reached red in 盆地中部 (the observations say 12-14 → 12-18)
    assert "red" in [data["timeline"]["盆地中部地区"][f"2025-12-{d}"] for d in range(14, 19)]
    assert all(v == "none" for k, v in data["timeline"]["盆地中部地区"].items() if "2025-12-09" <= k <= "2025-12-11")
    # what is left in force is JSON --in-force reads
    left = tmp_path / "left.json"
    left.write_text(json.dumps(data["in_force"], ensure_ascii=False), encoding="utf-8")
    assert len(load_in_force(left)) == len(data["in_force"])


def test_replay_bad_input_exits_2(capsys, tmp_path):
    code = cli.main(["replay", "--forecasts", str(tmp_path / "missing.csv")])
    err = capsys.readouterr().err
    assert code == 2 and "missing.csv" in err and "Traceback" not in err
