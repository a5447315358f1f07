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
    assert problem.severity == "warning" and problem.action is None


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


def test_a_letter_record_with_a_crafted_forecast_checksum_is_refused(tmp_path):
    """A letter read back (a file from another office) carries a forecast sha256 the library keeps: a crafted one
    is refused when read, before it could leave a row that hides its case."""
    from app.domain.engine import evaluate
    from app.domain.proposal import OfficerFields, build_proposal
    from app.domain.scheme import load_scheme
    from app.export.letters import export_proposal
    from app.export.proposal_record import _digest, parse_records
    from app.export.record_files import docx_record_text
    from app.importing import load_forecast
    from app.paths import DEFAULT_SAMPLE
    from maps.adjacency import scheme_adjacency

    scheme = load_scheme()
    forecast = load_forecast(DEFAULT_SAMPLE)
    evaluation = evaluate(forecast, scheme, scheme_adjacency(scheme).neighbours)
    letter = build_proposal(evaluation, forecast.meta, scheme, episodes=[0],
                            officer=OfficerFields(doc_number="川渝联防办〔2026〕1号"))
    docx = tmp_path / "letter.docx"
    export_proposal(letter, scheme=scheme, meta=forecast.meta, docx=docx)
    record = json.loads(docx_record_text(str(docx)))
    assert parse_records(json.dumps(record), "x.docx", scheme)[0].forecast_sha256 == forecast.meta.sha256
    for field, value in (("forecast_sha256", "../../../PWNED"), ("sender", "x" * 5000)):
        crafted = {**record, field: value}
        crafted["digest"] = _digest(crafted)  # a crafted file can carry a matching checksum
        with pytest.raises(InputError) as caught:
            parse_records(json.dumps(crafted), "x.docx", scheme)
        assert caught.value.problem.column == field


def test_the_library_never_stores_a_forecast_under_a_crafted_checksum(tmp_path):
    lib = open_library(tmp_path / "cases.sqlite")
    case = lib.create_case("c")
    for bad in ("../../x", "/abs", SHA.upper()):
        with pytest.raises(InputError):
            lib.add_forecast(case, ForecastMeta(source_path="/x/f.csv", sha256=bad), name="f")
    assert lib.case(case)["forecasts"] == []


def test_a_consultation_record_with_a_crafted_source_is_refused(tmp_path, capsys):
    from app.cli import main

    record = tmp_path / "record.json"
    record.write_text(json.dumps({"sources": [{"name": "a", "path": "/x.csv", "sha256": "../../../PWNED"}],
                                  "regions": {}, "consensus": {}}), encoding="utf-8")
    lib_path = tmp_path / "cases.sqlite"
    case = open_library(lib_path).create_case("c")
    assert main(["case", "--db", str(lib_path), "consultation", case, str(record)]) == 2
    assert "sources.sha256" in capsys.readouterr().err
    assert open_library(lib_path).case(case)["consultations"] == []


def test_a_crafted_whole_library_file_is_refused_naming_the_case_and_field(tmp_path, capsys):
    """hazedesk case export --all (the yearly handover) is merged by the same checks as one case."""
    from app.cases.handover import export_library
    from app.cli import main

    lib = open_library(tmp_path / "origin.sqlite")
    case = lib.create_case("c")
    lib.add_forecast(case, ForecastMeta(source_path="/x/f.csv", sha256=SHA), name="f", content=CONTENT)
    doc = json.loads(export_library(lib, tmp_path / "all.hzcase").read_text(encoding="utf-8"))
    doc["cases"][0]["tables"]["forecasts"][0]["sha256"] = "../../../PWNED_A"
    crafted = tmp_path / "crafted-all.hzcase"
    crafted.write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    here = tmp_path / "here.sqlite"
    assert main(["case", "--db", str(here), "import", str(crafted)]) == 2
    assert "cases[0].forecasts[0].sha256" in capsys.readouterr().err
    assert open_library(here).list_cases() == []
