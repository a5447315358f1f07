"""One bad .hzcase must not hide the whole library (issue 22, item 3).

A case file with an unreadable time, a wrong enumeration or a wrong type is refused on import, naming the field;
a library that holds such a row anyway (an older HazeDesk imported it unchecked) lists the other cases and names
the bad row — ``case list`` (exit 0, the row on stderr), ``review --case`` (exit 2 for the damaged case, the others
reviewed as before).
"""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from app.cases.exchange import export_case, import_case
from app.cases.library import LetterChange, open_library
from app.cli import main
from app.domain.scheme import BEIJING
from app.errors import InputError
from app.paths import SAMPLES_DIR

OBS = str(SAMPLES_DIR / "observed-regional-orange-daily.csv")
FC = str(SAMPLES_DIR / "sample-regional-orange.csv")


def bj(*args) -> datetime:
    return datetime(*args, tzinfo=BEIJING)


def case_with_a_letter(lib, title="过程") -> str:
    case = lib.create_case(title)
    lib.issue_letter(case, kind="first", issued_at=bj(2026, 1, 9, 16), number=f"{title}1号",
                     changes=[LetterChange("start", "盆地中部地区", "orange", bj(2026, 1, 12))])
    return case


def exported(tmp_path) -> dict:
    lib = open_library(tmp_path / "origin.sqlite")
    case = case_with_a_letter(lib)
    doc = json.loads(export_case(lib, case, tmp_path / "o.hzcase").read_text(encoding="utf-8"))
    lib.close()
    return doc


@pytest.mark.parametrize("table, column, value", [
    ("warnings", "start", "next Tuesday"),
    ("warnings", "start", 20260112),
    ("warnings", "level", "purple"),
    ("letters", "issued_at", "2026-13-45T99:00"),
    ("letters", "kind", "rm -rf"),
    ("letters", "date", "09/01/2026"),
    ("letters", "changes", "[{\"action\": \"start\", \"region\": \"x\", \"level\": \"orange\", \"start\": \"soon\"}]"),
    ("letters", "changes", "{\"not\": \"a list\"}"),
    ("letters", "number", ["a", "list"]),
    ("letters", "title", "x" * 70_000),
])
def test_every_field_is_checked_on_import(tmp_path, table, column, value):
    doc = exported(tmp_path)
    doc["tables"][table][0][column] = value
    path = tmp_path / "bad.hzcase"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    lib = open_library(tmp_path / "cases.sqlite")
    with pytest.raises(InputError) as caught:
        import_case(lib, path)
    assert caught.value.problem.column.startswith(f"{table}[0].{column}")
    assert caught.value.problem.file == str(path)
    assert lib.list_cases() == []


@pytest.mark.parametrize("case_field, value", [("created_at", "yesterday"), ("status", "archived"),
                                               ("id", "../../etc"), ("title", None)])
def test_the_case_row_itself_is_checked(tmp_path, case_field, value):
    doc = exported(tmp_path)
    doc["case"][case_field] = value
    for rows in doc["tables"].values():  # keep the rows with the case
        for row in rows:
            row["case_id"] = doc["case"]["id"]
    path = tmp_path / "bad.hzcase"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        import_case(open_library(tmp_path / "cases.sqlite"), path)
    assert caught.value.problem.column == f"case.{case_field}"


def planted_library(tmp_path):
    """Two sound cases and one whose warning has an unreadable start (written by an older HazeDesk)."""
    db = tmp_path / "cases.sqlite"
    lib = open_library(db)
    good = case_with_a_letter(lib, "好案例")
    other = case_with_a_letter(lib, "另一个")
    bad = case_with_a_letter(lib, "坏案例")
    lib.conn.execute("UPDATE warnings SET start = 'not a time' WHERE case_id = ?", (bad,))
    return db, lib, (good, other, bad)


def test_a_damaged_row_leaves_the_rest_listed_and_is_named(tmp_path):
    _db, lib, (good, other, bad) = planted_library(tmp_path)
    assert {c.id for c in lib.list_cases()} == {good, other}
    [problem] = lib.damaged
    assert problem.column.startswith("warnings ") and problem.column.endswith(".start")
    assert problem.value == "not a time" and problem.severity == "warning" and problem.action is None


def test_case_list_on_the_command_line_lists_the_rest(tmp_path, capsys):
    db, _lib, (good, other, bad) = planted_library(tmp_path)
    assert main(["case", "--db", str(db), "list"]) == 0
    out = capsys.readouterr()
    assert {c["id"] for c in json.loads(out.out)} == {good, other}
    assert "damaged row" in out.err and ".start" in out.err and "not a time" in out.err


def test_review_of_the_damaged_case_exits_2_and_of_a_sound_one_works(tmp_path, capsys):
    db, _lib, (good, _other, bad) = planted_library(tmp_path)
    assert main(["review", "--observed", OBS, "--forecast", FC, "--case", bad, "--cases-db", str(db)]) == 2
    err = capsys.readouterr().err
    assert ".start" in err and "not a time" in err and "Traceback" not in err
    assert main(["review", "--observed", OBS, "--forecast", FC, "--case", good, "--cases-db", str(db)]) == 0
    assert json.loads(capsys.readouterr().out)["regions"]["盆地中部地区"]["issued_warnings"]


def test_a_damaged_consultation_row_is_named_too(tmp_path):
    lib = open_library(tmp_path / "cases.sqlite")
    good = case_with_a_letter(lib, "好")
    bad = case_with_a_letter(lib, "坏")
    lib.conn.execute("INSERT INTO consultations VALUES ('c1', ?, '2026-01-09T16:00:00+08:00', ?)",
                     (bad, json.dumps({"sources": "not a list", "consensus": {}, "regions": {}})))
    assert [c.id for c in lib.list_cases()] == [good]
    [problem] = lib.damaged
    assert problem.column == "consultations c1.data.sources"
