"""Several letters in one file printed on both sides (issue 24 item 8): each letter starts on an odd page — a
blank, unnumbered page after a letter of an odd number of pages in the PDF, an odd-page section break in Word;
``--no-duplex`` for single-sided print."""

from __future__ import annotations

import shutil
import subprocess
import zipfile

import pytest

from app.cli import main
from app.paths import SAMPLES_DIR

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler not installed")


def _letter_starts(pdf) -> tuple[list[int], list[str]]:
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    pages = ["".join(p.split()) for p in text.split("\f")][:-1]
    return [n + 1 for n, p in enumerate(pages) if "川渝联防办〔2026〕" in p[:40]], pages


@pytest.mark.parametrize("duplex", [True, False])
def test_each_letter_starts_on_an_odd_page(tmp_path, capsys, duplex):
    pdf, docx = tmp_path / "l.pdf", tmp_path / "l.docx"
    assert main(["proposal", str(SAMPLES_DIR / "sample-red-plain-south.csv"), "--per-route", "--date", "2026-12-19",
                 "--doc-number", "川渝联防办〔2026〕7号", "--pdf", str(pdf), "--docx", str(docx),
                 *([] if duplex else ["--no-duplex"])]) == 0, capsys.readouterr().err
    starts, pages = _letter_starts(pdf)
    assert len(starts) == 2
    if duplex:
        assert all(n % 2 for n in starts), starts
        blank = [n + 1 for n, p in enumerate(pages) if not p]
        assert blank == [starts[1] - 1]  # the page before the second letter: blank, not numbered
    else:
        assert starts[1] == 4 and not [p for p in pages if not p]  # the first letter has three pages
    with zipfile.ZipFile(docx) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    assert ('w:val="oddPage"' in xml) == duplex
