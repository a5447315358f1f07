"""hazedesk review run as a program loads its modules, forecasts and observations with the garbage collector
paused, then freezes what it loaded (app.cli._common.loading, issue 26: ~190 collections and 0.2 s of a year's
review of five forecasts); the review is computed and written with the collector on. Each case in a fresh
interpreter."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

_CHILD = """
import gc, json, sys
starts = []
gc.callbacks.append(lambda phase, info: starts.append(info["generation"]) if phase == "start" else None)
seen = {}
import contextlib
import app.cli._common as common
real_loading = common.loading
@contextlib.contextmanager
def loading(args):  # counted from where the command's loading starts
    with real_loading(args):
        seen["at_main"] = len(starts)
        yield
    seen["after_loading"] = len(starts)
common.loading = loading
import app.review.review as module
real_review = module.review
def review(*args, **kwargs):
    seen.update(frozen=gc.get_freeze_count(), enabled_at_review=gc.isenabled())
    return real_review(*args, **kwargs)
module.review = review
from app.cli import main
argv = sys.argv[2:]
if sys.argv[1] == "program":
    sys.argv = ["hazedesk", *argv]
    code = main()
else:
    code = main(argv)
seen.update(code=code, enabled_after=gc.isenabled())
print(json.dumps(seen))
"""


def _run(tmp_path, how: str) -> dict:
    from app.bench.review import write_review_case

    observed, forecasts = write_review_case(tmp_path, days=60)
    argv = ["review", "--observed", observed, "--forecast", *forecasts, "--json", str(tmp_path / "r.json")]
    env = dict(os.environ, HAZEDESK_HOME=str(tmp_path / "state"), PYTHONPATH=str(ROOT))
    result = subprocess.run([sys.executable, "-c", _CHILD, how, *argv], cwd=ROOT, capture_output=True, text=True,
                            env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_program_loads_without_collections_and_freezes_what_it_loaded(tmp_path):
    seen = _run(tmp_path, "program")
    assert seen["code"] == 0
    assert seen["after_loading"] == seen["at_main"]  # no collection while the modules and files loaded
    assert seen["frozen"] > 20_000  # the modules, the forecasts and the observations
    assert seen["enabled_at_review"] and seen["enabled_after"]  # the review and its JSON collect as usual
    assert len(json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["cities"]) == 40


def test_main_called_with_arguments_leaves_the_collector_alone(tmp_path):
    seen = _run(tmp_path, "caller")
    assert seen["code"] == 0
    assert seen["after_loading"] > seen["at_main"]  # the collector ran while the same work loaded
    assert seen["frozen"] == 0 and seen["enabled_after"]
