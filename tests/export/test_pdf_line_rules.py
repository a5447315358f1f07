"""Chinese punctuation that must not start a line (GB/T 15834) never does in the PDF letter."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from app.export.proposal_pdf import CHINESE_CANNOT_START, _styles

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")


def _lines(text: str, tmp_path) -> list[str]:
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    path = tmp_path / "p.pdf"
    styles = _styles()
    SimpleDocTemplate(str(path)).build([Paragraph(text, styles["p"])])
    out = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True)
    return [line.strip() for line in out.stdout.splitlines() if line.strip()]


@pytest.mark.parametrize("mark", list("，：；）"))
def test_no_line_starts_with_closing_punctuation(mark, tmp_path):
    # enough characters that the mark falls on a line boundary at some padding
    starts = set()
    for pad in range(0, 30):
        text = "重" * pad + ("四川省遂宁市、广安市、南充市；重庆市" + mark + "涪陵区、江北区") * 3
        starts |= {line[0] for line in _lines(text, tmp_path)}
    assert not starts & set(CHINESE_CANNOT_START), starts & set(CHINESE_CANNOT_START)
