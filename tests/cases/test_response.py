"""The response half of the cycle: cities' starts against the letters, daily report forms, problem leads."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime, time
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.cases.leads import add_lead, add_step, lead_counts, leads
from app.cases.library import LetterChange, open_library
from app.cases.reports import import_reports, read_form, report_grid, reports, warned_days
from app.cases.response import starts, summary
from app.cases.schema import MIGRATIONS, VERSION
from app.domain.scheme import BEIJING, load_scheme
from app.errors import InputError
from app.export.report_form import write_forms

NE = ("达州市", "万州区", "开州区", "梁平区")  # 盆地东北部地区


def bj(*args) -> datetime:
    return datetime(*args, tzinfo=BEIJING)


@pytest.fixture
def scheme():
    return load_scheme()


@pytest.fixture
def case(tmp_path):
    """An orange warning of 盆地东北部地区 for 12–16 January, upgraded to red on the 14th."""
    lib = open_library(tmp_path / "cases.sqlite")
    case = lib.create_case("2026-01 盆地东北部橙色过程")
    lib.issue_letter(case, kind="start", number="川渝联防〔2026〕1号", issued_at=bj(2026, 1, 10, 16), changes=[
        LetterChange("start", "盆地东北部地区", "orange", bj(2026, 1, 12), bj(2026, 1, 16, 23))])
    lib.issue_letter(case, kind="upgrade", number="川渝联防〔2026〕2号", issued_at=bj(2026, 1, 13, 16), changes=[
        LetterChange("upgrade", "盆地东北部地区", "red", bj(2026, 1, 14))])
    return lib, case


def fill(path: Path, **values) -> Path:
    book = load_workbook(path)
    sheet = book["应对情况"]
    rows = {"leaders": 10, "work": 11, "plan": 12, "checks": 13, "reporter": 8, "city": 5, "day": 6, "case_id": 4}
    for key, text in values.items():
        sheet.cell(rows[key], 2, text)
    book.save(path)
    return path


# -- starts ----------------------------------------------------------------------------------------------------

def test_each_city_start_is_judged_against_each_letter(case, scheme):
    lib, case_id = case
    lib.add_city_notice(case_id, "达州市", bj(2026, 1, 11, 20), "orange")  # before the start: on time
    lib.add_city_notice(case_id, "万州区", bj(2026, 1, 12, 3, 20), "orange")  # 3 h 20 min late
    lib.add_city_notice(case_id, "开州区", bj(2026, 1, 11, 22), "yellow")  # lower than asked
    lib.add_city_notice(case_id, "达州市", bj(2026, 1, 13, 20), "red")  # upgrade on time
    lib.add_city_notice(case_id, "万州区", bj(2026, 1, 13, 21), "red")
    lib.add_city_notice(case_id, "开州区", bj(2026, 1, 14, 1), "red")  # an hour late
    got = {(s.doc_number, s.city): s for s in starts(lib, case_id, scheme)}
    first = "川渝联防〔2026〕1号"
    assert got[(first, "达州市")].outcome == "on_time"
    late = got[(first, "万州区")]
    assert (late.outcome, late.late_minutes, late.text_zh) == ("late", 200, "滞后启动3小时20分")
    assert got[(first, "开州区")].outcome == "lower" and got[(first, "开州区")].notified_level == "yellow"
    assert got[(first, "梁平区")].outcome == "not_notified"
    # the red of 13 January was already in force when the upgrade's 14th came; 梁平区 said nothing
    second = "川渝联防〔2026〕2号"
    assert [got[(second, c)].outcome for c in NE] == ["on_time", "on_time", "late", "not_notified"]
    assert got[(second, "开州区")].late_minutes == 60
    assert summary(starts(lib, case_id, scheme)) == {"on_time": 3, "higher": 0, "late": 2, "lower": 1,
                                                      "not_notified": 2}


def test_a_higher_own_level_is_allowed_and_said_so(case, scheme):
    lib, case_id = case
    lib.add_city_notice(case_id, "梁平区", bj(2026, 1, 11, 20), "red")
    [mine] = [s for s in starts(lib, case_id, scheme) if s.city == "梁平区" and s.kind == "first"]
    assert mine.outcome == "higher" and mine.text_zh == "自身级别更高（允许）"


def test_a_per_side_letter_asks_only_its_own_cities(tmp_path, scheme):
    lib = open_library(tmp_path / "c.sqlite")
    case_id = lib.create_case("t")
    from app.cases.library import LetterEntry

    lib.issue_letters(case_id, [LetterEntry("start", [LetterChange("start", "盆地东北部地区", "orange", bj(2026, 1, 12))],
                                            number="川环〔2026〕1号", sender="四川省生态环境厅")], issued_at=bj(2026, 1, 10))
    assert [s.city for s in starts(lib, case_id, scheme)] == ["达州市"]


# -- daily report forms ----------------------------------------------------------------------------------------

def test_forms_are_written_for_the_warned_cities_of_the_day_only(case, scheme, tmp_path):
    lib, case_id = case
    days = warned_days(lib, case_id, scheme)
    assert list(days) == [date(2026, 1, d) for d in range(12, 17)] and days[date(2026, 1, 14)]["万州区"] == "red"
    paths = write_forms(lib, case_id, scheme, date(2026, 1, 12), tmp_path / "forms")
    assert [p.name for p in paths] == [f"应对情况-20260112-{c}.xlsx" for c in NE]
    sheet = load_workbook(paths[0])["应对情况"]
    assert sheet["B5"].value == "达州市" and sheet["B6"].value == "2026-01-12" and sheet.protection.sheet
    assert sheet["B10"].protection.locked is False and sheet["B5"].protection.locked is True
    with pytest.raises(InputError, match="warns no city"):
        write_forms(lib, case_id, scheme, date(2026, 1, 20), tmp_path / "forms")


def test_forms_import_many_at_once_and_a_correction_keeps_the_history(case, scheme, tmp_path):
    lib, case_id = case
    folder = tmp_path / "forms"
    for day in (12, 13):
        for p in write_forms(lib, case_id, scheme, date(2026, 1, day), folder):
            fill(p, leaders="市政府主要领导召开调度会", work="停工工地 120 个", plan="继续管控", reporter="张三")
    done = import_reports(lib, case_id, [folder], scheme)
    assert len(done.recorded) == 8 and not done.refused
    again = import_reports(lib, case_id, [folder], scheme)
    assert len(again.unchanged) == 8 and not again.recorded  # the same files again change nothing
    corrected = fill(folder / "应对情况-20260113-万州区.xlsx", work="停工工地 150 个（更正）")
    third = import_reports(lib, case_id, [corrected], scheme)
    assert [f.city for f in third.replaced] == ["万州区"]
    current = {(r["city"], r["day"]): r for r in reports(lib, case_id)}
    assert current[("万州区", "2026-01-13")]["fields"]["work"] == "停工工地 150 个（更正）"
    history = [r for r in reports(lib, case_id, history=True) if r["city"] == "万州区" and r["day"] == "2026-01-13"]
    assert [r["fields"]["work"] for r in history] == ["停工工地 120 个", "停工工地 150 个（更正）"]
    grid = report_grid(lib, case_id, scheme, at=bj(2026, 1, 14, 19))
    assert grid["cells"]["万州区"] == {"2026-01-12": "reported", "2026-01-13": "corrected", "2026-01-14": "missing",
                                     "2026-01-15": "due", "2026-01-16": "due"}
    early = report_grid(lib, case_id, scheme, at=bj(2026, 1, 14, 17, 59), deadline=time(18))
    assert early["cells"]["达州市"]["2026-01-14"] == "due"


@pytest.mark.parametrize("change, message", [
    (dict(city="北京市"), "not a unit"),
    (dict(city="成都市"), "does not warn this city"),
    (dict(day="2026-01-25"), "outside the case's warnings"),
    (dict(case_id="0" * 32), "another case"),
    (dict(work="字" * 3001), "longer than the field"),
])
def test_bad_forms_are_refused_whole_with_the_reason(case, scheme, tmp_path, change, message):
    lib, case_id = case
    [good, bad, *_] = write_forms(lib, case_id, scheme, date(2026, 1, 12), tmp_path / "f")
    fill(good, work="措施落实")
    fill(bad, **{"work": "措施落实", **change})
    with pytest.raises(InputError, match=message) as err:
        import_reports(lib, case_id, [good, bad], scheme)
    assert err.value.problem.file == str(bad)
    assert reports(lib, case_id) == []  # nothing half-imported: not even the good one
    taken = import_reports(lib, case_id, [good, bad], scheme, take_good=True)
    assert [f.city for f in taken.recorded] == ["达州市"] and len(taken.refused) == 1


def test_a_form_with_moved_fields_or_another_version_is_refused(case, scheme, tmp_path):
    lib, case_id = case
    [form, other, *_] = write_forms(lib, case_id, scheme, date(2026, 1, 12), tmp_path / "f")
    book = load_workbook(form)
    book["应对情况"].protection.sheet = False
    book["应对情况"].insert_rows(10)
    book.save(form)
    with pytest.raises(InputError, match="moved") as err:
        read_form(form)
    assert err.value.problem.column == "A10"
    book = load_workbook(other)
    book["应对情况"]["B15"] = "hazedesk-report-0"
    book.save(other)
    with pytest.raises(InputError, match="another version"):
        read_form(other)
    (tmp_path / "x.xlsx").write_bytes(b"not a workbook")
    with pytest.raises(InputError, match="not an Excel workbook"):
        read_form(tmp_path / "x.xlsx")


# -- leads -----------------------------------------------------------------------------------------------------

def test_a_lead_moves_forward_only_and_back_with_a_reason(case, scheme):
    lib, case_id = case
    lead = add_lead(lib, case_id, source="扬尘源", unit="万州", place="江南新区某工地", description="工地未落实湿法作业",
                    found_by="重庆", at=bj(2026, 1, 12, 10), by_name="李四")
    [status] = leads(lib, case_id, scheme, at=bj(2026, 1, 12, 12))
    assert status.step == "found" and status.lead["pushed_to"] == "四川" and status.lead["number"] == "渝20260112-01"
    with pytest.raises(InputError, match="skips one"):
        add_step(lib, case_id, lead, "处置", side="四川", by_name="王五", at=bj(2026, 1, 12, 14))
    add_step(lib, case_id, "渝20260112-01", "移交", side="重庆", by_name="李四", at=bj(2026, 1, 12, 14))
    add_step(lib, case_id, lead, "处置", side="四川", by_name="王五", at=bj(2026, 1, 13, 9))
    add_step(lib, case_id, lead, "整改", side="四川", by_name="王五", at=bj(2026, 1, 14, 9))
    with pytest.raises(InputError, match="needs its reason"):
        add_step(lib, case_id, lead, "处置", side="重庆", by_name="李四", at=bj(2026, 1, 14, 12))
    add_step(lib, case_id, lead, "处置", side="重庆", by_name="李四", at=bj(2026, 1, 14, 12), reason="复查仍有扬尘")
    [status] = leads(lib, case_id, scheme, at=bj(2026, 1, 14, 13))
    assert status.step == "handling" and len(status.steps) == 5 and status.steps[-1]["reason"] == "复查仍有扬尘"
    with pytest.raises(InputError, match="longer than the field"):
        add_step(lib, case_id, lead, "整改", side="四川", by_name="王五", note="字" * 301)
    with pytest.raises(InputError, match="not a unit"):
        add_lead(lib, case_id, source="扬尘源", unit="北京", description="x", found_by="重庆")


def test_overdue_leads_are_flagged_from_the_scheme_hours(case, scheme):
    lib, case_id = case
    add_lead(lib, case_id, source="工业源", unit="达州市", description="脱硫设施未运行", found_by="四川",
             at=bj(2026, 1, 12, 8))
    [fresh] = leads(lib, case_id, scheme, at=bj(2026, 1, 13, 7))
    [late] = leads(lib, case_id, scheme, at=bj(2026, 1, 13, 9))  # 移交 within 24 h of 发现
    assert (fresh.overdue, late.overdue, late.due) == (False, True, bj(2026, 1, 13, 8))
    assert lead_counts([late]) == {"found": 1, "handed_over": 0, "handling": 0, "rectified": 0, "closed": 0,
                                   "overdue": 1, "total": 1}


# -- the library of the previous schema ------------------------------------------------------------------------

def test_a_version_3_library_opens_and_upgrades_in_place(tmp_path, scheme):
    path = tmp_path / "old.sqlite"
    conn = sqlite3.connect(path, isolation_level=None)
    for script in MIGRATIONS[:3]:
        conn.executescript(script)
    conn.execute("PRAGMA user_version = 3")
    stamp = "2026-01-10T16:00:00+08:00"
    conn.execute("INSERT INTO cases (id, title, created_at, updated_at) VALUES ('c', '旧案例', ?, ?)", (stamp, stamp))
    changes = [{"action": "start", "region": "盆地东北部地区", "level": "orange", "start": "2026-01-12T00:00:00+08:00",
                "end": None}]
    conn.execute("INSERT INTO letters (id, case_id, number, date, kind, issued_at, changes) VALUES "
                 "('l', 'c', '1号', '2026-01-10', 'first', ?, ?)", (stamp, json.dumps(changes, ensure_ascii=False)))
    conn.execute("INSERT INTO warnings (id, case_id, region, level, start, letter_id) VALUES "
                 "('w', 'c', '盆地东北部地区', 'orange', '2026-01-12T00:00:00+08:00', 'l')")
    conn.execute("INSERT INTO city_notices VALUES ('n', 'c', '达州市', '2026-01-11T20:00:00+08:00', 'orange', '')")
    conn.close()
    lib = open_library(path)
    assert lib.conn.execute("PRAGMA user_version").fetchone()[0] == VERSION >= 4
    assert lib.letters("c")[0]["number"] == "1号" and lib.city_notices("c")[0]["city"] == "达州市"
    assert [s.outcome for s in starts(lib, "c", scheme)] == ["on_time", "not_notified", "not_notified",
                                                            "not_notified"]
    add_lead(lib, "c", source="面源", unit="达州市", description="秸秆焚烧", found_by="四川")
    assert len(leads(lib, "c", scheme)) == 1


# -- the yearly handover ---------------------------------------------------------------------------------------

def test_the_whole_library_travels_and_merges_with_a_report(case, scheme, tmp_path):
    from app.cases.handover import export_library, import_file

    lib, case_id = case
    lead = add_lead(lib, case_id, source="工业源", unit="达州市", description="脱硫设施未运行", found_by="四川",
                    at=bj(2026, 1, 12, 8))
    second = lib.create_case("另一过程")
    other = open_library(tmp_path / "other.sqlite")
    export_library(lib, tmp_path / "all.hzcase")
    report = import_file(other, tmp_path / "all.hzcase")
    assert [c["new_case"] for c in report["cases"]] == [True, True] and report["conflicts"] == 0
    mine = next(c for c in report["cases"] if c["id"] == case_id)
    assert mine["added"]["leads"] == 1 and mine["added"]["lead_steps"] == 1
    assert {c.id for c in other.list_cases()} == {case_id, second}
    # both sides step the lead on; each step is its own record and the merge keeps both, once
    add_step(other, case_id, lead, "移交", side="四川", by_name="办公室", at=bj(2026, 1, 12, 12))
    add_step(lib, case_id, lead, "移交", side="四川", by_name="值班员", at=bj(2026, 1, 12, 13))
    export_library(other, tmp_path / "back.hzcase")
    back = import_file(lib, tmp_path / "back.hzcase")
    assert back["added"] == 1 and back["conflicts"] == 0
    assert import_file(lib, tmp_path / "back.hzcase")["added"] == 0  # twice: nothing more
    [status] = leads(lib, case_id, scheme)
    assert status.step == "handed_over" and [s["side"] for s in status.steps] == ["四川"] * 3
    # a row that arrives under a local id with another content is a conflict, kept as it is here
    lib.conn.execute("UPDATE leads SET description = '脱硫设施停运' WHERE id = ?", (lead,))
    again = import_file(lib, tmp_path / "back.hzcase")
    [conflict] = [c for item in again["cases"] for c in item["conflicts"]]
    assert again["conflicts"] == 1 and (conflict["table"], conflict["columns"]) == ("leads", ["description"])
    assert leads(lib, case_id, scheme)[0].lead["description"] == "脱硫设施停运"
    assert import_file(lib, tmp_path / "back.hzcase") is not None
    (tmp_path / "one.hzcase").write_text('{"format": "hazedesk-case"}', encoding="utf-8")
    assert import_file(lib, tmp_path / "one.hzcase") is None  # one case: imported as one case


def test_an_incoming_case_with_a_bad_lead_step_is_refused_whole(case, tmp_path):
    from app.cases.exchange import case_document, import_case

    lib, case_id = case
    add_lead(lib, case_id, source="工业源", unit="达州市", description="x", found_by="四川", at=bj(2026, 1, 12, 8))
    doc = case_document(lib, case_id)
    doc["tables"]["lead_steps"][0]["step"] = "skipped"
    bad = tmp_path / "bad.hzcase"
    bad.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    other = open_library(tmp_path / "other.sqlite")
    with pytest.raises(InputError, match="not one of the values") as err:
        import_case(other, bad)
    assert err.value.problem.column == "lead_steps[0].step" and other.list_cases() == []


def test_a_downgrade_and_a_lift_are_judged_too(case, scheme):
    lib, case_id = case
    lib.issue_letter(case_id, kind="downgrade", number="川渝联防〔2026〕3号", issued_at=bj(2026, 1, 15, 9), changes=[
        LetterChange("downgrade", "盆地东北部地区", "yellow", bj(2026, 1, 15, 12))])
    lib.issue_letter(case_id, kind="lift", number="川渝联防〔2026〕4号", issued_at=bj(2026, 1, 16, 9), changes=[
        LetterChange("lift", "盆地东北部地区", "none", bj(2026, 1, 16, 12))])
    lib.add_city_notice(case_id, "达州市", bj(2026, 1, 13, 20), "red")
    lib.add_city_notice(case_id, "达州市", bj(2026, 1, 15, 11), "yellow")  # downgraded on time
    lib.add_city_notice(case_id, "达州市", bj(2026, 1, 16, 15), "none")  # lifted three hours late
    lib.add_city_notice(case_id, "万州区", bj(2026, 1, 13, 20), "red")  # kept red through the downgrade
    lib.add_city_notice(case_id, "万州区", bj(2026, 1, 16, 11), "none")  # lifted before the time: on time
    got = {(s.kind, s.city): s for s in starts(lib, case_id, scheme)}
    assert got[("downgrade", "达州市")].outcome == "on_time"
    assert got[("downgrade", "万州区")].outcome == "higher"  # its own higher level, allowed
    assert (got[("lift", "达州市")].outcome, got[("lift", "达州市")].late_minutes) == ("late", 180)
    assert got[("lift", "达州市")].text_zh == "滞后解除3小时"
    assert got[("lift", "万州区")].outcome == "on_time" and got[("lift", "万州区")].text_zh == "按时解除"
    assert got[("lift", "开州区")].outcome == "not_notified"


def test_a_damaged_form_is_refused_never_a_traceback(case, scheme, tmp_path):
    """Bytes flipped anywhere, or one part of the workbook replaced by junk: always a refusal naming the file."""
    import io
    import random
    import zipfile

    lib, case_id = case
    [form, *_] = write_forms(lib, case_id, scheme, date(2026, 1, 12), tmp_path / "f")
    fill(form, work="措施")
    good = form.read_bytes()
    bad = tmp_path / "bad.xlsx"
    rng = random.Random(23)
    variants = []
    for _ in range(60):
        data = bytearray(good)
        for _ in range(rng.randint(1, 20)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        variants.append(bytes(data))
    parts = zipfile.ZipFile(io.BytesIO(good))
    for name in parts.namelist():
        for junk in (b"", b"<x", b"\xff\xfe"):
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w") as z:
                for n in parts.namelist():
                    z.writestr(n, junk if n == name else parts.read(n))
            variants.append(out.getvalue())
    refused = 0
    for data in variants:
        bad.write_bytes(data)
        try:
            read_form(bad)
        except InputError as exc:
            assert exc.problem.file == str(bad)
            refused += 1
    assert refused >= len(variants) - 10  # a flip in a part nothing reads leaves a readable form
