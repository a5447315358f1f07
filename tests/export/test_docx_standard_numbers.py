"""A standard's number (HJ 633-2012) is never split across lines in the Word letter: LibreOffice set "HJ 63" at
one line's end and "3-2012" at the next (the PDF kept it whole). The number is its own English run (in a zh-CN
run LibreOffice breaks between any two digits), with a figure space (no-break) after the code and a word joiner
after the hyphen."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile

import pytest

from app.cli import main
from app.paths import SAMPLES_DIR

SEASON = SAMPLES_DIR / "season-winter"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _letter(tmp_path, capsys):
    docx = tmp_path / "letter.docx"  # the season walk's letter: "…按HJ 633-2012以自然日…" fell at a line's end
    assert main(["proposal", str(SEASON / "forecast-2025-12-15.csv"), "--observed",
                 str(SEASON / "observed-hourly.csv"), "--docx", str(docx), "--date", "2025-12-15"]) == 0, \
        capsys.readouterr().err
    return docx


def test_the_number_is_one_unbreakable_english_run(tmp_path, capsys):
    from lxml import etree

    docx = _letter(tmp_path, capsys)
    root = etree.fromstring(zipfile.ZipFile(docx).read("word/document.xml"))
    runs = [r for r in root.iter(f"{W}r") if "633" in "".join(t.text or "" for t in r.iter(f"{W}t"))]
    assert runs
    for run in runs:
        assert "".join(t.text for t in run.iter(f"{W}t")) == "HJ\u2007633-\u20602012"
        assert run.find(f"{W}rPr/{W}lang").get(f"{W}val") == "en-US"
    body = "".join(t.text or "" for t in root.iter(f"{W}t"))
    assert "HJ 633" not in body and "按HJ\u2007633-\u20602012以自然日" in body


@pytest.mark.parametrize("text, kept", [("按GB 3095-2012和HJ 633-2026", ["GB\u20073095-\u20602012", "HJ\u2007633-\u20602026"]),
                                        ("GB/T 9704-2012", ["GB/T\u20079704-\u20602012"]),
                                        ("2026年12月15日", []), ("PM2.5-2012", [])])
def test_which_texts_are_standard_numbers(text, kept):
    from app.export.docx_xml import STANDARD_NUMBER, standard_number_text

    assert [standard_number_text(m) for m in STANDARD_NUMBER.finditer(text)] == kept


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice not installed")
def test_libreoffice_keeps_the_number_on_one_line(tmp_path, capsys):
    docx = _letter(tmp_path, capsys)
    out = tmp_path / "lo"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(out), str(docx)], check=True, capture_output=True,
                   timeout=180)
    text = subprocess.run(["pdftotext", str(out / "letter.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    lines = [re.sub(r"[\s\u2007\u2060]+", " ", line).strip() for line in text.splitlines()]
    assert any("HJ 633-2012" in line for line in lines), [line for line in lines if "HJ" in line or "2012" in line]


def test_the_review_report_keeps_its_numbers_together_too():
    """The review report (复盘报告) writes "…HJ 633-2012由PM2.5日均浓度计算" into its Word file as well."""
    import io

    from docx import Document

    from app.export.review_report import Block, render_docx

    data = render_docx([Block("title", "复盘报告"), Block("p", "实况按HJ 633-2012由PM2.5日均浓度计算。")])
    runs = [r for p in Document(io.BytesIO(data)).paragraphs for r in p.runs if "633" in r.text]
    assert [r.text for r in runs] == ["HJ\u2007633-\u20602012"]
    assert runs[0]._r.find(f"{W}rPr/{W}lang").get(f"{W}val") == "en-US"


def test_the_other_documents_keep_numbers_whole_without_the_letters_model():
    """The 调度日报 and 复盘报告 keep standard numbers whole with a helper that does not load the letter's model
    (app.domain.proposal, and pandas with it): from it, `case daily` took 0.3 s longer (issue 26's bench row)."""
    import subprocess
    import sys

    code = ("import sys, docx, app.export.dispatch, app.export.review_report\n"
            "from app.export.docx_xml import keep_standard_numbers\n"
            "d = docx.Document(); d.add_paragraph('按HJ 633-2012计算'); keep_standard_numbers(d)\n"
            "assert '\\u2007633-\\u20602012' in d.element.xml\n"
            "print(sorted(m for m in ('pandas', 'app.domain.proposal', 'app.export.proposal_docx') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
