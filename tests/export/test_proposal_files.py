"""The letter as files: .docx runs carry the East Asian font, the PDF embeds its fonts, writes are atomic."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import zipfile
from datetime import date

import pytest
from docx import Document
from docx.oxml.ns import qn

from app.domain.proposal import OfficerFields, build_proposal
from app.errors import InputError
from app.export.audit import file_sha256, read_audit
from app.export.letters import export_proposal
from app.export.proposal_docx import render_docx
from app.export.proposal_pdf import render_pdf
from tests.export.pdfcheck import embedded_font_report, fonts_embedded_bytes, text_of


@pytest.fixture(scope="module")
def letter(orange):
    return build_proposal(orange.evaluation, orange.forecast.meta, orange.scheme, episodes=[0, 1, 2],
                          officer=OfficerFields(doc_number="川渝联防办〔2026〕3号", date=date(2026, 1, 9),
                                                copy_to="西南区域空气质量预测预报中心"),
                          met=orange.forecast.met)


def _runs(document):
    for paragraph in document.paragraphs:
        yield from paragraph.runs


@pytest.mark.parametrize("fonts,body,title", [("office", "仿宋_GB2312", "方正小标宋简体"),
                                              ("bundled", "HazeDesk Zhuque Fangsong", "HazeDesk Noto Serif SC")])
def test_docx_runs_carry_the_east_asian_font(letter, fonts, body, title):
    document = Document(io.BytesIO(render_docx(letter, word_fonts=fonts)))
    runs = [r for r in _runs(document) if r.text.strip()]
    assert runs
    for run in runs:
        rfonts = run._element.rPr.find(qn("w:rFonts"))
        assert rfonts is not None and rfonts.get(qn("w:eastAsia")), run.text
    by_style = {p.style.name: p for p in document.paragraphs if p.text.strip()}
    title_run = by_style["HD 标题"].runs[0]
    assert by_style["HD 标题"].text.replace("\n", "") == letter.title
    assert title_run._element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == title
    assert by_style["HD 正文"].runs[0]._element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == body
    assert (title_run._element.rPr.find(qn("w:b")) is not None) == (fonts == "bundled")
    style_fonts = document.styles["HD 正文"].element.rPr.find(qn("w:rFonts"))
    assert style_fonts.get(qn("w:eastAsia")) == body
    assert ("OFL" in document.core_properties.comments) == (fonts == "bundled")


def test_docx_layout_and_content(letter):
    document = Document(io.BytesIO(render_docx(letter, word_fonts="office")))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = [round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin,
                                     section.right_margin)]
    assert margins == [37, 35, 28, 26]
    body = document.styles["HD 正文"]
    assert body.font.size.pt == 16 and body.paragraph_format.line_spacing.pt == 28.95  # 225 mm / 22 lines
    text = "\n".join(p.text for p in document.paragraphs)
    text += "\n" + "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)  # the 版记 table
    assert "{{" not in text and "{%" not in text
    for expected in (letter.doc_number, "一、预警建议", "（三）成都平原地区橙色预警",
                     "抄报：生态环境部。", "抄送：西南区域空气质量预测预报中心。", "2026年1月9日"):
        assert expected in text
    assert text.count("5.审批程序") == 3 and letter.title in text.replace("\n", "")


def test_pdf_embeds_every_font_and_keeps_text(letter, tmp_path):
    data = render_pdf(letter)
    descriptors, programs, standard = fonts_embedded_bytes(data)
    assert descriptors >= 3 and programs == descriptors and standard == 0
    pdf = tmp_path / "letter.pdf"
    pdf.write_bytes(data)
    report = embedded_font_report(pdf)
    if report:
        assert all(embedded for _, embedded in report), report
        assert all("HazeDesk" in name for name, _ in report)
    text = text_of(pdf)
    if text is not None:
        flat = "".join(text.split())
        assert "关于启动川渝地区重污染天气区域橙色预警" in flat
        assert "抄报：生态环境部" in flat and "工作小组组长（或其委托的副组长）审批" in flat
    import re
    from datetime import datetime, timedelta

    stamp = re.search(rb"/CreationDate \(D:(\d{14})", data).group(1).decode()
    assert abs(datetime.strptime(stamp, "%Y%m%d%H%M%S") - datetime.now()) < timedelta(minutes=5)  # created now


def test_export_writes_both_and_audits(letter, orange, tmp_path):
    paths = export_proposal(letter, docx=tmp_path / "a.docx", pdf=tmp_path / "a.pdf", scheme=orange.scheme,
                            meta=orange.forecast.meta, word_fonts="office")
    [entry] = read_audit()
    assert entry["kind"] == "proposal-start" and entry["scheme"] == {"id": "chuanyu-2025-26",
                                                                     "version": "2025-10-28"}
    assert entry["forecast"]["sha256"] == orange.forecast.meta.sha256 and len(entry["forecast"]["sha256"]) == 64
    assert [o["sha256"] for o in entry["outputs"]] == [file_sha256(p) for p in paths]
    assert entry["details"]["episodes"] == [1, 2, 3]
    assert zipfile.is_zipfile(paths[0]) and paths[1].read_bytes().startswith(b"%PDF")


@pytest.fixture
def read_only_dir(tmp_path):
    """A folder nobody may write into: chmod for a normal user; for root (which ignores permissions) the
    immutable attribute (chattr +i). Skipped where neither takes effect."""
    folder = tmp_path / "ro"
    folder.mkdir()
    root = os.name == "posix" and os.geteuid() == 0
    if root and shutil.which("chattr"):
        subprocess.run(["chattr", "+i", str(folder)], capture_output=True)
    else:
        folder.chmod(0o500)
    try:
        (folder / "probe").touch()
    except OSError:
        pass
    else:
        (folder / "probe").unlink()
        pytest.skip("this system lets us write into a read-only folder")
    yield folder
    if root and shutil.which("chattr"):
        subprocess.run(["chattr", "-i", str(folder)], capture_output=True)
    folder.chmod(0o700)


def test_read_only_folder_gives_input_error_and_no_file(letter, orange, read_only_dir):
    with pytest.raises(InputError, match="cannot write here"):
        export_proposal(letter, docx=read_only_dir / "a.docx", pdf=read_only_dir / "a.pdf", scheme=orange.scheme,
                        meta=orange.forecast.meta)
    assert list(read_only_dir.iterdir()) == []
    assert read_audit() == []


def test_locked_target_keeps_the_old_file(letter, orange, tmp_path, monkeypatch):
    target = tmp_path / "a.pdf"
    target.write_bytes(b"old letter")

    def locked(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(InputError, match="locked or read-only"):
        export_proposal(letter, pdf=target, scheme=orange.scheme, meta=orange.forecast.meta)
    assert target.read_bytes() == b"old letter"
    assert [p.name for p in tmp_path.iterdir()] == ["a.pdf"]  # no temporary file left behind
    assert read_audit() == []


def test_wrong_suffix_is_refused(letter, orange, tmp_path):
    with pytest.raises(InputError, match="wrong file type"):
        export_proposal(letter, docx=tmp_path / "a.pdf", scheme=orange.scheme, meta=orange.forecast.meta)
