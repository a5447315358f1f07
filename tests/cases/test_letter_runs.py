"""Every letter of a run in the case library: a combined file's letters (2 or 3 in one .docx/.pdf) are each their
own entry — type, 发文字号, sender and recipients, issue time, the file they live in with their part and pages,
the file's sha256 — recorded in one transaction, once (a rerun records nothing again), and carried by the case
exchange file."""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from app.cases.exchange import export_case, import_case
from app.cases.library import CaseLibrary, open_library
from app.cases.schema import MIGRATIONS, VERSION
from app.cli import main
from app.domain.scheme import BEIJING
from app.errors import InputError, WriteError
from app.export.case_letters import record_letters
from app.export.proposal_readback import read_issued_letters
from app.paths import DEFAULT_SAMPLE

OFFICE = "川渝地区秋冬季重污染天气应急联动工作小组办公室"
WHEN = datetime(2026, 1, 9, 16, tzinfo=BEIJING)
# spec §7: 东北部 lifted, 中部 upgraded; 南部 and 成都平原 pending as the forecast has them (keep): two letters
IN_FORCE = [{"region": "盆地东北部地区", "level": "yellow", "start": "2026-01-09T00:00"},
            {"region": "盆地中部地区", "level": "yellow", "start": "2026-01-09T00:00",
             "end": "2026-01-11T00:00"},
            {"region": "盆地南部地区", "level": "orange", "start": "2026-01-12T00:00"},
            {"region": "成都平原地区", "level": "orange", "start": "2026-01-13T00:00"}]


def _proposal(tmp_path: Path, stem: str, *args: str) -> tuple[Path, Path]:
    docx, pdf = tmp_path / f"{stem}.docx", tmp_path / f"{stem}.pdf"
    code = main(["proposal", str(DEFAULT_SAMPLE), "--docx", str(docx), "--pdf", str(pdf), "--date", "2026-01-09",
                 *args])
    assert code == 0
    return docx, pdf


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """A follow-up run of two letters (lift, upgrade) and a per-side run of three start letters, each written
    as one combined .docx and .pdf, and the follow-ups also one file each (--split)."""
    folder = tmp_path_factory.mktemp("letters")
    in_force = folder / "in-force.json"
    in_force.write_text(json.dumps(IN_FORCE, ensure_ascii=False), encoding="utf-8")
    follow = ("--in-force", str(in_force), "--doc-number", "川渝联防办〔2026〕3号")
    two = _proposal(folder, "two", *follow)
    split = folder / "split"
    split.mkdir()
    _proposal(split, "f", *follow, "--split")
    three = _proposal(folder, "three", "--episode", "1", "--per-side", "--doc-number",
                      "川渝联防办〔2026〕5号；川环函〔2026〕17号；渝环函〔2026〕8号")
    return {"two": two, "three": three, "split": sorted(split.glob("f-*"))}


