"""``hazedesk proposal FORECAST --observed OBS --in-force IN_FORCE.json`` end to end on the season sample: the
forecast of 12-16 with the winter's observations spliced before it, where the red episode has been running since
12-14. A red warning proposed (pending) to start 12-18 is revised to the forecast's first hour: the letter says
since when the episode has been observed and carries no lead time, in the PDF, the Word file and the 呈批件 (issue
28, Letters); an upgrade already observed, a pending extension and the running start letter likewise. --split
names the revise letter (it failed on the kind)."""

from __future__ import annotations

import json
import re
import subprocess

import pytest
from docx import Document

from app.cli import main
from app.paths import SAMPLES_DIR

SEASON = SAMPLES_DIR / "season-winter"
IN_FORCE = [{"region": "盆地中部地区", "level": "red", "start": "2025-12-18T00:00"},  # pending: the letter went out
            {"region": "盆地南部地区", "level": "orange", "start": "2025-12-14T00:00"},  # in effect
            {"region": "成都平原地区", "level": "orange", "start": "2025-12-16T00:00", "end": "2025-12-16T23:00"}]
SINCE = "据监测，{region}自2025年12月14日00时起已出现重污染天气（实况）"


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    folder = tmp_path_factory.mktemp("running")
    in_force = folder / "in-force.json"
    in_force.write_text(json.dumps(IN_FORCE, ensure_ascii=False), encoding="utf-8")
    code = main(["proposal", str(SEASON / "forecast-2025-12-16.csv"), "--observed", str(SEASON / "observed-hourly.csv"),
                 "--in-force", str(in_force), "--split", "--approval-form", "--pdf", str(folder / "d.pdf"),
                 "--docx", str(folder / "d.docx"), "--date", "2025-12-16"])
    assert code == 0
    return folder


def _pdf(path) -> str:
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", "", text)


def _docx(path) -> str:
    document = Document(str(path))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return re.sub(r"\s+", "", "".join([p.text for p in document.paragraphs] + cells))


def test_the_revise_letter_says_since_when_and_has_no_lead_time(written):
    names = sorted(p.name for p in written.glob("d-*"))
    assert "d-1-调整-盆地中部地区.pdf" in names and "d-1-调整-盆地中部地区-呈批件.pdf" in names, names
    for text in (_pdf(written / "d-1-调整-盆地中部地区.pdf"), _docx(written / "d-1-调整-盆地中部地区.docx")):
        assert "原建议于2025年12月18日00时启动" in text
        assert SINCE.format(region="盆地中部地区") in text
        assert "建议于2025年12月16日00时启动，预计持续至2025年12月17日24时" in text
        assert "提前量" not in text and "请核对" not in text
    for form in (_pdf(written / "d-1-调整-盆地中部地区-呈批件.pdf"), _docx(written / "d-1-调整-盆地中部地区-呈批件.docx")):
        assert "（实况：2025年12月14日00时起已出现重污染天气）" in form
        assert "提前量" not in form and "请核对" not in form and "不足方案要求" not in form


def test_the_other_letters_of_the_running_episode(written):
    upgrade = _pdf(written / "d-2-升级-盆地南部地区.pdf")
    assert "实况：该变化自2025年12月14日00时起已经出现" in upgrade and "提前量" not in upgrade
    assert "（实况：2025年12月14日00时起已达到红色预警启动条件）" in _pdf(written / "d-2-升级-盆地南部地区-呈批件.pdf")
    extend = _docx(written / "d-3-延长-成都平原地区.docx")
    assert SINCE.format(region="成都平原地区") in extend and "提前量" not in extend
    start = _pdf(written / "d-4-启动-橙色.pdf")
    assert "据监测，盆地东北部地区自2025年12月14日00时起已出现重污染天气" in start and "提前量" not in start
    assert "（实况：2025年12月14日00时起已出现重污染天气）" in _pdf(written / "d-4-启动-橙色-呈批件.pdf")
