"""``hazedesk replay`` ends its process at once when its JSON is written (app.cli.leave_at_once, as gui
--screenshot does): what was registered to run at exit still runs and the JSON is complete, but the interpreter's
tear-down (every module and object freed one by one) is skipped. With ``--case`` (a library open), on bad input
and to stdout through a pipe the process ends the usual way where it must."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from app.paths import SAMPLES_DIR

ROOT = Path(__file__).resolve().parents[2]
SEASON = SAMPLES_DIR / "season-winter"
FORECASTS = [str(p) for p in sorted(SEASON.glob("forecast-*.csv"))[:4]]

# the console script's own line, with a witness of the interpreter's tear-down and a function run at exit
PROGRAM = textwrap.dedent("""
    import atexit, sys

    class Witness:
        def __del__(self):
            print("torn down", flush=True)

    witness = Witness()
    atexit.register(lambda: print("at exit", flush=True))
    from app.cli import main

    sys.argv = ["hazedesk", *sys.argv[1:]]
    sys.exit(main())
""")


def run(*args, home: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "HAZEDESK_HOME": str(home), "HAZEDESK_LANG": "en"}
    return subprocess.run([sys.executable, "-c", PROGRAM, *map(str, args)], capture_output=True, text=True,
                          timeout=180, env=env, cwd=ROOT)


def test_the_replay_process_ends_at_once_with_its_json_written(tmp_path):
    out = tmp_path / "r.json"
    done = run("replay", "--forecasts", *FORECASTS, "--observed", SEASON / "observed-hourly.csv", "--json", out,
               home=tmp_path / "home")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["at exit"]  # atexit ran; the tear-down (the witness freed) did not
    assert len(json.loads(out.read_text(encoding="utf-8"))["days"]) == 4
    assert not list(tmp_path.glob("*.tmp*"))  # the atomic write left nothing behind


def test_the_json_on_stdout_is_whole_before_the_process_ends(tmp_path):
    done = run("replay", "--forecasts", *FORECASTS, home=tmp_path / "home")
    assert done.returncode == 0, done.stderr
    text, _, rest = done.stdout.rpartition("}\n")
    assert rest == "at exit\n" and len(json.loads(text + "}")["days"]) == 4


def test_with_a_case_or_on_bad_input_the_process_ends_the_usual_way(tmp_path):
    from app.cases.library import open_library

    db = tmp_path / "cases.sqlite"
    library = open_library(db)
    case_id = library.create_case("winter replay")
    library.close()
    done = run("replay", "--forecasts", *FORECASTS, "--case", case_id, "--cases-db", db, "--json",
               tmp_path / "c.json", home=tmp_path / "home")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["at exit", "torn down"]  # the library closes as usual
    assert json.loads((tmp_path / "c.json").read_text(encoding="utf-8"))["case"]["drafts_added"] >= 0
    bad = run("replay", "--forecasts", tmp_path / "missing.csv", home=tmp_path / "home")
    assert bad.returncode == 2 and bad.stdout.splitlines() == ["at exit", "torn down"]
