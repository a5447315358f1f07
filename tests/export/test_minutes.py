"""The 会商纪要 (PDF and Word), the 预测依据 sentence in the letter, and the minutes beside letters and in the
briefing pack."""

from __future__ import annotations

import json
import re

import pytest

from app import cli
from app.consultation import build_consensus, compare, make_record, name_sources
from app.consultation.text import basis_sentence
from app.domain.scheme import load_scheme
from app.export.minutes import minutes_path, write_minutes
from app.importing import load_forecast
from app.paths import SAMPLES_DIR
from tests.export.pdfcheck import text_of

FILES = ["sample-red-plain-south.csv", "consult-wrfchem-wrfout_d01.nc", "consult-chongqing.csv"]


@pytest.fixture(scope="module")
def record():
    from maps.adjacency import scheme_adjacency

    scheme = load_scheme()
    sources = name_sources([load_forecast(SAMPLES_DIR / f) for f in FILES], names=["区域中心", "WRF-Chem", "重庆市站"])
    cmp = compare(sources, scheme, scheme_adjacency(scheme).neighbours)
    return make_record(cmp, build_consensus(cmp, "majority"), recorded_by="李四", note="同意多数一致意见")


def test_basis_sentence_names_the_sources_issue_times_and_method(record):
    text = basis_sentence(record)
    assert text.startswith("本预测经3家预报会商形成：区域中心（12月19日10时发布）、WRF-Chem（12月19日08时发布）")
    assert "多数一致原则" in text and "过半数" in text


def test_minutes_pdf_says_sources_grid_dissent_decision_and_recorder(record, tmp_path):
    out = write_minutes(record, tmp_path / "纪要.pdf")
    text = text_of(out)
    if text is None:
        pytest.skip("pdftotext is not installed")
    flat = "".join(text.split())
    for expected in ("川渝地区重污染天气预测会商纪要", "记录人：李四", "一、参加会商的预报", "区域中心", "WRF-Chem",
                     "二、分歧情况", "三、预报缺失情况", "重庆市站：没有成都平原地区的预报", "四、会商结论",
                     "会商意见：同意多数一致意见。"):
        assert expected in flat, expected
    for episode in record.consensus["episodes"]:
        assert episode["region"] + "：" in flat
    assert any(line.replace(" ", "") in flat for line in ("黄3橙3红2／3", "黄3橙3红3／3", "黄2橙2红2／2"))


def test_minutes_docx_carries_the_same_text(record, tmp_path):
    from docx import Document

    out = write_minutes(record, tmp_path / "纪要.docx")
    doc = Document(out)
    paragraphs = "\n".join(p.text for p in doc.paragraphs)
    assert "川渝地区重污染天气预测会商纪要" in paragraphs and basis_sentence(record) in paragraphs
    grid = doc.tables[1]
    assert [c.text for c in grid.rows[0].cells][1] == "12月20日"
    assert len(grid.rows) == 1 + len(record.regions)


def test_proposal_with_a_consultation_has_the_sentence_and_minutes_beside_and_in_the_briefing(
        record, tmp_path, capsys):
    saved = tmp_path / "c.json"
    saved.write_text(json.dumps(record.to_json(), ensure_ascii=False), encoding="utf-8")
    letter = tmp_path / "letter.pdf"
    code = cli.main(["proposal", str(SAMPLES_DIR / FILES[0]), "--consultation", str(saved), "--pdf", str(letter),
                     "--docx", str(tmp_path / "letter.docx")])
    assert code == 0, capsys.readouterr().err
    assert minutes_path(letter).name == "letter-会商纪要.pdf" and minutes_path(letter).exists()
    assert (tmp_path / "letter-会商纪要.docx").exists()
    from docx import Document

    body = "".join(p.text for p in Document(tmp_path / "letter.docx").paragraphs)
    assert basis_sentence(record) in body and body.index("三、预测依据") < body.index("本预测经3家预报会商形成")


