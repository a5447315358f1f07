"""The response tables under faults: a writer killed at any moment loses nothing it committed and leaves no half
batch; the office's two desks writing the same library at once (WAL, busy timeout) do not corrupt it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date, datetime
from pathlib import Path

from openpyxl import load_workbook

from app.cases.leads import leads
from app.cases.library import LetterChange, open_library
from app.cases.reports import reports
from app.domain.scheme import BEIJING, load_scheme
from app.export.report_form import write_forms

ROOT = Path(__file__).resolve().parents[2]

LEAD_WRITER = r"""
import sys
sys.path.insert(0, sys.argv[3])
from app.cases.leads import add_lead, add_step
from app.cases.library import open_library
lib = open_library(sys.argv[1])
side = sys.argv[4]
for i in range(int(sys.argv[5])):
    lead = add_lead(lib, sys.argv[2], source="扬尘源", unit="达州市", description=f"{side}-{i}", found_by=side)
    add_step(lib, sys.argv[2], lead, "移交", side=side, by_name="值班员")
    print(f"{side}-{i}", flush=True)  # committed
"""

FORM_WRITER = r"""
import sys
sys.path.insert(0, sys.argv[3])
from app.cases.library import open_library
from app.cases.reports import import_reports
from app.domain.scheme import load_scheme
lib = open_library(sys.argv[1])
scheme = load_scheme()
for folder in sys.argv[4:]:
    import_reports(lib, sys.argv[2], [folder], scheme)
    print(folder, flush=True)  # committed: the whole folder
"""


def bj(*args) -> datetime:
    return datetime(*args, tzinfo=BEIJING)


def a_case(path: Path) -> str:
    lib = open_library(path)
    case = lib.create_case("t")
    lib.issue_letter(case, kind="start", issued_at=bj(2026, 1, 10, 16), changes=[
        LetterChange("start", "盆地中部地区", "orange", bj(2026, 1, 12), bj(2026, 1, 16, 23))])
    lib.close()
    return case


def run(script: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", script, *args], stdout=subprocess.PIPE, env={**os.environ})


def test_a_lead_writer_killed_loses_nothing_it_committed(tmp_path):
    path = tmp_path / "cases.sqlite"
    case = a_case(path)
    proc = run(LEAD_WRITER, str(path), case, str(ROOT), "四川", "100000")
    committed = [proc.stdout.readline().strip().decode() for _ in range(25)]
    time.sleep(0.03)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    committed += [line.strip().decode() for line in proc.stdout.read().splitlines()]
    lib = open_library(path)
    assert lib.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    found = {x.lead["description"]: x for x in leads(lib, case)}
    assert set(committed) <= set(found)  # every lead reported committed is there …
    assert len(found) - len(committed) <= 1  # … and at most the one killed between its two writes
    assert all(x.step == "handed_over" for d, x in found.items() if d in committed)


def test_a_form_import_killed_keeps_whole_folders_only(tmp_path):
    path = tmp_path / "cases.sqlite"
    case = a_case(path)
    lib = open_library(path)
    scheme = load_scheme()
    folders = []
    for day in range(12, 17):
        folder = tmp_path / f"d{day}"
        for form in write_forms(lib, case, scheme, date(2026, 1, day), folder):
            book = load_workbook(form)
            book["应对情况"]["B11"] = "停工工地若干"
            book.save(form)
        folders.append(str(folder))
    lib.close()
    proc = run(FORM_WRITER, str(path), case, str(ROOT), *folders)
    first = proc.stdout.readline().strip().decode()
    time.sleep(0.15)  # inside the next folder's read or its transaction
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    done = [first] + [line.strip().decode() for line in proc.stdout.read().splitlines()]
    lib = open_library(path)
    assert lib.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    per_day: dict[str, int] = {}
    for r in reports(lib, case):
        per_day[r["day"]] = per_day.get(r["day"], 0) + 1
    whole = len(scheme.region("盆地中部地区").members)
    assert all(n == whole for n in per_day.values())  # never a part of a folder
    assert {f"2026-01-{Path(f).name[1:]}" for f in done} <= set(per_day)


def test_two_desks_writing_at_once_do_not_corrupt_the_library(tmp_path):
    path = tmp_path / "cases.sqlite"
    case = a_case(path)
    desks = [run(LEAD_WRITER, str(path), case, str(ROOT), side, "40") for side in ("四川", "重庆")]
    outputs = [p.communicate(timeout=300)[0].decode().split() for p in desks]
    assert [p.returncode for p in desks] == [0, 0] and [len(o) for o in outputs] == [40, 40]
    lib = open_library(path)
    assert lib.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    register = leads(lib, case)
    assert len(register) == 80 and all(x.step == "handed_over" and len(x.steps) == 2 for x in register)
    numbers = [x.lead["number"] for x in register]
    assert len(set(numbers)) == 80  # each desk's numbers counted inside its own write: never the same twice
