"""A warning over its life (spec §7, issue 28), whole commands against the numpy + pandas floor measured in the
same run, interleaved (floor, command, floor, command …; median of 5 after a first run), on the season sample:

- ``hazedesk evaluate FORECAST --observed OBS``: the season's last forecast with the whole winter observed
  spliced before it (a wide hourly table, 59 units × 33 days);
- ``hazedesk replay --forecasts …  --observed OBS``: every forecast of the season, day by day against the warnings
  the previous letters left in force.
"""

from __future__ import annotations

import statistics
import tempfile

from app.bench import can_run_python, child_env, figure, ratio_figure, self_command, wall_times

RUNS = 5
_FLOOR = "import numpy, pandas"
_FLOOR_NAME = "python -c 'import numpy, pandas'"


def _python(code: str) -> list[str]:
    import sys

    return [sys.executable, "-c", code]


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
        floor, ev, rp = [], [], []
        for _ in range(RUNS + 1):
            floor += wall_times(_python(_FLOOR), 1, env=env)
            ev += wall_times(evaluate, 1, env=env)
            floor += wall_times(_python(_FLOOR), 1, env=env)
            rp += wall_times(replay, 1, env=env)
    floor_s = statistics.median(floor[2:])
    return [ratio_figure(names[0], statistics.median(ev[1:]), _FLOOR_NAME, floor_s, 2.5,
                         notes=f"hazedesk evaluate on the season's last forecast with the winter's hourly observations "
                               f"spliced before it, interpreter start to exit, median of {RUNS} after a first run "
                               f"({ev[0]:.2f} s)", first_run_s=round(ev[0], 4)),
            ratio_figure(names[1], statistics.median(rp[1:]), _FLOOR_NAME, floor_s, 10.0,
                         notes=f"hazedesk replay of the season's {len(forecasts)} daily forecasts with the winter's "
                               f"observations, interpreter start to exit, median of {RUNS} after a first run "
                               f"({rp[0]:.2f} s)", first_run_s=round(rp[0], 4), forecasts=len(forecasts))]


BENCHES = [("command.life", bench_life)]
