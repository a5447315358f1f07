"""Issue 11's guarantees for the outputs added later (consult, review, case export, session files, the city × day
workbook, small multiples): a FIFO or device stays what it is and receives the output, a failing disk is a
WriteError naming the file with the old file kept and no .tmp left, every file is audited, an unusable state
folder costs one line and never the output, and the case library survives a full disk, a read-only library and
two writers at once."""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import stat
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from app.errors import WriteError
from app.paths import SAMPLES_DIR
from tests.quality.test_faults_cli import ROOT, _unusable_home, audit_lines, hazedesk

ORANGE = SAMPLES_DIR / "sample-regional-orange.csv"
OBSERVED = SAMPLES_DIR / "observed-regional-orange-daily.csv"
CONSULT = [SAMPLES_DIR / "sample-red-plain-south.csv", SAMPLES_DIR / "consult-chongqing.csv"]


def _case_db(folder: Path) -> tuple[Path, str]:
    from app.cases.library import open_library

    db = folder / "cases.sqlite"
    lib = open_library(db)
    case = lib.create_case("2026-01 川渝盆地区域橙色过程")
    lib.close()
    return db, case


def _commands(tmp_path: Path) -> dict[str, list]:
    db, case = _case_db(tmp_path)
    return {  # output → command line with {out}
        "consult --json": ["consult", *CONSULT, "--names", "区域中心,重庆市站", "--json", "{out}"],
        "consult --minutes": ["consult", *CONSULT, "--names", "区域中心,重庆市站", "--json", "-",
                              "--minutes", "{out}.pdf"],
        "review --json": ["review", "--observed", OBSERVED, "--forecast", ORANGE, "--json", "{out}"],
        "review --docx": ["review", "--observed", OBSERVED, "--forecast", ORANGE, "--json", "-",
                          "--docx", "{out}.docx"],
        "case export": ["--db", db, "export", case, "{out}"],
    }


def _args(args: list, out: Path) -> list[str]:
    text = [str(a).replace("{out}", str(out)) for a in args]
    return ["case", *text] if text[0] == "--db" else text


@pytest.mark.skipif(os.name == "nt", reason="FIFOs are POSIX")
@pytest.mark.parametrize("output", ["consult --json", "consult --minutes", "review --json", "review --docx",
                                    "case export"])
def test_a_fifo_stays_a_fifo_and_receives_the_new_outputs(tmp_path, output):
    args = _commands(tmp_path)[output]
    fifo = tmp_path / "pipe"
    # the FIFO itself is named with the suffix the command expects
    suffix = ".pdf" if output == "consult --minutes" else ".docx" if output == "review --docx" else ""
    fifo = fifo.with_name("pipe" + suffix)
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = hazedesk(*_args(args, tmp_path / "pipe"), home=tmp_path / "home")
    reader.join(60)
    assert result.returncode == 0, result.stderr
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert received and len(received[0]) > 200
    if suffix == ".pdf":
        assert received[0].startswith(b"%PDF")
    elif suffix == ".docx":
        assert received[0].startswith(b"PK")
    else:
        json.loads(received[0])
    assert not list(tmp_path.glob(".*.tmp"))
    (entry,) = [e for e in audit_lines(tmp_path / "home") if e["outputs"][0]["path"] == str(fifo)]
    assert entry["outputs"] == [{"path": str(fifo), "sha256": None, "written_in_place": "in-place"}]


def test_the_new_outputs_are_audited_with_their_hash(tmp_path):
    home = tmp_path / "home"
    out = tmp_path / "out"
    out.mkdir()
    commands = _commands(tmp_path)
    for name, stem in [("consult --json", "c.json"), ("consult --minutes", "m"), ("review --json", "r.json"),
                       ("review --docx", "r"), ("case export", "k.hzcase")]:
        result = hazedesk(*_args(commands[name], out / stem), home=home)
        assert result.returncode == 0, (name, result.stderr)
    entries = {e["kind"]: e for e in audit_lines(home)}
    assert set(entries) == {"consultation-json", "consultation-minutes", "review-json", "review-report",
                            "case-export"}
    for kind, name in [("consultation-json", "c.json"), ("consultation-minutes", "m.pdf"), ("review-json", "r.json"),
                       ("review-report", "r.docx"), ("case-export", "k.hzcase")]:
        (written,) = entries[kind]["outputs"]
        assert Path(written["path"]).name == name and len(written["sha256"]) == 64
    assert entries["consultation-json"]["details"]["sources"] == ["区域中心", "重庆市站"]


