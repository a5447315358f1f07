"""hazedesk replay --case: each day's letters kept in the case as drafts — never as sent, never in force — once
each, and carried by the case's exchange file (issue 28, "A winter replayed")."""

from __future__ import annotations

import json

from app.cases.exchange import export_case, import_case
from app.cases.library import open_library
from app.cli import main
from app.paths import SAMPLES_DIR

SEASON = sorted((SAMPLES_DIR / "season-winter").glob("forecast-*.csv"))[11:16]  # five mornings of the red spell


def _replay(capsys, db, case, *extra):
    code = main(["replay", "--forecasts", *map(str, SEASON), "--case", case, "--cases-db", str(db), "--json", "-",
                 *extra])
    captured = capsys.readouterr()
    return code, captured


def test_the_letters_are_kept_as_drafts_once(capsys, tmp_path):
    db = tmp_path / "cases.sqlite"
    library = open_library(db)
    case = library.create_case("2025年12月过程复盘")
    library.close()
    code, out = _replay(capsys, db, case)
    assert code == 0, out.err
    result = json.loads(out.out)
    letters = [(x["kind"], x["region"], x["level"]) for day in result["days"] for x in day["letters"]]
    assert letters and result["case"] == {"id": case, "drafts_added": len(letters)}
    library = open_library(db)
    drafts = library.drafts(case)
    assert [(d["kind"], d["region"], d["level"]) for d in drafts] == letters
    assert all(d["forecast_sha256"] and d["issued_at"] for d in drafts)
    assert library.letters(case) == [] and library.warnings_in_force(case) == []  # drafts are never sent
    library.close()
    code, out = _replay(capsys, db, case)  # the same replay again: nothing new
    assert code == 0 and json.loads(out.out)["case"]["drafts_added"] == 0


def test_an_unknown_case_stops_before_the_work(capsys, tmp_path):
    code, out = _replay(capsys, tmp_path / "cases.sqlite", "0123456789abcdef")
    assert code == 2 and "no such case" in out.err and not out.out


def test_the_drafts_travel_in_the_case_file(capsys, tmp_path):
    db = tmp_path / "here.sqlite"
    library = open_library(db)
    case = library.create_case("复盘")
    library.close()
    assert _replay(capsys, db, case)[0] == 0
    library = open_library(db)
    path = export_case(library, case, tmp_path / "复盘.hzcase")
    count = len(library.drafts(case))
    library.close()
    other = open_library(tmp_path / "there.sqlite")
    assert len(other.drafts(import_case(other, path))) == count > 0
