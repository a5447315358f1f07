"""The 调度日报 stays on one to two pages for the group's leaders, even with all 40 linkage cities warned and
reporting (their measures then two to a table line) and open leads beyond the table (counted in a note)."""

from __future__ import annotations

import re
import subprocess
from datetime import date, datetime

from app.bench.response import _library
from app.cases.library import open_library
from app.cases.reports import import_reports
from app.domain.scheme import BEIJING, load_scheme
from app.export.dispatch import excerpt, write_daily


def test_forty_cities_fit_on_two_pages(tmp_path):
    path, case, forms = _library(tmp_path)
    lib = open_library(path)
    scheme = load_scheme()
    assert len(import_reports(lib, case, [forms], scheme).recorded) == 40
    written = write_daily(lib, case, scheme, date(2026, 1, 13), pdf=tmp_path / "d.pdf", docx=tmp_path / "d.docx",
                          at=datetime(2026, 1, 13, 20, tzinfo=BEIJING))
    pdf = next(p for p in written if p.suffix == ".pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) <= 2
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout.replace("\n", "")
    assert "40个城市报送摘要" in text and "另有3条办理中的线索" in text and "40个城市尚未通报启动情况" in text
    assert "盆地中部地区橙色预警（17个城市）" in text.replace(" ", "")


def test_an_excerpt_is_cut_at_a_sentence_or_a_comma():
    text = "停工建筑工地120个，洒水作业每日4次；重点企业落实橙色预警减排措施。"
    assert excerpt(text, 30) == "停工建筑工地120个，洒水作业每日4次；"
    assert excerpt(text, 16) == "停工建筑工地120个……"
    assert excerpt("全市停工", 30) == "全市停工。"