@pytest.mark.parametrize("how", ["missing, cannot be created", "full"])
def test_the_new_commands_do_their_job_with_one_line_when_the_state_folder_fails(tmp_path, how):
    if how == "full" and not os.path.exists("/dev/full"):
        pytest.skip("needs /dev/full")
    home = _unusable_home(tmp_path, how)
    out = tmp_path / "out"
    out.mkdir()
    commands = _commands(tmp_path)
    for name, stem in [("consult --json", "c.json"), ("review --docx", "r"), ("case export", "k.hzcase")]:
        result = hazedesk(*_args(commands[name], out / stem), home=home)
        command = name.split()[0]
        assert result.returncode == 0, (name, result.stderr)
        lines = [line for line in result.stderr.splitlines() if "could not be written" in line]
        assert len(lines) == 1 and lines[0].startswith(f"hazedesk {command}: the audit log could not be written ("), \
            (name, result.stderr)
        assert "Traceback" not in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["c.json", "k.hzcase", "r.docx"]


# -- a disk that fails under each new writer ------------------------------------------------------------------
def _run(*argv):  # the command itself, without main()'s catch: the test sees the exception it raises
    from app import cli

    args = cli.build_parser().parse_args(list(map(str, argv)))
    assert args.func(args) == 0


def _write_consult(path):
    _run("consult", *CONSULT, "--json", path)


def _write_review_json(path):
    _run("review", "--observed", OBSERVED, "--forecast", ORANGE, "--json", path)


def _write_case(path):
    from app.export.case_letters import export_case_file

    db, case = _case_db(path.parent)
    from app.cases.library import open_library

    export_case_file(open_library(db), case, path)


def _write_session(path):
    from app.desk.session_file import Session, save_session
    from app.domain.session import WorkingState, file_sha256

    save_session(path, Session(WorkingState(str(ORANGE), file_sha256(ORANGE)), ["成都市"], {}))


def _write_xlsx(path):
    from app.desk.daytable import build_day_table
    from app.domain.engine import evaluate
    from app.domain.scheme import load_scheme
    from app.importing import load_forecast
    from maps.adjacency import scheme_adjacency

    scheme = load_scheme()
    evaluation = evaluate(load_forecast(ORANGE), scheme, scheme_adjacency(scheme).neighbours)
    table = build_day_table(evaluation, scheme.region_of)
    table.write_xlsx(path, list(range(len(table.units))))


WRITERS = {"consult.json": _write_consult, "review.json": _write_review_json, "c.hzcase": _write_case,
           "s.hazedesk": _write_session, "t.xlsx": _write_xlsx}


@pytest.mark.parametrize(("code", "words"), [(errno.ENOSPC, "no space left on the disk"),
                                             (errno.EACCES, "permission denied"),
                                             (errno.EROFS, "the file system is read-only")])
@pytest.mark.parametrize("name", list(WRITERS))
def test_a_failing_disk_keeps_the_old_file_and_names_it(tmp_path, monkeypatch, name, code, words):
    import app.atomic

    target = tmp_path / name
    target.write_bytes(b"the officer's previous file")

    def failing_replace(src, dst):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(app.atomic.os, "replace", failing_replace)
    with pytest.raises(WriteError) as caught:
        WRITERS[name](target)
    assert caught.value.path == str(target) and words in str(caught.value)
    assert target.read_bytes() == b"the officer's previous file"
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("name", list(WRITERS))
def test_dev_full_as_output_is_a_write_error_and_stays_a_device(name, tmp_path):
    link = tmp_path / name
    link.symlink_to("/dev/full")  # the writers pick their format from the suffix: a link with the right name
    with pytest.raises(WriteError) as caught:
        WRITERS[name](link)
    assert "no space left on the disk" in str(caught.value)
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