def test_a_file_that_is_not_a_record_exits_2(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("HAZEDESK_LANG", "zh")
    bad = tmp_path / "x.json"
    bad.write_text('{"sources": 5}', encoding="utf-8")
    code = cli.main(["proposal", str(SAMPLES_DIR / FILES[0]), "--consultation", str(bad), "--pdf",
                     str(tmp_path / "l.pdf")])
    assert code == 2 and "不是会商记录" in capsys.readouterr().err


def test_the_letter_with_a_consultation_is_written_from_the_consensus(tmp_path, capsys):
    """The letter's levels are the adopted consensus's, not those of the file named on the command line (its 预测依据
    says the consensus): source:WRF-Chem for every region gives WRF-Chem's episodes from the regional centre's
    file."""

    from maps.adjacency import scheme_adjacency

    scheme = load_scheme()
    neighbours = scheme_adjacency(scheme).neighbours
    sources = name_sources([load_forecast(SAMPLES_DIR / f) for f in FILES], names=["区域中心", "WRF-Chem", "重庆市站"])
    cmp = compare(sources, scheme, neighbours)
    chosen = {r.name: "WRF-Chem" for r in scheme.regions}
    record = make_record(cmp, build_consensus(cmp, "source", chosen=chosen))
    saved = tmp_path / "c.json"
    saved.write_text(record.dumps(), encoding="utf-8")
    code = cli.main(["proposal", str(SAMPLES_DIR / FILES[0]), "--consultation", str(saved),
                     "--docx", str(tmp_path / "letter.docx")])
    assert code == 0, capsys.readouterr().err
    from docx import Document

    from app.domain.engine import evaluate

    body = "".join(p.text for p in Document(tmp_path / "letter.docx").paragraphs)
    wrf = evaluate(load_forecast(SAMPLES_DIR / FILES[1]), scheme, neighbours)
    centre = evaluate(load_forecast(SAMPLES_DIR / FILES[0]), scheme, neighbours)
    names = {"yellow": "黄色", "orange": "橙色", "red": "红色"}
    assert {(e.region, e.level) for e in wrf.episodes} != {(e.region, e.level) for e in centre.episodes}
    for episode in wrf.episodes:
        assert f"{episode.region}{names[episode.level]}预警" in body
    assert re.search(r"据\d{4}年\d+月\d+日\d{2}时(\d{2}分)?会商研判，", body)  # decided, not 发布
    # a forecast that took no part in the consultation is refused, by name
    code = cli.main(["proposal", str(SAMPLES_DIR / "sample-clean-week.csv"), "--consultation", str(saved),
                     "--docx", str(tmp_path / "other.docx")])
    assert code == 2 and "not one of the consultation's sources" in capsys.readouterr().err


def test_sources_months_apart_keep_only_the_days_forecast_and_the_grid_in_blocks(tmp_path):
    """The regional centre's January forecast consulted with December models: the record lists the days some
    source covers (not the 340 between), and the minutes set the grid in blocks of days instead of failing."""
    from app.export.minutes import GRID_DAYS, day_blocks
    from maps.adjacency import scheme_adjacency

    scheme = load_scheme()
    files = ["sample-regional-orange.csv", "sample-red-plain-south.csv", "consult-chongqing.csv"]
    sources = name_sources([load_forecast(SAMPLES_DIR / f) for f in files])
    cmp = compare(sources, scheme, scheme_adjacency(scheme).neighbours)
    record = make_record(cmp, build_consensus(cmp, "majority"))
    assert len(cmp.days) > 300 and len(record.days) == 14
    assert record.days[6] == "2026-01-16" and record.days[7] == "2026-12-20"
    assert set(record.regions["成都平原地区"]) == set(record.days)
    blocks = day_blocks(record)
    assert [len(b) for b in blocks] == [GRID_DAYS, 14 - GRID_DAYS] and sum(blocks, []) == record.days
    out = write_minutes(record, tmp_path / "纪要.pdf")
    text = text_of(out)
    if text is not None:
        flat = "".join(text.split())
        assert "1月16日" in flat and "12月20日" in flat
    from docx import Document

    doc = Document(write_minutes(record, tmp_path / "纪要.docx"))
    assert len(doc.tables) == 1 + len(blocks)


def test_minutes_are_dated_by_the_decision_not_2000(record, tmp_path):
    """Issue 25.9: the 会商纪要 from the window showed 2000-01-01 in its properties (ReportLab's invariant
    stamp); the PDF and the .docx carry the time the consensus was recorded."""
    from dataclasses import replace
    from datetime import datetime

    from docx import Document

    from app.domain.scheme import BEIJING

    dated = replace(record, recorded_at=datetime(2026, 12, 19, 16, 5, tzinfo=BEIJING))
    pdf = write_minutes(dated, tmp_path / "纪要.pdf").read_bytes()
    assert b"/CreationDate (D:20261219160500+08'00')" in pdf and b"D:2000" not in pdf
    if text_of(tmp_path / "纪要.pdf") is not None:  # still a readable PDF (same-length stamp: offsets intact)
        assert "会商纪要" in "".join(text_of(tmp_path / "纪要.pdf").split())
    docx = Document(write_minutes(dated, tmp_path / "纪要.docx"))
    assert docx.core_properties.created == datetime(2026, 12, 19, 16, 5, tzinfo=BEIJING)
