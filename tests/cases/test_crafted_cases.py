"""A crafted .hzcase (issue 22, item 1): no value read from it becomes a path outside the desk's folders.

The corpus: a forecast row's sha256 (used as a file name when the case is opened) set to traversals, absolute
paths, Windows drive and UNC names, backslashes, a NUL and an overlong name; and a symlink planted where the copy
is written. Every one is refused whole on import, naming the field; a library row an older HazeDesk wrote anyway
is left out when the case is opened, and named; nothing is ever written outside the folder given.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from datetime import datetime
from pathlib import Path

import pytest

from app.cases.exchange import export_case, import_case
from app.cases.library import open_library
from app.domain.forecast import ForecastMeta
from app.domain.scheme import BEIJING
from app.errors import InputError

CONTENT = b"time,city,pm25\n2026-01-12 00:00,\xe6\x88\x90\xe9\x83\xbd,80\n"
SHA = hashlib.sha256(CONTENT).hexdigest()

# values that must never become a file name (the first 16 characters are what the old code used)
CORPUS = {
    "traversal": "../../../PWNED_A",
    "traversal-long": "../../../../../../../../tmp/PWNED_B" + "0" * 30,
    "absolute": "/tmp/hazedesk-pwned-evil.sh",
    "backslashes": "..\\..\\..\\PWNED_C",
    "windows-drive": "C:\\Windows\\Temp\\PWNED_D",
    "unc": "\\\\server\\share\\PWNED_E",
    "nul": "ab" * 8 + "\x00" + "c" * 47,
    "overlong": "a" * 5000,
    "uppercase-hex": SHA.upper(),
    "too-short": SHA[:63],
    "not-text": 12345,
}


def make_case(tmp_path: Path) -> dict:
    lib = open_library(tmp_path / "origin.sqlite")
    case = lib.create_case("2026-01 过程")
    lib.add_forecast(case, ForecastMeta(source_path="/elsewhere/f.csv", sha256=SHA,
                                        issued_at=datetime(2026, 1, 9, 10, tzinfo=BEIJING)),
                     name="区域中心", content=CONTENT)
    out = export_case(lib, case, tmp_path / "origin.hzcase")
    lib.close()
    return json.loads(out.read_text(encoding="utf-8"))


def write(doc: dict, path: Path) -> Path:
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def everything_under(root: Path) -> set[Path]:
    return {p for p in root.rglob("*")}


@pytest.mark.parametrize("kind", sorted(CORPUS))
def test_a_crafted_sha256_is_refused_naming_the_field(tmp_path, kind):
    doc = make_case(tmp_path)
    doc["tables"]["forecasts"][0]["sha256"] = CORPUS[kind]
    crafted = write(doc, tmp_path / "crafted.hzcase")
    lib = open_library(tmp_path / "here" / "cases.sqlite")
    with pytest.raises(InputError) as caught:
        import_case(lib, crafted)
    problem = caught.value.problem
    assert problem.column == "forecasts[0].sha256"
    assert problem.file == str(crafted)
    assert "64 hexadecimal digits" in problem.expected
    assert lib.list_cases() == []  # refused whole: not even the case row


@pytest.mark.parametrize("column", ["forecast_sha256", "digest"])
def test_other_checksums_of_the_case_are_checked_too(tmp_path, column):
    doc = make_case(tmp_path)
    doc["tables"]["letters"] = [{"id": "l1", "case_id": doc["case"]["id"], "number": "", "date": "2026-01-09",
                                 "kind": "first", "issued_at": "2026-01-09T16:00:00+08:00", "changes": "[]",
                                 "files": "[]", "forecast_sha256": "", "digest": ""}]
    doc["tables"]["letters"][0][column] = "../../x"
    with pytest.raises(InputError) as caught:
        import_case(open_library(tmp_path / "cases.sqlite"), write(doc, tmp_path / "c.hzcase"))
    assert caught.value.problem.column == f"letters[0].{column}"


@pytest.mark.parametrize("path", ["/x/f\x00.csv", "x" * 5000])
def test_a_recorded_path_with_a_nul_or_overlong_is_refused(tmp_path, path):
    doc = make_case(tmp_path)
    doc["tables"]["forecasts"][0]["path"] = path
    with pytest.raises(InputError) as caught:
        import_case(open_library(tmp_path / "cases.sqlite"), write(doc, tmp_path / "c.hzcase"))
    assert caught.value.problem.column == "forecasts[0].path"


def test_a_letter_file_path_and_a_consultation_source_are_checked(tmp_path):
    doc = make_case(tmp_path)
    case_id = doc["case"]["id"]
    doc["tables"]["letters"] = [{"id": "l1", "case_id": case_id, "date": "2026-01-09", "kind": "first",
                                 "issued_at": "2026-01-09T16:00:00+08:00", "changes": "[]",
                                 "files": json.dumps([{"path": "/a.docx", "sha256": "../../../x"}])}]
    with pytest.raises(InputError) as caught:
        import_case(open_library(tmp_path / "a.sqlite"), write(doc, tmp_path / "a.hzcase"))
    assert caught.value.problem.column == "letters[0].files[0].sha256"
    doc["tables"]["letters"] = []
    doc["tables"]["consultations"] = [{"id": "c1", "case_id": case_id, "decided_at": "2026-01-09T16:00:00+08:00",
                                       "data": json.dumps({"sources": [{"name": "a", "path": "/a\x00.csv",
                                                                        "sha256": SHA}],
                                                           "consensus": {}, "regions": {}})}]
    with pytest.raises(InputError) as caught:
        import_case(open_library(tmp_path / "b.sqlite"), write(doc, tmp_path / "b.hzcase"))
    assert caught.value.problem.column == "consultations[0].data.sources[0].path"


def test_stored_content_must_be_the_file_its_sha256_names(tmp_path):
    doc = make_case(tmp_path)
    doc["tables"]["forecasts"][0]["content"] = base64.b64encode(b"#!/bin/sh\nrm -rf ~\n").decode()
    with pytest.raises(InputError) as caught:
        import_case(open_library(tmp_path / "cases.sqlite"), write(doc, tmp_path / "c.hzcase"))
    assert caught.value.problem.column == "forecasts[0].content"


def test_the_sound_case_still_imports_and_opens_inside_its_folder(tmp_path):
    doc = make_case(tmp_path)
    lib = open_library(tmp_path / "here.sqlite")
    case = import_case(lib, write(doc, tmp_path / "sound.hzcase"))
    folder = tmp_path / "state" / "case-files"
    [(name, path)] = lib.forecast_files(case, folder)
    assert name == "区域中心" and path.parent == folder and path.read_bytes() == CONTENT
    assert path.name == SHA[:16] + ".csv"


def plant_row(lib, case: str, sha, path: str = "/elsewhere/f.csv") -> None:
    """A forecast row as an older HazeDesk imported it, without any check."""
    lib.conn.execute("INSERT INTO forecasts (id, case_id, name, source, path, sha256, added_at, content) VALUES "
                     "(?, ?, ?, '', ?, ?, '2026-01-09T10:00:00+08:00', ?)",
                     (f"r{abs(hash(str(sha))) % 10**8}", case, "planted", path, sha, b"#!/bin/sh\necho pwned\n"))


@pytest.mark.parametrize("kind", ["traversal", "absolute", "backslashes", "windows-drive", "unc", "nul"])
def test_a_bad_row_already_in_the_library_writes_nothing_and_is_named(tmp_path, kind):
    root = tmp_path / "a" / "b" / "c"
    folder = root / "state" / "case-files"
    lib = open_library(root / "state" / "cases.sqlite")
    case = lib.create_case("old")
    plant_row(lib, case, CORPUS[kind])
    before = everything_under(tmp_path)
    problems: list = []
    assert lib.forecast_files(case, folder, problems) == []
    after = everything_under(tmp_path) - before
    assert all(folder in p.parents or p == folder for p in after), after
    assert not Path(CORPUS["absolute"]).exists()
    [problem] = problems
    assert problem.column.startswith("forecasts r") and problem.column.endswith(".sha256")
    assert problem.severity == "warning" and problem.action == "excluded"


def test_a_symlink_planted_in_the_case_folder_is_not_followed(tmp_path):
    folder = tmp_path / "state" / "case-files"
    folder.mkdir(parents=True)
    outside = tmp_path / "outside.csv"
    outside.write_text("precious", encoding="utf-8")
    (folder / f"{SHA[:16]}.csv").symlink_to(outside)
    lib = open_library(tmp_path / "state" / "cases.sqlite")
    case = lib.create_case("c")
    lib.add_forecast(case, ForecastMeta(source_path="/elsewhere/f.csv", sha256=SHA), name="f", content=CONTENT)
    problems: list = []
    assert lib.forecast_files(case, folder, problems) == []
    assert outside.read_text(encoding="utf-8") == "precious"
    assert problems and "symbolic link" in problems[0].message


def test_a_recorded_path_that_is_a_fifo_is_not_opened(tmp_path):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    lib = open_library(tmp_path / "cases.sqlite")
    case = lib.create_case("c")
    lib.add_forecast(case, ForecastMeta(source_path=str(fifo), sha256=SHA), name="f", content=CONTENT)
    [(_, path)] = lib.forecast_files(case, tmp_path / "copies")  # the copy, without blocking on the pipe
    assert path.parent == tmp_path / "copies"
