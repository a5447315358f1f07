"""The 案例 dock with crafted and damaged cases (issue 22, items 1 and 3): a crafted .hzcase is refused with the
field named and nothing written anywhere; a case an older HazeDesk imported unchecked is opened without writing
outside the state folder; a damaged row leaves the other cases listed and is named in the dock."""

from __future__ import annotations

import hashlib
import json
import os
from datetime import datetime
from pathlib import Path

import pytest

from app.cases.library import LetterChange, open_library
from app.domain.forecast import ForecastMeta
from app.domain.scheme import BEIJING
from app.paths import DEFAULT_SAMPLE, user_state_dir

CONTENT = DEFAULT_SAMPLE.read_bytes()
SHA = hashlib.sha256(CONTENT).hexdigest()


@pytest.fixture
def sample(qtbot):
    from app.gui.controller import Controller
    from app.gui.state import AppState

    controller = Controller(AppState())
    controller.load_forecast_now(DEFAULT_SAMPLE)
    return controller


def make_dock(qtbot, controller, db: Path):
    from app.gui.docks.cases_dock import CasesDock

    dock = CasesDock(controller.state, controller, library_path=db)
    qtbot.addWidget(dock)
    dock.show()
    return dock


def files_under(*roots: Path) -> set[Path]:
    return {p for root in roots for p in root.rglob("*")}


def traversal_targets(folder: Path) -> list[Path]:
    """Where the old code wrote for the corpus's values (the first 16 characters + the suffix)."""
    return [Path(os.path.normpath(folder / "../../../PWNED_A.csv")), Path("/tmp/hazedesk-pw.csv")]


def test_a_crafted_case_file_is_refused_in_the_dock_naming_the_field(qtbot, sample, tmp_path):
    origin = open_library(tmp_path / "origin.sqlite")
    case = origin.create_case("外来案例")
    origin.add_forecast(case, ForecastMeta(source_path="/x/f.csv", sha256=SHA), name="f", content=CONTENT)
    from app.cases.exchange import export_case

    doc = json.loads(export_case(origin, case, tmp_path / "o.hzcase").read_text(encoding="utf-8"))
    doc["tables"]["forecasts"][0]["sha256"] = "../../../PWNED_A"
    crafted = tmp_path / "crafted.hzcase"
    crafted.write_text(json.dumps(doc), encoding="utf-8")
    dock = make_dock(qtbot, sample, tmp_path / "here.sqlite")
    assert dock.import_file(str(crafted)) is None
    assert "forecasts[0].sha256" in dock.message.text() and "sha256" in dock.message.text()
    assert dock.table.rowCount() == 0
    for target in traversal_targets(user_state_dir() / "case-files"):
        assert not target.exists()


def test_opening_a_case_with_a_row_planted_by_an_older_version_writes_only_in_its_folder(qtbot, sample, tmp_path):
    db = tmp_path / "cases.sqlite"
    lib = open_library(db)
    case = lib.create_case("旧版本导入的案例")
    lib.add_forecast(case, ForecastMeta(source_path="/gone/f.csv", sha256=SHA), name="好预报", content=CONTENT)
    for i, bad in enumerate(("../../../PWNED_A", "/tmp/hazedesk-pwned.sh")):
        lib.conn.execute("INSERT INTO forecasts (id, case_id, name, path, sha256, added_at, content) VALUES "
                         "(?, ?, ?, '/gone/x.csv', ?, '2027-01-01T00:00:00+08:00', ?)",
                         (f"bad{i}", case, "坏", bad, b"#!/bin/sh\necho pwned\n"))
    lib.close()
    state = user_state_dir()
    before = files_under(tmp_path, state)
    dock = make_dock(qtbot, sample, db)
    dock.table.selectRow(0)
    dock.open_selected()
    qtbot.waitUntil(lambda: "已打开案例" in dock.message.text(), timeout=10000)
    written = {p for p in files_under(tmp_path, state) - before if not p.name.startswith("cases.sqlite")}
    assert written and all((state / "case-files") in p.parents or p == state / "case-files" for p in written), \
        written
    assert {p.name for p in (state / "case-files").iterdir()} == {SHA[:16] + ".csv"}
    for target in traversal_targets(state / "case-files"):
        assert not target.exists()
    assert "2 份预报的记录已损坏" in dock.message.text() and ".sha256" in dock.message.text()


def test_a_damaged_row_leaves_the_other_cases_listed_and_is_named(qtbot, sample, tmp_path):
    db = tmp_path / "cases.sqlite"
    lib = open_library(db)
    for title in ("好案例", "坏案例"):
        case = lib.create_case(title)
        lib.issue_letter(case, kind="first", issued_at=datetime(2026, 1, 9, 16, tzinfo=BEIJING),
                         changes=[LetterChange("start", "盆地中部地区", "orange",
                                               datetime(2026, 1, 12, tzinfo=BEIJING))])
    lib.conn.execute("UPDATE warnings SET start = 'garbled' WHERE case_id = ?", (case,))
    lib.close()
    dock = make_dock(qtbot, sample, db)
    assert dock.table.rowCount() == 1 and dock.table.item(0, 0).text() == "好案例"
    assert "1 条记录已损坏" in dock.message.text() and "garbled" in dock.message.text()
    dock.open_case(case)  # e.g. the autosave's case: refused, named, nothing put in force
    assert dock.current != case and "未打开" in dock.message.text()
