"""The .docx as a recipient on LibreOffice sees it: the 版记 at the foot of the last page, where the PDF has it
(LibreOffice keeps a floating table that it judges too wide for text beside it in the text flow)."""

from __future__ import annotations

import shutil
import subprocess

import numpy as np
import pytest

from app.cli import main

pytestmark = pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftoppm")),
                                reason="LibreOffice or poppler not installed")

DPI = 100


def _rules(pdf, page: int, tmp_path) -> tuple[list[int], tuple[int, int]]:
    """The rows of the last page's long horizontal rules (pixels at DPI) and their horizontal extent."""
    from PIL import Image

    stem = tmp_path / f"page-{pdf.stem}"
    subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", "-f", str(page), "-l", str(page), str(pdf), str(stem)],
                   check=True, capture_output=True, timeout=60)
    [image] = sorted(tmp_path.glob(f"{stem.name}-*.pgm"))
    dark = np.asarray(Image.open(image)) < 128
    rows = [int(y) for y in np.flatnonzero(dark.sum(axis=1) > dark.shape[1] * 0.6)]
    xs = np.flatnonzero(dark[rows[0]]) if rows else np.array([0])
    return rows, (int(xs.min()), int(xs.max()))


def _pages(pdf) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def test_the_record_block_sits_at_the_foot_of_the_last_page_in_libreoffice(tmp_path, capsys):
    from app.paths import DEFAULT_SAMPLE

    docx, pdf = tmp_path / "letter.docx", tmp_path / "letter.pdf"
    assert main(["proposal", str(DEFAULT_SAMPLE), "--docx", str(docx), "--pdf", str(pdf),
                 "--date", "2026-01-09"]) == 0, capsys.readouterr().err
    out = tmp_path / "lo"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(out), str(docx)], check=True, capture_output=True,
                   timeout=180)
    rendered = out / "letter.pdf"
    pages = _pages(rendered)
    assert pages == _pages(pdf)
    rows, extent = _rules(rendered, pages, tmp_path)
    reference_rows, reference_extent = _rules(pdf, _pages(pdf), tmp_path)
    foot = 262 / 25.4 * DPI  # the text block's lower edge: the 版记's last rule
    assert rows and abs(rows[-1] - foot) <= 2, (rows, foot)
    assert abs(rows[0] - reference_rows[0]) <= 2 and abs(rows[-1] - reference_rows[-1]) <= 2
    left, right = 28 / 25.4 * DPI, (28 + 156) / 25.4 * DPI  # as wide as the text block, aligned with it
    assert abs(extent[0] - left) <= 2 and abs(extent[1] - right) <= 2, extent
    assert abs(extent[0] - reference_extent[0]) <= 1 and abs(extent[1] - reference_extent[1]) <= 1
