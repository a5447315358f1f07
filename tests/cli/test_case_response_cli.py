"""hazedesk case status | report-form | reports | lead | step | push-sheet | export --all: exit 0 on success, 2 on
bad input with one clear message (in Chinese when asked), nothing written on a refusal."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from openpyxl import load_workbook

from app.cases.library import LetterChange, open_library
from app.cli import main
from app.domain.scheme import BEIJING


@pytest.fixture
def library(tmp_path, monkeypatch):
    monkeypatch.setenv("HAZEDESK_HOME", str(tmp_path / "home"))
    db = tmp_path / "cases.sqlite"
    lib = open_library(db)
    case = lib.create_case("t")
    lib.issue_letter(case, kind="start", number="1号", issued_at=datetime(2026, 1, 10, 16, tzinfo=BEIJING), changes=[
        LetterChange("start", "盆地东北部地区", "orange", datetime(2026, 1, 12, tzinfo=BEIJING),
                     datetime(2026, 1, 13, 23, tzinfo=BEIJING))])
    lib.close()
    return str(db), case


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(["case", *argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_forms_out_and_in_with_clear_refusals(library, tmp_path, capsys, monkeypatch):
    db, case = library
    monkeypatch.setenv("HAZEDESK_LANG", "zh")
    code, _, err = run(capsys, "--db", db, "report-form", case, "--day", "2026-01-20", "--out", str(tmp_path / "f"))
    assert code == 2 and "该案例在这一天没有预警城市" in err and "2026-01-12 – 2026-01-13" in err
    code, out, _ = run(capsys, "--db", db, "report-form", case, "--day", "2026-01-12", "--out", str(tmp_path / "f"))
    forms = out.split()
    assert code == 0 and len(forms) == 4
    for n, form in enumerate(forms):
        book = load_workbook(form)
        book["应对情况"]["B11"] = "措施落实"
        if not n:
            book["应对情况"]["B5"] = "北京市"  # the first: not a unit
        book.save(form)
    code, out, err = run(capsys, "--db", db, "reports", case, str(tmp_path / "f"))
    assert code == 2 and "城市不是区县单元" in err and "B5" in err and "北京市" in err
    assert json.loads(run(capsys, "--db", db, "status", case, "--json", "-")[1])["reports"]["summary"]["reported"] == 0
    code, out, err = run(capsys, "--db", db, "reports", case, str(tmp_path / "f"), "--take-good")
    done = json.loads(out)
    assert code == 2 and "未导入" in err and len(done["refused"]) == 1 and len(done["recorded"]) == 3


def test_leads_from_the_command_line(library, tmp_path, capsys, monkeypatch):
    db, case = library
    monkeypatch.setenv("HAZEDESK_LANG", "zh")
    code, out, _ = run(capsys, "--db", db, "lead", case, "--source", "扬尘源", "--unit", "万州", "--found-by", "重庆",
                       "--description", "工地未落实湿法作业", "--at", "2026-01-12T10:00")
    number = out.strip()
    assert code == 0 and number == "渝20260112-01"
    code, _, err = run(capsys, "--db", db, "step", case, number, "处置", "--side", "四川", "--by", "王五")
    assert code == 2 and "跳过了一个环节" in err and "移交" in err
    code, _, err = run(capsys, "--db", db, "lead", case, "--source", "扬尘", "--unit", "万州", "--found-by", "重庆",
                       "--description", "x")
    assert code == 2 and "不是允许的取值" in err
    assert run(capsys, "--db", db, "step", case, number, "移交", "--side", "重庆", "--by", "李四",
               "--at", "2026-01-12T12:00")[0] == 0
    items = json.loads(run(capsys, "--db", db, "leads", case, "--at", "2026-01-13T12:00")[1])
    assert items[0]["status"] == "handed_over" and items[0]["overdue"] is False
    code, out, _ = run(capsys, "--db", db, "push-sheet", case, "--to", "四川", "--pdf", str(tmp_path / "p.pdf"))
    assert code == 0 and (tmp_path / "p.pdf").stat().st_size > 10_000
    code, _, err = run(capsys, "--db", db, "push-sheet", case, "--to", "重庆", "--pdf", str(tmp_path / "q.pdf"))
    assert code == 2 and "没有推送给该方且尚未销号的线索" in err and not (tmp_path / "q.pdf").exists()


def test_the_whole_library_handover(library, tmp_path, capsys):
    db, case = library
    code, out, _ = run(capsys, "--db", db, "export", "--all", str(tmp_path / "all.hzcase"))
    assert code == 0
    other = str(tmp_path / "other.sqlite")
    code, out, _ = run(capsys, "--db", other, "import", str(tmp_path / "all.hzcase"))
    report = json.loads(out)
    assert code == 0 and report["cases"][0]["id"] == case and report["cases"][0]["new_case"] and report["added"] > 0
    code, out, _ = run(capsys, "--db", other, "import", str(tmp_path / "all.hzcase"))
    assert json.loads(out)["added"] == 0
