"""The briefing pack and the proposal/map subcommands end to end (exit codes, files, audit)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

from app.domain.progress import Progress
from app.domain.proposal import build_proposal
from app.export.audit import read_audit
from app.export.briefing import export_briefing
from app.paths import SAMPLES_DIR
from tests.export.pdfcheck import fonts_embedded_bytes, text_of

SAMPLE = str(SAMPLES_DIR / "sample-regional-orange.csv")


def test_briefing_pack_has_every_part(orange, tmp_path):
    letter = build_proposal(orange.evaluation, orange.forecast.meta, orange.scheme, episodes=[0, 1, 2])
    seen = []
    out = export_briefing(orange.evaluation, orange.forecast.meta, orange.scheme, tmp_path / "b.pdf",
                          proposal=letter, progress=Progress(lambda f, m: seen.append(m)))
    data = out.read_bytes()
    # cover + summary + 7 daily maps + 3 region timelines + the letter (4 pages)
    assert len(re.findall(rb"/Type\s*/Page(?!s)", data)) == 1 + 1 + 7 + 3 + 4
    descriptors, programs, standard = fonts_embedded_bytes(data)
    assert programs == descriptors and standard == 0
    assert any(m.startswith("地图") for m in seen) and any(m.startswith("时间线") for m in seen)
    text = text_of(out)
    if text is not None:
        flat = "".join(text.split())
        for part in ("川渝地区重污染天气会商简报", "一、区域预警概况", "二、各区域逐日预警等级", letter.title):
            assert part in flat
    assert read_audit()[-1]["kind"] == "briefing"


def _cli(*args, home: Path):
    env = dict(os.environ, HAZEDESK_HOME=str(home))
    return subprocess.run([sys.executable, "-m", "app", *args], capture_output=True, text=True, env=env,
                          cwd=Path(__file__).resolve().parents[2])


@pytest.mark.parametrize("args,needle", [
    (["proposal", SAMPLE, "--episode", "7", "--pdf", "x.pdf"], "no such regional episode"),
    (["proposal", SAMPLE, "--episode", "two", "--pdf", "x.pdf"], "not an episode number"),
    (["proposal", SAMPLE], "no output given"),
    (["map", SAMPLE, "--out", "x.jpg"], ".png, .pdf or .svg"),
    (["map", SAMPLE, "--layer", "aqi", "--series", "daily", "--out", "x.png"], "aqi layer is hourly"),
])
def test_cli_bad_input_exits_2(args, needle, tmp_path):
    result = _cli(*[a.replace("x.", str(tmp_path / "x.")) for a in args], home=tmp_path)
    assert result.returncode == 2, result.stderr
    assert needle in result.stderr and "Traceback" not in result.stderr
    assert not list(tmp_path.glob("x*"))


def test_cli_proposal_and_map(tmp_path):
    result = _cli("proposal", SAMPLE, "--episode", "1", "--docx", str(tmp_path / "p.docx"), "--pdf",
                  str(tmp_path / "p.pdf"), "--doc-number", "川渝联防办〔2026〕3号", "--date", "2026-01-09",
                  "--met", "静稳高湿", home=tmp_path)
    assert result.returncode == 0, result.stderr
    # the outputs are opened and read, not only found: the letter the command was asked for, in both formats
    pdf_text = (text_of(tmp_path / "p.pdf") or "").replace("\n", "")
    with zipfile.ZipFile(tmp_path / "p.docx") as docx:
        docx_text = "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", docx.read("word/document.xml").decode()))
    for text in (pdf_text, docx_text):
        for expected in ("川渝联防办〔2026〕3号", "关于启动川渝地区重污染天气区域橙色预警的建议函", "盆地中部地区橙色预警",
                         "2026年1月12日00时", "静稳高湿", "2026年1月9日"):
            assert expected in text, (expected, text[:300])
        assert "盆地南部地区橙色预警" not in text  # --episode 1 only
    result = _cli("map", SAMPLE, "--day", "2026-01-13", "--layer", "daily", "--out", str(tmp_path / "m.svg"),
                  home=tmp_path)
    assert result.returncode == 0, result.stderr
    svg = ElementTree.parse(tmp_path / "m.svg").getroot()
    assert (svg.get("width"), svg.get("height")) == ("841.889764pt", "595.275591pt")  # A4 landscape
    fills = re.findall(r"fill: (#[0-9a-f]{6})", (tmp_path / "m.svg").read_text(encoding="utf-8"))
    # 01-13's daily AQI peaks at 199: many units 中度 (red), none 严重 (maroon: the legend's swatch only)
    assert fills.count("#ff0000") >= 10 and fills.count("#7e0023") <= 1
    entries = [json.loads(line) for line in (tmp_path / "audit.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [e["kind"] for e in entries] == ["proposal-start", "map"]
    assert entries[0]["details"]["episodes"] == [1] and entries[0]["details"]["doc_number"] == "川渝联防办〔2026〕3号"
