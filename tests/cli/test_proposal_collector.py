"""hazedesk proposal run as a program loads its modules, forecast and letters with the garbage collector paused,
then freezes what it loaded (app.cli._common.loading); called as main(argv), by tests or other code, it leaves
the caller's collector alone. Each case in a fresh interpreter."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "samples" / "sample-regional-orange.csv"

_CHILD = """
import gc, json, sys
starts = []
gc.callbacks.append(lambda phase, info: starts.append(info["generation"]) if phase == "start" else None)
import app.cli.proposal as proposal
seen = {}
real_write = proposal._write
def write(*args, **kwargs):
    seen.update(during_loading=len(starts) - seen["at_main"], frozen=gc.get_freeze_count(),
                enabled_at_export=gc.isenabled())
    return real_write(*args, **kwargs)
proposal._write = write
import contextlib
import app.cli._common as common
real_loading = common.loading
@contextlib.contextmanager
def loading(args):  # counted from where the command's loading starts
    with real_loading(args):
        seen["at_main"] = len(starts)
        yield
common.loading = loading
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
    argv = ["proposal", str(SAMPLE), "--docx", str(tmp_path / "p.docx"), "--pdf", str(tmp_path / "p.pdf")]
    env = dict(os.environ, HAZEDESK_HOME=str(tmp_path / "state"), PYTHONPATH=str(ROOT))
    result = subprocess.run([sys.executable, "-c", _CHILD, how, *argv], cwd=ROOT, capture_output=True, text=True,
                            env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_program_loads_without_collections_and_freezes_what_it_loaded(tmp_path):
    seen = _run(tmp_path, "program")
    assert seen["code"] == 0
    assert seen["during_loading"] == 0
    assert seen["frozen"] > 100_000  # the modules, the forecast and the letters
    assert seen["enabled_at_export"] and seen["enabled_after"]  # the export collects as usual
    assert (tmp_path / "p.pdf").stat().st_size > 0 and (tmp_path / "p.docx").stat().st_size > 0


def test_main_called_with_arguments_leaves_the_collector_alone(tmp_path):
    seen = _run(tmp_path, "caller")
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
