"""The case library: letters carry the warnings in force, cases travel between offices, the file survives kills."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

from app.cases.exchange import export_case, import_case
from app.cases.library import LetterChange, open_library
from app.cases.notices import import_city_notices
from app.cases.schema import VERSION
from app.domain.forecast import ForecastMeta
from app.domain.scheme import BEIJING
from app.errors import InputError

ROOT = Path(__file__).resolve().parents[2]
HEADER_SHA = hashlib.sha256(b"time,city,pm25\n").hexdigest()  # a case file's stored copy is its sha256's file


def bj(*args) -> datetime:
    return datetime(*args, tzinfo=BEIJING)


def carry_a_case(lib, tmp_path):
    """First letter (two regions, orange), upgrade of one to red, then a lift of both."""
    case = lib.create_case("2026-01 盆地橙色过程")
    lib.add_forecast(case, ForecastMeta(source_path="/x/f.csv", sha256=HEADER_SHA, issued_at=bj(2026, 1, 9, 10)),
                     name="区域中心", content=b"time,city,pm25\n")
    letter = tmp_path / "first.docx"
    letter.write_bytes(b"letter one")
    lib.issue_letter(case, kind="start", number="川渝预警〔2026〕1号", issued_at=bj(2026, 1, 9, 16),
                     files=[letter], changes=[
                         LetterChange("start", "成都平原地区", "orange", bj(2026, 1, 12), bj(2026, 1, 15, 23)),
                         LetterChange("start", "盆地南部地区", "orange", bj(2026, 1, 12), bj(2026, 1, 15, 23))])
    lib.issue_letter(case, kind="upgrade", number="川渝预警〔2026〕2号", issued_at=bj(2026, 1, 12, 15),
                     changes=[LetterChange("upgrade", "成都平原地区", "red", bj(2026, 1, 13))])
    lib.issue_letter(case, kind="lift", number="川渝预警〔2026〕3号", issued_at=bj(2026, 1, 16, 9),
                     changes=[LetterChange("lift", "成都平原地区", "none", bj(2026, 1, 16, 10)),
                              LetterChange("lift", "盆地南部地区", "none", bj(2026, 1, 16, 10))])
    return case


def test_letters_carry_the_warnings_in_force(tmp_path):
    lib = open_library(tmp_path / "cases.sqlite")
    case = lib.create_case("t")
    lib.issue_letter(case, kind="start", issued_at=bj(2026, 1, 9, 16), changes=[
        LetterChange("start", "成都平原地区", "orange", bj(2026, 1, 12), bj(2026, 1, 15, 23))])
    [w] = lib.warnings_in_force()
    assert (w.region, w.level, w.start, w.end) == ("成都平原地区", "orange", bj(2026, 1, 12), bj(2026, 1, 15, 23))
    lib.issue_letter(case, kind="upgrade", issued_at=bj(2026, 1, 12, 15),
                     changes=[LetterChange("upgrade", "成都平原地区", "red", bj(2026, 1, 13))])
    [w] = lib.warnings_in_force(case)
    assert (w.level, w.start, w.end) == ("red", bj(2026, 1, 13), bj(2026, 1, 15, 23))  # expected end kept
    lib.issue_letter(case, kind="lift", issued_at=bj(2026, 1, 16, 9),
                     changes=[LetterChange("lift", "成都平原地区", "none")])
    assert lib.warnings_in_force() == []


def test_issued_warnings_merge_an_upgrade_into_one_span(tmp_path):
    lib = open_library(tmp_path / "cases.sqlite")
    case = carry_a_case(lib, tmp_path)
    warnings, times = lib.issued_warnings(case)
    by_region = {w.region: w for w in warnings}
    plain = by_region["成都平原地区"]
    assert plain.level == "red" and plain.start == bj(2026, 1, 12) and plain.end == bj(2026, 1, 16, 9)
    assert times[warnings.index(plain)] == bj(2026, 1, 9, 16)
    letters = lib.letters(case)
    assert [x["kind"] for x in letters] == ["first", "upgrade", "lift"]
    assert letters[0]["files"][0]["sha256"] == hashlib.sha256(b"letter one").hexdigest()
    [summary] = lib.list_cases()
    assert summary.top_level == "red" and summary.letters == 3 and summary.in_force == 0
    assert set(summary.regions) == {"成都平原地区", "盆地南部地区"}


def test_consultation_decision_with_to_json_is_stored(tmp_path):
    class Decision:
        def to_json(self):
            return {"regions": {"成都平原地区": "orange"}, "sources": ["WRF-Chem", "CMAQ"]}

    lib = open_library(tmp_path / "cases.sqlite")
    case = lib.create_case("t")
    lib.add_consultation(case, Decision())
    lib.add_consultation(case, Decision())  # the same decision behind a second letter: kept once
    [row] = lib.case(case)["consultations"]
    assert json.loads(row["data"])["sources"] == ["WRF-Chem", "CMAQ"]


def test_export_import_is_idempotent_and_carries_files(tmp_path):
    origin = open_library(tmp_path / "a.sqlite")
    case = carry_a_case(origin, tmp_path)
    origin.set_report_text(case, "problems", "预报偏晚一天。")
    path = export_case(origin, case, tmp_path / "case.hzcase")
    other = open_library(tmp_path / "b.sqlite")
    assert import_case(other, path) == case
    first = other.case(case)
    assert import_case(other, path) == case
    assert other.case(case) == first  # twice changes nothing
    assert first["letters"] == origin.case(case)["letters"]
    assert other.forecast_content(case, HEADER_SHA) == b"time,city,pm25\n"
    assert other.report_texts(case) == {"problems": "预报偏晚一天。"}
    assert other.issued_warnings(case) == origin.issued_warnings(case)


def test_a_lift_in_the_incoming_copy_ends_the_local_warning(tmp_path):
    a = open_library(tmp_path / "a.sqlite")
    case = a.create_case("t")
    a.issue_letter(case, kind="start", issued_at=bj(2026, 1, 9, 16),
                   changes=[LetterChange("start", "成都平原地区", "orange", bj(2026, 1, 12))])
    b = open_library(tmp_path / "b.sqlite")
    import_case(b, export_case(a, case, tmp_path / "1.hzcase"))
    a.issue_letter(case, kind="lift", issued_at=bj(2026, 1, 16, 9),
                   changes=[LetterChange("lift", "成都平原地区", "none")])
    import_case(b, export_case(a, case, tmp_path / "2.hzcase"))
    assert b.warnings_in_force(case) == [] and len(b.letters(case)) == 2


def test_bad_case_files_are_refused_and_change_nothing(tmp_path):
    lib = open_library(tmp_path / "cases.sqlite")
    bad = tmp_path / "bad.hzcase"
    bad.write_text('{"format": "hazedesk-case", "case": {"id": "x", "title": "t", "created_at": "2026-01-01T00:00:00+08:00", '
                   '"updated_at": "2026-01-01T00:00:00+08:00"}, "tables": {"letters": [{"id": "l", "case_id": "y"}]}}',
                   encoding="utf-8")
    with pytest.raises(InputError, match="a row of another case"):
        import_case(lib, bad)
    assert lib.list_cases() == []  # the case row of the failed import was rolled back
    bad.write_text("not json", encoding="utf-8")
    with pytest.raises(InputError, match="not a HazeDesk case file"):
        import_case(lib, bad)


def test_schema_version_and_newer_database_refused(tmp_path):
    path = tmp_path / "cases.sqlite"
    lib = open_library(path)
    assert lib.conn.execute("PRAGMA user_version").fetchone()[0] == VERSION
    assert lib.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    lib.close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {VERSION + 1}")
    conn.close()
    with pytest.raises(InputError, match="newer than this HazeDesk"):
        open_library(path)


def test_city_notices_from_a_small_table(tmp_path):
    lib = open_library(tmp_path / "cases.sqlite")
    case = lib.create_case("t")
    table = tmp_path / "notices.csv"
    table.write_text("城市,时间,级别,备注\n成都,2026-01-12 08:00,橙色,\n自贡市,2026-01-12 12:00,黄色,县区同步\n",
                     encoding="gbk")
    assert import_city_notices(lib, case, table) == 2
    assert [(n["city"], n["level"]) for n in lib.city_notices(case)] == [("成都市", "orange"), ("自贡市", "yellow")]
    table.write_text("城市,时间,级别\n成都,2026-01-12 08:00,紫色\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        import_city_notices(lib, case, table)
    assert (err.value.problems[0].row, err.value.problems[0].column) == (2, "级别")


WRITER = r"""
import sys, time
sys.path.insert(0, sys.argv[3])
from app.cases.library import open_library, new_id, iso, now
lib = open_library(sys.argv[1])
case = sys.argv[2]
with lib.transaction() as db:
    for i in range(200000):
        db.execute("INSERT INTO city_notices VALUES (?, ?, ?, ?, ?, ?)",
                   (new_id(), case, f"城市{i}", f"2026-01-01T00:00:{i:06d}", "orange", "x" * 200))
        if i == 2000:
            print("inside", flush=True)
