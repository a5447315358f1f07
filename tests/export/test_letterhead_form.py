"""One GB/T 9704 form for a letter with a 红头: the 信函格式 (§10.1) in the PDF and the .docx alike — the first
page carries no page number and a red double rule 20 mm above the paper's edge, the title stands two lines under
the 发文字号 (issue 24 item 8)."""

from __future__ import annotations

import shutil
import subprocess

import numpy as np
import pytest
from docx import Document

from app.cli import main
from app.paths import SAMPLES_DIR

pytestmark = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler not installed")
DPI = 60


@pytest.fixture(scope="module")
def letter(tmp_path_factory):
    folder = tmp_path_factory.mktemp("letterhead")
    pdf, docx = folder / "l.pdf", folder / "l.docx"
    assert main(["proposal", str(SAMPLES_DIR / "sample-red-plain-south.csv"), "--red-header", "--date",
                 "2026-12-19", "--doc-number", "川渝联防办〔2026〕7号", "--pdf", str(pdf), "--docx", str(docx)]) == 0
    return pdf, docx


def _red_rows(pdf, page: int, folder) -> list[int]:
    from PIL import Image

    stem = folder / f"p{page}"
    subprocess.run(["pdftoppm", "-r", str(DPI), "-png", "-f", str(page), "-l", str(page), str(pdf), str(stem)],
                   check=True, capture_output=True)
    [image] = sorted(folder.glob(f"p{page}-*.png"))
    rgb = np.asarray(Image.open(image).convert("RGB")).astype(int)
    red = (rgb[:, :, 0] > 180) & (rgb[:, :, 1] < 90) & (rgb[:, :, 2] < 90)
    return [int(y) for y in np.flatnonzero(red.sum(axis=1) > 170 / 25.4 * DPI * 0.9)]


def test_first_page_has_the_lower_red_rule_and_no_number(letter, tmp_path):
    pdf, _ = letter
    height = 297 / 25.4 * DPI
    rows = _red_rows(pdf, 1, tmp_path)
    assert any(abs((height - y) - 20 / 25.4 * DPI) <= 3 for y in rows), rows  # 20 mm above the lower edge
    assert rows and rows[0] < 60 / 25.4 * DPI  # the upper rule, 170 mm long as well
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    pages = ["".join(p.split()) for p in text.split("\f")]
    assert "—1—" not in pages[0] and "—2—" in pages[1]
    assert not _red_rows(pdf, 2, tmp_path)


def test_docx_first_page_footer_is_the_rule_and_the_title_two_lines_down(letter):
    _, docx = letter
    document = Document(str(docx))
    section = document.sections[0]
    assert section.different_first_page_header_footer
    footer = section.first_page_footer
    assert "PAGE" not in footer._element.xml and "E60012" in footer._element.xml
    styles = [p.style.name for p in document.paragraphs]
    number = styles.index("HD 文号")
    assert styles[number + 1:number + 4] == ["HD 正文", "HD 正文", "HD 标题"]
    assert all(not document.paragraphs[number + k].text.strip() for k in (1, 2))


def test_the_briefing_copy_of_a_letterhead_letter_ends_its_first_page_in_the_red_rule(tmp_path):
    """The briefing carries the letter as it was sent: its 信函-form first page has the lower red rule too (the copy
    lacked it), and the other pages of the copy do not."""
    pdf, briefing = tmp_path / "l.pdf", tmp_path / "b.pdf"
    assert main(["proposal", str(SAMPLES_DIR / "sample-red-plain-south.csv"), "--red-header", "--date",
                 "2026-12-19", "--pdf", str(pdf), "--briefing", str(briefing)]) == 0
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(briefing), "-"], capture_output=True, text=True,
                          check=True).stdout
    pages = ["".join(p.split()) for p in text.split("\f")]
    first = next(k for k, page in enumerate(pages, 1) if "应急联动工作小组办公室" in page and "建议函" in page)
    height = 297 / 25.4 * DPI
    rows = _red_rows(briefing, first, tmp_path)
    assert any(abs((height - y) - 20 / 25.4 * DPI) <= 3 for y in rows), rows
    assert not any(abs((height - y) - 20 / 25.4 * DPI) <= 3 for y in _red_rows(briefing, first + 1, tmp_path))
