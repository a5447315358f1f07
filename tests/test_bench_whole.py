"""The bench's whole-command rows (issue 26): floor and command interleaved in each row's loop, each row judged
against its own floor, the first run and the child's own peak memory beside the median. Structure only — speed
is read from ``hazedesk bench``, never asserted."""

from __future__ import annotations

import importlib
import pkgutil
import sys

import pytest

import app.bench as bench
from app.bench.scaling import annotate
from app.cli import command_names


def _fake_runs(monkeypatch, seconds: dict[str, list[float]]) -> list[str]:
    calls = []

    def run_once(argv, env=None, cwd=None, timeout=600):
        kind = "floor" if argv[:2] == [sys.executable, "-c"] else "command"
        calls.append(kind)
        return seconds[kind].pop(0), {"floor": 60.0, "command": 150.0}[kind] + len(calls)

    monkeypatch.setattr(bench, "run_once", run_once)
    return calls


def test_floor_and_command_alternate_in_the_rows_loop(monkeypatch):
    calls = _fake_runs(monkeypatch, {"floor": [9.0, 1.0, 1.2, 0.8, 1.0, 1.1], "command": [5.0, 2.0, 2.2, 1.8, 2.0, 2.1]})
    prepared = []
    runs = bench.interleaved(lambda n: ["hazedesk", "x", str(n)], 5, prepare=prepared.append)
    assert calls == ["floor", "command"] * 6 and runs["order"] == calls
    assert prepared == [0, 1, 2, 3, 4, 5]
    row = bench.command_row("command.x", runs, 2.0, notes="x")
    assert row["value"] == 2.0 and row["baseline"]["value"] == 1.0  # medians after the first run, own floor
    assert row["times_floor"] == 2.0 and row["goal_times_floor"] == 2.0 and row["meets_goal_times_floor"] is True
    assert row["first_run_s"] == 5.0 and row["samples_s"][0] == 5.0 and len(row["floor_samples_s"]) == 6
    assert row["peak_mb"] == 150.0 + 12 and row["floor_peak_mb"] == 60.0 + 11
    assert row["interleaved"] is True and row["whole_command"] is True


def test_a_baseline_runs_in_each_round_between_floor_and_command(monkeypatch):
    calls = []

    def run_once(argv, env=None, cwd=None, timeout=600):
        kind = {"floor": "floor", "parse": "parse"}.get(argv[-1], "command")
        calls.append(kind)
        return {"floor": 1.0, "parse": 1.5, "command": 3.0}[kind] + 0.1 * (len(calls) == 2), 50.0

    monkeypatch.setattr(bench, "run_once", run_once)
    runs = bench.interleaved(["hazedesk"], 3, floor=["python", "floor"], baselines={"pandas": ["python", "parse"]})
    assert calls == ["floor", "parse", "command"] * 4 and runs["order"] == ["floor", "pandas", "command"] * 4
    row = bench.command_row("command.x", runs, 2.0, notes="x")
    (base,) = row["same_loop_baselines"]
    assert base["name"] == "pandas" and base["value"] == 1.5 and base["times_floor"] == 1.5
    assert base["samples_s"][0] == 1.6 and len(base["samples_s"]) == 4 and base["peak_mb"] == 50.0
    assert "pandas" in row["notes"] and row["times_floor"] == 3.0


def test_a_row_over_its_goal_says_so(monkeypatch):
    _fake_runs(monkeypatch, {"floor": [1.0] * 6, "command": [3.0] * 6})
    row = bench.command_row("command.x", bench.interleaved(["hazedesk"], 5), 2.0, notes="x")
    assert row["times_floor"] == 3.0 and row["meets_goal_times_floor"] is False


def test_a_seconds_goal_is_scaled_by_the_rows_own_floor_not_one_measured_at_the_end(monkeypatch):
    _fake_runs(monkeypatch, {"floor": [1.0] * 6, "command": [3.0] * 6})  # goal 0.8 s on a 0.35 s floor: 2.29 s here
    row = bench.command_row("command.proposal_docx_pdf", bench.interleaved(["hazedesk"], 5), 2.0, notes="x",
                            goal_seconds=0.8)
    annotate([row], floor_s=5.0)  # an end-of-run floor five times slower would have passed it
    assert row["floor_here_s"] == 1.0 and row["meets_scaled_goal"] is False


def test_the_child_reports_its_own_peak_memory(tmp_path):
    env = bench.child_env(str(tmp_path / "state"))
    seconds, peak = bench.run_once([*bench.self_command(), "--version"], env=env)
    assert seconds > 0 and peak is not None and 5 < peak < 2000
    _, floor_peak = bench.run_once(bench.floor_argv(), env=env)
    assert floor_peak is not None and floor_peak > 20  # numpy and pandas are resident


