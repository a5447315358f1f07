"""A warning over its life (spec §7, issue 28), whole commands against the numpy + pandas floor measured in the
same run, interleaved (floor, command, floor, command …; median of 5 after a first run), on the season sample:

- ``hazedesk evaluate FORECAST --observed OBS``: the season's last forecast with the whole winter observed
  spliced before it (a wide hourly table, 59 units × 39 days);
- ``hazedesk replay --forecasts …  --observed OBS``: every forecast of the season, day by day against the warnings
  the previous letters left in force.
"""

from __future__ import annotations

import tempfile

from app.bench import can_run_python, child_env, command_row, figure, interleaved, self_command

RUNS = 5


def bench_life() -> list[dict]:
    from app.paths import SAMPLES_DIR

    season = SAMPLES_DIR / "season-winter"
    forecasts = sorted(str(p) for p in season.glob("forecast-*.csv"))
    observed = str(season / "observed-hourly.csv")
    names = ("command.evaluate_observed", "command.replay_season")
    if not can_run_python():
        return [figure(n, float("nan"), "s", notes="not measured in the bundle (needs python -c)") for n in names]
    if not forecasts:
        return [figure(n, float("nan"), "s", notes="the season sample is missing") for n in names]
    with tempfile.TemporaryDirectory(prefix="hazedesk-bench-") as state:
        env = child_env(state)
        evaluate = [*self_command(), "evaluate", forecasts[-1], "--observed", observed, "--json", f"{state}/e.json"]
        replay = [*self_command(), "replay", "--forecasts", *forecasts, "--observed", observed, "--json",
                  f"{state}/r.json"]
        ev = interleaved(evaluate, RUNS, env=env)
        rp = interleaved(replay, RUNS, env=env)
    return [command_row(names[0], ev, 2.0,
                        notes="hazedesk evaluate on the season's last forecast with the winter's hourly observations "
                              "spliced before it"),
            command_row(names[1], rp, 2.0, forecasts=len(forecasts),
                        notes=f"hazedesk replay of the season's {len(forecasts)} daily forecasts with the winter's "
                              "observations (goal ≤ 2.0× the same-row floor, issue 26)")]


BENCHES = [("command.life", bench_life)]
