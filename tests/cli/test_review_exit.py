"""``hazedesk review`` ends its process at once when its JSON is written (app.cli.leave_at_once, as replay and
gui --screenshot do): what was registered to run at exit still runs (the audit line is written before), the JSON
is complete, the interpreter's tear-down is skipped. With ``--case`` (a library open) and on bad input the
process ends the usual way."""

from __future__ import annotations

import json

from app.paths import SAMPLES_DIR
from tests.cli.test_replay_exit import run

OBS = SAMPLES_DIR / "observed-regional-orange-daily.csv"
FC = SAMPLES_DIR / "sample-regional-orange.csv"


def test_the_review_process_ends_at_once_with_its_json_written(tmp_path):
    out = tmp_path / "r.json"
    done = run("review", "--observed", OBS, "--forecast", FC, FC, "--json", out, home=tmp_path / "home")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["at exit"]  # atexit ran; the tear-down (the witness freed) did not
    assert "盆地中部地区" in json.loads(out.read_text(encoding="utf-8"))["regions"]
    assert not list(tmp_path.glob("*.tmp*"))  # the atomic write left nothing behind
    audit = (tmp_path / "home").rglob("*audit*")
    assert any("review-json" in p.read_text(encoding="utf-8") for p in audit if p.is_file())


def test_the_json_on_stdout_is_whole_before_the_process_ends(tmp_path):
    done = run("review", "--observed", OBS, "--forecast", FC, home=tmp_path / "home")
    assert done.returncode == 0, done.stderr
    text, _, rest = done.stdout.rpartition("}\n")
    assert rest == "at exit\n" and "盆地中部地区" in json.loads(text + "}")["regions"]


def test_with_a_case_or_on_bad_input_the_process_ends_the_usual_way(tmp_path):
    from app.cases.library import open_library

    db = tmp_path / "cases.sqlite"
    library = open_library(db)
    case_id = library.create_case("review")
    library.close()
    done = run("review", "--observed", OBS, "--forecast", FC, "--case", case_id, "--cases-db", db, "--json",
               tmp_path / "c.json", home=tmp_path / "home")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["at exit", "torn down"]  # the library closes as usual
    assert open_library(db).latest_review(case_id) is not None
    bad = run("review", "--observed", tmp_path / "missing.csv", "--forecast", FC, home=tmp_path / "home")
    assert bad.returncode == 2 and bad.stdout.splitlines() == ["at exit", "torn down"]
