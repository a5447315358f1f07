"""End to end (issue 23): a case carried from a letter through the cities' starts, five days of daily reports
(two missing, one corrected), eight problem leads (two closed, one overdue), the 调度日报 and a 线索推送单, to a
review report whose sections 四 and 五 are filled from them — through the commands an office runs."""

from __future__ import annotations

import json
import re
import subprocess
from datetime import date, datetime

from openpyxl import load_workbook

from app.cases.leads import add_lead, add_step
from app.cases.library import LetterChange, open_library
from app.cases.status import case_for_report
from app.cli import main
from app.domain.engine import evaluate
from app.domain.proposal import OfficerFields, build_proposal
from app.domain.scheme import BEIJING, load_scheme
from app.export.case_letters import record_letters
from app.export.letters import export_proposal
from app.export.report_form import write_forms
from app.export.review_report import write_review_report
from app.importing import load_forecast
from app.importing.observed import load_observations
from app.paths import SAMPLES_DIR
from app.review.review import review
from maps.adjacency import scheme_adjacency

PLAIN = ("成都市", "德阳市", "绵阳市", "眉山市", "乐山市", "雅安市")  # 成都平原地区


def bj(*args) -> datetime:
    return datetime(*args, tzinfo=BEIJING)


def pdf_text(path) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    # the page numbers ("— 8 —") out, so a sentence running over a page break reads on
    return re.sub(r"—\d+—", "", out.replace(" ", "").replace("\n", "").replace("\f", ""))


