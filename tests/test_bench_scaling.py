"""The issue's seconds goals read against the floor of the run (app.bench.scaling) and shown in the README table."""

from app.bench.scaling import ISSUE_FLOOR_S, annotate
from tools.speed_table import table


def _csv(seconds: float) -> dict:
    return {"name": "importing.large_csv", "value": seconds, "unit": "s", "goal": 2.0, "goal_op": "<=",
            "meets_goal": seconds <= 2.0}


def test_a_machine_twice_as_slow_gets_twice_the_seconds():
    slow, fast = _csv(3.0), _csv(3.0)
    annotate([slow], floor_s=2 * ISSUE_FLOOR_S)
    annotate([fast], floor_s=ISSUE_FLOOR_S)
    assert slow["goal_scaled_s"] == 4.0 and slow["meets_scaled_goal"] is True
    assert fast["goal_scaled_s"] == 2.0 and fast["meets_scaled_goal"] is False
    assert slow["goal_times_issue_floor"] == round(2.0 / ISSUE_FLOOR_S, 2)
    assert slow["meets_goal"] is False  # the seconds goal itself stays as it was, beside the scaled one


def test_figures_without_a_seconds_goal_and_failed_benchmarks_are_left_alone():
    other = {"name": "engine.evaluate_40x168.calendar", "value": 0.01, "unit": "s", "goal": 0.02}
    broken = {"name": "importing.large_csv", "error": "RuntimeError: child failed"}
    assert annotate([other, broken], floor_s=0.5) is None
    assert "goal_scaled_s" not in other and "goal_scaled_s" not in broken


def test_the_speed_table_states_both_goals_and_the_floor():
    figure = _csv(2.5)
    floor = annotate([figure], floor_s=0.7)
    text = table({"benchmarks": [figure], "floor_s": floor})
    row = next(line for line in text.splitlines() if line.startswith("| year-long"))
    assert "≤ 2 s on the issue's machine" in row and "here ≤ 4.00 s" in row and "✗" not in row
    assert "0.70 s" in text.splitlines()[-1]
    figure = _csv(4.5)
    annotate([figure], floor_s=0.7)
    assert "here ≤ 4.00 s ✗" in table({"benchmarks": [figure]})


def test_bench_children_keep_bytecode_as_an_install_does(monkeypatch, tmp_path):
    from app.bench import child_env

    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    monkeypatch.setenv("HAZEDESK_SOME_SETTING", "kept")
    env = child_env(str(tmp_path / "state"))
    assert "PYTHONDONTWRITEBYTECODE" not in env and env["HAZEDESK_SOME_SETTING"] == "kept"
    assert env["HAZEDESK_HOME"] == str(tmp_path / "state") and env["QT_QPA_PLATFORM"] == "offscreen"


def test_a_baseline_two_figures_of_a_row_share_is_written_once():
    engine = {"name": "engine alone on the 6 sources (the floor)", "value": 0.0263, "unit": "s"}
    figures = [{"name": f"consult.6x59x168.{m}", "value": v, "unit": "s", "goal": 0.3, "baseline": engine}
               for m, v in (("median", 0.0713), ("majority", 0.089))]
    row = next(line for line in table({"benchmarks": figures}).splitlines() if line.startswith("| 会商: 6"))
    assert row.count("engine alone on the 6 sources") == 1 and "71.3 ms / 89.0 ms" in row
