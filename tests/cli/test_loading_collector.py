"""hazedesk map, proposal, review and replay, run as a program, load their modules and inputs with the garbage collector
paused, then freeze what they loaded (app.cli._common.loading, issue 26: ~190 collections and 0.2 s of a year's
review of five forecasts; 271 collections and 0.1 s of a map); the work after loading (drawing, writing, the
review) runs with the collector on — but for replay's evaluations, which make no cyclic garbage and are kept until
the JSON (app.cli._common.collections_paused). Called as main(argv), by tests or other code, a command leaves the
caller's collector alone. Each case in a fresh interpreter."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "samples" / "sample-regional-orange.csv"
SEASON = ROOT / "data" / "samples" / "season-winter"

# argv: [how, module, attribute, command argv…]; the attribute is the first step after loading
_CHILD = """
import atexit, contextlib, gc, importlib, json, sys
starts = []
gc.callbacks.append(lambda phase, info: starts.append(info["generation"]) if phase == "start" else None)
how, module_name, attribute, *argv = sys.argv[1:]
seen = {}
def report():  # at exit: a command that ends its process at once (app.cli.leave_at_once) never returns from main
    seen.setdefault("code", 0)  # then the process's exit code is the command's
    seen.setdefault("enabled_after", gc.isenabled())
    print(json.dumps(seen))
atexit.register(report)
import app.cli._common as common
real_loading = common.loading
@contextlib.contextmanager
def loading(args):  # counted from where the command's loading starts
    with real_loading(args):
        seen["at_main"] = len(starts)
        yield
common.loading = loading
module = importlib.import_module(module_name)
real_step = getattr(module, attribute)
def step(*args, **kwargs):
    if "frozen" not in seen:
        seen.update(during_loading=len(starts) - seen["at_main"], frozen=gc.get_freeze_count(),
                    enabled_after_loading=gc.isenabled())
    return real_step(*args, **kwargs)
setattr(module, attribute, step)
from app.cli import main
if how == "program":
    sys.argv = ["hazedesk", *argv]
    code = main()
else:
    code = main(argv)
seen.update(code=code, enabled_after=gc.isenabled())
"""


@dataclass(frozen=True)
class Command:
    name: str
    module: str
    attribute: str  # the command's first step after its loading
    min_frozen: int  # the modules and what the command loaded
    paused_work: bool = False  # the step runs with the collector paused too (collections_paused)

    def argv(self, tmp_path: Path) -> list[str]:
        if self.name == "map":
            return ["map", str(SAMPLE), "--out", str(tmp_path / "m.png"), "--dpi", "60"]
        if self.name == "proposal":
            return ["proposal", str(SAMPLE), "--docx", str(tmp_path / "p.docx"), "--pdf", str(tmp_path / "p.pdf")]
        if self.name == "replay":
            return ["replay", "--forecasts", *map(str, sorted(SEASON.glob("forecast-*.csv"))[:5]), "--observed",
                    str(SEASON / "observed-hourly.csv"), "--json", str(tmp_path / "r.json")]
        from app.bench.review import write_review_case

        observed, forecasts = write_review_case(tmp_path, days=60)
        return ["review", "--observed", observed, "--forecast", *forecasts, "--json", str(tmp_path / "r.json")]

    def check_output(self, tmp_path: Path) -> None:
        if self.name == "map":
            assert (tmp_path / "m.png").stat().st_size > 0
        elif self.name == "proposal":
            assert (tmp_path / "p.pdf").stat().st_size > 0 and (tmp_path / "p.docx").stat().st_size > 0
        elif self.name == "replay":
            assert len(json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["days"]) == 5
        else:
            assert len(json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["cities"]) == 40


COMMANDS = [
    Command("map", "app.export.maps", "export_map", 50_000),  # the Qt page: no matplotlib to load
    Command("proposal", "app.cli.proposal", "_write", 100_000),
    Command("review", "app.review.review", "review", 20_000),
    Command("replay", "app.domain.replay", "replay", 20_000, paused_work=True),
]


def _run(tmp_path: Path, how: str, command: Command) -> dict:
    env = dict(os.environ, HAZEDESK_HOME=str(tmp_path / "state"), PYTHONPATH=str(ROOT))
    result = subprocess.run([sys.executable, "-c", _CHILD, how, command.module, command.attribute,
                             *command.argv(tmp_path)], cwd=ROOT, capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.name)
def test_the_program_loads_without_collections_and_freezes_what_it_loaded(tmp_path, command):
    seen = _run(tmp_path, "program", command)
    assert seen["code"] == 0
    assert seen["during_loading"] == 0  # no collection while the modules and inputs loaded
    assert seen["frozen"] > command.min_frozen
    assert seen["enabled_after_loading"] is not command.paused_work  # the work after loading collects as usual
    assert seen["enabled_after"]  # and the collector is on again at the end
    command.check_output(tmp_path)


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.name)
def test_main_called_with_arguments_leaves_the_collector_alone(tmp_path, command):
    seen = _run(tmp_path, "caller", command)
    assert seen["code"] == 0
    assert seen["during_loading"] > 0  # the collector ran while the same work loaded
    assert seen["frozen"] == 0 and seen["enabled_after"]


@pytest.mark.parametrize("enabled", [True, False])
def test_loading_gives_back_the_collector_as_it_found_it(enabled):
    import argparse
    import gc

    from app.cli._common import loading

    was = gc.isenabled()
    frozen = gc.get_freeze_count()
    try:
        (gc.enable if enabled else gc.disable)()
        with pytest.raises(RuntimeError), loading(argparse.Namespace(owns_process=True)):
            assert not gc.isenabled()
            raise RuntimeError("a bad input while loading")
        assert gc.isenabled() is enabled and gc.get_freeze_count() >= frozen
    finally:
        gc.unfreeze()  # this test process is pytest's: its objects go back to the collector
        (gc.enable if was else gc.disable)()


def test_a_replay_makes_no_cyclic_garbage():
    """What collections_paused rests on: after the season's replay (both modes) a collection finds nothing."""
    import gc

    from app.cli.replay import replay_to_json
    from app.domain.replay import replay
    from app.domain.scheme import load_scheme
    from app.importing import load_forecast
    from app.importing.observed import load_observed_series
    from maps.derived import scheme_neighbours

    scheme = load_scheme(None)
    forecasts = [load_forecast(p, ceilings=scheme.plausible_max) for p in sorted(SEASON.glob("forecast-*.csv"))[:8]]
    observed = load_observed_series([SEASON / "observed-hourly.csv"], scheme=scheme)
    neighbours = scheme_neighbours(scheme)
    was = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        for mode in ("calendar", "rolling"):
            replay_to_json(replay(forecasts, scheme, neighbours, observed=observed.forecast, mode=mode), observed)
        assert gc.collect() == 0
    finally:
        (gc.enable if was else gc.disable)()