def test_letter_starts_reports_leads_to_review_sections_four_and_five(tmp_path, capsys):
    scheme = load_scheme()
    neighbours = scheme_adjacency(scheme).neighbours
    db = tmp_path / "cases.sqlite"
    lib = open_library(db)
    case = lib.create_case("2026年1月成都平原地区橙色预警过程")
    forecast = load_forecast(SAMPLES_DIR / "sample-regional-orange.csv")
    ev = evaluate(forecast, scheme, neighbours)
    plain = next(i for i, e in enumerate(ev.episodes) if e.region == "成都平原地区")

    # 1. the letter, exported and recorded from its files; the lift recorded after the fifth day
    docx, pdf = tmp_path / "first.docx", tmp_path / "first.pdf"
    export_proposal(build_proposal(ev, forecast.meta, scheme, episodes=[plain],
                                   officer=OfficerFields(doc_number="川渝联防办〔2026〕1号")),
                    scheme=scheme, meta=forecast.meta, docx=docx, pdf=pdf)
    record_letters(lib, case, [docx, pdf], scheme=scheme, issued_at=bj(2026, 1, 10, 16))
    lib.issue_letter(case, kind="lift", number="川渝联防办〔2026〕2号", issued_at=bj(2026, 1, 17, 9),
                     changes=[LetterChange("lift", "成都平原地区", "none", bj(2026, 1, 17, 10))])

    # 2. the cities' starts: on time, two hours late, higher (allowed), lower, not notified, on time
    for city, when, level in (("成都市", bj(2026, 1, 12, 20), "orange"), ("德阳市", bj(2026, 1, 13, 2), "orange"),
                              ("绵阳市", bj(2026, 1, 12, 21), "red"), ("眉山市", bj(2026, 1, 12, 22), "yellow"),
                              ("雅安市", bj(2026, 1, 12, 23), "orange")):
        lib.add_city_notice(case, city, when, level)
    assert main(["case", "--db", str(db), "status", case, "--at", "2026-01-18T12:00", "--json", str(tmp_path / "s.json")]) == 0
    status = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    first = {s["city"]: s for s in status["starts"] if s["kind"] == "first"}
    assert [first[c]["outcome"] for c in PLAIN] == ["on_time", "late", "higher", "lower", "not_notified", "on_time"]
    assert first["德阳市"]["late_minutes"] == 120

    # 3. five days of reports, 13–17 January: forms written per day, filled, imported by folder; two never came,
    #    one was corrected
    missing = {("乐山市", 14), ("眉山市", 16)}
    for day in range(13, 18):
        folder = tmp_path / f"forms-{day}"
        for form in write_forms(lib, case, scheme, date(2026, 1, day), folder):
            book = load_workbook(form)
            city = book["应对情况"]["B5"].value
            if (city, day) in missing:
                form.unlink()
                continue
            sheet = book["应对情况"]
            sheet["B8"], sheet["B10"] = "值班员", f"{city}分管副市长{day}日督导"
            sheet["B11"] = f"{city}停工工地{day * 3}个，重点企业落实橙色减排措施。"
            book.save(form)
        assert main(["case", "--db", str(db), "reports", case, str(folder)]) == 0
    corrected = tmp_path / "forms-15" / "应对情况-20260115-德阳市.xlsx"
    book = load_workbook(corrected)
    book["应对情况"]["B11"] = "德阳市停工工地52个（更正），重点企业落实橙色减排措施。"
    book.save(corrected)
    assert main(["case", "--db", str(db), "reports", case, str(corrected)]) == 0
    capsys.readouterr()

    # 4. eight leads: two closed, one never handed over (overdue by the 18th), the rest on their way
    numbers = []
    spec = [("扬尘源", "成都市", "四川"), ("工业源", "德阳市", "重庆"), ("移动源", "绵阳市", "四川"),
            ("面源", "眉山市", "重庆"), ("工业源", "乐山市", "四川"), ("扬尘源", "雅安市", "重庆"),
            ("移动源", "成都市", "四川"), ("面源", "德阳市", "重庆")]
    for n, (source, unit, side) in enumerate(spec):
        numbers.append(add_lead(lib, case, source=source, unit=unit, description=f"{unit}{source}问题{n + 1}",
                                found_by=side, at=bj(2026, 1, 13 if n < 7 else 15, 9 + n), by_name="巡查组"))
    other = {"四川": "重庆", "重庆": "四川"}
    for n, lead in enumerate(numbers[:7]):
        side = spec[n][2]
        add_step(lib, case, lead, "移交", side=side, by_name="办公室", at=bj(2026, 1, 13, 18))
        add_step(lib, case, lead, "处置", side=other[side], by_name="属地", at=bj(2026, 1, 14, 10))
        if n < 4:
            add_step(lib, case, lead, "整改", side=other[side], by_name="属地", at=bj(2026, 1, 15, 10))
        if n < 2:
            add_step(lib, case, lead, "销号", side=side, by_name="办公室", at=bj(2026, 1, 16, 10))

    # 5. the 调度日报 of the 16th and the push sheet to 重庆, as the receiving office reads them
    out = tmp_path / "out"
    out.mkdir()
    assert main(["case", "--db", str(db), "daily", case, "--day", "2026-01-16", "--at", "2026-01-16T20:00",
                 "--docx", str(out / "daily.docx"), "--pdf", str(out / "daily.pdf")]) == 0
    daily = pdf_text(out / "daily.pdf")
    for words in ("川渝地区重污染天气应急调度日报", "第4期", "成都平原地区橙色预警", "应报送6个城市，已报送5个",
                  "未报送1个（眉山市）", "德阳市滞后启动2小时", "乐山市未通报", "成都市：成都市停工工地48个",
                  "累计登记跨区域问题线索8条，已销号2条，办理中6条"):
        assert words in daily, words
    pages = subprocess.run(["pdfinfo", str(out / "daily.pdf")], capture_output=True, text=True).stdout
    assert int(re.search(r"Pages:\s+(\d+)", pages).group(1)) in (1, 2)  # one to two pages for the leaders
    assert main(["case", "--db", str(db), "push-sheet", case, "--to", "四川", "--at", "2026-01-18T12:00",
                 "--pdf", str(out / "push.pdf"), "--docx", str(out / "push.docx")]) == 0
    sheet = pdf_text(out / "push.pdf")
    assert "川渝地区跨区域重污染天气问题线索推送单" in sheet and "四川省生态环境厅：" in sheet
    # the open leads 重庆 found (the closed 渝20260113-01 is not pushed again), the overdue one marked
    assert "渝20260113-02" in sheet and "渝20260115-01" in sheet and "（已逾期）" in sheet
    assert "渝20260113-01" not in sheet and "川20260113" not in sheet

    # 6. the review: sections 四 and 五 from the case, the officer's judgement after them
    lib.set_report_text(case, "measures", "各城市减排措施总体落实到位。")
    observations = load_observations(SAMPLES_DIR / "observed-regional-orange.csv")
    issued, times = lib.issued_warnings(case)
    rv = review(observations, {"首报": forecast}, scheme, neighbours, issued=issued, issued_times=times,
                issued_periods=lib.warning_periods(case))
    written = write_review_report(rv, scheme, docx=tmp_path / "review.docx", pdf=tmp_path / "review.pdf",
                                  texts=lib.report_texts(case), case=case_for_report(lib, case, scheme,
                                                                                     at=bj(2026, 1, 18, 12)))
    text = pdf_text(written["pdf"])
    four = text[text.index("四、应急响应情况"):text.index("五、措施落实情况及环境效益")]
    five = text[text.index("五、措施落实情况及环境效益"):text.index("六、存在的问题及改进措施")]
    for words in ("应启动或调整预警共12城次", "按时启动2个", "按自身更高级别执行1个", "滞后启动1个", "低于要求级别1个",
                  "滞后启动2小时", "应报送应对情况30份，已报送28份（其中1份报送了更正版本）", "乐山市1月14日",
                  "眉山市1月16日", "编发调度日报1期（1月16日）"):
        assert words in four, words
    for words in ("德阳市（报送5天）：德阳市停工工地51个", "共登记问题线索8条", "已销号2条", "超过办理时限1条",
                  "渝20260115-01", "各城市减排措施总体落实到位"):
        assert words in five, words
    from docx import Document

    body = "\n".join(p.text for p in Document(written["docx"]).paragraphs)
    assert "共登记问题线索8条" in body and "应报送应对情况30份" in body