def _pdf_pages(path: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", path.read_bytes()))


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_each_letter_of_a_combined_file_is_its_own_entry(runs, tmp_path):
    docx, pdf = runs["two"]
    lib = open_library(tmp_path / "cases.sqlite")
    case = lib.create_case("t")
    recorded = record_letters(lib, case, [docx, pdf], issued_at=WHEN)
    assert [r.status for r in recorded] == ["recorded", "recorded"]
    letters = lib.letters(case)
    assert [(x["kind"], x["number"]) for x in letters] == [("lift", "川渝联防办〔2026〕3号"),
                                                           ("upgrade", "川渝联防办〔2026〕4号")]
    for k, letter in enumerate(letters, start=1):
        assert letter["sender"] == OFFICE and "生态环境局" in letter["recipients"]
        assert letter["issued_at"] == WHEN.isoformat() and letter["date"] == "2026-01-09"
        assert letter["title"].startswith("关于") and len(letter["digest"]) == 64
        word, paper = letter["files"]
        assert (word["path"], word["sha256"], word["part"], word["parts"]) == (str(docx.resolve()), _sha(docx), k, 2)
        assert "pages" not in word  # Word lays out its own pages
        assert (paper["path"], paper["sha256"], paper["part"], paper["parts"]) == (str(pdf.resolve()), _sha(pdf), k, 2)
    first, second = (x["files"][1]["pages"] for x in letters)
    assert first[0] == 1 and second == [first[1] + 1, _pdf_pages(pdf)]
    # the case's timeline: both letters in order, the follow-up acting on the case's warnings
    assert [w.region for w in lib.warnings_in_force(case)] == ["盆地中部地区"]
    [summary] = lib.list_cases()
    assert summary.letters == 2


def test_pages_are_where_each_letter_stands(runs):
    """The pages the record gives are the pages the reader sees: each letter's first page carries its own
    发文字号 (checked on the text of the PDF)."""
    import shutil
    import subprocess

    pdf = runs["three"][1]
    letters = read_issued_letters(pdf)
    assert [x.part for x in letters] == [1, 2, 3] and all(x.parts == 3 for x in letters)
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) not installed")
    for letter in letters:
        first, last = letter.pages
        page = subprocess.run(["pdftotext", "-f", str(first), "-l", str(first), str(pdf), "-"], capture_output=True,
                              text=True, check=True).stdout
        assert page.lstrip().startswith(letter.doc_number)
        if letter.part > 1:  # and the page before belongs to the letter before
            before = subprocess.run(["pdftotext", "-f", str(first - 1), "-l", str(first - 1), str(pdf), "-"],
                                    capture_output=True, text=True, check=True).stdout
            assert letter.doc_number not in before


def test_three_letters_of_three_senders(runs, tmp_path):
    lib = open_library(tmp_path / "cases.sqlite")
    case = lib.create_case("t")
    record_letters(lib, case, list(runs["three"]), issued_at=WHEN)
    letters = lib.letters(case)
    assert [(x["number"], x["sender"]) for x in letters] == [
        ("川渝联防办〔2026〕5号", OFFICE), ("川环函〔2026〕17号", "四川省生态环境厅"),
        ("渝环函〔2026〕8号", "重庆市生态环境局")]
    assert letters[1]["recipients"].startswith("四川省") and letters[2]["recipients"].startswith("重庆市")
    assert [x["files"][0]["part"] for x in letters] == [1, 2, 3]


def test_a_rerun_records_nothing_again(runs, tmp_path):
    docx, pdf = runs["two"]
    lib = open_library(tmp_path / "cases.sqlite")
    case = lib.create_case("t")
    record_letters(lib, case, [docx, pdf], issued_at=WHEN)
    before = lib.case(case)
    again = record_letters(lib, case, [docx, pdf], issued_at=WHEN.replace(hour=18))
    assert [r.status for r in again] == ["already", "already"] and not any(r.added_files for r in again)
    assert lib.case(case) == before  # not a row more, not even the case's time stamp
    # the same letters from their own files (--split): still the two entries, which now know those files too
    again = record_letters(lib, case, runs["split"], issued_at=WHEN.replace(hour=18))
    assert [r.status for r in again] == ["already", "already"]
    letters = lib.letters(case)
    assert len(letters) == 2 and [len(x["files"]) for x in letters] == [4, 4]
    assert [Path(f["path"]).name for f in letters[0]["files"][2:]] == ["f-1-解除-盆地东北部地区.docx",
                                                                       "f-1-解除-盆地东北部地区.pdf"]
    assert lib.case(case)["warnings"] == before["warnings"]


def test_a_single_letter_recorded_twice_is_kept_once(runs, tmp_path):
    """What holds for a combined file holds for a single letter (it used to be recorded twice)."""
    lib = open_library(tmp_path / "cases.sqlite")
    case = lib.create_case("t")
    one = runs["split"][0]
    assert [r.status for r in record_letters(lib, case, [one])] == ["recorded"]
    assert [r.status for r in record_letters(lib, case, [one])] == ["already"]
    [letter] = lib.letters(case)
    assert "part" not in letter["files"][0]  # a letter alone in its file


