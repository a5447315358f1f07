"""A warning over its life (spec §7, issue 28), whole commands against the numpy + pandas floor measured in the
same run, interleaved (floor, command, floor, command …; median of 5 after a first run), on the season sample:

- ``hazedesk evaluate FORECAST --observed OBS``: the season's last forecast with the whole winter observed
  spliced before it (a wide hourly table, 59 units × 39 days);
- ``hazedesk replay --forecasts …  --observed OBS``: every forecast of the season, day by day against the warnings
  the previous letters left in force.
"""

from __future__ import annotations

import tempfile

from app.bench import can_run_python, child_env, command_row, figure, interleaved, run_child, self_command

RUNS = 5
# Where a replay's time goes, in a fresh interpreter (one run, median of three, each stage timed as replay does it):
# what the figure is made of, measured in the same run as the row, not a number written down.
_STAGES_CHILD = """
import json, sys, time
started = time.perf_counter()
import numpy, pandas
floor = time.perf_counter() - started
from app.cli._common import dump_json
from app.cli.replay import replay_to_json
from app.domain.replay import replay
from app.domain.scheme import load_scheme
from app.importing import load_forecast
from app.importing.observed import load_observed_series
from maps.derived import scheme_neighbours
imports = time.perf_counter() - started - floor
paths, observed_path = sys.argv[2:], sys.argv[1]
rounds = []
for _ in range(3):
    t = [time.perf_counter()]
    scheme = load_scheme(None)
    forecasts = [load_forecast(p, ceilings=scheme.plausible_max) for p in paths]
    t.append(time.perf_counter())
    observed = load_observed_series([observed_path], scheme=scheme)
    t.append(time.perf_counter())
    result = replay(forecasts, scheme, scheme_neighbours(scheme), observed=observed.forecast)
    t.append(time.perf_counter())
    dump_json(replay_to_json(result, observed))
    t.append(time.perf_counter())
    rounds.append([b - a for a, b in zip(t, t[1:])])
median = [sorted(r[k] for r in rounds)[1] for k in range(4)]
print(json.dumps({"numpy_pandas": floor, "imports": imports, "forecasts": median[0], "observed": median[1],
                  "engine": median[2], "json": median[3]}))
"""


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
        stages = {k: round(v, 4) for k, v in run_child(_STAGES_CHILD, observed, *forecasts, env=env).items()}
    shares = ", ".join(f"{k} {v:.2f} s" for k, v in stages.items())
    return [command_row(names[0], ev, 2.0,
                        notes="hazedesk evaluate on the season's last forecast with the winter's hourly observations "
                              "spliced before it"),
            command_row(names[1], rp, 2.0, forecasts=len(forecasts), stages_s=stages,
                        notes=f"hazedesk replay of the season's {len(forecasts)} daily forecasts with the winter's "
                              f"observations (goal ≤ 2.0× the same-row floor, issue 26); where the time goes, in "
                              f"process in this run ({shares}): reading the {len(forecasts)} forecasts and the "
                              f"engine once per forecast, each with the observations spliced before its first hour")]


BENCHES = [("command.life", bench_life)]
