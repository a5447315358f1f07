"""GB/T 9704 §7.3.5.4: the 署名 and 成文日期 never stand on a page without body text — in the PDF, and in the
.docx as LibreOffice lays it out (keep-with-next on the body's last lines, the blank line and the 署名)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from app.cli import main
from app.paths import SAMPLES_DIR

LETTERS = [
    ["sample-red-plain-south.csv", "--per-route", "--doc-number", "川渝联防办〔2026〕7号"],
    ["sample-red-plain-south.csv", "--per-side", "--doc-number", "川渝联防办〔2026〕7号", "--doc-number",
     "川环函〔2026〕7号", "--doc-number", "渝环函〔2026〕7号"],
    ["sample-red-plain-south.csv", "--per-route", "--red-header", "--doc-number", "川渝联防办〔2026〕7号"],
]


def _pages(pdf) -> list[list[str]]:
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    return [["".join(line.split()) for line in page.splitlines() if line.strip()] for page in text.split("\f")]


def closing_pages(pdf, date_text: str) -> list[tuple[int, list[str]]]:
    """Each letter's page with its 成文日期 alone on a line: (page index, the lines above the date)."""
    found = []
    for n, lines in enumerate(_pages(pdf)):
        for k, line in enumerate(lines):
            if line == date_text:
                found.append((n, lines[:k]))
    return found


def assert_body_with_closing(pdf, date_text: str, letters: int) -> None:
    found = closing_pages(pdf, date_text)
    assert len(found) == letters, found
    for page, above in found:
        # above the date: the 署名, and at least two lines of body text (no page number, no 红头 alone)
        body = [line for line in above[:-1] if not line.startswith("—")]
        assert len(body) >= 2, (page, above)
        assert above[-1].endswith("办公室") or above[-1].endswith("厅") or above[-1].endswith("局"), above


pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler not installed")


@pytest.mark.parametrize("args", LETTERS, ids=lambda a: "-".join(x.strip("-") for x in a[1:] if x.startswith("--") and x != "--doc-number"))
def test_signature_and_date_share_a_page_with_body_text(tmp_path, capsys, args):
    pdf = tmp_path / "letters.pdf"
    assert main(["proposal", str(SAMPLES_DIR / args[0]), *args[1:], "--date", "2026-12-19",
                 "--docx", str(tmp_path / "letters.docx"),
                 "--pdf", str(pdf)]) == 0, capsys.readouterr().err
    letters = sum(1 for page in _pages(pdf) for line in page if line.startswith("关于"))
    assert_body_with_closing(pdf, "2026年12月19日", letters)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_signature_and_date_share_a_page_with_body_text_in_libreoffice(tmp_path, capsys):
    docx = tmp_path / "letters.docx"
    assert main(["proposal", str(SAMPLES_DIR / LETTERS[1][0]), *LETTERS[1][1:], "--date", "2026-12-19",
                 "--docx", str(docx)]) == 0, capsys.readouterr().err
    out = tmp_path / "lo"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(out), str(docx)], check=True, capture_output=True,
                   timeout=180)
    assert_body_with_closing(out / "letters.pdf", "2026年12月19日", 3)
