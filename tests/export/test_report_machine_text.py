"""The minutes and the review report as the receiving office reads them (issue 24 items 6 and 7): sources named
by their producer, no file names, fingerprints, scheme ids or "00—24时" on the page, no line starting with "："
or "，", table cells broken between words only, page numbers in the .docx as in the PDF."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile

import pytest

from app.cli import main
from app.export.review_report import cell_lines, words
from app.paths import SAMPLES_DIR

SOURCES = ["sample-red-plain-south.csv", "consult-wrfchem-wrfout_d01.nc", "consult-cmaq-CCTM_CONC_CN36.nc",
           "consult-sichuan-daily-range.csv", "consult-chongqing.csv"]
MACHINE = re.compile(r"\.csv|\.nc\b|sample-|chuanyu-20|[0-9a-f]{16}|00—24时|\d{4}-\d{2}-\d{2}|\d{2}:\d{2}")

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler not installed")


def _text(pdf) -> str:
    return subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def _has_page_field(docx) -> bool:
    with zipfile.ZipFile(docx) as z:
        return any(" PAGE " in z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("word/footer"))


def test_cells_break_between_words_only():
    assert words("盆地中部地区") == ["盆地", "中部", "地区"]  # never 盆地中部地|区
    assert cell_lines("盆地中部地区", 5) == ["盆地中部", "地区"]
    assert cell_lines("sample-red-plain-south", 8) == ["sample-red-plain-south"]  # never sample-red-p|lain-south
    assert cell_lines("橙色，12月21日至24日", 5) == ["橙色，", "12月21日", "至24日"]
    assert all(not line.startswith(("，", "：", "）")) for line in cell_lines("命中（等级偏高一级），提前量：38小时", 3))


@needs_poppler
def test_minutes_name_sources_by_producer_and_print_no_machine_text(tmp_path, capsys):
    pdf, docx = tmp_path / "minutes.pdf", tmp_path / "minutes.docx"
    for out in (pdf, docx):
        assert main(["consult", *(str(SAMPLES_DIR / f) for f in SOURCES), "--decided-at", "2026-12-19T10:30",
                     "--recorded-by", "张三", "--participants", "工作小组办公室、四川省环境监测总站",
                     "--json", str(tmp_path / "r.json"), "--minutes", str(out)]) == 0, capsys.readouterr().err
    text = _text(pdf)
    assert not MACHINE.search(text), MACHINE.findall(text)
    flat = "".join(text.split())
    assert "会商时间：2026年12月19日10时30分。记录人：张三。" in flat
    assert "参会单位及人员：工作小组办公室、四川省环境监测总站。" in flat
    assert "《川渝地区秋冬季重污染天气应急联动工作方案》" in flat and "自然日（0—24时）" in flat
    assert "西南区域空气质量预测预报中心（12月19日10时发布）" in flat
    assert _has_page_field(docx)


@needs_poppler
def test_review_report_prints_no_machine_text_and_no_line_starts_with_punctuation(tmp_path, capsys):
    pdf, docx = tmp_path / "review.pdf", tmp_path / "review.docx"
    assert main(["review", "--observed", str(SAMPLES_DIR / "observed-red-plain-south.csv"), "--forecast",
                 str(SAMPLES_DIR / "sample-red-plain-south.csv"), "--pdf", str(pdf), "--docx", str(docx),
                 "--json", str(tmp_path / "r.json")]) == 0, capsys.readouterr().err
    text = _text(pdf)
    assert not MACHINE.search(text), MACHINE.findall(text)
    starts = [line.strip() for line in text.splitlines() if line.strip()[:1] in ("：", "，", "。", "、", "）")]
    assert not starts, starts
    assert "西南区域空气质量预测预报中心（12月19日10时发布" in "".join(text.split())
    assert _has_page_field(docx)


def test_units_outside_the_linkage_are_never_painted_a_warning_level():
    from app.export.inputs import load_and_evaluate
    from app.export.map_layers import OUTSIDE_RGB, frame_at

    inputs = load_and_evaluate(str(SAMPLES_DIR / "sample-red-plain-south.csv"))
    ev = inputs.evaluation
    row = ev.units.index("广元市")
    hour = int(ev.warned_level[row].argmax())
    assert ev.warned_level[row, hour] > 0  # 广元 reaches a level of its own in the sample
    frame = frame_at(ev, "warning", time=ev.times[hour].to_pydatetime())
    assert frame.colours["广元市"] == OUTSIDE_RGB  # was orange with hatching, no legend entry


def test_map_footer_names_no_program():
    from app.export.inputs import load_and_evaluate
    from app.export.map_layers import frame_at
    from app.export.maps import MapExporter

    inputs = load_and_evaluate(str(SAMPLES_DIR / "sample-red-plain-south.csv"))
    exporter = MapExporter(inputs.evaluation, inputs.forecast.meta, inputs.scheme)
    texts = exporter.texts(frame_at(inputs.evaluation, "warning", time=inputs.evaluation.times[60].to_pydatetime()))
    assert "HazeDesk" not in texts.source and "《川渝地区秋冬季重污染天气应急联动工作方案》" in texts.source
    assert "（2025年10月28日版）" in texts.source  # the scheme's version as a date in words, not 2025.10.28


def test_chart_days_are_written_as_documents_write_them():
    from datetime import datetime

    from matplotlib.dates import date2num

    from app.export.timelines import day_label

    value = date2num(datetime(2026, 12, 20))
    assert day_label(with_month=True)(value, 0) == "12月20日" and day_label()(value, 0) == "20日"  # not 12-20