"""


def test_a_writer_killed_mid_transaction_leaves_the_database_intact(tmp_path):
    path = tmp_path / "cases.sqlite"
    lib = open_library(path)
    case = carry_a_case(lib, tmp_path)
    before = lib.case(case)
    lib.close()
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(path), case, str(ROOT)], stdout=subprocess.PIPE,
                            env={**os.environ})
    assert proc.stdout.readline().strip() == b"inside"
    time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    lib = open_library(path)
    assert lib.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert lib.case(case) == before  # none of the killed transaction's rows
    lib.add_city_notice(case, "成都市", bj(2026, 1, 12, 8), "orange")  # and it takes writes again
    assert len(lib.city_notices(case)) == 1


def test_warning_periods_level_by_level(tmp_path):
    lib = open_library(tmp_path / "cases.sqlite")
    case = carry_a_case(lib, tmp_path)
    plain = [(w.level, w.start, w.end) for w in lib.warning_periods(case) if w.region == "成都平原地区"]
    # orange from 01-12 until the upgrade at 01-13 00:00, red until the lift at 01-16 10:00 (last hour 09:00)
    assert plain == [("orange", bj(2026, 1, 12), bj(2026, 1, 12, 23)), ("red", bj(2026, 1, 13), bj(2026, 1, 16, 9))]


def test_a_version_4_library_takes_the_follow_up_kinds_of_spec_7(tmp_path):
    """4 → 5 rebuilds the letters table to take extend / revise / cancel letters: rows, the warnings that point at
    them and the digest index survive, and foreign keys are on again afterwards."""
    import json
    import sqlite3

    from app.cases.schema import MIGRATIONS, VERSION

    path = tmp_path / "v4.sqlite"
    conn = sqlite3.connect(path, isolation_level=None)
    for script in MIGRATIONS[:4]:
        conn.executescript(script)
    conn.execute("PRAGMA user_version = 4")
    stamp = "2026-01-10T16:00:00+08:00"
    conn.execute("INSERT INTO cases (id, title, created_at, updated_at) VALUES ('c', '四版案例', ?, ?)", (stamp, stamp))
    change = [{"action": "start", "region": "盆地南部地区", "level": "orange", "start": "2026-01-12T00:00:00+08:00",
               "end": "2026-01-15T23:00:00+08:00"}]
    conn.execute("INSERT INTO letters (id, case_id, number, date, kind, issued_at, changes, digest) VALUES "
                 "('l', 'c', '5号', '2026-01-10', 'first', ?, ?, 'd1')", (stamp, json.dumps(change)))
    conn.execute("INSERT INTO warnings (id, case_id, region, level, start, expected_end, letter_id) VALUES "
                 "('w', 'c', '盆地南部地区', 'orange', '2026-01-12T00:00:00+08:00', '2026-01-15T23:00:00+08:00', 'l')")
    with pytest.raises(sqlite3.IntegrityError):  # version 4 refuses the new kinds
        conn.execute("INSERT INTO letters (id, case_id, date, kind, issued_at, changes) VALUES "
                     "('x', 'c', '2026-01-10', 'extend', ?, '[]')", (stamp,))
    conn.close()
    lib = open_library(path)
    assert lib.conn.execute("PRAGMA user_version").fetchone()[0] == VERSION >= 5
    assert lib.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert [r["number"] for r in lib.letters("c")] == ["5号"]
    assert lib.conn.execute("SELECT letter_id FROM warnings WHERE id = 'w'").fetchone()[0] == "l"
    assert lib.conn.execute("PRAGMA foreign_key_check").fetchall() == []
    lib.conn.execute("INSERT INTO letters (id, case_id, date, kind, issued_at, changes) VALUES "
                     "('y', 'c', '2026-01-11', 'extend', ?, '[]')", (stamp,))
    with pytest.raises(sqlite3.IntegrityError):  # the digest index is back: one letter once per case
        lib.conn.execute("INSERT INTO letters (id, case_id, date, kind, issued_at, changes, digest) VALUES "
                         "('z', 'c', '2026-01-11', 'cancel', ?, '[]', 'd1')", (stamp,))
