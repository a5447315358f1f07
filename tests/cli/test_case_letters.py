"""``hazedesk case letter`` with a combined file: every letter of it is recorded as its own entry (it was refused:
"this file holds 2 letters, not one"), a rerun records nothing again, and the case travels with all of them."""

from __future__ import annotations

import hashlib
import json

from app.cli import main
from app.paths import DEFAULT_SAMPLE

# spec §7: a lift and an upgrade; 南部 and 成都平原 pending as the forecast has them (keep): two letters
IN_FORCE = [{"region": "盆地东北部地区", "level": "yellow", "start": "2026-01-09T00:00"},
            {"region": "盆地中部地区", "level": "yellow", "start": "2026-01-09T00:00", "end": "2026-01-11T00:00"},
            {"region": "盆地南部地区", "level": "orange", "start": "2026-01-12T00:00"},
            {"region": "成都平原地区", "level": "orange", "start": "2026-01-13T00:00"}]


def _run(capsys, *args):
    code = main([str(a) for a in args])
    return code, capsys.readouterr()


def _combined(capsys, tmp_path, *extra):
    in_force = tmp_path / "in-force.json"
    in_force.write_text(json.dumps(IN_FORCE, ensure_ascii=False), encoding="utf-8")
    docx, pdf = tmp_path / "c.docx", tmp_path / "c.pdf"
    code, res = _run(capsys, "proposal", DEFAULT_SAMPLE, "--in-force", in_force, "--docx", docx, "--pdf", pdf,
                     "--date", "2026-01-09", "--doc-number", "川渝联防办〔2026〕3号", *extra)
    assert code == 0, res.err
    return docx, pdf


def _new_case(capsys, db) -> str:
    code, res = _run(capsys, "case", "--db", db, "new", "2026年1月过程")
    assert code == 0, res.err
    return res.out.strip()


def test_a_combined_file_records_each_letter(capsys, tmp_path):
    docx, pdf = _combined(capsys, tmp_path)
    db = tmp_path / "cases.sqlite"
    case = _new_case(capsys, db)
    code, res = _run(capsys, "case", "--db", db, "letter", case, docx, pdf, "--issued-at", "2026-01-09T16:00+08:00")
    assert code == 0, res.err
    out = json.loads(res.out)
    assert [(x["status"], x["kind"], x["doc_number"]) for x in out["letters"]] == [
        ("recorded", "lift", "川渝联防办〔2026〕3号"), ("recorded", "upgrade", "川渝联防办〔2026〕4号")]
    for k, letter in enumerate(out["letters"], start=1):
        word, paper = letter["files"]
        assert (word["part"], word["parts"], paper["part"], paper["parts"]) == (k, 2, k, 2)
        assert word["sha256"] == hashlib.sha256(docx.read_bytes()).hexdigest()
        assert paper["pages"][0] >= 1
    assert [w["region"] for w in out["in_force"]] == ["盆地中部地区"]
    code, res = _run(capsys, "case", "--db", db, "list")
    [listed] = json.loads(res.out)
    assert listed["letters"] == 2 and listed["in_force"] == 1


def test_a_rerun_records_nothing_again_and_says_so(capsys, tmp_path, monkeypatch):
    docx, pdf = _combined(capsys, tmp_path)
    db = tmp_path / "cases.sqlite"
    case = _new_case(capsys, db)
    assert _run(capsys, "case", "--db", db, "letter", case, docx, pdf)[0] == 0
    code, res = _run(capsys, "case", "--db", db, "letter", case, docx, pdf)
    assert code == 0, res.err
    assert [x["status"] for x in json.loads(res.out)["letters"]] == ["already", "already"]
    assert res.err.count("already in the case: not recorded again") == 2 and "川渝联防办〔2026〕4号" in res.err
    monkeypatch.setenv("HAZEDESK_LANG", "zh")
    code, res = _run(capsys, "case", "--db", db, "letter", case, docx)
    assert code == 0 and res.err.count("该函件已在本案例中，未重复记录") == 2
    code, res = _run(capsys, "case", "--db", db, "list")
    assert json.loads(res.out)[0]["letters"] == 2


def test_the_case_file_round_trips_every_letter(capsys, tmp_path):
    docx, pdf = _combined(capsys, tmp_path)
    db, other = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    case = _new_case(capsys, db)
    assert _run(capsys, "case", "--db", db, "letter", case, docx, pdf)[0] == 0
    exchange = tmp_path / "case.hzcase"
    assert _run(capsys, "case", "--db", db, "export", case, exchange)[0] == 0
    for _ in range(2):  # importing twice changes nothing
        code, res = _run(capsys, "case", "--db", other, "import", exchange)
        assert code == 0 and res.out.strip() == case
    from app.cases.library import open_library

    here, there = open_library(db), open_library(other)
    assert there.letters(case) == here.letters(case) and len(there.letters(case)) == 2
    assert there.warnings_in_force(case) == here.warnings_in_force(case)


def test_a_file_that_is_no_letter_records_nothing(capsys, tmp_path):
    docx, pdf = _combined(capsys, tmp_path)
    db = tmp_path / "cases.sqlite"
    case = _new_case(capsys, db)
    stray = tmp_path / "notes.pdf"
    stray.write_bytes(b"%PDF-1.4 not a letter")
    code, res = _run(capsys, "case", "--db", db, "letter", case, docx, stray)
    assert code == 2 and "notes.pdf" in res.err and "Traceback" not in res.err
    code, res = _run(capsys, "case", "--db", db, "list")
    assert json.loads(res.out)[0]["letters"] == 0


def test_a_letter_under_a_number_already_used_is_refused(capsys, tmp_path):
    docx, pdf = _combined(capsys, tmp_path)
    db = tmp_path / "cases.sqlite"
    case = _new_case(capsys, db)
    assert _run(capsys, "case", "--db", db, "letter", case, docx, pdf)[0] == 0
    later = tmp_path / "later"
    later.mkdir()
    again = _combined(capsys, later, "--signer", "川渝联防办")  # another letter with the same numbers
    code, res = _run(capsys, "case", "--db", db, "letter", case, *again)
    assert code == 2 and "different letter with this document number" in res.err and "Traceback" not in res.err
    code, res = _run(capsys, "case", "--db", db, "list")
    assert json.loads(res.out)[0]["letters"] == 2