def test_a_failing_command_is_an_error_not_a_figure(tmp_path):
    with pytest.raises(RuntimeError, match="failed"):
        bench.run_once([*bench.self_command(), "evaluate", str(tmp_path / "none.csv")],
                       env=bench.child_env(str(tmp_path / "state")))


def test_every_subcommand_has_a_whole_command_row():
    names = set()
    for info in pkgutil.iter_modules(bench.__path__):
        module = importlib.import_module(f"app.bench.{info.name}")
        names |= {name for name, _ in getattr(module, "BENCHES", [])}
    from app.bench.whole import SUBCOMMAND_ROWS

    assert set(SUBCOMMAND_ROWS) == set(command_names()) - {"bench"}
    assert set(SUBCOMMAND_ROWS.values()) <= names


def test_the_replay_row_replays_the_whole_season_and_says_where_the_time_goes(monkeypatch):
    """Issue 26 asks replay for 30 forecasts: the row runs every forecast of the season sample, and its stages
    (forecasts, observations, engine …) are measured in the same run by a child that does what replay does."""
    from app.bench import life

    seen = []
    monkeypatch.setattr(life, "interleaved", lambda argv, runs, env=None: seen.append(argv) or
                        {"command_s": [2.0] * 6, "floor_s": [1.0] * 6, "command_peak_mb": [None] * 6,
                         "floor_peak_mb": [None] * 6, "order": []})
    evaluate, replay = life.bench_life()
    assert replay["forecasts"] == 30 and sum(a.endswith(".csv") and "forecast-" in a for a in seen[1]) == 30
    stages = replay["stages_s"]
    assert set(stages) == {"numpy_pandas", "imports", "forecasts", "observed", "engine", "json"}
    assert all(v > 0 for v in stages.values()) and "engine" in replay["notes"]


def test_the_review_year_row_hands_review_files_it_reads(tmp_path, capsys):
    """The 40 × 365 × 5 row times `hazedesk review` on files (observed daily, hourly long forecasts); here a
    short case: review reads every file and scores every city against every forecast."""
    import json

    from app.bench.review import write_review_case
    from app.cli import main

    observed, forecasts = write_review_case(tmp_path, days=4)
    assert len(forecasts) == 5
    assert main(["review", "--observed", observed, "--forecast", *forecasts, "--json", str(tmp_path / "r.json")]) == 0
    out = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert len(out["forecasts"]) == 5 and len(out["cities"]) == 40
    assert [f["start"] for f in out["forecasts"].values()] == [f"2026-01-0{k}" for k in range(1, 6)]


def test_the_review_year_row_says_what_bare_parsing_leaves_of_the_budget(monkeypatch):
    """The row runs pandas.read_csv of the same five files in its loop and says how much of the 2.0× budget
    that leaves (issue 26: the honest explanation when the goal cannot be met)."""
    from app.bench import review

    def run_once(argv, env=None, cwd=None, timeout=600):
        if argv[1] != "-c":
            return 3.0, 150.0
        return (1.6 if argv[-1].endswith(".csv") else 1.0), 60.0

    monkeypatch.setattr(bench, "run_once", run_once)
    monkeypatch.setattr(review, "write_review_case", lambda folder: ("obs.csv", ["f1.csv", "f2.csv"]))
    (row,) = review.bench_review_year_command()
    (parse,) = row["same_loop_baselines"]
    assert parse["value"] == 1.6 and parse["times_floor"] == 1.6 and row["times_floor"] == 3.0
    assert "takes 1.60× the floor, which leaves 0.40 s of the 2.0× budget" in row["notes"]


def test_the_screenshot_row_runs_a_shown_window_in_its_loop(monkeypatch):
    """gui --screenshot needs Qt: the row shows, measured in its own rounds, what numpy + pandas + a shown
    QMainWindow alone cost against the numpy + pandas floor the goal is judged by."""
    from app.bench import whole

    calls = []

    def run_once(argv, env=None, cwd=None, timeout=600):
        code = argv[2] if argv[:2] == [sys.executable, "-c"] else ""
        kind = "window" if "QMainWindow" in code else "floor" if code else "command"
        calls.append(kind)
        return {"floor": 1.0, "window": 1.4, "command": 2.5}[kind], 50.0

    monkeypatch.setattr(bench, "run_once", run_once)
    (row,) = dict(whole.BENCHES)["command.gui_screenshot"]()
    assert calls == ["floor", "window", "command"] * (whole.RUNS + 1)
    (base,) = row["same_loop_baselines"]
    assert base["name"] == "python -c 'import numpy, pandas' + a shown QMainWindow" and base["times_floor"] == 1.4
    assert row["times_floor"] == 2.5 and "alone takes 1.40× the floor, which leaves 0.60 s of the 2.0× budget" in row["notes"]
    (other,) = dict(whole.BENCHES)["command.adjacency"]()
    assert "same_loop_baselines" not in other