# -- the case library -----------------------------------------------------------------------------------------
def test_a_full_library_disk_is_a_clear_error_and_nothing_is_lost(tmp_path):
    from app.cases.library import open_library

    db, case = _case_db(tmp_path)
    lib = open_library(db)
    pages = lib.conn.execute("PRAGMA page_count").fetchone()[0]
    lib.conn.execute(f"PRAGMA max_page_count = {pages}")  # SQLite's own "database or disk is full"
    with pytest.raises(WriteError) as caught:
        for _ in range(50):
            lib.create_case("x" * 20_000)
    assert caught.value.path == str(db)
    assert "cannot write the case library (nothing was changed): no space left on the disk" in str(caught.value)
    assert "磁盘空间已满" in caught.value.render("zh")
    titles = [c.title for c in lib.list_cases()]
    assert titles[-1] == "2026-01 川渝盆地区域橙色过程"  # what was there stays, readable
    lib.conn.execute("PRAGMA max_page_count = 1073741823")
    assert lib.create_case("afterwards")  # and the library works again once there is room


def test_a_read_only_library_is_a_clear_error_and_stays_readable(tmp_path):
    from app.cases.library import open_library

    db, case = _case_db(tmp_path)
    lib = open_library(db)
    lib.conn.execute("PRAGMA query_only = ON")  # what SQLite says for a read-only file or folder
    with pytest.raises(WriteError) as caught:
        lib.set_status(case, "closed")
    assert "the library or its folder is read-only" in str(caught.value)
    assert [c.status for c in lib.list_cases()] == ["open"]


@pytest.mark.skipif(os.name == "nt" or (hasattr(os, "geteuid") and os.geteuid() == 0),
                    reason="root writes into read-only folders; POSIX permissions")
def test_a_read_only_library_folder_from_the_command_line(tmp_path):
    db, case = _case_db(tmp_path)
    tmp_path.chmod(0o500)
    db.chmod(0o400)
    try:
        result = hazedesk("case", "--db", db, "new", "另一个案例", home=tmp_path / "home")
    finally:
        tmp_path.chmod(0o700)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert str(db) in result.stderr


def test_a_locked_library_is_a_write_error_not_a_traceback(tmp_path):
    from app.cases.library import CaseLibrary

    db, case = _case_db(tmp_path)
    holder = sqlite3.connect(str(db), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        lib = CaseLibrary(db)
        lib.conn.execute("PRAGMA busy_timeout = 200")
        with pytest.raises(WriteError) as caught:
            lib.create_case("blocked")
        assert "another program is writing the library" in str(caught.value)
    finally:
        holder.execute("ROLLBACK")
    assert lib.create_case("now it goes")


TWO_WRITERS = textwrap.dedent("""
    import sys
    from app.cases.library import open_library
    lib = open_library(sys.argv[1])
    for i in range(40):
        case = lib.create_case(f"{sys.argv[2]}-{i}")
        lib.set_status(case, "closed")
""")


def test_two_processes_writing_one_library_lose_nothing(tmp_path):
    db, _ = _case_db(tmp_path)
    env = {**os.environ, "HAZEDESK_HOME": str(tmp_path / "home")}
    writers = [subprocess.Popen([sys.executable, "-c", TWO_WRITERS, str(db), name], env=env, cwd=ROOT,
                                stderr=subprocess.PIPE, text=True) for name in ("a", "b")]
    results = [(w.wait(timeout=300), w.stderr.read()) for w in writers]
    assert [code for code, _ in results] == [0, 0], results
    from app.cases.library import open_library

    cases = open_library(db).list_cases()
    titles = sorted(c.title for c in cases if c.title[:2] in ("a-", "b-"))
    assert titles == sorted(f"{n}-{i}" for n in "ab" for i in range(40))
    assert all(c.status == "closed" for c in cases if c.title[:2] in ("a-", "b-"))
    assert open_library(db).conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_the_approval_forms_and_per_side_letters_are_audited(tmp_path, capsys):
    from app import cli
    from app.export.audit import file_sha256, read_audit

    red = SAMPLES_DIR / "sample-red-plain-south.csv"
    assert cli.main(["proposal", str(red), "--per-route", "--per-side", "--split", "--approval-form",
                     "--docx", str(tmp_path / "r.docx"), "--date", "2026-12-19"]) == 0
    audited = {Path(o["path"]).name: o["sha256"] for e in read_audit() for o in e["outputs"]}
    files = sorted(tmp_path.glob("r-*.docx"))
    assert sum("呈批件" in p.name for p in files) == 6 and len(files) == 12
    assert audited == {p.name: file_sha256(p) for p in files}
    kinds = sorted(e["kind"] for e in read_audit())
    assert kinds.count("approval-form") == 6
