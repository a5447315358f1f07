"""``hazedesk proposal``: follow-up letters from warnings in force (one file or --split, exit 2 when all are kept),
per-route and per-side letters, the 呈批件, 成文日期 warnings in the interface language, and the Word form
(footer page field odd/even, 印发 tab, zh-CN, core properties, no stale thumbnail)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from datetime import UTC, datetime, timedelta

import pytest
from docx import Document

from app.cli import main
from app.paths import DEFAULT_SAMPLE, SAMPLES_DIR

RED = SAMPLES_DIR / "sample-red-plain-south.csv"


def _run(capsys, *args) -> tuple[int, object]:
    code = main([str(a) for a in args])
    return code, capsys.readouterr()


def _in_force(tmp_path, items) -> str:
    path = tmp_path / "in-force.json"
    path.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    return str(path)


# spec §7: a lift (东北部: no 过程) and an upgrade (中部's yellow → its orange 过程 from 12日); the other two regions'
# pending warnings are what the forecast has (keep), so these are the only two letters
LIFT_AND_UPGRADE = [{"region": "盆地东北部地区", "level": "yellow", "start": "2026-01-09T00:00"},
                    {"region": "盆地中部地区", "level": "yellow", "start": "2026-01-09T00:00",
                     "end": "2026-01-11T00:00"},
                    {"region": "盆地南部地区", "level": "orange", "start": "2026-01-12T00:00"},
                    {"region": "成都平原地区", "level": "orange", "start": "2026-01-13T00:00"}]


def _text(path) -> str:
    return "\n".join(p.text for p in Document(str(path)).paragraphs)


def test_followups_in_one_document_in_order(capsys, tmp_path):
    out = tmp_path / "follow.docx"
    code, res = _run(capsys, "proposal", DEFAULT_SAMPLE, "--in-force", _in_force(tmp_path, LIFT_AND_UPGRADE[:2]),
                     "--docx", out, "--pdf", tmp_path / "follow.pdf", "--date", "2026-01-09")
    assert code == 0, res.err
    text = _text(out)
    lift = text.index("关于解除盆地东北部地区")
    upgrade = text.index("关于盆地中部地区重污染天气")
    assert lift < upgrade  # in the order of the warnings in force
    # then, spec §7, one start letter per new warning: 盆地南部 and 成都平原 have no warning in force
    starts = [m.start() for m in re.finditer("关于启动川渝地区", text)]
    assert len(starts) == 2 and upgrade < starts[0]
    assert "（一）盆地南部地区橙色预警" in text and "（一）成都平原地区橙色预警" in text
    assert "（一）盆地中部地区橙色预警" not in text  # its 过程 is the warning in force's: upgraded, not started
    body = Document(str(out)).element.body
    breaks = [p for p in body.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}sectPr")]
    assert len(breaks) == 4  # each letter its own section (new page, pages from 1)
    assert all(b.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}pgNumType") is not None
               for b in breaks)
    if shutil.which("pdftotext"):
        pdf = subprocess.run(["pdftotext", str(tmp_path / "follow.pdf"), "-"], capture_output=True, text=True).stdout
        pages = [page.replace(" ", "") for page in pdf.split("\f")]
        assert sum("—1—" in page for page in pages) == 4  # each letter numbers its pages from 1


def test_split_writes_one_file_per_letter(capsys, tmp_path):
    code, res = _run(capsys, "proposal", DEFAULT_SAMPLE, "--in-force", _in_force(tmp_path, LIFT_AND_UPGRADE),
                     "--docx", tmp_path / "f.docx", "--split", "--date", "2026-01-09")
    assert code == 0, res.err
    names = sorted(p.name for p in tmp_path.glob("f-*.docx"))
    assert names == ["f-1-解除-盆地东北部地区.docx", "f-2-升级-盆地中部地区.docx"]
    assert "启动预警情况通报" not in _text(tmp_path / names[0])


def test_every_warning_kept_exits_2_with_the_reason(capsys, tmp_path):
    keep = LIFT_AND_UPGRADE[2:] + [{"region": "盆地中部地区", "level": "orange", "start": "2026-01-12T00:00"}]
    # every region's pending warning as the forecast has it: keep, and no new warning
    code, res = _run(capsys, "proposal", DEFAULT_SAMPLE, "--in-force", _in_force(tmp_path, keep),
                     "--docx", tmp_path / "k.docx")
    assert code == 2 and not (tmp_path / "k.docx").exists()
    assert "every warning in force is to be kept" in res.err and "成都平原地区" in res.err


def test_per_route_and_per_side_letters_and_approval_form(capsys, tmp_path):
    code, res = _run(capsys, "proposal", RED, "--per-route", "--per-side", "--split", "--approval-form",
                     "--docx", tmp_path / "r.docx", "--date", "2026-12-19")
    assert code == 0, res.err
    letters = sorted(p.name for p in tmp_path.glob("r-*.docx") if "呈批件" not in p.name)
    # two approval routes (orange / red), each combined + 四川省 + 重庆市
    assert len(letters) == 6 and sum("四川省" in n for n in letters) == 2 and sum("重庆市" in n for n in letters) == 2
    sichuan = next(tmp_path / n for n in letters if n.endswith("红色-四川省.docx"))
    text = _text(sichuan)
    assert "四川省生态环境厅" in text and "重庆市涪陵区" not in text.split("：")[0]
    forms = sorted(tmp_path.glob("*呈批件*.docx"))
    assert len(forms) == 6
    form_text = "\n".join(c.text for t in Document(str(forms[0])).tables for r in t.rows for c in r.cells)
    assert "拟稿" in form_text and "签发" in form_text and "审批程序" in form_text and "不足方案要求的72小时" in form_text


def test_date_warnings_follow_the_interface_language(capsys, tmp_path, monkeypatch):
    args = ("proposal", DEFAULT_SAMPLE, "--episode", "1", "--docx", tmp_path / "d.docx", "--date", "2026-01-20",
            "--doc-number", "川渝联防办〔2026〕3号")
    code, res = _run(capsys, *args)
    assert code == 0
    assert "warning: the letter date 2026年1月20日 is after the proposed start 2026年1月12日00时" in res.err
    assert "11 days before the letter" in res.err  # the forecast of 1月9日 is stale by the 20th
    monkeypatch.setenv("HAZEDESK_LANG", "zh")
    code, res = _run(capsys, *args)
    assert code == 0 and "警告：成文日期2026年1月20日晚于建议启动时间2026年1月12日00时" in res.err
    assert "请核实是否为最新预报" in res.err
    code, res = _run(capsys, "proposal", DEFAULT_SAMPLE, "--episode", "1", "--docx", tmp_path / "e.docx",
                     "--date", "2026-01-09", "--doc-number", "x")
    assert "成文日期" not in res.err  # --date before the start and one day after the issue: nothing to say


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def test_word_form_footer_fields_language_properties(capsys, tmp_path):
    out = tmp_path / "w.docx"
    code, res = _run(capsys, "proposal", DEFAULT_SAMPLE, "--docx", out, "--date", "2026-01-09")
    assert code == 0, res.err
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        settings = archive.read("word/settings.xml").decode()
        styles = archive.read("word/styles.xml").decode()
        footers = [archive.read(n).decode() for n in names if re.match(r"word/footer\d+\.xml", n)]
        app = archive.read("docProps/app.xml").decode()
        document_xml = archive.read("word/document.xml").decode()
    assert "evenAndOddHeaders" in settings
    assert len(footers) == 2 and all("PAGE" in f and 'fldCharType="begin"' in f and "— " in f for f in footers)
    aligns = sorted(re.search(r'<w:jc w:val="(\w+)"', f).group(1) for f in footers)
    assert aligns == ["left", "right"]  # even pages left, odd pages right
    assert 'w:eastAsia="zh-CN"' in styles and 'w:val="zh-CN"' in styles
    assert "<Application>HazeDesk</Application>" in app
    assert not any("thumbnail" in n for n in names)
    assert 'w:type="lines"' in document_xml and 'w:linePitch="579"' in document_xml
    document = Document(str(out))
    props = document.core_properties
    assert props.title.startswith("关于启动川渝地区重污染天气区域") and props.language == "zh-CN"
    created = props.created if props.created.tzinfo else props.created.replace(tzinfo=UTC)
    assert abs(created - datetime.now(UTC)) < timedelta(minutes=5)
    issue = [p for t in document.tables for r in t.rows for c in r.cells for p in c.paragraphs if "印发" in p.text]
    assert len(issue) == 1 and "\t" in issue[0].text and "  " not in issue[0].text  # a tab, not padded spaces
    tabs = document.styles["HD 版记"].paragraph_format.tab_stops
    assert [t.alignment for t in tabs] == [2]  # WD_TAB_ALIGNMENT.RIGHT
    for name in ("HD 一级标题", "HD 二级标题"):
        assert document.styles[name].paragraph_format.keep_with_next
    assert "HD 红头" not in {p.style.name for p in document.paragraphs}
    # the 版记 table floats with its last rule on the text block's lower edge (the bottom margin: 262 mm from the
    # page top), from the block's left edge (28 mm) measured from the page — which LibreOffice floats too
    [record] = [t for t in document.tables if "印发" in t.rows[-1].cells[0].text]
    position = record._tbl.tblPr.find(f"{W}tblpPr")
    heights = [int(h.get(f"{W}val")) for h in record._tbl.iter(f"{W}trHeight")]
    assert len(heights) == 2 and all(h.get(f"{W}hRule") == "exact" for h in record._tbl.iter(f"{W}trHeight"))
    assert (position.get(f"{W}vertAnchor"), position.get(f"{W}tblpYSpec")) == ("margin", "bottom")
    assert (position.get(f"{W}horzAnchor"), position.get(f"{W}tblpX")) == ("page", str(round(28 / 25.4 * 1440)))
    section = document.sections[-1]
    assert round(section.page_height.mm - section.bottom_margin.mm) == 262
    assert round(section.left_margin.mm) == 28 and position.get(f"{W}tblpY") is None


def test_red_header_is_optional(capsys, tmp_path):
    out = tmp_path / "red.docx"
    code, res = _run(capsys, "proposal", DEFAULT_SAMPLE, "--docx", out, "--pdf", tmp_path / "red.pdf",
                     "--red-header", "--date", "2026-01-09")
    assert code == 0, res.err
    red = [p for p in Document(str(out)).paragraphs if p.style.name == "HD 红头"]
    assert len(red) == 1 and red[0].text == "川渝地区秋冬季重污染天气应急联动工作小组办公室"
    if shutil.which("pdftoppm"):
        from PIL import Image

        subprocess.run(["pdftoppm", "-png", "-r", "30", "-f", "1", "-l", "1", str(tmp_path / "red.pdf"),
                        str(tmp_path / "page")], check=True)
        page = Image.open(next(tmp_path.glob("page*.png"))).convert("RGB")
        top = page.crop((0, 0, page.width, page.height // 4))
        reds = sum(n for n, (r, g, b) in top.getcolors(1 << 16) if r > 180 and g < 90 and b < 90)
        assert reds > 50  # the red organisation name and rule on the first page


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler")
def test_pdf_letter_text_has_no_machine_text(capsys, tmp_path):
    pdf = tmp_path / "l.pdf"
    code, res = _run(capsys, "proposal", RED, "--pdf", pdf, "--date", "2026-12-19")
    assert code == 0, res.err
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    assert not re.search(r"\d{4}-\d{2}-\d{2}|\d{2}:\d{2}", text)
    assert "HazeDesk" not in text and "generator" not in text
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert not [line for line in lines if line.endswith("（")]
    flat = text.replace(" ", "")
    assert "—1—" in flat and "—2—" in flat