def test_another_letter_under_a_number_the_case_has_is_refused(runs, tmp_path):
    lib = open_library(tmp_path / "cases.sqlite")
    case = lib.create_case("t")
    record_letters(lib, case, list(runs["two"]), issued_at=WHEN)
    before = lib.case(case)
    # the same numbers on letters of another date: other letters, not the ones issued
    other = _proposal(tmp_path, "other", "--in-force", str(_in_force(tmp_path)), "--doc-number",
                      "川渝联防办〔2026〕2号", "--date", "2026-01-10")
    with pytest.raises(InputError) as refused:
        record_letters(lib, case, list(other), issued_at=WHEN)
    problem = refused.value.problems[0]
    assert "different letter with this document number" in problem.message and problem.value == "川渝联防办〔2026〕3号"
    assert problem.localized("zh").message.startswith("本案例已有另一件使用该文号的函件")
    assert lib.case(case) == before  # its first letter (2号, new) was not recorded either


def _in_force(folder: Path) -> Path:
    path = folder / "in-force.json"
    path.write_text(json.dumps(IN_FORCE, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_failure_mid_way_records_none_of_the_letters(runs, tmp_path, monkeypatch):
    lib = open_library(tmp_path / "cases.sqlite")
    case = lib.create_case("t")
    before = lib.case(case)
    calls = []
    original = CaseLibrary._insert_letter

    def second_fails(self, db, *args):
        calls.append(1)
        if len(calls) == 3:
            raise sqlite3.OperationalError("disk I/O error")
        return original(self, db, *args)

    monkeypatch.setattr(CaseLibrary, "_insert_letter", second_fails)
    with pytest.raises(WriteError, match="input/output error"):
        record_letters(lib, case, list(runs["three"]), issued_at=WHEN)
    assert len(calls) == 3 and lib.case(case) == before  # the two letters before it are gone with it
    monkeypatch.setattr(CaseLibrary, "_insert_letter", original)
    assert len(record_letters(lib, case, list(runs["three"]), issued_at=WHEN)) == 3


def test_an_unreadable_file_records_nothing(runs, tmp_path):
    lib = open_library(tmp_path / "cases.sqlite")
    case = lib.create_case("t")
    stray = tmp_path / "notes.docx"
    stray.write_bytes(b"not a letter")
    with pytest.raises(InputError, match="notes.docx"):
        record_letters(lib, case, [*runs["two"], stray])
    assert lib.letters(case) == []


def test_a_locked_library_says_so_and_records_nothing(runs, tmp_path):
    path = tmp_path / "cases.sqlite"
    lib = open_library(path)
    case = lib.create_case("t")
    lib.conn.execute("PRAGMA busy_timeout = 200")  # not the 10 s a desk waits for the other writer
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(WriteError) as locked:
            record_letters(lib, case, list(runs["two"]), issued_at=WHEN)
        assert "another program is writing the library" in str(locked.value) and str(path) in str(locked.value)
        assert "另一程序正在写入案例库" in locked.value.render("zh")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert lib.letters(case) == []
    assert len(record_letters(lib, case, list(runs["two"]), issued_at=WHEN)) == 2


def test_a_read_only_library_says_so(runs, tmp_path):
    path = tmp_path / "cases.sqlite"
    lib = open_library(path)
    case = lib.create_case("t")
    lib.close()
    read_only = CaseLibrary.__new__(CaseLibrary)  # as on a write-protected share: SQLite opens it to read only
    read_only.path = path
    read_only.conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
    read_only.conn.row_factory = sqlite3.Row
    with pytest.raises(WriteError, match="read-only"):
        record_letters(read_only, case, list(runs["two"]), issued_at=WHEN)
    assert read_only.letters(case) == []


def test_the_exchange_file_carries_every_letter(runs, tmp_path):
    origin = open_library(tmp_path / "a.sqlite")
    case = origin.create_case("t")
    record_letters(origin, case, list(runs["two"]), issued_at=WHEN)
    record_letters(origin, case, list(runs["three"]), issued_at=WHEN.replace(hour=18))
    path = export_case(origin, case, tmp_path / "case.hzcase")
    other = open_library(tmp_path / "b.sqlite")
    assert import_case(other, path) == case
    assert other.letters(case) == origin.letters(case) and len(other.letters(case)) == 5
    assert other.warnings_in_force(case) == origin.warnings_in_force(case)
    assert other.issued_warnings(case) == origin.issued_warnings(case)
    copy = other.case(case)
    import_case(other, path)
    assert other.case(case) == copy  # twice changes nothing
    # recorded again at the other office from the same files: nothing new there either
    assert {r.status for r in record_letters(other, case, list(runs["three"]))} == {"already"}


def test_a_letter_both_offices_recorded_is_kept_once(runs, tmp_path):
    """Each office recorded the same combined file in the shared case: importing the other's copy keeps one
    entry per letter and the warnings as they are (the same letter under two ids used to be two letters)."""
    a = open_library(tmp_path / "a.sqlite")
    case = a.create_case("t")
    b = open_library(tmp_path / "b.sqlite")
    import_case(b, export_case(a, case, tmp_path / "empty.hzcase"))
    record_letters(a, case, list(runs["two"]), issued_at=WHEN)
    record_letters(b, case, list(runs["two"]), issued_at=WHEN.replace(hour=17))
    mine = b.case(case)
    import_case(b, export_case(a, case, tmp_path / "a.hzcase"))
    assert b.case(case)["letters"] == mine["letters"] and b.case(case)["warnings"] == mine["warnings"]
    import_case(a, export_case(b, case, tmp_path / "b.hzcase"))
    assert len(a.letters(case)) == 2 and a.warnings_in_force(case) == b.warnings_in_force(case)


def test_letters_recorded_before_the_upgrade_are_recognised(runs, tmp_path):
    """A version-2 library (letters without digest or sender): it is migrated, and its letter recorded again from
    the same file is recognised (by type, number and changes) rather than recorded twice."""
    path = tmp_path / "old.sqlite"
    conn = sqlite3.connect(path, isolation_level=None)
    for script in MIGRATIONS[:2]:
        conn.executescript(script)
    conn.execute("PRAGMA user_version = 2")
    conn.execute("INSERT INTO cases (id, title, created_at, updated_at) VALUES ('c', 't', ?, ?)",
                 (WHEN.isoformat(), WHEN.isoformat()))
    one = runs["split"][0]
    [letter] = read_issued_letters(one)
    changes = [{"action": c.action, "region": c.region, "level": c.level,
                "start": c.start.isoformat() if c.start else None, "end": None} for c in letter.changes]
    conn.execute("INSERT INTO letters VALUES ('old', 'c', ?, '2026-01-09', 'lift', ?, ?, '[]', '')",
                 (letter.doc_number, WHEN.isoformat(), json.dumps(changes, ensure_ascii=False)))
    conn.close()
    lib = open_library(path)
    assert lib.conn.execute("PRAGMA user_version").fetchone()[0] == VERSION >= 3
    [recorded] = record_letters(lib, "c", [one])
    assert (recorded.letter_id, recorded.status) == ("old", "already")
    [row] = lib.letters("c")
    assert row["digest"] == letter.digest and row["sender"] == OFFICE


def test_a_case_file_from_the_previous_version_still_imports(runs, tmp_path):
    """A .hzcase written by a HazeDesk with schema 2 (letters without digest, title, sender, recipients) imports,
    and its letters are recognised when recorded again from their files."""
    origin = open_library(tmp_path / "a.sqlite")
    case = origin.create_case("t")
    record_letters(origin, case, list(runs["two"]), issued_at=WHEN)
    path = export_case(origin, case, tmp_path / "case.hzcase")
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["schema"] = 2
    for row in doc["tables"]["letters"]:
        for key in ("digest", "title", "sender", "recipients"):
            row.pop(key)
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    other = open_library(tmp_path / "b.sqlite")
    import_case(other, path)
    assert [(x["number"], x["digest"]) for x in other.letters(case)] == [("川渝联防办〔2026〕3号", ""),
                                                                        ("川渝联防办〔2026〕4号", "")]
    assert {r.status for r in record_letters(other, case, list(runs["two"]))} == {"already"}
    assert [x["sender"] for x in other.letters(case)] == [OFFICE, OFFICE]
